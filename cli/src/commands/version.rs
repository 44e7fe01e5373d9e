//! `version list`: the API versions the server offers.

use clap::Subcommand;
use keystone_v2::Client;

use super::*;
use crate::format::ListOutput;

/// `version ...`
#[derive(Subcommand, Debug)]
pub enum VersionCmd {
    /// List the API versions the server offers.
    List {
        /// Output options.
        #[command(flatten)]
        output: ListOutput,
    },
}

/// Runs a `version` command.
pub async fn run(cmd: VersionCmd, c: &Client) -> Res<Output> {
    let VersionCmd::List { output } = cmd;
    let rows = c
        .versions()
        .list()
        .await?
        .into_iter()
        .map(|v| {
            let m = info(&v);
            vec![get(&m, "id"), get(&m, "status"), get(&m, "updated")]
        })
        .collect();
    Ok(listing(&["ID", "Status", "Updated"], rows, output))
}
