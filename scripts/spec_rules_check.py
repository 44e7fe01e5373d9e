#!/usr/bin/env python3
"""Check the spec's request schemas against tests/spec_rules.yaml.

Each rule of the table is a request with the status Keystone 12.0.3 answers it (checked by
tests/spec_rules.rs against the real Keystone and the emulator) and the spec's verdict on its
body: `valid`, `invalid` or `none` (the operation takes no body). This script checks the
verdicts with openapi-schema-validator (OAS 3.0 semantics: nullable, not, minProperties, ...):

  * `valid` / `invalid`: the operation's request schema accepts / refuses the body;
  * `none`: the operation declares no request body;
  * the rule's status is one the operation declares (but for a 500 to a body the spec refuses:
    Keystone failing on input a client never sends);
  * every operation with a request body has a rule the spec refuses (so each request
    envelope's strictness is checked at least once).

Usage: scripts/spec_rules_check.py [SPEC [RULES]] (run by scripts/spec-check with the tools
venv's Python). Prints one line per failure and a summary; exits 1 on any failure.
"""
from __future__ import annotations

import copy
import os
import sys

import yaml
from openapi_schema_validator import OAS30Validator

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPEC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "spec", "keystone-v2.0.yaml")
RULES = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "tests", "spec_rules.yaml")

# Values for the placeholders: the shapes Keystone gives them (ids are 32 hex digits).
PLACEHOLDERS = {
    "user": "0123456789abcdef0123456789abcdef",
    "user_name": "rules-user",
    "tenant": "1123456789abcdef0123456789abcdef",
    "role": "2123456789abcdef0123456789abcdef",
    "service": "3123456789abcdef0123456789abcdef",
    "access": "4123456789abcdef0123456789abcdef",
    "crud_user": "5123456789abcdef0123456789abcdef",
    "crud_password": "rules-crud-pass",
    "admin_password": "secret",
    "suffix": "1-0-12345678",
}


def fill(v):
    if isinstance(v, str):
        for k, x in PLACEHOLDERS.items():
            v = v.replace("{%s}" % k, x)
        return v
    if isinstance(v, list):
        return [fill(x) for x in v]
    if isinstance(v, dict):
        return {fill(k): fill(x) for k, x in v.items()}
    return v


def operations(spec: dict) -> dict[str, dict]:
    ops = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and "operationId" in op:
                ops[op["operationId"]] = op
    return ops


def declares(op: dict, status: int) -> bool:
    codes = {str(c).upper() for c in op.get("responses", {})}
    return str(status) in codes or f"{str(status)[0]}XX" in codes


def main() -> int:
    with open(SPEC) as f:
        spec = yaml.safe_load(f)
    with open(RULES) as f:
        rules = yaml.safe_load(f)["rules"]
    ops = operations(spec)
    failures = []
    refused = set()
    deliberate = 0
    for rule in rules:
        name, op_id = rule["name"], rule["operation"]
        op = ops.get(op_id)
        if op is None:
            failures.append(f"{name}: no operation {op_id} in the spec")
            continue
        # A 500 to a body the spec refuses is Keystone failing on input a client never sends:
        # not declared. Every other status must be.
        keystone_fails = rule["status"] == 500 and rule["spec"] == "invalid"
        if not declares(op, rule["status"]) and not keystone_fails:
            failures.append(f"{name}: {op_id} does not declare the status {rule['status']} Keystone answers")
        body_spec = op.get("requestBody")
        verdict = rule["spec"]
        if verdict == "none":
            if body_spec is not None:
                failures.append(f"{name}: the table says {op_id} takes no body, the spec declares one")
            continue
        if body_spec is None:
            failures.append(f"{name}: {op_id} declares no request body")
            continue
        schema = copy.deepcopy(body_spec["content"]["application/json"]["schema"])
        # References resolve against the root: give it the components.
        root = {"allOf": [schema], "components": spec["components"]}
        errors = sorted(OAS30Validator(root).iter_errors(fill(rule.get("body"))), key=str)
        accepted = not errors
        if verdict == "invalid":
            refused.add(op_id)
        if rule.get("deliberate"):
            deliberate += 1
        if accepted and verdict == "invalid":
            failures.append(f"{name}: the spec accepts the body of {op_id}; Keystone answers {rule['status']}")
        elif not accepted and verdict == "valid":
            why = errors[0].message.splitlines()[0][:200]
            failures.append(f"{name}: the spec refuses the body of {op_id} ({why}); Keystone answers {rule['status']}")
    for op_id, op in sorted(ops.items()):
        if "requestBody" in op and op_id not in refused:
            failures.append(f"{op_id} has a request body but no rule the spec refuses")
    for f in failures:
        print(f"spec-rules: FAILED: {f}")
    with_body = sum(1 for op in ops.values() if "requestBody" in op)
    print(f"spec-rules: {len(rules)} rules, {len(failures)} failed; {deliberate} deliberate "
          f"difference(s) from Keystone, explained in the table; each of the {with_body} "
          f"operations with a request body refuses what Keystone refuses")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
