"""The ledger commands: ingest, incidents, show, stats, export, db upgrade.

Each test runs on SQLite and on PostgreSQL (the `ledger_db` fixture). Most run the click
command in this process (`cli`), which shares the extractor loaded once; the README's
path and the interruption tests run `skyledger` as a real subprocess (`run_cli`).
"""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import cli_command, cli_env

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "skyledger" / "examples"
MOD = ("The Defence Ministry said air defences destroyed 30 drones overnight: 12 over the Bryansk region, "
       "8 over the Kursk region and 10 over the Belgorod region.")
GOV = "The governor of the Bryansk region said 11 drones were shot down over the region last night."


@dataclass(frozen=True)
class Ran:
    """What a command printed and returned, in the shape of a finished subprocess."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli():
    """Run `skyledger *args` in this process (click's runner, the real commands)."""
    from click.testing import CliRunner

    from skyledger.cli import main

    def run(*args: object, input: str | None = None) -> Ran:
        result = CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)
        return Ran(result.exit_code, result.stdout, result.stderr)

    return run


def batch(tmp: Path, records: list[dict], name: str = "batch.jsonl") -> Path:
    path = tmp / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


@pytest.fixture
def two_sources(tmp_path: Path) -> Path:
    return batch(tmp_path, [
        {"id": "mod", "text": MOD, "published": "2026-05-03T09:10:00+03:00", "lang": "en"},
        {"id": "gov", "text": GOV, "published": "2026-05-03T07:30:00+03:00", "lang": "en"},
    ])


def test_cli_ingest_examples_then_again_changes_nothing(run_cli, cli, ledger_db) -> None:
    n = sum(1 for line in (EXAMPLES / "manifest.jsonl").read_text("utf-8").splitlines() if line.strip())
    first = run_cli("ingest", EXAMPLES, "--db", ledger_db)
    assert first.returncode == 0, first.stderr
    assert f"documents: {n} new, 0 already known, 0 failed" in first.stdout
    again = cli("ingest", EXAMPLES, "--db", ledger_db)
    assert f"documents: 0 new, {n} already known, 0 failed" in again.stdout
    assert "ledger incidents: 0 created, 0 updated" in again.stdout
    table = cli("incidents", "--db", ledger_db)
    assert "RU nationwide" in table.stdout and "Bryansk Oblast" in table.stdout


def test_cli_ingest_reports_bad_items_and_goes_on(cli, ledger_db, tmp_path) -> None:
    good = batch(tmp_path, [{"id": "gov", "text": GOV, "published": "2026-05-03T07:30:00+03:00"}])
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x", "text": 5}\nnot json\n{"id": "nul", "text": "12 drones\\u0000 down"}\n'
                      '{"id": "half", "text": "12 drones \\ud800 down"}\n', "utf-8")
    result = cli("ingest", tmp_path / "missing.txt", broken, good, "--db", ledger_db)
    assert result.returncode == 0
    assert "documents: 1 new, 0 already known, 5 failed" in result.stdout
    assert "nul: contains NUL characters" in result.stderr and "half: contains unpaired surrogate" in result.stderr
    assert "missing.txt: no such file" in result.stderr and "broken.jsonl:2: invalid JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_ingest_reads_standard_input(cli, ledger_db) -> None:
    result = cli("ingest", "-", "--db", ledger_db, input=json.dumps(
        {"id": "gov", "text": GOV, "published": "2026-05-03T07:30:00+03:00"}) + "\n")
    assert "documents: 1 new" in result.stdout and "1 created" in result.stdout


