//! `project create|delete|list|set|show|unset`.

use clap::Subcommand;
use keystone_v2::managers::TenantOptions;
use keystone_v2::{Client, Interface};
use serde_json::{Map, Value};

use super::*;
use crate::format::{ListOutput, ShowOutput};

/// `project ...`
#[derive(Subcommand, Debug)]
pub enum ProjectCmd {
    /// Create new project.
    Create {
        /// New project name.
        #[arg(value_name = "PROJECT_NAME")]
        name: String,
        /// Project description.
        #[arg(long, value_name = "DESCRIPTION")]
        description: Option<String>,
        /// Enable (the default) or disable the project.
        #[command(flatten)]
        enable: Enable,
        /// Add a property (repeat option to set multiple properties).
        #[arg(long = "property", value_name = "KEY=VALUE", value_parser = key_value)]
        properties: Vec<(String, String)>,
        /// Return existing project.
        #[arg(long)]
        or_show: bool,
        /// Output options.
        #[command(flatten)]
        output: ShowOutput,
    },
    /// Delete project(s).
    Delete {
        /// Project(s) to delete (name or ID).
        #[arg(value_name = "PROJECT", required = true)]
        projects: Vec<String>,
    },
    /// List projects.
    List {
        /// List additional fields in output.
        #[arg(long)]
        long: bool,
        /// Sort output by selected keys and directions (asc or desc), repeatable.
        #[arg(long, value_name = "KEY[:DIRECTION]")]
        sort: Vec<String>,
        /// Output options.
        #[command(flatten)]
        output: ListOutput,
    },
    /// Set project properties.
    Set {
        /// Project to modify (name or ID).
        #[arg(value_name = "PROJECT")]
        project: String,
        /// Set project name.
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Set project description.
        #[arg(long, value_name = "DESCRIPTION")]
        description: Option<String>,
        /// Enable or disable the project.
        #[command(flatten)]
        enable: Enable,
        /// Set a project property (repeat option to set multiple properties).
        #[arg(long = "property", value_name = "KEY=VALUE", value_parser = key_value)]
        properties: Vec<(String, String)>,
    },
    /// Display project details.
    Show {
        /// Project to display (name or ID).
        #[arg(value_name = "PROJECT")]
        project: String,
        /// Output options.
        #[command(flatten)]
        output: ShowOutput,
    },
    /// Unset project properties.
    Unset {
        /// Project to modify (name or ID).
        #[arg(value_name = "PROJECT")]
        project: String,
        /// Unset a project property (repeat option to unset multiple properties).
        #[arg(long = "property", value_name = "KEY")]
        properties: Vec<String>,
    },
}

/// Sorts objects by `key[:asc|desc]` keys (project list --sort).
fn sort_items(items: &mut [Map<String, Value>], keys: &[String]) -> Res<()> {
    let mut specs = Vec::new();
    for k in keys.iter().flat_map(|k| k.split(',')) {
        let (key, dir) = k.split_once(':').unwrap_or((k, "asc"));
        let desc = match dir {
            "asc" => false,
            "desc" => true,
            other => {
                return Err(command(format!(
                    "Specify the sort direction as asc or desc, not {other:?}"
                )))
            }
        };
        specs.push((key.to_owned(), desc));
    }
    items.sort_by(|a, b| {
        for (key, desc) in &specs {
            let x = a.get(key).map(Value::to_string).unwrap_or_default();
            let y = b.get(key).map(Value::to_string).unwrap_or_default();
            let o = if *desc { y.cmp(&x) } else { x.cmp(&y) };
            if o.is_ne() {
                return o;
            }
        }
        std::cmp::Ordering::Equal
    });
    Ok(())
}

fn extra(properties: Vec<(String, String)>) -> Map<String, Value> {
    properties
        .into_iter()
        .map(|(k, v)| (k, Value::String(v)))
        .collect()
}

/// Keystone's own JSON of the project (`_info`), without `parent_id` as openstackclient prints it.
async fn project_info(c: &Client, id: &str) -> Res<Map<String, Value>> {
    let mut m = admin_object(c, &format!("tenants/{id}"), "tenant").await?;
    m.remove("parent_id");
    Ok(m)
}

