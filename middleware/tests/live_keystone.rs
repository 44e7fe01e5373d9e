//! The layer against the real Keystone 12.0.3 (`scripts/keystone-server start`, then
//! `eval "$(scripts/keystone-server env)"`).

mod common;

use std::time::Duration;

use common::{app, send, UNAUTHORIZED};
use keystone_v2::managers::TokenAuth;
use keystone_v2::Client;
use keystone_v2_middleware::{AuthTokenConfig, AuthTokenLayer};

fn env(name: &str) -> String {
    std::env::var(name)
        .unwrap_or_else(|_| panic!("{name} (eval \"$(scripts/keystone-server env)\")"))
}

fn service_client(public_url: &str) -> Client {
    Client::builder()
        .auth_url(public_url)
        .username("admin")
        .password(env("KS_ADMIN_PASSWORD"))
        .tenant_name("admin")
        .build()
        .unwrap()
}

async fn user_token(client: &Client) -> String {
    let access = client
        .tokens()
        .authenticate(TokenAuth::password("admin", env("KS_ADMIN_PASSWORD")).tenant_name("admin"))
        .await
        .unwrap();
    access.auth_token().expose().to_owned()
}

#[tokio::test]
#[ignore = "needs keystone"]
async fn the_real_keystone_confirms_its_tokens_and_refuses_others() {
    let url = env("KS_PUBLIC_URL");
    let client = service_client(&url);
    let token = user_token(&client).await;
    let service = user_token(&client).await;
    let layer = AuthTokenLayer::new(
        client.clone(),
        AuthTokenConfig::new(&url).service_token_roles(["admin"]),
    )
    .unwrap();
    let app = app(layer);
    let a = send(
        &app,
        "/",
        &[("X-Auth-Token", &token), ("X-User-Id", "spoofed")],
    )
    .await;
    assert_eq!(a.status, 200);
    let info = client.tokens().validate_access_info(&token).await.unwrap();
    assert_eq!(
        a.seen_one("x-identity-status").as_deref(),
        Some("Confirmed")
    );
    assert_eq!(a.seen_one("x-user-id").as_deref(), Some(info.user_id()));
    assert_eq!(a.seen_one("x-user-name").as_deref(), Some("admin"));
    assert_eq!(a.seen_one("x-project-name").as_deref(), Some("admin"));
    assert!(a
        .seen_one("x-roles")
        .unwrap()
        .split(',')
        .any(|r| r == "admin"));
    let catalog: serde_json::Value =
        serde_json::from_str(&a.seen_one("x-service-catalog").unwrap()).unwrap();
    assert!(catalog
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["type"] == "identity"));
    let a = send(
        &app,
        "/",
        &[("X-Auth-Token", &token), ("X-Service-Token", &service)],
    )
    .await;
    assert_eq!(
        a.seen_one("x-service-identity-status").as_deref(),
        Some("Confirmed")
    );
    assert_eq!(a.seen_one("x-service-user-name").as_deref(), Some("admin"));
    let a = send(
        &app,
        "/",
        &[("X-Auth-Token", "0123456789abcdef0123456789abcdef")],
    )
    .await;
    assert_eq!(a.status, 401);
    assert_eq!(a.body, UNAUTHORIZED.as_bytes());
    assert_eq!(
        a.headers["www-authenticate"],
        format!("Keystone uri=\"{url}\"").as_str()
    );
    // A revoked token is refused once its cache entry is gone (no cache here).
    let revoked = user_token(&client).await;
    let uncached = app_without_cache(&client, &url);
    assert_eq!(
        send(&uncached, "/", &[("X-Auth-Token", &revoked)])
            .await
            .status,
        200
    );
    client.tokens().delete(&revoked).await.unwrap();
    assert_eq!(
        send(&uncached, "/", &[("X-Auth-Token", &revoked)])
            .await
            .status,
        401
    );
}

fn app_without_cache(client: &Client, url: &str) -> axum::Router {
    app(AuthTokenLayer::new(
        client.clone(),
        AuthTokenConfig::new(url).token_cache_time(None),
    )
    .unwrap())
}

#[tokio::test]
#[ignore = "needs keystone"]
async fn a_cached_token_is_refused_once_the_real_keystone_lets_it_expire() {
    // The short-lived Keystone issues tokens of KS_SHORT_EXPIRATION seconds.
    let url = env("KS_SHORT_PUBLIC_URL");
    let lifetime: u64 = env("KS_SHORT_EXPIRATION").parse().unwrap();
    let client = service_client(&url);
    let token = user_token(&client).await;
    let app = app(AuthTokenLayer::new(client.clone(), AuthTokenConfig::new(&url)).unwrap());
    assert_eq!(
        send(&app, "/", &[("X-Auth-Token", &token)]).await.status,
        200
    );
    tokio::time::sleep(Duration::from_secs(lifetime + 1)).await;
    assert_eq!(
        send(&app, "/", &[("X-Auth-Token", &token)]).await.status,
        401
    );
}
