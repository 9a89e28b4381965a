"""Errors that reach the user as one clear line each, never as a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, located the way a spreadsheet user sees it.

    ``row`` is the spreadsheet row number (the header is row 1, the first stop row 2);
    ``None`` when the problem concerns the whole file.
    """

    file: str
    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    expected: str | None = None

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        text = f"{where}: {self.message}"
        if self.value is not None:
            shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
            text += f" (got {shown!r}"
            text += f"; expected {self.expected})" if self.expected else ")"
        elif self.expected:
            text += f" (expected {self.expected})"
        return text.replace("\n", " ")


class InputError(Exception):
    """Bad input: carries every problem found, so the user fixes them all in one pass."""

    def __init__(self, problems: list[Problem] | None = None) -> None:
        super().__init__(problems)
        self.problems: list[Problem] = list(problems or [])

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class OutputError(Exception):
    """An output could not be written; earlier outputs are left as they were."""


class ResolveError(Exception):
    """A place could not be resolved and the caller asked for strictness."""
