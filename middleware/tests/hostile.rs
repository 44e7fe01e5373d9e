//! A hostile or broken Keystone: every answer ends in 401 or 503 within the validation
//! timeout, never a pass or a panic. The fake Keystone serves the admin API that the
//! service's client (admin-token mode) validates against.

mod common;

use std::time::{Duration, Instant};

use common::{app, send};
use keystone_v2::Client;
use keystone_v2_middleware::fixture::V2Token;
use keystone_v2_middleware::{AuthTokenConfig, AuthTokenLayer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Serves `answer` (raw HTTP bytes; `None` = never answer) to every connection.
async fn fake_keystone(answer: Option<Vec<u8>>, huge: bool) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16384];
                let _ = s.read(&mut buf).await;
                match answer {
                    None => tokio::time::sleep(Duration::from_secs(60)).await,
                    Some(bytes) => {
                        let _ = s.write_all(&bytes).await;
                        if huge {
                            let chunk = vec![b'x'; 64 * 1024];
                            for _ in 0..2048 {
                                if s.write_all(&chunk).await.is_err() {
                                    break;
                                }
                            }
                        }
                    }
                }
            });
        }
    });
    format!("http://{addr}/v2.0")
}

fn http(status: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// What the fake Keystone answers, whether a huge body follows, and the statuses allowed.
type Case = (&'static str, Option<Vec<u8>>, bool, &'static [u16]);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_validation_answers_end_in_401_or_503_in_time() {
    let expired = V2Token::new()
        .with_token_id("tok")
        .expires(chrono::Utc::now() - chrono::Duration::hours(1))
        .to_json()
        .to_string();
    let evil_name = V2Token::new()
        .with_token_id("tok")
        .user("u", "x\u{1}y")
        .to_json()
        .to_string();
    let huge_head = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 134217728\r\n\r\n{\"access\": \"".to_vec();
    let cases: Vec<Case> = vec![
        ("garbage", Some(b"\x00\x01garbage\r\n\r\n".to_vec()), false, &[503]),
        ("not json", Some(http("200 OK", "application/json", "<html>hi</html>")), false, &[503]),
        ("truncated json", Some(http("200 OK", "application/json", "{\"access\": {\"tok")), false, &[503]),
        ("wrong shape", Some(http("200 OK", "application/json", "{\"access\": []}")), false, &[503]),
        ("huge", Some(huge_head), true, &[503]),
        ("never answers", None, false, &[503]),
        ("redirect elsewhere", Some(b"HTTP/1.1 302 Found\r\nlocation: http://127.0.0.2:9/v2.0/tokens/x\r\ncontent-length: 0\r\n\r\n".to_vec()), false, &[503]),
        ("500", Some(http("500 Internal Server Error", "text/html", "<h1>oops</h1>")), false, &[503]),
        ("404", Some(http("404 Not Found", "application/json", "{\"error\": {\"code\": 404}}")), false, &[401]),
        ("expired token", Some(http("200 OK", "application/json", &expired)), false, &[401]),
        ("control character in a name", Some(http("200 OK", "application/json", &evil_name)), false, &[401]),
    ];
    for (what, answer, huge, allowed) in cases {
        let url = fake_keystone(answer, huge).await;
        let client = Client::builder()
            .token("ADMIN")
            .endpoint(url)
            .retries(0)
            .connect_retries(0)
            .build()
            .unwrap();
        let config = AuthTokenConfig::new("http://keystone:5000/v2.0")
            .validation_timeout(Duration::from_secs(2));
        let app = app(AuthTokenLayer::new(client, config).unwrap());
        let started = Instant::now();
        let a = send(
            &app,
            "/",
            &[("X-Auth-Token", "0123456789abcdef0123456789abcdef")],
        )
        .await;
        assert!(
            allowed.contains(&a.status.as_u16()),
            "{what}: {} {}",
            a.status,
            String::from_utf8_lossy(&a.body)
        );
        assert!(
            started.elapsed() < Duration::from_secs(4),
            "{what}: {:?}",
            started.elapsed()
        );
        let text = String::from_utf8_lossy(&a.body);
        assert!(
            !text.contains("0123456789abcdef"),
            "{what}: the token in the answer"
        );
    }
}
