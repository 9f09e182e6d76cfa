"""Damage sentences: an impact where a weapon did the damage, none where nothing says an attack."""

from __future__ import annotations

import pytest

PUBLISHED = "2026-05-03T08:00:00+03:00"


def _impacts(line):
    return [(i["weapon"], i["location"].get("admin1"), i["location"].get("place") or i["location"].get("admin2"))
            for i in line["incidents"] if i["kind"] == "impact"]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("ru", "В Рыльске дрон повредил крышу склада.", ("uav", "RU-KRS", "Ryl’sk")),
    ("ru", "Ночью в Новозыбкове беспилотник ВСУ повредил автомобиль.", ("uav", "RU-BRY", "Novozybkov")),
    ("uk", "У Ромнах дрон пошкодив адміністративну будівлю.", ("uav", "UA-59", "Romny")),
    ("uk", "Ракета зруйнувала склад у Фастові.", ("missile", "UA-32", "Fastiv")),
    ("en", "A Ukrainian drone damaged a fuel tank in Novoshakhtinsk.", ("uav", "RU-ROS", "Novoshakhtinsk")),
])
def test_a_weapon_that_damaged_something_is_an_impact(extract_text, lang, text, expected):
    assert _impacts(extract_text(text, published=PUBLISHED, lang=lang)) == [expected]


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Сильный ветер повредил линии электропередачи в Курске."),
    ("ru", "Повреждённые дома в Белгороде восстанавливают коммунальщики."),
    ("uk", "Негода пошкодила дахи кількох будинків у Сумах."),
    ("uk", "Пошкоджений дрон знайшли у полі біля Сум."),
    ("en", "A damaged drone was found in a field near Kursk."),
    ("en", "The storm damaged power lines in Belgorod."),
])
def test_damage_with_no_weapon_as_its_cause_is_no_incident(extract_text, lang, text):
    assert extract_text(text, published=PUBLISHED, lang=lang)["incidents"] == []


def test_a_downed_weapon_that_damaged_something_stays_an_interception(extract_text):
    line = extract_text("Збитий дрон пошкодив будинок у Сумах.", published=PUBLISHED, lang="uk")
    assert [i["kind"] for i in line["incidents"]] == ["interception"]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    # the attack's sentence names the region, the damage sentence the town
    ("uk", "Вночі ворожі дрони атакували Чернігівщину. У Ніжині пошкоджено будинок культури.",
     [("uav", "UA-74", "Nizhyn")]),
    ("ru", "Ночью ВСУ атаковали Курскую область беспилотниками. В Рыльске повреждены два частных дома.",
     [("uav", "RU-KRS", "Ryl’sk")]),
    # an attack with several weapons: the damage's weapon is not known
    ("en", "Russia attacked Ukraine overnight with 90 drones and five missiles. "
           "In the Poltava region an administrative building was damaged.", [("unknown", "UA-53", None)]),
    # the sentence itself names the attack
    ("uk", "Над областю збито 12 дронів. Внаслідок атаки у Кременчуці пошкоджено склад.",
     [("uav", "UA-53", "Kremenchuk")]),
])
def test_in_an_attack_report_a_damaged_place_is_an_impact_there(extract_text, lang, text, expected):
    assert [x for x in _impacts(extract_text(text, published=PUBLISHED, lang=lang)) if x[1]] == expected


@pytest.mark.parametrize(("lang", "text"), [
    # no attack anywhere: a storm's damage, a report of repairs
    ("uk", "У Ніжині пошкоджено будинок культури. Ремонт триватиме місяць."),
    ("ru", "В Курске после урагана повреждены крыши домов."),
    # an interception report: the damage may be the debris', it is no impact
    ("ru", "Над Курской областью сбиты пять беспилотников. В Рыльске повреждены два частных дома."),
])
def test_damage_outside_an_attack_report_is_no_impact(extract_text, lang, text):
    assert _impacts(extract_text(text, published=PUBLISHED, lang=lang)) == []
