"""Property tests of the Rust core and the fixer on arbitrary Unicode (issue 13, point 7).

Texts mix generated noise (astral characters, combining marks, CRLF, NBSP and U+202F, curly
quotes, guillemets) with fragments of the artifacts the rules look for, so that findings
occur next to characters whose UTF-8 length is not one byte: the core matches on bytes and
hands back code-point offsets, and any slip there moves a span. Every property also counts
the examples where it had something to check, and fails if too few did (a property that only
ever saw clean texts proves nothing).
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable, Hashable, Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleanup.engine import check_document, default_ruleset
from cleanup.errors import RulePackError
from cleanup.fixer import apply_rounds, fix_text
from cleanup.kinds.base import Document
from cleanup.kinds.compiled import Hit
from cleanup.model import Applicability, AppliedEdit, Edit
from cleanup.packs.loader import load_rules
from cleanup.textfile import BOM, decode_text

RULESET = default_ruleset()
CORE = RULESET.core
CORE_RULES = RULESET.core_rules
CORE_IDS = [rule.id for rule in CORE_RULES]
assert CORE is not None and CORE_RULES

# derandomize: the share of meaningful examples is a property of the strategies, and CI must
# not fail on a draw that happened to hold fewer of them.
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

# --- texts -------------------------------------------------------------------------------

#: Characters that are more than one UTF-8 byte, or two code points for one glyph, or that
#: the rules treat specially (spaces, quotes, line breaks).
NOISE_CHARS = [
    "\U0001f600",  # 😀, 4 bytes
    "\U0001f1eb\U0001f1f7",  # 🇫🇷, two astral code points
    "\U0001d400",  # 𝐀, an astral letter (\p{L})
    "\U00020000",  # 𠀀, astral CJK
    "e\u0301",  # é decomposed
    "\u0301",  # a combining mark alone
    "\u00e9",  # é composed, 2 bytes
    "\u4e2d",  # 中, 3 bytes
    "\u0416",  # Ж
    "\u00a0",  # NBSP
    "\u202f",  # narrow NBSP
    "\r\n",
    "\n",
    "\r",
    "\t",
    " ",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "—",
    "…",
    "a",
    "Z",
    "7",
    ".",
    ",",
]
#: Pieces of the artifacts the core rules look for (and their clean neighbours).
FRAGMENTS = [
    "province”while",
    "said“we",
    " , ",
    " .",
    "word ;",
    "« a »",
    "«\u00a0une phrase\u00a0»",
    "“ quoted ”",
    "“quoted“ ",
    "Read later\n",
    "Read later\r\n",
    "Read also | Title\n",
    "\nSave to my favourites\n",
    "(OSDH)",
    "( OSDH )",
    "the OTAN said",
    "The NATO said",
    "Alep, Syria",
    "12 400",
    "2,5 million",
    "10 €",
    "15 %",
    "). ).",
    "), ),",
    "word..",
    "yes,,",
    "end.Then",
    "Jean -Pierre",
    "said ,yes",
    "word  word",
    "\nTThe army",
    "ok”. but",
    "for the the Mona",
    "at 18 h 30",
    "from 20h",
    "the 21e siècle",
    "on 1er juin",
    "on 15 march",
]
WORDS = ["The", "army", "said", "that", "Syria", "Paris", "a", "an", "war", "peace"]

noise = st.lists(st.sampled_from(NOISE_CHARS), min_size=1, max_size=6).map("".join)
piece = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.sampled_from(FRAGMENTS),
    noise,
    st.sampled_from(WORDS).map(lambda word: word + " "),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=3),
)
texts = st.lists(piece, min_size=1, max_size=30).map("".join)
long_texts = st.lists(piece, min_size=10, max_size=30).map("".join)

#: A prefix that cannot interact with what follows it: no ASCII letter (so no swap term or
#: document condition can be spelled), ending in a paragraph break (every core condition
#: stops at a line end).
PREFIX_CHARS = [char for char in NOISE_CHARS if not any("a" <= c.lower() <= "z" for c in char)]
prefixes = st.tuples(
    st.lists(st.sampled_from(PREFIX_CHARS + ["é", "ü"]), min_size=1, max_size=12).map("".join),
    st.sampled_from(["\n\n", "\r\n\r\n"]),
).map("".join)


class Share:
    """Counts the examples a property had something to check in; :meth:`require` fails the
    test when fewer than ``fraction`` of them did."""

    def __init__(self) -> None:
        self.examples = 0
        self.hits = 0

    def record(self, hit: bool) -> None:
        self.examples += 1
        self.hits += bool(hit)

    def require(self, fraction: float) -> None:
        assert self.examples > 0
        assert self.hits >= fraction * self.examples, f"only {self.hits} of {self.examples} examples were meaningful"


def holds_meaningfully(
    fraction: float, *strategies: st.SearchStrategy
) -> Callable[[Callable[..., bool]], Callable[[], None]]:
    """Make a test of ``check`` (which asserts its property and returns whether the example
    had something to check) over ``strategies``, requiring ``fraction`` of the examples to
    have had something to check."""

    def decorate(check: Callable[..., bool]) -> Callable[[], None]:
        def test() -> None:
            share = Share()

            @SETTINGS
            @given(st.tuples(*strategies))
            def run(args: tuple[object, ...]) -> None:
                share.record(check(*args))

            run()
            share.require(fraction)

        # Not functools.wraps: pytest would read the property's arguments as fixtures.
        test.__name__ = test.__qualname__ = check.__name__
        test.__doc__ = check.__doc__
        return test

    return decorate


def non_ascii_before(text: str, offset: int) -> bool:
    return not text[:offset].isascii()


# --- offsets -----------------------------------------------------------------------------


def _swap_sources(rule_id: str) -> frozenset[str]:
    rule = next(rule for rule in CORE_RULES if rule.id == rule_id)
    return frozenset(row[0] for row in rule.matcher.spec["rows"])


SWAP_SOURCES = {rule.id: _swap_sources(rule.id) for rule in CORE_RULES if rule.matcher.spec["kind"] == "swap"}
SPACES = frozenset(" \t\u00a0\u202f")

#: What each core rule's span looks like, read from its pattern: an independent check of the
#: offsets (a byte offset taken for a character offset moves the span off its artifact).
SHAPES: dict[str, Callable[[str, Hit], bool]] = {
    "QUO001": lambda t, h: h[1] == h[2] and t[h[1] - 1] == "”",
    "QUO002": lambda t, h: h[1] == h[2] and t[h[1]] == "“",
    "QUO003": lambda t, h: t[h[2] - 1] == "“" and set(t[h[1] : h[2] - 1]) <= SPACES,
    "QUO004": lambda t, h: (
        t[h[1]] in '\N{LEFT DOUBLE QUOTATION MARK}"'
        and t[h[2] - 1] in '\N{RIGHT DOUBLE QUOTATION MARK}"'
        and (t[h[1] + 1] in SPACES or t[h[2] - 2] in SPACES)
    ),
    "QUO005": lambda t, h: t[h[1]] == "”" and t[h[2] - 1] == "“",
    "QUO010": lambda t, h: t[h[2] - 1] == "»" and set(t[h[1] : h[2] - 1]) <= SPACES,
    "QUO011": lambda t, h: t[h[1]] == "«" and set(t[h[1] + 1 : h[2]]) <= SPACES,
    "QUO012": lambda t, h: t[h[2] - 1] == "»" and set(t[h[1] : h[2] - 1]) <= SPACES,
    "QUO013": lambda t, h: t[h[1]] == "«" and set(t[h[1] + 1 : h[2]]) <= SPACES,
    "SPC001": lambda t, h: h[1] < h[2] and set(t[h[1] : h[2]]) <= SPACES and t[h[2]] in ",.;:!?",
    "SPC002": lambda t, h: h[1] < h[2] and set(t[h[1] : h[2]]) <= SPACES,
    "SPC003": lambda t, h: h[2] - h[1] >= 2 and set(t[h[1] : h[2]]) == {" "},
    "SPC004": lambda t, h: h[1] == h[2] and t[h[1] - 1] in ",;",
    "SPC005": lambda t, h: t[h[1] : h[2]] == " ",
    "PUN001": lambda t, h: t[h[1] : h[2]].lstrip(" \t\u00a0")[:1] == ")" and t[h[2] - 1] in ".,;:",
    "PUN002": lambda t, h: t[h[1]] in ".," and t[h[2] - 1] in ".,",
    "PUN003": lambda t, h: h[1] == h[2] and t[h[1] - 1] in ".!?",
    "PUN004": lambda t, h: t[h[1] : h[2]] == ".",
    "NUM002": lambda t, h: t[h[1] : h[2]] == ",",
    "NUM003": lambda t, h: set(t[h[1] : h[2]]) <= SPACES and t[h[2]] in "%‰",
    "NUM005": lambda t, h: (
        sorted(t[h[1] : h[2]].replace(" ", "").replace("\u00a0", "").replace("\u202f", "")) == sorted(h[5] or "")
    ),
    "GRM001": lambda t, h: t[h[1] : h[2]] in ("a", "an", "A", "An"),
    "GRM005": lambda t, h: h[2] - h[1] == 1 and t[h[1]].isupper(),
    "SPC100": lambda t, h: h[1] < h[3] == h[4] < h[2] and t[h[1] : h[2]].isalpha(),
    "SRC003": lambda t, h: (h[1] == 0 or t[h[1] - 1] == "\n") and t[h[1] : h[2]].strip() != "",
    "ACR002": lambda t, h: t[h[1] : h[2]][:3] in ("the", "The"),
    "GRM002": lambda t, h: len(t[h[1] : h[2]].split()) == 2 and len({w.lower() for w in t[h[1] : h[2]].split()}) == 1,
    "GRM003": lambda t, h: (
        (t[h[1]].isdigit() and t[h[2] - 1] in "eèr")
        or (set(t[h[1] : h[2]].split()[0].rstrip("eèm")) <= set("IVXLC") and t[h[2] - 1].isalpha())
    ),
    "GRM004": lambda t, h: t[h[1] : h[2]].isalpha() and t[h[1]].islower(),
    "NUM001": lambda t, h: (
        t[h[1]].isdigit() and t[h[2] - 1].isdigit() and set(t[h[1] : h[2]]) - set("0123456789") <= SPACES
    ),
    "NUM004": lambda t, h: t[h[1]].isdigit() and "h" in t[h[1] : h[2]],
    "NUM007": lambda t, h: t[h[1] : h[2]] in ("'", "\N{RIGHT SINGLE QUOTATION MARK}") and t[h[2]].isdigit(),
    "NUM008": lambda t, h: t[h[1] : h[2]].endswith("CFA") and t[h[1]] in "fF",
    "SRC013": lambda t, h: t[h[1] : h[2]].isalpha() and t[h[1]].islower(),
    "SRC014": lambda t, h: t[h[1] : h[2]][:2] in ("du", "Du") and t[h[2] - 1].isdigit(),
    "BLP001": lambda t, h: (h[1] == 0 or t[h[1] - 1] in "\r\n") and "\n" not in t[h[1] : h[2]],
    "QUO020": lambda t, h: t[h[1] : h[2]] == "\N{LEFT DOUBLE QUOTATION MARK}",
    "PRN001": lambda t, h: t[h[1] : h[2]] in ("She", "she", "He", "he", "Her", "her", "His", "his"),
    "PRN002": lambda t, h: t[h[1] : h[2]] in ("his", "himself"),
    "ENC003": lambda t, h: h[2] - h[1] == 1 and unicodedata.category(t[h[1]]) == "Cc" and t[h[1]] not in "\t\n\r",
    "ENC004": lambda t, h: t[h[1]] == "&" and t[h[2] - 1] == ";" and h[5] is not None,
    **{code: (lambda t, h, sources=sources: t[h[1] : h[2]] in sources) for code, sources in SWAP_SOURCES.items()},
}


def test_every_shape_names_a_core_rule():
    """A renamed or removed rule must not leave its shape check silently unused."""
    assert set(SHAPES) <= set(CORE_IDS)
    assert len(SHAPES) >= 0.8 * len(CORE_IDS)


@holds_meaningfully(0.3, texts)
def test_core_hits_are_code_point_spans_of_their_artifacts(text: str) -> bool:
    """Every hit's span and edit lie inside the text, the finding's ``matched`` is exactly
    ``text[start:end]``, and the span sits on what the rule's pattern matches."""
    hits = CORE.check(text)
    for hit in hits:
        rule, start, end, edit_start, edit_end, _, extra = hit
        for extra_start, extra_end, _ in extra[0] if extra else ():
            assert 0 <= extra_start <= extra_end <= len(text), hit
        assert 0 <= start <= end <= len(text), hit
        assert 0 <= edit_start <= edit_end <= len(text), hit
        code = CORE_RULES[rule].id
        if code in SHAPES:
            assert SHAPES[code](text, hit), (code, hit, text[max(0, start - 5) : end + 5])
    for finding in check_document(RULESET, Document(text)):
        assert finding.matched == text[finding.span.start : finding.span.end]
        assert finding.span.end <= len(text)
        for edit in finding.fix.edits if finding.fix else ():
            assert 0 <= edit.span.start <= edit.span.end <= len(text), finding
    return any(non_ascii_before(text, hit[1]) and CORE_RULES[hit[0]].id in SHAPES for hit in hits)


