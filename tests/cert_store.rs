//! The platform's certificate store is read lazily and once per process: building clients for
//! `http://` URLs, and using them, never reads it; the first server certificate a client that
//! trusts the platform verifies reads it, and a second such client does not read it again.
//!
//! This file is a test process of its own with one test, so that nothing else in the process
//! has loaded the store before (the load counter is process-wide). The platform store is
//! pointed (`SSL_CERT_FILE`, which the platform verifier honours on Linux and the other Unixes)
//! at a throwaway CA that signed the certificate of a loopback TLS server in front of the
//! emulator, so that the https clients below work against it without a `cacert`.
#![cfg(all(
    feature = "emulator",
    feature = "__rustls",
    unix,
    not(target_vendor = "apple")
))]

use std::sync::Arc;

use keystone_v2::emulator::Emulator;
use keystone_v2::{platform_store_loads, Client};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::rustls;

/// A CA and a server certificate for 127.0.0.1 signed by it: (CA PEM, server chain, key).
fn throwaway_pki() -> (
    String,
    Vec<rustls::pki_types::CertificateDer<'static>>,
    rustls::pki_types::PrivateKeyDer<'static>,
) {
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, "keystone-v2 test CA");
    let ca_cert = ca.self_signed(&ca_key).unwrap();
    let issuer = rcgen::Issuer::new(ca, ca_key);
    let key = rcgen::KeyPair::generate().unwrap();
    let mut server = rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned()]).unwrap();
    server.extended_key_usages = vec![rcgen::ExtendedKeyUsagePurpose::ServerAuth];
    let cert = server.signed_by(&key, &issuer).unwrap();
    (
        ca_cert.pem(),
        vec![cert.der().clone()],
        rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
    )
}

/// A TLS server on a free loopback port that forwards each connection's plain bytes to
/// `backend`; its `https://` address.
async fn tls_front(
    backend: std::net::SocketAddr,
    chain: Vec<rustls::pki_types::CertificateDer<'static>>,
    key: rustls::pki_types::PrivateKeyDer<'static>,
) -> String {
    // The server's provider is the client's (whichever the features chose).
    #[cfg(feature = "rustls-aws-lc")]
    let provider = rustls::crypto::aws_lc_rs::default_provider();
    #[cfg(not(feature = "rustls-aws-lc"))]
    let provider = rustls::crypto::ring::default_provider();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let Ok(mut plain) = TcpStream::connect(backend).await else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    format!("https://{addr}/v2.0")
}

fn client(url: &str) -> Client {
    Client::builder()
        .auth_url(url)
        .username("admin")
        .password("secret")
        .tenant_name("admin")
        .build()
        .expect("a client")
}

#[test]
fn http_clients_never_load_the_certificate_store_and_https_clients_load_it_once() {
    let (ca_pem, chain, key) = throwaway_pki();
    let dir = std::env::temp_dir().join(format!("keystone-v2-cert-store-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ca_file = dir.join("ca.pem");
    std::fs::write(&ca_file, ca_pem).unwrap();
    // Before any other thread of this process exists (the runtime is made below).
    std::env::set_var("SSL_CERT_FILE", &ca_file);
    std::env::remove_var("SSL_CERT_DIR");

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let emulator = Emulator::start().await.unwrap();
        assert_eq!(platform_store_loads(), 0, "nothing loaded the store yet");

        for _ in 0..20 {
            let c = client(&emulator.public_url());
            c.tenants()
                .list(Default::default())
                .await
                .expect("listed over http");
        }
        assert_eq!(
            platform_store_loads(),
            0,
            "20 http clients built and used: no certificate-store load"
        );

        let https = tls_front(emulator.public_addr(), chain, key).await;
        let first = client(&https);
        let second = client(&https);
        assert_eq!(
            platform_store_loads(),
            0,
            "building https clients loads nothing before a handshake"
        );

        first
            .authenticate()
            .await
            .expect("the platform store (the throwaway CA) verifies the server");
        assert_eq!(
            platform_store_loads(),
            1,
            "the first handshake loads the store"
        );
        second
            .authenticate()
            .await
            .expect("the second client verifies with the same store");
        let third = client(&https);
        third.authenticate().await.expect("a third client too");

        // The store really verifies: a server whose CA is not in it is refused.
        let (_, other_chain, other_key) = throwaway_pki();
        let untrusted = tls_front(emulator.public_addr(), other_chain, other_key).await;
        let err = client(&untrusted).authenticate().await.unwrap_err();
        assert!(
            err.is_tls(),
            "a certificate of an unknown CA is a TLS error: {err:?}"
        );
        assert_eq!(
            platform_store_loads(),
            1,
            "later https clients reuse the process's one store"
        );
        emulator.shutdown().await;
    });
    std::fs::remove_dir_all(&dir).unwrap();
}
