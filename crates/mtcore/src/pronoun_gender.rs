//! The `pronoun-gender` kind (PRN001): an organisation called `she` or `he`.
//!
//! French nouns have grammatical gender, so MT output continues `The agency SANA denied …
//! She added`, `the ministry says that she has mobilised`, `the government and his
//! ministers`, where English needs `it`/`its`. A candidate is the text's first word of its
//! pronoun's family (`she`/`her`/`hers`/`herself`, or `he`/`him`/`his`/`himself`): a person
//! of that gender met earlier is a likelier antecedent than French grammatical gender, so a
//! later one is never flagged. It must be `she`/`he` before a lower-case word (a subject) or
//! `his`/`her` before a word that is no function word (a possessive, not the object `her`).
//!
//! The decision reads a window before the pronoun: its sentence up to it and the two
//! sentences before (nltk's Punkt, in Python), never more than [`WINDOW`] bytes. The window
//! must name an organisation (a singular organisation noun of the pack's list, or a body's
//! all-caps acronym: `the WHO`, `(ECOWAS)`, `SANA denied`) and no person the pronoun could
//! refer to (a person noun such as `minister` or `founder`, a title such as `Mr`, a first
//! name, a two-word personal name that is not two common English words); nor may the text
//! before name a person of the pronoun's gender (a title, first name or female noun).
//!
//! [`PronounGenderRule::check`] applies every part but the sentences on the whole document,
//! with the [`WINDOW`] bytes before the pronoun for its window and the weaker condition
//! there (an organisation with no person after it, which the sentence window's condition
//! implies), and returns the few candidates that pass; the Python adapter splits only their
//! paragraphs with nltk and asks [`PronounGenderRule::refers_to_organisation`] about the
//! sentence window.

use rustc_hash::FxHashSet as HashSet;
use std::sync::Arc;

use regex::Regex;

use crate::doc::Doc;
use crate::engine::Hit;
use crate::pychar::PyChars;
use crate::words::{key, lower, Lang, WordTable};

/// The rule's data, as the Python kind loaded it.
#[derive(Clone, Debug, Default)]
pub struct PronounGenderSpec {
    /// Organisation nouns, lower-case.
    pub organisations: Vec<String>,
    /// Nouns naming people, lower-case.
    pub persons: Vec<String>,
    /// Nouns and titles naming a woman, lower-case.
    pub female_nouns: Vec<String>,
    /// Women's first names, as written.
    pub female_names: Vec<String>,
    /// Men's first names, as written.
    pub male_names: Vec<String>,
    /// The word-frequency table: capitalised words at least [`COMMON_WORD_ZIPF`] in
    /// English are not taken for personal names (`Human Rights`).
    pub words: Arc<WordTable>,
}

/// Capitalised words at least this frequent in English are not taken for personal names.
pub const COMMON_WORD_ZIPF: f64 = 4.5;
/// Words at least this frequent in English are function words (`The`, `In`), never the
/// first name of a personal name.
pub const FUNCTION_WORD_ZIPF: f64 = 6.0;
/// The most bytes before the pronoun that its window holds (about three sentences of news).
pub const WINDOW: usize = 600;
const TITLES: [&str; 12] = [
    "Mr", "Mrs", "Ms", "Mme", "Dr", "Prof", "Sir", "Lady", "Lord", "Madam", "Monsieur", "Madame",
];
/// The titles that name a man (the female ones are among the pack's female nouns).
const MALE_TITLES: [&str; 4] = ["mr", "sir", "lord", "monsieur"];
/// The forms of each pronoun, lower-case.
const FORMS: [[&str; 4]; 2] = [
    ["she", "her", "hers", "herself"],
    ["he", "him", "his", "himself"],
];
/// Words after `her` that make it the object (`told her that`, `gave her a`), not a
/// possessive.
const NOT_AFTER_POSSESSIVE: [&str; 40] = [
    "a", "about", "again", "all", "an", "and", "as", "at", "away", "back", "because", "but", "by",
    "down", "for", "from", "if", "in", "into", "is", "it", "not", "of", "off", "on", "or", "out",
    "over", "so", "than", "that", "the", "this", "to", "too", "up", "was", "what", "when", "with",
];

