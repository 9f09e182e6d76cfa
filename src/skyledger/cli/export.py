"""`skyledger export`: the ledger as CSV, JSONL, GeoJSON, Parquet or ACLED-shaped CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from typing import IO, Any

import click

from skyledger.cli.options import db_option, filter_options, open_ledger
from skyledger.report.exports import ACLED_COLUMNS, FLAT_COLUMNS, acled_row, flat_row, geojson_feature, nested
from skyledger.store import Detail, Filters

FORMATS = ("csv", "jsonl", "geojson", "parquet", "acled")


def _csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def _geojson(details: Iterable[Detail], out: IO[str]) -> int:
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for detail in details:
        out.write((",\n" if n else "") + json.dumps(geojson_feature(detail), ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def _parquet(details: Iterable[Detail], path: str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"lat": pa.float64(), "lon": pa.float64()}
    ints = {"precision", "count_low", "count_high", "killed_low", "killed_high", "injured_low",
            "injured_high", "n_sources"}
    schema = pa.schema([(c, types.get(c, pa.int64() if c in ints else pa.string())) for c in FLAT_COLUMNS])
    rows = [flat_row(d) for d in details]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return len(rows)


def write_export(fmt: str, details: Iterable[Detail], out: IO[str] | None, path: str | None) -> int:
    """Write the details in one format to `out` (or `path` for Parquet); returns the count."""
    if fmt == "parquet":
        assert path is not None
        return _parquet(details, path)
    assert out is not None
    if fmt == "csv":
        return _csv((flat_row(d) for d in details), FLAT_COLUMNS, out)
    if fmt == "acled":
        return _csv((acled_row(d) for d in details), ACLED_COLUMNS, out)
    if fmt == "geojson":
        return _geojson(details, out)
    n = 0
    for d in details:
        out.write(json.dumps(nested(d), ensure_ascii=False) + "\n")
        n += 1
    return n


@click.command("export")
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file (required for parquet); default standard output.")
def export_cmd(db: str | None, filters: Filters, fmt: str, output: str | None) -> None:
    """Export ledger incidents with their figures, sources and evidence.

    csv, parquet and geojson have one flat row per incident; jsonl has every
    source with its lines and evidence spans; acled uses ACLED's column names
    (event_date, event_type, sub_event_type, admin1, latitude, ..., notes,
    fatalities) plus weapon, count_low, count_high, claimant, certainty and
    evidence.

    Example:

        skyledger export --format acled --since 2026-03-01 > march.csv

        skyledger export --format parquet -o ledger.parquet
    """
    if fmt == "parquet" and not output:
        raise click.UsageError("--format parquet needs --output FILE")
    with open_ledger(db) as ledger:
        details = ledger.details(filters)
        if fmt == "parquet":
            n = write_export(fmt, details, None, output)
        elif output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                n = write_export(fmt, details, handle, None)
        else:
            n = write_export(fmt, details, sys.stdout, None)
    click.echo(f"skyledger: exported {n} incidents", err=True)
