"""Homework variants, guard rails, key, grading with error carried forward, and the Moodle XML (nnmath only)."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from nnmath.config import DEFAULT_CONFIG, load_config, parse_config
from nnmath.fields import ConfigError
from nnmath.homework import (
    UnsatisfiableError,
    answers,
    carried_values,
    gradebook_csv,
    key_csv,
    make_variants,
    moodle_xml,
    parse_template,
    questions,
    read_roster,
)
from nnmath.homework.grading import grade
from nnmath.homework.questions import offset
from nnmath.homework.roster import Student
from nnmath.network import train_step
from nnmath.notation import format_number

TEMPLATE = parse_template(DEFAULT_CONFIG.read_text(), DEFAULT_CONFIG)
CLASS = [Student(f"s{k:02d}", f"Student {k}", k + 2) for k in range(30)]


@pytest.fixture(scope="module")
def variants() -> list:  # type: ignore[type-arg]
    return make_variants(TEMPLATE, CLASS, b"course secret")


def test_variants_are_reproducible_and_need_the_secret(variants: list) -> None:  # type: ignore[type-arg]
    again = make_variants(TEMPLATE, CLASS, b"course secret")
    assert [v.text for v in again] == [v.text for v in variants]
    other = make_variants(TEMPLATE, CLASS, b"another secret")
    assert sum(a.text == b.text for a, b in zip(other, variants, strict=True)) == 0


def test_a_student_added_later_changes_no_earlier_variant(variants: list) -> None:  # type: ignore[type-arg]
    longer = make_variants(TEMPLATE, [*CLASS, Student("late", "Late Student", 99)], b"course secret")
    assert [v.text for v in longer[:-1]] == [v.text for v in variants]


def test_no_two_students_share_numbers(variants: list) -> None:  # type: ignore[type-arg]
    drawn = {tuple(np.concatenate([*(w.ravel() for w in v.config.weights), *v.config.biases])) for v in variants}
    assert len(drawn) == len(variants)


def test_every_variant_passes_the_guard_rails(variants: list) -> None:  # type: ignore[type-arg]
    d = TEMPLATE.config.decimals
    for v in variants:
        trace = v.trace
        for l in range(trace.depth):
            assert np.all(np.abs(trace.da_dz[l]) >= 10.0**-d)  # no dead ReLU, no saturated neuron
        asked = answers(v.config, trace)
        for q in questions(v.config):  # no asked gradient (δ = ∂E/∂b, ∂E/∂w) that rounds to 0
            if q.entry[0] in ("delta", "grad_weights"):
                assert abs(asked[q.id]) > 2 * TEMPLATE.absolute_tolerance
        for g in trace.grad_biases:
            assert np.all(np.abs(g) > 2 * TEMPLATE.absolute_tolerance)
        for w in (*v.config.weights, *v.config.biases):  # readable: one decimal, shown exactly
            assert np.all(np.round(w, TEMPLATE.digits) == w) and np.all(w != 0)


def test_a_variant_config_is_what_the_trace_says(variants: list, tmp_path: Path) -> None:  # type: ignore[type-arg]
    path = tmp_path / "config.toml"
    path.write_text(variants[0].text)
    config = load_config(path)
    assert answers(config, train_step(config)) == answers(variants[0].config, variants[0].trace)


def test_a_template_the_rails_cannot_satisfy_is_refused() -> None:
    tiny = DEFAULT_CONFIG.read_text().replace("layers = [2, 2, 1]", "layers = [1, 1]")
    tiny = re.sub(r"x = \[.*?\]", "x = [0.5]", tiny)
    tiny = re.sub(r"weights = .*\n", "weights = [[[0.5]]]\n", tiny)
    tiny = re.sub(r"biases  = .*\n", "biases = [[0.1]]\n", tiny)
    tiny = tiny.replace("focus = [[0, 0], [0, 0]]", "focus = [[0, 0]]") + "\n[homework]\ndigits = 0\n"
    template = parse_template(tiny, "tiny.toml")  # weights and biases of ±1 only: 4 variants at most
    with pytest.raises(UnsatisfiableError, match=r"tiny.toml: no draw passes .* 's04'"):
        make_variants(template, CLASS[:5], b"x")


def test_template_settings_are_checked() -> None:
    with pytest.raises(ConfigError, match=r"homework.digits: must be from 0 to 4"):
        parse_template(DEFAULT_CONFIG.read_text() + "\n[homework]\ndigits = 5\n", "t.toml")
    with pytest.raises(ConfigError, match=r"homework.scael: unknown key; did you mean \"scale\""):
        parse_template(DEFAULT_CONFIG.read_text() + "\n[homework]\nscael = 1\n", "t.toml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (b"", "the file is empty"),
        (b"id,mail\ns1,a@b\n", "line 1: missing column 'name'"),
        (b"id,name\ns1,Ann\ns1,Bob\n", "line 3: id: 's1' is also on line 2"),
        (b"id,name\n../x,Ann\n", "line 2: id: '../x' cannot name a folder"),
        (b"id,name\ns1,J\xf6rg\n", "not UTF-8 text"),
        (b"id,name\n", "no students"),
    ],
)
def test_roster_mistakes_are_one_line(tmp_path: Path, text: bytes, message: str) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(text)
    with pytest.raises(ConfigError) as error:
        read_roster(path)
    assert message in str(error.value) and str(path) in str(error.value) and "\n" not in str(error.value)


def test_a_spreadsheet_roster_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes("\ufeffid,name,group\ns1,Zoë,A\n".encode())
    assert read_roster(path) == [Student("s1", "Zoë", 2)]


def test_carried_values_with_the_true_answers_are_the_trace(variants: list) -> None:  # type: ignore[type-arg]
    v = variants[0]
    truth = answers(v.config, v.trace)
    assert carried_values(v.config, v.trace, truth) == pytest.approx(truth, rel=1e-12, abs=1e-12)


def _marked(tmp_path: Path, variants: list, rows: dict[str, dict[str, float | str]]) -> dict[str, dict[str, str]]:  # type: ignore[type-arg]
    """Grade ``rows`` (student id → question id → answer) against the class's key; student → question → mark."""
    for v in variants:
        (tmp_path / v.student.id).mkdir(exist_ok=True)
        (tmp_path / v.student.id / "config.toml").write_text(v.text)
    (tmp_path / "key.csv").write_text(key_csv(TEMPLATE, variants))
    ids = [q.id for q in questions(variants[0].config)]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "email", *ids])
    for student, given in rows.items():
        writer.writerow([student, "x@y", *(given.get(q, "") for q in ids)])
    (tmp_path / "answers.csv").write_text(out.getvalue())
    graded = grade(tmp_path / "key.csv", tmp_path / "answers.csv")
    book = list(csv.DictReader(io.StringIO(gradebook_csv(graded))))
    assert [row["id"] for row in book] == [v.student.id for v in variants]
    return {g.id: dict(g.marks) for g in graded}


