"""Measure mt-cleanup's accuracy on real text the team did not write (issue 14, point 6).

Not a test: it prints figures and writes files for review. Three measurements:

- ``human``: professionally edited English (``../shared/human-en/``), where nearly every edit
  is a false edit. Safe-level and unsafe-level edits and detect-only findings, per rule and
  per category (family), per 10,000 words; every edit and finding is listed for review.
- ``devset``: ``mt-cleanup eval`` on ``../shared/devset`` (P / R / F0.5 at the safe and unsafe
  levels, per category, detection recall, false edits on the clean controls).
- ``mtlines``: sentence-aligned real French-to-English MT output (``../shared/real-mt-lines/``):
  findings per rule per 1,000 lines on the Google and Bing output and on the human post-edits
  (a post-edit of a third system, so a floor of what good text draws, not an answer key), and
  BLEU / chrF of each output against the post-edits before and after the safe fixes.

    python bench/accuracy.py                       # everything; writes out/accuracy/
    python bench/accuracy.py --only human --limit 100
    python bench/accuracy.py --out out/accuracy-after --json summary.json

Each line is one document in ``mtlines`` (as ``mt-cleanup report --by-line`` reads them).
The files written under ``--out``: ``human-edits.safe.txt``, ``human-edits.unsafe.txt``,
``human-detect-only.txt``, ``devset-eval.json``, ``mtlines-findings.txt``,
``summary.json`` (every figure printed) and ``summary.md`` (the same as Markdown tables).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleanup import Applicability, fix_text, load_rules
from cleanup.engine import check_document
from cleanup.evaluate import evaluate_directory
from cleanup.evaluate.scoring import count_words
from cleanup.kinds.base import Document
from cleanup.model import AppliedEdit, Finding
from cleanup.packs.ruleset import RuleSet

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CONTEXT = 40
MT_SYSTEMS = {
    "google": "output_Google_Translator.en",
    "bing": "output_Bing_Translator.en",
    "post-edit": "tgt-pe-all.en",
}
LEVELS = (Applicability.SAFE, Applicability.UNSAFE)


@dataclass
class Tally:
    """Counts per rule for one measurement, with the words or lines they are divided by."""

    units: int = 0
    by_rule: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, column: str, rule_id: str, count: int = 1) -> None:
        self.by_rule.setdefault(column, Counter())[rule_id] += count


def is_detect_only(finding: Finding) -> bool:
    return finding.fix is None or finding.fix.applicability is Applicability.DISPLAY_ONLY


def snippet(text: str, start: int, end: int) -> str:
    """``…before[[old]]after…`` on one line, for a review listing."""
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    shown = f"{before}[[{text[start:end]}]]{after}"
    return shown.replace("\r", "\\r").replace("\n", "\u23ce")


def position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def iter_round_edits(text: str, rounds: Sequence[Sequence[AppliedEdit]]) -> Iterable[tuple[str, AppliedEdit, int]]:
    """Every applied edit with the text its round started from and the round number (1-based)."""
    current = text
    for number, edits in enumerate(rounds, start=1):
        for edit in edits:
            yield current, edit, number
        pieces = []
        last = 0
        for edit in sorted(edits, key=lambda item: item.span.start):
            pieces.append(current[last : edit.span.start])
            pieces.append(edit.replacement)
            last = edit.span.end
        pieces.append(current[last:])
        current = "".join(pieces)


def measure_human(ruleset: RuleSet, folder: Path, out: Path, limit: int | None) -> dict[str, Any]:
    paths = sorted(folder.rglob("*.txt"))
    if limit:
        paths = paths[:limit]
    tally = Tally()
    listings: dict[str, list[str]] = {"safe": [], "unsafe": [], "detect-only": []}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(folder))
        tally.units += count_words(text)
        for finding in check_document(ruleset, Document(text, name)):
            if is_detect_only(finding):
                tally.add("detect-only", finding.rule_id)
                line, column = position(text, finding.span.start)
                listings["detect-only"].append(
                    f"{name}:{line}:{column}: {finding.rule_id} {snippet(text, finding.span.start, finding.span.end)}"
                    f"  ({finding.message})"
                )
        for level in LEVELS:
            result = fix_text(text, ruleset=ruleset, applicability=level, path=name)
            for current, edit, number in iter_round_edits(text, result.rounds):
                tally.add(str(level), edit.rule_id)
                line, column = position(current, edit.span.start)
                where = f"{name}:{line}:{column}" + (f" (round {number})" if number > 1 else "")
                listings[str(level)].append(
                    f"{where}: {edit.rule_id} {edit.applicability} "
                    f"{snippet(current, edit.span.start, edit.span.end)} \u2192 {edit.replacement!r}"
                )
    for column, lines in listings.items():
        file_name = "human-detect-only.txt" if column == "detect-only" else f"human-edits.{column}.txt"
        (out / file_name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return {"documents": len(paths), "words": tally.units, "by_rule": _by_rule(tally, ruleset, per=10_000)}


def _by_rule(tally: Tally, ruleset: RuleSet, *, per: int) -> dict[str, dict[str, Any]]:
    categories = {rule.id: str(rule.meta.category) for rule in ruleset}
    rules = sorted({rule_id for counter in tally.by_rule.values() for rule_id in counter})
    rows: dict[str, dict[str, Any]] = {}
    for rule_id in rules:
        row: dict[str, Any] = {"category": categories.get(rule_id, "?")}
        for column, counter in tally.by_rule.items():
            count = counter.get(rule_id, 0)
            row[column] = {"count": count, "rate": round(count * per / tally.units, 3) if tally.units else 0.0}
        rows[rule_id] = row
    return rows


def by_category(rows: dict[str, dict[str, Any]], columns: Sequence[str], units: int, per: int) -> dict[str, Any]:
    totals: dict[str, Counter[str]] = {}
    for row in rows.values():
        counter = totals.setdefault(row["category"], Counter())
        for column in columns:
            counter[column] += row.get(column, {}).get("count", 0)
    overall: Counter[str] = Counter()
    for counter in totals.values():
        overall.update(counter)
    totals["ALL"] = overall
    return {
        category: {
            column: {"count": counter[column], "rate": round(counter[column] * per / units, 3) if units else 0.0}
            for column in columns
        }
        for category, counter in sorted(totals.items())
    }


def measure_devset(ruleset: RuleSet, folder: Path, out: Path) -> dict[str, Any]:
    from cleanup.commands.eval import report_to_dict

    report = evaluate_directory(str(folder), ruleset=ruleset, levels=LEVELS)
    data = report_to_dict(report)
    (out / "devset-eval.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    levels = {}
    for level in data["levels"]:
        levels[level["level"]] = {
            "overall": level["overall"],
            "categories": level["categories"],
            "false_edits_on_controls": level["controls"]["false_edits"],
        }
    return {
        "documents": data["documents"],
        "words": data["words"],
        "levels": levels,
        "detection": data["detection"]["overall"],
        "detection_categories": data["detection"]["categories"],
    }


def measure_mtlines(ruleset: RuleSet, folder: Path, out: Path, limit: int | None) -> dict[str, Any]:
    from cleanup.metrics import Metrics

    texts = {}
    for system, file_name in MT_SYSTEMS.items():
        lines = (folder / file_name).read_text(encoding="utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        texts[system] = lines[:limit] if limit else lines
    tally = Tally()
    listing: list[str] = []
    fixed: dict[str, list[str]] = {}
    for system, lines in texts.items():
        tally.units = len(lines)
        fixed[system] = []
        for number, line in enumerate(lines, start=1):
            findings = check_document(ruleset, Document(line, f"{system}:{number}"))
            for finding in findings:
                tally.add(system, finding.rule_id)
                kind = "detect-only" if is_detect_only(finding) else str(finding.fix.applicability)  # type: ignore[union-attr]
                if kind == "safe":
                    tally.add(f"{system} safe", finding.rule_id)
                listing.append(
                    f"{system}:{number}: {finding.rule_id} {kind} "
                    f"{snippet(line, finding.span.start, finding.span.end)}  ({finding.message})"
                )
            fixed[system].append(fix_text(line, ruleset=ruleset, path=f"{system}:{number}").text if findings else line)
    (out / "mtlines-findings.txt").write_text("".join(line + "\n" for line in listing), encoding="utf-8")
    metrics = Metrics()
    reference = texts["post-edit"]
    scores = {}
    for system in ("google", "bing"):
        scores[system] = {
            name: {
                "raw": round(metrics.score(name, texts[system], reference).score, 3),
                "fixed": round(metrics.score(name, fixed[system], reference).score, 3),
            }
            for name in ("bleu", "chrf")
        }
    changed = {system: sum(1 for a, b in zip(texts[system], fixed[system], strict=True) if a != b) for system in texts}
    return {
        "lines": tally.units,
        "by_rule": _by_rule(tally, ruleset, per=1_000),
        "changed_lines": changed,
        "scores_vs_post_edit": scores,
    }


def sloppy_decode(data: bytes, codec: str) -> str:
    """Decode byte by byte; a byte the codec leaves undefined becomes its Latin-1 character (ftfy's sloppy codecs)."""
    chars = []
    for byte in data:
        try:
            chars.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


#: How real mojibake is made: UTF-8 bytes (or Windows-1252 bytes) read with the wrong codec.
MOJIBAKE_SHAPES = {
    "utf8-as-latin1": lambda text: text.encode("utf-8").decode("latin-1"),
    "utf8-as-cp1252": lambda text: sloppy_decode(text.encode("utf-8"), "cp1252"),
    "utf8-as-macroman": lambda text: text.encode("utf-8").decode("mac_roman"),
    "utf8-as-cp1251": lambda text: sloppy_decode(text.encode("utf-8"), "cp1251"),
    "double-cp1252": lambda text: sloppy_decode(
        sloppy_decode(text.encode("utf-8"), "cp1252").encode("utf-8"), "cp1252"
    ),
    "latin1-nbsp-lost": lambda text: text.encode("utf-8").decode("latin-1").replace("\N{NO-BREAK SPACE}", " "),
    "cp1252-as-latin1 (C1)": lambda text: text.encode("cp1252").decode("latin-1"),
}


def measure_mojibake(ruleset: RuleSet, shared: Path, out: Path, limit: int | None) -> dict[str, Any]:
    """Damage real lines that hold non-ASCII text in each shape; compare the ENC rules with ftfy.

    ``ftfy`` is ``ftfy.fix_text(text, uncurl_quotes=False)``. A case is *worse* when ftfy can
    no longer repair what the ENC rules left (``ftfy(ours) != ftfy(bad)``): damage no
    repair can undo.
    """
    import ftfy

    def ftfy_fix(text: str) -> str:
        return ftfy.fix_text(text, uncurl_quotes=False)

    encoding_rules = ruleset.select(["ENC"])
    paths = sorted((shared / "devset").glob("*.clean.txt")) + sorted((shared / "human-en").rglob("*.txt"))
    lines: dict[str, None] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.isascii() and len(line) < 2000 and ftfy_fix(line) == line:
                lines.setdefault(line)
    sources = list(lines)[:limit] if limit else list(lines)
    results: dict[str, Counter[str]] = {}
    listing = []
    for shape, make in MOJIBAKE_SHAPES.items():
        counter = results.setdefault(shape, Counter())
        for line in sources:
            try:
                bad = make(line)
            except UnicodeEncodeError:
                continue
            if bad == line:
                continue
            counter["cases"] += 1
            expected = ftfy_fix(bad)
            ours = fix_text(bad, ruleset=encoding_rules).text
            counter["ftfy repairs"] += expected == line
            if ours == expected:
                counter["same as ftfy"] += 1
                continue
            if ftfy_fix(ours) != expected:
                counter["made worse"] += 1
                verdict = "worse"
            elif ours == bad:
                counter["left alone"] += 1
                verdict = "left alone"
            else:
                counter["partly repaired"] += 1
                verdict = "partly"
            listing.append(f"{shape}: {verdict}: {bad!r}\n  ours: {ours!r}\n  ftfy: {expected!r}")
    clean_changed = sum(1 for line in sources if fix_text(line, ruleset=encoding_rules).text != line)
    (out / "mojibake-cases.txt").write_text("".join(item + "\n" for item in listing), encoding="utf-8")
    return {
        "source_lines": len(sources),
        "clean_lines_changed": clean_changed,
        "shapes": {shape: dict(counter) for shape, counter in results.items()},
    }


def format_mojibake(data: dict[str, Any]) -> list[str]:
    columns = ("cases", "ftfy repairs", "same as ftfy", "made worse", "left alone", "partly repaired")
    lines = [
        f"mojibake: {data['source_lines']:,} real lines with non-ASCII text, damaged in each shape; ENC rules "
        f"against ftfy.fix_text(uncurl_quotes=False); clean lines changed by the ENC rules: "
        f"{data['clean_lines_changed']}",
        f"  {'shape':<24}" + "".join(f"{column:>16}" for column in columns),
    ]
    for shape, counter in data["shapes"].items():
        lines.append(f"  {shape:<24}" + "".join(f"{counter.get(column, 0):>16}" for column in columns))
    return lines


def format_human(data: dict[str, Any]) -> list[str]:
    columns = ("safe", "unsafe", "detect-only")
    lines = [
        f"human-en: {data['documents']} documents, {data['words']:,} words; per 10,000 words "
        "(count in brackets); unsafe = all edits with --unsafe-fixes",
        f"  {'rule':<8}{'category':<16}" + "".join(f"{column:>16}" for column in columns),
    ]
    for rule_id, row in data["by_rule"].items():
        cells = "".join(_cell(row.get(column)) for column in columns)
        lines.append(f"  {rule_id:<8}{row['category']:<16}{cells}")
    lines.append("  per category:")
    for category, row in data["by_category"].items():
        lines.append(f"  {'':<8}{category:<16}" + "".join(_cell(row.get(column)) for column in columns))
    return lines


def _cell(value: dict[str, Any] | None) -> str:
    if not value or not value["count"]:
        return f"{'-':>16}"
    return f"{value['rate']:>9.3f} ({value['count']:>4})"


def format_devset(data: dict[str, Any]) -> list[str]:
    lines = [f"devset: {data['documents']} documents, {data['words']:,} words"]
    for level, scores in data["levels"].items():
        overall = scores["overall"]
        lines.append(
            f"  {level:<7} P {overall['precision']:.3f}  R {overall['recall']:.3f}  F0.5 {overall['f05']:.3f}  "
            f"(TP {overall['tp']}, FP {overall['fp']}, FN {overall['fn']}; "
            f"false edits on controls {scores['false_edits_on_controls']})"
        )
        for category, counts in scores["categories"].items():
            lines.append(
                f"      {category:<16} P {counts['precision']:.3f}  R {counts['recall']:.3f}  "
                f"(TP {counts['tp']}, FP {counts['fp']}, FN {counts['fn']})"
            )
    detection = data["detection"]
    lines.append(f"  detection recall {detection['recall']:.3f} ({detection['detected']}/{detection['total']})")
    return lines


def format_mtlines(data: dict[str, Any]) -> list[str]:
    columns = ("google", "google safe", "bing", "bing safe", "post-edit", "post-edit safe")
    lines = [
        f"real-mt-lines: {data['lines']:,} lines per system; findings per 1,000 lines (count); "
        "'safe' = findings with a safe fix",
        f"  {'rule':<8}{'category':<16}" + "".join(f"{column:>16}" for column in columns),
    ]
    for rule_id, row in data["by_rule"].items():
        lines.append(f"  {rule_id:<8}{row['category']:<16}" + "".join(_cell(row.get(column)) for column in columns))
    lines.append("  per category:")
    for category, row in data["by_category"].items():
        lines.append(f"  {'':<8}{category:<16}" + "".join(_cell(row.get(column)) for column in columns))
    lines.append(f"  lines changed by the safe fixes: {data['changed_lines']}")
    for system, scores in data["scores_vs_post_edit"].items():
        figures = ", ".join(f"{name} {value['raw']:.2f} -> {value['fixed']:.2f}" for name, value in scores.items())
        lines.append(f"  {system} against the post-edits, raw -> fixed: {figures}")
    return lines


def format_markdown(summary: dict[str, Any]) -> list[str]:
    """The figures as Markdown tables, for docs/ACCURACY.md."""
    lines = [f"Run {summary['date']}, commit `{summary['commit']}`, `{summary['command']}`.", ""]
    human = summary.get("human")
    if human:
        lines += [
            f"**human-en** ({human['documents']} documents, {human['words']:,} words): per 10,000 words (count)",
            "",
            "| rule | category | safe edits | unsafe-level edits | detect-only findings |",
            "|---|---|---|---|---|",
        ]
        for rule_id, row in human["by_rule"].items():
            cells = " | ".join(_md_cell(row.get(column)) for column in ("safe", "unsafe", "detect-only"))
            lines.append(f"| {rule_id} | {row['category']} | {cells} |")
        for category, row in human["by_category"].items():
            cells = " | ".join(_md_cell(row.get(column)) for column in ("safe", "unsafe", "detect-only"))
            lines.append(f"| **{category}** | family | {cells} |")
        lines.append("")
    devset = summary.get("devset")
    if devset:
        lines += [
            f"**devset** ({devset['documents']} documents, {devset['words']:,} words), `mt-cleanup eval`; "
            f"detection recall {devset['detection']['recall']:.3f} "
            f"({devset['detection']['detected']}/{devset['detection']['total']})",
            "",
            "| level | family | P | R | F0.5 | TP | FP | FN |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for level, scores in devset["levels"].items():
            for category, counts in [("**all**", scores["overall"]), *scores["categories"].items()]:
                lines.append(
                    f"| {level} | {category} | {counts['precision']:.3f} | {counts['recall']:.3f} | "
                    f"{counts['f05']:.3f} | {counts['tp']} | {counts['fp']} | {counts['fn']} |"
                )
        lines.append("")
    mtlines = summary.get("mtlines")
    if mtlines:
        columns = [f"{system}{suffix}" for system in MT_SYSTEMS for suffix in ("", " safe")]
        lines += [
            f"**real-mt-lines** ({mtlines['lines']:,} lines per system): findings per 1,000 lines (count); "
            "'safe' = those with a safe fix",
            "",
            "| rule | category | " + " | ".join(columns) + " |",
            "|---|---|" + "---|" * len(columns),
        ]
        for rule_id, row in mtlines["by_rule"].items():
            lines.append(
                f"| {rule_id} | {row['category']} | " + " | ".join(_md_cell(row.get(c)) for c in columns) + " |"
            )
        for category, row in mtlines["by_category"].items():
            lines.append(f"| **{category}** | family | " + " | ".join(_md_cell(row.get(c)) for c in columns) + " |")
        lines.append("")
        for system, scores in mtlines["scores_vs_post_edit"].items():
            figures = ", ".join(f"{name} {value['raw']:.2f} → {value['fixed']:.2f}" for name, value in scores.items())
            lines.append(f"- {system} against the post-edits, raw → safe-fixed: {figures}")
        lines.append(f"- lines changed by the safe fixes: {mtlines['changed_lines']}")
        lines.append("")
    mojibake = summary.get("mojibake")
    if mojibake:
        columns = ("cases", "ftfy repairs", "same as ftfy", "made worse", "left alone", "partly repaired")
        lines += [
            f"**mojibake** ({mojibake['source_lines']:,} real lines with non-ASCII text from devset gold and "
            f"human-en, damaged in each shape; ENC rules alone against `ftfy.fix_text(uncurl_quotes=False)`; "
            f"clean lines changed by the ENC rules: {mojibake['clean_lines_changed']})",
            "",
            "| shape | " + " | ".join(columns) + " |",
            "|---|" + "---|" * len(columns),
        ]
        for shape, counter in mojibake["shapes"].items():
            lines.append(f"| {shape} | " + " | ".join(str(counter.get(column, 0)) for column in columns) + " |")
        lines.append("")
    return lines


def _md_cell(value: dict[str, Any] | None) -> str:
    if not value or not value["count"]:
        return "–"
    return f"{value['rate']:.3f} ({value['count']})"


def format_comparison(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Per family, each figure before -> after, as Markdown (for docs/ACCURACY.md)."""

    def pair(old: dict[str, Any] | None, new: dict[str, Any] | None, key: str = "rate") -> str:
        first = f"{old[key]:.3f}" if old and old.get("count", 1) else "0"
        second = f"{new[key]:.3f}" if new and new.get("count", 1) else "0"
        return f"{first} \u2192 {second}"

    lines = [
        f"Before: commit `{before['commit']}`, {before['date']}; after: commit `{after['commit']}`, {after['date']}.",
        "",
    ]
    if "human" in before and "human" in after:
        lines += [
            "| human-en family | safe edits / 10k words | unsafe-level edits / 10k | detect-only / 10k |",
            "|---|---|---|---|",
        ]
        families = sorted(set(before["human"]["by_category"]) | set(after["human"]["by_category"]))
        for family in families:
            old, new = before["human"]["by_category"].get(family, {}), after["human"]["by_category"].get(family, {})
            cells = " | ".join(pair(old.get(column), new.get(column)) for column in ("safe", "unsafe", "detect-only"))
            lines.append(f"| {family} | {cells} |")
        lines.append("")
    if "devset" in before and "devset" in after:
        lines += ["| devset level, family | P | R | F0.5 |", "|---|---|---|---|"]
        for level in after["devset"]["levels"]:
            old_level, new_level = before["devset"]["levels"].get(level, {}), after["devset"]["levels"][level]
            rows = [("all", old_level.get("overall"), new_level["overall"])]
            for family in sorted(set(old_level.get("categories", {})) | set(new_level["categories"])):
                rows.append((family, old_level.get("categories", {}).get(family), new_level["categories"].get(family)))
            for family, old, new in rows:
                cells = " | ".join(pair(old, new, key) for key in ("precision", "recall", "f05"))
                lines.append(f"| {level}, {family} | {cells} |")
        old_detection, new_detection = before["devset"]["detection"], after["devset"]["detection"]
        lines += ["", f"Detection recall {old_detection['recall']:.3f} \u2192 {new_detection['recall']:.3f}.", ""]
    if "mtlines" in before and "mtlines" in after:
        columns = [f"{system}{suffix}" for system in MT_SYSTEMS for suffix in ("", " safe")]
        lines += [
            "| real-mt-lines family (per 1,000 lines) | " + " | ".join(columns) + " |",
            "|---|" + "---|" * len(columns),
        ]
        families = sorted(set(before["mtlines"]["by_category"]) | set(after["mtlines"]["by_category"]))
        for family in families:
            old, new = before["mtlines"]["by_category"].get(family, {}), after["mtlines"]["by_category"].get(family, {})
            lines.append(f"| {family} | " + " | ".join(pair(old.get(c), new.get(c)) for c in columns) + " |")
        lines.append("")
    if "mojibake" in before and "mojibake" in after:
        lines += ["| mojibake shape | same as ftfy | made worse |", "|---|---|---|"]
        for shape, new in after["mojibake"]["shapes"].items():
            old = before["mojibake"]["shapes"].get(shape, {})
            lines.append(
                f"| {shape} ({new.get('cases', 0)} cases) | {old.get('same as ftfy', 0)} \u2192 "
                f"{new.get('same as ftfy', 0)} | {old.get('made worse', 0)} \u2192 {new.get('made worse', 0)} |"
            )
        lines.append("")
    return lines


def git_commit() -> str:
    try:
        result = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return result.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="out/accuracy", help="folder for the review listings and summary.json")
    parser.add_argument("--shared", default=str(SHARED), help="the shared data folder (human-en, devset, …)")
    parser.add_argument(
        "--only", choices=("human", "devset", "mtlines", "mojibake"), action="append", help="run only these"
    )
    parser.add_argument("--compare", metavar="SUMMARY", help="print before -> after per family against a summary.json")
    parser.add_argument("--commit", help="the commit measured, when --rules names a checkout that is not a git tree")
    parser.add_argument("--limit", type=int, help="only the first N human-en documents and MT lines (quick runs)")
    parser.add_argument(
        "--rules",
        action="append",
        help="rule pack folders, instead of the bundled packs (e.g. an older checkout's rules/)",
    )
    args = parser.parse_args(argv)
    shared = Path(args.shared)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    ruleset = load_rules(args.rules, include_bundled=False) if args.rules else load_rules()
    wanted = args.only or ["human", "devset", "mtlines", "mojibake"]
    summary: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": args.commit or git_commit(),
        "signature": ruleset.signature,
        "command": " ".join(["python", "bench/accuracy.py", *(argv if argv is not None else sys.argv[1:])]),
        "limit": args.limit,
    }
    report: list[str] = [f"{summary['date']}  commit {summary['commit']}  {summary['signature']}"]
    if "human" in wanted:
        started = time.perf_counter()
        human = measure_human(ruleset, shared / "human-en", out, args.limit)
        human["by_category"] = by_category(human["by_rule"], ("safe", "unsafe", "detect-only"), human["words"], 10_000)
        human["seconds"] = round(time.perf_counter() - started, 1)
        summary["human"] = human
        report += ["", *format_human(human)]
    if "devset" in wanted:
        summary["devset"] = measure_devset(ruleset, shared / "devset", out)
        report += ["", *format_devset(summary["devset"])]
    if "mtlines" in wanted:
        started = time.perf_counter()
        mtlines = measure_mtlines(ruleset, shared / "real-mt-lines", out, args.limit)
        columns = [f"{system}{suffix}" for system in MT_SYSTEMS for suffix in ("", " safe")]
        mtlines["by_category"] = by_category(mtlines["by_rule"], columns, mtlines["lines"], 1_000)
        mtlines["seconds"] = round(time.perf_counter() - started, 1)
        summary["mtlines"] = mtlines
        report += ["", *format_mtlines(mtlines)]
    if "mojibake" in wanted:
        summary["mojibake"] = measure_mojibake(ruleset, shared, out, args.limit)
        report += ["", *format_mojibake(summary["mojibake"])]
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out / "summary.md").write_text("".join(line + "\n" for line in format_markdown(summary)), encoding="utf-8")
    if args.compare:
        before = json.loads(Path(args.compare).read_text(encoding="utf-8"))
        comparison = format_comparison(before, summary)
        (out / "comparison.md").write_text("".join(line + "\n" for line in comparison), encoding="utf-8")
        report += ["", *comparison]
    sys.stdout.writelines(line + "\n" for line in report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
