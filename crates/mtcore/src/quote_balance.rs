//! The `quote-balance` kind (QUO020): a quotation opened and never closed (detect only).
//!
//! The quote marks of a whole paragraph ([`crate::wrap::wrapped_paragraphs`]: a hard-wrapped
//! paragraph's lines together) are read in order, as a reader does:
//!
//! - **Roles.** `“` opens, `”` closes; a `“` glued after a word and followed by a space,
//!   punctuation or the line's end is an MT closing mark, and closes. A straight `"` opens
//!   after a space, a bracket or a dash and closes otherwise; `«` and `»` open and close.
//!   Single quotes are not read at all (an apostrophe is a closing single quote).
//! - **Open at the end of a paragraph** means its last mark opens. That is the English
//!   convention for a quotation over several paragraphs when the next paragraph opens with
//!   a quote mark again, and a quotation split by extraction when the next paragraph's first
//!   mark closes it (in a text without blank lines between paragraphs, after up to
//!   [`LOOKAHEAD`] paragraphs without any mark). Otherwise that last `“` is reported.
//! - Only a curly `“` is reported, never one glued after a word (the glued-quote rules).
//!   A `“` followed by nothing but spaces on its line opens nothing and is always reported.
//!
//! Where the quotation should end needs a reader, so nothing is fixed.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::doc::Doc;
use crate::engine::Hit;
use crate::pychar::{is_space, PyChars};

const OPEN_CURLY: char = '“';
const CLOSE_CURLY: char = '”';
const MARKS: [char; 5] = ['“', '”', '"', '«', '»'];
/// Characters after which a mark that could open does open (besides the start of a line).
const OPENING_CONTEXT: [char; 7] = ['(', '[', '{', '—', '–', '-', '/'];
/// What a paragraph may start with when it continues a quotation (the English convention).
const CONTINUATION_MARKS: [char; 6] = ['“', '"', '«', '‘', '\'', '„'];
/// How many paragraphs on a quotation left open may be closed, across lines without marks.
const LOOKAHEAD: usize = 4;
/// What may follow a reported `“`: the start of quoted words.
const QUOTED_START_PUNCTUATION: [char; 6] = ['‘', '\'', '…', '.', '(', '['];

/// The rule has no data of its own.
#[derive(Clone, Debug, Default)]
pub struct QuoteBalanceSpec {}

pub struct QuoteBalanceRule {
    chars: PyChars,
    /// The [`MARKS`] (pattern `i` is `MARKS[i]`): a line is read only at them.
    marks: AhoCorasick,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
}

impl QuoteBalanceRule {
    pub fn new(_spec: &QuoteBalanceSpec) -> Result<QuoteBalanceRule, (&'static str, String)> {
        let marks = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(MARKS.map(String::from))
            .map_err(|error| ("builtin", error.to_string()))?;
        Ok(QuoteBalanceRule {
            chars: PyChars::new(),
            marks,
        })
    }

    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        if !text.contains(OPEN_CURLY) {
            return;
        }
        let paragraphs = doc.paragraphs();
        let marks_of: Vec<Vec<(usize, Role)>> = paragraphs
            .iter()
            .map(|lines| self.marks(text, lines))
            .collect();
        let mut reported = Vec::new();
        for (number, marks) in marks_of.iter().enumerate() {
            for &(position, role) in marks {
                if role == Role::Open
                    && text[position..].starts_with(OPEN_CURLY)
                    && is_dangling(text, position)
                {
                    reported.push(position);
                }
            }
            let Some(&(last, Role::Open)) = marks.last() else {
                continue;
            };
            if is_continued(text, paragraphs, &marks_of, number) {
                continue;
            }
            if text[last..].starts_with(OPEN_CURLY) && self.is_reportable_opener(text, last) {
                reported.push(last);
            }
        }
        reported.sort_unstable();
        reported.dedup();
        for position in reported {
            hits.push(Hit::new(
                rule,
                position,
                position + OPEN_CURLY.len_utf8(),
                None,
            ));
        }
    }

    /// `(position, role)` of the double quote marks of one paragraph, in order.
    fn marks(&self, text: &str, lines: &[(usize, usize)]) -> Vec<(usize, Role)> {
        let mut marks = Vec::new();
        for &(start, end) in lines {
            for found in self.marks.find_iter(&text[start..end]) {
                let character = MARKS[found.pattern().as_usize()];
                let position = start + found.start();
                let before = text[start..position].chars().next_back().unwrap_or(' ');
                let after = text[position + character.len_utf8()..end]
                    .chars()
                    .next()
                    .unwrap_or(' ');
                let role = match character {
                    CLOSE_CURLY | '»' => Role::Close,
                    '«' => Role::Open,
                    OPEN_CURLY => {
                        let glued = !(is_space(before)
                            || OPENING_CONTEXT.contains(&before)
                            || MARKS.contains(&before));
                        if glued && !self.chars.is_alnum(after) {
                            Role::Close
                        } else {
                            Role::Open
                        }
                    }
                    _ => {
                        // A straight quote opens where a word may start.
                        if (is_space(before) || OPENING_CONTEXT.contains(&before))
                            && !is_space(after)
                        {
                            Role::Open
                        } else {
                            Role::Close
                        }
                    }
                };
                marks.push((position, role));
            }
        }
        marks
    }

    /// A `“` that starts quoted words after a space, an opening bracket or a dash.
    fn is_reportable_opener(&self, text: &str, position: usize) -> bool {
        let before = text[..position].chars().next_back().unwrap_or(' ');
        if !(is_space(before) || OPENING_CONTEXT.contains(&before)) {
            return false; // glued after a word: the glued-quote rules
        }
        match text[position + OPEN_CURLY.len_utf8()..].chars().next() {
            Some(after) => {
                self.chars.is_alnum(after)
                    || QUOTED_START_PUNCTUATION.contains(&after)
                    || is_dangling(text, position)
            }
            None => is_dangling(text, position),
        }
    }
}

