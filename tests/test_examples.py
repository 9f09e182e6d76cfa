"""The bundled example reports (src/skyledger/examples) against their expected facts in
manifest.jsonl: incident or not, regions, per-region counts and closed airports."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from skyledger.lang import available_languages

EXAMPLES = Path(__file__).resolve().parent.parent / "src" / "skyledger" / "examples"
MANIFEST = [json.loads(line) for line in (EXAMPLES / "manifest.jsonl").read_text("utf-8").splitlines()
            if line.strip()]
SAME = {"RU-MOS": "RU-MOW", "RU-LEN": "RU-SPE"}  # equivalences score.py allows
NOT_YET = pytest.mark.xfail(reason="no language data for this language yet (issue 3)", strict=False)
LANGUAGES = set(available_languages())
# Known English gaps, each with its reason; remove an entry when the extractor learns it.
KNOWN_GAPS: dict[tuple[str, str], str] = {}


def region_key(admin1: str | None, water_body: str | None = None) -> str | None:
    """score.py's region key: SEA:<name> for seas, RU-MOS ~ RU-MOW and RU-LEN ~ RU-SPE."""
    if admin1 and admin1.startswith("SEA:"):
        return "SEA:" + admin1[4:].strip().lower()
    if admin1:
        return SAME.get(admin1, admin1)
    if water_body:
        return "SEA:" + water_body.strip().lower()
    return None


def scored(incidents: list[dict]) -> list[dict]:
    """Launch figures (attack size) are not scored, as in score.py."""
    return [i for i in incidents if i["kind"] != "launch"]


def pred_counts(incidents: list[dict]) -> dict:
    """score.py's aggregation: the max total/single figure per key, else the sum of items.

    Unlike score.py (whose gold has no nationwide counts), a nationwide figure is kept under
    the region key None, so the manifest's `admin1: null` counts can be checked too.
    """
    heads, items = defaultdict(list), defaultdict(int)
    for inc in incidents:
        loc = inc["location"]
        key = region_key(loc.get("admin1"), loc.get("water_body"))
        if inc["count"] is None:
            continue
        k = (key, inc["weapon"], inc["kind"])
        if inc["role"] in ("total", "single"):
            heads[k].append(inc["count"])
        elif inc["role"] == "item":
            items[k] += inc["count"]
    out = {k: max(v) for k, v in heads.items()}
    for k, v in items.items():
        out.setdefault(k, v)
    return out


def pred_regions(incidents: list[dict]) -> set[str]:
    return {key for i in incidents if i["role"] != "subset"
            if (key := region_key(i["location"].get("admin1"), i["location"].get("water_body")))}


def closed_airports(line: dict) -> set[str]:
    return {a for d in line["disruptions"] if d["kind"] in ("airport_restriction", "flight_diversion")
            for a in d.get("airports", [])}


def cases(field: str) -> list:
    """One param per example (and per expected item of `field`, when it is a list)."""
    out = []
    for e in MANIFEST:
        values = e["expect"][field]
        if isinstance(values, list):
            out += [pytest.param(e, v, id=f"{e['id']}-{_id(v)}", marks=_marks(e, v)) for v in values]
        else:
            out.append(pytest.param(e, values, id=e["id"], marks=_marks(e, values)))
    return out


def _marks(example: dict, expected: object) -> list:
    """Expectations that need a finding are xfail in a language without data; negative ones must hold."""
    if example["lang"] not in LANGUAGES and expected:
        return [NOT_YET]
    gap = KNOWN_GAPS.get((example["id"], expected if isinstance(expected, str) else None))
    return [pytest.mark.xfail(reason=gap, strict=True)] if gap else []


def _id(v: object) -> str:
    return "-".join(str(x) for x in v.values()) if isinstance(v, dict) else str(v)


@pytest.fixture(scope="module")
def extracted(extract_text):
    """The contract line of every example, keyed by id."""
    return {e["id"]: extract_text((EXAMPLES / e["file"]).read_text("utf-8"), published=e.get("published"),
                                  lang=e.get("lang"), doc_id=e["id"]) for e in MANIFEST}


@pytest.mark.parametrize(("example", "incident_report"), cases("incident_report"))
def test_examples_incident_detected(extracted, example, incident_report):
    assert bool(scored(extracted[example["id"]]["incidents"])) == incident_report


@pytest.mark.parametrize(("example", "region"), cases("regions"))
def test_examples_region_found(extracted, example, region):
    assert region_key(region) in pred_regions(scored(extracted[example["id"]]["incidents"]))


@pytest.mark.parametrize(("example", "count"), cases("counts"))
def test_examples_count_found(extracted, example, count):
    got = pred_counts(scored(extracted[example["id"]]["incidents"]))
    key = (region_key(count["admin1"]), count["weapon"], count["kind"])
    assert got.get(key) == count["count"], got


@pytest.mark.parametrize(("example", "airport"), cases("airports"))
def test_examples_airport_found(extracted, example, airport):
    assert airport in closed_airports(extracted[example["id"]])


@pytest.mark.parametrize(("example", "airports"),
                         [pytest.param(e, e["expect"]["airports"], id=e["id"]) for e in MANIFEST])
def test_examples_no_extra_airports(extracted, example, airports):
    assert closed_airports(extracted[example["id"]]) <= set(airports)
