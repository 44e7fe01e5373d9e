//! Keystone's HTTP conventions: error bodies and messages, the JSON request body rules of its
//! `json_body` middleware, query parameters, and what a handler answers.

use http::{HeaderMap, StatusCode};
use serde_json::{json, Map, Value};

use super::dialect::Dialect;
use crate::operations::Api;

/// The suffix Keystone appends to `ValidationError` messages built from a template.
const NOT_COMPLY: &str = "The server could not comply with the request since it is either \
                          malformed or otherwise incorrect. The client is assumed to be in error.";

/// A Keystone error: rendered as `{"error": {"code", "title", "message"}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KsError {
    pub(crate) status: StatusCode,
    pub(crate) message: String,
    /// The `WWW-Authenticate` of a 401 when it is not Keystone's (a multi-factor challenge).
    pub(crate) challenge: Option<String>,
}

impl KsError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            challenge: None,
        }
    }

    /// This error with `WWW-Authenticate: <challenge>`.
    pub(crate) fn with_challenge(mut self, challenge: String) -> Self {
        self.challenge = Some(challenge);
        self
    }

    /// 400 with a message used as is (`ValidationError(message=...)`).
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    /// 400 `Expecting to find <attribute> in <target>. ...` (`ValidationError` template).
    pub(crate) fn expecting(attribute: &str, target: &str) -> Self {
        Self::bad_request(format!(
            "Expecting to find {attribute} in {target}. {NOT_COMPLY}"
        ))
    }

    /// 400 for an attribute longer than Keystone accepts (`ValidationSizeError`).
    pub(crate) fn too_long(attribute: &str, size: usize) -> Self {
        Self::bad_request(format!(
            "Request attribute {attribute} must be less than or equal to {size}. The server \
             could not comply with the request because the attribute size is invalid (too \
             large). The client is assumed to be in error."
        ))
    }

    /// 401 with Keystone's generic message (details of security errors are never shown).
    pub(crate) fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "The request you have made requires authentication.",
        )
    }

    /// 403 with Keystone's generic message.
    pub(crate) fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "You are not authorized to perform the requested action.",
        )
    }

    /// 403 naming the policy rule that refused the caller.
    pub(crate) fn forbidden_action(action: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            format!("You are not authorized to perform the requested action: {action}."),
        )
    }

    /// 404 `Could not find <kind>: <id>.`
    pub(crate) fn not_found(kind: &str, id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            format!("Could not find {kind}: {id}."),
        )
    }

    /// 409 `Conflict occurred attempting to store <kind> - <details>.`-style messages.
    pub(crate) fn conflict(kind: &str, details: &str) -> Self {
        Self::new(
            StatusCode::CONFLICT,
            format!("Conflict occurred attempting to store {kind} - {details}"),
        )
    }

    /// 500 with Keystone's `UnexpectedError` message.
    pub(crate) fn unexpected() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "An unexpected error prevented the server from fulfilling your request.",
        )
    }

    /// 501.
    pub(crate) fn not_implemented(message: &str) -> Self {
        Self::new(StatusCode::NOT_IMPLEMENTED, message)
    }

    /// The JSON body.
    pub(crate) fn body(&self) -> Value {
        error_body(self.status, &self.message)
    }
}

/// `{"error": {"code", "title", "message"}}`.
pub(crate) fn error_body(status: StatusCode, message: &str) -> Value {
    json!({"error": {
        "code": status.as_u16(),
        "title": status.canonical_reason().unwrap_or("Error"),
        "message": message,
    }})
}