/// Verbs after which a capitalised word is a person (`Sadr opposes`).
const AFTER_NAMES: [&str; 32] = [
    "adds", "admits", "believes", "can", "could", "did", "does", "has", "had", "insists", "is",
    "knows", "left", "lost", "may", "might", "opposes", "said", "saw", "says", "should", "thought",
    "told", "tells", "thinks", "took", "wants", "was", "will", "wishes", "won", "would",
];
/// Words after which a capitalised word is a place rather than a person (`in Lebanon`).
const BEFORE_PLACES: [&str; 16] = [
    "across", "around", "at", "central", "eastern", "from", "in", "inside", "into", "near",
    "northern", "outside", "southern", "through", "to", "western",
];

pub struct PronounGenderRule {
    organisations: HashSet<String>,
    persons: HashSet<String>,
    /// Per pronoun: the words naming a person of its gender (`she`: female nouns and titles
    /// lower-case, women's first names as written; `he`: male titles, men's first names).
    /// A name on both lists names either.
    gendered: [HashSet<String>; 2],
    /// Per pronoun: the first names of its gender, as written (women's, men's).
    names: [HashSet<String>; 2],
    words: Arc<WordTable>,
    chars: PyChars,
    /// A form of `she` and of `he`, any case.
    forms: [Regex; 2],
}

impl PronounGenderRule {
    pub fn new(spec: &PronounGenderSpec) -> Result<PronounGenderRule, (&'static str, String)> {
        let forms = |words: [&str; 4]| {
            Regex::new(&format!(r"(?i)\b(?:{})\b", words.join("|")))
                .map_err(|error| ("builtin", error.to_string()))
        };
        let set = |words: &[String]| words.iter().cloned().collect::<HashSet<String>>();
        let mut female = set(&spec.female_nouns);
        female.extend(spec.female_names.iter().cloned());
        let mut male: HashSet<String> = MALE_TITLES.iter().map(|t| t.to_string()).collect();
        male.extend(spec.male_names.iter().cloned());
        Ok(PronounGenderRule {
            organisations: set(&spec.organisations),
            persons: set(&spec.persons),
            gendered: [female, male],
            names: [set(&spec.female_names), set(&spec.male_names)],
            words: Arc::clone(&spec.words),
            chars: PyChars::new(),
            forms: [forms(FORMS[0])?, forms(FORMS[1])?],
        })
    }

