//! Operator workflows end to end (listing, issuing and validating tokens, CRUD, debug redaction,
//! timing, the token cache, option precedence, the admin-token bootstrap, clouds.yaml, usage
//! errors, completion), against an emulator with `OS_*` variables set.

mod common;

use common::Served;
use keystone_v2::emulator::EmulatorConfig;

const PASSWORD: &str = "Unmistakable-Pa55word";

fn served() -> Served {
    Served::start(EmulatorConfig::default().admin_password(PASSWORD))
}

#[test]
fn project_list_value_name_prints_admin() {
    let s = served();
    let out = s
        .cli()
        .run(&["project", "list", "-f", "value", "-c", "Name"])
        .ok();
    assert_eq!(out.stdout, "admin\n");
}

#[test]
fn token_issue_value_id_prints_a_token_keystone_accepts() {
    let s = served();
    let cli = s.cli();
    let out = cli.run(&["token", "issue", "-f", "value", "-c", "id"]).ok();
    let token = out.stdout.trim();
    assert_eq!(out.stdout, format!("{token}\n"), "one line, the token only");
    assert!(!token.is_empty());
    let check = cli
        .run(&["token", "validate", token, "-f", "value", "-c", "user_name"])
        .ok();
    assert_eq!(check.stdout, "admin\n");
}

#[test]
fn project_user_role_add_csv_catalog_and_delete_work() {
    let s = served();
    let cli = s.cli();
    cli.run(&["project", "create", "demo"]).ok();
    cli.run(&[
        "user",
        "create",
        "demo-user",
        "--project",
        "demo",
        "--password",
        "pw",
    ])
    .ok();
    cli.run(&["role", "create", "demo-role"]).ok();
    let added = cli
        .run(&[
            "role",
            "add",
            "--project",
            "demo",
            "--user",
            "demo-user",
            "demo-role",
            "-f",
            "value",
            "-c",
            "name",
        ])
        .ok();
    assert_eq!(added.stdout, "demo-role\n");
    let assigned = cli
        .run(&[
            "role",
            "assignment",
            "list",
            "--user",
            "demo-user",
            "--project",
            "demo",
            "--names",
            "-f",
            "value",
            "-c",
            "Role",
        ])
        .ok();
    assert!(
        assigned.stdout.lines().any(|l| l == "demo-role"),
        "{assigned:?}"
    );

    let csv = cli.run(&["user", "list", "-f", "csv"]).ok();
    let mut lines = csv.stdout.lines();
    assert_eq!(lines.next(), Some("\"ID\",\"Name\""));
    assert!(csv.stdout.contains(",\"demo-user\"\n"), "{}", csv.stdout);

    let catalog = cli.run(&["catalog", "list"]).ok();
    assert!(
        catalog.stdout.contains("| keystone | identity |"),
        "{}",
        catalog.stdout
    );
    assert!(catalog
        .stdout
        .contains(&format!("publicURL: {}", s.emulator().public_url())));

    cli.run(&["user", "delete", "demo-user"]).ok();
    cli.run(&["role", "delete", "demo-role"]).ok();
    cli.run(&["project", "delete", "demo"]).ok();
    let left = cli
        .run(&["project", "list", "-f", "value", "-c", "Name"])
        .ok();
    assert_eq!(left.stdout, "admin\n");
}

#[test]
fn project_show_of_a_missing_project_exits_1_with_openstackclients_message() {
    let s = served();
    let out = s.cli().run(&["project", "show", "no-such-project"]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.is_empty());
    assert_eq!(
        out.stderr,
        "No tenant with a name or ID of 'no-such-project' exists.\n"
    );
}

#[test]
fn an_http_error_prints_keystones_message_status_and_request_id() {
    let s = served();
    let out = s.cli().run(&["project", "create", "admin"]);
    assert_eq!(out.code, 1);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {}", out.stderr);
    assert!(lines[0].contains("(HTTP 409)"), "{}", lines[0]);
    assert!(lines[0].contains("(Request-ID: req-"), "{}", lines[0]);
}

#[test]
fn debug_prints_the_exchange_but_never_the_password_the_token_or_an_ec2_secret() {
    let s = served();
    let cli = s.cli();
    let issued = cli
        .run(&["--debug", "token", "issue", "-f", "value", "-c", "id"])
        .ok();
    let token = issued.stdout.trim().to_owned();
    assert!(
        issued.stderr.contains("POST") && issued.stderr.contains("/v2.0/tokens"),
        "the exchange is printed: {}",
        issued.stderr
    );
    let created = cli
        .run(&[
            "--debug",
            "ec2",
            "credentials",
            "create",
            "-f",
            "value",
            "-c",
            "secret",
        ])
        .ok();
    let secret = created.stdout.trim().to_owned();
    // A fresh cache: the password is sent again, and its answer holds a new token.
    let fresh = common::Cli::new(&[]);
    let e = s.emulator();
    let cold = fresh
        .var("OS_AUTH_URL", &e.public_url())
        .var("OS_USERNAME", "admin")
        .var("OS_PASSWORD", PASSWORD)
        .var("OS_TENANT_NAME", "admin")
        .run(&["--debug", "--no-cache", "user", "list"])
        .ok();
    for (what, stderr) in [
        ("token issue", &issued.stderr),
        ("ec2 credentials create", &created.stderr),
        ("user list", &cold.stderr),
    ] {
        assert!(
            !stderr.contains(PASSWORD),
            "{what}: the password leaked: {stderr}"
        );
        assert!(
            !stderr.contains(&token),
            "{what}: the token leaked: {stderr}"
        );
        assert!(
            !stderr.contains(&secret),
            "{what}: the EC2 secret leaked: {stderr}"
        );
        assert!(
            !stderr.contains(e.admin_token()),
            "{what}: the admin token leaked"
        );
    }
    assert!(cold.stderr.contains("response"), "{}", cold.stderr);
}

