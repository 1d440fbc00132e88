//! One compiled rule set and the per-document pass over it.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::article::{ArticleRule, ArticleSpec};
use crate::casing::{CapitalizedWordRule, CapitalizedWordSpec};
use crate::control_character::{ControlCharacterRule, ControlCharacterSpec};
use crate::doc::{ByteSet, Doc};
use crate::french_sentence::{FrenchSentenceRule, FrenchSentenceSpec};
use crate::glued_words::{GluedWordsRule, GluedWordsSpec};
use crate::guillemets::{GuillemetRule, GuillemetSpec};
use crate::homoglyph::{HomoglyphRule, HomoglyphSpec};
use crate::html_entity::{HtmlEntityRule, HtmlEntitySpec};
use crate::leftover::{LeftoverRule, LeftoverSpec};
use crate::lines::{LineRule, LineSpec};
use crate::masculine_for_woman::{MasculineForWomanRule, MasculineForWomanSpec};
use crate::mojibake::{MojibakeRule, MojibakeSpec};
use crate::numbers::{
    ClockTimeRule, ClockTimeSpec, GroupedThousandsRule, GroupedThousandsSpec, OrdinalSuffixRule,
    OrdinalSuffixSpec,
};
use crate::offsets::to_char_offsets;
use crate::pattern::{PatternRule, PatternSpec, StyleSpec};
use crate::pronoun_gender::{PronounGenderRule, PronounGenderSpec};
use crate::quote_balance::{QuoteBalanceRule, QuoteBalanceSpec};
use crate::quotes::{QuotePairsRule, QuotePairsSpec};
use crate::repeated::{RepeatedRule, RepeatedSpec};
use crate::swap::{SwapRule, SwapSpec};

/// A rule's data: its kind's, and the literals of which one must occur in a document for
/// the rule to run on it (`gate`; empty: it always runs). Any kind can be gated.
#[derive(Clone, Debug)]
pub struct RuleSpec {
    pub kind: KindSpec,
    pub gate: Vec<String>,
}

impl RuleSpec {
    /// An ungated rule.
    pub fn new(kind: KindSpec) -> RuleSpec {
        RuleSpec {
            kind,
            gate: Vec::new(),
        }
    }

    /// The same rule, running only on documents holding one of `gate`.
    pub fn gated(kind: KindSpec, gate: Vec<String>) -> RuleSpec {
        RuleSpec { kind, gate }
    }
}

/// A rule's data, by kind.
#[derive(Clone, Debug)]
pub enum KindSpec {
    /// The alternatives (usually one).
    /// The alternatives, and the house styles of their templates (the default first).
    Pattern(Vec<PatternSpec>, Vec<StyleSpec>),
    Line(LineSpec),
    Swap(SwapSpec),
    QuotePairs(QuotePairsSpec),
    PronounGender(PronounGenderSpec),
    QuoteBalance(QuoteBalanceSpec),
    MasculineForWoman(MasculineForWomanSpec),
    HtmlEntity(HtmlEntitySpec),
    ControlCharacter(ControlCharacterSpec),
    RepeatedWord(RepeatedSpec),
    GroupedThousands(GroupedThousandsSpec),
    ClockTime(ClockTimeSpec),
    CapitalizedWord(CapitalizedWordSpec),
    OrdinalSuffix(OrdinalSuffixSpec),
    Article(ArticleSpec),
    FrenchSentence(FrenchSentenceSpec),
    GluedWords(GluedWordsSpec),
    Guillemets(GuillemetSpec),
    Mojibake(MojibakeSpec),
    Homoglyph(HomoglyphSpec),
    Leftover(LeftoverSpec),
}

/// Why a rule's data does not compile: the rule's position in the list, the key, and one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecError {
    pub rule: usize,
    pub key: &'static str,
    pub message: String,
}

/// One finding of one rule: the span it reports, the span its fix replaces (`edit`, when it
/// differs), and the replacement (None: the rule only reports).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub rule: u32,
    pub start: usize,
    pub end: usize,
    pub edit: Option<(usize, usize)>,
    pub replacement: Option<String>,
    /// What only some kinds need: several edits, a lower fix level, message fields.
    pub extra: Option<Box<HitExtra>>,
}

/// How far a hit's fix can be trusted when a kind lowers its rule's level for one finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Report only: the finding carries no fix.
    None,
    Unsafe,
}

impl Level {
    /// The name Python's `Applicability` has for it.
    pub fn name(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Unsafe => "unsafe",
        }
    }
}