def shifted(hit: Hit, shift: int) -> Hashable:
    """``hit`` with every offset moved by ``shift``, as a hashable value."""
    rule, start, end, edit_start, edit_end, replacement, extra = hit
    more = None
    if extra is not None:
        edits, level, fields = extra
        more = (tuple((a + shift, b + shift, r) for a, b, r in edits), level, tuple(fields))
    return (rule, start + shift, end + shift, edit_start + shift, edit_end + shift, replacement, more)


@holds_meaningfully(0.4, prefixes, texts)
def test_core_hits_move_with_a_prefix_by_its_length_in_code_points(prefix: str, text: str) -> bool:
    """Putting a paragraph of multi-byte noise first shifts every hit of the text by the
    prefix's length in code points (not in bytes) and changes nothing else."""
    alone = CORE.check(text)
    prefixed = CORE.check(prefix + text)
    shift = len(prefix)
    moved = {shifted(hit, shift) for hit in alone}
    assert {shifted(hit, 0) for hit in prefixed} == {shifted(hit, 0) for hit in CORE.check(prefix)} | moved
    return bool(alone) and len(prefix.encode("utf-8")) != len(prefix)


# --- the fixer ---------------------------------------------------------------------------

LEVELS = [Applicability.SAFE, Applicability.UNSAFE]


