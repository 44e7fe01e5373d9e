//! EC2 credentials, ec2tokens and s3tokens (`keystone/contrib/ec2/controllers.py`,
//! `keystone/contrib/s3/core.py`).

use serde_json::{json, Map, Value};

use super::common::{py_str, truthy, Env};
use super::tokens::{access_reply, issue_for_credential};
use crate::emulator::signature::{self, S3Refusal};
use crate::emulator::state::{new_id, Credential};
use crate::emulator::wire::{kwarg, KsError, Outcome, Reply};

/// An admin may act on any user's credentials; anyone else only on their own (403), and needs
/// a valid token (401). Answers whether the caller is an admin.
fn admin_or_self(env: &Env<'_>, user_id: &str) -> Result<bool, KsError> {
    if env.caller.is_admin() {
        return Ok(true);
    }
    if env.caller.principal()?.user_id != user_id {
        return Err(KsError::forbidden());
    }
    Ok(false)
}

/// `GET /v2.0/users/{user_id}/credentials/OS-EC2`.
pub(super) fn list(env: &mut Env<'_>, user_id: &str) -> Outcome {
    admin_or_self(env, user_id)?;
    env.state.user(user_id)?;
    let credentials: Vec<Value> = env
        .state
        .credentials
        .iter()
        .filter(|c| c.user_id == user_id)
        .map(Credential::to_v2)
        .collect();
    Ok(Reply::ok(json!({ "credentials": credentials })))
}

/// `POST /v2.0/users/{user_id}/credentials/OS-EC2` with `{"tenant_id": ...}`.
pub(super) fn create(env: &mut Env<'_>, user_id: &str, body: &Map<String, Value>) -> Outcome {
    admin_or_self(env, user_id)?;
    env.state.user(user_id)?;
    let tenant_id = kwarg(body, "tenant_id").map(py_str).unwrap_or_default();
    env.state.project(&tenant_id)?;
    let credential = Credential {
        access: new_id(),
        secret: new_id(),
        user_id: user_id.to_owned(),
        project_id: tenant_id,
    };
    let reply = json!({"credential": credential.to_v2()});
    env.state.credentials.push(credential);
    Ok(Reply::ok(reply))
}

/// `GET /v2.0/users/{user_id}/credentials/OS-EC2/{access}`. Like Keystone, the credential need
/// not belong to `user_id`.
pub(super) fn get(env: &mut Env<'_>, user_id: &str, access: &str) -> Outcome {
    admin_or_self(env, user_id)?;
    env.state.user(user_id)?;
    Ok(Reply::ok(
        json!({"credential": env.state.credential(access)?.to_v2()}),
    ))
}

/// `DELETE /v2.0/users/{user_id}/credentials/OS-EC2/{access}`: a non-admin must own it.
pub(super) fn delete(env: &mut Env<'_>, user_id: &str, access: &str) -> Outcome {
    if !admin_or_self(env, user_id)? && env.state.credential(access)?.user_id != user_id {
        return Err(KsError::forbidden());
    }
    env.state.user(user_id)?;
    env.state.credential(access)?;
    env.state.credentials.retain(|c| c.access != access);
    Ok(Reply::NoContent)
}

/// The signed request of ec2tokens/s3tokens: `credentials`, or the legacy `ec2Credentials`
/// when `credentials` is empty. A request without an `access` key is refused (401).
fn signed_request(body: &Map<String, Value>) -> Result<&Map<String, Value>, KsError> {
    let credentials = kwarg(body, "credentials");
    let legacy = kwarg(body, "ec2Credentials");
    let chosen = if !credentials.is_some_and(truthy) && legacy.is_some_and(truthy) {
        legacy
    } else {
        credentials
    };
    // Python evaluates `'access' not in credentials`.
    let not_iterable =
        |ty: &str| KsError::bad_request(format!("argument of type '{ty}' is not iterable"));
    match chosen {
        None | Some(Value::Null) => Err(not_iterable("NoneType")),
        Some(Value::Bool(_)) => Err(not_iterable("bool")),
        Some(Value::Number(n)) => Err(not_iterable(if n.is_f64() { "float" } else { "int" })),
        Some(Value::Object(c)) if c.contains_key("access") => Ok(c),
        Some(_) => Err(KsError::unauthorized()),
    }
}

/// `POST /v2.0/ec2tokens`: checks an EC2 signature (versions 0, 1, 2 and 4, retrying without
/// the port in `host` like Keystone) and answers a v2 token for the credential's user and
/// tenant. No X-Auth-Token is needed.
pub(super) fn authenticate(env: &mut Env<'_>, body: &Map<String, Value>) -> Outcome {
    let creds = signed_request(body)?;
    let access = creds.get("access").map(py_str).unwrap_or_default();
    let credential = env.state.credential(&access)?.clone();
    let expected =
        signature::ec2_signature(&credential.secret, creds).map_err(|_| KsError::unexpected())?;
    let given = creds
        .get("signature")
        .filter(|s| truthy(s))
        .map(py_str)
        .ok_or_else(KsError::unauthorized)?;
    if !signature::constant_time_eq(&given, &expected) {
        let host = creds.get("host").map(py_str).unwrap_or_default();
        if !host.contains(':') {
            return Err(KsError::unauthorized());
        }
        // `hostname, _port = host.split(':')`: more than one colon is a ValueError.
        let Some((hostname, _port)) = host.split_once(':').filter(|(_, p)| !p.contains(':')) else {
            return Err(KsError::unexpected());
        };
        let mut without_port = creds.clone();
        without_port.insert("host".into(), json!(hostname));
        let expected = signature::ec2_signature(&credential.secret, &without_port)
            .map_err(|_| KsError::unexpected())?;
        if !signature::constant_time_eq(&given, &expected) {
            return Err(KsError::unauthorized());
        }
    }
    let id = issue_for_credential(env, &credential.user_id, &credential.project_id)?;
    access_reply(env, &id)
}

/// `POST /v2.0/s3tokens` (admin API): checks an S3 v1 (HMAC-SHA1) or v4 signature of the
/// base64url string to sign and answers a **v3** token body, as Keystone 12.0.3 does.
pub(super) fn s3_authenticate(env: &mut Env<'_>, body: &Map<String, Value>) -> Outcome {
    let creds = signed_request(body)?;
    let access = creds.get("access").map(py_str).unwrap_or_default();
    let credential = env.state.credential(&access)?.clone();
    let token = creds
        .get("token")
        .and_then(Value::as_str)
        .ok_or_else(KsError::unexpected)?;
    let string_to_sign = signature::urlsafe_b64decode(token).ok_or_else(KsError::unexpected)?;
    let expected = signature::s3_signature(&credential.secret, &string_to_sign)
        .map_err(|S3Refusal::Invalid| KsError::unauthorized())?;
    let given = creds.get("signature").ok_or_else(KsError::unexpected)?;
    if !signature::constant_time_eq(&py_str(given), &expected) {
        return Err(KsError::unauthorized());
    }
    let id = issue_for_credential(env, &credential.user_id, &credential.project_id)?;
    let token = env.state.tokens.get(&id).ok_or_else(KsError::unexpected)?;
    Ok(Reply::ok(env.state.v3_token_body(token)))
}
