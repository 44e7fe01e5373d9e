//! The test control of a running emulator: its clock, token lifetime, injected faults, catalog
//! shaping and request counters.
//!
//! Request counters are kept per method and path *template* of the spec (`DELETE
//! /v2.0/tenants/{tenant_id}`, that is the operation `tenants_delete`), never per concrete path:
//! a long-running emulator sees a new path for every id it hands out, and counting those would
//! grow its memory with every resource created.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{json, Map};

use super::server::Shared;
use super::state::{new_id, Endpoint, Interface, Service};
use crate::operations::{self, Api, OPERATIONS};

/// Locks a mutex, recovering the data if a panicking thread poisoned it.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The emulator's clock: the real time plus an offset tests can advance.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    offset: Mutex<chrono::Duration>,
}

impl Clock {
    pub(crate) fn now(&self) -> DateTime<Utc> {
        let offset = *lock(&self.offset);
        Utc::now()
            .checked_add_signed(offset)
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    pub(crate) fn advance(&self, by: Duration) {
        let by = chrono::Duration::from_std(by).unwrap_or(chrono::Duration::MAX);
        let mut offset = lock(&self.offset);
        *offset = offset.checked_add(&by).unwrap_or(chrono::Duration::MAX);
    }
}

/// What an injected fault does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FaultKind {
    /// Answer this status with an error body, without processing the request.
    Status(u16),
    /// Process the request normally (after the fault's delay).
    Slow,
    /// Process the request, then send only part of its body (Content-Length matches the part).
    TruncatedJson,
    /// Answer 200 with an HTML page, without processing the request.
    NotJson,
    /// Close the connection without answering, without processing the request.
    Drop,
}

/// A misbehaviour to inject into the next requests that match a [`Match`] (see
/// [`Control::inject`]).
///
/// ```no_run
/// use std::time::Duration;
/// use keystone_v2::emulator::Fault;
///
/// let unavailable = Fault::status(503).retry_after(1);
/// let broken_proxy = Fault::status(502).html();
/// let slow = Fault::delay(Duration::from_secs(2));
/// let slow_then_dropped = Fault::drop_connection().after(Duration::from_millis(500));
/// # let _ = (unavailable, broken_proxy, slow, slow_then_dropped);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub(crate) kind: FaultKind,
    pub(crate) delay: Option<Duration>,
    /// The `Retry-After` value: seconds, or an HTTP-date.
    pub(crate) retry_after: Option<String>,
    pub(crate) html: bool,
}

impl Fault {
    fn of(kind: FaultKind) -> Self {
        Self {
            kind,
            delay: None,
            retry_after: None,
            html: false,
        }
    }

    /// Answer `status` (a Keystone-like `{"error": ...}` body; a 401 also carries
    /// `WWW-Authenticate`) without processing the request. A status outside 100-999 answers 500.
    ///
    /// ```no_run
    /// let fault = keystone_v2::emulator::Fault::status(500);
    /// # let _ = fault;
    /// ```
    pub fn status(status: u16) -> Self {
        Self::of(FaultKind::Status(status))
    }

    /// Answer normally, but only after `delay`.
    ///
    /// ```no_run
    /// let fault = keystone_v2::emulator::Fault::delay(std::time::Duration::from_secs(5));
    /// # let _ = fault;
    /// ```
    pub fn delay(delay: Duration) -> Self {
        Self {
            delay: Some(delay),
            ..Self::of(FaultKind::Slow)
        }
    }

    /// Process the request, then send its status with only the first half of its body (with a
    /// matching Content-Length), so the JSON is cut. Bodiless answers (204) are unaffected.
    ///
    /// ```no_run
    /// let fault = keystone_v2::emulator::Fault::truncated_json();
    /// # let _ = fault;
    /// ```
    pub fn truncated_json() -> Self {
        Self::of(FaultKind::TruncatedJson)
    }

