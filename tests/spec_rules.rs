//! The request rules of the spec (`tests/spec_rules.yaml`) against the judge: every rule's
//! request is sent as raw JSON, and the status must be the one Keystone 12.0.3 answers.
//!
//! - `every_rule_against_real_keystone` (live, `#[ignore]`d): the real Keystone of
//!   `scripts/keystone-server`; run with `-- --include-ignored`.
//! - `every_rule_against_the_emulator`: the emulator answers each rule as Keystone does.
//!
//! `scripts/spec_rules_check.py` checks the other half of each rule: that the spec's request
//! schema accepts or refuses the body as the rule says.
#![cfg(feature = "emulator")]

mod common;

use std::collections::BTreeMap;

use common::{unique_suffix, LiveEnv};
use keystone_v2::emulator::Emulator;
use keystone_v2::operations::OPERATIONS;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Debug, Deserialize)]
struct Table {
    rules: Vec<Rule>,
}

#[derive(Debug, Deserialize)]
struct Rule {
    name: String,
    /// The numbered group of rules (a heading of the table) it belongs to.
    group: u8,
    operation: String,
    api: String,
    token: String,
    #[serde(default)]
    params: BTreeMap<String, String>,
    body: Option<Value>,
    status: u16,
    spec: String,
    #[serde(default)]
    deliberate: Option<String>,
}

fn table() -> Table {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/spec_rules.yaml"
    ))
    .expect("tests/spec_rules.yaml");
    serde_yaml::from_str(&text).expect("tests/spec_rules.yaml is a rules table")
}

/// A server under test: its two APIs (server roots, without `/v2.0`), the bootstrap admin's
/// password and the static admin token.
struct Server {
    public: String,
    admin: String,
    admin_password: String,
    static_token: String,
}

/// The throwaway resources the rules name, and the tokens they send.
struct Fixtures {
    values: BTreeMap<&'static str, String>,
    admin_token: String,
    crud_unscoped: String,
}

struct Answer {
    status: u16,
    body: Value,
}

async fn send(
    http: &reqwest::Client,
    method: &str,
    url: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> Answer {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("a method");
    let mut request = http.request(method, url);
    if let Some(t) = token {
        request = request.header("X-Auth-Token", t);
    }
    if let Some(b) = body {
        request = request.json(b);
    }
    let response = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    let status = response.status().as_u16();
    let bytes = response.bytes().await.unwrap_or_default();
    Answer {
        status,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    }
}

/// `body` at `pointer` as a string, or a panic naming `what`.
fn field(answer: &Answer, pointer: &str, what: &str) -> String {
    assert_eq!(answer.status, 200, "{what}: {}", answer.body);
    answer
        .body
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{what}: no {pointer} in {}", answer.body))
        .to_owned()
}

async fn token(http: &reqwest::Client, s: &Server, auth: Value) -> String {
    let a = send(
        http,
        "POST",
        &format!("{}/v2.0/tokens", s.public),
        None,
        Some(&json!({ "auth": auth })),
    )
    .await;
    field(&a, "/access/token/id", "a token")
}

async fn setup(http: &reqwest::Client, s: &Server, suffix: &str) -> Fixtures {
    let admin_token = token(
        http,
        s,
        json!({"passwordCredentials": {"username": "admin", "password": s.admin_password}, "tenantName": "admin"}),
    )
    .await;
    let a = &s.admin;
    let at = Some(admin_token.as_str());
    let post = |path: String, body: Value| {
        let url = format!("{a}{path}");
        async move { send(http, "POST", &url, at, Some(&body)).await }
    };
    let tenant = field(
        &post(
            "/v2.0/tenants".into(),
            json!({"tenant": {"name": format!("rules-{suffix}")}}),
        )
        .await,
        "/tenant/id",
        "the rules tenant",
    );
    let user_name = format!("rules-{suffix}-user");
    let user = field(
        &post(
            "/v2.0/users".into(),
            json!({"user": {"name": user_name, "password": "rules-pass", "tenantId": tenant}}),
        )
        .await,
        "/user/id",
        "the rules user",
    );
    let crud_password = format!("rules-{suffix}-crud-pass");
    let crud_user = field(
        &post(
            "/v2.0/users".into(),
            json!({"user": {"name": format!("rules-{suffix}-crud"), "password": crud_password, "tenantId": tenant}}),
        )
        .await,
        "/user/id",
        "the OS-KSCRUD user",
    );
    let role = field(
        &post(
            "/v2.0/OS-KSADM/roles".into(),
            json!({"role": {"name": format!("rules-{suffix}-role")}}),
        )
        .await,
        "/role/id",
        "the rules role",
    );
    let service = field(
        &post(
            "/v2.0/OS-KSADM/services".into(),
            json!({"OS-KSADM:service": {"type": format!("rules-{suffix}"), "name": format!("rules-{suffix}")}}),
        )
        .await,
        "/OS-KSADM:service/id",
        "the rules service",
    );
    let access = field(
        &post(
            format!("/v2.0/users/{user}/credentials/OS-EC2"),
            json!({ "tenant_id": tenant }),
        )
        .await,
        "/credential/access",
        "the rules EC2 credential",
    );
    // Keystone revokes by the second: a token issued in the second of the user's creation
    // would be refused.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let crud_unscoped = token(
        http,
        s,
        json!({"passwordCredentials": {"userId": crud_user, "password": crud_password}}),
    )
    .await;
    let values = BTreeMap::from([
        ("user", user),
        ("user_name", user_name),
        ("tenant", tenant),
        ("role", role),
        ("service", service),
        ("access", access),
        ("crud_user", crud_user),
        ("crud_password", crud_password),
        ("admin_password", s.admin_password.clone()),
        ("suffix", suffix.to_owned()),
    ]);
    Fixtures {
        values,
        admin_token,
        crud_unscoped,
    }
}

