"""A sub-step's caption as subtitle cues a player can show: at most two lines of ``LINE_LENGTH`` characters each,
broken at sentence ends where it can, each cue on screen for its share of the caption's time (by length, so every
cue reads at the caption's pace). A caption is one sub-step's words; a cue is what a player shows at once."""

from __future__ import annotations

import re

LINE_LENGTH = 42  # characters a subtitle line holds (the usual broadcast limit)
LINES = 2  # lines a cue shows at once
# A cue at least this long lasts at least 1.2 s at the fastest pace a subtitle may read (20 characters a second); a
# shorter one flashes by, so it shares a cue with a neighbour.
SHORTEST = 24
SENTENCE_END = re.compile(r"[.!?:;]$")
CLAUSE_END = re.compile(r",$")
# a word that joins what is either side of it (a minus before a digit is a negative number, not an operator)
OPERATOR = re.compile(r"^[=+−\-·×/<>≤≥≈→]$|^(?:[=+·×≈)]|−(?!\d))|[=+−·×≈(]$")
NUMBER = re.compile(r"^[−(]*\d")  # a word that is (or starts with) a number
BOUND = re.compile(r"^(?:of)$", re.IGNORECASE)  # a word that binds the words either side ("neuron 1 of layer 1")
LEADS_TO_VALUE = re.compile(r"^(?:at|to|from|is|of)$", re.IGNORECASE)  # a number after it is its value ("stays at 0.5")


def clean_cut(words: list[str], k: int) -> bool:
    """Whether a cue may end after ``words[:k]``: not inside brackets, not beside an operator, not beside "of", not
    before "|" (so "z = Σ w·a + b", "(0.0000, −2.5598, 0.0000)", "neuron 1 of layer 1" and "Mean |δ|" are never cut in
    two), not between "at", "to", "from", "is" or "of" and the number that is its value ("E stays at" | "5.0 × 10⁻⁵"),
    and not before any other number ("layer 1.", "η = 0.5") unless the number starts a formula ("P" | "0.7414 · …")."""
    if k <= 0 or k >= len(words):
        return k == len(words)
    before, after = words[k - 1], words[k]
    depth = sum(w.count("(") - w.count(")") for w in words[:k])
    if depth > 0 or OPERATOR.search(before) or OPERATOR.search(after) or BOUND.match(before) or BOUND.match(after):
        return False
    if after.startswith("|") or (LEADS_TO_VALUE.match(before) and NUMBER.match(after)):
        return False
    starts_formula = k + 1 < len(words) and bool(OPERATOR.search(words[k + 1]))
    return not NUMBER.match(after) or starts_formula


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
    in its second half, else where the lines are full; none shorter than ``SHORTEST`` when a neighbour can take it.
    Joined with spaces, the cues give the caption back."""
    words = caption.split()
    cues: list[list[str]] = []
    while words:
        n = 1
        while n < len(words) and fits(words[: n + 1]):
            n += 1
        if n < len(words):
            n = cut(words, n)
        cues.append(words[:n])
        words = words[n:]
    return ["\n".join(wrapped(cue)) for cue in without_flashes(cues)]


def length(part: list[str]) -> int:
    return len(" ".join(part))


def without_flashes(cues: list[list[str]]) -> list[list[str]]:
    """``cues`` with each one shorter than ``SHORTEST`` joined to a neighbour when the two fit in one cue, else the
    pair cut anew where both are long enough (``recut``); a short cue with neither stays (``cue_times`` gives it at
    least ``SHORTEST_SECONDS``)."""
    cues = [cue for cue in cues if cue]
    n = 0
    while n < len(cues):
        if length(cues[n]) >= SHORTEST or len(cues) == 1:
            n += 1
            continue
        pairs = [(k, k + 1) for k in (n - 1, n) if k >= 0 and k + 1 < len(cues)]
        joined = next((k for k, m in pairs if fits([*cues[k], *cues[m]])), None)
        if joined is not None:
            cues[joined : joined + 2] = [[*cues[joined], *cues[joined + 1]]]
            n = max(joined, 0)
            continue
        for k, m in pairs:
            # a word or two alone ("neurons.") may be cut anywhere clean; a longer short one keeps its phrase whole
            if (again := recut([*cues[k], *cues[m]], anywhere=length(cues[n]) * 2 < SHORTEST)) is not None:
                cues[k : m + 1] = again
                break
        n += 1
    return cues


def recut(words: list[str], anywhere: bool = False) -> list[list[str]] | None:
    """``words`` (two cues' worth) cut anew into two cues that fit and are both at least ``SHORTEST`` long: at a
    sentence's end if one allows it, else a clause's (``anywhere``: else any clean cut); the most even such cut.
    None: none (a short cue then keeps its words, and ``cue_times`` its time, rather than cut a phrase in two)."""
    fitting = [
        j
        for j in range(1, len(words))
        if clean_cut(words, j)
        and fits(words[:j])
        and fits(words[j:])
        and min(length(words[:j]), length(words[j:])) >= SHORTEST
    ]
    for pattern in (SENTENCE_END, CLAUSE_END, *([None] if anywhere else [])):
        if found := [j for j in fitting if pattern is None or pattern.search(words[j - 1])]:
            j = min(found, key=lambda j: abs(length(words[:j]) - length(words[j:])))
            return [words[:j], words[j:]]
    return None


def cut(words: list[str], n: int) -> int:
    """Where the cue that could hold ``words[:n]`` ends: at a clean cut (``clean_cut``), the last sentence's end in its
    second half, else a clause's, else the last clean cut in its second half, else the last clean cut at all; with no
    clean cut in it (one formula longer than a cue), the cue runs on to the formula's end."""
    clean = [k for k in range(1, n + 1) if clean_cut(words, k)]
    late = [k for k in clean if k * 2 >= n]
    for pattern in (SENTENCE_END, CLAUSE_END):
        if ends := [k for k in late if pattern.search(words[k - 1])]:
            return ends[-1]
    if clean:
        return clean[-1]
    return next(k for k in range(n + 1, len(words) + 1) if clean_cut(words, k))


SHORTEST_SECONDS = 1.2  # a cue on screen for less flashes by


def cue_times(cues: list[str], duration: float) -> list[tuple[float, float]]:
    """Each cue's (offset from the caption's start, duration): ``duration`` shared by the cues' lengths, a cue that
    would get less than ``SHORTEST_SECONDS`` given that much (from the longer cues' shares) when there is time."""
    lengths = [len(" ".join(cue.split())) or 1 for cue in cues]
    shares = [duration * length / sum(lengths) for length in lengths]
    floor = min(SHORTEST_SECONDS, duration / max(len(cues), 1))
    fixed: set[int] = set()
    while short := [n for n, share in enumerate(shares) if share < floor - 1e-9 and n not in fixed]:
        fixed.update(short)
        rest = [n for n in range(len(shares)) if n not in fixed]
        left = duration - floor * len(fixed)
        shares = [
            floor if n in fixed else left * lengths[n] / sum(lengths[m] for m in rest) for n in range(len(shares))
        ]
    times: list[tuple[float, float]] = []
    start = 0.0
    for share in shares:
        times.append((start, share))
        start += share
    return times
