"""A sub-step's caption as subtitle cues a player can show: at most two lines of ``LINE_LENGTH`` characters each,
broken at sentence ends where it can, each cue on screen for its share of the caption's time (by length, so every
cue reads at the caption's pace). A caption is one sub-step's words; a cue is what a player shows at once."""

from __future__ import annotations

import re

LINE_LENGTH = 42  # characters a subtitle line holds (the usual broadcast limit)
LINES = 2  # lines a cue shows at once
SENTENCE_END = re.compile(r"[.!?:;]$")
CLAUSE_END = re.compile(r",$")
OPERATOR = re.compile(r"^[=+−\-·×/<>≤≥→]$|^[=+−·×]|[=+−·×(]$")  # a word that joins what is either side of it


def clean_cut(words: list[str], k: int) -> bool:
    """Whether a cue may end after ``words[:k]``: not inside brackets, not beside an operator, not before a number
    (so "z = Σ w·a + b", "(1 − a)" and "layer 1." are never cut in two)."""
    before, after = words[k - 1], words[k] if k < len(words) else ""
    depth = sum(w.count("(") - w.count(")") for w in words[:k])
    return depth <= 0 and not OPERATOR.search(before) and not OPERATOR.search(after) and not after[:1].isdigit()


def wrapped(words: list[str], width: int = LINE_LENGTH) -> list[str]:
    """``words`` greedily in lines of at most ``width`` characters (a longer word alone on its line)."""
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def fits(words: list[str]) -> bool:
    return len(wrapped(words)) <= LINES


def cue_texts(caption: str) -> list[str]:
    """``caption`` cut into cues of at most ``LINES`` wrapped lines; a cue ends at a sentence's end when one falls
    in its second half, else where the lines are full. Joined with spaces, the cues give the caption back."""
    words = caption.split()
    cues: list[list[str]] = []
    while words:
        n = 1
        while n < len(words) and fits(words[: n + 1]):
            n += 1
        if n < len(words):  # not the last cue: a sentence's end in its second half, else a clause's, else words
            ends = [k + 1 for k in range(n) if SENTENCE_END.search(words[k])]
            clauses = [k for k in range(1, n + 1) if CLAUSE_END.search(words[k - 1]) and k * 2 >= n]
            clean = [k for k in range(1, n + 1) if clean_cut(words, k)]
            if ends and ends[-1] * 2 >= n:
                n = ends[-1]
            elif clauses:
                n = clauses[-1]
            elif clean and clean[-1] * 2 >= n:
                n = clean[-1]
        cues.append(words[:n])
        words = words[n:]
    if len(cues) > 1:
        cues[-2:] = balanced(cues[-2], cues[-1])
    return ["\n".join(wrapped(cue)) for cue in cues]


def balanced(before: list[str], last: list[str]) -> list[list[str]]:
    """The last two cues with words moved from the first into a short last one (no cue flashes by), while
    the last still fits and stays no longer than the one before."""
    while len(before) > 1 and fits([before[-1], *last]) and len(" ".join(last)) < len(" ".join(before[:-1])) / 2:
        before, last = before[:-1], [before[-1], *last]
    return [before, last]


def cue_times(cues: list[str], duration: float) -> list[tuple[float, float]]:
    """Each cue's (offset from the caption's start, duration): ``duration`` shared by the cues' lengths."""
    lengths = [len(" ".join(cue.split())) for cue in cues]
    total = sum(lengths) or 1
    times: list[tuple[float, float]] = []
    start = 0.0
    for length in lengths:
        share = duration * length / total
        times.append((start, share))
        start += share
    return times
