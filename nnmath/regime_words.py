"""What each learning-rate run does, in words with its numbers: one home for the panel tags, the subtitles
and the answer key, so the three never disagree."""

from __future__ import annotations

import numpy as np

from nnmath.notation import format_setting, format_value, sub
from nnmath.regimes import (
    DIVERGED,
    DIVERGES,
    LARGEST_TRIED,
    OSCILLATES,
    OVERSHOOTS,
    SLOW,
    STALLS,
    STALLS_PAST,
    STEADY,
    STUCK,
    YOURS,
    Regime,
    Regimes,
)

TAGS = {  # a panel's short label: what the run does
    SLOW: "slow",
    STEADY: "never rises",
    OVERSHOOTS: "overshoots",
    OSCILLATES: "oscillates",
    STALLS_PAST: "jumps past\nthe target\nand stalls",
    STALLS: "the output\nsaturates\nand stalls",
    DIVERGES: "diverges",
    STUCK: "the error\ndoes not move",
}


def tag(run: Regime) -> str:
    """The panel's tag, e.g. "too large:\\njumps past\\nthe target\\nand stalls" (role, then what it does); the
    config's own η says so."""
    role = {LARGEST_TRIED: "largest η tried", YOURS: "the η you\nwatched"}.get(run.role, run.role)
    if run.yours and run.role != YOURS:
        role += "\n(the η you watched)".replace(" you ", " you\n")
    return f"{role}:\n{TAGS[run.label]}"


def eta_text(run: Regime) -> str:
    """η as a setting: "η = 16"."""
    return f"η = {format_setting(run.learning_rate)}"


def output_name(regimes: Regimes, n: int) -> str:
    """ŷ, ŷ₂, or for a dataset "ŷ of sample 3" / "ŷ₂ of sample 3" (n counts every sample's outputs)."""
    sample, k = divmod(n, regimes.outputs)
    name = "ŷ" if regimes.outputs == 1 else f"ŷ{sub(k + 1)}"
    return name if regimes.target.size == regimes.outputs else f"{name} of sample {sample + 1}"


def error_at(run: Regime, k: int, decimals: int) -> str:
    """E after k updates, readable whatever its size: "E₁₀₀ = 2.5 × 10⁻⁵", or "E₃ > 10⁶"."""
    value = float(run.history[k])
    if not abs(value) < DIVERGED:
        return f"E{sub(k)} > 10⁶" if value == value else f"E{sub(k)} is not a number"
    return f"E{sub(k)} = {format_value(value, decimals)}"


def what_it_does(run: Regime, regimes: Regimes, decimals: int) -> str:
    """One sentence on what the run does, with the numbers that show it (no η, no role)."""
    b, last = run.behaviour, len(run.history) - 1

    def v(x: float) -> str:
        return format_value(float(x), decimals)

    final = error_at(run, last, decimals)
    if run.label == DIVERGES:
        gone = next((k for k, e in enumerate(run.history) if not abs(e) < DIVERGED), last)
        return f"the error grows without bound: {error_at(run, gone, decimals)}"
    if run.label == STUCK:
        return f"the error does not move: {final}"
    if run.label in (SLOW, STEADY):
        how = "never rises, but falls slowly" if run.label == SLOW else "never rises"
        return f"the error {how}: {final}"
    if run.label in (STALLS, STALLS_PAST):
        n = b.saturated if b.saturated is not None else 0
        y = output_name(regimes, n)
        where = f"from step {b.stall_from} on" if b.stall_from else "throughout"
        sat = f"{y} = {v(run.y_hat[-1][n])} saturates (f′(z) = {v(run.slope[-1][n])}), so E stays at {v(run.final)} {where}"
        return f"{past(run, regimes, decimals)}; {sat}" if run.label == STALLS_PAST and b.first_cross else sat
    if run.label == OSCILLATES:
        parts = []
        if b.rises:
            parts.append(f"E rises at {b.rises} of the {last} steps, up to {v(np.nanmax(run.history))}")
        if b.crossings:
            parts.append(
                f"{output_name(regimes, (b.first_cross or (0, 0))[1])} swings across the target at {b.crossings} of the steps"
            )
        return f"{'; '.join(parts)}; {final}"
    # OVERSHOOTS: one rise or one pass of the target
    if b.first_rise is not None:
        k = b.first_rise
        return f"the error rises in step {k + 1}, from {v(run.history[k])} to {v(run.history[k + 1])}; then {final}"
    return f"{past(run, regimes, decimals)}; then {final}"


def past(run: Regime, regimes: Regimes, decimals: int) -> str:
    """ "in step 1, ŷ jumps past the target 0.01 (from 0.7514 to 7.1 × 10⁻⁶)"."""
    k, n = run.behaviour.first_cross or (0, 0)
    y = output_name(regimes, n)
    return f"in step {k + 1}, {y} jumps past the target {format_setting(float(regimes.target[n]))} (from {format_value(float(run.y_hat[k][n]), decimals)} to {format_value(float(run.y_hat[k + 1][n]), decimals)})"


def who(run: Regime) -> str:
    """ "η = 16 (about right)", "η = 0.5 (the η you watched)", "η = 64 (too large, the η you watched)"."""
    roles = [run.role] if run.role != YOURS else []
    if run.yours:
        roles.append(YOURS)
    return f"{eta_text(run)} ({', '.join(roles)})"


def nothing_went_wrong(regimes: Regimes) -> str:
    """Said when no η of the search went wrong: the lesson "too large" cannot be shown for this network."""
    return (
        f"For this network no η up to {format_setting(regimes.limit)} made the error rise or ŷ pass its target, "
        "so a too-large η cannot be shown here."
    )
