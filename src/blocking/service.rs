//! Blocking requests to a service of the catalog: [`Client::service`] gives a
//! [`ServiceClient`], the blocking twin of [`crate::ServiceClient`], with the same request
//! path (token, re-authentication after a 401, deadline, retries, rate limit, body cap,
//! redirect policy, timings, redaction) and the same rules for joining paths
//! ([`crate::service`]).
//!
//! ```no_run
//! # fn run(client: keystone_v2::blocking::Client) -> keystone_v2::Result<()> {
//! use std::io::Read as _;
//! let nova = client.service(keystone_v2::EndpointFilter::new("compute"));
//! let servers: serde_json::Value = nova.get("servers").query(&[("limit", "10")]).send()?.json()?;
//! let mut object = Vec::new();
//! let swift = client.service(keystone_v2::EndpointFilter::new("object-store"));
//! swift.get("backups/db.tar").send()?.read_to_end(&mut object).unwrap();
//! # Ok(()) }
//! ```

use std::io::Read;
use std::time::Duration;

use bytes::{Buf as _, Bytes};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode, Url};

use super::Client;
use crate::{EndpointFilter, Error, Result};

/// The size of the chunks [`ServiceRequest::body_reader`] reads.
const READ_CHUNK: usize = 64 * 1024;

/// `Debug` of a blocking type: that of the async value it wraps (`inner`), which shows no
/// secret.
macro_rules! debug_as_async {
    ($ty:ident) => {
        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_tuple(concat!("blocking::", stringify!($ty)))
                    .field(&self.inner)
                    .finish()
            }
        }
    };
}

impl Client {
    /// Blocking [`crate::Client::service`]: a handle to the service of the catalog that
    /// `filter` selects. Cheap; nothing is resolved until a request is sent.
    ///
    /// ```no_run
    /// # fn run(client: keystone_v2::blocking::Client) -> keystone_v2::Result<()> {
    /// let nova = client.service(keystone_v2::EndpointFilter::new("compute"));
    /// let r = nova.get("servers").send()?;
    /// println!("{} {}", r.status(), r.text()?);
    /// # Ok(()) }
    /// ```
    pub fn service(&self, filter: EndpointFilter) -> ServiceClient {
        ServiceClient {
            client: self.clone(),
            inner: self.inner.client.service(filter),
        }
    }
}

/// Blocking [`crate::ServiceClient`]: a handle to one service of the catalog, cheap to clone
/// (the client's session, connection pool and runtime are shared). Built by
/// [`Client::service`]; its `Debug` is the async handle's.
#[derive(Clone)]
pub struct ServiceClient {
    client: Client,
    inner: crate::ServiceClient,
}

debug_as_async!(ServiceClient);

/// The request constructors of [`ServiceClient`], one per method: `$method` is the
/// [`reqwest::Method`] constant, `$example` the body of the example.
macro_rules! constructors {
    ($( $name:ident => $method:ident, $example:literal; )*) => {
        impl ServiceClient {
            $(
                #[doc = concat!("A ", stringify!($method), " request: as [`crate::ServiceClient::",
                    stringify!($name), "`].")]
                #[doc = super::example!("client: keystone_v2::blocking::Client" => $example)]
                pub fn $name(&self, path: impl Into<String>) -> ServiceRequest {
                    self.request(Method::$method, path)
                }
            )*
        }

        #[cfg(test)]
        pub(crate) const CONSTRUCTORS: &[&str] = &[$(stringify!($name)),*];
    };
}

constructors! {
    get => GET, "let nova = client.service(keystone_v2::EndpointFilter::new(\"compute\"));\nlet flavors = nova.get(\"flavors\").send()?.text()?;";
    post => POST, "let nova = client.service(keystone_v2::EndpointFilter::new(\"compute\"));\nlet body = serde_json::json!({\"keypair\": {\"name\": \"deploy\"}});\nlet created = nova.post(\"os-keypairs\").json(&body).send()?;";
    put => PUT, "let swift = client.service(keystone_v2::EndpointFilter::new(\"object-store\"));\nswift.put(\"backups/db.tar\").body(std::fs::read(\"db.tar\").unwrap()).send()?;";
    patch => PATCH, "let glance = client.service(keystone_v2::EndpointFilter::new(\"image\"));\nglance.patch(\"v2/images/0b8e\")\n    .header(\"content-type\", \"application/openstack-images-v2.1-json-patch\")\n    .body(r#\"[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"base\"}]\"#)\n    .send()?;";
    delete => DELETE, "let nova = client.service(keystone_v2::EndpointFilter::new(\"compute\"));\nnova.delete(\"os-keypairs/deploy\").send()?;";
    head => HEAD, "let swift = client.service(keystone_v2::EndpointFilter::new(\"object-store\"));\nlet head = swift.head(\"backups\").send()?;\nprintln!(\"{:?}\", head.headers().get(\"x-container-object-count\"));";
}

