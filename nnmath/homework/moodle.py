"""The class's homework as a Moodle XML question bank: one Embedded answers (Cloze) question per student.

The file follows Moodle's documented "Moodle XML format": the XML declaration on the first line, a ``<quiz>``
holding first a ``category`` pseudo-question (``$course$/<category>``: the questions that follow go there), then
one ``<question type="cloze">`` per variant with ``<name>``, ``<questiontext format="html">`` (HTML in CDATA),
``<generalfeedback>``, ``<penalty>``, ``<hidden>`` and ``<idnumber>`` (the student's id). Each asked value is a
NUMERICAL sub-question ``{1:NUMERICAL:=value:tolerance}``: right within ± tolerance, the key's tolerance for that
value. (Moodle marks each box on its own: error carried forward is for ``backprop-video grade``.)
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from xml.sax.saxutils import escape

from nnmath.homework.questions import TASKS, offset, questions
from nnmath.homework.template import Template
from nnmath.homework.variants import Variant
from nnmath.notation import bias, format_number, neuron_value, weight
from nnmath.quiz import value

PENALTY = "0.3333333"  # Moodle's default for a question tried again in interactive mode


def moodle_xml(template: Template, variants: Sequence[Variant], category: str) -> str:
    """The question bank as XML text (UTF-8 when written)."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<quiz>",
        '  <question type="category">',
        f"    <category><text>{escape('$course$/' + category)}</text></category>",
        "  </question>",
    ]
    for variant in variants:
        parts += _question(template, variant)
    parts.append("</quiz>")
    return "\n".join(parts) + "\n"


def cloze_numerical(answer: float, tolerance: float) -> str:
    """One NUMERICAL sub-question, marked right within ± ``tolerance`` of ``answer``."""
    return f"{{1:NUMERICAL:={answer!r}:{tolerance!r}}}"


def _question(template: Template, variant: Variant) -> list[str]:
    student, config, trace = variant.student, variant.config, variant.trace
    d = config.decimals
    rows: list[str] = []
    task = None
    for q in questions(config):
        if q.task != task:
            task = q.task
            rows.append(f"<h4>{TASKS[task]}</h4>")
        v = value(trace, q.entry)
        rows.append(f"<p>{html.escape(q.text)} = {cloze_numerical(v, template.tolerance(v, offset(trace, q)))}</p>")
    solution = "".join(
        f"<li>{html.escape(q.text)} = {format_number(value(trace, q.entry), d)}</li>" for q in questions(config)
    )
    text = _network_html(variant) + _rule_html(template, d) + "".join(rows)
    return [
        '  <question type="cloze">',
        f"    <name><text>{escape(f'Backpropagation, {student.name} ({student.id})')}</text></name>",
        f'    <questiontext format="html"><text><![CDATA[{_cdata(text)}]]></text></questiontext>',
        f'    <generalfeedback format="html"><text><![CDATA[<ul>{_cdata(solution)}</ul>]]></text></generalfeedback>',
        f"    <penalty>{PENALTY}</penalty>",
        "    <hidden>0</hidden>",
        f"    <idnumber>{escape(student.id)}</idnumber>",
        "  </question>",
    ]


def _network_html(variant: Variant) -> str:
    """The student's network: its settings and every number, as HTML."""
    config, trace = variant.config, variant.trace
    d = config.decimals
    numbers = [f"{neuron_value('a', 0, i)} = x{i + 1} = {format_number(v, d)}" for i, v in enumerate(trace.x)]
    for l in range(trace.depth):
        for j in range(config.layers[l + 1]):
            numbers += [
                f"{weight(l, j, i)} = {format_number(trace.weights[l][j, i], d)}" for i in range(config.layers[l])
            ]
            numbers.append(f"{bias(l, j)} = {format_number(trace.biases[l][j], d)}")
    numbers += [f"y{k + 1} = {format_number(v, d)}" for k, v in enumerate(trace.y)]
    settings = (
        f"Layers {' – '.join(map(str, config.layers))}; hidden activation {config.hidden_activation}, output "
        f"activation {config.output_activation}; loss {config.loss}; learning rate η = {format_number(config.learning_rate, d)}."
    )
    return (
        f"<p>One training step of backpropagation for {html.escape(variant.student.name)}'s network. "
        f"{html.escape(settings)}</p><p>{html.escape('; '.join(numbers))}.</p>"
    )


def _rule_html(template: Template, decimals: int) -> str:
    return (
        f"<p>Give each value to {decimals} decimals. An answer counts as right within "
        f"{template.relative_tolerance:.0%} of the value (of the step η·∂E/∂w, for a new weight) or "
        f"{template.absolute_tolerance:g}, whichever is larger.</p>"
    )


def _cdata(text: str) -> str:
    """Text safe inside a CDATA section (a literal ``]]>`` split in two)."""
    return text.replace("]]>", "]]]]><![CDATA[>")
