//! keystonemiddleware's memcache protection (`_memcache_crypt.py`), byte for byte, so that
//! this crate and keystonemiddleware services can share one memcached:
//!
//! - keys: `HMAC-SHA384(secret, token ‖ strategy)`, split in three 16-byte parts: the cache
//!   key, the MAC key and the AES-128 key;
//! - the memcached key: `tokens/b'` + base64(cache key) + `'` (keystonemiddleware formats the
//!   base64 bytes into its `tokens/%s` template, which Python 3 writes with the `b'…'`);
//! - the value: base64(HMAC-SHA384(MAC key, payload)) ‖ payload, where payload is
//!   base64(data) for `MAC` and base64(IV ‖ AES-128-CBC(data, PKCS#7)) for `ENCRYPT`.

use aes::cipher::{block_padding::Pkcs7, BlockDecryptMut, BlockEncryptMut, KeyIvInit};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha384;
use subtle::ConstantTimeEq;

use crate::MemcacheSecurityStrategy;

type HmacSha384 = Hmac<Sha384>;
type Encryptor = cbc::Encryptor<aes::Aes128>;
type Decryptor = cbc::Decryptor<aes::Aes128>;

/// The length of a base64 HMAC-SHA384 (48 bytes).
const MAC_B64_LEN: usize = 64;

