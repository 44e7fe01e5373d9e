//! prettytable as cliff draws its tables, and cliff's fitting to the terminal width.

use super::*;

// table (cliff/formatters/table.py over prettytable 3.18 with wcwidth 0.9)

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

pub(crate) struct Table {
    fields: Vec<String>,
    align: Vec<Align>,
    max_width: Vec<Option<usize>>,
    rows: Vec<Vec<String>>,
    print_empty: bool,
}

/// Display width of one line, in terminal cells, as wcwidth measures it: `unicode-width`,
/// except that control characters and the line / paragraph separators take no cell and the
/// soft hyphen takes one.
pub(crate) fn width(s: &str) -> usize {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.len();
    }
    let mut total = 0;
    let mut run_start = 0;
    for (i, c) in s.char_indices() {
        let own = match c {
            c if c.is_control() => Some(0),
            '\u{2028}' | '\u{2029}' => Some(0),
            '\u{ad}' => Some(1),
            _ => None,
        };
        if let Some(w) = own {
            total += UnicodeWidthStr::width(&s[run_start..i]) + w;
            run_start = i + c.len_utf8();
        }
    }
    total + UnicodeWidthStr::width(&s[run_start..])
}

/// prettytable's `_get_size(...)[0]`: the widest line.
pub(crate) fn block_width(s: &str) -> usize {
    s.split('\n').map(width).max().unwrap_or(0)
}

pub(crate) fn justify(text: &str, w: usize, align: Align) -> String {
    let pad = w.saturating_sub(width(text));
    match align {
        Align::Left => format!("{text}{}", " ".repeat(pad)),
        Align::Right => format!("{}{text}", " ".repeat(pad)),
        Align::Center => {
            let left = pad / 2 + (pad & w & 1);
            format!("{}{text}{}", " ".repeat(left), " ".repeat(pad - left))
        }
    }
}

/// Python's `str.expandtabs()` (tab size 8).
pub(crate) fn expand_tabs(s: &str) -> String {
    if !s.contains('\t') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut col = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                let n = 8 - col % 8;
                out.push_str(&" ".repeat(n));
                col += n;
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

/// The text prettytable shows for a cell: cliff's `_format_row` then prettytable's
/// `_format_value` (`str()` and `expandtabs()`).
pub(crate) fn cell_text(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.replace("\r\n", "\n").replace('\r', " "),
        other => py_str(other),
    };
    expand_tabs(&s)
}

impl Table {
    fn widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self.fields.iter().map(|f| block_width(f)).collect();
        for row in &self.rows {
            for (i, value) in row.iter().enumerate() {
                let w = block_width(value);
                widths[i] = widths[i].max(match self.max_width[i] {
                    Some(m) => w.min(m),
                    None => w,
                });
            }
        }
        widths
    }

    fn render(&self) -> String {
        if self.rows.is_empty() && !self.print_empty {
            return String::new();
        }
        let widths = self.widths();
        let mut hrule = String::from("+");
        for w in &widths {
            hrule.push_str(&"-".repeat(w + 2));
            hrule.push('+');
        }
        let mut lines = vec![hrule.clone()];
        let mut header = String::from("|");
        for (i, f) in self.fields.iter().enumerate() {
            let name: String = if width(f) > widths[i] {
                f.chars().take(widths[i]).collect()
            } else {
                f.clone()
            };
            header.push(' ');
            header.push_str(&justify(&name, widths[i], self.align[i]));
            header.push_str(" |");
        }
        lines.push(header);
        lines.push(hrule.clone());
        for row in &self.rows {
            let cells: Vec<Vec<String>> = row
                .iter()
                .enumerate()
                .map(|(i, value)| {
                    let mut out = Vec::new();
                    for line in value.split('\n') {
                        if width(line) > widths[i] {
                            let wrapped = wrap(line, widths[i]);
                            if wrapped.is_empty() {
                                out.push(String::new());
                            }
                            out.extend(wrapped);
                        } else {
                            out.push(line.to_string());
                        }
                    }
                    out
                })
                .collect();
            let height = cells.iter().map(Vec::len).max().unwrap_or(1);
            for y in 0..height {
                let mut line = String::from("|");
                for (i, cell) in cells.iter().enumerate() {
                    let text = cell.get(y).map_or("", String::as_str);
                    line.push(' ');
                    line.push_str(&justify(text, widths[i], self.align[i]));
                    line.push_str(" |");
                }
                lines.push(line);
            }
        }
        lines.push(hrule);
        lines.join("\n")
    }

    /// cliff's `_assign_max_widths`: shrink the columns wider than an equal share so the
    /// table fits `max_width` (or the terminal), none narrower than `min_width`.
    fn fit(&mut self, max_width: i64, terminal: Option<usize>, min_width: usize) {
        let term_width = if max_width > 0 {
            max_width as usize
        } else {
            match terminal {
                Some(w) if w > 0 => w,
                _ => return,
            }
        };
        let rendered = self.render();
        let Some(first_line) = rendered.lines().next() else {
            return;
        };
        if first_line.chars().count() <= term_width {
            return;
        }
        let count = self.fields.len();
        let usable = (term_width as i64 - 1 - 3 * count as i64).max(0);
        let optimal = if count == 0 { 0 } else { usable / count as i64 };
        let widths: Vec<i64> = first_line
            .split('+')
            .skip(1)
            .take(count)
            .map(|p| (p.len() as i64 - 2).max(0))
            .collect();
        let mut shrink = Vec::new();
        let mut remaining = usable;
        for (i, &w) in widths.iter().enumerate() {
            if w <= optimal {
                remaining -= w;
            } else {
                shrink.push(i);
            }
        }
        let Some((&last, rest)) = shrink.split_last() else {
            return;
        };
        let shrink_to = remaining.div_euclid(shrink.len() as i64);
        for &i in rest {
            self.max_width[i] = Some(shrink_to.max(min_width as i64) as usize);
            remaining -= shrink_to;
        }
        self.max_width[last] = Some(remaining.max(min_width as i64) as usize);
    }
}

pub(crate) fn list_table(
    columns: &[&str],
    rows: &[Vec<&Value>],
    print_empty: bool,
    max_width: i64,
    terminal: Option<usize>,
) -> String {
    // Alignment by the type of the first row's values: numbers right, everything else left;
    // an empty table keeps prettytable's centred default.
    let align = match rows.first() {
        Some(first) => first
            .iter()
            .map(|v| match v {
                Value::Number(_) => Align::Right,
                _ => Align::Left,
            })
            .collect(),
        None => vec![Align::Center; columns.len()],
    };
    let mut table = Table {
        fields: columns.iter().map(|c| c.to_string()).collect(),
        align,
        max_width: vec![None; columns.len()],
        rows: rows
            .iter()
            .map(|r| r.iter().map(|v| cell_text(v)).collect())
            .collect(),
        print_empty,
    };
    table.fit(max_width, terminal, 8);
    table.render() + "\n"
}

pub(crate) fn show_table(
    fields: &[(&str, &Value)],
    max_width: i64,
    terminal: Option<usize>,
) -> String {
    let mut table = Table {
        fields: vec!["Field".into(), "Value".into()],
        align: vec![Align::Left, Align::Left],
        max_width: vec![None, None],
        rows: fields
            .iter()
            .map(|(k, v)| vec![cell_text(&Value::from(*k)), cell_text(v)])
            .collect(),
        print_empty: false,
    };
    table.fit(max_width, terminal, 16);
    table.render() + "\n"
}
