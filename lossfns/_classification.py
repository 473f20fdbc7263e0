"""Probabilistic classification losses on logits: binary cross-entropy, focal loss, multilabel soft margin.

The softmax (multiclass) cross-entropies live in :mod:`lossfns._softmax`; this module holds the sigmoid
(one-logit-per-label) family. Every function takes raw logits :math:`x`, never probabilities, and works in log
space: :math:`-\\log \\sigma(x) = \\operatorname{softplus}(-x) = \\log(1 + e^{-x})` is computed with
``np.logaddexp(0, -x)``, which is finite for every finite :math:`x` (logits of :math:`\\pm 10^4` included).
Targets are probabilities in [0, 1] (usually 0 or 1).
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    Reduction,
    apply_reduction,
    as_float_pair,
    check_in_range,
    check_reduction,
    check_setting,
    reduction_weight,
)

__all__ = [
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "focal_loss",
    "focal_loss_grad",
    "multilabel_soft_margin_loss",
    "multilabel_soft_margin_loss_grad",
    "sigmoid",
    "softplus",
]


def softplus(x: np.ndarray) -> np.ndarray:
    r""":math:`\log(1 + e^{x})`, computed as ``logaddexp(0, x)`` (no overflow for large :math:`x`).

    >>> float(softplus(np.array(1000.0)))
    1000.0
    """
    return np.logaddexp(x.dtype.type(0), x)


def sigmoid(x: np.ndarray) -> np.ndarray:
    r""":math:`\sigma(x) = 1 / (1 + e^{-x})`, computed as :math:`\exp(-\operatorname{softplus}(-x))`.

    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0]))
    array([0. , 0.5, 1. ])
    """
    return np.exp(-softplus(-x))


def _logits_targets(logits: object, targets: object, reduction: object):
    reduction = check_reduction(reduction)
    x, t = as_float_pair(logits, targets, ("logits", "targets"))
    check_in_range(t, "targets", 0.0, 1.0, "targets are probabilities of the positive class (usually 0 or 1)")
    return x, t, reduction


def _bce_terms(x: np.ndarray, t: np.ndarray) -> np.ndarray:
    # softplus(x) - t x rewritten as t * softplus(-x) + (1 - t) * softplus(x): no cancellation of two large
    # numbers, so the loss of a confident right answer (x = 30, t = 1) keeps its full relative precision.
    return t * softplus(-x) + (1 - t) * softplus(x)


def binary_cross_entropy_with_logits(
    logits: object, targets: object, *, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Binary cross-entropy of :math:`\sigma(x)` against a target probability, computed from the logit.

    .. math:: \ell(x, t) = -t \log \sigma(x) - (1 - t) \log(1 - \sigma(x))
        = t \operatorname{softplus}(-x) + (1 - t) \operatorname{softplus}(x)

    PyTorch ``BCEWithLogitsLoss``, Keras ``BinaryCrossentropy(from_logits=True)`` (which averages over the last
    axis; its default ``from_logits=False`` takes probabilities and clips them at 1e-7), optax
    ``sigmoid_binary_cross_entropy`` (unreduced).

    Args:
        logits: raw scores :math:`x`, any shape.
        targets: probabilities :math:`t \in [0, 1]`, the same shape.
        reduction: "none", "mean" (default, over all entries) or "sum".

    Returns:
        The loss, in the float dtype of ``logits``.

    References:
        Goodfellow, Bengio and Courville (2016), *Deep Learning*, section 6.2.2.2.

    >>> np.round(binary_cross_entropy_with_logits([0.0, 1e4, -1e4], [1.0, 1.0, 1.0], reduction="none"), 4)
    array([6.931e-01, 0.000e+00, 1.000e+04])
    """
    x, t, reduction = _logits_targets(logits, targets, reduction)
    return apply_reduction(_bce_terms(x, t), reduction)


