//! Conditions on the text around a match: what must (or must not) come just before it and
//! just after it.
//!
//! They replace look-around, which the linear-time engine does not offer. A [`Behind`]
//! condition is a regular expression run *backwards* from the match start, anchored there,
//! by a lazy DFA built from the reversed pattern: it stops as soon as no match can
//! continue, so an unbounded condition such as `“[^“”\n]*` costs at most the length of what
//! it reads, and never backtracks. An [`Ahead`] condition is an anchored forward search.
//!
//! A condition that can read without bound (`(?m)^(?:[^“”\n]*[“”][^“”\n]*[“”])*…`, the
//! parity of the quote marks from the line start) costs up to the whole line at each
//! candidate, so a rule asking it on a line of megabytes would take time quadratic in the
//! line. Such a condition is asked through a [`Conditions`] scan of the text instead: one
//! pass that answers for every candidate, in text order, as the searches would (issue 13,
//! point 6): a `before` by a forward DFA that reports every position where a match ends, an
//! `after` by a reverse DFA that marks every position where one starts.

use std::sync::Mutex;

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::nfa::thompson;
use regex_automata::{meta, Anchored, Input, MatchKind};
use regex_syntax::hir::Hir;

/// The caches of one lazy DFA, so that threads can share it: a search takes one (or makes
/// one) and gives it back.
#[derive(Default)]
pub struct CachePool {
    caches: Mutex<Vec<Cache>>,
}

impl CachePool {
    /// `search` run with a cache of `dfa`.
    pub fn with<T>(&self, dfa: &DFA, search: impl FnOnce(&mut Cache) -> T) -> T {
        let mut cache = self
            .caches
            .lock()
            .ok()
            .and_then(|mut caches| caches.pop())
            .unwrap_or_else(|| dfa.create_cache());
        let found = search(&mut cache);
        if let Ok(mut caches) = self.caches.lock() {
            caches.push(cache);
        }
        found
    }
}

/// A lazy DFA (states built as the search needs them, so compiling costs only the NFA)
/// with a pool of caches, so that threads can share it.
pub struct LazyDfa {
    dfa: DFA,
    caches: CachePool,
}

impl LazyDfa {
    /// Build from `pattern`, reversed for searches that run backwards. No capture groups
    /// are kept: a condition only asks whether something matches.
    pub fn new(pattern: &str, reverse: bool, case_insensitive: bool) -> Result<LazyDfa, String> {
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(case_insensitive)
            .build()
            .parse(pattern)
            .map_err(|error| describe(&error.to_string()))?;
        LazyDfa::from_hir(&hir, reverse)
    }

    /// Build from a parsed pattern (a caller that parsed its parts already, to name the
    /// part in an error, need not parse them again).
    pub fn from_hir(hir: &Hir, reverse: bool) -> Result<LazyDfa, String> {
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .reverse(reverse)
                    .which_captures(thompson::WhichCaptures::None),
            )
            .build_from_hir(hir)
            .map_err(|error| describe(&error.to_string()))?;
        let dfa = DFA::builder()
            // Room for the states of a long list of entries (boilerplate lines), so that the
            // cache is not cleared and rebuilt on every line.
            .configure(DFA::config().cache_capacity(16 << 20))
            .build_from_nfa(nfa)
            .map_err(|error| describe(&error.to_string()))?;
        Ok(LazyDfa {
            dfa,
            caches: CachePool::default(),
        })
    }

    /// Whether an anchored search over `input` (forward, or backward for a reversed DFA)
    /// finds a match; None when the DFA gave up and another engine must answer.
    pub fn is_match(&self, input: &Input<'_>, reverse: bool) -> Option<bool> {
        let found = self.caches.with(&self.dfa, |cache| {
            if reverse {
                self.dfa.try_search_rev(cache, input)
            } else {
                self.dfa.try_search_fwd(cache, input)
            }
        });
        found.ok().map(|found| found.is_some())
    }
}

