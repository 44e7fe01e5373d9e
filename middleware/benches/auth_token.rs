//! The layer's cost: an axum hello-world with and without the layer, and keystonemiddleware's
//! auth_token (the last release that validates v2.0 tokens) in front of a trivial WSGI app,
//! all validating against one in-process Keystone v2.0 emulator. Not a timed test: it prints
//! figures. `middleware/scripts/bench-vs-keystonemiddleware` makes the Python virtualenv and
//! runs it; alone it measures the Rust side only.
//!
//! ```text
//! cargo bench -p keystone-v2-middleware --bench auth_token
//! ```
//!
//! Environment: `BENCH_ROUNDS` (5), `BENCH_REQUESTS` (2000 per measurement),
//! `BENCH_MISSES` (200 new tokens per miss measurement), `BENCH_INPROC` (200000 calls for the
//! in-process overhead), `BENCH_KSM_PYTHON` (a Python with keystonemiddleware and gunicorn).

use std::process::{Child, Command};
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::routing::get;
use axum::Router;
use keystone_v2::emulator::Emulator;
use keystone_v2::managers::TokenAuth;
use keystone_v2::Client;
use keystone_v2_middleware::{AuthTokenConfig, AuthTokenLayer};
use tower::ServiceExt;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// This thread's CPU time: the in-process loop runs on the thread that runs `main`.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec for clock_gettime to write.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    url
}

