//! `--timing` and `--debug`: a `tracing` subscriber over the SDK's events (target
//! `keystone_v2`). `--timing` collects the `response` / `error response` events (method, URL,
//! elapsed time) into a table like openstackclient's; `--debug` prints every event on stderr
//! (the SDK redacts tokens, passwords and secrets before they reach an event).

use std::sync::{Arc, Mutex};

use serde_json::Value;
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, SubscriberExt as _};
use tracing_subscriber::Layer;

use crate::format::Listing;

/// One HTTP request of the SDK: method, URL (redacted by the SDK) and seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The HTTP method.
    pub method: String,
    /// The URL, as the SDK logs it (token ids redacted).
    pub url: String,
    /// The time from sending the request to its answer's headers, in seconds.
    pub seconds: f64,
}

/// The requests collected by the `--timing` layer.
#[derive(Debug, Clone, Default)]
pub struct Timings(Arc<Mutex<Vec<Request>>>);

impl Timings {
    /// The requests so far, in order.
    ///
    /// ```
    /// let t = keystone_v2_cli::timing::Timings::default();
    /// assert!(t.requests().is_empty());
    /// ```
    pub fn requests(&self) -> Vec<Request> {
        self.0.lock().map(|v| v.clone()).unwrap_or_default()
    }

    /// openstackclient's timing table: `URL` (method and URL) and `Seconds`, then `Total`.
    ///
    /// ```
    /// let t = keystone_v2_cli::timing::Timings::default();
    /// assert_eq!(t.listing().rows.len(), 1); // the Total row
    /// ```
    pub fn listing(&self) -> Listing {
        let requests = self.requests();
        let total: f64 = requests.iter().map(|r| r.seconds).sum();
        let mut rows: Vec<Vec<Value>> = requests
            .iter()
            .map(|r| {
                vec![
                    Value::String(format!("{} {}", r.method, r.url)),
                    seconds(r.seconds),
                ]
            })
            .collect();
        rows.push(vec![Value::String("Total".into()), seconds(total)]);
        Listing {
            columns: vec!["URL".into(), "Seconds".into()],
            rows,
        }
    }
}

fn seconds(s: f64) -> Value {
    serde_json::Number::from_f64((s * 1000.0).round() / 1000.0)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

#[derive(Default)]
struct Fields {
    message: String,
    method: String,
    url: String,
    elapsed_ms: Option<u64>,
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        match field.name() {
            "method" => self.method = value.to_owned(),
            "url" => self.url = value.to_owned(),
            "message" => self.message = value.to_owned(),
            _ => {}
        }
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        if field.name() == "elapsed_ms" {
            self.elapsed_ms = Some(value);
        }
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        if field.name() == "elapsed_ms" {
            self.elapsed_ms = u64::try_from(value).ok();
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let text = format!("{value:?}");
        match field.name() {
            "method" => self.method = text,
            "url" => self.url = text,
            "message" => self.message = text,
            _ => {}
        }
    }
}

struct TimingLayer(Timings);

impl<S: tracing::Subscriber> Layer<S> for TimingLayer {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() != "keystone_v2" {
            return;
        }
        let mut f = Fields::default();
        event.record(&mut f);
        let (Some(ms), "response" | "error response") = (f.elapsed_ms, f.message.as_str()) else {
            return;
        };
        if let Ok(mut v) = (self.0).0.lock() {
            v.push(Request {
                method: f.method,
                url: f.url,
                seconds: ms as f64 / 1000.0,
            });
        }
    }
}

/// Installs the subscriber `--debug` and `--timing` need (none when neither is asked for) and
/// returns the timings collector when `timing` is on.
pub fn install(debug: bool, timing: bool) -> Option<Timings> {
    use tracing_subscriber::filter::{LevelFilter, Targets};
    if !debug && !timing {
        return None;
    }
    let sdk = || Targets::new().with_target("keystone_v2", LevelFilter::DEBUG);
    let timings = timing.then(Timings::default);
    let timing_layer = timings.clone().map(|t| TimingLayer(t).with_filter(sdk()));
    let debug_layer = debug.then(|| {
        tracing_subscriber::fmt::layer()
            .with_writer(std::io::stderr)
            .with_ansi(false)
            .with_target(false)
            .with_filter(sdk())
    });
    let subscriber = tracing_subscriber::registry()
        .with(timing_layer)
        .with(debug_layer);
    let _ = tracing::subscriber::set_global_default(subscriber);
    timings
}
