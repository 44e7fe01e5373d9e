//! The formatters against what cliff prints.

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
        ..Default::default()
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
        ..Default::default()
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
        ..Default::default()
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

// ---------------------------------------------------------------------------------------------
// The key order of nested objects

/// A JSON document that keeps its objects' key order (serde_json's `Map` sorts them).
enum Doc {
    Object(Vec<(String, Doc)>),
    Array(Vec<Doc>),
    Scalar,
}

impl<'de> serde::Deserialize<'de> for Doc {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Doc;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_bool<E>(self, _: bool) -> Result<Doc, E> {
                Ok(Doc::Scalar)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Doc, E> {
                Ok(Doc::Scalar)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Doc, E> {
                Ok(Doc::Scalar)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Doc, E> {
                Ok(Doc::Scalar)
            }
            fn visit_str<E>(self, _: &str) -> Result<Doc, E> {
                Ok(Doc::Scalar)
            }
            fn visit_unit<E>(self) -> Result<Doc, E> {
                Ok(Doc::Scalar)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut a: A) -> Result<Doc, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = a.next_element()? {
                    items.push(item);
                }
                Ok(Doc::Array(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut a: A) -> Result<Doc, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = a.next_entry()? {
                    entries.push(entry);
                }
                Ok(Doc::Object(entries))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// Every object in `doc` and below, as its keys in the document's order.
fn key_lists(doc: &Doc, out: &mut Vec<Vec<String>>) {
    match doc {
        Doc::Object(entries) => {
            out.push(entries.iter().map(|(k, _)| k.clone()).collect());
            entries.iter().for_each(|(_, v)| key_lists(v, out));
        }
        Doc::Array(items) => items.iter().for_each(|v| key_lists(v, out)),
        Doc::Scalar => {}
    }
}

/// The JSON bodies of the real Keystone 12's answers captured in the workspace.
fn keystone_answers() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/captures");
    let mut bodies = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("the captures") {
        let path = entry.expect("a capture").path();
        let text = std::fs::read_to_string(&path).expect("a capture is text");
        let response = text.split("### RESPONSE").nth(1).unwrap_or_default();
        let body = response.split_once("\n\n").map_or("", |(_, b)| b).trim();
        if body.starts_with('{') {
            bodies.push((path.display().to_string(), body.to_owned()));
        }
    }
    assert!(bodies.len() > 20, "few captures in {}", dir.display());
    bodies
}

/// Each key order the formatter gives nested objects is Keystone's: every object of Keystone's
/// captured answers whose keys all belong to one of the orders has its keys in that order, and
/// each order is seen in an answer with at least two of its keys.
#[test]
fn nested_objects_keep_the_key_order_of_keystones_answers() {
    let mut seen = vec![false; KEYSTONE_KEY_ORDERS.len()];
    for (path, body) in keystone_answers() {
        let doc: Doc = serde_json::from_str(&body).expect("Keystone's JSON");
        let mut lists = Vec::new();
        key_lists(&doc, &mut lists);
        for keys in lists.iter().filter(|k| k.len() > 1) {
            let m: serde_json::Map<String, Value> =
                keys.iter().map(|k| (k.clone(), Value::Null)).collect();
            let printed: Vec<&str> = dict_items(&m).into_iter().map(|(k, _)| k).collect();
            if let Some(i) = KEYSTONE_KEY_ORDERS
                .iter()
                .position(|o| keys.iter().all(|k| o.contains(&k.as_str())))
            {
                seen[i] = true;
                assert_eq!(printed, *keys, "{path}: the keys as Keystone wrote them");
            }
        }
    }
    for (order, seen) in KEYSTONE_KEY_ORDERS.iter().zip(seen) {
        assert!(
            seen,
            "no captured answer of Keystone has the key order {order:?}"
        );
    }
}

/// Every non-empty object the CLI prints inside a resource (its golden JSON outputs) is of a
/// kind whose Keystone key order the formatter knows: a command that prints a new kind fails
/// here until its order is in `KEYSTONE_KEY_ORDERS`. The one exception is a project's
/// `properties`: their keys are the user's, in the order Keystone stored them, which
/// serde_json's `Map` does not keep (they print sorted; docs/cli.md says so).
#[test]
fn every_nested_object_the_commands_print_has_a_known_key_order() {
    fn nested(v: &Value, depth: usize, out: &mut Vec<Vec<String>>) {
        match v {
            Value::Object(m) => {
                if depth > 1 && !m.is_empty() {
                    out.push(m.keys().cloned().collect());
                }
                for (k, v) in m {
                    if k != "properties" {
                        nested(v, depth + 1, out);
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|v| nested(v, depth + 1, out)),
            _ => {}
        }
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("the golden files") {
        let path = entry.expect("a golden file").path();
        let text = std::fs::read_to_string(&path).expect("a golden file is text");
        for block in text.split("\n$ ").filter(|b| b.contains(" -f json")) {
            let Some((_, rest)) = block.split_once('\n') else {
                continue;
            };
            let out = rest.split("\n[exit ").next().unwrap_or_default();
            let Ok(v) = serde_json::from_str::<Value>(out) else {
                continue;
            };
            // A list is an array of rows: its rows' values sit one level deeper.
            let top = if v.is_array() { 0 } else { 1 };
            let mut objects = Vec::new();
            nested(&v, top, &mut objects);
            for keys in objects {
                checked += 1;
                assert!(
                    KEYSTONE_KEY_ORDERS
                        .iter()
                        .any(|o| keys.iter().all(|k| o.contains(&k.as_str()))),
                    "{}: an object with keys {keys:?} has no known key order",
                    path.display()
                );
            }
        }
    }
    assert!(checked > 0, "no nested object in {}", dir.display());
}

/// A catalog endpoint and a link print their keys in Keystone's order in json and as Python's
/// repr, also when some keys are absent; an object of another kind keeps sorted keys.
#[test]
fn nested_objects_print_in_keystones_key_order() {
    let data = r#"{"columns": ["Endpoints", "Links", "Other"], "rows": [[
        [{"region": "R", "adminURL": "a", "publicURL": "p", "id": "1"}],
        [{"href": "h", "type": "t", "rel": "r"}],
        {"b": 1, "a": 2}]]}"#;
    assert_eq!(
        list(data, &["-f", "json", "--noindent"]).unwrap(),
        r#"[{"Endpoints": [{"id": "1", "publicURL": "p", "adminURL": "a", "region": "R"}], "Links": [{"rel": "r", "type": "t", "href": "h"}], "Other": {"a": 2, "b": 1}}]
"#
    );
    assert_eq!(
        list(data, &["-f", "value"]).unwrap(),
        "[{'id': '1', 'publicURL': 'p', 'adminURL': 'a', 'region': 'R'}] [{'rel': 'r', 'type': 't', 'href': 'h'}] {'a': 2, 'b': 1}\n"
    );
}
