"""What each learning-rate run does, in sentences with its numbers: one home for the subtitles and the answer
key (the panels' tags: :mod:`nnmath.regime_tags`), so they never disagree."""

from __future__ import annotations

import math

import numpy as np

from nnmath.error_floor import settled
from nnmath.gradient_words import NAMES
from nnmath.notation import format_setting, format_value
from nnmath.regime_tags import how_it_falls
from nnmath.regimes import (
    DIVERGES,
    OSCILLATES,
    SLOW,
    STALLS,
    STALLS_PAST,
    STEADY,
    STUCK,
    Regime,
    Regimes,
    ends_as_low,
)
from nnmath.run_panels import shown, why_none_too_large, why_on_screen
from nnmath.run_terms import (
    FLOOR_WORDS,
    at_step,
    below_yours,
    counted,
    error_at,
    error_of,
    eta_text,
    floor_text,
    jump,
    jump_values,
    level,
    output_name,
    reaches_floor,
    read_at,
    rounded_up,
)


def while_right(run: Regime, regimes: Regimes, decimals: int) -> str:
    """ "η = 16 goes on down to 2.5 × 10⁻⁵": for a run above about right that ends visibly higher ("" otherwise)."""
    right = regimes.right
    if run is right or run.learning_rate < right.learning_rate:
        return ""
    e0 = abs(float(right.history[0]))
    if settled(run.final, regimes.floor) <= ends_as_low(settled(right.final, regimes.floor), e0):
        return ""
    return f"{eta_text(right)} goes on down to {level(right, regimes, decimals)}"


def stall_verdict(run: Regime, regimes: Regimes, decimals: int) -> str:
    """The sentence after a stalled run's: how it ends against the η watched and about right, e.g. " That is still
    lower than where η = 0.5 ends, but η = 16 goes on down to 2.5 × 10⁻⁵." ("" when neither applies)."""
    lower, right = below_yours(run, regimes), while_right(run, regimes, decimals)
    if lower and right:
        return f" That is still {lower}, but {right}."
    if lower:
        return f" That is still {lower}."
    return f" Meanwhile, {right}." if right else ""


def stalled(run: Regime, regimes: Regimes, decimals: int, passed: int | None = None, panels_only: bool = False) -> str:
    """Why a stalled run stops: "ŷ = 7.2 × 10⁻⁶ sits where σ is flat: the output saturates (σ′(z) = 7.2 × 10⁻⁶,
    almost 0), so E stays at 5.0 × 10⁻⁵ from update 1 on (it moves by less than 1.3 × 10⁻¹⁰ in the next 99
    updates). That is still lower than …, but η = 16 …" (``passed``: the output just said to jump past its
    target; when it is the saturated one, "there σ is flat: …" with σ′ where ŷ landed, else σ′ at the end, where
    ŷ is read); ``panels_only``: without the numbers the run's panel does not show (ŷ, σ′, how little E moves).
    Saturation is said as such, never as a vanishing gradient (the video keeps that name for the depth effect)."""
    b = run.behaviour
    n = b.saturated if b.saturated is not None else 0
    landed = passed == n and b.first_cross is not None
    k = (b.first_cross or (0, 0))[0] + 1 if landed else len(run.history) - 1
    y = (
        "there"
        if landed
        else f"{output_name(regimes, n)} = {format_value(float(run.y_hat[k][n]), decimals)} sits where"
    )

    def v(x: float) -> str:
        return format_value(float(x), decimals)

    where = f"from {at_step(regimes, b.stall_from)} on" if b.stall_from else "throughout"
    slope_name = NAMES.get(regimes.output_activation, "f′(z)")
    flat = slope_name.split("′")[0]
    verdict = stall_verdict(run, regimes, decimals)
    if panels_only:
        y = "there" if landed else f"{output_name(regimes, n)} sits where"
        return (
            f"{y} {flat} is flat: the output saturates ({slope_name} ≈ 0), so {error_of(regimes)} stays at "
            f"{v(run.final)} {where}.{verdict}"
        ).rstrip(".")
    return (
        f"{y} {flat} is flat: the output saturates ({slope_name} = {v(run.slope[k][n])}, almost 0), so "
        f"{error_of(regimes)} stays at {v(run.final)} {where}{barely_moves(run, regimes, decimals)}.{verdict}"
    ).rstrip(".")


