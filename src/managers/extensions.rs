use super::call;
use crate::{types, Client, Result};

/// Extensions (keystoneclient's `client.extensions`).
#[derive(Debug, Clone, Copy)]
pub struct ExtensionManager<'a> {
    pub(crate) client: &'a Client,
}

impl Client {
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
}

impl ExtensionManager<'_> {
    /// Lists the extensions of the API in use (admin when reachable, else public).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// for e in client.extensions().list().await? { println!("{}", e.alias); }
    /// # Ok(()) }
    /// ```
    pub async fn list(&self) -> Result<Vec<types::Extension>> {
        Ok(
            call!(self.client, "extensions_list", |raw| raw.extensions_list())?
                .extensions
                .values,
        )
    }

    /// Shows one extension by alias.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let ksadm = client.extensions().get("OS-KSADM").await?;
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, alias: &str) -> Result<types::Extension> {
        Ok(call!(self.client, "extensions_get", |raw| raw
            .extensions_get(alias))?
        .extension)
    }
}
