//! The `html-entity` kind (ENC004): HTML character references left in plain text.
//!
//! A page scraped without unescaping leaves `risqu&#233;`, `AT&amp;T` and `&lt;` in the
//! text. Each complete reference (named with its semicolon, decimal or hexadecimal) is
//! decoded as Python's `html.unescape` decodes it (HTML5's rules; its tables come in the
//! spec, from Python's `html` module) and becomes one finding whose fix is the character.
//! Left alone: a document that is itself HTML (any tag), references inside code (backtick
//! spans, fenced blocks), URLs, unknown names, references that decode to a control,
//! surrogate, private-use, unassigned or replacement character, and `&amp;` whose result
//! would spell another reference (`&amp;lt;` shows the reference itself).
//!
//! Whether a document is Markdown depends on its path, which the core does not see: a hit
//! that Markdown would leave alone (inside an indented code block, or decoding to a
//! character Markdown reads as markup: `&lt;`, `&#42;`) carries the field
//! [`MARKDOWN_FIELD`], and the Python kind drops it in a Markdown document.

use std::collections::HashMap;

use regex::Regex;

use crate::doc::Doc;
use crate::engine::Hit;
use crate::pychar::PyChars;

/// The rule's data: Python's `html` tables.
#[derive(Clone, Debug, Default)]
pub struct HtmlEntitySpec {
    /// `html.entities.html5`: name (with or without its `;`) → characters.
    pub entities: Vec<(String, String)>,
    /// `html._invalid_charrefs`: numeric references HTML5 reads otherwise (Windows-1252).
    pub invalid_charrefs: Vec<(u32, String)>,
    /// `html._invalid_codepoints`: numeric references that decode to nothing.
    pub invalid_codepoints: Vec<u32>,
}

/// The apostrophe `text` writes inside words (`’` or `'`), the one it writes more often;
/// None when it writes neither, or as many of each.
fn apostrophe_style(text: &str) -> Option<&'static str> {
    let (mut curly, mut straight) = (0usize, 0usize);
    let mut previous = ['\0', '\0'];
    for c in text.chars() {
        if c.is_alphabetic() && previous[0].is_alphabetic() {
            match previous[1] {
                '\u{2019}' => curly += 1,
                '\'' => straight += 1,
                _ => {}
            }
        }
        previous = [previous[1], c];
    }
    match curly.cmp(&straight) {
        std::cmp::Ordering::Greater => Some("\u{2019}"),
        std::cmp::Ordering::Less => Some("'"),
        std::cmp::Ordering::Equal => None,
    }
}

/// The field (and its value) of a hit that a Markdown document does not report.
pub const MARKDOWN_FIELD: (&str, &str) = ("markdown", "leave");

/// Characters Markdown reads as markup: a reference to one of them in Markdown is deliberate.
const MARKDOWN_ACTIVE: [char; 12] = ['<', '>', '*', '_', '`', '[', ']', '#', '\\', '|', '!', '~'];

const ENTITY: &str = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});";

pub struct HtmlEntityRule {
    entities: HashMap<String, String>,
    invalid_charrefs: HashMap<u32, String>,
    invalid_codepoints: Vec<u32>,
    entity: Regex,
    entity_at_start: Regex,
    /// An HTML tag or comment (`re.IGNORECASE`: Python's case folding also takes `İ`, `ı`,
    /// `ſ` and the Kelvin sign for ASCII letters).
    tag: Regex,
    /// A URL without its leading `\b` (checked with Python's word characters).
    url: Regex,
    unprintable: Regex,
    chars: PyChars,
}

