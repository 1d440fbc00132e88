//! The `swap` kind: a table of source-language terms and their English forms (`OSDH` →
//! `SOHR`, `Idleb` → `Idlib`).
//!
//! Terms match whole words only. All terms are found in one Aho-Corasick pass; at each
//! position the longest term with word boundaries on both sides wins, and matches do not
//! overlap. A row may carry a `context` regex that must occur somewhere in the document and
//! an `unless` regex that must not (HTC becomes HTS only in a text about Hayat Tahrir
//! al-Sham); each is evaluated at most once per document, and only for rows that matched.
//! Where the rule's `flag_after` condition holds just after a term, the term is reported
//! without a fix: the swap alone would leave French around it (`tribunal correctionnel de
//! Lille`). A row whose article is `-` names an English form read without one (`ECOWAS`,
//! `Sudan`): where the rule's `head_after` condition holds just after the term (the term
//! heads its phrase: `the CEDEAO extends`, `with the Soudan,`), a `the` just before it is
//! dropped with the swap.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;

use crate::context::{Ahead, Behind};
use crate::doc::Doc;
use crate::engine::{Hit, Level};
use crate::pattern::{condition, old_dialect, one_line};

#[derive(Clone, Debug, Default)]
pub struct SwapRow {
    pub source: String,
    pub target: String,
    pub context: Option<String>,
    pub unless: Option<String>,
    /// The article the English form takes (`the` for `Central African Republic`), or `-`
    /// for one that takes none (`ECOWAS`, `Sudan`).
    pub article: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct SwapSpec {
    pub rows: Vec<SwapRow>,
    pub ignore_case: bool,
    /// A condition on the text just before a term (a `before`-style regex, run backwards):
    /// where it matches, the term is part of something else (`Café de Londres`).
    pub not_before: Option<String>,
    /// A condition on the text just after a term (an anchored `after`-style regex): where
    /// it matches, the swap alone would not repair the whole name, so the term is reported
    /// without a fix.
    pub flag_after: Option<String>,
    /// A condition on the text just before a term (a `before`-style regex): where it holds,
    /// a row's article is written with its English form (`in Centrafrique` → `in the
    /// Central African Republic`).
    pub article_after: Option<String>,
    /// A condition on the text just after a term (an `after`-style regex): where it holds,
    /// the term heads its noun phrase, and a `the` before a row whose article is `-` is
    /// dropped (`the CEDEAO extends` → `ECOWAS extends`; `the CEDEAO summit` keeps it).
    pub head_after: Option<String>,
}

/// The article column's mark of an English form that takes no article.
const NO_ARTICLE: &str = "-";

struct Row {
    source: String,
    target: String,
    article: Option<String>,
    /// The English form takes no article (the column's `-`).
    takes_none: bool,
    context: Option<Condition>,
    unless: Option<Condition>,
}

/// A row's regex, checked for syntax on load and compiled the first time its term occurs:
/// a table of hundreds of rows costs a document only the rows it meets.
struct Condition {
    source: String,
    regex: OnceLock<Option<Regex>>,
}

impl Condition {
    fn is_match(&self, text: &str) -> bool {
        self.regex
            .get_or_init(|| Regex::new(&self.source).ok())
            .as_ref()
            .is_some_and(|regex| regex.is_match(text))
    }
}

pub struct SwapRule {
    terms: AhoCorasick,
    rows: Vec<Row>,
    ignore_case: bool,
    not_before: Option<Behind>,
    flag_after: Option<Ahead>,
    article_after: Option<Behind>,
    head_after: Option<Ahead>,
}

fn is_word_char(c: char) -> bool {
    regex_syntax::is_word_character(c)
}

fn cell(
    index: usize,
    key: &str,
    source: &Option<String>,
) -> Result<Option<Condition>, (&'static str, String)> {
    let Some(source) = source else {
        return Ok(None);
    };
    let problem = match old_dialect(source) {
        Some(hint) => hint.to_string(),
        None => match regex_syntax::Parser::new().parse(source) {
            Ok(_) => {
                return Ok(Some(Condition {
                    source: source.clone(),
                    regex: OnceLock::new(),
                }))
            }
            Err(error) => one_line(&error.to_string()),
        },
    };
    Err(("table", format!("row {}: {key}: {problem}", index + 1)))
}

impl SwapRule {
    pub fn new(spec: &SwapSpec) -> Result<SwapRule, (&'static str, String)> {
        let mut rows = Vec::with_capacity(spec.rows.len());
        for (index, row) in spec.rows.iter().enumerate() {
            if row.source.is_empty() {
                return Err(("table", format!("row {}: empty term", index + 1)));
            }
            let takes_none = row.article.as_deref() == Some(NO_ARTICLE);
            rows.push(Row {
                source: row.source.clone(),
                target: row.target.clone(),
                article: row.article.clone().filter(|_| !takes_none),
                takes_none,
                context: cell(index, "context", &row.context)?,
                unless: cell(index, "unless", &row.unless)?,
            });
        }
        let terms = AhoCorasickBuilder::new()
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(spec.ignore_case)
            .build(rows.iter().map(|row| row.source.as_str()))
            .map_err(|error| ("table", one_line(&error.to_string())))?;
        let not_before = condition("not_before", &spec.not_before, Behind::new)?;
        let article_after = condition("article_after", &spec.article_after, Behind::new)?;
        let flag_after = condition("flag_after", &spec.flag_after, Ahead::new)?;
        let head_after = condition("head_after", &spec.head_after, Ahead::new)?;
        Ok(SwapRule {
            terms,
            rows,
            ignore_case: spec.ignore_case,
            not_before,
            flag_after,
            article_after,
            head_after,
        })
    }

