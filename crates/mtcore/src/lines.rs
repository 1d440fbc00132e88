//! The `line` kind: whole lines of page furniture (paywall teasers, "Read later", credits).
//!
//! Every entry of the rule's list is a regular expression that must match a whole line
//! (surrounding white space aside); all entries run as one anchored alternation, so a line
//! costs one pass whatever the length of the list. `teasers` are header lines (`>> READ
//! ALSO -`) whose teaser title sits on the next line: that line goes too when it is short
//! and does not read as a sentence. `cues` classify the lines no entry lists
//! ([`crate::furniture`]): a short line with enough evidence of page furniture (a price and a
//! billing period, a share of the article left to read, a list of share buttons) is reported
//! with that evidence, its fix safe only when the evidence is strong. The fix deletes the
//! line with its newline; the last line of a text without a final newline takes the newline
//! before it instead.

use std::sync::OnceLock;

use regex_automata::{Anchored, Input};
use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
};

use crate::context::LazyDfa;
use crate::doc::Doc;
use crate::engine::{Hit, Level};
use crate::furniture::{Classifier, ClassifierSpec, Position, Verdict, Weighing};
use crate::pattern::{old_dialect, one_line};
use crate::pystr::is_py_space;

#[derive(Clone, Debug, Default)]
pub struct LineSpec {
    pub lines: Vec<String>,
    pub teasers: Vec<String>,
    pub max_length: usize,
    pub teaser_max_length: usize,
    pub ignore_case: bool,
    /// The furniture classifier for lines the list does not hold (None: listed lines only).
    pub classifier: Option<ClassifierSpec>,
}

pub struct LineRule {
    lines: WholeLine,
    teasers: Option<WholeLine>,
    max_length: usize,
    teaser_max_length: usize,
    classifier: Option<Classifier>,
}

/// The entries of a list as one anchored alternation, run by a lazy DFA: compiling costs
/// only the NFA, so a long list of entries with bounded repetitions (`.{0,80}`) loads in
/// milliseconds. Entries cannot use `\\b`, which a DFA cannot run on non-ASCII text
/// (write `(?:\\W.*)?` for a word's end).
///
/// An entry that repeats a large Unicode class a bounded number of times
/// (`[\\p{L}\\p{M}' .\\-]{1,50}`: ~15,000 NFA states, a copy of the class's UTF-8 automaton
/// for each count) would cost most of the list's compile on every start-up, for lines that
/// few documents hold. Such entries are kept apart ([`Deferred`]): a small automaton of the
/// same entries with their classes widened to every non-ASCII character says which lines
/// could match, and the exact alternation is compiled on the first line that could.
struct WholeLine {
    /// None for an empty list, which matches no line (and costs nothing to build).
    dfa: Option<LazyDfa>,
    /// The entries whose exact automaton is large, None when there are none.
    deferred: Option<Deferred>,
}

/// Entries whose exact automaton is compiled only when a line passes their widened one.
struct Deferred {
    /// The entries with every Unicode class widened: a superset of the lines they match.
    widened: LazyDfa,
    exact: Hir,
    compiled: OnceLock<Option<LazyDfa>>,
}

/// An entry is deferred from this estimate of its exact automaton's size up (a class
/// counts its ranges beyond ASCII, each repetition multiplies): the three entries of the
/// bundled list that pass it weigh 24,000 to 37,000 and make 38,000 of its 64,000 NFA
/// states; the heaviest of the others weighs 1,704.
const DEFERRED_WEIGHT: usize = 4096;

/// The estimate of an entry's automaton size [`DEFERRED_WEIGHT`] is compared with.
fn weight(hir: &Hir) -> usize {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => 1,
        HirKind::Literal(literal) => literal.0.len(),
        HirKind::Class(Class::Unicode(class)) => class
            .ranges()
            .iter()
            .filter(|range| !range.end().is_ascii())
            .count()
            .max(1),
        HirKind::Class(Class::Bytes(_)) => 1,
        HirKind::Repetition(repetition) => weight(&repetition.sub).saturating_mul(
            repetition
                .max
                .unwrap_or(repetition.min.saturating_add(1))
                .max(1) as usize,
        ),
        HirKind::Capture(capture) => weight(&capture.sub),
        HirKind::Concat(parts) | HirKind::Alternation(parts) => {
            parts.iter().map(weight).fold(0, usize::saturating_add)
        }
    }
}

