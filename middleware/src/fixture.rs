//! A test kit for services behind the layer: [`V2Token`] builds v2.0 token bodies
//! (keystoneauth's `fixture.V2Token`), and [`AuthTokenFixture`] makes chosen tokens valid
//! with no Keystone at all (keystonemiddleware's `fixture.AuthTokenFixture`).
//!
//! ```
//! use std::sync::Arc;
//! use keystone_v2_middleware::fixture::{AuthTokenFixture, V2Token};
//! use keystone_v2_middleware::AuthTokenConfig;
//!
//! let fixture = Arc::new(AuthTokenFixture::new());
//! let token = fixture.add_token(
//!     V2Token::new()
//!         .user("u1", "alice")
//!         .set_scope("t1", "demo")
//!         .add_role("member")
//!         .add_service("compute", "nova")
//!         .add_endpoint("http://nova:8774/v2.1", "http://nova:8774/v2.1", "http://nova:8774/v2.1", "RegionOne"),
//! );
//! let layer = fixture.layer(AuthTokenConfig::new("http://keystone:5000/v2.0")).unwrap();
//! // requests with `X-Auth-Token: {token}` now reach the application as alice.
//! # let _ = (token, layer);
//! ```

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use keystone_v2::{types, AccessInfo};
use serde_json::{json, Value};

use crate::cache::{key, Key};
use crate::source::{BoxFuture, TokenSource, ValidationError};
use crate::{AuthTokenConfig, AuthTokenLayer, ConfigError};

/// A v2.0 token body (`{"access": {...}}`), built as keystoneauth's `fixture.V2Token` builds it.
///
/// Besides [`AuthTokenFixture`], the emulator of `keystone-v2` (feature `emulator`) accepts
/// its [`to_json`](Self::to_json) body: `emulator.control().add_token(token.to_json())`
/// makes the token valid there, validated by the layer through the emulator like any token
/// (until its expiry by the emulator's clock, or its revocation), with no user, tenant or
/// role created.
///
/// ```
/// use keystone_v2_middleware::fixture::V2Token;
/// let token = V2Token::new().user("u1", "alice").set_scope("t1", "demo").add_role("member");
/// let body = token.to_json();
/// assert_eq!(body["access"]["user"]["roles"][0]["name"], "member");
/// let info = token.access_info();
/// assert_eq!(info.project_name(), Some("demo"));
/// ```
#[derive(Clone, Debug)]
pub struct V2Token {
    id: String,
    expires: DateTime<Utc>,
    issued_at: DateTime<Utc>,
    user_id: String,
    user_name: String,
    tenant: Option<(String, String)>,
    roles: Vec<(Option<String>, String)>,
    catalog: Vec<Value>,
}

impl Default for V2Token {
    fn default() -> Self {
        Self::new()
    }
}

