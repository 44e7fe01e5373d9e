//! Tokens (`keystone/token/controllers.py`) and the own-password change of OS-KSCRUD
//! (`keystone/v2_crud/user_crud.py`).

use http::StatusCode;
use serde_json::{json, Map, Value};

use super::common::{py_str, truthy, Env};
use crate::emulator::dialect::Dialect;
use crate::emulator::fixtures;
use crate::emulator::rackspace;
use crate::emulator::state::{format_endpoint_list, TokenRequest};
use crate::emulator::wire::{kwarg, KsError, Outcome, Reply};

/// `[DEFAULT] max_param_size`.
pub(super) const MAX_PARAM_SIZE: usize = 64;
/// `[DEFAULT] max_token_size`.
const MAX_TOKEN_SIZE: usize = 8192;
/// `[identity] max_password_length`.
pub(super) const MAX_PASSWORD_LENGTH: usize = 4096;

/// A string parameter Keystone measures with `len()`: absent or falsy is `None`; a truthy
/// non-string is the `TypeError` Python raises (400).
pub(super) fn str_param(v: Option<&Value>) -> Result<Option<&str>, KsError> {
    match v {
        None => Ok(None),
        Some(v) if !truthy(v) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(KsError::bad_request(format!(
            "object of type '{}' has no len()",
            match other {
                Value::Number(n) if n.is_f64() => "float",
                Value::Number(_) => "int",
                Value::Bool(_) => "bool",
                _ => "object",
            }
        ))),
    }
}

pub(super) fn check_size(value: &str, attribute: &str, size: usize) -> Result<(), KsError> {
    if value.chars().count() > size {
        Err(KsError::too_long(attribute, size))
    } else {
        Ok(())
    }
}

/// `_get_project_id_from_auth`: `tenantId` wins; an unknown `tenantName` is a 401.
pub(super) fn project_from_auth(
    env: &Env<'_>,
    auth: &Map<String, Value>,
) -> Result<Option<String>, KsError> {
    if let Some(id) = str_param(auth.get("tenantId"))? {
        check_size(id, "tenantId", MAX_PARAM_SIZE)?;
        return Ok(Some(id.to_owned()));
    }
    if let Some(name) = str_param(auth.get("tenantName"))? {
        check_size(name, "tenantName", MAX_PARAM_SIZE)?;
        let project = env
            .state
            .project_by_name(name)
            .map_err(|_| KsError::unauthorized())?;
        return Ok(Some(project.id.clone()));
    }
    Ok(None)
}

/// `identity_api.authenticate`: an unknown user or a wrong password is a generic 401, a
/// disabled user a 401 that says so.
pub(super) fn check_password(
    env: &Env<'_>,
    user_id: &str,
    password: &Value,
) -> Result<(), KsError> {
    let user = env
        .state
        .user(user_id)
        .map_err(|_| KsError::unauthorized())?;
    let matches = match (&user.password, password.as_str()) {
        (Some(stored), Some(given)) => crate::emulator::signature::constant_time_eq(stored, given),
        _ => false,
    };
    if !matches {
        return Err(KsError::unauthorized());
    }
    if !user.enabled {
        return Err(KsError::new(
            StatusCode::UNAUTHORIZED,
            format!("The account is disabled for user: {user_id}."),
        ));
    }
    Ok(())
}

/// Who authenticated, and how the new token should look (`method.authenticate` of Keystone's
/// token controller).
pub(super) struct Authenticated {
    pub(super) user_id: String,
    pub(super) project_id: Option<String>,
    /// A token obtained from a token keeps the original's expiry and audit chain.
    pub(super) expires: Option<chrono::DateTime<chrono::Utc>>,
    pub(super) parent_audit_id: Option<String>,
    /// How the original token was obtained (for a token from a token).
    pub(super) methods: Option<&'static [&'static str]>,
}

/// `TokenAuthenticationMethod`: `{"token": {"id": ...}}`, optionally rescoped.
pub(super) fn token_method(
    env: &Env<'_>,
    auth: &Map<String, Value>,
) -> Result<Authenticated, KsError> {
    let token_id = match auth.get("token") {
        Some(Value::Object(t)) => t.get("id").map(py_str),
        _ => None,
    }
    .ok_or_else(|| KsError::expecting("id", "token"))?;
    check_size(&token_id, "token", MAX_TOKEN_SIZE)?;
    let old = env
        .state
        .valid_token(&token_id, env.now)
        .ok_or_else(KsError::unauthorized)?;
    let project_id = project_from_auth(env, auth)?;
    if auth.contains_key("trust_id") {
        // Trusts are not modelled: Keystone refuses an unknown trust this way.
        return Err(KsError::forbidden());
    }
    Ok(Authenticated {
        user_id: old.user_id.clone(),
        project_id,
        expires: Some(old.expires),
        parent_audit_id: Some(old.audit_chain_id()),
        methods: Some(old.methods),
    })
}

