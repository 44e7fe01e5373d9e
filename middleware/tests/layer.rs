//! The layer's per-request behaviour against the Keystone v2.0 emulator.

mod common;

use std::time::{Duration, Instant};

use common::{app, send, Keystone, UNAUTHORIZED};
use keystone_v2::emulator::{Fault, Match};
use keystone_v2_middleware::headers::identity_headers;

#[tokio::test]
async fn a_valid_token_reaches_the_application_with_its_identity() {
    let ks = Keystone::start().await;
    let token = ks.token_with_roles("alice", &["_member_", "reader"]).await;
    let app = app(ks.layer(ks.config()));
    let a = send(&app, "/", &[("X-Auth-Token", &token)]).await;
    assert_eq!(a.status, 200);
    let info = ks
        .admin
        .tokens()
        .validate_access_info(&token)
        .await
        .unwrap();
    assert_eq!(
        a.seen_one("x-identity-status").as_deref(),
        Some("Confirmed")
    );
    assert_eq!(a.seen_one("x-user-id").as_deref(), Some(info.user_id()));
    assert_eq!(a.seen_one("x-user-name").as_deref(), Some("alice"));
    assert_eq!(a.seen_one("x-user").as_deref(), Some("alice"));
    assert_eq!(
        a.seen_one("x-project-id"),
        info.project_id().map(str::to_owned)
    );
    assert_eq!(
        a.seen_one("x-tenant-id"),
        info.project_id().map(str::to_owned)
    );
    assert_eq!(
        a.seen_one("x-project-name").as_deref(),
        Some("alice-tenant")
    );
    assert_eq!(a.seen_one("x-tenant-name").as_deref(), Some("alice-tenant"));
    assert_eq!(a.seen_one("x-user-domain-id").as_deref(), Some("default"));
    assert_eq!(
        a.seen_one("x-project-domain-id").as_deref(),
        Some("default")
    );
    let mut roles: Vec<String> = a
        .seen_one("x-roles")
        .unwrap()
        .split(',')
        .map(str::to_owned)
        .collect();
    roles.sort();
    assert_eq!(roles, ["_member_", "reader"]);
    assert_eq!(a.seen_one("x-role"), a.seen_one("x-roles"));
    let catalog: serde_json::Value =
        serde_json::from_str(&a.seen_one("x-service-catalog").unwrap()).unwrap();
    assert_eq!(
        catalog,
        serde_json::to_value(&info.access().service_catalog).unwrap()
    );
    assert!(
        catalog[0]["endpoints"][0]["publicURL"].is_string(),
        "v2 form: {catalog}"
    );
    assert_eq!(a.json()["user"], info.user_id());
    assert!(a.seen("x-service-identity-status").is_empty());
}

#[tokio::test]
async fn the_catalog_header_follows_include_service_catalog() {
    let ks = Keystone::start().await;
    let token = ks.admin_token().await;
    let app = app(ks.layer(ks.config().include_service_catalog(false)));
    let a = send(&app, "/", &[("X-Auth-Token", &token)]).await;
    assert_eq!(a.status, 200);
    assert!(a.seen("x-service-catalog").is_empty());
}

#[tokio::test]
async fn swift_clients_x_storage_token_is_read() {
    let ks = Keystone::start().await;
    let token = ks.admin_token().await;
    let app = app(ks.layer(ks.config()));
    let a = send(&app, "/", &[("X-Storage-Token", &token)]).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.seen_one("x-user-name").as_deref(), Some("admin"));
}

#[tokio::test]
async fn a_missing_or_unknown_token_gets_keystonemiddlewares_401() {
    let ks = Keystone::start().await;
    let app = app(ks.layer(ks.config()));
    for headers in [
        vec![],
        vec![("X-Auth-Token", "0123456789abcdef0123456789abcdef")],
        vec![("X-Auth-Token", "  ")],
    ] {
        let a = send(&app, "/", &headers).await;
        assert_eq!(a.status, 401);
        assert_eq!(a.body, UNAUTHORIZED.as_bytes());
        assert_eq!(a.headers["content-type"], "application/json");
        assert_eq!(
            a.headers["www-authenticate"],
            format!("Keystone uri=\"{}\"", ks.emulator.public_url()).as_str()
        );
    }
}

