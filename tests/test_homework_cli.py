"""`backprop-video homework` and `grade` through the real entry point: the class's folder, its PDFs opened by
pdftotext, byte-identical re-runs, and every input mistake as one line with exit status 2 and nothing written.

A class of 8 (all six names, two of them twice): 16 pdfLaTeX runs of about 0.25 s of CPU each (the re-run on 4
students); the variants' own checks for a class of 30 (guard rails, no two alike, two secrets, every shipped config as a
template) are in test_homework.py, without LaTeX.
"""

from __future__ import annotations

import csv
import hashlib
import re
import subprocess
from pathlib import Path

import pytest

from nnmath.config import DEFAULT_CONFIG, load_config
from nnmath.homework import answers, questions
from nnmath.network import train_step
from nnmath.notation import format_number
from tests.command import run

NAMES = ["Ann Lee", "Bo Chen", "Zoë Weiß", "Dev Rao", "Eva Ruiz", "Finn O'Neil"]
STUDENTS = [(f"s{k:02d}", f"{NAMES[k % len(NAMES)]} {k:02d}") for k in range(8)]  # a class (a few names twice)


def _roster(folder: Path) -> None:
    lines = ["id,name,email", *(f"{i},{n},{i}@uni.example" for i, n in STUDENTS)]
    (folder / "roster.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "course.secret").write_text("a course secret\n")


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("homework")
    _roster(folder)
    args = ("homework", "--roster", "roster.csv", "--config", str(DEFAULT_CONFIG), "--out", "class")
    result = run(*args, "--secret-file", "course.secret", cwd=folder)
    return folder, result


def test_every_student_gets_a_folder_with_config_and_sheets(
    made: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    folder, result = made
    assert result.returncode == 0, result.stderr
    out = folder / "class"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*(i for i, _ in STUDENTS), "key.csv", "moodle.xml", ".backprop-video.json"]
    )
    for student, name in STUDENTS:
        config = load_config(out / student / "config.toml")  # renderable as it is
        trace = train_step(config)
        exercise = _text(out / student / "exercise.pdf")
        solution = _text(out / student / "solution.pdf")
        for sheet in (exercise, solution):
            assert name in sheet and re.search(rf"Student id: {student}\b", sheet)
            for w in (*config.weights, *config.biases):  # the network drawn with this student's numbers
                for v in w.ravel():
                    assert format_number(v, config.decimals) in sheet
        for q, v in answers(config, trace).items():  # the solution shows nnmath's value of every question
            assert format_number(v, config.decimals) in solution, q
        assert "error carried forward" in exercise and "1%" in exercise  # the tolerance rule stated
    numbers = [
        (out / s / "config.toml").read_text().split("[parameters]")[1].split("[display]")[0] for s, _ in STUDENTS
    ]
    assert len(set(numbers)) == len(STUDENTS)  # no two students with the same numbers


