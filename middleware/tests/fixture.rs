//! The test kit: chosen tokens valid with no Keystone, and token bodies (which the emulator
//! accepts too).

mod common;

use std::sync::Arc;

use chrono::{Duration, Utc};
use common::{app, send, Keystone, UNAUTHORIZED};
use keystone_v2_middleware::fixture::{AuthTokenFixture, V2Token};
use keystone_v2_middleware::AuthTokenConfig;

fn config() -> AuthTokenConfig {
    AuthTokenConfig::new("http://keystone.test:5000/v2.0")
}

#[tokio::test]
async fn a_fixture_token_reaches_the_application_with_its_user_project_roles_and_catalog() {
    let fixture = Arc::new(AuthTokenFixture::new());
    let token = fixture.add_token(
        V2Token::new()
            .user("u-1", "alice")
            .set_scope("t-1", "demo")
            .add_role("member")
            .add_role_with_id("r-2", "reader")
            .add_service("compute", "nova")
            .add_endpoint(
                "http://nova/pub",
                "http://nova/int",
                "http://nova/adm",
                "RegionOne",
            ),
    );
    let app = app(fixture.layer(config()).unwrap());
    let a = send(&app, "/", &[("X-Auth-Token", &token)]).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.seen_one("x-user-id").as_deref(), Some("u-1"));
    assert_eq!(a.seen_one("x-user-name").as_deref(), Some("alice"));
    assert_eq!(a.seen_one("x-project-id").as_deref(), Some("t-1"));
    assert_eq!(a.seen_one("x-project-name").as_deref(), Some("demo"));
    assert_eq!(a.seen_one("x-roles").as_deref(), Some("member,reader"));
    let catalog: serde_json::Value =
        serde_json::from_str(&a.seen_one("x-service-catalog").unwrap()).unwrap();
    assert_eq!(catalog[0]["type"], "compute");
    assert_eq!(catalog[0]["endpoints"][0]["internalURL"], "http://nova/int");
    assert_eq!(a.json()["user"], "u-1");
}

#[tokio::test]
async fn add_token_data_works_like_keystonemiddlewares() {
    let fixture = Arc::new(AuthTokenFixture::new());
    let token = fixture.add_token_data("u-2", "bob", "t-2", "ops", &["admin"]);
    let app = app(fixture.layer(config()).unwrap());
    let a = send(&app, "/", &[("X-Auth-Token", &token)]).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.seen_one("x-tenant-name").as_deref(), Some("ops"));
    assert_eq!(a.seen_one("x-roles").as_deref(), Some("admin"));
}

#[tokio::test]
async fn unknown_removed_and_expired_tokens_are_refused() {
    let fixture = Arc::new(AuthTokenFixture::new());
    let expired = fixture.add_token(V2Token::new().expires(Utc::now() - Duration::seconds(1)));
    let revoked = fixture.add_token(V2Token::new());
    fixture.remove_token(&revoked);
    let app = app(fixture.layer(config().token_cache_time(None)).unwrap());
    for token in [expired.as_str(), revoked.as_str(), "not-added"] {
        let a = send(&app, "/", &[("X-Auth-Token", token)]).await;
        assert_eq!(a.status, 401, "{token}");
        assert_eq!(a.body, UNAUTHORIZED.as_bytes());
        assert_eq!(
            a.headers["www-authenticate"],
            "Keystone uri=\"http://keystone.test:5000/v2.0\""
        );
    }
    assert_eq!(fixture.validations(), 3);
}

#[tokio::test]
async fn a_token_whose_identity_cannot_be_a_header_is_refused() {
    let fixture = Arc::new(AuthTokenFixture::new());
    let token = fixture.add_token(V2Token::new().user("u-3", "evil\r\nX-Roles: admin"));
    let app = app(fixture.layer(config()).unwrap());
    assert_eq!(
        send(&app, "/", &[("X-Auth-Token", &token)]).await.status,
        401
    );
}

#[test]
fn a_v2_token_body_has_keystones_shape() {
    let token = V2Token::new()
        .with_token_id("tok")
        .user("u", "n")
        .set_scope("t", "tn")
        .add_role_with_id("r1", "admin");
    let body = token.to_json();
    let access = &body["access"];
    assert_eq!(access["token"]["id"], "tok");
    assert_eq!(access["token"]["tenant"]["id"], "t");
    assert_eq!(access["user"]["roles"][0]["id"], "r1");
    assert_eq!(access["metadata"]["roles"][0], "r1");
    assert!(
        keystone_v2::access::parse_time(access["token"]["expires"].as_str().unwrap()).is_some()
    );
    let info = token.access_info();
    assert_eq!(info.auth_token().expose(), "tok");
    assert_eq!(info.role_names(), ["admin"]);
    assert!(info.project_scoped());
}

#[tokio::test]
async fn a_service_token_whose_identity_cannot_be_a_header_is_refused() {
    let fixture = Arc::new(AuthTokenFixture::new());
    let user = fixture.add_token(V2Token::new().user("u-4", "alice"));
    let service = fixture.add_token(V2Token::new().user("s-1", "nova\n").add_role("service"));
    let app = app(fixture.layer(config()).unwrap());
    let headers = [
        ("X-Auth-Token", user.as_str()),
        ("X-Service-Token", service.as_str()),
    ];
    assert_eq!(send(&app, "/", &headers).await.status, 401);
}

#[tokio::test]
async fn a_v2_token_added_to_the_emulator_is_confirmed_with_its_identity_until_revoked() {
    let ks = Keystone::start().await;
    let token = V2Token::new()
        .user("u-ext", "carol")
        .set_scope("t-ext", "outside")
        .add_role("member")
        .add_role_with_id("r-9", "auditor")
        .add_service("object-store", "swift")
        .add_endpoint(
            "http://swift/pub",
            "http://swift/int",
            "http://swift/adm",
            "RegionX",
        );
    let id = ks.emulator.control().add_token(token.to_json()).unwrap();
    assert_eq!(id, token.token_id());
    let app = app(ks.layer(ks.config().token_cache_time(None)));
    let a = send(&app, "/", &[("X-Auth-Token", &id)]).await;
    assert_eq!(a.status, 200);
    assert_eq!(
        a.seen_one("x-identity-status").as_deref(),
        Some("Confirmed")
    );
    assert_eq!(a.seen_one("x-user-id").as_deref(), Some("u-ext"));
    assert_eq!(a.seen_one("x-user-name").as_deref(), Some("carol"));
    assert_eq!(a.seen_one("x-project-id").as_deref(), Some("t-ext"));
    assert_eq!(a.seen_one("x-project-name").as_deref(), Some("outside"));
    assert_eq!(a.seen_one("x-roles").as_deref(), Some("member,auditor"));
    let catalog: serde_json::Value =
        serde_json::from_str(&a.seen_one("x-service-catalog").unwrap()).unwrap();
    assert_eq!(catalog[0]["type"], "object-store");
    assert_eq!(catalog[0]["endpoints"][0]["publicURL"], "http://swift/pub");
    assert_eq!(catalog[0]["endpoints"][0]["region"], "RegionX");
    assert_eq!(ks.validations(), 1, "validated by the emulator");

    ks.admin.tokens().delete(&id).await.unwrap();
    let a = send(&app, "/", &[("X-Auth-Token", &id)]).await;
    assert_eq!(a.status, 401);
    assert_eq!(a.body, UNAUTHORIZED.as_bytes());
}