#[tokio::test]
async fn the_applications_own_401_gets_www_authenticate() {
    let ks = Keystone::start().await;
    let token = ks.admin_token().await;
    let app = app(ks.layer(ks.config()));
    let a = send(&app, "/own401", &[("X-Auth-Token", &token)]).await;
    assert_eq!(a.status, 401);
    assert_eq!(&a.body[..], b"no");
    assert_eq!(
        a.headers["www-authenticate"],
        format!("Keystone uri=\"{}\"", ks.emulator.public_url()).as_str()
    );
}

#[tokio::test]
async fn with_delay_auth_decision_an_invalid_token_goes_on_marked_invalid() {
    let ks = Keystone::start().await;
    let app = app(ks.layer(ks.config().delay_auth_decision(true)));
    for headers in [
        vec![],
        vec![("X-Auth-Token", "0123456789abcdef0123456789abcdef")],
    ] {
        let a = send(&app, "/", &headers).await;
        assert_eq!(a.status, 200);
        assert_eq!(a.seen_one("x-identity-status").as_deref(), Some("Invalid"));
        assert!(a.seen("x-user-id").is_empty());
        assert!(a.json()["user"].is_null());
    }
}

/// Each identity header the caller sends, in several spellings and repeated, never reaches the
/// application: not without a token, not beside a valid one.
#[tokio::test]
async fn spoofed_identity_headers_never_reach_the_application() {
    let ks = Keystone::start().await;
    let token = ks.admin_token().await;
    let delayed = app(ks.layer(ks.config().delay_auth_decision(true)));
    for name in identity_headers() {
        let upper = name.to_uppercase();
        let title: String = name
            .split('-')
            .map(|w| {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join("-");
        let underscored = name.replace('-', "_");
        let spoof = [
            (name.as_str(), "spoofed"),
            (upper.as_str(), "spoofed"),
            (title.as_str(), "spoofed"),
            (name.as_str(), "spoofed-again"),
            (underscored.as_str(), "spoofed"),
        ];
        // Without a token: only the layer's own X-Identity-Status: Invalid.
        let a = send(&delayed, "/", &spoof).await;
        assert_eq!(a.status, 200);
        let seen: Vec<String> = a.json()["headers"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, v)| {
                v.as_array()
                    .unwrap()
                    .iter()
                    .any(|v| v.as_str().unwrap().starts_with("spoofed"))
            })
            .map(|(k, _)| k.clone())
            .collect();
        assert!(seen.is_empty(), "{name}: {seen:?} reached the application");
        assert_eq!(a.seen("x-identity-status"), ["Invalid"], "{name}");
        // With a valid user token and an invalid service token.
        let mut with_token = spoof.to_vec();
        with_token.push(("X-Auth-Token", &token));
        with_token.push(("X-Service-Token", "ffffffffffffffffffffffffffffffff"));
        let a = send(&delayed, "/", &with_token).await;
        let seen: Vec<String> = a.json()["headers"]
            .as_object()
            .unwrap()
            .iter()
            .filter(|(_, v)| {
                v.as_array()
                    .unwrap()
                    .iter()
                    .any(|v| v.as_str().unwrap().starts_with("spoofed"))
            })
            .map(|(k, _)| k.clone())
            .collect();
        assert!(
            seen.is_empty(),
            "{name}: {seen:?} reached the application beside a token"
        );
        assert_eq!(a.seen("x-identity-status"), ["Confirmed"], "{name}");
        assert_eq!(a.seen("x-service-identity-status"), ["Invalid"], "{name}");
    }
}

#[tokio::test]
async fn a_service_token_with_a_service_role_sets_the_service_headers() {
    let ks = Keystone::start().await;
    let user = ks.token_with_roles("bob", &["_member_"]).await;
    let service = ks.token_with_roles("nova", &["service"]).await;
    let app = app(ks.layer(ks.config()));
    let a = send(
        &app,
        "/",
        &[("X-Auth-Token", &user), ("X-Service-Token", &service)],
    )
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(
        a.seen_one("x-identity-status").as_deref(),
        Some("Confirmed")
    );
    assert_eq!(
        a.seen_one("x-service-identity-status").as_deref(),
        Some("Confirmed")
    );
    assert_eq!(a.seen_one("x-service-user-name").as_deref(), Some("nova"));
    let roles = a.seen_one("x-service-roles").unwrap();
    assert!(roles.split(',').any(|r| r == "service"), "{roles}");
    assert_eq!(
        a.seen_one("x-service-project-name").as_deref(),
        Some("nova-tenant")
    );
    assert_eq!(a.seen_one("x-user-name").as_deref(), Some("bob"));
    assert!(a.json()["service"].is_string());
}

#[tokio::test]
async fn a_service_token_without_a_service_role_is_refused_when_roles_are_required() {
    let ks = Keystone::start().await;
    let user = ks.token_with_roles("carol", &["_member_"]).await;
    let not_service = ks.token_with_roles("dave", &["_member_"]).await;
    let headers = [
        ("X-Auth-Token", user.as_str()),
        ("X-Service-Token", not_service.as_str()),
    ];
    let strict = app(ks.layer(ks.config()));
    assert_eq!(send(&strict, "/", &headers).await.status, 401);
    let delayed = app(ks.layer(ks.config().delay_auth_decision(true)));
    let a = send(&delayed, "/", &headers).await;
    assert_eq!(
        a.seen_one("x-service-identity-status").as_deref(),
        Some("Invalid")
    );
    assert!(a.seen("x-service-user-name").is_empty());
    let lax = app(ks.layer(ks.config().service_token_roles_required(false)));
    let a = send(&lax, "/", &headers).await;
    assert_eq!(a.status, 200);
    assert_eq!(
        a.seen_one("x-service-identity-status").as_deref(),
        Some("Confirmed")
    );
    let custom = app(ks.layer(ks.config().service_token_roles(["_member_"])));
    assert_eq!(send(&custom, "/", &headers).await.status, 200);
}

#[tokio::test]
async fn an_invalid_service_token_is_refused() {
    let ks = Keystone::start().await;
    let user = ks.admin_token().await;
    let app = app(ks.layer(ks.config()));
    let a = send(
        &app,
        "/",
        &[
            ("X-Auth-Token", &user),
            ("X-Service-Token", "deadbeefdeadbeefdeadbeefdeadbeef"),
        ],
    )
    .await;
    assert_eq!(a.status, 401);
    assert_eq!(a.body, UNAUTHORIZED.as_bytes());
}

#[tokio::test]
async fn keystone_answering_5xx_gives_503_or_invalid_with_delay_auth_decision() {
    let ks = Keystone::start().await;
    let token = ks.admin_token().await;
    ks.admin.authenticate().await.unwrap();
    let strict = app(ks.layer(ks.config()));
    let delayed = app(ks.layer(ks.config().delay_auth_decision(true)));
    let on = Match::prefix("GET", "/v2.0/tokens/");
    ks.emulator
        .control()
        .inject(Fault::status(500), on.clone(), 1000);
    let a = send(&strict, "/", &[("X-Auth-Token", &token)]).await;
    assert_eq!(a.status, 503);
    assert_eq!(
        a.json()["error"]["message"],
        "The Keystone service is temporarily unavailable."
    );
    assert!(a.headers.get("www-authenticate").is_none());
    let a = send(&delayed, "/", &[("X-Auth-Token", &token)]).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.seen_one("x-identity-status").as_deref(), Some("Invalid"));
    // Failures are not cached: once Keystone is back, the same token is valid.
    ks.emulator.control().clear_faults();
    assert_eq!(
        send(&strict, "/", &[("X-Auth-Token", &token)]).await.status,
        200
    );
}

#[tokio::test]
async fn a_keystone_slower_than_validation_timeout_gives_503_in_time() {
    let ks = Keystone::start().await;
    let token = ks.admin_token().await;
    ks.admin.authenticate().await.unwrap();
    let app = app(ks.layer(ks.config().validation_timeout(Duration::from_millis(500))));
    ks.emulator.control().inject(
        Fault::delay(Duration::from_secs(20)),
        Match::prefix("GET", "/v2.0/tokens/"),
        1000,
    );
    let started = Instant::now();
    let a = send(&app, "/", &[("X-Auth-Token", &token)]).await;
    assert_eq!(a.status, 503);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_unreachable_keystone_gives_503() {
    let ks = Keystone::start().await;
    let token = ks.admin_token().await;
    ks.admin.authenticate().await.unwrap();
    let layer = ks.layer(ks.config());
    let Keystone { emulator, .. } = ks;
    emulator.shutdown().await;
    let app = app(layer);
    let a = send(&app, "/", &[("X-Auth-Token", &token)]).await;
    assert_eq!(a.status, 503);
}