def proposed_edits(text: str, level: Applicability) -> set[tuple[str, Edit]]:
    """The edits the findings of ``text`` offer at ``level`` or above."""
    edits = set()
    for finding in check_document(RULESET, Document(text)):
        fix = finding.fix
        if (
            fix is not None
            and fix.applicability is not Applicability.DISPLAY_ONLY
            and fix.applicability.at_least(level)
        ):
            edits.update((finding.rule_id, edit) for edit in fix.edits)
    return edits


def splice_checking_locality(text: str, edits: Iterable[AppliedEdit]) -> str:
    """The text after one round, built piece by piece; asserts the edits are sorted, apart,
    inside the text and record what they replace."""
    pieces = []
    position = 0
    for edit in edits:
        assert position <= edit.span.start <= edit.span.end <= len(text), edit
        assert text[edit.span.start : edit.span.end] == edit.original, edit
        pieces.append(text[position : edit.span.start])
        pieces.append(edit.replacement)
        position = edit.span.end
    pieces.append(text[position:])
    return "".join(pieces)


@holds_meaningfully(0.4, texts, st.sampled_from(LEVELS))
def test_fix_is_idempotent_local_and_replayable(text: str, level: Applicability) -> bool:
    result = fix_text(text, applicability=level)
    # Idempotent: fixing the fixed text changes nothing.
    again = fix_text(result.text, applicability=level)
    assert again.text == result.text and not again.applied
    # Replay: the recorded rounds rebuild the result from the original.
    assert apply_rounds(text, result.rounds) == result.text
    # Locality: each round applies only edits that a finding of that round's text offered,
    # and outside those spans the text is what it was.
    current = text
    for round_edits in result.rounds:
        offered = proposed_edits(current, level)
        for edit in round_edits:
            assert edit.applicability.at_least(level)
            assert (edit.rule_id, Edit(edit.span, edit.replacement)) in offered, edit
        following = splice_checking_locality(current, round_edits)
        assert following != current
        current = following
    assert current == result.text
    return bool(result.applied) and not text.isascii()


