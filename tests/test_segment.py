"""Sentence and word splitting with nltk's tokenizer modules, imported without the rest of
nltk: same spans as with nltk fully imported, nothing left behind, a plain import as fallback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "002_407c51df2e870598.txt"

_SPANS = (
    "import json, sys\n"
    "{prelude}\n"
    "from cleanup import segment\n"
    "text = open(sys.argv[1], encoding='utf-8').read() + '\\nMr. Smith left at 10 a.m. on Dec. 3. He came back.'\n"
    "result = {{\n"
    "    'sentences': list(segment.iter_sentences(text)),\n"
    "    'words': list(segment.iter_words(text)),\n"
    "    'numpy': 'numpy' in sys.modules,\n"
    "    'nltk': sorted(name for name in sys.modules if name == 'nltk' or name.startswith('nltk.')),\n"
    "}}\n"
    "print(json.dumps(result))\n"
)


def _spans(prelude: str = "") -> dict[str, object]:
    script = _SPANS.format(prelude=prelude)
    result = subprocess.run([sys.executable, "-c", script, str(SEED)], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_tokenizers_without_the_rest_of_nltk_split_as_with_nltk_imported():
    light = _spans()
    full = _spans("import nltk")
    assert light["sentences"] == full["sentences"] and light["words"] == full["words"]
    assert len(light["sentences"]) > 10  # type: ignore[arg-type]
    assert light["numpy"] is False and light["nltk"] == []  # nothing of nltk left in sys.modules
    assert full["numpy"] is True and "nltk.tokenize.punkt" in full["nltk"]  # type: ignore[operator]


def test_a_full_import_of_nltk_afterwards_works():
    script = (
        "from cleanup import segment\n"
        "assert list(segment.iter_sentences('It rained. He left.')) == [(0, 10), (11, 19)]\n"
        "import nltk\n"
        "from nltk.tokenize import punkt\n"
        "print(callable(nltk.sent_tokenize), punkt.PunktSentenceTokenizer is not None)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True"]


def test_the_plain_import_is_used_when_the_shortcut_fails():
    fallback = _spans(
        "import cleanup.segment as s\n"
        "def refuse(name):\n"
        "    raise RuntimeError('no stand-in packages')\n"
        "s.ModuleType = refuse"
    )
    assert fallback["sentences"] == _spans()["sentences"]
    assert "nltk.tokenize.punkt" in fallback["nltk"]  # type: ignore[operator]
