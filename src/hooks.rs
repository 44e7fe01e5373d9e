//! The single place where cross-cutting behaviour meets the generated client: the token header,
//! re-authentication and replay after a 401, retries, logging with secrets redacted, and the
//! conversion of the generated client's errors.

use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};

use crate::client::Shared;
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

/// Where the token comes from.
#[derive(Clone, Default)]
enum Auth {
    #[default]
    None,
    Static(reqwest::header::HeaderValue),
    Session(Weak<Shared>),
}

/// The state the generated client carries (progenitor's "inner type").
///
/// [`crate::Client`] builds its own; build one by hand to use [`crate::generated::Client`]
/// directly.
#[derive(Clone)]
pub struct Hooks {
    auth: Auth,
    recorder: Option<Arc<Recorder>>,
    debug: bool,
    connect_retries: u32,
    retries: u32,
    timeout: Duration,
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
        }
    }
}

impl std::fmt::Debug for Hooks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let auth = match &self.auth {
            Auth::None => "none",
            Auth::Static(_) => "static token",
            Auth::Session(_) => "session",
        };
        f.debug_struct("Hooks")
            .field("auth", &auth)
            .field("recorder", &self.recorder.is_some())
            .field("debug", &self.debug)
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
    /// operation.
    ///
    /// ```
    /// let hooks = keystone_v2::hooks::Hooks::with_token("ADMIN");
    /// # let _ = hooks;
    /// ```
    pub fn with_token(token: impl Into<Secret>) -> Self {
        // A token that is not a valid header value is sent as nothing: the server answers 401.
        let auth = match token_header(&token.into()) {
            Ok(v) => Auth::Static(v),
            Err(_) => Auth::None,
        };
        Self {
            auth,
            ..Self::default()
        }
    }

    pub(crate) fn session(
        shared: Weak<Shared>,
        debug: bool,
        connect_retries: u32,
        retries: u32,
        timeout: Duration,
    ) -> Self {
        Self {
            auth: Auth::Session(shared),
            recorder: None,
            debug,
            connect_retries,
            retries,
            timeout,
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

    fn token_header(&self) -> Option<reqwest::header::HeaderValue> {
        match &self.auth {
            Auth::None => None,
            Auth::Static(v) => Some(v.clone()),
            Auth::Session(s) => crate::client::weak_token_header(s),
        }
    }
}

/// Reads a response's body and gives back an equivalent response, so the body can be both
/// inspected and returned to the generated code.
pub(crate) async fn buffer(
    response: reqwest::Response,
) -> reqwest::Result<(reqwest::Response, bytes::Bytes)> {
    let status = response.status();
    let version = response.version();
    let headers = response.headers().clone();
    let body = response.bytes().await?;
    let mut rebuilt = http::Response::new(body.clone());
    *rebuilt.status_mut() = status;
    *rebuilt.version_mut() = version;
    *rebuilt.headers_mut() = headers;
    Ok((reqwest::Response::from(rebuilt), body))
}

/// The header this crate adds to error responses to remember the request they answer
/// (method and redacted URL), for [`HttpError`].
const ORIGIN: &str = "x-keystone-v2-origin";
/// Bodies in debug logs are cut to this many characters.
const LOG_BODY: usize = 4096;
/// The longest wait a `Retry-After` may impose.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(5);

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

fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let v = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    v.trim().parse::<u64>().ok().map(Duration::from_secs)
}

