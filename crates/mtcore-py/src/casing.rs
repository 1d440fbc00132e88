//! The spec of a `capitalized-word` rule.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use mtcore::casing::CapitalizedWordSpec;
use mtcore::KindSpec;

use crate::required;

pub(crate) fn spec(spec: &Bound<'_, PyDict>) -> PyResult<KindSpec> {
    Ok(KindSpec::CapitalizedWord(CapitalizedWordSpec {
        words: required(spec, "words")?,
        before: required(spec, "before")?,
    }))
}
