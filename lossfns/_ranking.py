"""Ranking and metric-learning losses: they compare scores or embeddings with each other, not with a label.

Layouts (one example per row; a single example may drop the leading N):

- pairs of scores, shape (N, 2): :func:`margin_ranking_loss`;
- pairs of embeddings, shape (N, 2, D): :func:`contrastive_loss`, :func:`cosine_embedding_loss`;
- triplets (anchor, positive, negative), shape (N, 3, D): :func:`triplet_margin_loss`;
- distances, any shape: :func:`hinge_embedding_loss`;
- two views, queries and keys of shape (N, D) or a stacked batch of shape (2N, D): :func:`info_nce_loss`,
  :func:`nt_xent_loss`.

Each ``*_grad`` is the gradient with respect to the whole first argument (every embedding of the pair or
triplet), so the geometry of the update can be drawn. At the few points where a distance is 0 the loss is not
differentiable and the gradient of that term is taken as 0.
"""

from __future__ import annotations

import numpy as np

from ._softmax import softmax_cross_entropy, softmax_cross_entropy_grad
from ._validation import (
    Reduction,
    apply_reduction,
    as_float_array,
    as_float_pair,
    check_finite,
    check_reduction,
    check_setting,
    check_signs,
    reduction_weight,
)

__all__ = [
    "contrastive_loss",
    "contrastive_loss_grad",
    "cosine_embedding_loss",
    "cosine_embedding_loss_grad",
    "hinge_embedding_loss",
    "hinge_embedding_loss_grad",
    "info_nce_loss",
    "info_nce_loss_grad",
    "margin_ranking_loss",
    "margin_ranking_loss_grad",
    "nt_xent_loss",
    "nt_xent_loss_grad",
    "triplet_margin_loss",
    "triplet_margin_loss_grad",
]


def _grouped(x: object, name: str, k: int, what: str) -> tuple[np.ndarray, bool]:
    """Validate an array of shape (N, k, D) (or (k, D) for one example); return (N, k, D) and was-single."""
    arr = as_float_array(x, name)
    if arr.ndim == 2:
        arr, single = arr[None], True
    elif arr.ndim == 3:
        single = False
    else:
        raise ValueError(f"{name} must have shape (N, {k}, D) or ({k}, D) ({what}), got shape {arr.shape}")
    if arr.shape[1] != k or arr.shape[0] == 0 or arr.shape[2] == 0:
        raise ValueError(f"{name} must have shape (N, {k}, D) or ({k}, D) ({what}), got shape {arr.shape}")
    check_finite(arr, name)
    return arr, single


def _per_example_targets(target: object, n: int, single: bool, dtype: np.dtype, name: str = "target") -> np.ndarray:
    t = as_float_array(target, name).astype(dtype, copy=False)
    if single and t.ndim == 0:
        t = t.reshape(1)
    if t.shape != (n,):
        raise ValueError(f"{name} must have shape ({n},), one label per example, got shape {t.shape}")
    check_finite(t, name)
    return t


def _finish(grad: np.ndarray, single: bool, n: int, reduction: str) -> np.ndarray:
    grad = grad * grad.dtype.type(reduction_weight(n, reduction)) + 0.0  # + 0.0 turns -0.0 into 0.0
    return grad[0] if single else grad


def _margin(margin: object, hint: str, low: float | None = 0.0) -> float:
    return check_setting(margin, "margin", low=low, hint=hint)


# ----------------------------------------------------------------------------------------------- margin ranking


def _ranking_inputs(scores: object, target: object, margin: object, reduction: object):
    reduction = check_reduction(reduction)
    s = as_float_array(scores, "scores")
    single = s.ndim == 1
    s2 = s[None] if single else s
    if s2.ndim != 2 or s2.shape[1] != 2 or s2.shape[0] == 0:
        raise ValueError(f"scores must have shape (N, 2) (the pair x1, x2) or (2,), got shape {s.shape}")
    check_finite(s2, "scores")
    y = _per_example_targets(target, s2.shape[0], single, s2.dtype)
    check_signs(y, "target")
    m = _margin(margin, "the first score should beat the second by this much when target = 1", low=None)
    terms = m - y * (s2[:, 0] - s2[:, 1])
    return s2, y, terms, reduction, single


