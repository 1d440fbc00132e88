//! Byte offsets (Rust) to code-point offsets (Python) and back: the one place they are
//! converted.

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

/// Replace every code-point offset in `offsets` by the byte offset of that code point in
/// `text` (the text's length for one past its last); the inverse of [`to_char_offsets`].
///
/// ASCII text needs no walk; otherwise the text is walked once, in the order of the sorted
/// offsets.
pub fn to_byte_offsets(text: &str, offsets: &mut [usize]) {
    if text.is_ascii() {
        for offset in offsets.iter_mut() {
            *offset = (*offset).min(text.len());
        }
        return;
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&index| offsets[index]);
    let mut chars = text.char_indices().map(|(at, _)| at).chain([text.len()]);
    let mut char_count = 0usize;
    let mut byte = chars.next().unwrap_or(text.len());
    for index in order {
        let target = offsets[index];
        while char_count < target {
            match chars.next() {
                Some(next) => byte = next,
                None => break,
            }
            char_count += 1;
        }
        offsets[index] = if char_count < target {
            text.len()
        } else {
            byte
        };
    }
}

/// The character starting at byte `at` of `text`, if any.
pub fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|rest| rest.chars().next())
}

/// The character ending at byte `at` of `text`, if any.
pub fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|head| head.chars().next_back())
}

#[cfg(test)]
mod tests {
    use super::{to_byte_offsets, to_char_offsets};

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

    /// Every character boundary of `text`, with its code-point index.
    fn boundaries(text: &str) -> Vec<(usize, usize)> {
        let mut all: Vec<(usize, usize)> = text
            .char_indices()
            .enumerate()
            .map(|(chars, (byte, _))| (byte, chars))
            .collect();
        all.push((text.len(), text.chars().count()));
        all
    }

    #[test]
    fn every_boundary_in_any_order_and_repeated_maps_to_its_code_point_index() {
        let texts = [
            "",
            "plain ASCII",
            "\u{1F600}",
            "a\u{1F600}b\u{1F1EB}\u{1F1F7}c",
            "e\u{301}\u{301} caf\u{e9} \u{4e2d}\u{20000}",
            "\u{feff}line\r\n\u{a0}\u{202f}\u{2028}end\r",
            "province\u{201d}while \u{ab}\u{a0}a\u{a0}\u{bb} 12\u{202f}400 \u{1D400}",
        ];
        for text in texts {
            let expected = boundaries(text);
            // Forwards, backwards, interleaved and with every offset twice: the result must
            // not depend on the order the offsets come in.
            let mut orders: Vec<Vec<(usize, usize)>> =
                vec![expected.clone(), expected.iter().rev().copied().collect()];
            let (even, odd): (Vec<_>, Vec<_>) = expected
                .iter()
                .enumerate()
                .partition(|(index, _)| index % 2 == 0);
            orders.push(odd.into_iter().chain(even).map(|(_, pair)| *pair).collect());
            orders.push(
                expected
                    .iter()
                    .chain(expected.iter().rev())
                    .copied()
                    .collect(),
            );
            for order in orders {
                let mut offsets: Vec<usize> = order.iter().map(|&(byte, _)| byte).collect();
                to_char_offsets(text, &mut offsets);
                let chars: Vec<usize> = order.iter().map(|&(_, chars)| chars).collect();
                assert_eq!(offsets, chars, "{text:?}");
            }
        }
    }

    #[test]
    fn byte_offsets_invert_char_offsets_in_any_order() {
        for text in [
            "",
            "plain",
            "e\u{301}\u{1F600}x\r\n\u{ab}\u{a0}y\u{bb}",
            "\u{20000}",
        ] {
            let expected = boundaries(text);
            let mut offsets: Vec<usize> = expected.iter().rev().map(|&(_, chars)| chars).collect();
            offsets.push(0);
            to_byte_offsets(text, &mut offsets);
            let mut bytes: Vec<usize> = expected.iter().rev().map(|&(byte, _)| byte).collect();
            bytes.push(0);
            assert_eq!(offsets, bytes, "{text:?}");
            let mut past = [text.chars().count() + 3];
            to_byte_offsets(text, &mut past);
            assert_eq!(past, [text.len()]);
        }
    }

    #[test]
    fn a_code_point_offset_slices_the_same_text_as_the_byte_offset() {
        let text = "\u{1F600}x e\u{301} \u{201c}q\u{201d}\r\n";
        for (start, _) in boundaries(text) {
            for (end, _) in boundaries(text)
                .into_iter()
                .filter(|&(end, _)| end >= start)
            {
                let mut offsets = [start, end];
                to_char_offsets(text, &mut offsets);
                let sliced: String = text
                    .chars()
                    .skip(offsets[0])
                    .take(offsets[1] - offsets[0])
                    .collect();
                assert_eq!(sliced, &text[start..end]);
            }
        }
    }
}
