//! `keystone_v2::blocking` from plain threads with no runtime of their own: the basic flow
//! (authenticate, tenants, a user with a role, token validation, a 404) against the emulator
//! and against a real Keystone, the call deadline, many threads on one client, and what
//! happens inside a Tokio runtime (no panic: the call works, or with the server on the
//! caller's own current-thread runtime it ends at the deadline) and when the client is dropped
//! there.
//!
//! The live test: `scripts/keystone-server start`, `eval "$(scripts/keystone-server env)"`,
//! then `cargo test --features blocking,emulator --test blocking -- --include-ignored`.
#![cfg(all(feature = "blocking", feature = "emulator"))]

mod common;

use std::sync::Arc;
use std::time::Duration;

use keystone_v2::blocking;
use keystone_v2::blocking::managers::{TenantOptions, TokenAuth, UserOptions};
use keystone_v2::emulator::{Control, Emulator, Fault, Match};
use keystone_v2::Error;

/// An emulator served by a runtime on a thread of its own (free ports), so that the test's
/// thread has no runtime. Dropping it stops the emulator and joins the thread.
struct Server {
    public_url: String,
    control: Control,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start() -> Server {
        let (started, receive) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .expect("the emulator's runtime");
            runtime.block_on(async move {
                let emulator = Emulator::start().await.expect("the emulator starts");
                started
                    .send((emulator.public_url(), emulator.control()))
                    .expect("the test waits for the emulator");
                // Either a stop or a dropped sender ends it.
                let _ = stopped.await;
                emulator.shutdown().await;
            });
        });
        let (public_url, control) = receive.recv().expect("the emulator started");
        Server {
            public_url,
            control,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    fn admin(&self) -> blocking::ClientBuilder {
        admin_builder(&self.public_url, "secret")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn admin_builder(public_url: &str, password: &str) -> blocking::ClientBuilder {
    blocking::Client::builder()
        .auth_url(public_url)
        .username("admin")
        .password(password)
        .tenant_name("admin")
}

fn assert_no_runtime() {
    assert!(
        tokio::runtime::Handle::try_current().is_err(),
        "this test must run on a thread without a Tokio runtime"
    );
}

#[track_caller]
fn assert_not_found(result: keystone_v2::Result<impl std::fmt::Debug>) {
    match result {
        Err(Error::Http(e)) => assert_eq!(e.status.as_u16(), 404, "{e}"),
        other => panic!("expected Error::Http with status 404, got {other:?}"),
    }
}

/// The basic flow, against any Keystone v2.0 with the admin client `admin`: every resource
/// it creates has the unique `suffix` in its name and is deleted.
fn basic_flow(admin: &blocking::Client, suffix: &str) {
    let access = admin.authenticate().expect("the admin authenticates");
    assert_eq!(access.username(), Some("admin"));
    assert_eq!(access.tenant_name(), Some("admin"));

    let tenants = admin.tenants().list(Default::default()).unwrap();
    assert!(tenants.iter().any(|t| t.name == "admin"), "{tenants:?}");

    let name = format!("blk-tenant-{suffix}");
    let tenant = admin
        .tenants()
        .create(
            &name,
            TenantOptions {
                description: Some("made by the blocking client".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(admin.tenants().get(&tenant.id).unwrap().name, name);
    assert_eq!(admin.tenants().get_by_name(&name).unwrap().id, tenant.id);
    assert!(admin
        .tenants()
        .list_all(1000)
        .unwrap()
        .iter()
        .any(|t| t.id == tenant.id));

    let user_name = format!("blk-user-{suffix}");
    let password = format!("pw-{suffix}");
    let user = admin
        .users()
        .create(
            &user_name,
            UserOptions {
                password: Some(password.clone().into()),
                ..Default::default()
            },
        )
        .unwrap();
    let role = admin.roles().create(&format!("blk-role-{suffix}")).unwrap();
    admin
        .tenants()
        .add_user(&tenant.id, &user.id, &role.id)
        .unwrap();
    let roles = admin
        .users()
        .list_roles(&user.id, Some(&tenant.id))
        .unwrap();
    assert!(roles.iter().any(|r| r.id == role.id), "{roles:?}");

    // The user's token, validated by the admin.
    let theirs = admin
        .tokens()
        .authenticate(TokenAuth::password(&user_name, password.as_str()).tenant_id(&tenant.id))
        .unwrap();
    let token = theirs.auth_token().expose().to_owned();
    let validated = admin.tokens().validate(&token).unwrap();
    assert_eq!(validated.user.id, user.id);
    assert_eq!(
        validated.token.tenant.as_ref().map(|t| t.id.as_str()),
        Some(tenant.id.as_str())
    );
    assert!(admin.tokens().check(&token, None).unwrap());
    admin.tokens().delete(&token).unwrap();
    assert!(!admin.tokens().check(&token, None).unwrap());

    admin
        .tenants()
        .remove_user(&tenant.id, &user.id, &role.id)
        .unwrap();
    admin.roles().delete(&role.id).unwrap();
    admin.users().delete(&user.id).unwrap();
    admin.tenants().delete(&tenant.id).unwrap();
    // The errors are the async client's: a 404 is Error::Http with its status.
    assert_not_found(admin.tenants().get(&tenant.id));
    assert_not_found(admin.users().get(&user.id));
}

#[test]
fn the_basic_flow_runs_from_a_plain_thread_against_the_emulator() {
    let server = Server::start();
    assert_no_runtime();
    let admin = server.admin().build().unwrap();
    basic_flow(&admin, &common::unique_suffix());
}

#[test]
fn the_call_deadline_ends_a_blocking_call_with_a_timeout_error() {
    let server = Server::start();
    let client = server
        .admin()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    client.authenticate().unwrap();
    server.control.inject(
        Fault::delay(Duration::from_secs(30)),
        Match::new("GET", "/v2.0/tenants"),
        1,
    );
    let err = client.tenants().list(Default::default()).unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    // The client is usable after it.
    server.control.clear_faults();
    assert!(!client
        .tenants()
        .list(Default::default())
        .unwrap()
        .is_empty());
}

#[test]
fn many_threads_share_one_client_and_its_token() {
    let server = Server::start();
    let client = server.admin().build().unwrap();
    server.control.reset_counts();
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            std::thread::spawn(move || {
                for _ in 0..10 {
                    let tenants = client.tenants().list(Default::default()).unwrap();
                    assert!(tenants.iter().any(|t| t.name == "admin"));
                    assert_eq!(client.users().get_by_name("admin").unwrap().name, "admin");
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("no thread panicked");
    }
    assert_eq!(server.control.operation_count("tenants_list"), 80);
    assert_eq!(
        server.control.request_count("POST", "/v2.0/tokens"),
        1,
        "the clones share one token: one authentication for 160 calls"
    );
}

#[test]
fn the_builder_forwards_options_and_accepts_an_async_builder() {
    let server = Server::start();
    let recorder = Arc::new(keystone_v2::hooks::Recorder::new());
    let async_options = keystone_v2::Client::builder()
        .auth_url(&server.public_url)
        .username("admin")
        .password("secret")
        .tenant_name("admin");
    let client = blocking::ClientBuilder::from(async_options)
        .record(recorder.clone())
        .build()
        .unwrap();
    client.versions().get().unwrap();
    let operations: Vec<_> = recorder.exchanges().iter().map(|e| e.operation).collect();
    assert_eq!(operations, ["version_get"]);
    // A wrong password is the async client's error.
    let wrong = admin_builder(&server.public_url, "not-the-password")
        .build()
        .unwrap();
    let err = wrong.authenticate().unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err:?}");
    assert!(!format!("{err:?} {err}").contains("not-the-password"));
}

#[test]
fn raw_operations_run_with_block_on() {
    let server = Server::start();
    let client = server.admin().build().unwrap();
    let raw = client.raw("tenants_list").unwrap();
    let answer = client
        .block_on(raw.tenants_list(None, None, None))
        .expect("the generated call succeeds");
    assert_eq!(answer.status().as_u16(), 200);
    let access = client.block_on(client.as_async().access_info()).unwrap();
    assert_eq!(access.username(), Some("admin"));
}

#[test]
fn debug_shows_no_token_and_no_password_after_authenticating() {
    let server = Server::start();
    let builder = server.admin();
    assert!(!format!("{builder:?}").contains("secret"));
    let client = builder.build().unwrap();
    let token = client.auth_token().unwrap().expose().to_owned();
    let shown = format!("{client:?}");
    assert!(shown.contains("authenticated: true"), "{shown}");
    assert!(
        !shown.contains(&token) && !shown.contains("secret"),
        "{shown}"
    );
}

#[test]
fn a_call_inside_another_executor_works() {
    let server = Server::start();
    let client = server.admin().build().unwrap();
    let tenants = futures::executor::block_on(async { client.tenants().list(Default::default()) })
        .expect("a blocking call within futures' executor");
    assert!(tenants.iter().any(|t| t.name == "admin"));
}

/// A blocking call from async code, with the server elsewhere: it works (blocking the
/// caller's thread meanwhile), and neither the call nor dropping the client there panics.
async fn call_and_drop_inside_async() {
    let server = Server::start();
    let client = server.admin().build().expect("building inside async code");
    let tenants = client.tenants().list(Default::default()).unwrap();
    assert!(tenants.iter().any(|t| t.name == "admin"));
    let clone = client.clone();
    drop(client);
    assert!(clone
        .versions()
        .list()
        .unwrap()
        .iter()
        .any(|v| v.id == "v2.0"));
    drop(clone);
}

#[tokio::test]
async fn inside_a_current_thread_runtime_a_call_works_and_nothing_panics() {
    call_and_drop_inside_async().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inside_a_multi_thread_runtime_a_call_works_and_nothing_panics() {
    call_and_drop_inside_async().await;
}

#[tokio::test]
async fn many_calls_within_one_poll_of_an_async_task_all_complete() {
    // Tokio gives a task's poll a budget of operations; calls made within one poll of the
    // caller's task must not be starved by it (they run outside it).
    let server = Server::start();
    let client = server.admin().build().unwrap();
    for _ in 0..300 {
        assert!(!client
            .tenants()
            .list(Default::default())
            .unwrap()
            .is_empty());
    }
}

#[tokio::test]
async fn a_server_on_the_callers_current_thread_runtime_answers_only_through_spawn_blocking() {
    // The emulator runs on this test's one thread, which a blocking call blocks: the call
    // cannot be answered and ends at its deadline, as the module documents.
    let emulator = Emulator::start().await.unwrap();
    let client = admin_builder(&emulator.public_url(), "secret")
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let err = client.versions().get().unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    // From spawn_blocking the runtime's thread stays free to serve it.
    let version = tokio::task::spawn_blocking(move || client.versions().get())
        .await
        .expect("the blocking task did not panic")
        .expect("the emulator answers");
    assert_eq!(version.id, "v2.0");
    emulator.shutdown().await;
}

#[test]
fn dropping_a_used_client_inside_an_async_task_does_not_panic() {
    let server = Server::start();
    let client = server.admin().build().unwrap();
    client.authenticate().unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime
        .block_on(runtime.spawn(async move { drop(client) }))
        .expect("the task that dropped the client did not panic");
}

#[test]
#[ignore = "needs a live Keystone: scripts/keystone-server start (see README)"]
fn the_basic_flow_runs_from_a_plain_thread_against_real_keystone() {
    let env = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(common::LiveEnv::get());
    assert_no_runtime();
    let admin = admin_builder(&env.public_url, &env.admin_password)
        .build()
        .unwrap();
    basic_flow(&admin, &common::unique_suffix());
}