fn unique_hex() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let seed = format!(
        "{}-{}-{n}",
        std::process::id(),
        Utc::now().timestamp_nanos_opt().unwrap_or_default()
    );
    key(&seed)[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl V2Token {
    /// A token of a fresh id, valid for an hour, of user `user_id` / `user_name`, unscoped,
    /// without roles or catalog.
    ///
    /// ```
    /// let token = keystone_v2_middleware::fixture::V2Token::new();
    /// assert_eq!(token.token_id().len(), 32);
    /// ```
    pub fn new() -> Self {
        let now = Utc::now();
        Self {
            id: unique_hex(),
            expires: now + Duration::hours(1),
            issued_at: now,
            user_id: unique_hex(),
            user_name: "user".to_owned(),
            tenant: None,
            roles: Vec::new(),
            catalog: Vec::new(),
        }
    }

    /// The token's id (what clients send as `X-Auth-Token`).
    ///
    /// ```
    /// # let token = keystone_v2_middleware::fixture::V2Token::new();
    /// let id: &str = token.token_id();
    /// ```
    pub fn token_id(&self) -> &str {
        &self.id
    }

    /// Sets the token's id.
    ///
    /// ```
    /// let token = keystone_v2_middleware::fixture::V2Token::new().with_token_id("abc");
    /// assert_eq!(token.token_id(), "abc");
    /// ```
    pub fn with_token_id(mut self, id: impl Into<String>) -> Self {
        self.id = id.into();
        self
    }

    /// Sets when the token expires (in the past for an expired token).
    ///
    /// ```
    /// let expired = keystone_v2_middleware::fixture::V2Token::new()
    ///     .expires(chrono::Utc::now() - chrono::Duration::minutes(1));
    /// ```
    pub fn expires(mut self, at: DateTime<Utc>) -> Self {
        self.expires = at;
        self
    }

    /// Sets the user.
    ///
    /// ```
    /// let token = keystone_v2_middleware::fixture::V2Token::new().user("u1", "alice");
    /// ```
    pub fn user(mut self, id: impl Into<String>, name: impl Into<String>) -> Self {
        self.user_id = id.into();
        self.user_name = name.into();
        self
    }

    /// Scopes the token to a tenant (keystoneauth's `set_scope`).
    ///
    /// ```
    /// let token = keystone_v2_middleware::fixture::V2Token::new().set_scope("t1", "demo");
    /// ```
    pub fn set_scope(
        mut self,
        tenant_id: impl Into<String>,
        tenant_name: impl Into<String>,
    ) -> Self {
        self.tenant = Some((tenant_id.into(), tenant_name.into()));
        self
    }

    /// Adds a role by name.
    ///
    /// ```
    /// let token = keystone_v2_middleware::fixture::V2Token::new().add_role("admin");
    /// ```
    pub fn add_role(mut self, name: impl Into<String>) -> Self {
        self.roles.push((None, name.into()));
        self
    }

    /// Adds a role by id and name.
    ///
    /// ```
    /// let token = keystone_v2_middleware::fixture::V2Token::new().add_role_with_id("r1", "admin");
    /// ```
    pub fn add_role_with_id(mut self, id: impl Into<String>, name: impl Into<String>) -> Self {
        self.roles.push((Some(id.into()), name.into()));
        self
    }

    /// Adds a service to the catalog; [`Self::add_endpoint`] adds endpoints to it.
    ///
    /// ```
    /// let token = keystone_v2_middleware::fixture::V2Token::new().add_service("image", "glance");
    /// ```
    pub fn add_service(mut self, service_type: impl Into<String>, name: impl Into<String>) -> Self {
        self.catalog.push(json!({
            "type": service_type.into(),
            "name": name.into(),
            "endpoints": [],
            "endpoints_links": [],
        }));
        self
    }

    /// Adds an endpoint to the service added last (none added: an `identity` service named
    /// `keystone` is added first).
    ///
    /// ```
    /// let token = keystone_v2_middleware::fixture::V2Token::new()
    ///     .add_service("image", "glance")
    ///     .add_endpoint("http://g:9292", "http://g:9292", "http://g:9292", "RegionOne");
    /// ```
    pub fn add_endpoint(
        mut self,
        public: impl Into<String>,
        internal: impl Into<String>,
        admin: impl Into<String>,
        region: impl Into<String>,
    ) -> Self {
        if self.catalog.is_empty() {
            self = self.add_service("identity", "keystone");
        }
        let endpoint = json!({
            "publicURL": public.into(),
            "internalURL": internal.into(),
            "adminURL": admin.into(),
            "region": region.into(),
            "id": unique_hex(),
        });
        if let Some(Value::Array(endpoints)) =
            self.catalog.last_mut().and_then(|s| s.get_mut("endpoints"))
        {
            endpoints.push(endpoint);
        }
        self
    }

    /// The body Keystone would answer to `GET /v2.0/tokens/{id}` (what the emulator's
    /// `Control::add_token` takes).
    ///
    /// ```
    /// let body = keystone_v2_middleware::fixture::V2Token::new().to_json();
    /// assert!(body["access"]["token"]["expires"].is_string());
    /// ```
    pub fn to_json(&self) -> Value {
        let roles: Vec<Value> = self
            .roles
            .iter()
            .map(|(id, name)| match id {
                Some(id) => json!({ "id": id, "name": name }),
                None => json!({ "name": name }),
            })
            .collect();
        let mut token = json!({
            "id": self.id,
            "expires": time(self.expires),
            "issued_at": time(self.issued_at),
            "audit_ids": [unique_hex()],
        });
        let mut metadata_roles = Vec::new();
        if let Some((id, name)) = &self.tenant {
            token["tenant"] =
                json!({ "id": id, "name": name, "enabled": true, "description": null });
            metadata_roles = self.roles.iter().filter_map(|(id, _)| id.clone()).collect();
        }
        json!({ "access": {
            "token": token,
            "serviceCatalog": self.catalog,
            "user": {
                "id": self.user_id,
                "name": self.user_name,
                "username": self.user_name,
                "roles": roles,
                "roles_links": [],
            },
            "metadata": { "is_admin": 0, "roles": metadata_roles },
        }})
    }

    /// The token as the layer sees a validated one.
    ///
    /// # Panics
    /// Never for a token of this builder (its body always has the fields the SDK requires).
    ///
    /// ```
    /// let info = keystone_v2_middleware::fixture::V2Token::new().user("u1", "alice").access_info();
    /// assert_eq!(info.user_id(), "u1");
    /// ```
    pub fn access_info(&self) -> AccessInfo {
        let access: types::Access = serde_json::from_value(self.to_json()["access"].clone())
            .expect("a V2Token body is a v2.0 access object");
        AccessInfo::new(access).expect("a V2Token has a valid expiry")
    }
}

/// Makes chosen tokens valid, without Keystone: a [`TokenSource`] for the layer in a
/// service's tests. Tokens not added are invalid (401).
#[derive(Debug, Default)]
pub struct AuthTokenFixture {
    tokens: Mutex<HashMap<Key, AccessInfo>>,
    validations: AtomicUsize,
}

impl AuthTokenFixture {
    /// An empty fixture: every token is invalid.
    ///
    /// ```
    /// let fixture = keystone_v2_middleware::fixture::AuthTokenFixture::new();
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Makes `token` valid; returns its id.
    ///
    /// ```
    /// use keystone_v2_middleware::fixture::{AuthTokenFixture, V2Token};
    /// let fixture = AuthTokenFixture::new();
    /// let id = fixture.add_token(V2Token::new().add_role("admin"));
    /// ```
    pub fn add_token(&self, token: V2Token) -> String {
        let info = token.access_info();
        self.tokens
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key(token.token_id()), info);
        token.id
    }

    /// keystonemiddleware's `add_token_data`: a token of `user_id` / `user_name`, scoped to
    /// `tenant_id` / `tenant_name`, with `roles`; returns its id.
    ///
    /// ```
    /// let fixture = keystone_v2_middleware::fixture::AuthTokenFixture::new();
    /// let id = fixture.add_token_data("u1", "alice", "t1", "demo", &["member"]);
    /// ```
    pub fn add_token_data(
        &self,
        user_id: &str,
        user_name: &str,
        tenant_id: &str,
        tenant_name: &str,
        roles: &[&str],
    ) -> String {
        let token = roles.iter().fold(
            V2Token::new()
                .user(user_id, user_name)
                .set_scope(tenant_id, tenant_name),
            |t, r| t.add_role(*r),
        );
        self.add_token(token)
    }

    /// Makes a token invalid again (a revocation).
    ///
    /// ```
    /// # let fixture = keystone_v2_middleware::fixture::AuthTokenFixture::new();
    /// fixture.remove_token("abc");
    /// ```
    pub fn remove_token(&self, token_id: &str) {
        self.tokens
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&key(token_id));
    }

    /// How many validations the layer asked of the fixture (cache misses).
    ///
    /// ```
    /// # let fixture = keystone_v2_middleware::fixture::AuthTokenFixture::new();
    /// assert_eq!(fixture.validations(), 0);
    /// ```
    pub fn validations(&self) -> usize {
        self.validations.load(Ordering::Relaxed)
    }

    /// A layer validating with this fixture.
    ///
    /// # Errors
    /// [`ConfigError`] for options that cannot work.
    ///
    /// ```
    /// # use std::sync::Arc;
    /// let fixture = Arc::new(keystone_v2_middleware::fixture::AuthTokenFixture::new());
    /// let layer = fixture.layer(keystone_v2_middleware::AuthTokenConfig::new("http://k:5000")).unwrap();
    /// ```
    pub fn layer(self: &Arc<Self>, config: AuthTokenConfig) -> Result<AuthTokenLayer, ConfigError> {
        AuthTokenLayer::with_source(self.clone(), config)
    }
}

impl TokenSource for AuthTokenFixture {
    fn validate<'a>(
        &'a self,
        token: &'a str,
    ) -> BoxFuture<'a, Result<AccessInfo, ValidationError>> {
        self.validations.fetch_add(1, Ordering::Relaxed);
        let found = self
            .tokens
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key(token))
            .cloned();
        Box::pin(async move { found.ok_or(ValidationError::Invalid) })
    }
}
