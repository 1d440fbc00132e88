//! What the core's randomized unit tests share.

/// `count` pseudo-random texts over the characters of `alphabet`, each of fewer than
/// `max_len` characters, the same for the same `seed` (a linear congruential generator:
/// the tests need variety, not quality, and no dependency).
pub fn random_texts(
    alphabet: &str,
    seed: u64,
    count: usize,
    max_len: u64,
) -> impl Iterator<Item = String> {
    let alphabet: Vec<char> = alphabet.chars().collect();
    let mut state = seed;
    (0..count).map(move |_| {
        let mut text = String::new();
        for _ in 0..(state % max_len) {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            text.push(alphabet[(state >> 33) as usize % alphabet.len()]);
        }
        text
    })
}
