//! Logging with every secret redacted, the curl-style request line, and timings.

use std::time::Instant;

use super::call::call_secrets;
use super::hooks::Hooks;
use super::policy::{request_id, RequestTiming, Shared};
use crate::redact;

/// Bodies in debug logs are cut to this many characters.
pub(super) const LOG_BODY: usize = 4096;

/// Logs a request on `keystone_v2::request` (its headers too with `debug`), its body on
/// `keystone_v2::body` (with `debug`), and the curl-style line (with `log_curl`), every
/// secret redacted. Nothing is computed unless the target is enabled.
pub(super) fn log_request(op: &str, request: &reqwest::Request, hooks: &Hooks) {
    if !tracing::enabled!(target: "keystone_v2::request", tracing::Level::DEBUG) {
        return;
    }
    let url = redact::url(request.url().as_str());
    if !hooks.settings.debug && !hooks.settings.log_curl {
        tracing::debug!(target: "keystone_v2::request", operation = op, method = %request.method(), url = %url, "request");
        return;
    }
    let secrets = &call_secrets();
    let shown = |k: &reqwest::header::HeaderName, v: &reqwest::header::HeaderValue| {
        if v.is_sensitive() || redact::secret_header(k.as_str()) {
            None
        } else {
            Some(redact::text(
                &String::from_utf8_lossy(v.as_bytes()),
                secrets,
            ))
        }
    };
    let body = request
        .body()
        .map(|b| match b.as_bytes() {
            Some(bytes) => redact::text(&redact::body(bytes, LOG_BODY), secrets),
            None => "<streamed body>".to_owned(),
        })
        .unwrap_or_default();
    if hooks.settings.debug {
        let headers: Vec<String> = request
            .headers()
            .iter()
            .map(|(k, v)| {
                format!(
                    "{k}: {}",
                    shown(k, v).as_deref().unwrap_or(redact::REDACTED)
                )
            })
            .collect();
        tracing::debug!(target: "keystone_v2::request", operation = op, method = %request.method(), url = %url, headers = %headers.join("; "), "request");
        if !body.is_empty() {
            tracing::debug!(target: "keystone_v2::body", operation = op, direction = "request", body = %body, "request body");
        }
    }
    if hooks.settings.log_curl {
        tracing::debug!(target: "keystone_v2::request", operation = op, "{}", curl_line(request, &url, &body, hooks, &shown));
    }
}

/// keystoneauth's request line: `curl -g -i [--insecure] -X METHOD "url" -H "k: v" ... -d 'body'`,
/// headers sorted, credentials as `{SHA256}<hex>`, the URL and the body redacted.
pub(super) fn curl_line(
    request: &reqwest::Request,
    url: &str,
    body: &str,
    hooks: &Hooks,
    shown: &dyn Fn(&reqwest::header::HeaderName, &reqwest::header::HeaderValue) -> Option<String>,
) -> String {
    use sha2::Digest as _;
    let shared = &*hooks.shared;
    let mut line = String::from("curl -g -i");
    if shared.insecure {
        line.push_str(" --insecure");
    }
    line.push_str(&format!(" -X {} \"{url}\"", request.method()));
    let mut headers: Vec<(String, String)> = Vec::new();
    let all = request.headers().iter().chain(
        shared
            .default_headers
            .iter()
            .filter(|(k, _)| !request.headers().contains_key(*k)),
    );
    for (k, v) in all {
        let value = match shown(k, v) {
            Some(v) => v,
            None => {
                let digest = sha2::Sha256::digest(v.as_bytes());
                let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
                format!("{{SHA256}}{hex}")
            }
        };
        headers.push((k.as_str().to_owned(), value));
    }
    headers.sort();
    for (k, v) in headers {
        line.push_str(&format!(" -H \"{k}: {v}\""));
    }
    if !body.is_empty() {
        line.push_str(&format!(" -d '{body}'"));
    }
    line
}

/// Records one attempt's timing (for a client that keeps them). Out of line and cold: the
/// request path of a client without timings is kept compact.
#[cold]
#[inline(never)]
pub(super) fn record_timing(
    shared: &Shared,
    method: &reqwest::Method,
    url: Option<String>,
    status: Option<u16>,
    started: Option<Instant>,
) {
    shared.record(|| RequestTiming {
        method: method.to_string(),
        url: url.unwrap_or_default(),
        status,
        elapsed: started.map(|s| s.elapsed()).unwrap_or_default(),
    });
}

/// The response line (`keystone_v2::response`) and the request id (`keystone_v2::request_id`).
pub(super) fn log_response(
    op: &str,
    method: &reqwest::Method,
    response: &reqwest::Response,
    started: Option<Instant>,
) {
    let elapsed_ms = started.map_or(0, |s| s.elapsed().as_millis() as u64);
    let url = redact::url(response.url().as_str());
    let rid = request_id(response.headers());
    tracing::debug!(target: "keystone_v2::response", operation = op, method = %method, url = %url, status = response.status().as_u16(),
        elapsed_ms, request_id = rid.as_deref().unwrap_or(""), "response");
    if let Some(rid) = rid {
        if tracing::enabled!(target: "keystone_v2::request_id", tracing::Level::DEBUG) {
            tracing::debug!(target: "keystone_v2::request_id", operation = op, method = %method, url = %url, request_id = %rid,
                "{method} call to {op} for {url} used request id {rid}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> reqwest::Url {
        reqwest::Url::parse(s).unwrap()
    }

    #[test]
    fn the_curl_line_hashes_credentials_and_sorts_headers() {
        let mut request = reqwest::Request::new(
            reqwest::Method::POST,
            url("http://u:pw@h:5000/v2.0/tokens/abcdef"),
        );
        let mut token = reqwest::header::HeaderValue::from_static("tok123");
        token.set_sensitive(true);
        request.headers_mut().insert("x-auth-token", token);
        request.headers_mut().insert(
            "content-type",
            reqwest::header::HeaderValue::from_static("application/json"),
        );
        let hooks = Hooks::default();
        let shown = |k: &reqwest::header::HeaderName, v: &reqwest::header::HeaderValue| {
            (!(v.is_sensitive() || redact::secret_header(k.as_str())))
                .then(|| v.to_str().unwrap().to_owned())
        };
        let redacted = redact::url(request.url().as_str());
        let line = curl_line(&request, &redacted, "{\"a\": 1}", &hooks, &shown);
        assert!(
            line.starts_with("curl -g -i -X POST \"http://***@h:5000/v2.0/tokens/***\""),
            "{line}"
        );
        let ct = line.find("-H \"content-type").unwrap();
        let tok = line.find("-H \"x-auth-token: {SHA256}").unwrap();
        assert!(ct < tok, "sorted: {line}");
        assert!(!line.contains("tok123") && !line.contains("pw@"));
        assert!(line.ends_with(" -d '{\"a\": 1}'"), "{line}");
    }
}