def barely_moves(run: Regime, regimes: Regimes, decimals: int) -> str:
    """ " (it moves by less than 1.3 × 10⁻¹⁰ in the next 99 updates)": how little a stalled run's E moves after it
    stalls, as its numbers show (not that it can go no lower: it may still creep down)."""
    start, last = run.behaviour.stall_from or 0, len(run.history) - 1
    after = np.asarray(run.history[start:], dtype=float)
    change = float(np.max(np.abs(after - after[0]))) if after.size else 0.0
    span = f"in the next {counted(regimes, last - start)}" if start else f"in its {counted(regimes, last)}"
    if change == 0.0:
        return f" (it does not move at all {span})"
    return f" (it moves by less than {format_value(rounded_up(change), decimals)} {span})"


def what_it_does(run: Regime, regimes: Regimes, decimals: int, panels_only: bool = False) -> str:
    """One sentence on what the run does, with the numbers that show it (no η, no role); ``panels_only``: a stalled
    run's without the numbers its panel does not show (the subtitle reads what the screen shows)."""
    b, last = run.behaviour, len(run.history) - 1

    def v(x: float) -> str:
        return format_value(float(x), decimals)

    final = error_at(run, regimes, last, decimals)
    if reaches_floor(run, regimes) and run is next(r for r in regimes.compared if reaches_floor(r, regimes)):
        final += f", {FLOOR_WORDS}"  # said once, at the first run that reaches it
    if run.label == DIVERGES:
        return f"the error grows without bound: {error_at(run, regimes, read_at(run), decimals)}"
    if run.label == STUCK:
        return f"the error does not move: {final}"
    if run.label in (SLOW, STEADY):
        how = f"falls {how_it_falls(run, regimes)}"
        if reaches_floor(run, regimes):  # the step it gets there, which tells runs at the floor apart
            k = int(np.flatnonzero(run.history < regimes.floor)[0])
            how = "drops at once" if k == 1 else how  # one update to the floor is no steady fall
            final = final.replace(error_at(run, regimes, last, decimals), error_at(run, regimes, k, decimals))
            first = next(r for r in regimes.compared if reaches_floor(r, regimes))
            stays = " and stays there" if run is first else f", as with {eta_text(first)}"
            return f"the error {how}: {final.replace(',', stays + ',', 1) if ',' in final else final + stays}"
        return f"the error {how}: {final}"
    if run.label in (STALLS, STALLS_PAST):
        if run.label == STALLS_PAST and b.first_cross:
            jump = past(run, regimes, decimals, panels_only)
            return f"{jump}; {stalled(run, regimes, decimals, b.first_cross[1], panels_only)}"
        return stalled(run, regimes, decimals, panels_only=panels_only)
    if run.label == OSCILLATES:
        parts = []
        if b.rises:
            top = np.nanmax(run.history[(b.first_rise or 0) + 1 :])  # the highest E after it first rose
            peak = "" if panels_only else f", up to {v(top)}"  # the panel shows its final E only
            parts.append(f"{error_of(regimes)} rises in {b.rises} of the {counted(regimes, last)}{peak}")
        if b.crossings:
            parts.append(
                f"{output_name(regimes, (b.first_cross or (0, 0))[1])} swings across the target in {b.crossings} of them"
                if b.rises
                else f"{output_name(regimes, (b.first_cross or (0, 0))[1])} swings across the target in {b.crossings} of the {counted(regimes, last)}"
            )
        if run.final > float(run.history[0]):
            parts.append(f"it settles above {error_of(regimes)} at the start, {v(run.history[0])}")
        return f"{'; '.join(parts)}; {final}"
    # OVERSHOOTS: one rise or one pass of the target
    if b.first_rise is not None:
        k = b.first_rise
        if panels_only:  # the two errors are on no panel: the curve shows the rise
            return f"the error rises in {at_step(regimes, k + 1)}; then {final}"
        return f"the error rises in {at_step(regimes, k + 1)}, from {v(run.history[k])} to {v(run.history[k + 1])}; then {final}"
    return f"{past(run, regimes, decimals, panels_only)}; then {final}"


