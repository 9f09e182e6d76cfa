#!/usr/bin/env python3
"""What place matching costs extraction: the same documents with the full gazetteer, with
first-level units only, and with no place names at all.

The documents are bench/extract_bench.py's ~1 KB pieces of the dev gold texts. Each variant
runs in one process after a warm-up (which also builds its phrase table, so table building
is not timed); the variants are interleaved over several rounds and the best round
counts, since the machine is shared. Target (issue 4): the full gazetteer slows extraction by at most a quarter
compared with no place names.

Usage: PYTHONPATH=src python bench/geocode_bench.py [--docs 600] [--langs en]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _extract_bench():
    spec = importlib.util.spec_from_file_location("extract_bench", HERE / "extract_bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def variants():
    """(label, gazetteer) pairs: full, admin-1 only, no place names (airports kept in all)."""
    from skyledger.geocode.gazetteer import Gazetteer, PlaceType

    full = Gazetteer.load()
    keep = {PlaceType.COUNTRY, PlaceType.ADMIN1, PlaceType.WATER}
    admin1 = Gazetteer([e for e in full._entries if e.place.type in keep], full._airports, full._groups)
    none = Gazetteer([], full._airports, full._groups)
    return [("full gazetteer", full), ("admin-1 only", admin1), ("no place names", none)]


def _run(ex, doc) -> int:
    """Extract one document; 1 if the engine raised (counted, not fatal), else 0."""
    try:
        ex.extract(doc)
    except Exception:  # noqa: BLE001 - timed either way
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=600)
    ap.add_argument("--langs", default="en")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args(argv)
    from skyledger.extract import Extractor
    from skyledger.lang import available_languages
    from skyledger.lang.morphology import normalizers
    from skyledger.model import RawItem
    from skyledger.normalize import normalize

    eb = _extract_bench()
    print("| lang | variant | docs | ms/doc | vs no place names | errors in warm-up |")
    print("|---|---|---|---|---|---|")
    for lang in a.langs.split(","):
        if lang not in available_languages():
            print(f"| {lang} | n/a: no lexicon on this branch | | | | |")
            continue
        docs = [normalize(RawItem(d["id"], d["text"], d["published"], d["lang"])) for d in eb.corpus(lang, a.docs)]
        runs = [(label, Extractor(gaz, normalizers())) for label, gaz in variants()]
        errors = {label: sum(_run(ex, d) for d in docs[:50]) for label, ex in runs}   # warm-up
        best = {label: float("inf") for label, _ in runs}
        for _ in range(a.rounds):   # interleaved, best of rounds: the machine is shared
            for label, ex in runs:
                t0 = time.perf_counter()
                for d in docs:
                    _run(ex, d)
                best[label] = min(best[label], (time.perf_counter() - t0) / len(docs) * 1000)
        base = best["no place names"]
        for label, _ in runs:
            print(f"| {lang} | {label} | {len(docs)} | {best[label]:.2f} | {best[label] / base:.2f}x | "
                  f"{errors[label]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
