//! `POST /v2.0/tokens` in Rackspace mode, as the vendor documents it: password, API key
//! (`RAX-KSKEY:apiKeyCredentials`), the two steps of a multi-factor login (a 401 with the
//! session id in `WWW-Authenticate`, then `X-SessionId` and
//! `RAX-AUTH:passcodeCredentials`), HP-style access keys (`apiAccessKeyCredentials`) and a
//! token. A login without a tenant gets the user's default tenant (the vendor's tokens always
//! name the account's tenant); both `tenantId` and `tenantName` is a 400.

use http::StatusCode;
use serde_json::{Map, Value};

use super::common::{truthy, Env};
use super::tokens::{
    access_reply, check_size, project_from_auth, str_param, token_method, MAX_PARAM_SIZE,
    MAX_PASSWORD_LENGTH,
};
use crate::emulator::rackspace;
use crate::emulator::state::TokenRequest;
use crate::emulator::wire::{kwarg, KsError, Outcome};

/// How a token was obtained (its `RAX-AUTH:authenticatedBy`).
const PASSWORD: &[&str] = &["PASSWORD"];
const API_KEY: &[&str] = &["APIKEY"];
const PASSCODE: &[&str] = &["PASSCODE", "PASSWORD"];
/// HP's access keys: the vendor has no name for them, so no `authenticatedBy`.
const ACCESS_KEY: &[&str] = &["accesskey"];

const BAD_CREDENTIALS: &str = "Unable to authenticate user with credentials provided.";
const BAD_API_KEY: &str = "Username or api key is invalid.";

fn unauthorized(message: &str) -> KsError {
    KsError::new(StatusCode::UNAUTHORIZED, message)
}

/// Who logged in, how, and for which tenant.
struct Login {
    user_id: String,
    /// `None`: from the request (or the user's default).
    project_id: Option<Option<String>>,
    methods: &'static [&'static str],
    expires: Option<chrono::DateTime<chrono::Utc>>,
    parent_audit_id: Option<String>,
}

impl Login {
    fn new(user_id: String, methods: &'static [&'static str]) -> Login {
        Login {
            user_id,
            project_id: None,
            methods,
            expires: None,
            parent_audit_id: None,
        }
    }
}

/// The object `auth[name]`, if the request has one.
fn credentials<'a>(auth: &'a Map<String, Value>, name: &str) -> Option<&'a Map<String, Value>> {
    auth.get(name).and_then(Value::as_object)
}

/// A required string member of a credentials object (400 without it).
fn required<'a>(creds: &'a Map<String, Value>, name: &str, max: usize) -> Result<&'a str, KsError> {
    let value = str_param(creds.get(name))?
        .ok_or_else(|| KsError::bad_request(format!("Invalid request: {name} is required.")))?;
    check_size(value, name, max)?;
    Ok(value)
}

/// `POST /v2.0/tokens` in Rackspace mode.
pub(super) fn authenticate(env: &mut Env<'_>, body: &Map<String, Value>) -> Outcome {
    let Some(Value::Object(auth)) = kwarg(body, "auth") else {
        return Err(KsError::bad_request("Invalid json request body"));
    };
    let given = |k: &str| auth.get(k).is_some_and(truthy);
    if given("tenantId") && given("tenantName") {
        return Err(KsError::bad_request(
            "Invalid request. Specify tenantId OR tenantName, not both.",
        ));
    }
    let login = if let Some(creds) = credentials(auth, "RAX-AUTH:passcodeCredentials") {
        passcode_login(env, creds)?
    } else if let Some(creds) = credentials(auth, "RAX-KSKEY:apiKeyCredentials") {
        let username = required(creds, "username", MAX_PARAM_SIZE)?;
        let key = required(creds, "apiKey", MAX_PARAM_SIZE)?;
        let user_id = user_id(env, username).ok_or_else(|| unauthorized(BAD_API_KEY))?;
        if !env.state.rackspace.api_key_matches(&user_id, key) {
            return Err(unauthorized(BAD_API_KEY));
        }
        Login::new(user_id, API_KEY)
    } else if let Some(creds) = credentials(auth, "apiAccessKeyCredentials") {
        let access = required(creds, "accessKey", MAX_PARAM_SIZE)?;
        let secret = required(creds, "secretKey", MAX_PASSWORD_LENGTH)?;
        let user_id = env.state.rackspace.access_key_user(access, secret);
        Login::new(
            user_id
                .ok_or_else(|| unauthorized(BAD_CREDENTIALS))?
                .to_owned(),
            ACCESS_KEY,
        )
    } else if let Some(creds) = credentials(auth, "passwordCredentials") {
        password_login(env, auth, creds)?
    } else if auth.contains_key("token") {
        let who = token_method(env, auth)?;
        Login {
            user_id: who.user_id,
            project_id: None,
            methods: who.methods.unwrap_or(PASSWORD),
            expires: who.expires,
            parent_audit_id: who.parent_audit_id,
        }
    } else {
        return Err(KsError::bad_request("Invalid json request body"));
    };
    let project_id = match login.project_id {
        Some(p) => p,
        None => scope(env, auth, &login.user_id)?,
    };
    // The vendor's expiry has milliseconds: the token lives from this very instant.
    let expires = login.expires.or_else(|| {
        chrono::Duration::from_std(env.state.token_lifetime)
            .ok()
            .and_then(|lifetime| env.now.checked_add_signed(lifetime))
    });
    let id = env.state.issue_token(
        env.now,
        TokenRequest {
            user_id: &login.user_id,
            project_id: project_id.as_deref(),
            expires,
            parent_audit_id: login.parent_audit_id,
            methods: login.methods,
        },
    )?;
    access_reply(env, &id)
}

