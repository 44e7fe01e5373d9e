//! The routes of Keystone 12.0.3's v2.0 APIs: which (method, path) each API serves, and with
//! which controller signature. Anything else - an unknown path or a wrong method - is a 404.

use http::Method;

use super::wire::Signature;
use crate::operations::Api;

/// One routed operation with its path parameters (already percent-decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Op {
    Versions,
    Version,
    Extensions,
    Extension(String),
    TokensAuthenticate,
    TokensRevoked,
    TokensValidate(String),
    TokensCheck(String),
    TokensDelete(String),
    TokensEndpoints(String),
    CertificatesCa,
    CertificatesSigning,
    /// `GET /tenants` on the public API: the caller's tenants.
    TenantsForToken,
    /// `GET /tenants` on the admin API: all tenants, or one by name.
    TenantsList,
    TenantsCreate,
    TenantsGet(String),
    TenantsUpdate(String),
    TenantsDelete(String),
    TenantsUsers(String),
    RolesForUser {
        tenant: String,
        user: String,
    },
    RoleGrant {
        tenant: String,
        user: String,
        role: String,
    },
    RoleRevoke {
        tenant: String,
        user: String,
        role: String,
    },
    OwnPassword(String),
    UsersList,
    UsersCreate,
    UsersGet(String),
    UsersUpdate(String),
    UsersDelete(String),
    UsersPassword(String),
    UsersEnabled(String),
    UsersTenant(String),
    GlobalRolesList(String),
    GlobalRoleGrant {
        user: String,
        role: String,
    },
    GlobalRoleRevoke {
        user: String,
        role: String,
    },
    RoleRefsList(String),
    RoleRefsCreate(String),
    RoleRefsDelete {
        user: String,
        role_ref: String,
    },
    RolesList,
    RolesCreate,
    RolesGet(String),
    RolesDelete(String),
    ServicesList,
    ServicesCreate,
    ServicesGet(String),
    ServicesDelete(String),
    EndpointsList,
    EndpointsCreate,
    EndpointsDelete(String),
    Ec2Tokens,
    S3Tokens,
    Ec2List(String),
    Ec2Create(String),
    Ec2Get {
        user: String,
        access: String,
    },
    Ec2Delete {
        user: String,
        access: String,
    },
}

/// Routes a request. `segments` are the decoded, non-empty path segments; `None` is a 404.
pub(crate) fn route(api: Api, method: &Method, segments: &[&str]) -> Option<Op> {
    let s = |x: &&str| (*x).to_owned();
    let (head, rest) = match segments.split_first() {
        // The root and the v2.0 version document answer any method.
        None => return Some(Op::Versions),
        Some((head, rest)) => (*head, rest),
    };
    if head != "v2.0" {
        return None;
    }
    let m = method.as_str();
    let public = api == Api::Public;
    let admin = api == Api::Admin;
    let op = match (m, rest) {
        (_, []) => Op::Version,
        ("GET", ["extensions"]) => Op::Extensions,
        ("GET", ["extensions", alias]) => Op::Extension(s(alias)),
        ("POST", ["tokens"]) => Op::TokensAuthenticate,
        ("GET", ["tokens", "revoked"]) => Op::TokensRevoked,
        ("GET", ["tokens", id]) => Op::TokensValidate(s(id)),
        ("HEAD", ["tokens", id]) => Op::TokensCheck(s(id)),
        ("DELETE", ["tokens", id]) => Op::TokensDelete(s(id)),
        ("GET", ["tokens", id, "endpoints"]) => Op::TokensEndpoints(s(id)),
        ("GET", ["certificates", "ca"]) => Op::CertificatesCa,
        ("GET", ["certificates", "signing"]) => Op::CertificatesSigning,
        ("POST", ["ec2tokens"]) => Op::Ec2Tokens,
        ("GET", ["users", u, "credentials", "OS-EC2"]) => Op::Ec2List(s(u)),
        ("POST", ["users", u, "credentials", "OS-EC2"]) => Op::Ec2Create(s(u)),
        ("GET", ["users", u, "credentials", "OS-EC2", c]) => Op::Ec2Get {
            user: s(u),
            access: s(c),
        },
        ("DELETE", ["users", u, "credentials", "OS-EC2", c]) => Op::Ec2Delete {
            user: s(u),
            access: s(c),
        },
        ("GET", ["tenants"]) if public => Op::TenantsForToken,
        ("PATCH", ["OS-KSCRUD", "users", u]) if public => Op::OwnPassword(s(u)),
        _ if admin => admin_route(m, rest)?,
        _ => return None,
    };
    Some(op)
}

