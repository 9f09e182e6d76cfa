"""The ledger store on SQLite and PostgreSQL: schema, round trip, idempotence, versions, atomicity."""

from __future__ import annotations

from dataclasses import replace

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from skyledger.model import (
    Casualties, Certainty, Claimant, Damage, DamageKind, Disruption, DisruptionKind, Document, Extraction,
    Incident, Interceptor, Kind, Location, Qualifier, Role, Span, TimeInfo, Weapon,
)
from skyledger.normalize import normalize
from skyledger.model import RawItem
from skyledger.store import Filters, Ledger
from skyledger.store.tables import documents, extracted_incidents, ledger_members, metadata


def doc(text: str, **kw: str | None) -> Document:
    return normalize(RawItem(id=kw.pop("id", None) or "d", text=text, lang="en", **kw))  # type: ignore[arg-type]


def interception(doc_id: str, n: int, admin1: str | None, count: int | None, date: str = "2026-03-14",
                 **kw: object) -> Incident:
    return Incident(id=f"{doc_id}#{n}", kind=Kind.INTERCEPTION, weapon=Weapon.UAV, count=count,
                    role=kw.pop("role", Role.SINGLE),  # type: ignore[arg-type]
                    location=Location(country="RU" if admin1 else None, admin1=admin1, precision=3),
                    time=TimeInfo(date=date), **kw)  # type: ignore[arg-type]


@pytest.fixture
def ledger(ledger_db: str):
    led = Ledger.open(ledger_db)
    yield led
    led.close()


def test_store_migrations_create_exactly_the_tables_schema(ledger: Ledger) -> None:
    with ledger.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diffs == []


def texts(max_size: int, min_size: int = 0) -> st.SearchStrategy[str]:
    """Any text without NUL, which PostgreSQL cannot store (ingest refuses such documents)."""
    return st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
                   min_size=min_size, max_size=max_size)


spans = st.builds(lambda a, t: Span(a, a + len(t), t), st.integers(0, 10_000), texts(30))
text_or_none = st.none() | texts(20)
locations = st.builds(Location, country=st.none() | st.sampled_from(["RU", "UA"]), admin1=text_or_none,
                      admin1_name=text_or_none, admin2=text_or_none, place=text_or_none, water_body=text_or_none,
                      lat=st.none() | st.floats(-90, 90), lon=st.none() | st.floats(-180, 180),
                      precision=st.none() | st.integers(1, 4))
times = st.builds(TimeInfo, date=st.none() | st.dates().map(str), start=text_or_none, end=text_or_none,
                  precision=st.none() | st.sampled_from(["night", "day"]))
incidents = st.builds(
    Incident, id=st.just("x"), kind=st.sampled_from(Kind), weapon=st.sampled_from(Weapon),
    count=st.none() | st.integers(0, 10**6), role=st.sampled_from(Role), location=locations, time=times,
    weapon_detail=text_or_none, count_qualifier=st.none() | st.sampled_from(Qualifier), part_of=text_or_none,
    casualties=st.builds(Casualties, st.none() | st.integers(0, 500), st.none() | st.integers(0, 500)),
    damage=st.builds(Damage, st.none() | st.booleans(), st.lists(st.sampled_from(DamageKind), max_size=3).map(tuple)),
    target=text_or_none,
    claimant=st.none() | st.builds(Claimant, text_or_none, texts(10, 1), text_or_none),
    certainty=st.sampled_from(Certainty), evidence=st.lists(spans, max_size=3).map(tuple),
    interceptor=st.none() | st.builds(Interceptor, texts(10), st.sampled_from(Certainty),
                                      st.lists(spans, max_size=2).map(tuple)),
)
disruptions = st.builds(Disruption, id=st.just("x"), kind=st.sampled_from(DisruptionKind), location=locations,
                        time=times, airports=st.lists(st.sampled_from(["VKO", "DME", "LED"]), max_size=3).map(tuple),
                        diverted_to=st.lists(st.sampled_from(["KZN", "GOJ"]), max_size=2).map(tuple),
                        evidence=st.lists(spans, max_size=2).map(tuple))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts(200, 1), incs=st.lists(incidents, max_size=4),
       dis=st.lists(disruptions, max_size=2), title=text_or_none, post_id=text_or_none)
def test_store_round_trip_keeps_every_field(ledger: Ledger, text, incs, dis, title, post_id) -> None:
    d = doc(text, title=title, post_id=post_id, source="src", published="2026-03-14T07:00:00+03:00")
    incs = [replace(i, id=f"{d.id}#{n}", part_of=None if i.part_of is None else f"{d.id}#0")
            for n, i in enumerate(incs, 1)]
    dis = [replace(x, id=f"{d.id}#d{n}") for n, x in enumerate(dis, 1)]
    if ledger.is_known(d.content_hash):
        return
    ex = Extraction(d.id, d.lang, d.published, tuple(incs), tuple(dis))
    ledger.add(d, ex)
    assert ledger.document(d.content_hash) == (d, ex)


