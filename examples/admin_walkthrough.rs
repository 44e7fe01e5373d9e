//! Administration: create a tenant and a user, grant a role, look at the result, clean up.
//!
//! ```text
//! OS_AUTH_URL=http://127.0.0.1:5000/v2.0 OS_USERNAME=admin OS_PASSWORD=secret OS_TENANT_NAME=admin \
//!   cargo run --example admin_walkthrough
//! ```

use keystone_v2::managers::{TenantOptions, UserOptions};
use keystone_v2::ClientBuilder;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::var_os("OS_AUTH_URL").is_none() {
        eprintln!(
            "set OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_TENANT_NAME (as in an openrc file)"
        );
        std::process::exit(2);
    }
    let client = ClientBuilder::from_env().build()?;

    let suffix = std::process::id();
    let tenant = client
        .tenants()
        .create(
            &format!("walkthrough-{suffix}"),
            TenantOptions {
                description: Some("created by admin_walkthrough".into()),
                ..Default::default()
            },
        )
        .await?;
    println!("created tenant {} ({})", tenant.name, tenant.id);

    let user = client
        .users()
        .create(
            &format!("walker-{suffix}"),
            UserOptions {
                password: Some("change-me-now".into()),
                tenant_id: Some(tenant.id.clone()),
                ..Default::default()
            },
        )
        .await?;
    println!("created user {} ({})", user.name, user.id);

    let role = client
        .roles()
        .create(&format!("walker-role-{suffix}"))
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
        "{} has roles {:?} on {}",
        user.name,
        roles.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        tenant.name
    );
    let members = client.tenants().list_users(&tenant.id).await?;
    println!("{} has {} member(s)", tenant.name, members.len());

    // Errors carry Keystone's own message and the request id.
    if let Err(e) = client
        .tenants()
        .create(&tenant.name, TenantOptions::default())
        .await
    {
        println!("creating it twice: {e} (conflict: {})", e.is_conflict());
    }

    client
        .tenants()
        .remove_user(&tenant.id, &user.id, &role.id)
        .await?;
    client.users().delete(&user.id).await?;
    client.roles().delete(&role.id).await?;
    client.tenants().delete(&tenant.id).await?;
    println!("cleaned up");
    Ok(())
}
