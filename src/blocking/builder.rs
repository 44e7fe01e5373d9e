//! [`ClientBuilder`]: the async [`crate::ClientBuilder`], building a blocking [`Client`].

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::{Background, Client};
use crate::cache::TokenCache;
use crate::config::{Environment, Explanation};
use crate::{AccessInfo, Interface, Jitter, Result, Secret};

impl Client {
    /// A builder with the async client's options ([`crate::ClientBuilder`]).
    ///
    /// ```
    /// let builder = keystone_v2::blocking::Client::builder();
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }
}

/// Builds a blocking [`Client`]: every option of [`crate::ClientBuilder`], with the same
/// defaults and checks. Building does no network I/O; it starts the client's runtime.
///
/// An option of the async builder that has no method here yet is reached through
/// [`From<crate::ClientBuilder>`]:
///
/// ```no_run
/// # fn run() -> keystone_v2::Result<()> {
/// let options = keystone_v2::Client::builder()
///     .auth_url("http://127.0.0.1:5000/v2.0")
///     .username("admin").password("secret").tenant_name("admin");
/// let client = keystone_v2::blocking::ClientBuilder::from(options).build()?;
/// let tenants = client.tenants().list(Default::default())?;
/// # Ok(()) }
/// ```
#[derive(Clone, Default)]
#[must_use]
pub struct ClientBuilder {
    inner: crate::ClientBuilder,
}

/// Its `Debug` is the async builder's: secrets show as `Secret(***)`.
impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("blocking::ClientBuilder")
            .field(&self.inner)
            .finish()
    }
}

impl From<crate::ClientBuilder> for ClientBuilder {
    /// The blocking builder with the options of an async builder.
    fn from(inner: crate::ClientBuilder) -> Self {
        Self { inner }
    }
}

/// One method per option of [`crate::ClientBuilder`], forwarding to it; `$example` is the
/// call in the example. The names are kept in `FORWARDED`, which a test compares with the
/// async builder's source.
macro_rules! forward {
    ($( $name:ident($($value:ident: $ty:ty),+) => $example:literal; )*) => {
        impl ClientBuilder {
            $(
                #[doc = concat!("[`crate::ClientBuilder::", stringify!($name),
                    "`]: the same option, for the blocking client.")]
                #[doc = super::example!("saved: keystone_v2::AccessInfo" =>
                    concat!("let b = keystone_v2::blocking::Client::builder().", $example, ";"))]
                pub fn $name(self, $($value: $ty),+) -> Self {
                    Self { inner: self.inner.$name($($value),+) }
                }
            )*
        }

        #[cfg(test)]
        pub(crate) const FORWARDED: &[&str] = &[$(stringify!($name)),*];
    };
}

forward! {
    username(value: impl Into<String>) => r#"username("admin")"#;
    user_id(value: impl Into<String>) => r#"user_id("3a9a06e4af0a434580a3ac7b9d19f69b")"#;
    password(value: impl Into<Secret>) => r#"password("secret")"#;
    token(value: impl Into<Secret>) => r#"token("ADMIN")"#;
    api_key(api_key: impl Into<Secret>) => r#"username("demoauthor").api_key("aaaaa-bbbbb")"#;
    access_key(access_key: impl Into<String>) => r#"access_key("AK0123").secret_key("s3cr3t")"#;
    secret_key(secret_key: impl Into<Secret>) => r#"access_key("AK0123").secret_key("s3cr3t")"#;
    passcode_callback(
        callback: impl Fn(&crate::PasscodePrompt) -> Option<Secret> + Send + Sync + 'static
    ) => r#"passcode_callback(|_| Some(keystone_v2::Secret::new("123456")))"#;
    tenant_id(value: impl Into<String>) => r#"tenant_id("17c188128a744898889d63f768fd7a1e")"#;
    tenant_name(value: impl Into<String>) => r#"tenant_name("admin")"#;
    trust_id(value: impl Into<String>) => r#"trust_id("a1b2")"#;
    auth_url(value: impl Into<String>) => r#"auth_url("http://127.0.0.1:5000/v2.0")"#;
    region_name(value: impl Into<String>) => r#"region_name("RegionOne")"#;
    endpoint(value: impl Into<String>) => r#"endpoint("http://127.0.0.1:35357/v2.0")"#;
    original_ip(value: impl Into<String>) => r#"original_ip("10.100.100.1")"#;
    timeout(timeout: Duration) => "timeout(std::time::Duration::from_secs(5))";
    attempt_timeout(timeout: Duration) => "attempt_timeout(std::time::Duration::from_secs(3))";
    max_body_size(bytes: u64) => "max_body_size(4 * 1024 * 1024)";
    cert(path: impl Into<PathBuf>) => r#"cert("client.pem")"#;
    key(path: impl Into<PathBuf>) => r#"key("client.key")"#;
    cacert(path: impl Into<PathBuf>) => r#"cacert("ca.pem")"#;
    cacert_pem(pem: impl Into<Vec<u8>>) => r#"cacert_pem(b"-----BEGIN CERTIFICATE-----\n...".to_vec())"#;
    cert_pem(pem: impl Into<Vec<u8>>) => r#"cert_pem(b"...".to_vec())"#;
    key_pem(pem: impl Into<Vec<u8>>) => r#"key_pem(b"...".to_vec())"#;
    insecure(insecure: bool) => "insecure(true)";
    auth_ref(auth_ref: AccessInfo) => "auth_ref(saved)";
    debug(debug: bool) => "debug(true)";
    stale_duration(stale: Duration) => "stale_duration(std::time::Duration::from_secs(120))";
    user_agent(user_agent: impl Into<String>) => r#"user_agent("my-tool/1.0")"#;
    connect_retries(retries: u32) => "connect_retries(3)";
    retries(retries: u32) => "retries(0)";
    retriable_status_codes(codes: &[u16]) => "retriable_status_codes(&[502, 503, 504])";
    retry_delay(delay: Duration) => "retry_delay(std::time::Duration::from_millis(200))";
    max_retry_delay(delay: Duration) => "max_retry_delay(std::time::Duration::from_secs(5))";
    retry_jitter(jitter: Jitter) => "retry_jitter(keystone_v2::Jitter::Full)";
    global_request_id(id: impl Into<String>) =>
        r#"global_request_id("req-6c5f5f5e-2c0b-4b8e-9a4c-5d1f9f1c2e3a")"#;
    app_name(name: impl Into<String>) => r#"app_name("deployer")"#;
    app_version(version: impl Into<String>) => r#"app_name("deployer").app_version("1.4.2")"#;
    additional_user_agent(name: impl Into<String>, version: impl Into<String>) =>
        r#"additional_user_agent("nova-plugin", "0.3")"#;
    rate_limit(requests_per_second: f64) => "rate_limit(20.0)";
    max_concurrency(n: usize) => "max_concurrency(8)";
    tcp_keepalive(interval: Duration) => "tcp_keepalive(std::time::Duration::from_secs(60))";
    collect_timing(on: bool) => "collect_timing(true)";
    log_curl(on: bool) => "log_curl(true)";
    endpoint_override(service_type: impl Into<String>, url: impl Into<String>) =>
        r#"endpoint_override("compute", "http://nova.internal:8774/v2.1/3a9a06e4")"#;
    record(recorder: Arc<crate::engine::Recorder>) =>
        "record(std::sync::Arc::new(keystone_v2::hooks::Recorder::new()))";
    interface(interface: Interface) => "interface(keystone_v2::Interface::Internal)";
    token_cache(cache: Arc<dyn TokenCache>) =>
        r#"token_cache(std::sync::Arc::new(keystone_v2::cache::FileTokenCache::new("token-cache")?))"#;
}

