//! `ec2 credentials create|delete|list|show`.

use clap::Subcommand;
use keystone_v2::Client;

use super::*;
use crate::format::{ListOutput, ShowOutput};

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
    /// List EC2 credentials.
    List {
        /// Filter list by user (name or ID).
        #[arg(long, value_name = "USER")]
        user: Option<String>,
        /// Output options.
        #[command(flatten)]
        output: ListOutput,
    },
    /// Display EC2 credentials details.
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

/// The user of `--user`, or the token's.
async fn user_or_self(c: &Client, user: Option<&str>) -> Res<String> {
    match user {
        Some(u) => Ok(find_user(c, u).await?.id),
        None => Ok(access(c).await?.user_id().to_owned()),
    }
}

/// An EC2 credential's fields: Keystone's own JSON (with its null `trust_id`), `tenant_id` as
/// `project_id`. The secret is shown, as openstackclient and keystoneclient show it: EC2
/// credentials are read to be used (`--debug` still redacts it).
async fn ec2_record(c: &Client, user: &str, access_key: &str) -> Res<Record> {
    let path = format!("users/{user}/credentials/OS-EC2/{access_key}");
    Ok(sorted(project_id_field(
        admin_object(c, &path, "credential").await?,
    )))
}

/// Runs an `ec2 credentials` command.
///
/// # Errors
/// Keystone's answer, or the command's own failure, as one line.
pub async fn run(cmd: Ec2CredentialsCmd, c: &Client) -> Res<Output> {
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
            Ok(Output::Show(
                ec2_record(c, &user, &cred.access).await?,
                output,
            ))
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
                    let m = project_id_field(info(cred));
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
            Ok(Output::Show(
                ec2_record(c, &user, &access_key).await?,
                output,
            ))
        }
    }
}
