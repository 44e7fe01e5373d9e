//! What the hostile server answers: one [`Plan`] per request, drawn from a seeded [`Rng`].
//!
//! A plan is the bytes to write (small parts in memory, huge bodies as generators that are
//! never allocated), how to write them (at once, or dripped a byte at a time), how the
//! connection ends (kept alive, closed, or held open without a word), and what a client can
//! be expected to have seen: the final status, and whether a complete, well-formed head
//! went out. "Well formed" is deliberately narrow: a head a conforming HTTP/1.1 client must
//! accept (RFC 9112), at most 64 KiB and 95 header lines. Anything lenient parsers may or
//! may not accept (bare LF, obs-fold, `HTTP/1.1 404` without the space) counts as not well
//! formed, so the status invariant never depends on parser leniency.

use std::time::Duration;

use serde_json::Value;

use super::captures::{operation_for, Capture, Captures};
use super::rng::Rng;

/// A request as the server read it.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    pub fn query(&self) -> &str {
        self.target.split_once('?').map(|(_, q)| q).unwrap_or("")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// How the connection ends after the plan's bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// Read the next request on the same connection.
    KeepAlive,
    /// Close the connection.
    Close,
    /// Keep the connection open and say nothing more, until the client goes away.
    Hold,
}

/// A piece of the bytes to write.
#[derive(Debug, Clone)]
pub enum Part {
    Bytes(Vec<u8>),
    /// `len` bytes of `byte`, generated while writing.
    Fill {
        len: u64,
        byte: u8,
    },
    /// `len` bytes of `byte`, chunked-encoded in chunks of `chunk` bytes, with the last chunk.
    ChunkedFill {
        len: u64,
        chunk: u64,
        byte: u8,
    },
}

impl Part {
    pub fn wire_len(&self) -> u64 {
        match self {
            Part::Bytes(b) => b.len() as u64,
            Part::Fill { len, .. } => *len,
            Part::ChunkedFill { len, chunk, .. } => {
                let full = len / chunk;
                let rest = len % chunk;
                let header = |n: u64| format!("{n:x}\r\n").len() as u64 + n + 2;
                full * header(*chunk) + if rest > 0 { header(rest) } else { 0 } + 5
            }
        }
    }
}

/// Writes from offset `from` one byte every `per_byte`, for at most `budget`; then the rest
/// at once, or (with `cut`) nothing more and the connection closed.
#[derive(Debug, Clone)]
pub struct Drip {
    pub from: u64,
    pub per_byte: Duration,
    pub budget: Duration,
    pub cut: bool,
}

/// One answer.
#[derive(Debug, Clone)]
pub struct Plan {
    /// `family/variant`, such as `chunked/cut_mid_chunk` or `mutated/type_swap`.
    pub kind: String,
    /// The final status on a status line, when there is one.
    pub status: Option<u16>,
    /// The offset just after the final status line.
    pub status_line_end: u64,
    /// The offset just after the final head's empty line.
    pub head_end: Option<u64>,
    /// Whether the final head is well formed (see the module documentation).
    pub head_ok: bool,
    /// Whether bytes beyond the message's framing go out (a HEAD answered with a body, a
    /// short `Content-Length`, ...): they poison a kept-alive connection.
    pub leftover: bool,
    pub end: End,
    pub drip: Option<Drip>,
    pub parts: Vec<Part>,
    pub retry_after: Option<String>,
}

impl Plan {
    pub fn total(&self) -> u64 {
        self.parts.iter().map(Part::wire_len).sum()
    }
}

/// What plans are drawn from.
#[derive(Debug)]
pub struct Ctx<'a> {
    pub captures: &'a Captures,
    /// `http://127.0.0.1:PORT`, the server itself.
    pub root: &'a str,
    /// A listener on another port of 127.0.0.1.
    pub trap_port_root: &'a str,
    /// A listener on 127.0.0.2.
    pub trap_host_root: &'a str,
    pub timeout: Duration,
    /// The largest body of the `huge_body` kind.
    pub huge_max: u64,
    /// How often (per mille) a `huge_body` answer is drawn.
    pub huge_per_mille: u64,
    /// Only clean answers (to check that the captures satisfy the client).
    pub clean_only: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Clean,
    Mutated,
    Error,
    RandomBytes,
    LyingLength,
    Chunked,
    SlowDrip,
    HugeBody,
    Redirect,
    OddStatus,
    HugeHeaders,
    ManyHeaders,
    InvalidHeaders,
    Http10,
    NoStatusLine,
}

/// The kinds and their weights (per cent; `huge_body`'s comes from [`Ctx::huge_per_mille`]).
const KINDS: &[(u64, Kind)] = &[
    (20, Kind::Clean),
    (20, Kind::Mutated),
    (12, Kind::Error),
    (4, Kind::RandomBytes),
    (6, Kind::LyingLength),
    (6, Kind::Chunked),
    (3, Kind::SlowDrip),
    (1, Kind::HugeBody),
    (6, Kind::Redirect),
    (7, Kind::OddStatus),
    (3, Kind::HugeHeaders),
    (3, Kind::ManyHeaders),
    (3, Kind::InvalidHeaders),
    (3, Kind::Http10),
    (3, Kind::NoStatusLine),
];

