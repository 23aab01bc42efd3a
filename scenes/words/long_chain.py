"""The long chain's words (step 3, a network with a hidden layer): one path's product, then the sum over every
path (see :mod:`scenes.words`)."""

from __future__ import annotations

from collections.abc import Sequence

from nnmath.notation import neuron_value, weight
from nnmath.paths import Path, reuse_sentence, route, softmax_step, zero_paths_reason, zero_paths_sentence
from nnmath.speech import integer_words, neuron_words, number_words, weight_words
from nnmath.trace import StepTrace
from scenes.drawing.narration import Words, beats
from scenes.drawing.numbers import entries_product_text, gradient_text, product_text
from scenes.drawing.typography import typeset
from scenes.stage.context import StepContext


def long_chain_path(ctx: StepContext, path: Path, reason: str, paths: int) -> Words:
    """One path from the error back to the first layer's focus weight, of ``paths``; ``reason``: why this path."""
    j, i = ctx.config.focus[0]
    decimals = ctx.decimals
    values = entries_product_text(((factor.entry, factor.value) for factor in path.factors), decimals)
    product = gradient_text(path.product, decimals)  # a path product: a gradient's share, as the screen shows it
    share = (
        f"That is one path's share; there are {paths}." if paths > 1 else "It is the only path, so P is the gradient."
    )
    if reason:
        share += f" ({reason[0].upper()}{reason[1:]}.)"
    caption = beats(  # the product read while its factors are on screen, then what it is (scenes.long_chain.one_path)
        f"The chain rule written out in full: along a path from E back to {weight(0, j, i)}, the product P of "
        f"{len(path.factors)} partial derivatives is {values} = {product}.",
        share,
    )
    spoken = (
        f"Along one path back to {weight_words(0, j, i)}, the chain rule multiplies "
        f"{integer_words(len(path.factors))} partial derivatives: {number_words(path.product)}."
    )
    return Words(caption, spoken)


def long_chain_sum(ctx: StepContext, paths: int, total: float, written: Sequence[Path] = ()) -> Words:
    """The ``paths`` products summed (``total``), and why backprop goes through δ instead (the answer key's words);
    ``written``: the other non-zero paths, written out as rows of their factors before the sum."""
    t, decimals = ctx.trace, ctx.decimals
    j, i = ctx.config.focus[0]
    gradient = f"∂E/∂{weight(0, j, i)}"
    delta_a = (
        f"{neuron_value('δ', 1, j)} · {neuron_value('a', 0, i)} = "
        f"{product_text((t.delta[0][j], t.dz_dw[0][i]), decimals, gradient=True)}"
    )
    shown = gradient_text(total, decimals)
    summed = f"The {paths} paths' products add up to" if paths > 1 else "The one path's product is"
    zeros = zero_paths_sentence(t, ctx.long_chain_paths)  # why some products are 0, as the screen says
    zeros += (" " if zeros else "") + written_sentence(ctx, written)
    # In beats, in the panel's order (scenes.long_chain.every_path): why some products are 0, read while the
    # paragraph saying so is on screen; their sum, once the line "∂E/∂w = δ · a = …" is too (FINDINGS-8 #2); then
    # why backprop goes through δ. With no zero products, what the heading line says comes first, without a number.
    if zeros:
        first, sum_ = zeros, f"{summed} {shown} = {gradient} = {delta_a}."
    elif paths > 1:
        first, sum_ = f"Adding the {paths} paths' products P.", f"They add up to {shown} = {gradient} = {delta_a}."
    else:
        # ("It is the only path, so P is the gradient" was read just before: this beat says what comes, no number)
        first, sum_ = "It needs only δ and a:", f"So P = {shown} = {gradient} = {delta_a}."
    caption = beats(first, sum_, reuse_sentence(t, ctx.config.focus, decimals))
    said = f"The {integer_words(paths)} paths add up to" if paths > 1 else "That is"
    spoken = (
        f"{said} {number_words(total)}: {neuron_words('delta', 1, j)} times {neuron_words('a', 0, i)}. "
        "Backprop computes each delta once, and every weight into that neuron reuses it."
    )
    return Words(caption, spoken)


def written_sentence(ctx: StepContext, written: Sequence[Path]) -> str:
    """The other non-zero paths written out on screen, by their routes and products (empty for none)."""
    if not written:
        return ""
    routes = [route(p)[0] for p in written]
    products = [gradient_text(p.product, ctx.decimals) for p in written]
    named = " and ".join([", ".join(routes[:-1]), routes[-1]] if len(routes) > 1 else routes)
    if len(written) == 1:
        return f"The other one, {named}, multiplies its {len(written[0].factors)} factors as P did: {products[0]}."
    return (
        f"The other {len(written)}, {named}, multiply their {len(written[0].factors)} factors as P did: "
        f"{', '.join(products[:-1])} and {products[-1]}."
    )


# --- the panel's lines -------------------------------------------------------------------------------------


def path_line(ctx: StepContext, paths: int) -> str:
    """Which path the grid multiplies along (wrapped by the caller)."""
    j, i = ctx.config.focus[0]
    if paths == 1:
        return f"The only path from E back to {weight(0, j, i)}, its product P:"
    return f"One of {paths} paths from E back to {weight(0, j, i)}, its product P:"


def count_line(trace: StepTrace, paths: Sequence[Path], shown: Path | None = None, written: bool = False) -> str:
    """What the rows under it add up (wrapped by the caller): why the paths whose product is 0 are 0 (read off their
    factors: ``zero_paths_reason``), and that the other products are formed like the one worked out above, or
    (``written``) that they are written out below."""
    n = len(paths)
    if n == 1:
        return "With one path, its P is the whole gradient:"
    reason = zero_paths_reason(trace, paths)
    others = sum(p.product != 0.0 for p in paths) - 1  # the one worked out above is not 0 unless all are
    if written:  # each of the others is a row of its factors under this line
        why = f" {reason[0].upper()}{reason[1:]}." if reason else ""
        return f"Adding the {n} paths' products P.{why} The other {others}:"
    if others < 1:
        alike = ""
    elif reason:
        alike = (
            f"; the other {others}{_routes(trace, paths, shown)} {'is' if others == 1 else 'are'} formed like P above"
        )
    else:
        alike = ", each formed like P above"
    why = f". {reason[0].upper()}{reason[1:]}" if reason else ""
    return f"Adding the {n} paths' products P{why}{alike}:"


def _routes(trace: StepTrace, paths: Sequence[Path], shown: Path | None) -> str:
    """The softmax step of the other non-zero paths, e.g. " (z⁽²⁾₁ → ŷ₂, z⁽²⁾₃ → ŷ₂)" (their lit edges run into those
    z): empty for few words' sake past 3, without ``shown`` (the path worked out above), or for no softmax."""
    steps = [softmax_step(trace, p) for p in paths if p.product != 0.0 and shown is not None and p.index != shown.index]
    if not steps or len(steps) > 3 or not all(steps):
        return ""
    return f" ({', '.join(steps)})"


def reuse_lines(ctx: StepContext) -> str:
    """Why backprop goes through δ, in one paragraph (wrapped by the caller): the answer key's and the subtitle's
    words, without δ's value (a number on screen is drawn as one: it is under its neuron and in the row above)."""
    return typeset(reuse_sentence(ctx.trace, ctx.config.focus, ctx.decimals, value=False))  # its value: on the diagram
