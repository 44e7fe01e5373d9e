//! Transport behaviour against a scripted loopback server (no Keystone needed): headers sent,
//! timeouts, connection retries, and bad answers that must become typed errors, never panics.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use keystone_v2::{Client, Error};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A server that answers every connection with `response` (raw HTTP) after `delay`, and keeps
/// the requests it read.
async fn scripted(response: &'static str, delay: Duration) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/v2.0", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let log = log.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16384];
                let mut read = 0;
                while read < buf.len() {
                    match socket.read(&mut buf[read..]).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => read += n,
                    }
                    if buf[..read].windows(4).any(|w| w == b"\r\n\r\n") {
                        break;
                    }
                }
                log.lock()
                    .unwrap()
                    .push(String::from_utf8_lossy(&buf[..read]).to_lowercase());
                tokio::time::sleep(delay).await;
                let _ = socket.write_all(response.as_bytes()).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    (url, seen)
}

/// `call` fails with a timeout error, in less than `limit`.
async fn times_out_within<T: std::fmt::Debug>(
    limit: Duration,
    call: impl std::future::Future<Output = keystone_v2::Result<T>>,
) {
    let started = Instant::now();
    let err = call.await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        started.elapsed() < limit,
        "took {:?}: {err:?}",
        started.elapsed()
    );
}

fn admin_token_client(url: &str) -> keystone_v2::ClientBuilder {
    Client::builder().token("ADMIN").endpoint(url).retries(0)
}

#[tokio::test]
async fn forwarded_user_agent_and_token_headers_are_sent() {
    let (url, seen) = scripted("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 12\r\n\r\n{\"users\":[]}", Duration::ZERO).await;
    let client = admin_token_client(&url)
        .original_ip("10.100.100.1")
        .user_agent("my-agent/1.0")
        .build()
        .unwrap();
    assert!(client.users().list(None).await.unwrap().is_empty());
    let request = seen.lock().unwrap()[0].clone();
    assert!(request.starts_with("get /v2.0/users "), "{request}");
    assert!(
        request.contains("forwarded: for=10.100.100.1;by=my-agent/1.0\r\n"),
        "{request}"
    );
    assert!(
        request.contains("user-agent: my-agent/1.0\r\n"),
        "{request}"
    );
    assert!(request.contains("x-auth-token: admin\r\n"), "{request}");
    assert!(request.contains("accept: application/json"), "{request}");
    assert!(
        !request.contains("api-version"),
        "progenitor's api-version header is dropped"
    );
}

#[tokio::test]
async fn a_server_that_never_answers_is_a_timeout_within_the_configured_time() {
    let (url, _) = scripted("", Duration::from_secs(3600)).await;
    let client = admin_token_client(&url)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    times_out_within(Duration::from_secs(2), client.users().list(None)).await;
}

