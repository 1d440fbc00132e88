//! The shipped word-frequency table (`rules/fr-en/lexicons/word-frequencies.tsv`, built from
//! wordfreq by `tools/build_lexicons.py`), for every kind that weighs words by frequency.
//!
//! Python hands the file's bytes over once (`cleanup.wordfreqs.core_table`); the core checks
//! every row then and indexes them by word on the first lookup, one map shared read-only by
//! every rule that holds it. The table holds every word
//! with a Zipf value of at least [`COMMON_ZIPF`] in English or French, and every word with a
//! French value of at least [`FRENCH_ZIPF`] that leads English by at least [`FRENCH_MARGIN`]:
//! questions the table cannot decide (a rarer word) answer `None`, and the kind asking hands
//! that candidate to Python, where wordfreq itself answers (`cleanup.wordfreqs`).
//!
//! Values are computed exactly as Python computes them (`10 ** (-step / 100)` for a frequency,
//! `log10(frequency * 1e9)` for its Zipf value), so that thresholds compare the same floats.

use std::borrow::Cow;
use std::hash::BuildHasher;
use std::sync::OnceLock;

use hashbrown::HashTable;

use crate::bloom::Bloom;
use rustc_hash::FxBuildHasher;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// The table holds every word at least this frequent (Zipf) in English or in French ...
pub const COMMON_ZIPF: f64 = 3.0;
/// ... and every word at least this frequent in French that leads English by FRENCH_MARGIN.
pub const FRENCH_ZIPF: f64 = 2.0;
pub const FRENCH_MARGIN: f64 = 1.0;

/// A language column of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
}

/// One row: the two cells as centibel steps below Zipf 9 (`None`: not listed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Row {
    en: Option<u16>,
    fr: Option<u16>,
}

/// The frequency `wordfreq.cB_to_freq(-step)`, as Python computes it.
fn frequency(step: Option<u16>) -> f64 {
    match step {
        Some(step) => 10f64.powf(-(f64::from(step) / 100.0)),
        None => 0.0,
    }
}

/// The Zipf value of a frequency, as `cleanup.wordfreqs._zipf` computes it (0 for 0).
pub fn zipf_of(frequency: f64) -> f64 {
    if frequency == 0.0 {
        0.0
    } else {
        (frequency * 1e9).log10()
    }
}

/// `word.to_lowercase()`, borrowed when that changes nothing (most words of running text:
/// no allocation for them).
pub fn lower(word: &str) -> Cow<'_, str> {
    let unchanged = if word.is_ascii() {
        !word.bytes().any(|byte| byte.is_ascii_uppercase())
    } else {
        word.chars().all(|c| {
            let mut lowered = c.to_lowercase();
            lowered.next() == Some(c) && lowered.next().is_none()
        })
    };
    if unchanged {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// The table's key for a word: lower case, the typographic apostrophe made straight.
pub fn key(word: &str) -> String {
    word.to_lowercase().replace('\u{2019}', "'")
}

/// Letters, with inner apostrophes or hyphens: the words the table can hold
/// (`cleanup.wordfreqs.is_word`).
pub fn is_word(key: &str) -> bool {
    let mut previous_letter = false;
    let mut any = false;
    for c in key.chars() {
        if is_letter(c) {
            previous_letter = true;
            any = true;
        } else if (c == '\'' || c == '-') && previous_letter {
            previous_letter = false;
        } else {
            return false;
        }
    }
    any && previous_letter
}

/// Python's `[^\W\d_]`: a character of general category L (letters), as `str.isalpha`.
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    c.general_category_group() == GeneralCategoryGroup::Letter
}

/// Python's `[^\W\d_]` (`re`): alphanumeric and not a decimal digit (letters, and numerals
/// such as `²` or `Ⅻ`), the characters of `cleanup.kinds.base.LETTER_RUN_RE`.
pub fn is_run_char(c: char) -> bool {
    is_letter(c)
        || (!c.is_ascii()
            && matches!(
                c.general_category(),
                GeneralCategory::LetterNumber | GeneralCategory::OtherNumber
            ))
}

/// The table: the file's text, every row checked when it is parsed, and an index of the
/// rows by word built when a rule first looks a word up. Checking the rows is what must
/// happen at load (a malformed row is an error naming its line); building the index is most
/// of the cost, and the first rule to need it is usually one compiling on a worker thread
/// while the packs load (`mtcore::Compiler`), off the loader's path. Entries point into the
/// text: no allocation per word.
#[derive(Debug, Default)]
pub struct WordTable {
    text: String,
    index: OnceLock<Index>,
}

#[derive(Debug, Default)]
struct Index {
    rows: HashTable<Entry>,
    /// `frequency(Some(step))` for every step a cell can hold (0..=900), computed once: a
    /// lookup then costs no `powf`.
    values: Vec<f64>,
}

