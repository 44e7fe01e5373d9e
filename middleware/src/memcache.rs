//! The validation cache shared through memcached, in keystonemiddleware's format: the same
//! keys, the same values, the same server choice as its python-memcached client, so Rust and
//! Python services of one fleet share entries. Every failure (a server down or slow, a value
//! that does not verify, decrypt or parse) is a cache miss, never an error.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use async_memcached::AsciiProtocol;
use keystone_v2::{types, AccessInfo, Secret};
use serde_json::Value;

use crate::crypt::{self, Keys};
use crate::{AuthTokenConfig, MemcacheSecurityStrategy};

/// The largest entry read back (a token with a big catalog is tens of kilobytes).
const MAX_ENTRY: usize = 1024 * 1024;

/// One memcached operation.
enum Op<'a> {
    Get(&'a str),
    Set(&'a str, &'a [u8], i64),
}

struct Server {
    dsn: String,
    idle: Mutex<Vec<async_memcached::Client>>,
    dead_until: Mutex<Option<Instant>>,
}

pub(crate) struct SharedCache {
    servers: Vec<Server>,
    strategy: MemcacheSecurityStrategy,
    secret: Option<Secret>,
    socket_timeout: Duration,
    dead_retry: Duration,
    max_idle: usize,
}

/// python-memcached's `cmemcache_hash`.
fn cmemcache_hash(key: &[u8]) -> u32 {
    ((crc32fast::hash(key) >> 16) & 0x7fff).max(1)
}

impl SharedCache {
    pub(crate) fn new(config: &AuthTokenConfig) -> Self {
        Self {
            servers: config
                .memcached_servers
                .iter()
                .map(|s| Server {
                    dsn: format!("tcp://{s}"),
                    idle: Mutex::new(Vec::new()),
                    dead_until: Mutex::new(None),
                })
                .collect(),
            strategy: config.memcache_security_strategy,
            secret: config.memcache_secret_key.clone(),
            socket_timeout: config.memcache_pool_socket_timeout,
            dead_retry: config.memcache_pool_dead_retry,
            max_idle: config.memcache_pool_maxsize,
        }
    }

    fn keys(&self, token: &str) -> (String, Option<Keys>) {
        let secret = self
            .secret
            .as_ref()
            .map_or(&[][..], |s| s.expose().as_bytes());
        match crypt::derive_keys(token, secret, self.strategy) {
            Some(keys) => (keys.memcached_key(), Some(keys)),
            None => (format!("tokens/{}", hex(&crate::cache::key(token))), None),
        }
    }

    /// python-memcached's `_get_server`: the hash picks a server; a dead one is skipped by
    /// rehashing, up to ten times.
    fn server(&self, key: &str) -> Option<&Server> {
        let n = self.servers.len() as u32;
        if n == 0 {
            return None;
        }
        let mut hash = cmemcache_hash(key.as_bytes());
        for i in 0..10 {
            let server = &self.servers[(hash % n) as usize];
            if server.alive() {
                return Some(server);
            }
            hash = cmemcache_hash(format!("{hash}{i}").as_bytes());
        }
        None
    }

    /// The cached data of `token`, if a server has a sound entry for it.
    pub(crate) async fn get(&self, token: &str) -> Option<AccessInfo> {
        let (key, keys) = self.keys(token);
        let server = self.server(&key)?;
        let raw = server.run(self, Op::Get(&key)).await??;
        if raw.len() > MAX_ENTRY {
            return None;
        }
        let data = match &keys {
            Some(keys) => match keys.unprotect(&raw) {
                Some(data) => data,
                None => {
                    tracing::warn!("a memcached entry failed its MAC or decryption: ignored");
                    return None;
                }
            },
            None => raw,
        };
        decode(&data, token)
    }

    /// Stores `access` for `ttl`; failures are logged and forgotten.
    pub(crate) async fn set(&self, token: &str, access: &AccessInfo, ttl: Duration) {
        let (key, keys) = self.keys(token);
        let Some(server) = self.server(&key) else {
            return;
        };
        let Some(data) = encode(access) else {
            return;
        };
        let value = match &keys {
            Some(keys) => keys.protect(&data),
            None => data,
        };
        if value.is_empty() {
            return;
        }
        let ttl = ttl.as_secs().max(1) as i64;
        server.run(self, Op::Set(&key, &value, ttl)).await;
    }
}

