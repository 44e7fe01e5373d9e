//! Roles and role grants (`keystone/assignment/controllers.py`: `Role`, `RoleAssignmentV2`,
//! `TenantAssignment.get_project_users`), including the diablo-era roleRefs.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{json, Map, Value};

use super::common::{extra_of, py_str, schema, Env};
use crate::emulator::state::{Role, MEMBER_ROLE_ID, MEMBER_ROLE_NAME};
use crate::emulator::wire::{kwarg, KsError, Outcome, Reply};

/// What `urllib.parse.urlencode` (`quote_plus`) leaves unescaped besides alphanumerics.
const FORM: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b' ');

fn form_encode(s: &str) -> String {
    utf8_percent_encode(s, FORM).to_string().replace(' ', "+")
}

/// `urllib.parse.parse_qs`: the first value of `name`, blank values dropped.
fn parse_qs_first(qs: &str, name: &str) -> Option<String> {
    qs.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (decode_plus(k), decode_plus(v)))
        .find(|(k, v)| k == name && !v.is_empty())
        .map(|(_, v)| v)
}

fn decode_plus(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// 501 for the global-role routes (v2.0 has no global roles).
fn tenant_required(tenant: Option<&str>) -> Result<&str, KsError> {
    tenant.ok_or_else(|| KsError::not_implemented("User roles not supported: tenant_id required"))
}

/// `GET /v2.0/tenants/{tenant_id}/users`: users with any role on the tenant.
pub(super) fn tenant_users(env: &mut Env<'_>, tenant: &str) -> Outcome {
    env.caller.assert_admin()?;
    env.state.project(tenant)?;
    let users: Vec<Value> = env
        .state
        .users
        .iter()
        .filter(|u| {
            env.state
                .grants
                .iter()
                .any(|g| g.project_id == tenant && g.user_id == u.id)
        })
        .map(|u| u.to_v2())
        .collect();
    Ok(Reply::ok(json!({ "users": users })))
}

/// `GET /v2.0/tenants/{tenant_id}/users/{user_id}/roles` (and the 501 global variant).
pub(super) fn roles_for_user(env: &mut Env<'_>, user: &str, tenant: Option<&str>) -> Outcome {
    env.caller.assert_admin()?;
    let tenant = tenant_required(tenant)?;
    env.state.project(tenant)?;
    env.state.user(user)?;
    let roles: Vec<Value> = env
        .state
        .role_ids_for(user, tenant)
        .iter()
        .filter_map(|id| env.state.role(id).ok().map(Role::to_v2))
        .collect();
    Ok(Reply::ok(json!({ "roles": roles })))
}

/// `assignment_api.add_role_to_user_and_project`: the tenant and the role must exist (the user
/// is not checked), and the grant must be new.
fn add_role(env: &mut Env<'_>, user: &str, tenant: &str, role: &str) -> Outcome {
    env.state.project(tenant)?;
    let role_json = env.state.role(role)?.to_v2();
    env.state.add_grant(user, tenant, role)?;
    Ok(Reply::ok(json!({ "role": role_json })))
}

/// `PUT /v2.0/tenants/{tenant_id}/users/{user_id}/roles/OS-KSADM/{role_id}`.
pub(super) fn grant(env: &mut Env<'_>, user: &str, role: &str, tenant: Option<&str>) -> Outcome {
    env.caller.assert_admin()?;
    let tenant = tenant_required(tenant)?;
    add_role(env, user, tenant, role)
}

/// `DELETE /v2.0/tenants/{tenant_id}/users/{user_id}/roles/OS-KSADM/{role_id}`.
pub(super) fn revoke(env: &mut Env<'_>, user: &str, role: &str, tenant: Option<&str>) -> Outcome {
    env.caller.assert_admin()?;
    let tenant = tenant_required(tenant)?;
    env.state.remove_grant(user, tenant, role)?;
    Ok(Reply::NoContent)
}

/// `GET /v2.0/users/{user_id}/roleRefs`.
pub(super) fn role_refs(env: &mut Env<'_>, user: &str) -> Outcome {
    env.caller.assert_admin()?;
    env.state.user(user)?;
    let mut refs = Vec::new();
    for project in env.state.projects_for_user(user) {
        for role_id in env.state.role_ids_for(user, &project.id) {
            let id = format!(
                "roleId={}&tenantId={}&userId={}",
                form_encode(&role_id),
                form_encode(&project.id),
                form_encode(user)
            );
            refs.push(json!({
                "roleId": role_id,
                "tenantId": project.id,
                "userId": user,
                "id": id,
            }));
        }
    }
    Ok(Reply::ok(json!({ "roles": refs })))
}

/// `POST /v2.0/users/{user_id}/roleRefs`: answers the granted role.
pub(super) fn create_role_ref(env: &mut Env<'_>, user: &str, body: &Map<String, Value>) -> Outcome {
    env.caller.assert_admin()?;
    let role = kwarg(body, "role").and_then(Value::as_object);
    let field = |name: &str| {
        role.and_then(|r| r.get(name))
            .map(py_str)
            .unwrap_or_else(|| "None".to_owned())
    };
    let (tenant, role_id) = (field("tenantId"), field("roleId"));
    add_role(env, user, &tenant, &role_id)
}

/// `DELETE /v2.0/users/{user_id}/roleRefs/{role_ref_id}`.
pub(super) fn delete_role_ref(env: &mut Env<'_>, user: &str, role_ref: &str) -> Outcome {
    env.caller.assert_admin()?;
    let not_subscriptable = || KsError::bad_request("'NoneType' object is not subscriptable");
    let tenant = parse_qs_first(role_ref, "tenantId").ok_or_else(not_subscriptable)?;
    let role = parse_qs_first(role_ref, "roleId").ok_or_else(not_subscriptable)?;
    env.state.remove_grant(user, &tenant, &role)?;
    Ok(Reply::NoContent)
}

/// `GET /v2.0/OS-KSADM/roles`.
pub(super) fn list_roles(env: &mut Env<'_>) -> Outcome {
    env.caller.assert_admin()?;
    let roles: Vec<Value> = env.state.roles.iter().map(Role::to_v2).collect();
    Ok(Reply::ok(json!({ "roles": roles })))
}

/// `GET /v2.0/OS-KSADM/roles/{role_id}`.
pub(super) fn get_role(env: &mut Env<'_>, id: &str) -> Outcome {
    env.caller.assert_admin()?;
    Ok(Reply::ok(json!({"role": env.state.role(id)?.to_v2()})))
}

/// `POST /v2.0/OS-KSADM/roles`. The member role's name gets the member role's id.
pub(super) fn create_role(env: &mut Env<'_>, body: &Map<String, Value>) -> Outcome {
    let role = schema::object(kwarg(body, "role").unwrap_or(&Value::Null))?;
    schema::required(role, "name")?;
    schema::string(role, "name", schema::name(255))?;
    schema::string(role, "description", schema::STRING)?;
    // Checked, then replaced by the server's id.
    schema::string(role, "id", schema::ID)?;
    env.caller.assert_admin()?;
    let name = role.get("name").and_then(Value::as_str).unwrap_or_default();
    if env.state.roles.iter().any(|r| r.name == name) {
        return Err(KsError::conflict(
            "role",
            &format!("Duplicate entry found with name {name}."),
        ));
    }
    let id = if name == MEMBER_ROLE_NAME {
        MEMBER_ROLE_ID.to_owned()
    } else {
        super::common::new_or_given_id(None)
    };
    let role = Role {
        id,
        name: name.to_owned(),
        extra: extra_of(role, &["id", "name", "domain_id"]),
    };
    let body = json!({"role": role.to_v2()});
    env.state.roles.push(role);
    Ok(Reply::ok(body))
}

/// `DELETE /v2.0/OS-KSADM/roles/{role_id}`: also removes its grants and revokes the tokens
/// carrying it.
pub(super) fn delete_role(env: &mut Env<'_>, id: &str) -> Outcome {
    env.caller.assert_admin()?;
    env.state.delete_role(id)?;
    Ok(Reply::NoContent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_ref_ids_round_trip() {
        let id = format!(
            "roleId={}&tenantId={}&userId=u",
            form_encode("r 1"),
            form_encode("t&x")
        );
        assert_eq!(id, "roleId=r+1&tenantId=t%26x&userId=u");
        assert_eq!(parse_qs_first(&id, "roleId").as_deref(), Some("r 1"));
        assert_eq!(parse_qs_first(&id, "tenantId").as_deref(), Some("t&x"));
        assert_eq!(parse_qs_first("garbage", "tenantId"), None);
        assert_eq!(parse_qs_first("tenantId=", "tenantId"), None);
    }
}