/// Whether a match of `pattern` can be of any length (a `*`, a `+`, an open `{n,}`): then
/// a search for it may read as far as the text goes.
fn is_unbounded(pattern: &str) -> bool {
    regex_syntax::parse(pattern).map_or(true, |hir| hir.properties().maximum_len().is_none())
}

/// A lazy DFA that finds every match, starting anywhere (`MatchKind::All`, unanchored):
/// walked over the text byte by byte, it is in a match state just after the byte that
/// follows a match's end (matches are delayed by one byte, so that look-around sees it).
fn all_matches_dfa(pattern: &str, reverse: bool) -> Option<DFA> {
    DFA::builder()
        .configure(
            DFA::config()
                .match_kind(MatchKind::All)
                .cache_capacity(16 << 20),
        )
        .thompson(
            thompson::Config::new()
                .reverse(reverse)
                .which_captures(thompson::WhichCaptures::None),
        )
        .build(pattern)
        .ok()
}

/// A condition on the text that ends where a match starts.
pub struct Behind {
    dfa: LazyDfa,
    /// For an unbounded condition, the forward DFA a [`BehindScan`] walks.
    every_end: Option<DFA>,
}

impl Behind {
    pub fn new(pattern: &str) -> Result<Behind, String> {
        let dfa = LazyDfa::new(pattern, true, false)?;
        let every_end = is_unbounded(pattern)
            .then(|| all_matches_dfa(pattern, false))
            .flatten();
        Ok(Behind { dfa, every_end })
    }

    /// Ask this condition at increasing positions of `text`.
    pub fn scan<'a>(&'a self, text: &'a str) -> BehindScan<'a> {
        BehindScan {
            condition: self,
            text,
            walk: None,
        }
    }

    /// Whether the pattern matches some text `text[i..at]`.
    pub fn holds(&self, text: &str, at: usize) -> bool {
        let input = Input::new(text).range(..at).anchored(Anchored::Yes);
        // A reverse DFA without Unicode word boundaries has no reason to quit.
        self.dfa.is_match(&input, true).unwrap_or(false)
    }
}

/// A condition on the text that starts where a match ends.
pub struct Ahead {
    regex: meta::Regex,
    /// For an unbounded condition, the reverse DFA an [`AheadScan`] walks (None also when
    /// no DFA can run it, a Unicode `\b`: the searches answer then).
    every_start: Option<DFA>,
}

impl Ahead {
    pub fn new(pattern: &str) -> Result<Ahead, String> {
        let regex = meta::Regex::new(pattern).map_err(|error| describe(&error.to_string()))?;
        let every_start = is_unbounded(pattern)
            .then(|| all_matches_dfa(pattern, true))
            .flatten();
        Ok(Ahead { regex, every_start })
    }

    /// Ask this condition at positions of `text`.
    pub fn scan<'a>(&'a self, text: &'a str) -> AheadScan<'a> {
        AheadScan {
            condition: self,
            text,
            starts: None,
        }
    }

    /// Whether the pattern matches some text `text[at..j]`.
    pub fn holds(&self, text: &str, at: usize) -> bool {
        self.regex
            .is_match(Input::new(text).range(at..).anchored(Anchored::Yes))
    }
}

/// A [`Behind`] condition asked at increasing positions of one text: a bounded one by its
/// search at each, an unbounded one by walking its forward DFA once over the text.
pub struct BehindScan<'a> {
    condition: &'a Behind,
    text: &'a str,
    walk: Option<Walk>,
}

/// How far a [`BehindScan`] walked: the state after `text[..fed]`, the last answer, and
/// whether the DFA gave up (its cache, a byte it cannot read: the searches answer then).
struct Walk {
    cache: Cache,
    state: LazyStateID,
    fed: usize,
    last: Option<(usize, bool)>,
    gave_up: bool,
}

