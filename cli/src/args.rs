//! The command line: global options, openstackclient's identity v2 commands, and the legacy
//! `keystone` command names ([`LEGACY`]).

use clap::{Args, Parser, Subcommand};

use crate::format::{ListOutput, ShowOutput};

/// The legacy `keystone` CLI's command names (python-keystoneclient's v2.0 shell) and the
/// commands they run. A legacy name takes the new command's arguments.
pub const LEGACY: &[(&str, &[&str])] = &[
    ("catalog", &["catalog", "list"]),
    ("ec2-credentials-create", &["ec2", "credentials", "create"]),
    ("ec2-credentials-delete", &["ec2", "credentials", "delete"]),
    ("ec2-credentials-get", &["ec2", "credentials", "show"]),
    ("ec2-credentials-list", &["ec2", "credentials", "list"]),
    ("endpoint-create", &["endpoint", "create"]),
    ("endpoint-delete", &["endpoint", "delete"]),
    ("endpoint-get", &["endpoint", "show"]),
    ("endpoint-list", &["endpoint", "list"]),
    ("role-create", &["role", "create"]),
    ("role-delete", &["role", "delete"]),
    ("role-get", &["role", "show"]),
    ("role-list", &["role", "list"]),
    ("service-create", &["service", "create"]),
    ("service-delete", &["service", "delete"]),
    ("service-get", &["service", "show"]),
    ("service-list", &["service", "list"]),
    ("tenant-create", &["project", "create"]),
    ("tenant-delete", &["project", "delete"]),
    ("tenant-get", &["project", "show"]),
    ("tenant-list", &["project", "list"]),
    ("tenant-update", &["project", "set"]),
    ("token-get", &["token", "issue"]),
    ("user-create", &["user", "create"]),
    ("user-delete", &["user", "delete"]),
    ("user-get", &["user", "show"]),
    ("user-list", &["user", "list"]),
    ("user-password-update", &["user", "set"]),
    ("user-role-add", &["role", "add"]),
    ("user-role-list", &["role", "assignment", "list"]),
    ("user-role-remove", &["role", "remove"]),
    ("user-update", &["user", "set"]),
];

/// The `--help` text that lists the legacy names.
fn legacy_help() -> String {
    let mut s =
        String::from("Legacy `keystone` command names (they take the new command's arguments):\n");
    for (old, new) in LEGACY {
        s.push_str(&format!("  {old:<24} {}\n", new.join(" ")));
    }
    s
}

/// Rewrites a legacy command name (`tenant-list`) into its command (`project list`). The
/// command is the first argument that is neither an option nor an option's value.
///
/// ```
/// let args = keystone_v2_cli::args::rewrite_legacy(
///     ["keystone-v2", "--os-username", "admin", "tenant-list", "-f", "value"].map(String::from).to_vec(),
/// );
/// assert_eq!(args, ["keystone-v2", "--os-username", "admin", "project", "list", "-f", "value"]);
/// ```
pub fn rewrite_legacy(mut args: Vec<String>) -> Vec<String> {
    use clap::CommandFactory as _;
    let command = Cli::command();
    let takes_value = |flag: &str| {
        command.get_arguments().any(|a| {
            let long = flag.strip_prefix("--");
            let short = flag.strip_prefix('-').and_then(|s| s.chars().next());
            let named = match long {
                Some(l) => a.get_long() == Some(l),
                None => short.is_some() && a.get_short() == short,
            };
            named && a.get_action().takes_values()
        })
    };
    let mut i = 1;
    while i < args.len() {
        let a = &args[i];
        if a == "--" {
            return args;
        }
        if a.starts_with('-') {
            if !a.contains('=') && takes_value(a) {
                i += 1;
            }
            i += 1;
            continue;
        }
        if let Some((old, new)) = LEGACY.iter().find(|(old, _)| old == a) {
            // `catalog` is also a new command: `catalog list` stays as it is.
            let also_new = new[0] == *old && args.get(i + 1).is_some_and(|n| !n.starts_with('-'));
            if !also_new {
                args.splice(i..=i, new.iter().map(|s| (*s).to_owned()));
            }
        }
        return args;
    }
    args
}

