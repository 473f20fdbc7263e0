"""Binary margin losses: functions of the margin :math:`z = t\\,s` of a score :math:`s` and a label :math:`t = \\pm 1`.

The margin is positive when the score has the right sign and large when it is confidently right. Each loss here
is a convex surrogate of the 0-1 loss :math:`[z \\le 0]` (which is included, without a gradient, for comparison):
hinge :math:`\\max(0, 1 - z)`, perceptron :math:`\\max(0, -z)`, logistic (soft margin) :math:`\\log(1 + e^{-z})`
and exponential :math:`e^{-z}`. The multiclass margin losses (Weston-Watkins, Crammer-Singer, one-vs-all,
squared hinge) live in :mod:`lossfns._svm`.

Scores and labels have the same (any) shape; "mean" averages over all entries. Gradients are with respect to the
scores: :math:`\\partial \\ell / \\partial s = t\\, \\ell'(z)`.
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    Reduction,
    apply_reduction,
    as_float_pair,
    check_reduction,
    check_setting,
    check_signs,
    reduction_weight,
)

__all__ = [
    "exponential_loss",
    "exponential_loss_grad",
    "hinge_loss",
    "hinge_loss_grad",
    "perceptron_loss",
    "perceptron_loss_grad",
    "soft_margin_loss",
    "soft_margin_loss_grad",
    "zero_one_loss",
]


def _margins(scores: object, targets: object, reduction: object):
    reduction = check_reduction(reduction)
    s, t = as_float_pair(scores, targets, ("scores", "targets"))
    check_signs(t, "targets")
    return s, t, t * s, reduction


def _scaled(grad: np.ndarray, reduction: str) -> np.ndarray:
    return grad * grad.dtype.type(reduction_weight(grad.size, reduction))


def _check_margin(margin: object) -> float:
    return check_setting(margin, "margin", low=0.0, hint="the hinge asks for t * s >= margin (usually 1.0)")


def hinge_loss(
    scores: object, targets: object, *, margin: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Binary hinge loss (the linear SVM's loss): zero once the margin reaches :math:`\Delta`.

    .. math:: \ell(s, t) = \max(0,\; \Delta - t s), \qquad t \in \{-1, +1\}

    Keras ``Hinge`` (which maps 0/1 labels to -1/+1 itself and averages over the last axis), optax
    ``hinge_loss`` (unreduced, :math:`\Delta = 1`), scikit-learn ``hinge_loss`` for two classes.

    Args:
        scores: real-valued scores :math:`s`, any shape.
        targets: labels :math:`t \in \{-1, +1\}`, the same shape.
        margin: :math:`\Delta \ge 0` (1 by default).
        reduction: "none", "mean" (default, over all entries) or "sum".

    Returns:
        The loss, in the float dtype of ``scores``.

    References:
        Cortes, C. and Vapnik, V. (1995). Support-vector networks. *Machine Learning* 20, 273-297.

    >>> hinge_loss([2.0, 0.5, -1.0], [1, 1, 1], reduction="none")
    array([0. , 0.5, 2. ])
    """
    s, t, z, reduction = _margins(scores, targets, reduction)
    d = _check_margin(margin)
    return apply_reduction(np.maximum(0, d - z), reduction)


