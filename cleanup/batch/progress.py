"""Render a batch run for people: a one-line progress bar and the summary table per rule.

The bar shows, when the total size of the inputs is known, a bar with the share of bytes
done and the time left (ETA, from the rate so far), then documents, documents/s, MB/s and
findings so far; it is drawn only on a terminal (the caller decides) and at most ten times
a second, and erased when the run ends.
This module writes only to the stream it is given.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping
from typing import TextIO

_REDRAW_SECONDS = 0.1


_BAR_WIDTH = 20


def format_eta(seconds: float) -> str:
    """``H:MM:SS`` or ``M:SS``.

    >>> format_eta(83.2), format_eta(3725)
    ('1:23', '1:02:05')
    """
    whole = int(seconds + 0.5)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_progress(docs: int, size: int, findings: int, errors: int, elapsed: float, total_bytes: int | None) -> str:
    """One line of the bar.

    >>> format_progress(10, 500_000, 3, 0, 2.0, 1_000_000)
    '[##########----------]  50%  0.5/1.0 MB  ETA 0:02  10 docs  5 docs/s  0.2 MB/s  3 findings'
    """
    elapsed = max(elapsed, 1e-9)
    head = ""
    if total_bytes:
        share = min(size / total_bytes, 1.0)
        filled = int(share * _BAR_WIDTH)
        rate = size / elapsed
        eta = format_eta((total_bytes - size) / rate) if rate > 0 and size < total_bytes else "0:00"
        head = (
            f"[{'#' * filled}{'-' * (_BAR_WIDTH - filled)}] {share * 100:3.0f}%  "
            f"{size / 1e6:.1f}/{total_bytes / 1e6:.1f} MB  ETA {eta}  "
        )
    return head + (
        f"{docs:,} docs  {docs / elapsed:,.0f} docs/s  {size / elapsed / 1e6:.1f} MB/s  "
        f"{findings:,} findings" + (f"  {errors:,} errors" if errors else "")
    )


class ProgressBar:
    def __init__(self, stream: TextIO, *, enabled: bool, total_bytes: int | None = None) -> None:
        self.stream = stream
        self.enabled = enabled
        self.total_bytes = total_bytes
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
        line = format_progress(docs, size, findings, errors, now - self.started, self.total_bytes)
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
