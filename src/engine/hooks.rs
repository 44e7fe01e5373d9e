//! The `Hooks` type: the state the generated client carries (the token, the transport
//! settings and the state a client's clones share), and how it is built.

use std::sync::{Arc, Weak};
use std::time::Duration;

use super::policy::{RequestTiming, Settings, Shared};
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
    /// The transport settings: retries, timeouts, body cap, logging.
    pub(super) settings: Settings,
    /// The timeout the `reqwest::Client` itself applies to every request, when known: an
    /// attempt whose timeout is that one needs no timeout of its own.
    pub(super) http_timeout: Option<Duration>,
    /// Whether the session can get a new token after a 401 (it has credentials and an
    /// auth_url): only then is a copy of a request kept to replay it.
    pub(super) renewable: bool,
    /// Secrets of the configuration (URL userinfo passwords) to scrub from every error.
    pub(super) secrets: Arc<[String]>,
    /// The state shared by every clone of a client (rate limiter, concurrency cap, timings).
    pub(super) shared: Arc<Shared>,
}

impl Default for Hooks {
    fn default() -> Self {
        Self {
            auth: Auth::None,
            recorder: None,
            settings: Settings::default(),
            http_timeout: None,
            renewable: false,
            secrets: Arc::new([]),
            shared: Arc::default(),
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
            .field("debug", &self.settings.debug)
            .field("timeout", &self.settings.timeout)
            .field("max_body", &self.settings.max_body)
            .finish()
    }
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

    /// The hooks of a [`crate::Client`]: its settings, the state its clones share, the
    /// secrets of its configuration to scrub from errors; no token until
    /// [`Hooks::for_session`].
    pub(crate) fn configured(
        settings: Settings,
        shared: Shared,
        secrets: Vec<String>,
        recorder: Option<Arc<Recorder>>,
    ) -> Self {
        Self {
            auth: Auth::None,
            recorder,
            // The builder gives the HTTP client the call's timeout.
            http_timeout: Some(settings.timeout),
            settings,
            renewable: false,
            secrets: secrets.into(),
            shared: Arc::new(shared),
        }
    }

    /// These hooks taking their token from `source`; `renewable` when it can get a new one
    /// after a 401.
    pub(crate) fn for_session(self, source: Weak<dyn TokenSource>, renewable: bool) -> Self {
        Self {
            auth: Auth::Session(source),
            renewable,
            ..self
        }
    }

    /// The transport settings.
    pub(crate) fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The timings kept so far (empty unless timing collection is on).
    pub(crate) fn timings(&self) -> Vec<RequestTiming> {
        self.shared
            .timings
            .as_ref()
            .map(|t| t.lock().unwrap_or_else(|e| e.into_inner()).clone())
            .unwrap_or_default()
    }

    /// Forgets the timings kept so far.
    pub(crate) fn reset_timings(&self) {
        if let Some(t) = &self.shared.timings {
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
        self.settings.debug = debug;
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
        self.settings.timeout = timeout;
        self
    }

    /// The largest response body accepted (default [`super::DEFAULT_MAX_BODY_SIZE`]), like
    /// [`crate::ClientBuilder::max_body_size`].
    ///
    /// ```
    /// let hooks = keystone_v2::hooks::Hooks::anonymous().max_body_size(1 << 20);
    /// # let _ = hooks;
    /// ```
    pub fn max_body_size(mut self, bytes: u64) -> Self {
        self.settings.max_body = bytes;
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
