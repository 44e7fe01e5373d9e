//! The `keystone-v2` binary: see the crate's library for the command line.

fn main() -> std::process::ExitCode {
    keystone_v2_cli::main(std::env::args().collect())
}
