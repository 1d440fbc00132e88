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
//! line. Such a condition is asked through a scan of the text instead ([`BehindScan`],
//! [`AheadScan`]): one pass that answers for every candidate, in text order, as the
//! searches would (issue 13, point 6): a `before` by a forward DFA that reports every
//! position where a match ends, an `after` by a reverse DFA that marks every position where
//! one starts. A scan first *probes*: the anchored search, reading at most a few bytes from
//! the candidate, decides most of them (the quote mark must touch a letter), so a walk runs
//! only for a text with a candidate the probe could not decide, and only as far as it. The
//! walks' DFA caches are pooled, so the states one document built serve the next.

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
        let mut cache = self.take(dfa);
        let found = search(&mut cache);
        self.give(cache);
        found
    }

    /// A cache of `dfa`: one given back earlier (the states it built stay built), or a new one.
    fn take(&self, dfa: &DFA) -> Cache {
        self.caches
            .lock()
            .ok()
            .and_then(|mut caches| caches.pop())
            .unwrap_or_else(|| dfa.create_cache())
    }

    fn give(&self, cache: Cache) {
        if let Ok(mut caches) = self.caches.lock() {
            caches.push(cache);
        }
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

    /// [`LazyDfa::is_match`] anchored at `at` of `text` (backward from it for a reversed
    /// DFA), reading at most `limit` bytes: the answer when the DFA decides within them (a
    /// match, or no match can go on), None when it has not decided by then (or gave up).
    pub fn probe(&self, text: &str, at: usize, reverse: bool, limit: usize) -> Option<bool> {
        let dfa = &self.dfa;
        let bytes = text.as_bytes();
        self.caches.with(dfa, |cache| {
            let (mut state, read, reaches_edge) = if reverse {
                let input = Input::new(text).range(..at).anchored(Anchored::Yes);
                let stop = at.saturating_sub(limit);
                let state = dfa.start_state_reverse(cache, &input).ok()?;
                (state, Either::Left(bytes[stop..at].iter().rev()), stop == 0)
            } else {
                let input = Input::new(text).range(at..).anchored(Anchored::Yes);
                let stop = bytes.len().min(at.saturating_add(limit));
                let state = dfa.start_state_forward(cache, &input).ok()?;
                (
                    state,
                    Either::Right(bytes[at..stop].iter()),
                    stop == bytes.len(),
                )
            };
            for &byte in read {
                state = dfa.next_state(cache, state, byte).ok()?;
                if state.is_match() {
                    return Some(true);
                } else if state.is_dead() {
                    return Some(false);
                } else if state.is_quit() {
                    return None;
                }
            }
            if !reaches_edge {
                return None;
            }
            state = dfa.next_eoi_state(cache, state).ok()?;
            (!state.is_quit()).then(|| state.is_match())
        })
    }
}

/// One of two iterators of the same items.
enum Either<L, R> {
    Left(L),
    Right(R),
}

impl<T, L: Iterator<Item = T>, R: Iterator<Item = T>> Iterator for Either<L, R> {
    type Item = T;
    fn next(&mut self) -> Option<T> {
        match self {
            Either::Left(left) => left.next(),
            Either::Right(right) => right.next(),
        }
    }
}

/// How many bytes a condition that can read without bound reads at a candidate before its
/// whole-text walk answers instead: most candidates are decided by a byte or two (the quote
/// mark must touch a letter), and a walk then runs only for the few that are not.
const PROBE_LIMIT: usize = 64;

/// Whether a match of `pattern` can be of any length (a `*`, a `+`, an open `{n,}`): then
/// a search for it may read as far as the text goes.
fn is_unbounded(pattern: &str) -> bool {
    regex_syntax::parse(pattern).map_or(true, |hir| hir.properties().maximum_len().is_none())
}

/// A lazy DFA that finds every match, starting anywhere (`MatchKind::All`, unanchored):
/// walked over the text byte by byte, it is in a match state just after the byte that
/// follows a match's end (matches are delayed by one byte, so that look-around sees it).
/// Its caches are pooled, so that the states one walk built serve the next text.
fn all_matches_dfa(pattern: &str, reverse: bool) -> Option<LazyDfa> {
    let dfa = DFA::builder()
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
        .ok()?;
    Some(LazyDfa {
        dfa,
        caches: CachePool::default(),
    })
}

