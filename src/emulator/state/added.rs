//! Tokens added through the control ([`crate::emulator::Control::add_token`]): v2.0 token
//! bodies built outside the emulator, checked here, answered as given on validation until they
//! expire (by the emulator's clock) or are revoked (see `State::add_token`). They name no
//! user, tenant or role of the emulator, so they authorize no request as `X-Auth-Token`.

use chrono::{DateTime, Utc};
use serde::Deserialize as _;
use serde_json::{json, Value};

use crate::access::parse_time;
use crate::types::AccessResponse;

/// Why [`crate::emulator::Control::add_token`] refused a token body. No variant holds the
/// token id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AddTokenError {
    /// The body is not an object with an `access` object.
    #[error("the token body is not {{\"access\": {{...}}}}")]
    NotAnAccessBody,
    /// `access.token.id` is absent, not a string, or empty.
    #[error("the token body has no access.token.id (a non-empty string)")]
    MissingTokenId,
    /// `access.token.expires` is absent or not a time.
    #[error("the token body's access.token.expires is not a time")]
    InvalidExpiry,
    /// The body is not a v2.0 token answer the SDK decodes (`user.id` missing, a field of the
    /// wrong type, ...): the reason, as the decoder says it.
    #[error("the token body is not a v2.0 token answer: {0}")]
    Undecodable(String),
    /// The token id is that of a token the emulator issued.
    #[error("the token id is that of a token the emulator issued")]
    IdInUse,
}

/// A token added from its body.
#[derive(Debug, Clone)]
pub(crate) struct AddedToken {
    /// `{"access": ...}`, as given.
    body: Value,
    expires: DateTime<Utc>,
    tenant_id: Option<String>,
    revoked: bool,
}

impl AddedToken {
    /// Checks a `{"access": ...}` body: its token id (returned with the token) and expiry,
    /// and that the SDK decodes it.
    pub(crate) fn from_body(body: Value) -> Result<(String, AddedToken), AddTokenError> {
        let token = body
            .get("access")
            .filter(|a| a.is_object())
            .ok_or(AddTokenError::NotAnAccessBody)?
            .get("token");
        let id = token
            .and_then(|t| t.get("id"))
            .and_then(Value::as_str)
            .filter(|id| !id.is_empty())
            .ok_or(AddTokenError::MissingTokenId)?
            .to_owned();
        let expires = token
            .and_then(|t| t.get("expires"))
            .and_then(Value::as_str)
            .and_then(parse_time)
            .ok_or(AddTokenError::InvalidExpiry)?;
        // The token id is a string where a string belongs, so the decoder's reason (which may
        // quote a misplaced value) never quotes it.
        let decoded = AccessResponse::deserialize(&body)
            .map_err(|e| AddTokenError::Undecodable(e.to_string()))?;
        let tenant_id = decoded.access.token.tenant.map(|t| t.id);
        let token = AddedToken {
            body,
            expires,
            tenant_id,
            revoked: false,
        };
        Ok((id, token))
    }

    /// The id of the tenant the token is scoped to.
    pub(crate) fn tenant_id(&self) -> Option<&str> {
        self.tenant_id.as_deref()
    }

    /// The body, serialized: what validation answers.
    pub(crate) fn body(&self) -> Vec<u8> {
        // Serializing a `Value` cannot fail.
        serde_json::to_vec(&self.body).unwrap_or_default()
    }

    /// `GET /v2.0/tokens/{id}/endpoints` (`format_endpoint_list`): one entry per endpoint of
    /// the body's catalog; `{}` for an empty catalog.
    pub(crate) fn endpoint_list(&self) -> Value {
        let services = self.body["access"]["serviceCatalog"].as_array();
        let endpoints: Vec<Value> = services
            .into_iter()
            .flatten()
            .flat_map(|s| {
                let endpoints = s["endpoints"].as_array().into_iter().flatten();
                endpoints.map(move |e| {
                    json!({
                        "id": e["id"],
                        "name": s["name"],
                        "type": s["type"],
                        "region": e["region"],
                        "publicURL": e["publicURL"],
                        "internalURL": e["internalURL"],
                        "adminURL": e["adminURL"],
                    })
                })
            })
            .collect();
        if endpoints.is_empty() {
            return json!({});
        }
        json!({"endpoints": endpoints, "endpoints_links": []})
    }

    /// Whether the token is neither revoked nor expired at `now`.
    pub(crate) fn valid_at(&self, now: DateTime<Utc>) -> bool {
        !self.revoked && now < self.expires
    }

    /// Whether the token has expired at `now`.
    pub(crate) fn expired_at(&self, now: DateTime<Utc>) -> bool {
        self.expires <= now
    }

    pub(crate) fn revoke(&mut self) {
        self.revoked = true;
    }

    /// The revocation list's entry of token `id` if it is revoked and not expired at `now`.
    pub(crate) fn revocation_entry(&self, id: &str, now: DateTime<Utc>) -> Option<Value> {
        (self.revoked && !self.expired_at(now)).then(|| {
            json!({
                "id": id,
                "expires": self.expires.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                "audit_id": self.body["access"]["token"]["audit_ids"].get(0),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body() -> Value {
        json!({"access": {
            "token": {"id": "tok-7f3a", "expires": "2030-01-01T00:00:00Z", "tenant": {"id": "t1", "name": "demo"}},
            "user": {"id": "u1", "name": "alice", "roles": [{"name": "member"}]},
            "serviceCatalog": [{"type": "compute", "name": "nova", "endpoints": [
                {"id": "e1", "region": "R", "publicURL": "http://p", "internalURL": "http://i", "adminURL": "http://a"}
            ]}],
        }})
    }

    #[test]
    fn a_token_body_gives_its_id_expiry_and_tenant() {
        let (id, token) = AddedToken::from_body(body()).unwrap();
        assert_eq!(id, "tok-7f3a");
        assert_eq!(token.expires, parse_time("2030-01-01T00:00:00Z").unwrap());
        assert_eq!(token.tenant_id(), Some("t1"));
        let listed = token.endpoint_list();
        assert_eq!(listed["endpoints"][0]["type"], "compute");
        assert_eq!(listed["endpoints"][0]["internalURL"], "http://i");
    }

    fn refusal(body: Value) -> AddTokenError {
        AddedToken::from_body(body).unwrap_err()
    }

    fn edited(edit: impl FnOnce(&mut serde_json::Map<String, Value>)) -> Value {
        let mut b = body();
        edit(b["access"].as_object_mut().unwrap());
        b
    }

    #[test]
    fn malformed_token_bodies_are_typed_errors() {
        use AddTokenError::*;
        assert_eq!(refusal(json!([1])), NotAnAccessBody);
        assert_eq!(refusal(json!({"access": "x"})), NotAnAccessBody);
        assert_eq!(refusal(json!({"access": {}})), MissingTokenId);
        let token_id = |v: Value| edited(|a| a["token"]["id"] = v);
        assert_eq!(refusal(token_id(json!(""))), MissingTokenId);
        assert_eq!(refusal(token_id(json!(7))), MissingTokenId);
        let expires = |v: Value| edited(|a| a["token"]["expires"] = v);
        assert_eq!(refusal(expires(json!("soon"))), InvalidExpiry);
        assert_eq!(refusal(expires(Value::Null)), InvalidExpiry);
        let undecodable = refusal(edited(|a| drop(a.remove("user"))));
        assert!(
            matches!(&undecodable, Undecodable(r) if r.contains("user")),
            "{undecodable:?}"
        );
        assert!(!undecodable.to_string().contains("tok-7f3a"));
    }
}
