//! The CLI scenario against the real Keystone: create a project and a user, add a role, issue
//! and validate a token as that user, create and delete EC2 credentials, clean up.
//! `eval "$(scripts/keystone-server env)"` sets the variables it needs.

mod common;

fn var(name: &str) -> String {
    std::env::var(name)
        .unwrap_or_else(|_| panic!("{name} is not set: eval \"$(scripts/keystone-server env)\""))
}

#[test]
#[ignore = "needs a live Keystone: scripts/keystone-server start (see README)"]
fn cli_scenario_against_real_keystone() {
    let public = var("KS_PUBLIC_URL");
    let password = var("KS_ADMIN_PASSWORD");
    let admin = common::Cli::new(&[
        ("OS_AUTH_URL", &public),
        ("OS_USERNAME", "admin"),
        ("OS_PASSWORD", &password),
        ("OS_PROJECT_NAME", "admin"),
    ]);
    let unique = format!("cli-live-{}-{}", std::process::id(), chrono_free_nonce());
    let project = format!("{unique}-project");
    let user = format!("{unique}-user");
    let user_password = format!("{unique}-Pw");

    let listed = admin
        .run(&["project", "list", "-f", "value", "-c", "Name"])
        .ok();
    assert!(listed.stdout.lines().any(|l| l == "admin"), "{listed:?}");

    let created = admin
        .run(&[
            "project",
            "create",
            &project,
            "--description",
            "CLI live test",
            "-f",
            "value",
            "-c",
            "id",
        ])
        .ok();
    let project_id = created.stdout.trim().to_owned();
    let cleanup = Cleanup {
        cli: &admin,
        project: project.clone(),
        user: user.clone(),
    };
    admin
        .run(&[
            "user",
            "create",
            &user,
            "--project",
            &project,
            "--password",
            &user_password,
        ])
        .ok();
    let added = admin
        .run(&[
            "role",
            "add",
            "--project",
            &project,
            "--user",
            &user,
            "admin",
            "-f",
            "value",
            "-c",
            "name",
        ])
        .ok();
    assert_eq!(added.stdout, "admin\n");
    let roles = admin
        .run(&[
            "role",
            "assignment",
            "list",
            "--project",
            &project,
            "--user",
            &user,
            "--names",
            "-f",
            "value",
            "-c",
            "Role",
        ])
        .ok();
    assert!(roles.stdout.lines().any(|l| l == "admin"), "{roles:?}");

    // The new user's own token, validated with the admin's.
    let as_user = common::Cli::new(&[
        ("OS_AUTH_URL", &public),
        ("OS_USERNAME", &user),
        ("OS_PASSWORD", &user_password),
        ("OS_PROJECT_NAME", &project),
    ]);
    let issued = as_user
        .run(&["--debug", "token", "issue", "-f", "json"])
        .ok();
    assert!(
        !issued.stderr.contains(&user_password),
        "--debug printed the password"
    );
    let token: serde_json::Value = serde_json::from_str(&issued.stdout).expect("json");
    let token_id = token["id"].as_str().expect("an id").to_owned();
    assert!(
        !issued.stderr.contains(&token_id),
        "--debug printed the token"
    );
    assert_eq!(token["project_id"], project_id.as_str());
    let validated = admin
        .run(&[
            "token",
            "validate",
            &token_id,
            "--project",
            &project,
            "-f",
            "json",
        ])
        .ok();
    let v: serde_json::Value = serde_json::from_str(&validated.stdout).expect("json");
    assert_eq!(v["user_name"], user.as_str());
    assert_eq!(v["project_name"], project.as_str());

    // EC2 credentials of the user on the project.
    let ec2 = as_user
        .run(&["ec2", "credentials", "create", "-f", "json"])
        .ok();
    let cred: serde_json::Value = serde_json::from_str(&ec2.stdout).expect("json");
    let access = cred["access"].as_str().expect("an access key").to_owned();
    assert!(cred["secret"].as_str().is_some_and(|s| !s.is_empty()));
    let listed = admin
        .run(&[
            "ec2",
            "credentials",
            "list",
            "--user",
            &user,
            "-f",
            "value",
            "-c",
            "Access",
            "-c",
            "Secret",
        ])
        .ok();
    let secret = cred["secret"].as_str().expect("a secret");
    assert_eq!(
        listed.stdout,
        format!("{access} {secret}\n"),
        "the list shows the secret, as openstackclient does"
    );
    admin
        .run(&["ec2", "credentials", "delete", "--user", &user, &access])
        .ok();
    let gone = admin
        .run(&["ec2", "credentials", "list", "--user", &user, "-f", "value"])
        .ok();
    assert_eq!(gone.stdout, "");

    admin.run(&["token", "revoke", &token_id]).ok();
    let revoked = admin.run(&["token", "validate", &token_id]);
    assert_eq!(revoked.code, 1, "{revoked:?}");
    assert!(revoked.stderr.contains("(HTTP 404)"), "{}", revoked.stderr);

    drop(cleanup);
    let missing = admin.run(&["project", "show", &project]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("No tenant with a name or ID of"),
        "{}",
        missing.stderr
    );
}

/// A few digits of the clock, so that names do not repeat across runs.
fn chrono_free_nonce() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() % 1_000_000_000)
        .unwrap_or(0)
}

/// Deletes the user and the project, also when an assertion failed half-way.
struct Cleanup<'a> {
    cli: &'a common::Cli,
    project: String,
    user: String,
}

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        let user = self.cli.run(&["user", "delete", &self.user]);
        let project = self.cli.run(&["project", "delete", &self.project]);
        if !std::thread::panicking() {
            assert_eq!(user.code, 0, "{user:?}");
            assert_eq!(project.code, 0, "{project:?}");
        }
    }
}
