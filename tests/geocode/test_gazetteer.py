"""Tests of the gazetteer tables and its query API."""

from __future__ import annotations

import math

import pytest

from skyledger.geocode import Gazetteer, PlaceType, default_gazetteer

RU_CODES = """AD AL ALT AMU ARK AST BA BEL BRY BU CE CHE CHU CU DA IN IRK IVA KAM KB KC KDA KEM KGD KGN KHA KHM KIR
KK KL KLU KO KOS KR KRS KYA LEN LIP MAG ME MO MOS MOW MUR NEN NGR NIZ NVS OMS ORE ORL PER PNZ PRI PSK ROS RYA SA SAK
SAM SAR SE SMO SPE STA SVE TA TAM TOM TUL TVE TY TYU UD ULY VGG VLA VLG VOR YAN YAR YEV ZAB""".split()
UA_CODES = "05 07 09 12 14 18 21 23 26 30 32 35 40 43 46 48 51 53 56 59 61 63 65 68 71 74 77".split()
ALL_CODES = [f"RU-{c}" for c in RU_CODES] + [f"UA-{c}" for c in UA_CODES]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(a))


def test_code_counts() -> None:
    assert len(RU_CODES) == 83 and len(UA_CODES) == 27


def test_no_extra_admin1(gaz: Gazetteer) -> None:
    assert sorted(gaz.admin1_codes("RU") + gaz.admin1_codes("UA")) == sorted(ALL_CODES)


@pytest.mark.parametrize("code", ALL_CODES)
def test_admin1_present_with_names(gaz: Gazetteer, code: str) -> None:
    place = gaz.admin1(code)
    assert place is not None and place.type is PlaceType.ADMIN1
    assert place.country == code[:2] and place.admin1 == code
    assert place.lat is not None and place.lon is not None
    en, ru, uk = (gaz.admin1_name(code, lang) for lang in ("en", "ru", "uk"))
    assert en and en.isascii()
    assert ru and all(not ("a" <= ch.lower() <= "z") for ch in ru)
    assert uk and all(not ("a" <= ch.lower() <= "z") for ch in uk)
    assert not set(ru) & set("іїєґ"), ru


@pytest.mark.parametrize(
    ("code", "lang", "name"),
    [
        ("RU-KLU", "en", "Kaluga Oblast"),
        ("RU-KDA", "en", "Krasnodar Krai"),
        ("RU-TA", "en", "Republic of Tatarstan"),
        ("UA-63", "en", "Kharkiv Oblast"),
        ("UA-30", "en", "Kyiv"),
        ("RU-KLU", "ru", "Калужская область"),
        ("RU-MOW", "ru", "Москва"),
        ("RU-MOS", "ru", "Московская область"),
        ("UA-43", "ru", "Республика Крым"),
        ("RU-BEL", "ru", "Белгородская область"),
        ("RU-KYA", "uk", "Красноярський край"),
        ("UA-32", "uk", "Київська область"),
    ],
)
def test_admin1_standard_names(gaz: Gazetteer, code: str, lang: str, name: str) -> None:
    assert gaz.admin1_name(code, lang) == name


