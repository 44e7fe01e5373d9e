//! The operations of the spec, as `build.rs` read them: which API serves each one, whether it
//! carries a token, and which path parameters are secrets.

/// One of the two Keystone v2.0 APIs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Api {
    /// The public API (port 5000 by default).
    Public,
    /// The admin API (port 35357 by default).
    Admin,
}

/// What the spec says of one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The operationId, such as `tenants_list`.
    pub id: &'static str,
    /// The HTTP method, upper case.
    pub method: &'static str,
    /// The path template, such as `/v2.0/tenants/{tenant_id}`.
    pub path: &'static str,
    /// The tag, which names the manager (`tenants`, `users`, ...).
    pub tag: &'static str,
    /// The APIs that serve it (`x-keystone-api`).
    pub apis: &'static [Api],
    /// Whether the request carries an X-Auth-Token.
    pub authenticated: bool,
    /// Path parameters that are secrets (`x-keystone-secret`), such as `token_id`.
    pub secret_params: &'static [&'static str],
    /// Success statuses that the spec declares without a body next to a success with one, such
    /// as the `204` of `roles_add_user_role`, which answers `200` with the role elsewhere.
    /// progenitor cannot generate two kinds of 2xx, so `build.rs` hides these statuses from it.
    /// The generated method then returns them as `progenitor_client::Error::UnexpectedResponse`,
    /// and the managers turn them into `Ok(None)`.
    ///
    /// ```
    /// let grant = keystone_v2::operations::find("roles_add_user_role").unwrap();
    /// assert_eq!(grant.empty_success, &[204]);
    /// let get = keystone_v2::operations::find("roles_get").unwrap();
    /// assert!(get.empty_success.is_empty());
    /// ```
    pub empty_success: &'static [u16],
}

include!(concat!(env!("OUT_DIR"), "/operations.rs"));

#[cfg(test)]
mod tests {
    #[test]
    fn every_operation_is_found_by_its_id() {
        for op in super::OPERATIONS {
            assert_eq!(super::find(op.id), Some(op));
        }
        assert_eq!(super::find("no_such_operation"), None);
    }
}
