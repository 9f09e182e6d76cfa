"""Where renamed ledger incidents went, so that what was said about an old id still holds.

A ledger id is named after the incident's anchor, its earliest report (`resolve.merge`), which
keeps the ledger independent of the order documents arrive in. The price: a report published
earlier than the others but stored later renames the incident, and an analyst's review made
under the old id would be left behind. When re-resolution removes an id, the writer records
here which new incident took most of its reports; readers of the review log follow these
aliases to the incident's current id. Chains are kept short: an alias always names a live id
(or one removed without a successor), never another alias.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import Connection, delete, insert, select, update

from skyledger.store.tables import ledger_aliases

Members = frozenset  # of (report key, rule, reason), as the writer compares them


def successor(old: Members, fresh: Mapping[str, Members]) -> str | None:
    """The new incident holding most of `old`'s reports (ties: the smallest id), or None."""
    keys = {member[0] for member in old}
    shared = {lid: len(keys & {m[0] for m in members}) for lid, members in fresh.items()}
    best = min(shared.items(), key=lambda item: (-item[1], item[0]), default=None)
    return best[0] if best is not None and best[1] > 0 else None


def record_renames(conn: Connection, removed: Mapping[str, Members], fresh: Mapping[str, Members]) -> None:
    """Point each removed id with a successor at it, and ids that were live again at nothing."""
    a = ledger_aliases.c
    live = list(fresh)
    if live:
        conn.execute(delete(ledger_aliases).where(a.old_id.in_(live)))
    for old_id, members in sorted(removed.items()):
        new_id = successor(members, fresh)
        if new_id is None:
            continue
        conn.execute(update(ledger_aliases).where(a.new_id == old_id).values(new_id=new_id))
        conn.execute(delete(ledger_aliases).where(a.old_id == old_id))
        conn.execute(insert(ledger_aliases).values(old_id=old_id, new_id=new_id))


def current_ids(conn: Connection) -> dict[str, str]:
    """Every renamed id and the id it goes by now."""
    a = ledger_aliases.c
    return {old: new for old, new in conn.execute(select(a.old_id, a.new_id))}


def renamed_to(conn: Connection, ledger_id: str) -> str | None:
    """The id a renamed incident goes by now, or None if `ledger_id` was never renamed."""
    a = ledger_aliases.c
    return conn.execute(select(a.new_id).where(a.old_id == ledger_id)).scalar_one_or_none()


def follow(ledger_id: str, renamed: Mapping[str, str]) -> str:
    """The id `ledger_id` goes by now (itself unless it was renamed)."""
    return renamed.get(ledger_id, ledger_id)

