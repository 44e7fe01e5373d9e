//! The crate's one error type.

use std::fmt;
use std::time::Duration;

/// `Result<T, keystone_v2::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong talking to Keystone.
///
/// Messages never contain a password, a token id or an EC2 secret: URLs are redacted
/// (`/v2.0/tokens/***`) and bodies are never quoted except in short excerpts of responses that
/// failed to decode, which are redacted too.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Keystone answered with an HTTP error status.
    #[error(transparent)]
    Http(Box<HttpError>),

    /// Authentication could not even be attempted, or its answer was unusable (keystoneclient's
    /// `AuthorizationFailure`): no auth_url, no credentials, a token without a user id, ...
    #[error("authorization failure: {0}")]
    AuthorizationFailure(String),

    /// The client is misconfigured (an invalid URL, an unreadable certificate, ...).
    #[error("invalid configuration: {0}")]
    Configuration(String),

    /// The service catalog has no endpoint matching the request.
    #[error(transparent)]
    EndpointNotFound(Box<EndpointNotFound>),

    /// Two or more services of the type match with different URLs and no service name was
    /// given (keystoneclient's `AmbiguousEndpoints`): choose one with `service_name`.
    #[error(transparent)]
    AmbiguousEndpoint(Box<AmbiguousEndpoint>),

    /// The service catalog is empty, typically because the token is unscoped.
    #[error("the service catalog is empty: {0}")]
    EmptyCatalog(String),

    /// The server could not be reached, or the connection broke.
    #[error("connection to {url} failed: {source}")]
    Connection {
        /// The URL, redacted.
        url: String,
        /// The cause.
        #[source]
        source: reqwest::Error,
    },

    /// The request did not complete within the configured timeout.
    #[error("request to {url} timed out: {source}")]
    Timeout {
        /// The URL, redacted.
        url: String,
        /// The cause.
        #[source]
        source: reqwest::Error,
    },

    /// The TLS handshake failed (an untrusted certificate, a missing client certificate, ...).
    #[error("TLS failure with {url}: {source}")]
    Tls {
        /// The URL, redacted.
        url: String,
        /// The cause.
        #[source]
        source: reqwest::Error,
    },

    /// The server's answer could not be understood.
    #[error(
        "invalid response to {operation} (HTTP {status}): {message}; body starts with: {excerpt:?}"
    )]
    InvalidResponse {
        /// The operation (an operationId of the spec, or `authenticate`).
        operation: String,
        /// The HTTP status, or 0 when unknown.
        status: u16,
        /// What was wrong.
        message: String,
        /// The beginning of the body, with secrets redacted.
        excerpt: String,
    },

    /// The request could not be built from the arguments given (an empty id, an `extra`
    /// attribute that repeats a typed one, ...). Nothing was sent.
    #[error("invalid request: {0}")]
    InvalidRequest(String),

    /// The response body was larger than the client's maximum
    /// ([`crate::ClientBuilder::max_body_size`]); reading stopped there.
    #[error("the response to {operation} from {url} is larger than the {limit}-byte limit")]
    ResponseTooLarge {
        /// The operation (an operationId of the spec).
        operation: String,
        /// The URL, redacted.
        url: String,
        /// The limit, in bytes.
        limit: u64,
    },

    /// The server redirected the request somewhere this crate will not follow: to another
    /// origin (scheme, host or port), from https to http, or past the redirect limit. Nothing
    /// was sent to `location`.
    #[error("refused to follow the redirect from {url} to {location}: {reason}")]
    Redirect {
        /// The URL that answered the redirect, redacted.
        url: String,
        /// The redirect's target, redacted.
        location: String,
        /// Why it was refused.
        reason: String,
    },

    /// The server asked for a multi-factor passcode (Rackspace's 401 with `WWW-Authenticate:
    /// OS-MF sessionId=..., factor=...`) and none could be had: no
    /// [`crate::ClientBuilder::passcode_callback`] is set, or it gave none. Nothing more was
    /// sent; `reason` says which.
    #[error("the server requires a multi-factor passcode ({factor}) and {reason}")]
    PasscodeRequired {
        /// The factor the server asked for, such as `PASSCODE`.
        factor: String,
        /// Why no passcode was sent.
        reason: String,
    },

    /// The call (retries, re-authentication and replay included) did not complete within the
    /// client's timeout ([`crate::ClientBuilder::timeout`]).
    #[error("{operation} did not complete within {timeout:?}")]
    DeadlineExceeded {
        /// The operation (an operationId of the spec, or `authenticate`).
        operation: String,
        /// The timeout that bounds the whole call.
        timeout: Duration,
    },
}

