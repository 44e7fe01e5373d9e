//! Authenticated requests to any service of the catalog (compute, object storage, image, ...):
//! keystoneauth's `Session` / `Adapter` for the services a Keystone v2.0 token opens.
//!
//! [`crate::Client::service`] gives a [`ServiceClient`] for an [`EndpointFilter`]; its
//! requests take the same path as every identity call: the session's token (renewed before
//! it expires, and once after a 401 with one replay of the request), the call's deadline,
//! retries of the retriable statuses with `Retry-After` or backoff, the rate limit and the
//! concurrency cap, the body size limit, the redirect policy (credentials never leave the
//! endpoint's origin), timings, and logs with every secret redacted.
//!
//! # How paths are joined
//!
//! A path is always relative to the endpoint's URL, which is never cut: with the endpoint
//! `http://h/compute/v2.1/abc`, `servers`, `/servers` and `servers/` give
//! `http://h/compute/v2.1/abc/servers` (and `servers/`), and `""` the endpoint itself. (This
//! is not RFC 3986 reference resolution, where `/servers` would replace the whole path and
//! `servers` the last segment.) A path may carry a query (`servers?limit=1`). Dot segments
//! that would climb out of the endpoint's path are refused. An absolute `http(s)://` URL (a
//! `links` entry of an answer) is used as it is when it has the endpoint's origin (scheme,
//! host, port); one of another origin is refused, and nothing is sent.
//!
//! ```no_run
//! # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
//! use keystone_v2::EndpointFilter;
//! let nova = client.service(EndpointFilter::new("compute").region("RegionOne"));
//! let servers: serde_json::Value = nova
//!     .get("servers/detail")
//!     .query(&[("limit", "10")])
//!     .send()
//!     .await?
//!     .json()
//!     .await?;
//! # Ok(()) }
//! ```

use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::Method;

use crate::catalog::EndpointFilter;
use crate::client::Client;
use crate::{engine, redact, Error, Result};

/// The operation name of service requests in records ([`crate::engine::Exchange`]) and errors.
pub const SERVICE_OPERATION: &str = "service_request";

/// A handle to one service of the catalog: cheap to clone (the client's session and
/// connection pool are shared). Built by [`crate::Client::service`].
#[derive(Clone)]
pub struct ServiceClient {
    client: Client,
    filter: std::sync::Arc<EndpointFilter>,
}

impl Client {
    /// A handle for requests to the service that `filter` selects in the catalog (or its
    /// [`crate::ClientBuilder::endpoint_override`]), with the session's token and this client's
    /// request path: retries, deadline, rate limit, concurrency cap, body limit, redirect
    /// policy, timings and redacted logs. Cheap; nothing is resolved until a request is sent.
    /// See [`crate::service`] for how paths are joined.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// use keystone_v2::{EndpointFilter, Interface};
    /// let nova = client.service(EndpointFilter::new("compute").interface(Interface::Internal));
    /// let r = nova.get("servers").send().await?;
    /// println!("{} {}", r.status(), r.text().await?);
    /// # Ok(()) }
    /// ```
    pub fn service(&self, filter: EndpointFilter) -> ServiceClient {
        ServiceClient::new(self.clone(), filter)
    }
}

impl std::fmt::Debug for ServiceClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceClient")
            .field("filter", &*self.filter)
            .finish_non_exhaustive()
    }
}

impl ServiceClient {
    pub(crate) fn new(client: Client, filter: EndpointFilter) -> Self {
        Self {
            client,
            filter: std::sync::Arc::new(filter),
        }
    }

    /// The filter that selects the endpoint.
    ///
    /// ```no_run
    /// # fn f(client: keystone_v2::Client) {
    /// let nova = client.service(keystone_v2::EndpointFilter::new("compute"));
    /// assert_eq!(nova.filter().service_type, "compute");
    /// # }
    /// ```
    pub fn filter(&self) -> &EndpointFilter {
        &self.filter
    }

