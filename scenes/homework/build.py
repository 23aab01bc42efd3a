"""`backprop-video homework`: the class's folder, built aside and swapped in whole (``scenes.pipeline.publish``).

OUT/<id>/config.toml      the student's network (``backprop-video render --config`` renders it)
OUT/<id>/exercise.pdf     the exercise sheet, with the student's name, id and numbers
OUT/<id>/solution.pdf     the worked solution
OUT/<id>/video/           with --videos: the student's solution video (``scenes.homework.videos``)
OUT/key.csv               every asked value per student, with its tolerance (``backprop-video grade`` reads it)
OUT/moodle.xml            a Moodle question bank: one Cloze question per student
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from nnmath.homework import CONFIG_NAME, Template, Variant, key_csv, moodle_xml
from scenes.homework.sheets import compile_pdf, sheet
from scenes.pipeline import package_version
from scenes.pipeline.output import write_manifest
from scenes.pipeline.publish import staging_folder
from scenes.pipeline.render import publish

KEY = "key.csv"
MOODLE = "moodle.xml"
EXERCISE, SOLUTION = "exercise.pdf", "solution.pdf"
VIDEO = "video"  # a student's video folder (scenes/homework/videos.py)


def build_homework(
    template: Template,
    variants: Sequence[Variant],
    out: Path,
    category: str,
    jobs: int,
    kept: Callable[[Path], list[Path]] | None = None,
) -> list[Path]:
    """Write the class's folder at ``out`` (replacing an earlier one as a whole); the files written there.
    ``kept`` puts files of the earlier folder worth keeping (students' videos) into the staged folder."""
    with staging_folder(out) as staged:
        files: list[Path] = []
        sheets: list[tuple[str, Path]] = []
        for variant in variants:
            folder = staged / variant.student.id
            folder.mkdir()
            files.append(_write(folder / CONFIG_NAME, variant.text))
            sheets += [
                (sheet(template, variant, False), folder / EXERCISE),
                (sheet(template, variant, True), folder / SOLUTION),
            ]
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for _ in pool.map(lambda pair: compile_pdf(*pair), sheets):
                pass  # the first failure is raised here
        files += [pdf for _, pdf in sheets]
        files.append(_write(staged / KEY, key_csv(template, variants)))
        files.append(_write(staged / MOODLE, moodle_xml(template, variants, category)))
        if kept is not None:
            files += kept(staged)
        about = {
            "version": package_version(),
            "template": str(Path(template.config.path).resolve()),
            "students": len(variants),
        }
        files.append(write_manifest(staged, files, about))
        return publish(staged, out, files)  # Ctrl-C during the swap: InterruptedAfterPublishError, the folder complete


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def sheet_jobs(jobs: int | None) -> int:
    """pdfLaTeX runs at once: ``jobs``, or one per core."""
    return max(1, jobs or os.cpu_count() or 1)
