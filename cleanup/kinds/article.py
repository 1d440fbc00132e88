"""The ``indefinite-article`` builtin: ``a`` before a vowel sound and ``an`` before a consonant.

French has no a/an alternation, so MT output keeps whichever form the sentence started
with (``a “immediate cessation``). Sound is guessed from spelling, with a data file of word
beginnings that break the spelling rule (``one``, ``uni``, ``euro`` sound like a consonant;
``hour``, ``honest`` like a vowel; the longest listed beginning wins, so ``unim`` in
``unimportant`` overrides ``uni``). The negative prefix ``un-`` before an English word is
read as a vowel whatever follows (``an unanswerable question``, not the ``unan`` of
``unanimous``), and a single letter is read by its name (``an x-ray``, ``a u-turn``).

Only lower-case English words are judged, and only those whose sound spelling can tell:
acronyms (``a UN report``, ``an MP``) depend on how letters are read; a lower-case word with
no vowel letter or with a beginning no English word has (``ntl``, ``fbi``, ``mnemonic``,
``fjord``) may be read letter by letter or not; a word followed by ``.com`` or ``/`` is a
domain or a path; an expressive spelling (``ummm``) has no dictionary sound; and after a word
that no indefinite article can precede (``a on``, ``a its``, ``a "a job``) neither article
is right, so nothing is proposed. French words (``a été``) belong to the leftover-French
rules.

Matching runs in the Rust core (``crates/mtcore/src/article.rs``). Two of its questions
weigh English word frequencies at a Zipf value of 2 (is the word English, is the stem after
``un`` one), below what the shipped table holds in full: for a word the table lacks, the core
hands the hit over as a candidate carrying the question, and :meth:`complete` asks wordfreq.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from cleanup.errors import RulePackError
from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, Hit, key_errors
from cleanup.model import Finding
from cleanup.wordfreqs import core_table, zipf

# The core's thresholds for the questions it hands over (crates/mtcore/src/article.rs).
_MIN_ENGLISH_ZIPF = 2.0
_MIN_UN_STEM_ZIPF = 2.0


class IndefiniteArticleKind(CompiledKind):
    name: ClassVar[str] = "indefinite-article"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "sounds": KeySpec(str, required=True, doc="TSV: word beginning, sound (vowel | consonant)"),
        "onsets": KeySpec(
            str, required=True, doc="word list: two-consonant beginnings English words have (bl, str's st)"
        ),
        "never_after": KeySpec(
            str, required=True, doc="word list: words no indefinite article can precede (on, its, the)"
        ),
    }
    adapter: ClassVar[bool] = True  # wordfreq answers for words the core's table lacks

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> IndefiniteArticleKind:
        label, rows = context.table(options["sounds"], "sounds", min_columns=2, max_columns=2)
        sounds: dict[str, bool] = {}
        for line, (prefix, sound) in rows:
            if sound not in ("vowel", "consonant"):
                raise RulePackError(label, line, meta.id, f"sound must be 'vowel' or 'consonant', not '{sound}'")
            if prefix.lower() in sounds:
                raise RulePackError(label, line, meta.id, f"duplicate prefix '{prefix}'")
            sounds[prefix.lower()] = sound == "vowel"
        onsets = sorted({onset.lower() for onset in context.word_list(options["onsets"], "onsets")})
        never_after = sorted({word.lower() for word in context.word_list(options["never_after"], "never_after")})
        spec = {
            "kind": "indefinite-article",
            "sounds": list(sounds.items()),
            "onsets": onsets,
            "never_after": never_after,
            "words": core_table(),
        }

        return cls(meta, spec, key_errors(context))

    def complete(self, doc: Document, hit: Hit) -> list[Finding]:
        """The finding of a core hit, once wordfreq has answered the questions it carries
        (``ask_un_stem``: the finding stands when the stem's English Zipf value is at least
        2 exactly if ``ask_un_expect`` is 1; ``ask_english``: when the word is English)."""
        _, start, end, _, _, replacement, extra = hit
        fields = dict(extra[2]) if extra is not None else {}
        stem = fields.pop("ask_un_stem", None)
        expect = fields.pop("ask_un_expect", None)
        english = fields.pop("ask_english", None)
        if stem is not None and (zipf("en", stem) >= _MIN_UN_STEM_ZIPF) != (expect == "1"):
            return []
        if english is not None and not _is_english(english):
            return []
        return [self.meta.finding(doc, start, end, replacement, fields=fields)]


def _is_english(lower: str) -> bool:
    english = zipf("en", lower)
    return english >= _MIN_ENGLISH_ZIPF and english >= zipf("fr", lower)
