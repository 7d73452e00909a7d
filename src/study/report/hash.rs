//! A fast hasher for the report's interning maps. The keys are a class's
//! own names and numbers, millions of lookups of short keys in one run;
//! SipHash (the standard one) guards against keys chosen to collide, which
//! costs more here than it saves: a hostile export can at worst slow its
//! own report down. The mixing is FxHash's (rustc's): a rotate, a xor and a
//! multiply per 8 bytes.

use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` with [`Fx`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<Fx>>;

#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Fx {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.mix(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.mix(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.mix(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_that_differ_only_in_the_tail_of_a_word_hash_apart() {
        let hash = |b: &[u8]| {
            let mut h = Fx::default();
            h.write(b);
            h.finish()
        };
        assert_ne!(hash(b"learner-1"), hash(b"learner-2"));
        assert_ne!(hash(b"abcdefgh1"), hash(b"abcdefgh"));
        let mut map: FastMap<&str, u32> = FastMap::default();
        map.insert("q1", 1);
        assert_eq!(map.get("q1"), Some(&1));
    }
}
