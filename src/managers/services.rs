use super::{call, ListItems as _};
use super::{checked, invalid};
use crate::{types, Client, Result};

/// Services of the catalog (keystoneclient's `client.services`).
#[derive(Debug, Clone, Copy)]
pub struct ServiceManager<'a> {
    pub(crate) client: &'a Client,
}

impl Client {
    /// Services of the catalog.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let services = client.services().list().await?;
    /// # Ok(()) }
    /// ```
    pub fn services(&self) -> ServiceManager<'_> {
        ServiceManager { client: self }
    }
}

impl ServiceManager<'_> {
    /// Lists services.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let services = client.services().list().await?;
    /// # Ok(()) }
    /// ```
    pub async fn list(&self) -> Result<Vec<types::Service>> {
        Ok(
            call!(self.client, "services_list", |raw| raw.services_list())?
                .os_ksadm_services
                .into_items(),
        )
    }

    /// Shows a service (by id).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let service = client.services().get("4911...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, service_id: &str) -> Result<types::Service> {
        Ok(call!(self.client, "services_get", |raw| raw
            .services_get(service_id))?
        .os_ksadm_service)
    }

    /// Creates a service.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let nova = client.services().create("nova", "compute", Some("Compute")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn create(
        &self,
        name: &str,
        service_type: &str,
        description: Option<&str>,
    ) -> Result<types::Service> {
        self.create_of_type(service_type, Some(name), description)
            .await
    }

    /// Creates a service of `service_type`, named or not (openstackclient's
    /// `service create <type> [--name ...]`: the name is optional in Keystone v2.0).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let unnamed = client.services().create_of_type("compute", None, None).await?;
    /// assert!(unnamed.name.is_none());
    /// # Ok(()) }
    /// ```
    pub async fn create_of_type(
        &self,
        service_type: &str,
        name: Option<&str>,
        description: Option<&str>,
    ) -> Result<types::Service> {
        let body = types::ServiceCreateRequest {
            os_ksadm_service: types::ServiceCreate {
                name: name.map(|n| checked("service name", n)).transpose()?,
                type_: service_type
                    .try_into()
                    .map_err(|e| invalid("service type", e))?,
                description: description.map(str::to_owned),
                enabled: None,
                extra: Default::default(),
            },
        };
        Ok(call!(self.client, "services_create", |raw| raw
            .services_create(&body))?
        .os_ksadm_service)
    }

    /// Deletes a service.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.services().delete("4911...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, service_id: &str) -> Result<()> {
        call!(self.client, "services_delete", |raw| raw
            .services_delete(service_id))
    }
}
