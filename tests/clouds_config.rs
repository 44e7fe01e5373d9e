//! clouds.yaml / secure.yaml / clouds-public.yaml / OS_* loading, against files in temporary
//! directories: every directory is given to the loader through an `Environment`, so the real
//! home directory and the process's variables are never read or changed.

use std::path::{Path, PathBuf};

use keystone_v2::config::{Environment, Explanation, Source};
use keystone_v2::ClientBuilder;

/// A fresh directory tree for one test: `cwd`, `home`, `site`.
struct Dirs {
    root: PathBuf,
}

impl Dirs {
    fn new(name: &str) -> Self {
        let root = std::env::temp_dir().join(format!(
            "keystone-v2-clouds-{name}-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos()
        ));
        for d in ["cwd", "home", "site"] {
            std::fs::create_dir_all(root.join(d)).unwrap();
        }
        Dirs { root }
    }
    fn cwd(&self) -> PathBuf {
        self.root.join("cwd")
    }
    fn home(&self) -> PathBuf {
        self.root.join("home")
    }
    fn user_config(&self) -> PathBuf {
        self.home().join(".config").join("openstack")
    }
    fn site(&self) -> PathBuf {
        self.root.join("site")
    }
    fn write(&self, path: impl AsRef<Path>, text: &str) -> PathBuf {
        let path = self.root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }
    /// An environment with these directories only (no /etc).
    fn env(&self) -> Environment {
        Environment::new()
            .current_dir(self.cwd())
            .home_dir(self.home())
            .site_dirs([self.site()])
    }
}

impl Drop for Dirs {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn explain(env: &Environment, cloud: Option<&str>) -> Explanation {
    ClientBuilder::from_config(env, cloud)
        .unwrap_or_else(|e| panic!("{e}"))
        .explain()
}

fn value(e: &Explanation, name: &str) -> Option<String> {
    e.get(name).map(|s| s.value.clone())
}

fn source(e: &Explanation, name: &str) -> Source {
    e.get(name)
        .unwrap_or_else(|| panic!("{name} not set:\n{e}"))
        .source
        .clone()
}

fn file_key(e: &Explanation, name: &str) -> (PathBuf, String) {
    match source(e, name) {
        Source::File { path, key } => (path, key),
        other => panic!("{name} comes from {other}"),
    }
}

fn error(env: &Environment, cloud: Option<&str>) -> String {
    match ClientBuilder::from_config(env, cloud) {
        Ok(b) => panic!("no error:\n{}", b.explain()),
        Err(e) => e.to_string(),
    }
}

const ONE: &str = "clouds:\n  one:\n    auth:\n      auth_url: http://one.example:5000/v2.0\n      username: u1\n      password: p1\n      project_name: t1\n";

#[test]
fn the_search_order_is_cwd_then_user_config_then_site_and_the_first_file_wins() {
    let d = Dirs::new("order");
    d.write(
        "site/clouds.yaml",
        "clouds:\n  site:\n    auth: {auth_url: 'http://site.example/v2.0'}\n",
    );
    d.write(
        "home/.config/openstack/clouds.yaml",
        "clouds:\n  home:\n    auth: {auth_url: 'http://home.example/v2.0'}\n",
    );
    let e = explain(&d.env(), None);
    assert_eq!(value(&e, "cloud").as_deref(), Some("home"), "{e}");
    assert_eq!(
        file_key(&e, "auth_url").0,
        d.user_config().join("clouds.yaml")
    );
    // No merging across locations: the site cloud is not there.
    let err = error(&d.env(), Some("site"));
    assert!(err.contains("\"site\"") && err.contains("home"), "{err}");
    assert!(
        err.contains(&d.user_config().join("clouds.yaml").display().to_string()),
        "{err}"
    );

    d.write("cwd/clouds.yaml", ONE);
    let e = explain(&d.env(), None);
    assert_eq!(value(&e, "cloud").as_deref(), Some("one"));
    assert_eq!(file_key(&e, "auth_url").0, d.cwd().join("clouds.yaml"));
}

#[test]
fn xdg_config_home_goes_before_dot_config_and_yaml_before_yml_before_json() {
    let d = Dirs::new("xdg");
    let xdg = d.root.join("xdg");
    d.write(
        "home/.config/openstack/clouds.yaml",
        "clouds: {home: {auth: {auth_url: 'http://home/v2.0'}}}\n",
    );
    d.write(
        "xdg/openstack/clouds.json",
        r#"{"clouds": {"xdgjson": {"auth": {"auth_url": "http://j/v2.0"}}}}"#,
    );
    let env = d.env().var("XDG_CONFIG_HOME", xdg.display().to_string());
    assert_eq!(env.config_dirs()[1], xdg.join("openstack"));
    assert_eq!(
        value(&explain(&env, None), "cloud").as_deref(),
        Some("xdgjson")
    );
    d.write(
        "xdg/openstack/clouds.yml",
        "clouds: {xdgyml: {auth: {auth_url: 'http://y/v2.0'}}}\n",
    );
    assert_eq!(
        value(&explain(&env, None), "cloud").as_deref(),
        Some("xdgyml")
    );
    d.write(
        "xdg/openstack/clouds.yaml",
        "clouds: {xdgyaml: {auth: {auth_url: 'http://y/v2.0'}}}\n",
    );
    assert_eq!(
        value(&explain(&env, None), "cloud").as_deref(),
        Some("xdgyaml")
    );
    // A relative XDG_CONFIG_HOME is ignored, as the XDG rules say.
    let env = d.env().var("XDG_CONFIG_HOME", "relative");
    assert_eq!(
        value(&explain(&env, None), "cloud").as_deref(),
        Some("home")
    );
}

#[test]
fn os_client_config_file_goes_first_and_an_unparsable_file_is_skipped() {
    let d = Dirs::new("override");
    d.write("cwd/clouds.yaml", ONE);
    let other = d.write(
        "elsewhere/my.yaml",
        "clouds:\n  mine:\n    auth: {auth_url: 'http://mine/v2.0', username: m, password: x}\n",
    );
    let env = d
        .env()
        .var("OS_CLIENT_CONFIG_FILE", other.display().to_string());
    let e = explain(&env, None);
    assert_eq!(value(&e, "cloud").as_deref(), Some("mine"));
    assert_eq!(
        file_key(&e, "auth_url"),
        (other.clone(), "clouds.mine.auth.auth_url".into())
    );

    std::fs::write(&other, "clouds: [unclosed\n").unwrap();
    let e = explain(&env, None);
    assert_eq!(value(&e, "cloud").as_deref(), Some("one"), "{e}");
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("skipped") && n.contains("my.yaml")),
        "{e}"
    );

    // A file that parses but is not a mapping is an error naming it.
    std::fs::write(&other, "just a string\n").unwrap();
    let err = error(&env, None);
    assert!(
        err.contains("my.yaml") && err.contains("not a mapping"),
        "{err}"
    );
}