def test_cli_incidents_show_figures_side_by_side(cli, ledger_db, two_sources) -> None:
    cli("ingest", two_sources, "--db", ledger_db)
    listed = json.loads(cli("incidents", "--db", ledger_db, "--admin1", "RU-BRY", "--format", "json").stdout)
    [bryansk] = listed
    assert (bryansk["count_low"], bryansk["count_high"], bryansk["n_sources"]) == (11, 12, 2)
    assert bryansk["part_of"] and bryansk["part_of"].startswith("RU-ALL-20260503")
    shown = json.loads(cli("show", bryansk["id"], "--db", ledger_db, "--format", "json").stdout)
    assert sorted(s["count"] for s in shown["sources"]) == [11, 12]
    assert all(line["evidence"] and line["reason"] for s in shown["sources"] for line in s["lines"])
    table = cli("show", bryansk["id"], "--db", ledger_db).stdout
    assert "11–12" in table and "governor" in table
    total = json.loads(cli("show", bryansk["part_of"], "--db", ledger_db, "--format", "json").stdout)
    assert bryansk["id"] in total["parts"]
    missing = cli("show", "nope", "--db", ledger_db)
    assert missing.returncode == 1 and "no ledger incident 'nope'" in missing.stderr


def test_cli_show_prints_brackets_of_sources_as_written(cli, ledger_db, tmp_path) -> None:
    """Text from the sources (ids, evidence) is printed, never read as console markup: a post that
    writes "[/b]" or "[Update]" neither breaks the command nor loses those words."""
    text = "[Update] The governor of the Bryansk region [/b] said 11 drones were shot down over the region last night."
    cli("ingest", batch(tmp_path, [{"id": "post[/red]", "text": text, "published": "2026-05-03T07:30:00+03:00",
                                    "lang": "en"}]), "--db", ledger_db)
    [entry] = json.loads(cli("incidents", "--db", ledger_db, "--format", "json").stdout)
    shown = cli("show", entry["id"], "--db", ledger_db)
    assert shown.returncode == 0, shown.stderr
    assert "post[/red]" in shown.stdout and "[/b]" in shown.stdout


FILTER_CASES = [
    (("--kind", "impact"), 0), (("--since", "2026-05-04"), 0), (("--until", "2026-05-03"), 4),
    (("--claimant", "governor"), 1), (("--text", "shot down"), 1), (("--admin1", "RU-KRS", "--admin1", "RU-BEL"), 2),
    (("--certainty", "claimed", "--weapon", "uav"), 4), (("--weapon", "missile"), 0),
]


def test_cli_incidents_filters(cli, ledger_db, two_sources) -> None:
    cli("ingest", two_sources, "--db", ledger_db)
    for args, expected in FILTER_CASES:
        result = cli("incidents", "--db", ledger_db, "--format", "json", *args)
        assert len(json.loads(result.stdout)) == expected, (args, result.stderr)
    assert cli("incidents", "--db", ledger_db, "--since", "March").returncode == 2


def test_cli_stats_says_no_report_not_zero(cli, ledger_db, two_sources) -> None:
    cli("ingest", two_sources, "--db", ledger_db)
    rows = json.loads(cli("stats", "--db", ledger_db, "--by", "admin1,day", "--admin1", "RU-BRY",
                              "--since", "2026-05-02", "--until", "2026-05-04", "--format", "json").stdout)
    assert [(r["day"], r["report"]) for r in rows] == [("2026-05-02", False), ("2026-05-03", True), ("2026-05-04", False)]
    assert rows[1]["interception"] == {"incidents": 1, "low": 11, "high": 12}
    table = cli("stats", "--db", ledger_db, "--admin1", "RU-BRY", "--since", "2026-05-02", "--until", "2026-05-03")
    assert "no report" in table.stdout and "11–12" in table.stdout
    assert cli("stats", "--db", ledger_db, "--by", "planet").returncode == 2