def test_grading_right_rounded_wrong_and_carried_forward(tmp_path: Path, variants: list) -> None:  # type: ignore[type-arg]
    right, rounded, wrong, carried = variants[:4]
    d = TEMPLATE.config.decimals
    exact = answers(right.config, right.trace)
    shown = {q: format_number(v, d) for q, v in answers(rounded.config, rounded.trace).items()}
    bad = {q: v + 0.5 for q, v in answers(wrong.config, wrong.trace).items()}
    # A slip in z⁽¹⁾₁ (a sign lost), every later value worked on from it correctly:
    slip = dict(answers(carried.config, carried.trace))
    slip["z1_1"] = -slip["z1_1"]
    later = carried_values(carried.config, carried.trace, slip)
    for q in [q.id for q in questions(carried.config)][1:]:  # in working order: each from the slipped ones before
        slip[q] = later[q]
        later = carried_values(carried.config, carried.trace, slip)
    slip_text: dict[str, float | str] = {q: format_number(v, d) for q, v in slip.items()}
    marks = _marked(
        tmp_path, variants,
        {right.student.id: dict(exact), rounded.student.id: dict(shown), wrong.student.id: dict(bad),
         carried.student.id: slip_text},
    )  # fmt: skip
    assert set(marks[right.student.id].values()) == {"right"}
    assert set(marks[rounded.student.id].values()) == {"right"}
    assert set(marks[wrong.student.id].values()) == {"wrong"}
    assert marks[carried.student.id]["z1_1"] == "wrong"
    assert marks[carried.student.id]["a1_1"] == "carried"  # f of their own z
    assert marks[carried.student.id]["z1_2"] == "right"  # does not depend on z⁽¹⁾₁
    assert marks[carried.student.id]["E"] == "carried"
    assert set(marks[carried.student.id].values()) <= {"right", "carried", "wrong"}
    assert list(marks[carried.student.id].values()).count("wrong") == 1
    assert set(marks[variants[5].student.id].values()) == {"blank"}  # no answers row


