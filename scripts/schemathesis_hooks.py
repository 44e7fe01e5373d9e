"""Schemathesis hooks for scripts/spec_schemathesis.py: keep the run on throwaway resources.

Loaded with SCHEMATHESIS_HOOKS=schemathesis_hooks (scripts/ on the path). The runner creates
the throwaway resources first and names them in the JSON file $ST_FIXTURES:

  admin, token     the admin API's root and an admin token scoped to the admin tenant
  user, tenant, role, service, endpoint, access
                   a user with a role on a tenant, a role, a service with an endpoint and an
                   EC2 credential of that user (the targets of reads and updates)
  token_user, token_tenant, token_password, user_token
                   a second user on a second tenant and its scoped token: the token_id of
                   token reads (updates of `user` and `tenant` never revoke it)

Before every request (`before_call`), every path parameter that names a resource is pinned:

  * always, on operations that change something (every method but GET and HEAD): a DELETE
    gets a fresh victim made for it just before (a user, tenant, role, service, endpoint,
    credential, token or grant), the other methods the throwaway targets above;
  * on reads, for positive cases (so they find something), not for negative ones.

and the bodies of endpoint creations name the throwaway service and RegionOne (an endpoint of
another service would change the catalog other tests read). So no request of the run can reach
the bootstrap admin user, tenant or role, the identity service, the static admin token or the
run's own token, whatever schemathesis draws from the responses it has seen.

Keystone stores three values without checking their type, and lists them to every client
afterwards: a user's `email`, an EC2 credential's `tenant_id` and an endpoint's region (which
it also creates). A user with an object as email would make every `GET /v2.0/users` of the
shared server violate the spec until the run ends, so the hook replaces such values (negative
cases the spec already refuses) with valid ones.

Signature version 4 on ec2tokens: Keystone checks the credential scope and the date of a v4
request in ways no schema can state (the date must start with the credential's), and answers
a 500 rather than a 401 when they do not match; the spec declares that 500. Random v4 requests
would only find it again, so a v4-shaped ec2tokens request gets an access key Keystone does not
know (a 404, before any signature check). tests/spec_rules.yaml covers the v4 500.

After every request (`after_call`), what a create made is appended to $ST_CREATED, one admin
API path a line, and so is every victim; the runner deletes them all at the end.
"""
from __future__ import annotations

import itertools
import json
import os
import threading

import requests
import schemathesis

with open(os.environ["ST_FIXTURES"]) as _f:
    FIX = json.load(_f)
CREATED = os.environ["ST_CREATED"]
_LOCK = threading.Lock()
_COUNTER = itertools.count()
_HTTP = requests.Session()
_HTTP.headers.update({"X-Auth-Token": FIX["token"], "Content-Type": "application/json"})

READS = {"GET", "HEAD"}


def _record(path: str) -> None:
    with _LOCK, open(CREATED, "a") as f:
        f.write(path + "\n")


def _admin(method: str, path: str, body=None, ok=(200, 204)) -> dict:
    r = _HTTP.request(method, FIX["admin"] + path, json=body, timeout=30)
    if r.status_code not in ok:
        raise RuntimeError(f"fixture {method} {path}: {r.status_code} {r.text[:300]}")
    return r.json() if r.content else {}


def _name(kind: str) -> str:
    return f"st-{FIX['suffix']}-{kind}-{next(_COUNTER)}"


