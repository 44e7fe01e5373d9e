//! Against the real Keystone's TLS servers, clients that trust the platform's certificate store
//! (no `cacert`), with and without a client certificate: the store is loaded once for all.
//!
//! The platform store is pointed (`SSL_CERT_FILE`) at the test CA of `scripts/keystone-server`
//! (`KS_TLS_CA`), which the platform verifier honours on Linux and the other Unixes. A test
//! process of its own (the load counter is process-wide), one test.
#![cfg(all(feature = "__rustls", unix, not(target_vendor = "apple")))]

use std::time::Duration;

use keystone_v2::{platform_store_loads, Client};

fn var(name: &str) -> String {
    std::env::var(name)
        .unwrap_or_else(|_| panic!("{name} is not set: eval \"$(scripts/keystone-server env)\""))
}

fn tls_client(url: &str) -> keystone_v2::ClientBuilder {
    Client::builder()
        .auth_url(url)
        .username("admin")
        .password(var("KS_ADMIN_PASSWORD").as_str())
        .tenant_name("admin")
        .timeout(Duration::from_secs(10))
}

#[test]
#[ignore = "needs a live Keystone: scripts/keystone-server start (see README)"]
fn the_platform_store_verifies_keystone_over_tls_and_mtls_and_is_loaded_once() {
    // Before any other thread of this process exists (the runtime is made below).
    std::env::set_var("SSL_CERT_FILE", var("KS_TLS_CA"));
    std::env::remove_var("SSL_CERT_DIR");
    let (tls, mtls) = (var("KS_TLS_URL"), var("KS_MTLS_URL"));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let plain = tls_client(&tls).build().unwrap();
        let with_cert = tls_client(&mtls)
            .cert(var("KS_TLS_CLIENT_CERT"))
            .key(var("KS_TLS_CLIENT_KEY"))
            .build()
            .unwrap();
        let identity = tls_client(&mtls)
            .cert(var("KS_TLS_CLIENT_IDENTITY"))
            .build()
            .unwrap();
        let no_cert = tls_client(&mtls).build().unwrap();
        assert_eq!(platform_store_loads(), 0, "building loads nothing");

        plain
            .authenticate()
            .await
            .expect("the platform store (the test CA) verifies the TLS server");
        with_cert
            .authenticate()
            .await
            .expect("the server requiring a client certificate accepts cert + key");
        identity
            .authenticate()
            .await
            .expect("and a certificate and key in one PEM file");
        let err = no_cert.authenticate().await.unwrap_err();
        assert!(
            err.is_connection(),
            "no client certificate: refused ({err:?})"
        );
        let err = tls_client(&tls)
            .cacert(var("KS_TLS_WRONG_CA"))
            .build()
            .unwrap()
            .authenticate()
            .await
            .unwrap_err();
        assert!(err.is_tls(), "an explicit wrong CA still wins: {err:?}");
        assert_eq!(
            platform_store_loads(),
            1,
            "four clients trusting the platform store loaded it once"
        );
    });
}
