//! The glue the generated code calls: `pre` and `exec` for each request, the status, the
//! decoding of an answer, optional query parameters, and `finish` for the outcome.

use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};

use super::call::{in_call, note_string};
use super::convert::{convert_error, ErrorBody};
use super::route::check_route;
use super::send::{execute, read_body, Scan};
use super::{Hooks, ReadyOrBoxed};
use crate::generated::Client as Raw;
use crate::redact;

impl ClientHooks<Hooks> for Raw {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> Result<(), progenitor_client::Error<E>> {
        // progenitor adds `api-version: <info.version>`; Keystone has no use for it (the
        // generated methods no longer add it: `build.rs` takes it out).
        request.headers_mut().remove("api-version");
        match crate::operations::find(info.operation_id) {
            Some(op) => pre_checks(self, request, op.id, Some(op)),
            None => pre_checks(self, request, info.operation_id, None),
        }
    }

    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let path = crate::operations::find(info.operation_id)
            .is_none_or(|op| !op.secret_params.is_empty());
        execute(
            self.client(),
            self.inner(),
            request,
            info.operation_id,
            Scan {
                path,
                body: true,
                headers: true,
            },
        )
        .await
    }
}

/// What runs before every request of the generated methods (`build.rs` makes them call it
/// with their operation, so no lookup by name happens): the route guard, the check for a
/// repeated attribute in the body, and the token header.
// The error is progenitor's, the one the generated methods return.
#[allow(clippy::result_large_err)]
///
/// It takes the request and gives it back: a request the method only lends would stay in the
/// method's future, a few hundred bytes, until the answer is decoded.
pub(crate) fn pre<E>(
    raw: &Raw,
    mut request: reqwest::Request,
    op: &'static crate::operations::Operation,
) -> Result<reqwest::Request, progenitor_client::Error<E>> {
    pre_checks(raw, &mut request, op.id, Some(op))?;
    Ok(request)
}

#[allow(clippy::result_large_err)]
pub(super) fn pre_checks<E>(
    raw: &Raw,
    request: &mut reqwest::Request,
    id: &str,
    op: Option<&crate::operations::Operation>,
) -> Result<(), progenitor_client::Error<E>> {
    // An operation the spec does not have (only through progenitor's own hook) is not routed
    // against a template, and is sent with the token.
    let authenticated = op.is_none_or(|op| op.authenticated);
    if let Some(crate::operations::Operation {
        path: template,
        secret_params,
        ..
    }) = op
    {
        // The secret arguments (token ids), for scrubbing whatever the server echoes: taken
        // from the route guard's walk, so the engine need not search the path again.
        let noted = |name: &str, segment: &str| {
            if secret_params.contains(&name) {
                note_string(redact::segment_secret(segment));
            }
        };
        check_route(raw.baseurl(), request.url().path(), template, noted)
            .map_err(|why| progenitor_client::Error::InvalidRequest(format!("{id}: {why}")))?;
    }
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
    if authenticated {
        raw.inner()
            .insert_token(request.headers_mut())
            .map_err(|why| progenitor_client::Error::InvalidRequest(format!("{id}: {why}")))?;
    }
    Ok(())
}

/// Sends a generated method's request through the engine (`build.rs` makes every generated
/// method call it instead of the `exec` hook, with its operation).
///
/// The engine's future is boxed: one allocation, where its kilobytes would otherwise be
/// copied at every level of the call's futures (the generated method, the manager's call,
/// the call's scope and deadline, ...).
pub(crate) fn exec<'a>(
    raw: &'a Raw,
    request: reqwest::Request,
    op: &'static crate::operations::Operation,
) -> std::pin::Pin<
    Box<dyn std::future::Future<Output = reqwest::Result<reqwest::Response>> + Send + 'a>,
> {
    // Only an operation with a secret path parameter (a token id) can carry a secret in its
    // path. Within a call, `pre` has noted the path's and the body's secrets: they are
    // searched for again only for a request sent outside any call (the generated client on
    // its own), whose noting `pre` could not keep. A generated request's headers are not
    // searched: `build.rs` refuses header parameters, so it carries only `Accept`,
    // `Content-Type` and the token header (noted as it is sent).
    let unnoted = !in_call();
    Box::pin(execute(
        raw.client(),
        raw.inner(),
        request,
        op.id,
        Scan {
            path: !op.secret_params.is_empty() && unnoted,
            body: unnoted,
            headers: false,
        },
    ))
}

/// progenitor's optional query parameters, added to the URL only when given (reqwest
/// rewrites the URL's query for every `query` call, even one that adds nothing).
pub(crate) trait OptionalQuery {
    /// Adds `name=value` when `value` is `Some`, as progenitor's `QueryParam` writes it.
    fn optional_query<T: serde::Serialize>(self, param: (&str, &Option<T>)) -> Self;
}

impl OptionalQuery for reqwest::RequestBuilder {
    // Inlined: the builder is moved in and out of each call, a copy of its few hundred
    // bytes where the parameter is absent (the common case) and nothing is added.
    #[inline(always)]
    fn optional_query<T: serde::Serialize>(self, (name, value): (&str, &Option<T>)) -> Self {
        match value {
            Some(_) => self.query(&progenitor_client::QueryParam::new(name, value)),
            None => self,
        }
    }
}

/// A response's status as a number, and the response: taken and given back, so that the
/// generated method's response is never borrowed (a borrowed local stays in the method's
/// future, a hundred bytes and more, until the method ends).
pub(crate) fn status(response: reqwest::Response) -> (u16, reqwest::Response) {
    (response.status().as_u16(), response)
}

/// progenitor's `ResponseValue::from_response` without its copy of the headers: they are
/// moved out of the response, whose body is then read and decoded.
///
/// Not an `async fn` (which would keep the response twice in its future), and the body is read
/// chunk by chunk rather than with `Response::bytes`, whose future is several times the size of
/// the response: this future is a few hundred bytes. A body in one chunk (the usual case) is
/// not copied.
pub(crate) fn from_response<T: serde::de::DeserializeOwned, E>(
    mut response: reqwest::Response,
) -> impl std::future::Future<
    Output = Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<E>>,
> {
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    async move {
        let full = read_body(response.bytes_stream())
            .await
            .map_err(progenitor_client::Error::ResponseBodyError)?;
        // Matched rather than mapped and `?`-ed: the decoded body is moved once, into the
        // answer, not through two intermediate results.
        match serde_json::from_slice(&full) {
            Ok(inner) => Ok(progenitor_client::ResponseValue::new(
                inner, status, headers,
            )),
            Err(e) => Err(progenitor_client::Error::InvalidResponsePayload(full, e)),
        }
    }
}

/// progenitor's `ResponseValue::empty` (an answer without a body, such as a `204`) without its
/// copy of the headers: they are moved out of the response, which is dropped.
pub(crate) fn empty(mut response: reqwest::Response) -> progenitor_client::ResponseValue<()> {
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    progenitor_client::ResponseValue::new((), status, headers)
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

/// [`finish`] for a manager's call, whose answer goes up several levels of futures: a success
/// is moved once, into a box, instead of at every level.
pub(crate) fn finish_boxed<T: Send + 'static, E: ErrorBody + Send + 'static>(
    op: &'static str,
    result: std::result::Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<E>>,
) -> ReadyOrBoxed<'static, crate::Result<Box<T>>> {
    use futures::future::Either;
    match result {
        Ok(v) => Either::Left(std::future::ready(Ok(Box::new(v.into_inner())))),
        Err(e) => Either::Right(Box::pin(async move { Err(convert_error(op, e).await) })),
    }
}
