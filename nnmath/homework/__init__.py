"""Homework for a class: a variant of a template network per student, its key, grading and a Moodle export.

Pure computation (stdlib and numpy, through nnmath): ``scenes.homework`` writes the files and the sheets.
"""

from __future__ import annotations

from nnmath.homework.carried import carried_values
from nnmath.homework.grading import Graded, grade, gradebook_csv
from nnmath.homework.key import key_csv
from nnmath.homework.moodle import moodle_xml
from nnmath.homework.questions import Question, answers, questions
from nnmath.homework.roster import Student, read_roster
from nnmath.homework.template import Template, load_template, parse_template
from nnmath.homework.variants import CONFIG_NAME, UnsatisfiableError, Variant, make_variants, seed

__all__ = [
    "CONFIG_NAME",
    "Graded",
    "Question",
    "Student",
    "Template",
    "UnsatisfiableError",
    "Variant",
    "answers",
    "carried_values",
    "grade",
    "gradebook_csv",
    "key_csv",
    "load_template",
    "make_variants",
    "moodle_xml",
    "parse_template",
    "questions",
    "read_roster",
    "seed",
]
