//! Error bodies of every form (Keystone's, the older faults, text, HTML, nothing): read,
//! understood ([`ErrorInfo`]), scrubbed, and replaced by Keystone's canonical error body; what
//! was found is kept in the call's context for the error's conversion.

use std::time::{Duration, Instant};

use super::call::{call_remaining, call_secrets, note_error};
use super::error_info::ErrorInfo;
use super::hooks::Hooks;
use super::limits::{rebuild, ERROR_BODY_LIMIT};
use super::log::{log_response, LOG_BODY};
use super::recorder::Exchange;
use crate::redact;

/// Reads an error response's body (up to [`ERROR_BODY_LIMIT`], within the call's deadline),
/// logs and records it, keeps what it said in the call's context, and gives back the response
/// with Keystone's canonical error body.
pub(super) async fn error_response(
    hooks: &Hooks,
    op: &'static str,
    method: &reqwest::Method,
    mut response: reqwest::Response,
    started: Option<Instant>,
) -> reqwest::Response {
    let secrets = &call_secrets();
    if tracing::enabled!(target: "keystone_v2::response", tracing::Level::DEBUG) {
        log_response(op, method, &response, started);
    }
    let status = response.status();
    let version = response.version();
    let response_url = response.url().clone();
    let url = redact::url(response_url.as_str());
    let mut headers = response.headers().clone();
    let limit =
        ERROR_BODY_LIMIT.min(usize::try_from(hooks.settings.max_body).unwrap_or(usize::MAX));
    let mut body = Vec::new();
    let mut complete = true;
    // Read at most `limit` bytes, and stop short of the call's deadline: the status is
    // what matters, so a body cut by the server, a slow body or the limit still gives an
    // error with this status and what was read.
    let read_by =
        tokio::time::Instant::now() + call_remaining().saturating_sub(Duration::from_millis(100));
    loop {
        match tokio::time::timeout_at(read_by, response.chunk()).await {
            Ok(Ok(Some(chunk))) => {
                let room = limit - body.len();
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
                if chunk.len() > room {
                    complete = false;
                    break;
                }
            }
            Ok(Ok(None)) => break,
            Ok(Err(_)) | Err(_) => {
                complete = false;
                break;
            }
        }
    }
    drop(response);
    let found = ErrorInfo::parse(status, &body, complete, secrets);
    tracing::debug!(target: "keystone_v2::response", operation = op, method = %method, url = %url, status = status.as_u16(),
        message = ?found.message.as_deref().unwrap_or(""), "error response");
    if hooks.settings.debug && tracing::enabled!(target: "keystone_v2::body", tracing::Level::DEBUG)
    {
        tracing::debug!(target: "keystone_v2::body", operation = op, direction = "response", status = status.as_u16(),
            body = %redact::text(&redact::body(&body, LOG_BODY), secrets), "error body");
    }
    if let Some(recorder) = &hooks.recorder {
        let scrubbed = match std::str::from_utf8(&body) {
            Ok(text) => bytes::Bytes::from(redact::text(text, secrets)),
            Err(_) => bytes::Bytes::from(body),
        };
        recorder.push(Exchange {
            operation: op,
            method: method.clone(),
            status,
            body: scrubbed,
        });
    }
    let canonical = serde_json::json!({"error": {
        "code": status.as_u16(),
        "title": found.title.clone().unwrap_or_else(|| status.canonical_reason().unwrap_or("").to_owned()),
        "message": found.message.clone().unwrap_or_default(),
    }})
    .to_string();
    for h in [
        reqwest::header::CONTENT_LENGTH,
        reqwest::header::CONTENT_ENCODING,
        reqwest::header::TRANSFER_ENCODING,
    ] {
        headers.remove(h);
    }
    headers.insert(
        reqwest::header::CONTENT_TYPE,
        reqwest::header::HeaderValue::from_static("application/json"),
    );
    // What was found goes to the call's conversion of the error (`http_error`), not into the
    // response: a user of the generated client sees the canonical body only.
    note_error(
        status,
        ErrorInfo {
            method: method.as_str().to_owned(),
            url,
            ..found
        },
    );
    rebuild(status, version, headers, response_url, canonical)
}