/// `project show`'s fields: the reserved ones, and the others as `properties` (a table prints
/// them as `key='value'`, openstackclient's `format_dict`).
fn project_record(mut m: Map<String, Value>) -> Record {
    let mut properties = Map::new();
    let keys: Vec<String> = m.keys().cloned().collect();
    for k in keys {
        if !["name", "id", "enabled", "description"].contains(&k.as_str()) {
            if let Some(v) = m.remove(&k) {
                if !v.is_null() {
                    properties.insert(k, v);
                }
            }
        }
    }
    let human = format_dict(&properties);
    m.insert("properties".into(), Value::Object(properties));
    let mut record = sorted(m);
    record.human.insert("properties".into(), human);
    record
}

/// osc_lib's `format_dict`: `a='1', b='2'`, sorted by key, nulls left out.
fn format_dict(m: &Map<String, Value>) -> String {
    let mut keys: Vec<&String> = m.keys().collect();
    keys.sort();
    keys.into_iter()
        .filter_map(|k| match &m[k] {
            Value::Null => None,
            Value::Object(inner) => Some(format!("{k}='{}'", format_dict(inner))),
            Value::String(v) => Some(format!("{k}='{v}'")),
            other => Some(format!("{k}='{}'", crate::format::python_str(other))),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs a `project` command.
///
/// # Errors
/// Keystone's answer, or the command's own failure, as one line.
pub async fn run(cmd: ProjectCmd, c: &Client, interface: Interface) -> Res<Output> {
    match cmd {
        ProjectCmd::Create {
            name,
            description,
            enable,
            properties,
            or_show,
            output,
        } => {
            let mut extra = extra(properties);
            if description.is_none() {
                // openstackclient sends a null description, which Keystone keeps as null.
                extra.insert("description".into(), Value::Null);
            }
            let options = TenantOptions {
                description,
                enabled: Some(!enable.disable),
                extra,
                ..Default::default()
            };
            let t = match c.tenants().create(&name, options).await {
                Ok(t) => t,
                Err(e) if e.is_conflict() && or_show => find_project(c, &name).await?,
                Err(e) => return Err(e.into()),
            };
            Ok(Output::Show(sorted(project_info(c, &t.id).await?), output))
        }
        ProjectCmd::Delete { projects } => {
            each("project", &projects, |p| async move {
                let t = find_project(c, p).await?;
                Ok(c.tenants().delete(&t.id).await?)
            })
            .await
        }
        ProjectCmd::List { long, sort, output } => {
            // On the public interface (the default) Keystone lists the user's own projects, on
            // the admin interface all of them, as openstackclient shows them.
            let mut items: Vec<Map<String, Value>> =
                match keystone_json(c, interface, "tenants", "tenants").await? {
                    Value::Array(list) => list
                        .into_iter()
                        .filter_map(|v| match v {
                            Value::Object(m) => Some(m),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
            sort_items(&mut items, &sort)?;
            let mut columns = vec!["ID", "Name"];
            if long {
                columns.extend(["Description", "Enabled"]);
            }
            let rows = items
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
        ProjectCmd::Set {
            project,
            name,
            description,
            enable,
            properties,
        } => {
            let t = find_project(c, &project).await?;
            let options = TenantOptions {
                name,
                description,
                enabled: enable.value(),
                extra: extra(properties),
                ..Default::default()
            };
            c.tenants().update(&t.id, options).await?;
            Ok(Output::Nothing)
        }
        ProjectCmd::Show { project, output } => {
            let t = find_project(c, &project).await?;
            Ok(Output::Show(
                project_record(project_info(c, &t.id).await?),
                output,
            ))
        }
        ProjectCmd::Unset {
            project,
            properties,
        } => {
            let t = find_project(c, &project).await?;
            let extra: Map<String, Value> = properties
                .into_iter()
                .filter(|p| t.extra.contains_key(p))
                .map(|p| (p, Value::Null))
                .collect();
            if !extra.is_empty() {
                let options = TenantOptions {
                    extra,
                    ..Default::default()
                };
                c.tenants().update(&t.id, options).await?;
            }
            Ok(Output::Nothing)
        }
    }
}