/// `keystone-v2`: openstackclient's identity v2 commands for Keystone v2.0.
#[derive(Parser, Debug)]
#[command(
    name = "keystone-v2",
    version,
    about = "Keystone v2.0 from the command line: openstackclient's identity v2 commands and output formats, in one binary",
    after_help = legacy_help(),
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Global options.
    #[command(flatten)]
    pub global: Global,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// The global options, each with its `OS_*` variable; clouds.yaml is read as openstacksdk
/// reads it (`--os-cloud` / `OS_CLOUD`).
#[derive(Args, Debug, Clone, Default)]
pub struct Global {
    /// The cloud of clouds.yaml to use.
    #[arg(
        long,
        env = "OS_CLOUD",
        global = true,
        value_name = "NAME",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_cloud: Option<String>,
    /// The identity (public) API URL, such as http://host:5000/v2.0.
    #[arg(
        long,
        env = "OS_AUTH_URL",
        global = true,
        value_name = "URL",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_auth_url: Option<String>,
    /// The user name to authenticate with.
    #[arg(
        long,
        env = "OS_USERNAME",
        global = true,
        value_name = "NAME",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_username: Option<String>,
    /// The password to authenticate with.
    #[arg(
        long,
        env = "OS_PASSWORD",
        global = true,
        value_name = "PASSWORD",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_password: Option<String>,
    /// The project (tenant) name to scope the token to.
    #[arg(
        long,
        env = "OS_PROJECT_NAME",
        global = true,
        value_name = "NAME",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_project_name: Option<String>,
    /// Same as --os-project-name.
    #[arg(
        long,
        env = "OS_TENANT_NAME",
        global = true,
        value_name = "NAME",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_tenant_name: Option<String>,
    /// The project (tenant) id to scope the token to.
    #[arg(
        long,
        env = "OS_PROJECT_ID",
        global = true,
        value_name = "ID",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_project_id: Option<String>,
    /// Same as --os-project-id.
    #[arg(
        long,
        env = "OS_TENANT_ID",
        global = true,
        value_name = "ID",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_tenant_id: Option<String>,
    /// The region of the catalog's endpoints.
    #[arg(
        long,
        env = "OS_REGION_NAME",
        global = true,
        value_name = "NAME",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_region_name: Option<String>,
    /// The catalog interface: public, internal or admin.
    #[arg(
        long,
        env = "OS_INTERFACE",
        global = true,
        value_name = "INTERFACE",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_interface: Option<String>,
    /// A token: with --os-url, used as it is (the admin-token bootstrap); with --os-auth-url,
    /// exchanged for a scoped token.
    #[arg(
        long,
        env = "OS_TOKEN",
        global = true,
        value_name = "TOKEN",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_token: Option<String>,
    /// The admin API URL to send requests to, such as http://host:35357/v2.0.
    #[arg(
        long,
        env = "OS_URL",
        global = true,
        value_name = "URL",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_url: Option<String>,
    /// Same as --os-url.
    #[arg(
        long,
        env = "OS_ENDPOINT",
        global = true,
        value_name = "URL",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_endpoint: Option<String>,
    /// CA certificates (PEM file) to verify the server with.
    #[arg(
        long,
        env = "OS_CACERT",
        global = true,
        value_name = "FILE",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_cacert: Option<std::path::PathBuf>,
    /// A client certificate (PEM file).
    #[arg(
        long,
        env = "OS_CERT",
        global = true,
        value_name = "FILE",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_cert: Option<std::path::PathBuf>,
    /// The client certificate's key (PEM file).
    #[arg(
        long,
        env = "OS_KEY",
        global = true,
        value_name = "FILE",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_key: Option<std::path::PathBuf>,
    /// Do not verify the server's certificate.
    #[arg(
        long,
        env = "OS_INSECURE",
        global = true,
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub insecure: bool,
    /// The deadline of each request, in seconds.
    #[arg(
        long,
        env = "OS_TIMEOUT",
        global = true,
        value_name = "SECONDS",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub timeout: Option<f64>,
    /// Print the HTTP exchange on stderr (tokens, passwords and secrets redacted).
    #[arg(long, global = true, help_heading = "Global options")]
    pub debug: bool,
    /// Print the time of each request after the output.
    #[arg(long, global = true, help_heading = "Global options")]
    pub timing: bool,
    /// Do not use the token cache (on by default, in the user's cache directory).
    #[arg(
        long,
        env = "OS_NO_CACHE",
        global = true,
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub no_cache: bool,
}

