"""Edit-level evaluation of the fixer against gold, as GEC scorers do (``mt-cleanup eval``).

:mod:`~cleanup.evaluate.edits` turns two texts into normalised edits,
:mod:`~cleanup.evaluate.scoring` counts them (overall, per category, detection recall),
:mod:`~cleanup.evaluate.corpus` runs the pipeline over a folder of gold pairs.
"""

from cleanup.evaluate.corpus import EvalReport, LevelScore, evaluate_directory
from cleanup.evaluate.edits import TextEdit, extract_edits
from cleanup.evaluate.scoring import Counts, DocumentScore, score_document

__all__ = [
    "Counts",
    "DocumentScore",
    "EvalReport",
    "LevelScore",
    "TextEdit",
    "evaluate_directory",
    "extract_edits",
    "score_document",
]
