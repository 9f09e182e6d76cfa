"""The FastAPI application: `/api/v1` over the ledger, and the dashboard at `/`.

Routes check their input (pydantic), call one `Service` method and return its result.
Every error, whether raised here, by validation or by a bug, leaves as the one JSON shape
`{"error": {"code", "message", "details"}}` (no traceback reaches the client).
"""

# No `from __future__ import annotations` here: FastAPI reads the route signatures' types at
# run time, including the dependency aliases defined inside `create_app`.
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from skyledger import __version__
from skyledger.model import Certainty, DisruptionKind, Kind, Weapon
from skyledger.report.stats import DIMENSIONS
from skyledger.serve import schemas as s
from skyledger.serve.answers import KeptAnswers, Stamper
from skyledger.serve.service import ADMIN1_PATTERN, ApiError, Service
from skyledger.store import Filters, Ledger
from skyledger.store.review import Token

STATIC = Path(__file__).resolve().parent / "static"
log = logging.getLogger("skyledger.serve")
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": s.ErrorOut, "description": text} for code, text in (
        (401, "No token, or an unknown one"), (403, "The token's role may not do this"),
        (307, "Renamed: an earlier report renamed the incident; Location gives its current id"),
        (404, "Not found"), (422, "Invalid parameters or body"))}
HASH_PATTERN = r"^[0-9a-f]{64}$"
ID_PATTERN = r"^[A-Za-z0-9:_.~ -]{1,200}$"
TEXT = {"max_length": 200, "pattern": s.NO_NUL}

bearer = HTTPBearer(auto_error=False, description="An API token from `skyledger token create`.")


def _error(status: int, code: str, message: str, details: list[dict[str, Any]] | None = None) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": {"code": code, "message": message, "details": details or []}},
                        status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()]


