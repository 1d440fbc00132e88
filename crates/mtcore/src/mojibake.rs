//! The `mojibake` kind's gate: which lines may hold text decoded with the wrong codec.
//!
//! The repair itself is ftfy's, in Python (an adapter kind): this rule only finds the lines
//! worth handing to it. The gate's data comes from the pack loader, which builds it from the
//! codecs ftfy undoes: `singles` are characters that make a line suspect on their own (C1
//! controls, the replacement character, ftfy's lost-byte marker), and `followers` gives, for
//! each character a codec yields for a UTF-8 lead byte, the characters that may follow it in
//! mojibake. A line is suspect when it holds a single, or a lead directly followed by one of
//! its followers.
//!
//! Each suspect line is one hit. A very long line (more than twice `chunk` characters: a
//! document stored on one line) is cut into pieces of about `chunk` characters, each ending
//! at white space, and each suspect piece is one hit: ftfy's repair and the diff that aligns
//! it cost more than linear time in what they are given, and a repair is local to a word.

use crate::doc::Doc;
use crate::engine::Hit;
use crate::lines::line_spans;

/// A `mojibake` rule's data.
#[derive(Clone, Debug, Default)]
pub struct MojibakeSpec {
    /// Characters that make a line suspect by themselves.
    pub singles: Vec<char>,
    /// For each lead character, the characters that may follow it in mojibake.
    pub followers: Vec<(char, Vec<char>)>,
    /// The size of the pieces a very long line is cut into, in characters.
    pub chunk: usize,
}

pub struct MojibakeRule {
    /// Sorted, for binary search.
    singles: Vec<char>,
    /// Sorted by lead; each list of followers sorted.
    followers: Vec<(char, Vec<char>)>,
    /// The ASCII characters that are singles or leads (ftfy's codecs give only `\x1a`):
    /// every other ASCII character is passed over at once.
    ascii: [bool; 128],
    chunk: usize,
}

impl MojibakeRule {
    pub fn new(spec: &MojibakeSpec) -> Result<MojibakeRule, (&'static str, String)> {
        if spec.chunk < 1 {
            return Err(("chunk", "must be at least 1".into()));
        }
        let mut singles = spec.singles.clone();
        singles.sort_unstable();
        singles.dedup();
        let mut followers: Vec<(char, Vec<char>)> = Vec::with_capacity(spec.followers.len());
        let mut leads = spec.followers.clone();
        leads.sort_by_key(|(lead, _)| *lead);
        for (lead, mut chars) in leads {
            match followers.last_mut() {
                Some((last, known)) if *last == lead => known.append(&mut chars),
                _ => followers.push((lead, chars)),
            }
        }
        for (_, chars) in &mut followers {
            chars.sort_unstable();
            chars.dedup();
        }
        let mut ascii = [false; 128];
        let leads = followers.iter().map(|(lead, _)| lead);
        for &char in singles.iter().chain(leads).filter(|char| char.is_ascii()) {
            ascii[char as usize] = true;
        }
        Ok(MojibakeRule {
            singles,
            followers,
            ascii,
            chunk: spec.chunk,
        })
    }

    /// Whether `line` holds a single or a lead followed by one of its followers.
    pub fn is_suspect(&self, line: &str) -> bool {
        let mut chars = line.chars().peekable();
        while let Some(char) = chars.next() {
            if char.is_ascii() && !self.ascii[char as usize] {
                continue;
            }
            if self.singles.binary_search(&char).is_ok() {
                return true;
            }
            if let Some(followers) = self.followers_of(char) {
                if chars
                    .peek()
                    .is_some_and(|next| followers.binary_search(next).is_ok())
                {
                    return true;
                }
            }
        }
        false
    }

    fn followers_of(&self, char: char) -> Option<&[char]> {
        self.followers
            .binary_search_by_key(&char, |(lead, _)| *lead)
            .ok()
            .map(|index| self.followers[index].1.as_slice())
    }

