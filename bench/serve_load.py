"""REST API load test: a generated ledger of 1,000,000 incidents behind `skyledger serve`.

1. Generates a ledger (seeded, so every run writes the same rows) straight into the store's
   own tables with SQLAlchemy Core bulk inserts (executemany on SQLite, COPY on PostgreSQL):
   documents, extracted incidents, ledger incidents and their members over ~120 first-level
   regions and three years of days, nightly ministry totals with regional items, and a
   review log touching about 2 % of the incidents (confirms, rejects, corrections, merges,
   splits, undos). Extraction and resolution are not run: this measures serving.
2. Starts the real server (`python -m skyledger serve`, uvicorn) on 127.0.0.1 and a free port.
3. Drives it with `wrk` (50 connections, Debian's package) per endpoint: the incident list
   with typical filters (a region and a month, a date range, first pages) and the statistics
   (per region, per day and weapon, per region and day over a month), each request path drawn
   from a seeded list. Prints p50/p95/p99 and requests/s per endpoint and database.

    python bench/serve_load.py                          # both databases, 1,000,000 incidents
    python bench/serve_load.py --db sqlite --keep /tmp/load.db   # keep (and reuse) the file
    python bench/serve_load.py --db postgresql --incidents 100000 --duration 10

PostgreSQL is `postgresql://postgres@127.0.0.1:5432/test`; the ledger goes into its own schema
(`serve_load`), dropped afterwards unless `--keep-schema`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Table, insert, text

from skyledger.store import Ledger
from skyledger.store.review import review_actions
from skyledger.store.tables import documents, extracted_incidents, ledger_incidents, ledger_members

ROOT = Path(__file__).resolve().parent.parent
BOUNDARIES = ROOT / "src" / "skyledger" / "serve" / "static" / "data" / "admin1.geojson"
PG_URL = "postgresql://postgres@127.0.0.1:5432/test"
SCHEMA = "serve_load"
FIRST_DAY = date(2023, 6, 1)
DAYS = 1096
SOURCES = [f"channel-{n}.example" for n in range(40)]
KINDS = [("interception", 70), ("impact", 18), ("launch", 8), ("crash", 4)]
WEAPONS = [("uav", 75), ("missile", 12), ("glide_bomb", 5), ("unknown", 4), ("rocket", 3), ("aircraft", 1)]
CERTAINTY = [("claimed", 55), ("reported", 30), ("confirmed", 12), ("speculative", 3)]
CLAIMANTS = [(None, "governor", None), (None, "ministry", "Ministry of Defence"), (None, "mayor", None),
             ("Regional administration", None, None), (None, "air force", "Air Force"), (None, None, None)]
PLACES = ["Novaya Sloboda", "Krasnyi Yar", "Staroye Selo", "Zarechnoye", "Lesnoye", "Pervomaiske",
          "Mykolaivka", "Sosnovka", "Ozerne", "Dubrava"]


# --- generation ---------------------------------------------------------------------------

def regions() -> list[tuple[str, str]]:
    """(code, English name) of the first-level units of Russia, Ukraine and Belarus."""
    data = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    return sorted((f["id"], f["properties"]["name_en"]) for f in data["features"]
                  if f["id"].split("-")[0] in ("RU", "UA", "BY"))


def _pick(rng: random.Random, weighted: list[tuple[Any, int]]) -> Any:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


@dataclass
class Rows:
    """One chunk of generated rows per table, in insert order (parents first)."""

    documents: list[dict[str, Any]] = field(default_factory=list)
    extracted: list[dict[str, Any]] = field(default_factory=list)
    ledger: list[dict[str, Any]] = field(default_factory=list)
    members: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Generator:
    """Writes a seeded ledger of `n` incidents a chunk at a time, and a review log over it."""

    n: int
    seed: int = 7
    rng: random.Random = field(init=False)
    doc_pk: int = 0
    inc_pk: int = 0
    made: int = 0
    reviewable: list[tuple[str, str | None, str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        units = regions()
        # Border regions see most incidents: a Zipf-like weight over a seeded order.
        order = list(units)
        random.Random(self.seed + 1).shuffle(order)
        self.units = order
        self.weights = [1 / (i + 1) ** 0.9 for i in range(len(order))]

    def _document(self, rows: Rows, day: str, source: str, text_: str, n_incidents: int) -> tuple[int, str]:
        self.doc_pk += 1
        digest = hashlib.sha256(f"{self.seed}:{self.doc_pk}:{text_}".encode()).hexdigest()
        rows.documents.append({
            "id": self.doc_pk, "content_hash": digest, "doc_id": f"load-{self.doc_pk}", "source": source,
            "post_id": str(self.doc_pk), "version": 1, "is_latest": True, "lang": self.rng.choice(["en", "ru", "ru", "uk", "uk"]),
            "published": f"{day}T{self.rng.randrange(24):02d}:{self.rng.randrange(60):02d}:00+03:00",
            "edited": None, "url": f"https://{source}/{self.doc_pk}", "title": None, "author": None,
            "text": text_, "n_incidents": n_incidents, "n_disruptions": 0})
        return self.doc_pk, digest

    def _extracted(self, rows: Rows, doc: tuple[int, str], local: int, region: str, unit: tuple[str, str] | None,
                   day: str, kind: str, weapon: str, count: int | None, role: str, part_of: str | None,
                   claimant: tuple[str | None, str | None, str | None], certainty: str, sentence: str,
                   place: str | None) -> int:
        self.inc_pk += 1
        rows.extracted.append({
            "id": self.inc_pk, "document_id": doc[0], "report_key": f"{doc[1]}#{local}",
            "local_id": f"load-{doc[0]}#{local}", "region": region, "kind": kind, "weapon": weapon,
            "weapon_detail": None, "count": count, "count_qualifier": "exact" if count is not None else None,
            "role": role, "part_of": part_of, "country": region[:2] if unit else None,
            "admin1": unit[0] if unit else None, "admin1_name": unit[1] if unit else None, "admin2": None,
            "place": place, "water_body": None, "lat": None, "lon": None, "precision": 3 if unit else None,
            "date": day, "start": None, "end": None, "time_precision": "night", "killed": None,
            "injured": None, "damage_reported": None, "damage_kinds": [], "target": None,
            "claimant_name": claimant[0], "claimant_role": claimant[1], "claimant_organization": claimant[2],
            "certainty": certainty, "evidence": [{"start": 0, "end": len(sentence), "text": sentence}],
            "evidence_text": sentence, "interceptor": None})
        return self.inc_pk

    def _ledger(self, rows: Rows, region: str, unit: tuple[str, str] | None, day: str, kind: str, weapon: str,
                counts: list[int | None], certainty: str, place: str | None, members: list[int]) -> str:
        self.made += 1
        digest = format((self.made * 2654435761) % 16 ** 6, "06x")  # a bijection: ids stay unique
        lid = f"{unit[0] if unit else 'RU-ALL'}-{day.replace('-', '')}-{digest}"
        known = [c for c in counts if c is not None]
        killed = self.rng.choice([None] * 12 + [0, 1, 2]) if kind == "impact" else None
        rows.ledger.append({
            "id": lid, "region": region, "date": day, "kind": kind, "weapon": weapon,
            "country": region[:2] if unit else "RU", "admin1": unit[0] if unit else None,
            "admin1_name": unit[1] if unit else None, "water_body": None, "place": place,
            "lat": None, "lon": None, "precision": 3 if unit else None, "start": None, "end": None,
            "count_low": min(known) if known else None, "count_high": max(known) if known else None,
            "killed_low": killed, "killed_high": killed, "injured_low": None, "injured_high": None,
            "certainty": certainty, "n_sources": len(members), "n_members": len(members)})
        rows.members += [{"ledger_id": lid, "incident_id": m, "rule": "same-place-day" if i else "anchor",
                          "reason": "generated for the load test"} for i, m in enumerate(members)]
        return lid

    def _regional(self, rows: Rows, day: str) -> None:
        """A regional post with 1-3 incidents; a third of them are echoed by a second source."""
        rng = self.rng
        unit = rng.choices(self.units, self.weights)[0]
        claimant = rng.choice(CLAIMANTS)
        k = rng.choice([1, 1, 1, 2, 3])
        sentences = []
        plan = []
        for _ in range(k):
            kind, weapon = _pick(rng, KINDS), _pick(rng, WEAPONS)
            count = None if rng.random() < 0.08 else max(1, int(rng.expovariate(1 / 6)))
            place = rng.choice(PLACES) if rng.random() < 0.3 else None
            sentences.append(f"{count or 'Several'} {weapon} {kind} over {place or unit[1]} on {day}.")
            plan.append((kind, weapon, count, place, _pick(rng, CERTAINTY)))
        doc = self._document(rows, day, rng.choice(SOURCES), " ".join(sentences), k)
        echo = self._document(rows, day, rng.choice(SOURCES), "Echo: " + " ".join(sentences), k) \
            if rng.random() < 0.3 else None
        for i, (kind, weapon, count, place, certainty) in enumerate(plan, start=1):
            if self.made >= self.n:
                return
            members = [self._extracted(rows, doc, i, unit[0], unit, day, kind, weapon, count, "single", None,
                                       claimant, certainty, sentences[i - 1], place)]
            counts = [count]
            if echo is not None:
                other = None if count is None else max(1, count + rng.choice([-1, 0, 0, 1]))
                members.append(self._extracted(rows, echo, i, unit[0], unit, day, kind, weapon, other, "single",
                                               None, (None, None, None), "reported", sentences[i - 1], place))
                counts.append(other)
            lid = self._ledger(rows, unit[0], unit, day, kind, weapon, counts, certainty, place, members)
            if rng.random() < 0.02:
                self.reviewable.append((lid, echo[1] if echo else None, unit[0], day))

    def _ministry(self, rows: Rows, day: str) -> None:
        """A nightly ministry total with 3-6 regional items (items point at the total)."""
        rng = self.rng
        units = rng.sample(self.units[:25], rng.randrange(3, 7))
        counts = [rng.randrange(1, 30) for _ in units]
        text_ = f"Air defence destroyed {sum(counts)} drones overnight on {day}."
        doc = self._document(rows, day, "ministry.example", text_, len(units) + 1)
        ministry = (None, "ministry", "Ministry of Defence")
        total = self._extracted(rows, doc, 1, "nationwide:RU", None, day, "interception", "uav", sum(counts),
                                "total", None, ministry, "claimed", text_, None)
        self._ledger(rows, "nationwide:RU", None, day, "interception", "uav", [sum(counts)], "claimed", None,
                     [total])
        for i, (unit, count) in enumerate(zip(units, counts), start=2):
            if self.made >= self.n:
                return
            line = f"{count} over {unit[1]}."
            item = self._extracted(rows, doc, i, unit[0], unit, day, "interception", "uav", count, "item",
                                   f"load-{doc[0]}#1", ministry, "claimed", line, None)
            self._ledger(rows, unit[0], unit, day, "interception", "uav", [count], "claimed", None, [item])

    def chunks(self, size: int = 50_000) -> Iterator[Rows]:
        """Rows a chunk of about `size` ledger incidents at a time, until `n` are made."""
        per_day = self.n / DAYS
        day_n = 0
        while self.made < self.n:
            rows = Rows()
            while len(rows.ledger) < size and self.made < self.n:
                day = (FIRST_DAY + timedelta(day_n % DAYS)).isoformat()
                self._ministry(rows, day)
                target = self.made + per_day * self.rng.uniform(0.5, 1.5)
                while self.made < min(target, self.n):
                    self._regional(rows, day)
                day_n += 1
            yield rows

    def review_log(self) -> list[dict[str, Any]]:
        """Review actions over the sampled incidents: mostly confirms, some rejects and corrections."""
        rng = random.Random(self.seed + 2)
        acts: list[dict[str, Any]] = []
        sampled = self.reviewable
        for n, (lid, echo_hash, _region, day) in enumerate(sampled):
            at = f"{day}T12:00:00+00:00"
            roll = rng.random()
            if roll < 0.65:
                acts.append(_action(at, "confirm", lid, {}))
            elif roll < 0.80:
                acts.append(_action(at, "reject", lid, {}))
            elif roll < 0.93:
                field_, value = rng.choice([("count_high", rng.randrange(1, 40)), ("kind", "impact"),
                                            ("weapon", "missile"), ("certainty", "confirmed")])
                acts.append(_action(at, "correct", lid, {"field": field_, "value": value}))
            elif roll < 0.97 and n + 1 < len(sampled):
                acts.append(_action(at, "merge", lid, {"others": [sampled[n + 1][0]]}))
            elif echo_hash is not None:
                acts.append(_action(at, "split", lid, {"documents": [echo_hash]}))
            else:
                acts.append(_action(at, "confirm", lid, {}))
        for i in rng.sample(range(len(acts)), len(acts) // 50):
            acts.append(_action(acts[i]["at"], "undo", acts[i]["ledger_id"], {}, undoes=i + 1))
        return [{**a, "id": n} for n, a in enumerate(acts, start=1)]


def _action(at: str, action: str, lid: str, payload: dict[str, Any], undoes: int | None = None) -> dict[str, Any]:
    return {"at": at, "actor": "load-analyst", "action": action, "ledger_id": lid, "payload": payload,
            "note": None, "undoes": undoes}


# --- loading ------------------------------------------------------------------------------

def _copy(conn: Any, table: Table, rows: list[dict[str, Any]]) -> None:
    """COPY rows into a PostgreSQL table (JSON columns as their text)."""
    if not rows:
        return
    names = list(rows[0])
    json_cols = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}
    raw = conn.connection.driver_connection
    with raw.cursor() as cur, cur.copy(f'COPY {table.name} ({", ".join(chr(34) + n + chr(34) for n in names)})'
                                       " FROM STDIN") as copy:
        for row in rows:
            copy.write_row([json.dumps(row[n]) if n in json_cols and row[n] is not None else row[n] for n in names])


def load(ledger: Ledger, gen: Generator) -> dict[str, int]:
    """Write the generated ledger in chunks, then the review log; returns row counts."""
    tally = {"documents": 0, "extracted_incidents": 0, "ledger_incidents": 0, "ledger_members": 0,
             "review_actions": 0}
    pg = ledger.engine.dialect.name == "postgresql"
    for rows in gen.chunks():
        with ledger.engine.begin() as conn:  # one transaction per chunk keeps SQLite's WAL small
            if not pg:
                conn.exec_driver_sql("PRAGMA cache_size=-500000")  # 500 MB: the unique indexes stay cached
            for table, part in ((documents, rows.documents), (extracted_incidents, rows.extracted),
                                (ledger_incidents, rows.ledger), (ledger_members, rows.members)):
                if pg:
                    _copy(conn, table, part)
                elif part:
                    conn.execute(insert(table), part)
                tally[table.name] += len(part)
        print(f"  {tally['ledger_incidents']:>9,} incidents", file=sys.stderr, end="\r")
    with ledger.engine.begin() as conn:
        acts = gen.review_log()
        conn.execute(insert(review_actions), acts)
        tally["review_actions"] = len(acts)
        if pg:  # the sequences behind the ids we wrote ourselves
            for name in ("documents", "extracted_incidents", "review_actions"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"))
    with ledger.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE" if pg else "ANALYZE"))
    return tally


# --- the server and the load ---------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(url: str, workers: int, src: Path) -> Iterator[str]:
    """`skyledger serve` (from the source tree `src`) in a child process; yields its base URL."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, "-m", "skyledger", "serve", "--db", url, "--port", str(port)]
    if workers > 1:
        cmd += ["--workers", str(workers)]
    proc = subprocess.Popen(cmd, env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(f"{base}/api/v1/me", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"skyledger serve did not start (exit {proc.poll()})")
            time.sleep(0.3)
        yield base
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:  # still busy with requests the load left behind
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def workloads(seed: int, units: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Request paths per endpoint: what a dashboard user's filters typically ask."""
    rng = random.Random(seed)
    codes = [c for c, _ in units]

    def month() -> tuple[str, str]:
        first = FIRST_DAY + timedelta(rng.randrange(DAYS - 31))
        first = first.replace(day=1)
        last = (first + timedelta(32)).replace(day=1) - timedelta(1)
        return first.isoformat(), last.isoformat()

    def span() -> tuple[str, str]:
        first = FIRST_DAY + timedelta(rng.randrange(DAYS - 14))
        return first.isoformat(), (first + timedelta(rng.choice([1, 3, 7, 14]))).isoformat()

    incidents, stats = [], []
    for _ in range(2000):
        roll = rng.random()
        if roll < 0.45:      # a region and a month, first pages
            since, until = month()
            q = f"admin1={rng.choice(codes)}&since={since}&until={until}&offset={rng.choice([0, 0, 0, 50])}"
        elif roll < 0.8:     # a date range over every region, first pages
            since, until = span()
            q = f"since={since}&until={until}&offset={rng.choice([0, 0, 50, 100])}"
        elif roll < 0.9:     # a region, newest first
            q = f"admin1={rng.choice(codes)}&offset={rng.choice([0, 50])}"
        else:                # the first pages of the whole ledger
            q = f"offset={rng.choice([0, 50, 100, 150])}"
        incidents.append(f"/api/v1/incidents?limit=50&{q}")
        since, until = month() if rng.random() < 0.5 else span()
        roll = rng.random()
        if roll < 0.4:       # the map: counts per region for a period
            stats.append(f"/api/v1/stats?by=admin1&since={since}&until={until}")
        elif roll < 0.8:     # the timeline: per day and weapon
            stats.append(f"/api/v1/stats?by=day,weapon&since={since}&until={until}")
        else:                # one region per day over a period
            stats.append(f"/api/v1/stats?by=admin1,day&admin1={rng.choice(codes)}&since={since}&until={until}")
    return {"incidents": incidents, "stats": stats}


LUA = """
local paths = {}
for line in io.lines(os.getenv("LOAD_PATHS")) do paths[#paths + 1] = line end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n * 7919) % #paths + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
                 + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %d %d %d %d %d %d %d\\n", summary.requests, summary.duration,
           latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, errors))
end
"""


@contextmanager
def writing(url: str, every: float, seed: int) -> Iterator[list[int]]:
    """Store a new report every `every` seconds in a child process (as `skyledger ingest` would,
    through the store: document, incident, resolution), while the caller measures; yields a
    list that receives the number of documents written."""
    script = (
        "import sys, time, random\n"
        "from skyledger.model import Certainty, Extraction, Incident, Kind, Location, RawItem, Role, Span, TimeInfo, Weapon\n"
        "from skyledger.normalize import normalize\n"
        "from skyledger.store import Ledger\n"
        "url, every, seed = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])\n"
        "ledger, rng, n = Ledger.open(url, migrate=False), random.Random(seed), 0\n"
        "try:\n"
        "    while True:\n"
        "        n += 1\n"
        "        day = f'2026-0{rng.randrange(1, 10)}-{rng.randrange(10, 29)}'\n"
        "        text = f'Writer {seed}-{n}-{time.time_ns()}: three drones were shot down over the Bryansk Region on {day}.'\n"
        "        doc = normalize(RawItem(id=f'w{seed}-{n}', text=text, lang='en', source='writer.example', published=day + 'T06:00:00+03:00'))\n"
        "        part = 'three drones were shot down over the Bryansk Region'\n"
        "        at = text.index(part)\n"
        "        inc = Incident(id=doc.id + '#1', kind=Kind.INTERCEPTION, weapon=Weapon.UAV, count=3, role=Role.SINGLE,\n"
        "                       location=Location(country='RU', admin1='RU-BRY', precision=3), time=TimeInfo(date=day),\n"
        "                       certainty=Certainty.CLAIMED, evidence=(Span(at, at + len(part), part),))\n"
        "        ledger.add(doc, Extraction(doc.id, 'en', doc.published, (inc,)))\n"
        "        print(n, flush=True)\n"
        "        time.sleep(every)\n"
        "except KeyboardInterrupt:\n"
        "    pass\n"
        "finally:\n"
        "    ledger.close()\n")
    proc = subprocess.Popen([sys.executable, "-c", script, url, str(every), str(seed)], stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    written: list[int] = []
    try:
        yield written
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=60)
        written.append(len(out.split()))


def drive(base: str, paths: list[str], clients: int, duration: int, workdir: Path) -> dict[str, float]:
    """Run wrk against `paths` (cycled) with `clients` connections; latencies in ms."""
    listing = workdir / "paths.txt"
    listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
    script = workdir / "load.lua"
    script.write_text(LUA, encoding="utf-8")
    out = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{duration}s", "--timeout", "10s", "-s", str(script),
                          base], env={**os.environ, "LOAD_PATHS": str(listing)}, capture_output=True, text=True,
                         check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    requests, micros, p50, p95, p99, worst, errors = (int(v) for v in line.split()[1:])
    return {"requests": requests, "rps": requests / (micros / 1e6), "p50": p50 / 1000, "p95": p95 / 1000,
            "p99": p99 / 1000, "max": worst / 1000, "errors": errors}


def pace(base: str, paths: list[str], clients: int, duration: int, think: float) -> dict[str, float]:
    """`clients` users, each sending a request, reading the answer, waiting about `think` s
    (uniformly 0.5-1.5 times, so that users do not march in step), and so on.

    Latencies (ms) are reported for every request, and apart for a path's first request in the
    run (its counts and statistics are computed, not kept from before).
    """
    import asyncio

    async def run() -> tuple[list[float], list[float], int, float]:
        every: list[float] = []
        first: list[float] = []
        seen: set[str] = set()
        errors = 0
        order = random.Random(11)
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
            began = time.perf_counter()
            stop = began + duration

            retried = 0

            async def user() -> None:
                nonlocal errors
                await asyncio.sleep(order.uniform(0, think))  # users arrive at different moments
                while time.perf_counter() < stop:
                    path = order.choice(paths)
                    fresh = path not in seen
                    seen.add(path)
                    t0 = time.perf_counter()
                    try:
                        status = (await client.get(path)).status_code
                    except httpx.TransportError:  # a kept-alive connection the server just closed
                        nonlocal retried
                        retried += 1
                        status = (await client.get(path)).status_code
                    ms = (time.perf_counter() - t0) * 1000
                    errors += status != 200
                    every.append(ms)
                    if fresh:
                        first.append(ms)
                    await asyncio.sleep(order.uniform(0.5 * think, 1.5 * think))

            await asyncio.gather(*(user() for _ in range(clients)))
            if retried:
                print(f"  ({retried} requests retried on a closed connection)", file=sys.stderr)
            return every, first, errors, time.perf_counter() - began

    every, first, errors, took = asyncio.run(run())

    def pct(xs: list[float], q: float) -> float:
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(q / 100 * len(xs)))] if xs else float("nan")

    return {"requests": len(every), "rps": len(every) / took, "p50": pct(every, 50), "p95": pct(every, 95),
            "p99": pct(every, 99), "max": max(every), "errors": errors, "first_n": len(first),
            "first_p50": pct(first, 50), "first_p99": pct(first, 99)}


