//! The live conformance scenario (`common/scenario.rs`), run against the in-process emulator:
//! every operation of the spec with its documented success and error responses, no network
//! and no real Keystone needed.
#![cfg(feature = "emulator")]

mod common;

use common::scenario;
use keystone_v2::emulator::Emulator;

#[tokio::test]
async fn every_operation_of_the_spec_against_the_emulator() {
    let emulator = Emulator::start().await.expect("the emulator starts");
    let exchanges = scenario::every_operation(
        &emulator.public_url(),
        &emulator.admin_url(),
        emulator.admin_password(),
        emulator.admin_token(),
    )
    .await;
    let (in_spec, exercised) = scenario::coverage(&exchanges);
    println!("operations in the spec: {in_spec}");
    println!("operations exercised against the emulator: {exercised}");
    assert_eq!(exercised, in_spec);
    emulator.shutdown().await;
}

#[tokio::test]
async fn the_scenario_runs_twice_against_one_emulator() {
    let emulator = Emulator::start().await.expect("the emulator starts");
    for _ in 0..2 {
        scenario::every_operation(
            &emulator.public_url(),
            &emulator.admin_url(),
            emulator.admin_password(),
            emulator.admin_token(),
        )
        .await;
    }
}

// --- the emulator's own behaviour: control, faults, tokens over time --------------------------

mod behaviour {
    use std::time::{Duration, Instant};

    use keystone_v2::emulator::{Emulator, EmulatorConfig, Fault, Match};
    use keystone_v2::operations::Api;
    use reqwest::StatusCode;
    use serde_json::{json, Value};

    fn http() -> reqwest::Client {
        reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .build()
            .expect("a client")
    }