/// The keys derived for one token.
pub(crate) struct Keys {
    cache_key: [u8; 16],
    mac: [u8; 16],
    encryption: [u8; 16],
    encrypt: bool,
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 48] {
    let mut mac = HmacSha384::new_from_slice(key).expect("HMAC takes any key length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// `derive_keys(token, secret, strategy)`; `None` for the `None` strategy.
pub(crate) fn derive_keys(
    token: &str,
    secret: &[u8],
    strategy: MemcacheSecurityStrategy,
) -> Option<Keys> {
    let label = strategy.label()?;
    let digest = hmac(secret, &[token.as_bytes(), label]);
    let part = |i: usize| -> [u8; 16] { digest[i * 16..(i + 1) * 16].try_into().expect("16") };
    Some(Keys {
        cache_key: part(0),
        mac: part(1),
        encryption: part(2),
        encrypt: strategy == MemcacheSecurityStrategy::Encrypt,
    })
}

impl Keys {
    /// The memcached key keystonemiddleware uses on Python 3: its `'tokens/%s'` template
    /// formats the base64 *bytes*, so the key is `tokens/b'<base64 of the cache key>'`.
    pub(crate) fn memcached_key(&self) -> String {
        format!("tokens/b'{}'", B64.encode(self.cache_key))
    }

    fn sign(&self, data: &[u8]) -> String {
        B64.encode(hmac(&self.mac, &[data]))
    }

    /// `protect_data`: signs (and encrypts, with `ENCRYPT`) `data`.
    pub(crate) fn protect(&self, data: &[u8]) -> Vec<u8> {
        let payload = if self.encrypt {
            let mut iv = [0u8; 16];
            // With no randomness there is no safe IV: store nothing (a later miss).
            if getrandom::getrandom(&mut iv).is_err() {
                return Vec::new();
            }
            let mut out = iv.to_vec();
            out.extend(
                Encryptor::new(&self.encryption.into(), &iv.into())
                    .encrypt_padded_vec_mut::<Pkcs7>(data),
            );
            B64.encode(out)
        } else {
            B64.encode(data)
        };
        let mut value = self.sign(payload.as_bytes()).into_bytes();
        value.extend_from_slice(payload.as_bytes());
        value
    }

    /// `unprotect_data`: the data, or `None` for a bad MAC, bad base64, or a ciphertext that
    /// does not decrypt (all of which are cache misses).
    pub(crate) fn unprotect(&self, value: &[u8]) -> Option<Vec<u8>> {
        if value.len() < MAC_B64_LEN {
            return None;
        }
        let (provided, payload) = value.split_at(MAC_B64_LEN);
        let expected = self.sign(payload);
        if !bool::from(provided.ct_eq(expected.as_bytes())) {
            return None;
        }
        let data = B64.decode(payload).ok()?;
        if !self.encrypt {
            return Some(data);
        }
        if data.len() < 32 {
            return None;
        }
        let (iv, ciphertext) = data.split_at(16);
        let iv: [u8; 16] = iv.try_into().ok()?;
        Decryptor::new(&self.encryption.into(), &iv.into())
            .decrypt_padded_vec_mut::<Pkcs7>(ciphertext)
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Produced by keystonemiddleware 7.0.1 on CPython 3.11 (with `cryptography`):
    /// `SecureTokenCache(log, strategy, "s3cret")._get_cache_key("tok-123")`, then
    /// `protect_data(context, b'{"access": {}}')`.
    const MAC_KEY: &str = include_str!("../tests/data/memcache_crypt/mac_key.txt");
    const MAC_VALUE: &str = include_str!("../tests/data/memcache_crypt/mac_value.txt");
    const ENC_KEY: &str = include_str!("../tests/data/memcache_crypt/encrypt_key.txt");
    const ENC_VALUE: &str = include_str!("../tests/data/memcache_crypt/encrypt_value.txt");
    const DATA: &[u8] = br#"{"access": {}}"#;

    fn keys(strategy: MemcacheSecurityStrategy) -> Keys {
        derive_keys("tok-123", b"s3cret", strategy).unwrap()
    }

    #[test]
    fn keys_and_entries_match_keystonemiddleware() {
        let mac = keys(MemcacheSecurityStrategy::Mac);
        assert_eq!(mac.memcached_key(), MAC_KEY.trim());
        assert_eq!(mac.protect(DATA), MAC_VALUE.trim().as_bytes());
        assert_eq!(mac.unprotect(MAC_VALUE.trim().as_bytes()).unwrap(), DATA);
        let enc = keys(MemcacheSecurityStrategy::Encrypt);
        assert_eq!(enc.memcached_key(), ENC_KEY.trim());
        assert_eq!(enc.unprotect(ENC_VALUE.trim().as_bytes()).unwrap(), DATA);
    }

    #[test]
    fn an_encrypted_entry_round_trips_with_a_fresh_iv() {
        let enc = keys(MemcacheSecurityStrategy::Encrypt);
        let (a, b) = (enc.protect(DATA), enc.protect(DATA));
        assert_ne!(a, b);
        assert_eq!(enc.unprotect(&a).unwrap(), DATA);
        assert!(!String::from_utf8_lossy(&a).contains("access"));
    }

    #[test]
    fn tampered_or_foreign_entries_are_refused() {
        for strategy in [
            MemcacheSecurityStrategy::Mac,
            MemcacheSecurityStrategy::Encrypt,
        ] {
            let k = keys(strategy);
            let good = k.protect(DATA);
            for i in [0, 10, MAC_B64_LEN, good.len() - 1] {
                let mut bad = good.clone();
                bad[i] ^= 0x01;
                assert_eq!(k.unprotect(&bad), None, "{strategy:?} byte {i}");
            }
            assert_eq!(k.unprotect(&good[..good.len() - 4]), None);
            assert_eq!(k.unprotect(b"short"), None);
            assert_eq!(k.unprotect(DATA), None);
            let other = derive_keys("tok-123", b"another secret", strategy).unwrap();
            assert_eq!(other.unprotect(&good), None);
        }
        // The same token under the other strategy has other keys.
        let mac = keys(MemcacheSecurityStrategy::Mac);
        let enc = keys(MemcacheSecurityStrategy::Encrypt);
        assert_ne!(mac.memcached_key(), enc.memcached_key());
        assert_eq!(enc.unprotect(&mac.protect(DATA)), None);
    }

    #[test]
    fn a_validly_signed_entry_that_does_not_decrypt_is_refused() {
        let enc = keys(MemcacheSecurityStrategy::Encrypt);
        // Sign a payload whose ciphertext is garbage: the MAC holds, the padding does not.
        let payload = B64.encode([7u8; 48]);
        let mut value = enc.sign(payload.as_bytes()).into_bytes();
        value.extend_from_slice(payload.as_bytes());
        assert_eq!(enc.unprotect(&value), None);
    }
}