    /// Answer 200 with an HTML page (what a misconfigured proxy might send), without processing
    /// the request.
    ///
    /// ```no_run
    /// let fault = keystone_v2::emulator::Fault::not_json();
    /// # let _ = fault;
    /// ```
    pub fn not_json() -> Self {
        Self::of(FaultKind::NotJson)
    }

    /// Close the connection without answering, without processing the request.
    ///
    /// ```no_run
    /// let fault = keystone_v2::emulator::Fault::drop_connection();
    /// # let _ = fault;
    /// ```
    pub fn drop_connection() -> Self {
        Self::of(FaultKind::Drop)
    }

    /// Add a `Retry-After: <seconds>` header (to a [`Fault::status`]).
    ///
    /// ```no_run
    /// let fault = keystone_v2::emulator::Fault::status(503).retry_after(1);
    /// # let _ = fault;
    /// ```
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.retry_after = Some(seconds.to_string());
        self
    }

    /// Add a `Retry-After: <HTTP-date>` header (to a [`Fault::status`]), in the IMF-fixdate
    /// form (`Sun, 06 Nov 1994 08:49:37 GMT`), whole seconds.
    ///
    /// ```no_run
    /// let at = chrono::Utc::now() + chrono::Duration::seconds(2);
    /// let fault = keystone_v2::emulator::Fault::status(503).retry_after_date(at);
    /// # let _ = fault;
    /// ```
    pub fn retry_after_date(mut self, at: DateTime<Utc>) -> Self {
        self.retry_after = Some(at.format("%a, %d %b %Y %H:%M:%S GMT").to_string());
        self
    }

    /// Send an HTML error page instead of Keystone's JSON error body (to a [`Fault::status`]).
    ///
    /// ```no_run
    /// let fault = keystone_v2::emulator::Fault::status(500).html();
    /// # let _ = fault;
    /// ```
    pub fn html(mut self) -> Self {
        self.html = true;
        self
    }

    /// Wait `delay` before the fault takes effect.
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// let fault = keystone_v2::emulator::Fault::status(503).after(Duration::from_millis(200));
    /// # let _ = fault;
    /// ```
    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }
}

/// Which requests a fault applies to: a method (or `*`) and a path, exact or prefix, on either
/// API or on one of them. The path is compared without its query string and without a trailing
/// `/`.
///
/// ```no_run
/// use keystone_v2::emulator::Match;
/// use keystone_v2::operations::Api;
///
/// let tenant_lists = Match::new("GET", "/v2.0/tenants");
/// let any_token_call = Match::prefix("*", "/v2.0/tokens");
/// let admin_auth = Match::new("POST", "/v2.0/tokens").on(Api::Admin);
/// # let _ = (tenant_lists, any_token_call, admin_auth);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    method: String,
    path: String,
    prefix: bool,
    api: Option<Api>,
}

fn normalize_path(path: &str) -> &str {
    path.strip_suffix('/').unwrap_or(path)
}

fn method_matches(pattern: &str, method: &str) -> bool {
    pattern == "*" || pattern.eq_ignore_ascii_case(method)
}

impl Match {
    /// Requests with this method (`*` for any) and exactly this path.
    ///
    /// ```no_run
    /// let m = keystone_v2::emulator::Match::new("GET", "/v2.0/tenants");
    /// # let _ = m;
    /// ```
    pub fn new(method: &str, path: &str) -> Self {
        Self {
            method: method.to_owned(),
            path: normalize_path(path).to_owned(),
            prefix: false,
            api: None,
        }
    }

    /// Requests with this method (`*` for any) and a path starting with `path_prefix`.
    ///
    /// ```no_run
    /// let m = keystone_v2::emulator::Match::prefix("GET", "/v2.0/tenants");
    /// # let _ = m;
    /// ```
    pub fn prefix(method: &str, path_prefix: &str) -> Self {
        Self {
            prefix: true,
            ..Self::new(method, path_prefix)
        }
    }

    /// Every request.
    ///
    /// ```no_run
    /// let m = keystone_v2::emulator::Match::any();
    /// # let _ = m;
    /// ```
    pub fn any() -> Self {
        Self::prefix("*", "")
    }

