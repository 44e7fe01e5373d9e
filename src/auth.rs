//! The token lifecycle of a [`crate::Client`]: its credentials, the token in use, single-flight
//! (re-)authentication, renewal before expiry, the answer to a 401, and the routes a token
//! gives (the admin and public APIs).
//!
//! The data path is configuration → [`crate::ClientBuilder`] → [`crate::Client`] → here →
//! [`crate::hooks`]. The hooks see this module only through [`crate::engine::TokenSource`], so
//! neither the client nor the session is known to them.

mod credentials;
mod mfa;

pub(crate) use credentials::{auth_body, Credentials};
pub(crate) use mfa::PasscodeCallback;
pub use mfa::PasscodePrompt;

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock, Weak};
use std::time::Duration;

use crate::access::AccessInfo;
use crate::cache::{CacheKey, TokenCache};
use crate::catalog::{EndpointFilter, Interface};
use crate::engine::{finish, Hooks, TokenSource};
use crate::generated::Client as Raw;
use crate::operations::{Api, Operation};
use crate::url::root_url;
use crate::{Error, Result, Secret};

pub(crate) struct Config {
    pub(crate) username: Option<String>,
    pub(crate) user_id: Option<String>,
    /// The password; an own-password change replaces it, so later re-authentications work.
    pub(crate) password: RwLock<Option<Secret>>,
    pub(crate) has_password: bool,
    pub(crate) token: Option<Secret>,
    /// Rackspace's API key (with `username`).
    pub(crate) api_key: Option<Secret>,
    /// HP Helion's access key and secret key.
    pub(crate) access_key: Option<String>,
    pub(crate) secret_key: Option<Secret>,
    /// Answers a multi-factor challenge (Rackspace) with a passcode.
    pub(crate) passcode: Option<PasscodeCallback>,
    pub(crate) tenant_id: Option<String>,
    pub(crate) tenant_name: Option<String>,
    pub(crate) trust_id: Option<String>,
    pub(crate) auth_url: Option<String>,
    pub(crate) region_name: Option<String>,
    pub(crate) endpoint: Option<String>,
    pub(crate) stale_duration: Duration,
    /// The catalog interface of [`crate::Client::endpoint_url`].
    pub(crate) interface: Interface,
    /// The token cache shared with other processes, if turned on.
    pub(crate) cache: Option<Arc<dyn TokenCache>>,
    /// Per service type, the URL used instead of the catalog's.
    pub(crate) endpoint_overrides: std::collections::HashMap<String, reqwest::Url>,
}

impl Config {
    fn can_authenticate(&self) -> bool {
        self.auth_url.is_some()
            && (self.has_password
                || self.token.is_some()
                || self.api_key.is_some()
                || self.secret_key.is_some())
    }
}

#[derive(Default)]
pub(crate) struct State {
    pub(crate) access: Option<AccessInfo>,
    /// The `X-Auth-Token` value of the token in use, ready to send.
    pub(crate) token_header: Option<reqwest::header::HeaderValue>,
    /// A token set with [`Client::set_auth_token`]: sent instead of the session's.
    pub(crate) token_override: Option<Secret>,
    /// Bumped at each new token.
    pub(crate) generation: u64,
    /// When the session's token is within `stale_duration` of its expiry, on the monotonic
    /// clock (worked out when the token is installed, so that the check on every call reads
    /// no clock of its own); `None` when that is beyond what the clock can count.
    pub(crate) renew_at: Option<std::time::Instant>,
    pub(crate) public: Option<Arc<Raw>>,
    pub(crate) admin: Option<Arc<Raw>>,
}

/// The token state a client and its clones share.
pub(crate) struct Session {
    pub(crate) config: Config,
    http: reqwest::Client,
    hooks: Hooks,
    /// The generated client on auth_url, for `POST /v2.0/tokens`.
    auth: Option<Arc<Raw>>,
    state: RwLock<State>,
    /// Single-flight re-authentication.
    reauth: tokio::sync::Mutex<()>,
}

impl Session {
    /// A session for `config`, with `hooks` taking their token from it.
    pub(crate) fn new(config: Config, http: reqwest::Client, hooks: Hooks) -> Arc<Session> {
        Arc::new_cyclic(|weak: &Weak<Session>| {
            let source: Weak<dyn TokenSource> = weak.clone();
            let hooks = hooks.for_session(source, config.can_authenticate());
            let auth = config
                .auth_url
                .as_deref()
                .map(|u| Arc::new(Raw::new_with_client(u, http.clone(), hooks.clone())));
            Session {
                config,
                http,
                hooks,
                auth,
                state: RwLock::new(State::default()),
                reauth: tokio::sync::Mutex::new(()),
            }
        })
    }

