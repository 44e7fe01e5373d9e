//! Path arguments as one segment each, and the route guard that checks the final path
//! against the operation's template.

/// Percent-encodes a path argument as exactly one segment: everything but the unreserved
/// characters `A-Z a-z 0-9 - . _ ~` (so `/`, `\`, `?`, `#`, `%` and the rest cannot change the
/// route). The route guard refuses what no encoding can carry: an empty argument, `.` and `..`.
///
/// It gives the encoding to format (the generated code writes it straight into the URL).
pub(crate) fn encode_segment(value: &str) -> Segment<'_> {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    // The unreserved bytes, looked up rather than tested (one load per byte of every id).
    const UNRESERVED: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            let c = b as u8;
            table[b] = c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~');
            b += 1;
        }
        table
    };
    // Ids are unreserved characters: written as they are, without the encoder's walk.
    if value.bytes().all(|b| UNRESERVED[b as usize]) {
        Segment::Plain(value)
    } else {
        Segment::Encoded(percent_encoding::utf8_percent_encode(value, SEGMENT))
    }
}

/// A path argument as it is written into the URL: [`encode_segment`]'s answer.
pub(crate) enum Segment<'a> {
    /// Only unreserved characters: written as it is.
    Plain(&'a str),
    /// Percent-encoded.
    Encoded(percent_encoding::PercentEncode<'a>),
}

impl std::fmt::Display for Segment<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Segment::Plain(s) => f.write_str(s),
            Segment::Encoded(e) => std::fmt::Display::fmt(e, f),
        }
    }
}

