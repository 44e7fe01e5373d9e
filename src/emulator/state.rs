//! The emulator's data - projects (tenants), users, roles and their grants, the catalog (services
//! and v3-style endpoints), EC2 credentials and tokens - and the rules that tie them together
//! (cascading deletes, token revocation, the catalog as Keystone 12.0.3 builds it).

use std::collections::HashMap;
use std::time::Duration;

use base64::Engine as _;
use chrono::{DateTime, DurationRound, Utc};
use serde::Serialize;
use serde_json::{json, Map, Value};

use super::wire::KsError;

/// The id Keystone gives the member role (`[DEFAULT] member_role_id`).
pub(crate) const MEMBER_ROLE_ID: &str = "9fe2ff9ee4384b1894a90878d3e92bab";
/// The name of the member role (`[DEFAULT] member_role_name`).
pub(crate) const MEMBER_ROLE_NAME: &str = "_member_";
/// The description of the bootstrap tenant.
pub(crate) const BOOTSTRAP_DESCRIPTION: &str = "Bootstrap project for initializing the cloud.";
/// The bootstrap region.
pub(crate) const BOOTSTRAP_REGION: &str = "RegionOne";

/// A random (version 4) UUID from the operating system's random bytes, drawn 4 KiB at a time:
/// one `getrandom` call for 256 UUIDs instead of one each (every request gets a request id,
/// every login a token id and an audit id). Bytes handed out are wiped from the pool.
pub(crate) fn random_uuid() -> uuid::Uuid {
    const POOL: usize = 4096;
    std::thread_local! {
        static RANDOM: std::cell::RefCell<([u8; POOL], usize)> =
            const { std::cell::RefCell::new(([0; POOL], POOL)) };
    }
    RANDOM.with_borrow_mut(|(pool, used)| {
        if *used == POOL {
            if getrandom::getrandom(pool).is_err() {
                return uuid::Uuid::new_v4();
            }
            *used = 0;
        }
        let mut bytes = [0u8; 16];
        let taken = &mut pool[*used..*used + 16];
        bytes.copy_from_slice(taken);
        taken.fill(0);
        *used += 16;
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    })
}

/// A new random id, 32 hex digits like Keystone's `uuid.uuid4().hex`.
pub(crate) fn new_id() -> String {
    random_uuid().simple().to_string()
}

/// A new audit id: 22 URL-safe base64 characters.
fn new_audit_id() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_uuid().as_bytes())
}

/// Keystone's token time format: whole seconds, a zero fraction and `Z`.
pub(crate) fn isotime(t: DateTime<Utc>) -> String {
    use chrono::{Datelike as _, Timelike as _};
    use std::fmt::Write as _;
    let year = t.year();
    if !(0..=9999).contains(&year) {
        // chrono's `%Y` signs the years it cannot write in four digits.
        return t.format("%Y-%m-%dT%H:%M:%S.000000Z").to_string();
    }
    // Every token answer carries two of these: written directly, without parsing a format.
    let mut out = String::with_capacity(27);
    let _infallible = write!(
        out,
        "{year:04}-{:02}-{:02}T{:02}:{:02}:{:02}.000000Z",
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    );
    out
}

/// A tenant (a project of the default domain).
#[derive(Debug, Clone)]
pub(crate) struct Project {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) description: Value,
    pub(crate) enabled: bool,
    pub(crate) extra: Map<String, Value>,
}

impl Project {
    /// The v2 view: extra attributes, then the fixed ones.
    pub(crate) fn to_v2(&self) -> Value {
        let mut out = self.extra.clone();
        out.insert("id".into(), json!(self.id));
        out.insert("name".into(), json!(self.name));
        out.insert("description".into(), self.description.clone());
        out.insert("enabled".into(), json!(self.enabled));
        Value::Object(out)
    }

    /// What an update answers: Keystone's SQL backend adds the raw `extra` dictionary.
    pub(crate) fn to_v2_updated(&self) -> Value {
        let mut out = self.to_v2();
        out["extra"] = Value::Object(self.extra.clone());
        out
    }
}

/// A user of the default domain. `extra` holds `email` and every attribute Keystone does not
/// model (and `username` when both `name` and `username` were given).
#[derive(Debug, Clone)]
pub(crate) struct User {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) password: Option<String>,
    pub(crate) enabled: bool,
    pub(crate) default_project_id: Option<String>,
    pub(crate) extra: Map<String, Value>,
}

impl User {
    /// The v2 view (`V2Controller.v3_to_v2_user` of the SQL backend's user).
    pub(crate) fn to_v2(&self) -> Value {
        let mut out = self.extra.clone();
        out.insert("id".into(), json!(self.id));
        out.insert("name".into(), json!(self.name));
        out.insert("enabled".into(), json!(self.enabled));
        out.insert("options".into(), json!({}));
        if let Some(p) = &self.default_project_id {
            out.insert("tenantId".into(), json!(p));
        }
        if !out.contains_key("username") {
            out.insert("username".into(), json!(self.name));
        }
        Value::Object(out)
    }

    /// What an update answers: the raw `extra` dictionary is included.
    pub(crate) fn to_v2_updated(&self) -> Value {
        let mut out = self.to_v2();
        out["extra"] = Value::Object(self.extra.clone());
        out
    }
}

/// A role.
#[derive(Debug, Clone)]
pub(crate) struct Role {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) extra: Map<String, Value>,
}

impl Role {
    pub(crate) fn to_v2(&self) -> Value {
        let mut out = self.extra.clone();
        out.insert("id".into(), json!(self.id));
        out.insert("name".into(), json!(self.name));
        out.insert("domain_id".into(), Value::Null);
        Value::Object(out)
    }
}

