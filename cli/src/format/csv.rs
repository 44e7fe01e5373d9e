//! Python's `csv` module as cliff's csv formatter writes with it.

use super::*;

// csv (Python 3.11's csv.writer with cliff's dialect: escapechar '\', lineterminator '\n')

pub(crate) fn csv_row(
    out: &mut String,
    row: &[&Value],
    mode: QuoteMode,
) -> Result<(), FormatError> {
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
