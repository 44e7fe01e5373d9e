//! The configuration users already have: `clouds.yaml`, `secure.yaml`, `clouds-public.yaml` and
//! the `OS_*` variables, read with openstacksdk's rules, and where each setting came from.
//!
//! [`crate::ClientBuilder::from_env`] and [`crate::ClientBuilder::from_cloud`] use it with the
//! process's environment; [`crate::ClientBuilder::from_config`] takes an [`Environment`] of
//! your own (tests, tools that take `--os-cloud`), and [`crate::ClientBuilder::explain`] tells
//! where each setting came from.
//!
//! # The rules
//!
//! - **Files.** `clouds.yaml`, `clouds.yml` and `clouds.json` are looked for in the current
//!   directory, the user config directory (`$XDG_CONFIG_HOME/openstack`, then
//!   `~/.config/openstack`), the site config directory (`$XDG_CONFIG_DIRS`' first entry or
//!   `/etc/xdg`, plus `/openstack`) and `/etc/openstack`, in that order; `OS_CLIENT_CONFIG_FILE`
//!   goes first. **The first file found wins**: files in later places are not merged. An
//!   unreadable file or one that does not parse is skipped with a warning (`tracing`); a file
//!   that is not a mapping is an error naming it.
//! - **secure.yaml.** `secure.yaml` / `.yml` / `.json` by the same search, with
//!   `OS_CLIENT_SECURE_FILE` first, is deep-merged over the clouds file: its values win. A
//!   missing secure file is not an error.
//! - **Profiles.** A cloud's `profile:` (or its old name `cloud:`) names an entry of
//!   `public-clouds` in `clouds-public.yaml` (same search); the cloud's own keys win over the
//!   profile's (keys under `auth:` one by one). openstacksdk's built-in vendor profiles are not
//!   shipped: an unknown profile is a warning.
//! - **Which cloud.** The name given to [`crate::ClientBuilder::from_cloud`] (an argument wins
//!   over `OS_CLOUD`), else `OS_CLOUD`, else the cloud made of the `OS_*` variables (called
//!   `envvars`, or `OS_CLOUD_NAME`; the selecting variables `OS_CLOUD`, `OS_CLOUD_NAME`,
//!   `OS_REGION_NAME` and `OS_CLIENT_*` alone do not make it), else the only cloud of the
//!   file. An unknown cloud, or several clouds and none chosen, is an error that names the
//!   files and lists the valid names. The `OS_*` variables are not mixed into a cloud of the
//!   file, except `OS_REGION_NAME`, which selects its region.
//! - **Keys.** `auth:` (`auth_url`, `username`, `user_id`, `password`, `project_name` /
//!   `tenant_name`, `project_id` / `tenant_id`, `token`, `trust_id`, and `endpoint` for
//!   `admin_token`); a key at the top level of the cloud wins over the same key under `auth:`,
//!   and `project_*` wins over `tenant_*` (the other way round with `auth_type: v2password`).
//!   `auth_type`: `password`, `v2password`, `token`, `v2token`, `admin_token` (also
//!   `token_endpoint`), and for other v2.0 clouds `rackspace_apikey` (`api_key`) and
//!   `hp_accesskey` (`access_key`, `secret_key`), see docs/vendors.md; any other type is an
//!   error. `region_name`, `regions` (names or
//!   `{name, values}`; the first when none is asked for; an unknown region is an error listing
//!   the valid, case-sensitive names); `interface` (and the old `endpoint_type`);
//!   `insecure` (wins over everything), `verify` (`false` turns verification off, a string
//!   is a CA file), `cacert`, `cert`, `key` (`~` is expanded, and a relative path is relative
//!   to the directory of the file that gives it); `api_timeout` (seconds); `cache: {auth:
//!   true}` turns on the file token cache (`cache::FileTokenCache`). `identity_api_version` other than
//!   2.x is an error: this crate speaks Keystone's v2.0 API. Domain keys (`*domain*`) are
//!   ignored with a warning, as v2.0 has no domains; other keys are ignored with a debug log.
//! - **Variables** of the `envvars` cloud: each `OS_<KEY>` is the key `<key>`, so
//!   `OS_AUTH_URL`, `OS_USERNAME`, `OS_PASSWORD`, `OS_PROJECT_NAME` / `OS_TENANT_NAME`,
//!   `OS_INTERFACE` / `OS_ENDPOINT_TYPE`, `OS_TRUST_ID`, `OS_AUTH_TYPE`,
//!   `OS_IDENTITY_API_VERSION`, `OS_CACERT`, `OS_INSECURE`, ... and the legacy keystone CLI's
//!   `OS_SERVICE_TOKEN` / `OS_SERVICE_ENDPOINT` (the admin-token bootstrap).

mod environment;
mod files;
mod loader;

pub use environment::Environment;
pub(crate) use loader::{load, Value};

use std::fmt;
use std::path::PathBuf;

/// Where a setting came from.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Source {
    /// A key of a configuration file (`clouds.yaml`, `secure.yaml`, `clouds-public.yaml`).
    File {
        /// The file.
        path: PathBuf,
        /// The key, dotted from the top of the file: `clouds.mycloud.auth.password`.
        key: String,
    },
    /// An environment variable.
    Env(String),
    /// A method of [`crate::ClientBuilder`] called by the program.
    Argument,
    /// This crate's default.
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::File { path, key } => write!(f, "{} ({key})", path.display()),
            Source::Env(name) => write!(f, "environment variable {name}"),
            Source::Argument => f.write_str("argument"),
            Source::Default => f.write_str("default"),
        }
    }
}

/// One resolved setting of a [`crate::ClientBuilder`], its value shown with secrets masked.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Setting {
    /// The option's name, as the builder's method: `auth_url`, `password`, `timeout`, ...
    pub name: &'static str,
    /// The value as shown: `***` for a secret.
    pub value: String,
    /// Where it came from.
    pub source: Source,
}

/// What [`crate::ClientBuilder::explain`] returns: each setting with its source, and notes
/// (the files read, keys ignored, a configuration error). Its `Display` is a table; it never
/// shows a secret.
///
/// ```no_run
/// let explanation = keystone_v2::ClientBuilder::from_env().explain();
/// println!("{explanation}");
/// for setting in &explanation.settings {
///     println!("{} came from {}", setting.name, setting.source);
/// }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Explanation {
    /// The settings, in the builder's order.
    pub settings: Vec<Setting>,
    /// The files read, the cloud chosen and why, keys ignored, and the configuration error
    /// that [`crate::ClientBuilder::build`] will return, if any.
    pub notes: Vec<String>,
}

impl Explanation {
    /// The setting called `name`, if it is set.
    ///
    /// ```no_run
    /// let e = keystone_v2::ClientBuilder::from_env().explain();
    /// if let Some(s) = e.get("auth_url") { println!("auth_url from {}", s.source); }
    /// ```
    pub fn get(&self, name: &str) -> Option<&Setting> {
        self.settings.iter().find(|s| s.name == name)
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name_w = self
            .settings
            .iter()
            .map(|s| s.name.len())
            .max()
            .unwrap_or(0);
        let value_w = self
            .settings
            .iter()
            .map(|s| s.value.chars().count().min(60))
            .max()
            .unwrap_or(0);
        for s in &self.settings {
            writeln!(f, "{:name_w$}  {:value_w$}  {}", s.name, s.value, s.source)?;
        }
        for note in &self.notes {
            writeln!(f, "note: {note}")?;
        }
        Ok(())
    }
}
