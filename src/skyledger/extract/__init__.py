"""The language-agnostic extraction engine: one document in, incidents and disruptions out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from skyledger.extract.annotate import Annotator
from skyledger.extract.assemble import assign_roles, build, inherit, place_drafts
from skyledger.extract.attribution import Attribution, sentence_attribution
from skyledger.extract.consequences import Consequences, sentence_consequences
from skyledger.extract.disruptions import (
    AIRPORT, AIRPORT_CITY, AIRPORT_GROUP, DisruptionDraft, sentence_disruptions,
)
from skyledger.extract.drafts import (
    Draft, attack_sizes, back_reference, harm_drafts, is_list_item, list_intro_kind, sentence_drafts, unarmed_draft,
)
from skyledger.extract.locate import DocPlaces, Geocoded, doc_places, geocode_mentions
from skyledger.extract.members import (
    CERTAINTY_CONFIRMED, CERTAINTY_REPORTED, DISRUPTION_AIRPORT_RESTRICTION, DISRUPTION_FLIGHT_DIVERSION,
    KIND_IMPACT, KIND_INTERCEPTION, KIND_LAUNCH, ROLE_SINGLE, ROLE_TOTAL, WEAPON_UNKNOWN,
)
from skyledger.extract.places import choose, to_location, with_short_names
from skyledger.extract.timing import parse_published, publication_day, sentence_time
from skyledger.extract.view import View
from skyledger.geocode.gazetteer import Gazetteer
from skyledger.lang import available_languages, get_language
from skyledger.model import Disruption, Document, Extraction, Incident, Interceptor, Kind, Location, Span, TimeInfo

__all__ = ["Extractor"]


class Extractor:
    """Extracts the contract's facts from documents; holds one annotator per language."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        normalizers: dict[str, Callable[[str], str]] | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self._cache_dir = cache_dir
        self._normalizers = normalizers or {}
        self._annotators: dict[str, Annotator] = {}
        self._groups = gazetteer.airport_groups()
        self._languages = set(available_languages())

    def annotator(self, lang: str) -> Annotator:
        """The annotator of one language, built on first use."""
        ann = self._annotators.get(lang)
        if ann is None:
            language = get_language(lang)
            norm = self._normalizers.get(lang, str.lower)
            g = self.gazetteer
            names = g.names(lang)
            if language.unit_adjectives:
                names = with_short_names(names, language.classes.get("place.word", {}), norm)
            extra = (
                (AIRPORT, g.airport_names(lang)),
                (AIRPORT_CITY, g.airport_cities(lang)),
                (AIRPORT_GROUP, g.airport_group_names(lang)),
            )
            ann = Annotator(language, names, norm, extra, cache_dir=self._cache_dir)
            self._annotators[lang] = ann
        return ann

    def extract(self, document: Document) -> Extraction:
        """All incidents and disruptions stated in one document (none in a language without data)."""
        if document.lang not in self._languages:
            return Extraction(document.id, document.lang, document.published)
        view, noisy, places = self._read(document)
        published = parse_published(document.published)
        sentences = view.ann.sentences
        list_kind: Kind | None = None
        past: set[int] = set()
        times: list[TimeInfo | None] = []
        atts: list[Attribution] = []
        cons: list[Consequences | None] = []
        drafts: list[Draft] = []
        disr: list[DisruptionDraft] = []
        doc_time: TimeInfo | None = None
        last_att = Attribution(None, CERTAINTY_CONFIRMED, False)
        side: str | None = None   # whose authorities the text last said were speaking
        for s, (a, b) in enumerate(sentences):
            st = sentence_time(view, a, b, published)
            if doc_time is None and st.info is not None and not st.past:
                doc_time = st.info
            times.append(st.info)
            att = sentence_attribution(view, a, b, side or places.country)
            if att.explicit and att.claimant is None and last_att.claimant is not None \
                    and att.certainty is CERTAINTY_REPORTED and view.has(a, b, "attribution"):
                att = last_att   # "..., he wrote": the claimant named before
            if att.explicit:
                last_att = att
                side = att.side or side
            atts.append(att if att.explicit else last_att)
            cons.append(None if st.past else sentence_consequences(view, a, b))
            if st.past:
                past.add(s)
            item = is_list_item(view, a)
            if not item:
                list_kind = list_intro_kind(view, a, b)
            if not st.past and s not in noisy:
                counted = frozenset(d.weapon for d in drafts if d.count is not None and d.weapon)
                found = sentence_drafts(view, s, a, b, counted, list_kind if item else None,
                                        places.by_sentence[s])
                if not found and drafts:
                    found = back_reference(view, s, a, b, drafts[-1], places.by_sentence[s])
                drafts.extend(found)
            disr.extend(sentence_disruptions(view, s, a, b, self._groups, _city_group(s, places)))
        if not drafts:
            drafts = _unarmed(view, noisy | frozenset(past), cons, places)
        drafts = _with_harm(view, drafts, cons, places, noisy | frozenset(past))
        attack_sizes(drafts)
        doc_time = doc_time or publication_day(published)
        times = [t or doc_time for t in times]
        first = next((x for x in atts if x.explicit), None)
        if first is not None:   # a lede's figure is attributed in the sentences that follow it
            atts = [x if x.explicit or x.claimant else first for x in atts]
        located = assign_roles(place_drafts(inherit(drafts), view, places, self.gazetteer),
                               lambda s: atts[s].claimant)
        incidents = with_interceptors(build(document.id, located, view, cons, atts, times), view, atts)
        by_sentence = {x.draft.sent: x.location for x in located if x.location.admin1}
        disruptions = self._disruptions(document.id, disr, view, places, times, by_sentence)
        return Extraction(document.id, document.lang, document.published, tuple(incidents), tuple(disruptions))

    def geocode(self, document: Document) -> list[Geocoded]:
        """Every place mention of a document with the location the extractor resolves it to, whether or
        not the document states an event (none in a language without data)."""
        if document.lang not in self._languages:
            return []
        view, _, places = self._read(document)
        return geocode_mentions(view, places, self.gazetteer)

    def _read(self, document: Document) -> tuple[View, frozenset[int], DocPlaces]:
        """The annotated text, its noisy sentences (alerts, sightings) and its place mentions."""
        foreign = [(a, b, self.annotator(lang)) for a, b, lang in document.segments
                   if lang in self._languages and lang != document.lang]
        view = View(self.annotator(document.lang).annotate(document.text, foreign))
        noisy = frozenset(s for s, (a, b) in enumerate(view.ann.sentences) if view.has(a, b, "noise."))
        return view, noisy, doc_places(view, noisy)

    def _disruptions(self, doc_id: str, drafts: list[DisruptionDraft], view: View, places: DocPlaces,
                     times: list[TimeInfo | None], located: dict[int, Location]) -> list[Disruption]:
        out = []
        restricted: tuple[str, ...] = ()
        for n, d in enumerate(drafts, 1):
            if d.kind is DISRUPTION_AIRPORT_RESTRICTION:
                restricted = d.airports
            elif d.kind is DISRUPTION_FLIGHT_DIVERSION and not d.airports and restricted:
                d = replace(d, airports=restricted, diverted_to=tuple(x for x in d.diverted_to if x not in restricted))
            loc = Location()
            near = [m for m in places.by_sentence[d.sent] if m.prep != "from"]
            earlier = [s for s in located if s <= d.sent]
            if d.airports:
                ap = self.gazetteer.airport(d.airports[0])
                if ap is not None and ap.admin1:
                    loc = to_location(ap, self.gazetteer)
            elif near and d.kind is not DISRUPTION_FLIGHT_DIVERSION:
                p = choose(near[0], places.context)
                if p is not None:
                    loc = to_location(p, self.gazetteer)
            elif earlier:
                inc = located[max(earlier)]
                loc = Location(inc.country, inc.admin1, inc.admin1_name, precision=3)
            elif len(places.context) == 1:
                p = self.gazetteer.admin1(next(iter(places.context)))
                loc = to_location(p, self.gazetteer) if p else loc
            out.append(Disruption(
                id=f"{doc_id}#d{n}", kind=d.kind, location=loc, time=times[d.sent] or TimeInfo(),
                airports=d.airports, diverted_to=d.diverted_to,
                evidence=(Span(d.start, d.end, view.text[d.start:d.end]),),
            ))
        return out


