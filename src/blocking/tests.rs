//! The blocking API mirrors the async one: every public method of the async client, of its
//! builder and of each manager has a blocking twin of the same name, and the blocking side
//! has nothing else but its own escape hatches. The async side is read from its sources, so a
//! method added there fails this test until it is wrapped here.

use std::collections::BTreeSet;

use super::managers::*;
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

#[test]
fn every_manager_method_has_a_blocking_twin() {
    let managers: [(&str, &str, &[&str]); 10] = [
        (
            "TenantManager",
            include_str!("../managers/tenants.rs"),
            TenantManager::WRAPPED,
        ),
        (
            "UserManager",
            include_str!("../managers/users.rs"),
            UserManager::WRAPPED,
        ),
        (
            "RoleManager",
            include_str!("../managers/roles.rs"),
            RoleManager::WRAPPED,
        ),
        (
            "ServiceManager",
            include_str!("../managers/services.rs"),
            ServiceManager::WRAPPED,
        ),
        (
            "EndpointManager",
            include_str!("../managers/endpoints.rs"),
            EndpointManager::WRAPPED,
        ),
        (
            "TokenManager",
            include_str!("../managers/tokens.rs"),
            TokenManager::WRAPPED,
        ),
        (
            "Ec2Manager",
            include_str!("../managers/ec2.rs"),
            Ec2Manager::WRAPPED,
        ),
        (
            "ExtensionManager",
            include_str!("../managers/extensions.rs"),
            ExtensionManager::WRAPPED,
        ),
        (
            "CertificateManager",
            include_str!("../managers/certificates.rs"),
            CertificateManager::WRAPPED,
        ),
        (
            "VersionManager",
            include_str!("../managers/versions.rs"),
            VersionManager::WRAPPED,
        ),
    ];
    for (ty, source, wrapped) in managers {
        let mut blocking = names(wrapped);
        if ty == "TenantManager" {
            // Written by hand: the streams become a Vec.
            blocking.extend(names(&["list_all", "list_all_with_max_pages"]));
        }
        assert_mirrors(ty, public_methods(source, ty), blocking);
    }
}

#[test]
fn every_client_method_has_a_blocking_twin() {
    let mut async_side = public_methods(include_str!("../client.rs"), "Client");
    // The manager accessors.
    async_side.extend(public_methods(include_str!("../managers/mod.rs"), "Client"));
    let mut blocking = names(Client::WRAPPED);
    blocking.extend(names(Client::SAME));
    blocking.extend(names(&["builder", "service"]));
    blocking.extend(names(&[
        TenantManager::ACCESSOR,
        UserManager::ACCESSOR,
        RoleManager::ACCESSOR,
        ServiceManager::ACCESSOR,
        EndpointManager::ACCESSOR,
        TokenManager::ACCESSOR,
        Ec2Manager::ACCESSOR,
        ExtensionManager::ACCESSOR,
        CertificateManager::ACCESSOR,
        VersionManager::ACCESSOR,
    ]));
    assert_mirrors("Client", async_side, blocking);
}

#[test]
fn every_builder_option_has_a_blocking_twin() {
    let async_side = public_methods(include_str!("../builder.rs"), "ClientBuilder");
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
