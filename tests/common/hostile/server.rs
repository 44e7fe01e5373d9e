//! The hostile server: raw HTTP/1.1 over TCP on 127.0.0.1, keep-alive and close, answering
//! each request with a [`Plan`] and recording what it sent ([`Sent`]) for the call under way.
//!
//! Two more listeners, on another port and on 127.0.0.2, are the targets of cross-origin
//! redirects: they answer like a well-behaved Keystone (a clean capture), and every request
//! they get is recorded with its origin, and whether it carried a fuzz token or password.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use super::captures::{operation_for, Captures};
use super::responses::{self, Ctx, End, Part, Plan, Request};
use super::rng::Rng;
use super::{NEW_PASSWORD, OTHER_TOKEN, PASSWORD, SUBJECT_TOKEN, TOKEN};

/// Which listener answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The server the client was configured with.
    Main,
    /// 127.0.0.1 on another port.
    OtherPort,
    /// 127.0.0.2.
    OtherHost,
}

/// One answer the server sent (or began to send) during a call.
#[derive(Debug, Clone)]
pub struct Sent {
    pub origin: Origin,
    pub connection: u64,
    pub method: String,
    pub target: String,
    /// The spec operation the request was for, when it matched one.
    pub op: Option<&'static str>,
    pub kind: String,
    pub status: Option<u16>,
    /// The plan's head is well formed and the connection was clean before it.
    pub head_ok: bool,
    /// An earlier answer on this connection left bytes beyond its framing.
    pub poisoned: bool,
    pub status_line_end: u64,
    pub head_end: Option<u64>,
    pub total: u64,
    pub written: u64,
    /// When the whole head had been written.
    pub head_done_at: Option<Instant>,
    pub finished: bool,
    pub leftover: bool,
    pub end: End,
    pub retry_after: Option<String>,
    /// The request carried one of the fuzz tokens in `X-Auth-Token`.
    pub token_sent: bool,
    /// The request body carried one of the fuzz passwords.
    pub password_sent: bool,
}

impl Sent {
    /// Whether a complete status line went out.
    pub fn status_line_complete(&self) -> bool {
        self.status.is_some() && self.status_line_end > 0 && self.written >= self.status_line_end
    }

    /// The status a client must have seen: that of a well-formed head, on a clean
    /// connection, completely written before the call ended at `by`. A call that ended in a
    /// timeout may have given up while the head was in flight: for it the head must have been
    /// complete `grace` before.
    pub fn delivered_status(&self, by: Instant, grace: Duration, timed_out: bool) -> Option<u16> {
        if !self.head_ok {
            return None;
        }
        let done = self.head_done_at?;
        if done > by || (timed_out && done + grace > by) {
            return None;
        }
        self.status
    }

    pub fn family(&self) -> &str {
        self.kind.split('/').next().unwrap_or_default()
    }

    /// One line for reports.
    pub fn describe(&self) -> String {
        let target: String = self.target.chars().take(90).collect();
        format!(
            "{origin}c{connection} {method} {target} -> {kind} status={status} head={head} written={written}/{total} end={end:?}{retry}{poisoned}",
            connection = self.connection,
            origin = match self.origin {
                Origin::Main => "",
                Origin::OtherPort => "[other port] ",
                Origin::OtherHost => "[127.0.0.2] ",
            },
            method = self.method,
            kind = self.kind,
            status = self.status.map(|s| s.to_string()).unwrap_or_else(|| "-".into()),
            head = if !self.head_ok {
                "malformed"
            } else if self.head_done_at.is_some() {
                "complete"
            } else {
                "incomplete"
            },
            written = self.written,
            total = self.total,
            end = self.end,
            retry = self
                .retry_after
                .as_deref()
                .map(|r| format!(" retry-after={r:?}"))
                .unwrap_or_default(),
            poisoned = if self.poisoned { " (poisoned connection)" } else { "" },
        )
    }
}

