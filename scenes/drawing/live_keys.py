"""Keys that follow the screen: a key's entry shows only while something outside the keys is drawn in its colour.

A key is built once for a step (``scenes.drawing.colour_key``, ``scenes.drawing.sign_key``) and stays up while
its colours come and go: the error's red is drawn for a few seconds of the error step, the target's magenta for a
few of the backward pass. Listing a colour that is not on screen sends a student looking for it (lecturer review
12). So each entry of a key is marked with the colours it explains (``entry``), and after every frame the scene
asks ``follow_screen``: an entry whose colour is drawn outside the keys fades in (``FADE_SECONDS``), one whose
colour has gone fades out. The key keeps its place and size (an entry hidden leaves its room), so nothing placed
beside or under a key moves.

An entry's state: ``ENTRY_SHOWN`` on the row, its share shown (0 hidden … 1 shown; None: not yet followed, when
it takes its state at once, as the key itself is appearing). Each member's own opacities are kept on it
(``OWN_ALPHA``) as the entry is made, and put back once it is fully shown.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from manim import Mobject, VMobject

from scenes.drawing.colour_key import (
    ENTRY_COLOURS,
    ENTRY_HEADING,
    ENTRY_SHOWN,
    KEY_ROLES,
    OWN_ALPHA,
    SEEN_ALPHA,
    entries,
)

FADE_SECONDS = 0.3
LOOK_SECONDS = 0.2  # how often the screen is looked at while a play runs
COLOUR_TOLERANCE = 0.6 / 255  # the same colour, as the hex string it came from


def keys_and_colours(
    mobjects: Iterable[Mobject], leaving: frozenset[int] = frozenset()
) -> tuple[list[Mobject], np.ndarray]:
    """The keys among ``mobjects``' families, and the colours (rows of RGB) drawn outside them: each visible
    shape's fill colour where it is filled, its stroke colour where it is stroked (as tests/scene_probe.py's
    ``colours_drawn`` reads the screen), those of the mobjects in ``leaving`` (ids) left out."""
    keys: list[Mobject] = []
    colours: list[np.ndarray] = []
    stack = list(mobjects)
    while stack:
        mob = stack.pop()
        if id(mob) in leaving:
            continue
        if mob.__dict__.get(KEY_ROLES):
            keys.append(mob)
            continue
        stack.extend(mob.submobjects)
        if not isinstance(mob, VMobject) or not len(mob.points):
            continue
        fill, stroke = mob.fill_rgbas[0], mob.stroke_rgbas[0]
        if fill[3] > SEEN_ALPHA:
            colours.append(fill[:3])
        if stroke[3] > SEEN_ALPHA and mob.get_stroke_width() > 0:
            colours.append(stroke[:3])
    return keys, np.unique(np.array(colours).reshape(-1, 3), axis=0)


def rgb(colour: str) -> np.ndarray:
    hex_digits = colour.lstrip("#")
    return np.array([int(hex_digits[k : k + 2], 16) / 255 for k in (0, 2, 4)])


def is_drawn(colour: str, drawn: np.ndarray) -> bool:
    return bool(len(drawn)) and bool((np.abs(drawn - rgb(colour)).max(axis=1) <= COLOUR_TOLERANCE).any())


class KeyFollower:
    """Keeps a scene's keys to its screen: ``follow`` after every frame, looking at the screen every ``LOOK_SECONDS``
    (a look walks every shape) and fading the entries of the keys it last saw in between."""

    def __init__(self) -> None:
        self.since_look = float("inf")
        self.rows: list[tuple[Mobject, bool]] = []  # each entry of the keys last seen, and whether it is wanted
        self.leaving: frozenset[int] = frozenset()  # what the running play takes off the screen (ids)

    def settle(self, mobjects: Iterable[Mobject]) -> None:
        """After a play: each entry as the screen now wants it, at once."""
        self.leaving = frozenset()
        self.follow(mobjects, float("inf"))

    def follow(self, mobjects: Iterable[Mobject], dt: float) -> None:
        """Show each key entry among ``mobjects`` whose colour is drawn outside the keys, hide the others: fading
        by ``dt`` over ``FADE_SECONDS`` (an entry not yet followed, or ``dt`` of a whole skipped play: at once)."""
        self.since_look += dt
        if self.since_look >= LOOK_SECONDS or dt >= FADE_SECONDS:
            self.since_look = 0.0
            keys, drawn = keys_and_colours(mobjects, self.leaving)
            self.rows = [row for key in keys for row in wanted_entries(key, drawn)]
        for row, wanted in self.rows:
            fade(row, 1.0 if wanted else 0.0, dt)

    def ahead(self, mobjects: Iterable[Mobject], leaving: Iterable[Mobject] = ()) -> None:
        """Before a play starts: the entries of keys not yet followed among ``mobjects`` (the screen and what the
        play brings, as it will stand: a key fading in, the shapes it explains) take their state at once, so an
        animation that brings a key in brings it with only the entries wanted. What the play takes off the screen
        (``leaving``) counts as gone from its start: an entry fades out as its colour does, not after it."""
        self.leaving = frozenset(id(m) for mob in leaving for m in mob.get_family())
        self.since_look = float("inf")  # the play's first frame looks
        keys, drawn = keys_and_colours(mobjects, self.leaving)
        for key in keys:
            for row, wanted in wanted_entries(key, drawn):
                if row.__dict__.get(ENTRY_SHOWN) is None:
                    fade(row, 1.0 if wanted else 0.0, 0.0)


def wanted_entries(key: Mobject, drawn: np.ndarray) -> list[tuple[Mobject, bool]]:
    """Each entry of ``key``, and whether a colour it explains is among ``drawn`` (a heading: whether any entry it
    heads, one explaining a role of its own, is)."""
    rows = entries(key)
    wanted = {id(r): any(is_drawn(c, drawn) for c in r.__dict__[ENTRY_COLOURS].values()) for r in rows}
    heads = [r for r in rows if not r.__dict__.get(ENTRY_HEADING)]
    for row in rows:
        if row.__dict__.get(ENTRY_HEADING):
            roles = row.__dict__[ENTRY_COLOURS].keys()
            wanted[id(row)] = any(wanted[id(r)] for r in heads if roles & r.__dict__[ENTRY_COLOURS].keys())
    return [(r, wanted[id(r)]) for r in rows]


def fade(row: Mobject, target: float, dt: float) -> None:
    """Move ``row``'s share shown toward ``target`` by ``dt``; draw it at that share of its own opacities."""
    shown = row.__dict__.get(ENTRY_SHOWN)
    if shown == target == 1.0:
        return  # fully shown: the key's own animations (fading it in and out) own its opacities
    step = dt / FADE_SECONDS
    now = target if shown is None or step >= 1 else float(np.clip(target, shown - step, shown + step))
    setattr(row, ENTRY_SHOWN, now)
    if shown is None and now == 1.0:
        return
    rising = shown is not None and now > shown  # from hidden: its own opacities, scaled (else: never above them)
    for member in row.family_members_with_points():
        own = member.__dict__.get(OWN_ALPHA)
        if own is None or not isinstance(member, VMobject):
            continue
        fill, stroke = own
        if len(fill) == len(member.fill_rgbas):
            member.fill_rgbas[:, 3] = fill * now if rising else np.minimum(member.fill_rgbas[:, 3], fill * now)
        if len(stroke) == len(member.stroke_rgbas):
            member.stroke_rgbas[:, 3] = stroke * now if rising else np.minimum(member.stroke_rgbas[:, 3], stroke * now)
