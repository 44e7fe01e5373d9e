//! The service catalog of a token (keystoneclient's `ServiceCatalogV2`).

use std::fmt;
use std::sync::Arc;

pub use crate::error::{AmbiguousEndpoint, Candidate, EndpointNotFound};
use crate::types::{CatalogEndpoint, CatalogService};
use crate::{Error, Result};

/// Which URL of an endpoint: keystoneclient's `endpoint_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Interface {
    /// `publicURL`.
    #[default]
    Public,
    /// `internalURL`.
    Internal,
    /// `adminURL`.
    Admin,
}

impl Interface {
    /// The catalog key: `publicURL`, `internalURL` or `adminURL`.
    ///
    /// ```
    /// assert_eq!(keystone_v2::Interface::Admin.key(), "adminURL");
    /// ```
    pub fn key(self) -> &'static str {
        match self {
            Interface::Public => "publicURL",
            Interface::Internal => "internalURL",
            Interface::Admin => "adminURL",
        }
    }

    fn url(self, e: &CatalogEndpoint) -> Option<&str> {
        match self {
            Interface::Public => e.public_url.as_deref(),
            Interface::Internal => e.internal_url.as_deref(),
            Interface::Admin => e.admin_url.as_deref(),
        }
    }
}

impl std::str::FromStr for Interface {
    type Err = Error;

    /// Accepts `public`, `internal`, `admin` and the `publicURL` spellings, in any case.
    fn from_str(s: &str) -> Result<Self> {
        let lower = s.to_ascii_lowercase();
        match lower.strip_suffix("url").unwrap_or(&lower) {
            "public" => Ok(Interface::Public),
            "internal" => Ok(Interface::Internal),
            "admin" => Ok(Interface::Admin),
            _ => Err(Error::InvalidRequest(format!(
                "unknown interface {s:?}: use public, internal or admin"
            ))),
        }
    }
}

impl fmt::Display for Interface {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// What to look for in the catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndpointFilter {
    /// The service type (`identity`, `compute`, ...).
    pub service_type: String,
    /// The interface (default public).
    pub interface: Interface,
    /// The region; `None` takes the catalog's region (the configured one, else the user's
    /// default region), if any, else any region. An endpoint without a region matches any.
    pub region: Option<String>,
    /// The service name; compared only with services that have a name. Needed when two services
    /// of the type match with different URLs ([`ServiceCatalog::url_for`]).
    pub service_name: Option<String>,
    /// An attribute of the endpoint and the value it must have (keystoneclient's `attr` and
    /// `filter_value`), such as `("id", "...")`.
    pub attr: Option<(String, String)>,
}

impl EndpointFilter {
    /// Endpoints of this service type, public interface, any region.
    ///
    /// ```
    /// let f = keystone_v2::EndpointFilter::new("compute")
    ///     .interface(keystone_v2::Interface::Internal)
    ///     .region("RegionOne");
    /// assert_eq!(f.service_type, "compute");
    /// ```
    pub fn new(service_type: impl Into<String>) -> Self {
        Self {
            service_type: service_type.into(),
            ..Default::default()
        }
    }

    /// Sets the interface.
    ///
    /// ```
    /// let f = keystone_v2::EndpointFilter::new("identity").interface(keystone_v2::Interface::Admin);
    /// # let _ = f;
    /// ```
    pub fn interface(mut self, interface: Interface) -> Self {
        self.interface = interface;
        self
    }

    /// Sets the region.
    ///
    /// ```
    /// let f = keystone_v2::EndpointFilter::new("identity").region("RegionOne");
    /// # let _ = f;
    /// ```
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sets the service name.
    ///
    /// ```
    /// let f = keystone_v2::EndpointFilter::new("identity").service_name("keystone");
    /// # let _ = f;
    /// ```
    pub fn service_name(mut self, name: impl Into<String>) -> Self {
        self.service_name = Some(name.into());
        self
    }

