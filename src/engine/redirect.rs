//! The redirect policy: credentials never leave the origin they were given to.

use crate::error::RedirectRefused;
use crate::redact;

/// The most redirects followed within one origin.
pub const MAX_REDIRECTS: usize = 3;

/// The redirect policy of every [`crate::Client`]: credentials never leave the origin
/// (scheme, host, port) they were given to. A redirect to another origin (https to http
/// included), or past [`MAX_REDIRECTS`], is refused before anything is sent to its target
/// ([`crate::Error::Redirect`]). A same-origin redirect is followed: 307 and 308 keep the method and
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
pub(super) fn redirect_refusal(
    previous: &[reqwest::Url],
    next: &reqwest::Url,
) -> Option<&'static str> {
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
}
