"""``itinerary resolve``: show where every place of a table (or one name) lands, and why.

    itinerary resolve [FILE] [--strict] [-o OUT.csv] [--online [SERVICE]]
    itinerary resolve --name NAME [--country CC] [--date YYYY[-MM[-DD]]] [--json]

``-o`` writes one row per input row, in input order: the table's columns, then resolved_name,
country (today's ISO code, replacing the hint), lat, lon, source and confidence (coordinates
empty when unresolved). The provenance column is ``source`` — unless the table already has a
``source`` column (a citation), which is kept; provenance is then ``resolved_source``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._common import add_force_argument, parse_columns


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "resolve", help="show where each place lands (or resolve one --name)",
        description="Resolve every distinct place of a table through the historical gazetteer, "
                    "GeoNames and (with --online) a geocoder; print where each landed, from "
                    "which source, how confidently, and suggestions for the rest.")
    p.add_argument("file", nargs="?", help="itinerary table (.csv or .xlsx); "
                   "default: the bundled Trotsky itinerary")
    p.add_argument("--columns", metavar="MAP", type=parse_columns,
                   help="map your column names, e.g. place=Ort,start=Datum")
    p.add_argument("--strict", action="store_true", help="exit 1 if any place is unresolved")
    p.add_argument("-o", "--output", metavar="OUT.csv",
                   help="write the table with resolved_name, country, lat, lon, source, "
                        "confidence")
    p.add_argument("--online", nargs="?", const="nominatim", default=False, metavar="SERVICE",
                   help="also ask an online geocoder (nominatim, photon, arcgis, ...)")
    p.add_argument("--name", help="resolve this one name instead of a table")
    p.add_argument("--country", help="ISO 3166-1 alpha-2 hint for --name (e.g. CA)")
    p.add_argument("--date", help="date of the stop for --name (YYYY[-MM[-DD]])")
    p.add_argument("--json", action="store_true", help="with --name: print one JSON object")
    p.add_argument("--gazetteer", metavar="CSV", help=argparse.SUPPRESS)
    add_force_argument(p)
    progress = p.add_mutually_exclusive_group()
    progress.add_argument("--progress", dest="progress", action="store_const", const=True,
                          default=None, help="always show a progress bar")
    progress.add_argument("--no-progress", dest="progress", action="store_const", const=False)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.name is not None:
        return _run_name(args)
    return _run_table(args)


def _resolver(args: argparse.Namespace) -> Any:
    from ..resolve.resolver import Resolver, default_resolver

    return Resolver(args.gazetteer) if args.gazetteer else default_resolver()


def _run_name(args: argparse.Namespace) -> int:
    import json

    from ..resolve.suggest import way_out

    if args.date is not None:  # a date the resolver cannot read would be silently ignored
        from ..errors import InputError, Problem
        from ..stages.dates import parse_date

        try:
            parse_date(args.date)
        except ValueError as exc:
            raise InputError([Problem("--date", str(exc), value=args.date,
                                      expected="a year from 1 to 9999, or YYYY-MM, "
                                               "or YYYY-MM-DD")]) from None
    res = _resolver(args).resolve(args.name, country=args.country, date=args.date,
                                  online=args.online)
    if args.json:
        data = res.to_dict() if res.placed else {
            "query": res.query, "error": res.error or "not resolved",
            "suggestions": res.suggestions, "ambiguous": res.ambiguous,
            "alternatives": res.alternatives}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif res.placed:
        print(f"{res.query} -> {res.name} ({res.country}) {res.lat:.5f}, {res.lon:.5f} "
              f"[{res.source}, {res.match}, confidence {res.confidence:.2f}]")
    else:
        print(f"{res.query}: {res.error}", file=sys.stderr)
        for s in res.suggestions:
            print(f"  did you mean: {s}", file=sys.stderr)
        print("  " + way_out(bool(args.country), res.alternatives), file=sys.stderr)
    return 0 if res.placed else 1


def read_stops(path: str, columns: dict[str, str] | None) -> Any:
    """The table as the loader validates it (InputError -> one line per problem, exit 2)."""
    from ..stages.load import read_table

    return read_table(path, columns=columns)


def _run_table(args: argparse.Namespace) -> int:
    from ..paths import default_places
    from ..resolve.table import resolve_table
    from ._common import refuse_overwriting_inputs

    refuse_overwriting_inputs(args)
    path = args.file or str(default_places())
    stops = read_stops(path, args.columns)
    out = resolve_table(stops, online=args.online, progress=args.progress,
                        resolver=_resolver(args))
    # With -o - the table goes to standard output, so the report goes to standard error.
    report = sys.stderr if args.output == "-" else sys.stdout
    for line in report_lines(out):
        print(line, file=report)
    if args.output:
        write_output(out, args.output, header_order(path, args.columns))
    unplaced = int((~out["placed"]).sum())
    return 1 if args.strict and unplaced else 0


def report_lines(out: Any) -> list[str]:
    """One line per distinct place, then the approximate (fuzzy) matches, then the unresolved
    ones with suggestions (named as every command names them: resolve.suggest)."""
    import json

    from ..resolve.suggest import named, way_out

    header = ("query", "name", "country", "lat", "lon", "source", "confidence", "alternatives")
    rows, missing, approximate = [], [], []
    seen: set[tuple[str, str]] = set()
    for rec in out.itertuples(index=False):
        ident = (str(rec.place), str(getattr(rec, "country", "") or ""))
        if ident in seen:
            continue
        seen.add(ident)
        alts = json.loads(rec.alternatives or "[]")
        alt_text = "; ".join(named(alts, 2))
        if rec.placed:
            rows.append((str(rec.place), rec.resolved_name, rec.resolved_country,
                         f"{rec.lat:.4f}", f"{rec.lon:.4f}", rec.geo_source,
                         f"{rec.confidence:.2f}", alt_text + (" ..." if len(alts) > 2 else "")))
            if getattr(rec, "match", "") == "fuzzy":
                approximate.append(f"approximate: {str(rec.place)!r} matched approximately to "
                                   f"{rec.resolved_name} ({rec.resolved_country}); check the "
                                   "spelling")
        else:
            missing.append((str(rec.place), alts, ident[1] not in ('', 'nan')))
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header) - 1)]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1]
             for r in [header, *rows]]
    lines.append(f"{len(rows)} place(s) resolved, {len(missing)} unresolved")
    lines += approximate
    for place, alts, has_country in missing:
        suggestions = named(alts, 5, where=True)
        lines.append(f"unresolved: {place!r}" + (f" - did you mean: {'; '.join(suggestions)}"
                                                  if suggestions else " - no suggestion")
                     + f"; {way_out(has_country, alts)}")
    return lines


def header_order(path: str, columns: dict[str, str] | None) -> list[str]:
    """The table's columns in the user's order, under our names (best effort; CSV only)."""
    import csv

    from ..model import ALIASES

    if not path.lower().endswith((".csv", ".txt", ".tsv")):
        return []
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as fh:
            head = fh.read(65536)
        dialect = csv.Sniffer().sniff(head.split("\n", 1)[0], delimiters=",;\t")
        header = next(csv.reader([head.split("\n", 1)[0]], dialect))
    except (OSError, csv.Error, StopIteration):
        return []
    theirs = {v.strip().lower(): k for k, v in (columns or {}).items()}
    alias = {a: ours for ours, names in ALIASES.items() for a in names}
    out = []
    for cell in header:
        name = cell.strip().lower()
        out.append(theirs.get(name) or alias.get(name) or cell.strip())
    return out


def write_output(out: Any, target: str, order: list[str] | None = None) -> None:
    """One row per input row: the table's own columns (in the user's order where known),
    then where each row landed."""
    from ..model import OPTIONAL, RESOLVED_COLUMNS, ROW
    from ..outputs.atomic import write_text
    from ..outputs.spreadsheet import frame_csv

    internal = {ROW, "lat_override", "lon_override", "country", *RESOLVED_COLUMNS}
    keep = [c for c in out.columns if c not in internal
            and not (c in OPTIONAL and (out[c].astype(str).str.strip() == "").all())]
    rank = {c: i for i, c in enumerate(order or [])}
    keep.sort(key=lambda c: rank.get(c, len(rank)))  # stable: unknown columns keep their place
    table = out[keep].copy()
    prov = "resolved_source" if "source" in table.columns else "source"
    table["resolved_name"] = out["resolved_name"]
    table["country"] = out["resolved_country"]
    table["lat"] = out["lat"].round(5)
    table["lon"] = out["lon"].round(5)
    table[prov] = out["geo_source"]
    table["confidence"] = out["confidence"].round(3)
    write_text(target, frame_csv(table))  # formula-like text cells quoted
