//! EC2 and S3 request signatures, computed exactly as Keystone 12.0.3 checks them: the EC2 side
//! is keystoneclient's `Ec2Signer` (signature versions 0, 1, 2 and 4), the S3 side is
//! `keystone.contrib.s3.core.S3Controller` (v1 HMAC-SHA1 and v4).

use std::collections::BTreeMap;

use base64::Engine as _;
use hmac::{Hmac, Mac};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::{Map, Value};
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// Python's `urllib.parse.quote(s, safe='')`: everything but `A-Za-z0-9-_.~` is escaped.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The signed request lacks something the signer needs: Keystone fails with a 500 then (a
/// `KeyError` or an `Exception` escaping the signer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Malformed(pub(crate) &'static str);

/// Why an S3 signature was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum S3Refusal {
    /// A v4 string to sign with a bad shape or scope: Keystone answers 401.
    Invalid,
}

fn hmac_sha1(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha1>>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256>>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A JSON value as Python's `str()` would print it (signers stringify non-string parameters).
fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Null => "None".to_owned(),
        other => other.to_string(),
    }
}

fn string_map(v: Option<&Value>) -> Option<BTreeMap<String, String>> {
    v?.as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), py_str(v))).collect())
}

fn str_field<'a>(creds: &'a Map<String, Value>, key: &'static str) -> Result<&'a str, Malformed> {
    creds.get(key).and_then(Value::as_str).ok_or(Malformed(key))
}

