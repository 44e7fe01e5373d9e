//! The single place where cross-cutting behaviour meets the generated client: the token header,
//! the route guard, re-authentication and replay after a 401, retries, the call's deadline, the
//! body size limit, logging with secrets redacted, and the conversion of the generated client's
//! errors.
//!
//! Every request of every operation passes through [`ClientHooks::pre`] and
//! [`ClientHooks::exec`] here, and `exec`, like every request to another service of the
//! catalog ([`crate::ServiceClient`]), runs the one request engine of this module, so each
//! rule below, and each transport option of [`crate::ClientBuilder`] (retriable statuses and
//! backoff, `Retry-After`, the global request id, the user agent, the rate limit, the
//! concurrency cap, timings, the tracing targets and the curl line), holds for all of them:
//! - **Routes.** Path arguments are percent-encoded as one segment (everything but
//!   `A-Z a-z 0-9 - . _ ~`), and the final URL's path must have the operation's template shape
//!   (same static segments, same count, no empty argument), or the call is
//!   [`Error::InvalidRequest`] and nothing is sent.
//! - **Attributes.** A JSON request body that has the same attribute twice in one object (an
//!   `extra` map repeating a typed attribute) is [`Error::InvalidRequest`]; nothing is sent.
//! - **Deadline.** One deadline bounds a whole call: each attempt's timeout is what remains of
//!   it, and retries, waits, re-authentication and replay happen only within it. A call past it
//!   is [`Error::DeadlineExceeded`] or [`Error::Timeout`]. A manager's call on a client without
//!   a concurrency cap or a rate limit has no timer of its own: all its waits are bounded
//!   already (see `call_scope`).
//! - **Body size.** A response body larger than the limit is [`Error::ResponseTooLarge`],
//!   detected while reading (or from `Content-Length`, before reading); an error body is read
//!   up to 64 KiB and the rest dropped.
//! - **Errors.** An error status (4xx, 5xx) is [`Error::Http`] with that status whatever the body
//!   is: Keystone's `{"error": ...}`, the older fault forms (`{"itemNotFound": {"message": ...}}`),
//!   plain text, HTML or nothing. Messages and excerpts are scrubbed of every secret of the
//!   request (token sent, token ids in the path, passwords and secrets in the body, URL
//!   userinfo) in the forms a server may echo them (as is, JSON-escaped, Python-repr escaped,
//!   percent-encoded).

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};

use crate::generated::Client as Raw;
use crate::{redact, types, Error, HttpError, Secret};

/// One HTTP exchange seen by a [`Recorder`].
#[derive(Clone)]
pub struct Exchange {
    /// The operationId.
    pub operation: &'static str,
    /// The HTTP method.
    pub method: reqwest::Method,
    /// The status of the response.
    pub status: reqwest::StatusCode,
    /// The raw response body.
    pub body: bytes::Bytes,
}

impl std::fmt::Debug for Exchange {
    // The body may hold tokens or secrets: show its size only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exchange")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("status", &self.status)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Keeps every exchange of the clients it is attached to, raw bodies included, for tests and
/// for conformance checks. Its `Debug` output shows no body.
#[derive(Debug, Default)]
pub struct Recorder {
    exchanges: Mutex<Vec<Exchange>>,
}

impl Recorder {
    /// A new, empty recorder.
    ///
    /// ```
    /// let recorder = std::sync::Arc::new(keystone_v2::hooks::Recorder::new());
    /// assert!(recorder.exchanges().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of the exchanges so far, oldest first.
    ///
    /// ```
    /// let recorder = keystone_v2::hooks::Recorder::new();
    /// assert_eq!(recorder.exchanges().len(), 0);
    /// ```
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.exchanges
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The latest exchange, if any.
    ///
    /// ```
    /// let recorder = keystone_v2::hooks::Recorder::new();
    /// assert!(recorder.last().is_none());
    /// ```
    pub fn last(&self) -> Option<Exchange> {
        self.exchanges
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .last()
            .cloned()
    }

    fn push(&self, exchange: Exchange) {
        self.exchanges
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(exchange);
    }
}

/// What the hooks need from a session that owns the token (the client's token lifecycle):
/// the header to send, and a new token after a 401. The hooks hold it weakly, so a session
/// and its hooks do not keep each other alive.
pub(crate) trait TokenSource: Send + Sync {
    /// The `X-Auth-Token` value to send now, if any.
    fn token_header(&self) -> Option<reqwest::header::HeaderValue>;
    /// After `refused` was answered 401: a token to replay the request with, if one can be had.
    fn after_unauthorized<'a>(
        &'a self,
        refused: &'a Secret,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<Secret>> + Send + 'a>>;
}

/// Where the token comes from.
#[derive(Clone, Default)]
enum Auth {
    #[default]
    None,
    Static(reqwest::header::HeaderValue),
    /// A token that cannot be sent (not a valid header value): every call is refused.
    Invalid,
    Session(Weak<dyn TokenSource>),
}

/// `X-Auth-Token`, parsed once.
const X_AUTH_TOKEN: reqwest::header::HeaderName =
    reqwest::header::HeaderName::from_static("x-auth-token");

/// The default maximum size of a response body: far above any real Keystone answer.
pub const DEFAULT_MAX_BODY_SIZE: u64 = 16 * 1024 * 1024;
/// How much of an error body is read (the rest is dropped): enough for any Keystone message.
const ERROR_BODY_LIMIT: usize = 64 * 1024;
/// The most redirects followed within one origin.
pub const MAX_REDIRECTS: usize = 3;

/// The state the generated client carries (progenitor's "inner type").
///
/// [`crate::Client`] builds its own; build one by hand to use [`crate::generated::Client`]
/// directly (then give the `reqwest::Client` this crate's [`redirect_policy`]).
#[derive(Clone)]
pub struct Hooks {
    auth: Auth,
    recorder: Option<Arc<Recorder>>,
    debug: bool,
    connect_retries: u32,
    retries: u32,
    timeout: Duration,
    attempt_timeout: Option<Duration>,
    /// The timeout the `reqwest::Client` itself applies to every request, when known: an
    /// attempt whose timeout is that one needs no timeout of its own.
    http_timeout: Option<Duration>,
    max_body: u64,
    /// Whether the session can get a new token after a 401 (it has credentials and an
    /// auth_url): only then is a copy of a request kept to replay it.
    renewable: bool,
    /// Secrets of the configuration (URL userinfo passwords) to scrub from every error.
    secrets: Arc<[String]>,
    /// Retry policy, logging options and the state shared by every clone of a client (rate
    /// limiter, concurrency cap, timings).
    policy: Arc<Policy>,
}

impl Default for Hooks {
    fn default() -> Self {
        Self {
            auth: Auth::None,
            recorder: None,
            debug: false,
            connect_retries: 0,
            retries: 0,
            timeout: Duration::from_secs(30),
            attempt_timeout: None,
            http_timeout: None,
            max_body: DEFAULT_MAX_BODY_SIZE,
            renewable: false,
            secrets: Arc::new([]),
            policy: Arc::default(),
        }
    }
}

impl std::fmt::Debug for Hooks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let auth = match &self.auth {
            Auth::None => "none",
            Auth::Static(_) => "static token",
            Auth::Invalid => "invalid token",
            Auth::Session(_) => "session",
        };
        f.debug_struct("Hooks")
            .field("auth", &auth)
            .field("recorder", &self.recorder.is_some())
            .field("debug", &self.debug)
            .field("timeout", &self.timeout)
            .field("max_body", &self.max_body)
            .finish()
    }
}

/// The transport settings of a [`crate::Client`] that its hooks apply.
pub(crate) struct Transport {
    pub debug: bool,
    pub connect_retries: u32,
    pub retries: u32,
    pub timeout: Duration,
    pub attempt_timeout: Option<Duration>,
    pub max_body: u64,
    pub secrets: Vec<String>,
    pub policy: Policy,
}

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
    async fn wait(&self) {
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

/// The retry policy, the logging options and the state that the clones of a client share.
#[derive(Debug)]
pub(crate) struct Policy {
    /// Statuses retried (idempotent methods only), default `[503]`.
    pub retriable: Vec<u16>,
    /// The first wait without a `Retry-After`, doubled at each retry.
    pub retry_delay: Duration,
    /// The longest wait, `Retry-After` included.
    pub max_retry_delay: Duration,
    pub jitter: Jitter,
    /// Log a curl-style line for each request (at DEBUG on `keystone_v2::request`).
    pub log_curl: bool,
    /// Whether TLS verification is off (shown as `--insecure` in the curl line).
    pub insecure: bool,
    /// Headers the HTTP client adds to every request (for the curl line).
    pub default_headers: reqwest::header::HeaderMap,
    pub limiter: Option<RateLimiter>,
    pub semaphore: Option<tokio::sync::Semaphore>,
    pub timings: Option<Mutex<Vec<RequestTiming>>>,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            retriable: vec![503],
            retry_delay: DEFAULT_RETRY_DELAY,
            max_retry_delay: DEFAULT_MAX_RETRY_DELAY,
            jitter: Jitter::None,
            log_curl: false,
            insecure: false,
            default_headers: reqwest::header::HeaderMap::new(),
            limiter: None,
            semaphore: None,
            timings: None,
        }
    }
}