/// The admin-only routes.
fn admin_route(m: &str, rest: &[&str]) -> Option<Op> {
    let s = |x: &&str| (*x).to_owned();
    Some(match (m, rest) {
        ("POST", ["s3tokens"]) => Op::S3Tokens,
        ("GET", ["tenants"]) => Op::TenantsList,
        ("POST", ["tenants"]) => Op::TenantsCreate,
        ("GET", ["tenants", t]) => Op::TenantsGet(s(t)),
        ("POST" | "PUT", ["tenants", t]) => Op::TenantsUpdate(s(t)),
        ("DELETE", ["tenants", t]) => Op::TenantsDelete(s(t)),
        ("GET", ["tenants", t, "users"]) => Op::TenantsUsers(s(t)),
        ("GET", ["tenants", t, "users", u, "roles"]) => Op::RolesForUser {
            tenant: s(t),
            user: s(u),
        },
        ("PUT", ["tenants", t, "users", u, "roles", "OS-KSADM", r]) => Op::RoleGrant {
            tenant: s(t),
            user: s(u),
            role: s(r),
        },
        ("DELETE", ["tenants", t, "users", u, "roles", "OS-KSADM", r]) => Op::RoleRevoke {
            tenant: s(t),
            user: s(u),
            role: s(r),
        },
        ("GET", ["users"]) => Op::UsersList,
        ("POST", ["users"]) => Op::UsersCreate,
        ("GET", ["users", u]) => Op::UsersGet(s(u)),
        ("PUT", ["users", u]) => Op::UsersUpdate(s(u)),
        ("DELETE", ["users", u]) => Op::UsersDelete(s(u)),
        ("PUT", ["users", u, "password"] | ["users", u, "OS-KSADM", "password"]) => {
            Op::UsersPassword(s(u))
        }
        ("PUT", ["users", u, "enabled"] | ["users", u, "OS-KSADM", "enabled"]) => {
            Op::UsersEnabled(s(u))
        }
        ("PUT", ["users", u, "tenant"] | ["users", u, "OS-KSADM", "tenant"]) => {
            Op::UsersTenant(s(u))
        }
        ("GET", ["users", u, "roles"]) => Op::GlobalRolesList(s(u)),
        ("PUT", ["users", u, "roles", "OS-KSADM", r]) => Op::GlobalRoleGrant {
            user: s(u),
            role: s(r),
        },
        ("DELETE", ["users", u, "roles", "OS-KSADM", r]) => Op::GlobalRoleRevoke {
            user: s(u),
            role: s(r),
        },
        ("GET", ["users", u, "roleRefs"]) => Op::RoleRefsList(s(u)),
        ("POST", ["users", u, "roleRefs"]) => Op::RoleRefsCreate(s(u)),
        ("DELETE", ["users", u, "roleRefs", r]) => Op::RoleRefsDelete {
            user: s(u),
            role_ref: s(r),
        },
        ("GET", ["OS-KSADM", "roles"]) => Op::RolesList,
        ("POST", ["OS-KSADM", "roles"]) => Op::RolesCreate,
        ("GET", ["OS-KSADM", "roles", r]) => Op::RolesGet(s(r)),
        ("DELETE", ["OS-KSADM", "roles", r]) => Op::RolesDelete(s(r)),
        ("GET", ["OS-KSADM", "services"]) => Op::ServicesList,
        ("POST", ["OS-KSADM", "services"]) => Op::ServicesCreate,
        ("GET", ["OS-KSADM", "services", id]) => Op::ServicesGet(s(id)),
        ("DELETE", ["OS-KSADM", "services", id]) => Op::ServicesDelete(s(id)),
        ("GET", ["endpoints"]) => Op::EndpointsList,
        ("POST", ["endpoints"]) => Op::EndpointsCreate,
        ("DELETE", ["endpoints", id]) => Op::EndpointsDelete(s(id)),
        _ => return None,
    })
}

