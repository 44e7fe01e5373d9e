//! The whole tour in one command: authentication, the catalog, tenant / user / role
//! administration, EC2 credentials, token validation and cleanup.
//!
//! ```text
//! cargo run --example quickstart --features emulator
//! ```
//! Runs against `OS_AUTH_URL` / `OS_USERNAME` / `OS_PASSWORD` / `OS_TENANT_NAME` (and
//! `OS_REGION_NAME`) when they are set, and otherwise against an in-process Keystone v2.0
//! emulator it starts itself. It prints what it does, and never a secret.

use keystone_v2::managers::{TenantOptions, TokenAuth, UserOptions};
use keystone_v2::{Client, EndpointFilter, Interface};

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Where: the cloud of the openrc variables, or an emulator of our own.
    let mut _emulator = None;
    let (auth_url, username, password, tenant_name) = match env("OS_AUTH_URL") {
        Some(url) => {
            println!("using the Keystone at {url} (from OS_AUTH_URL)");
            (
                url,
                env("OS_USERNAME").unwrap_or_default(),
                env("OS_PASSWORD").unwrap_or_default(),
                env("OS_TENANT_NAME").unwrap_or_default(),
            )
        }
        None => {
            let emulator = keystone_v2::emulator::Emulator::start().await?;
            println!(
                "OS_AUTH_URL is not set: started a Keystone v2.0 emulator at {}",
                emulator.public_url()
            );
            let url = emulator.public_url();
            _emulator = Some(emulator);
            (
                url,
                "admin".to_owned(),
                "secret".to_owned(),
                "admin".to_owned(),
            )
        }
    };
    let mut builder = Client::builder()
        .auth_url(&auth_url)
        .username(&username)
        .password(password.as_str())
        .tenant_name(&tenant_name);
    if let Some(region) = env("OS_REGION_NAME") {
        builder = builder.region_name(region);
    }
    let client = builder.build()?;

    // 1. Authentication.
    let access = client.authenticate().await?;
    println!(
        "1. authenticated as {} on tenant {}; roles {:?}; the token expires at {}",
        access.username().unwrap_or("?"),
        access.tenant_name().unwrap_or("?"),
        access.role_names(),
        access.expires()
    );

    // 2. The service catalog.
    let catalog = access.service_catalog();
    let public = catalog.url_for(&EndpointFilter::new("identity"))?;
    let admin = catalog.url_for(&EndpointFilter::new("identity").interface(Interface::Admin))?;
    println!(
        "2. catalog: {} service(s); identity public {public}, admin {admin}",
        catalog.services().len()
    );

    // 3. Administration: a tenant, a user, a role grant.
    let suffix = std::process::id();
    let tenant = client
        .tenants()
        .create(
            &format!("quickstart-{suffix}"),
            TenantOptions {
                description: Some("quickstart".into()),
                ..Default::default()
            },
        )
        .await?;
    println!("3. created tenant {} ({})", tenant.name, tenant.id);
    let user_password = format!("pw-{suffix}-change-me");
    let user = client
        .users()
        .create(
            &format!("quickstart-user-{suffix}"),
            UserOptions {
                password: Some(user_password.as_str().into()),
                tenant_id: Some(tenant.id.clone()),
                ..Default::default()
            },
        )
        .await?;
    println!("   created user {} ({})", user.name, user.id);
    let role = client
        .roles()
        .create(&format!("quickstart-role-{suffix}"))
        .await?;
    client
        .tenants()
        .add_user(&tenant.id, &user.id, &role.id)
        .await?;
    let roles = client
        .roles()
        .roles_for_user(&user.id, Some(&tenant.id))
        .await?;
    println!(
        "   granted {}: the user now has {:?} on the tenant",
        role.name,
        roles.iter().map(|r| r.name.as_str()).collect::<Vec<_>>()
    );
    println!(
        "   tenants visible to the admin: {}",
        client.tenants().list(Default::default()).await?.len()
    );

    // 4. EC2 credentials (the secret stays secret: Debug prints Secret(***)).
    let cred = client.ec2().create(&user.id, &tenant.id).await?;
    println!(
        "4. EC2 credential for {}: access key {}, secret {:?}",
        user.name, cred.access, cred.secret
    );
    println!(
        "   {} credential(s) listed",
        client.ec2().list(&user.id).await?.len()
    );

    // 5. Token validation, as a service would validate the user's token.
    let theirs = client
        .tokens()
        .authenticate(TokenAuth::password(&user.name, user_password.as_str()).tenant_id(&tenant.id))
        .await?;
    let token = theirs.auth_token().expose().to_owned();
    let info = client.tokens().validate_access_info(&token).await?;
    println!(
        "5. the user's token is valid: user {}, tenant {:?}, roles {:?}; HEAD check says {}",
        info.username().unwrap_or("?"),
        info.tenant_name(),
        info.role_names(),
        client.tokens().check(&token, None).await?
    );
    client.tokens().delete(&token).await?;
    println!(
        "   revoked it: HEAD check now says {}",
        client.tokens().check(&token, None).await?
    );

    // 6. Cleanup.
    client.ec2().delete(&user.id, &cred.access).await?;
    client
        .tenants()
        .remove_user(&tenant.id, &user.id, &role.id)
        .await?;
    client.users().delete(&user.id).await?;
    client.roles().delete(&role.id).await?;
    client.tenants().delete(&tenant.id).await?;
    match client.tenants().get(&tenant.id).await {
        Err(e) if e.is_not_found() => println!("6. cleaned up: {e}"),
        other => println!("6. unexpected: {other:?}"),
    }
    Ok(())
}
