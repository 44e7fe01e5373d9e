//! What the tests share: an emulator as Keystone with a few users, and an echo application
//! behind the layer.
#![allow(dead_code)]

use std::collections::BTreeMap;

use axum::body::Body;
use axum::routing::get;
use axum::Router;
use bytes::Bytes;
use http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use keystone_v2::emulator::Emulator;
use keystone_v2::managers::{TenantOptions, TokenAuth, UserOptions};
use keystone_v2::Client;
use keystone_v2_middleware::{AuthTokenConfig, AuthTokenLayer, ServiceAuth, UserAuth};
use tower::ServiceExt;

pub struct Keystone {
    pub emulator: Emulator,
    pub admin: Client,
}

impl Keystone {
    pub async fn start() -> Self {
        let emulator = Emulator::start().await.unwrap();
        let admin = Self::service_client(&emulator);
        Self { emulator, admin }
    }

    /// The service's own client: the admin user, authenticated with its password.
    pub fn service_client(emulator: &Emulator) -> Client {
        Client::builder()
            .auth_url(emulator.public_url())
            .username("admin")
            .password(emulator.admin_password())
            .tenant_name("admin")
            .build()
            .unwrap()
    }

    pub fn config(&self) -> AuthTokenConfig {
        AuthTokenConfig::new(self.emulator.public_url())
    }

    pub fn layer(&self, config: AuthTokenConfig) -> AuthTokenLayer {
        AuthTokenLayer::new(self.admin.clone(), config).unwrap()
    }

    /// A token of a new user with `roles` on a new tenant.
    pub async fn token_with_roles(&self, name: &str, roles: &[&str]) -> String {
        let tenant = self
            .admin
            .tenants()
            .create(&format!("{name}-tenant"), TenantOptions::default())
            .await
            .unwrap();
        let user = self
            .admin
            .users()
            .create(
                name,
                UserOptions {
                    password: Some("pw".into()),
                    tenant_id: Some(tenant.id.clone()),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let existing = self.admin.roles().list().await.unwrap();
        for role in roles {
            let id = match existing.iter().find(|r| r.name == *role) {
                Some(r) => r.id.clone(),
                None => self.admin.roles().create(role).await.unwrap().id,
            };
            // Creating a user on a tenant grants `_member_` already (409 then).
            match self
                .admin
                .tenants()
                .add_user(&tenant.id, &user.id, &id)
                .await
            {
                Ok(_) => {}
                Err(e) if e.is_conflict() => {}
                Err(e) => panic!("{e}"),
            }
        }
        let access = self
            .admin
            .tokens()
            .authenticate(TokenAuth::password(name, "pw").tenant_id(&tenant.id))
            .await
            .unwrap();
        access.auth_token().expose().to_owned()
    }

    pub async fn admin_token(&self) -> String {
        self.admin
            .tokens()
            .authenticate(
                TokenAuth::password("admin", self.emulator.admin_password()).tenant_name("admin"),
            )
            .await
            .unwrap()
            .auth_token()
            .expose()
            .to_owned()
    }

    pub fn validations(&self) -> usize {
        self.emulator.control().operation_count("tokens_validate")
    }
}

/// What the application saw: every header (lower-case name → values) and the extensions.
async fn echo(req: Request<Body>) -> axum::Json<serde_json::Value> {
    let mut headers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, value) in req.headers() {
        headers
            .entry(name.as_str().to_owned())
            .or_default()
            .push(String::from_utf8_lossy(value.as_bytes()).into_owned());
    }
    let user = req
        .extensions()
        .get::<UserAuth>()
        .map(|u| u.0.user_id().to_owned());
    let service = req
        .extensions()
        .get::<ServiceAuth>()
        .map(|s| s.0.user_id().to_owned());
    axum::Json(serde_json::json!({ "headers": headers, "user": user, "service": service }))
}

pub fn app(layer: AuthTokenLayer) -> Router {
    Router::new()
        .route("/", get(echo))
        .route(
            "/own401",
            get(|| async { (StatusCode::UNAUTHORIZED, "no") }),
        )
        .layer(layer)
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap()
    }

    /// The values the application saw for a request header (none when it was not reached).
    pub fn seen(&self, name: &str) -> Vec<String> {
        self.json()["headers"][name]
            .as_array()
            .map(|a| a.iter().map(|v| v.as_str().unwrap().to_owned()).collect())
            .unwrap_or_default()
    }

    pub fn seen_one(&self, name: &str) -> Option<String> {
        let seen = self.seen(name);
        assert!(seen.len() <= 1, "{name} seen {} times", seen.len());
        seen.into_iter().next()
    }
}

pub async fn send(app: &Router, path: &str, headers: &[(&str, &str)]) -> Answer {
    let mut req = Request::builder().uri(path);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let response = app
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        body,
    }
}

pub const UNAUTHORIZED: &str = r#"{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}"#;