#[derive(Debug, Clone)]
pub struct ServerConfig {
    pub seed: u64,
    /// The client's timeout: slow drips "past the deadline" last this long plus a bit.
    pub timeout: Duration,
    pub huge_max: u64,
    pub huge_per_mille: u64,
    pub clean_only: bool,
}

struct CallLog {
    active: bool,
    id: u64,
    rng: Rng,
    /// The operations the call under way may request (re-authentication aside).
    ops: &'static [&'static str],
    sent: Vec<Sent>,
    /// Requests for other operations: sent by an earlier call after it had ended.
    late: Vec<String>,
}

struct Inner {
    captures: Captures,
    root: String,
    trap_port_root: String,
    trap_host_root: String,
    config: ServerConfig,
    log: Mutex<CallLog>,
    responses: Arc<AtomicU64>,
    stray: AtomicU64,
    connections: AtomicU64,
}

#[derive(Clone, Copy)]
struct Entry {
    call: u64,
    index: usize,
}

/// A running hostile server. Dropping it stops its listeners.
pub struct HostileServer {
    inner: Arc<Inner>,
    listeners: Vec<JoinHandle<()>>,
}

impl Drop for HostileServer {
    fn drop(&mut self) {
        for l in &self.listeners {
            l.abort();
        }
    }
}

impl HostileServer {
    /// Starts the three listeners. `responses` counts every answer (shared by all servers
    /// of a run).
    pub async fn start(config: ServerConfig, responses: Arc<AtomicU64>) -> HostileServer {
        let main = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let port = main.local_addr().expect("local address").port();
        let other_port = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let other_host = match TcpListener::bind(("127.0.0.2", port)).await {
            Ok(l) => l,
            Err(_) => TcpListener::bind("127.0.0.2:0")
                .await
                .expect("127.0.0.2 is a loopback address"),
        };
        let root = format!("http://{}", main.local_addr().expect("local address"));
        let trap_port_root = format!("http://{}", other_port.local_addr().expect("local address"));
        let trap_host_root = format!("http://{}", other_host.local_addr().expect("local address"));
        let inner = Arc::new(Inner {
            captures: Captures::new(&root),
            root,
            trap_port_root,
            trap_host_root,
            log: Mutex::new(CallLog {
                active: false,
                id: 0,
                rng: Rng::new(config.seed),
                ops: &[],
                sent: Vec::new(),
                late: Vec::new(),
            }),
            config,
            responses,
            stray: AtomicU64::new(0),
            connections: AtomicU64::new(0),
        });
        let listeners = [
            (main, Origin::Main),
            (other_port, Origin::OtherPort),
            (other_host, Origin::OtherHost),
        ]
        .into_iter()
        .map(|(listener, origin)| {
            let inner = inner.clone();
            tokio::spawn(async move {
                while let Ok((socket, _)) = listener.accept().await {
                    let _ = socket.set_nodelay(true);
                    tokio::spawn(serve(inner.clone(), socket, origin));
                }
            })
        })
        .collect();
        HostileServer { inner, listeners }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn root(&self) -> &str {
        &self.inner.root
    }

    pub fn captures(&self) -> &Captures {
        &self.inner.captures
    }

    /// Starts recording a call that requests `ops`; its answers are drawn from `seed`.
    pub fn begin_call(&self, id: u64, seed: u64, ops: &'static [&'static str]) {
        let mut log = lock(&self.inner.log);
        log.active = true;
        log.id = id;
        log.rng = Rng::new(seed);
        log.ops = ops;
        log.sent.clear();
    }

    /// Requests that arrived during a call but for an operation it does not call (and not
    /// after a redirect): an earlier call's, sent after that call had ended. Each is
    /// answered with a 503 and left out of the call's record.
    pub fn take_late(&self) -> Vec<String> {
        std::mem::take(&mut lock(&self.inner.log).late)
    }

