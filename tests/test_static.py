"""The code stays ruff-clean, and nnmath and scenes type-check (mypy, strict)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_lint_and_format() -> None:
    lint = run_tool("ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout
    style = run_tool("ruff", "format", "--check", ".")
    assert style.returncode == 0, style.stdout


def test_nnmath_and_scenes_type_check() -> None:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    assert settings["strict"] and set(settings["files"]) >= {"nnmath", "scenes"}
    result = run_tool("mypy")
    assert result.returncode == 0, result.stdout
