//! The layer's options, named as keystonemiddleware's `[keystone_authtoken]` options are.

use std::fmt;
use std::time::Duration;

use keystone_v2::Secret;

/// How entries in memcached are protected (keystonemiddleware's `memcache_security_strategy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum MemcacheSecurityStrategy {
    /// Entries are stored as plain JSON under `tokens/<sha256 of the token>`.
    #[default]
    None,
    /// Entries are signed with HMAC-SHA384; a tampered entry is a cache miss.
    Mac,
    /// Entries are encrypted with AES-128-CBC and signed; an entry that fails either check is a
    /// cache miss.
    Encrypt,
}

impl MemcacheSecurityStrategy {
    /// Parses keystonemiddleware's spelling (`None`, `MAC`, `ENCRYPT`, any case).
    ///
    /// ```
    /// use keystone_v2_middleware::MemcacheSecurityStrategy;
    /// assert_eq!(MemcacheSecurityStrategy::parse("mac"), Some(MemcacheSecurityStrategy::Mac));
    /// assert_eq!(MemcacheSecurityStrategy::parse("sha1"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_uppercase().as_str() {
            "NONE" => Some(Self::None),
            "MAC" => Some(Self::Mac),
            "ENCRYPT" => Some(Self::Encrypt),
            _ => None,
        }
    }

    /// The spelling that goes into the key derivation (`MAC` or `ENCRYPT`), as keystonemiddleware
    /// writes it; `None` derives no key.
    #[cfg(feature = "memcached")]
    pub(crate) fn label(self) -> Option<&'static [u8]> {
        match self {
            Self::None => None,
            Self::Mac => Some(b"MAC"),
            Self::Encrypt => Some(b"ENCRYPT"),
        }
    }
}

/// An option that cannot work; [`crate::AuthTokenLayer::new`] refuses it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// `MAC` or `ENCRYPT` without a `memcache_secret_key` (keystonemiddleware refuses it too).
    MissingSecretKey,
    /// `memcached_servers` without the crate's `memcached` feature.
    MemcachedNotBuilt,
    /// A `memcached_servers` entry that is not `host:port`.
    BadMemcachedServer(String),
    /// `www_authenticate_uri` is not a valid header value.
    BadWwwAuthenticateUri,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingSecretKey => f.write_str(
                "memcache_secret_key must be set when memcache_security_strategy is MAC or ENCRYPT",
            ),
            Self::MemcachedNotBuilt => f.write_str(
                "memcached_servers is set but keystone-v2-middleware was built without its `memcached` feature",
            ),
            Self::BadMemcachedServer(s) => write!(f, "memcached server {s:?} is not host:port"),
            Self::BadWwwAuthenticateUri => {
                f.write_str("www_authenticate_uri cannot be sent in a header")
            }
        }
    }
}

impl std::error::Error for ConfigError {}

/// The options of [`crate::AuthTokenLayer`], keystonemiddleware's names and defaults.
///
/// Options of the service's own connection to Keystone (`auth_url` and credentials,
/// `cafile`, `certfile`, `keyfile`, `insecure`, `region_name`, `interface`,
/// `http_connect_timeout`, `http_request_max_retries`) belong to the [`keystone_v2::Client`]
/// handed to the layer: the crate's README maps each to its `ClientBuilder` method.
///
/// ```
/// use std::time::Duration;
/// use keystone_v2_middleware::AuthTokenConfig;
///
/// let config = AuthTokenConfig::new("https://keystone.example.com:5000/v2.0")
///     .delay_auth_decision(false)
///     .include_service_catalog(true)
///     .service_token_roles(["service"])
///     .token_cache_time(Some(Duration::from_secs(300)));
/// # let _ = config;
/// ```
#[derive(Clone)]
pub struct AuthTokenConfig {
    pub(crate) www_authenticate_uri: String,
    pub(crate) delay_auth_decision: bool,
    pub(crate) include_service_catalog: bool,
    pub(crate) service_token_roles: Vec<String>,
    pub(crate) service_token_roles_required: bool,
    pub(crate) token_cache_time: Option<Duration>,
    pub(crate) token_cache_size: usize,
    pub(crate) validation_timeout: Duration,
    pub(crate) memcached_servers: Vec<String>,
    pub(crate) memcache_security_strategy: MemcacheSecurityStrategy,
    pub(crate) memcache_secret_key: Option<Secret>,
    pub(crate) memcache_pool_socket_timeout: Duration,
    pub(crate) memcache_pool_dead_retry: Duration,
    pub(crate) memcache_pool_maxsize: usize,
}

