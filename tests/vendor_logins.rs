//! The SDK logs in to the emulator's Rackspace mode with each credential of other v2.0 clouds:
//! a Rackspace API key (from the builder and from `OS_*`), a multi-factor password login with
//! and without a passcode callback, and an HP access key pair; re-authentication asks again;
//! and the session finds the vendor's services in its catalog.
#![cfg(feature = "emulator")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use keystone_v2::config::Environment;
use keystone_v2::emulator::{
    Dialect, Emulator, EmulatorConfig, RACKSPACE_CLOUD_NAME, RACKSPACE_PASSWORD, RACKSPACE_TENANT,
    RACKSPACE_USERNAME,
};
use keystone_v2::{Client, ClientBuilder, Error, Secret};

const PASSCODE: &str = "731904";

async fn rackspace() -> Emulator {
    Emulator::start_with(EmulatorConfig::default().dialect(Dialect::Rackspace))
        .await
        .expect("the emulator starts")
}

/// The factors the server says the token was authenticated by.
fn authenticated_by(access: &keystone_v2::AccessInfo) -> Vec<String> {
    let token = serde_json::to_value(&access.access().token).unwrap();
    serde_json::from_value(token["RAX-AUTH:authenticatedBy"].clone()).unwrap_or_default()
}

/// A passcode callback answering `PASSCODE` and counting its calls.
fn counting_callback() -> (
    Arc<AtomicUsize>,
    impl Fn(&keystone_v2::PasscodePrompt) -> Option<Secret> + Send + Sync + 'static,
) {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = calls.clone();
    let callback = move |_: &keystone_v2::PasscodePrompt| {
        counter.fetch_add(1, Ordering::SeqCst);
        Some(Secret::new(PASSCODE))
    };
    (calls, callback)
}

fn password_builder(e: &Emulator) -> ClientBuilder {
    Client::builder()
        .auth_url(e.public_url())
        .username(RACKSPACE_USERNAME)
        .password(RACKSPACE_PASSWORD)
}

#[tokio::test]
async fn an_api_key_from_the_builder_logs_in_to_the_vendors_tenant() {
    let e = rackspace().await;
    let key = e.control().api_key(RACKSPACE_USERNAME).unwrap();
    let client = Client::builder()
        .auth_url(e.public_url())
        .username(RACKSPACE_USERNAME)
        .api_key(key)
        .tenant_id(RACKSPACE_TENANT)
        .build()
        .unwrap();
    let access = client.authenticate().await.unwrap();
    assert_eq!(access.username(), Some(RACKSPACE_USERNAME));
    assert_eq!(access.tenant_id(), Some(RACKSPACE_TENANT));
    assert_eq!(authenticated_by(&access), ["APIKEY"]);
    assert_eq!(e.control().operation_count("tokens_authenticate"), 1);
}

#[tokio::test]
async fn a_wrong_api_key_is_an_unauthorized_error_that_does_not_show_the_key() {
    let e = rackspace().await;
    let err = Client::builder()
        .auth_url(e.public_url())
        .username(RACKSPACE_USERNAME)
        .api_key("not-the-key-0123456789")
        .build()
        .unwrap()
        .authenticate()
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("not-the-key-0123456789"));
}

#[tokio::test]
async fn an_api_key_from_os_variables_logs_in() {
    let e = rackspace().await;
    let key = e.control().api_key(RACKSPACE_USERNAME).unwrap();
    let dir = std::env::temp_dir().join(format!("keystone-v2-no-clouds-{}", std::process::id()));
    let env = Environment::new()
        .search_path([dir])
        .var("OS_AUTH_TYPE", "rackspace_apikey")
        .var("OS_AUTH_URL", e.public_url())
        .var("OS_USERNAME", RACKSPACE_USERNAME)
        .var("OS_API_KEY", &key)
        .var("OS_TENANT_ID", RACKSPACE_TENANT);
    let client = ClientBuilder::from_config(&env, None)
        .unwrap()
        .build()
        .unwrap();
    let access = client.authenticate().await.unwrap();
    assert_eq!(access.tenant_id(), Some(RACKSPACE_TENANT));
    assert_eq!(authenticated_by(&access), ["APIKEY"]);
}