impl Server {
    fn alive(&self) -> bool {
        let mut dead = self.dead_until.lock().unwrap_or_else(|e| e.into_inner());
        match *dead {
            Some(until) if until > Instant::now() => false,
            Some(_) => {
                *dead = None;
                true
            }
            None => true,
        }
    }

    /// Runs one operation on an idle connection (or a new one) within the socket timeout;
    /// on failure the server is left alone for `dead_retry`.
    /// `Some(Some(value))` for a hit, `Some(None)` for a miss or a stored value.
    async fn run(&self, cache: &SharedCache, op: Op<'_>) -> Option<Option<Vec<u8>>> {
        let attempt = async {
            let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let mut client = match idle {
                Some(c) if !c.is_closed() => c,
                _ => async_memcached::Client::new(&self.dsn).await.ok()?,
            };
            let out = match op {
                Op::Get(key) => client.get(key).await.ok()?.and_then(|v| v.data),
                Op::Set(key, value, ttl) => {
                    client.set(key, value, Some(ttl), None).await.ok()?;
                    None
                }
            };
            let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
            if idle.len() < cache.max_idle && !client.is_closed() {
                idle.push(client);
            }
            Some(out)
        };
        let out = tokio::time::timeout(cache.socket_timeout, attempt)
            .await
            .ok()
            .flatten();
        if out.is_none() {
            tracing::warn!(server = %self.dsn, "memcached unavailable: validating with Keystone");
            *self.dead_until.lock().unwrap_or_else(|e| e.into_inner()) =
                Some(Instant::now() + cache.dead_retry);
        }
        out
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// keystonemiddleware's entry: the validation answer `{"access": {...}}`, here without the
/// token id (the key already stands for the token; keystonemiddleware reads the token from the
/// request, not from the entry).
fn encode(access: &AccessInfo) -> Option<Vec<u8>> {
    let mut value = serde_json::to_value(access.access()).ok()?;
    if let Some(token) = value.get_mut("token").and_then(Value::as_object_mut) {
        token.remove("id");
    }
    serde_json::to_vec(&serde_json::json!({ "access": value })).ok()
}

/// An entry of this crate or of keystonemiddleware: `{"access": ...}`, or the old
/// `[data, expires]` pair; its negative-cache marker `"invalid"` and anything else is a miss.
fn decode(data: &[u8], token: &str) -> Option<AccessInfo> {
    let mut value: Value = serde_json::from_slice(data).ok()?;
    if let Value::Array(mut pair) = value {
        if pair.len() != 2 {
            return None;
        }
        value = pair.swap_remove(0);
    }
    let mut access = value.get_mut("access")?.take();
    let token_object = access.get_mut("token")?.as_object_mut()?;
    token_object.insert("id".into(), Value::String(token.to_owned()));
    let access: types::Access = serde_json::from_value(access).ok()?;
    AccessInfo::new(access).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_choice_is_python_memcacheds() {
        // binascii.crc32(b"tokens/abc") == 0x75450fc3 in CPython.
        assert_eq!(crc32fast::hash(b"tokens/abc"), 0x7545_0fc3);
        assert_eq!(cmemcache_hash(b"tokens/abc"), 0x7545);
        assert_eq!(cmemcache_hash(b""), 1);
    }

    #[test]
    fn keystonemiddleware_entries_decode_and_markers_are_misses() {
        let body = r#"{"access": {"token": {"id": "x", "expires": "2099-01-01T00:00:00Z"},
            "user": {"id": "u1", "name": "alice", "roles": [{"name": "member"}]},
            "serviceCatalog": []}}"#;
        let info = decode(body.as_bytes(), "tok").unwrap();
        assert_eq!(info.user_id(), "u1");
        assert_eq!(info.auth_token().expose(), "tok");
        let pair = format!("[{body}, 4102444800]");
        assert!(decode(pair.as_bytes(), "tok").is_some());
        assert!(decode(br#""invalid""#, "tok").is_none());
        assert!(decode(b"not json", "tok").is_none());
        assert!(decode(br#"{"access": {}}"#, "tok").is_none());
    }

    #[test]
    fn entries_hold_no_token_id() {
        let body = r#"{"access": {"token": {"id": "secret-token", "expires": "2099-01-01T00:00:00Z"},
            "user": {"id": "u1", "name": "alice", "roles": []}}}"#;
        let info = decode(body.as_bytes(), "secret-token").unwrap();
        let stored = encode(&info).unwrap();
        assert!(!String::from_utf8_lossy(&stored).contains("secret-token"));
        assert_eq!(decode(&stored, "secret-token").unwrap().user_id(), "u1");
    }
}
