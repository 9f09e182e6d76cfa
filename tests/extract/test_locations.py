"""Where an incident is: the place its sentence names, as precisely as the text allows."""

from __future__ import annotations

import pytest

PUBLISHED = "2026-05-03T08:00:00+03:00"


def _where(line, n=0):
    loc = line["incidents"][n]["location"]
    return loc.get("admin1"), loc.get("admin2"), loc.get("place"), loc.get("precision")


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a city named alone is the city, not the region named after it
    ("en", "Air defence destroyed a drone over Bryansk late on Monday.", ("RU-BRY", "Bryansk", 1)),
    # the region word keeps the region
    ("en", "Air defence destroyed a drone over the Bryansk region late on Monday.", ("RU-BRY", None, 3)),
    # the place a weapon hit is where it hit
    ("en", "A Shahed drone struck Kremenchuk on Sunday night, damaging a warehouse.", ("UA-53", "Kremenchuk", 1)),
    # drones flying towards a city were near it
    ("en", "Air defence destroyed three drones flying towards Tula.", ("RU-TUL", "Tula", 2)),
    # a settlement with its region after a comma is that region's settlement
    ("en", "A Shahed drone hit Zolochiv, Lviv Oblast, overnight.", ("UA-46", "Zolochiv", 1)),
    ("en", "A drone was shot down near the city of Tambov on Friday.", ("RU-TAM", "Tambov", 2)),
    # "near the city" with no name: the main city of the region named before
    ("en", "The Lipetsk Region governor said a drone had been shot down near the city.", ("RU-LIP", "Lipetsk", 2)),
    # a renamed town under its new Russian name: Pokrovsk (Donetsk), far larger than its namesake in Yakutia
    ("ru", "В Покровске беспилотник попал в жилой дом.", ("UA-14", "Pokrovsk", 1)),
])
def test_the_place_named_is_located_as_precisely_as_the_text_says(extract_text, lang, text, expected):
    admin1, _, place, precision = _where(extract_text(text, published=PUBLISHED, lang=lang))
    assert (admin1, place, precision) == expected


def test_a_restated_countless_interception_is_one_incident(extract_text):
    line = extract_text("Drones were shot down over the Bryansk region overnight. "
                        "The governor said air defence shot down drones over Bryansk.",
                        published=PUBLISHED, lang="en")
    assert len(line["incidents"]) == 1
    assert _where(line) == ("RU-BRY", None, "Bryansk", 1)


@pytest.mark.parametrize(("text", "admin1", "district"), [
    # a district followed by its region keeps the district
    ("Над Советским районом Курской области сбиты два беспилотника.", "RU-KRS", "Sovetsk"),
    # the document's region decides a district name many regions share
    ("Губернатор Курской области сообщил об атаке. Над Октябрьским районом сбит беспилотник.", "RU-KRS", "Oktyabr"),
])
def test_a_district_gets_its_region_from_the_text(extract_text, text, admin1, district):
    got_admin1, admin2, _, precision = _where(extract_text(text, published=PUBLISHED, lang="ru"))
    assert (got_admin1, precision) == (admin1, 2) and admin2.startswith(district)


def test_a_district_name_many_regions_share_is_not_guessed(extract_text):
    line = extract_text("Над Октябрьским районом сбит беспилотник.", published=PUBLISHED, lang="ru")
    assert line["incidents"] and _where(line)[0] is None


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a region named before its district with a possessive
    ("en", "Air defence downed a drone over the Bryansk Region's Klimovsky District.", ("RU-BRY", "Klimovsky", 2)),
    # a country named as the owner of a region is not the place: the region is
    ("en", "Drones attacked Russia's Kursk region overnight; two people were injured.", ("RU-KRS", None, 3)),
    ("en", "Russian missiles struck Ukraine's Odesa region on Tuesday.", ("UA-51", None, 3)),
    # a raion named after its centre town is the raion, in English and Russian
    ("en", "A drone hit a warehouse in the Kupiansk Raion.", ("UA-63", "Kupianskyi", 2)),
    ("ru", "В Краматорском районе беспилотник попал в склад.", ("UA-14", "Kramatorskyi", 2)),
    ("ru", "Над Шосткинским районом сбит беспилотник.", ("UA-59", "Shostkynskyi", 2)),
    # "на" and the locative: the oblast or krai; "у"/"в": the city
    ("uk", "На Запоріжжі дрон влучив у ферму.", ("UA-23", None, 3)),
    ("uk", "У Запоріжжі дрон влучив у ферму.", ("UA-23", "Zaporizkyi", 1)),
    ("ru", "На Кубани беспилотник упал на территории предприятия.", ("RU-KDA", None, 3)),
])
def test_districts_and_colloquial_regions_are_read_as_units(extract_text, lang, text, expected):
    admin1, admin2, _, precision = _where(extract_text(text, published=PUBLISHED, lang=lang))
    assert (admin1, (admin2 or "")[:len(expected[1] or "")] or None, precision) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # a governor speaks for his region, a mayor for his city
    ("en", "The governor of Kherson said air defence destroyed five drones over his region.", ("UA-65", None, 3)),
    ("en", "Kharkiv mayor Ihor Terekhov said a Shahed drone hit a warehouse.", ("UA-63", "Kharkiv", 1)),
    # "під" with the instrumental is near a town
    ("uk", "Під Полтавою ворожий дрон влучив у склад.", ("UA-53", "Poltava", 2)),
    # an airport is located to its first-level unit, as the disruptions are
    ("en", "A drone hit Vnukovo airport overnight.", ("RU-MOW", None, 3)),
])
def test_claimants_near_and_airports_are_located(extract_text, lang, text, expected):
    admin1, _, place, precision = _where(extract_text(text, published=PUBLISHED, lang=lang))
    assert (admin1, place, precision) == expected


def _geocode(extractor, text, lang):
    from skyledger.model import RawItem
    from skyledger.normalize import normalize
    return extractor.geocode(normalize(RawItem("t", text, PUBLISHED, lang)))


def test_the_geocoder_locates_mentions_where_no_event_is_stated(extractor):
    found = _geocode(extractor, "У Лозовій пошкоджено школу.", "uk")
    assert [(g.text, g.location.admin1, g.location.place, g.location.precision) for g in found] == [
        ("Лозовій", "UA-63", "Lozova", 1)]


def test_a_regional_office_names_the_region_and_decides_a_shared_name(extractor):
    found = _geocode(extractor, "Начальник Донецької ОВА повідомив, що в Миколаївці пошкоджено школу.", "uk")
    office, town = found
    assert (office.location.admin1, office.location.precision) == ("UA-14", 3)
    assert (town.location.admin1, town.location.place) == ("UA-14", "Mykolaivka")
