//! Validate a token the way a service does: as an admin, check a user's token and read who it
//! belongs to.
//!
//! ```text
//! OS_AUTH_URL=http://127.0.0.1:5000/v2.0 OS_USERNAME=admin OS_PASSWORD=secret OS_TENANT_NAME=admin \
//!   cargo run --example validate_token [TOKEN]
//! ```
//! Without TOKEN, the example validates a token it gets for the same user.

use keystone_v2::managers::TokenAuth;
use keystone_v2::ClientBuilder;

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    if env("OS_AUTH_URL").is_none() {
        eprintln!(
            "set OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_TENANT_NAME (as in an openrc file)"
        );
        std::process::exit(2);
    }
    let (username, password) = (
        env("OS_USERNAME").unwrap_or_default(),
        env("OS_PASSWORD").unwrap_or_default(),
    );
    let tenant = env("OS_TENANT_NAME").unwrap_or_default();
    let client = ClientBuilder::from_env().build()?;

    let token = match std::env::args().nth(1) {
        Some(t) => t,
        None => {
            let other = client
                .tokens()
                .authenticate(
                    TokenAuth::password(&username, password.as_str()).tenant_name(&tenant),
                )
                .await?;
            other.auth_token().expose().to_owned()
        }
    };

    println!(
        "HEAD check: valid = {}",
        client.tokens().check(&token, None).await?
    );
    let info = client.tokens().validate_access_info(&token).await?;
    println!(
        "token of {} (id {}) on tenant {:?}, roles {:?}, expires {}",
        info.username().unwrap_or("?"),
        info.user_id(),
        info.tenant_name(),
        info.role_names(),
        info.expires()
    );
    if let Some(tenant_id) = info.tenant_id() {
        client
            .tokens()
            .validate_belongs_to(&token, tenant_id)
            .await?;
        println!("belongsTo {tenant_id}: yes");
    }
    match client
        .tokens()
        .validate("0000000000000000000000000000dead")
        .await
    {
        Err(e) if e.is_not_found() => println!("an unknown token: {e}"),
        other => println!("unexpected: {other:?}"),
    }
    Ok(())
}
