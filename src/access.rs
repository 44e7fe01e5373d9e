//! [`AccessInfo`]: what an authentication returned (keystoneclient's `AccessInfoV2`).

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::catalog::{EndpointFilter, Interface, ServiceCatalog};
use crate::types;
use crate::{Error, Result, Secret};

/// keystoneclient's default `stale_duration`: a token this close to its expiry is renewed.
pub const STALE_TOKEN_DURATION: std::time::Duration = std::time::Duration::from_secs(30);

/// Parses a time in any format Keystone has used: `2026-11-29T04:31:19.000000Z`,
/// `2014-01-31T17:09:57Z`, `2010-11-01T03:32:15-05:00`, and `2014-01-30T17:09:57.647795` (no
/// zone: UTC).
///
/// ```
/// use keystone_v2::access::parse_time;
/// let a = parse_time("2014-01-31T17:09:57Z").unwrap();
/// let b = parse_time("2014-01-31T12:09:57-05:00").unwrap();
/// let c = parse_time("2014-01-31T17:09:57.000000").unwrap();
/// assert_eq!(a, b);
/// assert_eq!(a, c);
/// ```
pub fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"] {
        if let Ok(t) = DateTime::parse_from_str(s, fmt) {
            return Some(t.with_timezone(&Utc));
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.fZ",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(t.and_utc());
        }
    }
    None
}

/// The result of an authentication: the token, its user and tenant, roles and service catalog.
///
/// It serialises to the `access` object of Keystone's answer plus `"version": "v2.0"` (and
/// `auth_token` / `region_name` when set), like keystoneclient's `auth_ref`, so a program can
/// cache it between runs and hand it back to [`crate::ClientBuilder::auth_ref`]. The JSON holds
/// the token: store it like a password. `Debug` output never shows the token.
#[derive(Clone, Debug)]
pub struct AccessInfo {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    access: types::Access,
    auth_token: Option<Secret>,
    region_name: Option<String>,
    expires: DateTime<Utc>,
    catalog: ServiceCatalog,
}

#[derive(Serialize, Deserialize)]
struct Repr {
    #[serde(flatten)]
    access: types::Access,
    #[serde(default = "v2")]
    version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    auth_token: Option<Secret>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    region_name: Option<String>,
}

fn v2() -> String {
    "v2.0".into()
}

impl Serialize for AccessInfo {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        Repr {
            access: self.inner.access.clone(),
            version: v2(),
            auth_token: self.inner.auth_token.clone(),
            region_name: self.inner.region_name.clone(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for AccessInfo {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        let mut repr = Repr::deserialize(deserializer)?;
        if repr.version != "v2.0" {
            return Err(serde::de::Error::custom(format!(
                "not a v2.0 auth_ref (version {:?})",
                repr.version
            )));
        }
        // `flatten` hands the keys of the wrapper to `access.extra` too.
        for key in ["version", "auth_token", "region_name"] {
            repr.access.extra.remove(key);
        }
        AccessInfo::build(repr.access, repr.auth_token, repr.region_name)
            .map_err(serde::de::Error::custom)
    }
}

impl AccessInfo {
    /// Wraps the `access` object of a token answer.
    ///
    /// # Errors
    /// [`Error::InvalidResponse`] when `token.expires` is not a time.
    ///
    /// ```no_run
    /// # fn f(access: keystone_v2::types::Access) -> keystone_v2::Result<()> {
    /// let info = keystone_v2::AccessInfo::new(access)?;
    /// println!("{:?}", info.user_id());
    /// # Ok(()) }
    /// ```
    pub fn new(access: types::Access) -> Result<Self> {
        Self::build(access, None, None)
    }

    fn build(
        access: types::Access,
        auth_token: Option<Secret>,
        region_name: Option<String>,
    ) -> Result<Self> {
        let expires = parse_time(&access.token.expires).ok_or_else(|| Error::InvalidResponse {
            operation: "authenticate".into(),
            status: 200,
            message: format!("token.expires {:?} is not a time", access.token.expires),
            excerpt: String::new(),
        })?;
        let catalog = catalog(&access, region_name.clone());
        Ok(Self {
            inner: Arc::new(Inner {
                access,
                auth_token,
                region_name,
                expires,
                catalog,
            }),
        })
    }

