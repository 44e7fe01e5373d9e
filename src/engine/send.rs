//! The request path every request takes: the concurrency cap and the rate limit, retries,
//! re-authentication and replay after a 401, logging, timings and records, and the body
//! rules of each response.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use super::call::*;
use super::error_body::error_response;
use super::hooks::Hooks;
use super::limits::{limit, rebuild};
use super::log::{log_request, log_response, record_timing, LOG_BODY};
use super::policy::{idempotent, retry_after, Settings};
use super::recorder::Exchange;
use super::token::{token_header, Auth, X_AUTH_TOKEN};
use crate::{redact, Secret};

/// An outcome that is either ready (the common case: no future state at all) or a boxed
/// future (the rare paths, whose state stays out of the futures that await them).
pub(crate) type ReadyOrBoxed<'a, T> = futures::future::Either<
    std::future::Ready<T>,
    std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>,
>;

/// Reads a response's body and gives back an equivalent response, so the body can be both
/// inspected and returned to the generated code.
pub(super) async fn buffer(
    response: reqwest::Response,
) -> reqwest::Result<(reqwest::Response, bytes::Bytes)> {
    let url = response.url().clone();
    let status = response.status();
    let version = response.version();
    let headers = response.headers().clone();
    let body = response.bytes().await?;
    Ok((rebuild(status, version, headers, url, body.clone()), body))
}

/// A whole body from its chunks (a response's, or a generated method's byte stream): the
/// first chunk as it is when it is the only one, the chunks joined otherwise.
pub(crate) async fn read_body(
    chunks: impl futures::Stream<Item = reqwest::Result<bytes::Bytes>>,
) -> reqwest::Result<bytes::Bytes> {
    use futures::TryStreamExt as _;
    let mut chunks = std::pin::pin!(chunks);
    let Some(first) = chunks.try_next().await? else {
        return Ok(bytes::Bytes::new());
    };
    let Some(second) = chunks.try_next().await? else {
        return Ok(first);
    };
    let mut all = bytes::BytesMut::with_capacity(first.len() + second.len());
    all.extend_from_slice(&first);
    all.extend_from_slice(&second);
    while let Some(chunk) = chunks.try_next().await? {
        all.extend_from_slice(&chunk);
    }
    Ok(all.freeze())
}

/// The per-attempt timeout: what remains of the call's deadline (and at most the per-attempt
/// option).
pub(super) fn attempt_timeout(per_attempt: Option<Duration>) -> Duration {
    let remaining = call_remaining();
    per_attempt
        .map_or(remaining, |a| a.min(remaining))
        .max(Duration::from_millis(1))
}

/// The request path every request takes, an identity operation's (from the generated
/// client's `exec` hook) or a service request's ([`crate::ServiceClient`]): `operation` names
/// it in logs, errors and records. Within the current call (or as a call of its own), it
/// applies the concurrency cap and the rate limit to each attempt, retries (connection
/// failures, dropped connections, retriable statuses with `Retry-After` or backoff, all
/// within the deadline), re-authenticates and replays once after a 401 of a request that
/// carried the session's token, logs, times and records, limits success bodies and
/// canonicalizes error bodies.
///
/// Not an `async fn`, so that the future it returns is the engine's own, not a copy of it
/// inside another.
pub(crate) fn execute<'a>(
    http: &'a reqwest::Client,
    hooks: &'a Hooks,
    request: reqwest::Request,
    operation: &'static str,
    scan: Scan,
) -> impl std::future::Future<Output = reqwest::Result<reqwest::Response>> + Send + 'a {
    use futures::future::Either;
    if in_call() {
        return Either::Left(attempts(http, hooks, request, operation, scan));
    }
    // Used directly (the generated client on its own): this request is the whole call.
    Either::Right(CALL.scope(
        Box::new(Call::new(hooks.settings.timeout)),
        attempts(http, hooks, request, operation, scan),
    ))
}

/// How the next attempt of a request is made: from a copy kept before sending it, or by
/// `call!` making its call again ([`Replay`]). The copy is boxed: it is made only for
/// requests outside a manager's call, and would otherwise sit in every engine future.
pub(super) enum Resend {
    Copy(Box<reqwest::Request>),
    Rebuild,
}

