//! The blocking managers: `client.tenants()`, `client.users()`, ... of a blocking
//! [`Client`], each method the blocking twin of [`crate::managers`]' method of the same name.
//! The option structs are the async managers' ones, re-exported here.

use futures::TryStreamExt as _;

use super::Client;
use crate::{types, AccessInfo, Result, Secret};

pub use crate::managers::{
    EndpointCreate, ListItems, ListOptions, TenantOptions, TokenAuth, UserOptions,
    LIST_ALL_MAX_PAGES,
};

/// A blocking manager: the struct, the accessor on [`Client`] and the wrapped methods (see
/// `blocking_fns!`).
macro_rules! manager {
    ($name:ident, $accessor:ident => $what:literal; $($fns:tt)*) => {
        #[doc = concat!("Blocking [`crate::managers::", stringify!($name), "`]: ", $what, ".")]
        #[derive(Debug, Clone, Copy)]
        pub struct $name<'a> {
            client: &'a Client,
        }

        impl Client {
            #[doc = concat!("Blocking [`crate::Client::", stringify!($accessor), "`]: ", $what, ".")]
            #[doc = super::example!("client: keystone_v2::blocking::Client" =>
                concat!("let manager = client.", stringify!($accessor), "();"))]
            pub fn $accessor(&self) -> $name<'_> {
                $name { client: self }
            }
        }

        impl $name<'_> {
            super::blocking_fns! { @unlisted "crate::managers::" $name,
                |m| (m.client, m.client.as_async().$accessor());
                $($fns)*
            }
        }
    };
}

manager! { TenantManager, tenants => "tenants (keystoneclient's `client.tenants`)";
    fn get(tenant_id: &str) -> types::Tenant => r#"let tenant = client.tenants().get("17c1...")?;"#;
    fn get_by_name(name: &str) -> types::Tenant => r#"let admin = client.tenants().get_by_name("admin")?;"#;
    fn list(options: ListOptions) -> Vec<types::Tenant> =>
        "use keystone_v2::blocking::managers::ListOptions;\nlet page = client.tenants().list(ListOptions { limit: Some(10), ..Default::default() })?;";
    fn create(name: &str, options: TenantOptions) -> types::Tenant =>
        "use keystone_v2::blocking::managers::TenantOptions;\nlet t = client.tenants().create(\"demo\", TenantOptions { description: Some(\"Demo\".into()), ..Default::default() })?;";
    fn update(tenant_id: &str, options: TenantOptions) -> types::Tenant =>
        "use keystone_v2::blocking::managers::TenantOptions;\nlet t = client.tenants().update(\"17c1...\", TenantOptions { enabled: Some(false), ..Default::default() })?;";
    fn update_put(tenant_id: &str, options: TenantOptions) -> types::Tenant =>
        "use keystone_v2::blocking::managers::TenantOptions;\nlet t = client.tenants().update_put(\"17c1...\", TenantOptions { name: Some(\"renamed\".into()), ..Default::default() })?;";
    fn delete(tenant_id: &str) -> () => r#"client.tenants().delete("17c1...")?;"#;
    fn list_users(tenant_id: &str) -> Vec<types::User> => r#"let members = client.tenants().list_users("17c1...")?;"#;
    fn add_user(tenant_id: &str, user_id: &str, role_id: &str) -> Option<types::Role> =>
        r#"client.tenants().add_user("17c1...", "422f...", "4ac6...")?;"#;
    fn remove_user(tenant_id: &str, user_id: &str, role_id: &str) -> () =>
        r#"client.tenants().remove_user("17c1...", "422f...", "4ac6...")?;"#;
}

impl TenantManager<'_> {
    /// Blocking [`crate::managers::TenantManager::list_all`]: every tenant, page after page of
    /// `page_size`, collected into a `Vec`; the first error ends it. Each page is one call,
    /// bounded by the client's timeout.
    ///
    /// ```no_run
    /// # fn run(client: keystone_v2::blocking::Client) -> keystone_v2::Result<()> {
    /// let all = client.tenants().list_all(100)?;
    /// # Ok(()) }
    /// ```
    pub fn list_all(&self, page_size: u32) -> Result<Vec<types::Tenant>> {
        self.list_all_with_max_pages(page_size, LIST_ALL_MAX_PAGES)
    }

    /// Blocking [`crate::managers::TenantManager::list_all_with_max_pages`], collected into a
    /// `Vec`.
    ///
    /// ```no_run
    /// # fn run(client: keystone_v2::blocking::Client) -> keystone_v2::Result<()> {
    /// let all = client.tenants().list_all_with_max_pages(1000, 1000)?;
    /// # Ok(()) }
    /// ```
    pub fn list_all_with_max_pages(
        &self,
        page_size: u32,
        max_pages: u32,
    ) -> Result<Vec<types::Tenant>> {
        let tenants = self.client.as_async().tenants();
        self.client.wait(
            tenants
                .list_all_with_max_pages(page_size, max_pages)
                .try_collect(),
        )
    }
}

