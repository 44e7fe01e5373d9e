//! The public names of the request engine (`src/engine/`), at the path they have always had.
//!
//! [`Hooks`] is the state the generated client carries (progenitor's "inner type"); the rules
//! every request follows are described on the engine's module.

pub use crate::engine::{
    redirect_policy, ErrorBody, Exchange, Hooks, Jitter, Recorder, RequestTiming,
    DEFAULT_MAX_BODY_SIZE, DEFAULT_MAX_RETRY_DELAY, DEFAULT_RETRY_DELAY, MAX_REDIRECTS,
};