impl Resend {
    /// The request to send next: the copy, or `None` once `call!` has been asked to make
    /// its call again (with `token` and the attempts used, `attempts`, carried on).
    fn next(
        self,
        token: Option<reqwest::header::HeaderValue>,
        attempts: (u32, u32, bool),
    ) -> Option<reqwest::Request> {
        match self {
            Resend::Copy(request) => Some(*request),
            Resend::Rebuild => {
                with_call(|c| *c.replay() = Replay::Requested(Carried { token, attempts }));
                None
            }
        }
    }
}

/// Not an `async fn`: an `async fn` keeps its arguments twice in its future (as given, and
/// moved into its body), which would be two requests; the block below uses them in place.
#[allow(clippy::manual_async_fn)]
pub(super) fn attempts<'a>(
    http: &'a reqwest::Client,
    hooks: &'a Hooks,
    mut request: reqwest::Request,
    op: &'static str,
    scan: Scan,
) -> impl std::future::Future<Output = reqwest::Result<reqwest::Response>> + Send + 'a {
    async move {
        let shared = &*hooks.shared;
        let method = request.method().clone();
        note_secrets(hooks, &request, scan);
        let session = matches!(hooks.auth, Auth::Session(_));
        let idempotent = idempotent(&method);
        let (mut connect_attempts, mut retry_attempts, mut replayed) = (0u32, 0u32, false);
        // Whether `call!` makes this request again for a retry or a replay (then no copy is
        // kept), and whether this is such a request: it then goes out with the token of the
        // attempt it continues, and the attempts used so far are carried on.
        let rebuilds = with_call(|c| {
            let mut replay = c.replay();
            match std::mem::take(&mut *replay) {
                Replay::Armed => {
                    *replay = Replay::InFlight;
                    Some(None)
                }
                Replay::Replaying(carried) => {
                    *replay = Replay::InFlight;
                    Some(Some(carried))
                }
                other => {
                    *replay = other;
                    None
                }
            }
        })
        .flatten();
        let rebuilds = match rebuilds {
            Some(Some(Carried { token, attempts })) => {
                if let Some(token) = token {
                    request.headers_mut().insert(X_AUTH_TOKEN, token);
                }
                (connect_attempts, retry_attempts, replayed) = attempts;
                true
            }
            Some(None) => true,
            None => false,
        };
        loop {
            let timeout = attempt_timeout(hooks.settings.attempt_timeout);
            // The HTTP client's own timeout needs no per-request setting (nor its allocation).
            if hooks.http_timeout != Some(timeout) || request.timeout().is_some() {
                *request.timeout_mut() = Some(timeout);
            }
            let sent_token = request.headers().get(&X_AUTH_TOKEN).cloned();
            // A copy to send again only when that can happen: a retry, or a replay after a 401
            // when the session can get a new token. A streamed body cannot be copied: such a
            // request is sent once.
            let may_resend = connect_attempts < hooks.settings.connect_retries
                || (idempotent && retry_attempts < hooks.settings.retries)
                || (session && hooks.renewable && !replayed && sent_token.is_some());
            with_call(|call| {
                call.waited.store(true, Ordering::Relaxed);
                if let Some(t) = &sent_token {
                    let mut s = call.secrets();
                    match &s.token {
                        None => s.token = Some(t.clone()),
                        Some(first) if first == t => {}
                        Some(_) => {
                            if !s.tokens.contains(t) {
                                s.tokens.push(t.clone());
                            }
                        }
                    }
                }
            });
            let mut spare = match (may_resend, rebuilds) {
                (false, _) => None,
                (true, true) => Some(Resend::Rebuild),
                (true, false) => request.try_clone().map(|r| Resend::Copy(Box::new(r))),
            };
            log_request(op, &request, hooks);
            // Boxed: these waits' state stays out of the future of a client without them.
            let _permit = match &shared.semaphore {
                Some(s) => Box::pin(s.acquire()).await.ok(),
                None => None,
            };
            if let Some(limiter) = &shared.limiter {
                Box::pin(limiter.wait()).await;
            }
            // The clock is read for timings and the response log only.
            let started = (shared.timings.is_some()
                || tracing::enabled!(target: "keystone_v2::response", tracing::Level::DEBUG))
            .then(Instant::now);
            let url = shared
                .timings
                .is_some()
                .then(|| redact::url(request.url().as_str()));
            let sent = http.execute(request).await;
            drop(_permit);
            let response = match sent {
                Ok(r) => {
                    if shared.timings.is_some() {
                        record_timing(shared, &method, url, Some(r.status().as_u16()), started);
                    }
                    r
                }
                Err(e) => {
                    let attempts = Attempts {
                        connect: &mut connect_attempts,
                        retry: &mut retry_attempts,
                    };
                    let retry = send_failed(
                        &e,
                        op,
                        &method,
                        url,
                        started,
                        hooks,
                        idempotent,
                        spare.is_some(),
                        attempts,
                    );
                    let (Some(delay), Some(next)) = (retry, spare) else {
                        return Err(e);
                    };
                    if !delay.is_zero() {
                        Box::pin(tokio::time::sleep(delay)).await;
                    }
                    match next.next(sent_token, (connect_attempts, retry_attempts, replayed)) {
                        Some(next) => {
                            request = next;
                            continue;
                        }
                        None => return Err(e),
                    }
                }
            };
            // Awaited outside the match: the outcome it came from is not kept beside it.
            let response = observe(hooks, op, &method, started, response).await?;
            let status = response.status();
            if idempotent
                && retry_attempts < hooks.settings.retries
                && hooks.settings.retriable.contains(&status.as_u16())
            {
                let delay = retriable_status(
                    op,
                    &response,
                    &hooks.settings,
                    retry_attempts,
                    spare.is_some(),
                );
                if let (Some(delay), Some(next)) = (delay, spare.take()) {
                    retry_attempts += 1;
                    Box::pin(tokio::time::sleep(delay)).await;
                    match next.next(sent_token, (connect_attempts, retry_attempts, replayed)) {
                        Some(next) => {
                            request = next;
                            continue;
                        }
                        None => return Ok(response),
                    }
                }
            }
            // Only a request that carried the session's token is replayed (an unauthenticated
            // operation carries none). Boxed: the replay's state stays out of this future.
            if status == reqwest::StatusCode::UNAUTHORIZED
                && !replayed
                && within_budget(Duration::ZERO)
            {
                let attempts = (connect_attempts, retry_attempts);
                if let Some(next) =
                    Box::pin(replay_after_401(hooks, op, sent_token, spare, attempts)).await
                {
                    replayed = true;
                    request = next;
                    continue;
                }
            }
            return Ok(response);
        }
    }
}

