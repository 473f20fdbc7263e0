"""Overlap losses for segmentation: soft Dice, soft Jaccard (IoU) and Tversky.

Each compares a predicted mask :math:`p` (probabilities in [0, 1]) with a target mask :math:`g` (usually 0/1) by
their overlap, one number per example, using the soft counts

.. math:: \\mathrm{TP} = \\sum p g, \\qquad \\mathrm{FP} = \\sum p (1 - g), \\qquad \\mathrm{FN} = \\sum (1 - p) g

over all pixels of the example. Arrays have shape (N, ...) (axis 0 is the batch, all other axes are pixels); a
1-D array is one example. With hard 0/1 masks the scores are the classic ones: Dice is the F1 score, Jaccard is
the intersection over union, and :math:`\\mathrm{IoU} = D / (2 - D)`. Each loss is 1 minus its score.
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
    "dice_loss",
    "dice_loss_grad",
    "jaccard_loss",
    "jaccard_loss_grad",
    "overlap_counts",
    "tversky_loss",
    "tversky_loss_grad",
]


def _masks(prediction: object, target: object, smooth: object, reduction: object):
    reduction = check_reduction(reduction)
    p, g = as_float_pair(prediction, target)
    check_in_range(p, "prediction", 0.0, 1.0, "pass probabilities, e.g. sigmoid(logits)")
    check_in_range(g, "target", 0.0, 1.0, "pass a 0/1 mask (or soft labels in [0, 1])")
    s = check_setting(smooth, "smooth", low=0.0, hint="smooth is added to numerator and denominator (often 1.0)")
    single = p.ndim <= 1
    p2 = p.reshape(1, -1) if single else p.reshape(p.shape[0], -1)
    g2 = g.reshape(1, -1) if single else g.reshape(g.shape[0], -1)
    return p, p2, g2, s, reduction, single


def _ratio(num: np.ndarray, den: np.ndarray, name: str) -> np.ndarray:
    if np.any(den == 0):
        raise ValueError(
            f"{name} is 0/0 for an example whose prediction and target masks are both empty; "
            "pass smooth > 0 (e.g. smooth=1.0) to define it"
        )
    return num / den


def overlap_counts(prediction: object, target: object) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Soft true-positive, false-positive and false-negative counts per example: :math:`\sum pg`, ...

    Args:
        prediction: probabilities in [0, 1], shape (N, ...) or (P,) for one example.
        target: mask of the same shape.

    Returns:
        ``(tp, fp, fn)``, each of shape (N,) (shape (1,) for one example).

    >>> [c.tolist() for c in overlap_counts([1.0, 1.0, 0.0, 0.0], [1.0, 0.0, 1.0, 0.0])]
    [[1.0], [1.0], [1.0]]
    """
    _, p2, g2, _, _, _ = _masks(prediction, target, 0.0, "none")
    tp = np.sum(p2 * g2, axis=1)
    return tp, np.sum(p2, axis=1) - tp, np.sum(g2, axis=1) - tp


def _tversky_parts(p2: np.ndarray, g2: np.ndarray, a: float, b: float, s: float):
    tp = np.sum(p2 * g2, axis=1)
    fp = np.sum(p2, axis=1) - tp
    fn = np.sum(g2, axis=1) - tp
    num = tp + s
    den = tp + a * fp + b * fn + s
    return num, den


def _tversky_grad(p, p2, g2, a, b, s, reduction, single, name):
    num, den = _tversky_parts(p2, g2, a, b, s)
    _ratio(num, den, name)
    # d num / dp = g, d den / dp = g + a (1 - g) - b g; loss = 1 - num / den.
    dnum = g2
    dden = g2 + a * (1 - g2) - b * g2
    grad = -(dnum * den[:, None] - num[:, None] * dden) / den[:, None] ** 2
    grad = grad.astype(p.dtype, copy=False) * p.dtype.type(reduction_weight(p2.shape[0], reduction))
    return grad.reshape(p.shape)


def _check_ab(alpha: object, beta: object) -> tuple[float, float]:
    a = check_setting(alpha, "alpha", low=0.0, hint="alpha weights false positives (0.5 with beta=0.5 is Dice)")
    b = check_setting(beta, "beta", low=0.0, hint="beta weights false negatives (0.5 with alpha=0.5 is Dice)")
    return a, b


