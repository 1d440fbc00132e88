//! The `pattern` kind: a regular expression (the `regex` crate's syntax, linear time), an
//! optional replacement template, and conditions on the text around each match.
//!
//! A group named `edit` (or `edit1`, `edit2`, … in separate alternatives) narrows the
//! finding and its fix to that group, so the pattern can consume the context the edit
//! needs. The next match is searched from the end of the edit, so consumed context can
//! serve the next match too, as a look-ahead would. `before`/`not_before` are conditions on
//! the text that ends where the match starts, `after`/`not_after` on the text that starts
//! where it ends. A candidate that fails a condition is retried one character further on.
//!
//! A rule may write in the document's own style (`Mr`/`Ms` or `Mr.`/`Ms.`): each style has
//! `evidence`, a regex for the forms a document in that style writes, and values for the
//! `${name}` fields of the templates. The style whose evidence the document writes most
//! often is used, the first (the default) when none leads; it is counted once per document,
//! and only when a match needs a replacement.
//!
//! A rule may also name word lists (`words = { given = "lexicons/…" }` in its pack): each
//! `(?&given)` in its pattern and conditions stands for one of the list's words, matched
//! literally, the longest first (an alternation of the escaped words, so still linear).

use std::cell::OnceCell;

use regex::{Captures, Regex, RegexBuilder};

use crate::context::{Ahead, AheadScan, Behind, BehindScan};
use crate::doc::Doc;
use crate::engine::Hit;

/// A pattern rule's data, as the pack loader validated it.
#[derive(Clone, Debug, Default)]
pub struct PatternSpec {
    pub pattern: String,
    pub replace: Option<String>,
    pub before: Option<String>,
    pub not_before: Option<String>,
    pub after: Option<String>,
    pub not_after: Option<String>,
    pub ignore_case: bool,
}

/// A house style of a rule's replacements: the forms that show a document writes in it, and
/// the values of the templates' `${name}` fields in it.
#[derive(Clone, Debug, Default)]
pub struct StyleSpec {
    pub name: String,
    pub evidence: String,
    pub values: Vec<(String, String)>,
}

/// A word class a pattern names as `(?&name)`: its words, matched literally.
#[derive(Clone, Debug, Default)]
pub struct WordClass {
    pub name: String,
    pub words: Vec<String>,
}

/// `source` with every `(?&name)` replaced by the alternation of that class's words (the
/// longest first, so `Jean-Luc` wins over `Jean`); an error names a class not declared.
pub fn expand_word_classes(source: &str, classes: &[WordClass]) -> Result<String, String> {
    const OPEN: &str = "(?&";
    if !source.contains(OPEN) {
        return Ok(source.to_string());
    }
    let mut expanded = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find(OPEN) {
        expanded.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        let Some(close) = after.find(')') else {
            return Err("unclosed word-class reference '(?&'".to_string());
        };
        let name = &after[..close];
        let Some(class) = classes.iter().find(|class| class.name == name) else {
            let declared: Vec<&str> = classes.iter().map(|class| class.name.as_str()).collect();
            return Err(if declared.is_empty() {
                format!("unknown word class '(?&{name})': declare it in 'words'")
            } else {
                format!(
                    "unknown word class '(?&{name})' (declared in 'words': {})",
                    declared.join(", ")
                )
            });
        };
        let mut words: Vec<&str> = class.words.iter().map(String::as_str).collect();
        words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        words.dedup();
        expanded.push_str("(?:");
        for (index, word) in words.iter().enumerate() {
            if index > 0 {
                expanded.push('|');
            }
            expanded.push_str(&regex::escape(word));
        }
        expanded.push(')');
        rest = &after[close + 1..];
    }
    expanded.push_str(rest);
    Ok(expanded)
}

/// A rule: one or more alternatives, each a pattern with its own conditions. Their hits
/// merge as one alternation's would: in text order, the first alternative winning a tie,
/// none overlapping an earlier one.
pub struct PatternRule {
    alternatives: Vec<Alternative>,
    /// The evidence of each style, the default first (empty: the rule has no styles).
    styles: Vec<Regex>,
}

