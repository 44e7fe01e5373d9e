#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod cache;
mod config;
pub mod headers;
mod service;
mod source;

pub use config::{AuthTokenConfig, ConfigError, MemcacheSecurityStrategy};
pub use service::{AuthBody, AuthToken, AuthTokenLayer, ServiceAuth, UserAuth};
pub use source::{BoxFuture, KeystoneSource, TokenSource, ValidationError};
