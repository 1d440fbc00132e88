//! The `leftover` kind in `mode = "inline"`: French words left in running English text
//! (`rules/fr-en/leftover.toml`, SRC002; the kind's documentation is in
//! `cleanup/kinds/leftover.py`).
//!
//! A word is French when it is at least `margin` Zipf units more frequent in French than in
//! English (the word table, [`crate::words`]). Words that are also common English (Zipf ≥
//! `english_ceiling`) are *weak*: they count only next to a *strong* French word, unless the
//! pack lists them as French function words. Words that need their right-hand context
//! (`dont`) come with a regex the following text must match. Runs of French words are left
//! alone when they are a name, a quotation, an allow-listed phrase, or inside a mostly-French
//! sentence (left to the whole-sentence rule); the glossary gives the English and the fix
//! level.
//!
//! Two questions are Python's: the sentence split (nltk) and the frequencies of a word the
//! table lacks (wordfreq). A line that needs either becomes a *candidate* hit (field
//! `leftover = line`); the Python adapter answers and calls [`LeftoverRule::check_region`]
//! again for that line with the answers ([`Answers`]).

mod allow;
mod bracketed;
pub mod py;
pub(crate) mod quoting;

use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;

use regex_automata::meta::Regex as MetaRegex;
use regex_automata::{Anchored, Input};

use crate::doc::Doc;
use crate::engine::{Hit, Level};
use crate::lines::line_spans;
use crate::words::{is_word, zipf_of, Lang, WordTable};
use crate::wrap::wrapped_paragraphs;

use crate::bloom::Bloom;
use allow::Allow;
use py::{
    char_at, char_before, is_alnum, is_run, is_space, only_space, runs, starts_lower, starts_upper,
};

pub use bracketed::BracketedRule;

/// The field a candidate hit carries (`leftover = line`), for the Python adapter.
pub const CANDIDATE_FIELD: &str = "leftover";

/// One glossary entry: the French words as the mode tokenises them (lower case), the
/// English, and whether the English has alternatives (an unsafe fix).
#[derive(Clone, Debug)]
pub struct GlossaryRow {
    pub words: Vec<String>,
    pub english: String,
    pub ambiguous: bool,
}

/// A leftover rule's data, as the Python kind read it.
#[derive(Clone, Debug)]
pub struct LeftoverSpec {
    /// `"inline"` or `"bracketed"`.
    pub mode: String,
    pub glossary: Vec<GlossaryRow>,
    pub margin: f64,
    pub min_french: f64,
    pub english_ceiling: f64,
    /// Allow-listed phrases, in the order the alternation tries them (longest first).
    pub allow: Vec<String>,
    /// Each accented character of the phrases and its form without accents.
    pub unaccented: Vec<(String, String)>,
    /// The words of the phrases (a necessary test of the phrase scan), or None: no test.
    pub allow_words: Option<Vec<String>>,
    pub function_words: Vec<String>,
    /// (word, regex the text right after it must match).
    pub context_words: Vec<(String, String)>,
    pub particles: Vec<String>,
    pub words: Arc<WordTable>,
}

/// The `(English Zipf, French Zipf)` values Python gave for words the word table lacks, by key.
pub type ZipfValues = HashMap<String, (f64, f64)>;

/// Answers Python gave for the words the table lacks (key → (English Zipf, French Zipf)),
/// and the words a check asked that they do not hold yet. A word not answered counts as
/// `(0, 0)` for the rest of the check, so that one pass over a region collects every word
/// it needs (a region is a line: asking one word per pass would read a line of megabytes
/// once per word); its result stands only when nothing was missing ([`Answers::settle`]).
#[derive(Debug, Default)]
pub struct Answers {
    known: ZipfValues,
    missing: RefCell<Vec<String>>,
}

impl Answers {
    pub fn new(known: ZipfValues) -> Answers {
        Answers {
            known,
            missing: RefCell::default(),
        }
    }

    fn get(&self, key: &str) -> (f64, f64) {
        if let Some(&pair) = self.known.get(key) {
            return pair;
        }
        let mut missing = self.missing.borrow_mut();
        if !missing.iter().any(|word| word == key) {
            missing.push(key.to_string());
        }
        (0.0, 0.0)
    }

    /// `result`, or the words it was computed without (then it is not one).
    fn settle<T>(&self, result: Result<T, Need>) -> Result<T, Need> {
        let missing = self.missing.take();
        if missing.is_empty() {
            result
        } else {
            Err(Need::Words(missing))
        }
    }
}

/// What a region needs from Python before the core can decide it.
#[derive(Clone, Debug, PartialEq)]
pub enum Need {
    /// The Zipf values of the words the table lacks.
    Words(Vec<String>),
    /// The sentences holding these positions (byte offsets of words, nltk): the line's
    /// sentences given so far hold none of them.
    Sentences(Vec<usize>),
}

/// What [`LeftoverRule::check_region`] makes of one region: its hits, or what it needs.
pub type RegionResult = Result<Vec<Hit>, Need>;

pub enum LeftoverRule {
    Inline(Box<InlineRule>),
    Bracketed(Box<BracketedRule>),
}

