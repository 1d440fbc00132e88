//! The spec of an `indefinite-article` rule (`mtcore::article`).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use mtcore::article::ArticleSpec;
use mtcore::KindSpec;

use crate::{required, word_table};

pub fn kind_spec(spec: &Bound<'_, PyDict>) -> PyResult<KindSpec> {
    Ok(KindSpec::Article(ArticleSpec {
        sounds: required(spec, "sounds")?,
        onsets: required(spec, "onsets")?,
        never_after: required(spec, "never_after")?,
        words: word_table(spec, "words")?,
    }))
}
