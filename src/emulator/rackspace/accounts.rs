//! What a Rackspace user has beyond a Keystone user: an API key, HP-style access keys, a
//! default region, multi-factor authentication (a passcode) and the open multi-factor
//! sessions. Kept per user id and forgotten with the user; the sessions are bounded in number
//! and in time.

use std::collections::HashMap;

use base64::Engine as _;
use chrono::{DateTime, Utc};

use crate::emulator::signature::constant_time_eq;
use crate::emulator::state::{new_id, random_uuid};

/// How long a multi-factor session (the first step's answer) may be completed: the vendor's
/// SMS passcodes "will expire in 10 minutes".
pub(crate) const MFA_SESSION_LIFETIME: chrono::Duration = chrono::Duration::minutes(10);
/// At most this many multi-factor sessions are open at once; opening one more drops the
/// expired ones, then the one that expires first.
pub(crate) const MAX_MFA_SESSIONS: usize = 1000;
/// A session is closed after this many wrong passcodes.
pub(crate) const MAX_PASSCODE_ATTEMPTS: u8 = 3;
/// The default region of a user for whom none was set.
pub(crate) const DEFAULT_REGION: &str = "DFW";

/// The first step of a multi-factor login, waiting for its passcode.
#[derive(Debug, Clone)]
pub(crate) struct MfaSession {
    pub(crate) user_id: String,
    /// The tenant the first step asked for (or was given by default).
    pub(crate) project_id: Option<String>,
    expires: DateTime<Utc>,
    attempts: u8,
}

/// An HP-style access key pair.
#[derive(Clone)]
struct AccessKey {
    secret: String,
    user_id: String,
}

/// The Rackspace side of the emulator's users.
#[derive(Default)]
pub(crate) struct Accounts {
    /// User id → API key.
    api_keys: HashMap<String, String>,
    /// Access key → its secret and user.
    access_keys: HashMap<String, AccessKey>,
    /// User id → passcode, for the users with multi-factor authentication.
    passcodes: HashMap<String, String>,
    /// User id → default region, for the users whose region was set.
    regions: HashMap<String, String>,
    /// Session id → open session.
    sessions: HashMap<String, MfaSession>,
}

impl std::fmt::Debug for Accounts {
    // Keys, secrets, passcodes and session ids are secrets: only their numbers are shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Accounts")
            .field("api_keys", &self.api_keys.len())
            .field("access_keys", &self.access_keys.len())
            .field("mfa_users", &self.passcodes.len())
            .field("regions", &self.regions)
            .field("sessions", &self.sessions.len())
            .finish()
    }
}

impl Accounts {
    /// The API key of `user_id`, generated (32 hex digits) the first time it is asked for.
    pub(crate) fn api_key(&mut self, user_id: &str) -> String {
        self.api_keys
            .entry(user_id.to_owned())
            .or_insert_with(new_id)
            .clone()
    }

    pub(crate) fn set_api_key(&mut self, user_id: &str, key: &str) {
        self.api_keys.insert(user_id.to_owned(), key.to_owned());
    }

    /// Whether `key` is the API key of `user_id` (a user without one has none that matches).
    pub(crate) fn api_key_matches(&self, user_id: &str, key: &str) -> bool {
        self.api_keys
            .get(user_id)
            .is_some_and(|k| constant_time_eq(k, key))
    }

    /// Gives `user_id` this access key pair, in place of any it had.
    pub(crate) fn set_access_key(&mut self, user_id: &str, access: &str, secret: &str) {
        self.access_keys.retain(|_, k| k.user_id != user_id);
        self.access_keys.insert(
            access.to_owned(),
            AccessKey {
                secret: secret.to_owned(),
                user_id: user_id.to_owned(),
            },
        );
    }

    /// The user whose access key is `access`, if `secret` is its secret.
    pub(crate) fn access_key_user(&self, access: &str, secret: &str) -> Option<&str> {
        self.access_keys
            .get(access)
            .filter(|k| constant_time_eq(&k.secret, secret))
            .map(|k| k.user_id.as_str())
    }

    pub(crate) fn set_default_region(&mut self, user_id: &str, region: &str) {
        self.regions.insert(user_id.to_owned(), region.to_owned());
    }

    pub(crate) fn default_region(&self, user_id: &str) -> &str {
        self.regions
            .get(user_id)
            .map_or(DEFAULT_REGION, String::as_str)
    }

    /// Turns multi-factor authentication on for `user_id`, with this passcode.
    pub(crate) fn enable_mfa(&mut self, user_id: &str, passcode: &str) {
        self.passcodes
            .insert(user_id.to_owned(), passcode.to_owned());
    }

    /// Turns it off, closing the user's open sessions.
    pub(crate) fn disable_mfa(&mut self, user_id: &str) {
        self.passcodes.remove(user_id);
        self.sessions.retain(|_, s| s.user_id != user_id);
    }

    pub(crate) fn mfa_enabled(&self, user_id: &str) -> bool {
        self.passcodes.contains_key(user_id)
    }

