//! Keeps secrets out of logs, errors and `Debug` output.
//!
//! Token ids travel in URL paths (`/v2.0/tokens/{token_id}`) and in bodies (`token.id`), passwords
//! and EC2 secrets in bodies, a password may sit in a URL's userinfo. Everything this crate logs
//! or puts in an error goes through here. Every function's work is proportional to what it keeps
//! (an excerpt), never to the whole body it is given.

use std::collections::HashSet;

/// The placeholder that replaces a secret.
pub const REDACTED: &str = "***";

/// Bodies up to this size are parsed as JSON to redact them by key; past it, only a prefix is
/// looked at.
const PARSE_LIMIT: usize = 64 * 1024;

/// Redacts a URL: the userinfo (`user:password@`), the token id in `/tokens/{id}` and
/// `/tokens/{id}/...` path segments (but not the `revoked` list), and secret query values.
pub fn url(url: &str) -> String {
    let url = userinfo_masked(url);
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (url.as_ref(), None),
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

/// The URL with its userinfo (`user:password@`) replaced by `***@`.
fn userinfo_masked(url: &str) -> std::borrow::Cow<'_, str> {
    let Some(start) = url.find("://").map(|i| i + 3) else {
        return url.into();
    };
    let rest = &url[start..];
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..end].rfind('@') {
        Some(at) => format!("{}{REDACTED}{}", &url[..start], &rest[at..]).into(),
        None => url.into(),
    }
}

/// The password of a URL's userinfo, if it has one (to scrub wherever it may be echoed).
pub fn userinfo_secrets(url: &str) -> Vec<String> {
    let Ok(parsed) = reqwest::Url::parse(url.trim()) else {
        return Vec::new();
    };
    parsed
        .password()
        .map(|p| vec![percent_decode(p), p.to_owned()])
        .unwrap_or_default()
}

/// The token ids in a URL path (`/tokens/{id}`), to scrub from what the server echoes: each
/// non-empty segment after a `tokens` segment, but `revoked`.
pub fn path_secrets(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    // This runs for every request with a token in its path: a split on a character finds
    // each separator with `memchr`, rather than a step per byte (and without the set-up of a
    // substring search, which costs more than the whole walk).
    let mut segments = path.split('/').peekable();
    while let Some(segment) = segments.next() {
        if segment != "tokens" {
            continue;
        }
        if let Some(&next) = segments.peek() {
            if !next.is_empty() && next != "revoked" {
                out.push(segment_secret(next));
            }
        }
    }
    out
}

