//! The `masculine-for-woman` kind (PRN002): `his`/`himself` carried over for a woman.
//!
//! French possessives agree with the thing possessed, not the owner (`son avocat`, `sa
//! loi`), and `lui` is both `him` and `her`, so MT output writes `Elisabeth Borne … support
//! some of his texts`. A lower-case `his` or `himself` is flagged when the text before it in
//! its sentence and the two sentences before name a woman (`she`/`her`, a female noun or
//! title, a woman's first name from the pack's list) and nothing that could be a man (no
//! `he`/`him`/`his`, male title, first name that may be a man's, singular person noun unless
//! in apposition with a woman's name, generic `everyone`/`each`, unknown two-word personal
//! name), nor, up to four sentences further back, a man named outright; and the sentence
//! itself, before the candidate, names nobody else who may own it (a determiner and an agent
//! noun or borrowed title, an unknown name as a subject).
//!
//! Sentences come from nltk's Punkt splitter in Python, so this is an adapter kind:
//! [`MasculineForWomanRule::check`] finds the candidates of every paragraph (as
//! `cleanup.segment.paragraph_spans_of` cuts them: [`crate::wrap::paragraph_spans`]) that has a
//! female cue before its last candidate, in it or the paragraph before; the Python adapter
//! splits the sentences and asks [`MasculineForWomanRule::is_for_a_woman`].

use std::borrow::Cow;

use rustc_hash::FxHashSet as HashSet;
use std::sync::Arc;

use crate::doc::Doc;
use crate::engine::Hit;
use crate::pychar::{is_space, PyChars};
use crate::words::{key, lower, Lang, WordTable};
use crate::wrap::paragraph_spans_of;

/// The rule's data, as the Python kind loaded it.
#[derive(Clone, Debug, Default)]
pub struct MasculineForWomanSpec {
    /// Nouns naming people, lower-case.
    pub persons: Vec<String>,
    /// Nouns and titles naming a woman, lower-case.
    pub female_nouns: Vec<String>,
    /// Women's first names, as written (none that may be a man's).
    pub female_names: Vec<String>,
    /// First names that may be a man's, as written.
    pub male_names: Vec<String>,
    /// The word-frequency table: capitalised words at least [`COMMON_WORD_ZIPF`] in
    /// English are not taken for personal names (`Human Rights`).
    pub words: Arc<WordTable>,
}

/// Capitalised words at least this frequent in English are not taken for personal names.
pub const COMMON_WORD_ZIPF: f64 = 4.5;
const FEMALE_PRONOUNS: [&str; 4] = ["she", "her", "hers", "herself"];
const MALE_PRONOUNS: [&str; 4] = ["he", "him", "his", "himself"];
const MALE_TITLES: [&str; 5] = ["Mr", "Mister", "Monsieur", "Sir", "Lord"];
/// Words whose `his` is the generic masculine (everyone has his reasons).
const GENERIC: [&str; 10] = [
    "everyone",
    "everybody",
    "someone",
    "somebody",
    "anyone",
    "anybody",
    "nobody",
    "each",
    "every",
    "whoever",
];
/// Words that may stand between a person noun and the name it is in apposition with.
const APPOSITION_GLUE: [&str; 9] = [
    "the", "a", "an", "former", "current", "new", "then", "deputy", "outgoing",
];
const SENTENCES_BEFORE: usize = 2;
/// Words after which a noun is a noun phrase's head, possibly a person.
const DETERMINERS: [&str; 12] = [
    "the", "a", "an", "this", "that", "another", "every", "each", "one", "their", "our", "your",
];
const DETERMINER_REACH: usize = 3;
/// Endings of English agent nouns (stranger, officer, coachman, novelist, merchant, notary).
const AGENT_ENDINGS: [&str; 15] = [
    "er", "or", "man", "men", "ist", "ian", "ant", "ent", "eur", "ee", "ary", "ard", "ster", "yer",
    "ier",
];
/// Endings that look like agent nouns but name things (government, moment, morning).
const NOT_AGENT_ENDINGS: [&str; 3] = ["ment", "ing", "ness"];

/// One word of a sentence: where it is and what it is.
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    lower: Cow<'a, str>,
}

