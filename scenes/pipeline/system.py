"""What the render needs from the system besides Python packages, checked before manim is imported.

manim imports cairo and pango as it loads and calls ``latex`` for every formula: a missing piece would end in
a traceback (or halfway through a render), so it is reported first, on one line, with the command that installs it.
"""

from __future__ import annotations

import shutil

LATEX_PACKAGES = "texlive-latex-base texlive-latex-extra texlive-fonts-recommended dvisvgm"
CAIRO_PACKAGES = "pkg-config libcairo2-dev libpango1.0-dev"


def missing_system_dependency() -> str | None:
    """The first missing system piece the render needs, as a message with the install command; or None."""
    for tool in ("latex", "dvisvgm"):
        if shutil.which(tool) is None:
            return (
                f"{tool} is not installed (the formulas need LaTeX); install it with: "
                f"sudo apt-get install --no-install-recommends {LATEX_PACKAGES}"
            )
    try:
        import cairo  # noqa: F401  (pycairo: fails to import without the cairo library)
        import manimpango  # type: ignore[import-untyped]  # noqa: F401  (needs pango)
    except ImportError as exc:
        return (
            f"cairo/pango are not usable ({exc}); install them with: "
            f"sudo apt-get install {CAIRO_PACKAGES}, then run ./setup.sh again"
        )
    return None
