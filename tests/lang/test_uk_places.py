"""Ukrainian place names in their inflected forms resolve to their first-level units."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("phrase", "admin1"),
    [
        ("над Харківщиною", "UA-63"),
        ("на Сумщині", "UA-59"),
        ("над Бєлгородщиною", "RU-BEL"),
        ("на Білгородщині", "RU-BEL"),
        ("над Курщиною", "RU-KRS"),
        ("на Калужчині", "RU-KLU"),       # a name the dictionary lacks: the gazetteer's case forms
        ("в Охтирці", "UA-59"),           # a form the dictionary reads as another word (охтирець)
        ("у Сумах", "UA-59"),             # a plural-only town name
        ("на Запоріжчині", "UA-23"),
        ("у Дніпропетровській області", "UA-12"),
        ("над Київщиною", "UA-32"),
        ("у Києві", "UA-30"),
        ("над Одесою", "UA-51"),
        ("у Самарській області рф", "RU-SAM"),
        ("над Кримом", "UA-43"),
    ],
)
def test_uk_places_inflected_region_names(extract_text, phrase, admin1):
    line = extract_text(f"Уночі {phrase} сили ППО збили 4 ворожі безпілотники.", published="2026-01-20", lang="uk")
    assert {i["location"]["admin1"] for i in line["incidents"]} == {admin1}


def test_uk_places_adjectives_listed_before_one_region_word(extract_text):
    text = "Збито 30 ударних БпЛА у Сумській, Полтавській, Черкаській та Кіровоградській областях."
    line = extract_text(text, published="2026-01-20", lang="uk")
    assert {i["location"]["admin1"] for i in line["incidents"]} >= {"UA-59", "UA-53", "UA-71", "UA-35"}


def test_uk_places_launch_areas_are_not_incident_places(extract_text):
    text = ("У ніч на 20 січня противник атакував 60 ударними БпЛА з напрямків Курськ, Орел, "
            "Приморсько-Ахтарськ. Збито 48 дронів на півночі та сході країни.")
    line = extract_text(text, published="2026-01-20", lang="uk")
    places = {i["location"]["admin1"] for i in line["incidents"]}
    assert places <= {None}
    launch = [i for i in line["incidents"] if i["kind"] == "launch"]
    assert launch and "Курськ" in launch[0]["weapon_detail"]