/// The first wait before a retry when the server gives no `Retry-After` (keystoneauth's).
pub const DEFAULT_RETRY_DELAY: Duration = Duration::from_millis(500);
/// The longest wait before a retry, `Retry-After` included (keystoneauth's).
pub const DEFAULT_MAX_RETRY_DELAY: Duration = Duration::from_secs(60);

impl Policy {
    /// The wait before retry number `n` (from 0) when the server gave no `Retry-After`.
    fn backoff(&self, n: u32) -> Duration {
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

    fn record(&self, timing: impl FnOnce() -> RequestTiming) {
        if let Some(t) = &self.timings {
            t.lock().unwrap_or_else(|e| e.into_inner()).push(timing());
        }
    }
}

/// A uniform random number in `[0, 1]`.
fn random_fraction() -> f64 {
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

impl Hooks {
    /// No token: only unauthenticated operations succeed.
    ///
    /// ```
    /// let hooks = keystone_v2::hooks::Hooks::anonymous();
    /// # let _ = hooks;
    /// ```
    pub fn anonymous() -> Self {
        Self::default()
    }

    /// Sends this token (a token id or the server's admin token) with every authenticated
    /// operation. A token that is not a valid HTTP header value (a newline, ...) is never sent:
    /// every authenticated call is then [`Error::InvalidRequest`].
    ///
    /// ```
    /// let hooks = keystone_v2::hooks::Hooks::with_token("ADMIN");
    /// # let _ = hooks;
    /// ```
    pub fn with_token(token: impl Into<Secret>) -> Self {
        let auth = match token_header(&token.into()) {
            Ok(v) => Auth::Static(v),
            Err(_) => Auth::Invalid,
        };
        Self {
            auth,
            ..Self::default()
        }
    }

    pub(crate) fn session(shared: Weak<dyn TokenSource>, t: Transport, renewable: bool) -> Self {
        Self {
            auth: Auth::Session(shared),
            recorder: None,
            debug: t.debug,
            connect_retries: t.connect_retries,
            retries: t.retries,
            timeout: t.timeout,
            attempt_timeout: t.attempt_timeout,
            // The builder gives the HTTP client the call's timeout.
            http_timeout: Some(t.timeout),
            max_body: t.max_body,
            renewable,
            secrets: t.secrets.into(),
            policy: Arc::new(t.policy),
        }
    }

    /// The timings kept so far (empty unless timing collection is on).
    pub(crate) fn timings(&self) -> Vec<RequestTiming> {
        self.policy
            .timings
            .as_ref()
            .map(|t| t.lock().unwrap_or_else(|e| e.into_inner()).clone())
            .unwrap_or_default()
    }

    /// Forgets the timings kept so far.
    pub(crate) fn reset_timings(&self) {
        if let Some(t) = &self.policy.timings {
            t.lock().unwrap_or_else(|e| e.into_inner()).clear();
        }
    }

    /// The `X-Auth-Token` to send now, or why none can be.
    pub(crate) fn auth_header(&self) -> Result<Option<reqwest::header::HeaderValue>, ()> {
        self.token_header()
    }

    /// Records every exchange into `recorder`.
    ///
    /// ```
    /// let recorder = std::sync::Arc::new(keystone_v2::hooks::Recorder::new());
    /// let hooks = keystone_v2::hooks::Hooks::anonymous().record(recorder.clone());
    /// # let _ = hooks;
    /// ```
    pub fn record(mut self, recorder: Arc<Recorder>) -> Self {
        self.recorder = Some(recorder);
        self
    }

    /// Logs bodies too (redacted), like [`crate::ClientBuilder::debug`].
    ///
    /// ```
    /// let hooks = keystone_v2::hooks::Hooks::anonymous().debug(true);
    /// # let _ = hooks;
    /// ```
    pub fn debug(mut self, debug: bool) -> Self {
        self.debug = debug;
        self
    }

    /// The deadline of each call, retries included (default 30 s), like
    /// [`crate::ClientBuilder::timeout`].
    ///
    /// ```
    /// let hooks = keystone_v2::hooks::Hooks::anonymous().timeout(std::time::Duration::from_secs(5));
    /// # let _ = hooks;
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest response body accepted (default [`DEFAULT_MAX_BODY_SIZE`]), like
    /// [`crate::ClientBuilder::max_body_size`].
    ///
    /// ```
    /// let hooks = keystone_v2::hooks::Hooks::anonymous().max_body_size(1 << 20);
    /// # let _ = hooks;
    /// ```
    pub fn max_body_size(mut self, bytes: u64) -> Self {
        self.max_body = bytes;
        self
    }

    fn token_header(&self) -> Result<Option<reqwest::header::HeaderValue>, ()> {
        match &self.auth {
            Auth::None => Ok(None),
            Auth::Static(v) => Ok(Some(v.clone())),
            Auth::Invalid => Err(()),
            Auth::Session(s) => Ok(s.upgrade().and_then(|s| s.token_header())),
        }
    }
}

/// The redirect policy of every [`crate::Client`]: credentials never leave the origin
/// (scheme, host, port) they were given to. A redirect to another origin (https to http
/// included), or past [`MAX_REDIRECTS`], is refused before anything is sent to its target
/// ([`Error::Redirect`]). A same-origin redirect is followed: 307 and 308 keep the method and
/// the body, 301, 302 and 303 turn into a GET without a body (as browsers do).
///
/// ```
/// let http = reqwest::Client::builder()
///     .redirect(keystone_v2::hooks::redirect_policy())
///     .build()
///     .unwrap();
/// # let _ = http;
/// ```
pub fn redirect_policy() -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(|attempt| {
        let previous = attempt.previous();
        match redirect_refusal(previous, attempt.url()) {
            Some(reason) => {
                let refused = RedirectRefused {
                    from: previous
                        .last()
                        .map(|u| redact::url(u.as_str()))
                        .unwrap_or_default(),
                    to: redact::url(attempt.url().as_str()),
                    reason,
                };
                attempt.error(refused)
            }
            None => attempt.follow(),
        }
    })
}

/// Why a redirect to `next` after the URLs `previous` (the original request first) is refused,
/// if it is.
fn redirect_refusal(previous: &[reqwest::Url], next: &reqwest::Url) -> Option<&'static str> {
    let origin = |u: &reqwest::Url| {
        (
            u.scheme().to_owned(),
            u.host_str().map(str::to_owned),
            u.port_or_known_default(),
        )
    };
    match previous.first() {
        Some(first) if origin(first) != origin(next) => {
            Some("it leads to another origin (scheme, host or port), where credentials must not go")
        }
        _ if previous.len() > MAX_REDIRECTS => Some("too many redirects"),
        _ => None,
    }
}

/// A redirect the policy refused (becomes [`Error::Redirect`]).
#[derive(Debug)]
pub(crate) struct RedirectRefused {
    pub from: String,
    pub to: String,
    pub reason: &'static str,
}

impl std::fmt::Display for RedirectRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "redirect to {} refused: {}", self.to, self.reason)
    }
}

impl std::error::Error for RedirectRefused {}

/// A body past the limit (becomes [`Error::ResponseTooLarge`]).
#[derive(Debug)]
pub(crate) struct TooLarge {
    pub operation: &'static str,
    pub url: String,
    pub limit: u64,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the response body is larger than {} bytes", self.limit)
    }
}

impl std::error::Error for TooLarge {}

/// An outcome that is either ready (the common case: no future state at all) or a boxed
/// future (the rare paths, whose state stays out of the futures that await them).
pub(crate) type ReadyOrBoxed<'a, T> = futures::future::Either<
    std::future::Ready<T>,
    std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>,
>;

