"""Ledger benchmark: store and resolve generated documents into SQLite or PostgreSQL.

Extraction results are generated up front (a nightly ministry list with regional items,
governors' posts and news rewrites of them, spread over regions and nights), so what is
measured is the ledger path: one transaction per document, storing the document and its
incidents and re-resolving the (region, date) partitions it touches.

    python bench/ledger_bench.py --docs 100000 --db sqlite        # a temporary file
    python bench/ledger_bench.py --docs 100000 --db postgresql://postgres@127.0.0.1/test

Prints documents per second (overall and for the last tenth, to show that the rate does
not fall as the ledger grows) and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
import uuid
from datetime import date, timedelta

from skyledger.model import Claimant, Document, Extraction, Incident, Kind, Location, Role, Span, TimeInfo, Weapon
from skyledger.store import Ledger

REGIONS = ["RU-BRY", "RU-KRS", "RU-BEL", "RU-VOR", "RU-ORL", "RU-KLU", "RU-TUL", "RU-MOS", "RU-MOW", "RU-RYA",
           "RU-LIP", "RU-TAM", "RU-SMO", "RU-TVE", "RU-ROS", "RU-KDA", "RU-VGG", "RU-SAR", "RU-NIZ", "RU-YAR",
           "UA-63", "UA-51", "UA-12", "UA-30", "UA-32", "UA-59", "UA-74", "UA-18", "UA-23", "UA-46"]


def generate(n_docs: int, seed: int = 7) -> list[tuple[Document, Extraction]]:
    """Documents with their extraction: ~1 in 8 a ministry list, the rest regional posts."""
    rng = random.Random(seed)
    days = max(30, n_docs // 150)
    start = date(2025, 1, 1)
    out = []
    for n in range(n_docs):
        day = (start + timedelta(rng.randrange(days))).isoformat()
        doc_id = f"bench-{n}"
        text = f"{doc_id}: generated report for {day} " + "x" * rng.randrange(200, 900)
        doc = Document(doc_id, text, "en", f"{day}T08:00:00+03:00", None, f"source-{rng.randrange(50)}",
                       uuid.UUID(int=rng.getrandbits(128)).hex * 2)
        ev = (Span(0, len(doc_id), doc_id),)
        if n % 8 == 0:
            regions = rng.sample(REGIONS[:20], rng.randrange(2, 7))
            counts = [rng.randrange(1, 30) for _ in regions]
            who = Claimant(role="ministry", organization="Ministry of Defence")
            incs = [Incident(f"{doc_id}#1", Kind.INTERCEPTION, Weapon.UAV, sum(counts), Role.TOTAL,
                             Location(), TimeInfo(day), claimant=who, evidence=ev)]
            incs += [Incident(f"{doc_id}#{i + 2}", Kind.INTERCEPTION, Weapon.UAV, c, Role.ITEM,
                              Location("RU", r, precision=3), TimeInfo(day), part_of=f"{doc_id}#1",
                              claimant=who, evidence=ev) for i, (r, c) in enumerate(zip(regions, counts))]
        else:
            region = rng.choice(REGIONS)
            kind = rng.choice([Kind.INTERCEPTION, Kind.INTERCEPTION, Kind.IMPACT, Kind.CRASH])
            incs = [Incident(f"{doc_id}#1", kind, rng.choice([Weapon.UAV, Weapon.UAV, Weapon.MISSILE]),
                             rng.randrange(1, 20), Role.SINGLE, Location(region[:2], region, precision=3),
                             TimeInfo(day), claimant=Claimant(role="governor"), evidence=ev)]
        out.append((doc, Extraction(doc_id, "en", doc.published, tuple(incs))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--db", default="sqlite", help="'sqlite' (a temporary file) or a database URL/path")
    args = parser.parse_args()
    data = generate(args.docs)
    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/bench.db" if args.db == "sqlite" else args.db
        ledger = Ledger.open(db)
        t0 = time.perf_counter()
        tenth = max(1, len(data) // 10)
        t_last = t0
        for n, (doc, ex) in enumerate(data, 1):
            ledger.add(doc, ex)
            if n == len(data) - tenth:
                t_last = time.perf_counter()
        elapsed = time.perf_counter() - t0
        last = time.perf_counter() - t_last
        docs, incidents = ledger.counts()
        ledger.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    backend = "sqlite" if args.db == "sqlite" or "://" not in args.db else args.db.split(":", 1)[0]
    print(f"{backend}: {docs} documents -> {incidents} ledger incidents in {elapsed:.1f} s: "
          f"{len(data) / elapsed:.0f} docs/s overall, {tenth / last:.0f} docs/s over the last tenth; "
          f"peak RSS {peak_mb:.0f} MB (including the {len(data)} generated documents held in memory)")


if __name__ == "__main__":
    main()
