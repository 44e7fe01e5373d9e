//! The driver: `Client::authenticate` and every manager method, called against hostile
//! servers, with the invariants checked after each call.
//!
//! Invariants, per call:
//! - `no_panic`: the call's task does not panic.
//! - `no_hang`: the call ends (within a hard limit far past the deadline).
//! - `returns_within_deadline`: the whole call returns within the timeout plus a slack.
//! - `no_secret_in_error`: the error's `Display`, `Debug` and sources contain none of
//!   [`super::SECRETS`].
//! - `error_keeps_status`: when the last answer the call depended on had a complete,
//!   well-formed head with a 4xx/5xx status (other than a 401 to an authenticated operation,
//!   which the client may answer by re-authenticating), the error's `status()` is that status.
//! - `no_success_on_error_status`: in that same case, the call does not succeed (except
//!   `tokens().check`, whose documented answer to a 404 is `Ok(false)`).
//! - `no_cross_origin_request`: no request reaches another origin (port or host).
//!
//! Everything is derived from one seed: the worker's server seed, and per call the method
//! and the answers (`mix(mix(seed, worker), call)`), so a violation names its seed, worker
//! and call.

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::TryStreamExt as _;
use keystone_v2::managers::{EndpointCreate, ListOptions, TenantOptions, TokenAuth, UserOptions};
use keystone_v2::{types, Client, Error};

use super::rng::{mix, Rng};
use super::server::{HostileServer, Origin, Sent, ServerConfig};
use super::{NEW_PASSWORD, PASSWORD, SECRETS, SUBJECT_TOKEN};

/// How long before a timeout a head must have been complete for its status to count as
/// delivered (the client may give up while the last byte is in flight).
const GRACE: Duration = Duration::from_millis(100);

const TENANT: &str = "c05f7f717dc04809a384dd92631cbcbd";
const USER: &str = "422f92da2f764c4eb41e3b7d6dc20b19";
const ROLE: &str = "4ac62852f80645fd83094739cf09fe53";
const SERVICE: &str = "92b95d063e044d5a95f81a393dfb3142";
const ENDPOINT: &str = "f32a7363d8da44ac830ab83fc751051a";
const ACCESS: &str = "fd4f38eb20c049f1b72001628c6909b3";
const ROLE_REF: &str = "roleId=4ac62852f80645fd83094739cf09fe53&tenantId=c05f7f717dc04809a384dd92631cbcbd&userId=422f92da2f764c4eb41e3b7d6dc20b19";

/// What a call gave back when it succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Okay {
    Done,
    /// `tokens().check`'s answer.
    Checked(bool),
}

pub type Outcome = Result<Okay, Error>;
type CallFuture = Pin<Box<dyn Future<Output = Outcome> + Send>>;

/// Which client a method is called on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// A password client without a token (for `Client::authenticate`).
    Password,
    /// A password client holding a token (`auth_ref`) whose catalog points at the server:
    /// it calls right away, and re-authenticates after a 401.
    Session,
}

/// One manager method, with the operations it calls.
pub struct Method {
    pub name: &'static str,
    pub ops: &'static [&'static str],
    pub which: Which,
    pub run: fn(Client) -> CallFuture,
}

fn done<T>(_: T) -> Okay {
    Okay::Done
}

fn ec2_signature() -> types::Ec2Signature {
    serde_json::from_value(serde_json::json!({
        "access": ACCESS,
        "signature": "Zm9vYmFyc2lnbmF0dXJl",
        "host": "127.0.0.1:8773",
        "verb": "GET",
        "path": "/",
        "params": {"Action": "DescribeInstances", "SignatureVersion": "2", "SignatureMethod": "HmacSHA256", "AWSAccessKeyId": ACCESS}
    }))
    .expect("an EC2 signature")
}

fn s3_signature() -> types::S3Signature {
    serde_json::from_value(serde_json::json!({
        "access": ACCESS,
        "signature": "Zm9vYmFyc2lnbmF0dXJl",
        "token": "R0VUCgoKMjAyNi0xMS0yOQovYnVja2V0"
    }))
    .expect("an S3 signature")
}

macro_rules! method {
    ($name:literal, [$($op:literal),+], $which:ident, |$c:ident| $call:expr) => {
        Method {
            name: $name,
            ops: &[$($op),+],
            which: Which::$which,
            run: |$c: Client| -> CallFuture { Box::pin(async move { $call.await.map(done) }) },
        }
    };
}

