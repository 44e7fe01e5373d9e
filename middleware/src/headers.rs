//! The identity headers: which are stripped from every request, and how a validated token
//! becomes headers (keystonemiddleware's `_request.py`).

use http::header::{HeaderMap, HeaderName, HeaderValue};
use keystone_v2::AccessInfo;

/// `X-Identity-Status`: `Confirmed` or `Invalid`.
pub const X_IDENTITY_STATUS: &str = "x-identity-status";
/// `X-Service-Identity-Status`: `Confirmed` or `Invalid`, when a service token was sent.
pub const X_SERVICE_IDENTITY_STATUS: &str = "x-service-identity-status";
/// `X-Service-Catalog`: the token's catalog, as v2 JSON.
pub const X_SERVICE_CATALOG: &str = "x-service-catalog";
/// The user token.
pub const X_AUTH_TOKEN: &str = "x-auth-token";
/// The user token as Swift clients send it.
pub const X_STORAGE_TOKEN: &str = "x-storage-token";
/// The service token.
pub const X_SERVICE_TOKEN: &str = "x-service-token";

/// The identity headers set from a token, with `{}` the prefix (`` or `-service`).
const TEMPLATES: [&str; 11] = [
    "x{}-domain-id",
    "x{}-domain-name",
    "x{}-project-id",
    "x{}-project-name",
    "x{}-project-domain-id",
    "x{}-project-domain-name",
    "x{}-user-id",
    "x{}-user-name",
    "x{}-user-domain-id",
    "x{}-user-domain-name",
    "x{}-roles",
];

/// The deprecated headers and the header each copies.
const DEPRECATED: [(&str, &str); 5] = [
    ("x-role", "x-roles"),
    ("x-user", "x-user-name"),
    ("x-tenant-id", "x-project-id"),
    ("x-tenant-name", "x-project-name"),
    ("x-tenant", "x-project-name"),
];

const OTHERS: [&str; 5] = [
    X_IDENTITY_STATUS,
    X_SERVICE_IDENTITY_STATUS,
    X_SERVICE_CATALOG,
    "x-is-admin-project",
    "openstack-system-scope",
];

/// Every header the middleware sets, and so strips from what the caller sent, in lower case.
///
/// ```
/// let names = keystone_v2_middleware::headers::identity_headers();
/// assert!(names.iter().any(|n| n == "x-user-id"));
/// assert!(names.iter().any(|n| n == "x-service-roles"));
/// ```
pub fn identity_headers() -> Vec<String> {
    let mut names: Vec<String> = OTHERS.iter().map(|s| (*s).to_owned()).collect();
    names.extend(DEPRECATED.iter().map(|(d, _)| (*d).to_owned()));
    for prefix in ["", "-service"] {
        names.extend(TEMPLATES.iter().map(|t| t.replace("{}", prefix)));
    }
    names
}

/// The stripped names, built once.
pub(crate) struct Stripper {
    names: Vec<HeaderName>,
}

impl Stripper {
    pub(crate) fn new() -> Self {
        let names = identity_headers()
            .iter()
            .map(|n| HeaderName::from_bytes(n.as_bytes()).expect("a valid header name"))
            .collect();
        Self { names }
    }

    /// Removes every value of every identity header, and the same names spelt with `_` for
    /// `-` (which WSGI and CGI gateways behind this service would read as the same header).
    pub(crate) fn strip(&self, headers: &mut HeaderMap) {
        for name in &self.names {
            headers.remove(name);
        }
        if headers.keys().any(|k| k.as_str().contains('_')) {
            let spoofed: Vec<HeaderName> = headers
                .keys()
                .filter(|k| {
                    let dashed = k.as_str().replace('_', "-");
                    k.as_str().contains('_') && self.names.iter().any(|n| n.as_str() == dashed)
                })
                .cloned()
                .collect();
            for name in spoofed {
                headers.remove(name);
            }
        }
    }
}

/// The token's data could not be put in a header (a name with a control character).
#[derive(Debug)]
pub(crate) struct Unrepresentable;

fn value(s: &str) -> Result<HeaderValue, Unrepresentable> {
    HeaderValue::from_bytes(s.as_bytes()).map_err(|_| Unrepresentable)
}

