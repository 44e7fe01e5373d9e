//! Requests to a service of the catalog (`Client::service`) and keystoneauth's transport
//! options, against the emulator's compute service and scripted loopback servers (no
//! Keystone needed). Each transport option is checked on identity calls and service calls
//! alike, since both take the same request path.

#![cfg(feature = "emulator")]

mod logs;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use keystone_v2::emulator::{Emulator, EmulatorConfig, Fault, Match};
use keystone_v2::{Client, ClientBuilder, EndpointFilter, Error, Interface};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[path = "common/loopback.rs"]
mod loopback;
use loopback::{json, redirect, Server};

const PASSWORD: &str = "Distinct-Pa55word-4-logs";

async fn emulator() -> Emulator {
    Emulator::start_with(
        EmulatorConfig::default()
            .compute_service(true)
            .admin_password(PASSWORD),
    )
    .await
    .expect("the emulator starts")
}

fn admin(e: &Emulator) -> ClientBuilder {
    Client::builder()
        .auth_url(e.public_url())
        .username("admin")
        .password(e.admin_password())
        .tenant_name("admin")
}

fn compute() -> EndpointFilter {
    EndpointFilter::new("compute")
}

/// A client with the admin token on a scripted server (an identity endpoint and a service
/// endpoint at once).
fn scripted(url: &str) -> ClientBuilder {
    Client::builder()
        .token("ADMIN")
        .endpoint(format!("{url}/v2.0"))
        .endpoint_override("compute", format!("{url}/compute/v2.1/t1"))
}

const USERS: &str = r#"{"users": []}"#;

#[tokio::test]
async fn service_requests_join_the_catalog_url_without_dropping_its_path() {
    let e = emulator().await;
    let client = admin(&e).build().unwrap();
    let tenant = client
        .access_info()
        .await
        .unwrap()
        .tenant_id()
        .unwrap()
        .to_owned();
    let nova = client.service(compute());
    let endpoint = nova.endpoint().await.unwrap();
    assert_eq!(
        endpoint.as_str(),
        format!(
            "{}/compute/v2.1/{tenant}",
            e.public_url().trim_end_matches("/v2.0")
        )
    );
    for path in ["servers", "/servers"] {
        let r = nova
            .get(path)
            .query(&[("limit", "1"), ("name", "a b")])
            .header("x-custom", "yes")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(
            r.request_id().unwrap().starts_with("req-"),
            "x-compute-request-id"
        );
        let echo: Value = r.json().await.unwrap();
        assert_eq!(
            echo["path"],
            format!("/compute/v2.1/{tenant}/servers"),
            "{path}"
        );
        assert_eq!(echo["query"], "limit=1&name=a+b");
        assert_eq!(echo["headers"]["x-custom"], "yes");
        assert!(echo["headers"].get("x-auth-token").is_none());
    }
    let posted: Value = nova
        .post("os-keypairs")
        .json(&serde_json::json!({"keypair": {"name": "k"}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(posted["method"], "POST");
    assert_eq!(posted["body"]["keypair"]["name"], "k");
    assert_eq!(posted["headers"]["content-type"], "application/json");
    // The admin interface is the admin listener's origin.
    let admin_url = client
        .service(compute().interface(Interface::Admin))
        .endpoint()
        .await
        .unwrap();
    assert_eq!(admin_url.port(), Some(e.admin_addr().port()));
    let head = nova.head("servers").send().await.unwrap();
    assert_eq!(head.bytes().await.unwrap().len(), 0);
}

#[tokio::test]
async fn a_service_error_is_http_with_the_nova_message_and_the_compute_request_id() {
    let e = emulator().await;
    let client = admin(&e).build().unwrap();
    let err = client
        .service(compute())
        .get("servers/0b8e")
        .send()
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    let http = err.http().unwrap();
    assert_eq!(
        http.message.as_deref(),
        Some("Instance 0b8e could not be found.")
    );
    assert_eq!(http.title.as_deref(), Some("itemNotFound"));
    assert!(err.request_id().unwrap().starts_with("req-"));
    assert!(err.to_string().contains("Request-ID: req-"), "{err}");
}

#[tokio::test]
async fn no_endpoint_for_the_filter_is_a_typed_error_naming_it() {
    let e = emulator().await;
    let client = admin(&e).build().unwrap();
    let err = client
        .service(EndpointFilter::new("volumev2").region("RegionOne"))
        .get("volumes")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::EndpointNotFound(_)), "{err:?}");
    let text = err.to_string();
    assert!(
        text.contains("volumev2") && text.contains("RegionOne"),
        "{text}"
    );
}

#[tokio::test]
async fn an_expired_token_on_a_service_call_reauthenticates_and_replays_once() {
    let e = emulator().await;
    let control = e.control();
    let client = admin(&e).build().unwrap();
    let first = client.auth_token().await.unwrap();
    // The emulator's clock passes the token's expiry; the client does not know it yet.
    control.advance(Duration::from_secs(7200));
    control.reset_counts();
    let r = client
        .service(compute())
        .get("servers")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        control.request_count("POST", "/v2.0/tokens"),
        1,
        "one re-authentication"
    );
    assert_eq!(
        control.request_count("GET", "/compute"),
        2,
        "the refused request and one replay"
    );
    assert_ne!(client.auth_token().await.unwrap().expose(), first.expose());
    // A token that keeps being refused is replayed once only, then the 401 is returned.
    control.inject(Fault::status(401), Match::prefix("GET", "/compute"), 5);
    control.reset_counts();
    let err = client
        .service(compute())
        .get("servers")
        .send()
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    assert_eq!(control.request_count("GET", "/compute"), 2);
}

