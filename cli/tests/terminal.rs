//! A real terminal check of the table rendering: the CLI runs in a detached tmux session 120
//! columns wide, and the captured screen must show intact tables (every row as wide as the
//! borders, column separators under the border's `+`, nothing wrapped by the terminal).

mod common;

use std::process::Command;

use common::Served;
use keystone_v2::emulator::EmulatorConfig;

const WIDTH: usize = 120;

/// Quotes a word for `sh`.
fn sh(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

fn tmux(socket: &str, args: &[&str]) -> std::process::Output {
    Command::new("tmux")
        .arg("-L")
        .arg(socket)
        .args(args)
        .output()
        .expect("tmux runs (install it: apt-get install tmux)")
}

/// The tables on `screen`: runs of lines that start with `+` or `|`.
fn tables(screen: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in screen.lines() {
        let line = line.trim_end();
        if line.starts_with('+') || line.starts_with('|') {
            current.push(line.to_owned());
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn assert_intact(table: &[String]) {
    let border = &table[0];
    assert!(border.starts_with('+') && border.ends_with('+'), "{border}");
    let width = border.chars().count();
    assert!(width <= WIDTH, "wider than the terminal: {border}");
    let pluses: Vec<usize> = border
        .char_indices()
        .filter(|(_, c)| *c == '+')
        .map(|(i, _)| i)
        .collect();
    for line in table {
        assert_eq!(
            line.chars().count(),
            width,
            "a row not as wide as the borders:\n{}",
            table.join("\n")
        );
        let marks: Vec<usize> = line
            .chars()
            .enumerate()
            .filter(|(_, c)| {
                if line.starts_with('+') {
                    *c == '+'
                } else {
                    *c == '|'
                }
            })
            .map(|(i, _)| i)
            .collect();
        assert_eq!(
            marks,
            pluses,
            "column separators out of line:\n{}",
            table.join("\n")
        );
    }
    assert_eq!(table.last(), Some(border), "the table ends with its border");
}

#[test]
#[ignore = "needs tmux: apt-get install tmux (run from .ci/run)"]
fn tables_render_intact_in_a_120_column_tmux_terminal() {
    let served = Served::start(EmulatorConfig::default());
    let e = served.emulator();
    let home = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_keystone-v2");
    let socket = format!("keystone-v2-cli-test-{}", std::process::id());
    let session = "tables";
    let vars = [
        ("HOME", home.path().display().to_string()),
        ("OS_AUTH_URL", e.public_url()),
        ("OS_USERNAME", "admin".into()),
        ("OS_PASSWORD", e.admin_password().into()),
        ("OS_PROJECT_NAME", "admin".into()),
        ("COLUMNS", WIDTH.to_string()),
    ];
    let env: Vec<String> = vars.iter().map(|(k, v)| format!("{k}={}", sh(v))).collect();
    let run = |args: &str| format!("env -i {} {} --no-cache {args}", env.join(" "), sh(bin));
    let script = [
        run("catalog list"),
        "echo".to_owned(),
        run("project show admin"),
        "echo".to_owned(),
        run("endpoint list --long --fit-width"),
        format!("tmux -L {socket} wait-for -S done"),
        "sleep 60".to_owned(),
    ]
    .join("; ");
    let started = tmux(
        &socket,
        &[
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            &WIDTH.to_string(),
            "-y",
            "60",
            &script,
        ],
    );
    assert!(started.status.success(), "tmux new-session: {started:?}");
    let waited = Command::new("timeout")
        .args(["60", "tmux", "-L", &socket, "wait-for", "done"])
        .status()
        .expect("timeout runs");
    let screen = tmux(&socket, &["capture-pane", "-p", "-t", session]);
    let _ = tmux(&socket, &["kill-server"]);
    assert!(waited.success(), "the commands did not finish within 60 s");
    let screen = String::from_utf8_lossy(&screen.stdout).into_owned();
    let found = tables(&screen);
    assert_eq!(found.len(), 3, "three tables on the screen:\n{screen}");
    for t in &found {
        assert_intact(t);
    }
    assert!(
        found[0]
            .iter()
            .any(|l| l.contains("| keystone | identity |")),
        "{screen}"
    );
    assert!(
        found[1]
            .iter()
            .any(|l| l.starts_with("| name ") && l.contains(" admin ")),
        "{screen}"
    );
    let wide = found[2].join("\n");
    assert!(
        wide.contains("identity") && wide.contains("RegionOne"),
        "{screen}"
    );
}
