//! `ServiceManager::create_of_type`: Keystone v2.0 services need no name (openstackclient's
//! `service create <type>` without `--name`); an empty name is refused before anything is sent.

#![cfg(feature = "emulator")]

use keystone_v2::emulator::Emulator;
use keystone_v2::Client;

#[tokio::test]
async fn a_service_is_created_without_a_name_and_an_empty_name_is_refused_unsent() {
    let emulator = Emulator::start().await.unwrap();
    let client = Client::builder()
        .auth_url(emulator.public_url())
        .username("admin")
        .password(emulator.admin_password())
        .tenant_name("admin")
        .build()
        .unwrap();
    let control = emulator.control();

    let unnamed = client
        .services()
        .create_of_type("volume", None, Some("Block storage"))
        .await
        .unwrap();
    assert_eq!(unnamed.type_, "volume");
    assert_eq!(unnamed.description.as_deref(), Some("Block storage"));
    // Keystone (and the emulator) store no name: it answers an empty one.
    assert!(unnamed.name.as_deref().unwrap_or_default().is_empty());
    let listed = client.services().list().await.unwrap();
    assert!(listed.iter().any(|s| s.id == unnamed.id));

    let named = client
        .services()
        .create_of_type("compute", Some("nova"), None)
        .await
        .unwrap();
    assert_eq!(named.name.as_deref(), Some("nova"));

    let creates = control.operation_count("services_create");
    let refused = client
        .services()
        .create_of_type("image", Some(""), None)
        .await
        .unwrap_err();
    assert!(
        matches!(refused, keystone_v2::Error::InvalidRequest(_)),
        "{refused:?}"
    );
    assert_eq!(
        control.operation_count("services_create"),
        creates,
        "nothing sent"
    );
    emulator.shutdown().await;
}
