"""The SVM and softmax losses of a linear classifier and their gradients with respect to the weights.

The CS231n assignment 1 convention: inputs ``X`` of shape (N, D), one example per row, weights ``W`` of shape
(D, C), scores ``S = X @ W`` of shape (N, C), labels ``y`` of shape (N,), and

.. math:: L(W) = \\frac{1}{N} \\sum_i L_i(S_i, y_i) + \\lambda \\sum_{d,c} W_{dc}^2

with margin 1 for the SVM. Each loss comes twice: ``*_naive`` loops over examples and classes so a reader can
follow every term; ``*_vectorized`` has no Python loop: it takes the data loss and its gradient with respect to
the scores from :func:`lossfns.svm_loss_and_grad` / :func:`lossfns.softmax_cross_entropy_and_grad`, then applies
the chain rule :math:`\\partial L / \\partial W = X^\\top (\\partial L / \\partial S) + 2 \\lambda W`.
Both return ``(loss, dW)`` with ``dW`` of the shape of ``W``, in float32 when ``X`` and ``W`` are both float32.
"""

from __future__ import annotations

import math

import numpy as np

from ._softmax import softmax_cross_entropy_and_grad
from ._svm import svm_loss_and_grad
from ._validation import as_float_array, check_finite, check_labels

__all__ = ["softmax_loss_naive", "softmax_loss_vectorized", "svm_loss_naive", "svm_loss_vectorized"]


