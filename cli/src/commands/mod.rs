//! One file a command family, each with its clap arguments and its handler; this module
//! holds what they share: finding a resource by id or name, the deletes of several names,
//! and shaping an SDK answer into cliff's rows and fields.

pub mod catalog;
pub mod ec2;
pub mod endpoint;
pub mod extension;
pub mod project;
pub mod role;
pub mod service;
pub mod token;
pub mod user;
pub mod version;

use std::collections::BTreeMap;

use keystone_v2::{types, AccessInfo, Client, EndpointFilter, Error, Interface};
use serde_json::{Map, Value};

pub(crate) use crate::args::{key_value, Enable};
pub(crate) use crate::format::{ListOutput, Listing, Record};
pub(crate) use crate::run::{command, describe, CliError, Output, Res};

/// A serializable resource as a JSON object (its `_info` in openstackclient).
pub(crate) fn info<T: serde::Serialize>(v: &T) -> Map<String, Value> {
    match serde_json::to_value(v) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// The fields of `map`, sorted by name (openstackclient's `zip(*sorted(info.items()))`).
pub(crate) fn sorted(map: Map<String, Value>) -> Record {
    let sorted: BTreeMap<String, Value> = map.into_iter().collect();
    Record {
        fields: sorted.into_iter().collect(),
        ..Default::default()
    }
}

/// Renames Keystone's `tenantId` / `tenant_id` to openstackclient's `project_id`.
pub(crate) fn project_id_field(mut m: Map<String, Value>) -> Map<String, Value> {
    for key in ["tenantId", "tenant_id"] {
        if let Some(v) = m.remove(key) {
            m.insert("project_id".into(), v);
        }
    }
    m
}

/// An optional attribute: `""` when missing, as osc_lib's `get_item_properties` prints it.
pub(crate) fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map_or(Value::String(String::new()), Into::into)
}

pub(crate) fn get(m: &Map<String, Value>, key: &str) -> Value {
    m.get(key).cloned().unwrap_or(Value::String(String::new()))
}

pub(crate) fn not_found(kind: &str, x: &str) -> CliError {
    command(format!("No {kind} with a name or ID of '{x}' exists."))
}

pub(crate) fn is_missing(e: &Error) -> bool {
    e.is_not_found() || e.is_forbidden()
}

/// osc_lib's `find_resource`: `by_id(x)`, and when Keystone answers that no such id exists,
/// `by_name(x)`; the error names `kind` and keeps Keystone's answer to the id.
pub(crate) async fn find<T, A, B>(
    kind: &str,
    x: &str,
    by_id: impl FnOnce() -> A,
    by_name: impl FnOnce() -> B,
) -> Res<T>
where
    A: std::future::Future<Output = keystone_v2::Result<T>>,
    B: std::future::Future<Output = Res<Option<T>>>,
{
    match by_id().await {
        Ok(found) => return Ok(found),
        Err(e) if is_missing(&e) => {}
        Err(e) => return Err(e.into()),
    };
    match by_name().await? {
        Some(found) => Ok(found),
        None => Err(not_found(kind, x)),
    }
}

