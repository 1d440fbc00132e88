//! Number-format kinds whose replacement needs a little arithmetic or counting.
//!
//! `grouped-thousands`: French thousands separators (space, U+00A0, U+202F) become commas
//! (`12 400` → `12,400`). Digit groups right after a decimal point, or followed by a group
//! that is not three digits, are SI style and never touched (`6.022 140 76`), and a document
//! that writes any number SI style (digit groups after a decimal point, or followed by a unit
//! symbol of the pack's list: `299 792 458 m/s`) writes all of them so, and none of its
//! numbers is touched; a group right after a month name (`June 12 500`) may be a date
//! followed by a count, so it is reported without a fix. Groups are joined only where they
//! can be nothing but one number: never where the digits may be two numbers of a French
//! range whose `à` MT dropped (`between 300 400 protesters`: two round numbers of a size, or
//! a `between` with no `and` or `to` soon after), nor where the last group starts a model or
//! code number (`the 20 747-400 jets`, `20 747s`).
//!
//! `clock-time`: French times (`18 h 30`, `18h30`, `20 h`) become English 12-hour times; the
//! `h` could also be "hours", so the fix is safe only after a word that introduces a time
//! (`at`, `from`, `until`…) or for an afternoon time with minutes, and unsafe otherwise.
//!
//! `ordinal-suffix`: French ordinal endings (`21e`, `1er`, `1re`) and their MT echo (`21the`)
//! become English ones (`21st`), where the digits stand alone and a word follows.
//!
//! Every condition is the Python kind's regular expression spelled out as checks on the
//! characters around a candidate (offsets in bytes), with its look-behinds seeing the whole
//! text and its `$` matching before a final newline of the window it searched, as Python's
//! `regex` module does.

use std::collections::HashSet;

use regex::Regex;

use crate::context::Ahead;
use crate::doc::Doc;
use crate::engine::{Hit, Level};
use crate::offsets::{char_at, char_before};
use crate::pystr::{casefold, CharClass, Digits};

/// French thousands separators: space, no-break space, narrow no-break space.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// The character at the next place from `at` where a decimal digit may be (an ASCII digit or
/// any non-ASCII character), moving `at` there: ASCII text is skipped a byte at a time.
fn next_digit_candidate(text: &str, at: &mut usize) -> Option<char> {
    let skip = text.as_bytes()[*at..]
        .iter()
        .position(|&byte| byte.is_ascii_digit() || !byte.is_ascii())?;
    *at += skip;
    char_at(text, *at)
}

/// The byte offset `count` characters before `at` (0 when the text is shorter).
fn chars_back(text: &str, at: usize, count: usize) -> usize {
    if count == 0 {
        return at;
    }
    text[..at]
        .char_indices()
        .rev()
        .nth(count - 1)
        .map_or(0, |(index, _)| index)
}

/// What the number kinds share: character classes and the word before a number.
struct Chars {
    digits: Digits,
    letters: CharClass,
    numbers: CharClass,
}

impl Chars {
    fn new() -> Chars {
        Chars {
            digits: Digits::default(),
            letters: CharClass::new("\\p{L}"),
            numbers: CharClass::new("\\p{N}"),
        }
    }

    fn is_digit_at(&self, text: &str, at: usize) -> bool {
        char_at(text, at).is_some_and(|c| self.digits.is_digit(c))
    }

    /// The end of `count` decimal digits from `at`, if there are that many.
    fn digits_from(&self, text: &str, at: usize, count: usize) -> Option<usize> {
        let mut end = at;
        let mut chars = text[at..].chars();
        for _ in 0..count {
            let c = chars.next().filter(|&c| self.digits.is_digit(c))?;
            end += c.len_utf8();
        }
        Some(end)
    }

    /// The word right before `start`, as `(\p{L}+)[ \u{a0}]*$` finds it searching the 20
    /// characters before `start`: the letters before the spaces that end the window (or the
    /// newline that ends it), cut at the window's start.
    fn word_before<'t>(&self, text: &'t str, start: usize) -> Option<&'t str> {
        let window = chars_back(text, start, 20);
        let mut end = start;
        if text[window..end].ends_with('\n') {
            end -= 1;
        }
        let word_end = window + text[window..end].trim_end_matches([' ', '\u{a0}']).len();
        let mut word_start = word_end;
        for (index, c) in text[window..word_end].char_indices().rev() {
            if !self.letters.contains(c) {
                break;
            }
            word_start = window + index;
        }
        (word_start < word_end).then(|| &text[word_start..word_end])
    }
}

/// A `grouped-thousands` rule's data, as the pack loader read it.
#[derive(Clone, Debug, Default)]
pub struct GroupedThousandsSpec {
    /// Unit symbols that mark SI-style numbers (`m/s`, `km`).
    pub si_units: Vec<String>,
    /// Month names, case-folded: a date may precede a count.
    pub date_words: Vec<String>,
}

/// Ranges French writes `300 à 400`: both ends round, and of a size.
const RANGE_STEP: u64 = 5;
const RANGE_SPAN: u64 = 10;

pub struct GroupedThousandsRule {
    chars: Chars,
    units: Vec<String>,
    date_words: HashSet<String>,
    /// Digit groups after a decimal point (`6.022 140 76`).
    si_decimal: Regex,
    /// `and` or `to` soon after a number (`between 12 000 and 15 000`).
    and_after: Ahead,
}

