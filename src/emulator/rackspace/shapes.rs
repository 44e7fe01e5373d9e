//! The dialect's bodies, as the vendor's published examples show them: the token answer
//! (`RAX-AUTH:*` members, expiry with milliseconds), its catalog (one entry per service, not
//! per type; a `tenantId` per endpoint; no `adminURL`, no `id`; no `region` for global
//! services; `versionId` / `versionInfo` / `versionList` where set), fault bodies and the
//! multi-factor challenge.

use chrono::{DateTime, Utc};
use http::StatusCode;
use serde_json::{json, Map, Value};

use crate::emulator::state::{format_url, Interface, State, Token};

/// The members of an endpoint's `extra` that the catalog shows as they are (after the URL
/// placeholders are filled in); `tenantId` defaults to the token's tenant.
const ENDPOINT_MEMBERS: [&str; 4] = ["tenantId", "versionId", "versionInfo", "versionList"];

/// The vendor's time format: milliseconds and `Z` (`2015-06-05T16:24:57.637Z`).
pub(crate) fn expires(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// `RAX-AUTH:authenticatedBy` of a token: the factors it was issued for, in the vendor's
/// names (a token from another token keeps the original's).
fn authenticated_by(methods: &[&str]) -> Vec<&'static str> {
    methods
        .iter()
        .filter_map(|m| match *m {
            "PASSCODE" => Some("PASSCODE"),
            "PASSWORD" | "password" => Some("PASSWORD"),
            "APIKEY" => Some("APIKEY"),
            _ => None,
        })
        .collect()
}

/// The `{"access": ...}` answer of a token in the vendor's shape. Authentication answers it
/// with the catalog; validation without (as the vendor's validation examples show).
pub(crate) fn access_body(state: &State, token: &Token, with_catalog: bool) -> Vec<u8> {
    let project = token
        .project_id
        .as_deref()
        .and_then(|p| state.project(p).ok());
    let mut token_json = json!({"id": token.id, "expires": expires(token.expires)});
    if let Some(p) = project {
        token_json["tenant"] = json!({"id": p.id, "name": p.name});
    }
    let factors = authenticated_by(token.methods);
    if !factors.is_empty() {
        token_json["RAX-AUTH:authenticatedBy"] = json!(factors);
    }
    let roles: Vec<Value> = token
        .role_ids
        .iter()
        .filter_map(|id| state.role(id).ok())
        .map(|r| {
            let mut role = json!({"id": r.id, "name": r.name});
            if let Some(d) = r.extra.get("description").filter(|d| d.is_string()) {
                role["description"] = d.clone();
            }
            if let Some(p) = &token.project_id {
                role["tenantId"] = json!(p);
            }
            role
        })
        .collect();
    let known = state.user(&token.user_id).ok();
    let user_name = known.map_or("", |u| u.name.as_str());
    // The vendor's domain of an account is its account number: the user's own tenant.
    let domain = known
        .and_then(|u| u.default_project_id.as_deref())
        .or(token.project_id.as_deref());
    let mut user = json!({
        "id": token.user_id,
        "name": user_name,
        "roles": roles,
        "RAX-AUTH:defaultRegion": state.rackspace.default_region(&token.user_id),
        "RAX-AUTH:federated": false,
    });
    if let Some(domain) = domain {
        user["RAX-AUTH:domainId"] = json!(domain);
    }
    if state.rackspace.mfa_enabled(&token.user_id) {
        user["RAX-AUTH:multiFactorEnabled"] = json!(true);
    }
    let mut access = json!({"token": token_json, "user": user});
    if with_catalog {
        access["serviceCatalog"] = Value::Array(catalog(state, token));
    }
    // Serializing a `Value` cannot fail.
    serde_json::to_vec(&json!({ "access": access })).unwrap_or_default()
}

