//! [`Client`] and [`ClientBuilder`]: authentication, the token lifecycle and routing.

use std::path::PathBuf;
use std::sync::{Arc, RwLock, Weak};
use std::time::Duration;

use crate::access::{AccessInfo, STALE_TOKEN_DURATION};
use crate::catalog::{EndpointFilter, Interface, ServiceCatalog};
use crate::generated::Client as Raw;
use crate::hooks::Hooks;
use crate::managers::{auth_body as auth_request, Credentials};
use crate::operations::{Api, Operation};
use crate::{Error, Result, Secret};

/// The default User-Agent.
pub const DEFAULT_USER_AGENT: &str = concat!("keystone-v2-rust/", env!("CARGO_PKG_VERSION"));

#[derive(Clone)]
enum Pem {
    Path(PathBuf),
    Bytes(Vec<u8>),
}

impl Pem {
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
    tenant_id: Option<String>,
    tenant_name: Option<String>,
    trust_id: Option<String>,
    auth_url: Option<String>,
    region_name: Option<String>,
    endpoint: Option<String>,
    timeout: Duration,
    attempt_timeout: Option<Duration>,
    max_body: u64,
    original_ip: Option<String>,
    cert: Option<Pem>,
    key: Option<Pem>,
    cacert: Option<Pem>,
    insecure: bool,
    auth_ref: Option<AccessInfo>,
    debug: bool,
    stale_duration: Duration,
    user_agent: String,
    connect_retries: u32,
    retries: u32,
    recorder: Option<Arc<crate::hooks::Recorder>>,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("username", &self.username)
            .field("user_id", &self.user_id)
            .field("password", &self.password)
            .field("token", &self.token)
            .field("tenant_id", &self.tenant_id)
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
            .field("timeout", &self.timeout)
            .field("insecure", &self.insecure)
            .field("debug", &self.debug)
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
            tenant_id: None,
            tenant_name: None,
            trust_id: None,
            auth_url: None,
            region_name: None,
            endpoint: None,
            timeout: Duration::from_secs(30),
            attempt_timeout: None,
            max_body: crate::hooks::DEFAULT_MAX_BODY_SIZE,
            original_ip: None,
            cert: None,
            key: None,
            cacert: None,
            insecure: false,
            auth_ref: None,
            debug: false,
            stale_duration: STALE_TOKEN_DURATION,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            connect_retries: 0,
            retries: 2,
            recorder: None,
        }
    }
}