def margin_ranking_loss(
    scores: object, target: object, *, margin: float = 0.0, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Margin ranking loss: the hinge on the difference of two scores, in the order the target says.

    .. math:: L_i = \max\bigl(0,\; -y_i (x_{i1} - x_{i2}) + \Delta\bigr), \qquad y_i \in \{-1, +1\}

    :math:`y = 1` asks for :math:`x_1 > x_2 + \Delta`, :math:`y = -1` for the opposite. PyTorch
    ``MarginRankingLoss(margin=0)`` computes the same from two arrays ``(x1, x2, y)``; here the pair is one
    array of shape (N, 2), so the gradient covers both scores.

    Args:
        scores: score pairs of shape (N, 2), or (2,) for one pair.
        target: :math:`\pm 1` of shape (N,), or one number.
        margin: :math:`\Delta` (default 0).
        reduction: "none" (shape (N,)), "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``scores``.

    References:
        Herbrich, R., Graepel, T. and Obermayer, K. (2000). Large margin rank boundaries for ordinal regression.
        *Advances in Large Margin Classifiers*, MIT Press.

    >>> margin_ranking_loss([[2.0, 1.0], [0.5, 1.5]], [1, 1], margin=0.5, reduction="none")
    array([0. , 1.5])
    """
    _, _, terms, reduction, single = _ranking_inputs(scores, target, margin, reduction)
    return apply_reduction(np.maximum(terms, 0), reduction, single)


def margin_ranking_loss_grad(
    scores: object, target: object, *, margin: float = 0.0, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Subgradient of :func:`margin_ranking_loss`: :math:`(-y_i, +y_i)` on active pairs, 0 elsewhere.

    >>> margin_ranking_loss_grad([[2.0, 1.0], [0.5, 1.5]], [1, 1], margin=0.5, reduction="sum")
    array([[ 0.,  0.],
           [-1.,  1.]])
    """
    s2, y, terms, reduction, single = _ranking_inputs(scores, target, margin, reduction)
    active = (terms > 0).astype(s2.dtype)
    grad = np.stack([-y * active, y * active], axis=1)
    return _finish(grad, single, s2.shape[0], reduction)


# ----------------------------------------------------------------------------------------------- contrastive


def _contrastive_inputs(pairs: object, target: object, margin: object, reduction: object):
    reduction = check_reduction(reduction)
    x, single = _grouped(pairs, "pairs", 2, "two embeddings per example")
    t = _per_example_targets(target, x.shape[0], single, x.dtype)
    if np.any((t != 0) & (t != 1)):
        raise ValueError(
            f"target must be 1 (similar pair) or 0 (dissimilar pair), got {float(t[(t != 0) & (t != 1)][0])!r}; "
            "note Hadsell et al. (2006) write Y = 0 for similar pairs, the opposite of this function"
        )
    m = _margin(margin, "dissimilar pairs closer than the margin are pushed apart")
    diff = x[:, 0] - x[:, 1]
    d = np.sqrt(np.sum(diff**2, axis=1))
    return x, t, m, diff, d, reduction, single


def contrastive_loss(
    pairs: object, target: object, *, margin: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Contrastive loss: pull similar pairs together, push dissimilar pairs to at least the margin apart.

    .. math:: L_i = t_i\, \tfrac12 d_i^2 + (1 - t_i)\, \tfrac12 \max(0,\; m - d_i)^2, \qquad
        d_i = \lVert x_{i1} - x_{i2} \rVert_2

    with :math:`t_i = 1` for a similar pair. Hadsell et al. write the same loss with :math:`Y = 1 - t`
    (0 for similar). PyTorch, Keras and optax have no built-in; third-party versions differ (some drop the 1/2,
    some do not square the distances).

    Args:
        pairs: embeddings of shape (N, 2, D), or (2, D) for one pair.
        target: 1 (similar) or 0 (dissimilar), shape (N,) or one number.
        margin: :math:`m \ge 0`.
        reduction: "none" (shape (N,)), "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``pairs``.

    References:
        Hadsell, R., Chopra, S. and LeCun, Y. (2006). Dimensionality reduction by learning an invariant
        mapping. *CVPR*.

    >>> contrastive_loss([[[0.0, 0.0], [0.3, 0.4]], [[0.0, 0.0], [0.3, 0.4]]], [1, 0], reduction="none")
    array([0.125, 0.125])
    """
    _, t, m, _, d, reduction, single = _contrastive_inputs(pairs, target, margin, reduction)
    losses = 0.5 * (t * d**2 + (1 - t) * np.maximum(m - d, 0) ** 2)
    return apply_reduction(losses, reduction, single)


def contrastive_loss_grad(
    pairs: object, target: object, *, margin: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`contrastive_loss` with respect to both embeddings of each pair.

    .. math:: \frac{\partial L_i}{\partial x_{i1}} = -\frac{\partial L_i}{\partial x_{i2}}
        = \Bigl(t_i - (1 - t_i) \frac{\max(0, m - d_i)}{d_i}\Bigr) (x_{i1} - x_{i2})

    (taken as 0 for a dissimilar pair at distance exactly 0, where the direction is undefined).

    >>> contrastive_loss_grad([[0.0, 0.0], [0.3, 0.4]], 1, reduction="sum")
    array([[-0.3, -0.4],
           [ 0.3,  0.4]])
    """
    x, t, m, diff, d, reduction, single = _contrastive_inputs(pairs, target, margin, reduction)
    with np.errstate(divide="ignore", invalid="ignore"):
        push = np.where(d > 0, np.maximum(m - d, 0) / np.where(d > 0, d, 1), 0)
    coef = (t - (1 - t) * push).astype(x.dtype, copy=False)
    g1 = coef[:, None] * diff
    return _finish(np.stack([g1, -g1], axis=1), single, x.shape[0], reduction)


# ----------------------------------------------------------------------------------------------- triplet


def _triplet_inputs(triplets: object, margin: object, squared: object, reduction: object):
    reduction = check_reduction(reduction)
    if not isinstance(squared, bool):
        raise TypeError(f"squared must be True or False, got {squared!r}")
    x, single = _grouped(triplets, "triplets", 3, "anchor, positive, negative")
    m = _margin(margin, "the negative should be this much farther from the anchor than the positive")
    ap = x[:, 0] - x[:, 1]
    an = x[:, 0] - x[:, 2]
    sq_ap, sq_an = np.sum(ap**2, axis=1), np.sum(an**2, axis=1)
    d_ap, d_an = (sq_ap, sq_an) if squared else (np.sqrt(sq_ap), np.sqrt(sq_an))
    return x, m, ap, an, d_ap, d_an, reduction, single


def triplet_margin_loss(
    triplets: object, *, margin: float = 1.0, squared: bool = False, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Triplet margin loss: the anchor should be closer to the positive than to the negative, by a margin.

    .. math:: L_i = \max\bigl(0,\; d(a_i, p_i) - d(a_i, n_i) + m\bigr)

    with the Euclidean distance :math:`d`, or its square when ``squared=True`` (FaceNet's form). There is no
    target: the roles are given by the position in the triplet. PyTorch ``TripletMarginLoss(margin=1.0, p=2)``
    adds ``eps=1e-6`` to the difference vectors before the norm and takes ``(anchor, positive, negative)`` as
    three arrays; optax ``triplet_margin_loss`` likewise adds an epsilon.

    Args:
        triplets: embeddings of shape (N, 3, D), rows (anchor, positive, negative); or (3, D).
        margin: :math:`m \ge 0`.
        squared: use squared Euclidean distances.
        reduction: "none" (shape (N,)), "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``triplets``.

    References:
        Schroff, F., Kalenichenko, D. and Philbin, J. (2015). FaceNet: a unified embedding for face recognition
        and clustering. *CVPR*; Weinberger, K. Q. and Saul, L. K. (2009). Distance metric learning for large
        margin nearest neighbor classification. *JMLR* 10.

    >>> float(triplet_margin_loss([[0.0, 0.0], [1.0, 0.0], [0.0, 1.5]], margin=1.0))  # 1 - 1.5 + 1
    0.5
    """
    _, m, _, _, d_ap, d_an, reduction, single = _triplet_inputs(triplets, margin, squared, reduction)
    return apply_reduction(np.maximum(d_ap - d_an + m, 0), reduction, single)


def triplet_margin_loss_grad(
    triplets: object, *, margin: float = 1.0, squared: bool = False, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`triplet_margin_loss` with respect to the anchor, positive and negative.

    For an active triplet, with unit vectors :math:`u_p = (a - p)/\lVert a - p \rVert` and
    :math:`u_n = (a - n)/\lVert a - n \rVert`: :math:`\partial L/\partial a = u_p - u_n`,
    :math:`\partial L/\partial p = -u_p`, :math:`\partial L/\partial n = u_n` (with ``squared=True``:
    :math:`2(n - p)`, :math:`-2(a - p)`, :math:`2(a - n)`). The positive is pulled toward the anchor and the
    negative pushed away.

    >>> triplet_margin_loss_grad([[0.0, 0.0], [1.0, 0.0], [0.0, 1.5]])
    array([[-1.,  1.],
           [ 1.,  0.],
           [ 0., -1.]])
    """
    x, m, ap, an, d_ap, d_an, reduction, single = _triplet_inputs(triplets, margin, squared, reduction)
    active = (d_ap - d_an + m > 0).astype(x.dtype)[:, None]
    if squared:
        gp, gn = 2 * ap, 2 * an
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            gp = np.where(d_ap[:, None] > 0, ap / np.where(d_ap > 0, d_ap, 1)[:, None], 0).astype(x.dtype)
            gn = np.where(d_an[:, None] > 0, an / np.where(d_an > 0, d_an, 1)[:, None], 0).astype(x.dtype)
    grad = np.stack([gp - gn, -gp, gn], axis=1) * active[:, :, None]
    return _finish(grad, single, x.shape[0], reduction)


# ----------------------------------------------------------------------------------------------- cosine embedding


def _unit(x: np.ndarray, name: str) -> tuple[np.ndarray, np.ndarray]:
    norms = np.sqrt(np.sum(x**2, axis=-1, keepdims=True))
    if np.any(norms == 0):
        raise ValueError(f"{name} contains a zero vector; its cosine similarity is undefined, remove it")
    return x / norms, norms


def _unit_backward(g_u: np.ndarray, u: np.ndarray, norms: np.ndarray) -> np.ndarray:
    # d(x / |x|)^T g = (g - u (u . g)) / |x|: only the part of g orthogonal to x moves the direction.
    return (g_u - u * np.sum(g_u * u, axis=-1, keepdims=True)) / norms


def _cosine_inputs(pairs: object, target: object, margin: object, reduction: object):
    reduction = check_reduction(reduction)
    x, single = _grouped(pairs, "pairs", 2, "two embeddings per example")
    y = _per_example_targets(target, x.shape[0], single, x.dtype)
    check_signs(y, "target")
    m = check_setting(
        margin, "margin", low=-1.0, high=1.0, hint="dissimilar pairs are penalised when cos > margin (default 0)"
    )
    u, norms = _unit(x, "pairs")
    cos = np.sum(u[:, 0] * u[:, 1], axis=1)
    return x, y, m, u, norms, cos, reduction, single


def cosine_embedding_loss(
    pairs: object, target: object, *, margin: float = 0.0, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Cosine embedding loss: similar pairs should point the same way, dissimilar ones not (beyond a margin).

    .. math:: L_i = \begin{cases} 1 - \cos(x_{i1}, x_{i2}) & y_i = 1 \\
        \max\bigl(0,\; \cos(x_{i1}, x_{i2}) - m\bigr) & y_i = -1 \end{cases}

    PyTorch ``CosineEmbeddingLoss(margin=0)`` (which adds a small epsilon inside the norms, so zero vectors do
    not fail; here they raise).

    Args:
        pairs: embeddings of shape (N, 2, D), or (2, D); no zero vectors.
        target: :math:`\pm 1`, shape (N,) or one number.
        margin: :math:`m \in [-1, 1]`.
        reduction: "none" (shape (N,)), "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``pairs``.

    References:
        PyTorch documentation, ``torch.nn.CosineEmbeddingLoss``.

    >>> cosine_embedding_loss([[[1.0, 0.0], [1.0, 1.0]], [[1.0, 0.0], [1.0, 1.0]]], [1, -1], reduction="none").round(4)
    array([0.2929, 0.7071])
    """
    _, y, m, _, _, cos, reduction, single = _cosine_inputs(pairs, target, margin, reduction)
    losses = np.where(y > 0, 1 - cos, np.maximum(cos - m, 0))
    return apply_reduction(losses, reduction, single)


def cosine_embedding_loss_grad(
    pairs: object, target: object, *, margin: float = 0.0, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`cosine_embedding_loss` with respect to both embeddings.

    With :math:`u_k = x_k / \lVert x_k \rVert`:
    :math:`\partial \cos / \partial x_1 = (u_2 - \cos\, u_1) / \lVert x_1 \rVert`, and symmetrically for
    :math:`x_2`; the loss multiplies this by -1 (similar pairs) or by :math:`[\cos > m]` (dissimilar).

    >>> cosine_embedding_loss_grad([[1.0, 0.0], [0.0, 1.0]], 1)
    array([[ 0., -1.],
           [-1.,  0.]])
    """
    x, y, m, u, norms, cos, reduction, single = _cosine_inputs(pairs, target, margin, reduction)
    coef = np.where(y > 0, -1.0, (cos > m).astype(x.dtype)).astype(x.dtype)
    g_u = np.stack([u[:, 1], u[:, 0]], axis=1) * coef[:, None, None]
    return _finish(_unit_backward(g_u, u, norms), single, x.shape[0], reduction)


# ----------------------------------------------------------------------------------------------- hinge embedding


def hinge_embedding_loss(
    distances: object, target: object, *, margin: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Hinge embedding loss: a distance for similar pairs, a hinge pushing dissimilar pairs past the margin.

    .. math:: \ell(x, y) = \begin{cases} x & y = 1 \\ \max(0,\; \Delta - x) & y = -1 \end{cases}

    PyTorch ``HingeEmbeddingLoss(margin=1.0)``: the input is usually a distance (for example an L1 distance)
    between two embeddings. Elementwise; "mean" averages over all entries.

    Args:
        distances: distances :math:`x`, any shape.
        target: :math:`\pm 1`, the same shape.
        margin: :math:`\Delta \ge 0`.
        reduction: "none", "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``distances``.

    References:
        PyTorch documentation, ``torch.nn.HingeEmbeddingLoss``; Hadsell, Chopra and LeCun (2006).

    >>> hinge_embedding_loss([0.3, 0.3, 2.0], [1, -1, -1], reduction="none")
    array([0.3, 0.7, 0. ])
    """
    reduction = check_reduction(reduction)
    x, y = as_float_pair(distances, target, ("distances", "target"))
    check_signs(y, "target")
    m = _margin(margin, "dissimilar pairs closer than this are penalised")
    return apply_reduction(np.where(y > 0, x, np.maximum(m - x, 0)), reduction)


def hinge_embedding_loss_grad(
    distances: object, target: object, *, margin: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Subgradient of :func:`hinge_embedding_loss`: 1 for similar pairs, :math:`-[x < \Delta]` for dissimilar.

    >>> hinge_embedding_loss_grad([0.3, 0.3, 2.0], [1, -1, -1], reduction="sum")
    array([ 1., -1.,  0.])
    """
    reduction = check_reduction(reduction)
    x, y = as_float_pair(distances, target, ("distances", "target"))
    check_signs(y, "target")
    m = _margin(margin, "dissimilar pairs closer than this are penalised")
    grad = np.where(y > 0, 1.0, np.where(x < m, -1.0, 0.0)).astype(x.dtype)
    return grad * x.dtype.type(reduction_weight(x.size, reduction))


# ----------------------------------------------------------------------------------------------- InfoNCE, NT-Xent


def _check_temperature(temperature: object) -> float:
    return check_setting(
        temperature, "temperature", low=0.0, low_open=True,
        hint="cosine similarities are divided by it; SimCLR uses 0.5, CLIP and MoCo about 0.07",
    )


def _views(x: object, name: str) -> np.ndarray:
    arr = as_float_array(x, name)
    if arr.ndim != 2 or arr.shape[0] < 2 or arr.shape[1] == 0:
        raise ValueError(
            f"{name} must have shape (N, D) with N >= 2 (the other rows are the negatives), got shape {arr.shape}"
        )
    check_finite(arr, name)
    return arr


def _info_nce_inputs(queries: object, keys: object, temperature: object, reduction: object):
    reduction = check_reduction(reduction)
    q = _views(queries, "queries")
    k = _views(keys, "keys").astype(q.dtype, copy=False)
    if k.shape != q.shape:
        raise ValueError(
            f"queries and keys must have the same shape, got {q.shape} and {k.shape}; "
            "row i of keys is the positive of row i of queries"
        )
    tau = _check_temperature(temperature)
    uq, nq = _unit(q, "queries")
    uk, _ = _unit(k, "keys")
    logits = uq @ uk.T / q.dtype.type(tau)
    return q, uq, nq, uk, tau, logits, np.arange(q.shape[0]), reduction


def info_nce_loss(
    queries: object, keys: object, *, temperature: float = 0.1, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""InfoNCE: classify each query's own key among all keys of the batch, by cosine similarity.

    .. math:: L_i = -\log \frac{\exp(\cos(q_i, k_i)/\tau)}{\sum_{j=1}^{N} \exp(\cos(q_i, k_j)/\tau)}

    That is :func:`~lossfns.softmax_cross_entropy` of the similarity matrix with labels ``0..N-1``, which is how
    it is computed. One direction only (queries to keys); CLIP averages this with the keys-to-queries direction.
    Libraries differ in the similarity (cosine here; CPC uses a bilinear score) and in the temperature.

    Args:
        queries: embeddings of shape (N, D), N >= 2, no zero rows.
        keys: embeddings of shape (N, D); row i is the positive for query i, the other rows its negatives.
        temperature: :math:`\tau > 0`.
        reduction: "none" (shape (N,)), "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``queries``.

    References:
        Oord, A. van den, Li, Y. and Vinyals, O. (2018). Representation learning with contrastive predictive
        coding. arXiv:1807.03748.

    >>> round(float(info_nce_loss([[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]], temperature=1.0)), 4)
    0.3133
    """
    *_, logits, labels, reduction = _info_nce_inputs(queries, keys, temperature, reduction)
    return softmax_cross_entropy(logits, labels, reduction=reduction)


def info_nce_loss_grad(
    queries: object, keys: object, *, temperature: float = 0.1, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`info_nce_loss` with respect to the queries (the keys are held fixed).

    With :math:`G = \operatorname{softmax}(S) - I` (the cross-entropy gradient of the similarity matrix
    :math:`S = \hat Q \hat K^\top / \tau`), :math:`\partial L / \partial \hat Q = G \hat K / \tau`, then through the
    normalisation :math:`\hat q = q / \lVert q \rVert`.

    >>> info_nce_loss_grad([[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]], temperature=1.0).round(4)
    array([[0.    , 0.1345],
           [0.1345, 0.    ]])
    """
    q, uq, nq, uk, tau, logits, labels, reduction = _info_nce_inputs(queries, keys, temperature, reduction)
    g_logits = softmax_cross_entropy_grad(logits, labels, reduction=reduction)
    g_uq = g_logits @ uk / q.dtype.type(tau)
    return _unit_backward(g_uq, uq, nq)


def _nt_xent_inputs(embeddings: object, temperature: object, reduction: object):
    reduction = check_reduction(reduction)
    z = _views(embeddings, "embeddings")
    m = z.shape[0]
    if m % 2:
        raise ValueError(
            f"embeddings must have an even number of rows 2N (two views of N examples), got {m}; "
            "stack them as np.concatenate([view1, view2])"
        )
    tau = _check_temperature(temperature)
    u, norms = _unit(z, "embeddings")
    s = u @ u.T / z.dtype.type(tau)
    s[np.diag_indices(m)] = -np.inf  # an embedding is not its own negative
    partner = (np.arange(m) + m // 2) % m
    shift = np.max(s, axis=1, keepdims=True)
    e = np.exp(s - shift)
    lse = np.log(np.sum(e, axis=1)) + shift[:, 0]
    losses = lse - s[np.arange(m), partner]
    return z, u, norms, tau, e, partner, losses, reduction


def nt_xent_loss(embeddings: object, *, temperature: float = 0.5, reduction: Reduction = "mean") -> np.ndarray | float:
    r"""NT-Xent (SimCLR): InfoNCE over a batch of 2N views, each view's positive being the other view of its example.

    .. math:: L_k = -\log \frac{\exp(\cos(z_k, z_{\pi(k)})/\tau)}{\sum_{j \ne k} \exp(\cos(z_k, z_j)/\tau)},
        \qquad \pi(k) = k + N \bmod 2N

    averaged over all 2N anchors. Rows ``i`` and ``i + N`` are the two views of example ``i``. optax ``ntxent``
    takes integer labels instead (equal labels are positives) and uses a different normaliser; PyTorch has no
    built-in.

    Args:
        embeddings: shape (2N, D), N >= 1, no zero rows: ``np.concatenate([view1, view2])``.
        temperature: :math:`\tau > 0` (SimCLR: 0.5).
        reduction: "none" (shape (2N,)), "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``embeddings``.

    References:
        Chen, T., Kornblith, S., Norouzi, M. and Hinton, G. (2020). A simple framework for contrastive learning
        of visual representations. *ICML*.

    >>> round(float(nt_xent_loss([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]], temperature=1.0)), 4)
    0.5514
    """
    *_, losses, reduction = _nt_xent_inputs(embeddings, temperature, reduction)
    return apply_reduction(losses, reduction)


def nt_xent_loss_grad(embeddings: object, *, temperature: float = 0.5, reduction: Reduction = "mean") -> np.ndarray:
    r"""Gradient of :func:`nt_xent_loss` with respect to all 2N embeddings.

    With :math:`P` the row softmax of the similarities (self excluded) and :math:`G = P - \Pi` (:math:`\Pi` the
    positive pairs), :math:`\partial L / \partial \hat Z = (G + G^\top) \hat Z / \tau`, then through the
    normalisation. Every embedding gets gradient both as an anchor and as another anchor's candidate.

    >>> nt_xent_loss_grad([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]], temperature=1.0).round(4)
    array([[0.    , 0.2119],
           [0.2119, 0.    ],
           [0.    , 0.2119],
           [0.2119, 0.    ]])
    """
    z, u, norms, tau, e, partner, _, reduction = _nt_xent_inputs(embeddings, temperature, reduction)
    m = z.shape[0]
    g = e / np.sum(e, axis=1, keepdims=True)
    g[np.arange(m), partner] -= 1
    g *= z.dtype.type(reduction_weight(m, reduction))
    g_u = (g + g.T) @ u / z.dtype.type(tau)
    return _unit_backward(g_u, u, norms)
