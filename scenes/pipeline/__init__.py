"""The render pipeline: `backprop-video render` runs manim on each step's scene file, stitches the clips, publishes."""
