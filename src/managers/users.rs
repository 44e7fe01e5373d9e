use super::{call, checked, checked_opt, ListItems as _};
use crate::{types, AccessInfo, Client, Error, Result, Secret};

/// Users (keystoneclient's `client.users`).
#[derive(Debug, Clone, Copy)]
pub struct UserManager<'a> {
    pub(crate) client: &'a Client,
}

impl Client {
    /// Users: CRUD, password, enabled state, default tenant, roles.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let users = client.users().list(None).await?;
    /// # Ok(()) }
    /// ```
    pub fn users(&self) -> UserManager<'_> {
        UserManager { client: self }
    }
}

/// Optional attributes of a user for [`UserManager::create`] and [`UserManager::update`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserOptions {
    /// A new name (update only).
    pub name: Option<String>,
    /// The password.
    pub password: Option<Secret>,
    /// The e-mail address.
    pub email: Option<String>,
    /// The default tenant: the user gets the member role on it.
    pub tenant_id: Option<String>,
    /// Enabled or not (create: default true).
    pub enabled: Option<bool>,
    /// Extra attributes, stored and returned by Keystone.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// `{"enabled": ...}` and no other attribute.
fn enabled_body(enabled: bool) -> types::UserEnabled {
    types::UserEnabled {
        enabled,
        name: None,
        username: None,
        password: None,
        email: None,
        tenant_id: None,
        description: None,
        extra: Default::default(),
    }
}

/// `{"password": ...}` and no other attribute.
fn password_body(password: Secret) -> types::UserPassword {
    types::UserPassword {
        password: Some(password),
        os_ksadm_password: None,
        name: None,
        username: None,
        email: None,
        enabled: None,
        tenant_id: None,
        description: None,
        extra: Default::default(),
    }
}

/// `{"tenantId": ...}` and no other attribute.
fn tenant_body(tenant_id: &str) -> Result<types::UserTenant> {
    Ok(types::UserTenant {
        tenant_id: Some(checked("tenant id", tenant_id)?),
        name: None,
        username: None,
        password: None,
        email: None,
        enabled: None,
        description: None,
        extra: Default::default(),
    })
}

/// The new token of an own-password answer, when it holds one and its user.
fn new_token(a: types::OwnPasswordAccess) -> Option<types::Access> {
    Some(types::Access {
        token: a.token?,
        user: a.user?,
        service_catalog: a.service_catalog,
        metadata: a.metadata,
        trust: a.trust,
        extra: a.extra,
    })
}

