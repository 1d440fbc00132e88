//! The `pronoun-gender` kind (PRN001): an organisation called `She` or `He`.
//!
//! French nouns have grammatical gender, so MT output continues `The agency SANA denied …
//! She added` where English needs `it`. The rule's decision needs the sentences around the
//! pronoun, which nltk's Punkt splitter gives in Python: the core does the rest. Its
//! [`PronounGenderRule::check`] is the cheap necessary condition on the whole document (a
//! sentence opened by `The`, `This`... before a `She`/`He` on the same line or the previous
//! non-blank one, with an organisation noun as its subject and no person in it, for every
//! place the splitter could put the boundary) and reports every pronoun of a document that
//! passes it as a candidate; the Python adapter splits the paragraph into sentences and asks
//! [`PronounGenderRule::refers_to_organisation`] about the pronouns that start one.
//!
//! Precision first: nothing is reported when a person the pronoun could refer to is near (a
//! person noun, a title such as `Mr` or `Ms`, a two-word personal name that is not two
//! common English words, the same pronoun or its other forms in the two sentences before),
//! or when that pronoun occurs anywhere earlier in the text.

use std::collections::HashSet;
use std::sync::Arc;

use regex::Regex;

use crate::doc::Doc;
use crate::engine::Hit;
use crate::pychar::{is_blank, is_space, PyChars};
use crate::words::{key, Lang, WordTable};

/// The rule's data, as the Python kind loaded it.
#[derive(Clone, Debug, Default)]
pub struct PronounGenderSpec {
    /// Organisation nouns, lower-case.
    pub organisations: Vec<String>,
    /// Nouns naming people, lower-case.
    pub persons: Vec<String>,
    /// The word-frequency table: capitalised words at least [`COMMON_WORD_ZIPF`] in
    /// English are not taken for personal names (`Human Rights`).
    pub words: Arc<WordTable>,
}

/// Capitalised words at least this frequent in English are not taken for personal names.
pub const COMMON_WORD_ZIPF: f64 = 4.5;
const PRONOUNS: [&str; 2] = ["She", "He"];
const OPENERS: [&str; 6] = ["The", "This", "That", "Its", "Our", "Their"];
const TITLES: [&str; 12] = [
    "Mr", "Mrs", "Ms", "Mme", "Dr", "Prof", "Sir", "Lady", "Lord", "Madam", "Monsieur", "Madame",
];
/// The forms of each pronoun, lower-case.
const FORMS: [[&str; 4]; 2] = [
    ["she", "her", "hers", "herself"],
    ["he", "him", "his", "himself"],
];
/// How many words of the previous sentence may come before its organisation noun.
const SUBJECT_WINDOW: usize = 6;

pub struct PronounGenderRule {
    organisations: HashSet<String>,
    persons: HashSet<String>,
    words: Arc<WordTable>,
    chars: PyChars,
    /// The forms of `She` (`she`, `her`, `hers`, `herself`) and of `He`, any case.
    forms: [Regex; 2],
}

impl PronounGenderRule {
    pub fn new(spec: &PronounGenderSpec) -> Result<PronounGenderRule, (&'static str, String)> {
        let forms = |words: [&str; 4]| {
            Regex::new(&format!("(?i)^(?:{})$", words.join("|")))
                .map_err(|error| ("builtin", error.to_string()))
        };
        Ok(PronounGenderRule {
            organisations: spec.organisations.iter().cloned().collect(),
            persons: spec.persons.iter().cloned().collect(),
            words: Arc::clone(&spec.words),
            chars: PyChars::new(),
            forms: [forms(FORMS[0])?, forms(FORMS[1])?],
        })
    }