/// Requests per second over `tokens` (one request each, cycling), with `clients` at once.
async fn throughput(
    http: &reqwest::Client,
    url: &str,
    tokens: &[String],
    n: usize,
    clients: usize,
) -> f64 {
    let tokens = Arc::new(tokens.to_vec());
    let started = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        let (http, url, tokens) = (http.clone(), url.to_owned(), tokens.clone());
        tasks.push(tokio::spawn(async move {
            for i in (c..n).step_by(clients) {
                let token = &tokens[i % tokens.len()];
                let res = http
                    .get(&url)
                    .header("X-Auth-Token", token)
                    .send()
                    .await
                    .unwrap();
                assert_eq!(res.status(), 200, "{url}");
                res.bytes().await.unwrap();
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    n as f64 / started.elapsed().as_secs_f64()
}

/// keystonemiddleware behind gunicorn, validating against the emulator.
fn start_keystonemiddleware(
    python: &str,
    emulator: &Emulator,
    dir: &std::path::Path,
) -> (Child, String) {
    let app = format!(
        r#"from keystonemiddleware import auth_token

def hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"hello"]

application = auth_token.filter_factory({{}},
    www_authenticate_uri="{public}", auth_type="v2password", auth_url="{public}",
    username="admin", password="{password}", tenant_name="admin",
    auth_version="v2.0", delay_auth_decision="false", include_service_catalog="true")(hello)
"#,
        public = emulator.public_url(),
        password = emulator.admin_password(),
    );
    std::fs::write(dir.join("ksm_app.py"), app).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(python)
        .args([
            "-m",
            "gunicorn",
            "--workers",
            "2",
            "--bind",
            &format!("127.0.0.1:{port}"),
        ])
        .args(["--log-level", "warning", "--chdir"])
        .arg(dir)
        .arg("ksm_app:application")
        .spawn()
        .expect("gunicorn starts");
    (child, format!("http://127.0.0.1:{port}/"))
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let (rounds, n, misses, inproc) = (
        env("BENCH_ROUNDS", 5),
        env("BENCH_REQUESTS", 2000),
        env("BENCH_MISSES", 200),
        env("BENCH_INPROC", 200_000),
    );
    let emulator = Emulator::start().await.unwrap();
    let client = Client::builder()
        .auth_url(emulator.public_url())
        .username("admin")
        .password(emulator.admin_password())
        .tenant_name("admin")
        .build()
        .unwrap();
    let new_token = || async {
        client
            .tokens()
            .authenticate(
                TokenAuth::password("admin", emulator.admin_password()).tenant_name("admin"),
            )
            .await
            .unwrap()
            .auth_token()
            .expose()
            .to_owned()
    };
    let hit = vec![new_token().await];
    let layer =
        AuthTokenLayer::new(client.clone(), AuthTokenConfig::new(emulator.public_url())).unwrap();
    let hello = || Router::new().route("/", get(|| async { "hello" }));
    let plain_url = serve(hello()).await;
    let layered_url = serve(hello().layer(layer.clone())).await;

    let dir = std::env::temp_dir().join(format!("ksm-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut ksm = std::env::var("BENCH_KSM_PYTHON")
        .ok()
        .map(|py| start_keystonemiddleware(&py, &emulator, &dir));
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(64)
        .build()
        .unwrap();
    if let Some((_, url)) = &ksm {
        let deadline = Instant::now() + Duration::from_secs(30);
        while http.get(url).send().await.is_err() {
            assert!(
                Instant::now() < deadline,
                "keystonemiddleware did not start"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let res = http
            .get(url)
            .header("X-Auth-Token", &hit[0])
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            200,
            "keystonemiddleware accepts the emulator's token"
        );
    }

    // In process, on this thread: the layer's CPU cost on a cache hit (CPU time, so that other
    // processes on the machine do not count).
    let mut overhead = Vec::new();
    let mut rows: Vec<(&str, Vec<f64>)> = Vec::new();
    let push = |rows: &mut Vec<(&'static str, Vec<f64>)>, name: &'static str, v: f64| match rows
        .iter_mut()
        .find(|(n, _)| *n == name)
    {
        Some((_, vs)) => vs.push(v),
        None => rows.push((name, vec![v])),
    };
    for round in 0..rounds {
        let (plain, layered) = (hello(), hello().layer(layer.clone()));
        let mut per = [0.0; 2];
        for (i, app) in [plain, layered].into_iter().enumerate() {
            let started = thread_cpu();
            for _ in 0..inproc {
                let req = axum::http::Request::get("/")
                    .header("X-Auth-Token", &hit[0])
                    .body(Body::empty())
                    .unwrap();
                let res = app.clone().oneshot(req).await.unwrap();
                assert_eq!(res.status(), 200);
            }
            per[i] = (thread_cpu() - started).as_secs_f64() / inproc as f64 * 1e6;
        }
        overhead.push(per[1] - per[0]);

        for (label, clients) in [("sequential", 1), ("64 concurrent", 64)] {
            let plain = throughput(&http, &plain_url, &hit, n, clients).await;
            let layered = throughput(&http, &layered_url, &hit, n, clients).await;
            push(
                &mut rows,
                if clients == 1 {
                    "hits, sequential: layer / no layer"
                } else {
                    "hits, 64 concurrent: layer / no layer"
                },
                layered / plain,
            );
            push(
                &mut rows,
                if clients == 1 {
                    "hits, sequential: layer req/s"
                } else {
                    "hits, 64 concurrent: layer req/s"
                },
                layered,
            );
            if let Some((_, url)) = &ksm {
                let python = throughput(&http, url, &hit, n / 4, clients).await;
                push(
                    &mut rows,
                    if clients == 1 {
                        "hits, sequential: layer / keystonemiddleware"
                    } else {
                        "hits, 64 concurrent: layer / keystonemiddleware"
                    },
                    layered / python,
                );
                push(
                    &mut rows,
                    if clients == 1 {
                        "hits, sequential: keystonemiddleware req/s"
                    } else {
                        "hits, 64 concurrent: keystonemiddleware req/s"
                    },
                    python,
                );
            }
            let _ = label;
        }
        // Misses: every request a token neither has seen.
        let mut fresh = Vec::new();
        for _ in 0..misses * 2 {
            fresh.push(new_token().await);
        }
        let layered = throughput(&http, &layered_url, &fresh[..misses], misses, 1).await;
        push(&mut rows, "misses, sequential: layer req/s", layered);
        if let Some((_, url)) = &ksm {
            let python = throughput(&http, url, &fresh[misses..], misses, 1).await;
            push(
                &mut rows,
                "misses, sequential: layer / keystonemiddleware",
                layered / python,
            );
            push(
                &mut rows,
                "misses, sequential: keystonemiddleware req/s",
                python,
            );
        }
        eprintln!("round {} of {rounds} done", round + 1);
    }
    println!("medians over {rounds} rounds ({n} requests per hit measurement, {misses} per miss measurement):");
    println!(
        "  {:<50} {:>10.3}",
        "layer CPU per request on a cache hit (µs, in process)",
        median(overhead)
    );
    for (name, values) in rows {
        println!("  {name:<50} {:>10.1}", median(values));
    }
    if ksm.is_none() {
        println!("  (keystonemiddleware not measured: set BENCH_KSM_PYTHON)");
    }
    if let Some((child, _)) = ksm.as_mut() {
        let _ = child.kill();
        let _ = child.wait();
    }
    let _ = std::fs::remove_dir_all(&dir);
    emulator.shutdown().await;
}
