"""Language identification for en / ru / uk."""

from __future__ import annotations

_UK_ONLY = set("іїєґІЇЄҐ")
_RU_ONLY = set("ыэъёЫЭЪЁ")


def detect_language(text: str) -> str:
    """'en', 'ru' or 'uk' from the letters used (Cyrillic share, then letters unique to one)."""
    sample = text[:20000]
    cyr = sum(1 for c in sample if "\u0400" <= c <= "\u04ff")
    lat = sum(1 for c in sample if c.isascii() and c.isalpha())
    if cyr <= lat:
        return "en"
    uk = sum(1 for c in sample if c in _UK_ONLY)
    ru = sum(1 for c in sample if c in _RU_ONLY)
    return "uk" if uk > ru else "ru"
