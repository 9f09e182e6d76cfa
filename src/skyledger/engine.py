"""Which build of the extraction engine runs: mypyc-compiled modules or their Python sources.

An install compiles `skyledger.extract` with mypyc when it can (setup.py) and records the hash
of every source it compiled in `extract/compiled.json`. The compiled modules are used only when
that record matches the sources now on disk; otherwise (a source edited in an editable install,
a partial build) the engine is imported from its `.py` files, so an edit always takes effect.
`SKYLEDGER_PURE_PYTHON=1` asks for the sources (for profiling and debugging: cProfile and
tracebacks do not see inside compiled functions). Both builds run the same code and give the same
output.

`build()` decides once, called from `skyledger/__init__.py` before anything imports the engine.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

PACKAGE = "skyledger.extract"
PURE_ENV = "SKYLEDGER_PURE_PYTHON"
_DIR = Path(__file__).resolve().parent / "extract"
MANIFEST = "compiled.json"   # written by setup.py next to the compiled modules


@dataclass(frozen=True)
class Build:
    """The engine build in use: `compiled` True for mypyc, with why not otherwise."""

    compiled: bool
    reason: str

    def describe(self) -> str:
        return "compiled (mypyc)" if self.compiled else f"pure Python ({self.reason})"


def source_hashes(directory: Path) -> dict[str, str]:
    """The SHA-256 of each engine source, by module name (what setup.py records after compiling)."""
    return {p.stem: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.glob("*.py"))}


def _has_extensions(directory: Path) -> bool:
    return any((directory / ("view" + suffix)).exists() for suffix in importlib.machinery.EXTENSION_SUFFIXES)


def choose(directory: Path = _DIR, pure: bool = False) -> Build:
    """Which build to run for the engine package in `directory` (`pure`: the sources asked for)."""
    if pure:
        return Build(False, f"{PURE_ENV} is set")
    try:
        record = json.loads((directory / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        record = {}
    if not isinstance(record, dict):
        record = {}
    error = str(record.get("error") or "")   # why the last install did not compile, if it said
    if error:   # (modules an earlier install compiled may still lie there: not used)
        return Build(False, f"not compiled by the last install: {error}")
    if not _has_extensions(directory):
        return Build(False, f"not compiled at install: no C compiler, or installed with {PURE_ENV}=1")
    recorded = record.get("sources")
    if not isinstance(recorded, dict):
        return Build(False, "the compiled modules have no record of their sources (a partial build); "
                            "reinstall to compile")
    current = source_hashes(directory)
    if current != recorded:
        changed = sorted(k for k in current.keys() | recorded.keys() if current.get(k) != recorded.get(k))
        return Build(False, f"sources changed since they were compiled ({', '.join(changed)}); "
                            "run `pip install -e .` again to recompile")
    return Build(True, "")


class _Sources(importlib.abc.MetaPathFinder):
    """Finds the engine's modules in their `.py` files, ahead of the compiled ones beside them."""

    def find_spec(self, name: str, path: object = None, target: ModuleType | None = None) \
            -> importlib.machinery.ModuleSpec | None:
        if name == PACKAGE:
            return importlib.util.spec_from_file_location(name, _DIR / "__init__.py",
                                                          submodule_search_locations=[str(_DIR)])
        if name.startswith(PACKAGE + ".") and name.count(".") == 2:
            source = _DIR / (name.rsplit(".", 1)[1] + ".py")
            if source.exists():
                return importlib.util.spec_from_file_location(name, source)
        return None


_build: Build | None = None


def build() -> Build:
    """The engine build this process runs, decided on the first call (from `skyledger/__init__.py`,
    before anything imports the engine): unless compiled, the engine is imported from its sources."""
    global _build
    if _build is None:
        _build = choose(_DIR, bool(os.environ.get(PURE_ENV)))
        if not _build.compiled and _has_extensions(_DIR) and not any(isinstance(f, _Sources) for f in sys.meta_path):
            sys.meta_path.insert(0, _Sources())
    return _build