impl HtmlEntityRule {
    pub fn new(spec: &HtmlEntitySpec) -> Result<HtmlEntityRule, (&'static str, String)> {
        let compile =
            |pattern: &str| Regex::new(pattern).map_err(|error| ("builtin", error.to_string()));
        let mut invalid_codepoints = spec.invalid_codepoints.clone();
        invalid_codepoints.sort_unstable();
        Ok(HtmlEntityRule {
            entities: spec.entities.iter().cloned().collect(),
            invalid_charrefs: spec.invalid_charrefs.iter().cloned().collect(),
            invalid_codepoints,
            entity: compile(ENTITY)?,
            entity_at_start: compile(&format!("^{ENTITY}"))?,
            tag: compile(
                r"</?[A-Za-z\x{130}\x{131}\x{17F}\x{212A}][A-Za-z0-9\x{130}\x{131}\x{17F}\x{212A}-]*(?:[\s\x1c-\x1f][^<>]*)?/?>|<!--|<![dD][oO][cC][tT][yY][pP][eE]",
            )?,
            url: compile(
                r#"(?:[a-zA-Z\x{130}\x{131}\x{17F}\x{212A}][a-zA-Z0-9\x{130}\x{131}\x{17F}\x{212A}+.-]*://|[wW][wW][wW]\.)[^\s\x1c-\x1f<>"]+"#,
            )?,
            // No surrogate can be in a Rust string (Python refuses Cs too).
            unprintable: compile(r"[\p{Cc}\p{Co}\p{Cn}\x{FFFD}]")?,
            chars: PyChars::new(),
        })
    }

    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        let Some(first) = self.entity.find(text) else {
            return;
        };
        if self.tag.is_match(text) {
            return;
        }
        let protected = merge(self.protected_spans(text));
        let indented = merge(indented_blocks(text));
        let apostrophe = std::cell::OnceCell::new();
        for found in self.entity.find_iter(&text[first.start()..]) {
            let (start, end) = (first.start() + found.start(), first.start() + found.end());
            if overlaps(&protected, start, end) {
                continue;
            }
            let Some(character) = self.decode(found.as_str()) else {
                continue;
            };
            let between_letters = crate::offsets::char_before(text, start)
                .is_some_and(char::is_alphabetic)
                && text[end..].chars().next().is_some_and(char::is_alphabetic);
            let character = match character.as_str() {
                // An apostrophe inside a word (`d&#039;Ivoire`) is written as the document
                // writes its other apostrophes, curly or straight; the decoded one when it
                // writes none (or as many of each).
                "'" | "\u{2019}" if between_letters => {
                    let style = *apostrophe.get_or_init(|| apostrophe_style(text));
                    style.map_or(character, str::to_string)
                }
                // A no-break space between two words is page layout (`Le&nbsp;Goff`): English
                // text separates the words with a space.
                "\u{a0}" if between_letters => " ".to_string(),
                _ => character,
            };
            let following: String = std::iter::once('&')
                .chain(text[end..].chars().take(40))
                .collect();
            if character == "&" && self.entity_at_start.is_match(&following) {
                continue; // `&amp;lt;`: the text shows a reference; decoding would make one
            }
            let mut single = character.chars();
            let is_active = matches!((single.next(), single.next()), (Some(c), None) if MARKDOWN_ACTIVE.contains(&c));
            let mut hit = Hit::new(rule, start, end, Some(character.clone()));
            if let Some(next) = text[end..].chars().next().filter(|c| c.is_lowercase()) {
                // The edit also rewrites the letter after the semicolon, so that in the same
                // round no rule reads that semicolon as punctuation and inserts a space
                // before the lower-case word after it (`&quot;risqu` must not become `" risqu`).
                let edit_end = end + next.len_utf8();
                hit.extra_mut()
                    .edits
                    .push((start, edit_end, format!("{character}{next}")));
            }
            if is_active || overlaps(&indented, start, end) {
                hit.extra_mut()
                    .fields
                    .push((MARKDOWN_FIELD.0, MARKDOWN_FIELD.1.to_string()));
            }
            hits.push(hit);
        }
    }

    /// What `html.unescape` makes of `entity`, or None when that is the entity itself,
    /// nothing, or holds a character that is not printable.
    pub fn decode(&self, entity: &str) -> Option<String> {
        let body = &entity[1..];
        let decoded = if let Some(number) = body.strip_prefix('#') {
            let number = number.trim_end_matches(';');
            let value = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse::<u32>().ok()?,
            };
            if let Some(replacement) = self.invalid_charrefs.get(&value) {
                replacement.clone()
            } else if (0xD800..=0xDFFF).contains(&value) || value > 0x10FFFF {
                "\u{FFFD}".to_string()
            } else if self.invalid_codepoints.binary_search(&value).is_ok() {
                String::new()
            } else {
                char::from_u32(value)?.to_string()
            }
        } else if let Some(value) = self.entities.get(body) {
            value.clone()
        } else {
            // The longest name the table holds as a prefix (the standard's rule), followed
            // by the rest as written.
            let found = (2..body.len()).rev().find_map(|length| {
                self.entities
                    .get(&body[..length])
                    .map(|value| (length, value))
            });
            match found {
                Some((length, value)) => format!("{value}{}", &body[length..]),
                None => return None, // `&` + the name: the entity itself
            }
        };
        if decoded.is_empty() || decoded == entity || self.unprintable.is_match(&decoded) {
            return None;
        }
        Some(decoded)
    }

    /// Code (fenced blocks, backtick spans) and URLs, in any order.
    fn protected_spans(&self, text: &str) -> Vec<(usize, usize)> {
        let mut spans = fences(text);
        spans.extend(code_spans(text));
        let mut at = 0;
        while let Some(found) = self.url.find_at(text, at) {
            let start = found.start();
            if text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| self.chars.is_word(c))
            {
                // No `\b` before it: Python's search goes on from the next character.
                at = start + text[start..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            spans.push((start, found.end()));
            at = found.end();
        }
        spans
    }
}

