"""The registries are the one place a loss or an activation is defined.

A toy loss (and a toy activation) added as one registry entry shows up in the config check, the
trace (values, and gradients against finite differences) and the answer key; and every registered
entry's templates, text and LaTeX, agree with its own functions.
"""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

import numpy as np
import pytest

from nnmath import ACTIVATIONS, LOSSES, Activation, Loss, parse_config, train_step
from nnmath.cli import main
from nnmath.config import DEFAULT_CONFIG
from nnmath.losses import P, Piece, Y, latex_tokens, substitute_text, zero_markers
from nnmath.notation import format_number
from tests.test_gradients import numeric_gradients

QUARTIC = Loss(
    name="quartic",
    terms=lambda y_hat, y: (y - y_hat) ** 4,
    derivative=lambda y_hat, y: 4.0 * (y_hat - y) ** 3,
    formula="E = Σ (y − ŷ)⁴",
    latex=r"E = \sum_k (y_k - \hat y_k)^4",
    derivative_formula="4 (ŷ − y)³",
    derivative_latex=r"\frac{\partial E}{\partial \hat y_k} = 4(\hat y_k - y_k)^3",
    term=(Piece("(", "("), Y, Piece("-", " − "), P, Piece(")^4", ")⁴")),
    slope=(Piece("4(", "4 ("), P, Piece("-", " − "), Y, Piece(")^3", ")³")),
)

SOFTSIGN = Activation(
    name="softsign",
    value=lambda z: z / (1.0 + np.abs(z)),
    derivative=lambda z: 1.0 / (1.0 + np.abs(z)) ** 2,
    formula="softsign(z) = z / (1 + |z|),  softsign′(z) = 1 / (1 + |z|)²",
    latex=r"\mathrm{softsign}",
)

DEFAULT = DEFAULT_CONFIG.read_text()


def with_network(**settings: str) -> str:
    """The default config with some [network] settings replaced, e.g. ``loss="quartic"``."""
    text = DEFAULT
    for key, value in settings.items():
        text, count = re.subn(rf'^{key} = "\w+"', f'{key} = "{value}"', text, count=1, flags=re.MULTILINE)
        assert count == 1, key
    return text


