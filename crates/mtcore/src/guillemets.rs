//! The `guillemet-pair` kind: French « » pairs that should be English “ ” quotes
//! (`cleanup/kinds/guillemets.py` holds the rule's description and data reading).
//!
//! A pair is a `«` and the next `»` on the same line with text between them, the spaces
//! inside the marks included; in a hard-wrapped text, on the same paragraph (its lines read
//! as one). A line is left alone when it names the marks (`mentions`) or
//! when one of its pairs quotes French: more quoted words lean French (French Zipf more than
//! `margin` above English) than English (the reverse). A word the table lacks may lean
//! either way, and only wordfreq knows: when such words could change a line's answer, its
//! hits carry the questions (`ask`: one line per undecided pair, `french english word...`)
//! and the adapter counts those words with wordfreq's values.
//!
//! The English marks follow the document's style: straight `"` where its straight double
//! quotes outnumber its curly ones (a copy editor converting a stray French pair writes the
//! marks the rest of the text uses), curly “ ” otherwise.

use std::cell::OnceCell;
use std::sync::Arc;

use regex::Regex;

use crate::doc::Doc;
use crate::engine::Hit;
use crate::pystr::casefold;
use crate::words::{key, zipf_of, WordTable};

#[derive(Clone, Debug)]
pub struct GuillemetSpec {
    /// Which half the rule reports: the opening mark (true) or the closing one.
    pub open: bool,
    pub margin: f64,
    /// Words naming the marks themselves, case-folded.
    pub mentions: Vec<String>,
    pub words: Arc<WordTable>,
}

pub struct GuillemetRule {
    pair: Regex,
    gloss: Regex,
    word: Regex,
    open: bool,
    margin: f64,
    mentions: Vec<String>,
    words: Arc<WordTable>,
}

/// Whether a pair's quoted words lean French.
enum Verdict {
    French,
    English,
    /// Decided only by words the table lacks: `french english word...`.
    Ask(String),
}

impl GuillemetRule {
    pub fn new(spec: &GuillemetSpec) -> Result<GuillemetRule, (&'static str, String)> {
        let compile =
            |source: &str| Regex::new(source).map_err(|error| ("builtin", error.to_string()));
        let spaces = "[ \t\u{a0}\u{202f}]*";
        Ok(GuillemetRule {
            pair: compile(&format!(
                r"(?P<open>«{spaces})(?P<content>[^«»\n]*?[^\s«»](?:[^«»\n]|\n[^\n«»])*?)(?P<close>{spaces}»)"
            ))?,
            gloss: compile(r"^[ \t\u{a0}\u{202f}]*\((?P<gloss>[^()\n]*\p{L}[^()\n]*)\)")?,
            word: compile(r"\p{L}[\p{L}\p{M}'’]*")?,
            open: spec.open,
            margin: spec.margin,
            mentions: spec.mentions.clone(),
            words: Arc::clone(&spec.words),
        })
    }

    /// Push a hit for each half this rule reports of every pair on a line quoting no French.
    /// In a hard-wrapped text a paragraph's lines are read as one line, so that a quotation
    /// the wrapper broke (`« Without them … only` / `factories. »`) is still a pair.
    pub fn check(&self, rule: u32, doc: &Doc<'_>, hits: &mut Vec<Hit>) {
        let text = doc.text;
        let style = OnceCell::new();
        for paragraph in doc.paragraphs() {
            let (Some(&(start, _)), Some(&(_, content_end))) =
                (paragraph.first(), paragraph.last())
            else {
                continue;
            };
            self.check_line(rule, text, (start, content_end), &style, hits);
        }
    }