/// `spans` sorted, overlapping ones joined.
fn merge(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (low, high) in spans {
        match merged.last_mut() {
            Some(last) if low < last.1 => last.1 = last.1.max(high),
            _ => merged.push((low, high)),
        }
    }
    merged
}

/// Whether `[start, end)` meets one of `spans` (sorted, not overlapping).
fn overlaps(spans: &[(usize, usize)], start: usize, end: usize) -> bool {
    let index = spans.partition_point(|&(low, _)| low < end);
    index > 0 && spans[index - 1].1 > start
}

/// Fenced code blocks, as `^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[^\n]*$|\Z)` with
/// `re.MULTILINE | re.DOTALL` finds them: from an opening line to the first line opening
/// with the same run of marks (after up to three spaces), or to the end of the text.
fn fences(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut line = 0;
    while line < text.len() {
        let line_end = text[line..].find('\n').map(|offset| line + offset);
        let Some(opening_end) = line_end else {
            break; // an opening line needs its line break
        };
        let Some(run) = fence_run(text, line) else {
            line = opening_end + 1;
            continue;
        };
        let mut end = text.len();
        let mut next = opening_end + 1;
        while next < text.len() {
            let next_end = text[next..]
                .find('\n')
                .map_or(text.len(), |offset| next + offset);
            let spaces = text[next..next_end]
                .bytes()
                .take_while(|&b| b == b' ')
                .count()
                .min(3);
            if text[next + spaces..].starts_with(run) {
                end = next_end;
                break;
            }
            next = next_end + 1;
        }
        spans.push((line, end));
        // The search goes on from the end of the match: the next line.
        line = end + 1;
    }
    spans
}

/// The run of three or more backticks or tildes opening a fence at `line` (after up to
/// three spaces), all of it (the pattern takes the longest run).
fn fence_run(text: &str, line: usize) -> Option<&str> {
    let rest = &text[line..];
    let spaces = rest.bytes().take_while(|&b| b == b' ').count();
    if spaces > 3 {
        return None;
    }
    let rest = &rest[spaces..];
    let mark = *rest.as_bytes().first()?;
    if mark != b'`' && mark != b'~' {
        return None;
    }
    let length = rest.bytes().take_while(|&b| b == mark).count();
    (length >= 3).then(|| &rest[..length])
}

