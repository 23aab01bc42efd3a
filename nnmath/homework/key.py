"""The key: every asked value of every student, with the tolerance that marks an answer right.

One row per student and question (``id, name, question, task, value, shown, tolerance, relative_tolerance,
absolute_tolerance, offset``): ``value`` unrounded, ``shown`` as the solution sheet prints it, ``tolerance``
the distance from ``value`` an answer may have, max(relative · |value − offset|, absolute); ``offset`` is 0,
or a new weight's old value (its tolerance is relative to the step, or keeping the old weight could pass).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from nnmath.homework.questions import offset, questions
from nnmath.homework.template import Template
from nnmath.homework.variants import Variant
from nnmath.notation import format_number
from nnmath.quiz import value

COLUMNS = (
    "id", "name", "question", "task", "value", "shown", "tolerance", "relative_tolerance", "absolute_tolerance", "offset"
)  # fmt: skip


def key_csv(template: Template, variants: Sequence[Variant]) -> str:
    """The key as CSV text (floats written exactly, with Python's shortest repr)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for variant in variants:
        for q in questions(variant.config):
            v, old = value(variant.trace, q.entry), offset(variant.trace, q)
            writer.writerow(
                [
                    variant.student.id, variant.student.name, q.id, q.task, repr(v),
                    format_number(v, variant.config.decimals), repr(template.tolerance(v, old)),
                    repr(template.relative_tolerance), repr(template.absolute_tolerance), repr(old),
                ]
            )  # fmt: skip
    return out.getvalue()
