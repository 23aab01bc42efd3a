"""Each loss as the video writes it: the formula, one output's term, and ∂E/∂ŷ, with numbers."""

from __future__ import annotations

from scenes.drawing.formula import Num, Token

FORMULAS = {
    "half_squared_error": r"E = \tfrac{1}{2} \sum_k (y_k - \hat y_k)^2",
    "squared_error": r"E = \sum_k (y_k - \hat y_k)^2",
    "mse": r"E = \tfrac{1}{n} \sum_k (y_k - \hat y_k)^2",
    "binary_cross_entropy": r"E = -\sum_k \big[ y_k \ln \hat y_k + (1 - y_k) \ln (1 - \hat y_k) \big]",
}

DERIVATIVES = {
    "half_squared_error": r"\frac{\partial E}{\partial \hat y_k} = \hat y_k - y_k",
    "squared_error": r"\frac{\partial E}{\partial \hat y_k} = 2(\hat y_k - y_k)",
    "mse": r"\frac{\partial E}{\partial \hat y_k} = \tfrac{2}{n}(\hat y_k - y_k)",
    "binary_cross_entropy": r"\frac{\partial E}{\partial \hat y_k} = \frac{\hat y_k - y_k}{\hat y_k (1 - \hat y_k)}",
}


def term_tokens(loss: str, y: Num, y_hat: Num, n: int) -> list[Token]:
    """One output's loss term with ``y`` and ``ŷ`` substituted."""
    if loss == "half_squared_error":
        return [r"\tfrac{1}{2}", "(", y, "-", y_hat, ")^2"]
    if loss == "squared_error":
        return ["(", y, "-", y_hat, ")^2"]
    if loss == "mse":
        return [rf"\tfrac{{1}}{{{n}}}", "(", y, "-", y_hat, ")^2"]
    if loss == "binary_cross_entropy":
        return ["-[", y, r"\ln", y_hat, "+", "(1 -", y, r")\ln(1 -", y_hat, ")]"]
    raise KeyError(loss)


def derivative_tokens(loss: str, y: Num, y_hat: Num, n: int) -> list[Token]:
    """∂E/∂ŷ for one output with ``y`` and ``ŷ`` substituted."""
    if loss == "half_squared_error":
        return [y_hat, "-", y]
    if loss == "squared_error":
        return ["2(", y_hat, "-", y, ")"]
    if loss == "mse":
        return [rf"\tfrac{{2}}{{{n}}}(", y_hat, "-", y, ")"]
    if loss == "binary_cross_entropy":
        return ["(", y_hat, "-", y, r")\,/\,(", y_hat, "(1 -", y_hat, "))"]
    raise KeyError(loss)