impl BehindScan<'_> {
    /// Whether the condition matches some text `text[i..at]`.
    pub fn holds(&mut self, at: usize) -> bool {
        let Some(dfa) = &self.condition.every_end else {
            return self.condition.holds(self.text, at);
        };
        let text = self.text;
        if self.walk.is_none() {
            let mut cache = dfa.create_cache();
            let Ok(state) = dfa.start_state_forward(&mut cache, &Input::new(text)) else {
                return self.condition.holds(text, at);
            };
            self.walk = Some(Walk {
                cache,
                state,
                fed: 0,
                last: None,
                gave_up: false,
            });
        }
        let walk = self.walk.as_mut().expect("set above");
        if let Some((position, answer)) = walk.last {
            if position == at {
                return answer;
            }
        }
        if at < walk.fed || walk.gave_up {
            // Asked out of order, or the DFA gave up: the search answers.
            return self.condition.holds(text, at);
        }
        if walk.state.is_dead() {
            return false; // no match can end here or further on
        }
        match advance(dfa, walk, text.as_bytes(), at) {
            Some(answer) => {
                walk.last = Some((at, answer));
                answer
            }
            None => {
                walk.gave_up = true;
                self.condition.holds(text, at)
            }
        }
    }
}

/// Walk `walk` over `bytes[walk.fed..=at]` (the end-of-input transition when `at` is the
/// end): whether a match ends at `at`; None when the DFA gave up (its cache).
fn advance(dfa: &DFA, walk: &mut Walk, bytes: &[u8], at: usize) -> Option<bool> {
    for &byte in &bytes[walk.fed..at] {
        walk.state = dfa.next_state(&mut walk.cache, walk.state, byte).ok()?;
        if walk.state.is_quit() {
            return None;
        }
        if walk.state.is_dead() {
            walk.fed = at;
            return Some(false);
        }
    }
    walk.state = match bytes.get(at) {
        Some(&byte) => dfa.next_state(&mut walk.cache, walk.state, byte).ok()?,
        None => dfa.next_eoi_state(&mut walk.cache, walk.state).ok()?,
    };
    walk.fed = at + 1;
    if walk.state.is_quit() {
        return None;
    }
    Some(walk.state.is_match())
}

/// An [`Ahead`] condition asked at positions of one text: a bounded one by its search at
/// each, an unbounded one by the positions where a match starts, marked in one backward
/// walk of its reverse DFA over the text when first asked.
pub struct AheadScan<'a> {
    condition: &'a Ahead,
    text: &'a str,
    /// A bit per byte offset (and one for the end): a match starts there. Empty when the
    /// DFA gave up: the searches answer.
    starts: Option<Vec<u64>>,
}

impl AheadScan<'_> {
    /// Whether the condition matches some text `text[at..j]`.
    pub fn holds(&mut self, at: usize) -> bool {
        let Some(dfa) = &self.condition.every_start else {
            return self.condition.holds(self.text, at);
        };
        let text = self.text;
        let starts = self
            .starts
            .get_or_insert_with(|| match_starts(dfa, text).unwrap_or_default());
        match starts.get(at / 64) {
            Some(word) => word >> (at % 64) & 1 == 1,
            None => self.condition.holds(text, at),
        }
    }
}

/// Bit `i` set when a match of the reverse DFA `dfa`'s pattern starts at byte `i` of
/// `text`; None when the DFA gave up (its cache, a byte it cannot read).
fn match_starts(dfa: &DFA, text: &str) -> Option<Vec<u64>> {
    let bytes = text.as_bytes();
    let mut starts = vec![0u64; bytes.len() / 64 + 1];
    let mut cache = dfa.create_cache();
    let mut state = dfa
        .start_state_reverse(&mut cache, &Input::new(text))
        .ok()?;
    for at in (0..bytes.len()).rev() {
        state = dfa.next_state(&mut cache, state, bytes[at]).ok()?;
        if state.is_match() {
            starts[(at + 1) / 64] |= 1 << ((at + 1) % 64);
        } else if state.is_dead() {
            return Some(starts);
        } else if state.is_quit() {
            return None;
        }
    }
    state = dfa.next_eoi_state(&mut cache, state).ok()?;
    if state.is_match() {
        starts[0] |= 1;
    }
    Some(starts)
}

