//! The test control of a running emulator: its clock, token lifetime, tokens added from their
//! bodies, injected faults (see [`super::faults`]), catalog shaping, request counters, and the
//! Rackspace side of users (API keys, multi-factor authentication, access keys, regions).

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::faults::{Fault, Match};
use super::shared::{lock, Shared};
use super::state::{new_id, AddTokenError, AddedToken, Endpoint, Interface, Service};
use crate::operations;

/// A [`Control`] call named a user the emulator does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the emulator has no user named {0:?}")]
pub struct UnknownUser(pub String);

/// A cheap, cloneable handle that controls a running [`Emulator`](super::Emulator).
#[derive(Clone)]
pub struct Control {
    pub(crate) shared: Arc<Shared>,
}

impl std::fmt::Debug for Control {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Control").finish_non_exhaustive()
    }
}

impl Control {
    /// The emulator's current time (the real time, plus every [`Control::advance`]).
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// println!("{}", emulator.control().now());
    /// # Ok(()) }
    /// ```
    pub fn now(&self) -> DateTime<Utc> {
        self.shared.clock.now()
    }

    /// Moves the emulator's clock forward: tokens whose expiry passes are then refused (404 on
    /// validation, 401 as `X-Auth-Token`).
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// emulator.control().advance(std::time::Duration::from_secs(3601));
    /// # Ok(()) }
    /// ```
    pub fn advance(&self, by: Duration) {
        self.shared.clock.advance(by);
    }

    /// The lifetime of tokens issued from now on.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// emulator.control().set_token_lifetime(std::time::Duration::from_secs(5));
    /// # Ok(()) }
    /// ```
    pub fn set_token_lifetime(&self, lifetime: Duration) {
        lock(&self.shared.state).token_lifetime = lifetime;
    }

    /// Makes a token built outside the emulator valid, without creating its user, tenant or
    /// roles: `body` is a whole v2.0 token answer, `{"access": {"token": {"id", "expires", ...},
    /// "user": {...}, "serviceCatalog": [...], ...}}` (what `GET /v2.0/tokens/{id}` answers,
    /// such as the middleware test kit's `V2Token::to_json()`). Returns the token id.
    ///
    /// From then on, `GET` and `HEAD /v2.0/tokens/{id}` answer `body` as given (`belongsTo`
    /// compares with `access.token.tenant.id`), `GET /v2.0/tokens/{id}/endpoints` lists the
    /// endpoints of its `serviceCatalog`, and `DELETE /v2.0/tokens/{id}` revokes it (it is then
    /// in the revocation list until its expiry). After `access.token.expires` by the
    /// emulator's clock (see [`Control::advance`]), or once revoked, validation answers 404
    /// like for an unknown token; an expiry already past is accepted (the token is then
    /// refused at once). Adding a token id again replaces the earlier body, valid again.
    ///
    /// Such a token is not accepted as the `X-Auth-Token` of other requests (401): its user
    /// and roles are not the emulator's, so nothing would say what it may do.
    ///
    /// # Errors
    ///
    /// [`AddTokenError`] when `body` has no `access` object, no non-empty `access.token.id`,
    /// no `access.token.expires` that is a time, is not a token answer the SDK decodes (no
    /// `access.user.id`, a field of the wrong type), or when its id is that of a token the
    /// emulator issued.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// let id = emulator.control().add_token(serde_json::json!({"access": {
    ///     "token": {"id": "my-token", "expires": "2099-01-01T00:00:00Z",
    ///               "tenant": {"id": "t1", "name": "demo"}},
    ///     "user": {"id": "u1", "name": "alice", "roles": [{"name": "member"}]},
    ///     "serviceCatalog": [],
    /// }}))?;
    /// assert_eq!(id, "my-token");
    /// # Ok(()) }
    /// ```
    pub fn add_token(&self, body: Value) -> Result<String, AddTokenError> {
        let (id, token) = AddedToken::from_body(body)?;
        let now = self.now();
        lock(&self.shared.state).add_token(id.clone(), token, now)?;
        Ok(id)
    }

    /// Applies `fault` to the next `times` requests matching `on` (faults are consumed in the
    /// order they were injected). Matching requests are counted all the same.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// use keystone_v2::emulator::{Emulator, Fault, Match};
    /// let emulator = Emulator::start().await?;
    /// emulator.control().inject(Fault::status(503).retry_after(1), Match::new("GET", "/v2.0/tenants"), 2);
    /// # Ok(()) }
    /// ```
    pub fn inject(&self, fault: Fault, on: Match, times: usize) {
        lock(&self.shared.monitor).arm(fault, on, times);
    }

    /// How many injected fault occurrences are still to come.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// assert_eq!(emulator.control().pending_faults(), 0);
    /// # Ok(()) }
    /// ```
    pub fn pending_faults(&self) -> usize {
        lock(&self.shared.monitor).pending()
    }