/// A role granted to a user on a tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Grant {
    pub(crate) user_id: String,
    pub(crate) project_id: String,
    pub(crate) role_id: String,
}

/// A catalog service. Its `name` and `description` live in `extra`, as in Keystone.
#[derive(Debug, Clone)]
pub(crate) struct Service {
    pub(crate) id: String,
    pub(crate) type_: String,
    pub(crate) enabled: bool,
    pub(crate) extra: Map<String, Value>,
}

impl Service {
    pub(crate) fn name(&self) -> String {
        self.extra
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    }

    pub(crate) fn to_v2(&self) -> Value {
        let mut out = self.extra.clone();
        out.insert("id".into(), json!(self.id));
        out.insert("type".into(), json!(self.type_));
        out.insert("enabled".into(), json!(self.enabled));
        Value::Object(out)
    }
}

/// The interface of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Interface {
    Public,
    Internal,
    Admin,
}

impl Interface {
    pub(crate) const ALL: [Interface; 3] =
        [Interface::Public, Interface::Internal, Interface::Admin];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Interface::Public => "public",
            Interface::Internal => "internal",
            Interface::Admin => "admin",
        }
    }
}

/// One URL of a service (a v3 endpoint). A v2 endpoint is up to three of them sharing a
/// `legacy_id`; bootstrap endpoints have none, like those `keystone-manage bootstrap` makes.
#[derive(Debug, Clone)]
pub(crate) struct Endpoint {
    pub(crate) id: String,
    pub(crate) legacy_id: Option<String>,
    pub(crate) service_id: String,
    pub(crate) region: Option<String>,
    pub(crate) interface: Interface,
    pub(crate) url: String,
    pub(crate) enabled: bool,
    pub(crate) extra: Map<String, Value>,
    /// Added by the test control: never merged with other endpoints of the same service type
    /// and region in a v2 catalog (Keystone would keep only one of them).
    pub(crate) distinct: bool,
}

/// An EC2 credential.
#[derive(Debug, Clone)]
pub(crate) struct Credential {
    pub(crate) access: String,
    pub(crate) secret: String,
    pub(crate) user_id: String,
    pub(crate) project_id: String,
}

impl Credential {
    pub(crate) fn to_v2(&self) -> Value {
        json!({
            "user_id": self.user_id,
            "tenant_id": self.project_id,
            "access": self.access,
            "secret": self.secret,
            "trust_id": null,
        })
    }
}

/// An issued token (a UUID token: its data is kept server-side).
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub(crate) id: String,
    pub(crate) user_id: String,
    pub(crate) project_id: Option<String>,
    /// The ids of the roles on the project when the token was issued.
    pub(crate) role_ids: Vec<String>,
    pub(crate) methods: &'static [&'static str],
    pub(crate) issued_at: DateTime<Utc>,
    pub(crate) expires: DateTime<Utc>,
    /// `[audit_id]`, or `[audit_id, audit_chain_id]` for a token obtained from another.
    pub(crate) audit_ids: Vec<String>,
    pub(crate) revoked: bool,
}

impl Token {
    /// The audit id of the chain this token belongs to.
    pub(crate) fn audit_chain_id(&self) -> String {
        self.audit_ids.last().cloned().unwrap_or_default()
    }
}

/// What to issue a token for.
#[derive(Debug, Clone)]
pub(crate) struct TokenRequest<'a> {
    pub(crate) user_id: &'a str,
    pub(crate) project_id: Option<&'a str>,
    /// Keep this expiry (a token obtained from a token keeps the original's).
    pub(crate) expires: Option<DateTime<Utc>>,
    pub(crate) parent_audit_id: Option<String>,
    pub(crate) methods: &'static [&'static str],
}

/// Who sent a request, from its `X-Auth-Token`.
#[derive(Debug, Clone)]
pub(crate) enum Caller {
    /// No token.
    Anonymous,
    /// A token that is unknown, expired or revoked.
    Invalid,
    /// The static admin token.
    AdminToken,
    /// A valid token.
    User(Principal),
}

/// The owner of a valid token.
#[derive(Debug, Clone)]
pub(crate) struct Principal {
    pub(crate) user_id: String,
    pub(crate) role_names: Vec<String>,
}

impl Caller {
    fn has_role(&self, name: &str) -> bool {
        matches!(self, Caller::User(p) if p.role_names.iter().any(|r| r == name))
    }

    /// Policy `admin_required`: `role:admin or is_admin:1`.
    pub(crate) fn is_admin(&self) -> bool {
        matches!(self, Caller::AdminToken) || self.has_role("admin")
    }

    /// `assert_admin`: 401 without a valid token, 403 for a non-admin.
    pub(crate) fn assert_admin(&self) -> Result<(), KsError> {
        self.assert_rule("admin_required", &["admin"])
    }

    /// Policy `service_or_admin` under the name `action` (token validation, revocation list).
    pub(crate) fn assert_service_or_admin(&self, action: &str) -> Result<(), KsError> {
        self.assert_rule(action, &["admin", "service"])
    }

    fn assert_rule(&self, action: &str, roles: &[&str]) -> Result<(), KsError> {
        match self {
            Caller::Anonymous | Caller::Invalid => Err(KsError::unauthorized()),
            Caller::AdminToken => Ok(()),
            Caller::User(_) if roles.iter().any(|r| self.has_role(r)) => Ok(()),
            Caller::User(_) => Err(KsError::forbidden_action(action)),
        }
    }

