//! The specs of the number-format kinds.

use pyo3::prelude::*;
use pyo3::types::PyDict;

use mtcore::numbers::{ClockTimeSpec, GroupedThousandsSpec, OrdinalSuffixSpec};
use mtcore::KindSpec;

use crate::{optional, required};

pub(crate) fn grouped_thousands(spec: &Bound<'_, PyDict>) -> PyResult<KindSpec> {
    Ok(KindSpec::GroupedThousands(GroupedThousandsSpec {
        si_units: required(spec, "si_units")?,
        date_words: required(spec, "date_words")?,
    }))
}

pub(crate) fn clock_time(spec: &Bound<'_, PyDict>) -> PyResult<KindSpec> {
    Ok(KindSpec::ClockTime(ClockTimeSpec {
        time_words: required(spec, "time_words")?,
        meridiem: required(spec, "meridiem")?,
        day_parts: required(spec, "day_parts")?,
        weekdays: optional(spec, "weekdays")?.unwrap_or_default(),
    }))
}

pub(crate) fn ordinal_suffix(spec: &Bound<'_, PyDict>) -> PyResult<KindSpec> {
    Ok(KindSpec::OrdinalSuffix(OrdinalSuffixSpec {
        months: required(spec, "months")?,
        range_words: required(spec, "range_words")?,
        roman_nouns: optional(spec, "roman_nouns")?.unwrap_or_default(),
    }))
}
