"""Analyst review and API tokens: an append-only log of review actions, and hashed tokens.

The ledger itself is a function of the documents (resolution runs again whenever one
arrives), so reviews never edit `ledger_incidents`: each action (confirm, reject, correct,
merge, split, undo) is one new row in `review_actions`, and readers lay the log over the
resolved ledger (see `skyledger.serve.overlay`). Nothing in the log is updated or deleted;
an undo is itself an action naming the one it cancels.

`api_tokens` keeps a SHA-256 of each token (tokens are 256-bit random strings, so a plain
hash is enough); the token itself is shown once, when it is created.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import JSON, Column, Connection, Index, Integer, Table, Text, insert, select

from skyledger.store.aliases import follow
from skyledger.store.tables import metadata

ROLES = ("analyst", "admin")
ACTIONS = ("confirm", "reject", "correct", "merge", "split", "undo")
TOKEN_PREFIX = "sky_"

api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
    Column("role", Text, nullable=False),
    Column("token_hash", Text, nullable=False, unique=True),
    Column("created", Text, nullable=False),
)

review_actions = Table(
    "review_actions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", Text, nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("ledger_id", Text, nullable=False),
    Column("payload", JSON, nullable=False),
    Column("note", Text),
    Column("undoes", Integer),
    Index("ix_review_actions_ledger", "ledger_id"),
)


@dataclass(frozen=True, slots=True)
class Token:
    """A stored API token (its hash never leaves the store)."""

    id: int
    name: str
    role: str
    created: str


@dataclass(frozen=True, slots=True)
class Action:
    """One row of the review log."""

    id: int
    at: str
    actor: str
    action: str
    ledger_id: str
    payload: dict[str, Any]
    note: str | None
    undoes: int | None


def following(acts: list[Action], renamed: Mapping[str, str]) -> list[Action]:
    """The actions with the ledger ids they name (their own, merged ones) as those go by now.

    The log itself is never changed; readers lay it over the ledger through these ids, so a
    review follows its incident when re-resolution renames it (`store.aliases`).
    """
    if not renamed:
        return acts
    out = []
    for a in acts:
        others = a.payload.get("others") if a.action == "merge" else None
        moved = follow(a.ledger_id, renamed)
        if moved == a.ledger_id and not (others and any(o in renamed for o in others)):
            out.append(a)
            continue
        payload = {**a.payload, "others": [follow(o, renamed) for o in others]} if others else a.payload
        out.append(replace(a, ledger_id=moved, payload=payload))
    return out


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def token_hash(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(conn: Connection, name: str, role: str) -> str:
    """Store a new token for `name` with `role`; returns the token (shown only now)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    conn.execute(insert(api_tokens).values(name=name, role=role, token_hash=token_hash(token), created=now()))
    return token


def find_token(conn: Connection, token: str) -> Token | None:
    """The stored token matching `token`, or None."""
    t = api_tokens.c
    row = conn.execute(select(t.id, t.name, t.role, t.created)
                       .where(t.token_hash == token_hash(token))).first()
    return None if row is None else Token(*row)


def list_tokens(conn: Connection) -> list[Token]:
    """Every stored token, oldest first."""
    t = api_tokens.c
    return [Token(*r) for r in conn.execute(select(t.id, t.name, t.role, t.created).order_by(t.id))]


def append(conn: Connection, actor: str, action: str, ledger_id: str, payload: dict[str, Any],
           note: str | None = None, undoes: int | None = None) -> Action:
    """Add one action to the log and return it as stored."""
    if action not in ACTIONS:
        raise ValueError(f"unknown review action {action!r}")
    at = now()
    pk = conn.execute(insert(review_actions).values(at=at, actor=actor, action=action, ledger_id=ledger_id,
                                                    payload=payload, note=note, undoes=undoes)
                      ).inserted_primary_key[0]
    return Action(pk, at, actor, action, ledger_id, payload, note, undoes)


def _action(row: Any) -> Action:
    return Action(row.id, row.at, row.actor, row.action, row.ledger_id, row.payload, row.note, row.undoes)


def actions(conn: Connection, *, ledger_ids: list[str] | None = None, limit: int | None = None,
            offset: int = 0, newest_first: bool = False) -> list[Action]:
    """Actions of the log (all, or those about some ledger ids), in log order."""
    r = review_actions.c
    query = select(review_actions).order_by(r.id.desc() if newest_first else r.id)
    if ledger_ids is not None:
        query = query.where(r.ledger_id.in_(ledger_ids))
    if limit is not None:
        query = query.limit(limit).offset(offset)
    return [_action(row) for row in conn.execute(query)]


def get_action(conn: Connection, action_id: int) -> Action | None:
    """One action of the log, or None."""
    row = conn.execute(select(review_actions).where(review_actions.c.id == action_id)).first()
    return None if row is None else _action(row)