macro_rules! setter {
    ($(#[$doc:meta])* $name:ident: $ty:ty => $field:ident) => {
        $(#[$doc])*
        pub fn $name(mut self, value: impl Into<$ty>) -> Self {
            self.$field = Some(value.into());
            self
        }
    };
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
        self.timeout = timeout;
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
        self.attempt_timeout = Some(timeout);
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
        self.max_body = bytes;
        self
    }

    /// A client certificate (PEM file) for mutual TLS; give its key with [`ClientBuilder::key`]
    /// unless the file holds both.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().cert("client.pem").key("client.key");
    /// ```
    pub fn cert(mut self, path: impl Into<PathBuf>) -> Self {
        self.cert = Some(Pem::Path(path.into()));
        self
    }

    /// The client certificate's private key (PEM file).
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().key("client.key");
    /// ```
    pub fn key(mut self, path: impl Into<PathBuf>) -> Self {
        self.key = Some(Pem::Path(path.into()));
        self
    }

    /// The CA certificates (PEM file) to trust instead of the system's.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().cacert("ca.pem");
    /// ```
    pub fn cacert(mut self, path: impl Into<PathBuf>) -> Self {
        self.cacert = Some(Pem::Path(path.into()));
        self
    }

    /// The CA certificates as PEM bytes.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().cacert_pem(b"-----BEGIN CERTIFICATE-----\n...".to_vec());
    /// ```
    pub fn cacert_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
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
        self.cert = Some(Pem::Bytes(pem.into()));
        self
    }

    /// The client certificate's private key as PEM bytes.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().key_pem(b"...".to_vec());
    /// ```
    pub fn key_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.key = Some(Pem::Bytes(pem.into()));
        self
    }

    /// Do not verify the server's certificate (test servers only).
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().insecure(true);
    /// ```
    pub fn insecure(mut self, insecure: bool) -> Self {
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
        self.debug = debug;
        self
    }

    /// Renew the token when it expires within this duration (default 30 s).
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().stale_duration(std::time::Duration::from_secs(120));
    /// ```
    pub fn stale_duration(mut self, stale: Duration) -> Self {
        self.stale_duration = stale;
        self
    }

    /// The User-Agent (default `keystone-v2-rust/<version>`).
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().user_agent("my-tool/1.0");
    /// ```
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
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
        self.connect_retries = retries;
        self
    }

    /// Retry idempotent requests (GET, HEAD, PUT, DELETE) this many times on a 503 (honouring
    /// `Retry-After`, at most 5 s a wait) or a connection dropped mid-request (default 2).
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().retries(0);
    /// ```
    pub fn retries(mut self, retries: u32) -> Self {
        self.retries = retries;
        self
    }

    /// Records every HTTP exchange (raw bodies included) into `recorder`, for tests and
    /// diagnostics.
    ///
    /// ```
    /// let recorder = std::sync::Arc::new(keystone_v2::hooks::Recorder::new());
    /// let b = keystone_v2::Client::builder().record(recorder.clone());
    /// ```
    pub fn record(mut self, recorder: Arc<crate::hooks::Recorder>) -> Self {
        self.recorder = Some(recorder);
        self
    }

    /// A builder from the openrc environment variables: `OS_AUTH_URL`, `OS_USERNAME`,
    /// `OS_USER_ID`, `OS_PASSWORD`, `OS_TOKEN`, `OS_TENANT_NAME` (or `OS_PROJECT_NAME`),
    /// `OS_TENANT_ID` (or `OS_PROJECT_ID`), `OS_REGION_NAME`, `OS_CACERT`, `OS_CERT`, `OS_KEY`
    /// and `OS_INSECURE` (`true`/`1`). Unset or empty variables are left out.
    ///
    /// ```no_run
    /// let client = keystone_v2::ClientBuilder::from_env().build()?;
    /// # Ok::<(), keystone_v2::Error>(())
    /// ```
    pub fn from_env() -> Self {
        let var = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| std::env::var(n).ok().filter(|v| !v.is_empty()))
        };
        Self {
            auth_url: var(&["OS_AUTH_URL"]),
            username: var(&["OS_USERNAME"]),
            user_id: var(&["OS_USER_ID"]),
            password: var(&["OS_PASSWORD"]).map(Secret::from),
            token: var(&["OS_TOKEN", "OS_AUTH_TOKEN"]).map(Secret::from),
            tenant_name: var(&["OS_TENANT_NAME", "OS_PROJECT_NAME"]),
            tenant_id: var(&["OS_TENANT_ID", "OS_PROJECT_ID"]),
            region_name: var(&["OS_REGION_NAME"]),
            cacert: var(&["OS_CACERT"]).map(|p| Pem::Path(p.into())),
            cert: var(&["OS_CERT"]).map(|p| Pem::Path(p.into())),
            key: var(&["OS_KEY"]).map(|p| Pem::Path(p.into())),
            insecure: var(&["OS_INSECURE"])
                .is_some_and(|v| matches!(v.to_ascii_lowercase().as_str(), "1" | "true" | "yes")),
            ..Self::default()
        }
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
            crate::hooks::token_header(token)
                .map_err(|e| Error::Configuration(format!("token: {e}")))?;
        }
        if self.password.is_some() && self.username.is_none() && self.user_id.is_none() {
            return Err(Error::AuthorizationFailure(
                "a password needs a username or a user_id".into(),
            ));
        }
        let static_token = self.token.is_some() && endpoint.is_some();
        let has_credentials = self.password.is_some() || self.token.is_some();
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
        let http = self.http_client()?;
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
            tenant_id: self.tenant_id,
            tenant_name: self.tenant_name,
            trust_id: self.trust_id,
            auth_url,
            region_name: self.region_name,
            endpoint,
            stale_duration: self.stale_duration,
            debug: self.debug,
            connect_retries: self.connect_retries,
            retries: self.retries,
            timeout: self.timeout,
        };
        let secrets = [&self.auth_url, &self.endpoint]
            .into_iter()
            .flatten()
            .flat_map(|u| crate::redact::userinfo_secrets(u))
            .collect();
        let shared = Arc::new_cyclic(|weak: &Weak<Shared>| {
            let mut hooks = Hooks::session(
                weak.clone(),
                crate::hooks::Transport {
                    debug: config.debug,
                    connect_retries: config.connect_retries,
                    retries: config.retries,
                    timeout: config.timeout,
                    attempt_timeout: self.attempt_timeout,
                    max_body: self.max_body,
                    secrets,
                },
            );
            if let Some(recorder) = &self.recorder {
                hooks = hooks.record(recorder.clone());
            }
            let auth = config
                .auth_url
                .as_deref()
                .map(|u| Arc::new(Raw::new_with_client(u, http.clone(), hooks.clone())));
            Shared {
                config,
                http,
                hooks,
                auth,
                state: RwLock::new(State::default()),
                reauth: tokio::sync::Mutex::new(()),
            }
        });
        let client = Client { shared };
        if let Some(access) = auth_ref {
            client.shared.install(access)?;
        } else {
            client.shared.install_static();
        }
        Ok(client)
    }

    fn http_client(&self) -> Result<reqwest::Client> {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::ACCEPT,
            reqwest::header::HeaderValue::from_static("application/json"),
        );
        if let Some(ip) = &self.original_ip {
            let value = format!("for={ip};by={}", self.user_agent);
            let value = reqwest::header::HeaderValue::from_str(&value).map_err(|_| {
                Error::Configuration(format!("original_ip {ip:?} is not a valid header value"))
            })?;
            headers.insert("forwarded", value);
        }
        let mut b = reqwest::Client::builder()
            .default_headers(headers)
            .user_agent(self.user_agent.clone())
            .timeout(self.timeout)
            .connect_timeout(
                self.attempt_timeout
                    .map_or(self.timeout, |a| a.min(self.timeout)),
            )
            .redirect(crate::hooks::redirect_policy())
            .tls_danger_accept_invalid_certs(self.insecure);
        if let Some(ca) = &self.cacert {
            let pem = ca.read("CA certificate")?;
            let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|e| {
                Error::Configuration(format!("the CA certificate is not valid PEM: {e}"))
            })?;
            if certs.is_empty() {
                return Err(Error::Configuration(
                    "the CA certificate file holds no certificate".into(),
                ));
            }
            b = b.tls_certs_only(certs);
        }
        match (&self.cert, &self.key) {
            (Some(cert), key) => {
                let mut pem = cert.read("client certificate")?;
                if let Some(key) = key {
                    pem.push(b'\n');
                    pem.extend(key.read("client key")?);
                }
                let identity = reqwest::Identity::from_pem(&pem).map_err(|e| {
                    Error::Configuration(format!(
                        "the client certificate or key is not valid PEM: {e}"
                    ))
                })?;
                b = b.identity(identity);
            }
            (None, Some(_)) => {
                return Err(Error::Configuration(
                    "a client key needs a client certificate (cert)".into(),
                ))
            }
            (None, None) => {}
        }
        b.build()
            .map_err(|e| Error::Configuration(format!("cannot build the HTTP client: {e}")))
    }
}

