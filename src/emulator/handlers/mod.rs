//! The operations, as Keystone 12.0.3's v2.0 controllers implement them: the order of their
//! checks (validation, then policy, then existence) decides which error a bad request gets.

mod assignment;
mod catalog;
mod common;
mod ec2;
mod identity;
mod rackspace;
mod resource;
mod tokens;

use http::StatusCode;
use serde_json::{Map, Value};

use super::dialect::Dialect;
use super::fixtures;
use super::routes::Op;
use super::wire::{KsError, Outcome, Reply};

use common::truthy_str;
pub(crate) use common::Env;

/// Runs one routed operation. The body's keys were already checked against the operation's
/// signature.
pub(crate) fn dispatch(env: &mut Env<'_>, op: Op, body: &Map<String, Value>) -> Outcome {
    use Op::*;
    match op {
        Versions => Ok(Reply::Json(
            StatusCode::MULTIPLE_CHOICES,
            fixtures::versions(&env.ctx.host_url),
        )),
        Version => Ok(Reply::ok(
            serde_json::json!({"version": fixtures::v2_version(&env.ctx.host_url)}),
        )),
        Extensions => Ok(Reply::ok(fixtures::extensions(env.ctx.api))),
        Extension(alias) => fixtures::extension(env.ctx.api, &alias)
            .map(Reply::ok)
            .ok_or_else(|| {
                KsError::new(StatusCode::NOT_FOUND, format!("Could not find: {alias}."))
            }),
        CertificatesCa => Ok(Reply::Pem(fixtures::CA_PEM)),
        CertificatesSigning => Ok(Reply::Pem(fixtures::SIGNING_PEM)),

        TokensAuthenticate if env.ctx.dialect == Dialect::Rackspace => {
            rackspace::authenticate(env, body)
        }
        TokensAuthenticate => tokens::authenticate(env, body),
        TokensRevoked => tokens::revocation_list(env),
        TokensValidate(id) => tokens::validate(env, &id, "identity:validate_token"),
        TokensCheck(id) => tokens::validate(env, &id, "identity:validate_token_head"),
        TokensDelete(id) => tokens::delete(env, &id),
        TokensEndpoints(id) => tokens::endpoints(env, &id),
        OwnPassword(user) => tokens::change_own_password(env, &user, body),

        TenantsForToken => resource::list_for_token(env),
        TenantsList => resource::list(env),
        TenantsCreate => resource::create(env, body),
        TenantsGet(id) => resource::get(env, &id),
        TenantsUpdate(id) => resource::update(env, &id, body),
        TenantsDelete(id) => resource::delete(env, &id),
        TenantsUsers(id) => assignment::tenant_users(env, &id),

        RolesForUser { tenant, user } => assignment::roles_for_user(env, &user, Some(&tenant)),
        GlobalRolesList(user) => {
            let tenant = body_tenant_id(body);
            assignment::roles_for_user(env, &user, tenant.as_deref())
        }
        RoleGrant { tenant, user, role } => assignment::grant(env, &user, &role, Some(&tenant)),
        GlobalRoleGrant { user, role } => {
            let tenant = body_tenant_id(body);
            assignment::grant(env, &user, &role, tenant.as_deref())
        }
        RoleRevoke { tenant, user, role } => assignment::revoke(env, &user, &role, Some(&tenant)),
        GlobalRoleRevoke { user, role } => {
            let tenant = body_tenant_id(body);
            assignment::revoke(env, &user, &role, tenant.as_deref())
        }
        RoleRefsList(user) => assignment::role_refs(env, &user),
        RoleRefsCreate(user) => assignment::create_role_ref(env, &user, body),
        RoleRefsDelete { user, role_ref } => assignment::delete_role_ref(env, &user, &role_ref),
        RolesList => assignment::list_roles(env),
        RolesCreate => assignment::create_role(env, body),
        RolesGet(id) => assignment::get_role(env, &id),
        RolesDelete(id) => assignment::delete_role(env, &id),

        UsersList => identity::list(env),
        UsersCreate => identity::create(env, body),
        UsersGet(id) => identity::get(env, &id),
        UsersUpdate(id) | UsersTenant(id) => {
            identity::update(env, &id, body, identity::Variant::Update)
        }
        UsersPassword(id) => identity::update(env, &id, body, identity::Variant::Password),
        UsersEnabled(id) => identity::update(env, &id, body, identity::Variant::Enabled),
        UsersDelete(id) => identity::delete(env, &id),

        ServicesList => catalog::list_services(env),
        ServicesCreate => catalog::create_service(env, body),
        ServicesGet(id) => catalog::get_service(env, &id),
        ServicesDelete(id) => catalog::delete_service(env, &id),
        EndpointsList => catalog::list_endpoints(env),
        EndpointsCreate => catalog::create_endpoint(env, body),
        EndpointsDelete(id) => catalog::delete_endpoint(env, &id),

        Ec2Tokens => ec2::authenticate(env, body),
        S3Tokens => ec2::s3_authenticate(env, body),
        Ec2List(user) => ec2::list(env, &user),
        Ec2Create(user) => ec2::create(env, &user, body),
        Ec2Get { user, access } => ec2::get(env, &user, &access),
        Ec2Delete { user, access } => ec2::delete(env, &user, &access),
    }
}

/// The global-role routes take an optional `tenant_id` keyword: sent in the body, it makes them
/// tenant grants (a quirk of Keystone's controller signature).
fn body_tenant_id(body: &Map<String, Value>) -> Option<String> {
    body.get("tenant_id")
        .and_then(truthy_str)
        .map(str::to_owned)
}
