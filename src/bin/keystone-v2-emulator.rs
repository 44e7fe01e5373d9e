//! `keystone-v2-emulator`: serves the in-memory Keystone v2.0 emulator until Ctrl-C or SIGTERM.
//!
//! ```text
//! keystone-v2-emulator [--public-port 5000] [--admin-port 35357] [--admin-password secret]
//!                      [--admin-token ADMIN] [--token-lifetime 3600]
//!                      [--write-clouds-yaml PATH] [--no-compute] [--threads 1]
//!                      [--dialect keystone|rackspace] [--api-key KEY]
//! ```
//!
//! `--dialect rackspace` speaks Rackspace Cloud Identity v2.0 instead of Keystone (API key and
//! multi-factor logins, the vendor's catalog and shapes; see `EmulatorConfig::dialect`), with
//! the demo user `demoauthor` (password `myPassword01`, tenant `1100111`) whose API key is
//! `--api-key` (default `aaaaa-bbbbb-ccccc-12345678`, the vendor's example key).
//!
//! The binary also serves the emulator's small `compute` service (in the catalog, at
//! `<origin>/compute/v2.1/<tenant_id>`; see `EmulatorConfig::compute_service`);
//! `--no-compute` leaves it out, for a catalog like a fresh Keystone's.
//!
//! `--write-clouds-yaml PATH` writes a `clouds.yaml` for the emulator (cloud
//! `keystone-v2-emulator`, mode 0600 as it holds the password) once it listens.
//!
//! It serves on one thread by default (`--threads 1`, a current-thread Tokio runtime): per
//! request that costs less CPU than a multi-threaded runtime - no work-stealing bookkeeping,
//! no cross-thread wake-ups - and leaves the other cores to the clients it is tested with.
//! `--threads N` (N > 1) runs a multi-threaded runtime with N workers instead.
//!
//! Port 0 picks a free port. Both APIs listen on 127.0.0.1. Its memory follows its live data
//! (request counters are per operation, deleted resources are forgotten, tokens are kept until
//! they expire), so it can serve for a long time; `tests/emulator_memory.rs` checks this.

use std::io::Write as _;
use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use keystone_v2::emulator::{Dialect, Emulator, EmulatorConfig};

const USAGE: &str = "\
usage: keystone-v2-emulator [options]

Serves an in-memory Keystone 12.0.3 Identity v2.0 API (public and admin) on 127.0.0.1
until interrupted (Ctrl-C or SIGTERM).

options:
  --public-port <port>       public API port (default 5000; 0 = any free port)
  --admin-port <port>        admin API port (default 35357; 0 = any free port)
  --admin-password <pw>      password of the bootstrap user `admin` (default secret)
  --admin-token <token>      static admin token; empty disables it (default ADMIN)
  --token-lifetime <secs>    token lifetime in seconds (default 3600)
  --write-clouds-yaml <path> write a clouds.yaml for this emulator (cloud
                             keystone-v2-emulator, mode 0600) once it listens
  --no-compute               leave the echoing compute service out of the catalog
  --threads <n>              threads serving requests (default 1; more than 1 runs a
                             multi-threaded runtime)
  --dialect <name>           keystone (default) or rackspace: Rackspace Cloud Identity's
                             API key and multi-factor logins, catalog and shapes
  --api-key <key>            rackspace: the API key of the demo user demoauthor
                             (password myPassword01, tenant 1100111; default
                             aaaaa-bbbbb-ccccc-12345678)
  -h, --help                 this help
";

/// What the command line asks for.
struct Options {
    config: EmulatorConfig,
    clouds_yaml: Option<std::path::PathBuf>,
    /// Worker threads of the runtime (1: a current-thread runtime).
    threads: usize,
    dialect: Dialect,
    /// Rackspace mode: the demo user's API key.
    api_key: String,
}

/// The demo user's API key unless `--api-key` is given: the vendor's example key.
const DEFAULT_API_KEY: &str = "aaaaa-bbbbb-ccccc-12345678";

fn parse(args: impl IntoIterator<Item = String>) -> Result<Option<Options>, String> {
    let loopback = |port| SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let mut config = EmulatorConfig::default()
        .public_addr(loopback(5000))
        .admin_addr(loopback(35357))
        .compute_service(true);
    let mut clouds_yaml = None;
    let mut threads = 1;
    let mut dialect = Dialect::Keystone;
    let mut api_key = DEFAULT_API_KEY.to_owned();
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Ok(None);
        }
        if flag == "--no-compute" {
            config = config.compute_service(false);
            continue;
        }
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
            None => (flag, None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        let port = |v: String| {
            v.parse::<u16>()
                .map_err(|_| format!("{name}: not a port number: {v:?}"))
        };
        config = match name.as_str() {
            "--public-port" => config.public_addr(loopback(port(value()?)?)),
            "--admin-port" => config.admin_addr(loopback(port(value()?)?)),
            "--admin-password" => config.admin_password(value()?),
            "--admin-token" => config.admin_token(value()?),
            "--token-lifetime" => {
                let v = value()?;
                let secs = v
                    .parse::<u64>()
                    .map_err(|_| format!("{name}: not a number of seconds: {v:?}"))?;
                config.token_lifetime(Duration::from_secs(secs))
            }
            "--threads" => {
                let v = value()?;
                threads = v
                    .parse::<usize>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("{name}: not a positive number: {v:?}"))?;
                config
            }
            "--dialect" => {
                let v = value()?;
                dialect = Dialect::from_name(&v)
                    .ok_or_else(|| format!("{name}: not keystone or rackspace: {v:?}"))?;
                config.dialect(dialect)
            }
            "--api-key" => {
                api_key = value()?;
                config
            }
            "--write-clouds-yaml" => {
                clouds_yaml = Some(std::path::PathBuf::from(value()?));
                config
            }
            other => return Err(format!("unknown option {other:?}")),
        };
    }
    Ok(Some(Options {
        config,
        clouds_yaml,
        threads,
        dialect,
        api_key,
    }))
}