#[tokio::test]
async fn connection_failures_are_retried_with_backoff_then_reported() {
    // A port that was just free: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = admin_token_client(&format!("http://127.0.0.1:{port}/v2.0"))
        .connect_retries(2)
        .build()
        .unwrap();
    let started = Instant::now();
    let err = client.users().list(None).await.unwrap_err();
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
    assert!(
        started.elapsed() >= Duration::from_millis(1500),
        "two retries wait 0.5 s then 1 s: {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_html_error_page_is_an_http_error_with_its_excerpt() {
    let (url, _) = scripted("HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/html\r\ncontent-length: 35\r\n\r\n<html><h1>bad gateway</h1></html>\r\n", Duration::ZERO).await;
    let err = admin_token_client(&url)
        .build()
        .unwrap()
        .users()
        .list(None)
        .await
        .unwrap_err();
    let http = err.http().expect("an HTTP error");
    assert_eq!(http.status.as_u16(), 502);
    assert!(
        http.details
            .as_deref()
            .unwrap_or_default()
            .contains("bad gateway"),
        "{err}"
    );
    assert!(err.is_server_error());
}

#[tokio::test]
async fn bodies_that_do_not_match_the_spec_are_invalid_responses() {
    for response in [
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 9\r\n\r\nnot json!",
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\n\r\n{\"users\": [",
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 18\r\n\r\n{\"unexpected\": 1}\n",
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 4\r\n\r\nnull",
    ] {
        let (url, _) = scripted(response, Duration::ZERO).await;
        let err = admin_token_client(&url).build().unwrap().users().list(None).await.unwrap_err();
        assert!(matches!(err, Error::InvalidResponse { .. }), "{err:?}");
    }
}

#[tokio::test]
async fn a_body_cut_short_is_an_error_not_a_hang() {
    // Content-Length promises more than is sent before the connection closes.
    let (url, _) = scripted("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n{\"users\": []", Duration::ZERO).await;
    let started = Instant::now();
    let err = admin_token_client(&url)
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
        .users()
        .list(None)
        .await
        .unwrap_err();
    assert!(
        err.is_connection() || matches!(err, Error::InvalidResponse { .. }),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn misconfiguration_is_reported_before_any_request() {
    let e = Client::builder()
        .username("u")
        .password("p")
        .build()
        .unwrap_err();
    assert!(
        e.is_authorization_failure() && e.to_string().contains("auth_url"),
        "{e}"
    );
    let e = Client::builder()
        .auth_url("http://127.0.0.1:1/v2.0")
        .build()
        .unwrap_err();
    assert!(
        e.to_string().contains("username and password or token"),
        "{e}"
    );
    let e = Client::builder()
        .auth_url("not a url")
        .username("u")
        .password("p")
        .build()
        .unwrap_err();
    assert!(matches!(e, Error::Configuration(_)), "{e}");
    let e = Client::builder()
        .auth_url("http://h/v2.0")
        .password("p")
        .build()
        .unwrap_err();
    assert!(e.to_string().contains("username"), "{e}");
    let e = Client::builder()
        .auth_url("http://h/v2.0")
        .username("u")
        .password("p")
        .cacert("/nonexistent/ca.pem")
        .build()
        .unwrap_err();
    assert!(matches!(e, Error::Configuration(_)), "{e}");
}

#[tokio::test]
async fn debug_output_of_the_builder_and_client_hides_secrets() {
    let builder = Client::builder()
        .auth_url("http://h/v2.0")
        .username("u")
        .password("hunter2-pw")
        .token("tok-123456");
    let shown = format!("{builder:?}");
    assert!(
        !shown.contains("hunter2-pw") && !shown.contains("tok-123456"),
        "{shown}"
    );
    let client = builder.build().unwrap();
    let shown = format!("{client:?}");
    assert!(
        !shown.contains("hunter2-pw") && !shown.contains("tok-123456"),
        "{shown}"
    );
}

#[tokio::test]
async fn paging_stops_with_an_error_when_the_server_ignores_the_marker() {
    use futures::TryStreamExt;
    // Every page is the same one tenant, whatever the marker (an LDAP backend did this).
    let body =
        r#"{"tenants": [{"id": "t1", "name": "one", "enabled": true}], "tenants_links": []}"#;
    let response: &'static str = Box::leak(
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_boxed_str(),
    );
    let (url, seen) = scripted(response, Duration::ZERO).await;
    let client = admin_token_client(&url).build().unwrap();
    let started = Instant::now();
    let result: Result<Vec<_>, _> = client.tenants().list_all(1).try_collect().await;
    let err = result.unwrap_err();
    assert!(
        matches!(err, Error::InvalidResponse { .. })
            && err.to_string().contains("page already seen"),
        "{err}"
    );
    assert!(started.elapsed() < Duration::from_secs(5));
    let requests = seen.lock().unwrap().clone();
    assert_eq!(requests.len(), 2, "the second page gives it away");
    assert!(
        requests[1].starts_with("get /v2.0/tenants?limit=1&marker=t1 "),
        "{}",
        requests[1]
    );
}

/// A server that answers every request with `status`, headers promising `content-length: 100`
/// and 10 bytes of body, then never sends the rest (nor closes).
async fn stalled_body(status: &'static str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/v2.0", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16384];
                let _ = socket.read(&mut buf).await;
                let head = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{{\"users\":"
                );
                let _ = socket.write_all(head.as_bytes()).await;
                tokio::time::sleep(Duration::from_secs(3600)).await;
            });
        }
    });
    url
}

#[tokio::test]
async fn a_body_that_stalls_after_the_headers_is_a_timeout_within_the_configured_time() {
    // A client without a concurrency cap or a rate limit has no timer for the whole call: the
    // deadline must still bound the body's reading.
    let client = admin_token_client(&stalled_body("200 OK").await)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    times_out_within(Duration::from_secs(2), client.users().list(None)).await;
}

#[tokio::test]
async fn a_version_list_whose_body_stalls_is_a_timeout_within_the_configured_time() {
    // `GET /` answers 300 Multiple Choices, which the generated code leaves to the manager to
    // read: that reading is part of the call, and ends at its deadline too.
    let client = admin_token_client(&stalled_body("300 Multiple Choices").await)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    times_out_within(Duration::from_secs(2), client.versions().list()).await;
}

#[tokio::test]
async fn a_call_held_back_by_the_rate_limit_ends_at_its_deadline_not_at_its_slot() {
    // One request every 4 s: the second call's slot is far past its 300 ms deadline.
    let (url, seen) = scripted(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 12\r\n\r\n{\"users\":[]}",
        Duration::ZERO,
    )
    .await;
    let client = admin_token_client(&url)
        .rate_limit(0.25)
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    client.users().list(None).await.unwrap();
    times_out_within(Duration::from_secs(2), client.users().list(None)).await;
    assert_eq!(
        seen.lock().unwrap().len(),
        1,
        "the held-back request was sent"
    );
}

#[tokio::test]
async fn a_call_waiting_for_a_concurrency_slot_ends_at_its_deadline() {
    // The one slot is taken by a call whose server never answers; the second call, started
    // later, waits for that slot and must end at its own deadline.
    let (url, _) = scripted("", Duration::from_secs(3600)).await;
    let client = admin_token_client(&url)
        .max_concurrency(1)
        .timeout(Duration::from_millis(600))
        .build()
        .unwrap();
    let first = {
        let client = client.clone();
        tokio::spawn(async move { client.users().list(None).await })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    times_out_within(Duration::from_millis(1500), client.users().list(None)).await;
    assert!(first.await.unwrap().unwrap_err().is_timeout());
}