    /// Every `She`/`He` followed by a space and a lower-case letter, as candidates, when the
    /// document passes the cheap necessary condition (see the module's documentation).
    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        if !self.may_fire(text, doc.lines()) {
            return;
        }
        for (start, pronoun) in pronouns(text, 0, text.len()) {
            hits.push(Hit::new(rule, start, start + PRONOUNS[pronoun].len(), None));
        }
    }

    /// Whether `pronoun` (`She` or `He`) starting a sentence refers to an organisation:
    /// the sentence just before it (last of `previous`, the one or two sentences before it)
    /// has an organisation as its subject, none of `previous` names a person, and `earlier`
    /// (the text before `previous`, asked for only when the rest holds) never uses the
    /// pronoun.
    pub fn refers_to_organisation<'a>(
        &self,
        previous: &[&str],
        pronoun: &str,
        earlier: impl FnOnce() -> &'a str,
    ) -> bool {
        let Some(index) = PRONOUNS.iter().position(|&known| known == pronoun) else {
            return false;
        };
        let Some(last) = previous.last() else {
            return false;
        };
        self.has_organisation_subject(last)
            && !self.has_person(previous, index)
            && !self.uses_pronoun(earlier(), index)
    }

    fn may_fire(&self, text: &str, lines: &[(usize, usize)]) -> bool {
        let mut previous_start = 0;
        for &(start, end) in lines {
            if start == end || is_blank(&text[start..end]) {
                continue;
            }
            for (at, pronoun) in pronouns(text, start, end) {
                for opener in openers(text, previous_start, at) {
                    let mut begins = vec![opener];
                    if let Some(quote @ ('“' | '"')) = text[..opener].chars().next_back() {
                        begins.push(opener - quote.len_utf8());
                    }
                    for begin in begins {
                        let sentence = &text[begin..at];
                        if self.has_organisation_subject(sentence)
                            && !self.has_person(&[sentence], pronoun)
                        {
                            return true;
                        }
                    }
                }
            }
            previous_start = start;
        }
        false
    }

    fn has_organisation_subject(&self, sentence: &str) -> bool {
        let Some(opening) = subject_start(sentence) else {
            return false;
        };
        let words: Vec<String> = self
            .chars
            .words(sentence, opening)
            .into_iter()
            .take(SUBJECT_WINDOW)
            .map(|(start, end)| sentence[start..end].to_lowercase())
            .collect();
        for (index, lower) in words.iter().enumerate() {
            if self.organisations.contains(lower) {
                return true;
            }
            if self.is_person_noun(&words, index)
                || lower
                    .strip_suffix('s')
                    .is_some_and(|singular| self.organisations.contains(singular))
            {
                return false;
            }
        }
        false
    }

    /// A person noun (or its plural in `-s`), unless it qualifies an organisation noun (the
    /// official agency).
    fn is_person_noun(&self, words: &[String], index: usize) -> bool {
        let lower = &words[index];
        if !self.persons.contains(lower)
            && !lower
                .strip_suffix('s')
                .is_some_and(|singular| self.persons.contains(singular))
        {
            return false;
        }
        !words
            .get(index + 1)
            .is_some_and(|next| self.organisations.contains(next))
    }

    fn has_person(&self, sentences: &[&str], pronoun: usize) -> bool {
        for sentence in sentences {
            if self.has_title(sentence) || self.has_personal_name(sentence) {
                return true;
            }
            let words: Vec<String> = self
                .chars
                .words(sentence, 0)
                .into_iter()
                .map(|(start, end)| sentence[start..end].to_lowercase())
                .collect();
            if words
                .iter()
                .any(|word| FORMS[pronoun].contains(&word.as_str()))
            {
                return true;
            }
            if (0..words.len()).any(|index| self.is_person_noun(&words, index)) {
                return true;
            }
        }
        false
    }

    /// A title (`Mr`, `Madame`...) as a whole word.
    fn has_title(&self, sentence: &str) -> bool {
        TITLES.iter().any(|title| {
            sentence.match_indices(title).any(|(at, _)| {
                self.chars.is_boundary(sentence, at)
                    && self.chars.is_boundary(sentence, at + title.len())
            })
        })
    }

    /// Two capitalised words in a row, not after `the `, neither of them a common English
    /// word: a personal name (Karima Bensaïd, not Human Rights). The pairs
    /// are read as Python's `finditer` reads them, without overlap.
    fn has_personal_name(&self, sentence: &str) -> bool {
        let mut at = 0;
        while at < sentence.len() {
            if let Some(end) = self.name_at(sentence, at) {
                let pair = &sentence[at..end];
                if !pair.split(' ').any(|word| self.is_common(word)) {
                    return true;
                }
                at = end;
            } else {
                at += sentence[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
        false
    }

    /// The end of `(?<!\bthe )(?<!\bThe )\b[A-Z][a-zà-ÿ'’\-]+ [A-Z][a-zà-ÿ'’\-]+` matched at `at`.
    fn name_at(&self, sentence: &str, at: usize) -> Option<usize> {
        let head = &sentence[..at];
        for article in ["the ", "The "] {
            if let Some(rest) = head.strip_suffix(article) {
                if !rest
                    .chars()
                    .next_back()
                    .is_some_and(|c| self.chars.is_word(c))
                {
                    return None;
                }
            }
        }
        if head
            .chars()
            .next_back()
            .is_some_and(|c| self.chars.is_word(c))
        {
            return None;
        }
        let first = capitalised_word(sentence, at)?;
        if !sentence[first..].starts_with(' ') {
            return None;
        }
        capitalised_word(sentence, first + 1)
    }

    /// Whether `word` is a common English word (`zipf_at_least("en", word, 4.5)`).
    fn is_common(&self, word: &str) -> bool {
        // A word the table cannot decide is no word of letters: only numbers and a few
        // abbreviations (`u.s`) of that shape are this frequent, and no name is one.
        self.words
            .zipf_at_least(Lang::En, &key(word), COMMON_WORD_ZIPF)
            .unwrap_or(false)
    }

    /// Whether `text` uses a form of the pronoun as a whole word.
    fn uses_pronoun(&self, text: &str, pronoun: usize) -> bool {
        let mut start = None;
        for (at, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let is_word = at < text.len() && self.chars.is_word(c);
            match (start, is_word) {
                (None, true) => start = Some(at),
                (Some(from), false) => {
                    if self.forms[pronoun].is_match(&text[from..at]) {
                        return true;
                    }
                    start = None;
                }
                _ => {}
            }
        }
        false
    }
}

/// `[A-Z][a-zà-ÿ'’\-]+` at `at`: its end.
fn capitalised_word(text: &str, at: usize) -> Option<usize> {
    let mut chars = text[at..].char_indices();
    if !chars.next().is_some_and(|(_, c)| c.is_ascii_uppercase()) {
        return None;
    }
    let mut end = at + 1;
    for (offset, c) in chars {
        if c.is_ascii_lowercase() || ('à'..='ÿ').contains(&c) || matches!(c, '\'' | '’' | '-') {
            end = at + offset + c.len_utf8();
        } else {
            break;
        }
    }
    (end > at + 1).then_some(end)
}

/// `(start, which)` of every `(?:She|He)(?= [a-z])` in `text[from..to]` (the lower-case letter
/// before `to`), in order.
fn pronouns(text: &str, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (which, pronoun) in PRONOUNS.iter().enumerate() {
        for (offset, _) in text[from..to].match_indices(pronoun) {
            let after = from + offset + pronoun.len();
            let next = text.as_bytes().get(after..after + 2);
            if after + 2 <= to
                && next.is_some_and(|next| next[0] == b' ' && next[1].is_ascii_lowercase())
            {
                found.push((from + offset, which));
            }
        }
    }
    found.sort_unstable();
    found
}

/// Where `(?:The|This|That|Its|Our|Their)\s` matches in `text[from..to]`, in order.
fn openers(text: &str, from: usize, to: usize) -> Vec<usize> {
    let mut found: Vec<usize> = OPENERS
        .iter()
        .flat_map(|opener| {
            text[from..to]
                .match_indices(opener)
                .map(move |(offset, _)| (from + offset, opener.len()))
        })
        .filter(|&(at, length)| text[at + length..to].chars().next().is_some_and(is_space))
        .map(|(at, _)| at)
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// The end of `[“"]?(?:The|This|That|Its|Our|Their)\s` at the start of `sentence`.
fn subject_start(sentence: &str) -> Option<usize> {
    let start = match sentence.chars().next() {
        Some(quote @ ('“' | '"')) => quote.len_utf8(),
        _ => 0,
    };
    OPENERS.iter().find_map(|opener| {
        let rest = sentence[start..].strip_prefix(opener)?;
        let space = rest.chars().next().filter(|&c| is_space(c))?;
        Some(start + opener.len() + space.len_utf8())
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{PronounGenderRule, PronounGenderSpec};
    use crate::words::WordTable;

    fn rule() -> PronounGenderRule {
        PronounGenderRule::new(&PronounGenderSpec {
            organisations: vec!["agency".into(), "group".into(), "company".into()],
            persons: vec!["director".into(), "spokeswoman".into()],
            words: Arc::new(WordTable::parse("human\t5.00\t3.00\nrights\t5.00\t3.00\n").unwrap()),
        })
        .unwrap()
    }

    fn candidates(text: &str) -> Vec<usize> {
        let mut hits = Vec::new();
        rule().check(0, &crate::doc::Doc::new(text), &mut hits);
        hits.iter().map(|hit| hit.start).collect()
    }

    #[test]
    fn an_organisation_subject_before_the_pronoun_makes_every_pronoun_a_candidate() {
        let text = "The official agency SANA denied it. She assured them. He went on.";
        assert_eq!(candidates(text), [36, 54]);
        let rule = rule();
        assert!(rule.refers_to_organisation(
            &["The official agency SANA denied it. "],
            "She",
            || ""
        ));
        assert!(!rule.refers_to_organisation(
            &["The official agency SANA denied it. "],
            "She",
            || "her car. "
        ));
        assert!(!rule.refers_to_organisation(&["The agency director spoke. "], "She", || ""));
    }

    #[test]
    fn people_near_the_pronoun_stop_it() {
        assert!(candidates("The agency hired Karima Bensaïd in May. She said so.").is_empty());
        assert!(candidates("The agency, said Ms Roux, grew. She said so.").is_empty());
        assert!(candidates("The spokeswoman spoke. She said so.").is_empty());
        assert_eq!(
            candidates("The agency for Human Rights grew. She said so.").len(),
            1
        );
        assert!(candidates("The agency grew. Shell went on.").is_empty());
    }

    #[test]
    fn a_quote_may_open_the_sentence_and_forms_are_whole_words() {
        assert_eq!(candidates("“The company grew fast. He runs it.").len(), 1);
        let rule = rule();
        assert!(rule.refers_to_organisation(&["The company grew. "], "He", || "the theme, Hershey"));
        assert!(!rule.refers_to_organisation(&["The company grew. "], "He", || "HIS car"));
    }
}
