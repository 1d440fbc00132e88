//! The quotations the inline leftover rule leaves alone: `_QUOTATION_RE` (double quotes,
//! curly or straight, over the lines of a wrapped paragraph, and `QUOTED_ASIDES`: single
//! quotes, `_emphasis_`, `*emphasis*`) and the per-line guillemets, brackets and short
//! single-quoted terms, written as scanners with the regexes' exact backtracking results.

use super::py::{char_at, char_before, is_run, is_space, is_word_char};

const LDQ: char = '\u{201c}';
const RDQ: char = '\u{201d}';
const LSQ: char = '\u{2018}';
const RSQ: char = '\u{2019}';

/// After a `\n` at `at - 1`: whether the next line is blank (`[ \t]*\r?\n`), which stops a
/// quotation.
fn blank_follows(text: &str, at: usize) -> bool {
    let rest = text[at..].trim_start_matches([' ', '\t']);
    rest.starts_with('\n') || rest.starts_with("\r\n")
}

/// From `from`, the first position holding one of `stops` or a `\n` a quotation cannot
/// cross (or the end).
fn region_end(text: &str, from: usize, stops: &[char]) -> usize {
    for (offset, c) in text[from..].char_indices() {
        let at = from + offset;
        if stops.contains(&c) {
            return at;
        }
        if c == '\n' && blank_follows(text, at + 1) {
            return at;
        }
    }
    text.len()
}

fn curly_double(text: &str, p: usize) -> Option<usize> {
    let from = p + LDQ.len_utf8();
    let q = region_end(text, from, &[LDQ, RDQ]);
    if char_at(text, q) == Some(RDQ) {
        return Some(q + RDQ.len_utf8());
    }
    text[from..q]
        .rfind('»')
        .map(|at| from + at + '»'.len_utf8())
}

fn straight_double(text: &str, p: usize) -> Option<usize> {
    let q = region_end(text, p + 1, &['"']);
    (char_at(text, q) == Some('"')).then_some(q + 1)
}

fn single(text: &str, p: usize, opener: char) -> Option<usize> {
    if char_before(text, p)
        .is_some_and(|c| !(is_space(c) || matches!(c, '(' | '[' | '\u{2014}' | '\u{2013}')))
    {
        return None;
    }
    let mut at = p + opener.len_utf8();
    if char_at(text, at).is_none_or(is_space) {
        return None;
    }
    while let Some(c) = char_at(text, at) {
        let next = at + c.len_utf8();
        let letter_next = char_at(text, next).is_some_and(is_run);
        if c == RSQ || c == '\'' {
            if !letter_next {
                return Some(next);
            }
            at = next;
        } else if c == LSQ {
            return None;
        } else if c == '\n' {
            if blank_follows(text, next) {
                return None;
            }
            at = next;
        } else {
            at = next;
        }
    }
    None
}

fn underscore(text: &str, p: usize) -> Option<usize> {
    if char_before(text, p).is_some_and(|c| c != '_' && is_word_char(c)) {
        return None;
    }
    if char_at(text, p + 1).is_none_or(is_space) {
        return None;
    }
    let q = region_end(text, p + 1, &['_']);
    if char_at(text, q) != Some('_') || char_before(text, q).is_none_or(is_space) {
        return None;
    }
    if char_at(text, q + 1).is_some_and(|c| c != '_' && is_word_char(c)) {
        return None;
    }
    Some(q + 1)
}

fn star(text: &str, p: usize) -> Option<usize> {
    if char_before(text, p).is_some_and(|c| c == '*' || is_word_char(c)) {
        return None;
    }
    if !char_at(text, p + 1).is_some_and(|c| !is_space(c) && c != '*') {
        return None;
    }
    let q = region_end(text, p + 1, &['*']);
    if char_at(text, q) != Some('*') || char_before(text, q).is_none_or(|c| is_space(c) || c == '*')
    {
        return None;
    }
    if char_at(text, q + 1).is_some_and(|c| c == '*' || is_word_char(c)) {
        return None;
    }
    Some(q + 1)
}

/// `«[^«»]*[»”]` (the French-sentence rule's guillemets, over the lines of a paragraph).
fn guillemet(text: &str, p: usize) -> Option<usize> {
    let from = p + '«'.len_utf8();
    let q = region_end(text, from, &['«', '»']);
    if char_at(text, q) == Some('»') {
        return Some(q + '»'.len_utf8());
    }
    text[from..q]
        .rfind(RDQ)
        .map(|at| from + at + RDQ.len_utf8())
}

/// Every match of `_QUOTATION_RE` in `text`, in order (non-overlapping, as `finditer`).
pub fn quotations(text: &str) -> Vec<(usize, usize)> {
    scan(text, false)
}

