//! An opt-in token cache, so that short-lived processes with the same credentials share one
//! token instead of each logging in (each login costs Keystone a password check and a token).
//!
//! [`crate::ClientBuilder::token_cache`] turns it on (or `cache: {auth: true}` in
//! `clouds.yaml`). The client then, with its in-process single flight held:
//!
//! 1. uses the cached token if it has more than `stale_duration` left (and is not the token
//!    just refused with a 401, whose entry it removes);
//! 2. otherwise takes the entry's lock (shared by every process using the cache), reads the
//!    entry again (another process may have just stored one), and only then authenticates
//!    (`POST /v2.0/tokens`) and stores the new token before releasing the lock.
//!
//! So N processes started together with a cold cache make one `POST /v2.0/tokens`
//! (`tests/token_cache.rs` measures it). [`crate::Client::logout`] revokes the token on the
//! server and deletes the entry.
//!
//! [`FileTokenCache`] keeps one file per identity in a directory of its own:
//! - the directory is created `0700` and each file `0600` at creation (Unix), and a warning
//!   is logged when an existing entry is readable by others;
//! - an entry is written to a temporary file and renamed over the old one, under the entry's
//!   lock; the format is versioned JSON (never executable, unlike a pickle);
//! - the file name is an HMAC-SHA256, with a random key kept in the directory, of every
//!   identity input, the password or token included: a changed password misses the cache,
//!   and the name reveals nothing (not even a guessable hash of a weak password).

use std::fmt;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::access::AccessInfo;
use crate::{Error, Result};

/// The version of the entry format [`FileTokenCache`] writes.
pub const FORMAT_VERSION: u32 = 1;
const FORMAT_NAME: &str = "keystone-v2 token cache";

/// An entry's key: a keyed hash of an identity, in hex. It reveals nothing of the inputs.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct CacheKey(String);

impl fmt::Debug for CacheKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CacheKey({})", self.0)
    }
}

