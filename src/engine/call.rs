//! One call of the public API: its deadline, its context (the secrets its errors must not
//! show, the status of its latest response) and the scope that carries them.

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::error_info::ErrorInfo;
use super::hooks::Hooks;
use super::token::X_AUTH_TOKEN;
use crate::{redact, Error};

/// One call of the public API: its deadline, and what its errors must not show. It lives in
/// the task-local [`CALL`] (one small allocation) for as long as the call runs; every access
/// goes through [`with_call`], so no reference to it is held across an `.await`.
pub(crate) struct Call {
    /// When the call began: the one clock read of a call that needs no retry or wait.
    pub(super) started: Instant,
    pub(super) deadline: Instant,
    /// Whether the call may have waited since it began (an attempt was sent, a token was
    /// obtained): until then, what remains of the deadline is the whole timeout, without
    /// reading the clock again.
    pub(super) waited: std::sync::atomic::AtomicBool,
    /// Secrets seen in this call's requests, gathered cheaply and turned into strings only
    /// when an error or a log needs them.
    pub(super) secrets: Mutex<Secrets>,
    /// The status of the latest response.
    pub(super) status: AtomicU16,
    /// What the latest error response said (its status, and what its body held), for the
    /// conversion of the error ([`super::http_error`]).
    pub(super) error: Mutex<Option<(reqwest::StatusCode, ErrorInfo)>>,
    /// How the request `call!` makes is sent again (see [`Replay`]).
    pub(super) replay: Mutex<Replay>,
    /// The operation the call is named for in [`Error::DeadlineExceeded`], when it is known
    /// to be a static name (a manager's call); authentication otherwise.
    pub(super) operation: &'static str,
}

/// How a request is sent again (a retry, or a replay after a 401): from a copy kept before
/// it is sent (`Copy`: the raw generated client, service requests, authentication), or, for
/// a manager's call, by `call!` making its generated call again when the engine asks. This
/// exists for speed alone: `Request::try_clone` before every request that may be resent cost
/// +2.6 % (TenantList) and +1.3 % (CreateDelete) of `scripts/bench-instructions`.
#[derive(Default)]
pub(crate) enum Replay {
    #[default]
    Copy,
    /// `call!` makes its generated call again if asked: its next request keeps no copy.
    Armed,
    /// The engine asks `call!` to make its call again ([`rebuild_requested`]), continuing
    /// the attempt before; then `Replaying` until that request is sent.
    Requested(Carried),
    Replaying(Carried),
    /// `call!`'s request is being sent: any other request meanwhile (the authentication
    /// after a 401) keeps a copy of itself.
    InFlight,
}

/// What a request made again continues: the token to send (the one sent before, or the new
/// one after a 401) and the attempts used (connection retries, retries, replayed).
pub(crate) struct Carried {
    pub(super) token: Option<reqwest::header::HeaderValue>,
    pub(super) attempts: (u32, u32, bool),
}

/// The secrets of a call, in the form they were found in.
#[derive(Default)]
pub(super) struct Secrets {
    /// The configuration's (URL userinfo passwords), shared by every call of a client.
    pub(super) config: Option<Arc<[String]>>,
    /// From paths (token ids) and headers, as strings.
    pub(super) strings: Vec<String>,
    /// The token header as it was first sent (held inline: nearly every call sends one token,
    /// and this saves it an allocation).
    pub(super) token: Option<reqwest::header::HeaderValue>,
    /// Other token headers sent in the same call (after a re-authentication).
    pub(super) tokens: Vec<reqwest::header::HeaderValue>,
    /// Request bodies, parsed for their secrets only when they are needed.
    pub(super) bodies: Vec<Vec<u8>>,
}

impl Secrets {
    /// Adds `secret` to the strings, once.
    pub(super) fn note(&mut self, secret: String) {
        if !self.strings.contains(&secret) {
            self.strings.push(secret);
        }
    }
}