async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Writes `text` to `path` readable by its owner only (it holds a password).
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(text.as_bytes())
}

fn main() -> ExitCode {
    let options = match parse(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("keystone-v2-emulator: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = if options.threads == 1 {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(options.threads)
            .enable_all()
            .build()
    };
    match runtime {
        Ok(runtime) => runtime.block_on(serve(options)),
        Err(e) => {
            eprintln!("keystone-v2-emulator: cannot start a runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(options: Options) -> ExitCode {
    let dialect = options.dialect;
    let emulator = match Emulator::start_with(options.config).await {
        Ok(emulator) => emulator,
        Err(e) => {
            eprintln!("keystone-v2-emulator: cannot listen: {e}");
            return ExitCode::FAILURE;
        }
    };
    // A closed stdout (the reader went away) must not stop the server: write errors are ignored.
    let mut out = std::io::stdout();
    let _ = writeln!(out, "public API: {}", emulator.public_url());
    let _ = writeln!(out, "admin API:  {}", emulator.admin_url());
    let _ = writeln!(
        out,
        "admin user: admin; static admin token set: {}",
        !emulator.admin_token().is_empty()
    );
    if dialect == Dialect::Rackspace {
        let user = keystone_v2::emulator::RACKSPACE_USERNAME;
        if let Err(e) = emulator.control().set_api_key(user, &options.api_key) {
            eprintln!("keystone-v2-emulator: {e}");
            return ExitCode::FAILURE;
        }
        let _ = writeln!(
            out,
            "rackspace mode: demo user {user} on tenant {} (API key from --api-key)",
            keystone_v2::emulator::RACKSPACE_TENANT
        );
    }
    if let Some(path) = &options.clouds_yaml {
        if let Err(e) = write_private(path, &emulator.clouds_yaml()) {
            eprintln!("keystone-v2-emulator: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        let clouds = match dialect {
            Dialect::Rackspace => format!(
                "clouds {} and {}",
                keystone_v2::emulator::CLOUD_NAME,
                keystone_v2::emulator::RACKSPACE_CLOUD_NAME
            ),
            _ => format!("cloud {}", keystone_v2::emulator::CLOUD_NAME),
        };
        let _ = writeln!(out, "clouds.yaml: {} ({clouds})", path.display());
    }
    let _ = out.flush();
    interrupted().await;
    emulator.shutdown().await;
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::parse;
    use keystone_v2::emulator::Dialect;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn options_parse() {
        assert!(parse(args(&[])).unwrap().is_some());
        assert!(parse(args(&["--help"])).unwrap().is_none());
        assert!(parse(args(&[
            "--public-port",
            "0",
            "--admin-port=0",
            "--token-lifetime",
            "5"
        ]))
        .is_ok());
        assert!(parse(args(&["--public-port"])).is_err());
        assert!(parse(args(&["--public-port", "x"])).is_err());
        assert!(parse(args(&["--nope"])).is_err());
        let o = parse(args(&["--write-clouds-yaml", "c.yaml"]))
            .unwrap()
            .unwrap();
        assert_eq!(o.clouds_yaml.unwrap(), std::path::PathBuf::from("c.yaml"));
        assert_eq!(parse(args(&[])).unwrap().unwrap().threads, 1);
        assert_eq!(
            parse(args(&["--threads", "3"])).unwrap().unwrap().threads,
            3
        );
        assert!(parse(args(&["--threads", "0"])).is_err());
        assert!(parse(args(&["--threads=x"])).is_err());
        assert_eq!(
            parse(args(&[])).unwrap().unwrap().dialect,
            Dialect::Keystone
        );
        let rackspace = parse(args(&["--dialect", "rackspace"])).unwrap().unwrap();
        assert_eq!(rackspace.dialect, Dialect::Rackspace);
        assert!(parse(args(&["--dialect=hp"])).is_err());
        assert_eq!(rackspace.api_key, "aaaaa-bbbbb-ccccc-12345678");
        let keyed = parse(args(&["--dialect=rackspace", "--api-key", "k1"]));
        assert_eq!(keyed.unwrap().unwrap().api_key, "k1");
        assert!(parse(args(&["--api-key"])).is_err());
    }
}
