//! Ids stay ids: whatever string a caller passes as a tenant, user, role, service, endpoint,
//! credential, extension, roleRef or token id, the request either is refused before it is
//! sent (`Error::InvalidRequest`, and nothing reaches the server), or its request line
//! matches the operation's path template: the same method, the same static segments and
//! segment count, and each parameter one non-empty segment that percent-decodes to the id.
//! An id must never be able to move the request elsewhere (`..`, `\`, `/`, `?`, `#`, ...).
//!
//! Every id-taking manager method is listed once per operation it calls, with the operation
//! named explicitly; ids are given in the template's order. A loopback server records the
//! request lines and answers 404.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use keystone_v2::managers::{TenantOptions, UserOptions};
use keystone_v2::{Client, Error};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

type Outcome = Result<(), Error>;
type CallFuture = Pin<Box<dyn Future<Output = Outcome> + Send>>;

/// One manager method and the operation it calls; `call` takes the ids in the order of the
/// template's parameters.
struct Case {
    method: &'static str,
    op: &'static str,
    call: fn(Client, [String; 3]) -> CallFuture,
}

fn done<T>(_: T) {}

macro_rules! case {
    ($method:literal, $op:literal, |$c:ident, [$a:pat, $b:pat, $d:pat]| $call:expr) => {
        Case {
            method: $method,
            op: $op,
            call: |$c: Client, [$a, $b, $d]: [String; 3]| -> CallFuture {
                Box::pin(async move { $call.await.map(done) })
            },
        }
    };
}

