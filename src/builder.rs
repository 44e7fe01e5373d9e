//! [`ClientBuilder`]: the options of a [`Client`], checked before any request.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use std::collections::BTreeMap;

use crate::access::{AccessInfo, STALE_TOKEN_DURATION};
use crate::auth::{Config, Session};
use crate::cache::TokenCache;
use crate::catalog::Interface;
use crate::client::Client;
use crate::config::Source;
use crate::engine::{Hooks, Jitter, Settings, Shared};
use crate::url::{root_url, service_url};
use crate::{Error, Result, Secret};

mod configuration;
mod transport;
mod vendor;

/// The default User-Agent.
pub const DEFAULT_USER_AGENT: &str = concat!("keystone-v2-rust/", env!("CARGO_PKG_VERSION"));

#[derive(Clone)]
enum Pem {
    Path(PathBuf),
    Bytes(Vec<u8>),
}

impl Pem {
    #[cfg_attr(not(feature = "__rustls"), allow(dead_code))]
    fn read(&self, what: &str) -> Result<Vec<u8>> {
        match self {
            Pem::Bytes(b) => Ok(b.clone()),
            Pem::Path(p) => std::fs::read(p).map_err(|e| {
                Error::Configuration(format!("cannot read the {what} {}: {e}", p.display()))
            }),
        }
    }
}

/// Builds a [`Client`] from keystoneclient's options. Building does no network I/O.
///
/// ```no_run
/// # async fn run() -> keystone_v2::Result<()> {
/// let client = keystone_v2::Client::builder()
///     .auth_url("http://127.0.0.1:5000/v2.0")
///     .username("admin")
///     .password("secret")
///     .tenant_name("admin")
///     .build()?;
/// let tenants = client.tenants().list(Default::default()).await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
#[must_use]
pub struct ClientBuilder {
    username: Option<String>,
    user_id: Option<String>,
    password: Option<Secret>,
    token: Option<Secret>,
    api_key: Option<Secret>,
    access_key: Option<String>,
    secret_key: Option<Secret>,
    passcode: Option<crate::auth::PasscodeCallback>,
    tenant_id: Option<String>,
    tenant_name: Option<String>,
    trust_id: Option<String>,
    auth_url: Option<String>,
    region_name: Option<String>,
    endpoint: Option<String>,
    original_ip: Option<String>,
    cert: Option<Pem>,
    key: Option<Pem>,
    cacert: Option<Pem>,
    insecure: bool,
    auth_ref: Option<AccessInfo>,
    stale_duration: Duration,
    user_agent: String,
    recorder: Option<Arc<crate::engine::Recorder>>,
    interface: Option<Interface>,
    token_cache: Option<Arc<dyn TokenCache>>,
    /// The cloud of the configuration files, if the builder came from them.
    cloud: Option<String>,
    /// Where each option set came from (an option missing here has its default).
    sources: BTreeMap<&'static str, Source>,
    /// What the configuration loading has to say, for [`ClientBuilder::explain`].
    notes: Vec<String>,
    /// A configuration error, returned by [`ClientBuilder::build`].
    deferred: Option<String>,
    /// The transport settings, moved into the client's hooks by [`ClientBuilder::build`].
    settings: Settings,
    // keystoneauth's options that become headers, limits or the HTTP client's own settings
    // at build time.
    global_request_id: Option<String>,
    app_name: Option<String>,
    app_version: Option<String>,
    additional_user_agent: Vec<(String, String)>,
    rate_limit: Option<f64>,
    max_concurrency: Option<usize>,
    tcp_keepalive: Option<Duration>,
    collect_timing: bool,
    endpoint_overrides: BTreeMap<String, String>,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("ClientBuilder");
        d.field("username", &self.username)
            .field("user_id", &self.user_id)
            .field("password", &self.password)
            .field("token", &self.token);
        // Other clouds' credentials, when given (docs/vendors.md).
        if let Some(k) = &self.api_key {
            d.field("api_key", k);
        }
        if let Some(a) = &self.access_key {
            d.field("access_key", a);
        }
        if let Some(s) = &self.secret_key {
            d.field("secret_key", s);
        }
        if self.passcode.is_some() {
            d.field("passcode_callback", &"Fn");
        }
        d.field("tenant_id", &self.tenant_id)
            .field("tenant_name", &self.tenant_name)
            .field(
                "auth_url",
                &self.auth_url.as_deref().map(crate::redact::url),
            )
            .field("region_name", &self.region_name)
            .field(
                "endpoint",
                &self.endpoint.as_deref().map(crate::redact::url),
            )
            .field("timeout", &self.settings.timeout)
            .field("insecure", &self.insecure)
            .field("debug", &self.settings.debug)
            .finish_non_exhaustive()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            username: None,
            user_id: None,
            password: None,
            token: None,
            api_key: None,
            access_key: None,
            secret_key: None,
            passcode: None,
            tenant_id: None,
            tenant_name: None,
            trust_id: None,
            auth_url: None,
            region_name: None,
            endpoint: None,
            original_ip: None,
            cert: None,
            key: None,
            cacert: None,
            insecure: false,
            auth_ref: None,
            stale_duration: STALE_TOKEN_DURATION,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            recorder: None,
            interface: None,
            token_cache: None,
            cloud: None,
            sources: BTreeMap::new(),
            notes: Vec::new(),
            deferred: None,
            settings: Settings {
                retries: 2,
                ..Settings::default()
            },
            global_request_id: None,
            app_name: None,
            app_version: None,
            additional_user_agent: Vec::new(),
            rate_limit: None,
            max_concurrency: None,
            tcp_keepalive: None,
            collect_timing: false,
            endpoint_overrides: BTreeMap::new(),
        }
    }
}

