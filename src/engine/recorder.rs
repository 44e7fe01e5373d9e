//! The exchange recorder: every exchange of a client, raw bodies included, for tests and
//! conformance checks.

use std::sync::Mutex;

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

    pub(super) fn push(&self, exchange: Exchange) {
        self.exchanges
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(exchange);
    }
}