/// Every id-taking manager method (45 method/operation pairs: 41 methods, some of which
/// call another operation without their optional tenant). `users().update_own_password`
/// takes no id: it uses the token's user id.
const CASES: &[Case] = &[
    // tenants()
    case!("tenants().get", "tenants_get", |c, [t, _, _]| c
        .tenants()
        .get(&t)),
    case!("tenants().update", "tenants_update", |c, [t, _, _]| c
        .tenants()
        .update(
            &t,
            TenantOptions {
                enabled: Some(true),
                ..Default::default()
            }
        )),
    case!(
        "tenants().update_put",
        "tenants_update_put",
        |c, [t, _, _]| c.tenants().update_put(
            &t,
            TenantOptions {
                enabled: Some(true),
                ..Default::default()
            }
        )
    ),
    case!("tenants().delete", "tenants_delete", |c, [t, _, _]| c
        .tenants()
        .delete(&t)),
    case!(
        "tenants().list_users",
        "tenants_list_users",
        |c, [t, _, _]| c.tenants().list_users(&t)
    ),
    case!(
        "tenants().add_user",
        "roles_add_user_role",
        |c, [t, u, r]| c.tenants().add_user(&t, &u, &r)
    ),
    case!(
        "tenants().remove_user",
        "roles_remove_user_role",
        |c, [t, u, r]| c.tenants().remove_user(&t, &u, &r)
    ),
    // users()
    case!("users().get", "users_get", |c, [u, _, _]| c.users().get(&u)),
    case!(
        "users().list(Some(tenant))",
        "tenants_list_users",
        |c, [t, _, _]| c.users().list(Some(&t))
    ),
    case!("users().update", "users_update", |c, [u, _, _]| c
        .users()
        .update(
            &u,
            UserOptions {
                enabled: Some(true),
                ..Default::default()
            }
        )),
    case!(
        "users().update_enabled",
        "users_update_enabled",
        |c, [u, _, _]| c.users().update_enabled(&u, true)
    ),
    case!(
        "users().update_enabled_legacy",
        "users_update_enabled_legacy",
        |c, [u, _, _]| c.users().update_enabled_legacy(&u, true)
    ),
    case!(
        "users().update_password",
        "users_update_password",
        |c, [u, _, _]| c.users().update_password(&u, "new-pass")
    ),
    case!(
        "users().update_password_legacy",
        "users_update_password_legacy",
        |c, [u, _, _]| c.users().update_password_legacy(&u, "new-pass")
    ),
    case!(
        "users().update_tenant",
        "users_update_tenant",
        |c, [u, _, _]| c
            .users()
            .update_tenant(&u, "17c188128a744898889d63f768fd7a1e")
    ),
    case!(
        "users().update_tenant_legacy",
        "users_update_tenant_legacy",
        |c, [u, _, _]| c
            .users()
            .update_tenant_legacy(&u, "17c188128a744898889d63f768fd7a1e")
    ),
    case!("users().delete", "users_delete", |c, [u, _, _]| c
        .users()
        .delete(&u)),
    case!(
        "users().list_roles(user, Some(tenant))",
        "roles_list_for_user",
        |c, [t, u, _]| c.users().list_roles(&u, Some(&t))
    ),
    case!(
        "users().list_roles(user, None)",
        "roles_list_global_for_user",
        |c, [u, _, _]| c.users().list_roles(&u, None)
    ),
    // roles()
    case!("roles().get", "roles_get", |c, [r, _, _]| c.roles().get(&r)),
    case!("roles().delete", "roles_delete", |c, [r, _, _]| c
        .roles()
        .delete(&r)),
    case!(
        "roles().roles_for_user(user, Some(tenant))",
        "roles_list_for_user",
        |c, [t, u, _]| c.roles().roles_for_user(&u, Some(&t))
    ),
    case!(
        "roles().roles_for_user(user, None)",
        "roles_list_global_for_user",
        |c, [u, _, _]| c.roles().roles_for_user(&u, None)
    ),
    case!(
        "roles().add_user_role(user, role, Some(tenant))",
        "roles_add_user_role",
        |c, [t, u, r]| c.roles().add_user_role(&u, &r, Some(&t))
    ),
    case!(
        "roles().add_user_role(user, role, None)",
        "roles_add_global_user_role",
        |c, [u, r, _]| c.roles().add_user_role(&u, &r, None)
    ),
    case!(
        "roles().remove_user_role(user, role, Some(tenant))",
        "roles_remove_user_role",
        |c, [t, u, r]| c.roles().remove_user_role(&u, &r, Some(&t))
    ),
    case!(
        "roles().remove_user_role(user, role, None)",
        "roles_remove_global_user_role",
        |c, [u, r, _]| c.roles().remove_user_role(&u, &r, None)
    ),
    case!(
        "roles().list_role_refs",
        "role_refs_list",
        |c, [u, _, _]| c.roles().list_role_refs(&u)
    ),
    case!(
        "roles().create_role_ref",
        "role_refs_create",
        |c, [u, _, _]| c.roles().create_role_ref(
            &u,
            "17c188128a744898889d63f768fd7a1e",
            "4ac62852f80645fd83094739cf09fe53"
        )
    ),
    case!(
        "roles().delete_role_ref",
        "role_refs_delete",
        |c, [u, id, _]| c.roles().delete_role_ref(&u, &id)
    ),
    // services()
    case!("services().get", "services_get", |c, [s, _, _]| c
        .services()
        .get(&s)),
    case!("services().delete", "services_delete", |c, [s, _, _]| c
        .services()
        .delete(&s)),
    // endpoints()
    case!("endpoints().delete", "endpoints_delete", |c, [e, _, _]| c
        .endpoints()
        .delete(&e)),
    // ec2()
    case!("ec2().create", "ec2_create", |c, [u, _, _]| c
        .ec2()
        .create(&u, "17c188128a744898889d63f768fd7a1e")),
    case!("ec2().list", "ec2_list", |c, [u, _, _]| c.ec2().list(&u)),
    case!("ec2().get", "ec2_get", |c, [u, a, _]| c.ec2().get(&u, &a)),
    case!("ec2().delete", "ec2_delete", |c, [u, a, _]| c
        .ec2()
        .delete(&u, &a)),
    // extensions()
    case!("extensions().get", "extensions_get", |c, [a, _, _]| c
        .extensions()
        .get(&a)),
    // tokens()
    case!("tokens().validate", "tokens_validate", |c, [t, _, _]| c
        .tokens()
        .validate(&t)),
    case!(
        "tokens().validate_belongs_to",
        "tokens_validate",
        |c, [t, _, _]| c
            .tokens()
            .validate_belongs_to(&t, "17c188128a744898889d63f768fd7a1e")
    ),
    case!(
        "tokens().get_token_data",
        "tokens_validate",
        |c, [t, _, _]| c.tokens().get_token_data(&t, None)
    ),
    case!(
        "tokens().validate_access_info",
        "tokens_validate",
        |c, [t, _, _]| c.tokens().validate_access_info(&t)
    ),
    case!("tokens().check", "tokens_check", |c, [t, _, _]| c
        .tokens()
        .check(&t, None)),
    case!("tokens().delete", "tokens_delete", |c, [t, _, _]| c
        .tokens()
        .delete(&t)),
    case!("tokens().endpoints", "tokens_endpoints", |c, [t, _, _]| c
        .tokens()
        .endpoints(&t)),
];

