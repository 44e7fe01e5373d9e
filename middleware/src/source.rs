//! Where tokens are validated: Keystone's admin API through the service's own client, or a
//! [`crate::fixture::AuthTokenFixture`] in tests.

use std::future::Future;
use std::pin::Pin;

use keystone_v2::{AccessInfo, Client};

/// A boxed, sendable future (what [`TokenSource::validate`] returns).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Why a token was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValidationError {
    /// Keystone does not know the token (or it is malformed, or expired): 401.
    Invalid,
    /// Keystone could not answer (unreachable, timing out, 5xx, the service's own credentials
    /// refused, a garbled answer): 503. The reason never holds the token.
    Unavailable(String),
}

/// Validates a token: implemented for Keystone ([`KeystoneSource`]) and for the test kit.
pub trait TokenSource: Send + Sync + 'static {
    /// The token's data, or why it is not valid. Expiry is checked by the caller.
    fn validate<'a>(&'a self, token: &'a str)
        -> BoxFuture<'a, Result<AccessInfo, ValidationError>>;
}

/// Validates with `GET /v2.0/tokens/{id}` on the admin API, with the service's own client
/// (its credentials, TLS settings, timeouts and retries).
#[derive(Clone, Debug)]
pub struct KeystoneSource {
    client: Client,
}

impl KeystoneSource {
    /// A source that validates with `client`.
    ///
    /// ```no_run
    /// # fn f(client: keystone_v2::Client) {
    /// let source = keystone_v2_middleware::KeystoneSource::new(client);
    /// # }
    /// ```
    pub fn new(client: Client) -> Self {
        Self { client }
    }
}

/// Tokens longer than this are refused without asking Keystone (a v2.0 UUID token has 32
/// characters, a PKIZ one a few kilobytes).
const MAX_TOKEN_LEN: usize = 16 * 1024;

impl TokenSource for KeystoneSource {
    fn validate<'a>(
        &'a self,
        token: &'a str,
    ) -> BoxFuture<'a, Result<AccessInfo, ValidationError>> {
        Box::pin(async move {
            if token.len() > MAX_TOKEN_LEN {
                return Err(ValidationError::Invalid);
            }
            self.client
                .tokens()
                .validate_access_info(token)
                .await
                .map_err(classify)
        })
    }
}

/// keystonemiddleware's mapping: Keystone's 404 (and a 400, or a token the client refuses to
/// send) means the token is invalid; everything else means the token could not be checked.
/// A 401 or 403 here is the service's own credentials being refused (the client has already
/// re-authenticated once), so it is Keystone's side that fails, not the caller's token.
fn classify(e: keystone_v2::Error) -> ValidationError {
    if let Some(status) = e.status() {
        if status.as_u16() == 404 || status.as_u16() == 400 {
            return ValidationError::Invalid;
        }
    }
    if matches!(e, keystone_v2::Error::InvalidRequest(_)) {
        return ValidationError::Invalid;
    }
    // The SDK's errors redact token ids from the URLs they quote.
    ValidationError::Unavailable(e.to_string())
}
