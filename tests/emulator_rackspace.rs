//! The emulator's Rackspace mode, over raw HTTP: the vendor's logins (API key, multi-factor,
//! access keys), its token, user and catalog shapes, its faults, and its catalog URLs served by
//! the emulator; and that Keystone mode is unchanged by it.
#![cfg(feature = "emulator")]

use std::time::Duration;

use keystone_v2::emulator::{
    Dialect, Emulator, EmulatorConfig, UnknownUser, RACKSPACE_PASSWORD, RACKSPACE_TENANT,
    RACKSPACE_USERNAME,
};
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn rackspace() -> Emulator {
    Emulator::start_with(EmulatorConfig::default().dialect(Dialect::Rackspace))
        .await
        .expect("the emulator starts")
}

/// A POST of `body` to `/v2.0/tokens` on the public API, with `X-SessionId` if given: the
/// status, the `WWW-Authenticate` header and the JSON body.
async fn tokens(e: &Emulator, body: Value, session: Option<&str>) -> (StatusCode, String, Value) {
    let mut req = reqwest::Client::new()
        .post(format!("{}/tokens", e.public_url()))
        .json(&body);
    if let Some(s) = session {
        req = req.header("X-SessionId", s);
    }
    let resp = req.send().await.expect("an answer");
    let status = resp.status();
    let challenge = resp
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().expect("ASCII").to_owned())
        .unwrap_or_default();
    let body = resp.json().await.unwrap_or(Value::Null);
    (status, challenge, body)
}

async fn get(url: &str, token: Option<&str>) -> (StatusCode, Value) {
    let mut req = reqwest::Client::new().get(url);
    if let Some(t) = token {
        req = req.header("X-Auth-Token", t);
    }
    let resp = req.send().await.expect("an answer");
    (resp.status(), resp.json().await.unwrap_or(Value::Null))
}

fn api_key_auth(username: &str, key: &str) -> Value {
    json!({"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": username, "apiKey": key}}})
}

fn password_auth(username: &str, password: &str) -> Value {
    json!({"auth": {"passwordCredentials": {"username": username, "password": password}}})
}

fn passcode_auth(passcode: &str) -> Value {
    json!({"auth": {"RAX-AUTH:passcodeCredentials": {"passcode": passcode}}})
}

/// The demo user's token answer (`access`), from an API key login.
async fn api_key_login(e: &Emulator) -> Value {
    let key = e.control().api_key(RACKSPACE_USERNAME).unwrap();
    let (status, _, body) = tokens(e, api_key_auth(RACKSPACE_USERNAME, &key), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["access"].clone()
}

fn service<'a>(access: &'a Value, name: &str) -> &'a Value {
    access["serviceCatalog"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == name)
        .unwrap_or_else(|| panic!("no service {name} in {access}"))
}

/// `2015-06-05T16:24:57.637Z`: milliseconds and `Z`.
fn has_vendor_time_format(t: &str) -> bool {
    let b = t.as_bytes();
    t.len() == 24
        && b[10] == b'T'
        && b[19] == b'.'
        && b[20..23].iter().all(u8::is_ascii_digit)
        && t.ends_with('Z')
        && chrono::DateTime::parse_from_rfc3339(t).is_ok()
}

#[tokio::test]
async fn an_api_key_login_answers_the_vendors_token_and_user() {
    let e = rackspace().await;
    let access = api_key_login(&e).await;
    let token = &access["token"];
    assert!(
        has_vendor_time_format(token["expires"].as_str().unwrap()),
        "{token}"
    );
    assert_eq!(token["RAX-AUTH:authenticatedBy"], json!(["APIKEY"]));
    assert_eq!(
        token["tenant"],
        json!({"id": RACKSPACE_TENANT, "name": RACKSPACE_TENANT})
    );
    let user = &access["user"];
    assert_eq!(user["name"], RACKSPACE_USERNAME);
    assert_eq!(user["RAX-AUTH:defaultRegion"], "DFW");
    assert_eq!(user["RAX-AUTH:federated"], false);
    let roles = user["roles"].as_array().unwrap();
    let names: Vec<&str> = roles.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "compute:default",
            "object-store:default",
            "identity:user-admin"
        ]
    );
    assert!(roles.iter().all(|r| r["tenantId"] == RACKSPACE_TENANT));
    assert_eq!(roles[2]["description"], "User Admin Role.");
}

