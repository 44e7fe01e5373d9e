//! A hostile HTTP/1.1 server on loopback and a driver that runs the client against it.
//!
//! - [`server`]: raw TCP (tokio), keep-alive and close, one listener per worker plus two "trap"
//!   listeners (another port, and 127.0.0.2) that cross-origin redirects point at.
//! - [`responses`]: what the server answers, drawn per request from a seeded RNG: real captures
//!   (`tests/data/captures`) clean or mutated, random bytes, lying `Content-Length`, cut or
//!   malformed chunked bodies, slow drip, huge bodies streamed from a generator, redirects,
//!   odd statuses, huge and many headers, invalid header bytes, HTTP/1.0, no status line.
//!   Each answer is recorded ([`server::Sent`]): its kind, its status, whether a complete,
//!   well-formed head went out, and how many bytes were written.
//! - [`driver`]: `Client::authenticate` and every manager method, called against the server
//!   in spawned tasks, with the invariants checked per call.
//!
//! Used by `tests/fuzz.rs` (a short bounded run) and `benches/fuzz.rs` (a long run).
#![allow(dead_code)]

pub mod captures;
pub mod driver;
pub mod responses;
pub mod rng;
pub mod server;

#[allow(unused_imports)]
pub use driver::{run, FuzzConfig, Report};

/// The password the fuzzed clients authenticate with.
pub const PASSWORD: &str = "pw-Hostile-7Qx9-fuzz-secret";
/// A new password given to `update_password` and `update_own_password`.
pub const NEW_PASSWORD: &str = "pw-Hostile-new-3Vb8-fuzz-secret";
/// The token the server issues to the client (the captures' admin token is replaced by it).
pub const TOKEN: &str = "a0c1e2f3fuzz0client0token0abcdef";
/// A token the driver validates, checks and revokes (in `/v2.0/tokens/{token_id}`).
pub const SUBJECT_TOKEN: &str = "b1d2e3f4fuzz0subject0token0abcde";
/// Other token ids the captures carry (ec2tokens, the own-password change).
pub const OTHER_TOKEN: &str = "c2e3f4a5fuzz0other0token0abcdef0";
/// The EC2 secret the captured credentials carry.
pub const EC2_SECRET: &str = "d3f4a5b6fuzz0ec2secret0abcdef012";

/// Every secret that must never appear in an error's `Display` or `Debug` output.
pub const SECRETS: &[(&str, &str)] = &[
    ("password", PASSWORD),
    ("new password", NEW_PASSWORD),
    ("token", TOKEN),
    ("subject token", SUBJECT_TOKEN),
    ("other token", OTHER_TOKEN),
    ("EC2 secret", EC2_SECRET),
];
