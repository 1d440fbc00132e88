use std::sync::Arc;

use super::{py, GlossaryRow, LeftoverRule, LeftoverSpec, Need, CANDIDATE_FIELD};
use crate::engine::{Hit, Level};
use crate::words::WordTable;

const TABLE: &str = "the\t7.73\t4.05\nsaid\t5.80\t3.00\ntalks\t4.50\t1.00\nétaient\t2.10\t5.60\n\
difficult\t4.90\t1.20\nbut\t6.50\t3.10\nuseful\t4.70\t1.00\nofficials\t4.60\t1.00\n\
vers\t2.50\t5.90\nles\t4.00\t7.00\nsources\t4.60\t4.40\nselon\t1.50\t5.70\n\
army\t5.00\t2.00\nsent\t5.00\t2.00\nreinforcements\t3.50\t1.00\non\t7.00\t3.50\n\
tuesday\t5.00\t1.00\nla\t5.00\t7.40\nde\t5.50\t7.60\n";

fn spec(mode: &str, glossary: &[(&[&str], &str, bool)]) -> LeftoverSpec {
    LeftoverSpec {
        mode: mode.into(),
        glossary: glossary
            .iter()
            .map(|(words, english, ambiguous)| GlossaryRow {
                words: words.iter().map(|word| word.to_string()).collect(),
                english: english.to_string(),
                ambiguous: *ambiguous,
            })
            .collect(),
        margin: 2.0,
        min_french: 3.0,
        english_ceiling: 3.0,
        allow: vec!["déjà vu".into()],
        unaccented: vec![("é".into(), "e".into()), ("à".into(), "a".into())],
        allow_words: None,
        function_words: vec!["selon".into(), "les".into(), "vers".into()],
        context_words: vec![],
        particles: vec!["de".into()],
        words: Arc::new(WordTable::parse(TABLE).unwrap()),
    }
}

fn hits(rule: &LeftoverRule, text: &str) -> Vec<Hit> {
    let mut found = Vec::new();
    rule.check(0, &crate::doc::Doc::new(text), &mut found);
    found
}

#[test]
fn inline_translates_a_strong_word_in_english_context() {
    let rule = LeftoverRule::new(&spec(
        "inline",
        &[(&["étaient"], "were", false), (&["vers"], "towards", false)],
    ))
    .unwrap();
    let text = "Officials said the talks étaient difficult but useful.";
    let found = hits(&rule, text);
    assert_eq!(found.len(), 1);
    assert_eq!(&text[found[0].start..found[0].end], "étaient");
    assert_eq!(found[0].replacement.as_deref(), Some("were"));
    assert!(found[0].extra.is_none());
    // A rare neighbour the table lacks is below the English threshold: unsafe, decided.
    let text = "The army sent reinforcements vers Hama on Tuesday.";
    let found = hits(&rule, text);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].replacement.as_deref(), Some("towards"));
}

#[test]
fn inline_leaves_allowed_phrases_and_names_and_asks_for_sentences() {
    let rule = LeftoverRule::new(&spec("inline", &[(&["selon"], "according to", false)])).unwrap();
    assert!(hits(&rule, "The army sent the talks déjà vu.").is_empty());
    // A mostly-French stretch: the sentence split is Python's.
    let text = "the talks selon les sources la de on";
    let found = hits(&rule, text);
    assert_eq!(found.len(), 1);
    let extra = found[0].extra.as_ref().unwrap();
    assert_eq!(extra.fields[0].0, CANDIDATE_FIELD);
    assert_eq!(
        rule.check_region(
            0,
            text,
            &Default::default(),
            (0, text.len()),
            None,
            &Default::default()
        ),
        // The sentences holding the words of the run (selon, les), at their byte offsets.
        Err(Need::Sentences(vec![10, 16]))
    );
    // A mostly-French sentence: nothing left; a mostly-English one: the run is reported.
    let result = rule.check_region(
        0,
        text,
        &Default::default(),
        (0, text.len()),
        Some(&[(0, 4), (4, 33)]),
        &Default::default(),
    );
    assert_eq!(result, Ok(vec![]));
    let result = rule.check_region(
        0,
        text,
        &Default::default(),
        (0, text.len()),
        Some(&[(0, text.len())]),
        &Default::default(),
    );
    assert_eq!(result.unwrap().len(), 1);
}

