//! The furniture classifier of the `line` kind: page furniture in shapes no list holds.
//!
//! A listed line is furniture by its shape. Sites word their furniture in endless ways
//! (`Only 3 days left to enjoy our offer: €1 for 6 months`, `By Jane Roe, updated at 10:42`,
//! `Facebook Twitter WhatsApp Copy link`), so a short line no entry matches is weighed
//! instead: each *cue* of the pack's table (a regular expression, matched case-insensitively
//! anywhere in the line) is evidence of one *class* of furniture (a price, a billing period,
//! a share of the article left to read, share buttons, a byline, a newsletter notice, an
//! address to the reader) with a weight. A line's score is the sum, over the classes it shows,
//! of the strongest cue of each class, so repeating one kind of evidence does not add up; a
//! cue of negative weight (reported speech: `said`, `according to`) vetoes the line, since
//! an article's sentence may mention subscriptions and prices. A line scoring at least
//! `report_score` is reported with its evidence; its deletion is safe only from `safe_score`
//! and for a line of at most `safe_max_words` words, unsafe otherwise. Lines of more than
//! `max_words` words are prose, never weighed.

use regex_automata::hybrid::dfa::DFA;
use regex_automata::nfa::thompson::{self, pikevm::PikeVM};
use regex_automata::{Input, MatchKind, PatternSet};

use regex_syntax::hir::Hir;
use regex_syntax::ParserBuilder;

use crate::context::CachePool;
use crate::pattern::{old_dialect, one_line};

/// One row of the cue table.
#[derive(Clone, Debug, Default)]
pub struct CueSpec {
    pub class: String,
    pub weight: i32,
    pub label: String,
    pub pattern: String,
}

#[derive(Clone, Debug, Default)]
pub struct ClassifierSpec {
    pub cues: Vec<CueSpec>,
    pub report_score: i32,
    pub safe_score: i32,
    pub max_words: usize,
    pub safe_max_words: usize,
    /// The most that position evidence adds to a line's score (0: position is ignored).
    pub position_max: i32,
    /// Classes whose evidence counts only on a line above the headline, or under it next to
    /// other furniture (a one-word rubric is a section label there, a subheading, a venue or
    /// a name anywhere else).
    pub heading_classes: Vec<String>,
}

/// Where a line stands in its document, as evidence that it is page furniture.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    /// The first line, short and open, right above a line that reads as a headline.
    pub above_headline: bool,
    /// Between the headline and the article's first paragraph of prose.
    pub under_headline: bool,
    /// After the article's last paragraph of prose.
    pub at_end: bool,
    /// The line before or after it (blank lines aside) is furniture.
    pub next_to_furniture: bool,
    /// A few words without a sentence's ending.
    pub short_open: bool,
}

impl Position {
    /// Each fact with its weight and the words the message shows for it.
    fn facts(&self) -> [(bool, i32, &'static str); 5] {
        [
            (self.above_headline, 2, "above the headline"),
            (self.under_headline, 1, "under the headline"),
            (self.at_end, 1, "after the last paragraph"),
            (self.next_to_furniture, 1, "next to other furniture"),
            (
                self.short_open,
                1,
                "a short line without a sentence's ending",
            ),
        ]
    }
}

/// A line's position counts only when its cues reach this score: a cue of weight 1 (`you`,
/// a time of day) is a hint that prose shows as often as furniture, and a short line at
/// the end of an article is furniture only when it says something furniture says.
const POSITION_MIN_CUES: i32 = 2;

/// The cues a line shows, before its position is weighed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Weighing {
    /// The cues' score, heading classes aside.
    pub score: i32,
    /// What the heading classes add on a line above the headline, or under it next to
    /// other furniture.
    heading: i32,
    words: usize,
    evidence: Vec<String>,
    heading_evidence: Vec<String>,
}

impl Weighing {
    /// Whether its cues, on a line by the headline, are enough for its position
    /// to count ([`POSITION_MIN_CUES`]).
    pub fn cued(&self) -> bool {
        self.score + self.heading >= POSITION_MIN_CUES
    }
}

/// Why a line is furniture: how sure, and the evidence, strongest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub confident: bool,
    pub score: i32,
    pub evidence: Vec<String>,
}

struct Cue {
    class: usize,
    weight: i32,
    label: String,
    heading: bool,
}

