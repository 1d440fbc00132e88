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