/// `Client::authenticate` and every public method of every manager, each once (methods whose
/// optional argument selects another operation are listed once per operation).
pub const METHODS: &[Method] = &[
    method!(
        "Client::authenticate",
        ["tokens_authenticate"],
        Password,
        |c| c.authenticate()
    ),
    // tenants()
    method!("tenants().get", ["tenants_get"], Session, |c| c
        .tenants()
        .get(TENANT)),
    method!("tenants().get_by_name", ["tenants_list"], Session, |c| c
        .tenants()
        .get_by_name("demo")),
    method!("tenants().list", ["tenants_list"], Session, |c| c
        .tenants()
        .list(ListOptions {
            limit: Some(10),
            marker: Some(TENANT.into())
        })),
    method!("tenants().list_all", ["tenants_list"], Session, |c| c
        .tenants()
        .list_all(1)
        .try_collect::<Vec<_>>()),
    method!("tenants().create", ["tenants_create"], Session, |c| c
        .tenants()
        .create(
            "demo",
            TenantOptions {
                description: Some("Demo".into()),
                ..Default::default()
            }
        )),
    method!("tenants().update", ["tenants_update"], Session, |c| c
        .tenants()
        .update(
            TENANT,
            TenantOptions {
                enabled: Some(false),
                ..Default::default()
            }
        )),
    method!(
        "tenants().update_put",
        ["tenants_update_put"],
        Session,
        |c| c.tenants().update_put(
            TENANT,
            TenantOptions {
                description: Some("updated via PUT".into()),
                ..Default::default()
            }
        )
    ),
    method!("tenants().delete", ["tenants_delete"], Session, |c| c
        .tenants()
        .delete(TENANT)),
    method!(
        "tenants().list_users",
        ["tenants_list_users"],
        Session,
        |c| c.tenants().list_users(TENANT)
    ),
    method!(
        "tenants().add_user",
        ["roles_add_user_role"],
        Session,
        |c| c.tenants().add_user(TENANT, USER, ROLE)
    ),
    method!(
        "tenants().remove_user",
        ["roles_remove_user_role"],
        Session,
        |c| c.tenants().remove_user(TENANT, USER, ROLE)
    ),
    // users()
    method!("users().get", ["users_get"], Session, |c| c
        .users()
        .get(USER)),
    method!("users().get_by_name", ["users_list"], Session, |c| c
        .users()
        .get_by_name("demo")),
    method!("users().list(None)", ["users_list"], Session, |c| c
        .users()
        .list(None)),
    method!(
        "users().list(Some(tenant))",
        ["tenants_list_users"],
        Session,
        |c| c.users().list(Some(TENANT))
    ),
    method!("users().create", ["users_create"], Session, |c| c
        .users()
        .create(
            "demo",
            UserOptions {
                password: Some(NEW_PASSWORD.into()),
                email: Some("demo@example.org".into()),
                tenant_id: Some(TENANT.into()),
                ..Default::default()
            }
        )),
    method!("users().update", ["users_update"], Session, |c| c
        .users()
        .update(
            USER,
            UserOptions {
                email: Some("new@example.org".into()),
                ..Default::default()
            }
        )),
    method!(
        "users().update_enabled",
        ["users_update_enabled"],
        Session,
        |c| c.users().update_enabled(USER, false)
    ),
    method!(
        "users().update_enabled_legacy",
        ["users_update_enabled_legacy"],
        Session,
        |c| c.users().update_enabled_legacy(USER, true)
    ),
    method!(
        "users().update_password",
        ["users_update_password"],
        Session,
        |c| c.users().update_password(USER, NEW_PASSWORD)
    ),
    method!(
        "users().update_password_legacy",
        ["users_update_password_legacy"],
        Session,
        |c| c.users().update_password_legacy(USER, NEW_PASSWORD)
    ),
    method!(
        "users().update_tenant",
        ["users_update_tenant"],
        Session,
        |c| c.users().update_tenant(USER, TENANT)
    ),
    method!(
        "users().update_tenant_legacy",
        ["users_update_tenant_legacy"],
        Session,
        |c| c.users().update_tenant_legacy(USER, TENANT)
    ),
    method!(
        "users().update_own_password",
        ["users_update_own_password"],
        Session,
        |c| c.users().update_own_password(PASSWORD, NEW_PASSWORD)
    ),
    method!("users().delete", ["users_delete"], Session, |c| c
        .users()
        .delete(USER)),
    method!(
        "users().list_roles(Some(tenant))",
        ["roles_list_for_user"],
        Session,
        |c| c.users().list_roles(USER, Some(TENANT))
    ),
    method!(
        "users().list_roles(None)",
        ["roles_list_global_for_user"],
        Session,
        |c| c.users().list_roles(USER, None)
    ),
    // roles()
    method!("roles().get", ["roles_get"], Session, |c| c
        .roles()
        .get(ROLE)),
    method!("roles().create", ["roles_create"], Session, |c| c
        .roles()
        .create("Member")),
    method!("roles().delete", ["roles_delete"], Session, |c| c
        .roles()
        .delete(ROLE)),
    method!("roles().list", ["roles_list"], Session, |c| c
        .roles()
        .list()),
    method!(
        "roles().roles_for_user(Some(tenant))",
        ["roles_list_for_user"],
        Session,
        |c| c.roles().roles_for_user(USER, Some(TENANT))
    ),
    method!(
        "roles().roles_for_user(None)",
        ["roles_list_global_for_user"],
        Session,
        |c| c.roles().roles_for_user(USER, None)
    ),
    method!(
        "roles().add_user_role(Some(tenant))",
        ["roles_add_user_role"],
        Session,
        |c| c.roles().add_user_role(USER, ROLE, Some(TENANT))
    ),
    method!(
        "roles().add_user_role(None)",
        ["roles_add_global_user_role", "roles_get"],
        Session,
        |c| c.roles().add_user_role(USER, ROLE, None)
    ),
    method!(
        "roles().remove_user_role(Some(tenant))",
        ["roles_remove_user_role"],
        Session,
        |c| c.roles().remove_user_role(USER, ROLE, Some(TENANT))
    ),
    method!(
        "roles().remove_user_role(None)",
        ["roles_remove_global_user_role"],
        Session,
        |c| c.roles().remove_user_role(USER, ROLE, None)
    ),
    method!("roles().list_role_refs", ["role_refs_list"], Session, |c| c
        .roles()
        .list_role_refs(USER)),
    method!(
        "roles().create_role_ref",
        ["role_refs_create"],
        Session,
        |c| c.roles().create_role_ref(USER, TENANT, ROLE)
    ),
    method!(
        "roles().delete_role_ref",
        ["role_refs_delete"],
        Session,
        |c| c.roles().delete_role_ref(USER, ROLE_REF)
    ),
    // services()
    method!("services().list", ["services_list"], Session, |c| c
        .services()
        .list()),
    method!("services().get", ["services_get"], Session, |c| c
        .services()
        .get(SERVICE)),
    method!("services().create", ["services_create"], Session, |c| c
        .services()
        .create("nova", "compute", Some("Compute"))),
    method!("services().delete", ["services_delete"], Session, |c| c
        .services()
        .delete(SERVICE)),
    // endpoints()
    method!("endpoints().list", ["endpoints_list"], Session, |c| c
        .endpoints()
        .list()),
    method!("endpoints().create", ["endpoints_create"], Session, |c| c
        .endpoints()
        .create(
            SERVICE,
            "http://127.0.0.1:8774/v2/$(tenant_id)s",
            EndpointCreate {
                region: Some("RegionOne".into()),
                ..Default::default()
            }
        )),
    method!("endpoints().delete", ["endpoints_delete"], Session, |c| c
        .endpoints()
        .delete(ENDPOINT)),
    // ec2()
    method!("ec2().create", ["ec2_create"], Session, |c| c
        .ec2()
        .create(USER, TENANT)),
    method!("ec2().list", ["ec2_list"], Session, |c| c.ec2().list(USER)),
    method!("ec2().get", ["ec2_get"], Session, |c| c
        .ec2()
        .get(USER, ACCESS)),
    method!("ec2().delete", ["ec2_delete"], Session, |c| c
        .ec2()
        .delete(USER, ACCESS)),
    method!(
        "ec2().authenticate",
        ["ec2_tokens_authenticate"],
        Session,
        |c| c.ec2().authenticate(ec2_signature())
    ),
    method!(
        "ec2().s3_authenticate",
        ["ec2_s3tokens_authenticate"],
        Session,
        |c| c.ec2().s3_authenticate(s3_signature())
    ),
    // extensions()
    method!("extensions().list", ["extensions_list"], Session, |c| c
        .extensions()
        .list()),
    method!("extensions().get", ["extensions_get"], Session, |c| c
        .extensions()
        .get("OS-KSADM")),
    // tokens()
    method!(
        "tokens().authenticate",
        ["tokens_authenticate"],
        Session,
        |c| c
            .tokens()
            .authenticate(TokenAuth::password("demo", PASSWORD).tenant_name("demo"))
    ),
    method!("tokens().validate", ["tokens_validate"], Session, |c| c
        .tokens()
        .validate(SUBJECT_TOKEN)),
    method!(
        "tokens().validate_belongs_to",
        ["tokens_validate"],
        Session,
        |c| c.tokens().validate_belongs_to(SUBJECT_TOKEN, TENANT)
    ),
    method!(
        "tokens().get_token_data",
        ["tokens_validate"],
        Session,
        |c| c.tokens().get_token_data(SUBJECT_TOKEN, None)
    ),
    method!(
        "tokens().validate_access_info",
        ["tokens_validate"],
        Session,
        |c| c.tokens().validate_access_info(SUBJECT_TOKEN)
    ),
    Method {
        name: "tokens().check",
        ops: &["tokens_check"],
        which: Which::Session,
        run: |c: Client| -> CallFuture {
            Box::pin(async move {
                c.tokens()
                    .check(SUBJECT_TOKEN, None)
                    .await
                    .map(Okay::Checked)
            })
        },
    },
    method!("tokens().delete", ["tokens_delete"], Session, |c| c
        .tokens()
        .delete(SUBJECT_TOKEN)),
    method!("tokens().endpoints", ["tokens_endpoints"], Session, |c| c
        .tokens()
        .endpoints(SUBJECT_TOKEN)),
    method!(
        "tokens().get_revoked",
        ["tokens_get_revoked"],
        Session,
        |c| c.tokens().get_revoked()
    ),
    // certificates()
    method!(
        "certificates().get_ca_certificate",
        ["certificates_get_ca"],
        Session,
        |c| c.certificates().get_ca_certificate()
    ),
    method!(
        "certificates().get_signing_certificate",
        ["certificates_get_signing"],
        Session,
        |c| c.certificates().get_signing_certificate()
    ),
    // versions()
    method!("versions().list", ["versions_list"], Session, |c| c
        .versions()
        .list()),
    method!("versions().get", ["version_get"], Session, |c| c
        .versions()
        .get()),
];