/// Checks that `path` is the operation's template below the base URL: the same static
/// segments, the same number of segments, and every argument one non-empty segment; and
/// gives each argument's segment to `argument`, with the parameter's name.
pub(super) fn check_route<'p>(
    baseurl: &str,
    path: &'p str,
    template: &str,
    mut argument: impl FnMut(&str, &'p str),
) -> Result<(), String> {
    // After the scheme's `://` (the two schemes first, without a search) and the authority.
    let authority_and_path = baseurl
        .strip_prefix("http://")
        .or_else(|| baseurl.strip_prefix("https://"))
        .or_else(|| {
            baseurl
                .as_bytes()
                .windows(3)
                .position(|w| w == b"://")
                .map(|i| &baseurl[i + 3..])
        })
        .unwrap_or(baseurl);
    let base_path = memchr::memchr(b'/', authority_and_path.as_bytes())
        .map_or("", |i| &authority_and_path[i..])
        .trim_end_matches('/');
    let refused = |why: &str| {
        Err(format!(
            "{why}; the request would not reach {template}, so nothing was sent"
        ))
    };
    let Some(rest) = path.strip_prefix(base_path) else {
        return refused("the URL left the base URL's path");
    };
    // One walk over both: each static run of the template must be the path's next bytes, and
    // each `{name}` one segment of the path, neither empty nor `.` nor `..`. Slice
    // comparisons and `memchr`, rather than a step per byte: this runs for every request.
    let (mut path, mut rest_of_template) = (rest, template);
    while !rest_of_template.is_empty() {
        let Some(name) = rest_of_template.strip_prefix('{') else {
            let run =
                memchr::memchr(b'{', rest_of_template.as_bytes()).unwrap_or(rest_of_template.len());
            let Some(after) = path.strip_prefix(&rest_of_template[..run]) else {
                return refused("an argument was `.` or `..`, or held a path separator");
            };
            (path, rest_of_template) = (after, &rest_of_template[run..]);
            continue;
        };
        let close = memchr::memchr(b'}', name.as_bytes()).unwrap_or(name.len());
        let end = memchr::memchr(b'/', path.as_bytes()).unwrap_or(path.len());
        let (segment, name) = (&path[..end], &name[..close]);
        if segment.is_empty() || segment == "." || segment == ".." {
            return refused(&if segment.is_empty() {
                format!("the {name} argument is empty")
            } else {
                format!("the {name} argument is `.` or `..`")
            });
        }
        argument(name, segment);
        path = &path[end..];
        rest_of_template = rest_of_template.get(close + 2..).unwrap_or("");
    }
    if !path.is_empty() {
        return refused("an argument held a path separator");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_arguments_are_one_segment_and_the_guard_refuses_other_shapes() {
        assert_eq!(encode_segment("a.b-c_d~e").to_string(), "a.b-c_d~e");
        assert_eq!(
            encode_segment("..\\\\users/x?#%").to_string(),
            "..%5C%5Cusers%2Fx%3F%23%25"
        );
        let t = "/v2.0/tenants/{tenant_id}/users";
        assert!(check_route("http://h:5000", "/v2.0/tenants/abc/users", t, |_, _| {}).is_ok());
        assert!(check_route(
            "http://h/identity/",
            "/identity/v2.0/tenants/abc/users",
            t,
            |_, _| {}
        )
        .is_ok());
        for bad in [
            "/v2.0/tenants//users",
            "/v2.0/users",
            "/v2.0/",
            "/v2.0/tenants/a/b/users",
            "/other/v2.0/tenants/a/users",
        ] {
            let err = check_route("http://h:5000", bad, t, |_, _| {}).unwrap_err();
            assert!(err.contains("nothing was sent"), "{bad}: {err}");
        }
        let err = check_route("http://h", "/v2.0/tenants/../users", t, |_, _| {}).unwrap_err();
        assert!(err.contains("tenant_id"), "{err}");
    }

    #[test]
    fn the_route_guard_refuses_every_path_that_is_not_the_template() {
        let at_end = "/v2.0/tokens/{token_id}";
        let ok = |base: &str, path: &str, t: &str| check_route(base, path, t, |_, _| {}).is_ok();
        assert!(ok("https://h:35357", "/v2.0/tokens/abc", at_end));
        assert!(ok("h:5000/keystone", "/keystone/v2.0/tokens/abc", at_end));
        assert!(ok("http://h", "/v2.0/tenants", "/v2.0/tenants"));
        for bad in [
            "/v2.0/tokens/",
            "/v2.0/tokens",
            "/v2.0/tokens/abc/",
            "/v2.0/tokens/abc/def",
            "/v2.0/tokens/.",
            "/v2.0/tokens/..",
            "/v2.0/tokenss/abc",
            "/v2.0/token/abc",
            "/v2.0/tokens//abc",
            "",
        ] {
            assert!(!ok("http://h", bad, at_end), "{bad:?}");
        }
        for bad in ["/v2.0/tenantsX", "/v2.0/tenant", "/v2.0/tenants/", "/v2.0"] {
            assert!(!ok("http://h", bad, "/v2.0/tenants"), "{bad:?}");
        }
        let two = "/v2.0/tenants/{tenant_id}/users/{user_id}/roles";
        assert!(ok("http://h", "/v2.0/tenants/a/users/b/roles", two));
        let mut arguments = Vec::new();
        let found = |name: &str, segment: &str| arguments.push(format!("{name}={segment}"));
        check_route(
            "http://h/id",
            "/id/v2.0/tenants/a%2F/users/b/roles",
            two,
            found,
        )
        .unwrap();
        assert_eq!(arguments, ["tenant_id=a%2F", "user_id=b"]);
        assert!(!ok("http://h", "/v2.0/tenants/a/users//roles", two));
        assert!(!ok("http://h", "/v2.0/tenants/a/users/b/c/roles", two));
    }

    #[test]
    fn path_arguments_are_written_as_the_percent_encoder_writes_them() {
        const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'.')
            .remove(b'_')
            .remove(b'~');
        for value in [
            "",
            "c5f7a4ded9d341c49767e6083c6363dc",
            "a.b-c_d~e",
            "..",
            "a b",
            "a/b",
            "ünïcode",
            "%2e%2e",
            "x?y#z",
        ] {
            assert_eq!(
                encode_segment(value).to_string(),
                percent_encoding::utf8_percent_encode(value, SEGMENT).to_string(),
                "{value:?}"
            );
        }
    }
}
