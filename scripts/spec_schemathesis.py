#!/usr/bin/env python3
"""A bounded, seeded schemathesis run of the spec against a real Keystone, both APIs.

Run by scripts/spec-schemathesis (which provides the tools venv and the server). Steps:

  1. an admin token scoped to the admin tenant (user admin / $KS_ADMIN_PASSWORD), and the
     throwaway resources scripts/schemathesis_hooks.py pins destructive operations to;
  2. `schemathesis run` of the public API's operations against $KS_PUBLIC_URL, then of the
     admin API's against $KS_ADMIN_URL (the operations each API serves, by x-keystone-api),
     with the checks not_a_server_error, status_code_conformance, content_type_conformance and
     response_schema_conformance, in the examples, coverage and fuzzing phases (no stateful
     phase), seeded ($ST_SEED, default 8) and bounded ($ST_MAX_EXAMPLES per operation,
     default 10);
  3. every failure is a violation unless ALLOWLIST below explains it; prints the number of
     test cases and of violations, and exits 1 on any violation;
  4. deletes what the run and step 1 created.

Environment: KS_PUBLIC_URL, KS_ADMIN_URL (ending in /v2.0), KS_ADMIN_PASSWORD; ST_SEED,
ST_MAX_EXAMPLES, ST_WORKERS (default 1: with two, hypothesis hit CPython 3.11's "AST
constructor recursion depth mismatch" and lost cases), ST_REPORT_DIR (default a temporary
directory).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import requests
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SPEC = os.path.join(ROOT, "spec", "keystone-v2.0.yaml")
PROG = "spec-schemathesis"
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"

# Keystone's own 500s on input the spec refuses: a 500 (from not_a_server_error, or as an
# undocumented status) to a negative case (schemathesis made the input invalid per the spec,
# and says so in the case's mode) that one of these entries names. The same 500 to a positive
# case is a violation. Each entry: the operations (or "*"), the scenario prefix (or ""), why.
ALLOWLIST = [
    (["tenants_create", "endpoints_create", "role_refs_create", "ec2_tokens_authenticate",
      "ec2_s3tokens_authenticate", "users_update_own_password"], "",
     "a body member of the wrong JSON type (an envelope that is not an object, a null tenant id, "
     "an endpoint URL, a roleRef's tenant or role id or an access key that is not a string): "
     "these controllers use the value before any type check"),
    (["tokens_authenticate", "users_create", "users_update", "users_update_password",
      "users_update_password_legacy", "users_update_tenant", "users_update_tenant_legacy",
      "users_update_enabled", "users_update_enabled_legacy"], "",
     "a password with a NUL character (which the spec refuses): Keystone's password hashing "
     "fails on it"),
    (["*"], "Malformed Content-Type",
     "a multipart/form-data Content-Type without a boundary on an operation without a body: "
     "Keystone's JSON body middleware fails on it; the spec declares JSON bodies only"),
]


def log(msg: str) -> None:
    print(f"[{PROG} {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def root(url: str) -> str:
    return re.sub(r"/v2\.0/?$", "", url.rstrip("/"))


class Admin:
    def __init__(self, admin_root: str, token: str):
        self.root, self.http = admin_root, requests.Session()
        self.http.headers.update({"X-Auth-Token": token})

    def call(self, method: str, path: str, body=None, ok=(200, 204)):
        r = self.http.request(method, self.root + path, json=body, timeout=30)
        if r.status_code not in ok:
            raise SystemExit(f"{PROG}: {method} {path}: {r.status_code} {r.text[:300]}")
        return r.json() if r.content else {}


def authenticate(public: str, auth: dict) -> dict:
    r = requests.post(public + "/v2.0/tokens", json={"auth": auth}, timeout=30)
    if r.status_code != 200:
        raise SystemExit(f"{PROG}: authentication failed: {r.status_code} {r.text[:300]}")
    return r.json()["access"]


def fixtures(public: str, admin_root: str, password: str, suffix: str) -> tuple[Admin, dict]:
    access = authenticate(public, {"passwordCredentials": {"username": "admin", "password": password},
                                   "tenantName": "admin"})
    token = access["token"]["id"]
    a = Admin(admin_root, token)
    name = lambda kind: f"st-{suffix}-{kind}"  # noqa: E731
    tenant = a.call("POST", "/v2.0/tenants", {"tenant": {"name": name("tenant")}})["tenant"]["id"]
    user = a.call("POST", "/v2.0/users", {"user": {"name": name("user"), "password": "st-pass",
                                                   "tenantId": tenant}})["user"]["id"]
    # The token user and its tenant are never the target of an update: its token stays valid.
    token_tenant = a.call("POST", "/v2.0/tenants", {"tenant": {"name": name("token-tenant")}})["tenant"]["id"]
    token_password = f"st-{suffix}-token-pass"
    token_user = a.call("POST", "/v2.0/users", {"user": {"name": name("token"), "password": token_password,
                                                         "tenantId": token_tenant}})["user"]["id"]
    role = a.call("POST", "/v2.0/OS-KSADM/roles", {"role": {"name": name("role")}})["role"]["id"]
    service = a.call("POST", "/v2.0/OS-KSADM/services", {"OS-KSADM:service": {
        "type": name("type"), "name": name("service")}})["OS-KSADM:service"]["id"]
    # Only a public URL: a token's endpoint list then sends null internal and admin URLs.
    endpoint = a.call("POST", "/v2.0/endpoints", {"endpoint": {
        "service_id": service, "region": "RegionOne", "publicurl": "http://127.0.0.1:9/st"}})["endpoint"]["id"]
    credential = a.call("POST", f"/v2.0/users/{user}/credentials/OS-EC2", {"tenant_id": tenant})["credential"]
    time.sleep(1.1)  # Keystone revokes by the second: no token in the second of a user change
    user_token = authenticate(public, {"passwordCredentials": {"userId": token_user, "password": token_password},
                                       "tenantId": token_tenant})["token"]["id"]
    return a, {
        "admin": admin_root, "token": token, "suffix": suffix,
        "user": user, "tenant": tenant, "role": role, "service": service, "endpoint": endpoint,
        "access": credential["access"], "token_user": token_user, "token_user_name": name("token"),
        "token_tenant": token_tenant,
        "token_password": token_password, "user_token": user_token,
    }


def operations_of(api: str) -> list[str]:
    with open(SPEC) as f:
        spec = yaml.safe_load(f)
    return sorted(op["operationId"] for item in spec["paths"].values() for op in item.values()
                  if isinstance(op, dict) and api in op.get("x-keystone-api", []))


def run_schemathesis(api: str, base: str, token: str, env: dict, report: str) -> int:
    ops = operations_of(api)
    cmd = [os.path.join(os.path.dirname(sys.executable), "schemathesis"),
           "--config-file", os.path.join(HERE, "schemathesis.toml"), "run", SPEC,
           "--url", base, "--checks", CHECKS, "--phases", "examples,coverage,fuzzing",
           "--seed", env["ST_SEED"], "--max-examples", env["ST_MAX_EXAMPLES"],
           "--workers", env["ST_WORKERS"], "--generation-database", "none",
           "--generation-with-security-parameters", "false", "--request-timeout", "30",
           "--suppress-health-check", "all", "--continue-on-failure", "--no-color",
           "--header", f"X-Auth-Token: {token}", "--report", "ndjson", "--report-ndjson-path", report]
    for op in ops:
        cmd += ["--include-operation-id", op]
    log(f"schemathesis: the {api} API, {len(ops)} operations, at {base}")
    out = subprocess.run(cmd, cwd=os.path.dirname(report), env=env, capture_output=True, text=True)
    tail = "\n".join(out.stdout.strip().splitlines()[-25:])
    print(tail, flush=True)
    if out.returncode not in (0, 1):
        print(out.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"{PROG}: schemathesis exited with {out.returncode}")
    return out.returncode


def main() -> int:
    public = root(os.environ.get("KS_PUBLIC_URL", "http://127.0.0.1:5000/v2.0"))
    admin_root = root(os.environ.get("KS_ADMIN_URL", "http://127.0.0.1:35357/v2.0"))
    password = os.environ.get("KS_ADMIN_PASSWORD", "secret")
    suffix = f"{os.getpid()}-{int(time.time()) % 100000000}"
    keep = bool(os.environ.get("ST_REPORT_DIR"))
    report_dir = os.environ.get("ST_REPORT_DIR") or tempfile.mkdtemp(prefix="st-report-")
    os.makedirs(report_dir, exist_ok=True)
    started = time.time()
    admin, fix = fixtures(public, admin_root, password, suffix)
    fix_path, created_path = os.path.join(report_dir, "fixtures.json"), os.path.join(report_dir, "created.txt")
    with open(fix_path, "w") as f:
        json.dump(fix, f)
    open(created_path, "w").close()
    env = dict(os.environ, ST_FIXTURES=fix_path, ST_CREATED=created_path, SCHEMATHESIS_HOOKS="schemathesis_hooks",
               PYTHONPATH=HERE, PYTHONDONTWRITEBYTECODE="1", ST_SEED=os.environ.get("ST_SEED", "8"),
               ST_MAX_EXAMPLES=os.environ.get("ST_MAX_EXAMPLES", "10"), ST_WORKERS=os.environ.get("ST_WORKERS", "1"))
    try:
        reports = {}
        for api, base in (("public", public), ("admin", admin_root)):
            reports[api] = os.path.join(report_dir, f"{api}.ndjson")
            run_schemathesis(api, base, fix["token"], env, reports[api])
    finally:
        cleanup(admin, fix, created_path)
    try:
        return summarize(reports, time.time() - started)
    finally:
        if not keep:
            shutil.rmtree(report_dir, ignore_errors=True)


def cleanup(admin: Admin, fix: dict, created_path: str) -> None:
    with open(created_path) as f:
        paths = [p.strip() for p in f if p.strip()]
    for path in reversed(paths):
        admin.call("DELETE", path, ok=(204, 404))
    for path in (f"/v2.0/users/{fix['user']}", f"/v2.0/users/{fix['token_user']}",
                 f"/v2.0/OS-KSADM/roles/{fix['role']}", f"/v2.0/OS-KSADM/services/{fix['service']}",
                 f"/v2.0/tenants/{fix['tenant']}", f"/v2.0/tenants/{fix['token_tenant']}"):
        admin.call("DELETE", path, ok=(204, 404))
    log(f"cleanup: deleted {len(paths)} resources the run created, and the fixtures")


def failures_of(report: str):
    """Every failed check of a report: (check, operation id, status, mode, scenario, message)."""
    with open(SPEC) as f:
        spec = yaml.safe_load(f)
    labels = {f"{m.upper()} {p}": op["operationId"] for p, item in spec["paths"].items()
              for m, op in item.items() if isinstance(op, dict) and "operationId" in op}
    cases, errors, found = 0, [], []
    with open(report) as f:
        for line in f:
            event = json.loads(line)
            if "NonFatalError" in event:
                e = event["NonFatalError"]
                errors.append(f"{e.get('label')}: {e['value']['type']}: {e['value']['message'][:300]}")
            if "ScenarioFinished" not in event:
                continue
            rec = event["ScenarioFinished"]["recorder"]
            cases += len(rec.get("cases", {}))
            for case_id, checks in rec.get("checks", {}).items():
                case = rec["cases"].get(case_id, {}).get("value", {})
                response = (rec.get("interactions", {}).get(case_id) or {}).get("response") or {}
                meta = case.get("meta") or {}
                for check in checks:
                    if check["status"] == "success":
                        continue
                    failure = (check.get("failure_info") or {}).get("failure") or {}
                    found.append({
                        "check": check["name"], "operation": labels.get(rec["label"], rec["label"]),
                        "method": case.get("method"), "status": response.get("status_code"),
                        "mode": (meta.get("generation") or {}).get("mode"),
                        "scenario": ((meta.get("phase") or {}).get("data") or {}).get("description", ""),
                        "title": failure.get("title", ""), "message": failure.get("message", ""),
                        "body": case.get("body"), "path": case.get("path_parameters"), "query": case.get("query"),
                    })
    return cases, errors, found


def allowed(f: dict) -> str | None:
    """Why a failure is Keystone's own 500 on input the spec refuses, or None."""
    if f["mode"] != "negative" or f["status"] != 500 or f["check"] not in (
            "not_a_server_error", "status_code_conformance"):
        return None
    for ops, scenario, why in ALLOWLIST:
        if ("*" in ops or f["operation"] in ops) and f["scenario"].startswith(scenario):
            return why
    return None