/// `http://host:5000/v2.0/` -> `http://host:5000`: the spec's paths start with `/v2.0`.
///
/// Refuses what would silently misroute every call: whitespace or control characters, a query,
/// a fragment, a scheme other than http(s), and a path naming another identity version than
/// v2.0 (`/v3`, `/v2`, ...). Messages show the URL with its userinfo masked.
pub(crate) fn root_url(url: &str, what: &str) -> Result<String> {
    let shown = crate::redact::url(url);
    let refuse = |why: &str| Err(Error::Configuration(format!("{what} {shown:?} {why}")));
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return refuse("contains whitespace or a control character");
    }
    let parsed = match reqwest::Url::parse(url) {
        Ok(p) => p,
        Err(e) => return refuse(&format!("is not a URL: {e}")),
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return refuse("is not an http(s) URL");
    }
    if parsed.query().is_some() {
        return refuse("has a query (`?...`); give the identity URL without one");
    }
    if parsed.fragment().is_some() {
        return refuse("has a fragment (`#...`); give the identity URL without one");
    }
    let trimmed = url.trim_end_matches('/');
    let root = trimmed.strip_suffix("/v2.0").unwrap_or(trimmed);
    let last = root.rsplit('/').next().unwrap_or_default();
    let versioned = last.len() > 1
        && last.starts_with(['v', 'V'])
        && last[1..].chars().all(|c| c.is_ascii_digit() || c == '.')
        && last[1..].starts_with(|c: char| c.is_ascii_digit());
    if versioned && !parsed.path().trim_end_matches('/').is_empty() {
        return refuse(&format!(
            "is an identity URL of version {last}: this crate speaks Keystone's v2.0 API (give the `/v2.0` URL or the server root)"
        ));
    }
    Ok(root.to_owned())
}

struct Config {
    username: Option<String>,
    user_id: Option<String>,
    /// The password; an own-password change replaces it, so later re-authentications work.
    password: RwLock<Option<Secret>>,
    has_password: bool,
    token: Option<Secret>,
    tenant_id: Option<String>,
    tenant_name: Option<String>,
    trust_id: Option<String>,
    auth_url: Option<String>,
    region_name: Option<String>,
    endpoint: Option<String>,
    stale_duration: Duration,
    debug: bool,
    connect_retries: u32,
    retries: u32,
    timeout: Duration,
}

