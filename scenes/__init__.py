"""The video: one scene per step of backpropagation, and the full video."""