/// Whether a quotation open at the end of paragraph `number` goes on after it: the next
/// paragraph continues it, or, in a text whose paragraphs are not separated by blank lines
/// (dialogue broken into short lines), a following one does after lines without any quote
/// mark, up to [`LOOKAHEAD`] paragraphs on.
fn is_continued(
    text: &str,
    paragraphs: &[Vec<(usize, usize)>],
    marks_of: &[Vec<(usize, Role)>],
    number: usize,
) -> bool {
    for following in number + 1..paragraphs.len().min(number + 1 + LOOKAHEAD) {
        if continues(text, &paragraphs[following], &marks_of[following]) {
            return true;
        }
        let previous_end = paragraphs[following - 1].last().map_or(0, |line| line.1);
        let next_start = paragraphs[following][0].0;
        let adjacent = text[previous_end..next_start].matches('\n').count() == 1;
        if !marks_of[following].is_empty() || !adjacent {
            return false;
        }
    }
    false
}

/// Whether the paragraph carries on a quotation left open: it opens with a quote mark (a
/// quotation over several paragraphs) or its first mark closes it (a split paragraph).
fn continues(text: &str, lines: &[(usize, usize)], marks: &[(usize, Role)]) -> bool {
    let (start, end) = lines[0];
    let first = text[start..end].trim_start_matches(is_space).chars().next();
    first.is_some_and(|c| CONTINUATION_MARKS.contains(&c))
        || marks.first().is_some_and(|&(_, role)| role == Role::Close)
}

/// A `“` with only spaces after it on its line: read up to the first character that is
/// not a space, never to the line's end (a line of megabytes holds many `“`).
fn is_dangling(text: &str, position: usize) -> bool {
    for character in text[position + OPEN_CURLY.len_utf8()..].chars() {
        if character == '\n' {
            return true;
        }
        if !is_space(character) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::{QuoteBalanceRule, QuoteBalanceSpec};

    fn reported(text: &str) -> Vec<&str> {
        let mut hits = Vec::new();
        QuoteBalanceRule::new(&QuoteBalanceSpec {}).unwrap().check(
            0,
            &crate::doc::Doc::new(text),
            &mut hits,
        );
        hits.iter().map(|hit| &text[hit.start..]).collect()
    }

    #[test]
    fn an_opening_quote_left_open_at_the_end_of_its_paragraph_is_reported() {
        assert_eq!(
            reported("He said “we will stay and left.\n\nNext."),
            ["“we will stay and left.\n\nNext."]
        );
        assert!(reported("He said “we will stay” and left.").is_empty());
        assert!(reported("He said “we will stay.\n\n“And go,” he said.").is_empty());
    }

    #[test]
    fn a_dangling_quote_is_reported_and_a_glued_one_closes() {
        assert_eq!(reported("He said “  \nthen left.").len(), 1);
        assert!(reported("He said “stay“ and left.").is_empty());
        assert!(reported("é said “stay\nIt can wait.\nI will go.”").is_empty());
    }
}