/// The id of the user `username`.
fn user_id(env: &Env<'_>, username: &str) -> Option<String> {
    env.state.user_by_name(username).ok().map(|u| u.id.clone())
}

/// A disabled user is the vendor's 403 ("User disabled").
fn check_enabled(env: &Env<'_>, user_id: &str) -> Result<(), KsError> {
    let user = env
        .state
        .user(user_id)
        .map_err(|_| unauthorized(BAD_CREDENTIALS))?;
    if user.enabled {
        Ok(())
    } else {
        Err(KsError::new(
            StatusCode::FORBIDDEN,
            format!("User '{}' is disabled.", user.name),
        ))
    }
}

/// The first step: a password. For a user with multi-factor authentication, a 401 whose
/// `WWW-Authenticate` names the session the passcode completes.
fn password_login(
    env: &mut Env<'_>,
    auth: &Map<String, Value>,
    creds: &Map<String, Value>,
) -> Result<Login, KsError> {
    let username = required(creds, "username", MAX_PARAM_SIZE)?;
    let password = required(creds, "password", MAX_PASSWORD_LENGTH)?;
    let user_id = user_id(env, username).ok_or_else(|| unauthorized(BAD_CREDENTIALS))?;
    let user = env
        .state
        .user(&user_id)
        .map_err(|_| unauthorized(BAD_CREDENTIALS))?;
    let matches = user
        .password
        .as_deref()
        .is_some_and(|stored| crate::emulator::signature::constant_time_eq(stored, password));
    if !matches {
        return Err(unauthorized(BAD_CREDENTIALS));
    }
    // `scope` (here, or after the login without multi-factor) refuses a disabled user.
    if !env.state.rackspace.mfa_enabled(&user_id) {
        return Ok(Login::new(user_id, PASSWORD));
    }
    let project_id = scope(env, auth, &user_id)?;
    let session = env
        .state
        .rackspace
        .open_session(&user_id, project_id, env.now);
    Err(
        unauthorized("Additional authentication credentials required.")
            .with_challenge(rackspace::mfa_challenge(&session)),
    )
}

/// The second step: `X-SessionId` and the passcode.
fn passcode_login(env: &mut Env<'_>, creds: &Map<String, Value>) -> Result<Login, KsError> {
    let passcode = required(creds, "passcode", MAX_PARAM_SIZE)?;
    let session_id =
        env.ctx.session_id.as_deref().ok_or_else(|| {
            unauthorized("X-SessionId header is required for passcode credentials.")
        })?;
    let session = env
        .state
        .rackspace
        .complete_session(session_id, passcode, env.now)
        .ok_or_else(|| unauthorized(BAD_CREDENTIALS))?;
    check_enabled(env, &session.user_id)?;
    Ok(Login {
        project_id: Some(session.project_id),
        ..Login::new(session.user_id, PASSCODE)
    })
}

/// The tenant of the token: the one asked for, or else the user's default tenant, or else the
/// first tenant the user has a role on. A tenant the user has no role on, or a disabled one,
/// is a 401.
fn scope(
    env: &Env<'_>,
    auth: &Map<String, Value>,
    user_id: &str,
) -> Result<Option<String>, KsError> {
    check_enabled(env, user_id)?;
    let has_role = |p: &str| !env.state.role_ids_for(user_id, p).is_empty();
    let project_id = match project_from_auth(env, auth)? {
        Some(p) => Some(p),
        None => {
            let default = env
                .state
                .user(user_id)
                .ok()
                .and_then(|u| u.default_project_id.clone())
                .filter(|p| has_role(p));
            default.or_else(|| {
                let projects = env.state.projects_for_user(user_id);
                projects.first().map(|p| p.id.clone())
            })
        }
    };
    if let Some(p) = &project_id {
        let enabled = env.state.project(p).is_ok_and(|p| p.enabled);
        if !enabled || !has_role(p) {
            return Err(unauthorized(&format!(
                "Token not authenticated for tenant {p}."
            )));
        }
    }
    Ok(project_id)
}
