//! The transport settings and the retry policy: which statuses and methods are retried, the
//! backoff and its jitter, `Retry-After`, the request ids services answer with, and the state
//! a client's clones share (limits, timings).

use std::sync::Mutex;
use std::time::Duration;

use super::limits::{RateLimiter, DEFAULT_MAX_BODY_SIZE};
use crate::redact;

/// How a retry's wait is spread when the server gives no `Retry-After`
/// ([`crate::ClientBuilder::retry_jitter`]). The wait before the `n`th retry (from 0) is
/// `d = min(retry_delay × 2ⁿ, max_retry_delay)`, then:
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Jitter {
    /// `d` exactly (keystoneauth's behaviour).
    #[default]
    None,
    /// A random wait in `[0, d]` ("full jitter").
    Full,
    /// `d/2` plus a random wait in `[0, d/2]` ("equal jitter").
    Equal,
}

/// One HTTP request a client sent, as [`crate::Client::timings`] reports it (keystoneauth's
/// `RequestTiming`): each attempt of a call is one (a retry or a replay after a 401 adds one).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestTiming {
    /// The HTTP method.
    pub method: String,
    /// The URL, redacted (userinfo masked, token ids in paths masked).
    pub url: String,
    /// The response's status, or `None` when no response came (connection failure, timeout).
    pub status: Option<u16>,
    /// From sending the request to receiving the response's head.
    pub elapsed: Duration,
}

/// The settings of a client's transport: built once by [`crate::ClientBuilder`] (or a
/// [`super::Hooks`] by hand) and kept by the hooks, which read them on every call.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// Log bodies too (redacted).
    pub debug: bool,
    /// Resends after a connection that could not be established.
    pub connect_retries: u32,
    /// Resends of an idempotent request after a retriable status or a dropped connection.
    pub retries: u32,
    /// The deadline of each call, retries included.
    pub timeout: Duration,
    /// The bound of each attempt within a call, if shorter than what remains of the call.
    pub attempt_timeout: Option<Duration>,
    /// The largest response body accepted.
    pub max_body: u64,
    /// Statuses retried (idempotent methods only), default `[503]`.
    pub retriable: Vec<u16>,
    /// The first wait without a `Retry-After`, doubled at each retry.
    pub retry_delay: Duration,
    /// The longest wait, `Retry-After` included.
    pub max_retry_delay: Duration,
    pub jitter: Jitter,
    /// Log a curl-style line for each request (at DEBUG on `keystone_v2::request`).
    pub log_curl: bool,
}

impl Default for Settings {
    /// The settings of hand-built [`super::Hooks`] (no retries); a
    /// [`crate::ClientBuilder`] starts from these with 2 retries.
    fn default() -> Self {
        Self {
            debug: false,
            connect_retries: 0,
            retries: 0,
            timeout: Duration::from_secs(30),
            attempt_timeout: None,
            max_body: DEFAULT_MAX_BODY_SIZE,
            retriable: vec![503],
            retry_delay: DEFAULT_RETRY_DELAY,
            max_retry_delay: DEFAULT_MAX_RETRY_DELAY,
            jitter: Jitter::None,
            log_curl: false,
        }
    }
}

/// The first wait before a retry when the server gives no `Retry-After` (keystoneauth's).
pub const DEFAULT_RETRY_DELAY: Duration = Duration::from_millis(500);
/// The longest wait before a retry, `Retry-After` included (keystoneauth's).
pub const DEFAULT_MAX_RETRY_DELAY: Duration = Duration::from_secs(60);

impl Settings {
    /// The wait before retry number `n` (from 0) when the server gave no `Retry-After`.
    pub(super) fn backoff(&self, n: u32) -> Duration {
        let d = self
            .retry_delay
            .saturating_mul(2u32.saturating_pow(n.min(30)))
            .min(self.max_retry_delay);
        match self.jitter {
            Jitter::None => d,
            Jitter::Full => d.mul_f64(random_fraction()),
            Jitter::Equal => d / 2 + (d / 2).mul_f64(random_fraction()),
        }
    }
}

/// The state every clone of a client shares (rate limiter, concurrency cap, timings), and
/// what the curl line shows of the HTTP client (which keeps its own copy of these headers).
#[derive(Debug, Default)]
pub(crate) struct Shared {
    /// Whether TLS verification is off (shown as `--insecure` in the curl line).
    pub insecure: bool,
    /// Headers the HTTP client adds to every request (for the curl line).
    pub default_headers: reqwest::header::HeaderMap,
    pub limiter: Option<RateLimiter>,
    pub semaphore: Option<tokio::sync::Semaphore>,
    pub timings: Option<Mutex<Vec<RequestTiming>>>,
}

impl Shared {
    pub(super) fn record(&self, timing: impl FnOnce() -> RequestTiming) {
        if let Some(t) = &self.timings {
            t.lock().unwrap_or_else(|e| e.into_inner()).push(timing());
        }
    }
}

