//! Python's semantics where cliff relies on them: column selection and sorting
//! (cliff/display.py, cliff/lister.py), comparison, `str()` and `repr()`.

use super::*;

// Column selection and sorting (cliff/display.py, cliff/lister.py)

/// The indexes of the columns `-c` selects, in the columns' own order (cliff does not reorder).
pub(crate) fn select_columns(
    names: &[String],
    requested: &[String],
) -> Result<Vec<usize>, FormatError> {
    if requested.is_empty() {
        return Ok((0..names.len()).collect());
    }
    let normalize = |c: &str| c.to_lowercase().trim().replace(' ', "_");
    let wanted: Vec<String> = requested.iter().map(|c| normalize(c)).collect();
    let picked: Vec<usize> = (0..names.len())
        .filter(|&i| wanted.contains(&normalize(&names[i])))
        .collect();
    if picked.is_empty() {
        let req: Vec<String> = requested.iter().map(|c| py_str_repr(c)).collect();
        let rec: Vec<String> = names.iter().map(|c| py_str_repr(c)).collect();
        let rec = if rec.len() == 1 {
            format!("({},)", rec[0])
        } else {
            format!("({})", rec.join(", "))
        };
        return Err(FormatError(format!(
            "No recognized column names in [{}]. Recognized columns are {rec}.",
            req.join(", ")
        )));
    }
    Ok(picked)
}

/// cliff's sort: one stable sort a known sort column, the last named first, keyed on
/// `(value is None, value)`; a column whose values Python cannot compare is skipped.
pub(crate) fn sort_rows(
    rows: &mut Vec<&Vec<Value>>,
    columns: &[String],
    sort: &[String],
    desc: bool,
) {
    let indexes: Vec<usize> = sort
        .iter()
        .filter_map(|c| columns.iter().position(|n| n == c))
        .collect();
    for &index in indexes.iter().rev() {
        let failed = std::cell::Cell::new(false);
        let mut sorted = rows.clone();
        let key_cmp = |a: &&Vec<Value>, b: &&Vec<Value>| {
            let (x, y) = (
                a.get(index).unwrap_or(&Value::Null),
                b.get(index).unwrap_or(&Value::Null),
            );
            let ord = match (x.is_null(), y.is_null()) {
                (true, true) => Ordering::Equal,
                (false, true) => Ordering::Less,
                (true, false) => Ordering::Greater,
                (false, false) => py_cmp(x, y).unwrap_or_else(|| {
                    failed.set(true);
                    Ordering::Equal
                }),
            };
            if desc {
                ord.reverse()
            } else {
                ord
            }
        };
        sorted.sort_by(key_cmp);
        if !failed.get() {
            *rows = sorted;
        }
    }
}

pub(crate) fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

pub(crate) fn int(v: &Value) -> Option<i128> {
    match v {
        Value::Bool(b) => Some(i128::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(i128::from)
            .or_else(|| n.as_u64().map(i128::from)),
        _ => None,
    }
}

/// Python's `==` between two JSON-born values.
pub(crate) fn py_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| py_eq(v, w)))
        }
        _ => match (int(a), int(b)) {
            (Some(x), Some(y)) => x == y,
            _ => matches!((num(a), num(b)), (Some(x), Some(y)) if x == y),
        },
    }
}

/// Python's ordering of two values, `None` where Python raises `TypeError`.
pub(crate) fn py_cmp(a: &Value, b: &Value) -> Option<Ordering> {
    if py_eq(a, b) {
        return Some(Ordering::Equal);
    }
    match (a, b) {
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        (Value::Array(x), Value::Array(y)) => {
            for (p, q) in x.iter().zip(y) {
                if !py_eq(p, q) {
                    return py_cmp(p, q);
                }
            }
            Some(x.len().cmp(&y.len()))
        }
        _ => match (int(a), int(b)) {
            (Some(x), Some(y)) => Some(x.cmp(&y)),
            _ => match (num(a), num(b)) {
                (Some(x), Some(y)) => x.partial_cmp(&y),
                _ => None,
            },
        },
    }
}