def answer_key_of(text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / "toy.toml"
    path.write_text(text)
    assert main(["trace", "--config", str(path)]) == 0
    return capsys.readouterr().out


# --- a toy loss, added as one registry entry -----------------------------------------------


@pytest.fixture
def quartic(monkeypatch: pytest.MonkeyPatch) -> Loss:
    monkeypatch.setitem(LOSSES, QUARTIC.name, QUARTIC)
    return QUARTIC


def test_a_new_loss_is_one_registry_entry(quartic: Loss, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = with_network(loss="quartic")
    config = parse_config(text, "toy.toml")
    assert config.loss == "quartic"
    t = train_step(config)

    # the trace: its terms, E and ∂E/∂ŷ, and backpropagation through it against finite differences
    np.testing.assert_allclose(t.loss_terms, (t.y - t.y_hat) ** 4)
    assert t.loss == pytest.approx(float(np.sum((t.y - t.y_hat) ** 4)))
    np.testing.assert_allclose(t.dE_dyhat, 4 * (t.y_hat - t.y) ** 3)
    numeric_w, numeric_b = numeric_gradients(config)
    for analytic, numeric in zip((*t.grad_weights, *t.grad_biases), (*numeric_w, *numeric_b), strict=True):
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-8)
    assert t.loss_after < t.loss

    # the answer key: its formula, one output's term and slope with the numbers put in
    key = answer_key_of(text, tmp_path, capsys)

    def f(value: float) -> str:
        return format_number(float(value), config.decimals)

    y, p = f(t.y[0]), f(t.y_hat[0])
    assert "- Loss: quartic — E = Σ (y − ŷ)⁴" in key
    assert "\nE = Σ (y − ŷ)⁴\n" in key
    assert f"| 1 | {p} | {y} | ({y} − {p})⁴ | {f(t.loss_terms[0])} |" in key
    assert f"E = **{f(t.loss)}**" in key
    assert "The backward pass starts from ∂E/∂ŷ = 4 (ŷ − y)³:" in key
    assert f"- ∂E/∂ŷ₁ = 4 ({p} − {y})³ = {f(t.dE_dyhat[0])}" in key


def test_a_new_loss_brings_its_own_config_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a loss needs of the config (an output activation, a range of targets) is in its entry too."""
    bounded = dataclasses.replace(QUARTIC, name="bounded_quartic", output_activation="tanh", targets=(-1.0, 1.0))
    monkeypatch.setitem(LOSSES, bounded.name, bounded)
    with pytest.raises(
        ValueError, match=r'network.output_activation: bounded_quartic needs output_activation = "tanh"'
    ):
        parse_config(with_network(loss="bounded_quartic"), "toy.toml")
    good = with_network(loss="bounded_quartic", output_activation="tanh")
    assert parse_config(good, "toy.toml").loss == "bounded_quartic"
    with pytest.raises(ValueError, match=r"sample.y\[0\]: bounded_quartic needs targets in \[-1, 1\], got 1.5"):
        parse_config(good.replace("y = [0.01]", "y = [1.5]"), "toy.toml")


def test_an_unregistered_loss_is_unknown() -> None:
    with pytest.raises(ValueError, match='unknown loss "quartic"'):
        parse_config(with_network(loss="quartic"), "toy.toml")


# --- a toy activation, added as one registry entry -----------------------------------------


def test_a_new_activation_is_one_registry_entry(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(ACTIVATIONS, SOFTSIGN.name, SOFTSIGN)
    text = with_network(hidden_activation="softsign")
    config = parse_config(text, "toy.toml")
    t = train_step(config)
    np.testing.assert_allclose(t.a[1], t.z[1] / (1 + np.abs(t.z[1])))
    numeric_w, numeric_b = numeric_gradients(config)
    for analytic, numeric in zip((*t.grad_weights, *t.grad_biases), (*numeric_w, *numeric_b), strict=True):
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-8)
    key = answer_key_of(text, tmp_path, capsys)
    assert f"- Hidden layers' activation: softsign — {SOFTSIGN.formula}" in key
    z = format_number(t.z[1][0], config.decimals)
    assert f"softsign({z}) = {format_number(t.a[1][0], config.decimals)}" in key


# --- every registered entry is whole and agrees with itself ----------------------------------


def balanced(latex: str) -> bool:
    depth = 0
    for char in latex:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize("name", LOSSES)
def test_every_loss_template_substitutes_cleanly(name: str) -> None:
    loss = LOSSES[name]
    assert loss.name == name
    assert loss.formula.startswith("E = ") and loss.latex.startswith("E = ")
    assert balanced(loss.latex) and balanced(loss.derivative_latex)
    for template in (loss.term, loss.slope):
        assert Y in template and P in template
        text = substitute_text(template, "0.1234", "0.5678", 3)
        assert "0.1234" in text and "0.5678" in text
        assert not re.search(r"[{}]|Marker", text), text
        y, p = object(), object()
        tokens = latex_tokens(template, y, p, 3)
        assert y in tokens and p in tokens
        latex = "".join(t for t in tokens if isinstance(t, str))
        assert "{n}" not in latex and "Marker" not in latex and balanced(latex), latex
        assert all(isinstance(t, str) or t is y or t is p for t in tokens)


@pytest.mark.parametrize("name", LOSSES)
def test_a_term_never_signs_a_zero(name: str) -> None:
    """A number that reads 0 is never signed, in the key or the video, yet the formula's minus stays (−y ln ŷ with
    y = 0 is −(0.0000 ln ŷ), FINDINGS-5 #11); a binary minus before a zero stays (ŷ − 0.0000)."""
    loss = LOSSES[name]
    for template in (loss.term, loss.slope):
        for y, p in (("0.0000", "0.3359"), ("0.3359", "0.0000")):
            text = substitute_text(template, y, p, 3)
            assert not re.search(r"−−|(?:^|[^ ])[−-]0\.0+(?![\d.])", text), text
            tokens = ["=", *latex_tokens(template, y, p, 3, zero_markers(float(y), float(p), 4))]
            signed = [  # a unary minus (after "=" or an opening) before the zero
                c
                for a, b, c in zip(tokens, tokens[1:], tokens[2:], strict=False)
                if b == "-" and c == "0.0000" and a[-1] in "=(["
            ]
            assert not signed, tokens
    if name == "cross_entropy":
        assert substitute_text(loss.term, "0.0000", "0.3359", 3) == "−(0.0000 ln 0.3359)"
        assert substitute_text(loss.term, "1.0000", "0.3359", 3) == "−1.0000 ln 0.3359"
        assert substitute_text(loss.slope, "0.0000", "0.3359", 3) == "−(0.0000 / 0.3359)"
        zero = zero_markers(0.0, 0.3, 4)
        assert latex_tokens(loss.term, "y", "p", 3, zero) == ["-", "(", "y", r"\ln", "p", ")"]
    if name == "half_squared_error":
        assert substitute_text(loss.slope, "0.0000", "0.7514", 1) == "0.7514 − 0.0000"


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_every_activation_is_whole(name: str) -> None:
    activation = ACTIVATIONS[name]
    assert activation.name == name
    assert activation.formula and activation.latex.startswith("\\") and balanced(activation.latex)


def text_to_python(text: str) -> str:
    """The answer key's notation, with numbers in, as a Python expression."""
    for old, new in {"−": "-", "½": "(1/2)", "²": "**2", "³": "**3", "⁴": "**4", "[": "(", "]": ")"}.items():
        text = text.replace(old, new)
    text = re.sub(r"\bln\s+([\d.]+)", r"log(\1)", text)
    text = re.sub(r"\bln\s*\(", "log(", text)
    return re.sub(r"(?<=[\d)])\s*(?=[(a-z])", "*", text)  # juxtaposition is a product


def latex_to_python(latex: str) -> str:
    """The video's LaTeX, with numbers in, as a Python expression."""
    latex = re.sub(r"\\t?frac\{([^{}]*)\}\{([^{}]*)\}", r"((\1)/(\2))", latex)
    for old, new in {r"\,/\,": "/", r"\ln": " ln ", "^": "**", "[": "(", "]": ")", "{": "(", "}": ")"}.items():
        latex = latex.replace(old, new)
    return text_to_python(latex)


@pytest.mark.parametrize("name", LOSSES)
def test_every_loss_template_computes_its_own_functions(name: str) -> None:
    """Each output's term and slope, as printed and as set in LaTeX, evaluate to ``terms`` and ``derivative``."""
    loss = LOSSES[name]
    y = np.array([0.2, 0.9, 0.35])
    y_hat = np.array([0.7, 0.4, 0.3])
    n = len(y)
    for template, values in ((loss.term, loss.terms(y_hat, y)), (loss.slope, loss.derivative(y_hat, y))):
        for k in range(n):
            yk, pk = str(y[k]), str(y_hat[k])
            text = text_to_python(substitute_text(template, yk, pk, n))
            latex = latex_to_python(" ".join(latex_tokens(template, yk, pk, n)))
            for expression in (text, latex):
                assert eval(expression, {"log": math.log}) == pytest.approx(values[k]), expression


@pytest.mark.parametrize("name", LOSSES)
def test_every_loss_derivative_matches_finite_differences_of_its_terms(name: str) -> None:
    loss = LOSSES[name]
    rng = np.random.default_rng(0)
    h = 1e-6
    for n in (1, 2, 4):
        y_hat = rng.uniform(0.05, 0.95, n)
        y = rng.uniform(0.0, 1.0, n)
        numeric = np.array(
            [(loss.terms(y_hat + h * e, y).sum() - loss.terms(y_hat - h * e, y).sum()) / (2 * h) for e in np.eye(n)]
        )
        np.testing.assert_allclose(loss.derivative(y_hat, y), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_every_activation_derivative_matches_finite_differences(name: str) -> None:
    activation = ACTIVATIONS[name]
    z = np.array([-2.5, -0.7, -0.1, 0.3, 1.1, 3.0])  # away from relu's kink at 0
    h = 1e-6
    # ∂aₘ/∂zₖ column by column: the Jacobian (diagonal for an elementwise activation) and its diagonal
    numeric = np.column_stack(
        [(activation.value(z + h * e) - activation.value(z - h * e)) / (2 * h) for e in np.eye(len(z))]
    )
    np.testing.assert_allclose(activation.jacobian_at(z), numeric, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(activation.derivative(z), np.diag(numeric), rtol=1e-6, atol=1e-8)