def line_body(text: str) -> str:
    """``text`` as one line of a text file: no line break, no BOM, no NUL (a binary file)."""
    return text.replace("\r", " ").replace("\n", " ").replace(BOM, "").replace("\x00", "")


#: Whole lines the boilerplate rule removes, so that a fix can take out a file's last line.
BOILERPLATE_LINES = ["Read later", "Read also | Title", "Save to my favourites", "\u00a0Read later"]


@holds_meaningfully(
    0.5,
    st.lists(st.one_of(texts.map(line_body), st.sampled_from([*BOILERPLATE_LINES, ""])), min_size=1, max_size=5),
    st.sampled_from(["\r\n", "\n"]),
    st.booleans(),
    st.booleans(),
    st.sampled_from(LEVELS),
)
def test_newlines_bom_and_final_newline_are_kept(
    lines: list[str], newline: str, final_newline: bool, bom: bool, level: Applicability
) -> bool:
    """A file's newline style, its BOM and the presence or absence of its final newline
    survive a fix, whatever the fix removes (boilerplate lines included)."""
    text = newline.join(lines) + (newline if final_newline else "")
    data = ((BOM if bom else "") + text).encode("utf-8")
    source = decode_text(data, "x.txt")
    assert source.has_bom == bom and source.text == text
    result = fix_text(source.text, applicability=level)
    output = source.encode(result.text)
    assert output.startswith(BOM.encode("utf-8")) == bom
    fixed = decode_text(output, "x.txt").text
    assert fixed == result.text
    if newline == "\r\n":
        assert "\n" not in fixed.replace("\r\n", ""), "a bare LF appeared in a CRLF file"
        assert "\r" not in fixed.replace("\r\n", "")
    else:
        assert "\r" not in fixed
    if fixed:
        assert fixed.endswith(newline) == text.endswith(newline)
    return bool(result.applied)


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("a\nRead later", "a"),
        ("a\nRead later\n", "a\n"),
        ("a\r\nRead later\r\nRead later", "a"),
        ("a\n\nRead later\n", "a\n\n"),
        ("Read later\n\na", "\na"),
        ("a\n\nRead later", "a"),
        ("a\r\n\r\nRead later", "a"),
    ],
)
def test_final_newline_edge_cases(text, fixed):
    """Removing the last line keeps a text without a final newline without one."""
    assert fix_text(text).text == fixed