def hinge_loss_grad(
    scores: object, targets: object, *, margin: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Subgradient of :func:`hinge_loss`: :math:`-t\,[t s < \Delta]` (0 at the kink), over N for "mean".

    >>> hinge_loss_grad([2.0, 0.5, -1.0], [1, 1, -1], reduction="sum")
    array([ 0., -1.,  0.])
    """
    s, t, z, reduction = _margins(scores, targets, reduction)
    d = _check_margin(margin)
    return _scaled(np.where(z < d, -t, 0).astype(s.dtype), reduction)


def perceptron_loss(scores: object, targets: object, *, reduction: Reduction = "mean") -> np.ndarray | float:
    r"""Perceptron loss: the hinge with margin 0, positive only for misclassified points.

    .. math:: \ell(s, t) = \max(0,\; -t s)

    optax ``perceptron_loss`` (unreduced). Zero for every correctly signed score, however small, so it does not
    ask for a margin.

    Args:
        scores: real-valued scores, any shape.
        targets: labels in {-1, +1}, the same shape.
        reduction: "none", "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``scores``.

    References:
        Rosenblatt, F. (1958). The perceptron. *Psychological Review* 65(6), 386-408.

    >>> perceptron_loss([2.0, -0.5], [1, 1], reduction="none")
    array([0. , 0.5])
    """
    s, t, z, reduction = _margins(scores, targets, reduction)
    return apply_reduction(np.maximum(0, -z), reduction)


def perceptron_loss_grad(scores: object, targets: object, *, reduction: Reduction = "mean") -> np.ndarray:
    r"""Subgradient of :func:`perceptron_loss`: :math:`-t\,[t s < 0]`, over N for "mean".

    >>> perceptron_loss_grad([2.0, -0.5], [1, 1], reduction="sum")
    array([ 0., -1.])
    """
    s, t, z, reduction = _margins(scores, targets, reduction)
    return _scaled(np.where(z < 0, -t, 0).astype(s.dtype), reduction)


def soft_margin_loss(scores: object, targets: object, *, reduction: Reduction = "mean") -> np.ndarray | float:
    r"""Soft margin (logistic) loss: the binary cross-entropy written in the margin :math:`z = ts`.

    .. math:: \ell(s, t) = \log(1 + e^{-t s})

    computed as ``logaddexp(0, -t s)``. PyTorch ``SoftMarginLoss`` (mean over all entries). With labels mapped
    by :math:`t = 2y - 1` it is :func:`~lossfns.binary_cross_entropy_with_logits` of :math:`s` and :math:`y`.

    Args:
        scores: real-valued scores, any shape.
        targets: labels in {-1, +1}, the same shape.
        reduction: "none", "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``scores``.

    References:
        Hastie, T., Tibshirani, R. and Friedman, J. (2009). *The Elements of Statistical Learning*, 2nd ed.,
        section 10.6 (the binomial deviance as a margin loss).

    >>> round(float(soft_margin_loss([0.0], [1])), 4)  # ln 2
    0.6931
    """
    s, t, z, reduction = _margins(scores, targets, reduction)
    return apply_reduction(np.logaddexp(s.dtype.type(0), -z), reduction)


def soft_margin_loss_grad(scores: object, targets: object, *, reduction: Reduction = "mean") -> np.ndarray:
    r"""Gradient of :func:`soft_margin_loss`: :math:`-t\,\sigma(-t s)`, over N for "mean".

    >>> soft_margin_loss_grad([0.0], [1], reduction="sum")
    array([-0.5])
    """
    s, t, z, reduction = _margins(scores, targets, reduction)
    sig = np.exp(-np.logaddexp(s.dtype.type(0), z))  # sigma(-z), without overflow
    return _scaled(-t * sig, reduction)


def exponential_loss(scores: object, targets: object, *, reduction: Reduction = "mean") -> np.ndarray | float:
    r"""Exponential loss, the loss AdaBoost minimises: :math:`e^{-ts}`.

    .. math:: \ell(s, t) = e^{-t s}

    No major deep-learning library ships it; it is here for the comparison of surrogates. It grows
    exponentially for badly wrong scores, so one mislabelled point can dominate.

    Args:
        scores: real-valued scores, any shape.
        targets: labels in {-1, +1}, the same shape.
        reduction: "none", "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``scores`` (``inf`` once :math:`-ts` exceeds about 709 in float64).

    References:
        Freund, Y. and Schapire, R. E. (1997). A decision-theoretic generalization of on-line learning and an
        application to boosting. *Journal of Computer and System Sciences* 55(1), 119-139.

    >>> exponential_loss([0.0, 1.0], [1, -1], reduction="none").round(4)
    array([1.    , 2.7183])
    """
    s, t, z, reduction = _margins(scores, targets, reduction)
    return apply_reduction(np.exp(-z), reduction)


def exponential_loss_grad(scores: object, targets: object, *, reduction: Reduction = "mean") -> np.ndarray:
    r"""Gradient of :func:`exponential_loss`: :math:`-t\,e^{-ts}`, over N for "mean".

    >>> exponential_loss_grad([0.0], [1], reduction="sum")
    array([-1.])
    """
    s, t, z, reduction = _margins(scores, targets, reduction)
    return _scaled(-t * np.exp(-z), reduction)


def zero_one_loss(scores: object, targets: object, *, reduction: Reduction = "mean") -> np.ndarray | float:
    r"""The 0-1 loss: 1 for a wrong sign, 0 for a right one. A step function, so it has no useful gradient.

    .. math:: \ell(s, t) = [\, t s \le 0 \,]

    A score of exactly 0 counts as an error (no class is chosen). With ``reduction="mean"`` this is the error
    rate, scikit-learn's ``zero_one_loss(y, sign(s))``. There is no ``zero_one_loss_grad``: the derivative is 0
    almost everywhere, which is why training uses the convex surrogates of this module instead.

    Args:
        scores: real-valued scores, any shape.
        targets: labels in {-1, +1}, the same shape.
        reduction: "none", "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``scores``.

    References:
        Bartlett, P. L., Jordan, M. I. and McAuliffe, J. D. (2006). Convexity, classification, and risk bounds.
        *Journal of the American Statistical Association* 101(473), 138-156.

    >>> zero_one_loss([2.0, -0.5, 0.0], [1, 1, 1], reduction="none")
    array([0., 1., 1.])
    """
    s, t, z, reduction = _margins(scores, targets, reduction)
    return apply_reduction((z <= 0).astype(s.dtype), reduction)
