#!/usr/bin/env python3
"""Score the extractor's locations on the geocoding test set (tests/geocode/mentions.jsonl).

Every row is a short report sentence (sometimes with a headline line or a sentence
before it) that names one place, with the expected admin-1 code, district (admin-2,
where one is named), settlement coordinates (where the place is a settlement or
"near" one) and precision. The real extractor runs on each text; the location of its
first located incident (else disruption) is compared per level:

  admin1     the ISO 3166-2 code; None expected means "unclear, do not guess"
  admin2     the district's name, where the row names one (spelling variants folded)
  settlement the coordinates are within 10 km of the expected place's (GeoNames) point
  precision  the contract's code (1 settlement, 2 district or near, 3 admin-1, 4 country);
             for unclear rows no location or precision 4 is right
  water      the sea, for rows about a water body
  candidate  the gazetteer offers the right place for some name in the text: a place mark whose
             candidates include the expected district, settlement (within 10 km), sea or region
             (the gazetteer's own recall, before the extractor chooses; unclear rows excluded)
  found      the extractor reported a located incident or disruption at all (rows where it did
             not count as wrong at every other level: that is detection, not geocoding)

Usage:
  PYTHONPATH=src python scripts/eval_geocode.py [--langs en,ru,uk] [--failures] [--found-only] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTSET = ROOT / "tests" / "geocode" / "mentions.jsonl"
LEVELS = ("candidate", "found", "admin1", "admin2", "settlement", "precision", "water")
GEOCODER_LEVELS = ("located", "admin1", "admin2", "settlement", "precision", "water")
MAX_KM = 10.0


def load(path: Path = TESTSET) -> list[dict]:
    """The test-set rows."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(math.sqrt(a))


_UNIT = re.compile(r"\b(district|raion|rayon|urban okrug|municipal okrug|okrug|city district)\b")


def district_key(name: str | None) -> str:
    """A district name with its unit word and adjective ending folded ('Sukhinichskiy Rayon' -> 'sukhinichsk')."""
    t = _UNIT.sub("", (name or "").casefold().replace("’", "'").replace("'", "")).strip()
    t = re.sub(r"(skiy|skyi|skyy|sky|skii|ski|skoy)$", "sk", t)
    return re.sub(r"(kiy|kyi|ky|iy|yi|yy|y)$", "", t).replace("-", " ")


@dataclass(frozen=True, slots=True)
class Outcome:
    """The scores of one row: level -> right or wrong (levels that do not apply are absent)."""

    row: dict
    got: dict
    scores: dict[str, bool]


def _location(extraction) -> dict:
    """The first located incident's (else disruption's) location as a dict."""
    for item in (*extraction.incidents, *extraction.disruptions):
        loc = item.location
        if loc.admin1 or loc.water_body or loc.place or loc.admin2 or loc.country:
            return _as_dict(loc)
    return {}


def _as_dict(loc) -> dict:
    return {f: getattr(loc, f) for f in ("country", "admin1", "admin2", "place", "water_body", "lat", "lon",
                                         "precision")}


def _specificity(loc) -> int:
    """0 settlement (or near one), 1 district, 2 first-level unit or sea, 3 country."""
    return 0 if loc.place else 1 if loc.admin2 else 2 if loc.admin1 or loc.water_body else 3


def compared_mention(geocoded: list):
    """The geocoded mention a row is judged on, chosen without looking at what the row expects.

    A row names one place; lines or sentences before it are its context (a headline, the attack before
    the damage, another town). So: the mentions of the last sentence that names a place, and of those
    the most specific location the geocoder resolved (settlement, then district, then first-level unit
    or sea, then country), the first in the text among equals. A region and a district in one sentence
    are judged on the district. None when no mention there resolves (an unclear name)."""
    if not geocoded:
        return None
    last = max(g.sent for g in geocoded)
    resolved = [g for g in geocoded if g.sent == last and g.location is not None]
    return min(resolved, key=lambda g: (_specificity(g.location), g.start)) if resolved else None


def _offered(row: dict, places: list) -> bool:
    """Whether the expected place is among the gazetteer candidates of the text's place marks."""
    for p in places:
        if row.get("water_body"):
            if (p.name or "").casefold() == row["water_body"].casefold():
                return True
        elif row.get("admin2"):
            if p.type == "admin2" and p.admin1 == row["admin1"] and district_key(p.name) == district_key(row["admin2"]):
                return True
        elif row.get("lat") is not None:
            if p.type in ("settlement", "airport") and p.lat is not None \
                    and km(row["lat"], row["lon"], p.lat, p.lon) <= MAX_KM:
                return True
        elif row.get("admin1") and (p.key == row["admin1"] or p.admin1 == row["admin1"]):
            return True
    return False


def candidates(row: dict, extractor) -> list:
    """Every gazetteer place offered for the text's place names (and airports)."""
    ann = extractor.annotator(row["lang"]).annotate(row["text"])
    out = []
    for m in ann.marks:
        if m.cls == "place":
            out.extend(m.value)
        elif m.cls.startswith("airport.name"):
            out.extend(p for p in (extractor.gazetteer.airport(v) for v in m.value) if p is not None)
    return out


