"""Each step's formulas, beside its choreography (``scenes/<step>.py``) and its words (``scenes/words/<step>.py``):
the rules in LaTeX, the rows of numbers it builds from the trace, and the LaTeX its scene typesets ahead.

forward_pass    step 1        backward_pass   step 3        long_chain   step 3's sum over paths
"""
