//! `--timing` and `--debug`. `--timing` turns on the SDK's per-request timings
//! ([`keystone_v2::ClientBuilder::collect_timing`]) and prints them after the output as
//! openstackclient does (a `URL` / `Seconds` table, then `Total`); `--debug` prints the SDK's
//! events (targets `keystone_v2` and `keystone_v2::request`, `::response`, `::body`,
//! `::request_id`) on stderr. The SDK redacts tokens, passwords and secrets before they reach
//! an event or a timing.

use keystone_v2::RequestTiming;
use serde_json::Value;

use crate::format::Listing;

/// openstackclient's timing table of `requests`: `URL` (method and URL) and `Seconds` (to the
/// answer's headers, rounded to the millisecond), then a `Total` row.
///
/// ```
/// let table = keystone_v2_cli::timing::listing(&[]);
/// assert_eq!(table.rows.len(), 1); // the Total row
/// ```
pub fn listing(requests: &[RequestTiming]) -> Listing {
    let total = requests
        .iter()
        .fold(0.0_f64, |sum, r| sum + r.elapsed.as_secs_f64());
    let mut rows: Vec<Vec<Value>> = requests
        .iter()
        .map(|r| {
            vec![
                Value::String(format!("{} {}", r.method, r.url)),
                seconds(r.elapsed.as_secs_f64()),
            ]
        })
        .collect();
    rows.push(vec![Value::String("Total".into()), seconds(total)]);
    Listing {
        columns: vec!["URL".into(), "Seconds".into()],
        rows,
        ..Default::default()
    }
}

fn seconds(s: f64) -> Value {
    serde_json::Number::from_f64((s * 1000.0).round() / 1000.0)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

/// Installs the stderr subscriber `--debug` needs (nothing when it is off).
pub fn install(debug: bool) {
    use tracing_subscriber::filter::{LevelFilter, Targets};
    use tracing_subscriber::layer::SubscriberExt as _;
    use tracing_subscriber::Layer as _;
    if !debug {
        return;
    }
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_target(true)
        .with_filter(Targets::new().with_target("keystone_v2", LevelFilter::DEBUG));
    let _ = tracing::subscriber::set_global_default(tracing_subscriber::registry().with(layer));
}
