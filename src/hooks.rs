//! The public names of the request engine (`src/engine/`), at the path they have always had,
//! and the paths the generated code calls (`crate::hooks::pre`, `crate::hooks::exec`, ...).
//!
//! [`Hooks`] is the state the generated client carries (progenitor's "inner type"); the rules
//! every request follows are described on the engine's module.

pub use crate::engine::{
    redirect_policy, ErrorBody, Exchange, Hooks, Jitter, Recorder, RequestTiming,
    DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_RETRY_DELAY, DEFAULT_RETRY_DELAY, MAX_REDIRECTS,
};

// For the generated code (`build.rs` writes these paths).
pub(crate) use crate::engine::encode_segment;
pub(crate) use crate::engine::glue::{empty, exec, from_response, pre, status, OptionalQuery};

// For the layers above the engine.
pub(crate) use crate::engine::{
    bounded, call_scope, call_started, convert_error, execute, finish, finish_boxed, http_error,
    is_request_id, note_wait, request_id, token_header, within, Policy, RateLimiter, Scan,
    TokenSource, Transport,
};