/// A command.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// The service catalog of the token.
    #[command(subcommand)]
    Catalog(CatalogCmd),
    /// EC2 credentials.
    #[command(subcommand)]
    Ec2(Ec2Cmd),
    /// Endpoints.
    #[command(subcommand)]
    Endpoint(EndpointCmd),
    /// Projects (tenants).
    #[command(subcommand)]
    Project(ProjectCmd),
    /// Roles and role grants.
    #[command(subcommand)]
    Role(RoleCmd),
    /// Services.
    #[command(subcommand)]
    Service(ServiceCmd),
    /// Tokens.
    #[command(subcommand)]
    Token(TokenCmd),
    /// Users.
    #[command(subcommand)]
    User(UserCmd),
    /// API extensions.
    #[command(subcommand)]
    Extension(ExtensionCmd),
    /// API versions.
    #[command(subcommand)]
    Version(VersionCmd),
    /// Prints a shell completion script (bash, zsh or fish).
    Completion {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

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

/// `ec2 ...`
#[derive(Subcommand, Debug)]
pub enum Ec2Cmd {
    /// EC2 credentials.
    #[command(subcommand)]
    Credentials(Ec2CredentialsCmd),
}

/// `ec2 credentials ...`
#[derive(Subcommand, Debug)]
pub enum Ec2CredentialsCmd {
    /// Create EC2 credentials (the answer shows the secret).
    Create {
        /// Create credentials in project (name or ID; default: current authenticated project).
        #[arg(long, value_name = "PROJECT")]
        project: Option<String>,
        /// Create credentials for user (name or ID; default: current authenticated user).
        #[arg(long, value_name = "USER")]
        user: Option<String>,
        /// Output options.
        #[command(flatten)]
        output: ShowOutput,
    },
    /// Delete EC2 credentials.
    Delete {
        /// Credentials access key(s).
        #[arg(value_name = "ACCESS_KEY", required = true)]
        access_keys: Vec<String>,
        /// Delete credentials for user (name or ID).
        #[arg(long, value_name = "USER")]
        user: Option<String>,
    },
    /// List EC2 credentials (secrets masked).
    List {
        /// Filter list by user (name or ID).
        #[arg(long, value_name = "USER")]
        user: Option<String>,
        /// Output options.
        #[command(flatten)]
        output: ListOutput,
    },
    /// Display EC2 credentials details (the secret masked).
    Show {
        /// Credentials access key.
        #[arg(value_name = "ACCESS_KEY")]
        access_key: String,
        /// Show credentials for user (name or ID).
        #[arg(long, value_name = "USER")]
        user: Option<String>,
        /// Output options.
        #[command(flatten)]
        output: ShowOutput,
    },
}

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

/// `--enable` / `--disable`.
#[derive(Args, Debug, Clone, Copy, Default)]
#[group(multiple = false)]
pub struct Enable {
    /// Enable.
    #[arg(long)]
    pub enable: bool,
    /// Disable.
    #[arg(long)]
    pub disable: bool,
}

impl Enable {
    /// `Some(true)` for `--enable`, `Some(false)` for `--disable`, else `None`.
    ///
    /// ```
    /// let e = keystone_v2_cli::args::Enable { enable: false, disable: true };
    /// assert_eq!(e.value(), Some(false));
    /// ```
    pub fn value(self) -> Option<bool> {
        match (self.enable, self.disable) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        }
    }
}

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

