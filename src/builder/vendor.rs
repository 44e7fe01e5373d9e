//! The credentials of other v2.0 clouds (Rackspace Cloud Identity, HP Helion): an API key,
//! an access key and its secret key, and the passcode callback of a multi-factor login.

use std::sync::Arc;

use super::ClientBuilder;
use crate::config::Source;
use crate::{Error, PasscodePrompt, Result, Secret};

impl ClientBuilder {
    /// Rackspace's API key, with [`ClientBuilder::username`]: authenticates with
    /// `RAX-KSKEY:apiKeyCredentials` (keystoneauth's `rackspace_apikey` plugin).
    ///
    /// ```no_run
    /// let client = keystone_v2::Client::builder()
    ///     .auth_url("https://identity.api.rackspacecloud.com/v2.0")
    ///     .username("demoauthor")
    ///     .api_key("aaaaa-bbbbb-ccccc-12345678")
    ///     .build()?;
    /// # Ok::<(), keystone_v2::Error>(())
    /// ```
    pub fn api_key(mut self, api_key: impl Into<Secret>) -> Self {
        self.api_key = Some(api_key.into());
        self.sources.insert("api_key", Source::Argument);
        self
    }

    /// HP Helion's access key, with [`ClientBuilder::secret_key`]: authenticates with
    /// `apiAccessKeyCredentials`.
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().access_key("AK0123").secret_key("s3cr3t");
    /// ```
    pub fn access_key(mut self, access_key: impl Into<String>) -> Self {
        self.access_key = Some(access_key.into());
        self.sources.insert("access_key", Source::Argument);
        self
    }

    /// HP Helion's secret key, with [`ClientBuilder::access_key`].
    ///
    /// ```
    /// let b = keystone_v2::Client::builder().access_key("AK0123").secret_key("s3cr3t");
    /// ```
    pub fn secret_key(mut self, secret_key: impl Into<Secret>) -> Self {
        self.secret_key = Some(secret_key.into());
        self.sources.insert("secret_key", Source::Argument);
        self
    }

    /// Answers a multi-factor challenge: when the password step is answered 401 with
    /// `WWW-Authenticate: OS-MF sessionId=..., factor=...` (Rackspace Cloud Identity), the
    /// callback is asked for a passcode, which is sent with the session id; at every
    /// (re-)authentication that needs one. `None`, or no callback, ends the authentication
    /// with [`Error::PasscodeRequired`]. The callback runs on tokio's blocking pool, so it may
    /// read a terminal; the wait counts towards the call's [`ClientBuilder::timeout`].
    ///
    /// ```no_run
    /// let client = keystone_v2::Client::builder()
    ///     .auth_url("https://identity.api.rackspacecloud.com/v2.0")
    ///     .username("myUserName")
    ///     .password("thePassword")
    ///     .passcode_callback(|prompt| {
    ///         eprint!("{} for {:?}: ", prompt.factor, prompt.username);
    ///         let mut line = String::new();
    ///         std::io::stdin().read_line(&mut line).ok()?;
    ///         Some(keystone_v2::Secret::new(line.trim()))
    ///     })
    ///     .build()?;
    /// # Ok::<(), keystone_v2::Error>(())
    /// ```
    pub fn passcode_callback(
        mut self,
        callback: impl Fn(&PasscodePrompt) -> Option<Secret> + Send + Sync + 'static,
    ) -> Self {
        self.passcode = Some(Arc::new(callback));
        self
    }

    /// The combinations of credentials that cannot authenticate: an API key without a user
    /// name, half an access key pair, or two kinds of credentials.
    pub(super) fn check_vendor_credentials(&self) -> Result<()> {
        let refuse = |m: &str| Err(Error::AuthorizationFailure(m.into()));
        if self.api_key.is_some() && self.username.is_none() {
            return refuse("an api_key needs a username");
        }
        if self.access_key.is_some() != self.secret_key.is_some() {
            return refuse("an access_key and a secret_key go together");
        }
        let kinds = [
            self.password.is_some(),
            self.api_key.is_some(),
            self.secret_key.is_some(),
        ];
        if kinds.iter().filter(|k| **k).count() > 1 {
            return refuse("give one of a password, an api_key and an access_key/secret_key");
        }
        Ok(())
    }
}