/// A path segment that holds a secret, as the server sees it: percent-decoded.
pub(crate) fn segment_secret(segment: &str) -> String {
    if segment.contains('%') {
        percent_decode(segment)
    } else {
        segment.to_owned()
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
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

/// The forms a secret takes when a server echoes it: as it is, JSON-escaped, Python-repr
/// escaped, percent-encoded.
fn forms(secret: &str) -> Vec<String> {
    let mut out = vec![secret.to_owned()];
    let json = serde_json::to_string(secret).unwrap_or_default();
    out.push(json[1..json.len().saturating_sub(1).max(1)].to_owned());
    out.push(secret.replace('\\', "\\\\").replace('\'', "\\'"));
    out.push(
        secret
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect(),
    );
    out.sort();
    out.dedup();
    out
}

/// `text` with every secret of `secrets` (4 characters or more), in each form a server may echo
/// it, replaced by [`REDACTED`].
pub fn text(text: &str, secrets: &[String]) -> String {
    let mut out = text.to_owned();
    for s in secrets.iter().filter(|s| s.chars().count() >= 4) {
        for form in forms(s) {
            if out.contains(form.as_str()) {
                out = out.replace(form.as_str(), REDACTED);
            }
        }
    }
    out
}

/// The longest secret, so a cut made after scrubbing a window this much wider than the excerpt
/// never leaves half a secret behind.
fn longest(secrets: &[String]) -> usize {
    secrets.iter().map(|s| s.len() * 6).max().unwrap_or(0)
}

/// An excerpt of at most `max` characters of `text`, with `secrets` scrubbed; the work done is
/// proportional to `max` and the secrets, not to `text`.
pub fn excerpt(text: &str, secrets: &[String], max: usize) -> String {
    let window = prefix(text, max * 4 + longest(secrets) + 16);
    cut(&self::text(window, secrets), max)
}

/// Headers whose values are credentials (the name in lower case, as `HeaderName` keeps it):
/// marked sensitive, never logged, shown as a hash in the curl line.
pub(crate) fn secret_header(name: &str) -> bool {
    matches!(
        name,
        "x-auth-token"
            | "x-subject-token"
            | "x-service-token"
            | "authorization"
            | "proxy-authorization"
            | "cookie"
            | "x-sessionid"
    )
}

/// Keys whose values are secrets wherever they appear in a JSON body.
fn secret_key(key: &str) -> bool {
    // Compared without case and without a lower-cased copy: this runs for every key of every
    // request body.
    [
        "password",
        "original_password",
        "os-ksadm:password",
        "secret",
        "auth_token",
        "x-auth-token",
        "signed",
        "token_id",
        "apikey",
        "secretkey",
        "passcode",
        "rax-auth:phonepin",
    ]
    .iter()
    .any(|k| k.eq_ignore_ascii_case(key))
}

/// Whether the value under `key` (inside a `token` object or not) is a secret.
fn secret_member(key: &str, in_token: bool, value: &serde_json::Value) -> bool {
    secret_if_string(key, in_token) && (key != "token" || value.is_string())
}

/// Whether a string under `key` is a secret: the secret keys, `id` inside a `token` object
/// (a token id), and a `token` that is a string (an object under `token` is not a secret, its
/// `id` is).
fn secret_if_string(key: &str, in_token: bool) -> bool {
    secret_key(key) || (in_token && key == "id") || key == "token"
}

/// A copy of a JSON value with every secret replaced: the secret keys above, `id` inside a
/// `token` object (a token id), and a `token` that is a string.
pub fn json(value: &serde_json::Value) -> serde_json::Value {
    fn walk(v: &serde_json::Value, in_token: bool) -> serde_json::Value {
        match v {
            serde_json::Value::Object(map) => serde_json::Value::Object(
                map.iter()
                    .map(|(k, v)| {
                        let value = if secret_member(k, in_token, v) && !v.is_null() {
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

/// Every secret value of a JSON document (the members [`json`] redacts), to scrub wherever the
/// server may echo them.
pub fn json_secrets(value: &serde_json::Value, out: &mut Vec<String>) {
    fn walk(v: &serde_json::Value, in_token: bool, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    if secret_member(k, in_token, v) {
                        if let Some(s) = v.as_str() {
                            out.push(s.to_owned());
                        }
                    }
                    walk(v, k == "token", out);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, in_token, out)),
            _ => {}
        }
    }
    walk(value, false, out)
}

/// The secrets of a body that may be JSON (nothing if it is not, or is too large to parse).
pub fn body_secrets(bytes: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    if bytes.len() <= PARSE_LIMIT {
        if let Ok(v) = serde_json::from_slice::<serde_json::Value>(bytes) {
            json_secrets(&v, &mut out);
        }
    }
    out
}

/// Checks a JSON request body: no object has the same attribute twice (an `extra` map that
/// repeats a typed attribute). Answers the repeated attribute's name.
#[cfg(test)]
fn repeated_attribute(bytes: &[u8]) -> Option<String> {
    walk_body(bytes, &mut Vec::new())
}

/// Walks a JSON request body once for both of what a request needs of it: the first attribute
/// an object repeats ([`repeated_attribute`], answered), and its secret values, pushed to
/// `secrets` (the members [`json_secrets`] finds, so that the body itself need not be kept to
/// scrub what the server echoes). Stops at a repeated attribute or at what is not JSON.
pub fn walk_body(bytes: &[u8], secrets: &mut Vec<String>) -> Option<String> {
    use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

    /// A value of the body: whether it is inside a `token` object's members (`in_token`),
    /// and whether it is a secret member's (then a string value is one of the `secrets`).
    struct Walk<'s> {
        in_token: bool,
        secret: bool,
        secrets: &'s mut Vec<String>,
    }
    impl<'de> DeserializeSeed<'de> for Walk<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("JSON")
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, v: &str) -> Result<(), E> {
            if self.secret && !self.secrets.iter().any(|s| s == v) {
                self.secrets.push(v.to_owned());
            }
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            // An array's members are not members of an object: none is a secret member.
            while seq
                .next_element_seed(Walk {
                    in_token: self.in_token,
                    secret: false,
                    secrets: &mut *self.secrets,
                })?
                .is_some()
            {}
            Ok(())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            // The keys as the body spells them (borrowed unless escaped), compared one by one
            // while an object is small (every typed one is), hashed past that.
            let mut seen: Vec<std::borrow::Cow<'de, str>> = Vec::new();
            let mut many: Option<HashSet<std::borrow::Cow<'de, str>>> = None;
            while let Some(key) = map.next_key_seed(Key)? {
                let repeated = match &mut many {
                    Some(set) => !set.insert(key.clone()),
                    None if seen.contains(&key) => true,
                    None if seen.len() < 16 => {
                        seen.push(key.clone());
                        false
                    }
                    None => {
                        let mut set: HashSet<_> = seen.drain(..).collect();
                        set.insert(key.clone());
                        many = Some(set);
                        false
                    }
                };
                if repeated {
                    return Err(serde::de::Error::custom(Repeated(key.into_owned())));
                }
                // Only a string is read as a secret (`visit_str`).
                let secret = secret_if_string(&key, self.in_token);
                map.next_value_seed(Walk {
                    in_token: key == "token",
                    secret,
                    secrets: &mut *self.secrets,
                })?;
            }
            Ok(())
        }
    }
    /// An object's key, borrowed from the body when it has no escapes.
    struct Key;
    impl<'de> DeserializeSeed<'de> for Key {
        type Value = std::borrow::Cow<'de, str>;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(self)
        }
    }
    impl<'de> Visitor<'de> for Key {
        type Value = std::borrow::Cow<'de, str>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a key")
        }
        fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(std::borrow::Cow::Borrowed(v))
        }
        fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
            Ok(std::borrow::Cow::Owned(v.to_owned()))
        }
        fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
            Ok(std::borrow::Cow::Owned(v))
        }
    }
    struct Repeated(String);
    impl std::fmt::Display for Repeated {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "\u{0}{}", self.0)
        }
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let walk = Walk {
        in_token: false,
        secret: false,
        secrets,
    };
    match walk.deserialize(&mut de) {
        Ok(()) => None,
        Err(e) => {
            let text = e.to_string();
            let key = text.strip_prefix('\u{0}')?;
            // serde_json appends " at line L column C".
            let key = key.rsplit_once(" at line ").map_or(key, |(k, _)| k);
            Some(key.to_owned())
        }
    }
}

