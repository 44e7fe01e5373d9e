//! The Rust side of `scripts/bench-vs-keystoneclient`: one measurement of the Client against a
//! running Keystone v2.0 (the emulator binary there), printed as one line of JSON.
//!
//! ```text
//! cargo run --release --example bench_client -- \
//!   --url http://127.0.0.1:5000/v2.0 --workload list --workers 64 --calls 2000
//! ```
//! It authenticates as `admin` / `secret` on tenant `admin` (`--username`, `--password`,
//! `--tenant` change that) on the public API at `--url`, and then makes `--calls` calls spread
//! over `--workers` tasks sharing that one client (at least one per task), after a warm-up of
//! 4 calls per task:
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
//!
//! `--client raw` (the default is `--client sdk`, the `Client` as above) is the floor: what a
//! client that spends nothing on HTTP, JSON or safety gets from this server on this machine. It
//! takes its token, the second token for `validate` and the admin endpoint from the `Client`
//! before the timed calls, as the `sdk` path does, and then sends the same requests to the same
//! URLs (the catalog's admin endpoint, [`Client::management_url`]) with byte-identical headers
//! (`accept`, `content-type` and `content-length` for the create, `x-auth-token`, `user-agent`
//! [`keystone_v2::DEFAULT_USER_AGENT`], `host`), prebuilt, over one blocking keep-alive
//! `std::net::TcpStream` per worker (`TCP_NODELAY`; `--workers N > 1` are std threads). It reads
//! each answer by its `Content-Length`, checks only the status (200 or 204, anything else ends
//! the run with an error) and decodes no JSON but the created tenant's id. Same warm-up, the
//! same line with `"client":"raw"`. Only `validate`, `list` and `create-delete`: a start time
//! through the `Client`'s authentication would not be a floor.

use std::io::{Read as _, Write as _};
use std::net::{TcpStream, ToSocketAddrs as _};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
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

/// Which client makes the calls: the SDK's `Client`, or the raw floor.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Sdk,
    Raw,
}

