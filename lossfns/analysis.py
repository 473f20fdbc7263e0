"""Small computations the book's plots and chapters need on top of the losses: a score swept along a range.

Nothing here defines a new loss. :func:`vary_score` builds the score vectors, and :func:`loss_curves` hands them
to :func:`lossfns.svm_loss` and :func:`lossfns.softmax_cross_entropy`, so a curve is always the library's loss.
"""

from __future__ import annotations

import numpy as np

from ._softmax import softmax_cross_entropy
from ._svm import check_margin, svm_loss
from ._validation import as_float_array, check_finite, check_labels, check_scores

__all__ = ["loss_curves", "vary_score"]


def _check_class(value: object, num_classes: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer class index, got {value!r}")
    if not 0 <= int(value) < num_classes:
        raise ValueError(
            f"{name} must be in [0, {num_classes - 1}] for {num_classes} classes, got {int(value)}; "
            "it indexes the entries of scores"
        )
    return int(value)


def vary_score(scores: object, moving_class: int, values: object) -> np.ndarray:
    r"""Copies of one example's scores in which the score of ``moving_class`` takes each of ``values``.

    Row k is :math:`s` with :math:`s_{m}` replaced by ``values[k]``; the other scores are unchanged.

    Args:
        scores: one example's class scores, shape (C,).
        moving_class: index m of the score that moves.
        values: the values :math:`s_m` takes, shape (K,).

    Returns:
        Array of shape (K, C), in the float dtype of ``scores``.

    >>> vary_score([3.2, 5.1, -1.7], 1, [0.0, 1.0])
    array([[ 3.2,  0. , -1.7],
           [ 3.2,  1. , -1.7]])
    """
    s, was_1d = check_scores(scores)
    if not was_1d:
        raise ValueError(f"scores must be one example of shape (C,), got shape {np.shape(scores)}; pass scores[i]")
    m = _check_class(moving_class, s.shape[1], "moving_class")
    v = as_float_array(values, "values")
    if v.ndim != 1 or v.size == 0:
        raise ValueError(f"values must be a non-empty 1-D array, got shape {v.shape}; e.g. np.linspace(-5, 5, 201)")
    check_finite(v, "values")
    out = np.repeat(s, v.size, axis=0)
    out[:, m] = v
    return out


def loss_curves(
    scores: object, label: int, moving_class: int, values: object, *, margin: float = 1.0
) -> dict[str, np.ndarray]:
    r"""The SVM and cross-entropy losses of one example as the score of ``moving_class`` sweeps ``values``.

    .. math::
        \text{svm}[k] = \sum_{j \ne y} \max(0, s^{(k)}_j - s^{(k)}_y + \Delta), \qquad
        \text{softmax}[k] = -\log \operatorname{softmax}(s^{(k)})_y

    with :math:`s^{(k)}` = ``vary_score(scores, moving_class, values)[k]``.

    Args:
        scores: one example's class scores, shape (C,).
        label: its true class y.
        moving_class: the class whose score moves (usually a wrong class, m != y).
        values: the values of :math:`s_m`, shape (K,).
        margin: the SVM margin :math:`\Delta`.

    Returns:
        ``{"svm": array (K,), "softmax": array (K,)}``.

    >>> curves = loss_curves([3.2, 5.1, -1.7], 0, 1, [5.1, -10.0])  # the cat image, the car score moving
    >>> np.round(curves["svm"], 4), np.round(curves["softmax"], 4)
    (array([2.9, 0. ]), array([2.0404, 0.0074]))
    """
    rows = vary_score(scores, moving_class, values)
    y = check_labels(label, 1, rows.shape[1], True)[0]
    check_margin(margin)
    labels = np.full(rows.shape[0], y)
    return {
        "svm": svm_loss(rows, labels, margin=margin, reduction="none"),
        "softmax": softmax_cross_entropy(rows, labels, reduction="none"),
    }
