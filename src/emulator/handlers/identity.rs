//! Users (`keystone/identity/controllers.py` `User`, with the OS-KSADM password, enabled and
//! tenant routes).

use serde_json::{json, Map, Value};

use super::common::{extra_of, new_or_given_id, schema, Env};
use crate::emulator::state::{User, MEMBER_ROLE_ID};
use crate::emulator::wire::{kwarg, KsError, Outcome, Reply};

/// Attributes of a user that are not extra attributes.
const KNOWN: &[&str] = &[
    "id",
    "name",
    "password",
    "enabled",
    "tenantId",
    "domain_id",
    "default_project_id",
    "options",
];

/// Which route of the user update was called: they share `update_user`, with different
/// preparations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Variant {
    /// `PUT /users/{id}` and `PUT /users/{id}[/OS-KSADM]/tenant`.
    Update,
    /// `PUT /users/{id}[/OS-KSADM]/password`: `OS-KSADM:password` is an alias of `password`.
    Password,
    /// `PUT /users/{id}[/OS-KSADM]/enabled`: `enabled` is required.
    Enabled,
}

/// The v2 user schema (`user_create_v2` / `user_update_v2` properties).
fn validate(user: &Map<String, Value>) -> Result<(), KsError> {
    schema::string(user, "description", schema::NULLABLE)?;
    schema::boolean(user, "enabled")?;
    schema::string(user, "tenantId", schema::ID)?;
    schema::string(user, "name", schema::name(255))?;
    schema::string(user, "username", schema::name(255))?;
    schema::string(user, "password", schema::NULLABLE)?;
    Ok(())
}

/// `OS-KSADM:password` -> `password`, and `username` -> `name` when `name` is absent.
fn normalize(user: &Map<String, Value>, os_ksadm_password: bool) -> Map<String, Value> {
    let mut user = user.clone();
    if os_ksadm_password {
        if let Some(p) = user.remove("OS-KSADM:password") {
            user.insert("password".into(), p);
        }
    }
    if !user.contains_key("name") {
        if let Some(n) = user.remove("username") {
            user.insert("name".into(), n);
        }
    }
    user
}

fn password_of(user: &Map<String, Value>) -> Option<Option<String>> {
    user.get("password").map(|p| p.as_str().map(str::to_owned))
}

/// `GET /v2.0/users`, or with `name` the one user of that name.
pub(super) fn list(env: &mut Env<'_>) -> Outcome {
    env.caller.assert_admin()?;
    if let Some(name) = env.ctx.param("name") {
        let user = env.state.user_by_name(name)?;
        return Ok(Reply::ok(json!({"user": user.to_v2()})));
    }
    let users: Vec<Value> = env.state.users.iter().map(User::to_v2).collect();
    Ok(Reply::ok(json!({ "users": users })))
}

/// `GET /v2.0/users/{user_id}`.
pub(super) fn get(env: &mut Env<'_>, id: &str) -> Outcome {
    env.caller.assert_admin()?;
    Ok(Reply::ok(json!({"user": env.state.user(id)?.to_v2()})))
}

/// `POST /v2.0/users`. With `tenantId`, the user also gets the member role there.
pub(super) fn create(env: &mut Env<'_>, body: &Map<String, Value>) -> Outcome {
    let given = schema::object(kwarg(body, "user").unwrap_or(&Value::Null))?;
    validate(given)?;
    if !given.contains_key("name") && !given.contains_key("username") {
        return Err(KsError::bad_request(format!(
            "{} is not valid under any of the given schemas",
            super::common::py_repr(&Value::Object(given.clone()))
        )));
    }
    let user = normalize(given, true);
    env.caller.assert_admin()?;
    let default_project = user
        .get("tenantId")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if let Some(p) = &default_project {
        env.state.project(p)?;
    }
    let name = user.get("name").and_then(Value::as_str).unwrap_or_default();
    if env.state.user_by_name(name).is_ok() {
        return Err(KsError::conflict(
            "user",
            &format!("Duplicate entry found with name {name} at domain ID default."),
        ));
    }
    let new = User {
        id: new_or_given_id(None),
        name: name.to_owned(),
        password: password_of(&user).flatten(),
        enabled: user.get("enabled").and_then(Value::as_bool).unwrap_or(true),
        default_project_id: default_project.clone(),
        extra: extra_of(&user, KNOWN),
    };
    let (id, reply) = (new.id.clone(), json!({"user": new.to_v2()}));
    env.state.users.push(new);
    if let Some(p) = default_project {
        env.state.add_user_to_project(&p, &id);
    }
    Ok(Reply::ok(reply))
}

/// The user update routes: a partial update. A new password or disabling the user revokes its
/// tokens; a new `tenantId` moves the member role from the old default tenant to the new one.
pub(super) fn update(
    env: &mut Env<'_>,
    id: &str,
    body: &Map<String, Value>,
    variant: Variant,
) -> Outcome {
    let given = schema::object(kwarg(body, "user").unwrap_or(&Value::Null))?;
    if variant == Variant::Enabled {
        schema::required(given, "enabled")?;
        schema::boolean(given, "enabled")?;
    }
    let user = normalize(given, variant == Variant::Password);
    validate(&user)?;
    env.caller.assert_admin()?;
    let new_default = user
        .get("tenantId")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let old = env.state.user(id)?.clone();
    if let Some(p) = &new_default {
        if old.default_project_id.as_ref() != Some(p) {
            env.state.project(p)?;
        }
    }
    if let Some(given_id) = user.get("id").and_then(Value::as_str) {
        if given_id != id {
            return Err(KsError::bad_request("Cannot change user ID"));
        }
    }
    if let Some(name) = user.get("name").and_then(Value::as_str) {
        if env.state.users.iter().any(|u| u.name == name && u.id != id) {
            return Err(KsError::conflict(
                "user",
                &format!("Duplicate entry found with name {name}."),
            ));
        }
    }

    let record = env.state.user_mut(id)?;
    if let Some(name) = user.get("name").and_then(Value::as_str) {
        record.name = name.to_owned();
    }
    let new_password = password_of(&user);
    if let Some(password) = new_password.clone() {
        record.password = password;
    }
    if let Some(enabled) = user.get("enabled").and_then(Value::as_bool) {
        record.enabled = enabled;
    }
    if new_default.is_some() {
        record.default_project_id.clone_from(&new_default);
    }
    record.extra.extend(extra_of(&user, KNOWN));
    let reply = json!({"user": record.to_v2_updated()});
    let revoke = new_password.is_some() || !record.enabled;
    if revoke {
        env.state.revoke_tokens(|t| t.user_id == id);
    }

    if let Some(new_tenant) = new_default.filter(|p| old.default_project_id.as_ref() != Some(p)) {
        if let Some(old_tenant) = &old.default_project_id {
            let _not_granted = env.state.remove_grant(id, old_tenant, MEMBER_ROLE_ID);
        }
        env.state.add_user_to_project(&new_tenant, id);
    }
    Ok(Reply::ok(reply))
}

/// `DELETE /v2.0/users/{user_id}`: also removes its grants and EC2 credentials and revokes its
/// tokens.
pub(super) fn delete(env: &mut Env<'_>, id: &str) -> Outcome {
    env.caller.assert_admin()?;
    env.state.delete_user(id)?;
    Ok(Reply::NoContent)
}