    /// The endpoint's URL: the [`crate::ClientBuilder::endpoint_override`] of the service type,
    /// else the first catalog URL that matches the filter (the client's region when the
    /// filter names none). Authenticates first if needed, within the client's timeout.
    ///
    /// # Errors
    /// [`Error::EndpointNotFound`] naming the filter and listing the candidates,
    /// [`Error::EmptyCatalog`] for an unscoped token or a client without a catalog (a static
    /// token), an authentication error, or [`Error::Configuration`] for an unusable URL.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let url = client.service(keystone_v2::EndpointFilter::new("compute")).endpoint().await?;
    /// println!("nova is at {url}");
    /// # Ok(()) }
    /// ```
    pub async fn endpoint(&self) -> Result<reqwest::Url> {
        engine::within(
            self.client.timeout(),
            &self.filter.service_type,
            self.resolve(),
        )
        .await
    }

    async fn resolve(&self) -> Result<reqwest::Url> {
        let shared = &self.client.shared;
        let needed = shared.needs_auth(&shared.read());
        if needed {
            shared.ensure_token().await?;
        }
        if let Some(url) = shared
            .config
            .endpoint_overrides
            .get(&self.filter.service_type)
        {
            return Ok(url.clone());
        }
        let url = {
            let s = shared.read();
            match &s.access {
                Some(access) => access.service_catalog().url_for(&self.filter)?,
                None => {
                    return Err(Error::EmptyCatalog(format!(
                        "the client has no service catalog (it uses a static token): give an endpoint_override for {}",
                        self.filter.service_type
                    )))
                }
            }
        };
        reqwest::Url::parse(&url).map_err(|e| {
            Error::Configuration(format!(
                "the catalog URL {:?} of {} is not a URL: {e}",
                redact::url(&url),
                self.filter.service_type
            ))
        })
    }

    /// A request with `method` to `path` (joined to the endpoint as the module documentation
    /// says).
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let swift = client.service(keystone_v2::EndpointFilter::new("object-store"));
    /// let r = swift.request(reqwest::Method::OPTIONS, "").send().await?;
    /// # Ok(()) }
    /// ```
    pub fn request(&self, method: Method, path: impl Into<String>) -> ServiceRequest {
        ServiceRequest {
            service: self.clone(),
            method,
            path: path.into(),
            headers: HeaderMap::new(),
            query: None,
            body: None,
            timeout: None,
            error: None,
        }
    }

    /// A GET request.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let nova = client.service(keystone_v2::EndpointFilter::new("compute"));
    /// let flavors = nova.get("flavors").send().await?.text().await?;
    /// # Ok(()) }
    /// ```
    pub fn get(&self, path: impl Into<String>) -> ServiceRequest {
        self.request(Method::GET, path)
    }

    /// A POST request.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let nova = client.service(keystone_v2::EndpointFilter::new("compute"));
    /// let body = serde_json::json!({"keypair": {"name": "deploy"}});
    /// let created = nova.post("os-keypairs").json(&body).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn post(&self, path: impl Into<String>) -> ServiceRequest {
        self.request(Method::POST, path)
    }

    /// A PUT request.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let swift = client.service(keystone_v2::EndpointFilter::new("object-store"));
    /// swift.put("backups/db.tar").body(std::fs::read("db.tar").unwrap()).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn put(&self, path: impl Into<String>) -> ServiceRequest {
        self.request(Method::PUT, path)
    }

    /// A PATCH request.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let glance = client.service(keystone_v2::EndpointFilter::new("image"));
    /// glance.patch("v2/images/0b8e")
    ///     .header("content-type", "application/openstack-images-v2.1-json-patch")
    ///     .body(r#"[{"op": "replace", "path": "/name", "value": "base"}]"#)
    ///     .send().await?;
    /// # Ok(()) }
    /// ```
    pub fn patch(&self, path: impl Into<String>) -> ServiceRequest {
        self.request(Method::PATCH, path)
    }

    /// A DELETE request.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let nova = client.service(keystone_v2::EndpointFilter::new("compute"));
    /// nova.delete("os-keypairs/deploy").send().await?;
    /// # Ok(()) }
    /// ```
    pub fn delete(&self, path: impl Into<String>) -> ServiceRequest {
        self.request(Method::DELETE, path)
    }

    /// A HEAD request.
    ///
    /// ```no_run
    /// # async fn run(client: keystone_v2::Client) -> keystone_v2::Result<()> {
    /// let swift = client.service(keystone_v2::EndpointFilter::new("object-store"));
    /// let head = swift.head("backups").send().await?;
    /// println!("{:?}", head.headers().get("x-container-object-count"));
    /// # Ok(()) }
    /// ```
    pub fn head(&self, path: impl Into<String>) -> ServiceRequest {
        self.request(Method::HEAD, path)
    }
}