impl<'a> UserManager<'a> {
    /// Shows a user.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let user = client.users().get("422f92da").await?;
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, user_id: &str) -> Result<types::User> {
        Ok(call!(self.client, "users_get", |raw| raw.users_get(user_id))?.user)
    }

    /// Finds a user by name.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let admin = client.users().get_by_name("admin").await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_by_name(&self, name: &str) -> Result<types::User> {
        match call!(self.client, "users_list", |raw| raw.users_list(Some(name)))? {
            types::UsersOrUser::UserResponse(one) => Ok(one.user),
            types::UsersOrUser::UsersResponse(l) => l
                .users
                .into_items()
                .into_iter()
                .find(|u| u.name == name)
                .ok_or_else(|| Error::InvalidResponse {
                    operation: "users_list".into(),
                    status: 200,
                    message: format!("no user named {name:?} in the list answered for ?name="),
                    excerpt: String::new(),
                }),
        }
    }

    /// Lists all users, or the users with a role on `tenant_id`.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let everyone = client.users().list(None).await?;
    /// let members = client.users().list(Some("17c1...")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn list(&self, tenant_id: Option<&str>) -> Result<Vec<types::User>> {
        if let Some(t) = tenant_id {
            return Ok(call!(self.client, "tenants_list_users", |raw| raw
                .tenants_list_users(t))?
            .users
            .into_items());
        }
        match call!(self.client, "users_list", |raw| raw.users_list(None))? {
            types::UsersOrUser::UsersResponse(l) => Ok(l.users.into_items()),
            types::UsersOrUser::UserResponse(one) => Ok(vec![one.user]),
        }
    }

    /// Creates a user (enabled unless `options.enabled` says otherwise).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// use keystone_v2::managers::UserOptions;
    /// let u = client.users().create("demo", UserOptions { password: Some("pw".into()), ..Default::default() }).await?;
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, name: &str, options: UserOptions) -> Result<types::User> {
        let body = types::UserCreateRequest {
            user: types::UserCreate {
                name: Some(checked("user name", name)?),
                username: None,
                password: options.password,
                email: options.email,
                enabled: Some(options.enabled.unwrap_or(true)),
                tenant_id: checked_opt("tenant id", options.tenant_id)?,
                description: None,
                extra: options.extra,
            },
        };
        Ok(call!(self.client, "users_create", |raw| raw.users_create(&body))?.user)
    }

    /// Updates the given attributes of a user.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// use keystone_v2::managers::UserOptions;
    /// let u = client.users().update("422f...", UserOptions { email: Some("a@b.c".into()), ..Default::default() }).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update(&self, user_id: &str, options: UserOptions) -> Result<types::User> {
        let body = types::UserUpdateRequest {
            user: types::UserUpdate {
                name: checked_opt("user name", options.name)?,
                username: None,
                password: options.password,
                email: options.email,
                enabled: options.enabled,
                tenant_id: checked_opt("tenant id", options.tenant_id)?,
                description: None,
                extra: options.extra,
            },
        };
        Ok(call!(self.client, "users_update", |raw| raw
            .users_update(user_id, &body))?
        .user)
    }

    /// Enables or disables a user.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.users().update_enabled("422f...", false).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_enabled(&self, user_id: &str, enabled: bool) -> Result<types::User> {
        let body = types::UserEnabledRequest {
            user: enabled_body(enabled),
        };
        Ok(call!(self.client, "users_update_enabled", |raw| raw
            .users_update_enabled(user_id, &body))?
        .user)
    }

    /// Enables or disables a user through the legacy path `/users/{id}/enabled`.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.users().update_enabled_legacy("422f...", true).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_enabled_legacy(&self, user_id: &str, enabled: bool) -> Result<types::User> {
        let body = types::UserEnabledRequest {
            user: enabled_body(enabled),
        };
        Ok(call!(self.client, "users_update_enabled_legacy", |raw| raw
            .users_update_enabled_legacy(user_id, &body))?
        .user)
    }

    /// Sets a user's password.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.users().update_password("422f...", "n3w-pass").await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_password(
        &self,
        user_id: &str,
        password: impl Into<Secret>,
    ) -> Result<types::User> {
        let body = types::UserPasswordRequest {
            user: password_body(password.into()),
        };
        Ok(call!(self.client, "users_update_password", |raw| raw
            .users_update_password(user_id, &body))?
        .user)
    }

    /// Sets a user's password through the legacy path `/users/{id}/password`.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.users().update_password_legacy("422f...", "n3w-pass").await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_password_legacy(
        &self,
        user_id: &str,
        password: impl Into<Secret>,
    ) -> Result<types::User> {
        let body = types::UserPasswordRequest {
            user: password_body(password.into()),
        };
        Ok(call!(self.client, "users_update_password_legacy", |raw| raw
            .users_update_password_legacy(user_id, &body))?
        .user)
    }

    /// Sets a user's default tenant.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.users().update_tenant("422f...", "17c1...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_tenant(&self, user_id: &str, tenant_id: &str) -> Result<types::User> {
        let body = types::UserTenantRequest {
            user: tenant_body(tenant_id)?,
        };
        Ok(call!(self.client, "users_update_tenant", |raw| raw
            .users_update_tenant(user_id, &body))?
        .user)
    }

    /// Sets a user's default tenant through the legacy path `/users/{id}/tenant`.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.users().update_tenant_legacy("422f...", "17c1...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_tenant_legacy(
        &self,
        user_id: &str,
        tenant_id: &str,
    ) -> Result<types::User> {
        let body = types::UserTenantRequest {
            user: tenant_body(tenant_id)?,
        };
        Ok(call!(self.client, "users_update_tenant_legacy", |raw| raw
            .users_update_tenant_legacy(user_id, &body))?
        .user)
    }

    /// Changes the authenticated user's own password (OS-KSCRUD, always on the public API) and
    /// returns the token the client uses from then on. A client that authenticates with a
    /// password switches to the new password for later re-authentications.
    ///
    /// * When the answer holds a new token (Keystone 12.0.3 does), the client switches to it.
    /// * When the answer is an `access` object without a token and its user (other v2.0
    ///   servers), the password is changed all the same, and the client authenticates again
    ///   ([`Client::authenticate`]) with the new password.
    ///
    /// # Errors
    /// [`Error::AuthorizationFailure`] when the answer holds no token and authenticating again
    /// fails: a client that authenticates with a token rather than a password cannot, and must
    /// be built again with the new password.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let access = client.users().update_own_password("old-pass", "new-pass").await?;
    /// # Ok(()) }
    /// ```
    pub async fn update_own_password(
        &self,
        original_password: impl Into<Secret>,
        password: impl Into<Secret>,
    ) -> Result<AccessInfo> {
        let (original_password, password) = (original_password.into(), password.into());
        crate::engine::within(
            self.client.timeout(),
            "users_update_own_password",
            self.change_own_password(original_password, password),
        )
        .await
    }

    async fn change_own_password(
        &self,
        original_password: Secret,
        password: Secret,
    ) -> Result<AccessInfo> {
        let op = super::operation("users_update_own_password")?;
        self.client.shared.ensure_token().await?;
        let user_id = self.client.user_id().ok_or_else(|| {
            Error::AuthorizationFailure("changing one's own password needs a user token".into())
        })?;
        // The token in use, kept if the answer holds no new one.
        let current = self.client.access_info().await?;
        let raw = self.client.public(op)?;
        let body = types::OwnPasswordRequest {
            user: types::OwnPassword {
                password: password.clone(),
                original_password,
            },
        };
        let answer = crate::client::finish(
            "users_update_own_password",
            raw.users_update_own_password(&user_id, &body).await,
        )
        .await?;
        if let Some(access) = new_token(answer.access) {
            return self.client.adopt(AccessInfo::new(access)?, password);
        }
        // The password is changed but there is no new token: keep the current one until the
        // new password gets a token.
        self.client.adopt(current, password)?;
        if !self.client.authenticates_with_password() {
            return Err(Error::AuthorizationFailure(
                "the password was changed, but the server answered no new token and this client                  authenticates with a token: build it again with the new password"
                    .into(),
            ));
        }
        self.client.authenticate().await.map_err(|e| {
            Error::AuthorizationFailure(format!(
                "the password was changed, but the server answered no new token and \
                 authenticating again failed (a client that authenticates with a token rather \
                 than a password must be built again with the new password): {e}"
            ))
        })
    }

    /// Deletes a user.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.users().delete("422f...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, user_id: &str) -> Result<()> {
        call!(self.client, "users_delete", |raw| raw.users_delete(user_id))
    }

    /// A user's roles on a tenant (or, without a tenant, the global roles Keystone refuses with 501).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let roles = client.users().list_roles("422f...", Some("17c1...")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn list_roles(
        &self,
        user_id: &str,
        tenant_id: Option<&str>,
    ) -> Result<Vec<types::Role>> {
        crate::managers::RoleManager {
            client: self.client,
        }
        .roles_for_user(user_id, tenant_id)
        .await
    }
}
