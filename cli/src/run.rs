//! Runs a command: builds the SDK client from the global options, calls Keystone, and shapes
//! the answer into a [`Listing`] or a [`Record`] with openstackclient's columns and fields.

use std::sync::Arc;

use clap::parser::ValueSource;
use clap::ArgMatches;
use keystone_v2::config::Environment;
use keystone_v2::{Client, ClientBuilder, Error};

use crate::args::{Command, Global};
use crate::commands;
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

/// A command's failure: its `Display` is the one line printed on stderr.
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
            // No auth URL anywhere: openstackclient's words for it.
            CliError::Api(Error::AuthorizationFailure(m))
                if m.starts_with("Cannot authenticate without an auth_url") =>
            {
                f.write_str("Missing value auth-url required for auth plugin password")
            }
            CliError::Api(e) => f.write_str(&describe(e)),
            CliError::Command(m) => f.write_str(m),
        }
    }
}

/// A command's outcome.
pub type Res<T> = Result<T, CliError>;

/// A command's own failure.
pub(crate) fn command(message: impl Into<String>) -> CliError {
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
    let given = |id: &str| matches.value_source(id) == Some(ValueSource::CommandLine);
    if let Some(v) = &g.os_identity_api_version {
        if !matches!(v.as_str(), "2" | "2.0") {
            return Err(command(format!(
                "keystone-v2 speaks the Identity API v2.0 only: --os-identity-api-version {v} is not supported (use 2)"
            )));
        }
    }
    let mut env = Environment::from_process();
    ignore_domains(g);
    // Given on the command line, the auth type is read as OS_AUTH_TYPE is, with the endpoint
    // and token admin_token needs.
    if given("os_auth_type") {
        let vars = [
            ("OS_AUTH_TYPE", &g.os_auth_type),
            ("OS_ENDPOINT", &g.os_endpoint),
            ("OS_URL", &g.os_url),
            ("OS_TOKEN", &g.os_token),
        ];
        for (name, value) in vars {
            if let Some(v) = value {
                env = env.var(name, v);
            }
        }
    }
    // Other clouds' keys given on the command line are read as their variables are, for an
    // auth type that needs them (OS_AUTH_TYPE, or --os-auth-type).
    for (id, name, value) in [
        ("os_api_key", "OS_API_KEY", &g.os_api_key),
        ("os_access_key", "OS_ACCESS_KEY", &g.os_access_key),
        ("os_secret_key", "OS_SECRET_KEY", &g.os_secret_key),
    ] {
        if let (true, Some(v)) = (given(id), value) {
            env = env.var(name, v);
        }
    }
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
    over!("os_user_id", g.os_user_id, user_id);
    over!("os_trust_id", g.os_trust_id, trust_id);
    over!("os_region_name", g.os_region_name, region_name);
    over!("os_token", g.os_token, token);
    over!("os_api_key", g.os_api_key, api_key);
    over!("os_access_key", g.os_access_key, access_key);
    over!("os_secret_key", g.os_secret_key, secret_key);
    // A multi-factor login (Rackspace) asks for the passcode on the terminal.
    b = b.passcode_callback(|p| {
        eprint!(
            "{} for {}: ",
            p.factor,
            p.username.as_deref().unwrap_or("the user")
        );
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).ok()?;
        Some(line.trim().into()).filter(|s: &keystone_v2::Secret| !s.is_empty())
    });
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
    if let Some(url) = &g.os_endpoint_override {
        b = b.endpoint(url.clone());
    }
    // Keystone's own JSON (commands::keystone_json) is read from the identity endpoint the
    // commands are sent to: the static one when there is one.
    let identity = g
        .os_endpoint_override
        .as_ref()
        .or(g.os_endpoint.as_ref())
        .or(g.os_url.as_ref());
    if let Some(url) = identity {
        b = b.endpoint_override("identity", url.clone());
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

/// openstackclient's warning for each domain option given, which v2.0 ignores (twice, as
/// openstackclient prints it: it reads its configuration twice).
fn ignore_domains(g: &Global) {
    let d = &g.domains;
    let given = [
        ("project_domain_id", &d.os_project_domain_id),
        ("project_domain_name", &d.os_project_domain_name),
        ("user_domain_id", &d.os_user_domain_id),
        ("user_domain_name", &d.os_user_domain_name),
    ];
    for _ in 0..2 {
        for (name, value) in &given {
            if value.is_some() {
                eprintln!(
                    "Ignoring domain related config {name} because identity API version is 2.0"
                );
            }
        }
    }
}

/// The interface of `--os-interface` / `OS_INTERFACE` (public when not given): the operations
/// both APIs serve (`extension list`) go to it, as openstackclient sends them.
fn interface(g: &Global) -> Res<keystone_v2::Interface> {
    match &g.os_interface {
        Some(i) => i
            .parse()
            .map_err(|e: Error| command(format!("--os-interface: {e}"))),
        None => Ok(keystone_v2::Interface::Public),
    }
}

/// Runs the command of `cli` (not `completion`, which needs no client).
///
/// # Errors
/// Keystone's answer, or the command's own failure, as one line.
///
/// ```no_run
/// # async fn f(cli: keystone_v2_cli::args::Cli, client: keystone_v2::Client) {
/// let out = keystone_v2_cli::run::run(cli.command, &client, &cli.global).await;
/// # }
/// ```
pub async fn run(cmd: Command, c: &Client, g: &Global) -> Res<Output> {
    match cmd {
        Command::Completion { .. } => Ok(Output::Nothing),
        Command::Catalog(cmd) => commands::catalog::run(cmd, c).await,
        Command::Ec2(commands::ec2::Ec2Cmd::Credentials(cmd)) => commands::ec2::run(cmd, c).await,
        Command::Endpoint(cmd) => commands::endpoint::run(cmd, c).await,
        Command::Project(cmd) => commands::project::run(cmd, c, interface(g)?).await,
        Command::Role(cmd) => commands::role::run(cmd, c).await,
        Command::Service(cmd) => commands::service::run(cmd, c).await,
        Command::Token(cmd) => commands::token::run(cmd, c).await,
        Command::User(cmd) => commands::user::run(cmd, c).await,
        Command::Extension(cmd) => commands::extension::run(cmd, c, interface(g)?).await,
        Command::Version(cmd) => commands::version::run(cmd, c).await,
    }
}
