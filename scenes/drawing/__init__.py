"""The drawing vocabulary: theme, the one number formatter, formulas, the network diagram, the panel.

It knows no step of the video and nothing of how clips are rendered; the steps speak it.
"""