/// Error statuses the `error` kind answers with (Keystone's, a proxy's, and odd ones).
const ERROR_STATUSES: &[(u16, &str)] = &[
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (405, "Method Not Allowed"),
    (409, "Conflict"),
    (413, "Request Entity Too Large"),
    (415, "Unsupported Media Type"),
    (418, "I'm a teapot"),
    (429, "Too Many Requests"),
    (500, "Internal Server Error"),
    (501, "Not Implemented"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Gateway Timeout"),
    (599, "Network Connect Timeout Error"),
];

/// Draws the answer to `req`.
pub fn plan(rng: &mut Rng, ctx: &Ctx, req: &Request) -> Plan {
    let op = operation_for(&req.method, req.path()).map(|o| o.id);
    let cap = ctx.captures.for_operation(op, req.query());
    let token_request = req.method == "POST" && req.path() == "/v2.0/tokens";
    let kind = if ctx.clean_only || (token_request && rng.chance(50)) {
        Kind::Clean
    } else {
        let weights: Vec<(u64, Kind)> = KINDS
            .iter()
            .map(|&(w, k)| {
                (
                    if k == Kind::HugeBody {
                        ctx.huge_per_mille
                    } else {
                        w * 10
                    },
                    k,
                )
            })
            .collect();
        rng.weighted(&weights)
    };
    let mut plan = match kind {
        Kind::Clean => clean(rng, cap, ctx.clean_only),
        Kind::Mutated => mutated(rng, cap, ctx.root),
        Kind::Error => error(rng, cap, ctx, req),
        Kind::RandomBytes => random_bytes(rng, cap),
        Kind::LyingLength => lying_length(rng, cap),
        Kind::Chunked => chunked(rng, cap),
        Kind::SlowDrip => slow_drip(rng, cap, ctx),
        Kind::HugeBody => huge_body(rng, cap, ctx),
        Kind::Redirect => redirect(rng, ctx, req),
        Kind::OddStatus => odd_status(rng, cap),
        Kind::HugeHeaders => huge_headers(rng, cap),
        Kind::ManyHeaders => many_headers(rng, cap),
        Kind::InvalidHeaders => invalid_headers(rng, cap),
        Kind::Http10 => http10(rng, cap),
        Kind::NoStatusLine => no_status_line(rng, cap),
    };
    // A HEAD answer has no body: one sent anyway stays on the connection.
    if req.method == "HEAD" {
        if let Some(head_end) = plan.head_end {
            if plan.total() > head_end {
                if ctx.clean_only || plan.kind.starts_with("clean/") || rng.chance(50) {
                    truncate_parts(&mut plan.parts, head_end);
                } else {
                    plan.leftover = true;
                    plan.kind.push_str("+head_body");
                }
            }
        }
    }
    // Neither can a 1xx, 204 or 304.
    if let (Some(s), Some(head_end)) = (plan.status, plan.head_end) {
        if (s < 200 || s == 204 || s == 304) && plan.total() > head_end {
            plan.leftover = true;
        }
    }
    plan
}

fn truncate_parts(parts: &mut Vec<Part>, at: u64) {
    let mut offset = 0;
    let mut kept = Vec::new();
    for part in parts.drain(..) {
        let len = part.wire_len();
        if offset + len <= at {
            offset += len;
            kept.push(part);
            continue;
        }
        if let Part::Bytes(b) = part {
            kept.push(Part::Bytes(b[..(at - offset) as usize].to_vec()));
        }
        break;
    }
    *parts = kept;
}

/// The bytes of a plan being assembled, with the offsets the invariants need.
#[derive(Default)]
struct Wire {
    parts: Vec<Part>,
    len: u64,
    status: Option<u16>,
    status_line_end: u64,
    head_end: Option<u64>,
    retry_after: Option<String>,
}

impl Wire {
    fn raw(&mut self, b: &[u8]) {
        self.len += b.len() as u64;
        if let Some(Part::Bytes(last)) = self.parts.last_mut() {
            last.extend_from_slice(b);
        } else {
            self.parts.push(Part::Bytes(b.to_vec()));
        }
    }

    fn status_line(&mut self, version: &str, status: u16, reason: &[u8]) {
        self.raw(format!("{version} {status} ").as_bytes());
        self.raw(reason);
        self.raw(b"\r\n");
        self.status = Some(status);
        self.status_line_end = self.len;
        self.head_end = None;
    }

    fn header(&mut self, name: &str, value: &[u8]) {
        self.raw(name.as_bytes());
        self.raw(b": ");
        self.raw(value);
        self.raw(b"\r\n");
    }

    fn end_head(&mut self) {
        self.raw(b"\r\n");
        self.head_end = Some(self.len);
    }

    fn fill(&mut self, len: u64, byte: u8) {
        self.len += len;
        self.parts.push(Part::Fill { len, byte });
    }

    fn chunked_fill(&mut self, len: u64, chunk: u64, byte: u8) {
        let part = Part::ChunkedFill { len, chunk, byte };
        self.len += part.wire_len();
        self.parts.push(part);
    }

    fn plan(self, kind: impl Into<String>, head_ok: bool, leftover: bool, end: End) -> Plan {
        let head_ok = head_ok && self.head_end.is_some() && self.status.is_some();
        Plan {
            kind: kind.into(),
            status: self.status,
            status_line_end: self.status_line_end,
            head_end: self.head_end,
            head_ok,
            leftover,
            end,
            drip: None,
            parts: self.parts,
            retry_after: self.retry_after,
        }
    }
}

/// An answer before framing.
#[derive(Debug, Clone)]
struct Answer {
    status: u16,
    reason: Vec<u8>,
    headers: Vec<(String, Vec<u8>)>,
    body: Vec<u8>,
}

impl From<&Capture> for Answer {
    fn from(c: &Capture) -> Self {
        Answer {
            status: c.status,
            reason: c.reason.as_bytes().to_vec(),
            headers: c
                .headers
                .iter()
                .map(|(k, v)| (k.clone(), v.as_bytes().to_vec()))
                .collect(),
            body: c.body.clone(),
        }
    }
}

impl Answer {
    fn with_status(mut self, status: u16, reason: &str) -> Self {
        self.status = status;
        self.reason = reason.as_bytes().to_vec();
        self
    }

    fn content_type(mut self, value: &str) -> Self {
        self.headers
            .retain(|(k, _)| !k.eq_ignore_ascii_case("content-type"));
        if !value.is_empty() {
            self.headers
                .push(("Content-Type".into(), value.as_bytes().to_vec()));
        }
        self
    }
}

/// How a body is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Framing {
    /// A correct `Content-Length`.
    Length,
    /// `Transfer-Encoding: chunked`, correct.
    Chunked,
    /// Neither: the body ends when the connection closes.
    UntilClose,
    /// No body and no length header (1xx, 204, 304).
    NoBody,
}

fn keystone_error(status: u16, reason: &str, message: &str) -> Vec<u8> {
    serde_json::json!({"error": {"code": status, "title": reason, "message": message}})
        .to_string()
        .into_bytes()
}

fn error_answer(rng: &mut Rng) -> Answer {
    let (status, reason) = *rng.pick(ERROR_STATUSES);
    Answer {
        status,
        reason: reason.as_bytes().to_vec(),
        headers: vec![
            ("Content-Type".into(), b"application/json".to_vec()),
            (
                "x-openstack-request-id".into(),
                b"req-11111111-1111-4111-8111-111111111111".to_vec(),
            ),
        ],
        body: keystone_error(
            status,
            reason,
            "An unexpected error prevented the server from fulfilling your request.",
        ),
    }
}

/// The op's capture, or (with `error_percent` probability) a Keystone error.
fn capture_or_error(rng: &mut Rng, cap: &Capture, error_percent: u64) -> Answer {
    if rng.chance(error_percent) {
        error_answer(rng)
    } else {
        cap.into()
    }
}

