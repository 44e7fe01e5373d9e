//! The memory of a long-running `keystone-v2-emulator` binary: its resident set must not grow
//! with the number of resources created and deleted, because every piece of per-request state
//! it keeps (request counters, tokens, deleted resources) is bounded.
//!
//! The soak is `#[ignore]`d: it takes 90-110 s on a 2-core machine (debug build). Run it with
//!
//! ```sh
//! cargo test --features emulator --test emulator_memory -- --ignored --nocapture
//! ```
//!
//! `SOAK_PAIRS=<n>` changes the number of create+delete pairs (100,000 by default). It reads
//! the child's `VmRSS` from `/proc`, so it only exists on Linux.
#![cfg(all(feature = "emulator", target_os = "linux"))]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use futures::StreamExt;
use keystone_v2::managers::TenantOptions;
use keystone_v2::Client;

/// The allowed RSS growth between the end of the warm-up (the first tenth of the pairs) and
/// the end of the run.
const MAX_GROWTH_KB: u64 = 2 * 1024;
/// Pairs in flight at once, over the client's shared connection pool.
const CONCURRENCY: usize = 4;

/// The emulator binary, killed when dropped.
struct Server {
    child: Child,
    public_url: String,
}

impl Server {
    fn start() -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_keystone-v2-emulator"))
            .args(["--public-port", "0", "--admin-port", "0"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("the emulator binary starts");
        let stdout = child.stdout.take().expect("its stdout is piped");
        // Read its stdout to the end on a thread of its own: a closed pipe would make a later
        // line of the binary fail.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("public API:") {
                    let _ = tx.send(url.trim().to_owned());
                }
            }
        });
        let public_url = rx.recv_timeout(std::time::Duration::from_secs(30)).ok();
        Server {
            public_url: public_url.expect("the emulator prints its public URL"),
            child,
        }
    }

    /// The binary's resident set size in kB (`VmRSS` in `/proc/<pid>/status`).
    fn rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("/proc/<pid>/status is readable");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS is in /proc/<pid>/status")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _already_gone = self.child.kill();
        let _status = self.child.wait();
    }
}

/// Creates and deletes the tenants `soak-<from>` .. `soak-<to - 1>`.
async fn create_and_delete(client: &Client, from: usize, to: usize) {
    futures::stream::iter(from..to)
        .for_each_concurrent(CONCURRENCY, |i| async move {
            let tenant = client
                .tenants()
                .create(&format!("soak-{i}"), TenantOptions::default())
                .await
                .expect("the tenant is created");
            client
                .tenants()
                .delete(&tenant.id)
                .await
                .expect("the tenant is deleted");
        })
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "soak: 100,000 tenant create+delete pairs against the emulator binary, about 90 s; \
            run with --ignored --nocapture"]
async fn emulator_memory_stays_bounded_over_100k_create_delete_pairs() {
    let pairs: usize = std::env::var("SOAK_PAIRS")
        .ok()
        .map(|v| v.parse().expect("SOAK_PAIRS is a number"))
        .unwrap_or(100_000);
    let step = (pairs / 10).max(1);
    let server = Server::start();
    let client = Client::builder()
        .auth_url(&server.public_url)
        .username("admin")
        .password("secret")
        .tenant_name("admin")
        .build()
        .expect("the client builds");
    client.authenticate().await.expect("admin authenticates");
    let started = std::time::Instant::now();
    let start = server.rss_kb();
    println!("emulator RSS at start: {start} kB");
    let mut done = 0;
    let mut warm = start;
    while done < pairs {
        let next = (done + step).min(pairs);
        create_and_delete(&client, done, next).await;
        done = next;
        let rss = server.rss_kb();
        if done == step.min(pairs) {
            warm = rss;
            println!("emulator RSS after {done} pairs (end of warm-up): {rss} kB");
        } else {
            println!(
                "emulator RSS after {done} pairs: {rss} kB ({:+} kB since the warm-up)",
                rss as i64 - warm as i64
            );
        }
    }
    let end = server.rss_kb();
    println!(
        "emulator RSS at the end, {pairs} pairs in {:.1} s: {end} kB (start {start} kB, \
         warm-up {warm} kB, {:+} kB since the warm-up)",
        started.elapsed().as_secs_f64(),
        end as i64 - warm as i64
    );
    assert!(
        end.saturating_sub(warm) < MAX_GROWTH_KB,
        "the emulator's RSS grew by {} kB over {} pairs after the warm-up (bound: {MAX_GROWTH_KB} kB)",
        end.saturating_sub(warm),
        pairs - step.min(pairs)
    );
}
