//! Runs a command: builds the SDK client from the global options, calls Keystone, and shapes
//! the answer into a [`Listing`] or a [`Record`] with openstackclient's columns and fields.

use std::collections::BTreeMap;
use std::sync::Arc;

use clap::parser::ValueSource;
use clap::ArgMatches;
use keystone_v2::config::Environment;
use keystone_v2::managers::{EndpointCreate, TenantOptions, UserOptions};
use keystone_v2::{types, AccessInfo, Client, ClientBuilder, Error};
use serde_json::{Map, Value};

use crate::args::*;
use crate::format::{ListOutput, Listing, Record, ShowOutput};

/// What a command prints.
#[derive(Debug)]
pub enum Output {
    /// A list, with its output options.
    List(Listing, ListOutput),
    /// One record, with its output options.
    Show(Record, ShowOutput),
    /// Nothing (delete, set, ...).
    Nothing,
}

/// A command's failure: its `Display` is the one line printed after `Error: `.
#[derive(Debug)]
pub enum CliError {
    /// Keystone or the SDK said no.
    Api(Error),
    /// The command itself failed (a name that matches nothing, ...).
    Command(String),
}

impl From<Error> for CliError {
    fn from(e: Error) -> Self {
        CliError::Api(e)
    }
}

/// One line for an SDK error: Keystone's message, the status and the request id for an HTTP
/// error, the SDK's message (already redacted) otherwise.
///
/// ```no_run
/// # fn f(e: keystone_v2::Error) { eprintln!("Error: {}", keystone_v2_cli::run::describe(&e)); }
/// ```
pub fn describe(e: &Error) -> String {
    match e.http() {
        Some(h) => {
            let message = h
                .message
                .clone()
                .or_else(|| h.details.clone())
                .unwrap_or_else(|| h.status.canonical_reason().unwrap_or("error").to_owned());
            let mut s = format!("{message} (HTTP {})", h.status.as_u16());
            if let Some(id) = &h.request_id {
                s.push_str(&format!(" (Request-ID: {id})"));
            }
            s
        }
        None => e.to_string(),
    }
}

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CliError::Api(e) => f.write_str(&describe(e)),
            CliError::Command(m) => f.write_str(m),
        }
    }
}

type Res<T> = Result<T, CliError>;

fn command(message: impl Into<String>) -> CliError {
    CliError::Command(message.into())
}

/// The SDK client for the global options: clouds.yaml and the `OS_*` variables read by the SDK
/// ([`ClientBuilder::from_config`]), then the options given on the command line over them, and
/// the token cache unless `--no-cache`.
///
/// # Errors
/// A configuration error of the SDK (an unknown cloud, no credentials, ...).
///
/// ```no_run
/// use clap::{CommandFactory, FromArgMatches};
/// let matches = keystone_v2_cli::args::Cli::command().get_matches();
/// let cli = keystone_v2_cli::args::Cli::from_arg_matches(&matches).unwrap();
/// let client = keystone_v2_cli::run::client(&cli.global, &matches).unwrap();
/// ```
pub fn client(g: &Global, matches: &ArgMatches) -> Res<Client> {
    let env = Environment::from_process();
    let given = |id: &str| matches.value_source(id) == Some(ValueSource::CommandLine);
    let cloud = g.os_cloud.as_deref().filter(|_| given("os_cloud"));
    let mut b = ClientBuilder::from_config(&env, cloud)?;
    macro_rules! over {
        ($id:literal, $field:expr, $set:ident) => {
            if given($id) {
                if let Some(v) = $field.clone() {
                    b = b.$set(v);
                }
            }
        };
    }
    over!("os_auth_url", g.os_auth_url, auth_url);
    over!("os_username", g.os_username, username);
    over!("os_password", g.os_password, password);
    over!("os_tenant_name", g.os_tenant_name, tenant_name);
    over!("os_project_name", g.os_project_name, tenant_name);
    over!("os_tenant_id", g.os_tenant_id, tenant_id);
    over!("os_project_id", g.os_project_id, tenant_id);
    over!("os_region_name", g.os_region_name, region_name);
    over!("os_token", g.os_token, token);
    over!("os_endpoint", g.os_endpoint, endpoint);
    over!("os_cacert", g.os_cacert, cacert);
    over!("os_cert", g.os_cert, cert);
    over!("os_key", g.os_key, key);
    // The SDK does not read OS_URL (openstackclient's name for the admin-token endpoint).
    if let Some(url) = &g.os_url {
        if given("os_url") || g.os_endpoint.is_none() {
            b = b.endpoint(url.clone());
        }
    }
    if given("os_interface") {
        if let Some(i) = &g.os_interface {
            let interface = i
                .parse()
                .map_err(|e: Error| command(format!("--os-interface: {e}")))?;
            b = b.interface(interface);
        }
    }
    if given("insecure") && g.insecure {
        b = b.insecure(true);
    }
    if let Some(t) = g.timeout {
        if !(t.is_finite() && t > 0.0) {
            return Err(command("--timeout: a number of seconds above 0"));
        }
        b = b.timeout(std::time::Duration::from_secs_f64(t));
    }
    if g.debug {
        b = b.debug(true);
    }
    if g.timing {
        b = b.collect_timing(true);
    }
    if !g.no_cache {
        match keystone_v2::cache::FileTokenCache::default_location() {
            Ok(cache) => b = b.token_cache(Arc::new(cache)),
            Err(e) => tracing::debug!(target: "keystone_v2", "no token cache: {e}"),
        }
    }
    Ok(b.build()?)
}