def serial(base: str, paths: list[str]) -> dict[str, float]:
    """One client, every path once, in order: each answer computed afresh (nothing kept yet)."""
    ms = []
    with httpx.Client(base_url=base, timeout=120) as client:
        began = time.perf_counter()
        for path in dict.fromkeys(paths):
            t0 = time.perf_counter()
            status = client.get(path).status_code
            ms.append((time.perf_counter() - t0) * 1000)
            if status != 200:
                raise SystemExit(f"{path}: HTTP {status}")
        took = time.perf_counter() - began
    ms.sort()
    return {"requests": len(ms), "rps": len(ms) / took, "p50": ms[len(ms) // 2], "p95": ms[int(0.95 * len(ms))],
            "p99": ms[int(0.99 * len(ms))], "max": ms[-1], "errors": 0}


def check(base: str, paths: list[str]) -> None:
    """Every request of the mix answers 200 (a load test of error pages would flatter)."""
    with httpx.Client(base_url=base, timeout=60) as client:
        for path in paths[:20]:
            r = client.get(path)
            if r.status_code != 200:
                raise SystemExit(f"{path}: HTTP {r.status_code} {r.text[:300]}")


# --- main ---------------------------------------------------------------------------------

@contextmanager
def database(kind: str, keep: str | None, keep_schema: bool) -> Iterator[tuple[str, bool]]:
    """(URL, already generated) for a SQLite file or a PostgreSQL schema; cleans up afterwards."""
    if kind == "sqlite":
        if keep:
            yield f"sqlite:///{Path(keep).resolve()}", Path(keep).exists()
            return
        tmp = Path(tempfile.mkdtemp(prefix="serve-load-"))
        try:
            yield f"sqlite:///{tmp / 'ledger.db'}", False
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return
    import psycopg

    with psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test", autocommit=True) as pg:
        exists = pg.execute("SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", (SCHEMA,)).fetchone()
        if exists and not keep_schema:
            pg.execute(f"DROP SCHEMA {SCHEMA} CASCADE")
            exists = None
        if not exists:
            pg.execute(f"CREATE SCHEMA {SCHEMA}")
        try:
            yield f"{PG_URL}?options=-csearch_path%3D{SCHEMA}", bool(exists)
        finally:
            if not keep_schema:
                pg.execute(f"DROP SCHEMA {SCHEMA} CASCADE")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=int, default=20, help="seconds of load per endpoint")
    parser.add_argument("--workers", type=int, default=1,
                        help="uvicorn worker processes (each keeps its own results: with more than one, "
                             "the cold pass leaves the others cold)")
    parser.add_argument("--keep", help="SQLite: keep the ledger in this file (reused when it exists)")
    parser.add_argument("--keep-schema", action="store_true", help="PostgreSQL: keep (and reuse) the schema")
    parser.add_argument("--endpoints", default="incidents,stats")
    parser.add_argument("--generate-only", action="store_true", help="generate (and time) the ledger, no load")
    parser.add_argument("--think", default="1,0.1",
                        help="paced runs: seconds each client waits between its requests (comma-separated)")
    parser.add_argument("--modes", default="cold,paced,saturated,writes",
                        help="cold: one client, each path once, first (nothing kept yet); paced: httpx clients "
                             "waiting --think between requests; saturated: wrk, no waiting; writes: wrk while "
                             "another process stores a document every --write-every seconds")
    parser.add_argument("--write-every", type=float, default=1.0,
                        help="writes mode: seconds between stored documents (each makes every kept answer stale)")
    parser.add_argument("--src", type=Path, default=ROOT / "src",
                        help="the skyledger source tree to serve (e.g. another checkout, to compare)")
    args = parser.parse_args(argv)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")
    results = []
    for kind in (["sqlite", "postgresql"] if args.db == "both" else [args.db]):
        with database(kind, args.keep, args.keep_schema) as (url, ready), \
                tempfile.TemporaryDirectory() as work:
            if not ready:
                ledger = Ledger.open(url)
                began = time.perf_counter()
                tally = load(ledger, Generator(args.incidents, args.seed))
                took = time.perf_counter() - began
                ledger.close()
                print(f"{kind}: generated {tally} in {took:.0f} s", file=sys.stderr)
            if args.generate_only:
                continue
            mix = workloads(args.seed, regions())
            with server(url, args.workers, args.src) as base:
                for endpoint in args.endpoints.split(","):
                    check(base, mix[endpoint])
                    runs = [(m, float(t)) for m in args.modes.split(",")
                            for t in (args.think.split(",") if m == "paced" else ["0"])]
                    for mode, think in runs:
                        if mode == "cold":
                            r = serial(base, mix[endpoint])
                        elif mode == "saturated":
                            r = drive(base, mix[endpoint], args.clients, args.duration, Path(work))
                        elif mode == "writes":
                            with writing(url, args.write_every, args.seed) as written:
                                r = drive(base, mix[endpoint], args.clients, args.duration, Path(work))
                            r["written"] = written[0]
                        else:
                            r = pace(base, mix[endpoint], args.clients, args.duration, think)
                        mode = (f"paced {think:g} s" if mode == "paced" else
                                f"writes {args.write_every:g} s" if mode == "writes" else mode)
                        results.append((kind, endpoint, mode, r))
                        print(f"{kind:10} {endpoint:9} {mode:12} p50 {r['p50']:7.1f} ms  p95 {r['p95']:7.1f} ms  "
                              f"p99 {r['p99']:7.1f} ms  max {r['max']:7.1f} ms  {r['rps']:7.1f} req/s  "
                              f"({r['requests']} requests, {r['errors']} errors"
                              + (f"; first requests of a path: {r['first_n']}, p50 {r['first_p50']:.1f} ms, "
                                 f"p99 {r['first_p99']:.1f} ms" if "first_n" in r else "")
                              + (f"; {r['written']} documents stored meanwhile" if "written" in r else "") + ")",
                              flush=True)
    print(f"\n{args.clients} clients, {args.workers} worker(s), {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}\n")
    print("| database | endpoint | clients | p50 (ms) | p95 (ms) | p99 (ms) | req/s |\n|---|---|---|---|---|---|---|")
    for kind, endpoint, mode, r in results:
        how = {"cold": "1, each path once, computed afresh", "saturated": f"{args.clients}, no wait (wrk)"}.get(
            mode, f"{args.clients}, no wait (wrk), a new document every {args.write_every:g} s"
            if mode.startswith("writes") else f"{args.clients}, {mode.replace('paced', 'wait')} between requests")
        print(f"| {kind} | {endpoint} | {how} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {r['rps']:.0f} |")


if __name__ == "__main__":
    main()
