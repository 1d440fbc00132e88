//! The `glued-words` kind: two English words written without the space between them
//! (`cleanup/kinds/glued_words.py` holds the rule's description and data reading).
//!
//! A token is split only when the whole token is not in the word table, it is plain
//! letters, and exactly one split point gives two halves that are common English words, one
//! of them a function word; a rare compound (a particle of `compound_parts` in its place) or
//! a capitalised token starting with a function word (a name) is left alone. Whether
//! wordfreq lists the token at any frequency is answered by the generated `listed` words
//! when they cover the rule; whether it lists the base form of an inflection (`notabilities`
//! from `notability`) by the table when it holds the base. What only wordfreq can answer goes
//! to Python with the hit (`ask_listed`: the token; `ask_forms`: the bases, space-separated),
//! and the adapter drops the hit when wordfreq lists one of them.

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxHashSet as HashSet;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::doc::Doc;
use crate::engine::Hit;
use crate::words::is_run_char;
use crate::words::{key, Lang, WordTable};

#[derive(Clone, Debug)]
pub struct GluedWordsSpec {
    /// Lower-case halves that make a split believable.
    pub function_words: Vec<String>,
    /// Least English Zipf value of each half (at least 3: the table decides).
    pub min_half_zipf: f64,
    /// Every word wordfreq lists that this rule could split, when the generated list covers
    /// the rule's function words and threshold (None: ask wordfreq).
    pub listed: Option<Vec<String>>,
    /// Particles that make hyphenless compounds: as prefixes (over-), as suffixes (-about).
    pub prefixes: Vec<String>,
    pub suffixes: Vec<String>,
    /// Lower-case words MT glues to the end of a name (`Ifremerwhich`, `Lafonin`): the token
    /// splits before one only when the name stands alone elsewhere in the document.
    pub after_names: Vec<String>,
    /// Those of them no name ends with (`which`, `whom`): no other evidence is needed.
    pub after_names_free: Vec<String>,
    pub words: Arc<WordTable>,
}

pub struct GluedWordsRule {
    function_words: HashSet<String>,
    min_half_zipf: f64,
    listed: Option<HashSet<String>>,
    prefixes: HashSet<String>,
    suffixes: HashSet<String>,
    after_names: HashSet<String>,
    after_names_free: HashSet<String>,
    words: Arc<WordTable>,
}

/// Inflections and British/American spellings: (ending, what replaces it in the base form).
const FORMS: &[(&str, &str)] = &[
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ied", "y"),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ise", "ize"),
    ("ises", "ize"),
    ("ised", "ize"),
    ("ising", "ize"),
    ("our", "or"),
];
/// A base form shorter than this (in characters) is not asked about.
const MIN_BASE: usize = 4;

/// Python's `\w` (`re`): alphanumeric (`str.isalnum`) or `_`.
fn is_py_word_char(c: char) -> bool {
    c == '_'
        || c.is_ascii_alphanumeric()
        || is_run_char(c)
        || (!c.is_ascii() && c.general_category() == GeneralCategory::DecimalNumber)
}

impl GluedWordsRule {
    pub fn new(spec: &GluedWordsSpec) -> Result<GluedWordsRule, (&'static str, String)> {
        if spec.min_half_zipf < crate::words::COMMON_ZIPF {
            return Err((
                "min_half_zipf",
                format!(
                    "'min_half_zipf' below {} needs wordfreq for every half (the word table holds \
                     every word at least that frequent)",
                    crate::words::COMMON_ZIPF
                ),
            ));
        }
        let set = |items: &[String]| items.iter().cloned().collect::<HashSet<String>>();
        Ok(GluedWordsRule {
            function_words: set(&spec.function_words),
            min_half_zipf: spec.min_half_zipf,
            listed: spec.listed.as_deref().map(set),
            prefixes: set(&spec.prefixes),
            suffixes: set(&spec.suffixes),
            after_names: set(&spec.after_names),
            after_names_free: set(&spec.after_names_free),
            words: Arc::clone(&spec.words),
        })
    }