    /// The token's owner (`authorization.get_token_ref`): 401 for no token, the admin token or
    /// an invalid one.
    pub(crate) fn principal(&self) -> Result<&Principal, KsError> {
        match self {
            Caller::User(p) => Ok(p),
            _ => Err(KsError::unauthorized()),
        }
    }
}

/// One entry of a region of the v2 catalog: a service type's URLs in one region.
#[derive(Debug, Clone)]
pub(crate) struct CatalogEntry {
    pub(crate) service_type: String,
    pub(crate) name: String,
    pub(crate) id: String,
    pub(crate) public: String,
    pub(crate) internal: Option<String>,
    pub(crate) admin: Option<String>,
    /// Entries with a key never merge with others (see [`Endpoint::distinct`]).
    distinct_key: Option<String>,
}

/// A region of the v2 catalog, in the order Keystone's dictionaries keep.
#[derive(Debug, Clone)]
pub(crate) struct CatalogRegion {
    pub(crate) region: Option<String>,
    pub(crate) entries: Vec<CatalogEntry>,
}

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
    pub(crate) token_lifetime: Duration,
}

/// What the bootstrap needs to know.
#[derive(Debug, Clone)]
pub(crate) struct Bootstrap {
    pub(crate) admin_password: String,
    pub(crate) public_url: String,
    pub(crate) admin_url: String,
    pub(crate) token_lifetime: Duration,
    /// Whether the catalog has the compute service of [`super::compute`].
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
            token_lifetime: b.token_lifetime,
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

    // --- tokens --------------------------------------------------------------------------

    /// Marks every token matching `which` revoked.
    pub(crate) fn revoke_tokens(&mut self, which: impl Fn(&Token) -> bool) {
        for token in self.tokens.values_mut().filter(|t| which(t)) {
            token.revoked = true;
        }
    }

    /// Issues a token. A scoped token needs a role on the tenant (401 otherwise).
    pub(crate) fn issue_token(
        &mut self,
        now: DateTime<Utc>,
        req: TokenRequest<'_>,
    ) -> Result<String, KsError> {
        let role_ids = match req.project_id {
            Some(project_id) => {
                let ids = self.role_ids_for(req.user_id, project_id);
                if ids.is_empty() {
                    return Err(KsError::unauthorized());
                }
                ids
            }
            None => Vec::new(),
        };
        // Tokens past their expiry answer 404 like unknown ones: forget them (when some may
        // have expired; then the next time one will expires is that of the oldest kept).
        if self.tokens_expire_from <= now {
            self.tokens.retain(|_, t| t.expires > now);
            self.tokens_expire_from = self
                .tokens
                .values()
                .map(|t| t.expires)
                .min()
                .unwrap_or(DateTime::<Utc>::MAX_UTC);
        }
        let issued_at = now
            .duration_trunc(chrono::Duration::seconds(1))
            .unwrap_or(now);
        let expires = req.expires.unwrap_or_else(|| {
            chrono::Duration::from_std(self.token_lifetime)
                .ok()
                .and_then(|lifetime| issued_at.checked_add_signed(lifetime))
                .unwrap_or(DateTime::<Utc>::MAX_UTC)
        });
        let mut audit_ids = vec![new_audit_id()];
        audit_ids.extend(req.parent_audit_id);
        let token = Token {
            id: new_id(),
            user_id: req.user_id.into(),
            project_id: req.project_id.map(str::to_owned),
            role_ids,
            methods: req.methods,
            issued_at,
            expires,
            audit_ids,
            revoked: false,
        };
        let id = token.id.clone();
        self.tokens_expire_from = self.tokens_expire_from.min(token.expires);
        self.tokens.insert(id.clone(), token);
        Ok(id)
    }

    /// A token that is known, not revoked, not expired, and whose user and tenant still exist
    /// and are enabled.
    pub(crate) fn valid_token(&self, id: &str, now: DateTime<Utc>) -> Option<&Token> {
        let token = self.tokens.get(id)?;
        let user_ok = self
            .user(&token.user_id)
            .map(|u| u.enabled)
            .unwrap_or(false);
        let project_ok = match &token.project_id {
            Some(p) => self.project(p).map(|p| p.enabled).unwrap_or(false),
            None => true,
        };
        (!token.revoked && now < token.expires && user_ok && project_ok).then_some(token)
    }

    /// Who sent a request with this `X-Auth-Token`.
    pub(crate) fn caller(
        &self,
        token: Option<&str>,
        admin_token: &str,
        now: DateTime<Utc>,
    ) -> Caller {
        let Some(token) = token else {
            return Caller::Anonymous;
        };
        if !admin_token.is_empty() && super::signature::constant_time_eq(token, admin_token) {
            return Caller::AdminToken;
        }
        match self.valid_token(token, now) {
            None => Caller::Invalid,
            Some(t) => Caller::User(Principal {
                user_id: t.user_id.clone(),
                role_names: t
                    .role_ids
                    .iter()
                    .filter_map(|id| self.role(id).ok().map(|r| r.name.clone()))
                    .collect(),
            }),
        }
    }

    /// The signed-by-nobody revocation list: revoked tokens that have not expired yet.
    pub(crate) fn revoked_tokens(&self, now: DateTime<Utc>) -> Vec<Value> {
        let mut revoked: Vec<&Token> = self
            .tokens
            .values()
            .filter(|t| t.revoked && t.expires > now)
            .collect();
        revoked.sort_by(|a, b| a.issued_at.cmp(&b.issued_at).then(a.id.cmp(&b.id)));
        revoked
            .into_iter()
            .map(|t| {
                json!({
                    "id": t.id,
                    "expires": t.expires.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                    "audit_id": t.audit_ids.first(),
                })
            })
            .collect()
    }

