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
pub mod managers;
pub mod operations;
mod redact;
mod secret;
pub mod service;
#[cfg(feature = "rustls")]
mod tls;

pub use access::AccessInfo;
pub use builder::{ClientBuilder, DEFAULT_USER_AGENT};
pub use catalog::{EndpointFilter, Interface, ServiceCatalog};
pub use client::Client;
pub use error::{Error, HttpError, Result};
pub use generated::types;
pub use hooks::{Jitter, RequestTiming};
pub use secret::Secret;
pub use service::{ServiceClient, ServiceRequest, ServiceResponse};
#[cfg(feature = "rustls")]
#[doc(hidden)]
pub use tls::platform_store_loads;
