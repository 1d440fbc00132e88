//! The paragraphs of a text whose lines may be hard-wrapped (a novel, a plain-text e-mail),
//! as lists of its non-blank lines: the one implementation, which Python's
//! `cleanup.segment.join_wrapped_lines` calls too.
//!
//! A line joins the next one when both are non-blank and it is *full*: the next line's
//! first word would not have fitted after it at the text's wrap width. The width is the
//! usual length of the lines followed by another (at most [`MAX_WRAP_WIDTH`]), and the text
//! is taken for hard-wrapped only when most such lines are full, as a wrapper leaves them: a
//! text with one paragraph per line, short or long, keeps its lines as paragraphs. A line
//! ending mid-sentence before one starting in lower case joins it too (a broken sentence).
//! Lengths count code points, as Python does.

use crate::lines::line_spans;
use crate::pychar::{is_blank, is_space};

/// Lines starting with these begin a paragraph of their own even inside a wrapped block.
const BLOCK_STARTS: [char; 6] = ['-', '*', '•', '#', '>', '|'];
/// A text is taken for hard-wrapped only when its usual full line is at most this long.
const MAX_WRAP_WIDTH: usize = 120;
/// How far below the text's usual line width a line may end and still count as full.
const MIN_SLACK: usize = 4;
/// Lines wrapped narrower than this are verse or lists, not wrapped prose.
const MIN_WRAP_WIDTH: usize = 30;
/// At most this share of a wrapped text's inner lines ends a sentence.
const SENTENCE_END_SHARE: f64 = 0.5;
const SENTENCE_ENDS: [char; 5] = ['.', '!', '?', '…', ':'];
const LINE_END_CLOSERS: [char; 7] = ['”', '’', '"', '\'', ')', ']', '»'];
/// A text is hard-wrapped when it has this many lines followed by another ...
const MIN_INNER_LINES: usize = 3;
/// ... and at least this share of them is full.
const FULL_SHARE: f64 = 0.75;

/// A line followed by a non-blank line: its length, the next line's first word length
/// (None when the next line starts a block of its own), and whether it ends a sentence.
struct Inner {
    length: usize,
    word: Option<usize>,
    ends_sentence: bool,
}

/// The paragraphs of `text` as lists of its non-blank lines `(start, end)` (byte offsets,
/// the lines of [`line_spans`]).
pub fn wrapped_paragraphs(text: &str) -> Vec<Vec<(usize, usize)>> {
    let lines = line_spans(text);
    let contents: Vec<&str> = lines
        .iter()
        .map(|&(start, end)| text[start..end].trim_end_matches(is_space))
        .collect();
    let blank: Vec<bool> = contents.iter().map(|content| !has_text(content)).collect();
    let mut inner: Vec<Option<Inner>> = (0..lines.len()).map(|_| None).collect();
    for index in 0..lines.len().saturating_sub(1) {
        let (content, following) = (contents[index], contents[index + 1]);
        if blank[index] || blank[index + 1] {
            continue;
        }
        let stripped = following.trim_start_matches(is_space);
        let is_block = stripped
            .chars()
            .next()
            .is_some_and(|c| BLOCK_STARTS.contains(&c))
            || stripped.chars().count() + 1 < following.chars().count();
        let word = (!is_block).then(|| stripped.chars().take_while(|&c| !is_space(c)).count());
        inner[index] = Some(Inner {
            length: content.chars().count(),
            word,
            ends_sentence: ends_sentence(content),
        });
    }
    let measured: Vec<&Inner> = inner.iter().flatten().collect();
    let mut width = 0;
    if measured.len() >= MIN_INNER_LINES {
        let mut widths: Vec<usize> = measured.iter().map(|line| line.length).collect();
        widths.sort_unstable();
        width = widths[(widths.len() - 1) * 9 / 10];
        if width > MAX_WRAP_WIDTH {
            width = 0;
        }
    }
    // `width - max(slack, width / 10)` may be negative in Python: compare in i64.
    let threshold = width as i64 - MIN_SLACK.max(width / 10) as i64;
    let is_full = |line: &Inner| {
        line.word
            .is_some_and(|word| (line.length + 1 + word) as i64 > threshold)
    };
    if width != 0 {
        let full = measured.iter().filter(|line| is_full(line)).count();
        let ends = measured.iter().filter(|line| line.ends_sentence).count();
        let count = measured.len() as f64;
        if width < MIN_WRAP_WIDTH
            || (full as f64) < FULL_SHARE * count
            || ends as f64 > SENTENCE_END_SHARE * count
        {
            width = 0; // not wrapped: lines of one length by chance, or one sentence a line
        }
    }
    let mut paragraphs = Vec::new();
    let mut current: Vec<(usize, usize)> = Vec::new();
    for (index, &line) in lines.iter().enumerate() {
        if blank[index] {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        let joined = index > 0
            && inner[index - 1].as_ref().is_some_and(|previous| {
                (width != 0 && is_full(previous))
                    || (contents[index]
                        .trim_start_matches(is_space)
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase)
                        && !previous.ends_sentence)
            });
        if !current.is_empty() && !joined {
            paragraphs.push(std::mem::take(&mut current));
        }
        current.push(line);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

/// `(start, end)` of every non-blank line as Python's `str.splitlines` cuts lines (at
/// `\n`, `\r`, `\r\n`, `\v`, `\f`, U+001C..U+001E, U+0085, U+2028, U+2029), `end` before
/// a `\r` or `\n` ending the line (another line break stays in it): the one implementation
/// of `cleanup.segment.iter_paragraphs`.
pub fn nonblank_lines(text: &str) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let found = text[start..].char_indices().find(|&(_, c)| {
            matches!(
                c,
                '\n' | '\r'
                    | '\u{b}'
                    | '\u{c}'
                    | '\u{1c}'
                    | '\u{1d}'
                    | '\u{1e}'
                    | '\u{85}'
                    | '\u{2028}'
                    | '\u{2029}'
            )
        });
        let (content_end, next) = match found {
            None => (text.len(), text.len()),
            Some((offset, c)) => {
                let at = start + offset;
                let after = at + c.len_utf8();
                match c {
                    '\r' if text[after..].starts_with('\n') => (at, after + 1),
                    '\r' | '\n' => (at, after),
                    _ => (after, after),
                }
            }
        };
        if has_text(&text[start..content_end]) {
            lines.push((start, content_end));
        }
        start = next;
    }
    lines
}