    fn token_roles(&self, token: &Token) -> Vec<&Role> {
        token
            .role_ids
            .iter()
            .filter_map(|id| self.role(id).ok())
            .collect()
    }

    /// The v2 `{"access": ...}` body of a token, serialized. Every token validation and
    /// authentication answers one, so it is written from borrowed, typed views of the state
    /// rather than built as a `serde_json::Value` tree first.
    pub(crate) fn access_body(&self, token: &Token) -> Vec<u8> {
        let roles = self.token_roles(token);
        let project = token
            .project_id
            .as_deref()
            .and_then(|p| self.project(p).ok());
        let catalog = match project {
            Some(project) => self.catalog_v2(&token.user_id, Some(&project.id)),
            None => Vec::new(),
        };
        let user_name = self.user(&token.user_id).map_or("", |u| u.name.as_str());
        let body = AccessBody {
            access: Access {
                metadata: AccessMetadata {
                    is_admin: 0,
                    roles: roles.iter().map(|r| r.id.as_str()).collect(),
                },
                service_catalog: format_catalog(&catalog),
                token: AccessToken {
                    audit_ids: &token.audit_ids,
                    expires: isotime(token.expires),
                    id: &token.id,
                    issued_at: isotime(token.issued_at),
                    tenant: project.map(ProjectV2),
                },
                user: AccessUser {
                    id: &token.user_id,
                    name: user_name,
                    roles: roles.iter().map(|r| RoleName { name: &r.name }).collect(),
                    roles_links: [],
                    username: user_name,
                },
            },
        };
        // Serializing these types cannot fail: every key is a string.
        serde_json::to_vec(&body).unwrap_or_default()
    }

    /// The v3 `{"token": ...}` body of a token (what s3tokens answers).
    pub(crate) fn v3_token_body(&self, token: &Token) -> Value {
        let domain = json!({"id": "default", "name": "Default"});
        let user_name = self
            .user(&token.user_id)
            .map(|u| u.name.clone())
            .unwrap_or_default();
        let mut body = json!({
            "methods": token.methods,
            "user": {
                "id": token.user_id,
                "name": user_name,
                "domain": domain,
                "password_expires_at": null,
            },
            "audit_ids": token.audit_ids,
            "expires_at": isotime(token.expires),
            "issued_at": isotime(token.issued_at),
        });
        if let Some(project) = token
            .project_id
            .as_deref()
            .and_then(|p| self.project(p).ok())
        {
            body["project"] = json!({"id": project.id, "name": project.name, "domain": domain});
            body["is_domain"] = json!(false);
            body["roles"] = self
                .token_roles(token)
                .iter()
                .map(|r| json!({"id": r.id, "name": r.name}))
                .collect();
            body["catalog"] = self.catalog_v3(&token.user_id, &project.id);
        }
        json!({ "token": body })
    }

    // --- the catalog ---------------------------------------------------------------------

