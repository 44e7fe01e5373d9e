//! `token issue|revoke|validate`.

use clap::Subcommand;
use keystone_v2::Client;
use serde_json::{Map, Value};

use super::*;
use crate::format::ShowOutput;

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

/// openstackclient's `expires`: `%Y-%m-%dT%H:%M:%S%z`.
fn expires(a: &AccessInfo) -> Value {
    a.expires().format("%Y-%m-%dT%H:%M:%S%z").to_string().into()
}

/// Runs a `token` command.
///
/// # Errors
/// Keystone's answer, or the command's own failure, as one line.
pub async fn run(cmd: TokenCmd, c: &Client) -> Res<Output> {
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
