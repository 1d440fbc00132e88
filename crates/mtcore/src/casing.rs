//! The `capitalized-word` kind: listed words written in lower case where English
//! capitalises them (month names after a day number: `on 15 march` → `on 15 March`).
//!
//! French writes month and day names in lower case, and MT output keeps the case of the
//! source. A word is judged only right after a match of the rule's `before` regex
//! (case-insensitive), so the verb `march` and the modal `may` elsewhere are never touched.
//! A listed word must not touch a letter before it or a letter or mark after it; where two
//! start at one place, the longer wins. `before` is a look-behind in Python's sense: some
//! match of it must end exactly where the word starts, with `\b` and anchors seeing the
//! whole text. It runs as a Pike VM reporting every match (`MatchKind::All`) over the text
//! before the word (only as far back as its longest match can reach), so the last match it
//! reports ends at the word if any does; it is asked only where a listed word occurs.

use aho_corasick::{AhoCorasick, MatchKind as AcMatchKind};
use regex_automata::nfa::thompson::pikevm::PikeVM;
use regex_automata::util::syntax;
use regex_automata::{Input, MatchKind};

use crate::doc::Doc;
use crate::engine::Hit;
use crate::pattern::{old_dialect, one_line};
use crate::pystr::CharClass;

/// A `capitalized-word` rule's data, as the pack loader read it.
#[derive(Clone, Debug, Default)]
pub struct CapitalizedWordSpec {
    /// The words, lower-cased, longest first.
    pub words: Vec<String>,
    /// The regex that must end right before a word (case-insensitive).
    pub before: String,
}

pub struct CapitalizedWordRule {
    words: Vec<String>,
    /// Every occurrence of every word (the candidates).
    finder: Option<AhoCorasick>,
    before: PikeVM,
    /// The longest text `before` can match, in bytes (None: unbounded).
    reach: Option<usize>,
    letters: CharClass,
    letters_or_marks: CharClass,
}

impl CapitalizedWordRule {
    pub fn new(spec: &CapitalizedWordSpec) -> Result<CapitalizedWordRule, (&'static str, String)> {
        if let Some(hint) = old_dialect(&spec.before) {
            return Err(("before", hint.to_string()));
        }
        let syntax = syntax::Config::new().case_insensitive(true);
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(true)
            .build()
            .parse(&spec.before)
            .map_err(|error| ("before", one_line(&error.to_string())))?;
        let before = PikeVM::builder()
            .configure(PikeVM::config().match_kind(MatchKind::All))
            .syntax(syntax)
            .build(&spec.before)
            .map_err(|error| ("before", one_line(&error.to_string())))?;
        let words: Vec<String> = spec
            .words
            .iter()
            .filter(|word| !word.is_empty())
            .cloned()
            .collect();
        let finder = if words.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(AcMatchKind::Standard)
                    .build(&words)
                    .map_err(|error| ("words", one_line(&error.to_string())))?,
            )
        };
        Ok(CapitalizedWordRule {
            words,
            finder,
            before,
            reach: hir.properties().maximum_len(),
            letters: CharClass::new("\\p{L}"),
            letters_or_marks: CharClass::new("[\\p{L}\\p{M}]"),
        })
    }

    /// The listed word at `at` (the first of the list, longest first, that ends there).
    fn word_at(&self, text: &str, at: usize) -> Option<usize> {
        if self.letters.before(text, at) {
            return None;
        }
        self.words
            .iter()
            .map(|word| at + word.len())
            .zip(&self.words)
            .find(|&(end, word)| {
                text[at..].starts_with(word.as_str()) && !self.letters_or_marks.at(text, end)
            })
            .map(|(end, _)| end)
    }

    /// Whether some match of `before` ends exactly at `at`.
    fn follows_context(
        &self,
        text: &str,
        at: usize,
        cache: &mut regex_automata::nfa::thompson::pikevm::Cache,
    ) -> bool {
        let mut from = self.reach.map_or(0, |reach| at.saturating_sub(reach));
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let input = Input::new(text).range(from..at);
        self.before
            .find(cache, input)
            .is_some_and(|found| found.end() == at)
    }

    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        let Some(finder) = &self.finder else {
            return;
        };
        let mut starts: Vec<usize> = finder
            .find_overlapping_iter(text)
            .map(|found| found.start())
            .collect();
        if starts.is_empty() {
            return;
        }
        starts.sort_unstable();
        starts.dedup();
        let mut cache = self.before.create_cache();
        let mut previous_end = 0;
        for start in starts {
            if start < previous_end {
                continue;
            }
            let Some(end) = self.word_at(text, start) else {
                continue;
            };
            if !self.follows_context(text, start, &mut cache) {
                continue;
            }
            previous_end = end;
            let word = &text[start..end];
            let mut chars = word.chars();
            let replacement: String = chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(chars)
                .collect();
            hits.push(Hit::new(rule, start, end, Some(replacement)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{CapitalizedWordRule, CapitalizedWordSpec};

    const BEFORE: &str = "(?:\\b(?:on|from|by|saturday),?[ \\u00a0](?:[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?[ \\u00a0])";

    fn months(text: &str, before: &str) -> Vec<(usize, String)> {
        let rule = CapitalizedWordRule::new(&CapitalizedWordSpec {
            words: vec!["march".into(), "june".into(), "may".into()],
            before: before.into(),
        })
        .unwrap();
        let mut hits = Vec::new();
        rule.check(0, &crate::doc::Doc::new(text), &mut hits);
        hits.into_iter()
            .map(|hit| (hit.start, hit.replacement.unwrap()))
            .collect()
    }

    #[test]
    fn a_month_after_a_day_number_is_capitalised() {
        assert_eq!(
            months("Scotland on 15 march, and on Saturday 30 june.", BEFORE),
            [(15, "March".to_string()), (41, "June".to_string())]
        );
        assert_eq!(months("BY 3rd\u{a0}may", BEFORE), [(8, "May".to_string())]);
    }

    #[test]
    fn the_context_must_end_at_the_word_and_see_the_whole_text() {
        for text in [
            "Some 20 may march on 15 March",
            "3 march in step",
            "a may tree",
            "upon 15 march",
            "on 15 marches",
            "on 15 marché",
            "on 15 mayday",
            "on 15  march",
        ] {
            assert!(months(text, BEFORE).is_empty(), "{text}");
        }
    }

    #[test]
    fn unbounded_and_word_boundary_contexts_look_back_as_far_as_they_need() {
        let before = "\\bon [^.]*\\d ";
        assert_eq!(
            months("on the day after the long weekend of 15 march", before),
            [(40, "March".to_string())]
        );
        assert!(months("upon the day 15 march", before).is_empty());
        // The context ends at the word only if a match ends there, not any match before.
        assert!(months("on 1 x march", before).is_empty());
    }

    #[test]
    fn a_bad_context_is_named() {
        let error = CapitalizedWordRule::new(&CapitalizedWordSpec {
            words: vec!["march".into()],
            before: "(?<=x)".into(),
        })
        .err()
        .unwrap();
        assert_eq!(error.0, "before");
    }
}