    /// Push a hit for every glued token (or a candidate carrying what wordfreq must answer).
    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        let mut counts: Option<HashMap<&str, usize>> = None; // built on the first name split
        let mut at = 0;
        while let Some((start, end)) = candidate(text, at) {
            let first_len = text[start..].chars().next().map_or(1, char::len_utf8);
            // Not part of a longer word, URL, handle, hashtag or file name.
            let before_ok = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !(is_py_word_char(c) || "@#/.-'’".contains(c)));
            let mut after = text[end..].chars();
            let after_ok = match after.next() {
                None => true,
                Some('.') => !after.next().is_some_and(|c| c.is_ascii_lowercase()),
                Some(c) => !(is_py_word_char(c) || "@/-'’".contains(c)),
            };
            if !(before_ok && after_ok) {
                at = start + first_len;
                continue;
            }
            at = end;
            let token = &text[start..end];
            let lower = crate::words::lower(token);
            // Lower-case Latin-1 letters: `lower` is its own table key.
            if self.words.contains(&lower) {
                continue; // a common English or French word
            }
            let (split, by_name) = match self.split(&lower) {
                Some(split) => {
                    if self.may_be_word(token, &lower, split) {
                        continue;
                    }
                    (split, false)
                }
                None => match self.name_split(text, token, &lower, &mut counts) {
                    Some(split) => (split, true),
                    None => continue,
                },
            };
            // The generated list holds only the words the function-word split could make:
            // whether wordfreq lists a name (`Clinton`) is always asked.
            let ask_listed = match &self.listed {
                Some(listed) if listed.contains(lower.as_ref()) => continue,
                Some(_) => by_name,
                None => true,
            };
            let mut ask_forms = Vec::new();
            let mut is_form = false;
            for base in bases(&lower) {
                if base.chars().count() < MIN_BASE {
                    continue;
                }
                if self.words.contains(&key(&base))
                    || self
                        .listed
                        .as_ref()
                        .is_some_and(|listed| listed.contains(&base))
                {
                    is_form = true; // notabilities, notarise: a form of a word wordfreq lists
                    break;
                }
                ask_forms.push(base);
            }
            if is_form {
                continue;
            }
            let point = start + lower_to_token_bytes(token, split);
            let mut hit = Hit {
                rule,
                start,
                end,
                edit: Some((point, point)),
                replacement: Some(" ".to_string()),
                extra: None,
            };
            let fields = &mut hit.extra_mut().fields;
            fields.push((
                "replacement",
                format!("{} {}", &token[..point - start], &token[point - start..]),
            ));
            if ask_listed {
                fields.push(("ask_listed", lower.to_string()));
            }
            if !ask_forms.is_empty() {
                ask_forms.sort();
                ask_forms.dedup();
                fields.push(("ask_forms", ask_forms.join(" ")));
            }
            hits.push(hit);
        }
    }

    /// The one split point (in characters) into two common English words, one of them a
    /// function word; None for no split or several.
    fn split(&self, lower: &str) -> Option<usize> {
        let chars: Vec<usize> = lower.char_indices().map(|(at, _)| at).collect();
        let last = chars.len().saturating_sub(1);
        let mut found = None;
        for (index, &at) in chars.iter().enumerate().take(last).skip(2) {
            let (left, right) = lower.split_at(at);
            if !self.function_words.contains(left) && !self.function_words.contains(right) {
                continue;
            }
            if self.common(left) && self.common(right) {
                if found.is_some() {
                    return None;
                }
                found = Some(index);
            }
        }
        found
    }

    /// The one split point (in characters) of a capitalised name and a word of `after_names`
    /// glued to it (`Ifremerwhich`, `Lafonin`): the name is not a common English word, has
    /// four letters or more (`Ben` + `said` may be Bensaid), and (unless the word is one no
    /// name ends with, `which`) stands alone elsewhere in the document, where the glued token
    /// does not occur again. The document's word counts are built once, on the first need.
    fn name_split<'t>(
        &self,
        text: &'t str,
        token: &str,
        lower: &str,
        counts: &mut Option<HashMap<&'t str, usize>>,
    ) -> Option<usize> {
        if self.after_names.is_empty() && self.after_names_free.is_empty() {
            return None;
        }
        let mut chars = token.chars();
        if !chars.next().is_some_and(char::is_uppercase) || chars.any(char::is_uppercase) {
            return None;
        }
        let mut found = None;
        for (index, (at, _)) in lower.char_indices().enumerate().skip(4) {
            let right = &lower[at..];
            let free = self.after_names_free.contains(right);
            if !free && !self.after_names.contains(right) {
                continue;
            }
            let name = &token[..lower_to_token_bytes(token, index)];
            if self.common(&lower[..at]) {
                continue; // Justin, Marathon: a word, not a name, before the ending
            }
            if !free {
                let counts = counts.get_or_insert_with(|| word_counts(text));
                let count = |word: &str| counts.get(word).copied().unwrap_or(0);
                if count(name) == 0 || count(token) > 1 {
                    continue;
                }
            }
            if found.is_some() {
                return None;
            }
            found = Some(index);
        }
        found
    }

    /// English Zipf at least `min_half_zipf` (a half that is not a word never is).
    fn common(&self, half: &str) -> bool {
        self.words
            .zipf_at_least(Lang::En, &key(half), self.min_half_zipf)
            .unwrap_or(false)
    }

    /// Whether the token may still be a word: a rare compound or a name.
    fn may_be_word(&self, token: &str, lower: &str, split: usize) -> bool {
        let at = lower
            .char_indices()
            .nth(split)
            .map_or(lower.len(), |(at, _)| at);
        let (left, right) = lower.split_at(at);
        if self.prefixes.contains(left) && !self.function_words.contains(right) {
            return true; // over- + mighty: a hyphenless compound
        }
        if self.suffixes.contains(right)
            && (!self.function_words.contains(left) || self.prefixes.contains(left))
        {
            return true; // run + -about, there- + -after
        }
        token.chars().next().is_some_and(char::is_uppercase) && self.function_words.contains(left)
    }
}