/// `hir` with each Unicode class widened to its ASCII part and every non-ASCII character:
/// it matches every string `hir` matches, with an automaton of a few states per class.
fn widened(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => {
            let mut ranges: Vec<ClassUnicodeRange> = class
                .ranges()
                .iter()
                .filter(|range| range.start().is_ascii())
                .map(|range| ClassUnicodeRange::new(range.start(), range.end().min('\x7f')))
                .collect();
            if class.ranges().iter().any(|range| !range.end().is_ascii()) {
                ranges.push(ClassUnicodeRange::new('\u{80}', char::MAX));
            }
            Hir::class(Class::Unicode(ClassUnicode::new(ranges)))
        }
        HirKind::Repetition(repetition) => Hir::repetition(Repetition {
            sub: Box::new(widened(&repetition.sub)),
            ..repetition.clone()
        }),
        HirKind::Capture(capture) => Hir::capture(Capture {
            sub: Box::new(widened(&capture.sub)),
            ..capture.clone()
        }),
        HirKind::Concat(parts) => Hir::concat(parts.iter().map(widened).collect()),
        HirKind::Alternation(parts) => Hir::alternation(parts.iter().map(widened).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Look(_) | HirKind::Class(_) => hir.clone(),
    }
}

/// `entries` as one alternation that must match a whole line.
fn whole_line(entries: Vec<Hir>) -> Hir {
    Hir::concat(vec![
        Hir::look(Look::Start),
        Hir::alternation(entries),
        Hir::look(Look::End),
    ])
}

impl WholeLine {
    fn new(
        key: &'static str,
        entries: &[String],
        ignore_case: bool,
    ) -> Result<WholeLine, (&'static str, String)> {
        // Each entry parsed once: an error names the entry, and the alternation is built from
        // the parsed entries (a flag an entry sets stays inside it, as in a group).
        let mut parsed = Vec::with_capacity(entries.len());
        let mut heavy = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let hir = match old_dialect(entry) {
                Some(hint) => Err(hint.to_string()),
                None => regex_syntax::ParserBuilder::new()
                    .case_insensitive(ignore_case)
                    .build()
                    .parse(entry)
                    .map_err(|error| one_line(&error.to_string())),
            };
            let hir = hir.map_err(|problem| (key, format!("entry {}: {problem}", index + 1)))?;
            if weight(&hir) < DEFERRED_WEIGHT {
                parsed.push(hir);
            } else {
                heavy.push(hir);
            }
        }
        let dfa = if parsed.is_empty() {
            None
        } else {
            Some(LazyDfa::from_hir(&whole_line(parsed), false).map_err(|message| (key, message))?)
        };
        let deferred = if heavy.is_empty() {
            None
        } else {
            // Widening keeps every look-around, so an entry the DFA cannot run (`\\b`) fails
            // here, at load time, as it would in the exact alternation.
            let widened_entries = heavy.iter().map(widened).collect();
            Some(Deferred {
                widened: LazyDfa::from_hir(&whole_line(widened_entries), false)
                    .map_err(|message| (key, message))?,
                exact: whole_line(heavy),
                compiled: OnceLock::new(),
            })
        };
        Ok(WholeLine { dfa, deferred })
    }

    /// Whether one entry matches the whole of `content`.
    fn is_match(&self, content: &str) -> bool {
        let matches = |dfa: &LazyDfa| {
            dfa.is_match(&Input::new(content).anchored(Anchored::Yes), false)
                .unwrap_or(false)
        };
        self.dfa.as_ref().is_some_and(matches)
            || self.deferred.as_ref().is_some_and(|deferred| {
                matches(&deferred.widened)
                    && deferred
                        .compiled
                        .get_or_init(|| LazyDfa::from_hir(&deferred.exact, false).ok())
                        .as_ref()
                        .is_some_and(matches)
            })
    }
}

/// `(start, end)` of every line, `end` before the `\n` (and a `\r` before it); no empty
/// line after a final newline.
pub fn line_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    loop {
        let newline = text[start..].find('\n').map(|offset| start + offset);
        let end = newline.unwrap_or(text.len());
        let content_end = if end > start && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        };
        spans.push((start, content_end));
        match newline {
            Some(newline) => start = newline + 1,
            None => break,
        }
    }
    if spans.len() > 1 && spans.last().is_some_and(|&(start, _)| start == text.len()) {
        spans.pop();
    }
    spans
}

