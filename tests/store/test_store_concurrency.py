"""Two ingests into one ledger at once (SQLite or PostgreSQL) still give the ledger of all documents."""

from __future__ import annotations

import threading

from skyledger.model import Claimant, Extraction, Incident, Kind, Location, RawItem, Role, TimeInfo, Weapon
from skyledger.normalize import normalize
from skyledger.store import Ledger


def reports(prefix: str, n: int) -> list:
    out = []
    for i in range(n):
        d = normalize(RawItem(id=f"{prefix}{i}", text=f"{prefix} report {i}", lang="en",
                              published="2026-03-14T08:00:00+03:00"))
        inc = Incident(f"{d.id}#1", Kind.INTERCEPTION, Weapon.UAV, i + 1, Role.SINGLE,
                       Location("RU", "RU-BRY"), TimeInfo("2026-03-14"), claimant=Claimant(role="governor"))
        out.append((d, Extraction(d.id, "en", d.published, (inc,))))
    return out


def test_store_concurrent_writers_to_one_partition_lose_no_member(ledger_db: str) -> None:
    ledgers = [Ledger.open(ledger_db), Ledger.open(ledger_db)]
    batches = [reports("a", 15), reports("b", 15)]
    errors: list[BaseException] = []

    def write(ledger: Ledger, batch: list) -> None:
        try:
            for doc, ex in batch:
                ledger.add(doc, ex)
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=pair) for pair in zip(ledgers, batches)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    [entry] = ledgers[0].entries()
    for ledger in ledgers:
        ledger.close()
    assert errors == []
    assert (entry.n_members, entry.count_low, entry.count_high) == (30, 1, 15)
