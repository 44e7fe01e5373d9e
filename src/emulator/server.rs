//! The HTTP side: one accept loop per API, one hyper connection per client connection (so that a
//! fault can close it without an answer), and the translation between HTTP and the handlers
//! (Keystone's headers, HEAD, fault injection).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use bytes::Bytes;
use http::header::{
    HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE, HOST, RETRY_AFTER, VARY,
    WWW_AUTHENTICATE,
};
use http::{Method, Request, Response, StatusCode};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::task::JoinSet;

use super::dialect::Dialect;
use super::faults::{Fault, FaultKind};
use super::handlers::{dispatch, Env};
use super::routes::{route, Op};
use super::shared::{lock, Shared};
use super::wire::{error_body, parse_body, parse_query, Ctx, KsError, Reply};
use crate::operations::Api;

/// Keystone's `[DEFAULT] max_request_body_size`.
const MAX_BODY: usize = 114_688;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-openstack-request-id");

/// Serves `api` on `listener` until the returned task is aborted; aborting it also closes every
/// connection it accepted.
pub(crate) fn spawn(
    listener: TcpListener,
    api: Api,
    shared: Arc<Shared>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(accept_loop(listener, api, shared))
}

async fn accept_loop(listener: TcpListener, api: Api, shared: Arc<Shared>) {
    let local = listener.local_addr().ok();
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    // Answers go out at once: with Nagle's algorithm a keep-alive client that
                    // waits for each answer can meet the peer's delayed ACK (~40 ms).
                    if let Err(e) = stream.set_nodelay(true) {
                        tracing::debug!("keystone emulator: cannot set TCP_NODELAY: {e}");
                    }
                    connections.spawn(serve_connection(stream, api, local, shared.clone()));
                }
                Err(e) => {
                    // Out of file descriptors and the like: wait a little and go on.
                    tracing::debug!("keystone emulator: accept failed: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                }
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

async fn serve_connection(
    stream: TcpStream,
    api: Api,
    local: Option<SocketAddr>,
    shared: Arc<Shared>,
) {
    let kill = Arc::new(Notify::new());
    let service = {
        let kill = kill.clone();
        hyper::service::service_fn(move |req: Request<Incoming>| {
            let (shared, kill) = (shared.clone(), kill.clone());
            async move { Ok::<_, Infallible>(handle(&shared, api, local, req, &kill).await) }
        })
    };
    let connection =
        hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        result = connection => {
            if let Err(e) = result {
                tracing::debug!("keystone emulator: connection ended: {e}");
            }
        }
        // A `drop_connection` fault: dropping the connection closes the socket unanswered.
        () = kill.notified() => {}
    }
}

/// One request: counted, possibly faulted, then answered like Keystone.
async fn handle(
    shared: &Shared,
    api: Api,
    local: Option<SocketAddr>,
    req: Request<Incoming>,
    kill: &Notify,
) -> Response<Body> {
    let (parts, body) = req.into_parts();
    let fault = lock(&shared.monitor).observe(api, parts.method.as_str(), parts.uri.path());
    let mut truncate = false;
    if let Some(fault) = fault {
        if let Some(delay) = fault.delay {
            tokio::time::sleep(delay).await;
        }
        match fault.kind {
            FaultKind::Drop => {
                kill.notify_one();
                return std::future::pending().await;
            }
            FaultKind::Status(_) | FaultKind::NotJson => {
                return fault_response(&fault, &parts, local)
            }
            FaultKind::Slow => {}
            FaultKind::TruncatedJson => truncate = true,
        }
    }
    let bytes = match axum::body::to_bytes(Body::new(body), MAX_BODY).await {
        Ok(bytes) => bytes,
        Err(_) => {
            let e = KsError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("Request is too large. Larger than max_request_body_size ({MAX_BODY})."),
            );
            return render(
                &parts.method,
                Err(e),
                &host_url(&parts.headers, local),
                false,
                shared.dialect,
            );
        }
    };
    let path = parts.uri.path();
    let echoed = (shared.compute && path.starts_with(super::routes::COMPUTE_PREFIX))
        || (shared.dialect == Dialect::Rackspace
            && path.starts_with(super::rackspace::RACKSPACE_PREFIX));
    let response = if echoed {
        super::compute::respond(shared, &parts, &bytes, &host_url(&parts.headers, local))
    } else {
        respond(shared, api, local, &parts, &bytes)
    };
    if truncate {
        truncated(response).await
    } else {
        response
    }
}

