//! Differential test: the conformance scenario (`common/scenario.rs`) against a real Keystone
//! 12.0.3 and against a fresh emulator, compared exchange by exchange - the operation, the
//! method, the status and the *shape* of the body (key names, value types, array structure;
//! ids, times, tokens, secrets and URLs differ by nature and are masked).
//!
//! Arrays: both empty or both not, and every element shape the emulator produces must be one
//! Keystone produced in that array. Keystone orders some lists by Python set order (random per
//! process), and a real server may hold leftovers of other runs (tenants with extra attributes):
//! comparing first elements only, or whole sets both ways, would make the test flaky.
//!
//! Run with `scripts/keystone-server start` first, then
//! `cargo test --features emulator --test differential -- --include-ignored --nocapture`.
#![cfg(feature = "emulator")]

mod common;

use common::{scenario, LiveEnv};
use keystone_v2::emulator::Emulator;
use keystone_v2::hooks::Exchange;
use serde_json::{json, Map, Value};

/// A body's shape: JSON with every scalar replaced by the name of its type and an array by the
/// distinct shapes of its elements; `"<empty>"` and `"<text>"` for bodies that are not JSON.
fn shape(body: &[u8]) -> Value {
    if body.is_empty() {
        return json!("<empty>");
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(v) => mask(&v),
        Err(_) => json!("<text>"),
    }
}

fn mask(v: &Value) -> Value {
    match v {
        Value::Null => json!("null"),
        Value::Bool(_) => json!("bool"),
        Value::Number(_) => json!("number"),
        Value::String(_) => json!("string"),
        Value::Array(a) => {
            let mut shapes: Vec<Value> = a.iter().map(mask).collect();
            shapes.sort_by_key(Value::to_string);
            shapes.dedup();
            Value::Array(shapes)
        }
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), mask(v)))
                .collect::<Map<_, _>>(),
        ),
    }
}

/// The JSON paths where two shapes differ.
fn differences(real: &Value, emulated: &Value, path: &str, out: &mut Vec<String>) {
    match (real, emulated) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, va) in a {
                let p = format!("{path}.{k}");
                match b.get(k) {
                    Some(vb) => differences(va, vb, &p, out),
                    None => out.push(format!("{p}: only from Keystone ({va})")),
                }
            }
            for (k, vb) in b {
                if !a.contains_key(k) {
                    out.push(format!("{path}.{k}: only from the emulator ({vb})"));
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.is_empty() != b.is_empty() {
                out.push(format!("{path}: Keystone {real}, emulator {emulated}"));
            }
            for y in b {
                let matched = a.iter().any(|x| {
                    let mut inner = Vec::new();
                    differences(x, y, path, &mut inner);
                    inner.is_empty()
                });
                if !matched && !a.is_empty() {
                    out.push(format!(
                        "{path}[]: the emulator's element {y} is not among Keystone's {real}"
                    ));
                }
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(format!("{path}: Keystone {a}, emulator {b}")),
    }
}

/// The `error.message` of an error body, with what differs from run to run masked: ids (runs of
/// hex digits) and numbers (name suffixes).
fn error_message(body: &[u8]) -> Option<String> {
    let v: Value = serde_json::from_slice(body).ok()?;
    let message = v.get("error")?.get("message")?.as_str()?;
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.chars().any(|c| c.is_ascii_digit()) || run.len() >= 16 {
            out.push('#');
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in message.chars() {
        if c.is_ascii_hexdigit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    Some(out)
}

/// Why two exchanges differ, if they do.
fn compare(real: &Exchange, emulated: &Exchange) -> Option<String> {
    let mut problems = Vec::new();
    if real.operation != emulated.operation {
        problems.push(format!(
            "operation {} vs {}",
            real.operation, emulated.operation
        ));
    }
    if real.method != emulated.method {
        problems.push(format!("method {} vs {}", real.method, emulated.method));
    }
    if real.status != emulated.status {
        problems.push(format!("status {} vs {}", real.status, emulated.status));
    }
    let mut paths = Vec::new();
    differences(&shape(&real.body), &shape(&emulated.body), "$", &mut paths);
    problems.extend(paths);
    let (real_message, emulated_message) =
        (error_message(&real.body), error_message(&emulated.body));
    if real_message != emulated_message {
        problems.push(format!(
            "error message {real_message:?} vs {emulated_message:?}"
        ));
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

#[tokio::test]
#[ignore = "needs a live Keystone: scripts/keystone-server start (see README)"]
async fn the_emulator_answers_like_the_real_keystone() {
    let env = LiveEnv::get().await;
    let real = scenario::every_operation(
        &env.public_url,
        &env.admin_url,
        &env.admin_password,
        &env.admin_token,
    )
    .await;
    let emulator = Emulator::start().await.expect("the emulator starts");
    let emulated = scenario::every_operation(
        &emulator.public_url(),
        &emulator.admin_url(),
        emulator.admin_password(),
        emulator.admin_token(),
    )
    .await;
    emulator.shutdown().await;

    let total = real.len().max(emulated.len());
    let mut mismatches = Vec::new();
    for i in 0..total {
        match (real.get(i), emulated.get(i)) {
            (Some(r), Some(e)) => {
                if let Some(why) = compare(r, e) {
                    mismatches.push(format!("#{i} {} {}: {why}", r.method, r.operation));
                }
            }
            (Some(r), None) => {
                mismatches.push(format!("#{i} {}: only against Keystone", r.operation))
            }
            (None, Some(e)) => {
                mismatches.push(format!("#{i} {}: only against the emulator", e.operation))
            }
            (None, None) => {}
        }
    }
    println!(
        "differential: {} exchanges matched of {total}",
        total - mismatches.len()
    );
    assert!(
        mismatches.is_empty(),
        "{} exchange(s) differ:\n  {}",
        mismatches.len(),
        mismatches.join("\n  ")
    );
}

#[test]
fn shapes_mask_values_and_keep_structure() {
    let s = shape(br#"{"a": [1, 2, "x"], "b": {"c": null, "d": "x"}, "e": [], "f": true}"#);
    assert_eq!(
        s,
        json!({"a": ["number", "string"], "b": {"c": "null", "d": "string"}, "e": [], "f": "bool"})
    );
    assert_eq!(shape(b""), json!("<empty>"));
    assert_eq!(shape(b"-----BEGIN CERTIFICATE-----"), json!("<text>"));
    let mut out = Vec::new();
    differences(
        &json!({"a": "string", "b": []}),
        &json!({"a": "null", "c": "bool", "b": ["string"]}),
        "$",
        &mut out,
    );
    assert_eq!(out.len(), 3, "{out:?}");
    // Element order and extra variants on the Keystone side do not matter.
    let real = shape(br#"[{"id": "1", "d": "x"}, {"id": "2"}]"#);
    let emulated = shape(br#"[{"id": "2"}, {"id": "1", "d": "y"}]"#);
    let mut out = Vec::new();
    differences(&real, &emulated, "$", &mut out);
    assert!(out.is_empty(), "{out:?}");
    let mut out = Vec::new();
    differences(&real, &shape(br#"[{"id": 2}]"#), "$", &mut out);
    assert_eq!(out.len(), 1, "{out:?}");
}
