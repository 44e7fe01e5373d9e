//! Output formatting in cliff's formats (openstackclient's `-f table|json|yaml|value|csv|shell`).
//!
//! This is a minimal version with the module's fixed interface; its rendering follows cliff:
//! prettytable borders (`+----+`), padding 1, left-aligned text and right-aligned numbers,
//! JSON indented by 4 (`--noindent`: one line), `value` space-separated.

use std::fmt;

use clap::ValueEnum;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// The rows of a list command, with its column names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Listing {
    /// Column names, in order (`ID`, `Name`, ...).
    pub columns: Vec<String>,
    /// One value per column for each row.
    pub rows: Vec<Vec<Value>>,
}

/// The fields of a show command, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// `(field, value)` pairs.
    pub fields: Vec<(String, Value)>,
}

/// Formats of a list command.
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ListFormat {
    /// A table.
    #[default]
    Table,
    /// JSON: a list of objects.
    Json,
    /// YAML: a list of mappings.
    Yaml,
    /// Values only, space-separated, one row a line.
    Value,
    /// Comma-separated values with a header line.
    Csv,
}

/// Formats of a show command.
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ShowFormat {
    /// A Field / Value table.
    #[default]
    Table,
    /// JSON: one object.
    Json,
    /// YAML: one mapping.
    Yaml,
    /// Values only, one a line.
    Value,
    /// `name="value"` lines for a shell's `eval`.
    Shell,
}

/// How CSV values are quoted.
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Quote {
    /// Every value.
    All,
    /// Only values that need it.
    Minimal,
    /// Never.
    None,
    /// Every value that is not a number (cliff's default).
    #[default]
    Nonnumeric,
}

/// Output options of list commands (cliff's Lister).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ListOutput {
    /// The output format.
    #[arg(short = 'f', long = "format", value_enum, default_value_t = ListFormat::Table, help_heading = "Output formatters")]
    pub format: ListFormat,
    /// A column to include (repeat for more); all columns by default.
    #[arg(
        short = 'c',
        long = "column",
        value_name = "COLUMN",
        help_heading = "Output formatters"
    )]
    pub columns: Vec<String>,
    /// Sort the rows by this column (repeat for more).
    #[arg(
        long = "sort-column",
        value_name = "SORT_COLUMN",
        help_heading = "Output formatters"
    )]
    pub sort_columns: Vec<String>,
    /// Sort ascending (the default).
    #[arg(
        long,
        conflicts_with = "sort_descending",
        help_heading = "Output formatters"
    )]
    pub sort_ascending: bool,
    /// Sort descending.
    #[arg(long, help_heading = "Output formatters")]
    pub sort_descending: bool,
    /// The widest a table may be, in characters (0: no limit).
    #[arg(
        long,
        value_name = "INTEGER",
        env = "CLIFF_MAX_TERM_WIDTH",
        default_value_t = 0,
        help_heading = "Table formatter"
    )]
    pub max_width: usize,
    /// Fit the table to the terminal's width.
    #[arg(long, env = "CLIFF_FIT_WIDTH", help_heading = "Table formatter")]
    pub fit_width: bool,
    /// Print an empty table when there is no row.
    #[arg(long, help_heading = "Table formatter")]
    pub print_empty: bool,
    /// JSON on one line.
    #[arg(long, help_heading = "JSON formatter")]
    pub noindent: bool,
    /// When to quote CSV values.
    #[arg(long, value_enum, default_value_t = Quote::Nonnumeric, help_heading = "CSV formatter")]
    pub quote: Quote,
    /// The terminal's width, for `--fit-width` (set by the caller).
    #[arg(skip)]
    pub terminal_width: Option<usize>,
}

/// Output options of show commands (cliff's ShowOne).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ShowOutput {
    /// The output format.
    #[arg(short = 'f', long = "format", value_enum, default_value_t = ShowFormat::Table, help_heading = "Output formatters")]
    pub format: ShowFormat,
    /// A field to include (repeat for more); all fields by default.
    #[arg(
        short = 'c',
        long = "column",
        value_name = "COLUMN",
        help_heading = "Output formatters"
    )]
    pub columns: Vec<String>,
    /// The widest a table may be, in characters (0: no limit).
    #[arg(
        long,
        value_name = "INTEGER",
        env = "CLIFF_MAX_TERM_WIDTH",
        default_value_t = 0,
        help_heading = "Table formatter"
    )]
    pub max_width: usize,
    /// Fit the table to the terminal's width.
    #[arg(long, env = "CLIFF_FIT_WIDTH", help_heading = "Table formatter")]
    pub fit_width: bool,
    /// Print an empty table when there is no field.
    #[arg(long, help_heading = "Table formatter")]
    pub print_empty: bool,
    /// JSON on one line.
    #[arg(long, help_heading = "JSON formatter")]
    pub noindent: bool,
    /// A prefix for the variable names of `-f shell`.
    #[arg(long, default_value = "", help_heading = "Shell formatter")]
    pub prefix: String,
    /// The terminal's width, for `--fit-width` (set by the caller).
    #[arg(skip)]
    pub terminal_width: Option<usize>,
}

