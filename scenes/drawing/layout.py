"""Where things go on screen: the step title, and the formula panel on the right of the frame."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar, Unpack

from manim import DOWN, LEFT, RIGHT, UL, UP, Animation, Scene, Text, VGroup, VMobject

from scenes.drawing.fades import AnimationOptions, Appear, Vanish
from scenes.drawing.style import (
    FADE,
    LABEL_SIZE,
    PANEL_BOTTOM,
    PANEL_LEFT,
    PANEL_SPACING,
    PANEL_TOP,
    PANEL_WIDTH,
    STEP_TITLE_SIZE,
    TITLE_BUFF,
)
from scenes.drawing.theme import Color


def step_title(number: int | None, name: str, color: Color) -> Text:
    """``Step 2 · Error calculation`` at the top left."""
    label = f"Step {number} · {name}" if number is not None else name
    return Text(label, font_size=STEP_TITLE_SIZE, color=color, weight="BOLD").to_corner(UL, buff=TITLE_BUFF)


GLOSS_GAP = 0.12  # a rule and the line under it saying what its sum's index runs over
GLOSS_BESIDE = 0.35  # … or the words beside it, where they fit on the rule's height


def glossed(rule: VMobject, gloss: str, color: Color, width: float = PANEL_WIDTH) -> VGroup:
    """``rule`` with a few words saying what its symbols are ("k: each output"; several, one per line of ``gloss``),
    where they are first used: as many as fit beside it in ``width`` (each on one line or two: about as tall as the
    rule, so the panel's rows below keep their room), the others under it, a line each; one panel item, so the words
    stay while the rule does. A rule wider than ``width`` is scaled to it alone (the panel would scale the pair, and
    the words under the legibility floor)."""
    if rule.width > width:
        rule.scale_to_fit_width(width)
    meanings = gloss.split("\n")
    for split in range(len(meanings), -1, -1):  # as many beside it as fit, the first ones
        beside = beside_words(meanings[:split], color, width - rule.width - GLOSS_BESIDE, rule.height + GLOSS_GAP)
        if beside is None:
            continue
        top = VGroup(rule, beside).arrange(RIGHT, buff=GLOSS_BESIDE) if split else VGroup(rule)
        under = meanings[split:]
        if not under:
            return top
        return VGroup(top, meaning_lines(under, color)).arrange(DOWN, aligned_edge=LEFT, buff=GLOSS_GAP)
    raise AssertionError("no meanings always fit")  # split = 0 always does


def beside_words(meanings: Sequence[str], color: Color, room: float, height: float) -> VMobject | None:
    """``meanings`` a line each, or a single one broken before one of its words (the last word alone first: "k: each
    / output"), in ``room`` wide and ``height`` tall; None where they do not fit. No meanings fit anywhere."""
    if not meanings:
        return VGroup()
    if len(meanings) > 1:
        lines = meaning_lines(meanings, color)
        return lines if lines.width <= room and lines.height <= height else None
    gloss = meanings[0]
    breaks = [k for k in range(len(gloss)) if gloss[k] == " "][::-1]
    for text in (gloss, *(f"{gloss[:k]}\n{gloss[k + 1 :]}" for k in breaks)):
        words = Text(text, font_size=LABEL_SIZE, color=color, line_spacing=0.8)
        if words.width <= room and words.height <= height:
            return words
    return None


def meaning_lines(meanings: Sequence[str], color: Color) -> VGroup:
    """Several symbols' meanings, a line each, left-aligned."""
    lines = [Text(m, font_size=LABEL_SIZE, color=color) for m in meanings]
    return VGroup(*lines).arrange(DOWN, aligned_edge=LEFT, buff=GLOSS_GAP)


def glosses(*meanings: str | None) -> str:
    """The words of several symbols' meanings for ``glossed``, one per line (those that are None left out)."""
    return "\n".join(m for m in meanings if m)


def dropping_first(items: Sequence[VMobject]) -> list[list[VMobject]]:
    """``items``, then without the first, and so on to none: what stays, in turn, where rows do not fit."""
    return [list(items[k:]) for k in range(len(items) + 1)]


GAP_ABOVE = "panel_gap_above"  # an item's own gap to the item above it on the panel (``Panel.gap_above``)
M = TypeVar("M", bound=VMobject)  # what the panel shows: it keeps its items in a VGroup


class Panel:
    """The formula column on the right: items stack downwards and the panel clears itself when full."""

    def __init__(self, scene: Scene, top: float = PANEL_TOP, spacing: float = PANEL_SPACING) -> None:
        self.scene = scene
        self.top = top
        self.spacing = spacing
        self.items = VGroup()

    def place(self, mob: M) -> M:
        """Position ``mob`` under the last item (scaled down to the panel width if it is wider)."""
        if mob.width > PANEL_WIDTH:
            mob.scale_to_fit_width(PANEL_WIDTH)
        bottom = self.items[-1].get_bottom()[1] - self.gap_above(mob) if len(self.items) else self.top
        if bottom - mob.height < PANEL_BOTTOM and len(self.items):
            self.clear()
            bottom = self.top
        mob.move_to((PANEL_LEFT, bottom, 0), aligned_edge=UP + LEFT)
        return mob

    def gap_above(self, mob: VMobject) -> float:
        """The gap between ``mob`` and the item above it: the panel's, or the item's own (``GAP_ABOVE``: a note
        under the rows it is about sits closer to them)."""
        return float(getattr(mob, GAP_ABOVE, self.spacing))

    def stacked_height(self, mobs: Sequence[VMobject]) -> float:
        """The height ``mobs`` take stacked under one another (as placed: scaled down to the panel's width), without
        the gap above the first."""
        heights = [m.height * min(1.0, PANEL_WIDTH / m.width) if m.width else m.height for m in mobs]
        return sum(heights) + sum(self.gap_above(m) for m in mobs[1:])

    def push(
        self, mob: VMobject, animation: Callable[..., Animation] = Appear, **kwargs: Unpack[AnimationOptions]
    ) -> Animation:
        """Place ``mob`` and return the animation that shows it (the caller plays it)."""
        self.add(mob)
        return animation(mob, **kwargs)

    def push_all(self, mobs: Sequence[VMobject], **kwargs: Unpack[AnimationOptions]) -> list[Animation]:
        """Place several items at once (clearing first if they do not all fit); their animations."""
        needed = self.gap_above(mobs[0]) + self.stacked_height(mobs) if mobs else 0.0
        bottom = self.items[-1].get_bottom()[1] if len(self.items) else self.top
        if len(self.items) and bottom - needed < PANEL_BOTTOM:
            self.clear()
        return [self.push(m, **kwargs) for m in mobs]

    def add(self, mob: M) -> M:
        """Place ``mob`` and count it as shown (for mobjects animated in some other way)."""
        self.place(mob)
        self.items.add(mob)
        return mob

    def make_room(self, keep: Sequence[VMobject], height: float, run_time: float = FADE) -> None:
        """Room for ``height`` more under the items, keeping ``keep``: the others fade, then the kept ones
        stack up from the top in their order on screen (the gaps the faded ones leave close)."""
        bottom = self.items[-1].get_bottom()[1] - self.spacing if len(self.items) else self.top
        if bottom - height >= PANEL_BOTTOM or not len(self.items):
            return
        others = [m for m in self.items if m not in keep]
        kept = sorted(keep, key=lambda m: -m.get_top()[1])
        moves, top = [], self.top
        for m in kept:
            if abs(dy := top - m.get_top()[1]) > 1e-6:  # (one in its place already stays: no pause to watch it)
                moves.append(m.animate.shift(dy * UP))
            top -= m.height + self.spacing
        # The others are gone before the kept ones move up: a number never passes over another mid-flight.
        for animations in ([Vanish(m) for m in others], moves):
            if animations:
                self.scene.play(*animations, run_time=run_time / 2)
        self.items = VGroup(*kept)

    def restack(self, keep: Sequence[VMobject], run_time: float = FADE) -> None:
        """Only ``keep`` on the panel, stacked from the top in that order: the others fade, the kept ones on the panel
        move to their places, then those that had gone (to make room before) come back in theirs, each a play of
        its own (nothing passes over another mid-flight, nothing comes back where another still is)."""
        slots, top = [], self.top
        for m in keep:
            slots.append((m, top - m.get_top()[1]))
            top -= m.height + self.spacing
        moves = [m.animate.shift(dy * UP) for m, dy in slots if m in self.items and abs(dy) > 1e-6]
        back = [m.shift(dy * UP) for m, dy in slots if m not in self.items]  # placed while off screen
        others = [m for m in self.items if m not in keep]
        for animations in ([Vanish(m) for m in others], moves, [Appear(m) for m in back]):
            if animations:
                self.scene.play(*animations, run_time=run_time / 2)
        self.items = VGroup(*keep)

    def fits(self, keep: Sequence[VMobject], height: float) -> bool:
        """Whether ``height`` more fits under ``keep`` stacked from the top (what ``make_room`` leaves)."""
        return self.top - sum(m.height + self.spacing for m in keep) - height >= PANEL_BOTTOM

    def clear(self, run_time: float = FADE) -> None:
        """Fade every item out (played at once)."""
        if len(self.items):
            self.scene.play(Vanish(self.items), run_time=run_time)
            self.items = VGroup()
