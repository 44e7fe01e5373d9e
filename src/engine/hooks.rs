//! The `Hooks` type: the state the generated client carries (the token, the transport
//! settings and the shared policy), and how it is built.

use std::sync::{Arc, Weak};
use std::time::Duration;

use super::limits::DEFAULT_MAX_BODY_SIZE;
use super::policy::{Policy, RequestTiming};
use super::recorder::Recorder;
use super::token::{token_header, Auth, TokenSource, X_AUTH_TOKEN};
use crate::Secret;

/// The state the generated client carries (progenitor's "inner type").
///
/// [`crate::Client`] builds its own; build one by hand to use [`crate::generated::Client`]
/// directly (then give the `reqwest::Client` this crate's [`redirect_policy`](super::redirect_policy)).
#[derive(Clone)]
pub struct Hooks {
    pub(super) auth: Auth,
    pub(super) recorder: Option<Arc<Recorder>>,
    pub(super) debug: bool,
    pub(super) connect_retries: u32,
    pub(super) retries: u32,
    pub(super) timeout: Duration,
    pub(super) attempt_timeout: Option<Duration>,
    /// The timeout the `reqwest::Client` itself applies to every request, when known: an
    /// attempt whose timeout is that one needs no timeout of its own.
    pub(super) http_timeout: Option<Duration>,
    pub(super) max_body: u64,
    /// Whether the session can get a new token after a 401 (it has credentials and an
    /// auth_url): only then is a copy of a request kept to replay it.
    pub(super) renewable: bool,
    /// Secrets of the configuration (URL userinfo passwords) to scrub from every error.
    pub(super) secrets: Arc<[String]>,
    /// Retry policy, logging options and the state shared by every clone of a client (rate
    /// limiter, concurrency cap, timings).
    pub(super) policy: Arc<Policy>,
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