    /// Only requests to `api` (the public or the admin listener).
    ///
    /// ```no_run
    /// use keystone_v2::{emulator::Match, operations::Api};
    /// let m = Match::any().on(Api::Public);
    /// # let _ = m;
    /// ```
    pub fn on(mut self, api: Api) -> Self {
        self.api = Some(api);
        self
    }

    pub(crate) fn matches(&self, api: Api, method: &str, path: &str) -> bool {
        let path = normalize_path(path);
        self.api.is_none_or(|a| a == api)
            && method_matches(&self.method, method)
            && if self.prefix {
                path.starts_with(&self.path)
            } else {
                path == self.path
            }
    }
}

#[derive(Debug)]
struct Armed {
    fault: Fault,
    on: Match,
    remaining: usize,
}

/// What a request is counted under: its method (`None` for a method outside RFC 9110's nine)
/// and the spec's path template its path belongs to (`None` for a path of no operation). Both
/// are `'static`, so there are at most 10 x (number of templates + 1) counters, however many
/// requests and ids the emulator sees.
type CountKey = (Option<&'static str>, Option<&'static str>);

/// The standard methods, the only ones counted apart.
const METHODS: [&str; 9] = [
    "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT",
];

/// One segment of a path template: a literal, or a `{parameter}` (`None`).
type Segment = Option<&'static str>;

/// The segments of a path or a path template, empty ones left out, `{...}` as `None`.
fn segments(path: &str) -> Vec<Option<&str>> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| (!(s.starts_with('{') && s.ends_with('}'))).then_some(s))
        .collect()
}

/// A distinct path template of the spec: its segments, and the methods of its operations.
struct Template {
    path: &'static str,
    segments: Vec<Segment>,
    methods: Vec<&'static str>,
    /// How many of its segments are literals.
    literals: usize,
}

/// The distinct path templates of the spec.
fn templates() -> &'static [Template] {
    static TEMPLATES: OnceLock<Vec<Template>> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        let mut out: Vec<Template> = Vec::new();
        let paths = OPERATIONS.iter().map(|op| op.path);
        for path in paths.chain([COMPUTE_TEMPLATE]) {
            if out.iter().any(|t| t.path == path) {
                continue;
            }
            let segments = segments(path);
            out.push(Template {
                path,
                literals: segments.iter().filter(|s| s.is_some()).count(),
                segments,
                methods: OPERATIONS
                    .iter()
                    .filter(|op| op.path == path)
                    .map(|op| op.method)
                    .collect(),
            });
        }
        out
    })
}

/// The template of the spec a concrete request path belongs to, compared segment by segment
/// (after percent-decoding, empty segments ignored, as the router does): the same number of
/// segments, each equal to the template's literal or filling a parameter. When several
/// templates fit, the one with an operation of this method wins, then the one with the most
/// literals, so `GET /v2.0/tokens/revoked` is `tokens_get_revoked` and `HEAD
/// /v2.0/tokens/revoked` is `tokens_check`, as the emulator routes them.
fn template_of(method: &str, path: &str) -> Option<&'static str> {
    if path.starts_with(super::compute::PREFIX) {
        return Some(COMPUTE_TEMPLATE);
    }
    // Every request is counted: no allocation here unless the path has percent escapes.
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let segments = || decoded.split('/').filter(|s| !s.is_empty());
    let count = segments().count();
    templates()
        .iter()
        .filter(|t| {
            t.segments.len() == count
                && t.segments
                    .iter()
                    .zip(segments())
                    .all(|(t, s)| t.is_none_or(|literal| literal == s))
        })
        .max_by_key(|t| (t.methods.contains(&method), t.literals))
        .map(|t| t.path)
}

/// The one counter template of the compute service's requests (whatever their path), so
/// that `request_count("GET", "/compute")` counts them.
const COMPUTE_TEMPLATE: &str = "/compute/{path}";