manager! { UserManager, users => "users (keystoneclient's `client.users`)";
    fn get(user_id: &str) -> types::User => r#"let user = client.users().get("422f92da")?;"#;
    fn get_by_name(name: &str) -> types::User => r#"let admin = client.users().get_by_name("admin")?;"#;
    fn list(tenant_id: Option<&str>) -> Vec<types::User> =>
        "let everyone = client.users().list(None)?;\nlet members = client.users().list(Some(\"17c1...\"))?;";
    fn create(name: &str, options: UserOptions) -> types::User =>
        "use keystone_v2::blocking::managers::UserOptions;\nlet u = client.users().create(\"demo\", UserOptions { password: Some(\"pw\".into()), ..Default::default() })?;";
    fn update(user_id: &str, options: UserOptions) -> types::User =>
        "use keystone_v2::blocking::managers::UserOptions;\nlet u = client.users().update(\"422f...\", UserOptions { email: Some(\"a@b.c\".into()), ..Default::default() })?;";
    fn update_enabled(user_id: &str, enabled: bool) -> types::User =>
        r#"client.users().update_enabled("422f...", false)?;"#;
    fn update_enabled_legacy(user_id: &str, enabled: bool) -> types::User =>
        r#"client.users().update_enabled_legacy("422f...", true)?;"#;
    fn update_password(user_id: &str, password: impl Into<Secret>) -> types::User =>
        r#"client.users().update_password("422f...", "n3w-pass")?;"#;
    fn update_password_legacy(user_id: &str, password: impl Into<Secret>) -> types::User =>
        r#"client.users().update_password_legacy("422f...", "n3w-pass")?;"#;
    fn update_tenant(user_id: &str, tenant_id: &str) -> types::User =>
        r#"client.users().update_tenant("422f...", "17c1...")?;"#;
    fn update_tenant_legacy(user_id: &str, tenant_id: &str) -> types::User =>
        r#"client.users().update_tenant_legacy("422f...", "17c1...")?;"#;
    fn update_own_password(original_password: impl Into<Secret>, password: impl Into<Secret>) -> AccessInfo =>
        r#"let access = client.users().update_own_password("old-pass", "new-pass")?;"#;
    fn delete(user_id: &str) -> () => r#"client.users().delete("422f...")?;"#;
    fn list_roles(user_id: &str, tenant_id: Option<&str>) -> Vec<types::Role> =>
        r#"let roles = client.users().list_roles("422f...", Some("17c1..."))?;"#;
}

manager! { RoleManager, roles => "roles and role grants (keystoneclient's `client.roles`)";
    fn get(role_id: &str) -> types::Role => r#"let role = client.roles().get("4ac6...")?;"#;
    fn create(name: &str) -> types::Role => r#"let role = client.roles().create("auditor")?;"#;
    fn delete(role_id: &str) -> () => r#"client.roles().delete("4ac6...")?;"#;
    fn list() -> Vec<types::Role> => "let roles = client.roles().list()?;";
    fn roles_for_user(user_id: &str, tenant_id: Option<&str>) -> Vec<types::Role> =>
        r#"let roles = client.roles().roles_for_user("422f...", Some("17c1..."))?;"#;
    fn add_user_role(user_id: &str, role_id: &str, tenant_id: Option<&str>) -> Option<types::Role> =>
        r#"let granted = client.roles().add_user_role("422f...", "4ac6...", Some("17c1..."))?;"#;
    fn remove_user_role(user_id: &str, role_id: &str, tenant_id: Option<&str>) -> () =>
        r#"client.roles().remove_user_role("422f...", "4ac6...", Some("17c1..."))?;"#;
    fn list_role_refs(user_id: &str) -> Vec<types::RoleRef> =>
        r#"let refs = client.roles().list_role_refs("422f...")?;"#;
    fn create_role_ref(user_id: &str, tenant_id: &str, role_id: &str) -> types::Role =>
        r#"let role = client.roles().create_role_ref("422f...", "17c1...", "4ac6...")?;"#;
    fn delete_role_ref(user_id: &str, role_ref_id: &str) -> () =>
        r#"client.roles().delete_role_ref("422f...", "4ac6...")?;"#;
}

manager! { ServiceManager, services => "services of the catalog (keystoneclient's `client.services`)";
    fn list() -> Vec<types::Service> => "let services = client.services().list()?;";
    fn get(service_id: &str) -> types::Service => r#"let service = client.services().get("4911...")?;"#;
    fn create(name: &str, service_type: &str, description: Option<&str>) -> types::Service =>
        r#"let nova = client.services().create("nova", "compute", Some("Compute"))?;"#;
    fn create_of_type(service_type: &str, name: Option<&str>, description: Option<&str>) -> types::Service =>
        r#"let unnamed = client.services().create_of_type("compute", None, None)?;"#;
    fn delete(service_id: &str) -> () => r#"client.services().delete("4911...")?;"#;
}

