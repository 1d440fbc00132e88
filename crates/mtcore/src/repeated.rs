//! The `repeated-word` kind: the same lower-case word twice in a row (`the the Mona Lisa`).
//!
//! A word is a run of lower-case letters and marks (`\p{Ll}[\p{Ll}\p{M}]*`) with no letter,
//! mark, number, apostrophe or hyphen on either side; only spaces (U+0020) may part the two
//! copies, so `Walla Walla`, a repeat across a line break or punctuation is never judged.
//! Words whose doubling can be grammatical (the pack's allow-list: `you you`, `had had`,
//! `that that`) are kept, and so is any doubling that ends a short clause subject opened by
//! a wh-word (`what happened happened`). The fix deletes the second copy and the spaces
//! before it. As with Python's `finditer`, a repeat whose first copy is the second copy of
//! the previous one (`the the the`) is no new finding.

use std::collections::HashSet;

use crate::doc::Doc;
use crate::engine::Hit;
use crate::pystr::{casefold, is_py_space, CharClass};

/// The pack's data: both lists case-folded.
#[derive(Clone, Debug, Default)]
pub struct RepeatedSpec {
    /// Words whose doubling is legitimate.
    pub allow: Vec<String>,
    /// Wh-words opening a clause subject (`what happened happened`).
    pub clause_words: Vec<String>,
}

/// How far back (in characters, and in words) a wh-word may open the clause.
const CLAUSE_WINDOW: usize = 60;
const CLAUSE_WORDS: usize = 5;

pub struct RepeatedRule {
    allow: HashSet<String>,
    clause_words: HashSet<String>,
    /// What a word is made of (`\p{Ll}` first, then `[\p{Ll}\p{M}]`).
    lower: CharClass,
    lower_or_mark: CharClass,
    /// What may not touch either copy (`[\p{L}\p{M}\p{N}'’\-]`).
    word_edge: CharClass,
}

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '"' | '“' | '”' | '\n'
    )
}

impl RepeatedRule {
    pub fn new(spec: &RepeatedSpec) -> Result<RepeatedRule, (&'static str, String)> {
        Ok(RepeatedRule {
            allow: spec.allow.iter().cloned().collect(),
            clause_words: spec.clause_words.iter().cloned().collect(),
            lower: CharClass::new("\\p{Ll}"),
            lower_or_mark: CharClass::new("[\\p{Ll}\\p{M}]"),
            word_edge: CharClass::new("[\\p{L}\\p{M}\\p{N}'’\\-]"),
        })
    }

    /// The repeat whose first copy ends at the space at byte `gap`: `(word start, end of
    /// the second copy)`.
    fn repeat_at(&self, text: &str, gap: usize) -> Option<(usize, usize)> {
        // Both copies start with a lower-case letter and the first ends in a letter or mark:
        // most gaps fail these two looks before any word is read.
        let second = gap + text[gap..].bytes().take_while(|&b| b == b' ').count();
        if !self.lower.at(text, second) || !self.lower_or_mark.before(text, gap) {
            return None;
        }
        // The first copy: the longest run of lower-case letters and marks ending at the gap;
        // a shorter one would have a letter or mark before it. In ASCII only a-z are such
        // characters, so the run is read as bytes until something else is met.
        let bytes = text.as_bytes();
        let ascii_run = bytes[..gap]
            .iter()
            .rev()
            .take_while(|byte| byte.is_ascii_lowercase())
            .count();
        let mut start = gap - ascii_run;
        if start > 0 && !bytes[start - 1].is_ascii() {
            start = gap;
            for (index, c) in text[..gap].char_indices().rev() {
                if !self.lower_or_mark.contains(c) {
                    break;
                }
                start = index;
            }
        }
        let word = &text[start..gap];
        let end = second + word.len();
        if word.is_empty() || !text[second..].starts_with(word) {
            return None;
        }
        if !self.lower.at(text, start)
            || self.word_edge.before(text, start)
            || self.word_edge.at(text, end)
        {
            return None;
        }
        Some((start, end))
    }

