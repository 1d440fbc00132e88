//! The `homoglyph` kind: Cyrillic or Greek look-alike letters inside Latin words (`Mоscow`
//! with a Cyrillic `о`).
//!
//! A word is a run of letters and marks (`[\p{L}\p{M}]+`). It is judged only when it holds a
//! Cyrillic or Greek character and a Latin letter, and every character of it that is not a
//! mark is Latin or has a look-alike in the pack's table; each table character then gets one
//! edit to its Latin twin. Words wholly in Cyrillic or Greek (`Москва`) and mixed words with
//! a letter that looks like no Latin letter are left alone, and so is a word whose only
//! non-Latin characters are marks without a twin (`Aꚞ`).
//!
//! Whether the word lies in mojibake that the encoding repair changes (UTF-8 read as
//! Windows-1251 gives Cyrillic letters beside Latin ones) is ftfy's to say: the Python kind
//! is an adapter that asks it, for the rare hits of this rule only.

use std::collections::HashMap;

use crate::doc::Doc;
use crate::engine::Hit;
use crate::pystr::CharClass;

/// A `homoglyph` rule's data: each look-alike character and its Latin twin.
#[derive(Clone, Debug, Default)]
pub struct HomoglyphSpec {
    pub table: Vec<(char, char)>,
}

pub struct HomoglyphRule {
    table: HashMap<char, char>,
    word: CharClass,
    mark: CharClass,
    latin: CharClass,
    /// Cyrillic or Greek.
    foreign: CharClass,
}

impl HomoglyphRule {
    pub fn new(spec: &HomoglyphSpec) -> Result<HomoglyphRule, (&'static str, String)> {
        Ok(HomoglyphRule {
            table: spec.table.iter().copied().collect(),
            word: CharClass::new(r"[\p{L}\p{M}]"),
            mark: CharClass::new(r"\p{M}"),
            latin: CharClass::new(r"\p{Script=Latin}"),
            foreign: CharClass::new(r"[\p{Script=Cyrillic}\p{Script=Greek}]"),
        })
    }

    /// One hit per word with look-alikes, its replacement the whole word repaired and its
    /// edits one per look-alike.
    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        if text.is_ascii() {
            return;
        }
        // Words before this byte offset have been judged.
        let mut judged = 0;
        for (index, char) in text.char_indices() {
            if char.is_ascii() || index < judged || !self.foreign.contains(char) {
                continue;
            }
            if !self.word.contains(char) {
                continue;
            }
            let start = text[..index]
                .char_indices()
                .rev()
                .take_while(|&(_, char)| self.word.contains(char))
                .last()
                .map_or(index, |(start, _)| start);
            let end = text[index..]
                .char_indices()
                .find(|&(_, char)| !self.word.contains(char))
                .map_or(text.len(), |(offset, _)| index + offset);
            judged = end;
            if let Some(hit) = self.judge(rule, &text[start..end], start) {
                hits.push(hit);
            }
        }
    }

    /// The hit for the word at `start`, if it is a Latin word with look-alikes in it.
    fn judge(&self, rule: u32, word: &str, start: usize) -> Option<Hit> {
        if !word.chars().any(|char| self.latin.contains(char)) {
            return None;
        }
        let is_latin_or_twin = |char: char| {
            self.mark.contains(char) || self.latin.contains(char) || self.table.contains_key(&char)
        };
        if !word.chars().all(is_latin_or_twin) {
            return None;
        }
        let mut repaired = String::with_capacity(word.len());
        let mut edits = Vec::new();
        for (offset, char) in word.char_indices() {
            match self.table.get(&char) {
                Some(&latin) => {
                    repaired.push(latin);
                    let at = start + offset;
                    edits.push((at, at + char.len_utf8(), latin.to_string()));
                }
                None => repaired.push(char),
            }
        }
        if edits.is_empty() {
            return None; // the only non-Latin characters are marks without a twin (Aꚞ)
        }
        let mut hit = Hit::new(rule, start, start + word.len(), Some(repaired));
        hit.extra_mut().edits = edits;
        Some(hit)
    }
}

#[cfg(test)]
mod tests {
    use super::{HomoglyphRule, HomoglyphSpec};
    use crate::engine::Hit;

    fn hits(text: &str) -> Vec<Hit> {
        let rule = HomoglyphRule::new(&HomoglyphSpec {
            table: vec![('о', 'o'), ('А', 'A'), ('Ο', 'O')],
        })
        .unwrap();
        let mut hits = Vec::new();
        rule.check(0, &crate::doc::Doc::new(text), &mut hits);
        hits
    }

    #[test]
    fn a_latin_word_with_look_alikes_gets_one_edit_per_look_alike() {
        let text = "In Mоscow, at the Аviva Stadium.";
        let found = hits(text);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].start..found[0].end], "Mоscow");
        assert_eq!(found[0].replacement.as_deref(), Some("Moscow"));
        let edits = &found[0].extra.as_ref().unwrap().edits;
        assert_eq!(edits, &vec![(4, 6, "o".to_string())]);
        assert_eq!(found[1].replacement.as_deref(), Some("Aviva"));
    }

    #[test]
    fn foreign_words_and_letters_without_a_twin_are_left_alone() {
        assert!(hits("Москва and Αθήνα, the π constant, Mосква, plain text").is_empty());
        assert!(hits("naïve café").is_empty());
    }

    #[test]
    fn a_word_starting_with_a_look_alike_is_found_whole() {
        let text = "é Οpen!";
        let found = hits(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].start..found[0].end], "Οpen");
    }
}
