"""The multiclass SVM (hinge) loss in the Weston-Watkins form used by CS231n, and its variants.

Variants are separate functions, not flags: :func:`crammer_singer_loss` (the largest violation only),
:func:`one_vs_all_hinge_loss` (C binary hinges) and :func:`squared_hinge_loss` (L2-SVM).
"""

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

__all__ = [
    "check_margin",
    "crammer_singer_loss",
    "crammer_singer_loss_grad",
    "one_vs_all_hinge_loss",
    "one_vs_all_hinge_loss_grad",
    "squared_hinge_loss",
    "squared_hinge_loss_grad",
    "svm_loss",
    "svm_loss_and_grad",
    "svm_loss_grad",
    "svm_margins",
]


def check_margin(margin: object, name: str = "margin") -> float:
    """Validate a hinge margin: a finite number >= 0."""
    if isinstance(margin, bool) or not isinstance(margin, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {margin!r}")
    if not np.isfinite(margin) or margin < 0:
        raise ValueError(
            f"{name} must be a finite number >= 0, got {float(margin)!r}; the hinge asks the true class to win "
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
    # margins[i, j] = max(0, s_ij - s_iy + delta) for j != y_i, and 0 at j = y_i; one subtraction per entry,
    # s_ij - (s_iy - delta), then the clip in place.
    margins = np.subtract(s, (s[rows, y] - s.dtype.type(delta))[:, None])
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
    "multiclass hinge" is the Crammer-Singer form (the largest violation only, :func:`crammer_singer_loss`).

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
    grad = np.greater(margins, 0, out=margins)  # 1.0 / 0.0, in place: margins is this call's own temporary
    grad[np.arange(n), y] = 0 - grad.sum(axis=1)  # 0 - x, not -x: no -0.0
    weight = reduction_weight(n, reduction)
    if weight != 1.0:
        grad *= s.dtype.type(weight)
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


# --- Variants: Crammer-Singer, one-vs-all, squared hinge -----------------------------------------------------


def _crammer_singer_forward(scores: object, labels: object, margin: object, reduction: object):
    reduction = check_reduction(reduction)
    delta = check_margin(margin)
    s, was_1d = check_scores(scores)
    n, c = s.shape
    y = check_labels(labels, n, c, was_1d)
    rows = np.arange(n)
    true = s[rows, y]
    # The strongest wrong class: mask the true class with -inf, then take the row's argmax (first one on ties).
    others = s.copy()
    others[rows, y] = -np.inf
    rival = np.argmax(others, axis=1)
    losses = others[rows, rival] - true
    losses += s.dtype.type(delta)
    np.maximum(losses, 0, out=losses)
    return s, y, rival, losses, reduction, was_1d


def crammer_singer_loss(
    scores: object, labels: object, *, margin: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Multiclass hinge loss in the Crammer-Singer form: only the largest violated margin counts.

    .. math:: L_i = \max\bigl(0,\; \max_{j \ne y_i} s_j - s_{y_i} + \Delta\bigr)

    This is what optax ``multiclass_hinge_loss``, scikit-learn ``hinge_loss`` (for three or more classes) and
    Keras ``CategoricalHinge`` compute. (Keras takes the maximum over :math:`(1 - t_j) s_j`, which includes a 0
    for the true class, so it differs when every wrong-class score is negative.) :func:`svm_loss` (Weston-Watkins)
    sums every violated margin instead, so it is never smaller.

    Args:
        scores: class scores of shape (N, C), or (C,) for one example.
        labels: integer true classes of shape (N,), or one integer.
        margin: :math:`\Delta \ge 0`, by how much the true class should beat its strongest rival.
        reduction: "none" (per-example losses, shape (N,)), "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``scores``.

    References:
        Crammer, K. and Singer, Y. (2001). On the algorithmic implementation of multiclass kernel-based vector
        machines. JMLR 2.

    >>> from lossfns.example import SCORES, LABELS
    >>> np.round(crammer_singer_loss(SCORES, LABELS, reduction="none"), 4)  # frog: max(6.3, 6.6)
    array([2.9, 0. , 6.6])
    """
    *_, losses, reduction, was_1d = _crammer_singer_forward(scores, labels, margin, reduction)
    return apply_reduction(losses, reduction, was_1d)


def crammer_singer_loss_grad(
    scores: object, labels: object, *, margin: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient (a subgradient at kinks and ties) of :func:`crammer_singer_loss` with respect to ``scores``.

    With :math:`r_i = \arg\max_{j \ne y_i} s_j` (the first one on ties), when the margin is violated
    (:math:`L_i > 0`) the gradient is :math:`+1` at :math:`r_i` and :math:`-1` at :math:`y_i`, else 0;
    scaled by 1/N under ``reduction="mean"``.

    >>> crammer_singer_loss_grad([2.2, 2.5, -3.1], 2)  # the frog image: only the car term counts
    array([ 0.,  1., -1.])
    """
    s, y, rival, losses, reduction, was_1d = _crammer_singer_forward(scores, labels, margin, reduction)
    n = s.shape[0]
    rows = np.arange(n)
    active = (losses > 0).astype(s.dtype) * s.dtype.type(reduction_weight(n, reduction))
    grad = np.zeros_like(s)
    grad[rows, rival] = active
    grad[rows, y] = 0 - active
    return grad[0] if was_1d else grad


def _one_vs_all_forward(scores: object, labels: object, margin: object, reduction: object):
    reduction = check_reduction(reduction)
    delta = check_margin(margin)
    s, was_1d = check_scores(scores)
    n, c = s.shape
    y = check_labels(labels, n, c, was_1d)
    rows = np.arange(n)
    # terms[i, j] = max(0, delta - t_ij s_ij) with t = -1 off the true class: delta + s_ij; on it: delta - s_iy.
    terms = s + s.dtype.type(delta)
    terms[rows, y] = s.dtype.type(delta) - s[rows, y]
    np.maximum(terms, 0, out=terms)
    return s, y, terms, reduction, was_1d


def one_vs_all_hinge_loss(
    scores: object, labels: object, *, margin: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""One-vs-all (one-vs-rest) hinge loss: C independent binary hinges, one per class.

    .. math:: L_i = \sum_j \max(0,\; \Delta - t_{ij} s_{ij}), \qquad
        t_{ij} = +1 \text{ if } j = y_i \text{, else } -1

    Unlike :func:`svm_loss`, scores are compared with 0, not with each other: the true class's score should be
    at least :math:`\Delta` and every other score at most :math:`-\Delta` (CS231n notes, "Linear
    classification").

    Args:
        scores: class scores of shape (N, C), or (C,) for one example.
        labels: integer true classes of shape (N,), or one integer.
        margin: :math:`\Delta \ge 0`.
        reduction: "none" (per-example losses, shape (N,)), "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``scores``.

    >>> # the cat image: cat max(0, 1 - 3.2) + car max(0, 1 + 5.1) + frog max(0, 1 - 1.7) = 0 + 6.1 + 0
    >>> round(float(one_vs_all_hinge_loss([3.2, 5.1, -1.7], 0)), 4)
    6.1
    """
    *_, terms, reduction, was_1d = _one_vs_all_forward(scores, labels, margin, reduction)
    return apply_reduction(terms.sum(axis=1), reduction, was_1d)


def one_vs_all_hinge_loss_grad(
    scores: object, labels: object, *, margin: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient (a subgradient at kinks) of :func:`one_vs_all_hinge_loss` with respect to ``scores``.

    .. math:: \frac{\partial L_i}{\partial s_{ij}} = -t_{ij} \, [\Delta - t_{ij} s_{ij} > 0]

    scaled by 1/N under ``reduction="mean"``.

    >>> one_vs_all_hinge_loss_grad([3.2, 5.1, -1.7], 0)  # only the car score is on the wrong side
    array([0., 1., 0.])
    """
    s, y, terms, reduction, was_1d = _one_vs_all_forward(scores, labels, margin, reduction)
    n = s.shape[0]
    rows = np.arange(n)
    grad = (terms > 0).astype(s.dtype)
    grad[rows, y] = 0 - grad[rows, y]  # 0 - x, not -x: no "-0." in printed arrays
    grad *= s.dtype.type(reduction_weight(n, reduction))
    return grad[0] if was_1d else grad


def squared_hinge_loss(
    scores: object, labels: object, *, margin: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Squared multiclass hinge loss (L2-SVM), Weston-Watkins form: the sum of the squared violated margins.

    .. math:: L_i = \sum_{j \ne y_i} \max(0,\; s_j - s_{y_i} + \Delta)^2

    Differentiable everywhere (the gradient is continuous at the kink), and it punishes large violations more
    than :func:`svm_loss` and small ones less (CS231n notes, "Linear classification").

    Args:
        scores: class scores of shape (N, C), or (C,) for one example.
        labels: integer true classes of shape (N,), or one integer.
        margin: :math:`\Delta \ge 0`.
        reduction: "none" (per-example losses, shape (N,)), "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``scores``.

    >>> from lossfns.example import SCORES, LABELS
    >>> np.round(squared_hinge_loss(SCORES, LABELS, reduction="none"), 4)  # 2.9**2; 6.3**2 + 6.6**2
    array([ 8.41,  0.  , 83.25])
    """
    _, _, margins, reduction, was_1d = _svm_forward(scores, labels, margin, reduction)
    np.square(margins, out=margins)
    return apply_reduction(margins.sum(axis=1), reduction, was_1d)


def squared_hinge_loss_grad(
    scores: object, labels: object, *, margin: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`squared_hinge_loss` with respect to ``scores``.

    .. math::
        \frac{\partial L_i}{\partial s_j} = 2 \max(0, s_j - s_{y_i} + \Delta) \; (j \ne y_i), \qquad
        \frac{\partial L_i}{\partial s_{y_i}} = -\sum_{j \ne y_i} 2 \max(0, s_j - s_{y_i} + \Delta)

    scaled by 1/N under ``reduction="mean"``.

    >>> np.round(squared_hinge_loss_grad([2.2, 2.5, -3.1], 2), 4)  # the frog image: 2 * 6.3, 2 * 6.6
    array([ 12.6,  13.2, -25.8])
    """
    s, y, margins, reduction, was_1d = _svm_forward(scores, labels, margin, reduction)
    n = s.shape[0]
    grad = margins
    grad *= s.dtype.type(2.0 * reduction_weight(n, reduction))
    grad[np.arange(n), y] = 0 - grad.sum(axis=1)  # 0 - x, not -x: no -0.0
    return grad[0] if was_1d else grad
