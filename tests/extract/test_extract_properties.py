"""Properties of the extractor on arbitrary text: it never raises, its output validates
against the contract schema, and every evidence span reproduces the text it points at."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SENTENCES = [
    "Russian air defence systems intercepted and destroyed 28 Ukrainian UAVs overnight.",
    "9 over the Bryansk Region, 6 over the Kursk Region, including one flying towards Moscow,",
    "two each over the Kaluga and Oryol regions and 3 over the Black Sea.",
    "Debris broke windows of a house in the Dzerzhinsky District and damaged a car.",
    "One woman was injured by glass, the governor of the Kaluga Region said.",
    "Temporary restrictions were introduced at Vnukovo and Domodedovo airports.",
    "Flights were diverted to Kazan.",
    "A missile hit a five-storey building in Zaporizhzhia; two people were killed and eleven injured.",
    "According to sources, a drone may have been shot down near Donskoy, causing a power outage.",
    "A drone crashed in a field near Voronezh; there was no damage and no casualties.",
    "The enemy attacked with 54 drones and 3 Kh-101 missiles from the Kursk region.",
    "Силы ПВО сбили 12 беспилотников над Брянской областью.",
    "Сили ППО збили 12 безпілотників над Харківщиною.",
]
SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

noise = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
mixed_text = st.lists(st.one_of(st.sampled_from(SENTENCES), noise,
                                st.sampled_from([" ", "\n", "\r\n", "\u2028", "\t", "", "\u00a0"])),
                      max_size=14).map("".join)
published = st.one_of(st.none(), st.sampled_from(["2026-03-14", "2026-03-14T07:40:00+03:00",
                                                  "not a date", "2026-02-30"]))
langs = st.sampled_from([None, "en", "ru", "uk", "xx"])


@pytest.mark.parametrize("strategy", [st.text(), mixed_text], ids=["unicode", "sentences-and-noise"])
def test_extract_properties_never_raises_and_validates(strategy, extract_text, check_line):
    @SETTINGS
    @given(text=strategy, published=published, lang=langs)
    def prop(text, published, lang):
        line = extract_text(text, published=published, lang=lang)
        check_line(text, line)

    prop()


@pytest.mark.parametrize(
    "text",
    [
        "²",  # str.isdigit() but not int(): superscript two
        "5² drones were shot down over the Kursk region",
        "١٢ drones were shot down over the Kursk region",  # Arabic-Indic digits
        "Russian air defence systems intercepted and destroyed 28 Ukrainian UAVs overnight."
        "two each over the Kaluga and Oryol regions and 3 over the Black Sea.",
        "",
        "\x00\ufeff\ud7ff\U0010ffff",
    ],
    ids=["superscript", "superscript-count", "arabic-indic", "head-dropped", "empty", "odd-codepoints"],
)
def test_extract_properties_found_cases(text, extract_text, check_line):
    """Inputs hypothesis found (or that are easy to get wrong), kept as fixed regressions."""
    check_line(text, extract_text(text))


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_annotator_tokens_are_spacys(lang, extractor):
    """The annotator reads only offsets and trailing spaces from spaCy and works out the rest (token
    ends, whitespace, letters, like_num): on any text that must agree with spaCy's own tokens."""
    annotator = extractor.annotator(lang)
    whitespace = st.sampled_from([" ", "  ", "\n", " \n ", "\t", "\u00a0", "\u2028", "\r\n", "   \n\n"])
    texts = st.lists(st.one_of(st.sampled_from(SENTENCES), noise, whitespace), max_size=14).map("".join)

    @SETTINGS
    @given(text=st.one_of(st.text(), texts))
    def prop(text):
        ann = annotator.annotate(text)
        doc = annotator.nlp.make_doc(text)
        assert ann.words == tuple(t.text for t in doc)
        assert ann.starts == tuple(t.idx for t in doc)
        assert ann.ends == tuple(t.idx + len(t) for t in doc)
        assert ann.trailing == tuple(bool(t.whitespace_) for t in doc)
        assert ann.spaces == tuple(t.is_space for t in doc)
        assert ann.alpha == tuple(t.is_alpha for t in doc)
        assert ann.digit_tokens == tuple(k for k, t in enumerate(doc) if any(c.isdecimal() for c in t.text))
        assert [annotator._like_num(t.text) for t in doc] == [t.like_num for t in doc]

    prop()


@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_annotator_marks_are_in_text_order_and_overlaps_resolved(lang, extractor):
    """Marks come by start token, longer first, then by class, whether or not part of the text is
    matched with another language's table; of two overlapping marks of one family (content or
    function words) only the longer stays, unless both cover the same span."""
    from skyledger.extract.annotate import _is_function

    annotator = extractor.annotator(lang)
    other = extractor.annotator("ru" if lang != "ru" else "en")

    @SETTINGS
    @given(text=st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6).map(" ".join),
           cut=st.tuples(st.floats(0, 1), st.floats(0, 1)), foreign=st.booleans())
    def prop(text, cut, foreign):
        start, end = sorted(int(x * len(text)) for x in cut)
        ann = annotator.annotate(text, [(start, end, other)] if foreign and start < end else ())
        keys = [(m.i, m.i - m.j, m.cls) for m in ann.marks]
        assert keys == sorted(keys)
        for n, m in enumerate(ann.marks):
            for o in ann.marks[n + 1:]:
                if o.i >= m.j:
                    break
                same_family = _is_function(m.cls) == _is_function(o.cls)
                assert not same_family or (m.i, m.j) == (o.i, o.j), (m, o)

    prop()
