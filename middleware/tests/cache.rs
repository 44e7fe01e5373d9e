//! The validation cache: single flight, lifetime, bounds, no negative caching.

mod common;

use std::time::Duration;

use common::{app, send, Keystone};
use keystone_v2::emulator::{Fault, Match};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_requests_with_one_new_token_make_one_validation() {
    let ks = Keystone::start().await;
    let token = ks.admin_token().await;
    ks.admin.authenticate().await.unwrap();
    let layer = ks.layer(ks.config());
    let app = app(layer.clone());
    ks.emulator.control().reset_counts();
    // Keystone takes its time, so that every request arrives while the validation runs.
    ks.emulator.control().inject(
        Fault::delay(Duration::from_millis(300)),
        Match::prefix("GET", "/v2.0/tokens/"),
        1,
    );
    let mut tasks = Vec::new();
    for _ in 0..1000 {
        let (app, token) = (app.clone(), token.clone());
        tasks.push(tokio::spawn(async move {
            send(&app, "/", &[("X-Auth-Token", &token)]).await.status
        }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), 200);
    }
    assert_eq!(ks.validations(), 1);
    assert_eq!(layer.validations_in_flight(), 0);
    assert_eq!(layer.cached_tokens(), 1);
}

#[tokio::test]
async fn a_cached_token_is_not_validated_again_and_an_invalid_one_always_is() {
    let ks = Keystone::start().await;
    let token = ks.admin_token().await;
    let app = app(ks.layer(ks.config()));
    ks.emulator.control().reset_counts();
    for _ in 0..10 {
        assert_eq!(
            send(&app, "/", &[("X-Auth-Token", &token)]).await.status,
            200
        );
    }
    assert_eq!(ks.validations(), 1);
    for _ in 0..3 {
        let a = send(
            &app,
            "/",
            &[("X-Auth-Token", "0123456789abcdef0123456789abcdef")],
        )
        .await;
        assert_eq!(a.status, 401);
    }
    assert_eq!(ks.validations(), 4, "no negative caching");
}

#[tokio::test]
async fn token_cache_time_none_validates_every_request() {
    let ks = Keystone::start().await;
    let token = ks.admin_token().await;
    let layer = ks.layer(ks.config().token_cache_time(None));
    let app = app(layer.clone());
    ks.emulator.control().reset_counts();
    for _ in 0..3 {
        assert_eq!(
            send(&app, "/", &[("X-Auth-Token", &token)]).await.status,
            200
        );
    }
    assert_eq!(ks.validations(), 3);
    assert_eq!(layer.cached_tokens(), 0);
}

#[tokio::test]
async fn an_entry_lives_token_cache_time() {
    let ks = Keystone::start().await;
    let token = ks.admin_token().await;
    let app = app(ks.layer(
        ks.config()
            .token_cache_time(Some(Duration::from_millis(300))),
    ));
    ks.emulator.control().reset_counts();
    assert_eq!(
        send(&app, "/", &[("X-Auth-Token", &token)]).await.status,
        200
    );
    assert_eq!(
        send(&app, "/", &[("X-Auth-Token", &token)]).await.status,
        200
    );
    assert_eq!(ks.validations(), 1);
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(
        send(&app, "/", &[("X-Auth-Token", &token)]).await.status,
        200
    );
    assert_eq!(ks.validations(), 2);
}

#[tokio::test]
async fn an_entry_never_outlives_its_token() {
    let ks = Keystone::start().await;
    ks.emulator
        .control()
        .set_token_lifetime(Duration::from_secs(2));
    let token = ks.admin_token().await;
    let app = app(ks.layer(ks.config()));
    assert_eq!(
        send(&app, "/", &[("X-Auth-Token", &token)]).await.status,
        200
    );
    tokio::time::sleep(Duration::from_millis(2100)).await;
    // Past the token's expiry the cache no longer answers, and the token is refused.
    assert_eq!(
        send(&app, "/", &[("X-Auth-Token", &token)]).await.status,
        401
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_distinct_invalid_tokens_leave_the_cache_empty() {
    let ks = Keystone::start().await;
    ks.admin.authenticate().await.unwrap();
    let layer = ks.layer(ks.config());
    let app = app(layer.clone());
    let mut tasks = Vec::new();
    for chunk in 0..10 {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            for i in 0..1000 {
                let token = format!("{:032x}", chunk * 1000 + i);
                assert_eq!(
                    send(&app, "/", &[("X-Auth-Token", &token)]).await.status,
                    401
                );
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(layer.cached_tokens(), 0);
    assert_eq!(layer.validations_in_flight(), 0);
}

#[tokio::test]
async fn the_cache_holds_at_most_token_cache_size_tokens() {
    let ks = Keystone::start().await;
    let layer = ks.layer(ks.config().token_cache_size(50));
    let app = app(layer.clone());
    for _ in 0..200 {
        let token = ks.admin_token().await;
        assert_eq!(
            send(&app, "/", &[("X-Auth-Token", &token)]).await.status,
            200
        );
    }
    assert!(layer.cached_tokens() <= layer.cache_capacity());
    assert!(layer.cache_capacity() <= 64, "{}", layer.cache_capacity());
    assert!(layer.cached_tokens() > 0);
}