    /// One hit per suspect line, or per suspect piece of a very long line.
    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        if !text
            .bytes()
            .any(|byte| byte >= 0x80 || self.ascii[byte as usize])
        {
            return;
        }
        for (start, end) in line_spans(text) {
            let line = &text[start..end];
            if !self.is_suspect(line) {
                continue;
            }
            if line.len() <= 2 * self.chunk || line.chars().count() <= 2 * self.chunk {
                hits.push(Hit::new(rule, start, end, None));
                continue;
            }
            for (piece_start, piece_end) in self.pieces(line) {
                if self.is_suspect(&line[piece_start..piece_end]) {
                    hits.push(Hit::new(rule, start + piece_start, start + piece_end, None));
                }
            }
        }
    }

    /// `line` cut into pieces of about `chunk` characters, each ending after a space or a
    /// tab (or at the limit when a piece holds none), as byte spans. Only one piece's
    /// characters are held at a time (a line of 50 MB held as `(offset, char)` pairs took
    /// 800 MB).
    fn pieces(&self, line: &str) -> Vec<(usize, usize)> {
        let mut pieces = Vec::new();
        let mut window: Vec<(usize, char)> = Vec::with_capacity(self.chunk + 1);
        let mut start = 0;
        while start < line.len() {
            window.clear();
            window.extend(
                line[start..]
                    .char_indices()
                    .take(self.chunk + 1)
                    .map(|(offset, c)| (start + offset, c)),
            );
            // The piece's end, as an index into the window; the last piece takes the rest.
            let mut end = window.len().min(self.chunk);
            if window.len() > self.chunk {
                let cut = (1..end)
                    .rev()
                    .find(|&index| matches!(window[index].1, ' ' | '\t'));
                if let Some(cut) = cut {
                    end = cut + 1;
                }
            }
            let end = window.get(end).map_or(line.len(), |&(byte, _)| byte);
            pieces.push((start, end));
            start = end;
        }
        pieces
    }
}

#[cfg(test)]
mod tests {
    use super::{MojibakeRule, MojibakeSpec};
    use crate::engine::Hit;

    fn rule(chunk: usize) -> MojibakeRule {
        let continuation: Vec<char> = (0x80u32..0xc0)
            .filter_map(char::from_u32)
            .chain([' ', '?'])
            .collect();
        let mut singles: Vec<char> = (0x80u32..0xa0).filter_map(char::from_u32).collect();
        singles.extend(['\x1a', '\u{fffd}']);
        MojibakeRule::new(&MojibakeSpec {
            singles,
            followers: vec![('Ã', continuation.clone()), ('â', continuation)],
            chunk,
        })
        .unwrap()
    }

    fn spans(rule: &MojibakeRule, text: &str) -> Vec<(usize, usize)> {
        let mut hits: Vec<Hit> = Vec::new();
        rule.check(0, &crate::doc::Doc::new(text), &mut hits);
        hits.iter().map(|hit| (hit.start, hit.end)).collect()
    }

    #[test]
    fn a_line_is_suspect_for_a_lead_before_a_follower_or_a_single() {
        let rule = rule(2048);
        assert!(rule.is_suspect("RÃ©gie"));
        assert!(rule.is_suspect("lâ\u{80}\u{99}été"));
        assert!(rule.is_suspect("l\u{92}été"));
        assert!(rule.is_suspect("lost \u{1a} byte"));
        assert!(rule.is_suspect("Ã "));
        assert!(!rule.is_suspect("café, naïve, « ok », Ãx and a final Ã"));
        assert!(!rule.is_suspect("plain ASCII"));
    }

    #[test]
    fn each_suspect_line_is_one_hit_without_its_line_end() {
        let rule = rule(2048);
        let text = "clean\r\nRÃ©gie\r\nclean é\nlâ\u{80}\u{99}été";
        let first = text.find('R').unwrap();
        let second = text.find("lâ").unwrap();
        assert_eq!(
            spans(&rule, text),
            vec![(first, first + "RÃ©gie".len()), (second, text.len())]
        );
        assert!(spans(&rule, "café\nnaïve\n").is_empty());
    }

    #[test]
    fn a_very_long_line_gives_one_hit_per_suspect_piece_cut_after_white_space() {
        let rule = rule(4);
        // 15 characters, more than twice the chunk: "ab ", "cd ", "Ã©f ", "gh ", "ij".
        let text = "ab cd Ã©f gh ij";
        let hits = spans(&rule, text);
        assert_eq!(hits.len(), 1);
        let (start, end) = hits[0];
        assert_eq!(&text[start..end], "Ã©f ");
        assert_eq!(rule.pieces("abcdefghij").len(), 3);
        assert_eq!(rule.pieces("é é é é é "), vec![(0, 6), (6, 12), (12, 15)]);
    }
}