/// The rarer parts of a hit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HitExtra {
    /// The fix's edits `(start, end, replacement)` when it makes more than one (or one that
    /// is not `edit`); `replacement` of the hit is then only what the message shows.
    pub edits: Vec<(usize, usize, String)>,
    /// The fix's level when lower than the rule's (None: the rule's own).
    pub level: Option<Level>,
    /// Message fields beside `match`, `replacement` and `context` (or overriding them).
    pub fields: Vec<(&'static str, String)>,
}

impl Hit {
    /// A hit whose fix replaces its own span with `replacement` (None: report only).
    pub fn new(rule: u32, start: usize, end: usize, replacement: Option<String>) -> Hit {
        Hit {
            rule,
            start,
            end,
            edit: None,
            replacement,
            extra: None,
        }
    }

    /// The extra part, made on first use.
    pub fn extra_mut(&mut self) -> &mut HitExtra {
        self.extra.get_or_insert_with(Box::default)
    }
}

enum Compiled {
    Pattern(PatternRule),
    Line(Box<LineRule>),
    Swap(Box<SwapRule>),
    QuotePairs(QuotePairsRule),
    PronounGender(Box<PronounGenderRule>),
    QuoteBalance(QuoteBalanceRule),
    MasculineForWoman(Box<MasculineForWomanRule>),
    HtmlEntity(Box<HtmlEntityRule>),
    ControlCharacter(ControlCharacterRule),
    RepeatedWord(Box<RepeatedRule>),
    GroupedThousands(Box<GroupedThousandsRule>),
    ClockTime(Box<ClockTimeRule>),
    CapitalizedWord(Box<CapitalizedWordRule>),
    OrdinalSuffix(Box<OrdinalSuffixRule>),
    Article(Box<ArticleRule>),
    FrenchSentence(FrenchSentenceRule),
    GluedWords(Box<GluedWordsRule>),
    Guillemets(Box<GuillemetRule>),
    Mojibake(MojibakeRule),
    Homoglyph(Box<HomoglyphRule>),
    Leftover(Box<LeftoverRule>),
}

pub struct Engine {
    rules: Vec<Compiled>,
    /// The distinct gates (a rule's literals, one searcher each; rules with the same
    /// literals share one), and each rule's gate (None: it runs on every document).
    gates: Vec<Gate>,
    rule_gate: Vec<Option<usize>>,
}

/// The literals of one or more rules' gate.
struct Gate {
    searcher: AhoCorasick,
    /// The bytes of each literal: a literal some of whose bytes the text lacks cannot occur.
    bytes: Vec<ByteSet>,
}

impl Gate {
    fn new(literals: &[&str]) -> Result<Gate, aho_corasick::BuildError> {
        Ok(Gate {
            searcher: AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostFirst)
                .build(literals)?,
            bytes: literals
                .iter()
                .map(|literal| ByteSet::of(literal.as_bytes()))
                .collect(),
        })
    }

    /// Whether one of the literals occurs in the document.
    fn is_open(&self, doc: &Doc<'_>) -> bool {
        let present = doc.bytes();
        self.bytes.iter().any(|bytes| present.holds(bytes)) && self.searcher.is_match(doc.text)
    }
}

/// Per-call working memory: whether each gate's literals occur in the document, once a
/// rule has asked.
#[derive(Default)]
pub struct Scratch {
    open: Vec<Option<bool>>,
}