impl CacheKey {
    /// HMAC-SHA256 with `secret` of the identity's `(name, value)` pairs, each length-prefixed
    /// so that no two identities give the same input. For implementations of [`TokenCache`].
    ///
    /// ```
    /// use keystone_v2::cache::CacheKey;
    /// let a = CacheKey::keyed(b"k", &[("username", "admin"), ("password", "secret")]);
    /// let b = CacheKey::keyed(b"k", &[("username", "admin"), ("password", "changed")]);
    /// assert_ne!(a, b);
    /// assert!(!a.as_str().contains("admin"));
    /// ```
    pub fn keyed(secret: &[u8], identity: &[(&str, &str)]) -> CacheKey {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret)
            .expect("HMAC accepts a key of any length");
        mac.update(b"keystone-v2 token cache key v1\0");
        for (name, value) in identity {
            for part in [name.as_bytes(), value.as_bytes()] {
                mac.update(&(part.len() as u64).to_be_bytes());
                mac.update(part);
            }
        }
        let digest = mac.finalize().into_bytes();
        CacheKey(digest.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// The key in hex.
    ///
    /// ```
    /// let k = keystone_v2::cache::CacheKey::keyed(b"k", &[]);
    /// assert_eq!(k.as_str().len(), 64);
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An exclusive lock on one entry, held until dropped.
#[must_use]
pub struct CacheLock(#[allow(dead_code)] Box<dyn Send + Sync>);

impl fmt::Debug for CacheLock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CacheLock")
    }
}

impl CacheLock {
    /// A lock that is released when `guard` is dropped.
    ///
    /// ```
    /// let lock = keystone_v2::cache::CacheLock::new(());
    /// drop(lock);
    /// ```
    pub fn new(guard: impl Send + Sync + 'static) -> Self {
        CacheLock(Box::new(guard))
    }
}

/// Where a [`crate::Client`] keeps its tokens between processes. The methods are called with
/// the client's single flight held; they should be quick (local storage).
///
/// ```no_run
/// use keystone_v2::cache::{CacheKey, TokenCache};
/// use keystone_v2::AccessInfo;
///
/// #[derive(Debug, Default)]
/// struct Memory(std::sync::Mutex<std::collections::HashMap<CacheKey, AccessInfo>>);
///
/// impl TokenCache for Memory {
///     fn key(&self, identity: &[(&str, &str)]) -> keystone_v2::Result<CacheKey> {
///         Ok(CacheKey::keyed(b"an in-process secret", identity))
///     }
///     fn load(&self, key: &CacheKey) -> keystone_v2::Result<Option<AccessInfo>> {
///         Ok(self.0.lock().unwrap().get(key).cloned())
///     }
///     fn store(&self, key: &CacheKey, access: &AccessInfo) -> keystone_v2::Result<()> {
///         self.0.lock().unwrap().insert(key.clone(), access.clone());
///         Ok(())
///     }
///     fn remove(&self, key: &CacheKey) -> keystone_v2::Result<()> {
///         self.0.lock().unwrap().remove(key);
///         Ok(())
///     }
/// }
/// let client = keystone_v2::Client::builder()
///     .auth_url("http://127.0.0.1:5000/v2.0").username("admin").password("secret")
///     .token_cache(std::sync::Arc::new(Memory::default()))
///     .build()?;
/// # Ok::<(), keystone_v2::Error>(())
/// ```
pub trait TokenCache: Send + Sync + fmt::Debug {
    /// The key of an identity: every input that makes a token (auth URL, user, secret,
    /// scope), as `(name, value)` pairs. It must be a keyed hash that reveals nothing.
    fn key(&self, identity: &[(&str, &str)]) -> Result<CacheKey>;
    /// The cached token data of `key`, if any (a corrupt or older-format entry is a miss).
    fn load(&self, key: &CacheKey) -> Result<Option<AccessInfo>>;
    /// Stores `access` as `key`'s entry, atomically (a reader sees the old or the new entry).
    fn store(&self, key: &CacheKey, access: &AccessInfo) -> Result<()>;
    /// Deletes `key`'s entry; a missing entry is not an error.
    fn remove(&self, key: &CacheKey) -> Result<()>;
    /// Tries to take the exclusive lock of `key` for every user of the cache (other
    /// processes included): `Ok(None)` when someone else holds it. The client holds it around
    /// authenticate-and-store. The default is a lock that always succeeds (no sharing).
    fn try_lock(&self, key: &CacheKey) -> Result<Option<CacheLock>> {
        let _ = key;
        Ok(Some(CacheLock::new(())))
    }
}

/// A [`TokenCache`] in files, shared by every process of the user (see the module's
/// documentation for its security properties).
///
/// ```no_run
/// let cache = keystone_v2::cache::FileTokenCache::default_location()?;
/// let client = keystone_v2::ClientBuilder::from_env()
///     .token_cache(std::sync::Arc::new(cache))
///     .build()?;
/// # Ok::<(), keystone_v2::Error>(())
/// ```
pub struct FileTokenCache {
    dir: PathBuf,
    secret: Vec<u8>,
}

impl fmt::Debug for FileTokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FileTokenCache")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

fn io_error(what: &str, path: &Path, e: std::io::Error) -> Error {
    Error::Configuration(format!(
        "token cache: cannot {what} {}: {e}",
        path.display()
    ))
}

#[cfg(unix)]
fn private_file(options: &mut std::fs::OpenOptions) -> &mut std::fs::OpenOptions {
    use std::os::unix::fs::OpenOptionsExt;
    options.mode(0o600)
}

#[cfg(not(unix))]
fn private_file(options: &mut std::fs::OpenOptions) -> &mut std::fs::OpenOptions {
    options
}

/// Warns when `path` can be read (or more) by its group or others.
fn check_mode(path: &Path, what: &str) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                tracing::warn!(target: "keystone_v2", path = %path.display(), mode = format!("{mode:o}"), "the token cache {what} is accessible to other users: make it private (chmod go-rwx)");
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (path, what);
    }
}