    /// Authenticates now (or again), unless a concurrent caller just did.
    pub(crate) async fn authenticate_now(&self) -> Result<AccessInfo> {
        let generation = self.read().generation;
        let _guard = self.reauth.lock().await;
        let raced = {
            let current = self.read();
            if current.generation != generation {
                current.access.clone()
            } else {
                None
            }
        };
        if let Some(a) = raced {
            return Ok(a);
        }
        // "Now (or again)": a cached token is used only if it is not the one held already.
        let held = self.read().access.as_ref().map(|a| a.auth_token().clone());
        let access = self.obtain(held.as_ref()).await?;
        self.install(access)
    }

    /// Sets (or with `None` clears) the token sent instead of the session's.
    pub(crate) fn set_token_override(&self, token: Option<Secret>) -> Result<()> {
        let header = token
            .as_ref()
            .map(crate::engine::token_header)
            .transpose()
            .map_err(|e| Error::Configuration(format!("auth_token: {e}")))?;
        let mut s = self.state.write().unwrap_or_else(|e| e.into_inner());
        s.token_header = match header {
            Some(h) => Some(h),
            None => s
                .access
                .as_ref()
                .map(|a| a.auth_token())
                .or(self.config.token.as_ref())
                .and_then(|t| crate::engine::token_header(t).ok()),
        };
        s.token_override = token;
        s.generation += 1;
        Ok(())
    }

    /// Forgets the current token: the next call authenticates again.
    pub(crate) fn invalidate(&self) {
        let mut s = self.state.write().unwrap_or_else(|e| e.into_inner());
        s.access = None;
        s.token_override = None;
        s.token_header = self
            .config
            .token
            .as_ref()
            .and_then(|t| crate::engine::token_header(t).ok());
        s.generation += 1;
    }

    /// The admin API's root URL in use, if any.
    pub(crate) fn admin_root(&self) -> Option<String> {
        self.read()
            .admin
            .as_ref()
            .map(|r| progenitor_client::ClientInfo::baseurl(&**r).to_owned())
    }

    /// The public API (auth_url), for the operations keystoneclient always sends there.
    pub(crate) fn public(&self, op: &Operation) -> Result<Arc<Raw>> {
        self.read().public.clone().ok_or_else(|| {
            Error::Configuration(format!("{} needs the public API: give an auth_url", op.id))
        })
    }

    /// After an own-password change: switches to the new token and, if the session
    /// authenticates with a password, to the new password.
    pub(crate) fn adopt(&self, access: AccessInfo, new_password: Secret) -> Result<AccessInfo> {
        if self.config.has_password {
            *self
                .config
                .password
                .write()
                .unwrap_or_else(|e| e.into_inner()) = Some(new_password);
        }
        self.install(access)
    }

    /// Whether the session authenticates with a password (and a username or user id).
    pub(crate) fn authenticates_with_password(&self) -> bool {
        let c = &self.config;
        c.has_password && c.auth_url.is_some() && (c.username.is_some() || c.user_id.is_some())
    }

    /// The user id of the current token.
    pub(crate) fn user_id(&self) -> Option<String> {
        self.read().access.as_ref().map(|a| a.user_id().to_owned())
    }

    /// The HTTP client every request of the session goes through.
    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// The session's request path settings and shared transport state.
    pub(crate) fn hooks(&self) -> &Hooks {
        &self.hooks
    }

