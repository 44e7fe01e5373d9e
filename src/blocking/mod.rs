//! A blocking Keystone v2.0 client (feature `blocking`), like reqwest's `blocking` module:
//! the same builder options, managers, results and [`Error`](crate::Error) as the async
//! [`crate::Client`], for scripts, command-line tools and other programs that have no async
//! runtime.
//!
//! ```no_run
//! # fn run() -> keystone_v2::Result<()> {
//! let client = keystone_v2::blocking::Client::builder()
//!     .auth_url("http://127.0.0.1:5000/v2.0")
//!     .username("admin").password("secret").tenant_name("admin")
//!     .build()?;
//! for tenant in client.tenants().list(Default::default())? {
//!     println!("{} {}", tenant.id, tenant.name);
//! }
//! let demo = client.tenants().create("demo", Default::default())?;
//! client.tenants().delete(&demo.id)?;
//! # Ok(()) }
//! ```
//!
//! Every method of the async client and of its managers has a blocking twin here with the
//! same name, arguments and result (a method that returns a stream, such as
//! [`crate::managers::TenantManager::list_all`], returns a `Vec`; a response body's
//! [`ServiceResponse::bytes_stream`] an iterator). [`Client::service`] gives a blocking
//! [`ServiceClient`] for the other services of the catalog. Everything the async client
//! does on the request path applies: the token lifecycle and the re-authentication after a
//! 401, routing, retries, the call deadline of [`ClientBuilder::timeout`], the body cap, the
//! redirect policy, redaction.
//!
//! # How it runs
//!
//! [`ClientBuilder::build`] starts a small Tokio runtime with one worker thread, shared by the
//! clones of the client. A call runs its future on the calling thread, with that runtime
//! entered: the worker drives the sockets and timers (and runs the connection tasks of the
//! HTTP client) and wakes the calling thread, which sleeps in between. So calls from several
//! threads run in parallel on those threads, arguments are borrowed rather than copied to
//! another thread, and the future is never required to be `'static`. Dropping the last clone
//! stops the runtime without waiting for it ([`tokio::runtime::Runtime::shutdown_background`]),
//! which is allowed anywhere, an async context included.
//!
//! # Inside an async runtime
//!
//! Do not use this client from async code: use [`crate::Client`] there, or call this one from
//! [`tokio::task::spawn_blocking`]. Unlike reqwest's blocking client, which panics when it is
//! called inside a runtime, this one works there too, and never panics: the call blocks the
//! thread of the caller's runtime until it completes, so nothing else runs on that thread
//! meanwhile. With a current-thread runtime (such as the default `#[tokio::test]`) that means
//! nothing else of that runtime runs at all: a call to a server that the same runtime serves
//! cannot be answered, and ends at the client's deadline with an error for which
//! [`Error::is_timeout`](crate::Error::is_timeout) is true. Creating and dropping the client
//! in async code is fine.

mod builder;
pub mod managers;
mod service;

use std::future::Future;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

pub use builder::ClientBuilder;
pub use service::{ServiceClient, ServiceRequest, ServiceResponse};

use crate::generated::Client as Raw;
use crate::{AccessInfo, RequestTiming, Result, Secret, ServiceCatalog};

/// The text of the `no_run` example in the docs of a method a macro writes: the `$body`
/// lines (literals or `concat!`s) in a function of `$args` that returns a
/// `keystone_v2::Result`, after a blank line.
macro_rules! example {
    ($args:literal => $($body:expr),+) => {
        concat!("\n```no_run\n# fn run(", $args, ") -> keystone_v2::Result<()> {\n",
            $($body, "\n",)+ "# Ok(()) }\n```")
    };
}
pub(crate) use example;