/// `--project` and `--user` of a role grant.
#[derive(Args, Debug, Clone)]
pub struct Grant {
    /// Role to add/remove (name or ID).
    #[arg(value_name = "ROLE")]
    pub role: String,
    /// Include project (name or ID).
    #[arg(long, value_name = "PROJECT", alias = "tenant", alias = "tenant-id")]
    pub project: String,
    /// Include user (name or ID).
    #[arg(long, value_name = "USER", alias = "user-id")]
    pub user: String,
}

/// `role ...`
#[derive(Subcommand, Debug)]
pub enum RoleCmd {
    /// Add role to project:user.
    Add {
        /// The grant.
        #[command(flatten)]
        grant: Grant,
        /// Output options.
        #[command(flatten)]
        output: ShowOutput,
    },
    /// Role assignments.
    #[command(subcommand)]
    Assignment(AssignmentCmd),
    /// Create new role.
    Create {
        /// New role name.
        #[arg(value_name = "ROLE_NAME")]
        name: String,
        /// Return existing role.
        #[arg(long)]
        or_show: bool,
        /// Output options.
        #[command(flatten)]
        output: ShowOutput,
    },
    /// Delete role(s).
    Delete {
        /// Role(s) to delete (name or ID).
        #[arg(value_name = "ROLE", required = true)]
        roles: Vec<String>,
    },
    /// List roles.
    List {
        /// Output options.
        #[command(flatten)]
        output: ListOutput,
    },
    /// Remove role from project:user.
    Remove {
        /// The grant.
        #[command(flatten)]
        grant: Grant,
    },
    /// Display role details.
    Show {
        /// Role to display (name or ID).
        #[arg(value_name = "ROLE")]
        role: String,
        /// Output options.
        #[command(flatten)]
        output: ShowOutput,
    },
}

/// `role assignment ...`
#[derive(Subcommand, Debug)]
pub enum AssignmentCmd {
    /// List role assignments of a user on a project.
    List {
        /// User to filter (name or ID).
        #[arg(long, value_name = "USER", alias = "user-id")]
        user: Option<String>,
        /// Project to filter (name or ID).
        #[arg(long, value_name = "PROJECT", alias = "tenant", alias = "tenant-id")]
        project: Option<String>,
        /// Display names instead of IDs.
        #[arg(long)]
        names: bool,
        /// Only list assignments for the authenticated user.
        #[arg(long)]
        auth_user: bool,
        /// Only list assignments for the project to which the authenticated user's token is
        /// scoped.
        #[arg(long)]
        auth_project: bool,
        /// Output options.
        #[command(flatten)]
        output: ListOutput,
    },
}

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

/// `token ...`
#[derive(Subcommand, Debug)]
pub enum TokenCmd {
    /// Issue new token (the answer shows it).
    Issue {
        /// Output options.
        #[command(flatten)]
        output: ShowOutput,
    },
    /// Revoke existing token.
    Revoke {
        /// Token to be deleted.
        #[arg(value_name = "TOKEN")]
        token: String,
    },
    /// Validate a token and display its data (the token itself is not printed).
    Validate {
        /// Token to validate.
        #[arg(value_name = "TOKEN")]
        token: String,
        /// Check that the token is scoped to this project (name or ID).
        #[arg(long, value_name = "PROJECT")]
        project: Option<String>,
        /// Output options.
        #[command(flatten)]
        output: ShowOutput,
    },
}

