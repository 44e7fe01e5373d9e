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
use keystone_v2::emulator::{Control, Emulator, EmulatorConfig, Fault, Match};
use keystone_v2::{EndpointFilter, Error};

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
        Server::start_with(EmulatorConfig::default())
    }

    /// An emulator that also serves its compute service (in the catalog as `compute`).
    fn with_compute() -> Server {
        Server::start_with(EmulatorConfig::default().compute_service(true))
    }

    fn start_with(config: EmulatorConfig) -> Server {
        let (started, receive) = std::sync::mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .expect("the emulator's runtime");
            runtime.block_on(async move {
                let emulator = Emulator::start_with(config)
                    .await
                    .expect("the emulator starts");
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

fn compute(client: &blocking::Client) -> blocking::ServiceClient {
    client.service(EndpointFilter::new("compute"))
}

#[test]
fn a_compute_call_through_the_catalog_runs_from_a_plain_thread() {
    let server = Server::with_compute();
    assert_no_runtime();
    let client = server.admin().build().unwrap();
    let tenant = client
        .access_info()
        .unwrap()
        .tenant_id()
        .unwrap()
        .to_owned();
    let nova = compute(&client);
    let endpoint = nova.endpoint().unwrap();
    assert!(
        endpoint
            .path()
            .ends_with(&format!("/compute/v2.1/{tenant}")),
        "{endpoint}"
    );
    let response = nova
        .post("os-keypairs")
        .query(&[("limit", "1")])
        .header("openstack-api-version", "compute 2.79")
        .json(&serde_json::json!({"keypair": {"name": "deploy"}}))
        .send()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response.url().ends_with("/os-keypairs?limit=1"),
        "{response:?}"
    );
    let echo: serde_json::Value = response.json().unwrap();
    assert_eq!(echo["method"], "POST");
    assert_eq!(
        echo["path"],
        format!("/compute/v2.1/{tenant}/os-keypairs").as_str()
    );
    assert_eq!(echo["query"], "limit=1");
    assert_eq!(echo["tenant_id"], tenant.as_str());
    assert_eq!(echo["headers"]["openstack-api-version"], "compute 2.79");
    assert_eq!(
        echo["body"],
        serde_json::json!({"keypair": {"name": "deploy"}})
    );
}

#[test]
fn a_nova_404_is_error_http_with_the_message_and_the_compute_request_id() {
    let server = Server::with_compute();
    let client = server.admin().build().unwrap();
    let err = compute(&client).get("servers/0b8e").send().unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    let request_id = err.request_id().map(str::to_owned);
    match err {
        Error::Http(e) => {
            assert_eq!(e.status.as_u16(), 404);
            assert_eq!(
                e.message.as_deref(),
                Some("Instance 0b8e could not be found.")
            );
            let id = e.request_id.expect("the compute request id");
            assert!(id.starts_with("req-") && id.len() == 40, "{id}");
            assert_eq!(request_id.as_deref(), Some(id.as_str()));
        }
        other => panic!("expected Error::Http, got {other:?}"),
    }
}

#[test]
fn a_response_reads_through_std_io_read_and_a_reader_streams_a_request_body() {
    use std::io::Read as _;
    let server = Server::with_compute();
    let client = server.admin().build().unwrap();
    let nova = compute(&client);
    // The request body from a reader, larger than one chunk it is read in (64 KiB) and within
    // the emulator's request size limit.
    let text = "x".repeat(100 * 1024);
    let sent = serde_json::to_vec(&serde_json::json!({ "text": text })).unwrap();
    let mut response = nova
        .put("servers/1/metadata")
        .header("content-type", "application/json")
        .body_reader(std::io::Cursor::new(sent))
        .send()
        .unwrap();
    let length = response.content_length();
    // Tiny reads: each takes what is left of a chunk before waiting for the next one.
    let mut body = Vec::new();
    let mut buffer = [0u8; 7];
    loop {
        let n = response.read(&mut buffer).unwrap();
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buffer[..n]);
    }
    assert_eq!(
        response.read(&mut buffer).unwrap(),
        0,
        "the end stays the end"
    );
    if let Some(length) = length {
        assert_eq!(body.len() as u64, length);
    }
    let echo: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(echo["method"], "PUT");
    assert_eq!(
        echo["body"]["text"].as_str().map(str::len),
        Some(text.len())
    );
    // read_to_end and the chunk iterator give the same bytes as bytes().
    let whole = nova.get("flavors").send().unwrap().bytes().unwrap();
    let mut read = Vec::new();
    nova.get("flavors")
        .send()
        .unwrap()
        .read_to_end(&mut read)
        .unwrap();
    let chunks: Vec<u8> = nova
        .get("flavors")
        .send()
        .unwrap()
        .bytes_stream()
        .map(|c| c.unwrap())
        .collect::<Vec<_>>()
        .concat();
    assert_eq!(read, whole);
    assert_eq!(chunks, whole);
}

#[test]
fn timings_are_kept_for_identity_and_service_calls_and_reset() {
    let server = Server::with_compute();
    let client = server.admin().collect_timing(true).build().unwrap();
    client.tenants().list(Default::default()).unwrap();
    compute(&client).get("flavors").send().unwrap();
    assert_not_found(compute(&client).get("servers/0b8e").send());
    let timings = client.timings();
    let summary: Vec<_> = timings
        .iter()
        .map(|t| (t.method.as_str(), t.status))
        .collect();
    assert_eq!(
        summary,
        [
            ("POST", Some(200)),
            ("GET", Some(200)),
            ("GET", Some(200)),
            ("GET", Some(404))
        ],
        "{timings:?}"
    );
    assert!(timings[0].url.ends_with("/v2.0/tokens"), "{timings:?}");
    assert!(timings[2].url.ends_with("/flavors"), "{timings:?}");
    client.reset_timings();
    assert!(client.timings().is_empty());
    // Off by default: nothing is kept.
    let quiet = server.admin().build().unwrap();
    quiet.tenants().list(Default::default()).unwrap();
    assert!(quiet.timings().is_empty());
}

#[test]
fn app_name_and_version_lead_the_user_agent_the_compute_service_sees() {
    let server = Server::with_compute();
    let client = server
        .admin()
        .app_name("blk-tool")
        .app_version("2.0")
        .additional_user_agent("blk-plugin", "0.1")
        .build()
        .unwrap();
    let echo: serde_json::Value = compute(&client).get("").send().unwrap().json().unwrap();
    let agent = echo["headers"]["user-agent"].as_str().unwrap_or_default();
    assert!(
        agent.starts_with("blk-tool/2.0 blk-plugin/0.1 keystone-v2-rust/"),
        "{agent}"
    );
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