/// The attempts a request has used so far, of each kind: connection retries and retries.
pub(super) struct Attempts<'a> {
    connect: &'a mut u32,
    retry: &'a mut u32,
}

/// After a request could not be sent or its answer read (`e`): records it, and tells whether
/// to send it again and after what delay (counting the attempt), or not (`None`, logged as the
/// request's failure).
/// - A connection that could not be made: nothing was sent, so any method is sent again,
///   after a backoff that fits the call's deadline.
/// - A connection dropped mid-request: an idempotent request is sent again at once.
///
/// Either needs a way to send it again (`can_resend`). Out of line and cold, like every
/// failure path, so that the path of a request that succeeds stays compact.
#[cold]
#[inline(never)]
#[allow(clippy::too_many_arguments)]
pub(super) fn send_failed(
    e: &reqwest::Error,
    op: &'static str,
    method: &reqwest::Method,
    url: Option<String>,
    started: Option<Instant>,
    hooks: &Hooks,
    idempotent: bool,
    can_resend: bool,
    attempts: Attempts<'_>,
) -> Option<Duration> {
    if hooks.shared.timings.is_some() {
        record_timing(&hooks.shared, method, url, None, started);
    }
    if e.is_connect() && *attempts.connect < hooks.settings.connect_retries {
        let delay = Duration::from_millis(500) * 2u32.saturating_pow(*attempts.connect);
        if can_resend && within_budget(delay) {
            *attempts.connect += 1;
            tracing::debug!(target: "keystone_v2", operation = op, attempt = *attempts.connect, "connection failed, retrying");
            return Some(delay);
        }
    } else if !e.is_connect()
        && !e.is_timeout()
        && !e.is_redirect()
        && idempotent
        && *attempts.retry < hooks.settings.retries
        && within_budget(Duration::ZERO)
        && can_resend
    {
        *attempts.retry += 1;
        tracing::debug!(target: "keystone_v2", operation = op, attempt = *attempts.retry, "connection dropped, retrying");
        return Some(Duration::ZERO);
    }
    tracing::debug!(target: "keystone_v2::response", operation = op, method = %method, url = %e.url().map(|u| redact::url(u.as_str())).unwrap_or_default(), error = %redact::text(&e.to_string(), &call_secrets()), "request failed");
    None
}

