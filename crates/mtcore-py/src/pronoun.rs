//! The pronoun kinds at the boundary: their specs, and the judge the Python adapter asks
//! about the sentences nltk split (`mtcore::pronoun_gender`).

use pyo3::prelude::*;
use pyo3::types::PyDict;

use mtcore::masculine_for_woman::{MasculineForWomanRule, MasculineForWomanSpec};
use mtcore::pronoun_gender::{PronounGenderRule, PronounGenderSpec};

use crate::{required, spec_error, word_table};

pub fn pronoun_gender_spec(spec: &Bound<'_, PyDict>) -> PyResult<PronounGenderSpec> {
    Ok(PronounGenderSpec {
        organisations: required(spec, "organisations")?,
        persons: required(spec, "persons")?,
        female_nouns: required(spec, "female_nouns")?,
        female_names: required(spec, "female_names")?,
        male_names: required(spec, "male_names")?,
        words: word_table(spec, "words")?,
    })
}

/// PRN001's decision on one candidate, from the same spec as its rule:
/// `PronounGender(spec).refers_to_organisation(window)`.
#[pyclass(frozen, module = "cleanup._core")]
pub struct PronounGender {
    rule: PronounGenderRule,
}

#[pymethods]
impl PronounGender {
    #[new]
    fn new(spec: &Bound<'_, PyDict>) -> PyResult<Self> {
        let rule = PronounGenderRule::new(&pronoun_gender_spec(spec)?).map_err(spec_error)?;
        Ok(PronounGender { rule })
    }

    /// Whether `window`, a candidate's sentence up to it and the two sentences before,
    /// names an organisation it could refer to.
    fn refers_to_organisation(&self, window: &str) -> bool {
        self.rule.refers_to_organisation(window)
    }
}

pub fn masculine_for_woman_spec(spec: &Bound<'_, PyDict>) -> PyResult<MasculineForWomanSpec> {
    Ok(MasculineForWomanSpec {
        persons: required(spec, "persons")?,
        female_nouns: required(spec, "female_nouns")?,
        female_names: required(spec, "female_names")?,
        male_names: required(spec, "male_names")?,
        words: word_table(spec, "words")?,
    })
}

/// PRN002's decision on one candidate, from the same spec as its rule:
/// `MasculineForWoman(spec).is_for_a_woman(earlier, current)`.
#[pyclass(frozen, module = "cleanup._core")]
pub struct MasculineForWoman {
    rule: MasculineForWomanRule,
}

#[pymethods]
impl MasculineForWoman {
    #[new]
    fn new(spec: &Bound<'_, PyDict>) -> PyResult<Self> {
        let rule =
            MasculineForWomanRule::new(&masculine_for_woman_spec(spec)?).map_err(spec_error)?;
        Ok(MasculineForWoman { rule })
    }

    /// Whether the candidate is `his` for a woman, given its sentence before it (`current`)
    /// and up to six sentences before (`earlier`).
    fn is_for_a_woman(&self, earlier: Vec<String>, current: &str) -> bool {
        let earlier: Vec<&str> = earlier.iter().map(String::as_str).collect();
        self.rule.is_for_a_woman(&earlier, current)
    }
}
