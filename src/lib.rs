#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

pub mod generated;
pub mod hooks;
pub mod operations;
mod secret;

pub use generated::types;
pub use secret::Secret;
