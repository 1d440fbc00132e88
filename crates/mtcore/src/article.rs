//! The `indefinite-article` kind: `a` before a vowel sound and `an` before a consonant
//! (`cleanup/kinds/article.py` holds the rule's description and data reading).
//!
//! The sound of a lower-case English word is guessed from its spelling and a table of word
//! beginnings that break the spelling rule (the longest listed beginning wins). Two questions
//! need English word frequencies at a Zipf threshold of 2, below what the shipped table holds
//! in full: whether the stem after `un` is an English word (the negative prefix), and whether
//! the word itself is English. For a word the table holds it answers; for one it lacks, the
//! hit goes to Python as a candidate carrying the questions (`ask_*` fields), and the
//! adapter asks wordfreq (`IndefiniteArticleKind.complete`).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use regex::Regex;

use crate::doc::Doc;
use crate::engine::Hit;
use crate::words::{is_letter, key, Lang, WordTable};

/// The rule's data, as the Python kind read it (prefixes and words already lower case).
#[derive(Clone, Debug)]
pub struct ArticleSpec {
    /// Word beginning → whether it sounds like a vowel.
    pub sounds: Vec<(String, bool)>,
    /// Two-consonant beginnings English words have.
    pub onsets: Vec<String>,
    /// Words no indefinite article can precede.
    pub never_after: Vec<String>,
    pub words: Arc<WordTable>,
}

/// Characters in the 16 before an article that make an `A` a sentence's first word.
const SENTENCE_START_WINDOW: usize = 16;
const VOWELS: &str = "aeiou";
/// A word without any of these is not read as spelt (ntl, hmm).
const VOWEL_LETTERS: &str = "aeiouy";
/// Letters whose name starts with a vowel sound ("an x-ray", "an f-word", "an s-bend").
const VOWEL_NAMED_LETTERS: &str = "aefilmnorsx";
const MIN_ENGLISH_ZIPF: f64 = 2.0;
const UN_PREFIX: &str = "un";
/// "un" + "ion(s)", "it(s)" are not the prefix.
const MIN_UN_STEM: usize = 4;
const MIN_UN_STEM_ZIPF: f64 = 2.0;

pub struct ArticleRule {
    article: Regex,
    sentence_start: Regex,
    /// `[\w'’\-]`: a character that makes the article the end of a longer word.
    word_char: Regex,
    sounds: HashMap<String, bool>,
    /// The longest prefix of `sounds`, in characters.
    longest: usize,
    onsets: HashSet<String>,
    never_after: HashSet<String>,
    words: Arc<WordTable>,
}

/// A word's first sound as the spelling tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sound {
    /// True: a vowel sound.
    Known(bool),
    /// The word starts with `un` + a stem the table lacks: a vowel sound when the stem is an
    /// English word (Python asks wordfreq), else `otherwise`.
    AskUn(bool),
}

fn compile(source: &str) -> Result<Regex, (&'static str, String)> {
    Regex::new(source).map_err(|error| ("builtin", error.to_string()))
}

