//! Helpers shared by the conformance tests: where the real Keystone is, raw clients bound to a
//! server, request signatures, and the scenario every server is run through (`scenario.rs`).
#![allow(dead_code)]

pub mod scenario;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use keystone_v2::generated::Client as Raw;
use keystone_v2::hooks::{Hooks, Recorder};

/// The real Keystone started by `scripts/keystone-server start`.
pub struct LiveEnv {
    /// Public API, ending in `/v2.0`.
    pub public_url: String,
    /// Admin API, ending in `/v2.0`.
    pub admin_url: String,
    /// The bootstrap admin's password.
    pub admin_password: String,
    /// The server's static admin token.
    pub admin_token: String,
}

fn var(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

impl LiveEnv {
    /// Reads `KS_PUBLIC_URL`, `KS_ADMIN_URL`, `KS_ADMIN_PASSWORD`, `KS_ADMIN_TOKEN` (with the
    /// defaults of `scripts/keystone-server`) and fails loudly when the server does not answer,
    /// so that a live test never passes without a server.
    pub async fn get() -> LiveEnv {
        let env = LiveEnv {
            public_url: var("KS_PUBLIC_URL", "http://127.0.0.1:5000/v2.0"),
            admin_url: var("KS_ADMIN_URL", "http://127.0.0.1:35357/v2.0"),
            admin_password: var("KS_ADMIN_PASSWORD", "secret"),
            admin_token: var("KS_ADMIN_TOKEN", "ADMIN"),
        };
        for url in [&env.public_url, &env.admin_url] {
            let reachable = reqwest::get(url.as_str())
                .await
                .map(|r| r.status().is_success())
                .unwrap_or(false);
            assert!(
                reachable,
                "no Keystone answers at {url}: start one with `scripts/keystone-server start`"
            );
        }
        env
    }

    /// The server root of the public API (the spec's paths start with `/v2.0`).
    pub fn public_root(&self) -> String {
        root(&self.public_url)
    }

    /// The server root of the admin API.
    pub fn admin_root(&self) -> String {
        root(&self.admin_url)
    }
}

/// A suffix for resource names that differs between runs and between calls in one process
/// (process id, a counter, and the time), so runs against one server never collide.
pub fn unique_suffix() -> String {
    static CALLS: AtomicU64 = AtomicU64::new(0);
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() % 100_000_000)
        .unwrap_or(0);
    format!(
        "{}-{}-{millis}",
        std::process::id(),
        CALLS.fetch_add(1, Ordering::Relaxed)
    )
}

/// `http://host:port/v2.0` -> `http://host:port`.
pub fn root(url: &str) -> String {
    url.trim_end_matches('/')
        .trim_end_matches("/v2.0")
        .to_owned()
}

/// A generated client on `root`, sending `token` (if any) and recording into `recorder`.
pub fn raw(root: &str, token: Option<&str>, recorder: &Arc<Recorder>) -> Raw {
    let hooks = match token {
        Some(t) => Hooks::with_token(t),
        None => Hooks::anonymous(),
    }
    .record(recorder.clone());
    let http = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("a reqwest client");
    Raw::new_with_client(root, http, hooks)
}

/// Removes object members whose value is null, an empty list or an empty object: for an
/// optional member they carry the same information as its absence (the generated types skip
/// them when serialising).
pub fn without_nulls(v: serde_json::Value) -> serde_json::Value {
    fn empty(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::Null => true,
            serde_json::Value::Array(a) => a.is_empty(),
            serde_json::Value::Object(m) => m.is_empty(),
            _ => false,
        }
    }
    match v {
        serde_json::Value::Object(m) => serde_json::Value::Object(
            m.into_iter()
                .filter(|(_, v)| !empty(v))
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        serde_json::Value::Array(a) => {
            serde_json::Value::Array(a.into_iter().map(without_nulls).collect())
        }
        other => other,
    }
}

/// EC2 signature version 2 (HMAC-SHA256), as keystoneclient's `Ec2Signer` computes it.
pub fn ec2_signature_v2(
    secret: &str,
    verb: &str,
    host: &str,
    path: &str,
    params: &std::collections::BTreeMap<String, String>,
) -> String {
    use base64::Engine as _;
    use hmac::Mac as _;
    const SAFE: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'~')
        .remove(b'.');
    let qs: Vec<String> = params
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                percent_encoding::utf8_percent_encode(k, SAFE),
                percent_encoding::utf8_percent_encode(v, SAFE)
            )
        })
        .collect();
    let to_sign = format!("{verb}\n{host}\n{path}\n{}", qs.join("&"));
    let mut mac =
        hmac::Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// An S3 v1 signature: `(token, signature)` where token is the URL-safe base64 of the string to
/// sign and signature the base64 of its HMAC-SHA1.
pub fn s3_signature_v1(secret: &str, string_to_sign: &str) -> (String, String) {
    use base64::Engine as _;
    use hmac::Mac as _;
    let mut mac =
        hmac::Hmac::<sha1::Sha1>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(string_to_sign.as_bytes());
    (
        base64::engine::general_purpose::URL_SAFE.encode(string_to_sign),
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()),
    )
}
