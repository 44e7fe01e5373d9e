//! Hostile inputs, each ending in its documented safe outcome: ids that try to change the route, redirects that try to carry credentials away,
//! error statuses with bodies that are not Keystone's JSON, huge and slow bodies, a timeout that
//! must bound the whole call, misrouting configuration, echoed secrets, and `extra` attributes
//! that repeat typed ones. No Keystone needed: a scripted loopback server or the emulator.

#![cfg(feature = "emulator")]

mod logs;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use keystone_v2::emulator::Emulator;
use keystone_v2::hooks::Recorder;
use keystone_v2::managers::{TenantOptions, UserOptions};
use keystone_v2::{Client, Error};

#[path = "common/loopback.rs"]
mod loopback;
use loopback::{json, redirect, response, Reply, Server};

/// A token answer for a password or token authentication against `url`.
fn access(url: &str, token: &str) -> String {
    format!(
        r#"{{"access": {{"token": {{"id": "{token}", "expires": "2999-01-01T00:00:00Z", "tenant": {{"id": "t1", "name": "admin", "enabled": true}}}},
            "serviceCatalog": [{{"type": "identity", "name": "keystone", "endpoints": [{{"region": "RegionOne",
              "publicURL": "{url}/v2.0", "adminURL": "{url}/v2.0", "internalURL": "{url}/v2.0"}}]}}],
            "user": {{"id": "u1", "name": "admin", "roles": [{{"name": "admin"}}]}}, "metadata": {{"is_admin": 0, "roles": []}}}}}}"#
    )
}

const PASSWORD: &str = "Pa55-w0rd-that-must-not-leak";
const TOKEN: &str = "tok-0123456789abcdef-secret";

fn admin_token_client(url: &str) -> keystone_v2::ClientBuilder {
    Client::builder().token(TOKEN).endpoint(url).retries(0)
}

fn password_client(url: &str) -> keystone_v2::ClientBuilder {
    Client::builder()
        .auth_url(url)
        .username("admin")
        .password(PASSWORD)
        .tenant_name("admin")
        .retries(0)
}

