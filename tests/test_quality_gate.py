"""The quality gate: shared/eval/score.py metrics must stay at or above the floors pinned in
tests/quality_baseline.json (trafilatura's eval_gate habit). Raise floors with
scripts/update_quality_baseline.py; they only go down with --allow-regression."""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
BASELINE = json.loads((REPO_ROOT / "tests" / "quality_baseline.json").read_text("utf-8"))
CASES = [(name, metric) for name, entry in BASELINE["sets"].items() for metric in entry["floors"]]


def _load_gate():
    spec = importlib.util.spec_from_file_location(
        "update_quality_baseline", REPO_ROOT / "scripts" / "update_quality_baseline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GATE = _load_gate()


@lru_cache(maxsize=None)
def _measured(name: str) -> dict:
    return GATE.measure(GATE.SHARED / BASELINE["sets"][name]["gold"])


@pytest.mark.parametrize("name", list(BASELINE["sets"]))
def test_quality_gate_gold_is_pinned(name, shared_dir):
    entry = BASELINE["sets"][name]
    gold = shared_dir / entry["gold"]
    assert gold.is_file(), gold
    assert GATE.sha256(gold) == entry["sha256"], (
        f"{gold} changed since the floors were set; re-run scripts/update_quality_baseline.py "
        "(with --allow-regression if the new gold is harder) and review the diff")


@pytest.mark.parametrize(("name", "metric"), CASES, ids=[f"{n}-{m}" for n, m in CASES])
def test_quality_gate_metric_at_floor(name, metric, shared_dir):
    pytest.importorskip("jsonschema")  # schema_valid is None without it
    measured = _measured(name)
    floor = BASELINE["sets"][name]["floors"][metric]
    got = measured.get(metric)
    assert got is not None and got >= floor - GATE.TOLERANCE, (
        f"{name}: {metric} = {got} is below its floor {floor}")
