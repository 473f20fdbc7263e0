"""What the chapters show on top of the losses: a score swept along a range, and term-by-term tables.

Nothing here defines a new loss. :func:`vary_score` builds the score vectors, and :func:`loss_curves` hands them
to :func:`lossfns.svm_loss` and :func:`lossfns.softmax_cross_entropy`, so a curve is always the library's loss.
The ``*_table`` functions lay out :func:`lossfns.svm_margins`, :func:`lossfns.softmax` and the losses as
:class:`lossfns.display.Table` objects, which print as text (nbval compares it) and render as HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from . import example
from ._softmax import log_softmax, softmax, softmax_cross_entropy
from ._svm import check_margin, svm_loss, svm_margins
from ._validation import as_float_array, check_finite, check_labels, check_scores
from .display import Table

__all__ = ["loss_curves", "loss_table", "softmax_table", "svm_term_table", "vary_score"]


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


def _one_example(scores: object, label: object, classes: Sequence[str]) -> tuple[np.ndarray, int]:
    s, was_1d = check_scores(scores)
    if not was_1d:
        raise ValueError(f"scores must be one example of shape (C,), got shape {np.shape(scores)}; pass scores[i]")
    y = int(check_labels(label, 1, s.shape[1], True)[0])
    if len(classes) != s.shape[1]:
        raise ValueError(f"classes has {len(classes)} names but scores has {s.shape[1]} entries; pass one per class")
    return s[0], y


def svm_term_table(
    scores: object,
    label: int,
    *,
    margin: float = 1.0,
    classes: Sequence[str] = example.CLASSES,
    image: str = "one image",
) -> Table:
    r"""The SVM loss of one image term by term: :math:`s_j`, :math:`s_j - s_{y} + \Delta`, and its hinge.

    The true class's row has no term (the sum skips :math:`j = y`); the last row is the sum, :math:`L_i`.

    >>> svm_term_table([2.2, 2.5, -3.1], 2, image="frog image")
    SVM loss of the frog image, term by term (margin 1.00; true class frog in bold)
    class j            s_j  s_j - s_y + margin  max(0, .)
    -------------  -------  ------------------  ---------
    cat               2.20                6.30       6.30
    car               2.50                6.60       6.60
    frog           *-3.10*          true class          -
    L_i (the sum)                                   12.90
    """
    s, y = _one_example(scores, label, classes)
    delta = check_margin(margin)
    terms = svm_margins(s, y, margin=delta)
    rows: list[list[object]] = []
    for j, name in enumerate(classes):
        if j == y:
            rows.append([name, s[j], "true class", "-"])
        else:
            rows.append([name, s[j], s[j] - s[y] + delta, terms[j]])
    rows.append(["L_i (the sum)", "", "", float(svm_loss(s, y, margin=delta))])
    return Table(
        caption=f"SVM loss of the {image}, term by term (margin {delta:.2f}; true class {classes[y]} in bold)",
        columns=["class j", "s_j", "s_j - s_y + margin", "max(0, .)"],
        rows=rows,
        highlight=frozenset({(y, 1)}),
    )


def softmax_table(
    scores: object,
    label: int,
    *,
    classes: Sequence[str] = example.CLASSES,
    image: str = "one image",
    digits: int = 2,
) -> Table:
    r"""Softmax cross-entropy of one image step by step: :math:`s_j`, :math:`e^{s_j}`, :math:`p_j`, :math:`-\ln p_j`.

    The last row holds the sums (the normalizer :math:`\sum_k e^{s_k}` and :math:`\sum_j p_j = 1`); the loss is
    :math:`-\ln p_y`, the true class's entry in the last column, repeated in the caption.

    >>> softmax_table([3.2, 5.1, -1.7], 0, image="cat image")
    Softmax cross-entropy of the cat image: loss -ln p_cat = 2.04
    class j     s_j  exp(s_j)   p_j  -ln p_j
    -------  ------  --------  ----  -------
    cat      *3.20*     24.53  0.13     2.04
    car        5.10    164.02  0.87     0.14
    frog      -1.70      0.18  0.00     6.94
    sum                188.74  1.00
    """
    s, y = _one_example(scores, label, classes)
    # exp(s_j) is the first step as the lecture shows it, unshifted; p and -ln p come from the stable functions.
    e = np.exp(s)
    p = softmax(s)
    nll = -log_softmax(s)
    rows: list[list[object]] = [[name, s[j], e[j], p[j], nll[j]] for j, name in enumerate(classes)]
    rows.append(["sum", "", float(e.sum()), float(p.sum()), ""])
    loss = float(softmax_cross_entropy(s, y))
    return Table(
        caption=f"Softmax cross-entropy of the {image}: loss -ln p_{classes[y]} = {loss:.{digits}f}",
        columns=["class j", "s_j", "exp(s_j)", "p_j", "-ln p_j"],
        rows=rows,
        highlight=frozenset({(y, 1)}),
        digits=digits,
    )


def loss_table(
    scores: object = example.SCORES,
    labels: object = example.LABELS,
    *,
    margin: float = 1.0,
    names: Sequence[str] = example.IMAGES,
    fmt: str = ".4f",
    caption: str = "Both losses on the same scores (SVM margin {margin:.2f})",
) -> Table:
    """Both losses per example, side by side, with their means in the last row.

    Args:
        scores: shape (N, C).
        labels: shape (N,).
        margin: the SVM margin.
        names: one row label per example.
        fmt: format of the losses, e.g. ".4f" or ".3g" (for losses as small as 1e-48).
        caption: the caption; ``{margin}`` is filled in.

    >>> loss_table()
    Both losses on the same scores (SVM margin 1.00)
    example     SVM loss  cross-entropy
    ----------  --------  -------------
    cat image     2.9000         2.0404
    car image     0.0000         0.0791
    frog image   12.9000         6.1565
    mean          5.2667         2.7587
    """
    delta = check_margin(margin)
    svm = svm_loss(scores, labels, margin=delta, reduction="none")
    ce = softmax_cross_entropy(scores, labels, reduction="none")
    if len(names) != len(svm):
        raise ValueError(f"names has {len(names)} entries but scores has {len(svm)} rows; pass one name per row")
    rows: list[list[object]] = [[n, format(float(a), fmt), format(float(b), fmt)] for n, a, b in zip(names, svm, ce)]
    rows.append(["mean", format(float(svm.mean()), fmt), format(float(ce.mean()), fmt)])
    return Table(caption=caption.format(margin=delta), columns=["example", "SVM loss", "cross-entropy"], rows=rows)