/// What a run does.
#[derive(Debug, Clone)]
pub struct FuzzConfig {
    pub seed: u64,
    /// Stop starting calls once the servers have sent this many answers.
    pub responses: u64,
    /// Concurrent workers, each with its own server and clients, calling one at a time.
    pub workers: usize,
    /// The clients' `timeout`.
    pub timeout: Duration,
    /// How much longer than `timeout` a call may take.
    pub slack: Duration,
    /// The largest body of the `huge_body` answers.
    pub huge_max: u64,
    /// How often (per mille) a `huge_body` answer is drawn.
    pub huge_per_mille: u64,
    /// Samples kept per violation group.
    pub samples: usize,
    /// Only clean answers.
    pub clean_only: bool,
    /// Print the progress every 200 calls of worker 0.
    pub progress: bool,
    /// Print every call of this worker (`FUZZ_TRACE`), to debug the harness.
    pub trace: Option<usize>,
    /// Only the methods whose name contains one of these (`FUZZ_METHODS`, comma-separated).
    pub methods: Vec<String>,
}

fn env_u64(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim().replace('_', "");
    match v.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => v.parse().ok(),
    }
}

impl FuzzConfig {
    /// The defaults, overridden by `FUZZ_SEED`, `FUZZ_RESPONSES`, `FUZZ_WORKERS`,
    /// `FUZZ_TIMEOUT_MS`, `FUZZ_SLACK_MS`, `FUZZ_HUGE_MAX` (bytes), `FUZZ_HUGE_PER_MILLE`,
    /// `FUZZ_SAMPLES`, `FUZZ_PROGRESS`, `FUZZ_TRACE` (a worker whose calls are printed),
    /// `FUZZ_METHODS`.
    pub fn from_env(
        responses: u64,
        workers: usize,
        huge_max: u64,
        huge_per_mille: u64,
    ) -> FuzzConfig {
        FuzzConfig {
            seed: env_u64("FUZZ_SEED").unwrap_or(0x5EED_0007_0011),
            responses: env_u64("FUZZ_RESPONSES").unwrap_or(responses),
            workers: env_u64("FUZZ_WORKERS")
                .map(|w| w as usize)
                .unwrap_or(workers)
                .max(1),
            timeout: Duration::from_millis(env_u64("FUZZ_TIMEOUT_MS").unwrap_or(2000)),
            slack: Duration::from_millis(env_u64("FUZZ_SLACK_MS").unwrap_or(500)),
            huge_max: env_u64("FUZZ_HUGE_MAX").unwrap_or(huge_max),
            huge_per_mille: env_u64("FUZZ_HUGE_PER_MILLE").unwrap_or(huge_per_mille),
            samples: env_u64("FUZZ_SAMPLES").unwrap_or(2) as usize,
            clean_only: false,
            progress: env_u64("FUZZ_PROGRESS").unwrap_or(0) != 0,
            trace: env_u64("FUZZ_TRACE").map(|w| w as usize),
            methods: std::env::var("FUZZ_METHODS")
                .map(|m| {
                    m.split(',')
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    fn hard_limit(&self) -> Duration {
        self.timeout * 10 + Duration::from_secs(30)
    }
}

/// Violations of one invariant with one cause.
#[derive(Debug, Default, Clone)]
pub struct Group {
    pub count: u64,
    pub samples: Vec<String>,
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Report {
    pub seed: u64,
    pub timeout: Duration,
    pub slack: Duration,
    pub workers: usize,
    pub responses: u64,
    pub calls: u64,
    pub panics: u64,
    pub hangs: u64,
    pub stray: u64,
    /// Requests for an earlier call's operation, arriving after that call had ended.
    pub late: u64,
    pub late_samples: Vec<String>,
    /// Calls that took longer than the timeout but stayed within the slack.
    pub within_slack: u64,
    pub longest: Duration,
    pub longest_call: String,
    /// (invariant, cause) -> violations.
    pub violations: BTreeMap<(String, String), Group>,
    /// Answers sent, by kind family.
    pub kinds: BTreeMap<String, u64>,
    /// Outcomes, by `Ok` or error variant.
    pub outcomes: BTreeMap<String, u64>,
    /// Calls per method.
    pub methods: BTreeMap<&'static str, u64>,
    pub elapsed: Duration,
}

impl Report {
    pub fn violation_count(&self) -> u64 {
        self.violations.values().map(|g| g.count).sum()
    }

    /// Violations per invariant.
    pub fn by_invariant(&self) -> BTreeMap<&str, u64> {
        let mut out = BTreeMap::new();
        for ((inv, _), g) in &self.violations {
            *out.entry(inv.as_str()).or_insert(0) += g.count;
        }
        out
    }

    pub fn is_clean(&self) -> bool {
        self.violations.is_empty() && self.panics == 0 && self.hangs == 0
    }

    fn violation(
        &mut self,
        samples: usize,
        invariant: &str,
        cause: String,
        sample: impl FnOnce() -> String,
    ) {
        let group = self
            .violations
            .entry((invariant.to_owned(), cause))
            .or_default();
        group.count += 1;
        if group.samples.len() < samples {
            group.samples.push(sample());
        }
    }

    fn merge(&mut self, other: Report, samples: usize) {
        self.calls += other.calls;
        self.panics += other.panics;
        self.hangs += other.hangs;
        self.stray += other.stray;
        self.late += other.late;
        for s in other.late_samples {
            if self.late_samples.len() < samples {
                self.late_samples.push(s);
            }
        }
        self.within_slack += other.within_slack;
        if other.longest > self.longest {
            self.longest = other.longest;
            self.longest_call = other.longest_call;
        }
        for (k, g) in other.violations {
            let mine = self.violations.entry(k).or_default();
            mine.count += g.count;
            for s in g.samples {
                if mine.samples.len() < samples {
                    mine.samples.push(s);
                }
            }
        }
        for (k, n) in other.kinds {
            *self.kinds.entry(k).or_insert(0) += n;
        }
        for (k, n) in other.outcomes {
            *self.outcomes.entry(k).or_insert(0) += n;
        }
        for (k, n) in other.methods {
            *self.methods.entry(k).or_insert(0) += n;
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "hostile-server fuzz: seed {:#x}, {} workers, timeout {:?} (+{:?} slack), {:.1} s",
            self.seed,
            self.workers,
            self.timeout,
            self.slack,
            self.elapsed.as_secs_f64()
        )?;
        writeln!(f, "  responses: {}", self.responses)?;
        writeln!(
            f,
            "  calls: {} ({} methods)",
            self.calls,
            self.methods.len()
        )?;
        writeln!(f, "  panics: {}", self.panics)?;
        writeln!(f, "  hangs: {}", self.hangs)?;
        writeln!(f, "  invariant violations: {}", self.violation_count())?;
        for (inv, n) in self.by_invariant() {
            writeln!(f, "    {inv}: {n}")?;
        }
        writeln!(
            f,
            "  longest call: {:.3} s against a deadline of {:.3} s (timeout {:.3} s + slack {:.3} s): {}",
            self.longest.as_secs_f64(),
            (self.timeout + self.slack).as_secs_f64(),
            self.timeout.as_secs_f64(),
            self.slack.as_secs_f64(),
            self.longest_call
        )?;
        writeln!(
            f,
            "  calls past the timeout but within the slack: {}",
            self.within_slack
        )?;
        writeln!(f, "  stray requests (no call under way): {}", self.stray)?;
        writeln!(
            f,
            "  late requests (an earlier call's operation, after that call ended): {}",
            self.late
        )?;
        for s in &self.late_samples {
            writeln!(f, "      {s}")?;
        }
        let kinds: Vec<String> = self.kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        writeln!(f, "  answers by kind: {}", kinds.join(", "))?;
        let outcomes: Vec<String> = self
            .outcomes
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        writeln!(f, "  outcomes: {}", outcomes.join(", "))?;
        if !self.violations.is_empty() {
            writeln!(
                f,
                "  violations by invariant and cause (count, then samples):"
            )?;
            for ((inv, cause), g) in &self.violations {
                writeln!(f, "  - {inv} | {cause}: {}", g.count)?;
                for s in &g.samples {
                    writeln!(f, "      {s}")?;
                }
            }
        }
        Ok(())
    }
}

fn variant(e: &Error) -> String {
    let debug = format!("{e:?}");
    let name: String = debug
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    match e.status() {
        Some(s) => format!("{name}({})", s.as_u16()),
        None => name,
    }
}

fn outcome_name(o: &Outcome) -> String {
    match o {
        Ok(Okay::Done) => "Ok".into(),
        Ok(Okay::Checked(b)) => format!("Ok({b})"),
        Err(e) => format!("Err({})", variant(e)),
    }
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let head: String = s.chars().take(max).collect();
        format!("{head}... ({} chars)", s.chars().count())
    }
}

struct Call<'a> {
    seed: u64,
    worker: usize,
    call: u64,
    method: &'static Method,
    elapsed: Duration,
    ended: Instant,
    sent: &'a [Sent],
}

impl Call<'_> {
    fn sample(&self, outcome: &str) -> String {
        let answers: Vec<String> = self
            .sent
            .iter()
            .enumerate()
            .map(|(i, s)| format!("#{i} {}", s.describe()))
            .collect();
        format!(
            "seed={:#x} worker={} call={} {} took {:.3} s; answers: [{}]; outcome: {}",
            self.seed,
            self.worker,
            self.call,
            self.method.name,
            self.elapsed.as_secs_f64(),
            answers.join("; "),
            short(outcome, 400)
        )
    }

    /// The kinds of the answers, in order ("a -> b -> c").
    fn path(&self) -> String {
        let mut kinds: Vec<&str> = self.sent.iter().map(|s| s.kind.as_str()).collect();
        if kinds.len() > 4 {
            let n = kinds.len();
            kinds = vec![kinds[0], kinds[1], "...", kinds[n - 1]];
        }
        if kinds.is_empty() {
            "no answer".into()
        } else {
            kinds.join(" -> ")
        }
    }

    /// The last answer the call's outcome depends on. A re-authentication (`POST /tokens`
    /// in a call that is not itself an authentication) and whatever it was redirected to do
    /// not count, up to the replay of the call's own operation.
    fn last_answer(&self) -> Option<&Sent> {
        let own_auth = self.method.ops.contains(&"tokens_authenticate");
        let mut in_reauth = false;
        let mut last = None;
        for s in self.sent {
            if !own_auth && s.op == Some("tokens_authenticate") {
                in_reauth = true;
            } else if in_reauth && s.op.is_some_and(|op| self.method.ops.contains(&op)) {
                in_reauth = false;
            }
            if !in_reauth {
                last = Some(s);
            }
        }
        last
    }
}

fn error_texts(e: &Error) -> Vec<String> {
    let mut texts = vec![e.to_string(), format!("{e:?}")];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        texts.push(s.to_string());
        texts.push(format!("{s:?}"));
        source = s.source();
    }
    texts
}

fn shown(outcome: &Outcome) -> String {
    match outcome {
        Ok(o) => format!("{o:?}"),
        Err(e) => format!("Err({e:?}) displayed as {:?}", e.to_string()),
    }
}

fn check(cfg: &FuzzConfig, call: &Call, outcome: &Outcome, shown: &str, report: &mut Report) {
    let n = cfg.samples;
    if let Err(e) = outcome {
        let texts = error_texts(e);
        for (name, secret) in SECRETS {
            if texts.iter().any(|t| t.contains(secret)) {
                let last = call
                    .last_answer()
                    .map(|s| s.kind.clone())
                    .unwrap_or_default();
                report.violation(
                    n,
                    "no_secret_in_error",
                    format!("{name} in {} after {last}", variant(e)),
                    || call.sample(shown),
                );
            }
        }
    }
    let Some(last) = call.last_answer() else {
        return;
    };
    let timed_out = matches!(outcome, Err(e) if e.is_timeout());
    let Some(status) = last.delivered_status(call.ended, GRACE, timed_out) else {
        return;
    };
    if !(400..=599).contains(&status) {
        return;
    }
    let authenticated = last
        .op
        .and_then(keystone_v2::operations::find)
        .map(|o| o.authenticated)
        .unwrap_or(true);
    if status == 401 && authenticated {
        return;
    }
    let check_404 = call.method.name == "tokens().check" && status == 404;
    match outcome {
        Ok(Okay::Checked(false)) if check_404 => {}
        Ok(_) => report.violation(n, "no_success_on_error_status", last.kind.clone(), || {
            call.sample(shown)
        }),
        Err(e) if e.status().map(|s| s.as_u16()) == Some(status) => {}
        Err(e) => report.violation(
            n,
            "error_keeps_status",
            format!("{} -> {}", last.kind, variant(e)),
            || call.sample(shown),
        ),
    }
}

/// What every worker shares.
struct Shared {
    responses: Arc<AtomicU64>,
    /// Building the clients takes CPU (their TLS roots): no worker calls before all are built.
    ready: tokio::sync::Barrier,
    started: std::sync::Mutex<Instant>,
}

async fn worker(index: usize, cfg: Arc<FuzzConfig>, shared: Arc<Shared>) -> Report {
    let server = HostileServer::start(
        ServerConfig {
            seed: mix(cfg.seed, index as u64),
            timeout: cfg.timeout,
            huge_max: cfg.huge_max,
            huge_per_mille: cfg.huge_per_mille,
            clean_only: cfg.clean_only,
        },
        shared.responses.clone(),
    )
    .await;
    let access = server.captures().access_info();
    let builder = Client::builder()
        .auth_url(format!("{}/v2.0", server.root()))
        .username("admin")
        .password(PASSWORD)
        .tenant_name("admin")
        .timeout(cfg.timeout);
    let password_client = builder.clone().build().expect("a password client");
    let session = || {
        builder
            .clone()
            .auth_ref(access.clone())
            .build()
            .expect("a session client")
    };
    let mut session_client = session();
    if shared.ready.wait().await.is_leader() {
        *shared.started.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
    }
    let mut report = Report::default();
    let methods: Vec<&'static Method> = METHODS
        .iter()
        .filter(|m| {
            cfg.methods.is_empty() || cfg.methods.iter().any(|f| m.name.contains(f.as_str()))
        })
        .collect();
    assert!(
        !methods.is_empty(),
        "FUZZ_METHODS={:?} selects no method",
        cfg.methods
    );
    let mut call = 0u64;
    let mut previous = String::from("none");
    while shared.responses.load(Ordering::Relaxed) < cfg.responses {
        call += 1;
        let call_seed = mix(mix(cfg.seed, index as u64), call);
        let mut rng = Rng::new(call_seed);
        let method = methods[rng.index(methods.len())];
        let client = match method.which {
            Which::Password => password_client.clone(),
            Which::Session => session_client.clone(),
        };
        server.begin_call(call, mix(call_seed, 0xA11CE), method.ops);
        let started = Instant::now();
        let handle = tokio::spawn((method.run)(client));
        let abort = handle.abort_handle();
        let joined = tokio::time::timeout(cfg.hard_limit(), handle).await;
        let ended = Instant::now();
        let sent = server.end_call();
        let elapsed = ended - started;
        for late in server.take_late() {
            report.late += 1;
            if report.late_samples.len() < cfg.samples {
                report
                    .late_samples
                    .push(format!("{late}; the call before: {previous}"));
            }
        }
        let c = Call {
            seed: cfg.seed,
            worker: index,
            call,
            method,
            elapsed,
            ended,
            sent: &sent,
        };
        report.calls += 1;
        *report.methods.entry(method.name).or_insert(0) += 1;
        for s in &sent {
            *report.kinds.entry(s.family().to_owned()).or_insert(0) += 1;
        }
        let mut shown_outcome = String::from("still running");
        match joined {
            Err(_) => {
                abort.abort();
                report.hangs += 1;
                report.violation(cfg.samples, "no_hang", c.path(), || {
                    c.sample("still running")
                });
            }
            Ok(Err(e)) => {
                if e.is_panic() {
                    report.panics += 1;
                    let payload = e.into_panic();
                    let message = payload
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    let cause = format!("{}: {}", method.name, short(&message, 120));
                    shown_outcome = format!("panic: {message}");
                    report.violation(cfg.samples, "no_panic", cause, || c.sample(&message));
                }
            }
            Ok(Ok(outcome)) => {
                *report.outcomes.entry(outcome_name(&outcome)).or_insert(0) += 1;
                shown_outcome = shown(&outcome);
                check(&cfg, &c, &outcome, &shown_outcome, &mut report);
            }
        }
        previous = c.sample(&shown_outcome);
        if cfg.trace == Some(index) {
            eprintln!("trace: {previous}");
        }
        // `timeout` bounds each call of the client; `list_all` makes one call per page (each
        // distinct page request, its retries included), so its bound is one timeout a page.
        let calls_made = if method.name == "tenants().list_all" {
            let pages: std::collections::BTreeSet<&str> = sent
                .iter()
                .filter(|s| s.origin == Origin::Main && s.op == Some("tenants_list"))
                .map(|s| s.target.as_str())
                .collect();
            pages.len().max(1) as u32
        } else {
            1
        };
        // The longest single call (a `list_all` of several pages is several calls).
        if calls_made == 1 && elapsed > report.longest {
            report.longest = elapsed;
            report.longest_call = c.sample(&shown_outcome);
        }
        if elapsed > cfg.timeout * calls_made + cfg.slack {
            report.violation(cfg.samples, "returns_within_deadline", c.path(), || {
                c.sample(&shown_outcome)
            });
        } else if elapsed > cfg.timeout * calls_made {
            report.within_slack += 1;
        }
        for (i, s) in sent
            .iter()
            .enumerate()
            .filter(|(_, s)| s.origin != Origin::Main)
        {
            let via = sent[..i]
                .iter()
                .rfind(|r| r.kind.starts_with("redirect/"))
                .map(|r| r.kind.clone())
                .unwrap_or_else(|| "?".into());
            let cause = format!(
                "{:?} after {via}, token sent: {}, password sent: {}",
                s.origin,
                if s.token_sent { "yes" } else { "no" },
                if s.password_sent { "yes" } else { "no" }
            );
            report.violation(cfg.samples, "no_cross_origin_request", cause, || {
                c.sample(&shown_outcome)
            });
        }
        // A re-authentication or an own-password change may have installed a mutated token.
        if method.which == Which::Session
            && sent.iter().any(|s| {
                matches!(
                    s.op,
                    Some("tokens_authenticate") | Some("users_update_own_password")
                )
            })
        {
            session_client = session();
        }
        if cfg.progress && index == 0 && call.is_multiple_of(200) {
            eprintln!(
                "fuzz: {} responses after {:.0} s",
                shared.responses.load(Ordering::Relaxed),
                shared
                    .started
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .elapsed()
                    .as_secs_f64()
            );
        }
    }
    report.stray = server.stray();
    report
}

/// Runs the fuzz: `cfg.workers` workers, until `cfg.responses` answers were sent.
pub async fn run(cfg: FuzzConfig) -> Report {
    // Arguments built from JSON: fail here, not as a "panic" in a call.
    let _ = (ec2_signature(), s3_signature());
    let shared = Arc::new(Shared {
        responses: Arc::new(AtomicU64::new(0)),
        ready: tokio::sync::Barrier::new(cfg.workers.max(1)),
        started: std::sync::Mutex::new(Instant::now()),
    });
    let cfg = Arc::new(cfg);
    let workers: Vec<_> = (0..cfg.workers)
        .map(|i| tokio::spawn(worker(i, cfg.clone(), shared.clone())))
        .collect();
    let mut report = Report {
        seed: cfg.seed,
        timeout: cfg.timeout,
        slack: cfg.slack,
        workers: cfg.workers,
        ..Report::default()
    };
    for w in workers {
        let r = w.await.expect("a worker does not panic");
        report.merge(r, cfg.samples);
    }
    report.responses = shared.responses.load(Ordering::Relaxed);
    report.elapsed = shared
        .started
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .elapsed();
    report
}

/// Calls every method once against a server that only sends clean captures.
pub async fn call_each_against_clean_captures(
    timeout: Duration,
) -> Vec<(&'static str, Outcome, Vec<Sent>)> {
    let server = HostileServer::start(
        ServerConfig {
            seed: 1,
            timeout,
            huge_max: 0,
            huge_per_mille: 0,
            clean_only: true,
        },
        Arc::new(AtomicU64::new(0)),
    )
    .await;
    let access = server.captures().access_info();
    let builder = Client::builder()
        .auth_url(format!("{}/v2.0", server.root()))
        .username("admin")
        .password(PASSWORD)
        .tenant_name("admin")
        .timeout(timeout);
    let mut out = Vec::new();
    for (i, method) in METHODS.iter().enumerate() {
        let client = match method.which {
            Which::Password => builder.clone().build().expect("a client"),
            Which::Session => builder
                .clone()
                .auth_ref(access.clone())
                .build()
                .expect("a client"),
        };
        server.begin_call(i as u64, i as u64, method.ops);
        let outcome = (method.run)(client).await;
        out.push((method.name, outcome, server.end_call()));
    }
    out
}
