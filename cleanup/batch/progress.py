"""Render a batch run for people: a one-line progress bar and the summary table per rule.

The bar shows documents, documents/s, MB/s and findings so far; it is drawn only on a
terminal (the caller decides) and at most ten times a second, and erased when the run ends.
This module writes only to the stream it is given.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping
from typing import TextIO

_REDRAW_SECONDS = 0.1


class ProgressBar:
    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.started = time.monotonic()
        self.last_drawn = 0.0
        self.width = 0

    def update(self, docs: int, size: int, findings: int, errors: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last_drawn < _REDRAW_SECONDS:
            return
        self.last_drawn = now
        elapsed = max(now - self.started, 1e-9)
        line = (
            f"{docs:,} docs  {docs / elapsed:,.0f} docs/s  {size / elapsed / 1e6:.1f} MB/s  "
            f"{findings:,} findings" + (f"  {errors:,} errors" if errors else "")
        )
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = len(line)

    def close(self) -> None:
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()


def format_rule_table(names: Mapping[str, str], found: Counter[str], fixed: Counter[str], *, is_fix: bool) -> list[str]:
    """Rows per rule, by code: found (left after fixing, for ``fix``) and fixed counts."""
    codes = sorted(set(found) | set(fixed))
    if not codes:
        return []
    width = max(len(names.get(code, "")) for code in codes)
    header = f"{'rule':<7} {'name':<{width}} {'left' if is_fix else 'found':>8}"
    rows = [header + (f" {'fixed':>8}" if is_fix else "")]
    for code in codes:
        row = f"{code:<7} {names.get(code, ''):<{width}} {found.get(code, 0):>8}"
        rows.append(row + (f" {fixed.get(code, 0):>8}" if is_fix else ""))
    return rows