    /// Keeps endpoints whose attribute `attr` equals `value`.
    ///
    /// ```
    /// let f = keystone_v2::EndpointFilter::new("identity").attr("id", "1182623e");
    /// # let _ = f;
    /// ```
    pub fn attr(mut self, attr: impl Into<String>, value: impl Into<String>) -> Self {
        self.attr = Some((attr.into(), value.into()));
        self
    }
}

/// A token's service catalog. Cheap to clone.
///
/// A lookup's region is the filter's, else the catalog's `region_name` (the client's
/// configured region), else the user's default region (Rackspace's `RAX-AUTH:defaultRegion`,
/// [`ServiceCatalog::with_default_region`]), else any region. An endpoint without a region (a
/// global service) matches every region.
#[derive(Debug, Clone, Default)]
pub struct ServiceCatalog {
    services: Arc<Vec<CatalogService>>,
    region_name: Option<String>,
    default_region: Option<String>,
}

impl ServiceCatalog {
    /// Wraps the `serviceCatalog` of a token, with an optional default region.
    ///
    /// ```
    /// let catalog = keystone_v2::ServiceCatalog::new(Vec::new(), None);
    /// assert!(catalog.is_empty());
    /// ```
    pub fn new(services: Vec<CatalogService>, region_name: Option<String>) -> Self {
        Self {
            services: Arc::new(services),
            region_name,
            default_region: None,
        }
    }

    /// The same catalog with the user's default region (Rackspace's `RAX-AUTH:defaultRegion`):
    /// the region of lookups whose filter names none, when the catalog has no `region_name`.
    /// [`crate::AccessInfo`] sets it from the token's user.
    ///
    /// ```
    /// let catalog = keystone_v2::ServiceCatalog::new(Vec::new(), None)
    ///     .with_default_region(Some("DFW".into()));
    /// assert_eq!(catalog.region(&keystone_v2::EndpointFilter::new("compute")), Some("DFW"));
    /// ```
    pub fn with_default_region(mut self, region: Option<String>) -> Self {
        self.default_region = region.filter(|r| !r.is_empty());
        self
    }

    /// The region a lookup with `filter` wants: the filter's, else the catalog's `region_name`,
    /// else the user's default region; `None` for any region.
    ///
    /// ```
    /// let catalog = keystone_v2::ServiceCatalog::new(Vec::new(), Some("RegionOne".into()));
    /// let filter = keystone_v2::EndpointFilter::new("compute");
    /// assert_eq!(catalog.region(&filter), Some("RegionOne"));
    /// assert_eq!(catalog.region(&filter.region("RegionTwo")), Some("RegionTwo"));
    /// ```
    pub fn region<'a>(&'a self, filter: &'a EndpointFilter) -> Option<&'a str> {
        filter
            .region
            .as_deref()
            .or(self.region_name.as_deref())
            .or(self.default_region.as_deref())
    }

    /// The services as Keystone sent them.
    ///
    /// ```
    /// # let catalog = keystone_v2::ServiceCatalog::default();
    /// for service in catalog.services() { println!("{}", service.type_); }
    /// ```
    pub fn services(&self) -> &[CatalogService] {
        &self.services
    }