/// `http://host[:port]` as the client addressed the server.
fn host_url(headers: &http::HeaderMap, local: Option<SocketAddr>) -> String {
    match headers.get(HOST).and_then(|h| h.to_str().ok()) {
        Some(host) => format!("http://{host}"),
        None => local.map_or_else(|| "http://localhost".to_owned(), |a| format!("http://{a}")),
    }
}

/// The path and query of a request, as Keystone quotes them in a 404.
fn request_target(uri: &http::Uri) -> &str {
    uri.path_and_query().map_or("/", |p| p.as_str())
}

/// Keystone's answer to a request.
fn respond(
    shared: &Shared,
    api: Api,
    local: Option<SocketAddr>,
    parts: &http::request::Parts,
    body: &Bytes,
) -> Response<Body> {
    let host_url = host_url(&parts.headers, local);
    let method = &parts.method;
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .map(|t| String::from_utf8_lossy(t.as_bytes()).into_owned())
    };
    let ctx = Ctx {
        api,
        host_url,
        query: parse_query(parts.uri.query().unwrap_or("")),
        token: header("x-auth-token"),
        session_id: header("x-sessionid"),
        dialect: shared.dialect,
    };
    let decoded = percent_encoding::percent_decode_str(parts.uri.path()).decode_utf8_lossy();
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    let outcome = parse_body(&parts.headers, body).and_then(|body| {
        let op = route(api, method, &segments).ok_or_else(|| {
            KsError::new(
                StatusCode::NOT_FOUND,
                format!(
                    "({}{}): The resource could not be found.",
                    ctx.host_url,
                    request_target(&parts.uri)
                ),
            )
        })?;
        op.signature().check(&body, op.path_params())?;
        let root = op == Op::Versions;
        let now = shared.clock.now();
        let mut state = lock(&shared.state);
        let caller = state.caller(ctx.token.as_deref(), &shared.admin_token, now);
        let mut env = Env {
            state: &mut state,
            ctx: &ctx,
            caller,
            now,
        };
        dispatch(&mut env, op, &body).map(|reply| (reply, root))
    });
    match outcome {
        Ok((reply, root)) => render(method, Ok(reply), &ctx.host_url, root, ctx.dialect),
        Err(e) => render(method, Err(e), &ctx.host_url, false, ctx.dialect),
    }
}