/// A serializable resource as a JSON object (its `_info` in openstackclient).
fn info<T: serde::Serialize>(v: &T) -> Map<String, Value> {
    match serde_json::to_value(v) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// The fields of `map`, sorted by name (openstackclient's `zip(*sorted(info.items()))`).
fn sorted(map: Map<String, Value>) -> Record {
    let sorted: BTreeMap<String, Value> = map.into_iter().collect();
    Record {
        fields: sorted.into_iter().collect(),
    }
}

/// Renames Keystone's `tenantId` / `tenant_id` to openstackclient's `project_id`.
fn project_id_field(mut m: Map<String, Value>) -> Map<String, Value> {
    for key in ["tenantId", "tenant_id"] {
        if let Some(v) = m.remove(key) {
            m.insert("project_id".into(), v);
        }
    }
    m
}

/// An optional attribute: `""` when missing, as osc_lib's `get_item_properties` prints it.
fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map_or(Value::String(String::new()), Into::into)
}

fn get(m: &Map<String, Value>, key: &str) -> Value {
    m.get(key).cloned().unwrap_or(Value::String(String::new()))
}

fn not_found(kind: &str, x: &str, e: Option<&Error>) -> CliError {
    let mut m = format!("No {kind} with a name or ID of '{x}' exists.");
    if let Some(e) = e {
        m.push_str(&format!(" Keystone: {}", describe(e)));
    }
    command(m)
}

fn is_missing(e: &Error) -> bool {
    e.is_not_found() || e.is_forbidden()
}

/// osc_lib's `find_resource`: `by_id(x)`, and when Keystone answers that no such id exists,
/// `by_name(x)`; the error names `kind` and keeps Keystone's answer to the id.
async fn find<T, A, B>(
    kind: &str,
    x: &str,
    by_id: impl FnOnce() -> A,
    by_name: impl FnOnce() -> B,
) -> Res<T>
where
    A: std::future::Future<Output = keystone_v2::Result<T>>,
    B: std::future::Future<Output = Res<Option<T>>>,
{
    let refused = match by_id().await {
        Ok(found) => return Ok(found),
        Err(e) if is_missing(&e) => e,
        Err(e) => return Err(e.into()),
    };
    match by_name().await? {
        Some(found) => Ok(found),
        None => Err(not_found(kind, x, Some(&refused))),
    }
}

