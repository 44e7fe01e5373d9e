//! Output formatting of the `keystone-v2` commands, byte for byte as cliff prints it.
//!
//! openstackclient prints through cliff, and scripts parse what it prints, so this module
//! reproduces cliff's formatters (cliff 4.17 with prettytable 3.18, wcwidth 0.9, PyYAML 6 and
//! Python 3.11's `json`, `csv` and `textwrap`):
//!
//! * list commands ([`Listing`], cliff's `Lister`): `table` (default), `csv`, `json`, `value`,
//!   `yaml`; show commands ([`Record`], cliff's `ShowOne`): `table` (a `Field | Value` table,
//!   default), `json`, `shell`, `value`, `yaml`;
//! * the options of cliff with its defaults, its environment variables (`CLIFF_MAX_TERM_WIDTH`,
//!   `CLIFF_FIT_WIDTH`) and its error messages ([`ListOutput`], [`ShowOutput`]).
//!
//! Values are JSON values. Where cliff prints Python's `str()` of a value (table, value, shell,
//! csv) this module prints the same text: `true` is `True`, `false` is `False`, `null` is `None`
//! (csv: an empty field), numbers as Python prints an `int` or a `float` (`1e+16`, `0.0001`),
//! strings as they are, and arrays and objects as Python's `repr()` of the list or dict
//! (`['a', 'b']`, `{'k': 'v'}`), which is what cliff prints for an unformatted list or dict
//! column. json and yaml keep the types (`true`, `null`, numbers) as cliff's do.
//!
//! Known differences, all in corners: display widths come from the `unicode-width` crate rather
//! than wcwidth (they agree on ASCII, CJK and common emoji); terminal escape sequences in values
//! are measured as text; wrapping breaks between characters rather than grapheme clusters;
//! which non-ASCII characters Python's `repr()` escapes is approximated; cliff logs a warning
//! when a sort column holds values Python cannot compare, here the sort by that column is
//! skipped silently (as cliff skips it).

use std::cmp::Ordering;
use std::fmt;
use std::io::IsTerminal;

use clap::builder::FalseyValueParser;
use clap::{Args, ValueEnum};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// A list command's result: column names (in openstackclient's order) and rows.
///
/// Each row holds one value a column, in the order of `columns`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Listing {
    /// The column names, as openstackclient names them (`ID`, `Name`, ...).
    pub columns: Vec<String>,
    /// The rows, each with one value a column.
    pub rows: Vec<Vec<Value>>,
}

/// A show command's result: (field name, value) pairs in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// The fields in the order they are printed.
    pub fields: Vec<(String, Value)>,
}

/// An output error (unknown column, a row that does not fit the columns, ...).
///
/// Its `Display` is the one-line message printed to stderr, worded as cliff words it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError(pub String);

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FormatError {}

/// The output formats of a list command (cliff's `cliff.formatter.list`).
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ListFormat {
    /// Comma separated values with a header row.
    Csv,
    /// A JSON array of objects.
    Json,
    /// A table drawn with `+`, `-` and `|` (the default).
    #[default]
    Table,
    /// The values of each row separated by a space, one row a line.
    Value,
    /// A YAML sequence of mappings.
    Yaml,
}

/// The output formats of a show command (cliff's `cliff.formatter.show`).
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ShowFormat {
    /// A JSON object.
    Json,
    /// `name="value"` lines a UNIX shell can evaluate.
    Shell,
    /// A `Field | Value` table (the default).
    #[default]
    Table,
    /// One value a line.
    Value,
    /// A YAML mapping.
    Yaml,
}

/// When the csv format quotes a field (Python's `csv.QUOTE_*`).
#[derive(ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum QuoteMode {
    /// Every field.
    All,
    /// Only fields holding a comma, a double quote or a line feed.
    Minimal,
    /// No field; commas, double quotes, backslashes and line feeds get a backslash before them.
    #[value(name = "none")]
    Never,
    /// Every field that is not a number or a boolean (the default).
    #[default]
    Nonnumeric,
}

/// Output options of a list command (flatten into a clap command with `#[command(flatten)]`).
///
/// The options, their defaults and environment variables are cliff's.
///
/// ```no_run
/// use clap::Parser;
/// # use keystone_v2_cli::format::{ListOutput, Listing};
/// #[derive(Parser)]
/// struct ProjectList {
///     #[command(flatten)]
///     output: ListOutput,
/// }
/// let mut cmd = ProjectList::parse();
/// cmd.output.terminal_width = keystone_v2_cli::format::terminal_width();
/// let listing = Listing { columns: vec!["ID".into(), "Name".into()], rows: vec![] };
/// print!("{}", listing.render(&cmd.output).unwrap());
/// ```
#[derive(Args, Debug, Clone, Default)]
#[command(next_help_heading = "Output formatters", about = None, long_about = None)]
pub struct ListOutput {
    /// the output format, defaults to table
    #[arg(short = 'f', long = "format", value_name = "FORMAT", value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// specify the column(s) to include, can be repeated to show multiple columns
    #[arg(short = 'c', long = "column", value_name = "COLUMN")]
    pub columns: Vec<String>,
    /// specify the column(s) to sort the data (columns specified first have a priority,
    /// non-existing columns are ignored), can be repeated
    #[arg(long = "sort-column", value_name = "SORT_COLUMN")]
    pub sort_columns: Vec<String>,
    /// sort the column(s) in ascending order
    #[arg(long, conflicts_with = "sort_descending")]
    pub sort_ascending: bool,
    /// sort the column(s) in descending order
    #[arg(long)]
    pub sort_descending: bool,
    /// Maximum display width, <1 to disable. You can also use the CLIFF_MAX_TERM_WIDTH
    /// environment variable, but the parameter takes precedence.
    #[arg(
        long,
        value_name = "integer",
        env = "CLIFF_MAX_TERM_WIDTH",
        default_value_t = 0,
        allow_negative_numbers = true,
        hide_env = true
    )]
    pub max_width: i64,
    /// Fit the table to the display width. Implied if --max-width greater than 0. Set the
    /// environment variable CLIFF_FIT_WIDTH=1 to always enable
    #[arg(long, env = "CLIFF_FIT_WIDTH", value_parser = FalseyValueParser::new(), hide_env = true)]
    pub fit_width: bool,
    /// Print empty table if there is no data to show.
    #[arg(long)]
    pub print_empty: bool,
    /// whether to disable indenting the JSON
    #[arg(long)]
    pub noindent: bool,
    /// when to include quotes, defaults to nonnumeric
    #[arg(long = "quote", value_name = "QUOTE_MODE", value_enum, default_value_t = QuoteMode::Nonnumeric)]
    pub quote: QuoteMode,
    /// The width of the terminal stdout writes to, `None` when stdout is not a terminal; the
    /// caller fills it (see [`terminal_width`]). The table is fitted to it as cliff fits it.
    #[arg(skip)]
    pub terminal_width: Option<usize>,
}

/// Output options of a show command (flatten into a clap command with `#[command(flatten)]`).
///
/// The options, their defaults and environment variables are cliff's.
///
/// ```no_run
/// use clap::Parser;
/// # use keystone_v2_cli::format::{Record, ShowOutput};
/// #[derive(Parser)]
/// struct ProjectShow {
///     #[command(flatten)]
///     output: ShowOutput,
/// }
/// let mut cmd = ProjectShow::parse();
/// cmd.output.terminal_width = keystone_v2_cli::format::terminal_width();
/// let record = Record { fields: vec![("id".into(), "8a1f".into())] };
/// print!("{}", record.render(&cmd.output).unwrap());
/// ```
#[derive(Args, Debug, Clone, Default)]
#[command(next_help_heading = "Output formatters", about = None, long_about = None)]
pub struct ShowOutput {
    /// the output format, defaults to table
    #[arg(short = 'f', long = "format", value_name = "FORMAT", value_enum, default_value_t = ShowFormat::Table)]
    pub format: ShowFormat,
    /// specify the column(s) to include, can be repeated to show multiple columns
    #[arg(short = 'c', long = "column", value_name = "COLUMN")]
    pub columns: Vec<String>,
    /// Maximum display width, <1 to disable. You can also use the CLIFF_MAX_TERM_WIDTH
    /// environment variable, but the parameter takes precedence.
    #[arg(
        long,
        value_name = "integer",
        env = "CLIFF_MAX_TERM_WIDTH",
        default_value_t = 0,
        allow_negative_numbers = true,
        hide_env = true
    )]
    pub max_width: i64,
    /// Fit the table to the display width. Implied if --max-width greater than 0. Set the
    /// environment variable CLIFF_FIT_WIDTH=1 to always enable
    #[arg(long, env = "CLIFF_FIT_WIDTH", value_parser = FalseyValueParser::new(), hide_env = true)]
    pub fit_width: bool,
    /// Print empty table if there is no data to show.
    #[arg(long)]
    pub print_empty: bool,
    /// whether to disable indenting the JSON
    #[arg(long)]
    pub noindent: bool,
    /// add a prefix to all variable names
    #[arg(long, default_value = "")]
    pub prefix: String,
    /// Only these shell variables (cliff's hidden `--variable`; names lower-cased, spaces as `_`).
    #[arg(long = "variable", value_name = "VARIABLE", hide = true)]
    pub variables: Vec<String>,
    /// The width of the terminal stdout writes to, `None` when stdout is not a terminal; the
    /// caller fills it (see [`terminal_width`]). The table is fitted to it as cliff fits it.
    #[arg(skip)]
    pub terminal_width: Option<usize>,
}

/// The terminal width to put in [`ListOutput::terminal_width`] / [`ShowOutput::terminal_width`].
///
/// `None` when stdout is not a terminal (cliff asks the terminal of stdout, so piped output
/// is never fitted), otherwise the `COLUMNS` environment variable when it holds a positive
/// number, otherwise `None`.
///
/// ```no_run
/// # use keystone_v2_cli::format::terminal_width;
/// let width: Option<usize> = terminal_width();
/// println!("{width:?}");
/// ```
pub fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|s| s.trim().parse::<usize>().ok())
        .filter(|&w| w > 0)
}

impl Listing {
    /// What cliff prints for this list with these options: exactly the text for stdout,
    /// with its trailing newline (an empty list prints a lone newline in the table format,
    /// as cliff does, unless `--print-empty`).
    ///
    /// ```
    /// # use keystone_v2_cli::format::{ListFormat, ListOutput, Listing};
    /// use serde_json::json;
    /// let listing = Listing {
    ///     columns: vec!["ID".into(), "Name".into()],
    ///     rows: vec![vec![json!("8a1f"), json!("demo")]],
    /// };
    /// let out = ListOutput { format: ListFormat::Value, ..Default::default() };
    /// assert_eq!(listing.render(&out).unwrap(), "8a1f demo\n");
    /// ```
    pub fn render(&self, o: &ListOutput) -> Result<String, FormatError> {
        let mut rows: Vec<&Vec<Value>> = self.rows.iter().collect();
        sort_rows(&mut rows, &self.columns, &o.sort_columns, o.sort_descending);
        let selected = select_columns(&self.columns, &o.columns)?;
        let columns: Vec<&str> = selected.iter().map(|&i| self.columns[i].as_str()).collect();
        let rows: Vec<Vec<&Value>> = rows
            .iter()
            .map(|r| selected.iter().filter_map(|&i| r.get(i)).collect())
            .collect();
        if rows.iter().any(|r| r.len() != columns.len()) {
            let bad = rows
                .iter()
                .find(|r| r.len() != columns.len())
                .map_or(0, |r| r.len());
            return Err(FormatError(format!(
                "Row has incorrect number of values, (actual) {bad}!={} (expected)",
                columns.len()
            )));
        }
        Ok(match o.format {
            ListFormat::Table => list_table(
                &columns,
                &rows,
                o.print_empty,
                o.max_width,
                o.terminal_width,
            ),
            ListFormat::Json => {
                let items: Vec<Vec<(&str, &Value)>> = rows
                    .iter()
                    .map(|r| columns.iter().copied().zip(r.iter().copied()).collect())
                    .collect();
                let mut s = String::new();
                json_list(&mut s, &items, !o.noindent);
                s.push('\n');
                s
            }
            ListFormat::Yaml => {
                let items: Vec<YNode> = rows
                    .iter()
                    .map(|r| yaml_map(columns.iter().copied().zip(r.iter().copied()).collect()))
                    .collect();
                yaml_dump(&YNode::Seq(items))
            }
            ListFormat::Value => {
                let mut s = String::new();
                for r in &rows {
                    let cells: Vec<String> = r.iter().map(|v| py_str(v)).collect();
                    s.push_str(&cells.join(" "));
                    s.push('\n');
                }
                s
            }
            ListFormat::Csv => {
                let mut s = String::new();
                let header: Vec<Value> = columns.iter().map(|c| Value::from(*c)).collect();
                csv_row(&mut s, &header.iter().collect::<Vec<_>>(), o.quote)?;
                for r in &rows {
                    csv_row(&mut s, r, o.quote)?;
                }
                s
            }
        })
    }
}