/// A uniform random number in `[0, 1]`.
pub(super) fn random_fraction() -> f64 {
    let mut b = [0u8; 8];
    if getrandom::getrandom(&mut b).is_err() {
        return 1.0;
    }
    (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64
}

/// Whether `id` has the form `req-<uuid>` (hyphenated, any case) that OpenStack services
/// accept as a global request id; oslo.middleware ignores any other value.
pub(crate) fn is_request_id(id: &str) -> bool {
    let Some(uuid) = id.strip_prefix("req-") else {
        return false;
    };
    let b = uuid.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

pub(super) fn idempotent(method: &reqwest::Method) -> bool {
    matches!(
        *method,
        reqwest::Method::GET
            | reqwest::Method::HEAD
            | reqwest::Method::PUT
            | reqwest::Method::DELETE
            | reqwest::Method::OPTIONS
    )
}

/// The wait a `Retry-After` header asks for: a number of seconds, or an HTTP-date (IMF-fixdate,
/// RFC 850 or asctime form; a date in the past is no wait).
pub(crate) fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let v = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = v.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = http_date(v)?;
    Some(
        (date - chrono::Utc::now())
            .to_std()
            .unwrap_or(Duration::ZERO),
    )
}

/// An HTTP-date (RFC 9110 §5.6.7) in any of its three forms.
pub(super) fn http_date(v: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    use chrono::NaiveDateTime;
    chrono::DateTime::parse_from_rfc2822(v)
        .map(|d| d.with_timezone(&chrono::Utc))
        .ok()
        .or_else(|| {
            NaiveDateTime::parse_from_str(v, "%A, %d-%b-%y %H:%M:%S GMT")
                .ok()
                .map(|n| n.and_utc())
        })
        .or_else(|| {
            NaiveDateTime::parse_from_str(v, "%a %b %e %H:%M:%S %Y")
                .ok()
                .map(|n| n.and_utc())
        })
}

/// The request id a service answered with (`x-openstack-request-id`, or nova's
/// `x-compute-request-id`), cut and without control characters.
pub(crate) fn request_id(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get("x-openstack-request-id")
        .or_else(|| headers.get("x-compute-request-id"))
        .and_then(|v| v.to_str().ok())
        .map(|v| redact::excerpt(v, &[], 128))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_seconds_or_an_http_date_in_any_of_its_forms() {
        let headers = |v: &str| {
            let mut h = reqwest::header::HeaderMap::new();
            h.insert(
                reqwest::header::RETRY_AFTER,
                reqwest::header::HeaderValue::from_str(v).unwrap(),
            );
            h
        };
        assert_eq!(retry_after(&headers("7")), Some(Duration::from_secs(7)));
        assert_eq!(retry_after(&headers(" 0 ")), Some(Duration::ZERO));
        let soon = chrono::Utc::now() + chrono::Duration::seconds(120);
        for format in [
            "%a, %d %b %Y %H:%M:%S GMT",
            "%A, %d-%b-%y %H:%M:%S GMT",
            "%a %b %e %H:%M:%S %Y",
        ] {
            let wait = retry_after(&headers(&soon.format(format).to_string())).unwrap();
            assert!(
                wait > Duration::from_secs(100) && wait <= Duration::from_secs(120),
                "{format}: {wait:?}"
            );
        }
        let past = "Sun, 06 Nov 1994 08:49:37 GMT";
        assert_eq!(retry_after(&headers(past)), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers("soon")), None);
        assert_eq!(retry_after(&reqwest::header::HeaderMap::new()), None);
    }

    #[test]
    fn backoff_doubles_up_to_the_maximum_and_jitter_stays_within_it() {
        let mut p = Settings {
            retry_delay: Duration::from_millis(100),
            max_retry_delay: Duration::from_millis(500),
            ..Settings::default()
        };
        let waits: Vec<_> = (0..5).map(|n| p.backoff(n).as_millis()).collect();
        assert_eq!(waits, [100, 200, 400, 500, 500]);
        assert_eq!(p.backoff(u32::MAX), Duration::from_millis(500));
        p.jitter = Jitter::Full;
        for n in 0..5 {
            assert!(p.backoff(n) <= Duration::from_millis(500));
        }
        p.jitter = Jitter::Equal;
        for n in 0..50 {
            let d = p.backoff(3);
            assert!(
                d >= Duration::from_millis(250) && d <= Duration::from_millis(500),
                "{n}: {d:?}"
            );
        }
    }

    #[test]
    fn only_req_uuid_is_a_global_request_id() {
        assert!(is_request_id("req-6c5f5f5e-2c0b-4b8e-9a4c-5d1f9f1c2e3a"));
        assert!(is_request_id("req-6C5F5F5E-2C0B-4B8E-9A4C-5D1F9F1C2E3A"));
        for bad in [
            "6c5f5f5e-2c0b-4b8e-9a4c-5d1f9f1c2e3a",
            "req-6c5f5f5e2c0b4b8e9a4c5d1f9f1c2e3a",
            "req-6c5f5f5e-2c0b-4b8e-9a4c-5d1f9f1c2e3",
            "req-6c5f5f5e-2c0b-4b8e-9a4c-5d1f9f1c2e3z",
            "req-",
        ] {
            assert!(!is_request_id(bad), "{bad}");
        }
    }
}
