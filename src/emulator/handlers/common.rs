//! What every handler uses: its environment, Keystone's schema checks of a request body, and
//! Python's views of JSON values (truthiness, `repr`, `str`), in which Keystone's messages are
//! written.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use crate::emulator::state::{Caller, State};
use crate::emulator::wire::Ctx;

/// What a handler works with: the state (locked), the request, and who sent it.
pub(crate) struct Env<'a> {
    pub(crate) state: &'a mut State,
    pub(crate) ctx: &'a Ctx,
    pub(crate) caller: Caller,
    pub(crate) now: DateTime<Utc>,
}

/// A non-empty string (Python truthiness for the values Keystone expects to be strings).
pub(crate) fn truthy_str(v: &Value) -> Option<&str> {
    v.as_str().filter(|s| !s.is_empty())
}

/// Whether a JSON value is truthy in Python.
pub(crate) fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// A value as Python's `repr()` shows it in jsonschema messages.
pub(crate) fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("'{s}'"),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("'{k}': {}", py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A value as Python's `str()` shows it.
pub(crate) fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// The JSON-schema checks Keystone's v2 controllers run (`validation.lazy_validate`), with the
/// first line of jsonschema's messages.
pub(crate) mod schema {
    use serde_json::{Map, Value};

    use super::py_repr;
    use crate::emulator::wire::KsError;

    /// The request's object, or 400 when it is not one.
    pub(crate) fn object(v: &Value) -> Result<&Map<String, Value>, KsError> {
        v.as_object()
            .ok_or_else(|| KsError::bad_request(format!("{} is not of type 'object'", py_repr(v))))
    }

    pub(crate) fn required(obj: &Map<String, Value>, field: &str) -> Result<(), KsError> {
        if obj.contains_key(field) {
            Ok(())
        } else {
            Err(KsError::bad_request(format!(
                "'{field}' is a required property"
            )))
        }
    }

    fn invalid(field: &str, message: String) -> KsError {
        KsError::bad_request(format!("Invalid input for field '{field}': {message}"))
    }

    /// How a string attribute is constrained.
    #[derive(Debug, Clone, Copy, Default)]
    pub(crate) struct Str {
        pub(crate) nullable: bool,
        pub(crate) min: usize,
        pub(crate) max: Option<usize>,
        /// Pattern `[\S]+`: at least one non-space character.
        pub(crate) non_blank: bool,
        /// Pattern `^[a-zA-Z0-9-]+$` (ids).
        pub(crate) id_chars: bool,
    }

    /// A name: 1 to `max` characters, not only spaces.
    pub(crate) const fn name(max: usize) -> Str {
        Str {
            nullable: false,
            min: 1,
            max: Some(max),
            non_blank: true,
            id_chars: false,
        }
    }

    /// An id: 1 to 64 of `[a-zA-Z0-9-]`, or null.
    pub(crate) const ID: Str = Str {
        nullable: true,
        min: 1,
        max: Some(64),
        non_blank: false,
        id_chars: true,
    };

    /// Any string, or null.
    pub(crate) const NULLABLE: Str = Str {
        nullable: true,
        min: 0,
        max: None,
        non_blank: false,
        id_chars: false,
    };

    /// Any string.
    pub(crate) const STRING: Str = Str {
        nullable: false,
        min: 0,
        max: None,
        non_blank: false,
        id_chars: false,
    };

    /// Checks `obj[field]` if present.
    pub(crate) fn string(obj: &Map<String, Value>, field: &str, rule: Str) -> Result<(), KsError> {
        let Some(v) = obj.get(field) else {
            return Ok(());
        };
        let s = match v {
            Value::Null if rule.nullable => return Ok(()),
            Value::String(s) => s,
            other => {
                let ty = if rule.nullable {
                    "['string', 'null']"
                } else {
                    "'string'"
                };
                return Err(invalid(
                    field,
                    format!("{} is not of type {ty}", py_repr(other)),
                ));
            }
        };
        let len = s.chars().count();
        if len < rule.min {
            return Err(invalid(field, format!("{} is too short", py_repr(v))));
        }
        if rule.max.is_some_and(|max| len > max) {
            return Err(invalid(field, format!("{} is too long", py_repr(v))));
        }
        if rule.non_blank && s.chars().all(char::is_whitespace) {
            return Err(invalid(
                field,
                format!("{} does not match '[\\\\S]+'", py_repr(v)),
            ));
        }
        if rule.id_chars && !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(invalid(
                field,
                format!("{} does not match '^[a-zA-Z0-9-]+$'", py_repr(v)),
            ));
        }
        Ok(())
    }

    /// Checks that `obj[field]`, if present, is a boolean.
    pub(crate) fn boolean(obj: &Map<String, Value>, field: &str) -> Result<(), KsError> {
        match obj.get(field) {
            None | Some(Value::Bool(_)) => Ok(()),
            Some(other) => Err(invalid(
                field,
                format!("{} is not of type 'boolean'", py_repr(other)),
            )),
        }
    }

    /// Refuses attributes a v2 request may not set.
    pub(crate) fn forbidden(obj: &Map<String, Value>, fields: &[&str]) -> Result<(), KsError> {
        match fields.iter().find(|f| obj.contains_key(**f)) {
            Some(f) => Err(KsError::bad_request(format!(
                "{} should not be valid under {{'required': ['{f}']}}",
                py_repr(&Value::Object(obj.clone()))
            ))),
            None => Ok(()),
        }
    }
}

/// The extra attributes of a request object: every key but `known`.
pub(crate) fn extra_of(obj: &Map<String, Value>, known: &[&str]) -> Map<String, Value> {
    obj.iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// `given`, or a new random id.
pub(crate) fn new_or_given_id(given: Option<&str>) -> String {
    given.map_or_else(crate::emulator::state::new_id, str::to_owned)
}
