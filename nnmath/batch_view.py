"""The update a batch makes, read as one sample's step: what the video's weight update draws for a dataset.

The weight update's numbers are the batch's (E = (1/m) Σ Eₛ, the mean gradient, the step with it, E after);
the network it shows is the first sample's (its activations before, and after the batch's update). A
:class:`StepTrace` whose forward and backward fields are the first sample's, and whose gradient, update and
``loss``/``loss_after`` fields are the batch's. With a batch of one it is that sample's own step.
"""

from __future__ import annotations

import dataclasses

from nnmath.batch_trace import BatchTrace, batch_step
from nnmath.config import Config
from nnmath.network import train_step
from nnmath.trace import StepTrace

__all__ = ["batch_update_view"]


def batch_update_view(config: Config, batch: BatchTrace | None = None) -> StepTrace:
    """The first batch's update (``batch``, default ``batch_step(config)``) as a StepTrace, as the module says."""
    batch = batch_step(config) if batch is None else batch
    after = train_step(config, batch.new_weights, batch.new_biases)  # the first sample with the new parameters
    return dataclasses.replace(
        batch.first,
        loss=batch.loss,
        grad_weights=batch.grad_weights,
        grad_biases=batch.grad_biases,
        weight_steps=batch.weight_steps,
        bias_steps=batch.bias_steps,
        new_weights=batch.new_weights,
        new_biases=batch.new_biases,
        z_after=after.z,
        a_after=after.a,
        y_hat_after=after.y_hat,
        loss_terms_after=after.loss_terms,
        loss_after=batch.loss_after,
    )
