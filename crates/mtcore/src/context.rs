//! Conditions on the text around a match: what must (or must not) come just before it and
//! just after it.
//!
//! They replace look-around, which the linear-time engine does not offer. A [`Behind`]
//! condition is a regular expression run *backwards* from the match start, anchored there,
//! by a lazy DFA built from the reversed pattern: it stops as soon as no match can
//! continue, so an unbounded condition such as `“[^“”\n]*` costs at most the length of what
//! it reads, and never backtracks. An [`Ahead`] condition is an anchored forward search.

use std::sync::Mutex;

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::{meta, Anchored, Input};
use regex_syntax::hir::Hir;

/// A lazy DFA (states built as the search needs them, so compiling costs only the NFA)
/// with a pool of caches, so that threads can share it.
pub struct LazyDfa {
    dfa: DFA,
    caches: Mutex<Vec<Cache>>,
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
            caches: Mutex::new(Vec::new()),
        })
    }

    /// Whether an anchored search over `input` (forward, or backward for a reversed DFA)
    /// finds a match; None when the DFA gave up and another engine must answer.
    pub fn is_match(&self, input: &Input<'_>, reverse: bool) -> Option<bool> {
        let mut cache = self
            .caches
            .lock()
            .ok()
            .and_then(|mut caches| caches.pop())
            .unwrap_or_else(|| self.dfa.create_cache());
        let found = if reverse {
            self.dfa.try_search_rev(&mut cache, input)
        } else {
            self.dfa.try_search_fwd(&mut cache, input)
        };
        if let Ok(mut caches) = self.caches.lock() {
            caches.push(cache);
        }
        found.ok().map(|found| found.is_some())
    }
}

/// A condition on the text that ends where a match starts.
pub struct Behind {
    dfa: LazyDfa,
}

impl Behind {
    pub fn new(pattern: &str) -> Result<Behind, String> {
        Ok(Behind {
            dfa: LazyDfa::new(pattern, true, false)?,
        })
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
}

impl Ahead {
    pub fn new(pattern: &str) -> Result<Ahead, String> {
        let regex = meta::Regex::new(pattern).map_err(|error| describe(&error.to_string()))?;
        Ok(Ahead { regex })
    }

    /// Whether the pattern matches some text `text[at..j]`.
    pub fn holds(&self, text: &str, at: usize) -> bool {
        self.regex
            .is_match(Input::new(text).range(at..).anchored(Anchored::Yes))
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
    fn ahead_is_anchored_at_the_match_end_and_sees_the_whole_text() {
        let ahead = Ahead::new("[ \t]*$").unwrap();
        assert!(ahead.holds("abc  ", 3));
        assert!(!ahead.holds("abc  x", 3));
        let word = Ahead::new("\\b").unwrap();
        assert!(word.holds("ab cd", 2));
    }
}
