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

/// Keystone's `{"versions": {"values": [...]}}`, a plain `{"versions": [...]}` list, or a
/// single `{"version": {...}}` document, whatever the entries' status (`deprecated` included).
fn parse(text: &str, status: u16) -> Result<Vec<types::Version>> {
    use types::{Versions, VersionsOrVersion};
    serde_json::from_str::<VersionsOrVersion>(text)
        .map(|v| match v {
            VersionsOrVersion::VersionsResponse(r) => match r.versions {
                Versions::VersionList(list) => list.values,
                Versions::Array(values) => values,
            },
            VersionsOrVersion::VersionResponse(r) => vec![r.version],
        })
        .map_err(|e| Error::InvalidResponse {
            operation: "versions_list".into(),
            status,
            message: format!("not a versions document: {e}"),
            excerpt: crate::redact::error_excerpt(text.as_bytes(), 200),
        })
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn a_version_list_in_any_of_its_shapes_is_accepted_deprecated_entries_included() {
        let v2 = r#"{"id": "v2.0", "status": "deprecated", "updated": "2016-08-04T00:00:00Z"}"#;
        let v3 = r#"{"id": "v3.8", "status": "stable"}"#;
        for body in [
            format!(r#"{{"versions": {{"values": [{v3}, {v2}]}}}}"#),
            format!(r#"{{"versions": [{v3}, {v2}]}}"#),
        ] {
            let versions = parse(&body, 300).unwrap();
            let ids: Vec<_> = versions.iter().map(|v| v.id.as_str()).collect();
            assert_eq!(ids, ["v3.8", "v2.0"], "{body}");
            assert_eq!(versions[1].status, "deprecated");
        }
        let single = parse(&format!(r#"{{"version": {v2}}}"#), 200).unwrap();
        assert_eq!(single[0].id, "v2.0");
        let err = parse(r#"{"versions": {"v2.0": {}}}"#, 300).unwrap_err();
        assert!(err.to_string().contains("not a versions document"), "{err}");
    }
}
