//! What `POST /v2.0/tokens` authenticates with, and the body it sends: the session's own
//! authentication and `client.tokens().authenticate(..)` build it here.

use crate::input::{checked_opt, invalid};
use crate::{types, Result, Secret};

/// What `POST /v2.0/tokens` authenticates with: exactly one of a password and a token.
#[derive(Debug, Clone)]
pub(crate) enum Credentials {
    Password {
        username: Option<String>,
        user_id: Option<String>,
        password: Secret,
    },
    Token(Secret),
}

/// The body of `POST /v2.0/tokens`. A tenant id wins over a tenant name, as in keystoneclient.
/// The spec's limits (64 characters for names and ids, 255 for a token, 4096 for a password)
/// are checked here: a longer value is `Error::InvalidRequest`, with nothing sent.
pub(crate) fn auth_body(
    credentials: Credentials,
    tenant_id: Option<String>,
    tenant_name: Option<String>,
    trust_id: Option<String>,
) -> Result<types::AuthRequest> {
    fn secret_limited(what: &str, value: &Secret, max: usize) -> Result<()> {
        if value.expose().chars().count() > max {
            return Err(invalid(what, format!("longer than {max} characters")));
        }
        Ok(())
    }
    let (password_credentials, token) = match credentials {
        Credentials::Password {
            username,
            user_id,
            password,
        } => {
            secret_limited("password", &password, 4096)?;
            let credentials = types::PasswordCredentials {
                username: checked_opt("username", username)?,
                user_id: checked_opt("user id", user_id)?,
                password,
            };
            (Some(credentials), None)
        }
        Credentials::Token(id) => {
            secret_limited("token", &id, 255)?;
            (None, Some(types::TokenCredentials { id }))
        }
    };
    let tenant_name = if tenant_id.is_some() {
        None
    } else {
        tenant_name
    };
    Ok(types::AuthRequest {
        auth: types::Auth {
            password_credentials,
            token,
            tenant_id: checked_opt("tenant id", tenant_id)?,
            tenant_name: checked_opt("tenant name", tenant_name)?,
            trust_id,
        },
    })
}
