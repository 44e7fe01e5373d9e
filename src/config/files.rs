//! Reading `clouds.yaml` and `secure.yaml` into trees whose leaves remember their source,
//! merging them, and the `envvars` cloud made of `OS_*` variables.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use super::environment::Environment;
use super::Source;
use crate::{Error, Result};

/// A file's value with the source of each leaf.
#[derive(Clone, Debug)]
pub(super) enum Node {
    Map(BTreeMap<String, Node>),
    Leaf(Json, Source),
}

pub(super) type Map = BTreeMap<String, Node>;

pub(super) fn tree(value: Json, path: &Path, key: &str) -> Node {
    match value {
        Json::Object(m) => Node::Map(
            m.into_iter()
                .map(|(k, v)| {
                    let sub = if key.is_empty() {
                        k.clone()
                    } else {
                        format!("{key}.{k}")
                    };
                    (k, tree(v, path, &sub))
                })
                .collect(),
        ),
        other => Node::Leaf(
            other,
            Source::File {
                path: path.to_owned(),
                key: key.to_owned(),
            },
        ),
    }
}

/// openstacksdk's `merge_clouds`: `over`'s values win, mappings are merged key by key.
pub(super) fn merge(base: &mut Node, over: Node) {
    match (base, over) {
        (Node::Map(b), Node::Map(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(existing @ Node::Map(_)) if matches!(v, Node::Map(_)) => {
                        merge(existing, v)
                    }
                    _ => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, o) => *b = o,
    }
}

/// openstacksdk's `_auth_update`: `over`'s keys win, and `auth` is updated key by key.
pub(super) fn auth_update(base: &mut Map, over: Map) {
    for (k, v) in over {
        match (k.as_str(), base.get_mut(&k), v) {
            ("auth", Some(Node::Map(b)), Node::Map(o)) => b.extend(o),
            (_, _, v) => {
                base.insert(k, v);
            }
        }
    }
}

/// Keys with `-` spelled `_`, at every level (openstacksdk's `normalize_keys`).
pub(super) fn normalize(map: Map) -> Map {
    map.into_iter()
        .map(|(k, v)| {
            let v = match v {
                Node::Map(m) => Node::Map(normalize(m)),
                leaf => leaf,
            };
            (k.replace('-', "_"), v)
        })
        .collect()
}

/// The first file of `files` that exists and reads and parses.
pub(super) fn load_first(files: &[PathBuf], notes: &mut Vec<String>) -> Option<(PathBuf, Json)> {
    for path in files {
        if !path.exists() {
            continue;
        }
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                tracing::warn!(target: "keystone_v2", file = %path.display(), error = %e, "skipping an unreadable configuration file");
                notes.push(format!("skipped {} (cannot read it: {e})", path.display()));
                continue;
            }
        };
        match parse(path, &text) {
            Ok(v) => return Some((path.clone(), v)),
            Err(e) => {
                tracing::warn!(target: "keystone_v2", file = %path.display(), error = %e, "skipping a configuration file");
                notes.push(format!("skipped {} ({e})", path.display()));
            }
        }
    }
    None
}

pub(super) fn parse(path: &Path, text: &str) -> std::result::Result<Json, String> {
    if path.extension().is_some_and(|e| e == "json") {
        return serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"));
    }
    #[cfg(feature = "clouds-yaml")]
    {
        serde_norway::from_str(text).map_err(|e| format!("not valid YAML: {e}"))
    }
    #[cfg(not(feature = "clouds-yaml"))]
    {
        let _ = text;
        Err("this build of keystone-v2 reads YAML only with the `clouds-yaml` feature".into())
    }
}

pub(super) fn mapping(path: &Path, value: Json) -> Result<Node> {
    if !value.is_object() {
        return Err(Error::Configuration(format!(
            "configuration file {} is empty or not a mapping",
            path.display()
        )));
    }
    Ok(tree(value, path, ""))
}

pub(super) fn clouds_of(node: &Node) -> Map {
    match node {
        Node::Map(m) => match m.get("clouds") {
            Some(Node::Map(c)) => c.clone(),
            _ => Map::new(),
        },
        Node::Leaf(..) => Map::new(),
    }
}

pub(super) fn text(value: &Json) -> Option<String> {
    match value {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

pub(super) fn leaf_text(node: &Node, what: &str) -> Result<(String, Source)> {
    match node {
        Node::Leaf(v, source) => text(v)
            .map(|t| (t, source.clone()))
            .ok_or_else(|| Error::Configuration(format!("{what} at {source} should be a string"))),
        Node::Map(_) => Err(Error::Configuration(format!(
            "{what} should be a string, not a mapping"
        ))),
    }
}

pub(super) fn boolean(value: &str) -> bool {
    matches!(
        value.to_ascii_lowercase().as_str(),
        "1" | "true" | "yes" | "on"
    )
}

pub(super) fn is_false(value: &str) -> bool {
    matches!(
        value.to_ascii_lowercase().as_str(),
        "0" | "false" | "no" | "off"
    )
}

/// The selecting variables: alone, they do not make the `envvars` cloud.
pub(super) const SELECTORS: [&str; 5] = [
    "OS_CLOUD",
    "OS_REGION_NAME",
    "OS_CLIENT_CONFIG_FILE",
    "OS_CLIENT_SECURE_FILE",
    "OS_CLOUD_NAME",
];

/// The cloud made of the `OS_*` variables, if any variable other than the selectors is set.
pub(super) fn envvars_cloud(env: &Environment) -> Option<Map> {
    let keys: Vec<&String> = env
        .vars
        .iter()
        .filter(|(k, v)| {
            k.starts_with("OS_")
                && !v.is_empty()
                && !k.starts_with("OS_TEST")
                && !k.starts_with("OS_STD")
                && !k.starts_with("OS_LOG")
        })
        .map(|(k, _)| k)
        .collect();
    if keys.iter().all(|k| SELECTORS.contains(&k.as_str())) {
        return None;
    }
    let mut cloud = Map::new();
    for k in keys {
        if SELECTORS.contains(&k.as_str()) && k != "OS_REGION_NAME" {
            continue;
        }
        let key = k["OS_".len()..].to_ascii_lowercase();
        cloud.insert(
            key,
            Node::Leaf(Json::String(env.vars[k].clone()), Source::Env(k.clone())),
        );
    }
    Some(cloud)
}

pub(super) struct Files {
    pub(super) clouds: Option<PathBuf>,
    pub(super) secure: Option<PathBuf>,
}

impl Files {
    pub(super) fn describe(&self, env: &Environment) -> String {
        match (&self.clouds, &self.secure) {
            (Some(c), Some(s)) => format!("{} (with {})", c.display(), s.display()),
            (Some(c), None) => c.display().to_string(),
            (None, Some(s)) => s.display().to_string(),
            (None, None) => format!(
                "no clouds.yaml (searched {})",
                env.config_dirs()
                    .iter()
                    .map(|d| d.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}