/// `Ec2Signer._canonical_qs`: parameters sorted by name, names and values percent-encoded
/// keeping only `A-Za-z0-9-_.~`.
pub(crate) fn canonical_query_string(params: &BTreeMap<String, String>) -> String {
    params
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                utf8_percent_encode(k, UNRESERVED),
                utf8_percent_encode(v, UNRESERVED)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The signature Keystone expects for the signed EC2 request `creds` (the `credentials` object
/// of `POST /v2.0/ec2tokens`), made with `secret`.
pub(crate) fn ec2_signature(secret: &str, creds: &Map<String, Value>) -> Result<String, Malformed> {
    let mut params = string_map(creds.get("params")).ok_or(Malformed("params"))?;
    let key = secret.as_bytes();
    match params.get("SignatureVersion").map(String::as_str) {
        Some("0") => {
            let action = params.get("Action").ok_or(Malformed("Action"))?;
            let timestamp = params.get("Timestamp").ok_or(Malformed("Timestamp"))?;
            Ok(b64(&hmac_sha1(
                key,
                format!("{action}{timestamp}").as_bytes(),
            )))
        }
        Some("1") => {
            // `sorted(params, key=str.lower)`, a stable sort.
            let mut keys: Vec<&String> = params.keys().collect();
            keys.sort_by_key(|k| k.to_lowercase());
            let mut data = Vec::new();
            for k in keys {
                data.extend_from_slice(k.as_bytes());
                data.extend_from_slice(params[k].as_bytes());
            }
            Ok(b64(&hmac_sha1(key, &data)))
        }
        Some("2") => {
            let verb = str_field(creds, "verb")?;
            let host = str_field(creds, "host")?;
            let path = str_field(creds, "path")?;
            // The signer always uses HMAC-SHA256 and rewrites the method parameter to match.
            params.insert("SignatureMethod".to_owned(), "HmacSHA256".to_owned());
            let to_sign = format!(
                "{verb}\n{host}\n{path}\n{}",
                canonical_query_string(&params)
            );
            Ok(b64(&hmac_sha256(key, to_sign.as_bytes())))
        }
        version => {
            if is_v4(creds, &params) {
                ec2_signature_v4(key, creds, &params)
            } else if version.is_some() {
                Err(Malformed("unknown signature version"))
            } else {
                Err(Malformed("unexpected signature format"))
            }
        }
    }
}

fn is_v4(creds: &Map<String, Value>, params: &BTreeMap<String, String>) -> bool {
    let header = creds
        .get("headers")
        .and_then(Value::as_object)
        .and_then(|h| h.get("Authorization"))
        .map(py_str);
    match header {
        Some(auth) => auth.starts_with("AWS4-HMAC-SHA256"),
        None => params.get("X-Amz-Algorithm").map(String::as_str) == Some("AWS4-HMAC-SHA256"),
    }
}

/// `Ec2Signer._calc_signature_4`.
fn ec2_signature_v4(
    secret: &[u8],
    creds: &Map<String, Value>,
    params: &BTreeMap<String, String>,
) -> Result<String, Malformed> {
    let verb = str_field(creds, "verb")?;
    str_field(creds, "host")?;
    let path = str_field(creds, "path")?;
    let headers = string_map(creds.get("headers")).ok_or(Malformed("headers"))?;
    let body_hash = str_field(creds, "body_hash")?;

    let auth_param = |name: &str| -> Option<String> {
        match headers.get("Authorization") {
            Some(auth) => {
                let needle = format!("{name}=");
                let rest = auth.split_once(&needle).map(|(_, r)| r).unwrap_or("");
                Some(rest.split(',').next().unwrap_or("").to_owned())
            }
            None => params.get(&format!("X-Amz-{name}")).cloned(),
        }
    };
    let date = headers
        .get("X-Amz-Date")
        .or_else(|| params.get("X-Amz-Date"))
        .ok_or(Malformed("X-Amz-Date"))?;

    let lower: BTreeMap<String, String> = headers
        .iter()
        .map(|(k, v)| (k.trim().to_lowercase(), v.trim().to_owned()))
        .collect();
    let old_boto = lower
        .get("user-agent")
        .map(|ua| is_old_boto(ua))
        .unwrap_or(false);
    let signed_headers = auth_param("SignedHeaders").ok_or(Malformed("SignedHeaders"))?;
    let mut header_lines = Vec::new();
    for h in signed_headers.split(';') {
        let Some(value) = lower.get(h) else { continue };
        if h == "host" && old_boto {
            header_lines.push(format!("{h}:{}", value.split(':').next().unwrap_or("")));
        } else {
            header_lines.push(format!("{h}:{value}"));
        }
    }
    let canonical_headers = format!("{}\n", header_lines.join("\n"));
    let canonical_qs = if verb.eq_ignore_ascii_case("POST") {
        String::new()
    } else {
        canonical_query_string(params)
    };
    let canonical_request = [
        verb.to_uppercase().as_str(),
        path,
        &canonical_qs,
        &canonical_headers,
        &signed_headers,
        body_hash,
    ]
    .join("\n");

    let credential = auth_param("Credential").ok_or(Malformed("Credential"))?;
    let parts: Vec<&str> = credential.split('/').collect();
    let credential_date = *parts.get(1).ok_or(Malformed("credential scope"))?;
    if !date.starts_with(credential_date) {
        return Err(Malformed("request date mismatch"));
    }
    let scope = parts[1..].join("/");
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{date}\n{scope}\n{}",
        hex(&Sha256::digest(canonical_request.as_bytes()))
    );
    let [region, service] = parts
        .get(2..4)
        .and_then(|s| <[&str; 2]>::try_from(s).ok())
        .ok_or(Malformed("credential scope"))?;
    let key = aws4_signing_key(secret, credential_date, region, service);
    Ok(hex(&hmac_sha256(&key, string_to_sign.as_bytes())))
}

/// `re.match(r'Boto/2\.[0-9]\.[0-2]', user_agent)`.
fn is_old_boto(user_agent: &str) -> bool {
    let b = user_agent.as_bytes();
    b.len() >= 10
        && b.starts_with(b"Boto/2.")
        && b[7].is_ascii_digit()
        && b[8] == b'.'
        && (b'0'..=b'2').contains(&b[9])
}

fn aws4_signing_key(secret: &[u8], date: &str, region: &str, service: &str) -> Vec<u8> {
    let mut key = b"AWS4".to_vec();
    key.extend_from_slice(secret);
    let k_date = hmac_sha256(&key, date.as_bytes());
    let k_region = hmac_sha256(&k_date, region.as_bytes());
    let k_service = hmac_sha256(&k_region, service.as_bytes());
    hmac_sha256(&k_service, b"aws4_request")
}

/// Python's lenient `base64.urlsafe_b64decode`: characters outside the alphabet are dropped,
/// the padding must be right. `None` where Python raises (Keystone answers 500 then).
pub(crate) fn urlsafe_b64decode(token: &str) -> Option<Vec<u8>> {
    let cleaned: String = token
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '/',
            c => c,
        })
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='))
        .collect();
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireCanonical),
    );
    engine.decode(cleaned).ok()
}