fn request_id(headers: &reqwest::header::HeaderMap) -> Option<String> {
    headers
        .get("x-openstack-request-id")
        .or_else(|| headers.get("x-compute-request-id"))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

fn log_request(op: &str, request: &reqwest::Request, debug: bool) {
    if !debug || !tracing::enabled!(target: "keystone_v2", tracing::Level::DEBUG) {
        return;
    }
    let headers: Vec<String> = request
        .headers()
        .iter()
        .map(|(k, v)| {
            let value = if k.as_str().eq_ignore_ascii_case("x-auth-token") || v.is_sensitive() {
                redact::REDACTED.to_owned()
            } else {
                String::from_utf8_lossy(v.as_bytes()).into_owned()
            };
            format!("{k}: {value}")
        })
        .collect();
    let body = request
        .body()
        .and_then(|b| b.as_bytes())
        .map(|b| redact::body(b, LOG_BODY))
        .unwrap_or_default();
    tracing::debug!(
        target: "keystone_v2",
        operation = op,
        method = %request.method(),
        url = %redact::url(request.url().as_str()),
        headers = %headers.join("; "),
        body = %body,
        "request"
    );
}

impl ClientHooks<Hooks> for Raw {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> Result<(), progenitor_client::Error<E>> {
        // progenitor adds `api-version: <info.version>`; Keystone has no use for it.
        request.headers_mut().remove("api-version");
        let authenticated = crate::operations::find(info.operation_id)
            .map(|o| o.authenticated)
            .unwrap_or(true);
        if authenticated {
            if let Some(value) = self.inner().token_header() {
                request.headers_mut().insert("x-auth-token", value);
            }
        }
        Ok(())
    }

    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let hooks = self.inner();
        let op = info.operation_id;
        let authenticated = crate::operations::find(op)
            .map(|o| o.authenticated)
            .unwrap_or(true);
        let method = request.method().clone();
        let started = Instant::now();
        let within_budget = |delay: Duration| started.elapsed() + delay < hooks.timeout;
        let mut request = request;
        let (mut connect_attempts, mut retry_attempts, mut replayed) = (0u32, 0u32, false);
        loop {
            let spare = request.try_clone();
            log_request(op, &request, hooks.debug);
            let sent_token = request.headers().get("x-auth-token").cloned();
            let response = match self.client().execute(request).await {
                Ok(r) => {
                    self.observe(op, &method, started, r, sent_token.as_ref())
                        .await?
                }
                Err(e) => {
                    // A connection that could not be made: nothing was sent, retry any method.
                    if e.is_connect() && connect_attempts < hooks.connect_retries {
                        let delay =
                            Duration::from_millis(500) * 2u32.saturating_pow(connect_attempts);
                        if let (Some(next), true) = (spare, within_budget(delay)) {
                            connect_attempts += 1;
                            tracing::debug!(target: "keystone_v2", operation = op, attempt = connect_attempts, "connection failed, retrying");
                            tokio::time::sleep(delay).await;
                            request = next;
                            continue;
                        }
                    } else if !e.is_connect()
                        && !e.is_timeout()
                        && idempotent(&method)
                        && retry_attempts < hooks.retries
                    {
                        // A connection dropped mid-request: safe to resend an idempotent request.
                        if let Some(next) = spare {
                            retry_attempts += 1;
                            tracing::debug!(target: "keystone_v2", operation = op, attempt = retry_attempts, "connection dropped, retrying");
                            request = next;
                            continue;
                        }
                    }
                    tracing::debug!(target: "keystone_v2", operation = op, method = %method, url = %e.url().map(|u| redact::url(u.as_str())).unwrap_or_default(), error = %redact::text(&e.to_string(), &e.url().map(|u| secrets(u, sent_token.as_ref())).unwrap_or_default()), "request failed");
                    return Err(e);
                }
            };
            let status = response.status();
            if status == reqwest::StatusCode::SERVICE_UNAVAILABLE
                && idempotent(&method)
                && retry_attempts < hooks.retries
            {
                let delay = retry_after(response.headers())
                    .unwrap_or(Duration::from_millis(500))
                    .min(MAX_RETRY_AFTER);
                if let (Some(next), true) = (
                    spare.as_ref().and_then(|r| r.try_clone()),
                    within_budget(delay),
                ) {
                    retry_attempts += 1;
                    tracing::debug!(target: "keystone_v2", operation = op, attempt = retry_attempts, delay_ms = delay.as_millis() as u64, "503, retrying");
                    tokio::time::sleep(delay).await;
                    request = next;
                    continue;
                }
            }
            if status == reqwest::StatusCode::UNAUTHORIZED && authenticated && !replayed {
                let refused = sent_token
                    .as_ref()
                    .and_then(|v| v.to_str().ok())
                    .map(Secret::from);
                if let (Auth::Session(weak), Some(refused), Some(mut next)) =
                    (&hooks.auth, refused, spare)
                {
                    if let Some(shared) = weak.upgrade() {
                        if let Some(token) = shared.after_unauthorized(&refused).await {
                            if set_token(&mut next, &token).is_ok() {
                                tracing::debug!(target: "keystone_v2", operation = op, "401: re-authenticated, replaying once");
                                replayed = true;
                                request = next;
                                continue;
                            }
                        }
                    }
                }
            }
            return Ok(response);
        }
    }
}

