//! The emulator's records - projects (tenants), users, roles and their grants, services and
//! v3-style endpoints, EC2 credentials, tokens - who calls, and the ids and times Keystone
//! writes.

use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use crate::emulator::wire::KsError;

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
pub(crate) fn new_audit_id() -> String {
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
