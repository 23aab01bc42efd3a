"""Where things go on screen: the step title, and the formula panel on the right of the frame."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar, Unpack

from manim import LEFT, UL, UP, Animation, Scene, Text, VGroup, VMobject

from scenes.drawing.fades import AnimationOptions, Appear, Vanish
from scenes.drawing.style import (
    FADE,
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
