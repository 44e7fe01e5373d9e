//! Services and endpoints (`keystone/catalog/controllers.py` `Service` and `Endpoint`).

use serde_json::{json, Map, Value};

use super::common::{extra_of, new_or_given_id, py_str, schema, truthy, Env};
use crate::emulator::state::{valid_endpoint_url, Endpoint, Interface, Service};
use crate::emulator::wire::{kwarg, KsError, Outcome, Reply};

/// `GET /v2.0/OS-KSADM/services`.
pub(super) fn list_services(env: &mut Env<'_>) -> Outcome {
    env.caller.assert_admin()?;
    let services: Vec<Value> = env.state.services.iter().map(Service::to_v2).collect();
    Ok(Reply::ok(json!({ "OS-KSADM:services": services })))
}

/// `GET /v2.0/OS-KSADM/services/{service_id}` (by id only).
pub(super) fn get_service(env: &mut Env<'_>, id: &str) -> Outcome {
    env.caller.assert_admin()?;
    Ok(Reply::ok(
        json!({"OS-KSADM:service": env.state.service(id)?.to_v2()}),
    ))
}

/// `POST /v2.0/OS-KSADM/services`: the server chooses the id; `name` defaults to "".
pub(super) fn create_service(env: &mut Env<'_>, body: &Map<String, Value>) -> Outcome {
    let given = schema::object(kwarg(body, "OS_KSADM_service").unwrap_or(&Value::Null))?;
    schema::required(given, "type")?;
    schema::string(
        given,
        "type",
        schema::Str {
            min: 1,
            max: Some(255),
            ..schema::STRING
        },
    )?;
    schema::string(given, "name", schema::name(255))?;
    schema::string(given, "description", schema::NULLABLE)?;
    schema::boolean(given, "enabled")?;
    env.caller.assert_admin()?;
    let mut extra = extra_of(given, &["id", "type", "enabled"]);
    extra.entry("name").or_insert_with(|| json!(""));
    let service = Service {
        id: new_or_given_id(None),
        type_: given.get("type").map(py_str).unwrap_or_default(),
        enabled: given
            .get("enabled")
            .and_then(Value::as_bool)
            .unwrap_or(true),
        extra,
    };
    let reply = json!({"OS-KSADM:service": service.to_v2()});
    env.state.services.push(service);
    Ok(Reply::ok(reply))
}

/// `DELETE /v2.0/OS-KSADM/services/{service_id}`: its endpoints go with it.
pub(super) fn delete_service(env: &mut Env<'_>, id: &str) -> Outcome {
    env.caller.assert_admin()?;
    env.state.delete_service(id)?;
    Ok(Reply::NoContent)
}

/// `GET /v2.0/endpoints`.
pub(super) fn list_endpoints(env: &mut Env<'_>) -> Outcome {
    env.caller.assert_admin()?;
    Ok(Reply::ok(json!({"endpoints": env.state.endpoints_v2()})))
}

/// `POST /v2.0/endpoints`: one v3 endpoint per non-empty URL, sharing a new legacy id. Answers
/// the request's attributes (empty URLs removed) and that id.
pub(super) fn create_endpoint(env: &mut Env<'_>, body: &Map<String, Value>) -> Outcome {
    env.caller.assert_admin()?;
    let given = schema::object(kwarg(body, "endpoint").unwrap_or(&Value::Null))?;
    for required in ["publicurl", "service_id"] {
        if !given.get(required).is_some_and(truthy) {
            return Err(KsError::bad_request(format!(
                "{required} field is required and cannot be empty"
            )));
        }
    }
    // `check_endpoint_url`: Keystone's message is the URL itself.
    for interface in Interface::ALL {
        let url = given.get(&format!("{}url", interface.as_str()));
        if let Some(url) = url.filter(|u| truthy(u)).map(py_str) {
            if !valid_endpoint_url(&url) {
                return Err(KsError::bad_request(url));
            }
        }
    }
    let service_id = given.get("service_id").map(py_str).unwrap_or_default();
    if env.state.service(&service_id).is_err() {
        return Err(KsError::expecting("endpoint service_id", "service table"));
    }
    let region = match given.get("region") {
        None | Some(Value::Null) => None,
        Some(r) => Some(py_str(r)),
    };
    let enabled = given.get("enabled").map(truthy).unwrap_or(true);
    let mut echo = given.clone();
    let legacy_id = new_or_given_id(None);
    let extra = extra_of(
        given,
        &[
            "id",
            "service_id",
            "region",
            "publicurl",
            "internalurl",
            "adminurl",
            "enabled",
            "legacy_endpoint_id",
            "interface",
            "url",
        ],
    );
    for interface in Interface::ALL {
        let key = format!("{}url", interface.as_str());
        match given.get(&key) {
            Some(url) if truthy(url) => env.state.endpoints.push(Endpoint {
                id: new_or_given_id(None),
                legacy_id: Some(legacy_id.clone()),
                service_id: service_id.clone(),
                region: region.clone(),
                interface,
                url: py_str(url),
                enabled,
                extra: extra.clone(),
                distinct: false,
            }),
            Some(_) => {
                echo.remove(&key);
            }
            None => {}
        }
    }
    echo.insert("id".into(), json!(legacy_id));
    Ok(Reply::ok(json!({ "endpoint": echo })))
}

/// `DELETE /v2.0/endpoints/{endpoint_id}`: the v3 endpoints sharing that legacy id.
pub(super) fn delete_endpoint(env: &mut Env<'_>, id: &str) -> Outcome {
    env.caller.assert_admin()?;
    let before = env.state.endpoints.len();
    env.state
        .endpoints
        .retain(|e| e.legacy_id.as_deref() != Some(id));
    if env.state.endpoints.len() == before {
        return Err(KsError::not_found("endpoint", id));
    }
    Ok(Reply::NoContent)
}
