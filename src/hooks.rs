//! The single place where cross-cutting behaviour meets the generated client.

use std::sync::Arc;

use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};

use crate::generated::Client as Raw;
use crate::Secret;

/// Called after each exchange with the operationId and the status (or `None` when no response
/// arrived).
pub type Observer = Arc<dyn Fn(&'static str, Option<reqwest::StatusCode>) + Send + Sync>;

/// The state the generated client carries (progenitor's "inner type").
#[derive(Clone, Default)]
pub struct Hooks {
    token: Option<Secret>,
    observer: Option<Observer>,
}

impl std::fmt::Debug for Hooks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hooks")
            .field("token", &self.token)
            .field("observer", &self.observer.is_some())
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
        Self { token: Some(token.into()), observer: None }
    }

    /// Calls `observer` after every exchange.
    ///
    /// ```
    /// let hooks = keystone_v2::hooks::Hooks::anonymous()
    ///     .observe(std::sync::Arc::new(|op, status| println!("{op}: {status:?}")));
    /// # let _ = hooks;
    /// ```
    pub fn observe(mut self, observer: Observer) -> Self {
        self.observer = Some(observer);
        self
    }
}

impl ClientHooks<Hooks> for Raw {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> Result<(), progenitor_client::Error<E>> {
        // progenitor adds `api-version: <info.version>`; Keystone has no use for it.
        request.headers_mut().remove("api-version");
        let authenticated = crate::operations::find(info.operation_id).map(|o| o.authenticated).unwrap_or(true);
        if let (true, Some(token)) = (authenticated, &self.inner().token) {
            let mut value = reqwest::header::HeaderValue::from_str(token.expose())
                .map_err(|_| progenitor_client::Error::InvalidRequest("the token is not a valid header value".into()))?;
            value.set_sensitive(true);
            request.headers_mut().insert("x-auth-token", value);
        }
        Ok(())
    }

    async fn exec(&self, request: reqwest::Request, info: &OperationInfo) -> reqwest::Result<reqwest::Response> {
        let result = self.client().execute(request).await;
        if let Some(observer) = &self.inner().observer {
            observer(info.operation_id, result.as_ref().ok().map(|r| r.status()));
        }
        result
    }
}