def _state(ledger: Ledger) -> tuple:
    with ledger.engine.connect() as conn:
        docs = conn.execute(select(func.count()).select_from(documents)).scalar_one()
        members = conn.execute(select(func.count()).select_from(ledger_members)).scalar_one()
    return docs, members, ledger.entries()


def test_store_ingesting_twice_changes_nothing(ledger: Ledger) -> None:
    d = doc("Governor: 38 drones shot down over the region.", published="2026-03-14")
    ex = Extraction(d.id, "en", d.published, (interception(d.id, 1, "RU-BRY", 38),))
    first = ledger.add(d, ex)
    before = _state(ledger)
    second = ledger.add(d, ex)
    assert first.new and len(first.created) == 1
    assert not second.new and not second.created and not second.updated
    assert _state(ledger) == before


def test_store_ministry_and_governor_figures_stay_side_by_side(ledger: Ledger) -> None:
    mod = doc("MoD: 40 drones over Bryansk.", id="mod", source="mod", published="2026-03-14T07:00:00+03:00")
    gov = doc("Governor: 38 drones over Bryansk.", id="gov", source="gov", published="2026-03-14T08:00:00+03:00")
    ledger.add(mod, Extraction("mod", "en", mod.published, (interception("mod", 1, "RU-BRY", 40,
                                                                          claimant=Claimant(role="ministry")),)))
    written = ledger.add(gov, Extraction("gov", "en", gov.published, (interception("gov", 1, "RU-BRY", 38,
                                                                               claimant=Claimant(role="governor")),)))
    [entry] = ledger.entries()
    assert written.updated == {entry.id}
    assert (entry.count_low, entry.count_high, entry.n_sources) == (38, 40, 2)
    detail = ledger.detail(entry.id)
    assert detail is not None
    assert sorted((s.figure.claimant, s.figure.count) for s in detail.sources) == [("governor", 38), ("ministry", 40)]
    assert all(line.reason for s in detail.sources for line in s.lines)


def test_store_edited_post_keeps_only_its_latest_version_in_the_ledger(ledger: Ledger) -> None:
    v1 = doc("Governor: 5 drones.", id="p", source="tg:gov", post_id="77", published="2026-03-14T07:00:00+03:00")
    v2 = doc("Governor: 7 drones (updated).", id="p", source="tg:gov", post_id="77",
             published="2026-03-14T07:00:00+03:00", edited="2026-03-14T09:00:00+03:00")
    # the newer edit arrives first: order must not matter
    ledger.add(v2, Extraction("p", "en", v2.published, (interception("p", 1, "RU-TUL", 7),)))
    ledger.add(v1, Extraction("p", "en", v1.published, (interception("p", 1, "RU-TUL", 5),)))
    [entry] = ledger.entries()
    assert (entry.count_low, entry.count_high) == (7, 7)
    with ledger.engine.connect() as conn:
        versions = conn.execute(select(documents.c.version, documents.c.is_latest, documents.c.edited)
                                .order_by(documents.c.version)).all()
    assert [(v, bool(latest)) for v, latest, _ in versions] == [(1, False), (2, True)]


def test_store_failed_document_leaves_nothing_half_written(ledger: Ledger) -> None:
    d = doc("Two lines with one id.", published="2026-03-14")
    same_id = interception(d.id, 1, "RU-BRY", 3)
    with pytest.raises(Exception):
        ledger.add(d, Extraction(d.id, "en", d.published, (same_id, same_id)))  # unique key clash mid-write
    assert not ledger.is_known(d.content_hash)
    with ledger.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(extracted_incidents)).scalar_one() == 0
    assert ledger.entries() == []


def test_store_filters_select_by_date_region_kind_claimant_and_text(ledger: Ledger) -> None:
    for n, (admin1, date, who) in enumerate([("RU-BRY", "2026-03-13", "governor"), ("RU-KRS", "2026-03-14", "ministry"),
                                             ("RU-BRY", "2026-03-15", "ministry")]):
        d = doc(f"report {n}", id=f"r{n}", published=date)
        inc = interception(d.id, 1, admin1, n + 1, date, claimant=Claimant(role=who),
                           evidence=(Span(0, 8, f"report {n}"),))
        ledger.add(d, Extraction(d.id, "en", date, (inc,)))
    assert [e.date for e in ledger.entries()] == ["2026-03-15", "2026-03-14", "2026-03-13"]
    assert [e.date for e in ledger.entries(Filters(since="2026-03-14"))] == ["2026-03-15", "2026-03-14"]
    assert [e.admin1 for e in ledger.entries(Filters(admin1=("RU-BRY",), until="2026-03-14"))] == ["RU-BRY"]
    assert len(ledger.entries(Filters(claimant="GOVERN"))) == 1
    assert [e.date for e in ledger.entries(Filters(text="report 1"))] == ["2026-03-14"]
    assert ledger.entries(Filters(kind=("impact",))) == []