pub struct Classifier {
    set: CueSet,
    cues: Vec<Cue>,
    classes: usize,
    report_score: i32,
    safe_score: i32,
    max_words: usize,
    safe_max_words: usize,
    position_max: i32,
}

/// The cues' patterns as one set, asked which of them match anywhere in a line (what
/// `regex::RegexSet::matches` answers), run by a lazy DFA built from the forward NFA alone:
/// a `RegexSet` also compiles a reverse NFA it never needs to say *which* patterns match,
/// twice the compile time of a start-up that builds it on every run.
struct CueSet {
    dfa: DFA,
    caches: CachePool,
}

impl CueSet {
    fn new(patterns: &[Hir]) -> Result<CueSet, String> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .which_captures(thompson::WhichCaptures::None)
                    .nfa_size_limit(Some(64 << 20)),
            )
            .build_many_from_hir(patterns)
            .map_err(|error| one_line(&error.to_string()))?;
        let dfa = DFA::builder()
            // A cue with `\B` (Unicode) makes the DFA stop at non-ASCII text: the PikeVM answers.
            .configure(
                DFA::config()
                    .match_kind(MatchKind::All)
                    .unicode_word_boundary(true),
            )
            .build_from_nfa(nfa)
            .map_err(|error| one_line(&error.to_string()))?;
        Ok(CueSet {
            dfa,
            caches: CachePool::default(),
        })
    }

    /// The indices of the patterns that match somewhere in `line`, ascending.
    fn matches(&self, line: &str) -> PatternSet {
        let input = Input::new(line);
        let mut found = PatternSet::new(self.dfa.pattern_len());
        let answered = self.caches.with(&self.dfa, |cache| {
            self.dfa
                .try_which_overlapping_matches(cache, &input, &mut found)
        });
        if answered.is_err() {
            found.clear();
            let vm = PikeVM::builder()
                .configure(PikeVM::config().match_kind(MatchKind::All))
                .build_from_nfa(self.dfa.get_nfa().clone())
                .expect("a PikeVM runs any NFA a DFA was built from");
            vm.which_overlapping_matches(&mut vm.create_cache(), &input, &mut found);
        }
        found
    }
}

/// Words as a reader counts them: runs between white space that hold a letter or a digit.
fn word_count(line: &str) -> usize {
    line.split(char::is_whitespace)
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .count()
}

/// `pattern` with every `\b` written `(?-u:\b)` (an escaped backslash is left alone).
fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('b') => out.push_str("(?-u:\\b)"),
            Some(next) => {
                out.push('\\');
                out.push(next);
            }
            None => out.push('\\'),
        }
    }
    out
}

impl Classifier {
    pub fn new(spec: &ClassifierSpec) -> Result<Classifier, (&'static str, String)> {
        if spec.report_score < 1 || spec.safe_score < spec.report_score || spec.position_max < 0 {
            return Err((
                "cues",
                "scores must satisfy 1 <= report_score <= safe_score, 0 <= position_max"
                    .to_string(),
            ));
        }
        let mut classes: Vec<&str> = Vec::new();
        let mut cues = Vec::with_capacity(spec.cues.len());
        let mut patterns = Vec::with_capacity(spec.cues.len());
        for (index, cue) in spec.cues.iter().enumerate() {
            // `\b` is an ASCII word boundary here (the cues' words are ASCII): a Unicode one
            // would keep the set off its DFA on any line holding a non-ASCII character.
            let pattern = match old_dialect(&cue.pattern) {
                Some(hint) => Err(hint.to_string()),
                None => ParserBuilder::new()
                    .case_insensitive(true)
                    .build()
                    .parse(&ascii_boundaries(&cue.pattern))
                    .map_err(|error| one_line(&error.to_string())),
            };
            patterns.push(
                pattern.map_err(|problem| ("cues", format!("entry {}: {problem}", index + 1)))?,
            );
            let class = match classes.iter().position(|&name| name == cue.class) {
                Some(class) => class,
                None => {
                    classes.push(&cue.class);
                    classes.len() - 1
                }
            };
            cues.push(Cue {
                class,
                weight: cue.weight,
                label: cue.label.clone(),
                heading: spec.heading_classes.contains(&cue.class),
            });
        }
        let set = CueSet::new(&patterns).map_err(|message| ("cues", message))?;
        Ok(Classifier {
            set,
            cues,
            classes: classes.len(),
            report_score: spec.report_score,
            safe_score: spec.safe_score,
            max_words: spec.max_words,
            safe_max_words: spec.safe_max_words,
            position_max: spec.position_max,
        })
    }

