//! The request engine, one concern per module: where cross-cutting behaviour meets the
//! generated client: the token header,
//! the route guard, re-authentication and replay after a 401, retries, the call's deadline, the
//! body size limit, logging with secrets redacted, and the conversion of the generated client's
//! errors.
//!
//! Every request of every operation passes through `pre` and `exec` ([`glue`]), and `exec`,
//! like every request to another service of the catalog ([`crate::ServiceClient`]), runs the
//! one request engine of this folder ([`send`]), so each
//! rule below, and each transport option of [`crate::ClientBuilder`] (retriable statuses and
//! backoff, `Retry-After`, the global request id, the user agent, the rate limit, the
//! concurrency cap, timings, the tracing targets and the curl line), holds for all of them:
//! - **Routes.** Path arguments are percent-encoded as one segment (everything but
//!   `A-Z a-z 0-9 - . _ ~`), and the final URL's path must have the operation's template shape
//!   (same static segments, same count, no empty argument), or the call is
//!   [`crate::Error::InvalidRequest`] and nothing is sent.
//! - **Attributes.** A JSON request body that has the same attribute twice in one object (an
//!   `extra` map repeating a typed attribute) is [`crate::Error::InvalidRequest`]; nothing is sent.
//! - **Deadline.** One deadline bounds a whole call: each attempt's timeout is what remains of
//!   it, and retries, waits, re-authentication and replay happen only within it. A call past it
//!   is [`crate::Error::DeadlineExceeded`] or [`crate::Error::Timeout`]. A manager's call on a client without
//!   a concurrency cap or a rate limit has no timer of its own: all its waits are bounded
//!   already (see `call_scope`).
//! - **Body size.** A response body larger than the limit is [`crate::Error::ResponseTooLarge`],
//!   detected while reading (or from `Content-Length`, before reading); an error body is read
//!   up to 64 KiB and the rest dropped.
//! - **Errors.** An error status (4xx, 5xx) is [`crate::Error::Http`] with that status whatever the body
//!   is: Keystone's `{"error": ...}`, the older fault forms (`{"itemNotFound": {"message": ...}}`),
//!   plain text, HTML or nothing. Messages and excerpts are scrubbed of every secret of the
//!   request (token sent, token ids in the path, passwords and secrets in the body, URL
//!   userinfo) in the forms a server may echo them (as is, JSON-escaped, Python-repr escaped,
//!   percent-encoded).

mod call;
mod convert;
mod decode;
mod error_body;
mod error_info;
pub(crate) mod glue;
mod hooks;
mod limits;
mod log;
mod policy;
mod recorder;
mod redirect;
mod route;
mod send;
mod token;

pub(crate) use call::{
    bounded, call_scope, call_started, note_wait, rebuild_begin, rebuild_end, rebuild_requested,
    within, Scan,
};
pub use convert::ErrorBody;
pub(crate) use convert::{convert_error, http_error};
pub(crate) use decode::{empty, from_response};
pub(crate) use glue::{finish, with_session_id};
pub use hooks::Hooks;
pub(crate) use limits::RateLimiter;
pub use limits::DEFAULT_MAX_BODY_SIZE;
pub(crate) use policy::{is_request_id, request_id, Settings, Shared};
pub use policy::{Jitter, RequestTiming, DEFAULT_MAX_RETRY_DELAY, DEFAULT_RETRY_DELAY};
pub use recorder::{Exchange, Recorder};
pub use redirect::{redirect_policy, MAX_REDIRECTS};
pub(crate) use route::encode_segment;
pub(crate) use send::{execute, read_body};
pub(crate) use token::{token_header, TokenSource};