#[test]
fn secure_yaml_is_deep_merged_over_clouds_yaml_and_its_values_win() {
    let d = Dirs::new("secure");
    let clouds = d.write(
        "cwd/clouds.yaml",
        "clouds:\n  c:\n    auth:\n      auth_url: http://c.example:5000/v2.0\n      username: admin\n      password: from-clouds\n      project_name: admin\n    region_name: RegionOne\n",
    );
    let secure = d.write(
        "home/.config/openstack/secure.yaml",
        "clouds:\n  c:\n    auth:\n      password: Pw-from-secure-42\n",
    );
    let e = explain(&d.env(), None);
    assert_eq!(
        file_key(&e, "password"),
        (secure.clone(), "clouds.c.auth.password".into())
    );
    assert_eq!(
        file_key(&e, "username"),
        (clouds.clone(), "clouds.c.auth.username".into())
    );
    assert_eq!(value(&e, "password").as_deref(), Some("***"));
    let shown = e.to_string();
    assert!(
        !shown.contains("Pw-from-secure-42") && !shown.contains("from-clouds"),
        "{shown}"
    );
    assert!(e.notes.iter().any(|n| n.contains("secure file")), "{e}");

    // OS_CLIENT_SECURE_FILE goes first.
    let mine = d.write(
        "s/secure.json",
        r#"{"clouds": {"c": {"auth": {"username": "other"}}}}"#,
    );
    let env = d
        .env()
        .var("OS_CLIENT_SECURE_FILE", mine.display().to_string());
    let e = explain(&env, None);
    assert_eq!(value(&e, "username").as_deref(), Some("other"));
    assert_eq!(
        file_key(&e, "password").0,
        clouds,
        "only the first secure file is merged"
    );

    // No secure file at all is fine.
    std::fs::remove_file(&secure).unwrap();
    let e = explain(&d.env(), None);
    assert_eq!(file_key(&e, "password").0, clouds);
    // And the builder builds (no I/O).
    ClientBuilder::from_config(&d.env(), None)
        .unwrap()
        .build()
        .unwrap();
}

