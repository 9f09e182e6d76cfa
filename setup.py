"""Build: the extraction engine (`skyledger.extract`) is compiled to C with mypyc when it can be.

Everything else is plain Python and declared in pyproject.toml. The compiled engine runs the
same code about 1.5x faster (docs/performance.md). Compiling is optional: with no C compiler, or
with SKYLEDGER_PURE_PYTHON=1 set at install, the engine runs from its Python sources, and
`skyledger.engine` says which build is in use.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ENGINE = Path("src", "skyledger", "extract")


def _engine_module():
    """skyledger/engine.py on its own (the package's dependencies are not installed at build time)."""
    spec = importlib.util.spec_from_file_location("_skyledger_engine", Path("src", "skyledger", "engine.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


engine = _engine_module()   # names the record of compiled sources and how it is checked


def engine_sources() -> list[Path]:
    return sorted(ENGINE.glob("*.py"))


# setup.py also runs to read metadata: compile (half a minute of type checking) only when building
_BUILDS = {"build", "build_ext", "bdist_wheel", "editable_wheel", "develop", "install"}


def compiled_extensions() -> list:
    if not _BUILDS & set(sys.argv[1:]):
        return []
    if os.environ.get(engine.PURE_ENV):
        _not_compiled(f"installed with {engine.PURE_ENV}=1")
        return []
    report = io.StringIO()
    try:
        from mypyc.build import mypycify

        # the engine is type-checked as compiled, every function annotated (an untyped one would run as
        # slowly as interpreted code); what it imports (spaCy, the gazetteer) is read for its types only,
        # and libraries without type information count as untyped
        options = ["--ignore-missing-imports", "--follow-imports=silent", "--disallow-untyped-defs",
                   "--disallow-incomplete-defs"]
        with contextlib.redirect_stdout(report):   # mypy prints type errors, then exits
            extensions = mypycify(options + [str(p) for p in engine_sources()], opt_level="3")
    except (Exception, SystemExit) as exc:
        errors = [line for line in report.getvalue().splitlines() if ": error:" in line]
        reason = "; ".join(errors[:3]) or f"{type(exc).__name__}: {exc}"
        print(f"skyledger: the extraction engine stays pure Python: {reason}", file=sys.stderr)
        _not_compiled(reason)
        return []
    for ext in extensions:
        ext.optional = True   # a failed compile leaves the pure-Python engine, not a failed install
    return extensions


class BuildEngine(build_ext):
    """Builds the extensions, then records which sources they were built from, only when all of
    them were built: a partial or stale build is never used."""

    def run(self) -> None:
        super().run()
        if not self.extensions:
            return
        target = Path(self.get_ext_fullpath("skyledger.extract.view")).parent
        manifest = target / engine.MANIFEST
        built = all(Path(self.get_ext_fullpath(ext.name)).exists() for ext in self.extensions)
        if not built:
            manifest.unlink(missing_ok=True)
            print("skyledger: some engine modules did not compile; the engine stays pure Python",
                  file=sys.stderr)
            return
        sources = engine.source_hashes(ENGINE)
        manifest.write_text(json.dumps({"compiler": "mypyc", "sources": sources}, indent=1) + "\n", "utf-8")


def _not_compiled(reason: str) -> None:
    """Record why the engine was not compiled, where an editable install's engine reads it; modules an
    earlier install compiled there are no longer used (`skyledger --version` gives the reason)."""
    (ENGINE / engine.MANIFEST).write_text(json.dumps({"compiler": "mypyc", "error": reason}) + "\n", "utf-8")


setup(ext_modules=compiled_extensions(), cmdclass={"build_ext": BuildEngine})
