use super::call;
use crate::auth::{auth_body, Credentials};
use crate::{types, AccessInfo, Client, Result, Secret};

/// Tokens (keystoneclient's `client.tokens`).
#[derive(Debug, Clone, Copy)]
pub struct TokenManager<'a> {
    pub(crate) client: &'a Client,
}

impl Client {
    /// Tokens: authenticate, validate, check, revoke.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let access = client.tokens().validate_access_info("0123abcd").await?;
    /// # Ok(()) }
    /// ```
    pub fn tokens(&self) -> TokenManager<'_> {
        TokenManager { client: self }
    }
}

/// Credentials for [`TokenManager::authenticate`].
#[derive(Debug, Clone)]
pub struct TokenAuth {
    /// A user name and password, a token, or another cloud's credentials.
    credentials: Credentials,
    tenant_id: Option<String>,
    tenant_name: Option<String>,
}

impl TokenAuth {
    /// A user name and password.
    ///
    /// ```
    /// let auth = keystone_v2::managers::TokenAuth::password("admin", "secret").tenant_name("admin");
    /// ```
    pub fn password(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self {
            credentials: Credentials::Password {
                username: Some(username.into()),
                user_id: None,
                password: password.into(),
            },
            tenant_id: None,
            tenant_name: None,
        }
    }

    /// An existing token (to rescope it).
    ///
    /// ```
    /// let auth = keystone_v2::managers::TokenAuth::token("0123abcd").tenant_id("17c1");
    /// ```
    pub fn token(token: impl Into<Secret>) -> Self {
        Self {
            credentials: Credentials::Token(token.into()),
            tenant_id: None,
            tenant_name: None,
        }
    }

    /// Rackspace's API key credentials (`RAX-KSKEY:apiKeyCredentials`).
    ///
    /// ```
    /// let auth = keystone_v2::managers::TokenAuth::api_key("demoauthor", "aaaaa-bbbbb").tenant_id("1100111");
    /// ```
    pub fn api_key(username: impl Into<String>, api_key: impl Into<Secret>) -> Self {
        Self {
            credentials: Credentials::ApiKey {
                username: username.into(),
                api_key: api_key.into(),
            },
            tenant_id: None,
            tenant_name: None,
        }
    }

    /// HP Helion's access key credentials (`apiAccessKeyCredentials`).
    ///
    /// ```
    /// let auth = keystone_v2::managers::TokenAuth::access_key("AK0123", "s3cr3t").tenant_id("7202");
    /// ```
    pub fn access_key(access_key: impl Into<String>, secret_key: impl Into<Secret>) -> Self {
        Self {
            credentials: Credentials::AccessKey {
                access_key: access_key.into(),
                secret_key: secret_key.into(),
            },
            tenant_id: None,
            tenant_name: None,
        }
    }

    /// Scope to this tenant id (wins over a tenant name).
    ///
    /// ```
    /// let auth = keystone_v2::managers::TokenAuth::password("u", "p").tenant_id("17c1");
    /// ```
    pub fn tenant_id(mut self, tenant_id: impl Into<String>) -> Self {
        self.tenant_id = Some(tenant_id.into());
        self.tenant_name = None;
        self
    }

    /// Scope to this tenant name.
    ///
    /// ```
    /// let auth = keystone_v2::managers::TokenAuth::password("u", "p").tenant_name("demo");
    /// ```
    pub fn tenant_name(mut self, tenant_name: impl Into<String>) -> Self {
        if self.tenant_id.is_none() {
            self.tenant_name = Some(tenant_name.into());
        }
        self
    }
}

impl TokenManager<'_> {
    /// Gets a token for other credentials (the client's own token is unchanged).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// use keystone_v2::managers::TokenAuth;
    /// let demo = client.tokens().authenticate(TokenAuth::password("demo", "pw").tenant_name("demo")).await?;
    /// # Ok(()) }
    /// ```
    pub async fn authenticate(&self, auth: TokenAuth) -> Result<AccessInfo> {
        let body = auth_body(auth.credentials, auth.tenant_id, auth.tenant_name, None)?;
        let access = call!(self.client, "tokens_authenticate", |raw| raw
            .tokens_authenticate(&body))?;
        AccessInfo::new(access.access)
    }

    /// Validates a token and returns its data (404 when invalid).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let access = client.tokens().validate("0123abcd").await?;
    /// # Ok(()) }
    /// ```
    pub async fn validate(&self, token: &str) -> Result<types::Access> {
        self.get_token_data(token, None)
            .await
            .map(|data| data.access)
    }

    /// Validates a token and checks it is scoped to `tenant_id` (`belongsTo`; 401 if not).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let access = client.tokens().validate_belongs_to("0123abcd", "17c1...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn validate_belongs_to(&self, token: &str, tenant_id: &str) -> Result<types::Access> {
        self.get_token_data(token, Some(tenant_id))
            .await
            .map(|data| data.access)
    }

    /// The whole validation answer, envelope included.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let body = client.tokens().get_token_data("0123abcd", None).await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_token_data(
        &self,
        token: &str,
        belongs_to: Option<&str>,
    ) -> Result<types::AccessResponse> {
        call!(self.client, "tokens_validate", |raw| raw
            .tokens_validate(token, belongs_to))
    }

    /// Validates a token and wraps its data as an [`AccessInfo`].
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let info = client.tokens().validate_access_info("0123abcd").await?;
    /// println!("{:?} until {}", info.username(), info.expires());
    /// # Ok(()) }
    /// ```
    pub async fn validate_access_info(&self, token: &str) -> Result<AccessInfo> {
        AccessInfo::new(self.validate(token).await?)
    }

    /// Checks a token without fetching its data (`HEAD`): `Ok(true)` when valid, `Ok(false)`
    /// when Keystone does not know it (404), an error otherwise.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let valid = client.tokens().check("0123abcd", None).await?;
    /// # Ok(()) }
    /// ```
    pub async fn check(&self, token: &str, belongs_to: Option<&str>) -> Result<bool> {
        match call!(self.client, "tokens_check", |raw| raw
            .tokens_check(token, belongs_to))
        {
            Ok(()) => Ok(true),
            Err(e) if e.is_not_found() => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Revokes a token.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.tokens().delete("0123abcd").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, token: &str) -> Result<()> {
        call!(self.client, "tokens_delete", |raw| raw.tokens_delete(token))
    }

    /// The endpoints of a scoped token's catalog.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let endpoints = client.tokens().endpoints("0123abcd").await?;
    /// # Ok(()) }
    /// ```
    pub async fn endpoints(&self, token: &str) -> Result<Vec<types::TokenEndpoint>> {
        Ok(call!(self.client, "tokens_endpoints", |raw| raw
            .tokens_endpoints(token))?
        .endpoints)
    }

    /// The CMS-signed (PEM) list of revoked tokens.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let signed = client.tokens().get_revoked().await?;
    /// # Ok(()) }
    /// ```
    pub async fn get_revoked(&self) -> Result<String> {
        Ok(call!(self.client, "tokens_get_revoked", |raw| raw
            .tokens_get_revoked())?
        .signed)
    }
}