impl Config {
    fn can_authenticate(&self) -> bool {
        self.auth_url.is_some() && (self.has_password || self.token.is_some())
    }
}

#[derive(Default)]
struct State {
    access: Option<AccessInfo>,
    /// The `X-Auth-Token` value of the token in use, ready to send.
    token_header: Option<reqwest::header::HeaderValue>,
    /// A token set with [`Client::set_auth_token`]: sent instead of the session's.
    token_override: Option<Secret>,
    /// Bumped at each new token.
    generation: u64,
    public: Option<Arc<Raw>>,
    admin: Option<Arc<Raw>>,
}

pub(crate) struct Shared {
    config: Config,
    http: reqwest::Client,
    hooks: Hooks,
    /// The generated client on auth_url, for `POST /v2.0/tokens`.
    auth: Option<Arc<Raw>>,
    state: RwLock<State>,
    /// Single-flight re-authentication.
    reauth: tokio::sync::Mutex<()>,
}

impl Shared {
    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
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
    fn install_static(&self) {
        let mut s = self.state.write().unwrap_or_else(|e| e.into_inner());
        s.public = self.auth.clone();
        s.admin = self.config.endpoint.as_deref().map(|e| self.raw(e));
        s.token_header = self
            .config
            .token
            .as_ref()
            .and_then(|t| crate::hooks::token_header(t).ok());
    }

    /// keystoneclient's `process_token`: checks the token and derives the admin and public URLs.
    fn install(&self, access: AccessInfo) -> Result<AccessInfo> {
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
            crate::hooks::token_header(access.auth_token())
                .map_err(|e| Error::AuthorizationFailure(format!("the token received: {e}")))?,
        );
        s.token_override = None;
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