/// A request to a service, built by [`ServiceClient`]'s methods and sent with
/// [`ServiceRequest::send`]. A builder error (a body that does not serialize, an invalid
/// header) is returned by `send`, and nothing is sent.
#[must_use = "a request does nothing until it is sent"]
pub struct ServiceRequest {
    service: ServiceClient,
    method: Method,
    path: String,
    headers: HeaderMap,
    query: Option<String>,
    body: Option<reqwest::Body>,
    timeout: Option<Duration>,
    error: Option<Error>,
}

impl std::fmt::Debug for ServiceRequest {
    // Headers and body may hold credentials: neither is shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceRequest")
            .field("service_type", &self.service.filter.service_type)
            .field("method", &self.method)
            .field("path", &redact::url(&self.path))
            .finish_non_exhaustive()
    }
}

impl ServiceRequest {
    /// A JSON body (and `Content-Type: application/json`).
    ///
    /// ```no_run
    /// # async fn run(nova: keystone_v2::ServiceClient) -> keystone_v2::Result<()> {
    /// nova.post("servers/1/action").json(&serde_json::json!({"reboot": {"type": "SOFT"}})).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn json<T: serde::Serialize + ?Sized>(mut self, body: &T) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => {
                self.headers.insert(
                    reqwest::header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                );
                self.body = Some(bytes.into());
            }
            Err(e) => {
                self.error = Some(Error::InvalidRequest(format!(
                    "the JSON body does not serialize: {e}; nothing was sent"
                )))
            }
        }
        self
    }

    /// A body: bytes (`Vec<u8>`, `Bytes`, `String`, `&'static str`), or a stream
    /// (`reqwest::Body::wrap_stream`). A streamed body is sent once: a request with one is
    /// neither retried nor replayed after a 401 (the error is returned instead).
    ///
    /// ```no_run
    /// # async fn run(swift: keystone_v2::ServiceClient) -> keystone_v2::Result<()> {
    /// let chunks = futures::stream::iter(vec![Ok::<_, std::io::Error>(bytes::Bytes::from("part"))]);
    /// swift.put("c/o").body(reqwest::Body::wrap_stream(chunks)).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn body(mut self, body: impl Into<reqwest::Body>) -> Self {
        self.body = Some(body.into());
        self
    }

    /// Query parameters (anything `serde_urlencoded` takes: pairs, a map, a struct), added
    /// after any query the path has.
    ///
    /// ```no_run
    /// # async fn run(nova: keystone_v2::ServiceClient) -> keystone_v2::Result<()> {
    /// nova.get("servers").query(&[("limit", "1"), ("status", "ACTIVE")]).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn query<T: serde::Serialize + ?Sized>(mut self, query: &T) -> Self {
        match serde_urlencoded::to_string(query) {
            Ok(q) if q.is_empty() => {}
            Ok(q) => {
                self.query = Some(match self.query.take() {
                    Some(prev) => format!("{prev}&{q}"),
                    None => q,
                })
            }
            Err(e) => {
                self.error = Some(Error::InvalidRequest(format!(
                    "the query does not serialize: {e}; nothing was sent"
                )))
            }
        }
        self
    }

    /// A header (replacing one of the same name). The session's `X-Auth-Token` replaces any
    /// given here; `Authorization`, `X-Auth-Token` and the like are never logged.
    ///
    /// ```no_run
    /// # async fn run(nova: keystone_v2::ServiceClient) -> keystone_v2::Result<()> {
    /// nova.get("servers").header("openstack-api-version", "compute 2.79").send().await?;
    /// # Ok(()) }
    /// ```
    pub fn header<K, V>(mut self, name: K, value: V) -> Self
    where
        HeaderName: TryFrom<K>,
        HeaderValue: TryFrom<V>,
    {
        match (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            (Ok(name), Ok(mut value)) => {
                if redact::secret_header(name.as_str()) {
                    value.set_sensitive(true);
                }
                self.headers.insert(name, value);
            }
            _ => {
                self.error = Some(Error::InvalidRequest(
                    "a header name or value is not valid HTTP; nothing was sent".into(),
                ))
            }
        }
        self
    }

    /// The deadline of this call instead of the client's timeout: authentication, waits,
    /// retries and the replay after a 401 included.
    ///
    /// ```no_run
    /// # async fn run(nova: keystone_v2::ServiceClient) -> keystone_v2::Result<()> {
    /// nova.get("servers").timeout(std::time::Duration::from_secs(5)).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends the request and returns the response's head; the body is read from the
    /// [`ServiceResponse`] (within the client's body size limit).
    ///
    /// # Errors
    /// An error status is [`Error::Http`] with the status, the service's message (Keystone,
    /// nova or swift style bodies, HTML or text) and its request id (`x-openstack-request-id`
    /// or `x-compute-request-id`). Also: the endpoint's errors ([`ServiceClient::endpoint`]),
    /// [`Error::InvalidRequest`] for a path that leaves the endpoint (nothing sent),
    /// [`Error::Redirect`], [`Error::DeadlineExceeded`], transport errors.
    ///
    /// ```no_run
    /// # async fn run(nova: keystone_v2::ServiceClient) -> keystone_v2::Result<()> {
    /// match nova.get("servers/0b8e").send().await {
    ///     Ok(r) => println!("{}", r.text().await?),
    ///     Err(e) if e.is_not_found() => println!("gone (request {:?})", e.request_id()),
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn send(self) -> Result<ServiceResponse> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let client = self.service.client.clone();
        let timeout = self.timeout.unwrap_or_else(|| client.timeout());
        let service_type = self.service.filter.service_type.clone();
        engine::within(timeout, &service_type, async move {
            let base = self.service.resolve().await?;
            let mut url = join(&base, &self.path)?;
            if let Some(q) = &self.query {
                let all = match url.query() {
                    Some(existing) if !existing.is_empty() => format!("{existing}&{q}"),
                    _ => q.clone(),
                };
                url.set_query(Some(&all));
            }
            let shared = &client.shared;
            let mut request = reqwest::Request::new(self.method, url);
            *request.headers_mut() = self.headers;
            *request.body_mut() = self.body;
            shared
                .hooks()
                .insert_token(request.headers_mut())
                .map_err(|why| Error::InvalidRequest(why.to_owned()))?;
            let response = engine::execute(
                shared.http(),
                shared.hooks(),
                request,
                SERVICE_OPERATION,
                engine::Scan {
                    path: true,
                    body: true,
                    headers: true,
                },
            )
            .await
            .map_err(Error::transport)?;
            let status = response.status();
            if status.is_client_error() || status.is_server_error() {
                return Err(engine::http_error(status, response.headers(), (None, None)));
            }
            Ok(ServiceResponse { response })
        })
        .await
    }
}

