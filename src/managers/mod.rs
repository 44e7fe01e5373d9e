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
pub(crate) use tokens::{auth_body, Credentials};
pub use tokens::{TokenAuth, TokenManager};
pub use users::{UserManager, UserOptions};
pub use versions::VersionManager;

use crate::{types, Client, Error, Result};

/// The shared body of `call!` and `call_optional!`: finds the operation at compile time (a
/// name not in the spec does not build), runs the generated call `$call` under the client's
/// deadline with authentication and routing, and hands the outcome to
/// `$finish` as `|$op_entry, $result|`, which gives back a future of the boxed answer.
macro_rules! call_with {
    ($client:expr, $op:literal, |$raw:ident| $call:expr, |$entry:ident, $result:ident| $finish:expr) => {{
        let client: &$crate::Client = $client;
        const OP: &$crate::operations::Operation = match $crate::operations::lookup($op) {
            Some(op) => op,
            None => panic!(concat!("operation ", $op, " is not in the spec")),
        };
        // Boxed: the call's state is allocated once instead of being copied at every level
        // of futures above it (the deadline, the call's scope, the manager's methods). So is
        // its answer (`$finish` gives a `Box`): a decoded body of hundreds of bytes would
        // otherwise be copied in and out of every one of those levels on its way up; it is
        // taken out of its box once, by `call!` or by the method that uses it.
        $crate::hooks::call_scope(
            client.shared.hooks(),
            client.timeout(),
            $op,
            Box::pin(async {
                let $raw = client.prepare(OP).await?;
                let $result = $call.await;
                let $entry = OP;
                let finished = $finish;
                finished.await
            }),
        )
        .await
    }};
}
pub(crate) use call_with;

/// Calls a generated operation with authentication and routing, and converts its outcome.
/// The whole call, authentication included, is bounded by the client's timeout.
macro_rules! call {
    ($client:expr, $op:literal, |$raw:ident| $call:expr) => {
        $crate::managers::call_boxed!($client, $op, |$raw| $call).map(|answer| *answer)
    };
}
pub(crate) use call;

/// `call!` with the answer left in its box, for a method that takes only part of it (or hands
/// it to another method): the part is moved out once.
macro_rules! call_boxed {
    ($client:expr, $op:literal, |$raw:ident| $call:expr) => {
        $crate::managers::call_with!($client, $op, |$raw| $call, |_op, result| {
            $crate::hooks::finish_boxed($op, result)
        })
    };
}
pub(crate) use call_boxed;

/// Like `call!`, for an operation whose spec also declares a success without a body
/// ([`crate::operations::Operation::empty_success`]): `Ok(None)` for such an answer,
/// `Ok(Some(body))` for the success with a body.
macro_rules! call_optional {
    ($client:expr, $op:literal, |$raw:ident| $call:expr) => {
        $crate::managers::call_with!($client, $op, |$raw| $call, |op, result| {
            $crate::managers::optional(op, result)
        })
        .map(|answer| *answer)
    };
}
pub(crate) use call_optional;

/// The one place that reads `empty_success`: `build.rs` hides those statuses from progenitor,
/// so the generated method reports them as an unexpected response; here they become `None`.
///
/// Not an `async fn`, like [`crate::hooks::finish_boxed`]: only an error is a future, and
/// the answer is boxed, as `call_with!` wants it.
pub(crate) fn optional<T: Send + 'static, E: crate::hooks::ErrorBody + Send + 'static>(
    op: &'static crate::operations::Operation,
    result: std::result::Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<E>>,
) -> impl std::future::Future<Output = Result<Box<Option<T>>>> + Send {
    use futures::future::{Either, FutureExt as _};
    match result {
        Err(progenitor_client::Error::UnexpectedResponse(response))
            if op.empty_success.contains(&response.status().as_u16()) =>
        {
            Either::Left(std::future::ready(Ok(Box::new(None))))
        }
        other => {
            Either::Right(crate::client::finish(op.id, other).map(|r| r.map(|v| Box::new(Some(v)))))
        }
    }
}

/// A list member of an answer, in either form the spec allows: an array (Keystone 12.0.3) or
/// the older `{"values": [...], "links": [...]}` object. The managers flatten every list
/// through it; with [`Client::raw`] it does the same for the generated types.
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