/// A condition on the text that ends where a match starts.
pub struct Behind {
    dfa: LazyDfa,
    /// For an unbounded condition, the forward DFA a [`BehindScan`] walks.
    every_end: Option<LazyDfa>,
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

    /// Whether the condition reads a whole line (or text) at some positions: then a scan
    /// walks the text once for it, and its probe may not decide.
    pub fn is_unbounded(&self) -> bool {
        self.every_end.is_some()
    }
}

/// A condition on the text that starts where a match ends.
pub struct Ahead {
    regex: meta::Regex,
    /// For an unbounded condition, the reverse DFA an [`AheadScan`] walks and the forward
    /// one its probes read with (None also when no DFA can run it, a Unicode `\b`: the
    /// searches answer then).
    every_start: Option<(LazyDfa, LazyDfa)>,
}

impl Ahead {
    pub fn new(pattern: &str) -> Result<Ahead, String> {
        let regex = meta::Regex::new(pattern).map_err(|error| describe(&error.to_string()))?;
        let every_start = is_unbounded(pattern)
            .then(|| {
                let walk = all_matches_dfa(pattern, true)?;
                let probe = LazyDfa::new(pattern, false, false).ok()?;
                Some((walk, probe))
            })
            .flatten();
        Ok(Ahead { regex, every_start })
    }

    /// Ask this condition at increasing positions of `text`.
    pub fn scan<'a>(&'a self, text: &'a str) -> AheadScan<'a> {
        AheadScan {
            condition: self,
            text,
            walk: None,
        }
    }

    /// Whether the pattern matches some text `text[at..j]`.
    pub fn holds(&self, text: &str, at: usize) -> bool {
        self.regex
            .is_match(Input::new(text).range(at..).anchored(Anchored::Yes))
    }