/// `LocalAuthenticationMethod`: `{"passwordCredentials": {"username" | "userId", "password"}}`.
pub(super) fn password_method(
    env: &Env<'_>,
    auth: &Map<String, Value>,
) -> Result<Authenticated, KsError> {
    let creds = match auth.get("passwordCredentials") {
        Some(Value::Object(c)) if c.contains_key("password") => c,
        _ => return Err(KsError::expecting("password", "passwordCredentials")),
    };
    let password = creds.get("password").unwrap_or(&Value::Null);
    if let Some(p) = password.as_str() {
        check_size(p, "password", MAX_PASSWORD_LENGTH)?;
    }
    let user_id = str_param(creds.get("userId"))?;
    let username = str_param(creds.get("username"))?;
    if let Some(id) = user_id {
        check_size(id, "userId", MAX_PARAM_SIZE)?;
    }
    let user_id = match (username, user_id) {
        (Some(name), _) => {
            check_size(name, "username", MAX_PARAM_SIZE)?;
            let user = env
                .state
                .user_by_name(name)
                .map_err(|_| KsError::unauthorized())?;
            user.id.clone()
        }
        (None, Some(id)) => id.to_owned(),
        (None, None) => {
            return Err(KsError::expecting(
                "username or userId",
                "passwordCredentials",
            ))
        }
    };
    check_password(env, &user_id, password)?;
    let project_id = project_from_auth(env, auth)?;
    if let Some(trust) = auth.get("trust_id") {
        return Err(KsError::not_found("trust", &py_str(trust)));
    }
    Ok(Authenticated {
        user_id,
        project_id,
        expires: None,
        parent_audit_id: None,
        methods: None,
    })
}

/// `POST /v2.0/tokens`: a token for a password or another token, scoped to `tenantId` (which
/// wins) or `tenantName`, or unscoped.
pub(super) fn authenticate(env: &mut Env<'_>, body: &Map<String, Value>) -> Outcome {
    let Some(Value::Object(auth)) = kwarg(body, "auth") else {
        return Err(KsError::expecting("auth", "request body"));
    };
    let who = if auth.contains_key("token") {
        token_method(env, auth)?
    } else if auth.contains_key("passwordCredentials") {
        password_method(env, auth)?
    } else {
        return Err(KsError::expecting("auth", "request body"));
    };
    let user = env
        .state
        .user(&who.user_id)
        .map_err(|_| KsError::unauthorized())?;
    if !user.enabled {
        return Err(KsError::unauthorized());
    }
    if let Some(p) = &who.project_id {
        let project = env.state.project(p).map_err(|_| KsError::unauthorized())?;
        if !project.enabled {
            return Err(KsError::unauthorized());
        }
    }
    let id = env.state.issue_token(
        env.now,
        TokenRequest {
            user_id: &who.user_id,
            project_id: who.project_id.as_deref(),
            expires: who.expires,
            parent_audit_id: who.parent_audit_id,
            methods: &["password"],
        },
    )?;
    access_reply(env, &id)
}

/// 200 with the `{"access": ...}` body of token `id`, in the emulator's dialect.
pub(super) fn access_reply(env: &Env<'_>, id: &str) -> Outcome {
    let token = env.state.tokens.get(id).ok_or_else(KsError::unexpected)?;
    let body = match env.ctx.dialect {
        Dialect::Rackspace => rackspace::access_body(env.state, token, true),
        _ => env.state.access_body(token),
    };
    Ok(Reply::JsonBytes(StatusCode::OK, body.into()))
}

/// `GET` and `HEAD /v2.0/tokens/{token_id}` (the server empties the body of a HEAD): an issued
/// token, or one added through the control (answered with its body as given).
pub(super) fn validate(env: &mut Env<'_>, token_id: &str, action: &str) -> Outcome {
    env.caller.assert_service_or_admin(action)?;
    let belongs_to = env.ctx.param("belongsTo").filter(|b| !b.is_empty());
    let (tenant_id, body) = if let Some(token) = env.state.valid_token(token_id, env.now) {
        let body = match env.ctx.dialect {
            // The vendor's validation answers no catalog.
            Dialect::Rackspace => rackspace::access_body(env.state, token, false),
            _ => env.state.access_body(token),
        };
        (token.project_id.as_deref(), body)
    } else {
        let token = env
            .state
            .valid_added_token(token_id, env.now)
            .ok_or_else(|| KsError::not_found("token", token_id))?;
        (token.tenant_id(), token.body())
    };
    if belongs_to.is_some_and(|b| tenant_id != Some(b)) {
        return Err(KsError::unauthorized());
    }
    Ok(Reply::JsonBytes(StatusCode::OK, body.into()))
}

/// `DELETE /v2.0/tokens/{token_id}`: an issued or an added token.
pub(super) fn delete(env: &mut Env<'_>, token_id: &str) -> Outcome {
    env.caller.assert_admin()?;
    if env.state.valid_token(token_id, env.now).is_some() {
        env.state.revoke_tokens(|t| t.id == token_id);
    } else if !env.state.revoke_added_token(token_id, env.now) {
        return Err(KsError::not_found("token", token_id));
    }
    Ok(Reply::NoContent)
}