    /// Whether the catalog has no service (an unscoped token's catalog).
    ///
    /// ```
    /// assert!(keystone_v2::ServiceCatalog::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
    }

    /// Walks the catalog, calling `keep` with the service's index for each endpoint that
    /// matches, and recording why the others do not.
    fn walk<'a>(
        &'a self,
        filter: &EndpointFilter,
        mut keep: impl FnMut(usize, &'a CatalogService, &'a CatalogEndpoint),
    ) -> Vec<Candidate> {
        let region = self.region(filter);
        let mut rejected = Vec::new();
        for (index, service) in self.services.iter().enumerate() {
            for endpoint in &service.endpoints {
                let ep_region = endpoint_region(endpoint);
                // An endpoint without a region is global: it serves every region.
                let reason = service_rejection(filter, service)
                    .or_else(|| match (region, ep_region) {
                        (Some(want), Some(have)) if want != have => {
                            Some(format!("region is {have:?}, not {want:?}"))
                        }
                        _ => None,
                    })
                    .or_else(|| {
                        filter
                            .interface
                            .url(endpoint)
                            .is_none()
                            .then(|| format!("no {}", filter.interface.key()))
                    })
                    .or_else(|| {
                        let (attr, value) = filter.attr.as_ref()?;
                        let have = endpoint_attr(endpoint, attr);
                        (have.as_deref() != Some(value.as_str()))
                            .then(|| format!("{attr} is {have:?}, not {value:?}"))
                    });
                match reason {
                    None => keep(index, service, endpoint),
                    Some(reason) => rejected.push(candidate(service, endpoint, reason)),
                }
            }
        }
        rejected
    }

    /// The matching endpoints, grouped by service type (keystoneclient's `get_endpoints`).
    ///
    /// Every service whose type (and name, when both have one) matches has an entry, with an
    /// empty list when none of its endpoints matches the interface, region or attribute, as
    /// keystoneclient answers `{type: []}`. An empty `service_type` matches every service.
    ///
    /// ```
    /// # let catalog = keystone_v2::ServiceCatalog::default();
    /// let by_type = catalog.get_endpoints(&keystone_v2::EndpointFilter::new("compute"));
    /// # let _ = by_type;
    /// ```
    pub fn get_endpoints(
        &self,
        filter: &EndpointFilter,
    ) -> std::collections::BTreeMap<String, Vec<&CatalogEndpoint>> {
        let mut out: std::collections::BTreeMap<String, Vec<&CatalogEndpoint>> = self
            .services
            .iter()
            .filter(|s| service_rejection(filter, s).is_none())
            .map(|s| (s.type_.clone(), Vec::new()))
            .collect();
        self.walk(filter, |_, s, e| {
            out.entry(s.type_.clone()).or_default().push(e)
        });
        out
    }

    /// The URLs of the matching endpoints, in catalog order (keystoneclient's `get_urls`).
    ///
    /// ```
    /// # let catalog = keystone_v2::ServiceCatalog::default();
    /// let urls = catalog.get_urls(&keystone_v2::EndpointFilter::new("identity"));
    /// assert!(urls.is_empty());
    /// ```
    pub fn get_urls(&self, filter: &EndpointFilter) -> Vec<&str> {
        let mut out = Vec::new();
        self.walk(filter, |_, _, e| out.extend(filter.interface.url(e)));
        out
    }

    /// The first matching URL (keystoneclient's `url_for`).
    ///
    /// When the filter names no service and the matching endpoints belong to two or more
    /// services of the type whose URLs differ (Rackspace's `compute`: `cloudServersOpenStack`
    /// and the global `cloudServers`), the choice is ambiguous and this fails rather than guess;
    /// name the service with [`EndpointFilter::service_name`]. With a service name, or when the
    /// services agree on the URL, the first match wins, as in keystoneclient. Keystone itself
    /// sends one service per type, so its catalogs are never ambiguous.
    ///
    /// # Errors
    /// [`Error::EmptyCatalog`] for an empty catalog (an unscoped token: scope it to a tenant);
    /// [`Error::EndpointNotFound`] listing every candidate and why it was rejected;
    /// [`Error::AmbiguousEndpoint`] listing the matching services.
    ///
    /// ```no_run
    /// # fn f(catalog: keystone_v2::ServiceCatalog) -> keystone_v2::Result<()> {
    /// let url = catalog.url_for(&keystone_v2::EndpointFilter::new("compute").region("RegionOne"))?;
    /// # Ok(()) }
    /// ```
    pub fn url_for(&self, filter: &EndpointFilter) -> Result<String> {
        if self.services.is_empty() {
            return Err(Error::EmptyCatalog(
                "the token is probably unscoped: authenticate with a tenant_name or tenant_id to get a service catalog".into(),
            ));
        }
        // The first match of each service, in catalog order.
        let mut firsts: Vec<(usize, &CatalogService, &CatalogEndpoint, &str)> = Vec::new();
        let rejected = self.walk(filter, |index, s, e| {
            if let Some(url) = filter.interface.url(e) {
                if !firsts.iter().any(|f| f.0 == index) {
                    firsts.push((index, s, e, url));
                }
            }
        });
        let Some(&(_, _, _, url)) = firsts.first() else {
            return Err(EndpointNotFound {
                message: format!("{} not found", self.describe(filter)),
                candidates: rejected,
            }
            .into());
        };
        if filter.service_name.is_some() || firsts.iter().all(|f| f.3 == url) {
            return Ok(url.to_owned());
        }
        Err(AmbiguousEndpoint {
            message: format!(
                "{} is ambiguous: {} services match; choose one with service_name",
                self.describe(filter),
                firsts.len()
            ),
            candidates: firsts
                .iter()
                .map(|&(_, s, e, url)| {
                    candidate(s, e, format!("matches: {}", crate::redact::url(url)))
                })
                .collect(),
        }
        .into())
    }

    /// keystoneclient's description of a lookup: `<interface> endpoint for <type> service[ named
    /// <name>][ in <region> region]`, saying where a default region came from.
    fn describe(&self, filter: &EndpointFilter) -> String {
        let mut message = format!(
            "{} endpoint for {} service",
            filter.interface.key(),
            filter.service_type
        );
        if let Some(n) = &filter.service_name {
            message.push_str(&format!(" named {n}"));
        }
        if let Some(r) = self.region(filter) {
            message.push_str(&format!(" in {r} region"));
            if filter.region.is_none() && self.region_name.is_none() {
                message.push_str(" (the user's default region)");
            }
        }
        message
    }
}