    /// The English mark for this rule's half in the document's style (see the module).
    fn mark(&self, text: &str) -> &'static str {
        let (mut straight, mut curly) = (0usize, 0usize);
        for c in text.chars() {
            match c {
                '"' => straight += 1,
                '\u{201c}' | '\u{201d}' => curly += 1,
                _ => {}
            }
        }
        match (straight > curly, self.open) {
            (true, _) => "\"",
            (false, true) => "\u{201c}",
            (false, false) => "\u{201d}",
        }
    }

    fn check_line(
        &self,
        rule: u32,
        text: &str,
        (start, end): (usize, usize),
        style: &OnceCell<&'static str>,
        hits: &mut Vec<Hit>,
    ) {
        let line = &text[start..end];
        if !line.contains('«') {
            return;
        }
        if !self.mentions.is_empty() {
            let folded = casefold(line);
            if self
                .mentions
                .iter()
                .any(|mention| folded.contains(mention.as_str()))
            {
                return; // the text is about the marks themselves (« like this »)
            }
        }
        let mut questions = Vec::new();
        let mut pairs = Vec::new();
        for pair in self.pair.captures_iter(line) {
            let content = pair.name("content").map_or("", |group| group.as_str());
            let whole = pair.get(0).expect("group 0 always takes part");
            match self.verdict(content) {
                // French words glossed in English right after (`«Ce qui reste» (What
                // remains)`): a French title quoted in English prose, which takes “ ”.
                Verdict::French if self.glossed_in_english(&line[whole.end()..]) => {}
                // Every word capitalized (`«Prés Normands»`): a name, a brand or a title,
                // which English prose quotes with its own marks, not a French quotation.
                Verdict::French if self.names_only(content) => {}
                Verdict::French => return, // a French quotation: the line's marks are on purpose
                Verdict::English => {}
                Verdict::Ask(question) => questions.push(question),
            }
            let half = pair
                .name(if self.open { "open" } else { "close" })
                .expect("both halves always take part");
            pairs.push((
                start + half.start(),
                start + half.end(),
                whole.as_str().to_string(),
            ));
        }
        let ask = questions.join("\n");
        for (half_start, half_end, matched) in pairs {
            let replacement = style.get_or_init(|| self.mark(text));
            let mut hit = Hit::new(rule, half_start, half_end, Some(replacement.to_string()));
            let fields = &mut hit.extra_mut().fields;
            fields.push(("match", matched));
            if !ask.is_empty() {
                fields.push(("ask", ask.clone()));
            }
            hits.push(hit);
        }
    }

    /// Whether `after` (the text after a pair) opens with an English gloss in brackets: every
    /// word of it known to the table and more of them leaning English than French.
    fn glossed_in_english(&self, after: &str) -> bool {
        let Some(gloss) = self
            .gloss
            .captures(after)
            .and_then(|found| found.name("gloss"))
        else {
            return false;
        };
        matches!(self.verdict(gloss.as_str()), Verdict::English)
            && self
                .word
                .find_iter(gloss.as_str())
                .all(|word| self.words.frequencies(&key(word.as_str())).is_some())
    }

    /// Whether `content` is two words or more, every one capitalized and none written in
    /// capitals throughout (a shouted slogan): the words of a name. One word is not enough:
    /// a quotation starting a sentence is capitalized too (`« Allez »`).
    fn names_only(&self, content: &str) -> bool {
        let words: Vec<_> = self.word.find_iter(content).collect();
        words.len() >= 2
            && words.iter().all(|word| {
                let mut chars = word.as_str().chars();
                chars.next().is_some_and(char::is_uppercase)
                    && (word.as_str().chars().count() == 1 || chars.any(char::is_lowercase))
            })
    }

    /// More quoted words lean French than English (ties count as English); words unknown to
    /// both lists count for neither side.
    fn verdict(&self, content: &str) -> Verdict {
        let (mut french, mut english) = (0usize, 0usize);
        let mut unknown: Vec<&str> = Vec::new();
        for word in self.word.find_iter(content) {
            match self.words.frequencies(&key(word.as_str())) {
                Some((en, fr)) => {
                    let margin = zipf_of(fr) - zipf_of(en);
                    if margin > self.margin {
                        french += 1;
                    } else if margin < -self.margin {
                        english += 1;
                    }
                }
                None => unknown.push(word.as_str()),
            }
        }
        if french > english + unknown.len() {
            Verdict::French
        } else if french + unknown.len() <= english {
            Verdict::English
        } else {
            Verdict::Ask(format!("{french} {english} {}", unknown.join(" ")))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{GuillemetRule, GuillemetSpec};
    use crate::pystr::casefold;
    use crate::words::WordTable;

    const TABLE: &str = "a\t7.00\t5.00\nhistoric\t4.00\t1.00\nday\t6.00\t3.00\nvive\t2.00\t4.50\n\
                         la\t5.00\t7.50\nrépublique\t1.50\t5.00\n";

    type Found = (usize, usize, Vec<(&'static str, String)>);

    fn hits(text: &str, open: bool) -> Vec<Found> {
        let rule = GuillemetRule::new(&GuillemetSpec {
            open,
            margin: 1.0,
            mentions: vec!["guillemet".into()],
            words: Arc::new(WordTable::parse(TABLE).unwrap()),
        })
        .unwrap();
        let mut hits = Vec::new();
        rule.check(0, &crate::doc::Doc::new(text), &mut hits);
        hits.into_iter()
            .map(|hit| (hit.start, hit.end, hit.extra.unwrap().fields))
            .collect()
    }

    #[test]
    fn english_pairs_are_reported_half_by_half() {
        let text = "He called it « a historic day\u{202f}» on Monday.";
        assert_eq!(hits(text, true)[0].0..hits(text, true)[0].1, 13..16);
        assert_eq!(hits(text, false)[0].0..hits(text, false)[0].1, 30..35);
        assert_eq!(hits(text, true)[0].2[0].1, "« a historic day\u{202f}»");
    }

    #[test]
    fn french_quotations_and_lines_naming_the_marks_are_left_alone() {
        assert!(hits("« Vive la République » and « a day ».", true).is_empty());
        assert!(hits("The GUILLEMETS « a day ».", true).is_empty());
        assert!(hits("Prices » rose « and", true).is_empty());
        // A name (every word capitalized) is quoted in English prose; a shouted slogan is not.
        assert_eq!(hits("the brand «Vive République», launched", true).len(), 1);
        assert!(hits("they chanted « VIVE LA RÉPUBLIQUE »", true).is_empty());
        assert!(hits("« République » they chanted", true).is_empty());
        assert_eq!(hits("« a day »\n« vive la »", true).len(), 1);
    }

    #[test]
    fn a_quotation_broken_by_the_wrapper_is_one_pair() {
        let text = "The dairy cooperative reported its results on Tuesday in\nCaen, where the \
                    board met for most of the day before the\nchair spoke to the press about \
                    the herd and the loans. « We\nwill sell the herd only if the bank refuses \
                    the loan this\nspring, and not before that date », she said at the end \
                    of\nthe meeting.\n\nThe board also discussed the price of milk, which has \
                    fallen\nfor three years in a row, and the cost of feed, which has\nrisen \
                    by a fifth since the last harvest in the region.\n";
        assert_eq!(hits(text, true).len(), 1);
        assert_eq!(hits(text, false).len(), 1);
        // One paragraph per line: a pair never spans two paragraphs.
        assert!(hits("« We will sell the herd.\nThe bank » said no.", true).is_empty());
        assert!(hits("« We will sell\n\nthe herd »", true).is_empty());
    }

    #[test]
    fn the_marks_follow_the_documents_style() {
        let replacement = |text: &str, open: bool| {
            let rule = GuillemetRule::new(&GuillemetSpec {
                open,
                margin: 1.0,
                mentions: vec![],
                words: Arc::new(WordTable::parse(TABLE).unwrap()),
            })
            .unwrap();
            let mut hits = Vec::new();
            rule.check(0, &crate::doc::Doc::new(text), &mut hits);
            hits[0].replacement.clone().unwrap()
        };
        let straight = "He said \"no\".\nShe called it « a historic day ».";
        assert_eq!(replacement(straight, true), "\"");
        assert_eq!(replacement(straight, false), "\"");
        let curly = "He said “no” and \"yes\".\nShe called it « a historic day ».";
        assert_eq!(replacement(curly, true), "\u{201c}");
        assert_eq!(replacement("« a day »", false), "\u{201d}");
    }

    #[test]
    fn a_french_title_glossed_in_english_takes_english_quotes() {
        let text = "entitled «Vive la République» (a historic day), then";
        assert_eq!(hits(text, true).len(), 1);
        assert_eq!(hits(text, false).len(), 1);
        // Not glossed, glossed in French, or with a word the table lacks: left alone.
        assert!(hits("entitled «Vive la République», then", true).is_empty());
        assert!(hits("entitled «Vive la République» (vive la République)", true).is_empty());
        assert!(hits("entitled «Vive la République» (a Zorblax day)", true).is_empty());
        // Another French quotation on the line still leaves the line alone.
        assert!(hits("«Vive la République» (a day) and « vive la »", true).is_empty());
    }

    #[test]
    fn words_the_table_lacks_are_questions() {
        let found = hits("« Zorblax Quux day »", true);
        assert_eq!(found[0].2[1], ("ask", "0 1 Zorblax Quux".to_string()));
        assert_eq!(casefold("Straße ﬁne"), "strasse fine");
    }
}
