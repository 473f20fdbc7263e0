"""Softmax, log-softmax, log-sum-exp and the softmax cross-entropy loss, stable by construction.

Every function shifts the scores by their maximum before ``exp``: ``softmax(s) == softmax(s - max(s))``, and
after the shift the largest exponent is ``exp(0) = 1``, so nothing overflows and the sum is at least 1, so the
logarithm never sees 0. (The integer-label cross-entropy skips the shift, saving a pass over the array, only when
every row maximum lies in a range where ``exp`` can neither overflow nor lose the largest term.) The logarithm
of the sum is taken as ``log1p`` of the sum of the other terms, so a loss as small as 1e-48 (a confident,
correct prediction) is not rounded to 0.
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    Reduction,
    apply_reduction,
    as_float_array,
    check_finite,
    check_labels,
    check_reduction,
    check_scores,
    reduction_weight,
)

__all__ = [
    "check_label_smoothing",
    "check_temperature",
    "label_smoothed_cross_entropy",
    "label_smoothed_cross_entropy_grad",
    "log_softmax",
    "logsumexp",
    "softmax",
    "softmax_cross_entropy",
    "softmax_cross_entropy_and_grad",
    "softmax_cross_entropy_grad",
    "softmax_cross_entropy_with_probs",
    "softmax_cross_entropy_with_probs_grad",
    "softmax_cross_entropy_with_temperature",
    "softmax_cross_entropy_with_temperature_grad",
]


def _check_any_scores(scores: object, axis: int) -> np.ndarray:
    arr = as_float_array(scores, "scores")
    if arr.ndim == 0:
        raise ValueError("scores must have at least one axis, got a scalar; pass a 1-D array of class scores")
    if not -arr.ndim <= axis < arr.ndim:
        raise ValueError(f"axis must be in [{-arr.ndim}, {arr.ndim - 1}] for scores of shape {arr.shape}, got {axis}")
    if arr.shape[axis] == 0:
        raise ValueError(f"scores has no entries along axis {axis} (shape {arr.shape})")
    check_finite(arr, "scores")
    return arr


def _shift_and_log_norm(arr: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(m, arr - m, log sum exp(arr - m))`` with ``m`` the max along ``axis`` (kept as a length-1 axis).

    The sum is ``1 + rest`` (the maximum contributes exp(0) = 1); its log is ``log1p(rest)``, exact for tiny rest.
    """
    top = np.expand_dims(np.argmax(arr, axis=axis), axis)
    m = np.take_along_axis(arr, top, axis)
    shifted = arr - m
    e = np.exp(shifted)
    np.put_along_axis(e, top, 0, axis)
    return m, shifted, np.log1p(np.sum(e, axis=axis, keepdims=True))


def logsumexp(scores: object, axis: int = -1) -> np.ndarray:
    r"""Stable :math:`\log \sum_j e^{s_j}` along ``axis``.

    .. math:: \operatorname{logsumexp}(s) = m + \log \sum_j e^{s_j - m}, \qquad m = \max_j s_j

    Args:
        scores: array of any shape with at least one axis.
        axis: the axis to reduce.

    Returns:
        Array with ``axis`` removed, in the dtype of ``scores`` (float32 stays float32).

    >>> float(logsumexp([1000.0, 1000.0]))  # naive: log(inf) = inf
    1000.6931471805599
    """
    arr = _check_any_scores(scores, axis)
    m, _, log_norm = _shift_and_log_norm(arr, axis)
    return np.squeeze(m + log_norm, axis=axis)


def log_softmax(scores: object, axis: int = -1) -> np.ndarray:
    r"""Stable log-probabilities :math:`s_j - \operatorname{logsumexp}(s)` along ``axis``.

    >>> np.round(log_softmax([0.0, 0.0]), 4)
    array([-0.6931, -0.6931])
    >>> float(log_softmax([10.0, -100.0, -100.0])[0])  # -log1p(2 e^-110); a plain log(sum) gives 0.0
    -3.377823760449065e-48
    """
    arr = _check_any_scores(scores, axis)
    _, shifted, log_norm = _shift_and_log_norm(arr, axis)
    return shifted - log_norm


