//! What an emulator in Rackspace mode starts with, on top of Keystone's bootstrap (user
//! `admin`, tenant `admin`): the vendor's catalog - its services, names and types, regional
//! and global endpoints, as in its published authentication examples, with URLs below the
//! emulator's own origin - and a demo account.

use serde_json::{json, Map, Value};

use crate::emulator::state::{new_id, Endpoint, Interface, Project, Role, Service, State, User};

/// The demo user of Rackspace mode (the vendor's examples call theirs `demoauthor`).
pub const RACKSPACE_USERNAME: &str = "demoauthor";
/// The demo user's password.
pub const RACKSPACE_PASSWORD: &str = "myPassword01";
/// The demo user's tenant (its id and its name, numeric like the vendor's account numbers).
pub const RACKSPACE_TENANT: &str = "1100111";
/// The regions of the regional services, in catalog order.
pub const RACKSPACE_REGIONS: [&str; 3] = ["DFW", "IAD", "SYD"];

/// Where below the emulator's origin the vendor's services are (served by the echo of the
/// compute module).
pub(crate) const RACKSPACE_PREFIX: &str = "/rax/";

/// One service of the vendor's catalog.
struct CatalogService {
    name: &'static str,
    service_type: &'static str,
    /// The host-like first segment of its URLs: `<region>.<host>` for a regional service.
    host: &'static str,
    /// The version segment of its URLs.
    version: &'static str,
    regional: bool,
    /// Cloud Files: the tenant of its endpoints is `MossoCloudFS_<tenant id>`.
    files_tenant: bool,
    /// Also an internal (`snet-`) URL.
    internal: bool,
    /// No tenant at the end of its URLs (Cloud Images).
    no_tenant_in_url: bool,
    /// Its endpoints carry `versionId` (this), `versionInfo` and `versionList`.
    version_id: Option<&'static str>,
}

const fn service(
    name: &'static str,
    service_type: &'static str,
    host: &'static str,
    version: &'static str,
    regional: bool,
) -> CatalogService {
    CatalogService {
        name,
        service_type,
        host,
        version,
        regional,
        files_tenant: false,
        internal: false,
        no_tenant_in_url: false,
        version_id: None,
    }
}

/// The vendor's catalog, in the order of its published example (a selection).
const SERVICES: [CatalogService; 9] = [
    service("cloudBlockStorage", "volume", "blockstorage", "v1", true),
    CatalogService {
        no_tenant_in_url: true,
        ..service("cloudImages", "image", "images", "v2", true)
    },
    CatalogService {
        version_id: Some("2"),
        ..service("cloudServersOpenStack", "compute", "servers", "v2", true)
    },
    service(
        "cloudLoadBalancers",
        "rax:load-balancer",
        "loadbalancers",
        "v1.0",
        true,
    ),
    service(
        "cloudMonitoring",
        "rax:monitor",
        "monitoring",
        "v1.0",
        false,
    ),
    service("cloudDNS", "rax:dns", "dns", "v1.0", false),
    CatalogService {
        version_id: Some("1.0"),
        ..service("cloudServers", "compute", "servers", "v1.0", false)
    },
    CatalogService {
        files_tenant: true,
        ..service("cloudFilesCDN", "rax:object-cdn", "cdn", "v1", true)
    },
    CatalogService {
        files_tenant: true,
        internal: true,
        ..service("cloudFiles", "object-store", "storage", "v1", true)
    },
];

/// Replaces Keystone's catalog with the vendor's (URLs below `origin`, `http://host:port`)
/// and adds the demo account: tenant [`RACKSPACE_TENANT`], user [`RACKSPACE_USERNAME`] with
/// roles `compute:default`, `object-store:default` and `identity:user-admin` there, and an
/// API key.
pub(crate) fn bootstrap(state: &mut State, origin: &str) {
    state.services.clear();
    state.endpoints.clear();
    for s in &SERVICES {
        let mut extra = Map::new();
        extra.insert("name".into(), json!(s.name));
        let service = Service {
            id: new_id(),
            type_: s.service_type.into(),
            enabled: true,
            extra,
        };
        let regions: Vec<Option<&str>> = if s.regional {
            RACKSPACE_REGIONS.iter().map(|r| Some(*r)).collect()
        } else {
            vec![None]
        };
        for region in regions {
            add_endpoint(state, &service.id, s, region, origin);
        }
        state.services.push(service);
    }
    add_demo_account(state);
}

fn add_endpoint(
    state: &mut State,
    service_id: &str,
    s: &CatalogService,
    region: Option<&str>,
    origin: &str,
) {
    let host = match region {
        Some(r) => format!("{}.{}", r.to_ascii_lowercase(), s.host),
        None => s.host.to_owned(),
    };
    let tenant = if s.files_tenant {
        "MossoCloudFS_$(tenant_id)s"
    } else {
        "$(tenant_id)s"
    };
    let url = |host: &str| {
        let base = format!("{origin}{RACKSPACE_PREFIX}{host}/{}", s.version);
        if s.no_tenant_in_url {
            base
        } else {
            format!("{base}/{tenant}")
        }
    };
    let mut extra = Map::new();
    if s.files_tenant {
        extra.insert("tenantId".into(), json!(tenant));
    }
    if let Some(id) = s.version_id {
        extra.insert("versionId".into(), json!(id));
        let list = format!("{origin}{RACKSPACE_PREFIX}{host}/");
        extra.insert("versionInfo".into(), json!(format!("{list}{}", s.version)));
        extra.insert("versionList".into(), json!(list));
    }
    let legacy_id = new_id();
    let mut rows = vec![(Interface::Public, url(&host), extra)];
    if s.internal {
        rows.push((
            Interface::Internal,
            url(&format!("snet-{host}")),
            Map::new(),
        ));
    }
    for (interface, url, extra) in rows {
        state.endpoints.push(Endpoint {
            id: new_id(),
            legacy_id: Some(legacy_id.clone()),
            service_id: service_id.to_owned(),
            region: region.map(str::to_owned),
            interface,
            url,
            enabled: true,
            extra,
            distinct: false,
        });
    }
}

fn add_demo_account(state: &mut State) {
    state.projects.push(Project {
        id: RACKSPACE_TENANT.into(),
        name: RACKSPACE_TENANT.into(),
        description: Value::Null,
        enabled: true,
        extra: Map::new(),
    });
    let user_id = new_id();
    state.users.push(User {
        id: user_id.clone(),
        name: RACKSPACE_USERNAME.into(),
        password: Some(RACKSPACE_PASSWORD.into()),
        enabled: true,
        default_project_id: Some(RACKSPACE_TENANT.into()),
        extra: Map::new(),
    });
    let service_role = "A Role that allows a user access to keystone Service methods";
    for (name, description) in [
        ("compute:default", service_role),
        ("object-store:default", service_role),
        ("identity:user-admin", "User Admin Role."),
    ] {
        let role_id = match state.roles.iter().find(|r| r.name == name) {
            Some(r) => r.id.clone(),
            None => {
                let mut extra = Map::new();
                extra.insert("description".into(), json!(description));
                let id = new_id();
                state.roles.push(Role {
                    id: id.clone(),
                    name: name.into(),
                    extra,
                });
                id
            }
        };
        // A fresh state has no such grant yet.
        let _new = state.add_grant(&user_id, RACKSPACE_TENANT, &role_id);
    }
    state.rackspace.api_key(&user_id);
}
