//! Keeps secrets out of logs, errors and `Debug` output.
//!
//! Token ids travel in URL paths (`/v2.0/tokens/{token_id}`) and in bodies (`token.id`), passwords
//! and EC2 secrets in bodies. Everything this crate logs or puts in an error goes through here.

/// The placeholder that replaces a secret.
pub const REDACTED: &str = "***";

/// Redacts the token id in `/tokens/{id}` and `/tokens/{id}/...` path segments (but not the
/// `revoked` list) and drops the query's secrets.
pub fn url(url: &str) -> String {
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (url, None),
    };
    let mut out = String::with_capacity(url.len());
    let mut segments = path.split('/').peekable();
    let mut first = true;
    while let Some(seg) = segments.next() {
        if !first {
            out.push('/');
        }
        first = false;
        out.push_str(seg);
        if seg == "tokens" {
            if let Some(next) = segments.peek() {
                if !next.is_empty() && *next != "revoked" {
                    segments.next();
                    out.push('/');
                    out.push_str(REDACTED);
                }
            }
        }
    }
    if let Some(q) = query {
        out.push('?');
        let pairs: Vec<String> = q
            .split('&')
            .map(|pair| match pair.split_once('=') {
                Some((k, _)) if secret_key(k) => format!("{k}={REDACTED}"),
                _ => pair.to_owned(),
            })
            .collect();
        out.push_str(&pairs.join("&"));
    }
    out
}

/// The token ids in a URL path (`/tokens/{id}`), to scrub from what the server echoes.
pub fn path_secrets(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut segments = path.split('/').peekable();
    while let Some(seg) = segments.next() {
        if seg == "tokens" {
            if let Some(next) = segments.peek() {
                if !next.is_empty() && *next != "revoked" {
                    out.push(percent_decode(next));
                }
            }
        }
    }
    out
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `text` with every non-empty secret of `secrets` replaced by [`REDACTED`].
pub fn text(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_owned();
    for s in secrets.iter().filter(|s| s.len() >= 4) {
        out = out.replace(s.as_str(), REDACTED);
    }
    out
}

/// Keys whose values are secrets wherever they appear in a JSON body.
fn secret_key(key: &str) -> bool {
    matches!(
        key.to_ascii_lowercase().as_str(),
        "password"
            | "original_password"
            | "os-ksadm:password"
            | "secret"
            | "auth_token"
            | "x-auth-token"
            | "signed"
            | "token_id"
    )
}

/// A copy of a JSON value with every secret replaced: the secret keys above, and `id` inside a
/// `token` object (a token id).
pub fn json(value: &serde_json::Value) -> serde_json::Value {
    fn walk(v: &serde_json::Value, in_token: bool) -> serde_json::Value {
        match v {
            serde_json::Value::Object(map) => serde_json::Value::Object(
                map.iter()
                    .map(|(k, v)| {
                        let secret = secret_key(k) || (in_token && k == "id");
                        let value = if secret && !v.is_null() {
                            serde_json::Value::String(REDACTED.into())
                        } else {
                            walk(v, k == "token")
                        };
                        (k.clone(), value)
                    })
                    .collect(),
            ),
            serde_json::Value::Array(a) => {
                serde_json::Value::Array(a.iter().map(|v| walk(v, in_token)).collect())
            }
            other => other.clone(),
        }
    }
    walk(value, false)
}

/// A body for a log line or an error: JSON is redacted; anything else that is not JSON is cut to
/// `max` characters, and replaced entirely if it might carry a secret (an unparsable body that
/// mentions one of the secret keys).
pub fn body(bytes: &[u8], max: usize) -> String {
    if bytes.is_empty() {
        return String::new();
    }
    if let Ok(v) = serde_json::from_slice::<serde_json::Value>(bytes) {
        return cut(&json(&v).to_string(), max);
    }
    let text = String::from_utf8_lossy(bytes);
    let lower = text.to_ascii_lowercase();
    if ["password", "secret", "\"token\"", "auth_token", "signed"]
        .iter()
        .any(|k| lower.contains(k))
    {
        return format!("<{} bytes, not shown: may contain a secret>", bytes.len());
    }
    cut(&text, max)
}

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn token_ids_in_paths_are_redacted() {
        assert_eq!(
            url("http://h:35357/v2.0/tokens/abc123"),
            "http://h:35357/v2.0/tokens/***"
        );
        assert_eq!(
            url("http://h/v2.0/tokens/abc/endpoints?belongsTo=t"),
            "http://h/v2.0/tokens/***/endpoints?belongsTo=t"
        );
        assert_eq!(
            url("http://h/v2.0/tokens/revoked"),
            "http://h/v2.0/tokens/revoked"
        );
        assert_eq!(url("http://h/v2.0/tokens"), "http://h/v2.0/tokens");
        assert_eq!(url("http://h/v2.0/users/u1"), "http://h/v2.0/users/u1");
    }

    #[test]
    fn secrets_in_bodies_are_redacted() {
        let v = json!({"auth": {"passwordCredentials": {"username": "u", "password": "pw"}, "token": {"id": "tok"}},
                       "access": {"token": {"id": "tok2", "expires": "x", "tenant": {"id": "t"}}},
                       "credential": {"access": "a", "secret": "s"},
                       "user": {"password": null, "original_password": "o", "id": "uid"}});
        let text = json(&v).to_string();
        for secret in ["\"pw\"", "\"tok\"", "\"tok2\"", "\"s\"", "\"o\""] {
            assert!(!text.contains(secret), "{secret} leaked in {text}");
        }
        for kept in ["\"u\"", "\"t\"", "\"a\"", "\"uid\""] {
            assert!(text.contains(kept), "{kept} should be kept in {text}");
        }
    }

    #[test]
    fn echoed_token_ids_are_scrubbed() {
        let secrets = path_secrets("/v2.0/tokens/abcd1234/endpoints");
        assert_eq!(secrets, vec!["abcd1234".to_owned()]);
        assert_eq!(
            text("Could not find token: abcd1234.", &secrets),
            "Could not find token: ***."
        );
        assert!(path_secrets("/v2.0/tokens/revoked").is_empty());
    }

    #[test]
    fn non_json_bodies_are_cut_or_hidden() {
        assert_eq!(body(b"<html>bad gateway</html>", 10), "<html>bad …");
        assert!(body(b"password=hunter2", 100).contains("not shown"));
    }
}
