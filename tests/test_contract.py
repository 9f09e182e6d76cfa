"""The output contract: every line validates against extraction.schema.json, evidence
offsets reproduce their text, and a .jsonl batch keeps its order and ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = REPO_ROOT / "src" / "skyledger" / "examples"
SEEDS = REPO_ROOT.parent / "shared" / "seeds"
MANIFEST = [json.loads(line) for line in (EXAMPLES / "manifest.jsonl").read_text("utf-8").splitlines()
            if line.strip()]

HAND_WRITTEN = [
    ("", None, None),
    ("   \n\n  ", None, None),
    ("Air defences destroyed 12 drones over the Bryansk region last night.", "2026-03-14", "en"),
    ("Russian air defence systems intercepted and destroyed 28 Ukrainian UAVs overnight: 9 over the "
     "Bryansk Region, 6 over the Kursk Region, including one flying towards Moscow, and 13 over the "
     "Black Sea.", "2026-03-14T07:40:00+03:00", None),
    ("A missile hit a five-storey building in Zaporizhzhia; two people were killed and eleven "
     "injured, the regional governor said.", None, "en"),
    ("Temporary restrictions were introduced at Vnukovo and Domodedovo airports; several flights "
     "were diverted to Kazan.", "2026-01-18", "en"),
    ("Силы ПВО сбили 12 беспилотников над Брянской областью этой ночью. Пострадавших нет.",
     "2026-03-14", "ru"),
    ("Сили ППО збили 12 безпілотників над Харківщиною вночі. Постраждалих немає.", None, "uk"),
    ("The price of drones fell by 12% this year, analysts say.", None, None),
    ("😀 drones 🚀 shot\u200b down\u00a0over\r\nthe Kursk region\tregion\u2028 — 5 of them.", None, None),
]


def _seed_params() -> list:
    if not SEEDS.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{SEEDS} is not present"))]
    return [pytest.param(p, id=p.name) for p in sorted(SEEDS.glob("*.txt"))]


@pytest.mark.parametrize("path", _seed_params())
def test_contract_seed_lines_validate(path, extract_text, check_line):
    text = path.read_text("utf-8")
    line = extract_text(text, doc_id=path.name)
    check_line(text, line)
    assert line["doc_id"] == path.name
    assert line["error"] is None
    assert line["incidents"], "a seed report gives at least one incident"


@pytest.mark.parametrize("example", MANIFEST, ids=[e["id"] for e in MANIFEST])
def test_contract_example_lines_validate(example, extract_text, check_line):
    text = (EXAMPLES / example["file"]).read_text("utf-8")
    line = extract_text(text, published=example.get("published"), lang=example.get("lang"),
                        doc_id=example["id"])
    check_line(text, line)
    assert line["doc_id"] == example["id"]


@pytest.mark.parametrize(("text", "published", "lang"), HAND_WRITTEN,
                         ids=[f"hand-{n}" for n in range(len(HAND_WRITTEN))])
def test_contract_hand_written_lines_validate(text, published, lang, extract_text, check_line):
    line = extract_text(text, published=published, lang=lang)
    check_line(text, line)
    json.dumps(line, ensure_ascii=False)  # serialisable as a JSONL line


@pytest.fixture(scope="module")
def batch_run(tmp_path_factory, run_cli, shared_dir):
    """Every example and hand-written text as one .jsonl batch, run through the CLI."""
    docs = [{"id": e["id"], "text": (EXAMPLES / e["file"]).read_text("utf-8"),
             "published": e.get("published"), "lang": e.get("lang"), "url": e.get("url")}
            for e in MANIFEST]
    docs += [{"id": f"hand-{n}", "text": t, "published": p, "lang": lang}
             for n, (t, p, lang) in enumerate(HAND_WRITTEN) if t.strip()]
    docs.reverse()  # not sorted by id, so order cannot come out right by accident
    batch = tmp_path_factory.mktemp("contract") / "batch.jsonl"
    batch.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")
    proc = run_cli("extract", batch, "--format", "jsonl")
    return docs, proc


def test_contract_batch_keeps_order_and_ids(batch_run):
    docs, proc = batch_run
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [line["doc_id"] for line in lines] == [d["id"] for d in docs]


def test_contract_batch_lines_validate(batch_run, check_line):
    docs, proc = batch_run
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert len(lines) == len(docs)
    for doc, line in zip(docs, lines, strict=True):
        check_line(doc["text"], line)
        assert line["error"] is None
        assert line["published"] == doc["published"]
