//! Answers of the v2.0 family that Keystone 12.0.3 does not send but older releases, other
//! v2.0 servers and proxies do, each against a scripted loopback server (no Keystone needed),
//! and the outcome the documentation promises for it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::TryStreamExt;
use keystone_v2::managers::LIST_ALL_MAX_PAGES;
use keystone_v2::{Client, EndpointFilter, Error, Interface};
use serde_json::{json, Value};

#[path = "common/loopback.rs"]
mod loopback;

/// One request the scripted server read.
#[derive(Debug, Clone)]
struct Request {
    method: String,
    /// The path with its query string.
    path: String,
    body: String,
}

impl From<&loopback::Seen> for Request {
    fn from(seen: &loopback::Seen) -> Self {
        Request {
            method: seen.method().to_owned(),
            path: seen.path().to_owned(),
            body: seen.body.clone(),
        }
    }
}

/// A loopback server that answers each request with `handler(request)` (status, JSON body;
/// an empty body is sent without a content type) and closes the connection, keeping every
/// request it read. Returns its `.../v2.0` URL.
async fn serve(
    handler: impl Fn(&Request) -> (u16, String) + Send + Sync + 'static,
) -> (String, Arc<Mutex<Vec<Request>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = log.clone();
    let server = loopback::Server::start("127.0.0.1", move |s| {
        let request = Request::from(s);
        let (status, body) = handler(&request);
        log.lock().unwrap().push(request);
        let status = format!("{status} Scripted");
        match body.is_empty() {
            true => loopback::Reply::Raw(format!(
                "HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            )),
            false => loopback::json(&status, &body),
        }
    })
    .await;
    (server.v2(), seen)
}

fn ok(body: Value) -> (u16, String) {
    (200, body.to_string())
}

/// A client with the static admin token on the scripted server (no authentication).
fn admin_client(url: &str) -> Client {
    Client::builder()
        .token("ADMIN")
        .endpoint(url)
        .retries(0)
        .build()
        .unwrap()
}

/// A password client scoped to tenant `t1`, authenticating on the scripted server.
fn password_client(url: &str, password: &str) -> Client {
    Client::builder()
        .auth_url(url)
        .username("alice")
        .password(password)
        .tenant_id("t1")
        .retries(0)
        .build()
        .unwrap()
}

/// A catalog URL for tests that never call it.
const ELSEWHERE: &str = "http://keystone.invalid:35357/v2.0";

/// A token answer: `token` fields merged into a valid token, the identity service at `url`.
fn access(url: &str, token: Value) -> Value {
    let mut t = json!({"id": "tok-1", "expires": "2099-01-01T00:00:00Z"});
    t.as_object_mut()
        .unwrap()
        .extend(token.as_object().unwrap().clone());
    json!({"access": {
        "token": t,
        "user": {"id": "u1", "name": "alice", "roles": [{"name": "admin"}]},
        "serviceCatalog": [{"type": "identity", "name": "keystone", "endpoints": [
            {"region": "RegionOne", "publicURL": url, "adminURL": url, "internalURL": url}]}]
    }})
}

// 1. A token tenant with only an id.

#[tokio::test]
async fn a_token_tenant_with_only_an_id_gives_a_scoped_token_without_a_tenant_name() {
    let (url, seen) = serve(|_| ok(access(ELSEWHERE, json!({"tenant": {"id": "t1"}})))).await;
    let access = password_client(&url, "pw").authenticate().await.unwrap();
    let sent = seen.lock().unwrap()[0].clone();
    assert_eq!(
        (sent.method.as_str(), sent.path.as_str()),
        ("POST", "/v2.0/tokens")
    );
    assert!(sent.body.contains(r#""tenantId":"t1""#), "{}", sent.body);
    assert!(access.project_scoped());
    assert_eq!(access.tenant_id(), Some("t1"));
    assert_eq!(access.tenant_name(), None);
    assert_eq!(access.project_domain_id(), Some("default"));
}

// 2. audit_ids containing null.

#[tokio::test]
async fn audit_ids_with_nulls_decode_and_the_accessors_skip_the_nulls() {
    let (url, _) = serve(|r| match r.method.as_str() {
        "POST" => ok(access(
            ELSEWHERE,
            json!({"tenant": {"id": "t1", "name": "one"}, "audit_ids": [null, "a1"]}),
        )),
        _ => ok(access(
            ELSEWHERE,
            json!({"id": "other", "tenant": {"id": "t1"}, "audit_ids": ["a2", null, "a3"]}),
        )),
    })
    .await;
    let client = password_client(&url, "pw");
    let access = client.authenticate().await.unwrap();
    assert_eq!(access.audit_id(), Some("a1"));
    assert_eq!(access.audit_chain_id(), None);
    let other = admin_client(&url)
        .tokens()
        .validate_access_info("other")
        .await
        .unwrap();
    assert_eq!(other.audit_id(), Some("a2"));
    assert_eq!(other.audit_chain_id(), Some("a3"));
}

// 3. Role grants answering 204 without a body.

#[tokio::test]
async fn a_role_grant_answered_204_without_a_body_is_ok_none() {
    let (url, seen) = serve(|_| (204, String::new())).await;
    let client = admin_client(&url);
    let granted = client
        .roles()
        .add_user_role("u1", "r1", Some("t1"))
        .await
        .unwrap();
    assert!(granted.is_none(), "{granted:?}");
    assert!(client
        .tenants()
        .add_user("t1", "u1", "r1")
        .await
        .unwrap()
        .is_none());
    let requests = seen.lock().unwrap().clone();
    assert_eq!(requests.len(), 2);
    assert!(requests
        .iter()
        .all(|r| r.method == "PUT" && r.path == "/v2.0/tenants/t1/users/u1/roles/OS-KSADM/r1"));
}

#[tokio::test]
async fn a_role_grant_answered_200_with_the_role_is_ok_some() {
    let (url, _) = serve(|_| ok(json!({"role": {"id": "r1", "name": "Member"}}))).await;
    let role = admin_client(&url)
        .roles()
        .add_user_role("u1", "r1", Some("t1"))
        .await
        .unwrap()
        .expect("the role");
    assert_eq!((role.id.as_str(), role.name.as_str()), ("r1", "Member"));
}

#[tokio::test]
async fn a_role_grant_answered_with_an_undeclared_2xx_is_still_an_invalid_response() {
    let (url, _) = serve(|_| (202, String::new())).await;
    let err = admin_client(&url)
        .roles()
        .add_user_role("u1", "r1", Some("t1"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidResponse { status: 202, .. }),
        "{err:?}"
    );
}

#[test]
fn the_operations_table_lists_the_bodiless_success_of_the_grant_only() {
    let with_empty: Vec<_> = keystone_v2::operations::OPERATIONS
        .iter()
        .filter(|o| !o.empty_success.is_empty())
        .map(|o| (o.id, o.empty_success))
        .collect();
    assert_eq!(with_empty, [("roles_add_user_role", &[204u16][..])]);
}

// 4. Lists in the older {"values": [...], "links": []} form.

#[tokio::test]
async fn list_envelopes_in_the_values_form_decode_like_arrays() {
    let (url, _) = serve(|r| {
        let path = r.path.split('?').next().unwrap_or_default();
        match path {
            "/v2.0/tenants" => ok(json!({"tenants": {"values": [{"id": "t1", "name": "one"}, {"id": "t2", "name": "two"}], "links": []}})),
            "/v2.0/users" => ok(json!({"users": {"values": [{"id": "u1", "name": "alice"}], "links": []}})),
            "/v2.0/tenants/t1/users" => ok(json!({"users": {"values": [{"id": "u2", "name": "bob"}]}})),
            "/v2.0/OS-KSADM/roles" => ok(json!({"roles": {"values": [{"id": "r1", "name": "admin"}], "links": []}})),
            "/v2.0/tenants/t1/users/u1/roles" => ok(json!({"roles": {"values": [{"id": "r2", "name": "Member"}], "links": []}})),
            "/v2.0/users/u1/credentials/OS-EC2" => ok(json!({"credentials": {"values": [{"access": "ak", "secret": "sk", "tenant_id": "t1"}], "links": []}})),
            "/v2.0/OS-KSADM/services" => ok(json!({"OS-KSADM:services": {"values": [{"id": "s1", "type": "identity"}], "links": []}})),
            "/v2.0/endpoints" => ok(json!({"endpoints": {"values": [{"id": "e1", "service_id": "s1"}], "links": []}})),
            _ => (404, json!({"error": {"code": 404, "title": "Not Found", "message": path}}).to_string()),
        }
    })
    .await;
    let c = admin_client(&url);
    let ids = |v: Vec<String>| v.join(",");
    assert_eq!(
        ids(c
            .tenants()
            .list(Default::default())
            .await
            .unwrap()
            .into_iter()
            .map(|t| t.id)
            .collect()),
        "t1,t2"
    );
    let all: Vec<_> = c.tenants().list_all(10).try_collect().await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(c.tenants().get_by_name("two").await.unwrap().id, "t2");
    assert_eq!(c.users().list(None).await.unwrap()[0].id, "u1");
    assert_eq!(c.users().get_by_name("alice").await.unwrap().id, "u1");
    assert_eq!(c.users().list(Some("t1")).await.unwrap()[0].id, "u2");
    assert_eq!(c.tenants().list_users("t1").await.unwrap()[0].id, "u2");
    assert_eq!(c.roles().list().await.unwrap()[0].id, "r1");
    assert_eq!(
        c.roles().roles_for_user("u1", Some("t1")).await.unwrap()[0].id,
        "r2"
    );
    assert_eq!(c.ec2().list("u1").await.unwrap()[0].access, "ak");
    assert_eq!(c.services().list().await.unwrap()[0].id, "s1");
    assert_eq!(c.endpoints().list().await.unwrap()[0].id, "e1");
}

// 5. The own-password change answered without a token.

/// A server whose `POST /v2.0/tokens` accepts `alice` with the password `current` (then
/// `new` once the change was made), and whose OS-KSCRUD change answers `change`.
async fn password_server(change: Value) -> (String, Arc<Mutex<Vec<Request>>>) {
    let tokens = Arc::new(AtomicUsize::new(0));
    let changed = Arc::new(AtomicUsize::new(0));
    let url = Arc::new(Mutex::new(String::new()));
    let (u, seen) = serve({
        let url = url.clone();
        move |r| {
            let url = url.lock().unwrap().clone();
            match (r.method.as_str(), r.path.as_str()) {
                ("POST", "/v2.0/tokens") => {
                    let want = if changed.load(Ordering::SeqCst) > 0 { "\"new\"" } else { "\"current\"" };
                    if !r.body.contains(want) {
                        return (401, json!({"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}).to_string());
                    }
                    let n = tokens.fetch_add(1, Ordering::SeqCst) + 1;
                    ok(access(&url, json!({"id": format!("tok-{n}"), "tenant": {"id": "t1", "name": "one"}})))
                }
                ("PATCH", "/v2.0/OS-KSCRUD/users/u1") => {
                    changed.fetch_add(1, Ordering::SeqCst);
                    ok(change.clone())
                }
                _ => ok(json!({"users": []})),
            }
        }
    })
    .await;
    *url.lock().unwrap() = u.clone();
    (u, seen)
}

#[tokio::test]
async fn own_password_change_answered_without_a_token_reauthenticates_with_the_new_password() {
    let (url, seen) = password_server(json!({"access": {"user": {"id": "u1"}}})).await;
    let client = password_client(&url, "current");
    assert_eq!(client.auth_token().await.unwrap().expose(), "tok-1");
    let access = client
        .users()
        .update_own_password("current", "new")
        .await
        .unwrap();
    assert_eq!(
        access.auth_token().expose(),
        "tok-2",
        "a token from the new password"
    );
    assert_eq!(client.auth_token().await.unwrap().expose(), "tok-2");
    client.invalidate();
    assert_eq!(
        client.authenticate().await.unwrap().auth_token().expose(),
        "tok-3",
        "later re-authentications use the new password too"
    );
    let requests = seen.lock().unwrap().clone();
    let order: Vec<_> = requests.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(order, ["POST", "PATCH", "POST", "POST"]);
    assert!(requests[2].body.contains("\"new\""), "{}", requests[2].body);
}

#[tokio::test]
async fn own_password_change_answered_with_a_token_adopts_it_without_authenticating_again() {
    let (url, seen) = password_server(json!({"access": {
        "token": {"id": "tok-kscrud", "expires": "2099-01-01T00:00:00Z", "tenant": {"id": "t1", "name": "one"}},
        "user": {"id": "u1", "name": "alice"},
        "serviceCatalog": []
    }}))
    .await;
    let client = password_client(&url, "current");
    let access = client
        .users()
        .update_own_password("current", "new")
        .await
        .unwrap();
    assert_eq!(access.auth_token().expose(), "tok-kscrud");
    assert_eq!(client.auth_token().await.unwrap().expose(), "tok-kscrud");
    let order: Vec<_> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|r| r.method.clone())
        .collect();
    assert_eq!(order, ["POST", "PATCH"]);
    client.invalidate();
    client
        .authenticate()
        .await
        .expect("the new password is adopted");
}

#[tokio::test]
async fn own_password_change_without_a_token_on_a_token_client_is_an_honest_error() {
    // The client authenticates with a token, so it has no password to authenticate again with;
    // the server refuses the old token once the password has changed.
    let (url, _) = password_server(json!({"access": {}})).await;
    let answer = access(
        &url,
        json!({"id": "tok-0", "tenant": {"id": "t1", "name": "one"}}),
    );
    let saved =
        keystone_v2::AccessInfo::new(serde_json::from_value(answer["access"].clone()).unwrap())
            .unwrap();
    let client = Client::builder()
        .auth_url(&url)
        .auth_ref(saved)
        .token("tok-0")
        .retries(0)
        .build()
        .unwrap();
    let err = client
        .users()
        .update_own_password("current", "new")
        .await
        .unwrap_err();
    assert!(
        err.is_authorization_failure() && err.to_string().contains("answered no new token"),
        "{err}"
    );
}

// 6. get_endpoints keeps a service type without a matching endpoint.

#[tokio::test]
async fn get_endpoints_answers_a_matching_service_type_with_an_empty_list() {
    let (url, _) = serve(|_| {
        let mut a = access(ELSEWHERE, json!({"tenant": {"id": "t1", "name": "one"}}));
        a["access"]["serviceCatalog"]
            .as_array_mut()
            .unwrap()
            .push(json!({"type": "compute", "name": "nova", "endpoints": [{"region": "RegionOne", "publicURL": "http://nova"}]}));
        ok(a)
    })
    .await;
    let access = password_client(&url, "pw").authenticate().await.unwrap();
    let found = access
        .service_catalog()
        .get_endpoints(&EndpointFilter::new("compute").interface(Interface::Admin));
    assert_eq!(found.len(), 1);
    assert!(found["compute"].is_empty(), "{found:?}");
}

// 7. keystoneclient's project domain, auth_url and management_url.

#[tokio::test]
async fn access_info_answers_project_domain_auth_url_and_management_url() {
    let (url, _) = serve(|_| {
        ok(json!({"access": {
            "token": {"id": "tok", "expires": "2099-01-01T00:00:00Z", "tenant": {"id": "t1", "name": "one"}},
            "user": {"id": "u1"},
            "serviceCatalog": [{"type": "identity", "endpoints": [
                {"region": "RegionOne", "publicURL": "http://one:5000/v2.0", "adminURL": "http://one:35357/v2.0"},
                {"region": "RegionTwo", "publicURL": "http://two:5000/v2.0", "adminURL": "http://two:35357/v2.0"}]}]
        }}))
    })
    .await;
    let client = Client::builder()
        .auth_url(&url)
        .username("alice")
        .password("pw")
        .tenant_id("t1")
        .region_name("RegionTwo")
        .build()
        .unwrap();
    let access = client.authenticate().await.unwrap();
    assert_eq!(access.project_domain_id(), Some("default"));
    assert_eq!(access.project_domain_name(), Some("Default"));
    assert_eq!(access.auth_url(), Some(vec!["http://two:5000/v2.0"]));
    assert_eq!(access.management_url(), Some(vec!["http://two:35357/v2.0"]));
    let anywhere = access.with_region_name(None);
    assert_eq!(
        anywhere.management_url(),
        Some(vec!["http://one:35357/v2.0", "http://two:35357/v2.0"])
    );
}

// 8. list_all against a server that ignores the marker.

fn tenants_page(ids: impl IntoIterator<Item = String>) -> (u16, String) {
    let tenants: Vec<_> = ids
        .into_iter()
        .map(|id| json!({"id": id, "name": id, "enabled": true}))
        .collect();
    ok(json!({"tenants": tenants, "tenants_links": []}))
}

#[tokio::test]
async fn list_all_against_a_server_that_ignores_the_marker_with_new_ids_stops_after_the_max_pages()
{
    // Every answer is a full page of ids never seen before, whatever the marker: this ran
    // 12,776 pages in 15 s before, with an ever-growing set of seen ids.
    let next = Arc::new(AtomicUsize::new(0));
    let (url, seen) = serve(move |_| {
        let n = next.fetch_add(2, Ordering::SeqCst);
        tenants_page([format!("t{n}"), format!("t{}", n + 1)])
    })
    .await;
    let client = admin_client(&url);
    let started = Instant::now();
    let mut got = 0usize;
    let mut stream = std::pin::pin!(client.tenants().list_all(2));
    let err = loop {
        match stream.try_next().await {
            Ok(Some(_)) => got += 1,
            Ok(None) => panic!("the stream ended without an error"),
            Err(e) => break e,
        }
    };
    assert!(
        matches!(err, Error::InvalidResponse { .. })
            && err
                .to_string()
                .contains(&format!("did not end within {LIST_ALL_MAX_PAGES} pages")),
        "{err}"
    );
    let pages = LIST_ALL_MAX_PAGES as usize;
    assert_eq!(
        seen.lock().unwrap().len(),
        pages,
        "exactly the maximum of requests"
    );
    assert_eq!(
        got,
        2 * pages,
        "every tenant answered was yielded before the error"
    );
    assert!(started.elapsed() < Duration::from_secs(60));
    assert!(
        stream.try_next().await.unwrap().is_none(),
        "the stream ends after its error"
    );
}

#[tokio::test]
async fn list_all_with_max_pages_stops_after_that_many_pages() {
    let next = Arc::new(AtomicUsize::new(0));
    let (url, seen) =
        serve(move |_| tenants_page([format!("t{}", next.fetch_add(1, Ordering::SeqCst))])).await;
    let result: Result<Vec<_>, _> = admin_client(&url)
        .tenants()
        .list_all_with_max_pages(1, 5)
        .try_collect()
        .await;
    let err = result.unwrap_err();
    assert!(
        err.to_string().contains("did not end within 5 pages"),
        "{err}"
    );
    assert_eq!(seen.lock().unwrap().len(), 5);
}

#[tokio::test]
async fn list_all_errors_when_a_page_contains_the_marker() {
    // The server starts at the marker instead of after it.
    let (url, seen) = serve(|r| match r.path.split_once("marker=") {
        None => tenants_page(["a".to_owned(), "b".to_owned()]),
        Some((_, marker)) => tenants_page([marker.to_owned(), "c".to_owned()]),
    })
    .await;
    let result: Result<Vec<_>, _> = admin_client(&url).tenants().list_all(2).try_collect().await;
    let err = result.unwrap_err();
    assert!(
        err.to_string().contains("page already seen") && err.to_string().contains("\"b\""),
        "{err}"
    );
    assert_eq!(seen.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn list_all_errors_when_a_page_repeats_a_tenant_of_the_previous_page() {
    let (url, _) = serve(|r| match r.path.split_once("marker=") {
        None => tenants_page(["a".to_owned(), "b".to_owned()]),
        Some(_) => tenants_page(["a".to_owned(), "c".to_owned()]),
    })
    .await;
    let result: Result<Vec<_>, _> = admin_client(&url).tenants().list_all(2).try_collect().await;
    let err = result.unwrap_err();
    assert!(
        err.to_string().contains("page already seen") && err.to_string().contains("\"a\""),
        "{err}"
    );
}

#[tokio::test]
async fn list_all_ends_normally_on_a_short_page() {
    let (url, seen) = serve(|r| match r.path.split_once("marker=") {
        None => tenants_page(["a".to_owned(), "b".to_owned()]),
        Some(_) => tenants_page(["c".to_owned()]),
    })
    .await;
    let all: Vec<_> = admin_client(&url)
        .tenants()
        .list_all(2)
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<_> = all.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let requests = seen.lock().unwrap().clone();
    assert_eq!(requests[1].path, "/v2.0/tenants?limit=2&marker=b");
}
