//! Python's `textwrap.wrap`, which prettytable uses to fit a cell to its width.

use super::*;

// Wrapping (wcwidth.wrap: Python's textwrap.TextWrapper measured in cells)

pub(crate) const TW_SPACE: &[char] = &['\t', '\n', '\u{b}', '\u{c}', '\r', ' '];

pub(crate) fn is_ws(c: char) -> bool {
    TW_SPACE.contains(&c)
}

pub(crate) fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())
}

pub(crate) fn is_letter(c: char) -> bool {
    is_word(c) && !is_digit(c)
}

pub(crate) fn is_word_punct(c: char) -> bool {
    is_word(c) || matches!(c, '!' | '"' | '\'' | '&' | '.' | ',' | '?')
}

/// `-{2,}\w` at `i`.
pub(crate) fn dashes_then_word(t: &[char], i: usize) -> bool {
    let mut j = i;
    while j < t.len() && t[j] == '-' {
        j += 1;
    }
    j - i >= 2 && j < t.len() && is_word(t[j])
}

/// textwrap's `wordsep_re` split (with hyphen breaking).
pub(crate) fn split_chunks(t: &[char]) -> Vec<String> {
    let at = |i: isize| -> Option<char> {
        if i < 0 {
            None
        } else {
            t.get(i as usize).copied()
        }
    };
    let letter_at = |i: isize| at(i).is_some_and(is_letter);
    let mut chunks = Vec::new();
    let mut pos = 0;
    while pos < t.len() {
        let start = pos;
        if is_ws(t[pos]) {
            while pos < t.len() && is_ws(t[pos]) {
                pos += 1;
            }
        } else if t[pos] == '-' && pos > 0 && is_word_punct(t[pos - 1]) && dashes_then_word(t, pos)
        {
            while t[pos] == '-' {
                pos += 1;
            }
        } else {
            let mut end = pos + 1;
            loop {
                let e = end as isize;
                // hyphenated word
                if at(e) == Some('-')
                    && ((letter_at(e - 2) && letter_at(e - 1))
                        || (letter_at(e - 3) && at(e - 2) == Some('-') && letter_at(e - 1)))
                    && letter_at(e + 1)
                    && (letter_at(e + 2) || (at(e + 2) == Some('-') && letter_at(e + 3)))
                {
                    end += 1;
                    break;
                }
                // end of word
                if end == t.len() || is_ws(t[end]) {
                    break;
                }
                // em-dash
                if is_word_punct(t[end - 1]) && dashes_then_word(t, end) {
                    break;
                }
                end += 1;
            }
            pos = end;
        }
        chunks.push(t[start..pos].iter().collect());
    }
    chunks
}

pub(crate) fn blank(s: &str) -> bool {
    !s.is_empty() && s.trim().is_empty()
}

pub(crate) fn wrap(text: &str, w: usize) -> Vec<String> {
    let munged: Vec<char> = expand_tabs(text)
        .chars()
        .map(|c| if is_ws(c) { ' ' } else { c })
        .collect();
    let mut chunks: Vec<String> = split_chunks(&munged);
    chunks.reverse();
    let w = w.max(1);
    let mut lines: Vec<String> = Vec::new();
    while !chunks.is_empty() {
        let mut line: Vec<String> = Vec::new();
        let mut cur = 0;
        if !lines.is_empty() && chunks.last().is_some_and(|c| blank(c)) {
            chunks.pop();
        }
        while let Some(c) = chunks.last() {
            let cw = width(c);
            if cur + cw <= w {
                cur += cw;
                line.push(chunks.pop().unwrap_or_default());
            } else {
                break;
            }
        }
        if chunks.last().is_some_and(|c| width(c) > w) {
            long_word(&mut chunks, &mut line, cur, w);
            while chunks.last().is_some_and(|c| c.is_empty()) {
                chunks.pop();
            }
        }
        if line.last().is_some_and(|c| blank(c)) {
            line.pop();
        }
        if !line.is_empty() {
            let content = line.concat().trim_end().to_string();
            if content.is_empty() {
                continue;
            }
            lines.push(content);
        }
    }
    lines
}

pub(crate) fn long_word(chunks: &mut [String], line: &mut Vec<String>, cur: usize, w: usize) {
    let space_left = w.saturating_sub(cur);
    let Some(chunk) = chunks.last_mut() else {
        return;
    };
    let chars: Vec<char> = chunk.chars().collect();
    // the longest prefix that fits, keeping zero-width characters with the one before them
    let mut prefix_end = 0;
    let mut so_far = 0;
    while prefix_end < chars.len() {
        let mut next = prefix_end + 1;
        while next < chars.len() && width(&chars[next].to_string()) == 0 {
            next += 1;
        }
        let cw = width(&chars[prefix_end..next].iter().collect::<String>());
        if so_far + cw > space_left {
            break;
        }
        so_far += cw;
        prefix_end = next;
    }
    let prefix = &chars[..prefix_end];
    let hyphen = prefix.iter().rposition(|&c| c == '-');
    let end = match hyphen {
        Some(h) if h > 0 && prefix[..h].iter().any(|&c| c != '-') => h + 1,
        _ => {
            let mut end = prefix_end;
            let zero = end < chars.len() && width(&chars[..end].iter().collect::<String>()) == 0;
            if line.is_empty() && (end == 0 || zero) {
                end = 1;
                while end < chars.len() && width(&chars[end].to_string()) == 0 {
                    end += 1;
                }
            }
            end
        }
    };
    line.push(chars[..end].iter().collect());
    *chunk = chars[end..].iter().collect();
}
