//! The Client against raw reqwest doing the same HTTP exchanges, on the in-process emulator.
//!
//! ```text
//! cargo bench --features emulator --bench client_vs_reqwest
//! ```
//! For a token validation (`GET /v2.0/tokens/{id}`), a tenant list (`GET /v2.0/tenants`) and a
//! tenant create + delete pair (`POST /v2.0/tenants`, `DELETE /v2.0/tenants/{id}`),
//! sequentially and with 64 concurrent tasks, it times the same number of calls through
//! `keystone_v2::Client` and through a bare `reqwest::Client` that sends the same request and
//! decodes the same generated type, and (to tell where a difference comes from) through the
//! generated client alone with a static token. The bare `reqwest::Client` carries the
//! `Client`'s default headers (`Accept` and `User-Agent`), so that all three send the same
//! requests.
//!
//! - **Sequential rows.** In each round the three clients take turns in batches of
//!   `BENCH_BATCH` calls (default 25; the order rotates from batch to batch), every call timed
//!   on its own, and a client's figure for the round is its median call time. Taking turns
//!   this often makes a moment of machine noise hit all three alike, and the median ignores
//!   the rare call a preemption of the machine stretches by milliseconds. (Batches rather
//!   than single calls: a client's connection and code stay warm for more than one call, as
//!   they do in a program that makes calls in a row.)
//! - **64-task rows.** Rounds alternate between the three clients (the order rotates from
//!   round to round), each round timing `BENCH_CALLS` calls spread over 64 tasks.
//!
//! Per row it prints the median time per call of each, and the median of the per-round ratios
//! Client / reqwest and Client / generated (a ratio taken within one round, then the median
//! over the rounds, is steadier on a noisy machine than the ratio of the medians), with their
//! lowest and highest. `BENCH_CALLS` (default 2000) sets the calls per measurement (a
//! create+delete pair counts as one call), `BENCH_ROUNDS` (default 5) the rounds. For
//! profiling one of them, comma lists in `BENCH_EXCHANGE` (`Validate`, `TenantList`,
//! `CreateDelete`), `BENCH_TASKS` (`1`, `64`) and `BENCH_CLIENTS` (`client`, `generated`,
//! `reqwest`) restrict the rows and the clients run (the ratios of a row with a client left
//! out mean nothing).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use keystone_v2::emulator::Emulator;
use keystone_v2::types;
use keystone_v2::Client;

#[derive(Clone, Copy, Debug)]
enum Call {
    Validate,
    TenantList,
    /// A tenant create and its delete.
    CreateDelete,
}

