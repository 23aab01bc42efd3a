"""A learning-rate run's tag on its panel: its role ("about right", "too large", …) and what it does, from
its numbers (:mod:`nnmath.regimes` names the behaviour; this writes it)."""

from __future__ import annotations

import numpy as np

from nnmath.error_floor import settled
from nnmath.gradient_words import NAMES
from nnmath.regimes import (
    ABOUT_RIGHT,
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
from nnmath.run_panels import shown
from nnmath.run_terms import (
    below_yours,
    counted,
    eta_text,
    floor_text,
    jump,
    level,
)

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


def who(run: Regime, regimes: Regimes | None = None) -> str:
    """ "η = 16 (about right)", "η = 0.5 (the η you watched)", "η = 64 (too large, the η you watched)"."""
    roles = [role_of(run, regimes)] if run.role != YOURS else []
    if run.yours:
        roles.append(YOURS)
    return f"{eta_text(run)} ({', '.join(roles)})"