impl LeftoverRule {
    pub fn new(spec: &LeftoverSpec) -> Result<LeftoverRule, (&'static str, String)> {
        match spec.mode.as_str() {
            "inline" => Ok(LeftoverRule::Inline(Box::new(InlineRule::new(spec)?))),
            "bracketed" => Ok(LeftoverRule::Bracketed(Box::new(BracketedRule::new(spec)?))),
            other => Err((
                "mode",
                format!("unknown mode '{other}'; use 'bracketed' or 'inline'"),
            )),
        }
    }

    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        match self {
            LeftoverRule::Inline(inline) => inline.check(rule, doc, hits),
            LeftoverRule::Bracketed(bracketed) => bracketed.check(rule, doc, hits),
        }
    }

    /// The hits of one candidate region (a line, a bracket) with Python's answers.
    pub fn check_region(
        &self,
        rule: u32,
        text: &str,
        state: &DocState,
        (start, end): (usize, usize),
        sentences: Option<&[(usize, usize)]>,
        answers: &Answers,
    ) -> RegionResult {
        match self {
            LeftoverRule::Inline(inline) => {
                let doc = DocView { text, state };
                let mut hits = Vec::new();
                let result =
                    inline.check_line(rule, &doc, start, end, sentences, answers, &mut hits);
                answers.settle(result.map(|()| hits))
            }
            LeftoverRule::Bracketed(bracketed) => {
                answers.settle(Ok(bracketed.check_region(rule, text, start, end, answers)))
            }
        }
    }
}

/// A hit Python completes: the region and the field naming it.
fn candidate(rule: u32, start: usize, end: usize) -> Hit {
    let mut hit = Hit::new(rule, start, end, None);
    hit.extra_mut()
        .fields
        .push((CANDIDATE_FIELD, "region".into()));
    hit
}

/// A hit with a fix level lowered to `level` (None: the rule's own).
fn leveled(
    rule: u32,
    start: usize,
    end: usize,
    replacement: Option<String>,
    level: Option<Level>,
) -> Hit {
    let mut hit = Hit::new(rule, start, end, replacement);
    if level.is_some() {
        hit.extra_mut().level = level;
    }
    hit
}

/// Zipf values from the table, or from Python's answers for a word it lacks.
fn zipf_pair(table: &WordTable, key: &str, answers: &Answers) -> (f64, f64) {
    if let (Some(en), Some(fr)) = (table.zipf(Lang::En, key), table.zipf(Lang::Fr, key)) {
        return (en, fr);
    }
    answers.get(key)
}

/// `cleanup.wordfreqs.zipf_at_least("en", key, threshold)`.
fn english_at_least(table: &WordTable, key: &str, threshold: f64, answers: &Answers) -> bool {
    match table.zipf_at_least(Lang::En, key, threshold) {
        Some(answer) => answer,
        None => zipf_pair(table, key, answers).0 >= threshold,
    }
}

const APOSTROPHES: &[char] = &['\'', '\u{2019}'];
const LONG_ELISIONS: &[&str] = &["jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"];
const SHORT_ELISIONS: &[&str] = &["c", "d", "j", "l", "m", "n", "s", "t", "qu"];
const OPENERS: &[char] = &[
    '(', '\u{201c}', '"', '\u{2018}', '[', '«', '\u{2014}', '\u{2013}',
];
const CLOSERS: &[char] = &[
    '.', ',', ';', ':', '!', '?', ')', '\u{201d}', '"', '\u{2019}', '\'', ']', '»', '\u{2026}',
    '\u{2014}', '\u{2013}',
];
const SENTENCE_START_STRIP: &[char] = &[' ', '\t', '\u{201c}', '"', '«', '(', '\u{a0}'];
const SENTENCE_END_MARKS: &[char] = &['.', '!', '?', '\u{2026}'];
const SENTENCE_END_CLOSERS: &[char] = &['\'', '"', '\u{201d}', ')', '»'];
const INFLECTION_ZIPF: f64 = 2.0;
const STEM_ZIPF: f64 = 3.0;
const FORMS_OF_ADDRESS: &[&str] = &[
    "monsieur",
    "madame",
    "mademoiselle",
    "messieurs",
    "mesdames",
    "monseigneur",
];
const ENGLISH_DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "its", "their", "my", "your", "our", "this", "that",
];
const ENGLISH_CONTEXT_ZIPF: f64 = 3.0;

/// One word of a line (or the edge word of a neighbouring line of a wrapped paragraph):
/// its place and flags only, its lower case made when a rule asks ([`Token::lower`]; a line
/// of megabytes holds millions of words, and only French ones and their neighbours are
/// asked about).
#[derive(Clone, Copy, Debug, Default)]
struct Token {
    start: usize,
    end: usize,
    strong: bool,
    french: bool,
    elision: bool,
}

impl Token {
    /// The word lower-cased (borrowed from `text` when it is lower case already); an
    /// elision ends with a straight apostrophe whichever one the text has (`l'`).
    fn lower<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let word = &text[self.start..self.end];
        if !self.elision {
            return crate::words::lower(word);
        }
        let mark = word.chars().next_back().map_or(0, char::len_utf8);
        let mut lower = crate::words::lower(&word[..word.len() - mark]).into_owned();
        lower.push('\'');
        Cow::Owned(lower)
    }
}

/// The document's quoted French: lower-cased phrases in guillemets or in mostly-French
/// quotations (joined by NUL), and the spans of the latter.
type Quoted = (String, Vec<(usize, usize)>);

/// Ranges, to ask whether one of them covers a token (`_inside`) in logarithmic time.
struct Covering {
    starts: Vec<usize>,
    /// The largest end among the ranges up to each one (sorted by start).
    reach: Vec<usize>,
}

impl Covering {
    fn new(mut ranges: Vec<(usize, usize)>) -> Covering {
        ranges.sort_unstable();
        let mut reach = Vec::with_capacity(ranges.len());
        let mut furthest = 0;
        for &(_, end) in &ranges {
            furthest = furthest.max(end);
            reach.push(furthest);
        }
        Covering {
            starts: ranges.iter().map(|&(start, _)| start).collect(),
            reach,
        }
    }