/// The signature Keystone expects for an S3 string to sign (`S3Controller.check_signature`).
pub(crate) fn s3_signature(secret: &str, string_to_sign: &[u8]) -> Result<String, S3Refusal> {
    if !string_to_sign.starts_with(b"AWS4") {
        return Ok(b64(&hmac_sha1(secret.as_bytes(), string_to_sign)));
    }
    let parts: Vec<&[u8]> = string_to_sign.split(|b| *b == b'\n').collect();
    if parts.len() != 4 || parts[0] != b"AWS4-HMAC-SHA256" {
        return Err(S3Refusal::Invalid);
    }
    let scope: Vec<&[u8]> = parts[2].split(|b| *b == b'/').collect();
    if scope.len() != 4 || scope[2] != b"s3" || scope[3] != b"aws4_request" {
        return Err(S3Refusal::Invalid);
    }
    let mut key = b"AWS4".to_vec();
    key.extend_from_slice(secret.as_bytes());
    let signed = hmac_sha256(&key, scope[0]);
    let signed = hmac_sha256(&signed, scope[1]);
    let signed = hmac_sha256(&signed, scope[2]);
    let signed = hmac_sha256(&signed, b"aws4_request");
    Ok(hex(&hmac_sha256(&signed, string_to_sign)))
}

/// Constant-time string comparison (`keystone.common.utils.auth_str_equal`).
pub(crate) fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut diff = a.len() ^ b.len();
    for (i, x) in a.iter().enumerate() {
        diff |= usize::from(x ^ b.get(i).copied().unwrap_or(0));
    }
    diff == 0
}