def past(run: Regime, regimes: Regimes, decimals: int, panels_only: bool = False) -> str:
    """ "in update 1, ŷ jumps past the target 0.01 (from 0.7514 to 7.1 × 10⁻⁶)" (``panels_only``: "in update 1,
    ŷ jumps past its target", with "from 0.7514 to 7.1 × 10⁻⁶" where its panel shows them: :func:`jump`)."""
    k, n = run.behaviour.first_cross or (0, 0)
    y = output_name(regimes, n)
    if panels_only and jump(run, regimes) is not None:
        a, b = (format_value(v, decimals) for v in jump_values(run, regimes))
        return f"in {at_step(regimes, k + 1)}, {y} jumps past its target, from {a} to {b}"
    if panels_only:
        return f"in {at_step(regimes, k + 1)}, {y} jumps past its target"
    return f"in {at_step(regimes, k + 1)}, {y} jumps past the target {format_setting(float(regimes.target[n]))} (from {format_value(float(run.y_hat[k][n]), decimals)} to {format_value(float(run.y_hat[k + 1][n]), decimals)})"


def nothing_went_wrong(regimes: Regimes) -> str:
    """Said when no η of the search showed a fault (``nnmath.regimes.shows_fault``): what every η above about right
    did, in words a student reads once, and so that none of them is too large on this network."""
    why = why_none_too_large(regimes)
    limit = format_setting(regimes.limit)
    if why:
        return f"{every_eta_did(regimes)}: for this one example, no η up to {limit} is too large. {why}"
    return f"{every_eta_did(regimes)}: on this network no η up to {limit} is too large."


def every_eta_did(regimes: Regimes) -> str:
    """ "Every η from 32 up to 512 brought E below 10⁻¹⁴" (what the floor means was said with the first run to reach
    it: ``FLOOR_WORDS``, not again), or "… as low as η = 32 did", or "… down to 3.2 × 10⁻⁸ or lower" (the highest
    any of them ends at, rounded up). Where that bound is an η's without a panel, what the panels show comes first,
    in their own terms: "η = 32 and η = 512 brought E below 10⁻¹⁴, and every η from 32 up to 512 brought it
    down to 3.2 × 10⁻⁸ or lower" (:func:`panels_low`)."""
    right, limit = format_setting(regimes.right.learning_rate), format_setting(regimes.limit)
    shown_part = panels_low(regimes)
    if shown_part:
        return f"{shown_part}, and every η from {right} up to {limit} brought it {how_low(regimes)}"
    return f"Every η from {right} up to {limit} brought {error_of(regimes)} {how_low(regimes)}"


def shown_above(regimes: Regimes) -> list[Regime]:
    """The runs from about right up that have a panel of their own, small η first."""
    return [run for _, run in shown(regimes) if run.learning_rate >= regimes.right.learning_rate]


def panels_highest(regimes: Regimes) -> float:
    """The highest final error (floor-settled) of the runs from about right up that have a panel."""
    return max(settled(run.final, regimes.floor) for run in shown_above(regimes))


def panels_low(regimes: Regimes, short: bool = False) -> str:
    """ "η = 32 and η = 512 brought E below 10⁻¹⁴": what the panels from about right up show, where the bound every
    η tried from about right up keeps (:func:`how_low`) is not theirs (an η between them, without a panel, ends
    higher); "" where it is."""
    theirs = how_low(regimes, short, panels_highest(regimes))
    if theirs == how_low(regimes, short):
        return ""
    etas = [eta_text(run) for run in shown_above(regimes)]
    named = etas[0] if len(etas) == 1 else f"{', '.join(etas[:-1])} and {etas[-1]}"
    return f"{named} brought {error_of(regimes)} {theirs}"


