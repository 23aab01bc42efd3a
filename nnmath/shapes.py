"""The checks of the lists whose sizes follow the network: layers, weights, biases and focus.

Every "layer N" in a message is the video's numbering: layer 0 is the input, layer L the output, and
W⁽ˡ⁾ holds the weights into layer l. Field paths keep the file's 0-based list indices, since that is
what the user types: ``parameters.weights[l - 1]`` is W⁽ˡ⁾ and ``parameters.biases[l - 1]`` is b⁽ˡ⁾.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from nnmath.fields import Fields, kind
from nnmath.notation import sup

# What the video can draw: 2–5 layers of 1–4 neurons.
MIN_LAYERS, MAX_LAYERS = 2, 5
MIN_WIDTH, MAX_WIDTH = 1, 4


class Shapes(Fields):
    """The checks of :class:`Fields`, and those of the lists sized by the network's layers."""

    def layers(self, value: Any) -> tuple[int, ...]:
        field = "network.layers"
        items = self.array(value, field)
        if not MIN_LAYERS <= len(items) <= MAX_LAYERS:
            raise self.fail(field, f"expected {MIN_LAYERS} to {MAX_LAYERS} layers (input first), got {len(items)}")
        return tuple(
            self.integer(n, f"{field}[{k}]", low=MIN_WIDTH, high=MAX_WIDTH, meaning=f"neurons in layer {k}")
            for k, n in enumerate(items)
        )

    def weights(self, value: Any, layers: tuple[int, ...]) -> list[np.ndarray]:
        """weights[l - 1] in the file is W⁽ˡ⁾, the weights into layer l: layers[l] rows of layers[l - 1]."""
        field, count = "parameters.weights", len(layers) - 1
        items = self.array(value, field)
        if len(items) != count:
            matrices = f"{count} weight matri{'ces' if count != 1 else 'x'}"
            raise self.fail(
                field,
                f"expected {matrices} ({_each('W', count)}: one into each layer after the input), got {len(items)}",
            )
        result = []
        for k, matrix in enumerate(items):
            l = k + 1  # the layer these weights lead into
            rows, cols = layers[l], layers[l - 1]
            sizes = f"layer {l - 1} has {cols} neuron{'s' * (cols != 1)}, layer {l} has {rows}"
            shape = f"expected {rows}×{cols} for W{sup(f'({l})')} ({sizes})"
            result.append(np.array(self.matrix(matrix, f"{field}[{k}]", rows, cols, shape)))
        return result

    def biases(self, value: Any, layers: tuple[int, ...]) -> list[np.ndarray]:
        """biases[l - 1] in the file is b⁽ˡ⁾, one per neuron of layer l."""
        field, count = "parameters.biases", len(layers) - 1
        items = self.array(value, field)
        if len(items) != count:
            vectors = f"{count} bias vector{'s' * (count != 1)}"
            raise self.fail(
                field, f"expected {vectors} ({_each('b', count)}: one for each layer after the input), got {len(items)}"
            )
        return [
            np.array(self.vector(b, f"{field}[{k}]", layers[k + 1], f"neuron of layer {k + 1}"))
            for k, b in enumerate(items)
        ]

    def focus(self, value: Any, layers: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """focus[l - 1] is the [j, i] of the weight of W⁽ˡ⁾ whose chain rule is shown, counted from 0."""
        field, count = "display.focus", len(layers) - 1
        items = self.array(value, field)
        if len(items) != count:
            wanted = f"{count} [j, i] pair{'s' * (count != 1)}"
            raise self.fail(field, f"expected {wanted} (one per weight matrix, {_each('W', count)}), got {len(items)}")
        pairs = []
        for k, pair in enumerate(items):
            l, where = k + 1, f"{field}[{k}]"
            if not isinstance(pair, list) or len(pair) != 2:
                raise self.fail(where, f"expected a pair [j, i] for W{sup(f'({l})')}, got {kind(pair)}")
            j = self.integer(
                pair[0], f"{where}[0]", low=0, high=layers[l] - 1, meaning=f"j counts the neurons of layer {l} from 0"
            )
            i = self.integer(
                pair[1],
                f"{where}[1]",
                low=0,
                high=layers[l - 1] - 1,
                meaning=f"i counts the neurons of layer {l - 1} from 0",
            )
            pairs.append((j, i))
        return tuple(pairs)


def _each(symbol: str, count: int) -> str:
    """E.g. ``W⁽¹⁾ … W⁽³⁾`` for one object per layer after the input."""
    return f"{symbol}{sup('(1)')}" if count == 1 else f"{symbol}{sup('(1)')} … {symbol}{sup(f'({count})')}"