/// One row: where its word lies in the text, its first [`INLINE`] bytes (zero-padded), and
/// its cells. A lookup compares the length and those bytes first, so a word of at most
/// `INLINE` bytes (most words) is found without reading the text: one memory access less
/// per lookup in a table far larger than the processor's caches.
#[derive(Clone, Copy, Debug)]
struct Entry {
    head: [u8; INLINE],
    start: u32,
    len: u32,
    row: Row,
}

/// How many bytes of its word an [`Entry`] holds.
const INLINE: usize = 16;

/// The first [`INLINE`] bytes of `word`, zero-padded.
fn head(word: &[u8]) -> [u8; INLINE] {
    let mut head = [0u8; INLINE];
    let length = word.len().min(INLINE);
    head[..length].copy_from_slice(&word[..length]);
    head
}

fn hash(word: &str) -> u64 {
    FxBuildHasher.hash_one(word)
}

/// A cell: `-`, or a Zipf value written `d.dd` (the table's format), as its centibel step.
fn cell(text: &str) -> Result<Option<u16>, String> {
    if text == "-" {
        return Ok(None);
    }
    let bytes = text.as_bytes();
    let digit = |index: usize| {
        bytes
            .get(index)
            .filter(|byte| byte.is_ascii_digit())
            .map(|byte| u16::from(byte - b'0'))
    };
    match (bytes.len(), digit(0), bytes.get(1), digit(2), digit(3)) {
        (4, Some(units), Some(b'.'), Some(tenths), Some(hundredths)) if units <= 9 => {
            Ok(Some(900 - (units * 100 + tenths * 10 + hundredths)))
        }
        _ => Err(format!("'{text}' is not a Zipf value written d.dd")),
    }
}

/// The rows of the file's text: comment lines (`#`) first, then `word<TAB>en<TAB>fr` rows,
/// each as its word's place in `text` and its cells, or the line (1-based) and the problem.
/// Lines end at `\n` (a `\r` before it is dropped), as `str::lines` cuts them; the scan
/// goes over the bytes once (every row is checked on every load).
fn rows(text: &str) -> impl Iterator<Item = Result<Entry, (usize, String)>> + '_ {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut number = 0;
    std::iter::from_fn(move || loop {
        if start >= bytes.len() {
            return None;
        }
        number += 1;
        let line_start = start;
        let end = bytes[start..]
            .iter()
            .position(|&byte| byte == b'\n')
            .map_or(bytes.len(), |offset| start + offset);
        start = end + 1;
        let line_end = if end > line_start && bytes[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        let line = &bytes[line_start..line_end];
        if line.is_empty() || line[0] == b'#' {
            continue;
        }
        return Some(row(text, line_start, line).map_err(|message| (number, message)));
    })
}

/// The row of `line` (which starts at `line_start` in `text`).
fn row(text: &str, line_start: usize, line: &[u8]) -> Result<Entry, String> {
    let mut tabs = line
        .iter()
        .enumerate()
        .filter(|&(_, &byte)| byte == b'\t')
        .map(|(at, _)| at);
    let (Some(first), Some(second), None) = (tabs.next(), tabs.next(), tabs.next()) else {
        return Err("expected word, English and French cells".into());
    };
    // The tabs are ASCII, so each cell is a slice of `text` on character boundaries.
    let cell_text = |from: usize, to: usize| &text[line_start + from..line_start + to];
    Ok(Entry {
        head: head(&line[..first]),
        start: line_start as u32,
        len: first as u32,
        row: Row {
            en: cell(cell_text(first + 1, second))?,
            fr: cell(cell_text(second + 1, line.len()))?,
        },
    })
}

/// The rows of a text [`WordTable::parse`] checked.
fn rows_of(text: &str) -> impl Iterator<Item = Entry> + '_ {
    rows(text).flatten()
}

impl WordTable {
    /// Check the file's text row by row; an error names the line (1-based) and the problem.
    pub fn parse(text: &str) -> Result<WordTable, (usize, String)> {
        if let Some(Err(error)) = rows(text).find(Result::is_err) {
            return Err(error);
        }
        Ok(WordTable {
            text: text.to_string(),
            index: OnceLock::new(),
        })
    }

