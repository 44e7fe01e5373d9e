//! An embedded, stateful, in-memory emulator of the Keystone 12.0.3 (Pike) Identity v2.0 API,
//! for tests (feature `emulator`).
//!
//! [`Emulator::start`] serves the public and the admin API on two loopback ports, bootstrapped
//! like a fresh Keystone: user `admin` (password `secret`), tenant `admin`, roles `admin` and
//! `_member_`, and the identity service whose endpoints point at the emulator itself. Every
//! operation of `spec/keystone-v2.0.yaml` behaves as the real server does - status codes, body
//! shapes, error messages, policy (401/403), token scoping, rescoping, expiry and revocation,
//! EC2/S3 signature checks, Keystone's quirks included (`tests/emulator_conformance.rs` runs
//! the live conformance scenario against it, `tests/differential.rs` compares both servers).
//!
//! [`Control`] lets a test move the clock, change the token lifetime, make tokens built outside
//! the emulator valid ([`Control::add_token`]), inject faults (error statuses, delays,
//! truncated or non-JSON bodies, dropped connections), shape the catalog and count requests. Requests are counted per operation (method and path template of the spec,
//! such as `DELETE /v2.0/tenants/{tenant_id}`, which [`Control::operation_count`] calls
//! `tenants_delete`), never per concrete path.
//!
//! ```no_run
//! use std::time::Duration;
//! use keystone_v2::emulator::{Emulator, Fault, Match};
//!
//! # async fn demo() -> std::io::Result<()> {
//! let emulator = Emulator::start().await?;
//! let control = emulator.control();
//! control.inject(Fault::status(503).retry_after(1), Match::new("POST", "/v2.0/tokens"), 1);
//! // ... point a client at emulator.public_url() / emulator.admin_url() ...
//! control.advance(Duration::from_secs(3600)); // every token issued so far has expired
//! assert_eq!(control.request_count("POST", "/v2.0/tokens"), 0);
//! emulator.shutdown().await;
//! # Ok(()) }
//! ```
//!
//! # Memory
//!
//! An emulator's memory follows its live data, not the number of requests it served, so the
//! binary can run for a long time (`tests/emulator_memory.rs` creates and deletes 100,000
//! tenants and checks that its RSS stays flat):
//!
//! - request counters: one per method and path template (and one per method for paths of no
//!   operation), whatever the ids;
//! - deleted tenants, users, roles, services, endpoints and EC2 credentials are removed,
//!   with their role grants and credentials; nothing is kept of them;
//! - tokens, revoked ones included, are kept until they expire, as Keystone keeps them (a
//!   revoked token is in the revocation list until its expiry); expired ones are dropped when
//!   the next token is issued. So the table holds the tokens issued within one token lifetime:
//!   a client that authenticates for every call, with a long token lifetime, makes it grow,
//!   as it would make a UUID-token Keystone's token table grow; tokens added with
//!   [`Control::add_token`] are kept until one is added after their expiry;
//! - an injected fault is kept until it has been used as many times as asked, or until
//!   [`Control::clear_faults`];
//! - requests and responses are not recorded (the emulator only emits `tracing` events), and a
//!   closed connection's task is reaped.
//!
//! # Rackspace mode
//!
//! With [`EmulatorConfig::dialect`]`(`[`Dialect::Rackspace`]`)` it speaks Rackspace Cloud
//! Identity v2.0 as the vendor's published examples show it: API key
//! (`RAX-KSKEY:apiKeyCredentials`), two-step multi-factor and HP access key logins, the
//! vendor's token, user and catalog shapes (two `compute` services, region-less global
//! services, per-endpoint `tenantId`, no `adminURL`) and fault bodies, with a demo account
//! ([`RACKSPACE_USERNAME`] on [`RACKSPACE_TENANT`]). [`Control::api_key`],
//! [`Control::enable_mfa`] and their kin set the credentials (`docs/emulator.md`, "Rackspace
//! mode").
//!
//! Known differences with a real Keystone: trusts, federation, OAuth1 and v3 are not served;
//! the revocation list is base64 in a CMS armor, not a signed CMS document; revoking happens at
//! once (Keystone's revocation events have a one-second precision); the own-password change
//! does not sleep one second.