/// An HTTP error answered by Keystone (or another service of the catalog), with what it said.
#[derive(Debug, Clone)]
pub struct HttpError {
    /// The HTTP status.
    pub status: reqwest::StatusCode,
    /// Keystone's `error.message`, when the body had one.
    pub message: Option<String>,
    /// Keystone's `error.title`, when the body had one.
    pub title: Option<String>,
    /// The service's request id: the `x-openstack-request-id` header, else nova's
    /// `x-compute-request-id`.
    pub request_id: Option<String>,
    /// The HTTP method.
    pub method: String,
    /// The URL, with secrets (token ids) redacted.
    pub url: String,
    /// A non-JSON body's beginning (an HTML page from a proxy, ...), redacted.
    pub details: Option<String>,
    /// The `Retry-After` header, when present.
    pub retry_after: Option<Duration>,
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self
            .message
            .as_deref()
            .unwrap_or_else(|| self.status.canonical_reason().unwrap_or("HTTP error"));
        write!(
            f,
            "{message} (HTTP {}) on {} {}",
            self.status.as_u16(),
            self.method,
            self.url
        )?;
        if let Some(id) = &self.request_id {
            write!(f, " (Request-ID: {id})")?;
        }
        if let (None, Some(details)) = (&self.message, &self.details) {
            write!(f, ": {details}")?;
        }
        Ok(())
    }
}

impl std::error::Error for HttpError {}