/// What a by-name lookup of the SDK answered: `None` when there is no such name.
pub(crate) fn by_name<T>(answer: keystone_v2::Result<T>) -> Res<Option<T>> {
    match answer {
        Ok(found) => Ok(Some(found)),
        Err(e) if is_missing(&e) || matches!(e, Error::InvalidResponse { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The only one of `named` (an error naming `kind` when there are several).
pub(crate) fn only<T>(kind: &str, x: &str, mut named: Vec<T>) -> Res<Option<T>> {
    match named.len() {
        0 => Ok(None),
        1 => Ok(named.pop()),
        _ => Err(command(format!(
            "More than one {kind} exists with the name '{x}'."
        ))),
    }
}

/// A project by id, then by name.
pub(crate) async fn find_project(c: &Client, x: &str) -> Res<types::Tenant> {
    find(
        "tenant",
        x,
        || async { c.tenants().get(x).await },
        || async { by_name(c.tenants().get_by_name(x).await) },
    )
    .await
}

/// A user by id, then by name.
pub(crate) async fn find_user(c: &Client, x: &str) -> Res<types::User> {
    find(
        "user",
        x,
        || async { c.users().get(x).await },
        || async { by_name(c.users().get_by_name(x).await) },
    )
    .await
}

/// A role by id, then by name (an ambiguous name is an error).
pub(crate) async fn find_role(c: &Client, x: &str) -> Res<types::Role> {
    find(
        "role",
        x,
        || async { c.roles().get(x).await },
        || async {
            let roles = c.roles().list().await?;
            only(
                "role",
                x,
                roles.into_iter().filter(|r| r.name == x).collect(),
            )
        },
    )
    .await
}

/// A service by id, name or type (openstackclient's `find_service`).
pub(crate) async fn find_service(c: &Client, x: &str) -> Res<types::Service> {
    match c.services().get(x).await {
        Ok(s) => return Ok(s),
        Err(e) if is_missing(&e) => {}
        Err(e) => return Err(e.into()),
    };
    let all = c.services().list().await?;
    let named: Vec<_> = all
        .iter()
        .filter(|s| s.name.as_deref() == Some(x))
        .collect();
    let typed: Vec<_> = all.iter().filter(|s| s.type_ == x).collect();
    // openstackclient words an ambiguous name as it words an ambiguous type.
    let candidates = if named.is_empty() { typed } else { named };
    match candidates.len() {
        1 => Ok(candidates[0].clone()),
        0 => Err(command(format!(
            "No service with a type, name or ID of '{x}' exists."
        ))),
        _ => Err(command(format!(
            "Multiple service matches found for '{x}', use an ID to be more specific."
        ))),
    }
}

/// Runs `f` for each name; failures are reported on stderr one by one, then summed up as
/// openstackclient does ("1 of 2 projects failed to delete.").
pub(crate) async fn each<'a, F, Fut>(kind: &str, names: &'a [String], f: F) -> Res<Output>
where
    F: Fn(&'a str) -> Fut,
    Fut: std::future::Future<Output = Res<()>>,
{
    let mut errors = 0;
    for name in names {
        if let Err(e) = f(name).await {
            errors += 1;
            eprintln!("Failed to delete {kind} with name or ID '{name}': {e}");
        }
    }
    if errors > 0 {
        return Err(command(format!(
            "{errors} of {} {kind}s failed to delete.",
            names.len()
        )));
    }
    Ok(Output::Nothing)
}

pub(crate) fn listing(columns: &[&str], rows: Vec<Vec<Value>>, output: ListOutput) -> Output {
    Output::List(
        Listing {
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            rows,
            ..Default::default()
        },
        output,
    )
}

pub(crate) async fn access(c: &Client) -> Res<AccessInfo> {
    c.access_info().await.map_err(|e| match e {
        Error::AuthorizationFailure(_) => {
            command("Only an authorized user may issue a new token (a static --os-token has no token data).")
        }
        other => other.into(),
    })
}

/// Keystone's own JSON object under `key` of GET `path` on the identity API's `interface`:
/// what openstackclient prints as a resource's `_info`, with its nulls and empty objects
/// (the SDK's types do not tell a null from a missing attribute).
pub(crate) async fn keystone_json(
    c: &Client,
    interface: Interface,
    path: &str,
    key: &str,
) -> Res<Value> {
    let service = c.service(EndpointFilter::new("identity").interface(interface));
    let mut body: Value = service.get(path).send().await?.json().await?;
    match body.get_mut(key).map(Value::take) {
        Some(v) => Ok(v),
        None => Err(command(format!(
            "Keystone's answer to GET {path} has no {key:?}"
        ))),
    }
}

/// [`keystone_json`] of the admin API, as an object.
pub(crate) async fn admin_object(c: &Client, path: &str, key: &str) -> Res<Map<String, Value>> {
    match keystone_json(c, Interface::Admin, path, key).await? {
        Value::Object(m) => Ok(m),
        _ => Err(command(format!(
            "Keystone's {key:?} of GET {path} is not an object"
        ))),
    }
}

/// [`keystone_json`] of the admin API, as a list of objects.
pub(crate) async fn admin_objects(
    c: &Client,
    path: &str,
    key: &str,
) -> Res<Vec<Map<String, Value>>> {
    match keystone_json(c, Interface::Admin, path, key).await? {
        Value::Array(items) => Ok(items
            .into_iter()
            .filter_map(|v| match v {
                Value::Object(m) => Some(m),
                _ => None,
            })
            .collect()),
        _ => Err(command(format!(
            "Keystone's {key:?} of GET {path} is not a list"
        ))),
    }
}