fn chunk_body(rng: &mut Rng, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let n = (rng.range(1, 3) as usize * rest.len().div_ceil(3)).clamp(1, rest.len());
        out.extend_from_slice(format!("{n:x}\r\n").as_bytes());
        out.extend_from_slice(&rest[..n]);
        out.extend_from_slice(b"\r\n");
        rest = &rest[n..];
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// Status line, headers, framing headers, the empty line, the body.
fn emit(rng: &mut Rng, w: &mut Wire, a: &Answer, framing: Framing, close_header: bool) {
    let framing = if matches!(a.status, 100..=199 | 204 | 304) {
        Framing::NoBody
    } else {
        framing
    };
    w.status_line("HTTP/1.1", a.status, &a.reason);
    for (k, v) in &a.headers {
        w.header(k, v);
    }
    match framing {
        Framing::Length => w.header("Content-Length", a.body.len().to_string().as_bytes()),
        Framing::Chunked => w.header("Transfer-Encoding", b"chunked"),
        Framing::UntilClose | Framing::NoBody => {}
    }
    if close_header || framing == Framing::UntilClose {
        w.header("Connection", b"close");
    }
    w.end_head();
    match framing {
        Framing::Length | Framing::UntilClose => w.raw(&a.body),
        Framing::Chunked => {
            let chunked = chunk_body(rng, &a.body);
            w.raw(&chunked)
        }
        Framing::NoBody => {}
    }
}

fn keep_or_close(rng: &mut Rng, close_percent: u64) -> End {
    if rng.chance(close_percent) {
        End::Close
    } else {
        End::KeepAlive
    }
}

fn clean(rng: &mut Rng, cap: &Capture, quiet: bool) -> Plan {
    let mut w = Wire::default();
    let framing = if !quiet && rng.chance(20) {
        Framing::Chunked
    } else {
        Framing::Length
    };
    let end = if quiet {
        End::KeepAlive
    } else {
        keep_or_close(rng, 25)
    };
    let close_header = end == End::Close && rng.chance(50);
    emit(rng, &mut w, &cap.into(), framing, close_header);
    let label = if framing == Framing::Chunked {
        "clean/chunked"
    } else {
        "clean/length"
    };
    w.plan(label, true, false, end)
}

fn mutated(rng: &mut Rng, cap: &Capture, root: &str) -> Plan {
    let (label, body, status) = mutate(rng, cap, root);
    let mut a: Answer = cap.into();
    a.body = body;
    if let Some(s) = status {
        a.status = s;
        a.reason = b"OK".to_vec();
    }
    if rng.chance(15) {
        let (s, r) = *rng.pick(ERROR_STATUSES);
        a = a.with_status(s, r);
    }
    let framing = if rng.chance(10) {
        Framing::Chunked
    } else {
        Framing::Length
    };
    let mut w = Wire::default();
    emit(rng, &mut w, &a, framing, false);
    let end = keep_or_close(rng, 25);
    w.plan(format!("mutated/{label}"), true, false, end)
}

fn error(rng: &mut Rng, cap: &Capture, ctx: &Ctx, req: &Request) -> Plan {
    let (status, reason) = *rng.pick(ERROR_STATUSES);
    let variant = *rng.pick(&[
        "captured",
        "keystone_json",
        "keystone_json_wrong_types",
        "other_json",
        "html",
        "text",
        "empty",
        "success_shaped",
        "truncated_json",
        "random",
        "echo_request",
    ]);
    let base = Answer::from(cap).with_status(status, reason);
    let mut a = match variant {
        "captured" => {
            let errors: Vec<&Capture> = ctx.captures.errors().collect();
            Answer::from(*rng.pick(&errors))
        }
        "keystone_json" => Answer {
            body: keystone_error(status, reason, "Something went wrong."),
            ..base
        }
        .content_type("application/json"),
        "keystone_json_wrong_types" => Answer {
            body: br#"{"error": {"code": "five hundred", "title": 7, "message": ["not", "a", "string"]}}"#.to_vec(),
            ..base
        }
        .content_type("application/json"),
        "other_json" => Answer {
            body: format!(r#"{{"message": "upstream said no", "code": {status}}}"#).into_bytes(),
            ..base
        }
        .content_type("application/json"),
        "html" => Answer {
            body: format!("<html><head><title>{status} {reason}</title></head><body><h1>{reason}</h1><hr>nginx</body></html>\r\n").into_bytes(),
            ..base
        }
        .content_type(if rng.chance(30) { "application/json" } else { "text/html" }),
        "text" => Answer {
            body: format!("{reason}\n").into_bytes(),
            ..base
        }
        .content_type("text/plain"),
        "empty" => Answer {
            body: Vec::new(),
            ..base
        }
        .content_type(if rng.chance(50) { "application/json" } else { "" }),
        "success_shaped" => base,
        "truncated_json" => {
            let full = keystone_error(status, reason, "cut");
            let cut = rng.index(full.len());
            Answer {
                body: full[..cut].to_vec(),
                ..base
            }
            .content_type("application/json")
        }
        "random" => {
            let n = rng.range(1, 2048) as usize;
            Answer {
                body: rng.bytes(n),
                ..base
            }
        }
        _ => {
            // A proxy that echoes the request, its token and body included.
            let mut body = format!(
                "{status} {reason}: {} {} x-auth-token={} body=",
                req.method,
                req.target,
                req.header("x-auth-token").unwrap_or("-")
            )
            .into_bytes();
            body.extend_from_slice(&req.body);
            Answer { body, ..base }.content_type("text/plain")
        }
    };
    let mut w = Wire::default();
    if matches!(a.status, 503 | 429) && rng.chance(60) {
        let value = *rng.pick(&[
            "0",
            "1",
            "2",
            "120",
            "-1",
            "soon",
            "Wed, 21 Oct 2015 07:28:00 GMT",
            "99999999999999999999",
        ]);
        a.headers
            .push(("Retry-After".into(), value.as_bytes().to_vec()));
        w.retry_after = Some(value.to_owned());
    }
    emit(rng, &mut w, &a, Framing::Length, false);
    let end = keep_or_close(rng, 30);
    w.plan(format!("error/{variant}"), true, false, end)
}

fn random_bytes(rng: &mut Rng, cap: &Capture) -> Plan {
    let mut w = Wire::default();
    match rng.below(3) {
        0 => {
            let n = rng.range(1, 4096) as usize;
            let bytes = rng.bytes(n);
            w.raw(&bytes);
            w.plan("random_bytes/raw", false, false, End::Close)
        }
        1 => {
            let mut a = capture_or_error(rng, cap, 30);
            let n = rng.range(0, 4096) as usize;
            a.body = rng.bytes(n);
            emit(rng, &mut w, &a, Framing::Length, false);
            let end = keep_or_close(rng, 30);
            w.plan("random_bytes/body", true, false, end)
        }
        _ => {
            let a = capture_or_error(rng, cap, 30);
            w.status_line("HTTP/1.1", a.status, &a.reason);
            let n = rng.range(1, 4096) as usize;
            let bytes = rng.bytes(n);
            w.raw(&bytes);
            w.plan("random_bytes/after_status_line", false, false, End::Close)
        }
    }
}

fn lying_length(rng: &mut Rng, cap: &Capture) -> Plan {
    let a = capture_or_error(rng, cap, 30);
    let len = a.body.len() as u64;
    let mut w = Wire::default();
    let head = |w: &mut Wire, a: &Answer| {
        w.status_line("HTTP/1.1", a.status, &a.reason);
        for (k, v) in &a.headers {
            w.header(k, v);
        }
    };
    let variant = if len == 0 {
        "longer"
    } else {
        *rng.pick(&[
            "longer",
            "longer",
            "shorter",
            "shorter",
            "double",
            "invalid",
            "with_chunked",
        ])
    };
    match variant {
        "longer" => {
            head(&mut w, &a);
            let claimed = len + rng.range(1, 1000.max(len));
            w.header("Content-Length", claimed.to_string().as_bytes());
            w.end_head();
            w.raw(&a.body);
            let (end, label) = if rng.chance(15) {
                (End::Hold, "longer_then_hold")
            } else {
                (End::Close, "longer_then_close")
            };
            w.plan(format!("lying_length/{label}"), true, false, end)
        }
        "shorter" => {
            head(&mut w, &a);
            let claimed = rng.below(len);
            w.header("Content-Length", claimed.to_string().as_bytes());
            w.end_head();
            w.raw(&a.body);
            let end = keep_or_close(rng, 40);
            w.plan("lying_length/shorter", true, true, end)
        }
        "double" => {
            head(&mut w, &a);
            w.header("Content-Length", len.to_string().as_bytes());
            w.header("Content-Length", (len + 7).to_string().as_bytes());
            w.end_head();
            w.raw(&a.body);
            w.plan("lying_length/two_different", false, false, End::Close)
        }
        "invalid" => {
            head(&mut w, &a);
            let value = *rng.pick(&[
                "abc",
                "-1",
                "+5",
                "0x10",
                "1e3",
                "99999999999999999999999",
                "",
                "1 2",
            ]);
            w.header("Content-Length", value.as_bytes());
            w.end_head();
            w.raw(&a.body);
            w.plan("lying_length/not_a_number", false, false, End::Close)
        }
        _ => {
            head(&mut w, &a);
            w.header("Transfer-Encoding", b"chunked");
            w.header("Content-Length", (len / 2).to_string().as_bytes());
            w.end_head();
            let chunked = chunk_body(rng, &a.body);
            w.raw(&chunked);
            w.plan("lying_length/with_chunked", false, false, End::Close)
        }
    }
}

fn chunked(rng: &mut Rng, cap: &Capture) -> Plan {
    let mut a = capture_or_error(rng, cap, 30);
    if a.body.is_empty() {
        a.body = b"{}".to_vec();
    }
    if matches!(a.status, 204 | 304) {
        a = a.with_status(200, "OK");
    }
    let body = a.body.clone();
    let mut w = Wire::default();
    w.status_line("HTTP/1.1", a.status, &a.reason);
    for (k, v) in &a.headers {
        w.header(k, v);
    }
    w.header("Transfer-Encoding", b"chunked");
    w.end_head();
    let n = body.len();
    let variant = *rng.pick(&[
        "cut_mid_chunk",
        "bad_size_hex",
        "size_overflow",
        "negative_size",
        "size_too_big",
        "missing_last_chunk",
        "missing_crlf",
        "extensions",
        "trailers",
        "many_tiny",
    ]);
    let mut end = End::Close;
    match variant {
        "cut_mid_chunk" => {
            w.raw(format!("{n:x}\r\n").as_bytes());
            w.raw(&body[..rng.index(n)]);
            if rng.chance(20) {
                end = End::Hold;
            }
        }
        "bad_size_hex" => {
            w.raw(b"zz\r\n");
            w.raw(&body);
            w.raw(b"\r\n0\r\n\r\n");
        }
        "size_overflow" => {
            w.raw(b"ffffffffffffffffffffffff\r\n");
            w.raw(&body);
            w.raw(b"\r\n0\r\n\r\n");
        }
        "negative_size" => {
            w.raw(b"-5\r\n");
            w.raw(&body);
            w.raw(b"\r\n0\r\n\r\n");
        }
        "size_too_big" => {
            w.raw(format!("{:x}\r\n", n + 100).as_bytes());
            w.raw(&body);
            w.raw(b"\r\n0\r\n\r\n");
        }
        "missing_last_chunk" => {
            w.raw(format!("{n:x}\r\n").as_bytes());
            w.raw(&body);
            w.raw(b"\r\n");
            if rng.chance(20) {
                end = End::Hold;
            }
        }
        "missing_crlf" => {
            w.raw(format!("{n:x}\r\n").as_bytes());
            w.raw(&body);
            w.raw(b"0\r\n\r\n");
        }
        "extensions" => {
            w.raw(format!("{n:x};name=value;flag\r\n").as_bytes());
            w.raw(&body);
            w.raw(b"\r\n0;last\r\n\r\n");
            end = keep_or_close(rng, 30);
        }
        "trailers" => {
            w.raw(format!("{n:x}\r\n").as_bytes());
            w.raw(&body);
            w.raw(b"\r\n0\r\nX-Trailer: yes\r\n\r\n");
            end = keep_or_close(rng, 30);
        }
        _ => {
            // At most 64 one-byte chunks, then the rest in one: each chunk is a yield of the
            // client's task, and hundreds of them on a loaded 2-core runtime add up.
            let tiny = n.min(64);
            for b in &body[..tiny] {
                w.raw(b"1\r\n");
                w.raw(&[*b]);
                w.raw(b"\r\n");
            }
            if n > tiny {
                w.raw(format!("{:x}\r\n", n - tiny).as_bytes());
                w.raw(&body[tiny..]);
                w.raw(b"\r\n");
            }
            w.raw(b"0\r\n\r\n");
            end = keep_or_close(rng, 30);
        }
    }
    let label = if end == End::Hold {
        format!("chunked/{variant}_then_hold")
    } else {
        format!("chunked/{variant}")
    };
    w.plan(label, true, false, end)
}

fn slow_drip(rng: &mut Rng, cap: &Capture, ctx: &Ctx) -> Plan {
    let a = capture_or_error(rng, cap, 40);
    let mut w = Wire::default();
    emit(rng, &mut w, &a, Framing::Length, false);
    let head_end = w.head_end.unwrap_or(0);
    let body_only = rng.chance(50);
    let past = rng.chance(40);
    let budget = if past {
        ctx.timeout + Duration::from_millis(300)
    } else {
        Duration::from_millis(rng.range(20, 250))
    };
    let per_byte = Duration::from_millis(rng.range(1, 8));
    let end = if past {
        End::Close
    } else {
        keep_or_close(rng, 30)
    };
    let mut plan = w.plan(
        format!(
            "slow_drip/{}_{}_deadline",
            if body_only { "body" } else { "whole" },
            if past { "past" } else { "within" }
        ),
        true,
        false,
        end,
    );
    plan.drip = Some(Drip {
        from: if body_only { head_end } else { 0 },
        per_byte,
        budget,
        cut: past,
    });
    plan
}

fn huge_body(rng: &mut Rng, cap: &Capture, ctx: &Ctx) -> Plan {
    const CAP: u64 = 16 << 20;
    let len = if ctx.huge_max > CAP {
        rng.range(CAP + 1, ctx.huge_max)
    } else {
        rng.range(ctx.huge_max / 2, ctx.huge_max)
    };
    let server_error =
        rng.chance(40) || !cap.json || !(200..300).contains(&cap.status) || cap.body.is_empty();
    let mut a: Answer = if server_error {
        Answer {
            status: 500,
            reason: b"Internal Server Error".to_vec(),
            headers: vec![("Content-Type".into(), b"application/json".to_vec())],
            body: keystone_error(500, "Internal Server Error", "huge"),
        }
    } else {
        cap.into()
    };
    // Valid JSON padded with spaces, or letters after it (invalid).
    let byte = if rng.chance(70) { b' ' } else { b'A' };
    let prefix = std::mem::take(&mut a.body);
    let pad = len.saturating_sub(prefix.len() as u64);
    let mut w = Wire::default();
    w.status_line("HTTP/1.1", a.status, &a.reason);
    for (k, v) in &a.headers {
        w.header(k, v);
    }
    let framing = rng.below(5);
    let (label, end) = match framing {
        0 => {
            w.header("Transfer-Encoding", b"chunked");
            w.end_head();
            w.raw(format!("{:x}\r\n", prefix.len()).as_bytes());
            w.raw(&prefix);
            w.raw(b"\r\n");
            w.chunked_fill(pad, 64 << 10, byte);
            ("chunked", End::KeepAlive)
        }
        1 => {
            w.header("Connection", b"close");
            w.end_head();
            w.raw(&prefix);
            w.fill(pad, byte);
            ("until_close", End::Close)
        }
        _ => {
            w.header(
                "Content-Length",
                (prefix.len() as u64 + pad).to_string().as_bytes(),
            );
            w.end_head();
            w.raw(&prefix);
            w.fill(pad, byte);
            ("length", End::KeepAlive)
        }
    };
    let what = if byte == b' ' { "json" } else { "garbage" };
    w.plan(
        format!("huge_body/{label}_{what}_{}", a.status),
        true,
        false,
        end,
    )
}

fn redirect(rng: &mut Rng, ctx: &Ctx, req: &Request) -> Plan {
    let status = *rng.pick(&[301u16, 302, 303, 307, 308]);
    let reason: &[u8] = match status {
        301 => b"Moved Permanently",
        302 => b"Found",
        303 => b"See Other",
        307 => b"Temporary Redirect",
        _ => b"Permanent Redirect",
    };
    let target = &req.target;
    let host_port = ctx.trap_host_root.trim_start_matches("http:");
    let (label, location) = match rng.below(11) {
        0 | 1 => ("self", format!("{}{target}", ctx.root)),
        2 => ("self_relative", target.clone()),
        3 | 4 => ("other_port", format!("{}{target}", ctx.trap_port_root)),
        5 | 6 => ("other_host", format!("{}{target}", ctx.trap_host_root)),
        7 => ("scheme_relative_other_host", format!("{host_port}{target}")),
        8 => (
            "https_same_host",
            format!("{}{target}", ctx.root.replacen("http:", "https:", 1)),
        ),
        9 => ("empty", String::new()),
        _ => (
            "garbage",
            rng.pick(&[
                "http://[::1",
                "ht!tp://x",
                "/%zz",
                "javascript:alert(1)",
                "http://:0/",
            ])
            .to_string(),
        ),
    };
    let mut w = Wire::default();
    w.status_line("HTTP/1.1", status, reason);
    w.header("Location", location.as_bytes());
    let body: &[u8] = if rng.chance(50) {
        b""
    } else {
        b"<html><body>moved</body></html>"
    };
    w.header("Content-Length", body.len().to_string().as_bytes());
    w.end_head();
    w.raw(body);
    let end = keep_or_close(rng, 30);
    w.plan(format!("redirect/{status}_{label}"), true, false, end)
}

fn odd_status(rng: &mut Rng, cap: &Capture) -> Plan {
    let mut w = Wire::default();
    let variants = [
        "100_then_final",
        "102_then_final",
        "103_then_final",
        "100_only",
        "101_unasked",
        "204_with_body",
        "205_with_body",
        "304_with_body",
        "299",
        "300_no_location",
        "301_no_location",
        "302_no_location",
        "307_no_location",
        "418",
        "599",
        "999",
        "600",
        "000",
        "1000",
        "2OO",
        "empty_reason",
        "no_reason_no_space",
        "obs_text_reason",
        "long_reason",
    ];
    let variant = *rng.pick(&variants);
    let a: Answer = cap.into();
    let simple =
        |w: &mut Wire, rng: &mut Rng, status: u16, reason: &[u8], body: &[u8], length: bool| {
            w.status_line("HTTP/1.1", status, reason);
            w.header("Content-Type", b"application/json");
            if length {
                w.header("Content-Length", body.len().to_string().as_bytes());
            }
            w.end_head();
            w.raw(body);
            keep_or_close(rng, 30)
        };
    let (head_ok, end) = match variant {
        "100_then_final" | "102_then_final" | "103_then_final" => {
            let interim: &[u8] = match variant {
                "100_then_final" => b"HTTP/1.1 100 Continue\r\n\r\n",
                "102_then_final" => b"HTTP/1.1 102 Processing\r\n\r\n",
                _ => b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n",
            };
            w.raw(interim);
            let a = capture_or_error(rng, cap, 40);
            emit(rng, &mut w, &a, Framing::Length, false);
            (true, keep_or_close(rng, 30))
        }
        "100_only" => {
            w.raw(b"HTTP/1.1 100 Continue\r\n\r\n");
            (false, End::Close)
        }
        "101_unasked" => {
            w.status_line("HTTP/1.1", 101, b"Switching Protocols");
            w.header("Upgrade", b"websocket");
            w.header("Connection", b"Upgrade");
            w.end_head();
            w.raw(b"\x81\x05hello");
            (false, End::Close)
        }
        "204_with_body" | "205_with_body" | "304_with_body" => {
            let status = variant[..3].parse().unwrap_or(204);
            let body = if a.body.is_empty() {
                b"{}".to_vec()
            } else {
                a.body.clone()
            };
            let length = rng.chance(50);
            let end = simple(&mut w, rng, status, b"No Content", &body, length);
            (true, end)
        }
        "299" => (
            true,
            simple(&mut w, rng, 299, b"Odd Success", &a.body, true),
        ),
        "300_no_location" | "301_no_location" | "302_no_location" | "307_no_location" => {
            let status = variant[..3].parse().unwrap_or(300);
            (
                true,
                simple(&mut w, rng, status, b"Redirect Nowhere", &a.body, true),
            )
        }
        "418" => (
            true,
            simple(&mut w, rng, 418, b"I'm a teapot", b"short and stout", true),
        ),
        "599" => {
            let body = keystone_error(599, "Network Connect Timeout Error", "odd");
            (
                true,
                simple(
                    &mut w,
                    rng,
                    599,
                    b"Network Connect Timeout Error",
                    &body,
                    true,
                ),
            )
        }
        "999" => (true, simple(&mut w, rng, 999, b"Whatever", &a.body, true)),
        "600" => (true, simple(&mut w, rng, 600, b"Beyond", &a.body, true)),
        "000" | "1000" | "2OO" => {
            w.raw(format!("HTTP/1.1 {variant} Broken\r\nContent-Length: 2\r\n\r\n{{}}").as_bytes());
            (false, End::Close)
        }
        "empty_reason" => {
            let e = error_answer(rng);
            (true, simple(&mut w, rng, e.status, b"", &e.body, true))
        }
        "no_reason_no_space" => {
            let e = error_answer(rng);
            w.raw(
                format!(
                    "HTTP/1.1 {}\r\nContent-Length: {}\r\n\r\n",
                    e.status,
                    e.body.len()
                )
                .as_bytes(),
            );
            w.raw(&e.body);
            (false, End::Close)
        }
        "obs_text_reason" => {
            let e = error_answer(rng);
            (
                true,
                simple(&mut w, rng, e.status, b"Fehler \xe4\xf6\xfc", &e.body, true),
            )
        }
        _ => {
            let e = error_answer(rng);
            let reason = vec![b'r'; 10 << 10];
            (true, simple(&mut w, rng, e.status, &reason, &e.body, true))
        }
    };
    w.plan(format!("odd_status/{variant}"), head_ok, false, end)
}

fn huge_headers(rng: &mut Rng, cap: &Capture) -> Plan {
    let a = capture_or_error(rng, cap, 40);
    let size = *rng.pick(&[8u64 << 10, 32 << 10, 60 << 10, 256 << 10, 1 << 20, 4 << 20]);
    let name = *rng.pick(&["X-Huge", "x-openstack-request-id", "Set-Cookie"]);
    let mut w = Wire::default();
    w.status_line("HTTP/1.1", a.status, &a.reason);
    for (k, v) in &a.headers {
        if !k.eq_ignore_ascii_case(name) {
            w.header(k, v);
        }
    }
    w.raw(name.as_bytes());
    w.raw(b": ");
    w.fill(size, b'h');
    w.raw(b"\r\n");
    w.header("Content-Length", a.body.len().to_string().as_bytes());
    w.end_head();
    w.raw(&a.body);
    let ok = w.head_end.unwrap_or(u64::MAX) <= 64 << 10;
    let end = if ok {
        keep_or_close(rng, 30)
    } else {
        End::Close
    };
    w.plan(format!("huge_headers/{}KiB", size >> 10), ok, false, end)
}

fn many_headers(rng: &mut Rng, cap: &Capture) -> Plan {
    let a = capture_or_error(rng, cap, 40);
    let count = *rng.pick(&[20usize, 60, 85, 120, 1000, 10_000]);
    let mut w = Wire::default();
    w.status_line("HTTP/1.1", a.status, &a.reason);
    let mut lines = 0;
    for (k, v) in &a.headers {
        w.header(k, v);
        lines += 1;
    }
    for i in 0..count {
        w.header(&format!("X-Many-{i}"), b"v");
    }
    lines += count + 1;
    w.header("Content-Length", a.body.len().to_string().as_bytes());
    w.end_head();
    w.raw(&a.body);
    let ok = lines <= 95 && w.head_end.unwrap_or(u64::MAX) <= 64 << 10;
    let end = if ok {
        keep_or_close(rng, 30)
    } else {
        End::Close
    };
    w.plan(format!("many_headers/{count}"), ok, false, end)
}

fn invalid_headers(rng: &mut Rng, cap: &Capture) -> Plan {
    let a = capture_or_error(rng, cap, 50);
    let variants: &[(&str, &[u8], bool)] = &[
        ("name_with_space", b"Bad Name: x\r\n", false),
        ("space_before_colon", b"X-Spaced : x\r\n", false),
        ("no_colon", b"JustAName\r\n", false),
        ("nul_in_value", b"X-Nul: a\0b\r\n", false),
        ("bare_cr_in_value", b"X-Cr: a\rb\r\n", false),
        ("control_in_value", b"X-Ctl: a\x01b\r\n", false),
        ("del_in_name", b"X\x7fA: v\r\n", false),
        ("non_ascii_name", b"X-\xc3\xa4: v\r\n", false),
        ("obs_fold", b"X-Folded: a\r\n folded\r\n", false),
        ("obs_text_value", b"X-Latin: caf\xe9\r\n", true),
        ("utf8_value", b"X-Utf8: caf\xc3\xa9 \xe2\x98\x83\r\n", true),
        ("empty_value", b"X-Empty: \r\n", true),
        ("tab_value", b"X-Tab:\tvalue\t\r\n", true),
        ("odd_content_type", b"Content-Type: ;;;\r\n", true),
    ];
    let lf_only = rng.chance(8);
    let (label, line, ok) = if lf_only {
        ("lf_only", &b""[..], false)
    } else {
        *rng.pick(variants)
    };
    let mut w = Wire::default();
    w.status_line("HTTP/1.1", a.status, &a.reason);
    for (k, v) in &a.headers {
        if !(label == "odd_content_type" && k.eq_ignore_ascii_case("content-type")) {
            w.header(k, v);
        }
    }
    w.raw(line);
    w.header("Content-Length", a.body.len().to_string().as_bytes());
    w.end_head();
    w.raw(&a.body);
    if lf_only {
        // Every line of the head ends in a bare LF.
        let head_end = w.head_end.unwrap_or(0) as usize;
        if let Some(Part::Bytes(b)) = w.parts.first_mut() {
            let head_end = head_end.min(b.len());
            let mut head = Vec::with_capacity(b.len());
            for (i, byte) in b[..head_end].iter().enumerate() {
                if !(*byte == b'\r' && b.get(i + 1) == Some(&b'\n')) {
                    head.push(*byte);
                }
            }
            head.extend_from_slice(&b[head_end..]);
            *b = head;
        }
        w.len = w.parts.iter().map(Part::wire_len).sum();
        w.head_end = None;
    }
    let end = if ok {
        keep_or_close(rng, 30)
    } else {
        End::Close
    };
    w.plan(format!("invalid_headers/{label}"), ok, false, end)
}

fn http10(rng: &mut Rng, cap: &Capture) -> Plan {
    let a = capture_or_error(rng, cap, 40);
    let mut w = Wire::default();
    let variant = rng.below(5);
    if variant == 4 {
        // HTTP/0.9: the body alone.
        w.raw(&a.body);
        return w.plan("http10/http09_body_only", false, false, End::Close);
    }
    let version = if variant == 3 { "HTTP/1.2" } else { "HTTP/1.0" };
    w.status_line(version, a.status, &a.reason);
    for (k, v) in &a.headers {
        w.header(k, v);
    }
    let (label, end) = match variant {
        0 => {
            w.header("Content-Length", a.body.len().to_string().as_bytes());
            ("length", End::Close)
        }
        1 => ("until_close", End::Close),
        2 => {
            w.header("Content-Length", a.body.len().to_string().as_bytes());
            w.header("Connection", b"keep-alive");
            ("keep_alive", End::KeepAlive)
        }
        _ => {
            w.header("Content-Length", a.body.len().to_string().as_bytes());
            ("version_1_2", End::Close)
        }
    };
    w.end_head();
    if !matches!(a.status, 204 | 304) {
        w.raw(&a.body);
    }
    w.plan(
        format!("http10/{label}_{}", a.status),
        variant != 3,
        false,
        end,
    )
}

fn no_status_line(rng: &mut Rng, cap: &Capture) -> Plan {
    let a: Answer = cap.into();
    let mut w = Wire::default();
    let variant = *rng.pick(&[
        "body_only",
        "headers_only",
        "empty",
        "crlf_only",
        "version_only",
        "http2",
        "icy",
        "lowercase",
        "leading_crlf",
        "silence",
        "garbage",
    ]);
    let mut end = End::Close;
    match variant {
        "body_only" => w.raw(&a.body),
        "headers_only" => {
            w.raw(
                format!(
                    "Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                    a.body.len()
                )
                .as_bytes(),
            );
            w.raw(&a.body);
        }
        "empty" => {}
        "crlf_only" => w.raw(b"\r\n\r\n"),
        "version_only" => w.raw(b"HTTP/1.1\r\n\r\n"),
        "http2" => w.raw(b"HTTP/2 200\r\ncontent-length: 2\r\n\r\n{}"),
        "icy" => w.raw(b"ICY 200 OK\r\nicy-name: radio\r\n\r\n"),
        "lowercase" => {
            w.raw(
                format!(
                    "http/1.1 200 ok\r\ncontent-length: {}\r\n\r\n",
                    a.body.len()
                )
                .as_bytes(),
            );
            w.raw(&a.body);
        }
        "leading_crlf" => {
            w.raw(b"\r\n");
            let e = error_answer(rng);
            w.raw(
                format!(
                    "HTTP/1.1 {} X\r\nContent-Length: {}\r\n\r\n",
                    e.status,
                    e.body.len()
                )
                .as_bytes(),
            );
            w.raw(&e.body);
        }
        "silence" => end = End::Hold,
        _ => {
            let bytes = rng.bytes(64);
            w.raw(&bytes);
        }
    }
    // Nothing here is a status line a client must accept.
    w.status = None;
    w.head_end = None;
    w.plan(format!("no_status_line/{variant}"), false, false, end)
}

/// The sizes of the huge strings put into bodies (debug builds, which parse slowly on the
/// 2 cores the suite shares, stop at 1 MiB).
const HUGE_STRINGS: &[usize] = if cfg!(debug_assertions) {
    &[70_000, 1 << 20]
} else {
    &[70_000, 1 << 20, 4 << 20]
};

/// Mutates a captured body: byte flips, truncation, JSON type swaps, deep nesting, huge
/// strings, nulls, ... Returns the mutation's name, the body, and a status to use instead
/// of the capture's (a body added to a 204).
fn mutate(rng: &mut Rng, cap: &Capture, root: &str) -> (&'static str, Vec<u8>, Option<u16>) {
    let body = &cap.body;
    if body.is_empty() {
        let b = rng
            .pick(&[&b"{}"[..], b"null", b"{\"error\": 1}", b"\xff\xfe"])
            .to_vec();
        return ("body_where_none_was", b, Some(200));
    }
    let value: Option<Value> = if cap.json {
        serde_json::from_slice(body).ok()
    } else {
        None
    };
    let json_ops: &[&'static str] = &[
        "byte_flip",
        "truncate",
        "type_swap",
        "type_swap",
        "null",
        "all_null",
        "drop_key",
        "deep_nesting",
        "huge_string",
        "huge_number",
        "bad_unicode",
        "invalid_utf8",
        "duplicate_key",
        "trailing_garbage",
        "bom",
        "empty",
        "wrong_root",
    ];
    let text_ops: &[&'static str] = &[
        "byte_flip",
        "truncate",
        "invalid_utf8",
        "huge_string",
        "empty",
        "trailing_garbage",
    ];
    let op = match &value {
        Some(_) => *rng.pick(json_ops),
        None => *rng.pick(text_ops),
    };
    let out = match (op, value) {
        ("byte_flip", _) => {
            let protected = protected_spans(body, root);
            let mut b = body.clone();
            for _ in 0..rng.range(1, 8) {
                let i = rng.index(b.len());
                if !protected.iter().any(|(s, e)| (*s..*e).contains(&i)) {
                    b[i] ^= (rng.range(1, 255)) as u8;
                }
            }
            b
        }
        ("truncate", _) => body[..rng.index(body.len())].to_vec(),
        ("invalid_utf8", _) => {
            let mut b = body.clone();
            let i = rng.index(b.len());
            let bad = *rng.pick(&[
                &b"\xff"[..],
                b"\xfe",
                b"\xc3",
                b"\xed\xa0\x80",
                b"\xf8\x88\x80\x80\x80",
            ]);
            b.splice(i..i, bad.iter().copied());
            b
        }
        ("empty", _) => Vec::new(),
        ("trailing_garbage", _) => {
            let mut b = body.clone();
            let tail = *rng.pick(&[&b" x"[..], b"}", b"\0", b"{}", b",", b"\n\n{\"a\": 1}"]);
            b.extend_from_slice(tail);
            b
        }
        ("huge_string", None) => {
            let mut b = body.clone();
            let n = *rng.pick(HUGE_STRINGS);
            b.extend(std::iter::repeat_n(b'x', n));
            b
        }
        ("bom", _) => {
            let mut b = "\u{feff}".as_bytes().to_vec();
            b.extend_from_slice(body);
            b
        }
        ("wrong_root", _) => rng
            .pick(&["[]", "\"access\"", "42", "null", "{}", "true", "[{}]"])
            .as_bytes()
            .to_vec(),
        ("duplicate_key", Some(Value::Object(m))) => match m.keys().next() {
            Some(k) => {
                let text = String::from_utf8_lossy(body);
                let rest = text.trim_start().trim_start_matches('{');
                format!("{{\"{k}\": null, {rest}").into_bytes()
            }
            None => body.clone(),
        },
        (_, Some(mut v)) => {
            let mut pointers = Vec::new();
            collect_pointers(&v, String::new(), &mut pointers);
            let at = rng.pick(&pointers).clone();
            match op {
                "type_swap" => {
                    if let Some(node) = v.pointer_mut(&at) {
                        *node = swapped(rng, node);
                    }
                    serde_json::to_vec(&v).unwrap_or_default()
                }
                "null" => {
                    if let Some(node) = v.pointer_mut(&at) {
                        *node = Value::Null;
                    }
                    serde_json::to_vec(&v).unwrap_or_default()
                }
                "all_null" => {
                    null_leaves(&mut v);
                    serde_json::to_vec(&v).unwrap_or_default()
                }
                "drop_key" => {
                    let parent = at
                        .rsplit_once('/')
                        .map(|(p, k)| (p.to_owned(), k.to_owned()));
                    if let Some((p, k)) = parent {
                        if let Some(Value::Object(m)) = v.pointer_mut(&p) {
                            m.remove(&k.replace("~1", "/").replace("~0", "~"));
                        }
                    }
                    serde_json::to_vec(&v).unwrap_or_default()
                }
                "deep_nesting" => {
                    let depth = *rng.pick(&[64usize, 129, 1000, 100_000]);
                    let deep = if rng.chance(50) {
                        format!("{}{}", "[".repeat(depth), "]".repeat(depth))
                    } else {
                        format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth))
                    };
                    splice(&mut v, &at, &deep)
                }
                "huge_string" => {
                    let n = *rng.pick(HUGE_STRINGS);
                    let unit = *rng.pick(&["x", "\u{e9}", "\\u00e9", "\\\"", "\\n"]);
                    let s = format!("\"{}\"", unit.repeat(n / unit.len()));
                    splice(&mut v, &at, &s)
                }
                "huge_number" => {
                    let n = *rng.pick(&[
                        "1e999",
                        "18446744073709551616",
                        "-9223372036854775809",
                        "0.1e-99999",
                        "1.5",
                        "-0",
                        "NaN",
                        "Infinity",
                    ]);
                    splice(&mut v, &at, n)
                }
                _ => {
                    // bad_unicode
                    let s = *rng.pick(&["\"\\ud800\"", "\"\\udc00x\"", "\"\\u00\"", "\"\\x41\""]);
                    splice(&mut v, &at, s)
                }
            }
        }
        _ => body.clone(),
    };
    (op, out, None)
}