def _text(pdf: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.replace("\u2212", "-")


def test_a_rerun_is_byte_identical(tmp_path: Path) -> None:
    """On a roster of 4 (half the class above): the same roster and secret, given
    once as a file and once in the environment, give the same bytes, PDFs included."""
    (tmp_path / "roster.csv").write_text("id,name\n" + "".join(f"{i},{n}\n" for i, n in STUDENTS[:4]))
    (tmp_path / "course.secret").write_text("a course secret\n")
    args = ("homework", "--roster", "roster.csv", "--config", str(DEFAULT_CONFIG), "--out", "class")
    first = run(*args, "--secret-file", "course.secret", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = _digest(tmp_path / "class")
    again = run(*args, cwd=tmp_path, env=_env_secret("a course secret"))
    assert again.returncode == 0, again.stderr
    assert _digest(tmp_path / "class") == before


def _env_secret(secret: str) -> dict[str, str]:
    import os

    return {**os.environ, "BACKPROP_HOMEWORK_SECRET": secret}


def test_grade_marks_an_answers_file(made: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, _ = made
    key = list(csv.DictReader((folder / "class" / "key.csv").open(encoding="utf-8")))
    config = load_config(folder / "class" / "s00" / "config.toml")
    ids = [q.id for q in questions(config)]
    shown = {r["question"]: r["shown"] for r in key if r["id"] == "s00"}
    rows = [
        "Email,id," + ",".join(ids),
        "s00@uni.example,s00," + ",".join(shown[q].replace(".", ",").join('""') for q in ids),
    ]
    rows.append("s01@uni.example,s01," + ",".join("7" for _ in ids))
    (folder / "answers.csv").write_text("\n".join(rows) + "\n")
    result = run("grade", "--key", "class/key.csv", "--answers", "answers.csv", "--out", "gradebook.csv", cwd=folder)
    assert result.returncode == 0, result.stderr
    book = {r["id"]: r for r in csv.DictReader((folder / "gradebook.csv").open(encoding="utf-8"))}
    assert book["s00"]["score"] == book["s00"]["out_of"] == str(len(ids))  # decimal commas read
    assert book["s01"]["score"] == "0" and book["s02"]["score"] == "0"


@pytest.mark.parametrize(
    ("roster", "template", "secret", "message"),
    [
        (b"id,mail\ns1,a\n", None, True, "roster.csv: line 1: missing column 'name'"),
        (b"id,name\ns1,A\ns1,B\n", None, True, "roster.csv: line 3: id: 's1' is also on line 2"),
        (b"", None, True, "roster.csv: the file is empty"),
        (b"id,name\ns1,J\xf6rg\n", None, True, "roster.csv: not UTF-8 text"),
        (b"id,name\ns1,A\n", None, False, "no course secret"),
        (b"id,name\ns1,A\ns2,B\ns3,C\ns4,D\ns5,E\n", "unsatisfiable", True, "no draw passes the guard rails"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    tmp_path: Path, roster: bytes, template: str | None, secret: bool, message: str
) -> None:
    (tmp_path / "roster.csv").write_bytes(roster)
    config = str(DEFAULT_CONFIG)
    if template:
        text = DEFAULT_CONFIG.read_text().replace("layers = [2, 2, 1]", "layers = [1, 1]")
        text = re.sub(r"x = \[.*?\]", "x = [0.5]", text)
        text = re.sub(r"weights = .*\n", "weights = [[[0.5]]]\n", text)
        text = re.sub(r"biases  = .*\n", "biases = [[0.1]]\n", text).replace(
            "focus = [[0, 0], [0, 0]]", "focus = [[0, 0]]"
        )
        (tmp_path / "t.toml").write_text(text + "\n[homework]\ndigits = 0\n")
        config = "t.toml"
    (tmp_path / "s").write_text("secret")
    extra = ("--secret-file", "s") if secret else ()
    env = {k: v for k, v in _env_secret("").items() if k != "BACKPROP_HOMEWORK_SECRET"}
    result = run(
        "homework", "--roster", "roster.csv", "--config", config, "--out", "out", *extra, cwd=tmp_path, env=env
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["roster.csv", "s", *(["t.toml"] if template else [])])


def test_a_rerun_keeps_a_students_video_while_their_numbers_stay(tmp_path: Path) -> None:
    from scenes.homework.videos import publish_video

    (tmp_path / "roster.csv").write_text("id,name\nv1,Vera\n")
    (tmp_path / "course.secret").write_text("one secret")
    args = ("homework", "--roster", "roster.csv", "--config", str(DEFAULT_CONFIG), "--out", "class", "--secret-file")
    assert run(*args, "course.secret", cwd=tmp_path).returncode == 0
    publish_video(tmp_path / "class", "v1", {"FullVideo.mp4": b"a video", "FullVideo.srt": b"1\n"})
    result = run(*args, "course.secret", cwd=tmp_path)  # without --videos: the video is kept all the same
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "class" / "v1" / "video" / "FullVideo.mp4").read_bytes() == b"a video"
    (tmp_path / "other.secret").write_text("another secret")
    result = run(*args, "other.secret", cwd=tmp_path)  # new numbers: the old video would be wrong
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "class" / "v1" / "video").exists()
