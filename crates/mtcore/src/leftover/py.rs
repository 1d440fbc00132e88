//! Python's `str` predicates for single characters, as the leftover kind's Python code
//! used them (`re`'s `[^\W\d_]`, `str.isalnum`, `str.isspace`, `str.islower`, `str.isupper`).

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

/// `re`'s `[^\W\d_]` (letters, and numbers of categories Nl and No such as `²` or `Ⅻ`).
pub use crate::words::is_run_char as is_run;

/// `str.isalnum()` of one character.
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Number
    )
}

/// `re`'s `\w`: `str.isalnum()` or `_`.
pub fn is_word_char(c: char) -> bool {
    c == '_' || is_alnum(c)
}

/// `str.isspace()` of one character.
pub use crate::pystr::is_py_space as is_space;

/// `str.isupper()` of the first character of `s` (`s[:1].isupper()`).
pub fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// `s[:1].islower()`.
pub fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

pub use crate::offsets::{char_at, char_before};

/// `not text.strip()`: only whitespace (or nothing).
pub fn only_space(text: &str) -> bool {
    text.chars().all(is_space)
}

/// The letter runs (`[^\W\d_]+`) of `text[start..end]`, as byte ranges.
pub use crate::doc::letter_runs as runs;

#[cfg(test)]
mod tests {
    use super::{is_alnum, is_run, is_space, runs};

    #[test]
    fn predicates_follow_python() {
        assert!(is_run('é') && is_run('²') && is_run('Ⅻ') && !is_run('1') && !is_run('_'));
        assert!(!is_run('\u{301}') && is_alnum('1') && !is_alnum('\u{301}'));
        assert!(is_space('\u{1f}') && is_space('\u{a0}') && !is_space('\u{200b}'));
        let text = "l’État a 2x dit";
        let words: Vec<&str> = runs(text, 0, text.len())
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(words, ["l", "État", "a", "x", "dit"]);
    }
}