/// The counter a request goes to.
fn count_key(method: &str, path: &str) -> CountKey {
    (
        METHODS.iter().copied().find(|m| *m == method),
        template_of(method, path),
    )
}

/// Whether a counted template lies under `prefix` (segments of a path or of a template),
/// segment by segment: a prefix literal matches the same literal or any parameter (it is one
/// concrete value of it), a prefix `{parameter}` matches any segment. Requests of no template
/// are only under the empty prefix (`""` or `/`).
fn template_under(template: Option<&'static str>, prefix: &[Option<&str>]) -> bool {
    let Some(template) = template else {
        return prefix.is_empty();
    };
    let Some(Template { segments, .. }) = templates().iter().find(|t| t.path == template) else {
        return false;
    };
    segments.len() >= prefix.len()
        && prefix.iter().zip(segments).all(|(p, t)| match (p, t) {
            (Some(p), Some(t)) => p == t,
            _ => true,
        })
}

/// Armed faults and request counters.
#[derive(Debug, Default)]
pub(crate) struct Monitor {
    faults: Vec<Armed>,
    counts: HashMap<CountKey, usize>,
}

impl Monitor {
    /// Counts a request (under its method and path template) and takes the first armed fault
    /// it matches.
    pub(crate) fn observe(&mut self, api: Api, method: &str, path: &str) -> Option<Fault> {
        *self.counts.entry(count_key(method, path)).or_default() += 1;
        let index = self
            .faults
            .iter()
            .position(|a| a.remaining > 0 && a.on.matches(api, method, path))?;
        let armed = &mut self.faults[index];
        armed.remaining -= 1;
        let fault = armed.fault.clone();
        if armed.remaining == 0 {
            self.faults.remove(index);
        }
        Some(fault)
    }
}

/// A cheap, cloneable handle that controls a running [`Emulator`](super::Emulator).
#[derive(Clone)]
pub struct Control {
    pub(crate) shared: Arc<Shared>,
}

impl std::fmt::Debug for Control {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Control").finish_non_exhaustive()
    }
}

impl Control {
    /// The emulator's current time (the real time, plus every [`Control::advance`]).
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// println!("{}", emulator.control().now());
    /// # Ok(()) }
    /// ```
    pub fn now(&self) -> DateTime<Utc> {
        self.shared.clock.now()
    }

    /// Moves the emulator's clock forward: tokens whose expiry passes are then refused (404 on
    /// validation, 401 as `X-Auth-Token`).
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// emulator.control().advance(std::time::Duration::from_secs(3601));
    /// # Ok(()) }
    /// ```
    pub fn advance(&self, by: Duration) {
        self.shared.clock.advance(by);
    }

    /// The lifetime of tokens issued from now on.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// emulator.control().set_token_lifetime(std::time::Duration::from_secs(5));
    /// # Ok(()) }
    /// ```
    pub fn set_token_lifetime(&self, lifetime: Duration) {
        lock(&self.shared.state).token_lifetime = lifetime;
    }

    /// Applies `fault` to the next `times` requests matching `on` (faults are consumed in the
    /// order they were injected). Matching requests are counted all the same.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// use keystone_v2::emulator::{Emulator, Fault, Match};
    /// let emulator = Emulator::start().await?;
    /// emulator.control().inject(Fault::status(503).retry_after(1), Match::new("GET", "/v2.0/tenants"), 2);
    /// # Ok(()) }
    /// ```
    pub fn inject(&self, fault: Fault, on: Match, times: usize) {
        if times > 0 {
            lock(&self.shared.monitor).faults.push(Armed {
                fault,
                on,
                remaining: times,
            });
        }
    }

    /// How many injected fault occurrences are still to come.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// assert_eq!(emulator.control().pending_faults(), 0);
    /// # Ok(()) }
    /// ```
    pub fn pending_faults(&self) -> usize {
        lock(&self.shared.monitor)
            .faults
            .iter()
            .map(|a| a.remaining)
            .sum()
    }

    /// Disarms every injected fault.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// emulator.control().clear_faults();
    /// # Ok(()) }
    /// ```
    pub fn clear_faults(&self) {
        lock(&self.shared.monitor).faults.clear();
    }

