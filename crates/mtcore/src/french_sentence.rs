//! The `french-sentence` kind (SRC003): whole sentences left in French. Python splits the
//! sentences (nltk's Punkt, `cleanup.segment`) and asks langdetect; everything about words
//! is decided here.
//!
//! A sentence is worth asking about only when it holds at least `min_french_words` distinct
//! words far more frequent in French than in English (a lower-case first letter, French Zipf
//! at least 2 and 2 above English: `cleanup.langid.french_words_in`). A sentence lies in one
//! paragraph and a paragraph in one block of non-blank lines (a paragraph is a line, or
//! several lines of a hard-wrapped text joined, never across a blank line), so the engine's
//! pass ([`FrenchSentenceRule::check`]) finds the blocks holding that many such words and
//! hands each to Python as a candidate. For a candidate the adapter then asks
//! [`FrenchSentenceRule::paragraphs_to_split`] which of the block's paragraphs hold enough of
//! them, and where (nltk splits the sentences around those words), and
//! [`FrenchSentenceRule::sentences_to_detect`] which of those sentences langdetect decides,
//! with the text it is to read: the sentence without its quotations (double quotes,
//! guillemets, single quotes, emphasis: French on purpose), without names and titles
//! (capitalised words after the first and the particles before them), at least
//! [`MIN_UNQUOTED_WORDS`] words long, with a share of words more frequent in French than in
//! English of at least `min_french_share`, the whole sentence too. A word the shipped table
//! lacks counts by its wordfreq values, which Python gives ([`ZipfValues`]) when the core names
//! it: only when it decides a share.

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::bloom::Bloom;
use crate::doc::{letter_runs, Doc};
use crate::engine::Hit;
use crate::leftover::quoting::quotations_and_guillemets;

pub use crate::leftover::ZipfValues;
use crate::pystr::is_py_space;
use crate::words::{is_run_char, zipf_of, WordTable};

/// The Zipf margin and least French Zipf value of a word that leans French.
const FRENCH_MARGIN: f64 = 2.0;
const MIN_FRENCH_ZIPF: f64 = 2.0;
/// A sentence with fewer words than this outside its quotations is a quotation.
pub const MIN_UNQUOTED_WORDS: usize = 3;
/// Words that join the parts of a French name or title (dropped with it).
const NAME_PARTICLES: [&str; 13] = [
    "de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "sur", "au", "aux",
];
const APOSTROPHES: [char; 2] = ['\'', '\u{2019}'];

#[derive(Clone, Debug)]
pub struct FrenchSentenceSpec {
    pub min_french_words: usize,
    /// The least share of a sentence's words that must be more frequent in French.
    pub min_french_share: f64,
    pub words: Arc<WordTable>,
}

pub struct FrenchSentenceRule {
    min_french_words: usize,
    min_french_share: f64,
    words: Arc<WordTable>,
    /// The table's French-leaning words, as a filter: most words of English text are not.
    leaning: Bloom,
}

/// A sentence langdetect is to read: its span and the text to give it.
#[derive(Clone, Debug, PartialEq)]
pub struct Ask {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A paragraph of a candidate block and the spans of the sentences nltk found around its
/// French words (sorted, disjoint, inside it).
#[derive(Clone, Debug)]
pub struct SplitParagraph {
    pub span: (usize, usize),
    pub sentences: Vec<(usize, usize)>,
}

impl FrenchSentenceRule {
    pub fn new(spec: &FrenchSentenceSpec) -> Result<FrenchSentenceRule, (&'static str, String)> {
        if spec.min_french_words < 1 {
            return Err((
                "min_french_words",
                "'min_french_words' must be at least 1".into(),
            ));
        }
        Ok(FrenchSentenceRule {
            min_french_words: spec.min_french_words,
            min_french_share: spec.min_french_share,
            words: Arc::clone(&spec.words),
            leaning: spec
                .words
                .french_leaning_filter(FRENCH_MARGIN, MIN_FRENCH_ZIPF),
        })
    }

    fn is_french(&self, run: &str) -> bool {
        run.chars().next().is_some_and(char::is_lowercase)
            && self.leaning.may_contain(run)
            && self
                .words
                .is_french_leaning(run, FRENCH_MARGIN, MIN_FRENCH_ZIPF)
                .unwrap_or(false)
    }