#[tokio::test]
async fn the_catalog_has_the_vendors_shapes_and_points_at_the_emulator() {
    let e = rackspace().await;
    let access = api_key_login(&e).await;
    let catalog = access["serviceCatalog"].as_array().unwrap();
    let origin = e.public_url().trim_end_matches("/v2.0").to_owned();
    let endpoints = || {
        catalog
            .iter()
            .flat_map(|s| s["endpoints"].as_array().unwrap())
    };
    for ep in endpoints() {
        assert!(
            ep.get("adminURL").is_none() && ep.get("id").is_none(),
            "{ep}"
        );
        assert!(ep["tenantId"].is_string(), "{ep}");
        assert!(
            ep["publicURL"].as_str().unwrap().starts_with(&origin),
            "{ep}"
        );
    }
    // Two services of type compute, told apart by name.
    let computes: Vec<&Value> = catalog.iter().filter(|s| s["type"] == "compute").collect();
    let names: Vec<&str> = computes
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["cloudServersOpenStack", "cloudServers"]);
    // Regional next-generation servers with their versions; the first generation is global.
    let next_gen = service(&access, "cloudServersOpenStack")["endpoints"]
        .as_array()
        .unwrap();
    let regions: Vec<&str> = next_gen
        .iter()
        .map(|e| e["region"].as_str().unwrap())
        .collect();
    assert_eq!(regions, ["DFW", "IAD", "SYD"]);
    assert_eq!(next_gen[0]["versionId"], "2");
    assert_eq!(
        next_gen[0]["publicURL"],
        format!("{origin}/rax/dfw.servers/v2/{RACKSPACE_TENANT}")
    );
    assert_eq!(
        next_gen[0]["versionInfo"],
        format!("{origin}/rax/dfw.servers/v2")
    );
    assert_eq!(
        next_gen[0]["versionList"],
        format!("{origin}/rax/dfw.servers/")
    );
    let first_gen = &service(&access, "cloudServers")["endpoints"][0];
    assert!(first_gen.get("region").is_none());
    assert_eq!(first_gen["versionId"], "1.0");
    // Global services of vendor types have no region.
    for (name, service_type) in [("cloudDNS", "rax:dns"), ("cloudMonitoring", "rax:monitor")] {
        let s = service(&access, name);
        assert_eq!(s["type"], service_type);
        let eps = s["endpoints"].as_array().unwrap();
        assert_eq!(eps.len(), 1);
        assert!(eps[0].get("region").is_none(), "{s}");
        assert_eq!(eps[0]["tenantId"], RACKSPACE_TENANT);
    }
    // Cloud Files: another tenant, public and internal URLs.
    let files = service(&access, "cloudFiles");
    assert_eq!(files["type"], "object-store");
    let nast = format!("MossoCloudFS_{RACKSPACE_TENANT}");
    for ep in files["endpoints"].as_array().unwrap() {
        assert_eq!(ep["tenantId"], nast.as_str());
        assert!(ep["publicURL"].as_str().unwrap().ends_with(&nast));
        assert!(ep["internalURL"].as_str().unwrap().contains("/rax/snet-"));
    }
}

