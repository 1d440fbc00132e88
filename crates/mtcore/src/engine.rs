//! One compiled rule set and the per-document pass over it.

use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

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
use crate::pattern::{PatternRule, PatternSpec, StyleSpec, WordClass};
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
    /// The alternatives (usually one), the house styles of their templates (the default
    /// first) and the word classes their patterns name.
    Pattern(Vec<PatternSpec>, Vec<StyleSpec>, Vec<WordClass>),
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
        let compiled = specs
            .iter()
            .enumerate()
            .map(|(index, spec)| {
                CompiledRule::compile(spec).map_err(|(key, message)| SpecError {
                    rule: index,
                    key,
                    message,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Engine::assemble(compiled)
    }

    /// The engine of rules compiled one by one ([`CompiledRule::compile`]), in this order.
    pub fn assemble(compiled: Vec<CompiledRule>) -> Result<Engine, SpecError> {
        let mut gate_literals: Vec<Vec<&str>> = Vec::new();
        let mut rule_gate = Vec::with_capacity(compiled.len());
        for rule in &compiled {
            let mut literals: Vec<&str> = rule
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
            rules: compiled.into_iter().map(|rule| rule.rule).collect(),
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

/// One rule compiled on its own, for [`Engine::assemble`].
pub struct CompiledRule {
    gate: Vec<String>,
    rule: Compiled,
}

impl CompiledRule {
    /// Compile `spec`, or say which key is wrong and why.
    pub fn compile(spec: &RuleSpec) -> Result<CompiledRule, (&'static str, String)> {
        Ok(CompiledRule {
            gate: spec.gate.clone(),
            rule: compile_kind(&spec.kind)?,
        })
    }
}

fn compile_kind(kind: &KindSpec) -> Result<Compiled, (&'static str, String)> {
    Ok(match kind {
        KindSpec::Pattern(pattern, styles, classes) => {
            Compiled::Pattern(PatternRule::with_word_classes(pattern, styles, classes)?)
        }
        KindSpec::Line(line) => Compiled::Line(Box::new(LineRule::new(line)?)),
        KindSpec::Swap(swap) => Compiled::Swap(Box::new(SwapRule::new(swap)?)),
        KindSpec::QuotePairs(quotes) => Compiled::QuotePairs(QuotePairsRule::new(quotes)?),
        KindSpec::ControlCharacter(control) => {
            Compiled::ControlCharacter(ControlCharacterRule::new(control)?)
        }
        KindSpec::HtmlEntity(entity) => {
            Compiled::HtmlEntity(Box::new(HtmlEntityRule::new(entity)?))
        }
        KindSpec::MasculineForWoman(pronoun) => {
            Compiled::MasculineForWoman(Box::new(MasculineForWomanRule::new(pronoun)?))
        }
        KindSpec::QuoteBalance(quotes) => Compiled::QuoteBalance(QuoteBalanceRule::new(quotes)?),
        KindSpec::PronounGender(pronoun) => {
            Compiled::PronounGender(Box::new(PronounGenderRule::new(pronoun)?))
        }
        KindSpec::RepeatedWord(repeated) => {
            Compiled::RepeatedWord(Box::new(RepeatedRule::new(repeated)?))
        }
        KindSpec::GroupedThousands(thousands) => {
            Compiled::GroupedThousands(Box::new(GroupedThousandsRule::new(thousands)?))
        }
        KindSpec::ClockTime(clock) => Compiled::ClockTime(Box::new(ClockTimeRule::new(clock)?)),
        KindSpec::CapitalizedWord(casing) => {
            Compiled::CapitalizedWord(Box::new(CapitalizedWordRule::new(casing)?))
        }
        KindSpec::OrdinalSuffix(ordinal) => {
            Compiled::OrdinalSuffix(Box::new(OrdinalSuffixRule::new(ordinal)))
        }
        KindSpec::Article(article) => Compiled::Article(Box::new(ArticleRule::new(article)?)),
        KindSpec::FrenchSentence(french) => {
            Compiled::FrenchSentence(FrenchSentenceRule::new(french)?)
        }
        KindSpec::GluedWords(glued) => Compiled::GluedWords(Box::new(GluedWordsRule::new(glued)?)),
        KindSpec::Guillemets(pairs) => Compiled::Guillemets(Box::new(GuillemetRule::new(pairs)?)),
        KindSpec::Mojibake(mojibake) => Compiled::Mojibake(MojibakeRule::new(mojibake)?),
        KindSpec::Homoglyph(homoglyph) => {
            Compiled::Homoglyph(Box::new(HomoglyphRule::new(homoglyph)?))
        }
        KindSpec::Leftover(leftover) => Compiled::Leftover(Box::new(LeftoverRule::new(leftover)?)),
    })
}

/// Rules compiled on worker threads as they are added, so that compiling overlaps whatever
/// the caller does between two rules (the Python pack loader reads and validates the next
/// file): compiling is most of a one-file run's start-up. [`Compiler::add`] hands a rule to
/// a worker and numbers it; the first calls start the workers, one fewer than the cores
/// (the caller keeps one busy) and at most [`MAX_COMPILE_WORKERS`], at least one.
/// [`Compiler::finish`] compiles what is still queued beside the workers, waits for them,
/// and assembles the engine of the rules asked for, in that order.
pub struct Compiler {
    jobs: Sender<(usize, RuleSpec)>,
    queue: Arc<Mutex<Receiver<(usize, RuleSpec)>>>,
    done: Sender<Outcome>,
    results: Receiver<Outcome>,
    workers: Vec<JoinHandle<()>>,
    /// How many workers to start.
    threads: usize,
    added: usize,
}

/// A rule's number and what compiling it gave.
type Outcome = (usize, Result<CompiledRule, (&'static str, String)>);

/// The most worker threads a [`Compiler`] starts.
pub const MAX_COMPILE_WORKERS: usize = 3;

impl Default for Compiler {
    fn default() -> Self {
        Compiler::new()
    }
}

impl Compiler {
    pub fn new() -> Compiler {
        let (jobs, queue) = channel();
        let (done, results) = channel();
        Compiler {
            jobs,
            queue: Arc::new(Mutex::new(queue)),
            done,
            results,
            workers: Vec::new(),
            threads: std::thread::available_parallelism()
                .map_or(1, |count| count.get().saturating_sub(1))
                .clamp(1, MAX_COMPILE_WORKERS),
            added: 0,
        }
    }

    /// Start compiling `spec`; its number for [`Compiler::finish`].
    pub fn add(&mut self, spec: RuleSpec) -> usize {
        let number = self.added;
        self.added += 1;
        if self.workers.len() < self.threads {
            let queue = Arc::clone(&self.queue);
            let done = self.done.clone();
            self.workers
                .push(std::thread::spawn(move || compile_worker(&queue, &done)));
        }
        // A worker stops only once `jobs` is dropped, so the queue is open here.
        let _ = self.jobs.send((number, spec));
        number
    }

    /// The engine of the rules numbered `numbers`, in that order. An error names the first
    /// of them (its position in `numbers`) that does not compile.
    pub fn finish(self, numbers: &[usize]) -> Result<Engine, SpecError> {
        let Compiler {
            jobs,
            queue,
            done,
            results,
            workers,
            added,
            ..
        } = self;
        drop(jobs);
        compile_worker(&queue, &done);
        drop(done);
        let mut compiled: Vec<Option<Result<CompiledRule, (&'static str, String)>>> =
            (0..added).map(|_| None).collect();
        for (number, result) in results {
            compiled[number] = Some(result);
        }
        for worker in workers {
            let _ = worker.join();
        }
        let mut rules = Vec::with_capacity(numbers.len());
        for (position, &number) in numbers.iter().enumerate() {
            let error = |key: &'static str, message: String| SpecError {
                rule: position,
                key,
                message,
            };
            match compiled.get_mut(number).and_then(Option::take) {
                Some(Ok(rule)) => rules.push(rule),
                Some(Err((key, message))) => return Err(error(key, message)),
                None => {
                    return Err(error(
                        "rule",
                        format!("rule {number} was not added, or is asked for twice"),
                    ))
                }
            }
        }
        Engine::assemble(rules)
    }
}

/// A worker: compile rules from `queue` until the compiler closes it.
fn compile_worker(queue: &Mutex<Receiver<(usize, RuleSpec)>>, done: &Sender<Outcome>) {
    loop {
        let job = match queue.lock() {
            Ok(queue) => queue.recv(),
            Err(_) => return,
        };
        let Ok((number, spec)) = job else {
            return;
        };
        if done.send((number, CompiledRule::compile(&spec))).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Compiler, Engine, KindSpec, RuleSpec, Scratch};
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
            RuleSpec::gated(
                KindSpec::Pattern(vec![spec], vec![], vec![]),
                vec!["»".into()],
            ),
            RuleSpec::gated(
                KindSpec::Pattern(vec![quote], vec![], vec![]),
                vec!["”".into()],
            ),
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
        let error = Engine::new(&[RuleSpec::new(KindSpec::Pattern(vec![bad], vec![], vec![]))])
            .err()
            .unwrap();
        assert_eq!((error.rule, error.key), (0, "pattern"));
    }

    #[test]
    fn a_compiler_assembles_the_rules_asked_for_in_that_order_and_names_the_first_error() {
        let rule = |pattern: &str| {
            RuleSpec::new(KindSpec::Pattern(
                vec![PatternSpec {
                    pattern: pattern.into(),
                    ..PatternSpec::default()
                }],
                vec![],
                vec![],
            ))
        };
        let mut compiler = Compiler::new();
        let numbers: Vec<usize> = (0..40)
            .map(|index| compiler.add(rule(&format!("w{index}x"))))
            .collect();
        assert_eq!(numbers, (0..40).collect::<Vec<_>>());
        // Rule 7 of the engine is the compiler's number 32.
        let order: Vec<usize> = (0..40).rev().collect();
        let engine = compiler.finish(&order).unwrap();
        let hits = engine.check("w7x w31x", None, &mut Scratch::default());
        let rules: Vec<u32> = hits.iter().map(|hit| hit.rule).collect();
        assert_eq!(rules, [8, 32]);
        let mut compiler = Compiler::new();
        for index in 0..40 {
            let pattern = match index {
                29 => "(".to_string(),
                13 => "[".to_string(),
                _ => format!("w{index}x"),
            };
            compiler.add(rule(&pattern));
        }
        let error = compiler.finish(&[0, 1, 29, 13]).err().unwrap();
        assert_eq!((error.rule, error.key), (2, "pattern"));
    }
}
