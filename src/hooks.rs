//! The single place where cross-cutting behaviour meets the generated client.

use std::sync::{Arc, Mutex};

use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};

use crate::generated::Client as Raw;
use crate::Secret;

/// One HTTP exchange seen by a [`Recorder`].
#[derive(Clone)]
pub struct Exchange {
    /// The operationId.
    pub operation: &'static str,
    /// The HTTP method.
    pub method: reqwest::Method,
    /// The status of the response.
    pub status: reqwest::StatusCode,
    /// The raw response body.
    pub body: bytes::Bytes,
}

impl std::fmt::Debug for Exchange {
    // The body may hold tokens or secrets: show its size only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exchange")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("status", &self.status)
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Keeps every exchange of the clients it is attached to, raw bodies included, for tests and
/// for conformance checks. Its `Debug` output shows no body.
#[derive(Debug, Default)]
pub struct Recorder {
    exchanges: Mutex<Vec<Exchange>>,
}

impl Recorder {
    /// A new, empty recorder.
    ///
    /// ```
    /// let recorder = std::sync::Arc::new(keystone_v2::hooks::Recorder::new());
    /// assert!(recorder.exchanges().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of the exchanges so far, oldest first.
    ///
    /// ```
    /// let recorder = keystone_v2::hooks::Recorder::new();
    /// assert_eq!(recorder.exchanges().len(), 0);
    /// ```
    pub fn exchanges(&self) -> Vec<Exchange> {
        self.exchanges
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The latest exchange, if any.
    ///
    /// ```
    /// let recorder = keystone_v2::hooks::Recorder::new();
    /// assert!(recorder.last().is_none());
    /// ```
    pub fn last(&self) -> Option<Exchange> {
        self.exchanges
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .last()
            .cloned()
    }

    fn push(&self, exchange: Exchange) {
        self.exchanges
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(exchange);
    }
}

/// The state the generated client carries (progenitor's "inner type").
#[derive(Clone, Default)]
pub struct Hooks {
    token: Option<Secret>,
    recorder: Option<Arc<Recorder>>,
}

impl std::fmt::Debug for Hooks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hooks")
            .field("token", &self.token)
            .field("recorder", &self.recorder.is_some())
            .finish()
    }
}

impl Hooks {
    /// No token: only unauthenticated operations succeed.
    ///
    /// ```
    /// let hooks = keystone_v2::hooks::Hooks::anonymous();
    /// # let _ = hooks;
    /// ```
    pub fn anonymous() -> Self {
        Self::default()
    }

    /// Sends this token (a token id or the server's admin token) with every authenticated
    /// operation.
    ///
    /// ```
    /// let hooks = keystone_v2::hooks::Hooks::with_token("ADMIN");
    /// # let _ = hooks;
    /// ```
    pub fn with_token(token: impl Into<Secret>) -> Self {
        Self {
            token: Some(token.into()),
            recorder: None,
        }
    }

    /// Records every exchange into `recorder`.
    ///
    /// ```
    /// let recorder = std::sync::Arc::new(keystone_v2::hooks::Recorder::new());
    /// let hooks = keystone_v2::hooks::Hooks::anonymous().record(recorder.clone());
    /// # let _ = hooks;
    /// ```
    pub fn record(mut self, recorder: Arc<Recorder>) -> Self {
        self.recorder = Some(recorder);
        self
    }
}

/// Reads a response's body and gives back an equivalent response, so the body can be both
/// inspected and returned to the generated code.
pub(crate) async fn buffer(
    response: reqwest::Response,
) -> reqwest::Result<(reqwest::Response, bytes::Bytes)> {
    let status = response.status();
    let version = response.version();
    let headers = response.headers().clone();
    let body = response.bytes().await?;
    let mut rebuilt = http::Response::new(body.clone());
    *rebuilt.status_mut() = status;
    *rebuilt.version_mut() = version;
    *rebuilt.headers_mut() = headers;
    Ok((reqwest::Response::from(rebuilt), body))
}

impl ClientHooks<Hooks> for Raw {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> Result<(), progenitor_client::Error<E>> {
        // progenitor adds `api-version: <info.version>`; Keystone has no use for it.
        request.headers_mut().remove("api-version");
        let authenticated = crate::operations::find(info.operation_id)
            .map(|o| o.authenticated)
            .unwrap_or(true);
        if let (true, Some(token)) = (authenticated, &self.inner().token) {
            let mut value =
                reqwest::header::HeaderValue::from_str(token.expose()).map_err(|_| {
                    progenitor_client::Error::InvalidRequest(
                        "the token is not a valid header value".into(),
                    )
                })?;
            value.set_sensitive(true);
            request.headers_mut().insert("x-auth-token", value);
        }
        Ok(())
    }

    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let method = request.method().clone();
        let response = self.client().execute(request).await?;
        match &self.inner().recorder {
            None => Ok(response),
            Some(recorder) => {
                let status = response.status();
                let (response, body) = buffer(response).await?;
                recorder.push(Exchange {
                    operation: info.operation_id,
                    method,
                    status,
                    body,
                });
                Ok(response)
            }
        }
    }
}