impl GroupedThousandsRule {
    pub fn new(
        spec: &GroupedThousandsSpec,
    ) -> Result<GroupedThousandsRule, (&'static str, String)> {
        let si_decimal = Regex::new("\\p{Nd}[.,]\\p{Nd}{3}[ \u{a0}\u{202f}]\\p{Nd}")
            .map_err(|error| ("builtin", error.to_string()))?;
        let and_after = Ahead::new("(?i)[^.;:!?\\n]{0,40}?\\b(?:and|to)\\b")
            .map_err(|error| ("builtin", error))?;
        Ok(GroupedThousandsRule {
            chars: Chars::new(),
            units: spec
                .si_units
                .iter()
                .filter(|unit| !unit.is_empty())
                .cloned()
                .collect(),
            date_words: spec.date_words.iter().cloned().collect(),
            si_decimal,
            and_after,
        })
    }

    /// Whether a separator and three digits follow at `at` (another group).
    fn group_at(&self, text: &str, at: usize) -> Option<usize> {
        let separator = char_at(text, at).filter(|&c| is_separator(c))?;
        self.chars.digits_from(text, at + separator.len_utf8(), 3)
    }

    /// `(?![\p{N}]|SEP?[.,]?\p{Nd})` at `at`: no more digits, no SI group, no decimals.
    fn ends_number(&self, text: &str, at: usize) -> bool {
        if char_at(text, at).is_some_and(|c| self.chars.numbers.contains(c)) {
            return false;
        }
        let mut after_separator = vec![at];
        if let Some(c) = char_at(text, at).filter(|&c| is_separator(c)) {
            after_separator.insert(0, at + c.len_utf8());
        }
        for position in after_separator {
            if self.chars.is_digit_at(text, position) {
                return false;
            }
            if let Some(c) = char_at(text, position).filter(|&c| matches!(c, '.' | ',')) {
                if self.chars.is_digit_at(text, position + c.len_utf8()) {
                    return false;
                }
            }
        }
        true
    }

    /// The end of the grouped number starting at `start`, if one does: one to three digits,
    /// then one or more groups of a separator and three digits, not the tail of a longer
    /// number or an SI group, and not followed by more digits.
    fn number_at(&self, text: &str, start: usize) -> Option<usize> {
        if let Some(before) = char_before(text, start) {
            if matches!(before, '.' | ',') || self.chars.numbers.contains(before) {
                return None;
            }
            let before_start = start - before.len_utf8();
            if is_separator(before)
                && char_before(text, before_start).is_some_and(|c| self.chars.numbers.contains(c))
            {
                return None;
            }
        }
        for lead in (1..=3).rev() {
            let Some(mut end) = self.chars.digits_from(text, start, lead) else {
                continue;
            };
            let mut ends = Vec::new();
            while let Some(group_end) = self.group_at(text, end) {
                ends.push(group_end);
                end = group_end;
            }
            if let Some(&end) = ends.iter().rev().find(|&&end| self.ends_number(text, end)) {
                return Some(end);
            }
        }
        None
    }

    /// Every grouped number of the text, as Python's `finditer` takes them.
    fn numbers(&self, text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(c) = next_digit_candidate(text, &mut at) {
            if self.chars.digits.is_digit(c) {
                if let Some(end) = self.number_at(text, at) {
                    found.push((at, end));
                    at = end;
                    continue;
                }
            }
            at += c.len_utf8();
        }
        found
    }

    /// Whether a unit symbol follows at `at` (after one separator or none), ending there.
    fn unit_after(&self, text: &str, at: usize) -> bool {
        let mut starts = vec![at];
        if let Some(c) = char_at(text, at).filter(|&c| is_separator(c)) {
            starts.push(at + c.len_utf8());
        }
        starts.into_iter().any(|start| {
            self.units.iter().any(|unit| {
                text[start..].starts_with(unit.as_str())
                    && !char_at(text, start + unit.len()).is_some_and(|c| {
                        self.chars.letters.contains(c) || self.chars.numbers.contains(c)
                    })
            })
        })
    }

    /// Whether the last group starts a model or code number (`747-400`, `737/800`, `747s`),
    /// unless what follows the dash is a grouped number too (a range: `1 000-2 000`).
    fn code_after(&self, text: &str, end: usize) -> bool {
        match char_at(text, end) {
            Some(c @ ('-' | '\u{2013}' | '/')) => {
                let next = end + c.len_utf8();
                self.chars.is_digit_at(text, next) && !self.grouped_at(text, next)
            }
            Some('s') => !char_at(text, end + 1)
                .is_some_and(|c| self.chars.letters.contains(c) || self.chars.numbers.contains(c)),
            _ => false,
        }
    }

    /// `\p{Nd}{1,3}SEP\p{Nd}{3}(?!\p{N})` at `at`.
    fn grouped_at(&self, text: &str, at: usize) -> bool {
        (1..=3).any(|lead| {
            self.chars
                .digits_from(text, at, lead)
                .and_then(|end| self.group_at(text, end))
                .is_some_and(|end| {
                    !char_at(text, end).is_some_and(|c| self.chars.numbers.contains(c))
                })
        })
    }

    /// Whether the grouped digits may be two numbers of a range that lost its `to`: two
    /// groups both round and of a size (the second larger, at most ten times the first), or
    /// any number after `between` with no `and` or `to` soon after it.
    fn may_be_range(&self, text: &str, start: usize, end: usize) -> bool {
        let groups: Vec<&str> = text[start..end].split(is_separator).collect();
        if let [first, second] = groups[..] {
            let (first, second) = (
                self.chars.digits.number(first),
                self.chars.digits.number(second),
            );
            if first % RANGE_STEP == 0
                && second % RANGE_STEP == 0
                && first < second
                && second <= first.saturating_mul(RANGE_SPAN)
            {
                return true;
            }
        }
        if self.after_between(text, start) {
            return !self.and_after.holds(text, end);
        }
        false
    }