def summarize(reports: dict, elapsed: float) -> int:
    total, violations, allowlisted, all_errors = 0, [], {}, []
    for api, report in reports.items():
        cases, errors, found = failures_of(report)
        total += cases
        all_errors += [f"{api}: {e}" for e in errors]
        for f in found:
            why = allowed(f)
            if why:
                allowlisted.setdefault(why, []).append(f["operation"])
            else:
                violations.append((api, f))
    for why, ops in allowlisted.items():
        log(f"allowlisted, Keystone's 500 on input the spec refuses: {len(ops)} failures of "
            f"{', '.join(sorted(set(ops)))}: {why}")
    for api, f in violations:
        log(f"VIOLATION ({api} API) {f['check']}: {f['operation']} {f['method']} -> {f['status']} "
            f"[{f['mode']}: {f['scenario']}] {f['title']}: {f['message'][:400]!r} "
            f"path={f['path']} query={f['query']} body={json.dumps(f['body'])[:300]}")
    for e in all_errors:
        log(f"error: {e}")
    hook_errors = [e for e in all_errors if "HookExecutionError" in e]
    print(f"{PROG}: {total} test cases, {len(violations)} violations outside the allowlist "
          f"({sum(len(o) for o in allowlisted.values())} allowlisted failures, {len(all_errors)} errors of "
          f"schemathesis itself, {len(hook_errors)} of the hooks), {elapsed:.0f} s", flush=True)
    return 1 if violations or hook_errors else 0


if __name__ == "__main__":
    sys.exit(main())
