//! The spec of a `glued-words` rule (`mtcore::glued_words`).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use mtcore::glued_words::GluedWordsSpec;
use mtcore::KindSpec;

use crate::{optional, required, word_table};

pub fn kind_spec(spec: &Bound<'_, PyDict>) -> PyResult<KindSpec> {
    Ok(KindSpec::GluedWords(GluedWordsSpec {
        function_words: required(spec, "function_words")?,
        min_half_zipf: required(spec, "min_half_zipf")?,
        listed: optional(spec, "listed")?,
        prefixes: required(spec, "prefixes")?,
        suffixes: required(spec, "suffixes")?,
        after_names: optional(spec, "after_names")?.unwrap_or_default(),
        after_names_free: optional(spec, "after_names_free")?.unwrap_or_default(),
        words: word_table(spec, "words")?,
    }))
}