impl ServiceClient {
    /// The filter that selects the endpoint: as [`crate::ServiceClient::filter`].
    ///
    /// ```no_run
    /// # fn f(client: keystone_v2::blocking::Client) {
    /// let nova = client.service(keystone_v2::EndpointFilter::new("compute"));
    /// assert_eq!(nova.filter().service_type, "compute");
    /// # }
    /// ```
    pub fn filter(&self) -> &EndpointFilter {
        self.inner.filter()
    }

    /// A request with `method` to `path`: as [`crate::ServiceClient::request`].
    ///
    /// ```no_run
    /// # fn run(client: keystone_v2::blocking::Client) -> keystone_v2::Result<()> {
    /// let swift = client.service(keystone_v2::EndpointFilter::new("object-store"));
    /// let r = swift.request(reqwest::Method::OPTIONS, "").send()?;
    /// # Ok(()) }
    /// ```
    pub fn request(&self, method: Method, path: impl Into<String>) -> ServiceRequest {
        ServiceRequest {
            client: self.client.clone(),
            inner: self.inner.request(method, path),
        }
    }

    super::blocking_fns! { "crate::" ServiceClient, |s| (s.client, s.inner);
        fn endpoint() -> Url =>
            "let url = client.service(keystone_v2::EndpointFilter::new(\"compute\")).endpoint()?;\nprintln!(\"nova is at {url}\");";
    }
}

/// Blocking [`crate::ServiceRequest`]: built by [`ServiceClient`]'s methods and sent with
/// [`ServiceRequest::send`]. A builder error (a body that does not serialize, an invalid
/// header) is returned by `send`, and nothing is sent. Its `Debug` is the async request's
/// (no header, no body).
#[must_use = "a request does nothing until it is sent"]
pub struct ServiceRequest {
    client: Client,
    inner: crate::ServiceRequest,
}

debug_as_async!(ServiceRequest);

/// The setters of [`ServiceRequest`], each forwarding to the async request's: `[generics]`
/// and `[where clauses]` are copied into the signature, `$example` is the call in the example.
macro_rules! setters {
    ($( fn $name:ident[$($generics:tt)*]($($arg:ident: $ty:ty),+) [$($bounds:tt)*] => $example:literal; )*) => {
        impl ServiceRequest {
            $(
                #[doc = concat!("As [`crate::ServiceRequest::", stringify!($name), "`].")]
                #[doc = super::example!("nova: keystone_v2::blocking::ServiceClient" =>
                    concat!("nova.", $example, ".send()?;"))]
                pub fn $name<$($generics)*>(self, $($arg: $ty),+) -> Self where $($bounds)* {
                    Self { client: self.client, inner: self.inner.$name($($arg),+) }
                }
            )*
        }

        #[cfg(test)]
        pub(crate) const SETTERS: &[&str] = &[$(stringify!($name)),*];
    };
}

setters! {
    fn json[T: serde::Serialize + ?Sized](body: &T) [] =>
        r#"post("servers/1/action").json(&serde_json::json!({"reboot": {"type": "SOFT"}}))"#;
    fn body[](body: impl Into<reqwest::Body>) [] => r#"put("c/o").body("contents")"#;
    fn query[T: serde::Serialize + ?Sized](query: &T) [] =>
        r#"get("servers").query(&[("limit", "1"), ("status", "ACTIVE")])"#;
    fn header[K, V](name: K, value: V) [HeaderName: TryFrom<K>, HeaderValue: TryFrom<V>] =>
        r#"get("servers").header("openstack-api-version", "compute 2.79")"#;
    fn timeout[](timeout: Duration) [] =>
        r#"get("servers").timeout(std::time::Duration::from_secs(5))"#;
}

impl ServiceRequest {
    /// A body streamed from `reader`, read in chunks of 64 KiB on the runtime's blocking
    /// threads as the request is sent (and not before). Like any streamed body it is sent
    /// once: a request with one is neither retried nor replayed after a 401. A read error
    /// ends the request with a transport error.
    ///
    /// ```no_run
    /// # fn run(swift: keystone_v2::blocking::ServiceClient) -> keystone_v2::Result<()> {
    /// let file = std::fs::File::open("db.tar").unwrap();
    /// swift.put("backups/db.tar").body_reader(file).send()?;
    /// # Ok(()) }
    /// ```
    pub fn body_reader(self, reader: impl Read + Send + 'static) -> Self {
        self.body(reqwest::Body::wrap_stream(reader_chunks(reader)))
    }

