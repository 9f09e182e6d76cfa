"""A readable table of extractions for the terminal."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.table import Table

from skyledger.model import Extraction, Role


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


def print_table(extractions: Iterable[Extraction], console: Console | None = None) -> None:
    """Print one row per incident, then disruptions and errors."""
    console = console or Console(width=None if Console().is_terminal else 200)
    table = Table(title="skyledger: incidents", show_lines=False)
    for col in ("document", "region", "what", "weapon", "count", "date", "casualties", "damage",
                "disruptions", "claimed by"):
        table.add_column(col, overflow="fold")
    for ex in extractions:
        if ex.error is not None:
            table.add_row(ex.doc_id, "", f"[red]error: {ex.error.code}[/red]", "", "", "", "", "", "", "")
            continue
        disr = "; ".join(
            f"{d.kind}" + (f" {','.join(d.airports)}" if d.airports else "")
            + (f" → {','.join(d.diverted_to)}" if d.diverted_to else "")
            for d in ex.disruptions
        )
        if not ex.incidents:
            table.add_row(ex.doc_id, "", "no incident", "", "", "", "", "", disr, "")
        for n, inc in enumerate(ex.incidents):
            loc = inc.location
            region = loc.admin1_name or loc.water_body or ("nationwide" if loc.admin1 is None else loc.admin1)
            if loc.admin2 or loc.place:
                region += f" ({loc.place or loc.admin2})"
            what = str(inc.kind) + ("" if inc.role is Role.SINGLE else f" [{inc.role}]")
            damage = "" if inc.damage.reported is None else (
                "none" if inc.damage.reported is False else ", ".join(inc.damage.kinds) or "yes")
            who = ""
            if inc.claimant is not None:
                who = " ".join(x for x in (inc.claimant.role, inc.claimant.name) if x) or ""
                if inc.claimant.organization:
                    who = f"{who} ({inc.claimant.organization})" if who else inc.claimant.organization
            who = f"{who} [{inc.certainty}]".strip()
            table.add_row(_short(ex.doc_id) if n == 0 else "", region, what, inc.weapon_detail or str(inc.weapon),
                          _count(inc.count, inc.count_qualifier), inc.time.date or "",
                          _casualties(inc.casualties.killed, inc.casualties.injured), damage,
                          disr if n == 0 else "", who)
    console.print(table)
