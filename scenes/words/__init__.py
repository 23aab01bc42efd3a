"""What each sub-step says: its caption (the subtitle, and a slide's presenter notes) and its spoken line (what
the voice says), side by side, one function per sub-step returning both (:class:`Words`), one module per part of
the video, named after the part's module. Both come from the same trace values.

The spoken line is the caption written for the ear: symbols by name ("delta one in layer two"), numbers in words
and rounded to what an ear holds ("about zero point seven five": :mod:`nnmath.speech`), and fewer of them than the
caption: the screen carries every digit, the voice the one that matters.

intro           the title, the cycle, the network
forward_pass    step 1            error_calc      step 2
backward_pass   step 3            long_chain      step 3's sum over paths
weight_update   step 4            check_yourself  the quiz
repeat          the epilogue (one sample)          training       the epilogue (a dataset)
dataset_intro   a dataset's data and first batch   batch_steps    the batch's other samples and mean
"""

from __future__ import annotations

from nnmath.speech import integer_words
from scenes.drawing.narration import Words
from scenes.steps_table import Part


def step_opening(part: Part) -> Words:
    """How a step starts: "Step 3, the backward pass." (spoken: "Step three, …")."""
    assert part.number is not None, part.scene
    return Words(f"Step {part.number}, {part.opening}.", f"Step {integer_words(part.number)}, {part.opening}.")


__all__ = ["Words", "step_opening"]
