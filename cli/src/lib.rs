//! `keystone-v2`, an operator's CLI for Keystone v2.0 with openstackclient's identity v2
//! commands, options and output formats, built on the `keystone-v2` SDK.
//!
//! [`main`] is the whole program: [`args`] defines the command line (and the legacy `keystone`
//! names), [`run`] calls Keystone through the SDK, [`format`](mod@format) prints the answer as cliff does,
//! and [`timing`] serves `--debug` and `--timing`.
#![deny(missing_docs)]

pub mod args;
pub mod commands;
pub mod format;
pub mod run;
pub mod timing;

use std::io::Write as _;
use std::process::ExitCode;

use clap::{CommandFactory as _, FromArgMatches as _};

/// Runs the CLI on `argv` (the program name first) and returns its exit code: 0, 1 for a
/// failed command, 2 for a usage error.
///
/// ```no_run
/// std::process::exit(match keystone_v2_cli::main(std::env::args().collect()) {
///     c if c == std::process::ExitCode::SUCCESS => 0,
///     _ => 1,
/// });
/// ```
pub fn main(argv: Vec<String>) -> ExitCode {
    let argv = args::rewrite_legacy(argv);
    let matches = match args::Cli::command().try_get_matches_from(argv) {
        Ok(m) => m,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let cli = match args::Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(2);
        }
    };
    if let args::Command::Completion { shell } = cli.command {
        let mut cmd = args::Cli::command();
        clap_complete::generate(shell, &mut cmd, "keystone-v2", &mut std::io::stdout());
        return ExitCode::SUCCESS;
    }
    timing::install(cli.global.debug);
    let timing = cli.global.timing;
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("Error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (outcome, timings) = runtime.block_on(async {
        let client = match run::client(&cli.global, &matches) {
            Ok(client) => client,
            Err(e) => return (Err(e), Vec::new()),
        };
        let outcome = run::run(cli.command, &client, &cli.global).await;
        (outcome, client.timings())
    });
    let timings = timing.then_some(timings);
    let width = format::terminal_width();
    let text = match outcome {
        Ok(run::Output::List(listing, mut o)) => {
            o.terminal_width = width;
            listing.render(&o)
        }
        Ok(run::Output::Show(record, mut o)) => {
            o.terminal_width = width;
            record.render(&o)
        }
        Ok(run::Output::Nothing) => Ok(String::new()),
        Err(e) => {
            // openstackclient prints the message alone.
            eprintln!("{e}");
            print_timing(timings.as_ref());
            return ExitCode::FAILURE;
        }
    };
    let code = match text {
        Ok(text) => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error of the command.
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    };
    print_timing(timings.as_ref());
    code
}

/// `--timing`'s table, after the output (as openstackclient prints it).
fn print_timing(timings: Option<&Vec<keystone_v2::RequestTiming>>) {
    if let Some(t) = timings {
        if let Ok(text) = timing::listing(t).render(&format::ListOutput::default()) {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
        }
    }
}
