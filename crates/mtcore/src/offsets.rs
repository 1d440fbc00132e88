//! Byte offsets (Rust) to code-point offsets (Python): the one place they are converted.

/// Replace every byte offset in `offsets` by the number of code points before it in `text`.
///
/// Offsets must lie on character boundaries. ASCII text needs no work; otherwise the text
/// is walked once, in the order of the sorted offsets.
pub fn to_char_offsets(text: &str, offsets: &mut [usize]) {
    if text.is_ascii() || offsets.is_empty() {
        return;
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&index| offsets[index]);
    let bytes = text.as_bytes();
    let mut byte = 0usize;
    let mut chars = 0usize;
    for index in order {
        let target = offsets[index];
        while byte < target {
            // Count the characters that start in bytes[byte..target]: every byte that is not
            // a UTF-8 continuation byte.
            if (bytes[byte] & 0xC0) != 0x80 {
                chars += 1;
            }
            byte += 1;
        }
        offsets[index] = chars;
    }
}

#[cfg(test)]
mod tests {
    use super::to_char_offsets;

    #[test]
    fn ascii_is_unchanged() {
        let mut offsets = [0, 3, 5];
        to_char_offsets("hello", &mut offsets);
        assert_eq!(offsets, [0, 3, 5]);
    }

    #[test]
    fn astral_characters_and_combining_marks_count_once_per_code_point() {
        // "é" decomposed (e + U+0301), an astral emoji, then CRLF.
        let text = "e\u{301}\u{1F600}x\r\n";
        let x = text.find('x').unwrap();
        let mut offsets = [x, 0, text.len(), 1];
        to_char_offsets(text, &mut offsets);
        assert_eq!(offsets, [3, 0, 6, 1]);
    }
}