def _victim(op_id: str) -> dict[str, str]:
    """A fresh resource for one DELETE, and the path parameters that name it."""
    if op_id == "users_delete":
        uid = _admin("POST", "/v2.0/users", {"user": {"name": _name("user")}})["user"]["id"]
        _record(f"/v2.0/users/{uid}")
        return {"user_id": uid}
    if op_id == "tenants_delete":
        tid = _admin("POST", "/v2.0/tenants", {"tenant": {"name": _name("tenant")}})["tenant"]["id"]
        _record(f"/v2.0/tenants/{tid}")
        return {"tenant_id": tid}
    if op_id == "roles_delete":
        rid = _admin("POST", "/v2.0/OS-KSADM/roles", {"role": {"name": _name("role")}})["role"]["id"]
        _record(f"/v2.0/OS-KSADM/roles/{rid}")
        return {"role_id": rid}
    if op_id == "services_delete":
        sid = _admin("POST", "/v2.0/OS-KSADM/services", {"OS-KSADM:service": {"type": _name("type")}})[
            "OS-KSADM:service"]["id"]
        _record(f"/v2.0/OS-KSADM/services/{sid}")
        return {"service_id": sid}
    if op_id == "endpoints_delete":
        eid = _admin("POST", "/v2.0/endpoints", {"endpoint": {
            "service_id": FIX["service"], "region": "RegionOne",
            "publicurl": "http://127.0.0.1:9/st"}})["endpoint"]["id"]
        _record(f"/v2.0/endpoints/{eid}")
        return {"endpoint_id": eid}
    if op_id == "ec2_delete":
        access = _admin("POST", f"/v2.0/users/{FIX['user']}/credentials/OS-EC2",
                        {"tenant_id": FIX["tenant"]})["credential"]["access"]
        return {"user_id": FIX["user"], "credential_id": access}
    if op_id == "tokens_delete":
        r = _HTTP.post(FIX["admin"] + "/v2.0/tokens", timeout=30, json={"auth": {
            "passwordCredentials": {"username": FIX["token_user_name"], "password": FIX["token_password"]},
            "tenantId": FIX["token_tenant"]}})
        r.raise_for_status()
        return {"token_id": r.json()["access"]["token"]["id"]}
    if op_id in ("roles_remove_user_role", "role_refs_delete"):
        _admin("PUT", f"/v2.0/tenants/{FIX['tenant']}/users/{FIX['user']}/roles/OS-KSADM/{FIX['role']}",
               ok=(200, 409))
        pins = {"tenant_id": FIX["tenant"], "user_id": FIX["user"], "role_id": FIX["role"]}
        if op_id == "role_refs_delete":
            refs = _admin("GET", f"/v2.0/users/{FIX['user']}/roleRefs")["roles"]
            pins["role_ref_id"] = next(r["id"] for r in refs
                                       if r["roleId"] == FIX["role"] and r["tenantId"] == FIX["tenant"])
        return pins
    return {}


def _signature_v4(body: dict) -> bool:
    """Whether an ec2tokens body names signature version 4."""
    for key in ("credentials", "ec2Credentials"):
        c = body.get(key)
        if not isinstance(c, dict):
            continue
        headers, params = c.get("headers"), c.get("params")
        if isinstance(headers, dict) and str(headers.get("Authorization", "")).startswith("AWS4-HMAC-SHA256"):
            return True
        if isinstance(params, dict) and params.get("X-Amz-Algorithm") == "AWS4-HMAC-SHA256":
            return True
    return False


def _targets() -> dict[str, str]:
    return {
        "user_id": FIX["user"],
        "tenant_id": FIX["tenant"],
        "role_id": FIX["role"],
        "service_id": FIX["service"],
        "endpoint_id": FIX["endpoint"],
        "credential_id": FIX["access"],
        "token_id": FIX["user_token"],
        "role_ref_id": f"roleId={FIX['role']}&tenantId={FIX['tenant']}&userId={FIX['user']}",
    }


def _operation_id(case) -> str:
    return case.operation.definition.raw.get("operationId", "")


def _positive(case) -> bool:
    meta = getattr(case, "meta", None) or getattr(case, "_meta", None)
    mode = getattr(getattr(meta, "generation", None), "mode", None)
    return str(getattr(mode, "value", mode)) != "negative"


@schemathesis.hook
def before_call(context, case, kwargs):
    op_id = _operation_id(case)
    method = case.method.upper()
    params = case.path_parameters or {}
    if params and (method not in READS or _positive(case)):
        pins = _targets()
        if method == "DELETE":
            pins.update(_victim(op_id))
        for name in list(params):
            if name in pins:
                params[name] = pins[name]
        case.path_parameters = params
    body = case.body if isinstance(case.body, dict) else {}
    if op_id == "endpoints_create" and isinstance(body.get("endpoint"), dict):
        body["endpoint"]["service_id"] = FIX["service"]
        if body["endpoint"].get("region") is not None:
            body["endpoint"]["region"] = "RegionOne"
    if op_id == "ec2_create" and "tenant_id" in body and not isinstance(body["tenant_id"], str):
        body["tenant_id"] = FIX["tenant"]
    if op_id == "ec2_tokens_authenticate" and _signature_v4(body):
        for key in ("credentials", "ec2Credentials"):
            if isinstance(body.get(key), dict):
                body[key]["access"] = "st-unknown-access-key"
    user = body.get("user")
    if op_id.startswith("users_") and isinstance(user, dict) and "email" in user \
            and not isinstance(user["email"], (str, type(None))):
        user["email"] = None


CREATES = {
    "tenants_create": ("tenant", "/v2.0/tenants/"),
    "users_create": ("user", "/v2.0/users/"),
    "roles_create": ("role", "/v2.0/OS-KSADM/roles/"),
    "services_create": ("OS-KSADM:service", "/v2.0/OS-KSADM/services/"),
    "endpoints_create": ("endpoint", "/v2.0/endpoints/"),
}


@schemathesis.hook
def after_call(context, case, response):
    created = CREATES.get(_operation_id(case))
    if created and response.status_code == 200:
        try:
            _record(created[1] + response.json()[created[0]]["id"])
        except (ValueError, KeyError, TypeError):
            pass
