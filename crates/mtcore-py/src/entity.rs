//! The `html-entity` kind's spec: Python's `html` tables as data (`mtcore::html_entity`).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use mtcore::html_entity::HtmlEntitySpec;

use crate::required;

pub fn html_entity_spec(spec: &Bound<'_, PyDict>) -> PyResult<HtmlEntitySpec> {
    Ok(HtmlEntitySpec {
        entities: required(spec, "entities")?,
        invalid_charrefs: required(spec, "invalid_charrefs")?,
        invalid_codepoints: required(spec, "invalid_codepoints")?,
    })
}
