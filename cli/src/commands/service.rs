//! `service create|delete|list|show`.

use clap::Subcommand;
use keystone_v2::{Client, EndpointFilter, Interface};

use super::*;
use crate::format::{ListOutput, ShowOutput};

/// `service ...`
#[derive(Subcommand, Debug)]
pub enum ServiceCmd {
    /// Create new service.
    Create {
        /// New service type (compute, image, identity, volume, etc).
        #[arg(value_name = "TYPE")]
        service_type: String,
        /// New service name.
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// New service description.
        #[arg(long, value_name = "DESCRIPTION")]
        description: Option<String>,
        /// Output options.
        #[command(flatten)]
        output: ShowOutput,
    },
    /// Delete service(s).
    Delete {
        /// Service(s) to delete (type, name or ID).
        #[arg(value_name = "SERVICE", required = true)]
        services: Vec<String>,
    },
    /// List services.
    List {
        /// List additional fields in output.
        #[arg(long)]
        long: bool,
        /// Output options.
        #[command(flatten)]
        output: ListOutput,
    },
    /// Display service details.
    Show {
        /// Service to display (type, name or ID).
        #[arg(value_name = "SERVICE")]
        service: String,
        /// Show service catalog information.
        #[arg(long)]
        catalog: bool,
        /// Output options.
        #[command(flatten)]
        output: ShowOutput,
    },
}

/// `service show`'s fields: Keystone's own JSON of the service (with a null description).
async fn service_record(c: &Client, id: &str) -> Res<Record> {
    let path = format!("OS-KSADM/services/{id}");
    Ok(sorted(admin_object(c, &path, "OS-KSADM:service").await?))
}

/// Runs a `service` command.
///
/// # Errors
/// Keystone's answer, or the command's own failure, as one line.
pub async fn run(cmd: ServiceCmd, c: &Client) -> Res<Output> {
    match cmd {
        ServiceCmd::Create {
            service_type,
            name,
            description,
            output,
        } => {
            // Sent as openstackclient sends it, nulls included: Keystone refuses a null name
            // with its own message and keeps a null description.
            let body = serde_json::json!({"OS-KSADM:service": {
                "name": name,
                "type": service_type,
                "description": description,
            }});
            let created = c
                .service(EndpointFilter::new("identity").interface(Interface::Admin))
                .post("OS-KSADM/services")
                .json(&body)
                .send()
                .await?;
            let mut answer: Value = created.json().await?;
            let id = answer["OS-KSADM:service"]["id"].take();
            let Some(id) = id.as_str() else {
                return Err(command(
                    "Keystone's answer to the service's creation has no id",
                ));
            };
            Ok(Output::Show(service_record(c, id).await?, output))
        }
        ServiceCmd::Delete { services } => {
            each("service", &services, |s| async move {
                let service = find_service(c, s).await?;
                Ok(c.services().delete(&service.id).await?)
            })
            .await
        }
        ServiceCmd::List { long, output } => {
            let mut columns = vec!["ID", "Name", "Type"];
            if long {
                columns.push("Description");
            }
            // Keystone's own JSON: a null description prints `None`, a missing one nothing.
            let rows = admin_objects(c, "OS-KSADM/services", "OS-KSADM:services")
                .await?
                .iter()
                .map(|m| {
                    columns
                        .iter()
                        .map(|col| get(m, &col.to_lowercase()))
                        .collect()
                })
                .collect();
            Ok(listing(&columns, rows, output))
        }
        ServiceCmd::Show {
            service,
            catalog,
            output,
        } => {
            if catalog {
                let a = access(c).await?;
                let found = a
                    .service_catalog()
                    .services()
                    .iter()
                    .find(|s| s.type_ == service && !s.endpoints.is_empty());
                let Some(s) = found else {
                    return Err(command(format!(
                        "No service catalog with a type, name or ID of '{service}' exists."
                    )));
                };
                let mut m = info(&s.endpoints[0]);
                m.insert("type".into(), s.type_.clone().into());
                return Ok(Output::Show(sorted(m), output));
            }
            let s = find_service(c, &service).await?;
            Ok(Output::Show(service_record(c, &s.id).await?, output))
        }
    }
}
