//! Which identity service an emulator speaks.

/// The identity service an [`Emulator`](super::Emulator) speaks, chosen when it starts
/// ([`EmulatorConfig::dialect`](super::EmulatorConfig::dialect)).
///
/// ```no_run
/// use keystone_v2::emulator::{Dialect, EmulatorConfig};
/// let config = EmulatorConfig::default().dialect(Dialect::Rackspace);
/// # let _ = config;
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Dialect {
    /// OpenStack Keystone 12.0.3 (the default): every operation of the spec as Keystone
    /// serves it.
    #[default]
    Keystone,
    /// Rackspace Cloud Identity v2.0, as its published examples show it: API key and
    /// multi-factor logins, `RAX-AUTH:*` members, the vendor's catalog shapes and fault
    /// bodies (see the emulator's documentation, "Rackspace mode").
    Rackspace,
}

impl Dialect {
    /// The dialect's name on the command line: `keystone` or `rackspace`.
    ///
    /// ```no_run
    /// use keystone_v2::emulator::Dialect;
    /// assert_eq!(Dialect::Rackspace.name(), "rackspace");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Keystone => "keystone",
            Dialect::Rackspace => "rackspace",
        }
    }

    /// The dialect named `name` (`keystone` or `rackspace`, any case).
    ///
    /// ```no_run
    /// use keystone_v2::emulator::Dialect;
    /// assert_eq!(Dialect::from_name("Rackspace"), Some(Dialect::Rackspace));
    /// ```
    pub fn from_name(name: &str) -> Option<Dialect> {
        [Dialect::Keystone, Dialect::Rackspace]
            .into_iter()
            .find(|d| d.name().eq_ignore_ascii_case(name))
    }
}
