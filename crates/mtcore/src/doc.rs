//! One document as every rule sees it during one [`crate::Engine::check`]: the text, and the
//! values several rules read (its lines, its paragraphs, its letter runs), each computed the
//! first time a rule asks for it and then shared by every later rule of the same call.

use std::cell::OnceCell;

use crate::lines::line_spans;
use crate::words::is_run_char;
use crate::wrap::wrapped_paragraphs;

pub struct Doc<'a> {
    pub text: &'a str,
    lines: OnceCell<Vec<(usize, usize)>>,
    paragraphs: OnceCell<Vec<Vec<(usize, usize)>>>,
    runs: OnceCell<Vec<(usize, usize)>>,
    bytes: OnceCell<ByteSet>,
}

/// A set of byte values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ByteSet([u64; 4]);

impl ByteSet {
    pub fn of(bytes: &[u8]) -> ByteSet {
        // Independent stores, one a byte, then the bits: no chain of read-modify-writes.
        let mut seen = [false; 256];
        for &byte in bytes {
            seen[usize::from(byte)] = true;
        }
        let mut set = ByteSet::default();
        for (byte, _) in seen.iter().enumerate().filter(|(_, &seen)| seen) {
            set.0[byte >> 6] |= 1 << (byte & 63);
        }
        set
    }

    /// Whether every byte of `other` is in this set.
    pub fn holds(&self, other: &ByteSet) -> bool {
        self.0
            .iter()
            .zip(other.0)
            .all(|(&mine, theirs)| theirs & !mine == 0)
    }
}

impl<'a> Doc<'a> {
    pub fn new(text: &'a str) -> Doc<'a> {
        Doc {
            text,
            lines: OnceCell::new(),
            paragraphs: OnceCell::new(),
            runs: OnceCell::new(),
            bytes: OnceCell::new(),
        }
    }

    /// The text's lines ([`line_spans`]): `(start, content end)`, line breaks excluded.
    pub fn lines(&self) -> &[(usize, usize)] {
        self.lines.get_or_init(|| line_spans(self.text))
    }

    /// The paragraphs of a possibly hard-wrapped text, as lists of lines
    /// ([`wrapped_paragraphs`]).
    pub fn paragraphs(&self) -> &[Vec<(usize, usize)>] {
        self.paragraphs
            .get_or_init(|| wrapped_paragraphs(self.text))
    }

    /// The byte values the text holds: a literal holding another byte does not occur in it.
    pub fn bytes(&self) -> &ByteSet {
        self.bytes.get_or_init(|| ByteSet::of(self.text.as_bytes()))
    }

    /// The letter runs of the whole text (Python's `[^\W\d_]+`, [`is_run_char`]), in order.
    pub fn runs(&self) -> &[(usize, usize)] {
        self.runs
            .get_or_init(|| letter_runs(self.text, 0, self.text.len()))
    }

    /// The letter runs lying in `start..end`: a run crossing either edge is cut there, as a
    /// search of `text[start..end]` alone finds it.
    pub fn runs_in(&self, start: usize, end: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let runs = self.runs();
        let first = runs.partition_point(|&(_, run_end)| run_end <= start);
        runs[first..]
            .iter()
            .take_while(move |&&(run_start, _)| run_start < end)
            .map(move |&(run_start, run_end)| (run_start.max(start), run_end.min(end)))
    }
}

/// The letter runs (`[^\W\d_]+`) of `text[start..end]`, as byte ranges (ASCII bytes are
/// judged as bytes, other characters decoded).
pub fn letter_runs(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    letter_runs_iter(text, start, end).collect()
}

/// [`letter_runs`] one at a time, for a caller that keeps none of them (a line of megabytes
/// holds millions).
pub fn letter_runs_iter(
    text: &str,
    start: usize,
    end: usize,
) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut at = start;
    std::iter::from_fn(move || {
        let mut open: Option<usize> = None;
        while at < end {
            let (is_run, length) = match bytes[at] {
                byte if byte.is_ascii() => (byte.is_ascii_alphabetic(), 1),
                _ => {
                    let c = text[at..].chars().next().unwrap_or_default();
                    (is_run_char(c), c.len_utf8())
                }
            };
            if is_run {
                open.get_or_insert(at);
            } else if let Some(first) = open {
                at += length;
                return Some((first, at - length));
            }
            at += length;
        }
        open.map(|first| (first, end))
    })
}

#[cfg(test)]
mod tests {
    use super::{letter_runs, ByteSet, Doc};
    use crate::testing::random_texts;

    #[test]
    fn letter_runs_are_the_runs_of_run_characters() {
        for text in random_texts("aZ_1 éÉ\u{301}²Ⅻ’-ßİ\u{2028}", 11, 5_000, 16) {
            let mut expected = Vec::new();
            let mut open = None;
            for (at, c) in text.char_indices() {
                match (crate::words::is_run_char(c), open) {
                    (true, None) => open = Some(at),
                    (false, Some(first)) => {
                        expected.push((first, at));
                        open = None;
                    }
                    _ => {}
                }
            }
            expected.extend(open.map(|first| (first, text.len())));
            assert_eq!(letter_runs(&text, 0, text.len()), expected, "{text:?}");
        }
    }

    #[test]
    fn a_byte_set_holds_the_bytes_of_the_text() {
        let doc = Doc::new("a «b»");
        assert!(doc.bytes().holds(&ByteSet::of("«".as_bytes())));
        assert!(doc.bytes().holds(&ByteSet::of(b"ba ")));
        assert!(!doc.bytes().holds(&ByteSet::of(b"&")));
        assert!(!doc.bytes().holds(&ByteSet::of("”".as_bytes())));
    }

    fn words_of(text: &str, runs: Vec<(usize, usize)>) -> Vec<&str> {
        runs.into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn runs_in_a_range_are_cut_at_its_edges() {
        let text = "l’État a 2x dit";
        let doc = Doc::new(text);
        let words = |runs: Vec<(usize, usize)>| -> Vec<&str> {
            runs.into_iter().map(|(s, e)| &text[s..e]).collect()
        };
        assert_eq!(words(doc.runs().to_vec()), ["l", "État", "a", "x", "dit"]);
        assert_eq!(words(doc.runs_in(6, 14).collect()), ["tat", "a", "x"]);
        assert_eq!(
            doc.runs_in(6, 14).collect::<Vec<_>>(),
            letter_runs(text, 6, 14)
        );
        assert_eq!(doc.lines(), [(0, text.len())]);
        let mixed = "Ⅻ² x_y 3é\u{301}ß,Ab\u{2019}cD";
        assert_eq!(
            words_of(mixed, letter_runs(mixed, 0, mixed.len())),
            ["Ⅻ²", "x", "y", "é", "ß", "Ab", "cD"]
        );
    }
}