def binary_cross_entropy_with_logits_grad(
    logits: object, targets: object, *, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`binary_cross_entropy_with_logits` with respect to the logits: :math:`\sigma(x) - t`.

    >>> binary_cross_entropy_with_logits_grad([0.0, 2.0], [1.0, 0.0], reduction="sum").round(4)
    array([-0.5  ,  0.8808])
    """
    x, t, reduction = _logits_targets(logits, targets, reduction)
    return (sigmoid(x) - t) * x.dtype.type(reduction_weight(x.size, reduction))


def _check_focal(gamma: object, alpha: object) -> tuple[float, float | None]:
    g = check_setting(gamma, "gamma", low=0.0, hint="gamma >= 0 down-weights easy examples; 0 gives cross-entropy")
    if alpha is None:
        return g, None
    a = check_setting(alpha, "alpha", low=0.0, high=1.0, hint="alpha weights the positive class (None: no weight)")
    return g, a


def _focal_parts(x: np.ndarray, t: np.ndarray, alpha: float | None):
    p, q = sigmoid(x), sigmoid(-x)  # sigma(x) and 1 - sigma(x), each computed without cancellation
    m = t * q + (1 - t) * p  # 1 - p_t: the probability the model gives to the wrong answer
    w = np.ones_like(x) if alpha is None else alpha * t + (1 - alpha) * (1 - t)
    return p, q, m, w.astype(x.dtype, copy=False)


def focal_loss(
    logits: object, targets: object, *, gamma: float = 2.0, alpha: float | None = None, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Sigmoid focal loss: binary cross-entropy scaled down on examples the model already gets right.

    .. math:: \ell(x, t) = \alpha_t\, (1 - p_t)^\gamma\, \mathrm{BCE}(x, t), \qquad
        p_t = t\,\sigma(x) + (1 - t)(1 - \sigma(x)), \quad \alpha_t = \alpha t + (1 - \alpha)(1 - t)

    ``gamma=0`` and ``alpha=None`` give :func:`binary_cross_entropy_with_logits`. Defaults differ between
    libraries: torchvision ``sigmoid_focal_loss`` uses ``alpha=0.25, gamma=2`` and ``reduction="none"``; optax
    ``sigmoid_focal_loss`` uses ``alpha=None, gamma=2`` (as here); Keras ``BinaryFocalCrossentropy`` applies
    alpha only with ``apply_class_balancing=True`` and takes probabilities unless ``from_logits=True``.

    Args:
        logits: raw scores, any shape.
        targets: probabilities in [0, 1], the same shape.
        gamma: focusing parameter :math:`\gamma \ge 0`.
        alpha: weight :math:`\alpha \in [0, 1]` of the positive class, or None for no weighting.
        reduction: "none", "mean" (default, over all entries) or "sum".

    Returns:
        The loss, in the float dtype of ``logits``.

    References:
        Lin, T.-Y. et al. (2017). Focal loss for dense object detection. *ICCV*.

    >>> round(float(focal_loss([0.0], [1.0], gamma=2.0)), 4)  # 0.5^2 * ln 2
    0.1733
    """
    x, t, reduction = _logits_targets(logits, targets, reduction)
    g, a = _check_focal(gamma, alpha)
    _, _, m, w = _focal_parts(x, t, a)
    return apply_reduction(w * m**g * _bce_terms(x, t), reduction)


def focal_loss_grad(
    logits: object, targets: object, *, gamma: float = 2.0, alpha: float | None = None, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`focal_loss` with respect to the logits.

    With :math:`m = 1 - p_t` and :math:`\partial m / \partial x = (1 - 2t)\,\sigma(x)(1 - \sigma(x))`:

    .. math:: \frac{\partial \ell}{\partial x} = \alpha_t \bigl[ m^\gamma (\sigma(x) - t)
        + \gamma\, m^{\gamma - 1} \tfrac{\partial m}{\partial x}\, \mathrm{BCE}(x, t) \bigr]

    >>> round(float(focal_loss_grad(0.0, 1.0, gamma=0.0)), 4)  # gamma = 0: sigma(0) - 1
    -0.5
    """
    x, t, reduction = _logits_targets(logits, targets, reduction)
    g, a = _check_focal(gamma, alpha)
    p, q, m, w = _focal_parts(x, t, a)
    ce = _bce_terms(x, t)
    dm = (1 - 2 * t) * p * q
    if g == 0:
        second = np.zeros_like(x)
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            # m^(gamma - 1) is infinite where m underflows to 0 with gamma < 1; there dm is 0 too and the
            # product's limit is 0.
            second = np.where(m > 0, g * m ** (g - 1) * dm * ce, 0).astype(x.dtype, copy=False)
    grad = w * (m**g * (p - t) + second)
    return grad * x.dtype.type(reduction_weight(x.size, reduction))


def _multilabel(logits: object, targets: object, reduction: object):
    x, t, reduction = _logits_targets(logits, targets, reduction)
    if x.ndim not in (1, 2):
        raise ValueError(
            f"logits must have shape (N, C) for a batch or (C,) for one example, got shape {x.shape}"
        )
    was_1d = x.ndim == 1
    return (x[None, :], t[None, :], reduction, was_1d) if was_1d else (x, t, reduction, was_1d)


def multilabel_soft_margin_loss(
    logits: object, targets: object, *, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Multilabel soft margin loss: per example, the mean over labels of the binary cross-entropy.

    .. math:: L_i = \frac{1}{C} \sum_{j=1}^{C} \bigl[ t_{ij} \operatorname{softplus}(-x_{ij})
        + (1 - t_{ij}) \operatorname{softplus}(x_{ij}) \bigr]

    PyTorch ``MultiLabelSoftMarginLoss`` (which averages over the C labels, then over the batch).
    With ``reduction="mean"`` it equals :func:`binary_cross_entropy_with_logits` on the same arrays.

    Args:
        logits: scores of shape (N, C), one column per label, or (C,) for one example.
        targets: 0/1 (or probability) labels of the same shape.
        reduction: "none" (one loss per example, shape (N,)), "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``logits``.

    References:
        PyTorch documentation, ``torch.nn.MultiLabelSoftMarginLoss``.

    >>> round(float(multilabel_soft_margin_loss([0.0, 0.0], [1.0, 0.0])), 4)  # ln 2
    0.6931
    """
    x, t, reduction, was_1d = _multilabel(logits, targets, reduction)
    return apply_reduction(_bce_terms(x, t).mean(axis=1), reduction, was_1d)


def multilabel_soft_margin_loss_grad(
    logits: object, targets: object, *, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`multilabel_soft_margin_loss`: :math:`(\sigma(x_{ij}) - t_{ij}) / C`, over N for "mean".

    >>> multilabel_soft_margin_loss_grad([0.0, 0.0], [1.0, 0.0])
    array([-0.25,  0.25])
    """
    x, t, reduction, was_1d = _multilabel(logits, targets, reduction)
    n, c = x.shape
    grad = (sigmoid(x) - t) * x.dtype.type(reduction_weight(n, reduction) / c)
    return grad[0] if was_1d else grad