/// Where the server's own URL appears: byte flips there would point the client at other
/// hosts (and DNS), which is not what this suite tests.
fn protected_spans(body: &[u8], root: &str) -> Vec<(usize, usize)> {
    let needle = root.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i + needle.len() <= body.len() {
        if &body[i..i + needle.len()] == needle {
            spans.push((i, i + needle.len()));
            i += needle.len();
        } else {
            i += 1;
        }
    }
    spans
}

fn collect_pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                collect_pointers(
                    c,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                collect_pointers(c, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn swapped(rng: &mut Rng, v: &Value) -> Value {
    use serde_json::json;
    let options: Vec<Value> = match v {
        Value::Null => vec![json!(true), json!(0), json!("x"), json!([]), json!({})],
        Value::Bool(b) => vec![json!(b.to_string()), json!(1), json!([]), json!({})],
        Value::Number(n) => vec![
            json!(n.to_string()),
            json!(true),
            json!([n]),
            json!({"n": n}),
        ],
        Value::String(s) => vec![
            json!(42),
            json!(true),
            json!([s]),
            json!({"s": s}),
            json!(-1.5),
        ],
        Value::Array(_) => vec![json!({}), json!("[]"), json!(0), json!(false)],
        Value::Object(_) => vec![json!([]), json!("{}"), json!(1), json!(true)],
    };
    rng.pick(&options).clone()
}

fn null_leaves(v: &mut Value) {
    match v {
        Value::Object(m) => m.values_mut().for_each(null_leaves),
        Value::Array(a) => a.iter_mut().for_each(null_leaves),
        leaf => *leaf = Value::Null,
    }
}

/// Serialises `v` with the node at `at` replaced by raw JSON text.
fn splice(v: &mut Value, at: &str, raw: &str) -> Vec<u8> {
    const MARK: &str = "\u{1}HOSTILE-SPLICE\u{1}";
    if let Some(node) = v.pointer_mut(at) {
        *node = Value::String(MARK.to_owned());
    }
    let text = serde_json::to_string(v).unwrap_or_default();
    let quoted = serde_json::to_string(MARK).unwrap_or_default();
    text.replacen(&quoted, raw, 1).into_bytes()
}