impl fmt::Debug for AuthTokenConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthTokenConfig")
            .field("www_authenticate_uri", &self.www_authenticate_uri)
            .field("delay_auth_decision", &self.delay_auth_decision)
            .field("include_service_catalog", &self.include_service_catalog)
            .field("service_token_roles", &self.service_token_roles)
            .field(
                "service_token_roles_required",
                &self.service_token_roles_required,
            )
            .field("token_cache_time", &self.token_cache_time)
            .field("token_cache_size", &self.token_cache_size)
            .field("validation_timeout", &self.validation_timeout)
            .field("memcached_servers", &self.memcached_servers)
            .field(
                "memcache_security_strategy",
                &self.memcache_security_strategy,
            )
            .field(
                "memcache_secret_key",
                &self.memcache_secret_key.as_ref().map(|_| "<redacted>"),
            )
            .finish_non_exhaustive()
    }
}

impl AuthTokenConfig {
    /// The defaults, with `www_authenticate_uri`: the public identity endpoint that rejected
    /// clients are sent to (`WWW-Authenticate: Keystone uri="…"`; keystonemiddleware's old name
    /// for it is `auth_uri`).
    ///
    /// ```
    /// let config = keystone_v2_middleware::AuthTokenConfig::new("http://127.0.0.1:5000/v2.0");
    /// # let _ = config;
    /// ```
    pub fn new(www_authenticate_uri: impl Into<String>) -> Self {
        Self {
            www_authenticate_uri: www_authenticate_uri.into(),
            delay_auth_decision: false,
            include_service_catalog: true,
            service_token_roles: vec!["service".to_owned()],
            service_token_roles_required: true,
            token_cache_time: Some(Duration::from_secs(300)),
            token_cache_size: 10_000,
            validation_timeout: Duration::from_secs(10),
            memcached_servers: Vec::new(),
            memcache_security_strategy: MemcacheSecurityStrategy::None,
            memcache_secret_key: None,
            memcache_pool_socket_timeout: Duration::from_secs(3),
            memcache_pool_dead_retry: Duration::from_secs(300),
            memcache_pool_maxsize: 10,
        }
    }

    /// Pass requests with a missing or invalid token on, marked `X-Identity-Status: Invalid`,
    /// and let the application decide (default `false`: answer 401).
    ///
    /// ```
    /// # let c = keystone_v2_middleware::AuthTokenConfig::new("http://k:5000");
    /// let c = c.delay_auth_decision(true);
    /// ```
    pub fn delay_auth_decision(mut self, on: bool) -> Self {
        self.delay_auth_decision = on;
        self
    }

    /// Set `X-Service-Catalog` (the token's catalog as v2 JSON) on valid requests (default
    /// `true`).
    ///
    /// ```
    /// # let c = keystone_v2_middleware::AuthTokenConfig::new("http://k:5000");
    /// let c = c.include_service_catalog(false);
    /// ```
    pub fn include_service_catalog(mut self, on: bool) -> Self {
        self.include_service_catalog = on;
        self
    }

    /// The roles of which a service token must hold one (default `["service"]`).
    ///
    /// ```
    /// # let c = keystone_v2_middleware::AuthTokenConfig::new("http://k:5000");
    /// let c = c.service_token_roles(["service", "admin"]);
    /// ```
    pub fn service_token_roles<I, S>(mut self, roles: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.service_token_roles = roles.into_iter().map(Into::into).collect();
        self
    }

    /// Whether a service token without one of `service_token_roles` is invalid (default `true`,
    /// keystonemiddleware's current default; `false` accepts any valid token as a service token).
    ///
    /// ```
    /// # let c = keystone_v2_middleware::AuthTokenConfig::new("http://k:5000");
    /// let c = c.service_token_roles_required(true);
    /// ```
    pub fn service_token_roles_required(mut self, on: bool) -> Self {
        self.service_token_roles_required = on;
        self
    }

    /// How long a validated token is cached (default 300 s; `None`, keystonemiddleware's `-1`,
    /// disables caching). An entry never outlives its token.
    ///
    /// ```
    /// # let c = keystone_v2_middleware::AuthTokenConfig::new("http://k:5000");
    /// let c = c.token_cache_time(Some(std::time::Duration::from_secs(60)));
    /// ```
    pub fn token_cache_time(mut self, time: Option<Duration>) -> Self {
        self.token_cache_time = time;
        self
    }

    /// The most tokens the in-process cache holds (default 10,000; no keystonemiddleware
    /// equivalent, its in-process cache is unbounded).
    ///
    /// ```
    /// # let c = keystone_v2_middleware::AuthTokenConfig::new("http://k:5000");
    /// let c = c.token_cache_size(50_000);
    /// ```
    pub fn token_cache_size(mut self, entries: usize) -> Self {
        self.token_cache_size = entries.max(1);
        self
    }

