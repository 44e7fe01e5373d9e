//! The Client's documented outcome for each fault the emulator can inject: re-authentication
//! and success, bounded retries of idempotent calls, or a typed error - never a panic, never a
//! hang past the timeout. Hermetic: runs under `cargo test --features emulator`.
#![cfg(feature = "emulator")]

use std::sync::Arc;
use std::time::{Duration, Instant};

use keystone_v2::emulator::{Emulator, EmulatorConfig, Fault, Match};
use keystone_v2::hooks::Recorder;
use keystone_v2::managers::{ListOptions, TenantOptions};
use keystone_v2::{Client, EndpointFilter, Error, Interface};

fn builder(emulator: &Emulator) -> keystone_v2::ClientBuilder {
    Client::builder()
        .auth_url(emulator.public_url())
        .username("admin")
        .password(emulator.admin_password())
        .tenant_name("admin")
        .timeout(Duration::from_secs(10))
}

fn posts(emulator: &Emulator) -> usize {
    emulator.control().request_count("POST", "/v2.0/tokens")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_the_server_considers_expired_is_renewed_once_and_the_call_succeeds() {
    let emulator = Emulator::start().await.unwrap();
    let client = builder(&emulator).build().unwrap();
    client.authenticate().await.unwrap();
    emulator.control().advance(Duration::from_secs(2 * 3600));
    assert!(!client.users().list(None).await.unwrap().is_empty());
    assert_eq!(
        posts(&emulator),
        2,
        "the first token, then one renewal after the 401"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_injected_401_gets_one_reauthentication_and_one_replay() {
    let emulator = Emulator::start().await.unwrap();
    let rec = Arc::new(Recorder::new());
    let client = builder(&emulator).record(rec.clone()).build().unwrap();
    client.authenticate().await.unwrap();
    emulator
        .control()
        .inject(Fault::status(401), Match::new("GET", "/v2.0/users"), 1);
    assert!(!client.users().list(None).await.unwrap().is_empty());
    let seen: Vec<_> = rec
        .exchanges()
        .iter()
        .map(|e| (e.operation, e.status.as_u16()))
        .collect();
    assert_eq!(
        seen,
        vec![
            ("tokens_authenticate", 200),
            ("users_list", 401),
            ("tokens_authenticate", 200),
            ("users_list", 200)
        ]
    );
    // A 401 that persists is reported after the one replay, not retried forever.
    emulator
        .control()
        .inject(Fault::status(401), Match::new("GET", "/v2.0/users"), 10);
    assert!(client
        .users()
        .list(None)
        .await
        .unwrap_err()
        .is_unauthorized());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_503_with_retry_after_is_retried_for_idempotent_calls_only() {
    let emulator = Emulator::start().await.unwrap();
    let client = builder(&emulator).build().unwrap();
    client.authenticate().await.unwrap();
    let control = emulator.control();
    control.inject(
        Fault::status(503).retry_after(1),
        Match::new("GET", "/v2.0/users"),
        1,
    );
    let started = Instant::now();
    client.users().list(None).await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After is honoured"
    );
    assert_eq!(control.request_count("GET", "/v2.0/users"), 2);

    // POST is not idempotent: the 503 comes back as a typed error with its Retry-After.
    control.inject(
        Fault::status(503).retry_after(1),
        Match::new("POST", "/v2.0/tenants"),
        1,
    );
    let err = client
        .tenants()
        .create("not-created", TenantOptions::default())
        .await
        .unwrap_err();
    assert!(err.is_service_unavailable(), "{err}");
    assert_eq!(
        err.http().unwrap().retry_after,
        Some(Duration::from_secs(1))
    );
    assert!(client
        .tenants()
        .get_by_name("not-created")
        .await
        .unwrap_err()
        .is_not_found());

    // Retries are bounded.
    control.reset_counts();
    control.inject(Fault::status(503), Match::new("GET", "/v2.0/users"), 100);
    assert!(client
        .users()
        .list(None)
        .await
        .unwrap_err()
        .is_service_unavailable());
    assert_eq!(
        control.request_count("GET", "/v2.0/users"),
        3,
        "one call and two retries"
    );
    control.clear_faults();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_is_retried_for_a_get_and_reported_for_a_post() {
    let emulator = Emulator::start().await.unwrap();
    let client = builder(&emulator).build().unwrap();
    client.authenticate().await.unwrap();
    let control = emulator.control();
    control.inject(
        Fault::drop_connection(),
        Match::new("GET", "/v2.0/users"),
        1,
    );
    assert!(!client.users().list(None).await.unwrap().is_empty());
    control.inject(
        Fault::drop_connection(),
        Match::new("POST", "/v2.0/tenants"),
        1,
    );
    let err = client
        .tenants()
        .create("dropped", TenantOptions::default())
        .await
        .unwrap_err();
    assert!(err.is_connection(), "{err:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn broken_bodies_are_typed_errors() {
    let emulator =
        Emulator::start_with(EmulatorConfig::default().admin_password("Distinct-Pa55-word"))
            .await
            .unwrap();
    let client = builder(&emulator).build().unwrap();
    client.authenticate().await.unwrap();
    let control = emulator.control();

    control.inject(
        Fault::status(500).html(),
        Match::new("GET", "/v2.0/users"),
        1,
    );
    let err = client.users().list(None).await.unwrap_err();
    let http = err.http().expect("an HTTP error");
    assert_eq!(http.status.as_u16(), 500);
    // The page's heading is the message; its beginning is kept, redacted, as the details.
    assert!(
        http.message
            .as_deref()
            .unwrap_or_default()
            .contains("Internal Server Error")
            && http.details.as_deref().unwrap_or_default().contains("<"),
        "{err}"
    );

    control.inject(Fault::truncated_json(), Match::new("GET", "/v2.0/users"), 1);
    let err = client.users().list(None).await.unwrap_err();
    assert!(matches!(err, Error::InvalidResponse { .. }), "{err:?}");

    control.inject(
        Fault::not_json(),
        Match::new("GET", "/v2.0/OS-KSADM/roles"),
        1,
    );
    let err = client.roles().list().await.unwrap_err();
    assert!(matches!(err, Error::InvalidResponse { .. }), "{err:?}");

    control.inject(
        Fault::truncated_json(),
        Match::new("POST", "/v2.0/tokens"),
        1,
    );
    let fresh = builder(&emulator).build().unwrap();
    let err = fresh.authenticate().await.unwrap_err();
    assert!(matches!(err, Error::InvalidResponse { .. }), "{err:?}");
    assert!(
        !format!("{err:?}{err}").contains("Distinct-Pa55-word"),
        "no password in the error"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_server_is_a_timeout_not_a_hang() {
    let emulator = Emulator::start().await.unwrap();
    let client = builder(&emulator)
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    client.authenticate().await.unwrap();
    emulator.control().inject(
        Fault::delay(Duration::from_secs(5)),
        Match::new("GET", "/v2.0/users"),
        5,
    );
    let started = Instant::now();
    let err = client.users().list(None).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
}

async fn thousand_calls(client: &Client) {
    let calls: Vec<_> = (0..1000)
        .map(|_| {
            let c = client.clone();
            tokio::spawn(async move { c.tenants().list(ListOptions::default()).await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_calls_at_expiry_cause_exactly_one_new_token() {
    // Expiry seen by the server: every call gets a 401, and they share one re-authentication.
    let emulator = Emulator::start().await.unwrap();
    let client = builder(&emulator).build().unwrap();
    client.authenticate().await.unwrap();
    emulator.control().advance(Duration::from_secs(2 * 3600));
    let before = posts(&emulator);
    thousand_calls(&client).await;
    assert_eq!(
        posts(&emulator) - before,
        1,
        "1000 calls after a server-side expiry: one POST /tokens"
    );

    // Expiry seen by the client (within stale_duration): renewed before the calls, once.
    let emulator =
        Emulator::start_with(EmulatorConfig::default().token_lifetime(Duration::from_secs(32)))
            .await
            .unwrap();
    let client = builder(&emulator)
        .stale_duration(Duration::from_secs(30))
        .build()
        .unwrap();
    client.authenticate().await.unwrap();
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let before = posts(&emulator);
    thousand_calls(&client).await;
    assert_eq!(
        posts(&emulator) - before,
        1,
        "1000 calls at client-side expiry: one POST /tokens"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catalogs_with_duplicate_endpoints_and_split_regions() {
    let emulator = Emulator::start().await.unwrap();
    let control = emulator.control();
    control.add_catalog_endpoint(
        "compute",
        "nova",
        "RegionOne",
        "http://nova.one/v2/$(tenant_id)s",
        Some("http://nova.one.internal/v2"),
        None,
    );
    control.add_catalog_endpoint(
        "compute",
        "nova",
        "RegionOne",
        "http://nova.one.bis/v2/$(tenant_id)s",
        None,
        None,
    );
    control.add_catalog_endpoint(
        "compute",
        "nova",
        "RegionTwo",
        "http://nova.two/v2/$(tenant_id)s",
        None,
        None,
    );
    let client = builder(&emulator).build().unwrap();
    let access = client.authenticate().await.unwrap();
    let tenant = access.tenant_id().unwrap().to_owned();
    let catalog = access.service_catalog();

    let one = catalog.get_urls(&EndpointFilter::new("compute").region("RegionOne"));
    assert_eq!(
        one,
        vec![
            format!("http://nova.one/v2/{tenant}"),
            format!("http://nova.one.bis/v2/{tenant}")
        ],
        "duplicates are all listed, in order"
    );
    assert_eq!(
        catalog
            .url_for(&EndpointFilter::new("compute").region("RegionOne"))
            .unwrap(),
        one[0],
        "url_for takes the first"
    );
    assert_eq!(
        catalog
            .url_for(&EndpointFilter::new("compute").region("RegionTwo"))
            .unwrap(),
        format!("http://nova.two/v2/{tenant}")
    );
    assert_eq!(
        catalog
            .url_for(&EndpointFilter::new("compute").interface(Interface::Internal))
            .unwrap(),
        "http://nova.one.internal/v2"
    );
    let err = catalog
        .url_for(
            &EndpointFilter::new("compute")
                .region("RegionTwo")
                .interface(Interface::Admin),
        )
        .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("adminURL endpoint for compute service in RegionTwo region not found"),
        "{text}"
    );
    assert!(
        text.contains("region is \"RegionOne\", not \"RegionTwo\"") && text.contains("no adminURL"),
        "{text}"
    );

    // The admin API is found in the client's region.
    control.add_catalog_endpoint(
        "identity",
        "keystone",
        "RegionTwo",
        &emulator.public_url(),
        None,
        Some(&emulator.admin_url()),
    );
    let in_two = builder(&emulator).region_name("RegionTwo").build().unwrap();
    in_two.authenticate().await.unwrap();
    assert_eq!(in_two.management_url(), Some(emulator.admin_url()));
    assert!(!in_two.users().list(None).await.unwrap().is_empty());
    let nowhere = builder(&emulator).region_name("Nowhere").build().unwrap();
    let err = nowhere.users().list(None).await.unwrap_err();
    assert!(
        err.is_endpoint_not_found() && err.to_string().contains("in Nowhere region"),
        "{err}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_all_pages_through_every_tenant_once() {
    use futures::TryStreamExt;
    let emulator = Emulator::start().await.unwrap();
    let client = builder(&emulator).build().unwrap();
    for i in 0..7 {
        client
            .tenants()
            .create(&format!("paged-{i}"), TenantOptions::default())
            .await
            .unwrap();
    }
    emulator.control().reset_counts();
    let all: Vec<_> = client.tenants().list_all(3).try_collect().await.unwrap();
    let mut names: Vec<_> = all.iter().map(|t| t.name.clone()).collect();
    names.sort();
    let mut expected: Vec<_> = (0..7)
        .map(|i| format!("paged-{i}"))
        .chain(["admin".to_owned()])
        .collect();
    expected.sort();
    assert_eq!(names, expected, "8 tenants, each once");
    assert_eq!(
        emulator.control().request_count("GET", "/v2.0/tenants"),
        3,
        "pages of 3, 3 and 2"
    );
}
