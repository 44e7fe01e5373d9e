//! The emulator's data - projects (tenants), users, roles and their grants, the catalog (services
//! and v3-style endpoints), EC2 credentials and tokens - and the rules that tie them together
//! (cascading deletes, token revocation, the catalog as Keystone 12.0.3 builds it).

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{json, Map};

use super::rackspace::Accounts;
use super::wire::KsError;

mod added;
mod catalog;
mod model;
mod tokens;

pub use added::AddTokenError;
pub(crate) use added::AddedToken;

pub(crate) use catalog::{format_endpoint_list, format_url, valid_endpoint_url};
pub(crate) use model::Token;
pub(crate) use model::{
    new_id, random_uuid, Caller, Credential, Endpoint, Interface, Project, Role, Service,
    TokenRequest, User, BOOTSTRAP_REGION, MEMBER_ROLE_ID, MEMBER_ROLE_NAME,
};
use model::{Grant, BOOTSTRAP_DESCRIPTION};

/// Everything the emulator knows.
#[derive(Debug)]
pub(crate) struct State {
    pub(crate) projects: Vec<Project>,
    pub(crate) users: Vec<User>,
    pub(crate) roles: Vec<Role>,
    pub(crate) grants: Vec<Grant>,
    pub(crate) services: Vec<Service>,
    pub(crate) endpoints: Vec<Endpoint>,
    pub(crate) credentials: Vec<Credential>,
    /// Issued tokens, revoked ones included, until they expire (Keystone too lists revoked
    /// tokens until their expiry); [`State::issue_token`] drops the expired ones, so this
    /// holds at most the tokens issued within one token lifetime.
    pub(crate) tokens: HashMap<String, Token>,
    /// No token in `tokens` expires before this: [`State::issue_token`] only looks for expired
    /// tokens once this time has come, instead of going through the table on every issue.
    tokens_expire_from: DateTime<Utc>,
    /// Tokens added from their bodies through the control, revoked ones included, until the
    /// next is added after their expiry.
    added_tokens: HashMap<String, AddedToken>,
    pub(crate) token_lifetime: Duration,
    /// The Rackspace side of the users (API keys, multi-factor), used in Rackspace mode.
    pub(crate) rackspace: Accounts,
}

/// What the bootstrap needs to know.
#[derive(Debug, Clone)]
pub(crate) struct Bootstrap {
    pub(crate) admin_password: String,
    pub(crate) public_url: String,
    pub(crate) admin_url: String,
    pub(crate) token_lifetime: Duration,
    /// Whether the catalog has the compute service the emulator also serves (`compute.rs`).
    pub(crate) compute: bool,
}

