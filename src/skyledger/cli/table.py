"""A readable table of extractions for the terminal."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.table import Table
from rich.text import Text

from skyledger.model import Disruption, Extraction, Location, Role


def _count(n: int | None, qualifier: str | None) -> str:
    if n is None:
        return "?"
    prefix = {"at_least": "≥", "approx": "~", "up_to": "≤"}.get(qualifier or "", "")
    return f"{prefix}{n}"


def _casualties(killed: int | None, injured: int | None) -> str:
    parts = []
    if killed is not None:
        parts.append(f"{killed} killed")
    if injured is not None:
        parts.append(f"{injured} injured")
    return ", ".join(parts)


def _short(doc_id: str) -> str:
    return doc_id.rsplit("/", 1)[-1]


def _region(loc: Location) -> str:
    region = loc.admin1_name or loc.water_body or ("nationwide" if loc.admin1 is None else loc.admin1)
    if loc.admin2 or loc.place:
        region += f" ({loc.place or loc.admin2})"
    return region


def _disruption(d: Disruption) -> str:
    return (f"{d.kind}" + (f" {','.join(d.airports)}" if d.airports else "")
            + (f" → {','.join(d.diverted_to)}" if d.diverted_to else ""))


def print_table(extractions: Iterable[Extraction], console: Console | None = None) -> None:
    """Print one row per incident, then one per disruption (each with its own region), and errors.

    Cells are plain text, never console markup: "[total]" and "[reported]" are shown as written,
    and brackets in a document's id or a claimant's name cannot restyle the table.
    """
    console = console or Console(width=None if Console().is_terminal else 200)
    table = Table(title="skyledger: incidents", show_lines=False)
    for col in ("document", "region", "what", "weapon", "count", "date", "casualties", "damage",
                "disruptions", "claimed by"):
        table.add_column(col, overflow="fold")

    def row(*cells: str | Text) -> None:
        table.add_row(*(cell if isinstance(cell, Text) else Text(cell) for cell in cells))

    for ex in extractions:
        if ex.error is not None:
            row(ex.doc_id, "", Text(f"error: {ex.error.code}", style="red"), "", "", "", "", "", "", "")
            continue
        if not ex.incidents:
            row(_short(ex.doc_id), "", "no incident", "", "", "", "", "", "", "")
        for n, inc in enumerate(ex.incidents):
            what = str(inc.kind) + ("" if inc.role is Role.SINGLE else f" [{inc.role}]")
            damage = "" if inc.damage.reported is None else (
                "none" if inc.damage.reported is False else ", ".join(inc.damage.kinds) or "yes")
            who = ""
            if inc.claimant is not None:
                who = " ".join(x for x in (inc.claimant.role, inc.claimant.name) if x) or ""
                if inc.claimant.organization:
                    who = f"{who} ({inc.claimant.organization})" if who else inc.claimant.organization
            who = f"{who} [{inc.certainty}]".strip()
            row(_short(ex.doc_id) if n == 0 else "", _region(inc.location), what,
                inc.weapon_detail or str(inc.weapon), _count(inc.count, inc.count_qualifier), inc.time.date or "",
                _casualties(inc.casualties.killed, inc.casualties.injured), damage, "", who)
        for d in ex.disruptions:   # a row of its own: the region is the disruption's, not an incident's
            row("", _region(d.location), "disruption", "", "", d.time.date or "", "", "", _disruption(d), "")
    console.print(table)