impl ArticleRule {
    pub fn new(spec: &ArticleSpec) -> Result<ArticleRule, (&'static str, String)> {
        let mut sounds = HashMap::new();
        for (prefix, vowel) in &spec.sounds {
            if sounds.insert(prefix.clone(), *vowel).is_some() {
                return Err(("sounds", format!("duplicate prefix '{prefix}'")));
            }
        }
        Ok(ArticleRule {
            article: compile(
                r#"(?P<article>[Aa]n?)[ \t]+(?P<quote>[“"‘'(]?)(?P<word>\p{Ll}[\p{L}\p{M}]*)(?P<after>[.@/\-]\w)?"#,
            )?,
            sentence_start: compile(r#"(?m)(?:^|[.!?:;]\s+|[“"(]\s*)$"#)?,
            word_char: compile(r"^[\w'’\-]$")?,
            longest: sounds
                .keys()
                .map(|prefix| prefix.chars().count())
                .max()
                .unwrap_or(0),
            sounds,
            onsets: spec.onsets.iter().cloned().collect(),
            never_after: spec.never_after.iter().cloned().collect(),
            words: Arc::clone(&spec.words),
        })
    }

    /// Push a hit (or a candidate for Python) for every article that does not fit.
    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        let mut at = 0;
        while at < text.len() {
            let Some(whole) = self.article.find_at(text, at) else {
                break;
            };
            let start = whole.start();
            if let Some(previous) = text[..start].chars().next_back() {
                if self.is_word_char(previous) {
                    // Not the end of a longer word (ma, à, l'a): try one character on.
                    at = start + 1; // the article letter is ASCII
                    continue;
                }
            }
            at = whole.end();
            // The groups only now, for a match that starts a word: the search from its start
            // finds the same match.
            let found = self
                .article
                .captures_at(text, start)
                .expect("a match found again from its start");
            let article = found.name("article").map_or("", |group| group.as_str());
            let quote = found.name("quote").map_or("", |group| group.as_str());
            let word = found.name("word").map_or("", |group| group.as_str());
            let after = found.name("after").map(|group| group.as_str());
            if article.starts_with('A') && !self.at_sentence_start(text, start) {
                continue; // "grade A eggs", "Plan A": a letter, not an article
            }
            let lower = word.to_lowercase();
            let is_compound = after.is_some_and(|after| after.starts_with('-'));
            let Some(sound) = self.sound(&lower, is_compound, after.is_some()) else {
                continue; // neither article, or no way to tell from the spelling
            };
            let article_is_an = article.len() == 2;
            // The sound that makes the article wrong, and the question deciding it (if any).
            let (vowel, ask_un) = match sound {
                Sound::Known(vowel) => (vowel, None),
                Sound::AskUn(true) => (true, None),
                // "a" is wrong only if the stem is English (a vowel), "an" only if it is not.
                Sound::AskUn(false) => (!article_is_an, Some(!article_is_an)),
            };
            if vowel == article_is_an {
                continue; // the article fits
            }
            let word_chars = word.chars().count();
            let mut ask_english = false;
            if word_chars > 1 {
                match self.is_english(&lower) {
                    Some(true) => {}
                    Some(false) => continue,
                    None => ask_english = true,
                }
            }
            if word.starts_with(['h', 'H']) && (!vowel || word_chars == 1) {
                continue; // "an historic", "an hotel", "a h-bomb": styles and accents differ
            }
            let wanted = if vowel { "an" } else { "a" };
            let replacement = if article.starts_with('A') {
                if vowel {
                    "An"
                } else {
                    "A"
                }
            } else {
                wanted
            };
            let mut hit = Hit::new(
                rule,
                start,
                start + article.len(),
                Some(replacement.to_string()),
            );
            let fields = &mut hit.extra_mut().fields;
            fields.push(("match", format!("{article} {quote}{word}")));
            if let Some(expected) = ask_un {
                let stem = &lower[UN_PREFIX.len()..];
                fields.push(("ask_un_stem", stem.to_string()));
                fields.push(("ask_un_expect", if expected { "1" } else { "0" }.into()));
            }
            if ask_english {
                fields.push(("ask_english", lower.clone()));
            }
            hits.push(hit);
        }
    }

