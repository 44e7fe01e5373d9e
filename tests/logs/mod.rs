//! What the client logs, for the tests that check it: one process-wide `tracing` subscriber at
//! TRACE writing into a buffer. A subscriber set for one test (`set_default`) can miss the events
//! of callsites that other tests' threads registered first, so a test looking for a line failed
//! now and then, and one checking that no secret is logged could pass without seeing the lines.
//! Every test of the binary logs into the same buffer: look for your own lines.
#![allow(dead_code)]

use std::sync::{Arc, Mutex, OnceLock};

/// The log lines written so far.
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    /// Everything logged so far, as text.
    pub fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

/// The log of this test binary, installed as the process-wide subscriber on first use.
pub fn global_logs() -> Captured {
    static LOGS: OnceLock<Captured> = OnceLock::new();
    LOGS.get_or_init(|| {
        let captured = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(captured.clone())
            .with_ansi(false)
            .finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
        captured
    })
    .clone()
}
