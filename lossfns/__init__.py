"""lossfns: the tested source of every number, slider and plot in the book *Loss functions in deep learning*.

The public surface is re-exported here by name; the families live in private modules (``_svm``, ``_softmax``,
...), each with its tests in ``tests/``.
"""

from __future__ import annotations

from . import example, gradcheck, linear
from ._softmax import (
    label_smoothed_cross_entropy,
    label_smoothed_cross_entropy_grad,
    log_softmax,
    logsumexp,
    softmax,
    softmax_cross_entropy,
    softmax_cross_entropy_and_grad,
    softmax_cross_entropy_grad,
    softmax_cross_entropy_with_probs,
    softmax_cross_entropy_with_probs_grad,
    softmax_cross_entropy_with_temperature,
    softmax_cross_entropy_with_temperature_grad,
)
from ._svm import (
    crammer_singer_loss,
    crammer_singer_loss_grad,
    one_vs_all_hinge_loss,
    one_vs_all_hinge_loss_grad,
    squared_hinge_loss,
    squared_hinge_loss_grad,
    svm_loss,
    svm_loss_and_grad,
    svm_loss_grad,
    svm_margins,
)
from .gradcheck import check_gradient, numerical_gradient, relative_error

__version__ = "0.1.0"

__all__ = [
    "check_gradient",
    "crammer_singer_loss",
    "crammer_singer_loss_grad",
    "example",
    "gradcheck",
    "label_smoothed_cross_entropy",
    "label_smoothed_cross_entropy_grad",
    "linear",
    "log_softmax",
    "logsumexp",
    "numerical_gradient",
    "one_vs_all_hinge_loss",
    "one_vs_all_hinge_loss_grad",
    "relative_error",
    "softmax",
    "softmax_cross_entropy",
    "softmax_cross_entropy_and_grad",
    "softmax_cross_entropy_grad",
    "softmax_cross_entropy_with_probs",
    "softmax_cross_entropy_with_probs_grad",
    "softmax_cross_entropy_with_temperature",
    "softmax_cross_entropy_with_temperature_grad",
    "squared_hinge_loss",
    "squared_hinge_loss_grad",
    "svm_loss",
    "svm_loss_and_grad",
    "svm_loss_grad",
    "svm_margins",
]