ADMIN1_LOOKUPS = [
    ("Kaluga Region", "en", "RU-KLU"), ("Kaluga region", "en", "RU-KLU"), ("Kaluga", "en", "RU-KLU"),
    ("Kaluga Province", "en", "RU-KLU"), ("Kaluzhskaya oblast", "en", "RU-KLU"),
    ("Belgorod District", "en", "RU-BEL"), ("Krasnodar Territory", "en", "RU-KDA"),
    ("Krasnodar Region", "en", "RU-KDA"), ("Tatarstan", "en", "RU-TA"), ("Tatarstan Republic", "en", "RU-TA"),
    ("Chechnya", "en", "RU-CE"), ("Kharkov", "en", "UA-63"), ("Kharkiv Region", "en", "UA-63"),
    ("Kiev", "en", "UA-30"), ("Kyiv", "en", "UA-30"), ("Kyiv Region", "en", "UA-32"), ("Kyiv Oblast", "en", "UA-32"),
    ("Moscow Region", "en", "RU-MOS"), ("Moscow region", "en", "RU-MOS"), ("Moscow Oblast", "en", "RU-MOS"),
    ("Moscow", "en", "RU-MOW"), ("St Petersburg", "en", "RU-SPE"), ("St. Petersburg", "en", "RU-SPE"),
    ("Saint Petersburg", "en", "RU-SPE"), ("Leningrad Region", "en", "RU-LEN"),
    ("LPR", "en", "UA-09"), ("Luhansk People's Republic", "en", "UA-09"), ("Lugansk", "en", "UA-09"),
    ("DPR", "en", "UA-14"), ("Donetsk People's Republic", "en", "UA-14"),
    ("Zaporizhzhia", "en", "UA-23"), ("Zaporozhye", "en", "UA-23"), ("Kherson", "en", "UA-65"),
    ("Odesa", "en", "UA-51"), ("Odessa", "en", "UA-51"), ("Mykolaiv", "en", "UA-48"), ("Nikolaev", "en", "UA-48"),
    ("Dnipropetrovsk", "en", "UA-12"), ("Dnipro region", "en", "UA-12"),
    ("Crimea", "en", "UA-43"), ("Crimean peninsula", "en", "UA-43"), ("Republic of Crimea", "en", "UA-43"),
    ("Sevastopol", "en", "UA-40"), ("North Ossetia", "en", "RU-SE"), ("Yakutia", "en", "RU-SA"),
    ("Bashkortostan", "en", "RU-BA"), ("Bashkiria", "en", "RU-BA"),
    ("Крым", "ru", "UA-43"), ("Чечня", "ru", "RU-CE"), ("Башкирия", "ru", "RU-BA"), ("Якутия", "ru", "RU-SA"),
    ("Белгородчина", "ru", "RU-BEL"), ("Брянщина", "ru", "RU-BRY"), ("Курщина", "ru", "RU-KRS"),
    ("Смоленщина", "ru", "RU-SMO"), ("Московский регион", "ru", "RU-MOS"), ("Подмосковье", "ru", "RU-MOS"),
    ("Кубань", "ru", "RU-KDA"), ("Ставрополье", "ru", "RU-STA"), ("Приморье", "ru", "RU-PRI"),
    ("Харьковщина", "ru", "UA-63"), ("Сумщина", "ru", "UA-59"), ("калужская область", "ru", "RU-KLU"),
    ("Харківщина", "uk", "UA-63"), ("Сумщина", "uk", "UA-59"), ("Одещина", "uk", "UA-51"),
    ("Дніпропетровщина", "uk", "UA-12"), ("Київщина", "uk", "UA-32"), ("Чернігівщина", "uk", "UA-74"),
    ("Полтавщина", "uk", "UA-53"), ("Миколаївщина", "uk", "UA-48"), ("Херсонщина", "uk", "UA-65"),
    ("Житомирщина", "uk", "UA-18"), ("Вінниччина", "uk", "UA-05"), ("Хмельниччина", "uk", "UA-68"),
    ("Бєлгородщина", "uk", "RU-BEL"), ("Курщина", "uk", "RU-KRS"), ("Брянщина", "uk", "RU-BRY"),
    ("Крим", "uk", "UA-43"), ("Бєлгородська область", "uk", "RU-BEL"),
]


@pytest.mark.parametrize(("name", "lang", "code"), ADMIN1_LOOKUPS)
def test_admin1_lookup(gaz: Gazetteer, name: str, lang: str, code: str) -> None:
    found = gaz.admin1_named(name, lang)
    assert [p.key for p in found] == [code]
    assert name in {n for n, p in gaz.names(lang, {PlaceType.ADMIN1}) if p.key == code} or name.islower()


@pytest.mark.parametrize("name", ["Запоріжжя", "Запорожье"])
def test_zaporizhzhia_names_the_city_and_the_oblast(gaz: Gazetteer, name: str) -> None:
    # like "Zaporizhzhia" in English: the extractor reads the city unless "на Запоріжжі" says the oblast
    assert [p.key for p in gaz.admin1_named(name)] == ["UA-23"]
    assert gaz.settlements_named(name)[0].admin1 == "UA-23"


@pytest.mark.parametrize(
    "word",
    ["region", "Region", "Republic", "Territory", "Oblast", "District", "Central", "North", "South", "East",
     "May", "Sea", "Black", "The", "City", "Gay", "Mir", "Victory", "Peace", "Star", "Autonomous"],
)
def test_no_english_common_words(gaz: Gazetteer, word: str) -> None:
    en_admin1 = {n.casefold() for n, _ in gaz.names("en", {PlaceType.ADMIN1, PlaceType.WATER})}
    assert word.casefold() not in en_admin1
    if word.islower() or word in {"Gay", "Mir", "Victory", "Peace", "Star", "May", "Central"}:
        assert word.casefold() not in {n.casefold() for n, _ in gaz.names("en")}


def test_names_allow_duplicates_across_places(gaz: Gazetteer) -> None:
    belgorod = {p.type for n, p in gaz.names("en") if n == "Belgorod"}
    assert {PlaceType.ADMIN1, PlaceType.SETTLEMENT} <= belgorod


