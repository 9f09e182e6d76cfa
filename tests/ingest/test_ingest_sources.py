"""Source formats: Telegram exports and channel previews, RSS/Atom feeds, article pages.

The fixtures in tests/fixtures/sources/ were written for these tests (texts in the style of
official posts, invented channels and feeds). Each format is read by content, not by name.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skyledger.ingest import read_sources
from skyledger.model import RawItem, ReadError

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"


def read(path: Path | str, **kwargs: object) -> list[RawItem | ReadError]:
    return list(read_sources([str(path)], **kwargs))  # type: ignore[arg-type]


def items_of(results: list[RawItem | ReadError]) -> dict[str | None, RawItem]:
    return {r.post_id: r for r in results if isinstance(r, RawItem)}


def errors_of(results: list[RawItem | ReadError]) -> list[ReadError]:
    return [r for r in results if isinstance(r, ReadError)]


@pytest.fixture
def renamed(tmp_path: Path):
    """Copy a fixture under a name that hides its format (sniffing must not need the name)."""

    def copy(name: str, new_name: str = "download.bin") -> Path:
        target = tmp_path / new_name
        shutil.copy(FIXTURES / name, target)
        return target

    return copy


def test_telegram_export_one_item_per_text_message(renamed) -> None:
    path = renamed("tg_export_ru.json", "saved.txt")
    results = read(path)
    got = items_of(results)
    # service messages (1, 8) and the photo without caption (6) are skipped
    assert sorted(got, key=int) == ["2", "3", "4", "5"]
    first = got["2"]
    assert first.source == "Оперштаб Брянской области (тест)"
    assert first.id == f"{path}#2"
    assert first.text.startswith("В ночь на 14 декабря")
    # the instant comes from date_unixtime; the exporter's offset keeps the local date
    assert first.published == "2025-12-14T07:58:21+03:00"
    assert first.url is None  # the export does not name the channel's username


def test_telegram_export_entities_edits_forwards_captions() -> None:
    got = items_of(read(FIXTURES / "tg_export_ru.json"))
    edited = got["3"]
    assert edited.text == ("Уточнение. Обломками беспилотника в Клинцах повреждена кровля частного "
                           "дома. Жители не пострадали. #Брянскаяобласть")
    assert edited.edited == "2025-12-14T09:41:00+03:00"
    assert edited.author == "Дежурный редактор"
    assert got["4"].forwarded_from == "Министерство обороны (тест)"
    assert got["5"].text.startswith("На фото: последствия")  # the caption of a photo
    assert got["2"].edited is None and got["2"].forwarded_from is None


def test_telegram_export_bad_message_is_one_error_and_the_rest_goes_on() -> None:
    path = FIXTURES / "tg_export_ru.json"
    results = read(path)
    (error,) = errors_of(results)
    assert error.code == "bad_record"
    assert error.id == f"{path}#7"
    assert error.message.startswith(f"{path}: message 7: ")
    assert "text" in error.message
    assert [r.post_id for r in results if isinstance(r, RawItem)][-1] == "5"


def test_telegram_full_export_with_username_gives_post_urls() -> None:
    got = items_of(read(FIXTURES / "tg_export_en_full.json"))
    post = got["310"]
    assert post.url == post.id == "https://t.me/coastalwatch_test/310"
    assert post.text.endswith("the regional headquarters said. Details")
    assert post.published == "2025-12-14T06:45:00+00:00"
    group = got["12"]
    assert (group.source, group.author) == ("Duty desk", "Olena Tester")
    assert group.id.endswith("#1900000003/12")
    assert "311" not in got  # a poll without text


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ('{"name": "Broken", "type": "public_channel", "messages": [{"id": 1,', "bad_json"),
        ('{"name": "No text", "messages": [{"id": 1, "type": "service", "text": ""}]}', "empty"),
        ('{"name": "Not an export", "messages": 5}', "bad_export"),
    ],
)
def test_telegram_export_unreadable_as_a_whole(tmp_path: Path, content: str, code: str) -> None:
    path = tmp_path / "result.json"
    path.write_text(content, "utf-8")
    (error,) = read(path)
    assert isinstance(error, ReadError)
    assert (error.id, error.code) == (str(path), code)
    assert error.message.startswith(f"{path}: ")


def test_telegram_preview_posts(renamed) -> None:
    path = renamed("tg_preview_uk.html", "channel.html")
    results = read(path)
    got = items_of(results)
    assert sorted(got) == ["1201", "1202", "1203", "1205"]  # service post and sticker skipped
    first = got["1201"]
    assert first.id == first.url == "https://t.me/skyfixture_uk/1201"
    assert first.source == "Повітряне командування (тест)"
    assert first.published == "2025-12-14T06:40:12+00:00"
    assert first.text == ("Вночі 14 грудня сили ППО знешкодили 12 ударних БпЛА над Харківською "
                          "областю.\n\nЩе 3 дрони локально подавлені засобами РЕБ. 🇺🇦")
    assert got["1202"].forwarded_from == "Обласна адміністрація (тест)"
    assert got["1203"].text.startswith("Фото: уламки")
    assert "QUOTED_REPLY_TEXT" not in got["1205"].text  # the quoted post is not the reply's text
    (error,) = errors_of(results)
    assert error.code == "bad_record" and error.message.startswith(f"{path}: post item7: ")


def test_rss_feed_entries(renamed) -> None:
    path = renamed("feed_en.rss", "feed")
    got = items_of(read(path))
    assert sorted(got) == ["fw-2025-1214-001", "fw-2025-1214-002"]  # the empty entry is skipped
    first = got["fw-2025-1214-001"]
    assert first.source == "Frontier Wire (test feed)"
    assert first.url == first.id == "https://news.example/2025/12/14/drones-belgorod"
    assert first.published == "2025-12-14T07:15:00+03:00"  # the feed's own offset is kept
    assert first.author == "Staff reporter"
    assert first.title == "Drones downed over Belgorod region overnight"
    assert first.text == ("Drones downed over Belgorod region overnight\n\nAir defences destroyed "
                          "eleven drones over the Belgorod region overnight, the regional governor "
                          "said on Sunday.\n\nNo one was hurt.")
    second = got["fw-2025-1214-002"]
    assert "diverted to Samara" in second.text  # full content preferred to the teaser
    assert "Short teaser" not in second.text and "SCRIPT_LEAK" not in second.text
    assert second.lang == "en"


def test_atom_feed_entries_and_updates() -> None:
    got = items_of(read(FIXTURES / "feed_ru.atom"))
    first = got["urn:skyledger-test:ru:501"]
    assert first.source == "Вестник ПВО (тестовая лента)"
    assert first.published == "2025-12-14T08:05:00+03:00"
    assert first.edited == "2025-12-14T10:20:00+03:00"
    assert first.author == "Редакция"
    assert first.lang == "ru"
    assert "<p>" not in first.text and first.text.endswith("Пострадавших нет.")
    assert got["urn:skyledger-test:ru:502"].edited is None  # updated == published


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</title><item><title>a</ti",
         "bad_feed"),
        (b"<rss><<<>>>&&&", "bad_feed"),
        (b"<rss version='2.0'><channel><title>Quiet</title></channel></rss>", "empty"),
    ],
)
def test_broken_or_empty_feed_is_a_clear_error(tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(content)
    (error,) = read(path)
    assert isinstance(error, ReadError)
    assert (error.id, error.code) == (str(path), code)
    assert error.message.startswith(f"{path}: ")


def test_feed_with_one_broken_entry_keeps_the_others(tmp_path: Path) -> None:
    text = (FIXTURES / "feed_en.rss").read_text("utf-8")
    broken = text.replace("</channel>", "<item><title>Cut off</title><description>&bogus;")
    path = tmp_path / "cut.rss"
    path.write_text(broken, "utf-8")
    assert {"fw-2025-1214-001", "fw-2025-1214-002"} <= set(items_of(read(path)))


def test_article_page_date_title_author_site() -> None:
    (item,) = read(FIXTURES / "article_en.html")
    assert isinstance(item, RawItem)
    assert item.title == "Missile debris falls near Odesa port"
    assert item.published == "2025-12-14T11:20:00+02:00"
    assert item.source == "Harbour Herald (test)"
    assert item.author == "Jane Testwriter"
    assert item.url == "https://harbour-herald.example/news/odesa-debris"
    assert "Debris damaged a warehouse" in item.text
    assert "NAV_LEAK" not in item.text and "Most read" not in item.text


def test_document_size_limit_per_document(tmp_path: Path) -> None:
    export = json.loads((FIXTURES / "tg_export_ru.json").read_text("utf-8"))
    export["messages"][2]["text"] = "Беспилотник. " * 2000
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export, ensure_ascii=False), "utf-8")
    results = read(path, max_doc_chars=10_000)
    too_large = [e for e in errors_of(results) if e.code == "too_large"]
    assert [e.id for e in too_large] == [f"{path}#3"]
    assert "26000 characters > 10000" in too_large[0].message
    assert sorted(items_of(results), key=int) == ["2", "4", "5"]


@pytest.fixture(scope="module")
def extracted(run_cli) -> dict[str, dict]:
    """`skyledger extract` over every fixture, lines by doc_id."""
    paths = sorted(FIXTURES.iterdir())
    proc = run_cli("extract", "--format", "jsonl", *paths)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return {line["doc_id"]: line for line in map(json.loads, proc.stdout.splitlines())}


@pytest.mark.parametrize(
    ("doc_id", "name", "post_id", "published", "lang"),
    [
        ("https://t.me/coastalwatch_test/310", "Coastal Watch (test)", "310",
         "2025-12-14T06:45:00+00:00", "en"),
        (f"{FIXTURES}/tg_export_ru.json#4", "Оперштаб Брянской области (тест)", "4",
         "2025-12-14T10:02:47+03:00", "ru"),
        ("https://t.me/skyfixture_uk/1202", "Повітряне командування (тест)", "1202",
         "2025-12-14T07:05:00+00:00", "uk"),
        ("https://news.example/2025/12/14/drones-belgorod", "Frontier Wire (test feed)",
         "fw-2025-1214-001", "2025-12-14T07:15:00+03:00", "en"),
        ("https://vestnik.example/news/501", "Вестник ПВО (тестовая лента)",
         "urn:skyledger-test:ru:501", "2025-12-14T08:05:00+03:00", "ru"),
        (f"{FIXTURES}/article_en.html", "Harbour Herald (test)", None,
         "2025-12-14T11:20:00+02:00", "en"),
    ],
)
def test_extract_lines_keep_provenance(
    extracted: dict[str, dict], doc_id: str, name: str, post_id: str | None, published: str, lang: str
) -> None:
    line = extracted[doc_id]
    assert line["error"] is None
    assert (line["source"]["name"], line["source"]["post_id"]) == (name, post_id)
    assert (line["published"], line["lang"]) == (published, lang)


@pytest.mark.parametrize(
    ("doc_id", "admin1", "count", "date"),
    [
        ("https://t.me/coastalwatch_test/310", "RU-KDA", 14, "2025-12-14"),
        ("https://news.example/2025/12/14/drones-belgorod", "RU-BEL", 11, "2025-12-14"),
        (f"{FIXTURES}/article_en.html", "UA-51", 2, "2025-12-14"),
    ],
)
def test_extract_finds_the_incident_of_each_source(
    extracted: dict[str, dict], doc_id: str, admin1: str, count: int, date: str
) -> None:
    found = {(i["location"]["admin1"], i["count"], i["time"]["date"]) for i in extracted[doc_id]["incidents"]}
    assert (admin1, count, date) in found


def test_extract_reports_bad_items_and_goes_on(extracted: dict[str, dict]) -> None:
    errors = {doc_id: line["error"] for doc_id, line in extracted.items() if line["error"]}
    assert set(errors) == {f"{FIXTURES}/tg_export_ru.json#7", f"{FIXTURES}/tg_preview_uk.html#item7"}
    assert len(extracted) == 17
    airports = [d["airports"] for d in extracted["https://news.example/2025/12/14/kazan-airport"]["disruptions"]]
    assert ["KZN"] in airports


def test_extract_lines_follow_the_schema(extracted: dict[str, dict], schema_validator) -> None:
    for line in extracted.values():
        assert [e.message for e in schema_validator.iter_errors(line)] == []


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
MESSAGE_FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "id": st.integers(-5, 10**6) | JSON_VALUES,
        "type": st.sampled_from(["message", "service"]) | JSON_VALUES,
        "text": st.text(max_size=60) | st.lists(st.text(max_size=20) | st.fixed_dictionaries(
            {"type": st.just("bold"), "text": st.text(max_size=20) | JSON_VALUES}), max_size=4) | JSON_VALUES,
        "date": st.just("2025-12-14T07:58:21") | JSON_VALUES,
        "date_unixtime": st.just("1765688301") | st.integers(-(2**64), 2**64) | JSON_VALUES,
        "edited_unixtime": JSON_VALUES,
        "forwarded_from": JSON_VALUES,
        "from": JSON_VALUES,
        "author": JSON_VALUES,
    },
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(messages=st.lists(MESSAGE_FIELDS | JSON_VALUES, max_size=6), username=JSON_VALUES)
def test_telegram_export_never_fails_as_a_whole(tmp_path: Path, messages: list, username: object) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "Fuzz", "type": "public_channel", "username": username,
                                "messages": messages}), "utf-8")
    results = read(path)
    assert results
    for result in results:
        if isinstance(result, ReadError):
            assert result.code in {"bad_record", "empty"}, result.message
            assert result.message.startswith(f"{path}: ")
        else:
            assert result.text.strip() and result.post_id is not None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(st.tuples(st.text(max_size=40), st.text(max_size=80), st.text(max_size=40)), max_size=4))
def test_feed_with_hostile_entries_never_fails_as_a_whole(tmp_path: Path, entries: list) -> None:
    def esc(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;")

    items = "".join(f"<item><title>{esc(t)}</title><description>{esc(d)}</description>"
                    f"<pubDate>{esc(p)}</pubDate><guid>g{n}</guid></item>" for n, (t, d, p) in enumerate(entries))
    path = tmp_path / "feed.rss"
    path.write_bytes(f"<rss version='2.0'><channel><title>Fuzz</title>{items}</channel></rss>".encode(
        "utf-8", "surrogatepass"))
    for result in read(path):
        if isinstance(result, ReadError):
            assert result.code in {"bad_record", "empty", "bad_feed", "encoding", "binary"}, result.message
        else:
            assert result.text.strip()


def test_feed_in_a_declared_latin_encoding(tmp_path: Path) -> None:
    feed = ("<?xml version='1.0' encoding='windows-1252'?><rss version='2.0'><channel><title>Café wire</title>"
            "<item><title>Drones over Saint-Étienne</title><guid>e1</guid>"
            "<description>Two drones were seen near Saint-Étienne.</description></item></channel></rss>")
    path = tmp_path / "latin.rss"
    path.write_bytes(feed.encode("cp1252"))
    (item,) = read(path)
    assert isinstance(item, RawItem)
    assert item.source == "Café wire" and item.title == "Drones over Saint-Étienne"


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
def test_feed_in_an_undeclared_cyrillic_code_page(tmp_path: Path, codec: str) -> None:
    feed = ("<rss version='2.0'><channel><title>Лента новостей области</title>"
            "<item><title>Беспилотники над областью</title><guid>n1</guid>"
            "<description>Ночью над территорией Курской области сбиты два беспилотника, сообщил губернатор."
            "</description></item></channel></rss>")
    path = tmp_path / "lenta.rss"
    path.write_bytes(feed.encode(codec))
    (item,) = read(path)
    assert isinstance(item, RawItem)
    assert item.source == "Лента новостей области" and "Курской области" in item.text
