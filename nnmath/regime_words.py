"""What each learning-rate run does, in words with its numbers: one home for the panel tags, the subtitles
and the answer key, so the three never disagree."""

from __future__ import annotations

import math

import numpy as np

from nnmath.error_floor import at_floor, floor_exponent, settled
from nnmath.gradient_words import NAMES
from nnmath.notation import error_name, format_setting, format_value, sub, sup
from nnmath.regimes import (
    ABOUT_RIGHT,
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
    ends_as_low,
)
from nnmath.run_panels import shown, why_none_too_large, why_on_screen

FAST_ENOUGH = "fast enough"  # about right, when a larger η ends just as low: nothing shows it is the best
NO_LEARNING = "no η learns"  # about right, when even it ends no lower than it started (e.g. η = 10³⁰⁰)
SMOOTH_BUT_SLOWER = "smooth but slower"  # about right, when a larger η shown ends clearly lower (bumps and all)

JUMPS_AND_STALLS = "jumps past,\nthen stalls"  # a run whose ŷ jumps past its target, shown under the tag, and sticks
TAGS = {  # a panel's short label: what the run does (a run that falls: :func:`falls_tag`, with its numbers)
    OVERSHOOTS: "overshoots",
    OSCILLATES: "oscillates",
    STALLS_PAST: "jumps past,\nthen stalls:\n{slope} ≈ 0",  # ≈ 0 where the output saturates (a dataset's run)
    STALLS: "saturates\nand stalls:\n{slope} ≈ 0",
    DIVERGES: "diverges",
    STUCK: "the error\ndoes not\nmove",
}


def role_of(run: Regime, regimes: Regimes | None = None) -> str:
    """The run's role as the video names it: "about right" only when no larger η of the comparison ends as low
    (else "fast enough": the curves show no η is too large, so none is shown to be just right; and "smooth but
    slower" when a larger η shown ends clearly lower, rising now and then on the way: mini-batches)."""
    if run.role != ABOUT_RIGHT or regimes is None:
        return run.role
    mine = settled(run.final, regimes.floor)
    e0 = abs(float(run.history[0]))
    as_low = any(
        other.learning_rate > run.learning_rate and settled(other.final, regimes.floor) <= ends_as_low(mine, e0)
        for other in regimes.compared
    )
    if mine >= settled(float(run.history[0]), regimes.floor):  # it learned nothing: nothing here is right
        return NO_LEARNING
    beaten = any(  # a larger η of the comparison ends clearly lower: the curves show this run is not the best
        other.learning_rate > run.learning_rate and ends_as_low(settled(other.final, regimes.floor), e0) < mine
        for other in (*regimes.compared, regimes.yours)
    )
    return SMOOTH_BUT_SLOWER if beaten else FAST_ENOUGH if as_low else run.role


def doing(run: Regime, regimes: Regimes | None = None, decimals: int = 4) -> str:
    """What the run does, for its tag: ``TAGS``, a run that falls how it falls and to where (:func:`falls_tag`), or
    for a run that oscillates and ends above its start, that."""
    if run.label in (SLOW, STEADY):
        return falls_tag(run, regimes, decimals)
    if run.label == OSCILLATES and run.final > float(run.history[0]):
        return "rises, then\nsettles above\nthe start"
    if regimes is not None and jump(run, regimes) is not None:  # ŷ before and after, and the target, under the tag
        return JUMPS_AND_STALLS  # short: ŷ before and after, and the target, are under it; the flat curve after
    if run.label in (STALLS, STALLS_PAST):
        activation = regimes.output_activation if regimes is not None else ""
        said = TAGS[run.label].format(slope=NAMES.get(activation, "f′(z)").replace("(z)", ""))
        if run.label == STALLS and regimes is not None and below_yours(run, regimes):  # on screen, not only said
            said += f";\nstill ends\nbelow {eta_text(regimes.yours)}"
        return said
    return TAGS[run.label]


# how a run that never rises falls ("furthest" of the runs compared only: an η between them may go further)
SLOWLY, STEADILY, FURTHEST = "slowly", "steadily", "furthest of these"


def how_it_falls(run: Regime, regimes: Regimes | None) -> str:
    """How a run that never rises falls, against the other runs: "slowly" (too small), "furthest" (it ends lower
    than every other run of the comparison, beyond a tie), else "steadily"."""
    if run.label == SLOW:
        return SLOWLY
    if regimes is None:
        return STEADILY
    e0, mine = abs(float(run.history[0])), settled(run.final, regimes.floor)
    others = [settled(r.final, regimes.floor) for r in regimes.compared if r is not run]
    if others and all(other > ends_as_low(mine, e0) for other in others):
        return FURTHEST
    return STEADILY


def floor_step(run: Regime, regimes: Regimes) -> int | None:
    """The first step after which the run's error is below the floor (None: it never gets there)."""
    below = np.flatnonzero(np.asarray(run.history) < regimes.floor) if regimes.floor > 0 else np.array([])
    return int(below[0]) if below.size else None


def falls_tag(run: Regime, regimes: Regimes | None, decimals: int) -> str:
    """A falling run's tag, from its numbers: "falls slowly", "falls steadily", "falls furthest", or at the floor
    "below 10⁻¹⁴\\nin 1 update"; where another run shown falls the same way, where it ends too ("falls steadily\\nto
    0.0038")."""
    how = how_it_falls(run, regimes).replace(" of ", "\nof ", 1)  # a tag is narrow: "falls furthest / of these"
    if regimes is None:
        return f"falls {how}"
    k = floor_step(run, regimes)
    if k is not None:
        return f"below {floor_text(regimes.floor)}\nin {counted(regimes, k)}"
    alike = [
        other
        for _, other in shown(regimes)
        if other is not run and other.label in (SLOW, STEADY) and floor_step(other, regimes) is None
        if how_it_falls(other, regimes) == how
    ]
    return f"falls {how}" + (f"\nto {level(run, regimes, decimals)}" if alike else "")


