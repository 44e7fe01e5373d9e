//! The request engine, one concern per module: where cross-cutting behaviour meets the
//! generated client: the token header,
//! the route guard, re-authentication and replay after a 401, retries, the call's deadline, the
//! body size limit, logging with secrets redacted, and the conversion of the generated client's
//! errors.
//!
//! Every request of every operation passes through `pre` and `exec` ([`glue`]), and `exec`,
//! like every request to another service of the catalog ([`crate::ServiceClient`]), runs the
//! one request engine of this folder ([`send`]), so each
//! rule below, and each transport option of [`crate::ClientBuilder`] (retriable statuses and
//! backoff, `Retry-After`, the global request id, the user agent, the rate limit, the
//! concurrency cap, timings, the tracing targets and the curl line), holds for all of them:
//! - **Routes.** Path arguments are percent-encoded as one segment (everything but
//!   `A-Z a-z 0-9 - . _ ~`), and the final URL's path must have the operation's template shape
//!   (same static segments, same count, no empty argument), or the call is
//!   [`crate::Error::InvalidRequest`] and nothing is sent.
//! - **Attributes.** A JSON request body that has the same attribute twice in one object (an
//!   `extra` map repeating a typed attribute) is [`crate::Error::InvalidRequest`]; nothing is sent.
//! - **Deadline.** One deadline bounds a whole call: each attempt's timeout is what remains of
//!   it, and retries, waits, re-authentication and replay happen only within it. A call past it
//!   is [`crate::Error::DeadlineExceeded`] or [`crate::Error::Timeout`]. A manager's call on a client without
//!   a concurrency cap or a rate limit has no timer of its own: all its waits are bounded
//!   already (see `call_scope`).
//! - **Body size.** A response body larger than the limit is [`crate::Error::ResponseTooLarge`],
//!   detected while reading (or from `Content-Length`, before reading); an error body is read
//!   up to 64 KiB and the rest dropped.
//! - **Errors.** An error status (4xx, 5xx) is [`crate::Error::Http`] with that status whatever the body
//!   is: Keystone's `{"error": ...}`, the older fault forms (`{"itemNotFound": {"message": ...}}`),
//!   plain text, HTML or nothing. Messages and excerpts are scrubbed of every secret of the
//!   request (token sent, token ids in the path, passwords and secrets in the body, URL
//!   userinfo) in the forms a server may echo them (as is, JSON-escaped, Python-repr escaped,
//!   percent-encoded).

mod call;
mod convert;
mod error_body;
pub(crate) mod glue;
mod limits;
mod log;
mod policy;
mod recorder;
mod redirect;
mod route;
mod send;
mod token;

use std::sync::{Arc, Weak};
use std::time::Duration;

pub(crate) use call::{bounded, call_scope, call_started, note_wait, within};
pub use convert::ErrorBody;
pub(crate) use convert::{convert_error, http_error};
pub(crate) use glue::{empty, finish, from_response};
pub(crate) use limits::RateLimiter;
pub use limits::DEFAULT_MAX_BODY_SIZE;
pub use log::RequestTiming;
pub(crate) use policy::{is_request_id, request_id, Policy};
pub use policy::{Jitter, DEFAULT_MAX_RETRY_DELAY, DEFAULT_RETRY_DELAY};
pub use recorder::{Exchange, Recorder};
pub use redirect::{redirect_policy, MAX_REDIRECTS};
pub(crate) use route::encode_segment;
pub(crate) use send::{execute, read_body, Scan};
pub(crate) use token::{token_header, TokenSource};
use token::{Auth, X_AUTH_TOKEN};

use crate::Secret;

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
    /// every authenticated call is then [`crate::Error::InvalidRequest`].
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

    /// Puts the `X-Auth-Token` to send now into `headers` (nothing without a token), or says
    /// why no token can be sent.
    pub(crate) fn insert_token(
        &self,
        headers: &mut reqwest::header::HeaderMap,
    ) -> Result<(), &'static str> {
        match self.token_header() {
            Ok(Some(value)) => {
                headers.insert(X_AUTH_TOKEN, value);
                Ok(())
            }
            Ok(None) => Ok(()),
            Err(()) => Err("the token is not a valid HTTP header value (a control character such as a newline?); nothing was sent"),
        }
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

/// An outcome that is either ready (the common case: no future state at all) or a boxed
/// future (the rare paths, whose state stays out of the futures that await them).
pub(crate) type ReadyOrBoxed<'a, T> = futures::future::Either<
    std::future::Ready<T>,
    std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>,
>;