    /// Opens a session for the first step of a multi-factor login; returns its id.
    pub(crate) fn open_session(
        &mut self,
        user_id: &str,
        project_id: Option<String>,
        now: DateTime<Utc>,
    ) -> String {
        self.sessions.retain(|_, s| s.expires > now);
        if self.sessions.len() >= MAX_MFA_SESSIONS {
            let first = self
                .sessions
                .iter()
                .min_by_key(|(_, s)| s.expires)
                .map(|(id, _)| id.clone());
            if let Some(id) = first {
                self.sessions.remove(&id);
            }
        }
        let id = session_id();
        let expires = now
            .checked_add_signed(MFA_SESSION_LIFETIME)
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        self.sessions.insert(
            id.clone(),
            MfaSession {
                user_id: user_id.to_owned(),
                project_id,
                expires,
                attempts: 0,
            },
        );
        id
    }

    /// The second step: the session, closed, when `passcode` is its user's; `None` for an
    /// unknown, expired or used session or a wrong passcode (the session closes after
    /// [`MAX_PASSCODE_ATTEMPTS`] wrong ones).
    pub(crate) fn complete_session(
        &mut self,
        session_id: &str,
        passcode: &str,
        now: DateTime<Utc>,
    ) -> Option<MfaSession> {
        let session = self.sessions.get_mut(session_id)?;
        if session.expires <= now {
            self.sessions.remove(session_id);
            return None;
        }
        let expected = self.passcodes.get(&session.user_id);
        if expected.is_some_and(|p| constant_time_eq(p, passcode)) {
            return self.sessions.remove(session_id);
        }
        session.attempts += 1;
        if session.attempts >= MAX_PASSCODE_ATTEMPTS || expected.is_none() {
            self.sessions.remove(session_id);
        }
        None
    }

    /// How many sessions are open (expired ones not yet dropped included).
    pub(crate) fn open_sessions(&self) -> usize {
        self.sessions.len()
    }

    /// Forgets everything about a deleted user.
    pub(crate) fn forget_user(&mut self, user_id: &str) {
        self.api_keys.remove(user_id);
        self.access_keys.retain(|_, k| k.user_id != user_id);
        self.regions.remove(user_id);
        self.disable_mfa(user_id);
    }
}

/// A session id: 64 URL-safe base64 characters from 48 random bytes (the vendor's are long
/// opaque strings of the same alphabet).
fn session_id() -> String {
    let mut bytes = [0u8; 48];
    for chunk in bytes.chunks_mut(16) {
        chunk.copy_from_slice(random_uuid().as_bytes());
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        Utc::now()
    }

    #[test]
    fn a_session_completes_once_with_the_right_passcode() {
        let mut a = Accounts::default();
        a.enable_mfa("u1", "123456");
        let id = a.open_session("u1", Some("t1".into()), now());
        assert_eq!(id.len(), 64);
        assert!(a.complete_session(&id, "654321", now()).is_none());
        let done = a.complete_session(&id, "123456", now()).unwrap();
        assert_eq!(
            (done.user_id.as_str(), done.project_id.as_deref()),
            ("u1", Some("t1"))
        );
        assert!(a.complete_session(&id, "123456", now()).is_none(), "reused");
        assert_eq!(a.open_sessions(), 0);
    }

    #[test]
    fn a_session_expires_and_closes_after_three_wrong_passcodes() {
        let mut a = Accounts::default();
        a.enable_mfa("u1", "123456");
        let id = a.open_session("u1", None, now());
        let later = now() + MFA_SESSION_LIFETIME + chrono::Duration::seconds(1);
        assert!(a.complete_session(&id, "123456", later).is_none());
        let id = a.open_session("u1", None, now());
        for _ in 0..MAX_PASSCODE_ATTEMPTS {
            assert!(a.complete_session(&id, "000000", now()).is_none());
        }
        assert!(a.complete_session(&id, "123456", now()).is_none());
    }

    #[test]
    fn sessions_are_bounded_in_number() {
        let mut a = Accounts::default();
        a.enable_mfa("u1", "1");
        let t = now();
        for i in 0..(MAX_MFA_SESSIONS + 50) {
            a.open_session("u1", None, t + chrono::Duration::milliseconds(i as i64));
        }
        assert_eq!(a.open_sessions(), MAX_MFA_SESSIONS);
    }

    #[test]
    fn debug_output_shows_no_secret() {
        let mut a = Accounts::default();
        a.set_api_key("u1", "api-key-7f3a");
        a.set_access_key("u1", "AK", "secret-9c2e");
        a.enable_mfa("u1", "314159");
        let session = a.open_session("u1", None, now());
        let shown = format!("{a:?}");
        for secret in ["api-key-7f3a", "secret-9c2e", "314159", session.as_str()] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }

    #[test]
    fn keys_match_their_user_and_are_forgotten_with_it() {
        let mut a = Accounts::default();
        let generated = a.api_key("u1");
        assert_eq!(generated.len(), 32);
        assert!(a.api_key_matches("u1", &generated));
        a.set_api_key("u1", "k");
        assert!(a.api_key_matches("u1", "k") && !a.api_key_matches("u2", "k"));
        a.set_access_key("u1", "AK", "SK");
        assert_eq!(a.access_key_user("AK", "SK"), Some("u1"));
        assert_eq!(a.access_key_user("AK", "bad"), None);
        a.set_default_region("u1", "IAD");
        assert_eq!(a.default_region("u1"), "IAD");
        a.forget_user("u1");
        assert!(!a.api_key_matches("u1", "k"));
        assert_eq!(a.access_key_user("AK", "SK"), None);
        assert_eq!(a.default_region("u1"), DEFAULT_REGION);
    }
}
