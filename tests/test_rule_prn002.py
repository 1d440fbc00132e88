"""PRN002 (his for a woman): silent on clean text, and cheap on text with no candidate."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cleanup.engine import check_text, default_ruleset

ROOT = Path(__file__).resolve().parent.parent
CLEAN_CONTROLS = [
    *sorted((ROOT / "corpus").glob("c*.txt")),
    *(ROOT / "tests" / "data" / "holdout" / f"h{number}.txt" for number in range(11, 15)),
    *sorted((ROOT / "seeds").glob("*.clean.txt")),
]
GOLD_CLEAN = [
    *sorted((ROOT / "corpus").glob("*.clean.txt")),
    *sorted((ROOT / "tests/data/holdout").glob("*.clean.txt")),
]


def _prn002(text: str) -> list[tuple[int, int]]:
    ruleset = default_ruleset()
    return [(f.span.start, f.span.end) for f in check_text(text, ruleset=ruleset) if f.rule_id == "PRN002"]


@pytest.mark.parametrize("path", CLEAN_CONTROLS, ids=lambda path: path.name)
def test_silent_on_clean_controls(path: Path):
    assert _prn002(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", GOLD_CLEAN, ids=lambda path: path.name)
def test_every_flag_on_gold_text_is_a_gold_pronoun_finding(path: Path):
    text = path.read_text(encoding="utf-8")
    findings = json.loads(path.with_name(path.name.replace(".clean.txt", ".findings.json")).read_text("utf-8"))
    gold = [item["text"] for item in findings if item["category"] == "pronoun-gender"]
    for start, _end in _prn002(text):
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start) % (len(text) + 1)
        line = text[line_start:line_end]
        column = start - line_start
        assert any(0 <= column - line.find(item) < len(item) for item in gold if item in line), line


def test_traps_stay_silent_and_the_artifact_is_flagged():
    assert _prn002("The mayor, Claire Morand, defended his project.") != []
    assert _prn002("Prime Minister Hélène Carrier thanked his majority.") != []
    for trap in (
        "She met the president. His office said the talks went well.",
        "Marie and her husband moved, and he kept his job.",
        "Sophie Martin met Jean Dupont and praised his work.",
        "She thanked the minister for his support.",
        "Sophie Martin greeted Xi Jinping and praised his visit.",
        "Everyone, she said, has his reasons.",
        "The queen and the king arrived; his speech was short.",
        "Mr Durand married Anne in 1990. She still admires his courage.",
        "The mayor, Claire Morand, met the prefect, who defended his plan.",
    ):
        assert _prn002(trap) == [], trap


def test_no_sentence_splitter_or_word_frequencies_without_a_candidate():
    probe = (
        "import sys\n"
        "from cleanup.engine import default_ruleset\n"
        "from cleanup.kinds.base import Document\n"
        "text = 'Claire Morand defended her project. She was firm. The king and the queen left.\\n' * 50\n"
        "assert not list(default_ruleset().get('PRN002').check(Document(text)))\n"
        "print(sorted(m for m in ('nltk', 'wordfreq') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_nearer_referent_in_the_sentence_keeps_his_silent():
    """Issue 14: a novel's man named by a noun phrase or a name as the clause's subject."""
    before = "The widow Marchand kept the inn, and she kept it well. She had outlived the war. "
    for sentence in (
        "The abbé raised his eyes.",
        "The curé was at his books.",
        "She watched the stranger during the whole of his supper.",
        "Even one of the silent carters put down his pipe.",
        "Lucien laughed and wiped his eyes.",
        "In the acting categories, Foxworth is regarded as unbeatable for his role.",
        "But McAllister has made enemies with his views.",
    ):
        assert _prn002(before + sentence) == [], sentence
    assert _prn002(before + "In front of her, one on his left stood still.") != []
    assert _prn002(before + "She founded a start-up in Nantes, where she prepared himself.") != []


def test_hard_wrapped_sentences_are_read_whole():
    text = (
        "Hélène, who had watched the stranger with the greatest care during\n"
        "the whole of his supper, leaned across the table towards her aunt and\n"
        "whispered that she was sure he was a spy, or at the very least a notary\n"
        "with something to hide.\n"
    )
    assert _prn002(text) == []


def test_a_man_named_outright_a_few_sentences_back_may_own_his():
    story = "Jean had gone out after dinner. It was raining hard. The streets were empty. She waited by the window. "
    assert _prn002(story + "At ten o'clock she heard his voice on the stairs.") == []
    alone = "It was raining hard. The streets were empty. She waited by the window. "
    assert _prn002(alone + "At ten o'clock she heard his voice on the stairs.") != []