/// `user ...`
#[derive(Subcommand, Debug)]
pub enum UserCmd {
    /// Create new user.
    Create {
        /// New user name.
        #[arg(value_name = "NAME")]
        name: String,
        /// Default project (name or ID).
        #[arg(long, value_name = "PROJECT", alias = "tenant", alias = "tenant-id")]
        project: Option<String>,
        /// Set user password.
        #[arg(long, value_name = "PASSWORD", alias = "pass")]
        password: Option<String>,
        /// Prompt interactively for password.
        #[arg(long)]
        password_prompt: bool,
        /// Set user email address.
        #[arg(long, value_name = "EMAIL_ADDRESS")]
        email: Option<String>,
        /// Enable (the default) or disable the user.
        #[command(flatten)]
        enable: Enable,
        /// Return existing user.
        #[arg(long)]
        or_show: bool,
        /// Output options.
        #[command(flatten)]
        output: ShowOutput,
    },
    /// Delete user(s).
    Delete {
        /// User(s) to delete (name or ID).
        #[arg(value_name = "USER", required = true)]
        users: Vec<String>,
    },
    /// List users.
    List {
        /// Filter users by project (name or ID).
        #[arg(long, value_name = "PROJECT", alias = "tenant", alias = "tenant-id")]
        project: Option<String>,
        /// List additional fields in output.
        #[arg(long)]
        long: bool,
        /// Output options.
        #[command(flatten)]
        output: ListOutput,
    },
    /// Set user properties.
    Set {
        /// User to modify (name or ID).
        #[arg(value_name = "USER")]
        user: String,
        /// Set user name.
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
        /// Set default project (name or ID).
        #[arg(long, value_name = "PROJECT", alias = "tenant", alias = "tenant-id")]
        project: Option<String>,
        /// Set user password.
        #[arg(long, value_name = "USER_PASSWORD", alias = "pass")]
        password: Option<String>,
        /// Prompt interactively for password.
        #[arg(long)]
        password_prompt: bool,
        /// Set user email address.
        #[arg(long, value_name = "EMAIL_ADDRESS")]
        email: Option<String>,
        /// Enable or disable the user.
        #[command(flatten)]
        enable: Enable,
    },
    /// Display user details.
    Show {
        /// User to display (name or ID).
        #[arg(value_name = "USER")]
        user: String,
        /// Output options.
        #[command(flatten)]
        output: ShowOutput,
    },
}

/// `extension ...`
#[derive(Subcommand, Debug)]
pub enum ExtensionCmd {
    /// List API extensions.
    List {
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

/// `key=value` of `--property`.
fn key_value(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_owned(), v.to_owned())),
        _ => Err(format!("expected key=value, got {s:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_legacy_name_maps_onto_a_command_that_parses() {
        for (old, new) in LEGACY {
            let cmd = Cli::command();
            let mut path = cmd.clone();
            for part in *new {
                path = path
                    .find_subcommand(part)
                    .unwrap_or_else(|| panic!("{old}: no command {new:?}"))
                    .clone();
            }
        }
    }

    #[test]
    fn legacy_names_are_rewritten_after_global_options_with_values() {
        let v = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            rewrite_legacy(v(&["k", "--os-cloud", "user-list", "user-create", "x"])),
            v(&["k", "--os-cloud", "user-list", "user", "create", "x"])
        );
        assert_eq!(
            rewrite_legacy(v(&["k", "--debug", "token-get"])),
            v(&["k", "--debug", "token", "issue"])
        );
        assert_eq!(
            rewrite_legacy(v(&["k", "catalog", "--debug"])),
            v(&["k", "catalog", "list", "--debug"])
        );
        assert_eq!(
            rewrite_legacy(v(&["k", "catalog", "show", "identity"])),
            v(&["k", "catalog", "show", "identity"])
        );
        assert_eq!(
            rewrite_legacy(v(&["k", "project", "tenant-list"])),
            v(&["k", "project", "tenant-list"])
        );
    }
}