mod compute;
mod control;
mod dialect;
mod faults;
mod fixtures;
mod handlers;
mod rackspace;
mod routes;
mod server;
mod shared;
mod signature;
mod state;
mod wire;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use control::{Control, UnknownUser};
pub use dialect::Dialect;
pub use faults::{Fault, Match};
pub use rackspace::{RACKSPACE_PASSWORD, RACKSPACE_REGIONS, RACKSPACE_TENANT, RACKSPACE_USERNAME};
pub use state::AddTokenError;

use crate::operations::Api;
use shared::Shared;
use state::{Bootstrap, State};

/// The name of the cloud in [`Emulator::clouds_yaml`].
pub const CLOUD_NAME: &str = "keystone-v2-emulator";
/// The name of the API-key cloud of [`Emulator::clouds_yaml`] in Rackspace mode.
pub const RACKSPACE_CLOUD_NAME: &str = "keystone-v2-emulator-rackspace";

/// How to start an [`Emulator`]. The default binds both APIs to `127.0.0.1` on ephemeral ports,
/// with admin password `secret`, static admin token `ADMIN` and one-hour tokens.
///
/// ```no_run
/// use std::time::Duration;
/// use keystone_v2::emulator::EmulatorConfig;
///
/// let config = EmulatorConfig::default()
///     .admin_password("s3cret")
///     .admin_token("TOKEN")
///     .token_lifetime(Duration::from_secs(60));
/// # let _ = config;
/// ```
#[derive(Clone)]
pub struct EmulatorConfig {
    public_addr: SocketAddr,
    admin_addr: SocketAddr,
    admin_password: String,
    admin_token: String,
    token_lifetime: Duration,
    compute: bool,
    dialect: Dialect,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        let loopback = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0);
        Self {
            public_addr: loopback,
            admin_addr: loopback,
            admin_password: "secret".to_owned(),
            admin_token: "ADMIN".to_owned(),
            token_lifetime: Duration::from_secs(3600),
            compute: false,
            dialect: Dialect::Keystone,
        }
    }
}

impl std::fmt::Debug for EmulatorConfig {
    // The password and the admin token are secrets: not shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorConfig")
            .field("public_addr", &self.public_addr)
            .field("admin_addr", &self.admin_addr)
            .field("token_lifetime", &self.token_lifetime)
            .field("compute", &self.compute)
            .field("dialect", &self.dialect)
            .finish_non_exhaustive()
    }
}

impl EmulatorConfig {
    /// Where the public API listens (port 0: an ephemeral port).
    ///
    /// ```no_run
    /// let config = keystone_v2::emulator::EmulatorConfig::default()
    ///     .public_addr(([127, 0, 0, 1], 5000).into());
    /// # let _ = config;
    /// ```
    pub fn public_addr(mut self, addr: SocketAddr) -> Self {
        self.public_addr = addr;
        self
    }

    /// Where the admin API listens (port 0: an ephemeral port).
    ///
    /// ```no_run
    /// let config = keystone_v2::emulator::EmulatorConfig::default()
    ///     .admin_addr(([127, 0, 0, 1], 35357).into());
    /// # let _ = config;
    /// ```
    pub fn admin_addr(mut self, addr: SocketAddr) -> Self {
        self.admin_addr = addr;
        self
    }

    /// The password of the bootstrap user `admin`.
    ///
    /// ```no_run
    /// let config = keystone_v2::emulator::EmulatorConfig::default().admin_password("pw");
    /// # let _ = config;
    /// ```
    pub fn admin_password(mut self, password: impl Into<String>) -> Self {
        self.admin_password = password.into();
        self
    }

    /// The static admin token (`[DEFAULT] admin_token`), accepted as an admin's `X-Auth-Token`
    /// on both APIs. An empty string disables it.
    ///
    /// ```no_run
    /// let config = keystone_v2::emulator::EmulatorConfig::default().admin_token("ADMIN");
    /// # let _ = config;
    /// ```
    pub fn admin_token(mut self, token: impl Into<String>) -> Self {
        self.admin_token = token.into();
        self
    }