#[test]
fn a_profile_from_clouds_public_yaml_lies_under_the_clouds_own_keys() {
    let d = Dirs::new("profile");
    let public = d.write(
        "site/clouds-public.yaml",
        "public-clouds:\n  vendor:\n    auth:\n      auth_url: http://vendor.example:5000/v2.0\n      project_name: vendor-default\n    identity_api_version: '2.0'\n    regions: [East, West]\n    interface: internal\n",
    );
    d.write(
        "cwd/clouds.yaml",
        "clouds:\n  mine:\n    profile: vendor\n    auth:\n      username: me\n      password: pw\n      project_name: mine\n  old:\n    cloud: vendor\n    auth: {username: me, password: pw}\n",
    );
    let e = explain(&d.env(), Some("mine"));
    assert_eq!(
        file_key(&e, "auth_url"),
        (public.clone(), "public-clouds.vendor.auth.auth_url".into())
    );
    assert_eq!(
        value(&e, "tenant_name").as_deref(),
        Some("mine"),
        "the cloud's own key wins"
    );
    assert_eq!(
        value(&e, "region_name").as_deref(),
        Some("East"),
        "the profile's first region"
    );
    assert_eq!(value(&e, "interface").as_deref(), Some("internalURL"));
    // The old name `cloud:` works, with a note.
    let e = explain(&d.env(), Some("old"));
    assert_eq!(value(&e, "tenant_name").as_deref(), Some("vendor-default"));
    assert!(e.notes.iter().any(|n| n.contains("old key `cloud`")), "{e}");
    // An unknown profile is a note, not an error.
    d.write(
        "cwd/clouds.yaml",
        "clouds:\n  x:\n    profile: nowhere\n    auth: {auth_url: 'http://x/v2.0'}\n",
    );
    let e = explain(&d.env(), None);
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("nowhere") && n.contains("not found")),
        "{e}"
    );
}

#[test]
fn regions_the_first_by_default_values_per_region_and_an_unknown_one_lists_the_valid_ones() {
    let d = Dirs::new("regions");
    let file = d.write(
        "cwd/clouds.yaml",
        "clouds:\n  r:\n    auth: {auth_url: 'http://r/v2.0', username: u, password: p}\n    regions:\n      - name: North\n        values:\n          api_timeout: 7\n      - South\n  legacy:\n    auth: {auth_url: 'http://l/v2.0'}\n    region_name: 'A,B'\n",
    );
    let e = explain(&d.env(), Some("r"));
    assert_eq!(value(&e, "region_name").as_deref(), Some("North"));
    assert_eq!(
        file_key(&e, "region_name"),
        (file.clone(), "clouds.r.regions[0].name".into())
    );
    assert_eq!(value(&e, "timeout").as_deref(), Some("7s"));
    assert_eq!(
        file_key(&e, "timeout").1,
        "clouds.r.regions[0].values.api_timeout"
    );

    let env = d.env().var("OS_REGION_NAME", "South");
    let e = explain(&env, Some("r"));
    assert_eq!(value(&e, "region_name").as_deref(), Some("South"));
    assert_eq!(
        source(&e, "region_name"),
        Source::Env("OS_REGION_NAME".into())
    );
    assert_eq!(value(&e, "timeout").as_deref(), Some("30s"));

    let env = d.env().var("OS_REGION_NAME", "south");
    let err = error(&env, Some("r"));
    assert!(
        err.contains("\"south\"") && err.contains("North, South") && err.contains("case-sensitive"),
        "{err}"
    );
    assert!(err.contains(&file.display().to_string()), "{err}");

    // region_name with commas is a list of regions, the first by default.
    let e = explain(&d.env(), Some("legacy"));
    assert_eq!(value(&e, "region_name").as_deref(), Some("A"));
    let err = error(&d.env().var("OS_REGION_NAME", "C"), Some("legacy"));
    assert!(err.contains("A, B"), "{err}");

    // A region entry with other keys is refused, naming where it is.
    d.write(
        "cwd/clouds.yaml",
        "clouds:\n  bad:\n    regions:\n      - {name: X, extra: 1}\n",
    );
    let err = error(&d.env(), None);
    assert!(err.contains("clouds.bad.regions[0]"), "{err}");
}

