"""The multiclass SVM (hinge) loss in the Weston-Watkins form used by CS231n."""

from __future__ import annotations

import numpy as np

from ._validation import (
    Reduction,
    apply_reduction,
    check_labels,
    check_reduction,
    check_scores,
    reduction_weight,
)

__all__ = ["check_margin", "svm_loss", "svm_loss_and_grad", "svm_loss_grad", "svm_margins"]


def check_margin(margin: object, name: str = "margin") -> float:
    """Validate a hinge margin: a finite number >= 0."""
    if isinstance(margin, bool) or not isinstance(margin, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {margin!r}")
    if not np.isfinite(margin) or margin < 0:
        raise ValueError(
            f"{name} must be a finite number >= 0, got {margin!r}; the hinge asks the true class to win "
            "by at least this much (CS231n uses 1.0)"
        )
    return float(margin)


def _svm_forward(scores: object, labels: object, margin: object, reduction: object):
    reduction = check_reduction(reduction)
    delta = check_margin(margin)
    s, was_1d = check_scores(scores)
    n, c = s.shape
    y = check_labels(labels, n, c, was_1d)
    rows = np.arange(n)
    # margins[i, j] = max(0, s_ij - s_iy + delta) for j != y_i, and 0 at j = y_i.
    margins = s - s[rows, y][:, None]
    margins += s.dtype.type(delta)
    np.maximum(margins, 0, out=margins)
    margins[rows, y] = 0
    return s, y, margins, reduction, was_1d


def svm_margins(scores: object, labels: object, *, margin: float = 1.0) -> np.ndarray:
    r"""The per-class hinge terms :math:`\max(0, s_j - s_{y_i} + \Delta)`, with 0 in the true class's column.

    Row sums are the per-example SVM losses; the book's tables and bar charts show these terms one by one.

    >>> from lossfns.example import SCORES
    >>> np.round(svm_margins(SCORES[2], 2), 4)  # the frog image: cat and car terms
    array([6.3, 6.6, 0. ])
    """
    _, _, margins, _, was_1d = _svm_forward(scores, labels, margin, "none")
    return margins[0] if was_1d else margins


def svm_loss(
    scores: object, labels: object, *, margin: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Multiclass SVM (hinge) loss, Weston-Watkins form: the sum of the violated margins.

    .. math:: L_i = \sum_{j \ne y_i} \max(0,\; s_j - s_{y_i} + \Delta)

    Zero once the true class beats every other class by at least :math:`\Delta`. This is CS231n's
    "multiclass SVM loss"; PyTorch's ``MultiMarginLoss`` divides it by C, and optax, Keras and scikit-learn's
    "multiclass hinge" is the Crammer-Singer form (the largest violation only).

    Args:
        scores: class scores of shape (N, C), or (C,) for one example.
        labels: integer true classes of shape (N,), or one integer.
        margin: :math:`\Delta \ge 0`, by how much the true class should win.
        reduction: "none" (per-example losses, shape (N,)), "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``scores``.

    References:
        Weston, J. and Watkins, C. (1999). Support vector machines for multi-class pattern recognition. ESANN.

    >>> from lossfns.example import SCORES, LABELS
    >>> round(float(svm_loss(SCORES[0], 0)), 4)  # the cat image: 2.9 + 0
    2.9
    >>> np.round(svm_loss(SCORES, LABELS, reduction="none"), 4)
    array([ 2.9,  0. , 12.9])
    >>> round(float(svm_loss([13.0, -7.0, 11.0], 0, margin=10.0)), 4)  # CS231n notes: 0 + 8
    8.0
    """
    _, _, margins, reduction, was_1d = _svm_forward(scores, labels, margin, reduction)
    return apply_reduction(margins.sum(axis=1), reduction, was_1d)


def _svm_grad_from(s, y, margins, reduction, was_1d):
    n = s.shape[0]
    # Each violated margin adds +1 to its class and -1 to the true class. At a kink (a term exactly 0) the
    # subgradient 0 is taken, as np.maximum's convention and CS231n's reference solution do.
    grad = (margins > 0).astype(s.dtype)
    grad[np.arange(n), y] = -grad.sum(axis=1)
    grad *= s.dtype.type(reduction_weight(n, reduction))
    return grad[0] if was_1d else grad


def svm_loss_grad(
    scores: object, labels: object, *, margin: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient (a subgradient at kinks) of :func:`svm_loss` with respect to ``scores``.

    .. math::
        \frac{\partial L_i}{\partial s_j} = [s_j - s_{y_i} + \Delta > 0] \; (j \ne y_i), \qquad
        \frac{\partial L_i}{\partial s_{y_i}} = -\sum_{j \ne y_i} [s_j - s_{y_i} + \Delta > 0]

    scaled by 1/N under ``reduction="mean"``. Same arguments as :func:`svm_loss`; the result has the shape and
    dtype of ``scores``.

    >>> svm_loss_grad([2.2, 2.5, -3.1], 2)  # the frog image: both margins violated
    array([ 1.,  1., -2.])
    """
    s, y, margins, reduction, was_1d = _svm_forward(scores, labels, margin, reduction)
    return _svm_grad_from(s, y, margins, reduction, was_1d)


def svm_loss_and_grad(
    scores: object, labels: object, *, margin: float = 1.0, reduction: Reduction = "mean"
) -> tuple[np.ndarray | float, np.ndarray]:
    """``(svm_loss(...), svm_loss_grad(...))`` computed together from one margins array.

    >>> from lossfns.example import SCORES, LABELS
    >>> loss, grad = svm_loss_and_grad(SCORES, LABELS)
    >>> round(float(loss), 4)
    5.2667
    """
    s, y, margins, reduction, was_1d = _svm_forward(scores, labels, margin, reduction)
    loss = apply_reduction(margins.sum(axis=1), reduction, was_1d)
    return loss, _svm_grad_from(s, y, margins, reduction, was_1d)