impl Raw {
    /// Logs and records one response; for an error, removes this request's secrets from the
    /// body (Keystone echoes token ids in messages) and marks it with its origin.
    async fn observe(
        &self,
        op: &'static str,
        method: &reqwest::Method,
        started: Instant,
        response: reqwest::Response,
        sent_token: Option<&reqwest::header::HeaderValue>,
    ) -> reqwest::Result<reqwest::Response> {
        let hooks = self.inner();
        let status = response.status();
        let error = !status.is_success();
        let logging = tracing::enabled!(target: "keystone_v2", tracing::Level::DEBUG);
        let elapsed_ms = started.elapsed().as_millis() as u64;
        let rid = if logging {
            request_id(response.headers())
        } else {
            None
        };
        if !(error || hooks.recorder.is_some() || (logging && hooks.debug)) {
            // The common path: nothing to copy, redact or buffer.
            tracing::debug!(target: "keystone_v2", operation = op, method = %method, url = %redact::url(response.url().as_str()), status = status.as_u16(),
                elapsed_ms, request_id = rid.as_deref().unwrap_or(""), "response");
            return Ok(response);
        }
        let url = redact::url(response.url().as_str());
        // Only errors and logs need this request's secrets (Keystone echoes token ids).
        let secrets = if error || (logging && hooks.debug) {
            secrets(response.url(), sent_token)
        } else {
            Vec::new()
        };
        let (response, body) = buffer(response).await?;
        let (mut response, body) = if error {
            scrub(response, body, &secrets)
        } else {
            (response, body)
        };
        if hooks.debug {
            tracing::debug!(target: "keystone_v2", operation = op, method = %method, url = %url, status = status.as_u16(),
                elapsed_ms, request_id = rid.as_deref().unwrap_or(""), body = %redact::text(&redact::body(&body, LOG_BODY), &secrets), "response");
        } else {
            tracing::debug!(target: "keystone_v2", operation = op, method = %method, url = %url, status = status.as_u16(),
                elapsed_ms, request_id = rid.as_deref().unwrap_or(""), "response");
        }
        if let Some(recorder) = &hooks.recorder {
            recorder.push(Exchange {
                operation: op,
                method: method.clone(),
                status,
                body,
            });
        }
        if error {
            if let Ok(v) = reqwest::header::HeaderValue::from_str(&format!("{method} {url}")) {
                response.headers_mut().insert(ORIGIN, v);
            }
        }
        Ok(response)
    }
}

/// The secrets of a request: the token ids in its path and the token it sent.
fn secrets(url: &reqwest::Url, sent_token: Option<&reqwest::header::HeaderValue>) -> Vec<String> {
    let mut out = redact::path_secrets(url.path());
    out.extend(sent_token.and_then(|v| v.to_str().ok()).map(str::to_owned));
    out
}

