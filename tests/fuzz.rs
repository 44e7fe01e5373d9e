//! A hostile loopback server against `Client::authenticate` and every manager method: mutated
//! real captures, random bytes, lying `Content-Length`, cut chunked bodies, slow drip, huge
//! bodies, redirect loops and cross-origin redirects, odd statuses, huge and many headers,
//! invalid header bytes, HTTP/1.0, no status line (see `tests/common/hostile/`).
//!
//! A short bounded run, deterministic in its inputs: `FUZZ_RESPONSES` (default 10,000) and
//! `FUZZ_SEED` change it; `benches/fuzz.rs` is the long run.

#[path = "common/hostile/mod.rs"]
mod hostile;

use std::time::Duration;

/// The harness itself: every method succeeds against clean captures, except where the real
/// Keystone answers an error (the global roles: 501). Without this, the fuzz could test
/// nothing but error paths.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_method_succeeds_against_the_clean_captures() {
    let outcomes = hostile::driver::call_each_against_clean_captures(Duration::from_secs(5)).await;
    let mut unexpected = Vec::new();
    for (name, outcome, sent) in &outcomes {
        let global_role = name.ends_with("(None)") && !name.starts_with("users().list(");
        let ok = match outcome {
            Ok(_) => !global_role,
            Err(e) => global_role && e.status().map(|s| s.as_u16()) == Some(501),
        };
        if !ok {
            let answers: Vec<String> = sent.iter().map(|s| s.describe()).collect();
            unexpected.push(format!("{name}: {outcome:?} after {answers:?}"));
        }
    }
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
    assert_eq!(outcomes.len(), hostile::driver::METHODS.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_server_responses_end_in_typed_errors_within_the_deadline() {
    // Huge bodies (just over the 16 MiB cap) are rare here: a debug build parses slowly, and
    // a parse that holds one of the 2 runtime threads would delay other calls' timers.
    let config = hostile::FuzzConfig::from_env(10_000, 64, (16 << 20) + (1 << 20), 3);
    let report = hostile::run(config.clone()).await;
    eprintln!("{report}");
    assert!(
        report.responses >= config.responses,
        "the run ended early: {} responses",
        report.responses
    );
    assert!(
        report.is_clean(),
        "{} invariant violations, {} panics, {} hangs in {} calls (report above)",
        report.violation_count(),
        report.panics,
        report.hangs,
        report.calls
    );
}