struct Alternative {
    regex: Regex,
    edit_groups: Vec<usize>,
    /// The replacement template in each style (one when the rule has no styles).
    replace: Option<Vec<String>>,
    /// `before`, `not_before`, `after`, `not_after` (those set), the bounded ones first: a
    /// candidate asks them in this order and stops at the first that fails.
    conditions: Vec<Condition>,
}

/// A condition on the text before or after a match, and whether it must hold (`before`,
/// `after`) or must not (`not_before`, `not_after`).
struct Condition {
    side: Side,
    holds: bool,
}

enum Side {
    Before(Behind),
    After(Ahead),
}

impl Condition {
    fn is_unbounded(&self) -> bool {
        match &self.side {
            Side::Before(behind) => behind.is_unbounded(),
            Side::After(ahead) => ahead.is_unbounded(),
        }
    }

    fn scan<'a>(&'a self, text: &'a str) -> Scan<'a> {
        match &self.side {
            Side::Before(behind) => Scan::Before(behind.scan(text)),
            Side::After(ahead) => Scan::After(ahead.scan(text)),
        }
    }
}

/// A condition asked at the candidates of one text, in text order.
enum Scan<'a> {
    Before(BehindScan<'a>),
    After(AheadScan<'a>),
}

impl Scan<'_> {
    /// The answer at the candidate `start..end` when a few bytes around it tell (always,
    /// for a bounded condition).
    fn probe(&self, start: usize, end: usize) -> Option<bool> {
        match self {
            Scan::Before(scan) => scan.probe(start),
            Scan::After(scan) => scan.probe(end),
        }
    }

    /// The answer at the candidate `start..end`.
    fn holds(&mut self, start: usize, end: usize) -> bool {
        match self {
            Scan::Before(scan) => scan.holds(start),
            Scan::After(scan) => scan.holds(end),
        }
    }
}