/// A formatting error (an unknown column, ...): its `Display` is one line.
#[derive(Debug)]
pub struct FormatError(pub String);

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FormatError {}

/// The terminal's width in columns, from `COLUMNS` (what a shell exports).
pub fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .filter(|w| *w > 0)
}

/// A value as cliff prints it in text formats (Python's `str()`).
fn text(value: &Value) -> String {
    match value {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(", "),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| format!("{k}='{}'", text(v)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The indices of the columns `-c` asks for, in the order asked (all when none is asked).
fn select(names: &[String], wanted: &[String]) -> Result<Vec<usize>, FormatError> {
    if wanted.is_empty() {
        return Ok((0..names.len()).collect());
    }
    let picked: Vec<usize> = wanted
        .iter()
        .filter_map(|w| names.iter().position(|n| n == w))
        .collect();
    if picked.is_empty() {
        return Err(FormatError(format!(
            "No recognized column names in {wanted:?}. Recognized columns are {names:?}."
        )));
    }
    Ok(picked)
}

fn json(value: &Value, noindent: bool) -> String {
    if noindent {
        return serde_json::to_string(value).unwrap_or_default();
    }
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    let _ = serde::Serialize::serialize(value, &mut ser);
    String::from_utf8(out).unwrap_or_default()
}

fn yaml(value: &Value) -> Result<String, FormatError> {
    serde_norway::to_string(value).map_err(|e| FormatError(format!("cannot write YAML: {e}")))
}

/// Splits `s` into lines no wider than `width` (at spaces where possible).
fn wrap(s: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for line in s.split('\n') {
        if width == 0 || line.width() <= width {
            out.push(line.to_owned());
            continue;
        }
        let mut current = String::new();
        for ch in line.chars() {
            let w = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
            if current.width() + w > width {
                out.push(std::mem::take(&mut current));
            }
            current.push(ch);
        }
        out.push(current);
    }
    out
}

/// A prettytable-style table; `right[i]` right-aligns column `i`.
fn table(header: &[String], rows: &[Vec<String>], right: &[bool], max_width: usize) -> String {
    let n = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            let w = cell.split('\n').map(|l| l.width()).max().unwrap_or(0);
            widths[i] = widths[i].max(w);
        }
    }
    // Each column takes its width + 3 (padding and border), plus the last border.
    let total = |w: &[usize]| w.iter().sum::<usize>() + 3 * n + 1;
    if max_width > 0 && total(&widths) > max_width {
        let min = |i: usize| header[i].width().clamp(1, 8);
        while total(&widths) > max_width {
            let Some((i, _)) = widths
                .iter()
                .enumerate()
                .filter(|(i, w)| **w > min(*i))
                .max_by_key(|(_, w)| **w)
            else {
                break;
            };
            widths[i] -= 1;
        }
    }
    let border: String = {
        let mut s = String::from("+");
        for w in &widths {
            s.push_str(&"-".repeat(w + 2));
            s.push('+');
        }
        s
    };
    let mut out = String::new();
    let emit = |cells: &[String], aligns: &[bool], out: &mut String| {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| wrap(c, widths[i]))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for line in 0..height {
            out.push('|');
            for (i, cell) in wrapped.iter().enumerate() {
                let s = cell.get(line).map(String::as_str).unwrap_or("");
                let pad = widths[i].saturating_sub(s.width());
                if aligns[i] {
                    out.push_str(&format!(" {}{s} |", " ".repeat(pad)));
                } else {
                    out.push_str(&format!(" {s}{} |", " ".repeat(pad)));
                }
            }
            out.push('\n');
        }
    };
    out.push_str(&border);
    out.push('\n');
    emit(header, &vec![false; n], &mut out);
    out.push_str(&border);
    out.push('\n');
    for row in rows {
        emit(row, right, &mut out);
    }
    out.push_str(&border);
    out.push('\n');
    out
}

fn width_limit(max_width: usize, fit_width: bool, terminal: Option<usize>) -> usize {
    if max_width > 0 {
        max_width
    } else if fit_width {
        terminal.or_else(terminal_width).unwrap_or(0)
    } else {
        0
    }
}

fn csv_text(value: &Value) -> String {
    text(value)
}

