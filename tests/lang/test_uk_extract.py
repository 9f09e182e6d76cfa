"""Ukrainian reports through the whole extractor: figures kept apart, lists, references, casualties.

Every text here is written for the test, in the style of Air Force summaries and regional
heads' posts.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

PUBLISHED = "2026-02-14T08:30:00+02:00"


def _figures(line: dict) -> dict:
    """(admin1, weapon, kind) -> counts of the figures that stand for themselves (totals, singles),
    or the sum of the lines of a breakdown when it has no total."""
    out: dict = {}
    for role in ("item", "single", "total"):
        found = defaultdict(int)
        for i in line["incidents"]:
            if i["role"] == role and i["count"] is not None:
                found[(i["location"]["admin1"], i["weapon"], i["kind"])] += i["count"]
        out.update(found)
    return out


@pytest.fixture(scope="module")
def extract_uk(extract_text):
    return lambda text: extract_text(text, published=PUBLISHED, lang="uk")


def test_uk_extract_air_force_figures_kept_apart(extract_uk):
    line = extract_uk(
        "У ніч на 14 лютого противник атакував Україну 96 ударними БпЛА. Збито/подавлено 70 ворожих "
        "дронів. Ще 19 локаційно втрачено. Зафіксовано влучання 7 ударних БпЛА на 5 локаціях.")
    got = _figures(line)
    assert got[(None, "uav", "launch")] == 96
    assert got[(None, "uav", "interception")] == 70
    assert got[(None, "uav", "crash")] == 19          # lost from radar: not shot down
    assert got[(None, "uav", "impact")] == 7          # 5 is a number of locations
    assert {i["time"]["date"] for i in line["incidents"]} == {"2026-02-14"}


def test_uk_extract_dashed_list_adds_up(extract_uk):
    line = extract_uk(
        "За добу по Харківщині вдарили:\n- три КАБи;\n- 11 БпЛА типу «Герань-2»;\n- 4 БпЛА «Ланцет»;\n- fpv-дрон.")
    got = _figures(line)
    assert got[("UA-63", "glide_bomb", "impact")] == 3
    assert got[("UA-63", "uav", "impact")] == 16


def test_uk_extract_all_of_them_were_destroyed(extract_uk):
    line = extract_uk(
        "Минулої ночі росіяни випустили по Україні 12 дронів-камікадзе. Усі вони були знищені у межах "
        "Миколаївської та Херсонської областей.")
    got = _figures(line)
    assert got[(None, "uav", "interception")] == 12
    regions = {i["location"]["admin1"] for i in line["incidents"] if i["kind"] == "interception"}
    assert {"UA-48", "UA-65"} <= regions


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Дрон влучив у будинок у Конотопі. Поранено двоє людей.", None, 2),
        ("Дрон влучив у будинок у Конотопі. Постраждали 70-річна жінка і її 12-річний онук.", None, 2),
        ("Дрон влучив у будинок у Конотопі. Загинули троє людей, ще п'ятеро поранені.", 3, 5),
        ("Дрон влучив у будинок у Конотопі. Постраждалих немає.", 0, 0),
        ("Дрон влучив у будинок у Конотопі. Загинула 57-річна жінка.", 1, None),
    ],
)
def test_uk_extract_casualties(extract_uk, text, killed, injured):
    line = extract_uk(text)
    found = [i["casualties"] for i in line["incidents"]]
    assert sum(c["killed"] or 0 for c in found) == (killed or 0)
    assert any(c["killed"] == killed for c in found)
    assert any(c["injured"] == injured for c in found)


def test_uk_extract_a_bare_singular_is_one(extract_uk):
    line = extract_uk("Вдень безпілотник влучив у складське приміщення в Охтирці, виникла пожежа.")
    assert _figures(line) == {("UA-59", "uav", "impact"): 1}
    assert line["incidents"][0]["damage"]["reported"] is True


def test_uk_extract_strike_without_a_weapon_word(extract_uk):
    line = extract_uk("Сили оборони уразили нафтобазу у Брянській області. Зафіксовано пожежу.")
    assert [(i["kind"], i["weapon"], i["location"]["admin1"]) for i in line["incidents"]] == \
        [("impact", "unknown", "RU-BRY")]


def test_uk_extract_forecast_is_no_incident(extract_uk):
    line = extract_uk("Ворог може найближчим часом завдати масованого удару ракетами та дронами. "
                      "Статистика говорить про атаки раз на тиждень.")
    assert line["incidents"] == []
