"""Which files a command reads: the table given, or the bundled Trotsky table with its periods.

Standard library only, so that ``itinerary check`` can decide without importing the pipeline
(and pandas with it).
"""

from __future__ import annotations

from pathlib import Path

from .. import paths


def is_default(path: Path) -> bool:
    return path.resolve() == paths.default_places().resolve()


def resolve_inputs(path: str | Path | None, periods: str | Path | None) -> tuple[Path, Path | None]:
    """The default dataset comes with its periods; a teacher's own table has none unless given."""
    table = Path(path) if path else paths.default_places()
    if periods:
        return table, Path(periods)
    if is_default(table) and paths.default_periods().exists():
        return table, paths.default_periods()
    return table, None
