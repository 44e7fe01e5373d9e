//! The managers keystoneclient users know: `client.tenants()`, `client.users()`, ...
//!
//! Each method names a generated operation, routes it to the API the spec marks, and returns
//! the resource itself rather than its JSON envelope. Required arguments are positional;
//! optional ones come in an options struct with `Default`.
//!
//! Answers are decoded in every form the spec declares for the v2.0 family, not only Keystone
//! 12.0.3's: a list is an array or a `{"values": [...]}` object (flattened by [`ListItems`]),
//! and a success the spec declares without a body (a role grant's `204`) is `None`.

mod certificates;
mod ec2;
mod endpoints;
mod extensions;
mod roles;
mod services;
mod tenants;
mod tokens;
mod users;
mod versions;

pub use certificates::CertificateManager;
pub use ec2::Ec2Manager;
pub use endpoints::{EndpointCreate, EndpointManager};
pub use extensions::ExtensionManager;
pub use roles::RoleManager;
pub use services::ServiceManager;
pub use tenants::{ListOptions, TenantManager, TenantOptions, LIST_ALL_MAX_PAGES};
pub use tokens::{TokenAuth, TokenManager};
pub use users::{UserManager, UserOptions};
pub use versions::VersionManager;

pub(crate) use crate::input::{checked, checked_opt, invalid};
use crate::{types, Error, Result};

/// Calls a generated operation with authentication and routing, and converts its outcome.
/// The operation is found at compile time (a name not in the spec does not build); the whole
/// call, authentication included, is bounded by the client's timeout. The generated call
/// `$call` is made again whenever the engine asks (a retry or a replay after a 401: no copy
/// of the request is kept).
///
/// The outcome goes to [`crate::client::finish`], or, with a fourth argument
/// `|$entry, $result| $finish`, to `$finish` (with the operation's entry), which gives a
/// future of the answer: for an operation whose statuses need more than `finish` does (a
/// success without a body, or Keystone's 300 of `GET /`).
macro_rules! call {
    ($client:expr, $op:literal, |$raw:ident| $call:expr) => {
        $crate::managers::call!($client, $op, |$raw| $call, |_op, result| {
            $crate::client::finish($op, result)
        })
    };
    ($client:expr, $op:literal, |$raw:ident| $call:expr, |$entry:ident, $result:ident| $finish:expr) => {{
        let client: &$crate::Client = $client;
        const OP: &$crate::operations::Operation = match $crate::operations::find($op) {
            Some(op) => op,
            None => panic!(concat!("operation ", $op, " is not in the spec")),
        };
        // Boxed: the call's state is allocated once instead of being copied at every level
        // of futures above it (the deadline, the call's scope, the manager's methods).
        $crate::engine::call_scope(
            client.shared.hooks(),
            client.timeout(),
            $op,
            Box::pin(async {
                let $raw = client.prepare(OP).await?;
                let replay = $crate::engine::rebuild_begin();
                // Each outcome lives only until the next attempt is made; the last one is
                // handed to `$finish`, and only what that gives back leaves the loop.
                let finished = loop {
                    let $result = $call.await;
                    if !$crate::engine::rebuild_requested() {
                        let $entry = OP;
                        break $finish;
                    }
                };
                $crate::engine::rebuild_end(replay);
                finished.await
            }),
        )
        .await
    }};
}
pub(crate) use call;

/// The `$finish` of `call!` for an operation whose spec also declares a success without a
/// body ([`crate::operations::Operation::empty_success`]): `Ok(None)` for such an answer,
/// `Ok(Some(body))` for the success with a body. The one place that reads `empty_success`:
/// `build.rs` hides those statuses from progenitor, so the generated method reports them as
/// an unexpected response.
pub(crate) async fn optional<T: Send + 'static, E: crate::engine::ErrorBody + Send + 'static>(
    op: &'static crate::operations::Operation,
    result: std::result::Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<E>>,
) -> Result<Option<T>> {
    match result {
        Err(progenitor_client::Error::UnexpectedResponse(response))
            if op.empty_success.contains(&response.status().as_u16()) =>
        {
            Ok(None)
        }
        other => crate::client::finish(op.id, other).await.map(Some),
    }
}

/// A list member of an answer, in either form the spec allows: an array (Keystone 12.0.3) or
/// the older `{"values": [...], "links": [...]}` object. The managers flatten every list
/// through it; with [`Client::raw`](crate::Client::raw) it does the same for the generated types.
///
/// ```
/// use keystone_v2::managers::ListItems;
/// use keystone_v2::types::TenantsResponse;
/// let new: TenantsResponse = serde_json::from_str(r#"{"tenants": [{"id": "t1", "name": "a"}]}"#).unwrap();
/// let old: TenantsResponse =
///     serde_json::from_str(r#"{"tenants": {"values": [{"id": "t1", "name": "a"}], "links": []}}"#).unwrap();
/// assert_eq!(new.tenants.into_items()[0].id, "t1");
/// assert_eq!(old.tenants.into_items()[0].id, "t1");
/// ```
pub trait ListItems {
    /// The resource listed.
    type Item;

