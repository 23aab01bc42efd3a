"""Each student's exercise and solution sheet: a LaTeX document per sheet, one pdfLaTeX run each.

The exercise names the student, draws their network with its numbers, states the activations, the loss, η and the
tolerance rule, and lists the tasks (forward pass, error, the δ and chosen gradients, the update) with a blank for
each value; the solution works each value out with the numbers substituted, as the key computes it. pdfLaTeX is
told to leave the date and the random file id out, so the same variant gives the same bytes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from nnmath.activations import ACTIVATIONS
from nnmath.homework import Template, Variant, questions
from nnmath.homework.questions import TASKS, Question
from nnmath.losses import LOSSES, latex_tokens, zero_markers
from nnmath.quiz import value
from scenes.homework.latex import ACTIVATION_TEX, factor, network, number, parameters, text

PREAMBLE = r"""\documentclass[11pt]{article}
\pdfinfoomitdate=1 \pdftrailerid{} \pdfsuppressptexinfo=-1
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{mathptmx}
\usepackage{amsmath}
\usepackage[a4paper, margin=2cm]{geometry}
\usepackage{tikz}
\usetikzlibrary{positioning}
\pagestyle{empty}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.6em}
"""


class SheetError(RuntimeError):
    """pdfLaTeX failed on a sheet: one line, the first error of its log."""


def sheet(template: Template, variant: Variant, solution: bool) -> str:
    """The LaTeX source of the student's exercise (or solution) sheet."""
    student, config, trace = variant.student, variant.config, variant.trace
    title = "Solution" if solution else "Exercise"
    body = [
        rf"{{\Large\bfseries Backpropagation by hand: {title}}}\hfill {{\large {text(student.name)}}}\\",
        rf"Student id: \texttt{{{text(student.id)}}}",
        "",
        r"\begin{center}",
        network(config, trace),
        r"\end{center}",
        parameters(config, trace),
        "",
        _settings(template, variant),
        "",
        r"\textbf{Tasks.} Work out one training step for your network, in this order:",
        _tasks(variant, solution),
    ]
    return PREAMBLE + "\\begin{document}\n" + "\n".join(body) + "\n\\end{document}\n"


def _settings(template: Template, variant: Variant) -> str:
    config, trace = variant.config, variant.trace
    d = config.decimals
    targets = ", ".join(f"y_{{{k + 1}}} = {number(v, d)}" for k, v in enumerate(trace.y))
    hidden = config.hidden_activation
    lines = [
        rf"Layers (input first): {' -- '.join(map(str, config.layers))}. "
        r"$z = \sum_i w_{ji} a_i + b_j$ and $a = f(z)$; $w^{(l)}_{ji}$ joins neuron $i$ of layer $l-1$ "
        r"to neuron $j$ of layer $l$; $\delta = \partial E / \partial z$.",
        "",
        rf"Hidden activation: ${ACTIVATION_TEX[hidden]}$." if len(config.layers) > 2 else "",
        rf"Output activation: ${ACTIVATION_TEX[config.output_activation]}$.",
        "",
        rf"Loss: ${LOSSES[config.loss].latex}$ with target ${targets}$. Learning rate $\eta = {number(config.learning_rate, d)}$.",
        "",
        rf"Give every value to {d} decimals. An answer counts as right when it is within "
        rf"{template.relative_tolerance:.0%} of the value (for a new weight: of the step $\eta\,\partial E/\partial w$) "
        rf"or within {template.absolute_tolerance:g}, whichever is larger; an answer that is right for your own "
        r"earlier answers also counts (error carried forward).",
    ]
    return "\n".join(line.replace("%", r"\%") if "%" in line and r"\%" not in line else line for line in lines)


