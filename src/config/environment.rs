//! The process environment a configuration is read from: its variables and the places
//! `clouds.yaml` and `secure.yaml` are looked for.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The environment the configuration is read from: variables, the current directory, the
/// home directory and the directories searched. [`Environment::from_process`] is the real
/// one; tests and tools build their own, so nothing reads the real home directory or
/// changes the process's variables.
///
/// ```no_run
/// use keystone_v2::config::Environment;
///
/// let env = Environment::new()
///     .var("OS_CLOUD", "mycloud")
///     .current_dir("/srv/app")
///     .home_dir("/home/me");
/// for dir in env.config_dirs() {
///     println!("{}", dir.display());
/// }
/// let builder = keystone_v2::ClientBuilder::from_config(&env, None)?;
/// # Ok::<(), keystone_v2::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct Environment {
    pub(super) vars: BTreeMap<String, String>,
    pub(super) current_dir: Option<PathBuf>,
    home_dir: Option<PathBuf>,
    site_dirs: Option<Vec<PathBuf>>,
    search_path: Option<Vec<PathBuf>>,
}

impl std::fmt::Debug for Environment {
    // Variables may hold passwords: their names only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Environment")
            .field("vars", &self.vars.keys().collect::<Vec<_>>())
            .field("current_dir", &self.current_dir)
            .field("home_dir", &self.home_dir)
            .field("config_dirs", &self.config_dirs())
            .finish()
    }
}

impl Environment {
    /// An empty environment: no variables, no current or home directory, and the site
    /// directories `/etc/xdg/openstack` and `/etc/openstack`.
    ///
    /// ```
    /// let env = keystone_v2::config::Environment::new();
    /// assert!(env.get("OS_CLOUD").is_none());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The process's variables, current directory and home directory (`HOME`).
    ///
    /// ```no_run
    /// let env = keystone_v2::config::Environment::from_process();
    /// ```
    pub fn from_process() -> Self {
        let vars: BTreeMap<String, String> = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect();
        let home_dir = vars
            .get("HOME")
            .filter(|h| !h.is_empty())
            .map(PathBuf::from);
        Self {
            vars,
            current_dir: std::env::current_dir().ok(),
            home_dir,
            site_dirs: None,
            search_path: None,
        }
    }

    /// Sets a variable.
    ///
    /// ```
    /// let env = keystone_v2::config::Environment::new().var("OS_CLOUD", "mycloud");
    /// assert_eq!(env.get("OS_CLOUD"), Some("mycloud"));
    /// ```
    pub fn var(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.vars.insert(name.into(), value.into());
        self
    }

    /// The current directory (searched first, and the base of relative paths in variables).
    ///
    /// ```
    /// let env = keystone_v2::config::Environment::new().current_dir("/srv/app");
    /// ```
    pub fn current_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.current_dir = Some(dir.into());
        self
    }

    /// The home directory (for `~/.config/openstack`, `~/.cache` and `~` in paths).
    ///
    /// ```
    /// let env = keystone_v2::config::Environment::new().home_dir("/home/me");
    /// ```
    pub fn home_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.home_dir = Some(dir.into());
        self
    }

    /// The site directories, searched last (default: `$XDG_CONFIG_DIRS`' first entry or
    /// `/etc/xdg`, plus `/openstack`, then `/etc/openstack`).
    ///
    /// ```
    /// let env = keystone_v2::config::Environment::new().site_dirs(Vec::<std::path::PathBuf>::new());
    /// ```
    pub fn site_dirs(mut self, dirs: impl IntoIterator<Item = impl Into<PathBuf>>) -> Self {
        self.site_dirs = Some(dirs.into_iter().map(Into::into).collect());
        self
    }

    /// Replaces the whole list of directories searched (`OS_CLIENT_CONFIG_FILE` and
    /// `OS_CLIENT_SECURE_FILE` still go first).
    ///
    /// ```
    /// let env = keystone_v2::config::Environment::new().search_path(["/tmp/conf"]);
    /// assert_eq!(env.config_dirs(), vec![std::path::PathBuf::from("/tmp/conf")]);
    /// ```
    pub fn search_path(mut self, dirs: impl IntoIterator<Item = impl Into<PathBuf>>) -> Self {
        self.search_path = Some(dirs.into_iter().map(Into::into).collect());
        self
    }

    /// A variable's value; an empty value counts as unset.
    ///
    /// ```
    /// let env = keystone_v2::config::Environment::new().var("OS_CLOUD", "");
    /// assert!(env.get("OS_CLOUD").is_none());
    /// ```
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The directories searched for `clouds.yaml`, `secure.yaml` and `clouds-public.yaml`,
    /// in order: the current directory, `$XDG_CONFIG_HOME/openstack` (when set and absolute),
    /// `~/.config/openstack`, then the site directories.
    ///
    /// ```
    /// let env = keystone_v2::config::Environment::new()
    ///     .current_dir("/srv/app").home_dir("/home/me").site_dirs(["/etc/openstack"]);
    /// assert_eq!(env.config_dirs().len(), 3);
    /// ```
    pub fn config_dirs(&self) -> Vec<PathBuf> {
        if let Some(dirs) = &self.search_path {
            return dirs.clone();
        }
        let mut dirs = Vec::new();
        dirs.extend(self.current_dir.clone());
        if let Some(x) = self.get("XDG_CONFIG_HOME").map(PathBuf::from) {
            if x.is_absolute() {
                dirs.push(x.join("openstack"));
            }
        }
        if let Some(home) = &self.home_dir {
            dirs.push(home.join(".config").join("openstack"));
        }
        match &self.site_dirs {
            Some(site) => dirs.extend(site.iter().cloned()),
            None => {
                let xdg = self
                    .get("XDG_CONFIG_DIRS")
                    .and_then(|v| v.split(':').find(|d| d.starts_with('/')))
                    .unwrap_or("/etc/xdg");
                dirs.push(Path::new(xdg).join("openstack"));
                dirs.push(PathBuf::from("/etc/openstack"));
            }
        }
        let mut seen = std::collections::HashSet::new();
        dirs.retain(|d| seen.insert(d.clone()));
        dirs
    }

    /// The user cache directory of this crate: `$XDG_CACHE_HOME/keystone-v2` (when set and
    /// absolute), else `~/.cache/keystone-v2`.
    pub(crate) fn cache_dir(&self) -> Option<PathBuf> {
        if let Some(x) = self.get("XDG_CACHE_HOME").map(PathBuf::from) {
            if x.is_absolute() {
                return Some(x.join("keystone-v2"));
            }
        }
        self.home_dir
            .as_ref()
            .map(|h| h.join(".cache").join("keystone-v2"))
    }

    /// The candidate files `<name>.yaml`, `.yml`, `.json` of each directory, `override_var`'s
    /// file first.
    pub(super) fn files(&self, name: &str, override_var: Option<&str>) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = override_var
            .and_then(|v| self.get(v))
            .map(PathBuf::from)
            .into_iter()
            .collect();
        for dir in self.config_dirs() {
            for ext in ["yaml", "yml", "json"] {
                files.push(dir.join(format!("{name}.{ext}")));
            }
        }
        files
    }

    /// `~` and `~/...` expanded; a relative path joined to `base`.
    pub(super) fn path(&self, value: &str, base: Option<&Path>) -> PathBuf {
        let expanded = match (value.strip_prefix('~'), &self.home_dir) {
            (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
                home.join(rest.trim_start_matches('/'))
            }
            _ => PathBuf::from(value),
        };
        match base {
            Some(base) if expanded.is_relative() => base.join(expanded),
            _ => expanded,
        }
    }
}
