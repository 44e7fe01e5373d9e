//! The cost of `ClientBuilder::build()`, for an `http://` and an `https://` auth URL.
//!
//! ```text
//! cargo bench --bench client_build                   # release
//! cargo test --bench client_build -- --bench         # debug build, same measurement
//! ```
//! `build()` does no network I/O; what it costs is the HTTP client's setup (and, before the
//! certificate store became lazy, reading the platform's whole certificate store every time).
//! It builds `BENCH_BUILDS` (default 50) clients of each kind and prints the median and the
//! mean time per `build()`. The first `build()` of the process is timed on its own: it pays
//! the one-time costs (the crypto provider, for example).

use std::time::{Duration, Instant};

fn build(url: &str) -> keystone_v2::Client {
    keystone_v2::Client::builder()
        .auth_url(url)
        .username("admin")
        .password("secret")
        .tenant_name("admin")
        .build()
        .expect("a client")
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing and runs it briefly.
    let quick = !std::env::args().any(|a| a == "--bench");
    let n = if quick {
        3
    } else {
        std::env::var("BENCH_BUILDS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(50)
    };
    let started = Instant::now();
    std::hint::black_box(build("http://127.0.0.1:5000/v2.0"));
    let first = started.elapsed();
    println!(
        "first build() of the process (http): {:>10.1} us",
        us(first)
    );
    println!(
        "{:<8} {:>8} {:>14} {:>14}",
        "scheme", "builds", "median", "mean"
    );
    for url in ["http://127.0.0.1:5000/v2.0", "https://127.0.0.1:5443/v2.0"] {
        let mut times: Vec<Duration> = (0..n)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(build(url));
                started.elapsed()
            })
            .collect();
        times.sort();
        let mean = times.iter().sum::<Duration>() / n as u32;
        println!(
            "{:<8} {:>8} {:>11.1} us {:>11.1} us",
            url.split(':').next().unwrap_or_default(),
            n,
            us(times[n / 2]),
            us(mean)
        );
    }
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}
