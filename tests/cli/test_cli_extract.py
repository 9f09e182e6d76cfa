"""`skyledger extract` through a subprocess: help, formats, stdin, bad inputs, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

GOOD_EN = "Air defences destroyed 12 drones over the Bryansk region last night.\n"
RU_TEXT = "Силы ПВО сбили 12 беспилотников над Брянской областью этой ночью. Пострадавших нет.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(range(256))
HTML = ("<html><head><title>Drones</title><script>var drones = 999; alert('Traceback');</script>"
        "</head><body><article><p>" + GOOD_EN.strip() + "</p>"
        "<script>document.write('77 missiles over the Kursk region')</script></article></body></html>")
BIG = 50_000_000

# name -> (how to create it under tmp, expected error code or None when it reads fine)
BAD_INPUTS = {
    "missing.txt": (None, "not_found"),
    "a_directory": ("dir", "is_directory"),
    "image.png": (PNG, "binary"),
    "empty.txt": (b"", "empty"),
    "huge.txt": ("big", "too_large"),
}
ODD_BUT_READABLE = {
    "cp1251.txt": RU_TEXT.encode("cp1251"),
    "utf16.txt": RU_TEXT.encode("utf-16"),
    "page.html": HTML.encode("utf-8"),
}


def make_input(tmp: Path, name: str, content: object) -> Path:
    """Create one test input (a file, a directory, a 50 MB file, or nothing)."""
    path = tmp / name
    if content == "dir":
        path.mkdir()
    elif content == "big":
        block = (GOOD_EN * 64).encode("utf-8")
        with open(path, "wb") as f:
            f.write(block * (BIG // len(block) + 1))
    elif isinstance(content, bytes):
        path.write_bytes(content)
    return path


def lines_of(proc) -> list[dict]:
    return [json.loads(x) for x in proc.stdout.splitlines() if x.strip()]


def no_traceback(proc) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr


@pytest.fixture(scope="module")
def good_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("good") / "good.txt"
    path.write_text(GOOD_EN, "utf-8")
    return path


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory, run_cli, good_file):
    """One run over every bad and odd input, a batch with broken lines, and a good file."""
    tmp = tmp_path_factory.mktemp("mixed")
    paths = {n: make_input(tmp, n, c) for n, (c, _) in BAD_INPUTS.items()}
    paths |= {n: make_input(tmp, n, c) for n, c in ODD_BUT_READABLE.items()}
    batch = tmp / "batch.jsonl"
    batch.write_text("\n".join([
        json.dumps({"id": "b1", "text": GOOD_EN}),
        '{"id": "b2", "text": "unterminated',
        "not json at all",
        json.dumps({"id": "b4", "text": RU_TEXT, "lang": "ru"}, ensure_ascii=False),
    ]) + "\n", "utf-8")
    paths["batch.jsonl"] = batch
    args = [*paths.values(), good_file]
    return paths, run_cli("extract", *args, "--format", "jsonl")


@pytest.mark.parametrize("option", ["--help", "-h"])
def test_cli_extract_help_shows_example(run_cli, option):
    proc = run_cli("extract", option)
    assert proc.returncode == 0
    assert "Example" in proc.stdout
    assert "--format" in proc.stdout


@pytest.mark.parametrize("args", [["--no-such-option"], ["--format", "xml"], []],
                         ids=["unknown-option", "bad-format", "no-paths"])
def test_cli_extract_bad_usage_exits_2(run_cli, good_file, args):
    proc = run_cli("extract", *([good_file] if args else []), *args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    no_traceback(proc)


@pytest.fixture(scope="module")
def seeds(shared_dir) -> list[Path]:
    paths = sorted((shared_dir / "seeds").glob("*.txt"))
    assert len(paths) == 2
    return paths


@pytest.mark.parametrize("fmt", ["jsonl"])
def test_cli_extract_seeds_jsonl(run_cli, seeds, fmt):
    proc = run_cli("extract", *seeds, "--format", fmt)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    lines = lines_of(proc)
    assert len(lines) == 2
    assert [line["doc_id"] for line in lines] == [str(p) for p in seeds]
    assert all(line["error"] is None and line["incidents"] for line in lines)


@pytest.fixture(scope="module")
def seeds_table(run_cli, seeds):
    return run_cli("extract", *seeds, "--format", "table")


@pytest.mark.parametrize("region", ["Kaluga Oblast", "Moscow", "Voronezh Oblast", "Belgorod Oblast"])
def test_cli_extract_seeds_table_names_regions(seeds_table, region):
    proc = seeds_table
    assert proc.returncode == 0, proc.stderr
    assert "skyledger: incidents" in proc.stdout
    assert region in proc.stdout
    assert not proc.stdout.lstrip().startswith("{")


def _first_line_with(table: str, *needles: str) -> str:
    """The first printed line of the table that holds all `needles`."""
    return next(line for line in table.splitlines() if all(n in line for n in needles))


def test_cli_extract_seeds_table_gives_disruptions_rows_of_their_own(seeds_table):
    """The Moscow airports and the Voronezh outage are shown where they happened, each on a row of
    its own, not on the row of the document's first incident (Kaluga)."""
    out = seeds_table.stdout
    assert "Kaluga" not in _first_line_with(out, "airport_restriction")
    assert "Moscow Oblast" in _first_line_with(out, "disruption", "airport_restriction")
    assert "Voronezh Oblast" in _first_line_with(out, "disruption", "power_outage")
    assert "Kaluga Oblast" in _first_line_with(out, "disruption", "transport_closure")


