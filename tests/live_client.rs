//! The hand-written client against a real Keystone 12.0.3: every manager method, the token
//! lifecycle (auth_ref reuse, expiry, 401 replay, single-flight re-authentication), the
//! admin-token bootstrap, TLS, and logs without secrets.
//!
//! Run `scripts/keystone-server start`, `eval "$(scripts/keystone-server env)"`, then
//! `cargo test --test live_client -- --include-ignored`.

mod common;

mod logs;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use futures::TryStreamExt;
use keystone_v2::hooks::Recorder;
use keystone_v2::managers::{EndpointCreate, ListOptions, TenantOptions, TokenAuth, UserOptions};
use keystone_v2::{Client, EndpointFilter, Interface};

use common::LiveEnv;

fn unique(prefix: &str) -> String {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_micros())
        .unwrap_or(0);
    format!("{prefix}-{}-{t}-{n}", std::process::id())
}

fn admin(env: &LiveEnv) -> keystone_v2::ClientBuilder {
    Client::builder()
        .auth_url(&env.public_url)
        .username("admin")
        .password(env.admin_password.as_str())
        .tenant_name("admin")
}

fn var(name: &str) -> String {
    std::env::var(name)
        .unwrap_or_else(|_| panic!("{name} is not set: eval \"$(scripts/keystone-server env)\""))
}

fn posts_to_tokens(rec: &Recorder) -> usize {
    rec.exchanges()
        .iter()
        .filter(|e| e.operation == "tokens_authenticate")
        .count()
}

