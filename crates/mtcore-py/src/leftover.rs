//! The `leftover` kind's spec, and the rule as the Python adapter calls it for one
//! candidate region (`Leftover.region`).

use std::collections::HashMap;
use std::sync::Mutex;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use mtcore::leftover::{Answers, DocState, GlossaryRow, LeftoverRule, LeftoverSpec, Need};
use mtcore::{Hit, KindSpec};

use crate::{hit_tuple, optional, required, spec_error, word_table, HitTuple};

/// `{"kind": "leftover", ...}` (see `cleanup/kinds/leftover.py`).
pub fn leftover_spec(spec: &Bound<'_, PyDict>) -> PyResult<LeftoverSpec> {
    let glossary: Vec<(Vec<String>, String, bool)> = required(spec, "glossary")?;
    Ok(LeftoverSpec {
        mode: required(spec, "mode")?,
        glossary: glossary
            .into_iter()
            .map(|(words, english, ambiguous)| GlossaryRow {
                words,
                english,
                ambiguous,
            })
            .collect(),
        margin: required(spec, "margin")?,
        min_french: required(spec, "min_french")?,
        english_ceiling: required(spec, "english_ceiling")?,
        allow: optional(spec, "allow")?.unwrap_or_default(),
        unaccented: optional(spec, "unaccented")?.unwrap_or_default(),
        allow_words: optional(spec, "allow_words")?,
        function_words: optional(spec, "function_words")?.unwrap_or_default(),
        context_words: optional(spec, "context_words")?.unwrap_or_default(),
        particles: optional(spec, "particles")?.unwrap_or_default(),
        words: word_table(spec, "words")?,
    })
}

pub fn kind_spec(spec: &Bound<'_, PyDict>) -> PyResult<KindSpec> {
    Ok(KindSpec::Leftover(leftover_spec(spec)?))
}

/// One leftover rule on its own, for its adapter: `Leftover(spec)`; raises
/// `ValueError((0, key, message))` as `Engine` does.
#[pyclass(frozen, module = "cleanup._core")]
pub struct Leftover {
    rule: LeftoverRule,
}

/// A document the adapter asks about (`Leftover.document(text)`): its text, what the rule
/// computed of it (kept for its next region; behind a lock, so that the object may be
/// used and dropped on any thread, as Dask's are), and where every 64th code point lies.
#[pyclass(frozen, module = "cleanup._core")]
pub struct LeftoverDocument {
    text: String,
    state: Mutex<DocState>,
    marks: Vec<usize>,
}

const STRIDE: usize = 64;

impl LeftoverDocument {
    fn new(text: String) -> LeftoverDocument {
        let marks = text
            .char_indices()
            .map(|(at, _)| at)
            .chain([text.len()])
            .step_by(STRIDE)
            .collect();
        LeftoverDocument {
            text,
            state: Mutex::new(DocState::default()),
            marks,
        }
    }

    /// The byte offset of code point `at` (the end for one past it).
    fn byte(&self, at: usize) -> usize {
        let Some(&base) = self.marks.get(at / STRIDE) else {
            return self.text.len();
        };
        self.text[base..]
            .char_indices()
            .map(|(offset, _)| base + offset)
            .chain([self.text.len()])
            .nth(at % STRIDE)
            .unwrap_or(self.text.len())
    }

    /// The code-point offset of byte `at` (a character boundary).
    fn char(&self, at: usize) -> usize {
        let mark = self.marks.partition_point(|&mark| mark <= at).max(1) - 1;
        mark * STRIDE + self.text[self.marks[mark]..at].chars().count()
    }

    fn tuples(&self, hits: Vec<Hit>) -> Vec<HitTuple> {
        hits.into_iter()
            .map(|hit| hit_tuple(hit, |at| self.char(at)))
            .collect()
    }
}

#[pymethods]
impl Leftover {
    #[new]
    fn new(spec: &Bound<'_, PyDict>) -> PyResult<Self> {
        let rule = LeftoverRule::new(&leftover_spec(spec)?).map_err(spec_error)?;
        Ok(Leftover { rule })
    }

    /// A document to ask [`Leftover::region`] about.
    fn document(&self, text: String) -> LeftoverDocument {
        LeftoverDocument::new(text)
    }

    /// The findings of the candidate region `start..end` of `document` (code points),
    /// given sentence spans of the region (relative to `start`, sorted; None: none yet)
    /// and the Zipf values `(en, fr)` of words the table lacks: `(hits, words, positions)`,
    /// where `words` are the words whose values are still needed and `positions` (code
    /// points) those whose sentence is (hits are final only when both are empty).
    #[pyo3(signature = (document, start, end, sentences, answers))]
    fn region(
        &self,
        document: PyRef<'_, LeftoverDocument>,
        start: usize,
        end: usize,
        sentences: Option<Vec<(usize, usize)>>,
        answers: HashMap<String, (f64, f64)>,
    ) -> (Vec<HitTuple>, Vec<String>, Vec<usize>) {
        let (byte_start, byte_end) = (document.byte(start), document.byte(end));
        let spans: Option<Vec<(usize, usize)>> = sentences.map(|spans| {
            spans
                .into_iter()
                .map(|(left, right)| {
                    (
                        document.byte(start + left) - byte_start,
                        document.byte(start + right) - byte_start,
                    )
                })
                .collect()
        });
        let state = document
            .state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let result = self.rule.check_region(
            0,
            &document.text,
            &state,
            (byte_start, byte_end),
            spans.as_deref(),
            &Answers::new(answers),
        );
        match result {
            Ok(hits) => (document.tuples(hits), Vec::new(), Vec::new()),
            Err(Need::Words(words)) => (Vec::new(), words, Vec::new()),
            Err(Need::Sentences(positions)) => {
                let positions = positions.into_iter().map(|at| document.char(at)).collect();
                (Vec::new(), Vec::new(), positions)
            }
        }
    }
}