impl Engine {
    pub fn new(specs: &[RuleSpec]) -> Result<Engine, SpecError> {
        let mut rules = Vec::with_capacity(specs.len());
        let mut gate_literals: Vec<Vec<&str>> = Vec::new();
        let mut rule_gate = Vec::with_capacity(specs.len());
        for (index, spec) in specs.iter().enumerate() {
            let error = |(key, message): (&'static str, String)| SpecError {
                rule: index,
                key,
                message,
            };
            let mut literals: Vec<&str> = spec
                .gate
                .iter()
                .map(String::as_str)
                .filter(|literal| !literal.is_empty())
                .collect();
            literals.sort_unstable();
            literals.dedup();
            rule_gate.push(if literals.is_empty() {
                None
            } else if let Some(known) = gate_literals.iter().position(|other| *other == literals) {
                Some(known)
            } else {
                gate_literals.push(literals);
                Some(gate_literals.len() - 1)
            });
            let compiled = match &spec.kind {
                KindSpec::Pattern(pattern, styles) => Compiled::Pattern(
                    PatternRule::with_alternatives(pattern, styles).map_err(error)?,
                ),
                KindSpec::Line(line) => {
                    Compiled::Line(Box::new(LineRule::new(line).map_err(error)?))
                }
                KindSpec::Swap(swap) => {
                    Compiled::Swap(Box::new(SwapRule::new(swap).map_err(error)?))
                }
                KindSpec::QuotePairs(quotes) => {
                    Compiled::QuotePairs(QuotePairsRule::new(quotes).map_err(error)?)
                }
                KindSpec::ControlCharacter(control) => {
                    Compiled::ControlCharacter(ControlCharacterRule::new(control).map_err(error)?)
                }
                KindSpec::HtmlEntity(entity) => {
                    Compiled::HtmlEntity(Box::new(HtmlEntityRule::new(entity).map_err(error)?))
                }
                KindSpec::MasculineForWoman(pronoun) => Compiled::MasculineForWoman(Box::new(
                    MasculineForWomanRule::new(pronoun).map_err(error)?,
                )),
                KindSpec::QuoteBalance(quotes) => {
                    Compiled::QuoteBalance(QuoteBalanceRule::new(quotes).map_err(error)?)
                }
                KindSpec::PronounGender(pronoun) => Compiled::PronounGender(Box::new(
                    PronounGenderRule::new(pronoun).map_err(error)?,
                )),
                KindSpec::RepeatedWord(repeated) => {
                    Compiled::RepeatedWord(Box::new(RepeatedRule::new(repeated).map_err(error)?))
                }
                KindSpec::GroupedThousands(thousands) => Compiled::GroupedThousands(Box::new(
                    GroupedThousandsRule::new(thousands).map_err(error)?,
                )),
                KindSpec::ClockTime(clock) => {
                    Compiled::ClockTime(Box::new(ClockTimeRule::new(clock).map_err(error)?))
                }
                KindSpec::CapitalizedWord(casing) => Compiled::CapitalizedWord(Box::new(
                    CapitalizedWordRule::new(casing).map_err(error)?,
                )),
                KindSpec::OrdinalSuffix(ordinal) => {
                    Compiled::OrdinalSuffix(Box::new(OrdinalSuffixRule::new(ordinal)))
                }
                KindSpec::Article(article) => {
                    Compiled::Article(Box::new(ArticleRule::new(article).map_err(error)?))
                }
                KindSpec::FrenchSentence(french) => {
                    Compiled::FrenchSentence(FrenchSentenceRule::new(french).map_err(error)?)
                }
                KindSpec::GluedWords(glued) => {
                    Compiled::GluedWords(Box::new(GluedWordsRule::new(glued).map_err(error)?))
                }
                KindSpec::Guillemets(pairs) => {
                    Compiled::Guillemets(Box::new(GuillemetRule::new(pairs).map_err(error)?))
                }
                KindSpec::Mojibake(mojibake) => {
                    Compiled::Mojibake(MojibakeRule::new(mojibake).map_err(error)?)
                }
                KindSpec::Homoglyph(homoglyph) => {
                    Compiled::Homoglyph(Box::new(HomoglyphRule::new(homoglyph).map_err(error)?))
                }
                KindSpec::Leftover(leftover) => {
                    Compiled::Leftover(Box::new(LeftoverRule::new(leftover).map_err(error)?))
                }
            };
            rules.push(compiled);
        }
        let gates = gate_literals
            .iter()
            .map(|literals| Gate::new(literals))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|error| SpecError {
                rule: 0,
                key: "gate",
                message: error.to_string(),
            })?;
        Ok(Engine {
            rules,
            gates,
            rule_gate,
        })
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Every hit of every enabled rule in `text` (`enabled[i]` for rule `i`; None: all),
    /// offsets in bytes, in rule order and then in text order within a rule.
    pub fn check(&self, text: &str, enabled: Option<&[bool]>, scratch: &mut Scratch) -> Vec<Hit> {
        let is_enabled =
            |rule: usize| enabled.is_none_or(|enabled| enabled.get(rule).copied().unwrap_or(false));
        // A gated rule runs only when one of its literals occurs: each gate is searched
        // when a rule first asks, up to its first occurrence.
        let open = &mut scratch.open;
        open.clear();
        open.resize(self.gates.len(), None);
        let doc = Doc::new(text);
        let mut hits = Vec::new();
        for (index, rule) in self.rules.iter().enumerate() {
            if !is_enabled(index) {
                continue;
            }
            if let Some(gate) = self.rule_gate[index] {
                let is_open = *open[gate].get_or_insert_with(|| self.gates[gate].is_open(&doc));
                if !is_open {
                    continue;
                }
            }
            let index = index as u32;
            match rule {
                Compiled::Pattern(rule) => rule.check(index, &doc, &mut hits),
                Compiled::Line(rule) => rule.check(index, &doc, &mut hits),
                Compiled::Swap(rule) => rule.check(index, &doc, &mut hits),
                Compiled::QuotePairs(rule) => rule.check(index, &doc, &mut hits),
                Compiled::PronounGender(rule) => rule.check(index, &doc, &mut hits),
                Compiled::QuoteBalance(rule) => rule.check(index, &doc, &mut hits),
                Compiled::MasculineForWoman(rule) => rule.check(index, &doc, &mut hits),
                Compiled::HtmlEntity(rule) => rule.check(index, &doc, &mut hits),
                Compiled::ControlCharacter(rule) => rule.check(index, &doc, &mut hits),
                Compiled::RepeatedWord(rule) => rule.check(index, &doc, &mut hits),
                Compiled::GroupedThousands(rule) => rule.check(index, &doc, &mut hits),
                Compiled::ClockTime(rule) => rule.check(index, &doc, &mut hits),
                Compiled::CapitalizedWord(rule) => rule.check(index, &doc, &mut hits),
                Compiled::OrdinalSuffix(rule) => rule.check(index, &doc, &mut hits),
                Compiled::Article(rule) => rule.check(index, &doc, &mut hits),
                Compiled::FrenchSentence(rule) => rule.check(index, &doc, &mut hits),
                Compiled::GluedWords(rule) => rule.check(index, &doc, &mut hits),
                Compiled::Guillemets(rule) => rule.check(index, &doc, &mut hits),
                Compiled::Mojibake(rule) => rule.check(index, &doc, &mut hits),
                Compiled::Homoglyph(rule) => rule.check(index, &doc, &mut hits),
                Compiled::Leftover(rule) => rule.check(index, &doc, &mut hits),
            }
        }
        hits
    }