def with_interceptors(incidents: list[Incident], view: View, atts: list[Attribution]) -> list[Incident]:
    """Name the means of interception ("likely Strela-10 and Igla-S") on the document's headline figures."""
    found = []
    for s, (a, b) in enumerate(view.ann.sentences):
        marks = view.within(a, b, "weapon.interceptor")
        if marks:
            detail = ", ".join(dict.fromkeys(str(m.value) for m in marks))
            first, last = view.skip_space(a), b - 1
            while last > first and view.is_space(last):
                last -= 1
            start, end = view.starts[first], view.ends[last]
            found.append(Interceptor(detail, atts[s].certainty, (Span(start, end, view.text[start:end]),)))
    if not found:
        return incidents
    means = found[0]
    return [replace(i, interceptor=means) if i.kind is KIND_INTERCEPTION and i.role in (ROLE_TOTAL, ROLE_SINGLE)
            else i for i in incidents]


def _unarmed(view: View, skip: frozenset[int], cons: list[Consequences | None], places: DocPlaces) -> list[Draft]:
    """With no weapon stated anywhere, every impact with a place or consequences is an incident."""
    out: list[Draft] = []
    for s, (a, b) in enumerate(view.ann.sentences):
        c = cons[s]
        if s in skip:
            continue
        harm = c is not None and (c.damage or c.killed or c.injured)
        d = unarmed_draft(view, s, a, b, bool(harm), places.by_sentence[s])
        if d is not None and (not out or d.places):
            out.append(d)   # a further sentence counts when it names its own place
    return out