    /// The enabled endpoints of enabled services, with their service and formatted URL.
    fn catalog_endpoints<'a>(
        &'a self,
        user_id: &'a str,
        project_id: Option<&'a str>,
    ) -> impl Iterator<Item = (&'a Endpoint, &'a Service, String)> + 'a {
        self.endpoints
            .iter()
            .filter(|e| e.enabled)
            .filter_map(move |e| {
                let service = self.services.iter().find(|s| s.id == e.service_id)?;
                if !service.enabled {
                    return None;
                }
                let url = format_url(&e.url, user_id, project_id)?;
                Some((e, service, url))
            })
    }

    /// The v2 catalog as Keystone's SQL backend builds it: per region, per service type, one
    /// entry whose `id` is the first endpoint seen and whose URLs are the last seen for each
    /// interface (`publicURL` defaults to "").
    pub(crate) fn catalog_v2(&self, user_id: &str, project_id: Option<&str>) -> Vec<CatalogRegion> {
        let mut regions: Vec<CatalogRegion> = Vec::new();
        for (endpoint, service, url) in self.catalog_endpoints(user_id, project_id) {
            let region_index = match regions.iter().position(|r| r.region == endpoint.region) {
                Some(i) => i,
                None => {
                    regions.push(CatalogRegion {
                        region: endpoint.region.clone(),
                        entries: Vec::new(),
                    });
                    regions.len() - 1
                }
            };
            let entries = &mut regions[region_index].entries;
            let distinct_key = if endpoint.distinct {
                Some(
                    endpoint
                        .legacy_id
                        .clone()
                        .unwrap_or_else(|| endpoint.id.clone()),
                )
            } else {
                None
            };
            let entry_index = match entries
                .iter()
                .position(|e| e.service_type == service.type_ && e.distinct_key == distinct_key)
            {
                Some(i) => i,
                None => {
                    entries.push(CatalogEntry {
                        service_type: service.type_.clone(),
                        name: service.name(),
                        id: endpoint.id.clone(),
                        public: String::new(),
                        internal: None,
                        admin: None,
                        distinct_key,
                    });
                    entries.len() - 1
                }
            };
            let entry = &mut entries[entry_index];
            match endpoint.interface {
                Interface::Public => entry.public = url,
                Interface::Internal => entry.internal = Some(url),
                Interface::Admin => entry.admin = Some(url),
            }
        }
        regions
    }

    /// The v3 catalog: services with their endpoints.
    fn catalog_v3(&self, user_id: &str, project_id: &str) -> Value {
        let endpoints: Vec<_> = self.catalog_endpoints(user_id, Some(project_id)).collect();
        self.services
            .iter()
            .filter(|s| s.enabled)
            .filter_map(|s| {
                let eps: Vec<Value> = endpoints
                    .iter()
                    .filter(|(e, _, _)| e.service_id == s.id)
                    .map(|(e, _, url)| {
                        json!({
                            "id": e.id,
                            "interface": e.interface.as_str(),
                            "region_id": e.region,
                            "url": url,
                            "region": e.region,
                        })
                    })
                    .collect();
                (!eps.is_empty()).then(
                    || json!({"endpoints": eps, "id": s.id, "type": s.type_, "name": s.name()}),
                )
            })
            .collect()
    }

    /// `GET /v2.0/endpoints`: endpoints created through v2 grouped by their legacy id, then
    /// the others grouped by service and region (shown only when they have a public URL).
    pub(crate) fn endpoints_v2(&self) -> Vec<Value> {
        let mut legacy: Vec<(String, Map<String, Value>)> = Vec::new();
        // Endpoints without a legacy id, grouped by (service id, region).
        type Group<'a> = ((String, Option<String>), Vec<&'a Endpoint>);
        let mut groups: Vec<Group<'_>> = Vec::new();
        for e in &self.endpoints {
            match &e.legacy_id {
                Some(lid) => {
                    let index = match legacy.iter().position(|(id, _)| id == lid) {
                        Some(i) => i,
                        None => {
                            let mut ep = e.extra.clone();
                            ep.insert("id".into(), json!(lid));
                            ep.insert("service_id".into(), json!(e.service_id));
                            ep.insert("enabled".into(), json!(e.enabled));
                            ep.insert("region".into(), json!(e.region));
                            legacy.push((lid.clone(), ep));
                            legacy.len() - 1
                        }
                    };
                    legacy[index]
                        .1
                        .insert(format!("{}url", e.interface.as_str()), json!(e.url));
                }
                None => {
                    let key = (e.service_id.clone(), e.region.clone());
                    match groups.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, list)) => list.push(e),
                        None => groups.push((key, vec![e])),
                    }
                }
            }
        }
        let mut out: Vec<Value> = legacy
            .into_iter()
            .map(|(_, ep)| Value::Object(ep))
            .collect();
        for ((service_id, region), list) in groups {
            let Some(public) = list.iter().find(|e| e.interface == Interface::Public) else {
                continue;
            };
            let mut ep = Map::new();
            ep.insert("service_id".into(), json!(service_id));
            ep.insert("enabled".into(), json!(list[0].enabled));
            ep.insert("region".into(), json!(region));
            ep.insert("id".into(), json!(public.id));
            for e in &list {
                ep.insert(format!("{}url", e.interface.as_str()), json!(e.url));
            }
            out.push(Value::Object(ep));
        }
        out
    }
}

/// `format_catalog`: the regions' entries grouped by service type.
pub(crate) fn format_catalog(regions: &[CatalogRegion]) -> Vec<CatalogService<'_>> {
    let mut services: Vec<CatalogService<'_>> = Vec::new();
    for region in regions {
        for entry in &region.entries {
            let ep = CatalogEndpoint {
                admin_url: entry.admin.as_deref(),
                id: &entry.id,
                internal_url: entry.internal.as_deref(),
                public_url: &entry.public,
                region: region.region.as_deref(),
            };
            match services
                .iter_mut()
                .find(|s| s.service_type == entry.service_type)
            {
                Some(service) => {
                    service.name = &entry.name;
                    service.endpoints.push(ep);
                }
                None => services.push(CatalogService {
                    endpoints: vec![ep],
                    endpoints_links: [],
                    name: &entry.name,
                    service_type: &entry.service_type,
                }),
            }
        }
    }
    services
}

// --- the typed views the token answers are serialized from -----------------------------------
//
// Their fields are declared in the order of their JSON names, the order in which a
// `serde_json::Value` object (a sorted map) writes its keys.

/// `{"access": ...}`.
#[derive(Serialize)]
struct AccessBody<'a> {
    access: Access<'a>,
}

#[derive(Serialize)]
struct Access<'a> {
    metadata: AccessMetadata<'a>,
    #[serde(rename = "serviceCatalog")]
    service_catalog: Vec<CatalogService<'a>>,
    token: AccessToken<'a>,
    user: AccessUser<'a>,
}

#[derive(Serialize)]
struct AccessMetadata<'a> {
    is_admin: u8,
    roles: Vec<&'a str>,
}

#[derive(Serialize)]
struct AccessToken<'a> {
    audit_ids: &'a [String],
    expires: String,
    id: &'a str,
    issued_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant: Option<ProjectV2<'a>>,
}

#[derive(Serialize)]
struct AccessUser<'a> {
    id: &'a str,
    name: &'a str,
    roles: Vec<RoleName<'a>>,
    roles_links: [(); 0],
    username: &'a str,
}

#[derive(Serialize)]
struct RoleName<'a> {
    name: &'a str,
}

/// A service of the v2 catalog (`serviceCatalog`).
#[derive(Debug, Serialize)]
pub(crate) struct CatalogService<'a> {
    pub(crate) endpoints: Vec<CatalogEndpoint<'a>>,
    endpoints_links: [(); 0],
    pub(crate) name: &'a str,
    #[serde(rename = "type")]
    pub(crate) service_type: &'a str,
}