    pub(crate) fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(|e| e.into_inner())
    }

    fn raw(&self, root: &str) -> Arc<Raw> {
        Arc::new(Raw::new_with_client(
            root,
            self.http.clone(),
            self.hooks.clone(),
        ))
    }

    /// Routes for a client without a token yet (or the admin-token bootstrap).
    pub(crate) fn install_static(&self) {
        let mut s = self.state.write().unwrap_or_else(|e| e.into_inner());
        s.public = self.auth.clone();
        s.admin = self.config.endpoint.as_deref().map(|e| self.raw(e));
        s.token_header = self
            .config
            .token
            .as_ref()
            .and_then(|t| crate::engine::token_header(t).ok());
    }

    /// keystoneclient's `process_token`: checks the token and derives the admin and public URLs.
    pub(crate) fn install(&self, access: AccessInfo) -> Result<AccessInfo> {
        if access.user_id().is_empty() {
            return Err(Error::AuthorizationFailure(
                "Token didn't provide user_id".into(),
            ));
        }
        if access.project_scoped() && access.tenant_id().is_none_or(str::is_empty) {
            return Err(Error::AuthorizationFailure(
                "Token didn't provide tenant_id".into(),
            ));
        }
        let access = match (&self.config.region_name, access.region_name()) {
            (Some(r), None) => access.with_region_name(Some(r.clone())),
            _ => access,
        };
        let catalog = access.service_catalog();
        let identity = |interface| {
            let mut f = EndpointFilter::new("identity").interface(interface);
            f.region = self.config.region_name.clone();
            catalog
                .url_for(&f)
                .ok()
                .and_then(|u| root_url(&u, "catalog URL").ok())
        };
        let admin = self.config.endpoint.clone().or_else(|| {
            if access.project_scoped() {
                identity(Interface::Admin)
            } else {
                None
            }
        });
        let public = self
            .config
            .auth_url
            .clone()
            .or_else(|| identity(Interface::Public));
        let mut s = self.state.write().unwrap_or_else(|e| e.into_inner());
        s.public = match (&self.auth, &public) {
            (Some(auth), Some(p)) if Some(p) == self.config.auth_url.as_ref() => Some(auth.clone()),
            (_, Some(p)) => Some(self.raw(p)),
            _ => None,
        };
        s.admin = admin.map(|a| self.raw(&a));
        s.token_header = Some(
            crate::engine::token_header(access.auth_token())
                .map_err(|e| Error::AuthorizationFailure(format!("the token received: {e}")))?,
        );
        s.token_override = None;
        let left = (access.expires() - chrono::Utc::now())
            .to_std()
            .unwrap_or(Duration::ZERO);
        s.renew_at =
            std::time::Instant::now().checked_add(left.saturating_sub(self.config.stale_duration));
        s.access = Some(access.clone());
        s.generation += 1;
        Ok(access)
    }

    /// The token requests carry now.
    pub(crate) fn current_token(&self) -> Option<Secret> {
        let s = self.read();
        s.token_override
            .clone()
            .or_else(|| s.access.as_ref().map(|a| a.auth_token().clone()))
            .or_else(|| self.config.token.clone())
    }

    pub(crate) fn needs_auth(&self, s: &State) -> bool {
        if s.token_override.is_some() {
            return false;
        }
        match &s.access {
            // As `a.will_expire_soon(stale_duration)`, against the time the call began.
            Some(_) => {
                self.config.can_authenticate()
                    && s.renew_at
                        .is_some_and(|at| crate::engine::call_started() >= at)
            }
            None => !(self.config.token.is_some() && self.config.endpoint.is_some()),
        }
    }

    /// Makes sure a usable token is there, authenticating (once for all concurrent callers)
    /// when there is none or it is about to expire.
    pub(crate) async fn ensure_token(&self) -> Result<()> {
        let (needed, generation) = {
            let s = self.read();
            (self.needs_auth(&s), s.generation)
        };
        if needed {
            // The call waits for a token: what remains of its deadline is read from the clock.
            crate::engine::note_wait();
            self.reauthenticate(generation, None).await?;
        }
        Ok(())
    }

    /// Authenticates unless another caller already did since `seen` (the generation observed,
    /// or the token that was refused).
    ///
    /// Bounded by what remains of the call's deadline: the wait for another caller's
    /// authentication is not bounded by any request of this call.
    async fn reauthenticate(
        &self,
        seen_generation: u64,
        refused: Option<&Secret>,
    ) -> Result<AccessInfo> {
        crate::engine::bounded(self.reauthenticate_now(seen_generation, refused)).await
    }

    async fn reauthenticate_now(
        &self,
        seen_generation: u64,
        refused: Option<&Secret>,
    ) -> Result<AccessInfo> {
        let _guard = self.reauth.lock().await;
        {
            let s = self.read();
            if let Some(a) = &s.access {
                let fresh = !a.will_expire_soon(self.config.stale_duration);
                let newer = match refused {
                    Some(token) => a.auth_token() != token,
                    None => s.generation != seen_generation,
                };
                if fresh && newer {
                    return Ok(a.clone());
                }
            }
        }
        let access = self.obtain(refused).await?;
        self.install(access)
    }

    /// The cache key of the configured identity: every input of `POST /v2.0/tokens`.
    fn cache_key(&self, cache: &dyn TokenCache) -> Result<CacheKey> {
        let c = &self.config;
        let password = c.password.read().unwrap_or_else(|e| e.into_inner()).clone();
        let fields = [
            ("auth_url", c.auth_url.clone()),
            ("username", c.username.clone()),
            ("user_id", c.user_id.clone()),
            ("password", password.map(|p| p.expose().to_owned())),
            ("token", c.token.as_ref().map(|t| t.expose().to_owned())),
            ("api_key", c.api_key.as_ref().map(|k| k.expose().to_owned())),
            ("access_key", c.access_key.clone()),
            (
                "secret_key",
                c.secret_key.as_ref().map(|k| k.expose().to_owned()),
            ),
            ("tenant_id", c.tenant_id.clone()),
            ("tenant_name", c.tenant_name.clone()),
            ("trust_id", c.trust_id.clone()),
        ];
        let identity: Vec<(&str, &str)> = fields
            .iter()
            .filter_map(|(k, v)| v.as_deref().map(|v| (*k, v)))
            .collect();
        cache.key(&identity)
    }

    /// The cache's token for `key` if it has more than `stale_duration` left and is not
    /// `refused` (an entry holding the refused token is deleted).
    fn cached(
        &self,
        cache: &dyn TokenCache,
        key: &CacheKey,
        refused: Option<&Secret>,
    ) -> Option<AccessInfo> {
        let access = match cache.load(key) {
            Ok(a) => a?,
            Err(e) => {
                tracing::warn!(target: "keystone_v2", error = %e, "token cache unreadable: authenticating");
                return None;
            }
        };
        if refused.is_some_and(|r| r == access.auth_token()) {
            if let Err(e) = cache.remove(key) {
                tracing::warn!(target: "keystone_v2", error = %e, "cannot delete a refused token from the cache");
            }
            return None;
        }
        if access.will_expire_soon(self.config.stale_duration) {
            return None;
        }
        tracing::debug!(target: "keystone_v2", "using a token from the token cache");
        Some(access)
    }

    /// A token: from the cache when it holds a usable one, else from `POST /v2.0/tokens`,
    /// stored in the cache under the entry's lock (so that concurrent processes with a cold
    /// cache authenticate once). Called with the single flight held.
    async fn obtain(&self, refused: Option<&Secret>) -> Result<AccessInfo> {
        let Some(cache) = self.config.cache.clone() else {
            return self.fetch_token().await;
        };
        let key = match self.cache_key(&*cache) {
            Ok(k) => k,
            Err(e) => {
                tracing::warn!(target: "keystone_v2", error = %e, "token cache unusable: authenticating");
                return self.fetch_token().await;
            }
        };
        if let Some(a) = self.cached(&*cache, &key, refused) {
            return Ok(a);
        }
        // The caller's deadline bounds this wait.
        let _lock = loop {
            match cache.try_lock(&key) {
                Ok(Some(lock)) => break Some(lock),
                Ok(None) => tokio::time::sleep(Duration::from_millis(20)).await,
                Err(e) => {
                    tracing::warn!(target: "keystone_v2", error = %e, "token cache lock unavailable: authenticating without it");
                    break None;
                }
            }
        };
        // Another process may have stored a token while we waited.
        if let Some(a) = self.cached(&*cache, &key, refused) {
            return Ok(a);
        }
        let access = self.fetch_token().await?;
        if let Err(e) = cache.store(&key, &access) {
            tracing::warn!(target: "keystone_v2", error = %e, "cannot store the token in the token cache");
        }
        Ok(access)
    }

    /// Deletes the configured identity's cache entry, if there is a cache.
    pub(crate) fn forget_cached(&self) -> Result<()> {
        match &self.config.cache {
            Some(cache) => cache.remove(&self.cache_key(&**cache)?),
            None => Ok(()),
        }
    }

    /// The token held (session token, not an override), if any.
    pub(crate) fn session_token(&self) -> Option<Secret> {
        self.read().access.as_ref().map(|a| a.auth_token().clone())
    }

    /// After a 401: a new token to replay the request with, if one can be had.
    async fn renew_after_unauthorized(&self, refused: &Secret) -> Option<Secret> {
        if !self.config.can_authenticate() {
            return None;
        }
        let generation = self.read().generation;
        let fut: std::pin::Pin<
            Box<dyn std::future::Future<Output = Result<AccessInfo>> + Send + '_>,
        > = Box::pin(self.reauthenticate(generation, Some(refused)));
        match fut.await {
            Ok(a) => Some(a.auth_token().clone()),
            Err(e) => {
                tracing::debug!(target: "keystone_v2", error = %e, "re-authentication after a 401 failed");
                None
            }
        }
    }

    /// `POST /v2.0/tokens` with the configured credentials.
    fn fetch_token(&self) -> Pin<Box<dyn Future<Output = Result<AccessInfo>> + Send + '_>> {
        Box::pin(async move {
            let c = &self.config;
            let auth = self.auth.clone().ok_or_else(|| {
                Error::AuthorizationFailure("Cannot authenticate without an auth_url".into())
            })?;
            let password = c.password.read().unwrap_or_else(|e| e.into_inner()).clone();
            let credentials = match (&c.api_key, &c.access_key, &c.secret_key, password) {
                (Some(api_key), _, _, _) => Credentials::ApiKey {
                    username: c.username.clone().unwrap_or_default(),
                    api_key: api_key.clone(),
                },
                (_, Some(access_key), Some(secret_key), _) => Credentials::AccessKey {
                    access_key: access_key.clone(),
                    secret_key: secret_key.clone(),
                },
                (_, _, _, Some(password)) if c.username.is_some() || c.user_id.is_some() => {
                    Credentials::Password {
                        username: c.username.clone(),
                        user_id: c.user_id.clone(),
                        password,
                    }
                }
                _ => match &c.token {
                    Some(token) => Credentials::Token(token.clone()),
                    None => {
                        return Err(Error::AuthorizationFailure(
                            "A username and password or token is required.".into(),
                        ))
                    }
                },
            };
            let body = auth_body(
                credentials,
                c.tenant_id.clone(),
                c.tenant_name.clone(),
                c.trust_id.clone(),
            )?;
            let mut answer = auth.tokens_authenticate(&body).await;
            // A multi-factor account's password step: a 401 naming a session, answered with
            // the passcode (never taken for a refused token: it carried none).
            let challenge = match &answer {
                Err(progenitor_client::Error::ErrorResponse(r)) if r.status().as_u16() == 401 => {
                    mfa::challenge(r.headers())
                }
                _ => None,
            };
            if let Some(challenge) = challenge {
                tracing::debug!(target: "keystone_v2", factor = %challenge.factor, "multi-factor authentication: asking for a passcode");
                let passcode =
                    mfa::passcode(c.passcode.as_ref(), c.username.clone(), &challenge).await?;
                let body = auth_body(Credentials::Passcode(passcode), None, None, None)?;
                answer = crate::engine::with_session_id(
                    &challenge.session_id,
                    auth.tokens_authenticate(&body),
                )
                .await
                .map_err(Error::AuthorizationFailure)?;
            }
            let access = finish("tokens_authenticate", answer).await?;
            AccessInfo::new(access.access)
        })
    }

    /// The generated client that serves `op`, as the spec's `x-keystone-api` says.
    pub(crate) fn route(&self, op: &Operation) -> Result<Arc<Raw>> {
        self.route_in(&self.read(), op)
    }

    pub(crate) fn route_in(&self, s: &State, op: &Operation) -> Result<Arc<Raw>> {
        let public_ok = op.apis.contains(&Api::Public);
        if op.apis.contains(&Api::Admin) {
            if let Some(admin) = &s.admin {
                return Ok(admin.clone());
            }
            if public_ok {
                if let Some(public) = &s.public {
                    return Ok(public.clone());
                }
            }
            // Explain why there is no admin endpoint.
            return Err(match &s.access {
                Some(a) if !a.project_scoped() => Error::EmptyCatalog(format!(
                    "{} needs the admin API and the token is unscoped: authenticate with a tenant_name or tenant_id, or give an endpoint",
                    op.id
                )),
                Some(a) => {
                    let mut f = EndpointFilter::new("identity").interface(Interface::Admin);
                    f.region = self.config.region_name.clone();
                    match a.service_catalog().url_for(&f) {
                        Err(e) => e,
                        Ok(url) => Error::Configuration(format!("the admin identity URL {url:?} is unusable")),
                    }
                }
                None => Error::Configuration(format!("{} needs the admin API: give an endpoint or authenticate", op.id)),
            });
        }
        s.public.clone().ok_or_else(|| {
            Error::Configuration(format!("{} needs the public API: give an auth_url", op.id))
        })
    }
}

impl TokenSource for Session {
    fn token_header(&self) -> Option<reqwest::header::HeaderValue> {
        self.read().token_header.clone()
    }

    fn after_unauthorized<'a>(
        &'a self,
        refused: &'a Secret,
    ) -> Pin<Box<dyn Future<Output = Option<Secret>> + Send + 'a>> {
        Box::pin(self.renew_after_unauthorized(refused))
    }
}
