"""reveal.js, as installed from the npm registry at set-up: the HTML deck plays it from its own folder, offline.

manim-slides' page loads reveal.js from a CDN, and its ``--offline`` option downloads it when converting; a
lecture hall (and this command) may have no network at either time. So ``./setup.sh --slides`` installs the npm
package ``reveal.js`` (the version manim-slides' page is written for) into the virtual environment, and the deck
gets a copy of the files its page names.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from scenes.environment import REVEALJS_ENV

REVEALJS_VERSION = "6.0.1"  # manim-slides 5.7's page (dist/plugin/*.js) is written for reveal.js 6
NPM_PREFIX = Path("share") / "backprop-video"  # under the virtual environment: <prefix>/node_modules/reveal.js


def install_command() -> str:
    """How to install reveal.js where :func:`revealjs_folder` finds it."""
    return f"npm install --prefix {Path(sys.prefix) / NPM_PREFIX} reveal.js@{REVEALJS_VERSION} (or ./setup.sh --slides)"


def revealjs_folder() -> Path:
    """The reveal.js package folder: ``$BACKPROP_REVEALJS``, or the one set-up installed in the environment."""
    if folder := os.environ.get(REVEALJS_ENV):
        return Path(folder).expanduser()
    return Path(sys.prefix) / NPM_PREFIX / "node_modules" / "reveal.js"


def revealjs_problem() -> str | None:
    """Why reveal.js cannot be used for a deck, as one line with the command that installs it; or None."""
    folder = revealjs_folder()
    try:
        version = json.loads((folder / "package.json").read_text(encoding="utf-8")).get("version", "")
    except (OSError, ValueError):
        return f"reveal.js is not installed in {folder} (the HTML deck plays it offline); install it with: {install_command()}"
    if str(version).split(".")[0] != REVEALJS_VERSION.split(".")[0]:
        return f"reveal.js {version} in {folder}: the deck's page needs reveal.js {REVEALJS_VERSION}; install it with: {install_command()}"
    return None
