"""Config texts the lesson tests share: a 3-4-4-3 tanh network with a softmax output (two hidden layers)."""

from __future__ import annotations

TANH_SOFTMAX = """
[network]
layers = [3, 4, 4, 3]
hidden_activation = "tanh"
output_activation = "softmax"
loss = "cross_entropy"
learning_rate = 0.5

[sample]
x = [0.5, -0.3, 0.8]
y = [0.0, 0.0, 1.0]

[init]
seed = 1
scale = 0.8

[display]
decimals = 4
"""
