"""One manim process rendering clip after clip: ``python -m scenes.pipeline.worker``.

A process per clip imported manim and the scenes, and parsed every glyph and formula piece, once per clip:
about a seventh of a render's CPU for seven clips. A worker does that once, as soon as it starts (the command
starts its workers before it checks its input, so that both happen at once), and renders the clips it is
given as ``manim render`` would (the project's manim.cfg, caching off, warnings only).

Protocol: one clip per line on stdin, a JSON object (``job_line``); for each, manim's output goes to that
clip's log file, and one line answers on stdout: ``ok`` or ``failed <status>`` (the status a ``manim render``
of the clip alone would have exited with). End of input ends the worker.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path
from typing import Any

CHECKOUT = Path(__file__).resolve().parents[2]  # where the project is checked out (or installed in development mode)
MANIM_CFG = CHECKOUT / "manim.cfg"  # the project's manim settings


def job_line(
    scene_file: Path, scene: str, media_dir: Path, log: Path, quality: str, sections: bool, env: dict[str, str]
) -> str:
    """The line that asks a worker for one clip: ``quality`` is manim's ``-q`` letter, ``env`` what the clip's
    scene reads from the environment (its config, theme, narration)."""
    job = {"scene_file": str(scene_file), "scene": scene, "media_dir": str(media_dir), "log": str(log)}
    return json.dumps({**job, "quality": quality, "sections": sections, "env": env}) + "\n"


@contextmanager
def _output_to(log: Path) -> Any:
    """This process's stdout and stderr (manim's console included) into ``log``; the protocol's stdout kept."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with log.open("ab") as out:
        os.dup2(out.fileno(), 1)
        os.dup2(out.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def render_one(scene_file: Path, scene: str, media_dir: Path, quality: str, sections: bool) -> None:
    """Render ``scene`` of ``scene_file`` into ``media_dir`` as ``manim render`` does."""
    from manim import tempconfig

    settings = {
        "input_file": str(scene_file),
        "media_dir": str(media_dir),
        "quality": quality,
        "verbosity": "WARNING",
        "progress_bar": "none",
        "disable_caching": True,
        "save_sections": sections,
    }
    with tempconfig(settings):
        module = import_module(f"scenes.{scene_file.stem}")  # the scenes package's own module, loaded once
        getattr(module, scene)().render()


def main() -> int:
    protocol = os.fdopen(os.dup(1), "w", buffering=1)  # answers go here, and nothing else does:
    os.dup2(2, 1)  # what anything prints goes to the worker's log
    from manim import config
    from manim.constants import QUALITIES

    from scenes.steps_table import SCENE_MODULES

    if MANIM_CFG.exists():
        config.digest_file(MANIM_CFG)
    for module in dict.fromkeys(SCENE_MODULES.values()):  # ready before the first clip is asked for
        import_module(f"scenes.{module}")
    started_with = dict(os.environ)
    for line in sys.stdin:
        job = json.loads(line)
        os.environ.clear()  # this clip's environment: the worker's own plus the job's, none of an earlier job's
        os.environ.update({**started_with, **job["env"]})
        quality = next(name for name, preset in QUALITIES.items() if preset["flag"] == job["quality"])
        status = 0
        with _output_to(Path(job["log"])):
            try:
                media_dir = Path(job["media_dir"])
                render_one(Path(job["scene_file"]), job["scene"], media_dir, quality, job["sections"])
            except SystemExit as exit_:  # a scene's own exit (a bad config: 2)
                status = exit_.code if isinstance(exit_.code, int) else 1
            except BaseException:  # reported as manim reports it; the render stops
                traceback.print_exc()
                status = 1
        protocol.write("ok\n" if status == 0 else f"failed {status}\n")
    protocol.flush()
    sys.stdout.flush()
    sys.stderr.flush()
    # Every clip is written and answered for: end without the interpreter's tear-down (collecting every object
    # manim made, its exit handlers), which kept the command waiting about a second of CPU per worker.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