    /// The same data with a default region for catalog lookups (keystoneclient's `region_name`).
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) {
    /// let info = info.with_region_name(Some("RegionOne".into()));
    /// # }
    /// ```
    pub fn with_region_name(&self, region_name: Option<String>) -> Self {
        let i = &self.inner;
        let catalog = catalog(&i.access, region_name.clone());
        Self {
            inner: Arc::new(Inner {
                access: i.access.clone(),
                auth_token: i.auth_token.clone(),
                region_name,
                expires: i.expires,
                catalog,
            }),
        }
    }

    /// The `access` object as Keystone sent it.
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) {
    /// let roles = &info.access().user.roles;
    /// # }
    /// ```
    pub fn access(&self) -> &types::Access {
        &self.inner.access
    }

    /// The token to send: an explicit `auth_token`, else `token.id`.
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) {
    /// let token: &keystone_v2::Secret = info.auth_token();
    /// # }
    /// ```
    pub fn auth_token(&self) -> &Secret {
        self.inner
            .auth_token
            .as_ref()
            .unwrap_or(&self.inner.access.token.id)
    }

    /// When the token expires.
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) {
    /// println!("expires at {}", info.expires());
    /// # }
    /// ```
    pub fn expires(&self) -> DateTime<Utc> {
        self.inner.expires
    }

    /// When the token was issued, when Keystone said so.
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) {
    /// println!("issued at {:?}", info.issued());
    /// # }
    /// ```
    pub fn issued(&self) -> Option<DateTime<Utc>> {
        self.inner
            .access
            .token
            .issued_at
            .as_deref()
            .and_then(parse_time)
    }

    /// Whether the token expires within `stale` from now (keystoneclient's `will_expire_soon`).
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) {
    /// if info.will_expire_soon(std::time::Duration::from_secs(30)) { /* renew */ }
    /// # }
    /// ```
    pub fn will_expire_soon(&self, stale: std::time::Duration) -> bool {
        self.will_expire_soon_at(Utc::now(), stale)
    }

    pub(crate) fn will_expire_soon_at(
        &self,
        now: DateTime<Utc>,
        stale: std::time::Duration,
    ) -> bool {
        let stale = Duration::from_std(stale).unwrap_or(Duration::MAX);
        now.checked_add_signed(stale)
            .is_none_or(|soon| self.inner.expires < soon)
    }

    /// The user's id.
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) {
    /// println!("{}", info.user_id());
    /// # }
    /// ```
    pub fn user_id(&self) -> &str {
        &self.inner.access.user.id
    }

    /// The user's name (`user.name`, else `user.username`).
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) {
    /// println!("{:?}", info.username());
    /// # }
    /// ```
    pub fn username(&self) -> Option<&str> {
        let u = &self.inner.access.user;
        u.name.as_deref().or(u.username.as_deref())
    }

    /// The user's domain id: always `default` in v2.0.
    ///
    /// ```
    /// # fn f(info: keystone_v2::AccessInfo) { assert_eq!(info.user_domain_id(), "default"); }
    /// ```
    pub fn user_domain_id(&self) -> &'static str {
        "default"
    }

    /// The user's domain name: always `Default` in v2.0.
    ///
    /// ```
    /// # fn f(info: keystone_v2::AccessInfo) { assert_eq!(info.user_domain_name(), "Default"); }
    /// ```
    pub fn user_domain_name(&self) -> &'static str {
        "Default"
    }