#[test]
fn bracketed_translates_or_reports() {
    let rule = LeftoverRule::new(&spec("bracketed", &[(&["étaient"], "were", false)])).unwrap();
    let text = "army units [étaient] engaged and [selon] them [sic]";
    let found = hits(&rule, text);
    assert_eq!(found.len(), 3);
    assert_eq!(found[0].edit, Some((12, 20)));
    assert_eq!(found[1].extra.as_ref().unwrap().level, Some(Level::None));
    assert_eq!(
        found[2].extra.as_ref().unwrap().fields[0].0,
        CANDIDATE_FIELD
    );
    assert!(py::is_run('é'));
}

#[test]
fn word_flags_answer_as_the_table_for_every_shipped_word() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rules/fr-en/lexicons/word-frequencies.tsv"
    );
    let table = Arc::new(WordTable::parse(&std::fs::read_to_string(path).unwrap()).unwrap());
    let mut spec = spec("inline", &[]);
    spec.words = Arc::clone(&table);
    let LeftoverRule::Inline(rule) = LeftoverRule::new(&spec).unwrap() else {
        panic!("an inline rule");
    };
    let state = super::DocState::default();
    let doc = super::DocView {
        text: "",
        state: &state,
    };
    let words: Vec<String> = table
        .entries()
        .map(|(word, _, _)| word.to_string())
        .collect();
    for word in words
        .iter()
        .map(String::as_str)
        .chain(["", "xqzv", "governmentsaid", "l'"])
    {
        let function_word = spec.function_words.iter().any(|known| known == word);
        let leaning = table.is_french_leaning(word, 2.0, 3.0).unwrap();
        let rare = !table
            .zipf_at_least(crate::words::Lang::En, word, 3.0)
            .unwrap_or(false);
        assert_eq!(
            rule.flags(&doc, word),
            (function_word || leaning, leaning && (function_word || rare)),
            "{word}"
        );
    }
}

#[test]
fn sentences_are_asked_for_only_near_a_mostly_french_stretch() {
    let rule = LeftoverRule::new(&spec("inline", &[(&["étaient"], "were", false)])).unwrap();
    // "étaient" is no word of any mostly-French stretch of four words: decided at once.
    let text = "the talks étaient difficult but useful said the army la de la de";
    let found = rule.check_region(
        0,
        text,
        &Default::default(),
        (0, text.len()),
        None,
        &Default::default(),
    );
    assert_eq!(found.unwrap().len(), 1);
    // Next to French words it is: the sentences decide.
    let text = "the talks étaient la de la difficult";
    let found = rule.check_region(
        0,
        text,
        &Default::default(),
        (0, text.len()),
        None,
        &Default::default(),
    );
    assert_eq!(found, Err(Need::Sentences(vec![10, 19, 22, 25])));
}

#[test]
fn the_words_the_table_lacks_are_asked_for_in_one_batch() {
    // A region is read once per batch of words, not once per word (a line of megabytes
    // would otherwise be read once per word it holds that the table lacks).
    let rule = LeftoverRule::new(&spec("bracketed", &[(&["sa"], "its", true)])).unwrap();
    let text = "He said [sa zorglub blip] then.";
    let (start, end) = (text.find('[').unwrap(), text.find(']').unwrap() + 1);
    let ask = |answers: &super::Answers| {
        rule.check_region(0, text, &Default::default(), (start, end), None, answers)
    };
    assert_eq!(
        ask(&Default::default()),
        Err(Need::Words(vec!["zorglub".into(), "blip".into()]))
    );
    let answers = [
        ("zorglub".to_string(), (1.0, 1.0)),
        ("blip".to_string(), (1.0, 1.0)),
    ];
    let found = ask(&super::Answers::new(answers.into_iter().collect())).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].replacement.as_deref(), Some("its zorglub blip"));
}
