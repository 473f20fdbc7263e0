"""lossfns: the tested source of every number, slider and plot in the book *Loss functions in deep learning*.

The public surface is re-exported here by name; the families live in private modules (``_svm``, ``_softmax``,
...), each with its tests in ``tests/``.
"""

from __future__ import annotations

from . import example
from ._softmax import (
    log_softmax,
    logsumexp,
    softmax,
    softmax_cross_entropy,
    softmax_cross_entropy_and_grad,
    softmax_cross_entropy_grad,
    softmax_cross_entropy_with_temperature,
    softmax_cross_entropy_with_temperature_grad,
)
from ._svm import svm_loss, svm_loss_and_grad, svm_loss_grad, svm_margins

__version__ = "0.1.0"

__all__ = [
    "example",
    "log_softmax",
    "logsumexp",
    "softmax",
    "softmax_cross_entropy",
    "softmax_cross_entropy_and_grad",
    "softmax_cross_entropy_grad",
    "softmax_cross_entropy_with_temperature",
    "softmax_cross_entropy_with_temperature_grad",
    "svm_loss",
    "svm_loss_and_grad",
    "svm_loss_grad",
    "svm_margins",
]