/// One call of the public API: its deadline, and what its errors must not show. It lives in
/// the task-local [`CALL`] (one small allocation) for as long as the call runs; every access
/// goes through [`with_call`], so no reference to it is held across an `.await`.
pub(crate) struct Call {
    /// When the call began: the one clock read of a call that needs no retry or wait.
    started: Instant,
    deadline: Instant,
    /// Whether the call may have waited since it began (an attempt was sent, a token was
    /// obtained): until then, what remains of the deadline is the whole timeout, without
    /// reading the clock again.
    waited: std::sync::atomic::AtomicBool,
    /// Secrets seen in this call's requests, gathered cheaply and turned into strings only
    /// when an error or a log needs them.
    secrets: Mutex<Secrets>,
    /// The status of the latest response.
    status: AtomicU16,
    /// One of the `REPLAY_*` states.
    replay: std::sync::atomic::AtomicU8,
    /// The operation the call is named for in [`Error::DeadlineExceeded`], when it is known
    /// to be a static name (a manager's call); authentication otherwise.
    operation: &'static str,
}

/// The secrets of a call, in the form they were found in.
#[derive(Default)]
struct Secrets {
    /// The configuration's (URL userinfo passwords), shared by every call of a client.
    config: Option<Arc<[String]>>,
    /// From paths (token ids) and headers, as strings.
    strings: Vec<String>,
    /// The token header as it was first sent (held inline: nearly every call sends one token,
    /// and this saves it an allocation).
    token: Option<reqwest::header::HeaderValue>,
    /// Other token headers sent in the same call (after a re-authentication).
    tokens: Vec<reqwest::header::HeaderValue>,
    /// Request bodies, parsed for their secrets only when they are needed.
    bodies: Vec<Vec<u8>>,
    /// For a request its caller builds again ([`rebuild_begin`]): what the next attempt
    /// continues.
    replay: Option<Carried>,
}

impl Secrets {
    /// Adds `secret` to the strings, once.
    fn note(&mut self, secret: String) {
        if !self.strings.contains(&secret) {
            self.strings.push(secret);
        }
    }
}

/// What a rebuilt request continues: the token to send (the one sent before, or the new
/// one after a 401) and the attempts used (connection retries, retries, replayed).
struct Carried {
    token: Option<reqwest::header::HeaderValue>,
    carried: (u32, u32, bool),
}

/// How the current call's request is sent again (a retry, or a replay after a 401): from a
/// copy kept before sending it, or by its caller, which builds it again ([`rebuild_begin`]).
const REPLAY_COPY: u8 = 0;
/// The caller builds the request again if asked to: no copy is kept.
const REPLAY_ARMED: u8 = 1;
/// The engine wants the request sent again (after a retriable failure, or a 401 and a new
/// token): the caller is to build it and send it.
const REPLAY_REQUESTED: u8 = 2;
/// The rebuilt request is about to be sent, continuing the previous attempt.
const REPLAY_REPLAYING: u8 = 3;
/// The request the caller builds is being sent: any other request made meanwhile (the
/// authentication after a 401) keeps a copy of itself as usual.
const REPLAY_IN_FLIGHT: u8 = 4;

impl Call {
    fn new(timeout: Duration) -> Self {
        Self::named(timeout, "authenticate")
    }

    fn named(timeout: Duration, operation: &'static str) -> Self {
        let started = Instant::now();
        Self {
            started,
            deadline: started + timeout,
            waited: std::sync::atomic::AtomicBool::new(false),
            secrets: Mutex::new(Secrets::default()),
            status: AtomicU16::new(0),
            replay: std::sync::atomic::AtomicU8::new(REPLAY_COPY),
            operation,
        }
    }

    fn remaining(&self) -> Duration {
        if !self.waited.load(Ordering::Relaxed) {
            return self.deadline - self.started;
        }
        self.deadline.saturating_duration_since(Instant::now())
    }

    fn secrets(&self) -> std::sync::MutexGuard<'_, Secrets> {
        self.secrets.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every secret of the call so far, for scrubbing an error text or a log line.
    fn all_secrets(&self) -> Vec<String> {
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
    static CALL: Box<Call>;
}

/// Whether a call is under way in this task (a call made inside another is part of it).
fn in_call() -> bool {
    CALL.try_with(|_| ()).is_ok()
}

/// `f` on the current call, if there is one.
fn with_call<R>(f: impl FnOnce(&Call) -> R) -> Option<R> {
    CALL.try_with(|c| f(c)).ok()
}

/// Every secret of the current call (none outside a call).
fn call_secrets() -> Vec<String> {
    with_call(Call::all_secrets).unwrap_or_default()
}

/// What remains of the current call's deadline.
fn call_remaining() -> Duration {
    with_call(Call::remaining).unwrap_or(Duration::ZERO)
}

/// Whether a wait of `delay` before another attempt leaves that attempt time (50 ms) within
/// the current call's deadline.
fn within_budget(delay: Duration) -> bool {
    delay + Duration::from_millis(50) < call_remaining()
}

/// Notes that the current call may have waited (an authentication, a retry): what remains
/// of its deadline is read from the clock from now on.
pub(crate) fn note_wait() {
    with_call(|c| c.waited.store(true, Ordering::Relaxed));
}

/// Tells the engine that the caller will build the next request of the current call again
/// whenever [`rebuild_requested`] says so, so that no copy of it is kept for a retry or a
/// replay after a 401 (the managers' `call!`, whose generated call can simply be made
/// again). Gives the state to put back with [`rebuild_end`].
pub(crate) fn rebuild_begin() -> u8 {
    with_call(|c| c.replay.swap(REPLAY_ARMED, Ordering::Relaxed)).unwrap_or(REPLAY_COPY)
}

/// Whether the engine wants the request sent again (a retry, or a replay with a new token
/// after a 401): the caller then builds it and sends it, and asks again afterwards.
pub(crate) fn rebuild_requested() -> bool {
    with_call(|c| {
        c.replay
            .compare_exchange(
                REPLAY_REQUESTED,
                REPLAY_REPLAYING,
                Ordering::Relaxed,
                Ordering::Relaxed,
            )
            .is_ok()
    })
    .unwrap_or(false)
}

/// Puts back the replay state [`rebuild_begin`] found.
pub(crate) fn rebuild_end(previous: u8) {
    with_call(|c| {
        c.replay.store(previous, Ordering::Relaxed);
        c.secrets().replay = None;
    });
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
    let held_back = hooks.policy.semaphore.is_some() || hooks.policy.limiter.is_some();
    scoped(timeout, operation, operation, held_back, fut)
}

/// `fut` as a call of its own (unless a call is under way), named `name` for
/// [`Error::DeadlineExceeded`], with a timer for the whole call when `timer`.
fn scoped<'a, T: 'a>(
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

/// Percent-encodes a path argument as exactly one segment: everything but the unreserved
/// characters `A-Z a-z 0-9 - . _ ~` (so `/`, `\`, `?`, `#`, `%` and the rest cannot change the
/// route). The route guard refuses what no encoding can carry: an empty argument, `.` and `..`.
///
/// It gives the encoding to format (the generated code writes it straight into the URL).
pub(crate) fn encode_segment(value: &str) -> Segment<'_> {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    // The unreserved bytes, looked up rather than tested (one load per byte of every id).
    const UNRESERVED: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            table[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~');
            b += 1;
        }
        table
    };
    // Ids are unreserved characters: written as they are, without the encoder's walk.
    if value.bytes().all(|b| UNRESERVED[b as usize]) {
        Segment::Plain(value)
    } else {
        Segment::Encoded(percent_encoding::utf8_percent_encode(value, SEGMENT))
    }
}

/// A path argument as it is written into the URL: [`encode_segment`]'s answer.
pub(crate) enum Segment<'a> {
    /// Only unreserved characters: written as it is.
    Plain(&'a str),
    /// Percent-encoded.
    Encoded(percent_encoding::PercentEncode<'a>),
}

impl std::fmt::Display for Segment<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Segment::Plain(s) => f.write_str(s),
            Segment::Encoded(e) => std::fmt::Display::fmt(e, f),
        }
    }
}

