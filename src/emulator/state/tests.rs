//! The state's rules: ids and times as Keystone writes them, the catalog, tokens, cascades.

use super::catalog::*;
use super::model::*;
use super::*;
use serde_json::Value;

fn state() -> State {
    State::bootstrap(&Bootstrap {
        admin_password: "secret".into(),
        public_url: "http://127.0.0.1:1/v2.0".into(),
        admin_url: "http://127.0.0.1:2/v2.0".into(),
        token_lifetime: Duration::from_secs(60),
        compute: false,
    })
}

#[test]
fn token_times_are_written_like_chrono_formats_them() {
    let format = |t: DateTime<Utc>| t.format("%Y-%m-%dT%H:%M:%S.000000Z").to_string();
    let times = [
        DateTime::<Utc>::from_timestamp(0, 0).unwrap(),
        DateTime::<Utc>::from_timestamp(1_700_000_007, 999_999_999).unwrap(),
        DateTime::<Utc>::from_timestamp(253_402_300_799, 0).unwrap(),
        DateTime::<Utc>::from_timestamp(-62_167_219_201, 0).unwrap(),
        DateTime::<Utc>::MAX_UTC,
        DateTime::<Utc>::MIN_UTC,
    ];
    for t in times {
        assert_eq!(isotime(t), format(t), "{t:?}");
    }
    assert_eq!(isotime(times[1]), "2023-11-14T22:13:27.000000Z");
}

#[test]
fn the_access_body_has_the_tenant_with_its_extras_the_catalog_and_the_roles() {
    let mut s = state();
    let now = Utc::now();
    let (user, project) = (s.users[0].id.clone(), s.projects[0].id.clone());
    let tenant = &mut s.projects[0];
    tenant.extra.insert("zone".into(), json!("z1"));
    tenant.extra.insert("alpha".into(), json!([1, {"b": null}]));
    // A fixed attribute wins over an extra one of the same name.
    tenant.extra.insert("name".into(), json!("shadowed"));
    let scoped = s
        .issue_token(
            now,
            TokenRequest {
                user_id: &user,
                project_id: Some(&project),
                expires: None,
                parent_audit_id: Some("parent".into()),
                methods: &["password"],
            },
        )
        .unwrap();
    let token = &s.tokens[&scoped];
    let body: Value = serde_json::from_slice(&s.access_body(token)).unwrap();
    let ep = &s.endpoints;
    let expected = json!({"access": {
        "token": {
            "expires": isotime(token.expires),
            "issued_at": isotime(token.issued_at),
            "audit_ids": [token.audit_ids[0], "parent"],
            "id": scoped,
            "tenant": {
                "id": project,
                "name": "admin",
                "description": BOOTSTRAP_DESCRIPTION,
                "enabled": true,
                "zone": "z1",
                "alpha": [1, {"b": null}],
            },
        },
        "user": {
            "id": user,
            "name": "admin",
            "username": "admin",
            "roles": [{"name": "admin"}],
            "roles_links": [],
        },
        "serviceCatalog": [{
            "name": "keystone",
            "type": "identity",
            "endpoints_links": [],
            "endpoints": [{
                "id": ep[0].id,
                "publicURL": "http://127.0.0.1:1/v2.0",
                "internalURL": "http://127.0.0.1:1/v2.0",
                "adminURL": "http://127.0.0.1:2/v2.0",
                "region": "RegionOne",
            }],
        }],
        "metadata": {"roles": [s.roles[0].id], "is_admin": 0},
    }});
    assert_eq!(body, expected);
    // The tenant is the one the tenant API shows.
    assert_eq!(body["access"]["token"]["tenant"], s.projects[0].to_v2());

    // Unscoped: no tenant, no catalog, no roles.
    let unscoped = s
        .issue_token(
            now,
            TokenRequest {
                user_id: &user,
                project_id: None,
                expires: None,
                parent_audit_id: None,
                methods: &["password"],
            },
        )
        .unwrap();
    let body: Value = serde_json::from_slice(&s.access_body(&s.tokens[&unscoped])).unwrap();
    assert!(body["access"]["token"].get("tenant").is_none());
    assert_eq!(body["access"]["serviceCatalog"], json!([]));
    assert_eq!(body["access"]["metadata"]["roles"], json!([]));
    assert_eq!(body["access"]["user"]["roles"], json!([]));
}

#[test]
fn urls_are_formatted_like_keystone() {
    assert_eq!(
        format_url("http://h/v2/$(tenant_id)s", "u", Some("t")).as_deref(),
        Some("http://h/v2/t")
    );
    assert_eq!(format_url("http://h/$(tenant_id)s", "u", None), None);
    assert_eq!(
        format_url("http://h/$(user_id)s/%%", "u", None).as_deref(),
        Some("http://h/u/%")
    );
    assert_eq!(format_url("http://h/a%20b", "u", None), None);
    assert_eq!(format_url("http://h/$(nope)s", "u", None), None);
    assert_eq!(format_url("http://h/$(tenant_id", "u", Some("t")), None);
    assert_eq!(
        format_url("http://h:$(public_port)s/", "u", None).as_deref(),
        Some("http://h:5000/")
    );
    assert!(valid_endpoint_url("http://h/$(tenant_id)s/%%"));
    assert!(!valid_endpoint_url("http://h/$(nope)s"));
    assert!(!valid_endpoint_url("http://pub3/%(tenant_id)s/x%y"));
    assert!(!valid_endpoint_url("http://h/$(tenant_id)d"));
}

