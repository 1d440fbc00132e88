//! The spec of the `homoglyph` kind (`mtcore::homoglyph`).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use mtcore::homoglyph::HomoglyphSpec;
use mtcore::KindSpec;

use crate::required;

/// `{"table": [(look-alike, Latin letter)]}`.
pub(crate) fn homoglyph_spec(spec: &Bound<'_, PyDict>) -> PyResult<KindSpec> {
    Ok(KindSpec::Homoglyph(HomoglyphSpec {
        table: required(spec, "table")?,
    }))
}
