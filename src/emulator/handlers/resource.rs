//! Tenants (`keystone/resource/controllers.py` `Tenant`, and the public tenant list of
//! `keystone/assignment/controllers.py` `TenantAssignment`).

use serde_json::{json, Map, Value};

use super::common::{extra_of, new_or_given_id, schema, truthy_str, Env};
use crate::emulator::state::Project;
use crate::emulator::wire::{kwarg, KsError, Outcome, Reply};

/// Attributes of a tenant that are not extra attributes.
const KNOWN: &[&str] = &[
    "id",
    "name",
    "description",
    "enabled",
    "domain_id",
    "parent_id",
    "is_domain",
];

/// `format_project_list`: `marker` (an id) then `limit`, applied in memory.
pub(super) fn page(env: &Env<'_>, tenants: Vec<Value>) -> Outcome {
    let mut first = 0;
    if let Some(marker) = env.ctx.param("marker") {
        first = tenants
            .iter()
            .position(|t| t["id"] == marker)
            .map(|i| i + 1)
            .ok_or_else(|| KsError::bad_request("Marker could not be found"))?;
    }
    let mut last = tenants.len();
    if let Some(limit) = env.ctx.param("limit") {
        let limit = parse_python_int(limit)
            .filter(|l| *l >= 0)
            .ok_or_else(|| KsError::bad_request("Invalid limit value"))?;
        last = last.min(first.saturating_add(usize::try_from(limit).unwrap_or(usize::MAX)));
    }
    let page: Vec<Value> = tenants.get(first..last).unwrap_or_default().to_vec();
    Ok(Reply::ok(json!({"tenants": page, "tenants_links": []})))
}

/// Python's `int(str)`: surrounding whitespace, an optional sign, digits with single `_`
/// separators.
fn parse_python_int(s: &str) -> Option<i64> {
    let s = s.trim();
    let (negative, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
        || !digits.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return None;
    }
    let value: i64 = digits.replace('_', "").parse().ok()?;
    Some(if negative { -value } else { value })
}

/// `GET /v2.0/tenants` on the public API: the tenants the token's user has a role on.
pub(super) fn list_for_token(env: &mut Env<'_>) -> Outcome {
    let user_id = env.caller.principal()?.user_id.clone();
    let tenants = env
        .state
        .projects_for_user(&user_id)
        .into_iter()
        .map(Project::to_v2)
        .collect();
    page(env, tenants)
}

/// `GET /v2.0/tenants` on the admin API: all tenants, or with `name` the one of that name.
pub(super) fn list(env: &mut Env<'_>) -> Outcome {
    env.caller.assert_admin()?;
    if let Some(name) = env.ctx.param("name").filter(|n| !n.is_empty()) {
        let project = env.state.project_by_name(name)?;
        return Ok(Reply::ok(json!({"tenant": project.to_v2()})));
    }
    let tenants = env.state.projects.iter().map(Project::to_v2).collect();
    page(env, tenants)
}

/// `GET /v2.0/tenants/{tenant_id}`.
pub(super) fn get(env: &mut Env<'_>, id: &str) -> Outcome {
    env.caller.assert_admin()?;
    Ok(Reply::ok(json!({"tenant": env.state.project(id)?.to_v2()})))
}

fn validate(tenant: &Map<String, Value>) -> Result<(), KsError> {
    schema::string(tenant, "name", schema::name(64))?;
    schema::string(tenant, "description", schema::NULLABLE)?;
    schema::boolean(tenant, "enabled")?;
    schema::string(tenant, "id", schema::ID)?;
    Ok(())
}

fn name_conflict(name: &str) -> KsError {
    KsError::conflict(
        "project",
        &format!("it is not permitted to have two projects with the same name in the same domain : {name}."),
    )
}