    /// Whether a line's cues alone make it furniture (its position unknown).
    pub fn reports(&self, weighing: &Weighing) -> bool {
        weighing.score >= self.report_score
    }

    /// The verdict on one line's content (trimmed) by its cues alone, or None when it is
    /// not furniture.
    pub fn classify(&self, content: &str) -> Option<Verdict> {
        self.weigh(content)
            .and_then(|weighing| self.judge(&weighing, Position::default()))
    }

    /// The cues of one line's content (trimmed): None for a line no cue speaks for, a
    /// line a cue vetoes, a quotation or a line too long to be furniture.
    pub fn weigh(&self, content: &str) -> Option<Weighing> {
        let words = word_count(content);
        if words == 0 || words > self.max_words {
            return None;
        }
        if content.starts_with(['"', '“', '«', '‘', '\'', '„']) {
            return None; // a quotation, whatever it says
        }
        let mut best: Vec<Option<usize>> = vec![None; self.classes];
        for index in self.set.matches(content).iter() {
            let index = index.as_usize();
            let cue = &self.cues[index];
            if cue.weight < 0 {
                return None;
            }
            let slot = &mut best[cue.class];
            if slot.is_none_or(|held| self.cues[held].weight < cue.weight) {
                *slot = Some(index);
            }
        }
        let mut shown: Vec<&Cue> = best
            .iter()
            .flatten()
            .map(|&index| &self.cues[index])
            .collect();
        shown.sort_by_key(|cue| std::cmp::Reverse(cue.weight));
        let (heading, body): (Vec<&Cue>, Vec<&Cue>) =
            shown.into_iter().partition(|cue| cue.heading);
        let score: i32 = body.iter().map(|cue| cue.weight).sum();
        let heading_score: i32 = heading.iter().map(|cue| cue.weight).sum();
        if score + heading_score < 1 {
            return None;
        }
        Some(Weighing {
            score,
            heading: heading_score,
            words,
            evidence: body.iter().map(|cue| cue.label.clone()).collect(),
            heading_evidence: heading.iter().map(|cue| cue.label.clone()).collect(),
        })
    }

