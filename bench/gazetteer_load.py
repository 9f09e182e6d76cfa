"""Measure how long loading the gazetteer and building its name indexes takes."""

from __future__ import annotations

import time

from skyledger.geocode.gazetteer import Gazetteer


def main() -> None:
    """Print load and first-lookup timings (target: load < 1 s)."""
    c0, t0 = time.process_time(), time.perf_counter()
    gaz = Gazetteer.load()
    c1, t1 = time.process_time(), time.perf_counter()
    gaz.lookup("Kaluga Region")
    t2 = time.perf_counter()
    gaz.lookup("Калужская область")
    t3 = time.perf_counter()
    print(f"load: {t1 - t0:.3f} s wall, {c1 - c0:.3f} s CPU ({len(gaz)} places; wall > CPU on a busy machine)")
    print(f"first lookup (all three name indexes): {t2 - t1:.3f} s; next: {(t3 - t2) * 1e6:.0f} us")
    print("OK" if t1 - t0 < 1.0 else "SLOW: load took over 1 s")


if __name__ == "__main__":
    main()