struct Args {
    client: Kind,
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
        client: Kind::Sdk,
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
            "--client" => {
                a.client = match value()?.as_str() {
                    "sdk" => Kind::Sdk,
                    "raw" => Kind::Raw,
                    other => return Err(format!("unknown client {other:?} (sdk or raw)")),
                }
            }
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
    if a.client == Kind::Raw && a.workload == Workload::FirstList {
        return Err("--client raw measures throughput: validate, list or create-delete".into());
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

/// The client of both paths: authenticated as `--username` on `--tenant` at `--url`.
fn sdk_client(a: &Args) -> keystone_v2::Result<Client> {
    Client::builder()
        .auth_url(&a.url)
        .username(&a.username)
        .password(a.password.as_str())
        .tenant_name(&a.tenant)
        .build()
}

/// The token `validate` validates: a second one, not the client's own.
async fn second_token(client: &Client, a: &Args) -> keystone_v2::Result<String> {
    Ok(client
        .tokens()
        .authenticate(TokenAuth::password(&a.username, a.password.as_str()).tenant_name(&a.tenant))
        .await?
        .auth_token()
        .expose()
        .to_owned())
}

/// Prints the measurement's line of JSON.
fn report(client: &str, a: &Args, calls: usize, seconds: f64, cpu: f64) {
    let workload = match a.workload {
        Workload::Validate => "validate",
        Workload::List => "list",
        Workload::CreateDelete => "create-delete",
        Workload::FirstList => "first-list",
    };
    println!(
        "{}",
        serde_json::json!({
            "client": client,
            "workload": workload,
            "workers": a.workers,
            "calls": calls,
            "seconds": seconds,
            "calls_per_s": calls as f64 / seconds,
            "cpu_seconds": cpu,
            "peak_rss_kib": peak_rss_kib(),
        })
    );
}

async fn run(a: Args) -> Result<(), Box<dyn std::error::Error>> {
    let client = sdk_client(&a)?;
    if a.workload == Workload::FirstList {
        call(&client, Workload::FirstList, "").await?;
        println!("first-list");
        println!("{}", serde_json::json!({ "peak_rss_kib": peak_rss_kib() }));
        return Ok(());
    }
    let subject = Arc::new(if a.workload == Workload::Validate {
        second_token(&client, &a).await?
    } else {
        String::new()
    });
    // At least one call per worker: fewer calls than workers would measure nothing.
    let per_worker = (a.calls / a.workers).max(1);
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
    report("rust", &a, per_worker * a.workers, seconds, cpu);
    Ok(())
}

// --- the raw floor (`--client raw`) -------------------------------------------------------

/// What every raw worker sends: the address and the prebuilt parts of the requests.
struct Raw {
    /// `host:port` to connect to.
    connect: String,
    /// `GET <prefix>/tokens/<subject>` or `GET <prefix>/tenants`, whole.
    get: Vec<u8>,
    /// `POST <prefix>/tenants ...` up to the value of `content-length`.
    post_head: Vec<u8>,
    /// `DELETE <prefix>/tenants/`: the tenant id and `delete_tail` follow.
    delete_head: Vec<u8>,
    /// ` HTTP/1.1`, the headers and the blank line of the delete.
    delete_tail: Vec<u8>,
}

impl Raw {
    /// The requests of `workload` to the admin API at `admin` (an `http://` URL, path and
    /// all), with the token `token`, in the SDK's header order.
    fn new(admin: &str, token: &str, workload: Workload, subject: &str) -> Result<Raw, String> {
        let rest = admin
            .strip_prefix("http://")
            .ok_or_else(|| format!("--client raw speaks http:// only, not {admin:?}"))?;
        let (authority, prefix) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let prefix = prefix.trim_end_matches('/');
        if authority.is_empty() || authority.contains('@') {
            return Err(format!("no usable host in {admin:?}"));
        }
        // `host:port`, `[v6]:port`, or without a port (80, which the SDK leaves out of `host`).
        let has_port = authority
            .rfind(':')
            .is_some_and(|i| !authority[i..].contains(']'));
        let (connect, host) = match authority.strip_suffix(":80") {
            Some(bare) if has_port => (authority.to_owned(), bare.to_owned()),
            _ if has_port => (authority.to_owned(), authority.to_owned()),
            _ => (format!("{authority}:80"), authority.to_owned()),
        };
        let ua = keystone_v2::DEFAULT_USER_AGENT;
        let common = format!("x-auth-token: {token}\r\nuser-agent: {ua}\r\nhost: {host}\r\n");
        let get = match workload {
            Workload::Validate => format!("GET {prefix}/tokens/{subject}"),
            _ => format!("GET {prefix}/tenants"),
        };
        Ok(Raw {
            connect,
            get: format!("{get} HTTP/1.1\r\naccept: application/json\r\n{common}\r\n").into(),
            post_head: format!(
                "POST {prefix}/tenants HTTP/1.1\r\naccept: application/json\r\n\
                 content-type: application/json\r\n{common}content-length: "
            )
            .into(),
            delete_head: format!("DELETE {prefix}/tenants/").into(),
            delete_tail: format!(" HTTP/1.1\r\naccept: application/json\r\n{common}\r\n").into(),
        })
    }
}

/// One worker: one keep-alive connection and its buffers.
struct RawWorker<'a> {
    raw: &'a Raw,
    workload: Workload,
    stream: TcpStream,
    /// Bytes read; `filled` of them are valid.
    buf: Vec<u8>,
    filled: usize,
    /// The request being built (create and delete).
    out: Vec<u8>,
    /// The create's tenant name: `bench-raw-<pid>-<worker>-<n>`.
    name_prefix: String,
    next: u64,
}

/// The created tenant, as far as the floor reads it.
#[derive(serde::Deserialize)]
struct Created<'a> {
    #[serde(borrow)]
    tenant: CreatedTenant<'a>,
}

