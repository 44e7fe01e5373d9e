//! Arguments the spec constrains (lengths, patterns, non-empty names), checked as their
//! generated types before anything is sent: a value the spec refuses is
//! `Error::InvalidRequest`.

use crate::{types, Error, Result};

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
