//! The real exchanges the server answers with: the project's own captures of a Keystone
//! 12.0.3 (`tests/data/captures/*.http`, copied unchanged from the project's reference
//! samples), with the captured token ids and EC2 secrets replaced by the fuzz secrets, the
//! URLs pointed at the hostile server and the expiry moved to the far future.

use std::collections::HashMap;

use keystone_v2::operations::{Operation, OPERATIONS};

use super::{EC2_SECRET, OTHER_TOKEN, SUBJECT_TOKEN, TOKEN};

macro_rules! files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/captures/", $name, ".http")))),*]
    };
}

/// Every capture kept, by file name.
const FILES: &[(&str, &str)] = files!(
    "000-versions-public",
    "002-v2-public",
    "006-extensions-admin",
    "007-extension-get-OS-KSADM",
    "008-extension-get-unknown",
    "010-token-password-tenantName",
    "015-token-bad-password",
    "017-token-malformed",
    "022-tenants-admin",
    "023-tenants-admin-by-name",
    "030-tenant-create",
    "030c-tenant-create-duplicate",
    "031-tenant-get",
    "032-tenant-update-post",
    "032b-tenant-update-put",
    "035-tenant-get-404",
    "040-roles-list",
    "041-role-create",
    "042-role-get",
    "050-users-list",
    "051-user-create",
    "052-user-get",
    "053-user-get-by-name",
    "054-user-update",
    "055-user-set-password",
    "055b-user-set-password-nonOSKSADM",
    "056-user-set-enabled-false",
    "058-user-set-tenant",
    "060-tenant-user-role-grant",
    "061-tenant-user-roles-list",
    "062-tenant-users-list",
    "065-admin-api-forbidden-for-member",
    "070-user-global-role-grant",
    "071-user-global-roles-list",
    "072-user-global-role-revoke",
    "073-user-roleRefs",
    "080-services-list",
    "081-service-create",
    "082-service-get",
    "083-endpoints-list",
    "084-endpoint-create",
    "090-ec2-create",
    "091-ec2-list",
    "092-ec2-get",
    "093-ec2tokens-public",
    "094-ec2-delete",
    "100-token-validate",
    "101b-token-validate-belongsTo-wrong",
    "103-token-endpoints",
    "107-token-delete",
    "110-tokens-revoked",
    "111-certificates-ca-admin",
    "112-certificates-signing-admin",
    "130-kscrud-change-password",
    "140-tenant-user-role-revoke",
    "142-endpoint-delete",
    "143-service-delete",
    "144-user-delete",
    "146-role-delete",
    "148-tenant-delete",
);

/// The capture that answers each operation (`*` entries are synthesized below: the
/// reference samples have no exchange for them).
const FOR_OPERATION: &[(&str, &str)] = &[
    ("versions_list", "000-versions-public"),
    ("version_get", "002-v2-public"),
    ("roles_list", "040-roles-list"),
    ("roles_create", "041-role-create"),
    ("roles_get", "042-role-get"),
    ("roles_delete", "146-role-delete"),
    ("services_list", "080-services-list"),
    ("services_create", "081-service-create"),
    ("services_get", "082-service-get"),
    ("services_delete", "143-service-delete"),
    ("users_update_own_password", "130-kscrud-change-password"),
    ("certificates_get_ca", "111-certificates-ca-admin"),
    ("certificates_get_signing", "112-certificates-signing-admin"),
    ("ec2_tokens_authenticate", "093-ec2tokens-public"),
    ("endpoints_list", "083-endpoints-list"),
    ("endpoints_create", "084-endpoint-create"),
    ("endpoints_delete", "142-endpoint-delete"),
    ("extensions_list", "006-extensions-admin"),
    ("extensions_get", "007-extension-get-OS-KSADM"),
    ("ec2_s3tokens_authenticate", "*s3tokens"),
    ("tenants_list", "022-tenants-admin"),
    ("tenants_create", "030-tenant-create"),
    ("tenants_get", "031-tenant-get"),
    ("tenants_update_put", "032b-tenant-update-put"),
    ("tenants_update", "032-tenant-update-post"),
    ("tenants_delete", "148-tenant-delete"),
    ("tenants_list_users", "062-tenant-users-list"),
    ("roles_list_for_user", "061-tenant-user-roles-list"),
    ("roles_add_user_role", "060-tenant-user-role-grant"),
    ("roles_remove_user_role", "140-tenant-user-role-revoke"),
    ("tokens_authenticate", "010-token-password-tenantName"),
    ("tokens_get_revoked", "110-tokens-revoked"),
    ("tokens_validate", "100-token-validate"),
    ("tokens_delete", "107-token-delete"),
    // HEAD: the validation answer, whose body the server leaves out.
    ("tokens_check", "100-token-validate"),
    ("tokens_endpoints", "103-token-endpoints"),
    ("users_list", "050-users-list"),
    ("users_create", "051-user-create"),
    ("users_get", "052-user-get"),
    ("users_update", "054-user-update"),
    ("users_delete", "144-user-delete"),
    ("users_update_enabled", "056-user-set-enabled-false"),
    ("users_update_password", "055-user-set-password"),
    ("users_update_tenant", "058-user-set-tenant"),
    ("ec2_list", "091-ec2-list"),
    ("ec2_create", "090-ec2-create"),
    ("ec2_get", "092-ec2-get"),
    ("ec2_delete", "094-ec2-delete"),
    ("users_update_enabled_legacy", "056-user-set-enabled-false"),
    (
        "users_update_password_legacy",
        "055b-user-set-password-nonOSKSADM",
    ),
    ("role_refs_list", "073-user-roleRefs"),
    ("role_refs_create", "*role-ref-create"),
    ("role_refs_delete", "*no-content"),
    ("roles_list_global_for_user", "071-user-global-roles-list"),
    ("roles_add_global_user_role", "070-user-global-role-grant"),
    (
        "roles_remove_global_user_role",
        "072-user-global-role-revoke",
    ),
    ("users_update_tenant_legacy", "058-user-set-tenant"),
];

