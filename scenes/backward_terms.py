"""Step 3's definitions, each shown where it is first needed: what δ is (∂E/∂z, in symbols and words), and the
slope f′ of each activation (σ′(z) = σ(z)(1 − σ(z)) = a(1 − a); its numbers are put in once, in δ's rows)."""

from __future__ import annotations

from manim import MathTex, Text, Write

from scenes.drawing.narration import narrated, read_out
from scenes.drawing.style import LABEL_SIZE, READ, RULE_SIZE, SHOW_ROW, WRITE
from scenes.formulas.activations import DERIVATIVE_RULES, first_slopes
from scenes.formulas.backward_pass import DELTA_MEANING, DELTA_WORDS
from scenes.stage.step import Step
from scenes.words import backward_pass as words


def what_delta_is(step: Step) -> None:
    """δ⁽ˡ⁾ⱼ = ∂E/∂z⁽ˡ⁾ⱼ, and in words: how much E changes when this neuron's z changes."""
    theme = step.theme
    with narrated(step.scene, "backward-delta-meaning", words.delta_meaning(step.ctx)):
        rule = MathTex(DELTA_MEANING, font_size=RULE_SIZE, color=theme.text)
        meaning = Text(DELTA_WORDS, font_size=LABEL_SIZE, color=theme.muted, line_spacing=0.8)
        step.scene.play(step.panel.push(rule, Write), run_time=WRITE)
        step.scene.play(step.panel.push(meaning), run_time=SHOW_ROW)
        step.scene.wait(READ)
        read_out(step.scene)
        step.panel.clear()


def slope_if_new(step: Step, layer: int) -> None:
    """Where ``layer``'s activation's slope f′ is first used: its rule (the focus neuron's f′ is worked out with its
    numbers once, in its δ's rows: ``scenes.layer_deltas.delta_of_neuron``)."""
    if (layer, step.t.activations[layer]) not in first_slopes(step.t):
        return
    ctx, scene, theme = step.ctx, step.scene, step.theme
    with narrated(scene, f"backward-slope-{layer}", words.slope(ctx, layer)):
        rule = MathTex(DERIVATIVE_RULES[ctx.trace.activations[layer]], font_size=RULE_SIZE, color=theme.text)
        scene.play(step.panel.push(rule, Write), run_time=WRITE)
        scene.wait(READ)
        read_out(step.scene)
        step.panel.clear()
