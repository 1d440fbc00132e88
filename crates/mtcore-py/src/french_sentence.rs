//! The `french-sentence` kind at the boundary: its spec, and the rule as the Python adapter
//! asks it about one candidate block (`mtcore::french_sentence`).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use mtcore::french_sentence::{FrenchSentenceRule, FrenchSentenceSpec, SplitParagraph, ZipfValues};
use mtcore::offsets::{to_byte_offsets, to_char_offsets};
use mtcore::KindSpec;

use crate::{required, spec_error, word_table};

fn french_sentence_spec(spec: &Bound<'_, PyDict>) -> PyResult<FrenchSentenceSpec> {
    Ok(FrenchSentenceSpec {
        min_french_words: required(spec, "min_french_words")?,
        min_french_share: required(spec, "min_french_share")?,
        words: word_table(spec, "words")?,
    })
}

pub fn kind_spec(spec: &Bound<'_, PyDict>) -> PyResult<KindSpec> {
    Ok(KindSpec::FrenchSentence(french_sentence_spec(spec)?))
}

/// A paragraph `(start, end)` of a candidate block and the spans of its sentences nltk split.
type Paragraph = (usize, usize, Vec<(usize, usize)>);

/// One `french-sentence` rule on its own, for its adapter: `FrenchSentence(spec)`; raises
/// `ValueError((0, key, message))` as `Engine` does. Offsets are code points in the text of
/// one candidate block.
#[pyclass(frozen, module = "cleanup._core")]
pub struct FrenchSentence {
    rule: FrenchSentenceRule,
}

#[pymethods]
impl FrenchSentence {
    #[new]
    fn new(spec: &Bound<'_, PyDict>) -> PyResult<Self> {
        let rule = FrenchSentenceRule::new(&french_sentence_spec(spec)?).map_err(spec_error)?;
        Ok(FrenchSentence { rule })
    }

    /// Of the `paragraphs` of `text` (sorted spans), those that may hold a sentence worth
    /// asking about: `(index, positions)`, the sentences around `positions` are the ones to
    /// split out.
    fn paragraphs(
        &self,
        py: Python<'_>,
        text: &str,
        paragraphs: Vec<(usize, usize)>,
    ) -> Vec<(usize, Vec<usize>)> {
        py.allow_threads(|| {
            let mut spans: Vec<usize> = paragraphs.iter().flat_map(|&(s, e)| [s, e]).collect();
            to_byte_offsets(text, &mut spans);
            let spans: Vec<(usize, usize)> = spans
                .chunks_exact(2)
                .map(|pair| (pair[0], pair[1]))
                .collect();
            let mut found = self.rule.paragraphs_to_split(text, &spans);
            let mut starts: Vec<usize> = found
                .iter()
                .flat_map(|(_, at)| at.iter().copied())
                .collect();
            to_char_offsets(text, &mut starts);
            let mut next = starts.into_iter();
            for (_, at) in &mut found {
                for start in at.iter_mut() {
                    *start = next.next().unwrap_or_default();
                }
            }
            found
        })
    }

    /// The sentences langdetect is to read, `(start, end, text to read)`, given each
    /// paragraph `(start, end, its sentences)` and the Zipf values `(en, fr)` of words the
    /// table lacks; and the words whose values are still needed (the sentences are final
    /// only when there are none).
    fn sentences(
        &self,
        py: Python<'_>,
        text: &str,
        paragraphs: Vec<Paragraph>,
        answers: ZipfValues,
    ) -> (Vec<(usize, usize, String)>, Vec<String>) {
        py.allow_threads(|| {
            let mut offsets: Vec<usize> = paragraphs
                .iter()
                .flat_map(|(start, end, sentences)| {
                    [*start, *end]
                        .into_iter()
                        .chain(sentences.iter().flat_map(|&(s, e)| [s, e]))
                })
                .collect();
            to_byte_offsets(text, &mut offsets);
            let mut next = offsets.into_iter();
            let mut pair = move || {
                (
                    next.next().unwrap_or_default(),
                    next.next().unwrap_or_default(),
                )
            };
            let split: Vec<SplitParagraph> = paragraphs
                .iter()
                .map(|(_, _, sentences)| SplitParagraph {
                    span: pair(),
                    sentences: sentences.iter().map(|_| pair()).collect(),
                })
                .collect();
            match self.rule.sentences_to_detect(text, &split, &answers) {
                Ok(asks) => {
                    let mut spans: Vec<usize> =
                        asks.iter().flat_map(|ask| [ask.start, ask.end]).collect();
                    to_char_offsets(text, &mut spans);
                    let asks = asks
                        .into_iter()
                        .zip(spans.chunks_exact(2))
                        .map(|(ask, span)| (span[0], span[1], ask.text))
                        .collect();
                    (asks, Vec::new())
                }
                Err(needed) => (Vec::new(), needed),
            }
        })
    }
}
