//! The `quote-pairs` kind: curly double quotes reversed, spaced or glued by the MT system,
//! repaired from the pairing of the marks in a paragraph.
//!
//! A paragraph is a line. Its curly double quote marks (“ and ”) are read in order: the
//! first opens, the second closes, the third opens, and so on. The paragraph is repaired
//! only when that pairing is unambiguous:
//!
//! - it holds no other double quote mark (guillemets, German quotes: the `leave` list),
//!   at least one curly mark, and an even number of marks in all;
//! - every quotation has some text between its marks;
//! - no mark is shaped for the other role: an opener never directly follows a word and
//!   stands before a space or punctuation (`word” he`), a closer never stands after a space
//!   and before a word (`said “we`), nor right after an opening bracket or before closing
//!   punctuation on its inside. A quotation running in from the previous line shifts the
//!   pairing and always leaves one such contradiction, so a hard-wrapped text is left alone;
//! - at least one mark points the wrong way for its role.
//!
//! A straight mark (the `straight` list: `"`) on such a line joins the pairing as a mark of
//! either role when the document's curly marks outnumber its straight ones: there it is a
//! quotation half converted by the MT system or a scraper (`“no military solution"`), and
//! it takes the curly form of its role. Where straight marks are as many or more, they are
//! the document's style (a half-converted quotation there would rather be made straight, a
//! choice left to the reviewer), and a line holding one is left alone.
//!
//! Each mark pointing the wrong way then gets one fix: the right direction, the space on
//! its inside removed, a space on its outside added where it is glued to a word. The edit
//! takes in the nearest character inside the quotation and the space outside the mark (kept
//! as it is; before an opener, the character before that space too), so that an edit a
//! single-mark rule proposes at the same mark, misreading the turned marks around it (a
//! space it would remove or insert), overlaps it and starts later: the fixer drops it.
//!
//! Marks already pointing the right way are left to the single-mark rules, and so are the
//! two shapes those rules already repair the same way: a pair reversed and nothing else
//! (`”a government on probation“`) and an opening mark closing a properly opened quotation
//! after a space and before punctuation (`its imbalance! “,`).

use std::cell::OnceCell;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::doc::Doc;
use crate::engine::Hit;

/// A `quote-pairs` rule's data: the opening and closing marks and the characters whose
/// presence leaves a paragraph to the other rules.
#[derive(Clone, Debug)]
pub struct QuotePairsSpec {
    pub opening: char,
    pub closing: char,
    pub leave: Vec<char>,
    /// Marks of no direction that join the pairing (see the module's documentation).
    pub straight: Vec<char>,
}

impl Default for QuotePairsSpec {
    fn default() -> Self {
        QuotePairsSpec {
            opening: '“',
            closing: '”',
            leave: vec!['«', '»', '„', '‟'],
            straight: vec!['"'],
        }
    }
}

pub struct QuotePairsRule {
    spec: QuotePairsSpec,
    /// The curly marks: a line without one is left without reading it.
    curly: AhoCorasick,
    /// Every character the rule reads (the marks, the straight marks, the `leave` list),
    /// `characters[i]` for pattern `i`: a line is read only at them.
    read: AhoCorasick,
    characters: Vec<char>,
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}')
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// What may stand right outside an opening mark, at the start of a quotation.
fn opens_outside(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '—' | '–' | '/')
}

/// What may stand right outside a closing mark, after a quotation.
fn closes_outside(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']')
}

/// Punctuation that can neither start a quotation nor follow an opening mark.
fn cannot_start(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']' | '}')
}

/// One mark: its byte span in the text, and the characters around it on its line.
struct Mark {
    start: usize,
    end: usize,
    is_opening: bool,
    /// A mark of no direction (`"`): whatever its role, it is turned into a curly one.
    is_straight: bool,
    prev: Option<char>,
    next: Option<char>,
}

impl Mark {
    /// Shaped as an opener: a space, the line start or an opening bracket before, a word or
    /// a quotation's first character directly after.
    fn opener_shaped(&self) -> bool {
        self.prev.is_none_or(|c| is_space(c) || opens_outside(c))
            && self.next.is_some_and(|c| !is_space(c) && !cannot_start(c))
    }

    /// Shaped as a closer: a word or punctuation directly before, a space, the line end or
    /// punctuation after.
    fn closer_shaped(&self) -> bool {
        self.prev.is_some_and(|c| !is_space(c) && !opens_outside(c))
            && self.next.is_none_or(|c| is_space(c) || closes_outside(c))
    }
}