impl Call {
    pub(super) fn new(timeout: Duration) -> Self {
        Self::named(timeout, "authenticate")
    }

    pub(super) fn named(timeout: Duration, operation: &'static str) -> Self {
        let started = Instant::now();
        Self {
            started,
            deadline: started + timeout,
            waited: std::sync::atomic::AtomicBool::new(false),
            secrets: Mutex::new(Secrets::default()),
            status: AtomicU16::new(0),
            error: Mutex::new(None),
            replay: Mutex::new(Replay::Copy),
            operation,
        }
    }

    pub(super) fn remaining(&self) -> Duration {
        if !self.waited.load(Ordering::Relaxed) {
            return self.deadline - self.started;
        }
        self.deadline.saturating_duration_since(Instant::now())
    }

    pub(super) fn replay(&self) -> std::sync::MutexGuard<'_, Replay> {
        self.replay.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(super) fn secrets(&self) -> std::sync::MutexGuard<'_, Secrets> {
        self.secrets.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every secret of the call so far, for scrubbing an error text or a log line.
    pub(super) fn all_secrets(&self) -> Vec<String> {
        let s = self.secrets();
        let mut out: Vec<String> = s.config.iter().flat_map(|c| c.iter().cloned()).collect();
        for secret in s
            .strings
            .iter()
            .cloned()
            .chain(s.bodies.iter().flat_map(|b| redact::body_secrets(b)))
        {
            if !out.contains(&secret) {
                out.push(secret);
            }
        }
        out.extend(
            s.token
                .iter()
                .chain(&s.tokens)
                .filter_map(|t| t.to_str().ok())
                .map(str::to_owned),
        );
        out
    }
}

tokio::task_local! {
    /// Boxed: the task-local's value is swapped in and out of its slot at every poll of the
    /// call's future, so a pointer is moved instead of the whole `Call`.
    pub(super) static CALL: Box<Call>;
}

/// Whether a call is under way in this task (a call made inside another is part of it).
pub(super) fn in_call() -> bool {
    CALL.try_with(|_| ()).is_ok()
}

/// `f` on the current call, if there is one.
pub(super) fn with_call<R>(f: impl FnOnce(&Call) -> R) -> Option<R> {
    CALL.try_with(|c| f(c)).ok()
}

/// Every secret of the current call (none outside a call).
pub(super) fn call_secrets() -> Vec<String> {
    with_call(Call::all_secrets).unwrap_or_default()
}

/// What remains of the current call's deadline.
pub(super) fn call_remaining() -> Duration {
    with_call(Call::remaining).unwrap_or(Duration::ZERO)
}

/// Whether a wait of `delay` before another attempt leaves that attempt time (50 ms) within
/// the current call's deadline.
pub(super) fn within_budget(delay: Duration) -> bool {
    delay + Duration::from_millis(50) < call_remaining()
}

/// Notes that the current call may have waited (an authentication, a retry): what remains
/// of its deadline is read from the clock from now on.
pub(crate) fn note_wait() {
    with_call(|c| c.waited.store(true, Ordering::Relaxed));
}

/// Keeps what an error response with `status` said, for the conversion of the error.
pub(super) fn note_error(status: reqwest::StatusCode, info: ErrorInfo) {
    with_call(|c| *c.error.lock().unwrap_or_else(|e| e.into_inner()) = Some((status, info)));
}

/// What the current call's latest error response said, if its status was `status`.
pub(super) fn take_error(status: reqwest::StatusCode) -> Option<ErrorInfo> {
    with_call(|c| c.error.lock().unwrap_or_else(|e| e.into_inner()).take())
        .flatten()
        .filter(|(s, _)| *s == status)
        .map(|(_, info)| info)
}

/// Tells the engine that `call!` makes its generated call again whenever
/// [`rebuild_requested`] says so: its request keeps no copy. Gives what to put back with
/// [`rebuild_end`] (a `call!` inside another's).
pub(crate) fn rebuild_begin() -> Replay {
    with_call(|c| std::mem::replace(&mut *c.replay(), Replay::Armed)).unwrap_or_default()
}