def test_moodle_xml_follows_the_documented_structure_and_the_key(variants: list) -> None:  # type: ignore[type-arg]
    text = moodle_xml(TEMPLATE, variants, "Class of 2026 & co")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')  # the declaration on the first line
    root = ET.fromstring(text.encode())
    assert root.tag == "quiz"
    category, *cloze = list(root)
    assert category.get("type") == "category"
    assert category.findtext("category/text") == "$course$/Class of 2026 & co"
    assert len(cloze) == len(variants)
    key = list(csv.DictReader(io.StringIO(key_csv(TEMPLATE, variants))))
    for question, variant in zip(cloze, variants, strict=True):
        assert question.get("type") == "cloze"
        assert question.findtext("idnumber") == variant.student.id
        assert variant.student.name in (question.findtext("name/text") or "")
        body = question.find("questiontext")
        assert body is not None and body.get("format") == "html"
        fields = re.findall(r"\{1:NUMERICAL:=([^:}]+):([^}#]+)\}", body.findtext("text") or "")
        rows = [r for r in key if r["id"] == variant.student.id]
        assert [(float(a), float(t)) for a, t in fields] == [(float(r["value"]), float(r["tolerance"])) for r in rows]
        for r in rows:  # the tolerance is the key's rule
            offset = float(r["offset"])
            rule = max(TEMPLATE.relative_tolerance * abs(float(r["value"]) - offset), TEMPLATE.absolute_tolerance)
            assert float(r["tolerance"]) == rule


def test_every_config_field_survives_a_variant(variants: list) -> None:  # type: ignore[type-arg]
    config = parse_config(variants[0].text)
    base = TEMPLATE.config
    assert (config.layers, config.loss, config.learning_rate, config.decimals, config.focus) == (
        base.layers, base.loss, base.learning_rate, base.decimals, base.focus,
    )  # fmt: skip
    assert np.array_equal(config.x, base.x) and np.array_equal(config.y, base.y)


@pytest.mark.parametrize("example", sorted(p.name for p in DEFAULT_CONFIG.parent.glob("*.toml")))
def test_every_shipped_config_is_a_template_for_a_class_of_30(example: str) -> None:
    path = DEFAULT_CONFIG.parent / example
    variants = make_variants(parse_template(path.read_text(), path), CLASS, b"course secret")
    assert len({v.text for v in variants}) == 30


@pytest.mark.parametrize("example", sorted(p.name for p in DEFAULT_CONFIG.parent.glob("*.toml")))
def test_the_tolerance_forgives_a_student_who_rounds_what_they_carry(example: str) -> None:
    """Each value worked from the student's own earlier values, each rounded to the configured decimals before it is
    used again: every answer is right (not only by error carried forward), for 30 variants of every example."""
    path = DEFAULT_CONFIG.parent / example
    template = parse_template(path.read_text(), path)
    for v in make_variants(template, CLASS, b"course secret"):
        d = v.config.decimals
        carried: dict[str, float | None] = {}
        for q in questions(v.config):
            carried[q.id] = float(format_number(carried_values(v.config, v.trace, carried)[q.id], d))
        truth = answers(v.config, v.trace)
        for q in questions(v.config):
            tolerance = template.tolerance(truth[q.id], offset(v.trace, q))  # a new weight's: of its step
            assert abs((carried[q.id] or 0.0) - truth[q.id]) <= tolerance, (v.student.id, q.id)
