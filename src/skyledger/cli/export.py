"""`skyledger export`: the ledger as CSV, JSONL, GeoJSON, Parquet or ACLED-shaped CSV."""

from __future__ import annotations

import sys

import click

from skyledger.cli.options import db_option, filter_options, open_ledger
from skyledger.report.writers import FORMATS, write_export
from skyledger.store import Filters


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