    /// `\bbetween[ \u{a0}]+$` (case-insensitive) in the 12 characters before `start`.
    fn after_between(&self, text: &str, start: usize) -> bool {
        let window = chars_back(text, start, 12);
        let mut end = start;
        if text[window..end].ends_with('\n') {
            end -= 1;
        }
        let word_end = window + text[window..end].trim_end_matches([' ', '\u{a0}']).len();
        if word_end == end || word_end < window + 7 {
            return false;
        }
        let word_start = word_end - 7;
        text.get(word_start..word_end)
            .is_some_and(|word| word.eq_ignore_ascii_case("between"))
            && !char_before(text, word_start).is_some_and(regex_syntax::is_word_character)
    }

    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        let numbers: Vec<(usize, usize)> = self
            .numbers(text)
            .into_iter()
            .filter(|&(start, _)| !text[start..].starts_with('0'))
            .collect();
        if numbers.is_empty() || self.si_decimal.is_match(text) {
            return;
        }
        if numbers.iter().any(|&(_, end)| self.unit_after(text, end)) {
            return;
        }
        for (start, end) in numbers {
            if self.code_after(text, end) || self.may_be_range(text, start, end) {
                continue;
            }
            let number = &text[start..end];
            let replacement: String = number
                .chars()
                .map(|c| if is_separator(c) { ',' } else { c })
                .collect();
            let mut hit = Hit::new(rule, start, end, Some(replacement));
            let extra = hit.extra_mut();
            extra.edits = number
                .char_indices()
                .filter(|&(_, c)| is_separator(c))
                .map(|(index, c)| (start + index, start + index + c.len_utf8(), ",".to_string()))
                .collect();
            let date = self
                .chars
                .word_before(text, start)
                .is_some_and(|word| self.date_words.contains(&casefold(word)));
            if date {
                extra.level = Some(Level::None);
            }
            hits.push(hit);
        }
    }
}

/// A `clock-time` rule's data, as the pack loader read it.
#[derive(Clone, Debug, Default)]
pub struct ClockTimeSpec {
    /// Words after which a bare `N h` is a time, case-folded.
    pub time_words: Vec<String>,
    /// The ways of writing the morning and afternoon suffixes (`("a.m.", "p.m.")`,
    /// `("am", "pm")`): the first the document already writes after a number is used, else
    /// the first.
    pub meridiem: Vec<(String, String)>,
    /// Phrases naming the part of the day after a time (`of the morning`, `in the evening`)
    /// with the half of the day each means (`"am"` or `"pm"`): the suffix says it, so the
    /// phrase is taken into the fix (`3 h of the morning` → `3 a.m.`).
    pub day_parts: Vec<(String, String)>,
    /// Day names, case-folded: `N h` right after one is a time (`from Friday 21 h`) when
    /// nothing but punctuation, the end of the text or a time word follows it.
    pub weekdays: Vec<String>,
}

pub struct ClockTimeRule {
    chars: Chars,
    time_words: HashSet<String>,
    weekdays: HashSet<String>,
    /// `between N h and M h`: two times the same range joins.
    between: Regex,
    meridiem: Vec<(String, String)>,
    /// Lower-case phrases, `true` for the afternoon half.
    day_parts: Vec<(String, bool)>,
}

/// A French time: where it ends, its hour and its minutes as written.
struct Time<'t> {
    end: usize,
    hour: u64,
    minute: Option<&'t str>,
}

impl ClockTimeRule {
    pub fn new(spec: &ClockTimeSpec) -> Result<ClockTimeRule, (&'static str, String)> {
        if spec.meridiem.is_empty() {
            return Err(("meridiem", "at least one pair of suffixes is needed".into()));
        }
        if let Some((am, pm)) = spec
            .meridiem
            .iter()
            .find(|(am, pm)| am.trim().is_empty() || pm.trim().is_empty())
        {
            return Err(("meridiem", format!("empty suffix in [{am:?}, {pm:?}]")));
        }
        let mut day_parts = Vec::with_capacity(spec.day_parts.len());
        for (phrase, half) in &spec.day_parts {
            let is_pm = match half.as_str() {
                "am" => false,
                "pm" => true,
                other => return Err(("day_parts", format!("{other:?} is neither am nor pm"))),
            };
            day_parts.push((phrase.to_lowercase(), is_pm));
        }
        Ok(ClockTimeRule {
            chars: Chars::new(),
            time_words: spec.time_words.iter().cloned().collect(),
            weekdays: spec.weekdays.iter().cloned().collect(),
            between: Regex::new(
                r"(?i)\bbetween[ \u{a0}]+(?P<first>[0-9]{1,2})[ \u{a0}]?h(?:[ \u{a0}]?[0-5][0-9])?[ \u{a0}]+and[ \u{a0}]+(?P<second>[0-9]{1,2})[ \u{a0}]?h(?:[ \u{a0}]?[0-5][0-9])?(?:[^\p{L}\p{N}]|$)",
            )
            .expect("a valid regex"),
            meridiem: spec.meridiem.clone(),
            day_parts,
        })
    }

    /// A day part right after a time ending at `end` that agrees with `hour`: the hour on
    /// the 24-hour clock it means and where the time ends with the phrase taken in. Before
    /// `of` (`at 8 h in the evening of 5 May`) the phrase names a day and stays.
    fn day_part(&self, text: &str, end: usize, hour: u64) -> Option<(u64, usize)> {
        let rest = text[end..].strip_prefix(' ')?;
        self.day_parts.iter().find_map(|(phrase, is_pm)| {
            let head = rest.get(..phrase.len())?;
            if !head.eq_ignore_ascii_case(phrase) {
                return None;
            }
            let after = &rest[phrase.len()..];
            if after.starts_with(|c: char| c.is_alphanumeric()) {
                return None;
            }
            let hour = match (hour, is_pm) {
                (1..=11, false) | (12..=23, true) => hour,
                (1..=11, true) => hour + 12,
                _ => return None,
            };
            let names_a_day = after
                .get(..4)
                .is_some_and(|of| of.eq_ignore_ascii_case(" of "));
            Some((
                hour,
                if names_a_day {
                    end
                } else {
                    end + 1 + phrase.len()
                },
            ))
        })
    }

