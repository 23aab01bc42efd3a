"""What the voice says in each sub-step: the caption written for the ear, from the same trace values.

Symbols by name ("delta one in layer two"), numbers in words and rounded to what an ear holds ("about zero point
seven five": :mod:`nnmath.speech`), and fewer of them than the caption: the screen carries every digit, the voice
the one that matters. One function per sub-step, named after it; each takes the scene's context.

steps      the intro and the four steps
epilogue   the long chain, the quiz and the epilogue
"""
