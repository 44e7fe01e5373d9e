//! Shared by the CLI's tests: an in-process emulator on free ports and the `keystone-v2`
//! binary run as a subprocess with `OS_*` variables, a private HOME, config and cache.
#![allow(dead_code)]

use std::process::Command;

use keystone_v2::emulator::{Emulator, EmulatorConfig};

/// What one run of the binary printed.
#[derive(Debug, Clone)]
pub struct Out {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Out {
    /// Panics with everything printed unless the run succeeded.
    pub fn ok(self) -> Self {
        assert_eq!(self.code, 0, "the command failed: {self:#?}");
        self
    }
}

/// The binary with an environment of its own (no variable of the caller's leaks in).
pub struct Cli {
    vars: Vec<(String, String)>,
    pub home: tempfile::TempDir,
}

impl Cli {
    pub fn new(vars: &[(&str, &str)]) -> Self {
        let home = tempfile::tempdir().expect("a temporary HOME");
        let mut all: Vec<(String, String)> = vec![
            ("HOME".into(), home.path().display().to_string()),
            (
                "XDG_CONFIG_HOME".into(),
                home.path().join("config").display().to_string(),
            ),
            (
                "XDG_CACHE_HOME".into(),
                home.path().join("cache").display().to_string(),
            ),
            ("PATH".into(), std::env::var("PATH").unwrap_or_default()),
        ];
        all.extend(vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
        Self { vars: all, home }
    }

    /// Adds a variable.
    pub fn var(mut self, k: &str, v: &str) -> Self {
        self.vars.push((k.into(), v.into()));
        self
    }

    pub fn run(&self, args: &[&str]) -> Out {
        let out = Command::new(env!("CARGO_BIN_EXE_keystone-v2"))
            .args(args)
            .env_clear()
            .envs(self.vars.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .output()
            .expect("the keystone-v2 binary runs");
        Out {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code().unwrap_or(-1),
        }
    }
}

/// An emulator on free loopback ports, served by its own runtime while the test runs
/// subprocesses.
pub struct Served {
    pub emulator: Option<Emulator>,
    runtime: tokio::runtime::Runtime,
}

impl Served {
    pub fn start(config: EmulatorConfig) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        let emulator = runtime
            .block_on(Emulator::start_with(config))
            .expect("the emulator listens");
        Self {
            emulator: Some(emulator),
            runtime,
        }
    }

    pub fn emulator(&self) -> &Emulator {
        self.emulator.as_ref().expect("running")
    }

    /// The CLI with `OS_*` variables for the emulator's admin.
    pub fn cli(&self) -> Cli {
        let e = self.emulator();
        Cli::new(&[
            ("OS_AUTH_URL", &e.public_url()),
            ("OS_USERNAME", "admin"),
            ("OS_PASSWORD", e.admin_password()),
            ("OS_PROJECT_NAME", "admin"),
        ])
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(e) = self.emulator.take() {
            self.runtime.block_on(e.shutdown());
        }
    }
}