    /// The starts of the two times of each overnight range (`between 20 h and 8 h`): the
    /// second hour before the first can only be a clock's, never a range of durations.
    fn overnight_ranges(&self, text: &str) -> Vec<usize> {
        let mut starts = Vec::new();
        if !text.contains("etween") {
            return starts;
        }
        for captures in self.between.captures_iter(text) {
            let (first, second) = (&captures["first"], &captures["second"]);
            let (Ok(from), Ok(to)) = (first.parse::<u64>(), second.parse::<u64>()) else {
                continue;
            };
            if to < from && (12..=23).contains(&from) && to <= 12 {
                starts.push(captures.name("first").map_or(0, |m| m.start()));
                starts.push(captures.name("second").map_or(0, |m| m.start()));
            }
        }
        starts
    }

    /// Whether the time `start..end` follows a day name and ends its phrase: punctuation,
    /// the end of the text, or a time word after it (`from Friday 21 h until …`), not a
    /// noun it may measure (`a Sunday 12 h shift`).
    fn after_weekday(&self, text: &str, start: usize, end: usize) -> bool {
        if !self
            .chars
            .word_before(text, start)
            .is_some_and(|word| self.weekdays.contains(&casefold(word)))
        {
            return false;
        }
        let rest = text[end..].trim_start_matches([' ', '\u{a0}']);
        match rest.chars().next() {
            None => true,
            Some(c) if !c.is_alphanumeric() => c != '-',
            Some(_) => {
                let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
                self.time_words.contains(&casefold(&word)) || casefold(&word) == "and"
            }
        }
    }

    /// The suffixes the document itself writes after a number (`6 pm`, `6.30p.m.`), in
    /// the order of the spec; the first when it writes none.
    fn house_style(&self, text: &str) -> (&str, &str) {
        let written = |suffix: &str| {
            text.match_indices(suffix).any(|(at, _)| {
                let before = text[..at].trim_end_matches(' ');
                before.ends_with(|c: char| c.is_ascii_digit())
                    && !text[at + suffix.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphanumeric())
            })
        };
        let (am, pm) = self
            .meridiem
            .iter()
            .find(|(am, pm)| written(am) || written(pm))
            .unwrap_or(&self.meridiem[0]);
        (am, pm)
    }

    /// The ends of the hour at `at`, in the order `[01]?\d|2[0-3]` tries them.
    fn hours(&self, text: &str, at: usize) -> Vec<usize> {
        let mut ends = Vec::with_capacity(3);
        let first = char_at(text, at);
        if matches!(first, Some('0' | '1')) {
            if let Some(end) = self.chars.digits_from(text, at + 1, 1) {
                ends.push(end);
            }
        }
        if let Some(end) = self.chars.digits_from(text, at, 1) {
            ends.push(end);
        }
        if first == Some('2') && matches!(char_at(text, at + 1), Some('0'..='3')) {
            ends.push(at + 2);
        }
        ends
    }

    /// A separator at `at` taken, then not taken, as `SEP?` tries it.
    fn optional_separator(text: &str, at: usize) -> Vec<usize> {
        match char_at(text, at).filter(|&c| is_separator(c)) {
            Some(c) => vec![at + c.len_utf8(), at],
            None => vec![at],
        }
    }

    /// `(?![\p{L}\p{N}\-]|[.,:]\p{N})` at `at`.
    fn ends_time(&self, text: &str, at: usize) -> bool {
        match char_at(text, at) {
            None => true,
            Some(c)
                if c == '-' || self.chars.letters.contains(c) || self.chars.numbers.contains(c) =>
            {
                false
            }
            Some(c @ ('.' | ',' | ':')) => {
                !char_at(text, at + c.len_utf8()).is_some_and(|c| self.chars.numbers.contains(c))
            }
            Some(_) => true,
        }
    }

    /// The time starting at `start`, as the Python pattern's backtracking finds it first.
    fn time_at<'t>(&self, text: &'t str, start: usize) -> Option<Time<'t>> {
        if char_before(text, start).is_some_and(|c| {
            matches!(c, '.' | ',' | ':' | '/')
                || self.chars.letters.contains(c)
                || self.chars.numbers.contains(c)
        }) {
            return None;
        }
        for hour_end in self.hours(text, start) {
            for h in Self::optional_separator(text, hour_end) {
                if char_at(text, h) != Some('h') {
                    continue;
                }
                for minute_start in Self::optional_separator(text, h + 1) {
                    let minute_end = match char_at(text, minute_start) {
                        Some('0'..='5') => self.chars.digits_from(text, minute_start + 1, 1),
                        _ => None,
                    };
                    let tries = minute_end
                        .map(|end| (end, Some(&text[minute_start..end])))
                        .into_iter()
                        .chain([(minute_start, None)]);
                    for (end, minute) in tries {
                        if self.ends_time(text, end) {
                            let hour = self.chars.digits.number(&text[start..hour_end]);
                            return Some(Time { end, hour, minute });
                        }
                    }
                }
            }
        }
        None
    }

    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        let mut at = 0;
        let mut style: Option<(&str, &str)> = None;
        let mut overnight: Option<Vec<usize>> = None;
        while let Some(c) = next_digit_candidate(text, &mut at) {
            if !self.chars.digits.is_digit(c) {
                at += c.len_utf8();
                continue;
            }
            let Some(time) = self.time_at(text, at) else {
                at += c.len_utf8();
                continue;
            };
            // "20 h" and "2 h 30" may be durations ("20 hours"): safe only after a word that
            // introduces a time ("at", "from", "until"), or for an afternoon time with minutes.
            // A day part after it (`of the morning`) says it is a time, and which half.
            let day_part = self.day_part(text, time.end, time.hour);
            let is_time_context = day_part.is_some()
                || self
                    .chars
                    .word_before(text, at)
                    .is_some_and(|word| self.time_words.contains(&casefold(word)))
                || self.after_weekday(text, at, time.end)
                || overnight
                    .get_or_insert_with(|| self.overnight_ranges(text))
                    .contains(&at);
            let (hour, time_end) = day_part.unwrap_or((time.hour, time.end));
            let suffixes = *style.get_or_insert_with(|| self.house_style(text));
            let replacement = format_clock_time(hour, time.minute, suffixes);
            // A suffix ending in a point ends the sentence too: `at 9 h.` → `at 9 a.m.`.
            let end = if replacement.ends_with('.') && text[time_end..].starts_with('.') {
                time_end + 1
            } else {
                time_end
            };
            let mut hit = Hit::new(rule, at, end, Some(replacement));
            let is_afternoon_with_minutes = time.minute.is_some() && time.hour >= 13;
            if !(is_time_context || is_afternoon_with_minutes) {
                hit.extra_mut().level = Some(Level::Unsafe);
            }
            hits.push(hit);
            at = end;
        }
    }
}