impl LineRule {
    pub fn new(spec: &LineSpec) -> Result<LineRule, (&'static str, String)> {
        if spec.max_length < 1 {
            return Err(("max_length", "'max_length' must be positive".to_string()));
        }
        let teasers = if spec.teasers.is_empty() {
            None
        } else {
            Some(WholeLine::new("teasers", &spec.teasers, spec.ignore_case)?)
        };
        Ok(LineRule {
            lines: WholeLine::new("lines", &spec.lines, spec.ignore_case)?,
            teasers,
            max_length: spec.max_length,
            teaser_max_length: spec.teaser_max_length,
            classifier: spec.classifier.as_ref().map(Classifier::new).transpose()?,
        })
    }

    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        let spans = doc.lines();
        // First every line on its own: listed, a teaser header (or the title after one),
        // or weighed by its cues.
        let mut looks: Vec<LineLook> = Vec::with_capacity(spans.len());
        let mut previous_was_teaser = false;
        for (index, &(start, end)) in spans.iter().enumerate() {
            let content = text[start..end].trim_matches(is_py_space);
            let mut look = LineLook::default();
            if !content.is_empty() && text[start..end].chars().count() <= self.max_length {
                let continues = continues_a_sentence(text, spans, index, content);
                look.listed = !continues && self.lines.is_match(content);
                if !look.listed && previous_was_teaser {
                    look.listed = content.chars().count() <= self.teaser_max_length
                        && !content.ends_with(['.', ':', ',']);
                }
                if !look.listed && !continues {
                    look.weighing = self
                        .classifier
                        .as_ref()
                        .and_then(|classifier| classifier.weigh(content));
                }
            }
            previous_was_teaser = !content.is_empty()
                && self
                    .teasers
                    .as_ref()
                    .is_some_and(|teasers| teasers.is_match(content));
            look.listed |= previous_was_teaser;
            looks.push(look);
        }
        // Then where each weighed line stands, as evidence of its own.
        let verdicts = match &self.classifier {
            Some(classifier) if looks.iter().any(|look| look.weighing.is_some()) => {
                let judge_all = |positions: &[Position]| -> Vec<Option<Verdict>> {
                    looks
                        .iter()
                        .zip(positions)
                        .map(|(look, &position)| match &look.weighing {
                            Some(weighing) if !look.listed => classifier.judge(weighing, position),
                            _ => None,
                        })
                        .collect()
                };
                let furniture: Vec<bool> = looks
                    .iter()
                    .map(|look| {
                        look.listed
                            || look
                                .weighing
                                .as_ref()
                                .is_some_and(|weighing| classifier.reports(weighing))
                    })
                    .collect();
                let cued: Vec<bool> = looks
                    .iter()
                    .map(|look| look.weighing.as_ref().is_some_and(Weighing::cued))
                    .collect();
                let verdicts = judge_all(&positions(doc, &furniture, &furniture, &cued));
                // A line found by its position is furniture next to its neighbours too
                // (a byline above an app prompt): one more round, with prose unchanged.
                let found: Vec<bool> = looks
                    .iter()
                    .zip(&verdicts)
                    .map(|(look, verdict)| look.listed || verdict.is_some())
                    .collect();
                if found == furniture {
                    verdicts
                } else {
                    judge_all(&positions(doc, &furniture, &found, &cued))
                }
            }
            _ => Vec::new(),
        };
        for (index, look) in looks.iter().enumerate() {
            let verdict = verdicts.get(index).cloned().flatten();
            if !look.listed && verdict.is_none() {
                continue;
            }
            let (start, end) = spans[index];
            let mut hit = Hit {
                rule,
                start,
                end,
                edit: Some(deletion_span(text, spans, index)),
                replacement: Some(String::new()),
                extra: None,
            };
            let evidence = match &verdict {
                Some(verdict) => {
                    if !verdict.confident {
                        hit.extra_mut().level = Some(Level::Unsafe);
                    }
                    verdict.evidence.join(", ")
                }
                None => "a listed shape".to_string(),
            };
            if self.classifier.is_some() {
                hit.extra_mut().fields.push(("evidence", evidence));
            }
            hits.push(hit);
        }
    }
}

/// What a line shows on its own.
#[derive(Default)]
struct LineLook {
    /// Listed, a teaser header, or the teaser title after one.
    listed: bool,
    /// Its cues, when it is not listed.
    weighing: Option<Weighing>,
}

/// Words of a line that still counts as short, and of a line that can be a headline.
const SHORT_WORDS: usize = 8;
const KICKER_WORDS: usize = 6;
const HEADLINE_WORDS: usize = 25;
/// A paragraph of prose: at least this many words ending a sentence, or more than
/// [`HEADLINE_WORDS`].
const PROSE_WORDS: usize = 8;

/// Whether a line ends as a sentence does (closing quotes and brackets aside).
fn ends_sentence(content: &str) -> bool {
    content
        .trim_end_matches(['"', '”', '’', '\'', '»', ')', ']', ' '])
        .ends_with(['.', '!', '?', '…'])
}

