//! The operations, as Keystone 12.0.3's v2.0 controllers implement them: the order of their
//! checks (validation, then policy, then existence) decides which error a bad request gets.

mod assignment;
mod catalog;
mod ec2;
mod identity;
mod resource;
mod tokens;

use chrono::{DateTime, Utc};
use http::StatusCode;
use serde_json::{Map, Value};

use super::fixtures;
use super::routes::Op;
use super::state::{Caller, State};
use super::wire::{Ctx, KsError, Outcome, Reply};

/// What a handler works with: the state (locked), the request, and who sent it.
pub(crate) struct Env<'a> {
    pub(crate) state: &'a mut State,
    pub(crate) ctx: &'a Ctx,
    pub(crate) caller: Caller,
    pub(crate) now: DateTime<Utc>,
}

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

// --- small helpers shared by the handlers ---------------------------------------------------

/// A non-empty string (Python truthiness for the values Keystone expects to be strings).
pub(crate) fn truthy_str(v: &Value) -> Option<&str> {
    v.as_str().filter(|s| !s.is_empty())
}

/// Whether a JSON value is truthy in Python.
pub(crate) fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// A value as Python's `repr()` shows it in jsonschema messages.
pub(crate) fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("'{s}'"),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("'{k}': {}", py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A value as Python's `str()` shows it.
pub(crate) fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// The JSON-schema checks Keystone's v2 controllers run (`validation.lazy_validate`), with the
/// first line of jsonschema's messages.
pub(crate) mod schema {
    use serde_json::{Map, Value};

    use super::py_repr;
    use crate::emulator::wire::KsError;

    /// The request's object, or 400 when it is not one.
    pub(crate) fn object(v: &Value) -> Result<&Map<String, Value>, KsError> {
        v.as_object()
            .ok_or_else(|| KsError::bad_request(format!("{} is not of type 'object'", py_repr(v))))
    }

    pub(crate) fn required(obj: &Map<String, Value>, field: &str) -> Result<(), KsError> {
        if obj.contains_key(field) {
            Ok(())
        } else {
            Err(KsError::bad_request(format!(
                "'{field}' is a required property"
            )))
        }
    }

    fn invalid(field: &str, message: String) -> KsError {
        KsError::bad_request(format!("Invalid input for field '{field}': {message}"))
    }

    /// How a string attribute is constrained.
    #[derive(Debug, Clone, Copy, Default)]
    pub(crate) struct Str {
        pub(crate) nullable: bool,
        pub(crate) min: usize,
        pub(crate) max: Option<usize>,
        /// Pattern `[\S]+`: at least one non-space character.
        pub(crate) non_blank: bool,
        /// Pattern `^[a-zA-Z0-9-]+$` (ids).
        pub(crate) id_chars: bool,
    }

    /// A name: 1 to `max` characters, not only spaces.
    pub(crate) const fn name(max: usize) -> Str {
        Str {
            nullable: false,
            min: 1,
            max: Some(max),
            non_blank: true,
            id_chars: false,
        }
    }

    /// An id: 1 to 64 of `[a-zA-Z0-9-]`, or null.
    pub(crate) const ID: Str = Str {
        nullable: true,
        min: 1,
        max: Some(64),
        non_blank: false,
        id_chars: true,
    };

    /// Any string, or null.
    pub(crate) const NULLABLE: Str = Str {
        nullable: true,
        min: 0,
        max: None,
        non_blank: false,
        id_chars: false,
    };

    /// Any string.
    pub(crate) const STRING: Str = Str {
        nullable: false,
        min: 0,
        max: None,
        non_blank: false,
        id_chars: false,
    };

    /// Checks `obj[field]` if present.
    pub(crate) fn string(obj: &Map<String, Value>, field: &str, rule: Str) -> Result<(), KsError> {
        let Some(v) = obj.get(field) else {
            return Ok(());
        };
        let s = match v {
            Value::Null if rule.nullable => return Ok(()),
            Value::String(s) => s,
            other => {
                let ty = if rule.nullable {
                    "['string', 'null']"
                } else {
                    "'string'"
                };
                return Err(invalid(
                    field,
                    format!("{} is not of type {ty}", py_repr(other)),
                ));
            }
        };
        let len = s.chars().count();
        if len < rule.min {
            return Err(invalid(field, format!("{} is too short", py_repr(v))));
        }
        if rule.max.is_some_and(|max| len > max) {
            return Err(invalid(field, format!("{} is too long", py_repr(v))));
        }
        if rule.non_blank && s.chars().all(char::is_whitespace) {
            return Err(invalid(
                field,
                format!("{} does not match '[\\\\S]+'", py_repr(v)),
            ));
        }
        if rule.id_chars && !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(invalid(
                field,
                format!("{} does not match '^[a-zA-Z0-9-]+$'", py_repr(v)),
            ));
        }
        Ok(())
    }

    /// Checks that `obj[field]`, if present, is a boolean.
    pub(crate) fn boolean(obj: &Map<String, Value>, field: &str) -> Result<(), KsError> {
        match obj.get(field) {
            None | Some(Value::Bool(_)) => Ok(()),
            Some(other) => Err(invalid(
                field,
                format!("{} is not of type 'boolean'", py_repr(other)),
            )),
        }
    }

    /// Refuses attributes a v2 request may not set.
    pub(crate) fn forbidden(obj: &Map<String, Value>, fields: &[&str]) -> Result<(), KsError> {
        match fields.iter().find(|f| obj.contains_key(**f)) {
            Some(f) => Err(KsError::bad_request(format!(
                "{} should not be valid under {{'required': ['{f}']}}",
                py_repr(&Value::Object(obj.clone()))
            ))),
            None => Ok(()),
        }
    }
}

/// The extra attributes of a request object: every key but `known`.
pub(crate) fn extra_of(obj: &Map<String, Value>, known: &[&str]) -> Map<String, Value> {
    obj.iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// `given`, or a new random id.
pub(crate) fn new_or_given_id(given: Option<&str>) -> String {
    given.map_or_else(super::state::new_id, str::to_owned)
}
