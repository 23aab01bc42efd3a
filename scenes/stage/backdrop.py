"""Draw what an animation does not touch once per play, not once per frame.

manim draws a play's static mobjects into one background image and redraws only the "moving" ones each frame,
but it counts as moving every mobject that comes after the first animated one in drawing order: in these
scenes, where numbers change inside a diagram drawn earlier, that is most of the frame. Here only the animated
mobjects (and those with updaters) are redrawn, with any static mobject that must stay above one of them: one
drawn later that it overlaps, checked each frame by bounding box (and so on, for what those overlap). The rest
joins the background image. A static mobject drawn into the background under an animated one it does not
overlap gives the same pixels, so the video is the same, frame for frame, only drawn faster.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from manim import Animation, AnimationGroup, Camera, Mobject, Scene, VMobject
from manim.renderer.cairo_renderer import CairoRenderer

PIXELS_OF_MARGIN = 3  # beyond a stroke's half width: antialiased edge pixels count as overlapping
APART = np.array([np.inf, np.inf, -np.inf, -np.inf])  # the box of a mobject with no points: overlaps nothing


@dataclass
class _Split:
    """A play's drawn mobjects after manim's first moving one, in drawing order, and which are redrawn each frame."""

    members: list[VMobject]
    moves: np.ndarray  # bool: animated (its box is measured again each frame)
    redrawn: np.ndarray  # bool: drawn every frame (animated, or reached by something redrawn)
    boxes: np.ndarray  # (n, 4): xmin, ymin, xmax, ymax
    before: list[Mobject]  # manim's static mobjects: all drawn before any animated one


def _animated_family(animations: Iterable[Animation]) -> set[int]:
    """Every mobject an animation (or a group's inner animation) moves, by identity."""
    members: set[int] = set()
    for animation in animations:
        members.update(id(m) for m in animation.mobject.get_family())
        if isinstance(animation, AnimationGroup):
            members |= _animated_family(animation.animations)
    return members


def _box(mob: VMobject, pixel: float) -> np.ndarray:
    """The bounding box of a mobject's control points (a Bézier curve stays inside them), widened by its stroke."""
    if not len(mob.points):
        return APART
    points = mob.points[:, :2]
    stroke = max(mob.get_stroke_width(), mob.get_stroke_width(background=True))
    margin = 0.01 * stroke / 2 + PIXELS_OF_MARGIN * pixel  # cairo strokes stroke_width * 0.01 frame units wide
    return np.concatenate([points.min(axis=0) - margin, points.max(axis=0) + margin])


def _overlapping(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(len(a), len(b)) bool: which boxes of ``a`` overlap which of ``b``."""
    return ~(
        (a[:, None, 2] < b[None, :, 0])
        | (b[None, :, 2] < a[:, None, 0])
        | (a[:, None, 3] < b[None, :, 1])
        | (b[None, :, 3] < a[:, None, 1])
    )


class BackdropScene(Scene):
    """A scene whose plays redraw only what they animate, and what that reaches, so frames stay manim's own."""

    _split: _Split | None = None

    def changing_by_themselves(self) -> list[Mobject]:
        """Mobjects no animation or updater moves that may still change during a play (a key's entries, which
        follow the screen): redrawn every frame."""
        return []

    def get_moving_and_static_mobjects(self, animations: Iterable[Animation]) -> tuple[list[Mobject], list[Mobject]]:
        self._split = None
        if self.renderer.skip_animations:
            return [], []  # nothing is drawn: no need to sort the scene's mobjects (a tenth of a skipped play)
        animations = list(animations)
        moving, static = super().get_moving_and_static_mobjects(animations)
        if not isinstance(self.renderer, CairoRenderer):
            return moving, static
        animated_ids = _animated_family(animations)
        changing = self.changing_by_themselves()
        for mob in [*self.mobjects, *self.foreground_mobjects, *changing]:
            if mob.get_family_updaters() or mob in self.foreground_mobjects or any(mob is c for c in changing):
                animated_ids.update(id(m) for m in mob.get_family())
        # A drawn mobject with an animated member is redrawn with all its members (cairo draws them with it).
        touched = [m for m in moving if len(m.points) and any(id(f) in animated_ids for f in m.get_family())]
        moved_ids = animated_ids | {id(f) for m in touched for f in m.get_family()}
        members: list[VMobject] = []
        for mob in moving:
            drawn = len(mob.points) > 0
            if drawn and not isinstance(mob, VMobject):
                return moving, static  # an image or a point cloud: no box for those, draw as manim does
            if isinstance(mob, VMobject) and (drawn or id(mob) in moved_ids):  # an animation may give it points
                members.append(mob)
            # else a group nothing animates: its members are placed one by one
        moves = np.array([id(m) in moved_ids for m in members], dtype=bool)
        if moves.all() or not moves.any():
            return moving, static
        pixel = self._pixel()
        self._split = _Split(
            members=members,
            moves=moves,
            redrawn=moves.copy(),
            boxes=np.array([_box(m, pixel) for m in members]),
            before=static,
        )
        self._reach()
        return self._moving_and_static()

    def _pixel(self) -> float:
        """One pixel, in frame units (the backdrop only runs with cairo's camera)."""
        camera = self.camera
        assert isinstance(camera, Camera)
        return float(camera.frame_width / camera.pixel_width)

    def _moving_and_static(self) -> tuple[list[Mobject], list[Mobject]]:
        split = self._split
        assert split is not None
        redrawn: list[Mobject] = [m for m, r in zip(split.members, split.redrawn, strict=True) if r]
        still = [m for m, r in zip(split.members, split.redrawn, strict=True) if not r]
        return redrawn, [*split.before, *still]  # both in drawing order, which cairo keeps (a stable z sort)

    def _reach(self) -> bool:
        """Redraw every still mobject drawn after a redrawn one it overlaps (and so on); whether any was added.

        A still mobject is drawn into the background, under everything redrawn: the same picture only where
        they do not overlap, or where the still one came first anyway."""
        split = self._split
        assert split is not None
        pixel = self._pixel()
        moving = np.flatnonzero(split.moves)
        split.boxes[moving] = [_box(split.members[i], pixel) for i in moving]
        added, frontier = False, moving
        while len(frontier):
            still = np.flatnonzero(~split.redrawn)
            reaches = _overlapping(split.boxes[frontier], split.boxes[still]) & (still[None, :] > frontier[:, None])
            frontier = still[reaches.any(axis=0)]
            split.redrawn[frontier] = True
            added = added or bool(len(frontier))
        return added

    def update_to_time(self, t: float) -> None:
        super().update_to_time(t)
        if self._split is not None and self._reach():
            self.moving_mobjects, self.static_mobjects = self._moving_and_static()
            self.renderer.save_static_frame_data(self, self.static_mobjects)