#[tokio::test]
async fn requests_through_catalog_urls_reach_the_emulator_with_the_token() {
    let e = rackspace().await;
    let access = api_key_login(&e).await;
    let token = access["token"]["id"].as_str().unwrap();
    let base = service(&access, "cloudServersOpenStack")["endpoints"][1]["publicURL"]
        .as_str()
        .unwrap();
    let (status, echo) = get(&format!("{base}/servers/detail"), Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{echo}");
    assert_eq!(
        echo["path"],
        format!("/rax/iad.servers/v2/{RACKSPACE_TENANT}/servers/detail")
    );
    assert_eq!(echo["tenant_id"], RACKSPACE_TENANT);
    let files = service(&access, "cloudFiles")["endpoints"][0]["publicURL"]
        .as_str()
        .unwrap();
    assert_eq!(get(files, Some(token)).await.0, StatusCode::OK);
    assert_eq!(get(files, None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        get(files, Some("not-a-token")).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_wrong_api_key_is_a_401_in_the_vendors_fault_shape() {
    let e = rackspace().await;
    for (user, key) in [(RACKSPACE_USERNAME, "wrong"), ("nobody", "wrong")] {
        let (status, _, body) = tokens(&e, api_key_auth(user, key), None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(body["unauthorized"]["code"], 401, "{body}");
        assert!(body["unauthorized"]["message"].is_string());
    }
}

#[tokio::test]
async fn an_api_key_set_through_the_control_replaces_the_generated_one() {
    let e = rackspace().await;
    let control = e.control();
    let generated = control.api_key(RACKSPACE_USERNAME).unwrap();
    assert_eq!(generated.len(), 32);
    assert_eq!(control.api_key(RACKSPACE_USERNAME).unwrap(), generated);
    control
        .set_api_key(RACKSPACE_USERNAME, "aaaaa-bbbbb-ccccc-12345678")
        .unwrap();
    let (status, _, _) = tokens(&e, api_key_auth(RACKSPACE_USERNAME, &generated), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let auth = api_key_auth(RACKSPACE_USERNAME, "aaaaa-bbbbb-ccccc-12345678");
    assert_eq!(tokens(&e, auth, None).await.0, StatusCode::OK);
    // Any user has one: the bootstrap admin too.
    let admin_key = control.api_key("admin").unwrap();
    let (status, _, body) = tokens(&e, api_key_auth("admin", &admin_key), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["access"]["token"]["tenant"]["name"], "admin");
    assert_eq!(
        control.set_api_key("nobody", "k"),
        Err(UnknownUser("nobody".into()))
    );
}

#[tokio::test]
async fn tenant_id_and_tenant_name_together_are_a_400() {
    let e = rackspace().await;
    let key = e.control().api_key(RACKSPACE_USERNAME).unwrap();
    let mut body = api_key_auth(RACKSPACE_USERNAME, &key);
    body["auth"]["tenantId"] = json!(RACKSPACE_TENANT);
    body["auth"]["tenantName"] = json!(RACKSPACE_TENANT);
    let (status, _, answer) = tokens(&e, body, None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer["badRequest"]["code"], 400, "{answer}");
}

#[tokio::test]
async fn a_tenant_id_scopes_the_token_and_a_tenant_without_a_role_is_a_401() {
    let e = rackspace().await;
    let key = e.control().api_key(RACKSPACE_USERNAME).unwrap();
    let mut body = api_key_auth(RACKSPACE_USERNAME, &key);
    body["auth"]["tenantId"] = json!(RACKSPACE_TENANT);
    let (status, _, answer) = tokens(&e, body.clone(), None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answer["access"]["token"]["tenant"]["id"], RACKSPACE_TENANT);
    body["auth"]["tenantId"] = json!("admin-tenant-of-someone-else");
    assert_eq!(
        tokens(&e, body.clone(), None).await.0,
        StatusCode::UNAUTHORIZED
    );
    body["auth"].as_object_mut().unwrap().remove("tenantId");
    body["auth"]["tenantName"] = json!("admin");
    assert_eq!(tokens(&e, body, None).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_password_login_is_authenticated_by_password() {
    let e = rackspace().await;
    let (status, _, body) = tokens(
        &e,
        password_auth(RACKSPACE_USERNAME, RACKSPACE_PASSWORD),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["access"]["token"]["RAX-AUTH:authenticatedBy"],
        json!(["PASSWORD"])
    );
    assert!(body["access"]["user"]
        .get("RAX-AUTH:multiFactorEnabled")
        .is_none());
    let (status, _, body) = tokens(&e, password_auth(RACKSPACE_USERNAME, "wrong"), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        body["unauthorized"]["message"],
        "Unable to authenticate user with credentials provided."
    );
}

/// The session id of a multi-factor challenge, checking its form.
fn session_of(challenge: &str) -> String {
    let id = challenge
        .strip_prefix("OS-MF sessionId='")
        .and_then(|rest| rest.strip_suffix("', factor='PASSCODE'"))
        .unwrap_or_else(|| panic!("not a multi-factor challenge: {challenge:?}"));
    assert!(!id.is_empty());
    assert!(id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    id.to_owned()
}

/// The first step of the demo user's multi-factor login: its session id.
async fn first_step(e: &Emulator) -> String {
    let (status, challenge, body) = tokens(
        e,
        password_auth(RACKSPACE_USERNAME, RACKSPACE_PASSWORD),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        body,
        json!({"unauthorized": {"code": 401,
            "message": "Additional authentication credentials required."}})
    );
    session_of(&challenge)
}

#[tokio::test]
async fn a_multi_factor_login_answers_a_challenge_then_a_token_for_the_passcode() {
    let e = rackspace().await;
    e.control()
        .enable_mfa(RACKSPACE_USERNAME, "123456")
        .unwrap();
    let session = first_step(&e).await;
    assert_eq!(e.control().mfa_sessions(), 1);
    let (status, _, body) = tokens(&e, passcode_auth("123456"), Some(&session)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let access = &body["access"];
    assert_eq!(
        access["token"]["RAX-AUTH:authenticatedBy"],
        json!(["PASSCODE", "PASSWORD"])
    );
    assert_eq!(access["token"]["tenant"]["id"], RACKSPACE_TENANT);
    assert_eq!(access["user"]["RAX-AUTH:multiFactorEnabled"], true);
    assert!(!access["serviceCatalog"].as_array().unwrap().is_empty());
    // A session completes once.
    let (status, _, _) = tokens(&e, passcode_auth("123456"), Some(&session)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(e.control().mfa_sessions(), 0);
}

#[tokio::test]
async fn a_multi_factor_session_keeps_the_tenant_of_the_first_step() {
    let e = rackspace().await;
    e.control().enable_mfa("admin", "999").unwrap();
    let mut first = password_auth("admin", e.admin_password());
    first["auth"]["tenantName"] = json!("admin");
    let (status, challenge, _) = tokens(&e, first, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let session = session_of(&challenge);
    let (status, _, body) = tokens(&e, passcode_auth("999"), Some(&session)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["access"]["token"]["tenant"]["name"], "admin");
}

#[tokio::test]
async fn wrong_passcodes_unknown_sessions_and_a_missing_session_are_401s() {
    let e = rackspace().await;
    e.control()
        .enable_mfa(RACKSPACE_USERNAME, "123456")
        .unwrap();
    let session = first_step(&e).await;
    let (status, _, body) = tokens(&e, passcode_auth("000000"), Some(&session)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["unauthorized"]["code"], 401);
    // One wrong passcode leaves the session open...
    let (status, _, _) = tokens(&e, passcode_auth("123456"), Some(&session)).await;
    assert_eq!(status, StatusCode::OK);
    // ...three close it.
    let session = first_step(&e).await;
    for _ in 0..3 {
        let (status, _, _) = tokens(&e, passcode_auth("000000"), Some(&session)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, _, _) = tokens(&e, passcode_auth("123456"), Some(&session)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, _) = tokens(&e, passcode_auth("123456"), Some("no-such-session")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, _) = tokens(&e, passcode_auth("123456"), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_multi_factor_session_expires_on_the_emulated_clock() {
    let e = rackspace().await;
    let control = e.control();
    control.enable_mfa(RACKSPACE_USERNAME, "123456").unwrap();
    let session = first_step(&e).await;
    control.advance(Duration::from_secs(9 * 60));
    let fresh = first_step(&e).await;
    control.advance(Duration::from_secs(2 * 60));
    let (status, _, _) = tokens(&e, passcode_auth("123456"), Some(&session)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "expired after 10 minutes");
    let (status, _, _) = tokens(&e, passcode_auth("123456"), Some(&fresh)).await;
    assert_eq!(status, StatusCode::OK, "still open after 2 minutes");
    // Expired sessions are dropped when the next one opens.
    control.advance(Duration::from_secs(11 * 60));
    first_step(&e).await;
    assert_eq!(control.mfa_sessions(), 1);
}

#[tokio::test]
async fn api_key_logins_skip_multi_factor_and_disabling_it_restores_password_logins() {
    let e = rackspace().await;
    let control = e.control();
    control.enable_mfa(RACKSPACE_USERNAME, "123456").unwrap();
    let access = api_key_login(&e).await;
    assert_eq!(
        access["token"]["RAX-AUTH:authenticatedBy"],
        json!(["APIKEY"])
    );
    first_step(&e).await;
    control.disable_mfa(RACKSPACE_USERNAME).unwrap();
    assert_eq!(control.mfa_sessions(), 0);
    let (status, _, _) = tokens(
        &e,
        password_auth(RACKSPACE_USERNAME, RACKSPACE_PASSWORD),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn access_keys_log_in_and_a_wrong_secret_is_a_401() {
    let e = rackspace().await;
    e.control()
        .set_access_key(RACKSPACE_USERNAME, "AK7JX2", "s3cr3t")
        .unwrap();
    let body = |secret: &str| {
        json!({"auth": {"apiAccessKeyCredentials": {"accessKey": "AK7JX2", "secretKey": secret},
                        "tenantId": RACKSPACE_TENANT}})
    };
    let (status, _, answer) = tokens(&e, body("s3cr3t"), None).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["access"]["user"]["name"], RACKSPACE_USERNAME);
    assert!(answer["access"]["token"]
        .get("RAX-AUTH:authenticatedBy")
        .is_none());
    assert_eq!(
        tokens(&e, body("wrong"), None).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn validation_answers_the_same_token_and_user_without_a_catalog() {
    let e = rackspace().await;
    let access = api_key_login(&e).await;
    let id = access["token"]["id"].as_str().unwrap();
    let url = format!("{}/tokens/{id}", e.admin_url());
    let (status, body) = get(&url, Some(e.admin_token())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["access"]["token"], access["token"]);
    assert_eq!(body["access"]["user"], access["user"]);
    assert!(body["access"].get("serviceCatalog").is_none());
    let (status, _) = get(
        &format!("{url}?belongsTo={RACKSPACE_TENANT}"),
        Some(e.admin_token()),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = get(
        &format!("{}/tokens/nope", e.admin_url()),
        Some(e.admin_token()),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["itemNotFound"]["code"], 404, "{body}");
}

#[tokio::test]
async fn a_token_from_a_token_keeps_its_factors_and_expiry() {
    let e = rackspace().await;
    let access = api_key_login(&e).await;
    let body =
        json!({"auth": {"token": {"id": access["token"]["id"]}, "tenantId": RACKSPACE_TENANT}});
    let (status, _, answer) = tokens(&e, body, None).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let token = &answer["access"]["token"];
    assert_eq!(token["RAX-AUTH:authenticatedBy"], json!(["APIKEY"]));
    assert_eq!(token["expires"], access["token"]["expires"]);
    assert_ne!(token["id"], access["token"]["id"]);
}

#[tokio::test]
async fn a_deleted_user_loses_its_keys() {
    let e = rackspace().await;
    let control = e.control();
    let admin = reqwest::Client::new();
    let created: Value = admin
        .post(format!("{}/users", e.admin_url()))
        .header("X-Auth-Token", e.admin_token())
        .json(&json!({"user": {"name": "temp", "password": "pw", "enabled": true}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let user_id = created["user"]["id"].as_str().expect("a user").to_owned();
    control.set_api_key("temp", "k").unwrap();
    control.enable_mfa("temp", "1").unwrap();
    let status = admin
        .delete(format!("{}/users/{user_id}", e.admin_url()))
        .header("X-Auth-Token", e.admin_token())
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(control.api_key("temp"), Err(UnknownUser("temp".into())));
    assert_eq!(
        tokens(&e, api_key_auth("temp", "k"), None).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn keystone_mode_refuses_the_vendors_credentials_as_before() {
    let e = Emulator::start().await.unwrap();
    let key = e.control().api_key("admin").unwrap();
    let (status, _, body) = tokens(&e, api_key_auth("admin", &key), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["error"]["message"].is_string(), "{body}");
    let (status, challenge, body) = tokens(&e, password_auth("admin", "wrong"), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(challenge.starts_with("Keystone uri="));
    assert_eq!(body["error"]["code"], 401);
    let (status, _, body) = tokens(&e, password_auth("admin", e.admin_password()), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["access"]["token"]
        .get("RAX-AUTH:authenticatedBy")
        .is_none());
    assert!(body["access"]["token"]["expires"]
        .as_str()
        .unwrap()
        .ends_with(".000000Z"));
}

// --- the SDK against Rackspace mode, where it already works ------------------------------------

mod with_the_sdk {
    use super::*;
    use keystone_v2::managers::{TenantOptions, UserOptions};
    use keystone_v2::Client;

    #[tokio::test]
    async fn the_sdk_logs_in_with_a_password_and_decodes_the_vendors_answer() {
        let e = rackspace().await;
        let client = Client::builder()
            .auth_url(e.public_url())
            .username(RACKSPACE_USERNAME)
            .password(RACKSPACE_PASSWORD)
            .build()
            .unwrap();
        let access = client.authenticate().await.unwrap();
        assert_eq!(access.tenant_id(), Some(RACKSPACE_TENANT));
        assert_eq!(access.username(), Some(RACKSPACE_USERNAME));
        assert!(access.role_names().contains(&"identity:user-admin"));
        // The expiry keeps its milliseconds: an hour from the login, not a whole second.
        let lifetime = access.expires() - e.control().now();
        assert!(lifetime <= chrono::Duration::hours(1), "{lifetime}");
        assert!(lifetime > chrono::Duration::minutes(59), "{lifetime}");
        let catalog = access.service_catalog();
        let computes: Vec<_> = catalog
            .services()
            .iter()
            .filter(|s| s.type_ == "compute")
            .collect();
        assert_eq!(computes.len(), 2);
        let dns = catalog
            .services()
            .iter()
            .find(|s| s.type_ == "rax:dns")
            .expect("cloudDNS");
        assert_eq!(dns.endpoints[0].region, None);
        assert_eq!(dns.endpoints[0].admin_url, None);
        assert_eq!(
            dns.endpoints[0].tenant_id.as_deref(),
            Some(RACKSPACE_TENANT)
        );
    }

    #[tokio::test]
    async fn admin_operations_keep_working_in_rackspace_mode() {
        let e = rackspace().await;
        let admin = Client::builder()
            .token(e.admin_token())
            .endpoint(e.admin_url())
            .build()
            .unwrap();
        let tenant = admin
            .tenants()
            .create("5830280", TenantOptions::default())
            .await
            .unwrap();
        let user = admin
            .users()
            .create(
                "maeker12",
                UserOptions {
                    password: Some("pw-maeker".into()),
                    tenant_id: Some(tenant.id.clone()),
                    enabled: Some(true),
                    ..UserOptions::default()
                },
            )
            .await
            .unwrap();
        let role = admin.roles().create("compute:admin").await.unwrap();
        admin
            .roles()
            .add_user_role(&user.id, &role.id, Some(&tenant.id))
            .await
            .unwrap();
        let names: Vec<String> = admin
            .users()
            .list_roles(&user.id, Some(&tenant.id))
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.name)
            .collect();
        assert!(names.contains(&"compute:admin".to_owned()), "{names:?}");
        // The new user logs in with its generated API key, scoped to its default tenant.
        let key = e.control().api_key("maeker12").unwrap();
        let (status, _, body) = tokens(&e, api_key_auth("maeker12", &key), None).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let token = body["access"]["token"]["id"].as_str().unwrap();
        assert_eq!(body["access"]["token"]["tenant"]["id"], tenant.id.as_str());
        // The SDK validates it (no catalog in the vendor's validation answer).
        let validated = admin.tokens().validate(token).await.unwrap();
        assert_eq!(validated.user.id, user.id);
        assert!(validated.service_catalog.is_empty());
        // Errors come in the vendor's fault shape; the SDK reads their status and message.
        let err = admin.tenants().get("no-such-tenant").await.unwrap_err();
        assert_eq!(err.status(), Some(StatusCode::NOT_FOUND));
        let message = err
            .http()
            .and_then(|h| h.message.clone())
            .unwrap_or_default();
        assert!(message.contains("no-such-tenant"), "{message}");
        admin.users().delete(&user.id).await.unwrap();
        admin.tenants().delete(&tenant.id).await.unwrap();
    }
}

#[tokio::test]
async fn services_and_endpoints_created_through_the_api_join_the_vendors_catalog() {
    let e = rackspace().await;
    let admin = reqwest::Client::new();
    let post = |path: &str, body: Value| {
        admin
            .post(format!("{}{path}", e.admin_url()))
            .header("X-Auth-Token", e.admin_token())
            .json(&body)
            .send()
    };
    let created: Value = post(
        "/OS-KSADM/services",
        json!({"OS-KSADM:service": {"name": "cloudQueues", "type": "rax:queues"}}),
    )
    .await
    .unwrap()
    .json()
    .await
    .unwrap();
    let service_id = created["OS-KSADM:service"]["id"]
        .as_str()
        .expect("a service");
    let status = post(
        "/endpoints",
        json!({"endpoint": {"service_id": service_id, "region": "HKG",
            "publicurl": "http://q.example/v1/$(tenant_id)s",
            "internalurl": "http://snet-q.example/v1/$(tenant_id)s",
            "adminurl": "http://admin-q.example/v1",
            "versionId": "1"}}),
    )
    .await
    .unwrap()
    .status();
    assert_eq!(status, StatusCode::OK);
    let access = api_key_login(&e).await;
    let queues = service(&access, "cloudQueues");
    assert_eq!(queues["type"], "rax:queues");
    assert_eq!(
        queues["endpoints"],
        json!([{"region": "HKG", "tenantId": RACKSPACE_TENANT, "versionId": "1",
            "publicURL": format!("http://q.example/v1/{RACKSPACE_TENANT}"),
            "internalURL": format!("http://snet-q.example/v1/{RACKSPACE_TENANT}")}])
    );
}

#[tokio::test]
async fn faults_apply_to_the_vendors_services() {
    use keystone_v2::emulator::{Fault, Match};
    let e = rackspace().await;
    let access = api_key_login(&e).await;
    let token = access["token"]["id"].as_str().unwrap();
    let dns = service(&access, "cloudDNS")["endpoints"][0]["publicURL"]
        .as_str()
        .unwrap();
    e.control()
        .inject(Fault::status(503), Match::prefix("*", "/rax"), 1);
    assert_eq!(
        get(dns, Some(token)).await.0,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(get(dns, Some(token)).await.0, StatusCode::OK);
    assert_eq!(e.control().request_count("GET", "/rax"), 2);
}

#[tokio::test]
async fn a_disabled_user_gets_the_vendors_403() {
    let e = rackspace().await;
    let key = e.control().api_key(RACKSPACE_USERNAME).unwrap();
    let admin = reqwest::Client::new();
    let users: Value = admin
        .get(format!("{}/users", e.admin_url()))
        .header("X-Auth-Token", e.admin_token())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let demo = users["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["name"] == RACKSPACE_USERNAME)
        .expect("the demo user");
    let status = admin
        .put(format!(
            "{}/users/{}/OS-KSADM/enabled",
            e.admin_url(),
            demo["id"].as_str().unwrap()
        ))
        .header("X-Auth-Token", e.admin_token())
        .json(&json!({"user": {"enabled": false}}))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, StatusCode::OK);
    for body in [
        api_key_auth(RACKSPACE_USERNAME, &key),
        password_auth(RACKSPACE_USERNAME, RACKSPACE_PASSWORD),
    ] {
        let (status, _, answer) = tokens(&e, body, None).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(
            answer["forbidden"]["message"],
            format!("User '{RACKSPACE_USERNAME}' is disabled.")
        );
    }
}

/// Hostile or malformed vendor logins end in the vendor's 400 or 401, never a 500 or a token:
/// members of the wrong type, an empty or huge API key, a passcode without its session or with
/// a session id that was never issued, and a huge session id.
#[tokio::test]
async fn malformed_vendor_credentials_are_refused_without_a_server_error() {
    let e = rackspace().await;
    let huge = "k".repeat(100_000);
    let cases = [
        (
            json!({"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": RACKSPACE_USERNAME, "apiKey": 12345}}}),
            None,
        ),
        (
            json!({"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": RACKSPACE_USERNAME, "apiKey": ""}}}),
            None,
        ),
        (
            json!({"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": RACKSPACE_USERNAME, "apiKey": huge}}}),
            None,
        ),
        (
            json!({"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": ["x"], "apiKey": "k"}}}),
            None,
        ),
        (
            json!({"auth": {"RAX-KSKEY:apiKeyCredentials": "not an object"}}),
            None,
        ),
        (
            json!({"auth": {"apiAccessKeyCredentials": {"accessKey": null, "secretKey": "s"}}}),
            None,
        ),
        (passcode_auth("123456"), None),
        (
            json!({"auth": {"RAX-AUTH:passcodeCredentials": {"passcode": 123456}}}),
            Some("x"),
        ),
        (passcode_auth("123456"), Some("never-issued")),
        (passcode_auth("123456"), Some(&"s".repeat(8_000))),
    ];
    for (body, session) in cases {
        let (status, _, answer) = tokens(&e, body.clone(), session).await;
        assert!(
            status == StatusCode::BAD_REQUEST || status == StatusCode::UNAUTHORIZED,
            "{status} for {}: {answer}",
            &body.to_string()[..body.to_string().len().min(120)]
        );
        assert!(answer.get("access").is_none(), "{answer}");
    }
}
