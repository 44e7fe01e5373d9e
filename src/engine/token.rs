//! Where the token comes from, and the one way a token becomes the `X-Auth-Token` header.

use std::sync::Weak;

use crate::Secret;

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
pub(super) enum Auth {
    #[default]
    None,
    Static(reqwest::header::HeaderValue),
    /// A token that cannot be sent (not a valid header value): every call is refused.
    Invalid,
    Session(Weak<dyn TokenSource>),
}

/// `X-Auth-Token`, parsed once.
pub(super) const X_AUTH_TOKEN: reqwest::header::HeaderName =
    reqwest::header::HeaderName::from_static("x-auth-token");

/// The `X-Auth-Token` value for a token, marked sensitive (kept out of `Debug` output).
pub(crate) fn token_header(token: &Secret) -> Result<reqwest::header::HeaderValue, String> {
    let mut value = reqwest::header::HeaderValue::from_str(token.expose()).map_err(|_| {
        "the token is not a valid HTTP header value (a control character such as a newline?)"
            .to_owned()
    })?;
    value.set_sensitive(true);
    Ok(value)
}
