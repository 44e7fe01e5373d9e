//! The blocking API mirrors the async one: every public method of the async client, of its
//! builder and of each manager has a blocking twin of the same name, and the blocking side
//! has nothing else but its own escape hatches. Both sides are read from their sources (the
//! managers from the files of `src/managers/`, found when the test runs), so a method or a
//! manager added there fails this test until it is wrapped here.

use std::collections::BTreeSet;

use super::{service, Client, ServiceClient};

/// The public methods (`pub fn` / `pub async fn`) of the inherent `impl <ty>` blocks of
/// `source`, and the options the builder's `setter!` invocations declare.
fn public_methods(source: &str, ty: &str) -> BTreeSet<String> {
    let mut methods = BTreeSet::new();
    let mut inside = false;
    let mut in_setter = false;
    for line in source.lines() {
        if let Some(rest) = line.strip_prefix("impl") {
            inside = !rest.contains(" for ") && impl_type(rest) == ty;
            continue;
        }
        if line.starts_with('}') {
            inside = false;
            continue;
        }
        if !inside {
            continue;
        }
        let trimmed = line.trim_start();
        let declared = trimmed
            .strip_prefix("pub fn ")
            .or_else(|| trimmed.strip_prefix("pub async fn "));
        if let Some(name) = declared.filter(|_| line.starts_with("    pub")) {
            methods.insert(ident(name).to_owned());
        }
        if trimmed.starts_with("setter!(") {
            in_setter = true;
        } else if in_setter && trimmed.contains(" => ") && trimmed.ends_with(");") {
            methods.insert(ident(trimmed).to_owned());
            in_setter = false;
        }
    }
    methods
}

/// The type of `impl<'a> Type<'a> {` (after `impl`).
fn impl_type(rest: &str) -> &str {
    let rest = match rest.strip_prefix('<') {
        Some(generics) => generics.split_once('>').map_or("", |(_, after)| after),
        None => rest,
    };
    ident(rest.trim_start())
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

fn names(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

#[track_caller]
fn assert_mirrors(what: &str, async_side: BTreeSet<String>, blocking: BTreeSet<String>) {
    assert!(
        !async_side.is_empty(),
        "no public method of {what} found in its source: is the parser out of date?"
    );
    let missing: Vec<_> = async_side.difference(&blocking).collect();
    let extra: Vec<_> = blocking.difference(&async_side).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: methods of the async API without a blocking twin: {missing:?}; blocking \
         methods with no async original: {extra:?}"
    );
}

/// The Rust files of `src/<dir>` (not below it), read when the test runs: a file added there
/// is compared without being listed anywhere.
fn sources_in(dir: &str) -> Vec<(String, String)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| {
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.display().to_string(), text)
        })
        .collect();
    files.sort();
    files
}

/// The managers a source declares (`pub struct <Name>Manager<'a>`).
fn managers_in(source: &str) -> Vec<&str> {
    source
        .lines()
        .filter_map(|l| l.strip_prefix("pub struct "))
        .map(ident)
        .filter(|name| name.ends_with("Manager"))
        .collect()
}

/// The blocking managers of `blocking/managers.rs`: each `manager! { Name, accessor => ...;`
/// with the methods it wraps (`fn name(...)` lines), plus the methods written by hand in an
/// `impl Name` block (the streams, which become a `Vec`).
fn blocking_managers(source: &str) -> Vec<(String, String, BTreeSet<String>)> {
    let mut found: Vec<(String, String, BTreeSet<String>)> = Vec::new();
    let mut inside = false;
    for line in source.lines() {
        if let Some(rest) = line.strip_prefix("manager! { ") {
            let (name, rest) = rest.split_once(',').unwrap_or((rest, ""));
            let accessor = ident(rest.trim_start());
            found.push((name.trim().to_owned(), accessor.to_owned(), BTreeSet::new()));
            inside = true;
        } else if line.starts_with('}') {
            inside = false;
        } else if let (true, Some(rest), Some(last)) =
            (inside, line.strip_prefix("    fn "), found.last_mut())
        {
            last.2.insert(ident(rest).to_owned());
        }
    }
    for (name, _, methods) in &mut found {
        methods.extend(public_methods(source, name));
    }
    found
}

#[test]
fn every_manager_method_has_a_blocking_twin() {
    let blocking = blocking_managers(include_str!("managers.rs"));
    let mut seen = BTreeSet::new();
    for (_, source) in sources_in("managers") {
        for ty in managers_in(&source) {
            seen.insert(ty.to_owned());
            let twin = blocking
                .iter()
                .find(|(name, _, _)| name == ty)
                .map(|(_, _, methods)| methods.clone())
                .unwrap_or_default();
            assert_mirrors(ty, public_methods(&source, ty), twin);
        }
    }
    let extra: Vec<_> = blocking
        .iter()
        .filter(|(name, _, _)| !seen.contains(name))
        .collect();
    assert!(
        seen.len() >= 10 && extra.is_empty(),
        "async managers found: {seen:?}; blocking managers with no async original: {extra:?}"
    );
}

#[test]
fn every_client_method_has_a_blocking_twin() {
    // The async client's methods are written where their layer is (client.rs, builder.rs,
    // service.rs, each manager's accessor in its file): every `impl Client` outside the
    // blocking API counts.
    let mut async_side = BTreeSet::new();
    for dir in ["", "managers"] {
        for (_, source) in sources_in(dir) {
            async_side.extend(public_methods(&source, "Client"));
        }
    }
    let mut blocking = names(Client::WRAPPED);
    blocking.extend(names(Client::SAME));
    blocking.extend(names(&["builder", "service"]));
    blocking.extend(
        blocking_managers(include_str!("managers.rs"))
            .into_iter()
            .map(|(_, accessor, _)| accessor),
    );
    assert_mirrors("Client", async_side, blocking);
}

