use super::{call, checked, ListItems as _};
use crate::{types, Client, Result};

/// Endpoints of the catalog (keystoneclient's `client.endpoints`).
#[derive(Debug, Clone, Copy)]
pub struct EndpointManager<'a> {
    pub(crate) client: &'a Client,
}

impl Client {
    /// Endpoints of the catalog.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let endpoints = client.endpoints().list().await?;
    /// # Ok(()) }
    /// ```
    pub fn endpoints(&self) -> EndpointManager<'_> {
        EndpointManager { client: self }
    }
}

/// The optional URLs and region of a new endpoint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndpointCreate {
    /// The region (created if unknown).
    pub region: Option<String>,
    /// The admin URL.
    pub adminurl: Option<String>,
    /// The internal URL.
    pub internalurl: Option<String>,
}

impl EndpointManager<'_> {
    /// Lists endpoints.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let endpoints = client.endpoints().list().await?;
    /// # Ok(()) }
    /// ```
    pub async fn list(&self) -> Result<Vec<types::Endpoint>> {
        Ok(
            call!(self.client, "endpoints_list", |raw| raw.endpoints_list())?
                .endpoints
                .into_items(),
        )
    }

    /// Creates an endpoint for a service.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// use keystone_v2::managers::EndpointCreate;
    /// let ep = client.endpoints().create("4911...", "http://nova:8774/v2/$(tenant_id)s",
    ///     EndpointCreate { region: Some("RegionOne".into()), ..Default::default() }).await?;
    /// # Ok(()) }
    /// ```
    pub async fn create(
        &self,
        service_id: &str,
        publicurl: &str,
        options: EndpointCreate,
    ) -> Result<types::Endpoint> {
        let body = types::EndpointCreateRequest {
            endpoint: types::EndpointCreate {
                service_id: checked("service id", service_id)?,
                publicurl: checked("public URL", publicurl)?,
                region: options.region,
                adminurl: options.adminurl,
                internalurl: options.internalurl,
                extra: Default::default(),
            },
        };
        Ok(call!(self.client, "endpoints_create", |raw| raw
            .endpoints_create(&body))?
        .endpoint)
    }

    /// Deletes an endpoint.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.endpoints().delete("f32a...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, endpoint_id: &str) -> Result<()> {
        call!(self.client, "endpoints_delete", |raw| raw
            .endpoints_delete(endpoint_id))
    }
}
