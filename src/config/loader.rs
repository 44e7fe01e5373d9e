//! Finding, reading, merging and resolving the configuration files and variables.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use super::Source;
use crate::catalog::Interface;
use crate::{Error, Result, Secret};

use super::environment::Environment;
use super::files::*;

/// A resolved value, for the builder.
#[derive(Clone, Debug)]
pub(crate) enum Value {
    Str(String),
    Secret(Secret),
    Bool(bool),
    Path(PathBuf),
    Seconds(f64),
    Interface(Interface),
}

/// A cloud's settings, resolved: what the builder applies, with sources.
#[derive(Clone, Debug, Default)]
pub(crate) struct Resolved {
    pub entries: Vec<(&'static str, Value, Source)>,
    pub notes: Vec<String>,
}

impl Resolved {
    fn set(&mut self, name: &'static str, value: Value, source: Source) {
        self.entries.push((name, value, source));
    }
}

/// Reads the configuration of `env` and resolves the cloud `cloud` (or the default one).
/// `Ok(None)` when there is no configuration at all and no cloud was asked for.
pub(crate) fn load(env: &Environment, cloud: Option<&str>) -> Result<Option<Resolved>> {
    let mut notes = Vec::new();
    let mut files = Files {
        clouds: None,
        secure: None,
    };
    let mut doc = Node::Map(Map::new());
    if let Some((path, value)) = load_first(
        &env.files("clouds", Some("OS_CLIENT_CONFIG_FILE")),
        &mut notes,
    ) {
        doc = mapping(&path, value)?;
        if !matches!(&doc, Node::Map(m) if m.contains_key("clouds")) {
            tracing::warn!(target: "keystone_v2", file = %path.display(), "the configuration file has no `clouds` key");
            notes.push(format!("{} has no `clouds` key", path.display()));
        }
        notes.push(format!("clouds file: {}", path.display()));
        files.clouds = Some(path);
    }
    if let Some((path, value)) = load_first(
        &env.files("secure", Some("OS_CLIENT_SECURE_FILE")),
        &mut notes,
    ) {
        let secure = mapping(&path, value)?;
        merge(&mut doc, secure);
        notes.push(format!("secure file: {}", path.display()));
        files.secure = Some(path);
    }
    let mut clouds = clouds_of(&doc);

    // Which cloud.
    let envvar_key = env.get("OS_CLOUD_NAME").unwrap_or("envvars").to_owned();
    if let Some(env_cloud) = envvars_cloud(env) {
        if clouds.contains_key(&envvar_key) {
            return Err(Error::Configuration(format!(
                "{} defines a cloud named {envvar_key:?}, the name of the cloud made of the OS_* variables: rename that cloud, or set OS_CLOUD_NAME to another name",
                files.describe(env)
            )));
        }
        clouds.insert(envvar_key.clone(), Node::Map(env_cloud));
    }
    let (name, why) = match (cloud, env.get("OS_CLOUD")) {
        (Some(name), _) => (name.to_owned(), Source::Argument),
        (None, Some(name)) => (name.to_owned(), Source::Env("OS_CLOUD".into())),
        (None, None) if clouds.contains_key(&envvar_key) => {
            (envvar_key.clone(), Source::Env("OS_* variables".into()))
        }
        (None, None) if clouds.len() == 1 => {
            let only = clouds.keys().next().cloned().unwrap_or_default();
            let source = Source::File {
                path: files.clouds.clone().or(files.secure.clone()).unwrap_or_default(),
                key: format!("clouds.{only} (the only cloud)"),
            };
            (only, source)
        }
        (None, None) if clouds.is_empty() => return Ok(None),
        (None, None) => {
            return Err(Error::Configuration(format!(
                "{} defines several clouds and none is chosen: set OS_CLOUD or use ClientBuilder::from_cloud with one of: {}",
                files.describe(env),
                clouds.keys().cloned().collect::<Vec<_>>().join(", ")
            )))
        }
    };
    let Some(node) = clouds.remove(&name) else {
        let valid = clouds.keys().cloned().collect::<Vec<_>>();
        return Err(Error::Configuration(format!(
            "cloud {name:?} (from {why}) is not defined in {}; {}",
            files.describe(env),
            if valid.is_empty() {
                "no cloud is defined".to_owned()
            } else {
                format!("the clouds defined are: {}", valid.join(", "))
            }
        )));
    };
    let Node::Map(own) = node else {
        return Err(Error::Configuration(format!(
            "cloud {name:?} in {} is not a mapping",
            files.describe(env)
        )));
    };
    let own = normalize(own);
    notes.push(format!("cloud {name:?} chosen by {why}"));
    let mut resolved = Resolved {
        entries: Vec::new(),
        notes,
    };
    resolved.set("cloud", Value::Str(name.clone()), why);

    // The profile under the cloud's own keys.
    let mut profile = Map::new();
    let profile_key = own
        .get("profile")
        .map(|n| ("profile", n))
        .or_else(|| own.get("cloud").map(|n| ("cloud", n)));
    if let Some((key, node)) = profile_key {
        let (profile_name, _) = leaf_text(node, key)?;
        if key == "cloud" {
            resolved.notes.push(format!(
                "cloud {name:?} names its profile with the old key `cloud`; `profile` is its new name"
            ));
        }
        if profile_name != envvar_key {
            let mut vendor_notes = Vec::new();
            let vendor = load_first(&env.files("clouds-public", None), &mut vendor_notes);
            resolved.notes.extend(vendor_notes);
            let found = vendor.and_then(|(path, value)| {
                let doc = tree(value, &path, "");
                match doc {
                    Node::Map(mut m) => match m.remove("public-clouds") {
                        Some(Node::Map(mut p)) => match p.remove(&profile_name) {
                            Some(Node::Map(found)) => Some((path, found)),
                            _ => None,
                        },
                        _ => None,
                    },
                    Node::Leaf(..) => None,
                }
            });
            match found {
                Some((path, found)) => {
                    resolved
                        .notes
                        .push(format!("profile {profile_name:?} from {}", path.display()));
                    profile = normalize(found);
                }
                None => {
                    tracing::warn!(target: "keystone_v2", profile = %profile_name, cloud = %name, "the vendor profile is not in any clouds-public.yaml");
                    resolved.notes.push(format!(
                        "profile {profile_name:?} of cloud {name:?} was not found in any clouds-public.yaml (openstacksdk's built-in vendor profiles are not shipped)"
                    ));
                }
            }
        }
    }

    // The regions: the cloud's own, else the profile's.
    let regions = match regions_of(&own)? {
        Some(r) => r,
        None => regions_of(&profile)?.unwrap_or_default(),
    };
    let mut config = profile;
    auth_update(&mut config, own);
    config.remove("profile");
    config.remove("cloud");
    config.remove("regions");
    config.remove("region_name");
    let wanted = env
        .get("OS_REGION_NAME")
        .filter(|_| name != envvar_key)
        .map(|r| (r.to_owned(), Source::Env("OS_REGION_NAME".into())));
    let region_names: Vec<String> = regions.iter().map(|r| r.name.clone()).collect();
    let region = match (wanted, regions.is_empty()) {
        (Some((want, source)), true) => Some((want, Map::new(), source)),
        (Some((want, source)), false) => match regions.into_iter().find(|r| r.name == want) {
            Some(r) => Some((r.name, r.values, source)),
            None => {
                return Err(Error::Configuration(format!(
                    "region {want:?} (from {source}) is not a region of cloud {name:?} in {}; its regions are: {} (region names are case-sensitive)",
                    files.describe(env),
                    regions_names(&region_names),
                )))
            }
        },
        (None, _) => regions
            .into_iter()
            .next()
            .map(|r| (r.name, r.values, r.source)),
    };
    if let Some((region_name, values, source)) = region {
        auth_update(&mut config, normalize(values));
        if !region_name.is_empty() {
            resolved.set("region_name", Value::Str(region_name), source);
        }
    }
    resolve(env, &name, config, &mut resolved)?;
    Ok(Some(resolved))
}

fn regions_names(names: &[String]) -> String {
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

struct Region {
    name: String,
    values: Map,
    source: Source,
}

fn sub_source(source: &Source, suffix: &str) -> Source {
    match source {
        Source::File { path, key } => Source::File {
            path: path.clone(),
            key: format!("{key}{suffix}"),
        },
        other => other.clone(),
    }
}

/// openstacksdk's `_get_known_regions` for one mapping: `regions`, else `region_name` (a
/// string, comma-separated, or a list).
fn regions_of(cloud: &Map) -> Result<Option<Vec<Region>>> {
    let (list, source) = match (cloud.get("regions"), cloud.get("region_name")) {
        (Some(Node::Leaf(Json::Array(list), source)), _) => (list.clone(), source.clone()),
        (Some(Node::Leaf(Json::String(s), source)), _) => {
            (vec![Json::String(s.clone())], source.clone())
        }
        (Some(other), _) => {
            return Err(Error::Configuration(format!(
                "`regions` should be a list of names or {{name, values}} ({})",
                match other {
                    Node::Leaf(_, s) => s.to_string(),
                    Node::Map(_) => "a mapping".into(),
                }
            )))
        }
        (None, Some(Node::Leaf(Json::Array(list), source))) => (list.clone(), source.clone()),
        (None, Some(Node::Leaf(v, source))) => {
            let s = text(v).unwrap_or_default();
            let list = s
                .split(',')
                .map(|r| Json::String(r.trim().to_owned()))
                .collect();
            (list, source.clone())
        }
        (None, Some(Node::Map(_))) => {
            return Err(Error::Configuration(
                "`region_name` should be a string or a list".into(),
            ))
        }
        (None, None) => return Ok(None),
    };
    let path = match &source {
        Source::File { path, .. } => path.clone(),
        _ => PathBuf::new(),
    };
    let key = match &source {
        Source::File { key, .. } => key.clone(),
        _ => String::new(),
    };
    let scalar = list.len() == 1
        && !matches!(cloud.get("regions"), Some(Node::Leaf(Json::Array(_), _)))
        && !matches!(
            cloud.get("region_name"),
            Some(Node::Leaf(Json::Array(_), _))
        );
    let mut regions = Vec::new();
    for (i, entry) in list.into_iter().enumerate() {
        let at = if scalar {
            source.clone()
        } else {
            sub_source(&source, &format!("[{i}]"))
        };
        match entry {
            Json::Object(m) => {
                let valid =
                    m.contains_key("name") && m.keys().all(|k| k == "name" || k == "values");
                let name = m.get("name").and_then(text);
                match (valid, name) {
                    (true, Some(name)) => {
                        let values = match m.get("values") {
                            Some(v @ Json::Object(_)) => {
                                match tree(v.clone(), &path, &format!("{key}[{i}].values")) {
                                    Node::Map(values) => values,
                                    Node::Leaf(..) => Map::new(),
                                }
                            }
                            _ => Map::new(),
                        };
                        regions.push(Region {
                            name,
                            values,
                            source: sub_source(&source, &format!("[{i}].name")),
                        });
                    }
                    _ => {
                        return Err(Error::Configuration(format!(
                            "invalid region entry at {at}: a region is a name or a mapping with `name` and `values` only"
                        )))
                    }
                }
            }
            other => match text(&other) {
                Some(name) => regions.push(Region {
                    name,
                    values: Map::new(),
                    source: at,
                }),
                None => {
                    return Err(Error::Configuration(format!(
                        "invalid region entry at {at}"
                    )))
                }
            },
        }
    }
    Ok(Some(regions))
}

/// Takes the first of `candidates` (highest priority first) present at the top level
/// (`true`) or under `auth:` (`false`); every candidate is consumed.
fn pick(
    top: &mut Map,
    auth: &mut Map,
    candidates: &[(bool, &str)],
) -> Result<Option<(String, Source)>> {
    let mut found = None;
    for (at_top, key) in candidates {
        let map = if *at_top { &mut *top } else { &mut *auth };
        if let Some(node) = map.remove(*key) {
            let value = leaf_text(&node, key)?;
            if found.is_none() && !value.0.is_empty() {
                found = Some(value);
            }
        }
    }
    Ok(found)
}

fn file_dir(source: &Source) -> Option<PathBuf> {
    match source {
        Source::File { path, .. } => path.parent().map(Path::to_owned),
        _ => None,
    }
}

/// The settings of one cloud's merged mapping.
fn resolve(env: &Environment, name: &str, mut top: Map, out: &mut Resolved) -> Result<()> {
    let mut auth = match top.remove("auth") {
        Some(Node::Map(m)) => m,
        Some(Node::Leaf(_, source)) => {
            return Err(Error::Configuration(format!(
                "`auth` at {source} should be a mapping"
            )))
        }
        None => Map::new(),
    };
    let (t, a) = (true, false);

    if let Some((version, source)) = pick(&mut top, &mut auth, &[(t, "identity_api_version")])? {
        if !version.trim_start_matches(['v', 'V']).starts_with('2') {
            return Err(Error::Configuration(format!(
                "cloud {name:?} sets identity_api_version {version} ({source}): this crate speaks Keystone's v2.0 API only; use the cloud's v2.0 identity URL with identity_api_version 2.0, or an SDK for v3"
            )));
        }
    }
    let auth_type = pick(&mut top, &mut auth, &[(t, "auth_type"), (t, "auth_plugin")])?;
    let kind = match auth_type.as_ref().map(|(v, _)| v.as_str()) {
        None | Some("password" | "v2password") => "password",
        Some("token" | "v2token") => "token",
        Some("admin_token" | "token_endpoint") => "admin_token",
        // The rackspaceauth package's plugin; HP Helion had none (docs/vendors.md).
        Some("rackspace_apikey") => "api_key",
        Some("hp_accesskey") => "access_key",
        Some(other) => {
            let source = &auth_type
                .as_ref()
                .map(|(_, s)| s.clone())
                .unwrap_or(Source::Default);
            return Err(Error::Configuration(format!(
                "cloud {name:?} uses auth_type {other:?} ({source}), which this crate does not support: Keystone v2.0 knows password, v2password, token, v2token and admin_token; other v2.0 clouds rackspace_apikey and hp_accesskey"
            )));
        }
    };
    let v2password = auth_type.as_ref().is_some_and(|(v, _)| v == "v2password");

    let simple = |top: &mut Map, auth: &mut Map, key: &str| pick(top, auth, &[(t, key), (a, key)]);
    let auth_url = simple(&mut top, &mut auth, "auth_url")?;
    let username = simple(&mut top, &mut auth, "username")?;
    let user_id = simple(&mut top, &mut auth, "user_id")?;
    let password = simple(&mut top, &mut auth, "password")?;
    let trust_id = simple(&mut top, &mut auth, "trust_id")?;
    let (first, second) = if v2password {
        ("tenant", "project")
    } else {
        ("project", "tenant")
    };
    let names = [format!("{first}_name"), format!("{second}_name")];
    let ids = [format!("{first}_id"), format!("{second}_id")];
    let tenant_name = pick(
        &mut top,
        &mut auth,
        &[
            (t, &names[0]),
            (a, &names[0]),
            (t, &names[1]),
            (a, &names[1]),
        ],
    )?;
    let tenant_id = pick(
        &mut top,
        &mut auth,
        &[(t, &ids[0]), (a, &ids[0]), (t, &ids[1]), (a, &ids[1])],
    )?;
    let token = pick(
        &mut top,
        &mut auth,
        &[
            (t, "token"),
            (a, "token"),
            (t, "auth_token"),
            (a, "auth_token"),
            (t, "service_token"),
        ],
    )?;
    let endpoint = pick(
        &mut top,
        &mut auth,
        &[(a, "endpoint"), (t, "endpoint"), (t, "service_endpoint")],
    )?;

    if let Some((v, s)) = auth_url {
        out.set("auth_url", Value::Str(v), s);
    }
    if let Some((v, s)) = username {
        out.set("username", Value::Str(v), s);
    }
    if let Some((v, s)) = user_id {
        out.set("user_id", Value::Str(v), s);
    }
    let vendor = [
        ("api_key", "api_key"),
        ("access_key", "access_key"),
        ("access_key", "secret_key"),
    ];
    for (for_kind, key) in vendor {
        if for_kind != kind {
            continue;
        }
        match simple(&mut top, &mut auth, key)? {
            Some((v, s)) if key == "access_key" => out.set(key, Value::Str(v), s),
            Some((v, s)) => out.set(key, Value::Secret(v.into()), s),
            None => {
                return Err(Error::Configuration(format!(
                    "cloud {name:?} uses auth_type {}, which needs `{key}` under `auth:`",
                    auth_type.as_ref().map_or("", |(v, _)| v.as_str())
                )))
            }
        }
    }
    match (password, kind) {
        (Some((_, s)), "token" | "admin_token" | "api_key" | "access_key") => out
            .notes
            .push(format!("password ({s}) ignored: auth_type is {kind}")),
        (Some((v, s)), _) => out.set("password", Value::Secret(v.into()), s),
        (None, _) => {}
    }
    if let Some((v, s)) = token {
        out.set("token", Value::Secret(v.into()), s);
    }
    if let Some((v, s)) = tenant_name {
        out.set("tenant_name", Value::Str(v), s);
    }
    if let Some((v, s)) = tenant_id {
        out.set("tenant_id", Value::Str(v), s);
    }
    if let Some((v, s)) = trust_id {
        out.set("trust_id", Value::Str(v), s);
    }
    match (endpoint, kind) {
        (Some((v, s)), _) => out.set("endpoint", Value::Str(v), s),
        (None, "admin_token") => {
            return Err(Error::Configuration(format!(
                "cloud {name:?} uses auth_type admin_token, which needs an `endpoint` (the admin API URL) under `auth:`"
            )))
        }
        (None, _) => {}
    }

    // The interface: the identity-specific key first; `*endpoint_type` is its old name.
    if let Some((v, s)) = pick(
        &mut top,
        &mut auth,
        &[
            (t, "identity_interface"),
            (t, "interface"),
            (t, "identity_endpoint_type"),
            (t, "endpoint_type"),
        ],
    )? {
        let interface: Interface = v.parse().map_err(|_| {
            Error::Configuration(format!(
                "interface {v:?} ({s}) is not public, internal or admin"
            ))
        })?;
        out.set("interface", Value::Interface(interface), s);
    }

    // TLS: insecure wins; verify false turns verification off; else cacert.
    let insecure = simple(&mut top, &mut auth, "insecure")?;
    let verify = simple(&mut top, &mut auth, "verify")?;
    let cacert = simple(&mut top, &mut auth, "cacert")?;
    let path_of = |v: &str, s: &Source| {
        let base = file_dir(s).or_else(|| env.current_dir.clone());
        env.path(v, base.as_deref())
    };
    match (insecure, verify) {
        (Some((v, s)), _) if boolean(&v) => {
            out.set("insecure", Value::Bool(true), s);
            if let Some((_, cs)) = &cacert {
                out.notes
                    .push(format!("cacert ({cs}) ignored: insecure is set"));
            }
        }
        (_, Some((v, s))) if is_false(&v) => {
            if let Some((_, cs)) = &cacert {
                tracing::warn!(target: "keystone_v2", "verify is false: the cacert is ignored");
                out.notes
                    .push(format!("cacert ({cs}) ignored: verify is false ({s})"));
            }
            out.set("insecure", Value::Bool(true), s);
        }
        (_, verify) => {
            let ca = cacert.or(verify.filter(|(v, _)| !boolean(v)));
            if let Some((v, s)) = ca {
                out.set("cacert", Value::Path(path_of(&v, &s)), s);
            }
        }
    }
    if let Some((v, s)) = simple(&mut top, &mut auth, "cert")? {
        out.set("cert", Value::Path(path_of(&v, &s)), s);
    }
    if let Some((v, s)) = simple(&mut top, &mut auth, "key")? {
        out.set("key", Value::Path(path_of(&v, &s)), s);
    }
    if let Some((v, s)) = simple(&mut top, &mut auth, "api_timeout")? {
        let secs: f64 = v
            .parse()
            .ok()
            .filter(|x: &f64| x.is_finite() && *x > 0.0)
            .ok_or_else(|| {
                Error::Configuration(format!(
                    "api_timeout {v:?} ({s}) is not a number of seconds"
                ))
            })?;
        out.set("timeout", Value::Seconds(secs), s);
    }
    if let Some(Node::Map(mut c)) = top.remove("cache") {
        if let Some(node) = c.remove("auth") {
            let (v, s) = leaf_text(&node, "cache.auth")?;
            if boolean(&v) {
                out.set("token_cache", Value::Bool(true), s);
            }
        }
    }

    // What is left: domains (v2.0 has none) and keys this crate does not use.
    for (place, map) in [("", &top), ("auth.", &auth)] {
        for (key, node) in map {
            let source = match node {
                Node::Leaf(_, s) => s.to_string(),
                Node::Map(_) => format!("{place}{key}"),
            };
            if key.contains("domain") {
                tracing::warn!(target: "keystone_v2", key = %format!("{place}{key}"), cloud = %name, "ignored: Keystone v2.0 has no domains");
                out.notes.push(format!(
                    "{place}{key} ignored ({source}): Keystone v2.0 has no domains"
                ));
            } else {
                tracing::debug!(target: "keystone_v2", key = %format!("{place}{key}"), cloud = %name, "configuration key not used by keystone-v2");
            }
        }
    }
    Ok(())
}
