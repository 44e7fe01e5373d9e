use super::call;
use crate::{Client, Result};

/// PKI certificates (keystoneclient's `client.certificates`). No token is sent.
#[derive(Debug, Clone, Copy)]
pub struct CertificateManager<'a> {
    pub(crate) client: &'a Client,
}

impl Client {
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
}

impl CertificateManager<'_> {
    /// The CA certificate, PEM.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let pem = client.certificates().get_ca_certificate().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_ca_certificate(&self) -> Result<String> {
        let stream = call!(self.client, "certificates_get_ca", |raw| raw
            .certificates_get_ca())?;
        super::text("certificates_get_ca", stream).await
    }

    /// The token signing certificate, PEM.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let pem = client.certificates().get_signing_certificate().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_signing_certificate(&self) -> Result<String> {
        let stream = call!(self.client, "certificates_get_signing", |raw| raw
            .certificates_get_signing())?;
        super::text("certificates_get_signing", stream).await
    }
}