/// What a handler answers.
#[derive(Debug)]
pub(crate) enum Reply {
    /// A JSON body with this status.
    Json(StatusCode, Value),
    /// A JSON body with this status, already serialized.
    JsonBytes(StatusCode, bytes::Bytes),
    /// A PEM document, served as `text/html` like Keystone does.
    Pem(&'static str),
    /// 204 without a body.
    NoContent,
}

impl Reply {
    /// 200 with a JSON body.
    pub(crate) fn ok(body: Value) -> Self {
        Reply::Json(StatusCode::OK, body)
    }
}

/// What a handler returns.
pub(crate) type Outcome = Result<Reply, KsError>;

/// The request as the handlers see it.
#[derive(Debug)]
pub(crate) struct Ctx {
    /// The API (port) the request came in on.
    pub(crate) api: Api,
    /// `http://host[:port]` as the client addressed the server.
    pub(crate) host_url: String,
    /// The query parameters, decoded; a repeated name keeps its last value (like WebOb).
    pub(crate) query: Vec<(String, String)>,
    /// The `X-Auth-Token` header.
    pub(crate) token: Option<String>,
    /// The `X-SessionId` header (the second step of a Rackspace multi-factor login).
    pub(crate) session_id: Option<String>,
    /// The dialect the emulator speaks.
    pub(crate) dialect: Dialect,
}

impl Ctx {
    /// The last value of a query parameter.
    pub(crate) fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Decodes `a=1&b=x+y` (`+` is a space, percent escapes decoded, invalid UTF-8 replaced).
pub(crate) fn parse_query(query: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let s = s.replace('+', " ");
        percent_encoding::percent_decode_str(&s)
            .decode_utf8_lossy()
            .into_owned()
    };
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Parses a request body as Keystone's `json_body` middleware does: an empty body is no
/// parameters; otherwise the Content-Type must be JSON (or absent), the body valid JSON, and an
/// object (a "falsy" JSON value - `null`, `[]`, `0`, `""`, `false` - counts as no parameters).
/// Keys starting with `_`, and `self`/`context`, are dropped.
pub(crate) fn parse_body(headers: &HeaderMap, body: &[u8]) -> Result<Map<String, Value>, KsError> {
    if body.is_empty() {
        return Ok(Map::new());
    }
    if let Some(ct) = headers.get(http::header::CONTENT_TYPE) {
        let media = ct
            .to_str()
            .unwrap_or("?")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if !media.is_empty() && media != "application/json" {
            return Err(KsError::expecting(
                "application/json",
                "Content-Type header",
            ));
        }
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|_| KsError::expecting("valid JSON", "request body"))?;
    let map = match value {
        Value::Object(map) => map,
        Value::Null => Map::new(),
        Value::Bool(false) => Map::new(),
        Value::Array(a) if a.is_empty() => Map::new(),
        Value::String(s) if s.is_empty() => Map::new(),
        Value::Number(n) if n.as_f64() == Some(0.0) => Map::new(),
        _ => return Err(KsError::expecting("valid JSON object", "request body")),
    };
    Ok(map
        .into_iter()
        .filter(|(k, _)| !k.starts_with('_') && k != "self" && k != "context")
        .collect())
}

/// The Python signature of the controller method Keystone calls for an operation: the request
/// body's top-level keys become its keyword arguments (`:` and `-` replaced by `_`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Signature {
    /// `Class.method`, as Python names it in a `TypeError`.
    pub(crate) function: &'static str,
    /// Keyword arguments that must be present.
    pub(crate) required: &'static [&'static str],
    /// Keyword arguments that may be present.
    pub(crate) optional: &'static [&'static str],
    /// The method takes `**kw`: any keyword is accepted.
    pub(crate) any: bool,
}

impl Signature {
    pub(crate) const fn new(function: &'static str) -> Self {
        Self {
            function,
            required: &[],
            optional: &[],
            any: false,
        }
    }