/// Whether every condition answers as it must at the candidate `start..end`: first the
/// bounded ones and the probes of the unbounded ones (a byte or two rules out most
/// candidates), then the walks of the text for the probes that did not decide.
fn conditions_hold(scans: &mut [(Scan<'_>, bool)], start: usize, end: usize) -> bool {
    let mut undecided = 0u32;
    for (index, (scan, holds)) in scans.iter().enumerate() {
        match scan.probe(start, end) {
            Some(answer) if answer != *holds => return false,
            Some(_) => {}
            None => undecided |= 1 << index,
        }
    }
    scans
        .iter_mut()
        .enumerate()
        .filter(|(index, _)| undecided >> index & 1 == 1)
        .all(|(_, (scan, holds))| scan.holds(start, end) == *holds)
}

/// Constructs of the old dialect (Python's `regex` module) and what to write instead.
const OLD_DIALECT: [(&str, &str); 6] = [
    ("(?<=", "look-behind is not supported: move it to 'before'"),
    ("(?<!", "negative look-behind is not supported: move it to 'not_before'"),
    ("(?=", "look-ahead is not supported: move it to 'after', or consume it and mark the part to fix with (?P<edit>…)"),
    ("(?!", "negative look-ahead is not supported: move it to 'not_after'"),
    ("(?P=", "back-references are not supported: spell out the alternatives"),
    ("(?>", "atomic groups are not supported (the engine never backtracks, so they are not needed)"),
];

/// One line saying why `source` is not a pattern of this dialect, or None.
pub fn old_dialect(source: &str) -> Option<&'static str> {
    OLD_DIALECT
        .iter()
        .find(|(construct, _)| source.contains(construct))
        .map(|(_, hint)| *hint)
}

fn compile(
    key: &'static str,
    source: &str,
    ignore_case: bool,
) -> Result<Regex, (&'static str, String)> {
    if let Some(hint) = old_dialect(source) {
        return Err((key, hint.to_string()));
    }
    RegexBuilder::new(source)
        .case_insensitive(ignore_case)
        .build()
        .map_err(|error| (key, one_line(&error.to_string())))
}

/// An engine error as one line: the regex crate's description ("unclosed group"), or its
/// whole multi-line message joined when it has none.
pub(crate) fn one_line(message: &str) -> String {
    match message.rsplit_once("error: ") {
        Some((_, description)) => description.trim().to_string(),
        None => message.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// The condition of pack key `key` built by `build` (a [`Behind`] or an [`Ahead`]), None when
/// the key is not set; an error names the key.
pub(crate) fn condition<T>(
    key: &'static str,
    source: &Option<String>,
    build: fn(&str) -> Result<T, String>,
) -> Result<Option<T>, (&'static str, String)> {
    match source {
        None => Ok(None),
        Some(source) => {
            if let Some(hint) = old_dialect(source) {
                return Err((key, hint.to_string()));
            }
            build(source).map(Some).map_err(|message| (key, message))
        }
    }
}

impl PatternRule {
    pub fn new(spec: &PatternSpec) -> Result<PatternRule, (&'static str, String)> {
        PatternRule::with_alternatives(std::slice::from_ref(spec), &[])
    }

    /// A rule of several alternatives; an error in one names it (`alternative 2: …`).
    /// `styles` (the default first) fill the templates' `${name}` fields.
    pub fn with_alternatives(
        specs: &[PatternSpec],
        styles: &[StyleSpec],
    ) -> Result<PatternRule, (&'static str, String)> {
        PatternRule::with_word_classes(specs, styles, &[])
    }

    /// [`PatternRule::with_alternatives`], the patterns and conditions naming `classes`
    /// as `(?&name)`.
    pub fn with_word_classes(
        specs: &[PatternSpec],
        styles: &[StyleSpec],
        classes: &[WordClass],
    ) -> Result<PatternRule, (&'static str, String)> {
        let expanded = specs
            .iter()
            .enumerate()
            .map(|(index, spec)| {
                expand_spec(spec, classes).map_err(|(key, message)| (index, key, message))
            })
            .collect::<Result<Vec<_>, _>>();
        let several = specs.len() > 1;
        let specs = match expanded {
            Ok(specs) => specs,
            Err((index, key, message)) if several => {
                return Err((
                    "alternatives",
                    format!("alternative {}: '{key}': {message}", index + 1),
                ))
            }
            Err((_, key, message)) => return Err((key, message)),
        };
        let specs = specs.as_slice();
        let evidence = styles
            .iter()
            .map(|style| {
                compile("styles", &style.evidence, false)
                    .map_err(|(key, message)| (key, format!("style '{}': {message}", style.name)))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let alternatives = specs
            .iter()
            .enumerate()
            .map(|(index, spec)| {
                Alternative::new(spec, styles).map_err(|(key, message)| {
                    if several {
                        (
                            "alternatives",
                            format!("alternative {}: '{key}': {message}", index + 1),
                        )
                    } else {
                        (key, message)
                    }
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(PatternRule {
            alternatives,
            styles: evidence,
        })
    }

    /// The style the document writes in: the one whose evidence occurs most often, the
    /// default (the first) when no style leads.
    fn house_style(&self, text: &str) -> usize {
        let counts: Vec<usize> = self
            .styles
            .iter()
            .map(|evidence| evidence.find_iter(text).count())
            .collect();
        let most = counts.iter().copied().max().unwrap_or(0);
        match counts.iter().filter(|&&count| count == most).count() {
            1 => counts.iter().position(|&count| count == most).unwrap_or(0),
            _ => 0,
        }
    }

    /// Push a hit for every match in `text`.
    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        let chosen = OnceCell::new();
        let style = || *chosen.get_or_init(|| self.house_style(text));
        if let [only] = self.alternatives.as_slice() {
            only.check(rule, text, &style, hits);
            return;
        }
        let mut found: Vec<(usize, Hit)> = Vec::new();
        for (index, alternative) in self.alternatives.iter().enumerate() {
            let mut own = Vec::new();
            alternative.check(rule, text, &style, &mut own);
            found.extend(own.into_iter().map(|hit| (index, hit)));
        }
        found.sort_by_key(|(index, hit)| (hit.start, *index));
        let mut taken_until = 0;
        let mut last: Option<(usize, usize)> = None;
        for (_, hit) in found {
            if hit.start < taken_until || last == Some((hit.start, hit.end)) {
                continue;
            }
            taken_until = hit.end;
            last = Some((hit.start, hit.end));
            hits.push(hit);
        }
    }
}

/// `spec` with its word classes expanded; an error names the key.
fn expand_spec(
    spec: &PatternSpec,
    classes: &[WordClass],
) -> Result<PatternSpec, (&'static str, String)> {
    let one = |key: &'static str, source: &str| {
        expand_word_classes(source, classes).map_err(|message| (key, message))
    };
    let optional = |key: &'static str, source: &Option<String>| {
        source.as_deref().map(|source| one(key, source)).transpose()
    };
    Ok(PatternSpec {
        pattern: one("pattern", &spec.pattern)?,
        replace: spec.replace.clone(),
        before: optional("before", &spec.before)?,
        not_before: optional("not_before", &spec.not_before)?,
        after: optional("after", &spec.after)?,
        not_after: optional("not_after", &spec.not_after)?,
        ignore_case: spec.ignore_case,
    })
}

impl Alternative {
    fn new(
        spec: &PatternSpec,
        styles: &[StyleSpec],
    ) -> Result<Alternative, (&'static str, String)> {
        let regex = compile("pattern", &spec.pattern, spec.ignore_case)?;
        let edit_groups = regex
            .capture_names()
            .enumerate()
            .filter(|(_, name)| name.is_some_and(is_edit_group))
            .map(|(index, _)| index)
            .collect();
        if let Some(replace) = &spec.replace {
            if replace.contains("\\g<") {
                return Err((
                    "replace",
                    "\\g<name> is the old template syntax: write ${name}".to_string(),
                ));
            }
        }
        // The template in each style: its `${name}` fields filled with the style's values.
        let replace = match &spec.replace {
            None => None,
            Some(template) if styles.is_empty() => {
                check_template(&regex, template)?;
                Some(vec![template.clone()])
            }
            Some(template) => Some(
                styles
                    .iter()
                    .map(|style| {
                        let filled =
                            style
                                .values
                                .iter()
                                .fold(template.clone(), |filled, (name, value)| {
                                    filled
                                        .replace(&format!("${{{name}}}"), &value.replace('$', "$$"))
                                });
                        check_template(&regex, &filled).map(|()| filled)
                    })
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        let flag = |source: &Option<String>| -> Option<String> {
            source.as_ref().map(|source| {
                if spec.ignore_case {
                    format!("(?i:{source})")
                } else {
                    source.clone()
                }
            })
        };
        let behind = |key, source, holds| -> Result<_, (&'static str, String)> {
            Ok(
                condition(key, &flag(source), Behind::new)?.map(|behind| Condition {
                    side: Side::Before(behind),
                    holds,
                }),
            )
        };
        let ahead = |key, source, holds| -> Result<_, (&'static str, String)> {
            Ok(
                condition(key, &flag(source), Ahead::new)?.map(|ahead| Condition {
                    side: Side::After(ahead),
                    holds,
                }),
            )
        };
        let mut conditions: Vec<Condition> = [
            behind("before", &spec.before, true)?,
            behind("not_before", &spec.not_before, false)?,
            ahead("after", &spec.after, true)?,
            ahead("not_after", &spec.not_after, false)?,
        ]
        .into_iter()
        .flatten()
        .collect();
        conditions.sort_by_key(Condition::is_unbounded);
        Ok(Alternative {
            regex,
            edit_groups,
            replace,
            conditions,
        })
    }

    /// The span the finding covers: the first edit group that took part, or the match when
    /// the pattern has no edit group (None when it has some and none took part).
    fn edit_span(&self, captures: &Captures<'_>) -> Option<(usize, usize)> {
        let group = if self.edit_groups.is_empty() {
            captures.get(0)
        } else {
            self.edit_groups
                .iter()
                .find_map(|&index| captures.get(index))
        };
        group.map(|group| (group.start(), group.end()))
    }

    fn check(&self, rule: u32, text: &str, style: &dyn Fn() -> usize, hits: &mut Vec<Hit>) {
        // Candidates come in text order: each condition is asked through one scan of the
        // text (an unbounded one walks it once instead of searching it at each candidate).
        let mut scans: Vec<(Scan<'_>, bool)> = self
            .conditions
            .iter()
            .map(|condition| (condition.scan(text), condition.holds))
            .collect();
        let mut at = 0;
        while at <= text.len() {
            // The match alone first (the DFA's work); its groups only when the conditions
            // hold. Searching again from its start finds the same match, groups resolved.
            let Some(whole) = self.regex.find_at(text, at) else {
                break;
            };
            let next_char = whole.start()
                + text[whole.start()..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
            if !conditions_hold(&mut scans, whole.start(), whole.end()) {
                at = next_char;
                continue;
            }
            let captures = self
                .regex
                .captures_at(text, whole.start())
                .expect("a match found again from its start");
            let Some((start, end)) = self.edit_span(&captures) else {
                at = next_char;
                continue;
            };
            // Go on from the end of the edit, so that context the pattern consumed after it
            // can serve the next match; an empty edit at the match start moves one character.
            at = if end > whole.start() { end } else { next_char };
            if start == end && self.replace.is_none() {
                continue;
            }
            let replacement = self.replace.as_ref().map(|templates| {
                let template = match templates.as_slice() {
                    [only] => only,
                    _ => &templates[style()],
                };
                let mut expanded = String::new();
                captures.expand(template, &mut expanded);
                expanded
            });
            if replacement.as_deref() == Some(&text[start..end]) {
                continue;
            }
            hits.push(Hit {
                rule,
                start,
                end,
                edit: None,
                replacement,
                extra: None,
            });
        }
    }
}

fn is_edit_group(name: &str) -> bool {
    name.strip_prefix("edit")
        .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_digit()))
}

/// Every `$name` / `${name}` in `template` must name a group of `regex`.
fn check_template(regex: &Regex, template: &str) -> Result<(), (&'static str, String)> {
    let names: Vec<&str> = regex.capture_names().flatten().collect();
    let bytes = template.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] != b'$' {
            index += 1;
            continue;
        }
        if bytes.get(index + 1) == Some(&b'$') {
            index += 2;
            continue;
        }
        let rest = &template[index + 1..];
        let name: &str = if let Some(braced) = rest.strip_prefix('{') {
            braced.split('}').next().unwrap_or("")
        } else {
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            &rest[..len]
        };
        let known = names.contains(&name)
            || name
                .parse::<usize>()
                .is_ok_and(|number| number < regex.captures_len());
        if !known {
            return Err((
                "replace",
                format!("the template names group '{name}', which the pattern does not have (write $$ for a dollar sign)"),
            ));
        }
        index += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{expand_word_classes, PatternRule, PatternSpec, StyleSpec, WordClass};
    use crate::engine::Hit;

    fn hits(spec: &PatternSpec, text: &str) -> Vec<(usize, usize, Option<String>)> {
        let rule = PatternRule::new(spec).unwrap();
        let mut hits: Vec<Hit> = Vec::new();
        rule.check(0, &crate::doc::Doc::new(text), &mut hits);
        hits.into_iter()
            .map(|hit| (hit.start, hit.end, hit.replacement))
            .collect()
    }

    #[test]
    fn edit_group_narrows_and_conditions_filter() {
        let spec = PatternSpec {
            pattern: "”(?P<edit>)".into(),
            replace: Some(" ".into()),
            before: Some("[\\p{L}.]".into()),
            after: Some("\\p{L}".into()),
            ..PatternSpec::default()
        };
        let text = "province”while “x” y";
        assert_eq!(hits(&spec, text), vec![(11, 11, Some(" ".into()))]);
    }

    #[test]
    fn rejected_candidates_are_retried_one_character_on() {
        let spec = PatternSpec {
            pattern: "\\d+(?P<edit>,)\\d".into(),
            replace: Some(".".into()),
            not_before: Some("\\d|\\d ".into()),
            ..PatternSpec::default()
        };
        assert_eq!(
            hits(&spec, "2 345,5 and 7,5"),
            vec![(13, 14, Some(".".into()))]
        );
    }

    #[test]
    fn templates_follow_the_style_the_document_writes_most() {
        let style = |name: &str, evidence: &str, point: &str| StyleSpec {
            name: name.into(),
            evidence: evidence.into(),
            values: vec![("point".into(), point.into())],
        };
        let rule = PatternRule::with_alternatives(
            &[PatternSpec {
                pattern: r"(?P<edit>Mme) \p{Lu}".into(),
                replace: Some("Ms${point}".into()),
                ..PatternSpec::default()
            }],
            &[
                style("british", r"\b(?:Mr|Dr) \p{Lu}", ""),
                style("american", r"\b(?:Mr|Dr)\. \p{Lu}", "."),
            ],
        )
        .unwrap();
        let written = |text: &str| {
            let mut hits = Vec::new();
            rule.check(0, &crate::doc::Doc::new(text), &mut hits);
            hits.into_iter()
                .map(|hit| hit.replacement.unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(written("Mme Roy met Dr. Lee."), ["Ms."]);
        assert_eq!(
            written("Mme Roy met Dr Lee and Mr. Fox, then Mr Kay."),
            ["Ms"]
        );
        assert_eq!(written("Mme Roy met Dr. Lee and Mr Fox."), ["Ms"]);
        assert_eq!(written("Mme Roy left."), ["Ms"]);
    }

    #[test]
    fn a_style_value_fills_no_group_and_a_dollar_stays_literal() {
        let style = StyleSpec {
            name: "us".into(),
            evidence: "US".into(),
            values: vec![("sign".into(), "US$".into())],
        };
        let spec = PatternSpec {
            pattern: r"(?P<n>\d+) dollars".into(),
            replace: Some("${sign}${n}".into()),
            ..PatternSpec::default()
        };
        let rule = PatternRule::with_alternatives(std::slice::from_ref(&spec), &[style]).unwrap();
        let mut hits = Vec::new();
        rule.check(0, &crate::doc::Doc::new("5 dollars"), &mut hits);
        assert_eq!(hits[0].replacement.as_deref(), Some("US$5"));
        let error = PatternRule::with_alternatives(
            &[PatternSpec {
                replace: Some("${unknown}".into()),
                ..spec
            }],
            &[],
        )
        .err()
        .unwrap();
        assert_eq!(error.0, "replace");
    }

    #[test]
    fn word_classes_match_their_words_longest_first_in_patterns_and_conditions() {
        let classes = [
            WordClass {
                name: "given".into(),
                words: vec!["Jean".into(), "Jean-Luc".into(), "Zoé".into()],
            },
            WordClass {
                name: "lawyer".into(),
                words: vec!["lawyer".into(), "counsel".into()],
            },
        ];
        let rule = PatternRule::with_word_classes(
            &[PatternSpec {
                pattern: r"(?P<edit>M\.) (?&given)".into(),
                replace: Some("Mr.".into()),
                after: Some(r" \p{Lu}".into()),
                not_after: Some(" (?&given)[ ,]".into()),
                ..PatternSpec::default()
            }],
            &[],
            &classes,
        )
        .unwrap();
        let mut found = Vec::new();
        let text = "M. Jean-Luc Roy, M. Jeanne Roy, M. Zoé Li, M. Jean Jean, M. Night Shyamalan";
        rule.check(0, &crate::doc::Doc::new(text), &mut found);
        let spans: Vec<usize> = found.iter().map(|hit| hit.start).collect();
        assert_eq!(spans, vec![0, 32]);
        // A name made of regex metacharacters is matched literally.
        assert_eq!(
            expand_word_classes(
                "a(?&x)b",
                &[WordClass {
                    name: "x".into(),
                    words: vec!["c.d".into()]
                }]
            )
            .unwrap(),
            r"a(?:c\.d)b"
        );
    }

    #[test]
    fn an_unknown_word_class_is_an_error_naming_the_key() {
        let spec = PatternSpec {
            pattern: "x".into(),
            after: Some(" (?&names)".into()),
            ..PatternSpec::default()
        };
        let classes = [WordClass {
            name: "given".into(),
            words: vec!["Jean".into()],
        }];
        let error = PatternRule::with_word_classes(std::slice::from_ref(&spec), &[], &classes)
            .err()
            .unwrap();
        assert_eq!(error.0, "after");
        assert!(
            error.1.contains("unknown word class '(?&names)'"),
            "{}",
            error.1
        );
        assert!(error.1.contains("given"), "{}", error.1);
        let error = PatternRule::with_word_classes(&[spec.clone(), spec], &[], &classes)
            .err()
            .unwrap();
        assert_eq!(error.0, "alternatives");
        assert!(
            error.1.starts_with("alternative 1: 'after': "),
            "{}",
            error.1
        );
    }

    #[test]
    fn templates_expand_named_groups() {
        let spec = PatternSpec {
            pattern: "(?P<amount>\\d+) ?(?P<symbol>[$€])".into(),
            replace: Some("${symbol}${amount}".into()),
            ..PatternSpec::default()
        };
        assert_eq!(
            hits(&spec, "it cost 12 € then"),
            vec![(8, 14, Some("€12".into()))]
        );
    }

    #[test]
    fn old_dialect_is_refused_with_what_to_write_instead() {
        for (pattern, replace, word) in [
            ("(?<=a)b", None, "before"),
            ("a(?!b)", None, "not_after"),
            ("(?P<m>a)(?P=m)", None, "back-references"),
            ("(?P<m>a)", Some("\\g<m>"), "${name}"),
            ("(?P<m>a)", Some("${n}"), "does not have"),
        ] {
            let spec = PatternSpec {
                pattern: pattern.into(),
                replace: replace.map(str::to_string),
                ..PatternSpec::default()
            };
            let error = PatternRule::new(&spec).err().expect(pattern).1;
            assert!(error.contains(word), "{pattern}: {error}");
        }
    }

    #[test]
    fn alternatives_merge_like_one_alternation() {
        let open = PatternSpec {
            pattern: "[(](?P<edit> +)".into(),
            replace: Some("".into()),
            after: Some("[^ ()][^()]*[)]".into()),
            ..PatternSpec::default()
        };
        let close = PatternSpec {
            pattern: "(?P<edit> +)[)]".into(),
            replace: Some("".into()),
            before: Some("[(][^()]*[^ ()]".into()),
            ..PatternSpec::default()
        };
        let rule = PatternRule::with_alternatives(&[open, close.clone()], &[]).unwrap();
        let mut found: Vec<Hit> = Vec::new();
        rule.check(0, &crate::doc::Doc::new("( AFP ) and ( x )"), &mut found);
        let spans: Vec<(usize, usize)> = found.iter().map(|hit| (hit.start, hit.end)).collect();
        assert_eq!(spans, vec![(1, 2), (5, 6), (13, 14), (15, 16)]);
        let bad = PatternSpec {
            before: Some("(".into()),
            ..close
        };
        let error = PatternRule::with_alternatives(&[bad.clone(), bad], &[])
            .err()
            .unwrap();
        assert_eq!(error.0, "alternatives");
        assert!(
            error.1.starts_with("alternative 1: 'before': "),
            "{}",
            error.1
        );
    }

    #[test]
    fn a_catastrophic_pattern_runs_in_linear_time() {
        let spec = PatternSpec {
            pattern: "(a+)+$".into(),
            ..PatternSpec::default()
        };
        let text = format!("{}b", "a".repeat(100_000));
        assert!(hits(&spec, &text).is_empty());
    }
}