manager! { EndpointManager, endpoints => "endpoints of the catalog (keystoneclient's `client.endpoints`)";
    fn list() -> Vec<types::Endpoint> => "let endpoints = client.endpoints().list()?;";
    fn create(service_id: &str, publicurl: &str, options: EndpointCreate) -> types::Endpoint =>
        "use keystone_v2::blocking::managers::EndpointCreate;\nlet ep = client.endpoints().create(\"4911...\", \"http://nova:8774/v2/$(tenant_id)s\",\n    EndpointCreate { region: Some(\"RegionOne\".into()), ..Default::default() })?;";
    fn delete(endpoint_id: &str) -> () => r#"client.endpoints().delete("f32a...")?;"#;
}

manager! { TokenManager, tokens => "tokens (keystoneclient's `client.tokens`)";
    fn authenticate(auth: TokenAuth) -> AccessInfo =>
        "use keystone_v2::blocking::managers::TokenAuth;\nlet demo = client.tokens().authenticate(TokenAuth::password(\"demo\", \"pw\").tenant_name(\"demo\"))?;";
    fn validate(token: &str) -> types::Access => r#"let access = client.tokens().validate("0123abcd")?;"#;
    fn validate_belongs_to(token: &str, tenant_id: &str) -> types::Access =>
        r#"let access = client.tokens().validate_belongs_to("0123abcd", "17c1...")?;"#;
    fn get_token_data(token: &str, belongs_to: Option<&str>) -> types::AccessResponse =>
        r#"let body = client.tokens().get_token_data("0123abcd", None)?;"#;
    fn validate_access_info(token: &str) -> AccessInfo =>
        r#"let info = client.tokens().validate_access_info("0123abcd")?;"#;
    fn check(token: &str, belongs_to: Option<&str>) -> bool =>
        r#"let valid = client.tokens().check("0123abcd", None)?;"#;
    fn delete(token: &str) -> () => r#"client.tokens().delete("0123abcd")?;"#;
    fn endpoints(token: &str) -> Vec<types::TokenEndpoint> =>
        r#"let endpoints = client.tokens().endpoints("0123abcd")?;"#;
    fn get_revoked() -> String => "let signed = client.tokens().get_revoked()?;";
}

manager! { Ec2Manager, ec2 => "EC2 credentials, ec2tokens and s3tokens (keystoneclient's `client.ec2`)";
    fn create(user_id: &str, tenant_id: &str) -> types::Ec2Credential =>
        r#"let cred = client.ec2().create("422f...", "17c1...")?;"#;
    fn list(user_id: &str) -> Vec<types::Ec2Credential> => r#"let creds = client.ec2().list("422f...")?;"#;
    fn get(user_id: &str, access: &str) -> types::Ec2Credential =>
        r#"let cred = client.ec2().get("422f...", "fd4f...")?;"#;
    fn delete(user_id: &str, access: &str) -> () => r#"client.ec2().delete("422f...", "fd4f...")?;"#;
    fn authenticate(credentials: types::Ec2Signature) -> AccessInfo =>
        "# fn sign(client: &keystone_v2::blocking::Client, signed: keystone_v2::types::Ec2Signature) -> keystone_v2::Result<()> {\nlet access = client.ec2().authenticate(signed)?;\n# Ok(()) }";
    fn s3_authenticate(credentials: types::S3Signature) -> types::V3Token =>
        "# fn sign(client: &keystone_v2::blocking::Client, signed: keystone_v2::types::S3Signature) -> keystone_v2::Result<()> {\nlet token = client.ec2().s3_authenticate(signed)?;\n# Ok(()) }";
}

manager! { ExtensionManager, extensions => "extensions (keystoneclient's `client.extensions`)";
    fn list() -> Vec<types::Extension> => "for e in client.extensions().list()? { println!(\"{}\", e.alias); }";
    fn get(alias: &str) -> types::Extension => r#"let ksadm = client.extensions().get("OS-KSADM")?;"#;
}

manager! { CertificateManager, certificates => "PKI certificates (keystoneclient's `client.certificates`)";
    fn get_ca_certificate() -> String => "let pem = client.certificates().get_ca_certificate()?;";
    fn get_signing_certificate() -> String => "let pem = client.certificates().get_signing_certificate()?;";
}

manager! { VersionManager, versions => "version discovery";
    fn list() -> Vec<types::Version> => "let versions = client.versions().list()?;";
    fn get() -> types::Version => "let v2 = client.versions().get()?;";
}
