//! The `leftover` kind in `mode = "bracketed"` (SRC001): short bracketed insertions
//! (`[étaient]`) that are untranslated French, translated from the glossary.

use std::collections::HashMap;
use std::sync::Arc;

use regex::Regex;

use super::{candidate, leveled, quoting, zipf_pair, Answers, LeftoverSpec};
use crate::doc::Doc;
use crate::engine::{Hit, Level};
use crate::words::{key, WordTable};

pub struct BracketedRule {
    table: Arc<WordTable>,
    glossary: HashMap<String, (String, bool)>,
    longest: usize,
    margin: f64,
    tokens: Regex,
}

/// What a bracket's content is.
enum Outcome {
    /// Not leftover French.
    Nothing,
    /// French without a full translation (report only).
    Untranslatable,
    /// The English and whether it is ambiguous.
    English(String, bool),
}

impl BracketedRule {
    pub fn new(spec: &LeftoverSpec) -> Result<BracketedRule, (&'static str, String)> {
        let mut glossary = HashMap::new();
        let mut longest = 1;
        for row in &spec.glossary {
            longest = longest.max(row.words.len());
            glossary.insert(row.words.join(" "), (row.english.clone(), row.ambiguous));
        }
        Ok(BracketedRule {
            table: Arc::clone(&spec.words),
            glossary,
            longest,
            margin: spec.margin,
            tokens: Regex::new(r"[\p{L}\p{M}]+(?:['\x{2019}-][\p{L}\p{M}]+)*|\d+(?:[.,]\d+)*")
                .map_err(|error| ("mode", error.to_string()))?,
        })
    }

    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        if !text.contains('[') {
            return;
        }
        let no_answers = Answers::default();
        for (start, end) in quoting::brackets(text, 0, text.len()) {
            let found = self.bracket(rule, text, start, end, &no_answers);
            match no_answers.settle(Ok(found)) {
                Ok(Some(hit)) => hits.push(hit),
                Ok(None) => {}
                Err(_) => hits.push(candidate(rule, start, end)),
            }
        }
    }

    pub fn check_region(
        &self,
        rule: u32,
        text: &str,
        start: usize,
        end: usize,
        answers: &Answers,
    ) -> Vec<Hit> {
        self.bracket(rule, text, start, end, answers)
            .into_iter()
            .collect()
    }

    fn bracket(
        &self,
        rule: u32,
        text: &str,
        start: usize,
        end: usize,
        answers: &Answers,
    ) -> Option<Hit> {
        let inner = (start + 1, end - 1);
        match self.translate(&text[inner.0..inner.1], answers) {
            Outcome::Nothing => None,
            Outcome::Untranslatable => Some(leveled(rule, start, end, None, Some(Level::None))),
            Outcome::English(english, ambiguous) => {
                let mut hit = leveled(
                    rule,
                    start,
                    end,
                    Some(english),
                    ambiguous.then_some(Level::Unsafe),
                );
                hit.edit = Some(inner);
                Some(hit)
            }
        }
    }

    fn translate(&self, content: &str, answers: &Answers) -> Outcome {
        let words: Vec<&str> = self
            .tokens
            .find_iter(content)
            .map(|found| found.as_str())
            .collect();
        if words.is_empty() {
            return Outcome::Nothing;
        }
        let lowers: Vec<String> = words.iter().map(|word| word.to_lowercase()).collect();
        let mut pieces: Vec<String> = Vec::new();
        let mut ambiguous = false;
        let mut has_french = false;
        let mut translatable = true;
        let mut index = 0;
        while index < words.len() {
            let mut found = None;
            for size in (1..=self.longest.min(words.len() - index)).rev() {
                if let Some(entry) = self.glossary.get(&lowers[index..index + size].join(" ")) {
                    found = Some((entry, size));
                    break;
                }
            }
            if let Some(((english, alternatives), size)) = found {
                has_french = true;
                let mut english = english.clone();
                if super::py::starts_upper(words[index]) {
                    let mut chars = english.chars();
                    if let Some(head) = chars.next() {
                        english = head.to_uppercase().chain(chars).collect();
                    }
                }
                pieces.push(english);
                ambiguous |= *alternatives;
                index += size;
                continue;
            }
            let word = words[index];
            if super::py::starts_upper(word) || word.chars().next().is_some_and(char::is_numeric) {
                pieces.push(word.to_string());
            } else {
                let (en, fr) = zipf_pair(&self.table, &key(&lowers[index]), answers);
                if fr - en >= self.margin {
                    has_french = true;
                    translatable = false;
                    pieces.push(word.to_string());
                } else if en - fr >= 1.0 {
                    return Outcome::Nothing;
                } else {
                    pieces.push(word.to_string());
                }
            }
            index += 1;
        }
        if !has_french {
            Outcome::Nothing
        } else if !translatable {
            Outcome::Untranslatable
        } else {
            Outcome::English(pieces.join(" "), ambiguous)
        }
    }
}
