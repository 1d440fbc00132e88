//! Protected spans: the parts of a document no rule may edit.
//!
//! URLs, e-mail addresses, domain names and file names, and in Markdown inline code,
//! fenced and indented code blocks and link targets. The caller drops every finding that
//! overlaps one (see `cleanup/engine.py`), so the mechanism is shared by every rule.
//!
//! What counts as a domain or a file name is data from the rule packs ([`ProtectData`]):
//! the top-level domains, the file extensions, and the top-level domains that, written in
//! title case after a full stop, begin a sentence more often than they end a domain
//! (`in Paris.It was` is sentence glue; `Sky.Shop` is a brand).
//!
//! Every scan is a forward walk that never goes back over text it has consumed, so the
//! whole function runs in time linear in the text. Offsets are bytes.

use std::collections::{HashMap, HashSet};

use crate::offsets::char_before;

/// The word lists that decide what a domain and a file name are (lower case).
#[derive(Debug, Clone, Default)]
pub struct ProtectData {
    tlds: HashSet<String>,
    sentence_starters: HashSet<String>,
    file_extensions: HashSet<String>,
}

impl ProtectData {
    /// Build from the packs' lists; entries are compared without regard to case.
    pub fn new<T, S, E>(tlds: T, sentence_starters: S, file_extensions: E) -> Self
    where
        T: IntoIterator,
        T::Item: AsRef<str>,
        S: IntoIterator,
        S::Item: AsRef<str>,
        E: IntoIterator,
        E::Item: AsRef<str>,
    {
        fn lower<I: IntoIterator>(items: I) -> HashSet<String>
        where
            I::Item: AsRef<str>,
        {
            items
                .into_iter()
                .map(|item| item.as_ref().trim().to_lowercase())
                .filter(|item| !item.is_empty())
                .collect()
        }
        ProtectData {
            tlds: lower(tlds),
            sentence_starters: lower(sentence_starters),
            file_extensions: lower(file_extensions),
        }
    }
}

/// Every protected span of `text` as sorted, merged `(start, end)` byte ranges.
///
/// `markdown` adds Markdown's code (inline, fenced, indented) and link targets.
pub fn protected_spans(text: &str, markdown: bool, data: &ProtectData) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    urls(text, &mut spans);
    emails(text, &mut spans);
    names(text, data, &mut spans);
    if markdown {
        markdown_spans(text, &mut spans);
    }
    merge(spans)
}

fn merge(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.retain(|&(start, end)| start < end);
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Characters that end a URL written in running text (besides white space).
fn ends_url(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '<' | '>' | '"' | '`' | '“' | '”' | '«' | '»' | '‘' | '’' | '„' | '|' | '\\'
        )
}

/// The end of a URL (or a path) that starts at `from`: up to the first character that
/// cannot belong to it, less trailing punctuation and closing brackets it does not open.
fn url_end(text: &str, from: usize) -> usize {
    let mut end = from;
    let mut opened = [0usize; 3];
    let mut closed = [0usize; 3];
    for (offset, c) in text[from..].char_indices() {
        if ends_url(c) {
            break;
        }
        match c {
            '(' => opened[0] += 1,
            '[' => opened[1] += 1,
            '{' => opened[2] += 1,
            ')' => closed[0] += 1,
            ']' => closed[1] += 1,
            '}' => closed[2] += 1,
            _ => {}
        }
        end = from + offset + c.len_utf8();
    }
    while let Some(c) = char_before(text, end) {
        if end <= from {
            break;
        }
        let bracket = match c {
            ')' => Some(0),
            ']' => Some(1),
            '}' => Some(2),
            _ => None,
        };
        let trailing = match bracket {
            Some(kind) if closed[kind] > opened[kind] => {
                closed[kind] -= 1;
                true
            }
            Some(_) => false,
            None => matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_'),
        };
        if !trailing {
            break;
        }
        end -= c.len_utf8();
    }
    end
}

/// `scheme://…` and `www.…` URLs.
fn urls(text: &str, spans: &mut Vec<(usize, usize)>) {
    scheme_urls(text, spans);
    www_urls(text, spans);
}