    /// Also serve a small `compute` service (off by default, so that the catalog is the one a
    /// fresh Keystone has): the catalog gets a `compute` service named `nova` in `RegionOne`
    /// at `<public origin>/compute/v2.1/<tenant_id>` (public and internal) and
    /// `<admin origin>/compute/v2.1/<tenant_id>` (admin), which checks the token and echoes
    /// each request as JSON with an `x-compute-request-id`; injected faults apply to it. It is
    /// there to test requests to a service of the catalog ([`crate::Client::service`]).
    ///
    /// ```no_run
    /// let config = keystone_v2::emulator::EmulatorConfig::default().compute_service(true);
    /// # let _ = config;
    /// ```
    pub fn compute_service(mut self, on: bool) -> Self {
        self.compute = on;
        self
    }

    /// The identity service to speak ([`Dialect::Keystone`] by default). In
    /// [`Dialect::Rackspace`] the emulator speaks Rackspace Cloud Identity v2.0 as its
    /// published examples show it: API key, multi-factor and access key logins (see
    /// [`Control::set_api_key`], [`Control::enable_mfa`]), the vendor's token, user and catalog
    /// shapes, its fault bodies, and a demo account ([`RACKSPACE_USERNAME`] on tenant
    /// [`RACKSPACE_TENANT`]) next to Keystone's `admin`. The catalog's URLs point back at the
    /// emulator, which echoes requests to them like the compute service does.
    ///
    /// ```no_run
    /// use keystone_v2::emulator::{Dialect, EmulatorConfig};
    /// let config = EmulatorConfig::default().dialect(Dialect::Rackspace);
    /// # let _ = config;
    /// ```
    pub fn dialect(mut self, dialect: Dialect) -> Self {
        self.dialect = dialect;
        self
    }

    /// The lifetime of the tokens issued (`[token] expiration`).
    ///
    /// ```no_run
    /// let config = keystone_v2::emulator::EmulatorConfig::default()
    ///     .token_lifetime(std::time::Duration::from_secs(600));
    /// # let _ = config;
    /// ```
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = lifetime;
        self
    }
}

/// A running emulator: the public and the admin API, sharing one in-memory state. Dropping it
/// stops both servers and closes their connections; [`Emulator::shutdown`] also waits for that.
pub struct Emulator {
    public_addr: SocketAddr,
    admin_addr: SocketAddr,
    admin_password: String,
    admin_token: String,
    control: Control,
    tasks: Vec<JoinHandle<()>>,
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("public_url", &self.public_url())
            .field("admin_url", &self.admin_url())
            .finish_non_exhaustive()
    }
}

/// `http://<addr>/v2.0`, with a wildcard address replaced by the loopback address.
fn base_url(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/v2.0", SocketAddr::new(ip, addr.port()))
}

impl Emulator {
    /// Starts an emulator with the default configuration: both APIs on `127.0.0.1`, ephemeral
    /// ports. Needs a Tokio runtime.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// println!("{} {}", emulator.public_url(), emulator.admin_url());
    /// # Ok(()) }
    /// ```
    pub async fn start() -> std::io::Result<Emulator> {
        Self::start_with(EmulatorConfig::default()).await
    }

    /// Starts an emulator with `config`.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// use keystone_v2::emulator::{Emulator, EmulatorConfig};
    /// let emulator = Emulator::start_with(EmulatorConfig::default().admin_password("pw")).await?;
    /// # let _ = emulator; Ok(()) }
    /// ```
    pub async fn start_with(config: EmulatorConfig) -> std::io::Result<Emulator> {
        let public = TcpListener::bind(config.public_addr).await?;
        let admin = TcpListener::bind(config.admin_addr).await?;
        let (public_addr, admin_addr) = (public.local_addr()?, admin.local_addr()?);
        let mut state = State::bootstrap(&Bootstrap {
            admin_password: config.admin_password.clone(),
            public_url: base_url(public_addr),
            admin_url: base_url(admin_addr),
            token_lifetime: config.token_lifetime,
            compute: config.compute,
        });
        if config.dialect == Dialect::Rackspace {
            let origin = base_url(public_addr);
            rackspace::bootstrap(&mut state, origin.trim_end_matches("/v2.0"));
        }
        let shared = Arc::new(Shared {
            state: Mutex::new(state),
            monitor: Mutex::default(),
            clock: shared::Clock::default(),
            admin_token: config.admin_token.clone(),
            compute: config.compute,
            dialect: config.dialect,
        });
        let tasks = vec![
            server::spawn(public, Api::Public, shared.clone()),
            server::spawn(admin, Api::Admin, shared.clone()),
        ];
        Ok(Emulator {
            public_addr,
            admin_addr,
            admin_password: config.admin_password,
            admin_token: config.admin_token,
            control: Control { shared },
            tasks,
        })
    }