/// `{placeholder}`s replaced by the fixtures, in every string of `v`.
fn fill(v: &Value, f: &Fixtures) -> Value {
    match v {
        Value::String(s) => Value::String(fill_str(s, f)),
        Value::Array(a) => Value::Array(a.iter().map(|v| fill(v, f)).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (fill_str(k, f), fill(v, f)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn fill_str(s: &str, f: &Fixtures) -> String {
    let mut out = s.to_owned();
    for (k, v) in &f.values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// What a create answers: the path of the resource to delete afterwards.
fn created(op: &str, body: &Value) -> Option<String> {
    let (pointer, prefix) = match op {
        "tenants_create" => ("/tenant/id", "/v2.0/tenants/"),
        "users_create" => ("/user/id", "/v2.0/users/"),
        "roles_create" => ("/role/id", "/v2.0/OS-KSADM/roles/"),
        "services_create" => ("/OS-KSADM:service/id", "/v2.0/OS-KSADM/services/"),
        "endpoints_create" => ("/endpoint/id", "/v2.0/endpoints/"),
        _ => return None,
    };
    body.pointer(pointer)
        .and_then(Value::as_str)
        .map(|id| format!("{prefix}{id}"))
}

/// Runs every rule against `s` and returns the failures, each naming its rule. Cleans up what
/// it created.
async fn run(s: &Server) -> (usize, Vec<String>) {
    let http = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("a reqwest client");
    let suffix = unique_suffix();
    let f = setup(&http, s, &suffix).await;
    let rules = table().rules;
    let mut failures = Vec::new();
    let mut cleanup = Vec::new();
    for rule in &rules {
        let op = OPERATIONS
            .iter()
            .find(|o| o.id == rule.operation)
            .unwrap_or_else(|| panic!("{}: no operation {}", rule.name, rule.operation));
        let mut path = op.path.to_owned();
        for (param, default) in [
            ("user_id", "{user}"),
            ("tenant_id", "{tenant}"),
            ("role_id", "{role}"),
        ] {
            let value = rule.params.get(param).map_or(default, String::as_str);
            path = path.replace(&format!("{{{param}}}"), &fill_str(value, &f));
        }
        assert!(
            !path.contains('{'),
            "{}: unfilled path parameter in {path}",
            rule.name
        );
        let root = match rule.api.as_str() {
            "public" => &s.public,
            "admin" => &s.admin,
            other => panic!("{}: unknown api {other}", rule.name),
        };
        let token = match rule.token.as_str() {
            "admin" => Some(f.admin_token.as_str()),
            "static" => Some(s.static_token.as_str()),
            "none" => None,
            "unknown" => Some("no-such-token"),
            "crud-unscoped" => Some(f.crud_unscoped.as_str()),
            other => panic!("{}: unknown token {other}", rule.name),
        };
        let body = rule.body.as_ref().map(|b| fill(b, &f));
        let answer = send(
            &http,
            op.method,
            &format!("{root}{path}"),
            token,
            body.as_ref(),
        )
        .await;
        if answer.status == 200 {
            cleanup.extend(created(op.id, &answer.body));
        }
        if answer.status != rule.status {
            failures.push(format!(
                "[group {}] {}: {} {path} answered {}, the table says {} (spec: {}{}): {}",
                rule.group,
                rule.name,
                op.method,
                answer.status,
                rule.status,
                rule.spec,
                if rule.deliberate.is_some() {
                    ", deliberate"
                } else {
                    ""
                },
                answer.body
            ));
        }
    }

    // The last rule changed the OS-KSCRUD user's password before failing: the new one works
    // (from the next second on: Keystone revokes the user's tokens by the second).
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let crud = send(
        &http,
        "POST",
        &format!("{}/v2.0/tokens", s.public),
        None,
        Some(&json!({"auth": {"passwordCredentials": {"userId": f.values["crud_user"], "password": format!("{}-new", f.values["crud_password"])}}})),
    )
    .await;
    if crud.status != 200 {
        failures.push(format!(
            "[group 3] after the unscoped OS-KSCRUD 500, the new password does not authenticate: {} {}",
            crud.status, crud.body
        ));
    }

    // Cleanup: what the rules created, then the fixtures (deleting the tenant, user and role
    // removes their grants and credentials).
    let a = &s.admin;
    let at = Some(f.admin_token.as_str());
    for path in cleanup.iter().rev() {
        send(&http, "DELETE", &format!("{a}{path}"), at, None).await;
    }
    for path in [
        format!("/v2.0/users/{}", f.values["user"]),
        format!("/v2.0/users/{}", f.values["crud_user"]),
        format!("/v2.0/OS-KSADM/roles/{}", f.values["role"]),
        format!("/v2.0/OS-KSADM/services/{}", f.values["service"]),
        format!("/v2.0/tenants/{}", f.values["tenant"]),
    ] {
        let d = send(&http, "DELETE", &format!("{a}{path}"), at, None).await;
        assert_eq!(d.status, 204, "cleanup DELETE {path}: {}", d.body);
    }
    (rules.len(), failures)
}

fn report(server: &str, (count, failures): (usize, Vec<String>)) {
    println!("{server}: {count} rules, {} failed", failures.len());
    assert!(
        failures.is_empty(),
        "{server} does not answer as the rules table says:\n  {}",
        failures.join("\n  ")
    );
}

#[tokio::test]
#[ignore = "needs a live Keystone: scripts/keystone-server start (see README)"]
async fn every_rule_against_real_keystone() {
    let env = LiveEnv::get().await;
    let server = Server {
        public: env.public_root(),
        admin: env.admin_root(),
        admin_password: env.admin_password.clone(),
        static_token: env.admin_token.clone(),
    };
    report("Keystone", run(&server).await);
}

#[tokio::test]
async fn every_rule_against_the_emulator() {
    let emulator = Emulator::start().await.expect("the emulator starts");
    let server = Server {
        public: common::root(&emulator.public_url()),
        admin: common::root(&emulator.admin_url()),
        admin_password: emulator.admin_password().to_owned(),
        static_token: emulator.admin_token().to_owned(),
    };
    report("the emulator", run(&server).await);
}

#[test]
fn every_rule_names_an_operation_of_the_spec_and_a_known_verdict() {
    for rule in table().rules {
        assert!(
            OPERATIONS.iter().any(|o| o.id == rule.operation),
            "{}: no operation {}",
            rule.name,
            rule.operation
        );
        assert!(
            ["valid", "invalid", "none"].contains(&rule.spec.as_str()),
            "{}: spec is valid, invalid or none",
            rule.name
        );
        assert!((1..=7).contains(&rule.group), "{}: group 1 to 7", rule.name);
    }
}

/// The managers refuse what the spec's request schemas refuse, before sending anything: a
/// name, an id or an authentication value the spec's lengths and patterns refuse is
/// `Error::InvalidRequest`, and the emulator sees no request for it.
#[tokio::test]
async fn managers_refuse_what_the_spec_refuses_before_sending() {
    use keystone_v2::managers::{EndpointCreate, TenantOptions, TokenAuth, UserOptions};
    use keystone_v2::{Client, Error};

    let emulator = Emulator::start().await.expect("the emulator starts");
    let client = Client::builder()
        .auth_url(emulator.public_url())
        .username("admin")
        .password(emulator.admin_password())
        .tenant_name("admin")
        .build()
        .expect("a client");
    client.authenticate().await.expect("authenticated");
    let control = emulator.control();
    let long = "a".repeat(65);
    let refused = |what: &str, r: Result<(), Error>| match r {
        Err(Error::InvalidRequest(m)) => println!("{what}: refused: {m}"),
        other => panic!("{what}: expected InvalidRequest, got {other:?}"),
    };
    let tenant = |name: &str, id: Option<&str>| {
        let client = client.clone();
        let (name, id) = (name.to_owned(), id.map(str::to_owned));
        async move {
            client
                .tenants()
                .create(
                    &name,
                    TenantOptions {
                        id,
                        ..Default::default()
                    },
                )
                .await
                .map(drop)
        }
    };
    refused("a blank tenant name", tenant("   ", None).await);
    refused("a 65-character tenant name", tenant(&long, None).await);
    refused(
        "a tenant id with an underscore",
        tenant("ok", Some("a_b")).await,
    );
    refused(
        "an empty tenant rename",
        client
            .tenants()
            .update(
                "t1",
                TenantOptions {
                    name: Some(String::new()),
                    ..Default::default()
                },
            )
            .await
            .map(drop),
    );
    refused(
        "a blank user name",
        client
            .users()
            .create(" ", UserOptions::default())
            .await
            .map(drop),
    );
    refused(
        "a default tenant id with an underscore",
        client
            .users()
            .create(
                "ok",
                UserOptions {
                    tenant_id: Some("a_b".into()),
                    ..Default::default()
                },
            )
            .await
            .map(drop),
    );
    refused(
        "an empty default tenant",
        client.users().update_tenant("u1", "").await.map(drop),
    );
    refused(
        "a blank role name",
        client.roles().create(" ").await.map(drop),
    );
    refused(
        "an empty service name",
        client
            .services()
            .create("", "compute", None)
            .await
            .map(drop),
    );
    refused(
        "an empty public URL",
        client
            .endpoints()
            .create("s1", "", EndpointCreate::default())
            .await
            .map(drop),
    );
    refused(
        "a 65-character tenant name to authenticate with",
        client
            .tokens()
            .authenticate(TokenAuth::password("admin", "secret").tenant_name(long.as_str()))
            .await
            .map(drop),
    );
    refused(
        "a 256-character token",
        client
            .tokens()
            .authenticate(TokenAuth::token("t".repeat(256)))
            .await
            .map(drop),
    );
    for op in [
        "tenants_create",
        "tenants_update",
        "users_create",
        "users_update_tenant",
        "roles_create",
        "services_create",
        "endpoints_create",
    ] {
        assert_eq!(control.operation_count(op), 0, "{op} was sent");
    }
    assert_eq!(
        control.operation_count("tokens_authenticate"),
        1,
        "only the client's own authentication was sent"
    );
}