    /// The tenant id the token is scoped to (`token.tenant.id`, else the pre-Grizzly
    /// `user.tenantId`, else the pre-Diablo `token.tenantId`).
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) {
    /// println!("{:?}", info.tenant_id());
    /// # }
    /// ```
    pub fn tenant_id(&self) -> Option<&str> {
        let a = &self.inner.access;
        if let Some(t) = &a.token.tenant {
            return Some(&t.id);
        }
        a.user
            .extra
            .get("tenantId")
            .and_then(|v| v.as_str())
            .or_else(|| a.token.extra.get("tenantId").and_then(|v| v.as_str()))
    }

    /// The tenant name the token is scoped to (`token.tenant.name`, else `user.tenantName`, else
    /// `token.tenantId` as keystoneclient does). A `token.tenant` without a name (some servers
    /// send only its id) gives `None`, as in keystoneclient.
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) {
    /// println!("{:?}", info.tenant_name());
    /// # }
    /// ```
    pub fn tenant_name(&self) -> Option<&str> {
        let a = &self.inner.access;
        if let Some(t) = &a.token.tenant {
            return t.name.as_deref();
        }
        a.user
            .extra
            .get("tenantName")
            .and_then(|v| v.as_str())
            .or_else(|| a.token.extra.get("tenantId").and_then(|v| v.as_str()))
    }

    /// Alias of [`AccessInfo::tenant_id`] (v3 vocabulary).
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) { let _ = info.project_id(); }
    /// ```
    pub fn project_id(&self) -> Option<&str> {
        self.tenant_id()
    }

    /// Alias of [`AccessInfo::tenant_name`] (v3 vocabulary).
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) { let _ = info.project_name(); }
    /// ```
    pub fn project_name(&self) -> Option<&str> {
        self.tenant_name()
    }

    /// The domain id of the token's project: `default` when the token names a project
    /// ([`AccessInfo::project_id`]), else `None` (v2.0 has only the default domain;
    /// keystoneclient's `project_domain_id`).
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) {
    /// if info.project_scoped() { assert_eq!(info.project_domain_id(), Some("default")); }
    /// # }
    /// ```
    pub fn project_domain_id(&self) -> Option<&'static str> {
        self.project_id()
            .filter(|id| !id.is_empty())
            .map(|_| "default")
    }

    /// The domain name of the token's project: `Default` when the token names a project
    /// ([`AccessInfo::project_id`]), else `None` (keystoneclient's `project_domain_name`).
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) {
    /// println!("{:?}", info.project_domain_name());
    /// # }
    /// ```
    pub fn project_domain_name(&self) -> Option<&'static str> {
        self.project_id()
            .filter(|id| !id.is_empty())
            .map(|_| "Default")
    }

    /// The names of the user's roles on the tenant.
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) {
    /// let is_admin = info.role_names().contains(&"admin");
    /// # }
    /// ```
    pub fn role_names(&self) -> Vec<&str> {
        self.inner
            .access
            .user
            .roles
            .iter()
            .map(|r| r.name.as_str())
            .collect()
    }

    /// The ids of the user's roles on the tenant (`metadata.roles`).
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) { let ids = info.role_ids(); }
    /// ```
    pub fn role_ids(&self) -> Vec<&str> {
        self.inner
            .access
            .metadata
            .as_ref()
            .map(|m| m.roles.iter().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// Whether the token is scoped to a tenant and has a catalog (keystoneclient's deprecated
    /// `scoped`).
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) { let _ = info.scoped(); }
    /// ```
    pub fn scoped(&self) -> bool {
        !self.inner.access.service_catalog.is_empty() && self.inner.access.token.tenant.is_some()
    }

    /// Whether the token is scoped to a tenant.
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) { let _ = info.project_scoped(); }
    /// ```
    pub fn project_scoped(&self) -> bool {
        self.inner.access.token.tenant.is_some()
    }

    /// Always false: v2.0 tokens are not domain scoped.
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) { assert!(!info.domain_scoped()); }
    /// ```
    pub fn domain_scoped(&self) -> bool {
        false
    }

    /// The audit ids of `token.audit_ids` in order, without the `null`s some servers send.
    fn audit_ids(&self) -> impl Iterator<Item = &str> {
        self.inner
            .access
            .token
            .audit_ids
            .iter()
            .filter_map(|id| id.as_deref())
    }

    /// The token's audit id: the first of `token.audit_ids` that is not `null`.
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) { let _ = info.audit_id(); }
    /// ```
    pub fn audit_id(&self) -> Option<&str> {
        self.audit_ids().next()
    }

    /// The audit id of the token this one was rescoped from: the second of `token.audit_ids`
    /// that is not `null`.
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) { let _ = info.audit_chain_id(); }
    /// ```
    pub fn audit_chain_id(&self) -> Option<&str> {
        self.audit_ids().nth(1)
    }

    /// The trust's id, for a trust-scoped token.
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) { let _ = info.trust_id(); }
    /// ```
    pub fn trust_id(&self) -> Option<&str> {
        self.inner.access.trust.as_ref().map(|t| t.id.as_str())
    }

    /// Whether the token is trust scoped.
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) { let _ = info.trust_scoped(); }
    /// ```
    pub fn trust_scoped(&self) -> bool {
        self.inner.access.trust.is_some()
    }

    /// The trustee's user id, for a trust-scoped token.
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) { let _ = info.trustee_user_id(); }
    /// ```
    pub fn trustee_user_id(&self) -> Option<&str> {
        self.inner
            .access
            .trust
            .as_ref()
            .and_then(|t| t.trustee_user_id.as_deref())
    }

    /// The trustor's user id, for a trust-scoped token (keystoneclient always answers None here:
    /// bug 1331882; this answers what the token says).
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) { let _ = info.trustor_user_id(); }
    /// ```
    pub fn trustor_user_id(&self) -> Option<&str> {
        self.inner
            .access
            .trust
            .as_ref()
            .and_then(|t| t.trustor_user_id.as_deref())
    }

    /// The service catalog (empty for an unscoped token).
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) -> keystone_v2::Result<()> {
    /// let url = info.service_catalog().url_for(&keystone_v2::EndpointFilter::new("compute"))?;
    /// # Ok(()) }
    /// ```
    pub fn service_catalog(&self) -> &ServiceCatalog {
        &self.inner.catalog
    }

    /// Whether Keystone sent a service catalog.
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) { let _ = info.has_service_catalog(); }
    /// ```
    pub fn has_service_catalog(&self) -> bool {
        !self.inner.access.service_catalog.is_empty()
    }

    /// The `publicURL`s of the catalog's identity service in [`AccessInfo::region_name`] (else
    /// [`AccessInfo::default_region`], else any region), in catalog order; `None` when there is none
    /// (keystoneclient's deprecated `auth_url`).
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) {
    /// if let Some(urls) = info.auth_url() { println!("authenticate at {}", urls[0]); }
    /// # }
    /// ```
    pub fn auth_url(&self) -> Option<Vec<&str>> {
        self.identity_urls(Interface::Public)
    }

    /// The `adminURL`s of the catalog's identity service in [`AccessInfo::region_name`] (else
    /// [`AccessInfo::default_region`], else any region), in catalog order; `None` when there is none
    /// (keystoneclient's deprecated `management_url`).
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) {
    /// if let Some(urls) = info.management_url() { println!("admin API at {}", urls[0]); }
    /// # }
    /// ```
    pub fn management_url(&self) -> Option<Vec<&str>> {
        self.identity_urls(Interface::Admin)
    }

    fn identity_urls(&self, interface: Interface) -> Option<Vec<&str>> {
        let mut filter = EndpointFilter::new("identity").interface(interface);
        filter.region = self.inner.region_name.clone();
        let urls = self.inner.catalog.get_urls(&filter);
        (!urls.is_empty()).then_some(urls)
    }

    /// The default region for catalog lookups.
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) { let _ = info.region_name(); }
    /// ```
    pub fn region_name(&self) -> Option<&str> {
        self.inner.region_name.as_deref()
    }

    /// The user's default region, which Rackspace Cloud Identity sends
    /// (`user["RAX-AUTH:defaultRegion"]`): the region of catalog lookups when neither the
    /// filter nor [`AccessInfo::region_name`] names one.
    ///
    /// ```no_run
    /// # fn f(info: keystone_v2::AccessInfo) {
    /// if let Some(region) = info.default_region() { println!("default region {region}"); }
    /// # }
    /// ```
    pub fn default_region(&self) -> Option<&str> {
        self.inner
            .access
            .user
            .rax_auth_default_region
            .as_deref()
            .filter(|r| !r.is_empty())
    }
}