    /// Sends the request and returns the response's head: as [`crate::ServiceRequest::send`];
    /// the body is read from the [`ServiceResponse`].
    ///
    /// # Errors
    /// Those of [`crate::ServiceRequest::send`]: an error status is [`Error::Http`] with the
    /// status, the service's message and its request id.
    ///
    /// ```no_run
    /// # fn run(nova: keystone_v2::blocking::ServiceClient) -> keystone_v2::Result<()> {
    /// match nova.get("servers/0b8e").send() {
    ///     Ok(r) => println!("{}", r.text()?),
    ///     Err(e) if e.is_not_found() => println!("gone (request {:?})", e.request_id()),
    ///     Err(e) => return Err(e),
    /// }
    /// # Ok(()) }
    /// ```
    pub fn send(self) -> Result<ServiceResponse> {
        let inner = self.client.wait(self.inner.send())?;
        Ok(ServiceResponse {
            client: self.client,
            inner,
            pending: Bytes::new(),
        })
    }
}

/// `reader` as a stream of chunks, each read on a blocking thread of the current runtime
/// (the reader moves there and back), so that a slow reader never stalls the runtime's
/// worker. It ends at the first empty read or error.
fn reader_chunks<R: Read + Send + 'static>(
    reader: R,
) -> impl futures::Stream<Item = std::io::Result<Bytes>> + Send + 'static {
    futures::stream::try_unfold(Some(reader), |reader| async move {
        let Some(mut reader) = reader else {
            return Ok(None);
        };
        let (reader, read) = tokio::task::spawn_blocking(move || {
            let mut buffer = vec![0; READ_CHUNK];
            let read = loop {
                match reader.read(&mut buffer) {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    other => break other,
                }
            };
            buffer.truncate(*read.as_ref().unwrap_or(&0));
            (reader, read.map(|_| buffer))
        })
        .await
        .map_err(std::io::Error::other)?;
        match read? {
            chunk if chunk.is_empty() => Ok(None),
            chunk => Ok(Some((Bytes::from(chunk), Some(reader)))),
        }
    })
}

/// Blocking [`crate::ServiceResponse`]: a service's answer (a success status: errors are
/// [`Error::Http`]). Its body is read once, whole ([`ServiceResponse::bytes`],
/// [`ServiceResponse::text`], [`ServiceResponse::json`]), in chunks
/// ([`ServiceResponse::chunk`], [`ServiceResponse::bytes_stream`]) or through
/// [`std::io::Read`] (one chunk at a time), within the client's body size limit. Its `Debug`
/// is the async response's.
pub struct ServiceResponse {
    client: Client,
    inner: crate::ServiceResponse,
    /// The rest of the chunk that the last [`Read::read`] did not take.
    pending: Bytes,
}

debug_as_async!(ServiceResponse);

/// The accessors of [`ServiceResponse`]'s head, forwarding to the async response's.
macro_rules! head {
    ($( fn $name:ident() -> $ret:ty => $example:literal; )*) => {
        impl ServiceResponse {
            $(
                #[doc = concat!("As [`crate::ServiceResponse::", stringify!($name), "`].")]
                #[doc = super::example!("nova: keystone_v2::blocking::ServiceClient" =>
                    "let r = nova.get(\"servers\").send()?;", $example)]
                pub fn $name(&self) -> $ret {
                    self.inner.$name()
                }
            )*
        }

        #[cfg(test)]
        pub(crate) const HEAD: &[&str] = &[$(stringify!($name)),*];
    };
}

head! {
    fn status() -> StatusCode => "assert!(r.status().is_success());";
    fn headers() -> &HeaderMap => "println!(\"{:?}\", r.headers().get(\"content-type\"));";
    fn request_id() -> Option<String> => "println!(\"request id {:?}\", r.request_id());";
    fn url() -> String => "println!(\"{}\", r.url());";
    fn content_length() -> Option<u64> => "println!(\"{:?}\", r.content_length());";
}