#[tokio::test]
#[ignore = "needs a live Keystone: scripts/keystone-server start (see README)"]
async fn every_manager_method_against_real_keystone() {
    let env = LiveEnv::get().await;
    let client = admin(&env).build().unwrap();

    // Authentication, AccessInfo and the catalog.
    let access = client.authenticate().await.unwrap();
    assert_eq!(access.username(), Some("admin"));
    assert_eq!(access.tenant_name(), Some("admin"));
    assert!(access.project_scoped() && access.scoped());
    assert!(access.role_names().contains(&"admin"));
    assert!(!access.will_expire_soon(Duration::from_secs(30)));
    let admin_url = access
        .service_catalog()
        .url_for(&EndpointFilter::new("identity").interface(Interface::Admin))
        .unwrap();
    assert_eq!(client.management_url().as_deref(), Some(admin_url.as_str()));

    // Versions and extensions.
    let versions = client.versions().list().await.unwrap();
    assert!(versions.iter().any(|v| v.id == "v2.0"));
    assert_eq!(client.versions().get().await.unwrap().id, "v2.0");
    assert!(client
        .extensions()
        .list()
        .await
        .unwrap()
        .iter()
        .any(|e| e.alias == "OS-KSADM"));
    assert_eq!(
        client.extensions().get("OS-KSADM").await.unwrap().alias,
        "OS-KSADM"
    );
    assert!(client
        .extensions()
        .get("NOPE")
        .await
        .unwrap_err()
        .is_not_found());

    // Tenants.
    let mut extra = serde_json::Map::new();
    extra.insert("color".into(), "blue".into());
    let name = unique("cli-tenant");
    let t = client
        .tenants()
        .create(
            &name,
            TenantOptions {
                description: Some("from the client".into()),
                extra,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(t.extra.get("color"), Some(&serde_json::json!("blue")));
    assert!(client
        .tenants()
        .create(&name, TenantOptions::default())
        .await
        .unwrap_err()
        .is_conflict());
    assert!(matches!(
        client.tenants().create("", TenantOptions::default()).await,
        Err(keystone_v2::Error::InvalidRequest(_))
    ));
    assert_eq!(client.tenants().get(&t.id).await.unwrap().name, name);
    assert_eq!(client.tenants().get_by_name(&name).await.unwrap().id, t.id);
    let err = client.tenants().get("doesnotexist").await.unwrap_err();
    assert!(err.is_not_found());
    let http = err.http().unwrap();
    assert_eq!(
        http.message.as_deref(),
        Some("Could not find project: doesnotexist.")
    );
    assert!(http
        .request_id
        .as_deref()
        .is_some_and(|id| id.starts_with("req-")));
    assert_eq!(http.method, "GET");
    assert!(
        http.url.ends_with("/v2.0/tenants/doesnotexist"),
        "{}",
        http.url
    );
    let up = client
        .tenants()
        .update(
            &t.id,
            TenantOptions {
                description: Some("updated".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(up.description.as_deref(), Some("updated"));
    let up = client
        .tenants()
        .update_put(
            &t.id,
            TenantOptions {
                enabled: Some(true),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(up.enabled, Some(true));
    let page = client
        .tenants()
        .list(ListOptions {
            limit: Some(1),
            marker: None,
        })
        .await
        .unwrap();
    assert_eq!(page.len(), 1);
    let all: Vec<_> = client.tenants().list_all(1).try_collect().await.unwrap();
    let listed = client.tenants().list(ListOptions::default()).await.unwrap();
    assert_eq!(
        all.len(),
        listed.len(),
        "paging one at a time sees every tenant once"
    );
    assert!(all.iter().any(|x| x.id == t.id));

    // Roles, users, grants.
    let role = client.roles().create(&unique("cli-role")).await.unwrap();
    assert_eq!(client.roles().get(&role.id).await.unwrap().name, role.name);
    assert!(client
        .roles()
        .list()
        .await
        .unwrap()
        .iter()
        .any(|r| r.id == role.id));
    let uname = unique("cli-user");
    let user = client
        .users()
        .create(
            &uname,
            UserOptions {
                password: Some("pw-1".into()),
                email: Some("u@example.com".into()),
                tenant_id: Some(t.id.clone()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(client.users().get(&user.id).await.unwrap().name, uname);
    assert_eq!(
        client.users().get_by_name(&uname).await.unwrap().id,
        user.id
    );
    assert!(client
        .users()
        .list(None)
        .await
        .unwrap()
        .iter()
        .any(|u| u.id == user.id));
    assert!(client
        .users()
        .list(Some(&t.id))
        .await
        .unwrap()
        .iter()
        .any(|u| u.id == user.id));
    assert!(client
        .tenants()
        .list_users(&t.id)
        .await
        .unwrap()
        .iter()
        .any(|u| u.id == user.id));
    let u = client
        .users()
        .update(
            &user.id,
            UserOptions {
                email: Some("v@example.com".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(u.email.as_deref(), Some("v@example.com"));
    client
        .users()
        .update_password(&user.id, "pw-2")
        .await
        .unwrap();
    client
        .users()
        .update_password_legacy(&user.id, "pw-3")
        .await
        .unwrap();
    assert_eq!(
        client
            .users()
            .update_enabled(&user.id, false)
            .await
            .unwrap()
            .enabled,
        Some(false)
    );
    assert_eq!(
        client
            .users()
            .update_enabled_legacy(&user.id, true)
            .await
            .unwrap()
            .enabled,
        Some(true)
    );
    client.users().update_tenant(&user.id, &t.id).await.unwrap();
    client
        .users()
        .update_tenant_legacy(&user.id, &t.id)
        .await
        .unwrap();
    let granted = client
        .tenants()
        .add_user(&t.id, &user.id, &role.id)
        .await
        .unwrap()
        .expect("Keystone 12.0.3 answers the granted role");
    assert_eq!(granted.id, role.id);
    assert!(client
        .roles()
        .roles_for_user(&user.id, Some(&t.id))
        .await
        .unwrap()
        .iter()
        .any(|r| r.id == role.id));
    assert!(client
        .users()
        .list_roles(&user.id, Some(&t.id))
        .await
        .unwrap()
        .iter()
        .any(|r| r.id == role.id));
    assert!(client
        .roles()
        .roles_for_user(&user.id, None)
        .await
        .unwrap_err()
        .is_not_implemented());
    assert!(client
        .roles()
        .add_user_role(&user.id, &role.id, None)
        .await
        .unwrap_err()
        .is_not_implemented());
    assert!(client
        .roles()
        .remove_user_role(&user.id, &role.id, None)
        .await
        .unwrap_err()
        .is_not_implemented());
    let role2 = client.roles().create(&unique("cli-role2")).await.unwrap();
    assert_eq!(
        client
            .roles()
            .create_role_ref(&user.id, &t.id, &role2.id)
            .await
            .unwrap()
            .id,
        role2.id
    );
    let refs = client.roles().list_role_refs(&user.id).await.unwrap();
    let rr = refs
        .iter()
        .find(|r| r.role_id == role2.id)
        .expect("listed")
        .id
        .clone();
    client.roles().delete_role_ref(&user.id, &rr).await.unwrap();

    // Services and endpoints.
    let svc = client
        .services()
        .create(&unique("cli-svc"), "compute", Some("from the client"))
        .await
        .unwrap();
    assert_eq!(client.services().get(&svc.id).await.unwrap().id, svc.id);
    assert!(client
        .services()
        .list()
        .await
        .unwrap()
        .iter()
        .any(|s| s.id == svc.id));
    let ep = client
        .endpoints()
        .create(
            &svc.id,
            "http://127.0.0.1:8774/v2/$(tenant_id)s",
            EndpointCreate {
                region: Some("RegionOne".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(client
        .endpoints()
        .list()
        .await
        .unwrap()
        .iter()
        .any(|e| e.id == ep.id));

    // Tokens of another user.
    tokio::time::sleep(Duration::from_millis(1100)).await; // revocations have one-second precision
    let theirs = client
        .tokens()
        .authenticate(TokenAuth::password(&uname, "pw-3").tenant_id(&t.id))
        .await
        .unwrap();
    let their_token = theirs.auth_token().expose().to_owned();
    assert_eq!(theirs.user_id(), user.id);
    let v = client.tokens().validate(&their_token).await.unwrap();
    assert_eq!(v.user.id, user.id);
    client
        .tokens()
        .validate_belongs_to(&their_token, &t.id)
        .await
        .unwrap();
    assert!(client
        .tokens()
        .validate_belongs_to(&their_token, access.tenant_id().unwrap())
        .await
        .unwrap_err()
        .is_unauthorized());
    assert_eq!(
        client
            .tokens()
            .validate_access_info(&their_token)
            .await
            .unwrap()
            .tenant_id(),
        Some(t.id.as_str())
    );
    assert_eq!(
        client
            .tokens()
            .get_token_data(&their_token, None)
            .await
            .unwrap()
            .access
            .user
            .id,
        user.id
    );
    assert!(client.tokens().check(&their_token, None).await.unwrap());
    assert!(client
        .tokens()
        .endpoints(&their_token)
        .await
        .unwrap()
        .iter()
        .any(|e| e.type_.as_deref() == Some("compute")));
    let rescoped = client
        .tokens()
        .authenticate(TokenAuth::token(their_token.as_str()).tenant_id(&t.id))
        .await
        .unwrap();
    assert_eq!(
        rescoped.expires(),
        theirs.expires(),
        "a rescoped token keeps its expiry"
    );
    client
        .tokens()
        .delete(rescoped.auth_token().expose())
        .await
        .unwrap();
    assert!(
        !client
            .tokens()
            .check(rescoped.auth_token().expose(), None)
            .await
            .unwrap(),
        "a revoked token fails the check"
    );
    let err = client
        .tokens()
        .validate(rescoped.auth_token().expose())
        .await
        .unwrap_err();
    assert!(err.is_not_found());
    assert!(
        !format!("{err:?}{err}").contains(rescoped.auth_token().expose()),
        "Keystone's message echoes the token id: redacted"
    );
    assert!(client
        .tokens()
        .get_revoked()
        .await
        .unwrap()
        .starts_with("-----BEGIN CMS-----"));
    assert!(client
        .certificates()
        .get_ca_certificate()
        .await
        .unwrap()
        .contains("BEGIN CERTIFICATE"));
    assert!(client
        .certificates()
        .get_signing_certificate()
        .await
        .unwrap()
        .contains("BEGIN CERTIFICATE"));

    // EC2.
    let cred = client.ec2().create(&user.id, &t.id).await.unwrap();
    assert!(client
        .ec2()
        .list(&user.id)
        .await
        .unwrap()
        .iter()
        .any(|c| c.access == cred.access));
    assert_eq!(
        client
            .ec2()
            .get(&user.id, &cred.access)
            .await
            .unwrap()
            .secret,
        cred.secret
    );
    let params: BTreeMap<String, String> = [
        ("SignatureVersion", "2"),
        ("SignatureMethod", "HmacSHA256"),
        ("AWSAccessKeyId", cred.access.as_str()),
        ("Action", "DescribeInstances"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let signature =
        common::ec2_signature_v2(cred.secret.expose(), "GET", "127.0.0.1:8773", "/", &params);
    let signed: keystone_v2::types::Ec2Signature = serde_json::from_value(serde_json::json!({
        "access": cred.access, "signature": signature, "host": "127.0.0.1:8773", "verb": "GET", "path": "/", "params": params
    }))
    .unwrap();
    assert_eq!(
        client.ec2().authenticate(signed).await.unwrap().user_id(),
        user.id
    );
    let (token, signature) = common::s3_signature_v1(
        cred.secret.expose(),
        "GET\n\n\nTue, 11 Dec 2029 00:00:00 GMT\n/b/k",
    );
    let s3: keystone_v2::types::S3Signature = serde_json::from_value(
        serde_json::json!({"access": cred.access, "token": token, "signature": signature}),
    )
    .unwrap();
    assert_eq!(
        client
            .ec2()
            .s3_authenticate(s3)
            .await
            .unwrap()
            .user
            .get("id"),
        Some(&serde_json::json!(user.id))
    );
    client.ec2().delete(&user.id, &cred.access).await.unwrap();

    // The user changes their own password with their own client.
    let theirs_client = Client::builder()
        .auth_url(&env.public_url)
        .username(&uname)
        .password("pw-3")
        .tenant_id(&t.id)
        .build()
        .unwrap();
    let before = theirs_client.auth_token().await.unwrap();
    let after = theirs_client
        .users()
        .update_own_password("pw-3", "pw-4")
        .await
        .unwrap();
    assert_ne!(after.auth_token(), &before);
    assert_eq!(
        theirs_client.auth_token().await.unwrap(),
        *after.auth_token(),
        "the client adopts the new token"
    );
    theirs_client.invalidate();
    assert!(
        theirs_client.authenticate().await.is_ok(),
        "the client re-authenticates with the new password"
    );
    assert!(theirs_client
        .users()
        .update_own_password("WRONG", "x")
        .await
        .unwrap_err()
        .is_unauthorized());

    // Cleanup, through the managers.
    client
        .tenants()
        .remove_user(&t.id, &user.id, &role.id)
        .await
        .unwrap();
    client.endpoints().delete(&ep.id).await.unwrap();
    client.services().delete(&svc.id).await.unwrap();
    client.users().delete(&user.id).await.unwrap();
    client.roles().delete(&role.id).await.unwrap();
    client.roles().delete(&role2.id).await.unwrap();
    client.tenants().delete(&t.id).await.unwrap();
    assert!(client
        .tenants()
        .get(&t.id)
        .await
        .unwrap_err()
        .is_not_found());
}

#[tokio::test]
#[ignore = "needs a live Keystone: scripts/keystone-server start (see README)"]
async fn unscoped_token_falls_back_to_the_public_tenant_list() {
    let env = LiveEnv::get().await;
    let client = Client::builder()
        .auth_url(&env.public_url)
        .username("admin")
        .password(env.admin_password.as_str())
        .build()
        .unwrap();
    let tenants = client.tenants().list(ListOptions::default()).await.unwrap();
    assert!(
        tenants.iter().any(|t| t.name == "admin"),
        "the public API lists the caller's tenants"
    );
    assert!(client.management_url().is_none());
    let err = client.users().list(None).await.unwrap_err();
    assert!(err.is_endpoint_not_found(), "{err}");
    assert!(
        err.to_string().contains("tenant_name or tenant_id"),
        "{err}"
    );
}

#[tokio::test]
#[ignore = "needs a live Keystone: scripts/keystone-server start (see README)"]
async fn auth_ref_is_reused_by_a_second_client_without_a_new_token() {
    let env = LiveEnv::get().await;
    let first = admin(&env).build().unwrap();
    let saved = serde_json::to_string(&first.access_info().await.unwrap()).unwrap();
    let rec = Arc::new(Recorder::new());
    let second = Client::builder()
        .auth_ref(serde_json::from_str(&saved).unwrap())
        .record(rec.clone())
        .build()
        .unwrap();
    assert!(second
        .users()
        .list(None)
        .await
        .unwrap()
        .iter()
        .any(|u| u.name == "admin"));
    assert_eq!(posts_to_tokens(&rec), 0, "the saved token is used as it is");
    assert_eq!(
        second.auth_token().await.unwrap(),
        first.auth_token().await.unwrap()
    );
    let again = serde_json::to_string(&second.access_info().await.unwrap()).unwrap();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&again).unwrap(),
        serde_json::from_str::<serde_json::Value>(&saved).unwrap()
    );
}

#[tokio::test]
#[ignore = "needs a live Keystone: scripts/keystone-server start (see README)"]
async fn admin_token_bootstrap_needs_no_catalog() {
    let env = LiveEnv::get().await;
    let rec = Arc::new(Recorder::new());
    let client = Client::builder()
        .token(env.admin_token.as_str())
        .endpoint(&env.admin_url)
        .record(rec.clone())
        .build()
        .unwrap();
    assert!(client
        .users()
        .list(None)
        .await
        .unwrap()
        .iter()
        .any(|u| u.name == "admin"));
    assert!(client
        .tenants()
        .list(ListOptions::default())
        .await
        .unwrap()
        .iter()
        .any(|t| t.name == "admin"));
    assert_eq!(posts_to_tokens(&rec), 0);
}

#[tokio::test]
#[ignore = "needs a live Keystone: scripts/keystone-server start (see README)"]
async fn a_revoked_token_is_replaced_once_and_the_request_replayed() {
    let env = LiveEnv::get().await;
    let rec = Arc::new(Recorder::new());
    let client = admin(&env).record(rec.clone()).build().unwrap();
    let old = client.auth_token().await.unwrap();
    let other = admin(&env).build().unwrap();
    other.tokens().delete(old.expose()).await.unwrap();
    let users = client.users().list(None).await.unwrap();
    assert!(!users.is_empty());
    let statuses: Vec<(&str, u16)> = rec
        .exchanges()
        .iter()
        .map(|e| (e.operation, e.status.as_u16()))
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("tokens_authenticate", 200),
            ("users_list", 401),
            ("tokens_authenticate", 200),
            ("users_list", 200)
        ],
        "one 401, one re-authentication, one replay"
    );
    assert_ne!(client.auth_token().await.unwrap(), old);
}

#[tokio::test]
#[ignore = "needs a live Keystone: scripts/keystone-server start (see README)"]
async fn tokens_are_renewed_before_expiry_and_concurrent_callers_share_one_renewal() {
    let env = LiveEnv::get().await;
    let short = var("KS_SHORT_PUBLIC_URL");
    let lifetime: u64 = var("KS_SHORT_EXPIRATION").parse().unwrap();
    let rec = Arc::new(Recorder::new());
    let client = Client::builder()
        .auth_url(&short)
        .username("admin")
        .password(env.admin_password.as_str())
        .tenant_name("admin")
        .stale_duration(Duration::from_secs(2))
        .record(rec.clone())
        .build()
        .unwrap();
    let first = client.access_info().await.unwrap();
    assert!(
        first.expires() - first.issued().unwrap() <= chrono::Duration::seconds(lifetime as i64 + 1),
        "a short-lived token"
    );
    // Wait until the token is within stale_duration of its expiry.
    let wait = (first.expires() - chrono::Utc::now() - chrono::Duration::seconds(1))
        .to_std()
        .unwrap_or_default();
    tokio::time::sleep(wait).await;
    assert!(first.will_expire_soon(Duration::from_secs(2)));
    let before = posts_to_tokens(&rec);
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { c.tenants().list(ListOptions::default()).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(
        posts_to_tokens(&rec) - before,
        1,
        "20 concurrent calls at expiry cause exactly one new token"
    );
    let second = client.access_info().await.unwrap();
    assert_ne!(second.auth_token(), first.auth_token());
    assert!(second.expires() > first.expires());
}

fn tls_client(url: &str) -> keystone_v2::ClientBuilder {
    Client::builder()
        .auth_url(url)
        .username("admin")
        .password(var("KS_ADMIN_PASSWORD").as_str())
        .tenant_name("admin")
        .timeout(Duration::from_secs(10))
}

#[tokio::test]
#[ignore = "needs a live Keystone: scripts/keystone-server start (see README)"]
async fn tls_with_the_right_ca_the_wrong_ca_insecure_and_client_certificates() {
    let _env = LiveEnv::get().await;
    let tls = var("KS_TLS_URL");
    let mtls = var("KS_MTLS_URL");
    tls_client(&tls)
        .cacert(var("KS_TLS_CA"))
        .build()
        .unwrap()
        .authenticate()
        .await
        .expect("the right CA works");
    let err = tls_client(&tls)
        .cacert(var("KS_TLS_WRONG_CA"))
        .build()
        .unwrap()
        .authenticate()
        .await
        .unwrap_err();
    assert!(err.is_tls(), "the wrong CA is a TLS error: {err:?}");
    tls_client(&tls)
        .insecure(true)
        .build()
        .unwrap()
        .authenticate()
        .await
        .expect("insecure works");
    tls_client(&mtls)
        .cacert(var("KS_TLS_CA"))
        .cert(var("KS_TLS_CLIENT_CERT"))
        .key(var("KS_TLS_CLIENT_KEY"))
        .build()
        .unwrap()
        .authenticate()
        .await
        .expect("the server requiring a client certificate accepts cert + key");
    let err = tls_client(&mtls)
        .cacert(var("KS_TLS_CA"))
        .build()
        .unwrap()
        .authenticate()
        .await
        .unwrap_err();
    assert!(
        err.is_connection(),
        "no client certificate: refused ({err:?})"
    );
}

#[tokio::test]
#[ignore = "needs a live Keystone: scripts/keystone-server start (see README)"]
async fn debug_logs_at_trace_level_never_show_a_password_token_or_secret() {
    let env = LiveEnv::get().await;
    let captured = logs::global_logs();

    let client = admin(&env).debug(true).build().unwrap();
    // The test server's admin password is the word "secret", which the log legitimately
    // contains as a key name (`"secret":"***"`); the distinctive passwords below stand for it.
    let mut secrets: Vec<String> = Vec::new();
    if env.admin_password != "secret" {
        secrets.push(env.admin_password.clone());
    }
    let access = client.authenticate().await.unwrap();
    secrets.push(access.auth_token().expose().to_owned());
    let t = client
        .tenants()
        .create(&unique("log-tenant"), TenantOptions::default())
        .await
        .unwrap();
    let password = "Pa55-log-test-word";
    secrets.push(password.to_owned());
    let u = client
        .users()
        .create(
            &unique("log-user"),
            UserOptions {
                password: Some(password.into()),
                tenant_id: Some(t.id.clone()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let cred = client.ec2().create(&u.id, &t.id).await.unwrap();
    secrets.push(cred.secret.expose().to_owned());
    let theirs = client
        .tokens()
        .authenticate(TokenAuth::password(&u.name, password).tenant_id(&t.id))
        .await
        .unwrap();
    secrets.push(theirs.auth_token().expose().to_owned());
    client
        .tokens()
        .validate(theirs.auth_token().expose())
        .await
        .unwrap();
    client
        .tokens()
        .check(theirs.auth_token().expose(), None)
        .await
        .unwrap();
    client
        .tokens()
        .endpoints(theirs.auth_token().expose())
        .await
        .unwrap();
    client
        .users()
        .update_password(&u.id, "An0ther-secret-pw")
        .await
        .unwrap();
    secrets.push("An0ther-secret-pw".into());
    let err = client
        .tokens()
        .validate(theirs.auth_token().expose())
        .await
        .unwrap_err();
    let debug_outputs = [
        format!("{err:?}"),
        err.to_string(),
        format!("{client:?}"),
        format!("{access:?}"),
        format!("{cred:?}"),
        format!("{theirs:?}"),
    ];
    client.ec2().delete(&u.id, &cred.access).await.unwrap();
    client.users().delete(&u.id).await.unwrap();
    client.tenants().delete(&t.id).await.unwrap();

    let log = captured.text();
    assert!(
        log.contains("tokens_authenticate") && log.contains("users_create"),
        "debug logging is on"
    );
    assert!(
        log.contains("/tokens/***"),
        "token ids in paths are redacted"
    );
    for (i, secret) in secrets.iter().enumerate() {
        let at = log.find(secret.as_str());
        assert!(
            at.is_none(),
            "secret #{i} appears in the log: ...{}...",
            at.map(|at| log[at.saturating_sub(300)..at].to_owned())
                .unwrap_or_default()
        );
        for out in &debug_outputs {
            assert!(
                !out.contains(secret.as_str()),
                "a secret appears in Debug/Display output"
            );
        }
    }
}
