//! The whole tour in one command: authentication, the catalog, tenant / user / role
//! administration, EC2 credentials, token validation and cleanup.
//!
//! ```text
//! cargo run --example quickstart --features emulator
//! OS_CLOUD=mycloud cargo run --example quickstart --features emulator -- --explain
//! ```
//! With `OS_CLOUD` set, it runs against that cloud of your `clouds.yaml` (with
//! `secure.yaml` merged over it); with `OS_AUTH_URL` set, against the cloud of the `OS_*`
//! variables (an openrc file); otherwise against an in-process Keystone v2.0 emulator it
//! starts itself. `--explain` (or `QUICKSTART_EXPLAIN=1`) first prints each setting and
//! where it came from. It prints what it does, and never a secret.

use std::io::Write;

use keystone_v2::config::Environment;
use keystone_v2::managers::{TenantOptions, TokenAuth, UserOptions};
use keystone_v2::{Client, ClientBuilder, EndpointFilter, Interface};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let explain = std::env::args().skip(1).any(|a| a == "--explain")
        || std::env::var("QUICKSTART_EXPLAIN").is_ok_and(|v| v == "1");
    run(
        &Environment::from_process(),
        explain,
        &mut std::io::stdout(),
    )
    .await
}

/// The tour, with the configuration of `env`, printing to `out`.
pub async fn run(
    env: &Environment,
    explain: bool,
    out: &mut dyn Write,
) -> Result<(), Box<dyn std::error::Error>> {
    // Where: the cloud of OS_CLOUD or of the openrc variables, or an emulator of our own.
    let mut _emulator = None;
    let builder = if env.get("OS_CLOUD").is_some() || env.get("OS_AUTH_URL").is_some() {
        let builder = ClientBuilder::from_config(env, None)?;
        let e = builder.explain();
        let cloud = e
            .get("cloud")
            .map(|s| format!("{} (from {})", s.value, s.source));
        writeln!(out, "using cloud {}", cloud.unwrap_or_else(|| "?".into()))?;
        builder
    } else {
        let emulator = keystone_v2::emulator::Emulator::start().await?;
        writeln!(
            out,
            "neither OS_CLOUD nor OS_AUTH_URL is set: started a Keystone v2.0 emulator at {}",
            emulator.public_url()
        )?;
        let builder = Client::builder()
            .auth_url(emulator.public_url())
            .username("admin")
            .password(emulator.admin_password())
            .tenant_name("admin");
        _emulator = Some(emulator);
        builder
    };
    if explain {
        writeln!(out, "settings:\n{}", builder.explain())?;
    }
    let client = builder.build()?;

    // 1. Authentication.
    let access = client.authenticate().await?;
    writeln!(
        out,
        "1. authenticated as {} on tenant {}; roles {:?}; the token expires at {}",
        access.username().unwrap_or("?"),
        access.tenant_name().unwrap_or("?"),
        access.role_names(),
        access.expires()
    )?;

    // 2. The service catalog.
    let catalog = access.service_catalog();
    let public = catalog.url_for(&EndpointFilter::new("identity"))?;
    let admin = catalog.url_for(&EndpointFilter::new("identity").interface(Interface::Admin))?;
    writeln!(
        out,
        "2. catalog: {} service(s); identity public {public}, admin {admin}",
        catalog.services().len()
    )?;

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
    writeln!(out, "3. created tenant {} ({})", tenant.name, tenant.id)?;
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
    writeln!(out, "   created user {} ({})", user.name, user.id)?;
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
    writeln!(
        out,
        "   granted {}: the user now has {:?} on the tenant",
        role.name,
        roles.iter().map(|r| r.name.as_str()).collect::<Vec<_>>()
    )?;
    writeln!(
        out,
        "   tenants visible to the admin: {}",
        client.tenants().list(Default::default()).await?.len()
    )?;

    // 4. EC2 credentials (the secret stays secret: Debug prints Secret(***)).
    let cred = client.ec2().create(&user.id, &tenant.id).await?;
    writeln!(
        out,
        "4. EC2 credential for {}: access key {}, secret {:?}",
        user.name, cred.access, cred.secret
    )?;
    writeln!(
        out,
        "   {} credential(s) listed",
        client.ec2().list(&user.id).await?.len()
    )?;

    // 5. Token validation, as a service would validate the user's token.
    let theirs = client
        .tokens()
        .authenticate(TokenAuth::password(&user.name, user_password.as_str()).tenant_id(&tenant.id))
        .await?;
    let token = theirs.auth_token().expose().to_owned();
    let info = client.tokens().validate_access_info(&token).await?;
    writeln!(
        out,
        "5. the user's token is valid: user {}, tenant {:?}, roles {:?}; HEAD check says {}",
        info.username().unwrap_or("?"),
        info.tenant_name(),
        info.role_names(),
        client.tokens().check(&token, None).await?
    )?;
    client.tokens().delete(&token).await?;
    writeln!(
        out,
        "   revoked it: HEAD check now says {}",
        client.tokens().check(&token, None).await?
    )?;

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
        Err(e) if e.is_not_found() => writeln!(out, "6. cleaned up: {e}")?,
        other => writeln!(out, "6. unexpected: {other:?}")?,
    }
    Ok(())
}