fn assert_no_secret(text: &str, secrets: &[&str]) {
    for s in secrets {
        assert!(!text.contains(s), "a secret leaked into {text:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// 1. Ids never change the route.

async fn emulator_admin() -> (Emulator, Client, Arc<Recorder>) {
    let emulator = Emulator::start().await.unwrap();
    let recorder = Arc::new(Recorder::new());
    let client = Client::builder()
        .token(emulator.admin_token())
        .endpoint(emulator.admin_url())
        .record(recorder.clone())
        .build()
        .unwrap();
    (emulator, client, recorder)
}

#[tokio::test]
async fn deleting_a_tenant_by_a_traversal_id_never_deletes_the_user() {
    let (_emulator, client, _) = emulator_admin().await;
    let user = client
        .users()
        .create("victim", UserOptions::default())
        .await
        .unwrap();
    for id in [
        format!("..\\users\\{}", user.id),
        format!("..\\..\\v2.0\\users\\{}", user.id),
    ] {
        let err = client.tenants().delete(&id).await.unwrap_err();
        assert!(err.is_not_found(), "{err:?}");
    }
    assert_eq!(client.users().get(&user.id).await.unwrap().id, user.id);
}

#[tokio::test]
async fn deleting_a_tenant_by_an_id_that_climbs_back_never_deletes_another_tenant() {
    // `x\..\<id>` would be `/v2.0/tenants/<id>` once a URL parser has read the backslashes
    // as slashes and dropped the dot segment: a path of the right shape, for another tenant.
    let (_emulator, client, _) = emulator_admin().await;
    let tenant = client
        .tenants()
        .create("kept", TenantOptions::default())
        .await
        .unwrap();
    let err = client
        .tenants()
        .delete(&format!("x\\..\\{}", tenant.id))
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    assert_eq!(
        client.tenants().get(&tenant.id).await.unwrap().id,
        tenant.id
    );
}

#[tokio::test]
async fn deleting_a_token_by_a_traversal_id_never_deletes_the_tenant() {
    let (_emulator, client, _) = emulator_admin().await;
    let tenant = client
        .tenants()
        .create("kept", TenantOptions::default())
        .await
        .unwrap();
    let err = client
        .tokens()
        .delete(&format!("..\\tenants\\{}", tenant.id))
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    assert_eq!(
        client.tenants().get(&tenant.id).await.unwrap().id,
        tenant.id
    );
}

#[tokio::test]
async fn dot_segment_and_empty_ids_are_invalid_requests_and_nothing_is_sent() {
    let (_emulator, client, recorder) = emulator_admin().await;
    for id in ["", ".", ".."] {
        let err = client.tokens().check(id, None).await.unwrap_err();
        assert!(
            matches!(err, Error::InvalidRequest(_)),
            "check({id:?}): {err:?}"
        );
        let err = client.tenants().list_users(id).await.unwrap_err();
        assert!(
            matches!(err, Error::InvalidRequest(_)),
            "list_users({id:?}): {err:?}"
        );
        let err = client.tenants().get(id).await.unwrap_err();
        assert!(
            matches!(err, Error::InvalidRequest(_)),
            "get({id:?}): {err:?}"
        );
        let err = client.tenants().delete(id).await.unwrap_err();
        assert!(
            matches!(err, Error::InvalidRequest(_)),
            "delete({id:?}): {err:?}"
        );
    }
    assert!(
        recorder.exchanges().is_empty(),
        "a request reached the server"
    );
}

#[tokio::test]
async fn a_backslash_or_dot_dot_inside_an_id_stays_in_its_segment() {
    let server = Server::start("127.0.0.1", |_| {
        json(
            "404 Not Found",
            r#"{"error": {"code": 404, "title": "Not Found", "message": "no"}}"#,
        )
    })
    .await;
    let client = admin_token_client(&server.v2()).build().unwrap();
    for id in [
        "\\",
        "..\\users",
        "a\\..\\..\\users",
        "%2e%2e",
        "..x",
        "a/b",
        "a?b#c",
    ] {
        let err = client.tenants().list_users(id).await.unwrap_err();
        assert!(err.is_not_found(), "{id:?}: {err:?}");
    }
    let lines: Vec<String> = server.seen().into_iter().map(|s| s.line).collect();
    assert_eq!(
        lines,
        [
            "GET /v2.0/tenants/%5C/users",
            "GET /v2.0/tenants/..%5Cusers/users",
            "GET /v2.0/tenants/a%5C..%5C..%5Cusers/users",
            "GET /v2.0/tenants/%252e%252e/users",
            "GET /v2.0/tenants/..x/users",
            "GET /v2.0/tenants/a%2Fb/users",
            "GET /v2.0/tenants/a%3Fb%23c/users",
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Credentials never leave their origin.

/// A second origin on another loopback address, which must never receive anything.
async fn elsewhere() -> Server {
    Server::start("127.0.0.2", |_| json("200 OK", "{}")).await
}

#[tokio::test]
async fn a_307_on_authenticate_to_another_host_never_delivers_the_password() {
    let other = elsewhere().await;
    let target = format!("{}/v2.0/tokens", other.url);
    let server = Server::start("127.0.0.1", move |_| {
        redirect("307 Temporary Redirect", &target)
    })
    .await;
    let client = password_client(&server.v2()).build().unwrap();
    let err = client.authenticate().await.unwrap_err();
    match &err {
        Error::Redirect { location, .. } => assert!(location.contains("127.0.0.2"), "{err}"),
        other => panic!("expected a refused redirect, got {other:?}"),
    }
    assert!(other.seen().is_empty(), "the other host received a request");
    assert_no_secret(&format!("{err} {err:?}"), &[PASSWORD]);
}

#[tokio::test]
async fn a_302_to_another_port_never_delivers_the_token() {
    let other = Server::start("127.0.0.1", |_| json("200 OK", r#"{"users": []}"#)).await;
    let target = format!("{}/v2.0/users", other.url);
    let server = Server::start("127.0.0.1", move |_| redirect("302 Found", &target)).await;
    let client = admin_token_client(&server.v2()).build().unwrap();
    let err = client.users().list(None).await.unwrap_err();
    assert!(matches!(err, Error::Redirect { .. }), "{err:?}");
    assert!(other.seen().is_empty(), "the other port received the token");
}

#[tokio::test]
async fn a_308_on_update_password_to_another_host_delivers_neither_token_nor_password() {
    let other = elsewhere().await;
    let target = format!("{}/v2.0/users/u1/OS-KSADM/password", other.url);
    let server = Server::start("127.0.0.1", move |_| {
        redirect("308 Permanent Redirect", &target)
    })
    .await;
    let client = admin_token_client(&server.v2()).build().unwrap();
    let err = client
        .users()
        .update_password("u1", "New-Pa55word-secret")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Redirect { .. }), "{err:?}");
    assert!(other.seen().is_empty());
    assert_no_secret(&format!("{err} {err:?}"), &["New-Pa55word-secret", TOKEN]);
}

#[tokio::test]
async fn a_same_origin_307_is_followed_with_its_method_and_body() {
    let server = Server::start("127.0.0.1", |seen| {
        if seen.line.starts_with("POST /v2.0/tokens") {
            redirect("307 Temporary Redirect", "/v2.0/moved/tokens")
        } else {
            json(
                "200 OK",
                &access("http://127.0.0.1:1", "tok-after-redirect"),
            )
        }
    })
    .await;
    let client = password_client(&server.v2()).build().unwrap();
    client.authenticate().await.unwrap();
    let seen = server.seen();
    assert_eq!(seen[1].line, "POST /v2.0/moved/tokens");
    assert!(seen[1].body.contains(PASSWORD), "307 keeps the body");
}

#[tokio::test]
async fn a_redirect_loop_ends_in_a_redirect_error() {
    let server = Server::start("127.0.0.1", |_| redirect("302 Found", "/v2.0/users")).await;
    let client = admin_token_client(&server.v2()).build().unwrap();
    let err = client.users().list(None).await.unwrap_err();
    match &err {
        Error::Redirect { reason, .. } => assert!(reason.contains("too many"), "{err}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.seen().len(), keystone_v2::hooks::MAX_REDIRECTS + 1);
}

// ---------------------------------------------------------------------------------------------
// 3. The status decides the error kind, whatever the body.

async fn error_for(status: &str, content_type: &str, body: &str) -> Error {
    let (status, content_type, body) =
        (status.to_owned(), content_type.to_owned(), body.to_owned());
    let server = Server::start("127.0.0.1", move |_| {
        response(&status, &content_type, &body)
    })
    .await;
    let client = admin_token_client(&server.v2()).build().unwrap();
    client.tenants().get("t1").await.unwrap_err()
}

#[tokio::test]
async fn a_404_with_an_empty_body_is_not_found() {
    let err = error_for("404 Not Found", "application/json", "").await;
    assert!(err.is_not_found(), "{err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
}

#[tokio::test]
async fn a_404_or_403_html_page_from_a_proxy_keeps_its_status_and_title() {
    let page = "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>nginx</p></body></html>";
    let err = error_for("404 Not Found", "text/html", page).await;
    assert!(err.is_not_found(), "{err:?}");
    assert_eq!(
        err.http().unwrap().message.as_deref(),
        Some("404 Not Found")
    );
    assert!(err
        .http()
        .unwrap()
        .details
        .as_deref()
        .unwrap()
        .contains("nginx"));
    let page = "<!DOCTYPE html><html><body><h1>Forbidden by the proxy</h1></body></html>";
    let err = error_for("403 Forbidden", "text/html", page).await;
    assert!(err.is_forbidden(), "{err:?}");
    assert_eq!(
        err.http().unwrap().message.as_deref(),
        Some("Forbidden by the proxy")
    );
}

#[tokio::test]
async fn a_401_in_the_old_fault_form_is_unauthorized_with_its_message() {
    let body = r#"{"unauthorized": {"message": "The request you have made requires authentication.", "code": 401}}"#;
    let err = error_for("401 Unauthorized", "application/json", body).await;
    assert!(err.is_unauthorized(), "{err:?}");
    let http = err.http().unwrap();
    assert_eq!(
        http.message.as_deref(),
        Some("The request you have made requires authentication.")
    );
    assert_eq!(http.title.as_deref(), Some("unauthorized"));
}

#[tokio::test]
async fn every_old_fault_form_plain_text_and_odd_json_keep_the_status() {
    let cases = [
        (
            "404 Not Found",
            r#"{"itemNotFound": {"message": "Tenant not found", "code": 404, "details": "t1"}}"#,
            Some("Tenant not found"),
        ),
        (
            "400 Bad Request",
            r#"{"badRequest": {"message": "Bad tenant", "code": 400}}"#,
            Some("Bad tenant"),
        ),
        (
            "500 Internal Server Error",
            r#"{"identityFault": {"message": "boom", "code": 500}}"#,
            Some("boom"),
        ),
        (
            "413 Request Entity Too Large",
            r#"{"overLimit": {"message": "slow down", "code": 413, "retryAfter": "5"}}"#,
            Some("slow down"),
        ),
        (
            "409 Conflict",
            r#"{"error": {"message": "only a message"}}"#,
            Some("only a message"),
        ),
        (
            "400 Bad Request",
            r#"{"error": "a string"}"#,
            Some("a string"),
        ),
        (
            "502 Bad Gateway",
            "upstream connect error\nreset",
            Some("upstream connect error"),
        ),
        ("503 Service Unavailable", "[1, 2, 3]", None),
        (
            "500 Internal Server Error",
            "\u{0}\u{1}binary",
            Some("binary"),
        ),
    ];
    for (status, body, message) in cases {
        let err = error_for(status, "text/plain", body).await;
        let code: u16 = status[..3].parse().unwrap();
        assert_eq!(
            err.status().map(|s| s.as_u16()),
            Some(code),
            "{status} {body}: {err:?}"
        );
        assert_eq!(
            err.http().unwrap().message.as_deref().map(str::trim),
            message,
            "{body}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 4. Bounded memory.

fn chunked_head(status: &str) -> String {
    format!("HTTP/1.1 {status}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n")
}

/// One chunk of 64 KiB of `byte` in chunked framing.
fn chunk_of(byte: u8) -> Vec<u8> {
    let mut c = format!("{:x}\r\n", 64 * 1024).into_bytes();
    c.extend(std::iter::repeat_n(byte, 64 * 1024));
    c.extend_from_slice(b"\r\n");
    c
}

#[tokio::test]
async fn a_2_gib_success_body_is_too_large_and_never_buffered() {
    // 32,768 chunks of 64 KiB: 2 GiB streamed; the client must stop at the limit.
    let server = Server::start("127.0.0.1", |_| Reply::Stream {
        head: chunked_head("200 OK"),
        chunk: chunk_of(b' '),
        chunks: 32 * 1024,
    })
    .await;
    let client = admin_token_client(&server.v2())
        .max_body_size(1 << 20)
        .build()
        .unwrap();
    let err = client.users().list(None).await.unwrap_err();
    match err {
        Error::ResponseTooLarge {
            limit,
            ref operation,
            ..
        } => {
            assert_eq!(limit, 1 << 20);
            assert_eq!(operation, "users_list");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_declared_content_length_past_the_limit_is_refused_before_reading() {
    let server = Server::start("127.0.0.1", |_| Reply::Stream {
        head: "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2147483648\r\n\r\n"
            .into(),
        chunk: vec![b'A'; 64 * 1024],
        chunks: 32 * 1024,
    })
    .await;
    let client = admin_token_client(&server.v2()).build().unwrap();
    let err = client
        .certificates()
        .get_ca_certificate()
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::ResponseTooLarge {
                limit: 16_777_216,
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn certificates_refuse_a_chunked_text_body_past_the_limit() {
    let server = Server::start("127.0.0.1", |_| Reply::Stream {
        head: chunked_head("200 OK").replace("application/json", "text/plain"),
        chunk: chunk_of(b'A'),
        chunks: 1024,
    })
    .await;
    let client = admin_token_client(&server.v2())
        .max_body_size(256 * 1024)
        .build()
        .unwrap();
    let err = client
        .certificates()
        .get_signing_certificate()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ResponseTooLarge { .. }), "{err:?}");
}

#[tokio::test]
async fn a_1_gib_html_or_invalid_utf8_500_keeps_its_status_and_is_read_only_in_part() {
    for byte in [b'x', 0xff] {
        let server = Server::start("127.0.0.1", move |_| Reply::Stream {
            head: chunked_head("500 Internal Server Error")
                .replace("application/json", "text/html"),
            chunk: chunk_of(byte),
            chunks: 16 * 1024,
        })
        .await;
        let client = admin_token_client(&server.v2()).build().unwrap();
        let err = client.users().list(None).await.unwrap_err();
        assert!(err.is_server_error(), "{err:?}");
        let details = err.http().unwrap().details.clone().unwrap_or_default();
        assert!(details.contains("cut after 65536 bytes"), "{err}");
    }
}

// ---------------------------------------------------------------------------------------------
// 5. `timeout` bounds the whole call.

#[tokio::test]
async fn timeout_bounds_a_get_across_dropped_connection_retries() {
    let server = Server::start("127.0.0.1", |_| {
        Reply::After(Duration::from_millis(700), Box::new(Reply::Drop))
    })
    .await;
    let client = admin_token_client(&server.v2())
        .retries(5)
        .timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.users().list(None).await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(
        elapsed < Duration::from_millis(1500),
        "took {elapsed:?}: {err:?}"
    );
    assert!(
        server.seen().len() <= 2,
        "a retry past the deadline was sent"
    );
}

#[tokio::test]
async fn timeout_bounds_slow_authentication_401_reauthentication_and_replay() {
    let server = Arc::new(Mutex::new(String::new()));
    let url_cell = server.clone();
    let s = Server::start("127.0.0.1", move |seen| {
        let url = url_cell.lock().unwrap().clone();
        if seen.line.starts_with("POST /v2.0/tokens") {
            Reply::After(
                Duration::from_millis(400),
                Box::new(json("200 OK", &access(&url, "tok-slow"))),
            )
        } else {
            Reply::After(
                Duration::from_millis(400),
                Box::new(json(
                    "401 Unauthorized",
                    r#"{"error": {"code": 401, "title": "Unauthorized", "message": "expired"}}"#,
                )),
            )
        }
    })
    .await;
    *server.lock().unwrap() = s.url.clone();
    let client = password_client(&s.v2())
        .timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.tenants().get("t1").await.unwrap_err();
    let elapsed = started.elapsed();
    assert!(
        elapsed < Duration::from_millis(1500),
        "took {elapsed:?}: {err:?}"
    );
    assert!(err.is_timeout() || err.is_unauthorized(), "{err:?}");
}

// ---------------------------------------------------------------------------------------------
// 6. Configuration that would misroute is refused by `build()`.

#[test]
fn misrouting_urls_are_refused_by_build_naming_the_option() {
    let cases = [
        ("http://127.0.0.1:5000/v2.0?x=1", "query"),
        ("http://127.0.0.1:5000/v2.0#frag", "fragment"),
        ("  http://127.0.0.1:5000/v2.0  ", "whitespace"),
        ("http://127.0.0.1:5000/v2.0\n", "whitespace"),
        ("http://127.0.0.1:5000/v3", "v3"),
        ("http://127.0.0.1:5000/identity/v3/", "v3"),
        ("ftp://127.0.0.1/v2.0", "http(s)"),
    ];
    for (url, why) in cases {
        let err = Client::builder()
            .auth_url(url)
            .username("u")
            .password("p")
            .build()
            .unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, Error::Configuration(_)), "{url:?}: {err:?}");
        assert!(
            text.contains("auth_url") && text.contains(why),
            "{url:?}: {text}"
        );
        let err = Client::builder()
            .token("t")
            .endpoint(url)
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("endpoint"), "{url:?}: {err}");
    }
    for url in [
        "http://127.0.0.1:5000/v2.0",
        "http://127.0.0.1:5000/v2.0/",
        "http://127.0.0.1:5000",
        "https://host/identity/v2.0",
    ] {
        Client::builder()
            .auth_url(url)
            .username("u")
            .password("p")
            .build()
            .unwrap();
    }
}

#[test]
fn a_token_with_a_newline_is_refused_by_build() {
    let err = Client::builder()
        .token("abc\ndef")
        .endpoint("http://127.0.0.1:35357/v2.0")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Configuration(_)), "{err:?}");
    assert!(err.to_string().contains("token"), "{err}");
    assert!(!err.to_string().contains("abc"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// 7. Secrets stay out of Debug output and every error text.

#[test]
fn a_password_in_the_url_userinfo_never_shows_in_debug_or_build_errors() {
    let builder = Client::builder()
        .auth_url("http://admin:userinfo-secret@127.0.0.1:5000/v2.0")
        .username("admin")
        .password(PASSWORD);
    assert_no_secret(&format!("{builder:?}"), &["userinfo-secret", PASSWORD]);
    let client = builder.build().unwrap();
    assert_no_secret(&format!("{client:?}"), &["userinfo-secret", PASSWORD]);
    let err = Client::builder()
        .auth_url("http://admin:userinfo-secret@127.0.0.1:5000/v3?x")
        .username("admin")
        .password(PASSWORD)
        .build()
        .unwrap_err();
    assert_no_secret(&format!("{err} {err:?}"), &["userinfo-secret"]);
}

#[tokio::test]
async fn an_echoed_password_is_scrubbed_in_every_form_the_server_quotes_it() {
    // A password with characters that JSON, Python's repr and URLs escape differently.
    const ODD: &str = "it's-a \"secret\" \\ ü";
    let server = Server::start("127.0.0.1", |seen| {
        let body: serde_json::Value = serde_json::from_str(&seen.body).unwrap();
        let pw = body["auth"]["passwordCredentials"]["password"].as_str().unwrap().to_owned();
        let repr = pw.replace('\\', "\\\\").replace('\'', "\\'");
        let message = format!("Invalid password u'{repr}' for {pw} ({})", serde_json::to_string(&pw).unwrap());
        json("400 Bad Request", &serde_json::json!({"error": {"code": 400, "title": "Bad Request", "message": message}}).to_string())
    })
    .await;
    let client = Client::builder()
        .auth_url(server.v2())
        .username("admin")
        .password(ODD)
        .build()
        .unwrap();
    let err = client.authenticate().await.unwrap_err();
    assert!(err.is_bad_request(), "{err:?}");
    let text = format!("{err} {err:?}");
    assert!(text.contains("Invalid password"), "{text}");
    assert_no_secret(&text, &[ODD, "it's-a", "\\\"secret\\\"", "it\\'s-a"]);
}

#[tokio::test]
async fn an_echoed_rescoping_token_is_scrubbed_from_the_error() {
    let server = Server::start("127.0.0.1", |seen| {
        let body: serde_json::Value = serde_json::from_str(&seen.body).unwrap();
        let token = body["auth"]["token"]["id"].as_str().unwrap().to_owned();
        json("401 Unauthorized", &format!(r#"{{"error": {{"code": 401, "title": "Unauthorized", "message": "token {token} is not valid"}}}}"#))
    })
    .await;
    let client = Client::builder()
        .auth_url(server.v2())
        .token(TOKEN)
        .tenant_name("admin")
        .build()
        .unwrap();
    let err = client.authenticate().await.unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    assert_no_secret(&format!("{err} {err:?}"), &[TOKEN]);
}

#[tokio::test]
async fn decoder_messages_never_quote_a_secret() {
    // A 200 whose token is a string where an object belongs: serde quotes the string.
    let server = Server::start("127.0.0.1", |seen| {
        let body: serde_json::Value = serde_json::from_str(&seen.body).unwrap();
        let pw = body["auth"]["passwordCredentials"]["password"]
            .as_str()
            .unwrap()
            .to_owned();
        json(
            "200 OK",
            &format!(r#"{{"access": {{"token": "{pw}", "user": "tok-from-server-secret"}}}}"#),
        )
    })
    .await;
    let client = password_client(&server.v2()).build().unwrap();
    let err = client.authenticate().await.unwrap_err();
    match &err {
        Error::InvalidResponse { status, .. } => assert_eq!(*status, 200),
        other => panic!("{other:?}"),
    }
    assert_no_secret(&format!("{err} {err:?}"), &[PASSWORD]);
}

#[tokio::test]
async fn a_token_id_in_the_path_is_scrubbed_from_an_html_error() {
    let server = Server::start("127.0.0.1", |seen| {
        let id = seen.line.split('/').nth(3).unwrap_or_default().to_owned();
        response(
            "404 Not Found",
            "text/html",
            &format!("<html><title>No token {id}</title></html>"),
        )
    })
    .await;
    let client = admin_token_client(&server.v2()).build().unwrap();
    let err = client
        .tokens()
        .validate("tok-in-path-secret-1234")
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    assert_no_secret(
        &format!("{err} {err:?}"),
        &["tok-in-path-secret-1234", TOKEN],
    );
}

#[tokio::test]
async fn an_encoded_token_id_in_the_path_is_scrubbed_whether_a_manager_or_the_raw_client_sends_it()
{
    // A token id with reserved characters goes out percent-encoded; the server quotes it
    // both as it came and decoded.
    const ODD_TOKEN: &str = "tok/in path?secret#5678";
    let server = Server::start("127.0.0.1", |seen| {
        let path = seen.line.split(' ').nth(1).unwrap_or_default();
        let id = path.rsplit('/').next().unwrap_or_default().to_owned();
        let decoded = percent_encoding::percent_decode_str(&id)
            .decode_utf8_lossy()
            .into_owned();
        json(
            "404 Not Found",
            &serde_json::json!({"error": {"code": 404, "title": "Not Found",
                "message": format!("no token {id} ({decoded})")}})
            .to_string(),
        )
    })
    .await;
    let client = admin_token_client(&server.v2()).build().unwrap();
    let managed = client.tokens().validate(ODD_TOKEN).await.unwrap_err();
    assert!(managed.is_not_found(), "{managed:?}");
    assert!(format!("{managed}").contains("no token"), "{managed}");
    // The generated client, outside any manager call.
    let raw = client.raw("tokens_validate").await.unwrap();
    let unmanaged = raw.tokens_validate(ODD_TOKEN, None).await.unwrap_err();
    for text in [
        format!("{managed} {managed:?}"),
        format!("{unmanaged} {unmanaged:?}"),
    ] {
        assert_no_secret(
            &text,
            &[ODD_TOKEN, "tok%2Fin%20path%3Fsecret%235678", TOKEN],
        );
    }
}

#[tokio::test]
async fn an_error_answer_keeps_its_request_in_the_error_and_only_the_servers_headers() {
    let (_emulator, client, _recorder) = emulator_admin().await;
    let managed = client.tenants().get("no-such-tenant").await.unwrap_err();
    let http = managed.http().unwrap();
    assert_eq!((http.status.as_u16(), http.method.as_str()), (404, "GET"));
    assert!(
        http.url.ends_with("/v2.0/tenants/no-such-tenant"),
        "{}",
        http.url
    );
    assert!(http.message.is_some(), "{http:?}");
    // The generated client sees the canonical body and the server's headers, nothing made up.
    let raw = client.raw("tenants_get").await.unwrap();
    match raw.tenants_get("no-such-tenant").await {
        Err(progenitor_client::Error::ErrorResponse(answer)) => {
            assert_eq!(answer.status().as_u16(), 404);
            assert_eq!(answer.error.code, 404);
            assert!(
                answer
                    .headers()
                    .keys()
                    .all(|k| !k.as_str().starts_with("x-keystone")),
                "{:?}",
                answer.headers()
            );
        }
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// 8. `extra` never repeats a typed attribute.

#[tokio::test]
async fn extra_cannot_repeat_a_typed_attribute_and_nothing_is_sent() {
    let (_emulator, client, recorder) = emulator_admin().await;
    let mut extra = serde_json::Map::new();
    extra.insert("name".into(), "from-extra".into());
    let err = client
        .tenants()
        .create(
            "typed",
            TenantOptions {
                extra: extra.clone(),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidRequest(m) if m.contains("\"name\"")),
        "{err:?}"
    );
    let err = client
        .users()
        .create(
            "typed",
            UserOptions {
                extra,
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert!(recorder.exchanges().is_empty());
    // Attributes that are not typed still go through.
    let mut extra = serde_json::Map::new();
    extra.insert("color".into(), "blue".into());
    let t = client
        .tenants()
        .create(
            "typed",
            TenantOptions {
                extra,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(t.extra.get("color").and_then(|v| v.as_str()), Some("blue"));
}

// ---------------------------------------------------------------------------------------------
// The token override (keystoneclient's `client.auth_token = ...` / `del client.auth_token`).

#[tokio::test]
async fn set_auth_token_overrides_the_session_token_and_none_restores_it() {
    let url = Arc::new(Mutex::new(String::new()));
    let cell = url.clone();
    let server = Server::start("127.0.0.1", move |seen| {
        if seen.line.starts_with("POST /v2.0/tokens") {
            json("200 OK", &access(&cell.lock().unwrap(), "tok-session-1234"))
        } else {
            json("200 OK", r#"{"users": []}"#)
        }
    })
    .await;
    *url.lock().unwrap() = server.url.clone();
    let client = password_client(&server.v2()).build().unwrap();
    client.users().list(None).await.unwrap();
    client
        .set_auth_token(Some("tok-override-5678".into()))
        .unwrap();
    client.users().list(None).await.unwrap();
    client.set_auth_token(None).unwrap();
    client.users().list(None).await.unwrap();
    let tokens: Vec<String> = server
        .seen()
        .into_iter()
        .filter(|s| s.line.starts_with("GET"))
        .map(|s| {
            s.headers
                .lines()
                .find_map(|l| l.strip_prefix("x-auth-token: ").map(str::to_owned))
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        tokens,
        ["tok-session-1234", "tok-override-5678", "tok-session-1234"]
    );
    assert!(client.set_auth_token(Some("bad\ntoken".into())).is_err());
}

/// A message of several lines (Keystone's validation errors) keeps its lines in the error, as
/// the server sent them, and loses every other control character (a terminal escape, a
/// carriage return); the debug log holds it escaped, on one line.
#[tokio::test]
async fn an_error_message_keeps_its_lines_and_no_other_control_character() {
    let captured = logs::global_logs();
    let server = Server::start("127.0.0.1", |_| {
        json(
            "400 Bad Request",
            r#"{"error": {"code": 400, "title": "Bad Request", "message": "Invalid input for field 'name':\n\n    None\u001b[2J\r\n\tend\u0007"}}"#,
        )
    })
    .await;
    let client = admin_token_client(&server.v2()).build().unwrap();
    let err = client.tenants().get("x").await.unwrap_err();
    let http = err.http().expect("an HTTP error");
    assert_eq!(
        http.message.as_deref(),
        Some("Invalid input for field 'name':\n\n    None [2J\n\tend ")
    );
    assert!(
        !err.to_string().contains(['\u{1b}', '\r', '\u{7}']),
        "{err}"
    );
    let log = captured.text();
    let line = log
        .lines()
        .find(|l| l.contains("error response") && l.contains("[2J"))
        .unwrap_or_else(|| panic!("no error response event in:\n{log}"));
    assert!(line.contains(r"None [2J\n\tend"), "{line}");
}