def tag(run: Regime, regimes: Regimes | None = None, decimals: int = 4) -> str:
    """The panel's tag, e.g. "too large:\\njumps past\\nthe target\\nand stalls" (role, then what it does); the
    config's own η says so."""
    role = role_of(run, regimes)
    role = {LARGEST_TRIED: "largest tried", YOURS: "the η you\nwatched"}.get(role, role)
    if run.yours and run.role != YOURS:
        role += "\n(the η you watched)".replace(" you ", " you\n")
    return f"{role}:\n{doing(run, regimes, decimals)}"


def eta_text(run: Regime) -> str:
    """η as a setting: "η = 16"."""
    return f"η = {format_setting(run.learning_rate)}"


def output_name(regimes: Regimes, n: int) -> str:
    """ŷ, ŷ₂, or for a dataset "ŷ of sample 3" / "ŷ₂ of sample 3" (n counts every sample's outputs)."""
    sample, k = divmod(n, regimes.outputs)
    name = "ŷ" if regimes.outputs == 1 else f"ŷ{sub(k + 1)}"
    return name if regimes.target.size == regimes.outputs else f"{name} of sample {sample + 1}"


def counted(regimes: Regimes, k: int) -> str:
    """ "1 update", "100 updates", "100 epochs": k of the runs' steps."""
    return f"{k} {regimes.unit}{'' if k == 1 else 's'}"


def at_step(regimes: Regimes, k: int) -> str:
    """The k-th step, counted from 1: "update 13", "epoch 13"."""
    return f"{regimes.unit} {k}"


def error_at(run: Regime, regimes: Regimes, k: int, decimals: int) -> str:
    """E after k steps, readable whatever its size and never a number the computer cannot tell from 0:
    "after 100 updates E = 2.5 × 10⁻⁵", "after 3 updates E > 10⁶", "after 100 updates E < 10⁻¹⁴"."""
    value, after, e = float(run.history[k]), f"after {counted(regimes, k)}", error_of(regimes)
    if not abs(value) < DIVERGED:
        return f"{after} {e} > 10⁶" if value == value else f"{after} {e} is not a number"
    if at_floor(value, regimes.floor):
        return f"{after} {e} < {floor_text(regimes.floor)}"
    return f"{after} {e} = {format_value(value, decimals)}"


def read_at(run: Regime) -> int:
    """The step whose E the run's panel and words read: the last, or for a run that diverges the first step its E
    passes 10⁶ ("after 7 updates E > 10⁶", on the panel as in the subtitle)."""
    last = len(run.history) - 1
    if run.label != DIVERGES:
        return last
    return next((k for k, e in enumerate(run.history) if not abs(e) < DIVERGED), last)


def error_of(regimes: Regimes) -> str:
    """The error the runs are judged on: E for one sample, Ē (the mean over all the data) for a dataset."""
    return error_name(regimes.per_epoch)


def floor_text(floor: float) -> str:
    """The floor as a power of ten: "10⁻¹⁴"."""
    return f"10{sup(floor_exponent(floor))}"


def reaches_floor(run: Regime, regimes: Regimes) -> bool:
    return at_floor(run.final, regimes.floor)


FLOOR_WORDS = "too small for the computer to tell from 0 here"  # below the floor (``nnmath.error_floor``)


def level(run: Regime, regimes: Regimes, decimals: int) -> str:
    """Where the run's E ends: "2.5 × 10⁻⁵", or "below 10⁻¹⁴" at the floor."""
    if reaches_floor(run, regimes):
        return f"below {floor_text(regimes.floor)}"
    return format_value(run.final, decimals)


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


def below_yours(run: Regime, regimes: Regimes) -> str:
    """ "lower than where η = 0.5 ends": for a stalled run that still ends below the η the student watched (too
    large here means it stalls above about right, not that it does worse than that η); "" otherwise."""
    yours = regimes.yours
    if yours is run or yours.learning_rate == run.learning_rate:
        return ""
    if settled(run.final, regimes.floor) >= settled(yours.final, regimes.floor):
        return ""
    return f"lower than where {eta_text(yours)} ends"


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


def jump(run: Regime, regimes: Regimes) -> tuple[int, int] | None:
    """(k, n): the run's output n jumps past its target in step k + 1 and sticks there, as its panel shows under
    its tag (ŷ before and after that step, :func:`jump_values`); None for any other run, or a dataset's (its ŷ
    belong to many samples)."""
    if run.label != STALLS_PAST or run.behaviour.first_cross is None or regimes.target.size != regimes.outputs:
        return None
    return run.behaviour.first_cross


def jump_values(run: Regime, regimes: Regimes) -> tuple[float, float]:
    """ŷ before and after the step in which it jumps past its target (:func:`jump`)."""
    k, n = jump(run, regimes) or (0, 0)
    return float(run.y_hat[k][n]), float(run.y_hat[k + 1][n])


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


def who(run: Regime, regimes: Regimes | None = None) -> str:
    """ "η = 16 (about right)", "η = 0.5 (the η you watched)", "η = 64 (too large, the η you watched)"."""
    roles = [role_of(run, regimes)] if run.role != YOURS else []
    if run.yours:
        roles.append(YOURS)
    return f"{eta_text(run)} ({', '.join(roles)})"


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


def rounded_up(value: float) -> float:
    """A positive value rounded up to two significant digits (3.14 × 10⁻⁸ → 3.2 × 10⁻⁸): a bound it does not pass."""
    step = 10.0 ** (math.floor(math.log10(value)) - 1)
    return math.ceil(value / step * (1 - 1e-12)) * step


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
