"""The run signature printed beside every result, so that figures can be compared.

``mt-cleanup 0.1.0|packs:common@0.1.0+fr-en@0.1.0|data:1f2e3d4c5b6a|select:ALL|ignore:-|fix:safe``:
the tool version, the rule packs and their versions, a digest of the rule data actually
loaded (:attr:`~cleanup.packs.ruleset.RuleSet.data_digest`: an edited lexicon changes it
though no version moved), the selection and the fix level, as ``key:value`` fields joined by
``|`` in the manner of sacrebleu's metric signatures (``nrefs:1|case:mixed|...|version:2.6.0``).
Two figures are comparable when their signatures are equal.
"""

from __future__ import annotations

from collections.abc import Sequence

from cleanup.model import Applicability
from cleanup.packs.ruleset import RuleSet


def run_signature(
    ruleset: RuleSet,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    applicability: Applicability = Applicability.SAFE,
) -> str:
    from cleanup import __version__

    selected = ",".join(select) if select else "ALL"
    ignored = ",".join(ignore) if ignore else "-"
    fields = [
        f"mt-cleanup {__version__}",
        f"packs:{ruleset.signature}",
        f"data:{ruleset.data_digest}",
        f"select:{selected}",
        f"ignore:{ignored}",
        f"fix:{applicability}",
    ]
    return "|".join(fields)