/// Joins `path` to the endpoint `base` (see the module documentation).
pub(crate) fn join(base: &reqwest::Url, path: &str) -> Result<reqwest::Url> {
    let lower = path.get(..8).unwrap_or(path).to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        let url = reqwest::Url::parse(path).map_err(|e| {
            Error::InvalidRequest(format!("{:?} is not a URL: {e}", redact::url(path)))
        })?;
        let origin = |u: &reqwest::Url| {
            (
                u.scheme().to_owned(),
                u.host_str().map(str::to_owned),
                u.port_or_known_default(),
            )
        };
        if origin(&url) != origin(base) {
            return Err(Error::InvalidRequest(format!(
                "{} is not on the endpoint's origin {}: the token is sent to the endpoint only, so nothing was sent",
                redact::url(url.as_str()),
                base.origin().ascii_serialization()
            )));
        }
        return Ok(url);
    }
    let mut root = base.clone();
    root.set_query(None);
    root.set_fragment(None);
    let base_path = root.path().trim_end_matches('/').to_owned();
    let relative = path.trim_start_matches('/');
    let joined = if relative.is_empty() {
        root.to_string()
    } else {
        format!("{}/{relative}", root.as_str().trim_end_matches('/'))
    };
    let url = reqwest::Url::parse(&joined).map_err(|e| {
        Error::InvalidRequest(format!(
            "{:?} does not join the endpoint: {e}",
            redact::url(path)
        ))
    })?;
    let below = url.path() == base_path
        || url
            .path()
            .strip_prefix(base_path.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
    if !below {
        return Err(Error::InvalidRequest(format!(
            "{:?} leaves the endpoint's path {base_path:?}; nothing was sent",
            redact::url(path)
        )));
    }
    Ok(url)
}