def softmax(scores: object, axis: int = -1) -> np.ndarray:
    r"""Softmax probabilities :math:`p_j = e^{s_j} / \sum_k e^{s_k}` along ``axis``, computed after a max-shift.

    Args:
        scores: array of any shape with at least one axis.
        axis: the axis along which probabilities sum to 1.

    Returns:
        Array of the shape and float dtype of ``scores``.

    >>> from lossfns.example import SCORES
    >>> np.round(softmax(SCORES[0]), 3)  # the cat image
    array([0.13 , 0.869, 0.001])
    >>> np.round(softmax([123.0, 456.0, 789.0]), 3)  # the naive formula gives nan here
    array([0., 0., 1.])
    """
    arr = _check_any_scores(scores, axis)
    e = np.exp(arr - np.max(arr, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


#: Row maxima in [low, high] let the cross-entropy skip the max-shift: exp(high) times any C stays finite, and
#: exp(low) is far above the smallest normal number (float32 ~1e-38, float64 ~1e-308).
_UNSHIFTED_RANGE = {np.float32: (-20.0, 60.0), np.float64: (-300.0, 600.0)}


def _shift(s: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For scores (N, C): ``(s - m, m, top)``, m the row maxima (N, 1) at columns ``top`` (N,); a new array."""
    top = np.argmax(s, axis=1)
    m = s[np.arange(s.shape[0]), top][:, None]
    return np.subtract(s, m), m, top


def _exp_in_place(e: np.ndarray, top: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Exponentiate the shifted scores ``e`` in place; return the row sums z (N, 1) and log z (N,).

    log z = log1p(sum of the terms other than the maximum's exp(0) = 1): exact even when that sum is 1e-48.
    """
    rows = np.arange(e.shape[0])
    np.exp(e, out=e)
    e[rows, top] = 0
    rest = np.sum(e, axis=1)
    e[rows, top] = 1
    return (rest + 1)[:, None], np.log1p(rest)


def _ce_forward(scores: object, labels: object, reduction: object):
    reduction = check_reduction(reduction)
    s, was_1d = check_scores(scores)
    n, c = s.shape
    y = check_labels(labels, n, c, was_1d)
    rows = np.arange(n)
    top = np.argmax(s, axis=1)
    m = s[rows, top][:, None]
    low, high = _UNSHIFTED_RANGE[s.dtype.type]
    if low <= m.min() and m.max() <= high:
        # Every row maximum is in a range where exp cannot overflow and the largest term of each row is a normal
        # number, so exp(s) directly gives the same probabilities as exp(s - m): one pass over the array less.
        e = np.exp(s)
    else:
        e = np.subtract(s, m)
        np.exp(e, out=e)
    # log z_i = m_i + log(1 + rest_i / e_top), rest = the sum of the terms other than the row maximum's, so a
    # loss as small as 1e-48 is not rounded away.
    e_top = e[rows, top]
    e[rows, top] = 0
    rest = np.sum(e, axis=1)
    e[rows, top] = e_top
    z = (rest + e_top)[:, None]
    log_norm = np.log1p(rest / e_top)  # logsumexp(s_i) - m_i, in [0, log C]
    # L_i = logsumexp(s_i) - s_{i, y_i} = (m_i - s_{i, y_i}) + log_norm_i.
    losses = (m[:, 0] - s[rows, y]) + log_norm
    return s, y, e, z, m, log_norm, losses, reduction, was_1d


def _ce_grad_from(s, y, e, z, reduction, was_1d, eps: float = 0.0):
    """softmax(s) - target, target = (1 - eps) onehot(y) + eps / C; overwrites ``e`` (a private temporary)."""
    n, c = s.shape
    weight = reduction_weight(n, reduction)
    # (p - target) * weight, with the weight folded into the normalisation: one pass over the array.
    grad = np.multiply(e, (weight / z).astype(s.dtype, copy=False), out=e)
    if eps:
        grad -= s.dtype.type(weight * eps / c)
    grad[np.arange(n), y] -= s.dtype.type(weight * (1.0 - eps))
    return grad[0] if was_1d else grad


def softmax_cross_entropy(scores: object, labels: object, *, reduction: Reduction = "mean") -> np.ndarray | float:
    r"""Softmax cross-entropy with integer labels: the negative log-probability of the true class.

    .. math:: L_i = -\log \frac{e^{s_{y_i}}}{\sum_j e^{s_j}} = \operatorname{logsumexp}(s_i) - s_{i, y_i}

    computed as the right-hand side (never as ``-log(softmax(s))``, which underflows to ``-log 0``).
    The logarithm is natural (nats), as in PyTorch, Keras and optax.

    Args:
        scores: class scores (logits) of shape (N, C), or (C,) for one example.
        labels: integer true classes of shape (N,), or one integer.
        reduction: "none" returns the per-example losses of shape (N,) (a scalar for one example);
            "mean" (default) and "sum" reduce over examples.

    Returns:
        The loss, in the float dtype of ``scores``.

    References:
        Goodfellow, Bengio and Courville (2016), *Deep Learning*, section 6.2.2.3; CS231n notes, "Linear
        classification".

    >>> from lossfns.example import SCORES, LABELS
    >>> round(float(softmax_cross_entropy(SCORES[0], 0)), 4)  # the cat image
    2.0404
    >>> np.round(softmax_cross_entropy(SCORES, LABELS, reduction="none"), 4)
    array([2.0404, 0.0791, 6.1565])
    """
    s, y, e, z, _, _, losses, reduction, was_1d = _ce_forward(scores, labels, reduction)
    return apply_reduction(losses, reduction, was_1d)


def softmax_cross_entropy_grad(scores: object, labels: object, *, reduction: Reduction = "mean") -> np.ndarray:
    r"""Gradient of :func:`softmax_cross_entropy` with respect to ``scores``: ``softmax(s) - onehot(y)``.

    .. math:: \frac{\partial L_i}{\partial s_{ij}} = p_{ij} - [j = y_i]

    scaled by 1/N under ``reduction="mean"``. Same arguments as :func:`softmax_cross_entropy`; the result has the
    shape and dtype of ``scores``. With ``reduction="none"`` row i is the gradient of L_i.

    >>> np.round(softmax_cross_entropy_grad([3.2, 5.1, -1.7], 0), 3)
    array([-0.87 ,  0.869,  0.001])
    """
    s, y, e, z, _, _, _, reduction, was_1d = _ce_forward(scores, labels, reduction)
    return _ce_grad_from(s, y, e, z, reduction, was_1d)


def softmax_cross_entropy_and_grad(
    scores: object, labels: object, *, reduction: Reduction = "mean"
) -> tuple[np.ndarray | float, np.ndarray]:
    """``(softmax_cross_entropy(...), softmax_cross_entropy_grad(...))`` in one pass, sharing ``exp(s - max s)``.

    >>> loss, grad = softmax_cross_entropy_and_grad([0.0, 0.0, 0.0], 1)
    >>> round(float(loss), 4), np.round(grad, 4)  # ln 3, and p - onehot
    (1.0986, array([ 0.3333, -0.6667,  0.3333]))
    """
    s, y, e, z, _, _, losses, reduction, was_1d = _ce_forward(scores, labels, reduction)
    return apply_reduction(losses, reduction, was_1d), _ce_grad_from(s, y, e, z, reduction, was_1d)


def check_temperature(temperature: object) -> float:
    """Validate a softmax temperature: a finite number > 0."""
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float, np.integer, np.floating)):
        raise TypeError(f"temperature must be a number, got {temperature!r}")
    if not np.isfinite(temperature) or temperature <= 0:
        raise ValueError(
            f"temperature must be a finite number > 0, got {float(temperature)!r}; T < 1 sharpens the softmax, "
            "T > 1 flattens it, T = 1 is plain cross-entropy"
        )
    return float(temperature)


def _scaled(scores: object, temperature: object) -> np.ndarray:
    t = check_temperature(temperature)
    check_scores(scores)  # NaN, shape and empty-batch errors name the scores before they are divided
    s = as_float_array(scores, "scores")
    with np.errstate(over="ignore", divide="ignore"):  # an overflow is reported below, with the fix
        scaled = s / s.dtype.type(t)
    if not np.all(np.isfinite(scaled)):
        raise ValueError(
            f"scores / temperature overflows {s.dtype} for temperature={float(temperature)!r}; "
            "use a larger temperature or smaller scores"
        )
    return scaled


def softmax_cross_entropy_with_temperature(
    scores: object, labels: object, *, temperature: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Cross-entropy of the tempered softmax :math:`p = \operatorname{softmax}(s / T)`.

    .. math:: L_i = \operatorname{logsumexp}(s_i / T) - s_{i, y_i} / T

    ``T = 1`` is :func:`softmax_cross_entropy`; ``T < 1`` sharpens the distribution, ``T > 1`` flattens it
    (Hinton, Vinyals and Dean (2015), "Distilling the knowledge in a neural network").

    >>> round(float(softmax_cross_entropy_with_temperature([3.2, 5.1, -1.7], 0, temperature=1.0)), 4)
    2.0404
    """
    return softmax_cross_entropy(_scaled(scores, temperature), labels, reduction=reduction)


def softmax_cross_entropy_with_temperature_grad(
    scores: object, labels: object, *, temperature: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`softmax_cross_entropy_with_temperature` with respect to ``scores``.

    By the chain rule through :math:`s / T`: :math:`(\operatorname{softmax}(s/T) - \operatorname{onehot}(y)) / T`.
    """
    t = check_temperature(temperature)
    g = softmax_cross_entropy_grad(_scaled(scores, t), labels, reduction=reduction)
    return g / g.dtype.type(t)


# --- Variants: label smoothing and probability targets ---------------------------------------------------------


def check_label_smoothing(eps: object) -> float:
    """Validate a label-smoothing weight: a number in [0, 1)."""
    if isinstance(eps, bool) or not isinstance(eps, (int, float, np.integer, np.floating)):
        raise TypeError(f"eps must be a number, got {eps!r}")
    if not np.isfinite(eps) or not 0 <= eps < 1:
        raise ValueError(
            f"eps must be in [0, 1), got {float(eps)!r}; it is the probability mass spread evenly over the classes "
            "(0 is plain cross-entropy, 0.1 is the usual choice)"
        )
    return float(eps)


def _smoothed_forward(scores: object, labels: object, eps: object, reduction: object):
    eps = check_label_smoothing(eps)
    s, y, e, z, m, log_norm, losses, reduction, was_1d = _ce_forward(scores, labels, reduction)
    if eps:
        # L_i = (1 - eps) CE_i + eps (logsumexp(s_i) - mean_j s_ij), the second term relative to the row max.
        uniform = log_norm - (np.mean(s, axis=1) - m[:, 0])
        losses = (1 - eps) * losses + eps * uniform
    return s, y, e, z, losses.astype(s.dtype, copy=False), eps, reduction, was_1d


def label_smoothed_cross_entropy(
    scores: object, labels: object, *, eps: float = 0.1, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Softmax cross-entropy against smoothed labels :math:`q = (1 - \varepsilon)\,\mathrm{onehot}(y) + \varepsilon/C`.

    .. math:: L_i = -\sum_j q_{ij} \log p_{ij}
        = (1 - \varepsilon)\bigl(\operatorname{logsumexp}(s_i) - s_{i, y_i}\bigr)
        + \varepsilon \bigl(\operatorname{logsumexp}(s_i) - \tfrac{1}{C} \textstyle\sum_j s_{ij}\bigr)

    The definition of PyTorch ``CrossEntropyLoss(label_smoothing=eps)`` and optax ``smooth_labels``. Unlike plain
    cross-entropy it has a minimum above zero: the model is discouraged from infinitely confident scores.

    Args:
        scores: class scores (logits) of shape (N, C), or (C,) for one example.
        labels: integer true classes of shape (N,), or one integer.
        eps: smoothing weight :math:`\varepsilon \in [0, 1)`; 0 is :func:`softmax_cross_entropy`.
        reduction: "none" (per-example losses, shape (N,)), "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``scores``.

    References:
        Szegedy, C. et al. (2016). Rethinking the Inception architecture for computer vision. CVPR.

    >>> round(float(label_smoothed_cross_entropy([0.0, 0.0, 0.0], 1, eps=0.1)), 4)  # ln 3 for any eps
    1.0986
    >>> round(float(label_smoothed_cross_entropy([3.2, 5.1, -1.7], 0, eps=0.0)), 4)  # the cat image, plain CE
    2.0404
    """
    *_, losses, _, reduction, was_1d = _smoothed_forward(scores, labels, eps, reduction)
    return apply_reduction(losses, reduction, was_1d)


def label_smoothed_cross_entropy_grad(
    scores: object, labels: object, *, eps: float = 0.1, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`label_smoothed_cross_entropy` with respect to ``scores``: ``softmax(s) - q``.

    .. math:: \frac{\partial L_i}{\partial s_{ij}} = p_{ij} - (1 - \varepsilon)[j = y_i] - \varepsilon / C

    scaled by 1/N under ``reduction="mean"``.

    >>> np.round(label_smoothed_cross_entropy_grad([0.0, 0.0], 0, eps=0.2), 4)  # p = 0.5; q = 0.9, 0.1
    array([-0.4,  0.4])
    """
    s, y, e, z, _, eps, reduction, was_1d = _smoothed_forward(scores, labels, eps, reduction)
    return _ce_grad_from(s, y, e, z, reduction, was_1d, eps=eps)


def _check_targets(targets: object, s: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    t = as_float_array(targets, "targets")
    if t.shape != shape:
        raise ValueError(
            f"targets must have the shape of scores {shape}, got shape {t.shape}; "
            "pass one probability distribution over the classes per example"
        )
    t = t.reshape(s.shape).astype(s.dtype, copy=False)
    check_finite(t, "targets")
    if np.any(t < 0):
        raise ValueError(
            f"targets must be non-negative probabilities, got {float(t[t < 0][0])!r}; "
            "for integer class labels use softmax_cross_entropy"
        )
    sums = np.sum(t, axis=1)
    tol = 1e-4 if s.dtype == np.float32 else 1e-6
    bad = np.abs(sums - 1) > tol
    if np.any(bad):
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"targets rows must sum to 1, but row {i} sums to {float(sums[i])!r}; "
            "normalise them, e.g. targets / targets.sum(axis=-1, keepdims=True)"
        )
    return t


def _probs_forward(scores: object, targets: object, reduction: object):
    reduction = check_reduction(reduction)
    shape = np.shape(scores)
    s, was_1d = check_scores(scores)
    t = _check_targets(targets, s, shape)
    e, _, top = _shift(s)
    # -sum_j t_j log p_j = sum_j t_j (log z - shifted_j), on the shifted scores: no log of a probability.
    dot = np.einsum("ij,ij->i", t, e)
    z, log_z = _exp_in_place(e, top)
    tsum = np.sum(t, axis=1)
    losses = log_z * tsum - dot
    return s, t, e, z, tsum, losses, reduction, was_1d


def softmax_cross_entropy_with_probs(
    scores: object, targets: object, *, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Softmax cross-entropy against probability targets (soft labels).

    .. math:: L_i = -\sum_j t_{ij} \log p_{ij} = \operatorname{logsumexp}(s_i) - \sum_j t_{ij} s_{ij}

    With one-hot targets it equals :func:`softmax_cross_entropy`; this is optax ``softmax_cross_entropy`` and
    PyTorch ``cross_entropy`` with class-probability targets.

    Args:
        scores: class scores (logits) of shape (N, C), or (C,) for one example.
        targets: probabilities of the shape of ``scores``; every row non-negative and summing to 1.
        reduction: "none" (per-example losses, shape (N,)), "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``scores``.

    >>> round(float(softmax_cross_entropy_with_probs([3.2, 5.1, -1.7], [1.0, 0.0, 0.0])), 4)  # the cat image
    2.0404
    >>> round(float(softmax_cross_entropy_with_probs([0.0, 0.0], [0.5, 0.5])), 4)  # ln 2
    0.6931
    """
    *_, losses, reduction, was_1d = _probs_forward(scores, targets, reduction)
    return apply_reduction(losses, reduction, was_1d)


def softmax_cross_entropy_with_probs_grad(
    scores: object, targets: object, *, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`softmax_cross_entropy_with_probs` with respect to ``scores``: ``softmax(s) - t``.

    .. math:: \frac{\partial L_i}{\partial s_{ij}} = p_{ij} - t_{ij}

    (exactly :math:`p_{ij} \sum_k t_{ik} - t_{ij}`, which is the same when rows sum to 1), scaled by 1/N under
    ``reduction="mean"``.

    >>> np.round(softmax_cross_entropy_with_probs_grad([0.0, 0.0], [0.9, 0.1]), 4)
    array([-0.4,  0.4])
    """
    s, t, e, z, tsum, _, reduction, was_1d = _probs_forward(scores, targets, reduction)
    grad = np.divide(e, z, out=e)
    grad *= tsum[:, None]
    grad -= t
    weight = reduction_weight(s.shape[0], reduction)
    if weight != 1.0:
        grad *= s.dtype.type(weight)
    return grad[0] if was_1d else grad
