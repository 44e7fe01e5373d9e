//! An axum service behind the auth_token layer, with an in-process Keystone v2.0 emulator as
//! Keystone; a client calls it with a good token, a bad one, a service token, and during a
//! simulated Keystone outage, and prints each status and the identity the service saw.
//!
//! ```text
//! cargo run -p keystone-v2-middleware --example protected_service
//! ```

use std::time::Duration;

use axum::extract::Request;
use axum::routing::get;
use axum::Router;
use keystone_v2::emulator::{Emulator, Fault, Match};
use keystone_v2::managers::{TenantOptions, TokenAuth, UserOptions};
use keystone_v2::Client;
use keystone_v2_middleware::{AuthTokenConfig, AuthTokenLayer, UserAuth};

/// The application: says who called, from the headers and the typed extension.
async fn whoami(req: Request) -> String {
    let header = |n: &str| {
        req.headers()
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-")
            .to_owned()
    };
    // The validated token, typed: the same identity as the headers.
    let user_id = req
        .extensions()
        .get::<UserAuth>()
        .map(|u| u.0.user_id().to_owned())
        .unwrap_or_else(|| "-".into());
    format!(
        "identity {} user {} ({user_id}) project {} X-Roles {} service {} ({})",
        header("x-identity-status"),
        header("x-user-name"),
        header("x-project-name"),
        header("x-roles"),
        header("x-service-identity-status"),
        header("x-service-user-name"),
    )
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Keystone, and the service's own credentials (the admin user validates tokens).
    let keystone = Emulator::start().await?;
    let service_client = Client::builder()
        .auth_url(keystone.public_url())
        .username("admin")
        .password(keystone.admin_password())
        .tenant_name("admin")
        .build()?;

    // A user, and a service user holding the `service` role.
    let mut tokens = Vec::new();
    for (name, role) in [("alice", "_member_"), ("nova", "service")] {
        let tenant = service_client
            .tenants()
            .create(&format!("{name}-project"), TenantOptions::default())
            .await?;
        let user = service_client
            .users()
            .create(
                name,
                UserOptions {
                    password: Some("pw".into()),
                    tenant_id: Some(tenant.id.clone()),
                    ..Default::default()
                },
            )
            .await?;
        if role != "_member_" {
            let role = service_client.roles().create(role).await?;
            service_client
                .tenants()
                .add_user(&tenant.id, &user.id, &role.id)
                .await?;
        }
        let access = service_client
            .tokens()
            .authenticate(TokenAuth::password(name, "pw").tenant_id(&tenant.id))
            .await?;
        tokens.push(access.auth_token().expose().to_owned());
    }
    let (alice, nova) = (tokens[0].clone(), tokens[1].clone());

    // The service behind the layer, on a loopback port.
    let layer = AuthTokenLayer::new(
        service_client.clone(),
        AuthTokenConfig::new(keystone.public_url()).validation_timeout(Duration::from_secs(3)),
    )?;
    let app = Router::new().route("/", get(whoami)).layer(layer);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    println!("service at {url}, Keystone at {}", keystone.public_url());

    let http = reqwest::Client::new();
    let call = |label: &'static str, headers: Vec<(&'static str, String)>| {
        let (http, url) = (http.clone(), url.clone());
        async move {
            let mut req = http.get(&url);
            for (k, v) in headers {
                req = req.header(k, v);
            }
            let res = req.send().await.expect("the service answers");
            let status = res.status();
            let challenge = res
                .headers()
                .get("www-authenticate")
                .map(|v| format!(" [{}]", v.to_str().unwrap_or("?")))
                .unwrap_or_default();
            let body = res.text().await.unwrap_or_default();
            println!("{label:<42} -> {status}{challenge}\n    {body}");
        }
    };

    call("good token", vec![("X-Auth-Token", alice.clone())]).await;
    call(
        "good token + spoofed X-Roles: admin",
        vec![("X-Auth-Token", alice.clone()), ("X-Roles", "admin".into())],
    )
    .await;
    call("bad token", vec![("X-Auth-Token", "0".repeat(32))]).await;
    call("no token", vec![]).await;
    call(
        "good token + service token",
        vec![("X-Auth-Token", alice.clone()), ("X-Service-Token", nova)],
    )
    .await;
    call(
        "good token + user token as service token",
        vec![
            ("X-Auth-Token", alice.clone()),
            ("X-Service-Token", alice.clone()),
        ],
    )
    .await;

    // Keystone fails: the cached token still passes, a new one gets 503.
    keystone.control().inject(
        Fault::status(503),
        Match::prefix("GET", "/v2.0/tokens/"),
        usize::MAX,
    );
    let fresh = service_client
        .tokens()
        .authenticate(TokenAuth::password("alice", "pw").tenant_name("alice-project"))
        .await?;
    call("outage: cached token", vec![("X-Auth-Token", alice)]).await;
    call(
        "outage: new token",
        vec![("X-Auth-Token", fresh.auth_token().expose().to_owned())],
    )
    .await;
    keystone.shutdown().await;
    Ok(())
}
