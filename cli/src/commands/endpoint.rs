//! `endpoint create|delete|list|show`.

use clap::Subcommand;
use keystone_v2::managers::EndpointCreate;
use keystone_v2::Client;

use super::*;
use crate::format::{ListOutput, ShowOutput};

/// `endpoint ...`
#[derive(Subcommand, Debug)]
pub enum EndpointCmd {
    /// Create new endpoint.
    Create {
        /// Service to be associated with new endpoint (name or ID).
        #[arg(value_name = "SERVICE")]
        service: String,
        /// New endpoint public URL (required).
        #[arg(long, value_name = "URL")]
        publicurl: String,
        /// New endpoint admin URL.
        #[arg(long, value_name = "URL")]
        adminurl: Option<String>,
        /// New endpoint internal URL.
        #[arg(long, value_name = "URL")]
        internalurl: Option<String>,
        /// New endpoint region ID.
        #[arg(long, value_name = "REGION_ID")]
        region: Option<String>,
        /// Output options.
        #[command(flatten)]
        output: ShowOutput,
    },
    /// Delete endpoint(s).
    Delete {
        /// Endpoint(s) to delete (ID only).
        #[arg(value_name = "ENDPOINT_ID", required = true)]
        endpoints: Vec<String>,
    },
    /// List endpoints.
    List {
        /// List additional fields in output.
        #[arg(long)]
        long: bool,
        /// Output options.
        #[command(flatten)]
        output: ListOutput,
    },
    /// Display endpoint details.
    Show {
        /// Endpoint to display (endpoint ID, service ID, service name, service type).
        #[arg(value_name = "ENDPOINT")]
        endpoint: String,
        /// Output options.
        #[command(flatten)]
        output: ShowOutput,
    },
}

/// Runs a `endpoint` command.
///
/// # Errors
/// Keystone's answer, or the command's own failure, as one line.
pub async fn run(cmd: EndpointCmd, c: &Client) -> Res<Output> {
    match cmd {
        EndpointCmd::Create {
            service,
            publicurl,
            adminurl,
            internalurl,
            region,
            output,
        } => {
            let s = find_service(c, &service).await?;
            let ep = c
                .endpoints()
                .create(
                    &s.id,
                    &publicurl,
                    EndpointCreate {
                        region,
                        adminurl,
                        internalurl,
                    },
                )
                .await?;
            let mut m = info(&ep);
            m.insert("service_name".into(), opt(s.name));
            m.insert("service_type".into(), s.type_.into());
            Ok(Output::Show(sorted(m), output))
        }
        EndpointCmd::Delete { endpoints } => {
            let mut errors = 0;
            for id in &endpoints {
                if let Err(e) = c.endpoints().delete(id).await {
                    errors += 1;
                    eprintln!("Failed to delete endpoint with ID '{id}': {}", describe(&e));
                }
            }
            if errors > 0 {
                return Err(command(format!(
                    "{errors} of {} endpoints failed to delete.",
                    endpoints.len()
                )));
            }
            Ok(Output::Nothing)
        }
        EndpointCmd::List { long, output } => {
            let services: BTreeMap<String, types::Service> = c
                .services()
                .list()
                .await?
                .into_iter()
                .map(|s| (s.id.clone(), s))
                .collect();
            let mut columns = vec!["ID", "Region", "Service Name", "Service Type"];
            if long {
                columns.extend(["PublicURL", "AdminURL", "InternalURL"]);
            }
            let rows = c
                .endpoints()
                .list()
                .await?
                .iter()
                .map(|ep| {
                    let m = info(ep);
                    let s = ep.service_id.as_ref().and_then(|id| services.get(id));
                    let mut row = vec![
                        get(&m, "id"),
                        get(&m, "region"),
                        opt(s.and_then(|s| s.name.clone())),
                        opt(s.map(|s| s.type_.clone())),
                    ];
                    if long {
                        row.extend([
                            get(&m, "publicurl"),
                            get(&m, "adminurl"),
                            get(&m, "internalurl"),
                        ]);
                    }
                    row
                })
                .collect();
            Ok(listing(&columns, rows, output))
        }
        EndpointCmd::Show { endpoint, output } => {
            let all = c.endpoints().list().await?;
            let (ep, service) = match all.iter().find(|e| e.id == endpoint) {
                Some(ep) => {
                    let sid = ep.service_id.clone().unwrap_or_default();
                    (ep.clone(), find_service(c, &sid).await?)
                }
                None => {
                    let s = find_service(c, &endpoint).await?;
                    let ep = all
                        .iter()
                        .find(|e| e.service_id.as_deref() == Some(&s.id))
                        .cloned()
                        .ok_or_else(|| {
                            command(format!("No endpoint of service '{endpoint}' exists."))
                        })?;
                    (ep, s)
                }
            };
            let mut m = info(&ep);
            m.insert("service_name".into(), opt(service.name));
            m.insert("service_type".into(), service.type_.into());
            Ok(Output::Show(sorted(m), output))
        }
    }
}
