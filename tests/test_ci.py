"""CI plumbing: .ci/run runs exactly the README's test command."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
TEST_COMMAND = 'python3 -m venv .venv && .venv/bin/pip install -q -e ".[test]" && .venv/bin/python -m pytest -q'


@pytest.mark.parametrize("line", ["set -euo pipefail", 'export CI="${CI:-true}"', TEST_COMMAND,
                                  '"$status" -eq 5'])
def test_ci_run_script_has(line):
    script = REPO_ROOT / ".ci" / "run"
    assert os.access(script, os.X_OK), f"{script} is not executable"
    assert line in script.read_text("utf-8")


@pytest.mark.parametrize("command", [TEST_COMMAND])
def test_ci_readme_test_command_matches(command):
    readme = REPO_ROOT / "README.md"
    if not readme.is_file():
        pytest.skip("README.md is not in this checkout")
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", readme.read_text("utf-8"), re.S)
    assert command in [b.strip() for b in blocks]