impl FileTokenCache {
    /// A cache in `dir`, created (mode `0700`) if needed, with its key file (mode `0600`).
    ///
    /// # Errors
    /// [`Error::Configuration`] when the directory or the key cannot be created or read.
    ///
    /// ```no_run
    /// let cache = keystone_v2::cache::FileTokenCache::new("/run/user/1000/keystone-v2")?;
    /// # Ok::<(), keystone_v2::Error>(())
    /// ```
    pub fn new(dir: impl Into<PathBuf>) -> Result<Self> {
        let dir = dir.into();
        if dir.is_dir() {
            check_mode(&dir, "directory");
        } else {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::DirBuilderExt;
                builder.mode(0o700);
            }
            builder
                .create(&dir)
                .map_err(|e| io_error("create the directory", &dir, e))?;
        }
        let secret = Self::secret(&dir)?;
        Ok(Self { dir, secret })
    }

    /// A cache in the user cache directory: `$XDG_CACHE_HOME/keystone-v2`, else
    /// `~/.cache/keystone-v2`.
    ///
    /// # Errors
    /// [`Error::Configuration`] without a home directory, or as [`FileTokenCache::new`].
    ///
    /// ```no_run
    /// let cache = keystone_v2::cache::FileTokenCache::default_location()?;
    /// # Ok::<(), keystone_v2::Error>(())
    /// ```
    pub fn default_location() -> Result<Self> {
        Self::in_environment(&crate::config::Environment::from_process())
    }

    pub(crate) fn in_environment(env: &crate::config::Environment) -> Result<Self> {
        let dir = env.cache_dir().ok_or_else(|| {
            Error::Configuration(
                "token cache: no user cache directory (set HOME or XDG_CACHE_HOME)".into(),
            )
        })?;
        Self::new(dir)
    }

    /// The directory of the cache.
    ///
    /// ```no_run
    /// # fn f(cache: keystone_v2::cache::FileTokenCache) { println!("{}", cache.dir().display()); }
    /// ```
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of `key`'s entry.
    ///
    /// ```no_run
    /// # fn f(cache: keystone_v2::cache::FileTokenCache, key: keystone_v2::cache::CacheKey) {
    /// println!("{}", cache.entry_path(&key).display());
    /// # }
    /// ```
    pub fn entry_path(&self, key: &CacheKey) -> PathBuf {
        self.dir.join(format!("{}.json", key.as_str()))
    }

    /// The random key of the keyed hash, created once (32 bytes, mode 0600) and never
    /// replaced: a second process that races to create it uses the first one's.
    fn secret(dir: &Path) -> Result<Vec<u8>> {
        let path = dir.join("key");
        if !path.exists() {
            let mut random = [0u8; 32];
            getrandom::getrandom(&mut random)
                .map_err(|e| Error::Configuration(format!("token cache: no random key: {e}")))?;
            let temp = Self::temp_path(dir, "key");
            let mut file = private_file(std::fs::OpenOptions::new().write(true).create_new(true))
                .open(&temp)
                .map_err(|e| io_error("create", &temp, e))?;
            file.write_all(&random)
                .and_then(|()| file.sync_all())
                .map_err(|e| io_error("write", &temp, e))?;
            drop(file);
            // A hard link never replaces an existing file: the first creator wins.
            let linked = std::fs::hard_link(&temp, &path);
            let _ = std::fs::remove_file(&temp);
            match linked {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io_error("create", &path, e)),
            }
        }
        check_mode(&path, "key");
        let secret = std::fs::read(&path).map_err(|e| io_error("read", &path, e))?;
        if secret.len() < 16 {
            return Err(Error::Configuration(format!(
                "token cache: the key {} is too short; delete it to make a new one",
                path.display()
            )));
        }
        Ok(secret)
    }

    fn temp_path(dir: &Path, name: &str) -> PathBuf {
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        dir.join(format!(".{name}.{}.{n}.{nanos}.tmp", std::process::id()))
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    format: String,
    version: u32,
    access: serde_json::Value,
}

impl TokenCache for FileTokenCache {
    fn key(&self, identity: &[(&str, &str)]) -> Result<CacheKey> {
        Ok(CacheKey::keyed(&self.secret, identity))
    }

    fn load(&self, key: &CacheKey) -> Result<Option<AccessInfo>> {
        let path = self.entry_path(key);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(io_error("read", &path, e)),
        };
        check_mode(&path, "entry");
        let entry: Entry = match serde_json::from_slice(&bytes) {
            Ok(e) => e,
            Err(e) => {
                tracing::warn!(target: "keystone_v2", path = %path.display(), error = %e, "ignoring a token cache entry that does not parse");
                return Ok(None);
            }
        };
        if entry.format != FORMAT_NAME || entry.version != FORMAT_VERSION {
            tracing::debug!(target: "keystone_v2", path = %path.display(), version = entry.version, "ignoring a token cache entry of another format");
            return Ok(None);
        }
        match serde_json::from_value::<AccessInfo>(entry.access) {
            Ok(a) => Ok(Some(a)),
            Err(e) => {
                tracing::warn!(target: "keystone_v2", path = %path.display(), error = %e, "ignoring a token cache entry without token data");
                Ok(None)
            }
        }
    }

    fn store(&self, key: &CacheKey, access: &AccessInfo) -> Result<()> {
        let path = self.entry_path(key);
        let entry = Entry {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            access: serde_json::to_value(access)
                .map_err(|e| Error::Configuration(format!("token cache: {e}")))?,
        };
        let bytes = serde_json::to_vec(&entry)
            .map_err(|e| Error::Configuration(format!("token cache: {e}")))?;
        let temp = Self::temp_path(&self.dir, key.as_str());
        let written = (|| {
            let mut file = private_file(std::fs::OpenOptions::new().write(true).create_new(true))
                .open(&temp)?;
            file.write_all(&bytes)?;
            file.sync_all()?;
            std::fs::rename(&temp, &path)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&temp);
            return Err(io_error("write", &path, e));
        }
        Ok(())
    }

    fn remove(&self, key: &CacheKey) -> Result<()> {
        let path = self.entry_path(key);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io_error("delete", &path, e)),
        }
    }

    fn try_lock(&self, key: &CacheKey) -> Result<Option<CacheLock>> {
        let path = self.dir.join(format!("{}.lock", key.as_str()));
        let file = private_file(
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false),
        )
        .open(&path)
        .map_err(|e| io_error("open the lock", &path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(CacheLock::new(file))),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(io_error("lock", &path, e)),
        }
    }
}
