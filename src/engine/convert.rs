//! The conversion of the generated client's errors into this crate's [`Error`].

use std::sync::atomic::Ordering;

use super::call::{call_secrets, take_error, with_call};
use super::error_info::{ErrorInfo, EXCERPT, MESSAGE};
use super::policy::{request_id, retry_after};
use crate::{redact, Error, HttpError};

/// Error bodies the spec declares: Keystone's `{"error": ...}`, or none (HEAD).
pub trait ErrorBody {
    /// Keystone's message and title, if the body had them.
    fn message_and_title(&self) -> (Option<String>, Option<String>);
}

impl ErrorBody for () {
    fn message_and_title(&self) -> (Option<String>, Option<String>) {
        (None, None)
    }
}

/// The error of an error status: what the engine found in the body (kept in the call's
/// context), or else what the generated client parsed.
pub(crate) fn http_error(
    status: reqwest::StatusCode,
    headers: &reqwest::header::HeaderMap,
    parsed: (Option<String>, Option<String>),
) -> Error {
    let info = take_error(status).unwrap_or_else(|| ErrorInfo {
        message: parsed.0,
        title: parsed.1,
        ..ErrorInfo::default()
    });
    Error::Http(Box::new(HttpError {
        status,
        message: info.message,
        title: info.title,
        request_id: request_id(headers),
        method: info.method,
        url: info.url,
        details: info.details,
        retry_after: retry_after(headers),
    }))
}

/// Converts a generated call's error, reading the body of undeclared responses.
pub(crate) async fn convert_error<E: ErrorBody>(
    op: &'static str,
    e: progenitor_client::Error<E>,
) -> Error {
    use progenitor_client::Error as P;
    let secrets = call_secrets();
    match e {
        P::ErrorResponse(rv) => {
            let parsed = rv.message_and_title();
            http_error(rv.status(), rv.headers(), parsed)
        }
        P::UnexpectedResponse(mut response) => {
            let status = response.status();
            if status.is_client_error() || status.is_server_error() {
                return http_error(status, response.headers(), (None, None));
            }
            // A status the spec does not declare: keep the start of the body only.
            let mut body = Vec::new();
            while body.len() < 4096 {
                match response.chunk().await {
                    Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                    Ok(None) => break,
                    Err(e) => return Error::transport(e),
                }
            }
            let mut more = redact::body_secrets(&body);
            more.extend(secrets);
            Error::InvalidResponse {
                operation: op.to_owned(),
                status: status.as_u16(),
                message: "a status the spec does not declare for this operation".into(),
                excerpt: redact::excerpt(&redact::error_excerpt(&body, EXCERPT), &more, EXCERPT),
            }
        }
        P::InvalidResponsePayload(body, err) => {
            let mut more = redact::body_secrets(&body);
            more.extend(secrets);
            Error::InvalidResponse {
                operation: op.to_owned(),
                status: with_call(|c| c.status.load(Ordering::Relaxed)).unwrap_or(0),
                message: redact::excerpt(
                    &format!("the body does not match the spec: {err}"),
                    &more,
                    MESSAGE,
                ),
                excerpt: redact::excerpt(&redact::error_excerpt(&body, EXCERPT), &more, EXCERPT),
            }
        }
        P::CommunicationError(e) | P::ResponseBodyError(e) | P::InvalidUpgrade(e) => {
            Error::transport(e)
        }
        P::InvalidRequest(s) | P::Custom(s) => Error::InvalidRequest(redact::text(&s, &secrets)),
    }
}