#[test]
fn bootstrap_catalog_has_one_identity_entry() {
    let s = state();
    let admin = &s.users[0];
    let catalog = s.catalog_v2(&admin.id, Some(&s.projects[0].id));
    let formatted = serde_json::to_value(format_catalog(&catalog)).unwrap();
    assert_eq!(formatted.as_array().unwrap().len(), 1);
    assert_eq!(formatted[0]["type"], "identity");
    let ep = &formatted[0]["endpoints"][0];
    assert_eq!(ep["publicURL"], "http://127.0.0.1:1/v2.0");
    assert_eq!(ep["adminURL"], "http://127.0.0.1:2/v2.0");
    assert_eq!(ep["region"], "RegionOne");
    let listed = s.endpoints_v2();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], ep["id"]);
}

#[test]
fn tokens_expire_and_are_revoked() {
    let mut s = state();
    let now = Utc::now();
    let (user, project) = (s.users[0].id.clone(), s.projects[0].id.clone());
    let id = s
        .issue_token(
            now,
            TokenRequest {
                user_id: &user,
                project_id: Some(&project),
                expires: None,
                parent_audit_id: None,
                methods: &["password"],
            },
        )
        .unwrap();
    assert!(s.valid_token(&id, now).is_some());
    assert!(s
        .valid_token(&id, now + chrono::Duration::seconds(61))
        .is_none());
    s.revoke_tokens(|t| t.user_id == user);
    assert!(s.valid_token(&id, now).is_none());
    assert_eq!(s.revoked_tokens(now).len(), 1);
    // No role on a tenant: no token scoped to it.
    s.grants.clear();
    let refused = s.issue_token(
        now,
        TokenRequest {
            user_id: &user,
            project_id: Some(&project),
            expires: None,
            parent_audit_id: None,
            methods: &["password"],
        },
    );
    assert_eq!(refused.unwrap_err().status, http::StatusCode::UNAUTHORIZED);
}

#[test]
fn the_token_table_holds_only_the_tokens_of_one_lifetime() {
    let mut s = state();
    let start = Utc::now();
    let user = s.users[0].id.clone();
    for i in 0..1_000 {
        let now = start + chrono::Duration::seconds(i);
        s.issue_token(
            now,
            TokenRequest {
                user_id: &user,
                project_id: None,
                expires: None,
                parent_audit_id: None,
                methods: &["password"],
            },
        )
        .unwrap();
        // Revoked tokens stay listed until they expire, then go too.
        s.revoke_tokens(|_| true);
    }
    let last = start + chrono::Duration::seconds(999);
    assert!(s.tokens.len() <= 62, "{} tokens kept", s.tokens.len());
    assert!(s.tokens.values().all(|t| t.expires >= last));
    assert_eq!(s.revoked_tokens(last).len(), s.tokens.len());
}

#[test]
fn a_short_lived_token_issued_after_a_long_lived_one_is_forgotten_when_it_expires() {
    let mut s = state();
    let start = Utc::now();
    let user = s.users[0].id.clone();
    let issue = |s: &mut State, now, expires| {
        s.issue_token(
            now,
            TokenRequest {
                user_id: &user,
                project_id: None,
                expires,
                parent_audit_id: None,
                methods: &["password"],
            },
        )
        .unwrap()
    };
    s.token_lifetime = Duration::from_secs(3600);
    let long = issue(&mut s, start, None);
    s.token_lifetime = Duration::from_secs(10);
    let short = issue(&mut s, start, None);
    // A token obtained from another keeps the other's (here: an even earlier) expiry.
    let kept_expiry = issue(&mut s, start, Some(start + chrono::Duration::seconds(5)));
    let later = issue(&mut s, start + chrono::Duration::seconds(6), None);
    assert!(!s.tokens.contains_key(&kept_expiry));
    assert!(s.tokens.contains_key(&short));
    issue(&mut s, start + chrono::Duration::seconds(12), None);
    assert!(!s.tokens.contains_key(&short));
    assert!(s.tokens.contains_key(&long) && s.tokens.contains_key(&later));
    assert_eq!(s.tokens.len(), 3);
}

#[test]
fn ids_are_random_version_4_uuids_and_never_repeat() {
    // More than one pool's worth, so that refills are crossed.
    let ids: std::collections::HashSet<uuid::Uuid> = (0..1_000).map(|_| random_uuid()).collect();
    assert_eq!(ids.len(), 1_000);
    assert!(ids
        .iter()
        .all(|u| u.get_version() == Some(uuid::Version::Random)
            && u.get_variant() == uuid::Variant::RFC4122));
    let id = new_id();
    assert!(id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(new_audit_id().len(), 22);
}

#[test]
fn deleting_a_resource_leaves_nothing_of_it_behind() {
    let mut s = state();
    let sizes = |s: &State| {
        (
            s.projects.len(),
            s.users.len(),
            s.grants.len(),
            s.credentials.len(),
        )
    };
    let before = sizes(&s);
    let role = s.roles[0].id.clone();
    for i in 0..100 {
        let (project, user) = (new_id(), new_id());
        s.projects.push(Project {
            id: project.clone(),
            name: format!("p{i}"),
            description: Value::Null,
            enabled: true,
            extra: Map::new(),
        });
        s.users.push(User {
            id: user.clone(),
            name: format!("u{i}"),
            password: None,
            enabled: true,
            default_project_id: Some(project.clone()),
            extra: Map::new(),
        });
        s.add_grant(&user, &project, &role).unwrap();
        s.credentials.push(Credential {
            access: new_id(),
            secret: new_id(),
            user_id: user.clone(),
            project_id: project.clone(),
        });
        if i % 2 == 0 {
            s.delete_project(&project).unwrap();
            s.delete_user(&user).unwrap();
        } else {
            s.delete_user(&user).unwrap();
            s.delete_project(&project).unwrap();
        }
    }
    assert_eq!(sizes(&s), before);
}
