//! The command line: global options, openstackclient's identity v2 commands, and the legacy
//! `keystone` command names ([`LEGACY`]).

use clap::{Args, Parser, Subcommand};

use crate::commands::{
    catalog::CatalogCmd, ec2::Ec2Cmd, endpoint::EndpointCmd, extension::ExtensionCmd,
    project::ProjectCmd, role::RoleCmd, service::ServiceCmd, token::TokenCmd, user::UserCmd,
    version::VersionCmd,
};

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
    /// Rackspace's API key (with --os-auth-type rackspace_apikey and --os-username).
    #[arg(
        long,
        env = "OS_API_KEY",
        global = true,
        value_name = "KEY",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_api_key: Option<String>,
    /// HP Helion's access key (with --os-auth-type hp_accesskey and --os-secret-key).
    #[arg(
        long,
        env = "OS_ACCESS_KEY",
        global = true,
        value_name = "KEY",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_access_key: Option<String>,
    /// HP Helion's secret key (with --os-access-key).
    #[arg(
        long,
        env = "OS_SECRET_KEY",
        global = true,
        value_name = "KEY",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_secret_key: Option<String>,
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
    /// The Identity API version: 2 or 2.0 (this CLI speaks v2.0 only).
    #[arg(
        long,
        env = "OS_IDENTITY_API_VERSION",
        global = true,
        value_name = "VERSION",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_identity_api_version: Option<String>,
    /// How to authenticate: password / v2password (the default), token / v2token, or
    /// admin_token (with --os-endpoint and --os-token); rackspace_apikey, hp_accesskey.
    #[arg(
        long,
        env = "OS_AUTH_TYPE",
        global = true,
        value_name = "AUTH_TYPE",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_auth_type: Option<String>,
    /// The user id to authenticate with (instead of --os-username).
    #[arg(
        long,
        env = "OS_USER_ID",
        global = true,
        value_name = "ID",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_user_id: Option<String>,
    /// A trust to scope the token to.
    #[arg(
        long,
        env = "OS_TRUST_ID",
        global = true,
        value_name = "ID",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_trust_id: Option<String>,
    /// The Identity API URL to send requests to instead of the catalog's.
    #[arg(
        long,
        env = "OS_ENDPOINT_OVERRIDE",
        global = true,
        value_name = "URL",
        hide_env_values = true,
        help_heading = "Global options"
    )]
    pub os_endpoint_override: Option<String>,
    /// Verify the server's certificate (the default).
    #[arg(
        long,
        global = true,
        conflicts_with = "insecure",
        help_heading = "Global options"
    )]
    pub verify: bool,
    /// More output on stderr (repeatable); accepted as openstackclient accepts it.
    #[arg(short, long, global = true, action = clap::ArgAction::Count, conflicts_with = "quiet", help_heading = "Global options")]
    pub verbose: u8,
    /// Only errors on stderr.
    #[arg(short, long, global = true, help_heading = "Global options")]
    pub quiet: bool,
    /// A file for log lines (openstackclient's --log-file; this CLI logs only with --debug,
    /// to stderr).
    #[arg(
        long,
        global = true,
        value_name = "LOG_FILE",
        help_heading = "Global options"
    )]
    pub log_file: Option<std::path::PathBuf>,
    /// Domain options of Identity v3, accepted and ignored on v2 as openstackclient ignores
    /// them.
    #[command(flatten)]
    pub domains: Domains,
}

/// openstackclient's domain options: v2.0 has no domains, so they are accepted and ignored.
#[derive(Args, Debug, Clone, Default)]
pub struct Domains {
    /// Ignored on v2.
    #[arg(
        long,
        env = "OS_USER_DOMAIN_ID",
        global = true,
        value_name = "ID",
        hide_env_values = true,
        hide = true
    )]
    pub os_user_domain_id: Option<String>,
    /// Ignored on v2.
    #[arg(
        long,
        env = "OS_USER_DOMAIN_NAME",
        global = true,
        value_name = "NAME",
        hide_env_values = true,
        hide = true
    )]
    pub os_user_domain_name: Option<String>,
    /// Ignored on v2.
    #[arg(
        long,
        env = "OS_PROJECT_DOMAIN_ID",
        global = true,
        value_name = "ID",
        hide_env_values = true,
        hide = true
    )]
    pub os_project_domain_id: Option<String>,
    /// Ignored on v2.
    #[arg(
        long,
        env = "OS_PROJECT_DOMAIN_NAME",
        global = true,
        value_name = "NAME",
        hide_env_values = true,
        hide = true
    )]
    pub os_project_domain_name: Option<String>,
    /// Ignored on v2.
    #[arg(
        long,
        env = "OS_DEFAULT_DOMAIN",
        global = true,
        value_name = "DOMAIN",
        hide_env_values = true,
        hide = true
    )]
    pub os_default_domain: Option<String>,
    /// Ignored on v2.
    #[arg(
        long,
        env = "OS_DEFAULT_DOMAIN_ID",
        global = true,
        value_name = "ID",
        hide_env_values = true,
        hide = true
    )]
    pub os_default_domain_id: Option<String>,
    /// Ignored on v2.
    #[arg(
        long,
        env = "OS_DEFAULT_DOMAIN_NAME",
        global = true,
        value_name = "NAME",
        hide_env_values = true,
        hide = true
    )]
    pub os_default_domain_name: Option<String>,
    /// Ignored on v2.
    #[arg(
        long,
        env = "OS_DOMAIN_ID",
        global = true,
        value_name = "ID",
        hide_env_values = true,
        hide = true
    )]
    pub os_domain_id: Option<String>,
    /// Ignored on v2.
    #[arg(
        long,
        env = "OS_DOMAIN_NAME",
        global = true,
        value_name = "NAME",
        hide_env_values = true,
        hide = true
    )]
    pub os_domain_name: Option<String>,
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

/// `key=value` of `--property`.
pub(crate) fn key_value(s: &str) -> Result<(String, String), String> {
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
