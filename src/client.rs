//! [`Client`]: keystoneclient's `v2_0.Client`. It holds a session (the token lifecycle, in
//! `auth.rs`) and hands each call to the generated client of the API that serves it.

use std::sync::Arc;
use std::time::Duration;

use crate::access::AccessInfo;
use crate::auth::Session;
use crate::catalog::ServiceCatalog;
use crate::generated::Client as Raw;
use crate::operations::Operation;
use crate::{Error, Result, Secret};

/// The managers turn a generated call's outcome into this crate's result with it.
pub(crate) use crate::engine::finish;

/// A Keystone v2.0 client: keystoneclient's `v2_0.Client`, async.
///
/// Clones share one connection pool and one token. Authentication happens on the first call
/// that needs it (or with [`Client::authenticate`]); the token is renewed before it expires and
/// once after a 401, with concurrent callers sharing one re-authentication.
///
/// ```no_run
/// # async fn run() -> keystone_v2::Result<()> {
/// let client = keystone_v2::Client::builder()
///     .auth_url("http://127.0.0.1:5000/v2.0")
///     .username("admin").password("secret").tenant_name("admin")
///     .build()?;
/// for tenant in client.tenants().list(Default::default()).await? {
///     println!("{} {}", tenant.id, tenant.name);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) shared: Arc<Session>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.shared.read();
        f.debug_struct("Client")
            .field(
                "auth_url",
                &self
                    .shared
                    .config
                    .auth_url
                    .as_deref()
                    .map(crate::redact::url),
            )
            .field(
                "endpoint",
                &self
                    .shared
                    .config
                    .endpoint
                    .as_deref()
                    .map(crate::redact::url),
            )
            .field("username", &self.shared.config.username)
            .field("authenticated", &s.access.is_some())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Authenticates now (or again) and returns the new token's data.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let access = client.authenticate().await?;
    /// println!("token for {:?} expires at {}", access.username(), access.expires());
    /// # Ok(()) }
    /// ```
    pub async fn authenticate(&self) -> Result<AccessInfo> {
        crate::engine::within(
            self.timeout(),
            "authenticate",
            self.shared.authenticate_now(),
        )
        .await
    }

    /// The current token's data (authenticating first if needed), to save as an `auth_ref`.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let saved = serde_json::to_string(&client.access_info().await?).unwrap();
    /// # Ok(()) }
    /// ```
    pub async fn access_info(&self) -> Result<AccessInfo> {
        crate::engine::within(self.timeout(), "authenticate", self.shared.ensure_token()).await?;
        let s = self.shared.read();
        s.access.clone().ok_or_else(|| {
            Error::AuthorizationFailure("no token data: the client uses a static token".into())
        })
    }

    /// The token requests carry (authenticating first if needed).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let token = client.auth_token().await?;
    /// # Ok(()) }
    /// ```
    pub async fn auth_token(&self) -> Result<Secret> {
        crate::engine::within(self.timeout(), "authenticate", self.shared.ensure_token()).await?;
        self.shared.current_token().ok_or_else(|| {
            Error::AuthorizationFailure("No valid authentication is available".into())
        })
    }

    /// The service catalog of the current token (authenticating first if needed).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let nova = client.service_catalog().await?.url_for(&keystone_v2::EndpointFilter::new("compute"))?;
    /// # Ok(()) }
    /// ```
    pub async fn service_catalog(&self) -> Result<ServiceCatalog> {
        Ok(self.access_info().await?.service_catalog().clone())
    }

    /// The URL of `service_type` in the current token's catalog, for the configured
    /// interface ([`crate::ClientBuilder::interface`], public by default) and region.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let nova = client.endpoint_url("compute").await?;
    /// # Ok(()) }
    /// ```
    pub async fn endpoint_url(&self, service_type: &str) -> Result<String> {
        let mut filter = crate::catalog::EndpointFilter::new(service_type)
            .interface(self.shared.config.interface);
        filter.region = self.shared.config.region_name.clone();
        self.service_catalog().await?.url_for(&filter)
    }

    /// Ends the session: revokes the current token on the server
    /// (`DELETE /v2.0/tokens/{id}`, an admin operation), deletes its token cache entry, and
    /// forgets it, so the next call authenticates again. The entry is deleted and the token
    /// forgotten even when the revocation fails; its error is then returned.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.logout().await?;
    /// # Ok(()) }
    /// ```
    pub async fn logout(&self) -> Result<()> {
        let revoked = match self.shared.session_token() {
            Some(token) => self.tokens().delete(token.expose()).await,
            None => Ok(()),
        };
        let forgotten = self.shared.forget_cached();
        self.shared.invalidate();
        revoked.and(forgotten)
    }

    /// The admin API's URL in use (keystoneclient's `management_url`), if any.
    ///
    /// ```no_run
    /// # fn f(client: keystone_v2::Client) { println!("{:?}", client.management_url()); }
    /// ```
    pub fn management_url(&self) -> Option<String> {
        self.shared.admin_root().map(|r| format!("{r}/v2.0"))
    }

    /// Sets the token every call sends from now on, instead of the session's (keystoneclient's
    /// `client.auth_token = ...`), or with `None` goes back to the session's token
    /// (`del client.auth_token`). While it is set, the client does not authenticate by itself;
    /// a 401 with it still re-authenticates once when the client has credentials, and the new
    /// session token then replaces it.
    ///
    /// # Errors
    /// [`Error::Configuration`] when the token is not a valid HTTP header value (nothing is
    /// changed then).
    ///
    /// ```no_run
    /// # fn f(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.set_auth_token(Some("0123456789abcdef".into()))?;
    /// client.set_auth_token(None)?;
    /// # Ok(()) }
    /// ```
    pub fn set_auth_token(&self, token: Option<Secret>) -> Result<()> {
        self.shared.set_token_override(token)
    }

    /// The timing of every request sent so far by this client and its clones, oldest first
    /// (method, redacted URL, status, time to the response's head), when
    /// [`crate::ClientBuilder::collect_timing`] is on; else empty.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// for t in client.timings() {
    ///     println!("{} {} {:?} {:?}", t.method, t.url, t.status, t.elapsed);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn timings(&self) -> Vec<crate::RequestTiming> {
        self.shared.hooks().timings()
    }

    /// Forgets the timings kept so far (keystoneauth's `reset_timings`).
    ///
    /// ```no_run
    /// # fn f(client: keystone_v2::Client) { client.reset_timings(); assert!(client.timings().is_empty()); }
    /// ```
    pub fn reset_timings(&self) {
        self.shared.hooks().reset_timings();
    }

    /// The client's timeout, which bounds each call.
    pub(crate) fn timeout(&self) -> Duration {
        self.shared.hooks().settings().timeout
    }

    /// Forgets the current token: the next call authenticates again.
    ///
    /// ```no_run
    /// # fn f(client: keystone_v2::Client) { client.invalidate(); }
    /// ```
    pub fn invalidate(&self) {
        self.shared.invalidate();
    }

    /// The generated client the operation `operation_id` would use, authenticated and routed:
    /// the escape hatch to every operation of the spec.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let raw = client.raw("role_refs_list").await?;
    /// let refs = raw.role_refs_list("3a9a06e4").await;
    /// # Ok(()) }
    /// ```
    pub async fn raw(&self, operation_id: &str) -> Result<Arc<Raw>> {
        let op = crate::operations::find(operation_id).ok_or_else(|| {
            Error::InvalidRequest(format!("no operation {operation_id:?} in the spec"))
        })?;
        // Authentication is bounded by the timeout; the raw call is then a call of its own.
        crate::engine::within(self.timeout(), op.id, self.prepare(op)).await
    }

    /// Authenticates if the operation needs it and picks its API.
    pub(crate) async fn prepare(&self, op: &Operation) -> Result<Arc<Raw>> {
        if op.authenticated {
            // The common case in one read: a usable token, then the route.
            {
                let s = self.shared.read();
                if !self.shared.needs_auth(&s) {
                    return self.shared.route_in(&s, op);
                }
            }
            // Boxed: authentication's state stays out of every call's future.
            Box::pin(self.shared.ensure_token()).await?;
        }
        self.shared.route(op)
    }

    /// The public API (auth_url), for the operations keystoneclient always sends there.
    pub(crate) fn public(&self, op: &Operation) -> Result<Arc<Raw>> {
        self.shared.public(op)
    }

    /// After an own-password change: switches to the new token and, if the client
    /// authenticates with a password, to the new password.
    pub(crate) fn adopt(&self, access: AccessInfo, new_password: Secret) -> Result<AccessInfo> {
        self.shared.adopt(access, new_password)
    }

    /// Whether the client authenticates with a password (and a username or user id).
    pub(crate) fn authenticates_with_password(&self) -> bool {
        self.shared.authenticates_with_password()
    }

    /// The user id of the current token.
    pub(crate) fn user_id(&self) -> Option<String> {
        self.shared.user_id()
    }
}