    /// The public API: `http://127.0.0.1:<port>/v2.0`.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// assert!(emulator.public_url().ends_with("/v2.0"));
    /// # Ok(()) }
    /// ```
    pub fn public_url(&self) -> String {
        base_url(self.public_addr)
    }

    /// The admin API: `http://127.0.0.1:<port>/v2.0`.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// assert!(emulator.admin_url().ends_with("/v2.0"));
    /// # Ok(()) }
    /// ```
    pub fn admin_url(&self) -> String {
        base_url(self.admin_addr)
    }

    /// A `clouds.yaml` for this emulator: one cloud, `keystone-v2-emulator`, with the
    /// bootstrap admin (`admin` on tenant `admin`, its password included), region
    /// `RegionOne` and `identity_api_version: "2.0"`, so that configuration handling can be
    /// tested against it. In Rackspace mode a second cloud, `keystone-v2-emulator-rackspace`
    /// (`auth_type: rackspace_apikey`), logs in as the demo user with its API key. The password
    /// and the key are in the text: write it to a private file.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// std::fs::write("clouds.yaml", emulator.clouds_yaml())?;
    /// let client = keystone_v2::ClientBuilder::from_cloud("keystone-v2-emulator").build()?;
    /// # Ok(()) }
    /// ```
    pub fn clouds_yaml(&self) -> String {
        // JSON strings are valid YAML scalars, and quote whatever the password holds.
        let quote = |s: &str| serde_json::Value::String(s.to_owned()).to_string();
        let mut text = format!(
            "# A clouds.yaml for the keystone-v2 emulator (admin API at {admin}).\n\
             clouds:\n  \
               {name}:\n    \
                 auth_type: password\n    \
                 identity_api_version: \"2.0\"\n    \
                 region_name: {region}\n    \
                 auth:\n      \
                   auth_url: {url}\n      \
                   username: admin\n      \
                   password: {password}\n      \
                   project_name: admin\n",
            admin = self.admin_url(),
            name = CLOUD_NAME,
            region = state::BOOTSTRAP_REGION,
            url = quote(&self.public_url()),
            password = quote(&self.admin_password),
        );
        if self.control.shared.dialect == Dialect::Rackspace {
            if let Ok(key) = self.control.api_key(RACKSPACE_USERNAME) {
                text.push_str(&format!(
                    "  {name}:\n    \
                       auth_type: rackspace_apikey\n    \
                       auth:\n      \
                         auth_url: {url}\n      \
                         username: {user}\n      \
                         api_key: {key}\n",
                    name = RACKSPACE_CLOUD_NAME,
                    url = quote(&self.public_url()),
                    user = quote(RACKSPACE_USERNAME),
                    key = quote(&key),
                ));
            }
        }
        text
    }

    /// The address the public API listens on.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// println!("{}", emulator.public_addr().port());
    /// # Ok(()) }
    /// ```
    pub fn public_addr(&self) -> SocketAddr {
        self.public_addr
    }

    /// The address the admin API listens on.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// println!("{}", emulator.admin_addr().port());
    /// # Ok(()) }
    /// ```
    pub fn admin_addr(&self) -> SocketAddr {
        self.admin_addr
    }

    /// The password of the bootstrap user `admin`.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// assert_eq!(emulator.admin_password(), "secret");
    /// # Ok(()) }
    /// ```
    pub fn admin_password(&self) -> &str {
        &self.admin_password
    }

    /// The static admin token.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// assert_eq!(emulator.admin_token(), "ADMIN");
    /// # Ok(()) }
    /// ```
    pub fn admin_token(&self) -> &str {
        &self.admin_token
    }

    /// A handle to control the emulator (clock, faults, catalog, counters); cheap to clone.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// let control = emulator.control();
    /// control.reset_counts();
    /// # Ok(()) }
    /// ```
    pub fn control(&self) -> Control {
        self.control.clone()
    }

    /// Stops both servers, closes their connections and waits until they are gone.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// emulator.shutdown().await;
    /// # Ok(()) }
    /// ```
    pub async fn shutdown(mut self) {
        for task in std::mem::take(&mut self.tasks) {
            task.abort();
            // A cancelled task reports a JoinError: the expected outcome.
            let _cancelled = task.await;
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}
