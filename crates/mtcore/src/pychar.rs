//! Python's `str` character classes, for kinds that must read text exactly as their Python
//! versions did: `re`'s `\w` and `\b` (a word character is `isalnum()` or `_`), the letter
//! runs `[^\W\d_]` (`isalnum()` and not `isdecimal()`: letters and non-decimal numbers such
//! as `²`), and `str.isspace()` (Unicode white space plus the separators U+001C..U+001F).
//!
//! Rust's `char::is_alphabetic` and the `regex` crate's `\w` and `\b` take marks and other
//! characters Python does not, so these classes come from the general categories
//! ([`crate::pystr::CharClass`]).

use crate::pystr::CharClass;

/// `str.isspace()` of one character (and `re`'s `\s`).
pub use crate::pystr::is_py_space as is_space;

/// The classes, compiled once per rule.
#[derive(Clone, Debug)]
pub struct PyChars {
    run: CharClass,
    word: CharClass,
    title: CharClass,
}

impl Default for PyChars {
    fn default() -> Self {
        PyChars::new()
    }
}

impl PyChars {
    pub fn new() -> PyChars {
        PyChars {
            run: CharClass::new(r"[\p{L}\p{Nl}\p{No}]"),
            word: CharClass::new(r"[\p{L}\p{N}_]"),
            title: CharClass::new(r"\p{Lt}"),
        }
    }

    /// `[^\W\d_]`: a character of a letter run.
    pub fn is_run(&self, c: char) -> bool {
        if c.is_ascii() {
            c.is_ascii_alphabetic()
        } else {
            self.run.contains(c)
        }
    }

    /// `re`'s `\w`.
    pub fn is_word(&self, c: char) -> bool {
        if c.is_ascii() {
            c.is_ascii_alphanumeric() || c == '_'
        } else {
            self.word.contains(c)
        }
    }

    /// `str.isalnum()` of one character.
    pub fn is_alnum(&self, c: char) -> bool {
        c != '_' && self.is_word(c)
    }

    /// `str.islower()` of a string: no upper-case or title-case character, and at least
    /// one lower-case one.
    pub fn is_lower(&self, text: &str) -> bool {
        let mut cased = false;
        for c in text.chars() {
            if c.is_uppercase() || (!c.is_ascii() && self.title.contains(c)) {
                return false;
            }
            cased |= c.is_lowercase();
        }
        cased
    }

    /// Whether `re`'s `\b` holds at byte `at` of `text`.
    pub fn is_boundary(&self, text: &str, at: usize) -> bool {
        let before = text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| self.is_word(c));
        let after = text[at..].chars().next().is_some_and(|c| self.is_word(c));
        before != after
    }

    /// `(start, end)` of every match of `[^\W\d_]+(?:['’-][^\W\d_]+)*` in `text` from byte
    /// `from` on, in order (`finditer(text, from)`).
    pub fn words(&self, text: &str, from: usize) -> Vec<(usize, usize)> {
        self.word_spans(text, from).collect()
    }

    /// [`PyChars::words`] one at a time, for a reader that may stop early or keeps no list
    /// (a line of megabytes holds millions of words).
    pub fn word_spans<'t>(
        &'t self,
        text: &'t str,
        from: usize,
    ) -> impl Iterator<Item = (usize, usize)> + 't {
        let mut chars = text[from..]
            .char_indices()
            .map(move |(at, c)| (from + at, c))
            .peekable();
        std::iter::from_fn(move || {
            while let Some((start, c)) = chars.next() {
                if !self.is_run(c) {
                    continue;
                }
                let mut end = start + c.len_utf8();
                loop {
                    match chars.peek() {
                        Some(&(at, next)) if self.is_run(next) => {
                            end = at + next.len_utf8();
                            chars.next();
                        }
                        Some(&(at, joiner)) if matches!(joiner, '\'' | '’' | '-') => {
                            let after = at + joiner.len_utf8();
                            match text[after..].chars().next() {
                                Some(next) if self.is_run(next) => {
                                    chars.next();
                                    chars.next();
                                    end = after + next.len_utf8();
                                }
                                _ => break,
                            }
                        }
                        _ => break,
                    }
                }
                return Some((start, end));
            }
            None
        })
    }
}

/// `str.isspace()` of a string: not empty, and every character white space.
pub fn is_blank(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_space)
}

#[cfg(test)]
mod tests {
    use super::{is_blank, PyChars};

    #[test]
    fn letter_runs_take_non_decimal_numbers_and_leave_marks_out() {
        let chars = PyChars::new();
        assert!(chars.is_run('é') && chars.is_run('²') && !chars.is_run('3'));
        assert!(!chars.is_run('\u{301}') && !chars.is_run('_'));
        assert!(chars.is_word('3') && chars.is_word('_') && !chars.is_word('\u{301}'));
        assert!(is_blank(" \u{1c}\u{a0}") && !is_blank(""));
        assert!(chars.is_lower("l’été") && !chars.is_lower("Été") && !chars.is_lower("’"));
        assert!(!chars.is_lower("a\u{1c5}"));
    }

    #[test]
    fn words_join_inner_apostrophes_and_hyphens() {
        let chars = PyChars::new();
        let text = "l’école d'état -x- a'";
        let words: Vec<&str> = chars
            .words(text, 0)
            .into_iter()
            .map(|(start, end)| &text[start..end])
            .collect();
        assert_eq!(words, ["l’école", "d'état", "x", "a"]);
        let spans: Vec<(usize, usize)> = chars.word_spans(text, 6).collect();
        assert_eq!(spans, chars.words(text, 6));
        assert_eq!(&text[spans[0].0..spans[0].1], "cole");
        assert!(chars.is_boundary("a b", 1) && !chars.is_boundary("ab", 1));
    }
}