#[test]
fn the_envvars_cloud_is_the_default_without_os_cloud_and_selectors_alone_do_not_make_it() {
    let d = Dirs::new("envvars");
    let env = d
        .env()
        .var("OS_AUTH_URL", "http://env.example:5000/v2.0")
        .var("OS_USERNAME", "envuser")
        .var("OS_PASSWORD", "env-secret-pw")
        .var("OS_TENANT_NAME", "envtenant")
        .var("OS_REGION_NAME", "EnvRegion")
        .var("OS_INTERFACE", "internal")
        .var("OS_TRUST_ID", "trust-1")
        .var("OS_API_TIMEOUT", "12.5")
        .var("OS_TEST_SOMETHING", "ignored");
    let e = explain(&env, None);
    assert_eq!(value(&e, "cloud").as_deref(), Some("envvars"));
    assert_eq!(source(&e, "auth_url"), Source::Env("OS_AUTH_URL".into()));
    assert_eq!(source(&e, "password"), Source::Env("OS_PASSWORD".into()));
    assert_eq!(value(&e, "tenant_name").as_deref(), Some("envtenant"));
    assert_eq!(value(&e, "region_name").as_deref(), Some("EnvRegion"));
    assert_eq!(value(&e, "interface").as_deref(), Some("internalURL"));
    assert_eq!(value(&e, "trust_id").as_deref(), Some("trust-1"));
    assert_eq!(value(&e, "timeout").as_deref(), Some("12.5s"));
    assert!(!e.to_string().contains("env-secret-pw"));

    // OS_ENDPOINT_TYPE is the old name of OS_INTERFACE; OS_CLOUD_NAME renames the cloud.
    let env2 = d
        .env()
        .var("OS_AUTH_URL", "http://e/v2.0")
        .var("OS_ENDPOINT_TYPE", "adminURL")
        .var("OS_CLOUD_NAME", "fromenv");
    let e = explain(&env2, None);
    assert_eq!(value(&e, "cloud").as_deref(), Some("fromenv"));
    assert_eq!(value(&e, "interface").as_deref(), Some("adminURL"));

    // The legacy keystone CLI's admin token bootstrap.
    let env3 = d
        .env()
        .var("OS_SERVICE_TOKEN", "ADMIN")
        .var("OS_SERVICE_ENDPOINT", "http://e:35357/v2.0");
    let e = explain(&env3, None);
    assert_eq!(source(&e, "token"), Source::Env("OS_SERVICE_TOKEN".into()));
    assert_eq!(
        source(&e, "endpoint"),
        Source::Env("OS_SERVICE_ENDPOINT".into())
    );
    ClientBuilder::from_config(&env3, None)
        .unwrap()
        .build()
        .unwrap();

    // Selecting variables alone make no cloud; with a file, its only cloud is used.
    let env4 = d
        .env()
        .var("OS_REGION_NAME", "X")
        .var("OS_CLIENT_CONFIG_FILE", "/nonexistent");
    let e = explain(&env4, None);
    assert!(e.get("cloud").is_none(), "{e}");
    assert!(
        e.notes.iter().any(|n| n.contains("no clouds.yaml found")),
        "{e}"
    );
    d.write("cwd/clouds.yaml", ONE);
    assert_eq!(
        value(&explain(&d.env(), None), "cloud").as_deref(),
        Some("one")
    );
    // With both a file and OS_* variables, the envvars cloud is the default ...
    assert_eq!(
        value(&explain(&env, None), "cloud").as_deref(),
        Some("envvars")
    );
    // ... and OS_CLOUD picks the file's, without mixing the variables in.
    let e = explain(&env.clone().var("OS_CLOUD", "one"), None);
    assert_eq!(value(&e, "username").as_deref(), Some("u1"));
    assert_eq!(source(&e, "cloud"), Source::Env("OS_CLOUD".into()));
    // A file cloud called like the envvars cloud is an error, as in openstacksdk.
    d.write(
        "cwd/clouds.yaml",
        "clouds: {envvars: {auth: {auth_url: 'http://x/v2.0'}}}\n",
    );
    let err = error(&env, None);
    assert!(
        err.contains("envvars") && err.contains("OS_CLOUD_NAME"),
        "{err}"
    );
}

