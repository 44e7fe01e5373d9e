//! The emulator's Rackspace mode against the vendor's published examples
//! (`tests/data/vendors/rackspace/`): the same requests get answers with every member the
//! vendor's examples have, at the same places, so code tested against the emulator meets the
//! shapes it will meet at the vendor.
#![cfg(feature = "emulator")]

use std::collections::BTreeSet;

use keystone_v2::emulator::{
    Dialect, Emulator, EmulatorConfig, RACKSPACE_PASSWORD, RACKSPACE_TENANT, RACKSPACE_USERNAME,
};
use serde_json::{json, Value};

const PASSCODE: &str = "1411594";

fn example(name: &str) -> Value {
    let path = format!(
        "{}/tests/data/vendors/rackspace/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// Every member's path (`.access.user.roles[].tenantId`); the items of an array share `[]`.
fn paths(value: &Value, at: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let path = format!("{at}.{key}");
                paths(v, &path, out);
                out.insert(path);
            }
        }
        Value::Array(items) => {
            for v in items {
                paths(v, &format!("{at}[]"), out);
            }
        }
        _ => {}
    }
}

/// The members of the vendor's example that the emulator's answer lacks.
fn missing(published: &Value, emulated: &Value) -> Vec<String> {
    let (mut want, mut have) = (BTreeSet::new(), BTreeSet::new());
    paths(published, "", &mut want);
    paths(emulated, "", &mut have);
    want.difference(&have).cloned().collect()
}

async fn rackspace() -> Emulator {
    Emulator::start_with(EmulatorConfig::default().dialect(Dialect::Rackspace))
        .await
        .expect("the emulator starts")
}

/// POSTs `body` to the emulator's `/v2.0/tokens`: the status, `WWW-Authenticate` and the body.
async fn post(e: &Emulator, body: &Value, session: Option<&str>) -> (u16, String, Value) {
    let mut request = reqwest::Client::new()
        .post(format!("{}/tokens", e.public_url()))
        .json(body);
    if let Some(id) = session {
        request = request.header("X-SessionId", id);
    }
    let answer = request.send().await.unwrap();
    let status = answer.status().as_u16();
    let challenge = answer
        .headers()
        .get("www-authenticate")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, challenge, answer.json().await.unwrap())
}

/// The vendor's request example with the emulator's demo account in place of the example's.
fn with_demo_account(mut request: Value, secret_member: &str, secret: &str) -> Value {
    let auth = request["auth"].as_object_mut().unwrap();
    for credentials in auth.values_mut().filter(|v| v.is_object()) {
        credentials["username"] = json!(RACKSPACE_USERNAME);
        credentials[secret_member] = json!(secret);
    }
    if auth.contains_key("tenantId") {
        auth.insert("tenantId".into(), json!(RACKSPACE_TENANT));
    }
    request
}

#[tokio::test]
async fn api_key_and_password_logins_answer_every_member_of_the_vendors_example() {
    let e = rackspace().await;
    let key = e.control().api_key(RACKSPACE_USERNAME).unwrap();
    // The vendor's page answers both credentials with the same example.
    for (request, member, secret) in [
        ("auth-apikey-request.json", "apiKey", key.as_str()),
        ("auth-apikey-tenant-request.json", "apiKey", key.as_str()),
        ("auth-password-request.json", "password", RACKSPACE_PASSWORD),
    ] {
        let body = with_demo_account(example(request), member, secret);
        let (status, _, answer) = post(&e, &body, None).await;
        assert_eq!(status, 200, "{request}: {answer}");
        assert_eq!(
            missing(&example("auth-apikey-response.json"), &answer),
            Vec::<String>::new(),
            "{request}"
        );
    }
}

#[tokio::test]
async fn a_multi_factor_login_answers_the_vendors_challenge_then_every_member_of_its_token() {
    let e = rackspace().await;
    e.control()
        .enable_mfa(RACKSPACE_USERNAME, PASSCODE)
        .unwrap();
    let body = with_demo_account(
        example("mfa-password-request.json"),
        "password",
        RACKSPACE_PASSWORD,
    );
    let (status, challenge, answer) = post(&e, &body, None).await;
    let published = example("mfa-challenge-response.json");
    assert_eq!(status, 401);
    assert_eq!(missing(&published["body"], &answer), Vec::<String>::new());
    assert_eq!(answer, published["body"], "the same fault, word for word");
    // `OS-MF sessionId='<id>', factor='PASSCODE'`: the same words around another session id.
    let header = published["headers"]["WWW-Authenticate"]
        .as_str()
        .expect("the published challenge header");
    let shape = |h: &str| {
        let (before, rest) = h.split_once("sessionId='").unwrap();
        let (_, after) = rest.split_once('\'').unwrap();
        (before.to_owned(), after.to_owned())
    };
    assert_eq!(shape(&challenge), shape(header), "{challenge}");
    let session = challenge
        .split_once("sessionId='")
        .and_then(|(_, rest)| rest.split_once('\''))
        .map(|(id, _)| id.to_owned())
        .unwrap();
    let passcode = example("mfa-passcode-request.json");
    let (status, _, answer) = post(&e, &passcode["body"], Some(&session)).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(
        missing(&example("mfa-passcode-response.json"), &answer),
        Vec::<String>::new()
    );
}