/// The catalog of a scoped token: each enabled service with its endpoints, an endpoint being
/// the public URL and the internal URL that share a v2 endpoint id (admin URLs are not shown).
pub(crate) fn catalog(state: &State, token: &Token) -> Vec<Value> {
    let Some(project_id) = token.project_id.as_deref() else {
        return Vec::new();
    };
    let user_id = token.user_id.as_str();
    let rows: Vec<_> = state.catalog_endpoints(user_id, Some(project_id)).collect();
    let mut out = Vec::new();
    for service in state.services.iter().filter(|s| s.enabled) {
        // (v2 endpoint id, the endpoint's members)
        let mut endpoints: Vec<(&str, Map<String, Value>)> = Vec::new();
        for (e, _, url) in rows.iter().filter(|(e, _, _)| e.service_id == service.id) {
            let key = e.legacy_id.as_deref().unwrap_or(&e.id);
            let index = match endpoints.iter().position(|(k, _)| *k == key) {
                Some(i) => i,
                None => {
                    let mut members = Map::new();
                    if let Some(region) = &e.region {
                        members.insert("region".into(), json!(region));
                    }
                    members.insert("tenantId".into(), json!(project_id));
                    endpoints.push((key, members));
                    endpoints.len() - 1
                }
            };
            let members = &mut endpoints[index].1;
            match e.interface {
                Interface::Public => {
                    members.insert("publicURL".into(), json!(url));
                    for name in ENDPOINT_MEMBERS {
                        let value = e.extra.get(name).and_then(Value::as_str);
                        if let Some(v) =
                            value.and_then(|v| format_url(v, user_id, Some(project_id)))
                        {
                            members.insert(name.into(), json!(v));
                        }
                    }
                }
                Interface::Internal => {
                    members.insert("internalURL".into(), json!(url));
                }
                Interface::Admin => {}
            }
        }
        let endpoints: Vec<Value> = endpoints
            .into_iter()
            .filter(|(_, m)| m.contains_key("publicURL"))
            .map(|(_, m)| Value::Object(m))
            .collect();
        if !endpoints.is_empty() {
            out.push(
                json!({"name": service.name(), "endpoints": endpoints, "type": service.type_}),
            );
        }
    }
    out
}

/// A fault body: `{"unauthorized": {"code": 401, "message": ...}}` and the like.
pub(crate) fn fault_body(status: StatusCode, message: &str) -> Value {
    let name = match status.as_u16() {
        400 => "badRequest",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "itemNotFound",
        405 => "badMethod",
        409 => "conflictingRequest",
        413 => "overLimit",
        501 => "notImplemented",
        503 => "serviceUnavailable",
        _ => "identityFault",
    };
    let mut body = Map::new();
    body.insert(
        name.into(),
        json!({"code": status.as_u16(), "message": message}),
    );
    Value::Object(body)
}

/// The `WWW-Authenticate` value of a multi-factor challenge, as the vendor writes it.
pub(crate) fn mfa_challenge(session_id: &str) -> String {
    format!("OS-MF sessionId='{session_id}', factor='PASSCODE'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_has_milliseconds_and_z() {
        let t = DateTime::parse_from_rfc3339("2015-06-05T16:24:57.637Z").unwrap();
        assert_eq!(expires(t.with_timezone(&Utc)), "2015-06-05T16:24:57.637Z");
    }

    #[test]
    fn factors_use_the_vendor_names() {
        assert_eq!(
            authenticated_by(&["PASSCODE", "PASSWORD"]),
            ["PASSCODE", "PASSWORD"]
        );
        assert_eq!(authenticated_by(&["password"]), ["PASSWORD"]);
        assert!(authenticated_by(&["ec2credential"]).is_empty());
    }

    #[test]
    fn faults_are_named_for_their_status() {
        let body = fault_body(StatusCode::UNAUTHORIZED, "no");
        assert_eq!(
            body,
            json!({"unauthorized": {"code": 401, "message": "no"}})
        );
        assert!(fault_body(StatusCode::NOT_FOUND, "x")["itemNotFound"].is_object());
        assert!(fault_body(StatusCode::INTERNAL_SERVER_ERROR, "x")["identityFault"].is_object());
    }
}
