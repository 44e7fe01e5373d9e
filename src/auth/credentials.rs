//! What `POST /v2.0/tokens` authenticates with, and the body it sends: the session's own
//! authentication and `client.tokens().authenticate(..)` build it here.

use crate::input::{checked_opt, invalid};
use crate::{types, Result, Secret};

/// What `POST /v2.0/tokens` authenticates with: a password or a token (Keystone's), or the
/// credentials of other v2.0 clouds (docs/vendors.md). `Debug` shows no secret.
#[derive(Debug, Clone)]
pub(crate) enum Credentials {
    Password {
        username: Option<String>,
        user_id: Option<String>,
        password: Secret,
    },
    Token(Secret),
    /// Rackspace's `RAX-KSKEY:apiKeyCredentials`.
    ApiKey {
        username: String,
        api_key: Secret,
    },
    /// Rackspace's multi-factor second step, `RAX-AUTH:passcodeCredentials`.
    Passcode(Secret),
    /// HP Helion's `apiAccessKeyCredentials`.
    AccessKey {
        access_key: String,
        secret_key: Secret,
    },
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
    let mut auth = types::Auth::default();
    match credentials {
        Credentials::Password {
            username,
            user_id,
            password,
        } => {
            secret_limited("password", &password, 4096)?;
            auth.password_credentials = Some(types::PasswordCredentials {
                username: checked_opt("username", username)?,
                user_id: checked_opt("user id", user_id)?,
                password,
            });
        }
        Credentials::Token(id) => {
            secret_limited("token", &id, 255)?;
            auth.token = Some(types::TokenCredentials { id });
        }
        Credentials::ApiKey { username, api_key } => {
            auth.rax_kskey_api_key_credentials =
                Some(types::ApiKeyCredentials { username, api_key });
        }
        Credentials::Passcode(passcode) => {
            auth.rax_auth_passcode_credentials = Some(types::PasscodeCredentials { passcode });
        }
        Credentials::AccessKey {
            access_key,
            secret_key,
        } => {
            auth.api_access_key_credentials = Some(types::AccessKeyCredentials {
                access_key,
                secret_key,
            });
        }
    }
    let tenant_name = if tenant_id.is_some() {
        None
    } else {
        tenant_name
    };
    auth.tenant_id = checked_opt("tenant id", tenant_id)?;
    auth.tenant_name = checked_opt("tenant name", tenant_name)?;
    auth.trust_id = trust_id;
    Ok(types::AuthRequest { auth })
}
