"""Cells for spreadsheets: text from a table is data, never a formula.

Excel, LibreOffice and Google Sheets run a cell that begins with ``=``, ``+``, ``-`` or ``@``
(and, through some import paths, a tab or a carriage return) as a formula:
``=HYPERLINK("http://x","y")`` in a note becomes a link, ``=cmd|...`` worse. As OWASP advises
for CSV injection, every text cell the tool writes to a CSV file that begins with one of those
characters gets a single quote in front (``'=HYPERLINK(...)``), which spreadsheets show as the
text itself. :func:`neutralise` is the one rule every writer applies (``export --format csv``,
``resolve -o``, ``extract``); :func:`restore` is its inverse, which the loader applies to every
cell it reads, so a table the tool wrote reads back as the same table.

The rule is a bijection on strings: a cell that already begins with quotes followed by one of
those characters (``'=x``) gets one more quote too, so taking one away always gives back the
original. A cell that is a plain number (``-33.9``, ``+7``, ``1e-3``) is left alone: a
spreadsheet reads it as that number, never as a formula, and numeric columns stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import pandas as pd

#: The characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")
_RISKY: Final = re.compile(r"'*[=+\-@\t\r]")
_QUOTED: Final = re.compile(r"'+[=+\-@\t\r]")
_NUMBER: Final = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def neutralise(cell: str) -> str:
    """The text as a spreadsheet cell that shows it and never runs it."""
    if _RISKY.match(cell) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def restore(cell: str) -> str:
    """The text :func:`neutralise` was given (for a cell it wrote; any other cell unchanged
    unless it begins with a quote then a formula character, which loses that one quote)."""
    return cell[1:] if _QUOTED.match(cell) else cell


def restore_all(rows: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """:func:`restore` on every cell that begins with a quote (rows changed in place)."""
    for _, cells in rows:
        for i, cell in enumerate(cells):
            if cell[:1] == "'":
                cells[i] = restore(cell)
    return rows


def frame_csv(table: pd.DataFrame) -> str:
    """A DataFrame as CSV text (no index, ``\\n`` line ends), every text cell and column name
    neutralised; numeric columns are written as pandas writes them."""
    safe = table.copy()
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    for i, dtype in enumerate(safe.dtypes):
        if dtype.kind in "OSUT" or str(dtype) in ("string", "str"):
            safe.isetitem(i, safe.iloc[:, i].map(_neutral_value, na_action="ignore").to_numpy())
    text: str = safe.to_csv(index=False, lineterminator="\n")
    return text


def _neutral_value(value: Any) -> Any:
    return neutralise(value) if isinstance(value, str) else value


def rows_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """Rows of text cells as CSV text (``\\n`` line ends), every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutralise(c) for c in header])
    writer.writerows([neutralise(c) for c in row] for row in rows)
    return out.getvalue()
