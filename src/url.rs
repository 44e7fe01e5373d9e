//! The one check of a URL the configuration gives (an `auth_url`, an `endpoint`, a service's
//! endpoint override) or the catalog gives: it is refused here, with a message that shows it
//! with its userinfo masked, rather than silently misrouting every call.

use crate::{Error, Result};

/// A service URL: http(s), no whitespace or control character, no query, no fragment.
pub(crate) fn service_url(url: &str, what: &str) -> Result<reqwest::Url> {
    let refuse = |why: &str| {
        Err(Error::Configuration(format!(
            "{what} {:?} {why}",
            crate::redact::url(url)
        )))
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return refuse("contains whitespace or a control character");
    }
    let parsed = match reqwest::Url::parse(url) {
        Ok(p) => p,
        Err(e) => return refuse(&format!("is not a URL: {e}")),
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return refuse("is not an http(s) URL");
    }
    if parsed.query().is_some() {
        return refuse("has a query (`?...`); give the URL without one");
    }
    if parsed.fragment().is_some() {
        return refuse("has a fragment (`#...`); give the URL without one");
    }
    Ok(parsed)
}

/// An identity URL as the root the spec's paths (`/v2.0/...`) are joined to:
/// `http://host:5000/v2.0/` -> `http://host:5000`. Besides [`service_url`]'s checks, refuses a
/// path naming another identity version than v2.0 (`/v3`, `/v2`, ...).
pub(crate) fn root_url(url: &str, what: &str) -> Result<String> {
    let parsed = service_url(url, what)?;
    let trimmed = url.trim_end_matches('/');
    let root = trimmed.strip_suffix("/v2.0").unwrap_or(trimmed);
    let last = root.rsplit('/').next().unwrap_or_default();
    let versioned = last.len() > 1
        && last.starts_with(['v', 'V'])
        && last[1..].chars().all(|c| c.is_ascii_digit() || c == '.')
        && last[1..].starts_with(|c: char| c.is_ascii_digit());
    if versioned && !parsed.path().trim_end_matches('/').is_empty() {
        return Err(Error::Configuration(format!(
            "{what} {:?} is an identity URL of version {last}: this crate speaks Keystone's v2.0 API (give the `/v2.0` URL or the server root)",
            crate::redact::url(url)
        )));
    }
    Ok(root.to_owned())
}

#[cfg(test)]
mod tests {
    use super::{root_url, service_url};

    #[test]
    fn an_identity_url_loses_its_version_and_trailing_slash() {
        assert_eq!(
            root_url("http://h:5000/v2.0/", "auth_url").unwrap(),
            "http://h:5000"
        );
        assert_eq!(
            root_url("https://h/identity", "auth_url").unwrap(),
            "https://h/identity"
        );
    }

    #[test]
    fn urls_that_would_misroute_every_call_are_refused_with_userinfo_masked() {
        for bad in [
            "http://u:pw@h/v2.0?x=1",
            "http://u:pw@h/v2.0#top",
            "ftp://u:pw@h/v2.0",
            "http://u:pw@h/v2.0 ",
            "not a url",
        ] {
            let e = service_url(bad, "endpoint").unwrap_err().to_string();
            assert!(!e.contains("pw"), "{e}");
            assert!(root_url(bad, "auth_url").is_err(), "{bad}");
        }
        let e = root_url("http://h:5000/v3", "auth_url").unwrap_err();
        assert!(e.to_string().contains("version v3"), "{e}");
        assert!(service_url("http://h:5000/v3", "endpoint").is_ok());
    }
}