    /// The rows by word (a later row of a word replaces an earlier one), built on first use.
    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let text = &self.text;
            let word_of =
                |entry: &Entry| &text[entry.start as usize..(entry.start + entry.len) as usize];
            let mut rows: HashTable<Entry> = HashTable::with_capacity(text.len() / 16);
            for entry in rows_of(text) {
                let word = word_of(&entry);
                match rows.find_mut(hash(word), |other| word_of(other) == word) {
                    Some(existing) => existing.row = entry.row,
                    None => {
                        rows.insert_unique(hash(word), entry, |other| hash(word_of(other)));
                    }
                }
            }
            Index {
                rows,
                values: (0..=900).map(|step| frequency(Some(step))).collect(),
            }
        })
    }

    fn word(&self, entry: &Entry) -> &str {
        &self.text[entry.start as usize..(entry.start + entry.len) as usize]
    }

    fn row(&self, key: &str) -> Option<Row> {
        let bytes = key.as_bytes();
        let key_head = head(bytes);
        self.index()
            .rows
            .find(hash(key), |entry| {
                entry.len as usize == bytes.len()
                    && entry.head == key_head
                    && (bytes.len() <= INLINE
                        || self.word(entry).as_bytes()[INLINE..] == bytes[INLINE..])
            })
            .map(|entry| entry.row)
    }

    /// [`frequency`] of a cell, from the values computed once.
    fn value(&self, step: Option<u16>) -> f64 {
        match step {
            Some(step) => self
                .index()
                .values
                .get(usize::from(step))
                .copied()
                .unwrap_or_else(|| frequency(Some(step))),
            None => 0.0,
        }
    }

    pub fn len(&self) -> usize {
        self.index().rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index().rows.is_empty()
    }

    /// Every word of the table with its (English, French) frequencies, in no set order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, f64, f64)> + '_ {
        self.index().rows.iter().map(|entry| {
            (
                self.word(entry),
                self.value(entry.row.en),
                self.value(entry.row.fr),
            )
        })
    }

    /// Whether the table holds `key` (a key as [`key`] makes it).
    pub fn contains(&self, key: &str) -> bool {
        self.row(key).is_some()
    }

    /// The (English, French) frequencies of a table word.
    pub fn frequencies(&self, key: &str) -> Option<(f64, f64)> {
        self.row(key)
            .map(|row| (self.value(row.en), self.value(row.fr)))
    }

    /// The Zipf value of `key` in `lang` when the table holds it (`None`: ask wordfreq).
    pub fn zipf(&self, lang: Lang, key: &str) -> Option<f64> {
        let (en, fr) = self.frequencies(key)?;
        Some(zipf_of(match lang {
            Lang::En => en,
            Lang::Fr => fr,
        }))
    }

    /// `zipf(lang, key) >= threshold` when the table decides it: for a word it holds, and for
    /// a word it lacks when `threshold` is at least [`COMMON_ZIPF`] (every word that frequent
    /// is in it). `None`: ask wordfreq.
    pub fn zipf_at_least(&self, lang: Lang, key: &str, threshold: f64) -> Option<bool> {
        match self.zipf(lang, key) {
            Some(value) => Some(value >= threshold),
            None if threshold >= COMMON_ZIPF && is_word(key) => Some(false),
            None => None,
        }
    }

    /// `zipf("fr") > zipf("en")` for a table word (`cleanup.wordfreqs.is_more_french`).
    pub fn is_more_french(&self, key: &str) -> Option<bool> {
        let (en, fr) = self.frequencies(key)?;
        Some(zipf_of(fr) > zipf_of(en))
    }

    /// Whether `key` is at least `margin` Zipf units more frequent in French than in English,
    /// with a French Zipf value of at least `min_french` (`cleanup.wordfreqs.is_french_leaning`).
    /// `None` when the table cannot decide (`margin` below 1 or `min_french` below 2).
    pub fn is_french_leaning(&self, key: &str, margin: f64, min_french: f64) -> Option<bool> {
        if margin < FRENCH_MARGIN || min_french < FRENCH_ZIPF {
            return None;
        }
        Some(match self.frequencies(key) {
            Some((en, fr)) => leans_french(en, fr, margin, min_french),
            None => false,
        })
    }

    /// A filter of the words [`WordTable::is_french_leaning`] accepts with these thresholds
    /// (validated as it needs them): a word the filter says no to does not lean French, as
    /// most words of English text do not, and needs no table lookup.
    pub fn french_leaning_filter(&self, margin: f64, min_french: f64) -> Bloom {
        let leaning = || {
            self.entries()
                .filter(move |&(_, en, fr)| leans_french(en, fr, margin, min_french))
        };
        let mut filter = Bloom::with_capacity(leaning().count());
        for (word, _, _) in leaning() {
            filter.insert(word);
        }
        filter
    }
}

/// Whether frequencies `en` and `fr` lean French by `margin` Zipf units, with a French Zipf
/// value of at least `min_french`.
fn leans_french(en: f64, fr: f64, margin: f64, min_french: f64) -> bool {
    fr >= 10f64.powf(min_french - 9.0) && fr >= 10f64.powf(margin) * en
}

#[cfg(test)]
mod tests {
    use super::{is_letter, is_word, key, Lang, WordTable};

    const TABLE: &str =
        "# comment\n# another\nthe\t7.73\t4.05\nétaient\t2.10\t5.60\nsaid\t5.80\t-\n";

