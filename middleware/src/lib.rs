#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod cache;
mod config;
#[cfg(feature = "memcached")]
mod crypt;
pub mod fixture;
pub mod headers;
#[cfg(feature = "memcached")]
mod memcache;
mod service;
mod source;

pub use config::{AuthTokenConfig, ConfigError, MemcacheSecurityStrategy};
pub use service::{AuthBody, AuthToken, AuthTokenLayer, ServiceAuth, UserAuth};
pub use source::{BoxFuture, KeystoneSource, TokenSource, ValidationError};
