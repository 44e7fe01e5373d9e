//! The conformance scenario: every operation of the spec, called through the generated client
//! with its documented success and error responses, against any server that claims to be
//! Keystone 12.0.3 (the real one in `live_conformance.rs`, the emulator in
//! `emulator_conformance.rs`, both in `differential.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::sync::Arc;

use keystone_v2::generated::Client as Raw;
use keystone_v2::hooks::{Exchange, Recorder};
use keystone_v2::managers::ListItems as _;
use keystone_v2::operations::OPERATIONS;
use keystone_v2::types;
use progenitor_client::{Error, ResponseValue};
use serde::Serialize;
use serde_json::json;

use super::{raw, root, unique_suffix, without_nulls};

struct Suite {
    rec: Arc<Recorder>,
}

fn body<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> T {
    serde_json::from_value(v).expect("a request body the generated type accepts")
}

impl Suite {
    /// Checks that the latest exchange was `op`, and that `value` re-serialises to exactly the
    /// JSON Keystone sent (no field dropped or altered; explicit nulls equal absent fields).
    fn lossless<T: Serialize>(&self, op: &str, value: &T) {
        let last = self.rec.last().expect("an exchange was recorded");
        assert_eq!(last.operation, op, "the latest exchange is not {op}");
        let raw: serde_json::Value = serde_json::from_slice(&last.body).unwrap_or_else(|e| {
            panic!(
                "{op}: the body is not JSON ({e}): {:?}",
                String::from_utf8_lossy(&last.body)
            )
        });
        let typed = serde_json::to_value(value).expect("serialisable");
        assert_eq!(
            without_nulls(typed),
            without_nulls(raw),
            "{op}: the generated type lost or changed data"
        );
    }

    /// Expects a success response; checks the body decodes without loss.
    async fn ok<T: Serialize, E: std::fmt::Debug>(
        &self,
        op: &str,
        call: impl Future<Output = Result<ResponseValue<T>, Error<E>>>,
    ) -> T {
        let value = match call.await {
            Ok(v) => v,
            Err(e) => panic!("{op}: expected success, got {e:?}"),
        };
        assert!(
            value.status().is_success(),
            "{op}: status {}",
            value.status()
        );
        let value = value.into_inner();
        self.lossless(op, &value);
        value
    }

    /// Expects a success response without a JSON body (204, HEAD).
    async fn ok_empty<T, E: std::fmt::Debug>(
        &self,
        op: &str,
        status: u16,
        call: impl Future<Output = Result<ResponseValue<T>, Error<E>>>,
    ) {
        match call.await {
            Ok(v) => assert_eq!(v.status().as_u16(), status, "{op}"),
            Err(e) => panic!("{op}: expected {status}, got {e:?}"),
        }
        assert_eq!(self.rec.last().map(|e| e.operation), Some(op));
    }

    /// Expects a documented error response with `status`, decoded into the spec's error type.
    async fn fails<T>(
        &self,
        op: &str,
        status: u16,
        call: impl Future<Output = Result<ResponseValue<T>, Error<types::ErrorResponse>>>,
    ) -> types::ErrorResponse {
        match call.await {
            Err(Error::ErrorResponse(rv)) => {
                assert_eq!(rv.status().as_u16(), status, "{op}: {:?}", rv.error.message);
                let err = rv.into_inner();
                assert_eq!(err.error.code, i64::from(status), "{op}: error.code");
                self.lossless(op, &err);
                err
            }
            other => panic!(
                "{op}: expected a documented {status} error, got {}",
                describe(&other)
            ),
        }
    }

    /// Expects a documented error response without a body (HEAD).
    async fn fails_empty(
        &self,
        op: &str,
        status: u16,
        call: impl Future<Output = Result<ResponseValue<()>, Error<()>>>,
    ) {
        match call.await {
            Err(Error::ErrorResponse(rv)) => assert_eq!(rv.status().as_u16(), status, "{op}"),
            other => panic!("{op}: expected a documented {status}, got {other:?}"),
        }
    }