#[test]
fn an_argument_wins_over_os_cloud_and_unknown_or_ambiguous_clouds_are_errors_listing_the_names() {
    let d = Dirs::new("select");
    let file = d.write(
        "cwd/clouds.yaml",
        "clouds:\n  alpha: {auth: {auth_url: 'http://a/v2.0'}}\n  beta: {auth: {auth_url: 'http://b/v2.0'}}\n",
    );
    let env = d.env().var("OS_CLOUD", "alpha");
    let e = explain(&env, Some("beta"));
    assert_eq!(value(&e, "cloud").as_deref(), Some("beta"));
    assert_eq!(source(&e, "cloud"), Source::Argument);
    assert_eq!(
        value(&explain(&env, None), "cloud").as_deref(),
        Some("alpha")
    );

    let err = error(&d.env(), None);
    assert!(
        err.contains("several clouds") && err.contains("alpha, beta") && err.contains("OS_CLOUD"),
        "{err}"
    );
    let err = error(&d.env().var("OS_CLOUD", "gamma"), None);
    assert!(
        err.contains("\"gamma\"") && err.contains("OS_CLOUD") && err.contains("alpha, beta"),
        "{err}"
    );
    assert!(err.contains(&file.display().to_string()), "{err}");
    // from_env / from_cloud defer the error to build(), and explain() shows it.
    let b = ClientBuilder::from_config(&d.env(), Some("gamma")).unwrap_err();
    assert!(b.to_string().contains("gamma"));
    let err = error(&Dirs::new("empty").env(), Some("anything"));
    assert!(
        err.contains("no clouds.yaml") && err.contains("no cloud is defined"),
        "{err}"
    );
}

#[test]
fn top_level_keys_win_over_auth_and_project_over_tenant_except_with_v2password() {
    let d = Dirs::new("keys");
    d.write(
        "cwd/clouds.yaml",
        "clouds:\n  k:\n    username: top-user\n    auth:\n      auth_url: http://k/v2.0\n      username: auth-user\n      password: p\n      tenant_name: the-tenant\n      project_name: the-project\n      project-id: dashed-id\n  v2:\n    auth_type: v2password\n    auth:\n      auth_url: http://k/v2.0\n      username: u\n      password: p\n      tenant_name: the-tenant\n      project_name: the-project\n",
    );
    let e = explain(&d.env(), Some("k"));
    assert_eq!(value(&e, "username").as_deref(), Some("top-user"));
    assert_eq!(file_key(&e, "username").1, "clouds.k.username");
    assert_eq!(value(&e, "tenant_name").as_deref(), Some("the-project"));
    assert_eq!(
        value(&e, "tenant_id").as_deref(),
        Some("dashed-id"),
        "- is _"
    );
    let e = explain(&d.env(), Some("v2"));
    assert_eq!(value(&e, "tenant_name").as_deref(), Some("the-tenant"));
}

#[test]
fn auth_types_v3_and_domains() {
    let d = Dirs::new("auth");
    let file = d.write(
        "cwd/clouds.yaml",
        "clouds:\n  tok:\n    auth_type: v2token\n    auth: {auth_url: 'http://t/v2.0', token: abc, password: unused, project_name: p}\n  admin:\n    auth_type: admin_token\n    auth: {token: ADMIN, endpoint: 'http://t:35357/v2.0'}\n  noendpoint:\n    auth_type: admin_token\n    auth: {token: ADMIN}\n  v3:\n    identity_api_version: 3\n    auth: {auth_url: 'http://t/v3'}\n  appcred:\n    auth_type: v3applicationcredential\n    auth: {auth_url: 'http://t/v3'}\n  domains:\n    identity_api_version: '2.0'\n    auth:\n      auth_url: http://t/v2.0\n      username: u\n      password: p\n      user_domain_name: Default\n      project_domain_id: default\n",
    );
    let e = explain(&d.env(), Some("tok"));
    assert_eq!(value(&e, "token").as_deref(), Some("***"));
    assert!(e.get("password").is_none());
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("password") && n.contains("ignored")),
        "{e}"
    );
    let b = ClientBuilder::from_config(&d.env(), Some("admin")).unwrap();
    assert_eq!(
        value(&b.explain(), "endpoint").as_deref(),
        Some("http://t:35357/v2.0")
    );
    b.build().unwrap();
    let err = error(&d.env(), Some("noendpoint"));
    assert!(
        err.contains("admin_token") && err.contains("endpoint"),
        "{err}"
    );
    let err = error(&d.env(), Some("v3"));
    assert!(
        err.contains("identity_api_version 3")
            && err.contains("v2.0")
            && err.contains(&file.display().to_string()),
        "{err}"
    );
    let err = error(&d.env(), Some("appcred"));
    assert!(
        err.contains("v3applicationcredential") && err.contains("v2password"),
        "{err}"
    );
    let e = explain(&d.env(), Some("domains"));
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("auth.user_domain_name ignored") && n.contains("no domains")),
        "{e}"
    );
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("auth.project_domain_id ignored")),
        "{e}"
    );
    // OS_IDENTITY_API_VERSION and OS_AUTH_TYPE are read too.
    let err = error(
        &d.env()
            .var("OS_AUTH_URL", "http://x/v2.0")
            .var("OS_IDENTITY_API_VERSION", "3"),
        None,
    );
    assert!(err.contains("OS_IDENTITY_API_VERSION"), "{err}");
    let err = error(
        &d.env()
            .var("OS_AUTH_URL", "http://x/v2.0")
            .var("OS_AUTH_TYPE", "v3password"),
        None,
    );
    assert!(err.contains("OS_AUTH_TYPE"), "{err}");
}

