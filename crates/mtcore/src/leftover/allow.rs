//! The allow-listed phrases of an inline leftover rule (`en-loanwords.txt`,
//! `proper-names.txt`): `_phrase_pattern`'s alternation, found as `re.finditer` finds
//! `(?<![^\W\d_])(?:phrases)(?![^\W\d_])` with `re.IGNORECASE` (the look-behind is checked
//! at each candidate start, the look-ahead consumed as one non-letter or the end).

use std::collections::HashMap;

use regex::Regex;

use super::py::{char_at, char_before, is_run};

/// Python's `\s` inside a character class.
const SPACE_CLASS: &str = "\\t\\n\\x0B\\x0C\\r\\x1C-\\x1F \\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";

pub struct Allow {
    phrases: Option<Regex>,
    words: Option<Regex>,
}

/// The characters `re.IGNORECASE` takes for `c` beyond those the `regex` crate's case
/// folding gives: Python also matches `i`, `I`, `ı` and `İ` with each other (its lower-case
/// mapping and its table of equivalent characters).
fn escaped(c: char) -> String {
    if matches!(c, 'i' | 'I' | '\u{131}' | '\u{130}') {
        "i\u{131}\u{130}".to_string()
    } else {
        regex_syntax::escape(&c.to_string())
    }
}

/// `c` as a pattern (a class when Python's case-insensitive matching needs one).
fn literal(c: char) -> String {
    let escaped = escaped(c);
    if escaped.chars().count() > 1 && !escaped.starts_with('\\') {
        format!("[{escaped}]")
    } else {
        escaped
    }
}

fn phrase_pattern(phrase: &str, unaccented: &HashMap<char, String>) -> String {
    let mut pattern = String::new();
    for c in phrase.chars() {
        match c {
            '\'' | '\u{2019}' => pattern.push_str("['\u{2019}]"),
            ' ' => pattern.push_str(&format!("[{SPACE_CLASS}\\-]+")),
            '-' => pattern.push_str(&format!(
                "(?:[{SPACE_CLASS}]*-[{SPACE_CLASS}]*|[{SPACE_CLASS}]+)"
            )),
            _ => match unaccented.get(&c) {
                Some(plain) => {
                    pattern.push('[');
                    pattern.push_str(&escaped(c));
                    for other in plain.chars() {
                        pattern.push_str(&escaped(other));
                    }
                    pattern.push(']');
                }
                None => pattern.push_str(&literal(c)),
            },
        }
    }
    pattern
}

impl Allow {
    pub fn new(
        phrases: &[String],
        unaccented: &[(String, String)],
        words: Option<&[String]>,
    ) -> Result<Allow, (&'static str, String)> {
        let unaccented: HashMap<char, String> = unaccented
            .iter()
            .filter_map(|(c, plain)| {
                let mut chars = c.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Some((c, plain.clone())),
                    _ => None,
                }
            })
            .collect();
        let alternatives: Vec<String> = phrases
            .iter()
            .filter(|phrase| !phrase.is_empty())
            .map(|phrase| phrase_pattern(phrase, &unaccented))
            .collect();
        let phrases = if alternatives.is_empty() {
            None
        } else {
            let pattern = format!(
                "((?i:{}))(?:$|[^\\p{{L}}\\p{{Nl}}\\p{{No}}])",
                alternatives.join("|")
            );
            Some(
                regex::RegexBuilder::new(&pattern)
                    .size_limit(1 << 26)
                    .build()
                    .map_err(|error| ("allow", error.to_string()))?,
            )
        };
        let words = match words {
            Some(words) => {
                let body: Vec<String> = words
                    .iter()
                    .map(|word| word.chars().map(literal).collect::<String>())
                    .collect();
                let body = if body.is_empty() {
                    "[^\\s\\S]".to_string()
                } else {
                    body.join("|")
                };
                Some(
                    Regex::new(&format!("(?i)^(?:{body})$"))
                        .map_err(|error| ("allow", error.to_string()))?,
                )
            }
            None => None,
        };
        Ok(Allow { phrases, words })
    }

    /// Whether an allow-listed phrase can cover one of these token texts (apostrophes
    /// stripped): true when one is a word of a phrase, or when the test is off.
    pub fn may_hold<'a>(&self, mut texts: impl Iterator<Item = &'a str>) -> bool {
        match &self.words {
            None => true,
            Some(words) => texts.any(|text| words.is_match(text)),
        }
    }

    /// The allow-listed phrases in `line`, as byte ranges of it.
    pub fn find_all(&self, line: &str) -> Vec<(usize, usize)> {
        let Some(regex) = &self.phrases else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let mut at = 0;
        while at <= line.len() {
            let Some(captures) = regex.captures_at(line, at) else {
                break;
            };
            let Some(body) = captures.get(1) else {
                break;
            };
            let (start, end) = (body.start(), body.end());
            if char_before(line, start).is_some_and(is_run) {
                at = start + char_at(line, start).map_or(1, char::len_utf8);
                continue;
            }
            found.push((start, end));
            at = if end > start {
                end
            } else {
                end + char_at(line, end).map_or(1, char::len_utf8)
            };
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::Allow;

    #[test]
    fn phrases_with_or_without_accents_as_whole_words() {
        let allow = Allow::new(
            &["coup d'état".into(), "déjà vu".into(), "café".into()],
            &[("é".into(), "e".into()), ("à".into(), "a".into())],
            Some(&["coup".into(), "d".into(), "état".into(), "etat".into()]),
        )
        .unwrap();
        let line = "a coup d’etat, déjà-vu and cafés at the Café.";
        let found: Vec<&str> = allow
            .find_all(line)
            .into_iter()
            .map(|(s, e)| &line[s..e])
            .collect();
        assert_eq!(found, ["coup d’etat", "déjà-vu", "Café"]);
        assert!(allow.may_hold(["ÉTAT"].into_iter()));
        let allow = Allow::new(
            &["raison d'être".into()],
            &[("ê".into(), "e".into())],
            Some(&["raison".into()]),
        )
        .unwrap();
        let line = "its RAİSON D'ETRE and raıson d’être";
        let found: Vec<&str> = allow
            .find_all(line)
            .into_iter()
            .map(|(s, e)| &line[s..e])
            .collect();
        assert_eq!(found, ["RAİSON D'ETRE", "raıson d’être"]);
        assert!(allow.may_hold(["raıson"].into_iter()));
        assert!(!allow.may_hold(["vu"].into_iter()));
    }
}
