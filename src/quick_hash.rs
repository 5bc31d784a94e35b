//! A quick hash for the build's own lookup tables (FxHash's multiply-and-rotate).
//! The standard SipHash resists keys crafted to collide, which buys nothing against the
//! site's own content and costs several times as much on the short keys looked up on
//! every page: event ids, dates, search terms.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` hashed with [`QuickHasher`].
pub type QuickMap<K, V> = HashMap<K, V, BuildHasherDefault<QuickHasher>>;

#[derive(Default)]
pub struct QuickHasher(u64);

impl QuickHasher {
    fn add(&mut self, word: u64) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for QuickHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for chunk in &mut words {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &b in words.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_put_in_and_tells_similar_keys_apart() {
        let mut map: QuickMap<String, usize> = QuickMap::default();
        let keys = [
            "2025-04-21-paris",
            "2025-04-21-pari",
            "2025-04-21-parise",
            "a",
            "",
        ];
        for (i, key) in keys.iter().enumerate() {
            map.insert(key.to_string(), i);
        }
        for (i, key) in keys.iter().enumerate() {
            assert_eq!(map.get(*key), Some(&i));
        }
        assert_eq!(map.len(), keys.len());
        assert_eq!(map.get("2025-04-21"), None);
    }
}