/// A service's answer (a success status: errors are [`Error::Http`]). Its body is read once,
/// whole ([`ServiceResponse::bytes`], [`ServiceResponse::text`], [`ServiceResponse::json`]) or
/// in chunks ([`ServiceResponse::chunk`], [`ServiceResponse::bytes_stream`]), within the
/// client's body size limit and the request's timeout.
pub struct ServiceResponse {
    response: reqwest::Response,
}

impl std::fmt::Debug for ServiceResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceResponse")
            .field("status", &self.response.status())
            .field("url", &self.url())
            .field("request_id", &self.request_id())
            .finish_non_exhaustive()
    }
}

impl ServiceResponse {
    /// The status.
    ///
    /// ```no_run
    /// # async fn run(nova: keystone_v2::ServiceClient) -> keystone_v2::Result<()> {
    /// assert!(nova.get("servers").send().await?.status().is_success());
    /// # Ok(()) }
    /// ```
    pub fn status(&self) -> reqwest::StatusCode {
        self.response.status()
    }

    /// The headers.
    ///
    /// ```no_run
    /// # async fn run(nova: keystone_v2::ServiceClient) -> keystone_v2::Result<()> {
    /// let r = nova.get("servers").send().await?;
    /// println!("{:?}", r.headers().get("content-type"));
    /// # Ok(()) }
    /// ```
    pub fn headers(&self) -> &HeaderMap {
        self.response.headers()
    }

    /// The service's request id (`x-openstack-request-id`, else `x-compute-request-id`).
    ///
    /// ```no_run
    /// # async fn run(nova: keystone_v2::ServiceClient) -> keystone_v2::Result<()> {
    /// let r = nova.get("servers").send().await?;
    /// println!("request id {:?}", r.request_id());
    /// # Ok(()) }
    /// ```
    pub fn request_id(&self) -> Option<String> {
        engine::request_id(self.response.headers())
    }

    /// The final URL (after same-origin redirects), redacted.
    ///
    /// ```no_run
    /// # async fn run(nova: keystone_v2::ServiceClient) -> keystone_v2::Result<()> {
    /// println!("{}", nova.get("servers").send().await?.url());
    /// # Ok(()) }
    /// ```
    pub fn url(&self) -> String {
        redact::url(self.response.url().as_str())
    }

    /// The `Content-Length`, if the service sent one.
    ///
    /// ```no_run
    /// # async fn run(swift: keystone_v2::ServiceClient) -> keystone_v2::Result<()> {
    /// println!("{:?}", swift.head("c/o").send().await?.content_length());
    /// # Ok(()) }
    /// ```
    pub fn content_length(&self) -> Option<u64> {
        self.response.content_length()
    }

    /// The whole body.
    ///
    /// # Errors
    /// [`Error::ResponseTooLarge`] past the client's body size limit; transport errors.
    ///
    /// ```no_run
    /// # async fn run(swift: keystone_v2::ServiceClient) -> keystone_v2::Result<()> {
    /// let object = swift.get("c/o").send().await?.bytes().await?;
    /// # Ok(()) }
    /// ```
    pub async fn bytes(self) -> Result<Bytes> {
        self.response.bytes().await.map_err(Error::transport)
    }

