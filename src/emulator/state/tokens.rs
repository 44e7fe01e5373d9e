//! Tokens: issuing (with the expired ones dropped), adding from a body, validation,
//! revocation, the caller a token names, and the token answers (v2.0 `access`, v3 `token`).

use chrono::{DateTime, DurationRound, Utc};
use serde::Serialize;
use serde_json::{json, Value};

use super::added::{AddTokenError, AddedToken};
use super::catalog::{format_catalog, CatalogService};
use super::model::{
    isotime, new_audit_id, new_id, Caller, Principal, Project, Role, Token, TokenRequest,
};
use super::State;
use crate::emulator::wire::KsError;

impl State {
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

    /// Adds (or replaces, valid again) the token `id` built outside the emulator, and forgets
    /// the added tokens that have expired. An id the emulator issued is refused.
    pub(crate) fn add_token(
        &mut self,
        id: String,
        token: AddedToken,
        now: DateTime<Utc>,
    ) -> Result<(), AddTokenError> {
        if self.tokens.contains_key(&id) {
            return Err(AddTokenError::IdInUse);
        }
        self.added_tokens.retain(|_, t| !t.expired_at(now));
        self.added_tokens.insert(id, token);
        Ok(())
    }

    /// An added token that is neither revoked nor expired.
    pub(crate) fn valid_added_token(&self, id: &str, now: DateTime<Utc>) -> Option<&AddedToken> {
        self.added_tokens.get(id).filter(|t| t.valid_at(now))
    }

    /// Revokes the added token `id`; whether it was valid.
    pub(crate) fn revoke_added_token(&mut self, id: &str, now: DateTime<Utc>) -> bool {
        match self.added_tokens.get_mut(id) {
            Some(t) if t.valid_at(now) => {
                t.revoke();
                true
            }
            _ => false,
        }
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
        if !admin_token.is_empty()
            && crate::emulator::signature::constant_time_eq(token, admin_token)
        {
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

    /// The signed-by-nobody revocation list: revoked tokens that have not expired yet (the issued
    /// ones, then the added ones).
    pub(crate) fn revoked_tokens(&self, now: DateTime<Utc>) -> Vec<Value> {
        let mut revoked: Vec<&Token> = self
            .tokens
            .values()
            .filter(|t| t.revoked && t.expires > now)
            .collect();
        revoked.sort_by(|a, b| a.issued_at.cmp(&b.issued_at).then(a.id.cmp(&b.id)));
        let issued = revoked.into_iter().map(|t| {
            json!({
                "id": t.id,
                "expires": t.expires.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                "audit_id": t.audit_ids.first(),
            })
        });
        let mut added: Vec<(&String, &AddedToken)> = self.added_tokens.iter().collect();
        added.sort_by(|a, b| a.0.cmp(b.0));
        let added = added
            .into_iter()
            .filter_map(|(id, t)| t.revocation_entry(id, now));
        issued.chain(added).collect()
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
