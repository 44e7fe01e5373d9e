// The contents of this file are generated from spec/keystone-v2.0.yaml by build.rs; do not modify them.

use crate::engine::encode_segment;
#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{encode_path, ClientHooks, OperationInfo, RequestBuilderExt};
/// Types used as operation parameters and responses.
#[allow(clippy::all)]
pub mod types {
    ///A token, its user, its service catalog and role metadata.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct Access {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub metadata: ::std::option::Option<AccessMetadata>,
        ///Empty for an unscoped token.
        #[serde(
            rename = "serviceCatalog",
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty"
        )]
        pub service_catalog: ::std::vec::Vec<CatalogService>,
        pub token: Token,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub trust: ::std::option::Option<Trust>,
        pub user: AccessUser,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    /**HP Helion Public Cloud's access key credentials (`apiAccessKeyCredentials`): an access
key and its secret key. Keystone does not know them (see `Auth`).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct AccessKeyCredentials {
        #[serde(rename = "accessKey")]
        pub access_key: ::std::string::String,
        #[serde(rename = "secretKey")]
        pub secret_key: crate::Secret,
    }
    ///Role ids (same order as `user.roles`) and the admin flag.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct AccessMetadata {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub is_admin: ::std::option::Option<i64>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub roles: ::std::vec::Vec<::std::string::String>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///The envelope of token data.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct AccessResponse {
        pub access: Access,
    }
    /**The token's user and the names of its roles on the token's tenant. Rackspace Cloud
Identity adds `RAX-AUTH:*` members; its `RAX-AUTH:phonePin` (sent on request) identifies
the user to support, so it is a secret.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct AccessUser {
        pub id: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        /**Rackspace Cloud Identity: the user's default region (`DFW`), the region of catalog
lookups when the client configures none.
*/
        #[serde(
            rename = "RAX-AUTH:defaultRegion",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub rax_auth_default_region: ::std::option::Option<::std::string::String>,
        ///Rackspace Cloud Identity: the user's domain.
        #[serde(
            rename = "RAX-AUTH:domainId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub rax_auth_domain_id: ::std::option::Option<::std::string::String>,
        ///Rackspace Cloud Identity: whether the user is federated.
        #[serde(
            rename = "RAX-AUTH:federated",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub rax_auth_federated: ::std::option::Option<bool>,
        #[serde(
            rename = "RAX-AUTH:phonePin",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub rax_auth_phone_pin: ::std::option::Option<crate::Secret>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub roles: ::std::vec::Vec<RoleName>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub roles_links: ::std::vec::Vec<Link>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub username: ::std::option::Option<::std::string::String>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    /**Rackspace Cloud Identity's API key credentials (`RAX-KSKEY:apiKeyCredentials`): a user
name and the account's API key. Keystone does not know them (see `Auth`).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct ApiKeyCredentials {
        #[serde(rename = "apiKey")]
        pub api_key: crate::Secret,
        pub username: ::std::string::String,
    }
    /**Credentials: exactly one of `passwordCredentials` and `token` (Keystone's), or of the
credentials other v2.0 servers take (`RAX-KSKEY:apiKeyCredentials`,
`RAX-AUTH:passcodeCredentials`, `apiAccessKeyCredentials`); optionally a tenant by
`tenantId` (which wins) or `tenantName` (without either, or with an empty one, the
token is unscoped), and a trust. Keystone refuses neither with a 400 `Expecting to find
auth`; given both, it uses `token` and ignores the password, so this document refuses
that ambiguous form. Keystone refuses a `tenantId` or `tenantName` of more than 64
characters, and ignores other keys: it answers the other servers' credentials alone
with the same 400 `Expecting to find auth`, and ignores them beside its own.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        schemars::JsonSchema
    )]
    pub struct Auth {
        #[serde(
            rename = "apiAccessKeyCredentials",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub api_access_key_credentials: ::std::option::Option<AccessKeyCredentials>,
        #[serde(
            rename = "passwordCredentials",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub password_credentials: ::std::option::Option<PasswordCredentials>,
        #[serde(
            rename = "RAX-AUTH:passcodeCredentials",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub rax_auth_passcode_credentials: ::std::option::Option<PasscodeCredentials>,
        #[serde(
            rename = "RAX-KSKEY:apiKeyCredentials",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub rax_kskey_api_key_credentials: ::std::option::Option<ApiKeyCredentials>,
        ///Scope the token to this tenant id.
        #[serde(
            rename = "tenantId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub tenant_id: ::std::option::Option<AuthTenantId>,
        ///Scope the token to this tenant name.
        #[serde(
            rename = "tenantName",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub tenant_name: ::std::option::Option<AuthTenantName>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub token: ::std::option::Option<TokenCredentials>,
        ///Scope the token to this trust.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub trust_id: ::std::option::Option<::std::string::String>,
    }
    ///The body of `POST /v2.0/tokens`.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct AuthRequest {
        pub auth: Auth,
    }
    ///Scope the token to this tenant id.
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct AuthTenantId(::std::string::String);
    impl ::std::ops::Deref for AuthTenantId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<AuthTenantId> for ::std::string::String {
        fn from(value: AuthTenantId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for AuthTenantId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 64usize {
                return Err("longer than 64 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for AuthTenantId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for AuthTenantId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for AuthTenantId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///Scope the token to this tenant name.
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct AuthTenantName(::std::string::String);
    impl ::std::ops::Deref for AuthTenantName {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<AuthTenantName> for ::std::string::String {
        fn from(value: AuthTenantName) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for AuthTenantName {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 64usize {
                return Err("longer than 64 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for AuthTenantName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for AuthTenantName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for AuthTenantName {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    /**The URLs of one service in one region. Every member may be missing: Rackspace Cloud
Identity sends no `id` and no `adminURL`.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct CatalogEndpoint {
        #[serde(
            rename = "adminURL",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub admin_url: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "internalURL",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub internal_url: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "publicURL",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub public_url: ::std::option::Option<::std::string::String>,
        ///The region; missing or `null` for a global endpoint, which serves every region.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub region: ::std::option::Option<::std::string::String>,
        /**The tenant the endpoint serves (older Keystone releases and Rackspace Cloud Identity,
where object storage has its own `MossoCloudFS_...` tenant).
*/
        #[serde(
            rename = "tenantId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub tenant_id: ::std::option::Option<::std::string::String>,
        ///The API version of the endpoint, such as `2` (Rackspace Cloud Identity).
        #[serde(
            rename = "versionId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub version_id: ::std::option::Option<::std::string::String>,
        ///The URL of that version's document.
        #[serde(
            rename = "versionInfo",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub version_info: ::std::option::Option<::std::string::String>,
        ///The URL of the service's version list.
        #[serde(
            rename = "versionList",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub version_list: ::std::option::Option<::std::string::String>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    /**A service of the catalog and its endpoints (one per region, or one without a region for
a global service). Keystone sends one service per type; Rackspace Cloud Identity may send
two of one type (`compute`: `cloudServersOpenStack` and `cloudServers`), told apart by name.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct CatalogService {
        pub endpoints: ::std::vec::Vec<CatalogEndpoint>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub endpoints_links: ::std::vec::Vec<Link>,
        ///The service's name (may be empty).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        ///Such as `identity`, `compute`, or a vendor's `rax:dns`.
        #[serde(rename = "type")]
        pub type_: ::std::string::String,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///An EC2 credential.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct Ec2Credential {
        ///The access key (the credential's id in URLs).
        pub access: ::std::string::String,
        pub secret: crate::Secret,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub tenant_id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub trust_id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub user_id: ::std::option::Option<::std::string::String>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///The tenant of the new credential (a top-level key, no wrapper).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct Ec2CredentialCreateRequest {
        pub tenant_id: ::std::string::String,
    }
    /**The EC2 credentials of a list answer: an array (Keystone 12.0.3), or the older
`{"values": [...], "links": [...]}` object that earlier releases, other v2.0 servers and
keystoneclient's fixtures use. A client accepts both.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(untagged)]
    pub enum Ec2CredentialList {
        Array(::std::vec::Vec<Ec2Credential>),
        Ec2CredentialValues(Ec2CredentialValues),
    }
    impl ::std::convert::From<::std::vec::Vec<Ec2Credential>> for Ec2CredentialList {
        fn from(value: ::std::vec::Vec<Ec2Credential>) -> Self {
            Self::Array(value)
        }
    }
    impl ::std::convert::From<Ec2CredentialValues> for Ec2CredentialList {
        fn from(value: Ec2CredentialValues) -> Self {
            Self::Ec2CredentialValues(value)
        }
    }
    ///The envelope of one EC2 credential.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct Ec2CredentialResponse {
        pub credential: Ec2Credential,
    }
    ///The EC2 credentials in the older `{"values": [...], "links": [...]}` form.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct Ec2CredentialValues {
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub links: ::std::vec::Vec<Link>,
        pub values: ::std::vec::Vec<Ec2Credential>,
    }
    ///A list of EC2 credentials.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct Ec2CredentialsResponse {
        pub credentials: Ec2CredentialList,
    }
    /**A signed EC2 request. Keystone needs `params` and `host` to check any signature, and
`verb` and `path` for versions 2 and 4 (without them it fails with a 500); every EC2
signer sends all of them. It takes the signature version from `params`: a
`SignatureVersion` of 1 or 2, or 0 with the `Action` and `Timestamp` parameters; else
version 4, named by an `AWS4-HMAC-SHA256` `Authorization` header or `X-Amz-Algorithm`
parameter, with `headers` and `body_hash`. A request that names none of these fails
with a 500, and so does a version 4 request whose `Credential` scope, `SignedHeaders` or
date Keystone cannot read or match (not a 401).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct Ec2Signature {
        ///The access key.
        pub access: ::std::string::String,
        ///The SHA-256 of the request body (signature version 4).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub body_hash: ::std::option::Option<::std::string::String>,
        ///The request's headers (signature version 4).
        #[serde(
            default,
            skip_serializing_if = ":: std :: collections :: HashMap::is_empty"
        )]
        pub headers: ::std::collections::HashMap<
            ::std::string::String,
            ::std::string::String,
        >,
        pub host: ::std::string::String,
        ///The request's query parameters (`SignatureVersion` names versions 0 to 2).
        pub params: ::std::collections::HashMap<
            ::std::string::String,
            ::std::string::String,
        >,
        pub path: ::std::string::String,
        ///The request's signature.
        pub signature: ::std::string::String,
        pub verb: ::std::string::String,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    /**The body of `POST /v2.0/ec2tokens`: the signed request under `credentials`, or under the
older `ec2Credentials`, which Keystone reads when `credentials` is absent.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct Ec2TokensRequest {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub credentials: ::std::option::Option<Ec2Signature>,
        #[serde(
            rename = "ec2Credentials",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub ec2_credentials: ::std::option::Option<Ec2Signature>,
    }
    ///The URLs of one service in one region (admin view, lower-case keys).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct Endpoint {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub adminurl: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub enabled: ::std::option::Option<bool>,
        pub id: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub internalurl: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub publicurl: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub region: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub service_id: ::std::option::Option<::std::string::String>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    /**A new endpoint; extra attributes are stored. `service_id` must name a service (else
400) and `publicurl` must not be empty. Empty or `null` internal and admin URLs are
dropped, and an unknown region is created. Keystone refuses (400) a URL with a `%` or a
`$(...)s` substitution other than `$(tenant_id)s`, `$(project_id)s`, `$(user_id)s`,
`$(public_bind_host)s`, `$(admin_bind_host)s`, `$(compute_host)s`, `$(admin_port)s`,
`$(public_port)s`, `$(public_endpoint)s` and `$(admin_endpoint)s`.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct EndpointCreate {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub adminurl: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub internalurl: ::std::option::Option<::std::string::String>,
        pub publicurl: EndpointCreatePublicurl,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub region: ::std::option::Option<::std::string::String>,
        pub service_id: EndpointCreateServiceId,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///`EndpointCreatePublicurl`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct EndpointCreatePublicurl(::std::string::String);
    impl ::std::ops::Deref for EndpointCreatePublicurl {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<EndpointCreatePublicurl> for ::std::string::String {
        fn from(value: EndpointCreatePublicurl) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for EndpointCreatePublicurl {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for EndpointCreatePublicurl {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for EndpointCreatePublicurl {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for EndpointCreatePublicurl {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The body of an endpoint creation.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct EndpointCreateRequest {
        pub endpoint: EndpointCreate,
    }
    ///`EndpointCreateServiceId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct EndpointCreateServiceId(::std::string::String);
    impl ::std::ops::Deref for EndpointCreateServiceId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<EndpointCreateServiceId> for ::std::string::String {
        fn from(value: EndpointCreateServiceId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for EndpointCreateServiceId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for EndpointCreateServiceId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for EndpointCreateServiceId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for EndpointCreateServiceId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    /**The endpoints of a list answer: an array (Keystone 12.0.3), or the older
`{"values": [...], "links": [...]}` object that earlier releases, other v2.0 servers and
keystoneclient's fixtures use. A client accepts both.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(untagged)]
    pub enum EndpointList {
        Array(::std::vec::Vec<Endpoint>),
        EndpointValues(EndpointValues),
    }
    impl ::std::convert::From<::std::vec::Vec<Endpoint>> for EndpointList {
        fn from(value: ::std::vec::Vec<Endpoint>) -> Self {
            Self::Array(value)
        }
    }
    impl ::std::convert::From<EndpointValues> for EndpointList {
        fn from(value: EndpointValues) -> Self {
            Self::EndpointValues(value)
        }
    }
    ///The envelope of one endpoint.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct EndpointResponse {
        pub endpoint: Endpoint,
    }
    ///The endpoints in the older `{"values": [...], "links": [...]}` form.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct EndpointValues {
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub links: ::std::vec::Vec<Link>,
        pub values: ::std::vec::Vec<Endpoint>,
    }
    ///A list of endpoints.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct EndpointsResponse {
        pub endpoints: EndpointList,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub endpoints_links: ::std::vec::Vec<Link>,
    }
    ///What went wrong.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct ErrorDetail {
        ///The HTTP status code.
        pub code: i64,
        ///Keystone's explanation.
        pub message: ::std::string::String,
        ///The HTTP reason phrase, such as `Not Found`.
        pub title: ::std::string::String,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///Keystone's error body.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct ErrorResponse {
        pub error: ErrorDetail,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///An extension.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct Extension {
        pub alias: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub links: ::std::vec::Vec<Link>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub namespace: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub updated: ::std::option::Option<::std::string::String>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///The extensions.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct ExtensionList {
        pub values: ::std::vec::Vec<Extension>,
    }
    ///The envelope of one extension.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct ExtensionResponse {
        pub extension: Extension,
    }
    ///The envelope of the extension list.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct ExtensionsResponse {
        pub extensions: ExtensionList,
    }
    ///A hyperlink.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct Link {
        pub href: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub rel: ::std::option::Option<::std::string::String>,
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<::std::string::String>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///A media type a version accepts.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct MediaType {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub base: ::std::option::Option<::std::string::String>,
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<::std::string::String>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///The current and the new password (other keys are ignored).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct OwnPassword {
        pub original_password: crate::Secret,
        pub password: crate::Secret,
    }
    /**What an own-password change answers: Keystone 12.0.3 sends a whole `Access` (a new token
for the same scope, its user, catalog and metadata); other v2.0 servers may send less,
without a token. Without a token, authenticate again with the new password.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct OwnPasswordAccess {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub metadata: ::std::option::Option<AccessMetadata>,
        #[serde(
            rename = "serviceCatalog",
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty"
        )]
        pub service_catalog: ::std::vec::Vec<CatalogService>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub token: ::std::option::Option<Token>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub trust: ::std::option::Option<Trust>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub user: ::std::option::Option<AccessUser>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///The body of an own-password change.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct OwnPasswordRequest {
        pub user: OwnPassword,
    }
    ///The answer to an own-password change.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct OwnPasswordResponse {
        pub access: OwnPasswordAccess,
    }
    /**Rackspace Cloud Identity's multi-factor second step (`RAX-AUTH:passcodeCredentials`):
the passcode, sent with the `X-SessionId` header whose value the password step's 401
gave in `WWW-Authenticate: OS-MF sessionId='<id>', factor='PASSCODE'`. Keystone does
not know them (see `Auth`).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct PasscodeCredentials {
        pub passcode: crate::Secret,
    }
    /**A user (by `username` or `userId`; with both, the `username` is looked up) and a
password. Keystone answers 400 `Expecting to find username or userId` when neither is
given or both are empty, and refuses a `username` or `userId` of more than 64
characters. Other keys are ignored.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct PasswordCredentials {
        pub password: crate::Secret,
        #[serde(
            rename = "userId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub user_id: ::std::option::Option<PasswordCredentialsUserId>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub username: ::std::option::Option<PasswordCredentialsUsername>,
    }
    ///`PasswordCredentialsUserId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct PasswordCredentialsUserId(::std::string::String);
    impl ::std::ops::Deref for PasswordCredentialsUserId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<PasswordCredentialsUserId> for ::std::string::String {
        fn from(value: PasswordCredentialsUserId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for PasswordCredentialsUserId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 64usize {
                return Err("longer than 64 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for PasswordCredentialsUserId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for PasswordCredentialsUserId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for PasswordCredentialsUserId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`PasswordCredentialsUsername`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct PasswordCredentialsUsername(::std::string::String);
    impl ::std::ops::Deref for PasswordCredentialsUsername {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<PasswordCredentialsUsername> for ::std::string::String {
        fn from(value: PasswordCredentialsUsername) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for PasswordCredentialsUsername {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 64usize {
                return Err("longer than 64 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for PasswordCredentialsUsername {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for PasswordCredentialsUsername {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for PasswordCredentialsUsername {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The CMS-signed (PEM) revocation list.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct RevokedResponse {
        pub signed: ::std::string::String,
    }
    ///A role.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct Role {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub domain_id: ::std::option::Option<::std::string::String>,
        pub id: ::std::string::String,
        pub name: ::std::string::String,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    /**A new role; extra attributes are stored. The server chooses the id: an `id` given here
is checked (1 to 64 of `a-z`, `A-Z`, `0-9` and `-`), then replaced.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct RoleCreate {
        ///A string (`null` is a 400).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<RoleCreateId>,
        ///1 to 255 characters, not all blank.
        pub name: RoleCreateName,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///`RoleCreateId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct RoleCreateId(::std::string::String);
    impl ::std::ops::Deref for RoleCreateId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<RoleCreateId> for ::std::string::String {
        fn from(value: RoleCreateId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for RoleCreateId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 64usize {
                return Err("longer than 64 characters".into());
            }
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[a-zA-Z0-9-]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[a-zA-Z0-9-]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for RoleCreateId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for RoleCreateId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for RoleCreateId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///1 to 255 characters, not all blank.
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct RoleCreateName(::std::string::String);
    impl ::std::ops::Deref for RoleCreateName {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<RoleCreateName> for ::std::string::String {
        fn from(value: RoleCreateName) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for RoleCreateName {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 255usize {
                return Err("longer than 255 characters".into());
            }
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("[\\S]+").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"[\\S]+\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for RoleCreateName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for RoleCreateName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for RoleCreateName {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The body of a role creation.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct RoleCreateRequest {
        pub role: RoleCreate,
    }
    /**The roles of a list answer: an array (Keystone 12.0.3), or the older
`{"values": [...], "links": [...]}` object that earlier releases, other v2.0 servers and
keystoneclient's fixtures use. A client accepts both.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(untagged)]
    pub enum RoleList {
        Array(::std::vec::Vec<Role>),
        RoleValues(RoleValues),
    }
    impl ::std::convert::From<::std::vec::Vec<Role>> for RoleList {
        fn from(value: ::std::vec::Vec<Role>) -> Self {
            Self::Array(value)
        }
    }
    impl ::std::convert::From<RoleValues> for RoleList {
        fn from(value: RoleValues) -> Self {
            Self::RoleValues(value)
        }
    }
    /**A role by name. Keystone sends only the `name`; Rackspace Cloud Identity adds the role's
`id`, `description` and, for a role on another tenant than the token's, its `tenantId`
(`MossoCloudFS_...` for object storage).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct RoleName {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        pub name: ::std::string::String,
        ///The tenant the role is granted on, when it is not the token's.
        #[serde(
            rename = "tenantId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub tenant_id: ::std::option::Option<::std::string::String>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///A role grant on a tenant, diablo style.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct RoleRef {
        ///`roleId=...&tenantId=...&userId=...`
        pub id: ::std::string::String,
        #[serde(rename = "roleId")]
        pub role_id: ::std::string::String,
        #[serde(rename = "tenantId")]
        pub tenant_id: ::std::string::String,
        #[serde(rename = "userId")]
        pub user_id: ::std::string::String,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///The role and the tenant.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct RoleRefCreate {
        #[serde(rename = "roleId")]
        pub role_id: ::std::string::String,
        #[serde(rename = "tenantId")]
        pub tenant_id: ::std::string::String,
    }
    ///The body of a roleRef creation.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct RoleRefCreateRequest {
        pub role: RoleRefCreate,
    }
    ///A user's role grants.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct RoleRefsResponse {
        pub roles: ::std::vec::Vec<RoleRef>,
    }
    ///The envelope of one role.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct RoleResponse {
        pub role: Role,
    }
    ///The roles in the older `{"values": [...], "links": [...]}` form.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct RoleValues {
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub links: ::std::vec::Vec<Link>,
        pub values: ::std::vec::Vec<Role>,
    }
    ///A list of roles.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct RolesResponse {
        pub roles: RoleList,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub roles_links: ::std::vec::Vec<Link>,
    }
    ///A signed S3 request.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct S3Signature {
        ///The access key.
        pub access: ::std::string::String,
        ///The signature.
        pub signature: ::std::string::String,
        /**The base64 (URL-safe or standard, padded) of the string to sign. Keystone decodes it
before checking the signature and fails with a 500 on anything else (a bad padding,
a non-ASCII character).
*/
        pub token: S3SignatureToken,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    /**The base64 (URL-safe or standard, padded) of the string to sign. Keystone decodes it
before checking the signature and fails with a 500 on anything else (a bad padding,
a non-ASCII character).
*/
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct S3SignatureToken(::std::string::String);
    impl ::std::ops::Deref for S3SignatureToken {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<S3SignatureToken> for ::std::string::String {
        fn from(value: S3SignatureToken) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for S3SignatureToken {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            {
                ::regress::Regex::new(
                        "^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}==|[A-Za-z0-9+/_-]{3}=)?$",
                    )
                    .unwrap()
            });
            if PATTERN.find(value).is_none() {
                return Err(
                    "doesn't match pattern \"^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}==|[A-Za-z0-9+/_-]{3}=)?$\""
                        .into(),
                );
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for S3SignatureToken {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for S3SignatureToken {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for S3SignatureToken {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///A v3 token body.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct S3TokenResponse {
        pub token: V3Token,
    }
    /**The body of `POST /v2.0/s3tokens`: the signed request under `credentials`, or under the
older `ec2Credentials`, which Keystone reads when `credentials` is absent.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct S3TokensRequest {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub credentials: ::std::option::Option<S3Signature>,
        #[serde(
            rename = "ec2Credentials",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub ec2_credentials: ::std::option::Option<S3Signature>,
    }
    ///A service.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct Service {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub enabled: ::std::option::Option<bool>,
        pub id: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        #[serde(rename = "type")]
        pub type_: ::std::string::String,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///A new service; extra attributes are stored. The server chooses the id.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct ServiceCreate {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub enabled: ::std::option::Option<bool>,
        ///1 to 255 characters, not all blank (leave it out for no name).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<ServiceCreateName>,
        #[serde(rename = "type")]
        pub type_: ServiceCreateType,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///1 to 255 characters, not all blank (leave it out for no name).
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct ServiceCreateName(::std::string::String);
    impl ::std::ops::Deref for ServiceCreateName {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<ServiceCreateName> for ::std::string::String {
        fn from(value: ServiceCreateName) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for ServiceCreateName {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 255usize {
                return Err("longer than 255 characters".into());
            }
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("[\\S]+").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"[\\S]+\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for ServiceCreateName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ServiceCreateName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for ServiceCreateName {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The body of a service creation.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct ServiceCreateRequest {
        #[serde(rename = "OS-KSADM:service")]
        pub os_ksadm_service: ServiceCreate,
    }
    ///`ServiceCreateType`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct ServiceCreateType(::std::string::String);
    impl ::std::ops::Deref for ServiceCreateType {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<ServiceCreateType> for ::std::string::String {
        fn from(value: ServiceCreateType) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for ServiceCreateType {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 255usize {
                return Err("longer than 255 characters".into());
            }
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for ServiceCreateType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for ServiceCreateType {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for ServiceCreateType {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    /**The services of a list answer: an array (Keystone 12.0.3), or the older
`{"values": [...], "links": [...]}` object that earlier releases, other v2.0 servers and
keystoneclient's fixtures use. A client accepts both.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(untagged)]
    pub enum ServiceList {
        Array(::std::vec::Vec<Service>),
        ServiceValues(ServiceValues),
    }
    impl ::std::convert::From<::std::vec::Vec<Service>> for ServiceList {
        fn from(value: ::std::vec::Vec<Service>) -> Self {
            Self::Array(value)
        }
    }
    impl ::std::convert::From<ServiceValues> for ServiceList {
        fn from(value: ServiceValues) -> Self {
            Self::ServiceValues(value)
        }
    }
    ///The envelope of one service.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct ServiceResponse {
        #[serde(rename = "OS-KSADM:service")]
        pub os_ksadm_service: Service,
    }
    ///The services in the older `{"values": [...], "links": [...]}` form.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct ServiceValues {
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub links: ::std::vec::Vec<Link>,
        pub values: ::std::vec::Vec<Service>,
    }
    ///A list of services.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct ServicesResponse {
        #[serde(rename = "OS-KSADM:services")]
        pub os_ksadm_services: ServiceList,
        #[serde(
            rename = "OS-KSADM:services_links",
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty"
        )]
        pub os_ksadm_services_links: ::std::vec::Vec<Link>,
    }
    ///A tenant (a project of the default domain).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct Tenant {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub enabled: ::std::option::Option<bool>,
        pub id: ::std::string::String,
        pub name: ::std::string::String,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    /**A new tenant; extra attributes are stored. Keystone refuses an `is_domain` key. An
`id` of `null` makes Keystone 12.0.3 fail with a 500: leave the `id` out instead.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct TenantCreate {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub enabled: ::std::option::Option<bool>,
        ///Optional client-chosen id (1 to 64 of `a-z`, `A-Z`, `0-9` and `-`).
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<TenantCreateId>,
        ///1 to 64 characters, not all blank.
        pub name: TenantCreateName,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///Optional client-chosen id (1 to 64 of `a-z`, `A-Z`, `0-9` and `-`).
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct TenantCreateId(::std::string::String);
    impl ::std::ops::Deref for TenantCreateId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<TenantCreateId> for ::std::string::String {
        fn from(value: TenantCreateId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for TenantCreateId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 64usize {
                return Err("longer than 64 characters".into());
            }
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[a-zA-Z0-9-]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[a-zA-Z0-9-]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for TenantCreateId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for TenantCreateId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for TenantCreateId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///1 to 64 characters, not all blank.
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct TenantCreateName(::std::string::String);
    impl ::std::ops::Deref for TenantCreateName {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<TenantCreateName> for ::std::string::String {
        fn from(value: TenantCreateName) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for TenantCreateName {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 64usize {
                return Err("longer than 64 characters".into());
            }
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("[\\S]+").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"[\\S]+\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for TenantCreateName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for TenantCreateName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for TenantCreateName {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The body of a tenant creation.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct TenantCreateRequest {
        pub tenant: TenantCreate,
    }
    /**The tenants of a list answer: an array (Keystone 12.0.3), or the older
`{"values": [...], "links": [...]}` object that earlier releases, other v2.0 servers and
keystoneclient's fixtures use. A client accepts both.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(untagged)]
    pub enum TenantList {
        Array(::std::vec::Vec<Tenant>),
        TenantValues(TenantValues),
    }
    impl ::std::convert::From<::std::vec::Vec<Tenant>> for TenantList {
        fn from(value: ::std::vec::Vec<Tenant>) -> Self {
            Self::Array(value)
        }
    }
    impl ::std::convert::From<TenantValues> for TenantList {
        fn from(value: TenantValues) -> Self {
            Self::TenantValues(value)
        }
    }
    ///The envelope of one tenant.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct TenantResponse {
        pub tenant: Tenant,
    }
    /**The attributes to change: at least one (an empty object is a 400). Keystone refuses an
`is_domain` or `domain_id` key. `id` is tolerated (keystoneclient sends it) and ignored.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct TenantUpdate {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub enabled: ::std::option::Option<bool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<TenantUpdateId>,
        ///1 to 64 characters, not all blank.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<TenantUpdateName>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///`TenantUpdateId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct TenantUpdateId(::std::string::String);
    impl ::std::ops::Deref for TenantUpdateId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<TenantUpdateId> for ::std::string::String {
        fn from(value: TenantUpdateId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for TenantUpdateId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 64usize {
                return Err("longer than 64 characters".into());
            }
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[a-zA-Z0-9-]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[a-zA-Z0-9-]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for TenantUpdateId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for TenantUpdateId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for TenantUpdateId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///1 to 64 characters, not all blank.
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct TenantUpdateName(::std::string::String);
    impl ::std::ops::Deref for TenantUpdateName {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<TenantUpdateName> for ::std::string::String {
        fn from(value: TenantUpdateName) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for TenantUpdateName {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 64usize {
                return Err("longer than 64 characters".into());
            }
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("[\\S]+").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"[\\S]+\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for TenantUpdateName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for TenantUpdateName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for TenantUpdateName {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The body of a tenant update.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct TenantUpdateRequest {
        pub tenant: TenantUpdate,
    }
    ///The tenants in the older `{"values": [...], "links": [...]}` form.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct TenantValues {
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub links: ::std::vec::Vec<Link>,
        pub values: ::std::vec::Vec<Tenant>,
    }
    ///A page of tenants, or a single tenant (admin API with `name`).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(untagged)]
    pub enum TenantsOrTenant {
        TenantsResponse(TenantsResponse),
        TenantResponse(TenantResponse),
    }
    impl ::std::convert::From<TenantsResponse> for TenantsOrTenant {
        fn from(value: TenantsResponse) -> Self {
            Self::TenantsResponse(value)
        }
    }
    impl ::std::convert::From<TenantResponse> for TenantsOrTenant {
        fn from(value: TenantResponse) -> Self {
            Self::TenantResponse(value)
        }
    }
    ///A page of tenants.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct TenantsResponse {
        pub tenants: TenantList,
        ///Always empty.
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub tenants_links: ::std::vec::Vec<Link>,
    }
    ///A token.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct Token {
        /**The token's audit id, and the audit id of the chain it was rescoped from. Some
servers put `null` in the list; a client skips those.
*/
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub audit_ids: ::std::vec::Vec<::std::option::Option<::std::string::String>>,
        ///Token binding information.
        #[serde(default, skip_serializing_if = "::serde_json::Map::is_empty")]
        pub bind: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        /**When the token expires (see the time formats above: `2015-06-05T16:24:57.637Z` and
`2014-01-09T15:08:53.645-06:00` are the same kind of value; compare as instants).
*/
        pub expires: ::std::string::String,
        pub id: crate::Secret,
        ///When the token was issued.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub issued_at: ::std::option::Option<::std::string::String>,
        /**Rackspace Cloud Identity: how the user proved who they are, such as `["APIKEY"]`,
`["PASSWORD"]` or `["PASSCODE", "PASSWORD"]` after a multi-factor login.
*/
        #[serde(
            rename = "RAX-AUTH:authenticatedBy",
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty"
        )]
        pub rax_auth_authenticated_by: ::std::vec::Vec<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub tenant: ::std::option::Option<TokenTenant>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///An existing token (a 400 without its `id`).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct TokenCredentials {
        pub id: crate::Secret,
    }
    /**One endpoint of a token's catalog. Keystone copies each member from the catalog and
sends `null` for what the endpoint lacks (an `internalURL` or `adminURL` that was never
set, a service without a name).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct TokenEndpoint {
        #[serde(
            rename = "adminURL",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub admin_url: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub id: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "internalURL",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub internal_url: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        #[serde(
            rename = "publicURL",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub public_url: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub region: ::std::option::Option<::std::string::String>,
        #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
        pub type_: ::std::option::Option<::std::string::String>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///The token's endpoints (older releases answered `{}` for an unscoped token).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        Default,
        schemars::JsonSchema
    )]
    pub struct TokenEndpointsResponse {
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub endpoints: ::std::vec::Vec<TokenEndpoint>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub endpoints_links: ::std::vec::Vec<Link>,
    }
    /**The tenant a token is scoped to. Keystone 12.0.3 sends `id`, `name`, `description` and
`enabled`; older releases and other v2.0 servers may send only the `id`.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct TokenTenant {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub enabled: ::std::option::Option<bool>,
        pub id: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<::std::string::String>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///The trust a token is scoped to.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct Trust {
        pub id: ::std::string::String,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub impersonation: ::std::option::Option<bool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub trustee_user_id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub trustor_user_id: ::std::option::Option<::std::string::String>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///A user.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct User {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub email: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub enabled: ::std::option::Option<bool>,
        pub id: ::std::string::String,
        pub name: ::std::string::String,
        #[serde(default, skip_serializing_if = "::serde_json::Map::is_empty")]
        pub options: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        ///The default tenant.
        #[serde(
            rename = "tenantId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub tenant_id: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub username: ::std::option::Option<::std::string::String>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    /**A new user; extra attributes are stored. `name` or its alias `username` is required
(with both, `username` is stored as an extra attribute).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct UserCreate {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub email: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub enabled: ::std::option::Option<bool>,
        ///Not empty, not all blank.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<UserCreateName>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub password: ::std::option::Option<crate::Secret>,
        ///Default tenant; the user gets the member role on it.
        #[serde(
            rename = "tenantId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub tenant_id: ::std::option::Option<UserCreateTenantId>,
        ///Alias of `name`, used when `name` is absent.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub username: ::std::option::Option<UserCreateUsername>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///Not empty, not all blank.
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct UserCreateName(::std::string::String);
    impl ::std::ops::Deref for UserCreateName {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<UserCreateName> for ::std::string::String {
        fn from(value: UserCreateName) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for UserCreateName {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("[\\S]+").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"[\\S]+\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for UserCreateName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for UserCreateName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for UserCreateName {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The body of a user creation.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct UserCreateRequest {
        pub user: UserCreate,
    }
    ///Default tenant; the user gets the member role on it.
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct UserCreateTenantId(::std::string::String);
    impl ::std::ops::Deref for UserCreateTenantId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<UserCreateTenantId> for ::std::string::String {
        fn from(value: UserCreateTenantId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for UserCreateTenantId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 64usize {
                return Err("longer than 64 characters".into());
            }
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[a-zA-Z0-9-]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[a-zA-Z0-9-]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for UserCreateTenantId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for UserCreateTenantId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for UserCreateTenantId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///Alias of `name`, used when `name` is absent.
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct UserCreateUsername(::std::string::String);
    impl ::std::ops::Deref for UserCreateUsername {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<UserCreateUsername> for ::std::string::String {
        fn from(value: UserCreateUsername) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for UserCreateUsername {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("[\\S]+").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"[\\S]+\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for UserCreateUsername {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for UserCreateUsername {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for UserCreateUsername {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    /**The new state (required, a boolean). Keystone runs the user update on this object, so
other attributes are applied too, with the same rules (a `name` another user has is a
409).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct UserEnabled {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub email: ::std::option::Option<::std::string::String>,
        pub enabled: bool,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<UserEnabledName>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub password: ::std::option::Option<crate::Secret>,
        #[serde(
            rename = "tenantId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub tenant_id: ::std::option::Option<UserEnabledTenantId>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub username: ::std::option::Option<UserEnabledUsername>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///`UserEnabledName`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct UserEnabledName(::std::string::String);
    impl ::std::ops::Deref for UserEnabledName {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<UserEnabledName> for ::std::string::String {
        fn from(value: UserEnabledName) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for UserEnabledName {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("[\\S]+").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"[\\S]+\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for UserEnabledName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for UserEnabledName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for UserEnabledName {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The body of an enable/disable.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct UserEnabledRequest {
        pub user: UserEnabled,
    }
    ///`UserEnabledTenantId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct UserEnabledTenantId(::std::string::String);
    impl ::std::ops::Deref for UserEnabledTenantId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<UserEnabledTenantId> for ::std::string::String {
        fn from(value: UserEnabledTenantId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for UserEnabledTenantId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 64usize {
                return Err("longer than 64 characters".into());
            }
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[a-zA-Z0-9-]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[a-zA-Z0-9-]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for UserEnabledTenantId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for UserEnabledTenantId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for UserEnabledTenantId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`UserEnabledUsername`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct UserEnabledUsername(::std::string::String);
    impl ::std::ops::Deref for UserEnabledUsername {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<UserEnabledUsername> for ::std::string::String {
        fn from(value: UserEnabledUsername) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for UserEnabledUsername {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("[\\S]+").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"[\\S]+\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for UserEnabledUsername {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for UserEnabledUsername {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for UserEnabledUsername {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    /**The users of a list answer: an array (Keystone 12.0.3), or the older
`{"values": [...], "links": [...]}` object that earlier releases, other v2.0 servers and
keystoneclient's fixtures use. A client accepts both.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(untagged)]
    pub enum UserList {
        Array(::std::vec::Vec<User>),
        UserValues(UserValues),
    }
    impl ::std::convert::From<::std::vec::Vec<User>> for UserList {
        fn from(value: ::std::vec::Vec<User>) -> Self {
            Self::Array(value)
        }
    }
    impl ::std::convert::From<UserValues> for UserList {
        fn from(value: UserValues) -> Self {
            Self::UserValues(value)
        }
    }
    /**The new password, as `password` or its OS-KSADM alias `OS-KSADM:password`. Keystone runs
the user update on this object, so other attributes are applied too, with the same
rules (a `name` another user has is a 409), and `{}` changes nothing and answers 200.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct UserPassword {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub email: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub enabled: ::std::option::Option<bool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<UserPasswordName>,
        #[serde(
            rename = "OS-KSADM:password",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub os_ksadm_password: ::std::option::Option<crate::Secret>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub password: ::std::option::Option<crate::Secret>,
        #[serde(
            rename = "tenantId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub tenant_id: ::std::option::Option<UserPasswordTenantId>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub username: ::std::option::Option<UserPasswordUsername>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///`UserPasswordName`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct UserPasswordName(::std::string::String);
    impl ::std::ops::Deref for UserPasswordName {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<UserPasswordName> for ::std::string::String {
        fn from(value: UserPasswordName) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for UserPasswordName {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("[\\S]+").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"[\\S]+\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for UserPasswordName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for UserPasswordName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for UserPasswordName {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The body of a password change.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct UserPasswordRequest {
        pub user: UserPassword,
    }
    ///`UserPasswordTenantId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct UserPasswordTenantId(::std::string::String);
    impl ::std::ops::Deref for UserPasswordTenantId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<UserPasswordTenantId> for ::std::string::String {
        fn from(value: UserPasswordTenantId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for UserPasswordTenantId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 64usize {
                return Err("longer than 64 characters".into());
            }
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[a-zA-Z0-9-]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[a-zA-Z0-9-]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for UserPasswordTenantId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for UserPasswordTenantId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for UserPasswordTenantId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`UserPasswordUsername`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct UserPasswordUsername(::std::string::String);
    impl ::std::ops::Deref for UserPasswordUsername {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<UserPasswordUsername> for ::std::string::String {
        fn from(value: UserPasswordUsername) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for UserPasswordUsername {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("[\\S]+").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"[\\S]+\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for UserPasswordUsername {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for UserPasswordUsername {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for UserPasswordUsername {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The envelope of one user.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct UserResponse {
        pub user: User,
    }
    /**The new default tenant. Keystone runs the user update on this object, so other
attributes are applied too, with the same rules (a `name` another user has is a 409),
and `{}` changes nothing and answers 200.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct UserTenant {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub email: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub enabled: ::std::option::Option<bool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<UserTenantName>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub password: ::std::option::Option<crate::Secret>,
        #[serde(
            rename = "tenantId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub tenant_id: ::std::option::Option<UserTenantTenantId>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub username: ::std::option::Option<UserTenantUsername>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///`UserTenantName`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct UserTenantName(::std::string::String);
    impl ::std::ops::Deref for UserTenantName {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<UserTenantName> for ::std::string::String {
        fn from(value: UserTenantName) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for UserTenantName {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("[\\S]+").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"[\\S]+\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for UserTenantName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for UserTenantName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for UserTenantName {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The body of a default tenant change.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct UserTenantRequest {
        pub user: UserTenant,
    }
    ///`UserTenantTenantId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct UserTenantTenantId(::std::string::String);
    impl ::std::ops::Deref for UserTenantTenantId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<UserTenantTenantId> for ::std::string::String {
        fn from(value: UserTenantTenantId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for UserTenantTenantId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 64usize {
                return Err("longer than 64 characters".into());
            }
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[a-zA-Z0-9-]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[a-zA-Z0-9-]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for UserTenantTenantId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for UserTenantTenantId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for UserTenantTenantId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`UserTenantUsername`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct UserTenantUsername(::std::string::String);
    impl ::std::ops::Deref for UserTenantUsername {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<UserTenantUsername> for ::std::string::String {
        fn from(value: UserTenantUsername) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for UserTenantUsername {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("[\\S]+").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"[\\S]+\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for UserTenantUsername {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for UserTenantUsername {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for UserTenantUsername {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    /**The attributes to change (`{}` changes nothing and answers 200); extra attributes are
stored.
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct UserUpdate {
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub description: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub email: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub enabled: ::std::option::Option<bool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub name: ::std::option::Option<UserUpdateName>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub password: ::std::option::Option<crate::Secret>,
        #[serde(
            rename = "tenantId",
            skip_serializing_if = "::std::option::Option::is_none"
        )]
        pub tenant_id: ::std::option::Option<UserUpdateTenantId>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub username: ::std::option::Option<UserUpdateUsername>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///`UserUpdateName`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct UserUpdateName(::std::string::String);
    impl ::std::ops::Deref for UserUpdateName {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<UserUpdateName> for ::std::string::String {
        fn from(value: UserUpdateName) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for UserUpdateName {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("[\\S]+").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"[\\S]+\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for UserUpdateName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for UserUpdateName {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for UserUpdateName {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The body of a user update.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(deny_unknown_fields)]
    pub struct UserUpdateRequest {
        pub user: UserUpdate,
    }
    ///`UserUpdateTenantId`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct UserUpdateTenantId(::std::string::String);
    impl ::std::ops::Deref for UserUpdateTenantId {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<UserUpdateTenantId> for ::std::string::String {
        fn from(value: UserUpdateTenantId) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for UserUpdateTenantId {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() > 64usize {
                return Err("longer than 64 characters".into());
            }
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("^[a-zA-Z0-9-]+$").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"^[a-zA-Z0-9-]+$\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for UserUpdateTenantId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for UserUpdateTenantId {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for UserUpdateTenantId {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///`UserUpdateUsername`
    #[derive(
        ::serde::Serialize,
        Clone,
        Debug,
        Eq,
        Hash,
        Ord,
        PartialEq,
        PartialOrd,
        schemars::JsonSchema
    )]
    #[serde(transparent)]
    pub struct UserUpdateUsername(::std::string::String);
    impl ::std::ops::Deref for UserUpdateUsername {
        type Target = ::std::string::String;
        fn deref(&self) -> &::std::string::String {
            &self.0
        }
    }
    impl ::std::convert::From<UserUpdateUsername> for ::std::string::String {
        fn from(value: UserUpdateUsername) -> Self {
            value.0
        }
    }
    impl ::std::str::FromStr for UserUpdateUsername {
        type Err = self::error::ConversionError;
        fn from_str(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            if value.chars().count() < 1usize {
                return Err("shorter than 1 characters".into());
            }
            static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(||
            { ::regress::Regex::new("[\\S]+").unwrap() });
            if PATTERN.find(value).is_none() {
                return Err("doesn't match pattern \"[\\S]+\"".into());
            }
            Ok(Self(value.to_string()))
        }
    }
    impl ::std::convert::TryFrom<&str> for UserUpdateUsername {
        type Error = self::error::ConversionError;
        fn try_from(
            value: &str,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl ::std::convert::TryFrom<::std::string::String> for UserUpdateUsername {
        type Error = self::error::ConversionError;
        fn try_from(
            value: ::std::string::String,
        ) -> ::std::result::Result<Self, self::error::ConversionError> {
            value.parse()
        }
    }
    impl<'de> ::serde::Deserialize<'de> for UserUpdateUsername {
        fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
        where
            D: ::serde::Deserializer<'de>,
        {
            ::std::string::String::deserialize(deserializer)?
                .parse()
                .map_err(|e: self::error::ConversionError| {
                    <D::Error as ::serde::de::Error>::custom(e.to_string())
                })
        }
    }
    ///The users in the older `{"values": [...], "links": [...]}` form.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct UserValues {
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub links: ::std::vec::Vec<Link>,
        pub values: ::std::vec::Vec<User>,
    }
    ///The users, or a single user (with `name`).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(untagged)]
    pub enum UsersOrUser {
        UsersResponse(UsersResponse),
        UserResponse(UserResponse),
    }
    impl ::std::convert::From<UsersResponse> for UsersOrUser {
        fn from(value: UsersResponse) -> Self {
            Self::UsersResponse(value)
        }
    }
    impl ::std::convert::From<UserResponse> for UsersOrUser {
        fn from(value: UserResponse) -> Self {
            Self::UserResponse(value)
        }
    }
    ///A list of users.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct UsersResponse {
        pub users: UserList,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub users_links: ::std::vec::Vec<Link>,
    }
    ///Identity v3 token data.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct V3Token {
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub audit_ids: ::std::vec::Vec<::std::string::String>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub catalog: ::std::vec::Vec<
            ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        >,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub expires_at: ::std::option::Option<::std::string::String>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub is_domain: ::std::option::Option<bool>,
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub issued_at: ::std::option::Option<::std::string::String>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub methods: ::std::vec::Vec<::std::string::String>,
        #[serde(default, skip_serializing_if = "::serde_json::Map::is_empty")]
        pub project: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub roles: ::std::vec::Vec<
            ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        >,
        #[serde(default, skip_serializing_if = "::serde_json::Map::is_empty")]
        pub user: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///An API version.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct Version {
        ///Such as `v2.0` or `v3.8`.
        pub id: ::std::string::String,
        #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
        pub links: ::std::vec::Vec<Link>,
        #[serde(
            rename = "media-types",
            default,
            skip_serializing_if = "::std::vec::Vec::is_empty"
        )]
        pub media_types: ::std::vec::Vec<MediaType>,
        ///`stable`, `deprecated`, ... (Keystone 12.0.3: v2.0 is `deprecated`).
        pub status: ::std::string::String,
        ///When the version last changed.
        #[serde(skip_serializing_if = "::std::option::Option::is_none")]
        pub updated: ::std::option::Option<::std::string::String>,
        #[serde(flatten)]
        pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
    }
    ///The versions.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct VersionList {
        pub values: ::std::vec::Vec<Version>,
    }
    ///The envelope of a version document.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct VersionResponse {
        pub version: Version,
    }
    /**The versions: `{"values": [...]}` (Keystone), or a plain array (other servers).
*/
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(untagged)]
    pub enum Versions {
        VersionList(VersionList),
        Array(::std::vec::Vec<Version>),
    }
    impl ::std::convert::From<VersionList> for Versions {
        fn from(value: VersionList) -> Self {
            Self::VersionList(value)
        }
    }
    impl ::std::convert::From<::std::vec::Vec<Version>> for Versions {
        fn from(value: ::std::vec::Vec<Version>) -> Self {
            Self::Array(value)
        }
    }
    ///The version list, or a single version document (other servers).
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    #[serde(untagged)]
    pub enum VersionsOrVersion {
        VersionsResponse(VersionsResponse),
        VersionResponse(VersionResponse),
    }
    impl ::std::convert::From<VersionsResponse> for VersionsOrVersion {
        fn from(value: VersionsResponse) -> Self {
            Self::VersionsResponse(value)
        }
    }
    impl ::std::convert::From<VersionResponse> for VersionsOrVersion {
        fn from(value: VersionResponse) -> Self {
            Self::VersionResponse(value)
        }
    }
    ///The envelope of the version list.
    #[derive(
        ::serde::Deserialize,
        ::serde::Serialize,
        Clone,
        Debug,
        schemars::JsonSchema
    )]
    pub struct VersionsResponse {
        pub versions: Versions,
    }
    /// Error types.
    pub mod error {
        /// Error from a `TryFrom` or `FromStr` implementation.
        pub struct ConversionError(::std::borrow::Cow<'static, str>);
        impl ::std::error::Error for ConversionError {}
        impl ::std::fmt::Display for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }
        impl ::std::fmt::Debug for ConversionError {
            fn fmt(
                &self,
                f: &mut ::std::fmt::Formatter<'_>,
            ) -> Result<(), ::std::fmt::Error> {
                ::std::fmt::Debug::fmt(&self.0, f)
            }
        }
        impl From<&'static str> for ConversionError {
            fn from(value: &'static str) -> Self {
                Self(value.into())
            }
        }
        impl From<String> for ConversionError {
            fn from(value: String) -> Self {
                Self(value.into())
            }
        }
    }
}
#[derive(Clone, Debug)]
/**Client for OpenStack Identity (Keystone) API v2.0

The whole Identity v2.0 API exactly as OpenStack Keystone 12.0.3 (Pike) serves it: the
public API (port 5000), the admin API (port 35357) and the OS-KSADM, OS-EC2 and OS-KSCRUD
extensions, plus ec2tokens, s3tokens and the version documents.

Conventions of this document:

* Paths are relative to the server root; every v2.0 path starts with `/v2.0`. A service
  catalog's identity URL (`http://host:35357/v2.0`) is therefore the server root plus `/v2.0`.
* Two APIs on two base URLs: the public API (port 5000) and the admin API (port 35357). An
  operation only one of them serves has an operation-level `servers` entry naming that API;
  the others are served by both (the top-level `servers`, public first). `x-keystone-api`
  lists the same, `public`, `admin` or both, for tools that read extensions. The same path
  can be served by both with different semantics (`GET /v2.0/tenants`); the operation's
  description says so.
* Status codes are the ones Keystone 12.0.3 really returns (creates answer 200, not 201;
  `HEAD /v2.0/tokens/{token_id}` answers 200), taken from captures of a live server.
* What older releases, other v2.0 servers and proxies answer instead is declared beside it,
  so a client decodes the whole v2.0 family: a `204` without a body next to the `200` of a
  role grant, lists as an array or a `{"values": [...], "links": [...]}` object, a token
  tenant with only its `id`, `null` audit ids, an own-password answer without a token.
* Responses are tolerant: resources keep unknown fields (`additionalProperties: {}`), as
  Keystone returns extra attributes stored with a resource. Requests are as strict as
  Keystone's own validation: an unknown top-level key is a 400 (`got an unexpected keyword
  argument`), so request envelopes have `additionalProperties: false`; the lengths, patterns
  and combinations Keystone checks are in the request schemas, and `not` states what
  Keystone refuses (neither or both of two keys, a forbidden key). The resources inside an
  envelope take extra attributes, which Keystone stores.
* Times are strings: Keystone has used `2026-11-29T04:31:19.000000Z`, `2014-01-31T17:09:57Z`,
  `2014-01-30T17:09:57.647795` (no zone, UTC) and `2010-11-01T03:32:15-05:00`; Rackspace
  Cloud Identity sends milliseconds, in UTC or with an offset
  (`2015-06-05T16:24:57.637Z`, `2014-01-09T15:08:53.645-06:00`). Compare them as instants,
  never as strings.
* Other v2.0 servers' answers are decoded too. Rackspace Cloud Identity adds `RAX-AUTH:*`
  members (typed here where a client uses them: the user's `RAX-AUTH:defaultRegion`, the
  token's `RAX-AUTH:authenticatedBy`), a `tenantId` on roles and endpoints, `versionId`,
  `versionInfo` and `versionList` on endpoints, and lists global services (cloudDNS,
  cloudMonitoring) with endpoints without a `region`; endpoints may lack `adminURL` and
  `id`, and two services may share a type (`compute`: cloudServersOpenStack and
  cloudServers), told apart by name.
* Secrets (passwords, token ids, EC2 secret keys, other servers' API keys, secret keys and
  passcodes) are strings with `format: password` and `x-keystone-secret: true` (the
  `Secret` schema and its variants), so code generated from this document can keep them
  out of logs. Path parameters carrying a token id are marked
  `x-keystone-secret: true`.
* Errors have the body `{"error": {"code", "title", "message"}}`. A `500` is declared where
  Keystone 12.0.3 answers one to a request this document accepts (the operation's
  description says when).

Choosing the base URL, in any language. Generators that read operation-level `servers`
(openapi-generator, for example) send admin-only operations to the admin entry. Those that
take one base URL per client (openapi-python-client, openapi-fetch) need one client per API.
Either way, take the URLs from the service catalog, as keystoneclient does:

1. Authenticate with `POST /v2.0/tokens` on the public API, whose URL the user gives
   (`OS_AUTH_URL`, such as `http://keystone.example.com:5000/v2.0`), scoped to a tenant.
2. In the answer's `access.serviceCatalog`, find the service of type `identity` and its
   endpoint in the user's region: `adminURL` is the admin API, `publicURL` the public API.
   An unscoped token has an empty catalog: only public operations are open to it.
3. Remove the trailing `/v2.0` from those URLs: this document's paths start with `/v2.0`,
   so a base URL is a server root (`http://keystone.example.com:35357`). A deployment
   behind a path prefix (`https://cloud.example.com/identity-admin/v2.0`) keeps the prefix.
4. Send public operations to the public base URL, admin operations to the admin one, with
   the token in `X-Auth-Token`. An operation both APIs serve works on either.

With the static admin token (`[DEFAULT] admin_token`, no catalog), configure the admin URL.


Version: 2.0*/
pub struct Client {
    pub(crate) baseurl: String,
    pub(crate) client: reqwest::Client,
    pub(crate) inner: crate::engine::Hooks,
}
impl Client {
    /// Create a new client.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new(baseurl: &str, inner: crate::engine::Hooks) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let client = {
            let dur = ::std::time::Duration::from_secs(15u64);
            reqwest::ClientBuilder::new().connect_timeout(dur).timeout(dur)
        };
        #[cfg(target_arch = "wasm32")]
        let client = reqwest::ClientBuilder::new();
        Self::new_with_client(baseurl, client.build().unwrap(), inner)
    }
    /// Construct a new client with an existing `reqwest::Client`,
    /// allowing more control over its configuration.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new_with_client(
        baseurl: &str,
        client: reqwest::Client,
        inner: crate::engine::Hooks,
    ) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
            inner,
        }
    }
}
impl ClientInfo<crate::engine::Hooks> for Client {
    fn api_version() -> &'static str {
        "2.0"
    }
    fn baseurl(&self) -> &str {
        self.baseurl.as_str()
    }
    fn client(&self) -> &reqwest::Client {
        &self.client
    }
    fn inner(&self) -> &crate::engine::Hooks {
        &self.inner
    }
}
const _: () = {
    #[allow(dead_code)]
    fn assert_client_hooks()
    where
        Client: ClientHooks<crate::engine::Hooks>,
    {}
};
#[allow(clippy::all)]
impl Client {
    /**List the API versions the server offers

Version discovery at the server root (not under `/v2.0`). Keystone answers
**300 Multiple Choices** with one entry per version (v2.0 and v3); the list order is
unspecified. Other servers answer a plain `versions` list, or a single `version`
object (as keystoneauth's discovery accepts). A v2.0 entry may be `deprecated`
(Keystone 12.0.3): a client that needs v2.0 takes it whatever its status.


Sends a `GET` request to `/`

*/
    pub async fn versions_list<'a>(
        &'a self,
    ) -> Result<ResponseValue<ByteStream>, Error<()>> {
        let url = format!("{}/", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self.client.get(url).build()?;
        let info = OperationInfo {
            operation_id: "versions_list",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200..=299 => Ok(ResponseValue::stream(response)),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Describe the v2.0 API

The v2.0 version document. Keystone 12.0.3 reports it as `deprecated`.

Sends a `GET` request to `/v2.0`

*/
    pub async fn version_get<'a>(
        &'a self,
    ) -> Result<ResponseValue<types::VersionResponse>, Error<()>> {
        let url = format!("{}/v2.0", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "version_get",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**List roles

Every role (`name` filters are not implemented by Keystone).

Sends a `GET` request to `/v2.0/OS-KSADM/roles`

*/
    pub async fn roles_list<'a>(
        &'a self,
    ) -> Result<ResponseValue<types::RolesResponse>, Error<types::ErrorResponse>> {
        let url = format!("{}/v2.0/OS-KSADM/roles", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "roles_list",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Create a role

`name` is required (1-255 characters). 409 when the name is taken. Answers 200.

Sends a `POST` request to `/v2.0/OS-KSADM/roles`

*/
    pub async fn roles_create<'a>(
        &'a self,
        body: &'a types::RoleCreateRequest,
    ) -> Result<ResponseValue<types::RoleResponse>, Error<types::ErrorResponse>> {
        let url = format!("{}/v2.0/OS-KSADM/roles", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "roles_create",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            409u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Show a role (by id only)

Admin only. Looks a role up by id; a name is not accepted (404).

Sends a `GET` request to `/v2.0/OS-KSADM/roles/{role_id}`

Arguments:
- `role_id`: The role's id.
*/
    pub async fn roles_get<'a>(
        &'a self,
        role_id: &'a str,
    ) -> Result<ResponseValue<types::RoleResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/OS-KSADM/roles/{}", self.baseurl, encode_segment(& role_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "roles_get",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Delete a role

Admin only. Deletes the role and its grants; answers 204.

Sends a `DELETE` request to `/v2.0/OS-KSADM/roles/{role_id}`

Arguments:
- `role_id`: The role's id.
*/
    pub async fn roles_delete<'a>(
        &'a self,
        role_id: &'a str,
    ) -> Result<ResponseValue<()>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/OS-KSADM/roles/{}", self.baseurl, encode_segment(& role_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .delete(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "roles_delete",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            204u16 => Ok(crate::engine::empty(response)),
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**List services

Admin only. Every service of the catalog, under the `OS-KSADM:services` key.

Sends a `GET` request to `/v2.0/OS-KSADM/services`

*/
    pub async fn services_list<'a>(
        &'a self,
    ) -> Result<ResponseValue<types::ServicesResponse>, Error<types::ErrorResponse>> {
        let url = format!("{}/v2.0/OS-KSADM/services", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "services_list",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Create a service

`type` is required. The server chooses the id. Answers 200.

Sends a `POST` request to `/v2.0/OS-KSADM/services`

*/
    pub async fn services_create<'a>(
        &'a self,
        body: &'a types::ServiceCreateRequest,
    ) -> Result<ResponseValue<types::ServiceResponse>, Error<types::ErrorResponse>> {
        let url = format!("{}/v2.0/OS-KSADM/services", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "services_create",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Show a service (by id only)

Admin only. Looks a service up by id; a name is not accepted (404).

Sends a `GET` request to `/v2.0/OS-KSADM/services/{service_id}`

Arguments:
- `service_id`: The service's id (a name is not accepted).
*/
    pub async fn services_get<'a>(
        &'a self,
        service_id: &'a str,
    ) -> Result<ResponseValue<types::ServiceResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/OS-KSADM/services/{}", self.baseurl, encode_segment(& service_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "services_get",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Delete a service

Admin only. Deletes the service and its endpoints; answers 204.

Sends a `DELETE` request to `/v2.0/OS-KSADM/services/{service_id}`

Arguments:
- `service_id`: The service's id (a name is not accepted).
*/
    pub async fn services_delete<'a>(
        &'a self,
        service_id: &'a str,
    ) -> Result<ResponseValue<()>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/OS-KSADM/services/{}", self.baseurl, encode_segment(& service_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .delete(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "services_delete",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            204u16 => Ok(crate::engine::empty(response)),
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Change one's own password (OS-KSCRUD)

Public API only. `user_id` must be the token's user (else 403). Keystone checks the
original password (401 when wrong), sleeps one second, and answers a new token for the
same scope. Other v2.0 servers may answer an `access` object without a token: the
password is changed all the same, and a client authenticates again with the new one.

Keystone 12.0.3 validates the X-Auth-Token itself and answers **404** when there is
none (`No token in the request`), when it is unknown, expired or revoked, and for the
static admin token, which is not a real token. With an **unscoped** token it changes the
password and **then answers 500**, failing to issue the new token: the new password is
in effect, so authenticate with it. Use a token scoped to a tenant.


Sends a `PATCH` request to `/v2.0/OS-KSCRUD/users/{user_id}`

Arguments:
- `user_id`: The user's id.
- `body`
*/
    pub async fn users_update_own_password<'a>(
        &'a self,
        user_id: &'a str,
        body: &'a types::OwnPasswordRequest,
    ) -> Result<ResponseValue<types::OwnPasswordResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/OS-KSCRUD/users/{}", self.baseurl, encode_segment(& user_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .patch(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "users_update_own_password",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            500u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Get the CA certificate (PEM)

The PEM text of `[signing] ca_certs`, served as `text/html` without authentication.
500 when the file is missing.


Sends a `GET` request to `/v2.0/certificates/ca`

*/
    pub async fn certificates_get_ca<'a>(
        &'a self,
    ) -> Result<ResponseValue<ByteStream>, Error<types::ErrorResponse>> {
        let url = format!("{}/v2.0/certificates/ca", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self.client.get(url).build()?;
        let info = OperationInfo {
            operation_id: "certificates_get_ca",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => Ok(ResponseValue::stream(response)),
            500u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Get the token signing certificate (PEM)

The PEM text of `[signing] certfile`, served as `text/html` without authentication.
500 when the file is missing.


Sends a `GET` request to `/v2.0/certificates/signing`

*/
    pub async fn certificates_get_signing<'a>(
        &'a self,
    ) -> Result<ResponseValue<ByteStream>, Error<types::ErrorResponse>> {
        let url = format!("{}/v2.0/certificates/signing", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self.client.get(url).build()?;
        let info = OperationInfo {
            operation_id: "certificates_get_signing",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => Ok(ResponseValue::stream(response)),
            500u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Authenticate with an EC2 signature

Checks an EC2 request signature made with an OS-EC2 credential's secret and answers a
token scoped to the credential's tenant. No X-Auth-Token is needed. An unknown access key
is a 404 (`Could not find credential`); a bad or missing signature, or a user without a
role on the tenant, is a 401. The signed request is under `credentials` (or the older
`ec2Credentials`, which Keystone also reads; with both, `credentials` wins).

Keystone computes the signature from `params` (`SignatureVersion` 0, 1 or 2) or, for
signature version 4, from the `AWS4-HMAC-SHA256` `Authorization` header (or the
`X-Amz-*` parameters), `headers` and `body_hash`. For a known access key it answers a
500 when the request names none of these versions, when version 0 lacks the `Action`
and `Timestamp` parameters, or when version 4 lacks `Credential` or `SignedHeaders`.


Sends a `POST` request to `/v2.0/ec2tokens`

*/
    pub async fn ec2_tokens_authenticate<'a>(
        &'a self,
        body: &'a types::Ec2TokensRequest,
    ) -> Result<ResponseValue<types::AccessResponse>, Error<types::ErrorResponse>> {
        let url = format!("{}/v2.0/ec2tokens", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "ec2_tokens_authenticate",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            500u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**List endpoints

One entry per service and region, with lower-case `publicurl` / `internalurl` /
`adminurl` keys.


Sends a `GET` request to `/v2.0/endpoints`

*/
    pub async fn endpoints_list<'a>(
        &'a self,
    ) -> Result<ResponseValue<types::EndpointsResponse>, Error<types::ErrorResponse>> {
        let url = format!("{}/v2.0/endpoints", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "endpoints_list",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Create an endpoint

`service_id` and `publicurl` are required; an unknown region is created. Answers 200
with the request's fields and the new id.


Sends a `POST` request to `/v2.0/endpoints`

*/
    pub async fn endpoints_create<'a>(
        &'a self,
        body: &'a types::EndpointCreateRequest,
    ) -> Result<ResponseValue<types::EndpointResponse>, Error<types::ErrorResponse>> {
        let url = format!("{}/v2.0/endpoints", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "endpoints_create",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Delete an endpoint

Admin only. Deletes the public, internal and admin URLs that share the listed id; answers 204.

Sends a `DELETE` request to `/v2.0/endpoints/{endpoint_id}`

Arguments:
- `endpoint_id`: The endpoint's id, as listed.
*/
    pub async fn endpoints_delete<'a>(
        &'a self,
        endpoint_id: &'a str,
    ) -> Result<ResponseValue<()>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/endpoints/{}", self.baseurl, encode_segment(& endpoint_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .delete(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "endpoints_delete",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            204u16 => Ok(crate::engine::empty(response)),
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**List the enabled extensions

The public and admin APIs list different sets: OS-KSADM and s3tokens are admin-only,
OS-KSCRUD is public-only.


Sends a `GET` request to `/v2.0/extensions`

*/
    pub async fn extensions_list<'a>(
        &'a self,
    ) -> Result<ResponseValue<types::ExtensionsResponse>, Error<()>> {
        let url = format!("{}/v2.0/extensions", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "extensions_list",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Show one extension by its alias

404 when the alias is unknown on this API (OS-KSADM on the public API, for example).

Sends a `GET` request to `/v2.0/extensions/{alias}`

Arguments:
- `alias`: The extension's alias, such as `OS-KSADM`.
*/
    pub async fn extensions_get<'a>(
        &'a self,
        alias: &'a str,
    ) -> Result<ResponseValue<types::ExtensionResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/extensions/{}", self.baseurl, encode_segment(& alias.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "extensions_get",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Authenticate an S3 request signature

Admin API only. Checks an S3 (v1 HMAC-SHA1 or v4) signature made with an OS-EC2
credential's secret. Keystone 12.0.3 answers a **v3** token body `{"token": {...}}`
(Keystone 11 answered a v2 `{"access": ...}` body). An unknown access key is a 404
(`Could not find credential`), a signature mismatch a 401. As with ec2tokens, the older
`ec2Credentials` key is read when `credentials` is absent.


Sends a `POST` request to `/v2.0/s3tokens`

*/
    pub async fn ec2_s3tokens_authenticate<'a>(
        &'a self,
        body: &'a types::S3TokensRequest,
    ) -> Result<ResponseValue<types::S3TokenResponse>, Error<types::ErrorResponse>> {
        let url = format!("{}/v2.0/s3tokens", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "ec2_s3tokens_authenticate",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**List tenants (public - the caller's; admin - all), or find one by name (admin)

One path, two behaviours depending on the API that serves it:

* **public API**: the tenants the token's user has a role on (an unscoped token works);
* **admin API**: every tenant (admin only). With `name`, the admin API answers a single
  `{"tenant": {...}}` object, or 404 when no tenant has that name.

`limit` and `marker` page the list (`marker` is the id of the last tenant seen; an
unknown marker or a bad limit is a 400). `tenants_links` is always empty: page by
passing the last id as `marker` until fewer than `limit` tenants come back.


Sends a `GET` request to `/v2.0/tenants`

Arguments:
- `limit`: At most this many tenants.
- `marker`: Start after the tenant with this id.
- `name`: Admin API only - return the one tenant with this name.
*/
    pub async fn tenants_list<'a>(
        &'a self,
        limit: Option<i64>,
        marker: Option<&'a str>,
        name: Option<&'a str>,
    ) -> Result<ResponseValue<types::TenantsOrTenant>, Error<types::ErrorResponse>> {
        let url = format!("{}/v2.0/tenants", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .query(&progenitor_client::QueryParam::new("limit", &limit))
            .query(&progenitor_client::QueryParam::new("marker", &marker))
            .query(&progenitor_client::QueryParam::new("name", &name))
            .build()?;
        let info = OperationInfo {
            operation_id: "tenants_list",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Create a tenant

`name` is required (1-64 non-blank characters); a client may choose the `id`. Extra
attributes are stored and returned. 409 when the name is taken. Answers 200.


Sends a `POST` request to `/v2.0/tenants`

*/
    pub async fn tenants_create<'a>(
        &'a self,
        body: &'a types::TenantCreateRequest,
    ) -> Result<ResponseValue<types::TenantResponse>, Error<types::ErrorResponse>> {
        let url = format!("{}/v2.0/tenants", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "tenants_create",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            409u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Show a tenant

Admin only. 404 for an unknown tenant (and for projects that are domains).

Sends a `GET` request to `/v2.0/tenants/{tenant_id}`

Arguments:
- `tenant_id`: The tenant's id.
*/
    pub async fn tenants_get<'a>(
        &'a self,
        tenant_id: &'a str,
    ) -> Result<ResponseValue<types::TenantResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/tenants/{}", self.baseurl, encode_segment(& tenant_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "tenants_get",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Update a tenant (PUT)

The same update as `POST /v2.0/tenants/{tenant_id}`.

Sends a `PUT` request to `/v2.0/tenants/{tenant_id}`

Arguments:
- `tenant_id`: The tenant's id.
- `body`
*/
    pub async fn tenants_update_put<'a>(
        &'a self,
        tenant_id: &'a str,
        body: &'a types::TenantUpdateRequest,
    ) -> Result<ResponseValue<types::TenantResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/tenants/{}", self.baseurl, encode_segment(& tenant_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .put(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "tenants_update_put",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            409u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Update a tenant (POST, as keystoneclient does)

Changes the given attributes only. At least one attribute is required.

Sends a `POST` request to `/v2.0/tenants/{tenant_id}`

Arguments:
- `tenant_id`: The tenant's id.
- `body`
*/
    pub async fn tenants_update<'a>(
        &'a self,
        tenant_id: &'a str,
        body: &'a types::TenantUpdateRequest,
    ) -> Result<ResponseValue<types::TenantResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/tenants/{}", self.baseurl, encode_segment(& tenant_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "tenants_update",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            409u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Delete a tenant

Admin only. Deletes the tenant and its role grants; answers 204 with no body.

Sends a `DELETE` request to `/v2.0/tenants/{tenant_id}`

Arguments:
- `tenant_id`: The tenant's id.
*/
    pub async fn tenants_delete<'a>(
        &'a self,
        tenant_id: &'a str,
    ) -> Result<ResponseValue<()>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/tenants/{}", self.baseurl, encode_segment(& tenant_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .delete(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "tenants_delete",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            204u16 => Ok(crate::engine::empty(response)),
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**List the users that have a role on a tenant

Not paginated.

Sends a `GET` request to `/v2.0/tenants/{tenant_id}/users`

Arguments:
- `tenant_id`: The tenant's id.
*/
    pub async fn tenants_list_users<'a>(
        &'a self,
        tenant_id: &'a str,
    ) -> Result<ResponseValue<types::UsersResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/tenants/{}/users", self.baseurl, encode_segment(& tenant_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "tenants_list_users",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**List a user's roles on a tenant

Admin only. The roles the user has on the tenant, with ids (unlike the names-only `user.roles` of a token).

Sends a `GET` request to `/v2.0/tenants/{tenant_id}/users/{user_id}/roles`

Arguments:
- `tenant_id`: The tenant's id.
- `user_id`: The user's id.
*/
    pub async fn roles_list_for_user<'a>(
        &'a self,
        tenant_id: &'a str,
        user_id: &'a str,
    ) -> Result<ResponseValue<types::RolesResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/tenants/{}/users/{}/roles", self.baseurl, encode_segment(& tenant_id
            .to_string()), encode_segment(& user_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "roles_list_for_user",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Grant a role to a user on a tenant

Takes no request body (any top-level key is a 400). Keystone 12.0.3 answers 200 with the
granted role (the old API reference said 201); other v2.0 servers answer 204 with no
body, which grants the role just the same.


Sends a `PUT` request to `/v2.0/tenants/{tenant_id}/users/{user_id}/roles/OS-KSADM/{role_id}`

Arguments:
- `tenant_id`: The tenant's id.
- `user_id`: The user's id.
- `role_id`: The role's id.
*/
    pub async fn roles_add_user_role<'a>(
        &'a self,
        tenant_id: &'a str,
        user_id: &'a str,
        role_id: &'a str,
    ) -> Result<ResponseValue<types::RoleResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/tenants/{}/users/{}/roles/OS-KSADM/{}", self.baseurl,
            encode_segment(& tenant_id.to_string()), encode_segment(& user_id
            .to_string()), encode_segment(& role_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .put(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "roles_add_user_role",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            409u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Revoke a user's role on a tenant

Admin only. 404 when the user does not have the role on the tenant; answers 204.

Sends a `DELETE` request to `/v2.0/tenants/{tenant_id}/users/{user_id}/roles/OS-KSADM/{role_id}`

Arguments:
- `tenant_id`: The tenant's id.
- `user_id`: The user's id.
- `role_id`: The role's id.
*/
    pub async fn roles_remove_user_role<'a>(
        &'a self,
        tenant_id: &'a str,
        user_id: &'a str,
        role_id: &'a str,
    ) -> Result<ResponseValue<()>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/tenants/{}/users/{}/roles/OS-KSADM/{}", self.baseurl,
            encode_segment(& tenant_id.to_string()), encode_segment(& user_id
            .to_string()), encode_segment(& role_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .delete(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "roles_remove_user_role",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            204u16 => Ok(crate::engine::empty(response)),
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Authenticate and get a token

Authenticates with a password (`passwordCredentials`) or an existing token (`token`),
optionally scoped to a tenant by `tenantId` (which wins) or `tenantName`. Without a tenant
the token is unscoped and its service catalog is empty. A token obtained from a token
keeps the original token's expiry. Answers 200 (never 201 or 203).

Other v2.0 servers take other credentials in the same body (see `Auth`). Rackspace Cloud
Identity answers the password step of a multi-factor account with a 401 carrying
`WWW-Authenticate: OS-MF sessionId='<id>', factor='PASSCODE'`; the second step sends
`RAX-AUTH:passcodeCredentials` with the header `X-SessionId: <id>` (a secret, like the
passcode). Keystone 12.0.3 ignores that header.


Sends a `POST` request to `/v2.0/tokens`

*/
    pub async fn tokens_authenticate<'a>(
        &'a self,
        body: &'a types::AuthRequest,
    ) -> Result<ResponseValue<types::AccessResponse>, Error<types::ErrorResponse>> {
        let url = format!("{}/v2.0/tokens", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "tokens_authenticate",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Get the signed list of revoked tokens

A CMS-signed (PEM) JSON document `{"revoked": [{"id", "expires", "audit_id"}]}`.
Requires an admin or service token. 410 when `[token] revoke_by_id` is false.


Sends a `GET` request to `/v2.0/tokens/revoked`

*/
    pub async fn tokens_get_revoked<'a>(
        &'a self,
    ) -> Result<ResponseValue<types::RevokedResponse>, Error<types::ErrorResponse>> {
        let url = format!("{}/v2.0/tokens/revoked", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "tokens_get_revoked",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            410u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Validate a token and get its data

Returns the same body as authentication, with the full catalog when the token is scoped.
404 when the token is unknown, expired or revoked; 401 when `belongsTo` names a tenant
the token is not scoped to. Callers need an admin or service token, or the token itself.


Sends a `GET` request to `/v2.0/tokens/{token_id}`

Arguments:
- `token_id`: The id of the token (a secret).
- `belongs_to`: Also check that the token is scoped to this tenant id (401 if not).
*/
    pub async fn tokens_validate<'a>(
        &'a self,
        token_id: &'a str,
        belongs_to: Option<&'a str>,
    ) -> Result<ResponseValue<types::AccessResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/tokens/{}", self.baseurl, encode_segment(& token_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .query(&progenitor_client::QueryParam::new("belongsTo", &belongs_to))
            .build()?;
        let info = OperationInfo {
            operation_id: "tokens_validate",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Revoke a token

Admin only.

Sends a `DELETE` request to `/v2.0/tokens/{token_id}`

Arguments:
- `token_id`: The id of the token (a secret).
*/
    pub async fn tokens_delete<'a>(
        &'a self,
        token_id: &'a str,
    ) -> Result<ResponseValue<()>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/tokens/{}", self.baseurl, encode_segment(& token_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .delete(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "tokens_delete",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            204u16 => Ok(crate::engine::empty(response)),
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Check that a token is valid, without its data

200 with an empty body when the token is valid (Keystone before Juno answered 204).
Requires an admin or service token. Error responses have no body.


Sends a `HEAD` request to `/v2.0/tokens/{token_id}`

Arguments:
- `token_id`: The id of the token (a secret).
- `belongs_to`: Also check that the token is scoped to this tenant id (401 if not).
*/
    pub async fn tokens_check<'a>(
        &'a self,
        token_id: &'a str,
        belongs_to: Option<&'a str>,
    ) -> Result<ResponseValue<()>, Error<()>> {
        let url = format!(
            "{}/v2.0/tokens/{}", self.baseurl, encode_segment(& token_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .head(url)
            .query(&progenitor_client::QueryParam::new("belongsTo", &belongs_to))
            .build()?;
        let info = OperationInfo {
            operation_id: "tokens_check",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => Ok(crate::engine::empty(response)),
            204u16 => Ok(crate::engine::empty(response)),
            401u16 => Err(Error::ErrorResponse(crate::engine::empty(response))),
            403u16 => Err(Error::ErrorResponse(crate::engine::empty(response))),
            404u16 => Err(Error::ErrorResponse(crate::engine::empty(response))),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**List the endpoints of a token's catalog

A flat list of the endpoints of a scoped token's catalog. For an unscoped token Keystone
12.0.3 fails with a 500 (older releases answered `{}`).


Sends a `GET` request to `/v2.0/tokens/{token_id}/endpoints`

Arguments:
- `token_id`: The id of the token (a secret).
*/
    pub async fn tokens_endpoints<'a>(
        &'a self,
        token_id: &'a str,
    ) -> Result<
        ResponseValue<types::TokenEndpointsResponse>,
        Error<types::ErrorResponse>,
    > {
        let url = format!(
            "{}/v2.0/tokens/{}/endpoints", self.baseurl, encode_segment(& token_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "tokens_endpoints",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            500u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**List all users, or find one by name

Without `name`, every user (not paginated: Keystone ignores `limit` and `marker`). With
`name`, a single `{"user": {...}}` object, or 404.


Sends a `GET` request to `/v2.0/users`

Arguments:
- `name`: Return the one user with this name.
*/
    pub async fn users_list<'a>(
        &'a self,
        name: Option<&'a str>,
    ) -> Result<ResponseValue<types::UsersOrUser>, Error<types::ErrorResponse>> {
        let url = format!("{}/v2.0/users", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .query(&progenitor_client::QueryParam::new("name", &name))
            .build()?;
        let info = OperationInfo {
            operation_id: "users_list",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Create a user

`name` (or its alias `username`) is required. With `tenantId`, the user also gets the
member role on that tenant (404 when the tenant does not exist). 409 when the name is
taken. Answers 200.


Sends a `POST` request to `/v2.0/users`

*/
    pub async fn users_create<'a>(
        &'a self,
        body: &'a types::UserCreateRequest,
    ) -> Result<ResponseValue<types::UserResponse>, Error<types::ErrorResponse>> {
        let url = format!("{}/v2.0/users", self.baseurl,);
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "users_create",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            409u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Show a user

Admin only. Keystone adds `username` (the name) and `options` to the user.

Sends a `GET` request to `/v2.0/users/{user_id}`

Arguments:
- `user_id`: The user's id.
*/
    pub async fn users_get<'a>(
        &'a self,
        user_id: &'a str,
    ) -> Result<ResponseValue<types::UserResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/users/{}", self.baseurl, encode_segment(& user_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "users_get",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Update a user

Changes the given attributes only (a patch, despite the method). Changing `tenantId`
moves the member role from the old tenant to the new one.


Sends a `PUT` request to `/v2.0/users/{user_id}`

Arguments:
- `user_id`: The user's id.
- `body`
*/
    pub async fn users_update<'a>(
        &'a self,
        user_id: &'a str,
        body: &'a types::UserUpdateRequest,
    ) -> Result<ResponseValue<types::UserResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/users/{}", self.baseurl, encode_segment(& user_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .put(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "users_update",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            409u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Delete a user

Admin only. Deletes the user, their role grants and tokens; answers 204.

Sends a `DELETE` request to `/v2.0/users/{user_id}`

Arguments:
- `user_id`: The user's id.
*/
    pub async fn users_delete<'a>(
        &'a self,
        user_id: &'a str,
    ) -> Result<ResponseValue<()>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/users/{}", self.baseurl, encode_segment(& user_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .delete(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "users_delete",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            204u16 => Ok(crate::engine::empty(response)),
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Enable or disable a user (OS-KSADM)

`enabled` is required and must be a boolean (else 400). A disabled user cannot
authenticate (401).


Sends a `PUT` request to `/v2.0/users/{user_id}/OS-KSADM/enabled`

Arguments:
- `user_id`: The user's id.
- `body`
*/
    pub async fn users_update_enabled<'a>(
        &'a self,
        user_id: &'a str,
        body: &'a types::UserEnabledRequest,
    ) -> Result<ResponseValue<types::UserResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/users/{}/OS-KSADM/enabled", self.baseurl, encode_segment(& user_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .put(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "users_update_enabled",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            409u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Set a user's password (OS-KSADM)

Admin only. Other attributes in the body are applied too (the same code as `users_update`). The user's tokens are revoked.

Sends a `PUT` request to `/v2.0/users/{user_id}/OS-KSADM/password`

Arguments:
- `user_id`: The user's id.
- `body`
*/
    pub async fn users_update_password<'a>(
        &'a self,
        user_id: &'a str,
        body: &'a types::UserPasswordRequest,
    ) -> Result<ResponseValue<types::UserResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/users/{}/OS-KSADM/password", self.baseurl, encode_segment(& user_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .put(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "users_update_password",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            409u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Set a user's default tenant (OS-KSADM)

Also moves the member role to the new tenant. 404 when the tenant does not exist.

Sends a `PUT` request to `/v2.0/users/{user_id}/OS-KSADM/tenant`

Arguments:
- `user_id`: The user's id.
- `body`
*/
    pub async fn users_update_tenant<'a>(
        &'a self,
        user_id: &'a str,
        body: &'a types::UserTenantRequest,
    ) -> Result<ResponseValue<types::UserResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/users/{}/OS-KSADM/tenant", self.baseurl, encode_segment(& user_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .put(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "users_update_tenant",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            409u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**List a user's EC2 credentials

An admin may list any user's credentials; others only their own (403).

Sends a `GET` request to `/v2.0/users/{user_id}/credentials/OS-EC2`

Arguments:
- `user_id`: The user's id.
*/
    pub async fn ec2_list<'a>(
        &'a self,
        user_id: &'a str,
    ) -> Result<
        ResponseValue<types::Ec2CredentialsResponse>,
        Error<types::ErrorResponse>,
    > {
        let url = format!(
            "{}/v2.0/users/{}/credentials/OS-EC2", self.baseurl, encode_segment(& user_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "ec2_list",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Create an EC2 credential for a user on a tenant

The body is `{"tenant_id": ...}` with no wrapper. An admin may create credentials for any
user; others only for themselves (403). 404 when the user or tenant does not exist.
Answers 200 with the access key and secret.


Sends a `POST` request to `/v2.0/users/{user_id}/credentials/OS-EC2`

Arguments:
- `user_id`: The user's id.
- `body`
*/
    pub async fn ec2_create<'a>(
        &'a self,
        user_id: &'a str,
        body: &'a types::Ec2CredentialCreateRequest,
    ) -> Result<
        ResponseValue<types::Ec2CredentialResponse>,
        Error<types::ErrorResponse>,
    > {
        let url = format!(
            "{}/v2.0/users/{}/credentials/OS-EC2", self.baseurl, encode_segment(& user_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "ec2_create",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Show an EC2 credential by its access key

An unknown access key is a 404 `Could not find credential`.

Sends a `GET` request to `/v2.0/users/{user_id}/credentials/OS-EC2/{credential_id}`

Arguments:
- `user_id`: The user's id.
- `credential_id`: The credential's access key.
*/
    pub async fn ec2_get<'a>(
        &'a self,
        user_id: &'a str,
        credential_id: &'a str,
    ) -> Result<
        ResponseValue<types::Ec2CredentialResponse>,
        Error<types::ErrorResponse>,
    > {
        let url = format!(
            "{}/v2.0/users/{}/credentials/OS-EC2/{}", self.baseurl, encode_segment(&
            user_id.to_string()), encode_segment(& credential_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "ec2_get",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Delete an EC2 credential

Non-admins may delete only their own credentials (403).

Sends a `DELETE` request to `/v2.0/users/{user_id}/credentials/OS-EC2/{credential_id}`

Arguments:
- `user_id`: The user's id.
- `credential_id`: The credential's access key.
*/
    pub async fn ec2_delete<'a>(
        &'a self,
        user_id: &'a str,
        credential_id: &'a str,
    ) -> Result<ResponseValue<()>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/users/{}/credentials/OS-EC2/{}", self.baseurl, encode_segment(&
            user_id.to_string()), encode_segment(& credential_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .delete(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "ec2_delete",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            204u16 => Ok(crate::engine::empty(response)),
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Enable or disable a user (legacy path)

The same operation as `PUT /v2.0/users/{user_id}/OS-KSADM/enabled`.

Sends a `PUT` request to `/v2.0/users/{user_id}/enabled`

Arguments:
- `user_id`: The user's id.
- `body`
*/
    pub async fn users_update_enabled_legacy<'a>(
        &'a self,
        user_id: &'a str,
        body: &'a types::UserEnabledRequest,
    ) -> Result<ResponseValue<types::UserResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/users/{}/enabled", self.baseurl, encode_segment(& user_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .put(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "users_update_enabled_legacy",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            409u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Set a user's password (legacy path)

The same operation as `PUT /v2.0/users/{user_id}/OS-KSADM/password`.

Sends a `PUT` request to `/v2.0/users/{user_id}/password`

Arguments:
- `user_id`: The user's id.
- `body`
*/
    pub async fn users_update_password_legacy<'a>(
        &'a self,
        user_id: &'a str,
        body: &'a types::UserPasswordRequest,
    ) -> Result<ResponseValue<types::UserResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/users/{}/password", self.baseurl, encode_segment(& user_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .put(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "users_update_password_legacy",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            409u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**List a user's role grants as roleRefs (diablo compatibility)

Admin only. Each grant of the user on a tenant, with an id of the form `roleId=...&tenantId=...&userId=...`.

Sends a `GET` request to `/v2.0/users/{user_id}/roleRefs`

Arguments:
- `user_id`: The user's id.
*/
    pub async fn role_refs_list<'a>(
        &'a self,
        user_id: &'a str,
    ) -> Result<ResponseValue<types::RoleRefsResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/users/{}/roleRefs", self.baseurl, encode_segment(& user_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "role_refs_list",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Grant a role on a tenant as a roleRef (diablo compatibility)

Admin only. The same grant as `roles_add_user_role`, with the tenant and role in the body.

Sends a `POST` request to `/v2.0/users/{user_id}/roleRefs`

Arguments:
- `user_id`: The user's id.
- `body`
*/
    pub async fn role_refs_create<'a>(
        &'a self,
        user_id: &'a str,
        body: &'a types::RoleRefCreateRequest,
    ) -> Result<ResponseValue<types::RoleResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/users/{}/roleRefs", self.baseurl, encode_segment(& user_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "role_refs_create",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            409u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Revoke a role grant by its roleRef id (diablo compatibility)

Admin only. `role_ref_id` is an id as `role_refs_list` lists it; answers 204.

Sends a `DELETE` request to `/v2.0/users/{user_id}/roleRefs/{role_ref_id}`

Arguments:
- `user_id`: The user's id.
- `role_ref_id`: The roleRef's id as listed (`roleId=...&tenantId=...&userId=...`).
*/
    pub async fn role_refs_delete<'a>(
        &'a self,
        user_id: &'a str,
        role_ref_id: &'a str,
    ) -> Result<ResponseValue<()>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/users/{}/roleRefs/{}", self.baseurl, encode_segment(& user_id
            .to_string()), encode_segment(& role_ref_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .delete(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .build()?;
        let info = OperationInfo {
            operation_id: "role_refs_delete",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            204u16 => Ok(crate::engine::empty(response)),
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**List a user's global roles - not implemented by Keystone

Keystone 12.0.3 always answers **501** `User roles not supported: tenant_id required`:
v2.0 has no global roles. Use `roles_list_for_user` with a tenant. There is no success
response.


Sends a `GET` request to `/v2.0/users/{user_id}/roles`

Arguments:
- `user_id`: The user's id.
*/
    pub async fn roles_list_global_for_user<'a>(
        &'a self,
        user_id: &'a str,
    ) -> Result<ResponseValue<ByteStream>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/users/{}/roles", self.baseurl, encode_segment(& user_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self.client.get(url).build()?;
        let info = OperationInfo {
            operation_id: "roles_list_global_for_user",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200..=299 => Ok(ResponseValue::stream(response)),
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            501u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Grant a global role - not implemented by Keystone

Keystone 12.0.3 answers **501**: v2.0 has no global roles. Use
`roles_add_user_role` with a tenant. There is no success response. The operation takes
no request body: a body with any top-level key is a 400 (`got an unexpected keyword
argument`).


Sends a `PUT` request to `/v2.0/users/{user_id}/roles/OS-KSADM/{role_id}`

Arguments:
- `user_id`: The user's id.
- `role_id`: The role's id.
*/
    pub async fn roles_add_global_user_role<'a>(
        &'a self,
        user_id: &'a str,
        role_id: &'a str,
    ) -> Result<ResponseValue<ByteStream>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/users/{}/roles/OS-KSADM/{}", self.baseurl, encode_segment(& user_id
            .to_string()), encode_segment(& role_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self.client.put(url).build()?;
        let info = OperationInfo {
            operation_id: "roles_add_global_user_role",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200..=299 => Ok(ResponseValue::stream(response)),
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            501u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Revoke a global role - not implemented by Keystone

Keystone 12.0.3 always answers **501**: v2.0 has no global roles. Use
`roles_remove_user_role` with a tenant. There is no success response.


Sends a `DELETE` request to `/v2.0/users/{user_id}/roles/OS-KSADM/{role_id}`

Arguments:
- `user_id`: The user's id.
- `role_id`: The role's id.
*/
    pub async fn roles_remove_global_user_role<'a>(
        &'a self,
        user_id: &'a str,
        role_id: &'a str,
    ) -> Result<ResponseValue<ByteStream>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/users/{}/roles/OS-KSADM/{}", self.baseurl, encode_segment(& user_id
            .to_string()), encode_segment(& role_id.to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self.client.delete(url).build()?;
        let info = OperationInfo {
            operation_id: "roles_remove_global_user_role",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200..=299 => Ok(ResponseValue::stream(response)),
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            501u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /**Set a user's default tenant (legacy path)

The same operation as `PUT /v2.0/users/{user_id}/OS-KSADM/tenant`.

Sends a `PUT` request to `/v2.0/users/{user_id}/tenant`

Arguments:
- `user_id`: The user's id.
- `body`
*/
    pub async fn users_update_tenant_legacy<'a>(
        &'a self,
        user_id: &'a str,
        body: &'a types::UserTenantRequest,
    ) -> Result<ResponseValue<types::UserResponse>, Error<types::ErrorResponse>> {
        let url = format!(
            "{}/v2.0/users/{}/tenant", self.baseurl, encode_segment(& user_id
            .to_string()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .put(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .build()?;
        let info = OperationInfo {
            operation_id: "users_update_tenant_legacy",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => crate::engine::from_response(response).await,
            400u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            401u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            403u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            404u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            409u16 => {
                Err(Error::ErrorResponse(crate::engine::from_response(response).await?))
            }
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
}
/// Items consumers will typically use such as the Client.
pub mod prelude {
    #[allow(unused_imports)]
    pub use super::Client;
}
