"""The video's parts, one row each, in the order the full video plays them.

Everything that lists the parts is derived from this table: the clips the command renders and the order it
starts them in (``scenes.pipeline.clips``), the modules ``from scenes import …`` and the workers load
(``scenes.SCENE_MODULES``), the full video's order (``scenes/full_video.py``), the slide variants
(``scenes/slides.py``), the intro's cycle of four steps, each step's title and colour, and the words that
open a step ("Step 3, the backward pass." on screen, "Step three, …" spoken). ``tests/test_steps_table.py``
checks that every one of them covers every row.

Adding a part: its module under ``scenes/`` (a ``StepScene`` named ``scene``, with ``play_in_video``), and one
row here. A row's ``data`` says which configs play it (the epilogue differs for a single sample and a dataset):
``parts_for`` is what a render, a deck and the full video play for a config. No manim here: the command reads this table before any manim process starts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    """One part of the video: a clip of its own, and a scene ``manim render scenes/<module>.py <scene>`` renders."""

    scene: str  # the scene class
    module: str  # scenes/<module>.py
    # Its share of a render, in seconds at 480p15 on 2 cores with worker processes and formulas typeset ahead,
    # the default network cold: clips start longest first (scenes.pipeline.clips), the longest split in parts.
    render_seconds: float
    number: int | None = None  # a step's number ("Step 3"); None: not one of the four steps
    title: str = ""  # a step's title on screen, after its number
    opening: str = ""  # what a step is called where it starts ("Step 3, the backward pass.")
    cycle: str = ""  # its box in the intro's cycle of four steps ("" for a part that is not a step)
    poster_span: tuple[float, float] = (0.3, 0.95)  # where its poster frame is looked for (fractions of the clip)
    data: str = "any"  # which configs play it: ANY, SAMPLE_ONLY ([sample]) or DATASET_ONLY ([data])

    def plays_for(self, dataset: bool) -> bool:
        """Whether a config with ``[data]`` (``dataset``) or ``[sample]`` plays this part."""
        return self.data == ANY or self.data == (DATASET_ONLY if dataset else SAMPLE_ONLY)


ANY, SAMPLE_ONLY, DATASET_ONLY = "any", "sample", "dataset"


# The render-time estimates, in the table's order: the default network cold (warm: 3.5, 7, 3, 14, 6.5, 6, 7.5; the
# largest network warm: 4-5, 16-18, 6-9, 32-41, 13-16, 6-8, 10).
PARTS = (
    Part("Intro", "intro", 4.0, poster_span=(0.55, 0.95)),
    Part("ForwardPass", "forward_pass", 7.0, 1, "Forward pass", "the forward pass", "Forward pass"),
    Part("ErrorCalc", "error_calc", 4.0, 2, "Error calculation", "the error", "Error"),
    Part("BackwardPass", "backward_pass", 18.0, 3, "Backward pass", "the backward pass", "Backward pass"),
    Part("WeightUpdate", "weight_update", 6.0, 4, "Weight update", "the weight update", "Update"),
    Part("CheckYourself", "check_yourself", 8.0),
    Part("Repeat", "repeat", 8.0, data=SAMPLE_ONLY),
    Part("Training", "training", 10.0, data=DATASET_ONLY),  # the epilogue of a dataset: epochs, decision boundary
)
# Every part on one network, stitched from the clips (rendered as one scene only by `manim render`); its poster
# is searched in its forward pass.
FULL_VIDEO = Part("FullVideo", "full_video", sum(part.render_seconds for part in PARTS), poster_span=(0.15, 0.3))

PART = {part.scene: part for part in PARTS}
# scene class -> the module a user renders it from (`manim render scenes/<module>.py <Scene>`)
SCENE_MODULES = {part.scene: part.module for part in (*PARTS, FULL_VIDEO)}


def parts_for(dataset: bool) -> tuple[Part, ...]:
    """The parts a config plays, in order: with ``[data]`` (``dataset``) or with ``[sample]``."""
    return tuple(part for part in PARTS if part.plays_for(dataset))


STEPS = tuple(part for part in PARTS if part.number is not None)  # the four steps, in order