def tversky_loss(
    prediction: object,
    target: object,
    *,
    alpha: float = 0.5,
    beta: float = 0.5,
    smooth: float = 0.0,
    reduction: Reduction = "mean",
) -> np.ndarray | float:
    r"""Tversky loss: 1 minus the Tversky index, which weighs false positives by α and false negatives by β.

    .. math:: L = 1 - \frac{\mathrm{TP} + s}{\mathrm{TP} + \alpha\,\mathrm{FP} + \beta\,\mathrm{FN} + s}

    :math:`\alpha = \beta = 1/2` is :func:`dice_loss`, :math:`\alpha = \beta = 1` is :func:`jaccard_loss`;
    :math:`\beta > \alpha` penalises missed foreground more (small lesions). Keras ``Tversky(alpha=0.5,
    beta=0.5)`` gives α and β the same roles; implementations differ in the smoothing constant :math:`s`.

    Args:
        prediction: predicted probabilities in [0, 1], shape (N, ...) or (P,).
        target: target mask in [0, 1], the same shape.
        alpha: weight :math:`\alpha \ge 0` of false positives.
        beta: weight :math:`\beta \ge 0` of false negatives.
        smooth: :math:`s \ge 0` added to numerator and denominator (needed if both masks can be empty).
        reduction: "none" (one loss per example), "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``prediction``.

    References:
        Salehi, S. S. M., Erdogmus, D. and Gholipour, A. (2017). Tversky loss function for image segmentation
        using 3D fully convolutional deep networks. *MLMI*; Tversky, A. (1977). Features of similarity.
        *Psychological Review* 84(4).

    >>> float(tversky_loss([1.0, 1.0, 0.0, 0.0], [1.0, 0.0, 1.0, 0.0], alpha=0.3, beta=0.7))  # 1 - 1 / (1+0.3+0.7)
    0.5
    """
    p, p2, g2, s, reduction, single = _masks(prediction, target, smooth, reduction)
    a, b = _check_ab(alpha, beta)
    num, den = _tversky_parts(p2, g2, a, b, s)
    return apply_reduction((1 - _ratio(num, den, "the Tversky index")).astype(p.dtype), reduction, single)


def tversky_loss_grad(
    prediction: object,
    target: object,
    *,
    alpha: float = 0.5,
    beta: float = 0.5,
    smooth: float = 0.0,
    reduction: Reduction = "mean",
) -> np.ndarray:
    r"""Gradient of :func:`tversky_loss` with respect to the predicted probabilities.

    With :math:`T = N/D`, :math:`\partial N/\partial p = g` and
    :math:`\partial D/\partial p = g + \alpha(1 - g) - \beta g`:
    :math:`\partial L/\partial p = -(g D - N\, \partial D/\partial p) / D^2`.

    >>> tversky_loss_grad([1.0, 0.0], [1.0, 1.0], reduction="sum")  # N = 1, D = 1.5, dD/dp = 0.5: -1 / 2.25
    array([-0.44444444, -0.44444444])
    """
    p, p2, g2, s, reduction, single = _masks(prediction, target, smooth, reduction)
    a, b = _check_ab(alpha, beta)
    return _tversky_grad(p, p2, g2, a, b, s, reduction, single, "the Tversky index")