impl Op {
    /// The controller method Keystone calls, and the keyword arguments it takes from the body.
    pub(crate) fn signature(&self) -> Signature {
        use Op::*;
        let sig = Signature::new;
        match self {
            Versions => sig("Version.get_versions"),
            Version => sig("Version.get_version_v2"),
            Extensions => sig("Extensions.get_extensions_info"),
            Extension(_) => sig("Extensions.get_extension_info"),
            TokensAuthenticate => sig("Auth.authenticate").optional(&["auth"]),
            TokensRevoked => sig("Auth.revocation_list"),
            TokensValidate(_) => sig("Auth.validate_token"),
            TokensCheck(_) => sig("Auth.validate_token_head"),
            TokensDelete(_) => sig("Auth.delete_token"),
            TokensEndpoints(_) => sig("Auth.endpoints"),
            CertificatesCa => sig("Auth.ca_cert"),
            CertificatesSigning => sig("Auth.signing_cert"),
            TenantsForToken => sig("TenantAssignment.get_projects_for_token").any(),
            TenantsList => sig("Tenant.get_all_projects").any(),
            TenantsCreate => sig("Tenant.create_project").required(&["tenant"]),
            TenantsGet(_) => sig("Tenant.get_project"),
            TenantsUpdate(_) => sig("Tenant.update_project").required(&["tenant"]),
            TenantsDelete(_) => sig("Tenant.delete_project"),
            TenantsUsers(_) => sig("TenantAssignment.get_project_users").any(),
            RolesForUser { .. } | GlobalRolesList(_) => {
                sig("RoleAssignmentV2.get_user_roles").optional(&["tenant_id"])
            }
            RoleGrant { .. } | GlobalRoleGrant { .. } => {
                sig("RoleAssignmentV2.add_role_to_user").optional(&["tenant_id"])
            }
            RoleRevoke { .. } | GlobalRoleRevoke { .. } => {
                sig("RoleAssignmentV2.remove_role_from_user").optional(&["tenant_id"])
            }
            OwnPassword(_) => sig("UserController.set_user_password").required(&["user"]),
            UsersList => sig("User.get_users"),
            UsersCreate => sig("User.create_user").required(&["user"]),
            UsersGet(_) => sig("User.get_user"),
            UsersUpdate(_) | UsersTenant(_) => sig("User.update_user").required(&["user"]),
            UsersDelete(_) => sig("User.delete_user"),
            UsersPassword(_) => sig("User.set_user_password").required(&["user"]),
            UsersEnabled(_) => sig("User.set_user_enabled").required(&["user"]),
            RoleRefsList(_) => sig("RoleAssignmentV2.get_role_refs"),
            RoleRefsCreate(_) => sig("RoleAssignmentV2.create_role_ref").required(&["role"]),
            RoleRefsDelete { .. } => sig("RoleAssignmentV2.delete_role_ref"),
            RolesList => sig("Role.get_roles"),
            RolesCreate => sig("Role.create_role").required(&["role"]),
            RolesGet(_) => sig("Role.get_role"),
            RolesDelete(_) => sig("Role.delete_role"),
            ServicesList => sig("Service.get_services"),
            ServicesCreate => sig("Service.create_service").required(&["OS_KSADM_service"]),
            ServicesGet(_) => sig("Service.get_service"),
            ServicesDelete(_) => sig("Service.delete_service"),
            EndpointsList => sig("Endpoint.get_endpoints"),
            EndpointsCreate => sig("Endpoint.create_endpoint").required(&["endpoint"]),
            EndpointsDelete(_) => sig("Endpoint.delete_endpoint"),
            Ec2Tokens => {
                sig("Ec2Controller.authenticate").optional(&["credentials", "ec2Credentials"])
            }
            S3Tokens => {
                sig("S3Controller.authenticate").optional(&["credentials", "ec2Credentials"])
            }
            Ec2List(_) => sig("Ec2Controller.get_credentials"),
            Ec2Create(_) => sig("Ec2Controller.create_credential").required(&["tenant_id"]),
            Ec2Get { .. } => sig("Ec2Controller.get_credential"),
            Ec2Delete { .. } => sig("Ec2Controller.delete_credential"),
        }
    }

