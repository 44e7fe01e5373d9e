//! What an error body said, whatever its form (Keystone's, the older faults, text, HTML,
//! nothing): understood, scrubbed and cut.

use crate::redact;

/// Excerpts in errors are cut to this many characters.
pub(super) const EXCERPT: usize = 200;
/// Messages in errors are cut to this many characters.
pub(super) const MESSAGE: usize = 1024;

/// What an error body said, whatever its form, scrubbed and cut.
#[derive(Debug, Default, PartialEq)]
pub(super) struct ErrorInfo {
    pub(super) message: Option<String>,
    pub(super) title: Option<String>,
    pub(super) details: Option<String>,
    /// The request's method.
    pub(super) method: String,
    /// The request's URL, redacted.
    pub(super) url: String,
}

impl ErrorInfo {
    pub(super) fn parse(
        status: reqwest::StatusCode,
        body: &[u8],
        complete: bool,
        secrets: &[String],
    ) -> ErrorInfo {
        // Scrubbed, cut, and safe to print: a control character (an escape sequence's ESC, a
        // carriage return, ...) becomes a space, except the line breaks and tabs of a message
        // (Keystone's validation messages span lines), which stay as the server sent them.
        let scrub = |s: &str, max: usize, lines: bool| {
            let s: String = redact::excerpt(s.trim(), secrets, max)
                .replace("\r\n", "\n")
                .chars()
                .map(|c| match c {
                    '\n' | '\t' if lines => c,
                    c if c.is_control() => ' ',
                    c => c,
                })
                .collect();
            Some(s).filter(|s| !s.is_empty())
        };
        let clean = |s: &str, max: usize| scrub(s, max, false);
        let str_of = |v: Option<&serde_json::Value>| v.and_then(|v| v.as_str()).map(str::to_owned);
        let mut info = ErrorInfo::default();
        let json = if complete {
            serde_json::from_slice::<serde_json::Value>(body).ok()
        } else {
            None
        };
        match json {
            Some(v) => {
                let (message, title, details) = match v.get("error") {
                    Some(serde_json::Value::String(s)) => (Some(s.clone()), None, None),
                    Some(e) => (
                        str_of(e.get("message")),
                        str_of(e.get("title")),
                        str_of(e.get("details")),
                    ),
                    None => match v.as_object().and_then(|m| m.iter().next()) {
                        // The older fault form: {"itemNotFound": {"message", "code", "details"}}.
                        Some((fault, inner))
                            if inner.get("message").is_some_and(|m| m.is_string()) =>
                        {
                            (
                                str_of(inner.get("message")),
                                Some(fault.clone()),
                                str_of(inner.get("details")),
                            )
                        }
                        _ => (str_of(v.get("message")), None, None),
                    },
                };
                info.message = message.and_then(|m| scrub(&m, MESSAGE, true));
                info.title = title.and_then(|t| clean(&t, 128));
                info.details = details.and_then(|d| clean(&d, EXCERPT));
                if info.message.is_none() {
                    info.details = clean(&redact::error_excerpt(body, EXCERPT), EXCERPT);
                }
            }
            None if body.is_empty() => {}
            None => {
                let head = String::from_utf8_lossy(&body[..body.len().min(8 * 1024)]);
                let lower = head.to_ascii_lowercase();
                let message = if lower.contains("<html")
                    || lower.contains("<!doctype")
                    || lower.trim_start().starts_with('<')
                {
                    html_text(&head, &lower, "title").or_else(|| html_text(&head, &lower, "h1"))
                } else {
                    head.lines()
                        .map(str::trim)
                        .find(|l| !l.is_empty())
                        .map(str::to_owned)
                };
                // Broken JSON, or text naming a secret key, may hold secrets the request did
                // not carry (a token the server issued): no message from it then.
                let json_like = lower.trim_start().starts_with(['{', '[']);
                info.message = message
                    .filter(|m| !json_like && !redact::may_hold_secret(m))
                    .and_then(|m| clean(&m, MESSAGE));
                info.details = clean(&redact::error_excerpt(body, EXCERPT), EXCERPT);
                if !complete {
                    let note = format!("(body cut after {} bytes)", body.len());
                    info.details = Some(match info.details.take() {
                        Some(d) => format!("{d} {note}"),
                        None => note,
                    });
                }
            }
        }
        if info.message.as_deref() == status.canonical_reason() {
            // A page that only repeats the reason phrase adds nothing.
            info.title = info.title.or(info.message.take());
        }
        info
    }
}

/// The text inside the first `<tag>` of an HTML page, tags stripped and spaces collapsed.
pub(super) fn html_text(head: &str, lower: &str, tag: &str) -> Option<String> {
    let open = lower.find(&format!("<{tag}"))?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start
        + lower[start..]
            .find(&format!("</{tag}"))
            .unwrap_or(lower.len() - start);
    let inner = head.get(start..end)?;
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(text).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_of_every_form_give_their_message() {
        let s = reqwest::StatusCode::NOT_FOUND;
        let secrets = ["hunter2-secret".to_owned()];
        let parse = |b: &str| ErrorInfo::parse(s, b.as_bytes(), true, &secrets);
        let keystone = parse(r#"{"error": {"message": "m", "title": "t", "code": 404}}"#);
        assert_eq!(
            (keystone.message.as_deref(), keystone.title.as_deref()),
            (Some("m"), Some("t"))
        );
        let fault = parse(r#"{"itemNotFound": {"message": "gone", "details": "d"}}"#);
        assert_eq!(fault.details.as_deref(), Some("d"));
        assert_eq!(
            parse("<html><title>Oops</title></html>").message.as_deref(),
            Some("Oops")
        );
        assert_eq!(parse("Not Found").title.as_deref(), Some("Not Found"));
        assert_eq!(parse("").message, None);
        let echoed = parse(r#"{"error": {"message": "bad password hunter2-secret"}}"#);
        assert_eq!(echoed.message.as_deref(), Some("bad password ***"));
        let long = "x".repeat(100_000);
        assert!(parse(&long).message.unwrap().chars().count() <= MESSAGE + 1);
        let cut = ErrorInfo::parse(s, b"{\"error\": {\"mess", false, &[]);
        assert!(cut.details.unwrap().contains("cut after"));
    }

    #[test]
    fn a_message_keeps_its_lines_and_loses_every_other_control_character() {
        let s = reqwest::StatusCode::BAD_REQUEST;
        let parse = |b: &str| ErrorInfo::parse(s, b.as_bytes(), true, &["pw-hunter2".to_owned()]);
        let lines = parse(
            r#"{"error": {"message": "Invalid input:\r\n\tNone\n\nOn instance['name']:\n    None pw-hunter2", "title": "Bad\nRequest"}}"#,
        );
        assert_eq!(
            lines.message.as_deref(),
            Some("Invalid input:\n\tNone\n\nOn instance['name']:\n    None ***")
        );
        assert_eq!(lines.title.as_deref(), Some("Bad Request"));
        let escapes = parse(
            r#"{"error": {"message": "a\u001b[2J\u001b]0;title\u0007b\rc\u0000d\u007fe\u009bf"}}"#,
        );
        let message = escapes.message.unwrap();
        assert_eq!(message, "a [2J ]0;title b c d e f");
        assert!(!message.chars().any(|c| c.is_control()));
        // A plain-text body gives its first line only, as before.
        assert_eq!(parse("first\nsecond").message.as_deref(), Some("first"));
    }
}