/// `scheme://…` URLs.
fn scheme_urls(text: &str, spans: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut covered = 0usize;
    for (at, _) in text.match_indices("://") {
        if at < covered {
            continue;
        }
        let mut start = at;
        while start > covered
            && (bytes[start - 1].is_ascii_alphanumeric()
                || matches!(bytes[start - 1], b'+' | b'-' | b'.'))
        {
            start -= 1;
        }
        while start < at && !bytes[start].is_ascii_alphabetic() {
            start += 1;
        }
        if start == at {
            continue;
        }
        let end = url_end(text, at + 3);
        if end > at + 3 {
            spans.push((start, end));
            covered = end;
        }
    }
}

/// `www.…` URLs: every candidate ends in a full stop, so only the full stops are visited.
fn www_urls(text: &str, spans: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    let mut covered = 0usize;
    for (dot, _) in text.match_indices('.') {
        let Some(at) = dot.checked_sub(3) else {
            continue;
        };
        if at >= covered
            && bytes[at..dot].eq_ignore_ascii_case(b"www")
            && !char_before(text, at).is_some_and(|c| c.is_alphanumeric() || "-_.@/".contains(c))
        {
            let end = url_end(text, at);
            if end > at + 5 {
                spans.push((at, end));
                covered = end;
            }
        }
    }
}

