//! `catalog list` and `catalog show`: the service catalog of the token.

use clap::Subcommand;
use keystone_v2::Client;
use serde_json::{Map, Value};

use super::*;
use crate::format::{ListOutput, ShowOutput};

/// `catalog ...`
#[derive(Subcommand, Debug)]
pub enum CatalogCmd {
    /// List services in the service catalog.
    List {
        /// Output options.
        #[command(flatten)]
        output: ListOutput,
    },
    /// Display service catalog details.
    Show {
        /// Service to display (type or name).
        #[arg(value_name = "SERVICE")]
        service: String,
        /// Output options.
        #[command(flatten)]
        output: ShowOutput,
    },
}

/// `catalog list`'s Endpoints cell: each endpoint's region, then its URLs.
fn endpoints_text(endpoints: &[Value]) -> String {
    let mut s = String::new();
    for ep in endpoints {
        let region = ep.get("region").and_then(Value::as_str).unwrap_or("<none>");
        s.push_str(region);
        s.push('\n');
        for kind in ["publicURL", "internalURL", "adminURL"] {
            if let Some(url) = ep.get(kind).and_then(Value::as_str) {
                if !url.is_empty() {
                    s.push_str(&format!("  {kind}: {url}\n"));
                }
            }
        }
    }
    s
}

/// Runs a `catalog` command. `Endpoints` is the list of endpoint objects (json, yaml, csv) and
/// openstackclient's region-and-URLs text in a table.
///
/// # Errors
/// Keystone's answer, or the command's own failure, as one line.
pub async fn run(cmd: CatalogCmd, c: &Client) -> Res<Output> {
    let a = access(c).await?;
    let services: Vec<Map<String, Value>> =
        a.service_catalog().services().iter().map(info).collect();
    let endpoints = |s: &Map<String, Value>| {
        s.get("endpoints")
            .cloned()
            .unwrap_or(Value::Array(Vec::new()))
    };
    let text = |eps: &Value| endpoints_text(eps.as_array().map(Vec::as_slice).unwrap_or_default());
    match cmd {
        CatalogCmd::List { output } => {
            let mut human = BTreeMap::new();
            let rows = services
                .iter()
                .map(|s| {
                    let eps = endpoints(s);
                    human.insert(crate::format::human_key(&eps), text(&eps));
                    vec![get(s, "name"), get(s, "type"), eps]
                })
                .collect();
            let l = Listing {
                columns: ["Name", "Type", "Endpoints"].map(String::from).to_vec(),
                rows,
                human: BTreeMap::from([("Endpoints".to_owned(), human)]),
            };
            Ok(Output::List(l, output))
        }
        CatalogCmd::Show { service, output } => {
            let found = services.into_iter().find(|s| {
                s.get("name").and_then(Value::as_str) == Some(&service)
                    || s.get("type").and_then(Value::as_str) == Some(&service)
            });
            let Some(mut s) = found else {
                // openstackclient logs the miss and prints an empty record, with success.
                eprintln!("service {service} not found\n");
                return Ok(Output::Show(Record::default(), output));
            };
            s.remove("endpoints_links");
            let human = text(&endpoints(&s));
            let mut record = sorted(s);
            record.human.insert("endpoints".into(), human);
            Ok(Output::Show(record, output))
        }
    }
}