#[derive(serde::Deserialize)]
struct CreatedTenant<'a> {
    id: &'a str,
}

impl<'a> RawWorker<'a> {
    fn connect(raw: &'a Raw, workload: Workload, index: usize) -> Result<Self, String> {
        let addr = raw
            .connect
            .to_socket_addrs()
            .map_err(|e| format!("{}: {e}", raw.connect))?
            .next()
            .ok_or_else(|| format!("{}: no address", raw.connect))?;
        let stream = TcpStream::connect(addr).map_err(|e| format!("connect {addr}: {e}"))?;
        stream
            .set_nodelay(true)
            .map_err(|e| format!("TCP_NODELAY: {e}"))?;
        Ok(RawWorker {
            raw,
            workload,
            stream,
            buf: vec![0; 16 * 1024],
            filled: 0,
            out: Vec::with_capacity(512),
            name_prefix: format!("bench-raw-{}-{index}-", std::process::id()),
            next: 0,
        })
    }

    /// One call of the workload (a create and its delete for `create-delete`).
    fn call(&mut self) -> Result<(), String> {
        match self.workload {
            Workload::CreateDelete => {
                let mut out = std::mem::take(&mut self.out);
                out.clear();
                let body = format!(
                    "{{\"tenant\":{{\"enabled\":true,\"name\":\"{}{}\"}}}}",
                    self.name_prefix, self.next
                );
                self.next += 1;
                out.extend_from_slice(&self.raw.post_head);
                write!(out, "{}\r\n\r\n{body}", body.len()).expect("a Vec takes all");
                let created = self.exchange(&out)?;
                let id = serde_json::from_slice::<Created>(&self.buf[created])
                    .map_err(|e| format!("the create's answer: {e}"))?
                    .tenant
                    .id;
                out.clear();
                out.extend_from_slice(&self.raw.delete_head);
                out.extend_from_slice(id.as_bytes());
                out.extend_from_slice(&self.raw.delete_tail);
                self.exchange(&out)?;
                self.out = out;
            }
            _ => {
                let raw = self.raw;
                std::hint::black_box(self.exchange(&raw.get)?);
            }
        }
        Ok(())
    }

    /// Sends `request` and reads its answer by its `Content-Length`; the body's place in
    /// `self.buf`. The answer must be a 200 or a 204.
    fn exchange(&mut self, request: &[u8]) -> Result<std::ops::Range<usize>, String> {
        self.stream
            .write_all(request)
            .map_err(|e| format!("write: {e}"))?;
        // One exchange at a time on the connection: what the last one left is consumed.
        self.filled = 0;
        let mut searched = 0;
        let head = loop {
            if let Some(i) = self.buf[searched..self.filled]
                .windows(4)
                .position(|w| w == b"\r\n\r\n")
            {
                break searched + i + 4;
            }
            searched = self.filled.saturating_sub(3);
            self.fill()?;
        };
        let (status, length) = answer_head(&self.buf[..head])?;
        let end = head + length;
        if self.buf.len() < end {
            self.buf.resize(end, 0);
        }
        while self.filled < end {
            self.fill()?;
        }
        if status != 200 && status != 204 {
            return Err(format!(
                "the answer: {:?}",
                String::from_utf8_lossy(&self.buf[..end])
            ));
        }
        Ok(head..end)
    }

    /// Reads what the server has sent into the free end of `self.buf`.
    fn fill(&mut self) -> Result<(), String> {
        if self.filled == self.buf.len() {
            self.buf.resize(self.buf.len() * 2, 0);
        }
        match self.stream.read(&mut self.buf[self.filled..]) {
            Ok(0) => Err("the server closed the connection".into()),
            Ok(n) => {
                self.filled += n;
                Ok(())
            }
            Err(e) => Err(format!("read: {e}")),
        }
    }
}

