//! The CLI logs in to other v2.0 clouds: a Rackspace API key from the command line, and a
//! Rackspace multi-factor login whose passcode is read from the terminal (stdin), each against a
//! scripted loopback server answering the vendor's published examples (tests/data/vendors).

#[path = "../../tests/common/loopback.rs"]
mod loopback;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use loopback::{json, Reply, Server};
use serde_json::Value;

fn data(name: &str) -> Value {
    let path = format!(
        "{}/../tests/data/vendors/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The CLI with no `OS_*` variable, no clouds.yaml and no token cache, `stdin` on its input.
fn keystone_v2(args: &[&str], stdin: &str) -> Output {
    let home = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_keystone-v2"))
        .env_clear()
        .env("HOME", home.path())
        .current_dir(home.path())
        .args(args)
        .arg("--no-cache")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn body(seen: &loopback::Seen) -> Value {
    serde_json::from_str(&seen.body).unwrap_or(Value::Null)
}

#[test]
fn an_api_key_from_the_command_line_logs_in() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let request = data("rackspace/auth-apikey-tenant-request.json");
    let answer = data("rackspace/auth-apikey-response.json").to_string();
    let server = runtime.block_on(Server::start("127.0.0.1", move |seen| {
        if body(seen) == request {
            json("200 OK", &answer)
        } else {
            json(
                "400 Bad Request",
                r#"{"badRequest": {"code": 400, "message": "not the published request"}}"#,
            )
        }
    }));
    let url = server.v2();
    let out = keystone_v2(
        &[
            "--os-auth-url",
            &url,
            "--os-auth-type",
            "rackspace_apikey",
            "--os-username",
            "demoauthor",
            "--os-api-key",
            "aaaaa-bbbbb-ccccc-12345678",
            "--os-project-id",
            "1100111",
            "token",
            "issue",
            "-f",
            "value",
            "-c",
            "user_id",
        ],
        "",
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout.trim(), "172157");
}

/// Rackspace's multi-factor steps, as published.
fn mfa_server(runtime: &tokio::runtime::Runtime) -> Server {
    let password = data("rackspace/mfa-password-request.json");
    let passcode = data("rackspace/mfa-passcode-request.json");
    let challenge = data("rackspace/mfa-challenge-response.json");
    let answer = data("rackspace/mfa-passcode-response.json").to_string();
    runtime.block_on(Server::start("127.0.0.1", move |seen| {
        let session = passcode["headers"]["X-SessionId"].as_str().unwrap();
        if body(seen) == password {
            let header = challenge["headers"]["WWW-Authenticate"].as_str().unwrap();
            let body = challenge["body"].to_string();
            Reply::Raw(format!(
                "HTTP/1.1 401 Unauthorized\r\nwww-authenticate: {header}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            ))
        } else if body(seen) == passcode["body"]
            && seen.headers.contains(&format!("x-sessionid: {}", session.to_ascii_lowercase()))
        {
            json("200 OK", &answer)
        } else {
            json("401 Unauthorized", r#"{"unauthorized": {"code": 401, "message": "not the published request"}}"#)
        }
    }))
}

#[test]
fn a_multi_factor_login_reads_the_passcode_from_the_terminal() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = mfa_server(&runtime);
    let url = server.v2();
    let args = [
        "--os-auth-url",
        &url,
        "--os-username",
        "myUserName",
        "--os-password",
        "thePassword",
        "token",
        "issue",
        "-f",
        "value",
        "-c",
        "user_id",
    ];
    let out = keystone_v2(&args, "1411594\n");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stdout} {stderr}");
    assert_eq!(stdout.trim(), "a64ee2047fc14cc7bc977caa3cfff35f");
    assert!(stderr.contains("PASSCODE for myUserName"), "{stderr}");

    // No passcode on the terminal: the documented error, and no second step.
    let before = server.seen().len();
    let out = keystone_v2(&args, "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("multi-factor passcode"), "{stderr}");
    assert_eq!(server.seen().len(), before + 1);
}
