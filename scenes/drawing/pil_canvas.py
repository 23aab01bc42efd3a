"""manim 0.21 draws an ImageMobject onto ``Image.fromarray(np.zeros((h, w)), mode="RGBA")``, which Pillow 11 and
later refuse ("Invalid mode for data type"): every image on screen stopped a render. Importing this module gives
manim's camera a Pillow whose ``fromarray`` makes that empty canvas with ``Image.new`` and is Pillow otherwise."""

from __future__ import annotations

from typing import Any

import numpy as np
from manim.camera import camera
from PIL import Image


class _Pillow:
    """PIL.Image, except an empty two-dimensional RGBA canvas (the only call Pillow refuses)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(Image, name)

    @staticmethod
    def fromarray(obj: Any, mode: str | None = None) -> Image.Image:
        array = np.asarray(obj)
        if mode == "RGBA" and array.ndim == 2:
            return Image.new("RGBA", (array.shape[1], array.shape[0]))
        return Image.fromarray(array, mode=mode) if mode is not None else Image.fromarray(array)


def patch_camera() -> None:
    """Give manim's camera the Pillow above (once; harmless again)."""
    if not isinstance(getattr(camera, "Image"), _Pillow):  # noqa: B009  (manim does not export it)
        setattr(camera, "Image", _Pillow())  # noqa: B010


patch_camera()