def create_app(ledger: Ledger, *, public_reads: bool = True) -> FastAPI:
    """The app serving `ledger`; reads need a token unless `public_reads`."""
    service = Service(ledger, public_reads=public_reads)

    @asynccontextmanager
    async def threads_to_connections(_app: FastAPI) -> AsyncIterator[None]:
        # Routes run in a thread pool (40 threads by default) but the engine keeps only a few
        # connections: threads beyond them would open and close a connection per request and
        # queue on the GIL, which shows as a long tail under load. One thread per pooled
        # connection serves as many requests with a short tail.
        size = getattr(ledger.engine.pool, "size", None)
        if callable(size):
            anyio.to_thread.current_default_thread_limiter().total_tokens = max(2, size())
        try:
            yield
        finally:
            stamper.close()

    app = FastAPI(lifespan=threads_to_connections, title="skyledger", version=__version__,
                  description="A ledger of aerial incidents built from reports: incidents with their "
                              "sources and evidence, statistics, exports, ingest and analyst review.",
                  responses={422: ERRORS[422]})
    app.state.service = service
    api = "/api/v1"
    stamper = Stamper(ledger.engine)
    if public_reads and ledger.engine.url.database not in (None, "", ":memory:"):  # a file or a server
        app.add_middleware(KeptAnswers, stamper=stamper, paths=frozenset({f"{api}/incidents", f"{api}/stats"}))

    @app.exception_handler(ApiError)
    async def api_error(req: Request, exc: ApiError) -> JSONResponse:
        response = _error(exc.status, exc.code, exc.message, exc.details)
        if exc.moved_to is not None:   # the same path and query, under the resource's current id
            path = req.url.path.rsplit("/", 1)[0] + "/" + quote(exc.moved_to, safe="")
            response.headers["Location"] = path + (f"?{req.url.query}" if req.url.query else "")
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(_req: Request, exc: RequestValidationError) -> JSONResponse:
        details = _validation_details(exc)
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        return _error(422, "invalid", f"{'.'.join(first['loc'])}: {first['msg']}", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_req: Request, exc: StarletteHTTPException) -> JSONResponse:
        codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 403: "forbidden"}
        return _error(exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail))

    @app.exception_handler(Exception)
    async def crash(_req: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return _error(500, "internal", f"the server failed: {type(exc).__name__}")

    # --- auth ---------------------------------------------------------------------------

    def caller(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Token | None:
        if creds is None:
            return None
        token = service.token(creds.credentials)
        if token is None:
            raise ApiError(401, "unauthorized", "unknown API token")
        return token

    def reader(who: Annotated[Token | None, Depends(caller)]) -> Token | None:
        if who is None and not service.public_reads:
            raise ApiError(401, "unauthorized", "reads need an API token on this server")
        return who

    def analyst(who: Annotated[Token | None, Depends(caller)]) -> Token:
        if who is None:
            raise ApiError(401, "unauthorized", "this needs an API token (Authorization: Bearer ...)")
        if who.role not in ("analyst", "admin"):
            raise ApiError(403, "forbidden", f"role {who.role!r} may not do this")
        return who

    Reader = Annotated[Token | None, Depends(reader)]
    Analyst = Annotated[Token, Depends(analyst)]

    def filters(since: date | None = None, until: date | None = None,
                admin1: Annotated[list[str], Query(description="ISO 3166-2 codes, e.g. RU-BRY")] = [],  # noqa: B006
                kind: Annotated[list[Kind], Query()] = [],  # noqa: B006
                weapon: Annotated[list[Weapon], Query()] = [],  # noqa: B006
                certainty: Annotated[list[Certainty], Query()] = [],  # noqa: B006
                claimant: Annotated[str | None, Query(description="Part of a claimant's name, role or body.",
                                                      **TEXT)] = None,
                text: Annotated[str | None, Query(description="Part of an evidence sentence or place.",
                                                  **TEXT)] = None) -> Filters:
        import re

        bad = [a for a in admin1 if not re.fullmatch(ADMIN1_PATTERN, a)]
        if bad:
            raise ApiError(422, "invalid", f"admin1: {bad[0]!r} is not an ISO 3166-2 code like RU-BRY")
        if since and until and since > until:
            raise ApiError(422, "invalid", "since is after until")
        return Filters(since=since.isoformat() if since else None, until=until.isoformat() if until else None,
                       admin1=tuple(admin1), kind=tuple(str(k) for k in kind), weapon=tuple(str(w) for w in weapon),
                       certainty=tuple(str(c) for c in certainty), claimant=claimant or None, text=text or None)

    Filtered = Annotated[Filters, Depends(filters)]
    Limit = Annotated[int, Query(ge=1, le=500)]
    Offset = Annotated[int, Query(ge=0, le=10_000_000)]
    LedgerId = Annotated[str, PathParam(pattern=ID_PATTERN, description="A ledger incident id.")]

    # --- reads --------------------------------------------------------------------------

    @app.get(f"{api}/meta", response_model=s.MetaOut, tags=["meta"], responses={401: ERRORS[401]})
    def meta(_who: Reader) -> dict[str, Any]:
        """Version, counts, and the values the filters take."""
        return service.meta()

    @app.get(f"{api}/me", response_model=s.MeOut, tags=["meta"], responses={401: ERRORS[401]})
    def me(who: Annotated[Token | None, Depends(caller)]) -> dict[str, Any]:
        """Who the token belongs to and its role (nulls without a token)."""
        return {"name": who.name if who else None, "role": who.role if who else None,
                "public_reads": service.public_reads}

    @app.get(f"{api}/incidents", response_model=s.IncidentPage, tags=["incidents"], responses={401: ERRORS[401]})
    def incidents(_who: Reader, f: Filtered, status: s.ReviewStatus | None = None, limit: Limit = 50,
                  offset: Offset = 0) -> Response:
        """Ledger incidents matching the filters, newest first, a page at a time.

        Incidents merged into another by a review are not listed on their own; incidents
        split off by a review follow the incident they came from.
        """
        return Response(service.incidents(f, status, limit, offset), media_type="application/json")

    @app.get(f"{api}/incidents/{{ledger_id}}", response_model=s.IncidentDetailOut, tags=["incidents"],
             responses={307: ERRORS[307], 401: ERRORS[401], 404: ERRORS[404]})
    def incident(_who: Reader, ledger_id: LedgerId) -> dict[str, Any]:
        """One incident with every source (text, figure, lines with evidence), its review and history.

        An id that an earlier report stored later has renamed answers 307 with the current id in
        `Location`."""
        return service.incident(ledger_id)

    @app.get(f"{api}/stats", response_model=s.StatsOut, tags=["statistics"], responses={401: ERRORS[401]})
    def statistics(_who: Reader, f: Filtered,
                   by: Annotated[str, Query(pattern=r"^[a-z0-9,]{1,40}$",
                                            description=f"Comma-separated, from: {', '.join(DIMENSIONS)}")]
                   = "admin1,day") -> Response:
        """Figures per region and day (or kind, weapon): a day without reports is 'no report', not zero.

        Rejected incidents and those merged away do not count; corrections do.
        """
        dims = tuple(d for d in by.split(",") if d)
        if not dims or len(set(dims)) != len(dims) or any(d not in DIMENSIONS for d in dims):
            raise ApiError(422, "invalid", f"by: give distinct names from {', '.join(DIMENSIONS)}")
        if "day" in dims and f.since and f.until and (date.fromisoformat(f.until)
                                                         - date.fromisoformat(f.since)).days > 3660:
            raise ApiError(422, "invalid", "a daily table covers at most ten years")
        return Response(service.stats(f, dims), media_type="application/json")

    @app.get(f"{api}/export.{{fmt}}", tags=["exports"], responses={
        200: {"content": {"text/csv": {}, "application/geo+json": {}}, "description": "The export file"},
        401: ERRORS[401]})
    def export(_who: Reader, f: Filtered, fmt: Literal["csv", "geojson"]) -> Response:
        """The filtered incidents with figures, sources and evidence, as CSV or GeoJSON."""
        media = {"csv": "text/csv; charset=utf-8", "geojson": "application/geo+json"}[fmt]
        return Response(service.export(fmt, f), media_type=media,
                        headers={"Content-Disposition": f'attachment; filename="skyledger.{fmt}"'})

    @app.get(f"{api}/documents", response_model=s.DocumentPage, tags=["documents"], responses={401: ERRORS[401]})
    def documents(_who: Reader, lang: Literal["en", "ru", "uk"] | None = None,
                  source: Annotated[str | None, Query(**TEXT)] = None, limit: Limit = 50,
                  offset: Offset = 0) -> dict[str, Any]:
        """Stored documents (without text), newest first."""
        return service.documents(limit, offset, lang, source)

    @app.get(f"{api}/documents/{{content_hash}}", response_model=s.DocumentDetailOut, tags=["documents"],
             responses={401: ERRORS[401], 404: ERRORS[404]})
    def document(_who: Reader, content_hash: Annotated[str, PathParam(pattern=HASH_PATTERN)]) -> dict[str, Any]:
        """One document with its text and its stored extraction."""
        return service.document(content_hash)

    @app.get(f"{api}/disruptions", response_model=s.DisruptionPage, tags=["disruptions"],
             responses={401: ERRORS[401]})
    def disruptions(_who: Reader, since: date | None = None, until: date | None = None,
                    admin1: Annotated[list[str], Query()] = [],  # noqa: B006
                    kind: Annotated[list[DisruptionKind], Query()] = [],  # noqa: B006
                    limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Airport restrictions, diversions, closures and outages, newest first."""
        f = filters(since=since, until=until, admin1=admin1)
        return service.disruptions(limit, offset, since=f.since, until=f.until, admin1=f.admin1,
                                   kind=[str(k) for k in kind])

    @app.get(f"{api}/review", response_model=s.ActionPage, tags=["review"], responses={401: ERRORS[401]})
    def audit(_who: Reader, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """The review log, newest first: every action, and which undo cancelled it."""
        return service.audit(limit, offset)

    # --- writes -------------------------------------------------------------------------

    writes = {401: ERRORS[401], 403: ERRORS[403]}

    @app.post(f"{api}/documents", response_model=s.IngestOut, tags=["documents"], responses=writes)
    def ingest(who: Analyst, body: s.IngestIn) -> dict[str, Any]:
        """Store new documents: extract, store and resolve each, like `skyledger ingest`."""
        return service.ingest([d.model_dump() for d in body.documents])

    review = {**writes, 404: ERRORS[404], 409: {"model": s.ErrorOut, "description": "Conflicts with the log"}}

    @app.post(f"{api}/incidents/{{ledger_id}}/confirm", response_model=s.ActionOut, tags=["review"],
              responses=review, status_code=201)
    def confirm(who: Analyst, ledger_id: LedgerId, body: s.NoteIn) -> dict[str, Any]:
        """Mark the incident as checked and right."""
        return service.act(who, ledger_id, "confirm", {}, body.note)

    @app.post(f"{api}/incidents/{{ledger_id}}/reject", response_model=s.ActionOut, tags=["review"],
              responses=review, status_code=201)
    def reject(who: Analyst, ledger_id: LedgerId, body: s.NoteIn) -> dict[str, Any]:
        """Mark the incident as not a real incident: it stays listed but no longer counts."""
        return service.act(who, ledger_id, "reject", {}, body.note)

    @app.post(f"{api}/incidents/{{ledger_id}}/correct", response_model=s.ActionOut, tags=["review"],
              responses=review, status_code=201)
    def correct(who: Analyst, ledger_id: LedgerId, body: s.CorrectIn) -> dict[str, Any]:
        """Set one field of the incident to a corrected value."""
        return service.act(who, ledger_id, "correct", {"field": body.field, "value": body.value}, body.note)

    @app.post(f"{api}/incidents/{{ledger_id}}/merge", response_model=s.ActionOut, tags=["review"],
              responses=review, status_code=201)
    def merge(who: Analyst, ledger_id: LedgerId, body: s.MergeIn) -> dict[str, Any]:
        """Merge other incidents into this one: their sources join it, they are no longer listed."""
        return service.act(who, ledger_id, "merge", {"others": body.others}, body.note)

    @app.post(f"{api}/incidents/{{ledger_id}}/split", response_model=s.ActionOut, tags=["review"],
              responses=review, status_code=201)
    def split(who: Analyst, ledger_id: LedgerId, body: s.SplitIn) -> dict[str, Any]:
        """Move some sources (by document hash) out into a new incident `<id>~<action id>`."""
        return service.act(who, ledger_id, "split", {"documents": body.documents}, body.note)

    @app.post(f"{api}/review/{{action_id}}/undo", response_model=s.ActionOut, tags=["review"],
              responses=review, status_code=201)
    def undo(who: Analyst, action_id: Annotated[int, PathParam(ge=1, le=2**31 - 1)], body: s.NoteIn) -> dict[str, Any]:
        """Cancel an action by appending an undo (analysts: their own; admins: any)."""
        return service.undo(who, action_id, body.note)

    # --- dashboard ----------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
