//! The limits a client puts on its requests: the rate limit, the concurrency cap's
//! companion, and the response body size limit.

use std::sync::Mutex;
use std::time::Duration;

use crate::error::TooLarge;
use crate::redact;

/// The default maximum size of a response body: far above any real Keystone answer.
pub const DEFAULT_MAX_BODY_SIZE: u64 = 16 * 1024 * 1024;
/// How much of an error body is read (the rest is dropped): enough for any Keystone message.
pub(super) const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// A rate limit of `interval` between consecutive requests, shared by every clone of a
/// client: each request takes the next free slot and waits for it.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    interval: Duration,
    next: Mutex<Option<tokio::time::Instant>>,
}

impl RateLimiter {
    pub(crate) fn per_second(requests_per_second: f64) -> Option<Self> {
        (requests_per_second.is_finite() && requests_per_second > 0.0).then(|| Self {
            interval: Duration::from_secs_f64(1.0 / requests_per_second),
            next: Mutex::new(None),
        })
    }

    /// Waits for this request's slot.
    pub(super) async fn wait(&self) {
        let slot = {
            let now = tokio::time::Instant::now();
            let mut next = self.next.lock().unwrap_or_else(|e| e.into_inner());
            let slot = next.map_or(now, |n| n.max(now));
            *next = Some(slot + self.interval);
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

/// Applies the body size limit to a success response: a `Content-Length` past it fails at
/// once; a body of unknown length fails as soon as it passes it. A body within its
/// `Content-Length` needs no watching (the HTTP layer reads no more than it).
pub(super) fn limit(
    response: reqwest::Response,
    method: &reqwest::Method,
    max: u64,
    op: &'static str,
) -> reqwest::Response {
    let status = response.status();
    if method == reqwest::Method::HEAD
        || status == reqwest::StatusCode::NO_CONTENT
        || status == reqwest::StatusCode::NOT_MODIFIED
    {
        return response;
    }
    let declared = response.content_length();
    if declared.is_some_and(|n| n <= max) {
        return response;
    }
    let too_large = TooLarge {
        operation: op,
        url: redact::url(response.url().as_str()),
        limit: max,
    };
    let url = response.url().clone();
    let version = response.version();
    let headers = response.headers().clone();
    type BoxError = Box<dyn std::error::Error + Send + Sync>;
    if declared.is_some() {
        // Refused before reading: the connection is dropped with the response.
        let failing =
            futures::stream::once(
                async move { Err::<bytes::Bytes, BoxError>(Box::new(too_large)) },
            );
        return rebuild(
            status,
            version,
            headers,
            url,
            reqwest::Body::wrap_stream(failing),
        );
    }
    let mut seen = 0u64;
    let mut too_large = Some(too_large);
    let limited = futures::StreamExt::map(response.bytes_stream(), move |chunk| {
        let chunk = chunk.map_err(|e| Box::new(e) as BoxError)?;
        seen = seen.saturating_add(chunk.len() as u64);
        if seen > max {
            let e = too_large.take().unwrap_or(TooLarge {
                operation: op,
                url: String::new(),
                limit: max,
            });
            return Err(Box::new(e) as BoxError);
        }
        Ok(chunk)
    });
    rebuild(
        status,
        version,
        headers,
        url,
        reqwest::Body::wrap_stream(limited),
    )
}

/// A response with `status`, `version`, `headers`, `url` and `body`: a response given back
/// after its body was read or wrapped.
pub(super) fn rebuild(
    status: reqwest::StatusCode,
    version: reqwest::Version,
    headers: reqwest::header::HeaderMap,
    url: reqwest::Url,
    body: impl Into<reqwest::Body>,
) -> reqwest::Response {
    use reqwest::ResponseBuilderExt as _;
    let mut rebuilt = http::Response::builder()
        .status(status)
        .version(version)
        .url(url)
        .body(body.into())
        .unwrap_or_else(|_| http::Response::new(reqwest::Body::from(Vec::new())));
    *rebuilt.headers_mut() = headers;
    reqwest::Response::from(rebuilt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[tokio::test(start_paused = true)]
    async fn the_rate_limiter_gives_each_request_the_next_slot() {
        let limiter = Arc::new(RateLimiter::per_second(10.0).unwrap());
        assert!(RateLimiter::per_second(0.0).is_none());
        assert!(RateLimiter::per_second(f64::NAN).is_none());
        let start = tokio::time::Instant::now();
        let waits = (0..5).map(|_| {
            let limiter = limiter.clone();
            async move {
                limiter.wait().await;
                start.elapsed()
            }
        });
        let mut at = futures::future::join_all(waits).await;
        at.sort();
        // Virtual time: exactly one interval (100 ms) apart, the first at once.
        let want: Vec<_> = (0..5).map(|i| Duration::from_millis(100 * i)).collect();
        assert_eq!(at, want);
    }
}