@pytest.mark.parametrize(
    ("name", "key"),
    [("Black Sea", "black_sea"), ("Sea of Azov", "sea_of_azov"), ("Azov Sea", "sea_of_azov"),
     ("the Sea of Azov", "sea_of_azov"), ("Черное море", "black_sea"), ("Чёрное море", "black_sea"),
     ("Азовское море", "sea_of_azov"), ("Чорне море", "black_sea"), ("Азовське море", "sea_of_azov"),
     ("Caspian Sea", "caspian_sea"), ("Baltic Sea", "baltic_sea")],
)
def test_seas(gaz: Gazetteer, name: str, key: str) -> None:
    place = gaz.sea(name)
    assert place is not None and place.key == key and place.type is PlaceType.WATER
    assert gaz.sea(key) == place


@pytest.mark.parametrize(
    ("name", "iata"),
    [("Sheremetyevo", "SVO"), ("Шереметьево", "SVO"), ("Vnukovo", "VKO"), ("Domodedovo", "DME"),
     ("Zhukovsky", "ZIA"), ("Pulkovo", "LED"), ("Grabtsevo", "KLF"), ("Грабцево", "KLF"), ("Strigino", "GOJ"),
     ("Стригино", "GOJ"), ("Begishevo", "NBC"), ("Бегишево", "NBC"), ("Platov", "ROV"), ("Платов", "ROV"),
     ("Gagarin", "GSV"), ("Бориспіль", "KBP"), ("Борисполь", "KBP"), ("Жуляни", "IEV"), ("Жуляны", "IEV"),
     ("Chopin", "WAW"), ("Warsaw Chopin", "WAW"), ("Modlin", "WMI"), ("Warsaw Modlin", "WMI"),
     ("Rzeszow-Jasionka", "RZE"), ("Rzeszów", "RZE"), ("Heathrow", "LHR"), ("Pashkovsky", "KRR")],
)
def test_airport_names(gaz: Gazetteer, name: str, iata: str) -> None:
    assert iata in gaz.airports_named(name)
    lang_pairs = [pair for lang in ("en", "ru", "uk") for pair in gaz.airport_names(lang)]
    assert (name, iata) in lang_pairs


@pytest.mark.parametrize(
    ("iata", "icao", "admin1"),
    [("SVO", "UUEE", "RU-MOS"), ("DME", "UUDD", "RU-MOS"), ("VKO", "UUWW", "RU-MOW"), ("ZIA", "UUBW", "RU-MOS"),
     ("LED", "ULLI", "RU-SPE"), ("KLF", "UUBC", "RU-KLU"), ("GOJ", "UWGG", "RU-NIZ"), ("KZN", "UWKD", "RU-TA"),
     ("KBP", "UKBB", "UA-32"), ("IEV", "UKKK", "UA-30"), ("SIP", "UKFF", "UA-43"), ("KRR", "URKK", "RU-KDA"),
     ("ROV", "URRP", "RU-ROS"), ("BZK", "UUBP", "RU-BRY"), ("ODS", "UKOO", "UA-51"), ("HRK", "UKHH", "UA-63")],
)
def test_airport_records(gaz: Gazetteer, iata: str, icao: str, admin1: str) -> None:
    place = gaz.airport(iata)
    assert place is not None and place.key == iata and place.type is PlaceType.AIRPORT
    assert place.admin1 == admin1


def test_airport_cities(gaz: Gazetteer) -> None:
    assert ("Казань", "KZN") in gaz.airport_cities("ru")
    assert ("Kaluga", "KLF") in gaz.airport_cities("en")


def test_airport_cities_go_by_every_name_of_their_city(gaz: Gazetteer) -> None:
    english = gaz.airport_cities("en")
    assert ("St. Petersburg", "LED") in english and ("Saint Petersburg", "LED") in english
    assert ("Петербург", "LED") in gaz.airport_cities("ru")
    assert ("Saint Petersburg", "PIE") not in english  # a namesake elsewhere keeps its own airports


@pytest.mark.parametrize(
    ("name", "members"),
    [("moscow", {"SVO", "DME", "VKO", "ZIA"}), ("Moscow airports", {"SVO", "DME", "VKO", "ZIA"}),
     ("московские аэропорты", {"SVO", "DME", "VKO", "ZIA"}), ("аеропорти Москви", {"SVO", "DME", "VKO", "ZIA"}),
     ("warsaw", {"WAW", "WMI"}), ("nowhere", set())],
)
def test_airport_groups(gaz: Gazetteer, name: str, members: set[str]) -> None:
    assert set(gaz.airport_group(name)) == members