/// Checks that `path` is the operation's template below the base URL: the same static
/// segments, the same number of segments, and every argument one non-empty segment; and
/// gives each argument's segment to `argument`, with the parameter's name.
fn check_route<'p>(
    baseurl: &str,
    path: &'p str,
    template: &str,
    mut argument: impl FnMut(&str, &'p str),
) -> Result<(), String> {
    // After the scheme's `://` (the two schemes first, without a search) and the authority.
    let authority_and_path = baseurl
        .strip_prefix("http://")
        .or_else(|| baseurl.strip_prefix("https://"))
        .or_else(|| {
            baseurl
                .as_bytes()
                .windows(3)
                .position(|w| w == b"://")
                .map(|i| &baseurl[i + 3..])
        })
        .unwrap_or(baseurl);
    let base_path = memchr::memchr(b'/', authority_and_path.as_bytes())
        .map_or("", |i| &authority_and_path[i..])
        .trim_end_matches('/');
    let refused = |why: &str| {
        Err(format!(
            "{why}; the request would not reach {template}, so nothing was sent"
        ))
    };
    let Some(rest) = path.strip_prefix(base_path) else {
        return refused("the URL left the base URL's path");
    };
    // One walk over both: each static run of the template must be the path's next bytes, and
    // each `{name}` one segment of the path, neither empty nor `.` nor `..`. Slice
    // comparisons and `memchr`, rather than a step per byte: this runs for every request.
    let (mut path, mut rest_of_template) = (rest, template);
    while !rest_of_template.is_empty() {
        let Some(name) = rest_of_template.strip_prefix('{') else {
            let run =
                memchr::memchr(b'{', rest_of_template.as_bytes()).unwrap_or(rest_of_template.len());
            let Some(after) = path.strip_prefix(&rest_of_template[..run]) else {
                return refused("an argument was `.` or `..`, or held a path separator");
            };
            (path, rest_of_template) = (after, &rest_of_template[run..]);
            continue;
        };
        let close = memchr::memchr(b'}', name.as_bytes()).unwrap_or(name.len());
        let end = memchr::memchr(b'/', path.as_bytes()).unwrap_or(path.len());
        let (segment, name) = (&path[..end], &name[..close]);
        if segment.is_empty() || segment == "." || segment == ".." {
            return refused(&if segment.is_empty() {
                format!("the {name} argument is empty")
            } else {
                format!("the {name} argument is `.` or `..`")
            });
        }
        argument(name, segment);
        path = &path[end..];
        rest_of_template = rest_of_template.get(close + 2..).unwrap_or("");
    }
    if !path.is_empty() {
        return refused("an argument held a path separator");
    }
    Ok(())
}

/// Reads a response's body and gives back an equivalent response, so the body can be both
/// inspected and returned to the generated code.
pub(crate) async fn buffer(
    response: reqwest::Response,
) -> reqwest::Result<(reqwest::Response, bytes::Bytes)> {
    let url = response.url().clone();
    let status = response.status();
    let version = response.version();
    let headers = response.headers().clone();
    let body = response.bytes().await?;
    Ok((rebuild(status, version, headers, url, body.clone()), body))
}

