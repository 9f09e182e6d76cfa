"""Token normalisers per language: lower case, or a cached lemma where morphology is needed."""

from __future__ import annotations

from collections.abc import Callable


def normalizers() -> dict[str, Callable[[str], str]]:
    """The normaliser of every language that needs more than lower-casing."""
    return {}