@pytest.mark.parametrize(
    ("name", "lang", "admin1"),
    [("Sukhinichsky District", "en", "RU-KLU"), ("Sukhinichsky", "en", "RU-KLU"),
     ("Sukhinichskiy Rayon", "en", "RU-KLU"), ("Sukhinichi District", "en", "RU-KLU"),
     ("Сухиничский район", "ru", "RU-KLU"), ("Babyninsky District", "en", "RU-KLU"),
     ("Pogarsky District", "en", "RU-BRY"), ("Starodubsky District", "en", "RU-BRY"),
     ("Seversky District", "en", "RU-KDA"), ("Darnytskyi District", "en", "UA-30"),
     ("Дарницький район", "uk", "UA-30"), ("Nikopol Raion", "en", "UA-12"), ("Nikopolskyi Raion", "en", "UA-12"),
     ("Nikopol District", "en", "UA-12"), ("Нікопольський район", "uk", "UA-12"),
     ("Никопольский район", "ru", "UA-12"), ("Шебекинский район", "ru", "RU-BEL")],
)
def test_districts(gaz: Gazetteer, name: str, lang: str, admin1: str) -> None:
    found = gaz.districts_named(name, lang)
    assert admin1 in {p.admin1 for p in found}
    assert all(p.type is PlaceType.ADMIN2 for p in found)


def test_dzerzhinsky_has_several_regions(gaz: Gazetteer) -> None:
    regions = {p.admin1 for p in gaz.districts_named("Dzerzhinsky District")}
    assert "RU-KLU" in regions and len(regions) >= 2
    assert [p.admin1 for p in gaz.districts_named("Dzerzhinsky District", admin1="RU-KLU")] == ["RU-KLU"]


@pytest.mark.parametrize(
    ("name", "admin1"),
    [("Sukhinichi", "RU-KLU"), ("Сухиничи", "RU-KLU"), ("Shebekino", "RU-BEL"), ("Шебекино", "RU-BEL"),
     ("Novorossiysk", "RU-KDA"), ("Новороссийск", "RU-KDA"), ("Dzhankoy", "UA-43"), ("Джанкой", "UA-43"),
     ("Simferopol", "UA-43"), ("Sudzha", "RU-KRS"), ("Babynino", "RU-KLU"), ("Novozybkov", "RU-BRY"),
     ("Kharkiv", "UA-63"), ("Харків", "UA-63"), ("Харьков", "UA-63"), ("Kiev", "UA-30"), ("Київ", "UA-30"),
     ("Odessa", "UA-51"), ("Moscow", "RU-MOW"), ("Москва", "RU-MOW"), ("Engels", "RU-SAR")],
)
def test_settlements(gaz: Gazetteer, name: str, admin1: str) -> None:
    found = gaz.settlements_named(name)
    assert found and found[0].admin1 == admin1, found[:3]
    assert found[0].type is PlaceType.SETTLEMENT and found[0].key.startswith("gn:")


def test_sukhinichi_coordinates(gaz: Gazetteer) -> None:
    place = gaz.settlements_named("Sukhinichi", "en")[0]
    assert place.lat is not None and place.lon is not None
    assert km(place.lat, place.lon, 54.10, 35.34) < 10
    assert place.population and place.population > 10000


def test_donetsk_is_ambiguous_between_countries(gaz: Gazetteer) -> None:
    regions = {p.admin1 for p in gaz.settlements_named("Donetsk")}
    assert {"UA-14", "RU-ROS"} <= regions


def test_unknown_language_rejected(gaz: Gazetteer) -> None:
    with pytest.raises(ValueError):
        gaz.names("de")


def test_place_lookup_by_key(gaz: Gazetteer) -> None:
    assert gaz.place("RU-KLU") == gaz.admin1("RU-KLU")
    assert gaz.place("SVO") == gaz.airport("SVO")
    assert gaz.country("UA") is not None and gaz.country("UA").name == "Ukraine"


# ---------------------------------------------------------------- districts of settlements, okrugs, old raions


@pytest.mark.parametrize(
    ("name", "admin1", "admin2"),
    [("Sukhinichi", "RU-KLU", "Sukhinichsky District"), ("Shebekino", "RU-BEL", "Shebekinsky District"),
     ("Kharkiv", "UA-63", "Kharkivskyi Raion"), ("Kramatorsk", "UA-14", "Kramatorskyi Raion"),
     ("Shostka", "UA-59", "Shostkynskyi Raion")],
)
def test_settlements_know_their_district(gaz: Gazetteer, name: str, admin1: str, admin2: str) -> None:
    place = gaz.settlements_named(name, "en", admin1)[0]
    assert place.admin2 == admin2