    /// The whole body as text (invalid UTF-8 replaced).
    ///
    /// # Errors
    /// As [`ServiceResponse::bytes`].
    ///
    /// ```no_run
    /// # async fn run(nova: keystone_v2::ServiceClient) -> keystone_v2::Result<()> {
    /// println!("{}", nova.get("").send().await?.text().await?);
    /// # Ok(()) }
    /// ```
    pub async fn text(self) -> Result<String> {
        let bytes = self.bytes().await?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// The whole body decoded from JSON.
    ///
    /// # Errors
    /// As [`ServiceResponse::bytes`], and [`Error::InvalidResponse`] (with a redacted
    /// excerpt) for a body that is not the JSON expected.
    ///
    /// ```no_run
    /// # async fn run(nova: keystone_v2::ServiceClient) -> keystone_v2::Result<()> {
    /// let servers: serde_json::Value = nova.get("servers").send().await?.json().await?;
    /// # Ok(()) }
    /// ```
    pub async fn json<T: serde::de::DeserializeOwned>(self) -> Result<T> {
        let status = self.status().as_u16();
        let bytes = self.bytes().await?;
        serde_json::from_slice(&bytes).map_err(|e| {
            let secrets = redact::body_secrets(&bytes);
            Error::InvalidResponse {
                operation: SERVICE_OPERATION.to_owned(),
                status,
                message: format!("the body is not the JSON expected: {e}"),
                excerpt: redact::excerpt(&redact::error_excerpt(&bytes, 200), &secrets, 200),
            }
        })
    }

    /// The next chunk of the body, or `None` at its end: for bodies too large to hold.
    ///
    /// # Errors
    /// As [`ServiceResponse::bytes`].
    ///
    /// ```no_run
    /// # async fn run(swift: keystone_v2::ServiceClient) -> keystone_v2::Result<()> {
    /// let mut r = swift.get("c/big").send().await?;
    /// let mut total = 0;
    /// while let Some(chunk) = r.chunk().await? { total += chunk.len(); }
    /// # Ok(()) }
    /// ```
    pub async fn chunk(&mut self) -> Result<Option<Bytes>> {
        self.response.chunk().await.map_err(Error::transport)
    }

    /// The body as a stream of chunks.
    ///
    /// ```no_run
    /// # async fn run(swift: keystone_v2::ServiceClient) -> keystone_v2::Result<()> {
    /// use futures::StreamExt as _;
    /// let mut body = swift.get("c/big").send().await?.bytes_stream();
    /// while let Some(chunk) = body.next().await { let _ = chunk?; }
    /// # Ok(()) }
    /// ```
    pub fn bytes_stream(self) -> impl futures::Stream<Item = Result<Bytes>> + Send + 'static {
        futures::StreamExt::map(self.response.bytes_stream(), |c| {
            c.map_err(Error::transport)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::join;

    fn url(s: &str) -> reqwest::Url {
        reqwest::Url::parse(s).unwrap()
    }

    /// A blocking facade runs these futures on its own runtime thread: they must be `Send`.
    #[allow(dead_code)]
    fn futures_and_handles_are_send_and_sync(service: super::ServiceClient) {
        fn send<T: Send + 'static>(_: T) {}
        fn borrowing<T: Send>(_: T) {}
        fn sync<T: Send + Sync + Clone + 'static>(_: &T) {}
        sync(&service);
        send(service.get("x").send());
        borrowing(service.endpoint());
        send(async move {
            let mut r = service.get("x").send().await?;
            let _ = r.chunk().await?;
            r.bytes().await
        });
    }

    #[test]
    fn paths_join_below_the_endpoint_path_with_or_without_a_leading_slash() {
        let base = url("http://h/compute/v2.1/abc");
        for (path, want) in [
            ("servers", "http://h/compute/v2.1/abc/servers"),
            ("/servers", "http://h/compute/v2.1/abc/servers"),
            ("servers/", "http://h/compute/v2.1/abc/servers/"),
            ("", "http://h/compute/v2.1/abc"),
            (
                "servers?limit=1",
                "http://h/compute/v2.1/abc/servers?limit=1",
            ),
            ("a/../servers", "http://h/compute/v2.1/abc/servers"),
        ] {
            assert_eq!(join(&base, path).unwrap().as_str(), want, "{path}");
        }
        let slash = url("http://h/compute/v2.1/abc/");
        assert_eq!(
            join(&slash, "/servers").unwrap().as_str(),
            "http://h/compute/v2.1/abc/servers"
        );
        let root = url("http://h:8774");
        assert_eq!(join(&root, "/v2.1").unwrap().as_str(), "http://h:8774/v2.1");
    }

    #[test]
    fn paths_that_leave_the_endpoint_or_its_origin_are_refused() {
        let base = url("http://h/compute/v2.1/abc");
        for bad in [
            "../other",
            "../../../identity",
            // The URL parser reads these as `..` too: they must not climb out either.
            "%2e%2e/other",
            "%2E%2E/%2e%2e/identity",
            "..\\other",
            "servers/../../../identity",
            "http://evil/x",
            "https://h/compute/v2.1/abc",
            "http://h:8080/compute",
        ] {
            let err = join(&base, bad).unwrap_err();
            assert!(err.to_string().contains("nothing was sent"), "{bad}: {err}");
        }
        assert_eq!(
            join(&base, "HTTP://h/compute/v2.1/abc/servers/1")
                .unwrap()
                .as_str(),
            "http://h/compute/v2.1/abc/servers/1"
        );
        // `abcdef` is not below `abc`.
        assert!(join(&base, "../abcdef").is_err());
    }
}
