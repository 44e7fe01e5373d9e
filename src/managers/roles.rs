use super::invalid;
use super::{call, ListItems as _};
use crate::{types, Client, Result};

/// Roles and role grants (keystoneclient's `client.roles`).
#[derive(Debug, Clone, Copy)]
pub struct RoleManager<'a> {
    pub(crate) client: &'a Client,
}

impl Client {
    /// Roles and role grants.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let roles = client.roles().list().await?;
    /// # Ok(()) }
    /// ```
    pub fn roles(&self) -> RoleManager<'_> {
        RoleManager { client: self }
    }
}

impl RoleManager<'_> {
    /// Shows a role.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let role = client.roles().get("4ac6...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, role_id: &str) -> Result<types::Role> {
        Ok(call!(self.client, "roles_get", |raw| raw.roles_get(role_id))?.role)
    }

    /// Creates a role.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let role = client.roles().create("Member").await?;
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, name: &str) -> Result<types::Role> {
        let name = name.try_into().map_err(|e| invalid("role name", e))?;
        let body = types::RoleCreateRequest {
            role: types::RoleCreate {
                name,
                description: None,
                id: None,
                extra: Default::default(),
            },
        };
        Ok(call!(self.client, "roles_create", |raw| raw.roles_create(&body))?.role)
    }

    /// Deletes a role.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.roles().delete("4ac6...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, role_id: &str) -> Result<()> {
        call!(self.client, "roles_delete", |raw| raw.roles_delete(role_id))
    }

    /// Lists roles.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let roles = client.roles().list().await?;
    /// # Ok(()) }
    /// ```
    pub async fn list(&self) -> Result<Vec<types::Role>> {
        Ok(call!(self.client, "roles_list", |raw| raw.roles_list())?
            .roles
            .into_items())
    }

    /// A user's roles on a tenant; without a tenant, the global roles (Keystone answers 501).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let roles = client.roles().roles_for_user("422f...", Some("17c1...")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn roles_for_user(
        &self,
        user_id: &str,
        tenant_id: Option<&str>,
    ) -> Result<Vec<types::Role>> {
        match tenant_id {
            Some(t) => Ok(call!(self.client, "roles_list_for_user", |raw| raw
                .roles_list_for_user(t, user_id))?
            .roles
            .into_items()),
            None => {
                call!(self.client, "roles_list_global_for_user", |raw| raw
                    .roles_list_global_for_user(user_id))?;
                Ok(Vec::new())
            }
        }
    }

    /// Grants a role to a user on a tenant; without a tenant, a global role (Keystone answers 501).
    ///
    /// Returns the granted role when the server sends it (Keystone 12.0.3 answers 200 with it),
    /// and `None` when it answers `204` with no body, which grants the role just the same
    /// (keystoneclient's `_update` returns `None` then).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// match client.roles().add_user_role("422f...", "4ac6...", Some("17c1...")).await? {
    ///     Some(role) => println!("granted {}", role.name),
    ///     None => println!("granted (the server sent no body)"),
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn add_user_role(
        &self,
        user_id: &str,
        role_id: &str,
        tenant_id: Option<&str>,
    ) -> Result<Option<types::Role>> {
        match tenant_id {
            Some(t) => Ok(call!(
                self.client,
                "roles_add_user_role",
                |raw| raw.roles_add_user_role(t, user_id, role_id),
                |op, result| super::optional(op, result)
            )?
            .map(|r| r.role)),
            None => {
                call!(self.client, "roles_add_global_user_role", |raw| raw
                    .roles_add_global_user_role(user_id, role_id))?;
                self.get(role_id).await.map(Some)
            }
        }
    }

    /// Revokes a user's role on a tenant; without a tenant, a global role (Keystone answers 501).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.roles().remove_user_role("422f...", "4ac6...", Some("17c1...")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn remove_user_role(
        &self,
        user_id: &str,
        role_id: &str,
        tenant_id: Option<&str>,
    ) -> Result<()> {
        match tenant_id {
            Some(t) => call!(self.client, "roles_remove_user_role", |raw| raw
                .roles_remove_user_role(t, user_id, role_id)),
            None => {
                call!(self.client, "roles_remove_global_user_role", |raw| raw
                    .roles_remove_global_user_role(user_id, role_id))?;
                Ok(())
            }
        }
    }

    /// A user's role grants as diablo-era roleRefs.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let refs = client.roles().list_role_refs("422f...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn list_role_refs(&self, user_id: &str) -> Result<Vec<types::RoleRef>> {
        Ok(call!(self.client, "role_refs_list", |raw| raw
            .role_refs_list(user_id))?
        .roles)
    }

    /// Grants a role on a tenant through roleRefs; answers the role.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let role = client.roles().create_role_ref("422f...", "17c1...", "4ac6...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn create_role_ref(
        &self,
        user_id: &str,
        tenant_id: &str,
        role_id: &str,
    ) -> Result<types::Role> {
        let body = types::RoleRefCreateRequest {
            role: types::RoleRefCreate {
                role_id: role_id.to_owned(),
                tenant_id: tenant_id.to_owned(),
            },
        };
        Ok(call!(self.client, "role_refs_create", |raw| raw
            .role_refs_create(user_id, &body))?
        .role)
    }

    /// Revokes a grant by its roleRef id.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.roles().delete_role_ref("422f...", "roleId=...&tenantId=...&userId=...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_role_ref(&self, user_id: &str, role_ref_id: &str) -> Result<()> {
        call!(self.client, "role_refs_delete", |raw| raw
            .role_refs_delete(user_id, role_ref_id))
    }
}