/// Captured error answers, served as they are by the `error/captured` kind.
const ERRORS: &[&str] = &[
    "008-extension-get-unknown",
    "015-token-bad-password",
    "017-token-malformed",
    "030c-tenant-create-duplicate",
    "035-tenant-get-404",
    "065-admin-api-forbidden-for-member",
    "070-user-global-role-grant",
    "101b-token-validate-belongsTo-wrong",
];

/// Captured values replaced by the fuzz secrets, so that a leak is recognisable.
const REPLACE: &[(&str, &str)] = &[
    ("bfdf920522b349dc9cee360430e24c9a", TOKEN),
    ("1541506dc1b54bd8a3e697fee0583a41", SUBJECT_TOKEN),
    ("a976bd5ea12b46c08bf7b95f36569b33", SUBJECT_TOKEN),
    ("b847569c6d5541fc97ec05d2c9f0c05c", OTHER_TOKEN),
    ("d5ef390671594d1ebab967b97f0f582d", OTHER_TOKEN),
    ("e03059c2b6314fb29b75545de20d3fd4", EC2_SECRET),
    ("e135a77e08914b9d809f923797544e41", EC2_SECRET),
];

const S3TOKENS: &str = r#"{"token": {"audit_ids": ["q6Gj_hbxSVyWoDwGi7Jdiw"], "catalog": [], "expires_at": "2099-12-31T23:59:59.000000Z", "is_domain": false, "issued_at": "2026-11-29T03:31:19.000000Z", "methods": ["ec2credential"], "project": {"id": "17c188128a744898889d63f768fd7a1e", "name": "admin", "domain": {"id": "default", "name": "Default"}}, "roles": [{"id": "dd8570ee1dac4bc8802e35fe98214ad4", "name": "admin"}], "user": {"id": "3a9a06e4af0a434580a3ac7b9d19f69b", "name": "admin", "domain": {"id": "default", "name": "Default"}}}}"#;
const ROLE_REF_CREATE: &str =
    r#"{"role": {"id": "4ac62852f80645fd83094739cf09fe53", "name": "Member"}}"#;

/// One answer: status line, headers (without framing headers) and body.
#[derive(Debug, Clone)]
pub struct Capture {
    pub name: String,
    pub status: u16,
    pub reason: String,
    /// `Server`, `Vary`, `Content-Type`, `x-openstack-request-id`: the framing headers
    /// (`Content-Length`, `Connection`) and `Date` are the server's to choose.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Whether the body is JSON (certificates are PEM text).
    pub json: bool,
}

/// The captures, rendered for one server root (`http://127.0.0.1:PORT`).
#[derive(Debug)]
pub struct Captures {
    by_name: HashMap<String, Capture>,
    by_op: HashMap<&'static str, &'static str>,
    pub root: String,
}

/// Replaces the captured secrets and URLs, and moves every expiry to the far future.
pub fn render(text: &str, root: &str) -> String {
    let mut out = text
        .replace("http://127.0.0.1:35357", root)
        .replace("http://127.0.0.1:5000", root);
    for (from, to) in REPLACE {
        out = out.replace(from, to);
    }
    let mut result = String::with_capacity(out.len());
    let mut rest = out.as_str();
    const KEY: &str = "\"expires\": \"";
    while let Some(i) = rest.find(KEY) {
        result.push_str(&rest[..i + KEY.len()]);
        rest = &rest[i + KEY.len()..];
        let end = rest.find('"').unwrap_or(0);
        result.push_str("2099-12-31T23:59:59.000000Z");
        rest = &rest[end..];
    }
    result.push_str(rest);
    result
}