    /// Push a candidate for every block of non-blank lines holding enough French words.
    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        let mut block: Option<(usize, usize)> = None;
        let mut french: BTreeSet<&str> = BTreeSet::new();
        for &(start, content_end) in doc.lines() {
            let line = &text[start..content_end];
            if line.chars().all(is_py_space) {
                self.close(rule, block.take(), &mut french, hits);
            } else {
                block = Some((block.map_or(start, |(first, _)| first), content_end));
                for (run_start, run_end) in doc.runs_in(start, content_end) {
                    let run = &text[run_start..run_end];
                    if !french.contains(run) && self.is_french(run) {
                        french.insert(run);
                    }
                }
            }
        }
        self.close(rule, block, &mut french, hits);
    }

    fn close(
        &self,
        rule: u32,
        block: Option<(usize, usize)>,
        french: &mut BTreeSet<&str>,
        hits: &mut Vec<Hit>,
    ) {
        if let Some((start, end)) = block {
            if french.len() >= self.min_french_words {
                hits.push(Hit::new(rule, start, end, None));
            }
        }
        french.clear();
    }

    /// The distinct French words among the letter runs of `text[start..end]` (its edges end
    /// a run).
    fn french_runs<'t>(&self, text: &'t str, start: usize, end: usize) -> BTreeSet<&'t str> {
        letter_runs(text, start, end)
            .into_iter()
            .map(|(run_start, run_end)| &text[run_start..run_end])
            .filter(|run| self.is_french(run))
            .collect()
    }

    /// Of the `paragraphs` of a candidate block (spans in `text`, sorted), those that may
    /// hold a sentence worth asking about: their index, and a position in each stretch of
    /// theirs that may (the positions whose sentences nltk is to split).
    ///
    /// Such a paragraph holds at least `min_french_words` distinct French words. Punkt ends
    /// a sentence only after a `.`, `?` or `!` (the tokenizer's sentence-ending characters),
    /// so a sentence is a run of whole *stretches*, the paragraph's words cut wherever a
    /// `.`, `?` or `!` lies between two of them, and its share of words more frequent in
    /// French is at most the largest of its stretches' (a share of sums). A stretch whose
    /// share is below `min_french_share` even with every word the table lacks counted as
    /// French is in no sentence that passes because of it: only the sentences holding a
    /// stretch that may pass, at its first word, are worth splitting out.
    pub fn paragraphs_to_split(
        &self,
        text: &str,
        paragraphs: &[(usize, usize)],
    ) -> Vec<(usize, Vec<usize>)> {
        paragraphs
            .iter()
            .enumerate()
            .filter_map(|(index, &(start, end))| {
                if self.french_runs(text, start, end).len() < self.min_french_words {
                    return None;
                }
                let stretches = self.stretches_that_may_pass(text, start, end);
                (!stretches.is_empty()).then_some((index, stretches))
            })
            .collect()
    }

    /// Where each stretch of `text[start..end]` (see [`Self::paragraphs_to_split`]) starts
    /// whose share may reach `min_french_share`.
    fn stretches_that_may_pass(&self, text: &str, start: usize, end: usize) -> Vec<usize> {
        let runs = letter_runs(text, start, end);
        let mut found = Vec::new();
        let mut first = 0; // the stretch's first run
        for next in 1..=runs.len() {
            let closes = next == runs.len()
                || text[runs[next - 1].1..runs[next].0].contains(['.', '?', '!']);
            if closes {
                let (stretch_start, stretch_end) = (runs[first].0, runs[next - 1].1);
                let lowered = text[stretch_start..stretch_end].to_lowercase();
                let (total, french, unknown) = self.counted(&lowered);
                if total > 0
                    && (french + unknown.len()) as f64 / total as f64 >= self.min_french_share
                {
                    found.push(stretch_start);
                }
                first = next;
            }
        }
        found
    }

    /// The sentences of `paragraphs` langdetect is to read, in order, with the text it reads
    /// (see the module's comment); or, when a share depends on words the table lacks and
    /// `answers` does not hold, those words (sorted, each once): ask again with their values.
    pub fn sentences_to_detect(
        &self,
        text: &str,
        paragraphs: &[SplitParagraph],
        answers: &ZipfValues,
    ) -> Result<Vec<Ask>, Vec<String>> {
        let mut asks = Vec::new();
        let mut needed = BTreeSet::new();
        for paragraph in paragraphs {
            let mut quotations: Option<Vec<(usize, usize)>> = None;
            for &(start, end) in &paragraph.sentences {
                if self.french_runs(text, start, end).len() < self.min_french_words {
                    continue;
                }
                let sentence = &text[start..end];
                if self.share_at_least(sentence, answers, &mut needed) != Some(true) {
                    continue;
                }
                let quotations = quotations.get_or_insert_with(|| {
                    let (first, last) = paragraph.span;
                    quotations_and_guillemets(&text[first..last])
                        .into_iter()
                        .map(|(left, right)| (first + left, first + right))
                        .collect()
                });
                let Some(unquoted) = unquoted(text, start, end, quotations) else {
                    continue;
                };
                let plain = without_names(&unquoted);
                if letter_runs(&plain, 0, plain.len()).len() >= MIN_UNQUOTED_WORDS
                    && self.share_at_least(&plain, answers, &mut needed) == Some(true)
                {
                    asks.push(Ask {
                        start,
                        end,
                        text: plain,
                    });
                }
            }
        }
        if needed.is_empty() {
            Ok(asks)
        } else {
            Err(needed.into_iter().collect())
        }
    }

    /// Whether the share of the words of `sentence` (its letter runs, lower-cased) more
    /// frequent in French than in English is at least `min_french_share`. langdetect alone
    /// calls an English sentence with two French words French now and then; requiring most
    /// words to lean French keeps those for the single-word rule. A word the table lacks
    /// counts by `answers`; None when the answer depends on words `answers` lacks (added to
    /// `needed`).
    fn share_at_least(
        &self,
        sentence: &str,
        answers: &ZipfValues,
        needed: &mut BTreeSet<String>,
    ) -> Option<bool> {
        let share = self.min_french_share;
        let lowered = sentence.to_lowercase();
        let (total, mut french, unknown) = self.counted(&lowered);
        if total == 0 {
            return Some(0.0 >= share);
        }
        let total = total as f64;
        if french as f64 / total >= share {
            return Some(true);
        }
        if (french + unknown.len()) as f64 / total < share {
            return Some(false);
        }
        let mut missing = false;
        for word in unknown {
            match answers.get(word) {
                Some(&(en, fr)) => french += usize::from(fr > en),
                None => {
                    needed.insert(word.to_string());
                    missing = true;
                }
            }
        }
        (!missing).then(|| french as f64 / total >= share)
    }

    /// The letter runs of `lowered` as the share counts them: how many, how many of them
    /// are more frequent in French than in English by the table, and those it lacks.
    fn counted<'l>(&self, lowered: &'l str) -> (usize, usize, Vec<&'l str>) {
        let runs = letter_runs(lowered, 0, lowered.len());
        let mut french = 0usize;
        let mut unknown = Vec::new();
        for &(start, end) in &runs {
            let word = &lowered[start..end];
            match self.words.frequencies(word) {
                Some((en, fr)) => french += usize::from(zipf_of(fr) > zipf_of(en)),
                None => unknown.push(word),
            }
        }
        (runs.len(), french, unknown)
    }
}

