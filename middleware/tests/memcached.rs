//! The memcached-shared cache. Tests marked `needs memcached` use the server at
//! `KEYSTONE_V2_TEST_MEMCACHED` (`host:port`; `.ci/run` starts one on loopback).
#![cfg(feature = "memcached")]

mod common;

use std::time::{Duration, Instant};

use async_memcached::AsciiProtocol;
use base64::Engine;
use common::{app, send, Keystone};
use hmac::{Hmac, Mac};
use keystone_v2_middleware::{AuthTokenConfig, MemcacheSecurityStrategy};

fn memcached() -> String {
    std::env::var("KEYSTONE_V2_TEST_MEMCACHED")
        .expect("KEYSTONE_V2_TEST_MEMCACHED=host:port of a memcached for this test")
}

fn shared(ks: &Keystone, strategy: MemcacheSecurityStrategy, secret: &str) -> AuthTokenConfig {
    ks.config()
        .memcached_servers([memcached()])
        .memcache_security_strategy(strategy)
        .memcache_secret_key(secret)
}

/// The memcached key keystonemiddleware derives for `token` under MAC / ENCRYPT.
fn protected_key(token: &str, secret: &str, strategy: &str) -> String {
    let mut mac = Hmac::<sha2::Sha384>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(token.as_bytes());
    mac.update(strategy.as_bytes());
    let digest = mac.finalize().into_bytes();
    // keystonemiddleware on Python 3 formats the base64 bytes: `tokens/b'...'`.
    format!(
        "tokens/b'{}'",
        base64::engine::general_purpose::STANDARD.encode(&digest[..16])
    )
}

async fn raw_get(key: &str) -> Option<Vec<u8>> {
    let mut c = async_memcached::Client::new(format!("tcp://{}", memcached()))
        .await
        .unwrap();
    c.get(key).await.unwrap().and_then(|v| v.data)
}

async fn raw_set(key: &str, value: &[u8]) {
    let mut c = async_memcached::Client::new(format!("tcp://{}", memcached()))
        .await
        .unwrap();
    c.set(key, value, Some(60), None).await.unwrap();
}

#[tokio::test]
#[ignore = "needs memcached"]
async fn a_token_validated_by_one_service_is_served_to_another_from_memcached() {
    for strategy in [
        MemcacheSecurityStrategy::None,
        MemcacheSecurityStrategy::Mac,
        MemcacheSecurityStrategy::Encrypt,
    ] {
        let ks = Keystone::start().await;
        let token = ks.token_with_roles("erin", &["reader"]).await;
        let first = app(ks.layer(shared(&ks, strategy, "fleet-secret")));
        let second = app(ks.layer(shared(&ks, strategy, "fleet-secret")));
        ks.emulator.control().reset_counts();
        let a = send(&first, "/", &[("X-Auth-Token", &token)]).await;
        assert_eq!(a.status, 200);
        assert_eq!(ks.validations(), 1);
        let b = send(&second, "/", &[("X-Auth-Token", &token)]).await;
        assert_eq!(b.status, 200, "{strategy:?}");
        assert_eq!(ks.validations(), 1, "{strategy:?}: served from memcached");
        assert_eq!(b.seen_one("x-user-name").as_deref(), Some("erin"));
        assert_eq!(b.seen_one("x-roles"), a.seen_one("x-roles"));
        assert_eq!(b.json()["user"], a.json()["user"]);
        // A service with another secret shares nothing.
        let other = app(ks.layer(shared(&ks, strategy, "another-secret")));
        assert_eq!(
            send(&other, "/", &[("X-Auth-Token", &token)]).await.status,
            200
        );
        let expected = if strategy == MemcacheSecurityStrategy::None {
            1
        } else {
            2
        };
        assert_eq!(ks.validations(), expected, "{strategy:?}");
    }
}

#[tokio::test]
#[ignore = "needs memcached"]
async fn entries_are_keyed_by_hash_and_encrypted_entries_hide_the_identity() {
    let ks = Keystone::start().await;
    let token = ks.token_with_roles("frank", &["reader"]).await;
    let app = app(ks.layer(shared(&ks, MemcacheSecurityStrategy::Encrypt, "k")));
    assert_eq!(
        send(&app, "/", &[("X-Auth-Token", &token)]).await.status,
        200
    );
    let key = protected_key(&token, "k", "ENCRYPT");
    assert!(!key.contains(&token));
    let value = raw_get(&key)
        .await
        .expect("an entry under keystonemiddleware's key");
    let text = String::from_utf8_lossy(&value);
    assert!(!text.contains("frank") && !text.contains(&token), "{text}");
}