    /// How many requests with `method` (`*` for any) and a path under `path_prefix` were
    /// received since the start or the last [`Control::reset_counts`] (faulted ones included).
    ///
    /// Requests are counted per method and path template of the spec, not per concrete path
    /// (so that the emulator's memory stays bounded however many ids it sees), and
    /// `path_prefix` is compared with those templates segment by segment. A concrete id stands
    /// for any id: `"/v2.0/tenants/abc"` counts the requests to every tenant's path, like
    /// `"/v2.0/tenants/{tenant_id}"`. `"/v2.0/tenants"` also counts the paths below it
    /// (`/v2.0/tenants/{tenant_id}`, ...). Requests to a path of no operation count only under
    /// `""` or `"/"`, and a non-standard method only under `*`. Requests to the compute
    /// service ([`crate::emulator::EmulatorConfig::compute_service`]) count together under
    /// `"/compute"`, whatever their path. For one operation, see
    /// [`Control::operation_count`].
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// let logins = emulator.control().request_count("POST", "/v2.0/tokens");
    /// let tenant_calls = emulator.control().request_count("*", "/v2.0/tenants/{tenant_id}");
    /// # let _ = (logins, tenant_calls); Ok(()) }
    /// ```
    pub fn request_count(&self, method: &str, path_prefix: &str) -> usize {
        let prefix = segments(path_prefix);
        lock(&self.shared.monitor)
            .counts
            .iter()
            .filter(|((m, template), _)| {
                (method == "*" || m.is_some_and(|m| m.eq_ignore_ascii_case(method)))
                    && template_under(*template, &prefix)
            })
            .map(|(_, n)| n)
            .sum()
    }

    /// How many requests of the spec's operation `operation_id` (its method and path
    /// template, such as `DELETE /v2.0/tenants/{tenant_id}` for `tenants_delete`) were
    /// received since the start or the last [`Control::reset_counts`], on either API,
    /// faulted ones included.
    ///
    /// # Panics
    ///
    /// When the spec has no operation `operation_id` (a misspelt id would otherwise count 0).
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// assert_eq!(emulator.control().operation_count("tenants_delete"), 0);
    /// # Ok(()) }
    /// ```
    pub fn operation_count(&self, operation_id: &str) -> usize {
        let op = operations::find(operation_id)
            .unwrap_or_else(|| panic!("the spec has no operation {operation_id:?}"));
        lock(&self.shared.monitor)
            .counts
            .get(&(Some(op.method), Some(op.path)))
            .copied()
            .unwrap_or(0)
    }

    /// Sets every request counter back to zero.
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// emulator.control().reset_counts();
    /// # Ok(()) }
    /// ```
    pub fn reset_counts(&self) {
        lock(&self.shared.monitor).counts.clear();
    }