/// `text[start..end]` without its quoted parts (`quotations`: the paragraph's, sorted and
/// disjoint), the pieces around them joined by a space; None when fewer than
/// [`MIN_UNQUOTED_WORDS`] words are left.
fn unquoted(text: &str, start: usize, end: usize, quotations: &[(usize, usize)]) -> Option<String> {
    // Those reaching into the sentence: ending after its start, starting before its end.
    let low = quotations.partition_point(|&(_, right)| right <= start);
    let high = low + quotations[low..].partition_point(|&(left, _)| left < end);
    let mut pieces: Vec<&str> = Vec::new();
    let mut position = start;
    for &(left, right) in &quotations[low..high] {
        if right <= position || left >= end {
            continue;
        }
        pieces.push(if left > position {
            &text[position..left]
        } else {
            ""
        });
        position = position.max(right);
    }
    pieces.push(if end > position {
        &text[position..end]
    } else {
        ""
    });
    let rest = pieces.join(" ");
    (letter_runs(&rest, 0, rest.len()).len() >= MIN_UNQUOTED_WORDS).then_some(rest)
}

/// The words of `sentence` (letter runs with inner apostrophes: `l’`, `aujourd'hui`)
/// without names and titles: capitalised words after its first word, and the particles
/// right before one (`Le Rouge et le Noir`, `rue de la Paix`), joined by spaces.
fn without_names(sentence: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    let mut pending: Vec<&str> = Vec::new(); // particles, kept only if no capitalised word follows
    for (index, word) in tokens(sentence).enumerate() {
        if index > 0 && word.chars().next().is_some_and(char::is_uppercase) {
            pending.clear();
        } else if NAME_PARTICLES.contains(&word.to_lowercase().trim_end_matches(APOSTROPHES)) {
            pending.push(word);
        } else {
            kept.append(&mut pending);
            kept.push(word);
        }
    }
    kept.append(&mut pending);
    kept.join(" ")
}

