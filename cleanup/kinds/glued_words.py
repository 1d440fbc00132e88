"""The ``glued-words`` builtin: two English words written without the space between them.

Extraction and MT post-processing sometimes drop a space (``governmentsaid``,
``Releasewhich``). A token is split only when the split is certain: the whole token is
unknown to the English and French word lists, it is plain letters (no digits, no inner
capital as in ``iPhone`` or ``YouTube``, not part of a URL, handle, hashtag or file name),
and exactly one split point gives two halves that are both common English words, at least
one of them a short function word (``said``, ``which``, ``the``) from the pack's list.
Any other case (no split, or several) reports nothing. A token unknown to the lists may still
be a word, and then it is left alone: a particle that English glues into hyphenless
compounds, in the place it takes there (``over-`` in ``overmighty``, ``overmanning``;
``-about`` in ``runabout``; the pack's ``compound_parts``), makes a rare compound, not two
words; and a capitalised token that starts with a function word (``Hadfield``, ``Overmars``)
is a name. So is an inflection or the other spelling of a word wordfreq lists (``notabilities``
from ``notability``, ``notarise`` beside ``notarize``), asked only of a token about to be split.

Whether wordfreq lists a token at all is the last test, and wordfreq costs half a second
to load: ``listed_words`` names the list ``tools/build_lexicons.py`` generates of the listed
words this rule could split (its header records the function words and ``min_half_zipf``
it was built for). When the rule's own are covered by those, a token that splits is listed
exactly when the list holds it, and wordfreq never loads; otherwise the rule asks wordfreq.

Matching runs in the Rust core (``crates/mtcore/src/glued_words.rs``), with the shipped
word table for the halves (``min_half_zipf`` must be at least 3, the table's floor) and for
the base forms; what only wordfreq can answer (a token the generated list does not cover, a
base form the table lacks) comes back with the hit, and :meth:`GluedWordsKind.complete` asks.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from cleanup.errors import RulePackError
from cleanup.kinds.base import Document, KeySpec, RuleMeta
from cleanup.kinds.compiled import CompiledKind, Hit, key_errors
from cleanup.model import Edit, Finding, Span
from cleanup.wordfreqs import core_table


class GluedWordsKind(CompiledKind):
    name: ClassVar[str] = "glued-words"
    keys: ClassVar[Mapping[str, KeySpec]] = {
        "builtin": KeySpec(str, required=True),
        "function_words": KeySpec(str, required=True, doc="word list: halves that make a split believable"),
        "min_half_zipf": KeySpec(float, default=3.0, doc="least English Zipf value of each half (3.0 or more)"),
        "listed_words": KeySpec(
            str, doc="generated word list (tools/build_lexicons.py): the listed words this rule could split"
        ),
        "compound_parts": KeySpec(
            str,
            doc="word list: particles that form hyphenless compounds, as prefixes (over-) or suffixes (-about)",
        ),
        "after_names": KeySpec(
            str,
            doc="word list: words glued to the end of a name (Lafonin), split when the name stands alone "
            "elsewhere in the document; a word marked `+` (+which) ends no name and needs no such evidence",
        ),
    }
    adapter: ClassVar[bool] = True  # wordfreq answers what the table and the listed words cannot

    @classmethod
    def build(cls, meta: RuleMeta, options: dict[str, Any], context: Any) -> GluedWordsKind:
        words = frozenset(word.lower() for word in context.word_list(options["function_words"], "function_words"))
        min_half_zipf = float(options["min_half_zipf"])
        listed = None
        if options["listed_words"] is not None:
            path, label = context.data_path(options["listed_words"], "listed_words")
            listed = ListedWords(path, label, meta.id)
            listed.load()  # validated now, so that an error names the file and line
        prefixes: set[str] = set()
        suffixes: set[str] = set()
        if options["compound_parts"] is not None:
            _, label = context.data_path(options["compound_parts"], "compound_parts")
            for part in context.word_list(options["compound_parts"], "compound_parts"):
                part = part.lower()
                if part.endswith("-") and not part.startswith("-"):
                    prefixes.add(part[:-1])
                elif part.startswith("-") and not part.endswith("-"):
                    suffixes.add(part[1:])
                else:
                    raise RulePackError(label, None, meta.id, f"compound part '{part}' must be 'over-' or '-about'")
        after_names: set[str] = set()
        after_names_free: set[str] = set()
        if options["after_names"] is not None:
            for word in context.word_list(options["after_names"], "after_names"):
                word = word.lower()
                if word.startswith("+"):
                    after_names_free.add(word[1:])
                else:
                    after_names.add(word)
        covered = listed.covering(words, min_half_zipf) if listed is not None else None
        spec = {
            "kind": "glued-words",
            "function_words": sorted(words),
            "min_half_zipf": min_half_zipf,
            "listed": sorted(covered) if covered is not None else None,
            "prefixes": sorted(prefixes),
            "suffixes": sorted(suffixes),
            "after_names": sorted(after_names),
            "after_names_free": sorted(after_names_free),
            "words": core_table(),
        }

        return cls(meta, spec, key_errors(context))

    def complete(self, doc: Document, hit: Hit) -> list[Finding]:
        """The finding of a core hit, unless wordfreq lists the token (``ask_listed``) or the
        base form of an inflection or other spelling it may be (``ask_forms``: notabilities,
        notarise), which the table and the generated list could not answer."""
        from cleanup.wordfreqs import is_listed

        _, start, end, point, _, _, extra = hit
        fields = dict(extra[2]) if extra is not None else {}
        token = fields.pop("ask_listed", None)
        if token is not None and is_listed(token):
            return []
        forms = fields.pop("ask_forms", None)
        if forms is not None and any(is_listed(base) for base in forms.split(" ")):
            return []
        return [self.meta.finding(doc, start, end, edits=(Edit(Span(point, point), " "),), fields=fields)]


class ListedWords:
    """``listed_words``: a generated list and the function words and threshold it covers."""

    def __init__(self, path: Path, label: str, rule_id: str) -> None:
        self.path = path
        self.label = label
        self.rule_id = rule_id
        self._loaded: tuple[frozenset[str], frozenset[str], float] | None = None

    def load(self) -> tuple[frozenset[str], frozenset[str], float]:
        """(words, function words, min_half_zipf) from the file; errors name the file and line."""
        if self._loaded is None:
            self._loaded = self._read()
        return self._loaded

    def covering(self, function_words: frozenset[str], min_half_zipf: float) -> frozenset[str] | None:
        """The words, when the list was built for these function words (or more) and this
        threshold (or a lower one): it then holds every listed word the rule can split."""
        words, built_for, built_zipf = self.load()
        if function_words <= built_for and min_half_zipf >= built_zipf:
            return words
        return None

    def _read(self) -> tuple[frozenset[str], frozenset[str], float]:
        from cleanup.packs.lexicon import data_lines

        header: dict[str, tuple[int, str]] = {}
        try:
            raw = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise RulePackError(self.label, None, self.rule_id, f"cannot read the list: {error}") from None
        for number, line in enumerate(raw.splitlines(), start=1):
            if not line.startswith("#"):
                if line.strip():
                    break  # the header is the comment lines at the top
                continue
            key, colon, value = line[1:].partition(":")
            if colon and key.strip() in _HEADER_KEYS:
                header[key.strip()] = (number, value.strip())
        missing = [key for key in _HEADER_KEYS if key not in header]
        if missing:
            raise RulePackError(self.label, None, self.rule_id, f"header line '# {missing[0]}: ...' is missing")
        number, value = header["min-half-zipf"]
        try:
            zipf = float(value)
        except ValueError:
            raise RulePackError(self.label, number, self.rule_id, f"min-half-zipf {value!r} is not a number") from None
        function_words = frozenset(header["function-words"][1].lower().split())
        words = frozenset(text.strip().lower() for _, text in data_lines(raw, self.label))
        return words, function_words, zipf


_HEADER_KEYS = ("min-half-zipf", "function-words")
