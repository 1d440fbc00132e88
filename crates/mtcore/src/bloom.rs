//! A Bloom filter of words: a cheap, exact "no" for most words before a table lookup.

use std::hash::BuildHasher;

use rustc_hash::FxBuildHasher;

pub struct Bloom {
    bits: Vec<u64>,
    mask: u64,
}

fn hashes(word: &str) -> (u64, u64) {
    let mut h = FxBuildHasher.hash_one(word);
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 32;
    (h, h.rotate_left(32).wrapping_mul(0x94d0_49bb_1331_11eb))
}

impl Bloom {
    /// A filter for about `count` words (16 bits a word, two bits in one 64-bit word of it:
    /// one memory access a question, ~2% false yes).
    pub fn with_capacity(count: usize) -> Bloom {
        let words = (count.max(64) / 4).next_power_of_two();
        Bloom {
            bits: vec![0; words],
            mask: words as u64 - 1,
        }
    }

    /// The word of `bits` a word's bits lie in, and the two bits.
    fn probe(&self, word: &str) -> (usize, u64) {
        let (first, second) = hashes(word);
        let bits = (1 << (second & 63)) | (1 << ((second >> 6) & 63));
        ((first & self.mask) as usize, bits)
    }

    pub fn insert(&mut self, word: &str) {
        let (index, bits) = self.probe(word);
        self.bits[index] |= bits;
    }

    /// False: `word` was never inserted. True: it may have been.
    pub fn may_contain(&self, word: &str) -> bool {
        let (index, bits) = self.probe(word);
        self.bits[index] & bits == bits
    }
}

#[cfg(test)]
mod tests {
    use super::Bloom;

    #[test]
    fn never_says_no_to_an_inserted_word() {
        let mut bloom = Bloom::with_capacity(1000);
        let words: Vec<String> = (0..1000).map(|n| format!("mot{n}")).collect();
        for word in &words {
            bloom.insert(word);
        }
        assert!(words.iter().all(|word| bloom.may_contain(word)));
        let wrong = (0..10_000)
            .filter(|n| bloom.may_contain(&format!("word{n}")))
            .count();
        assert!(wrong < 500, "{wrong}");
    }
}