/// A body for a log line or an error: JSON is redacted; anything else is cut to `max`
/// characters, and replaced entirely if it might carry a secret (an unparsable body that
/// mentions one of the secret keys). Only a bounded prefix of a large body is looked at.
pub fn body(bytes: &[u8], max: usize) -> String {
    if bytes.is_empty() {
        return String::new();
    }
    if bytes.len() <= PARSE_LIMIT {
        if let Ok(v) = serde_json::from_slice::<serde_json::Value>(bytes) {
            return cut(&json(&v).to_string(), max);
        }
    }
    let head = &bytes[..bytes.len().min(max * 4 + 64)];
    let text = String::from_utf8_lossy(head);
    if may_hold_secret(&text) {
        return format!("<{} bytes, not shown: may contain a secret>", bytes.len());
    }
    cut(&text, max)
}

/// An excerpt of a body for an error (`details`, `InvalidResponse::excerpt`): [`body`], and
/// then every credential-looking run (16 or more characters of `A-Z a-z 0-9 + / = _ -` with a
/// digit, such as a token id or an EC2 secret) masked too, because a body that failed to decode
/// may carry secrets under keys that are not the expected ones.
pub fn error_excerpt(bytes: &[u8], max: usize) -> String {
    // Masked in a wider window, then cut: a credential across the cut is masked whole.
    cut(&mask_credentials(&body(bytes, max + 64)), max)
}