/// Blocking wrappers of async methods, with the same name, arguments and result: each one
/// runs the async method to completion on the client's runtime. `$owner` is the async type
/// (its path is `$module` followed by it), for the docs; `|$s| ($client, $target)` say, from
/// `self`, which blocking client runs the call and what the async method is called on. The
/// names are kept in `WRAPPED`, which a test compares with the async sources (the managers'
/// use `@unlisted`: their test reads the `manager!` invocations themselves).
macro_rules! blocking_fns {
    (@unlisted $module:literal $owner:ident, |$s:ident| ($client:expr, $target:expr);
     $( fn $method:ident($($arg:ident: $ty:ty),*) -> $ret:ty => $example:literal; )*) => {
        $(
            #[doc = concat!("Blocking [`", $module, stringify!($owner), "::", stringify!($method),
                "`]: the same arguments, result and errors.")]
            #[doc = $crate::blocking::example!("client: keystone_v2::blocking::Client" => $example)]
            pub fn $method(&self, $($arg: $ty),*) -> Result<$ret> {
                let $s = self;
                $client.wait($target.$method($($arg),*))
            }
        )*
    };
    ($module:literal $owner:ident, |$s:ident| ($client:expr, $target:expr);
     $( fn $method:ident($($arg:ident: $ty:ty),*) -> $ret:ty => $example:literal; )*) => {
        $crate::blocking::blocking_fns! { @unlisted $module $owner, |$s| ($client, $target);
            $( fn $method($($arg: $ty),*) -> $ret => $example; )*
        }

        #[cfg(test)]
        pub(crate) const WRAPPED: &'static [&'static str] = &[$(stringify!($method)),*];
    };
}
pub(crate) use blocking_fns;