    /// The first word of each pronoun's family, as a candidate when it has a candidate's
    /// shape, the [`WINDOW`] bytes before it name an organisation with no person after it,
    /// and the text before it names no person of its gender.
    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        for pronoun in 0..FORMS.len() {
            let Some((start, end)) = self.first_form(text, pronoun) else {
                continue;
            };
            if !self.is_candidate(text, start, end) {
                continue;
            }
            if self.refers_to_organisation(&text[..start])
                && !self.has_person(window_before(text, start), pronoun, true)
                && !self.has_person(&text[..start], pronoun, false)
            {
                hits.push(Hit::new(rule, start, end, None));
            }
        }
    }

    /// Whether the text before a candidate names an organisation it could refer to, given
    /// `window`, that text (the core's condition: its last [`WINDOW`] bytes are read) or
    /// the candidate's sentence up to it and the two sentences before (the adapter's).
    pub fn refers_to_organisation(&self, window: &str) -> bool {
        let window = window_before(window, window.len());
        let words = self.chars.words(window, 0);
        (0..words.len()).any(|index| self.is_organisation(window, &words, index))
    }

    /// The first whole word of the pronoun's family in `text`.
    fn first_form(&self, text: &str, pronoun: usize) -> Option<(usize, usize)> {
        self.forms[pronoun]
            .find_iter(text)
            .map(|found| (found.start(), found.end()))
            .find(|&(start, end)| {
                self.chars.is_boundary(text, start) && self.chars.is_boundary(text, end)
            })
    }

    /// `she`/`he` (either case of the first letter) before a space and a lower-case letter,
    /// or `his`/`her` (the same) before a space and a lower-case word that is none of
    /// [`NOT_AFTER_POSSESSIVE`].
    fn is_candidate(&self, text: &str, start: usize, end: usize) -> bool {
        let word = &text[start..end];
        let Some(rest) = text[end..].strip_prefix(' ') else {
            return false;
        };
        if !rest.chars().next().is_some_and(|c| c.is_lowercase()) {
            return false;
        }
        match word {
            "She" | "she" | "He" | "he" => true,
            "his" | "her" | "His" | "Her" => {
                let next = self
                    .chars
                    .words(rest, 0)
                    .first()
                    .map_or("", |&(from, to)| &rest[from..to]);
                next.chars().next() == rest.chars().next() && !NOT_AFTER_POSSESSIVE.contains(&next)
            }
            _ => false,
        }
    }

    /// Whether `text` names a person the pronoun could refer to: a title, a first name or
    /// a noun of the pronoun's gender, a two-word personal name, and when `near` (the
    /// window before the pronoun) a person noun (see [`PronounGenderRule::is_person`]) or a
    /// surname (see [`PronounGenderRule::is_surname`]).
    fn has_person(&self, text: &str, pronoun: usize, near: bool) -> bool {
        let found = if near {
            let words = self.chars.words(text, 0);
            let named = self.organisation_names(text, &words);
            (0..words.len()).any(|index| {
                let next = words.get(index + 1).copied();
                self.is_person(text, words[index], next, pronoun, true)
                    || self.is_surname(text, &words, index, pronoun, &named)
            })
        } else {
            // The whole text before the pronoun: its words read one at a time, no list kept.
            let mut words = self.chars.word_spans(text, 0).peekable();
            std::iter::from_fn(|| words.next().map(|word| (word, words.peek().copied())))
                .any(|(word, next)| self.is_person(text, word, next, pronoun, false))
        };
        found || self.has_personal_name(text, pronoun, near)
    }

    /// The capitalised words of `text` that name an organisation: the word after it is an
    /// organisation noun (`the Likud party`), or a comma follows it and one of the three
    /// words after it is (`Lumen, the start-up`).
    fn organisation_names<'t>(&self, text: &'t str, words: &[(usize, usize)]) -> HashSet<&'t str> {
        words
            .iter()
            .enumerate()
            .filter(|&(index, &(start, end))| {
                let after = if text[end..].starts_with(',') { 3 } else { 1 };
                is_capitalised(&text[start..end])
                    && words[index + 1..].iter().take(after).any(|&(from, to)| {
                        self.organisations.contains(bare(&lower(&text[from..to])))
                    })
            })
            .map(|(_, &(start, end))| bare(&text[start..end]))
            .collect()
    }

    /// A capitalised word that acts as a person: a possessive, or see [`acts_as_person`]
    /// (not `Lebanese savers`, `on Friday 858`), that is no common English word, no title, organisation noun or
    /// organisation's name (see
    /// [`PronounGenderRule::organisation_names`]), standing alone (no capitalised word
    /// next to it: those are read in pairs; but `Tim Henman's` is a person), not after `the` or a word that comes before
    /// places ([`BEFORE_PLACES`]: `in Lebanon`, `northern Mali`), and neither a first name of
    /// the other gender only nor after one or a title of the other gender (`Mr Roux` for
    /// `she`): a surname or a single name (`Sharon`, `Aaliyah`).
    fn is_surname(
        &self,
        text: &str,
        words: &[(usize, usize)],
        index: usize,
        pronoun: usize,
        named: &HashSet<&str>,
    ) -> bool {
        let (start, end) = words[index];
        let word = bare(&text[start..end]);
        let possessive = word.len() < end - start;
        let acts = possessive || acts_as_person(&text[end..]);
        acts && is_capitalised(word)
            && !TITLES.contains(&word)
            && !named.contains(word)
            && !self.organisations.contains(lower(word).as_ref())
            && !self.is_other_name(word, pronoun)
            && !(index > 0 && {
                let (from, to) = words[index - 1];
                let previous = &text[from..to];
                let lower = lower(previous);
                lower == "the"
                    || BEFORE_PLACES.contains(&lower.as_ref())
                    || (is_capitalised(previous)
                        && &text[to..start] == " "
                        && !TITLES.contains(&previous)
                        && !possessive)
                    || self.is_other_name(previous, pronoun)
                    || (TITLES.contains(&previous)
                        && self.gendered[1 - pronoun].contains(lower.as_ref())
                        && !self.gendered[pronoun].contains(lower.as_ref()))
            })
            && !words
                .get(index + 1)
                .is_some_and(|&(from, to)| is_capitalised(&text[from..to]))
            && !self.is_common(word)
    }

    /// Whether `word` is a first name of the other gender only (`Ali` for `she`).
    fn is_other_name(&self, word: &str, pronoun: usize) -> bool {
        self.names[1 - pronoun].contains(word) && !self.names[pronoun].contains(word)
    }

    /// Whether the word at `index` of `words` (spans of `text`) names an organisation: an
    /// organisation noun, its possessive, or a body's acronym (see
    /// [`PronounGenderRule::is_body`]).
    fn is_organisation(&self, text: &str, words: &[(usize, usize)], index: usize) -> bool {
        let (start, end) = words[index];
        self.organisations.contains(bare(&lower(&text[start..end])))
            || self.is_body(text, words, index)
    }

    /// Whether `word` (a span of `text`, `next` the word after it) names a person the
    /// pronoun could refer to: when `nouns`, a person noun (singular, unless before an organisation
    /// noun: `the official agency`; not of the other gender: `chairman` for `she`, a female
    /// noun for `he`) or an age (`a 22-year-old gamer`); a noun or title of the pronoun's gender, a title (unless of the other gender,
    /// or before a first name of the other gender: `Dr Nadia Roux` for `he`), a first name
    /// of the pronoun's gender.
    fn is_person(
        &self,
        text: &str,
        (start, end): (usize, usize),
        next: Option<(usize, usize)>,
        pronoun: usize,
        nouns: bool,
    ) -> bool {
        let word = &text[start..end];
        let lower = lower(word);
        let bare = bare(&lower);
        let other_gender = || {
            if pronoun == 0 {
                bare.ends_with("man") && !bare.ends_with("woman")
            } else {
                self.gendered[0].contains(bare)
            }
        };
        if nouns && bare.ends_with("year-old") {
            return true;
        }
        if nouns
            && self.persons.contains(bare)
            && !other_gender()
            && !next.is_some_and(|(from, to)| {
                self.organisations
                    .contains(crate::words::lower(&text[from..to]).as_ref())
            })
        {
            return true;
        }
        if TITLES.contains(&word) {
            let title_of_other = self.gendered[1 - pronoun].contains(lower.as_ref())
                && !self.gendered[pronoun].contains(lower.as_ref());
            let name_of_other =
                next.is_some_and(|(from, to)| self.is_other_name(&text[from..to], pronoun));
            return !title_of_other && !name_of_other;
        }
        self.gendered[pronoun].contains(bare) || self.names[pronoun].contains(word)
    }

    /// An all-capital acronym of three letters or more (`WHO`, `ECOWAS`), not in a run of
    /// words in capitals (a heading): a body, as a person is never written so.
    fn is_body(&self, text: &str, words: &[(usize, usize)], index: usize) -> bool {
        let capitals = |index: usize, least: usize| {
            words.get(index).is_some_and(|&(start, end)| {
                end - start >= least && text[start..end].bytes().all(|b| b.is_ascii_uppercase())
            })
        };
        capitals(index, 3) && !(index > 0 && capitals(index - 1, 2)) && !capitals(index + 1, 2)
    }

    /// Two capitalised words in a row, not after `the `, neither of them a common English
    /// word nor the second an organisation noun (when `near`, the window before the
    /// pronoun: the first may be common but no function word, and then the second no
    /// compound, or the pair acts as a person: see [`acts_as_person`]), the first no title (see [`PronounGenderRule::mention`]) nor a first name of the
    /// other gender only: a personal name the pronoun could refer to (Karima Bensaïd, not
    /// Human Rights). Every two neighbouring capitalised words are read (`the Labor Party
    /// Shimon Peres`).
    fn has_personal_name(&self, sentence: &str, pronoun: usize, near: bool) -> bool {
        let mut at = 0;
        while at < sentence.len() {
            if let Some(end) = self.name_at(sentence, at) {
                let pair = &sentence[at..end];
                let (first, second) = pair.split_once(' ').unwrap_or((pair, ""));
                // Near the pronoun a common first name will do (`Tim Henman`), but not
                // before a compound (`Economic Co-operation`).
                let first_named = if near {
                    !self.is_at_least(first, FUNCTION_WORD_ZIPF) && !second.contains('-')
                } else {
                    !self.is_common(first)
                };
                // Near the pronoun, a pair that acts as a person is one (`Gordon Brown is`),
                // unless it ends a body's name (`the Ministry of Public Health reported`).
                let acting = near
                    && !self.is_at_least(first, FUNCTION_WORD_ZIPF)
                    && acts_as_person(&sentence[end..])
                    && !self.names_a_body(&sentence[..at]);
                if (acting
                    || first_named
                        && !self.is_common(second)
                        && !self.organisations.contains(&bare(second).to_lowercase()))
                    && !TITLES.contains(&first)
                    && !self.is_other_name(first, pronoun)
                {
                    return true;
                }
                at += first.len();
            } else {
                // A pair starts at an ASCII capital (`name_at`): the next one is the next try.
                at = sentence.as_bytes()[at + 1..]
                    .iter()
                    .position(u8::is_ascii_uppercase)
                    .map_or(sentence.len(), |offset| at + 1 + offset);
            }
        }
        false
    }

    /// Whether `head`, the text before a capitalised pair, ends with an organisation noun and
    /// `of` (`the Ministry of Public Health`): the pair may be part of the body's name.
    fn names_a_body(&self, head: &str) -> bool {
        head.strip_suffix(" of ").is_some_and(|head| {
            let noun = head
                .rsplit(|c: char| !self.chars.is_word(c))
                .next()
                .unwrap_or("");
            self.organisations.contains(&noun.to_lowercase())
        })
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
        self.is_at_least(word, COMMON_WORD_ZIPF)
    }

    /// Whether `word` is at least `zipf` frequent in English.
    fn is_at_least(&self, word: &str, zipf: f64) -> bool {
        // A word the table cannot decide is no word of letters: only numbers and a few
        // abbreviations (`u.s`) of that shape are this frequent, and no name is one.
        self.words
            .zipf_at_least(Lang::En, &key(word), zipf)
            .unwrap_or(false)
    }
}