/// Ids that have broken clients: empty, dot segments, backslashes (URL parsers treat them as
/// `/` in http URLs, so `a\..\b` would become `b`), already-encoded traversal, delimiters, CR/LF (header injection), NUL,
/// spaces, unicode, and a long one.
fn nasty_ids() -> Vec<String> {
    [
        "",
        ".",
        "..",
        "\\",
        "..\\users",
        "a\\..\\..\\users",
        "a\\..\\b",
        "../../users",
        "./x",
        "%2e%2e",
        "%2E%2E%2F",
        "%2F",
        "%",
        "%zz",
        "/",
        "//",
        "?",
        "?name=admin",
        "#",
        "#frag",
        ";",
        "a;b=c",
        "&",
        "=",
        "+",
        "@",
        ":",
        "http://127.0.0.2/",
        "\r\n",
        "a\r\nX-Injected: 1",
        "\n",
        "\0",
        "\t",
        "\u{7f}",
        " ",
        "a b",
        "é",
        "日本語",
        "💥",
        "\u{202e}evil",
        "\u{feff}",
    ]
    .into_iter()
    .map(str::to_owned)
    .chain(["x".repeat(4096)])
    .collect()
}

/// A loopback HTTP/1.1 server that keeps each request line and answers every request with
/// a Keystone 404.
struct Loopback {
    url: String,
    lines: Arc<Mutex<Vec<String>>>,
}

