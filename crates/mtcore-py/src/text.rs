//! Text segmentation the Python kinds share with the core's (`mtcore::wrap`).

use pyo3::prelude::*;

use mtcore::offsets::to_char_offsets;
use mtcore::wrap;

/// The paragraphs of `text` as lists of its non-blank lines `(start, end)` in code points,
/// a hard-wrapped paragraph's lines together (`cleanup.segment.join_wrapped_lines`).
#[pyfunction]
pub fn wrapped_paragraphs(py: Python<'_>, text: &str) -> Vec<Vec<(usize, usize)>> {
    let paragraphs = py.allow_threads(|| wrap::wrapped_paragraphs(text));
    let mut offsets: Vec<usize> = paragraphs
        .iter()
        .flatten()
        .flat_map(|&(start, end)| [start, end])
        .collect();
    to_char_offsets(text, &mut offsets);
    let mut next = offsets.chunks_exact(2).map(|pair| (pair[0], pair[1]));
    paragraphs
        .iter()
        .map(|lines| lines.iter().filter_map(|_| next.next()).collect())
        .collect()
}

/// Byte spans of `text` as code-point spans.
pub(crate) fn spans_in_chars(text: &str, spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut offsets: Vec<usize> = spans
        .iter()
        .flat_map(|&(start, end)| [start, end])
        .collect();
    to_char_offsets(text, &mut offsets);
    offsets
        .chunks_exact(2)
        .map(|pair| (pair[0], pair[1]))
        .collect()
}

/// The paragraphs the sentence-reading rules use (`cleanup.segment.paragraph_spans_of`) in code
/// points, and whether the text is hard-wrapped (else they are its non-blank lines).
#[pyfunction]
pub fn paragraph_spans(py: Python<'_>, text: &str) -> (Vec<(usize, usize)>, bool) {
    let (spans, wrapped) = py.allow_threads(|| wrap::paragraph_spans(text));
    (spans_in_chars(text, &spans), wrapped)
}

/// `(start, end)` in code points of every non-blank line as `str.splitlines` cuts them
/// (`cleanup.segment.iter_paragraphs`).
#[pyfunction]
pub fn nonblank_lines(py: Python<'_>, text: &str) -> Vec<(usize, usize)> {
    let spans = py.allow_threads(|| wrap::nonblank_lines(text));
    spans_in_chars(text, &spans)
}