impl QuotePairsRule {
    pub fn new(spec: &QuotePairsSpec) -> Result<QuotePairsRule, (&'static str, String)> {
        if spec.opening == spec.closing {
            return Err((
                "closing",
                "the opening and closing marks must differ".to_string(),
            ));
        }
        let searcher = |characters: &[char]| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(characters.iter().map(|c| c.to_string()))
                .map_err(|error| ("leave", error.to_string()))
        };
        let mut characters = vec![spec.opening, spec.closing];
        characters.extend(&spec.straight);
        characters.extend(&spec.leave);
        Ok(QuotePairsRule {
            spec: spec.clone(),
            curly: searcher(&[spec.opening, spec.closing])?,
            read: searcher(&characters)?,
            characters,
        })
    }

    /// The characters the rule reads in `text`, with their byte offsets, in order.
    fn read<'a>(&'a self, text: &'a str) -> impl Iterator<Item = (usize, char)> + 'a {
        self.read
            .find_iter(text)
            .map(|found| (found.start(), self.characters[found.pattern().as_usize()]))
    }

    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        // Whether the document's curly marks outnumber its straight ones: counted once a
        // line with a straight mark asks.
        let counted = OnceCell::new();
        let curly_style = || {
            *counted.get_or_init(|| {
                let (mut curly, mut straight) = (0usize, 0usize);
                for (_, c) in self.read(text) {
                    if c == self.spec.opening || c == self.spec.closing {
                        curly += 1;
                    } else if self.spec.straight.contains(&c) {
                        straight += 1;
                    }
                }
                curly > straight
            })
        };
        // Only the lines holding a curly mark are read (a line without one holds no pair).
        let mut from = 0;
        while let Some(mark) = self.curly.find(&text[from..]) {
            let at = from + mark.start();
            let start = text[..at].rfind('\n').map_or(0, |newline| newline + 1);
            let end = text[at..]
                .find('\n')
                .map_or(text.len(), |newline| at + newline);
            let body = text[start..end].trim_end_matches(['\n', '\r']);
            self.check_line(rule, body, start, &curly_style, hits);
            from = (end + 1).min(text.len());
            if end == text.len() {
                break;
            }
        }
    }

    /// The line's marks, straight ones included; None when the line holds a mark of the
    /// `leave` list or no curly mark.
    fn marks(&self, line: &str) -> Option<Vec<Mark>> {
        let mut marks = Vec::new();
        let mut curly = false;
        for (index, c) in self.read(line) {
            if self.spec.leave.contains(&c) {
                return None;
            }
            let is_straight = self.spec.straight.contains(&c);
            curly |= !is_straight;
            let end = index + c.len_utf8();
            marks.push(Mark {
                start: index,
                end,
                is_opening: c == self.spec.opening,
                is_straight,
                prev: line[..index].chars().next_back(),
                next: line[end..].chars().next(),
            });
        }
        curly.then_some(marks)
    }

    fn check_line(
        &self,
        rule: u32,
        line: &str,
        offset: usize,
        curly_style: &dyn Fn() -> bool,
        hits: &mut Vec<Hit>,
    ) {
        let Some(marks) = self.marks(line) else {
            return;
        };
        if marks.is_empty() || marks.len() % 2 == 1 {
            return;
        }
        if marks.iter().any(|mark| mark.is_straight) && !curly_style() {
            return;
        }
        // The pairing must agree with the text: something quoted in each pair, and no mark
        // shaped for the other role.
        for pair in marks.chunks_exact(2) {
            let (open, close) = (&pair[0], &pair[1]);
            let inside = &line[open.end..close.start];
            let first = inside.chars().find(|&c| !is_space(c));
            let last = inside.chars().rev().find(|&c| !is_space(c));
            let (Some(first), Some(last)) = (first, last) else {
                return;
            };
            if open.closer_shaped()
                || close.opener_shaped()
                || cannot_start(first)
                || opens_outside(last)
            {
                return;
            }
        }
        if marks
            .iter()
            .enumerate()
            .all(|(index, mark)| !mark.is_straight && mark.is_opening == (index % 2 == 0))
        {
            return;
        }
        for (index, pair) in marks.chunks_exact(2).enumerate() {
            let (open, close) = (&pair[0], &pair[1]);
            let curly = !open.is_straight && !close.is_straight;
            if curly && !open.is_opening && close.is_opening && self.swapped_only(open, close) {
                continue;
            }
            // A finding covers its whole quotation, so that a mark in a protected span (code,
            // a URL) voids the pairing's fixes instead of leaving half of them.
            let quotation = (offset + open.start, offset + close.end);
            let scoped = |hit: Hit| Hit {
                start: quotation.0,
                end: quotation.1,
                ..hit
            };
            if open.is_straight || !open.is_opening {
                hits.push(scoped(self.fix_opener(rule, line, offset, open)));
            }
            if close.is_straight || close.is_opening {
                let previous_closer_ok = index == 0 || !marks[2 * index - 1].is_opening;
                if !close.is_straight
                    && open.is_opening
                    && previous_closer_ok
                    && Self::spaced_before_punctuation(line, close)
                {
                    continue;
                }
                hits.push(scoped(self.fix_closer(rule, line, offset, close)));
            }
        }
    }

    /// A pair that is only reversed (`”a government on probation“`), with its spacing
    /// right: the reversed-pair rule swaps it.
    fn swapped_only(&self, open: &Mark, close: &Mark) -> bool {
        open.prev
            .is_none_or(|c| is_space(c) || matches!(c, '(' | '[' | '—' | '–'))
            && open.next.is_some_and(|c| !is_space(c))
            && close.prev.is_some_and(|c| !is_space(c))
            && close.next.is_none_or(|c| is_space(c) || closes_outside(c))
    }

    /// An opening mark closing after a space and before punctuation or the line end
    /// (`its imbalance! “,`): the opening-quote-as-closer rule repairs it the same way.
    fn spaced_before_punctuation(line: &str, close: &Mark) -> bool {
        close.prev.is_some_and(is_space)
            && line[close.end..]
                .chars()
                .find(|&c| !is_space(c))
                .is_none_or(|c| matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')'))
    }

    /// `” We` → `“We`, `said”we` → `said “we`: the character and space outside the mark
    /// (kept, so that the edit starts before any a single-mark rule proposes there), the
    /// mark and its inside space.
    fn fix_opener(&self, rule: u32, line: &str, offset: usize, mark: &Mark) -> Hit {
        let rest = &line[mark.end..];
        let (skip, first) = rest
            .char_indices()
            .find(|&(_, c)| !is_space(c))
            .expect("a quotation has text");
        debug_assert!(!is_space(first));
        let end = mark.end + skip;
        // The space before the mark and the character before that, both kept: the edit
        // starts before any edit a single-mark rule proposes in that space.
        let spaced = line[..mark.start].trim_end_matches(is_space).len();
        let outside = line[..spaced]
            .chars()
            .next_back()
            .map_or(spaced, |c| spaced - c.len_utf8());
        let mut replacement = line[outside..mark.start].to_string();
        if mark
            .prev
            .is_some_and(|c| is_word(c) || matches!(c, ',' | ';' | ':'))
        {
            replacement.push(' ');
        }
        replacement.push(self.spec.opening);
        Hit {
            rule,
            start: offset + mark.start,
            end: offset + mark.end,
            edit: Some((offset + outside, offset + end)),
            replacement: Some(replacement),
            extra: None,
        }
    }

    /// `in “,` → `in”,`, `partners“Lavrov` → `partners” Lavrov`: the last character of the
    /// quotation (kept, so that the edit starts before any a single-mark rule proposes in
    /// the inside space), the inside space and the mark.
    fn fix_closer(&self, rule: u32, line: &str, offset: usize, mark: &Mark) -> Hit {
        let before = &line[..mark.start];
        let (start, last) = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_space(c))
            .expect("a quotation has text");
        let mut replacement = String::new();
        replacement.push(last);
        replacement.push(self.spec.closing);
        if mark.next.is_some_and(char::is_alphabetic) {
            replacement.push(' ');
        }
        Hit {
            rule,
            start: offset + mark.start,
            end: offset + mark.end,
            edit: Some((offset + start, offset + mark.end)),
            replacement: Some(replacement),
            extra: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{QuotePairsRule, QuotePairsSpec};
    use crate::engine::Hit;

    fn hits(text: &str) -> Vec<Hit> {
        let rule = QuotePairsRule::new(&QuotePairsSpec::default()).unwrap();
        let mut hits = Vec::new();
        rule.check(0, &crate::doc::Doc::new(text), &mut hits);
        hits
    }

    /// The text with every hit's edit applied.
    fn fixed(text: &str) -> String {
        let mut out = text.to_string();
        for hit in hits(text).iter().rev() {
            let (start, end) = hit.edit.unwrap();
            out.replace_range(start..end, hit.replacement.as_deref().unwrap());
        }
        out
    }

    #[test]
    fn reversed_and_spaced_marks_are_turned_and_hug_the_quotation() {
        assert_eq!(
            fixed("The minister spoke. ” We will not give in “, he said."),
            "The minister spoke. “We will not give in”, he said."
        );
    }

    #[test]
    fn a_closer_glued_to_the_next_word_gets_its_space_outside() {
        assert_eq!(
            fixed("He said “we will help our partners“Lavrov added."),
            "He said “we will help our partners” Lavrov added."
        );
        assert_eq!(
            fixed("He said”we will help our partners“Lavrov added."),
            "He said “we will help our partners” Lavrov added."
        );
        assert_eq!(fixed("” We go “ now."), "“We go” now.");
    }

    #[test]
    fn the_finding_is_the_quotation_and_the_edit_takes_in_the_mark_and_its_neighbour() {
        let found = hits("said “we help partners“Lavrov");
        assert_eq!(found.len(), 1);
        let mark = "said “we help partners".len();
        assert_eq!((found[0].start, found[0].end), ("said ".len(), mark + 3));
        assert_eq!(found[0].edit, Some((mark - 1, mark + 3)));
        assert_eq!(found[0].replacement.as_deref(), Some("s” "));
    }

    #[test]
    fn the_edit_leaves_the_space_outside_the_mark() {
        let text = "He said ” yes “ and ”no“.";
        let found = hits(text);
        assert_eq!(found.len(), 2);
        let (start, end) = found[1].edit.unwrap();
        assert_eq!(&text[start..end], "s “");
        assert_eq!(found[1].replacement.as_deref(), Some("s”"));
        let (start, end) = found[0].edit.unwrap();
        assert_eq!(&text[start..end], "d ” ");
        assert_eq!(found[0].replacement.as_deref(), Some("d “"));
    }

    #[test]
    fn offsets_count_from_the_start_of_the_text() {
        assert_eq!(
            fixed("First line.\r\nThen ” we go “.\n"),
            "First line.\r\nThen “we go”.\n"
        );
    }

    #[test]
    fn correct_quotes_and_spacing_only_problems_are_left_to_other_rules() {
        assert!(hits("He said “yes” and left; “No,” she replied.").is_empty());
        assert!(hits("They spoke of “a scandal ” and left.").is_empty());
        assert!(hits("in the north of Hama province”while “Russian jets struck”").is_empty());
    }

    #[test]
    fn shapes_the_single_mark_rules_repair_are_left_to_them() {
        assert!(hits("the leader denounced ”a government on probation“ and left.").is_empty());
        assert!(hits("“We are worsening its imbalance! “, she protests.").is_empty());
    }

    #[test]
    fn an_ambiguous_pairing_is_left_alone() {
        // Odd count: a quotation running on to the next line.
        assert!(hits("He said “we will go and ” then “ stop.").is_empty());
        // A quotation that runs in from the previous line shifts the pairing.
        assert!(hits("end of it,” he said. “And the next").is_empty());
        // Guillemets in the paragraph.
        assert!(hits("« Non » and ” we go “.").is_empty());
        assert!(hits("„Nein“ and ” we go “ now.").is_empty());
        // Nothing quoted.
        assert!(hits("He wrote ” “ twice.").is_empty());
        // A closer shaped as an opener.
        assert!(hits("” We go “now.").is_empty());
    }

    #[test]
    fn a_straight_mark_among_curly_ones_takes_the_curly_form_of_its_role() {
        assert_eq!(
            fixed("Budapest said “no military solution\" and left “at once”."),
            "Budapest said “no military solution” and left “at once”."
        );
        assert_eq!(
            fixed("\"We need a budget,” he said, “ now ”."),
            "“We need a budget,” he said, “ now ”."
        );
        assert_eq!(
            fixed("They spoke of \"foreign powers \". And “more”, “less”."),
            "They spoke of “foreign powers”. And “more”, “less”."
        );
    }

    #[test]
    fn straight_marks_are_a_style_where_they_prevail_and_ambiguous_when_misshaped() {
        // The document writes straight quotes: its one curly pair does not convert them.
        assert!(hits("He said \"no\" and \"yes\", then “maybe”.").is_empty());
        assert!(hits("A sign read \"No entry\" and he said ” stay back “ twice.").is_empty());
        assert!(hits("It was \"on track\", he added: “We are confident.\"").is_empty());
        // Inches: an odd count.
        assert!(hits("The 15\" screen and “the best keyboard” sold out.").is_empty());
        // Nested straight quotes inside curly ones pair the wrong marks: shapes contradict.
        assert!(hits("He said “the sign read \"STOP\" today” and “go”, “now”.").is_empty());
    }

    #[test]
    fn marks_are_read_per_line() {
        assert!(hits("He said ” we\ngo “ now.").is_empty());
        // Only lines holding a curly mark are read; offsets count from the text's start,
        // and a CRLF line ends before its carriage return.
        let text = "Plain line, \"straight\".\r\nThey spoke. ” We stay “, he said.\r\n\r\nEnd";
        let spans: Vec<(usize, usize)> = hits(text).iter().map(|hit| hit.edit.unwrap()).collect();
        let opener = text.find('”').unwrap();
        let closer = text.find('“').unwrap();
        assert_eq!(
            spans,
            [
                (opener - ". ".len(), opener + "” ".len()),
                (closer - "y ".len(), closer + "“".len())
            ]
        );
        assert_eq!(fixed(text), text.replace("” We stay “", "“We stay”"));
    }

    #[test]
    fn the_marks_must_differ() {
        let spec = QuotePairsSpec {
            opening: '"',
            closing: '"',
            leave: vec![],
            straight: vec![],
        };
        assert!(QuotePairsRule::new(&spec).is_err());
    }
}