/// Whether the engine asks `call!` to make its generated call again (a retry, or a replay
/// with a new token after a 401); asked once per request.
pub(crate) fn rebuild_requested() -> bool {
    with_call(|c| {
        let mut replay = c.replay();
        match std::mem::take(&mut *replay) {
            Replay::Requested(carried) => {
                *replay = Replay::Replaying(carried);
                true
            }
            other => {
                *replay = other;
                false
            }
        }
    })
    .unwrap_or(false)
}

/// Puts back what [`rebuild_begin`] found.
pub(crate) fn rebuild_end(previous: Replay) {
    with_call(|c| *c.replay() = previous);
}

/// When the current call began (its one clock read), or now outside a call.
pub(crate) fn call_started() -> Instant {
    with_call(|c| c.started).unwrap_or_else(Instant::now)
}

/// Runs `fut` as one call bounded by `timeout`, whatever it does inside (authentication,
/// retries, re-authentication, replay). A call made inside another shares its deadline.
///
/// Not an `async fn`: the future it returns is `fut` itself inside a call, or `fut` in the
/// call's scope and deadline, with no copy of `fut` kept beside it.
pub(crate) fn within<'a, T: 'a>(
    timeout: Duration,
    operation: &'a str,
    fut: impl std::future::Future<Output = crate::Result<T>> + 'a,
) -> impl std::future::Future<Output = crate::Result<T>> + 'a {
    scoped(timeout, operation, "authenticate", true, fut)
}

/// A manager's call, as [`within`]; but when `hooks` make requests wait for nothing but their
/// answers (no concurrency cap, no rate limit), without a timer of its own for the whole
/// call, for every wait of such a call is already bounded by what remains of its deadline:
/// each attempt's timeout is what remains (the HTTP client's own timeout for a first
/// attempt, which starts with the call and is as long), retries wait only when the wait fits,
/// error bodies are read until shortly before it, and authentication (the one wait for
/// something other than an answer: another task's authentication in progress) is bounded by
/// [`bounded`]. This spares each call a timer's registration and removal, and the futures of
/// two layers. With a cap or a limit, a request may be held back: the call has its timer.
pub(crate) fn call_scope<'a, T: 'a, F>(
    hooks: &Hooks,
    timeout: Duration,
    operation: &'static str,
    fut: F,
) -> impl std::future::Future<Output = crate::Result<T>> + 'a
where
    F: std::future::Future<Output = crate::Result<T>> + 'a,
{
    let held_back = hooks.shared.semaphore.is_some() || hooks.shared.limiter.is_some();
    scoped(timeout, operation, operation, held_back, fut)
}

/// `fut` as a call of its own (unless a call is under way), named `name` for
/// [`Error::DeadlineExceeded`], with a timer for the whole call when `timer`.
pub(super) fn scoped<'a, T: 'a>(
    timeout: Duration,
    operation: &'a str,
    name: &'static str,
    timer: bool,
    fut: impl std::future::Future<Output = crate::Result<T>> + 'a,
) -> impl std::future::Future<Output = crate::Result<T>> + 'a {
    use futures::future::{Either, FutureExt as _};
    if in_call() {
        return Either::Left(fut);
    }
    let call = Box::new(Call::named(timeout, name));
    if !timer {
        return Either::Right(Either::Left(CALL.scope(call, fut)));
    }
    let deadline = tokio::time::Instant::from_std(call.deadline);
    Either::Right(Either::Right(
        CALL.scope(call, tokio::time::timeout_at(deadline, fut))
            .map(move |outcome| match outcome {
                Ok(result) => result,
                Err(_) => Err(Error::DeadlineExceeded {
                    operation: operation.to_owned(),
                    timeout,
                }),
            }),
    ))
}

