//! The rustls configuration of every client: its crypto provider, its server certificate
//! verifier (the platform's store loaded lazily and once per process, the given CA
//! certificates, or none with `insecure`) and its client certificate.
//!
//! The crypto provider is the one the process installed as its default
//! (`CryptoProvider::install_default`), else the crate's: ring with the `rustls` feature,
//! aws-lc-rs with `rustls-aws-lc` (which wins when both are enabled). reqwest is built
//! without a provider of its own (`rustls-no-provider`) and always gets this configuration
//! (`tls_backend_preconfigured`), so no other provider is compiled in, and the crate never
//! installs a process default itself.
//!
//! reqwest's own rustls set-up builds a `rustls-platform-verifier` verifier in every
//! `reqwest::ClientBuilder::build()`, which (on Linux and the other Unixes) reads the whole
//! system certificate store there and then, even for a client that only ever speaks `http://`.
//! Here the client gets a rustls configuration whose verifier stands in for the platform one
//! and builds it (reading the store) at the first server certificate it has to verify; that
//! one verifier is then shared by every client of the process.
//!
//! A client with its own CA certificates (`cacert`) never reads the store: it verifies with
//! those alone, as reqwest's `tls_certs_only` does. An `insecure` one verifies nothing.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::{Error, Result};

/// The process's platform verifier, made at the first certificate to verify (a failure to
/// load the store is kept too: the store is read at most once).
static PLATFORM: OnceLock<
    std::result::Result<Arc<rustls_platform_verifier::Verifier>, rustls::Error>,
> = OnceLock::new();

/// How many times this process built the platform verifier (read the certificate store).
static LOADS: AtomicUsize = AtomicUsize::new(0);

/// How many times this process has loaded the platform's certificate store: 0 until a client
/// that trusts it verifies its first server certificate, then 1 for good.
#[doc(hidden)]
pub fn platform_store_loads() -> usize {
    LOADS.load(Ordering::SeqCst)
}

fn platform(
    provider: &Arc<CryptoProvider>,
) -> std::result::Result<&'static rustls_platform_verifier::Verifier, rustls::Error> {
    PLATFORM
        .get_or_init(|| {
            LOADS.fetch_add(1, Ordering::SeqCst);
            rustls_platform_verifier::Verifier::new(provider.clone()).map(Arc::new)
        })
        .as_ref()
        .map(|v| &**v)
        .map_err(Clone::clone)
}

/// A server certificate verifier that is the platform's, built on first use.
#[derive(Debug)]
struct LazyPlatformVerifier {
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for LazyPlatformVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        platform(&self.provider)?.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        )
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        // Called after verify_server_cert in a handshake: the verifier is there already.
        platform(&self.provider)?.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        platform(&self.provider)?.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        // What the platform verifier answers too (its WebPKI verifier's algorithms are the
        // provider's); asked for every ClientHello, so it must not load the store.
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// The crypto provider: the process default if the program installed one (as reqwest
/// does), else the crate's own.
fn provider() -> Arc<CryptoProvider> {
    CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(builtin_provider()))
}

/// aws-lc-rs, asked for with the `rustls-aws-lc` feature.
#[cfg(feature = "rustls-aws-lc")]
fn builtin_provider() -> CryptoProvider {
    rustls::crypto::aws_lc_rs::default_provider()
}

/// ring, the `rustls` feature's provider: it builds in a fraction of aws-lc-rs's time and
/// needs no CMake.
#[cfg(not(feature = "rustls-aws-lc"))]
fn builtin_provider() -> CryptoProvider {
    rustls::crypto::ring::default_provider()
}

