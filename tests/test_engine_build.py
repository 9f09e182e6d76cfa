"""The extraction engine runs compiled (mypyc) when installed with a compiler, from its sources
otherwise, and both builds give the same output."""

from __future__ import annotations

import importlib.machinery
import json
import os
import shutil
from pathlib import Path

import pytest

from skyledger import engine

ENGINE_DIR = Path(engine.__file__).resolve().parent / "extract"
IN_CI = os.environ.get("CI", "").lower() == "true"


def _require_compiled() -> None:
    build = engine.build()
    if build.compiled:
        return
    if IN_CI:   # .ci/run installs with gcc: the engine the suite measures must be the compiled one
        pytest.fail(f"the extraction engine is not compiled under CI: {build.reason}")
    pytest.skip(f"the extraction engine runs {build.describe()}")


def test_ci_runs_the_compiled_engine():
    _require_compiled()
    import skyledger.extract.view as view

    assert not view.__file__.endswith(".py"), view.__file__


def test_version_names_the_engine_build(run_cli):
    result = run_cli("--version")
    assert result.returncode == 0, result.stderr
    assert "extraction engine:" in result.stdout
    assert engine.build().describe() in result.stdout


def test_pure_python_asked_for_imports_the_sources(run_cli):
    _require_compiled()
    result = run_cli("--version", env={engine.PURE_ENV: "1"})
    assert f"pure Python ({engine.PURE_ENV} is set)" in result.stdout


def test_compiled_and_pure_engines_give_the_same_output(run_cli, shared_dir):
    _require_compiled()
    inputs = [*sorted((shared_dir / "seeds").glob("*.txt")), shared_dir / "eval" / "dev" / "uk.gold.jsonl",
              shared_dir / "eval" / "dev" / "ru.gold.jsonl"]
    compiled = run_cli("extract", "--format", "jsonl", *inputs)
    pure = run_cli("extract", "--format", "jsonl", *inputs, env={engine.PURE_ENV: "1"})
    assert compiled.returncode == 0 and pure.returncode == 0, compiled.stderr + pure.stderr
    assert len(compiled.stdout.splitlines()) == 2 + 10 + 25
    assert compiled.stdout == pure.stdout


@pytest.fixture
def built_copy(tmp_path: Path) -> Path:
    """A copy of an engine package as an install leaves it: sources, a compiled module, the record."""
    directory = tmp_path / "extract"
    directory.mkdir()
    for name in ("__init__.py", "view.py", "drafts.py"):
        (directory / name).write_text(f"# {name}\n", "utf-8")
    (directory / ("view" + importlib.machinery.EXTENSION_SUFFIXES[0])).write_bytes(b"\x7fELF")
    sources = engine.source_hashes(directory)
    (directory / engine.MANIFEST).write_text(json.dumps({"compiler": "mypyc", "sources": sources}), "utf-8")
    return directory


def test_a_build_matching_its_sources_is_used(built_copy):
    assert engine.choose(built_copy).compiled


def test_an_edited_source_falls_back_to_the_sources(built_copy):
    (built_copy / "drafts.py").write_text("# drafts.py, edited\n", "utf-8")
    build = engine.choose(built_copy)
    assert not build.compiled
    assert "sources changed since they were compiled (drafts)" in build.reason
    assert "pip install -e ." in build.reason


def test_a_new_source_falls_back_to_the_sources(built_copy):
    (built_copy / "weather.py").write_text("# new\n", "utf-8")
    assert "(weather)" in engine.choose(built_copy).reason


def test_a_build_without_its_record_is_not_used(built_copy):
    (built_copy / engine.MANIFEST).unlink()
    build = engine.choose(built_copy)
    assert not build.compiled and "partial build" in build.reason


def test_a_damaged_record_is_not_used(built_copy):
    (built_copy / engine.MANIFEST).write_text("{not json", "utf-8")
    assert not engine.choose(built_copy).compiled


def test_no_compiled_modules_means_pure_python(built_copy):
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        (built_copy / ("view" + suffix)).unlink(missing_ok=True)
    build = engine.choose(built_copy)
    assert not build.compiled and "not compiled at install" in build.reason


def test_a_failed_compile_says_why(built_copy):
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        (built_copy / ("view" + suffix)).unlink(missing_ok=True)
    error = 'src/skyledger/extract/view.py:12: error: Incompatible return value type  [return-value]'
    (built_copy / engine.MANIFEST).write_text(json.dumps({"compiler": "mypyc", "error": error}), "utf-8")
    build = engine.choose(built_copy)
    assert not build.compiled and build.reason == f"not compiled by the last install: {error}"


def test_modules_compiled_before_an_install_that_did_not_compile_are_not_used(built_copy):
    (built_copy / engine.MANIFEST).write_text(json.dumps({"error": f"installed with {engine.PURE_ENV}=1"}), "utf-8")
    build = engine.choose(built_copy)
    assert not build.compiled and engine.PURE_ENV in build.reason


def test_pure_python_wins_over_a_good_build(built_copy):
    assert not engine.choose(built_copy, pure=True).compiled


def test_the_sources_finder_resolves_engine_modules_to_py_files():
    finder = engine._Sources()
    spec = finder.find_spec("skyledger.extract.view")
    assert spec is not None and spec.origin == str(ENGINE_DIR / "view.py")
    package = finder.find_spec("skyledger.extract")
    assert package is not None and package.submodule_search_locations == [str(ENGINE_DIR)]
    assert finder.find_spec("skyledger.model") is None
    assert finder.find_spec("skyledger.extract.nothing_here") is None


@pytest.mark.skipif(shutil.which("gcc") is None and not IN_CI, reason="no C compiler to build with")
def test_the_install_records_every_compiled_source():
    _require_compiled()
    recorded = json.loads((ENGINE_DIR / engine.MANIFEST).read_text("utf-8"))["sources"]
    assert set(recorded) == {p.stem for p in ENGINE_DIR.glob("*.py")}
