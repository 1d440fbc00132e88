"""Broken rule packs fail at load time with one line naming file, line and rule."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cleanup.engine import check_document
from cleanup.errors import RulePackError
from cleanup.kinds.base import Document
from cleanup.packs.loader import load_rules

PACK = 'name = "user"\nversion = "0.1.0"\ndescription = "A user pack."\n'

GOOD_RULE = """[[rule]]
id = "QUO901"
name = "user-rule"
kind = "pattern"
category = "quotes"
severity = "warning"
message = "Found {match}"
pattern = 'xx'
fix = "none"
why = "Because."

[[rule.example]]
bad = "axxb"
good = "axxb"
"""


def make_pack(tmp_path: Path, rules: str, extra: dict[str, str] | None = None) -> Path:
    folder = tmp_path / "user"
    (folder / "lexicons").mkdir(parents=True)
    (folder / "pack.toml").write_text(PACK, encoding="utf-8")
    (folder / "rules.toml").write_text(rules, encoding="utf-8")
    for name, content in (extra or {}).items():
        (folder / name).write_text(content, encoding="utf-8")
    return folder


def load_error(tmp_path: Path, rules: str, extra: dict[str, str] | None = None) -> str:
    folder = make_pack(tmp_path, rules, extra)
    with pytest.raises(RulePackError) as caught:
        load_rules([folder], include_bundled=False)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_valid_user_pack_loads_beside_the_bundled_ones(tmp_path):
    ruleset = load_rules([make_pack(tmp_path, GOOD_RULE)])
    assert ruleset.get("QUO901") is not None
    assert ruleset.get("QUO001") is not None
    assert "user@0.1.0" in ruleset.signature


def test_unknown_key_names_file_line_rule_and_suggests(tmp_path):
    rules = GOOD_RULE.replace('fix = "none"', 'fix = "safe"\nfix_title = "T"\nreplacment = \'y\'')
    message = load_error(tmp_path, rules)
    assert message.endswith("rules.toml:11: rule QUO901: unknown key 'replacment' (did you mean 'replace'?)")


def test_bad_regex_fails_at_load_with_the_key_line(tmp_path):
    message = load_error(tmp_path, GOOD_RULE.replace("pattern = 'xx'", "pattern = '(unclosed'"))
    assert "rules.toml:8: rule QUO901: invalid regular expression in 'pattern'" in message


def test_wrong_category_prefix(tmp_path):
    message = load_error(tmp_path, GOOD_RULE.replace('category = "quotes"', 'category = "spacing"'))
    assert "rule QUO901: id 'QUO901' must start with 'SPC' for category 'spacing'" in message


def test_bad_enum_value_lists_choices(tmp_path):
    message = load_error(tmp_path, GOOD_RULE.replace('severity = "warning"', 'severity = "warn"'))
    assert "rules.toml:6: rule QUO901: 'severity' must be one of error, warning, info, not 'warn'" in message


def test_missing_required_key(tmp_path):
    message = load_error(tmp_path, GOOD_RULE.replace('why = "Because."\n', ""))
    assert message.endswith("rules.toml:1: rule QUO901: missing required key 'why'")


def test_toml_syntax_error_has_a_line(tmp_path):
    message = load_error(tmp_path, GOOD_RULE + "\n[[rule]\n")
    assert "rules.toml:16:" in message and "invalid TOML" in message


def test_unknown_kind_suggests(tmp_path):
    message = load_error(tmp_path, GOOD_RULE.replace('kind = "pattern"', 'kind = "patern"'))
    assert "unknown kind 'patern' (did you mean 'pattern'?)" in message


def test_unknown_placeholder_in_message(tmp_path):
    message = load_error(tmp_path, GOOD_RULE.replace("Found {match}", "Found {matched}"))
    assert "unknown placeholder '{matched}'" in message


def test_missing_lexicon_file(tmp_path):
    rules = GOOD_RULE.replace('kind = "pattern"', 'kind = "line"').replace(
        "pattern = 'xx'", 'lines = "lexicons/nope.txt"'
    )
    message = load_error(tmp_path, rules)
    assert "rule QUO901: 'lines': file 'lexicons/nope.txt' not found" in message


def test_bad_regex_in_a_lexicon_names_the_lexicon_line(tmp_path):
    rules = GOOD_RULE.replace('kind = "pattern"', 'kind = "line"').replace("pattern = 'xx'", 'lines = "lexicons/l.txt"')
    message = load_error(tmp_path, rules, {"lexicons/l.txt": "# comment\nread later\n(broken\n"})
    assert message.startswith(str(tmp_path / "user") + "/lexicons/l.txt:3: rule QUO901: invalid regular expression")


def test_an_entry_not_in_nfc_names_its_line(tmp_path):
    rules = GOOD_RULE.replace('kind = "pattern"', 'kind = "line"').replace("pattern = 'xx'", 'lines = "lexicons/l.txt"')
    decomposed = "cafe\u0301"  # é as e + combining acute: what a Mac editor may save
    message = load_error(tmp_path, rules, {"lexicons/l.txt": f"# comment\nread later\n\n{decomposed}\n"})
    assert message.startswith(str(tmp_path / "user") + "/lexicons/l.txt:4: ")
    assert "is not NFC-normalised" in message


def test_bad_table_row(tmp_path):
    rules = GOOD_RULE.replace('kind = "pattern"', 'kind = "swap"').replace("pattern = 'xx'", 'table = "lexicons/t.tsv"')
    message = load_error(tmp_path, rules, {"lexicons/t.tsv": "OTAN\tNATO\nONU\n"})
    assert "lexicons/t.tsv:2:" in message and "expected 2 to 5 tab-separated columns, got 1" in message


def test_duplicate_rule_id(tmp_path):
    message = load_error(tmp_path, GOOD_RULE + "\n" + GOOD_RULE.replace("user-rule", "other-rule"))
    assert "rule QUO901: duplicate rule id" in message


def test_bad_example_shape(tmp_path):
    message = load_error(tmp_path, GOOD_RULE.replace('good = "axxb"\n', ""))
    assert "an example has either 'bad' and 'good', or 'ok' alone" in message


def test_lexicon_path_cannot_escape_the_pack(tmp_path):
    rules = GOOD_RULE.replace('kind = "pattern"', 'kind = "line"').replace(
        "pattern = 'xx'", 'lines = "../../etc/passwd"'
    )
    assert "must point inside the pack folder" in load_error(tmp_path, rules)


def test_a_catastrophic_regex_in_a_user_pack_cannot_hang_the_tool(tmp_path):
    """Pack regexes run on the Rust core's linear-time engine: a pattern that backtracking
    engines take exponential time over finishes on a long text (issue 13)."""
    folder = make_pack(tmp_path, GOOD_RULE.replace("pattern = 'xx'", "pattern = '(a|aa)+$'"))
    ruleset = load_rules([folder], include_bundled=False)
    started = time.monotonic()
    assert check_document(ruleset, Document("a" * 200_000 + "b", "doc.txt")) == []
    findings = check_document(ruleset, Document("b" + "a" * 200_000, "doc.txt"))
    assert [(finding.rule_id, finding.span.start, finding.span.end) for finding in findings] == [("QUO901", 1, 200_001)]
    assert time.monotonic() - started < 30  # a hang guard, not a speed claim


STYLED = GOOD_RULE.replace("pattern = 'xx'", "pattern = 'xx'\nreplace = 'y${mark}'\n{styles}")


@pytest.mark.parametrize(
    ("styles", "expected"),
    [
        ("default_style = 'a'", "'default_style' needs 'styles'"),
        ("styles = [{ name = 'a', evidence = 'x' }]", "style 1 must be an inline table"),
        (
            "styles = [{ name = 'a', evidence = 'x', values = { mark = '' } }, "
            "{ name = 'b', evidence = 'z', values = { other = '.' } }]\ndefault_style = 'a'",
            "style 2 must give the same values",
        ),
        (
            "styles = [{ name = 'a', evidence = 'x', values = { mark = '' } }]\ndefault_style = 'c'",
            "one of the styles: a",
        ),
        ("styles = [{ name = 'a', evidence = '(x', values = { mark = '' } }]\ndefault_style = 'a'", "style 'a'"),
    ],
)
def test_bad_styles_fail_at_load(tmp_path, styles, expected):
    assert expected in load_error(tmp_path, STYLED.replace("{styles}", styles))


def test_the_style_a_document_writes_most_fills_the_template(tmp_path):
    styles = (
        "styles = [{ name = 'plain', evidence = 'P', values = { mark = '' } }, "
        "{ name = 'dotted', evidence = 'D', values = { mark = '.' } }]\ndefault_style = 'plain'"
    )
    rules = STYLED.replace("{styles}", styles).replace('fix = "none"', 'fix = "safe"\nfix_title = "T"')
    rules = rules.replace('good = "axxb"', 'good = "ayb"')
    rule = load_rules([make_pack(tmp_path, rules)], include_bundled=False).get("QUO901")
    written = {
        text: [finding.fix.edits[0].replacement for finding in rule.check(Document(text)) if finding.fix]
        for text in ("xx", "xx D", "xx D P D", "xx D P")
    }
    assert written == {"xx": ["y"], "xx D": ["y."], "xx D P D": ["y."], "xx D P": ["y"]}


CLASSED = GOOD_RULE.replace("pattern = 'xx'", "pattern = '(?P<edit>M\\.) (?&given) \\p{Lu}'\nreplace = 'Mr.'\n{words}")


def test_a_word_class_matches_the_words_of_its_list(tmp_path):
    rules = CLASSED.replace("{words}", "words = { given = 'lexicons/given.txt' }")
    folder = make_pack(tmp_path, rules, {"lexicons/given.txt": "# names\nJean\nJean-Luc\nZoé\n"})
    ruleset = load_rules([folder], include_bundled=False)
    text = "M. Jean-Luc Roy and M. Zoé Li met M. Night Shyamalan and M. Jeanne Roy."
    findings = check_document(ruleset, Document(text, "doc.txt"))
    assert [finding.span.start for finding in findings] == [0, text.index("M. Zoé")]


@pytest.mark.parametrize(
    ("words", "lexicon", "expected"),
    [
        ("words = 'lexicons/given.txt'", "Jean\n", "'words'"),
        (
            "words = { other = 'lexicons/given.txt' }\nafter = ' (?&other)'",
            "Jean\n",
            "invalid regular expression in 'pattern': unknown word class '(?&given)' (declared in 'words': other)",
        ),
        (
            "words = { given = 'lexicons/given.txt', spare = 'lexicons/given.txt' }",
            "Jean\n",
            "word class 'spare' is declared but no pattern uses (?&spare)",
        ),
        ("words = { given = 'lexicons/nope.txt' }", "Jean\n", "file 'lexicons/nope.txt' not found"),
        ("words = { given = 'lexicons/given.txt' }", "# only a comment\n", "lists no word"),
        ("words = { 'gi-ven' = 'lexicons/given.txt' }", "Jean\n", "must be letters, digits and _"),
    ],
)
def test_bad_word_classes_fail_at_load(tmp_path, words, lexicon, expected):
    assert expected in load_error(tmp_path, CLASSED.replace("{words}", words), {"lexicons/given.txt": lexicon})


def test_a_word_class_entry_that_is_not_one_word_names_its_line(tmp_path):
    rules = CLASSED.replace("{words}", "words = { given = 'lexicons/given.txt' }")
    message = load_error(tmp_path, rules, {"lexicons/given.txt": "# names\nJean\nJean (Luc)\n"})
    assert message.startswith(str(tmp_path / "user") + "/lexicons/given.txt:3: rule QUO901: ")
    assert "'Jean (Luc)' is not one word" in message