impl Record {
    /// What cliff prints for this object with these options: exactly the text for stdout,
    /// with its trailing newline.
    ///
    /// ```
    /// # use keystone_v2_cli::format::{Record, ShowFormat, ShowOutput};
    /// use serde_json::json;
    /// let record = Record { fields: vec![("name".into(), json!("demo"))] };
    /// let out = ShowOutput { format: ShowFormat::Shell, prefix: "p_".into(), ..Default::default() };
    /// assert_eq!(record.render(&out).unwrap(), "p_name=\"demo\"\n");
    /// ```
    pub fn render(&self, o: &ShowOutput) -> Result<String, FormatError> {
        let names: Vec<String> = self.fields.iter().map(|(n, _)| n.clone()).collect();
        let selected = select_columns(&names, &o.columns)?;
        let fields: Vec<(&str, &Value)> = selected
            .iter()
            .map(|&i| (self.fields[i].0.as_str(), &self.fields[i].1))
            .collect();
        Ok(match o.format {
            ShowFormat::Table => show_table(&fields, o.max_width, o.terminal_width),
            ShowFormat::Json => {
                let mut s = String::new();
                json_object(&mut s, &fields, !o.noindent, 0);
                s.push('\n');
                s
            }
            ShowFormat::Yaml => fields
                .iter()
                .map(|&(k, v)| yaml_dump(&yaml_map(vec![(k, v)])))
                .collect(),
            ShowFormat::Value => fields.iter().map(|(_, v)| py_str(v) + "\n").collect(),
            ShowFormat::Shell => {
                let mut s = String::new();
                for (name, value) in &fields {
                    let name = name.to_lowercase().replace(' ', "_");
                    if !o.variables.is_empty() && !o.variables.contains(&name) {
                        continue;
                    }
                    let name = name.replace([':', '-'], "_");
                    let value = match value {
                        Value::String(v) => v.replace('"', "\\\""),
                        other => py_str(other),
                    };
                    s.push_str(&format!("{}{name}=\"{value}\"\n", o.prefix));
                }
                s
            }
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Column selection and sorting (cliff/display.py, cliff/lister.py)

/// The indexes of the columns `-c` selects, in the columns' own order (cliff does not reorder).
fn select_columns(names: &[String], requested: &[String]) -> Result<Vec<usize>, FormatError> {
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
fn sort_rows(rows: &mut Vec<&Vec<Value>>, columns: &[String], sort: &[String], desc: bool) {
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

fn num(v: &Value) -> Option<f64> {
    match v {
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

fn int(v: &Value) -> Option<i128> {
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
fn py_eq(a: &Value, b: &Value) -> bool {
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
fn py_cmp(a: &Value, b: &Value) -> Option<Ordering> {
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
// Python's str() and repr()

/// Python's `str()` of the value cliff would hold for this JSON value.
fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// Python's `repr()` of the list / dict / scalar this JSON value becomes.
fn py_repr(v: &Value) -> String {
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
            let items: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}: {}", py_str_repr(k), py_repr(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

fn py_number(n: &serde_json::Number) -> String {
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
fn py_float_repr(f: f64) -> String {
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
fn py_printable(c: char) -> bool {
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c, '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}'
            | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}' | '\u{e000}'..='\u{f8ff}'
            | '\u{f0000}'..='\u{10ffff}'))
}

/// Python's `repr(str)`.
fn py_str_repr(s: &str) -> String {
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

// ---------------------------------------------------------------------------------------------
// json (Python's json.dump, ensure_ascii, indent 2 or none, as cliff calls it)

fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            c => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

fn json_newline(out: &mut String, indent: bool, level: usize) {
    if indent {
        out.push('\n');
        out.push_str(&"  ".repeat(level));
    }
}

fn json_value(out: &mut String, v: &Value, indent: bool, level: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&py_number(n)),
        Value::String(s) => json_str(out, s),
        Value::Array(a) => {
            if a.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                    if !indent {
                        out.push(' ');
                    }
                }
                json_newline(out, indent, level + 1);
                json_value(out, item, indent, level + 1);
            }
            json_newline(out, indent, level);
            out.push(']');
        }
        Value::Object(m) => {
            let pairs: Vec<(&str, &Value)> = m.iter().map(|(k, v)| (k.as_str(), v)).collect();
            json_object(out, &pairs, indent, level);
        }
    }
}

fn json_object(out: &mut String, pairs: &[(&str, &Value)], indent: bool, level: usize) {
    // A Python dict keeps one entry a key: the last value, at the first key's place.
    let mut uniq: Vec<(&str, &Value)> = Vec::with_capacity(pairs.len());
    for &(k, v) in pairs {
        match uniq.iter_mut().find(|(u, _)| *u == k) {
            Some(slot) => slot.1 = v,
            None => uniq.push((k, v)),
        }
    }
    if uniq.is_empty() {
        out.push_str("{}");
        return;
    }
    out.push('{');
    for (i, (k, v)) in uniq.iter().enumerate() {
        if i > 0 {
            out.push(',');
            if !indent {
                out.push(' ');
            }
        }
        json_newline(out, indent, level + 1);
        json_str(out, k);
        out.push_str(": ");
        json_value(out, v, indent, level + 1);
    }
    json_newline(out, indent, level);
    out.push('}');
}

fn json_list(out: &mut String, items: &[Vec<(&str, &Value)>], indent: bool) {
    if items.is_empty() {
        out.push_str("[]");
        return;
    }
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
            if !indent {
                out.push(' ');
            }
        }
        json_newline(out, indent, 1);
        json_object(out, item, indent, 1);
    }
    json_newline(out, indent, 0);
    out.push(']');
}

// ---------------------------------------------------------------------------------------------
// csv (Python 3.11's csv.writer with cliff's dialect: escapechar '\', lineterminator '\n')

fn csv_row(out: &mut String, row: &[&Value], mode: QuoteMode) -> Result<(), FormatError> {
    let start = out.len();
    for (i, v) in row.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let numeric = matches!(v, Value::Number(_) | Value::Bool(_));
        let text = match v {
            Value::Null => String::new(),
            other => py_str(other),
        };
        let mut quoted = match mode {
            QuoteMode::All => true,
            QuoteMode::Nonnumeric => !numeric,
            QuoteMode::Minimal | QuoteMode::Never => false,
        };
        let mut field = String::with_capacity(text.len());
        for c in text.chars() {
            if matches!(c, ',' | '"' | '\\' | '\n') {
                let escape = match mode {
                    QuoteMode::Never => true,
                    _ if c == '"' => {
                        field.push('"');
                        false
                    }
                    _ => c == '\\',
                };
                if escape {
                    field.push('\\');
                } else {
                    quoted = true;
                }
            }
            field.push(c);
        }
        if quoted {
            out.push('"');
            out.push_str(&field);
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    if row.len() == 1 && out.len() == start {
        if mode == QuoteMode::Never {
            return Err(FormatError(
                "single empty field record must be quoted".into(),
            ));
        }
        out.push_str("\"\"");
    }
    out.push('\n');
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// table (cliff/formatters/table.py over prettytable 3.18 with wcwidth 0.9)

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Align {
    Left,
    Center,
    Right,
}

struct Table {
    fields: Vec<String>,
    align: Vec<Align>,
    max_width: Vec<Option<usize>>,
    rows: Vec<Vec<String>>,
    print_empty: bool,
}

/// Display width of one line, in terminal cells, as wcwidth measures it: `unicode-width`,
/// except that control characters and the line / paragraph separators take no cell and the
/// soft hyphen takes one.
fn width(s: &str) -> usize {
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
fn block_width(s: &str) -> usize {
    s.split('\n').map(width).max().unwrap_or(0)
}

fn justify(text: &str, w: usize, align: Align) -> String {
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
fn expand_tabs(s: &str) -> String {
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
fn cell_text(v: &Value) -> String {
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

fn list_table(
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

fn show_table(fields: &[(&str, &Value)], max_width: i64, terminal: Option<usize>) -> String {
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

// ---------------------------------------------------------------------------------------------
// Wrapping (wcwidth.wrap: Python's textwrap.TextWrapper measured in cells)

const TW_SPACE: &[char] = &['\t', '\n', '\u{b}', '\u{c}', '\r', ' '];

fn is_ws(c: char) -> bool {
    TW_SPACE.contains(&c)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric())
}

fn is_letter(c: char) -> bool {
    is_word(c) && !is_digit(c)
}

fn is_word_punct(c: char) -> bool {
    is_word(c) || matches!(c, '!' | '"' | '\'' | '&' | '.' | ',' | '?')
}

/// `-{2,}\w` at `i`.
fn dashes_then_word(t: &[char], i: usize) -> bool {
    let mut j = i;
    while j < t.len() && t[j] == '-' {
        j += 1;
    }
    j - i >= 2 && j < t.len() && is_word(t[j])
}

/// textwrap's `wordsep_re` split (with hyphen breaking).
fn split_chunks(t: &[char]) -> Vec<String> {
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

fn blank(s: &str) -> bool {
    !s.is_empty() && s.trim().is_empty()
}

fn wrap(text: &str, w: usize) -> Vec<String> {
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

fn long_word(chunks: &mut [String], line: &mut Vec<String>, cur: usize, w: usize) {
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

// ---------------------------------------------------------------------------------------------
// yaml (PyYAML's safe_dump with default_flow_style=False: block style, sorted keys, width 80)

enum YNode {
    /// A scalar's text, and whether written plain it would read back as the same type.
    Scalar(String, bool),
    Seq(Vec<YNode>),
    Map(Vec<(YNode, YNode)>),
}

fn yaml_str(s: &str) -> YNode {
    YNode::Scalar(s.to_string(), yaml_plain_is_str(s))
}

fn yaml_node(v: &Value) -> YNode {
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
fn yaml_map(pairs: Vec<(&str, &Value)>) -> YNode {
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

fn all_in(s: &[u8], ok: impl Fn(u8) -> bool) -> bool {
    s.iter().all(|&b| ok(b))
}

fn digits_us(s: &[u8]) -> bool {
    all_in(s, |b| b.is_ascii_digit() || b == b'_')
}

/// `(?::[0-5]?[0-9])+` exactly covering `s`.
fn sexagesimal(s: &[u8]) -> bool {
    if s.first() != Some(&b':') {
        return false;
    }
    s[1..].split(|&b| b == b':').all(|g| match g {
        [d] => d.is_ascii_digit(),
        [a, b] => (b'0'..=b'5').contains(a) && b.is_ascii_digit(),
        _ => false,
    })
}

fn strip_sign(s: &[u8]) -> &[u8] {
    match s.first() {
        Some(b'-' | b'+') => &s[1..],
        _ => s,
    }
}

fn yaml_is_int(s: &[u8]) -> bool {
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
fn yaml_exp(s: &[u8]) -> bool {
    s.is_empty()
        || (s.len() >= 3
            && matches!(s[0], b'e' | b'E')
            && matches!(s[1], b'-' | b'+')
            && all_in(&s[2..], |b| b.is_ascii_digit()))
}

fn yaml_is_float(s: &[u8]) -> bool {
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

fn yaml_is_timestamp(s: &[u8]) -> bool {
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
fn yaml_plain_is_str(s: &str) -> bool {
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

struct Analysis {
    empty: bool,
    multiline: bool,
    allow_block_plain: bool,
    allow_single_quoted: bool,
}

const YAML_BREAKS: &[char] = &['\n', '\u{85}', '\u{2028}', '\u{2029}'];

fn is_yaml_break(c: char) -> bool {
    YAML_BREAKS.contains(&c)
}

fn is_yaml_blank(c: char) -> bool {
    matches!(c, '\0' | ' ' | '\t' | '\r') || is_yaml_break(c)
}

fn analyze_scalar(t: &[char]) -> Analysis {
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

const BEST_WIDTH: usize = 80;

struct Yaml {
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
fn simple_key_ok(key: &YNode) -> bool {
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
fn yaml_dump(node: &YNode) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, Parser};

    #[derive(Parser, Debug)]
    struct ListCmd {
        #[command(flatten)]
        o: ListOutput,
    }

    #[derive(Parser, Debug)]
    struct ShowCmd {
        #[command(flatten)]
        o: ShowOutput,
    }

    /// argv for the test commands; `--max-width` is pinned to 0 when a test does not set it,
    /// so a `CLIFF_MAX_TERM_WIDTH` in the environment running the tests changes nothing.
    fn argv(args: &[&str]) -> Vec<String> {
        let mut v = vec!["cmd".to_string()];
        v.extend(args.iter().map(|s| s.to_string()));
        if !args.iter().any(|a| a.starts_with("--max-width")) {
            v.push("--max-width=0".into());
        }
        v
    }

    fn list_output(args: &[&str]) -> ListOutput {
        ListCmd::try_parse_from(argv(args))
            .expect("list options parse")
            .o
    }

    fn show_output(args: &[&str]) -> ShowOutput {
        ShowCmd::try_parse_from(argv(args))
            .expect("show options parse")
            .o
    }

    fn listing(data: &str) -> Listing {
        let v: Value = serde_json::from_str(data).expect("test data is json");
        Listing {
            columns: v["columns"]
                .as_array()
                .expect("columns")
                .iter()
                .map(|c| c.as_str().expect("a column name").to_string())
                .collect(),
            rows: v["rows"]
                .as_array()
                .expect("rows")
                .iter()
                .map(|r| r.as_array().expect("a row").clone())
                .collect(),
        }
    }

    fn record(data: &str) -> Record {
        let v: Value = serde_json::from_str(data).expect("test data is json");
        Record {
            fields: v["fields"]
                .as_array()
                .expect("fields")
                .iter()
                .map(|f| {
                    (
                        f[0].as_str().expect("a field name").to_string(),
                        f[1].clone(),
                    )
                })
                .collect(),
        }
    }

    /// Renders a list with options parsed from `args` as the command line gives them.
    fn list(data: &str, args: &[&str]) -> Result<String, FormatError> {
        listing(data).render(&list_output(args))
    }

    /// Renders a show with options parsed from `args` as the command line gives them.
    fn show(data: &str, args: &[&str]) -> Result<String, FormatError> {
        record(data).render(&show_output(args))
    }

    const LONG: &str = r#"{"columns": ["ID", "Name", "Description", "Enabled"], "rows": [["0c4e939acacf4376bdcd1129f1a054ad", "admin", "Bootstrap project for initializing the cloud, with a long description that wraps", true], ["2db68fed84324f29bb73130c6c2094fb", "demo-project-name", "A demo project", false]]}"#;

    /// On a terminal (its width given by the caller) the table is fitted as `--max-width` fits it.
    #[test]
    fn terminal_width_fits_the_table_like_max_width() {
        let mut on_terminal = list_output(&[]);
        on_terminal.terminal_width = Some(60);
        let fitted = listing(LONG).render(&on_terminal);
        assert_eq!(fitted, list(LONG, &["--max-width", "60"]));
        assert_ne!(
            fitted,
            list(LONG, &[]),
            "a 60-cell terminal must shrink this table"
        );
        let mut show_out = show_output(&[]);
        show_out.terminal_width = Some(40);
        let rec = record(
            r#"{"fields": [["description", "a description long enough to need wrapping on forty cells"]]}"#,
        );
        assert_eq!(
            rec.render(&show_out),
            rec.render(&show_output(&["--max-width", "40"]))
        );
    }

    /// `--max-width` wins over the terminal's width; without either nothing is fitted.
    #[test]
    fn max_width_takes_precedence_over_the_terminal_width() {
        let mut o = list_output(&["--max-width", "40"]);
        o.terminal_width = Some(60);
        assert_eq!(listing(LONG).render(&o), list(LONG, &["--max-width", "40"]));
        let piped = list_output(&["--fit-width"]);
        assert_eq!(piped.terminal_width, None);
        assert_eq!(listing(LONG).render(&piped), list(LONG, &[]));
    }

    /// `-f` offers cliff's formats per kind: no `shell` for lists, no `csv` for shows.
    #[test]
    fn format_choices_depend_on_the_kind_of_command() {
        let names = |v: &[ListFormat]| -> Vec<String> {
            v.iter()
                .map(|f| f.to_possible_value().expect("shown").get_name().to_string())
                .collect()
        };
        assert_eq!(
            names(ListFormat::value_variants()),
            ["csv", "json", "table", "value", "yaml"]
        );
        let show_names: Vec<String> = ShowFormat::value_variants()
            .iter()
            .map(|f| f.to_possible_value().expect("shown").get_name().to_string())
            .collect();
        assert_eq!(show_names, ["json", "shell", "table", "value", "yaml"]);
        let err = ListCmd::try_parse_from(["cmd", "-f", "shell"]).expect_err("no shell for lists");
        assert_eq!(err.kind(), clap::error::ErrorKind::InvalidValue);
        let err = ShowCmd::try_parse_from(["cmd", "-f", "csv"]).expect_err("no csv for shows");
        assert_eq!(err.kind(), clap::error::ErrorKind::InvalidValue);
        let help = ListCmd::command().render_help().to_string();
        for choice in ["csv", "json", "table", "value", "yaml"] {
            assert!(help.contains(choice), "--help lists {choice}: {help}");
        }
        let quotes: Vec<String> = QuoteMode::value_variants()
            .iter()
            .map(|f| f.to_possible_value().expect("shown").get_name().to_string())
            .collect();
        assert_eq!(quotes, ["all", "minimal", "none", "nonnumeric"]);
    }

    /// The defaults are cliff's, and `Default` gives the same options as an empty command line.
    #[test]
    fn defaults_are_cliffs_and_match_default_impl() {
        let parsed = list_output(&[]);
        assert_eq!(parsed.format, ListFormat::Table);
        assert_eq!(parsed.quote, QuoteMode::Nonnumeric);
        assert_eq!(parsed.max_width, 0);
        let data = r#"{"columns": ["ID", "N"], "rows": [["a", 1]]}"#;
        assert_eq!(
            listing(data).render(&parsed),
            listing(data).render(&ListOutput::default())
        );
        let parsed = show_output(&[]);
        assert_eq!(parsed.format, ShowFormat::Table);
        assert_eq!(parsed.prefix, "");
        let rec = r#"{"fields": [["id", "a"]]}"#;
        assert_eq!(
            record(rec).render(&parsed),
            record(rec).render(&ShowOutput::default())
        );
    }

    /// The environment variables of cliff feed `--max-width` and `--fit-width`.
    #[test]
    fn table_options_read_cliffs_environment_variables() {
        for cmd in [ListCmd::command(), ShowCmd::command()] {
            let env = |id: &str| {
                cmd.get_arguments()
                    .find(|a| a.get_id() == id)
                    .and_then(|a| a.get_env())
                    .map(|e| e.to_string_lossy().into_owned())
            };
            assert_eq!(env("max_width").as_deref(), Some("CLIFF_MAX_TERM_WIDTH"));
            assert_eq!(env("fit_width").as_deref(), Some("CLIFF_FIT_WIDTH"));
        }
    }

    /// `--sort-ascending` and `--sort-descending` exclude each other, as in cliff.
    #[test]
    fn sort_directions_are_mutually_exclusive() {
        let err = ListCmd::try_parse_from(["cmd", "--sort-ascending", "--sort-descending"])
            .expect_err("both directions");
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
        assert!(list_output(&["--sort-ascending", "--sort-column", "ID"]).sort_columns == ["ID"]);
    }

    /// Floats print as Python's `repr(float)` (checked against Python 3.11).
    #[test]
    fn floats_print_as_python_repr() {
        let cases = [
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (1e-5, "1e-05"),
            (1.5, "1.5"),
            (123.456, "123.456"),
            (-2.5e-7, "-2.5e-07"),
            (f64::MAX, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1234567890123456789.0, "1.2345678901234568e+18"),
            (100.0, "100.0"),
        ];
        for (f, want) in cases {
            assert_eq!(py_float_repr(f), want, "repr({f:e})");
        }
    }

    /// The error's Display is the message alone, for one line on stderr.
    #[test]
    fn format_error_displays_its_message() {
        let e = FormatError("No recognized column names in ['x'].".into());
        assert_eq!(e.to_string(), "No recognized column names in ['x'].");
        let boxed: Box<dyn std::error::Error> = Box::new(e);
        assert_eq!(boxed.to_string(), "No recognized column names in ['x'].");
    }

    /// Rows that do not have one value a column are refused rather than misprinted.
    #[test]
    fn rows_with_the_wrong_number_of_values_are_an_error() {
        let bad = Listing {
            columns: vec!["ID".into(), "Name".into()],
            rows: vec![vec![Value::from("a")]],
        };
        let err = bad.render(&ListOutput::default()).expect_err("short row");
        assert_eq!(
            err.0,
            "Row has incorrect number of values, (actual) 1!=2 (expected)"
        );
    }
    // Expected outputs below were printed by real cliff 4.17 (prettytable 3.18, PyYAML 6.0,
    // Python 3.11) for the same data and options.

    /// A project list prints the default table: `+---+` rules, padding 1, a header row.
    #[test]
    fn project_list_table_has_prettytable_borders_and_left_aligned_strings() {
        let got = list(
            r#"{"columns": ["ID", "Name"], "rows": [["0c4e939acacf4376bdcd1129f1a054ad", "admin"], ["2db68fed84324f29bb73130c6c2094fb", "demo"], ["3943b4efb3334a0e9a1a2bc3b6d43e8c", "service"]]}"#,
            &[],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+----------------------------------+---------+
| ID                               | Name    |
+----------------------------------+---------+
| 0c4e939acacf4376bdcd1129f1a054ad | admin   |
| 2db68fed84324f29bb73130c6c2094fb | demo    |
| 3943b4efb3334a0e9a1a2bc3b6d43e8c | service |
+----------------------------------+---------+
"#)
        );
    }

    /// Numbers align right, everything else left; values print as Python's `str()`, `\r` becomes a space, `\n` a second line.
    #[test]
    fn list_table_aligns_columns_by_first_row_types_and_prints_python_values() {
        let got = list(
            r#"{"columns": ["ID", "Name", "N", "F", "B", "X", "L"], "rows": [["a,1", "say \"hi\"", 3, 1.5, true, null, ["x", "y"]], ["back\\slash", "two\nlines", -2, 1e+16, false, "", {"k": "v", "n": null}], ["cr\rhere", " lead", 0, 0.0001, true, "plain", []], ["tab\there", "uni \u00e9 \u2713 \u4e2d\u6587", 12345678901234, 1e-05, false, "it's", [1, 2.5, true]]]}"#,
            &[],
        );
        assert_eq!(
            got.as_deref(),
            Ok(
                r#"+--------------+--------------+----------------+--------+-------+-------+-----------------------+
| ID           | Name         |              N |      F | B     | X     | L                     |
+--------------+--------------+----------------+--------+-------+-------+-----------------------+
| a,1          | say "hi"     |              3 |    1.5 | True  | None  | ['x', 'y']            |
| back\slash   | two          |             -2 |  1e+16 | False |       | {'k': 'v', 'n': None} |
|              | lines        |                |        |       |       |                       |
| cr here      |  lead        |              0 | 0.0001 | True  | plain | []                    |
| tab     here | uni é ✓ 中文 | 12345678901234 |  1e-05 | False | it's  | [1, 2.5, True]        |
+--------------+--------------+----------------+--------+-------+-------+-----------------------+
"#
            )
        );
    }

    /// `--max-width` shrinks the columns wider than an equal share and wraps their text at spaces.
    #[test]
    fn list_table_shrinks_wide_columns_to_max_width() {
        let got = list(
            r#"{"columns": ["ID", "Name", "Description", "Enabled"], "rows": [["0c4e939acacf4376bdcd1129f1a054ad", "admin", "Bootstrap project for initializing the cloud, with a long description that wraps", true], ["2db68fed84324f29bb73130c6c2094fb", "demo-project-name", "A demo project", false]]}"#,
            &["--max-width", "60"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(
                r#"+---------------+---------------+----------------+---------+
| ID            | Name          | Description    | Enabled |
+---------------+---------------+----------------+---------+
| 0c4e939acacf4 | admin         | Bootstrap      | True    |
| 376bdcd1129f1 |               | project for    |         |
| a054ad        |               | initializing   |         |
|               |               | the cloud,     |         |
|               |               | with a long    |         |
|               |               | description    |         |
|               |               | that wraps     |         |
| 2db68fed84324 | demo-project- | A demo project | False   |
| f29bb73130c6c | name          |                |         |
| 2094fb        |               |                |         |
+---------------+---------------+----------------+---------+
"#
            )
        );
    }

    /// A narrow `--max-width` breaks long words and hyphenated names as textwrap does.
    #[test]
    fn list_table_narrow_max_width_breaks_words_and_hyphens() {
        let got = list(
            r#"{"columns": ["ID", "Name", "Description", "Enabled"], "rows": [["0c4e939acacf4376bdcd1129f1a054ad", "admin", "Bootstrap project for initializing the cloud, with a long description that wraps", true], ["2db68fed84324f29bb73130c6c2094fb", "demo-project-name", "A demo project", false]]}"#,
            &["--max-width", "40"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+----------+----------+-------------+---------+
| ID       | Name     | Description | Enabled |
+----------+----------+-------------+---------+
| 0c4e939a | admin    | Bootstrap   | True    |
| cacf4376 |          | project for |         |
| bdcd1129 |          | initializin |         |
| f1a054ad |          | g the       |         |
|          |          | cloud, with |         |
|          |          | a long      |         |
|          |          | description |         |
|          |          | that wraps  |         |
| 2db68fed | demo-    | A demo      | False   |
| 84324f29 | project- | project     |         |
| bb73130c | name     |             |         |
| 6c2094fb |          |             |         |
+----------+----------+-------------+---------+
"#)
        );
    }

    /// No list column is shrunk below 8 cells, so the table may stay wider than `--max-width`.
    #[test]
    fn list_table_never_shrinks_a_column_below_8() {
        let got = list(
            r#"{"columns": ["Identifier", "A", "Very Long Header Name Here", "B", "Name", "Description"], "rows": [["0c4e939acacf4376bdcd1129f1a054ad", 1, "x", true, "name-with-hyphens-in-it", "the quick brown fox jumps over the lazy dog the quick brown fox jumps over the lazy dog the quick brown fox jumps over the lazy dog "], ["2", 22, "yy", false, "n", "short"]]}"#,
            &["--max-width", "50"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(
                r#"+------------+----+----------------------------+-------+----------+-------------+
| Identifier |  A | Very Long Header Name Here | B     | Name     | Description |
+------------+----+----------------------------+-------+----------+-------------+
| 0c4e939aca |  1 | x                          | True  | name-    | the quick   |
| cf4376bdcd |    |                            |       | with-    | brown fox   |
| 1129f1a054 |    |                            |       | hyphens- | jumps over  |
| ad         |    |                            |       | in-it    | the lazy    |
|            |    |                            |       |          | dog the     |
|            |    |                            |       |          | quick brown |
|            |    |                            |       |          | fox jumps   |
|            |    |                            |       |          | over the    |
|            |    |                            |       |          | lazy dog    |
|            |    |                            |       |          | the quick   |
|            |    |                            |       |          | brown fox   |
|            |    |                            |       |          | jumps over  |
|            |    |                            |       |          | the lazy    |
|            |    |                            |       |          | dog         |
| 2          | 22 | yy                         | False | n        | short       |
+------------+----+----------------------------+-------+----------+-------------+
"#
            )
        );
    }

    /// `--max-width` below 1 disables fitting.
    #[test]
    fn list_table_max_width_below_one_disables_fitting() {
        let got = list(
            r#"{"columns": ["Identifier", "A", "Very Long Header Name Here", "B", "Name", "Description"], "rows": [["0c4e939acacf4376bdcd1129f1a054ad", 1, "x", true, "name-with-hyphens-in-it", "the quick brown fox jumps over the lazy dog the quick brown fox jumps over the lazy dog the quick brown fox jumps over the lazy dog "], ["2", 22, "yy", false, "n", "short"]]}"#,
            &["--max-width", "-5"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(
                r#"+----------------------------------+----+----------------------------+-------+-------------------------+--------------------------------------------------------------------------------------------------------------------------------------+
| Identifier                       |  A | Very Long Header Name Here | B     | Name                    | Description                                                                                                                          |
+----------------------------------+----+----------------------------+-------+-------------------------+--------------------------------------------------------------------------------------------------------------------------------------+
| 0c4e939acacf4376bdcd1129f1a054ad |  1 | x                          | True  | name-with-hyphens-in-it | the quick brown fox jumps over the lazy dog the quick brown fox jumps over the lazy dog the quick brown fox jumps over the lazy dog  |
| 2                                | 22 | yy                         | False | n                       | short                                                                                                                                |
+----------------------------------+----+----------------------------+-------+-------------------------+--------------------------------------------------------------------------------------------------------------------------------------+
"#
            )
        );
    }

    /// Wrapping breaks after hyphens between letters and before em-dashes, as textwrap does.
    #[test]
    fn list_table_hyphen_and_em_dash_breaks() {
        let got = list(
            r#"{"columns": ["A", "B"], "rows": [["well-known-hyphenated-words-go-here and--em--dashes", "x-y-z-long-token-without-spaces-1234567890"]]}"#,
            &["--max-width", "30"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+-------------+--------------+
| A           | B            |
+-------------+--------------+
| well-known- | x-y-z-long-  |
| hyphenated- | token-       |
| words-go-   | without-spac |
| here and--  | es-          |
| em--dashes  | 1234567890   |
+-------------+--------------+
"#)
        );
    }

    /// Wrapping keeps leading spaces on the first line and drops them at breaks.
    #[test]
    fn list_table_wrapping_drops_whitespace_at_line_ends() {
        let got = list(
            r#"{"columns": ["A", "B"], "rows": [["   leading spaces and    inner    runs   ", "short"]]}"#,
            &["--max-width", "25"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+---------------+-------+
| A             | B     |
+---------------+-------+
|    leading    | short |
| spaces and    |       |
| inner    runs |       |
+---------------+-------+
"#)
        );
    }

    /// CJK characters and emoji take two cells each.
    #[test]
    fn list_table_measures_wide_characters_in_cells() {
        let got = list(
            r#"{"columns": ["ID", "\u540d\u524d"], "rows": [["1", "\u4e2d\u6587\u5b57\u7b26\u4e2d\u6587\u5b57\u7b26\u4e2d\u6587\u5b57\u7b26\u4e2d\u6587\u5b57\u7b26"], ["2", "emoji \ud83c\udf89 party"]]}"#,
            &[],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+----+----------------------------------+
| ID | 名前                             |
+----+----------------------------------+
| 1  | 中文字符中文字符中文字符中文字符 |
| 2  | emoji 🎉 party                   |
+----+----------------------------------+
"#)
        );
    }

    /// Wrapping counts CJK characters as two cells.
    #[test]
    fn list_table_wraps_wide_characters_by_cells() {
        let got = list(
            r#"{"columns": ["ID", "\u540d\u524d"], "rows": [["1", "\u4e2d\u6587\u5b57\u7b26\u4e2d\u6587\u5b57\u7b26\u4e2d\u6587\u5b57\u7b26\u4e2d\u6587\u5b57\u7b26"], ["2", "emoji \ud83c\udf89 party"]]}"#,
            &["--max-width", "30"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+----+-----------------------+
| ID | 名前                  |
+----+-----------------------+
| 1  | 中文字符中文字符中文  |
|    | 字符中文字符          |
| 2  | emoji 🎉 party        |
+----+-----------------------+
"#)
        );
    }

    /// Control and zero-width characters take no cell; lists print as Python's `repr()`.
    #[test]
    fn list_table_escapes_nothing_and_measures_control_characters_as_zero() {
        let got = list(
            r#"{"columns": ["ID", "Quote"], "rows": [["both ' and \" \\ \u0002 \u00e9 \ud83d\ude00 \u200b", ["it's", "a\"b", "c'd\"e"]]]}"#,
            &[],
        );
        assert_eq!(got.as_deref(), Ok("+-----------------------+---------------------------+\n| ID                    | Quote                     |\n+-----------------------+---------------------------+\n| both ' and \" \\ \u{2} \u{e9} \u{1f600} \u{200b} | [\"it's\", 'a\"b', 'c\\'d\"e'] |\n+-----------------------+---------------------------+\n"));
    }

    /// A show prints a `Field | Value` table, both columns left-aligned.
    #[test]
    fn show_table_has_field_value_columns_left_aligned() {
        let got = show(
            r#"{"fields": [["description", "Bootstrap project for initializing the cloud, with a long description that keeps on going and going"], ["enabled", true], ["id", "0c4e939acacf4376bdcd1129f1a054ad"], ["name", "admin"], ["properties", null], ["os-ext:attr", "v\"q\""], ["Domain ID", "default"]]}"#,
            &[],
        );
        assert_eq!(
            got.as_deref(),
            Ok(
                r#"+-------------+-----------------------------------------------------------------------------------------------------+
| Field       | Value                                                                                               |
+-------------+-----------------------------------------------------------------------------------------------------+
| description | Bootstrap project for initializing the cloud, with a long description that keeps on going and going |
| enabled     | True                                                                                                |
| id          | 0c4e939acacf4376bdcd1129f1a054ad                                                                    |
| name        | admin                                                                                               |
| properties  | None                                                                                                |
| os-ext:attr | v"q"                                                                                                |
| Domain ID   | default                                                                                             |
+-------------+-----------------------------------------------------------------------------------------------------+
"#
            )
        );
    }

    /// A long value is wrapped to fit `--max-width`.
    #[test]
    fn show_table_wraps_long_value_to_max_width() {
        let got = show(
            r#"{"fields": [["description", "Bootstrap project for initializing the cloud, with a long description that keeps on going and going"], ["enabled", true], ["id", "0c4e939acacf4376bdcd1129f1a054ad"], ["name", "admin"], ["properties", null], ["os-ext:attr", "v\"q\""], ["Domain ID", "default"]]}"#,
            &["--max-width", "60"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(
                r#"+-------------+--------------------------------------------+
| Field       | Value                                      |
+-------------+--------------------------------------------+
| description | Bootstrap project for initializing the     |
|             | cloud, with a long description that keeps  |
|             | on going and going                         |
| enabled     | True                                       |
| id          | 0c4e939acacf4376bdcd1129f1a054ad           |
| name        | admin                                      |
| properties  | None                                       |
| os-ext:attr | v"q"                                       |
| Domain ID   | default                                    |
+-------------+--------------------------------------------+
"#
            )
        );
    }

    /// Show columns are not shrunk below 16 cells.
    #[test]
    fn show_table_keeps_fields_at_least_16_wide() {
        let got = show(
            r#"{"fields": [["description", "Bootstrap project for initializing the cloud, with a long description that keeps on going and going"], ["enabled", true], ["id", "0c4e939acacf4376bdcd1129f1a054ad"], ["name", "admin"], ["properties", null], ["os-ext:attr", "v\"q\""], ["Domain ID", "default"]]}"#,
            &["--max-width", "30"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+-------------+------------------+
| Field       | Value            |
+-------------+------------------+
| description | Bootstrap        |
|             | project for      |
|             | initializing the |
|             | cloud, with a    |
|             | long description |
|             | that keeps on    |
|             | going and going  |
| enabled     | True             |
| id          | 0c4e939acacf4376 |
|             | bdcd1129f1a054ad |
| name        | admin            |
| properties  | None             |
| os-ext:attr | v"q"             |
| Domain ID   | default          |
+-------------+------------------+
"#)
        );
    }

    /// Lists and dicts print as Python's `repr()`, tabs expand to 8 columns, `\r\n` is a line break.
    #[test]
    fn show_table_prints_python_reprs_and_expands_tabs() {
        let got = show(
            r#"{"fields": [["l", [1, "a"]], ["d", {"a": null}], ["f", 1e+16], ["t", "a\tb"], ["cr", "x\r\ny\rz"]]}"#,
            &[],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+-------+-------------+
| Field | Value       |
+-------+-------------+
| l     | [1, 'a']    |
| d     | {'a': None} |
| f     | 1e+16       |
| t     | a       b   |
| cr    | x           |
|       | y z         |
+-------+-------------+
"#)
        );
    }

    /// json: indent 2, key order = column order, types kept, non-ASCII escaped (`ensure_ascii`).
    #[test]
    fn list_json_indents_two_spaces_and_keeps_types() {
        let got = list(
            r#"{"columns": ["ID", "Name", "N", "F", "B", "X", "L"], "rows": [["a,1", "say \"hi\"", 3, 1.5, true, null, ["x", "y"]], ["back\\slash", "two\nlines", -2, 1e+16, false, "", {"k": "v", "n": null}], ["cr\rhere", " lead", 0, 0.0001, true, "plain", []], ["tab\there", "uni \u00e9 \u2713 \u4e2d\u6587", 12345678901234, 1e-05, false, "it's", [1, 2.5, true]]]}"#,
            &["-f", "json"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"[
  {
    "ID": "a,1",
    "Name": "say \"hi\"",
    "N": 3,
    "F": 1.5,
    "B": true,
    "X": null,
    "L": [
      "x",
      "y"
    ]
  },
  {
    "ID": "back\\slash",
    "Name": "two\nlines",
    "N": -2,
    "F": 1e+16,
    "B": false,
    "X": "",
    "L": {
      "k": "v",
      "n": null
    }
  },
  {
    "ID": "cr\rhere",
    "Name": " lead",
    "N": 0,
    "F": 0.0001,
    "B": true,
    "X": "plain",
    "L": []
  },
  {
    "ID": "tab\there",
    "Name": "uni \u00e9 \u2713 \u4e2d\u6587",
    "N": 12345678901234,
    "F": 1e-05,
    "B": false,
    "X": "it's",
    "L": [
      1,
      2.5,
      true
    ]
  }
]
"#)
        );
    }

    /// `--noindent` prints the json on one line with Python's `, ` and `: ` separators.
    #[test]
    fn list_json_noindent_prints_one_line() {
        let got = list(
            r#"{"columns": ["ID", "Name", "N", "F", "B", "X", "L"], "rows": [["a,1", "say \"hi\"", 3, 1.5, true, null, ["x", "y"]], ["back\\slash", "two\nlines", -2, 1e+16, false, "", {"k": "v", "n": null}], ["cr\rhere", " lead", 0, 0.0001, true, "plain", []], ["tab\there", "uni \u00e9 \u2713 \u4e2d\u6587", 12345678901234, 1e-05, false, "it's", [1, 2.5, true]]]}"#,
            &["-f", "json", "--noindent"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(
                r#"[{"ID": "a,1", "Name": "say \"hi\"", "N": 3, "F": 1.5, "B": true, "X": null, "L": ["x", "y"]}, {"ID": "back\\slash", "Name": "two\nlines", "N": -2, "F": 1e+16, "B": false, "X": "", "L": {"k": "v", "n": null}}, {"ID": "cr\rhere", "Name": " lead", "N": 0, "F": 0.0001, "B": true, "X": "plain", "L": []}, {"ID": "tab\there", "Name": "uni \u00e9 \u2713 \u4e2d\u6587", "N": 12345678901234, "F": 1e-05, "B": false, "X": "it's", "L": [1, 2.5, true]}]
"#
            )
        );
    }

    /// A show's json is one object in field order.
    #[test]
    fn show_json_keeps_field_order() {
        let got = show(
            r#"{"fields": [["description", "Bootstrap project for initializing the cloud, with a long description that keeps on going and going"], ["enabled", true], ["id", "0c4e939acacf4376bdcd1129f1a054ad"], ["name", "admin"], ["properties", null], ["os-ext:attr", "v\"q\""], ["Domain ID", "default"]]}"#,
            &["-f", "json"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"{
  "description": "Bootstrap project for initializing the cloud, with a long description that keeps on going and going",
  "enabled": true,
  "id": "0c4e939acacf4376bdcd1129f1a054ad",
  "name": "admin",
  "properties": null,
  "os-ext:attr": "v\"q\"",
  "Domain ID": "default"
}
"#)
        );
    }

    /// A show's `--noindent` json is one line.
    #[test]
    fn show_json_noindent_prints_one_line() {
        let got = show(
            r#"{"fields": [["description", "Bootstrap project for initializing the cloud, with a long description that keeps on going and going"], ["enabled", true], ["id", "0c4e939acacf4376bdcd1129f1a054ad"], ["name", "admin"], ["properties", null], ["os-ext:attr", "v\"q\""], ["Domain ID", "default"]]}"#,
            &["-f", "json", "--noindent"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(
                r#"{"description": "Bootstrap project for initializing the cloud, with a long description that keeps on going and going", "enabled": true, "id": "0c4e939acacf4376bdcd1129f1a054ad", "name": "admin", "properties": null, "os-ext:attr": "v\"q\"", "Domain ID": "default"}
"#
            )
        );
    }

    /// Control characters, DEL, non-BMP characters (surrogate pairs) are escaped as Python escapes them.
    #[test]
    fn json_escapes_like_python_ensure_ascii() {
        let got = show(
            r#"{"fields": [["d1", "tab\tquoted \"words\" and \\ backslashes quoted \"words\" and \\ backslashes quoted \"words\" and \\ backslashes quoted \"words\" and \\ backslashes "], ["d2", "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"], ["d3", " space-led space-led space-led space-led space-led space-led space-led space-led space-led space-led space-led space-led "], ["d4", "trailing trailing trailing trailing trailing trailing trailing trailing trailing trailing  "], ["d5", "a\n\nb  \n c"], ["d6", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx yy"], ["d7", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx y z"], ["d8", "ctrl\u0001\u007f\u0085\u2028\ufeff\ud83d\ude00 end"], ["d9", "''' mixed \"q\" '"], ["d10", "both ' and \" here \\ \u0002"], ["d11", ["long list item long list item long list item long list item long list item long list item long list item long list item ", {"nested key": "nested value nested value nested value nested value nested value nested value nested value nested value nested value "}, [["deep", ["deeper"]]]]], ["d12", {"": 3, "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": 1, "multi\nline": 2, "ok": {"x": [{"a": 1, "b": [1, [2, 3]]}]}}], ["d13", "combining e\u0301 and zero\u200bwidth"], ["d14", "-"], ["d15", "- "], ["d16", ":"], ["d17", "a:b"], ["d18", "a :b #"], ["d19", "[x]"], ["d20", "x,y"], ["d21", "%p"], ["d22", "`b"], ["d23", "|"], ["d24", ">x"], ["d25", "a\tb"], ["d26", "="], ["d27", "<<"], ["d28", "0b101"], ["d29", "-0x_1"], ["d30", "0777"], ["d31", "09"], ["d32", "1:60"], ["d33", "1:5:59.5"], ["d34", "-.inf"], ["d35", ".NaN"], ["d36", "+.5"], ["d37", "1."], ["d38", "1.e+5"], ["d39", "1.5E-3"], ["d40", "._5"], ["d41", "2015-08-27 09:49:58.123 +05:30"], ["d42", "2015-08-27t9:49:58Z"], ["d43", "2015-08-2709:49:58"], ["d44", "1_2:3"], ["d45", "0:1"], ["d46", "+0"], ["d47", "1e5.0"]]}"#,
            &["-f", "json", "--noindent"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(
                r#"{"d1": "tab\tquoted \"words\" and \\ backslashes quoted \"words\" and \\ backslashes quoted \"words\" and \\ backslashes quoted \"words\" and \\ backslashes ", "d2": "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9", "d3": " space-led space-led space-led space-led space-led space-led space-led space-led space-led space-led space-led space-led ", "d4": "trailing trailing trailing trailing trailing trailing trailing trailing trailing trailing  ", "d5": "a\n\nb  \n c", "d6": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx yy", "d7": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx y z", "d8": "ctrl\u0001\u007f\u0085\u2028\ufeff\ud83d\ude00 end", "d9": "''' mixed \"q\" '", "d10": "both ' and \" here \\ \u0002", "d11": ["long list item long list item long list item long list item long list item long list item long list item long list item ", {"nested key": "nested value nested value nested value nested value nested value nested value nested value nested value nested value "}, [["deep", ["deeper"]]]], "d12": {"": 3, "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": 1, "multi\nline": 2, "ok": {"x": [{"a": 1, "b": [1, [2, 3]]}]}}, "d13": "combining e\u0301 and zero\u200bwidth", "d14": "-", "d15": "- ", "d16": ":", "d17": "a:b", "d18": "a :b #", "d19": "[x]", "d20": "x,y", "d21": "%p", "d22": "`b", "d23": "|", "d24": ">x", "d25": "a\tb", "d26": "=", "d27": "<<", "d28": "0b101", "d29": "-0x_1", "d30": "0777", "d31": "09", "d32": "1:60", "d33": "1:5:59.5", "d34": "-.inf", "d35": ".NaN", "d36": "+.5", "d37": "1.", "d38": "1.e+5", "d39": "1.5E-3", "d40": "._5", "d41": "2015-08-27 09:49:58.123 +05:30", "d42": "2015-08-27t9:49:58Z", "d43": "2015-08-2709:49:58", "d44": "1_2:3", "d45": "0:1", "d46": "+0", "d47": "1e5.0"}
"#
            )
        );
    }

    /// yaml: a sequence of mappings whose keys PyYAML sorts, quoting strings as safe_dump does.
    #[test]
    fn list_yaml_is_a_sequence_of_mappings_with_sorted_keys() {
        let got = list(
            r#"{"columns": ["ID", "Name", "N", "F", "B", "X", "L"], "rows": [["a,1", "say \"hi\"", 3, 1.5, true, null, ["x", "y"]], ["back\\slash", "two\nlines", -2, 1e+16, false, "", {"k": "v", "n": null}], ["cr\rhere", " lead", 0, 0.0001, true, "plain", []], ["tab\there", "uni \u00e9 \u2713 \u4e2d\u6587", 12345678901234, 1e-05, false, "it's", [1, 2.5, true]]]}"#,
            &["-f", "yaml"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"- B: true
  F: 1.5
  ID: a,1
  L:
  - x
  - y
  N: 3
  Name: say "hi"
  X: null
- B: false
  F: 1.0e+16
  ID: back\slash
  L:
    k: v
    n: null
  N: -2
  Name: 'two

    lines'
  X: ''
- B: true
  F: 0.0001
  ID: "cr\rhere"
  L: []
  N: 0
  Name: ' lead'
  X: plain
- B: false
  F: 1.0e-05
  ID: "tab\there"
  L:
  - 1
  - 2.5
  - true
  N: 12345678901234
  Name: "uni \xE9 \u2713 \u4E2D\u6587"
  X: it's
"#)
        );
    }

    /// Strings that YAML 1.1 would read as bools, numbers, nulls or dates are quoted; long ones fold at 80 columns.
    #[test]
    fn show_yaml_quotes_strings_that_would_read_back_as_other_types() {
        let got = show(
            r##"{"fields": [["s1", "true"], ["s2", "123"], ["s3", "2015-01-01"], ["s4", "2015-08-27T09:49:58Z"], ["s5", ""], ["s6", "null"], ["s7", "- dash"], ["s8", "a: b"], ["s9", "#c"], ["s10", "x #c"], ["s11", "0o17"], ["s12", "1_000"], ["s13", "1:30"], ["s14", ".5"], ["s15", "1e5"], ["s16", "1.0e+5"], ["s17", "\u00e9"], ["s18", "line1\nline2"], ["s19", "it's"], ["s20", " lead"], ["s21", "0x1F"], ["s22", "~"], ["s23", "yes"], ["s24", "Off"], ["s25", "3.14"], ["s26", "+1"], ["s27", "12:30:45.5"], ["s28", "@at"], ["s29", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb cccccccccccccccccccc"], ["s30", "word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word "], ["s31", "tab\there"], ["s32", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"], ["s33", "q'word word word word word word word word word word word word word word word word word word word word word word word word word "], ["s34", "\u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 "], ["n1", 1.5], ["n2", 1e+16], ["n3", 1e-05], ["n4", -0.0], ["n5", 10], ["n6", null], ["n7", false], ["l1", [1, "two", null, {"a": [], "b": 1}, {}]], ["l2", {"a": "1", "z": {"y": ["x"]}}], ["kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk", "long key"], ["multi\nkey", "v"], ["", "empty key"], ["s35", "2015-1-2 3:04:05 -5"], ["s36", "..."], ["s37", "---x"], ["s38", "?x"], ["s39", "? x"]]}"##,
            &["-f", "yaml"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"s1: 'true'
s2: '123'
s3: '2015-01-01'
s4: '2015-08-27T09:49:58Z'
s5: ''
s6: 'null'
s7: '- dash'
s8: 'a: b'
s9: '#c'
s10: 'x #c'
s11: 0o17
s12: '1_000'
s13: '1:30'
s14: '.5'
s15: 1e5
s16: '1.0e+5'
s17: "\xE9"
s18: 'line1

  line2'
s19: it's
s20: ' lead'
s21: '0x1F'
s22: '~'
s23: 'yes'
s24: 'Off'
s25: '3.14'
s26: '+1'
s27: '12:30:45.5'
s28: '@at'
s29: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
  cccccccccccccccccccc
s30: 'word word word word word word word word word word word word word word word word
  word word word word word word word word word word word word word word '
s31: "tab\there"
s32: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
s33: 'q''word word word word word word word word word word word word word word word
  word word word word word word word word word word '
s34: "\xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9\
  \ \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9\
  \ \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9\
  \ \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 "
n1: 1.5
n2: 1.0e+16
n3: 1.0e-05
n4: -0.0
n5: 10
n6: null
n7: false
l1:
- 1
- two
- null
- a: []
  b: 1
- {}
l2:
  a: '1'
  z:
    y:
    - x
? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk
: long key
? 'multi

  key'
: v
? ''
: empty key
s35: '2015-1-2 3:04:05 -5'
s36: '...'
s37: '---x'
s38: ?x
s39: '? x'
"#)
        );
    }

    /// Inside a list item the same scalars indent under the item.
    #[test]
    fn list_yaml_indents_nested_values_like_pyyaml() {
        let got = list(
            r##"{"columns": ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "s12", "s13", "s14", "s15", "s16", "s17", "s18", "s19", "s20", "s21", "s22", "s23", "s24", "s25", "s26", "s27", "s28", "s29", "s30", "s31", "s32", "s33", "s34", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "l1", "l2", "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk", "multi\nkey", "", "s35", "s36", "s37", "s38", "s39"], "rows": [["true", "123", "2015-01-01", "2015-08-27T09:49:58Z", "", "null", "- dash", "a: b", "#c", "x #c", "0o17", "1_000", "1:30", ".5", "1e5", "1.0e+5", "\u00e9", "line1\nline2", "it's", " lead", "0x1F", "~", "yes", "Off", "3.14", "+1", "12:30:45.5", "@at", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb cccccccccccccccccccc", "word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word ", "tab\there", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "q'word word word word word word word word word word word word word word word word word word word word word word word word word ", "\u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 \u00e9 ", 1.5, 1e+16, 1e-05, -0.0, 10, null, false, [1, "two", null, {"a": [], "b": 1}, {}], {"a": "1", "z": {"y": ["x"]}}, "long key", "v", "empty key", "2015-1-2 3:04:05 -5", "...", "---x", "?x", "? x"]]}"##,
            &["-f", "yaml"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"- ? ''
  : empty key
  ? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk
  : long key
  l1:
  - 1
  - two
  - null
  - a: []
    b: 1
  - {}
  l2:
    a: '1'
    z:
      y:
      - x
  ? 'multi

    key'
  : v
  n1: 1.5
  n2: 1.0e+16
  n3: 1.0e-05
  n4: -0.0
  n5: 10
  n6: null
  n7: false
  s1: 'true'
  s10: 'x #c'
  s11: 0o17
  s12: '1_000'
  s13: '1:30'
  s14: '.5'
  s15: 1e5
  s16: '1.0e+5'
  s17: "\xE9"
  s18: 'line1

    line2'
  s19: it's
  s2: '123'
  s20: ' lead'
  s21: '0x1F'
  s22: '~'
  s23: 'yes'
  s24: 'Off'
  s25: '3.14'
  s26: '+1'
  s27: '12:30:45.5'
  s28: '@at'
  s29: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
    cccccccccccccccccccc
  s3: '2015-01-01'
  s30: 'word word word word word word word word word word word word word word word
    word word word word word word word word word word word word word word word '
  s31: "tab\there"
  s32: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
  s33: 'q''word word word word word word word word word word word word word word word
    word word word word word word word word word word '
  s34: "\xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9\
    \ \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9\
    \ \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9\
    \ \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 \xE9 "
  s35: '2015-1-2 3:04:05 -5'
  s36: '...'
  s37: '---x'
  s38: ?x
  s39: '? x'
  s4: '2015-08-27T09:49:58Z'
  s5: ''
  s6: 'null'
  s7: '- dash'
  s8: 'a: b'
  s9: '#c'
"#)
        );
    }

    /// Non-printable and non-ASCII text is double-quoted with escapes; complex keys use `?`.
    #[test]
    fn yaml_double_quotes_and_folds_special_characters() {
        let got = show(
            r#"{"fields": [["d1", "tab\tquoted \"words\" and \\ backslashes quoted \"words\" and \\ backslashes quoted \"words\" and \\ backslashes quoted \"words\" and \\ backslashes "], ["d2", "\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"], ["d3", " space-led space-led space-led space-led space-led space-led space-led space-led space-led space-led space-led space-led "], ["d4", "trailing trailing trailing trailing trailing trailing trailing trailing trailing trailing  "], ["d5", "a\n\nb  \n c"], ["d6", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx yy"], ["d7", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx y z"], ["d8", "ctrl\u0001\u007f\u0085\u2028\ufeff\ud83d\ude00 end"], ["d9", "''' mixed \"q\" '"], ["d10", "both ' and \" here \\ \u0002"], ["d11", ["long list item long list item long list item long list item long list item long list item long list item long list item ", {"nested key": "nested value nested value nested value nested value nested value nested value nested value nested value nested value "}, [["deep", ["deeper"]]]]], ["d12", {"": 3, "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": 1, "multi\nline": 2, "ok": {"x": [{"a": 1, "b": [1, [2, 3]]}]}}], ["d13", "combining e\u0301 and zero\u200bwidth"], ["d14", "-"], ["d15", "- "], ["d16", ":"], ["d17", "a:b"], ["d18", "a :b #"], ["d19", "[x]"], ["d20", "x,y"], ["d21", "%p"], ["d22", "`b"], ["d23", "|"], ["d24", ">x"], ["d25", "a\tb"], ["d26", "="], ["d27", "<<"], ["d28", "0b101"], ["d29", "-0x_1"], ["d30", "0777"], ["d31", "09"], ["d32", "1:60"], ["d33", "1:5:59.5"], ["d34", "-.inf"], ["d35", ".NaN"], ["d36", "+.5"], ["d37", "1."], ["d38", "1.e+5"], ["d39", "1.5E-3"], ["d40", "._5"], ["d41", "2015-08-27 09:49:58.123 +05:30"], ["d42", "2015-08-27t9:49:58Z"], ["d43", "2015-08-2709:49:58"], ["d44", "1_2:3"], ["d45", "0:1"], ["d46", "+0"], ["d47", "1e5.0"]]}"#,
            &["-f", "yaml"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(
                r#"d1: "tab\tquoted \"words\" and \\ backslashes quoted \"words\" and \\ backslashes\
  \ quoted \"words\" and \\ backslashes quoted \"words\" and \\ backslashes "
d2: "\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\
  \xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\
  \xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\
  \xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\
  \xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9\xE9"
d3: ' space-led space-led space-led space-led space-led space-led space-led space-led
  space-led space-led space-led space-led '
d4: 'trailing trailing trailing trailing trailing trailing trailing trailing trailing
  trailing  '
d5: "a\n\nb  \n c"
d6: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
  yy
d7: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
  y z
d8: "ctrl\x01\x7F\N\L\uFEFF\U0001F600 end"
d9: ''''''' mixed "q" '''
d10: "both ' and \" here \\ \x02"
d11:
- 'long list item long list item long list item long list item long list item long
  list item long list item long list item '
- nested key: 'nested value nested value nested value nested value nested value nested
    value nested value nested value nested value '
- - - deep
    - - deeper
d12:
  ? ''
  : 3
  ? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk
  : 1
  ? 'multi

    line'
  : 2
  ok:
    x:
    - a: 1
      b:
      - 1
      - - 2
        - 3
d13: "combining e\u0301 and zero\u200Bwidth"
d14: '-'
d15: '- '
d16: ':'
d17: a:b
d18: 'a :b #'
d19: '[x]'
d20: x,y
d21: '%p'
d22: '`b'
d23: '|'
d24: '>x'
d25: "a\tb"
d26: '='
d27: '<<'
d28: '0b101'
d29: '-0x_1'
d30: '0777'
d31: 09
d32: 1:60
d33: '1:5:59.5'
d34: '-.inf'
d35: '.NaN'
d36: +.5
d37: '1.'
d38: '1.e+5'
d39: '1.5E-3'
d40: ._5
d41: '2015-08-27 09:49:58.123 +05:30'
d42: '2015-08-27t9:49:58Z'
d43: 2015-08-2709:49:58
d44: '1_2:3'
d45: 0:1
d46: '+0'
d47: 1e5.0
"#
            )
        );
    }

    /// A show's yaml keeps the field order (one mapping a field, as cliff dumps them).
    #[test]
    fn show_yaml_keeps_field_order() {
        let got = show(
            r#"{"fields": [["description", "Bootstrap project for initializing the cloud, with a long description that keeps on going and going"], ["enabled", true], ["id", "0c4e939acacf4376bdcd1129f1a054ad"], ["name", "admin"], ["properties", null], ["os-ext:attr", "v\"q\""], ["Domain ID", "default"]]}"#,
            &["-f", "yaml"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(
                r#"description: Bootstrap project for initializing the cloud, with a long description
  that keeps on going and going
enabled: true
id: 0c4e939acacf4376bdcd1129f1a054ad
name: admin
properties: null
os-ext:attr: v"q"
Domain ID: default
"#
            )
        );
    }

    /// value: the selected columns' values separated by one space, a row a line.
    #[test]
    fn list_value_prints_selected_columns_space_separated() {
        let got = list(
            r#"{"columns": ["ID", "Name"], "rows": [["0c4e939acacf4376bdcd1129f1a054ad", "admin"], ["2db68fed84324f29bb73130c6c2094fb", "demo"], ["3943b4efb3334a0e9a1a2bc3b6d43e8c", "service"]]}"#,
            &["-f", "value", "-c", "ID", "-c", "name"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"0c4e939acacf4376bdcd1129f1a054ad admin
2db68fed84324f29bb73130c6c2094fb demo
3943b4efb3334a0e9a1a2bc3b6d43e8c service
"#)
        );
    }

    /// `-c` selects columns but keeps their order in the listing (cliff does not reorder).
    #[test]
    fn column_selection_keeps_the_listing_order() {
        let got = list(
            r#"{"columns": ["ID", "Name"], "rows": [["0c4e939acacf4376bdcd1129f1a054ad", "admin"], ["2db68fed84324f29bb73130c6c2094fb", "demo"], ["3943b4efb3334a0e9a1a2bc3b6d43e8c", "service"]]}"#,
            &["-f", "value", "-c", "Name", "-c", "ID"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"0c4e939acacf4376bdcd1129f1a054ad admin
2db68fed84324f29bb73130c6c2094fb demo
3943b4efb3334a0e9a1a2bc3b6d43e8c service
"#)
        );
    }

    /// `-c` matches names case-insensitively, trimmed, with spaces as underscores.
    #[test]
    fn column_selection_normalizes_case_and_spaces() {
        let got = list(
            r#"{"columns": ["ID", "Name"], "rows": [["0c4e939acacf4376bdcd1129f1a054ad", "admin"], ["2db68fed84324f29bb73130c6c2094fb", "demo"], ["3943b4efb3334a0e9a1a2bc3b6d43e8c", "service"]]}"#,
            &["-f", "value", "-c", " NAME "],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"admin
demo
service
"#)
        );
    }

    /// An unknown `-c` name next to a known one is dropped silently.
    #[test]
    fn column_selection_drops_unknown_names_when_one_matches() {
        let got = list(
            r#"{"columns": ["ID", "Name"], "rows": [["0c4e939acacf4376bdcd1129f1a054ad", "admin"], ["2db68fed84324f29bb73130c6c2094fb", "demo"], ["3943b4efb3334a0e9a1a2bc3b6d43e8c", "service"]]}"#,
            &["-c", "Name", "-c", "bogus"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+---------+
| Name    |
+---------+
| admin   |
| demo    |
| service |
+---------+
"#)
        );
    }

    /// Only unknown `-c` names: cliff's error with both lists.
    #[test]
    fn unknown_columns_give_cliffs_error() {
        let got = list(
            r#"{"columns": ["ID", "Name"], "rows": [["0c4e939acacf4376bdcd1129f1a054ad", "admin"], ["2db68fed84324f29bb73130c6c2094fb", "demo"], ["3943b4efb3334a0e9a1a2bc3b6d43e8c", "service"]]}"#,
            &["-c", "bogus", "-c", "nope"],
        );
        assert_eq!(got, Err(FormatError(r#"No recognized column names in ['bogus', 'nope']. Recognized columns are ('ID', 'Name')."#.to_string())));
    }

    /// The same error for a show (a one-tuple prints with its trailing comma).
    #[test]
    fn unknown_show_column_gives_cliffs_error() {
        let got = show(r#"{"fields": [["id", "x"]]}"#, &["-c", "bogus"]);
        assert_eq!(
            got,
            Err(FormatError(
                r#"No recognized column names in ['bogus']. Recognized columns are ('id',)."#
                    .to_string()
            ))
        );
    }

    /// value prints `None`, `True`, Python floats and reprs of lists.
    #[test]
    fn list_value_prints_python_values() {
        let got = list(
            r#"{"columns": ["ID", "Name", "N", "F", "B", "X", "L"], "rows": [["a,1", "say \"hi\"", 3, 1.5, true, null, ["x", "y"]], ["back\\slash", "two\nlines", -2, 1e+16, false, "", {"k": "v", "n": null}], ["cr\rhere", " lead", 0, 0.0001, true, "plain", []], ["tab\there", "uni \u00e9 \u2713 \u4e2d\u6587", 12345678901234, 1e-05, false, "it's", [1, 2.5, true]]]}"#,
            &["-f", "value"],
        );
        assert_eq!(got.as_deref(), Ok("a,1 say \"hi\" 3 1.5 True None ['x', 'y']\nback\\slash two\nlines -2 1e+16 False  {'k': 'v', 'n': None}\ncr\rhere  lead 0 0.0001 True plain []\ntab\there uni \u{e9} \u{2713} \u{4e2d}\u{6587} 12345678901234 1e-05 False it's [1, 2.5, True]\n"));
    }

    /// A show's value format prints one value a line.
    #[test]
    fn show_value_prints_one_value_a_line() {
        let got = show(
            r#"{"fields": [["description", "Bootstrap project for initializing the cloud, with a long description that keeps on going and going"], ["enabled", true], ["id", "0c4e939acacf4376bdcd1129f1a054ad"], ["name", "admin"], ["properties", null], ["os-ext:attr", "v\"q\""], ["Domain ID", "default"]]}"#,
            &["-f", "value"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(
                r#"Bootstrap project for initializing the cloud, with a long description that keeps on going and going
True
0c4e939acacf4376bdcd1129f1a054ad
admin
None
v"q"
default
"#
            )
        );
    }

    /// shell: names lower-cased with spaces, `:` and `-` as `_`; `"` in values escaped.
    #[test]
    fn show_shell_prints_mangled_names_and_escapes_double_quotes() {
        let got = show(
            r#"{"fields": [["description", "Bootstrap project for initializing the cloud, with a long description that keeps on going and going"], ["enabled", true], ["id", "0c4e939acacf4376bdcd1129f1a054ad"], ["name", "admin"], ["properties", null], ["os-ext:attr", "v\"q\""], ["Domain ID", "default"]]}"#,
            &["-f", "shell"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(
                r#"description="Bootstrap project for initializing the cloud, with a long description that keeps on going and going"
enabled="True"
id="0c4e939acacf4376bdcd1129f1a054ad"
name="admin"
properties="None"
os_ext_attr="v\"q\""
domain_id="default"
"#
            )
        );
    }

    /// `--prefix` goes before every variable name.
    #[test]
    fn show_shell_prefix_prefixes_every_name() {
        let got = show(
            r#"{"fields": [["description", "Bootstrap project for initializing the cloud, with a long description that keeps on going and going"], ["enabled", true], ["id", "0c4e939acacf4376bdcd1129f1a054ad"], ["name", "admin"], ["properties", null], ["os-ext:attr", "v\"q\""], ["Domain ID", "default"]]}"#,
            &["-f", "shell", "--prefix", "p_"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(
                r#"p_description="Bootstrap project for initializing the cloud, with a long description that keeps on going and going"
p_enabled="True"
p_id="0c4e939acacf4376bdcd1129f1a054ad"
p_name="admin"
p_properties="None"
p_os_ext_attr="v\"q\""
p_domain_id="default"
"#
            )
        );
    }

    /// `-c` selects the shell variables.
    #[test]
    fn show_shell_columns_select_variables() {
        let got = show(
            r#"{"fields": [["description", "Bootstrap project for initializing the cloud, with a long description that keeps on going and going"], ["enabled", true], ["id", "0c4e939acacf4376bdcd1129f1a054ad"], ["name", "admin"], ["properties", null], ["os-ext:attr", "v\"q\""], ["Domain ID", "default"]]}"#,
            &["-f", "shell", "-c", "domain_id", "-c", "name"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"name="admin"
domain_id="default"
"#)
        );
    }

    /// Non-string values print as Python's `str()`, without escaping.
    #[test]
    fn show_shell_prints_python_reprs_unescaped() {
        let got = show(
            r#"{"fields": [["l", ["q\"", 1]], ["d", {"a": null}], ["f", 1e+16]]}"#,
            &["-f", "shell"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"l="['q"', 1]"
d="{'a': None}"
f="1e+16"
"#)
        );
    }

    /// csv (default `--quote nonnumeric`): numbers and booleans bare, everything else quoted; `None` is `""`.
    #[test]
    fn csv_nonnumeric_quotes_all_but_numbers() {
        let got = list(
            r#"{"columns": ["ID", "Name", "N", "F", "B", "X", "L"], "rows": [["a,1", "say \"hi\"", 3, 1.5, true, null, ["x", "y"]], ["back\\slash", "two\nlines", -2, 1e+16, false, "", {"k": "v", "n": null}], ["cr\rhere", " lead", 0, 0.0001, true, "plain", []], ["tab\there", "uni \u00e9 \u2713 \u4e2d\u6587", 12345678901234, 1e-05, false, "it's", [1, 2.5, true]]]}"#,
            &["-f", "csv"],
        );
        assert_eq!(got.as_deref(), Ok("\"ID\",\"Name\",\"N\",\"F\",\"B\",\"X\",\"L\"\n\"a,1\",\"say \"\"hi\"\"\",3,1.5,True,\"\",\"['x', 'y']\"\n\"back\\\\slash\",\"two\nlines\",-2,1e+16,False,\"\",\"{'k': 'v', 'n': None}\"\n\"cr\rhere\",\" lead\",0,0.0001,True,\"plain\",\"[]\"\n\"tab\there\",\"uni \u{e9} \u{2713} \u{4e2d}\u{6587}\",12345678901234,1e-05,False,\"it's\",\"[1, 2.5, True]\"\n"));
    }

    /// `--quote all` quotes every field, escaping backslashes.
    #[test]
    fn csv_all_quotes_every_field() {
        let got = list(
            r#"{"columns": ["ID", "Name", "N", "F", "B", "X", "L"], "rows": [["a,1", "say \"hi\"", 3, 1.5, true, null, ["x", "y"]], ["back\\slash", "two\nlines", -2, 1e+16, false, "", {"k": "v", "n": null}], ["cr\rhere", " lead", 0, 0.0001, true, "plain", []], ["tab\there", "uni \u00e9 \u2713 \u4e2d\u6587", 12345678901234, 1e-05, false, "it's", [1, 2.5, true]]]}"#,
            &["-f", "csv", "--quote", "all"],
        );
        assert_eq!(got.as_deref(), Ok("\"ID\",\"Name\",\"N\",\"F\",\"B\",\"X\",\"L\"\n\"a,1\",\"say \"\"hi\"\"\",\"3\",\"1.5\",\"True\",\"\",\"['x', 'y']\"\n\"back\\\\slash\",\"two\nlines\",\"-2\",\"1e+16\",\"False\",\"\",\"{'k': 'v', 'n': None}\"\n\"cr\rhere\",\" lead\",\"0\",\"0.0001\",\"True\",\"plain\",\"[]\"\n\"tab\there\",\"uni \u{e9} \u{2713} \u{4e2d}\u{6587}\",\"12345678901234\",\"1e-05\",\"False\",\"it's\",\"[1, 2.5, True]\"\n"));
    }

    /// `--quote minimal` quotes fields with `,` `"` or a line feed.
    #[test]
    fn csv_minimal_quotes_only_fields_that_need_it() {
        let got = list(
            r#"{"columns": ["ID", "Name", "N", "F", "B", "X", "L"], "rows": [["a,1", "say \"hi\"", 3, 1.5, true, null, ["x", "y"]], ["back\\slash", "two\nlines", -2, 1e+16, false, "", {"k": "v", "n": null}], ["cr\rhere", " lead", 0, 0.0001, true, "plain", []], ["tab\there", "uni \u00e9 \u2713 \u4e2d\u6587", 12345678901234, 1e-05, false, "it's", [1, 2.5, true]]]}"#,
            &["-f", "csv", "--quote", "minimal"],
        );
        assert_eq!(got.as_deref(), Ok("ID,Name,N,F,B,X,L\n\"a,1\",\"say \"\"hi\"\"\",3,1.5,True,,\"['x', 'y']\"\nback\\\\slash,\"two\nlines\",-2,1e+16,False,,\"{'k': 'v', 'n': None}\"\ncr\rhere, lead,0,0.0001,True,plain,[]\ntab\there,uni \u{e9} \u{2713} \u{4e2d}\u{6587},12345678901234,1e-05,False,it's,\"[1, 2.5, True]\"\n"));
    }

    /// `--quote none` escapes `,` `"` `\` and line feeds with a backslash.
    #[test]
    fn csv_none_escapes_with_backslashes() {
        let got = list(
            r#"{"columns": ["ID", "Name", "N", "F", "B", "X", "L"], "rows": [["a,1", "say \"hi\"", 3, 1.5, true, null, ["x", "y"]], ["back\\slash", "two\nlines", -2, 1e+16, false, "", {"k": "v", "n": null}], ["cr\rhere", " lead", 0, 0.0001, true, "plain", []], ["tab\there", "uni \u00e9 \u2713 \u4e2d\u6587", 12345678901234, 1e-05, false, "it's", [1, 2.5, true]]]}"#,
            &["-f", "csv", "--quote", "none"],
        );
        assert_eq!(got.as_deref(), Ok("ID,Name,N,F,B,X,L\na\\,1,say \\\"hi\\\",3,1.5,True,,['x'\\, 'y']\nback\\\\slash,two\\\nlines,-2,1e+16,False,,{'k': 'v'\\, 'n': None}\ncr\rhere, lead,0,0.0001,True,plain,[]\ntab\there,uni \u{e9} \u{2713} \u{4e2d}\u{6587},12345678901234,1e-05,False,it's,[1\\, 2.5\\, True]\n"));
    }

    /// A row of one empty field is written as `""`.
    #[test]
    fn csv_single_empty_field_is_quoted() {
        let got = list(
            r#"{"columns": ["ID", "Name", "N", "F", "B", "X", "L"], "rows": [["a,1", "say \"hi\"", 3, 1.5, true, null, ["x", "y"]], ["back\\slash", "two\nlines", -2, 1e+16, false, "", {"k": "v", "n": null}], ["cr\rhere", " lead", 0, 0.0001, true, "plain", []], ["tab\there", "uni \u00e9 \u2713 \u4e2d\u6587", 12345678901234, 1e-05, false, "it's", [1, 2.5, true]]]}"#,
            &["-f", "csv", "-c", "X"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#""X"
""
""
"plain"
"it's"
"#)
        );
    }

    /// `--quote none` cannot write a row of one empty field: Python's csv error.
    #[test]
    fn csv_single_empty_field_without_quotes_is_an_error() {
        let got = list(
            r#"{"columns": ["ID", "Name", "N", "F", "B", "X", "L"], "rows": [["a,1", "say \"hi\"", 3, 1.5, true, null, ["x", "y"]], ["back\\slash", "two\nlines", -2, 1e+16, false, "", {"k": "v", "n": null}], ["cr\rhere", " lead", 0, 0.0001, true, "plain", []], ["tab\there", "uni \u00e9 \u2713 \u4e2d\u6587", 12345678901234, 1e-05, false, "it's", [1, 2.5, true]]]}"#,
            &["-f", "csv", "-c", "X", "--quote", "none"],
        );
        assert_eq!(
            got,
            Err(FormatError(
                r#"single empty field record must be quoted"#.to_string()
            ))
        );
    }

    /// Several `--sort-column`s: the first has priority; `--sort-descending` reverses all.
    #[test]
    fn sort_by_several_columns_descending() {
        let got = list(
            r#"{"columns": ["ID", "Name", "Size"], "rows": [["c", "b", 2], ["a", "b", null], ["b", "a", 3], ["d", "a", null], ["e", "c", 1]]}"#,
            &[
                "--sort-column",
                "Name",
                "--sort-column",
                "ID",
                "--sort-descending",
            ],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+----+------+------+
| ID | Name | Size |
+----+------+------+
| e  | c    |    1 |
| c  | b    |    2 |
| a  | b    | None |
| d  | a    | None |
| b  | a    |    3 |
+----+------+------+
"#)
        );
    }

    /// Nulls sort after every value ascending (stable among themselves).
    #[test]
    fn sort_puts_nulls_last_ascending() {
        let got = list(
            r#"{"columns": ["ID", "Name", "Size"], "rows": [["c", "b", 2], ["a", "b", null], ["b", "a", 3], ["d", "a", null], ["e", "c", 1]]}"#,
            &["--sort-column", "Size"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+----+------+------+
| ID | Name | Size |
+----+------+------+
| e  | c    |    1 |
| c  | b    |    2 |
| b  | a    |    3 |
| a  | b    | None |
| d  | a    | None |
+----+------+------+
"#)
        );
    }

    /// Nulls sort before every value descending.
    #[test]
    fn sort_puts_nulls_first_descending() {
        let got = list(
            r#"{"columns": ["ID", "Name", "Size"], "rows": [["c", "b", 2], ["a", "b", null], ["b", "a", 3], ["d", "a", null], ["e", "c", 1]]}"#,
            &["--sort-column", "Size", "--sort-descending"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+----+------+------+
| ID | Name | Size |
+----+------+------+
| a  | b    | None |
| d  | a    | None |
| b  | a    | 3    |
| c  | b    | 2    |
| e  | c    | 1    |
+----+------+------+
"#)
        );
    }

    /// Unknown sort columns are ignored.
    #[test]
    fn sort_ignores_unknown_columns() {
        let got = list(
            r#"{"columns": ["ID", "Name", "Size"], "rows": [["c", "b", 2], ["a", "b", null], ["b", "a", 3], ["d", "a", null], ["e", "c", 1]]}"#,
            &[
                "--sort-column",
                "Nope",
                "--sort-column",
                "ID",
                "--sort-ascending",
            ],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+----+------+------+
| ID | Name | Size |
+----+------+------+
| a  | b    | None |
| b  | a    | 3    |
| c  | b    | 2    |
| d  | a    | None |
| e  | c    | 1    |
+----+------+------+
"#)
        );
    }

    /// A column mixing strings and numbers is not sorted (Python raises TypeError), the next still is.
    #[test]
    fn sort_skips_columns_python_cannot_compare() {
        let got = list(
            r#"{"columns": ["ID", "Name", "N", "F", "B", "X", "L"], "rows": [["a,1", "say \"hi\"", 3, 1.5, true, null, ["x", "y"]], ["back\\slash", "two\nlines", -2, 1e+16, false, "", {"k": "v", "n": null}], ["cr\rhere", " lead", 0, 0.0001, true, "plain", []], ["tab\there", "uni \u00e9 \u2713 \u4e2d\u6587", 12345678901234, 1e-05, false, "it's", [1, 2.5, true]]]}"#,
            &["--sort-column", "N", "--sort-column", "ID"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(
                r#"+--------------+--------------+----------------+--------+-------+-------+-----------------------+
| ID           | Name         |              N |      F | B     | X     | L                     |
+--------------+--------------+----------------+--------+-------+-------+-----------------------+
| back\slash   | two          |             -2 |  1e+16 | False |       | {'k': 'v', 'n': None} |
|              | lines        |                |        |       |       |                       |
| cr here      |  lead        |              0 | 0.0001 | True  | plain | []                    |
| a,1          | say "hi"     |              3 |    1.5 | True  | None  | ['x', 'y']            |
| tab     here | uni é ✓ 中文 | 12345678901234 |  1e-05 | False | it's  | [1, 2.5, True]        |
+--------------+--------------+----------------+--------+-------+-------+-----------------------+
"#
            )
        );
    }

    /// Booleans compare as 0/1 with numbers, as in Python.
    #[test]
    fn sort_compares_bools_as_numbers_and_lists_elementwise() {
        let got = list(
            r#"{"columns": ["A", "B", "C", "D"], "rows": [[true, "x", [1, 2], {"a": 1}], [0, null, [1], {"a": 1}], [2.5, "X", [0, 9], null], [1, "\u00e9", [1, 2, 0], {"b": 2}], [-1, "", [], null]]}"#,
            &["--sort-column", "A", "--sort-descending"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+------+------+-----------+----------+
|    A | B    | C         | D        |
+------+------+-----------+----------+
|  2.5 | X    | [0, 9]    | None     |
| True | x    | [1, 2]    | {'a': 1} |
|    1 | é    | [1, 2, 0] | {'b': 2} |
|    0 | None | [1]       | {'a': 1} |
|   -1 |      | []        | None     |
+------+------+-----------+----------+
"#)
        );
    }

    /// Lists compare element by element.
    #[test]
    fn sort_compares_lists_elementwise() {
        let got = list(
            r#"{"columns": ["A", "B", "C", "D"], "rows": [[true, "x", [1, 2], {"a": 1}], [0, null, [1], {"a": 1}], [2.5, "X", [0, 9], null], [1, "\u00e9", [1, 2, 0], {"b": 2}], [-1, "", [], null]]}"#,
            &["--sort-column", "C"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+------+------+-----------+----------+
|    A | B    | C         | D        |
+------+------+-----------+----------+
|   -1 |      | []        | None     |
|  2.5 | X    | [0, 9]    | None     |
|    0 | None | [1]       | {'a': 1} |
| True | x    | [1, 2]    | {'a': 1} |
|    1 | é    | [1, 2, 0] | {'b': 2} |
+------+------+-----------+----------+
"#)
        );
    }

    /// Dicts do not compare, so that sort is skipped.
    #[test]
    fn sort_skips_dicts() {
        let got = list(
            r#"{"columns": ["A", "B", "C", "D"], "rows": [[true, "x", [1, 2], {"a": 1}], [0, null, [1], {"a": 1}], [2.5, "X", [0, 9], null], [1, "\u00e9", [1, 2, 0], {"b": 2}], [-1, "", [], null]]}"#,
            &["--sort-column", "D", "--sort-column", "A"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+------+------+-----------+----------+
|    A | B    | C         | D        |
+------+------+-----------+----------+
|   -1 |      | []        | None     |
|    0 | None | [1]       | {'a': 1} |
| True | x    | [1, 2]    | {'a': 1} |
|    1 | é    | [1, 2, 0] | {'b': 2} |
|  2.5 | X    | [0, 9]    | None     |
+------+------+-----------+----------+
"#)
        );
    }

    /// Sorting uses all columns, even those `-c` leaves out.
    #[test]
    fn sort_happens_before_column_selection() {
        let got = list(
            r#"{"columns": ["ID", "Name", "Size"], "rows": [["c", "b", 2], ["a", "b", null], ["b", "a", 3], ["d", "a", null], ["e", "c", 1]]}"#,
            &["-f", "value", "--sort-column", "Name", "-c", "ID"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"b
d
c
a
e
"#)
        );
    }

    /// An empty list prints only a newline (`prettytable` returns "").
    #[test]
    fn empty_list_table_prints_a_blank_line() {
        let got = list(r#"{"columns": ["ID", "Name"], "rows": []}"#, &[]);
        assert_eq!(
            got.as_deref(),
            Ok(r#"
"#)
        );
    }

    /// `--print-empty` prints the header of an empty list (centred, prettytable's default).
    #[test]
    fn empty_list_table_with_print_empty_prints_the_header() {
        let got = list(
            r#"{"columns": ["ID", "Name"], "rows": []}"#,
            &["--print-empty"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+----+------+
| ID | Name |
+----+------+
+----+------+
"#)
        );
    }

    /// An empty table's headers are centred as `str.center` centres.
    #[test]
    fn empty_list_table_centres_headers() {
        let got = list(
            r#"{"columns": ["Identifier", "N"], "rows": []}"#,
            &["--print-empty"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"+------------+---+
| Identifier | N |
+------------+---+
+------------+---+
"#)
        );
    }

    /// An empty list in json is `[]`.
    #[test]
    fn empty_list_json_is_an_empty_array() {
        let got = list(
            r#"{"columns": ["ID", "Name"], "rows": []}"#,
            &["-f", "json"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"[]
"#)
        );
    }

    /// An empty list in yaml is `[]`.
    #[test]
    fn empty_list_yaml_is_an_empty_flow_sequence() {
        let got = list(
            r#"{"columns": ["ID", "Name"], "rows": []}"#,
            &["-f", "yaml"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"[]
"#)
        );
    }

    /// An empty list in csv is its header row.
    #[test]
    fn empty_list_csv_prints_the_header() {
        let got = list(r#"{"columns": ["ID", "Name"], "rows": []}"#, &["-f", "csv"]);
        assert_eq!(
            got.as_deref(),
            Ok(r#""ID","Name"
"#)
        );
    }

    /// An empty list in the value format prints nothing.
    #[test]
    fn empty_list_value_prints_nothing() {
        let got = list(
            r#"{"columns": ["ID", "Name"], "rows": []}"#,
            &["-f", "value"],
        );
        assert_eq!(got.as_deref(), Ok(r#""#));
    }

    /// A show without fields prints only a newline.
    #[test]
    fn empty_show_table_prints_a_blank_line() {
        let got = show(r#"{"fields": []}"#, &[]);
        assert_eq!(
            got.as_deref(),
            Ok(r#"
"#)
        );
    }

    /// Duplicate column names: json keeps one key with the last value, as a Python dict does.
    #[test]
    fn duplicate_columns_keep_the_last_value_in_json() {
        let got = list(
            r#"{"columns": ["A", "A", "B"], "rows": [[1, 2, 3]]}"#,
            &["-f", "json"],
        );
        assert_eq!(
            got.as_deref(),
            Ok(r#"[
  {
    "A": 2,
    "B": 3
  }
]
"#)
        );
    }
}