macro_rules! setter {
    ($(#[$doc:meta])* $name:ident: $ty:ty => $field:ident) => {
        $(#[$doc])*
        pub fn $name(mut self, value: impl Into<$ty>) -> Self {
            self.$field = Some(value.into());
            self.sources.insert(stringify!($name), Source::Argument);
            self
        }
    };
}

impl Client {
    /// A builder with keystoneclient's options.
    ///
    /// ```
    /// let builder = keystone_v2::Client::builder();
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }
}

impl ClientBuilder {
    setter!(
        /// The user's name, for password authentication.
        ///
        /// ```
        /// let b = keystone_v2::Client::builder().username("admin");
        /// ```
        username: String => username);
    setter!(
        /// The user's id, for password authentication (instead of `username`).
        ///
        /// ```
        /// let b = keystone_v2::Client::builder().user_id("3a9a06e4af0a434580a3ac7b9d19f69b");
        /// ```
        user_id: String => user_id);
    setter!(
        /// The password.
        ///
        /// ```
        /// let b = keystone_v2::Client::builder().password("secret");
        /// ```
        password: Secret => password);
    setter!(
        /// An existing token: exchanged for a (re)scoped token with `auth_url`, or used as it is
        /// with `endpoint` (the admin-token bootstrap).
        ///
        /// ```
        /// let b = keystone_v2::Client::builder().token("ADMIN").endpoint("http://127.0.0.1:35357/v2.0");
        /// ```
        token: Secret => token);
    setter!(
        /// Scope the token to this tenant id (wins over `tenant_name`).
        ///
        /// ```
        /// let b = keystone_v2::Client::builder().tenant_id("17c188128a744898889d63f768fd7a1e");
        /// ```
        tenant_id: String => tenant_id);
    setter!(
        /// Scope the token to this tenant name.
        ///
        /// ```
        /// let b = keystone_v2::Client::builder().tenant_name("admin");
        /// ```
        tenant_name: String => tenant_name);
    setter!(
        /// Scope the token to this trust.
        ///
        /// ```
        /// let b = keystone_v2::Client::builder().trust_id("a1b2");
        /// ```
        trust_id: String => trust_id);
    setter!(
        /// The public identity URL to authenticate against, such as `http://host:5000/v2.0`.
        ///
        /// ```
        /// let b = keystone_v2::Client::builder().auth_url("http://127.0.0.1:5000/v2.0");
        /// ```
        auth_url: String => auth_url);
    setter!(
        /// The region whose endpoints the catalog lookups use.
        ///
        /// ```
        /// let b = keystone_v2::Client::builder().region_name("RegionOne");
        /// ```
        region_name: String => region_name);
    setter!(
        /// The admin API's URL, instead of the catalog's admin identity endpoint.
        ///
        /// ```
        /// let b = keystone_v2::Client::builder().endpoint("http://127.0.0.1:35357/v2.0");
        /// ```
        endpoint: String => endpoint);
    setter!(
        /// The end user's address, sent as `Forwarded: for=<ip>;by=<user agent>`.
        ///
        /// ```
        /// let b = keystone_v2::Client::builder().original_ip("10.100.100.1");
        /// ```
        original_ip: String => original_ip);

    /// The deadline of each call (default 30 s): it bounds the whole call, authentication,
    /// retries, waits for `Retry-After`, re-authentication after a 401 and the replay
    /// included. A call past it ends with [`Error::DeadlineExceeded`] or [`Error::Timeout`]
    /// (both `is_timeout()`). Each page of [`crate::managers::TenantManager::list_all`] is one
    /// call.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().timeout(std::time::Duration::from_secs(5));
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.sources.insert("timeout", Source::Argument);
        self.settings.timeout = timeout;
        self
    }

    /// A shorter bound for each HTTP attempt within a call (default: none, an attempt may use
    /// what remains of [`ClientBuilder::timeout`]), so that a retry still fits in the call.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder()
    ///     .timeout(std::time::Duration::from_secs(10))
    ///     .attempt_timeout(std::time::Duration::from_secs(3));
    /// ```
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.sources.insert("attempt_timeout", Source::Argument);
        self.settings.attempt_timeout = Some(timeout);
        self
    }

    /// The largest response body accepted, in bytes (default 16 MiB, far above any real
    /// Keystone answer). It is enforced while reading, before the body is decoded: a larger
    /// success body is [`Error::ResponseTooLarge`]; an error body is read up to 64 KiB (or
    /// this limit if smaller) and the rest is dropped, the error keeping its status.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().max_body_size(4 * 1024 * 1024);
    /// ```
    pub fn max_body_size(mut self, bytes: u64) -> Self {
        self.sources.insert("max_body_size", Source::Argument);
        self.settings.max_body = bytes;
        self
    }

    /// A client certificate (PEM file) for mutual TLS; give its key with [`ClientBuilder::key`]
    /// unless the file holds both.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().cert("client.pem").key("client.key");
    /// ```
    pub fn cert(mut self, path: impl Into<PathBuf>) -> Self {
        self.sources.insert("cert", Source::Argument);
        self.cert = Some(Pem::Path(path.into()));
        self
    }

    /// The client certificate's private key (PEM file).
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().key("client.key");
    /// ```
    pub fn key(mut self, path: impl Into<PathBuf>) -> Self {
        self.sources.insert("key", Source::Argument);
        self.key = Some(Pem::Path(path.into()));
        self
    }

    /// The CA certificates (PEM file) to trust instead of the system's.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().cacert("ca.pem");
    /// ```
    pub fn cacert(mut self, path: impl Into<PathBuf>) -> Self {
        self.sources.insert("cacert", Source::Argument);
        self.cacert = Some(Pem::Path(path.into()));
        self
    }

    /// The CA certificates as PEM bytes.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().cacert_pem(b"-----BEGIN CERTIFICATE-----\n...".to_vec());
    /// ```
    pub fn cacert_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.sources.insert("cacert", Source::Argument);
        self.cacert = Some(Pem::Bytes(pem.into()));
        self
    }

    /// The client certificate and key as PEM bytes (both in one buffer, or the key given with
    /// [`ClientBuilder::key_pem`]).
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().cert_pem(b"...".to_vec()).key_pem(b"...".to_vec());
    /// ```
    pub fn cert_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.sources.insert("cert", Source::Argument);
        self.cert = Some(Pem::Bytes(pem.into()));
        self
    }

    /// The client certificate's private key as PEM bytes.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().key_pem(b"...".to_vec());
    /// ```
    pub fn key_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.sources.insert("key", Source::Argument);
        self.key = Some(Pem::Bytes(pem.into()));
        self
    }

    /// Do not verify the server's certificate (test servers only).
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().insecure(true);
    /// ```
    pub fn insecure(mut self, insecure: bool) -> Self {
        self.sources.insert("insecure", Source::Argument);
        self.insecure = insecure;
        self
    }

    /// A saved [`AccessInfo`] to use instead of authenticating (until it is about to expire).
    ///
    /// ```no_run
    /// # fn f(saved: keystone_v2::AccessInfo) {
    /// let b = keystone_v2::Client::builder().auth_ref(saved);
    /// # }
    /// ```
    pub fn auth_ref(mut self, auth_ref: AccessInfo) -> Self {
        self.sources.insert("auth_ref", Source::Argument);
        self.auth_ref = Some(auth_ref);
        self
    }

    /// Log every request and response through `tracing` (at DEBUG level), bodies included, with
    /// tokens, passwords and EC2 secrets redacted.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().debug(true);
    /// ```
    pub fn debug(mut self, debug: bool) -> Self {
        self.sources.insert("debug", Source::Argument);
        self.settings.debug = debug;
        self
    }

    /// Renew the token when it expires within this duration (default 30 s).
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().stale_duration(std::time::Duration::from_secs(120));
    /// ```
    pub fn stale_duration(mut self, stale: Duration) -> Self {
        self.sources.insert("stale_duration", Source::Argument);
        self.stale_duration = stale;
        self
    }

    /// The User-Agent (default `keystone-v2-rust/<version>`).
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().user_agent("my-tool/1.0");
    /// ```
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.sources.insert("user_agent", Source::Argument);
        self.user_agent = user_agent.into();
        self
    }

    /// Retry a request this many times when the connection cannot be established, waiting 0.5 s
    /// and doubling (default 0, as keystoneclient).
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().connect_retries(3);
    /// ```
    pub fn connect_retries(mut self, retries: u32) -> Self {
        self.sources.insert("connect_retries", Source::Argument);
        self.settings.connect_retries = retries;
        self
    }

    /// Retry idempotent requests (GET, HEAD, PUT, DELETE, OPTIONS) this many times on a
    /// retriable status ([`ClientBuilder::retriable_status_codes`], 503 by default, honouring
    /// `Retry-After` up to [`ClientBuilder::max_retry_delay`]) or a connection dropped
    /// mid-request (default 2).
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().retries(0);
    /// ```
    pub fn retries(mut self, retries: u32) -> Self {
        self.sources.insert("retries", Source::Argument);
        self.settings.retries = retries;
        self
    }

    /// The statuses retried (default `[503]`, as keystoneauth's `retriable_status_codes`):
    /// an idempotent request (GET, HEAD, PUT, DELETE, OPTIONS) answered one of them is sent
    /// again, at most [`ClientBuilder::retries`] times, after the server's `Retry-After` or
    /// else an exponential backoff ([`ClientBuilder::retry_delay`]), each wait capped by
    /// [`ClientBuilder::max_retry_delay`] and never past the call's deadline (a wait that
    /// does not fit ends the retries: the status is returned). Applies to identity calls and
    /// to [`Client::service`] requests alike.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().retriable_status_codes(&[502, 503, 504]);
    /// ```
    pub fn retriable_status_codes(mut self, codes: &[u16]) -> Self {
        self.sources
            .insert("retriable_status_codes", Source::Argument);
        self.settings.retriable = codes.to_vec();
        self
    }

    /// The first wait before a retry when the server sends no `Retry-After` (default 0.5 s),
    /// doubled at each retry up to [`ClientBuilder::max_retry_delay`], spread by
    /// [`ClientBuilder::retry_jitter`].
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().retry_delay(std::time::Duration::from_millis(200));
    /// ```
    pub fn retry_delay(mut self, delay: Duration) -> Self {
        self.sources.insert("retry_delay", Source::Argument);
        self.settings.retry_delay = delay;
        self
    }

    /// The longest wait before a retry, a server's `Retry-After` (seconds or an HTTP-date)
    /// included (default 60 s, keystoneauth's maximum); the call's deadline bounds it too.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().max_retry_delay(std::time::Duration::from_secs(5));
    /// ```
    pub fn max_retry_delay(mut self, delay: Duration) -> Self {
        self.sources.insert("max_retry_delay", Source::Argument);
        self.settings.max_retry_delay = delay;
        self
    }

    /// How the backoff waits are spread (default [`Jitter::None`]: exactly
    /// `retry_delay × 2ⁿ`); [`Jitter::Full`] or [`Jitter::Equal`] keep many clients from
    /// retrying in step.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().retry_jitter(keystone_v2::Jitter::Full);
    /// ```
    pub fn retry_jitter(mut self, jitter: Jitter) -> Self {
        self.sources.insert("retry_jitter", Source::Argument);
        self.settings.jitter = jitter;
        self
    }

    /// A global request id sent as `X-OpenStack-Request-ID` with every request, so that the
    /// services' logs tie their work to the caller's (keystoneauth's `global_request_id`). It
    /// must have the form `req-<uuid>` (OpenStack services ignore any other); another form is
    /// an [`Error::Configuration`] from [`ClientBuilder::build`].
    ///
    /// ```
    /// let b = keystone_v2::Client::builder()
    ///     .global_request_id("req-6c5f5f5e-2c0b-4b8e-9a4c-5d1f9f1c2e3a");
    /// ```
    pub fn global_request_id(mut self, id: impl Into<String>) -> Self {
        self.sources.insert("global_request_id", Source::Argument);
        self.global_request_id = Some(id.into());
        self
    }

    /// The application's name, first in the User-Agent (keystoneauth's `app_name`):
    /// `<app_name>/<app_version> <additional>... keystone-v2-rust/<version>`. An explicit
    /// [`ClientBuilder::user_agent`] replaces the whole header instead.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().app_name("deployer").app_version("1.4.2");
    /// ```
    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.sources.insert("app_name", Source::Argument);
        self.app_name = Some(name.into());
        self
    }

    /// The application's version, after its name in the User-Agent (keystoneauth's
    /// `app_version`; used only with [`ClientBuilder::app_name`]).
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().app_name("deployer").app_version("1.4.2");
    /// ```
    pub fn app_version(mut self, version: impl Into<String>) -> Self {
        self.sources.insert("app_version", Source::Argument);
        self.app_version = Some(version.into());
        self
    }

    /// One more `name/version` in the User-Agent, after the application's and before this
    /// crate's (keystoneauth's `additional_user_agent`); call it once per product.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder()
    ///     .app_name("deployer").app_version("1.4.2")
    ///     .additional_user_agent("nova-plugin", "0.3");
    /// // User-Agent: deployer/1.4.2 nova-plugin/0.3 keystone-v2-rust/0.1.0
    /// ```
    pub fn additional_user_agent(
        mut self,
        name: impl Into<String>,
        version: impl Into<String>,
    ) -> Self {
        self.sources
            .insert("additional_user_agent", Source::Argument);
        self.additional_user_agent
            .push((name.into(), version.into()));
        self
    }

    /// At most this many requests per second from this client and all its clones (each
    /// attempt counts, retries included); requests past it wait for their turn, within their
    /// call's deadline. Off by default; a value that is not positive turns it off.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().rate_limit(20.0);
    /// ```
    pub fn rate_limit(mut self, requests_per_second: f64) -> Self {
        self.sources.insert("rate_limit", Source::Argument);
        self.rate_limit = Some(requests_per_second);
        self
    }

    /// At most `n` requests in flight at once from this client and all its clones (a request
    /// is in flight until its response's head arrives); the others wait, within their call's
    /// deadline. Off by default; 0 is refused by [`ClientBuilder::build`].
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().max_concurrency(8);
    /// ```
    pub fn max_concurrency(mut self, n: usize) -> Self {
        self.sources.insert("max_concurrency", Source::Argument);
        self.max_concurrency = Some(n);
        self
    }

    /// TCP keepalive probes on the client's connections, every `interval` (off by default).
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().tcp_keepalive(std::time::Duration::from_secs(60));
    /// ```
    pub fn tcp_keepalive(mut self, interval: Duration) -> Self {
        self.sources.insert("tcp_keepalive", Source::Argument);
        self.tcp_keepalive = Some(interval);
        self
    }

    /// Keep the timing of every request (keystoneauth's `collect_timing`), for
    /// [`Client::timings`]; off by default (nothing is kept, no clock is read for it).
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().collect_timing(true);
    /// ```
    pub fn collect_timing(mut self, on: bool) -> Self {
        self.sources.insert("collect_timing", Source::Argument);
        self.collect_timing = on;
        self
    }

    /// Log each request as a curl command line at DEBUG on the `keystone_v2::request`
    /// target, as keystoneauth does: `curl -g -i -X POST "http://..." -H "X-Auth-Token:
    /// {SHA256}<hex>" -d '{...}'`. Credentials in headers are shown as their SHA-256,
    /// passwords and secrets in bodies as `***`, URL userinfo and token ids masked.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().log_curl(true);
    /// ```
    pub fn log_curl(mut self, on: bool) -> Self {
        self.sources.insert("log_curl", Source::Argument);
        self.settings.log_curl = on;
        self
    }

    /// The URL to use for `service_type` instead of the catalog's (keystoneauth's
    /// `endpoint_override`), for [`Client::service`]; one per service type. The token still
    /// comes from the session.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder()
    ///     .endpoint_override("compute", "http://nova.internal:8774/v2.1/3a9a06e4");
    /// ```
    pub fn endpoint_override(
        mut self,
        service_type: impl Into<String>,
        url: impl Into<String>,
    ) -> Self {
        self.sources.insert("endpoint_override", Source::Argument);
        self.endpoint_overrides
            .insert(service_type.into(), url.into());
        self
    }

    /// The User-Agent sent: the explicit one, else keystoneauth's order (application,
    /// additional products, this crate).
    fn effective_user_agent(&self) -> String {
        if self.sources.contains_key("user_agent") {
            return self.user_agent.clone();
        }
        let mut agent = Vec::new();
        match (&self.app_name, &self.app_version) {
            (Some(name), Some(version)) => agent.push(format!("{name}/{version}")),
            (Some(name), None) => agent.push(name.clone()),
            _ => {}
        }
        agent.extend(
            self.additional_user_agent
                .iter()
                .map(|(name, version)| format!("{name}/{version}")),
        );
        agent.push(self.user_agent.clone());
        agent.join(" ")
    }

    /// Records every HTTP exchange (raw bodies included) into `recorder`, for tests and
    /// diagnostics.
    ///
    /// ```
    /// let recorder = std::sync::Arc::new(keystone_v2::hooks::Recorder::new());
    /// let b = keystone_v2::Client::builder().record(recorder.clone());
    /// ```
    pub fn record(mut self, recorder: Arc<crate::engine::Recorder>) -> Self {
        self.recorder = Some(recorder);
        self
    }

    /// The catalog interface that [`Client::endpoint_url`] looks up (default public), as
    /// clouds.yaml's `interface`.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().interface(keystone_v2::Interface::Internal);
    /// ```
    pub fn interface(mut self, interface: Interface) -> Self {
        self.interface = Some(interface);
        self.sources.insert("interface", Source::Argument);
        self
    }

    /// Shares tokens with other clients and processes through `cache` (off by default):
    /// a cached token with more than `stale_duration` left is used instead of logging in,
    /// and concurrent cold starts log in once. See [`crate::cache`].
    ///
    /// ```no_run
    /// let cache = keystone_v2::cache::FileTokenCache::default_location()?;
    /// let b = keystone_v2::Client::builder().token_cache(std::sync::Arc::new(cache));
    /// # Ok::<(), keystone_v2::Error>(())
    /// ```
    pub fn token_cache(mut self, cache: Arc<dyn TokenCache>) -> Self {
        self.token_cache = Some(cache);
        self.sources.insert("token_cache", Source::Argument);
        self
    }

    /// Checks the options and builds the client (one HTTP connection pool, shared by clones).
    ///
    /// # Errors
    /// [`Error::AuthorizationFailure`] when it could never authenticate (no auth_url, no
    /// credentials); [`Error::Configuration`], naming the option, for an invalid URL (not
    /// http(s), with a query, a fragment or whitespace, or an identity URL of another version
    /// than v2.0, such as `/v3`), a token that is not a valid HTTP header value, or an
    /// unreadable certificate. URLs in messages have their userinfo masked.
    ///
    /// ```no_run
    /// let client = keystone_v2::Client::builder()
    ///     .auth_url("http://127.0.0.1:5000/v2.0").username("admin").password("secret")
    ///     .build()?;
    /// # Ok::<(), keystone_v2::Error>(())
    /// ```
    pub fn build(self) -> Result<Client> {
        if let Some(message) = &self.deferred {
            return Err(Error::Configuration(message.clone()));
        }
        let auth_url = self
            .auth_url
            .as_deref()
            .map(|u| root_url(u, "auth_url"))
            .transpose()?;
        let endpoint = self
            .endpoint
            .as_deref()
            .map(|u| root_url(u, "endpoint"))
            .transpose()?;
        if let Some(token) = &self.token {
            crate::engine::token_header(token)
                .map_err(|e| Error::Configuration(format!("token: {e}")))?;
        }
        if self.password.is_some() && self.username.is_none() && self.user_id.is_none() {
            return Err(Error::AuthorizationFailure(
                "a password needs a username or a user_id".into(),
            ));
        }
        self.check_vendor_credentials()?;
        let static_token = self.token.is_some() && endpoint.is_some();
        let has_credentials = self.password.is_some()
            || self.token.is_some()
            || self.api_key.is_some()
            || self.secret_key.is_some();
        if self.auth_ref.is_none() && !static_token {
            if auth_url.is_none() {
                return Err(Error::AuthorizationFailure(
                    "Cannot authenticate without an auth_url (or give a token and an endpoint)"
                        .into(),
                ));
            }
            if !has_credentials {
                return Err(Error::AuthorizationFailure(
                    "A username and password or token is required.".into(),
                ));
            }
        }
        if let Some(id) = &self.global_request_id {
            if !crate::engine::is_request_id(id) {
                return Err(Error::Configuration(format!(
                    "global_request_id {:?} is not of the form req-<uuid> (OpenStack services ignore other values)",
                    crate::redact::excerpt(id, &[], 64)
                )));
            }
        }
        if self.max_concurrency == Some(0) {
            return Err(Error::Configuration(
                "max_concurrency 0 would never send a request: give at least 1".into(),
            ));
        }
        let mut endpoint_overrides = std::collections::HashMap::new();
        for (service_type, url) in &self.endpoint_overrides {
            let what = format!("endpoint_override for {service_type}");
            endpoint_overrides.insert(service_type.clone(), service_url(url, &what)?);
        }
        let default_headers = self.default_headers()?;
        let http = self.http_client(default_headers.clone())?;
        let auth_ref = self.auth_ref.clone().map(|a| match &self.region_name {
            Some(r) => a.with_region_name(Some(r.clone())),
            None => a,
        });
        let config = Config {
            username: self.username,
            user_id: self.user_id,
            has_password: self.password.is_some(),
            password: RwLock::new(self.password),
            token: self.token,
            api_key: self.api_key,
            access_key: self.access_key,
            secret_key: self.secret_key,
            passcode: self.passcode,
            tenant_id: self.tenant_id,
            tenant_name: self.tenant_name,
            trust_id: self.trust_id,
            auth_url,
            region_name: self.region_name,
            endpoint,
            stale_duration: self.stale_duration,
            interface: self.interface.unwrap_or_default(),
            cache: self.token_cache.clone(),
            endpoint_overrides,
        };
        let secrets = [&self.auth_url, &self.endpoint]
            .into_iter()
            .flatten()
            .flat_map(|u| crate::redact::userinfo_secrets(u))
            .collect();
        let shared = Shared {
            insecure: self.insecure,
            default_headers,
            limiter: self
                .rate_limit
                .and_then(crate::engine::RateLimiter::per_second),
            semaphore: self.max_concurrency.map(tokio::sync::Semaphore::new),
            timings: self.collect_timing.then(Default::default),
        };
        let hooks = Hooks::configured(self.settings, shared, secrets, self.recorder);
        let shared = Session::new(config, http, hooks);
        let client = Client { shared };
        if let Some(access) = auth_ref {
            client.shared.install(access)?;
        } else {
            client.shared.install_static();
        }
        Ok(client)
    }
}
