"""Golden files: the exact contract line of every bundled example report.

The manifest (tests/test_examples.py) checks the facts an annotator would record; these
files pin everything else the extractor says (evidence spans, time windows, claimants,
damage kinds), so any change in output shows up as a reviewable diff. After an intended
change, rewrite them with `pytest tests/test_golden.py --update-golden` and read the diff.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from skyledger.contract import to_dict
from skyledger.ingest.examples import bundled_examples
from skyledger.normalize import normalize

GOLDEN = Path(__file__).resolve().parent / "golden" / "examples"
EXAMPLES = list(bundled_examples())


def _render(line: dict) -> str:
    return json.dumps(line, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@pytest.mark.parametrize("item", EXAMPLES, ids=[e.id for e in EXAMPLES])
def test_example_output_matches_its_golden_file(item, extractor, update_golden):
    got = _render(to_dict(extractor.extract(normalize(item))))
    path = GOLDEN / f"{item.id}.json"
    if update_golden:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(got, "utf-8")
        return
    assert path.is_file(), f"no golden file for {item.id}: run pytest tests/test_golden.py --update-golden"
    want = path.read_text("utf-8")
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True), "golden", "now"))
        pytest.fail(f"{item.id} output changed (rerun with --update-golden if intended):\n{diff}")


def test_every_golden_file_belongs_to_an_example():
    stale = {p.stem for p in GOLDEN.glob("*.json")} - {e.id for e in EXAMPLES}
    assert not stale, f"golden files without an example: {sorted(stale)}"