/// Backtick code spans, as ``(`+)(?!`)(?:[^\n]|\n(?![ \t]*\n))+?(?<!`)\1(?!`)`` finds them
/// (`finditer`): a run of backticks, then the nearest same run after at least one character
/// within the paragraph, neither run touching another backtick on its outer side.
fn code_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut at = 0;
    while let Some(offset) = text[at..].find('`') {
        let start = at + offset;
        let run = bytes[start..].iter().take_while(|&&b| b == b'`').count();
        match closing_run(bytes, start + run, run) {
            Some(end) => {
                spans.push((start, end));
                at = end;
            }
            None => at = start + 1,
        }
    }
    spans
}

/// The end of the closing run of `run` backticks for content starting at `from`.
fn closing_run(bytes: &[u8], from: usize, run: usize) -> Option<usize> {
    let mut position = from;
    loop {
        // Content: at least one character, never a line break before a blank line.
        let &byte = bytes.get(position)?;
        if byte == b'\n' {
            let rest = &bytes[position + 1..];
            let blank = rest
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            if rest.get(blank) == Some(&b'\n') {
                return None;
            }
        }
        position += 1;
        while position < bytes.len() && (bytes[position] & 0xC0) == 0x80 {
            position += 1; // the rest of a character
        }
        if bytes[position - 1] != b'`'
            && bytes
                .get(position..position + run)
                .is_some_and(|found| found.iter().all(|&b| b == b'`'))
            && bytes.get(position + run) != Some(&b'`')
        {
            return Some(position + run);
        }
    }
}

/// Indented code blocks (Markdown), as the group of
/// `(?:^|\n[ \t]*\n)((?:(?: {4}|\t)[^\n]*(?:\n|$))+)` (no flags) finds them.
fn indented_blocks(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut at = 0;
    loop {
        let mut block = None;
        if at == 0 {
            block = indented_lines(text, 0).map(|end| (0, end));
        }
        if block.is_none() && bytes.get(at) == Some(&b'\n') {
            let blank = bytes[at + 1..]
                .iter()
                .take_while(|&&b| b == b' ' || b == b'\t')
                .count();
            let after = at + 1 + blank;
            if bytes.get(after) == Some(&b'\n') {
                block = indented_lines(text, after + 1).map(|end| (after + 1, end));
            }
        }
        match block {
            Some((start, end)) => {
                spans.push((start, end));
                at = end;
            }
            // Only the text's start or a line break can begin a match.
            None if at < text.len() => match bytes[at + 1..].iter().position(|&b| b == b'\n') {
                Some(offset) => at += 1 + offset,
                None => break,
            },
            None => break,
        }
    }
    spans
}

/// The end of the lines starting at `from` that open with four spaces or a tab (each with
/// its line break), or None when the first does not.
fn indented_lines(text: &str, from: usize) -> Option<usize> {
    let mut line = from;
    while line < text.len() {
        let rest = &text[line..];
        if !(rest.starts_with("    ") || rest.starts_with('\t')) {
            break;
        }
        line = rest
            .find('\n')
            .map_or(text.len(), |offset| line + offset + 1);
    }
    (line > from).then_some(line)
}

#[cfg(test)]
mod tests {
    use super::{HtmlEntityRule, HtmlEntitySpec};