    /// Whether a range holds the token (`start <= token.start` and `token.end <= end`).
    fn covers(&self, token: &Token) -> bool {
        let count = self.starts.partition_point(|&start| start <= token.start);
        count > 0 && self.reach[count - 1] >= token.end
    }
}

/// Whether one of `spans` (sorted by start, disjoint) holds `position`, or is the empty
/// span at it (no sentence holds it).
fn is_answered(spans: &[(usize, usize)], position: usize) -> bool {
    let count = spans.partition_point(|&(start, _)| start <= position);
    count > 0 && {
        let (start, end) = spans[count - 1];
        position < end || (start, end) == (position, position)
    }
}

/// What a check computes once per document, when first needed (kept by the Python adapter
/// for the candidate regions of one document: see [`LeftoverRule::check_region`]).
#[derive(Default)]
pub struct DocState {
    lines: OnceCell<Vec<(usize, usize)>>,
    blocks: OnceCell<Vec<Option<usize>>>,
    /// (lower-cased quoted French phrases, spans of the mostly-French quotations).
    quoted: OnceCell<Quoted>,
    /// Lower-case word → (French, strong), as this document asked (one table lookup a
    /// distinct word).
    words: RefCell<FxHashMap<String, (bool, bool)>>,
}

/// A document and what was computed of it.
#[derive(Clone, Copy)]
struct DocView<'t> {
    text: &'t str,
    state: &'t DocState,
}

impl<'t> DocView<'t> {
    fn lines(&self) -> &'t [(usize, usize)] {
        self.state.lines.get_or_init(|| line_spans(self.text))
    }

    fn blocks(&self) -> &'t [Option<usize>] {
        self.state
            .blocks
            .get_or_init(|| wrapped_blocks(self.text, self.lines()))
    }
}

/// For each of `lines` (the document's [`line_spans`]), the number of the hard-wrapped
/// paragraph of more than one line it belongs to ([`wrapped_paragraphs`]), or None.
fn wrapped_blocks(text: &str, lines: &[(usize, usize)]) -> Vec<Option<usize>> {
    let mut blocks = vec![None; lines.len()];
    for (number, paragraph) in wrapped_paragraphs(text).iter().enumerate() {
        if paragraph.len() > 1 {
            for line in paragraph {
                if let Ok(index) = lines.binary_search(line) {
                    blocks[index] = Some(number);
                }
            }
        }
    }
    blocks
}

/// Whether `text[left.end..right.start]` joins two tokens: nothing after an elision, or
/// spaces without a line break.
fn adjacent(text: &str, left: &Token, right: &Token) -> bool {
    let between = &text[left.end..right.start];
    (between.is_empty() && left.elision)
        || (!between.is_empty() && only_space(between) && !between.contains('\n'))
}

/// `_is_sentence_start`: only openers before `position` on its line, or a sentence end then spaces.
fn is_sentence_start(text: &str, line_start: usize, position: usize) -> bool {
    let mut index = position;
    while index > line_start {
        match char_before(text, index) {
            Some(c) if SENTENCE_START_STRIP.contains(&c) => index -= c.len_utf8(),
            _ => break,
        }
    }
    if index == line_start {
        return true;
    }
    while index > line_start {
        match char_before(text, index) {
            Some(c) if is_space(c) => index -= c.len_utf8(),
            _ => break,
        }
    }
    while index > line_start {
        match char_before(text, index) {
            Some(c) if SENTENCE_END_CLOSERS.contains(&c) => index -= c.len_utf8(),
            _ => break,
        }
    }
    index > line_start && char_before(text, index).is_some_and(|c| SENTENCE_END_MARKS.contains(&c))
}

/// The words before an apostrophe at `at` that make an elision: with `long` false as the
/// document gate takes them (one letter or `qu`, lower case), with `long` also `jusqu` and
/// the like (any case).
fn elided_before(text: &str, at: usize, long: bool) -> bool {
    let head = &text[..at];
    let boundary = |start: usize| char_before(text, start).is_none_or(|c| !is_run(c));
    if let Some(c) = head.chars().next_back() {
        if "cdjlmnst".contains(c) && boundary(at - 1) {
            return true;
        }
    }
    if head.ends_with("qu") && boundary(at - 2) {
        return true;
    }
    if long {
        let fold = |c: char| match c {
            '\u{17f}' => 's',
            '\u{212a}' => 'k',
            other => other.to_ascii_lowercase(),
        };
        for word in ["jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"] {
            let count = word.len();
            let tail: Vec<(usize, char)> = head.char_indices().rev().take(count).collect();
            if tail.len() == count
                && tail.iter().rev().map(|&(_, c)| fold(c)).eq(word.chars())
                && boundary(tail[count - 1].0)
            {
                return true;
            }
        }
    }
    false
}

/// The apostrophes (`'`, `’`) of `text`: byte position and length.
fn apostrophes(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    (0..bytes.len()).filter_map(move |at| match bytes[at] {
        b'\'' => Some((at, 1)),
        0xE2 if bytes.get(at + 1..at + 3) == Some(&[0x80, 0x99][..]) => Some((at, 3)),
        _ => None,
    })
}

/// The document's elisions, in one pass: whether `_ELISION_GATE_RE` finds one (a
/// one-letter or `qu` elision before a letter that is not A-Z), and the apostrophes of
/// `_has_elision` (an elision, long ones too, before a lower-case character; such a
/// character is never a line end, so a line holds one when one of these lies in it).
fn elisions(text: &str) -> (bool, Vec<usize>) {
    let mut gate = false;
    let mut found = Vec::new();
    for (at, length) in apostrophes(text) {
        let next = char_at(text, at + length);
        if !gate
            && elided_before(text, at, false)
            && next.is_some_and(|c| is_run(c) && !c.is_ascii_uppercase())
        {
            gate = true;
        }
        if next.is_some_and(char::is_lowercase) && elided_before(text, at, true) {
            found.push(at);
        }
    }
    (gate, found)
}

