"""Measure how long loading the gazetteer and building its name indexes takes."""

from __future__ import annotations

import time

from skyledger.geocode.gazetteer import Gazetteer


def main() -> None:
    """Print load and first-lookup timings (target: load < 1 s)."""
    t0 = time.perf_counter()
    gaz = Gazetteer.load()
    t1 = time.perf_counter()
    gaz.lookup("Kaluga Region")
    t2 = time.perf_counter()
    gaz.lookup("Калужская область")
    t3 = time.perf_counter()
    print(f"load: {t1 - t0:.3f} s ({len(gaz)} places)")
    print(f"first lookup (all three name indexes): {t2 - t1:.3f} s; next: {(t3 - t2) * 1e6:.0f} us")
    print("OK" if t1 - t0 < 1.0 else "SLOW: load took over 1 s")


if __name__ == "__main__":
    main()