    /// The names of the path parameters (the URL's values win over body keys of that name).
    pub(crate) fn path_params(&self) -> &'static [&'static str] {
        use Op::*;
        match self {
            Extension(_) => &["extension_alias"],
            TokensValidate(_) | TokensCheck(_) | TokensDelete(_) | TokensEndpoints(_) => {
                &["token_id"]
            }
            TenantsGet(_) | TenantsUpdate(_) | TenantsDelete(_) | TenantsUsers(_) => &["tenant_id"],
            RolesForUser { .. } => &["tenant_id", "user_id"],
            RoleGrant { .. } | RoleRevoke { .. } => &["tenant_id", "user_id", "role_id"],
            GlobalRoleGrant { .. } | GlobalRoleRevoke { .. } => &["user_id", "role_id"],
            OwnPassword(_) | UsersGet(_) | UsersUpdate(_) | UsersDelete(_) | UsersPassword(_)
            | UsersEnabled(_) | UsersTenant(_) | GlobalRolesList(_) | RoleRefsList(_)
            | RoleRefsCreate(_) | Ec2List(_) | Ec2Create(_) => &["user_id"],
            RoleRefsDelete { .. } => &["user_id", "role_ref_id"],
            RolesGet(_) | RolesDelete(_) => &["role_id"],
            ServicesGet(_) | ServicesDelete(_) => &["service_id"],
            EndpointsDelete(_) => &["endpoint_id"],
            Ec2Get { .. } | Ec2Delete { .. } => &["user_id", "credential_id"],
            _ => &[],
        }
    }
}

/// The path prefix of the compute service.
pub(crate) const COMPUTE_PREFIX: &str = "/compute/";

/// The URL template of the compute endpoints below an origin (`http://host:port`).
pub(crate) fn compute_endpoint_template(origin: &str) -> String {
    format!("{origin}/compute/v2.1/$(tenant_id)s")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(api: Api, m: &str, path: &str) -> Option<Op> {
        let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        route(api, &Method::from_bytes(m.as_bytes()).unwrap(), &segs)
    }

    #[test]
    fn the_two_apis_route_differently() {
        assert_eq!(
            r(Api::Public, "GET", "/v2.0/tenants"),
            Some(Op::TenantsForToken)
        );
        assert_eq!(r(Api::Admin, "GET", "/v2.0/tenants"), Some(Op::TenantsList));
        assert_eq!(r(Api::Public, "GET", "/v2.0/users"), None);
        assert_eq!(r(Api::Admin, "PATCH", "/v2.0/OS-KSCRUD/users/u"), None);
        assert_eq!(r(Api::Public, "POST", "/v2.0/s3tokens"), None);
        assert_eq!(r(Api::Admin, "POST", "/v2.0/s3tokens"), Some(Op::S3Tokens));
    }

    #[test]
    fn wrong_methods_and_unknown_paths_are_not_routed() {
        assert_eq!(r(Api::Admin, "PATCH", "/v2.0/tenants"), None);
        assert_eq!(r(Api::Admin, "HEAD", "/v2.0/tenants"), None);
        assert_eq!(r(Api::Admin, "GET", "/v3/nothing"), None);
        assert_eq!(r(Api::Admin, "GET", "/v2.0/nothing/here"), None);
    }

    #[test]
    fn version_documents_answer_any_method() {
        assert_eq!(r(Api::Admin, "POST", "/v2.0"), Some(Op::Version));
        assert_eq!(r(Api::Public, "GET", "/"), Some(Op::Versions));
    }

    #[test]
    fn revoked_wins_over_a_token_id_and_legacy_paths_route() {
        assert_eq!(
            r(Api::Admin, "GET", "/v2.0/tokens/revoked"),
            Some(Op::TokensRevoked)
        );
        assert_eq!(
            r(Api::Admin, "PUT", "/v2.0/users/u/password"),
            Some(Op::UsersPassword("u".into()))
        );
        assert_eq!(
            r(Api::Admin, "PUT", "/v2.0/users/u/OS-KSADM/tenant"),
            Some(Op::UsersTenant("u".into()))
        );
    }
}