def test_cli_extract_seeds_table_labels_claims_and_roles(seeds_table):
    """Square brackets are printed, not read as console markup: the certainty labels a claim as one."""
    out = seeds_table.stdout
    assert "[claimed]" in out and "[reported]" in out
    assert "interception [total]" in out and "interception [item]" in out


def test_cli_extract_table_prints_hostile_ids_as_written(run_cli):
    line = json.dumps({"id": "x[bold]evil[red]", "text": "Nothing happened today."}) + "\n"
    proc = run_cli("extract", "-", "--format", "table", input=line)
    assert proc.returncode == 0, proc.stderr
    assert "x[bold]evil[red]" in proc.stdout


@pytest.mark.parametrize(
    ("stdin", "ids"),
    [
        (GOOD_EN, ["-"]),
        (json.dumps({"id": "s1", "text": GOOD_EN}) + "\n"
         + json.dumps({"id": "s2", "text": "Nothing happened today."}) + "\n", ["s1", "s2"]),
    ],
    ids=["plain-text", "jsonl-batch"],
)
def test_cli_extract_reads_stdin(run_cli, stdin, ids):
    proc = run_cli("extract", "-", "--format", "jsonl", input=stdin)
    assert proc.returncode == 0, proc.stderr
    lines = lines_of(proc)
    assert [line["doc_id"] for line in lines] == ids
    assert lines[0]["error"] is None
    assert [i["count"] for i in lines[0]["incidents"]] == [12]


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_cli_extract_bad_input_reported(mixed_run, name):
    paths, proc = mixed_run
    path, code = str(paths[name]), BAD_INPUTS[name][1]
    no_traceback(proc)
    messages = [m for m in proc.stderr.splitlines() if path in m]
    assert len(messages) == 1, proc.stderr
    assert messages[0].startswith("skyledger: ")
    line = next(line for line in lines_of(proc) if line["doc_id"] == path)
    assert line["error"]["code"] == code
    assert path in line["error"]["message"]
    assert line["incidents"] == [] and line["disruptions"] == []


@pytest.mark.parametrize(("lineno", "code"), [(2, "bad_json"), (3, "bad_json")])
def test_cli_extract_broken_batch_line_reported(mixed_run, lineno, code):
    paths, proc = mixed_run
    where = f"{paths['batch.jsonl']}:{lineno}"
    no_traceback(proc)
    assert len([m for m in proc.stderr.splitlines() if where in m]) == 1, proc.stderr
    errors = [line["error"] for line in lines_of(proc) if line["error"]]
    assert any(e["code"] == code and where in e["message"] for e in errors), errors