pub struct MasculineForWomanRule {
    persons: HashSet<String>,
    female_nouns: HashSet<String>,
    female_names: HashSet<String>,
    male_names: HashSet<String>,
    words: Arc<WordTable>,
    chars: PyChars,
}

fn first_is_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

impl MasculineForWomanRule {
    pub fn new(
        spec: &MasculineForWomanSpec,
    ) -> Result<MasculineForWomanRule, (&'static str, String)> {
        let set = |words: &[String]| words.iter().cloned().collect::<HashSet<String>>();
        Ok(MasculineForWomanRule {
            persons: set(&spec.persons),
            female_nouns: set(&spec.female_nouns),
            female_names: set(&spec.female_names),
            male_names: set(&spec.male_names),
            words: Arc::clone(&spec.words),
            chars: PyChars::new(),
        })
    }

    /// The candidates (`his`, `himself` as whole words) of every paragraph with a female
    /// cue between the start of the paragraph before it and its last candidate.
    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        let (paragraphs, _) = paragraph_spans_of(text, doc.paragraphs());
        for (number, &(start, end)) in paragraphs.iter().enumerate() {
            let candidates = self.candidates(text, start, end);
            let Some(&(last, _)) = candidates.last() else {
                continue;
            };
            let reach = if number > 0 {
                paragraphs[number - 1].0
            } else {
                start
            };
            if !self.has_female(&text[reach..last]) {
                continue;
            }
            for (at, length) in candidates {
                hits.push(Hit::new(rule, at, at + length, None));
            }
        }
    }

    /// Whether the candidate is `his` for a woman, given the text of its sentence before it
    /// (`current`) and up to six sentences before (`earlier`, in order).
    pub fn is_for_a_woman(&self, earlier: &[&str], current: &str) -> bool {
        let split = earlier.len().saturating_sub(SENTENCES_BEFORE);
        let (further, near) = earlier.split_at(split);
        let window: Vec<&str> = near.iter().copied().chain([current]).collect();
        window.iter().any(|part| self.has_female(part))
            && !window.iter().any(|part| self.may_be_male(part))
            && !self.has_nearer_referent(current)
            && !further.iter().any(|part| self.names_a_man(part))
    }

    /// `(start, length)` of every `\b(?:his|himself)\b` in `text[start..end]`.
    fn candidates(&self, text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        for (offset, _) in text[start..end].match_indices("hi") {
            let at = start + offset;
            if !self.chars.is_boundary(text, at) {
                continue;
            }
            for word in ["his", "himself"] {
                if text[at..end].starts_with(word) && self.chars.is_boundary(text, at + word.len())
                {
                    found.push((at, word.len()));
                    break;
                }
            }
        }
        found
    }

    fn words<'a>(&self, text: &'a str) -> Vec<Word<'a>> {
        self.chars
            .words(text, 0)
            .into_iter()
            .map(|(start, end)| Word {
                start,
                end,
                text: &text[start..end],
                lower: lower(&text[start..end]),
            })
            .collect()
    }

    /// `zipf_at_least("en", word, 4.5)`.
    fn is_common(&self, word: &str) -> bool {
        // A word the table cannot decide is no word of letters: only numbers and a few
        // abbreviations (`u.s`) of that shape are this frequent, and no name is one.
        self.words
            .zipf_at_least(Lang::En, &key(word), COMMON_WORD_ZIPF)
            .unwrap_or(false)
    }

    /// Whether `text` names a woman: `she`/`her`, a female noun or title, a woman's first
    /// name (its words read one at a time, up to the first: no list of them is kept).
    fn has_female(&self, text: &str) -> bool {
        self.chars.word_spans(text, 0).any(|(start, end)| {
            let word = &text[start..end];
            let lower = lower(word);
            FEMALE_PRONOUNS.contains(&lower.as_ref())
                || self.female_nouns.contains(lower.as_ref())
                || self.female_names.contains(word)
        })
    }

    /// `\b(?:Mr|Mister|Monsieur|Sir|Lord|M\.(?= [A-Z]))`: a male title (its end unchecked).
    fn has_male_title(&self, sentence: &str) -> bool {
        let starts = |at: usize| {
            !sentence[..at]
                .chars()
                .next_back()
                .is_some_and(|c| self.chars.is_word(c))
        };
        MALE_TITLES
            .iter()
            .any(|title| sentence.match_indices(title).any(|(at, _)| starts(at)))
            || sentence.match_indices("M. ").any(|(at, _)| {
                starts(at)
                    && sentence
                        .as_bytes()
                        .get(at + 3)
                        .is_some_and(u8::is_ascii_uppercase)
            })
    }

    fn may_be_male(&self, sentence: &str) -> bool {
        if self.has_male_title(sentence) {
            return true;
        }
        let words = self.words(sentence);
        for (index, word) in words.iter().enumerate() {
            let lower = word.lower.as_ref();
            if MALE_PRONOUNS.contains(&lower)
                || GENERIC.contains(&lower)
                || self.male_names.contains(word.text)
            {
                return true;
            }
            if self.persons.contains(lower)
                && !self.female_nouns.contains(lower)
                && !self.apposed_to_woman(sentence, &words, index)
            {
                return true;
            }
            if let Some(next) = words.get(index + 1) {
                let previous = index.checked_sub(1).map(|back| &words[back]);
                if first_is_upper(word.text)
                    && !self.female_names.contains(word.text)
                    && first_is_upper(next.text)
                    && previous.is_none_or(|previous| previous.lower != "the")
                    && &sentence[word.end..next.start] == " "
                    && !self.is_common(word.text)
                    && !self.is_common(next.text)
                    && previous.is_none_or(|previous| !self.female_names.contains(previous.text))
                {
                    return true; // an unknown personal name (Xi Jinping) may be a man's
                }
            }
        }
        false
    }

    /// A man named outright in a sentence further back: he/him/his, a male title or a
    /// man's first name.
    fn names_a_man(&self, sentence: &str) -> bool {
        self.has_male_title(sentence)
            || self.chars.word_spans(sentence, 0).any(|(start, end)| {
                let word = &sentence[start..end];
                MALE_PRONOUNS.contains(&lower(word).as_ref()) || self.male_names.contains(word)
            })
    }

    /// Whether the sentence, before the candidate, names someone who may own it: a
    /// determiner and a noun that may name a person, or a capitalised name that is not a
    /// woman's as its subject, followed by a lower-case word.
    fn has_nearer_referent(&self, clause: &str) -> bool {
        let words = self.words(clause);
        for (index, word) in words.iter().enumerate() {
            if first_is_upper(word.text) {
                let after_comma =
                    index > 0 && clause[words[index - 1].end..word.start].contains(',');
                if (self.is_subject_position(&words, index) || after_comma)
                    && self.is_unknown_subject_name(&words, index)
                {
                    return true; // an unknown name as a subject: a man's as likely as not
                }
                continue;
            }
            if self.female_nouns.contains(word.lower.as_ref())
                || !self.follows_determiner(&words, index)
            {
                continue;
            }
            if self.may_name_person(&word.lower) && !self.apposed_to_woman(clause, &words, index) {
                return true;
            }
        }
        false
    }

    /// A capitalised name that is not a woman's nor a common word, followed by a lower-case
    /// word (its verb).
    fn is_unknown_subject_name(&self, words: &[Word<'_>], index: usize) -> bool {
        let word = &words[index];
        first_is_upper(word.text)
            && words
                .get(index + 1)
                .is_some_and(|next| next.text.chars().next().is_some_and(char::is_lowercase))
            && !self.female_names.contains(word.text)
            && (index == 0 || !self.female_names.contains(words[index - 1].text))
            && !self.female_nouns.contains(word.lower.as_ref())
            && !FEMALE_PRONOUNS.contains(&word.lower.as_ref())
            && !self.is_common(&word.lower)
    }

    /// The sentence's first word, or its second after a common first word (`But`, `Then`).
    fn is_subject_position(&self, words: &[Word<'_>], index: usize) -> bool {
        index == 0 || (index == 1 && self.is_common(&words[0].lower))
    }

    /// Whether a determiner stands before `words[index]` with only lower-case words between.
    fn follows_determiner(&self, words: &[Word<'_>], index: usize) -> bool {
        for back in (index.saturating_sub(DETERMINER_REACH)..index).rev() {
            let word = &words[back];
            if DETERMINERS.contains(&word.lower.as_ref()) {
                return true;
            }
            if !self.chars.is_lower(word.text) {
                return false;
            }
        }
        false
    }

    /// A noun that may name a person: listed, an agent noun, or a borrowed title.
    fn may_name_person(&self, lower: &str) -> bool {
        let singular = match lower.strip_suffix('s') {
            Some(singular) if lower.chars().count() > 3 => singular,
            _ => lower,
        };
        if self.persons.contains(lower) || self.persons.contains(singular) {
            return true;
        }
        if NOT_AGENT_ENDINGS
            .iter()
            .any(|ending| singular.ends_with(ending))
        {
            return false;
        }
        AGENT_ENDINGS
            .iter()
            .any(|ending| singular.ends_with(ending))
            || !singular.is_ascii()
    }

    /// `the mayor, Claire Morand`, `Prime Minister Hélène Carrier`, `Aminata Ndiaye, former
    /// minister`.
    fn apposed_to_woman(&self, text: &str, words: &[Word<'_>], index: usize) -> bool {
        // After: titles (capitalised words, person nouns: deputy mayor) up to a woman's first name.
        for after in index + 1..(index + 4).min(words.len()) {
            let word = &words[after];
            let gap = &text[words[after - 1].end..word.start];
            if !gap.chars().all(|c| c == ',' || is_space(c))
                || !(first_is_upper(word.text) || self.persons.contains(word.lower.as_ref()))
            {
                break;
            }
            if self.female_names.contains(word.text) {
                return true;
            }
        }
        // Before: a woman's name, her surname, then ", the", ", former"...
        for back in (index.saturating_sub(4)..index).rev() {
            let word = &words[back];
            if self.female_names.contains(word.text) {
                return true;
            }
            if !(first_is_upper(word.text) || APPOSITION_GLUE.contains(&word.lower.as_ref())) {
                break;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{MasculineForWomanRule, MasculineForWomanSpec};
    use crate::words::WordTable;

    fn rule() -> MasculineForWomanRule {
        let words = |items: &[&str]| items.iter().map(|item| item.to_string()).collect();
        MasculineForWomanRule::new(&MasculineForWomanSpec {
            persons: words(&["minister", "mayor", "lawyer"]),
            female_nouns: words(&["woman", "mme"]),
            female_names: words(&["Claire", "Elisabeth"]),
            male_names: words(&["Jean"]),
            words: Arc::new(
                WordTable::parse(
                    "but\t6.00\t-\nhuman\t5.00\t3.00\nrights\t5.00\t3.00\nthe\t7.36\t7.00\n",
                )
                .unwrap(),
            ),
        })
        .unwrap()
    }

    #[test]
    fn candidates_need_a_female_cue_before_them_in_the_paragraph_or_the_one_before() {
        let rule = rule();
        let mut hits = Vec::new();
        rule.check(
            0,
            &crate::doc::Doc::new("She spoke.\nIt was his text, this, himself.\nAnd his."),
            &mut hits,
        );
        let starts: Vec<usize> = hits.iter().map(|hit| hit.start).collect();
        assert_eq!(starts, [18, 34]);
        hits.clear();
        rule.check(
            0,
            &crate::doc::Doc::new("He spoke of his text.\n"),
            &mut hits,
        );
        assert!(hits.is_empty());
    }

    #[test]
    fn a_woman_and_no_man_in_the_window() {
        let rule = rule();
        assert!(rule.is_for_a_woman(&["Elisabeth Borne spoke on Monday. "], "She defended "));
        assert!(!rule.is_for_a_woman(&["Elisabeth Borne met Jean. "], "She defended "));
        assert!(!rule.is_for_a_woman(&["She spoke. "], "The abbé raised "));
        assert!(!rule.is_for_a_woman(&["She spoke. "], "Lucien laughed and raised "));
        assert!(rule.is_for_a_woman(&["The mayor, Claire Morand, spoke. "], "She raised "));
        assert!(!rule.is_for_a_woman(
            &["Mr. Dupont left. ", "a. ", "b. ", "She spoke. ", "c. "],
            "d "
        ));
        assert!(rule.is_for_a_woman(&["x. ", "a. ", "b. ", "She spoke. ", "c. "], "d "));
    }
}
