"""The base of the step scenes: load the context (config, trace, theme) before any frame, and render faster
(shared LaTeX typeset ahead in one run, parsed paths and SVGs, light copies, cairo outlines, families in one walk,
boxes from one array of anchors, the backdrop, the clip encoder: see their modules); a scene renders one part of its
clip when told to (``part.py``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, cast

from manim import Animation, AnimationGroup, Camera, ManimColor, Mobject, RendererType, Scene, config
from manim.renderer.cairo_renderer import CairoRenderer

from scenes.drawing.colour_key import KEY_ROLES, entries
from scenes.drawing.likely_tex import likely_formulas
from scenes.drawing.live_keys import KeyFollower
from scenes.stage.backdrop import BackdropScene
from scenes.stage.board import Board
from scenes.stage.boundary import measure_boxes_in_one_array
from scenes.stage.cairo_paths import keep_cairo_paths
from scenes.stage.colours import make_one_colour_arrays_directly
from scenes.stage.context import StepContext, load_context
from scenes.stage.encoder import ClipWriter
from scenes.stage.families import list_families_in_one_walk, run_updaters
from scenes.stage.light_copies import copy_mobjects_lightly
from scenes.stage.parsed_paths import parse_path_data_once, share_parsed_paths, share_parsed_svgs
from scenes.stage.part import PartScene
from scenes.stage.shared_tex import share_compiles
from scenes.stage.tex_batch import typeset_ahead
from scenes.voice.narrator import Narrator, narrator_for


def flat(animations: Iterable[Animation]) -> Iterator[Animation]:
    """``animations`` and those inside their groups."""
    for animation in animations:
        yield animation
        if isinstance(animation, AnimationGroup):
            yield from flat(animation.animations)


class StepScene(PartScene, BackdropScene):
    """A scene that draws the trace of ``$BACKPROP_CONFIG``; a bad config exits 2 in ``setup``."""

    ctx: StepContext
    narrator: Narrator | None  # speaks each sub-step (see scenes.drawing.narration)
    script: list[tuple[str, str]]  # (sub-step, what the voice says there), narrated or not

    def __init__(self, skip_animations: bool = False, **kwargs: Any) -> None:
        share_parsed_paths()
        copy_mobjects_lightly()
        share_parsed_svgs()
        parse_path_data_once()
        make_one_colour_arrays_directly()
        keep_cairo_paths()
        list_families_in_one_walk()
        measure_boxes_in_one_array()
        share_compiles()
        if config.renderer == RendererType.CAIRO and "renderer" not in kwargs:
            kwargs["renderer"] = CairoRenderer(file_writer_class=ClipWriter, skip_animations=skip_animations)
        super().__init__(skip_animations=skip_animations, **kwargs)
        self.key_follower = KeyFollower()

    @staticmethod
    def part_formulas(ctx: StepContext) -> Iterable[tuple[str, ...]]:
        """The ``MathTex`` arguments of this part's own formulas for ``ctx`` (its rules, headings and questions),
        typeset ahead with those every step draws. A formula not named compiles alone when drawn."""
        return ()

    @staticmethod
    def play_in_video(scene: Scene, ctx: StepContext, board: Board | None) -> Board | None:
        """Play this part on ``scene`` as the full video does: after the part before it, which left ``board`` (the
        network as it stands; None: nothing left on screen). Returns what it leaves for the next part."""
        raise NotImplementedError

    def update_mobjects(self, dt: float) -> None:
        run_updaters(self, dt)  # manim's, in one walk over the mobjects
        self.key_follower.follow(self.mobjects, dt)  # each key lists only the colours drawn, as they come and go

    def play(self, *args: Any, **kwargs: Any) -> None:
        super().play(*args, **kwargs)
        self.key_follower.settle(self.mobjects)  # its last frame (or a held one, or a skipped play) as it stands

    def begin_animations(self) -> None:
        brought = [
            m
            for a in self.animations or []
            for m in (a.mobject, getattr(a, "target_mobject", None))
            if isinstance(m, Mobject)
        ]
        leaving: list[Mobject] = []  # what the play takes off the screen
        for animation in flat(self.animations or []):
            if animation.remover and isinstance(animation.mobject, Mobject):
                leaving.append(animation.mobject)
        self.key_follower.ahead([*self.mobjects, *brought], leaving)  # a key brought in: only the entries wanted
        super().begin_animations()

    def get_moving_mobjects(self, *animations: Animation) -> list[Mobject]:
        """manim's, and the keys on screen: an entry may fade in or out during any play (``KeyFollower``)."""
        moving = super().get_moving_mobjects(*animations)
        listed = set(map(id, moving))
        return [*moving, *(k for k in self.changing_by_themselves() if id(k) not in listed)]

    def changing_by_themselves(self) -> list[Mobject]:
        return [m for m in self.get_mobject_family_members() if m.__dict__.get(KEY_ROLES) and entries(m)]

    def formulas(self) -> Iterable[tuple[str, ...]]:
        """The formulas typeset ahead for this scene: its part's (``part_formulas``)."""
        return self.part_formulas(self.ctx)

    def setup(self) -> None:
        self.ctx = load_context()
        # In one LaTeX run, those not compiled yet.
        typeset_ahead([*likely_formulas(self.ctx.config), *self.formulas()])
        self.narrator = narrator_for(self.ctx.config)
        self.script = []
        # manim types the camera as cairo's or OpenGL's; the video renders with cairo. A ManimColor, not the
        # theme's hex string: the slide variants (manim-slides) read it back as one.
        camera = cast(Camera, self.camera)
        camera.background_color = ManimColor(self.ctx.theme.background)