/// `text` with every credential-looking run replaced by [`REDACTED`].
pub fn mask_credentials(text: &str) -> String {
    let credential = |c: char| c.is_ascii_alphanumeric() || "+/=_-".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 16 && run.chars().any(|c| c.is_ascii_digit()) {
            out.push_str(REDACTED);
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if credential(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// Whether a text that could not be parsed may carry a secret: it mentions one of the secret
/// keys (a broken JSON token answer, a form with a password, ...).
pub fn may_hold_secret(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "password",
        "secret",
        "\"token\"",
        "auth_token",
        "signed",
        "x-auth-token",
    ]
    .iter()
    .any(|k| lower.contains(k))
}

/// The first `max` bytes of `s`, cut at a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn cut(s: &str, max: usize) -> String {
    let mut chars = s.char_indices();
    match chars.nth(max) {
        None => s.to_owned(),
        Some((i, _)) => {
            let mut out = s[..i].to_owned();
            out.push('…');
            out
        }
    }
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
                       "user": {"password": null, "original_password": "o", "id": "uid",
                                "RAX-AUTH:phonePin": "pin"},
                       "vendor": {"RAX-KSKEY:apiKeyCredentials": {"apiKey": "ak"},
                                  "apiAccessKeyCredentials": {"secretKey": "sk"},
                                  "RAX-AUTH:passcodeCredentials": {"passcode": "pc"}}});
        let text = json(&v).to_string();
        for secret in [
            "\"pw\"", "\"tok\"", "\"tok2\"", "\"s\"", "\"o\"", "\"pin\"", "\"ak\"", "\"sk\"",
            "\"pc\"",
        ] {
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
    fn every_segment_after_a_tokens_segment_is_a_secret_whatever_the_shape_of_the_path() {
        let cases: &[(&str, &[&str])] = &[
            ("/v2.0/tokens/abc", &["abc"]),
            ("/v2.0/tokens/abc/", &["abc"]),
            ("/v2.0/tokens/abc/endpoints", &["abc"]),
            ("/v2.0/tokens", &[]),
            ("/v2.0/tokens/", &[]),
            ("/v2.0/tokens//x", &[]),
            ("/v2.0/tokens/revoked", &[]),
            ("/v2.0/tokens/revokedx", &["revokedx"]),
            ("/v2.0/tokens/tokens/x", &["tokens", "x"]),
            ("/a/tokens/one/b/tokens/two", &["one", "two"]),
            ("/v2.0/mytokens/abc", &[]),
            ("/v2.0/tokensx/abc", &[]),
            ("/v2.0/tokens/a%2Fb%zz", &["a/b%zz"]),
            ("/v2.0/tokens/\u{e9}t\u{e9}", &["\u{e9}t\u{e9}"]),
        ];
        for (path, want) in cases {
            assert_eq!(path_secrets(path), want.to_vec(), "{path}");
        }
    }

    #[test]
    fn repeated_attributes_are_found_at_any_depth() {
        let found = |b: &[u8]| repeated_attribute(b);
        assert_eq!(
            found(br#"{"tenant": {"name": "a", "name": "b"}}"#).as_deref(),
            Some("name")
        );
        assert_eq!(
            found(br#"[{"a": 1}, {"a": 2, "b": {"c": 1, "c": 2}}]"#).as_deref(),
            Some("c")
        );
        assert_eq!(
            found(br#"{"tenant": {"name": "a", "extra": {"name": 1}}}"#),
            None
        );
        assert_eq!(found(b"not json"), None);
    }

    #[test]
    fn repeated_attributes_are_found_in_large_objects_and_in_escaped_spellings() {
        let keys = |n: usize| (0..n).map(|i| format!("\"k{i}\": {i}")).collect::<Vec<_>>();
        // Past the keys compared one by one, and on both sides of that switch.
        for n in [15, 16, 17, 40] {
            let mut all = keys(n);
            assert_eq!(
                repeated_attribute(format!("{{{}}}", all.join(",")).as_bytes()),
                None
            );
            all.push("\"k3\": 0".into());
            assert_eq!(
                repeated_attribute(format!("{{{}}}", all.join(",")).as_bytes()).as_deref(),
                Some("k3"),
                "{n} keys"
            );
        }
        // `\u006e` is `n`: the same attribute, however it is spelled.
        assert_eq!(
            repeated_attribute(br#"{"name": "a", "\u006eame": "b"}"#).as_deref(),
            Some("name")
        );
    }

    #[test]
    fn secrets_are_found_in_request_bodies_and_scrubbed_in_their_echoed_forms() {
        let body = br#"{"auth": {"passwordCredentials": {"username": "u", "password": "it's \"x\""}, "token": {"id": "tok1234"}}, "credentials": {"token": "s3-string-to-sign"}}"#;
        let secrets = body_secrets(body);
        assert_eq!(secrets, ["it's \"x\"", "tok1234", "s3-string-to-sign"]);
        let echoed = r#"bad u'it\'s "x"' or "it's \"x\"" or it%27s%20%22x%22, tok1234"#;
        assert_eq!(text(echoed, &secrets), "bad u'***' or \"***\" or ***, ***");
    }

    #[test]
    fn the_one_walk_of_a_request_body_finds_every_secret_a_parse_of_it_finds() {
        let bodies: &[&[u8]] = &[
            br#"{"auth": {"passwordCredentials": {"username": "u", "password": "it's \"x\""}, "token": {"id": "tok1234"}}, "credentials": {"token": "s3-string-to-sign"}}"#,
            br#"{"user": {"name": "n", "PassWord": "upper", "OS-KSADM:password": "ks", "extra": {"secret": "s", "token_id": "t"}}}"#,
            br#"{"credentials": {"access": "a", "secret": "ec2-secret", "signature": "sig", "token": {"id": ["not", "a string"]}}}"#,
            br#"{"token": "a-token-string", "tokens": [{"token": {"id": "in-array"}}, {"id": "not-in-token"}]}"#,
            br#"{"password": ["one", "two"], "original_password": "old", "x-auth-token": "hdr", "signed": "cms", "auth_token": "at"}"#,
            br#"{"\u0070assword": "escaped-key", "token": {"\u0069d": "escaped-id"}, "a": {"token": {"id": "deep"}}}"#,
            br#"{"tenant": {"name": "t", "description": "no secret", "enabled": true, "id": null, "password": null}}"#,
            br#"[{"password": "in-a-top-array"}, "password", 1, null, true]"#,
        ];
        for body in bodies {
            let mut walked = Vec::new();
            assert_eq!(walk_body(body, &mut walked), None);
            let mut parsed = body_secrets(body);
            walked.sort();
            parsed.sort();
            parsed.dedup();
            assert_eq!(walked, parsed, "{}", String::from_utf8_lossy(body));
        }
        // A walk that stops at a repeated attribute answers it, whatever it found before.
        let mut found = Vec::new();
        let repeated = walk_body(
            br#"{"password": "p", "name": "a", "name": "b"}"#,
            &mut found,
        );
        assert_eq!(repeated.as_deref(), Some("name"));
        assert_eq!(found, ["p"]);
    }

    #[test]
    fn excerpts_and_bodies_do_work_bounded_by_the_excerpt() {
        // Only a window of the excerpt's size (plus the longest secret's) is looked at: a secret
        // past it is not searched for, a secret inside it is.
        let huge = format!("{}{}", "a".repeat(50 << 20), "tail-secret");
        assert_eq!(excerpt(&huge, &["tail-secret".into()], 10), "aaaaaaaaaa…");
        assert_eq!(
            excerpt("x tail-secret y", &["tail-secret".into()], 10),
            "x *** y"
        );
        assert_eq!(body(huge.as_bytes(), 10).chars().count(), 11);
        assert_eq!(url("http://admin:pw@h:5000/v2.0"), "http://***@h:5000/v2.0");
        assert_eq!(
            userinfo_secrets("http://admin:p%40ss@h/v2.0"),
            ["p@ss", "p%40ss"]
        );
    }

    #[test]
    fn error_excerpts_mask_credentials_under_unexpected_keys() {
        let flipped =
            br#"{"credential": {"access": "ak", "secreO": "0f1e2d3c4b5a69788796a5b4c3d2e1f0"}}"#;
        let text = error_excerpt(flipped, 200);
        assert!(!text.contains("0f1e2d3c4b5a6978"), "{text}");
        assert!(text.contains("\"ak\""), "{text}");
        assert_eq!(
            mask_credentials("token abcdef0123456789abcdef, a-long-word-without-digits"),
            "token ***, a-long-word-without-digits"
        );
    }

    #[test]
    fn non_json_bodies_are_cut_or_hidden() {
        assert_eq!(body(b"<html>bad gateway</html>", 10), "<html>bad …");
        assert!(body(b"password=hunter2", 100).contains("not shown"));
    }
}