pub struct InlineRule {
    table: Arc<WordTable>,
    glossary: FxHashMap<String, (String, bool)>,
    longest: usize,
    /// `is_french_leaning`'s thresholds, computed once as it computes them: the least
    /// French frequency, and the factor by which it must beat the English one.
    french_floor: f64,
    french_ratio: f64,
    /// The table's French-leaning words, as a filter: most words of English text are not.
    leaning: Bloom,
    english_ceiling: f64,
    function_words: FxHashSet<String>,
    /// (word, regex the text after it must match): a few words, compared in turn.
    context_words: Vec<(String, MetaRegex)>,
    particles: FxHashSet<String>,
    allow: Allow,
}

impl InlineRule {
    pub fn new(spec: &LeftoverSpec) -> Result<InlineRule, (&'static str, String)> {
        if spec.margin < crate::words::FRENCH_MARGIN || spec.min_french < crate::words::FRENCH_ZIPF
        {
            return Err((
                "margin",
                format!(
                    "the word table decides only margin >= {} with min_french >= {}",
                    crate::words::FRENCH_MARGIN,
                    crate::words::FRENCH_ZIPF
                ),
            ));
        }
        let mut glossary = FxHashMap::default();
        let mut longest = 1;
        for row in &spec.glossary {
            longest = longest.max(row.words.len());
            glossary.insert(row.words.join(" "), (row.english.clone(), row.ambiguous));
        }
        let mut context_words: Vec<(String, MetaRegex)> = Vec::new();
        for (word, following) in &spec.context_words {
            let regex =
                MetaRegex::new(following).map_err(|error| ("context_words", error.to_string()))?;
            let word = word.to_lowercase();
            match context_words.iter_mut().find(|(known, _)| *known == word) {
                Some(entry) => entry.1 = regex,
                None => context_words.push((word, regex)),
            }
        }
        let french_floor = 10f64.powf(spec.min_french - 9.0);
        let french_ratio = 10f64.powf(spec.margin);
        let leaning = spec
            .words
            .french_leaning_filter(spec.margin, spec.min_french);
        Ok(InlineRule {
            table: Arc::clone(&spec.words),
            leaning,
            glossary,
            longest,
            french_floor,
            french_ratio,
            english_ceiling: spec.english_ceiling,
            function_words: spec.function_words.iter().cloned().collect(),
            context_words,
            particles: spec.particles.iter().cloned().collect(),
            allow: Allow::new(&spec.allow, &spec.unaccented, spec.allow_words.as_deref())?,
        })
    }

    /// Whether `lower` is in the French words (a function word or a word that leans French:
    /// `WordTable::is_french_leaning(lower, margin, min_french)`, which the validated
    /// thresholds let the table decide) and in the strong ones (French-leaning, and a
    /// function word or rarer in English than `english_ceiling`). Asked once a document.
    fn flags(&self, doc: &DocView<'_>, lower: &str) -> (bool, bool) {
        if !self.leaning.may_contain(lower) {
            return (self.function_words.contains(lower), false);
        }
        self.table_flags(doc, lower)
    }

    fn table_flags(&self, doc: &DocView<'_>, lower: &str) -> (bool, bool) {
        if let Some(&known) = doc.state.words.borrow().get(lower) {
            return known;
        }
        let function_word = self.function_words.contains(lower);
        let flags = match self.table.frequencies(lower) {
            Some((en, fr)) => {
                let leaning = fr >= self.french_floor && fr >= self.french_ratio * en;
                (
                    function_word || leaning,
                    leaning && (function_word || zipf_of(en) < self.english_ceiling),
                )
            }
            None => (function_word, false),
        };
        doc.state
            .words
            .borrow_mut()
            .insert(lower.to_string(), flags);
        flags
    }

    fn is_french(&self, doc: &DocView<'_>, lower: &str) -> bool {
        self.flags(doc, lower).0
    }

    fn is_strong(&self, doc: &DocView<'_>, lower: &str) -> bool {
        self.leaning.may_contain(lower) && self.table_flags(doc, lower).1
    }

    fn is_context_word(&self, lower: &str) -> bool {
        self.context_words.iter().any(|(word, _)| word == lower)
    }

    fn in_glossary_alone(&self, lower: &str) -> bool {
        self.glossary.contains_key(lower)
    }

    pub fn check(&self, rule: u32, document: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = document.text;
        // The document gates of the Python matcher: a strong or context word, or a short
        // elision; then a word that can be strong as written, or any elision.
        let state = DocState::default();
        let doc = DocView {
            text,
            state: &state,
        };
        let mut any = false;
        let mut live: Vec<usize> = Vec::new();
        let mut lower = String::new();
        for &(start, end) in document.runs() {
            let word = &text[start..end];
            lower.clear();
            if word.is_ascii() {
                lower.push_str(word);
                lower.make_ascii_lowercase();
            } else {
                lower.push_str(&word.to_lowercase());
            }
            if self.is_strong(&doc, &lower) || self.is_context_word(&lower) {
                any = true;
                if !starts_upper(word)
                    || self.function_words.contains(&lower)
                    || self.in_glossary_alone(&lower)
                {
                    live.push(start);
                }
            }
        }
        if !any && (text.contains('\u{130}') || text.contains('\u{3a3}')) {
            let lowered = text.to_lowercase();
            any = runs(&lowered, 0, lowered.len())
                .into_iter()
                .any(|(start, end)| {
                    let lower = &lowered[start..end];
                    self.is_strong(&doc, lower) || self.is_context_word(lower)
                });
        }
        let (short_elision, elided) = elisions(text);
        if !any && !short_elision {
            return;
        }
        if live.is_empty() && elided.is_empty() {
            return;
        }
        let no_answers = Answers::default();
        let (mut next_live, mut next_elided) = (0, 0);
        for &(start, end) in doc.lines() {
            while next_live < live.len() && live[next_live] < start {
                next_live += 1;
            }
            while next_elided < elided.len() && elided[next_elided] < start {
                next_elided += 1;
            }
            let holds = next_live < live.len() && live[next_live] < end;
            let elides = next_elided < elided.len() && elided[next_elided] < end;
            if !holds && !elides {
                continue;
            }
            let mut found = Vec::new();
            let result = self.check_line(rule, &doc, start, end, None, &no_answers, &mut found);
            match no_answers.settle(result) {
                Ok(()) => hits.append(&mut found),
                Err(_) => hits.push(candidate(rule, start, end)),
            }
        }
    }

