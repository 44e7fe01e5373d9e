//! `extension list|show`: the API extensions.

use clap::Subcommand;
use keystone_v2::{Client, EndpointFilter, Interface};

use super::*;
use crate::format::{ListOutput, ShowOutput};

/// `extension ...`
#[derive(Subcommand, Debug)]
pub enum ExtensionCmd {
    /// List API extensions.
    List {
        /// List extensions for the Compute API.
        #[arg(long)]
        compute: bool,
        /// List extensions for the Identity API (only supported by v2).
        #[arg(long)]
        identity: bool,
        /// List extensions for the Network API.
        #[arg(long)]
        network: bool,
        /// List extensions for the Block Storage API.
        #[arg(long)]
        volume: bool,
        /// List additional fields in output.
        #[arg(long)]
        long: bool,
        /// Output options.
        #[command(flatten)]
        output: ListOutput,
    },
    /// Display API extension details.
    Show {
        /// Extension to display (its alias).
        #[arg(value_name = "EXTENSION")]
        extension: String,
        /// Output options.
        #[command(flatten)]
        output: ShowOutput,
    },
}

/// The extensions of `GET path` on the `service_type` endpoint of `interface`: Keystone's
/// `{"extensions": {"values": [...]}}`, or `{"extensions": [...]}` as the other APIs answer.
async fn fetch(
    c: &Client,
    service_type: &str,
    interface: Interface,
    path: &str,
) -> Res<Vec<Map<String, Value>>> {
    let service = c.service(EndpointFilter::new(service_type).interface(interface));
    let body: Value = service.get(path).send().await?.json().await?;
    let list = match &body["extensions"] {
        Value::Array(a) => a.clone(),
        Value::Object(o) => o
            .get("values")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    Ok(list
        .into_iter()
        .filter_map(|v| match v {
            Value::Object(m) => Some(m),
            _ => None,
        })
        .collect())
}

/// Runs an `extension` command. `extension list` asks the APIs openstackclient asks (all when
/// none is chosen), each on `interface`, and warns on stderr as openstackclient does for each
/// that cannot answer.
///
/// # Errors
/// Keystone's answer, or the command's own failure, as one line.
pub async fn run(cmd: ExtensionCmd, c: &Client, interface: Interface) -> Res<Output> {
    match cmd {
        ExtensionCmd::List {
            compute,
            identity,
            network,
            volume,
            long,
            output,
        } => {
            let mut columns = vec!["Name", "Alias", "Description"];
            if long {
                columns.extend(["Namespace", "Updated At", "Links"]);
            }
            let all = !(compute || identity || network || volume);
            let mut found = Vec::new();
            if identity || all {
                match fetch(c, "identity", interface, "extensions").await {
                    Ok(list) => found.extend(list),
                    Err(_) => eprintln!("Extensions list not supported by Identity API"),
                }
            }
            if compute || all {
                match fetch(c, "compute", interface, "extensions").await {
                    Ok(list) => found.extend(list),
                    Err(_) => eprintln!("Extensions list not supported by Compute API"),
                }
            }
            if volume || all {
                let catalog = access(c).await?;
                let types = ["volume", "volumev2", "volumev3", "block-storage"];
                let present = types.into_iter().find(|t| {
                    catalog
                        .service_catalog()
                        .services()
                        .iter()
                        .any(|s| s.type_ == *t)
                });
                match present {
                    Some(t) => match fetch(c, t, interface, "extensions").await {
                        Ok(list) => found.extend(list),
                        Err(_) => eprintln!("Extensions list not supported by Block Storage API"),
                    },
                    None if volume => {
                        eprintln!("Block Storage API is not available in the current cloud")
                    }
                    None => {}
                }
            }
            if network || all {
                match fetch(c, "network", interface, "v2.0/extensions").await {
                    Ok(list) => found.extend(list),
                    Err(_) => eprintln!("Failed to retrieve extensions list from Network API"),
                }
            }
            let rows = found
                .iter()
                .map(|m| {
                    columns
                        .iter()
                        .map(|col| match *col {
                            "Updated At" => get(m, "updated"),
                            other => get(m, &other.to_lowercase()),
                        })
                        .collect()
                })
                .collect();
            Ok(listing(&columns, rows, output))
        }
        ExtensionCmd::Show { extension, output } => {
            let e = c.extensions().get(&extension).await?;
            Ok(Output::Show(sorted(info(&e)), output))
        }
    }
}
