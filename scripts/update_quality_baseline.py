#!/usr/bin/env python3
"""Re-measure the extraction quality gate and ratchet the floors in tests/quality_baseline.json.

Runs `../shared/eval/score.py GOLD --run "<this python> -c 'from skyledger.cli import main; main()'
extract --format jsonl" --json` for every set in the baseline file, then raises each floor to
the measured value. A floor is never lowered unless --allow-regression is given. The sha256 of
each gold file is re-pinned.

Usage:
  python scripts/update_quality_baseline.py              raise floors to the measured values
  python scripts/update_quality_baseline.py --check      only print measured vs floor
  python scripts/update_quality_baseline.py --allow-regression   also lower floors
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SRC = REPO_ROOT / "src"
SHARED = REPO_ROOT.parent / "shared"
BASELINE = REPO_ROOT / "tests" / "quality_baseline.json"
SCORE = SHARED / "eval" / "score.py"
TOLERANCE = 1e-9


def extract_command() -> str:
    """The `--run` command for score.py: `skyledger extract --format jsonl` from this checkout."""
    if (SRC / "skyledger" / "__main__.py").exists():
        argv = [sys.executable, "-m", "skyledger"]
    else:
        argv = [sys.executable, "-c", "from skyledger.cli import main; main()"]
    return shlex.join([*argv, "extract", "--format", "jsonl"])


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_baseline(path: Path = BASELINE) -> dict[str, Any]:
    return json.loads(path.read_text("utf-8"))


def measure(gold: Path) -> dict[str, Any]:
    """Score this checkout's extractor on one gold file; returns score.py's JSON summary."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH", "")) if p)
    proc = subprocess.run(
        [sys.executable, str(SCORE), str(gold), "--run", extract_command(), "--json"],
        capture_output=True, text=True, env=env, cwd=REPO_ROOT, timeout=900,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"score.py failed on {gold} (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def below(measured: dict[str, Any], floors: dict[str, float]) -> dict[str, tuple[Any, float]]:
    """Metrics whose measured value is missing or below its floor."""
    return {m: (measured.get(m), f) for m, f in floors.items()
            if measured.get(m) is None or measured[m] < f - TOLERANCE}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", type=Path, default=BASELINE)
    ap.add_argument("--check", action="store_true", help="print measured values, change nothing")
    ap.add_argument("--allow-regression", action="store_true", help="also lower floors to the measured values")
    a = ap.parse_args(argv)
    if not SCORE.is_file():
        print(f"{SCORE} is missing", file=sys.stderr)
        return 2
    baseline = load_baseline(a.baseline)
    regressed = False
    for name, entry in baseline["sets"].items():
        gold = SHARED / entry["gold"]
        measured = measure(gold)
        floors = entry["floors"]
        print(f"{name} ({entry['gold']}, {measured.get('docs')} docs)")
        for metric, floor in floors.items():
            got = measured.get(metric)
            new = floor
            if got is not None:
                measured_floor = math.floor(got * 10_000) / 10_000  # never above the measurement
                new = measured_floor if a.allow_regression else max(floor, measured_floor)
            if got is None or got < floor - TOLERANCE:
                regressed = True
            mark = "" if new == floor else f"  floor {floor} -> {new}"
            print(f"  {metric:14} {got if got is None else round(got, 4):<8} floor {floor}{mark}")
            floors[metric] = new
        entry["sha256"] = sha256(gold)
    if a.check:
        return 1 if regressed else 0
    a.baseline.write_text(json.dumps(baseline, indent=2) + "\n", "utf-8")
    print(f"wrote {a.baseline}")
    if regressed and not a.allow_regression:
        print("some metrics are below their floors; floors were kept (use --allow-regression to lower)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