#[test]
fn tls_insecure_wins_verify_false_ignores_cacert_and_paths_are_expanded() {
    let d = Dirs::new("tls");
    let file = d.write(
        "cwd/conf/clouds.yaml",
        "clouds:\n  ins:\n    insecure: true\n    cacert: ca.pem\n    auth: {auth_url: 'https://t/v2.0'}\n  nover:\n    verify: false\n    cacert: ca.pem\n    auth: {auth_url: 'https://t/v2.0'}\n  ca:\n    cacert: ca.pem\n    cert: ~/client.pem\n    key: /abs/client.key\n    auth: {auth_url: 'https://t/v2.0'}\n",
    );
    let env = d
        .env()
        .var("OS_CLIENT_CONFIG_FILE", file.display().to_string());
    let e = explain(&env, Some("ins"));
    assert_eq!(value(&e, "insecure").as_deref(), Some("true"));
    assert!(e.get("cacert").is_none());
    let e = explain(&env, Some("nover"));
    assert_eq!(value(&e, "insecure").as_deref(), Some("true"));
    assert_eq!(file_key(&e, "insecure").1, "clouds.nover.verify");
    assert!(
        e.notes
            .iter()
            .any(|n| n.contains("cacert") && n.contains("verify is false")),
        "{e}"
    );
    let e = explain(&env, Some("ca"));
    assert_eq!(value(&e, "insecure").as_deref(), Some("false"));
    assert_eq!(source(&e, "insecure"), Source::Default);
    let conf = file.parent().unwrap();
    assert_eq!(
        value(&e, "cacert"),
        Some(conf.join("ca.pem").display().to_string()),
        "relative to its file"
    );
    assert_eq!(
        value(&e, "cert"),
        Some(d.home().join("client.pem").display().to_string())
    );
    assert_eq!(value(&e, "key").as_deref(), Some("/abs/client.key"));
    // A relative OS_CACERT is relative to the current directory.
    let e = explain(
        &d.env()
            .var("OS_AUTH_URL", "https://t/v2.0")
            .var("OS_CACERT", "ca.pem"),
        None,
    );
    assert_eq!(
        value(&e, "cacert"),
        Some(d.cwd().join("ca.pem").display().to_string())
    );
}

#[test]
fn explain_names_arguments_defaults_and_never_a_secret() {
    let d = Dirs::new("explain");
    d.write("cwd/clouds.yaml", ONE);
    let b = ClientBuilder::from_config(&d.env(), None)
        .unwrap()
        .username("override")
        .timeout(std::time::Duration::from_secs(5));
    let e = b.explain();
    assert_eq!(source(&e, "username"), Source::Argument);
    assert_eq!(source(&e, "timeout"), Source::Argument);
    assert_eq!(source(&e, "retries"), Source::Default);
    assert_eq!(file_key(&e, "auth_url").1, "clouds.one.auth.auth_url");
    let shown = e.to_string();
    assert!(shown.contains("auth_url") && shown.contains("default") && shown.contains("argument"));
    assert!(!shown.contains("p1"), "{shown}");
}
