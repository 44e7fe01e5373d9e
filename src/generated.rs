//! The client generated from `spec/keystone-v2.0.yaml` by `build.rs` (progenitor).
#![allow(missing_docs, clippy::all, clippy::pedantic, rustdoc::all, unused)]

include!(concat!(env!("OUT_DIR"), "/codegen.rs"));

/// The generated code is not in the repository; `tests/output/codegen.rs` is a copy of it so
/// that reviewers see a spec change as a Rust diff. This test keeps the copy current: run
/// `UPDATE_SNAPSHOT=1 cargo test --lib generated` after editing the spec.
#[cfg(test)]
mod snapshot {
    #[test]
    fn generated_code_matches_the_checked_in_snapshot() {
        let generated = include_str!(concat!(env!("OUT_DIR"), "/codegen.rs"));
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/output/codegen.rs");
        if std::env::var_os("UPDATE_SNAPSHOT").is_some() {
            std::fs::create_dir_all(std::path::Path::new(path).parent().unwrap()).unwrap();
            std::fs::write(path, generated).unwrap();
        }
        let snapshot = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            snapshot == generated,
            "tests/output/codegen.rs is out of date with the spec: run `UPDATE_SNAPSHOT=1 cargo test --lib generated` and commit it"
        );
    }
}
