//! `user create|delete|list|set|show`.

use clap::Subcommand;
use keystone_v2::managers::UserOptions;
use keystone_v2::Client;

use super::*;
use crate::format::{ListOutput, ShowOutput};

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

/// `user show`'s fields: Keystone's own JSON of the user, `tenantId` as `project_id`.
async fn user_record(c: &Client, id: &str) -> Res<Record> {
    let m = admin_object(c, &format!("users/{id}"), "user").await?;
    Ok(sorted(project_id_field(m)))
}

/// Runs a `user` command.
///
/// # Errors
/// Keystone's answer, or the command's own failure, as one line.
pub async fn run(cmd: UserCmd, c: &Client) -> Res<Output> {
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
            let mut extra = Map::new();
            if email.is_none() {
                // openstackclient sends a null email, which Keystone keeps as null.
                extra.insert("email".into(), Value::Null);
            }
            let options = UserOptions {
                password: password.map(Into::into),
                email,
                tenant_id,
                enabled: Some(!enable.disable),
                extra,
                ..Default::default()
            };
            let u = match c.users().create(&name, options).await {
                Ok(u) => u,
                Err(e) if e.is_conflict() && or_show => find_user(c, &name).await?,
                Err(e) => return Err(e.into()),
            };
            Ok(Output::Show(user_record(c, &u.id).await?, output))
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
            // Keystone's own JSON: a null email prints `None`, a missing one nothing.
            let path = match &tenant {
                Some(id) => format!("tenants/{id}/users"),
                None => "users".to_owned(),
            };
            let mut users = admin_objects(c, &path, "users").await?;
            if tenant.is_some() {
                let mut seen = std::collections::HashSet::new();
                users.retain(|u| seen.insert(get(u, "id").to_string()));
            }
            if !long {
                let rows = users
                    .iter()
                    .map(|u| vec![get(u, "id"), get(u, "name")])
                    .collect();
                return Ok(listing(&["ID", "Name"], rows, output));
            }
            let rows = users
                .iter()
                .map(|u| {
                    let project = u.get("tenantId").or_else(|| u.get("tenant_id"));
                    vec![
                        get(u, "id"),
                        get(u, "name"),
                        project.cloned().unwrap_or_else(|| Value::from("")),
                        get(u, "email"),
                        get(u, "enabled"),
                    ]
                })
                .collect();
            // The table names each user's project (the csv, json and yaml give its id), when
            // the projects can be listed.
            let names: BTreeMap<String, String> = match c.tenants().list(Default::default()).await {
                Ok(list) => list.into_iter().map(|t| (t.id, t.name)).collect(),
                Err(_) => BTreeMap::new(),
            };
            let columns = ["ID", "Name", "Project", "Email", "Enabled"];
            let l = Listing {
                columns: columns.iter().map(|c| (*c).to_owned()).collect(),
                rows,
                human: BTreeMap::from([("Project".to_owned(), names)]),
            };
            Ok(Output::List(l, output))
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
            Ok(Output::Show(user_record(c, &u.id).await?, output))
        }
    }
}
