//! The spec of a `french-sentence` rule (`mtcore::french_sentence`).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use mtcore::french_sentence::FrenchSentenceSpec;
use mtcore::KindSpec;

use crate::{required, word_table};

pub fn kind_spec(spec: &Bound<'_, PyDict>) -> PyResult<KindSpec> {
    Ok(KindSpec::FrenchSentence(FrenchSentenceSpec {
        min_french_words: required(spec, "min_french_words")?,
        words: word_table(spec, "words")?,
    }))
}