    /// The items, borrowed, whichever form the server used.
    ///
    /// ```
    /// use keystone_v2::managers::ListItems;
    /// let users: keystone_v2::types::UserList =
    ///     serde_json::from_str(r#"[{"id": "u1", "name": "alice"}]"#).unwrap();
    /// assert_eq!(users.items()[0].name, "alice");
    /// ```
    fn items(&self) -> &[Self::Item];

    /// The items, whichever form the server used.
    ///
    /// ```
    /// use keystone_v2::managers::ListItems;
    /// let roles: keystone_v2::types::RoleList = serde_json::from_str(r#"{"values": []}"#).unwrap();
    /// assert!(roles.into_items().is_empty());
    /// ```
    fn into_items(self) -> Vec<Self::Item>;
}

/// One `ListItems` for each list schema of the spec (`<Resource>List`: an array, or
/// `<Resource>Values`).
macro_rules! into_items {
    ($($list:ident, $values:ident => $item:ident;)*) => {$(
        impl ListItems for types::$list {
            type Item = types::$item;

            fn items(&self) -> &[types::$item] {
                match self {
                    types::$list::Array(items) => items,
                    types::$list::$values(v) => &v.values,
                }
            }

            fn into_items(self) -> Vec<types::$item> {
                match self {
                    types::$list::Array(items) => items,
                    types::$list::$values(v) => v.values,
                }
            }
        }
    )*};
}

into_items! {
    TenantList, TenantValues => Tenant;
    UserList, UserValues => User;
    RoleList, RoleValues => Role;
    ServiceList, ServiceValues => Service;
    EndpointList, EndpointValues => Endpoint;
    Ec2CredentialList, Ec2CredentialValues => Ec2Credential;
}

/// The spec's operation `id` (a unit test checks that every name used here exists).
pub(crate) fn operation(id: &'static str) -> Result<&'static crate::operations::Operation> {
    crate::operations::find(id)
        .ok_or_else(|| Error::InvalidRequest(format!("operation {id} is not in the spec")))
}

/// Reads a text body (certificates).
pub(crate) async fn text(
    op: &'static str,
    stream: progenitor_client::ByteStream,
) -> Result<String> {
    let bytes = crate::engine::read_body(stream.into_inner())
        .await
        .map_err(Error::transport)?;
    String::from_utf8(bytes.into()).map_err(|e| Error::InvalidResponse {
        operation: op.to_owned(),
        status: 200,
        message: format!("the body is not UTF-8: {e}"),
        excerpt: String::new(),
    })
}

#[cfg(test)]
mod tests {
    /// Every operation name the managers use is in the spec, and every operation of the spec
    /// is reachable through a manager (or, for the few without one, through `Client::raw`).
    #[test]
    fn managers_and_spec_agree() {
        // Every file of this directory, found when the test runs: a manager added here is
        // checked without being listed.
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/managers");
        let mut sources = String::new();
        for entry in std::fs::read_dir(dir).expect("src/managers is readable") {
            let path = entry.expect("a directory entry").path();
            if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("mod.rs") {
                sources += &std::fs::read_to_string(&path).expect("a manager's source");
            }
        }
        assert!(
            sources.contains("pub struct TenantManager"),
            "the managers' sources are not in {dir}"
        );
        let mut used = std::collections::BTreeSet::new();
        // `call!(self.client, "id", ...)`, on one line or on several (as rustfmt writes it
        // with a fourth argument), and `operation("id")`.
        let calls = sources.split("call!(").skip(1).filter_map(|part| {
            part.trim_start()
                .strip_prefix("self.client,")?
                .trim_start()
                .strip_prefix('"')
        });
        for part in calls.chain(sources.split("operation(\"").skip(1)) {
            used.insert(part.split('"').next().unwrap_or_default().to_owned());
        }
        for id in &used {
            assert!(
                crate::operations::find(id).is_some(),
                "managers use {id}, which is not in the spec"
            );
        }
        let unwrapped: Vec<_> = crate::operations::OPERATIONS
            .iter()
            .filter(|o| !used.contains(o.id))
            .map(|o| o.id)
            .collect();
        assert!(
            unwrapped.is_empty(),
            "operations no manager wraps: {unwrapped:?}"
        );
    }
}