/// The matches of `[^\W\d_]+(?:['’][^\W\d_]*)*` in `text`, in order: a letter run, then
/// letters and apostrophes as long as they follow.
fn tokens(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + text[at..].find(is_run_char)?;
        let end = text[start..]
            .find(|c: char| !(is_run_char(c) || APOSTROPHES.contains(&c)))
            .map_or(text.len(), |offset| start + offset);
        at = end;
        Some(&text[start..end])
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::sync::Arc;

    use super::{
        tokens, unquoted, without_names, Ask, FrenchSentenceRule, FrenchSentenceSpec,
        SplitParagraph, ZipfValues,
    };
    use crate::leftover::quoting::quotations_and_guillemets;
    use crate::words::{is_run_char, WordTable};

    // word, English Zipf, French Zipf (`-`: not listed)
    const TABLE: &str = "les\t3.00\t7.00\nrebelles\t1.00\t4.00\nétaient\t2.10\t5.60\n\
                         the\t7.70\t4.00\nportes\t2.50\t4.60\naux\t2.00\t6.00\n\
                         de\t5.00\t7.60\nla\t5.50\t7.50\nville\t2.80\t5.50\n\
                         he\t7.00\t3.00\nsaid\t6.00\t3.00\nwere\t6.50\t3.00\n\
                         at\t7.00\t3.50\ngates\t4.00\t-\nrue\t3.00\t5.50\n";

    fn rule(min_french_share: f64) -> FrenchSentenceRule {
        FrenchSentenceRule::new(&FrenchSentenceSpec {
            min_french_words: 2,
            min_french_share,
            words: Arc::new(WordTable::parse(TABLE).unwrap()),
        })
        .unwrap()
    }

    fn candidates(text: &str) -> Vec<(usize, usize)> {
        let mut hits = Vec::new();
        rule(0.5).check(0, &crate::doc::Doc::new(text), &mut hits);
        hits.into_iter().map(|hit| (hit.start, hit.end)).collect()
    }

    #[test]
    fn blocks_with_enough_french_words_are_candidates() {
        let text = "The les.\n\nLes rebelles\r\nétaient là.\r\n \nThe rebelles rebelles.\n";
        assert_eq!(candidates(text), vec![(10, 37)]); // bytes
        assert!(candidates("Les rebelles, LES Portes").is_empty());
        assert_eq!(candidates("rebelles portes2").len(), 1);
        assert_eq!(candidates("les²portes").len(), 0); // one run: les²portes
    }

    #[test]
    fn run_characters_are_pythons() {
        assert!(is_run_char('é') && is_run_char('²') && is_run_char('Ⅻ'));
        assert!(!is_run_char('2') && !is_run_char('_') && !is_run_char('\u{301}'));
    }

    #[test]
    fn paragraphs_are_split_only_around_stretches_that_may_pass() {
        let text = "The rebelles said.\nThe rebels were at the gates. Les rebelles étaient aux portes! \
                    He said les rebelles were at the gates.\nthe rebelles said. the portes said, 2.5 les portes";
        let first = text.find('\n').unwrap();
        let second = text.rfind('\n').unwrap();
        let paragraphs = [(0, first), (first + 1, second), (second + 1, text.len())];
        let split = rule(0.5).paragraphs_to_split(text, &paragraphs);
        // The first paragraph holds one French word; of the second's three stretches, only
        // the French one may pass (`rebels`, which the table lacks, might be French: 1 of 6);
        // the third's `2.5` ends a stretch too: `the portes said, 2` is 1 of 3, `5 les portes` 2 of 2.
        assert_eq!(
            split,
            vec![
                (1, vec![text.find("Les").unwrap()]),
                (2, vec![text.rfind("les").unwrap()])
            ]
        );
        let text = "the rebelles said. the portes said.";
        assert!(rule(0.5)
            .paragraphs_to_split(text, &[(0, text.len())])
            .is_empty());
        assert_eq!(
            rule(0.0).paragraphs_to_split(text, &[(0, text.len())]),
            vec![(0, vec![0, 19])]
        );
    }

    fn share(
        rule: &FrenchSentenceRule,
        text: &str,
        answers: &ZipfValues,
    ) -> (Option<bool>, Vec<String>) {
        let mut needed = BTreeSet::new();
        let found = rule.share_at_least(text, answers, &mut needed);
        (found, needed.into_iter().collect())
    }

    #[test]
    fn the_share_counts_every_word_lower_cased_and_asks_only_for_deciding_words() {
        let none = ZipfValues::new();
        // les, rebelles, étaient, aux: 4 of 4 (LES is lower-cased; `gates` has no French value)
        assert_eq!(
            share(&rule(0.5), "LES rebelles étaient aux", &none),
            (Some(true), vec![])
        );
        assert_eq!(
            share(&rule(0.5), "he said the gates", &none),
            (Some(false), vec![])
        );
        assert_eq!(share(&rule(0.5), "", &none), (Some(false), vec![]));
        assert_eq!(share(&rule(0.0), "1234", &none), (Some(true), vec![]));
        // 2 French of 4, with 1 unknown: decided without it at 0.5, not at 0.75
        let text = "les rebelles xqzv the";
        assert_eq!(share(&rule(0.5), text, &none), (Some(true), vec![]));
        assert_eq!(
            share(&rule(0.75), text, &none),
            (None, vec!["xqzv".to_string()])
        );
        let mut answers = ZipfValues::new();
        answers.insert("xqzv".into(), (1.0, 1.5));
        assert_eq!(share(&rule(0.75), text, &answers), (Some(true), vec![]));
        answers.insert("xqzv".into(), (1.5, 1.5));
        assert_eq!(share(&rule(0.75), text, &answers), (Some(false), vec![]));
        // too few even if every unknown word were French: nothing asked
        assert_eq!(
            share(&rule(0.9), "les xqzv the said", &none),
            (Some(false), vec![])
        );
    }

    #[test]
    fn quotations_leave_the_sentence_joined_by_spaces() {
        let text = "He wrote in French: “Tout ce qui est caché sera découvert.”";
        let quote = text.find('“').unwrap();
        let quotations = [(quote, text.len())];
        assert_eq!(
            unquoted(text, 0, text.len(), &quotations).as_deref(),
            Some("He wrote in French:  ")
        );
        assert_eq!(unquoted(text, quote, text.len(), &quotations), None);
        let text = "a «b c» d «e» f g";
        let spans = quotations_and_guillemets(text);
        assert_eq!(spans.len(), 2);
        assert_eq!(
            unquoted(text, 0, text.len(), &spans).as_deref(),
            Some("a   d   f g")
        );
        assert_eq!(unquoted(text, 0, text.find('d').unwrap(), &spans), None); // `a` only
    }

    #[test]
    fn names_and_titles_leave_with_their_particles() {
        assert_eq!(
            without_names("He had read Le Rouge et le Noir in the rue de la Paix."),
            "He had read in the rue"
        );
        assert_eq!(
            without_names("Le bilan pourrait encore s’alourdir."),
            "Le bilan pourrait encore s’alourdir"
        );
        assert_eq!(
            without_names("d’Artagnan l’a vu de près"),
            "d’Artagnan l’a vu de près"
        );
        assert_eq!(without_names("vu par l' Élysée, et la"), "vu par et la");
        assert_eq!(
            tokens("l’eau d''x 2e rock'n'roll _a_").collect::<Vec<_>>(),
            ["l’eau", "d''x", "e", "rock'n'roll", "a"]
        );
    }

    #[test]
    fn sentences_worth_detecting_come_with_the_text_to_read() {
        let text = "Les rebelles étaient aux portes de la ville. He said “les rebelles étaient aux portes”.";
        let middle = text.find(" He").unwrap();
        let paragraph = SplitParagraph {
            span: (0, text.len()),
            sentences: vec![(0, middle + 1), (middle + 1, text.len())],
        };
        let asks = rule(0.5).sentences_to_detect(text, &[paragraph], &ZipfValues::new());
        assert_eq!(
            asks,
            Ok(vec![Ask {
                start: 0,
                end: middle + 1,
                text: "Les rebelles étaient aux portes de la ville".into()
            }])
        );
    }

    #[test]
    fn a_share_that_needs_words_the_table_lacks_names_them_all() {
        let text = "les rebelles xqzv blorf zzz. les portes yyy www ttt.";
        let middle = text.find(" les").unwrap();
        let paragraph = SplitParagraph {
            span: (0, text.len()),
            sentences: vec![(0, middle + 1), (middle + 1, text.len())],
        };
        let needed = rule(0.5).sentences_to_detect(
            text,
            std::slice::from_ref(&paragraph),
            &ZipfValues::new(),
        );
        let words = ["blorf", "ttt", "www", "xqzv", "yyy", "zzz"]
            .map(String::from)
            .to_vec();
        assert_eq!(needed, Err(words.clone()));
        let answers: ZipfValues = words
            .iter()
            .map(|word| (word.clone(), (1.0, 2.0)))
            .collect();
        let asks = rule(0.5)
            .sentences_to_detect(text, &[paragraph], &answers)
            .unwrap();
        assert_eq!(asks.len(), 2);
    }
}
