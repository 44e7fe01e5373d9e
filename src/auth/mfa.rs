//! Rackspace Cloud Identity's multi-factor login: the password step's 401 names a session
//! (`WWW-Authenticate: OS-MF sessionId='<id>', factor='PASSCODE'`), and a second
//! `POST /v2.0/tokens` sends the passcode with `X-SessionId: <id>`. The passcode comes from
//! the caller's callback ([`crate::ClientBuilder::passcode_callback`]).

use std::sync::Arc;

use crate::{Error, Result, Secret};

/// What a passcode callback is asked: the server wants a multi-factor passcode for this login
/// (see [`crate::ClientBuilder::passcode_callback`]).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PasscodePrompt {
    /// The user logging in, as configured.
    pub username: Option<String>,
    /// The factor the server named (`PASSCODE`: a code sent by SMS, or from an OTP device).
    pub factor: String,
}

/// The caller's passcode callback: a passcode, or `None` when none can be had.
pub(crate) type PasscodeCallback = Arc<dyn Fn(&PasscodePrompt) -> Option<Secret> + Send + Sync>;

/// A multi-factor challenge: the session id (a secret) and the factor asked for.
pub(crate) struct Challenge {
    pub(crate) session_id: Secret,
    pub(crate) factor: String,
}

/// The challenge of a 401's `WWW-Authenticate: OS-MF sessionId='...', factor='...'` header
/// (quotes single or double), if it has one.
pub(crate) fn challenge(headers: &reqwest::header::HeaderMap) -> Option<Challenge> {
    headers
        .get_all(reqwest::header::WWW_AUTHENTICATE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(parse)
}

fn parse(value: &str) -> Option<Challenge> {
    let value = value.trim_start();
    let (scheme, params) = value.split_once(char::is_whitespace)?;
    if !scheme.eq_ignore_ascii_case("OS-MF") {
        return None;
    }
    let (mut session_id, mut factor) = (None, None);
    for param in params.split(',') {
        let Some((key, raw)) = param.split_once('=') else {
            continue;
        };
        let raw = raw.trim();
        let unquoted = raw
            .strip_prefix('\'')
            .and_then(|r| r.strip_suffix('\''))
            .or_else(|| raw.strip_prefix('"').and_then(|r| r.strip_suffix('"')))
            .unwrap_or(raw);
        match key.trim() {
            k if k.eq_ignore_ascii_case("sessionId") => session_id = Some(unquoted.to_owned()),
            k if k.eq_ignore_ascii_case("factor") => factor = Some(unquoted.to_owned()),
            _ => {}
        }
    }
    Some(Challenge {
        session_id: Secret::new(session_id.filter(|s| !s.is_empty())?),
        factor: factor.unwrap_or_else(|| "PASSCODE".to_owned()),
    })
}

/// The passcode for `challenge`, from the callback (run on the blocking pool: a callback may
/// read a terminal), or [`Error::PasscodeRequired`].
pub(crate) async fn passcode(
    callback: Option<&PasscodeCallback>,
    username: Option<String>,
    challenge: &Challenge,
) -> Result<Secret> {
    let required = |reason: &str| Error::PasscodeRequired {
        factor: challenge.factor.clone(),
        reason: reason.to_owned(),
    };
    let Some(callback) = callback.cloned() else {
        return Err(required(
            "no passcode callback is set (ClientBuilder::passcode_callback)",
        ));
    };
    let prompt = PasscodePrompt {
        username,
        factor: challenge.factor.clone(),
    };
    match tokio::task::spawn_blocking(move || callback(&prompt)).await {
        Ok(Some(passcode)) if !passcode.is_empty() => Ok(passcode),
        Ok(_) => Err(required("the passcode callback gave none")),
        Err(_) => Err(required("the passcode callback panicked")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_challenge_header_gives_the_session_id_and_factor() {
        let c = parse("OS-MF sessionId='APU9ymMBWY5W-pTg', factor='PASSCODE'").unwrap();
        assert_eq!(c.session_id.expose(), "APU9ymMBWY5W-pTg");
        assert_eq!(c.factor, "PASSCODE");
        let c = parse("os-mf factor=\"OTP\",sessionId=\"abc\"").unwrap();
        assert_eq!((c.session_id.expose(), c.factor.as_str()), ("abc", "OTP"));
    }

    #[test]
    fn other_challenges_are_not_multi_factor() {
        assert!(parse("Keystone uri=\"http://127.0.0.1:5000\"").is_none());
        assert!(parse("OS-MF factor='PASSCODE'").is_none());
        assert!(parse("OS-MF sessionId=''").is_none());
        assert!(parse("OS-MF").is_none());
    }
}