impl Listing {
    /// The text to print for these rows with the options `o`.
    ///
    /// ```no_run
    /// # use keystone_v2_cli::format::{Listing, ListOutput};
    /// let l = Listing { columns: vec!["ID".into()], rows: vec![vec!["a".into()]] };
    /// print!("{}", l.render(&ListOutput::default()).unwrap());
    /// ```
    pub fn render(&self, o: &ListOutput) -> Result<String, FormatError> {
        let picked = select(&self.columns, &o.columns)?;
        let mut rows: Vec<&Vec<Value>> = self.rows.iter().collect();
        if !o.sort_columns.is_empty() {
            let keys: Vec<usize> = o
                .sort_columns
                .iter()
                .filter_map(|c| self.columns.iter().position(|n| n == c))
                .collect();
            rows.sort_by(|a, b| {
                keys.iter()
                    .map(|&k| compare(&a[k], &b[k]))
                    .find(|o| o.is_ne())
                    .unwrap_or(std::cmp::Ordering::Equal)
            });
            if o.sort_descending {
                rows.reverse();
            }
        }
        let names: Vec<String> = picked.iter().map(|&i| self.columns[i].clone()).collect();
        let cells =
            |row: &Vec<Value>| -> Vec<Value> { picked.iter().map(|&i| row[i].clone()).collect() };
        Ok(match o.format {
            ListFormat::Table => {
                if rows.is_empty() && !o.print_empty {
                    return Ok(String::new());
                }
                let right: Vec<bool> = picked
                    .iter()
                    .map(|&i| rows.first().is_some_and(|r| r[i].is_number()))
                    .collect();
                let text_rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| cells(r).iter().map(text).collect())
                    .collect();
                table(
                    &names,
                    &text_rows,
                    &right,
                    width_limit(o.max_width, o.fit_width, o.terminal_width),
                )
            }
            ListFormat::Json => {
                let items: Vec<Value> = rows
                    .iter()
                    .map(|r| Value::Object(names.iter().cloned().zip(cells(r)).collect()))
                    .collect();
                json(&Value::Array(items), o.noindent) + "\n"
            }
            ListFormat::Yaml => {
                if rows.is_empty() {
                    return Ok("[]\n".into());
                }
                let items: Vec<Value> = rows
                    .iter()
                    .map(|r| Value::Object(names.iter().cloned().zip(cells(r)).collect()))
                    .collect();
                yaml(&Value::Array(items))?
            }
            ListFormat::Value => rows
                .iter()
                .map(|r| cells(r).iter().map(text).collect::<Vec<_>>().join(" ") + "\n")
                .collect(),
            ListFormat::Csv => {
                let style = match o.quote {
                    Quote::All => csv::QuoteStyle::Always,
                    Quote::Minimal => csv::QuoteStyle::Necessary,
                    Quote::None => csv::QuoteStyle::Never,
                    Quote::Nonnumeric => csv::QuoteStyle::NonNumeric,
                };
                let mut w = csv::WriterBuilder::new()
                    .quote_style(style)
                    .from_writer(Vec::new());
                let fail = |e: csv::Error| FormatError(format!("cannot write CSV: {e}"));
                w.write_record(&names).map_err(fail)?;
                for r in &rows {
                    w.write_record(cells(r).iter().map(csv_text))
                        .map_err(fail)?;
                }
                let bytes = w.into_inner().map_err(|e| FormatError(e.to_string()))?;
                String::from_utf8_lossy(&bytes).into_owned()
            }
        })
    }
}

fn compare(a: &Value, b: &Value) -> std::cmp::Ordering {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(std::cmp::Ordering::Equal),
        _ => text(a).cmp(&text(b)),
    }
}

impl Record {
    /// The text to print for these fields with the options `o`.
    ///
    /// ```no_run
    /// # use keystone_v2_cli::format::{Record, ShowOutput};
    /// let r = Record { fields: vec![("id".into(), "a".into())] };
    /// print!("{}", r.render(&ShowOutput::default()).unwrap());
    /// ```
    pub fn render(&self, o: &ShowOutput) -> Result<String, FormatError> {
        let names: Vec<String> = self.fields.iter().map(|(n, _)| n.clone()).collect();
        let picked = if self.fields.is_empty() {
            Vec::new()
        } else {
            select(&names, &o.columns)?
        };
        let fields: Vec<&(String, Value)> = picked.iter().map(|&i| &self.fields[i]).collect();
        Ok(match o.format {
            ShowFormat::Table => {
                if fields.is_empty() && !o.print_empty {
                    return Ok(String::new());
                }
                let rows: Vec<Vec<String>> = fields
                    .iter()
                    .map(|(n, v)| vec![n.clone(), text(v)])
                    .collect();
                table(
                    &["Field".to_owned(), "Value".to_owned()],
                    &rows,
                    &[false, false],
                    width_limit(o.max_width, o.fit_width, o.terminal_width),
                )
            }
            ShowFormat::Json => {
                let map = fields.iter().map(|(n, v)| (n.clone(), v.clone())).collect();
                json(&Value::Object(map), o.noindent) + "\n"
            }
            ShowFormat::Yaml => {
                if fields.is_empty() {
                    return Ok("{}\n".into());
                }
                let map = fields.iter().map(|(n, v)| (n.clone(), v.clone())).collect();
                yaml(&Value::Object(map))?
            }
            ShowFormat::Value => fields.iter().map(|(_, v)| text(v) + "\n").collect(),
            ShowFormat::Shell => fields
                .iter()
                .map(|(n, v)| {
                    let name = n.replace([' ', '-', ':'], "_");
                    let value = text(v).replace('"', "\\\"");
                    format!("{}{name}=\"{value}\"\n", o.prefix)
                })
                .collect(),
        })
    }
}