impl State {
    /// The state `keystone-manage bootstrap` leaves: user `admin`, tenant `admin`, roles
    /// `admin` and `_member_`, the admin role granted to the admin user on the admin tenant, and
    /// the identity service with its three endpoints in RegionOne.
    pub(crate) fn bootstrap(b: &Bootstrap) -> State {
        let project = Project {
            id: new_id(),
            name: "admin".into(),
            description: json!(BOOTSTRAP_DESCRIPTION),
            enabled: true,
            extra: Map::new(),
        };
        let admin_role = Role {
            id: new_id(),
            name: "admin".into(),
            extra: Map::new(),
        };
        let member_role = Role {
            id: MEMBER_ROLE_ID.into(),
            name: MEMBER_ROLE_NAME.into(),
            extra: Map::new(),
        };
        let user = User {
            id: new_id(),
            name: "admin".into(),
            password: Some(b.admin_password.clone()),
            enabled: true,
            default_project_id: None,
            extra: Map::new(),
        };
        let grant = Grant {
            user_id: user.id.clone(),
            project_id: project.id.clone(),
            role_id: admin_role.id.clone(),
        };
        let mut service_extra = Map::new();
        service_extra.insert("name".into(), json!("keystone"));
        let service = Service {
            id: new_id(),
            type_: "identity".into(),
            enabled: true,
            extra: service_extra,
        };
        let endpoints = [
            (Interface::Public, &b.public_url),
            (Interface::Internal, &b.public_url),
            (Interface::Admin, &b.admin_url),
        ]
        .into_iter()
        .map(|(interface, url)| Endpoint {
            id: new_id(),
            legacy_id: None,
            service_id: service.id.clone(),
            region: Some(BOOTSTRAP_REGION.into()),
            interface,
            url: url.clone(),
            enabled: true,
            extra: Map::new(),
            distinct: false,
        })
        .collect::<Vec<_>>();
        let mut services = vec![service];
        let mut endpoints = endpoints;
        if b.compute {
            let origin = |url: &str| url.trim_end_matches("/v2.0").to_owned();
            let mut extra = Map::new();
            extra.insert("name".into(), json!("nova"));
            let compute = Service {
                id: new_id(),
                type_: "compute".into(),
                enabled: true,
                extra,
            };
            let public = super::routes::compute_endpoint_template(&origin(&b.public_url));
            let admin = super::routes::compute_endpoint_template(&origin(&b.admin_url));
            endpoints.extend(
                [
                    (Interface::Public, &public),
                    (Interface::Internal, &public),
                    (Interface::Admin, &admin),
                ]
                .into_iter()
                .map(|(interface, url)| Endpoint {
                    id: new_id(),
                    legacy_id: None,
                    service_id: compute.id.clone(),
                    region: Some(BOOTSTRAP_REGION.into()),
                    interface,
                    url: url.clone(),
                    enabled: true,
                    extra: Map::new(),
                    distinct: false,
                }),
            );
            services.push(compute);
        }
        State {
            projects: vec![project],
            users: vec![user],
            roles: vec![admin_role, member_role],
            grants: vec![grant],
            services,
            endpoints,
            credentials: Vec::new(),
            tokens: HashMap::new(),
            tokens_expire_from: DateTime::<Utc>::MAX_UTC,
            added_tokens: HashMap::new(),
            token_lifetime: b.token_lifetime,
            rackspace: Accounts::default(),
        }
    }

    // --- lookups -------------------------------------------------------------------------