# --- selection views ---------------------------------------------------------------------

PREFIXES = sorted({code[:3] for code in CORE_IDS} | {code[:5] for code in CORE_IDS} | set(CORE_IDS))


def core_findings(ruleset, text: str) -> list[tuple[str, int, int, str]]:
    core_ids = set(CORE_IDS)
    return [
        (finding.rule_id, finding.span.start, finding.span.end, finding.matched)
        for finding in check_document(ruleset, Document(text))
        if finding.rule_id in core_ids
    ]


@holds_meaningfully(0.25, long_texts, st.data())
def test_a_selection_runs_exactly_its_core_rules(text: str, data: st.DataObject) -> bool:
    full = CORE.check(text)
    # Selectors are codes and prefixes, half of them of rules that fire in this text.
    fired = sorted({CORE_IDS[hit[0]] for hit in full})
    selectors = st.sampled_from(PREFIXES)
    if fired:
        selectors = st.one_of(selectors, st.sampled_from(fired), st.sampled_from(fired).map(lambda code: code[:3]))
    select = data.draw(st.lists(selectors, min_size=1, max_size=3), label="select")
    ignore = data.draw(st.lists(selectors, max_size=2), label="ignore")
    chosen = {
        code
        for code in CORE_IDS
        if any(code.startswith(prefix) for prefix in select) and not any(code.startswith(prefix) for prefix in ignore)
    }
    view = RULESET.select(select, ignore)
    assert {rule.id for rule in view.rules if rule.id in CORE_IDS} == chosen
    expected = [hit for hit in full if CORE_IDS[hit[0]] in chosen]
    assert view.core is not None
    assert view.core.check(text) == expected
    # with_rules: the same view from rule objects, and through the engine's findings.
    by_hand = RULESET.with_rules(rule for rule in RULESET.rules if rule.id in chosen)
    assert by_hand.core is not None and by_hand.core.check(text) == expected
    assert core_findings(view, text) == [item for item in core_findings(RULESET, text) if item[0] in chosen]
    # A view of a view narrows further and never widens back.
    narrower = sorted(chosen)[: max(1, len(chosen) // 2)]
    inner = view.with_rules(rule for rule in view.rules if rule.id in narrower)
    assert inner.core is not None
    assert inner.core.check(text) == [hit for hit in expected if CORE_IDS[hit[0]] in narrower]
    return bool(expected) and len(expected) < len(full)


# --- user patterns -----------------------------------------------------------------------

PACK = 'name = "user"\nversion = "0.1.0"\ndescription = "A user pack."\n'
USER_RULE = """[[rule]]
id = "QUO901"
name = "user-rule"
kind = "pattern"
category = "quotes"
severity = "warning"
message = "Found {match}"
pattern = 'xx'
fix = "none"
why = "Because."
"""


def user_pack(tmp_path: Path, rules: str) -> Path:
    folder = tmp_path / "user"
    folder.mkdir()
    (folder / "pack.toml").write_text(PACK, encoding="utf-8")
    (folder / "rules.toml").write_text(rules, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("text", "found"),
    [("a" * 200_000, 1), ("a" * 199_999 + "b", 0), ("ba" * 100_000, 1), ("😀a" * 100_000, 1)],
    ids=["all-a", "a-then-b", "ba", "astral"],
)
def test_a_catastrophic_user_pattern_runs_in_linear_time(tmp_path, text, found):
    folder = user_pack(tmp_path, USER_RULE.replace("pattern = 'xx'", "pattern = '(a+)+$'"))
    ruleset = load_rules([folder], include_bundled=False)
    started = time.monotonic()
    findings = check_document(ruleset, Document(text, "doc.txt"))
    fixed = fix_text(text, ruleset=ruleset)
    assert time.monotonic() - started < 5
    assert len(findings) == found
    if found:
        (finding,) = findings
        assert finding.span.end == len(text) and set(finding.matched) == {"a"}
    assert fixed.text == text


@pytest.mark.parametrize(
    ("change", "line", "problem"),
    [
        (
            ("pattern = 'xx'", "pattern = '(?<=a)b'"),
            8,
            "invalid regular expression in 'pattern': look-behind is not supported: move it to 'before'",
        ),
        (
            ("pattern = 'xx'", "pattern = 'a(?=b)'"),
            8,
            "invalid regular expression in 'pattern': look-ahead is not supported",
        ),
        (
            (
                "pattern = 'xx'\nfix = \"none\"",
                "pattern = '(?P<x>x)x'\nfix = \"safe\"\nfix_title = \"T\"\nreplace = '\\g<x>'",
            ),
            11,
            "invalid replacement template: \\g<name> is the old template syntax: write ${name}",
        ),
    ],
    ids=["look-behind", "look-ahead", "g-template"],
)
def test_an_old_dialect_pattern_fails_at_load_naming_file_line_and_rule(tmp_path, change, line, problem):
    folder = user_pack(tmp_path, USER_RULE.replace(*change))
    with pytest.raises(RulePackError) as caught:
        load_rules([folder], include_bundled=False)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{folder / 'rules.toml'}:{line}: rule QUO901: ")
    assert problem in message