/// `GET /v2.0/tokens/{token_id}/endpoints`, of an issued or an added token (from its body's
/// catalog). Keystone 12.0.3 fails with a 500 for an unscoped token.
pub(super) fn endpoints(env: &mut Env<'_>, token_id: &str) -> Outcome {
    env.caller.assert_admin()?;
    let Some(token) = env.state.valid_token(token_id, env.now) else {
        let token = env
            .state
            .valid_added_token(token_id, env.now)
            .ok_or_else(|| KsError::not_found("token", token_id))?;
        token.tenant_id().ok_or_else(KsError::unexpected)?;
        return Ok(Reply::ok(token.endpoint_list()));
    };
    let project_id = token
        .project_id
        .as_deref()
        .ok_or_else(KsError::unexpected)?;
    let catalog = env.state.catalog_v2(&token.user_id, Some(project_id));
    if catalog.is_empty() {
        return Ok(Reply::ok(json!({})));
    }
    Ok(Reply::ok(format_endpoint_list(&catalog)))
}

/// `GET /v2.0/tokens/revoked`.
pub(super) fn revocation_list(env: &mut Env<'_>) -> Outcome {
    env.caller
        .assert_service_or_admin("identity:revocation_list")?;
    let revoked = json!({"revoked": env.state.revoked_tokens(env.now)});
    Ok(Reply::ok(json!({"signed": fixtures::cms_armor(&revoked)})))
}

/// `PATCH /v2.0/OS-KSCRUD/users/{user_id}` (public API): checks the original password, sets the
/// new one (which revokes the user's tokens) and answers a new token for the same scope.
pub(super) fn change_own_password(
    env: &mut Env<'_>,
    user_id: &str,
    body: &Map<String, Value>,
) -> Outcome {
    let token_id = env
        .ctx
        .token
        .clone()
        .ok_or_else(|| KsError::new(StatusCode::NOT_FOUND, "No token in the request"))?;
    let token = env
        .state
        .valid_token(&token_id, env.now)
        .ok_or_else(|| KsError::not_found("token", &token_id))?
        .clone();
    if token.user_id != user_id {
        return Err(KsError::forbidden());
    }
    let user = kwarg(body, "user")
        .and_then(Value::as_object)
        .ok_or_else(|| {
            KsError::bad_request("'user' must be an object with password and original_password")
        })?;
    let original = user
        .get("original_password")
        .filter(|v| !v.is_null())
        .ok_or_else(|| KsError::expecting("original password", "user"))?;
    check_password(env, user_id, original)?;
    let new_password = user.get("password").ok_or_else(KsError::unexpected)?;
    let new_password = match new_password {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => {
            return Err(KsError::bad_request(format!(
                "Invalid input for field 'password': {} is not of type ['string', 'null']",
                super::common::py_repr(other)
            )))
        }
    };
    env.state.user_mut(user_id)?.password = new_password;
    env.state.revoke_tokens(|t| t.user_id == user_id);
    // Keystone 12.0.3 fails to issue the new token for an unscoped one, after the change.
    if token.project_id.is_none() {
        return Err(KsError::unexpected());
    }
    let id = env.state.issue_token(
        env.now,
        TokenRequest {
            user_id,
            project_id: token.project_id.as_deref(),
            expires: None,
            parent_audit_id: Some(token.audit_chain_id()),
            methods: token.methods,
        },
    )?;
    access_reply(env, &id)
}

/// The token of a user on a tenant, after an EC2 or S3 signature check (`_authenticate` of the
/// EC2 controllers): the user and tenant must be enabled and the user must have a role there.
pub(super) fn issue_for_credential(
    env: &mut Env<'_>,
    user_id: &str,
    project_id: &str,
) -> Result<String, KsError> {
    let project_enabled = env.state.project(project_id)?.enabled;
    let user_enabled = env.state.user(user_id)?.enabled;
    if !user_enabled || !project_enabled {
        return Err(KsError::unauthorized());
    }
    if env.state.role_ids_for(user_id, project_id).is_empty() {
        return Err(KsError::unauthorized());
    }
    env.state.issue_token(
        env.now,
        TokenRequest {
            user_id,
            project_id: Some(project_id),
            expires: None,
            parent_audit_id: None,
            methods: &["ec2credential"],
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_parameters_follow_python_truthiness() {
        assert_eq!(str_param(None).unwrap(), None);
        assert_eq!(str_param(Some(&json!(""))).unwrap(), None);
        assert_eq!(str_param(Some(&json!(null))).unwrap(), None);
        assert_eq!(str_param(Some(&json!("x"))).unwrap(), Some("x"));
        assert_eq!(
            str_param(Some(&json!(5))).unwrap_err().message,
            "object of type 'int' has no len()"
        );
    }
}
