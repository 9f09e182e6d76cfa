"""Reviews laid over the resolved ledger: a pure function of the review log.

The log holds actions in order; an `undo` cancels one earlier action. What is left gives,
per ledger id, a `Review`: its status (confirmed, rejected, unreviewed), corrected fields,
the incident it was merged into or the incidents merged into it, and the documents split
off into new incidents. `apply_entry` and `apply_detail` show an incident as reviewed:
corrections replace fields, a merge gathers the sources of both, a split moves sources
to a child incident `<id>~<action id>`, and figures stay ranges over the sources kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from skyledger.store import Detail, Entry
from skyledger.store.review import Action

CORRECTABLE = ("kind", "weapon", "certainty", "date", "admin1", "admin1_name", "place", "count_low",
               "count_high", "killed_low", "killed_high", "injured_low", "injured_high", "lat", "lon")
SPLIT_MARK = "~"


@dataclass(frozen=True, slots=True)
class Split:
    """Sources moved out of an incident into a child incident."""

    id: str
    documents: tuple[str, ...]


@dataclass(slots=True)
class Review:
    """The reviewed state of one ledger id."""

    status: str = "unreviewed"
    corrections: dict[str, Any] = field(default_factory=dict)
    merged_into: str | None = None
    merged_from: list[str] = field(default_factory=list)
    splits: list[Split] = field(default_factory=list)
    split_from: str | None = None


def live(actions: Sequence[Action]) -> list[Action]:
    """The actions still in force: every action not cancelled by an undo (undos excluded)."""
    undone = {a.undoes for a in actions if a.action == "undo"}
    return [a for a in actions if a.action != "undo" and a.id not in undone]


def split_id(parent: str, action_id: int) -> str:
    """The id of the incident a split creates."""
    return f"{parent}{SPLIT_MARK}{action_id}"


def parent_of(ledger_id: str) -> str:
    """The resolved ledger id behind an id (itself, or the incident a split came from)."""
    return ledger_id.split(SPLIT_MARK, 1)[0]


def reviews(actions: Sequence[Action]) -> dict[str, Review]:
    """The review of every ledger id the log mentions, after undos."""
    out: dict[str, Review] = {}

    def of(lid: str) -> Review:
        return out.setdefault(lid, Review())

    for a in live(actions):
        rev = of(a.ledger_id)
        if a.action == "confirm":
            rev.status = "confirmed"
        elif a.action == "reject":
            rev.status = "rejected"
        elif a.action == "correct":
            rev.corrections[a.payload["field"]] = a.payload["value"]
        elif a.action == "merge":
            for other in a.payload["others"]:
                of(other).merged_into = a.ledger_id
                rev.merged_from.append(other)
        elif a.action == "split":
            child = split_id(a.ledger_id, a.id)
            rev.splits.append(Split(child, tuple(a.payload["documents"])))
            of(child).split_from = a.ledger_id
    return out


def hidden(state: dict[str, Review]) -> set[str]:
    """Ledger ids merged into another incident: not listed on their own."""
    return {lid for lid, rev in state.items() if rev.merged_into is not None}


def with_status(state: dict[str, Review], status: str) -> set[str]:
    """Ledger ids with a given review status (other than unreviewed)."""
    return {lid for lid, rev in state.items() if rev.status == status}


def _ranged(entry: Entry, detail: Detail) -> Entry:
    """The entry with figures and source count recomputed over the detail's sources."""
    counts = [s.figure.count for s in detail.sources if s.figure.count is not None]
    return replace(entry, count_low=min(counts) if counts else None, count_high=max(counts) if counts else None,
                   n_sources=len(detail.sources), n_members=sum(len(s.lines) for s in detail.sources))


def apply_entry(entry: Entry, state: dict[str, Review]) -> Entry:
    """The entry with its corrections applied (merges and splits need the detail)."""
    rev = state.get(entry.id)
    return replace(entry, **rev.corrections) if rev and rev.corrections else entry


def needs_detail(ledger_id: str, state: dict[str, Review]) -> bool:
    """True when merges or splits change which sources an incident has."""
    rev = state.get(ledger_id)
    return bool(rev and (rev.merged_from or rev.splits))


def gathered(detail: Detail, merged: Iterable[Detail]) -> Detail:
    """The detail with the sources of the incidents merged into it added.

    One document may stand twice when it gave a figure for each incident (a ministry's 9
    over one region and 11 over another): both figures are its own and both are shown.
    """
    def key(src: Any) -> tuple[str, tuple[str, ...]]:
        return src.document.content_hash, tuple(line.incident.id for line in src.lines)

    sources = list(detail.sources)
    seen = {key(s) for s in sources}
    for other in merged:
        for src in other.sources:
            if key(src) not in seen:
                seen.add(key(src))
                sources.append(src)
    return Detail(detail.entry, tuple(sources), detail.parts)


def apply_detail(detail: Detail, state: dict[str, Review], merged: Iterable[Detail] = ()) -> Detail:
    """A resolved incident as reviewed: merged sources added, split sources removed, corrections.

    `merged` are the details of the incidents merged into this one.
    """
    rev = state.get(detail.entry.id) or Review()
    moved = {h for sp in rev.splits for h in sp.documents}
    kept = Detail(detail.entry, tuple(s for s in gathered(detail, merged).sources
                                      if s.document.content_hash not in moved), detail.parts)
    entry = _ranged(detail.entry, kept) if (rev.merged_from or rev.splits) else detail.entry
    return Detail(apply_entry(entry, state), kept.sources, kept.parts)


def split_detail(parent: Detail, child_id: str, state: dict[str, Review]) -> Detail | None:
    """The incident a split made: the parent's moved sources under the child's id."""
    rev = state.get(parent.entry.id) or Review()
    split = next((sp for sp in rev.splits if sp.id == child_id), None)
    if split is None:
        return None
    sources = tuple(s for s in parent.sources if s.document.content_hash in split.documents)
    child = Detail(replace(parent.entry, id=child_id, part_of=None), sources, ())
    return Detail(apply_entry(_ranged(child.entry, child), state), sources, ())