    /// Disarms every injected fault.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// emulator.control().clear_faults();
    /// # Ok(()) }
    /// ```
    pub fn clear_faults(&self) {
        lock(&self.shared.monitor).clear_faults();
    }

    /// How many requests with `method` (`*` for any) and a path under `path_prefix` were
    /// received since the start or the last [`Control::reset_counts`] (faulted ones included).
    ///
    /// Requests are counted per method and path template of the spec, not per concrete path
    /// (so that the emulator's memory stays bounded however many ids it sees), and
    /// `path_prefix` is compared with those templates segment by segment. A concrete id stands
    /// for any id: `"/v2.0/tenants/abc"` counts the requests to every tenant's path, like
    /// `"/v2.0/tenants/{tenant_id}"`. `"/v2.0/tenants"` also counts the paths below it
    /// (`/v2.0/tenants/{tenant_id}`, ...). Requests to a path of no operation count only under
    /// `""` or `"/"`, and a non-standard method only under `*`. Requests to the compute
    /// service ([`crate::emulator::EmulatorConfig::compute_service`]) count together under
    /// `"/compute"`, whatever their path, and those to the services of Rackspace mode's
    /// catalog under `"/rax"`. For one operation, see
    /// [`Control::operation_count`].
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// let logins = emulator.control().request_count("POST", "/v2.0/tokens");
    /// let tenant_calls = emulator.control().request_count("*", "/v2.0/tenants/{tenant_id}");
    /// # let _ = (logins, tenant_calls); Ok(()) }
    /// ```
    pub fn request_count(&self, method: &str, path_prefix: &str) -> usize {
        lock(&self.shared.monitor).count_under(method, path_prefix)
    }

    /// How many requests of the spec's operation `operation_id` (its method and path
    /// template, such as `DELETE /v2.0/tenants/{tenant_id}` for `tenants_delete`) were
    /// received since the start or the last [`Control::reset_counts`], on either API,
    /// faulted ones included.
    ///
    /// # Panics
    ///
    /// When the spec has no operation `operation_id` (a misspelt id would otherwise count 0).
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// assert_eq!(emulator.control().operation_count("tenants_delete"), 0);
    /// # Ok(()) }
    /// ```
    pub fn operation_count(&self, operation_id: &str) -> usize {
        let op = operations::find(operation_id)
            .unwrap_or_else(|| panic!("the spec has no operation {operation_id:?}"));
        lock(&self.shared.monitor).count_of(op.method, op.path)
    }

    /// Sets every request counter back to zero.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// emulator.control().reset_counts();
    /// # Ok(()) }
    /// ```
    pub fn reset_counts(&self) {
        lock(&self.shared.monitor).reset_counts();
    }

    /// Adds an endpoint to the catalog of every scoped token: a service of `service_type`
    /// named `name` (created unless one with that type and name exists) with URLs in `region`.
    /// Unlike endpoints created through the API - which Keystone merges per service type and
    /// region - each endpoint added here stays a separate catalog entry, so tests can build
    /// duplicate endpoints or services split across regions. URLs may use `$(tenant_id)s`.
    /// Returns the endpoint's id (as `GET /v2.0/endpoints` lists it).
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// let control = emulator.control();
    /// control.add_catalog_endpoint("compute", "nova", "RegionOne",
    ///     "http://nova.one/v2/$(tenant_id)s", Some("http://nova.internal/v2"), None);
    /// control.add_catalog_endpoint("compute", "nova", "RegionTwo",
    ///     "http://nova.two/v2/$(tenant_id)s", None, None);
    /// # Ok(()) }
    /// ```
    pub fn add_catalog_endpoint(
        &self,
        service_type: &str,
        name: &str,
        region: &str,
        public: &str,
        internal: Option<&str>,
        admin: Option<&str>,
    ) -> String {
        let mut state = lock(&self.shared.state);
        let service_id = match state
            .services
            .iter()
            .find(|s| s.type_ == service_type && s.name() == name)
        {
            Some(s) => s.id.clone(),
            None => {
                let mut extra = Map::new();
                extra.insert("name".into(), json!(name));
                let service = Service {
                    id: new_id(),
                    type_: service_type.to_owned(),
                    enabled: true,
                    extra,
                };
                let id = service.id.clone();
                state.services.push(service);
                id
            }
        };
        let legacy_id = new_id();
        let urls = [
            (Interface::Public, Some(public)),
            (Interface::Internal, internal),
            (Interface::Admin, admin),
        ];
        for (interface, url) in urls {
            let Some(url) = url.filter(|u| !u.is_empty()) else {
                continue;
            };
            state.endpoints.push(Endpoint {
                id: new_id(),
                legacy_id: Some(legacy_id.clone()),
                service_id: service_id.clone(),
                region: Some(region.to_owned()),
                interface,
                url: url.to_owned(),
                enabled: true,
                extra: Map::new(),
                distinct: true,
            });
        }
        legacy_id
    }

