"""LaTeX pieces of a homework sheet: text made safe, numbers as the key writes them, and the network drawn with
TikZ, every weight on its edge, every bias under its neuron, the inputs in the input neurons."""

from __future__ import annotations

import unicodedata

from nnmath.config import Config
from nnmath.notation import format_number
from nnmath.trace import StepTrace

_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "'": r"\textquotesingle{}", "`": r"\textasciigrave{}", "<": r"\textless{}", ">": r"\textgreater{}",
}  # fmt: skip
# pdfLaTeX's T1 fonts hold Latin letters with their accents; other scripts are spelled in Latin letters where
# Unicode says how (NFKD), else shown as "?" (the student's id is on the sheet too).
_LATIN = range(0x250)

# f(z) and f′(z) of each activation, as the sheet states them.
ACTIVATION_TEX = {
    "sigmoid": r"\sigma(z) = \frac{1}{1 + e^{-z}},\quad \sigma'(z) = \sigma(z)\,(1 - \sigma(z))",
    "tanh": r"\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}},\quad \tanh'(z) = 1 - \tanh^2(z)",
    "relu": r"\mathrm{relu}(z) = \max(0, z),\quad \mathrm{relu}'(z) = 1 \text{ for } z > 0,\ 0 \text{ otherwise}",
    "linear": r"\mathrm{id}(z) = z,\quad \mathrm{id}'(z) = 1",
    "softmax": r"\mathrm{softmax}(z)_k = \frac{e^{z_k}}{\sum_m e^{z_m}}",
}


def text(value: str) -> str:
    """Plain text safe in LaTeX (its special characters escaped, letters pdfLaTeX cannot set replaced)."""
    out = []
    for char in value:
        if ord(char) not in _LATIN:
            char = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode() or "?"
        out.append("".join(_SPECIAL.get(c, c) for c in char))
    return "".join(out)


def number(value: float, decimals: int) -> str:
    """A number as the key writes it, for math mode (−0.5 with a real minus)."""
    return format_number(value, decimals)


def factor(value: float, decimals: int) -> str:
    """A number inside a product: negatives in parentheses."""
    shown = number(value, decimals)
    return f"({shown})" if shown.startswith("-") else shown


def network(config: Config, trace: StepTrace) -> str:
    """A tikzpicture of the network with its numbers."""
    d = config.decimals
    gap_x, gap_y = min(6.0, 15.0 / (len(config.layers) - 1)), 2.6
    layers = config.layers
    lines = [
        r"\begin{tikzpicture}[neuron/.style={circle, draw, thick, minimum size=17mm, font=\small, inner sep=0pt},"
        r" weight/.style={fill=white, inner sep=1pt, font=\footnotesize}, >=stealth]"
    ]

    def at(layer: int, j: int) -> str:
        return f"({layer * gap_x:.2f}, {((layers[layer] - 1) / 2 - j) * gap_y:.2f})"

    for layer, count in enumerate(layers):
        for j in range(count):
            if layer == 0:
                label = f"${number(trace.x[j], d)}$"
            else:  # the bias inside its neuron
                label = rf"\scriptsize $b{{=}}{number(trace.biases[layer - 1][j], d)}$"
            lines.append(rf"\node[neuron] (n{layer}-{j}) at {at(layer, j)} {{{label}}};")
            name = f"x_{{{j + 1}}}" if layer == 0 else f"a^{{({layer})}}_{{{j + 1}}}"
            lines.append(rf"\node[above=1pt of n{layer}-{j}, font=\footnotesize] {{${name}$}};")
    for l in range(len(layers) - 1):
        for j in range(layers[l + 1]):
            for i in range(layers[l]):
                pos = 0.3 if layers[l + 1] == 1 else 0.22 + 0.5 * j / (layers[l + 1] - 1)
                w = number(trace.weights[l][j, i], d)
                lines.append(rf"\draw[->] (n{l}-{i}) -- node[weight, pos={pos:.2f}] {{${w}$}} (n{l + 1}-{j});")
    lines.append(r"\end{tikzpicture}")
    return "\n".join(lines)


def parameters(config: Config, trace: StepTrace) -> str:
    """Every weight matrix and bias vector, in case the drawing is crowded: row j, column i holds w⁽ˡ⁾ⱼᵢ."""
    d = config.decimals
    parts = []
    for l in range(trace.depth):
        rows = r" \\ ".join(" & ".join(number(w, d) for w in row) for row in trace.weights[l])
        column = r" \\ ".join(number(b, d) for b in trace.biases[l])
        parts.append(
            rf"W^{{({l + 1})}} = \begin{{pmatrix}} {rows} \end{{pmatrix}},\quad "
            rf"b^{{({l + 1})}} = \begin{{pmatrix}} {column} \end{{pmatrix}}"
        )
    per_line = 2 if max(config.layers) <= 2 else 1  # what fits the page's width
    lines = [r" \qquad ".join(parts[k : k + per_line]) for k in range(0, len(parts), per_line)]
    where = (
        r"Row $j$, column $i$ of $W^{(l)}$ is $w^{(l)}_{ji}$, the weight from neuron $i$ of layer $l-1$ "
        r"to neuron $j$ of layer $l$."
    )
    return r"\begin{gather*} " + r" \\ ".join(lines) + r" \end{gather*}" + "\n" + where
