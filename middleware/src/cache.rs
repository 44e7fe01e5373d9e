//! Validation with a cache in front: in-process (bounded, keyed by the token's SHA-256), then
//! memcached when configured, then the token source; one validation in flight per token.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http::{HeaderName, HeaderValue};
use keystone_v2::AccessInfo;
use sha2::{Digest, Sha256};
use tokio::sync::OnceCell;

use crate::headers;
use crate::source::{TokenSource, ValidationError};

/// The in-process cache's key: the SHA-256 of the token, never the token.
pub(crate) type Key = [u8; 32];

pub(crate) fn key(token: &str) -> Key {
    Sha256::digest(token.as_bytes()).into()
}

type Outcome = Result<Arc<Identity>, ValidationError>;

/// A validated token and the headers it comes to, computed once per validation (not per
/// request); a header set is `None` when the token's names cannot be sent in a header.
pub(crate) struct Identity {
    pub(crate) access: AccessInfo,
    pub(crate) user_headers: Option<Vec<(HeaderName, HeaderValue)>>,
    pub(crate) service_headers: Option<Vec<(HeaderName, HeaderValue)>>,
}

impl Identity {
    fn new(access: AccessInfo, include_service_catalog: bool) -> Arc<Self> {
        Arc::new(Self {
            user_headers: headers::user_headers(&access, include_service_catalog).ok(),
            service_headers: headers::token_headers(&access, "-service").ok(),
            access,
        })
    }
}

#[derive(Clone)]
struct Entry {
    identity: Arc<Identity>,
    until: Instant,
}

/// How long a token has left, `None` when it has expired (an expired token is invalid even if
/// Keystone still answers for it).
pub(crate) fn remaining(access: &AccessInfo) -> Option<Duration> {
    (access.expires() - chrono::Utc::now())
        .to_std()
        .ok()
        .filter(|d| !d.is_zero())
}

pub(crate) struct Validator {
    source: Arc<dyn TokenSource>,
    memory: Option<quick_cache::sync::Cache<Key, Entry>>,
    in_flight: Mutex<HashMap<Key, Arc<OnceCell<Outcome>>>>,
    cache_time: Option<Duration>,
    timeout: Duration,
    include_service_catalog: bool,
    #[cfg(feature = "memcached")]
    shared: Option<crate::memcache::SharedCache>,
}

impl Validator {
    pub(crate) fn new(
        source: Arc<dyn TokenSource>,
        config: &crate::AuthTokenConfig,
    ) -> Result<Self, crate::ConfigError> {
        config.check()?;
        let cache_time = config.token_cache_time.filter(|t| !t.is_zero());
        Ok(Self {
            source,
            memory: cache_time.map(|_| quick_cache::sync::Cache::new(config.token_cache_size)),
            in_flight: Mutex::new(HashMap::new()),
            cache_time,
            timeout: config.validation_timeout,
            include_service_catalog: config.include_service_catalog,
            #[cfg(feature = "memcached")]
            shared: match cache_time {
                Some(_) if !config.memcached_servers.is_empty() => {
                    Some(crate::memcache::SharedCache::new(config))
                }
                _ => None,
            },
        })
    }

    /// How many tokens the in-process cache holds now.
    pub(crate) fn cached(&self) -> usize {
        self.memory.as_ref().map_or(0, |m| m.len())
    }

    /// The most tokens the in-process cache may hold.
    pub(crate) fn capacity(&self) -> usize {
        self.memory.as_ref().map_or(0, |m| m.capacity() as usize)
    }

    /// How many validations are in flight now.
    pub(crate) fn in_flight(&self) -> usize {
        self.in_flight.lock().map_or(0, |m| m.len())
    }

    /// The token's data if it is valid and unexpired.
    pub(crate) async fn check(&self, token: &str) -> Outcome {
        let key = key(token);
        if let Some(identity) = self.memory_get(&key) {
            return Ok(identity);
        }
        let cell = {
            let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
            in_flight.entry(key).or_default().clone()
        };
        // Concurrent requests with the same token wait for one validation. When the request
        // that runs it is cancelled, the next waiter runs it.
        let outcome = cell.get_or_init(|| self.fetch(token, key)).await.clone();
        let mut in_flight = self.in_flight.lock().unwrap_or_else(|e| e.into_inner());
        if in_flight.get(&key).is_some_and(|c| Arc::ptr_eq(c, &cell)) {
            in_flight.remove(&key);
        }
        outcome
    }

    fn memory_get(&self, key: &Key) -> Option<Arc<Identity>> {
        let memory = self.memory.as_ref()?;
        let entry = memory.get(key)?;
        if entry.until > Instant::now() {
            Some(entry.identity)
        } else {
            memory.remove(key);
            None
        }
    }

    /// The shared cache, else the source; what is valid is cached (only what is valid:
    /// keystonemiddleware dropped negative caching, bug 1987355).
    async fn fetch(&self, token: &str, key: Key) -> Outcome {
        #[cfg(feature = "memcached")]
        if let Some(shared) = &self.shared {
            if let Some(access) = shared.get(token).await {
                if let Some(left) = remaining(&access) {
                    let identity = Identity::new(access, self.include_service_catalog);
                    self.memory_put(key, &identity, left);
                    return Ok(identity);
                }
            }
        }
        let validated = tokio::time::timeout(self.timeout, self.source.validate(token))
            .await
            .unwrap_or_else(|_| {
                Err(ValidationError::Unavailable(format!(
                    "no answer within {:?}",
                    self.timeout
                )))
            })?;
        let left = remaining(&validated).ok_or(ValidationError::Invalid)?;
        #[cfg(feature = "memcached")]
        if let (Some(shared), Some(time)) = (&self.shared, self.cache_time) {
            shared.set(token, &validated, time.min(left)).await;
        }
        let identity = Identity::new(validated, self.include_service_catalog);
        self.memory_put(key, &identity, left);
        Ok(identity)
    }

    fn memory_put(&self, key: Key, identity: &Arc<Identity>, left: Duration) {
        if let (Some(memory), Some(time)) = (&self.memory, self.cache_time) {
            let until = Instant::now() + time.min(left);
            memory.insert(
                key,
                Entry {
                    identity: identity.clone(),
                    until,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::{FixedOffset, SecondsFormat, Utc};

    use super::*;

    fn access(expires: &str) -> AccessInfo {
        let access =
            serde_json::json!({"token": {"id": "t", "expires": expires}, "user": {"id": "u"}});
        AccessInfo::new(serde_json::from_value(access).unwrap()).unwrap()
    }

    fn in_offset(at: chrono::DateTime<Utc>, hours: i32) -> String {
        at.with_timezone(&FixedOffset::east_opt(hours * 3600).unwrap())
            .to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    #[test]
    fn a_tokens_life_is_read_from_millisecond_and_offset_expiries_as_instants() {
        let now = Utc::now();
        let now_text = now.to_rfc3339_opts(SecondsFormat::Millis, true);
        // 50 minutes ahead at UTC-06:00 sorts before now as a string.
        let ahead = in_offset(now + chrono::Duration::minutes(50), -6);
        assert!(ahead < now_text, "{ahead} {now_text}");
        let left = remaining(&access(&ahead)).expect("not expired");
        assert!(left > Duration::from_secs(49 * 60) && left <= Duration::from_secs(50 * 60));
        // 10 minutes ago at UTC+06:00 sorts after now as a string: expired.
        let past = in_offset(now - chrono::Duration::minutes(10), 6);
        assert!(past > now_text, "{past} {now_text}");
        assert_eq!(remaining(&access(&past)), None);
    }
}