impl ClientBuilder {
    /// [`crate::ClientBuilder::from_env`]: the configuration of `clouds.yaml`, `secure.yaml`
    /// and the `OS_*` variables, with the same rules; an error is returned by
    /// [`ClientBuilder::build`].
    ///
    /// ```no_run
    /// let client = keystone_v2::blocking::ClientBuilder::from_env().build()?;
    /// # Ok::<(), keystone_v2::Error>(())
    /// ```
    pub fn from_env() -> Self {
        crate::ClientBuilder::from_env().into()
    }

    /// [`crate::ClientBuilder::from_cloud`]: the cloud `name` of `clouds.yaml`.
    ///
    /// ```no_run
    /// let client = keystone_v2::blocking::ClientBuilder::from_cloud("mycloud").build()?;
    /// # Ok::<(), keystone_v2::Error>(())
    /// ```
    pub fn from_cloud(name: &str) -> Self {
        crate::ClientBuilder::from_cloud(name).into()
    }

    /// [`crate::ClientBuilder::from_config`]: the configuration of `env`, for `cloud` or the
    /// default cloud.
    ///
    /// # Errors
    /// As [`crate::ClientBuilder::from_config`]: [`crate::Error::Configuration`] naming the
    /// file and key.
    ///
    /// ```no_run
    /// use keystone_v2::config::Environment;
    /// let env = Environment::new().var("OS_CLOUD", "prod");
    /// let client = keystone_v2::blocking::ClientBuilder::from_config(&env, None)?.build()?;
    /// # Ok::<(), keystone_v2::Error>(())
    /// ```
    pub fn from_config(env: &Environment, cloud: Option<&str>) -> Result<Self> {
        crate::ClientBuilder::from_config(env, cloud).map(Self::from)
    }

    /// [`crate::ClientBuilder::explain`]: each setting with its source, secrets masked.
    ///
    /// ```no_run
    /// println!("{}", keystone_v2::blocking::ClientBuilder::from_env().explain());
    /// ```
    pub fn explain(&self) -> Explanation {
        self.inner.explain()
    }

    /// Checks the options as [`crate::ClientBuilder::build`] does and builds the client with
    /// its runtime (one worker thread, shared by the clones of the client; see
    /// [the module](super)). It can be called anywhere, in async code too.
    ///
    /// # Errors
    /// Those of [`crate::ClientBuilder::build`], and [`crate::Error::Configuration`] when the
    /// runtime cannot be started (no thread could be spawned).
    ///
    /// ```no_run
    /// let client = keystone_v2::blocking::Client::builder()
    ///     .auth_url("http://127.0.0.1:5000/v2.0").username("admin").password("secret")
    ///     .build()?;
    /// # Ok::<(), keystone_v2::Error>(())
    /// ```
    pub fn build(self) -> Result<Client> {
        let runtime = Background::start()?;
        let client = {
            let _entered = runtime.handle.enter();
            self.inner.build()?
        };
        Ok(Client::new(runtime, client))
    }
}