async fn loopback() -> Loopback {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind 127.0.0.1");
    let url = format!(
        "http://{}/v2.0",
        listener.local_addr().expect("local address")
    );
    let lines = Arc::new(Mutex::new(Vec::new()));
    let log = lines.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let log = log.clone();
            tokio::spawn(async move {
                let mut buf: Vec<u8> = Vec::new();
                let mut chunk = vec![0u8; 16 << 10];
                loop {
                    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                        continue;
                    };
                    let head = String::from_utf8_lossy(&buf[..end]).into_owned();
                    let length = head
                        .lines()
                        .filter_map(|l| l.split_once(':'))
                        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-length"))
                        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
                        .unwrap_or(0);
                    while buf.len() < end + 4 + length {
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    }
                    buf.drain(..end + 4 + length);
                    let line = head.lines().next().unwrap_or_default().to_owned();
                    let head_request = line.starts_with("HEAD ");
                    log.lock().unwrap_or_else(|e| e.into_inner()).push(line);
                    let body = r#"{"error": {"code": 404, "title": "Not Found", "message": "Could not find it."}}"#;
                    let response = format!(
                        "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{}",
                        body.len(),
                        if head_request { "" } else { body }
                    );
                    if socket.write_all(response.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    Loopback { url, lines }
}

/// The runtime, the server and an admin-token client routed to it (public and admin API).
struct Harness {
    runtime: tokio::runtime::Runtime,
    server: Loopback,
    client: Client,
}

fn harness() -> Harness {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let server = runtime.block_on(loopback());
    let client = Client::builder()
        .auth_url(&server.url)
        .endpoint(&server.url)
        .token("ADMIN")
        .retries(0)
        .timeout(Duration::from_secs(10))
        .build()
        .expect("a client");
    Harness {
        runtime,
        server,
        client,
    }
}

/// Why a request line does not match the operation's template, if it does not.
fn mismatch(
    op: &keystone_v2::operations::Operation,
    line: &str,
    ids: &[String; 3],
) -> Option<String> {
    let mut parts = line.split(' ');
    let method = parts.next().unwrap_or_default();
    let target = parts.next().unwrap_or_default();
    if method != op.method {
        return Some(format!("method {method}, the operation's is {}", op.method));
    }
    let path = target.split('?').next().unwrap_or_default();
    let segments: Vec<&str> = path.split('/').collect();
    let template: Vec<&str> = op.path.split('/').collect();
    if segments.len() != template.len() {
        return Some(format!(
            "{} segments, the template {} has {}",
            segments.len(),
            op.path,
            template.len()
        ));
    }
    let mut params = ids.iter();
    for (t, s) in template.iter().zip(&segments) {
        if t.starts_with('{') {
            let id = params.next().expect("at most 3 parameters");
            if s.is_empty() {
                return Some(format!("{t} is an empty segment"));
            }
            match percent_encoding::percent_decode_str(s).decode_utf8() {
                Ok(decoded) if decoded == id.as_str() => {}
                Ok(decoded) => {
                    return Some(format!(
                        "{t} is {s:?}, which decodes to {decoded:?}, not the id"
                    ))
                }
                Err(_) => return Some(format!("{t} is {s:?}, which does not decode to UTF-8")),
            }
        } else if t != s {
            return Some(format!("static segment {s:?} where the template has {t:?}"));
        }
    }
    None
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push_str(&format!("... ({} chars)", s.chars().count()));
    }
    out
}

/// Calls every case with `ids`; one line per case that breaks the property.
fn failures(h: &Harness, ids: &[String; 3]) -> Vec<String> {
    let mut out = Vec::new();
    for case in CASES {
        let op = keystone_v2::operations::find(case.op).expect("the operation is in the spec");
        h.server
            .lines
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        let outcome = h
            .runtime
            .block_on((case.call)(h.client.clone(), ids.clone()));
        let lines = std::mem::take(&mut *h.server.lines.lock().unwrap_or_else(|e| e.into_inner()));
        let why = match (&outcome, lines.is_empty()) {
            (Err(Error::InvalidRequest(_)), true) => None,
            (Err(Error::InvalidRequest(e)), false) => Some(format!(
                "InvalidRequest ({e}) but {lines:?} reached the server"
            )),
            (other, true) => Some(format!(
                "no request reached the server, yet the outcome is {other:?}, not InvalidRequest"
            )),
            (_, false) => lines.iter().find_map(|l| {
                mismatch(op, l, ids).map(|why| format!("sent {:?}: {why}", short(l)))
            }),
        };
        if let Some(why) = why {
            let shown: Vec<String> = ids.iter().map(|i| short(i)).collect();
            out.push(format!(
                "{} ({} {}) with ids {shown:?}: {why}",
                case.method, op.method, op.path
            ));
        }
    }
    out
}

fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(nasty_ids()),
        3 => any::<String>(),
        3 => "[./\\\\%?#;&=+a-zA-Z0-9 ]{0,10}",
        1 => "[a-f0-9]{32}",
    ]
}

#[test]
fn any_id_stays_one_path_segment_of_its_operation() {
    let h = harness();
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(48);
    let config = Config {
        cases,
        max_shrink_iters: 64,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let result = runner.run(&prop::array::uniform3(id()), |ids| {
        let broken = failures(&h, &ids);
        prop_assert!(
            broken.is_empty(),
            "{} of {} methods break the property:\n{}",
            broken.len(),
            CASES.len(),
            broken.join("\n")
        );
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn the_nasty_ids_stay_one_path_segment_of_their_operations() {
    let h = harness();
    let mut broken = Vec::new();
    let mut ids_breaking = std::collections::BTreeSet::new();
    for nasty in nasty_ids() {
        let found = failures(&h, &[nasty.clone(), nasty.clone(), nasty.clone()]);
        if !found.is_empty() {
            ids_breaking.insert(short(&nasty));
        }
        broken.extend(found);
    }
    assert!(
        broken.is_empty(),
        "{} (method, id) pairs break the property; ids: {ids_breaking:?}\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn every_case_names_an_operation_with_as_many_parameters_as_it_passes() {
    // The table itself: each operation exists and has at most three path parameters, and
    // plain ids satisfy the property (so a failure above is about the id, not the table).
    let h = harness();
    for case in CASES {
        let op = keystone_v2::operations::find(case.op).expect("the operation is in the spec");
        assert!(op.path.matches('{').count() <= 3, "{}", op.path);
    }
    let plain = [
        "17c188128a744898889d63f768fd7a1e".to_owned(),
        "422f92da2f764c4eb41e3b7d6dc20b19".to_owned(),
        "4ac62852f80645fd83094739cf09fe53".to_owned(),
    ];
    let broken = failures(&h, &plain);
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