    /// [`Engine::check`] with every offset in code points, as Python counts them.
    pub fn check_chars(
        &self,
        text: &str,
        enabled: Option<&[bool]>,
        scratch: &mut Scratch,
    ) -> Vec<Hit> {
        let mut hits = self.check(text, enabled, scratch);
        let mut offsets = Vec::with_capacity(hits.len() * 4);
        for hit in &hits {
            let (edit_start, edit_end) = hit.edit.unwrap_or((hit.start, hit.end));
            offsets.extend([hit.start, hit.end, edit_start, edit_end]);
            if let Some(extra) = &hit.extra {
                offsets.extend(extra.edits.iter().flat_map(|edit| [edit.0, edit.1]));
            }
        }
        to_char_offsets(text, &mut offsets);
        let mut chunks = offsets.iter().copied();
        let mut next = move || chunks.next().unwrap_or_default();
        for hit in &mut hits {
            hit.start = next();
            hit.end = next();
            let edit = (next(), next());
            if hit.edit.is_some() {
                hit.edit = Some(edit);
            }
            if let Some(extra) = &mut hit.extra {
                for edit in &mut extra.edits {
                    edit.0 = next();
                    edit.1 = next();
                }
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::{Engine, KindSpec, RuleSpec, Scratch};
    use crate::pattern::PatternSpec;

    #[test]
    fn gated_rules_run_only_when_a_literal_occurs_and_offsets_count_code_points() {
        let spec = PatternSpec {
            pattern: " +(?P<edit>)»".into(),
            ..PatternSpec::default()
        };
        let quote = PatternSpec {
            pattern: "”(?P<edit>)".into(),
            replace: Some(" ".into()),
            after: Some("\\p{L}".into()),
            ..PatternSpec::default()
        };
        let engine = Engine::new(&[
            RuleSpec::gated(KindSpec::Pattern(vec![spec], vec![]), vec!["»".into()]),
            RuleSpec::gated(KindSpec::Pattern(vec![quote], vec![]), vec!["”".into()]),
        ])
        .unwrap();
        let mut scratch = Scratch::default();
        assert!(engine.check("plain text", None, &mut scratch).is_empty());
        let hits = engine.check_chars("é province”while", None, &mut scratch);
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].rule, hits[0].start, hits[0].end), (1, 11, 11));
        assert!(engine
            .check_chars("é province”while", Some(&[true, false]), &mut scratch)
            .is_empty());
    }

    #[test]
    fn a_bad_rule_is_named_by_position_and_key() {
        let bad = PatternSpec {
            pattern: "(".into(),
            ..PatternSpec::default()
        };
        let error = Engine::new(&[RuleSpec::new(KindSpec::Pattern(vec![bad], vec![]))])
            .err()
            .unwrap();
        assert_eq!((error.rule, error.key), (0, "pattern"));
    }
}