/// The paragraphs the sentence-reading rules use (`cleanup.segment.paragraph_spans_of`): the
/// non-blank lines ([`nonblank_lines`]) unless the text is hard-wrapped, then the spans of
/// [`wrapped_paragraphs`]; and whether it is.
pub fn paragraph_spans(text: &str) -> (Vec<(usize, usize)>, bool) {
    paragraph_spans_of(text, &wrapped_paragraphs(text))
}

/// [`paragraph_spans`] from the text's [`wrapped_paragraphs`] (`blocks`), computed already.
pub fn paragraph_spans_of(
    text: &str,
    blocks: &[Vec<(usize, usize)>],
) -> (Vec<(usize, usize)>, bool) {
    if blocks.iter().all(|block| block.len() == 1) {
        return (nonblank_lines(text), false);
    }
    let spans = blocks
        .iter()
        .map(|block| (block[0].0, block[block.len() - 1].1))
        .collect();
    (spans, true)
}

/// `content.strip()` is not empty.
fn has_text(content: &str) -> bool {
    !content.is_empty() && !is_blank(content)
}

/// Whether a line ends with a sentence's final punctuation (closing marks after it allowed).
fn ends_sentence(content: &str) -> bool {
    content
        .trim_end_matches(is_space)
        .trim_end_matches(LINE_END_CLOSERS)
        .chars()
        .next_back()
        .is_some_and(|c| SENTENCE_ENDS.contains(&c))
}

#[cfg(test)]
mod tests {
    use super::{nonblank_lines, wrapped_paragraphs};

    fn paragraphs(text: &str) -> Vec<Vec<&str>> {
        wrapped_paragraphs(text)
            .into_iter()
            .map(|lines| lines.into_iter().map(|(s, e)| &text[s..e]).collect())
            .collect()
    }

    #[test]
    fn a_broken_sentence_joins_and_blank_lines_separate() {
        let text =
            "He said “we will\nstay” and left. Then\nhe came back and\nsat down.\n\n“Yes.”\n";
        assert_eq!(
            paragraphs(text),
            [
                vec![
                    "He said “we will",
                    "stay” and left. Then",
                    "he came back and",
                    "sat down."
                ],
                vec!["“Yes.”"]
            ]
        );
    }

    #[test]
    fn nonblank_lines_cut_where_python_splitlines_does() {
        let text = "a\r\nb\u{2028}c\rd\u{b}\n \n";
        let lines: Vec<&str> = nonblank_lines(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(lines, ["a", "b\u{2028}", "c", "d\u{b}"]);
    }

    #[test]
    fn full_lines_of_a_wrapped_text_join() {
        let text = "It was a dark and stormy night; the rain fell in\n\
                    torrents, except at occasional intervals, when it\n\
                    was checked by a violent gust of wind which swept\n\
                    up the streets (for it is in London that our scene\n\
                    lies), rattling along the housetops.\n\
                    Another paragraph starts here.";
        let found = paragraphs(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].len(), 5);
        assert_eq!(paragraphs("One line.\nAnother line.\n").len(), 2);
    }
}