    /// A PEM document served as text.
    async fn pem(
        &self,
        op: &str,
        call: impl Future<
            Output = Result<
                ResponseValue<progenitor_client::ByteStream>,
                Error<types::ErrorResponse>,
            >,
        >,
    ) {
        let stream = call.await.unwrap_or_else(|e| panic!("{op}: {e:?}"));
        assert_eq!(stream.status().as_u16(), 200);
        let last = self.rec.last().expect("recorded");
        let text = String::from_utf8_lossy(&last.body);
        assert!(
            text.contains("-----BEGIN CERTIFICATE-----"),
            "{op}: not a PEM certificate"
        );
    }
}

/// A readable outcome for failure messages (success bodies may not be `Debug`).
fn describe<T, E: std::fmt::Debug>(r: &Result<ResponseValue<T>, Error<E>>) -> String {
    match r {
        Ok(v) => format!("success {}", v.status()),
        Err(e) => format!("{e:?}"),
    }
}

async fn token(s: &Suite, client: &Raw, auth: serde_json::Value) -> types::Access {
    s.ok(
        "tokens_authenticate",
        client.tokens_authenticate(&body(json!({ "auth": auth }))),
    )
    .await
    .access
}

/// Runs the whole scenario against the server whose public and admin APIs are `public_url` and
/// `admin_url` (both ending in `/v2.0`), asserting every documented outcome on the way, and
/// returns every exchange it made, in order. Resources get unique names and are deleted at the
/// end, so it can run repeatedly against the same server.
pub async fn every_operation(
    public_url: &str,
    admin_url: &str,
    admin_password: &str,
    static_admin_token: &str,
) -> Vec<Exchange> {
    // In a debug build, polling the scenario's (very large) future needs more stack than a
    // test thread has: run it on a thread of its own with a roomy stack and its own runtime,
    // while this task's runtime stays free (to drive an in-process server, for example).
    let args = [public_url, admin_url, admin_password, static_admin_token].map(str::to_owned);
    let thread = std::thread::Builder::new()
        .name("conformance-scenario".into())
        .stack_size(64 << 20)
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a Tokio runtime for the scenario");
            let [public_url, admin_url, admin_password, token] = &args;
            runtime.block_on(run(public_url, admin_url, admin_password, token))
        })
        .expect("a thread for the scenario");
    match tokio::task::spawn_blocking(move || thread.join()).await {
        Ok(Ok(exchanges)) => exchanges,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(e) => panic!("the scenario thread was lost: {e}"),
    }
}