    fn needs_auth(&self, s: &State) -> bool {
        if s.token_override.is_some() {
            return false;
        }
        match &s.access {
            Some(a) => {
                self.config.can_authenticate() && a.will_expire_soon(self.config.stale_duration)
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
            self.reauthenticate(generation, None).await?;
        }
        Ok(())
    }

    /// Authenticates unless another caller already did since `seen` (the generation observed,
    /// or the token that was refused).
    async fn reauthenticate(
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
        let access = self.fetch_token().await?;
        self.install(access)
    }

    /// Called by the hooks after a 401: a new token to replay the request with, if one can be had.
    pub(crate) async fn after_unauthorized(&self, refused: &Secret) -> Option<Secret> {
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
    fn fetch_token(
        &self,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<AccessInfo>> + Send + '_>> {
        Box::pin(async move {
            let c = &self.config;
            let auth = self.auth.clone().ok_or_else(|| {
                Error::AuthorizationFailure("Cannot authenticate without an auth_url".into())
            })?;
            let password = c.password.read().unwrap_or_else(|e| e.into_inner()).clone();
            let credentials = if let (Some(password), true) =
                (password, c.username.is_some() || c.user_id.is_some())
            {
                Credentials::Password {
                    username: c.username.clone(),
                    user_id: c.user_id.clone(),
                    password,
                }
            } else if let Some(token) = &c.token {
                Credentials::Token(token.clone())
            } else {
                return Err(Error::AuthorizationFailure(
                    "A username and password or token is required.".into(),
                ));
            };
            let body = auth_request(
                credentials,
                c.tenant_id.clone(),
                c.tenant_name.clone(),
                c.trust_id.clone(),
            )?;
            let access =
                finish("tokens_authenticate", auth.tokens_authenticate(&body).await).await?;
            AccessInfo::new(access.access)
        })
    }

    /// The generated client that serves `op`, as the spec's `x-keystone-api` says.
    fn route(&self, op: &Operation) -> Result<Arc<Raw>> {
        self.route_in(&self.read(), op)
    }

    fn route_in(&self, s: &State, op: &Operation) -> Result<Arc<Raw>> {
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

/// Turns a generated call's outcome into this crate's result.
pub(crate) async fn finish<T, E: crate::hooks::ErrorBody>(
    op: &'static str,
    result: std::result::Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<E>>,
) -> Result<T> {
    match result {
        Ok(v) => Ok(v.into_inner()),
        Err(e) => Err(crate::hooks::convert_error(op, e).await),
    }
}

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
    pub(crate) shared: Arc<Shared>,
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
    /// A builder with keystoneclient's options.
    ///
    /// ```
    /// let builder = keystone_v2::Client::builder();
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// Authenticates now (or again) and returns the new token's data.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let access = client.authenticate().await?;
    /// println!("token for {:?} expires at {}", access.username(), access.expires());
    /// # Ok(()) }
    /// ```
    pub async fn authenticate(&self) -> Result<AccessInfo> {
        crate::hooks::within(self.timeout(), "authenticate", self.authenticate_now()).await
    }

    async fn authenticate_now(&self) -> Result<AccessInfo> {
        let generation = self.shared.read().generation;
        let _guard = self.shared.reauth.lock().await;
        let raced = {
            let current = self.shared.read();
            if current.generation != generation {
                current.access.clone()
            } else {
                None
            }
        };
        if let Some(a) = raced {
            return Ok(a);
        }
        let access = self.shared.fetch_token().await?;
        self.shared.install(access)
    }

    /// The current token's data (authenticating first if needed), to save as an `auth_ref`.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let saved = serde_json::to_string(&client.access_info().await?).unwrap();
    /// # Ok(()) }
    /// ```
    pub async fn access_info(&self) -> Result<AccessInfo> {
        crate::hooks::within(self.timeout(), "authenticate", self.shared.ensure_token()).await?;
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
        crate::hooks::within(self.timeout(), "authenticate", self.shared.ensure_token()).await?;
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

    /// The admin API's URL in use (keystoneclient's `management_url`), if any.
    ///
    /// ```no_run
    /// # fn f(client: keystone_v2::Client) { println!("{:?}", client.management_url()); }
    /// ```
    pub fn management_url(&self) -> Option<String> {
        self.shared
            .read()
            .admin
            .as_ref()
            .map(|r| format!("{}/v2.0", progenitor_client::ClientInfo::baseurl(&**r)))
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
        let header = token
            .as_ref()
            .map(crate::hooks::token_header)
            .transpose()
            .map_err(|e| Error::Configuration(format!("auth_token: {e}")))?;
        let mut s = self.shared.state.write().unwrap_or_else(|e| e.into_inner());
        s.token_header = match header {
            Some(h) => Some(h),
            None => s
                .access
                .as_ref()
                .map(|a| a.auth_token())
                .or(self.shared.config.token.as_ref())
                .and_then(|t| crate::hooks::token_header(t).ok()),
        };
        s.token_override = token;
        s.generation += 1;
        Ok(())
    }

    /// The client's timeout, which bounds each call.
    pub(crate) fn timeout(&self) -> Duration {
        self.shared.config.timeout
    }

    /// Forgets the current token: the next call authenticates again.
    ///
    /// ```no_run
    /// # fn f(client: keystone_v2::Client) { client.invalidate(); }
    /// ```
    pub fn invalidate(&self) {
        let mut s = self.shared.state.write().unwrap_or_else(|e| e.into_inner());
        s.access = None;
        s.token_override = None;
        s.token_header = self
            .shared
            .config
            .token
            .as_ref()
            .and_then(|t| crate::hooks::token_header(t).ok());
        s.generation += 1;
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
        crate::hooks::within(self.timeout(), op.id, self.prepare(op)).await
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
            self.shared.ensure_token().await?;
        }
        self.shared.route(op)
    }

    /// The public API (auth_url), for the operations keystoneclient always sends there.
    pub(crate) fn public(&self, op: &Operation) -> Result<Arc<Raw>> {
        self.shared.read().public.clone().ok_or_else(|| {
            Error::Configuration(format!("{} needs the public API: give an auth_url", op.id))
        })
    }

    /// After an own-password change: switches to the new token and, if the client
    /// authenticates with a password, to the new password.
    pub(crate) fn adopt(&self, access: AccessInfo, new_password: Secret) -> Result<AccessInfo> {
        let c = &self.shared.config;
        if c.has_password {
            *c.password.write().unwrap_or_else(|e| e.into_inner()) = Some(new_password);
        }
        self.shared.install(access)
    }

    /// Whether the client authenticates with a password (and a username or user id).
    pub(crate) fn authenticates_with_password(&self) -> bool {
        let c = &self.shared.config;
        c.has_password && c.auth_url.is_some() && (c.username.is_some() || c.user_id.is_some())
    }

    /// The user id of the current token.
    pub(crate) fn user_id(&self) -> Option<String> {
        self.shared
            .read()
            .access
            .as_ref()
            .map(|a| a.user_id().to_owned())
    }
}

/// The `X-Auth-Token` value the hooks send for a client.
pub(crate) fn weak_token_header(shared: &Weak<Shared>) -> Option<reqwest::header::HeaderValue> {
    shared.upgrade().and_then(|s| s.read().token_header.clone())
}