impl Error {
    /// The HTTP status of an [`Error::Http`].
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) {
    /// if e.status() == Some(reqwest::StatusCode::NOT_FOUND) { /* ... */ }
    /// # }
    /// ```
    pub fn status(&self) -> Option<reqwest::StatusCode> {
        match self {
            Error::Http(e) => Some(e.status),
            _ => None,
        }
    }

    /// The details of an [`Error::Http`].
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) {
    /// if let Some(http) = e.http() { println!("{:?}", http.request_id); }
    /// # }
    /// ```
    pub fn http(&self) -> Option<&HttpError> {
        match self {
            Error::Http(e) => Some(e),
            _ => None,
        }
    }

    /// The request id the service answered an [`Error::Http`] with (`x-openstack-request-id`,
    /// or nova's `x-compute-request-id`), to quote to its operators.
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) {
    /// if let Some(id) = e.request_id() { eprintln!("request {id} failed"); }
    /// # }
    /// ```
    pub fn request_id(&self) -> Option<&str> {
        self.http().and_then(|e| e.request_id.as_deref())
    }

    fn status_is(&self, code: u16) -> bool {
        self.status().map(|s| s.as_u16()) == Some(code)
    }

    /// 400 Bad Request (keystoneclient's `BadRequest`).
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) { let _ = e.is_bad_request(); }
    /// ```
    pub fn is_bad_request(&self) -> bool {
        self.status_is(400)
    }

    /// 401 Unauthorized (keystoneclient's `Unauthorized`).
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) { let _ = e.is_unauthorized(); }
    /// ```
    pub fn is_unauthorized(&self) -> bool {
        self.status_is(401)
    }

    /// 403 Forbidden (keystoneclient's `Forbidden`).
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) { let _ = e.is_forbidden(); }
    /// ```
    pub fn is_forbidden(&self) -> bool {
        self.status_is(403)
    }

    /// 404 Not Found (keystoneclient's `NotFound`).
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) { let _ = e.is_not_found(); }
    /// ```
    pub fn is_not_found(&self) -> bool {
        self.status_is(404)
    }

    /// 409 Conflict (keystoneclient's `Conflict`).
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) { let _ = e.is_conflict(); }
    /// ```
    pub fn is_conflict(&self) -> bool {
        self.status_is(409)
    }

    /// 410 Gone (keystoneclient's `Gone`).
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) { let _ = e.is_gone(); }
    /// ```
    pub fn is_gone(&self) -> bool {
        self.status_is(410)
    }

    /// 501 Not Implemented (keystoneclient's `HttpNotImplemented`).
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) { let _ = e.is_not_implemented(); }
    /// ```
    pub fn is_not_implemented(&self) -> bool {
        self.status_is(501)
    }

    /// 503 Service Unavailable (keystoneclient's `ServiceUnavailable`).
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) { let _ = e.is_service_unavailable(); }
    /// ```
    pub fn is_service_unavailable(&self) -> bool {
        self.status_is(503)
    }

    /// Any 4xx (keystoneclient's `HTTPClientError` family).
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) { let _ = e.is_client_error(); }
    /// ```
    pub fn is_client_error(&self) -> bool {
        self.status().is_some_and(|s| s.is_client_error())
    }

    /// Any 5xx (keystoneclient's `HttpServerError` family).
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) { let _ = e.is_server_error(); }
    /// ```
    pub fn is_server_error(&self) -> bool {
        self.status().is_some_and(|s| s.is_server_error())
    }

    /// A timeout (keystoneclient's `RequestTimeout` / `ConnectTimeout`).
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) { let _ = e.is_timeout(); }
    /// ```
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. } | Error::DeadlineExceeded { .. })
    }

    /// A connection failure (keystoneclient's `ConnectionError` family, TLS included).
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) { let _ = e.is_connection(); }
    /// ```
    pub fn is_connection(&self) -> bool {
        matches!(
            self,
            Error::Connection { .. }
                | Error::Tls { .. }
                | Error::Timeout { .. }
                | Error::DeadlineExceeded { .. }
        )
    }

    /// A TLS failure (keystoneclient's `SSLError`).
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) { let _ = e.is_tls(); }
    /// ```
    pub fn is_tls(&self) -> bool {
        matches!(self, Error::Tls { .. })
    }

    /// No endpoint matched, or the catalog is empty (keystoneclient's `EndpointNotFound` and
    /// `EmptyCatalog`).
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) { let _ = e.is_endpoint_not_found(); }
    /// ```
    pub fn is_endpoint_not_found(&self) -> bool {
        matches!(self, Error::EndpointNotFound(_) | Error::EmptyCatalog(_))
    }

    /// An authorization failure (keystoneclient's `AuthorizationFailure`).
    ///
    /// ```
    /// # fn check(e: keystone_v2::Error) { let _ = e.is_authorization_failure(); }
    /// ```
    pub fn is_authorization_failure(&self) -> bool {
        matches!(self, Error::AuthorizationFailure(_))
    }

    /// Classifies a transport error.
    pub(crate) fn transport(source: reqwest::Error) -> Error {
        let url = source
            .url()
            .map(|u| crate::redact::url(u.as_str()))
            .unwrap_or_else(|| "<unknown>".into());
        let source = source.without_url();
        if let Some(e) = find::<TooLarge>(&source) {
            return Error::ResponseTooLarge {
                operation: e.operation.to_owned(),
                url: e.url.clone(),
                limit: e.limit,
            };
        }
        if let Some(e) = find::<RedirectRefused>(&source) {
            return Error::Redirect {
                url: e.from.clone(),
                location: e.to.clone(),
                reason: e.reason.to_owned(),
            };
        }
        if source.is_timeout() {
            return Error::Timeout { url, source };
        }
        if is_tls(&source) {
            return Error::Tls { url, source };
        }
        Error::Connection { url, source }
    }
}

/// The first error of type `T` in a cause chain.
fn find<'a, T: std::error::Error + 'static>(
    e: &'a (dyn std::error::Error + 'static),
) -> Option<&'a T> {
    let mut cur: Option<&'a (dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if let Some(t) = err.downcast_ref::<T>() {
            return Some(t);
        }
        cur = err.source();
    }
    None
}

