#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod access;
mod auth;
#[cfg(feature = "blocking")]
#[cfg_attr(docsrs, doc(cfg(feature = "blocking")))]
pub mod blocking;
mod builder;
pub mod cache;
pub mod catalog;
mod client;
pub mod config;
#[cfg(feature = "emulator")]
#[cfg_attr(docsrs, doc(cfg(feature = "emulator")))]
pub mod emulator;
mod engine;
mod error;
pub mod generated;
pub mod hooks;
mod input;
pub mod managers;
pub mod operations;
mod redact;
mod secret;
pub mod service;
#[cfg(feature = "__rustls")]
mod tls;
mod url;

pub use access::AccessInfo;
pub use auth::PasscodePrompt;
pub use builder::{ClientBuilder, DEFAULT_USER_AGENT};
pub use catalog::{EndpointFilter, Interface, ServiceCatalog};
pub use client::Client;
pub use engine::{Jitter, RequestTiming};
pub use error::{Error, HttpError, Result};
pub use generated::types;
pub use secret::Secret;
pub use service::{ServiceClient, ServiceRequest, ServiceResponse};
#[cfg(feature = "__rustls")]
#[doc(hidden)]
pub use tls::platform_store_loads;

/// The guides of `docs/`, read by `cargo test --doc` only, so that their examples keep
/// compiling.
#[cfg(doctest)]
mod guides {
    #[doc = include_str!("../docs/client.md")]
    struct Client;
    #[doc = include_str!("../docs/configuration.md")]
    struct Configuration;
    #[doc = include_str!("../docs/emulator.md")]
    struct Emulator;
    #[doc = include_str!("../docs/vendors.md")]
    struct Vendors;
}
