use futures::Stream;

use super::{call, checked, checked_opt, ListItems as _};
use crate::{types, Client, Error, Result};

/// Tenants (keystoneclient's `client.tenants`).
#[derive(Debug, Clone, Copy)]
pub struct TenantManager<'a> {
    pub(crate) client: &'a Client,
}

impl Client {
    /// Tenants (projects): list, create, update, delete, users and role grants.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let tenants = client.tenants().list(Default::default()).await?;
    /// # Ok(()) }
    /// ```
    pub fn tenants(&self) -> TenantManager<'_> {
        TenantManager { client: self }
    }
}

/// Paging of a list: at most `limit` items after the one whose id is `marker`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListOptions {
    /// At most this many items.
    pub limit: Option<u32>,
    /// Start after the item with this id.
    pub marker: Option<String>,
}

/// The most pages [`TenantManager::list_all`] requests: a listing that has not ended after
/// this many pages stops with an error (use a larger `page_size`, or
/// [`TenantManager::list_all_with_max_pages`], for more than `page_size` × this many tenants).
///
/// ```
/// assert_eq!(keystone_v2::managers::LIST_ALL_MAX_PAGES, 1000);
/// ```
pub const LIST_ALL_MAX_PAGES: u32 = 1000;

/// Optional attributes of a tenant for [`TenantManager::create`] and [`TenantManager::update`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TenantOptions {
    /// A new name (update only).
    pub name: Option<String>,
    /// The description.
    pub description: Option<String>,
    /// Enabled or not (create: default true).
    pub enabled: Option<bool>,
    /// A client-chosen id (create only).
    pub id: Option<String>,
    /// Extra attributes, stored and returned by Keystone.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

fn unwrap_list(op: &str, v: types::TenantsOrTenant) -> Result<Vec<types::Tenant>> {
    match v {
        types::TenantsOrTenant::TenantsResponse(l) => Ok(l.tenants.into_items()),
        types::TenantsOrTenant::TenantResponse(_) => Err(Error::InvalidResponse {
            operation: op.into(),
            status: 200,
            message: "a single tenant where a list was expected".into(),
            excerpt: String::new(),
        }),
    }
}

fn update_body(id: Option<&str>, options: TenantOptions) -> Result<types::TenantUpdateRequest> {
    Ok(types::TenantUpdateRequest {
        tenant: types::TenantUpdate {
            id: checked_opt("tenant id", id.map(str::to_owned))?,
            name: checked_opt("tenant name", options.name)?,
            description: options.description,
            enabled: options.enabled,
            extra: options.extra,
        },
    })
}

