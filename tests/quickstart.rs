//! The README's main job: `OS_CLOUD=<name> cargo run --example quickstart --features emulator`
//! runs the tour against a cloud of clouds.yaml whose password is in secure.yaml, and prints
//! no secret. The example's own code runs here, against an emulator, with an `Environment`
//! pointing at temporary files (never the real home directory).

#![cfg(feature = "emulator")]

#[allow(dead_code)]
#[path = "../examples/quickstart.rs"]
mod quickstart;

use keystone_v2::config::Environment;
use keystone_v2::emulator::{Emulator, EmulatorConfig, CLOUD_NAME};

const PASSWORD: &str = "Quickstart-Pw-7e1d";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quickstart_runs_against_a_cloud_of_clouds_yaml_with_its_password_in_secure_yaml() {
    let emulator = Emulator::start_with(EmulatorConfig::default().admin_password(PASSWORD))
        .await
        .unwrap();
    let dir = std::env::temp_dir().join(format!("keystone-v2-quickstart-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // clouds.yaml without the password, secure.yaml with it.
    let clouds: String = emulator
        .clouds_yaml()
        .lines()
        .filter(|l| !l.trim_start().starts_with("password:"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(!clouds.contains(PASSWORD));
    std::fs::write(dir.join("clouds.yaml"), clouds).unwrap();
    std::fs::write(
        dir.join("secure.yaml"),
        format!("clouds:\n  {CLOUD_NAME}:\n    auth:\n      password: {PASSWORD}\n"),
    )
    .unwrap();
    let env = Environment::new()
        .search_path([&dir])
        .var("OS_CLOUD", CLOUD_NAME);

    let mut out = Vec::new();
    quickstart::run(&env, true, &mut out).await.unwrap();
    let out = String::from_utf8(out).unwrap();
    println!("{out}");
    assert!(
        out.contains(&format!(
            "using cloud {CLOUD_NAME} (from environment variable OS_CLOUD)"
        )),
        "{out}"
    );
    assert!(
        out.contains("secure.yaml (clouds.keystone-v2-emulator.auth.password)"),
        "{out}"
    );
    assert!(out.contains("1. authenticated as admin"), "{out}");
    assert!(out.contains("6. cleaned up"), "{out}");
    assert!(!out.contains(PASSWORD), "the password was printed:\n{out}");
    // The tour's own secrets stay hidden too: the EC2 secret prints as Secret(***).
    assert!(out.contains("Secret(***)"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}