/// The last [`WINDOW`] bytes of `text[..end]`, from the first word that starts in them (a
/// word cut by the window's edge is left out: `accompany` names no company).
fn window_before(text: &str, end: usize) -> &str {
    if end <= WINDOW {
        return &text[..end];
    }
    let mut from = end - WINDOW;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let cut = &text[from..end];
    if text[..from]
        .chars()
        .next_back()
        .is_some_and(char::is_whitespace)
    {
        return cut;
    }
    let start = cut
        .char_indices()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(cut.len(), |(at, c)| at + c.len_utf8());
    &cut[start..]
}

/// Whether the text after a name makes it act as a person: a verb of [`AFTER_NAMES`] or
/// in `-ed` follows (`Sharon has`, `Stalin ordered`), or `, who`.
fn acts_as_person(after: &str) -> bool {
    let rest = after.trim_start();
    let (comma, rest) = match rest.strip_prefix(',') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, rest),
    };
    let next: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    if comma {
        return next == "who";
    }
    AFTER_NAMES.contains(&next.as_str()) || (next.len() > 3 && next.ends_with("ed"))
}

/// `word` without a final `'s` or `’s`.
fn bare(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// Whether `word` starts with a capital and holds a lower-case letter (not `WHO`).
fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && word.chars().any(char::is_lowercase)
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{PronounGenderRule, PronounGenderSpec};
    use crate::words::WordTable;

    fn rule() -> PronounGenderRule {
        let list = |words: &[&str]| words.iter().map(|word| word.to_string()).collect();
        let common = [
            "human", "rights", "rain", "fell", "later", "then", "news", "the", "our", "its", "her",
        ]
        .map(|word| format!("{word}\t5.00\t3.00\n"))
        .concat();
        PronounGenderRule::new(&PronounGenderSpec {
            organisations: list(&["agency", "group", "company", "ministry", "start-up"]),
            persons: list(&["director", "founder", "woman", "official", "chairman"]),
            female_nouns: list(&["woman", "mrs", "ms", "aunt"]),
            female_names: list(&["Nadia"]),
            male_names: list(&["Paul"]),
            words: Arc::new(WordTable::parse(&common).unwrap()),
        })
        .unwrap()
    }

    /// The candidates of `text`, as the words they cover.
    fn candidates(text: &str) -> Vec<&str> {
        let mut hits = Vec::new();
        rule().check(0, &crate::doc::Doc::new(text), &mut hits);
        hits.iter().map(|hit| &text[hit.start..hit.end]).collect()
    }

    #[test]
    fn a_subject_or_possessive_after_an_organisation_is_a_candidate() {
        assert_eq!(candidates("The agency denied it. She said so."), ["She"]);
        assert_eq!(
            candidates("Our ministry reports that she has opened six centres."),
            ["she"]
        );
        assert_eq!(
            candidates("Later, the ministry and his partners met."),
            ["his"]
        );
        assert_eq!(candidates("The ZQWX said she was ready to act."), ["she"]);
        assert_eq!(candidates("The pact (ZQWX) grew. He would act."), ["He"]);
        assert_eq!(
            candidates("The company grew. She sells her best tools."),
            ["She"]
        );
        assert_eq!(
            candidates("Zorvik, the start-up, grew. Zorvik hired. She sells tools."),
            ["She"]
        );
    }

    #[test]
    fn only_the_first_form_of_each_pronoun_and_only_subjects_and_possessives() {
        assert!(candidates("She came. The agency denied it. She said so.").is_empty());
        assert!(candidates("The agency told her that it was over.").is_empty());
        assert!(candidates("The agency denied it. Shell said so.").is_empty());
        assert!(candidates("The group met him. He said so.").is_empty());
    }

    #[test]
    fn a_person_anywhere_before_stops_it() {
        assert!(candidates("The agency hired Karima Bensaïd. She said so.").is_empty());
        assert!(candidates("The company's founder spoke. She said so.").is_empty());
        assert!(candidates("The agency met Ms Roux. She said so.").is_empty());
        assert!(candidates("Her aunt came. Rain fell. The agency closed. She wept.").is_empty());
        let far = format!(
            "Nadia left. {}The agency closed. She wept.",
            "Rain fell. ".repeat(80)
        );
        assert!(candidates(&far).is_empty());
        assert!(candidates("Zorvik said the agency closed. He wept.").is_empty());
        assert!(candidates("The agency met the Labor Party Shimon Peres. He wept.").is_empty());
        assert!(candidates("Later, Zorvik, who ran the agency, wept. He left.").is_empty());
        assert!(candidates("A 40-year-old joined the agency. He left.").is_empty());
        assert!(candidates("Rain fell. Human Rights is an agency. He left.").is_empty());
    }

    #[test]
    fn nobody_the_pronoun_could_be_is_no_person() {
        // A man for `she`, a woman for `he`, people in the plural.
        assert_eq!(
            candidates("The group chairman came. The agency said she would act."),
            ["she"]
        );
        assert!(candidates("The group chairman came. The agency said he would act.").is_empty());
        assert_eq!(
            candidates("A woman came. The agency said he would."),
            ["he"]
        );
        assert_eq!(
            candidates("Its directors met. The agency said she would."),
            ["she"]
        );
        assert_eq!(
            candidates("Paul Roux left. The agency said she would."),
            ["she"]
        );
        assert!(candidates("Paul Roux left. The agency said he would.").is_empty());
        assert_eq!(
            candidates("Dr Nadia Roux left. The agency said he would."),
            ["he"]
        );
        assert!(candidates("Dr Roux left. The agency said she would.").is_empty());
        assert_eq!(
            candidates("Mr Roux left. The agency said she would."),
            ["she"]
        );
        assert_eq!(
            candidates("The official agency for Human Rights grew. She said so."),
            ["She"]
        );
        // A pair of common words after an organisation noun and `of` ends the body's name
        // even before a verb; a personal name there is still a person.
        assert_eq!(
            candidates("The Ministry of Human Rights reported cases. He fears more."),
            ["He"]
        );
        assert!(candidates("A friend of Human Rights reported cases. He fears more.").is_empty());
        assert!(candidates("The group of Zork Blent reported cases. He fears more.").is_empty());
    }

    #[test]
    fn the_window_is_bounded_and_cut_words_name_nothing() {
        let far = format!("The agency grew. {} She said so.", "Rain fell. ".repeat(60));
        assert!(candidates(&far).is_empty());
        let cut = format!(
            "{}accompany {} he said so.",
            "x".repeat(40),
            "y ".repeat(296)
        );
        assert!(candidates(&cut).is_empty());
    }

    #[test]
    fn the_judge_wants_an_organisation_in_the_window() {
        let rule = rule();
        assert!(rule.refers_to_organisation("The ministry spoke. It added that "));
        assert!(rule.refers_to_organisation("Later, the ZQWX said "));
        assert!(!rule.refers_to_organisation("The sky was grey. It rained and "));
        assert!(!rule.refers_to_organisation("NEWS FROM ZQWX TODAY Rain fell and "));
    }
}
