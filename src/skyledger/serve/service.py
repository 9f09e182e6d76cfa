"""What the API does, without HTTP: reads with reviews laid over, ingest, and review actions.

Routes in `serve.app` parse and check requests and call one method here; each method opens
one connection (one transaction for writes) on the ledger. Problems the caller can fix are
`ApiError`s with a status, a code and a message.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from skyledger.contract import incident_to_dict, to_dict
from skyledger.model import Certainty, Kind, RawItem, Weapon
from skyledger.report.figures import figure_text, said_by, source_figure_text
from skyledger.report.stats import add_cells, cells_by_key, table
from skyledger.resolve import region_label
from skyledger.store import Detail, Entry, Filters, Ledger
from skyledger.store import review as log
from skyledger.store.aliases import current_ids, renamed_to
from skyledger.store.aggregate import grouped_cells
from skyledger.store.pages import all_entries, count_entries, disruption_page, document_page, entry_page
from skyledger.store.reader import details, get_detail, get_document
from skyledger.store.tables import ledger_incidents
from skyledger.serve import overlay, schemas
from skyledger.serve.cache import ResultCache, Stamp, stamp
from skyledger.serve.overlay import Review

ADMIN1_PATTERN = r"^[A-Z]{2}-[A-Z0-9]{1,3}$"


class ApiError(Exception):
    """A request the API refuses, with its HTTP status, code and message."""

    def __init__(self, status: int, code: str, message: str, details: list[dict[str, Any]] | None = None,
                 moved_to: str | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details or []
        self.moved_to = moved_to   # a redirect: the id (last path segment) the resource goes by now


def not_found(what: str) -> ApiError:
    return ApiError(404, "not_found", f"no {what}")


# --- shapes -------------------------------------------------------------------------------

ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


def incident_out(entry: Entry, state: dict[str, Review]) -> dict[str, Any]:
    """An entry as the API lists it."""
    rev = state.get(entry.id) or Review()
    return {**{n: getattr(entry, n) for n in ENTRY_FIELDS}, "region_label": region_label(entry.region),
            "figure": figure_text(entry.count_low, entry.count_high), "review_status": rev.status,
            "corrected": sorted(rev.corrections), "merged_into": rev.merged_into}


def detail_out(detail: Detail, state: dict[str, Review], history: list[dict[str, Any]]) -> dict[str, Any]:
    """An incident with its sources side by side, its review and the actions about it."""
    rev = state.get(detail.entry.id) or Review()
    return {
        "incident": incident_out(detail.entry, state),
        "sources": [{
            "document": document_ref(s.document),
            "figure": {"said_by": said_by(s.figure), "claimant": s.figure.claimant, "count": s.figure.count,
                       "qualifier": None if s.figure.qualifier is None else str(s.figure.qualifier),
                       "certainty": str(s.figure.certainty), "text": source_figure_text(s.figure)},
            "lines": [{"incident": incident_to_dict(line.incident), "rule": line.rule, "reason": line.reason}
                      for line in s.lines],
        } for s in detail.sources],
        "parts": list(detail.parts),
        "review": {"status": rev.status, "corrections": rev.corrections, "merged_into": rev.merged_into,
                   "merged_from": rev.merged_from, "split_from": rev.split_from,
                   "splits": [{"id": sp.id, "documents": list(sp.documents)} for sp in rev.splits]},
        "history": history,
    }


def document_ref(doc: Any) -> dict[str, Any]:
    return {"content_hash": doc.content_hash, "id": doc.id, "source": doc.source, "url": doc.url,
            "published": doc.published, "title": doc.title, "author": doc.author, "lang": doc.lang,
            "text": doc.text}


def action_out(action: log.Action, undone_by: dict[int, int]) -> dict[str, Any]:
    return {**asdict(action), "undone_by": undone_by.get(action.id)}


def _undone_by(actions: list[log.Action]) -> dict[int, int]:
    return {a.undoes: a.id for a in actions if a.action == "undo" and a.undoes is not None}


# --- corrections --------------------------------------------------------------------------

def _enum_value(enum: Any, value: Any) -> str:
    choices = [str(v) for v in enum]
    if value not in choices:
        raise ValueError(f"must be one of {', '.join(choices)}")
    return str(value)


def _count(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10_000_000:
        raise ValueError("must be a whole number from 0 to 10000000, or null")
    return value


def _coordinate(limit: float) -> Any:
    def check(value: Any) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not -limit <= value <= limit:
            raise ValueError(f"must be a number from {-limit} to {limit}, or null")
        return float(value)
    return check


def _day(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("must be a date like 2026-03-14, or null")
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError("must be a date like 2026-03-14, or null") from None


def _short_text(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 200 or "\x00" in value:
        raise ValueError("must be text of at most 200 characters, or null")
    return value


def _admin1(value: Any) -> str | None:
    import re

    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(ADMIN1_PATTERN, value):
        raise ValueError("must be an ISO 3166-2 code like RU-BRY, or null")
    return value


CHECKS = {
    "kind": lambda v: _enum_value(Kind, v), "weapon": lambda v: _enum_value(Weapon, v),
    "certainty": lambda v: _enum_value(Certainty, v), "date": _day, "admin1": _admin1,
    "admin1_name": _short_text, "place": _short_text, "lat": _coordinate(90), "lon": _coordinate(180),
    **{name: _count for name in ("count_low", "count_high", "killed_low", "killed_high", "injured_low",
                                 "injured_high")},
}
assert set(CHECKS) == set(overlay.CORRECTABLE)


def checked_value(field: str, value: Any) -> Any:
    """The corrected value in its stored form, or an ApiError saying what is wrong."""
    try:
        return CHECKS[field](value)
    except ValueError as exc:
        raise ApiError(422, "invalid", f"{field}: {exc}", [{"loc": ["body", "value"], "msg": str(exc)}]) from None


# --- the service --------------------------------------------------------------------------

def filter_facts(conn: Connection, ids: list[str]) -> dict[str, tuple[Any, ...]]:
    """(date, admin1, kind, weapon, certainty) of those ids that are in the ledger."""
    li = ledger_incidents.c
    out: dict[str, tuple[Any, ...]] = {}
    for i in range(0, len(ids), 900):
        query = select(li.id, li.date, li.admin1, li.kind, li.weapon, li.certainty).where(li.id.in_(ids[i:i + 900]))
        out.update((row[0], tuple(row[1:])) for row in conn.execute(query))
    return out


@dataclass(frozen=True, slots=True)
class ReviewLog:
    """The review log as readers use it: the actions, the reviews they make, and id sets."""

    actions: list[log.Action]
    reviews: dict[str, Review]
    hidden: frozenset[str]      # merged into another incident: not listed on their own
    rejected: frozenset[str]
    confirmed: frozenset[str]
    corrected: frozenset[str]
    facts: dict[str, tuple[Any, ...]]  # the filtered columns of each reviewed id in the ledger

    @classmethod
    def read(cls, conn: Connection) -> ReviewLog:
        """The log folded into reviews, as recorded (no aliases followed), without `facts`:
        it depends on the log alone."""
        return cls.of(log.actions(conn))

    @classmethod
    def of(cls, acts: list[log.Action]) -> ReviewLog:
        state = overlay.reviews(acts)
        return cls(acts, state, frozenset(overlay.hidden(state)), frozenset(overlay.with_status(state, "rejected")),
                   frozenset(overlay.with_status(state, "confirmed")),
                   frozenset(lid for lid, rev in state.items() if rev.corrections), {})

    def renamed(self, renamed: dict[str, str]) -> ReviewLog:
        """This log with its actions on renamed incidents following them (`store.aliases`)."""
        acts = log.following(self.actions, renamed)
        return self if all(a is b for a, b in zip(acts, self.actions)) else ReviewLog.of(acts)

    def with_facts(self, conn: Connection) -> ReviewLog:
        """This log with the ledger's current facts about its reviewed ids."""
        return replace(self, facts=filter_facts(conn, list(self.reviews)))

    def narrowed(self, ids: frozenset[str], f: Filters) -> frozenset[str]:
        """The ids that may match `f`: the rest need not be named in SQL (a few instead of thousands).

        Mirrors the SQL conditions on resolved values (`reader._where`) for dates and listed
        values; the substring filters are left to SQL.
        """
        def may(lid: str) -> bool:
            fact = self.facts.get(lid)
            if fact is None:
                return False
            day = fact[0]
            if (f.since or f.until) and day is None:
                return False
            if (f.since and day < f.since) or (f.until and day > f.until):
                return False
            return all(not wanted or value in wanted for value, wanted in
                       zip(fact[1:], (f.admin1, f.kind, f.weapon, f.certainty)))
        return frozenset(lid for lid in ids if may(lid))