    /// The verdict on a weighed line standing at `position`, or None when it is not
    /// furniture: its cues' score plus what its position adds (at most `position_max`).
    pub fn judge(&self, weighing: &Weighing, position: Position) -> Option<Verdict> {
        let mut cues = weighing.score;
        let mut evidence = weighing.evidence.clone();
        // Under the headline a lone word may be a venue or a subtitle: it is a rubric there
        // only next to other furniture (a byline, a reading time).
        if position.above_headline || (position.under_headline && position.next_to_furniture) {
            cues += weighing.heading;
            evidence.extend(weighing.heading_evidence.iter().cloned());
        }
        let mut added = 0;
        for (holds, weight, label) in position.facts() {
            if holds && added < self.position_max && cues >= POSITION_MIN_CUES {
                added = (added + weight).min(self.position_max);
                evidence.push(label.to_string());
            }
        }
        let score = cues + added;
        if score < self.report_score {
            return None;
        }
        Some(Verdict {
            confident: score >= self.safe_score && weighing.words <= self.safe_max_words,
            score,
            evidence,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Classifier, ClassifierSpec, CueSpec, Position};

    fn cue(class: &str, weight: i32, label: &str, pattern: &str) -> CueSpec {
        CueSpec {
            class: class.into(),
            weight,
            label: label.into(),
            pattern: pattern.into(),
        }
    }

    fn classifier() -> Classifier {
        Classifier::new(&ClassifierSpec {
            cues: vec![
                cue("price", 2, "a price", r"[€$£]\s?\d+"),
                cue("period", 1, "a billing period", r"\b(?:per|a) month\b"),
                cue("period", 1, "a billing period", r"\bmonthly\b"),
                cue("offer", 2, "an offer", r"\b(?:offer|subscribe)\b"),
                cue("speech", -10, "reported speech", r"\bsaid\b"),
                cue("rubric", 2, "a rubric", r"^(?-i:\p{Lu}\p{Ll}+)$"),
            ],
            report_score: 3,
            safe_score: 5,
            max_words: 20,
            safe_max_words: 12,
            position_max: 2,
            heading_classes: vec!["rubric".into()],
        })
        .unwrap()
    }

    #[test]
    fn evidence_adds_up_across_classes_not_within_one() {
        let verdict = classifier().classify("Subscribe: €1 per month").unwrap();
        assert!(verdict.confident);
        assert_eq!(verdict.score, 5);
        assert_eq!(
            verdict.evidence,
            vec!["a price", "an offer", "a billing period"]
        );
        // Two cues of one class count once: 2 + 1, reported but not safe.
        let verdict = classifier()
            .classify("€9 per month, billed monthly")
            .unwrap();
        assert_eq!((verdict.score, verdict.confident), (3, false));
        assert!(classifier().classify("€9 for everything").is_none());
    }

    #[test]
    fn a_heading_class_counts_only_above_or_under_the_headline() {
        let classifier = classifier();
        let weighing = classifier.weigh("Justice").unwrap();
        assert!(weighing.cued());
        assert!(!classifier.reports(&weighing));
        let elsewhere = Position {
            at_end: true,
            next_to_furniture: true,
            short_open: true,
            ..Position::default()
        };
        assert!(classifier.judge(&weighing, elsewhere).is_none());
        let alone = Position {
            under_headline: true,
            short_open: true,
            ..Position::default()
        };
        assert!(classifier.judge(&weighing, alone).is_none());
        let under = Position {
            under_headline: true,
            ..elsewhere
        };
        let verdict = classifier.judge(&weighing, under).unwrap();
        assert_eq!(verdict.score, 4);
        assert_eq!(verdict.evidence[0], "a rubric");
    }

    #[test]
    fn prose_quotes_and_long_lines_are_left_alone() {
        let classifier = classifier();
        assert!(classifier
            .classify("Subscribe for €1 per month, the publisher said.")
            .is_none());
        assert!(classifier.classify("“Subscribe: €1 per month”").is_none());
        let long = "Subscribe: €1 per month ".repeat(6);
        assert!(classifier.classify(long.trim()).is_none());
        // Between safe_max_words and max_words: reported, deletion unsafe.
        let verdict = classifier
            .classify("Subscribe now and get the full edition for only €1 per month this year")
            .unwrap();
        assert!(!verdict.confident);
    }

    #[test]
    fn word_boundaries_become_ascii_ones() {
        assert_eq!(
            super::ascii_boundaries(r"\bmonth\b|\\b|\d"),
            r"(?-u:\b)month(?-u:\b)|\\b|\d"
        );
    }

    #[test]
    fn the_cue_set_answers_as_a_regex_set_does() {
        // `\B` is a Unicode boundary: the DFA stops at non-ASCII text and the PikeVM answers.
        let patterns: Vec<String> = [
            r"(?-u:\b)(?:per|a) month(?-u:\b)",
            r"[€$£]\s?\d+",
            r"^\W*by\s+\p{Lu}",
            r"é\B",
            r"month",
            r"\d{1,2}\s?%",
        ]
        .map(String::from)
        .to_vec();
        let parsed: Vec<_> = patterns
            .iter()
            .map(|pattern| {
                regex_syntax::ParserBuilder::new()
                    .case_insensitive(true)
                    .build()
                    .parse(pattern)
                    .unwrap()
            })
            .collect();
        let set = super::CueSet::new(&parsed).unwrap();
        let reference = regex::RegexSetBuilder::new(&patterns)
            .case_insensitive(true)
            .build()
            .unwrap();
        let texts = crate::testing::random_texts("a mon tphérBY€$5%1 \nÉ", 7, 3000, 24);
        for text in texts.chain(["By Jane, €9 a month".to_string(), "étéA".to_string()]) {
            let found: Vec<usize> = set.matches(&text).iter().map(|id| id.as_usize()).collect();
            let expected: Vec<usize> = reference.matches(&text).iter().collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn a_bad_cue_is_named_by_its_position() {
        let error = Classifier::new(&ClassifierSpec {
            cues: vec![cue("a", 1, "x", "ok"), cue("b", 1, "y", "(")],
            report_score: 1,
            safe_score: 1,
            max_words: 5,
            safe_max_words: 5,
            position_max: 0,
            heading_classes: Vec::new(),
        })
        .err()
        .unwrap();
        assert_eq!(error.0, "cues");
        assert!(error.1.starts_with("entry 2: "), "{}", error.1);
    }
}
