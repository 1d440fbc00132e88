//! The spec of a `repeated-word` rule.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use mtcore::repeated::RepeatedSpec;
use mtcore::KindSpec;

use crate::required;

pub(crate) fn spec(spec: &Bound<'_, PyDict>) -> PyResult<KindSpec> {
    Ok(KindSpec::RepeatedWord(RepeatedSpec {
        allow: required(spec, "allow")?,
        clause_words: required(spec, "clause_words")?,
    }))
}