    /// Whether a wh-word opens the clause a few words before `start` (`what happened
    /// happened`): among the last words of the text's last 60 characters before it, after
    /// the last clause break.
    fn ends_clause_subject(&self, text: &str, start: usize) -> bool {
        let window = text[..start]
            .char_indices()
            .rev()
            .nth(CLAUSE_WINDOW - 1)
            .map_or(0, |(index, _)| index);
        let before = &text[window..start];
        let phrase = match before.rfind(is_clause_break) {
            Some(index) => {
                &before[index + before[index..].chars().next().map_or(1, char::len_utf8)..]
            }
            None => before,
        };
        phrase
            .split(is_py_space)
            .filter(|word| !word.is_empty())
            .rev()
            .take(CLAUSE_WORDS)
            .any(|word| self.clause_words.contains(&casefold(word)))
    }

    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        let bytes = text.as_bytes();
        let mut at = 0;
        let mut previous_end = 0;
        while let Some(offset) = bytes[at..].iter().position(|&b| b == b' ') {
            let gap = at + offset;
            let Some((start, end)) = self.repeat_at(text, gap) else {
                at = gap + 1;
                continue;
            };
            // The search goes on after the match, whether or not it is kept.
            at = end;
            if start < previous_end {
                continue;
            }
            previous_end = end;
            let word = &text[start..gap];
            // An article neither ends a clause subject nor starts a verb (`who played the
            // the match`): the clause exception is not for it.
            let article = matches!(casefold(word).as_str(), "the" | "a" | "an");
            if self.allow.contains(&casefold(word))
                || (!article && self.ends_clause_subject(text, start))
            {
                continue;
            }
            // Delete the second copy and the spaces before it; keep the first (its case).
            let mut hit = Hit::new(rule, start, end, Some(word.to_string()));
            hit.extra_mut().edits.push((gap, end, String::new()));
            hits.push(hit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{RepeatedRule, RepeatedSpec};

    fn rule() -> RepeatedRule {
        RepeatedRule::new(&RepeatedSpec {
            allow: vec!["that".into(), "had".into(), "you".into(), "for".into()],
            clause_words: vec!["what".into(), "whoever".into()],
        })
        .unwrap()
    }

    fn found(text: &str) -> Vec<(&str, &str)> {
        let mut hits = Vec::new();
        rule().check(0, &crate::doc::Doc::new(text), &mut hits);
        hits.iter()
            .map(|hit| {
                let edit = &hit.extra.as_ref().unwrap().edits[0];
                (&text[hit.start..hit.end], &text[edit.0..edit.1])
            })
            .collect()
    }

    #[test]
    fn a_doubled_word_loses_its_second_copy() {
        assert_eq!(found("a room for the the Mona Lisa"), [("the the", " the")]);
        assert_eq!(found("of  of vital"), [("of  of", "  of")]);
        assert_eq!(found("é café café x"), [("café café", " café")]);
    }

    #[test]
    fn three_copies_are_one_finding_and_four_are_two() {
        assert_eq!(found("the the the end"), [("the the", " the")]);
        assert_eq!(
            found("the the the the"),
            [("the the", " the"), ("the the", " the")]
        );
    }

    #[test]
    fn names_words_in_words_and_other_separators_are_left_alone() {
        for text in [
            "Bora Bora",
            "The the-ory",
            "the the-ory",
            "the theory",
            "the, the end",
            "the\nthe end",
            "l'the the",
            "x-the the",
            "1the the",
            "Athe the",
            "the\u{a0}the",
            "the thé",
        ] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn allowed_words_and_clause_subjects_stay_doubled() {
        assert!(found("he said that that was all; they had had enough").is_empty());
        assert!(found("What happened happened.").is_empty());
        assert!(found("whoever wins the race wins wins").is_empty());
        // The wh-word is in another clause, or more than five words back.
        assert_eq!(found("what, they said said"), [("said said", " said")]);
        assert_eq!(found("what a b c d e said said"), [("said said", " said")]);
        // An article is doubled by mistake even after a wh-word.
        assert_eq!(found("who played the the match"), [("the the", " the")]);
    }
}