/// Whether an error's cause chain holds a TLS error (rustls' own, however deep the I/O errors
/// of the connection wrap it): recognised by its type, never by its message.
#[cfg(feature = "rustls")]
fn is_tls(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if err.is::<rustls::Error>() {
            return true;
        }
        // An I/O error's `source()` skips the error it wraps (it is that error's source): the
        // wrapped error is where the TLS layer puts its own.
        cur = match err.downcast_ref::<std::io::Error>() {
            Some(io) => match io.get_ref() {
                Some(inner) => Some(inner),
                None => err.source(),
            },
            None => err.source(),
        };
    }
    false
}

/// Without a TLS backend there is no TLS error.
#[cfg(not(feature = "rustls"))]
fn is_tls(_: &(dyn std::error::Error + 'static)) -> bool {
    false
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

impl From<EndpointNotFound> for Error {
    fn from(e: EndpointNotFound) -> Self {
        Error::EndpointNotFound(Box::new(e))
    }
}

/// One endpoint of the catalog that did not match, and why (or, in an [`AmbiguousEndpoint`],
/// one that did, and its URL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The service's type.
    pub service_type: String,
    /// The service's name, if any.
    pub service_name: Option<String>,
    /// The endpoint's region, if any.
    pub region: Option<String>,
    /// The endpoint's id, if any.
    pub endpoint_id: Option<String>,
    /// Why it was rejected (`matches: <url>` for a match).
    pub reason: String,
}

/// No endpoint matched: says what was asked and lists every candidate with the reason it was
/// rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointNotFound {
    /// keystoneclient's message: `<interface> endpoint for <type> service[ named <name>][ in <region> region] not found`.
    pub message: String,
    /// The endpoints considered.
    pub candidates: Vec<Candidate>,
}

impl std::fmt::Display for EndpointNotFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if self.candidates.is_empty() {
            return f.write_str(" (the catalog has no endpoints)");
        }
        write_candidates(f, "; candidates considered:", &self.candidates)
    }
}

impl std::error::Error for EndpointNotFound {}

/// Several services of one type matched a lookup that named none: lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmbiguousEndpoint {
    /// What was asked, and that it is ambiguous.
    pub message: String,
    /// The first matching endpoint of each matching service (its reason holds the URL).
    pub candidates: Vec<Candidate>,
}

impl std::fmt::Display for AmbiguousEndpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        write_candidates(f, ":", &self.candidates)
    }
}

impl std::error::Error for AmbiguousEndpoint {}

impl From<AmbiguousEndpoint> for Error {
    fn from(e: AmbiguousEndpoint) -> Self {
        Error::AmbiguousEndpoint(Box::new(e))
    }
}

fn write_candidates(
    f: &mut std::fmt::Formatter<'_>,
    heading: &str,
    candidates: &[Candidate],
) -> std::fmt::Result {
    f.write_str(heading)?;
    for c in candidates {
        write!(f, "\n  - {}", c.service_type)?;
        if let Some(n) = &c.service_name {
            write!(f, " named {n:?}")?;
        }
        if let Some(r) = &c.region {
            write!(f, " in {r}")?;
        }
        if let Some(id) = &c.endpoint_id {
            write!(f, " (endpoint {id})")?;
        }
        write!(f, ": {}", c.reason)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error that wraps another, as the HTTP layers wrap the TLS layer's.
    #[derive(Debug)]
    struct Wrapping(std::io::Error);

    impl fmt::Display for Wrapping {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("client error (Connect)")
        }
    }

    impl std::error::Error for Wrapping {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    #[cfg(feature = "rustls")]
    #[test]
    fn tls_failures_are_recognised_by_type_wherever_they_are_in_the_chain() {
        let untrusted = rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer);
        assert!(is_tls(&untrusted));
        // As hyper-util hands it over: an I/O error wrapping the TLS layer's I/O error.
        let io = std::io::Error::new(std::io::ErrorKind::InvalidData, untrusted);
        let io = std::io::Error::other(io);
        assert!(is_tls(&Wrapping(io)));
    }

    #[test]
    fn words_in_a_message_do_not_make_a_tls_failure() {
        let io = std::io::Error::other("certificate rejected during the TLS handshake (ssl)");
        assert!(!is_tls(&io));
        assert!(!is_tls(&Wrapping(io)));
    }
}