/// A 24-hour French time written the English 12-hour way (`18`, `30` → `6:30 pm`), with
/// the suffixes `(am, pm)`. Twelve and zero o'clock sharp are `noon` and `midnight`: `12 pm`
/// and `12 am` are read both ways.
fn format_clock_time(hour: u64, minute: Option<&str>, (am, pm): (&str, &str)) -> String {
    if minute.is_none_or(|minute| minute == "00") {
        match hour {
            12 => return "noon".into(),
            0 => return "midnight".into(),
            _ => {}
        }
    }
    let suffix = if hour < 12 { am } else { pm };
    let twelve = match hour % 12 {
        0 => 12,
        other => other,
    };
    match minute {
        Some(minute) if minute != "00" => format!("{twelve}:{minute} {suffix}"),
        _ => format!("{twelve} {suffix}"),
    }
}

/// French ordinal endings, in the order the Python alternation tried them.
const FRENCH_SUFFIXES: [&str; 8] = ["e", "è", "ème", "eme", "the", "er", "re", "ère"];

/// An `ordinal-suffix` rule's data, as the pack loader read it.
#[derive(Clone, Debug, Default)]
pub struct OrdinalSuffixSpec {
    /// Month names (English and French), case-folded: an ordinal before one is a day.
    pub months: Vec<String>,
    /// Words joining two days of one date (`1er to 2 December`, `1er au 3 juin`), case-folded.
    pub range_words: Vec<String>,
    /// Nouns a Roman ordinal counts (`XIXe siècle`, `XXIe century`) and their English form:
    /// the Roman number before one takes Arabic digits and the English suffix, and a French
    /// noun is translated in the same edit (`XIXe siècle` → `19th century`).
    pub roman_nouns: Vec<(String, String)>,
}

/// An `ordinal-suffix` rule: in a date the day is written bare (`1er décembre` → `1 décembre`,
/// the month left to the glossary), elsewhere with the English suffix (`71e` → `71st`).
pub struct OrdinalSuffixRule {
    chars: Chars,
    months: HashSet<String>,
    range_words: HashSet<String>,
    roman_nouns: Vec<(String, String)>,
    /// A Roman number with a French ordinal ending, the spaces and the next word.
    roman: Regex,
}

impl OrdinalSuffixRule {
    pub fn new(spec: &OrdinalSuffixSpec) -> OrdinalSuffixRule {
        OrdinalSuffixRule {
            chars: Chars::new(),
            months: spec.months.iter().cloned().collect(),
            range_words: spec.range_words.iter().cloned().collect(),
            roman_nouns: spec.roman_nouns.clone(),
            roman: Regex::new(
                r"\b(?P<number>[IVXLC]{1,7})(?:e|è|ème|eme)[ \u{a0}]+(?P<noun>\p{L}+)",
            )
            .expect("a valid regex"),
        }
    }

    /// Roman ordinals before a listed noun (`XIXe siècle` → `19th century`).
    fn check_roman(&self, rule: u32, text: &str, hits: &mut Vec<Hit>) {
        if self.roman_nouns.is_empty() {
            return;
        }
        for captures in self.roman.captures_iter(text) {
            let (whole, number, noun) = (&captures[0], &captures["number"], &captures["noun"]);
            let start = captures.get(0).map_or(0, |m| m.start());
            if char_before(text, start).is_some_and(|c| matches!(c, '-' | '\'' | '’' | '.')) {
                continue;
            }
            let Some(value) = roman_value(number).filter(|value| (1..=40).contains(value)) else {
                continue;
            };
            let folded = casefold(noun);
            let Some((_, english)) = self
                .roman_nouns
                .iter()
                .find(|(source, _)| casefold(source) == folded)
            else {
                continue;
            };
            let ordinal = format!("{value}{}", english_ordinal_suffix(value));
            let noun_start = start + whole.len() - noun.len();
            let (end, replacement) = if english == noun {
                let end = start + captures["number"].len();
                let suffix_end = text[end..noun_start]
                    .trim_end_matches([' ', '\u{a0}'])
                    .len()
                    + end;
                (suffix_end, ordinal)
            } else {
                (start + whole.len(), format!("{ordinal} {english}"))
            };
            hits.push(Hit::new(rule, start, end, Some(replacement)));
        }
    }