/// `POST /v2.0/tenants`.
pub(super) fn create(env: &mut Env<'_>, body: &Map<String, Value>) -> Outcome {
    let tenant = schema::object(kwarg(body, "tenant").unwrap_or(&Value::Null))?;
    schema::required(tenant, "name")?;
    validate(tenant)?;
    schema::forbidden(tenant, &["is_domain"])?;
    env.caller.assert_admin()?;
    // The schema allows a null id, but `tenant_ref.get('id', uuid)` keeps the null and the
    // backend fails on it.
    if tenant.get("id").is_some_and(Value::is_null) {
        return Err(KsError::unexpected());
    }
    let name = tenant
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let id = new_or_given_id(tenant.get("id").and_then(truthy_str));
    if env.state.project(&id).is_ok() {
        return Err(KsError::conflict(
            "project",
            &format!("Duplicate ID, {id}."),
        ));
    }
    if env.state.project_by_name(name).is_ok() {
        return Err(name_conflict(name));
    }
    let project = Project {
        id,
        name: name.to_owned(),
        description: tenant.get("description").cloned().unwrap_or(json!("")),
        enabled: tenant
            .get("enabled")
            .and_then(Value::as_bool)
            .unwrap_or(true),
        extra: extra_of(tenant, KNOWN),
    };
    let body = json!({"tenant": project.to_v2()});
    env.state.projects.push(project);
    Ok(Reply::ok(body))
}

/// `POST` or `PUT /v2.0/tenants/{tenant_id}`: a partial update. Disabling a tenant revokes the
/// tokens scoped to it.
pub(super) fn update(env: &mut Env<'_>, id: &str, body: &Map<String, Value>) -> Outcome {
    let tenant = schema::object(kwarg(body, "tenant").unwrap_or(&Value::Null))?;
    if tenant.is_empty() {
        return Err(KsError::bad_request("{} does not have enough properties"));
    }
    validate(tenant)?;
    schema::forbidden(tenant, &["is_domain", "domain_id"])?;
    env.caller.assert_admin()?;
    env.state.project(id)?;
    if let Some(given) = tenant.get("id").and_then(Value::as_str) {
        if given != id {
            return Err(KsError::bad_request("Cannot change project ID"));
        }
    }
    if let Some(name) = tenant.get("name").and_then(Value::as_str) {
        if env
            .state
            .projects
            .iter()
            .any(|p| p.name == name && p.id != id)
        {
            return Err(name_conflict(name));
        }
    }
    let project = env.state.project_mut(id)?;
    if let Some(name) = tenant.get("name").and_then(Value::as_str) {
        project.name = name.to_owned();
    }
    if let Some(description) = tenant.get("description") {
        project.description = description.clone();
    }
    if let Some(enabled) = tenant.get("enabled").and_then(Value::as_bool) {
        project.enabled = enabled;
    }
    project.extra.extend(extra_of(tenant, KNOWN));
    let disabled = !project.enabled;
    let body = json!({"tenant": project.to_v2_updated()});
    if disabled {
        env.state
            .revoke_tokens(|t| t.project_id.as_deref() == Some(id));
    }
    Ok(Reply::ok(body))
}

/// `DELETE /v2.0/tenants/{tenant_id}`: also removes its grants and EC2 credentials, revokes
/// its tokens, and stops being any user's default tenant.
pub(super) fn delete(env: &mut Env<'_>, id: &str) -> Outcome {
    env.caller.assert_admin()?;
    env.state.delete_project(id)?;
    Ok(Reply::NoContent)
}

#[cfg(test)]
mod tests {
    use super::parse_python_int;

    #[test]
    fn limits_parse_like_python_int() {
        assert_eq!(parse_python_int(" 5 "), Some(5));
        assert_eq!(parse_python_int("+1_0"), Some(10));
        assert_eq!(parse_python_int("-1"), Some(-1));
        assert_eq!(parse_python_int("1__0"), None);
        assert_eq!(parse_python_int("abc"), None);
        assert_eq!(parse_python_int(""), None);
        assert_eq!(parse_python_int("99999999999999999999999"), None);
    }
}