    fn rule() -> HtmlEntityRule {
        let pairs = |items: &[(&str, &str)]| {
            items
                .iter()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect()
        };
        HtmlEntityRule::new(&HtmlEntitySpec {
            entities: pairs(&[
                ("amp;", "&"),
                ("amp", "&"),
                ("lt;", "<"),
                ("eacute;", "é"),
                ("quot;", "\""),
                ("rsquo;", "\u{2019}"),
                ("nbsp;", "\u{a0}"),
            ]),
            invalid_charrefs: vec![
                (0, "\u{FFFD}".into()),
                (128, "€".into()),
                (129, "\u{81}".into()),
            ],
            invalid_codepoints: vec![1, 2, 0xFFFE],
        })
        .unwrap()
    }

    fn found(text: &str) -> Vec<(String, Option<String>, bool)> {
        let mut hits = Vec::new();
        rule().check(0, &crate::doc::Doc::new(text), &mut hits);
        hits.into_iter()
            .map(|hit| {
                let markdown = hit
                    .extra
                    .as_ref()
                    .is_some_and(|extra| !extra.fields.is_empty());
                (
                    text[hit.start..hit.end].to_string(),
                    hit.replacement,
                    markdown,
                )
            })
            .collect()
    }

    #[test]
    fn references_decode_as_html_unescape_does() {
        let rule = rule();
        assert_eq!(rule.decode("&#233;").as_deref(), Some("é"));
        assert_eq!(rule.decode("&#X2019;").as_deref(), Some("’"));
        assert_eq!(rule.decode("&#128;").as_deref(), Some("€"));
        assert_eq!(rule.decode("&ampx;").as_deref(), Some("&x;"));
        for refused in [
            "&nosuch;",
            "&#0;",
            "&#27;",
            "&#xFFFE;",
            "&#1114111;",
            "&#129;",
            "&#2;",
            "&#xD800;",
        ] {
            assert_eq!(rule.decode(refused), None, "{refused}");
        }
    }

    #[test]
    fn code_urls_and_html_are_left_alone() {
        assert_eq!(
            found("risqu&#233; AT&amp;T"),
            [
                ("&#233;".into(), Some("é".into()), false),
                ("&amp;".into(), Some("&".into()), false)
            ]
        );
        assert!(found("a `&amp;` b\n```\n&lt;\n```\nsee https://x.org/?a=1&amp;b=2").is_empty());
        assert!(found("<p>caf&eacute;</p>").is_empty());
        assert!(found("&amp;lt; stays").is_empty());
        assert_eq!(found("x &lt; y"), [("&lt;".into(), Some("<".into()), true)]);
        assert_eq!(
            found("Intro\n\n    x = &eacute;\n"),
            [("&eacute;".into(), Some("é".into()), true)]
        );
    }

    #[test]
    fn an_apostrophe_in_a_word_follows_the_document_and_a_no_break_space_between_words_is_a_space()
    {
        let replacements = |text: &str| -> Vec<String> {
            found(text)
                .into_iter()
                .map(|(_, replacement, _)| replacement.unwrap())
                .collect()
        };
        // Curly apostrophes elsewhere: `&#039;` in a word becomes curly.
        assert_eq!(replacements("Côte d&#039;Ivoire’s farmers, it’s"), ["’"]);
        // Straight ones elsewhere: `&rsquo;` in a word becomes straight.
        assert_eq!(replacements("it's the farmers' d&rsquo;Ivoire"), ["'"]);
        // Neither, or a quotation mark (not between letters): decoded as written.
        assert_eq!(replacements("d&#039;Ivoire"), ["'"]);
        assert_eq!(replacements("it’s &#039;quoted&#039;"), ["'", "'"]);
        assert_eq!(replacements("Le&nbsp;Goff, 54&nbsp;000"), [" ", "\u{a0}"]);
    }

    #[test]
    fn the_edit_takes_in_a_lower_case_letter_after_the_semicolon() {
        let mut hits = Vec::new();
        rule().check(0, &crate::doc::Doc::new("&quot;risqu"), &mut hits);
        assert_eq!(
            hits[0].extra.as_ref().unwrap().edits,
            [(0, 7, "\"r".to_string())]
        );
    }
}