/// The token's catalog, with the configured region and the user's default region.
fn catalog(access: &types::Access, region_name: Option<String>) -> ServiceCatalog {
    ServiceCatalog::new(access.service_catalog.clone(), region_name)
        .with_default_region(access.user.rax_auth_default_region.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(expires: &str) -> AccessInfo {
        let body = serde_json::json!({
            "token": {"id": "tok", "expires": expires, "issued_at": "2026-11-29T03:31:19.000000Z", "audit_ids": ["a1", "a2"],
                      "tenant": {"id": "t1", "name": "admin", "description": null, "enabled": true}},
            "user": {"id": "u1", "name": "admin", "username": "admin", "roles": [{"name": "admin"}], "roles_links": []},
            "serviceCatalog": [{"type": "identity", "name": "keystone", "endpoints_links": [],
                                "endpoints": [{"id": "e", "region": "RegionOne", "publicURL": "http://p/v2.0", "adminURL": "http://a/v2.0", "internalURL": "http://i/v2.0"}]}],
            "metadata": {"is_admin": 0, "roles": ["r1"]}
        });
        AccessInfo::new(serde_json::from_value(body).unwrap()).unwrap()
    }

    #[test]
    fn every_time_format_keystone_used_parses() {
        let z = parse_time("2014-01-31T17:09:57Z").unwrap();
        assert_eq!(parse_time("2014-01-31T17:09:57.000000Z"), Some(z));
        assert_eq!(parse_time("2014-01-31T17:09:57"), Some(z));
        assert_eq!(parse_time("2014-01-31T12:09:57-05:00"), Some(z));
        assert_eq!(parse_time("2014-01-31T17:09:57+0000"), Some(z));
        assert!(parse_time("2014-01-30T17:09:57.647795").is_some());
        assert!(parse_time("tomorrow").is_none());
    }

    #[test]
    fn properties_follow_keystoneclient() {
        let a = sample("2099-01-01T00:00:00.000000Z");
        assert_eq!(a.auth_token().expose(), "tok");
        assert_eq!(a.user_id(), "u1");
        assert_eq!(a.username(), Some("admin"));
        assert_eq!(a.tenant_id(), Some("t1"));
        assert_eq!(a.tenant_name(), Some("admin"));
        assert_eq!(a.role_names(), vec!["admin"]);
        assert_eq!(a.role_ids(), vec!["r1"]);
        assert!(a.scoped() && a.project_scoped());
        assert_eq!(a.audit_id(), Some("a1"));
        assert_eq!(a.audit_chain_id(), Some("a2"));
        assert!(!a.trust_scoped());
        assert!(a.issued().is_some());
    }

    fn from_json(access: serde_json::Value) -> AccessInfo {
        AccessInfo::new(serde_json::from_value(access).unwrap()).unwrap()
    }

    #[test]
    fn a_token_tenant_with_only_an_id_is_scoped_without_a_name() {
        let a = from_json(serde_json::json!({
            "token": {"id": "tok", "expires": "2099-01-01T00:00:00Z", "tenant": {"id": "t1"}},
            "user": {"id": "u1"}
        }));
        assert!(a.project_scoped());
        assert_eq!(a.tenant_id(), Some("t1"));
        assert_eq!(a.tenant_name(), None, "keystoneclient: tenant.get('name')");
        assert_eq!(a.project_domain_id(), Some("default"));
        assert_eq!(a.project_domain_name(), Some("Default"));
    }

    #[test]
    fn null_audit_ids_are_skipped() {
        let a = from_json(serde_json::json!({
            "token": {"id": "tok", "expires": "2099-01-01T00:00:00Z", "audit_ids": [null, "a1", null, "a2"]},
            "user": {"id": "u1"}
        }));
        assert_eq!(a.audit_id(), Some("a1"));
        assert_eq!(a.audit_chain_id(), Some("a2"));
        let a = from_json(serde_json::json!({
            "token": {"id": "tok", "expires": "2099-01-01T00:00:00Z", "audit_ids": [null]},
            "user": {"id": "u1"}
        }));
        assert_eq!(a.audit_id(), None);
        assert_eq!(a.audit_chain_id(), None);
    }

    #[test]
    fn project_domain_is_default_only_when_project_scoped() {
        let scoped = sample("2099-01-01T00:00:00.000000Z");
        assert_eq!(scoped.project_domain_id(), Some("default"));
        assert_eq!(scoped.project_domain_name(), Some("Default"));
        let unscoped = from_json(serde_json::json!({
            "token": {"id": "tok", "expires": "2099-01-01T00:00:00Z"},
            "user": {"id": "u1"}
        }));
        assert_eq!(unscoped.project_domain_id(), None);
        assert_eq!(unscoped.project_domain_name(), None);
        // Pre-Grizzly: the tenant id is on the user.
        let old = from_json(serde_json::json!({
            "token": {"id": "tok", "expires": "2099-01-01T00:00:00Z"},
            "user": {"id": "u1", "tenantId": "t9"}
        }));
        assert_eq!(old.project_domain_id(), Some("default"));
    }

    #[test]
    fn auth_url_and_management_url_are_the_identity_urls_of_the_region() {
        let a = from_json(serde_json::json!({
            "token": {"id": "tok", "expires": "2099-01-01T00:00:00Z", "tenant": {"id": "t1", "name": "admin"}},
            "user": {"id": "u1"},
            "serviceCatalog": [
                {"type": "identity", "name": "keystone", "endpoints": [
                    {"region": "RegionOne", "publicURL": "http://p1:5000/v2.0", "adminURL": "http://a1:35357/v2.0"},
                    {"region": "RegionTwo", "publicURL": "http://p2:5000/v2.0"}]},
                {"type": "compute", "endpoints": [{"region": "RegionOne", "publicURL": "http://nova"}]}
            ]
        }));
        assert_eq!(
            a.auth_url(),
            Some(vec!["http://p1:5000/v2.0", "http://p2:5000/v2.0"])
        );
        assert_eq!(a.management_url(), Some(vec!["http://a1:35357/v2.0"]));
        let two = a.with_region_name(Some("RegionTwo".into()));
        assert_eq!(two.auth_url(), Some(vec!["http://p2:5000/v2.0"]));
        assert_eq!(two.management_url(), None, "no adminURL in RegionTwo");
        let nowhere = a.with_region_name(Some("Nowhere".into()));
        assert_eq!(nowhere.auth_url(), None);
        let unscoped = from_json(serde_json::json!({
            "token": {"id": "tok", "expires": "2099-01-01T00:00:00Z"},
            "user": {"id": "u1"}
        }));
        assert_eq!(unscoped.auth_url(), None);
        assert_eq!(unscoped.management_url(), None);
    }

    #[test]
    fn expiry_is_judged_against_stale_duration() {
        let now = Utc::now();
        let a = sample(&(now + Duration::seconds(20)).to_rfc3339());
        assert!(a.will_expire_soon_at(now, std::time::Duration::from_secs(30)));
        assert!(!a.will_expire_soon_at(now, std::time::Duration::from_secs(10)));
    }

    #[test]
    fn millisecond_and_offset_times_are_instants() {
        // Rackspace Cloud Identity's forms.
        let z = parse_time("2015-06-05T16:24:57.637Z").unwrap();
        assert_eq!(z.timestamp_millis() % 1000, 637);
        let offset = parse_time("2014-01-09T15:08:53.645-06:00").unwrap();
        assert_eq!(offset, parse_time("2014-01-09T21:08:53.645Z").unwrap());
        // As strings this expiry sorts before 21:00Z; as an instant it is 8 minutes later.
        let now = parse_time("2014-01-09T21:00:00Z").unwrap();
        assert!("2014-01-09T15:08:53.645-06:00" < "2014-01-09T21:00:00Z");
        let a = sample("2014-01-09T15:08:53.645-06:00");
        assert!(!a.will_expire_soon_at(now, STALE_TOKEN_DURATION));
        assert!(a.will_expire_soon_at(now, std::time::Duration::from_secs(600)));
        // And the other way: an offset east of UTC sorts after a later instant.
        let b = sample("2014-01-10T02:00:00.000+06:00");
        assert!("2014-01-10T02:00:00.000+06:00" > "2014-01-09T21:00:00Z");
        assert!(b.will_expire_soon_at(now, STALE_TOKEN_DURATION));
    }

    #[test]
    fn default_region_is_the_users_rackspace_default_region() {
        let a = from_json(serde_json::json!({
            "token": {"id": "tok", "expires": "2015-06-05T16:24:57.637Z", "RAX-AUTH:authenticatedBy": ["APIKEY"]},
            "user": {"id": "172157", "RAX-AUTH:defaultRegion": "DFW", "RAX-AUTH:federated": false,
                     "roles": [{"id": "5", "name": "object-store:default", "tenantId": "MossoCloudFS_9c24"}]}
        }));
        assert_eq!(a.default_region(), Some("DFW"));
        assert_eq!(a.region_name(), None);
        assert_eq!(a.access().token.rax_auth_authenticated_by, ["APIKEY"]);
        assert_eq!(a.access().user.rax_auth_federated, Some(false));
        assert_eq!(
            a.access().user.roles[0].tenant_id.as_deref(),
            Some("MossoCloudFS_9c24")
        );
        let filter = EndpointFilter::new("compute");
        assert_eq!(a.service_catalog().region(&filter), Some("DFW"));
        let configured = a.with_region_name(Some("IAD".into()));
        assert_eq!(configured.service_catalog().region(&filter), Some("IAD"));
        assert_eq!(configured.default_region(), Some("DFW"));
    }

    #[test]
    fn auth_ref_round_trips_through_json_unchanged() {
        let a = sample("2099-01-01T00:00:00.000000Z").with_region_name(Some("RegionOne".into()));
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["version"], "v2.0");
        assert_eq!(json["region_name"], "RegionOne");
        let back: AccessInfo = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(serde_json::to_value(&back).unwrap(), json);
        assert_eq!(back.region_name(), Some("RegionOne"));
    }

    #[test]
    fn debug_never_shows_the_token() {
        let a = sample("2099-01-01T00:00:00.000000Z");
        assert!(!format!("{a:?}").contains("\"tok\""));
    }
}
