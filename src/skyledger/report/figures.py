"""How a ledger figure is written: a single number or a range, never a sum across sources."""

from __future__ import annotations

from skyledger.resolve import SourceFigure

QUALIFIER_SIGN = {"at_least": "≥", "approx": "~", "up_to": "≤"}


def figure_text(low: int | None, high: int | None) -> str:
    """`9`, `38–40`, or `?` when no source gives a number."""
    if low is None or high is None:
        return "?"
    return str(low) if low == high else f"{low}–{high}"


def source_figure_text(figure: SourceFigure) -> str:
    """One source's own figure with its qualifier (`≥12`, `~30`, `?`)."""
    if figure.count is None:
        return "?"
    return QUALIFIER_SIGN.get(str(figure.qualifier or ""), "") + str(figure.count)


def said_by(figure: SourceFigure) -> str:
    """Who said a figure: the claimant, else the source, else the document id."""
    return figure.claimant or figure.source or figure.doc_id