/// One region's URLs of a service of the v2 catalog.
#[derive(Debug, Serialize)]
pub(crate) struct CatalogEndpoint<'a> {
    #[serde(rename = "adminURL", skip_serializing_if = "Option::is_none")]
    pub(crate) admin_url: Option<&'a str>,
    pub(crate) id: &'a str,
    #[serde(rename = "internalURL", skip_serializing_if = "Option::is_none")]
    pub(crate) internal_url: Option<&'a str>,
    #[serde(rename = "publicURL")]
    pub(crate) public_url: &'a str,
    pub(crate) region: Option<&'a str>,
}

/// [`Project::to_v2`] without building it: the extra attributes and the fixed ones (which win
/// over extra attributes of the same name), in key order.
pub(crate) struct ProjectV2<'a>(pub(crate) &'a Project);

impl Serialize for ProjectV2<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        enum Field<'a> {
            Value(&'a Value),
            Str(&'a str),
            Bool(bool),
        }
        const FIXED: [&str; 4] = ["description", "enabled", "id", "name"];
        let p = self.0;
        let fixed = [
            ("description", Field::Value(&p.description)),
            ("enabled", Field::Bool(p.enabled)),
            ("id", Field::Str(&p.id)),
            ("name", Field::Str(&p.name)),
        ];
        let mut fields: Vec<(&str, Field<'_>)> = p
            .extra
            .iter()
            .filter(|(k, _)| !FIXED.contains(&k.as_str()))
            .map(|(k, v)| (k.as_str(), Field::Value(v)))
            .chain(fixed)
            .collect();
        fields.sort_by(|a, b| a.0.cmp(b.0));
        let mut map = serializer.serialize_map(Some(fields.len()))?;
        for (key, value) in &fields {
            match value {
                Field::Value(v) => map.serialize_entry(key, v)?,
                Field::Str(s) => map.serialize_entry(key, s)?,
                Field::Bool(b) => map.serialize_entry(key, b)?,
            }
        }
        map.end()
    }
}

/// `format_endpoint_list`: one flat entry per region and service type.
pub(crate) fn format_endpoint_list(regions: &[CatalogRegion]) -> Value {
    let endpoints: Vec<Value> = regions
        .iter()
        .flat_map(|r| {
            r.entries.iter().map(move |e| {
                json!({
                    "id": e.id,
                    "name": e.name,
                    "type": e.service_type,
                    "region": r.region,
                    "publicURL": e.public,
                    "internalURL": e.internal,
                    "adminURL": e.admin,
                })
            })
        })
        .collect();
    json!({"endpoints": endpoints, "endpoints_links": []})
}

/// The placeholders an endpoint URL may use (`WHITELISTED_PROPERTIES`), with the value Keystone's
/// default configuration gives those that are not ids.
const URL_PROPERTIES: &[(&str, Option<&str>)] = &[
    ("tenant_id", None),
    ("project_id", None),
    ("user_id", None),
    ("public_bind_host", Some("0.0.0.0")),
    ("admin_bind_host", Some("0.0.0.0")),
    ("compute_host", None),
    ("admin_port", Some("35357")),
    ("public_port", Some("5000")),
    ("public_endpoint", Some("None")),
    ("admin_endpoint", Some("None")),
];

/// A piece of an endpoint URL template, read as Python's `%` formatting reads
/// `url.replace('$(', '%(')`.
enum Piece<'a> {
    Text(&'a str),
    Field(&'a str),
}

/// `None` where Python's formatting raises: a stray `%`, an unclosed `%(`, a conversion other
/// than a string one.
fn parse_template(template: &str) -> Option<Vec<Piece<'_>>> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find('%') {
        pieces.push(Piece::Text(&rest[..i]));
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('%') {
            pieces.push(Piece::Text("%"));
            rest = r;
            continue;
        }
        let (name, r) = rest.strip_prefix('(')?.split_once(')')?;
        rest = r.strip_prefix(['s', 'r', 'a'])?;
        pieces.push(Piece::Field(name));
    }
    pieces.push(Piece::Text(rest));
    Some(pieces)
}

/// `check_endpoint_url`: a URL whose placeholders are all whitelisted and well formed.
pub(crate) fn valid_endpoint_url(url: &str) -> bool {
    let template = url.replace("$(", "%(");
    parse_template(&template).is_some_and(|pieces| {
        pieces.iter().all(|p| match p {
            Piece::Text(_) => true,
            Piece::Field(name) => URL_PROPERTIES.iter().any(|(n, _)| n == name),
        })
    })
}