    /// The word after the spaces at `at` (at least one): the word and where it ends.
    fn word_after<'t>(&self, text: &'t str, at: usize) -> Option<(&'t str, usize)> {
        let rest = &text[at..];
        let start = at + rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
        let length: usize = text[start..]
            .chars()
            .take_while(|&c| self.chars.letters.contains(c))
            .map(char::len_utf8)
            .sum();
        (start > at && length > 0).then(|| (&text[start..start + length], start + length))
    }

    fn is_month(&self, word: &str) -> bool {
        self.months.contains(&casefold(word))
    }

    /// Whether the ordinal ending at `end` is the day of a date: a month follows, directly
    /// (`1er décembre`) or after a second day (`1er to 2 December`, `1er au 3e juin`).
    fn is_day_of_date(&self, text: &str, end: usize) -> bool {
        let Some((word, word_end)) = self.word_after(text, end) else {
            return false;
        };
        if self.is_month(word) {
            return true;
        }
        if !self.range_words.contains(&casefold(word)) {
            return false;
        }
        let rest = &text[word_end..];
        let day = word_end + rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
        if day == word_end {
            return false;
        }
        let Some(mut day_end) = self.chars.digits_from(text, day, 1) else {
            return false;
        };
        if let Some(second) = self.chars.digits_from(text, day_end, 1) {
            day_end = second;
        }
        // The second day may keep a suffix of its own (`2e`, `2nd`).
        day_end += text[day_end..]
            .chars()
            .take(3)
            .take_while(|&c| self.chars.letters.contains(c))
            .map(char::len_utf8)
            .sum::<usize>();
        self.word_after(text, day_end)
            .is_some_and(|(word, _)| self.is_month(word))
    }

    /// `(?=[ \u{a0}]+\p{L})` at `at`: an ordinal qualifies the next word.
    fn word_follows(&self, text: &str, at: usize) -> bool {
        let rest = &text[at..];
        let word = rest.trim_start_matches([' ', '\u{a0}']);
        word.len() < rest.len()
            && word
                .chars()
                .next()
                .is_some_and(|c| self.chars.letters.contains(c))
    }

    /// The ordinal starting at `start`: where its digits end, the suffix, where it ends.
    fn ordinal_at(&self, text: &str, start: usize) -> Option<(usize, &'static str, usize)> {
        if char_before(text, start).is_some_and(|c| {
            matches!(c, '.' | ',')
                || self.chars.letters.contains(c)
                || self.chars.numbers.contains(c)
        }) {
            return None;
        }
        for count in (1..=4).rev() {
            let Some(digits_end) = self.chars.digits_from(text, start, count) else {
                continue;
            };
            for suffix in FRENCH_SUFFIXES {
                let end = digits_end + suffix.len();
                if text[digits_end..].starts_with(suffix) && self.word_follows(text, end) {
                    return Some((digits_end, suffix, end));
                }
            }
        }
        None
    }

    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        let first = hits.len();
        self.check_roman(rule, text, hits);
        let roman = hits.len();
        let mut at = 0;
        while let Some(c) = next_digit_candidate(text, &mut at) {
            let found = if self.chars.digits.is_digit(c) {
                self.ordinal_at(text, at)
            } else {
                None
            };
            let Some((digits_end, suffix, end)) = found else {
                at += c.len_utf8();
                continue;
            };
            let number = self.chars.digits.number(&text[at..digits_end]);
            // Only "1er"/"1re" are ordinals ("2re" is not French); "1the" is too odd to be
            // sure of.
            let is_first_only = matches!(suffix, "er" | "re" | "ère");
            if !(is_first_only && number != 1 || suffix == "the" && number == 1) {
                // English writes the day of a date bare (`1 December`), except after `the`
                // (`the 1st December`, where the bare number would read as a count).
                let bare = (1..=31).contains(&number)
                    && self.is_day_of_date(text, end)
                    && self
                        .chars
                        .word_before(text, at)
                        .is_none_or(|word| casefold(word) != "the");
                let replacement = if bare {
                    number.to_string()
                } else {
                    format!("{number}{}", english_ordinal_suffix(number))
                };
                hits.push(Hit::new(rule, at, end, Some(replacement)));
            }
            at = end;
        }
        if roman > first {
            hits[first..].sort_by_key(|hit| hit.start);
        }
    }
}

/// The value of a Roman number written the canonical way (`XIX` = 19, `XXI` = 21), or None
/// (`IIX`, `VV`, a word such as `CIVIL` is not one).
fn roman_value(number: &str) -> Option<u64> {
    let digit = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        _ => 0,
    };
    let values: Vec<i64> = number.chars().map(digit).collect();
    let mut total: i64 = 0;
    for (index, &value) in values.iter().enumerate() {
        match values.get(index + 1) {
            Some(&next) if next > value => total -= value,
            _ => total += value,
        }
    }
    let total = u64::try_from(total).ok().filter(|&total| total > 0)?;
    (to_roman(total) == number).then_some(total)
}

/// `number` in canonical Roman digits (up to 399).
fn to_roman(mut number: u64) -> String {
    let mut written = String::new();
    for (value, digits) in [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while number >= value {
            written.push_str(digits);
            number -= value;
        }
    }
    written
}

/// The English ordinal ending of `number` (`1st`, `2nd`, `11th`, `21st`, `112th`).
fn english_ordinal_suffix(number: u64) -> &'static str {
    if (10..=20).contains(&(number % 100)) {
        return "th";
    }
    match number % 10 {
        1 => "st",
        2 => "nd",
        3 => "rd",
        _ => "th",
    }
}

#[cfg(test)]
mod tests {
    use super::{
        english_ordinal_suffix, format_clock_time, ClockTimeRule, ClockTimeSpec,
        GroupedThousandsRule, GroupedThousandsSpec, OrdinalSuffixRule, OrdinalSuffixSpec,
    };
    use crate::engine::Level;