/// An engine error as one line, with a hint for the one limit a pack author can hit here.
fn describe(message: &str) -> String {
    let line = crate::pattern::one_line(message);
    if line.contains("word boundar") {
        return "\\b cannot be used here (a DFA cannot run Unicode word boundaries): write a \
                character class, such as (?:^|\\W) before a word or (?:\\W|$) after it"
            .to_string();
    }
    line
}

#[cfg(test)]
mod tests {
    use super::{Ahead, Behind};

    #[test]
    fn behind_reads_backwards_from_the_match_start() {
        let behind = Behind::new("“[^“”\n]*[^\\s“”]").unwrap();
        let text = "He said “we will fight » today";
        let at = text.find(" »").unwrap();
        assert!(behind.holds(text, at));
        let closed = "He said “we” will fight » today";
        assert!(!behind.holds(closed, closed.find(" »").unwrap()));
    }

    #[test]
    fn behind_sees_line_anchors() {
        let behind = Behind::new("(?m)^[ \t]*").unwrap();
        assert!(behind.holds("a\n  b", 4));
        assert!(!Behind::new("(?m)^x").unwrap().holds("ax", 2));
    }

    #[test]
    fn behind_refuses_unicode_word_boundaries_with_a_hint() {
        let error = Behind::new("\\bthe ").err().unwrap();
        assert!(error.contains("character class"), "{error}");
        assert!(error.starts_with("\\b cannot be used here"), "{error}");
    }

    #[test]
    fn scans_answer_as_the_searches_at_every_position() {
        // The parity conditions of QUO001/QUO002 (unbounded: walked once), line anchors,
        // text anchors, and a bounded one (searched at each position).
        let behinds = [
            r"(?m)^(?:[^“”\n]*[“”][^“”\n]*[“”])*[^“”\n]*[\p{L}\p{N}]",
            r"(?m)(?:^|”)[^“”\n]*(?:^|[\s(\[—–])",
            r"“[^“”\n]*[^\s“”]",
            r"^a*",
            r"[\p{L}\p{N}.,!?…]",
        ];
        let aheads = [
            r"(?m)\p{L}[^“”\n]*(?:[“”][^“”\n]*[“”][^“”\n]*)*$",
            r"(?m)[\s,.;:!?)\]]|$",
            r"a*$",
            r"\p{L}",
        ];
        let behinds: Vec<Behind> = behinds.iter().map(|p| Behind::new(p).unwrap()).collect();
        let aheads: Vec<Ahead> = aheads.iter().map(|p| Ahead::new(p).unwrap()).collect();
        let walked: Vec<bool> = behinds.iter().map(|b| b.every_end.is_some()).collect();
        assert_eq!(walked, [true, true, true, true, false]);
        for text in crate::testing::random_texts("ab “”\n.é", 7, 300, 40) {
            let positions = (0..=text.len()).filter(|&at| text.is_char_boundary(at));
            for behind in &behinds {
                let mut scan = behind.scan(&text);
                for at in positions.clone() {
                    assert_eq!(scan.holds(at), behind.holds(&text, at), "{text:?} {at}");
                }
            }
            for ahead in &aheads {
                let mut scan = ahead.scan(&text);
                for at in positions.clone() {
                    assert_eq!(scan.holds(at), ahead.holds(&text, at), "{text:?} {at}");
                }
            }
        }
    }

    #[test]
    fn ahead_is_anchored_at_the_match_end_and_sees_the_whole_text() {
        let ahead = Ahead::new("[ \t]*$").unwrap();
        assert!(ahead.holds("abc  ", 3));
        assert!(!ahead.holds("abc  x", 3));
        let word = Ahead::new("\\b").unwrap();
        assert!(word.holds("ab cd", 2));
    }
}
