//! PyYAML's implicit resolvers: whether a plain scalar would read back as a string.

pub(crate) fn all_in(s: &[u8], ok: impl Fn(u8) -> bool) -> bool {
    s.iter().all(|&b| ok(b))
}

pub(crate) fn digits_us(s: &[u8]) -> bool {
    all_in(s, |b| b.is_ascii_digit() || b == b'_')
}

/// `(?::[0-5]?[0-9])+` exactly covering `s`.
pub(crate) fn sexagesimal(s: &[u8]) -> bool {
    if s.first() != Some(&b':') {
        return false;
    }
    s[1..].split(|&b| b == b':').all(|g| match g {
        [d] => d.is_ascii_digit(),
        [a, b] => (b'0'..=b'5').contains(a) && b.is_ascii_digit(),
        _ => false,
    })
}

pub(crate) fn strip_sign(s: &[u8]) -> &[u8] {
    match s.first() {
        Some(b'-' | b'+') => &s[1..],
        _ => s,
    }
}

pub(crate) fn yaml_is_int(s: &[u8]) -> bool {
    let u = strip_sign(s);
    if let Some(r) = u.strip_prefix(b"0b") {
        return !r.is_empty() && all_in(r, |b| matches!(b, b'0' | b'1' | b'_'));
    }
    if let Some(r) = u.strip_prefix(b"0x") {
        return !r.is_empty() && all_in(r, |b| b.is_ascii_hexdigit() || b == b'_');
    }
    if let Some(r) = u.strip_prefix(b"0") {
        return r.is_empty() || all_in(r, |b| (b'0'..=b'7').contains(&b) || b == b'_');
    }
    if u.first().is_some_and(|b| (b'1'..=b'9').contains(b)) {
        let head = u.iter().position(|&b| b == b':').unwrap_or(u.len());
        return digits_us(&u[..head]) && (head == u.len() || sexagesimal(&u[head..]));
    }
    false
}

/// `(?:[eE][-+][0-9]+)?` exactly covering `s`.
pub(crate) fn yaml_exp(s: &[u8]) -> bool {
    s.is_empty()
        || (s.len() >= 3
            && matches!(s[0], b'e' | b'E')
            && matches!(s[1], b'-' | b'+')
            && all_in(&s[2..], |b| b.is_ascii_digit()))
}

pub(crate) fn yaml_is_float(s: &[u8]) -> bool {
    let u = strip_sign(s);
    if matches!(u, b".inf" | b".Inf" | b".INF") || matches!(s, b".nan" | b".NaN" | b".NAN") {
        return true;
    }
    // \.[0-9][0-9_]*(exp)?  (no sign)
    if s.first() == Some(&b'.') && s.get(1).is_some_and(u8::is_ascii_digit) {
        let end = s[1..]
            .iter()
            .position(|&b| !(b.is_ascii_digit() || b == b'_'))
            .map_or(s.len(), |p| p + 1);
        if yaml_exp(&s[end..]) {
            return true;
        }
    }
    if !u.first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let Some(dot) = u.iter().position(|&b| b == b'.') else {
        return false;
    };
    let (head, tail) = (&u[..dot], &u[dot + 1..]);
    // [0-9][0-9_]*\.[0-9_]*(exp)?
    if digits_us(head) {
        let end = tail
            .iter()
            .position(|&b| !(b.is_ascii_digit() || b == b'_'))
            .unwrap_or(tail.len());
        if yaml_exp(&tail[end..]) {
            return true;
        }
    }
    // [0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*
    let colon = head.iter().position(|&b| b == b':').unwrap_or(head.len());
    colon < head.len()
        && digits_us(&head[..colon])
        && sexagesimal(&head[colon..])
        && digits_us(tail)
}

pub(crate) fn yaml_is_timestamp(s: &[u8]) -> bool {
    let d = |i: usize| s.get(i).is_some_and(u8::is_ascii_digit);
    if !(d(0) && d(1) && d(2) && d(3) && s.get(4) == Some(&b'-')) {
        return false;
    }
    if s.len() == 10 && d(5) && d(6) && s[7] == b'-' && d(8) && d(9) {
        return true;
    }
    // [0-9]{4}-[0-9][0-9]?-[0-9][0-9]?([Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](\.[0-9]*)?
    //   ([ \t]*(Z|[-+][0-9][0-9]?(:[0-9][0-9])?))?
    let mut i = 5;
    let one_or_two = |i: &mut usize| -> bool {
        if !d(*i) {
            return false;
        }
        *i += 1;
        if d(*i) {
            *i += 1;
        }
        true
    };
    if !one_or_two(&mut i) || s.get(i) != Some(&b'-') {
        return false;
    }
    i += 1;
    if !one_or_two(&mut i) {
        return false;
    }
    match s.get(i) {
        Some(b'T' | b't') => i += 1,
        Some(b' ' | b'\t') => {
            while matches!(s.get(i), Some(b' ' | b'\t')) {
                i += 1;
            }
        }
        _ => return false,
    }
    if !one_or_two(&mut i) || s.get(i) != Some(&b':') || !(d(i + 1) && d(i + 2)) {
        return false;
    }
    i += 3;
    if s.get(i) != Some(&b':') || !(d(i + 1) && d(i + 2)) {
        return false;
    }
    i += 3;
    if s.get(i) == Some(&b'.') {
        i += 1;
        while d(i) {
            i += 1;
        }
    }
    if i == s.len() {
        return true;
    }
    while matches!(s.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    match s.get(i) {
        Some(b'Z') => i + 1 == s.len(),
        Some(b'-' | b'+') => {
            i += 1;
            if !one_or_two(&mut i) {
                return false;
            }
            i == s.len() || (s.get(i) == Some(&b':') && d(i + 1) && d(i + 2) && i + 3 == s.len())
        }
        _ => false,
    }
}

/// Whether PyYAML's resolver reads `s`, written plain, back as a string (no bool, int, float,
/// null, timestamp, merge or value look-alike).
pub(crate) fn yaml_plain_is_str(s: &str) -> bool {
    let b = s.as_bytes();
    let special = matches!(
        s,
        "yes"
            | "Yes"
            | "YES"
            | "no"
            | "No"
            | "NO"
            | "true"
            | "True"
            | "TRUE"
            | "false"
            | "False"
            | "FALSE"
            | "on"
            | "On"
            | "ON"
            | "off"
            | "Off"
            | "OFF"
            | "~"
            | "null"
            | "Null"
            | "NULL"
            | ""
            | "<<"
            | "="
            | "!"
            | "&"
            | "*"
    );
    !(special || yaml_is_int(b) || yaml_is_float(b) || yaml_is_timestamp(b))
}
