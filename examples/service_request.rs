//! A request to another service of the catalog, with no setup: starts an in-process emulator
//! (with its small `compute` service) on free loopback ports, authenticates, finds the
//! compute endpoint in the token's catalog and calls it.
//!
//! ```text
//! cargo run --example service_request --features emulator
//! ```

use keystone_v2::emulator::{Emulator, EmulatorConfig};
use keystone_v2::{Client, EndpointFilter, Interface};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let emulator = Emulator::start_with(EmulatorConfig::default().compute_service(true)).await?;
    let client = Client::builder()
        .auth_url(emulator.public_url())
        .username("admin")
        .password(emulator.admin_password())
        .tenant_name("admin")
        .app_name("service-request-example")
        .app_version("1.0")
        .collect_timing(true)
        .build()?;

    let nova = client.service(EndpointFilter::new("compute").interface(Interface::Public));
    println!("compute endpoint: {}", nova.endpoint().await?);

    let response = nova
        .post("servers")
        .query(&[("dry_run", "true")])
        .json(&serde_json::json!({"server": {"name": "web-1", "flavorRef": "1"}}))
        .send()
        .await?;
    println!(
        "status: {} (request id {})",
        response.status(),
        response.request_id().unwrap_or_default()
    );
    let answer: serde_json::Value = response.json().await?;
    println!("answer: {}", serde_json::to_string_pretty(&answer)?);

    // An error status is a typed error with the service's message and request id.
    match nova.get("servers/does-not-exist").send().await {
        Ok(r) => println!("unexpected: {}", r.status()),
        Err(e) => println!("error: {e}"),
    }
    for t in client.timings() {
        println!(
            "timing: {} {} -> {:?} in {:?}",
            t.method, t.url, t.status, t.elapsed
        );
    }
    emulator.shutdown().await;
    Ok(())
}
