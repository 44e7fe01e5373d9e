//! Authenticate and look endpoints up in the service catalog.
//!
//! ```text
//! OS_AUTH_URL=http://127.0.0.1:5000/v2.0 OS_USERNAME=admin OS_PASSWORD=secret OS_TENANT_NAME=admin \
//!   [OS_REGION_NAME=RegionOne] cargo run --example auth_and_catalog
//! ```

use keystone_v2::{ClientBuilder, EndpointFilter, Interface};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    if std::env::var_os("OS_AUTH_URL").is_none() {
        eprintln!(
            "set OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_TENANT_NAME (as in an openrc file)"
        );
        std::process::exit(2);
    }
    let client = ClientBuilder::from_env().build()?;

    let access = client.authenticate().await?;
    println!(
        "authenticated as {} (user id {}), tenant {:?}, roles {:?}, token expires at {}",
        access.username().unwrap_or("?"),
        access.user_id(),
        access.tenant_name(),
        access.role_names(),
        access.expires()
    );

    let catalog = access.service_catalog();
    for service in catalog.services() {
        for endpoint in &service.endpoints {
            println!(
                "{:<10} {:<12} region {:<10} public {}",
                service.type_,
                service.name.as_deref().unwrap_or(""),
                endpoint.region.as_deref().unwrap_or("-"),
                endpoint.public_url.as_deref().unwrap_or("-")
            );
        }
    }
    let admin = catalog.url_for(&EndpointFilter::new("identity").interface(Interface::Admin))?;
    println!("identity admin endpoint: {admin}");
    // A lookup that fails says which endpoints were considered and why they did not match.
    if let Err(e) = catalog.url_for(&EndpointFilter::new("object-store").region("Nowhere")) {
        println!("as expected: {e}");
    }
    Ok(())
}
