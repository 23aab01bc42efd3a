"""``python -m nnmath trace`` through the real entry point: JSON and the Markdown answer key."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from nnmath import load_config, train_step
from nnmath.config import DEFAULT_CONFIG


def run_trace(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nnmath", "trace", *args], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_json_holds_the_whole_trace(tmp_path: Path) -> None:
    result = run_trace("--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    trace = train_step(load_config())
    assert data["config"] == str(DEFAULT_CONFIG)
    assert data["loss"] == trace.loss and data["loss_after"] == trace.loss_after
    assert data["y_hat"] == trace.y_hat.tolist()
    assert data["new_weights"] == [w.tolist() for w in trace.new_weights]
    assert data["grad_weights"][1] == [[trace.grad_weights[1][0, 0], trace.grad_weights[1][0, 1]]]
    for key in ("z", "a", "delta", "dE_da", "da_dz", "dz_dw", "upstream_terms", "grad_biases", "new_biases"):
        assert key in data


def test_markdown_answer_key_for_the_default(tmp_path: Path) -> None:
    result = run_trace(cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    key = result.stdout
    for heading in (
        "## The network",
        "## Step 1: Forward pass",
        "## Step 2: Error",
        "## Step 3: Backward pass",
        "## Step 4: Weight update",
    ):
        assert heading in key
    assert "| a⁽¹⁾₁ | 0.1500·0.0500 + 0.2000·0.1000 + 0.3500 | z⁽¹⁾₁ = 0.3775 | sigmoid(0.3775) = 0.5933 |" in key
    assert "E = **0.2748**" in key
    assert "| w⁽²⁾₁₁ | 0.4000 | 0.0411 | 0.3589 |" in key
    assert "E before = 0.2748 → E after = **0.2580** (smaller)" in key


def test_markdown_parenthesises_negative_factors(tmp_path: Path) -> None:
    result = run_trace("--config", str(DEFAULT_CONFIG.parent / "mazur-2-2-2.toml"), cwd=tmp_path)
    assert "0.5000·(−0.0381)" in result.stdout  # a minus sign as the video writes it, not a hyphen
    assert "·−" not in result.stdout and not re.search(r"(?<![\w)])-\d", result.stdout)


def test_decimals_follow_the_config(tmp_path: Path) -> None:
    config = tmp_path / "six.toml"
    config.write_text(DEFAULT_CONFIG.read_text().replace("decimals = 4", "decimals = 6"))
    result = run_trace("--config", str(config), cwd=tmp_path)
    assert "E = **0.274811**" in result.stdout


def test_nnmath_never_imports_manim() -> None:
    code = (
        "import sys, nnmath, nnmath.cli, nnmath.answer_key, nnmath.homework;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('manim', 'scenes')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_every_shipped_key_writes_minus_signs_as_the_video_does() -> None:
    """A negative number in the answer key reads "−0.3000", as on screen, never with a hyphen "-0.3000"."""
    from nnmath.answer_key import answer_key

    for path in sorted((Path(__file__).parent.parent / "assets").glob("*.toml")):
        config = load_config(path)
        key = answer_key(config, train_step(config))
        assert "−" in key, path.name
        assert not re.search(r"(^|[\s(|=·,\[*])-\d", key, re.M), path.name
