"""Turning raw bytes into text: binary sniffing, BOMs, UTF-16, and the Cyrillic code pages."""

from __future__ import annotations

import logging
import math
import re

logger = logging.getLogger(__name__)

MAGIC_NUMBERS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 (old MS Office) document"),
)

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

CYRILLIC_CODEPAGES: tuple[str, ...] = ("cp1251", "koi8-r")
# Letter frequencies (per cent) of Russian prose, plus the Ukrainian-only letters.
LETTER_FREQ = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47,
    "р": 4.73, "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81,
    "у": 2.62, "я": 2.01, "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59,
    "ч": 1.44, "й": 1.21, "х": 0.97, "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48,
    "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04, "ё": 0.04,
    "і": 5.5, "ї": 0.6, "є": 0.4, "ґ": 0.02,
}  # fmt: skip
LETTER_LOGFREQ = {letter: math.log(freq / 100) for letter, freq in LETTER_FREQ.items()}
MIN_LETTER_FIT = -3.6
RU_UK_LETTERS = frozenset([chr(c) for c in range(0x410, 0x450)] + list("ЁёЄєІіЇїҐґ"))
_WORD = re.compile(r"[^\W\d_]+")
_ODD_WORD = re.compile(r"[a-zа-яёєіїґ][A-ZА-ЯЁЄІЇҐ]")
SNIFF_BYTES = 65_536
ALLOWED_CONTROLS = frozenset(b"\t\n\r\x0c\x1b")
_BAD_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


class InputProblem(Exception):
    """An input that cannot become a document; `code` is the contract's error code."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def magic_kind(data: bytes) -> str | None:
    """Name the binary format whose magic number starts `data`, if any."""
    for magic, kind in MAGIC_NUMBERS:
        if data.startswith(magic):
            if magic == b"BZh" and not data[3:4].isdigit():
                continue
            if magic == b"MZ" and b"PE\x00\x00" not in data[:1024]:
                continue
            return kind
    return None


def bom_encoding(data: bytes) -> str | None:
    """Return the encoding a byte-order mark announces, if `data` starts with one."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    return None


def utf16_guess(data: bytes) -> str | None:
    """Guess UTF-16 LE/BE without a BOM from the high bytes of each pair, or None.

    Text in Latin or Cyrillic script has high bytes 0x00, 0x04 (Cyrillic) or 0x20
    (punctuation), and NULs only on the high side.
    """
    sample = data[: SNIFF_BYTES - SNIFF_BYTES % 2]
    if len(sample) < 2 or b"\x00" not in sample:
        return None
    pairs = len(sample) // 2
    sides = (("utf-16-le", sample[1::2], sample[0::2]), ("utf-16-be", sample[0::2], sample[1::2]))
    for encoding, high, low in sides:
        typical = high.count(0) + high.count(4) + high.count(0x20)
        if high.count(0) and typical >= 0.6 * pairs and low.count(0) <= 0.02 * pairs:
            return encoding
    return None


def control_ratio(data: bytes) -> float:
    """Share of C0 control bytes, other than ordinary whitespace and ESC, in a sample."""
    sample = data[:SNIFF_BYTES]
    if not sample:
        return 0.0
    bad = sum(1 for b in sample if (b < 0x20 and b not in ALLOWED_CONTROLS) or b == 0x7F)
    return bad / len(sample)


def cyrillic_score(text: str) -> float | None:
    """Score how much `text` looks like Russian/Ukrainian prose; None if implausible.

    The score is the mean log frequency of its letters (case-folded) plus a bonus for
    lower case, since a wrong code page swaps letters and flips case wholesale.
    """
    non_ascii = sum(1 for c in text if ord(c) > 0x7F)
    letters = [c for c in text if c in RU_UK_LETTERS]
    if not letters or len(letters) < 0.7 * non_ascii:
        return None
    words = [w for w in _WORD.findall(text) if any(c in RU_UK_LETTERS for c in w)]
    odd = sum(1 for w in words if _ODD_WORD.search(w) or not all(c in RU_UK_LETTERS for c in w))
    if odd > 0.1 * len(words):
        return None
    fit = sum(LETTER_LOGFREQ[c.lower()] for c in letters) / len(letters)
    if len(letters) >= 20 and fit < MIN_LETTER_FIT:
        return None
    lower = sum(1 for c in letters if c.islower()) / len(letters)
    return fit + 0.1 * lower


def decode_cyrillic(data: bytes) -> tuple[str, str] | None:
    """Decode a legacy Cyrillic code page, choosing the one whose letters look like prose."""
    best: tuple[float, str, str] | None = None
    for encoding in CYRILLIC_CODEPAGES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = cyrillic_score(text[:SNIFF_BYTES])
        logger.debug("code page %s scores %s", encoding, score)
        if score is not None and (best is None or score > best[0]):
            best = (score, text, encoding)
    return None if best is None else (best[1], best[2])


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode `data` to text, or raise InputProblem with code binary/encoding/empty.

    `declared` is an encoding named by the content itself (an HTML meta charset); it is
    tried after UTF-8 and before the Cyrillic guesses.
    """
    if not data:
        raise InputProblem("empty", "empty file")
    kind = magic_kind(data)
    if kind is not None:
        raise InputProblem("binary", f"binary file ({kind}), not text")
    encoding = bom_encoding(data) or utf16_guess(data)
    if encoding is not None:
        text = _decode_unicode(data, encoding)
    else:
        text = _decode_8bit(data, declared)
    if not text.strip():
        raise InputProblem("empty", "only whitespace, no text")
    return text


def _decode_unicode(data: bytes, encoding: str) -> str:
    """Decode data with a BOM or a UTF-16 NUL pattern; the BOM is dropped."""
    bom_less = data
    for bom, bom_enc in BOMS:
        if bom_enc == encoding and data.startswith(bom):
            bom_less = data[len(bom) :]
            break
    if encoding == "utf-8" and b"\x00" in bom_less:
        raise InputProblem("binary", "binary file (contains NUL bytes), not text")
    try:
        text = bom_less.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputProblem("encoding", f"invalid {encoding.upper()} at byte {exc.start}") from exc
    if len(_BAD_CONTROL.findall(text[:SNIFF_BYTES])) > 0.05 * min(len(text), SNIFF_BYTES):
        raise InputProblem("binary", "binary file (many control characters), not text")
    return text


def _decode_8bit(data: bytes, declared: str | None) -> str:
    """Decode data without a BOM: UTF-8, then a declared charset, then cp1251/KOI8-R."""
    if b"\x00" in data:
        raise InputProblem("binary", "binary file (contains NUL bytes), not text")
    if control_ratio(data) > 0.05:
        raise InputProblem("binary", "binary file (many control characters), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if declared and not declared.startswith(("utf-16", "utf-32", "ucs")):
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            logger.debug("declared charset %r does not decode the input", declared)
    cyrillic = decode_cyrillic(data)
    if cyrillic is not None:
        logger.debug("decoded as %s", cyrillic[1])
        return cyrillic[0]
    raise InputProblem(
        "encoding",
        f"not UTF-8 (invalid byte at {utf8_error.start}) and not plausible cp1251/KOI8-R text",
    )