#[test]
fn timing_lists_each_request_and_a_total_after_the_output() {
    let s = served();
    let out = s
        .cli()
        .run(&[
            "--no-cache",
            "--timing",
            "project",
            "list",
            "-f",
            "value",
            "-c",
            "Name",
        ])
        .ok();
    let (output, timing) = out.stdout.split_once('\n').expect("two parts");
    assert_eq!(output, "admin");
    assert!(timing.contains("| URL "), "{timing}");
    assert!(
        timing.contains(&format!("| POST {}/tokens ", s.emulator().public_url())),
        "{timing}"
    );
    // On the public interface (the default), as openstackclient lists the user's projects.
    assert!(
        timing.contains(&format!("| GET {}/tenants ", s.emulator().public_url())),
        "{timing}"
    );
    assert!(timing.contains("| Total "), "{timing}");
}

#[test]
fn the_token_cache_is_on_by_default_and_no_cache_skips_it() {
    let s = served();
    let cli = s.cli();
    let control = s.emulator().control();
    cli.run(&["project", "list"]).ok();
    cli.run(&["project", "list"]).ok();
    assert_eq!(
        control.request_count("POST", "/v2.0/tokens"),
        1,
        "the second run used the cache"
    );
    cli.run(&["--no-cache", "project", "list"]).ok();
    assert_eq!(control.request_count("POST", "/v2.0/tokens"), 2);
    let cached = std::fs::read_dir(cli.home.path().join("cache/keystone-v2"))
        .expect("the cache directory")
        .count();
    assert!(cached >= 1);
}

#[test]
fn command_line_options_win_over_os_variables() {
    let s = served();
    let out = s
        .cli()
        .var("OS_PASSWORD", "wrong")
        .run(&[
            "--no-cache",
            "--os-password",
            PASSWORD,
            "project",
            "list",
            "-f",
            "value",
            "-c",
            "Name",
        ])
        .ok();
    assert_eq!(out.stdout, "admin\n");
    let wrong = s
        .cli()
        .var("OS_PASSWORD", "wrong")
        .run(&["--no-cache", "project", "list"]);
    assert_eq!(wrong.code, 1);
    assert!(wrong.stderr.contains("(HTTP 401)"), "{}", wrong.stderr);
    assert!(!wrong.stderr.contains("wrong"), "{}", wrong.stderr);
}

#[test]
fn admin_token_bootstrap_with_os_token_and_os_url() {
    let s = served();
    let e = s.emulator();
    let out = common::Cli::new(&[("OS_TOKEN", e.admin_token()), ("OS_URL", &e.admin_url())])
        .run(&[
            "--no-cache",
            "role",
            "list",
            "-f",
            "value",
            "-c",
            "Name",
            "--sort-column",
            "Name",
        ])
        .ok();
    assert_eq!(out.stdout, "_member_\nadmin\n");
}

#[test]
fn clouds_yaml_is_read_through_the_sdk_with_os_cloud() {
    let s = served();
    let cli = common::Cli::new(&[]);
    let dir = cli.home.path().join("config/openstack");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("clouds.yaml"), s.emulator().clouds_yaml()).unwrap();
    let out = cli
        .run(&[
            "--os-cloud",
            keystone_v2::emulator::CLOUD_NAME,
            "project",
            "list",
            "-f",
            "value",
            "-c",
            "Name",
        ])
        .ok();
    assert_eq!(out.stdout, "admin\n");
    let unknown = cli.run(&["--os-cloud", "nope", "project", "list"]);
    assert_eq!(unknown.code, 1);
    assert!(unknown.stderr.contains("nope"), "{}", unknown.stderr);
}

#[test]
fn usage_errors_exit_2_and_help_lists_the_legacy_names() {
    let cli = common::Cli::new(&[]);
    let bad = cli.run(&["project", "frobnicate"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("frobnicate"));
    let help = cli.run(&["--help"]).ok();
    assert!(help.stdout.contains("tenant-list"), "{}", help.stdout);
    assert!(help.stdout.contains("project list"));
}

#[test]
fn completion_scripts_for_bash_zsh_and_fish() {
    let cli = common::Cli::new(&[]);
    for shell in ["bash", "zsh", "fish"] {
        let out = cli.run(&["completion", shell]).ok();
        assert!(out.stdout.contains("keystone-v2"), "{shell}");
        assert!(out.stdout.contains("project"), "{shell}");
    }
}
