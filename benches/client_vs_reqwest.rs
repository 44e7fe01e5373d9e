//! The Client against raw reqwest doing the same HTTP exchanges, on the in-process emulator.
//!
//! ```text
//! cargo bench --features emulator --bench client_vs_reqwest
//! ```
//! For a token validation (`GET /v2.0/tokens/{id}`) and a tenant list (`GET /v2.0/tenants`),
//! sequentially and with 64 concurrent tasks, it times the same number of calls through
//! `keystone_v2::Client` and through a bare `reqwest::Client` that sends the same request and
//! decodes the same generated type, and (to tell where a difference comes from) through the
//! generated client alone with a static token. Rounds alternate between the three so that
//! machine noise hits all alike; it prints the medians and the ratios Client / reqwest and
//! Client / generated.
//! `BENCH_CALLS` (default 2000) sets the calls per measurement, `BENCH_ROUNDS` (default 5) the rounds.

use std::sync::Arc;
use std::time::{Duration, Instant};

use keystone_v2::emulator::Emulator;
use keystone_v2::types;
use keystone_v2::Client;

#[derive(Clone, Copy, Debug)]
enum Call {
    Validate,
    TenantList,
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

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
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
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .expect("reqwest");
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
            reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .build()
                .expect("reqwest"),
            keystone_v2::hooks::Hooks::with_token(raw.token.clone()),
        ));

        let targets = [
            Target::Client(client.clone(), subject.clone()),
            Target::Generated(generated, subject.clone()),
            Target::Reqwest(raw),
        ];
        println!(
            "{calls} calls per measurement, median of {rounds} alternating rounds; time per call"
        );
        println!(
            "{:<24} {:>10} {:>10} {:>10} {:>15} {:>18}",
            "exchange", "Client", "generated", "reqwest", "Client/reqwest", "Client/generated"
        );
        for call in [Call::Validate, Call::TenantList] {
            for tasks in [1usize, 64] {
                // Warm the three pools.
                for target in &targets {
                    run(target, call, tasks * 4, tasks).await;
                }
                let (mut c, mut g, mut r) = (Vec::new(), Vec::new(), Vec::new());
                for _ in 0..rounds {
                    c.push(run(&targets[0], call, calls, tasks).await);
                    g.push(run(&targets[1], call, calls, tasks).await);
                    r.push(run(&targets[2], call, calls, tasks).await);
                }
                let (c, g, r) = (median(c), median(g), median(r));
                let label = format!(
                    "{call:?} x{tasks}{}",
                    if tasks == 1 { " (seq.)" } else { " tasks" }
                );
                let per_call = |d: Duration| d.as_secs_f64() * 1e6 / calls as f64;
                println!(
                    "{label:<24} {:>8.1}us {:>8.1}us {:>8.1}us {:>15.3} {:>18.3}",
                    per_call(c),
                    per_call(g),
                    per_call(r),
                    c.as_secs_f64() / r.as_secs_f64(),
                    c.as_secs_f64() / g.as_secs_f64()
                );
            }
        }
        emulator.shutdown().await;
    });
}