/// A capital or lower-case letter of the candidates' alphabet (`[A-ZÀ-Ý]`, `[a-zß-öø-ÿ]`)
/// starting at byte `at`, with its length.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Letter {
    Capital,
    Small,
}

fn letter_at(bytes: &[u8], at: usize) -> Option<(Letter, usize)> {
    match bytes[at] {
        b'A'..=b'Z' => Some((Letter::Capital, 1)),
        b'a'..=b'z' => Some((Letter::Small, 1)),
        0xC3 => match bytes.get(at + 1)? {
            0x80..=0x9D => Some((Letter::Capital, 2)), // À-Ý
            0x9F..=0xB6 | 0xB8..=0xBF => Some((Letter::Small, 2)), // ß-ö, ø-ÿ
            _ => None,
        },
        _ => None,
    }
}

/// The end of the run of small letters starting at `at`, and its length in letters.
fn small_run(bytes: &[u8], mut at: usize) -> (usize, usize) {
    let mut count = 0;
    while at < bytes.len() {
        match letter_at(bytes, at) {
            Some((Letter::Small, length)) => {
                at += length;
                count += 1;
            }
            _ => break,
        }
    }
    (at, count)
}

/// The first match at or after `from` of `[A-ZÀ-Ý]?[a-zß-öø-ÿ]{6,}` (the leftmost start,
/// the capital taken when it can be, every small letter after it), in one pass over bytes.
fn candidate(text: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut at = from;
    while at < bytes.len() {
        match letter_at(bytes, at) {
            Some((Letter::Capital, length)) => {
                let (end, count) = small_run(bytes, at + length);
                if count >= 6 {
                    return Some((at, end));
                }
                at = end; // no match starts inside a run of fewer than six small letters
            }
            Some((Letter::Small, _)) => {
                let (end, count) = small_run(bytes, at);
                if count >= 6 {
                    return Some((at, end));
                }
                at = end;
            }
            // A byte starting no letter of the alphabet (ASCII, a lead or continuation byte
            // other than 0xC3): letters start only at ASCII bytes and 0xC3.
            None => at += 1,
        }
    }
    None
}

/// How many times each whole word (a run of word characters) occurs in `text`.
fn word_counts(text: &str) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for word in text.split(|c: char| !is_py_word_char(c)) {
        if !word.is_empty() {
            *counts.entry(word).or_insert(0) += 1;
        }
    }
    counts
}

/// The byte offset in `token` of its `split`-th character.
fn lower_to_token_bytes(token: &str, split: usize) -> usize {
    token
        .char_indices()
        .nth(split)
        .map_or(token.len(), |(at, _)| at)
}

