"""The formulas every step is likely to typeset, named before it starts (``scenes/stage/tex_batch.py`` then
compiles those missing in one LaTeX run instead of one run each).

They are the families drawn for every neuron of the network: the digits of every number, the diagram's
labels, and the pieces formulas are set from (symbols and operators, the focus weights and their gradients). Each is written by the same function
the drawing code uses, so the names cannot drift apart. A step's own formulas (its rules, headings and
questions) it names itself (``StepScene.formulas``), by the functions it draws them with; the scene tests
check that a step draws no formula it did not name. A name that a step never draws costs one page of the
batch, a few milliseconds.
"""

from __future__ import annotations

from nnmath import Config
from scenes.drawing import symbols
from scenes.drawing.formula import piece_formula
from scenes.drawing.numbers import NUMBER_GLYPHS
from scenes.drawing.shown_arithmetic import APPROX

# Pieces of many formulas, whatever the network ("≈" before a result its rounded numbers do not give by hand).
OPERATORS = ("x", "b", "E", r"\eta", "=", APPROX, "+", "-", r"\cdot", "(", ")", ",", "<", ">", r"\;\rightarrow\;")


def likely_formulas(config: Config) -> list[tuple[str, ...]]:
    """``MathTex`` arguments of the formulas the steps draw for ``config``'s network, most of them many times."""
    last = len(config.layers) - 1
    glyphs = [(glyph,) for glyph in NUMBER_GLYPHS]
    labels = [(symbols.x(i),) for i in range(config.layers[0])] + [
        (symbols.y_hat(k),) for k in range(config.layers[-1])
    ]
    pieces = [*OPERATORS, *(symbols.activation_open(config.activation_of(layer)) for layer in range(1, last + 1))]
    for layer in range(1, last + 1):
        for j in range(config.layers[layer]):
            pieces += [symbols.z(layer, j), symbols.a(layer, j, config), symbols.delta(layer, j)]
            if layer < last:  # what a hidden neuron passes back
                pieces.append(symbols.partial("E", symbols.a(layer, j)))
    for k in range(config.layers[-1]):
        pieces += [symbols.y(k), symbols.loss_term(k), symbols.partial("E", symbols.y_hat(k))]
    for l, (j, i) in enumerate(config.focus):  # the weights worked out in full, and their gradients
        pieces += [symbols.weight(l, j, i), symbols.partial("E", symbols.weight(l, j, i))]
    pieces += [symbols.LOSS_BEFORE, symbols.LOSS_AFTER]
    if config.is_dataset:  # the batch's error and gradients (the update and the quiz)
        pieces += [symbols.loss_before(True), symbols.loss_after(True)]
        pieces += [
            symbols.partial(symbols.BATCH_ERROR, symbols.weight(l, j, i)) for l, (j, i) in enumerate(config.focus)
        ]
    return [*glyphs, *labels, *(piece_formula(piece) for piece in dict.fromkeys(pieces))]