def _check_problem(
    W: object, X: object, y: object, reg: object, *, check_values: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Validate ``W`` (D, C), ``X`` (N, D), ``y`` (N,) and ``reg`` >= 0; bring W and X to one float dtype.

    With ``check_values=False`` the finiteness of W and X is left to :func:`_scores_checked`, which reads only
    the (N, C) scores: a NaN or inf anywhere in X or W makes some score non-finite (NaN and inf propagate through
    products and sums), so the large array X need not be read an extra time.
    """
    if isinstance(reg, bool) or not isinstance(reg, (int, float, np.integer, np.floating)):
        raise TypeError(f"reg must be a number, got {reg!r}")
    if not math.isfinite(reg) or reg < 0:
        raise ValueError(
            f"reg must be a finite number >= 0, got {float(reg)!r}; it weights the L2 penalty reg * sum(W**2)"
        )
    W = as_float_array(W, "W")
    X = as_float_array(X, "X")
    if W.ndim != 2:
        raise ValueError(f"W must have shape (D, C) (features, classes), got shape {W.shape}")
    if X.ndim != 2:
        raise ValueError(f"X must have shape (N, D) (examples, features), got shape {X.shape}; one example per row")
    if X.shape[0] == 0:
        raise ValueError(f"X is an empty batch (shape {X.shape}); pass at least one example")
    if X.shape[1] != W.shape[0]:
        raise ValueError(
            f"X has {X.shape[1]} features (shape {X.shape}) but W has {W.shape[0]} rows (shape {W.shape}); "
            "W must have shape (D, C) with D = X.shape[1]"
        )
    if W.shape[1] < 2:
        raise ValueError(f"W must have at least 2 classes (columns), got shape {W.shape}")
    if check_values:
        check_finite(W, "W")
        check_finite(X, "X")
    dtype = np.result_type(W, X)
    if np.ndim(y) == 1 and np.shape(y)[0] != X.shape[0]:
        raise ValueError(f"y has {np.shape(y)[0]} entries but X has {X.shape[0]} rows; pass one label per example")
    y = check_labels(y, X.shape[0], W.shape[1], was_1d=False, name="y")
    return W.astype(dtype, copy=False), X.astype(dtype, copy=False), y, float(reg)


def _scores(X: np.ndarray, W: np.ndarray) -> np.ndarray:
    """``S = X @ W``, formed as ``(W.T @ X.T).T``: the same product, which OpenBLAS computes faster when C is small."""
    return np.ascontiguousarray((W.T @ X.T).T)


def _scores_checked(X: np.ndarray, W: np.ndarray) -> np.ndarray:
    """``X @ W``, raising the message that names X or W if either holds a NaN or inf (see :func:`_check_problem`)."""
    with np.errstate(over="ignore", invalid="ignore"):  # a non-finite product is reported below, by name
        S = _scores(X, W)
        if np.isfinite(np.sum(S)):
            return S
    check_finite(W, "W")
    check_finite(X, "X")
    check_finite(S, "the scores X @ W")  # finite inputs whose product overflows
    return S  # pragma: no cover - the sum overflowed but every score is finite


def _chain_rule(X: np.ndarray, dS: np.ndarray, W: np.ndarray, reg: float) -> np.ndarray:
    """``X.T @ dS + 2 reg W``; the product is formed as ``(dS.T @ X).T``, which reads X row by row (faster)."""
    dW = np.ascontiguousarray((dS.T @ X).T)
    dW += (2 * reg) * W
    return dW


def svm_loss_naive(W: object, X: object, y: object, reg: float) -> tuple[float, np.ndarray]:
    r"""Multiclass SVM loss (Weston-Watkins, margin 1) of a linear classifier, with explicit loops.

    .. math:: L = \frac{1}{N} \sum_i \sum_{j \ne y_i} \max(0, x_i^\top w_j - x_i^\top w_{y_i} + 1)
        + \lambda \lVert W \rVert^2

    A violated margin :math:`(i, j)` adds :math:`x_i` to column :math:`j` of the gradient and subtracts it from
    column :math:`y_i`.

    Args:
        W: weights of shape (D, C).
        X: inputs of shape (N, D), one example per row.
        y: integer labels of shape (N,), each in [0, C).
        reg: L2 regularization strength :math:`\lambda \ge 0`.

    Returns:
        ``(loss, dW)``: the loss (a float) and its gradient with respect to ``W``, of the shape of ``W``.

    References:
        CS231n, assignment 1, ``linear_svm.py``; notes "Linear classification" and "Optimization".

    >>> W = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])  # identity: scores = X
    >>> loss, dW = svm_loss_naive(W, [[3.2, 5.1, -1.7]], [0], reg=0.0)  # the cat image's scores
    >>> round(loss, 4)
    2.9
    """
    W, X, y, reg = _check_problem(W, X, y, reg)
    num_examples, num_classes = X.shape[0], W.shape[1]
    loss = 0.0
    dW = np.zeros_like(W)
    for i in range(num_examples):
        with np.errstate(over="ignore", invalid="ignore"):  # reported by the check below
            scores = X[i] @ W  # the C class scores of example i
        check_finite(scores, "the scores X @ W")  # finite X and W can still overflow
        correct = scores[y[i]]
        for j in range(num_classes):
            if j == y[i]:
                continue
            margin = scores[j] - correct + 1.0
            if margin > 0:
                loss += margin
                dW[:, j] += X[i]
                dW[:, y[i]] -= X[i]
    loss /= num_examples
    dW /= num_examples
    loss += reg * np.sum(W * W)
    dW += 2 * reg * W
    return float(loss), dW


def svm_loss_vectorized(W: object, X: object, y: object, reg: float) -> tuple[float, np.ndarray]:
    r"""Same as :func:`svm_loss_naive` without Python loops: :func:`lossfns.svm_loss_and_grad` on ``X @ W``.

    .. math:: \frac{\partial L}{\partial W} = X^\top \frac{\partial L}{\partial S} + 2 \lambda W

    >>> rng = np.random.default_rng(0)
    >>> W, X, y = rng.normal(size=(4, 3)), rng.normal(size=(5, 4)), np.array([0, 1, 2, 0, 1])
    >>> (l1, g1), (l2, g2) = svm_loss_naive(W, X, y, 0.1), svm_loss_vectorized(W, X, y, 0.1)
    >>> bool(np.isclose(l1, l2) and np.allclose(g1, g2))
    True
    """
    W, X, y, reg = _check_problem(W, X, y, reg, check_values=False)
    data_loss, dS = svm_loss_and_grad(_scores_checked(X, W), y, margin=1.0, reduction="mean")
    dW = _chain_rule(X, dS, W, reg)
    return float(data_loss + reg * np.sum(W * W)), dW


def softmax_loss_naive(W: object, X: object, y: object, reg: float) -> tuple[float, np.ndarray]:
    r"""Softmax cross-entropy loss of a linear classifier, with explicit loops.

    .. math:: L = \frac{1}{N} \sum_i \Bigl(-\log \frac{e^{s_{i y_i}}}{\sum_j e^{s_{ij}}}\Bigr)
        + \lambda \lVert W \rVert^2, \qquad s_{ij} = x_i^\top w_j

    Column :math:`j` of the gradient collects :math:`(p_{ij} - [j = y_i])\, x_i`. The scores are shifted by their
    maximum before ``exp`` so nothing overflows.

    Args:
        W: weights of shape (D, C).
        X: inputs of shape (N, D), one example per row.
        y: integer labels of shape (N,), each in [0, C).
        reg: L2 regularization strength :math:`\lambda \ge 0`.

    Returns:
        ``(loss, dW)``: the loss (a float) and its gradient with respect to ``W``, of the shape of ``W``.

    References:
        CS231n, assignment 1, ``softmax.py``; notes "Linear classification".

    >>> W = np.eye(3)  # scores = X
    >>> loss, dW = softmax_loss_naive(W, [[3.2, 5.1, -1.7]], [0], reg=0.0)  # the cat image
    >>> round(loss, 4)
    2.0404
    """
    W, X, y, reg = _check_problem(W, X, y, reg)
    num_examples, num_classes = X.shape[0], W.shape[1]
    loss = 0.0
    dW = np.zeros_like(W)
    for i in range(num_examples):
        with np.errstate(over="ignore", invalid="ignore"):  # reported by the check below
            scores = X[i] @ W
        check_finite(scores, "the scores X @ W")  # finite X and W can still overflow
        scores = scores - np.max(scores)  # shift: the largest exponent is exp(0) = 1
        total = 0.0
        for j in range(num_classes):
            total += math.exp(scores[j])
        loss += math.log(total) - scores[y[i]]
        for j in range(num_classes):
            p = math.exp(scores[j]) / total
            dW[:, j] += (p - (j == y[i])) * X[i]
    loss /= num_examples
    dW /= num_examples
    loss += reg * np.sum(W * W)
    dW += 2 * reg * W
    return float(loss), dW


def softmax_loss_vectorized(W: object, X: object, y: object, reg: float) -> tuple[float, np.ndarray]:
    r"""Same as :func:`softmax_loss_naive` without Python loops, from :func:`lossfns.softmax_cross_entropy_and_grad`.

    .. math:: \frac{\partial L}{\partial W} = X^\top (P - Y) / N + 2 \lambda W

    >>> W = np.eye(3)
    >>> loss, dW = softmax_loss_vectorized(W, [[3.2, 5.1, -1.7]], [0], reg=0.0)
    >>> round(loss, 4)
    2.0404
    """
    W, X, y, reg = _check_problem(W, X, y, reg, check_values=False)
    data_loss, dS = softmax_cross_entropy_and_grad(_scores_checked(X, W), y, reduction="mean")
    dW = _chain_rule(X, dS, W, reg)
    return float(data_loss + reg * np.sum(W * W)), dW
