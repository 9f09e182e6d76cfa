"""Decoding: BOMs, UTF-16, cp1251 versus KOI8-R, binary sniffing."""

from __future__ import annotations

from pathlib import Path

import pytest

from skyledger.ingest import read_sources
from skyledger.ingest.decoding import InputProblem, cyrillic_score, decode_bytes, decode_cyrillic
from skyledger.model import RawItem

RU = "Над Брянской областью ночью сбиты три беспилотника. Пострадавших нет, сообщил губернатор.\n"
RU_SHORT = "Сбит дрон."
UK = "Над Харківською областю збито вісім ударних безпілотників. Загиблих немає.\n"
EN = "Eight attack drones were shot down over the region; nobody was killed.\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RU, "cp1251"),
        (RU, "koi8-r"),
        (RU_SHORT, "cp1251"),
        (RU_SHORT, "koi8-r"),
        (RU.upper(), "cp1251"),
        (RU.upper(), "koi8-r"),
        (UK, "cp1251"),
        (RU, "utf-16"),
        (UK, "utf-16"),
        (EN, "utf-16"),
        (RU, "utf-16-le"),
        (EN, "utf-16-le"),
        (EN, "utf-16-be"),
        (RU, "utf-8-sig"),
        (RU, "utf-8"),
        ("Мешанина: English и русский, «кавычки» — тире, №5.\n", "cp1251"),
    ],
)
def test_ingest_decoding_recovers_the_text(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    (item,) = read_sources([str(path)])
    assert isinstance(item, RawItem)
    assert item.text == text


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"\xef\xbb\xbf", "utf-8")],
)
def test_ingest_decoding_drops_the_bom(bom: bytes, encoding: str) -> None:
    assert decode_bytes(bom + RU.encode(encoding)) == RU


@pytest.mark.parametrize(
    ("text", "right", "wrong"),
    [(RU, "cp1251", "koi8-r"), (RU, "koi8-r", "cp1251"), (RU_SHORT, "koi8-r", "cp1251")],
)
def test_ingest_decoding_prefers_the_plausible_code_page(text: str, right: str, wrong: str) -> None:
    data = text.encode(right)
    assert decode_cyrillic(data) == (text, right)
    misread = cyrillic_score(data.decode(wrong, errors="replace"))
    assert misread is None or misread < (cyrillic_score(text) or 0)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"\xef\xbb\xbf", "empty"),
        (b"\xff\xfe", "empty"),
        (b"\xef\xbb\xbfdrone\x00\x00", "binary"),
        (b"\xff\xfe\x00\xd8", "encoding"),
        (b"\xff\xfe" + b"\x01\x00" * 20, "binary"),
        ("Zerstörte Drohnen über Köln".encode("latin-1"), "encoding"),
        (bytes(range(128, 256)), "encoding"),
    ],
)
def test_ingest_decoding_problems(data: bytes, code: str) -> None:
    with pytest.raises(InputProblem) as caught:
        decode_bytes(data)
    assert caught.value.code == code
