//! The spec of the `mojibake` kind's gate (`mtcore::mojibake`).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use mtcore::mojibake::MojibakeSpec;
use mtcore::KindSpec;

use crate::required;

/// `{"singles": str, "followers": [(lead, str of followers)], "chunk": int}`.
pub(crate) fn mojibake_spec(spec: &Bound<'_, PyDict>) -> PyResult<KindSpec> {
    let singles: String = required(spec, "singles")?;
    let followers: Vec<(char, String)> = required(spec, "followers")?;
    Ok(KindSpec::Mojibake(MojibakeSpec {
        singles: singles.chars().collect(),
        followers: followers
            .into_iter()
            .map(|(lead, chars)| (lead, chars.chars().collect()))
            .collect(),
        chunk: required(spec, "chunk")?,
    }))
}