/// The endpoint's region (`region_id` as keystoneclient reads it first, else `region`); an
/// empty one is no region.
fn endpoint_region(endpoint: &CatalogEndpoint) -> Option<&str> {
    endpoint
        .extra
        .get("region_id")
        .and_then(|v| v.as_str())
        .or(endpoint.region.as_deref())
        .filter(|r| !r.is_empty())
}

fn candidate(service: &CatalogService, endpoint: &CatalogEndpoint, reason: String) -> Candidate {
    Candidate {
        service_type: service.type_.clone(),
        service_name: service.name.clone().filter(|n| !n.is_empty()),
        region: endpoint_region(endpoint).map(str::to_owned),
        endpoint_id: endpoint.id.clone(),
        reason,
    }
}

/// Why a service does not match the filter's service type or name, if it does not.
fn service_rejection(filter: &EndpointFilter, service: &CatalogService) -> Option<String> {
    let name = service.name.as_deref().filter(|n| !n.is_empty());
    if !filter.service_type.is_empty() && service.type_ != filter.service_type {
        Some(format!(
            "service type is {:?}, not {:?}",
            service.type_, filter.service_type
        ))
    } else if let (Some(want), Some(have)) = (&filter.service_name, name) {
        (want != have).then(|| format!("service name is {have:?}, not {want:?}"))
    } else {
        None
    }
}