@pytest.mark.parametrize("name", list(ODD_BUT_READABLE))
def test_cli_extract_odd_encodings_and_html_read(mixed_run, name):
    paths, proc = mixed_run
    path = str(paths[name])
    line = next(line for line in lines_of(proc) if line["doc_id"] == path)
    assert line["error"] is None, line["error"]
    assert not [m for m in proc.stderr.splitlines() if path in m]


@pytest.mark.parametrize("needle", ["999", "77", "Kursk"])
def test_cli_extract_html_script_ignored(mixed_run, needle):
    paths, proc = mixed_run
    line = next(line for line in lines_of(proc) if line["doc_id"] == str(paths["page.html"]))
    assert [i["count"] for i in line["incidents"]] == [12]
    assert all(needle not in ev["text"] for i in line["incidents"] for ev in i["evidence"])


@pytest.mark.parametrize("check", ["order", "good-processed", "exit-0"])
def test_cli_extract_batch_goes_on(mixed_run, good_file, check):
    paths, proc = mixed_run
    ids = [line["doc_id"] for line in lines_of(proc)]
    if check == "order":
        batch = str(paths["batch.jsonl"])
        files = [str(p) for n, p in paths.items() if n != "batch.jsonl"]
        assert ids == [*files, "b1", f"{batch}:2", f"{batch}:3", "b4", str(good_file)]
    elif check == "good-processed":
        line = next(line for line in lines_of(proc) if line["doc_id"] == str(good_file))
        assert line["error"] is None and [i["count"] for i in line["incidents"]] == [12]
    else:
        assert proc.returncode == 0


@pytest.mark.parametrize("with_good", [False, True], ids=["alone", "beside-good"])
def test_cli_extract_huge_file(tmp_path, run_cli, good_file, with_good):
    huge = make_input(tmp_path, "huge.txt", "big")
    proc = run_cli("extract", huge, *([good_file] if with_good else []), "--format", "jsonl")
    no_traceback(proc)
    assert proc.returncode == (0 if with_good else 1)
    lines = lines_of(proc)
    assert lines[0]["doc_id"] == str(huge) and lines[0]["error"]["code"] == "too_large"
    assert len(lines) == (2 if with_good else 1)
    assert len([m for m in proc.stderr.splitlines() if str(huge) in m]) == 1


def test_cli_extract_nothing_readable_exits_1(tmp_path, run_cli):
    paths = [make_input(tmp_path, n, c) for n, (c, _) in BAD_INPUTS.items() if c != "big"]
    batch = tmp_path / "broken.jsonl"
    batch.write_text("{not json\n[1, 2]\n", "utf-8")
    proc = run_cli("extract", *paths, batch, "--format", "jsonl")
    no_traceback(proc)
    assert proc.returncode == 1
    lines = lines_of(proc)
    assert len(lines) == len(paths) + 2
    assert all(line["error"] and line["error"]["code"] for line in lines)
    assert len(proc.stderr.splitlines()) == len(lines)


def test_cli_extract_examples_are_dated_by_their_manifest(run_cli):
    proc = run_cli("extract", "--examples", "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    lines = {d["doc_id"]: d for d in map(json.loads, proc.stdout.splitlines())}
    assert {"ex-en-01", "ex-ru-01", "ex-uk-01"} <= set(lines)
    first = lines["ex-en-01"]
    assert first["published"] == "2026-03-14T07:40:00+03:00"
    assert {i["time"]["date"] for i in first["incidents"]} == {"2026-03-14"}


def test_cli_extract_examples_table_reads_like_a_ledger(run_cli):
    proc = run_cli("extract", "--examples", "--format", "table", env={"COLUMNS": "200"})
    assert proc.returncode == 0, proc.stderr
    for needle in ("ex-en-01", "Bryansk Oblast", "2026-03-14", "1 injured", "VKO,DME", "launch"):
        assert needle in proc.stdout