/// The status and the body length of an answer's head (status line and headers).
fn answer_head(head: &[u8]) -> Result<(u16, usize), String> {
    let text =
        std::str::from_utf8(head).map_err(|_| "an answer head that is not UTF-8".to_owned())?;
    let status = text
        .strip_prefix("HTTP/1.1 ")
        .and_then(|s| s.get(..3))
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| format!("not an HTTP/1.1 status line: {text:?}"))?;
    let mut length = None;
    for line in text.split("\r\n").skip(1) {
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse::<usize>().ok();
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                length = None;
                break;
            }
        }
    }
    match (status, length) {
        (_, Some(n)) => Ok((status, n)),
        (204 | 304, None) => Ok((status, 0)),
        _ => Err(format!("an answer without Content-Length: {text:?}")),
    }
}

/// `--client raw`: the token, the second token and the admin URL from the `Client`, then the
/// timed calls over bare sockets.
fn run_raw(a: Args) -> Result<(), Box<dyn std::error::Error>> {
    let (token, admin, subject) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(async {
            let client = sdk_client(&a)?;
            let token = client.auth_token().await?.expose().to_owned();
            // The admin API the `Client`'s validate and tenant calls go to.
            let admin = client.management_url().ok_or_else(|| {
                keystone_v2::Error::Configuration("no admin endpoint in the catalog".into())
            })?;
            let subject = if a.workload == Workload::Validate {
                second_token(&client, &a).await?
            } else {
                String::new()
            };
            Ok::<_, keystone_v2::Error>((token, admin, subject))
        })?;
    let raw = Raw::new(&admin, &token, a.workload, &subject)?;
    // At least one call per worker: fewer calls than workers would measure nothing.
    let per_worker = (a.calls / a.workers).max(1);
    let warm = |index| {
        let mut w = RawWorker::connect(&raw, a.workload, index)?;
        for _ in 0..4 {
            w.call()?;
        }
        Ok::<_, String>(w)
    };
    let (seconds, cpu) = if a.workers == 1 {
        let mut w = warm(0)?;
        let (cpu, started) = (cpu_time(), Instant::now());
        for _ in 0..per_worker {
            w.call()?;
        }
        (started.elapsed(), cpu_time() - cpu)
    } else {
        // As keystoneclient's threads: all warm up, then all start at once.
        let (warmed, go) = (Barrier::new(a.workers + 1), Barrier::new(a.workers + 1));
        std::thread::scope(|s| {
            let threads = (0..a.workers)
                .map(|index| {
                    let (warm, warmed, go) = (&warm, &warmed, &go);
                    s.spawn(move || {
                        let w = warm(index);
                        warmed.wait();
                        go.wait();
                        let mut w = w?;
                        for _ in 0..per_worker {
                            w.call()?;
                        }
                        Ok::<_, String>(())
                    })
                })
                .collect::<Vec<_>>();
            warmed.wait();
            let (cpu, started) = (cpu_time(), Instant::now());
            go.wait();
            let mut first_error = None;
            for t in threads {
                let outcome = t.join().unwrap_or_else(|_| Err("a worker panicked".into()));
                if let Err(e) = outcome {
                    first_error.get_or_insert(e);
                }
            }
            match first_error {
                Some(e) => Err(e),
                None => Ok((started.elapsed(), cpu_time() - cpu)),
            }
        })?
    };
    report(
        "raw",
        &a,
        per_worker * a.workers,
        seconds.as_secs_f64(),
        cpu.as_secs_f64(),
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
    let outcome = if a.client == Kind::Raw {
        run_raw(a)
    } else {
        // One worker is a sequential program, as keystoneclient's single thread is: it runs
        // on a current-thread runtime (no hand-over between the I/O driver and a worker thread
        // on every answer); several workers share a multi-thread runtime.
        let rt = if a.workers <= 1 {
            tokio::runtime::Builder::new_current_thread()
        } else {
            tokio::runtime::Builder::new_multi_thread()
        }
        .enable_all()
        .build()
        .expect("a runtime");
        rt.block_on(run(a))
    };
    match outcome {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_client: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