async fn run(
    public_url: &str,
    admin_url: &str,
    admin_password: &str,
    static_admin_token: &str,
) -> Vec<Exchange> {
    let rec = Arc::new(Recorder::new());
    let s = Suite { rec: rec.clone() };
    let (proot, aroot) = (root(public_url), root(admin_url));
    let pw = admin_password.to_owned();
    let public_anon = raw(&proot, None, &rec);
    let admin_anon = raw(&aroot, None, &rec);
    let suffix = unique_suffix();

    // --- versions and extensions ---
    match public_anon.versions_list().await {
        Err(Error::UnexpectedResponse(r)) => {
            assert_eq!(
                r.status().as_u16(),
                300,
                "GET / answers 300 Multiple Choices"
            );
            let v: types::VersionsResponse = r.json().await.expect("a versions document");
            let types::Versions::VersionList(list) = &v.versions else {
                panic!("GET / answers {{\"versions\": {{\"values\": [...]}}}}")
            };
            assert!(list.values.iter().any(|v| v.id == "v2.0"));
            s.lossless("versions_list", &v);
        }
        other => panic!("versions_list: expected 300, got {}", describe(&other)),
    }
    let v = s.ok("version_get", admin_anon.version_get()).await;
    assert_eq!(v.version.id, "v2.0");
    let ext = s.ok("extensions_list", admin_anon.extensions_list()).await;
    assert!(ext.extensions.values.iter().any(|e| e.alias == "OS-KSADM"));
    let e = s
        .ok("extensions_get", admin_anon.extensions_get("OS-KSADM"))
        .await;
    assert_eq!(e.extension.alias, "OS-KSADM");
    s.fails(
        "extensions_get",
        404,
        public_anon.extensions_get("OS-KSADM"),
    )
    .await;

    // --- tokens ---
    let admin_access = token(&s, &public_anon, json!({"passwordCredentials": {"username": "admin", "password": pw}, "tenantName": "admin"})).await;
    let admin_tenant = admin_access
        .token
        .tenant
        .clone()
        .expect("a scoped token names its tenant");
    let admin_token = admin_access.token.id.expose().to_owned();
    assert!(!admin_access.service_catalog.is_empty());
    let by_id = token(&s, &admin_anon, json!({"passwordCredentials": {"username": "admin", "password": pw}, "tenantId": admin_tenant.id})).await;
    assert_eq!(
        by_id.token.tenant.as_ref().map(|t| t.id.as_str()),
        Some(admin_tenant.id.as_str())
    );
    let unscoped = token(
        &s,
        &public_anon,
        json!({"passwordCredentials": {"username": "admin", "password": pw}}),
    )
    .await;
    assert!(unscoped.token.tenant.is_none() && unscoped.service_catalog.is_empty());
    let unscoped_token = unscoped.token.id.expose().to_owned();
    let rescoped = token(
        &s,
        &public_anon,
        json!({"token": {"id": unscoped_token}, "tenantName": "admin"}),
    )
    .await;
    assert_eq!(
        rescoped.token.expires, unscoped.token.expires,
        "rescoping keeps the expiry"
    );
    s.fails(
        "tokens_authenticate",
        401,
        public_anon.tokens_authenticate(&body(
            json!({"auth": {"passwordCredentials": {"username": "admin", "password": "WRONG"}}}),
        )),
    )
    .await;
    s.fails(
        "tokens_authenticate",
        400,
        public_anon.tokens_authenticate(&body(json!({"auth": {}}))),
    )
    .await;

    let admin = raw(&aroot, Some(&admin_token), &rec);
    let public_admin = raw(&proot, Some(&admin_token), &rec);
    let public_unscoped = raw(&proot, Some(&unscoped_token), &rec);
    let static_admin = raw(&aroot, Some(static_admin_token), &rec);

    // --- tenants ---
    let mine = s
        .ok(
            "tenants_list",
            public_unscoped.tenants_list(None, None, None),
        )
        .await;
    assert!(
        matches!(&mine, types::TenantsOrTenant::TenantsResponse(l) if l.tenants.items().iter().any(|t| t.name == "admin"))
    );
    s.fails(
        "tenants_list",
        401,
        public_anon.tenants_list(None, None, None),
    )
    .await;
    s.ok("tenants_list", static_admin.tenants_list(None, None, None))
        .await;
    let t1 = s.ok("tenants_create", admin.tenants_create(&body(json!({"tenant": {"name": format!("conf-{suffix}"), "description": "conformance", "enabled": true, "color": "blue"}})))).await.tenant;
    assert_eq!(
        t1.extra.get("color"),
        Some(&json!("blue")),
        "extra attributes are kept"
    );
    let t2 = s
        .ok(
            "tenants_create",
            admin.tenants_create(&body(
                json!({"tenant": {"name": format!("conf2-{suffix}"), "description": null}}),
            )),
        )
        .await
        .tenant;
    let dup = s
        .fails(
            "tenants_create",
            409,
            admin.tenants_create(&body(json!({"tenant": {"name": format!("conf-{suffix}")}}))),
        )
        .await;
    assert!(
        dup.error.message.contains("Conflict"),
        "{}",
        dup.error.message
    );
    match s
        .ok(
            "tenants_list",
            admin.tenants_list(None, None, Some(&t1.name)),
        )
        .await
    {
        types::TenantsOrTenant::TenantResponse(one) => assert_eq!(one.tenant.id, t1.id),
        other => panic!("?name= answers one tenant on the admin API, got {other:?}"),
    }
    s.fails(
        "tenants_list",
        404,
        admin.tenants_list(None, None, Some("no-such-tenant")),
    )
    .await;
    let page = s
        .ok("tenants_list", admin.tenants_list(Some(1), None, None))
        .await;
    let first = match page {
        types::TenantsOrTenant::TenantsResponse(l) => {
            assert_eq!(l.tenants.items().len(), 1, "limit=1");
            l.tenants.items()[0].id.clone()
        }
        other => panic!("{other:?}"),
    };
    s.ok(
        "tenants_list",
        admin.tenants_list(Some(1), Some(&first), None),
    )
    .await;
    s.fails(
        "tenants_list",
        400,
        admin.tenants_list(None, Some("no-such-marker"), None),
    )
    .await;
    let got = s.ok("tenants_get", admin.tenants_get(&t1.id)).await;
    assert_eq!(got.tenant.name, t1.name);
    s.fails("tenants_get", 404, admin.tenants_get("doesnotexist"))
        .await;
    let up = s
        .ok(
            "tenants_update",
            admin.tenants_update(
                &t1.id,
                &body(json!({"tenant": {"id": t1.id, "description": "via POST"}})),
            ),
        )
        .await;
    assert_eq!(up.tenant.description.as_deref(), Some("via POST"));
    let up = s
        .ok(
            "tenants_update_put",
            admin.tenants_update_put(&t1.id, &body(json!({"tenant": {"description": "via PUT"}}))),
        )
        .await;
    assert_eq!(up.tenant.description.as_deref(), Some("via PUT"));
    s.fails(
        "tenants_update",
        404,
        admin.tenants_update(
            "doesnotexist",
            &body(json!({"tenant": {"description": "x"}})),
        ),
    )
    .await;

    // --- roles ---
    let roles = s.ok("roles_list", admin.roles_list()).await;
    assert!(roles.roles.items().iter().any(|r| r.name == "admin"));
    let r1 = s.ok("roles_create", admin.roles_create(&body(json!({"role": {"name": format!("conf-role-{suffix}"), "description": "conformance"}})))).await.role;
    let r2 = s
        .ok(
            "roles_create",
            admin.roles_create(&body(
                json!({"role": {"name": format!("conf-role2-{suffix}")}}),
            )),
        )
        .await
        .role;
    s.fails(
        "roles_create",
        409,
        admin.roles_create(&body(json!({"role": {"name": r1.name}}))),
    )
    .await;
    let got = s.ok("roles_get", admin.roles_get(&r1.id)).await;
    assert_eq!(got.role.id, r1.id);

    // --- users ---
    let users = s.ok("users_list", admin.users_list(None)).await;
    assert!(
        matches!(users, types::UsersOrUser::UsersResponse(ref l) if l.users.items().iter().any(|u| u.name == "admin"))
    );
    let demo_name = format!("conf-demo-{suffix}");
    let demo = s.ok("users_create", admin.users_create(&body(json!({"user": {"name": demo_name, "password": "demopass", "tenantId": t1.id, "email": "demo@example.com", "enabled": true}})))).await.user;
    assert_eq!(demo.tenant_id.as_deref(), Some(t1.id.as_str()));
    s.fails(
        "users_create",
        409,
        admin.users_create(&body(json!({"user": {"name": demo_name, "password": "x"}}))),
    )
    .await;
    s.fails(
        "users_create",
        404,
        admin.users_create(&body(
            json!({"user": {"name": format!("x-{suffix}"), "tenantId": "doesnotexist"}}),
        )),
    )
    .await;
    let other = s.ok("users_create", admin.users_create(&body(json!({"user": {"name": format!("conf-other-{suffix}"), "password": "otherpass", "email": null, "tenantId": null, "enabled": true}})))).await.user;
    s.ok("users_get", admin.users_get(&demo.id)).await;
    s.fails("users_get", 404, admin.users_get("doesnotexist"))
        .await;
    match s.ok("users_list", admin.users_list(Some(&demo_name))).await {
        types::UsersOrUser::UserResponse(one) => assert_eq!(one.user.id, demo.id),
        other => panic!("?name= answers one user, got {other:?}"),
    }
    s.fails("users_list", 404, admin.users_list(Some("nobody-here")))
        .await;
    let up = s
        .ok(
            "users_update",
            admin.users_update(
                &demo.id,
                &body(json!({"user": {"email": "demo2@example.com"}})),
            ),
        )
        .await;
    assert_eq!(up.user.email.as_deref(), Some("demo2@example.com"));
    s.ok(
        "users_update_password",
        admin.users_update_password(&demo.id, &body(json!({"user": {"password": "demopass2"}}))),
    )
    .await;
    s.ok(
        "users_update_password_legacy",
        admin.users_update_password_legacy(
            &other.id,
            &body(json!({"user": {"password": "otherpass2"}})),
        ),
    )
    .await;
    let off = s
        .ok(
            "users_update_enabled",
            admin.users_update_enabled(&demo.id, &body(json!({"user": {"enabled": false}}))),
        )
        .await;
    assert_eq!(off.user.enabled, Some(false));
    s.fails("tokens_authenticate", 401, public_anon.tokens_authenticate(&body(json!({"auth": {"passwordCredentials": {"username": demo_name, "password": "demopass2"}}})))).await;
    s.ok(
        "users_update_enabled_legacy",
        admin.users_update_enabled_legacy(&demo.id, &body(json!({"user": {"enabled": true}}))),
    )
    .await;
    s.ok(
        "users_update_enabled",
        admin.users_update_enabled(&demo.id, &body(json!({"user": {"enabled": true}}))),
    )
    .await;
    s.ok(
        "users_update_tenant",
        admin.users_update_tenant(&other.id, &body(json!({"user": {"tenantId": t2.id}}))),
    )
    .await;
    s.ok(
        "users_update_tenant_legacy",
        admin.users_update_tenant_legacy(&other.id, &body(json!({"user": {"tenantId": t2.id}}))),
    )
    .await;
    s.fails(
        "users_update_tenant",
        404,
        admin.users_update_tenant(
            &other.id,
            &body(json!({"user": {"tenantId": "doesnotexist"}})),
        ),
    )
    .await;

    // --- role grants ---
    let granted = s
        .ok(
            "roles_add_user_role",
            admin.roles_add_user_role(&t1.id, &demo.id, &r1.id),
        )
        .await;
    assert_eq!(granted.role.id, r1.id);
    let theirs = s
        .ok(
            "roles_list_for_user",
            admin.roles_list_for_user(&t1.id, &demo.id),
        )
        .await;
    assert!(theirs.roles.items().iter().any(|r| r.id == r1.id));
    let members = s
        .ok("tenants_list_users", admin.tenants_list_users(&t1.id))
        .await;
    assert!(members.users.items().iter().any(|u| u.id == demo.id));
    s.fails(
        "tenants_list_users",
        404,
        admin.tenants_list_users("doesnotexist"),
    )
    .await;
    // Keystone records revocations with one-second precision: a token issued in the same second
    // as the last change to its user would be revoked with it.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let demo_access = token(&s, &public_anon, json!({"passwordCredentials": {"username": demo_name, "password": "demopass2"}, "tenantId": t1.id})).await;
    let demo_token = demo_access.token.id.expose().to_owned();
    let demo_public = raw(&proot, Some(&demo_token), &rec);
    let demo_admin = raw(&aroot, Some(&demo_token), &rec);
    let theirs = s
        .ok("tenants_list", demo_public.tenants_list(None, None, None))
        .await;
    assert!(
        matches!(theirs, types::TenantsOrTenant::TenantsResponse(ref l) if l.tenants.items().iter().all(|t| t.id == t1.id))
    );
    s.fails("users_list", 403, demo_admin.users_list(None))
        .await;
    s.fails("users_list", 401, admin_anon.users_list(None))
        .await;
    s.fails(
        "roles_list_global_for_user",
        501,
        admin.roles_list_global_for_user(&demo.id),
    )
    .await;
    s.fails(
        "roles_add_global_user_role",
        501,
        admin.roles_add_global_user_role(&demo.id, &r2.id),
    )
    .await;
    s.fails(
        "roles_remove_global_user_role",
        501,
        admin.roles_remove_global_user_role(&demo.id, &r2.id),
    )
    .await;
    let created = s
        .ok(
            "role_refs_create",
            admin.role_refs_create(
                &demo.id,
                &body(json!({"role": {"tenantId": t2.id, "roleId": r2.id}})),
            ),
        )
        .await;
    assert_eq!(
        created.role.id, r2.id,
        "POST roleRefs answers the granted role"
    );
    let refs = s.ok("role_refs_list", admin.role_refs_list(&demo.id)).await;
    let rr = refs
        .roles
        .iter()
        .find(|r| r.role_id == r2.id && r.tenant_id == t2.id)
        .expect("the new roleRef is listed")
        .id
        .clone();
    s.ok_empty(
        "role_refs_delete",
        204,
        admin.role_refs_delete(&demo.id, &rr),
    )
    .await;

    // --- services and endpoints ---
    let services = s.ok("services_list", admin.services_list()).await;
    assert!(services
        .os_ksadm_services
        .items()
        .iter()
        .any(|s| s.type_ == "identity"));
    let svc = s.ok("services_create", admin.services_create(&body(json!({"OS-KSADM:service": {"name": format!("nova-{suffix}"), "type": "compute", "description": "conformance"}})))).await.os_ksadm_service;
    let got = s.ok("services_get", admin.services_get(&svc.id)).await;
    assert_eq!(got.os_ksadm_service.id, svc.id);
    s.fails("services_get", 404, admin.services_get("doesnotexist"))
        .await;
    s.ok("endpoints_list", admin.endpoints_list()).await;
    let url = "http://127.0.0.1:8774/v2/$(tenant_id)s";
    let ep = s.ok("endpoints_create", admin.endpoints_create(&body(json!({"endpoint": {"region": "RegionOne", "service_id": svc.id, "publicurl": url, "adminurl": url, "internalurl": url}})))).await.endpoint;
    let listed = s.ok("endpoints_list", admin.endpoints_list()).await;
    assert!(listed.endpoints.items().iter().any(|e| e.id == ep.id));
    // A service whose endpoint has only a public URL: a token's endpoint list sends null for
    // the internal and admin URLs.
    let public_only = s
        .ok(
            "services_create",
            admin.services_create(&body(
                json!({"OS-KSADM:service": {"name": format!("glance-{suffix}"), "type": "image"}}),
            )),
        )
        .await
        .os_ksadm_service;
    let public_only_ep = s.ok("endpoints_create", admin.endpoints_create(&body(json!({"endpoint": {"region": "RegionOne", "service_id": public_only.id, "publicurl": "http://127.0.0.1:9292/"}})))).await.endpoint;

    // --- EC2 ---
    let cred = s
        .ok(
            "ec2_create",
            admin.ec2_create(&demo.id, &body(json!({"tenant_id": t1.id}))),
        )
        .await
        .credential;
    let own = s
        .ok(
            "ec2_create",
            demo_public.ec2_create(&demo.id, &body(json!({"tenant_id": t1.id}))),
        )
        .await
        .credential;
    s.fails(
        "ec2_create",
        403,
        demo_public.ec2_create(&other.id, &body(json!({"tenant_id": t1.id}))),
    )
    .await;
    s.fails(
        "ec2_create",
        404,
        admin.ec2_create(&demo.id, &body(json!({"tenant_id": "doesnotexist"}))),
    )
    .await;
    let list = s.ok("ec2_list", admin.ec2_list(&demo.id)).await;
    assert_eq!(list.credentials.items().len(), 2);
    let got = s.ok("ec2_get", admin.ec2_get(&demo.id, &cred.access)).await;
    assert_eq!(got.credential.secret, cred.secret);
    let params: BTreeMap<String, String> = [
        ("SignatureVersion", "2"),
        ("SignatureMethod", "HmacSHA256"),
        ("AWSAccessKeyId", cred.access.as_str()),
        ("Action", "DescribeInstances"),
        ("Timestamp", "2030-01-01T00:00:00Z"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let sig = super::ec2_signature_v2(cred.secret.expose(), "GET", "127.0.0.1:8773", "/", &params);
    let ec2_body = body::<types::Ec2TokensRequest>(
        json!({"credentials": {"access": cred.access, "signature": sig, "host": "127.0.0.1:8773", "verb": "GET", "path": "/", "params": params}}),
    );
    let ec2_access = s
        .ok(
            "ec2_tokens_authenticate",
            public_anon.ec2_tokens_authenticate(&ec2_body),
        )
        .await
        .access;
    assert_eq!(ec2_access.user.id, demo.id);
    s.ok(
        "ec2_tokens_authenticate",
        admin_anon.ec2_tokens_authenticate(&ec2_body),
    )
    .await;
    s.fails("ec2_tokens_authenticate", 401, public_anon.ec2_tokens_authenticate(&body(json!({"credentials": {"access": cred.access, "signature": "bad", "host": "127.0.0.1:8773", "verb": "GET", "path": "/", "params": params}})))).await;
    let (s3token, s3sig) = super::s3_signature_v1(
        cred.secret.expose(),
        "GET\n\n\nTue, 11 Dec 2029 00:00:00 GMT\n/bucket/key",
    );
    let s3 = s.ok("ec2_s3tokens_authenticate", admin_anon.ec2_s3tokens_authenticate(&body(json!({"credentials": {"access": cred.access, "token": s3token, "signature": s3sig}})))).await;
    assert!(
        s3.token.user.get("id") == Some(&json!(demo.id)),
        "s3tokens names the credential's user"
    );
    s.fails(
        "ec2_s3tokens_authenticate",
        401,
        admin_anon.ec2_s3tokens_authenticate(&body(
            json!({"credentials": {"access": cred.access, "token": s3token, "signature": "bad"}}),
        )),
    )
    .await;
    s.ok_empty(
        "ec2_delete",
        204,
        demo_public.ec2_delete(&demo.id, &own.access),
    )
    .await;
    s.ok_empty("ec2_delete", 204, admin.ec2_delete(&demo.id, &cred.access))
        .await;
    s.fails("ec2_get", 404, admin.ec2_get(&demo.id, &cred.access))
        .await;
    s.fails("ec2_list", 404, admin.ec2_list("doesnotexist"))
        .await;

    // --- token validation ---
    let v = s
        .ok("tokens_validate", admin.tokens_validate(&demo_token, None))
        .await;
    assert_eq!(v.access.user.id, demo.id);
    s.ok(
        "tokens_validate",
        admin.tokens_validate(&demo_token, Some(&t1.id)),
    )
    .await;
    s.fails(
        "tokens_validate",
        401,
        admin.tokens_validate(&demo_token, Some(&t2.id)),
    )
    .await;
    s.ok(
        "tokens_validate",
        admin.tokens_validate(&unscoped_token, None),
    )
    .await;
    s.ok(
        "tokens_validate",
        public_admin.tokens_validate(&demo_token, None),
    )
    .await;
    let other_access = token(&s, &public_anon, json!({"passwordCredentials": {"username": other.name, "password": "otherpass2"}, "tenantId": t2.id})).await;
    s.fails(
        "tokens_validate",
        403,
        demo_admin.tokens_validate(other_access.token.id.expose(), None),
    )
    .await;
    s.ok_empty("tokens_check", 200, admin.tokens_check(&demo_token, None))
        .await;
    s.fails_empty(
        "tokens_check",
        401,
        admin.tokens_check(&demo_token, Some(&t2.id)),
    )
    .await;
    let eps = s
        .ok("tokens_endpoints", admin.tokens_endpoints(&demo_token))
        .await;
    assert!(
        eps.endpoints
            .iter()
            .any(|e| e.type_.as_deref() == Some("compute")),
        "the new endpoint is in the catalog"
    );
    let image = eps
        .endpoints
        .iter()
        .find(|e| e.type_.as_deref() == Some("image"))
        .expect("the public-only endpoint is in the catalog");
    assert_eq!(
        (image.internal_url.as_deref(), image.admin_url.as_deref()),
        (None, None)
    );
    let sent: serde_json::Value =
        serde_json::from_slice(&rec.last().expect("recorded").body).expect("JSON");
    let sent_image = sent["endpoints"]
        .as_array()
        .and_then(|a| a.iter().find(|e| e["type"] == "image"))
        .expect("the image endpoint as sent");
    assert!(
        sent_image["internalURL"].is_null() && sent_image["adminURL"].is_null(),
        "the URLs an endpoint lacks are null: {sent_image}"
    );
    s.fails(
        "tokens_endpoints",
        500,
        admin.tokens_endpoints(&unscoped_token),
    )
    .await;
    let doomed = token(
        &s,
        &public_anon,
        json!({"passwordCredentials": {"username": "admin", "password": pw}}),
    )
    .await;
    let doomed = doomed.token.id.expose().to_owned();
    s.ok_empty("tokens_delete", 204, admin.tokens_delete(&doomed))
        .await;
    s.fails("tokens_validate", 404, admin.tokens_validate(&doomed, None))
        .await;
    s.fails_empty("tokens_check", 404, admin.tokens_check(&doomed, None))
        .await;
    s.fails(
        "tokens_delete",
        403,
        demo_admin.tokens_delete(&unscoped_token),
    )
    .await;
    let revoked = s.ok("tokens_get_revoked", admin.tokens_get_revoked()).await;
    assert!(revoked.signed.starts_with("-----BEGIN CMS-----"));
    s.fails("tokens_get_revoked", 401, admin_anon.tokens_get_revoked())
        .await;
    s.pem("certificates_get_ca", public_anon.certificates_get_ca())
        .await;
    s.pem(
        "certificates_get_signing",
        admin_anon.certificates_get_signing(),
    )
    .await;

    // --- OS-KSCRUD ---
    let new_access = s
        .ok(
            "users_update_own_password",
            demo_public.users_update_own_password(
                &demo.id,
                &body(json!({"user": {"password": "demopass3", "original_password": "demopass2"}})),
            ),
        )
        .await
        .access;
    assert_eq!(new_access.user.expect("a user").id, demo.id);
    let new_token = new_access
        .token
        .expect("Keystone 12.0.3 answers a new token");
    let demo_public = raw(&proot, Some(new_token.id.expose()), &rec);
    s.fails(
        "users_update_own_password",
        401,
        demo_public.users_update_own_password(
            &demo.id,
            &body(json!({"user": {"password": "x", "original_password": "WRONG"}})),
        ),
    )
    .await;
    s.fails(
        "users_update_own_password",
        403,
        demo_public.users_update_own_password(
            &other.id,
            &body(json!({"user": {"password": "x", "original_password": "demopass3"}})),
        ),
    )
    .await;

    // --- cleanup (each delete is an operation under test) ---
    s.ok_empty(
        "roles_remove_user_role",
        204,
        admin.roles_remove_user_role(&t1.id, &demo.id, &r1.id),
    )
    .await;
    s.fails(
        "roles_remove_user_role",
        404,
        admin.roles_remove_user_role(&t1.id, &demo.id, &r1.id),
    )
    .await;
    s.ok_empty("endpoints_delete", 204, admin.endpoints_delete(&ep.id))
        .await;
    s.ok_empty(
        "endpoints_delete",
        204,
        admin.endpoints_delete(&public_only_ep.id),
    )
    .await;
    s.ok_empty(
        "services_delete",
        204,
        admin.services_delete(&public_only.id),
    )
    .await;
    s.fails("endpoints_delete", 404, admin.endpoints_delete(&ep.id))
        .await;
    s.ok_empty("services_delete", 204, admin.services_delete(&svc.id))
        .await;
    s.fails("services_delete", 404, admin.services_delete(&svc.id))
        .await;
    for u in [&demo.id, &other.id] {
        s.ok_empty("users_delete", 204, admin.users_delete(u)).await;
    }
    s.fails("users_delete", 404, admin.users_delete(&demo.id))
        .await;
    for r in [&r1.id, &r2.id] {
        s.ok_empty("roles_delete", 204, admin.roles_delete(r)).await;
    }
    s.fails("roles_get", 404, admin.roles_get(&r1.id)).await;
    s.fails("roles_delete", 404, admin.roles_delete(&r1.id))
        .await;
    for t in [&t1.id, &t2.id] {
        s.ok_empty("tenants_delete", 204, admin.tenants_delete(t))
            .await;
    }
    s.fails("tenants_delete", 404, admin.tenants_delete(&t1.id))
        .await;

    // --- coverage ---
    let exchanges = rec.exchanges();
    let exercised: BTreeSet<&str> = exchanges.iter().map(|e| e.operation).collect();
    let in_spec: BTreeSet<&str> = OPERATIONS.iter().map(|o| o.id).collect();
    let missing: Vec<_> = in_spec.difference(&exercised).collect();
    let statuses: BTreeSet<u16> = exchanges.iter().map(|e| e.status.as_u16()).collect();
    println!(
        "exchanges: {}; statuses seen: {statuses:?}",
        exchanges.len()
    );
    assert!(
        missing.is_empty(),
        "operations of the spec the suite does not call: {missing:?}"
    );
    for code in [200u16, 204, 300, 400, 401, 403, 404, 409, 500, 501] {
        assert!(statuses.contains(&code), "no exchange answered {code}");
    }
    assert!(
        in_spec.len() >= 57,
        "the spec covers the 57 method+path pairs of Keystone 12.0.3"
    );
    exchanges
}

/// How many operations the spec has, and how many of them `exchanges` exercised.
pub fn coverage(exchanges: &[Exchange]) -> (usize, usize) {
    let exercised: BTreeSet<&str> = exchanges.iter().map(|e| e.operation).collect();
    let in_spec: BTreeSet<&str> = OPERATIONS.iter().map(|o| o.id).collect();
    (in_spec.len(), in_spec.intersection(&exercised).count())
}