fn endpoint_attr(e: &CatalogEndpoint, attr: &str) -> Option<String> {
    match attr {
        "id" => e.id.clone(),
        "region" => e.region.clone(),
        "publicURL" => e.public_url.clone(),
        "internalURL" => e.internal_url.clone(),
        "adminURL" => e.admin_url.clone(),
        "tenantId" => e.tenant_id.clone(),
        "versionId" => e.version_id.clone(),
        "versionInfo" => e.version_info.clone(),
        "versionList" => e.version_list.clone(),
        other => e.extra.get(other).map(|v| {
            v.as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| v.to_string())
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(region: Option<&str>) -> ServiceCatalog {
        let services: Vec<CatalogService> = serde_json::from_value(serde_json::json!([
            {"type": "identity", "name": "keystone", "endpoints": [
                {"id": "k1", "region": "RegionOne", "publicURL": "http://p1/v2.0", "adminURL": "http://a1/v2.0", "internalURL": "http://i1/v2.0"},
                {"id": "k2", "region": "RegionTwo", "publicURL": "http://p2/v2.0", "adminURL": "http://a2/v2.0"}]},
            {"type": "compute", "name": "nova", "endpoints": [
                {"id": "n1", "region": "RegionTwo", "publicURL": "http://nova2"}]}
        ]))
        .unwrap();
        ServiceCatalog::new(services, region.map(str::to_owned))
    }

    #[test]
    fn url_for_picks_by_type_interface_and_region() {
        let c = catalog(None);
        assert_eq!(
            c.url_for(&EndpointFilter::new("identity")).unwrap(),
            "http://p1/v2.0"
        );
        assert_eq!(
            c.url_for(
                &EndpointFilter::new("identity")
                    .interface(Interface::Admin)
                    .region("RegionTwo")
            )
            .unwrap(),
            "http://a2/v2.0"
        );
        assert_eq!(
            c.url_for(&EndpointFilter::new("identity").attr("id", "k2"))
                .unwrap(),
            "http://p2/v2.0"
        );
        assert_eq!(
            catalog(Some("RegionTwo"))
                .url_for(&EndpointFilter::new("identity"))
                .unwrap(),
            "http://p2/v2.0"
        );
        assert_eq!(
            c.get_urls(&EndpointFilter::new("identity")),
            vec!["http://p1/v2.0", "http://p2/v2.0"]
        );
        assert_eq!(
            c.get_endpoints(&EndpointFilter::new("compute"))["compute"].len(),
            1
        );
    }

    #[test]
    fn get_endpoints_keeps_a_matching_service_type_without_matching_endpoints() {
        let c = catalog(None);
        // nova has no internalURL: keystoneclient answers {"compute": []}.
        let found = c.get_endpoints(&EndpointFilter::new("compute").interface(Interface::Internal));
        assert_eq!(found.len(), 1);
        assert!(found["compute"].is_empty());
        // ... and no endpoint in RegionOne.
        let found = c.get_endpoints(&EndpointFilter::new("compute").region("RegionOne"));
        assert!(found["compute"].is_empty());
        // Every service type with an empty filter; a wrong name leaves the service out.
        let all = c.get_endpoints(&EndpointFilter::new("").region("RegionThree"));
        assert_eq!(all.keys().collect::<Vec<_>>(), ["compute", "identity"]);
        assert!(all.values().all(Vec::is_empty));
        let named = c.get_endpoints(&EndpointFilter::new("compute").service_name("swift"));
        assert!(named.is_empty());
        assert!(c
            .get_endpoints(&EndpointFilter::new("object-store"))
            .is_empty());
    }

    #[test]
    fn interface_spellings_parse() {
        for (s, i) in [
            ("public", Interface::Public),
            ("publicURL", Interface::Public),
            ("ADMIN", Interface::Admin),
            ("internalURL", Interface::Internal),
        ] {
            assert_eq!(s.parse::<Interface>().unwrap(), i);
        }
        assert!("private".parse::<Interface>().is_err());
    }

    #[test]
    fn not_found_lists_every_candidate_and_why() {
        let err = catalog(None)
            .url_for(
                &EndpointFilter::new("compute")
                    .interface(Interface::Internal)
                    .region("RegionOne"),
            )
            .unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with(
                "internalURL endpoint for compute service in RegionOne region not found"
            ),
            "{text}"
        );
        assert!(
            text.contains("service type is \"identity\", not \"compute\""),
            "{text}"
        );
        assert!(
            text.contains(
                "nova\" in RegionTwo (endpoint n1): region is \"RegionTwo\", not \"RegionOne\""
            ),
            "{text}"
        );
    }

    #[test]
    fn empty_catalog_says_to_scope_the_token() {
        let err = ServiceCatalog::default()
            .url_for(&EndpointFilter::new("identity"))
            .unwrap_err();
        assert!(matches!(err, Error::EmptyCatalog(_)));
        assert!(err.to_string().contains("tenant_name or tenant_id"));
    }
}