/// What a by-name lookup of the SDK answered: `None` when there is no such name.
fn by_name<T>(answer: keystone_v2::Result<T>) -> Res<Option<T>> {
    match answer {
        Ok(found) => Ok(Some(found)),
        Err(e) if is_missing(&e) || matches!(e, Error::InvalidResponse { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// The only one of `named` (an error naming `kind` when there are several).
fn only<T>(kind: &str, x: &str, mut named: Vec<T>) -> Res<Option<T>> {
    match named.len() {
        0 => Ok(None),
        1 => Ok(named.pop()),
        _ => Err(command(format!(
            "More than one {kind} exists with the name '{x}'."
        ))),
    }
}

/// A project by id, then by name.
async fn find_project(c: &Client, x: &str) -> Res<types::Tenant> {
    find(
        "project",
        x,
        || async { c.tenants().get(x).await },
        || async { by_name(c.tenants().get_by_name(x).await) },
    )
    .await
}

/// A user by id, then by name.
async fn find_user(c: &Client, x: &str) -> Res<types::User> {
    find(
        "user",
        x,
        || async { c.users().get(x).await },
        || async { by_name(c.users().get_by_name(x).await) },
    )
    .await
}

/// A role by id, then by name (an ambiguous name is an error).
async fn find_role(c: &Client, x: &str) -> Res<types::Role> {
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
async fn find_service(c: &Client, x: &str) -> Res<types::Service> {
    let by_id = match c.services().get(x).await {
        Ok(s) => return Ok(s),
        Err(e) if is_missing(&e) => e,
        Err(e) => return Err(e.into()),
    };
    let all = c.services().list().await?;
    let named = all
        .iter()
        .filter(|s| s.name.as_deref() == Some(x))
        .collect();
    if let Some(found) = only("service", x, named)? {
        return Ok(found.clone());
    }
    let typed: Vec<_> = all.iter().filter(|s| s.type_ == x).collect();
    match typed.len() {
        1 => Ok(typed[0].clone()),
        0 => Err(command(format!(
            "No service with a type, name or ID of '{x}' exists. Keystone: {}",
            describe(&by_id)
        ))),
        _ => Err(command(format!(
            "Multiple service matches found for '{x}', use an ID to be more specific."
        ))),
    }
}

/// Runs `f` for each name; failures are reported on stderr one by one, then summed up as
/// openstackclient does ("1 of 2 projects failed to delete.").
async fn each<'a, F, Fut>(kind: &str, names: &'a [String], f: F) -> Res<Output>
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

fn listing(columns: &[&str], rows: Vec<Vec<Value>>, output: ListOutput) -> Output {
    Output::List(
        Listing {
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            rows,
        },
        output,
    )
}

/// The password of `--password` or `--password-prompt` (asked twice on the terminal).
fn password(given: Option<String>, prompt: bool) -> Res<Option<String>> {
    use std::io::IsTerminal as _;
    if !prompt {
        return Ok(given);
    }
    if !std::io::stdin().is_terminal() {
        return Err(command(
            "There was a request to be prompted for a password and a terminal was not detected.",
        ));
    }
    let first = rpassword::prompt_password("User Password:")
        .map_err(|e| command(format!("cannot read the password: {e}")))?;
    let second = rpassword::prompt_password("Repeat User Password:")
        .map_err(|e| command(format!("cannot read the password: {e}")))?;
    if first != second {
        return Err(command("The passwords entered were not the same"));
    }
    Ok(Some(first))
}

async fn access(c: &Client) -> Res<AccessInfo> {
    c.access_info().await.map_err(|e| match e {
        Error::AuthorizationFailure(_) => {
            command("Only an authorized user may issue a new token (a static --os-token has no token data).")
        }
        other => other.into(),
    })
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

/// Runs the command of `cli` (not `completion`, which needs no client).
///
/// # Errors
/// Keystone's answer, or the command's own failure, as one line.
///
/// ```no_run
/// # async fn f(cli: keystone_v2_cli::args::Cli, client: keystone_v2::Client) {
/// let out = keystone_v2_cli::run::run(cli.command, &client).await;
/// # }
/// ```
pub async fn run(cmd: Command, c: &Client) -> Res<Output> {
    match cmd {
        Command::Completion { .. } => Ok(Output::Nothing),
        Command::Catalog(cmd) => catalog(cmd, c).await,
        Command::Ec2(Ec2Cmd::Credentials(cmd)) => ec2(cmd, c).await,
        Command::Endpoint(cmd) => endpoint(cmd, c).await,
        Command::Project(cmd) => project(cmd, c).await,
        Command::Role(cmd) => role(cmd, c).await,
        Command::Service(cmd) => service(cmd, c).await,
        Command::Token(cmd) => token(cmd, c).await,
        Command::User(cmd) => user(cmd, c).await,
        Command::Extension(cmd) => extension(cmd, c).await,
        Command::Version(VersionCmd::List { output }) => {
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
    }
}

async fn catalog(cmd: CatalogCmd, c: &Client) -> Res<Output> {
    let a = access(c).await?;
    let services: Vec<Map<String, Value>> =
        a.service_catalog().services().iter().map(info).collect();
    match cmd {
        CatalogCmd::List { output } => {
            let rows = services
                .iter()
                .map(|s| {
                    let eps = s.get("endpoints").and_then(Value::as_array).cloned();
                    vec![
                        get(s, "name"),
                        get(s, "type"),
                        Value::String(endpoints_text(&eps.unwrap_or_default())),
                    ]
                })
                .collect();
            Ok(listing(&["Name", "Type", "Endpoints"], rows, output))
        }
        CatalogCmd::Show { service, output } => {
            let found = services.into_iter().find(|s| {
                s.get("name").and_then(Value::as_str) == Some(&service)
                    || s.get("type").and_then(Value::as_str) == Some(&service)
            });
            let Some(mut s) = found else {
                return Err(command(format!("service {service} not found")));
            };
            let eps = s.get("endpoints").and_then(Value::as_array).cloned();
            s.insert(
                "endpoints".into(),
                Value::String(endpoints_text(&eps.unwrap_or_default())),
            );
            s.remove("endpoints_links");
            Ok(Output::Show(sorted(s), output))
        }
    }
}

/// The user of `--user`, or the token's.
async fn user_or_self(c: &Client, user: Option<&str>) -> Res<String> {
    match user {
        Some(u) => Ok(find_user(c, u).await?.id),
        None => Ok(access(c).await?.user_id().to_owned()),
    }
}

/// An EC2 credential's fields with its secret masked (only `create` shows it).
fn masked_ec2(cred: &types::Ec2Credential) -> Map<String, Value> {
    let mut m = project_id_field(info(cred));
    m.insert("secret".into(), Value::String("***".into()));
    m
}

async fn ec2(cmd: Ec2CredentialsCmd, c: &Client) -> Res<Output> {
    match cmd {
        Ec2CredentialsCmd::Create {
            project,
            user,
            output,
        } => {
            let project = match project {
                Some(p) => find_project(c, &p).await?.id,
                None => access(c)
                    .await?
                    .tenant_id()
                    .map(str::to_owned)
                    .ok_or_else(|| {
                        command("The token is not scoped to a project: use --project")
                    })?,
            };
            let user = user_or_self(c, user.as_deref()).await?;
            let cred = c.ec2().create(&user, &project).await?;
            Ok(Output::Show(sorted(project_id_field(info(&cred))), output))
        }
        Ec2CredentialsCmd::Delete { access_keys, user } => {
            let user = user_or_self(c, user.as_deref()).await?;
            let user = &user;
            let mut errors = 0;
            for key in &access_keys {
                if let Err(e) = c.ec2().delete(user, key).await {
                    errors += 1;
                    eprintln!(
                        "Failed to delete EC2 credentials with access key '{key}': {}",
                        describe(&e)
                    );
                }
            }
            if errors > 0 {
                return Err(command(format!(
                    "{errors} of {} EC2 keys failed to delete.",
                    access_keys.len()
                )));
            }
            Ok(Output::Nothing)
        }
        Ec2CredentialsCmd::List { user, output } => {
            let user = user_or_self(c, user.as_deref()).await?;
            let rows = c
                .ec2()
                .list(&user)
                .await?
                .iter()
                .map(|cred| {
                    let m = masked_ec2(cred);
                    vec![
                        get(&m, "access"),
                        get(&m, "secret"),
                        get(&m, "project_id"),
                        get(&m, "user_id"),
                    ]
                })
                .collect();
            Ok(listing(
                &["Access", "Secret", "Project ID", "User ID"],
                rows,
                output,
            ))
        }
        Ec2CredentialsCmd::Show {
            access_key,
            user,
            output,
        } => {
            let user = user_or_self(c, user.as_deref()).await?;
            let cred = c.ec2().get(&user, &access_key).await?;
            Ok(Output::Show(sorted(masked_ec2(&cred)), output))
        }
    }
}

async fn endpoint(cmd: EndpointCmd, c: &Client) -> Res<Output> {
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

fn extra(properties: Vec<(String, String)>) -> Map<String, Value> {
    properties
        .into_iter()
        .map(|(k, v)| (k, Value::String(v)))
        .collect()
}

/// `project show`'s fields: the reserved ones, and the others as `properties`.
fn project_record(t: &types::Tenant) -> Record {
    let mut m = info(t);
    m.remove("parent_id");
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
    m.insert("properties".into(), Value::Object(properties));
    sorted(m)
}

async fn project(cmd: ProjectCmd, c: &Client) -> Res<Output> {
    match cmd {
        ProjectCmd::Create {
            name,
            description,
            enable,
            properties,
            or_show,
            output,
        } => {
            let options = TenantOptions {
                description,
                enabled: Some(!enable.disable),
                extra: extra(properties),
                ..Default::default()
            };
            let t = match c.tenants().create(&name, options).await {
                Ok(t) => t,
                Err(e) if e.is_conflict() && or_show => find_project(c, &name).await?,
                Err(e) => return Err(e.into()),
            };
            let mut m = info(&t);
            m.remove("parent_id");
            Ok(Output::Show(sorted(m), output))
        }
        ProjectCmd::Delete { projects } => {
            each("project", &projects, |p| async move {
                let t = find_project(c, p).await?;
                Ok(c.tenants().delete(&t.id).await?)
            })
            .await
        }
        ProjectCmd::List { long, sort, output } => {
            let mut items: Vec<Map<String, Value>> = c
                .tenants()
                .list(Default::default())
                .await?
                .iter()
                .map(info)
                .collect();
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
            Ok(Output::Show(project_record(&t), output))
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

async fn role(cmd: RoleCmd, c: &Client) -> Res<Output> {
    match cmd {
        RoleCmd::Add { grant, output } => {
            let role = find_role(c, &grant.role).await?;
            let project = find_project(c, &grant.project).await?;
            let user = find_user(c, &grant.user).await?;
            let granted = c
                .roles()
                .add_user_role(&user.id, &role.id, Some(&project.id))
                .await?;
            Ok(Output::Show(sorted(info(&granted.unwrap_or(role))), output))
        }
        RoleCmd::Assignment(AssignmentCmd::List {
            user,
            project,
            names,
            auth_user,
            auth_project,
            output,
        }) => {
            let user = match (user, auth_user) {
                (Some(u), _) => Some(find_user(c, &u).await?),
                (None, true) => {
                    let id = access(c).await?.user_id().to_owned();
                    Some(find_user(c, &id).await?)
                }
                _ => None,
            };
            let project = match (project, auth_project) {
                (Some(p), _) => Some(find_project(c, &p).await?),
                (None, true) => match access(c).await?.tenant_id().map(str::to_owned) {
                    Some(id) => Some(find_project(c, &id).await?),
                    None => None,
                },
                _ => None,
            };
            let (Some(user), Some(project)) = (user, project) else {
                return Err(command("Project and User must be specified"));
            };
            let rows = c
                .roles()
                .roles_for_user(&user.id, Some(&project.id))
                .await?
                .into_iter()
                .map(|r| {
                    if names {
                        vec![
                            r.name.into(),
                            user.name.clone().into(),
                            project.name.clone().into(),
                        ]
                    } else {
                        vec![
                            r.id.into(),
                            user.id.clone().into(),
                            project.id.clone().into(),
                        ]
                    }
                })
                .collect();
            Ok(listing(&["Role", "User", "Project"], rows, output))
        }
        RoleCmd::Create {
            name,
            or_show,
            output,
        } => {
            let r = match c.roles().create(&name).await {
                Ok(r) => r,
                Err(e) if e.is_conflict() && or_show => find_role(c, &name).await?,
                Err(e) => return Err(e.into()),
            };
            Ok(Output::Show(sorted(info(&r)), output))
        }
        RoleCmd::Delete { roles } => {
            each("role", &roles, |r| async move {
                let role = find_role(c, r).await?;
                Ok(c.roles().delete(&role.id).await?)
            })
            .await
        }
        RoleCmd::List { output } => {
            let rows = c
                .roles()
                .list()
                .await?
                .into_iter()
                .map(|r| vec![r.id.into(), r.name.into()])
                .collect();
            Ok(listing(&["ID", "Name"], rows, output))
        }
        RoleCmd::Remove { grant } => {
            let role = find_role(c, &grant.role).await?;
            let project = find_project(c, &grant.project).await?;
            let user = find_user(c, &grant.user).await?;
            c.roles()
                .remove_user_role(&user.id, &role.id, Some(&project.id))
                .await?;
            Ok(Output::Nothing)
        }
        RoleCmd::Show { role, output } => {
            let r = find_role(c, &role).await?;
            Ok(Output::Show(sorted(info(&r)), output))
        }
    }
}

async fn service(cmd: ServiceCmd, c: &Client) -> Res<Output> {
    match cmd {
        ServiceCmd::Create {
            service_type,
            name,
            description,
            output,
        } => {
            let s = c
                .services()
                .create_of_type(&service_type, name.as_deref(), description.as_deref())
                .await?;
            Ok(Output::Show(sorted(info(&s)), output))
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
            let rows = c
                .services()
                .list()
                .await?
                .iter()
                .map(|s| {
                    let m = info(s);
                    columns
                        .iter()
                        .map(|col| get(&m, &col.to_lowercase()))
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
            Ok(Output::Show(sorted(info(&s)), output))
        }
    }
}

/// openstackclient's `expires`: `%Y-%m-%dT%H:%M:%S%z`.
fn expires(a: &AccessInfo) -> Value {
    a.expires().format("%Y-%m-%dT%H:%M:%S%z").to_string().into()
}

async fn token(cmd: TokenCmd, c: &Client) -> Res<Output> {
    match cmd {
        TokenCmd::Issue { output } => {
            let a = access(c).await?;
            let mut m = Map::new();
            m.insert("id".into(), a.auth_token().expose().into());
            m.insert("expires".into(), expires(&a));
            if let Some(p) = a.project_id() {
                m.insert("project_id".into(), p.into());
            }
            m.insert("user_id".into(), a.user_id().into());
            Ok(Output::Show(sorted(m), output))
        }
        TokenCmd::Revoke { token } => {
            c.tokens().delete(&token).await?;
            Ok(Output::Nothing)
        }
        TokenCmd::Validate {
            token,
            project,
            output,
        } => {
            let data = match project {
                Some(p) => {
                    let p = find_project(c, &p).await?;
                    c.tokens().validate_belongs_to(&token, &p.id).await?
                }
                None => c.tokens().validate(&token).await?,
            };
            let a = AccessInfo::new(data)?;
            let mut m = Map::new();
            m.insert("expires".into(), expires(&a));
            if let Some(i) = a.issued() {
                m.insert(
                    "issued_at".into(),
                    i.format("%Y-%m-%dT%H:%M:%S%z").to_string().into(),
                );
            }
            m.insert("project_id".into(), opt(a.project_id()));
            m.insert("project_name".into(), opt(a.project_name()));
            m.insert("roles".into(), a.role_names().join(", ").into());
            m.insert("user_id".into(), a.user_id().into());
            m.insert("user_name".into(), opt(a.username()));
            Ok(Output::Show(sorted(m), output))
        }
    }
}

async fn user(cmd: UserCmd, c: &Client) -> Res<Output> {
    match cmd {
        UserCmd::Create {
            name,
            project,
            password: given,
            password_prompt,
            email,
            enable,
            or_show,
            output,
        } => {
            let tenant_id = match project {
                Some(p) => Some(find_project(c, &p).await?.id),
                None => None,
            };
            let password = password(given, password_prompt)?;
            if password.is_none() {
                eprintln!(
                    "No password was supplied, authentication will fail when a user does not have a password."
                );
            }
            let options = UserOptions {
                password: password.map(Into::into),
                email,
                tenant_id,
                enabled: Some(!enable.disable),
                ..Default::default()
            };
            let u = match c.users().create(&name, options).await {
                Ok(u) => u,
                Err(e) if e.is_conflict() && or_show => find_user(c, &name).await?,
                Err(e) => return Err(e.into()),
            };
            Ok(Output::Show(sorted(project_id_field(info(&u))), output))
        }
        UserCmd::Delete { users } => {
            each("user", &users, |u| async move {
                let user = find_user(c, u).await?;
                Ok(c.users().delete(&user.id).await?)
            })
            .await
        }
        UserCmd::List {
            project,
            long,
            output,
        } => {
            let tenant = match project {
                Some(p) => Some(find_project(c, &p).await?.id),
                None => None,
            };
            let mut users = c.users().list(tenant.as_deref()).await?;
            if tenant.is_some() {
                let mut seen = std::collections::HashSet::new();
                users.retain(|u| seen.insert(u.id.clone()));
            }
            if !long {
                let rows = users
                    .into_iter()
                    .map(|u| vec![u.id.into(), u.name.into()])
                    .collect();
                return Ok(listing(&["ID", "Name"], rows, output));
            }
            // --long names each user's project when the projects can be listed.
            let projects: BTreeMap<String, String> =
                match c.tenants().list(Default::default()).await {
                    Ok(list) => list.into_iter().map(|t| (t.id, t.name)).collect(),
                    Err(_) => BTreeMap::new(),
                };
            let rows = users
                .into_iter()
                .map(|u| {
                    let project = u
                        .tenant_id
                        .as_ref()
                        .map(|id| projects.get(id).cloned().unwrap_or_else(|| id.clone()))
                        .unwrap_or_default();
                    vec![
                        u.id.into(),
                        u.name.into(),
                        project.into(),
                        opt(u.email),
                        opt(u.enabled),
                    ]
                })
                .collect();
            Ok(listing(
                &["ID", "Name", "Project", "Email", "Enabled"],
                rows,
                output,
            ))
        }
        UserCmd::Set {
            user,
            name,
            project,
            password: given,
            password_prompt,
            email,
            enable,
        } => {
            let password = password(given, password_prompt)?;
            if password.as_deref() == Some("") {
                eprintln!(
                    "No password was supplied, authentication will fail when a user does not have a password."
                );
            }
            let u = find_user(c, &user).await?;
            if let Some(p) = password.filter(|p| !p.is_empty()) {
                c.users().update_password(&u.id, p).await?;
            }
            if let Some(p) = project {
                let t = find_project(c, &p).await?;
                c.users().update_tenant(&u.id, &t.id).await?;
            }
            if name.is_some() || email.is_some() || enable.value().is_some() {
                let options = UserOptions {
                    name,
                    email,
                    enabled: enable.value().or(u.enabled),
                    ..Default::default()
                };
                c.users().update(&u.id, options).await?;
            }
            Ok(Output::Nothing)
        }
        UserCmd::Show { user, output } => {
            let u = find_user(c, &user).await?;
            Ok(Output::Show(sorted(project_id_field(info(&u))), output))
        }
    }
}

async fn extension(cmd: ExtensionCmd, c: &Client) -> Res<Output> {
    match cmd {
        ExtensionCmd::List { long, output } => {
            let mut columns = vec!["Name", "Alias", "Description"];
            if long {
                columns.extend(["Namespace", "Updated", "Links"]);
            }
            let rows = c
                .extensions()
                .list()
                .await?
                .iter()
                .map(|e| {
                    let m = info(e);
                    columns
                        .iter()
                        .map(|col| get(&m, &col.to_lowercase()))
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