/// `keystone.common.utils.hash_access_key`: the id Keystone stores an EC2 credential under.
pub(crate) fn hash_access_key(access: &str) -> String {
    hex(&Sha256::digest(access.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn creds(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    /// Captured from the real Keystone 12.0.3 (samples/093-ec2tokens-public): this signature was
    /// accepted for the credential's secret.
    #[test]
    fn v2_signature_matches_a_real_capture() {
        let c = creds(json!({
            "access": "fd4f38eb20c049f1b72001628c6909b3",
            "host": "127.0.0.1:8773", "verb": "GET", "path": "/",
            "params": {
                "SignatureVersion": "2", "SignatureMethod": "HmacSHA256",
                "AWSAccessKeyId": "fd4f38eb20c049f1b72001628c6909b3",
                "Action": "DescribeInstances", "Timestamp": "2030-01-01T00:00:00Z"
            }
        }));
        assert_eq!(
            ec2_signature("e03059c2b6314fb29b75545de20d3fd4", &c).unwrap(),
            "RFFKsoj/wbhDXBUDOJ3aSEdSb8185hZay36u8vvHWb8="
        );
    }

    #[test]
    fn v2_forces_hmac_sha256_whatever_the_method_says() {
        let mut c = creds(json!({
            "host": "h", "verb": "GET", "path": "/",
            "params": {"SignatureVersion": "2", "SignatureMethod": "HmacSHA1", "A": "b"}
        }));
        let with_sha1 = ec2_signature("s", &c).unwrap();
        c["params"]["SignatureMethod"] = json!("HmacSHA256");
        assert_eq!(with_sha1, ec2_signature("s", &c).unwrap());
    }

    #[test]
    fn canonical_query_string_sorts_and_escapes_like_python() {
        let params: BTreeMap<String, String> = [("b", "x y/z~"), ("a", "1+2"), ("Z", "é")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        assert_eq!(
            canonical_query_string(&params),
            "Z=%C3%A9&a=1%2B2&b=x%20y%2Fz~"
        );
    }

    #[test]
    fn v0_and_v1_use_hmac_sha1() {
        let c =
            creds(json!({"params": {"SignatureVersion": "0", "Action": "A", "Timestamp": "T"}}));
        assert_eq!(
            ec2_signature("k", &c).unwrap(),
            b64(&hmac_sha1(b"k", b"AT"))
        );
        let c = creds(json!({"params": {"SignatureVersion": "1", "b": "2", "A": "1"}}));
        assert_eq!(
            ec2_signature("k", &c).unwrap(),
            b64(&hmac_sha1(b"k", b"A1b2SignatureVersion1"))
        );
    }

    #[test]
    fn missing_pieces_are_malformed_not_panics() {
        assert!(ec2_signature("k", &creds(json!({}))).is_err());
        assert!(ec2_signature("k", &creds(json!({"params": {"SignatureVersion": "2"}}))).is_err());
        assert!(ec2_signature("k", &creds(json!({"params": {"SignatureVersion": "9"}}))).is_err());
        assert!(ec2_signature("k", &creds(json!({"params": {}}))).is_err());
        let v4 = creds(json!({"params": {"X-Amz-Algorithm": "AWS4-HMAC-SHA256"}, "headers": {}}));
        assert!(ec2_signature("k", &v4).is_err());
    }

    /// The AWS documentation's signature v4 example (GET https://iam.amazonaws.com/?Action=...).
    #[test]
    fn v4_signature_matches_the_aws_example() {
        let c = creds(json!({
            "verb": "GET", "host": "iam.amazonaws.com", "path": "/",
            "params": {"Action": "ListUsers", "Version": "2010-05-08"},
            "headers": {
                "Host": "iam.amazonaws.com",
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "X-Amz-Date": "20150830T123600Z",
                "Authorization": "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=x"
            },
            "body_hash": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        }));
        assert_eq!(
            ec2_signature("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", &c).unwrap(),
            "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"
        );
    }

    #[test]
    fn s3_v1_and_v4() {
        let sts = b"GET\n\n\nTue, 11 Dec 2029 00:00:00 GMT\n/bucket/key";
        assert_eq!(s3_signature("k", sts).unwrap(), b64(&hmac_sha1(b"k", sts)));
        assert_eq!(s3_signature("k", b"AWS4-nonsense"), Err(S3Refusal::Invalid));
        let v4 = b"AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\nabc";
        assert_eq!(s3_signature("k", v4).unwrap().len(), 64);
        let bad_scope =
            b"AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/ec2/aws4_request\nabc";
        assert_eq!(s3_signature("k", bad_scope), Err(S3Refusal::Invalid));
    }

    #[test]
    fn urlsafe_b64decode_is_lenient_like_python() {
        assert_eq!(urlsafe_b64decode("aGk_").unwrap(), vec![104, 105, 63]);
        assert_eq!(urlsafe_b64decode("!!!").unwrap(), Vec::<u8>::new());
        assert_eq!(urlsafe_b64decode("aGk").as_deref(), None);
        assert_eq!(urlsafe_b64decode("aGk=").unwrap(), b"hi");
    }

    #[test]
    fn helpers() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
        assert!(!constant_time_eq("", "a"));
        assert_eq!(
            hash_access_key("nope"),
            "ca3704aa0b06f5954c79ee837faa152d84d6b2d42838f0637a15eda8337dbdce"
        );
        assert!(is_old_boto("Boto/2.9.2 Python"));
        assert!(!is_old_boto("Boto/2.9.3"));
    }
}