/// The headers of a validated token, under `prefix` (`` for the user, `-service`).
pub(crate) fn token_headers(
    access: &AccessInfo,
    prefix: &str,
) -> Result<Vec<(HeaderName, HeaderValue)>, Unrepresentable> {
    let fields: [(&str, Option<&str>); 10] = [
        ("x{}-domain-id", None),
        ("x{}-domain-name", None),
        ("x{}-project-id", access.project_id()),
        ("x{}-project-name", access.project_name()),
        ("x{}-project-domain-id", access.project_domain_id()),
        ("x{}-project-domain-name", access.project_domain_name()),
        ("x{}-user-id", Some(access.user_id())),
        ("x{}-user-name", access.username()),
        ("x{}-user-domain-id", Some(access.user_domain_id())),
        ("x{}-user-domain-name", Some(access.user_domain_name())),
    ];
    let mut out = Vec::with_capacity(fields.len() + 1);
    let roles = access.role_names().join(",");
    out.push((name(&format!("x{prefix}-roles")), value(&roles)?));
    for (template, field) in fields {
        if let Some(v) = field {
            out.push((name(&template.replace("{}", prefix)), value(v)?));
        }
    }
    Ok(out)
}

/// The user's headers: [`token_headers`], `X-Is-Admin-Project` and the deprecated copies.
pub(crate) fn user_headers(
    access: &AccessInfo,
    include_service_catalog: bool,
) -> Result<Vec<(HeaderName, HeaderValue)>, Unrepresentable> {
    let mut out = token_headers(access, "")?;
    // v2.0 has no admin project: keystoneauth's v2 AccessInfo answers true.
    out.push((
        HeaderName::from_static("x-is-admin-project"),
        HeaderValue::from_static("True"),
    ));
    for (deprecated, source) in DEPRECATED {
        if let Some((_, v)) = out.iter().find(|(n, _)| n.as_str() == source) {
            let v = v.clone();
            out.push((HeaderName::from_static(deprecated), v));
        }
    }
    if include_service_catalog && access.has_service_catalog() {
        let catalog =
            serde_json::to_string(&access.access().service_catalog).map_err(|_| Unrepresentable)?;
        out.push((HeaderName::from_static(X_SERVICE_CATALOG), value(&catalog)?));
    }
    Ok(out)
}

fn name(s: &str) -> HeaderName {
    HeaderName::from_bytes(s.as_bytes()).expect("a valid header name")
}

/// The user token (`X-Auth-Token`, else `X-Storage-Token`) or the service token, trimmed;
/// an empty or non-text value counts as absent.
pub(crate) fn token<'a>(headers: &'a HeaderMap, names: &[&str]) -> Option<&'a str> {
    names
        .iter()
        .find_map(|n| headers.get(*n))
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_identity_header_and_its_service_twin_is_listed() {
        let names = identity_headers();
        for n in [
            "x-identity-status",
            "x-service-identity-status",
            "x-user-id",
            "x-user-name",
            "x-user-domain-id",
            "x-user-domain-name",
            "x-project-id",
            "x-project-name",
            "x-project-domain-id",
            "x-project-domain-name",
            "x-domain-id",
            "x-domain-name",
            "x-roles",
            "x-is-admin-project",
            "x-service-catalog",
            "openstack-system-scope",
            "x-service-user-id",
            "x-service-roles",
            "x-service-project-id",
            "x-tenant-id",
            "x-tenant-name",
            "x-tenant",
            "x-user",
            "x-role",
        ] {
            assert!(names.iter().any(|x| x == n), "{n} is not stripped");
        }
        assert_eq!(names.len(), 32);
    }

    #[test]
    fn underscore_spellings_are_stripped_too() {
        let mut h = HeaderMap::new();
        h.insert("x_user_id", HeaderValue::from_static("admin"));
        h.insert("x-user_name", HeaderValue::from_static("admin"));
        h.insert("x_custom", HeaderValue::from_static("kept"));
        Stripper::new().strip(&mut h);
        assert_eq!(h.len(), 1);
        assert!(h.contains_key("x_custom"));
    }

    #[test]
    fn a_blank_token_is_no_token() {
        let mut h = HeaderMap::new();
        h.insert(X_AUTH_TOKEN, HeaderValue::from_static("   "));
        h.insert(X_STORAGE_TOKEN, HeaderValue::from_static(" abc "));
        assert_eq!(token(&h, &[X_AUTH_TOKEN, X_STORAGE_TOKEN]), None);
        h.remove(X_AUTH_TOKEN);
        assert_eq!(token(&h, &[X_AUTH_TOKEN, X_STORAGE_TOKEN]), Some("abc"));
    }
}
