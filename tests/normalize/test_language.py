"""Language identification: documents of any length, quoted sentences, and the lang override."""

from __future__ import annotations

import pytest

from skyledger.lang import available_languages
from skyledger.model import RawItem
from skyledger.normalize import detect_language, foreign_sentences, normalize


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # short posts without the letters only one language has
        ("Сили ППО збили над областю 6 БпЛА.", "uk"),
        ("Ворожа атака на Одесу", "uk"),
        ("Поранено двох людей.", "uk"),
        ("Загиблих немає.", "uk"),
        ("ПВО сбила 12 дронов.", "ru"),
        ("Обломки упали во дворе.", "ru"),
        ("Атака на Белгород", "ru"),
        ("Пострадавших нет.", "ru"),
        # short posts with telling letters
        ("Збито 12 дронів.", "uk"),
        ("Сбит беспилотник над Курском.", "ru"),
        ("Drones over Kursk", "en"),
        ("", "en"),
        # longer posts
        ("Уночі ворог атакував область ударними безпілотниками. Сили ППО знищили дев'ять дронів, "
         "ще два влучили у складські приміщення. Постраждалих немає, пошкоджено покрівлю.", "uk"),
        ("Этой ночью дежурными средствами ПВО перехвачены и уничтожены восемь беспилотников "
         "над территорией области. Пострадавших нет, выбиты окна в двух частных домах.", "ru"),
        ("Air defences destroyed nine drones over the region overnight, the governor said; "
         "debris damaged a warehouse roof.", "en"),
    ],
)
def test_language_of_documents(text, lang):
    assert detect_language(text) == lang


def test_language_ukrainian_post_quoting_a_russian_sentence():
    text = ("Російський губернатор написав: «Над Белгородской областью сбиты два беспилотника». "
            "Над Харківщиною цієї ночі також збито три дрони, пошкоджено будинки.")
    assert detect_language(text) == "uk"
    found = [(text[a:b], lang) for a, b, lang in foreign_sentences(text, "uk")]
    assert found == [("Над Белгородской областью сбиты два беспилотника", "ru")]


def test_language_english_article_quoting_a_russian_post():
    text = ("The governor wrote on Telegram that the attack had been repelled. "
            "\"Над Курской областью уничтожены пять беспилотников, пострадавших нет.\" "
            "Officials gave no further details.")
    assert detect_language(text) == "en"
    found = [(text[a:b], lang) for a, b, lang in foreign_sentences(text, "en")]
    assert found == [("Над Курской областью уничтожены пять беспилотников, пострадавших нет.", "ru")]


@pytest.mark.parametrize(
    "text",
    [
        "Над Київщиною збито 5 дронів. Білгород і Курськ - напрямки пусків.",
        "Губернатор Вячеслав Гладков повідомив про удар по Бєлгороду.",   # a Russian name is no quote
        "Сбиты два беспилотника над Брянской областью.",
    ],
)
def test_language_one_language_documents_have_no_foreign_sentences(text):
    assert foreign_sentences(text, detect_language(text)) == ()


def test_language_field_overrides_detection():
    text = "Збито 12 дронів над областю."
    assert normalize(RawItem(id="a", text=text)).lang == "uk"
    assert normalize(RawItem(id="b", text=text, lang="ru")).lang == "ru"
    assert normalize(RawItem(id="c", text=text, lang="xx")).lang == "uk"   # not a language: detected


def test_language_quoted_ukrainian_sentence_in_english_article(extract_text):
    text = ("Ukraine's Air Force described a quieter night in the north. In its morning post it wrote: "
            "«Над Сумщиною збито сім ударних БпЛА». No damage was reported.")
    line = extract_text(text, published="2026-03-02")
    assert line["lang"] == "en"
    found = {(i["location"]["admin1"], i["weapon"], i["kind"], i["count"]) for i in line["incidents"]}
    assert ("UA-59", "uav", "interception", 7) in found


@pytest.mark.skipif("ru" not in available_languages(), reason="no Russian language data in this tree")
def test_language_quoted_russian_sentence_in_ukrainian_post(extract_text):
    text = ("Голова ОВА повідомив про атаку на Сумщину. Російське міноборони заявило: "
            "«Над Брянской областью уничтожены семь беспилотников».")
    line = extract_text(text, published="2026-03-02", lang="uk")
    found = {(i["location"]["admin1"], i["kind"], i["count"]) for i in line["incidents"]}
    assert ("RU-BRY", "interception", 7) in found
