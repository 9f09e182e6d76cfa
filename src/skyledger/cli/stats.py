"""`skyledger stats`: daily figures per region; a day with nothing is "no report"."""

from __future__ import annotations

import json

import click
from rich.table import Table

from skyledger.cli.ledger import console
from skyledger.cli.options import db_option, filter_options, open_ledger
from skyledger.model import Kind
from skyledger.report.figures import figure_text
from skyledger.report.stats import DIMENSIONS, NO_REPORT, StatsRow, stats
from skyledger.store import Filters


def _dims(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    dims = tuple(d.strip() for d in value.split(",") if d.strip())
    bad = [d for d in dims if d not in DIMENSIONS]
    if bad or not dims or len(set(dims)) != len(dims):
        raise click.BadParameter(f"{value!r}: give distinct names from {', '.join(DIMENSIONS)}")
    return dims


def _cell_text(row: StatsRow, kind: str) -> str:
    if row.cells is None:
        return NO_REPORT
    cell = row.cells.get(kind)
    return "—" if cell is None else figure_text(cell.low, cell.high)


@click.command("stats")
@db_option
@filter_options
@click.option("--by", "by", default="admin1,day", show_default=True, callback=_dims,
              help=f"Comma-separated dimensions from: {', '.join(DIMENSIONS)}.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats_cmd(db: str | None, filters: Filters, by: tuple[str, ...], fmt: str) -> None:
    """Figures per region and day (or kind, weapon), per kind of incident.

    Every day between the first and last date (or --since/--until) gets a
    row; a region-day without any report says "no report", not 0. Figures of
    different incidents in a cell are added; each incident counts as the
    range its sources give, so a cell may be a range too.

    Example:

        skyledger stats --by admin1,day --since 2026-03-01 --until 2026-03-31 --weapon uav
    """
    with open_ledger(db) as ledger:
        rows = stats(ledger.entries(filters), by, filters.since, filters.until, filters.admin1)
    kinds = [str(k) for k in Kind]
    if fmt == "json":
        out = [{**dict(zip(by, r.key)),
                "report": r.cells is not None,
                **{k: None if r.cells is None or k not in r.cells else
                   {"incidents": r.cells[k].incidents, "low": r.cells[k].low, "high": r.cells[k].high}
                   for k in kinds}} for r in rows]
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    table = Table(title="skyledger: statistics (figure ranges; — none of that kind; no report: nothing reported)")
    for col in (*by, *kinds):
        table.add_column(col)
    for r in rows:
        table.add_row(*r.key, *(_cell_text(r, k) for k in kinds))
    console().print(table)