fn parse(name: &str, text: &str) -> Capture {
    let response = text
        .split_once("### RESPONSE\n")
        .map(|(_, r)| r)
        .unwrap_or_else(|| panic!("{name}: no response"));
    let (head, body) = response.split_once("\n\n").unwrap_or((response, ""));
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.splitn(3, ' ');
    let _version = parts.next();
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{name}: bad status line {status_line:?}"));
    let reason = parts.next().unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    let mut length = None;
    for line in lines {
        let Some((k, v)) = line.split_once(": ") else {
            continue;
        };
        match k.to_ascii_lowercase().as_str() {
            "content-length" => length = v.trim().parse::<usize>().ok(),
            "connection" | "date" => {}
            _ => headers.push((k.to_owned(), v.to_owned())),
        }
    }
    // The samples keep bodies pretty-printed, so the captured Content-Length (of the compact
    // original) only tells whether there was a body.
    let body = match length {
        Some(_) => body.trim_end_matches('\n').as_bytes().to_vec(),
        None => Vec::new(),
    };
    let json = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("content-type") && v.contains("json"));
    Capture {
        name: name.to_owned(),
        status,
        reason,
        headers,
        body,
        json,
    }
}

fn synthesized(name: &str, status: u16, body: &str) -> Capture {
    let mut headers = vec![
        ("Server".to_owned(), "gunicorn".to_owned()),
        ("Vary".to_owned(), "X-Auth-Token".to_owned()),
    ];
    if !body.is_empty() {
        headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
    }
    headers.push((
        "x-openstack-request-id".to_owned(),
        "req-00000000-0000-4000-8000-000000000000".to_owned(),
    ));
    Capture {
        name: name.to_owned(),
        status,
        reason: if status == 204 { "No Content" } else { "OK" }.to_owned(),
        headers,
        body: body.as_bytes().to_vec(),
        json: !body.is_empty(),
    }
}

impl Captures {
    pub fn new(root: &str) -> Self {
        let mut by_name: HashMap<String, Capture> = FILES
            .iter()
            .map(|(name, text)| {
                let mut c = parse(name, text);
                c.body = render(&String::from_utf8_lossy(&c.body), root).into_bytes();
                (name.to_string(), c)
            })
            .collect();
        for c in [
            synthesized("*s3tokens", 200, S3TOKENS),
            synthesized("*role-ref-create", 200, ROLE_REF_CREATE),
            synthesized("*no-content", 204, ""),
            synthesized(
                "*empty-tenants",
                200,
                r#"{"tenants": [], "tenants_links": []}"#,
            ),
        ] {
            by_name.insert(c.name.clone(), c);
        }
        let by_op = FOR_OPERATION.iter().copied().collect();
        Captures {
            by_name,
            by_op,
            root: root.to_owned(),
        }
    }

    /// The clean answer to an operation; `query` picks the by-name answers of the lists.
    pub fn for_operation(&self, op: Option<&str>, query: &str) -> &Capture {
        let name = match (op, query.contains("name=")) {
            (Some("tenants_list"), true) => "023-tenants-admin-by-name",
            // The page after the first one is empty, so that paging ends.
            (Some("tenants_list"), false) if query.contains("marker=") => "*empty-tenants",
            (Some("users_list"), true) => "053-user-get-by-name",
            (Some(op), _) => self.by_op.get(op).copied().unwrap_or("035-tenant-get-404"),
            (None, _) => "035-tenant-get-404",
        };
        &self.by_name[name]
    }

    pub fn errors(&self) -> impl Iterator<Item = &Capture> {
        ERRORS.iter().map(|n| &self.by_name[*n])
    }

    pub fn get(&self, name: &str) -> &Capture {
        &self.by_name[name]
    }

    /// The token answer, as the `auth_ref` of the fuzzed session clients.
    pub fn access_info(&self) -> keystone_v2::AccessInfo {
        let body = &self.get("010-token-password-tenantName").body;
        let response: keystone_v2::types::AccessResponse =
            serde_json::from_slice(body).expect("the captured token answer decodes");
        keystone_v2::AccessInfo::new(response.access).expect("the captured token is usable")
    }
}

/// The operation a request is for: same method, same segment count, same static segments
/// (the most specific template wins: `/v2.0/tokens/revoked` over `/v2.0/tokens/{token_id}`).
pub fn operation_for(method: &str, path: &str) -> Option<&'static Operation> {
    let segments: Vec<&str> = path.split('/').collect();
    OPERATIONS
        .iter()
        .filter(|o| o.method == method)
        .filter_map(|o| {
            let template: Vec<&str> = o.path.split('/').collect();
            if template.len() != segments.len() {
                return None;
            }
            let mut statics = 0;
            for (t, s) in template.iter().zip(&segments) {
                if t.starts_with('{') {
                    if s.is_empty() {
                        return None;
                    }
                } else if t == s {
                    statics += 1;
                } else {
                    return None;
                }
            }
            Some((statics, o))
        })
        .max_by_key(|(statics, _)| *statics)
        .map(|(_, o)| o)
}