    fn tokens<'t>(
        &self,
        doc: &DocView<'t>,
        line_start: usize,
        line_end: usize,
        answers: &Answers,
    ) -> Vec<Token> {
        let text = doc.text;
        let mut tokens: Vec<Token> = Vec::new();
        for (start, end) in crate::doc::letter_runs_iter(text, line_start, line_end) {
            let word = &text[start..end];
            let lower = crate::words::lower(word);
            let mut token = Token {
                start,
                end,
                ..Token::default()
            };
            let mark = char_at(text, end).filter(|c| APOSTROPHES.contains(c));
            let after = mark.map(|mark| end + mark.len_utf8());
            let next = after.and_then(|after| char_at(text, after));
            if let (Some(after), Some(next)) = (after, next) {
                if after < line_end
                    && next.is_lowercase()
                    && (LONG_ELISIONS.contains(&lower.as_ref())
                        || (SHORT_ELISIONS.contains(&word)
                            && is_run(next)
                            && !next.is_ascii_uppercase()))
                {
                    token.end = after;
                    token.elision = true;
                    token.french = true;
                    token.strong = true;
                    tokens.push(token);
                    continue;
                }
            }
            if self.is_french(doc, &lower) && !self.is_english_inflection(&lower, answers) {
                token.french = true;
                token.strong = self.is_strong(doc, &lower);
            } else if let Some((_, following)) =
                self.context_words.iter().find(|(word, _)| *word == lower)
            {
                let input = Input::new(&text[..line_end])
                    .range(end..)
                    .anchored(Anchored::Yes);
                if following.search(&input).is_some() {
                    token.french = true;
                    token.strong = true;
                }
            }
            tokens.push(token);
        }
        for index in 0..tokens.len() {
            if !tokens[index].french {
                continue;
            }
            let after_elision = index > 0
                && tokens[index - 1].elision
                && tokens[index - 1].end == tokens[index].start;
            let token = &tokens[index];
            let word = &text[token.start..token.end];
            let touches = !after_elision && touches_other_text(text, token, line_start, line_end);
            // A French pronoun or preposition never heads a noun phrase: after an English
            // determiner the word is English (the flanker showed his nous).
            let lower = token.lower(text);
            let after_determiner = self.function_words.contains(lower.as_ref())
                && index > 0
                && ENGLISH_DETERMINERS.contains(&tokens[index - 1].lower(text).as_ref())
                && adjacent(text, &tokens[index - 1], token);
            // A capitalised word is a name, except a sentence-initial function or glossary
            // word before lower-case English (Selon the ministry).
            let name = starts_upper(word) && {
                let second_upper = word.chars().nth(1).is_some_and(char::is_uppercase);
                let kept = token.strong
                    && (self.function_words.contains(lower.as_ref())
                        || self.in_glossary_alone(&lower))
                    && is_sentence_start(text, line_start, token.start)
                    && index + 1 < tokens.len()
                    && starts_lower(&text[tokens[index + 1].start..tokens[index + 1].end])
                    && !tokens[index + 1].french;
                !kept || second_upper
            };
            let clear = touches || after_determiner || name;
            if clear {
                tokens[index].french = false;
                tokens[index].strong = false;
            }
        }
        tokens
    }

    /// An English word's `-s` form that English text uses too (`vies`, `rues`).
    fn is_english_inflection(&self, lower: &str, answers: &Answers) -> bool {
        if !lower.ends_with('s') || lower.chars().count() < 4 || self.function_words.contains(lower)
        {
            return false;
        }
        english_at_least(&self.table, lower, INFLECTION_ZIPF, answers)
            && english_at_least(&self.table, &lower[..lower.len() - 1], STEM_ZIPF, answers)
    }

    /// The last word of the line before and the first word of the line after, when a
    /// hard-wrapped paragraph joins them to the line at `line_start..line_end`.
    fn wrapped_neighbours<'t>(
        &self,
        doc: &DocView<'t>,
        line_start: usize,
        line_end: usize,
    ) -> (Option<Token>, Option<Token>) {
        let lines = doc.lines();
        let Ok(index) = lines.binary_search(&(line_start, line_end)) else {
            return (None, None);
        };
        let blocks = doc.blocks();
        let Some(block) = blocks[index] else {
            return (None, None);
        };
        let text = doc.text;
        let edge = |(start, end): (usize, usize)| Token {
            start,
            end,
            ..Token::default()
        };
        let mut before = None;
        let mut after = None;
        if index > 0 && blocks[index - 1] == Some(block) {
            let (start, end) = lines[index - 1];
            before = runs(text, start, end).last().copied().map(edge);
        }
        if index + 1 < lines.len() && blocks[index + 1] == Some(block) {
            let (start, end) = lines[index + 1];
            after = runs(text, start, end).first().copied().map(edge);
        }
        (before, after)
    }

    /// Maximal runs of French tokens (index ranges) that are not part of a name.
    fn runs(
        &self,
        doc: &DocView<'_>,
        tokens: &[Token],
        line_start: usize,
        line_end: usize,
        answers: &Answers,
    ) -> Vec<(usize, usize)> {
        let text = doc.text;
        let mut found = Vec::new();
        let mut edges: Option<(Option<Token>, Option<Token>)> = None;
        let mut index = 0;
        while index < tokens.len() {
            if !tokens[index].french {
                index += 1;
                continue;
            }
            let mut stop = index;
            while stop + 1 < tokens.len()
                && tokens[stop + 1].french
                && adjacent(text, &tokens[stop], &tokens[stop + 1])
            {
                stop += 1;
            }
            let mut before = (index > 0 && adjacent(text, &tokens[index - 1], &tokens[index]))
                .then(|| tokens[index - 1]);
            let mut after = (stop + 1 < tokens.len()
                && adjacent(text, &tokens[stop], &tokens[stop + 1]))
            .then(|| tokens[stop + 1]);
            if index == 0 && only_space(&text[line_start..tokens[index].start]) {
                let known =
                    edges.get_or_insert_with(|| self.wrapped_neighbours(doc, line_start, line_end));
                before = known.0;
            }
            let last_end = tokens[stop].end;
            let newline = || {
                text[last_end..]
                    .find('\n')
                    .map_or(text.len(), |at| last_end + at)
            };
            if stop == tokens.len() - 1 && only_space(&text[last_end..newline()]) {
                let known =
                    edges.get_or_insert_with(|| self.wrapped_neighbours(doc, line_start, line_end));
                after = known.1;
            }
            if !self.is_in_name(
                text,
                line_start,
                &tokens[index..=stop],
                before.as_ref(),
                after.as_ref(),
                answers,
            ) {
                found.push((index, stop + 1));
            }
            index = stop + 1;
        }
        found
    }

    fn is_in_name(
        &self,
        text: &str,
        line_start: usize,
        run: &[Token],
        before: Option<&Token>,
        after: Option<&Token>,
        answers: &Answers,
    ) -> bool {
        if before.is_some_and(|before| FORMS_OF_ADDRESS.contains(&before.lower(text).as_ref())) {
            return true;
        }
        let upper = |token: &Token| starts_upper(&text[token.start..token.end]);
        let before_is_name = before.is_some_and(|before| {
            upper(before) && !is_sentence_start(text, line_start, before.start)
        });
        if before_is_name && after.is_some_and(upper) {
            return true;
        }
        let particle = |token: &Token| {
            self.particles
                .contains(token.lower(text).trim_end_matches('\''))
        };
        if let (true, Some(before)) = (before_is_name, before) {
            if particle(&run[0]) {
                return true;
            }
            let (en, fr) = zipf_pair(
                &self.table,
                &crate::words::key(&before.lower(text)),
                answers,
            );
            if fr > en {
                return true;
            }
        }
        if let (Some(before), Some(after)) = (before, after) {
            if upper(after) && run.iter().all(particle) && !before.french {
                let (en, fr) = zipf_pair(
                    &self.table,
                    &crate::words::key(&before.lower(text)),
                    answers,
                );
                if fr > en {
                    return true;
                }
            }
        }
        false
    }

    /// The share of French words in `text` (0 below four words).
    fn french_share(&self, doc: &DocView<'_>, text: &str) -> f64 {
        let lowered = text.to_lowercase();
        let words = runs(&lowered, 0, lowered.len());
        if words.len() < 4 {
            return 0.0;
        }
        let french = words
            .iter()
            .filter(|&&(s, e)| self.is_french(doc, &lowered[s..e]))
            .count();
        french as f64 / words.len() as f64
    }

    /// Whether some stretch of at least four words of the line is mostly French: only then
    /// can a sentence of it be (a sentence is such a stretch).
    /// Whether a mostly-French sentence of the line could hold one of `tokens` (indices
    /// into `all`): only then is the line's sentence split worth asking for. A sentence is a
    /// stretch of the line's words; it is mostly French when it has at least four words, at
    /// least 60% of them French (`5 * French - 3 * all >= 0`). When lower-casing changes a
    /// character's length (words could not be matched to tokens by offset), any stretch of
    /// the line counts.
    fn sentence_may_cover(
        &self,
        doc: &DocView<'_>,
        (line_start, line_end): (usize, usize),
        all: &[Token],
        tokens: &[usize],
    ) -> bool {
        let line = &doc.text[line_start..line_end];
        let lowered = line.to_lowercase();
        let words = runs(&lowered, 0, lowered.len());
        let mut prefix = vec![0i64; words.len() + 1];
        for (index, &(s, e)) in words.iter().enumerate() {
            let weight = if self.is_french(doc, &lowered[s..e]) {
                2
            } else {
                -3
            };
            prefix[index + 1] = prefix[index] + weight;
        }
        let aligned = line.is_ascii()
            || line.chars().all(|c| {
                let mut lower = c.to_lowercase();
                lower.len() == 1 && lower.next().is_some_and(|l| l.len_utf8() == c.len_utf8())
            });
        if !aligned {
            let mut lowest = i64::MAX;
            return (4..=words.len()).any(|end| {
                lowest = lowest.min(prefix[end - 4]);
                prefix[end] - lowest >= 0
            });
        }
        // highest[j] = max(prefix[j..]); lowest[j] = min(prefix[..=j]).
        let count = words.len();
        let mut highest = prefix.clone();
        for j in (0..count).rev() {
            highest[j] = highest[j].max(highest[j + 1]);
        }
        let mut lowest = prefix.clone();
        for j in 1..=count {
            lowest[j] = lowest[j].min(lowest[j - 1]);
        }
        tokens.iter().any(|&index| {
            let start = all[index].start - line_start;
            let i = words.partition_point(|&(s, _)| s < start);
            if i >= count || words[i].0 != start {
                return true; // not a word of the lower-cased line: ask
            }
            // A window a..=b holding word i, with b >= a + 3: from far (a <= i - 3, any
            // b >= i), or from near (i - 3 < a <= i, b >= a + 3).
            let far = i >= 3 && i < count && highest[i + 1] - lowest[i - 3] >= 0;
            let near =
                (i.saturating_sub(2)..=i).any(|a| a + 3 < count && highest[a + 4] - prefix[a] >= 0);
            far || near
        })
    }

    fn quoted<'t>(&self, doc: &DocView<'t>) -> &'t Quoted {
        doc.state.quoted.get_or_init(|| {
            let text = doc.text;
            let mut mentioned: Vec<String> = quoting::guillemets(text, 0, text.len())
                .into_iter()
                .map(|(s, e)| text[s + '«'.len_utf8()..e - '»'.len_utf8()].to_lowercase())
                .collect();
            let mut spans = Vec::new();
            for (start, end) in quoting::quotations(text) {
                let quotation = &text[start..end];
                if self.french_share(doc, quotation) >= 0.6 {
                    let first = quotation.chars().next().map_or(0, char::len_utf8);
                    let last = quotation.chars().next_back().map_or(0, char::len_utf8);
                    let inner = quotation[first..quotation.len() - last].to_lowercase();
                    mentioned.push(
                        inner
                            .split(is_space)
                            .filter(|part| !part.is_empty())
                            .collect::<Vec<_>>()
                            .join(" "),
                    );
                    spans.push((start, end));
                }
            }
            (mentioned.join("\0"), spans)
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn check_line(
        &self,
        rule: u32,
        doc: &DocView<'_>,
        line_start: usize,
        line_end: usize,
        sentences: Option<&[(usize, usize)]>,
        answers: &Answers,
        hits: &mut Vec<Hit>,
    ) -> Result<(), Need> {
        let text = doc.text;
        let tokens = self.tokens(doc, line_start, line_end, answers);
        if !tokens.iter().any(|token| token.strong) {
            return Ok(());
        }
        let runs: Vec<(usize, usize)> = self
            .runs(doc, &tokens, line_start, line_end, answers)
            .into_iter()
            .filter(|&(first, stop)| tokens[first..stop].iter().any(|token| token.strong))
            .collect();
        if runs.is_empty() {
            return Ok(());
        }
        let may_be_allowed = self.allow.may_hold(runs.iter().flat_map(|&(first, stop)| {
            tokens[first..stop]
                .iter()
                .map(|token| text[token.start..token.end].trim_end_matches(APOSTROPHES))
        }));
        let mut blocked = quoting::guillemets(text, line_start, line_end);
        blocked.extend(quoting::brackets(text, line_start, line_end));
        blocked.extend(quoting::single_quoted(text, line_start, line_end));
        if may_be_allowed {
            blocked.extend(self.allowed_ranges(text, line_start, line_end, &tokens));
        }
        let (mentioned, quoted) = self.quoted(doc);
        // The document's quotations that reach into the line (sorted, disjoint).
        let first = quoted.partition_point(|&(_, end)| end <= line_start);
        let last = quoted.partition_point(|&(start, _)| start < line_end);
        blocked.extend(quoted[first..last.max(first)].iter().copied());
        let blocked = Covering::new(blocked);
        let kept: Vec<Vec<usize>> = runs
            .iter()
            .map(|&(first, stop)| {
                (first..stop)
                    .filter(|&index| !blocked.covers(&tokens[index]))
                    .collect()
            })
            .collect();
        let reportable = |piece: &[usize]| {
            if !piece.iter().any(|&index| tokens[index].strong) {
                return false;
            }
            // The phrase (words and spaces) holds no NUL, so it is in the joined phrases
            // exactly when it is in one of them.
            let phrase =
                text[tokens[piece[0]].start..tokens[piece[piece.len() - 1]].end].to_lowercase();
            !mentioned.contains(&phrase)
        };
        let split = |run: &[usize]| -> Vec<Vec<usize>> {
            let mut pieces: Vec<Vec<usize>> = Vec::new();
            for &index in run {
                match pieces.last_mut() {
                    Some(piece)
                        if adjacent(text, &tokens[piece[piece.len() - 1]], &tokens[index]) =>
                    {
                        piece.push(index)
                    }
                    _ => pieces.push(vec![index]),
                }
            }
            pieces
        };
        if !kept
            .iter()
            .any(|run| split(run).iter().any(|piece| reportable(piece)))
        {
            return Ok(());
        }
        // Only the sentences holding these words count, and only they are asked for (a
        // window around each, not the line: issue 13, point 6); the spans given so far (and
        // an empty one at a word no sentence holds) answer for the words inside them.
        let given: Vec<(usize, usize)> = sentences
            .unwrap_or_default()
            .iter()
            .map(|&(start, end)| (line_start + start, line_start + end))
            .collect();
        let wanted = kept.concat();
        let unknown: Vec<usize> = wanted
            .iter()
            .map(|&index| tokens[index].start)
            .filter(|&position| !is_answered(&given, position))
            .collect();
        if !unknown.is_empty()
            && self.sentence_may_cover(doc, (line_start, line_end), &tokens, &wanted)
        {
            return Err(Need::Sentences(unknown));
        }
        let french_sentences = Covering::new(
            given
                .into_iter()
                .filter(|&(start, end)| self.french_share(doc, &text[start..end]) >= 0.6)
                .collect(),
        );
        let mut found = Vec::new();
        for run in &kept {
            let run: Vec<usize> = run
                .iter()
                .copied()
                .filter(|&index| !french_sentences.covers(&tokens[index]))
                .collect();
            for piece in split(&run) {
                if reportable(&piece) {
                    found.push(self.finding(rule, text, &piece, &tokens, answers));
                }
            }
        }
        hits.append(&mut found);
        Ok(())
    }

    /// Allow-listed phrases on the line, except a single loanword between two French words.
    fn allowed_ranges(
        &self,
        text: &str,
        line_start: usize,
        line_end: usize,
        tokens: &[Token],
    ) -> Vec<(usize, usize)> {
        let mut ranges = Vec::new();
        for (start, end) in self.allow.find_all(&text[line_start..line_end]) {
            let (start, end) = (line_start + start, line_start + end);
            // Tokens are sorted and disjoint: the one starting (ending) exactly there, if any.
            let first = Some(tokens.partition_point(|token| token.start < start))
                .filter(|&index| index < tokens.len() && tokens[index].start == start);
            let last = Some(tokens.partition_point(|token| token.end < end))
                .filter(|&index| index < tokens.len() && tokens[index].end == end);
            if let (Some(first), Some(last)) = (first, last) {
                if first == last
                    && 0 < first
                    && first + 1 < tokens.len()
                    && tokens[first - 1].french
                    && tokens[first + 1].french
                    && adjacent(text, &tokens[first - 1], &tokens[first])
                    && adjacent(text, &tokens[first], &tokens[first + 1])
                {
                    continue;
                }
            }
            ranges.push((start, end));
        }
        ranges
    }

    fn finding(
        &self,
        rule: u32,
        text: &str,
        piece: &[usize],
        tokens: &[Token],
        answers: &Answers,
    ) -> Hit {
        let first = &tokens[piece[0]];
        let last = &tokens[piece[piece.len() - 1]];
        let (start, end) = (first.start, last.end);
        let Some((mut english, mut unsafe_)) = self.translate(text, piece, tokens) else {
            return leveled(rule, start, end, None, Some(Level::None));
        };
        if starts_upper(&text[first.start..first.end]) {
            let mut chars = english.chars();
            if let Some(head) = chars.next() {
                english = head.to_uppercase().chain(chars).collect();
            }
        }
        if !unsafe_ && !self.is_english_context(text, piece, tokens, answers) {
            unsafe_ = true;
        }
        if last.elision {
            english.push(' ');
        }
        leveled(
            rule,
            start,
            end,
            Some(english),
            unsafe_.then_some(Level::Unsafe),
        )
    }

    /// The English of a piece and whether it is ambiguous; None when a word has no entry.
    fn translate(&self, text: &str, piece: &[usize], tokens: &[Token]) -> Option<(String, bool)> {
        let words: Vec<Cow<'_, str>> = piece
            .iter()
            .map(|&index| tokens[index].lower(text))
            .collect();
        let mut pieces: Vec<&str> = Vec::new();
        let mut ambiguous = false;
        let mut index = 0;
        while index < words.len() {
            let mut found = None;
            for size in (1..=self.longest.min(words.len() - index)).rev() {
                if let Some(entry) = self.glossary.get(&words[index..index + size].join(" ")) {
                    found = Some((entry, size));
                    break;
                }
            }
            let ((english, alternatives), size) = found?;
            pieces.push(english);
            ambiguous |= *alternatives;
            index += size;
        }
        Some((pieces.join(" "), ambiguous))
    }

    fn is_english_context(
        &self,
        text: &str,
        piece: &[usize],
        tokens: &[Token],
        answers: &Answers,
    ) -> bool {
        let position = piece[0];
        let mut neighbours = Vec::new();
        if position > 0 {
            neighbours.push(&tokens[position - 1]);
        }
        if position + piece.len() < tokens.len() {
            neighbours.push(&tokens[position + piece.len()]);
        }
        if neighbours.is_empty() {
            return false;
        }
        for token in &neighbours {
            if token.french {
                return false;
            }
            if starts_upper(&text[token.start..token.end]) {
                continue;
            }
            let key = crate::words::key(&token.lower(text));
            let (english, french) = match self.table.zipf(Lang::En, &key) {
                Some(english) => (english, self.table.zipf(Lang::Fr, &key).unwrap_or(0.0)),
                None if is_word(&key) => return false, // below COMMON_ZIPF: not in the table
                None => zipf_pair(&self.table, &key, answers),
            };
            if english < ENGLISH_CONTEXT_ZIPF || english < french - 1.0 {
                return false;
            }
        }
        neighbours
            .iter()
            .any(|token| !starts_upper(&text[token.start..token.end]))
    }
}

/// A word glued to a hyphen, a URL, a handle or a hashtag is not running text.
fn touches_other_text(text: &str, token: &Token, line_start: usize, line_end: usize) -> bool {
    let before = if token.start > line_start {
        char_before(text, token.start).unwrap_or(' ')
    } else {
        ' '
    };
    let after = if token.end < line_end {
        char_at(text, token.end).unwrap_or(' ')
    } else {
        ' '
    };
    if !(is_space(before) || OPENERS.contains(&before))
        || !(is_space(after) || CLOSERS.contains(&after) || token.elision)
    {
        return true;
    }
    after == '.' && token.end + 1 < line_end && char_at(text, token.end + 1).is_some_and(is_alnum)
}

#[cfg(test)]
mod tests;