    /// Stops recording and returns what was sent during the call. Bytes written later (by a
    /// connection still dripping) are no longer counted.
    pub fn end_call(&self) -> Vec<Sent> {
        let mut log = lock(&self.inner.log);
        log.active = false;
        std::mem::take(&mut log.sent)
    }

    /// Requests that arrived while no call was under way.
    pub fn stray(&self) -> u64 {
        self.inner.stray.load(Ordering::Relaxed)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Inner {
    fn answer(
        &self,
        req: &Request,
        origin: Origin,
        poisoned: bool,
        connection: u64,
    ) -> (Plan, Option<Entry>) {
        self.responses.fetch_add(1, Ordering::Relaxed);
        let mut log = lock(&self.log);
        if !log.active {
            self.stray.fetch_add(1, Ordering::Relaxed);
            let mut plan = stray_plan();
            plan.kind = "stray".into();
            return (plan, None);
        }
        let ctx = Ctx {
            captures: &self.captures,
            root: &self.root,
            trap_port_root: &self.trap_port_root,
            trap_host_root: &self.trap_host_root,
            timeout: self.config.timeout,
            huge_max: self.config.huge_max,
            huge_per_mille: self.config.huge_per_mille,
            clean_only: self.config.clean_only || origin != Origin::Main,
        };
        let op = operation_for(&req.method, req.path()).map(|o| o.id);
        let redirected = log.sent.iter().any(|s| s.kind.starts_with("redirect/"));
        if let Some(op) = op {
            if origin == Origin::Main
                && !redirected
                && op != "tokens_authenticate"
                && !log.ops.contains(&op)
            {
                let line = format!(
                    "c{connection} {} {} during call {}",
                    req.method, req.target, log.id
                );
                log.late.push(line);
                return (stray_plan(), None);
            }
        }
        let mut plan = responses::plan(&mut log.rng, &ctx, req);
        if origin != Origin::Main {
            plan.kind = format!("trap/{}", plan.kind);
            plan.end = End::Close;
        }
        let token_sent = req
            .header("x-auth-token")
            .is_some_and(|t| [TOKEN, SUBJECT_TOKEN, OTHER_TOKEN].contains(&t));
        let body = String::from_utf8_lossy(&req.body);
        let password_sent = body.contains(PASSWORD) || body.contains(NEW_PASSWORD);
        let sent = Sent {
            origin,
            connection,
            method: req.method.clone(),
            target: req.target.clone(),
            op,
            kind: plan.kind.clone(),
            status: plan.status,
            head_ok: plan.head_ok && !poisoned,
            poisoned,
            status_line_end: plan.status_line_end,
            head_end: plan.head_end,
            total: plan.total(),
            written: 0,
            head_done_at: None,
            finished: false,
            leftover: plan.leftover,
            end: plan.end,
            retry_after: plan.retry_after.clone(),
            token_sent,
            password_sent,
        };
        log.sent.push(sent);
        let entry = Entry {
            call: log.id,
            index: log.sent.len() - 1,
        };
        (plan, Some(entry))
    }

    fn progress(&self, entry: Option<Entry>, written: u64, finished: bool) {
        let Some(entry) = entry else { return };
        let mut log = lock(&self.log);
        if !log.active || log.id != entry.call {
            return;
        }
        if let Some(s) = log.sent.get_mut(entry.index) {
            s.written = written;
            s.finished = finished;
            if s.head_done_at.is_none() && s.head_end.is_some_and(|h| written >= h) {
                s.head_done_at = Some(Instant::now());
            }
        }
    }
}

fn stray_plan() -> Plan {
    let bytes =
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .to_vec();
    Plan {
        kind: String::new(),
        status: Some(503),
        status_line_end: 0,
        head_end: Some(bytes.len() as u64),
        head_ok: true,
        leftover: false,
        end: End::Close,
        drip: None,
        parts: vec![Part::Bytes(bytes)],
        retry_after: None,
    }
}

async fn serve(inner: Arc<Inner>, mut socket: TcpStream, origin: Origin) {
    let connection = inner.connections.fetch_add(1, Ordering::Relaxed);
    let mut buf = Vec::new();
    let mut poisoned = false;
    loop {
        let Some(req) = read_request(&mut socket, &mut buf).await else {
            return;
        };
        let (plan, entry) = inner.answer(&req, origin, poisoned, connection);
        let complete = write_plan(&inner, &mut socket, &plan, entry).await;
        poisoned |= plan.leftover;
        if !complete {
            return;
        }
        match plan.end {
            End::KeepAlive => {}
            End::Close => {
                let _ = socket.shutdown().await;
                return;
            }
            End::Hold => {
                hold(&mut socket, inner.config.timeout + Duration::from_secs(3)).await;
                return;
            }
        }
    }
}

/// Reads one request (head and `Content-Length` body); `None` when the connection ends or
/// does not speak HTTP.
async fn read_request(socket: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Request> {
    const MAX_HEAD: usize = 8 << 20;
    let mut chunk = vec![0u8; 16 << 10];
    loop {
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..pos]).into_owned();
            buf.drain(..pos + 4);
            let mut lines = head.split("\r\n");
            let mut request_line = lines.next()?.split(' ');
            let method = request_line.next()?.to_owned();
            let target = request_line.next()?.to_owned();
            let headers: Vec<(String, String)> = lines
                .filter_map(|l| l.split_once(':'))
                .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
                .collect();
            let length = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                .and_then(|(_, v)| v.parse::<usize>().ok())
                .unwrap_or(0);
            while buf.len() < length {
                let n = socket.read(&mut chunk).await.ok()?;
                if n == 0 {
                    return None;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            let body = buf.drain(..length).collect();
            return Some(Request {
                method,
                target,
                headers,
                body,
            });
        }
        // A TLS ClientHello (a redirect to https://): not HTTP, hang up at once.
        if buf.first() == Some(&0x16) || buf.len() > MAX_HEAD {
            return None;
        }
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

/// Keeps the connection open, saying nothing, until the peer goes away or `cap` passes.
async fn hold(socket: &mut TcpStream, cap: Duration) {
    let mut sink = [0u8; 4096];
    let _ = tokio::time::timeout(cap, async {
        loop {
            match socket.read(&mut sink).await {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
    })
    .await;
}

struct Writer<'a> {
    inner: &'a Inner,
    entry: Option<Entry>,
    offset: u64,
    drip: Option<responses::Drip>,
    drip_started: Option<Instant>,
}

impl Writer<'_> {
    /// Counts the bytes as written *before* writing them: once the client has read them it
    /// may end the call at once, before this task would get to record them. (A write that
    /// then fails means the client had gone: what it saw is then judged with
    /// [`Sent::delivered_status`]'s grace.)
    async fn put(&mut self, socket: &mut TcpStream, data: &[u8]) -> bool {
        self.offset += data.len() as u64;
        self.inner.progress(self.entry, self.offset, false);
        socket.write_all(data).await.is_ok()
    }

    /// Writes `data`, dripping what lies past the drip's start while its budget lasts.
    /// False when the connection is gone or the drip cut it.
    async fn bytes(&mut self, socket: &mut TcpStream, mut data: &[u8]) -> bool {
        while !data.is_empty() {
            let Some(drip) = self.drip.clone() else {
                return self.put(socket, data).await;
            };
            if self.offset < drip.from {
                let n = ((drip.from - self.offset) as usize).min(data.len());
                if !self.put(socket, &data[..n]).await {
                    return false;
                }
                data = &data[n..];
                continue;
            }
            let started = *self.drip_started.get_or_insert_with(Instant::now);
            if started.elapsed() >= drip.budget {
                if drip.cut {
                    return false;
                }
                self.drip = None;
                continue;
            }
            if !self.put(socket, &data[..1]).await {
                return false;
            }
            data = &data[1..];
            tokio::time::sleep(drip.per_byte).await;
        }
        true
    }
}

/// Writes a plan; false when it could not be written whole (or was cut on purpose).
async fn write_plan(
    inner: &Inner,
    socket: &mut TcpStream,
    plan: &Plan,
    entry: Option<Entry>,
) -> bool {
    let mut w = Writer {
        inner,
        entry,
        offset: 0,
        drip: plan.drip.clone(),
        drip_started: None,
    };
    for part in &plan.parts {
        let ok = match part {
            Part::Bytes(b) => w.bytes(socket, b).await,
            Part::Fill { len, byte } => fill(&mut w, socket, *len, *byte).await,
            Part::ChunkedFill { len, chunk, byte } => {
                let block = vec![*byte; *chunk as usize];
                let mut left = *len;
                let mut ok = true;
                while ok && left > 0 {
                    let n = left.min(*chunk);
                    ok = w.put(socket, format!("{n:x}\r\n").as_bytes()).await
                        && w.put(socket, &block[..n as usize]).await
                        && w.put(socket, b"\r\n").await;
                    left -= n;
                }
                ok && w.put(socket, b"0\r\n\r\n").await
            }
        };
        if !ok {
            return false;
        }
    }
    inner.progress(entry, w.offset, true);
    true
}

async fn fill(w: &mut Writer<'_>, socket: &mut TcpStream, len: u64, byte: u8) -> bool {
    let block = vec![byte; 64 << 10];
    let mut left = len;
    while left > 0 {
        let n = left.min(block.len() as u64) as usize;
        if !w.put(socket, &block[..n]).await {
            return false;
        }
        left -= n as u64;
    }
    true
}

/// A one-shot server for the memory cases: answers every request on `127.0.0.1` with
/// `status` and a `len`-byte JSON body (a small document padded with spaces), streamed
/// without allocating it. Returns the server root.
pub async fn huge_body_server(status: u16, len: u64, chunked: bool) -> String {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1");
    let root = format!("http://{}", listener.local_addr().expect("local address"));
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = Vec::new();
                while read_request(&mut socket, &mut buf).await.is_some() {
                    let prefix: &[u8] = if status < 400 {
                        br#"{"tenants": [], "tenants_links": []"#
                    } else {
                        br#"{"error": {"code": 500, "title": "Internal Server Error", "message": "huge"}"#
                    };
                    let framing = if chunked {
                        "Transfer-Encoding: chunked".to_owned()
                    } else {
                        format!("Content-Length: {len}")
                    };
                    let head = format!(
                        "HTTP/1.1 {status} {}\r\nContent-Type: application/json\r\n{framing}\r\n\r\n",
                        if status < 400 { "OK" } else { "Internal Server Error" }
                    );
                    // In chunked framing every piece is one chunk.
                    let frame = |piece: &[u8]| -> Vec<u8> {
                        if !chunked {
                            return piece.to_vec();
                        }
                        let mut out = format!("{:x}\r\n", piece.len()).into_bytes();
                        out.extend_from_slice(piece);
                        out.extend_from_slice(b"\r\n");
                        out
                    };
                    if socket.write_all(head.as_bytes()).await.is_err()
                        || socket.write_all(&frame(prefix)).await.is_err()
                    {
                        return;
                    }
                    let block = frame(&vec![b' '; 256 << 10]);
                    let mut left = len - prefix.len() as u64 - 1;
                    while left > 0 {
                        let n = left.min(256 << 10);
                        let piece = if n == 256 << 10 {
                            block.clone()
                        } else {
                            frame(&vec![b' '; n as usize])
                        };
                        if socket.write_all(&piece).await.is_err() {
                            return;
                        }
                        left -= n;
                    }
                    let end: &[u8] = if chunked {
                        b"1\r\n}\r\n0\r\n\r\n"
                    } else {
                        b"}"
                    };
                    if socket.write_all(end).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    root
}