/// Accepts any server certificate: `insecure`, as reqwest's `tls_danger_accept_invalid_certs`.
#[derive(Debug)]
struct AcceptAnyServerCert {
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for AcceptAnyServerCert {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        _: &[u8],
        _: &CertificateDer<'_>,
        _: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn verify_tls13_signature(
        &self,
        _: &[u8],
        _: &CertificateDer<'_>,
        _: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// A verifier that trusts only the CA certificates of `pem` (a PEM bundle; sections other than
/// certificates are skipped).
fn ca_verifier(pem: &[u8], provider: &Arc<CryptoProvider>) -> Result<Arc<dyn ServerCertVerifier>> {
    let invalid = |e: &dyn std::fmt::Display| {
        Error::Configuration(format!("the CA certificate is not valid PEM: {e}"))
    };
    let mut roots = RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(pem) {
        roots
            .add(cert.map_err(|e| invalid(&e))?)
            .map_err(|e| invalid(&e))?;
    }
    if roots.is_empty() {
        return Err(Error::Configuration(
            "the CA certificate file holds no certificate".into(),
        ));
    }
    let verifier = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .build()
        .map_err(|e| invalid(&e))?;
    Ok(verifier)
}

/// A client certificate chain and key from PEM, read as `reqwest::Identity::from_pem` does:
/// certificates, and the last PKCS#8, PKCS#1 or SEC1 private key.
fn identity(pem: &[u8]) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)> {
    use rustls::pki_types::pem::SectionKind;
    let invalid = |what: &str| {
        Error::Configuration(format!(
            "the client certificate or key is not valid PEM: {what}"
        ))
    };
    let mut reader = std::io::Cursor::new(pem);
    let (mut certs, mut keys) = (Vec::new(), Vec::new());
    while let Some((kind, data)) =
        rustls::pki_types::pem::from_buf(&mut reader).map_err(|_| invalid("unreadable PEM"))?
    {
        match kind {
            SectionKind::Certificate => certs.push(CertificateDer::from(data)),
            SectionKind::PrivateKey => keys.push(PrivateKeyDer::Pkcs8(data.into())),
            SectionKind::RsaPrivateKey => keys.push(PrivateKeyDer::Pkcs1(data.into())),
            SectionKind::EcPrivateKey => keys.push(PrivateKeyDer::Sec1(data.into())),
            _ => return Err(invalid("a section that is no certificate or private key")),
        }
    }
    match (keys.pop(), certs.is_empty()) {
        (Some(key), false) => Ok((certs, key)),
        _ => Err(invalid("private key or certificate not found")),
    }
}

/// The rustls configuration of a client: it verifies the server with nothing if `insecure`,
/// else with the CA certificates of `ca_pem` alone if given, else with the platform's store
/// (loaded lazily, see the module); it presents the client certificate and key of
/// `identity_pem` if given, and offers HTTP/2 and HTTP/1.1 by ALPN as reqwest does. Reads no
/// file.
pub(crate) fn config(
    ca_pem: Option<&[u8]>,
    insecure: bool,
    identity_pem: Option<&[u8]>,
) -> Result<ClientConfig> {
    let provider = provider();
    let verifier: Arc<dyn ServerCertVerifier> = match (insecure, ca_pem) {
        (true, _) => Arc::new(AcceptAnyServerCert {
            provider: provider.clone(),
        }),
        (false, Some(pem)) => ca_verifier(pem, &provider)?,
        (false, None) => Arc::new(LazyPlatformVerifier {
            provider: provider.clone(),
        }),
    };
    let builder = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(rustls::ALL_VERSIONS)
        .map_err(|e| Error::Configuration(format!("cannot build the TLS configuration: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let mut config = match identity_pem {
        Some(pem) => {
            let (certs, key) = identity(pem)?;
            builder.with_client_auth_cert(certs, key).map_err(|e| {
                Error::Configuration(format!(
                    "the client certificate or key is not valid PEM: {e}"
                ))
            })?
        }
        None => builder.with_no_client_auth(),
    };
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_platform_config_offers_h2_and_http1_with_sni_and_no_client_certificate() {
        let config = config(None, false, None).unwrap();
        assert_eq!(
            config.alpn_protocols,
            [b"h2".to_vec(), b"http/1.1".to_vec()]
        );
        assert!(config.enable_sni);
        assert!(!config.client_auth_cert_resolver.has_certs());
    }

    #[test]
    fn the_crypto_provider_is_ring_or_aws_lc_rs_with_the_rustls_aws_lc_feature() {
        // Nothing in this test binary installs a process default provider.
        let config = config(None, false, None).unwrap();
        let groups: Vec<_> = config
            .crypto_provider()
            .kx_groups
            .iter()
            .map(|g| g.name())
            .collect();
        // aws-lc-rs offers the post-quantum hybrid key exchange; ring has none.
        assert_eq!(
            groups.contains(&rustls::NamedGroup::X25519MLKEM768),
            cfg!(feature = "rustls-aws-lc"),
            "{groups:?}"
        );
    }

    #[test]
    fn a_ca_bundle_needs_a_valid_certificate() {
        let err = config(Some(b"no PEM here"), false, None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("holds no certificate"), "{err}");
        let err = config(
            Some(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
            false,
            None,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("the CA certificate is not valid"), "{err}");
    }

    /// A throwaway CA named `name` (its PEM) and a certificate for 127.0.0.1 signed by it.
    fn ca_and_server_cert(name: &str) -> (String, CertificateDer<'static>) {
        let ca_key = rcgen::KeyPair::generate().unwrap();
        let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
        ca.distinguished_name.push(rcgen::DnType::CommonName, name);
        let ca_pem = ca.self_signed(&ca_key).unwrap().pem();
        let issuer = rcgen::Issuer::new(ca, ca_key);
        let key = rcgen::KeyPair::generate().unwrap();
        let server = rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned()]).unwrap();
        let cert = server.signed_by(&key, &issuer).unwrap();
        (ca_pem, cert.der().clone())
    }

    #[test]
    fn a_ca_bundle_verifies_its_servers_only_and_insecure_accepts_any() {
        let (ca, cert) = ca_and_server_cert("the server's CA");
        let (other_ca, _) = ca_and_server_cert("another CA");
        let name = ServerName::try_from("127.0.0.1").unwrap();
        let verify = |verifier: &dyn ServerCertVerifier| {
            verifier.verify_server_cert(&cert, &[], &name, &[], UnixTime::now())
        };
        let provider = provider();
        let bundle = format!("{other_ca}{ca}");
        assert!(verify(&*ca_verifier(bundle.as_bytes(), &provider).unwrap()).is_ok());
        let err = verify(&*ca_verifier(other_ca.as_bytes(), &provider).unwrap()).unwrap_err();
        assert!(
            matches!(
                err,
                rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer)
            ),
            "{err:?}"
        );
        assert!(verify(&AcceptAnyServerCert { provider }).is_ok());
    }

    #[test]
    fn an_identity_needs_a_certificate_and_a_key() {
        let err = identity(b"").unwrap_err().to_string();
        assert!(
            err.contains("private key or certificate not found"),
            "{err}"
        );
        let err = identity(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("private key or certificate not found"),
            "{err}"
        );
    }
}
