"""The run signature printed beside every result, so that figures can be compared.

``mt-cleanup 0.1.0|packs:common@0.1.0+fr-en@0.1.0|select:ALL|ignore:-|fix:safe``: the tool
version, the rule packs and their versions, the selection and the fix level, in the spirit
of sacrebleu's metric signatures.
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
    return f"mt-cleanup {__version__}|packs:{ruleset.signature}|select:{selected}|ignore:{ignored}|fix:{applicability}"
