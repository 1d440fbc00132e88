//! The extension module `cleanup._core`: converts at the boundary and does nothing else.
//!
//! Python hands over the validated rule data once (`Engine(specs)`, or rule by rule as the
//! pack loader reads it: `EngineBuilder`) and then whole documents (`Engine.check(text)`);
//! hits come back as tuples with code-point offsets. The GIL is released while rules
//! compile and while a document is scanned.

mod article;
mod casing;
mod entity;
mod french_sentence;
mod glued_words;
mod guillemets;
mod homoglyph;
mod leftover;
mod mojibake;
mod numbers;
mod pronoun;
mod repeated;
mod text;

use std::sync::{Arc, Mutex};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use mtcore::furniture::{ClassifierSpec, CueSpec};
use mtcore::lines::LineSpec;
use mtcore::pattern::{PatternSpec, StyleSpec, WordClass};
use mtcore::protect::{protected_spans, ProtectData};
use mtcore::quotes::QuotePairsSpec;
use mtcore::swap::{SwapRow, SwapSpec};
use mtcore::{Compiler, KindSpec, RuleSpec, Scratch};

/// The rarer parts of a hit: the fix's edits `(start, end, replacement)` (empty: the one
/// edit of the tuple), its level when lower than the rule's (`"none"`, `"unsafe"`), and
/// message fields.
type ExtraTuple = (
    Vec<(usize, usize, String)>,
    Option<&'static str>,
    Vec<(&'static str, String)>,
);

/// `(rule, start, end, edit_start, edit_end, replacement, extra)`: offsets in code points.
type HitTuple = (
    u32,
    usize,
    usize,
    usize,
    usize,
    Option<String>,
    Option<ExtraTuple>,
);

/// The error of one rule compiled on its own (an adapter's decision object): the
/// `ValueError(index, key, message)` an [`Engine`] raises, for rule 0.
pub(crate) fn spec_error((key, message): (&'static str, String)) -> PyErr {
    PyValueError::new_err((0usize, key, message))
}

pub(crate) fn required<'py, T: FromPyObject<'py>>(
    spec: &Bound<'py, PyDict>,
    key: &str,
) -> PyResult<T> {
    match spec.get_item(key)? {
        Some(value) => value.extract(),
        None => Err(PyValueError::new_err(format!("rule spec lacks '{key}'"))),
    }
}

pub(crate) fn optional<'py, T: FromPyObject<'py>>(
    spec: &Bound<'py, PyDict>,
    key: &str,
) -> PyResult<Option<T>> {
    match spec.get_item(key)? {
        Some(value) if !value.is_none() => Ok(Some(value.extract()?)),
        _ => Ok(None),
    }
}

fn pattern_spec(spec: &Bound<'_, PyDict>, ignore_case: bool) -> PyResult<PatternSpec> {
    Ok(PatternSpec {
        pattern: required(spec, "pattern")?,
        replace: optional(spec, "replace")?,
        before: optional(spec, "before")?,
        not_before: optional(spec, "not_before")?,
        after: optional(spec, "after")?,
        not_after: optional(spec, "not_after")?,
        ignore_case,
    })
}

/// The `line` kind's furniture classifier: `cues` rows `(class, weight, label, pattern)`
/// and its thresholds, or None when the spec has no cues.
fn classifier_spec(spec: &Bound<'_, PyDict>) -> PyResult<Option<ClassifierSpec>> {
    let Some(rows) = optional::<Vec<(String, i32, String, String)>>(spec, "cues")? else {
        return Ok(None);
    };
    Ok(Some(ClassifierSpec {
        cues: rows
            .into_iter()
            .map(|(class, weight, label, pattern)| CueSpec {
                class,
                weight,
                label,
                pattern,
            })
            .collect(),
        report_score: required(spec, "report_score")?,
        safe_score: required(spec, "safe_score")?,
        max_words: required(spec, "cue_max_words")?,
        safe_max_words: required(spec, "safe_max_words")?,
        position_max: optional(spec, "position_max")?.unwrap_or(0),
        heading_classes: optional(spec, "heading_classes")?.unwrap_or_default(),
    }))
}

/// A rule's spec: its kind's data, and the `gate` literals any kind may have.
fn rule_spec(spec: &Bound<'_, PyDict>) -> PyResult<RuleSpec> {
    Ok(RuleSpec::gated(
        kind_spec(spec)?,
        optional(spec, "gate")?.unwrap_or_default(),
    ))
}

fn kind_spec(spec: &Bound<'_, PyDict>) -> PyResult<KindSpec> {
    let kind: String = required(spec, "kind")?;
    let ignore_case = optional(spec, "ignore_case")?.unwrap_or(false);
    match kind.as_str() {
        "pattern" => {
            let alternatives: Option<Vec<Bound<'_, PyDict>>> = optional(spec, "alternatives")?;
            let alternatives = match alternatives {
                Some(items) => items
                    .iter()
                    .map(|item| pattern_spec(item, ignore_case))
                    .collect::<PyResult<Vec<_>>>()?,
                None => vec![pattern_spec(spec, ignore_case)?],
            };
            // (name, evidence, values) of each style, the default first.
            type Style = (String, String, Vec<(String, String)>);
            let styles: Vec<Style> = optional(spec, "styles")?.unwrap_or_default();
            let styles = styles
                .into_iter()
                .map(|(name, evidence, values)| StyleSpec {
                    name,
                    evidence,
                    values,
                })
                .collect();
            // (name, words) of each word class the patterns name as `(?&name)`.
            let classes: Vec<(String, Vec<String>)> = optional(spec, "words")?.unwrap_or_default();
            let classes = classes
                .into_iter()
                .map(|(name, words)| WordClass { name, words })
                .collect();
            Ok(KindSpec::Pattern(alternatives, styles, classes))
        }
        "line" => Ok(KindSpec::Line(LineSpec {
            lines: required(spec, "lines")?,
            teasers: optional(spec, "teasers")?.unwrap_or_default(),
            max_length: required(spec, "max_length")?,
            teaser_max_length: required(spec, "teaser_max_length")?,
            ignore_case,
            classifier: classifier_spec(spec)?,
        })),
        "swap" => {
            // (source, target, context, unless, article) of each row.
            type Row = (
                String,
                String,
                Option<String>,
                Option<String>,
                Option<String>,
            );
            let rows: Vec<Row> = required(spec, "rows")?;
            Ok(KindSpec::Swap(SwapSpec {
                rows: rows
                    .into_iter()
                    .map(|(source, target, context, unless, article)| SwapRow {
                        source,
                        target,
                        context,
                        unless,
                        article,
                    })
                    .collect(),
                ignore_case,
                not_before: optional(spec, "not_before")?,
                flag_after: optional(spec, "flag_after")?,
                article_after: optional(spec, "article_after")?,
                head_after: optional(spec, "head_after")?,
            }))
        }
        "quote-pairs" => Ok(KindSpec::QuotePairs(QuotePairsSpec {
            opening: required(spec, "opening")?,
            closing: required(spec, "closing")?,
            leave: required(spec, "leave")?,
            straight: required(spec, "straight")?,
        })),
        "quote-balance" => Ok(KindSpec::QuoteBalance(Default::default())),
        "control-character" => Ok(KindSpec::ControlCharacter(Default::default())),
        "html-entity" => Ok(KindSpec::HtmlEntity(entity::html_entity_spec(spec)?)),
        "masculine-for-woman" => Ok(KindSpec::MasculineForWoman(
            pronoun::masculine_for_woman_spec(spec)?,
        )),
        "pronoun-gender" => Ok(KindSpec::PronounGender(pronoun::pronoun_gender_spec(spec)?)),
        "repeated-word" => repeated::spec(spec),
        "grouped-thousands" => numbers::grouped_thousands(spec),
        "clock-time" => numbers::clock_time(spec),
        "capitalized-word" => casing::spec(spec),
        "ordinal-suffix" => numbers::ordinal_suffix(spec),
        "indefinite-article" => article::kind_spec(spec),
        "french-sentence" => french_sentence::kind_spec(spec),
        "glued-words" => glued_words::kind_spec(spec),
        "guillemet-pair" => guillemets::kind_spec(spec),
        "mojibake" => mojibake::mojibake_spec(spec),
        "homoglyph" => homoglyph::homoglyph_spec(spec),
        "leftover" => leftover::kind_spec(spec),
        other => Err(PyValueError::new_err(format!(
            "unknown core kind '{other}'"
        ))),
    }
}

/// A compiled rule set. `Engine(specs)` raises `ValueError((index, key, message))` naming
/// the first rule whose data does not compile.
#[pyclass(frozen, module = "cleanup._core")]
struct Engine {
    inner: Arc<mtcore::Engine>,
    enabled: Option<Vec<bool>>,
    scratch: Mutex<Vec<Scratch>>,
}

#[pymethods]
impl Engine {
    #[new]
    fn new(py: Python<'_>, specs: Vec<Bound<'_, PyDict>>) -> PyResult<Self> {
        let specs = specs.iter().map(rule_spec).collect::<PyResult<Vec<_>>>()?;
        let inner = py
            .allow_threads(|| mtcore::Engine::new(&specs))
            .map_err(|error| PyValueError::new_err((error.rule, error.key, error.message)))?;
        Ok(Engine {
            inner: Arc::new(inner),
            enabled: None,
            scratch: Mutex::new(Vec::new()),
        })
    }

    /// The same compiled rules, running only those at `indices`.
    fn select(&self, indices: Vec<usize>) -> Engine {
        let mut enabled = vec![false; self.inner.len()];
        for index in indices {
            if let Some(slot) = enabled.get_mut(index) {
                *slot = true;
            }
        }
        Engine {
            inner: Arc::clone(&self.inner),
            enabled: Some(enabled),
            scratch: Mutex::new(Vec::new()),
        }
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// Every hit in `text`: `(rule, start, end, edit_start, edit_end, replacement, extra)`.
    fn check(&self, py: Python<'_>, text: &str) -> Vec<HitTuple> {
        let mut scratch = self
            .scratch
            .lock()
            .ok()
            .and_then(|mut pool| pool.pop())
            .unwrap_or_default();
        let enabled = self.enabled.as_deref();
        let hits = py.allow_threads(|| self.inner.check_chars(text, enabled, &mut scratch));
        if let Ok(mut pool) = self.scratch.lock() {
            pool.push(scratch);
        }
        hits.into_iter()
            .map(|hit| hit_tuple(hit, |at| at))
            .collect()
    }
}

/// Rules compiled while the pack loader goes on reading ([`mtcore::Compiler`]): `add(spec)`
/// starts compiling a rule on a worker thread and returns its number, `finish(numbers)`
/// waits and returns the engine of those rules in that order, raising `ValueError((position,
/// key, message))` for the first that does not compile, as `Engine` does.
#[pyclass(frozen, module = "cleanup._core")]
struct EngineBuilder {
    compiler: Mutex<Option<Compiler>>,
}

#[pymethods]
impl EngineBuilder {
    #[new]
    fn new() -> Self {
        EngineBuilder {
            compiler: Mutex::new(Some(Compiler::new())),
        }
    }

    fn add(&self, spec: &Bound<'_, PyDict>) -> PyResult<usize> {
        let spec = rule_spec(spec)?;
        let mut compiler = self.compiler.lock().map_err(|_| finished())?;
        Ok(compiler.as_mut().ok_or_else(finished)?.add(spec))
    }

    fn finish(&self, py: Python<'_>, numbers: Vec<usize>) -> PyResult<Engine> {
        let compiler = self
            .compiler
            .lock()
            .map_err(|_| finished())?
            .take()
            .ok_or_else(finished)?;
        let inner = py
            .allow_threads(|| compiler.finish(&numbers))
            .map_err(|error| PyValueError::new_err((error.rule, error.key, error.message)))?;
        Ok(Engine {
            inner: Arc::new(inner),
            enabled: None,
            scratch: Mutex::new(Vec::new()),
        })
    }
}

fn finished() -> PyErr {
    PyValueError::new_err("this EngineBuilder has finished")
}

/// A hit as Python receives it, its offsets mapped by `char` (identity for hits already in
/// code points). The extra edits' offsets are the caller's to map.
pub(crate) fn hit_tuple(hit: mtcore::Hit, char: impl Fn(usize) -> usize) -> HitTuple {
    let (edit_start, edit_end) = hit.edit.unwrap_or((hit.start, hit.end));
    (
        hit.rule,
        char(hit.start),
        char(hit.end),
        char(edit_start),
        char(edit_end),
        hit.replacement,
        hit.extra.map(|extra| {
            let extra = *extra;
            (
                extra.edits,
                extra.level.map(|level| level.name()),
                extra.fields,
            )
        }),
    )
}

/// The shipped word-frequency table (`mtcore::words`), parsed once from the file's text and
/// shared by every rule spec that names it (`"words": table`).
#[pyclass(frozen, module = "cleanup._core")]
pub struct WordTable {
    pub inner: Arc<mtcore::words::WordTable>,
}

#[pymethods]
impl WordTable {
    /// The file's bytes; raises `ValueError((line, message))` for a malformed row or text that
    /// is not UTF-8.
    #[new]
    fn new(py: Python<'_>, data: &[u8]) -> PyResult<Self> {
        let text = std::str::from_utf8(data).map_err(|error| {
            let line = data[..error.valid_up_to()]
                .iter()
                .filter(|&&byte| byte == b'\n')
                .count()
                + 1;
            PyValueError::new_err((line, "not UTF-8".to_string()))
        })?;
        let inner = py
            .allow_threads(|| mtcore::words::WordTable::parse(text))
            .map_err(|(line, message)| PyValueError::new_err((line, message)))?;
        Ok(WordTable {
            inner: Arc::new(inner),
        })
    }

    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// The Zipf value of `word` in `lang` (`"en"`, `"fr"`) when the table holds it.
    fn zipf(&self, lang: &str, word: &str) -> PyResult<Option<f64>> {
        let lang = match lang {
            "en" => mtcore::words::Lang::En,
            "fr" => mtcore::words::Lang::Fr,
            other => return Err(PyValueError::new_err(format!("unknown language '{other}'"))),
        };
        Ok(self.inner.zipf(lang, &mtcore::words::key(word)))
    }

    /// Whether `word` is at least `margin` Zipf units more frequent in French than in English,
    /// with a French Zipf value of at least `min_french`; raises `ValueError` for thresholds
    /// the table cannot decide (`margin` below 1, `min_french` below 2).
    fn is_french_leaning(&self, word: &str, margin: f64, min_french: f64) -> PyResult<bool> {
        self.inner
            .is_french_leaning(&mtcore::words::key(word), margin, min_french)
            .ok_or_else(|| {
                PyValueError::new_err(format!(
                    "the table cannot decide a margin of {margin} with a French value of {min_french}"
                ))
            })
    }
}

/// The word table a spec names under `key`.
pub fn word_table(spec: &Bound<'_, PyDict>, key: &str) -> PyResult<Arc<mtcore::words::WordTable>> {
    let table: PyRef<'_, WordTable> = required(spec, key)?;
    Ok(Arc::clone(&table.inner))
}

/// The protected spans of documents (`mtcore::protect`), from the packs' word lists,
/// which are compiled once.
#[pyclass(frozen, module = "cleanup._core")]
struct Protector {
    data: ProtectData,
}

#[pymethods]
impl Protector {
    #[new]
    fn new(
        tlds: Vec<String>,
        sentence_starters: Vec<String>,
        file_extensions: Vec<String>,
    ) -> Self {
        Protector {
            data: ProtectData::new(tlds, sentence_starters, file_extensions),
        }
    }

    /// The protected `(start, end)` spans of `text`, sorted and merged, in code points.
    fn spans(&self, py: Python<'_>, text: &str, markdown: bool) -> Vec<(usize, usize)> {
        let spans = py.allow_threads(|| protected_spans(text, markdown, &self.data));
        text::spans_in_chars(text, &spans)
    }
}

#[pymodule]
fn _core(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Engine>()?;
    module.add_class::<EngineBuilder>()?;
    module.add_class::<Protector>()?;
    module.add_class::<pronoun::PronounGender>()?;
    module.add_class::<pronoun::MasculineForWoman>()?;
    module.add_function(wrap_pyfunction!(text::paragraph_spans, module)?)?;
    module.add_function(wrap_pyfunction!(text::nonblank_lines, module)?)?;
    module.add_function(wrap_pyfunction!(text::wrapped_paragraphs, module)?)?;
    module.add_class::<WordTable>()?;
    module.add_class::<leftover::Leftover>()?;
    module.add_class::<leftover::LeftoverDocument>()?;
    module.add_class::<french_sentence::FrenchSentence>()?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
