//! Injected faults and request counters: what a [`Fault`] does, which requests a [`Match`]
//! selects, and the [`Monitor`] that serves armed faults and counts every request.
//!
//! Request counters are kept per method and path *template* of the spec (`DELETE
//! /v2.0/tenants/{tenant_id}`, that is the operation `tenants_delete`), never per concrete path:
//! a long-running emulator sees a new path for every id it hands out, and counting those would
//! grow its memory with every resource created.

use std::collections::HashMap;
use std::sync::OnceLock;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::operations::{Api, OPERATIONS};
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
/// [`Control::inject`](super::Control::inject)).
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
        for path in paths.chain([COMPUTE_TEMPLATE, RACKSPACE_TEMPLATE]) {
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
    if path.starts_with(super::routes::COMPUTE_PREFIX) {
        return Some(COMPUTE_TEMPLATE);
    }
    if path.starts_with(super::rackspace::RACKSPACE_PREFIX) {
        return Some(RACKSPACE_TEMPLATE);
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

/// The same for the services of Rackspace mode's catalog (`request_count("GET", "/rax")`).
const RACKSPACE_TEMPLATE: &str = "/rax/{path}";

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
    /// Arms `fault` for the next `times` requests that match `on`.
    pub(crate) fn arm(&mut self, fault: Fault, on: Match, times: usize) {
        if times > 0 {
            self.faults.push(Armed {
                fault,
                on,
                remaining: times,
            });
        }
    }

    /// How many injected faults are still to be served.
    pub(crate) fn pending(&self) -> usize {
        self.faults.iter().map(|a| a.remaining).sum()
    }

    /// Disarms every fault.
    pub(crate) fn clear_faults(&mut self) {
        self.faults.clear();
    }

    /// The requests counted of `method` (`*`: any) under `path_prefix`.
    pub(crate) fn count_under(&self, method: &str, path_prefix: &str) -> usize {
        let prefix = segments(path_prefix);
        self.counts
            .iter()
            .filter(|((m, template), _)| {
                (method == "*" || m.is_some_and(|m| m.eq_ignore_ascii_case(method)))
                    && template_under(*template, &prefix)
            })
            .map(|(_, n)| n)
            .sum()
    }

    /// The requests counted of the operation `method path` (the spec's template).
    pub(crate) fn count_of(&self, method: &'static str, path: &'static str) -> usize {
        self.counts
            .get(&(Some(method), Some(path)))
            .copied()
            .unwrap_or(0)
    }

    /// Forgets every count.
    pub(crate) fn reset_counts(&mut self) {
        self.counts.clear();
    }

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
