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
        call!(
            self.client,
            "versions_list",
            |raw| raw.versions_list(),
            |_op, result| versions(result)
        )
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

/// The answer of `GET /`: 300 Multiple Choices is neither success nor error for the
/// generated code, which gives it as an unexpected response.
async fn versions(
    result: std::result::Result<
        progenitor_client::ResponseValue<progenitor_client::ByteStream>,
        progenitor_client::Error<()>,
    >,
) -> Result<Vec<types::Version>> {
    match result {
        Ok(stream) => parse(
            &super::text("versions_list", stream.into_inner()).await?,
            200,
        ),
        Err(progenitor_client::Error::UnexpectedResponse(r)) if r.status().as_u16() == 300 => {
            parse(&r.text().await.map_err(Error::transport)?, 300)
        }
        Err(e) => Err(crate::engine::convert_error("versions_list", e).await),
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