    /// Adds an endpoint to the catalog of every scoped token: a service of `service_type`
    /// named `name` (created unless one with that type and name exists) with URLs in `region`.
    /// Unlike endpoints created through the API - which Keystone merges per service type and
    /// region - each endpoint added here stays a separate catalog entry, so tests can build
    /// duplicate endpoints or services split across regions. URLs may use `$(tenant_id)s`.
    /// Returns the endpoint's id (as `GET /v2.0/endpoints` lists it).
    ///
    /// ```no_run
    /// # async fn demo() -> std::io::Result<()> {
    /// let emulator = keystone_v2::emulator::Emulator::start().await?;
    /// let control = emulator.control();
    /// control.add_catalog_endpoint("compute", "nova", "RegionOne",
    ///     "http://nova.one/v2/$(tenant_id)s", Some("http://nova.internal/v2"), None);
    /// control.add_catalog_endpoint("compute", "nova", "RegionTwo",
    ///     "http://nova.two/v2/$(tenant_id)s", None, None);
    /// # Ok(()) }
    /// ```
    pub fn add_catalog_endpoint(
        &self,
        service_type: &str,
        name: &str,
        region: &str,
        public: &str,
        internal: Option<&str>,
        admin: Option<&str>,
    ) -> String {
        let mut state = lock(&self.shared.state);
        let service_id = match state
            .services
            .iter()
            .find(|s| s.type_ == service_type && s.name() == name)
        {
            Some(s) => s.id.clone(),
            None => {
                let mut extra = Map::new();
                extra.insert("name".into(), json!(name));
                let service = Service {
                    id: new_id(),
                    type_: service_type.to_owned(),
                    enabled: true,
                    extra,
                };
                let id = service.id.clone();
                state.services.push(service);
                id
            }
        };
        let legacy_id = new_id();
        let urls = [
            (Interface::Public, Some(public)),
            (Interface::Internal, internal),
            (Interface::Admin, admin),
        ];
        for (interface, url) in urls {
            let Some(url) = url.filter(|u| !u.is_empty()) else {
                continue;
            };
            state.endpoints.push(Endpoint {
                id: new_id(),
                legacy_id: Some(legacy_id.clone()),
                service_id: service_id.clone(),
                region: Some(region.to_owned()),
                interface,
                url: url.to_owned(),
                enabled: true,
                extra: Map::new(),
                distinct: true,
            });
        }
        legacy_id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_exact_prefix_method_and_api() {
        let exact = Match::new("GET", "/v2.0/tenants/");
        assert!(exact.matches(Api::Admin, "GET", "/v2.0/tenants"));
        assert!(exact.matches(Api::Public, "get", "/v2.0/tenants/"));
        assert!(!exact.matches(Api::Admin, "POST", "/v2.0/tenants"));
        assert!(!exact.matches(Api::Admin, "GET", "/v2.0/tenants/x"));
        let prefix = Match::prefix("*", "/v2.0/tokens").on(Api::Public);
        assert!(prefix.matches(Api::Public, "DELETE", "/v2.0/tokens/abc"));
        assert!(!prefix.matches(Api::Admin, "DELETE", "/v2.0/tokens/abc"));
        assert!(Match::any().matches(Api::Admin, "PATCH", "/"));
    }

    #[test]
    fn faults_are_consumed_in_order_and_requests_counted() {
        let mut monitor = Monitor::default();
        monitor.faults.push(Armed {
            fault: Fault::status(503),
            on: Match::new("GET", "/v2.0/tenants"),
            remaining: 2,
        });
        monitor.faults.push(Armed {
            fault: Fault::drop_connection(),
            on: Match::any(),
            remaining: 1,
        });
        assert_eq!(
            monitor.observe(Api::Admin, "GET", "/v2.0/tenants"),
            Some(Fault::status(503))
        );
        assert_eq!(
            monitor.observe(Api::Admin, "POST", "/v2.0/tokens"),
            Some(Fault::drop_connection())
        );
        assert_eq!(
            monitor.observe(Api::Admin, "GET", "/v2.0/tenants"),
            Some(Fault::status(503))
        );
        assert_eq!(monitor.observe(Api::Admin, "GET", "/v2.0/tenants"), None);
        assert!(monitor.faults.is_empty());
        assert_eq!(monitor.counts[&(Some("GET"), Some("/v2.0/tenants"))], 3);
    }

    #[test]
    fn a_concrete_path_belongs_to_its_template_segment_by_segment() {
        let cases = [
            ("GET", "/", Some("/")),
            ("GET", "", Some("/")),
            ("POST", "/v2.0", Some("/v2.0")),
            ("GET", "/v2.0/tenants/", Some("/v2.0/tenants")),
            (
                "DELETE",
                "/v2.0/tenants/0af3",
                Some("/v2.0/tenants/{tenant_id}"),
            ),
            (
                "GET",
                "/v2.0/tenants/t/users/u/roles",
                Some("/v2.0/tenants/{tenant_id}/users/{user_id}/roles"),
            ),
            ("GET", "/v2.0/tokens/revoked", Some("/v2.0/tokens/revoked")),
            (
                "HEAD",
                "/v2.0/tokens/revoked",
                Some("/v2.0/tokens/{token_id}"),
            ),
            (
                "DELETE",
                "/v2.0/tokens/revoked",
                Some("/v2.0/tokens/{token_id}"),
            ),
            (
                "PUT",
                "/v2.0/users/u/OS-KSADM/password",
                Some("/v2.0/users/{user_id}/OS-KSADM/password"),
            ),
            (
                "PUT",
                "/v2.0/users/u/password",
                Some("/v2.0/users/{user_id}/password"),
            ),
            ("GET", "/v2.0/users/a%2Fb", None),
            ("GET", "/v2.0/users/a%20b", Some("/v2.0/users/{user_id}")),
            (
                "GET",
                "/v2.0/OS-KSADM/roles/%4F",
                Some("/v2.0/OS-KSADM/roles/{role_id}"),
            ),
            ("GET", "/v3/projects", None),
            ("GET", "/v2.0/nothing/here", None),
        ];
        for (method, path, template) in cases {
            assert_eq!(template_of(method, path), template, "{method} {path}");
        }
    }

    #[test]
    fn counters_stay_bounded_however_many_ids_and_paths_are_seen() {
        let mut monitor = Monitor::default();
        for i in 0..10_000 {
            monitor.observe(Api::Admin, "POST", "/v2.0/tenants");
            monitor.observe(Api::Admin, "DELETE", &format!("/v2.0/tenants/{i:032x}"));
            monitor.observe(Api::Public, "GET", &format!("/v2.0/no/such/path/{i}"));
            monitor.observe(Api::Public, &format!("X-METHOD-{i}"), "/v2.0/tenants");
        }
        let mut keys: Vec<_> = monitor.counts.keys().copied().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                (None, Some("/v2.0/tenants")),
                (Some("DELETE"), Some("/v2.0/tenants/{tenant_id}")),
                (Some("GET"), None),
                (Some("POST"), Some("/v2.0/tenants")),
            ]
        );
        assert!(monitor.counts.values().all(|n| *n == 10_000));
        // The key space itself is bounded: 10 methods x (templates + no template).
        assert!(templates().len() <= OPERATIONS.len());
    }

    #[test]
    fn a_prefix_selects_templates_segment_by_segment() {
        let under = |template, prefix: &str| template_under(template, &segments(prefix));
        let tenant = Some("/v2.0/tenants/{tenant_id}");
        assert!(under(tenant, "/v2.0/tenants"));
        assert!(under(tenant, "/v2.0/tenants/abc"));
        assert!(under(tenant, "/v2.0/tenants/{tenant_id}"));
        assert!(under(tenant, "/v2.0/"));
        assert!(under(tenant, ""));
        assert!(!under(tenant, "/v2.0/tenants/abc/users"));
        assert!(!under(tenant, "/v2.0/ten"));
        assert!(!under(Some("/v2.0/tokens/revoked"), "/v2.0/tokens/abc"));
        assert!(under(
            Some("/v2.0/tokens/revoked"),
            "/v2.0/tokens/{token_id}"
        ));
        assert!(under(None, "/"));
        assert!(!under(None, "/v2.0"));
    }

    #[test]
    fn the_clock_moves_forward() {
        let clock = Clock::default();
        let before = clock.now();
        clock.advance(Duration::from_secs(3600));
        assert!(clock.now() - before >= chrono::Duration::seconds(3600));
        clock.advance(Duration::MAX);
        assert!(clock.now() > before);
    }

    #[test]
    fn fault_builders_compose() {
        let f = Fault::status(503)
            .retry_after(2)
            .html()
            .after(Duration::from_millis(5));
        assert_eq!(f.kind, FaultKind::Status(503));
        assert_eq!(f.retry_after, Some("2".to_owned()));
        assert!(f.html);
        assert_eq!(f.delay, Some(Duration::from_millis(5)));
        assert_eq!(Fault::delay(Duration::from_secs(1)).kind, FaultKind::Slow);
    }
}
