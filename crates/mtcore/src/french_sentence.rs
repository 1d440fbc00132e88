//! The `french-sentence` kind's cheap gate (`cleanup/kinds/french_sentence.py` splits the
//! candidates into sentences with nltk and asks langdetect).
//!
//! A sentence is worth asking about only when it holds at least `min_french_words` distinct
//! words far more frequent in French than in English (a lower-case first letter, French Zipf
//! at least 2 and 2 above English: `cleanup.langid.french_words_in`). A sentence lies in one
//! paragraph and a paragraph in one block of non-blank lines (a paragraph is a line, or
//! several lines of a hard-wrapped text joined, never across a blank line), so the core
//! finds the blocks holding that many such words and hands each to Python as a candidate,
//! with the French words it holds (field `french`, space-separated).

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::bloom::Bloom;
use crate::doc::Doc;
use crate::engine::Hit;
use crate::pystr::is_py_space;
use crate::words::WordTable;

/// The Zipf margin and least French Zipf value of a word that leans French.
const FRENCH_MARGIN: f64 = 2.0;
const MIN_FRENCH_ZIPF: f64 = 2.0;

#[derive(Clone, Debug)]
pub struct FrenchSentenceSpec {
    pub min_french_words: usize,
    pub words: Arc<WordTable>,
}

pub struct FrenchSentenceRule {
    min_french_words: usize,
    words: Arc<WordTable>,
    /// The table's French-leaning words, as a filter: most words of English text are not.
    leaning: Bloom,
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
                let mut hit = Hit::new(rule, start, end, None);
                let words: Vec<&str> = french.iter().copied().collect();
                hit.extra_mut().fields.push(("french", words.join(" ")));
                hits.push(hit);
            }
        }
        french.clear();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{FrenchSentenceRule, FrenchSentenceSpec};
    use crate::words::{is_run_char, WordTable};

    const TABLE: &str = "les\t3.00\t7.00\nrebelles\t1.00\t4.00\nétaient\t2.10\t5.60\n\
                         the\t7.70\t4.00\nportes\t2.50\t4.60\n";

    fn candidates(text: &str) -> Vec<(usize, usize, String)> {
        let rule = FrenchSentenceRule::new(&FrenchSentenceSpec {
            min_french_words: 2,
            words: Arc::new(WordTable::parse(TABLE).unwrap()),
        })
        .unwrap();
        let mut hits = Vec::new();
        rule.check(0, &crate::doc::Doc::new(text), &mut hits);
        hits.into_iter()
            .map(|hit| (hit.start, hit.end, hit.extra.unwrap().fields[0].1.clone()))
            .collect()
    }

    #[test]
    fn blocks_with_enough_french_words_are_candidates() {
        let text = "The les.\n\nLes rebelles\r\nétaient là.\r\n \nThe rebelles rebelles.\n";
        assert_eq!(
            candidates(text),
            vec![(10, 37, "rebelles étaient".to_string())] // bytes
        );
        assert!(candidates("Les rebelles, LES Portes").is_empty());
        assert_eq!(candidates("rebelles portes2").len(), 1);
        assert_eq!(candidates("les²portes").len(), 0); // one run: les²portes
    }

    #[test]
    fn run_characters_are_pythons() {
        assert!(is_run_char('é') && is_run_char('²') && is_run_char('Ⅻ'));
        assert!(!is_run_char('2') && !is_run_char('_') && !is_run_char('\u{301}'));
    }
}
