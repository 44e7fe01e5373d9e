//! Live conformance: every operation of the spec, called through the generated client against
//! a real Keystone 12.0.3, with its documented success and error responses (the scenario is in
//! `common/scenario.rs`).
//!
//! Run with `scripts/keystone-server start` first, then
//! `cargo test --test live_conformance -- --include-ignored --nocapture`.

mod common;

use common::{scenario, LiveEnv};

#[tokio::test]
#[ignore = "needs a live Keystone: scripts/keystone-server start (see README)"]
async fn every_operation_of_the_spec_against_real_keystone() {
    let env = LiveEnv::get().await;
    let exchanges = scenario::every_operation(
        &env.public_url,
        &env.admin_url,
        &env.admin_password,
        &env.admin_token,
    )
    .await;
    let (in_spec, exercised) = scenario::coverage(&exchanges);
    println!("operations in the spec: {in_spec}");
    println!("operations exercised live against the real Keystone: {exercised}");
}