    pub(crate) const fn required(mut self, names: &'static [&'static str]) -> Self {
        self.required = names;
        self
    }

    pub(crate) const fn optional(mut self, names: &'static [&'static str]) -> Self {
        self.optional = names;
        self
    }

    pub(crate) const fn any(mut self) -> Self {
        self.any = true;
        self
    }

    /// The `TypeError` Python would raise calling the method with this body (a 400), if any.
    /// `path_params` are the names the URL already provides (the URL wins over the body).
    pub(crate) fn check(
        &self,
        body: &Map<String, Value>,
        path_params: &[&str],
    ) -> Result<(), KsError> {
        let kwargs: Vec<String> = body.keys().map(|k| k.replace([':', '-'], "_")).collect();
        if !self.any {
            if let Some(unexpected) = kwargs.iter().find(|k| {
                !self.required.contains(&k.as_str())
                    && !self.optional.contains(&k.as_str())
                    && !path_params.contains(&k.as_str())
            }) {
                return Err(KsError::bad_request(format!(
                    "{}() got an unexpected keyword argument '{unexpected}'",
                    self.function
                )));
            }
        }
        let missing: Vec<&str> = self
            .required
            .iter()
            .copied()
            .filter(|r| !kwargs.iter().any(|k| k == r))
            .collect();
        let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
        match quoted.split_last() {
            None => Ok(()),
            Some((one, [])) => Err(KsError::bad_request(format!(
                "{}() missing 1 required positional argument: {one}",
                self.function
            ))),
            Some((last, rest)) => Err(KsError::bad_request(format!(
                "{}() missing {} required positional arguments: {} and {last}",
                self.function,
                quoted.len(),
                rest.join(", ")
            ))),
        }
    }
}

/// The value of body key `key` as its keyword argument (`OS-KSADM:service` answers for
/// `OS_KSADM_service`).
pub(crate) fn kwarg<'a>(body: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    body.iter()
        .find(|(k, _)| k.replace([':', '-'], "_") == name)
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(ct: Option<&str>) -> HeaderMap {
        let mut h = HeaderMap::new();
        if let Some(ct) = ct {
            h.insert(http::header::CONTENT_TYPE, ct.parse().unwrap());
        }
        h
    }

    #[test]
    fn body_rules_follow_the_json_body_middleware() {
        assert!(parse_body(&headers(None), b"").unwrap().is_empty());
        assert!(parse_body(&headers(None), b"[]").unwrap().is_empty());
        assert!(parse_body(&headers(None), b"null").unwrap().is_empty());
        let e = parse_body(&headers(None), b"[1]").unwrap_err();
        assert!(e.message.starts_with("Expecting to find valid JSON object"));
        let e = parse_body(&headers(None), b"{").unwrap_err();
        assert!(e
            .message
            .starts_with("Expecting to find valid JSON in request body"));
        let e = parse_body(&headers(Some("text/plain")), b"{}").unwrap_err();
        assert!(e.message.starts_with("Expecting to find application/json"));
        let ok = parse_body(
            &headers(Some("application/json; charset=utf-8")),
            br#"{"a": 1, "_b": 2, "self": 3}"#,
        )
        .unwrap();
        assert_eq!(ok.keys().collect::<Vec<_>>(), ["a"]);
    }

    #[test]
    fn signatures_produce_pythons_type_errors() {
        let sig = Signature::new("Tenant.create_project").required(&["tenant"]);
        let body = |v: Value| v.as_object().cloned().unwrap();
        assert!(sig.check(&body(json!({"tenant": {}})), &[]).is_ok());
        assert_eq!(
            sig.check(&body(json!({"tenant": {}, "extra": 1})), &[])
                .unwrap_err()
                .message,
            "Tenant.create_project() got an unexpected keyword argument 'extra'"
        );
        assert_eq!(
            sig.check(&body(json!({})), &[]).unwrap_err().message,
            "Tenant.create_project() missing 1 required positional argument: 'tenant'"
        );
        let svc = Signature::new("Service.create_service").required(&["OS_KSADM_service"]);
        assert!(svc
            .check(&body(json!({"OS-KSADM:service": {}})), &[])
            .is_ok());
        let two = Signature::new("f").required(&["a", "b", "c"]);
        assert_eq!(
            two.check(&body(json!({})), &[]).unwrap_err().message,
            "f() missing 3 required positional arguments: 'a', 'b' and 'c'"
        );
    }

    #[test]
    fn query_strings_decode_like_webob() {
        let q = parse_query("name=a+b&x=%41&name=c&flag");
        assert_eq!(q[0], ("name".into(), "a b".into()));
        assert_eq!(q[1], ("x".into(), "A".into()));
        assert_eq!(q[3], ("flag".into(), "".into()));
    }
}
