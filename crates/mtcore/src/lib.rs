//! mt-cleanup's matching core.
//!
//! The core knows nothing of Python: it takes `&str` and rule data that the Python pack
//! loader has already validated, and returns plain values (byte offsets until
//! [`offsets::to_char_offsets`] turns them into code-point offsets for the caller).
//!
//! One [`Engine`] holds every compiled rule of a rule set. [`Engine::check`] wraps the
//! document in a [`Doc`] (the text and the values several rules share, each computed on
//! first use), opens each gated rule when one of its literals occurs (a byte-set test, then
//! a search up to the first occurrence, once per distinct gate), runs each open rule's logic
//! and returns its [`Hit`]s.

pub mod article;
pub mod bloom;
pub mod casing;
pub mod context;
pub mod control_character;
pub mod doc;
pub mod engine;
pub mod french_sentence;
pub mod furniture;
pub mod glued_words;
pub mod guillemets;
pub mod homoglyph;
pub mod html_entity;
pub mod leftover;
pub mod lines;
pub mod masculine_for_woman;
pub mod mojibake;
pub mod numbers;
pub mod offsets;
pub mod pattern;
pub mod pronoun_gender;
pub mod protect;
pub mod pychar;
pub mod pystr;
pub mod quote_balance;
pub mod quotes;
pub mod repeated;
pub mod swap;
#[cfg(test)]
mod testing;
pub mod words;
pub mod wrap;

pub use doc::Doc;
pub use engine::{
    CompiledRule, Compiler, Engine, Hit, HitExtra, KindSpec, Level, RuleSpec, Scratch, SpecError,
};