/// Builds the HTTP response: Keystone's headers (`Vary: X-Auth-Token`, a request id, and
/// `WWW-Authenticate` on a 401); a HEAD keeps the would-be Content-Length without the body.
/// In Rackspace mode an error has the vendor's fault body.
fn render(
    method: &Method,
    outcome: Result<Reply, KsError>,
    host_url: &str,
    root: bool,
    dialect: Dialect,
) -> Response<Body> {
    let (status, content_type, body): (StatusCode, Option<&'static str>, Bytes) = match &outcome {
        Ok(Reply::Json(status, value)) => (*status, Some("application/json"), json_bytes(value)),
        Ok(Reply::JsonBytes(status, bytes)) => (*status, Some("application/json"), bytes.clone()),
        Ok(Reply::Pem(pem)) => (
            StatusCode::OK,
            Some("text/html; charset=UTF-8"),
            Bytes::from_static(pem.as_bytes()),
        ),
        Ok(Reply::NoContent) => (StatusCode::NO_CONTENT, None, Bytes::new()),
        Err(e) if dialect == Dialect::Rackspace => (
            e.status,
            Some("application/json"),
            json_bytes(&super::rackspace::fault_body(e.status, &e.message)),
        ),
        Err(e) => (e.status, Some("application/json"), json_bytes(&e.body())),
    };
    let mut response = Response::builder().status(status);
    if !matches!(outcome, Ok(Reply::Pem(_))) {
        response = response.header(VARY, HeaderValue::from_static("X-Auth-Token"));
    }
    if let Some(ct) = content_type {
        response = response.header(CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    if !root {
        response = response.header(REQUEST_ID, request_id());
    }
    if status == StatusCode::UNAUTHORIZED {
        let challenge = match &outcome {
            Err(KsError {
                challenge: Some(c), ..
            }) => HeaderValue::from_str(c).ok(),
            _ => None,
        };
        let value = challenge.unwrap_or_else(|| www_authenticate(host_url));
        response = response.header(WWW_AUTHENTICATE, value);
    }
    let built = if method == Method::HEAD && !body.is_empty() {
        response
            .header(CONTENT_LENGTH, body.len())
            .body(Body::empty())
    } else {
        response.body(Body::from(body))
    };
    built.unwrap_or_else(|_| internal_error())
}

/// A JSON body, written straight into bytes (`Value`'s `Display` goes through a
/// `fmt::Formatter`, which is slower).
fn json_bytes(value: &serde_json::Value) -> Bytes {
    serde_json::to_vec(value).map_or_else(|_| Bytes::new(), Bytes::from)
}

/// `req-<uuid4>`, Keystone's request id.
fn request_id() -> HeaderValue {
    let mut id = [0u8; 4 + uuid::fmt::Hyphenated::LENGTH];
    id[..4].copy_from_slice(b"req-");
    super::state::random_uuid()
        .hyphenated()
        .encode_lower(&mut id[4..]);
    HeaderValue::from_bytes(&id).unwrap_or_else(|_| HeaderValue::from_static("req-"))
}

fn www_authenticate(host_url: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("Keystone uri=\"{host_url}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("Keystone uri=\"http://localhost\""))
}

fn internal_error() -> Response<Body> {
    let mut response = Response::new(Body::from(
        error_body(
            StatusCode::INTERNAL_SERVER_ERROR,
            "An unexpected error prevented the server from fulfilling your request.",
        )
        .to_string(),
    ));
    *response.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    response
}

/// The answer of a [`Fault::status`] or [`Fault::not_json`].
fn fault_response(
    fault: &Fault,
    parts: &http::request::Parts,
    local: Option<SocketAddr>,
) -> Response<Body> {
    let host_url = host_url(&parts.headers, local);
    let (status, content_type, body) = match fault.kind {
        FaultKind::Status(code) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let reason = status.canonical_reason().unwrap_or("Error");
            if fault.html {
                let page = format!(
                    "<html><head><title>{} {reason}</title></head><body><h1>{} {reason}</h1>\
                     <p>The server encountered an error.</p></body></html>\n",
                    status.as_u16(),
                    status.as_u16()
                );
                (status, "text/html; charset=UTF-8", page)
            } else {
                let message = match status.as_u16() {
                    401 => KsError::unauthorized().message,
                    403 => KsError::forbidden().message,
                    404 => format!(
                        "({host_url}{}): The resource could not be found.",
                        request_target(&parts.uri)
                    ),
                    500 => KsError::unexpected().message,
                    503 => "The service is temporarily unavailable.".to_owned(),
                    _ => reason.to_owned(),
                };
                (
                    status,
                    "application/json",
                    error_body(status, &message).to_string(),
                )
            }
        }
        _ => (
            StatusCode::OK,
            "text/html; charset=UTF-8",
            "<!DOCTYPE html>\n<html><head><title>Welcome</title></head>\
             <body><p>This is not the Keystone API.</p></body></html>\n"
                .to_owned(),
        ),
    };
    let mut response = Response::builder()
        .status(status)
        .header(CONTENT_TYPE, content_type)
        .header(VARY, "X-Auth-Token")
        .header(REQUEST_ID, request_id());
    if status == StatusCode::UNAUTHORIZED {
        response = response.header(WWW_AUTHENTICATE, www_authenticate(&host_url));
    }
    if let Some(value) = &fault.retry_after {
        response = response.header(RETRY_AFTER, value.as_str());
    }
    let body = if parts.method == Method::HEAD {
        Body::empty()
    } else {
        Body::from(body)
    };
    response.body(body).unwrap_or_else(|_| internal_error())
}

/// The first half of a response's body (a [`Fault::truncated_json`]).
async fn truncated(response: Response<Body>) -> Response<Body> {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    if bytes.is_empty() {
        return Response::from_parts(parts, Body::empty());
    }
    let cut = bytes.slice(..bytes.len() / 2);
    parts.headers.remove(CONTENT_LENGTH);
    parts
        .headers
        .insert(CONTENT_LENGTH, HeaderValue::from(cut.len()));
    Response::from_parts(parts, Body::from(cut))
}
