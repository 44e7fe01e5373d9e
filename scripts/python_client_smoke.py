#!/usr/bin/env python3
"""Drive a Python client generated from the OpenAPI spec against a real Keystone.

Run by scripts/spec-check after openapi-python-client generated and installed the
client package (default keystone_v2_client, env KS_CLIENT_PACKAGE):

  1. POST /v2.0/tokens (operationId tokens_authenticate) on the public API with
     user admin / $KS_ADMIN_PASSWORD, tenant admin;
  2. GET /v2.0/tenants (operationId tenants_list) on the public API with the
     token in X-Auth-Token: the token's tenants;
  3. the admin API's base URL as the spec's description says: the catalog's
     identity endpoint in $KS_REGION (default RegionOne), its adminURL;
  4. GET /v2.0/users (operationId users_list, admin only) on the admin API.

Exits non-zero on any failure and unless tenant 'admin' and user 'admin' are listed.
The spec's paths start with /v2.0, so the clients' base_url is the server root:
$KS_PUBLIC_URL and the catalog's adminURL without their trailing /v2.0.

The operation modules are found by operationId (<package>.api.<tag>.<operationId>),
not by tag, and the request body model by the annotation of sync_detailed(body=...),
so the script does not depend on how the spec groups or names things otherwise.
"""
from __future__ import annotations

import importlib
import inspect
import json
import os
import pkgutil
import re
import sys
import typing
from types import ModuleType

PKG = os.environ.get("KS_CLIENT_PACKAGE", "keystone_v2_client")
PROG = "python-client-smoke"


def die(msg: str) -> typing.NoReturn:
    print(f"{PROG}: FAILED: {msg}", file=sys.stderr)
    sys.exit(1)


def server_root(url: str) -> str:
    return re.sub(r"/v2\.0/?$", "", url.rstrip("/"))


def find_operation(op_id: str) -> ModuleType:
    """The generated module <PKG>.api.<tag>.<op_id>."""
    api = importlib.import_module(f"{PKG}.api")
    names = [m.name for m in pkgutil.walk_packages(api.__path__, prefix=f"{api.__name__}.")]
    hits = [n for n in names if n.rsplit(".", 1)[-1] == op_id]
    if not hits:
        ops = sorted(n.rsplit(".", 1)[-1] for n in names if n.count(".") >= 3)
        die(f"no generated module for operationId {op_id!r}; generated operations: {ops}")
    if len(hits) > 1:
        print(f"{PROG}: warning: several modules for {op_id!r}: {hits}; using {hits[0]}")
    return importlib.import_module(hits[0])


def body_model(func: typing.Callable) -> type:
    """The model class of sync_detailed's `body` parameter (it may be `Model | Unset`)."""
    param = inspect.signature(func).parameters.get("body")
    if param is None:
        die(f"{func.__module__}.sync_detailed takes no 'body' (request body missing in the spec?)")
    ann = param.annotation
    if isinstance(ann, str):
        ann = typing.get_type_hints(func)["body"]
    for cand in typing.get_args(ann) or (ann,):
        if inspect.isclass(cand) and hasattr(cand, "from_dict"):
            return cand
    die(f"{func.__module__}: cannot find a model with from_dict() in body annotation {ann!r}")


def call(mod: ModuleType, client: object, token: str | None = None, **kwargs: object):
    """sync_detailed(), passing the token to a header parameter X-Auth-Token if the
    operation declares one (else the AuthenticatedClient sends it)."""
    func = mod.sync_detailed
    for name, p in inspect.signature(func).parameters.items():
        if name in ("client", *kwargs):
            continue
        if token is not None and re.sub(r"[^a-z]", "", name.lower()) == "xauthtoken":
            kwargs[name] = token
        elif p.default is inspect.Parameter.empty:
            die(f"{mod.__name__}.sync_detailed needs parameter {name!r} the smoke test cannot fill")
    return func(client=client, **kwargs)


def parsed_dict(res, what: str) -> dict:
    status = int(res.status_code)
    if status != 200:
        die(f"{what}: HTTP {status}: {res.content[:500]!r}")
    if res.parsed is None or not hasattr(res.parsed, "to_dict"):
        die(f"{what}: HTTP 200 but the generated client parsed nothing ({res.parsed!r}); "
            "is the 200 response (application/json) declared in the spec?")
    return res.parsed.to_dict()


def main() -> None:
    try:
        pkg = importlib.import_module(PKG)
    except ImportError as e:
        die(f"generated package {PKG!r} is not importable: {e}")
    import httpx

    public = server_root(os.environ.get("KS_PUBLIC_URL", "http://127.0.0.1:5000/v2.0"))
    password = os.environ.get("KS_ADMIN_PASSWORD", "secret")
    region = os.environ.get("KS_REGION", "RegionOne")
    timeout = httpx.Timeout(30.0)

    # 1. authenticate
    auth_mod = find_operation("tokens_authenticate")
    model = body_model(auth_mod.sync_detailed)
    body = model.from_dict({"auth": {
        "passwordCredentials": {"username": "admin", "password": password},
        "tenantName": "admin",
    }})
    with pkg.Client(base_url=public, timeout=timeout, raise_on_unexpected_status=True) as client:
        res = call(auth_mod, client, body=body)
    access = parsed_dict(res, "tokens_authenticate")
    try:
        token = access["access"]["token"]["id"]
    except (KeyError, TypeError):
        die("tokens_authenticate: no access.token.id in the parsed response")
    if token != json.loads(res.content)["access"]["token"]["id"]:
        die("tokens_authenticate: parsed token id differs from the raw response")
    print(f"{PROG}: tokens_authenticate on {public}: HTTP 200, got a token (not shown)")

    def authenticated(base_url: str):
        return pkg.AuthenticatedClient(base_url=base_url, token=token, prefix="", auth_header_name="X-Auth-Token",
                                       timeout=timeout, raise_on_unexpected_status=True)

    def listed(what: str, answer: dict, key: str) -> list:
        items = answer.get(key)
        if isinstance(items, dict):  # the older {"values": [...]} form the spec allows
            items = items.get("values")
        if not isinstance(items, list):
            die(f"{what}: no '{key}' list in the parsed response")
        return [i.get("name") for i in items]

    # 2. the token's tenants, on the public API
    with authenticated(public) as client:
        res = call(find_operation("tenants_list"), client, token=token)
    names = listed("tenants_list", parsed_dict(res, "tenants_list"), "tenants")
    print(f"{PROG}: tenants_list on {public}: HTTP 200, tenants: {', '.join(map(str, names))}")
    if "admin" not in names:
        die("tenant 'admin' is not listed")

    # 3. the admin API's base URL, from the catalog
    catalog = access["access"].get("serviceCatalog") or []
    endpoints = [e for s in catalog if s.get("type") == "identity" for e in s.get("endpoints", [])
                 if e.get("region") == region and e.get("adminURL")]
    if not endpoints:
        die(f"no identity endpoint with an adminURL in region {region} in the catalog")
    admin = server_root(endpoints[0]["adminURL"])
    print(f"{PROG}: the catalog's identity adminURL in {region}: {endpoints[0]['adminURL']}")

    # 4. an admin-only operation on the admin API
    with authenticated(admin) as client:
        res = call(find_operation("users_list"), client, token=token)
    names = listed("users_list", parsed_dict(res, "users_list"), "users")
    print(f"{PROG}: users_list on {admin}: HTTP 200, users: {', '.join(map(str, names))}")
    if "admin" not in names:
        die("user 'admin' is not listed")
    print(f"{PROG}: OK")


if __name__ == "__main__":
    main()