def exported_evidence(fmt: str, out: Path) -> list[str]:
    """The evidence of every exported incident, read back from the file in its format."""
    if fmt == "parquet":
        import pyarrow.parquet as pq
        return [r["evidence"] for r in pq.read_table(out).to_pylist()]
    if fmt == "geojson":
        features = json.loads(out.read_text("utf-8"))["features"]
        assert any(f["geometry"] and f["geometry"]["type"] == "Point" for f in features)
        return [f["properties"]["evidence"] for f in features]
    if fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
        return [" | ".join(ev["text"] for s in r["sources"] for line in s["lines"] for ev in line["evidence"])
                for r in rows]
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    if fmt == "acled":
        assert list(rows[0])[:17] == ACLED
        assert list(rows[0])[17:] == ["weapon", "count_low", "count_high", "claimant", "certainty", "evidence"]
    return [r["evidence"] for r in rows]


ACLED = ["event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "country",
         "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
         "notes", "fatalities"]


def test_cli_export_every_format_carries_evidence(cli, ledger_db, two_sources, tmp_path) -> None:
    cli("ingest", two_sources, "--db", ledger_db)
    for fmt in ("csv", "jsonl", "geojson", "parquet", "acled"):
        out = tmp_path / f"export.{fmt}"
        result = cli("export", "--db", ledger_db, "--format", fmt, "-o", out, "--since", "2026-05-03")
        assert result.returncode == 0 and "exported 4 incidents" in result.stderr, result.stderr
        evidence = exported_evidence(fmt, out)
        assert len(evidence) == 4 and all(evidence), fmt
        assert any("11 drones were shot down" in e for e in evidence), fmt
    assert cli("export", "--db", ledger_db, "--format", "parquet").returncode == 2
    piped = cli("export", "--db", ledger_db, "--format", "acled", "--admin1", "RU-BRY")
    assert piped.stdout.splitlines()[0].startswith("event_id_cnty,event_date") and len(piped.stdout.splitlines()) == 2


def test_cli_db_upgrade_is_idempotent(cli, ledger_db) -> None:
    first = cli("db", "upgrade", "--db", ledger_db)
    from skyledger.store.engine import head_revision

    head = head_revision()
    assert first.returncode == 0 and f"upgraded from empty to {head}" in first.stdout
    assert f"already at revision {head}" in cli("db", "upgrade", "--db", ledger_db).stdout


def test_cli_unreachable_database_is_a_one_line_error(cli) -> None:
    result = cli("incidents", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert result.returncode == 1 and "cannot open the ledger" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_cli_interrupted_ingest_loses_nothing_reported_and_leaves_no_half_document(ledger_db, tmp_path, sig) -> None:
    from sqlalchemy import func, select

    from skyledger.store import Ledger
    from skyledger.store.tables import documents, extracted_incidents

    records = [{"id": f"d{n}", "text": f"{GOV} Report number {n}.", "published": "2026-05-03T07:30:00+03:00"}
               for n in range(400)]
    path = batch(tmp_path, records)
    proc = subprocess.Popen([*cli_command(), "ingest", str(path), "--db", ledger_db], env=cli_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ledger = Ledger.open(ledger_db)
    try:
        deadline = time.time() + 120
        while ledger.counts()[0] < 20 and time.time() < deadline and proc.poll() is None:
            time.sleep(0.2)
        proc.send_signal(sig)
        out, _ = proc.communicate(timeout=60)
        stored = ledger.counts()[0]
        with ledger.engine.connect() as conn:
            per_doc = conn.execute(select(documents.c.n_incidents, func.count(extracted_incidents.c.id))
                                   .outerjoin(extracted_incidents, extracted_incidents.c.document_id == documents.c.id)
                                   .group_by(documents.c.id, documents.c.n_incidents)).all()
        assert stored >= 20 and all(expected == found for expected, found in per_doc)
        if sig != signal.SIGKILL:  # asked to stop: it ends after a document, prints the summary, exits 130
            assert proc.returncode == 130
            reported = int(out.split("documents: ")[1].split(" new")[0])
            assert reported <= stored
        [entry] = ledger.entries()
        assert entry.n_members == stored  # every stored document is in the ledger
    finally:
        ledger.close()