    /// Where a `the` (or `The`) that belongs to the term starting at `start` begins: the
    /// row's English form takes no article and the term heads its phrase.
    fn article_start(&self, row: &Row, text: &str, start: usize, end: usize) -> Option<usize> {
        if !row.takes_none || !self.head_after.as_ref().is_some_and(|c| c.holds(text, end)) {
            return None;
        }
        let before = text[..start].strip_suffix([' ', '\u{a0}'])?;
        let article = before
            .strip_suffix("the")
            .or_else(|| before.strip_suffix("The"))?;
        (!article.chars().next_back().is_some_and(is_word_char)).then_some(article.len())
    }

    fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    }

    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        // Every occurrence of every term, then, position by position, the longest whole word.
        let mut found: Vec<(usize, usize, usize)> = self
            .terms
            .find_overlapping_iter(text)
            .filter(|m| Self::is_whole_word(text, m.start(), m.end()))
            .filter(|m| {
                !self
                    .not_before
                    .as_ref()
                    .is_some_and(|c| c.holds(text, m.start()))
            })
            .filter(|m| {
                !self.ignore_case
                    || text[m.start()..m.end()].to_lowercase()
                        == self.rows[m.pattern().as_usize()].source.to_lowercase()
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        if found.is_empty() {
            return;
        }
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut applies: Vec<Option<bool>> = vec![None; self.rows.len()];
        let mut taken_until = 0;
        for (start, end, index) in found {
            if start < taken_until {
                continue;
            }
            taken_until = end;
            let row = &self.rows[index];
            let allowed = *applies[index].get_or_insert_with(|| {
                row.context
                    .as_ref()
                    .is_none_or(|context| context.is_match(text))
                    && !row
                        .unless
                        .as_ref()
                        .is_some_and(|unless| unless.is_match(text))
            });
            if allowed {
                let replacement = match &row.article {
                    Some(article)
                        if self
                            .article_after
                            .as_ref()
                            .is_some_and(|c| c.holds(text, start)) =>
                    {
                        format!("{article} {}", row.target)
                    }
                    _ => row.target.clone(),
                };
                let from = self.article_start(row, text, start, end).unwrap_or(start);
                let mut hit = Hit::new(rule, from, end, Some(replacement));
                if self.flag_after.as_ref().is_some_and(|c| c.holds(text, end)) {
                    hit.extra_mut().level = Some(Level::None);
                }
                hits.push(hit);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{SwapRow, SwapRule, SwapSpec};
    use crate::engine::Hit;

    fn row(source: &str, target: &str, context: Option<&str>, unless: Option<&str>) -> SwapRow {
        SwapRow {
            source: source.into(),
            target: target.into(),
            context: context.map(str::to_string),
            unless: unless.map(str::to_string),
            article: None,
        }
    }

    fn swaps(text: &str) -> Vec<String> {
        let rule = SwapRule::new(&SwapSpec {
            rows: vec![
                row("HTC", "HTS", Some("(?i)tahrir"), Some("(?i)smartphone")),
                row("ONU", "UN", None, None),
                row("al-Cham", "al-Sham", None, None),
                SwapRow {
                    article: Some("the".into()),
                    ..row("Centrafrique", "Central African Republic", None, None)
                },
                SwapRow {
                    article: Some("-".into()),
                    ..row("CEDEAO", "ECOWAS", None, None)
                },
            ],
            ignore_case: false,
            not_before: Some("(?i)(?:^|[^\\w])(?:de|rue)[ \u{a0}]+".into()),
            article_after: Some("(?:^|[^\\w])(?:in|of)[ \u{a0}]+".into()),
            flag_after: Some("[ \u{a0}]+de[ \u{a0}]+\\p{Lu}".into()),
            head_after: Some("[,.]|[ \u{a0}]+(?:said|extends)\\b".into()),
        })
        .unwrap();
        let mut hits: Vec<Hit> = Vec::new();
        rule.check(0, &crate::doc::Doc::new(text), &mut hits);
        hits.into_iter()
            .map(|hit| {
                let flagged = hit
                    .extra
                    .is_some_and(|extra| extra.level == Some(crate::engine::Level::None));
                let mark = if flagged { " (flag)" } else { "" };
                format!(
                    "{}..{}={}{mark}",
                    hit.start,
                    hit.end,
                    hit.replacement.unwrap()
                )
            })
            .collect()
    }

    #[test]
    fn the_article_of_the_english_form_is_written_after_a_preposition() {
        assert_eq!(
            swaps("Troops in Centrafrique; the Centrafrique army; Centrafrique votes."),
            vec![
                "10..22=the Central African Republic",
                "28..40=Central African Republic",
                "47..59=Central African Republic"
            ]
        );
    }

    #[test]
    fn the_article_before_a_form_that_takes_none_goes_where_the_term_heads_its_phrase() {
        assert_eq!(
            swaps("The CEDEAO extends; of the CEDEAO, the CEDEAO summit; bathe CEDEAO said."),
            vec![
                "0..10=ECOWAS",
                "23..33=ECOWAS",
                "39..45=ECOWAS",
                "60..66=ECOWAS"
            ]
        );
        assert_eq!(swaps("the ONU said"), vec!["4..7=UN"]);
    }

    #[test]
    fn a_term_followed_by_the_rest_of_a_french_name_is_only_flagged() {
        assert_eq!(
            swaps("The ONU de Genève and the ONU de la paix."),
            vec!["4..7=UN (flag)", "27..30=UN"]
        );
    }

    #[test]
    fn context_and_unless_decide_per_document() {
        assert_eq!(
            swaps("Hayat Tahrir al-Cham (HTC) advanced."),
            vec!["13..20=al-Sham", "22..25=HTS"]
        );
        assert!(swaps("The HTC smartphone, says Tahrir.").is_empty());
        assert!(swaps("The phone maker HTC.").is_empty());
    }

    #[test]
    fn a_term_inside_a_longer_name_is_left_alone() {
        assert_eq!(swaps("The ONU met at the Café de ONU."), vec!["4..7=UN"]);
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(
            swaps("ONU and ONUSIDA and l'ONU"),
            vec!["0..3=UN", "22..25=UN"]
        );
    }
}
