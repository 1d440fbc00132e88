"""The speed-ups of the pattern-style rules give the same answers as the plain forms.

Each fast path is compared with the straightforward implementation it replaced (kept here
as the reference), on the corpus and on generated text; and long single-line documents,
which used to make look-behind-first patterns quadratic, finish well inside the budget.
"""

from __future__ import annotations

import functools
import time
from pathlib import Path
from typing import Any

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.engine import check_document, default_ruleset
from cleanup.fixer import fix_text
from cleanup.kinds.base import Document
from cleanup.kinds.repeated import RepeatedWordKind

ROOT = Path(__file__).resolve().parent.parent
CORPUS_TEXTS = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "corpus").glob("*.txt"))]

_OLD_REPEAT_RE = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}'’\-])(?P<first>(?P<word>\p{Ll}[\p{Ll}\p{M}]*))"
    r"(?P<gap>[ ]+)(?P=word)(?![\p{L}\p{M}\p{N}'’\-])"
)


def _old_repeats(text: str, allow: frozenset[str]) -> list[tuple[int, int, int]]:
    return [
        (m.start(), m.end("first"), m.end())
        for m in _OLD_REPEAT_RE.finditer(text)
        if m.group("word").casefold() not in allow
    ]


def _new_repeats(text: str) -> list[tuple[int, int, int]]:
    rule = default_ruleset().get("GRM002")
    assert isinstance(rule.matcher, RepeatedWordKind)
    return [(f.span.start, f.fix.edits[0].span.start, f.span.end) for f in rule.check(Document(text))]


def test_repeated_word_matches_the_plain_regex_on_the_corpus():
    allow = frozenset(default_ruleset().get("GRM002").matcher.spec["allow"])
    tricky = (
        "the the the; a a a a; it  it it; Xthe the; l'the the; é é é; ab ab-c; so so. so so;"
        " cafe\u0301 cafe\u0301; ce\u0301t ce\u0301t; the the²; ²the the; 1the the; a\u1c8ab a\u1c8ab"
    )
    for text in [*CORPUS_TEXTS, tricky]:
        assert _new_repeats(text) == _old_repeats(text, allow)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab é-'’A.\n\u0301²1", max_size=40))
def test_repeated_word_matches_the_plain_regex_on_generated_text(text):
    assert _new_repeats(text) == _old_repeats(text, frozenset(default_ruleset().get("GRM002").matcher.spec["allow"]))


def _old_months(text: str) -> list[tuple[int, int]]:
    matcher = default_ruleset().get("GRM004").matcher
    alternation = "|".join(regex.escape(word) for word in matcher.spec["words"])
    before = matcher.spec["before"]
    old = regex.compile(f"(?<=(?i:{before}))(?<![\\p{{L}}])(?:{alternation})(?![\\p{{L}}\\p{{M}}])")
    return [match.span() for match in old.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["on", "by", " ", "\u00a0", "15", "3rd", "march", "may", "mayor", ",", "x", "May"]), max_size=12
    ).map("".join)
)
def test_month_case_matches_the_plain_regex(text):
    spans = [(f.span.start, f.span.end) for f in default_ruleset().get("GRM004").check(Document(text))]
    assert spans == _old_months(text)


def test_edit_group_narrows_the_finding_to_its_span():
    result = fix_text("he said “no way “, then left", ruleset=default_ruleset().select(["QUO003"]))
    assert result.text == "he said “no way”, then left"
    [edit] = result.applied
    assert (edit.span.start, edit.span.end, edit.original) == (15, 17, " “")


def test_long_single_line_documents_stay_fast():
    """A look-behind tried at every position is quadratic in line length: a 3 MB document on
    one line must still be checked well inside the per-pattern time budget."""
    pattern_rules = default_ruleset().select(
        ["QUO", "SPC0", "PUN", "NUM", "GRM002", "GRM004", "GRM005", "BLP", "ENC003"]
    )
    text = "“He said " + "the talks are long and plain, " * 100_000 + "then left , on 5 march « ok »."
    started = time.perf_counter()
    findings = check_document(pattern_rules, Document(text))
    elapsed = time.perf_counter() - started
    assert {finding.rule_id for finding in findings} == {"QUO011", "QUO012", "SPC001", "GRM004"}
    assert elapsed < 20, elapsed


def test_gates_never_hide_a_match():
    """Every rule of the core runs only when one of its gate literals occurs: on the corpus,
    the seeds and texts built to hit every rule, an engine without any gate finds the same."""
    from cleanup._core import Engine

    ruleset = default_ruleset()
    specs = [rule.matcher.spec for rule in ruleset.core_rules]
    assert sum(1 for spec in specs if spec.get("gate")) >= 10
    ungated = Engine([{key: value for key, value in spec.items() if key != "gate"} for spec in specs])
    texts = [*CORPUS_TEXTS, *(path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt")))]
    texts += [example for rule in ruleset for case in rule.meta.examples for example in (case.bad, case.ok) if example]
    hits = 0
    for text in texts:
        gated = ruleset.core.check(text)
        assert gated == ungated.check(text), text[:80]
        hits += len(gated)
    assert hits > 100


@functools.cache
def _src002_without_allow_gate_rule() -> Any:
    matcher = default_ruleset().get("SRC002").matcher
    # the plain form: the core scans every line for allowed phrases
    return type(matcher)(matcher.meta, {**matcher.spec, "allow_words": None}, matcher.error)


def _src002_without_allow_gate(text: str) -> list[tuple[int, int, str]]:
    return [(f.span.start, f.span.end, f.message) for f in _src002_without_allow_gate_rule().check(Document(text))]


_ALLOW_PIECES = [
    "coup d’état",
    "COUP D'ÉTAT",
    "coup  d'etat",
    "déjà vu",
    "DÉJÀ-VU",
    "Le Monde",
    "ſelon",
    "les rebelles",
    "étaient",
    "dans",
    "la",
    " ",
    ", ",
    "\n",
    "the army",
    "selon",
    "ı",
    "K",
    "café",
    "vis-à-vis",
    "en route",
    "pour",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ALLOW_PIECES), max_size=14).map(" ".join))
def test_leftover_allow_gate_matches_the_plain_scan(text):
    matcher = default_ruleset().get("SRC002").matcher
    assert matcher.spec["allow_words"] is not None, "the bundled allow lists keep the gate on"
    gated = [(f.span.start, f.span.end, f.message) for f in matcher.check(Document(text))]
    assert gated == _src002_without_allow_gate(text)


def test_leftover_allow_gate_matches_the_plain_scan_on_the_corpus():
    matcher = default_ruleset().get("SRC002").matcher
    for text in CORPUS_TEXTS:
        gated = [(f.span.start, f.span.end, f.message) for f in matcher.check(Document(text))]
        assert gated == _src002_without_allow_gate(text)