    pub(crate) fn project(&self, id: &str) -> Result<&Project, KsError> {
        self.projects
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| KsError::not_found("project", id))
    }

    pub(crate) fn project_mut(&mut self, id: &str) -> Result<&mut Project, KsError> {
        self.projects
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or_else(|| KsError::not_found("project", id))
    }

    pub(crate) fn project_by_name(&self, name: &str) -> Result<&Project, KsError> {
        self.projects
            .iter()
            .find(|p| p.name == name)
            .ok_or_else(|| KsError::not_found("project", name))
    }

    pub(crate) fn user(&self, id: &str) -> Result<&User, KsError> {
        self.users
            .iter()
            .find(|u| u.id == id)
            .ok_or_else(|| KsError::not_found("user", id))
    }

    pub(crate) fn user_mut(&mut self, id: &str) -> Result<&mut User, KsError> {
        self.users
            .iter_mut()
            .find(|u| u.id == id)
            .ok_or_else(|| KsError::not_found("user", id))
    }

    pub(crate) fn user_by_name(&self, name: &str) -> Result<&User, KsError> {
        self.users
            .iter()
            .find(|u| u.name == name)
            .ok_or_else(|| KsError::not_found("user", name))
    }

    pub(crate) fn role(&self, id: &str) -> Result<&Role, KsError> {
        self.roles
            .iter()
            .find(|r| r.id == id)
            .ok_or_else(|| KsError::not_found("role", id))
    }

    pub(crate) fn service(&self, id: &str) -> Result<&Service, KsError> {
        self.services
            .iter()
            .find(|s| s.id == id)
            .ok_or_else(|| KsError::not_found("service", id))
    }

    pub(crate) fn credential(&self, access: &str) -> Result<&Credential, KsError> {
        self.credentials
            .iter()
            .find(|c| c.access == access)
            .ok_or_else(|| {
                KsError::not_found("credential", &super::signature::hash_access_key(access))
            })
    }

    /// The ids of the roles `user_id` has on `project_id`, in grant order.
    pub(crate) fn role_ids_for(&self, user_id: &str, project_id: &str) -> Vec<String> {
        self.grants
            .iter()
            .filter(|g| g.user_id == user_id && g.project_id == project_id)
            .map(|g| g.role_id.clone())
            .collect()
    }

    /// The projects `user_id` has any role on, in project order.
    pub(crate) fn projects_for_user(&self, user_id: &str) -> Vec<&Project> {
        self.projects
            .iter()
            .filter(|p| {
                self.grants
                    .iter()
                    .any(|g| g.user_id == user_id && g.project_id == p.id)
            })
            .collect()
    }

    // --- grants --------------------------------------------------------------------------

    /// Grants a role (409 when already granted). The caller checks that the three exist.
    pub(crate) fn add_grant(
        &mut self,
        user_id: &str,
        project_id: &str,
        role_id: &str,
    ) -> Result<(), KsError> {
        let grant = Grant {
            user_id: user_id.into(),
            project_id: project_id.into(),
            role_id: role_id.into(),
        };
        if self.grants.contains(&grant) {
            return Err(KsError::conflict(
                "role grant",
                &format!("User {user_id} already has role {role_id} in tenant {project_id}."),
            ));
        }
        self.grants.push(grant);
        Ok(())
    }

    /// Revokes a grant (404 when it does not exist) and the user's tokens on the tenant.
    pub(crate) fn remove_grant(
        &mut self,
        user_id: &str,
        project_id: &str,
        role_id: &str,
    ) -> Result<(), KsError> {
        let before = self.grants.len();
        self.grants.retain(|g| {
            !(g.user_id == user_id && g.project_id == project_id && g.role_id == role_id)
        });
        if self.grants.len() == before {
            return Err(KsError::new(
                http::StatusCode::NOT_FOUND,
                format!("Cannot remove role that has not been granted, {role_id}"),
            ));
        }
        self.revoke_tokens(|t| t.user_id == user_id && t.project_id.as_deref() == Some(project_id));
        Ok(())
    }

    /// `assignment_api.add_user_to_project`: the member role, created if missing; an existing
    /// grant is fine.
    pub(crate) fn add_user_to_project(&mut self, project_id: &str, user_id: &str) {
        if self.role(MEMBER_ROLE_ID).is_err() {
            self.roles.push(Role {
                id: MEMBER_ROLE_ID.into(),
                name: MEMBER_ROLE_NAME.into(),
                extra: Map::new(),
            });
        }
        let _already_granted = self.add_grant(user_id, project_id, MEMBER_ROLE_ID);
    }

    // --- cascading deletes ---------------------------------------------------------------

    pub(crate) fn delete_project(&mut self, id: &str) -> Result<(), KsError> {
        self.project(id)?;
        self.projects.retain(|p| p.id != id);
        self.grants.retain(|g| g.project_id != id);
        for user in &mut self.users {
            if user.default_project_id.as_deref() == Some(id) {
                user.default_project_id = None;
            }
        }
        self.credentials.retain(|c| c.project_id != id);
        self.revoke_tokens(|t| t.project_id.as_deref() == Some(id));
        Ok(())
    }

    pub(crate) fn delete_user(&mut self, id: &str) -> Result<(), KsError> {
        self.user(id)?;
        self.users.retain(|u| u.id != id);
        self.grants.retain(|g| g.user_id != id);
        self.credentials.retain(|c| c.user_id != id);
        self.rackspace.forget_user(id);
        self.revoke_tokens(|t| t.user_id == id);
        Ok(())
    }

    pub(crate) fn delete_role(&mut self, id: &str) -> Result<(), KsError> {
        self.role(id)?;
        self.roles.retain(|r| r.id != id);
        self.grants.retain(|g| g.role_id != id);
        self.revoke_tokens(|t| t.role_ids.iter().any(|r| r == id));
        Ok(())
    }

    pub(crate) fn delete_service(&mut self, id: &str) -> Result<(), KsError> {
        self.service(id)?;
        self.services.retain(|s| s.id != id);
        self.endpoints.retain(|e| e.service_id != id);
        Ok(())
    }
}

#[cfg(test)]
mod tests;
