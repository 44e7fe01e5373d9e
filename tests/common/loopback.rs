//! A scripted HTTP/1.1 server on a loopback address, shared by the hermetic tests: it answers
//! each request with what a handler says (raw bytes, a streamed body that is never held whole,
//! a delay, a dropped connection) and keeps every request it read.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as the scripted server read it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// `METHOD /path?query`
    pub line: String,
    /// Header lines, lower-cased.
    pub headers: String,
    pub body: String,
}

/// What the scripted server answers.
pub enum Reply {
    /// Raw bytes, then the connection is closed.
    Raw(String),
    /// A head, then `chunks` copies of `chunk` (raw bytes after the head), without ever holding
    /// the whole body.
    Stream {
        head: String,
        chunk: Vec<u8>,
        chunks: usize,
    },
    /// Wait, then answer.
    After(Duration, Box<Reply>),
    /// Close the connection without answering.
    Drop,
}

type Handler = dyn Fn(&Seen) -> Reply + Send + Sync;

/// A scripted HTTP/1.1 server on `ip`: answers each request with what `handler` says, and keeps
/// every request it read.
pub struct Server {
    pub url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Seen {
    /// The method of the request line.
    pub fn method(&self) -> &str {
        self.line.split(' ').next().unwrap_or_default()
    }

    /// The path (with its query) of the request line.
    pub fn path(&self) -> &str {
        self.line.split_once(' ').map_or("", |(_, p)| p)
    }
}

impl Server {
    pub async fn start(
        ip: &str,
        handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static,
    ) -> Server {
        let listener = TcpListener::bind((ip, 0)).await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let log = seen.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, handler.clone(), log.clone()));
            }
        });
        Server { url, seen }
    }

    pub fn v2(&self) -> String {
        format!("{}/v2.0", self.url)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

async fn serve(mut socket: TcpStream, handler: Arc<Handler>, log: Arc<Mutex<Vec<Seen>>>) {
    let mut buf = Vec::new();
    let mut tmp = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match socket.read(&mut tmp).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&tmp[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let length = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse::<usize>().unwrap_or(0))
        })
        .unwrap_or(0);
    while buf.len() < head_end + length {
        match socket.read(&mut tmp).await {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&tmp[..n]),
        }
    }
    let mut lines = head.lines();
    let request_line = lines.next().unwrap_or_default();
    let line = request_line
        .rsplit_once(' ')
        .map_or(request_line, |(l, _)| l)
        .to_owned();
    let seen = Seen {
        line,
        headers: lines.collect::<Vec<_>>().join("\n").to_ascii_lowercase(),
        body: String::from_utf8_lossy(&buf[head_end..]).into_owned(),
    };
    log.lock().unwrap().push(seen.clone());
    let mut reply = handler(&seen);
    loop {
        match reply {
            Reply::After(delay, next) => {
                tokio::time::sleep(delay).await;
                reply = *next;
            }
            Reply::Raw(raw) => {
                let _ = socket.write_all(raw.as_bytes()).await;
                break;
            }
            Reply::Stream {
                head,
                chunk,
                chunks,
            } => {
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                for _ in 0..chunks {
                    if socket.write_all(&chunk).await.is_err() {
                        return;
                    }
                }
                break;
            }
            Reply::Drop => return,
        }
    }
    let _ = socket.shutdown().await;
}

pub fn response(status: &str, content_type: &str, body: &str) -> Reply {
    Reply::Raw(format!(
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    ))
}

pub fn json(status: &str, body: &str) -> Reply {
    response(status, "application/json", body)
}

pub fn redirect(status: &str, location: &str) -> Reply {
    Reply::Raw(format!(
        "HTTP/1.1 {status}\r\nlocation: {location}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
    ))
}
