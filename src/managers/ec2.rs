use super::{call, ListItems as _};
use crate::{types, AccessInfo, Client, Result};

/// EC2 credentials, ec2tokens and s3tokens (keystoneclient's `client.ec2`).
#[derive(Debug, Clone, Copy)]
pub struct Ec2Manager<'a> {
    pub(crate) client: &'a Client,
}

impl Client {
    /// EC2 credentials, ec2tokens and s3tokens.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let creds = client.ec2().list("3a9a06e4").await?;
    /// # Ok(()) }
    /// ```
    pub fn ec2(&self) -> Ec2Manager<'_> {
        Ec2Manager { client: self }
    }
}

impl Ec2Manager<'_> {
    /// Creates an EC2 credential for a user on a tenant; the answer holds the secret.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let cred = client.ec2().create("422f...", "17c1...").await?;
    /// println!("access key {}", cred.access);
    /// # Ok(()) }
    /// ```
    pub async fn create(&self, user_id: &str, tenant_id: &str) -> Result<types::Ec2Credential> {
        let body = types::Ec2CredentialCreateRequest {
            tenant_id: tenant_id.to_owned(),
        };
        Ok(call!(self.client, "ec2_create", |raw| raw
            .ec2_create(user_id, &body))?
        .credential)
    }

    /// Lists a user's EC2 credentials.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let creds = client.ec2().list("422f...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn list(&self, user_id: &str) -> Result<Vec<types::Ec2Credential>> {
        Ok(call!(self.client, "ec2_list", |raw| raw.ec2_list(user_id))?
            .credentials
            .into_items())
    }

    /// Shows an EC2 credential by access key.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let cred = client.ec2().get("422f...", "fd4f...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, user_id: &str, access: &str) -> Result<types::Ec2Credential> {
        Ok(call!(self.client, "ec2_get", |raw| raw.ec2_get(user_id, access))?.credential)
    }

    /// Deletes an EC2 credential.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// client.ec2().delete("422f...", "fd4f...").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, user_id: &str, access: &str) -> Result<()> {
        call!(self.client, "ec2_delete", |raw| raw
            .ec2_delete(user_id, access))
    }

    /// Exchanges a signed EC2 request for a token (`POST /v2.0/ec2tokens`).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client, signed: keystone_v2::types::Ec2Signature) -> keystone_v2::Result<()> {
    /// let access = client.ec2().authenticate(signed).await?;
    /// # Ok(()) }
    /// ```
    pub async fn authenticate(&self, credentials: types::Ec2Signature) -> Result<AccessInfo> {
        let body = types::Ec2TokensRequest {
            credentials: Some(credentials),
            ec2_credentials: None,
        };
        let access = call!(self.client, "ec2_tokens_authenticate", |raw| raw
            .ec2_tokens_authenticate(&body))?;
        AccessInfo::new(access.access)
    }

    /// Checks a signed S3 request (`POST /v2.0/s3tokens`, admin API); Keystone 12 answers v3
    /// token data.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client, signed: keystone_v2::types::S3Signature) -> keystone_v2::Result<()> {
    /// let token = client.ec2().s3_authenticate(signed).await?;
    /// # Ok(()) }
    /// ```
    pub async fn s3_authenticate(&self, credentials: types::S3Signature) -> Result<types::V3Token> {
        let body = types::S3TokensRequest {
            credentials: Some(credentials),
            ec2_credentials: None,
        };
        Ok(call!(self.client, "ec2_s3tokens_authenticate", |raw| raw
            .ec2_s3tokens_authenticate(&body))?
        .token)
    }
}
