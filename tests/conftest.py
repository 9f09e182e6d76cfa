"""The only conftest: shared fixtures for every test in the tree.

- `repo_root`, `shared_dir`: where the project and the shared contract/eval files live;
  tests needing `../shared` skip when it is absent (and fail when CI=true).
- `run_cli`: run `skyledger ...` in a subprocess with this checkout's `src` first on the path.
- `extractor`, `extract_text`: the default extractor (built once) and a helper returning the
  contract dict for a piece of text.
- `schema_validator`: a Draft 2020-12 validator for the contract's JSON Schema.
- `update_golden`: true under `pytest --update-golden` (tests/test_golden.py rewrites its files).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


REPO_ROOT = Path(__file__).resolve().parent.parent
SRC = REPO_ROOT / "src"
SHARED = REPO_ROOT.parent / "shared"
CLI_CODE = "from skyledger.cli import main; main()"


def cli_command() -> list[str]:
    """The argv prefix that runs the `skyledger` command from this checkout."""
    if (SRC / "skyledger" / "__main__.py").exists():
        return [sys.executable, "-m", "skyledger"]
    return [sys.executable, "-c", CLI_CODE]


def cli_env() -> dict[str, str]:
    """The environment for CLI subprocesses: this checkout's `src` wins over installed copies."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(SRC), env.get("PYTHONPATH", "")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("COLUMNS", None)
    return env


def require_shared() -> Path:
    """`../shared`, or skip (fail under CI=true) when this checkout has no sibling shared dir."""
    if SHARED.is_dir():
        return SHARED
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{SHARED} is missing, and CI=true requires it")
    pytest.skip(f"{SHARED} (shared contract, seeds and eval sets) is not present")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The root of this checkout (the directory holding pyproject.toml)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared contract, seeds and eval sets beside the checkout (skips when absent)."""
    return require_shared()


@pytest.fixture(scope="session")
def run_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run `skyledger *args` in a subprocess; returns the CompletedProcess (text mode)."""

    def run(*args: str | os.PathLike[str], input: str | None = None,
            timeout: float = 300, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*cli_command(), *map(str, args)], input=input, capture_output=True, text=True,
            encoding="utf-8", env={**cli_env(), **(env or {})}, timeout=timeout,
            stdin=None if input is not None else subprocess.DEVNULL,
        )

    return run


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/*.json from the extractor's current output")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether golden files are rewritten instead of compared (pytest --update-golden)."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def extractor() -> Any:
    """The default extractor (packaged gazetteer and languages), built once per session."""
    from skyledger.pipeline import default_extractor

    return default_extractor()


@pytest.fixture(scope="session")
def extract_text(extractor: Any) -> Callable[..., dict[str, Any]]:
    """Extract from one text and return the contract's output dict.

    A document in a language without data (no lexicon yet) gives an empty line.
    """
    from skyledger.contract import to_dict
    from skyledger.model import RawItem
    from skyledger.normalize import normalize

    def extract(text: str, published: str | None = None, lang: str | None = None,
                doc_id: str = "test") -> dict[str, Any]:
        doc = normalize(RawItem(id=doc_id, text=text, published=published, lang=lang))
        return to_dict(extractor.extract(doc))

    return extract


@pytest.fixture(scope="session")
def schema_validator(shared_dir: Path) -> Any:
    """A Draft 2020-12 validator for shared/contract/extraction.schema.json."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((shared_dir / "contract" / "extraction.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_errors(validator: Any, line: dict[str, Any]) -> list[str]:
    """Readable schema violations of one output line (empty when valid)."""
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(line)]


def evidence_problems(text: str, line: dict[str, Any]) -> list[str]:
    """Evidence spans of an output line whose offsets do not reproduce their text."""
    bad = []
    for item in [*line.get("incidents", []), *line.get("disruptions", [])]:
        for ev in item.get("evidence", []):
            if text[ev["start"]:ev["end"]] != ev["text"]:
                bad.append(f"{item['id']}: [{ev['start']}:{ev['end']}] "
                           f"{text[ev['start']:ev['end']]!r} != {ev['text']!r}")
    return bad


@pytest.fixture(scope="session")
def check_line(schema_validator: Any) -> Callable[[str, dict[str, Any]], None]:
    """Assert one output line validates and all its evidence spans match `text`."""

    def check(text: str, line: dict[str, Any]) -> None:
        assert schema_errors(schema_validator, line) == []
        assert evidence_problems(text, line) == []

    return check


# --- ledger databases: every store test runs on SQLite and on PostgreSQL ---------------------

PG_URL = os.environ.get("SKYLEDGER_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def _postgres_problem() -> str | None:
    """Why the test PostgreSQL server cannot be used, or None when it answers."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install -e '.[test]')"
    try:
        psycopg.connect(PG_URL, connect_timeout=3).close()
    except psycopg.Error as exc:
        return f"no PostgreSQL server answers at {PG_URL} ({str(exc).strip().splitlines()[0]})"
    return None


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_db(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """A `--db` value for an empty ledger: a SQLite file, or a fresh PostgreSQL schema.

    Each PostgreSQL test gets its own schema (dropped afterwards), so parallel runs do not
    collide. Without a server the PostgreSQL case skips, except under CI=true where it fails.
    """
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    problem = _postgres_problem()
    if problem is not None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{problem}, and CI=true requires PostgreSQL")
        pytest.skip(problem)
    import uuid

    import psycopg

    schema = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(PG_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
