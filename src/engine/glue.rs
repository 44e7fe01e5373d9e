//! The glue the generated code calls: progenitor's `pre` and `exec` hooks for each request,
//! and `finish` for a call's outcome.

use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};

use super::call::{in_call, note_string, Scan};
use super::convert::{convert_error, ErrorBody};
use super::hooks::Hooks;
use super::route::check_route;
use super::send::{execute, ReadyOrBoxed};
use crate::generated::Client as Raw;
use crate::{redact, types};

/// What every generated method calls (progenitor's hooks, `with_hooks(Expected)` in
/// `build.rs`): `pre` before its request is sent, `exec` to send it. `post` is progenitor's
/// no-op.
impl ClientHooks<Hooks> for Raw {
    /// The route guard, the check for a repeated attribute in the body, and the token header.
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> Result<(), progenitor_client::Error<E>> {
        // progenitor's `api-version` header, which Keystone has no use for, is not built:
        // `build.rs` takes its header map out of the generated methods (measured cheaper than
        // removing the header here).
        pre_checks(self, request, info.operation_id)
    }

    /// Sends the request through the engine.
    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        // Within a call, `pre` has noted the path's and the body's secrets: they are searched
        // for again only for a request sent outside any call (the generated client on its
        // own, or a request handed to this hook directly), whose noting `pre` could not keep.
        // Only an operation with a secret path parameter (a token id) can carry a secret in
        // its path. Within a call, the headers are not searched: `build.rs` refuses header
        // parameters, so a generated request carries only `Accept`, `Content-Type` and the
        // token header (noted as it is sent).
        let unnoted = !in_call();
        let secret_path = crate::operations::find(info.operation_id)
            .is_none_or(|op| !op.secret_params.is_empty());
        // Boxed: one allocation, where the engine's kilobytes would otherwise be copied at
        // every level of the call's futures (the generated method, the manager's call, the
        // call's scope and deadline, ...).
        Box::pin(execute(
            self.client(),
            self.inner(),
            request,
            info.operation_id,
            Scan {
                path: secret_path && unnoted,
                body: unnoted,
                headers: unnoted,
            },
        ))
        .await
    }
}

tokio::task_local! {
    /// The `X-SessionId` header of a multi-factor login's second step (Rackspace), sent with
    /// the `tokens_authenticate` request made within [`with_session_id`].
    static SESSION_ID: reqwest::header::HeaderValue;
}

const X_SESSION_ID: reqwest::header::HeaderName =
    reqwest::header::HeaderName::from_static("x-sessionid");

/// `fut` with its `tokens_authenticate` request carrying `X-SessionId: <session_id>` (marked
/// sensitive, and scrubbed from whatever the server echoes). The spec cannot declare the
/// header: `build.rs` refuses header parameters. `Err` when the id is not a header value.
pub(crate) async fn with_session_id<F: std::future::Future>(
    session_id: &crate::Secret,
    fut: F,
) -> Result<F::Output, String> {
    let mut value = reqwest::header::HeaderValue::from_str(session_id.expose())
        .map_err(|_| "the multi-factor session id is not a valid HTTP header value".to_owned())?;
    value.set_sensitive(true);
    Ok(SESSION_ID.scope(value, fut).await)
}

/// The checks of [`ClientHooks::pre`] for the operation `id`: an id the spec does not have
/// (only a caller of the hook itself can give one) is refused, with nothing sent.
// The error is progenitor's, the one the generated methods return.
#[allow(clippy::result_large_err)]
pub(super) fn pre_checks<E>(
    raw: &Raw,
    request: &mut reqwest::Request,
    id: &str,
) -> Result<(), progenitor_client::Error<E>> {
    let Some(crate::operations::Operation {
        path: template,
        secret_params,
        authenticated,
        ..
    }) = crate::operations::find(id)
    else {
        return Err(progenitor_client::Error::InvalidRequest(format!(
            "{id}: not an operation of the spec; nothing was sent"
        )));
    };
    // The secret arguments (token ids), for scrubbing whatever the server echoes: taken from
    // the route guard's walk, so the engine need not search the path again.
    let noted = |name: &str, segment: &str| {
        if secret_params.contains(&name) {
            note_string(redact::segment_secret(segment));
        }
    };
    check_route(raw.baseurl(), request.url().path(), template, noted)
        .map_err(|why| progenitor_client::Error::InvalidRequest(format!("{id}: {why}")))?;
    if let Some(body) = request.body().and_then(|b| b.as_bytes()) {
        // One walk for both: the repeated attribute, and the body's secrets, noted for the
        // call's scrubbing (so the engine need not keep a copy of the body to parse later).
        let mut secrets = Vec::new();
        let repeated = redact::walk_body(body, &mut secrets);
        for secret in secrets {
            note_string(secret);
        }
        if let Some(key) = repeated {
            return Err(progenitor_client::Error::InvalidRequest(format!(
                "{id}: the attribute {key:?} is given twice in one object of the body (an `extra` map may not repeat a typed attribute); nothing was sent"
            )));
        }
    }
    if id == "tokens_authenticate" {
        let _ = SESSION_ID.try_with(|value| {
            note_string(String::from_utf8_lossy(value.as_bytes()).into_owned());
            request.headers_mut().insert(X_SESSION_ID, value.clone());
        });
    }
    if *authenticated {
        raw.inner()
            .insert_token(request.headers_mut())
            .map_err(|why| progenitor_client::Error::InvalidRequest(format!("{id}: {why}")))?;
    }
    Ok(())
}

impl ErrorBody for types::ErrorResponse {
    fn message_and_title(&self) -> (Option<String>, Option<String>) {
        (
            Some(self.error.message.clone()).filter(|m| !m.is_empty()),
            Some(self.error.title.clone()).filter(|t| !t.is_empty()),
        )
    }
}

/// Turns a generated call's outcome into this crate's result.
///
/// Not an `async fn`: a success is ready at once, and only an error (whose body may still be
/// read) is a future, boxed, so that its state stays out of every call's future.
pub(crate) fn finish<T: Send + 'static, E: ErrorBody + Send + 'static>(
    op: &'static str,
    result: std::result::Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<E>>,
) -> ReadyOrBoxed<'static, crate::Result<T>> {
    use futures::future::Either;
    match result {
        Ok(v) => Either::Left(std::future::ready(Ok(v.into_inner()))),
        Err(e) => Either::Right(Box::pin(async move { Err(convert_error(op, e).await) })),
    }
}