#[tokio::test]
async fn the_emulators_clouds_yaml_has_an_api_key_cloud_that_logs_in() {
    let e = rackspace().await;
    let dir = std::env::temp_dir().join(format!("keystone-v2-rax-clouds-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("clouds.yaml"), e.clouds_yaml()).unwrap();
    let env = Environment::new().search_path([dir.clone()]);
    let access = ClientBuilder::from_config(&env, Some(RACKSPACE_CLOUD_NAME))
        .unwrap()
        .build()
        .unwrap()
        .authenticate()
        .await
        .unwrap();
    assert_eq!(access.tenant_id(), Some(RACKSPACE_TENANT));
    assert_eq!(authenticated_by(&access), ["APIKEY"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_multi_factor_login_completes_with_the_passcode_callback() {
    let e = rackspace().await;
    e.control()
        .enable_mfa(RACKSPACE_USERNAME, PASSCODE)
        .unwrap();
    let (calls, callback) = counting_callback();
    let client = password_builder(&e)
        .passcode_callback(callback)
        .build()
        .unwrap();
    let access = client.authenticate().await.unwrap();
    assert_eq!(access.tenant_id(), Some(RACKSPACE_TENANT));
    assert_eq!(authenticated_by(&access), ["PASSCODE", "PASSWORD"]);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(e.control().mfa_sessions(), 0, "the session was used up");
}

#[tokio::test]
async fn a_multi_factor_login_without_a_passcode_is_the_documented_error() {
    let e = rackspace().await;
    e.control()
        .enable_mfa(RACKSPACE_USERNAME, PASSCODE)
        .unwrap();
    let err = password_builder(&e)
        .build()
        .unwrap()
        .authenticate()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::PasscodeRequired { factor, .. } if factor == "PASSCODE"),
        "{err:?}"
    );
    let err = password_builder(&e)
        .passcode_callback(|_| None)
        .build()
        .unwrap()
        .authenticate()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::PasscodeRequired { .. }), "{err:?}");
    assert_eq!(e.control().operation_count("tokens_authenticate"), 2);
}

#[tokio::test]
async fn a_wrong_passcode_is_unauthorized() {
    let e = rackspace().await;
    e.control()
        .enable_mfa(RACKSPACE_USERNAME, PASSCODE)
        .unwrap();
    let err = password_builder(&e)
        .passcode_callback(|_| Some(Secret::new("000000")))
        .build()
        .unwrap()
        .authenticate()
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("000000"));
}

#[tokio::test]
async fn a_multi_factor_token_the_server_refuses_as_expired_is_renewed_with_a_new_passcode() {
    let e = rackspace().await;
    e.control()
        .enable_mfa(RACKSPACE_USERNAME, PASSCODE)
        .unwrap();
    let (calls, callback) = counting_callback();
    let client = password_builder(&e)
        .passcode_callback(callback)
        .build()
        .unwrap();
    let first = client.auth_token().await.unwrap();
    assert_eq!(
        client.auth_token().await.unwrap(),
        first,
        "the token is kept"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    // The emulator's clock passes the token's expiry: the server refuses it, and the client
    // logs in again, both steps, and repeats the call.
    e.control().advance(Duration::from_secs(2 * 3600));
    let tenants = client.tenants().list(Default::default()).await.unwrap();
    assert!(tenants.iter().any(|t| t.id == RACKSPACE_TENANT));
    assert_ne!(client.auth_token().await.unwrap(), first);
    assert_eq!(
        calls.load(Ordering::SeqCst),
        2,
        "the callback is asked again"
    );
}

#[tokio::test]
async fn an_access_key_pair_logs_in() {
    let e = rackspace().await;
    e.control()
        .set_access_key(
            RACKSPACE_USERNAME,
            "B5VKMNLEZ7YUN9BTFDZC",
            "CQSp+KsLQGFz6+V/S1s4",
        )
        .unwrap();
    let builder = Client::builder()
        .auth_url(e.public_url())
        .access_key("B5VKMNLEZ7YUN9BTFDZC")
        .tenant_id(RACKSPACE_TENANT);
    let access = builder
        .clone()
        .secret_key("CQSp+KsLQGFz6+V/S1s4")
        .build()
        .unwrap()
        .authenticate()
        .await
        .unwrap();
    assert_eq!(access.username(), Some(RACKSPACE_USERNAME));
    assert_eq!(access.tenant_id(), Some(RACKSPACE_TENANT));
    let err = builder
        .secret_key("wrong-secret")
        .build()
        .unwrap()
        .authenticate()
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
}

/// The path a `service()` GET of `path` reached on the emulator's vendor services.
async fn reached(client: &Client, filter: keystone_v2::EndpointFilter, path: &str) -> String {
    let echo: serde_json::Value = client
        .service(filter)
        .get(path)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    echo["path"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn an_api_key_session_reaches_the_vendors_services_by_the_users_default_region() {
    use keystone_v2::EndpointFilter;
    let e = rackspace().await;
    e.control()
        .set_default_region(RACKSPACE_USERNAME, "IAD")
        .unwrap();
    let key = e.control().api_key(RACKSPACE_USERNAME).unwrap();
    let client = Client::builder()
        .auth_url(e.public_url())
        .username(RACKSPACE_USERNAME)
        .api_key(key)
        .build()
        .unwrap();
    // Two compute services: told apart by name, in the user's default region.
    let servers = EndpointFilter::new("compute").service_name("cloudServersOpenStack");
    assert_eq!(
        reached(&client, servers.clone(), "servers").await,
        format!("/rax/iad.servers/v2/{RACKSPACE_TENANT}/servers")
    );
    // A configured region wins over the user's default region.
    assert_eq!(
        reached(&client, servers.region("SYD"), "servers").await,
        format!("/rax/syd.servers/v2/{RACKSPACE_TENANT}/servers")
    );
    // Without a name the type is ambiguous, and nothing is sent.
    let before = e.control().request_count("GET", "/rax");
    let err = client
        .service(EndpointFilter::new("compute"))
        .get("servers")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::AmbiguousEndpoint(_)), "{err:?}");
    assert_eq!(e.control().request_count("GET", "/rax"), before);
    // A global service (no region) serves the user's region too.
    let dns = reached(&client, EndpointFilter::new("rax:dns"), "domains").await;
    assert!(
        dns.ends_with(&format!("/{RACKSPACE_TENANT}/domains")),
        "{dns}"
    );
    assert_eq!(e.control().request_count("GET", "/rax"), before + 1);
}