// ---------------------------------------------------------------------------------------------
// The order of a dict's keys

/// The key orders of the objects Keystone v2 nests in the resources openstackclient prints,
/// as Keystone 12 writes them (its captured answers in the workspace's `tests/data/captures`
/// hold them; a test checks each against them): a catalog endpoint, and a link (of an
/// extension or a version).
pub(crate) const KEYSTONE_KEY_ORDERS: &[&[&str]] = &[
    &["id", "publicURL", "internalURL", "adminURL", "region"],
    &["rel", "type", "href"],
];

/// The entries of `m` in the order the Python dict openstackclient holds has them: the order
/// of Keystone's answer. The SDK's types and serde_json's `Map` keep no order (the map sorts its
/// keys), so an object whose keys all belong to one of [`KEYSTONE_KEY_ORDERS`] gets that order;
/// any other keeps the map's (sorted) order.
pub(crate) fn dict_items(m: &serde_json::Map<String, Value>) -> Vec<(&str, &Value)> {
    let mut items: Vec<(&str, &Value)> = m.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let order = KEYSTONE_KEY_ORDERS
        .iter()
        .find(|order| items.iter().all(|(k, _)| order.contains(k)));
    if let Some(order) = order {
        items.sort_by_key(|(k, _)| order.iter().position(|o| o == k));
    }
    items
}

// ---------------------------------------------------------------------------------------------
// Python's str() and repr()

/// Python's `str()` of the value cliff would hold for this JSON value.
pub(crate) fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// Python's `repr()` of the list / dict / scalar this JSON value becomes.
pub(crate) fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => py_number(n),
        Value::String(s) => py_str_repr(s),
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(py_repr).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(m) => {
            let items: Vec<String> = dict_items(m)
                .into_iter()
                .map(|(k, v)| format!("{}: {}", py_str_repr(k), py_repr(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

pub(crate) fn py_number(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        i.to_string()
    } else if let Some(u) = n.as_u64() {
        u.to_string()
    } else {
        py_float_repr(n.as_f64().unwrap_or(f64::NAN))
    }
}

/// Python's `repr(float)`: the shortest round-tripping digits, in exponent form when the
/// decimal point would sit more than 16 places right or 4 places left of the first digit.
pub(crate) fn py_float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if f == 0.0 {
        return if f.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    let e = format!("{:e}", f.abs());
    let (mantissa, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let sign = if f < 0.0 { "-" } else { "" };
    let decpt = exp + 1;
    let n = digits.len() as i32;
    let body = if decpt <= -4 || decpt > 16 {
        let rest = &digits[1..];
        let m = if rest.is_empty() {
            digits[..1].to_string()
        } else {
            format!("{}.{rest}", &digits[..1])
        };
        let x = decpt - 1;
        format!("{m}e{}{:02}", if x < 0 { '-' } else { '+' }, x.abs())
    } else if decpt <= 0 {
        format!("0.{}{digits}", "0".repeat((-decpt) as usize))
    } else if decpt >= n {
        format!("{digits}{}.0", "0".repeat((decpt - n) as usize))
    } else {
        format!(
            "{}.{}",
            &digits[..decpt as usize],
            &digits[decpt as usize..]
        )
    };
    format!("{sign}{body}")
}

/// Whether Python's `str.isprintable()` holds for a non-ASCII character (approximated:
/// controls, separators other than the space and the common format characters are not).
pub(crate) fn py_printable(c: char) -> bool {
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c, '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}'
            | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}' | '\u{e000}'..='\u{f8ff}'
            | '\u{f0000}'..='\u{10ffff}'))
}

/// Python's `repr(str)`.
pub(crate) fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            c if c == quote || c == '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_ascii() || py_printable(c) => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}