/// Every match in `text` of the French-sentence rule's quotation pattern: `_QUOTATION_RE`
/// with guillemets (`«[^«»]*[»”]`) as one more alternative. On a paragraph (no blank line in
/// it, the only text the rule scans) its double quotes match as the pattern's, which do not
/// stop at a blank line.
pub fn quotations_and_guillemets(text: &str) -> Vec<(usize, usize)> {
    scan(text, true)
}

fn scan(text: &str, with_guillemets: bool) -> Vec<(usize, usize)> {
    let marks: &[char] = if with_guillemets {
        &[LDQ, '"', '«', LSQ, '\'', '_', '*']
    } else {
        &[LDQ, '"', LSQ, '\'', '_', '*']
    };
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let Some(offset) = text[at..].find(marks) else {
            break;
        };
        let p = at + offset;
        let c = char_at(text, p).unwrap_or(' ');
        let end = match c {
            LDQ => curly_double(text, p),
            '"' => straight_double(text, p),
            '«' => guillemet(text, p),
            LSQ | '\'' => single(text, p, c),
            '_' => underscore(text, p),
            _ => star(text, p),
        };
        match end {
            Some(end) => {
                found.push((p, end));
                at = end;
            }
            None => at = p + c.len_utf8(),
        }
    }
    found
}

/// `«[^«»\n]*»` on `line` (offsets in `text`).
pub fn guillemets(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let line = &text[start..end];
    let mut at = 0;
    while let Some(offset) = line[at..].find('«') {
        let p = at + offset;
        let from = p + '«'.len_utf8();
        match line[from..].find(['«', '»', '\n']) {
            Some(close) if line[from + close..].starts_with('»') => {
                let stop = from + close + '»'.len_utf8();
                found.push((start + p, start + stop));
                at = stop;
            }
            _ => at = from,
        }
    }
    found
}

/// `\[[^\[\]\n]{1,60}\]` on the line.
pub fn brackets(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    delimited(text, start, end, '[', ']', &['[', ']', '\n'], 60, false)
}

/// `‘[^‘’\n]{1,40}’(?![^\W\d_])` on the line.
pub fn single_quoted(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    delimited(text, start, end, LSQ, RSQ, &[LSQ, RSQ, '\n'], 40, true)
}

#[allow(clippy::too_many_arguments)]
fn delimited(
    text: &str,
    start: usize,
    end: usize,
    open: char,
    close: char,
    excluded: &[char],
    most: usize,
    no_letter_after: bool,
) -> Vec<(usize, usize)> {
    let line = &text[start..end];
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = line[at..].find(open) {
        let p = at + offset;
        let from = p + open.len_utf8();
        let stop = line[from..]
            .find(|c: char| excluded.contains(&c))
            .map_or(line.len(), |o| from + o);
        let count = line[from..stop].chars().count();
        let ok = line[stop..].starts_with(close)
            && (1..=most).contains(&count)
            && !(no_letter_after && char_at(line, stop + close.len_utf8()).is_some_and(is_run));
        if ok {
            let finish = stop + close.len_utf8();
            found.push((start + p, start + finish));
            at = finish;
        } else {
            at = from;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::{brackets, guillemets, quotations, quotations_and_guillemets, single_quoted};

    fn shown(text: &str, spans: Vec<(usize, usize)>) -> Vec<&str> {
        spans.into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn quotations_as_the_regex_finds_them() {
        let text =
            "She cried “Vive la liberté,\nvive la République!” and \"Vive l'Empereur!\" came back.";
        assert_eq!(
            shown(text, quotations(text)),
            [
                "“Vive la liberté,\nvive la République!”",
                "\"Vive l'Empereur!\""
            ]
        );
        let text =
            "a ‘Tous les méchants sont buveurs d’eau’ song, _Les Misérables_ and *Le Monde*.";
        assert_eq!(
            shown(text, quotations(text)),
            [
                "‘Tous les méchants sont buveurs d’eau’",
                "_Les Misérables_",
                "*Le Monde*"
            ]
        );
        let text = "“open\n\nnever closed” and “x » y";
        assert_eq!(shown(text, quotations(text)), ["“x »"]);
    }

    #[test]
    fn guillemets_are_quotations_of_the_french_sentence_rule() {
        let text = "Il a dit «Vive “la” France» puis « x ” y « z » et ‘ok’.";
        assert_eq!(
            shown(text, quotations_and_guillemets(text)),
            ["«Vive “la” France»", "« x ”", "« z »", "‘ok’"]
        );
        assert_eq!(shown(text, quotations(text)), ["“la”", "‘ok’"]);
    }

    #[test]
    fn line_spans() {
        let text = "«On lâche rien» [étaient] the ‘bidonvilles,’ or ‘x’y";
        assert_eq!(
            shown(text, guillemets(text, 0, text.len())),
            ["«On lâche rien»"]
        );
        assert_eq!(shown(text, brackets(text, 0, text.len())), ["[étaient]"]);
        assert_eq!(
            shown(text, single_quoted(text, 0, text.len())),
            ["‘bidonvilles,’"]
        );
    }
}