    /// See [`Behind::is_unbounded`].
    pub fn is_unbounded(&self) -> bool {
        self.every_start.is_some()
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
    /// Whether the condition matches some text `text[i..at]`, when a search reading at
    /// most a few bytes back from `at` can tell (always, for a bounded condition).
    pub fn probe(&self, at: usize) -> Option<bool> {
        match &self.condition.every_end {
            None => Some(self.condition.holds(self.text, at)),
            Some(_) => self.condition.dfa.probe(self.text, at, true, PROBE_LIMIT),
        }
    }

    /// Whether the condition matches some text `text[i..at]`.
    pub fn holds(&mut self, at: usize) -> bool {
        let Some(every_end) = &self.condition.every_end else {
            return self.condition.holds(self.text, at);
        };
        let dfa = &every_end.dfa;
        let text = self.text;
        if self.walk.is_none() {
            let mut cache = every_end.caches.take(dfa);
            let Ok(state) = dfa.start_state_forward(&mut cache, &Input::new(text)) else {
                every_end.caches.give(cache);
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

impl Drop for BehindScan<'_> {
    /// The walk's cache goes back to the pool, its states built for the next text.
    fn drop(&mut self) {
        if let (Some(walk), Some(every_end)) = (self.walk.take(), &self.condition.every_end) {
            every_end.caches.give(walk.cache);
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
/// each, an unbounded one by the positions where a match starts, marked by a backward walk
/// of its reverse DFA from the end of the text, taken as far as the positions asked.
pub struct AheadScan<'a> {
    condition: &'a Ahead,
    text: &'a str,
    walk: Option<BackWalk>,
}

/// How far an [`AheadScan`] walked back: the state after `text[fed..]`, and a bit per
/// position where a match starts, set for the positions after `fed` (and for every position
/// once `done`: the DFA died, or read the start of the text). The searches answer when the
/// DFA gave up.
struct BackWalk {
    cache: Cache,
    state: LazyStateID,
    fed: usize,
    starts: Vec<u64>,
    done: bool,
    gave_up: bool,
}

impl AheadScan<'_> {
    /// Whether the condition matches some text `text[at..j]`, when a search reading at most
    /// a few bytes on from `at` can tell (always, for a bounded condition).
    pub fn probe(&self, at: usize) -> Option<bool> {
        match &self.condition.every_start {
            None => Some(self.condition.holds(self.text, at)),
            Some((_, forward)) => forward.probe(self.text, at, false, PROBE_LIMIT),
        }
    }

    /// Whether the condition matches some text `text[at..j]`.
    pub fn holds(&mut self, at: usize) -> bool {
        let Some((every_start, _)) = &self.condition.every_start else {
            return self.condition.holds(self.text, at);
        };
        let dfa = &every_start.dfa;
        let text = self.text;
        let bytes = text.as_bytes();
        if self.walk.is_none() {
            let mut cache = every_start.caches.take(dfa);
            let Ok(state) = dfa.start_state_reverse(&mut cache, &Input::new(text)) else {
                every_start.caches.give(cache);
                return self.condition.holds(text, at);
            };
            self.walk = Some(BackWalk {
                cache,
                state,
                fed: bytes.len(),
                starts: vec![0; bytes.len() / 64 + 1],
                done: false,
                gave_up: false,
            });
        }
        let walk = self.walk.as_mut().expect("set above");
        // The bit of `at` is known once the byte before it is read (matches show one byte
        // late), or the end-of-input transition for the start of the text.
        while !walk.done && !walk.gave_up && walk.fed >= at {
            if walk.step(dfa, bytes).is_none() {
                walk.gave_up = true;
            }
        }
        if walk.gave_up {
            return self.condition.holds(text, at);
        }
        walk.starts[at / 64] >> (at % 64) & 1 == 1
    }
}

impl BackWalk {
    /// Read one more byte backwards (the end-of-input transition at the start of the
    /// text); None when the DFA gave up.
    fn step(&mut self, dfa: &DFA, bytes: &[u8]) -> Option<()> {
        if self.fed == 0 {
            self.state = dfa.next_eoi_state(&mut self.cache, self.state).ok()?;
            self.done = true;
            if self.state.is_match() {
                self.starts[0] |= 1;
            }
            return (!self.state.is_quit()).then_some(());
        }
        self.fed -= 1;
        let at = self.fed;
        self.state = dfa
            .next_state(&mut self.cache, self.state, bytes[at])
            .ok()?;
        if self.state.is_match() {
            self.starts[(at + 1) / 64] |= 1 << ((at + 1) % 64);
        } else if self.state.is_dead() {
            self.done = true;
        } else if self.state.is_quit() {
            return None;
        }
        Some(())
    }
}

impl Drop for AheadScan<'_> {
    /// See [`BehindScan`]'s.
    fn drop(&mut self) {
        if let (Some(walk), Some((every_start, _))) =
            (self.walk.take(), &self.condition.every_start)
        {
            every_start.caches.give(walk.cache);
        }
    }
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
                    let answer = behind.holds(&text, at);
                    // A probe that decides gives the search's answer.
                    assert!(scan.probe(at).is_none_or(|probe| probe == answer));
                    assert_eq!(scan.holds(at), answer, "{text:?} {at}");
                }
            }
            for ahead in &aheads {
                let mut scan = ahead.scan(&text);
                for at in positions.clone() {
                    let answer = ahead.holds(&text, at);
                    assert!(scan.probe(at).is_none_or(|probe| probe == answer));
                    assert_eq!(scan.holds(at), answer, "{text:?} {at}");
                }
                // The backward walk goes on from where it stopped, whatever the order.
                let mut scan = ahead.scan(&text);
                for at in positions.clone().rev().step_by(3).chain(positions.clone()) {
                    assert_eq!(scan.holds(at), ahead.holds(&text, at), "{text:?} {at}");
                }
            }
        }
    }

    #[test]
    fn probes_decide_near_the_position_or_leave_it_to_the_walk() {
        // The quote-parity condition of QUO001 reads to the line start behind a letter, but
        // is ruled out by the one byte before a space.
        let behind =
            Behind::new(r"(?m)^(?:[^“”\n]*[“”][^“”\n]*[“”])*[^“”\n]*[\p{L}\p{N}]").unwrap();
        let line = format!("{}x” y", "a b ".repeat(40));
        let quote = line.find('”').unwrap();
        let scan = behind.scan(&line);
        assert_eq!(scan.probe(quote + "” ".len()), Some(false));
        assert_eq!(scan.probe(quote), None);
        assert_eq!(scan.probe(3), Some(true)); // the line start is within reach
        let ahead = Ahead::new(r"(?m)\p{L}[^“”\n]*(?:[“”][^“”\n]*[“”][^“”\n]*)*$").unwrap();
        let scan = ahead.scan(&line);
        assert_eq!(scan.probe(quote), Some(false));
        assert_eq!(scan.probe(0), None);
        assert_eq!(scan.probe(line.len() - 1), Some(true));
        // A bounded condition always decides.
        let bounded = Ahead::new(r"\p{L}").unwrap();
        assert_eq!(bounded.scan(&line).probe(0), Some(true));
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
