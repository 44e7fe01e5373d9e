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
use std::collections::BTreeMap;
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
    /// For a column, the text the table and value formats print in place of a string value
    /// (cliff's `FormattableColumn.human_readable`: a project's name for its id); csv, json
    /// and yaml print the value itself.
    /// The inner map's keys are the values' [`human_key`].
    pub human: BTreeMap<String, BTreeMap<String, String>>,
}

/// The key of a value in [`Listing::human`]: a string itself, any other value its JSON text.
///
/// ```
/// use keystone_v2_cli::format::human_key;
/// assert_eq!(human_key(&serde_json::json!("ab")), "ab");
/// assert_eq!(human_key(&serde_json::json!([1])), "[1]");
/// ```
pub fn human_key(v: &Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
}

/// A show command's result: (field name, value) pairs in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// The fields in the order they are printed.
    pub fields: Vec<(String, Value)>,
    /// For a field, the text the table and value formats print in place of its value
    /// (cliff's `FormattableColumn.human_readable`: `color='blue'` for properties); shell,
    /// json and yaml print the value itself.
    pub human: BTreeMap<String, String>,
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
/// let listing = Listing { columns: vec!["ID".into(), "Name".into()], ..Default::default() };
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
/// let record = Record { fields: vec![("id".into(), "8a1f".into())], ..Default::default() };
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
    ///     ..Default::default()
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
        let human_rows: Vec<Vec<Value>>;
        let rows = if matches!(o.format, ListFormat::Table | ListFormat::Value)
            && !self.human.is_empty()
        {
            human_rows = rows
                .iter()
                .map(|r| {
                    r.iter()
                        .zip(&columns)
                        .map(|(v, c)| {
                            self.human
                                .get(*c)
                                .and_then(|h| h.get(&human_key(v)))
                                .map(|t| Value::from(t.as_str()))
                                .unwrap_or_else(|| (*v).clone())
                        })
                        .collect()
                })
                .collect();
            human_rows.iter().map(|r| r.iter().collect()).collect()
        } else {
            rows
        };
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
    /// let record = Record { fields: vec![("name".into(), json!("demo"))], ..Default::default() };
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
        let human: Vec<(&str, Value)>;
        let fields = if matches!(o.format, ShowFormat::Table | ShowFormat::Value)
            && !self.human.is_empty()
        {
            human = fields
                .iter()
                .map(|&(k, v)| {
                    let v = self
                        .human
                        .get(k)
                        .map_or_else(|| v.clone(), |h| Value::from(h.as_str()));
                    (k, v)
                })
                .collect();
            human.iter().map(|(k, v)| (*k, v)).collect()
        } else {
            fields
        };
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

mod csv;
mod json;
mod py;
mod table;
#[cfg(test)]
mod tests;
mod textwrap;
mod yaml;
mod yaml_resolve;

use self::csv::*;
use self::json::*;
pub(crate) use self::py::py_str as python_str;
use self::py::*;
use self::table::*;
use self::textwrap::*;
use self::yaml::*;
use self::yaml_resolve::*;