class Service:
    """The ledger as the API sees it."""

    def __init__(self, ledger: Ledger, *, public_reads: bool = True) -> None:
        self.ledger = ledger
        self.public_reads = public_reads
        self.cache = ResultCache(4096, 256 * 2**20)  # facts of reviewed ids, counts, statistics: dear to compute
        self.pages = ResultCache(2048, 64 * 2**20)   # whole pages as JSON, ~25 KB each
        self.folded = ResultCache(1)                 # the review log folded: kept while the log is unchanged

    # reads

    def _log(self, conn: Connection) -> tuple[Stamp, ReviewLog]:
        """The ledger's stamp and the review log (see `serve.cache`): the log is read and folded
        again only when it grows; when the ledger changes, its actions follow renamed incidents
        (folded again only if one of theirs was renamed) and the facts about its ids are read again."""
        now = stamp(conn)
        folded = self.folded.get(now[1:], "log", lambda: ReviewLog.read(conn))
        return now, self.cache.get(now, "log", lambda: folded.renamed(current_ids(conn)).with_facts(conn))

    def _state(self, conn: Connection, fresh: bool = False) -> tuple[list[log.Action], dict[str, Review]]:
        """The review log and the reviews it makes; kept between reads (`fresh` for writes)."""
        if fresh:
            acts = log.following(log.actions(conn), current_ids(conn))
            return acts, overlay.reviews(acts)
        _, rl = self._log(conn)
        return rl.actions, rl.reviews

    @staticmethod
    def _merged_into(conn: Connection, ledger_id: str, state: dict[str, Review]) -> list[Detail]:
        """The incidents a review merged into `ledger_id`, with their sources."""
        found = (get_detail(conn, o) for o in (state.get(ledger_id) or Review()).merged_from)
        return [d for d in found if d is not None]

    def _reviewed(self, conn: Connection, detail: Detail, state: dict[str, Review]) -> Detail:
        return overlay.apply_detail(detail, state, self._merged_into(conn, detail.entry.id, state))

    def incidents(self, filters: Filters, status: str | None, limit: int, offset: int) -> bytes:
        """A page of incidents as `IncidentPage` JSON, reviewed; split-offs follow their parent.

        Pages and totals are kept until the ledger or the review log changes (`serve.cache`),
        pages as the JSON sent, so that a kept page costs neither building nor encoding.
        """
        with self.ledger.engine.connect() as conn:
            now, rl = self._log(conn)
            return self.pages.get(now, (filters, status, limit, offset), lambda: schemas.IncidentPage.model_validate(
                self._page(conn, now, rl, filters, status, limit, offset)).model_dump_json().encode())

    def _page(self, conn: Connection, now: Stamp, rl: ReviewLog, filters: Filters, status: str | None,
              limit: int, offset: int) -> dict[str, Any]:
        state = rl.reviews
        exclude: frozenset[str] = rl.hidden
        include = None
        if status in ("confirmed", "rejected"):
            include = rl.narrowed(rl.confirmed if status == "confirmed" else rl.rejected, filters)
        elif status == "unreviewed":
            exclude = exclude | rl.confirmed | rl.rejected
        exclude = rl.narrowed(exclude, filters)
        total = self.cache.get(now, ("count", filters, status),
                               lambda: count_entries(conn, filters, include=include, exclude=exclude))
        page = entry_page(conn, filters, limit, offset, include=include, exclude=exclude, total=total)
        items = []
        for entry in page.items:
            if overlay.needs_detail(entry.id, state):
                base = get_detail(conn, entry.id)
                assert base is not None
                shown = self._reviewed(conn, base, state).entry
                items.append(incident_out(shown, state))
                gathered = overlay.gathered(base, self._merged_into(conn, entry.id, state))
                for split in state[entry.id].splits:
                    child = overlay.split_detail(gathered, split.id, state)
                    if child is not None and status in (None, state.get(split.id, Review()).status):
                        items.append(incident_out(child.entry, state))
            else:
                items.append(incident_out(overlay.apply_entry(entry, state), state))
        return {"total": page.total, "limit": limit, "offset": offset, "items": items}

    def _detail(self, conn: Connection, ledger_id: str, state: dict[str, Review]) -> Detail | None:
        parent = overlay.parent_of(ledger_id)
        base = get_detail(conn, parent)
        if base is None:
            return None
        if parent == ledger_id:
            return self._reviewed(conn, base, state)
        return overlay.split_detail(overlay.gathered(base, self._merged_into(conn, parent, state)), ledger_id, state)

    def incident(self, ledger_id: str) -> dict[str, Any]:
        """One incident, reviewed, with every source and the actions about it."""
        with self.ledger.engine.connect() as conn:
            acts, state = self._state(conn)
            detail = self._detail(conn, ledger_id, state)
            new_id = renamed_to(conn, ledger_id) if detail is None else None
        if new_id is not None:   # an earlier report renamed it: send the reader on
            raise ApiError(307, "moved", f"ledger incident {ledger_id!r} is now {new_id!r}", moved_to=new_id)
        if detail is None:
            raise not_found(f"ledger incident {ledger_id!r}")
        undone = _undone_by(acts)
        about = [action_out(a, undone) for a in acts if a.action != "undo" and (
            a.ledger_id == ledger_id or ledger_id in a.payload.get("others", ())
            or overlay.split_id(a.ledger_id, a.id) == ledger_id)]
        about += [action_out(a, undone) for a in acts if a.action == "undo" and a.undoes in {x["id"] for x in about}]
        return detail_out(detail, state, sorted(about, key=lambda x: x["id"]))

    def _counted(self, conn: Connection, filters: Filters) -> list[Entry]:
        """Entries that count: not rejected, not merged away, corrections applied."""
        _, rl = self._log(conn)
        return [overlay.apply_entry(e, rl.reviews) for e in all_entries(conn, filters, exclude=rl.hidden | rl.rejected)]

    def _counted_cells(self, conn: Connection, rl: ReviewLog, filters: Filters,
                       by: tuple[str, ...]) -> dict[tuple[str, ...], Any]:
        """`_counted` entries grouped: by the database, except the corrected ones (in Python)."""
        skip = rl.narrowed(rl.hidden | rl.rejected, filters)
        corrected = rl.narrowed(rl.corrected, filters) - skip
        cells = grouped_cells(conn, filters, by, exclude=skip | corrected)
        if corrected:
            entries = [overlay.apply_entry(e, rl.reviews) for e in all_entries(conn, filters, include=corrected)]
            for key, more in cells_by_key(entries, by).items():
                cells[key] = add_cells(cells.get(key, {}), more)
        return cells

    def stats(self, filters: Filters, by: tuple[str, ...]) -> bytes:
        """Figures per combination of `by` values as `StatsOut` JSON; nothing there is no report.

        Kept, as the JSON sent, until the ledger or the review log changes.
        """
        def compute() -> bytes:
            rows = table(self._counted_cells(conn, rl, filters, by), by, filters.since, filters.until, filters.admin1)
            return schemas.StatsOut.model_validate({
                "by": list(by), "since": filters.since, "until": filters.until, "rows": [
                    {"key": dict(zip(by, r.key)), "report": r.cells is not None,
                     "cells": {k: asdict(c) for k, c in (r.cells or {}).items()}} for r in rows]}).model_dump_json().encode()

        with self.ledger.engine.connect() as conn:
            now, rl = self._log(conn)
            return self.cache.get(now, ("stats", filters, by), compute)

    def export(self, fmt: str, filters: Filters) -> str:
        """The reviewed incidents as CSV or GeoJSON text (the CLI's export writers)."""
        from skyledger.report.writers import write_export

        out = io.StringIO()
        with self.ledger.engine.connect() as conn:
            _, state = self._state(conn)
            entries = self._counted(conn, filters)

            def reviewed() -> Iterator[Detail]:
                for i in range(0, len(entries), 500):
                    for d in details(conn, entries[i:i + 500]):
                        yield self._reviewed(conn, d, state) if overlay.needs_detail(d.entry.id, state) else d

            write_export(fmt, reviewed(), out, None)
        return out.getvalue()

    def documents(self, limit: int, offset: int, lang: str | None, source: str | None) -> dict[str, Any]:
        with self.ledger.engine.connect() as conn:
            page = document_page(conn, limit, offset, lang=lang, source=source)
        return {"total": page.total, "limit": limit, "offset": offset, "items": page.items}

    def document(self, content_hash: str) -> dict[str, Any]:
        found = self.ledger.document(content_hash)
        if found is None:
            raise not_found(f"document {content_hash!r}")
        from skyledger.pipeline import provenance  # not at import: it loads the extractor's modules

        doc, extraction = found
        return {"document": document_ref(doc), "extraction": to_dict(replace(extraction, provenance=provenance(doc)))}

    def disruptions(self, limit: int, offset: int, **filters: Any) -> dict[str, Any]:
        with self.ledger.engine.connect() as conn:
            page = disruption_page(conn, limit, offset, **filters)
        return {"total": page.total, "limit": limit, "offset": offset, "items": page.items}

    def audit(self, limit: int, offset: int) -> dict[str, Any]:
        with self.ledger.engine.connect() as conn:
            acts = log.actions(conn)
        undone = _undone_by(acts)
        newest = list(reversed(acts))
        return {"total": len(acts), "limit": limit, "offset": offset,
                "items": [action_out(a, undone) for a in newest[offset:offset + limit]]}

    def meta(self) -> dict[str, Any]:
        from skyledger import __version__

        docs, incidents = self.ledger.counts()
        return {"version": __version__, "public_reads": self.public_reads, "documents": docs, "incidents": incidents}

    def token(self, token: str) -> log.Token | None:
        with self.ledger.engine.connect() as conn:
            return log.find_token(conn, token)

    # writes

    def ingest(self, docs: list[dict[str, Any]]) -> dict[str, Any]:
        """Extract and store documents, one transaction each, like `skyledger ingest`."""
        from skyledger.store.ingest import store_item

        results = []
        for n, fields in enumerate(docs, start=1):
            raw = RawItem(**{**fields, "id": fields.get("id") or f"api-{n}"})
            stored = store_item(self.ledger, raw)  # the process's one extractor (pipeline.default_extractor)
            result: dict[str, Any] = {"id": raw.id, "content_hash": stored.document.content_hash,
                                      "status": stored.status}
            if stored.status == "failed":
                result["error"] = stored.message
            else:
                written = stored.written
                result["created"] = sorted(written.created) if written else []
                result["updated"] = sorted(written.updated) if written else []
            results.append(result)
        tally = {s: sum(r["status"] == s for r in results) for s in ("new", "known", "failed")}
        return {**tally, "results": results}

    def act(self, actor: log.Token, ledger_id: str, action: str, payload: dict[str, Any],
            note: str | None) -> dict[str, Any]:
        """Check and append one review action about `ledger_id`; returns it as stored."""
        with self.ledger.engine.begin() as conn:
            _, state = self._state(conn, fresh=True)
            detail = self._detail(conn, ledger_id, state)
            if detail is None:
                raise not_found(f"ledger incident {ledger_id!r}")
            if (state.get(ledger_id) or Review()).merged_into and action != "confirm":
                raise ApiError(409, "conflict", f"{ledger_id} is merged into "
                               f"{state[ledger_id].merged_into}; review that incident or undo the merge")
            if action == "correct":
                payload = {"field": payload["field"], "value": checked_value(payload["field"], payload["value"])}
            elif action == "merge":
                payload = {"others": self._mergeable(conn, ledger_id, payload["others"], state)}
            elif action == "split":
                payload = {"documents": self._splittable(ledger_id, detail, payload["documents"])}
            stored = log.append(conn, actor.name, action, ledger_id, payload, note)
        return action_out(stored, {})

    def _mergeable(self, conn: Connection, target: str, others: list[str], state: dict[str, Review]) -> list[str]:
        out = []
        for other in dict.fromkeys(others):
            if other == target or overlay.parent_of(other) != other:
                raise ApiError(422, "invalid", f"cannot merge {other!r} into {target!r}: give other resolved ids")
            if get_detail(conn, other) is None:
                raise not_found(f"ledger incident {other!r}")
            rev = state.get(other) or Review()
            if rev.merged_into or rev.merged_from:
                raise ApiError(409, "conflict", f"{other} already takes part in a merge")
            out.append(other)
        return out

    @staticmethod
    def _splittable(ledger_id: str, detail: Detail, documents: list[str]) -> list[str]:
        if overlay.parent_of(ledger_id) != ledger_id:
            raise ApiError(422, "invalid", "split the incident the sources were resolved into, not a split-off one")
        have = {s.document.content_hash for s in detail.sources}
        wanted = list(dict.fromkeys(documents))
        unknown = [h for h in wanted if h not in have]
        if unknown:
            raise ApiError(422, "invalid", f"not sources of {ledger_id}: {', '.join(unknown)}")
        if len(wanted) >= len(have):
            raise ApiError(422, "invalid", "a split must leave at least one source in the incident")
        return wanted

    def undo(self, actor: log.Token, action_id: int, note: str | None) -> dict[str, Any]:
        """Cancel one action (an analyst their own, an admin anyone's) by appending an undo."""
        with self.ledger.engine.begin() as conn:
            target = log.get_action(conn, action_id)
            if target is None:
                raise not_found(f"review action {action_id}")
            if target.action == "undo":
                raise ApiError(422, "invalid", "an undo cannot be undone; repeat the original action instead")
            if _undone_by(log.actions(conn, ledger_ids=[target.ledger_id])).get(action_id):
                raise ApiError(409, "conflict", f"action {action_id} is already undone")
            if actor.role != "admin" and target.actor != actor.name:
                raise ApiError(403, "forbidden", "analysts may undo only their own actions; ask an admin")
            stored = log.append(conn, actor.name, "undo", target.ledger_id, {}, note, undoes=action_id)
        return action_out(stored, {})