/// Methods of the async client that do not wait (no I/O), with the same name, arguments and
/// result: each one calls the async client's. The names are kept in `SAME`, which a test
/// compares with the async sources.
macro_rules! same_fns {
    ($( $(#[$doc:meta])* fn $method:ident($($arg:ident: $ty:ty),*) -> $ret:ty => $example:literal; )*) => {
        $(
            $(#[$doc])*
            #[doc = ""]
            #[doc = concat!("As [`crate::Client::", stringify!($method), "`].")]
            #[doc = example!("client: keystone_v2::blocking::Client" => $example)]
            pub fn $method(&self, $($arg: $ty),*) -> $ret {
                self.inner.client.$method($($arg),*)
            }
        )*

        #[cfg(test)]
        pub(crate) const SAME: &'static [&'static str] = &[$(stringify!($method)),*];
    };
}

/// A blocking Keystone v2.0 client: [`crate::Client`] for code without an async runtime (see
/// [the module](self) for how it runs and the rules).
///
/// Clones share one connection pool, one token and one runtime; a clone can be moved to
/// another thread, and many threads can call one client at once. Its `Debug` is the async
/// client's: no password and no token.
///
/// ```no_run
/// # fn run() -> keystone_v2::Result<()> {
/// let client = keystone_v2::blocking::Client::builder()
///     .auth_url("http://127.0.0.1:5000/v2.0")
///     .username("admin").password("secret").tenant_name("admin")
///     .build()?;
/// let users = client.users().list(None)?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

/// What the clones share: the async client and the runtime its calls run on.
struct Inner {
    client: crate::Client,
    runtime: Background,
}

/// The client's runtime. Dropping it does not wait for the runtime's threads
/// ([`tokio::runtime::Runtime::shutdown_background`]): a `Runtime`'s own `Drop` panics in an
/// async context, where a blocking client may be dropped.
struct Background {
    handle: tokio::runtime::Handle,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Background {
    fn start() -> Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("keystone-v2-blocking")
            .enable_all()
            .build()
            .map_err(|e| {
                crate::Error::Configuration(format!(
                    "cannot start the blocking client's runtime: {e}"
                ))
            })?;
        Ok(Self {
            handle: runtime.handle().clone(),
            runtime: Some(runtime),
        })
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("blocking::Client")
            .field(&self.inner.client)
            .finish()
    }
}

impl Client {
    /// The blocking client of `client` and the runtime started for it. The runtime must be
    /// entered while the async client is built, so that it is the one its I/O uses.
    fn new(runtime: Background, client: crate::Client) -> Self {
        Self {
            inner: Arc::new(Inner { client, runtime }),
        }
    }

    /// The async client this one wraps, to run an async method that has no blocking twin
    /// with [`Client::block_on`]. Its futures need this client's runtime: await them only
    /// through [`Client::block_on`] of this client (or a clone).
    ///
    /// ```no_run
    /// # fn run(client: keystone_v2::blocking::Client) -> keystone_v2::Result<()> {
    /// let access = client.block_on(client.as_async().authenticate())?;
    /// # Ok(()) }
    /// ```
    pub fn as_async(&self) -> &crate::Client {
        &self.inner.client
    }

    /// Runs `future` to completion on this client's runtime and returns its output, as every
    /// blocking method does: for the futures of [`Client::as_async`], [`Client::raw`]'s
    /// generated client, or any other future that needs a Tokio runtime. The same rules as the
    /// rest of this client apply (see [the module](self)): no panic anywhere, but in async code
    /// it blocks the caller's thread.
    ///
    /// ```no_run
    /// # fn run(client: keystone_v2::blocking::Client) -> keystone_v2::Result<()> {
    /// let raw = client.raw("role_refs_list")?;
    /// let refs = client.block_on(raw.role_refs_list("3a9a06e4"));
    /// # Ok(()) }
    /// ```
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.wait(future)
    }

    /// Runs `future` on the calling thread with the runtime entered (its sockets and timers
    /// are the runtime's, driven by its worker), outside the cooperative budget of any
    /// runtime the caller may be in.
    pub(crate) fn wait<F: Future>(&self, future: F) -> F::Output {
        let _entered = self.inner.runtime.handle.enter();
        park_on(tokio::task::unconstrained(future))
    }

    same_fns! {
        /// The admin API's URL in use (keystoneclient's `management_url`), if any.
        fn management_url() -> Option<String> => "println!(\"{:?}\", client.management_url());";
        /// Sets (or with `None` clears) the token every call sends, instead of the session's.
        ///
        /// # Errors
        /// [`crate::Error::Configuration`] when the token is not a valid HTTP header value.
        fn set_auth_token(token: Option<Secret>) -> Result<()> =>
            "client.set_auth_token(Some(\"0123456789abcdef\".into())).unwrap();";
        /// Forgets the current token: the next call authenticates again.
        fn invalidate() -> () => "client.invalidate();";
        /// The timing of every request sent so far by this client and its clones, oldest
        /// first, when [`ClientBuilder::collect_timing`] is on; else empty.
        fn timings() -> Vec<RequestTiming> =>
            "for t in client.timings() {\n    println!(\"{} {} {:?} {:?}\", t.method, t.url, t.status, t.elapsed);\n}";
        /// Forgets the timings kept so far (keystoneauth's `reset_timings`).
        fn reset_timings() -> () => "client.reset_timings();\nassert!(client.timings().is_empty());";
    }

    blocking_fns! { "crate::" Client, |c| (c, c.inner.client);
        fn authenticate() -> AccessInfo =>
            "let access = client.authenticate()?;\nprintln!(\"expires at {}\", access.expires());";
        fn access_info() -> AccessInfo =>
            "let saved = serde_json::to_string(&client.access_info()?).unwrap();";
        fn auth_token() -> Secret => "let token = client.auth_token()?;";
        fn service_catalog() -> ServiceCatalog =>
            "let nova = client.service_catalog()?.url_for(&keystone_v2::EndpointFilter::new(\"compute\"))?;";
        fn endpoint_url(service_type: &str) -> String =>
            "let nova = client.endpoint_url(\"compute\")?;";
        fn logout() -> () => "client.logout()?;";
        fn raw(operation_id: &str) -> Arc<Raw> =>
            "let raw = client.raw(\"role_refs_list\")?;\nlet refs = client.block_on(raw.role_refs_list(\"3a9a06e4\"));";
    }
}

/// Wakes the thread that waits in [`park_on`].
struct Unpark(std::thread::Thread);

impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

/// Polls `future` on this thread, sleeping until it is woken, to its end. Not
/// `futures::executor::block_on`: that one panics when called within another of its own
/// executors, and a blocking call must not panic wherever it is made. A spurious wake-up only
/// costs one more poll.
fn park_on<F: Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        std::thread::park();
    }
}

#[cfg(test)]
mod tests;
