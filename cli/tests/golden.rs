//! Golden files of every command's output against the emulator, in table, json and value
//! formats (cli/tests/golden/<command>.txt). Random ids (32 hex digits), request ids, ports
//! and times are replaced by placeholders of the same width, so tables stay aligned.
//! `UPDATE_GOLDEN=1 cargo test -p keystone-v2-cli --test golden` rewrites the files.

mod common;

use std::collections::HashMap;
use std::path::PathBuf;

use common::{Cli, Served};
use keystone_v2::emulator::EmulatorConfig;

/// Replaces each distinct id of 32 or 64 hex digits (uuids, Keystone's credential hashes) by
/// `id-000…n` of the same width, numbered by first appearance in the file.
fn ids(text: &str, seen: &mut HashMap<String, usize>) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let word = |b: u8| b.is_ascii_alphanumeric();
    while i < bytes.len() {
        let start = i;
        if word(bytes[i]) && (i == 0 || !word(bytes[i - 1])) {
            let mut j = i;
            while j < bytes.len() && word(bytes[j]) {
                j += 1;
            }
            let w = &text[i..j];
            if (w.len() == 32 || w.len() == 64) && w.bytes().all(|b| b.is_ascii_hexdigit()) {
                let n = seen.len() + 1;
                let n = *seen.entry(w.to_owned()).or_insert(n);
                out.push_str(&format!("id-{n:0width$}", width = w.len() - 3));
            } else {
                out.push_str(w);
            }
            i = j;
        } else {
            let ch = text[start..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// `req-<uuid>` request ids and ISO times (their digits) become fixed text.
fn volatile(text: &str) -> String {
    let mut out = text.to_owned();
    // Request ids: req- followed by 36 characters of a uuid.
    while let Some(p) = out.find("req-") {
        let tail = &out[p + 4..];
        let uuid = tail
            .chars()
            .take_while(|c| c.is_ascii_hexdigit() || *c == '-')
            .count();
        if uuid != 36 {
            break;
        }
        out.replace_range(p..p + 40, "REQ-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
    }
    // Times: dddd-dd-ddTdd:dd:dd -> NNNN-NN-NNTNN:NN:NN (then the rest of the digits).
    let chars: Vec<char> = out.chars().collect();
    let shape = "dddd-dd-ddTdd:dd:dd";
    let mut res = String::with_capacity(out.len());
    let mut i = 0;
    while i < chars.len() {
        let fits = i + shape.len() <= chars.len()
            && shape.chars().zip(&chars[i..]).all(|(s, c)| match s {
                'd' => c.is_ascii_digit(),
                other => other == *c,
            });
        if fits {
            let mut j = i;
            // The time, its fraction and its zone (`.123456Z`, `+0000`).
            while j < chars.len() && (chars[j].is_ascii_digit() || "-T:.+Z".contains(chars[j])) {
                res.push(if chars[j].is_ascii_digit() {
                    'N'
                } else {
                    chars[j]
                });
                j += 1;
            }
            i = j;
        } else {
            res.push(chars[i]);
            i += 1;
        }
    }
    res
}

struct Golden {
    served: Served,
    cli: Cli,
    files: Vec<(String, String)>,
    ports: Vec<(String, String)>,
}

impl Golden {
    fn new() -> Self {
        let served = Served::start(EmulatorConfig::default());
        let cli = served.cli();
        let e = served.emulator();
        let ports = vec![
            (e.public_addr().port().to_string(), "PUBLC".to_owned()),
            (e.admin_addr().port().to_string(), "ADMIN".to_owned()),
        ];
        Self {
            served,
            cli,
            files: Vec::new(),
            ports,
        }
    }

    /// Runs each command line and records it under `name`.
    fn record(&mut self, name: &str, lines: &[&[&str]]) {
        let mut text = String::new();
        for args in lines {
            let out = self.cli.run(args);
            text.push_str(&format!("$ keystone-v2 {}\n", args.join(" ")));
            text.push_str(&out.stdout);
            if !out.stderr.is_empty() {
                text.push_str("[stderr]\n");
                text.push_str(&out.stderr);
            }
            text.push_str(&format!("[exit {}]\n\n", out.code));
        }
        for (port, placeholder) in &self.ports {
            // Ports are 5 digits (the ephemeral range); the placeholder has as many letters.
            text = text.replace(
                &format!(":{port}"),
                &format!(":{placeholder:.*}", port.len()),
            );
        }
        let text = volatile(&ids(&text, &mut HashMap::new()));
        self.files.push((name.to_owned(), text));
    }

    /// Runs a command in table, json and value format.
    fn formats(&mut self, name: &str, args: &[&str]) {
        let lines: Vec<Vec<&str>> = ["table", "json", "value"]
            .iter()
            .map(|f| {
                let mut a = args.to_vec();
                a.extend(["-f", f]);
                a
            })
            .collect();
        let refs: Vec<&[&str]> = lines.iter().map(Vec::as_slice).collect();
        self.record(name, &refs);
    }
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

#[test]
fn every_command_prints_what_its_golden_file_says() {
    let mut g = Golden::new();

    // Read-only commands on the bootstrapped emulator.
    g.formats("project-list", &["project", "list"]);
    g.formats("project-list-long", &["project", "list", "--long"]);
    g.formats("user-list", &["user", "list"]);
    g.formats("role-list", &["role", "list", "--sort-column", "Name"]);
    g.formats("service-list", &["service", "list", "--long"]);
    g.formats("endpoint-list", &["endpoint", "list", "--long"]);
    g.formats("catalog-list", &["catalog", "list"]);
    g.formats("catalog-show", &["catalog", "show", "identity"]);
    g.formats("token-issue", &["token", "issue"]);
    g.formats("extension-list", &["extension", "list"]);
    g.formats("extension-show", &["extension", "show", "OS-KSADM"]);
    g.formats("version-list", &["version", "list"]);
    g.formats("project-show", &["project", "show", "admin"]);
    g.formats("user-show", &["user", "show", "admin"]);
    g.formats("role-show", &["role", "show", "admin"]);
    g.formats("service-show", &["service", "show", "identity"]);
    g.formats("endpoint-show", &["endpoint", "show", "identity"]);

    // Creating: one resource per format.
    g.record(
        "project-create",
        &[
            &[
                "project",
                "create",
                "p-table",
                "--description",
                "Table",
                "-f",
                "table",
            ],
            &[
                "project",
                "create",
                "p-json",
                "--property",
                "color=blue",
                "-f",
                "json",
            ],
            &["project", "create", "p-value", "--disable", "-f", "value"],
            &[
                "project",
                "create",
                "p-table",
                "--or-show",
                "-f",
                "value",
                "-c",
                "name",
            ],
            &["project", "create", "p-table"],
        ],
    );
    g.record(
        "user-create",
        &[
            &[
                "user",
                "create",
                "u-table",
                "--project",
                "p-table",
                "--password",
                "pw-1",
                "--email",
                "t@example.org",
                "-f",
                "table",
            ],
            &[
                "user",
                "create",
                "u-json",
                "--password",
                "pw-2",
                "--disable",
                "-f",
                "json",
            ],
            &["user", "create", "u-value", "-f", "value"],
        ],
    );
    g.record(
        "role-create",
        &[
            &["role", "create", "r-table", "-f", "table"],
            &["role", "create", "r-json", "-f", "json"],
            &["role", "create", "r-value", "-f", "value"],
        ],
    );
    g.record(
        "role-add",
        &[
            &[
                "role",
                "add",
                "r-table",
                "--project",
                "p-table",
                "--user",
                "u-table",
                "-f",
                "table",
            ],
            &[
                "role",
                "add",
                "r-json",
                "--project",
                "p-table",
                "--user",
                "u-table",
                "-f",
                "json",
            ],
            &[
                "role",
                "add",
                "r-value",
                "--project",
                "p-table",
                "--user",
                "u-table",
                "-f",
                "value",
            ],
        ],
    );
    g.formats(
        "role-assignment-list",
        &[
            "role",
            "assignment",
            "list",
            "--user",
            "u-table",
            "--project",
            "p-table",
            "--names",
        ],
    );
    g.formats(
        "user-list-project",
        &["user", "list", "--project", "p-table", "--long"],
    );
    g.record(
        "user-list-csv",
        &[
            &["user", "list", "-f", "csv"],
            &["user", "list", "-f", "yaml"],
        ],
    );
    g.record(
        "service-create",
        &[
            &[
                "service",
                "create",
                "compute",
                "--name",
                "nova",
                "--description",
                "Compute",
                "-f",
                "table",
            ],
            &[
                "service", "create", "image", "--name", "glance", "-f", "json",
            ],
            &[
                "service", "create", "volume", "--name", "cinder", "-f", "value",
            ],
        ],
    );
    g.record(
        "endpoint-create",
        &[
            &[
                "endpoint",
                "create",
                "nova",
                "--publicurl",
                "http://nova.example:8774/v2",
                "--region",
                "RegionTwo",
                "-f",
                "table",
            ],
            &[
                "endpoint",
                "create",
                "image",
                "--publicurl",
                "http://glance.example:9292",
                "--adminurl",
                "http://glance.example:9293",
                "-f",
                "json",
            ],
            &[
                "endpoint",
                "create",
                "volume",
                "--publicurl",
                "http://cinder.example:8776",
                "--internalurl",
                "http://cinder.internal:8776",
                "-f",
                "value",
            ],
        ],
    );
    g.formats(
        "service-show-catalog",
        &["service", "show", "identity", "--catalog"],
    );
    g.record(
        "ec2-credentials-create",
        &[
            &["ec2", "credentials", "create", "-f", "table"],
            &[
                "ec2",
                "credentials",
                "create",
                "--user",
                "u-table",
                "--project",
                "p-table",
                "-f",
                "json",
            ],
            &[
                "ec2",
                "credentials",
                "create",
                "-f",
                "shell",
                "--prefix",
                "ec2_",
            ],
        ],
    );
    g.formats("ec2-credentials-list", &["ec2", "credentials", "list"]);
    g.formats(
        "ec2-credentials-list-user",
        &["ec2", "credentials", "list", "--user", "u-table"],
    );
    let access = g
        .cli
        .run(&["ec2", "credentials", "list", "-f", "value", "-c", "Access"])
        .ok();
    let first_access = access
        .stdout
        .lines()
        .next()
        .expect("a credential")
        .to_owned();
    g.formats(
        "ec2-credentials-show",
        &["ec2", "credentials", "show", &first_access],
    );

    // Changing.
    g.record(
        "project-set",
        &[
            &[
                "project",
                "set",
                "p-json",
                "--name",
                "p-json-2",
                "--description",
                "Renamed",
                "--disable",
                "--property",
                "size=large",
            ],
            &["project", "show", "p-json-2", "-f", "json"],
        ],
    );
    g.record(
        "project-unset",
        &[
            &["project", "unset", "p-json-2", "--property", "color"],
            &["project", "show", "p-json-2", "-f", "json"],
        ],
    );
    g.record(
        "user-set",
        &[
            &[
                "user",
                "set",
                "u-json",
                "--name",
                "u-json-2",
                "--email",
                "j@example.org",
                "--enable",
                "--project",
                "p-value",
                "--password",
                "pw-3",
            ],
            &["user", "show", "u-json-2", "-f", "json"],
        ],
    );
    let token = g
        .cli
        .run(&["token", "issue", "-f", "value", "-c", "id"])
        .ok();
    let token = token.stdout.trim().to_owned();
    g.formats("token-validate", &["token", "validate", &token]);
    g.record(
        "token-validate-project",
        &[&[
            "token",
            "validate",
            &token,
            "--project",
            "admin",
            "-f",
            "json",
        ]],
    );

    // Legacy names run the new commands.
    g.record(
        "legacy",
        &[
            &["tenant-list", "-f", "value", "--sort-column", "Name"],
            &["user-get", "u-table", "-f", "json"],
            &[
                "user-role-list",
                "--user",
                "u-table",
                "--project",
                "p-table",
                "-f",
                "value",
            ],
            &["catalog", "-f", "value", "-c", "Name"],
            &["endpoint-get", "identity", "-f", "value", "-c", "publicurl"],
        ],
    );

    // Errors: one line with Keystone's message and request id, exit 1; usage errors exit 2.
    g.record(
        "errors",
        &[
            &["project", "show", "no-such-project"],
            &["role", "show", "no-such-role"],
            &["service", "show", "no-such-service"],
            &["project", "create", "admin"],
            &["token", "validate", "0123456789abcdef0123456789abcdef"],
            &["role", "assignment", "list", "--user", "admin"],
            &["project", "list", "-c", "Nope"],
            &["project", "list", "--no-such-option"],
        ],
    );

    // Deleting (and what is left).
    g.record(
        "ec2-credentials-delete",
        &[
            &["ec2", "credentials", "delete", &first_access],
            &["ec2", "credentials", "delete", &first_access],
        ],
    );
    g.record(
        "role-remove",
        &[
            &[
                "role",
                "remove",
                "r-json",
                "--project",
                "p-table",
                "--user",
                "u-table",
            ],
            &[
                "role",
                "assignment",
                "list",
                "--user",
                "u-table",
                "--project",
                "p-table",
                "-f",
                "value",
                "--names",
            ],
        ],
    );
    let endpoints = g
        .cli
        .run(&[
            "endpoint",
            "list",
            "-f",
            "value",
            "-c",
            "ID",
            "-c",
            "Service Type",
        ])
        .ok();
    let nova_endpoint = endpoints
        .stdout
        .lines()
        .find(|l| l.ends_with(" compute"))
        .and_then(|l| l.split(' ').next())
        .expect("the compute endpoint")
        .to_owned();
    g.record(
        "endpoint-delete",
        &[
            &["endpoint", "delete", &nova_endpoint],
            &[
                "endpoint",
                "list",
                "-f",
                "value",
                "-c",
                "Service Type",
                "--sort-column",
                "Service Type",
            ],
        ],
    );
    g.record(
        "service-delete",
        &[
            &["service", "delete", "nova", "image", "volume"],
            &["service", "list", "-f", "value", "-c", "Type"],
        ],
    );
    g.record(
        "role-delete",
        &[
            &["role", "delete", "r-table", "r-json", "r-value"],
            &[
                "role",
                "list",
                "-f",
                "value",
                "-c",
                "Name",
                "--sort-column",
                "Name",
            ],
        ],
    );
    g.record(
        "user-delete",
        &[
            &["user", "delete", "u-table", "u-json-2", "u-value", "nobody"],
            &["user", "list", "-f", "value", "-c", "Name"],
        ],
    );
    g.record(
        "project-delete",
        &[
            &["project", "delete", "p-table", "p-json-2", "p-value"],
            &["project", "list", "-f", "value", "-c", "Name"],
        ],
    );
    g.record(
        "token-revoke",
        &[
            &["token", "revoke", &token],
            &["token", "validate", &token, "-f", "value"],
        ],
    );

    drop(g.served);
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = dir();
    let mut mismatches = Vec::new();
    for (name, text) in &g.files {
        let path = dir.join(format!("{name}.txt"));
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, text).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if &expected != text {
            mismatches.push(format!(
                "--- {name}.txt (expected)\n{expected}\n+++ {name}.txt (got)\n{text}"
            ));
        }
    }
    // No stale golden file: every file is one this test writes.
    let known: Vec<String> = g.files.iter().map(|(n, _)| format!("{n}.txt")).collect();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !known.contains(&name) {
            mismatches.push(format!("{name}: a golden file no command produces"));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} golden file(s) differ (UPDATE_GOLDEN=1 rewrites them):\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

#[test]
fn normalizing_keeps_widths_and_numbers_ids_by_first_appearance() {
    let a = "0123456789abcdef0123456789abcdef";
    let b = "fedcba9876543210fedcba9876543210";
    let text = format!("| {a} | {b} | {a} |");
    let n = ids(&text, &mut HashMap::new());
    assert_eq!(n.len(), text.len());
    assert_eq!(n, format!("| id-{:029} | id-{:029} | id-{:029} |", 1, 2, 1));
    assert_eq!(
        volatile("2026-12-01T13:05:33+0000 (Request-ID: req-3b1a0c52-0f61-4c1e-9c1e-0d2b6a4e5f70)"),
        "NNNN-NN-NNTNN:NN:NN+NNNN (Request-ID: REQ-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"
    );
}