/// Keystone's `format_url`: placeholders replaced by the tenant id, the user id or a
/// configuration value. `None` - the endpoint is left out of the catalog - for a malformed URL,
/// an unknown placeholder, or a tenant placeholder without a tenant.
pub(crate) fn format_url(url: &str, user_id: &str, project_id: Option<&str>) -> Option<String> {
    if !url.contains(['%', '$']) {
        // No placeholder and nothing to unescape (most URLs): the URL as it is.
        return Some(url.to_owned());
    }
    let template = url.replace("$(", "%(");
    let mut out = String::with_capacity(template.len());
    for piece in parse_template(&template)? {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Field("tenant_id" | "project_id") => out.push_str(project_id?),
            Piece::Field("user_id") => out.push_str(user_id),
            Piece::Field(name) => {
                let value = URL_PROPERTIES.iter().find(|(n, _)| *n == name)?.1?;
                out.push_str(value);
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state() -> State {
        State::bootstrap(&Bootstrap {
            admin_password: "secret".into(),
            public_url: "http://127.0.0.1:1/v2.0".into(),
            admin_url: "http://127.0.0.1:2/v2.0".into(),
            token_lifetime: Duration::from_secs(60),
            compute: false,
        })
    }

    #[test]
    fn token_times_are_written_like_chrono_formats_them() {
        let format = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%S.000000Z").to_string();
        let times = [
            DateTime::<Utc>::from_timestamp(0, 0).unwrap(),
            DateTime::<Utc>::from_timestamp(1_700_000_007, 999_999_999).unwrap(),
            DateTime::<Utc>::from_timestamp(253_402_300_799, 0).unwrap(),
            DateTime::<Utc>::from_timestamp(-62_167_219_201, 0).unwrap(),
            DateTime::<Utc>::MAX_UTC,
            DateTime::<Utc>::MIN_UTC,
        ];
        for t in times {
            assert_eq!(isotime(t), format(t), "{t:?}");
        }
        assert_eq!(isotime(times[1]), "2023-11-14T22:13:27.000000Z");
    }

    #[test]
    fn the_access_body_has_the_tenant_with_its_extras_the_catalog_and_the_roles() {
        let mut s = state();
        let now = Utc::now();
        let (user, project) = (s.users[0].id.clone(), s.projects[0].id.clone());
        let tenant = &mut s.projects[0];
        tenant.extra.insert("zone".into(), json!("z1"));
        tenant.extra.insert("alpha".into(), json!([1, {"b": null}]));
        // A fixed attribute wins over an extra one of the same name.
        tenant.extra.insert("name".into(), json!("shadowed"));
        let scoped = s
            .issue_token(
                now,
                TokenRequest {
                    user_id: &user,
                    project_id: Some(&project),
                    expires: None,
                    parent_audit_id: Some("parent".into()),
                    methods: &["password"],
                },
            )
            .unwrap();
        let token = &s.tokens[&scoped];
        let body: Value = serde_json::from_slice(&s.access_body(token)).unwrap();
        let ep = &s.endpoints;
        let expected = json!({"access": {
            "token": {
                "expires": isotime(token.expires),
                "issued_at": isotime(token.issued_at),
                "audit_ids": [token.audit_ids[0], "parent"],
                "id": scoped,
                "tenant": {
                    "id": project,
                    "name": "admin",
                    "description": BOOTSTRAP_DESCRIPTION,
                    "enabled": true,
                    "zone": "z1",
                    "alpha": [1, {"b": null}],
                },
            },
            "user": {
                "id": user,
                "name": "admin",
                "username": "admin",
                "roles": [{"name": "admin"}],
                "roles_links": [],
            },
            "serviceCatalog": [{
                "name": "keystone",
                "type": "identity",
                "endpoints_links": [],
                "endpoints": [{
                    "id": ep[0].id,
                    "publicURL": "http://127.0.0.1:1/v2.0",
                    "internalURL": "http://127.0.0.1:1/v2.0",
                    "adminURL": "http://127.0.0.1:2/v2.0",
                    "region": "RegionOne",
                }],
            }],
            "metadata": {"roles": [s.roles[0].id], "is_admin": 0},
        }});
        assert_eq!(body, expected);
        // The tenant is the one the tenant API shows.
        assert_eq!(body["access"]["token"]["tenant"], s.projects[0].to_v2());

        // Unscoped: no tenant, no catalog, no roles.
        let unscoped = s
            .issue_token(
                now,
                TokenRequest {
                    user_id: &user,
                    project_id: None,
                    expires: None,
                    parent_audit_id: None,
                    methods: &["password"],
                },
            )
            .unwrap();
        let body: Value = serde_json::from_slice(&s.access_body(&s.tokens[&unscoped])).unwrap();
        assert!(body["access"]["token"].get("tenant").is_none());
        assert_eq!(body["access"]["serviceCatalog"], json!([]));
        assert_eq!(body["access"]["metadata"]["roles"], json!([]));
        assert_eq!(body["access"]["user"]["roles"], json!([]));
    }

    #[test]
    fn urls_are_formatted_like_keystone() {
        assert_eq!(
            format_url("http://h/v2/$(tenant_id)s", "u", Some("t")).as_deref(),
            Some("http://h/v2/t")
        );
        assert_eq!(format_url("http://h/$(tenant_id)s", "u", None), None);
        assert_eq!(
            format_url("http://h/$(user_id)s/%%", "u", None).as_deref(),
            Some("http://h/u/%")
        );
        assert_eq!(format_url("http://h/a%20b", "u", None), None);
        assert_eq!(format_url("http://h/$(nope)s", "u", None), None);
        assert_eq!(format_url("http://h/$(tenant_id", "u", Some("t")), None);
        assert_eq!(
            format_url("http://h:$(public_port)s/", "u", None).as_deref(),
            Some("http://h:5000/")
        );
        assert!(valid_endpoint_url("http://h/$(tenant_id)s/%%"));
        assert!(!valid_endpoint_url("http://h/$(nope)s"));
        assert!(!valid_endpoint_url("http://pub3/%(tenant_id)s/x%y"));
        assert!(!valid_endpoint_url("http://h/$(tenant_id)d"));
    }

    #[test]
    fn bootstrap_catalog_has_one_identity_entry() {
        let s = state();
        let admin = &s.users[0];
        let catalog = s.catalog_v2(&admin.id, Some(&s.projects[0].id));
        let formatted = serde_json::to_value(format_catalog(&catalog)).unwrap();
        assert_eq!(formatted.as_array().unwrap().len(), 1);
        assert_eq!(formatted[0]["type"], "identity");
        let ep = &formatted[0]["endpoints"][0];
        assert_eq!(ep["publicURL"], "http://127.0.0.1:1/v2.0");
        assert_eq!(ep["adminURL"], "http://127.0.0.1:2/v2.0");
        assert_eq!(ep["region"], "RegionOne");
        let listed = s.endpoints_v2();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0]["id"], ep["id"]);
    }

    #[test]
    fn tokens_expire_and_are_revoked() {
        let mut s = state();
        let now = Utc::now();
        let (user, project) = (s.users[0].id.clone(), s.projects[0].id.clone());
        let id = s
            .issue_token(
                now,
                TokenRequest {
                    user_id: &user,
                    project_id: Some(&project),
                    expires: None,
                    parent_audit_id: None,
                    methods: &["password"],
                },
            )
            .unwrap();
        assert!(s.valid_token(&id, now).is_some());
        assert!(s
            .valid_token(&id, now + chrono::Duration::seconds(61))
            .is_none());
        s.revoke_tokens(|t| t.user_id == user);
        assert!(s.valid_token(&id, now).is_none());
        assert_eq!(s.revoked_tokens(now).len(), 1);
        // No role on a tenant: no token scoped to it.
        s.grants.clear();
        let refused = s.issue_token(
            now,
            TokenRequest {
                user_id: &user,
                project_id: Some(&project),
                expires: None,
                parent_audit_id: None,
                methods: &["password"],
            },
        );
        assert_eq!(refused.unwrap_err().status, http::StatusCode::UNAUTHORIZED);
    }

    #[test]
    fn the_token_table_holds_only_the_tokens_of_one_lifetime() {
        let mut s = state();
        let start = Utc::now();
        let user = s.users[0].id.clone();
        for i in 0..1_000 {
            let now = start + chrono::Duration::seconds(i);
            s.issue_token(
                now,
                TokenRequest {
                    user_id: &user,
                    project_id: None,
                    expires: None,
                    parent_audit_id: None,
                    methods: &["password"],
                },
            )
            .unwrap();
            // Revoked tokens stay listed until they expire, then go too.
            s.revoke_tokens(|_| true);
        }
        let last = start + chrono::Duration::seconds(999);
        assert!(s.tokens.len() <= 62, "{} tokens kept", s.tokens.len());
        assert!(s.tokens.values().all(|t| t.expires >= last));
        assert_eq!(s.revoked_tokens(last).len(), s.tokens.len());
    }

    #[test]
    fn a_short_lived_token_issued_after_a_long_lived_one_is_forgotten_when_it_expires() {
        let mut s = state();
        let start = Utc::now();
        let user = s.users[0].id.clone();
        let issue = |s: &mut State, now, expires| {
            s.issue_token(
                now,
                TokenRequest {
                    user_id: &user,
                    project_id: None,
                    expires,
                    parent_audit_id: None,
                    methods: &["password"],
                },
            )
            .unwrap()
        };
        s.token_lifetime = Duration::from_secs(3600);
        let long = issue(&mut s, start, None);
        s.token_lifetime = Duration::from_secs(10);
        let short = issue(&mut s, start, None);
        // A token obtained from another keeps the other's (here: an even earlier) expiry.
        let kept_expiry = issue(&mut s, start, Some(start + chrono::Duration::seconds(5)));
        let later = issue(&mut s, start + chrono::Duration::seconds(6), None);
        assert!(!s.tokens.contains_key(&kept_expiry));
        assert!(s.tokens.contains_key(&short));
        issue(&mut s, start + chrono::Duration::seconds(12), None);
        assert!(!s.tokens.contains_key(&short));
        assert!(s.tokens.contains_key(&long) && s.tokens.contains_key(&later));
        assert_eq!(s.tokens.len(), 3);
    }

    #[test]
    fn ids_are_random_version_4_uuids_and_never_repeat() {
        // More than one pool's worth, so that refills are crossed.
        let ids: std::collections::HashSet<uuid::Uuid> =
            (0..1_000).map(|_| random_uuid()).collect();
        assert_eq!(ids.len(), 1_000);
        assert!(ids
            .iter()
            .all(|u| u.get_version() == Some(uuid::Version::Random)
                && u.get_variant() == uuid::Variant::RFC4122));
        let id = new_id();
        assert!(id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(new_audit_id().len(), 22);
    }

    #[test]
    fn deleting_a_resource_leaves_nothing_of_it_behind() {
        let mut s = state();
        let sizes = |s: &State| {
            (
                s.projects.len(),
                s.users.len(),
                s.grants.len(),
                s.credentials.len(),
            )
        };
        let before = sizes(&s);
        let role = s.roles[0].id.clone();
        for i in 0..100 {
            let (project, user) = (new_id(), new_id());
            s.projects.push(Project {
                id: project.clone(),
                name: format!("p{i}"),
                description: Value::Null,
                enabled: true,
                extra: Map::new(),
            });
            s.users.push(User {
                id: user.clone(),
                name: format!("u{i}"),
                password: None,
                enabled: true,
                default_project_id: Some(project.clone()),
                extra: Map::new(),
            });
            s.add_grant(&user, &project, &role).unwrap();
            s.credentials.push(Credential {
                access: new_id(),
                secret: new_id(),
                user_id: user.clone(),
                project_id: project.clone(),
            });
            if i % 2 == 0 {
                s.delete_project(&project).unwrap();
                s.delete_user(&user).unwrap();
            } else {
                s.delete_user(&user).unwrap();
                s.delete_project(&project).unwrap();
            }
        }
        assert_eq!(sizes(&s), before);
    }
}
