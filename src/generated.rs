//! The client generated from `spec/keystone-v2.0.yaml` by `build.rs` (progenitor).
#![allow(missing_docs, clippy::all, clippy::pedantic, rustdoc::all, unused)]

include!(concat!(env!("OUT_DIR"), "/codegen.rs"));