/// A tenant name no other call of the process uses.
fn unique_name() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!(
        "bench-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

fn create_body() -> types::TenantCreateRequest {
    types::TenantCreateRequest {
        tenant: types::TenantCreate {
            id: None,
            name: unique_name().parse().expect("a valid name"),
            description: None,
            enabled: Some(true),
            extra: Default::default(),
        },
    }
}

struct Raw {
    http: reqwest::Client,
    admin: String,
    token: String,
    subject: String,
}

impl Raw {
    async fn call(&self, call: Call) {
        match call {
            Call::Validate => {
                let url = format!("{}/tokens/{}", self.admin, self.subject);
                let r = self
                    .http
                    .get(url)
                    .header("x-auth-token", &self.token)
                    .send()
                    .await
                    .expect("sent");
                assert!(r.status().is_success());
                let body: types::AccessResponse = r.json().await.expect("decoded");
                std::hint::black_box(body);
            }
            Call::TenantList => {
                let r = self
                    .http
                    .get(format!("{}/tenants", self.admin))
                    .header("x-auth-token", &self.token)
                    .send()
                    .await
                    .expect("sent");
                assert!(r.status().is_success());
                let body: types::TenantsOrTenant = r.json().await.expect("decoded");
                std::hint::black_box(body);
            }
            Call::CreateDelete => {
                let r = self
                    .http
                    .post(format!("{}/tenants", self.admin))
                    .header("x-auth-token", &self.token)
                    .json(&create_body())
                    .send()
                    .await
                    .expect("sent");
                assert!(r.status().is_success());
                let created: types::TenantResponse = r.json().await.expect("decoded");
                let r = self
                    .http
                    .delete(format!("{}/tenants/{}", self.admin, created.tenant.id))
                    .header("x-auth-token", &self.token)
                    .send()
                    .await
                    .expect("sent");
                assert!(r.status().is_success());
            }
        }
    }
}

async fn generated_call(g: &keystone_v2::generated::Client, subject: &str, call: Call) {
    match call {
        Call::Validate => {
            std::hint::black_box(g.tokens_validate(subject, None).await.expect("validated"));
        }
        Call::TenantList => {
            std::hint::black_box(g.tenants_list(None, None, None).await.expect("listed"));
        }
        Call::CreateDelete => {
            let created = g.tenants_create(&create_body()).await.expect("created");
            g.tenants_delete(&created.into_inner().tenant.id)
                .await
                .expect("deleted");
        }
    }
}

async fn client_call(client: &Client, subject: &str, call: Call) {
    match call {
        Call::Validate => {
            std::hint::black_box(client.tokens().validate(subject).await.expect("validated"));
        }
        Call::TenantList => {
            std::hint::black_box(
                client
                    .tenants()
                    .list(Default::default())
                    .await
                    .expect("listed"),
            );
        }
        Call::CreateDelete => {
            let created = client
                .tenants()
                .create(&unique_name(), Default::default())
                .await
                .expect("created");
            client.tenants().delete(&created.id).await.expect("deleted");
        }
    }
}

/// One of the three clients under comparison.
#[derive(Clone)]
enum Target {
    Client(Client, Arc<String>),
    Generated(Arc<keystone_v2::generated::Client>, Arc<String>),
    Reqwest(Arc<Raw>),
}

impl Target {
    async fn call(&self, call: Call) {
        match self {
            Target::Client(c, subject) => client_call(c, subject, call).await,
            Target::Generated(g, subject) => generated_call(g, subject, call).await,
            Target::Reqwest(raw) => raw.call(call).await,
        }
    }
}

/// `calls` calls spread over `tasks` concurrent tasks; the time they all took.
async fn run(target: &Target, call: Call, calls: usize, tasks: usize) -> Duration {
    let started = Instant::now();
    let handles: Vec<_> = (0..tasks)
        .map(|_| {
            let target = target.clone();
            tokio::spawn(async move {
                for _ in 0..calls / tasks {
                    target.call(call).await;
                }
            })
        })
        .collect();
    for h in handles {
        h.await.expect("task");
    }
    started.elapsed()
}

/// One round of a sequential row: the clients take turns call by call (the order rotating
/// from call to call), so that whatever slows the machine down for a moment slows all of them
/// alike; each one's figure is its median call time (robust to the rare call that a
/// preemption of the machine stretches by milliseconds), times `calls`.
async fn run_interleaved(
    targets: &[Target; 3],
    chosen: [bool; 3],
    call: Call,
    calls: usize,
) -> [Duration; 3] {
    let batch: usize = env_usize("BENCH_BATCH", 25).max(1);
    let mut each: [Vec<Duration>; 3] = Default::default();
    for n in 0..calls.div_ceil(batch) {
        for k in 0..3 {
            let i = (n + k) % 3;
            if chosen[i] {
                for _ in 0..batch.min(calls - n * batch) {
                    let started = Instant::now();
                    targets[i].call(call).await;
                    each[i].push(started.elapsed());
                }
            }
        }
    }
    each.map(|times| {
        if times.is_empty() {
            // Left out (profiling one client): a placeholder time.
            Duration::from_secs(1)
        } else {
            median(times) * calls as u32
        }
    })
}

fn median<T: PartialOrd + Copy>(mut v: Vec<T>) -> T {
    v.sort_by(|a, b| a.partial_cmp(b).expect("comparable"));
    v[v.len() / 2]
}

/// The median, lowest and highest of the per-round ratios `a[i] / b[i]`.
fn ratios(a: &[Duration], b: &[Duration]) -> (f64, f64, f64) {
    let r: Vec<f64> = a
        .iter()
        .zip(b)
        .map(|(a, b)| a.as_secs_f64() / b.as_secs_f64())
        .collect();
    let lo = r.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = r.iter().copied().fold(0.0, f64::max);
    (median(r), lo, hi)
}

/// A `reqwest::Client` with what the `Client` gives its own: the same timeout, and the same
/// headers on every request (`Accept: application/json` and the crate's `User-Agent`), so that
/// the three clients send the same bytes and the emulator does the same work for each.
fn bare_reqwest() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        reqwest::header::ACCEPT,
        reqwest::header::HeaderValue::from_static("application/json"),
    );
    headers.insert(
        reqwest::header::USER_AGENT,
        reqwest::header::HeaderValue::from_static(keystone_v2::DEFAULT_USER_AGENT),
    );
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .default_headers(headers)
        .build()
        .expect("reqwest")
}