def score(row: dict, got: dict, offered: list | None = None) -> dict[str, bool]:
    """Right/wrong per applicable level for one row."""
    s: dict[str, bool] = {}
    if offered is not None and (row.get("admin1") or row.get("water_body")):
        s["candidate"] = _offered(row, offered)
    s |= {"found": bool(got) or row.get("admin1") is None and not row.get("water_body")}
    if row.get("water_body"):
        s["water"] = (got.get("water_body") or "").casefold() == row["water_body"].casefold()
    else:
        s["admin1"] = got.get("admin1") == row["admin1"]
    if row.get("admin2"):
        s["admin2"] = district_key(got.get("admin2")) == district_key(row["admin2"])
    if row.get("lat") is not None:
        s["settlement"] = got.get("lat") is not None and got.get("lon") is not None and \
            km(row["lat"], row["lon"], got["lat"], got["lon"]) <= MAX_KM
    want, have = row.get("precision"), got.get("precision")
    s["precision"] = have in (None, 4) if want in (None, 4) else have == want
    return s


def evaluate(rows: Iterable[dict], extractor=None) -> list[Outcome]:
    """Run the real extractor on every row and score the location of its first located event."""
    ex = extractor or _extractor()
    langs = _languages()
    out = []
    for r in rows:
        got = _location(ex.extract(_document(r)))
        offered = candidates(r, ex) if r["lang"] in langs else []
        out.append(Outcome(r, got, score(r, got, offered)))
    return out


def evaluate_geocoder(rows: Iterable[dict], extractor=None) -> list[Outcome]:
    """Score the geocoder alone: the location it resolves for the row's place mention
    (`compared_mention`), whether or not the extractor finds an event in the text. 'located' says
    the compared mention got a location; unclear rows are right with none."""
    ex = extractor or _extractor()
    out = []
    for r in rows:
        g = compared_mention(ex.geocode(_document(r)))
        got = _as_dict(g.location) if g is not None else {}
        s = score(r, got)
        s = {"located": s.pop("found")} | s
        out.append(Outcome(r, got, s))
    return out


def _extractor():
    from skyledger.pipeline import default_extractor
    return default_extractor()


def _languages() -> set[str]:
    from skyledger.lang import available_languages
    return set(available_languages())


def _document(row: dict):
    from skyledger.model import RawItem
    from skyledger.normalize import normalize
    return normalize(RawItem(row["id"], row["text"], "2025-12-14T09:00:00+03:00", row["lang"]))


def summary(outcomes: Iterable[Outcome]) -> dict[str, dict[str, dict[str, float | int]]]:
    """lang -> level -> {n, right, accuracy}, plus an 'all' language."""
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for o in outcomes:
        for lang in (o.row["lang"], "all"):
            for level, ok in o.scores.items():
                c = counts[lang][level]
                c[0] += 1
                c[1] += ok
    return {lang: {lvl: {"n": n, "right": k, "accuracy": round(k / n, 3)} for lvl, (n, k) in sorted(levels.items())}
            for lang, levels in counts.items()}


def table(summ: dict, levels: tuple[str, ...] = LEVELS) -> str:
    """A Markdown table: one row per language, accuracy (n) per level."""
    lines = ["| lang | " + " | ".join(levels) + " |", "|---|" + "---|" * len(levels)]
    for lang in [x for x in ("en", "ru", "uk", "all") if x in summ]:
        cells = []
        for lvl in levels:
            m = summ[lang].get(lvl)
            cells.append(f"{m['accuracy']:.3f} ({m['n']})" if m else "–")
        lines.append(f"| {lang} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--langs", default="en,ru,uk")
    ap.add_argument("--failures", action="store_true", help="print every row with a wrong level")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--found-only", action="store_true",
                    help="also score only the rows where the extractor found an event (geocoding alone)")
    a = ap.parse_args(argv)
    langs = set(a.langs.split(","))
    rows = [r for r in load() if r["lang"] in langs]
    ex = _extractor()
    outcomes = evaluate(rows, ex)
    geocoded = evaluate_geocoder(rows, ex)
    summ, geo = summary(outcomes), summary(geocoded)
    if a.failures:
        for title, outs in (("through extraction", outcomes), ("geocoder", geocoded)):
            print(f"## failures, {title}")
            for o in outs:
                wrong = [k for k, ok in o.scores.items() if not ok]
                if wrong:
                    exp = {k: o.row.get(k) for k in ("admin1", "admin2", "place", "water_body", "precision")}
                    print(f"{o.row['id']} [{o.row['case']}] wrong {','.join(wrong)}: {o.row['text']!r}\n"
                          f"    expected {exp}\n"
                          f"    got      { {k: v for k, v in o.got.items() if k not in ('lat', 'lon')} }")
    if a.json:
        print(json.dumps({"extraction": summ, "geocoder": geo}, indent=1))
        return 0
    print("through extraction (first located event), all rows:")
    print(table(summ))
    print("\ngeocoder (the row's place mention, event or not), all rows:")
    print(table(geo, GEOCODER_LEVELS))
    if a.found_only:
        found = summary(o for o in outcomes if o.scores["found"] and o.got)
        print("\nthrough extraction, rows where an event was found:")
        print(table(found))
    return 0

if __name__ == "__main__":
    sys.exit(main())
