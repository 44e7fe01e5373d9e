//! The credentials of other v2.0 clouds (Rackspace's API key and multi-factor login, HP's
//! access keys), each against a scripted loopback server that answers the vendor's published
//! examples (tests/data/vendors) and checks the client's requests against the published ones.

#[path = "common/loopback.rs"]
mod loopback;

mod logs;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use keystone_v2::cache::{CacheKey, TokenCache};
use keystone_v2::config::Environment;
use keystone_v2::{AccessInfo, Client, ClientBuilder, Error, Secret};
use loopback::{json, Reply, Seen, Server};
use serde_json::Value;

const API_KEY: &str = "aaaaa-bbbbb-ccccc-12345678";
const SECRET_KEY: &str = "CQSp+KsLQGFz6+V/S1s4XXpE42q472pD9VhIBFsn";
const PASSCODE: &str = "1411594";

fn data(name: &str) -> Value {
    let path = format!("{}/tests/data/vendors/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// A published answer whose token expires in the future (the published ones have expired).
fn unexpired(mut answer: Value) -> Value {
    answer["access"]["token"]["expires"] = "2099-01-01T00:00:00.000Z".into();
    answer
}

fn body(seen: &Seen) -> Value {
    serde_json::from_str(&seen.body).unwrap_or(Value::Null)
}

fn posts(server: &Server) -> Vec<Seen> {
    server
        .seen()
        .into_iter()
        .filter(|s| s.line == "POST /v2.0/tokens")
        .collect()
}

/// A server answering `POST /v2.0/tokens` with `answer` when the body is `request`, with a
/// 400 naming the difference otherwise, and `GET /v2.0/tenants` with an empty list.
async fn server(request: Value, answer: Value) -> Server {
    Server::start("127.0.0.1", move |seen| match seen.line.as_str() {
        "POST /v2.0/tokens" if body(seen) == request => json("200 OK", &answer.to_string()),
        "POST /v2.0/tokens" => json(
            "400 Bad Request",
            r#"{"badRequest": {"code": 400, "message": "not the published request"}}"#,
        ),
        "GET /v2.0/tenants" => json("200 OK", r#"{"tenants": [], "tenants_links": []}"#),
        _ => json("404 Not Found", r#"{"itemNotFound": {"code": 404}}"#),
    })
    .await
}

fn challenge() -> (String, Reply) {
    let published = data("rackspace/mfa-challenge-response.json");
    let header = published["headers"]["WWW-Authenticate"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = published["body"].to_string();
    let raw = format!(
        "HTTP/1.1 401 Unauthorized\r\nwww-authenticate: {header}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let session = data("rackspace/mfa-passcode-request.json")["headers"]["X-SessionId"]
        .as_str()
        .unwrap()
        .to_owned();
    (session, Reply::Raw(raw))
}

/// Rackspace's multi-factor steps: the published password request answered with the published
/// challenge, the published passcode request (body and `X-SessionId`) with `answer`.
async fn mfa_server(answer: Value) -> Server {
    let password = data("rackspace/mfa-password-request.json");
    let passcode = data("rackspace/mfa-passcode-request.json");
    Server::start("127.0.0.1", move |seen| {
        let (session, challenge) = challenge();
        let header = format!("x-sessionid: {}", session.to_ascii_lowercase());
        match seen.line.as_str() {
            "POST /v2.0/tokens" if body(seen) == password => challenge,
            "POST /v2.0/tokens"
                if body(seen) == passcode["body"] && seen.headers.contains(&header) =>
            {
                json("200 OK", &answer.to_string())
            }
            "POST /v2.0/tokens" => json(
                "401 Unauthorized",
                r#"{"unauthorized": {"code": 401, "message": "not the published request"}}"#,
            ),
            "GET /v2.0/tenants" => json("200 OK", r#"{"tenants": [], "tenants_links": []}"#),
            _ => json("404 Not Found", r#"{"itemNotFound": {"code": 404}}"#),
        }
    })
    .await
}

fn api_key_client(server: &Server) -> ClientBuilder {
    Client::builder()
        .auth_url(server.v2())
        .username("demoauthor")
        .api_key(API_KEY)
        .tenant_id("1100111")
}

fn access_key_client(server: &Server) -> ClientBuilder {
    Client::builder()
        .auth_url(server.v2())
        .access_key("B5VKMNLEZ7YUN9BTFDZC")
        .secret_key(SECRET_KEY)
        .tenant_id("72020596871800")
}

fn mfa_client(server: &Server) -> ClientBuilder {
    Client::builder()
        .auth_url(server.v2())
        .username("myUserName")
        .password("thePassword")
}

#[tokio::test]
async fn an_api_key_login_sends_the_published_request_and_reads_the_published_answer() {
    let server = server(
        data("rackspace/auth-apikey-tenant-request.json"),
        data("rackspace/auth-apikey-response.json"),
    )
    .await;
    let access = api_key_client(&server)
        .build()
        .unwrap()
        .authenticate()
        .await
        .unwrap();
    assert_eq!(
        access.auth_token().expose(),
        "d74f592f986e4d6e995853ccf0123456"
    );
    assert_eq!(access.user_id(), "172157");
    assert_eq!(access.tenant_id(), Some("123456"));
    assert_eq!(posts(&server).len(), 1);
}

#[tokio::test]
async fn an_api_key_login_without_a_tenant_sends_the_published_request() {
    let server = server(
        data("rackspace/auth-apikey-request.json"),
        data("rackspace/auth-apikey-response.json"),
    )
    .await;
    let client = Client::builder()
        .auth_url(server.v2())
        .username("demoauthor")
        .api_key(API_KEY)
        .build()
        .unwrap();
    assert_eq!(client.authenticate().await.unwrap().user_id(), "172157");
}

#[tokio::test]
async fn an_hp_access_key_login_sends_the_published_request_and_reads_the_published_answer() {
    let server = server(
        data("hp/auth-accesskey-request.json"),
        data("hp/auth-accesskey-response.json"),
    )
    .await;
    let access = access_key_client(&server)
        .build()
        .unwrap()
        .authenticate()
        .await
        .unwrap();
    assert_eq!(
        access.auth_token().expose(),
        "HPAuth_4e98a5dbb0befc448cd0454f"
    );
    assert_eq!(access.tenant_id(), Some("14541255461800"));
}

#[tokio::test]
async fn the_token_manager_authenticates_with_other_clouds_credentials() {
    use keystone_v2::managers::TokenAuth;
    let server = server(
        data("rackspace/auth-apikey-tenant-request.json"),
        data("rackspace/auth-apikey-response.json"),
    )
    .await;
    let client = api_key_client(&server).build().unwrap();
    let access = client
        .tokens()
        .authenticate(TokenAuth::api_key("demoauthor", API_KEY).tenant_id("1100111"))
        .await
        .unwrap();
    assert_eq!(access.user_id(), "172157");
}

/// The prompts a passcode callback was given.
type Prompts = Arc<Mutex<Vec<keystone_v2::PasscodePrompt>>>;

/// A passcode callback that counts its calls and keeps the prompts.
fn passcode_counter() -> (
    Arc<AtomicUsize>,
    Prompts,
    impl Fn(&keystone_v2::PasscodePrompt) -> Option<Secret> + Send + Sync + 'static,
) {
    let calls = Arc::new(AtomicUsize::new(0));
    let prompts = Arc::new(Mutex::new(Vec::new()));
    let (c, p) = (calls.clone(), prompts.clone());
    let callback = move |prompt: &keystone_v2::PasscodePrompt| {
        c.fetch_add(1, Ordering::SeqCst);
        p.lock().unwrap().push(prompt.clone());
        Some(Secret::new(PASSCODE))
    };
    (calls, prompts, callback)
}

/// A hostile or broken server that challenges the passcode step again: the client sends one
/// passcode, never loops, and ends with the server's 401.
#[tokio::test]
async fn a_server_that_challenges_the_passcode_step_again_gets_one_passcode_and_a_401() {
    let server = Server::start("127.0.0.1", |seen| match seen.line.as_str() {
        "POST /v2.0/tokens" => challenge().1,
        _ => json("404 Not Found", r#"{"itemNotFound": {"code": 404}}"#),
    })
    .await;
    let (calls, _, callback) = passcode_counter();
    let err = mfa_client(&server)
        .passcode_callback(callback)
        .build()
        .unwrap()
        .authenticate()
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(
        posts(&server).len(),
        2,
        "the password step and one passcode step"
    );
}

/// A passcode callback that does not answer (nobody at the terminal) does not hold the login
/// past the call's timeout: it ends in a timeout error, and no passcode step is sent.
#[tokio::test]
async fn a_passcode_callback_that_never_answers_ends_at_the_calls_timeout() {
    let server = mfa_server(data("rackspace/mfa-passcode-response.json")).await;
    let client = mfa_client(&server)
        .timeout(std::time::Duration::from_millis(300))
        .passcode_callback(|_| {
            std::thread::sleep(std::time::Duration::from_millis(1500));
            Some(Secret::new(PASSCODE))
        })
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = client.authenticate().await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        started.elapsed() < std::time::Duration::from_millis(1200),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(posts(&server).len(), 1, "only the password step");
}

#[tokio::test]
async fn a_multi_factor_login_completes_with_the_passcode_from_the_callback() {
    let server = mfa_server(data("rackspace/mfa-passcode-response.json")).await;
    let (calls, prompts, callback) = passcode_counter();
    let client = mfa_client(&server)
        .passcode_callback(callback)
        .build()
        .unwrap();
    let access = client.authenticate().await.unwrap();
    assert_eq!(access.user_id(), "a64ee2047fc14cc7bc977caa3cfff35f");
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    let prompt = prompts.lock().unwrap()[0].clone();
    assert_eq!(prompt.factor, "PASSCODE");
    assert_eq!(prompt.username.as_deref(), Some("myUserName"));
    assert_eq!(posts(&server).len(), 2);
}

#[tokio::test]
async fn a_multi_factor_login_without_a_passcode_fails_with_passcode_required() {
    let server = mfa_server(data("rackspace/mfa-passcode-response.json")).await;
    let err = mfa_client(&server)
        .build()
        .unwrap()
        .authenticate()
        .await
        .unwrap_err();
    match &err {
        Error::PasscodeRequired { factor, reason } => {
            assert_eq!(factor, "PASSCODE");
            assert!(reason.contains("passcode_callback"), "{reason}");
        }
        other => panic!("expected PasscodeRequired, got {other:?}"),
    }
    // A callback that gives none: the same error, and nothing more is sent.
    let err = mfa_client(&server)
        .passcode_callback(|_| None)
        .build()
        .unwrap()
        .authenticate()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::PasscodeRequired { reason, .. } if reason.contains("gave none")),
        "{err:?}"
    );
    assert_eq!(posts(&server).len(), 2, "only the two password steps");
}

#[tokio::test]
async fn a_wrong_passcode_is_the_servers_401() {
    let server = mfa_server(data("rackspace/mfa-passcode-response.json")).await;
    let err = mfa_client(&server)
        .passcode_callback(|_| Some(Secret::new("000000")))
        .build()
        .unwrap()
        .authenticate()
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    assert_eq!(posts(&server).len(), 2, "no loop on the second step's 401");
}

#[tokio::test]
async fn re_authentication_after_expiry_sends_the_same_api_key() {
    // The published token expired in 2015: every call authenticates again.
    let request = data("rackspace/auth-apikey-tenant-request.json");
    let server = server(request.clone(), data("rackspace/auth-apikey-response.json")).await;
    let client = api_key_client(&server).build().unwrap();
    client.authenticate().await.unwrap();
    client.tenants().list(Default::default()).await.unwrap();
    let posts = posts(&server);
    assert_eq!(posts.len(), 2);
    assert!(posts.iter().all(|p| body(p) == request));
}

#[tokio::test]
async fn re_authentication_after_a_401_sends_the_same_access_key() {
    let request = data("hp/auth-accesskey-request.json");
    let answer = unexpired(data("hp/auth-accesskey-response.json")).to_string();
    let refused = Arc::new(AtomicUsize::new(0));
    let r = refused.clone();
    let expected = request.clone();
    let server = Server::start("127.0.0.1", move |seen| match seen.line.as_str() {
        "POST /v2.0/tokens" if body(seen) == expected => json("200 OK", &answer),
        "GET /v2.0/tenants" if r.fetch_add(1, Ordering::SeqCst) == 0 => json(
            "401 Unauthorized",
            r#"{"unauthorized": {"code": 401, "message": "token expired"}}"#,
        ),
        "GET /v2.0/tenants" => json("200 OK", r#"{"tenants": [], "tenants_links": []}"#),
        _ => json("400 Bad Request", r#"{"badRequest": {"code": 400}}"#),
    })
    .await;
    // The catalog's admin identity URL is HP's: the admin API is the scripted server here.
    let client = access_key_client(&server)
        .endpoint(server.v2())
        .build()
        .unwrap();
    client.tenants().list(Default::default()).await.unwrap();
    let posts = posts(&server);
    assert_eq!(posts.len(), 2);
    assert!(posts.iter().all(|p| body(p) == request));
}

#[tokio::test]
async fn re_authentication_of_a_multi_factor_login_asks_for_a_passcode_again() {
    // The published token expired in 2014: the next call logs in again, both steps.
    let server = mfa_server(data("rackspace/mfa-passcode-response.json")).await;
    let (calls, _, callback) = passcode_counter();
    let client = mfa_client(&server)
        .passcode_callback(callback)
        .build()
        .unwrap();
    client.authenticate().await.unwrap();
    client.tenants().list(Default::default()).await.unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(posts(&server).len(), 4);
}

#[tokio::test]
async fn re_authentication_of_a_multi_factor_login_without_a_passcode_is_passcode_required() {
    let server = mfa_server(data("rackspace/mfa-passcode-response.json")).await;
    let once = Arc::new(AtomicUsize::new(0));
    let client = mfa_client(&server)
        .passcode_callback(move |_| {
            (once.fetch_add(1, Ordering::SeqCst) == 0).then(|| Secret::new(PASSCODE))
        })
        .build()
        .unwrap();
    client.authenticate().await.unwrap();
    let err = client.tenants().list(Default::default()).await.unwrap_err();
    assert!(matches!(err, Error::PasscodeRequired { .. }), "{err:?}");
}

/// An in-memory token cache.
#[derive(Default)]
struct Memory(Mutex<std::collections::HashMap<CacheKey, AccessInfo>>);

impl TokenCache for Memory {
    fn key(&self, identity: &[(&str, &str)]) -> keystone_v2::Result<CacheKey> {
        Ok(CacheKey::keyed(b"test", identity))
    }
    fn load(&self, key: &CacheKey) -> keystone_v2::Result<Option<AccessInfo>> {
        Ok(self.0.lock().unwrap().get(key).cloned())
    }
    fn store(&self, key: &CacheKey, access: &AccessInfo) -> keystone_v2::Result<()> {
        self.0.lock().unwrap().insert(key.clone(), access.clone());
        Ok(())
    }
    fn remove(&self, key: &CacheKey) -> keystone_v2::Result<()> {
        self.0.lock().unwrap().remove(key);
        Ok(())
    }
}

impl std::fmt::Debug for Memory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Memory")
    }
}

#[tokio::test]
async fn the_token_cache_tells_api_keys_and_secret_keys_apart() {
    let answer = unexpired(data("rackspace/auth-apikey-response.json")).to_string();
    let server = Server::start("127.0.0.1", move |seen| match seen.line.as_str() {
        "POST /v2.0/tokens" => json("200 OK", &answer),
        _ => json("404 Not Found", "{}"),
    })
    .await;
    let cache = Arc::new(Memory::default());
    let login = |b: ClientBuilder| {
        let cache: Arc<dyn TokenCache> = cache.clone();
        async move { b.token_cache(cache).build().unwrap().authenticate().await }
    };
    let key = |k: &str| {
        Client::builder()
            .auth_url(server.v2())
            .username("demoauthor")
            .api_key(k)
    };
    let pair = |s: &str| {
        Client::builder()
            .auth_url(server.v2())
            .access_key("AK")
            .secret_key(s)
    };
    login(key(API_KEY)).await.unwrap();
    login(key(API_KEY)).await.unwrap();
    assert_eq!(posts(&server).len(), 1, "the same API key: from the cache");
    login(key("another-key")).await.unwrap();
    assert_eq!(
        posts(&server).len(),
        2,
        "another API key: not from the cache"
    );
    login(pair(SECRET_KEY)).await.unwrap();
    login(pair("another-secret")).await.unwrap();
    assert_eq!(posts(&server).len(), 4, "secret keys told apart");
}

#[tokio::test]
async fn no_api_key_secret_key_passcode_or_session_id_shows_in_debug_output_errors_or_logs() {
    let captured = logs::global_logs();
    let (session, _) = challenge();
    let secrets = [API_KEY, SECRET_KEY, PASSCODE, session.as_str()];
    let mut shown = Vec::new();

    // Successful logins, with bodies and curl lines logged.
    let rax = server(
        data("rackspace/auth-apikey-tenant-request.json"),
        data("rackspace/auth-apikey-response.json"),
    )
    .await;
    let b = api_key_client(&rax).debug(true).log_curl(true);
    shown.push(format!("{b:?}"));
    b.build().unwrap().authenticate().await.unwrap();
    let hp = server(
        data("hp/auth-accesskey-request.json"),
        data("hp/auth-accesskey-response.json"),
    )
    .await;
    let b = access_key_client(&hp).debug(true).log_curl(true);
    shown.push(format!("{b:?}"));
    b.build().unwrap().authenticate().await.unwrap();
    let mfa = mfa_server(data("rackspace/mfa-passcode-response.json")).await;
    let b = mfa_client(&mfa)
        .passcode_callback(|_| Some(Secret::new(PASSCODE)))
        .debug(true)
        .log_curl(true);
    shown.push(format!("{b:?}"));
    b.build().unwrap().authenticate().await.unwrap();

    // A server that echoes what it was sent (and the session id it gave) in its errors.
    let (_, published_challenge) = challenge();
    let challenge_raw = match published_challenge {
        Reply::Raw(raw) => raw,
        _ => unreachable!(),
    };
    let sid = session.clone();
    let echoing = Server::start("127.0.0.1", move |seen| {
        if seen.body.contains("passwordCredentials") {
            return Reply::Raw(challenge_raw.clone());
        }
        let given = if seen.headers.contains("x-sessionid") {
            sid.as_str()
        } else {
            ""
        };
        let message = format!("refused {} {given}", seen.body);
        json(
            "401 Unauthorized",
            &serde_json::json!({"unauthorized": {"code": 401, "message": message}}).to_string(),
        )
    })
    .await;
    // Each client's error shows none of the secrets it sent (the others are not its own).
    for (b, own) in [
        (api_key_client(&echoing), vec![API_KEY]),
        (access_key_client(&echoing), vec![SECRET_KEY]),
        (
            mfa_client(&echoing).passcode_callback(|_| Some(Secret::new(PASSCODE))),
            vec![PASSCODE, session.as_str()],
        ),
    ] {
        let err = b
            .debug(true)
            .log_curl(true)
            .build()
            .unwrap()
            .authenticate()
            .await
            .unwrap_err();
        assert!(err.is_unauthorized(), "{err:?}");
        for secret in own {
            assert!(
                !format!("{err} {err:?}").contains(secret),
                "{secret} in {err:?}"
            );
        }
    }
    let logs = captured.text();
    assert!(logs.contains("x-sessionid"), "the second step is logged");
    assert!(logs.contains("apiKeyCredentials"), "the bodies are logged");
    shown.push(logs);
    for text in &shown {
        for secret in secrets {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
}

/// A clouds.yaml of one cloud, in a fresh directory, as an `Environment`.
fn clouds_yaml(name: &str, text: &str) -> (Environment, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!(
        "keystone-v2-vendor-{name}-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("clouds.yaml"), text).unwrap();
    let env = Environment::new()
        .current_dir(&dir)
        .home_dir(dir.join("home"))
        .site_dirs([dir.join("site")]);
    (env, dir)
}

#[tokio::test]
async fn clouds_yaml_with_auth_type_rackspace_apikey_logs_in_with_the_api_key() {
    let server = server(
        data("rackspace/auth-apikey-tenant-request.json"),
        data("rackspace/auth-apikey-response.json"),
    )
    .await;
    let (env, dir) = clouds_yaml(
        "rax",
        &format!(
            "clouds:\n  rackspace:\n    auth_type: rackspace_apikey\n    auth:\n      auth_url: {}\n      username: demoauthor\n      api_key: {API_KEY}\n      project_id: \"1100111\"\n",
            server.v2()
        ),
    );
    let builder = ClientBuilder::from_config(&env, Some("rackspace")).unwrap();
    let explained = builder.explain();
    assert_eq!(explained.get("api_key").unwrap().value, "***");
    assert!(!explained.to_string().contains(API_KEY));
    let access = builder.build().unwrap().authenticate().await.unwrap();
    assert_eq!(access.user_id(), "172157");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn clouds_yaml_with_auth_type_rackspace_apikey_needs_an_api_key() {
    let (env, dir) = clouds_yaml(
        "rax-nokey",
        "clouds:\n  rackspace:\n    auth_type: rackspace_apikey\n    auth:\n      auth_url: http://127.0.0.1:9/v2.0\n      username: demoauthor\n      password: not-an-api-key\n",
    );
    let err = ClientBuilder::from_config(&env, Some("rackspace"))
        .and_then(|b| b.build().map(|_| ()))
        .unwrap_err();
    assert!(err.to_string().contains("api_key"), "{err}");
    assert!(!err.to_string().contains("not-an-api-key"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test]
async fn os_variables_with_auth_type_hp_accesskey_log_in_with_the_access_keys() {
    let server = server(
        data("hp/auth-accesskey-request.json"),
        data("hp/auth-accesskey-response.json"),
    )
    .await;
    let env = Environment::new()
        .current_dir(std::env::temp_dir().join("keystone-v2-vendor-no-such-dir"))
        .var("OS_AUTH_URL", server.v2())
        .var("OS_AUTH_TYPE", "hp_accesskey")
        .var("OS_ACCESS_KEY", "B5VKMNLEZ7YUN9BTFDZC")
        .var("OS_SECRET_KEY", SECRET_KEY)
        .var("OS_TENANT_ID", "72020596871800");
    let builder = ClientBuilder::from_config(&env, None).unwrap();
    assert_eq!(builder.explain().get("secret_key").unwrap().value, "***");
    let access = builder.build().unwrap().authenticate().await.unwrap();
    assert_eq!(access.tenant_id(), Some("14541255461800"));
}

#[test]
fn the_builder_refuses_incomplete_or_mixed_credentials() {
    let url = "http://127.0.0.1:9/v2.0";
    let refused = |b: ClientBuilder| b.auth_url(url).build().unwrap_err().to_string();
    assert!(refused(Client::builder().api_key(API_KEY)).contains("username"));
    assert!(refused(Client::builder().access_key("AK")).contains("secret_key"));
    assert!(refused(Client::builder().secret_key(SECRET_KEY)).contains("access_key"));
    let mixed = refused(
        Client::builder()
            .username("u")
            .password("p")
            .api_key(API_KEY),
    );
    assert!(mixed.contains("one of"), "{mixed}");
    assert!(!mixed.contains(API_KEY));
}

#[test]
fn a_blocking_client_completes_a_multi_factor_login_with_the_callback() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(mfa_server(data("rackspace/mfa-passcode-response.json")));
    let client = keystone_v2::blocking::Client::builder()
        .auth_url(server.v2())
        .username("myUserName")
        .password("thePassword")
        .passcode_callback(|_| Some(Secret::new(PASSCODE)))
        .build()
        .unwrap();
    let access = client.authenticate().unwrap();
    assert_eq!(access.user_id(), "a64ee2047fc14cc7bc977caa3cfff35f");
    assert_eq!(posts(&server).len(), 2);
}