#[tokio::test]
async fn an_absolute_url_to_another_origin_is_refused_and_nothing_is_sent() {
    let e = emulator().await;
    let control = e.control();
    let client = admin(&e).build().unwrap();
    client.authenticate().await.unwrap();
    control.reset_counts();
    let other = format!("http://{}/compute/v2.1/x/servers", e.admin_addr());
    let err = client
        .service(compute())
        .get(other)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert!(err.to_string().contains("nothing was sent"));
    let err = client
        .service(compute())
        .get("../../../v2.0/tenants")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    assert_eq!(control.request_count("*", "/"), 0);
    // The same origin is fine (a `links` entry of an answer).
    let tenant = client
        .access_info()
        .await
        .unwrap()
        .tenant_id()
        .unwrap()
        .to_owned();
    let same = format!(
        "{}/compute/v2.1/{tenant}/flavors",
        e.public_url().trim_end_matches("/v2.0")
    );
    assert_eq!(
        client
            .service(compute())
            .get(same)
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn a_503_with_an_http_date_retry_after_is_waited_for_and_retried() {
    let e = emulator().await;
    let control = e.control();
    let client = admin(&e).retries(1).build().unwrap();
    client.authenticate().await.unwrap();
    control.reset_counts();
    let at = chrono::Utc::now() + chrono::Duration::seconds(2);
    control.inject(
        Fault::status(503).retry_after_date(at),
        Match::prefix("GET", "/compute"),
        1,
    );
    let r = client
        .service(compute())
        .get("servers")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(control.request_count("GET", "/compute"), 2);
    // The retry came after the date (whole seconds: at most one second early).
    assert!(chrono::Utc::now() + chrono::Duration::seconds(1) >= at);
    // The same on an identity call.
    control.inject(
        Fault::status(503).retry_after_date(chrono::Utc::now() + chrono::Duration::seconds(1)),
        Match::new("GET", "/v2.0/tenants"),
        1,
    );
    control.reset_counts();
    client.tenants().list(Default::default()).await.unwrap();
    assert_eq!(control.request_count("GET", "/v2.0/tenants"), 2);
}

#[tokio::test]
async fn a_retry_that_would_pass_the_deadline_is_not_attempted() {
    let e = emulator().await;
    let control = e.control();
    let client = admin(&e).timeout(Duration::from_secs(3)).build().unwrap();
    client.authenticate().await.unwrap();
    control.reset_counts();
    control.inject(
        Fault::status(503).retry_after(30),
        Match::prefix("GET", "/compute"),
        3,
    );
    let err = client
        .service(compute())
        .get("servers")
        .send()
        .await
        .unwrap_err();
    assert!(
        err.is_service_unavailable(),
        "the 503, not a deadline: {err:?}"
    );
    assert_eq!(
        err.http().unwrap().retry_after,
        Some(Duration::from_secs(30))
    );
    assert_eq!(control.request_count("GET", "/compute"), 1);
    // A backoff that does not fit either.
    let slow = admin(&e)
        .timeout(Duration::from_secs(3))
        .retry_delay(Duration::from_secs(20))
        .build()
        .unwrap();
    control.clear_faults();
    control.inject(Fault::status(503), Match::prefix("GET", "/compute"), 3);
    control.reset_counts();
    let err = slow
        .service(compute())
        .get("servers")
        .send()
        .await
        .unwrap_err();
    assert!(err.is_service_unavailable(), "{err:?}");
    assert_eq!(control.request_count("GET", "/compute"), 1);
}

#[tokio::test]
async fn retriable_status_codes_are_configurable_and_backed_off() {
    let e = emulator().await;
    let control = e.control();
    let default = admin(&e).build().unwrap();
    default.authenticate().await.unwrap();
    control.inject(Fault::status(502), Match::prefix("GET", "/compute"), 1);
    control.reset_counts();
    let err = default
        .service(compute())
        .get("servers")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        err.status().map(|s| s.as_u16()),
        Some(502),
        "502 is not retried by default"
    );
    assert_eq!(control.request_count("GET", "/compute"), 1);

    let client = admin(&e)
        .retriable_status_codes(&[502, 504])
        .retries(3)
        .retry_delay(Duration::from_millis(20))
        .max_retry_delay(Duration::from_millis(50))
        .retry_jitter(keystone_v2::Jitter::Equal)
        .build()
        .unwrap();
    client.authenticate().await.unwrap();
    control.inject(Fault::status(502), Match::prefix("GET", "/compute"), 1);
    control.inject(Fault::status(504), Match::prefix("GET", "/compute"), 1);
    control.reset_counts();
    assert_eq!(
        client
            .service(compute())
            .get("servers")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(control.request_count("GET", "/compute"), 3);
    // A POST is not idempotent: never retried.
    control.inject(Fault::status(502), Match::prefix("POST", "/compute"), 1);
    control.reset_counts();
    let err = client
        .service(compute())
        .post("servers")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(502));
    assert_eq!(control.request_count("POST", "/compute"), 1);
}

#[tokio::test]
async fn the_body_cap_applies_to_service_responses() {
    let e = emulator().await;
    let client = admin(&e).max_body_size(4096).build().unwrap();
    let big = "x".repeat(8192);
    let r = client
        .service(compute())
        .post("servers")
        .json(&serde_json::json!({"blob": big}))
        .send()
        .await
        .unwrap();
    let err = r.bytes().await.unwrap_err();
    assert!(
        matches!(err, Error::ResponseTooLarge { limit: 4096, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_service_redirect_to_another_origin_is_refused() {
    let other = Server::start("127.0.0.1", |_| json("200 OK", "{}")).await;
    let target = format!("{}/steal", other.url);
    let server = Server::start("127.0.0.1", move |_| {
        redirect("307 Temporary Redirect", &target)
    })
    .await;
    let client = scripted(&server.url).build().unwrap();
    let err = client
        .service(compute())
        .get("servers")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Redirect { .. }), "{err:?}");
    assert!(other.seen().is_empty(), "nothing reached the other origin");
}

#[tokio::test]
async fn the_user_agent_is_prepended_and_the_global_request_id_sent_on_every_request() {
    let server = Server::start("127.0.0.1", |_| json("200 OK", USERS)).await;
    let id = "req-6c5f5f5e-2c0b-4b8e-9a4c-5d1f9f1c2e3a";
    let client = scripted(&server.url)
        .app_name("deployer")
        .app_version("1.4.2")
        .additional_user_agent("nova-plugin", "0.3")
        .global_request_id(id)
        .build()
        .unwrap();
    client.users().list(None).await.unwrap();
    client
        .service(compute())
        .get("servers")
        .send()
        .await
        .unwrap();
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    let agent = format!(
        "user-agent: deployer/1.4.2 nova-plugin/0.3 {}",
        keystone_v2::DEFAULT_USER_AGENT
    );
    for s in &seen {
        assert!(s.headers.contains(&agent), "{}", s.headers);
        assert!(
            s.headers.contains(&format!("x-openstack-request-id: {id}")),
            "{}",
            s.headers
        );
        assert!(s.headers.contains("x-auth-token: admin"), "{}", s.headers);
    }
    assert!(seen[1].path().starts_with("/compute/v2.1/t1/servers"));
    // keystoneauth sends only `req-<uuid>`; anything else is a configuration error.
    let err = scripted(&server.url)
        .global_request_id("my-id")
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Configuration(_)), "{err:?}");
}

/// A server that holds each request for `hold` and counts how many it holds at once.
async fn counting(hold: Duration) -> (String, Arc<AtomicUsize>, Arc<Mutex<Vec<Instant>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let now = Arc::new(AtomicUsize::new(0));
    let max = Arc::new(AtomicUsize::new(0));
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let (max2, arrivals2) = (max.clone(), arrivals.clone());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let (now, max, arrivals) = (now.clone(), max2.clone(), arrivals2.clone());
            tokio::spawn(async move {
                loop {
                    let mut buf = Vec::new();
                    let mut tmp = [0u8; 4096];
                    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
                        match socket.read(&mut tmp).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&tmp[..n]),
                        }
                    }
                    arrivals.lock().unwrap().push(Instant::now());
                    let inside = now.fetch_add(1, Ordering::SeqCst) + 1;
                    max.fetch_max(inside, Ordering::SeqCst);
                    tokio::time::sleep(hold).await;
                    now.fetch_sub(1, Ordering::SeqCst);
                    let body = USERS;
                    let reply = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if socket.write_all(reply.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (url, max, arrivals)
}

async fn burst(client: &Client, n: usize) {
    let calls = (0..n).map(|i| {
        let client = client.clone();
        async move {
            if i % 2 == 0 {
                client.users().list(None).await.map(|_| ())
            } else {
                client
                    .service(compute())
                    .get("servers")
                    .send()
                    .await
                    .map(|_| ())
            }
        }
    });
    for r in futures::future::join_all(calls).await {
        r.unwrap();
    }
}

#[tokio::test]
async fn the_concurrency_cap_bounds_the_requests_in_flight_across_clones() {
    let (url, max, _) = counting(Duration::from_millis(150)).await;
    let capped = scripted(&url).max_concurrency(2).build().unwrap();
    burst(&capped, 8).await;
    assert!(
        max.load(Ordering::SeqCst) <= 2,
        "max in flight {}",
        max.load(Ordering::SeqCst)
    );
    assert!(max.load(Ordering::SeqCst) >= 1);
    // Without the cap the same burst overlaps more: the measure can see a violation.
    let (url, max, _) = counting(Duration::from_millis(150)).await;
    let free = scripted(&url).build().unwrap();
    burst(&free, 8).await;
    assert!(
        max.load(Ordering::SeqCst) > 2,
        "uncapped max {}",
        max.load(Ordering::SeqCst)
    );
}

#[tokio::test]
async fn the_rate_limit_spaces_the_requests_of_all_clones() {
    let (url, _, arrivals) = counting(Duration::ZERO).await;
    let rate = 20.0;
    let client = scripted(&url).rate_limit(rate).build().unwrap();
    let n = 6;
    burst(&client, n).await;
    let arrivals = arrivals.lock().unwrap().clone();
    assert_eq!(arrivals.len(), n);
    let spread = *arrivals.iter().max().unwrap() - *arrivals.iter().min().unwrap();
    // (n - 1) intervals of 1/rate at least (a tenth off for the clocks' granularity).
    let floor = Duration::from_secs_f64((n - 1) as f64 / rate * 0.9);
    assert!(
        spread >= floor,
        "{n} requests at {rate}/s arrived within {spread:?}"
    );
}

#[tokio::test]
async fn timings_are_kept_only_when_asked_and_can_be_reset() {
    let e = emulator().await;
    let client = admin(&e).collect_timing(true).build().unwrap();
    client
        .service(compute())
        .get("servers")
        .send()
        .await
        .unwrap();
    let _ = client.service(compute()).get("servers/x").send().await;
    let timings = client.clone().timings();
    // POST /v2.0/tokens, then both service calls.
    assert_eq!(timings.len(), 3, "{timings:?}");
    assert_eq!(timings[0].method, "POST");
    assert!(timings[0].url.ends_with("/v2.0/tokens"));
    assert_eq!(timings[1].status, Some(200));
    assert_eq!(timings[2].status, Some(404));
    assert!(timings[2].url.contains("/compute/v2.1/") && timings[2].url.ends_with("/servers/x"));
    client.reset_timings();
    assert!(client.timings().is_empty());
    let off = admin(&e).build().unwrap();
    off.service(compute()).get("servers").send().await.unwrap();
    assert!(off.timings().is_empty());
}

#[tokio::test]
async fn split_targets_and_the_curl_line_at_trace_show_no_secret() {
    let captured = logs::global_logs();

    let e = emulator().await;
    let client = admin(&e).debug(true).log_curl(true).build().unwrap();
    let access = client.authenticate().await.unwrap();
    let mut secrets = vec![PASSWORD.to_owned(), access.auth_token().expose().to_owned()];
    let tenant = access.tenant_id().unwrap().to_owned();
    let user = access.user_id().to_owned();
    let cred = client.ec2().create(&user, &tenant).await.unwrap();
    secrets.push(cred.secret.expose().to_owned());
    let echoed = "Echoed-Pa55word-in-a-body";
    secrets.push(echoed.to_owned());
    let nova = client.service(compute());
    nova.post("servers")
        .json(&serde_json::json!({"server": {"adminPass": "x", "password": echoed}}))
        .header("authorization", "Bearer Super-Secret-Bearer-9")
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    secrets.push("Super-Secret-Bearer-9".into());
    let _ = nova.get("servers/x").send().await.unwrap_err();
    // A 401 replay: the refused token is in no log either.
    let refused = client.auth_token().await.unwrap();
    e.control().advance(Duration::from_secs(7200));
    nova.get("servers").send().await.unwrap();
    secrets.push(refused.expose().to_owned());
    secrets.push(client.auth_token().await.unwrap().expose().to_owned());
    client.ec2().delete(&user, &cred.access).await.unwrap();

    let log = captured.text();
    for target in [
        "keystone_v2::request:",
        "keystone_v2::response:",
        "keystone_v2::body:",
        "keystone_v2::request_id:",
    ] {
        assert!(log.contains(target), "no {target} event in:\n{log}");
    }
    assert!(
        log.contains("curl -g -i -X POST \"http://"),
        "the curl line"
    );
    assert!(
        log.contains("-H \"x-auth-token: {SHA256}"),
        "the token as a hash"
    );
    assert!(log.contains("used request id req-"), "the request-id line");
    for (i, secret) in secrets.iter().enumerate() {
        let at = log.find(secret.as_str());
        assert!(
            at.is_none(),
            "secret #{i} appears in the log: ...{}...",
            at.map(|at| log[at.saturating_sub(300)..at].to_owned())
                .unwrap_or_default()
        );
    }
}