fn words(content: &str) -> usize {
    content
        .split(char::is_whitespace)
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .count()
}

/// Where each line stands ([`Position`]), given which lines are furniture by themselves
/// (`furniture`: they are not prose) and which are furniture as neighbours (`neighbours`).
/// The article's body runs from its first paragraph of prose to its last (a paragraph of
/// furniture is not prose); its headline is the first line, or the second when the first
/// is a short open line with a cue of its own (`cued`: a section label, a breadcrumb) right
/// above a line that reads as a title. Nothing is said of a
/// document without prose, nor of its headline.
fn positions(
    doc: &Doc<'_>,
    furniture: &[bool],
    neighbours: &[bool],
    cued: &[bool],
) -> Vec<Position> {
    let text = doc.text;
    let spans = doc.lines();
    let content = |index: usize| {
        let (start, end) = spans[index];
        text[start..end].trim_matches(is_py_space)
    };
    let nonblank: Vec<usize> = (0..spans.len())
        .filter(|&index| !content(index).is_empty())
        .collect();
    // Prose, paragraph by paragraph (a hard-wrapped paragraph's lines are prose together).
    let mut prose = vec![false; spans.len()];
    for paragraph in doc.paragraphs() {
        let indices: Vec<usize> = paragraph
            .iter()
            .filter_map(|&(start, _)| spans.binary_search_by_key(&start, |&(s, _)| s).ok())
            .collect();
        let Some(&last) = indices.last() else {
            continue;
        };
        let count: usize = indices.iter().map(|&index| words(content(index))).sum();
        let is_prose = indices.iter().any(|&index| !furniture[index])
            && (count > HEADLINE_WORDS || (count >= PROSE_WORDS && ends_sentence(content(last))));
        if is_prose {
            for index in indices {
                prose[index] = !furniture[index];
            }
        }
    }
    let mut result = vec![Position::default(); spans.len()];
    let first_prose = (0..spans.len()).find(|&index| prose[index]);
    let last_prose = (0..spans.len()).rev().find(|&index| prose[index]);
    let (Some(first_prose), Some(last_prose)) = (first_prose, last_prose) else {
        return result;
    };
    let first = nonblank[0];
    let is_title = |index: usize| {
        let line = content(index);
        !prose[index] && words(line) <= HEADLINE_WORDS && !line.ends_with('.')
    };
    let kicker = nonblank.get(1).is_some_and(|&second| {
        let line = content(first);
        cued[first]
            && words(line) <= KICKER_WORDS
            && !ends_sentence(line)
            && !prose[first]
            && is_title(second)
    });
    let headline = if kicker { nonblank[1] } else { first };
    for (at, &index) in nonblank.iter().enumerate() {
        if index == headline {
            continue;
        }
        let line = content(index);
        let neighbour = |other: Option<&usize>| other.is_some_and(|&other| neighbours[other]);
        result[index] = Position {
            above_headline: kicker && index == first,
            under_headline: index > headline && index < first_prose,
            at_end: index > last_prose,
            next_to_furniture: neighbour(at.checked_sub(1).and_then(|at| nonblank.get(at)))
                || neighbour(nonblank.get(at + 1)),
            short_open: words(line) <= SHORT_WORDS && !ends_sentence(line),
        };
    }
    result
}

/// Whether `content` (line `index`) continues a sentence of a hard-wrapped paragraph: it
/// starts in lower case after a line that ends without closing punctuation. Page furniture
/// starts its own line (`Read later`), even where scraping put it between two halves of a
/// sentence; a wrapped line of prose that happens to read "subscribe now" does not.
pub(crate) fn continues_a_sentence(
    text: &str,
    spans: &[(usize, usize)],
    index: usize,
    content: &str,
) -> bool {
    let line = |at: usize| {
        spans
            .get(at)
            .map(|&(start, end)| text[start..end].trim_matches(is_py_space))
    };
    let ends_open = |line: &str| {
        !line.is_empty()
            && !line.ends_with([
                '.', '!', '?', ':', ';', '…', '"', '”', '»', ')', ']', '’', '\'',
            ])
    };
    let starts_lower = |line: &str| line.chars().next().is_some_and(char::is_lowercase);
    let previous = if index > 0 { line(index - 1) } else { None };
    starts_lower(content) && previous.is_some_and(ends_open)
}

