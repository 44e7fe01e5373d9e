//! The emulator's extra service (with [`super::EmulatorConfig::compute_service`]): a small
//! `compute` endpoint at `<origin>/compute/v2.1/<tenant_id>` on both listeners, so that
//! requests to a service of the catalog can be tested hermetically.
//!
//! It checks the `X-Auth-Token` as keystonemiddleware does (401 with `WWW-Authenticate` when
//! it is missing, unknown, expired or revoked; 403 for a user token scoped to another tenant
//! than the URL's), then echoes the request as JSON: `{"method", "path", "query", "headers",
//! "body", "tenant_id", "user_id"}` (headers without the token; a JSON body as JSON, any other
//! as text), with `x-compute-request-id` and `x-openstack-request-id` (one id). `GET`, `HEAD`
//! or `DELETE` of `servers/<id>` answers nova's 404 (`{"itemNotFound": ...}`): the emulator
//! has no servers. Faults injected with [`super::Control::inject`] apply (for example
//! `Match::prefix("*", "/compute")`).
//!
//! In Rackspace mode it also serves the vendor's catalog (`<origin>/rax/<host>/...`): any
//! path there is echoed the same way after the token check, with the token's tenant as
//! `tenant_id` (the URL's tenant is not compared: Cloud Files URLs name another tenant).

use axum::body::Body;
use bytes::Bytes;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE, WWW_AUTHENTICATE};
use http::{HeaderValue, Method, Response, StatusCode};
use serde_json::{json, Map, Value};

use super::rackspace::RACKSPACE_PREFIX;
use super::routes::COMPUTE_PREFIX;
use super::shared::{lock, Shared};
use super::state::Caller;

/// The compute service's answer to one request.
pub(crate) fn respond(
    shared: &Shared,
    parts: &http::request::Parts,
    body: &Bytes,
    host_url: &str,
) -> Response<Body> {
    let id = format!("req-{}", super::state::random_uuid().hyphenated());
    let (status, value) = answer(shared, parts, body);
    let text = value.to_string();
    let mut response = Response::builder()
        .status(status)
        .header(CONTENT_TYPE, "application/json")
        .header("x-compute-request-id", &id)
        .header("x-openstack-request-id", &id);
    if status == StatusCode::UNAUTHORIZED {
        if let Ok(v) = HeaderValue::from_str(&format!("Keystone uri=\"{host_url}\"")) {
            response = response.header(WWW_AUTHENTICATE, v);
        }
    }
    let built = if parts.method == Method::HEAD {
        response
            .header(CONTENT_LENGTH, text.len())
            .body(Body::empty())
    } else {
        response.body(Body::from(text))
    };
    built.unwrap_or_else(|_| Response::new(Body::empty()))
}

fn answer(shared: &Shared, parts: &http::request::Parts, body: &Bytes) -> (StatusCode, Value) {
    let token = parts
        .headers
        .get("x-auth-token")
        .and_then(|t| t.to_str().ok());
    let path = parts.uri.path();
    // /compute/v2.1/<tenant>/<rest...>
    let mut segments = path.trim_start_matches(COMPUTE_PREFIX).split('/');
    let (version, tenant) = (segments.next(), segments.next());
    let rest: Vec<&str> = segments.filter(|s| !s.is_empty()).collect();
    let now = shared.clock.now();
    let (user_id, scoped_to) = {
        let state = lock(&shared.state);
        match state.caller(token, &shared.admin_token, now) {
            Caller::Anonymous | Caller::Invalid => {
                return (
                    StatusCode::UNAUTHORIZED,
                    json!({"error": {"code": 401, "title": "Unauthorized",
                        "message": "The request you have made requires authentication."}}),
                )
            }
            Caller::AdminToken => (None, None),
            Caller::User(p) => {
                let project = token
                    .and_then(|t| state.valid_token(t, now))
                    .and_then(|t| t.project_id.clone());
                (Some(p.user_id), project)
            }
        }
    };
    if path.starts_with(RACKSPACE_PREFIX) {
        // A service of the Rackspace catalog: any path, on behalf of the token's tenant.
        return (
            StatusCode::OK,
            echo(parts, body, scoped_to.as_deref(), user_id),
        );
    }
    if version != Some("v2.1") || tenant.is_none_or(str::is_empty) {
        return (
            StatusCode::NOT_FOUND,
            json!({"itemNotFound": {"code": 404, "message": "The resource could not be found."}}),
        );
    }
    let tenant = tenant.unwrap_or_default();
    if user_id.is_some() && scoped_to.as_deref() != Some(tenant) {
        return (
            StatusCode::FORBIDDEN,
            json!({"forbidden": {"code": 403, "message": format!(
                "Project ID in the URL ({tenant}) does not match the token's project."
            )}}),
        );
    }
    if let ["servers", server] = rest.as_slice() {
        if matches!(parts.method, Method::GET | Method::HEAD | Method::DELETE) {
            return (
                StatusCode::NOT_FOUND,
                json!({"itemNotFound": {"code": 404,
                    "message": format!("Instance {server} could not be found.")}}),
            );
        }
    }
    (StatusCode::OK, echo(parts, body, Some(tenant), user_id))
}

/// The echo of a request: `{"method", "path", "query", "headers", "body", "tenant_id",
/// "user_id"}`, without the token.
fn echo(
    parts: &http::request::Parts,
    body: &Bytes,
    tenant: Option<&str>,
    user_id: Option<String>,
) -> Value {
    let headers: Map<String, Value> = parts
        .headers
        .iter()
        .filter(|(k, _)| k.as_str() != "x-auth-token")
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                Value::String(String::from_utf8_lossy(v.as_bytes()).into_owned()),
            )
        })
        .collect();
    let echoed_body = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(body)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(body).into_owned()))
    };
    json!({
        "method": parts.method.as_str(),
        "path": parts.uri.path(),
        "query": parts.uri.query().unwrap_or(""),
        "headers": headers,
        "body": echoed_body,
        "tenant_id": tenant,
        "user_id": user_id,
    })
}
