"""One error hierarchy; every message is a single line a user can act on.

The library raises these and never exits or prints; the CLI turns them into one line on
stderr and exit status 2.
"""

from __future__ import annotations


class CleanupError(Exception):
    """Base class of every error the tool reports to users."""


class RulePackError(CleanupError):
    """A rule pack or lexicon is malformed: ``path:line: rule ID: problem``."""

    def __init__(self, path: str, line: int | None, rule_id: str | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.rule_id = rule_id
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        rule = f" rule {self.rule_id}:" if self.rule_id else ""
        return f"{where}:{rule} {self.problem}"


class ConfigError(CleanupError):
    """A configuration file or option has an unknown key or a bad value."""


class InputError(CleanupError):
    """An input file cannot be processed: ``path: problem``."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


class RuleTimeoutError(CleanupError):
    """A rule's regular expression exceeded its time budget (catastrophic backtracking)."""

    def __init__(self, rule_id: str, seconds: float, path: str | None = None) -> None:
        self.rule_id = rule_id
        self.seconds = seconds
        self.path = path
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return (
            f"{where}rule {self.rule_id}: pattern took longer than {self.seconds:g} s "
            "(catastrophic backtracking?); fix or disable the rule"
        )


class ConvergenceError(CleanupError):
    """Fixing did not reach a fixed point within the round cap."""

    def __init__(self, rule_ids: list[str], rounds: int) -> None:
        self.rule_ids = rule_ids
        self.rounds = rounds
        super().__init__(str(self))

    def __str__(self) -> str:
        rules = ", ".join(self.rule_ids)
        return f"fixes did not settle after {self.rounds} rounds; rules still firing: {rules}"