    fn thousands(text: &str) -> Vec<(&str, String, Option<Level>)> {
        let rule = GroupedThousandsRule::new(&GroupedThousandsSpec {
            si_units: vec!["m/s".into(), "km".into(), "m".into()],
            date_words: vec!["june".into(), "juin".into()],
        })
        .unwrap();
        let mut hits = Vec::new();
        rule.check(0, &crate::doc::Doc::new(text), &mut hits);
        hits.iter()
            .map(|hit| {
                let extra = hit.extra.as_ref().unwrap();
                (
                    &text[hit.start..hit.end],
                    hit.replacement.clone().unwrap(),
                    extra.level,
                )
            })
            .collect()
    }

    #[test]
    fn french_groups_become_commas() {
        assert_eq!(
            thousands("More than 12 400 people, 2\u{202f}300\u{a0}000 in total."),
            [
                ("12 400", "12,400".to_string(), None),
                ("2\u{202f}300\u{a0}000", "2,300,000".to_string(), None)
            ]
        );
        assert_eq!(
            thousands("a 3 300-strong force and 1 000-2 000 volunteers"),
            [
                ("3 300", "3,300".to_string(), None),
                ("1 000", "1,000".to_string(), None),
                ("2 000", "2,000".to_string(), None)
            ]
        );
    }

    #[test]
    fn si_documents_codes_ranges_and_odd_groups_are_left_alone() {
        for text in [
            "Light travels at 299 792 458 m/s; 1 000 000 people",
            "Avogadro is 6.022 140 76; 12 400 people",
            "between 300 400 protesters; some 50 100 joined",
            "the 20 747-400 jets and 12 747s",
            "in 2023 150 people came; call 01 234 567",
            "12 4000 or 12 40 or 1,12 400 or 12 400,5 or 12 400 5",
            "Between 12 000 people",
        ] {
            assert!(thousands(text).is_empty(), "{text}");
        }
        assert_eq!(thousands("Between 12 000 and 15 000").len(), 2);
    }

    #[test]
    fn a_count_after_a_month_name_is_reported_without_a_fix() {
        assert_eq!(
            thousands("June 12 500 people"),
            [("12 500", "12,500".to_string(), Some(Level::None))]
        );
        assert_eq!(
            thousands("June\n12 500 people"),
            [("12 500", "12,500".to_string(), Some(Level::None))]
        );
    }

    fn times(text: &str) -> Vec<(&str, String, Option<Level>)> {
        let rule = ClockTimeRule::new(&ClockTimeSpec {
            time_words: vec!["at".into(), "from".into(), "to".into(), "until".into()],
            meridiem: vec![("a.m.".into(), "p.m.".into()), ("am".into(), "pm".into())],
            day_parts: vec![
                ("of the morning".into(), "am".into()),
                ("in the evening".into(), "pm".into()),
            ],
            weekdays: vec!["friday".into(), "monday".into()],
        })
        .unwrap();
        let mut hits = Vec::new();
        rule.check(0, &crate::doc::Doc::new(text), &mut hits);
        hits.iter()
            .map(|hit| {
                (
                    &text[hit.start..hit.end],
                    hit.replacement.clone().unwrap(),
                    hit.extra.as_ref().and_then(|extra| extra.level),
                )
            })
            .collect()
    }

    #[test]
    fn a_time_after_a_day_name_or_in_an_overnight_range_is_safe() {
        let levels = |text: &str| -> Vec<(String, Option<Level>)> {
            times(text)
                .into_iter()
                .map(|(found, _, level)| (found.to_string(), level))
                .collect()
        };
        assert_eq!(
            levels("Closed from Friday 21h until Monday 5h, then Monday 7h."),
            [
                ("21h".to_string(), None),
                ("5h".to_string(), None),
                ("7h.".to_string(), None)
            ]
        );
        assert_eq!(
            levels("Closed between 20h and 8h, open between 8 h and 20 h."),
            [
                ("20h".to_string(), None),
                ("8h".to_string(), None),
                ("8 h".to_string(), Some(Level::Unsafe)),
                ("20 h.".to_string(), Some(Level::Unsafe))
            ]
        );
        // A day name before a duration of something: left to the unsafe level.
        assert_eq!(
            levels("a Friday 12 h shift; Monday 8h-long queues"),
            [("12 h".to_string(), Some(Level::Unsafe))]
        );
    }

    #[test]
    fn clock_times_are_written_the_english_way() {
        let pm = |time: &str| time.to_string();
        assert_eq!(
            times("A curfew from 20 h, and the metro runs from 6 h to 9 h."),
            [
                ("20 h", pm("8 p.m."), None),
                ("6 h", pm("6 a.m."), None),
                ("9 h.", pm("9 a.m."), None)
            ]
        );
        assert_eq!(
            times("Kick-off 18h30; until 23 h 45; a 12 h shift; At\n0h00"),
            [
                ("18h30", pm("6:30 p.m."), None),
                ("23 h 45", pm("11:45 p.m."), None),
                ("12 h", pm("noon"), Some(Level::Unsafe)),
                ("0h00", pm("midnight"), None)
            ]
        );
    }

    #[test]
    fn a_day_part_after_a_time_goes_into_its_suffix() {
        let pm = |time: &str| time.to_string();
        assert_eq!(
            times(
                "Found at 3h of the morning; around 8 h in the evening, calm; 15 h of the morning."
            ),
            [
                ("3h of the morning", pm("3 a.m."), None),
                ("8 h in the evening", pm("8 p.m."), None),
                ("15 h", pm("3 p.m."), Some(Level::Unsafe))
            ]
        );
        assert_eq!(
            times("It began at 8 h in the evening of 5 May, not 9 h in the evenings."),
            [
                ("8 h", pm("8 p.m."), None),
                ("9 h", pm("9 a.m."), Some(Level::Unsafe))
            ]
        );
    }