    #[test]
    fn parses_rows_and_answers_as_python_does() {
        let table = WordTable::parse(TABLE).unwrap();
        assert_eq!(table.len(), 3);
        let the = table.zipf(Lang::En, "the").unwrap();
        assert!((the - 7.73).abs() < 1e-9);
        assert_eq!(table.zipf(Lang::Fr, "said"), Some(0.0));
        assert_eq!(table.zipf(Lang::En, "governmentsaid"), None);
        assert_eq!(
            table.zipf_at_least(Lang::En, "governmentsaid", 3.0),
            Some(false)
        );
        assert_eq!(table.zipf_at_least(Lang::En, "governmentsaid", 2.0), None);
        assert_eq!(table.is_more_french("étaient"), Some(true));
        assert_eq!(table.is_french_leaning("étaient", 2.0, 2.0), Some(true));
        assert_eq!(table.is_french_leaning("the", 2.0, 2.0), Some(false));
        assert_eq!(table.is_french_leaning("xqzv", 2.0, 2.0), Some(false));
        assert_eq!(table.is_french_leaning("the", 0.5, 2.0), None);
    }

    #[test]
    fn parsing_checks_the_rows_and_the_first_lookup_builds_the_index() {
        let table = WordTable::parse(&format!("{TABLE}the\t7.70\t4.00\n")).unwrap();
        assert!(table.index.get().is_none());
        // A later row of a word replaces an earlier one.
        assert!((table.zipf(Lang::En, "the").unwrap() - 7.70).abs() < 1e-9);
        assert!(table.index.get().is_some());
        assert_eq!(table.len(), 3);
        let mut words: Vec<&str> = table.entries().map(|(word, _, _)| word).collect();
        words.sort_unstable();
        assert_eq!(words, ["said", "the", "étaient"]);
    }

    #[test]
    fn words_longer_than_the_inline_bytes_compare_their_tails() {
        let table = WordTable::parse(
            "internationalisation\t3.10\t-\ninternationalisatio\t-\t2.50\n\
             sixteenbyteswrd\t3.00\t-\nsixteenbyteswrds\t3.20\t-\névénementielles\t-\t3.40\n",
        )
        .unwrap();
        let zipf = |lang, word| table.zipf(lang, word).map(|value| (value * 100.0).round());
        assert_eq!(zipf(Lang::En, "internationalisation"), Some(310.0));
        assert_eq!(zipf(Lang::Fr, "internationalisatio"), Some(250.0));
        assert_eq!(zipf(Lang::En, "internationalisatiom"), None);
        assert_eq!(zipf(Lang::En, "internationalisations"), None);
        assert_eq!(zipf(Lang::En, "internationalisati"), None);
        assert_eq!(zipf(Lang::En, "sixteenbyteswrd"), Some(300.0));
        assert_eq!(zipf(Lang::En, "sixteenbyteswrds"), Some(320.0));
        assert_eq!(zipf(Lang::En, "sixteenbyteswr"), None);
        assert_eq!(zipf(Lang::Fr, "événementielles"), Some(340.0));
        assert_eq!(zipf(Lang::Fr, "événementielle"), None);
        assert_eq!(zipf(Lang::En, "sixteenbyteswrd\0"), None);
    }

    #[test]
    fn lower_borrows_exactly_when_lower_casing_changes_nothing() {
        use std::borrow::Cow;
        for word in ["said", "étaient", "l’été", "ß", "σς", "", "2x"] {
            assert!(matches!(super::lower(word), Cow::Borrowed(_)), "{word}");
        }
        for word in ["Said", "ÉTÉ", "ΣΑΣ", "İstanbul", "ǅ", "Ⅻ"] {
            let lowered = super::lower(word);
            assert!(matches!(lowered, Cow::Owned(_)), "{word}");
            assert_eq!(lowered, word.to_lowercase());
        }
        for text in crate::testing::random_texts("aZ_1 éÉ\u{301}ΣİẞǅⅫ’", 7, 2_000, 8) {
            assert_eq!(super::lower(&text), text.to_lowercase(), "{text:?}");
        }
    }

    #[test]
    fn a_bad_row_names_its_line() {
        let error = WordTable::parse("# c\nthe\t7.73\n").unwrap_err();
        assert_eq!(error.0, 2);
        let error = WordTable::parse("the\tx\t1.00\n").unwrap_err();
        assert_eq!(error.0, 1);
    }

    #[test]
    fn keys_and_words_follow_python() {
        assert_eq!(key("L\u{2019}Été"), "l'été");
        assert!(is_word("aujourd'hui") && is_word("porte-parole"));
        assert!(!is_word("1er") && !is_word("0,5") && !is_word("-x") && !is_word("x-"));
        assert!(is_letter('é') && is_letter('ß') && !is_letter('\u{301}') && !is_letter('Ⅻ'));
    }
}
