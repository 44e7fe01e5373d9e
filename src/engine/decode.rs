//! The decoding of a generated method's answer: `build.rs` makes the generated methods call
//! these instead of progenitor's `ResponseValue::from_response` and `ResponseValue::empty`,
//! which copy the response's headers (measured: about 1 % of a call's instructions).

use super::send::read_body;

/// progenitor's `ResponseValue::from_response` without its copy of the headers (`build.rs`
/// makes the generated methods call it instead): they are moved out of the response, whose
/// body is then read and decoded.
///
/// Not an `async fn` (which would keep the response twice in its future), and the body is read
/// chunk by chunk rather than with `Response::bytes`, whose future is several times the size of
/// the response: this future is a few hundred bytes. A body in one chunk (the usual case) is
/// not copied.
pub(crate) fn from_response<T: serde::de::DeserializeOwned, E>(
    response: reqwest::Response,
) -> impl std::future::Future<
    Output = Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<E>>,
> {
    let mut response = response;
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
/// copy of the headers (`build.rs` makes the generated methods call it instead): they are moved
/// out of the response, which is dropped.
pub(crate) fn empty(mut response: reqwest::Response) -> progenitor_client::ResponseValue<()> {
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    progenitor_client::ResponseValue::new((), status, headers)
}