    async fn call(
        method: reqwest::Method,
        url: String,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = http().request(method, url);
        if let Some(t) = token {
            req = req.header("X-Auth-Token", t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.expect("an answer");
        let status = resp.status();
        let text = resp.text().await.expect("a body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    async fn get(url: String, token: Option<&str>) -> (StatusCode, Value) {
        call(reqwest::Method::GET, url, token, None).await
    }

    /// A token for the admin user: scoped to the admin tenant, or unscoped.
    async fn login(e: &Emulator, scoped: bool) -> Value {
        let mut auth =
            json!({"passwordCredentials": {"username": "admin", "password": e.admin_password()}});
        if scoped {
            auth["tenantName"] = json!("admin");
        }
        let (status, body) = call(
            reqwest::Method::POST,
            format!("{}/tokens", e.public_url()),
            None,
            Some(json!({ "auth": auth })),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["access"].clone()
    }

    fn token_id(access: &Value) -> String {
        access["token"]["id"]
            .as_str()
            .expect("a token id")
            .to_owned()
    }

    #[tokio::test]
    async fn bootstrap_matches_a_fresh_keystone() {
        let e = Emulator::start().await.unwrap();
        let access = login(&e, true).await;
        assert_eq!(access["token"]["tenant"]["name"], "admin");
        assert_eq!(
            access["token"]["tenant"]["description"],
            "Bootstrap project for initializing the cloud."
        );
        assert_eq!(access["user"]["roles"], json!([{"name": "admin"}]));
        let catalog = access["serviceCatalog"].as_array().unwrap();
        assert_eq!(catalog.len(), 1);
        assert_eq!(catalog[0]["type"], "identity");
        assert_eq!(catalog[0]["name"], "keystone");
        let ep = &catalog[0]["endpoints"][0];
        assert_eq!(ep["publicURL"], e.public_url());
        assert_eq!(ep["internalURL"], e.public_url());
        assert_eq!(ep["adminURL"], e.admin_url());
        assert_eq!(ep["region"], "RegionOne");
        let (_, roles) = get(format!("{}/OS-KSADM/roles", e.admin_url()), Some("ADMIN")).await;
        let names: Vec<&str> = roles["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["admin", "_member_"]);
    }

    #[tokio::test]
    async fn keystone_http_conventions() {
        let e = Emulator::start().await.unwrap();
        let resp = http()
            .patch(format!("{}/tenants?x=1", e.admin_url()))
            .send()
            .await
            .unwrap();
        assert_eq!(
            resp.status(),
            StatusCode::NOT_FOUND,
            "a wrong method is a 404"
        );
        assert_eq!(resp.headers()["vary"], "X-Auth-Token");
        assert!(resp.headers()["x-openstack-request-id"]
            .to_str()
            .unwrap()
            .starts_with("req-"));
        let body: Value = resp.json().await.unwrap();
        assert_eq!(
            body["error"]["message"],
            format!(
                "({}/tenants?x=1): The resource could not be found.",
                e.admin_url()
            )
        );
        let resp = http()
            .get(format!("{}/users", e.admin_url()))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
        let host = e.admin_url().trim_end_matches("/v2.0").to_owned();
        assert_eq!(
            resp.headers()["www-authenticate"],
            format!("Keystone uri=\"{host}\"").as_str()
        );
        let resp = http()
            .post(format!("{}/tokens", e.public_url()))
            .header("content-type", "application/json")
            .body("{not json")
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
        let (status, body) = get(format!("{}/users", e.public_url()), Some("ADMIN")).await;
        assert_eq!(
            status,
            StatusCode::NOT_FOUND,
            "admin routes are not on the public API: {body}"
        );
        let resp = http()
            .head(format!("{}/tokens/nope", e.admin_url()))
            .header("X-Auth-Token", "ADMIN")
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::NOT_FOUND);
        let root = http()
            .get(e.admin_url().replace("/v2.0", "/"))
            .send()
            .await
            .unwrap();
        assert_eq!(root.status(), StatusCode::MULTIPLE_CHOICES);
    }

    #[tokio::test]
    async fn tokens_expire_on_the_emulated_clock() {
        let e =
            Emulator::start_with(EmulatorConfig::default().token_lifetime(Duration::from_secs(60)))
                .await
                .unwrap();
        let control = e.control();
        let unscoped = login(&e, false).await;
        let id = token_id(&unscoped);
        control.advance(Duration::from_secs(30));
        let (status, rescoped) = call(
            reqwest::Method::POST,
            format!("{}/tokens", e.public_url()),
            None,
            Some(json!({"auth": {"token": {"id": id}, "tenantName": "admin"}})),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            rescoped["access"]["token"]["expires"], unscoped["token"]["expires"],
            "a rescoped token keeps the original expiry"
        );
        let scoped = token_id(&rescoped["access"]);
        let (status, _) = get(format!("{}/tenants", e.public_url()), Some(&scoped)).await;
        assert_eq!(status, StatusCode::OK);
        control.advance(Duration::from_secs(31));
        let (status, body) = get(format!("{}/tokens/{id}", e.admin_url()), Some("ADMIN")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        assert_eq!(
            body["error"]["message"],
            format!("Could not find token: {id}.")
        );
        let (status, _) = get(format!("{}/tenants", e.public_url()), Some(&scoped)).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "an expired token authenticates nothing"
        );

        control.set_token_lifetime(Duration::from_secs(5));
        let fresh = login(&e, true).await;
        let issued =
            chrono::DateTime::parse_from_rfc3339(fresh["token"]["issued_at"].as_str().unwrap())
                .unwrap();
        let expires =
            chrono::DateTime::parse_from_rfc3339(fresh["token"]["expires"].as_str().unwrap())
                .unwrap();
        assert_eq!((expires - issued).num_seconds(), 5);
    }

    #[tokio::test]
    async fn password_changes_and_disabling_revoke_tokens() {
        let e = Emulator::start().await.unwrap();
        let admin = e.admin_url();
        let (_, tenant) = call(
            reqwest::Method::POST,
            format!("{admin}/tenants"),
            Some("ADMIN"),
            Some(json!({"tenant": {"name": "t"}})),
        )
        .await;
        let tenant_id = tenant["tenant"]["id"].as_str().unwrap().to_owned();
        let (_, user) = call(
            reqwest::Method::POST,
            format!("{admin}/users"),
            Some("ADMIN"),
            Some(json!({"user": {"name": "u", "password": "p1", "tenantId": tenant_id}})),
        )
        .await;
        let user_id = user["user"]["id"].as_str().unwrap().to_owned();
        let user_login = |password: &'static str| {
            let url = format!("{}/tokens", e.public_url());
            let tenant_id = tenant_id.clone();
            async move {
                call(
                    reqwest::Method::POST,
                    url,
                    None,
                    Some(json!({"auth": {"passwordCredentials": {"username": "u", "password": password}, "tenantId": tenant_id}})),
                )
                .await
            }
        };
        let (status, access) = user_login("p1").await;
        assert_eq!(status, StatusCode::OK);
        let t1 = token_id(&access["access"]);
        assert_eq!(
            access["access"]["user"]["roles"],
            json!([{"name": "_member_"}])
        );

        // OS-KSCRUD: own password change answers a new token and revokes the old ones.
        let (status, changed) = call(
            reqwest::Method::PATCH,
            format!("{}/OS-KSCRUD/users/{user_id}", e.public_url()),
            Some(&t1),
            Some(json!({"user": {"password": "p2", "original_password": "p1"}})),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{changed}");
        let t2 = token_id(&changed["access"]);
        assert_eq!(
            changed["access"]["token"]["audit_ids"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
        let (status, _) = get(format!("{admin}/tokens/{t1}"), Some("ADMIN")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, _) = get(format!("{admin}/tokens/{t2}"), Some("ADMIN")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(user_login("p1").await.0, StatusCode::UNAUTHORIZED);

        // Disabling the user revokes its tokens and refuses new ones, with Keystone's message.
        let (status, _) = call(
            reqwest::Method::PUT,
            format!("{admin}/users/{user_id}/OS-KSADM/enabled"),
            Some("ADMIN"),
            Some(json!({"user": {"enabled": false}})),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = get(format!("{admin}/tokens/{t2}"), Some("ADMIN")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, refused) = user_login("p2").await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(
            refused["error"]["message"],
            format!("The account is disabled for user: {user_id}.")
        );

        // The revocation list carries the revoked tokens.
        let (status, revoked) = get(format!("{admin}/tokens/revoked"), Some("ADMIN")).await;
        assert_eq!(status, StatusCode::OK);
        let signed = revoked["signed"].as_str().unwrap();
        assert!(
            signed.starts_with("-----BEGIN CMS-----\n") && signed.ends_with("-----END CMS-----\n")
        );
    }

    #[tokio::test]
    async fn status_faults_answer_without_processing() {
        let e = Emulator::start().await.unwrap();
        let control = e.control();
        let tenants = format!("{}/tenants", e.admin_url());
        control.inject(
            Fault::status(503).retry_after(1),
            Match::new("GET", "/v2.0/tenants"),
            2,
        );
        control.inject(
            Fault::status(500).html(),
            Match::new("GET", "/v2.0/tenants"),
            1,
        );
        for _ in 0..2 {
            let resp = http()
                .get(&tenants)
                .header("X-Auth-Token", "ADMIN")
                .send()
                .await
                .unwrap();
            assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
            assert_eq!(resp.headers()["retry-after"], "1");
            let body: Value = resp.json().await.unwrap();
            assert_eq!(body["error"]["code"], 503);
            assert_eq!(body["error"]["title"], "Service Unavailable");
        }
        let resp = http()
            .get(&tenants)
            .header("X-Auth-Token", "ADMIN")
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert!(resp.text().await.unwrap().starts_with("<html>"));
        assert_eq!(control.pending_faults(), 0);
        let (status, _) = get(tenants.clone(), Some("ADMIN")).await;
        assert_eq!(status, StatusCode::OK, "faults are used up");
        assert_eq!(control.request_count("GET", "/v2.0/tenants"), 4);
        assert_eq!(control.request_count("*", "/v2.0/"), 4);
        control.reset_counts();
        assert_eq!(control.request_count("GET", "/v2.0/tenants"), 0);

        // A 401 fault carries WWW-Authenticate; a fault can target one API only.
        control.inject(
            Fault::status(401),
            Match::prefix("*", "/v2.0").on(Api::Public),
            1,
        );
        let (status, _) = get(tenants.clone(), Some("ADMIN")).await;
        assert_eq!(status, StatusCode::OK, "the admin API is not targeted");
        let resp = http()
            .get(format!("{}/extensions", e.public_url()))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
        assert!(resp.headers().contains_key("www-authenticate"));
    }

    #[tokio::test]
    async fn body_faults_and_delays() {
        let e = Emulator::start().await.unwrap();
        let control = e.control();
        let url = format!("{}/extensions", e.public_url());

        control.inject(
            Fault::truncated_json(),
            Match::new("GET", "/v2.0/extensions"),
            1,
        );
        let resp = http().get(&url).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        let length: usize = resp.headers()["content-length"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        let text = resp.text().await.unwrap();
        assert_eq!(text.len(), length, "Content-Length matches the cut body");
        assert!(serde_json::from_str::<Value>(&text).is_err());

        control.inject(Fault::not_json(), Match::new("GET", "/v2.0/extensions"), 1);
        let resp = http().get(&url).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        assert!(resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html"));
        assert!(serde_json::from_str::<Value>(&resp.text().await.unwrap()).is_err());

        control.inject(Fault::delay(Duration::from_millis(300)), Match::any(), 1);
        let started = Instant::now();
        let (status, _) = get(url.clone(), None).await;
        assert_eq!(status, StatusCode::OK);
        assert!(started.elapsed() >= Duration::from_millis(300));
    }

    #[tokio::test]
    async fn dropped_connections_get_no_answer() {
        let e = Emulator::start().await.unwrap();
        let control = e.control();
        control.inject(
            Fault::drop_connection(),
            Match::new("POST", "/v2.0/tokens"),
            1,
        );
        let client = http();
        let auth =
            json!({"auth": {"passwordCredentials": {"username": "admin", "password": "secret"}}});
        let url = format!("{}/tokens", e.public_url());
        let dropped = client.post(&url).json(&auth).send().await;
        assert!(
            dropped.is_err(),
            "the connection was closed without an answer"
        );
        let answered = client.post(&url).json(&auth).send().await.unwrap();
        assert_eq!(
            answered.status(),
            StatusCode::OK,
            "the next request is served"
        );
        assert_eq!(control.request_count("POST", "/v2.0/tokens"), 2);
    }

    #[tokio::test]
    async fn requests_are_counted_per_operation_not_per_path() {
        let e = Emulator::start().await.unwrap();
        let control = e.control();
        let admin = e.admin_url();
        let mut ids = Vec::new();
        for i in 0..3 {
            let (status, body) = call(
                reqwest::Method::POST,
                format!("{admin}/tenants"),
                Some("ADMIN"),
                Some(json!({"tenant": {"name": format!("counted-{i}")}})),
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{body}");
            ids.push(body["tenant"]["id"].as_str().unwrap().to_owned());
        }
        for id in &ids {
            let (status, _) = call(
                reqwest::Method::DELETE,
                format!("{admin}/tenants/{id}"),
                Some("ADMIN"),
                None,
            )
            .await;
            assert_eq!(status, StatusCode::NO_CONTENT);
        }
        let (status, _) = get(format!("{admin}/tokens/revoked"), Some("ADMIN")).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = get(format!("{admin}/no/such/path"), Some("ADMIN")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        assert_eq!(control.operation_count("tenants_create"), 3);
        assert_eq!(control.operation_count("tenants_delete"), 3);
        assert_eq!(control.operation_count("tokens_get_revoked"), 1);
        assert_eq!(control.operation_count("tokens_validate"), 0);
        // A concrete id stands for every id of its template.
        let one = format!("/v2.0/tenants/{}", ids[0]);
        assert_eq!(control.request_count("DELETE", &one), 3);
        assert_eq!(
            control.request_count("DELETE", "/v2.0/tenants/{tenant_id}"),
            3
        );
        assert_eq!(control.request_count("*", "/v2.0/tenants"), 6);
        assert_eq!(control.request_count("GET", "/v2.0/tokens"), 1);
        // A path of no operation counts only under the root.
        assert_eq!(control.request_count("*", "/v2.0"), 7);
        assert_eq!(control.request_count("*", "/"), 8);
        control.reset_counts();
        assert_eq!(control.operation_count("tenants_delete"), 0);
        assert_eq!(control.request_count("*", ""), 0);
    }

    #[test]
    #[should_panic(expected = "the spec has no operation \"tenant_delete\"")]
    fn counting_an_operation_the_spec_lacks_panics() {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let e = runtime.block_on(Emulator::start()).unwrap();
        e.control().operation_count("tenant_delete");
    }

    #[tokio::test]
    async fn catalog_endpoints_added_by_the_control_stay_separate() {
        let e = Emulator::start().await.unwrap();
        let control = e.control();
        control.add_catalog_endpoint(
            "compute",
            "nova",
            "RegionOne",
            "http://nova-a/v2/$(tenant_id)s",
            Some("http://nova-a-internal/v2"),
            None,
        );
        control.add_catalog_endpoint(
            "compute",
            "nova",
            "RegionOne",
            "http://nova-b/v2",
            None,
            None,
        );
        let legacy = control.add_catalog_endpoint(
            "compute",
            "nova",
            "RegionTwo",
            "http://nova-c/v2",
            None,
            None,
        );
        let access = login(&e, true).await;
        let tenant = access["token"]["tenant"]["id"].as_str().unwrap().to_owned();
        let compute: Vec<&Value> = access["serviceCatalog"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["type"] == "compute")
            .collect();
        assert_eq!(compute.len(), 1, "one entry per service type");
        let endpoints = compute[0]["endpoints"].as_array().unwrap();
        assert_eq!(endpoints.len(), 3, "{endpoints:?}");
        assert_eq!(
            endpoints[0]["publicURL"],
            format!("http://nova-a/v2/{tenant}")
        );
        assert_eq!(endpoints[0]["internalURL"], "http://nova-a-internal/v2");
        assert!(endpoints[0].get("adminURL").is_none());
        assert_eq!(endpoints[1]["region"], "RegionOne");
        assert_eq!(endpoints[2]["region"], "RegionTwo");
        // The unscoped catalog is empty; the admin API lists the endpoint and can delete it.
        assert_eq!(login(&e, false).await["serviceCatalog"], json!([]));
        let (status, _) = call(
            reqwest::Method::DELETE,
            format!("{}/endpoints/{legacy}", e.admin_url()),
            Some("ADMIN"),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        let (_, eps) = get(
            format!("{}/tokens/{}/endpoints", e.admin_url(), token_id(&access)),
            Some("ADMIN"),
        )
        .await;
        assert_eq!(eps["endpoints"].as_array().unwrap().len(), 3, "{eps}");
    }

    #[tokio::test]
    async fn ec2_signature_versions_and_s3() {
        use base64::Engine as _;
        use hmac::Mac as _;
        let e = Emulator::start().await.unwrap();
        let admin = login(&e, true).await;
        let user = admin["user"]["id"].as_str().unwrap().to_owned();
        let tenant = admin["token"]["tenant"]["id"].as_str().unwrap().to_owned();
        let (status, cred) = call(
            reqwest::Method::POST,
            format!("{}/users/{user}/credentials/OS-EC2", e.public_url()),
            Some(&token_id(&admin)),
            Some(json!({ "tenant_id": tenant })),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{cred}");
        let (access, secret) = (
            cred["credential"]["access"].as_str().unwrap().to_owned(),
            cred["credential"]["secret"].as_str().unwrap().to_owned(),
        );
        let ec2 = |creds: Value| {
            call(
                reqwest::Method::POST,
                format!("{}/ec2tokens", e.public_url()),
                None,
                Some(json!({ "credentials": creds })),
            )
        };
        // Signature version 1: HMAC-SHA1 over the case-insensitively sorted parameters.
        let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(secret.as_bytes()).unwrap();
        mac.update(format!("ActionDescribeAWSAccessKeyId{access}SignatureVersion1").as_bytes());
        let v1 = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        let params =
            json!({"Action": "Describe", "AWSAccessKeyId": access, "SignatureVersion": "1"});
        let (status, body) =
            ec2(json!({"access": access, "signature": v1, "params": params})).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["access"]["user"]["id"], user.as_str());
        // Version 2, signed without the port: accepted on the second try, like Keystone.
        // (Keystone's signer always signs with HMAC-SHA256 and `SignatureMethod=HmacSHA256`.)
        let p2: std::collections::BTreeMap<String, String> = [
            ("Action", "Describe"),
            ("SignatureVersion", "2"),
            ("SignatureMethod", "HmacSHA256"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let sig = super::common::ec2_signature_v2(&secret, "GET", "ec2.example", "/", &p2);
        let creds = json!({"access": access, "signature": sig, "host": "ec2.example:8773", "verb": "GET", "path": "/", "params": p2});
        assert_eq!(ec2(creds.clone()).await.0, StatusCode::OK);
        let mut bad = creds;
        bad["signature"] = json!("bad");
        assert_eq!(ec2(bad).await.0, StatusCode::UNAUTHORIZED);
        let (status, body) = ec2(json!({"access": "nope", "signature": "x", "params": {}})).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        // s3tokens answers a v3 token.
        let (token, signature) = super::common::s3_signature_v1(&secret, "GET\n\n\n\n/bucket");
        let (status, body) = call(
            reqwest::Method::POST,
            format!("{}/s3tokens", e.admin_url()),
            None,
            Some(
                json!({"credentials": {"access": access, "token": token, "signature": signature}}),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["token"]["methods"], json!(["ec2credential"]));
        assert_eq!(body["token"]["project"]["id"], tenant.as_str());
    }

    #[tokio::test]
    async fn shutdown_closes_the_listeners() {
        let e = Emulator::start().await.unwrap();
        let url = format!("{}/extensions", e.public_url());
        assert_eq!(get(url.clone(), None).await.0, StatusCode::OK);
        e.shutdown().await;
        let fresh = reqwest::Client::new();
        assert!(fresh.get(&url).send().await.is_err());
    }

    // --- tokens added by the control from their bodies ----------------------------------------

    /// A v2.0 token body of a user and tenant the emulator does not have, expiring `in_secs`
    /// after the emulator's now.
    fn foreign_token(e: &Emulator, id: &str, in_secs: i64) -> Value {
        let expires = e.control().now() + chrono::Duration::seconds(in_secs);
        json!({"access": {
            "token": {
                "id": id,
                "expires": expires.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                "issued_at": "2024-01-01T00:00:00Z",
                "audit_ids": ["audit-1"],
                "tenant": {"id": "t-ext", "name": "ext", "enabled": true, "description": null},
            },
            "user": {"id": "u-ext", "name": "ext-user", "username": "ext-user",
                     "roles": [{"name": "reader"}], "roles_links": []},
            "serviceCatalog": [{"type": "object-store", "name": "swift", "endpoints_links": [],
                "endpoints": [{"id": "ep-1", "region": "RegionX", "publicURL": "http://swift/pub",
                               "internalURL": "http://swift/int", "adminURL": "http://swift/adm"}]}],
            "metadata": {"is_admin": 0, "roles": []},
        }})
    }

    fn revoked_ids(armored: &str) -> Vec<String> {
        use base64::Engine as _;
        let b64: String = armored
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .expect("base64");
        let list: Value = serde_json::from_slice(&decoded).expect("a JSON revocation list");
        list["revoked"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_owned())
            .collect()
    }

    #[tokio::test]
    async fn an_added_token_validates_with_its_own_body_until_it_expires() {
        let e = Emulator::start().await.unwrap();
        let body = foreign_token(&e, "ext-token-1", 60);
        assert_eq!(e.control().add_token(body.clone()).unwrap(), "ext-token-1");
        let url = format!("{}/tokens/ext-token-1", e.admin_url());
        let (status, answer) = get(url.clone(), Some("ADMIN")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(answer, body);
        let head = http()
            .head(&url)
            .header("X-Auth-Token", "ADMIN")
            .send()
            .await
            .unwrap();
        assert_eq!(head.status(), StatusCode::OK);
        let own = get(format!("{url}?belongsTo=t-ext"), Some("ADMIN")).await;
        assert_eq!(own.0, StatusCode::OK);
        let other = get(format!("{url}?belongsTo=t-other"), Some("ADMIN")).await;
        assert_eq!(other.0, StatusCode::UNAUTHORIZED);
        let (status, listed) = get(format!("{url}/endpoints"), Some("ADMIN")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            listed["endpoints"],
            json!([{"id": "ep-1", "name": "swift", "type": "object-store", "region": "RegionX",
                    "publicURL": "http://swift/pub", "internalURL": "http://swift/int",
                    "adminURL": "http://swift/adm"}])
        );

        e.control().advance(Duration::from_secs(61));
        let (status, answer) = get(url, Some("ADMIN")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{answer}");
        assert_eq!(
            answer["error"]["message"],
            "Could not find token: ext-token-1."
        );
    }

    #[tokio::test]
    async fn a_revoked_added_token_is_refused_and_listed_as_revoked() {
        let e = Emulator::start().await.unwrap();
        let id = e
            .control()
            .add_token(foreign_token(&e, "ext-token-2", 600))
            .unwrap();
        let url = format!("{}/tokens/{id}", e.admin_url());
        let (status, _) = call(reqwest::Method::DELETE, url.clone(), Some("ADMIN"), None).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert_eq!(
            get(url.clone(), Some("ADMIN")).await.0,
            StatusCode::NOT_FOUND
        );
        let (status, _) = call(reqwest::Method::DELETE, url, Some("ADMIN"), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "revoked twice");
        let (status, list) = get(format!("{}/tokens/revoked", e.admin_url()), Some("ADMIN")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(revoked_ids(list["signed"].as_str().unwrap()), [id.as_str()]);
        // Adding it again makes it valid again.
        e.control().add_token(foreign_token(&e, &id, 600)).unwrap();
        let (status, _) = get(format!("{}/tokens/{id}", e.admin_url()), Some("ADMIN")).await;
        assert_eq!(status, StatusCode::OK);
    }

    #[tokio::test]
    async fn an_added_token_authorizes_no_other_request() {
        let e = Emulator::start().await.unwrap();
        let id = e
            .control()
            .add_token(foreign_token(&e, "ext-token-3", 600))
            .unwrap();
        let (status, _) = get(format!("{}/tenants", e.public_url()), Some(&id)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = get(format!("{}/tokens/{id}", e.admin_url()), Some(&id)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }

    #[tokio::test]
    async fn the_sdk_reads_an_added_token_like_an_issued_one() {
        let e = Emulator::start().await.unwrap();
        let id = e
            .control()
            .add_token(foreign_token(&e, "ext-token-4", 600))
            .unwrap();
        let client = keystone_v2::Client::builder()
            .auth_url(e.public_url())
            .username("admin")
            .password(e.admin_password())
            .tenant_name("admin")
            .build()
            .unwrap();
        let tokens = client.tokens();
        let info = tokens.validate_access_info(&id).await.unwrap();
        assert_eq!(info.user_id(), "u-ext");
        assert_eq!(info.project_id(), Some("t-ext"));
        assert_eq!(info.role_names(), ["reader"]);
        assert!(tokens.check(&id, Some("t-ext")).await.unwrap());
        let endpoints = tokens.endpoints(&id).await.unwrap();
        assert_eq!(endpoints.len(), 1);
        tokens.delete(&id).await.unwrap();
        assert!(!tokens.check(&id, None).await.unwrap());
    }

    #[tokio::test]
    async fn malformed_or_taken_token_bodies_are_refused_and_not_added() {
        use keystone_v2::emulator::AddTokenError;
        let e = Emulator::start().await.unwrap();
        let control = e.control();
        assert_eq!(
            control.add_token(json!({"token": {}})),
            Err(AddTokenError::NotAnAccessBody)
        );
        let mut no_expiry = foreign_token(&e, "ext-token-5", 600);
        no_expiry["access"]["token"]["expires"] = json!("tomorrow");
        assert_eq!(
            control.add_token(no_expiry),
            Err(AddTokenError::InvalidExpiry)
        );
        let url = format!("{}/tokens/ext-token-5", e.admin_url());
        assert_eq!(get(url, Some("ADMIN")).await.0, StatusCode::NOT_FOUND);
        let issued = token_id(&login(&e, true).await);
        assert_eq!(
            control.add_token(foreign_token(&e, &issued, 600)),
            Err(AddTokenError::IdInUse)
        );
        let (_, answer) = get(format!("{}/tokens/{issued}", e.admin_url()), Some("ADMIN")).await;
        assert_eq!(
            answer["access"]["user"]["name"], "admin",
            "the issued token stays"
        );
    }
}
