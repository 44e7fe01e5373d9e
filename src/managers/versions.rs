use super::call;
use crate::{types, Client, Error, Result};

/// Version discovery (keystoneclient's `generic.client.Client.discover`).
#[derive(Debug, Clone, Copy)]
pub struct VersionManager<'a> {
    pub(crate) client: &'a Client,
}

impl Client {
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

impl VersionManager<'_> {
    /// The versions the server offers (`GET /`, which Keystone answers with 300).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let versions = client.versions().list().await?;
    /// # Ok(()) }
    /// ```
    pub async fn list(&self) -> Result<Vec<types::Version>> {
        let op = super::operation("versions_list")?;
        let raw = self.client.prepare(op).await?;
        let response = match raw.versions_list().await {
            // 300 Multiple Choices is neither success nor error for the generated code.
            Err(progenitor_client::Error::UnexpectedResponse(r)) if r.status().as_u16() == 300 => r,
            Ok(stream) => {
                let text = super::text("versions_list", stream.into_inner()).await?;
                return parse(&text, 200);
            }
            Err(e) => return Err(crate::hooks::convert_error("versions_list", e).await),
        };
        let text = response.text().await.map_err(Error::transport)?;
        parse(&text, 300)
    }

    /// The v2.0 version document (`GET /v2.0`).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let v2 = client.versions().get().await?;
    /// assert_eq!(v2.id, "v2.0");
    /// # Ok(()) }
    /// ```
    pub async fn get(&self) -> Result<types::Version> {
        Ok(call!(self.client, "version_get", |raw| raw.version_get())?.version)
    }
}

fn parse(text: &str, status: u16) -> Result<Vec<types::Version>> {
    serde_json::from_str::<types::VersionsResponse>(text)
        .map(|v| v.versions.values)
        .map_err(|e| Error::InvalidResponse {
            operation: "versions_list".into(),
            status,
            message: format!("not a versions document: {e}"),
            excerpt: crate::redact::error_excerpt(text.as_bytes(), 200),
        })
}
