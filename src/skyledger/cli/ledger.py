"""`skyledger incidents` and `skyledger show`: the ledger as a table, JSON, or one incident."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict, replace

import click
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table

from skyledger.cli.options import db_option, filter_options, open_ledger
from skyledger.report.exports import nested
from skyledger.report.figures import figure_text, said_by, source_figure_text
from skyledger.resolve import region_label
from skyledger.store import Detail, Entry, Filters


def console() -> Console:
    """Stdout console: the terminal's width, or wide enough not to fold when piped.

    Console markup is off: ids, places and evidence come from the sources, and a post that
    writes "[/b]" or "[Update]" must be printed as written, not styled or rejected.
    """
    probe = Console()
    return Console(width=None if probe.is_terminal else 200, markup=False)


def _where(en: Entry) -> str:
    label = en.admin1_name or region_label(en.region)
    return f"{label} ({en.place})" if en.place else label


def _casualties(en: Entry) -> str:
    parts = []
    if en.killed_high is not None:
        parts.append(f"{figure_text(en.killed_low, en.killed_high)} killed")
    if en.injured_high is not None:
        parts.append(f"{figure_text(en.injured_low, en.injured_high)} injured")
    return ", ".join(parts)


def entries_table(entries: list[Entry]) -> Table:
    """The ledger as a table: one row per incident, its figure as a range over sources."""
    table = Table(title=f"skyledger: ledger ({len(entries)} incidents)")
    for col in ("id", "date", "region", "what", "weapon", "figure", "sources", "casualties", "certainty",
                "part of"):
        table.add_column(col, overflow="fold")
    for en in entries:
        table.add_row(en.id, en.date or "", _where(en), en.kind, en.weapon,
                      figure_text(en.count_low, en.count_high), str(en.n_sources), _casualties(en),
                      en.certainty, en.part_of or "")
    return table


@click.command("incidents")
@db_option
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Show at most this many.")
def incidents_cmd(db: str | None, filters: Filters, fmt: str, limit: int | None) -> None:
    """List ledger incidents, newest first, with filters.

    Each row is one real-world incident with the range of figures its sources
    give (never their sum) and the nationwide total it is part of.

    Example:

        skyledger incidents --since 2026-03-01 --admin1 RU-BRY --kind interception

        skyledger incidents --claimant governor --format json
    """
    with open_ledger(db) as ledger:
        entries = ledger.entries(replace(filters, limit=limit))
    if fmt == "json":
        click.echo(json.dumps([asdict(en) for en in entries], ensure_ascii=False, indent=2))
    else:
        console().print(entries_table(entries))


def detail_view(detail: Detail) -> Group:
    """One incident: a summary panel, then every source side by side with its evidence."""
    en = detail.entry
    lines = [f"{en.id}  {en.date or 'undated'}  {_where(en)}",
             f"{en.kind} · {en.weapon} · figure {figure_text(en.count_low, en.count_high)} "
             f"(range over {en.n_sources} source(s), never summed) · {en.certainty}"]
    if _casualties(en):
        lines.append(_casualties(en))
    if en.part_of:
        lines.append(f"part of {en.part_of}")
    if detail.parts:
        lines.append("parts: " + ", ".join(detail.parts))
    sources = Table(title="sources", show_lines=True)
    for col in ("document", "said by", "figure", "certainty", "evidence", "why here"):
        sources.add_column(col, overflow="fold")
    for src in detail.sources:
        doc = src.document
        evidence = "\n".join(f"“{s.text}”" for line in src.lines for s in line.incident.evidence)
        why = "\n".join(sorted({line.reason for line in src.lines}))
        sources.add_row("\n".join(x for x in (doc.id, doc.source if doc.source != doc.id else None,
                                              doc.published, doc.url) if x),
                        said_by(src.figure), source_figure_text(src.figure), str(src.figure.certainty),
                        evidence, why)
    return Group(Panel("\n".join(lines), title="ledger incident"), sources)


@click.command("show")
@click.argument("ledger_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def show_cmd(ledger_id: str, db: str | None, fmt: str) -> None:
    """Show one ledger incident with all its sources, their figures and evidence.

    Example:

        skyledger show RU-BRY-20260314-552937
    """
    with open_ledger(db) as ledger:
        detail = ledger.detail(ledger_id)
        new_id = ledger.renamed_to(ledger_id) if detail is None else None
        if new_id is not None:   # an earlier report, stored later, renamed it
            click.echo(f"skyledger: ledger incident {ledger_id!r} is now {new_id!r}", err=True)
            detail = ledger.detail(new_id)
    if detail is None:
        click.echo(f"skyledger: no ledger incident {ledger_id!r}", err=True)
        sys.exit(1)
    if fmt == "json":
        click.echo(json.dumps(nested(detail), ensure_ascii=False, indent=2))
    else:
        console().print(detail_view(detail))
