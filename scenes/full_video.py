"""The whole video as one scene: every part of ``scenes.steps_table``, in its order, on one network."""

from __future__ import annotations

from importlib import import_module

from scenes.stage.base import StepScene
from scenes.stage.board import Board
from scenes.steps_table import PARTS, parts_for


def part_scenes(dataset: bool | None = None) -> list[type[StepScene]]:
    """The scene class of every part of the video, in the table's order (of those a config with ``[data]`` or
    ``[sample]`` plays, when ``dataset`` says which)."""
    parts = PARTS if dataset is None else parts_for(dataset)
    scenes: list[type[StepScene]] = [getattr(import_module(f"scenes.{p.module}"), p.scene) for p in parts]
    return scenes


class FullVideo(StepScene):
    """`manim render scenes/full_video.py FullVideo`: every step, in order, on one network."""

    def formulas(self) -> list[tuple[str, ...]]:
        return [formula for part in part_scenes() for formula in part.part_formulas(self.ctx)]

    def construct(self) -> None:
        board: Board | None = None
        for part in part_scenes(self.ctx.config.is_dataset):
            board = part.play_in_video(self, self.ctx, board)
