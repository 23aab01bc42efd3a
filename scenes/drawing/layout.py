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
    """``rule`` with a few words saying what its sum's index is ("k: each output"), where the index is first used:
    beside it where they fit in ``width`` on one line or two (about as tall as the rule: the panel's rows below keep
    their room), else under it; one panel item, so the words stay while the rule does. A rule wider than ``width`` is
    scaled to it alone (the panel would scale the pair, and the words under the legibility floor)."""
    if rule.width > width:
        rule.scale_to_fit_width(width)
    room = width - rule.width - GLOSS_BESIDE
    breaks = [k for k in range(len(gloss)) if gloss[k] == " "][::-1]  # the last word alone first: "k: each / output"
    for lines in (gloss, *(f"{gloss[:k]}\n{gloss[k + 1 :]}" for k in breaks)):
        words = Text(lines, font_size=LABEL_SIZE, color=color, line_spacing=0.8)
        if words.width <= room and words.height <= rule.height + GLOSS_GAP:
            return VGroup(rule, words).arrange(RIGHT, buff=GLOSS_BESIDE)
    words = Text(gloss, font_size=LABEL_SIZE, color=color)
    return VGroup(rule, words).arrange(DOWN, aligned_edge=LEFT, buff=GLOSS_GAP)


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
        bottom = self.items[-1].get_bottom()[1] - self.spacing if len(self.items) else self.top
        if bottom - mob.height < PANEL_BOTTOM and len(self.items):
            self.clear()
            bottom = self.top
        mob.move_to((PANEL_LEFT, bottom, 0), aligned_edge=UP + LEFT)
        return mob

    def push(
        self, mob: VMobject, animation: Callable[..., Animation] = Appear, **kwargs: Unpack[AnimationOptions]
    ) -> Animation:
        """Place ``mob`` and return the animation that shows it (the caller plays it)."""
        self.add(mob)
        return animation(mob, **kwargs)

    def push_all(self, mobs: Sequence[VMobject], **kwargs: Unpack[AnimationOptions]) -> list[Animation]:
        """Place several items at once (clearing first if they do not all fit); their animations."""
        needed = sum(m.height for m in mobs) + self.spacing * len(mobs)
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
            moves.append(m.animate.shift((top - m.get_top()[1]) * UP))
            top -= m.height + self.spacing
        # The others are gone before the kept ones move up: a number never passes over another mid-flight.
        for animations in ([Vanish(m) for m in others], moves):
            if animations:
                self.scene.play(*animations, run_time=run_time / 2)
        self.items = VGroup(*kept)

    def make_room_under_first_fitting(self, tiers: Sequence[Sequence[VMobject]], height: float) -> None:
        """``make_room`` for ``height``, keeping the first of ``tiers`` it fits under (the last if none does)."""
        kept = next((tier for tier in tiers if self.fits(tier, height)), tiers[-1])
        self.make_room(kept, height)

    def fits(self, keep: Sequence[VMobject], height: float) -> bool:
        """Whether ``height`` more fits under ``keep`` stacked from the top (what ``make_room`` leaves)."""
        return self.top - sum(m.height + self.spacing for m in keep) - height >= PANEL_BOTTOM

    def clear(self, run_time: float = FADE) -> None:
        """Fade every item out (played at once)."""
        if len(self.items):
            self.scene.play(Vanish(self.items), run_time=run_time)
            self.items = VGroup()
