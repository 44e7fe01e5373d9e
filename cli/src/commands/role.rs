//! `role add|create|delete|list|remove|show` and `role assignment list`.

use clap::{Args, Subcommand};
use keystone_v2::Client;

use super::*;
use crate::format::{ListOutput, ShowOutput};

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

/// `role show`'s fields: Keystone's own JSON of the role (with its null `domain_id`).
async fn role_record(c: &Client, id: &str) -> Res<Record> {
    Ok(sorted(
        admin_object(c, &format!("OS-KSADM/roles/{id}"), "role").await?,
    ))
}

/// Runs a `role` command.
///
/// # Errors
/// Keystone's answer, or the command's own failure, as one line.
pub async fn run(cmd: RoleCmd, c: &Client) -> Res<Output> {
    match cmd {
        RoleCmd::Add { grant, output } => {
            let role = find_role(c, &grant.role).await?;
            let project = find_project(c, &grant.project).await?;
            let user = find_user(c, &grant.user).await?;
            let granted = c
                .roles()
                .add_user_role(&user.id, &role.id, Some(&project.id))
                .await?;
            let id = granted.map_or(role.id, |g| g.id);
            Ok(Output::Show(role_record(c, &id).await?, output))
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
            Ok(Output::Show(role_record(c, &r.id).await?, output))
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
            Ok(Output::Show(role_record(c, &r.id).await?, output))
        }
    }
}