/// The base forms `lower` may be an inflection or other spelling of.
fn bases(lower: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (ending, base_ending) in FORMS {
        if let Some(stem) = lower.strip_suffix(ending) {
            let base = format!("{stem}{base_ending}");
            if (*ending == "ed" || *ending == "ing") && base.chars().count() > 2 {
                let mut last = base.chars().rev();
                if last.next() == last.next() {
                    let mut shorter = base.clone();
                    shorter.pop(); // doubled consonant: planned, running
                    found.push(shorter);
                }
            }
            found.push(base);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use regex::Regex;

    use super::{bases, candidate, GluedWordsRule, GluedWordsSpec};
    use crate::testing::random_texts;
    use crate::words::WordTable;

    const TABLE: &str = "government\t5.50\t2.00\nsaid\t6.00\t3.00\nthe\t7.70\t4.00\n\
                         over\t6.00\t3.00\nmighty\t4.00\t1.00\nrun\t5.50\t2.00\nabout\t6.00\t3.00\n\
                         field\t5.00\t2.00\nhad\t6.00\t2.00\nnotability\t3.10\t-\nnews\t5.80\t3.00\n";

    fn found(text: &str, listed: Option<Vec<String>>) -> Vec<(usize, usize, Vec<String>)> {
        let rule = GluedWordsRule::new(&GluedWordsSpec {
            function_words: ["said", "the", "over", "about", "had"]
                .map(String::from)
                .to_vec(),
            min_half_zipf: 3.0,
            listed,
            prefixes: vec!["over".into()],
            suffixes: vec!["about".into()],
            after_names: vec!["said".into(), "in".into()],
            after_names_free: vec!["which".into()],
            words: Arc::new(WordTable::parse(TABLE).unwrap()),
        })
        .unwrap();
        let mut hits = Vec::new();
        rule.check(0, &crate::doc::Doc::new(text), &mut hits);
        hits.into_iter()
            .map(|hit| {
                let extra = hit.extra.unwrap();
                let fields = extra.fields.into_iter().map(|(_, value)| value).collect();
                (hit.start, hit.edit.unwrap().0, fields)
            })
            .collect()
    }

    #[test]
    fn a_glued_token_is_split_once() {
        assert_eq!(
            found("The governmentsaid so.", Some(vec![])),
            vec![(4, 14, vec!["government said".to_string()])]
        );
        let asked = found("governmentsaid", None);
        assert_eq!(asked[0].2, vec!["government said", "governmentsaid"]);
        assert!(found("Thegovernment", None).is_empty()); // a name, as Hadfield
    }

    #[test]
    fn words_compounds_names_and_addresses_stay() {
        let none = Some(vec![]);
        for text in [
            "overmighty",
            "runabout",
            "Hadfield",
            "governmentsaid.com",
            "@governmentsaid",
            "governmentsaid2",
            "the-governmentsaid",
        ] {
            assert!(found(text, none.clone()).is_empty(), "{text}");
        }
        assert!(found("governmentsaid", Some(vec!["governmentsaid".into()])).is_empty());
    }

    #[test]
    fn a_name_glued_to_a_word_splits_with_evidence() {
        let none = Some(vec![]);
        // `which` ends no name: split without other evidence.
        assert_eq!(
            found("tested by Ifremerwhich could", none.clone()),
            vec![(
                10,
                17,
                vec!["Ifremer which".to_string(), "ifremerwhich".to_string()]
            )]
        );
        // `in` and `said` end names (Lenin, Bensaid): only when the name stands alone elsewhere.
        assert!(found("praised by Lafonin Paris", none.clone()).is_empty());
        assert_eq!(
            found("Lola Lafon wrote. The author Lafonin Paris", none.clone()),
            vec![(29, 34, vec!["Lafon in".to_string(), "lafonin".to_string()])]
        );
        // The glued form used twice is a name of its own; a common word before the ending
        // (`News` + `in`) is no name.
        assert!(found("Lafon and Lafonin, Lafonin", none.clone()).is_empty());
        assert!(found("News came. Newsin", none.clone()).is_empty());
        assert!(found("Bensaid met Ben", none).is_empty());
    }

    #[test]
    fn candidates_are_the_regex_matches() {
        let regex = Regex::new("[A-ZÀ-Ý]?[a-zß-öø-ÿ]{6,}").unwrap();
        for text in random_texts("aAzZ×÷ßöøÿÝÞàÀ1 éÉāé-abcdefabcdef", 7, 20_000, 24) {
            let mut at = 0;
            while at <= text.len() {
                let expected = regex.find_at(&text, at).map(|m| (m.start(), m.end()));
                assert_eq!(candidate(&text, at), expected, "{text:?} from {at}");
                at += text[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }

    #[test]
    fn bases_of_inflections() {
        assert!(bases("notabilities").contains(&"notability".to_string()));
        assert!(bases("planned").contains(&"plan".to_string()));
        assert!(bases("notarise").contains(&"notarize".to_string()));
    }
}
