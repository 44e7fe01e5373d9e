//! The long hostile-server run: `Client::authenticate` and every manager method against the
//! hostile loopback servers of `tests/common/hostile/` until they have sent 1,000,000
//! responses, then the peak memory of one call answered with a 2 GiB body (declared by
//! `Content-Length`, and chunked), on a 200 and on a 500 (each in its own process, so that
//! the peaks are measured separately).
//!
//! ```sh
//! cargo bench --bench fuzz
//! ```
//!
//! Environment: `FUZZ_RESPONSES` (default 1000000), `FUZZ_SEED`, `FUZZ_WORKERS` (256),
//! `FUZZ_TIMEOUT_MS` (2000), `FUZZ_SLACK_MS` (500), `FUZZ_HUGE_MAX` (24 MiB),
//! `FUZZ_HUGE_PER_MILLE` (3), `FUZZ_SAMPLES` (2), `FUZZ_METHODS`, `FUZZ_PROGRESS` (1),
//! `FUZZ_MEMORY_BYTES` (2 GiB; 0 skips the memory cases). It prints the responses, calls,
//! panics, invariant violations (by invariant and cause, with samples), the longest call
//! against its deadline, and the memory figures; it exits with status 1 when an invariant
//! was violated.

#[path = "../tests/common/hostile/mod.rs"]
mod hostile;

use std::process::Command;
use std::time::{Duration, Instant};

/// The body cap the client is to enforce by default.
const BODY_CAP: u64 = 16 << 20;

/// `VmHWM` (peak resident set) of this process, in KiB.
fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().replace('_', "").parse().ok())
        .unwrap_or(default)
}

/// In a child process: one `tenants().list()` answered with `len` bytes and `status`.
fn memory_child(status: u16) {
    let len = env_u64("FUZZ_MEMORY_BYTES", 2 << 30);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let chunked = std::env::var("FUZZ_MEMORY_CHUNKED").is_ok_and(|v| v == "1");
        let root = hostile::server::huge_body_server(status, len, chunked).await;
        let url = format!("{root}/v2.0");
        // A timeout long enough that only a body cap can stop the read early.
        let client = keystone_v2::Client::builder()
            .auth_url(&url)
            .endpoint(&url)
            .token(hostile::TOKEN)
            .retries(0)
            .timeout(Duration::from_secs(900))
            .build()
            .expect("a client");
        let baseline = vm_hwm_kib();
        let started = Instant::now();
        let outcome = client.tenants().list(Default::default()).await;
        let seconds = started.elapsed().as_secs_f64();
        let peak = vm_hwm_kib();
        let outcome = match outcome {
            Ok(t) => format!("Ok({} tenants)", t.len()),
            Err(e) => {
                let text = e.to_string();
                let text: String = text.chars().take(160).collect();
                format!("Err(status {:?}): {text}", e.status().map(|s| s.as_u16()))
            }
        };
        println!("memory-case status={status} bytes={len} baseline_kib={baseline} peak_kib={peak} seconds={seconds:.1} outcome={outcome}");
    });
}

/// Runs one memory case in a child process and describes it.
fn memory_case(status: u16, chunked: bool) -> (String, bool) {
    let exe = std::env::current_exe().expect("the bench binary");
    let output = Command::new(exe)
        .env("FUZZ_MEMORY_CHILD", status.to_string())
        .env("FUZZ_MEMORY_CHUNKED", if chunked { "1" } else { "0" })
        .output();
    let output = match output {
        Ok(o) => o,
        Err(e) => return (format!("{status}: could not start the child: {e}"), false),
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let Some(line) = stdout.lines().find(|l| l.starts_with("memory-case ")) else {
        return (
            format!(
                "{status}: the child ended without a result ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
                    .lines()
                    .last()
                    .unwrap_or_default()
            ),
            false,
        );
    };
    let field = |name: &str| {
        line.split_whitespace()
            .find_map(|f| f.strip_prefix(&format!("{name}=")))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    let (baseline, peak) = (field("baseline_kib"), field("peak_kib"));
    let growth_mib = (peak - baseline) / 1024.0;
    let cap_mib = (BODY_CAP >> 20) as f64;
    // At most the cap is read and held, plus buffers: the cap plus 16 MiB is the bound.
    let within = growth_mib <= cap_mib + 16.0;
    let outcome = line
        .split_once("outcome=")
        .map(|(_, o)| o)
        .unwrap_or_default();
    (
        format!(
            "a {:.0} MiB {} body on a {status}: peak RSS (VmHWM) {:.1} MiB, {:.1} MiB above the {:.1} MiB before the call, against a body cap of {cap_mib:.0} MiB ({}); {:.1} s; {outcome}",
            field("bytes") / 1048576.0,
            if chunked { "chunked" } else { "Content-Length" },
            peak / 1024.0,
            growth_mib,
            baseline / 1024.0,
            if within { "within cap + 16 MiB" } else { "OVER cap + 16 MiB" },
            field("seconds"),
        ),
        within,
    )
}

fn main() {
    if let Ok(status) = std::env::var("FUZZ_MEMORY_CHILD") {
        memory_child(status.parse().expect("a status"));
        return;
    }
    let started = Instant::now();
    let mut config = hostile::FuzzConfig::from_env(1_000_000, 256, 24 << 20, 3);
    if std::env::var("FUZZ_PROGRESS").is_err() {
        config.progress = true;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let report = runtime.block_on(hostile::run(config));
    drop(runtime);
    println!("{report}");

    let mut memory_ok = true;
    if env_u64("FUZZ_MEMORY_BYTES", 2 << 30) > 0 {
        println!("memory, one call each, measured in separate processes:");
        for (status, chunked) in [(200, false), (200, true), (500, false), (500, true)] {
            let (line, ok) = memory_case(status, chunked);
            memory_ok &= ok;
            println!("  {line}");
        }
    }
    println!("total {:.0} s", started.elapsed().as_secs_f64());
    let by_invariant: Vec<String> = report
        .by_invariant()
        .iter()
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    println!(
        "summary: {} responses, {} calls, {} panics, {} hangs, {} invariant violations ({}), longest call {:.3} s against a deadline of {:.3} s, memory {}",
        report.responses,
        report.calls,
        report.panics,
        report.hangs,
        report.violation_count(),
        by_invariant.join(", "),
        report.longest.as_secs_f64(),
        (report.timeout + report.slack).as_secs_f64(),
        if memory_ok { "within bounds" } else { "over bounds" }
    );
    if !report.is_clean() || !memory_ok {
        std::process::exit(1);
    }
}