#[tokio::test]
#[ignore = "needs memcached"]
async fn a_tampered_entry_is_a_miss() {
    for (strategy, label) in [
        (MemcacheSecurityStrategy::Mac, "MAC"),
        (MemcacheSecurityStrategy::Encrypt, "ENCRYPT"),
    ] {
        let ks = Keystone::start().await;
        let token = ks.token_with_roles("grace", &["reader"]).await;
        let first = app(ks.layer(shared(&ks, strategy, "k")));
        assert_eq!(
            send(&first, "/", &[("X-Auth-Token", &token)]).await.status,
            200
        );
        let key = protected_key(&token, "k", label);
        let mut value = raw_get(&key).await.unwrap();
        let last = value.len() - 3;
        value[last] = if value[last] == b'A' { b'B' } else { b'A' };
        raw_set(&key, &value).await;
        ks.emulator.control().reset_counts();
        let second = app(ks.layer(shared(&ks, strategy, "k")));
        let a = send(&second, "/", &[("X-Auth-Token", &token)]).await;
        assert_eq!(a.status, 200);
        assert_eq!(a.seen_one("x-user-name").as_deref(), Some("grace"));
        assert_eq!(
            ks.validations(),
            1,
            "{label}: the tampered entry was a miss"
        );
    }
}

#[tokio::test]
#[ignore = "needs memcached"]
async fn a_forged_plain_entry_is_not_trusted_by_a_mac_service() {
    // Someone who can write to memcached stores an admin identity under the plain key.
    let ks = Keystone::start().await;
    let token = ks.token_with_roles("heidi", &["reader"]).await;
    let plain = app(ks.layer(shared(&ks, MemcacheSecurityStrategy::None, "")));
    assert_eq!(
        send(
            &plain,
            "/",
            &[("X-Auth-Token", "0123456789abcdef0123456789abcdef")]
        )
        .await
        .status,
        401
    );
    let macd = app(ks.layer(shared(&ks, MemcacheSecurityStrategy::Mac, "k")));
    let key = protected_key(&token, "k", "MAC");
    raw_set(&key, br#"{"access": {"token": {"expires": "2099-01-01T00:00:00Z"}, "user": {"id": "x", "name": "admin", "roles": [{"name": "admin"}]}}}"#).await;
    let a = send(&macd, "/", &[("X-Auth-Token", &token)]).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.seen_one("x-user-name").as_deref(), Some("heidi"));
}

#[tokio::test]
async fn memcached_down_or_silent_means_validating_with_keystone() {
    let ks = Keystone::start().await;
    let token = ks.admin_token().await;
    // A port nobody listens on, and a server that accepts and never answers.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_addr = closed.local_addr().unwrap();
    drop(closed);
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let silent_addr = silent.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((s, _)) = silent.accept().await {
            held.push(s);
        }
    });
    for addr in [closed_addr, silent_addr] {
        for strategy in [
            MemcacheSecurityStrategy::None,
            MemcacheSecurityStrategy::Encrypt,
        ] {
            let config = ks
                .config()
                .memcached_servers([addr.to_string()])
                .memcache_security_strategy(strategy)
                .memcache_secret_key("k")
                .memcache_pool_socket_timeout(Duration::from_millis(200));
            let app = app(ks.layer(config));
            let started = Instant::now();
            for _ in 0..3 {
                let a = send(&app, "/", &[("X-Auth-Token", &token)]).await;
                assert_eq!(a.status, 200, "{addr} {strategy:?}");
            }
            assert!(
                started.elapsed() < Duration::from_secs(2),
                "{:?}",
                started.elapsed()
            );
        }
    }
}

#[test]
fn mac_or_encrypt_without_a_secret_key_is_refused() {
    let config = AuthTokenConfig::new("http://keystone:5000")
        .memcached_servers(["127.0.0.1:11211"])
        .memcache_security_strategy(MemcacheSecurityStrategy::Mac);
    let source = std::sync::Arc::new(NoSource);
    let err = keystone_v2_middleware::AuthTokenLayer::with_source(source, config).unwrap_err();
    assert_eq!(err, keystone_v2_middleware::ConfigError::MissingSecretKey);
}

struct NoSource;

impl keystone_v2_middleware::TokenSource for NoSource {
    fn validate<'a>(
        &'a self,
        _token: &'a str,
    ) -> keystone_v2_middleware::BoxFuture<
        'a,
        Result<keystone_v2::AccessInfo, keystone_v2_middleware::ValidationError>,
    > {
        Box::pin(async { Err(keystone_v2_middleware::ValidationError::Invalid) })
    }
}
