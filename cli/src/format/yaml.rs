//! PyYAML's `safe_dump` as cliff calls it: the emitter.

use super::*;

pub(crate) struct Analysis {
    empty: bool,
    multiline: bool,
    allow_block_plain: bool,
    allow_single_quoted: bool,
}

pub(crate) const YAML_BREAKS: &[char] = &['\n', '\u{85}', '\u{2028}', '\u{2029}'];

// yaml (PyYAML's safe_dump with default_flow_style=False: block style, sorted keys, width 80)

pub(crate) enum YNode {
    /// A scalar's text, and whether written plain it would read back as the same type.
    Scalar(String, bool),
    Seq(Vec<YNode>),
    Map(Vec<(YNode, YNode)>),
}

pub(crate) fn yaml_str(s: &str) -> YNode {
    YNode::Scalar(s.to_string(), yaml_plain_is_str(s))
}

pub(crate) fn yaml_node(v: &Value) -> YNode {
    match v {
        Value::Null => YNode::Scalar("null".into(), true),
        Value::Bool(b) => YNode::Scalar(if *b { "true" } else { "false" }.into(), true),
        Value::Number(n) => {
            let text = if n.is_f64() {
                let r = py_float_repr(n.as_f64().unwrap_or(f64::NAN)).to_lowercase();
                match r.as_str() {
                    "nan" => ".nan".into(),
                    "inf" => ".inf".into(),
                    "-inf" => "-.inf".into(),
                    _ if !r.contains('.') && r.contains('e') => r.replacen('e', ".0e", 1),
                    _ => r,
                }
            } else {
                py_number(n)
            };
            YNode::Scalar(text, true)
        }
        Value::String(s) => yaml_str(s),
        Value::Array(a) => YNode::Seq(a.iter().map(yaml_node).collect()),
        Value::Object(m) => yaml_map(m.iter().map(|(k, v)| (k.as_str(), v)).collect()),
    }
}

/// A dict as PyYAML dumps it: one entry a key (the last value wins), sorted by key.
pub(crate) fn yaml_map(pairs: Vec<(&str, &Value)>) -> YNode {
    let mut uniq: Vec<(&str, &Value)> = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        match uniq.iter_mut().find(|(u, _)| *u == k) {
            Some(slot) => slot.1 = v,
            None => uniq.push((k, v)),
        }
    }
    uniq.sort_by(|a, b| a.0.cmp(b.0));
    YNode::Map(
        uniq.into_iter()
            .map(|(k, v)| (yaml_str(k), yaml_node(v)))
            .collect(),
    )
}

pub(crate) fn is_yaml_break(c: char) -> bool {
    YAML_BREAKS.contains(&c)
}

pub(crate) fn is_yaml_blank(c: char) -> bool {
    matches!(c, '\0' | ' ' | '\t' | '\r') || is_yaml_break(c)
}

pub(crate) fn analyze_scalar(t: &[char]) -> Analysis {
    if t.is_empty() {
        return Analysis {
            empty: true,
            multiline: false,
            allow_block_plain: true,
            allow_single_quoted: true,
        };
    }
    let mut block_indicators = false;
    let mut line_breaks = false;
    let mut special = false;
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let starts = |p: &str| t.iter().take(3).copied().eq(p.chars());
    if starts("---") || starts("...") {
        block_indicators = true;
    }
    let mut preceded_by_ws = true;
    let mut followed_by_ws = t.len() == 1 || is_yaml_blank(t[1]);
    let (mut prev_space, mut prev_break) = (false, false);
    for (i, &ch) in t.iter().enumerate() {
        if i == 0 {
            if "#,[]{}&*!|>'\"%@`".contains(ch) {
                block_indicators = true;
            }
            if "?:".contains(ch) && followed_by_ws {
                block_indicators = true;
            }
            if ch == '-' && followed_by_ws {
                block_indicators = true;
            }
        } else {
            if ch == ':' && followed_by_ws {
                block_indicators = true;
            }
            if ch == '#' && preceded_by_ws {
                block_indicators = true;
            }
        }
        if is_yaml_break(ch) {
            line_breaks = true;
        }
        if !(ch == '\n' || (' '..='~').contains(&ch)) {
            // allow_unicode is off, so any other character needs the double-quoted style
            special = true;
        }
        if ch == ' ' {
            leading_space |= i == 0;
            trailing_space |= i == t.len() - 1;
            break_space |= prev_break;
            prev_space = true;
            prev_break = false;
        } else if is_yaml_break(ch) {
            leading_break |= i == 0;
            trailing_break |= i == t.len() - 1;
            space_break |= prev_space;
            prev_space = false;
            prev_break = true;
        } else {
            prev_space = false;
            prev_break = false;
        }
        preceded_by_ws = is_yaml_blank(ch);
        followed_by_ws = i + 2 >= t.len() || is_yaml_blank(t[i + 2]);
    }
    let mut allow_block_plain = true;
    let mut allow_single_quoted = true;
    if leading_space || leading_break || trailing_space || trailing_break {
        allow_block_plain = false;
    }
    if break_space {
        allow_block_plain = false;
        allow_single_quoted = false;
    }
    if space_break || special {
        allow_block_plain = false;
        allow_single_quoted = false;
    }
    if line_breaks || block_indicators {
        allow_block_plain = false;
    }
    Analysis {
        empty: false,
        multiline: line_breaks,
        allow_block_plain,
        allow_single_quoted,
    }
}