fn rebuild(
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

/// The header this crate adds to error responses: the request they answer (method and redacted
/// URL) and what was found in the body (message, title, excerpt), for [`HttpError`].
const ERROR_INFO: &str = "x-keystone-v2-error";
/// Bodies in debug logs are cut to this many characters.
const LOG_BODY: usize = 4096;
/// Excerpts in errors are cut to this many characters.
const EXCERPT: usize = 200;
/// Messages in errors are cut to this many characters.
const MESSAGE: usize = 1024;

fn idempotent(method: &reqwest::Method) -> bool {
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
fn http_date(v: &str) -> Option<chrono::DateTime<chrono::Utc>> {
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

/// Headers whose values are credentials: never logged, shown as a hash in the curl line.
fn secret_header(name: &reqwest::header::HeaderName, value: &reqwest::header::HeaderValue) -> bool {
    use reqwest::header::{AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION};
    // A header name is lower case: the standard ones compare as numbers.
    value.is_sensitive()
        || name == AUTHORIZATION
        || name == PROXY_AUTHORIZATION
        || name == COOKIE
        || matches!(
            name.as_str(),
            "x-auth-token" | "x-subject-token" | "x-service-token"
        )
}

/// Logs a request on `keystone_v2::request` (its headers too with `debug`), its body on
/// `keystone_v2::body` (with `debug`), and the curl-style line (with `log_curl`), every
/// secret redacted. Nothing is computed unless the target is enabled.
fn log_request(op: &str, request: &reqwest::Request, hooks: &Hooks) {
    if !tracing::enabled!(target: "keystone_v2::request", tracing::Level::DEBUG) {
        return;
    }
    let url = redact::url(request.url().as_str());
    let policy = &*hooks.policy;
    if !hooks.debug && !policy.log_curl {
        tracing::debug!(target: "keystone_v2::request", operation = op, method = %request.method(), url = %url, "request");
        return;
    }
    let secrets = &call_secrets();
    let shown = |k: &reqwest::header::HeaderName, v: &reqwest::header::HeaderValue| {
        if secret_header(k, v) {
            None
        } else {
            Some(redact::text(
                &String::from_utf8_lossy(v.as_bytes()),
                secrets,
            ))
        }
    };
    let body = request
        .body()
        .map(|b| match b.as_bytes() {
            Some(bytes) => redact::text(&redact::body(bytes, LOG_BODY), secrets),
            None => "<streamed body>".to_owned(),
        })
        .unwrap_or_default();
    if hooks.debug {
        let headers: Vec<String> = request
            .headers()
            .iter()
            .map(|(k, v)| {
                format!(
                    "{k}: {}",
                    shown(k, v).as_deref().unwrap_or(redact::REDACTED)
                )
            })
            .collect();
        tracing::debug!(target: "keystone_v2::request", operation = op, method = %request.method(), url = %url, headers = %headers.join("; "), "request");
        if !body.is_empty() {
            tracing::debug!(target: "keystone_v2::body", operation = op, direction = "request", body = %body, "request body");
        }
    }
    if policy.log_curl {
        tracing::debug!(target: "keystone_v2::request", operation = op, "{}", curl_line(request, &url, &body, hooks, &shown));
    }
}

/// keystoneauth's request line: `curl -g -i [--insecure] -X METHOD "url" -H "k: v" ... -d 'body'`,
/// headers sorted, credentials as `{SHA256}<hex>`, the URL and the body redacted.
fn curl_line(
    request: &reqwest::Request,
    url: &str,
    body: &str,
    hooks: &Hooks,
    shown: &dyn Fn(&reqwest::header::HeaderName, &reqwest::header::HeaderValue) -> Option<String>,
) -> String {
    use sha2::Digest as _;
    let policy = &*hooks.policy;
    let mut line = String::from("curl -g -i");
    if policy.insecure {
        line.push_str(" --insecure");
    }
    line.push_str(&format!(" -X {} \"{url}\"", request.method()));
    let mut headers: Vec<(String, String)> = Vec::new();
    let all = request.headers().iter().chain(
        policy
            .default_headers
            .iter()
            .filter(|(k, _)| !request.headers().contains_key(*k)),
    );
    for (k, v) in all {
        let value = match shown(k, v) {
            Some(v) => v,
            None => {
                let digest = sha2::Sha256::digest(v.as_bytes());
                let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
                format!("{{SHA256}}{hex}")
            }
        };
        headers.push((k.as_str().to_owned(), value));
    }
    headers.sort();
    for (k, v) in headers {
        line.push_str(&format!(" -H \"{k}: {v}\""));
    }
    if !body.is_empty() {
        line.push_str(&format!(" -d '{body}'"));
    }
    line
}

/// What every generated method calls (progenitor's hooks, `with_hooks(Expected)` in
/// `build.rs`): `pre` before its request is sent, `exec` to send it. `post` is progenitor's
/// no-op.
impl ClientHooks<Hooks> for Raw {
    /// The route guard, the check for a repeated attribute in the body, and the token header.
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> Result<(), progenitor_client::Error<E>> {
        // progenitor's `api-version` header, which Keystone has no use for, is not built:
        // `build.rs` takes its header map out of the generated methods (measured cheaper than
        // removing the header here).
        pre_checks(self, request, info.operation_id)
    }

    /// Sends the request through the engine.
    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        // Within a call, `pre` has noted the path's and the body's secrets: they are searched
        // for again only for a request sent outside any call (the generated client on its
        // own, or a request handed to this hook directly), whose noting `pre` could not keep.
        // Only an operation with a secret path parameter (a token id) can carry a secret in
        // its path. Within a call, the headers are not searched: `build.rs` refuses header
        // parameters, so a generated request carries only `Accept`, `Content-Type` and the
        // token header (noted as it is sent).
        let unnoted = !in_call();
        let secret_path = crate::operations::find(info.operation_id)
            .is_none_or(|op| !op.secret_params.is_empty());
        // Boxed: one allocation, where the engine's kilobytes would otherwise be copied at
        // every level of the call's futures (the generated method, the manager's call, the
        // call's scope and deadline, ...).
        Box::pin(execute(
            self.client(),
            self.inner(),
            request,
            info.operation_id,
            Scan {
                path: secret_path && unnoted,
                body: unnoted,
                headers: unnoted,
            },
        ))
        .await
    }
}

/// The checks of [`ClientHooks::pre`] for the operation `id`: an id the spec does not have
/// (only a caller of the hook itself can give one) is refused, with nothing sent.
// The error is progenitor's, the one the generated methods return.
#[allow(clippy::result_large_err)]
fn pre_checks<E>(
    raw: &Raw,
    request: &mut reqwest::Request,
    id: &str,
) -> Result<(), progenitor_client::Error<E>> {
    let Some(crate::operations::Operation {
        path: template,
        secret_params,
        authenticated,
        ..
    }) = crate::operations::find(id)
    else {
        return Err(progenitor_client::Error::InvalidRequest(format!(
            "{id}: not an operation of the spec; nothing was sent"
        )));
    };
    // The secret arguments (token ids), for scrubbing whatever the server echoes: taken from
    // the route guard's walk, so the engine need not search the path again.
    let noted = |name: &str, segment: &str| {
        if secret_params.contains(&name) {
            note_string(redact::segment_secret(segment));
        }
    };
    check_route(raw.baseurl(), request.url().path(), template, noted)
        .map_err(|why| progenitor_client::Error::InvalidRequest(format!("{id}: {why}")))?;
    if let Some(body) = request.body().and_then(|b| b.as_bytes()) {
        // One walk for both: the repeated attribute, and the body's secrets, noted for the
        // call's scrubbing (so the engine need not keep a copy of the body to parse later).
        let mut secrets = Vec::new();
        let repeated = redact::walk_body(body, &mut secrets);
        for secret in secrets {
            note_string(secret);
        }
        if let Some(key) = repeated {
            return Err(progenitor_client::Error::InvalidRequest(format!(
                "{id}: the attribute {key:?} is given twice in one object of the body (an `extra` map may not repeat a typed attribute); nothing was sent"
            )));
        }
    }
    if *authenticated {
        match raw.inner().token_header() {
            Ok(Some(value)) => {
                request.headers_mut().insert(X_AUTH_TOKEN, value);
            }
            Ok(None) => {}
            Err(()) => {
                return Err(progenitor_client::Error::InvalidRequest(format!(
                    "{id}: the token is not a valid HTTP header value (a control character such as a newline?); nothing was sent"
                )))
            }
        }
    }
    Ok(())
}

/// The whole body of `response`, chunk by chunk: the first chunk as it is when it is the only
/// one, the chunks joined otherwise.
async fn read_body(response: &mut reqwest::Response) -> reqwest::Result<bytes::Bytes> {
    let Some(first) = response.chunk().await? else {
        return Ok(bytes::Bytes::new());
    };
    let Some(second) = response.chunk().await? else {
        return Ok(first);
    };
    let mut all = bytes::BytesMut::with_capacity(first.len() + second.len());
    all.extend_from_slice(&first);
    all.extend_from_slice(&second);
    while let Some(chunk) = response.chunk().await? {
        all.extend_from_slice(&chunk);
    }
    Ok(all.freeze())
}

/// progenitor's `ResponseValue::from_response` without its copy of the headers (`build.rs`
/// makes the generated methods call it instead): they are moved out of the response, whose
/// body is then read and decoded.
///
/// Not an `async fn` (which would keep the response twice in its future), and the body is read
/// chunk by chunk rather than with `Response::bytes`, whose future is several times the size of
/// the response: this future is a few hundred bytes. A body in one chunk (the usual case) is
/// not copied.
pub(crate) fn from_response<T: serde::de::DeserializeOwned, E>(
    mut response: reqwest::Response,
) -> impl std::future::Future<
    Output = Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<E>>,
> {
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    async move {
        let full = read_body(&mut response)
            .await
            .map_err(progenitor_client::Error::ResponseBodyError)?;
        // Matched rather than mapped and `?`-ed: the decoded body is moved once, into the
        // answer, not through two intermediate results.
        match serde_json::from_slice(&full) {
            Ok(inner) => Ok(progenitor_client::ResponseValue::new(
                inner, status, headers,
            )),
            Err(e) => Err(progenitor_client::Error::InvalidResponsePayload(full, e)),
        }
    }
}

/// progenitor's `ResponseValue::empty` (an answer without a body, such as a `204`) without its
/// copy of the headers (`build.rs` makes the generated methods call it instead): they are moved
/// out of the response, which is dropped.
pub(crate) fn empty(mut response: reqwest::Response) -> progenitor_client::ResponseValue<()> {
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    progenitor_client::ResponseValue::new((), status, headers)
}

/// The per-attempt timeout: what remains of the call's deadline (and at most the per-attempt
/// option).
fn attempt_timeout(per_attempt: Option<Duration>) -> Duration {
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
        Box::new(Call::new(hooks.timeout)),
        attempts(http, hooks, request, operation, scan),
    ))
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

/// Notes `secret` (a token id of a path) for the current call's scrubbing; outside a call,
/// nothing (the engine then searches the path itself).
fn note_string(secret: String) {
    with_call(|call| call.secrets().note(secret));
}

/// Notes the secrets `request` carries, for scrubbing whatever the server echoes: nothing
/// is allocated for a request without any (no body, no token id in the path, no
/// credential header); a body is kept as bytes and parsed only if an error or a log needs
/// its secrets.
fn note_secrets(hooks: &Hooks, request: &reqwest::Request, scan: Scan) {
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
        if name != X_AUTH_TOKEN && secret_header(name, value) {
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

/// How the next attempt of a request is made: from a copy kept before sending it, or by its
/// caller building it again. The copy is boxed: it is made only for requests whose caller
/// cannot build them again, and its few hundred bytes would otherwise sit in the engine's
/// future for every request.
enum Resend {
    Copy(Box<reqwest::Request>),
    Rebuild,
}

impl Resend {
    /// The request to send next: the copy, or `None` once the caller has been asked to build
    /// it again (with `token` and the attempts used, `carried`, carried on).
    fn next(
        self,
        token: Option<reqwest::header::HeaderValue>,
        carried: (u32, u32, bool),
    ) -> Option<reqwest::Request> {
        match self {
            Resend::Copy(request) => Some(*request),
            Resend::Rebuild => {
                request_rebuild(token, carried);
                None
            }
        }
    }
}

/// Asks the caller (a `call!` between [`rebuild_begin`] and [`rebuild_end`]) to build the
/// request again and send it, with `token` and the attempts used so far carried on.
fn request_rebuild(token: Option<reqwest::header::HeaderValue>, carried: (u32, u32, bool)) {
    with_call(|c| {
        c.secrets().replay = Some(Carried { token, carried });
        c.replay.store(REPLAY_REQUESTED, Ordering::Relaxed);
    });
}

/// Not an `async fn`: an `async fn` keeps its arguments twice in its future (as given, and
/// moved into its body), which would be two requests; the block below uses them in place.
#[allow(clippy::manual_async_fn)]
fn attempts<'a>(
    http: &'a reqwest::Client,
    hooks: &'a Hooks,
    mut request: reqwest::Request,
    op: &'static str,
    scan: Scan,
) -> impl std::future::Future<Output = reqwest::Result<reqwest::Response>> + Send + 'a {
    async move {
        let policy = &*hooks.policy;
        let method = request.method().clone();
        note_secrets(hooks, &request, scan);
        let session = matches!(hooks.auth, Auth::Session(_));
        let idempotent = idempotent(&method);
        let (mut connect_attempts, mut retry_attempts, mut replayed) = (0u32, 0u32, false);
        // Whether the caller builds this request again for a retry or a replay (then no copy is
        // kept), and whether this is such a rebuilt request: then it goes out with the token of
        // the attempt it continues, and the attempts used so far are carried on.
        let mode = with_call(|c| {
            let mode = c.replay.load(Ordering::Relaxed);
            if mode == REPLAY_ARMED || mode == REPLAY_REPLAYING {
                c.replay.store(REPLAY_IN_FLIGHT, Ordering::Relaxed);
            }
            mode
        })
        .unwrap_or(REPLAY_COPY);
        let rebuilds = mode == REPLAY_ARMED || mode == REPLAY_REPLAYING;
        if mode == REPLAY_REPLAYING {
            let carried = with_call(|c| c.secrets().replay.take());
            if let Some(Some(Carried { token, carried })) = carried {
                if let Some(token) = token {
                    request.headers_mut().insert(X_AUTH_TOKEN, token);
                }
                (connect_attempts, retry_attempts, replayed) = carried;
            }
        }
        loop {
            let timeout = attempt_timeout(hooks.attempt_timeout);
            // The HTTP client's own timeout needs no per-request setting (nor its allocation).
            if hooks.http_timeout != Some(timeout) || request.timeout().is_some() {
                *request.timeout_mut() = Some(timeout);
            }
            let sent_token = request.headers().get(&X_AUTH_TOKEN).cloned();
            // A copy to resend only when a resend can happen (a streamed body has none): a
            // replay after a 401 only when the session can get a new token.
            let may_resend = connect_attempts < hooks.connect_retries
                || (idempotent && retry_attempts < hooks.retries)
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
            let _permit = match &policy.semaphore {
                Some(s) => Box::pin(s.acquire()).await.ok(),
                None => None,
            };
            if let Some(limiter) = &policy.limiter {
                Box::pin(limiter.wait()).await;
            }
            // The clock is read for timings and the response log only.
            let started = (policy.timings.is_some()
                || tracing::enabled!(target: "keystone_v2::response", tracing::Level::DEBUG))
            .then(Instant::now);
            let url = policy
                .timings
                .is_some()
                .then(|| redact::url(request.url().as_str()));
            let sent = http.execute(request).await;
            drop(_permit);
            let response = match sent {
                Ok(r) => {
                    if policy.timings.is_some() {
                        record_timing(policy, &method, url, Some(r.status().as_u16()), started);
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
                && retry_attempts < hooks.retries
                && policy.retriable.contains(&status.as_u16())
            {
                if let Some(delay) =
                    retriable_status(op, &response, policy, retry_attempts, spare.is_some())
                {
                    retry_attempts += 1;
                    Box::pin(tokio::time::sleep(delay)).await;
                    let carried = (connect_attempts, retry_attempts, replayed);
                    match spare.take().and_then(|s| s.next(sent_token, carried)) {
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
                let carried = (connect_attempts, retry_attempts);
                if let Some(next) =
                    Box::pin(replay_after_401(hooks, op, sent_token, spare, carried)).await
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
struct Attempts<'a> {
    connect: &'a mut u32,
    retry: &'a mut u32,
}

/// Records one attempt's timing (for a client that keeps them). Out of line and cold: the
/// request path of a client without timings is kept compact.
#[cold]
#[inline(never)]
fn record_timing(
    policy: &Policy,
    method: &reqwest::Method,
    url: Option<String>,
    status: Option<u16>,
    started: Option<Instant>,
) {
    policy.record(|| RequestTiming {
        method: method.to_string(),
        url: url.unwrap_or_default(),
        status,
        elapsed: started.map(|s| s.elapsed()).unwrap_or_default(),
    });
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
fn send_failed(
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
    if hooks.policy.timings.is_some() {
        record_timing(&hooks.policy, method, url, None, started);
    }
    if e.is_connect() && *attempts.connect < hooks.connect_retries {
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
        && *attempts.retry < hooks.retries
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
fn retriable_status(
    op: &'static str,
    response: &reqwest::Response,
    policy: &Policy,
    attempts: u32,
    can_resend: bool,
) -> Option<Duration> {
    let delay = retry_after(response.headers())
        .map(|d| d.min(policy.max_retry_delay))
        .unwrap_or_else(|| policy.backoff(attempts));
    if !(can_resend && within_budget(delay)) {
        return None;
    }
    tracing::debug!(target: "keystone_v2", operation = op, status = response.status().as_u16(), attempt = attempts + 1, delay_ms = delay.as_millis() as u64, "retriable status, retrying");
    Some(delay)
}

/// After a 401 to a request that carried `sent_token`: a new token from the session, and the
/// request to send once more with it (from the copy, `Some`), or, for a request its caller
/// builds again, that caller asked to do so with the new token (`None`, as when there is no
/// new token or nothing to resend). `carried`: the connection retries and retries used.
async fn replay_after_401(
    hooks: &Hooks,
    op: &'static str,
    sent_token: Option<reqwest::header::HeaderValue>,
    spare: Option<Resend>,
    carried: (u32, u32),
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
        Resend::Rebuild => {
            request_rebuild(Some(header), (carried.0, carried.1, true));
            None
        }
    }
}

/// Logs and records one response, and applies the body rules: a success body is limited
/// to the maximum size; an error body is read (up to [`ERROR_BODY_LIMIT`]), understood
/// whatever its form, scrubbed, and replaced by Keystone's canonical error body with what
/// was found in the [`ERROR_INFO`] header.
///
/// Not an `async fn`: the common case (a success, neither recorded nor logged with its body)
/// is done at once, and only the error and recording paths are futures, boxed, so that none of
/// their state sits in the engine's future.
fn observe<'a>(
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
    let response = limit(response, method, hooks.max_body, op);
    let logging = tracing::enabled!(target: "keystone_v2::response", tracing::Level::DEBUG);
    let bodies =
        hooks.debug && tracing::enabled!(target: "keystone_v2::body", tracing::Level::DEBUG);
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
async fn record_success(
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

/// The response line (`keystone_v2::response`) and the request id (`keystone_v2::request_id`).
fn log_response(
    op: &str,
    method: &reqwest::Method,
    response: &reqwest::Response,
    started: Option<Instant>,
) {
    let elapsed_ms = started.map_or(0, |s| s.elapsed().as_millis() as u64);
    let url = redact::url(response.url().as_str());
    let rid = request_id(response.headers());
    tracing::debug!(target: "keystone_v2::response", operation = op, method = %method, url = %url, status = response.status().as_u16(),
        elapsed_ms, request_id = rid.as_deref().unwrap_or(""), "response");
    if let Some(rid) = rid {
        if tracing::enabled!(target: "keystone_v2::request_id", tracing::Level::DEBUG) {
            tracing::debug!(target: "keystone_v2::request_id", operation = op, method = %method, url = %url, request_id = %rid,
                "{method} call to {op} for {url} used request id {rid}");
        }
    }
}

async fn error_response(
    hooks: &Hooks,
    op: &'static str,
    method: &reqwest::Method,
    mut response: reqwest::Response,
    started: Option<Instant>,
) -> reqwest::Response {
    let secrets = &call_secrets();
    if tracing::enabled!(target: "keystone_v2::response", tracing::Level::DEBUG) {
        log_response(op, method, &response, started);
    }
    let status = response.status();
    let version = response.version();
    let response_url = response.url().clone();
    let url = redact::url(response_url.as_str());
    let mut headers = response.headers().clone();
    let limit = ERROR_BODY_LIMIT.min(usize::try_from(hooks.max_body).unwrap_or(usize::MAX));
    let mut body = Vec::new();
    let mut complete = true;
    // Read at most `limit` bytes, and stop short of the call's deadline: the status is
    // what matters, so a body cut by the server, a slow body or the limit still gives an
    // error with this status and what was read.
    let read_by =
        tokio::time::Instant::now() + call_remaining().saturating_sub(Duration::from_millis(100));
    loop {
        match tokio::time::timeout_at(read_by, response.chunk()).await {
            Ok(Ok(Some(chunk))) => {
                let room = limit - body.len();
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
                if chunk.len() > room {
                    complete = false;
                    break;
                }
            }
            Ok(Ok(None)) => break,
            Ok(Err(_)) | Err(_) => {
                complete = false;
                break;
            }
        }
    }
    drop(response);
    let found = ErrorInfo::parse(status, &body, complete, secrets);
    tracing::debug!(target: "keystone_v2::response", operation = op, method = %method, url = %url, status = status.as_u16(),
        message = found.message.as_deref().unwrap_or(""), "error response");
    if hooks.debug && tracing::enabled!(target: "keystone_v2::body", tracing::Level::DEBUG) {
        tracing::debug!(target: "keystone_v2::body", operation = op, direction = "response", status = status.as_u16(),
            body = %redact::text(&redact::body(&body, LOG_BODY), secrets), "error body");
    }
    if let Some(recorder) = &hooks.recorder {
        let scrubbed = match std::str::from_utf8(&body) {
            Ok(text) => bytes::Bytes::from(redact::text(text, secrets)),
            Err(_) => bytes::Bytes::from(body),
        };
        recorder.push(Exchange {
            operation: op,
            method: method.clone(),
            status,
            body: scrubbed,
        });
    }
    let canonical = serde_json::json!({"error": {
        "code": status.as_u16(),
        "title": found.title.clone().unwrap_or_else(|| status.canonical_reason().unwrap_or("").to_owned()),
        "message": found.message.clone().unwrap_or_default(),
    }})
    .to_string();
    for h in [
        reqwest::header::CONTENT_LENGTH,
        reqwest::header::CONTENT_ENCODING,
        reqwest::header::TRANSFER_ENCODING,
    ] {
        headers.remove(h);
    }
    headers.insert(
        reqwest::header::CONTENT_TYPE,
        reqwest::header::HeaderValue::from_static("application/json"),
    );
    let info = serde_json::json!({
        "method": method.as_str(), "url": url, "message": found.message,
        "title": found.title, "details": found.details,
    });
    if let Ok(v) = reqwest::header::HeaderValue::from_str(&ascii_json(&info)) {
        headers.insert(ERROR_INFO, v);
    }
    rebuild(status, version, headers, response_url, canonical)
}

/// JSON with every non-ASCII character escaped, so that it is a valid header value.
fn ascii_json(v: &serde_json::Value) -> String {
    let text = v.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        }
    }
    out
}

/// Applies the body size limit to a success response: a `Content-Length` past it fails at
/// once; a body of unknown length fails as soon as it passes it. A body within its
/// `Content-Length` needs no watching (the HTTP layer reads no more than it).
fn limit(
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

/// What an error body said, whatever its form, scrubbed and cut.
#[derive(Debug, Default, PartialEq, serde::Deserialize)]
struct ErrorInfo {
    message: Option<String>,
    title: Option<String>,
    details: Option<String>,
    #[serde(default)]
    method: String,
    #[serde(default)]
    url: String,
}

impl ErrorInfo {
    fn parse(
        status: reqwest::StatusCode,
        body: &[u8],
        complete: bool,
        secrets: &[String],
    ) -> ErrorInfo {
        let clean = |s: &str, max: usize| {
            let s: String = redact::excerpt(s.trim(), secrets, max)
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            Some(s).filter(|s| !s.is_empty())
        };
        let str_of = |v: Option<&serde_json::Value>| v.and_then(|v| v.as_str()).map(str::to_owned);
        let mut info = ErrorInfo::default();
        let json = if complete {
            serde_json::from_slice::<serde_json::Value>(body).ok()
        } else {
            None
        };
        match json {
            Some(v) => {
                let (message, title, details) = match v.get("error") {
                    Some(serde_json::Value::String(s)) => (Some(s.clone()), None, None),
                    Some(e) => (
                        str_of(e.get("message")),
                        str_of(e.get("title")),
                        str_of(e.get("details")),
                    ),
                    None => match v.as_object().and_then(|m| m.iter().next()) {
                        // The older fault form: {"itemNotFound": {"message", "code", "details"}}.
                        Some((fault, inner))
                            if inner.get("message").is_some_and(|m| m.is_string()) =>
                        {
                            (
                                str_of(inner.get("message")),
                                Some(fault.clone()),
                                str_of(inner.get("details")),
                            )
                        }
                        _ => (str_of(v.get("message")), None, None),
                    },
                };
                info.message = message.and_then(|m| clean(&m, MESSAGE));
                info.title = title.and_then(|t| clean(&t, 128));
                info.details = details.and_then(|d| clean(&d, EXCERPT));
                if info.message.is_none() {
                    info.details = clean(&redact::error_excerpt(body, EXCERPT), EXCERPT);
                }
            }
            None if body.is_empty() => {}
            None => {
                let head = String::from_utf8_lossy(&body[..body.len().min(8 * 1024)]);
                let lower = head.to_ascii_lowercase();
                let message = if lower.contains("<html")
                    || lower.contains("<!doctype")
                    || lower.trim_start().starts_with('<')
                {
                    html_text(&head, &lower, "title").or_else(|| html_text(&head, &lower, "h1"))
                } else {
                    head.lines()
                        .map(str::trim)
                        .find(|l| !l.is_empty())
                        .map(str::to_owned)
                };
                // Broken JSON, or text naming a secret key, may hold secrets the request did
                // not carry (a token the server issued): no message from it then.
                let json_like = lower.trim_start().starts_with(['{', '[']);
                info.message = message
                    .filter(|m| !json_like && !redact::may_hold_secret(m))
                    .and_then(|m| clean(&m, MESSAGE));
                info.details = clean(&redact::error_excerpt(body, EXCERPT), EXCERPT);
                if !complete {
                    let note = format!("(body cut after {} bytes)", body.len());
                    info.details = Some(match info.details.take() {
                        Some(d) => format!("{d} {note}"),
                        None => note,
                    });
                }
            }
        }
        if info.message.as_deref() == status.canonical_reason() {
            // A page that only repeats the reason phrase adds nothing.
            info.title = info.title.or(info.message.take());
        }
        info
    }
}

/// The text inside the first `<tag>` of an HTML page, tags stripped and spaces collapsed.
fn html_text(head: &str, lower: &str, tag: &str) -> Option<String> {
    let open = lower.find(&format!("<{tag}"))?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start
        + lower[start..]
            .find(&format!("</{tag}"))
            .unwrap_or(lower.len() - start);
    let inner = head.get(start..end)?;
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(text).filter(|t| !t.is_empty())
}

/// The `X-Auth-Token` value for a token, marked sensitive (kept out of `Debug` output).
pub(crate) fn token_header(token: &Secret) -> Result<reqwest::header::HeaderValue, String> {
    let mut value = reqwest::header::HeaderValue::from_str(token.expose()).map_err(|_| {
        "the token is not a valid HTTP header value (a control character such as a newline?)"
            .to_owned()
    })?;
    value.set_sensitive(true);
    Ok(value)
}

/// Error bodies the spec declares: Keystone's `{"error": ...}`, or none (HEAD).
pub trait ErrorBody {
    /// Keystone's message and title, if the body had them.
    fn message_and_title(&self) -> (Option<String>, Option<String>);
}

impl ErrorBody for types::ErrorResponse {
    fn message_and_title(&self) -> (Option<String>, Option<String>) {
        (
            Some(self.error.message.clone()).filter(|m| !m.is_empty()),
            Some(self.error.title.clone()).filter(|t| !t.is_empty()),
        )
    }
}

impl ErrorBody for () {
    fn message_and_title(&self) -> (Option<String>, Option<String>) {
        (None, None)
    }
}

/// The error of an error status: what the hooks found in the body (the [`ERROR_INFO`]
/// header), or else what the generated client parsed.
pub(crate) fn http_error(
    status: reqwest::StatusCode,
    headers: &reqwest::header::HeaderMap,
    parsed: (Option<String>, Option<String>),
) -> Error {
    let info: ErrorInfo = headers
        .get(ERROR_INFO)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| serde_json::from_str(v).ok())
        .unwrap_or_else(|| ErrorInfo {
            message: parsed.0,
            title: parsed.1,
            ..ErrorInfo::default()
        });
    Error::Http(Box::new(HttpError {
        status,
        message: info.message,
        title: info.title,
        request_id: request_id(headers),
        method: info.method,
        url: info.url,
        details: info.details,
        retry_after: retry_after(headers),
    }))
}

/// Converts a generated call's error, reading the body of undeclared responses.
pub(crate) async fn convert_error<E: ErrorBody>(
    op: &'static str,
    e: progenitor_client::Error<E>,
) -> Error {
    use progenitor_client::Error as P;
    let secrets = call_secrets();
    match e {
        P::ErrorResponse(rv) => {
            let parsed = rv.message_and_title();
            http_error(rv.status(), rv.headers(), parsed)
        }
        P::UnexpectedResponse(mut response) => {
            let status = response.status();
            if status.is_client_error() || status.is_server_error() {
                return http_error(status, response.headers(), (None, None));
            }
            // A status the spec does not declare: keep the start of the body only.
            let mut body = Vec::new();
            while body.len() < 4096 {
                match response.chunk().await {
                    Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                    Ok(None) => break,
                    Err(e) => return Error::transport(e),
                }
            }
            let mut more = redact::body_secrets(&body);
            more.extend(secrets);
            Error::InvalidResponse {
                operation: op.to_owned(),
                status: status.as_u16(),
                message: "a status the spec does not declare for this operation".into(),
                excerpt: redact::excerpt(&redact::error_excerpt(&body, EXCERPT), &more, EXCERPT),
            }
        }
        P::InvalidResponsePayload(body, err) => {
            let mut more = redact::body_secrets(&body);
            more.extend(secrets);
            Error::InvalidResponse {
                operation: op.to_owned(),
                status: with_call(|c| c.status.load(Ordering::Relaxed)).unwrap_or(0),
                message: redact::excerpt(
                    &format!("the body does not match the spec: {err}"),
                    &more,
                    MESSAGE,
                ),
                excerpt: redact::excerpt(&redact::error_excerpt(&body, EXCERPT), &more, EXCERPT),
            }
        }
        P::CommunicationError(e) | P::ResponseBodyError(e) | P::InvalidUpgrade(e) => {
            Error::transport(e)
        }
        P::InvalidRequest(s) | P::Custom(s) => Error::InvalidRequest(redact::text(&s, &secrets)),
    }
}

/// Turns a generated call's outcome into this crate's result.
///
/// Not an `async fn`: a success is ready at once, and only an error (whose body may still be
/// read) is a future, boxed, so that its state stays out of every call's future.
pub(crate) fn finish<T: Send + 'static, E: ErrorBody + Send + 'static>(
    op: &'static str,
    result: std::result::Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<E>>,
) -> ReadyOrBoxed<'static, crate::Result<T>> {
    use futures::future::Either;
    match result {
        Ok(v) => Either::Left(std::future::ready(Ok(v.into_inner()))),
        Err(e) => Either::Right(Box::pin(async move { Err(convert_error(op, e).await) })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> reqwest::Url {
        reqwest::Url::parse(s).unwrap()
    }

    #[test]
    fn redirects_leave_neither_the_scheme_nor_the_host_nor_the_port() {
        let start = [url("https://id.example:5000/v2.0/tokens")];
        for next in [
            "http://id.example:5000/v2.0/tokens",
            "https://other.example:5000/v2.0/tokens",
            "https://id.example:5001/v2.0/tokens",
            "https://id.example/v2.0/tokens",
        ] {
            assert!(redirect_refusal(&start, &url(next)).is_some(), "{next}");
        }
        assert_eq!(
            redirect_refusal(&start, &url("https://id.example:5000/v2.0/x")),
            None
        );
        let default_port = [url("https://id.example/v2.0")];
        assert_eq!(
            redirect_refusal(&default_port, &url("https://id.example:443/a")),
            None
        );
        let many: Vec<_> = (0..=MAX_REDIRECTS).map(|_| start[0].clone()).collect();
        assert_eq!(
            redirect_refusal(&many, &start[0]),
            Some("too many redirects")
        );
    }

    #[test]
    fn path_arguments_are_one_segment_and_the_guard_refuses_other_shapes() {
        assert_eq!(encode_segment("a.b-c_d~e").to_string(), "a.b-c_d~e");
        assert_eq!(
            encode_segment("..\\\\users/x?#%").to_string(),
            "..%5C%5Cusers%2Fx%3F%23%25"
        );
        let t = "/v2.0/tenants/{tenant_id}/users";
        assert!(check_route("http://h:5000", "/v2.0/tenants/abc/users", t, |_, _| {}).is_ok());
        assert!(check_route(
            "http://h/identity/",
            "/identity/v2.0/tenants/abc/users",
            t,
            |_, _| {}
        )
        .is_ok());
        for bad in [
            "/v2.0/tenants//users",
            "/v2.0/users",
            "/v2.0/",
            "/v2.0/tenants/a/b/users",
            "/other/v2.0/tenants/a/users",
        ] {
            let err = check_route("http://h:5000", bad, t, |_, _| {}).unwrap_err();
            assert!(err.contains("nothing was sent"), "{bad}: {err}");
        }
        let err = check_route("http://h", "/v2.0/tenants/../users", t, |_, _| {}).unwrap_err();
        assert!(err.contains("tenant_id"), "{err}");
    }

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

    #[test]
    fn the_route_guard_refuses_every_path_that_is_not_the_template() {
        let at_end = "/v2.0/tokens/{token_id}";
        let ok = |base: &str, path: &str, t: &str| check_route(base, path, t, |_, _| {}).is_ok();
        assert!(ok("https://h:35357", "/v2.0/tokens/abc", at_end));
        assert!(ok("h:5000/keystone", "/keystone/v2.0/tokens/abc", at_end));
        assert!(ok("http://h", "/v2.0/tenants", "/v2.0/tenants"));
        for bad in [
            "/v2.0/tokens/",
            "/v2.0/tokens",
            "/v2.0/tokens/abc/",
            "/v2.0/tokens/abc/def",
            "/v2.0/tokens/.",
            "/v2.0/tokens/..",
            "/v2.0/tokenss/abc",
            "/v2.0/token/abc",
            "/v2.0/tokens//abc",
            "",
        ] {
            assert!(!ok("http://h", bad, at_end), "{bad:?}");
        }
        for bad in ["/v2.0/tenantsX", "/v2.0/tenant", "/v2.0/tenants/", "/v2.0"] {
            assert!(!ok("http://h", bad, "/v2.0/tenants"), "{bad:?}");
        }
        let two = "/v2.0/tenants/{tenant_id}/users/{user_id}/roles";
        assert!(ok("http://h", "/v2.0/tenants/a/users/b/roles", two));
        let mut arguments = Vec::new();
        let found = |name: &str, segment: &str| arguments.push(format!("{name}={segment}"));
        check_route(
            "http://h/id",
            "/id/v2.0/tenants/a%2F/users/b/roles",
            two,
            found,
        )
        .unwrap();
        assert_eq!(arguments, ["tenant_id=a%2F", "user_id=b"]);
        assert!(!ok("http://h", "/v2.0/tenants/a/users//roles", two));
        assert!(!ok("http://h", "/v2.0/tenants/a/users/b/c/roles", two));
    }

    #[test]
    fn path_arguments_are_written_as_the_percent_encoder_writes_them() {
        const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~');
        for value in [
            "",
            "c5f7a4ded9d341c49767e6083c6363dc",
            "a.b-c_d~e",
            "..",
            "a b",
            "a/b",
            "ünïcode",
            "%2e%2e",
            "x?y#z",
        ] {
            assert_eq!(
                encode_segment(value).to_string(),
                percent_encoding::utf8_percent_encode(value, SEGMENT).to_string(),
                "{value:?}"
            );
        }
    }

    #[test]
    fn error_bodies_of_every_form_give_their_message() {
        let s = reqwest::StatusCode::NOT_FOUND;
        let secrets = ["hunter2-secret".to_owned()];
        let parse = |b: &str| ErrorInfo::parse(s, b.as_bytes(), true, &secrets);
        let keystone = parse(r#"{"error": {"message": "m", "title": "t", "code": 404}}"#);
        assert_eq!(
            (keystone.message.as_deref(), keystone.title.as_deref()),
            (Some("m"), Some("t"))
        );
        let fault = parse(r#"{"itemNotFound": {"message": "gone", "details": "d"}}"#);
        assert_eq!(fault.details.as_deref(), Some("d"));
        assert_eq!(
            parse("<html><title>Oops</title></html>").message.as_deref(),
            Some("Oops")
        );
        assert_eq!(parse("Not Found").title.as_deref(), Some("Not Found"));
        assert_eq!(parse("").message, None);
        let echoed = parse(r#"{"error": {"message": "bad password hunter2-secret"}}"#);
        assert_eq!(echoed.message.as_deref(), Some("bad password ***"));
        let long = "x".repeat(100_000);
        assert!(parse(&long).message.unwrap().chars().count() <= MESSAGE + 1);
        let cut = ErrorInfo::parse(s, b"{\"error\": {\"mess", false, &[]);
        assert!(cut.details.unwrap().contains("cut after"));
    }

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
        let mut p = Policy {
            retry_delay: Duration::from_millis(100),
            max_retry_delay: Duration::from_millis(500),
            ..Policy::default()
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

    #[test]
    fn the_curl_line_hashes_credentials_and_sorts_headers() {
        let mut request = reqwest::Request::new(
            reqwest::Method::POST,
            url("http://u:pw@h:5000/v2.0/tokens/abcdef"),
        );
        let mut token = reqwest::header::HeaderValue::from_static("tok123");
        token.set_sensitive(true);
        request.headers_mut().insert("x-auth-token", token);
        request.headers_mut().insert(
            "content-type",
            reqwest::header::HeaderValue::from_static("application/json"),
        );
        let hooks = Hooks::default();
        let shown = |k: &reqwest::header::HeaderName, v: &reqwest::header::HeaderValue| {
            (!secret_header(k, v)).then(|| v.to_str().unwrap().to_owned())
        };
        let redacted = redact::url(request.url().as_str());
        let line = curl_line(&request, &redacted, "{\"a\": 1}", &hooks, &shown);
        assert!(
            line.starts_with("curl -g -i -X POST \"http://***@h:5000/v2.0/tokens/***\""),
            "{line}"
        );
        let ct = line.find("-H \"content-type").unwrap();
        let tok = line.find("-H \"x-auth-token: {SHA256}").unwrap();
        assert!(ct < tok, "sorted: {line}");
        assert!(!line.contains("tok123") && !line.contains("pw@"));
        assert!(line.ends_with(" -d '{\"a\": 1}'"), "{line}");
    }

    #[test]
    fn the_error_info_header_is_ascii_json() {
        let v = serde_json::json!({"message": "ü \u{1F600} \n"});
        let text = ascii_json(&v);
        assert!(text.is_ascii());
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), v);
        assert!(reqwest::header::HeaderValue::from_str(&text).is_ok());
    }
}
