//! The lines of a document and the paragraphs of a hard-wrapped text, as
//! `cleanup.kinds.base.Document.lines` and `cleanup.segment.join_wrapped_lines` give them
//! (byte offsets here; lengths are compared in code points, as Python counts them).

use super::py::{is_space, lstrip, only_space, rstrip, starts_lower};

const BLOCK_STARTS: &[char] = &['-', '*', '\u{2022}', '#', '>', '|'];
const MAX_WRAP_WIDTH: usize = 120;
const MIN_SLACK: usize = 4;
const MIN_WRAP_WIDTH: usize = 30;
const MIN_INNER_LINES: usize = 3;
const SENTENCE_ENDS: &[char] = &['.', '!', '?', '\u{2026}', ':'];
const LINE_END_CLOSERS: &[char] = &['\u{201d}', '\u{2019}', '"', '\'', ')', ']', '»'];

/// `(start, end)` of every line, `end` excluding the `\n` and a `\r` before it.
pub fn lines(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    loop {
        let newline = text[start..].find('\n').map(|at| start + at);
        let end = newline.unwrap_or(text.len());
        let content_end = if end > start && bytes[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        spans.push((start, content_end));
        match newline {
            Some(at) => start = at + 1,
            None => break,
        }
    }
    spans
}

fn ends_sentence(content: &str) -> bool {
    rstrip(content)
        .trim_end_matches(LINE_END_CLOSERS)
        .chars()
        .next_back()
        .is_some_and(|c| SENTENCE_ENDS.contains(&c))
}

/// For each line, the number of the wrapped paragraph (of more than one line) it belongs
/// to, or None.
pub fn wrapped_blocks(text: &str, lines: &[(usize, usize)]) -> Vec<Option<usize>> {
    let contents: Vec<&str> = lines.iter().map(|&(s, e)| rstrip(&text[s..e])).collect();
    let blank: Vec<bool> = contents.iter().map(|c| only_space(c)).collect();
    // index -> (length, next line's first word length or -1, ends a sentence)
    let mut inner: Vec<Option<(usize, isize, bool)>> = vec![None; lines.len()];
    let mut count = 0;
    for index in 0..lines.len().saturating_sub(1) {
        let (content, following) = (contents[index], contents[index + 1]);
        if blank[index] || blank[index + 1] {
            continue;
        }
        let stripped = lstrip(following);
        let first = stripped.chars().next().unwrap_or(' ');
        let is_block = BLOCK_STARTS.contains(&first)
            || stripped.chars().count() + 1 < following.chars().count();
        let word = stripped.chars().take_while(|&c| !is_space(c)).count();
        let word_length = if is_block || word == 0 {
            -1
        } else {
            word as isize
        };
        inner[index] = Some((content.chars().count(), word_length, ends_sentence(content)));
        count += 1;
    }
    let mut width = 0usize;
    if count >= MIN_INNER_LINES {
        let mut widths: Vec<usize> = inner.iter().flatten().map(|item| item.0).collect();
        widths.sort_unstable();
        width = widths[(widths.len() - 1) * 9 / 10];
        if width > MAX_WRAP_WIDTH {
            width = 0;
        }
    }
    let threshold = width as isize - MIN_SLACK.max(width / 10) as isize;
    let full: Vec<bool> = inner
        .iter()
        .map(|item| {
            item.is_some_and(|(length, word, _)| {
                word >= 0 && length as isize + 1 + word > threshold
            })
        })
        .collect();
    if width > 0 {
        let fulls = full.iter().filter(|&&f| f).count();
        let ends = inner.iter().flatten().filter(|item| item.2).count();
        if width < MIN_WRAP_WIDTH || 4 * fulls < 3 * count || 2 * ends > count {
            width = 0;
        }
    }
    let mut block = vec![None; lines.len()];
    let mut number = 0;
    let mut current: Vec<usize> = Vec::new();
    let mut flush = |current: &mut Vec<usize>, block: &mut Vec<Option<usize>>| {
        if current.len() > 1 {
            for &line in current.iter() {
                block[line] = Some(number);
            }
        }
        if !current.is_empty() {
            number += 1;
        }
        current.clear();
    };
    for index in 0..lines.len() {
        if blank[index] {
            flush(&mut current, &mut block);
            continue;
        }
        let joined = index > 0
            && inner[index - 1].is_some_and(|(_, _, ends)| {
                (width > 0 && full[index - 1]) || (starts_lower(lstrip(contents[index])) && !ends)
            });
        if !current.is_empty() && !joined {
            flush(&mut current, &mut block);
        }
        current.push(index);
    }
    flush(&mut current, &mut block);
    block
}

#[cfg(test)]
mod tests {
    use super::{lines, wrapped_blocks};

    #[test]
    fn joins_the_lines_of_wrapped_paragraphs() {
        let text =
            "He said “we will\nstay” and left. Then\nhe came back and\nsat down.\n\n“Yes.”\n";
        let spans = lines(text);
        assert_eq!(spans.len(), 7);
        let blocks = wrapped_blocks(text, &spans);
        assert_eq!(
            blocks,
            [Some(0), Some(0), Some(0), Some(0), None, None, None]
        );
        assert_eq!(lines("a\r\nb"), [(0, 1), (3, 4)]);
    }
}
