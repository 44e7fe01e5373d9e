//! Python's `json.dumps` as cliff calls it (indent 2, or none with `--noindent`).

use super::*;

// json (Python's json.dump, ensure_ascii, indent 2 or none, as cliff calls it)

pub(crate) fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            c => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

pub(crate) fn json_newline(out: &mut String, indent: bool, level: usize) {
    if indent {
        out.push('\n');
        out.push_str(&"  ".repeat(level));
    }
}

pub(crate) fn json_value(out: &mut String, v: &Value, indent: bool, level: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&py_number(n)),
        Value::String(s) => json_str(out, s),
        Value::Array(a) => {
            if a.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                    if !indent {
                        out.push(' ');
                    }
                }
                json_newline(out, indent, level + 1);
                json_value(out, item, indent, level + 1);
            }
            json_newline(out, indent, level);
            out.push(']');
        }
        Value::Object(m) => json_object(out, &dict_items(m), indent, level),
    }
}

pub(crate) fn json_object(out: &mut String, pairs: &[(&str, &Value)], indent: bool, level: usize) {
    // A Python dict keeps one entry a key: the last value, at the first key's place.
    let mut uniq: Vec<(&str, &Value)> = Vec::with_capacity(pairs.len());
    for &(k, v) in pairs {
        match uniq.iter_mut().find(|(u, _)| *u == k) {
            Some(slot) => slot.1 = v,
            None => uniq.push((k, v)),
        }
    }
    if uniq.is_empty() {
        out.push_str("{}");
        return;
    }
    out.push('{');
    for (i, (k, v)) in uniq.iter().enumerate() {
        if i > 0 {
            out.push(',');
            if !indent {
                out.push(' ');
            }
        }
        json_newline(out, indent, level + 1);
        json_str(out, k);
        out.push_str(": ");
        json_value(out, v, indent, level + 1);
    }
    json_newline(out, indent, level);
    out.push('}');
}

pub(crate) fn json_list(out: &mut String, items: &[Vec<(&str, &Value)>], indent: bool) {
    if items.is_empty() {
        out.push_str("[]");
        return;
    }
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
            if !indent {
                out.push(' ');
            }
        }
        json_newline(out, indent, 1);
        json_object(out, item, indent, 1);
    }
    json_newline(out, indent, 0);
    out.push(']');
}