def _with_harm(view: View, drafts: list[Draft], cons: list[Consequences | None], places: DocPlaces,
               skip: frozenset[int]) -> list[Draft]:
    """Sentences with no figure that name damage or casualties at a place become impacts there, but
    only in a document about an attack: one that states an impact or an attack's size, or where the
    sentence itself names the attack ("внаслідок атаки"; not "fragments hit", which is the debris of an
    interception). The weapon is the attack's if it used one."""
    attack = [d for d in drafts if d.kind in (KIND_IMPACT, KIND_LAUNCH)]
    weapons = {d.weapon for d in attack if d.weapon} or {d.weapon for d in drafts if d.weapon}
    weapon = next(iter(weapons)) if len(weapons) == 1 else WEAPON_UNKNOWN
    stated = {d.sent for d in drafts}
    extra = []
    for s, (a, b) in enumerate(view.ann.sentences):
        c = cons[s]
        if s in skip or s in stated or c is None or not (c.damage or c.killed or c.injured):
            continue
        if attack or (drafts and view.has(a, b, "kind.impact") and not view.has(a, b, "kind.crash")):
            extra.extend(harm_drafts(view, s, places.by_sentence[s], weapon))
    return sorted(drafts + extra, key=lambda d: d.sent) if extra else drafts


def _city_group(sent: int, places: DocPlaces) -> str | None:
    """The airport group meant by "all airports": Moscow's when the sentence or text is about Moscow."""
    for m in places.by_sentence[sent]:
        if any(p.key in ("RU-MOW", "RU-MOS") or p.admin1 in ("RU-MOW", "RU-MOS") for p in m.places):
            return "moscow"
        if any(p.key == "UA-30" or p.admin1 == "UA-30" for p in m.places):
            return "kyiv"
    if "RU-MOW" in places.context or "RU-MOS" in places.context:
        return "moscow"
    return None
