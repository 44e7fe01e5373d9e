//! The Rust side of `scripts/bench-vs-keystoneclient`: one measurement of the Client against a
//! running Keystone v2.0 (the emulator binary there), printed as one line of JSON.
//!
//! ```text
//! cargo run --release --example bench_client -- \
//!   --url http://127.0.0.1:5000/v2.0 --workload list --workers 64 --calls 2000
//! ```
//! It authenticates as `admin` / `secret` on tenant `admin` (`--username`, `--password`,
//! `--tenant` change that) on the public API at `--url`, and then makes `--calls` calls spread
//! over `--workers` tasks sharing that one client, after a warm-up of 4 calls per task:
//! `validate` (a token validation, `GET /v2.0/tokens/{id}`, of a second token), `list` (a
//! tenant list) or `create-delete` (a tenant create and its delete, counted as one call). It
//! prints the wall time, the calls per second and the CPU time the process spent in them
//! (`getrusage`, user + system, all threads):
//! `{"client":"rust","workload":"list","workers":64,"calls":2000,"seconds":…,"calls_per_s":…,
//! "cpu_seconds":…,"peak_rss_kib":…}` (the peak resident set, `VmHWM`).
//!
//! `--workload first-list` makes one client and one tenant list as fast as it can, prints
//! `first-list` when the list has come back, then `{"peak_rss_kib":…}`, and exits: the script
//! times it from the process's start.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use keystone_v2::managers::TokenAuth;
use keystone_v2::Client;

#[derive(Clone, Copy, PartialEq)]
enum Workload {
    Validate,
    List,
    CreateDelete,
    FirstList,
}

struct Args {
    url: String,
    username: String,
    password: String,
    tenant: String,
    workload: Workload,
    workers: usize,
    calls: usize,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        url: String::new(),
        username: "admin".into(),
        password: "secret".into(),
        tenant: "admin".into(),
        workload: Workload::List,
        workers: 1,
        calls: 1000,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |v: String| {
            v.parse::<usize>()
                .map_err(|_| format!("not a number: {v:?}"))
        };
        match flag.as_str() {
            "--url" => a.url = value()?,
            "--username" => a.username = value()?,
            "--password" => a.password = value()?,
            "--tenant" => a.tenant = value()?,
            "--workers" => a.workers = number(value()?)?.max(1),
            "--calls" => a.calls = number(value()?)?,
            "--workload" => {
                a.workload = match value()?.as_str() {
                    "validate" => Workload::Validate,
                    "list" => Workload::List,
                    "create-delete" => Workload::CreateDelete,
                    "first-list" => Workload::FirstList,
                    other => return Err(format!("unknown workload {other:?}")),
                }
            }
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    if a.url.is_empty() {
        return Err("--url is required".into());
    }
    Ok(a)
}

/// The peak resident set of this process (`VmHWM` of /proc/self/status), in KiB; 0 where
/// there is no such file. (A parent's `wait4` is no good for this: the child's `ru_maxrss`
/// counts the parent's pages from before `exec`.)
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// User + system CPU time of the whole process so far.
fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

async fn call(client: &Client, workload: Workload, subject: &str) -> keystone_v2::Result<()> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    match workload {
        Workload::Validate => {
            std::hint::black_box(client.tokens().validate(subject).await?);
        }
        Workload::List | Workload::FirstList => {
            std::hint::black_box(client.tenants().list(Default::default()).await?);
        }
        Workload::CreateDelete => {
            let name = format!(
                "bench-rs-{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            );
            let tenant = client.tenants().create(&name, Default::default()).await?;
            client.tenants().delete(&tenant.id).await?;
        }
    }
    Ok(())
}

async fn run(a: Args) -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::builder()
        .auth_url(&a.url)
        .username(&a.username)
        .password(a.password.as_str())
        .tenant_name(&a.tenant)
        .build()?;
    if a.workload == Workload::FirstList {
        call(&client, Workload::FirstList, "").await?;
        println!("first-list");
        println!("{}", serde_json::json!({ "peak_rss_kib": peak_rss_kib() }));
        return Ok(());
    }
    let subject = Arc::new(if a.workload == Workload::Validate {
        client
            .tokens()
            .authenticate(
                TokenAuth::password(&a.username, a.password.as_str()).tenant_name(&a.tenant),
            )
            .await?
            .auth_token()
            .expose()
            .to_owned()
    } else {
        String::new()
    });
    let per_worker = a.calls / a.workers;
    let spawn_all = |n: usize| {
        (0..a.workers)
            .map(|_| {
                let (client, subject) = (client.clone(), subject.clone());
                tokio::spawn(async move {
                    for _ in 0..n {
                        call(&client, a.workload, &subject).await?;
                    }
                    keystone_v2::Result::Ok(())
                })
            })
            .collect::<Vec<tokio::task::JoinHandle<keystone_v2::Result<()>>>>()
    };
    for h in spawn_all(4) {
        h.await??;
    }
    let (cpu, started) = (cpu_time(), Instant::now());
    for h in spawn_all(per_worker) {
        h.await??;
    }
    let (seconds, cpu) = (
        started.elapsed().as_secs_f64(),
        (cpu_time() - cpu).as_secs_f64(),
    );
    let calls = per_worker * a.workers;
    let workload = match a.workload {
        Workload::Validate => "validate",
        Workload::List => "list",
        Workload::CreateDelete => "create-delete",
        Workload::FirstList => "first-list",
    };
    println!(
        "{}",
        serde_json::json!({
            "client": "rust",
            "workload": workload,
            "workers": a.workers,
            "calls": calls,
            "seconds": seconds,
            "calls_per_s": calls as f64 / seconds,
            "cpu_seconds": cpu,
            "peak_rss_kib": peak_rss_kib(),
        })
    );
    Ok(())
}

fn main() -> std::process::ExitCode {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("bench_client: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    // One worker is a sequential program, as keystoneclient's single thread is: it runs on a
    // current-thread runtime (no hand-over between the I/O driver and a worker thread on every
    // answer); several workers share a multi-thread runtime.
    let rt = if a.workers <= 1 {
        tokio::runtime::Builder::new_current_thread()
    } else {
        tokio::runtime::Builder::new_multi_thread()
    }
    .enable_all()
    .build()
    .expect("a runtime");
    match rt.block_on(run(a)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_client: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