    /// `[\w'’\-]`: a character of a word the article letter would end. ASCII (the article's
    /// usual neighbour, the end of `data` or `than`) is answered here, the rest by the regex.
    fn is_word_char(&self, c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_alphanumeric() || matches!(c, '_' | '\'' | '-');
        }
        let mut buffer = [0; 4];
        self.word_char.is_match(c.encode_utf8(&mut buffer))
    }

    /// Whether the article at `start` begins a sentence (only there is `A` an article).
    fn at_sentence_start(&self, text: &str, start: usize) -> bool {
        let window = text[..start]
            .char_indices()
            .rev()
            .take(SENTENCE_START_WINDOW)
            .last()
            .map_or(start, |(index, _)| index);
        self.sentence_start.is_match(&text[window..start])
    }

    /// A vowel or consonant sound, or None when the article is not judged.
    fn sound(&self, lower: &str, is_compound: bool, has_suffix: bool) -> Option<Sound> {
        if !is_compound && (has_suffix || self.never_after.contains(lower)) {
            // A domain, address or path (fbi.gov), or a word no indefinite article precedes
            // ("a on", "a its"): a word is missing, so neither article is right.
            return None;
        }
        let chars: Vec<char> = lower.chars().collect();
        if chars.len() == 1 {
            // A letter is read by its name, judged only in a compound ("an x-ray").
            return is_compound.then(|| Sound::Known(VOWEL_NAMED_LETTERS.contains(chars[0])));
        }
        if !chars.iter().any(|&c| VOWEL_LETTERS.contains(c))
            || chars
                .windows(3)
                .any(|three| is_letter(three[0]) && three[0] == three[1] && three[1] == three[2])
        {
            return None; // read letter by letter or not at all (ntl, mph, hmm, ummm)
        }
        if !VOWEL_LETTERS.contains(chars[0])
            && !VOWEL_LETTERS.contains(chars[1])
            && !self.onsets.contains(&chars[..2].iter().collect::<String>())
        {
            return None; // no English word begins so (fbi, mnemonic, fjord)
        }
        let spelt = self.starts_with_vowel_sound(&chars);
        if let Some(stem) = lower.strip_prefix(UN_PREFIX) {
            let stem_chars = chars.len() - 2;
            if stem_chars >= MIN_UN_STEM && !stem.starts_with('i') {
                match self
                    .words
                    .zipf(Lang::En, &key(stem))
                    .map(|zipf| zipf >= MIN_UN_STEM_ZIPF)
                {
                    Some(true) => return Some(Sound::Known(true)),
                    Some(false) => {}
                    None => return Some(Sound::AskUn(spelt)),
                }
            }
        }
        Some(Sound::Known(spelt))
    }

    fn starts_with_vowel_sound(&self, chars: &[char]) -> bool {
        for length in (1..=self.longest.min(chars.len())).rev() {
            let prefix: String = chars[..length].iter().collect();
            if let Some(&vowel) = self.sounds.get(&prefix) {
                return vowel;
            }
        }
        VOWELS.contains(chars[0])
    }

    /// English Zipf of at least 2 and at least the French one, when the table holds the word.
    fn is_english(&self, lower: &str) -> Option<bool> {
        let key = key(lower);
        let english = self.words.zipf(Lang::En, &key)?;
        let french = self.words.zipf(Lang::Fr, &key)?;
        Some(english >= MIN_ENGLISH_ZIPF && english >= french)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{ArticleRule, ArticleSpec};
    use crate::words::WordTable;

    const TABLE: &str = "agreement\t5.00\t2.00\ndifficult\t5.00\t2.00\nimmediate\t5.00\t2.00\n\
                         hour\t5.00\t2.00\nanswerable\t2.50\t-\nété\t3.00\t6.00\nunion\t5.00\t4.00\n";

    fn rule() -> ArticleRule {
        ArticleRule::new(&ArticleSpec {
            sounds: vec![
                ("hour".into(), true),
                ("uni".into(), false),
                ("unan".into(), false),
            ],
            onsets: vec!["bl".into()],
            never_after: vec!["on".into()],
            words: Arc::new(WordTable::parse(TABLE).unwrap()),
        })
        .unwrap()
    }

    type Found = (usize, usize, String, Vec<(&'static str, String)>);

    fn hits(text: &str) -> Vec<Found> {
        let mut hits = Vec::new();
        rule().check(0, &crate::doc::Doc::new(text), &mut hits);
        hits.into_iter()
            .map(|hit| {
                let fields = hit.extra.map(|extra| extra.fields).unwrap_or_default();
                (hit.start, hit.end, hit.replacement.unwrap(), fields)
            })
            .collect()
    }

    #[test]
    fn word_characters_are_the_regex_class() {
        let rule = rule();
        let class = regex::Regex::new(r"^[\w'’\-]$").unwrap();
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let mut buffer = [0; 4];
            assert_eq!(
                rule.is_word_char(c),
                class.is_match(c.encode_utf8(&mut buffer)),
                "{c:?}"
            );
        }
    }

    #[test]
    fn wrong_articles_are_fixed_and_right_ones_left() {
        let found = hits("It was an difficult week. A agreement, a “immediate call, an hour.");
        let spans: Vec<_> = found.iter().map(|hit| (hit.0, hit.2.as_str())).collect();
        assert_eq!(spans, vec![(7, "a"), (26, "An"), (39, "an")]);
        assert_eq!(found[2].3[0].1, "a “immediate");
    }

    #[test]
    fn guards_leave_letters_french_words_and_longer_words_alone() {
        assert!(hits("grade A agreement").is_empty());
        assert!(hits("a été dit, a on, ma agreement, a ummm, an fbi.gov").is_empty());
        assert!(hits("a x-ray").len() == 1 && hits("a x").is_empty());
    }

    #[test]
    fn questions_the_table_cannot_answer_go_to_python() {
        let found = hits("It was a unanswerable question and an zorblat.");
        assert_eq!(found.len(), 2); // the table knows "answerable": a vowel sound
        assert_eq!(found[0].2, "an");
        assert_eq!(found[0].3[1], ("ask_english", "unanswerable".into()));
        assert_eq!(found[1].3[1], ("ask_english", "zorblat".into()));
        let found = hits("an unanzorb");
        assert_eq!(found[0].2, "a");
        assert_eq!(found[0].3[1], ("ask_un_stem", "anzorb".into()));
        assert_eq!(found[0].3[2], ("ask_un_expect", "0".into()));
        let found = hits("a unanzorb"); // "an" only if the stem is English
        assert_eq!(found[0].3[2], ("ask_un_expect", "1".into()));
    }
}