/// The line with its newline, or with the line breaks before it when it is the last line.
fn deletion_span(text: &str, spans: &[(usize, usize)], index: usize) -> (usize, usize) {
    let (start, end) = spans[index];
    let rest = &text[end..];
    if rest.starts_with("\r\n") {
        return (start, end + 2);
    }
    if rest.starts_with('\n') {
        return (start, end + 1);
    }
    if start == 0 {
        return (start, end);
    }
    // Every line break before it goes too, blank lines included, so that a text without a
    // final newline does not gain one from a blank line before the removed line.
    let mut before = start;
    while before > 0 && matches!(text.as_bytes()[before - 1], b'\n' | b'\r') {
        before -= 1;
    }
    (before, end)
}

#[cfg(test)]
mod tests {
    use super::{line_spans, LineRule, LineSpec, WholeLine};
    use crate::engine::Hit;

    fn rule() -> LineRule {
        LineRule::new(&LineSpec {
            lines: vec!["read later".into(), "subscribe(?: now)?[.!]?".into()],
            teasers: vec![">> read also -".into()],
            max_length: 300,
            teaser_max_length: 160,
            ignore_case: true,
            classifier: None,
        })
        .unwrap()
    }

    fn deletions(text: &str) -> Vec<(usize, usize)> {
        let mut hits: Vec<Hit> = Vec::new();
        rule().check(0, &crate::doc::Doc::new(text), &mut hits);
        hits.into_iter().map(|hit| hit.edit.unwrap()).collect()
    }

    #[test]
    fn lines_split_like_python() {
        assert_eq!(line_spans("a\r\nb\n"), vec![(0, 1), (3, 4)]);
        assert_eq!(line_spans(""), vec![(0, 0)]);
        assert_eq!(line_spans("a\n\nb"), vec![(0, 1), (2, 2), (3, 4)]);
    }

    #[test]
    fn whole_lines_only_with_their_newline() {
        assert_eq!(deletions("Talks.\n  Read later \nMore."), vec![(7, 21)]);
        assert!(deletions("Users read later at home.\n").is_empty());
        // The last line takes the newline before it.
        assert_eq!(deletions("Talks.\r\nSubscribe now!"), vec![(6, 22)]);
        // Blank lines before a removed last line go with it: no final newline appears.
        assert_eq!(deletions("Talks.\n\nRead later"), vec![(6, 18)]);
    }

    #[test]
    fn a_wrapped_line_of_prose_is_not_furniture() {
        assert!(
            deletions("and the readers who could\nread later\nthe whole story did.\n").is_empty()
        );
        assert!(deletions("He told them to\nsubscribe now\nand they did.\n").is_empty());
        // Furniture scraped into the middle of a sentence starts its own line: it goes.
        assert_eq!(
            deletions("the army\nRead later\nunits engaged.\n"),
            vec![(9, 20)]
        );
        assert_eq!(
            deletions("It ended.\nRead later\nThe minister left.\n"),
            vec![(10, 21)]
        );
    }

    #[test]
    fn a_teaser_header_takes_a_short_title_line_after_it() {
        let text = "A.\n>> READ ALSO -\nWhy the vote failed\nB.\n";
        assert_eq!(deletions(text), vec![(3, 18), (18, 38)]);
        assert_eq!(
            deletions("A.\n>> READ ALSO -\nIt was a sentence.\n"),
            vec![(3, 18)]
        );
    }

    #[test]
    fn a_deferred_entry_matches_exactly_what_it_says() {
        let entry = r"\p{Lu}[\p{L}\p{M}' .\-]{1,50}\s*/\s*(?:afp|reuters)\.?";
        let lines =
            WholeLine::new("lines", &[entry.to_string(), "read later".into()], true).unwrap();
        assert!(lines.deferred.is_some() && lines.dfa.is_some());
        assert!(lines.is_match("Read later"));
        assert!(lines.deferred.as_ref().unwrap().compiled.get().is_none());
        assert!(lines.is_match("Jane Roe / AFP"));
        assert!(lines.is_match("Jané Röe / Reuters."));
        // Widened, these pass (a non-ASCII character, a letter too many); exact, they do not.
        assert!(!lines.is_match("Jane€Roe / AFP"));
        assert!(!lines.is_match(&format!("J{} / AFP", "a".repeat(51))));
        assert!(lines.is_match(&format!("J{} / AFP", "a".repeat(50))));
        assert!(!lines.is_match("Jane Roe 2 / AFP"));
    }

    #[test]
    fn a_bad_entry_is_named_by_its_position() {
        let error = LineRule::new(&LineSpec {
            lines: vec!["ok".into(), "(?<=x)y".into()],
            max_length: 10,
            ..LineSpec::default()
        })
        .err()
        .unwrap();
        assert_eq!(error.0, "lines");
        assert!(error.1.starts_with("entry 2: "), "{}", error.1);
    }
}
