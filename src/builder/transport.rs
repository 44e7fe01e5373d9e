//! The connection pool a builder makes: the headers every request carries, timeouts, keepalive
//! and TLS (the CA, the client certificate, `insecure`).

use super::ClientBuilder;
use crate::{Error, Result};

impl ClientBuilder {
    /// The headers every request carries: Accept, User-Agent, Forwarded (with
    /// `original_ip`), X-OpenStack-Request-ID (with `global_request_id`).
    pub(super) fn default_headers(&self) -> Result<reqwest::header::HeaderMap> {
        use reqwest::header::HeaderValue;
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            reqwest::header::ACCEPT,
            HeaderValue::from_static("application/json"),
        );
        let agent = self.effective_user_agent();
        headers.insert(
            reqwest::header::USER_AGENT,
            HeaderValue::from_str(&agent).map_err(|_| {
                Error::Configuration(format!(
                    "the user agent {agent:?} is not a valid header value"
                ))
            })?,
        );
        if let Some(ip) = &self.original_ip {
            let value = format!("for={ip};by={agent}");
            let value = HeaderValue::from_str(&value).map_err(|_| {
                Error::Configuration(format!("original_ip {ip:?} is not a valid header value"))
            })?;
            headers.insert("forwarded", value);
        }
        if let Some(id) = &self.global_request_id {
            if let Ok(v) = HeaderValue::from_str(id) {
                headers.insert("x-openstack-request-id", v);
            }
        }
        Ok(headers)
    }

    /// The connection pool, sending `default_headers` with every request.
    pub(super) fn http_client(
        &self,
        default_headers: reqwest::header::HeaderMap,
    ) -> Result<reqwest::Client> {
        let b = reqwest::Client::builder()
            .default_headers(default_headers)
            .tcp_keepalive(self.tcp_keepalive)
            .timeout(self.settings.timeout)
            .connect_timeout(
                self.settings
                    .attempt_timeout
                    .map_or(self.settings.timeout, |a| a.min(self.settings.timeout)),
            )
            .redirect(crate::engine::redirect_policy());
        self.tls(b)?
            .build()
            .map_err(|e| Error::Configuration(format!("cannot build the HTTP client: {e}")))
    }

    /// Without a TLS feature there is no TLS to configure: a TLS option is refused, so that a
    /// CA, a client certificate or `insecure` is never silently ignored (and an `https` URL
    /// fails at its first request).
    #[cfg(not(feature = "__rustls"))]
    fn tls(&self, b: reqwest::ClientBuilder) -> Result<reqwest::ClientBuilder> {
        let given = [
            ("cacert", self.cacert.is_some()),
            ("cert", self.cert.is_some()),
            ("key", self.key.is_some()),
            ("insecure", self.insecure),
        ];
        match given.iter().find(|(_, set)| *set) {
            Some((name, _)) => Err(Error::Configuration(format!(
                "{name} needs TLS: build keystone-v2 with its `rustls` (or `rustls-aws-lc`) feature"
            ))),
            None => Ok(b),
        }
    }

    #[cfg(feature = "__rustls")]
    fn tls(&self, b: reqwest::ClientBuilder) -> Result<reqwest::ClientBuilder> {
        let ca = match &self.cacert {
            Some(ca) => Some(ca.read("CA certificate")?),
            None => None,
        };
        let identity = match (&self.cert, &self.key) {
            (Some(cert), key) => {
                let mut pem = cert.read("client certificate")?;
                if let Some(key) = key {
                    pem.push(b'\n');
                    pem.extend(key.read("client key")?);
                }
                Some(pem)
            }
            (None, Some(_)) => {
                return Err(Error::Configuration(
                    "a client key needs a client certificate (cert)".into(),
                ))
            }
            (None, None) => None,
        };
        // Every client gets its rustls configuration, with the crate's crypto provider, from
        // src/tls.rs (reqwest has none of its own); one trusting the platform's store loads
        // it at the first certificate to verify, once per process.
        let config = crate::tls::config(ca.as_deref(), self.insecure, identity.as_deref())?;
        Ok(b.tls_backend_preconfigured(config))
    }
}
