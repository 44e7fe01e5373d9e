//! What the listeners, the compute service and the control share: the state, the fault
//! monitor and the clock, each behind its own lock.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::dialect::Dialect;
use super::faults::Monitor;
use super::state::State;

/// Locks a mutex, recovering the data if a panicking thread poisoned it.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The emulator's clock: the real time plus an offset tests can advance.
#[derive(Debug, Default)]
pub(crate) struct Clock {
    offset: Mutex<chrono::Duration>,
}

impl Clock {
    pub(crate) fn now(&self) -> DateTime<Utc> {
        let offset = *lock(&self.offset);
        Utc::now()
            .checked_add_signed(offset)
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    pub(crate) fn advance(&self, by: Duration) {
        let by = chrono::Duration::from_std(by).unwrap_or(chrono::Duration::MAX);
        let mut offset = lock(&self.offset);
        *offset = offset.checked_add(&by).unwrap_or(chrono::Duration::MAX);
    }
}

/// What the listeners, the compute service and the control share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) state: Mutex<State>,
    pub(crate) monitor: Mutex<Monitor>,
    pub(crate) clock: Clock,
    pub(crate) admin_token: String,
    /// Whether the compute service (`/compute/...`) is served.
    pub(crate) compute: bool,
    /// The dialect spoken; in Rackspace mode the vendor's services (`/rax/...`) are served.
    pub(crate) dialect: Dialect,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_moves_forward() {
        let clock = Clock::default();
        let before = clock.now();
        clock.advance(Duration::from_secs(3600));
        assert!(clock.now() - before >= chrono::Duration::seconds(3600));
        clock.advance(Duration::MAX);
        assert!(clock.now() > before);
    }
}