pub(crate) const BEST_WIDTH: usize = 80;

pub(crate) struct Yaml {
    out: String,
    column: usize,
    whitespace: bool,
    indention: bool,
    indent: Option<usize>,
    indents: Vec<Option<usize>>,
}

impl Yaml {
    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        self.indent = match self.indent {
            None => Some(if flow { 2 } else { 0 }),
            Some(i) if !indentless => Some(i + 2),
            keep => keep,
        };
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().flatten();
    }

    fn write(&mut self, data: &str) {
        self.column += data.chars().count();
        self.out.push_str(data);
    }

    fn write_indicator(&mut self, ind: &str, need_ws: bool, whitespace: bool, indention: bool) {
        if !self.whitespace && need_ws {
            self.write(" ");
        }
        self.write(ind);
        self.whitespace = whitespace;
        self.indention = self.indention && indention;
    }

    fn write_line_break(&mut self, br: char) {
        self.whitespace = true;
        self.indention = true;
        self.column = 0;
        self.out.push(br);
    }

    fn write_indent(&mut self) {
        let indent = self.indent.unwrap_or(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.write_line_break('\n');
        }
        if self.column < indent {
            self.whitespace = true;
            let pad = " ".repeat(indent - self.column);
            self.write(&pad);
        }
    }

    fn write_breaks(&mut self, breaks: &[char]) {
        if breaks.first() == Some(&'\n') {
            self.write_line_break('\n');
        }
        for &br in breaks {
            self.write_line_break(br);
        }
        self.write_indent();
    }

    fn node(&mut self, node: &YNode, mapping: bool, simple_key: bool) {
        match node {
            YNode::Scalar(text, plain_ok) => {
                self.increase_indent(true, false);
                let t: Vec<char> = text.chars().collect();
                let a = analyze_scalar(&t);
                let plain =
                    *plain_ok && !(simple_key && (a.empty || a.multiline)) && a.allow_block_plain;
                let split = !simple_key;
                if plain {
                    self.write_plain(&t, split);
                } else if a.allow_single_quoted && !(simple_key && a.multiline) {
                    self.write_single_quoted(&t, split);
                } else {
                    self.write_double_quoted(&t, split);
                }
                self.pop_indent();
            }
            YNode::Seq(items) if items.is_empty() => {
                self.write_indicator("[", true, true, false);
                self.increase_indent(true, false);
                self.pop_indent();
                self.write_indicator("]", false, false, false);
            }
            YNode::Map(pairs) if pairs.is_empty() => {
                self.write_indicator("{", true, true, false);
                self.increase_indent(true, false);
                self.pop_indent();
                self.write_indicator("}", false, false, false);
            }
            YNode::Seq(items) => {
                let indentless = mapping && !self.indention;
                self.increase_indent(false, indentless);
                for item in items {
                    self.write_indent();
                    self.write_indicator("-", true, false, true);
                    self.node(item, false, false);
                }
                self.pop_indent();
            }
            YNode::Map(pairs) => {
                self.increase_indent(false, false);
                for (key, value) in pairs {
                    self.write_indent();
                    if simple_key_ok(key) {
                        self.node(key, true, true);
                        self.write_indicator(":", false, false, false);
                    } else {
                        self.write_indicator("?", true, false, true);
                        self.node(key, true, false);
                        self.write_indent();
                        self.write_indicator(":", true, false, true);
                    }
                    self.node(value, true, false);
                }
                self.pop_indent();
            }
        }
    }

    fn write_plain(&mut self, t: &[char], split: bool) {
        if t.is_empty() {
            return;
        }
        if !self.whitespace {
            self.write(" ");
        }
        self.whitespace = false;
        self.indention = false;
        let (mut spaces, mut breaks) = (false, false);
        let mut start = 0;
        for end in 0..=t.len() {
            let ch = t.get(end).copied();
            if spaces {
                if ch != Some(' ') {
                    if start + 1 == end && self.column > BEST_WIDTH && split {
                        self.write_indent();
                        self.whitespace = false;
                        self.indention = false;
                    } else {
                        let data: String = t[start..end].iter().collect();
                        self.write(&data);
                    }
                    start = end;
                }
            } else if breaks {
                if !ch.is_some_and(is_yaml_break) {
                    self.write_breaks(&t[start..end]);
                    self.whitespace = false;
                    self.indention = false;
                    start = end;
                }
            } else if ch.is_none_or(|c| c == ' ' || is_yaml_break(c)) {
                let data: String = t[start..end].iter().collect();
                self.write(&data);
                start = end;
            }
            if let Some(c) = ch {
                spaces = c == ' ';
                breaks = is_yaml_break(c);
            }
        }
    }

    fn write_single_quoted(&mut self, t: &[char], split: bool) {
        self.write_indicator("'", true, false, false);
        let (mut spaces, mut breaks) = (false, false);
        let mut start = 0;
        for end in 0..=t.len() {
            let ch = t.get(end).copied();
            if spaces {
                if ch != Some(' ') {
                    if start + 1 == end
                        && self.column > BEST_WIDTH
                        && split
                        && start != 0
                        && end != t.len()
                    {
                        self.write_indent();
                    } else {
                        let data: String = t[start..end].iter().collect();
                        self.write(&data);
                    }
                    start = end;
                }
            } else if breaks {
                if !ch.is_some_and(is_yaml_break) {
                    self.write_breaks(&t[start..end]);
                    start = end;
                }
            } else if ch.is_none_or(|c| c == ' ' || c == '\'' || is_yaml_break(c)) && start < end {
                let data: String = t[start..end].iter().collect();
                self.write(&data);
                start = end;
            }
            if ch == Some('\'') {
                self.write("''");
                start = end + 1;
            }
            if let Some(c) = ch {
                spaces = c == ' ';
                breaks = is_yaml_break(c);
            }
        }
        self.write_indicator("'", false, false, false);
    }

    fn write_double_quoted(&mut self, t: &[char], split: bool) {
        self.write_indicator("\"", true, false, false);
        let mut start = 0;
        for end in 0..=t.len() {
            let ch = t.get(end).copied();
            let escape = match ch {
                None => true,
                Some(c) => {
                    matches!(
                        c,
                        '"' | '\\' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}'
                    ) || !(' '..='~').contains(&c)
                }
            };
            if escape {
                if start < end {
                    let data: String = t[start..end].iter().collect();
                    self.write(&data);
                    start = end;
                }
                if let Some(c) = ch {
                    let data = match c {
                        '\0' => "\\0".to_string(),
                        '\u{7}' => "\\a".into(),
                        '\u{8}' => "\\b".into(),
                        '\t' => "\\t".into(),
                        '\n' => "\\n".into(),
                        '\u{b}' => "\\v".into(),
                        '\u{c}' => "\\f".into(),
                        '\r' => "\\r".into(),
                        '\u{1b}' => "\\e".into(),
                        '"' => "\\\"".into(),
                        '\\' => "\\\\".into(),
                        '\u{85}' => "\\N".into(),
                        '\u{a0}' => "\\_".into(),
                        '\u{2028}' => "\\L".into(),
                        '\u{2029}' => "\\P".into(),
                        c if (c as u32) <= 0xff => format!("\\x{:02X}", c as u32),
                        c if (c as u32) <= 0xffff => format!("\\u{:04X}", c as u32),
                        c => format!("\\U{:08X}", c as u32),
                    };
                    self.write(&data);
                    start = end + 1;
                }
            }
            if 0 < end
                && end + 1 < t.len()
                && (ch == Some(' ') || start >= end)
                && self.column as i64 + end as i64 - start as i64 > BEST_WIDTH as i64
                && split
            {
                let mut data: String = t[start.min(end)..end].iter().collect();
                data.push('\\');
                if start < end {
                    start = end;
                }
                self.write(&data);
                self.write_indent();
                self.whitespace = false;
                self.indention = false;
                if t.get(start) == Some(&' ') {
                    self.write("\\");
                }
            }
        }
        self.write_indicator("\"", false, false, false);
    }
}

/// PyYAML's `check_simple_key` for a key node.
pub(crate) fn simple_key_ok(key: &YNode) -> bool {
    match key {
        YNode::Scalar(text, _) => {
            let t: Vec<char> = text.chars().collect();
            let a = analyze_scalar(&t);
            t.len() < 128 && !a.empty && !a.multiline
        }
        YNode::Seq(items) => items.is_empty(),
        YNode::Map(pairs) => pairs.is_empty(),
    }
}

/// One `yaml.safe_dump(node, default_flow_style=False)` document.
pub(crate) fn yaml_dump(node: &YNode) -> String {
    let mut y = Yaml {
        out: String::new(),
        column: 0,
        whitespace: true,
        indention: true,
        indent: None,
        indents: Vec::new(),
    };
    y.node(node, false, false);
    y.write_indent();
    y.out
}