/// Replaces every secret of the request found in an error body.
fn scrub(
    response: reqwest::Response,
    body: bytes::Bytes,
    secrets: &[String],
) -> (reqwest::Response, bytes::Bytes) {
    let Ok(text) = std::str::from_utf8(&body) else {
        return (response, body);
    };
    let cleaned = redact::text(text, secrets);
    if cleaned == text {
        return (response, body);
    }
    let body = bytes::Bytes::from(cleaned);
    let mut rebuilt = http::Response::new(body.clone());
    *rebuilt.status_mut() = response.status();
    *rebuilt.version_mut() = response.version();
    *rebuilt.headers_mut() = response.headers().clone();
    rebuilt
        .headers_mut()
        .remove(reqwest::header::CONTENT_LENGTH);
    (reqwest::Response::from(rebuilt), body)
}

/// The `X-Auth-Token` value for a token, marked sensitive (kept out of `Debug` output).
pub(crate) fn token_header(token: &Secret) -> Result<reqwest::header::HeaderValue, String> {
    let mut value = reqwest::header::HeaderValue::from_str(token.expose())
        .map_err(|_| "the token is not a valid header value".to_owned())?;
    value.set_sensitive(true);
    Ok(value)
}

fn set_token(request: &mut reqwest::Request, token: &Secret) -> Result<(), String> {
    request
        .headers_mut()
        .insert("x-auth-token", token_header(token)?);
    Ok(())
}

/// Error bodies the spec declares: Keystone's `{"error": ...}`, or none (HEAD).
pub trait ErrorBody {
    /// Keystone's message and title, if the body had them.
    fn message_and_title(&self) -> (Option<String>, Option<String>);
}

impl ErrorBody for types::ErrorResponse {
    fn message_and_title(&self) -> (Option<String>, Option<String>) {
        (
            Some(self.error.message.clone()),
            Some(self.error.title.clone()),
        )
    }
}

impl ErrorBody for () {
    fn message_and_title(&self) -> (Option<String>, Option<String>) {
        (None, None)
    }
}

fn http_error(
    status: reqwest::StatusCode,
    headers: &reqwest::header::HeaderMap,
    message: Option<String>,
    title: Option<String>,
    details: Option<String>,
) -> Error {
    let (method, url) = headers
        .get(ORIGIN)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .map(|(m, u)| (m.to_owned(), u.to_owned()))
        .unwrap_or_default();
    Error::Http(Box::new(HttpError {
        status,
        message,
        title,
        request_id: request_id(headers),
        method,
        url,
        details,
        retry_after: retry_after(headers),
    }))
}

/// Converts a generated call's error, reading the body of undeclared responses.
pub(crate) async fn convert_error<E: ErrorBody>(
    op: &'static str,
    e: progenitor_client::Error<E>,
) -> Error {
    use progenitor_client::Error as P;
    match e {
        P::ErrorResponse(rv) => {
            let (message, title) = rv.message_and_title();
            http_error(rv.status(), rv.headers(), message, title, None)
        }
        P::UnexpectedResponse(response) => {
            let status = response.status();
            let headers = response.headers().clone();
            let body = match response.bytes().await {
                Ok(b) => b,
                Err(e) => return Error::transport(e),
            };
            if status.is_client_error() || status.is_server_error() {
                let parsed: Option<types::ErrorResponse> = serde_json::from_slice(&body).ok();
                let (message, title) = parsed
                    .as_ref()
                    .map(|p| p.message_and_title())
                    .unwrap_or_default();
                let details = if message.is_none() && !body.is_empty() {
                    Some(redact::body(&body, 200))
                } else {
                    None
                };
                http_error(status, &headers, message, title, details)
            } else {
                Error::InvalidResponse {
                    operation: op.to_owned(),
                    status: status.as_u16(),
                    message: "a status the spec does not declare for this operation".into(),
                    excerpt: redact::body(&body, 200),
                }
            }
        }
        P::InvalidResponsePayload(body, err) => Error::InvalidResponse {
            operation: op.to_owned(),
            status: 0,
            message: format!("the body does not match the spec: {err}"),
            excerpt: redact::body(&body, 200),
        },
        P::CommunicationError(e) | P::ResponseBodyError(e) | P::InvalidUpgrade(e) => {
            Error::transport(e)
        }
        P::InvalidRequest(s) | P::Custom(s) => Error::InvalidRequest(s),
    }
}
