//! Rackspace mode ([`super::Dialect::Rackspace`]): the vendor's accounts (API keys, access
//! keys, multi-factor sessions), its bootstrap (catalog and demo account) and its body
//! shapes. Its logins are `handlers/rackspace.rs`; its services are echoed by `compute.rs`.

mod accounts;
mod bootstrap;
mod shapes;

pub(crate) use accounts::Accounts;
pub(crate) use bootstrap::{bootstrap, RACKSPACE_PREFIX};
pub use bootstrap::{RACKSPACE_PASSWORD, RACKSPACE_REGIONS, RACKSPACE_TENANT, RACKSPACE_USERNAME};
pub(crate) use shapes::{access_body, fault_body, mfa_challenge};
