//! The opt-in token cache against the emulator: N clients (and N processes) with a cold
//! cache log in once, the files are private, a changed password misses the cache, a stale or
//! refused token is replaced, and `logout` revokes the token and deletes the entry.

#![cfg(feature = "emulator")]

mod logs;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use keystone_v2::cache::FileTokenCache;
use keystone_v2::emulator::{Emulator, EmulatorConfig};
use keystone_v2::Client;

fn temp_dir(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "keystone-v2-cache-{name}-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ))
}

fn client(url: &str, password: &str, dir: &Path) -> Client {
    builder(url, password, dir).build().unwrap()
}

fn builder(url: &str, password: &str, dir: &Path) -> keystone_v2::ClientBuilder {
    let cache = FileTokenCache::new(dir).expect("cache");
    Client::builder()
        .auth_url(url)
        .username("admin")
        .password(password)
        .tenant_name("admin")
        .token_cache(Arc::new(cache))
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect()
}

const CLIENTS: usize = 16;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn independent_clients_with_a_cold_cache_log_in_once_and_the_files_are_private() {
    let emulator = Emulator::start().await.unwrap();
    let control = emulator.control();
    let dir = temp_dir("cold").join("keystone-v2");
    let barrier = Arc::new(tokio::sync::Barrier::new(CLIENTS));
    let mut tasks = Vec::new();
    for _ in 0..CLIENTS {
        // Each client has its own cache object on the same directory, as processes would.
        let c = client(&emulator.public_url(), "secret", &dir);
        let barrier = barrier.clone();
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            c.tenants().list(Default::default()).await.map(|t| t.len())
        }));
    }
    for t in tasks {
        assert!(t.await.unwrap().unwrap() >= 1);
    }
    let logins = control.operation_count("tokens_authenticate");
    println!("{CLIENTS} concurrent clients, cold cache: {logins} POST /v2.0/tokens");
    assert_eq!(logins, 1);

    let files = entries(&dir);
    assert_eq!(files.len(), 1, "{files:?}");
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.contains("\"version\":1"), "versioned format");
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(!name.contains("admin") && name.len() == 64 + 5, "{name}");
    #[cfg(unix)]
    {
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&files[0]), 0o600);
        assert_eq!(mode(&dir.join("key")), 0o600);
    }

    // A new client (a new process) uses the cached token: no login.
    let later = client(&emulator.public_url(), "secret", &dir);
    later.users().list(None).await.unwrap();
    assert_eq!(control.operation_count("tokens_authenticate"), 1);

    // A changed password misses the cache (and here, is refused by the server).
    let wrong = client(&emulator.public_url(), "not-the-password", &dir);
    assert!(wrong.authenticate().await.unwrap_err().is_unauthorized());
    assert_eq!(control.operation_count("tokens_authenticate"), 2);
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
}

/// The child of `processes_with_a_cold_cache_log_in_once`: does nothing unless started by it.
#[tokio::test]
async fn child_process_lists_tenants() {
    let (Ok(url), Ok(dir)) = (
        std::env::var("KEYSTONE_V2_CACHE_CHILD_URL"),
        std::env::var("KEYSTONE_V2_CACHE_CHILD_DIR"),
    ) else {
        return;
    };
    let c = client(&url, "secret", Path::new(&dir));
    c.tenants().list(Default::default()).await.unwrap();
}