def test_a_large_russian_city_is_not_put_in_the_district_it_heads(gaz: Gazetteer) -> None:
    # Kursk is the centre of Kursky District but an urban okrug of its own
    assert gaz.settlements_named("Kursk", "en", "RU-KRS")[0].admin2 == "Kursk Urban Okrug"


@pytest.mark.parametrize(
    ("name", "lang", "admin1"),
    [("Шебекинский городской округ", "ru", "RU-BEL"), ("Грайворонский округ", "ru", "RU-BEL"),
     ("Shebekinsky Urban Okrug", "en", "RU-BEL"), ("Великописарівський район", "uk", "UA-59"),
     ("Velykopysarivskyi Raion", "en", "UA-59"), ("Краснопільський район", "uk", "UA-59"),
     ("Shostka Raion", "en", "UA-59")],
)
def test_district_unit_words_and_raions_abolished_in_2020(gaz: Gazetteer, name: str, lang: str, admin1: str) -> None:
    found = gaz.districts_named(name, lang)
    assert found and {p.admin1 for p in found} == {admin1}


def test_most_districts_have_coordinates(gaz: Gazetteer) -> None:
    districts = [p for _, p in gaz.names("en", {PlaceType.ADMIN2})]
    located = {p.key for p in districts if p.lat is not None}
    assert len(located) / len({p.key for p in districts}) > 0.6


@pytest.mark.parametrize(
    ("name", "lang", "admin1"),
    [("Tetkino", "en", "RU-KRS"), ("Tyotkino", "en", "RU-KRS"), ("Oryol", "en", "RU-ORL"),
     ("Kirovohrad", "en", "UA-35"), ("Кропивницкий", "ru", "UA-35"), ("Туапсе", "ru", "RU-KDA"),
     ("Новоросійськ", "uk", "RU-KDA")],
)
def test_spellings_fixed_in_the_settlement_table(gaz: Gazetteer, name: str, lang: str, admin1: str) -> None:
    assert admin1 in {p.admin1 for p in gaz.settlements_named(name, lang)}


@pytest.mark.parametrize(
    ("text", "lang", "name", "admin1"),
    [("Климове", "ru", "Klimovo", "RU-BRY"), ("Рыльском районе", "ru", "Rylsky District", "RU-KRS"),
     ("Сумах", "uk", "Sumy", "UA-59"), ("Охтирці", "uk", "Okhtyrka", "UA-59"),
     ("Кривому Розі", "uk", "Kryvyy Rih", "UA-12"), ("Чорному морі", "uk", "Black Sea", None)],
)
def test_inflected_forms_meet_a_name_after_lemmatisation(gaz: Gazetteer, text: str, lang: str, name: str,
                                                         admin1: str | None) -> None:
    """The extractor lemmatises text and names alike; where pymorphy3 reads an oblique form as another
    word ("Климове" as the surname Климов), the gazetteer carries that form so the two still meet."""
    spacy = pytest.importorskip("spacy")
    from skyledger.lang.morphology import lemmatizer

    lemma, tok = lemmatizer(lang), spacy.blank(lang).tokenizer

    def key(phrase: str) -> tuple[str, ...]:
        return tuple(lemma(t.text) for t in tok(phrase) if not t.is_space)

    matches = [p for n, p in gaz.names(lang) if key(n) == key(text)]
    assert any(p.name == name and p.admin1 == admin1 for p in matches), [(p.name, p.admin1) for p in matches]


@pytest.mark.parametrize(
    ("name", "lang", "code"),
    [("Lublin Voivodeship", "en", "PL-06"), ("Люблінське воєводство", "uk", "PL-06"),
     ("Люблинское воеводство", "ru", "PL-06"), ("Capital Region", "en", "DK-84"),
     ("Region Hovedstaden", "en", "DK-84"), ("Гомельська область", "uk", "BY-HO"), ("Bihor County", "en", "RO-BH")],
)
def test_first_level_units_of_other_countries(gaz: Gazetteer, name: str, lang: str, code: str) -> None:
    found = gaz.admin1_named(name, lang)
    assert [p.key for p in found] == [code]
    assert found[0].country == code[:2] and found[0].admin1 == code


@pytest.mark.parametrize("word", ["Washington", "Georgia", "Central", "Northern", "Вашингтон"])
def test_other_countries_units_skip_cities_countries_and_words(gaz: Gazetteer, word: str) -> None:
    assert not [p for p in gaz.lookup(word) if p.type is PlaceType.ADMIN1 and p.country not in ("RU", "UA")]