def dice_loss(
    prediction: object, target: object, *, smooth: float = 0.0, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Soft Dice loss: 1 minus the Dice coefficient (the F1 score of the masks).

    .. math:: L = 1 - \frac{2 \sum p g + s}{\sum p + \sum g + s}

    With :math:`s = 0` this is :func:`tversky_loss` with :math:`\alpha = \beta = 1/2`. Milletari et al. (V-Net)
    square the terms of the denominator (:math:`\sum p^2 + \sum g^2`); Keras ``Dice`` and optax ``dice_loss``
    use plain sums as here, and libraries differ in the smoothing constant and in whether the batch is pooled
    into one mask (here each example gets its own Dice, then "mean" averages them).

    Args:
        prediction: predicted probabilities in [0, 1], shape (N, ...) or (P,).
        target: target mask in [0, 1], the same shape.
        smooth: :math:`s \ge 0` added to numerator and denominator.
        reduction: "none" (one loss per example), "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``prediction``.

    References:
        Milletari, F., Navab, N. and Ahmadi, S.-A. (2016). V-Net: fully convolutional neural networks for
        volumetric medical image segmentation. *3DV*; Dice, L. R. (1945). *Ecology* 26(3).

    >>> float(dice_loss([1.0, 1.0, 0.0, 0.0], [1.0, 0.0, 1.0, 0.0]))  # 1 - 2 * 1 / (2 + 2)
    0.5
    """
    p, p2, g2, s, reduction, single = _masks(prediction, target, smooth, reduction)
    num = 2 * np.sum(p2 * g2, axis=1) + s
    den = np.sum(p2, axis=1) + np.sum(g2, axis=1) + s
    return apply_reduction((1 - _ratio(num, den, "the Dice coefficient")).astype(p.dtype), reduction, single)


def dice_loss_grad(
    prediction: object, target: object, *, smooth: float = 0.0, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`dice_loss`: :math:`-(2gD - N) / D^2`, :math:`N = 2\sum pg + s`, :math:`D = \sum(p + g) + s`.

    >>> dice_loss_grad([1.0, 0.0], [1.0, 1.0], reduction="sum")  # N = 2, D = 3
    array([-0.44444444, -0.44444444])
    """
    p, p2, g2, s, reduction, single = _masks(prediction, target, smooth, reduction)
    num = 2 * np.sum(p2 * g2, axis=1) + s
    den = np.sum(p2, axis=1) + np.sum(g2, axis=1) + s
    _ratio(num, den, "the Dice coefficient")
    grad = -(2 * g2 * den[:, None] - num[:, None]) / den[:, None] ** 2
    grad = grad.astype(p.dtype, copy=False) * p.dtype.type(reduction_weight(p2.shape[0], reduction))
    return grad.reshape(p.shape)


def jaccard_loss(
    prediction: object, target: object, *, smooth: float = 0.0, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Soft Jaccard (IoU) loss: 1 minus the soft intersection over union.

    .. math:: L = 1 - \frac{\sum p g + s}{\sum p + \sum g - \sum p g + s}

    With :math:`s = 0` this is :func:`tversky_loss` with :math:`\alpha = \beta = 1`; with hard masks it is
    ``1 - sklearn.metrics.jaccard_score``. Keras ``IoU`` is a metric (thresholded, not differentiable); its
    differentiable relative is this soft form.

    Args:
        prediction: predicted probabilities in [0, 1], shape (N, ...) or (P,).
        target: target mask in [0, 1], the same shape.
        smooth: :math:`s \ge 0` added to numerator and denominator.
        reduction: "none" (one loss per example), "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``prediction``.

    References:
        Jaccard, P. (1912). The distribution of the flora in the alpine zone. *New Phytologist* 11(2);
        Rahman, M. A. and Wang, Y. (2016). Optimizing intersection-over-union in deep neural networks for image
        segmentation. *ISVC*.

    >>> round(float(jaccard_loss([1.0, 1.0, 0.0, 0.0], [1.0, 0.0, 1.0, 0.0])), 4)  # 1 - 1 / 3
    0.6667
    """
    p, p2, g2, s, reduction, single = _masks(prediction, target, smooth, reduction)
    num, den = _tversky_parts(p2, g2, 1.0, 1.0, s)
    return apply_reduction((1 - _ratio(num, den, "the Jaccard index")).astype(p.dtype), reduction, single)


def jaccard_loss_grad(
    prediction: object, target: object, *, smooth: float = 0.0, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`jaccard_loss`: :math:`-(g D - N (1 - g)) / D^2` with :math:`N = \sum pg + s`.

    >>> jaccard_loss_grad([1.0, 0.0], [1.0, 1.0], reduction="sum")  # N = 1, D = 2, dD/dp = 0: -2 / 4
    array([-0.5, -0.5])
    """
    p, p2, g2, s, reduction, single = _masks(prediction, target, smooth, reduction)
    return _tversky_grad(p, p2, g2, 1.0, 1.0, s, reduction, single, "the Jaccard index")