    /// Runs `f` on the state's Rackspace accounts with the id of user `username`.
    fn with_user<T>(
        &self,
        username: &str,
        f: impl FnOnce(&mut super::rackspace::Accounts, &str) -> T,
    ) -> Result<T, UnknownUser> {
        let mut state = lock(&self.shared.state);
        let user_id = state
            .user_by_name(username)
            .map_err(|_| UnknownUser(username.to_owned()))?
            .id
            .clone();
        Ok(f(&mut state.rackspace, &user_id))
    }

    /// The API key of user `username` for `RAX-KSKEY:apiKeyCredentials` logins in Rackspace
    /// mode: the one set with [`Control::set_api_key`], or one generated (32 hex digits) the
    /// first time it is asked for. The demo user's is generated when the emulator starts.
    ///
    /// # Errors
    ///
    /// [`UnknownUser`] when there is no such user.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// use keystone_v2::emulator::{Dialect, Emulator, EmulatorConfig, RACKSPACE_USERNAME};
    /// let emulator =
    ///     Emulator::start_with(EmulatorConfig::default().dialect(Dialect::Rackspace)).await?;
    /// let key = emulator.control().api_key(RACKSPACE_USERNAME)?;
    /// # let _ = key; Ok(()) }
    /// ```
    pub fn api_key(&self, username: &str) -> Result<String, UnknownUser> {
        self.with_user(username, |accounts, id| accounts.api_key(id))
    }

    /// Sets the API key of user `username` (Rackspace mode's `RAX-KSKEY:apiKeyCredentials`).
    ///
    /// # Errors
    ///
    /// [`UnknownUser`] when there is no such user.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// emulator.control().set_api_key("demoauthor", "aaaaa-bbbbb-ccccc-12345678")?;
    /// # Ok(()) }
    /// ```
    pub fn set_api_key(&self, username: &str, key: &str) -> Result<(), UnknownUser> {
        self.with_user(username, |accounts, id| accounts.set_api_key(id, key))
    }

    /// Turns multi-factor authentication on for user `username` in Rackspace mode, with a
    /// fixed `passcode` (the emulator sends no SMS): a password login then answers 401 with
    /// `WWW-Authenticate: OS-MF sessionId='<id>', factor='PASSCODE'`, and
    /// `RAX-AUTH:passcodeCredentials` with this passcode and `X-SessionId: <id>` completes
    /// it. API key and access key logins are not affected, as with the vendor.
    ///
    /// # Errors
    ///
    /// [`UnknownUser`] when there is no such user.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// emulator.control().enable_mfa("demoauthor", "123456")?;
    /// # Ok(()) }
    /// ```
    pub fn enable_mfa(&self, username: &str, passcode: &str) -> Result<(), UnknownUser> {
        self.with_user(username, |accounts, id| accounts.enable_mfa(id, passcode))
    }

    /// Turns multi-factor authentication off for user `username`, closing its open sessions.
    ///
    /// # Errors
    ///
    /// [`UnknownUser`] when there is no such user.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// emulator.control().disable_mfa("demoauthor")?;
    /// # Ok(()) }
    /// ```
    pub fn disable_mfa(&self, username: &str) -> Result<(), UnknownUser> {
        self.with_user(username, |accounts, id| accounts.disable_mfa(id))
    }

    /// How many multi-factor sessions are open (answered by a first step, not completed, not
    /// yet dropped). They last 10 minutes of the emulator's clock, and at most 1,000 are kept.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// # let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// assert_eq!(emulator.control().mfa_sessions(), 0);
    /// # Ok(()) }
    /// ```
    pub fn mfa_sessions(&self) -> usize {
        lock(&self.shared.state).rackspace.open_sessions()
    }

    /// Gives user `username` an HP-style access key pair (`apiAccessKeyCredentials` with
    /// `accessKey` and `secretKey`, accepted in Rackspace mode), in place of any it had.
    ///
    /// # Errors
    ///
    /// [`UnknownUser`] when there is no such user.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// emulator.control().set_access_key("demoauthor", "AK7JX2", "s3cr3t")?;
    /// # Ok(()) }
    /// ```
    pub fn set_access_key(
        &self,
        username: &str,
        access_key: &str,
        secret_key: &str,
    ) -> Result<(), UnknownUser> {
        self.with_user(username, |accounts, id| {
            accounts.set_access_key(id, access_key, secret_key)
        })
    }

    /// Sets the `RAX-AUTH:defaultRegion` of user `username` (`DFW` unless set).
    ///
    /// # Errors
    ///
    /// [`UnknownUser`] when there is no such user.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// # let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// emulator.control().set_default_region("demoauthor", "IAD")?;
    /// # Ok(()) }
    /// ```
    pub fn set_default_region(&self, username: &str, region: &str) -> Result<(), UnknownUser> {
        self.with_user(username, |accounts, id| {
            accounts.set_default_region(id, region)
        })
    }
}
