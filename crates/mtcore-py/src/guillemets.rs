//! The spec of a `guillemet-pair` rule (`mtcore::guillemets`).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use mtcore::guillemets::GuillemetSpec;
use mtcore::KindSpec;

use crate::{required, word_table};

pub fn kind_spec(spec: &Bound<'_, PyDict>) -> PyResult<KindSpec> {
    let side: String = required(spec, "side")?;
    let open = match side.as_str() {
        "open" => true,
        "close" => false,
        other => {
            return Err(PyValueError::new_err(format!(
                "guillemet-pair side must be 'open' or 'close', not '{other}'"
            )))
        }
    };
    Ok(KindSpec::Guillemets(GuillemetSpec {
        open,
        margin: required(spec, "french_margin")?,
        mentions: required(spec, "mentions")?,
        words: word_table(spec, "words")?,
    }))
}
