//! [`ClientBuilder`]: the options of a [`Client`], checked before any request.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::access::{AccessInfo, STALE_TOKEN_DURATION};
use crate::auth::{root_url, Config, Session};
use crate::client::Client;
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
        let transport = crate::hooks::Transport {
            debug: config.debug,
            connect_retries: config.connect_retries,
            retries: config.retries,
            timeout: config.timeout,
            attempt_timeout: self.attempt_timeout,
            max_body: self.max_body,
            secrets,
        };
        let shared = Session::new(config, http, transport, self.recorder.clone());
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