/// After a retriable status (`response`'s, with `attempts` retries used so far): the delay
/// before the next attempt (its `Retry-After`, at most the policy's maximum, or the backoff),
/// when the request can be sent again (`can_resend`) and the delay fits the call's deadline.
/// Out of line and cold, like every failure path.
#[cold]
#[inline(never)]
pub(super) fn retriable_status(
    op: &'static str,
    response: &reqwest::Response,
    settings: &Settings,
    attempts: u32,
    can_resend: bool,
) -> Option<Duration> {
    let delay = retry_after(response.headers())
        .map(|d| d.min(settings.max_retry_delay))
        .unwrap_or_else(|| settings.backoff(attempts));
    if !(can_resend && within_budget(delay)) {
        return None;
    }
    tracing::debug!(target: "keystone_v2", operation = op, status = response.status().as_u16(), attempt = attempts + 1, delay_ms = delay.as_millis() as u64, "retriable status, retrying");
    Some(delay)
}

/// After a 401 to a request that carried `sent_token`: a new token from the session, and the
/// request to send once more with it (from the copy, `Some`), or, for `call!`'s request,
/// `call!` asked to make it again with the new token (`None`, as when there is no new token
/// or nothing to resend). `attempts`: the connection retries and retries used.
pub(super) async fn replay_after_401(
    hooks: &Hooks,
    op: &'static str,
    sent_token: Option<reqwest::header::HeaderValue>,
    spare: Option<Resend>,
    attempts: (u32, u32),
) -> Option<reqwest::Request> {
    let refused = Secret::from(sent_token.as_ref()?.to_str().ok()?);
    let (Auth::Session(weak), Some(next)) = (&hooks.auth, spare) else {
        return None;
    };
    let shared = weak.upgrade()?;
    let token = shared.after_unauthorized(&refused).await?;
    let header = token_header(&token).ok()?;
    tracing::debug!(target: "keystone_v2", operation = op, "401: re-authenticated, replaying once");
    match next {
        Resend::Copy(mut next) => {
            next.headers_mut().insert(X_AUTH_TOKEN, header);
            Some(*next)
        }
        Resend::Rebuild => Resend::Rebuild.next(Some(header), (attempts.0, attempts.1, true)),
    }
}

/// Logs and records one response, and applies the body rules: a success body is limited
/// to the maximum size; an error body is read (up to [`ERROR_BODY_LIMIT`]), understood
/// whatever its form, scrubbed, kept in the call's context, and replaced by Keystone's
/// canonical error body.
///
/// Not an `async fn`: the common case (a success, neither recorded nor logged with its body)
/// is done at once, and only the error and recording paths are futures, boxed, so that none of
/// their state sits in the engine's future.
pub(super) fn observe<'a>(
    hooks: &'a Hooks,
    op: &'static str,
    method: &'a reqwest::Method,
    started: Option<Instant>,
    response: reqwest::Response,
) -> ReadyOrBoxed<'a, reqwest::Result<reqwest::Response>> {
    use futures::future::Either;
    let status = response.status();
    with_call(|c| c.status.store(status.as_u16(), Ordering::Relaxed));
    if status.is_client_error() || status.is_server_error() {
        return Either::Right(Box::pin(async move {
            Ok(error_response(hooks, op, method, response, started).await)
        }));
    }
    let response = limit(response, method, hooks.settings.max_body, op);
    let logging = tracing::enabled!(target: "keystone_v2::response", tracing::Level::DEBUG);
    let bodies = hooks.settings.debug
        && tracing::enabled!(target: "keystone_v2::body", tracing::Level::DEBUG);
    if logging {
        log_response(op, method, &response, started);
    }
    if !(hooks.recorder.is_some() || bodies) {
        // The common path: nothing to copy, redact or buffer.
        return Either::Left(std::future::ready(Ok(response)));
    }
    Either::Right(Box::pin(record_success(
        hooks, op, method, response, bodies,
    )))
}

/// Buffers a success body to log it (redacted) or record it.
pub(super) async fn record_success(
    hooks: &Hooks,
    op: &'static str,
    method: &reqwest::Method,
    response: reqwest::Response,
    bodies: bool,
) -> reqwest::Result<reqwest::Response> {
    let status = response.status();
    let (response, body) = buffer(response).await?;
    if bodies {
        tracing::debug!(target: "keystone_v2::body", operation = op, direction = "response", status = status.as_u16(),
            body = %redact::text(&redact::body(&body, LOG_BODY), &call_secrets()), "response body");
    }
    if let Some(recorder) = &hooks.recorder {
        recorder.push(Exchange {
            operation: op,
            method: method.clone(),
            status,
            body,
        });
    }
    Ok(response)
}
