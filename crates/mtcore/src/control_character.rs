//! The `control-character` kind (ENC003): C0 and C1 controls that no encoding repair explains.
//!
//! The core finds every control (`[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]`: not tab, line feed
//! or carriage return) as a candidate whose fix deletes it. Whether a repair explains it (a
//! C1 control inside mojibake, `â\x80\x99`, or a lone Windows-1252 byte, `l\x92état`, which
//! `mojibake` restores) is ftfy's answer: the Python kind is an adapter that asks
//! `cleanup.kinds.mojibake.repair_runs` about the candidate's line, so no rule ever deletes a
//! byte a repair needs.

use crate::doc::Doc;
use crate::engine::Hit;

/// The rule has no data of its own.
#[derive(Clone, Debug, Default)]
pub struct ControlCharacterSpec {}

pub struct ControlCharacterRule;

/// Whether `c` is a control the rule removes.
fn is_removed_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

impl ControlCharacterRule {
    pub fn new(
        _spec: &ControlCharacterSpec,
    ) -> Result<ControlCharacterRule, (&'static str, String)> {
        Ok(ControlCharacterRule)
    }

    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        let bytes = text.as_bytes();
        for (at, &byte) in bytes.iter().enumerate() {
            // A C0 control or DEL is one byte; a C1 control is 0xC2 then 0x80..=0x9F.
            let length = match byte {
                0x00..=0x1f | 0x7f => 1,
                0xc2 if bytes
                    .get(at + 1)
                    .is_some_and(|next| (0x80..=0x9f).contains(next)) =>
                {
                    2
                }
                _ => continue,
            };
            if text[at..at + length]
                .chars()
                .next()
                .is_some_and(is_removed_control)
            {
                hits.push(Hit::new(rule, at, at + length, Some(String::new())));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{ControlCharacterRule, ControlCharacterSpec};

    #[test]
    fn every_control_but_tab_and_line_breaks_is_a_candidate() {
        let text = "a\u{0}b\tc\r\nd\u{b}é\u{92}t\u{7f}\u{a0}";
        let mut hits = Vec::new();
        ControlCharacterRule::new(&ControlCharacterSpec {})
            .unwrap()
            .check(0, &crate::doc::Doc::new(text), &mut hits);
        let found: Vec<&str> = hits.iter().map(|hit| &text[hit.start..hit.end]).collect();
        assert_eq!(found, ["\u{0}", "\u{b}", "\u{92}", "\u{7f}"]);
        assert!(hits
            .iter()
            .all(|hit| hit.replacement.as_deref() == Some("")));
    }
}