    /// The longest one validation may take, shared cache and Keystone included (default 10 s);
    /// past it the request gets 503 (or `Invalid` with `delay_auth_decision`). The client's own
    /// timeouts and retries (`http_connect_timeout`, `http_request_max_retries`) apply inside it.
    ///
    /// ```
    /// # let c = keystone_v2_middleware::AuthTokenConfig::new("http://k:5000");
    /// let c = c.validation_timeout(std::time::Duration::from_secs(5));
    /// ```
    pub fn validation_timeout(mut self, timeout: Duration) -> Self {
        self.validation_timeout = timeout;
        self
    }

    /// The memcached servers (`host:port`) that share validated tokens across a fleet (feature
    /// `memcached`). Empty (the default) caches in this process only.
    ///
    /// ```
    /// # let c = keystone_v2_middleware::AuthTokenConfig::new("http://k:5000");
    /// let c = c.memcached_servers(["127.0.0.1:11211"]);
    /// ```
    pub fn memcached_servers<I, S>(mut self, servers: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.memcached_servers = servers.into_iter().map(Into::into).collect();
        self
    }

    /// How memcached entries are protected (default `None`); `MAC` and `ENCRYPT` need
    /// [`Self::memcache_secret_key`].
    ///
    /// ```
    /// # let c = keystone_v2_middleware::AuthTokenConfig::new("http://k:5000");
    /// use keystone_v2_middleware::MemcacheSecurityStrategy;
    /// let c = c.memcache_security_strategy(MemcacheSecurityStrategy::Encrypt).memcache_secret_key("s3cret");
    /// ```
    pub fn memcache_security_strategy(mut self, strategy: MemcacheSecurityStrategy) -> Self {
        self.memcache_security_strategy = strategy;
        self
    }

    /// The secret the `MAC` / `ENCRYPT` keys are derived from; the same on every service of
    /// the fleet (and on keystonemiddleware services sharing the memcached).
    ///
    /// ```
    /// # let c = keystone_v2_middleware::AuthTokenConfig::new("http://k:5000");
    /// let c = c.memcache_secret_key("s3cret");
    /// ```
    pub fn memcache_secret_key(mut self, key: impl Into<Secret>) -> Self {
        self.memcache_secret_key = Some(key.into());
        self
    }

    /// The longest one memcached operation may take (default 3 s).
    ///
    /// ```
    /// # let c = keystone_v2_middleware::AuthTokenConfig::new("http://k:5000");
    /// let c = c.memcache_pool_socket_timeout(std::time::Duration::from_millis(500));
    /// ```
    pub fn memcache_pool_socket_timeout(mut self, timeout: Duration) -> Self {
        self.memcache_pool_socket_timeout = timeout;
        self
    }

    /// How long a memcached server that failed is left alone before it is tried again (default
    /// 300 s).
    ///
    /// ```
    /// # let c = keystone_v2_middleware::AuthTokenConfig::new("http://k:5000");
    /// let c = c.memcache_pool_dead_retry(std::time::Duration::from_secs(30));
    /// ```
    pub fn memcache_pool_dead_retry(mut self, after: Duration) -> Self {
        self.memcache_pool_dead_retry = after;
        self
    }

    /// The most connections kept open to each memcached server (default 10).
    ///
    /// ```
    /// # let c = keystone_v2_middleware::AuthTokenConfig::new("http://k:5000");
    /// let c = c.memcache_pool_maxsize(4);
    /// ```
    pub fn memcache_pool_maxsize(mut self, connections: usize) -> Self {
        self.memcache_pool_maxsize = connections.max(1);
        self
    }

    pub(crate) fn check(&self) -> Result<(), ConfigError> {
        if http::HeaderValue::from_str(&format!("Keystone uri=\"{}\"", self.www_authenticate_uri))
            .is_err()
            || self.www_authenticate_uri.contains('"')
        {
            return Err(ConfigError::BadWwwAuthenticateUri);
        }
        if self.memcache_security_strategy != MemcacheSecurityStrategy::None
            && self
                .memcache_secret_key
                .as_ref()
                .is_none_or(|k| k.expose().is_empty())
        {
            return Err(ConfigError::MissingSecretKey);
        }
        if !self.memcached_servers.is_empty() && !cfg!(feature = "memcached") {
            return Err(ConfigError::MemcachedNotBuilt);
        }
        for server in &self.memcached_servers {
            let ok = server
                .rsplit_once(':')
                .is_some_and(|(host, port)| !host.is_empty() && port.parse::<u16>().is_ok());
            if !ok {
                return Err(ConfigError::BadMemcachedServer(server.clone()));
            }
        }
        Ok(())
    }
}
