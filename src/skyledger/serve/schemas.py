"""The API's request and response shapes (pydantic); they make the OpenAPI document.

Requests forbid unknown fields, so a misspelt key is an error instead of being ignored.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StrictStr

from skyledger.model import Certainty, DisruptionKind, Kind, Weapon

NO_NUL = r"^[^\x00]*$"
ReviewStatus = Literal["unreviewed", "confirmed", "rejected"]
Field_ = Literal["kind", "weapon", "certainty", "date", "admin1", "admin1_name", "place", "count_low",
                 "count_high", "killed_low", "killed_high", "injured_low", "injured_high", "lat", "lon"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorBody(BaseModel):
    code: str = Field(description="A stable machine-readable code, e.g. not_found, invalid, unauthorized.")
    message: str
    details: list[dict[str, Any]] = Field(default_factory=list)


class ErrorOut(BaseModel):
    """Every error has this shape, whatever the status code."""

    error: ErrorBody


class IncidentOut(BaseModel):
    """One ledger incident as listed, with its review status."""

    id: str
    region: str
    region_label: str
    date: str | None
    kind: str
    weapon: str
    country: str | None
    admin1: str | None
    admin1_name: str | None
    water_body: str | None
    place: str | None
    lat: float | None
    lon: float | None
    precision: int | None
    start: str | None
    end: str | None
    count_low: int | None
    count_high: int | None
    figure: str = Field(description="The figure as written: a number or a range over sources, never a sum.")
    killed_low: int | None
    killed_high: int | None
    injured_low: int | None
    injured_high: int | None
    certainty: str
    n_sources: int
    n_members: int
    part_of: str | None
    review_status: ReviewStatus
    corrected: list[str] = Field(description="Fields changed by an analyst's correction.")
    merged_into: str | None = None


class IncidentPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[IncidentOut]


class DocumentRef(BaseModel):
    content_hash: str
    id: str
    source: str | None
    url: str | None
    published: str | None
    title: str | None
    author: str | None
    lang: str
    text: str


class FigureOut(BaseModel):
    said_by: str
    claimant: str | None
    count: int | None
    qualifier: str | None
    certainty: str
    text: str


class LineOut(BaseModel):
    incident: dict[str, Any] = Field(description="The extracted incident in the extraction contract's shape.")
    rule: str
    reason: str


class SourceOut(BaseModel):
    document: DocumentRef
    figure: FigureOut
    lines: list[LineOut]


class SplitOut(BaseModel):
    id: str
    documents: list[str]


class ReviewOut(BaseModel):
    status: ReviewStatus
    corrections: dict[str, Any]
    merged_into: str | None
    merged_from: list[str]
    splits: list[SplitOut]
    split_from: str | None


class ActionOut(BaseModel):
    id: int
    at: str
    actor: str
    action: str
    ledger_id: str
    payload: dict[str, Any]
    note: str | None
    undoes: int | None
    undone_by: int | None = None


class IncidentDetailOut(BaseModel):
    incident: IncidentOut
    sources: list[SourceOut]
    parts: list[str]
    review: ReviewOut
    history: list[ActionOut]


class ActionPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ActionOut]


class DocumentOut(BaseModel):
    content_hash: str
    doc_id: str
    source: str | None
    post_id: str | None
    version: int
    is_latest: bool
    lang: str | None
    published: str | None
    edited: str | None
    url: str | None
    title: str | None
    author: str | None
    n_incidents: int
    n_disruptions: int


class DocumentPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[DocumentOut]


class DocumentDetailOut(BaseModel):
    document: DocumentRef
    extraction: dict[str, Any] = Field(description="The stored extraction in the contract's shape.")


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class DisruptionOut(BaseModel):
    id: int
    kind: str
    airports: list[str]
    diverted_to: list[str]
    country: str | None
    admin1: str | None
    admin1_name: str | None
    admin2: str | None
    place: str | None
    water_body: str | None
    lat: float | None
    lon: float | None
    precision: int | None
    date: str | None
    start: str | None
    end: str | None
    time_precision: str | None
    evidence: list[SpanOut]
    content_hash: str
    doc_id: str
    source: str | None
    published: str | None


class DisruptionPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[DisruptionOut]


class CellOut(BaseModel):
    incidents: int
    low: int | None
    high: int | None


class StatsRowOut(BaseModel):
    key: dict[str, str]
    report: bool = Field(description="False when nothing was reported: 'no report', which is not zero.")
    cells: dict[str, CellOut] = Field(description="Per kind of incident; empty when there is no report.")


class StatsOut(BaseModel):
    by: list[str]
    since: str | None
    until: str | None
    rows: list[StatsRowOut]


class DocumentIn(Strict):
    """A document to ingest: its text and what is known of its provenance."""

    text: str = Field(min_length=1, max_length=1_000_000, pattern=NO_NUL)
    id: str | None = Field(default=None, max_length=500, pattern=NO_NUL)
    published: str | None = Field(default=None, max_length=40, pattern=NO_NUL,
                                  description="ISO 8601 publication time, ideally with its offset.")
    lang: Literal["en", "ru", "uk"] | None = None
    url: str | None = Field(default=None, max_length=2000, pattern=NO_NUL)
    source: str | None = Field(default=None, max_length=500, pattern=NO_NUL)
    title: str | None = Field(default=None, max_length=2000, pattern=NO_NUL)
    author: str | None = Field(default=None, max_length=500, pattern=NO_NUL)
    post_id: str | None = Field(default=None, max_length=200, pattern=NO_NUL)
    edited: str | None = Field(default=None, max_length=40, pattern=NO_NUL)


class IngestIn(Strict):
    documents: list[DocumentIn] = Field(min_length=1, max_length=100)


class IngestResult(BaseModel):
    id: str
    content_hash: str
    status: Literal["new", "known", "failed"]
    error: str | None = None
    created: list[str] = Field(default_factory=list)
    updated: list[str] = Field(default_factory=list)


class IngestOut(BaseModel):
    new: int
    known: int
    failed: int
    results: list[IngestResult]


class NoteIn(Strict):
    note: str | None = Field(default=None, max_length=2000, pattern=NO_NUL)


class CorrectIn(NoteIn):
    field: Field_
    value: StrictStr | StrictInt | StrictFloat | None = Field(description="The new value; its type depends on the field.")


class MergeIn(NoteIn):
    others: list[str] = Field(min_length=1, max_length=50, description="Ledger ids merged into this one.")


class SplitIn(NoteIn):
    documents: list[str] = Field(min_length=1, max_length=100,
                                 description="Content hashes of the sources moved to a new incident.")


class MeOut(BaseModel):
    name: str | None
    role: Literal["analyst", "admin"] | None
    public_reads: bool


class MetaOut(BaseModel):
    version: str
    public_reads: bool
    documents: int
    incidents: int
    kinds: list[str] = Field(default_factory=lambda: [str(k) for k in Kind])
    weapons: list[str] = Field(default_factory=lambda: [str(w) for w in Weapon])
    certainties: list[str] = Field(default_factory=lambda: [str(c) for c in Certainty])
    disruption_kinds: list[str] = Field(default_factory=lambda: [str(k) for k in DisruptionKind])
    correctable: list[str] = Field(default_factory=lambda: list(Field_.__args__))  # type: ignore[attr-defined]