def _tasks(variant: Variant, solution: bool) -> str:
    out = [r"\begin{enumerate}"]
    task = None
    for q in questions(variant.config):
        if q.task != task:
            if task is not None:
                out.append(r"\end{itemize}")
            task = q.task
            out += [rf"\item \textbf{{{TASKS[task]}}}", r"\begin{itemize}"]
        if solution:
            out.append(rf"\item $\displaystyle {q.latex} = {_worked(variant, q)}$")
        else:
            out.append(rf"\item ${q.latex} = $ \rule{{4cm}}{{0.4pt}}")
    out += [r"\end{itemize}", r"\end{enumerate}"]
    return "\n".join(out)


def _worked(variant: Variant, q: Question) -> str:
    """The value's formula with the numbers substituted, then the value, as the key computes it."""
    config, trace = variant.config, variant.trace
    d = config.decimals
    result = number(value(trace, q.entry), d)
    name, *index = q.entry
    if name == "z":
        l, j = int(index[0]) - 1, int(index[1])
        terms = " + ".join(
            f"{factor(trace.weights[l][j, i], d)} \\cdot {factor(trace.a[l][i], d)}" for i in range(config.layers[l])
        )
        return f"{terms} + {factor(trace.biases[l][j], d)} = {result}"
    if name == "a":
        layer, j = int(index[0]), int(index[1])
        f = config.activation_of(layer)
        if not ACTIVATIONS[f].elementwise:
            return rf"\mathrm{{softmax}}(z^{{({layer})}})_{{{j + 1}}} = {result}"
        return rf"f({number(trace.z[layer][j], d)}) = {result} \quad (\text{{{f}}})"
    if name == "delta":
        l, j = int(index[0]), int(index[1])
        if l == trace.depth - 1 and not ACTIVATIONS[config.output_activation].elementwise:
            shown = rf"{number(trace.y_hat[j], d)} - {factor(trace.y[j], d)}"
            return rf"\hat y_{{{j + 1}}} - y_{{{j + 1}}} = {shown} = {result}"
        return rf"\frac{{\partial E}}{{\partial a}} \cdot f'(z) = {factor(trace.dE_da[l][j], d)} \cdot {factor(trace.da_dz[l][j], d)} = {result}"
    if name == "grad_weights":
        l, j, i = (int(k) for k in index)
        return rf"\delta \cdot a = {factor(trace.delta[l][j], d)} \cdot {factor(trace.a[l][i], d)} = {result}"
    if name == "new_weights":
        l, j, i = (int(k) for k in index)
        return (
            rf"{number(trace.weights[l][j, i], d)} - {number(trace.learning_rate, d)} \cdot "
            rf"{factor(trace.grad_weights[l][j, i], d)} = {result}"
        )
    loss, n = LOSSES[config.loss], len(trace.y)
    if n == 1:  # the term with the numbers put in
        zeros = zero_markers(trace.y[0], trace.y_hat[0], d)
        return (
            "".join(latex_tokens(loss.term, factor(trace.y[0], d), number(trace.y_hat[0], d), n, zeros))
            + f" = {result}"
        )
    return f"{' + '.join(number(t, d) for t in trace.loss_terms)} = {result}"  # each output's term, then their sum


def compile_pdf(source: str, pdf: Path) -> None:
    """One pdfLaTeX run of ``source`` into ``pdf``; SheetError with the log's first error if it fails."""
    with tempfile.TemporaryDirectory(prefix="backprop-sheet-") as scratch:
        tex = Path(scratch) / "sheet.tex"
        tex.write_text(source, encoding="utf-8")
        env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "FORCE_SOURCE_DATE": "1"}
        command = ["pdflatex", "-interaction=batchmode", "-halt-on-error", "-no-shell-escape", tex.name]
        done = subprocess.run(command, cwd=scratch, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not (Path(scratch) / "sheet.pdf").exists():
            log = (Path(scratch) / "sheet.log").read_text(errors="replace").splitlines()
            first = next((line for line in log if line.startswith("!")), f"pdflatex exit {done.returncode}")
            raise SheetError(f"{pdf}: pdflatex failed: {first}")
        shutil.move(Path(scratch) / "sheet.pdf", pdf)