def how_low(regimes: Regimes, short: bool = False, highest: float | None = None) -> str:
    """Where every η from about right up to the limit brought the error (see :func:`every_eta_did`); ``short``:
    for the screen ("below 10⁻¹⁴", "to 9.6 × 10⁻⁹ or lower"); ``highest``: the highest final error of the runs
    meant (default: of every η from about right up, ``Regimes.highest_above``)."""
    highest = regimes.highest_above if highest is None else highest
    mine = settled(regimes.right.final, regimes.floor)
    if all_at_floor(regimes, highest):
        return f"below {floor_text(regimes.floor)}"  # what the floor means: said once, with its first run
    if math.isnan(highest) or highest <= ends_as_low(mine, abs(float(regimes.right.history[0]))):
        return f"as low as η = {format_setting(regimes.right.learning_rate)} did"
    return f"{'to' if short else 'down to'} {format_value(rounded_up(highest), 1)} or lower"


def no_fault_note(regimes: Regimes) -> str:
    """On screen while :func:`nothing_went_wrong` is said: the same, shorter, its parts one a line (the reason, where
    the runs show it, last)."""
    right, limit = format_setting(regimes.right.learning_rate), format_setting(regimes.limit)
    low = how_low(regimes, short=True)
    why = why_on_screen(regimes)
    first = f"Every η from {right} to {limit} brought {error_of(regimes)} {low}:"
    if shown_part := panels_low(regimes, short=True):  # what the panels show first, then the bound of every η
        first = f"{shown_part}; every η from {right} to {limit}, {low}:"
        if not why:  # the range is said: the verdict short, so the note keeps two lines
            return f"{first}\nnone is too large here."
    if why:  # the claim and the reason that goes with it
        return f"{first} for this one example, none is too large.\n{why}"
    return f"{first}\nno η up to {limit} is too large here."


def all_at_floor(regimes: Regimes, highest: float | None = None) -> bool:
    """About right and every η above it tried (or the runs whose highest final error is ``highest``) end below the
    floor (errors there count as the floor)."""
    highest = regimes.highest_above if highest is None else highest
    return reaches_floor(regimes.right, regimes) and (math.isnan(highest) or highest <= regimes.floor)


def why_yours(regimes: Regimes, decimals: int, panels_only: bool = False) -> str:
    """Why the video used an η below about right, where its numbers show it: one update then changes E little
    enough to follow ("The video used η = 0.5 so one update's change is small enough to follow: E 0.2748 → 0.2580,
    where η = 16 takes it to 0.0018 in one."); "" otherwise. ``panels_only``: the reason without the numbers of
    one update, which the panels do not show."""
    yours, right = regimes.yours, regimes.right
    if regimes.per_epoch or yours.learning_rate >= right.learning_rate or len(yours.history) < 2:
        return ""
    e0, mine, theirs = (float(x) for x in (yours.history[0], yours.history[1], right.history[1]))
    if not e0 > mine > theirs:  # one update of about right changes E more than the η watched, both down
        return ""
    if panels_only:
        return (
            f"The video used {eta_text(yours)} so one update's change is small enough to follow: "
            f"one update of {eta_text(right)} changes {error_of(regimes)} more."
        )
    return (
        f"The video used {eta_text(yours)} so one update's change is small enough to follow: {error_of(regimes)} "
        f"{format_value(e0, decimals)} → {format_value(mine, decimals)}, where {eta_text(right)} takes it "
        + (  # below the floor the value is the loss's clipping, not the run's: say only where it is
            f"below {floor_text(regimes.floor)} in one."
            if regimes.floor > 0 and theirs < regimes.floor
            else f"to {format_value(theirs, decimals)} in one."
        )
    )


def cut_text(regimes: Regimes) -> str:
    """Where the runs' log axis stops, when it is cut short (``Regimes.axis_cut``; "" when it is not)."""
    if not regimes.axis_cut:
        return ""
    return f"the axis stops at {floor_text(regimes.axis_cut)}: a lower {error_of(regimes)} is drawn on its bottom line"
