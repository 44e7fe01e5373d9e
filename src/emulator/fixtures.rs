//! Fixed documents of Keystone 12.0.3: the version documents, the extensions each API lists,
//! and the test certificates served by `/v2.0/certificates/*`.

use base64::Engine as _;
use serde_json::{json, Value};

use crate::operations::Api;

/// The CA certificate (`[signing] ca_certs`) of a throwaway test CA, `CN=ks-test-ca`.
pub(crate) const CA_PEM: &str = include_str!("ca.pem");

/// The token signing certificate (`[signing] certfile`), `CN=ks-test-signing`, issued by the CA.
pub(crate) const SIGNING_PEM: &str = include_str!("signing.pem");

/// The v2.0 version entry; `base` is `http://host:port`.
pub(crate) fn v2_version(base: &str) -> Value {
    json!({
        "id": "v2.0",
        "status": "deprecated",
        "updated": "2016-08-04T00:00:00Z",
        "links": [
            {"rel": "self", "href": format!("{base}/v2.0/")},
            {"rel": "describedby", "type": "text/html", "href": "https://docs.openstack.org/"},
        ],
        "media-types": [
            {"base": "application/json", "type": "application/vnd.openstack.identity-v2.0+json"},
        ],
    })
}

/// `GET /`: both versions (answered with 300 Multiple Choices).
pub(crate) fn versions(base: &str) -> Value {
    json!({"versions": {"values": [
        v2_version(base),
        {
            "id": "v3.8",
            "status": "stable",
            "updated": "2017-02-22T00:00:00Z",
            "links": [{"rel": "self", "href": format!("{base}/v3/")}],
            "media-types": [
                {"base": "application/json", "type": "application/vnd.openstack.identity-v3+json"},
            ],
        },
    ]}})
}

struct Extension {
    alias: &'static str,
    name: &'static str,
    updated: &'static str,
    description: &'static str,
    /// `v2` or `v3`: the API reference the extension links to.
    api_ref: &'static str,
    public: bool,
    admin: bool,
}

const EXTENSIONS: &[Extension] = &[
    Extension {
        alias: "OS-FEDERATION",
        name: "OpenStack Federation APIs",
        updated: "2013-12-17T12:00:0-00:00",
        description: "OpenStack Identity Providers Mechanism.",
        api_ref: "v3",
        public: true,
        admin: true,
    },
    Extension {
        alias: "OS-OAUTH1",
        name: "OpenStack OAUTH1 API",
        updated: "2013-07-07T12:00:0-00:00",
        description: "OpenStack OAuth 1.0a Delegated Auth Mechanism.",
        api_ref: "v3",
        public: true,
        admin: true,
    },
    Extension {
        alias: "OS-REVOKE",
        name: "OpenStack Revoke API",
        updated: "2014-02-24T20:51:0-00:00",
        description: "OpenStack revoked token reporting mechanism.",
        api_ref: "v3",
        public: true,
        admin: true,
    },
    Extension {
        alias: "OS-SIMPLE-CERT",
        name: "OpenStack Simple Certificate API",
        updated: "2014-01-20T12:00:0-00:00",
        description: "OpenStack simple certificate retrieval extension",
        api_ref: "v2",
        public: true,
        admin: true,
    },
    Extension {
        alias: "OS-KSCRUD",
        name: "OpenStack Keystone User CRUD",
        updated: "2013-07-07T12:00:0-00:00",
        description: "OpenStack extensions to Keystone v2.0 API enabling User Operations.",
        api_ref: "v2",
        public: true,
        admin: false,
    },
    Extension {
        alias: "OS-KSADM",
        name: "OpenStack Keystone Admin",
        updated: "2013-07-11T17:14:00-00:00",
        description:
            "OpenStack extensions to Keystone v2.0 API enabling Administrative Operations.",
        api_ref: "v2",
        public: false,
        admin: true,
    },
    Extension {
        alias: "OS-EC2",
        name: "OpenStack EC2 API",
        updated: "2013-07-07T12:00:0-00:00",
        description: "OpenStack EC2 Credentials backend.",
        api_ref: "v2",
        public: true,
        admin: true,
    },
    Extension {
        alias: "s3tokens",
        name: "OpenStack S3 API",
        updated: "2013-07-07T12:00:0-00:00",
        description: "OpenStack S3 API.",
        api_ref: "v2",
        public: false,
        admin: true,
    },
];

fn extension_json(e: &Extension) -> Value {
    json!({
        "name": e.name,
        "namespace": format!("https://docs.openstack.org/identity/api/ext/{}/v1.0", e.alias),
        "alias": e.alias,
        "updated": e.updated,
        "description": e.description,
        "links": [{
            "rel": "describedby",
            "type": "text/html",
            "href": format!("https://developer.openstack.org/api-ref-identity-{}-ext.html", e.api_ref),
        }],
    })
}

fn served_on(e: &Extension, api: Api) -> bool {
    match api {
        Api::Public => e.public,
        Api::Admin => e.admin,
    }
}

/// `GET /v2.0/extensions` on `api`.
pub(crate) fn extensions(api: Api) -> Value {
    let values: Vec<Value> = EXTENSIONS
        .iter()
        .filter(|e| served_on(e, api))
        .map(extension_json)
        .collect();
    json!({"extensions": {"values": values}})
}

/// `GET /v2.0/extensions/{alias}` on `api`, if served there.
pub(crate) fn extension(api: Api, alias: &str) -> Option<Value> {
    EXTENSIONS
        .iter()
        .find(|e| e.alias == alias && served_on(e, api))
        .map(|e| json!({"extension": extension_json(e)}))
}

/// A PEM-armored CMS-like envelope of `json` (the content is the base64 of the JSON document:
/// clients that only check the armor and decode the payload are served; nothing is signed).
pub(crate) fn cms_armor(json: &Value) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(json.to_string());
    let mut out = String::from("-----BEGIN CMS-----\n");
    for line in encoded.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str("-----END CMS-----\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_sets_differ_per_api() {
        let public = extensions(Api::Public);
        let aliases = |v: &Value| -> Vec<String> {
            v["extensions"]["values"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["alias"].as_str().unwrap().to_owned())
                .collect()
        };
        assert!(aliases(&public).contains(&"OS-KSCRUD".to_owned()));
        assert!(!aliases(&public).contains(&"OS-KSADM".to_owned()));
        let admin = extensions(Api::Admin);
        assert_eq!(aliases(&admin).len(), 7);
        assert!(extension(Api::Public, "OS-KSADM").is_none());
        assert!(extension(Api::Admin, "s3tokens").is_some());
    }

    #[test]
    fn cms_armor_wraps_base64_lines() {
        let armored = cms_armor(&json!({"revoked": []}));
        assert!(armored.starts_with("-----BEGIN CMS-----\n"));
        assert!(armored.ends_with("\n-----END CMS-----\n"));
        assert!(armored.lines().all(|l| l.len() <= 64));
    }

    #[test]
    fn certificates_are_pem() {
        for pem in [CA_PEM, SIGNING_PEM] {
            assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\n"));
            assert!(pem.ends_with("-----END CERTIFICATE-----\n"));
        }
    }
}
