//! The catalog as Keystone 12.0.3 builds it from services and v3-style endpoints: the v2
//! catalog of a token, the endpoint list, and endpoint URL templates.

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::model::{Endpoint, Interface, Service};

use super::State;

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

impl State {
    /// The enabled endpoints of enabled services, with their service and formatted URL.
    pub(crate) fn catalog_endpoints<'a>(
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
    pub(super) fn catalog_v3(&self, user_id: &str, project_id: &str) -> Value {
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