fn is_local_part(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// `name@example.org`.
fn emails(text: &str, spans: &mut Vec<(usize, usize)>) {
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices('@') {
        let mut start = at;
        while start > 0 && is_local_part(bytes[start - 1]) {
            start -= 1;
        }
        while start < at && bytes[start] == b'.' {
            start += 1;
        }
        if start == at {
            continue;
        }
        let mut end = at + 1;
        while end < bytes.len()
            && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'-' || bytes[end] == b'.')
        {
            end += 1;
        }
        while end > at + 1 && matches!(bytes[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let domain = &text[at + 1..end];
        let labels: Vec<&str> = domain.split('.').collect();
        let tld = labels[labels.len() - 1];
        if labels.len() >= 2
            && labels.iter().all(|label| !label.is_empty())
            && tld.len() >= 2
            && tld.bytes().all(|byte| byte.is_ascii_alphabetic())
        {
            spans.push((start, end));
        }
    }
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.')
}

/// Domain names (`onu.org`, `News.Site.Org`, with a path or port) and file names
/// (`report.pdf`, `data_2024.csv`): runs of letters, digits, `-`, `_` and `.`.
///
/// Only a run holding a full stop can be one, so the scan visits the full stops (a byte
/// search) and reads the run around each: ordinary prose costs one short look per sentence.
/// The runs are those of a forward walk over the characters that, after a span, starts
/// again where the span ends.
fn names(text: &str, data: &ProtectData, spans: &mut Vec<(usize, usize)>) {
    // No run starts before `resume`: the end of the last run read, or of the last span.
    let mut resume = 0usize;
    while let Some(offset) = text.get(resume..).and_then(|rest| rest.find('.')) {
        let dot = resume + offset;
        let mut start = dot;
        while start > resume {
            match char_before(text, start) {
                Some(c) if is_name_char(c) => start -= c.len_utf8(),
                _ => break,
            }
        }
        let end = text[dot..]
            .char_indices()
            .find(|&(_, c)| !is_name_char(c))
            .map_or(text.len(), |(at, _)| dot + at);
        resume = match name_span(text, start, end, data) {
            Some(span) => {
                spans.push(span);
                span.1.max(end)
            }
            None => end,
        };
    }
}

fn name_span(text: &str, start: usize, end: usize, data: &ProtectData) -> Option<(usize, usize)> {
    if char_before(text, start) == Some('@') {
        return None; // an e-mail's domain: emails() decides
    }
    let run = &text[start..end];
    let trimmed_start = run.len() - run.trim_start_matches(['.', '-', '_']).len();
    let word = run
        .trim_start_matches(['.', '-', '_'])
        .trim_end_matches(['.', '-', '_']);
    if !word.contains('.') || word.contains("..") {
        return None;
    }
    let labels: Vec<&str> = word.split('.').collect();
    let last = labels[labels.len() - 1];
    let word_start = start + trimmed_start;
    let word_end = word_start + word.len();
    let lower_last = last.to_lowercase();
    let all_lower = !last.chars().any(char::is_uppercase);
    let all_upper = !last.chars().any(char::is_lowercase);
    if (all_lower || all_upper) && data.file_extensions.contains(&lower_last) {
        return Some((word_start, word_end));
    }
    if !last.chars().all(|c| c.is_ascii_alphabetic()) || !data.tlds.contains(&lower_last) {
        return None;
    }
    let label_ok = |label: &&str| {
        !label.is_empty()
            && !label.contains('_')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    if !labels.iter().all(label_ok) {
        return None;
    }
    let is_domain = if all_lower {
        true
    } else if all_upper {
        labels
            .iter()
            .all(|label| !label.chars().any(char::is_lowercase))
    } else {
        // A title-case ending: every part must start with a capital (`2004.Apple`, like
        // `resigned.Today`, is sentence glue), and a two-part name ending in a word that begins
        // sentences is sentence glue too (`Paris.It`).
        labels
            .iter()
            .all(|label| label.chars().next().is_some_and(char::is_uppercase))
            && (labels.len() > 2 || !data.sentence_starters.contains(&lower_last))
    };
    if !is_domain {
        return None;
    }
    // A port or a path right after the name belongs to it.
    let rest = &text[word_end..];
    let continues = rest.starts_with('/')
        || (rest.starts_with(':') && rest[1..].starts_with(|c: char| c.is_ascii_digit()));
    let span_end = if continues {
        url_end(text, word_end).max(word_end)
    } else {
        word_end
    };
    Some((word_start, span_end))
}

/// Line starts and ends (`end` before the `\n`) of `text`.
fn line_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut lines = Vec::new();
    let mut start = 0usize;
    for (at, _) in text.match_indices('\n') {
        lines.push((start, at));
        start = at + 1;
    }
    if start < text.len() {
        lines.push((start, text.len()));
    }
    lines
}

/// Columns of leading white space (a tab counts to the next multiple of four) and the
/// byte offset of the first other character.
fn indentation(line: &str) -> (usize, usize) {
    let mut columns = 0usize;
    for (at, c) in line.char_indices() {
        match c {
            ' ' => columns += 1,
            '\t' => columns += 4 - columns % 4,
            _ => return (columns, at),
        }
    }
    (columns, line.len())
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// A fence line (three or more backticks or tildes after at most three spaces): its
/// character and length.
fn fence(line: &str) -> Option<(u8, usize)> {
    let (columns, at) = indentation(line);
    if columns > 3 {
        return None;
    }
    let rest = line[at..].trim_end_matches('\r');
    let marker = *rest.as_bytes().first()?;
    if marker != b'`' && marker != b'~' {
        return None;
    }
    let length = rest.bytes().take_while(|&byte| byte == marker).count();
    if length < 3 || (marker == b'`' && rest[length..].contains('`')) {
        return None;
    }
    Some((marker, length))
}

fn is_list_item(line: &str) -> bool {
    let (columns, at) = indentation(line);
    if columns > 3 {
        return false;
    }
    let rest = &line.as_bytes()[at..];
    let marker_end = match rest.first() {
        Some(b'-' | b'*' | b'+') => 1,
        Some(byte) if byte.is_ascii_digit() => {
            let digits = rest.iter().take_while(|byte| byte.is_ascii_digit()).count();
            if digits > 9 || !matches!(rest.get(digits), Some(b'.' | b')')) {
                return false;
            }
            digits + 1
        }
        _ => return false,
    };
    matches!(rest.get(marker_end), None | Some(b' ' | b'\t' | b'\r'))
}

/// Markdown code (fenced, indented, inline) and link targets (inline, autolink, reference).
fn markdown_spans(text: &str, spans: &mut Vec<(usize, usize)>) {
    let lines = line_ranges(text);
    let mut paragraph: Option<(usize, usize)> = None;
    let mut open_fence: Option<(u8, usize, usize)> = None; // marker, length, block start
    let mut previous_blank = true;
    let mut in_indented = false;
    let mut in_list = false;
    for &(start, end) in &lines {
        let line = &text[start..end];
        if let Some((marker, length, block_start)) = open_fence {
            let closes = fence(line).is_some_and(|(m, l)| m == marker && l >= length)
                && line.trim().bytes().all(|byte| byte == marker);
            if closes {
                spans.push((block_start, end));
                open_fence = None;
                previous_blank = false;
            }
            continue;
        }
        if let Some((marker, length)) = fence(line) {
            flush_paragraph(text, &mut paragraph, spans);
            open_fence = Some((marker, length, start));
            in_indented = false;
            continue;
        }
        if is_blank(line) {
            flush_paragraph(text, &mut paragraph, spans);
            previous_blank = true;
            continue;
        }
        let (columns, _) = indentation(line);
        if columns >= 4 && !in_list && (previous_blank || in_indented) && paragraph.is_none() {
            spans.push((start, end));
            in_indented = true;
            previous_blank = false;
            continue;
        }
        in_indented = false;
        if is_list_item(line) {
            in_list = true;
        } else if columns == 0 {
            in_list = false;
        }
        reference_definition(text, start, end, spans);
        paragraph = Some(match paragraph {
            Some((first, _)) => (first, end),
            None => (start, end),
        });
        previous_blank = false;
    }
    if let Some((_, _, block_start)) = open_fence {
        spans.push((block_start, text.len()));
    }
    flush_paragraph(text, &mut paragraph, spans);
}

fn flush_paragraph(
    text: &str,
    paragraph: &mut Option<(usize, usize)>,
    spans: &mut Vec<(usize, usize)>,
) {
    if let Some((start, end)) = paragraph.take() {
        let code = inline_code(text, start, end);
        links(text, start, end, &code, spans);
        spans.extend(code);
    }
}

/// Code spans in `text[start..end]`: a run of n backticks up to the next run of exactly n.
fn inline_code(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut at = start;
    while at < end {
        if bytes[at] == b'`' {
            let run_start = at;
            while at < end && bytes[at] == b'`' {
                at += 1;
            }
            runs.push((run_start, at - run_start));
        } else {
            at += 1;
        }
    }
    // next[i]: the next run as long as run i.
    let mut next = vec![None; runs.len()];
    let mut seen: HashMap<usize, usize> = HashMap::new();
    for index in (0..runs.len()).rev() {
        next[index] = seen.insert(runs[index].1, index);
    }
    let mut code = Vec::new();
    let mut index = 0usize;
    while index < runs.len() {
        match next[index] {
            Some(close) => {
                code.push((runs[index].0, runs[close].0 + runs[close].1));
                index = close + 1;
            }
            None => index += 1,
        }
    }
    code
}

fn inside(spans: &[(usize, usize)], at: usize) -> bool {
    let index = spans.partition_point(|&(_, end)| end <= at);
    spans.get(index).is_some_and(|&(start, _)| start <= at)
}

/// Inline link and image targets `[text](target "title")` and autolinks `<https://…>`.
fn links(
    text: &str,
    start: usize,
    end: usize,
    code: &[(usize, usize)],
    spans: &mut Vec<(usize, usize)>,
) {
    let bytes = text.as_bytes();
    let mut covered = start;
    let mut at = start;
    while at < end {
        let byte = bytes[at];
        if at >= covered && byte == b'(' && at > start && bytes[at - 1] == b']' && !inside(code, at)
        {
            let (close, reached) = link_target_end(bytes, at + 1, end);
            covered = reached;
            if let Some(close) = close {
                spans.push((at + 1, close));
            }
        } else if at >= covered && byte == b'<' && !inside(code, at) {
            let mut stop = at + 1;
            while stop < end
                && !bytes[stop].is_ascii_whitespace()
                && bytes[stop] != b'<'
                && bytes[stop] != b'>'
            {
                stop += 1;
            }
            covered = stop;
            let inner = &text[at + 1..stop];
            if stop < end && bytes[stop] == b'>' && (inner.contains(':') || inner.contains('@')) {
                spans.push((at + 1, stop));
            }
        }
        at += 1;
    }
}

/// From just after `(`: the offset of the `)` that closes a link target (destination and
/// optional title), and how far the scan went.
fn link_target_end(bytes: &[u8], from: usize, end: usize) -> (Option<usize>, usize) {
    let mut at = from;
    let skip_space = |mut at: usize| {
        while at < end && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        at
    };
    at = skip_space(at);
    if at < end && bytes[at] == b'<' {
        while at < end && bytes[at] != b'>' && bytes[at] != b'\n' {
            at += 1;
        }
        if at >= end || bytes[at] != b'>' {
            return (None, at);
        }
        at += 1;
    } else {
        let mut depth = 0usize;
        while at < end && !bytes[at].is_ascii_whitespace() {
            match bytes[at] {
                b'(' => depth += 1,
                b')' if depth == 0 => return (Some(at), at),
                b')' => depth -= 1,
                _ => {}
            }
            at += 1;
        }
    }
    at = skip_space(at);
    if at < end && matches!(bytes[at], b'"' | b'\'' | b'(') {
        let closing = if bytes[at] == b'(' { b')' } else { bytes[at] };
        at += 1;
        while at < end && bytes[at] != closing {
            at += 1;
        }
        if at >= end {
            return (None, at);
        }
        at = skip_space(at + 1);
    }
    if at < end && bytes[at] == b')' {
        (Some(at), at)
    } else {
        (None, at)
    }
}

/// `[label]: target "title"` at the start of a line: the target and title.
fn reference_definition(text: &str, start: usize, end: usize, spans: &mut Vec<(usize, usize)>) {
    let line = &text[start..end];
    let (columns, at) = indentation(line);
    if columns > 3 || !line[at..].starts_with('[') {
        return;
    }
    let Some(close) = line[at..].find("]:") else {
        return;
    };
    if close <= 1 {
        return;
    }
    let target = at + close + 2;
    let target = target + (line.len() - target - line[target..].trim_start().len());
    let target_end = line.trim_end().len();
    if target < target_end {
        spans.push((start + target, start + target_end));
    }
}

#[cfg(test)]
mod tests {
    use super::{protected_spans, ProtectData};

    fn data() -> ProtectData {
        ProtectData::new(
            [
                "org", "com", "fr", "it", "shop", "uk", "co", "today", "ltd", "news",
            ],
            ["it", "today"],
            ["pdf", "csv", "txt", "mp3"],
        )
    }

    fn protected(text: &str, markdown: bool) -> Vec<&str> {
        protected_spans(text, markdown, &data())
            .into_iter()
            .map(|(start, end)| &text[start..end])
            .collect()
    }

    #[test]
    fn urls_end_before_trailing_punctuation_and_unopened_brackets() {
        assert_eq!(
            protected("See https://example.org/ONU-rapport.", false),
            ["https://example.org/ONU-rapport"]
        );
        assert_eq!(
            protected("(see https://en.wikipedia.org/wiki/A_(b)), then", false),
            ["https://en.wikipedia.org/wiki/A_(b)"]
        );
        assert_eq!(
            protected("at www.onu.org/fr/OTAN, he", false),
            ["www.onu.org/fr/OTAN"]
        );
        assert_eq!(protected("«https://x.fr/a»", false), ["https://x.fr/a"]);
    }

    #[test]
    fn emails_and_domains_with_paths() {
        assert_eq!(
            protected("Write to presse@onu.org.", false),
            ["presse@onu.org"]
        );
        assert_eq!(
            protected("on onu.org/fr/OTAN today", false),
            ["onu.org/fr/OTAN"]
        );
        assert_eq!(
            protected("host bbc.co.uk:8080/news ok", false),
            ["bbc.co.uk:8080/news"]
        );
    }

    #[test]
    fn title_case_brands_are_domains_but_sentence_glue_is_not() {
        assert_eq!(
            protected("Visit News.Site.Org today", false),
            ["News.Site.Org"]
        );
        assert_eq!(protected("from Sky.Shop now", false), ["Sky.Shop"]);
        assert!(protected("in Paris.The minister", false).is_empty());
        assert!(protected("in Paris.It was", false).is_empty());
        assert!(protected("he resigned.Today the", false).is_empty());
        assert!(protected("sales in 2004.News said", false).is_empty());
        assert!(protected("e.g. the U.S. and p.m.", false).is_empty());
        assert!(protected("3.14 and 1.5.2", false).is_empty());
        assert!(protected("wait...Org", false).is_empty());
    }

    #[test]
    fn file_names() {
        assert_eq!(
            protected("Open report.pdf and data_2024.csv.", false),
            ["report.pdf", "data_2024.csv"]
        );
        assert!(protected("the end.Pdf", false).is_empty());
        assert_eq!(protected("see _report.pdf_ now", true), ["report.pdf"]);
        assert_eq!(
            protected("song.mp3 and SONG.MP3", false),
            ["song.mp3", "SONG.MP3"]
        );
    }

    #[test]
    fn markdown_code_and_link_targets() {
        let text = "Use `Aleppo , Syria` here.\n\n```\nin Paris.The x\n```\n\n    indented , code\n\nSee [the text](http://a.org/b \"t\") and <https://x.org/y>.\n\n[ref]: /path/to , x\n";
        assert_eq!(
            protected(text, true),
            [
                "`Aleppo , Syria`",
                "```\nin Paris.The x\n```",
                "    indented , code",
                "http://a.org/b \"t\"",
                "https://x.org/y",
                "/path/to , x"
            ]
        );
        // Not Markdown: only the URLs.
        assert_eq!(
            protected(text, false),
            ["http://a.org/b", "https://x.org/y"]
        );
    }

    #[test]
    fn markdown_edge_cases() {
        // An unclosed fence runs to the end; an unmatched backtick is literal.
        assert_eq!(protected("a ` b\n~~~\ncode", true), ["~~~\ncode"]);
        // A list item's continuation is not code.
        assert!(protected("- item\n\n    more , text\n", true).is_empty());
        // An indented line inside a paragraph continues it.
        assert!(protected("para\n    still , para\n", true).is_empty());
        // Double backticks close only on double backticks.
        assert_eq!(protected("``a ` b`` c `d`", true), ["``a ` b``", "`d`"]);
    }

    #[test]
    fn offsets_are_bytes_and_merged() {
        let text = "é https://a.org/x`b` c";
        let spans = protected_spans(text, true, &data());
        assert_eq!(spans, [(3, text.len() - 2)]);
    }

    /// The scans as they were before they visited only the full stops: the reference the
    /// gated scans must agree with.
    mod reference {
        use super::super::{char_before, is_name_char, name_span, url_end, ProtectData};

        /// The byte-by-byte scan of `www.` URLs `super::www_urls` replaced (after the
        /// `scheme://` URLs, which it did not change).
        pub(super) fn urls(text: &str, spans: &mut Vec<(usize, usize)>) {
            super::super::scheme_urls(text, spans);
            let bytes = text.as_bytes();
            let mut covered = 0usize;
            let mut at = 0usize;
            while at + 4 <= bytes.len() {
                if at >= covered
                    && bytes[at..at + 4].eq_ignore_ascii_case(b"www.")
                    && !char_before(text, at)
                        .is_some_and(|c| c.is_alphanumeric() || "-_.@/".contains(c))
                {
                    let end = url_end(text, at);
                    if end > at + 5 {
                        spans.push((at, end));
                        covered = end;
                        at = end;
                        continue;
                    }
                }
                at += 1;
            }
        }

        /// The character-by-character walk `super::names` replaced.
        pub(super) fn names(text: &str, data: &ProtectData, spans: &mut Vec<(usize, usize)>) {
            let mut run_start: Option<usize> = None;
            let mut resume = 0usize;
            for (at, c) in text
                .char_indices()
                .chain(std::iter::once((text.len(), ' ')))
            {
                if at < resume {
                    continue;
                }
                if is_name_char(c) && at < text.len() {
                    run_start.get_or_insert(at);
                    continue;
                }
                let Some(start) = run_start.take() else {
                    continue;
                };
                if let Some(span) = name_span(text, start, at, data) {
                    spans.push(span);
                    resume = span.1;
                }
            }
        }
    }

    #[test]
    fn gated_scans_find_what_the_full_scans_found() {
        let data = data();
        let alphabet = "aZw.W/:@-_ é.\u{2019}io1)(rgfcptdx";
        let mut texts: Vec<String> =
            crate::testing::random_texts(alphabet, 11, 20_000, 40).collect();
        texts.extend(
            [
                "see www.onu.org/fr. and WWW.x.fr",
                "éé.www.a.org www.",
                "a.b.c.org/x.pdf. and report.pdf.. News.Site.Org",
                "x@a.org.uk b.c",
            ]
            .map(String::from),
        );
        for text in &texts {
            let (mut new, mut old) = (Vec::new(), Vec::new());
            super::urls(text, &mut new);
            reference::urls(text, &mut old);
            assert_eq!(new, old, "urls {text:?}");
            let (mut new, mut old) = (Vec::new(), Vec::new());
            super::names(text, &data, &mut new);
            reference::names(text, &data, &mut old);
            assert_eq!(new, old, "names {text:?}");
        }
    }

    #[test]
    fn linear_on_pathological_input() {
        let many = ["a://", "](", "www.", "`", "a.", "<", "@a."];
        for piece in many {
            let text = piece.repeat(50_000);
            let started = std::time::Instant::now();
            let _ = protected_spans(&text, true, &data());
            assert!(started.elapsed().as_secs_f64() < 2.0, "{piece}");
        }
    }
}