const PROCESSES: usize = 6;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn processes_with_a_cold_cache_log_in_once() {
    let emulator = Emulator::start().await.unwrap();
    let control = emulator.control();
    let dir = temp_dir("processes");
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..PROCESSES)
        .map(|_| {
            tokio::process::Command::new(&exe)
                .args(["--exact", "child_process_lists_tenants", "--quiet"])
                .env("KEYSTONE_V2_CACHE_CHILD_URL", emulator.public_url())
                .env("KEYSTONE_V2_CACHE_CHILD_DIR", &dir)
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().await.unwrap().success());
    }
    let logins = control.operation_count("tokens_authenticate");
    println!("{PROCESSES} processes started together, cold cache: {logins} POST /v2.0/tokens");
    assert_eq!(logins, 1);
    assert_eq!(control.operation_count("tenants_list"), PROCESSES);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_stale_or_refused_token_is_replaced_and_logout_revokes_and_deletes_the_entry() {
    let emulator =
        Emulator::start_with(EmulatorConfig::default().token_lifetime(Duration::from_secs(600)))
            .await
            .unwrap();
    let control = emulator.control();
    let dir = temp_dir("lifecycle");
    let first = client(&emulator.public_url(), "secret", &dir);
    let token = first.auth_token().await.unwrap();
    assert_eq!(control.operation_count("tokens_authenticate"), 1);

    // A cached token with less than stale_duration left (600 s < 700 s) is not used.
    let second = builder(&emulator.public_url(), "secret", &dir)
        .stale_duration(Duration::from_secs(700))
        .build()
        .unwrap();
    let renewed = second.auth_token().await.unwrap();
    assert_ne!(renewed, token);
    assert_eq!(control.operation_count("tokens_authenticate"), 2);

    // A token revoked on the server: the 401 invalidates the entry, one login replaces it.
    let admin = Client::builder()
        .token(emulator.admin_token())
        .endpoint(emulator.admin_url())
        .build()
        .unwrap();
    admin.tokens().delete(renewed.expose()).await.unwrap();
    let third = client(&emulator.public_url(), "secret", &dir);
    third.users().list(None).await.unwrap();
    assert_eq!(control.operation_count("tokens_authenticate"), 3);
    let current = third.auth_token().await.unwrap();
    assert_ne!(current, renewed);
    let files = entries(&dir);
    assert_eq!(files.len(), 1);
    assert!(std::fs::read_to_string(&files[0])
        .unwrap()
        .contains(current.expose()));

    // logout: DELETE /v2.0/tokens/{id}, the entry is gone, and the token no longer works.
    third.logout().await.unwrap();
    assert_eq!(control.operation_count("tokens_delete"), 2);
    assert!(entries(&dir).is_empty());
    assert!(!admin.tokens().check(current.expose(), None).await.unwrap());
    let _ = std::fs::remove_dir_all(&dir);
}

/// Rewrites the expiry of the one entry in `dir`.
fn set_expiry(dir: &Path, expires: &str) {
    let files = entries(dir);
    assert_eq!(files.len(), 1, "{files:?}");
    let mut entry: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&files[0]).unwrap()).unwrap();
    entry["access"]["token"]["expires"] = expires.into();
    std::fs::write(&files[0], serde_json::to_vec(&entry).unwrap()).unwrap();
}

#[tokio::test]
async fn a_cached_expiry_with_an_offset_is_judged_as_an_instant_not_as_a_string() {
    use chrono::{Duration as Span, FixedOffset, SecondsFormat, Utc};
    let emulator = Emulator::start().await.unwrap();
    let control = emulator.control();
    let dir = temp_dir("offset");
    let token = client(&emulator.public_url(), "secret", &dir)
        .auth_token()
        .await
        .unwrap();
    let in_offset = |at: chrono::DateTime<Utc>, hours: i32| {
        let zone = FixedOffset::east_opt(hours * 3600).unwrap();
        at.with_timezone(&zone)
            .to_rfc3339_opts(SecondsFormat::Millis, true)
    };
    let now = Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true);

    // 50 minutes left, written at UTC-06:00 (Rackspace's form): as a string it sorts before
    // now, as an instant it is well ahead. The cached token is used.
    let later = in_offset(Utc::now() + Span::minutes(50), -6);
    assert!(later < now, "{later} {now}");
    set_expiry(&dir, &later);
    let again = client(&emulator.public_url(), "secret", &dir)
        .auth_token()
        .await
        .unwrap();
    assert_eq!(again, token);
    assert_eq!(control.operation_count("tokens_authenticate"), 1);

    // Expired 10 minutes ago, written at UTC+06:00: it sorts after now, and is replaced.
    let earlier = in_offset(Utc::now() - Span::minutes(10), 6);
    assert!(earlier > now, "{earlier} {now}");
    set_expiry(&dir, &earlier);
    let renewed = client(&emulator.public_url(), "secret", &dir)
        .auth_token()
        .await
        .unwrap();
    assert_ne!(renewed, token);
    assert_eq!(control.operation_count("tokens_authenticate"), 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[tokio::test]
async fn an_entry_readable_by_others_is_used_with_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let emulator = Emulator::start().await.unwrap();
    let dir = temp_dir("readable");
    let c = client(&emulator.public_url(), "secret", &dir);
    c.authenticate().await.unwrap();
    let file = entries(&dir).remove(0);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let captured = logs::global_logs();
    let logins = emulator.control().operation_count("tokens_authenticate");
    let again = client(&emulator.public_url(), "secret", &dir);
    again.users().list(None).await.unwrap();
    assert_eq!(
        emulator.control().operation_count("tokens_authenticate"),
        logins,
        "the entry is still used"
    );
    let log = captured.text();
    let warning = format!("{}", file.display());
    assert!(
        log.lines()
            .any(|l| l.contains("accessible to other users") && l.contains(&warning)),
        "{log}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