/// An argument the spec's constraints refuse (an empty name, ...).
pub(crate) fn invalid(what: &str, e: impl std::fmt::Display) -> Error {
    Error::InvalidRequest(format!("{what}: {e}"))
}

/// A value the spec constrains (a length, a pattern) as its generated type: a value the spec
/// refuses is `Error::InvalidRequest`, with nothing sent.
pub(crate) fn checked<T>(what: &str, value: impl Into<String>) -> Result<T>
where
    T: TryFrom<String, Error = types::error::ConversionError>,
{
    T::try_from(value.into()).map_err(|e| invalid(what, e))
}

/// [`checked`] for an optional value.
pub(crate) fn checked_opt<T>(what: &str, value: Option<String>) -> Result<Option<T>>
where
    T: TryFrom<String, Error = types::error::ConversionError>,
{
    value.map(|v| checked(what, v)).transpose()
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

impl Client {
    /// Tenants (projects): list, create, update, delete, users and role grants.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let tenants = client.tenants().list(Default::default()).await?;
    /// # Ok(()) }
    /// ```
    pub fn tenants(&self) -> TenantManager<'_> {
        TenantManager { client: self }
    }

    /// Users: CRUD, password, enabled state, default tenant, roles.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let users = client.users().list(None).await?;
    /// # Ok(()) }
    /// ```
    pub fn users(&self) -> UserManager<'_> {
        UserManager { client: self }
    }

    /// Roles and role grants.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let roles = client.roles().list().await?;
    /// # Ok(()) }
    /// ```
    pub fn roles(&self) -> RoleManager<'_> {
        RoleManager { client: self }
    }

    /// Services of the catalog.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let services = client.services().list().await?;
    /// # Ok(()) }
    /// ```
    pub fn services(&self) -> ServiceManager<'_> {
        ServiceManager { client: self }
    }

    /// Endpoints of the catalog.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let endpoints = client.endpoints().list().await?;
    /// # Ok(()) }
    /// ```
    pub fn endpoints(&self) -> EndpointManager<'_> {
        EndpointManager { client: self }
    }

    /// EC2 credentials, ec2tokens and s3tokens.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let creds = client.ec2().list("3a9a06e4").await?;
    /// # Ok(()) }
    /// ```
    pub fn ec2(&self) -> Ec2Manager<'_> {
        Ec2Manager { client: self }
    }

    /// Extensions.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let extensions = client.extensions().list().await?;
    /// # Ok(()) }
    /// ```
    pub fn extensions(&self) -> ExtensionManager<'_> {
        ExtensionManager { client: self }
    }

    /// Tokens: authenticate, validate, check, revoke.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let access = client.tokens().validate_access_info("0123abcd").await?;
    /// # Ok(()) }
    /// ```
    pub fn tokens(&self) -> TokenManager<'_> {
        TokenManager { client: self }
    }

    /// PKI certificates.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let pem = client.certificates().get_ca_certificate().await?;
    /// # Ok(()) }
    /// ```
    pub fn certificates(&self) -> CertificateManager<'_> {
        CertificateManager { client: self }
    }

    /// Version discovery.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// for v in client.versions().list().await? { println!("{} {}", v.id, v.status); }
    /// # Ok(()) }
    /// ```
    pub fn versions(&self) -> VersionManager<'_> {
        VersionManager { client: self }
    }
}

#[cfg(test)]
mod tests {
    /// Every operation name the managers use is in the spec, and every operation of the spec
    /// is reachable through a manager (or, for the few without one, through `Client::raw`).
    #[test]
    fn managers_and_spec_agree() {
        let sources = [
            include_str!("certificates.rs"),
            include_str!("ec2.rs"),
            include_str!("endpoints.rs"),
            include_str!("extensions.rs"),
            include_str!("roles.rs"),
            include_str!("services.rs"),
            include_str!("tenants.rs"),
            include_str!("tokens.rs"),
            include_str!("users.rs"),
            include_str!("versions.rs"),
        ]
        .concat();
        let mut used = std::collections::BTreeSet::new();
        for part in sources
            .split("call!(self.client, \"")
            .skip(1)
            .chain(sources.split("call_optional!(self.client, \"").skip(1))
            .chain(sources.split("call_boxed!(self.client, \"").skip(1))
            .chain(sources.split("operation(\"").skip(1))
        {
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