impl ServiceResponse {
    /// The whole body (after what [`Read`] already took): as
    /// [`crate::ServiceResponse::bytes`].
    ///
    /// # Errors
    /// [`Error::ResponseTooLarge`] past the client's body size limit; transport errors.
    ///
    /// ```no_run
    /// # fn run(swift: keystone_v2::blocking::ServiceClient) -> keystone_v2::Result<()> {
    /// let object = swift.get("c/o").send()?.bytes()?;
    /// # Ok(()) }
    /// ```
    pub fn bytes(self) -> Result<Bytes> {
        let Self {
            client,
            inner,
            pending,
        } = self;
        let rest = client.wait(inner.bytes())?;
        Ok(if pending.is_empty() {
            rest
        } else {
            [pending, rest].concat().into()
        })
    }

    /// The whole body as text (invalid UTF-8 replaced): as [`crate::ServiceResponse::text`].
    ///
    /// # Errors
    /// As [`ServiceResponse::bytes`].
    ///
    /// ```no_run
    /// # fn run(nova: keystone_v2::blocking::ServiceClient) -> keystone_v2::Result<()> {
    /// println!("{}", nova.get("").send()?.text()?);
    /// # Ok(()) }
    /// ```
    pub fn text(self) -> Result<String> {
        if self.pending.is_empty() {
            return self.client.wait(self.inner.text());
        }
        Ok(String::from_utf8_lossy(&self.bytes()?).into_owned())
    }

    /// The whole body decoded from JSON: as [`crate::ServiceResponse::json`].
    ///
    /// # Errors
    /// As [`ServiceResponse::bytes`], and [`Error::InvalidResponse`] (with a redacted
    /// excerpt) for a body that is not the JSON expected. A body partly read through
    /// [`Read`] is an error too: what is left is not the JSON.
    ///
    /// ```no_run
    /// # fn run(nova: keystone_v2::blocking::ServiceClient) -> keystone_v2::Result<()> {
    /// let servers: serde_json::Value = nova.get("servers").send()?.json()?;
    /// # Ok(()) }
    /// ```
    pub fn json<T: serde::de::DeserializeOwned>(self) -> Result<T> {
        if !self.pending.is_empty() {
            return Err(Error::InvalidRequest(
                "the body was partly read through std::io::Read: it can no longer be decoded \
                 as JSON"
                    .into(),
            ));
        }
        self.client.wait(self.inner.json())
    }

    /// The next chunk of the body, or `None` at its end: as
    /// [`crate::ServiceResponse::chunk`]. What [`Read`] left of a chunk comes first.
    ///
    /// # Errors
    /// As [`ServiceResponse::bytes`].
    ///
    /// ```no_run
    /// # fn run(swift: keystone_v2::blocking::ServiceClient) -> keystone_v2::Result<()> {
    /// let mut r = swift.get("c/big").send()?;
    /// let mut total = 0;
    /// while let Some(chunk) = r.chunk()? { total += chunk.len(); }
    /// # Ok(()) }
    /// ```
    pub fn chunk(&mut self) -> Result<Option<Bytes>> {
        if !self.pending.is_empty() {
            return Ok(Some(std::mem::take(&mut self.pending)));
        }
        self.client.wait(self.inner.chunk())
    }

    /// The body as an iterator of chunks (the blocking form of
    /// [`crate::ServiceResponse::bytes_stream`]): each `next` waits for one chunk; the first
    /// error ends it.
    ///
    /// ```no_run
    /// # fn run(swift: keystone_v2::blocking::ServiceClient) -> keystone_v2::Result<()> {
    /// for chunk in swift.get("c/big").send()?.bytes_stream() {
    ///     let _ = chunk?;
    /// }
    /// # Ok(()) }
    /// ```
    pub fn bytes_stream(mut self) -> impl Iterator<Item = Result<Bytes>> + Send + 'static {
        let mut done = false;
        std::iter::from_fn(move || {
            if done {
                return None;
            }
            let next = self.chunk().transpose();
            done = !matches!(next, Some(Ok(_)));
            next
        })
    }
}

/// Reads the body one chunk at a time: a `read` that finds nothing left of the last chunk
/// waits for the next one (within the client's body size limit). An error of the body is an
/// [`std::io::Error`] of kind `Other` wrapping the [`Error`].
impl Read for ServiceResponse {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        // An empty chunk is not the end of the body: wait for the next one.
        while self.pending.is_empty() {
            match self.client.wait(self.inner.chunk()) {
                Ok(Some(chunk)) => self.pending = chunk,
                Ok(None) => return Ok(0),
                Err(e) => return Err(std::io::Error::other(e)),
            }
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.advance(n);
        Ok(n)
    }
}
