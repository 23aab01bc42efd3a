"""What every step shares: the context (config, trace, theme), the base scene, and the diagram as
each step leaves it."""
