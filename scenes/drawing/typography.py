"""How a subtitle writes what the screen writes: the minus sign "−" (not the hyphen "-"), and a symbol's index as a
subscript ("ŷ₁", "w₁₂", "E₁₀₀", not "ŷ1"). ``narrated`` sets every caption this way, whoever wrote it; the voice's
line is left alone (it is written for the ear: "minus", "y hat one").
"""

from __future__ import annotations

import re

from nnmath.notation import sub

MINUS = "−"
# A hyphen that is a minus: before a number (or ∞, or a bracket) where no word or number ends just before it ("-0.5",
# "= -3", "e^-0.3", but not "3-4-4-3" or "half-squared"), or alone between spaces ("a - b").
_MINUS = re.compile(r"(?<![\w.)\]])-(?=[\d.∞(])|(?<= )-(?= )")
# A symbol the screen writes with a subscript, its index in plain digits: standalone (no letter before it), the
# digits ending the token.
_INDEXED = re.compile(r"(?<![^\W\d_])(ŷ|[xyazbwδE])(\d+)(?![\w.]\d)(?!\w)")


def typeset(caption: str) -> str:
    """``caption`` with every minus a "−" and every symbol's index a subscript."""
    caption = _MINUS.sub(MINUS, caption)
    return _INDEXED.sub(lambda m: m.group(1) + sub(m.group(2)), caption)