/// `fut` bounded by what remains of the current call's deadline (unbounded outside a call):
/// [`Error::DeadlineExceeded`] when it does not end in time.
pub(crate) async fn bounded<T>(
    fut: impl std::future::Future<Output = crate::Result<T>>,
) -> crate::Result<T> {
    let Some((deadline, timeout, operation)) =
        with_call(|c| (c.deadline, c.deadline - c.started, c.operation))
    else {
        return fut.await;
    };
    match tokio::time::timeout_at(tokio::time::Instant::from_std(deadline), fut).await {
        Ok(result) => result,
        Err(_) => Err(Error::DeadlineExceeded {
            operation: operation.to_owned(),
            timeout,
        }),
    }
}

/// Notes `secret` (a token id of a path) for the current call's scrubbing; outside a call,
/// nothing (the engine then searches the path itself).
pub(super) fn note_string(secret: String) {
    with_call(|call| call.secrets().note(secret));
}

/// Where the engine looks for a request's secrets, besides its token header (noted as it is
/// sent): the token ids of its path (`path`), its body (`body`, kept to be parsed if an
/// error or a log needs its secrets), and credentials in its other headers (`headers`, such
/// as a service request's `Authorization`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scan {
    pub(crate) path: bool,
    pub(crate) body: bool,
    pub(crate) headers: bool,
}

/// Notes the secrets `request` carries, for scrubbing whatever the server echoes: nothing
/// is allocated for a request without any (no body, no token id in the path, no
/// credential header); a body is kept as bytes and parsed only if an error or a log needs
/// its secrets.
pub(super) fn note_secrets(hooks: &Hooks, request: &reqwest::Request, scan: Scan) {
    let path = if scan.path {
        redact::path_secrets(request.url().path())
    } else {
        Vec::new()
    };
    let body = request
        .body()
        .and_then(|b| b.as_bytes())
        .filter(|_| scan.body);
    // Credentials in other headers (Authorization, ...), which a server may echo; the token
    // header is kept as it is sent (in `attempts`).
    let mut headers = Vec::new();
    let others = scan.headers.then(|| request.headers().iter());
    for (name, value) in others.into_iter().flatten() {
        if name != X_AUTH_TOKEN && (value.is_sensitive() || redact::secret_header(name.as_str())) {
            if let Ok(v) = value.to_str() {
                headers.push(v.to_owned());
                if let Some((_, credential)) = v.split_once(' ') {
                    headers.push(credential.to_owned());
                }
            }
        }
    }
    if hooks.secrets.is_empty() && path.is_empty() && body.is_none() && headers.is_empty() {
        return;
    }
    with_call(|call| {
        let mut s = call.secrets();
        if s.config.is_none() && !hooks.secrets.is_empty() {
            s.config = Some(hooks.secrets.clone());
        }
        for secret in path.into_iter().chain(headers) {
            s.note(secret);
        }
        if let Some(body) = body {
            if !s.bodies.iter().any(|b| b.as_slice() == body) {
                s.bodies.push(body.to_vec());
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_bounded_wait_ends_at_the_deadline_of_a_call_without_a_timer() {
        let started = Instant::now();
        let outcome: crate::Result<()> = call_scope(
            &Hooks::anonymous(),
            Duration::from_millis(200),
            "tenants_list",
            bounded(std::future::pending()),
        )
        .await;
        let elapsed = started.elapsed();
        match outcome {
            Err(Error::DeadlineExceeded { operation, timeout }) => {
                assert_eq!(operation, "tenants_list");
                assert_eq!(timeout, Duration::from_millis(200));
            }
            other => panic!("{other:?}"),
        }
        assert!(elapsed >= Duration::from_millis(190), "{elapsed:?}");
        assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
        // Outside a call, a bounded future is not bounded (nor changed).
        assert_eq!(bounded(async { Ok(7) }).await.unwrap(), 7);
    }
}
