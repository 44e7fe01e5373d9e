//! The TLS configuration of a client that trusts the platform's certificate store, loaded
//! lazily and once per process.
//!
//! reqwest's own rustls set-up builds a `rustls-platform-verifier` verifier in every
//! `reqwest::ClientBuilder::build()`, which (on Linux and the other Unixes) reads the whole
//! system certificate store there and then, even for a client that only ever speaks `http://`.
//! Here the client gets a rustls configuration whose verifier stands in for the platform one
//! and builds it (reading the store) at the first server certificate it has to verify; that
//! one verifier is then shared by every client of the process.
//!
//! Only clients that trust the platform's store use this: one with its own CA certificates
//! (`cacert`, reqwest's `tls_certs_only`) never reads the store, and an `insecure` one verifies
//! nothing; both keep reqwest's own set-up.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, SignatureScheme};

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

/// The crypto provider reqwest would use: the process default if one is installed, else
/// aws-lc-rs (reqwest's `rustls` feature).
fn provider() -> Arc<CryptoProvider> {
    CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
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

/// The rustls configuration of a client trusting the platform's store (loaded lazily, see the
/// module), with the client certificate and key of `identity_pem` if given, offering HTTP/2 and
/// HTTP/1.1 by ALPN as reqwest does. Reads no file.
pub(crate) fn platform_config(identity_pem: Option<&[u8]>) -> Result<ClientConfig> {
    let provider = provider();
    let builder = ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(rustls::ALL_VERSIONS)
        .map_err(|e| Error::Configuration(format!("cannot build the TLS configuration: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(LazyPlatformVerifier { provider }));
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
        let config = platform_config(None).unwrap();
        assert_eq!(
            config.alpn_protocols,
            [b"h2".to_vec(), b"http/1.1".to_vec()]
        );
        assert!(config.enable_sni);
        assert!(!config.client_auth_cert_resolver.has_certs());
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