impl<'a> TenantManager<'a> {
    /// Shows a tenant.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let tenant = client.tenants().get("17c188128a744898889d63f768fd7a1e").await?;
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, tenant_id: &str) -> Result<types::Tenant> {
        Ok(call!(self.client, "tenants_get", |raw| raw.tenants_get(tenant_id))?.tenant)
    }

    /// Finds a tenant by name (admin API).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let admin = client.tenants().get_by_name("admin").await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_by_name(&self, name: &str) -> Result<types::Tenant> {
        match call!(self.client, "tenants_list", |raw| raw.tenants_list(
            None,
            None,
            Some(name)
        ))? {
            types::TenantsOrTenant::TenantResponse(one) => Ok(one.tenant),
            // A server that ignores `name` answers the whole list: pick the match ourselves.
            types::TenantsOrTenant::TenantsResponse(l) => l
                .tenants
                .into_items()
                .into_iter()
                .find(|t| t.name == name)
                .ok_or_else(|| Error::InvalidResponse {
                    operation: "tenants_list".into(),
                    status: 200,
                    message: format!("no tenant named {name:?} in the list answered for ?name="),
                    excerpt: String::new(),
                }),
        }
    }

    /// Lists one page of tenants: all of them on the admin API, the caller's own when only the
    /// public API is reachable (an unscoped token).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// use keystone_v2::managers::ListOptions;
    /// let page = client.tenants().list(ListOptions { limit: Some(10), ..Default::default() }).await?;
    /// # Ok(()) }
    /// ```
    pub async fn list(&self, options: ListOptions) -> Result<Vec<types::Tenant>> {
        let limit = options.limit.map(i64::from);
        let v = call!(self.client, "tenants_list", |raw| raw.tenants_list(
            limit,
            options.marker.as_deref(),
            None
        ))?;
        unwrap_list("tenants_list", v)
    }

    /// Every tenant, page after page: `page_size` at a time (at least 1), each page asked with
    /// `limit=page_size` and `marker=<the last id of the previous page>`.
    ///
    /// The rule that ends it, whatever the server does:
    ///
    /// * a page with fewer than `page_size` tenants (possibly none) is the last one: the stream
    ///   ends after it;
    /// * a page that contains the marker it was asked to start after, or any tenant of the
    ///   previous page, ends the stream with [`Error::InvalidResponse`] ("a page already
    ///   seen"): the server ignores the marker and would answer the same tenants for ever;
    /// * at most [`LIST_ALL_MAX_PAGES`] pages are requested: if the last of them is still full,
    ///   the stream ends with [`Error::InvalidResponse`] ("did not end within ... pages"). This
    ///   stops a server that ignores the marker but answers new ids each time.
    ///
    /// Only the previous page's ids and the marker are kept between pages, so memory stays
    /// bounded by `page_size` however many pages there are.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// use futures::TryStreamExt;
    /// let all: Vec<_> = client.tenants().list_all(100).try_collect().await?;
    /// # Ok(()) }
    /// ```
    pub fn list_all(&self, page_size: u32) -> impl Stream<Item = Result<types::Tenant>> + 'a {
        self.list_all_with_max_pages(page_size, LIST_ALL_MAX_PAGES)
    }

    /// [`TenantManager::list_all`] with another maximum number of pages (at least 1) instead
    /// of [`LIST_ALL_MAX_PAGES`]; the same rule ends it.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// use futures::TryStreamExt;
    /// // Up to a million tenants, 1000 per page.
    /// let all: Vec<_> = client.tenants().list_all_with_max_pages(1000, 1000).try_collect().await?;
    /// # Ok(()) }
    /// ```
    pub fn list_all_with_max_pages(
        &self,
        page_size: u32,
        max_pages: u32,
    ) -> impl Stream<Item = Result<types::Tenant>> + 'a {
        /// Bounded state: the marker and the ids of the previous page.
        struct Paging {
            marker: Option<String>,
            previous: std::collections::HashSet<String>,
            pages: u32,
            done: bool,
        }
        let manager = *self;
        let page_size = page_size.max(1);
        let max_pages = max_pages.max(1);
        let refused = |message: String| Error::InvalidResponse {
            operation: "tenants_list".into(),
            status: 200,
            message,
            excerpt: String::new(),
        };
        let pages = futures::stream::try_unfold(
            Paging {
                marker: None,
                previous: Default::default(),
                pages: 0,
                done: false,
            },
            move |mut p| async move {
                if p.done {
                    return Ok(None);
                }
                if p.pages == max_pages {
                    return Err(refused(format!(
                        "the listing did not end within {max_pages} pages of {page_size} tenants \
                         (a server that ignores the marker?); use a larger page_size or \
                         list_all_with_max_pages"
                    )));
                }
                let page = manager
                    .list(ListOptions {
                        limit: Some(page_size),
                        marker: p.marker.clone(),
                    })
                    .await?;
                p.pages += 1;
                if let Some(t) = page
                    .iter()
                    .find(|t| p.marker.as_ref() == Some(&t.id) || p.previous.contains(&t.id))
                {
                    return Err(refused(format!(
                        "the server answered a page already seen: tenant {:?} again after marker {:?} (is the marker ignored?)",
                        t.id, p.marker
                    )));
                }
                p.done = page.len() < page_size as usize;
                p.marker = page.last().map(|t| t.id.clone());
                p.previous = page.iter().map(|t| t.id.clone()).collect();
                Ok(Some((futures::stream::iter(page.into_iter().map(Ok)), p)))
            },
        );
        futures::TryStreamExt::try_flatten(pages)
    }

    /// Creates a tenant (enabled unless `options.enabled` says otherwise).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// use keystone_v2::managers::TenantOptions;
    /// let t = client.tenants().create("demo", TenantOptions { description: Some("Demo".into()), ..Default::default() }).await?;
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, name: &str, options: TenantOptions) -> Result<types::Tenant> {
        let body = types::TenantCreateRequest {
            tenant: types::TenantCreate {
                id: checked_opt("tenant id", options.id)?,
                name: checked("tenant name", name)?,
                description: options.description,
                enabled: Some(options.enabled.unwrap_or(true)),
                extra: options.extra,
            },
        };
        Ok(call!(self.client, "tenants_create", |raw| raw
            .tenants_create(&body))?
        .tenant)
    }

    /// Updates the given attributes of a tenant (POST, as keystoneclient does).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// use keystone_v2::managers::TenantOptions;
    /// let t = client.tenants().update("17c1...", TenantOptions { enabled: Some(false), ..Default::default() }).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update(&self, tenant_id: &str, options: TenantOptions) -> Result<types::Tenant> {
        // keystoneclient puts the id in the body too.
        let body = update_body(Some(tenant_id), options)?;
        Ok(call!(self.client, "tenants_update", |raw| raw
            .tenants_update(tenant_id, &body))?
        .tenant)
    }

    /// Updates a tenant with PUT (the same operation as [`TenantManager::update`]).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let t = client.tenants().update_put("17c1...", Default::default()).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_put(
        &self,
        tenant_id: &str,
        options: TenantOptions,
    ) -> Result<types::Tenant> {
        let body = update_body(None, options)?;
        Ok(call!(self.client, "tenants_update_put", |raw| raw
            .tenants_update_put(tenant_id, &body))?
        .tenant)
    }

    /// Deletes a tenant.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.tenants().delete("17c1...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, tenant_id: &str) -> Result<()> {
        call!(self.client, "tenants_delete", |raw| raw
            .tenants_delete(tenant_id))
    }

    /// The users with a role on a tenant.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let users = client.tenants().list_users("17c1...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn list_users(&self, tenant_id: &str) -> Result<Vec<types::User>> {
        Ok(call!(self.client, "tenants_list_users", |raw| raw
            .tenants_list_users(tenant_id))?
        .users
        .into_items())
    }

    /// Grants `role_id` to `user_id` on the tenant: the granted role, or `None` when the server
    /// answers `204` with no body (see [`crate::managers::RoleManager::add_user_role`]).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// if let Some(role) = client.tenants().add_user("tenant-id", "user-id", "role-id").await? {
    ///     println!("granted {}", role.name);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn add_user(
        &self,
        tenant_id: &str,
        user_id: &str,
        role_id: &str,
    ) -> Result<Option<types::Role>> {
        crate::managers::RoleManager {
            client: self.client,
        }
        .add_user_role(user_id, role_id, Some(tenant_id))
        .await
    }

    /// Revokes `role_id` from `user_id` on the tenant.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.tenants().remove_user("tenant-id", "user-id", "role-id").await?;
    /// # Ok(()) }
    /// ```
    pub async fn remove_user(&self, tenant_id: &str, user_id: &str, role_id: &str) -> Result<()> {
        crate::managers::RoleManager {
            client: self.client,
        }
        .remove_user_role(user_id, role_id, Some(tenant_id))
        .await
    }
}