/// Whether the environment variable `name` (a filter of the rows or clients to run, for
/// profiling one of them) is unset or lets `value` through.
fn selected(name: &str, value: &str) -> bool {
    std::env::var(name).map_or(true, |v| v.split(',').any(|v| v == value))
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing and runs it briefly.
    let quick = !std::env::args().any(|a| a == "--bench");
    let calls = if quick {
        64
    } else {
        env_usize("BENCH_CALLS", 2000)
    };
    let rounds = if quick {
        1
    } else {
        env_usize("BENCH_ROUNDS", 5)
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    rt.block_on(async move {
        let emulator = Emulator::start().await.expect("the emulator starts");
        let client = Client::builder()
            .auth_url(emulator.public_url())
            .username("admin")
            .password("secret")
            .tenant_name("admin")
            .build()
            .expect("a client");
        let token = client
            .auth_token()
            .await
            .expect("a token")
            .expose()
            .to_owned();
        let subject = client
            .tokens()
            .authenticate(
                keystone_v2::managers::TokenAuth::password("admin", "secret").tenant_name("admin"),
            )
            .await
            .expect("a second token")
            .auth_token()
            .expose()
            .to_owned();
        let http = bare_reqwest();
        let raw = Arc::new(Raw {
            http,
            admin: emulator.admin_url(),
            token,
            subject: subject.clone(),
        });
        let subject = Arc::new(subject);

        // The generated client alone (static token, no Client layer): splits the overhead
        // between progenitor's generated code and the hand-written layer.
        let generated = Arc::new(keystone_v2::generated::Client::new_with_client(
            emulator.admin_url().trim_end_matches("/v2.0"),
            bare_reqwest(),
            keystone_v2::hooks::Hooks::with_token(raw.token.clone()),
        ));

        let targets = [
            Target::Client(client.clone(), subject.clone()),
            Target::Generated(generated, subject.clone()),
            Target::Reqwest(raw),
        ];
        println!(
            "{calls} calls per measurement, {rounds} rounds (sequential: turns of {} calls, median \
             call time; 64 tasks: alternating rounds); median time per call, median of the \
             per-round ratios [lowest-highest]",
            env_usize("BENCH_BATCH", 25)
        );
        println!(
            "{:<26} {:>10} {:>10} {:>10} {:>22} {:>22}",
            "exchange", "Client", "generated", "reqwest", "Client/reqwest", "Client/generated"
        );
        for call in [Call::Validate, Call::TenantList, Call::CreateDelete] {
            if !selected("BENCH_EXCHANGE", &format!("{call:?}")) {
                continue;
            }
            for tasks in [1usize, 64] {
                if !selected("BENCH_TASKS", &tasks.to_string()) {
                    continue;
                }
                // Warm the three pools.
                for target in &targets {
                    run(target, call, tasks * 4, tasks).await;
                }
                let mut times: [Vec<Duration>; 3] = Default::default();
                let chosen = ["client", "generated", "reqwest"].map(|c| selected("BENCH_CLIENTS", c));
                for round in 0..rounds {
                    if tasks == 1 {
                        // In a task of the runtime, like the other rows' calls (the future of
                        // `block_on` runs on a thread of its own, away from the workers).
                        let t = targets.clone();
                        let round = tokio::spawn(async move {
                            run_interleaved(&t, chosen, call, calls).await
                        })
                        .await
                        .expect("the round's task");
                        for (i, t) in round.into_iter().enumerate() {
                            times[i].push(t);
                        }
                        continue;
                    }
                    // Rotate the order so that none is always first after another's burst.
                    for k in 0..3 {
                        let i = (round + k) % 3;
                        if !selected("BENCH_CLIENTS", ["client", "generated", "reqwest"][i]) {
                            // Left out (profiling one client): a placeholder time.
                            times[i].push(Duration::from_secs(1));
                            continue;
                        }
                        times[i].push(run(&targets[i], call, calls, tasks).await);
                    }
                }
                let (cr, cr_lo, cr_hi) = ratios(&times[0], &times[2]);
                let (cg, cg_lo, cg_hi) = ratios(&times[0], &times[1]);
                let [c, g, r] = times.map(median);
                let label = format!(
                    "{call:?} x{tasks}{}",
                    if tasks == 1 { " (seq.)" } else { " tasks" }
                );
                let per_call = |d: Duration| d.as_secs_f64() * 1e6 / calls as f64;
                println!(
                    "{label:<26} {:>8.1}us {:>8.1}us {:>8.1}us {:>7.3} [{:.3}-{:.3}] {:>7.3} [{:.3}-{:.3}]",
                    per_call(c),
                    per_call(g),
                    per_call(r),
                    cr,
                    cr_lo,
                    cr_hi,
                    cg,
                    cg_lo,
                    cg_hi
                );
            }
        }
        emulator.shutdown().await;
    });
}