    #[test]
    fn the_suffixes_follow_what_the_document_writes() {
        assert_eq!(
            times("The vote ended at 11pm; the count began from 20 h."),
            [("20 h", "8 pm".to_string(), None)]
        );
        assert_eq!(
            times("Doors at 9 am sharp, a curfew from 20 h."),
            [("20 h", "8 pm".to_string(), None)]
        );
        // The point of the suffix ends the sentence too.
        assert_eq!(
            times("The metro runs until 1 h. Then it stops."),
            [("1 h.", "1 a.m.".to_string(), None)]
        );
        // "am" that is not after a number is no evidence.
        assert_eq!(
            times("I am here from 20 h, said the pm of the day."),
            [("20 h", "8 p.m.".to_string(), None)]
        );
        let rule = |meridiem: Vec<(String, String)>| {
            ClockTimeRule::new(&ClockTimeSpec {
                time_words: vec![],
                meridiem,
                day_parts: vec![],
                weekdays: vec![],
            })
        };
        assert!(rule(vec![]).is_err());
        assert!(rule(vec![("am".into(), " ".into())]).is_err());
    }

    #[test]
    fn durations_speeds_and_codes_are_left_alone() {
        for text in [
            "130 km/h winds",
            "the H2 bus",
            "3h-long queues",
            "6:30 pm",
            "24 h",
            "x1h",
            "1.5h",
            "2h.5",
        ] {
            assert!(times(text).is_empty(), "{text}");
        }
        // An hour the pattern cannot take whole is taken in part, as Python's did.
        assert_eq!(times("at 18 h 60"), [("18 h", "6 p.m.".to_string(), None)]);
    }

    #[test]
    fn twelve_hour_clock() {
        let written: Vec<String> = [
            (18, Some("30")),
            (20, None),
            (9, None),
            (12, None),
            (0, Some("30")),
            (0, None),
        ]
        .into_iter()
        .map(|(hour, minute)| format_clock_time(hour, minute, ("am", "pm")))
        .collect();
        assert_eq!(
            written,
            ["6:30 pm", "8 pm", "9 am", "noon", "12:30 am", "midnight"]
        );
    }

    fn ordinals(text: &str) -> Vec<(&str, String)> {
        let mut hits = Vec::new();
        let rule = OrdinalSuffixRule::new(&OrdinalSuffixSpec {
            months: vec![
                "june".into(),
                "juin".into(),
                "décembre".into(),
                "december".into(),
            ],
            range_words: vec!["to".into(), "au".into()],
            roman_nouns: vec![
                ("century".into(), "century".into()),
                ("siècle".into(), "century".into()),
                ("siècles".into(), "centuries".into()),
            ],
        });
        rule.check(0, &crate::doc::Doc::new(text), &mut hits);
        hits.iter()
            .map(|hit| (&text[hit.start..hit.end], hit.replacement.clone().unwrap()))
            .collect()
    }

    #[test]
    fn french_ordinals_get_english_suffixes() {
        assert_eq!(
            ordinals("in the 21the century, at the 56e minute, on 1er day, the 1re place, the 21ème siècle"),
            [
                ("21the", "21st".to_string()),
                ("56e", "56th".to_string()),
                ("1er", "1st".to_string()),
                ("1re", "1st".to_string()),
                ("21ème", "21st".to_string())
            ]
        );
        assert_eq!(
            ordinals("the \u{663}e\u{a0}place"),
            [("\u{663}e", "3rd".to_string())]
        );
    }

    #[test]
    fn the_day_of_a_date_is_written_bare() {
        assert_eq!(
            ordinals("on 1er décembre, the night of 1er to 2 December, 1er au 3e juin, 2e June"),
            [
                ("1er", "1".to_string()),
                ("1er", "1".to_string()),
                ("1er", "1".to_string()),
                ("3e", "3".to_string()),
                ("2e", "2".to_string())
            ]
        );
        assert_eq!(
            ordinals("the 1er June, 1er to 2 days, 1er to June, 40e June"),
            [
                ("1er", "1st".to_string()),
                ("1er", "1st".to_string()),
                ("1er", "1st".to_string()),
                ("40e", "40th".to_string())
            ]
        );
    }

    #[test]
    fn roman_ordinals_before_a_listed_noun_take_digits() {
        assert_eq!(
            ordinals("the XIXe century, the XXIe siècle, the XVIIe et XVIIIe siècles, 21e century"),
            [
                ("XIXe", "19th".to_string()),
                ("XXIe siècle", "21st century".to_string()),
                ("XVIIIe siècles", "18th centuries".to_string()),
                ("21e", "21st".to_string())
            ]
        );
        for text in [
            "the IIXe century, CIVILe century, Louis XIVe day, XIX century, the Xe arrondissement",
            "Type-IVe century, the MXe century, VVe siècle",
        ] {
            assert!(ordinals(text).is_empty(), "{text}");
        }
        assert_eq!(super::roman_value("XXXIX"), Some(39));
        assert_eq!(super::roman_value("IC"), None);
    }

    #[test]
    fn numbers_that_are_no_ordinals_are_left_alone() {
        for text in [
            "the 21st century, 1e-5, a 2e6 sample, 3e, 4th place",
            "version 2re, 12th, 6e-7 m, 1the end, 2er x",
            "1.5e x, x3e y, 12345e x, 3e 4",
        ] {
            assert!(ordinals(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn english_suffixes() {
        let written: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 56, 101, 111, 112]
            .into_iter()
            .map(|number| format!("{number}{}", english_ordinal_suffix(number)))
            .collect();
        assert_eq!(
            written,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "56th",
                "101st", "111th", "112th"
            ]
        );
    }
}