#[test]
fn the_blocking_manager_parser_reads_each_invocation_and_its_hand_written_methods() {
    let source = "\
manager! { ThingManager, things => \"things\";
    fn get(id: &str) -> Thing => r#\"client.things().get(\"1\")?;\"#;
    fn list() -> Vec<Thing> =>
        \"client.things().list()?;\";
}

impl ThingManager<'_> {
    pub fn list_all(&self) {}
    fn helper(&self) {}
}

manager! { OtherManager, others => \"others\";
    fn delete(id: &str) -> () => \"\";
}
";
    let found = blocking_managers(source);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        (found[0].0.as_str(), found[0].1.as_str()),
        ("ThingManager", "things")
    );
    assert_eq!(found[0].2, names(&["get", "list", "list_all"]));
    assert_eq!(
        (found[1].0.as_str(), found[1].1.as_str()),
        ("OtherManager", "others")
    );
    assert_eq!(found[1].2, names(&["delete"]));
}

#[test]
fn every_builder_option_has_a_blocking_twin() {
    // The builder's methods are in builder.rs and the files of builder/.
    let mut async_side = public_methods(include_str!("../builder.rs"), "ClientBuilder");
    for (_, source) in sources_in("builder") {
        async_side.extend(public_methods(&source, "ClientBuilder"));
    }
    let mut blocking = names(super::builder::FORWARDED);
    blocking.extend(names(&[
        "from_env",
        "from_cloud",
        "from_config",
        "explain",
        "build",
    ]));
    assert_mirrors("ClientBuilder", async_side, blocking);
}

#[test]
fn every_service_handle_request_and_response_method_has_a_blocking_twin() {
    let source = include_str!("../service.rs");
    let mut handle = names(service::CONSTRUCTORS);
    handle.extend(names(ServiceClient::WRAPPED));
    handle.extend(names(&["filter", "request"]));
    assert_mirrors(
        "ServiceClient",
        public_methods(source, "ServiceClient"),
        handle,
    );
    // `body_reader` (a body from a `std::io::Read`, where the async side takes a stream) is
    // the blocking side's own, so it is not listed.
    let mut request = names(service::SETTERS);
    request.insert("send".to_owned());
    assert_mirrors(
        "ServiceRequest",
        public_methods(source, "ServiceRequest"),
        request,
    );
    let mut response = names(service::HEAD);
    // Written by hand: they wait for the body (`bytes_stream` becomes an iterator).
    response.extend(names(&["bytes", "text", "json", "chunk", "bytes_stream"]));
    assert_mirrors(
        "ServiceResponse",
        public_methods(source, "ServiceResponse"),
        response,
    );
}

#[test]
fn the_parser_finds_async_and_plain_methods_and_setters_only_in_their_impl() {
    let source = "\
impl<'a> Thing<'a> {
    setter!(
        /// Doc.
        name: String => name);
    pub fn plain(&self) {}
    pub async fn later(&self) {}
    fn private(&self) {}
    pub(crate) fn internal(&self) {}
}

impl std::fmt::Debug for Thing<'_> {
    pub fn not_inherent(&self) {}
}

impl Other {
    pub fn elsewhere(&self) {}
}
";
    assert_eq!(
        public_methods(source, "Thing"),
        names(&["later", "name", "plain"])
    );
}

#[test]
fn debug_of_the_client_and_the_builder_shows_no_secret() {
    let builder = Client::builder()
        .endpoint("http://127.0.0.1:1/v2.0")
        .token("tok-3f9e1d")
        .username("alice")
        .password("pw-7c2a9b");
    let shown = format!("{builder:?}");
    assert!(shown.contains("alice"), "{shown}");
    assert!(
        !shown.contains("tok-3f9e1d") && !shown.contains("pw-7c2a9b"),
        "{shown}"
    );
    let client = builder.build().expect("a static-token client builds");
    let shown = format!("{client:?}");
    assert!(shown.contains("blocking::Client"), "{shown}");
    assert!(
        !shown.contains("tok-3f9e1d") && !shown.contains("pw-7c2a9b"),
        "{shown}"
    );
}

#[test]
fn debug_of_a_service_handle_and_request_shows_no_header_and_no_body() {
    let client = Client::builder()
        .endpoint("http://127.0.0.1:1/v2.0")
        .token("tok-3f9e1d")
        .build()
        .expect("a static-token client builds");
    let nova = client.service(crate::EndpointFilter::new("compute"));
    let shown = format!("{nova:?}");
    assert!(
        shown.contains("blocking::ServiceClient") && shown.contains("compute"),
        "{shown}"
    );
    let request = nova
        .post("os-keypairs")
        .header("x-auth-token", "tok-a71c04")
        .json(&serde_json::json!({"password": "pw-55e0b2"}));
    let shown = format!("{request:?}");
    assert!(
        shown.contains("blocking::ServiceRequest") && shown.contains("os-keypairs"),
        "{shown}"
    );
    for secret in ["tok-3f9e1d", "tok-a71c04", "pw-55e0b2"] {
        assert!(!shown.contains(secret), "{shown}");
    }
}
