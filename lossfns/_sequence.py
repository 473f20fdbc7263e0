"""Connectionist temporal classification (CTC): a loss for sequences whose alignment to the input is unknown.

A network emits, at each of T time steps, log-probabilities over C symbols, one of which is the *blank*. A path
is one symbol per time step; collapsing it (merge repeats, then drop blanks) gives a label sequence. The CTC loss is
:math:`-\\log p(\\mathbf{l} \\mid x)`, the probability of all paths that collapse to the target :math:`\\mathbf{l}`,
summed by dynamic programming over the *extended* target :math:`\\mathbf{l}'` (the target with a blank before,
between and after its symbols, length :math:`S = 2L + 1`).

Everything is computed in log space: the forward variables :math:`\\log\\alpha_t(s)` and backward variables
:math:`\\log\\beta_t(s)` are combined with ``np.logaddexp``, so sequences of thousands of steps (whose path
probabilities underflow any float) are fine. The recursions accumulate in float64 even for float32 inputs (a
float32 running sum over thousands of steps drifts by about 1e-2); results come back in the input's dtype.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from ._validation import Reduction, apply_reduction, as_float_array, check_finite, check_reduction, reduction_weight

__all__ = ["CTCLattice", "ctc_forward_backward", "ctc_loss", "ctc_loss_grad"]


class CTCLattice(NamedTuple):
    """The forward-backward quantities of one CTC sequence (what the book draws as the alignment lattice).

    Attributes:
        extended: the extended target :math:`\\mathbf{l}'` (blanks interleaved), shape (S,).
        log_alpha: forward log-probabilities :math:`\\log \\alpha_t(s)`, shape (T, S); ``-inf`` where no path
            that ends at state s at time t can still be completed.
        log_beta: backward log-probabilities :math:`\\log \\beta_t(s)`, shape (T, S), each including the emission
            at time t.
        log_likelihood: :math:`\\log p(\\mathbf{l} \\mid x)`; the loss is its negative.
        occupancy: :math:`\\gamma_t(k)`, the posterior probability that a path emits symbol k at time t,
            shape (T, C); each row sums to 1.
        state_occupancy: the posterior probability that a path is in state s of the extended target at time t,
            shape (T, S); each row sums to 1.
    """

    extended: np.ndarray
    log_alpha: np.ndarray
    log_beta: np.ndarray
    log_likelihood: float
    occupancy: np.ndarray
    state_occupancy: np.ndarray


def _check_blank(blank: object, c: int) -> int:
    if isinstance(blank, bool) or not isinstance(blank, (int, np.integer)):
        raise TypeError(f"blank must be an integer symbol index, got {blank!r}")
    if not 0 <= blank < c:
        raise ValueError(f"blank must be in [0, {c - 1}] for {c} symbols, got {blank}")
    return int(blank)


def _check_target(target: object, c: int, blank: int, t_steps: int, name: str) -> np.ndarray:
    arr = np.asarray(target)
    if arr.ndim != 1 or not (arr.size == 0 or np.issubdtype(arr.dtype, np.integer)):
        raise TypeError(f"{name} must be a 1-D sequence of integer symbols, got {arr!r}")
    arr = arr.astype(np.intp)
    bad = (arr < 0) | (arr >= c) | (arr == blank)
    if np.any(bad):
        raise ValueError(
            f"{name} symbols must be in [0, {c - 1}] and differ from blank={blank}, got {int(arr[bad][0])}; "
            "the blank is never part of a target"
        )
    needed = arr.size + int(np.sum(arr[1:] == arr[:-1]))
    if needed > t_steps:
        raise ValueError(
            f"{name} needs at least {needed} time steps (its {arr.size} symbols plus a blank between each repeated "
            f"pair), but log_probs has T={t_steps}; no path can produce it (the loss would be infinite)"
        )
    return arr


def _lattice(lp_in: np.ndarray, target: np.ndarray, blank: int) -> CTCLattice:
    # Accumulate in float64 whatever the input dtype: a float32 sum of thousands of log-probabilities drifts by
    # ~1e-2 (T = 2000), enough to make the occupancies sum to 0.99. Results are returned in the input's dtype.
    lp = lp_in.astype(np.float64, copy=False)
    t_steps, c = lp.shape
    s_len = 2 * target.size + 1
    ext = np.full(s_len, blank, dtype=np.intp)
    ext[1::2] = target
    # A path may jump from state s-2 to s (skipping a blank) unless s is a blank or repeats the symbol at s-2.
    skip = np.zeros(s_len, dtype=bool)
    skip[2:] = (ext[2:] != blank) & (ext[2:] != ext[:-2])
    emit = lp[:, ext]
    ninf = lp.dtype.type(-np.inf)
    pad1, pad2 = np.full(1, ninf, lp.dtype), np.full(2, ninf, lp.dtype)

    log_alpha = np.full((t_steps, s_len), ninf, dtype=lp.dtype)
    log_alpha[0, : min(2, s_len)] = emit[0, : min(2, s_len)]
    for t in range(1, t_steps):
        prev = log_alpha[t - 1]
        from_left = np.concatenate([pad1, prev[:-1]])
        from_skip = np.where(skip, np.concatenate([pad2, prev[:-2]])[:s_len], ninf)
        log_alpha[t] = np.logaddexp(np.logaddexp(prev, from_left), from_skip) + emit[t]

    skip_next = np.concatenate([skip[2:], [False, False]])[:s_len]  # may s jump to s+2?
    log_beta = np.full((t_steps, s_len), ninf, dtype=lp.dtype)
    log_beta[-1, max(0, s_len - 2) :] = emit[-1, max(0, s_len - 2) :]
    for t in range(t_steps - 2, -1, -1):
        nxt = log_beta[t + 1]
        from_right = np.concatenate([nxt[1:], pad1])
        from_skip = np.where(skip_next, np.concatenate([nxt[2:], pad2])[:s_len], ninf)
        log_beta[t] = np.logaddexp(np.logaddexp(nxt, from_right), from_skip) + emit[t]

    ends = log_alpha[-1, max(0, s_len - 2) :]
    log_p = float(np.logaddexp.reduce(ends))
    # gamma_t(s) = alpha_t(s) beta_t(s) / (y_t(l'_s) p): the emission at t is in both alpha and beta, once too often.
    with np.errstate(invalid="ignore"):
        log_gamma = log_alpha + log_beta - emit - lp.dtype.type(log_p)
    gamma = np.exp(np.where(np.isfinite(log_gamma), log_gamma, ninf))
    occupancy = np.zeros((t_steps, c), dtype=lp.dtype)
    np.add.at(occupancy.T, ext, gamma.T)
    dt = lp_in.dtype
    return CTCLattice(
        ext, log_alpha.astype(dt), log_beta.astype(dt), log_p, occupancy.astype(dt), gamma.astype(dt)
    )


def _ctc_inputs(log_probs: object, targets: object, blank: object, reduction: object):
    reduction = check_reduction(reduction)
    lp = as_float_array(log_probs, "log_probs")
    if lp.ndim not in (2, 3) or 0 in lp.shape:
        raise ValueError(
            f"log_probs must have shape (T, C) for one sequence or (N, T, C) for a batch, got shape {lp.shape}"
        )
    check_finite(lp, "log_probs")
    single = lp.ndim == 2
    lp3 = lp[None] if single else lp
    n, t_steps, c = lp3.shape
    b = _check_blank(blank, c)
    if single:
        seqs: Sequence[object] = [targets]
    else:
        if isinstance(targets, np.ndarray) and targets.ndim == 2:
            seqs = list(targets)
        elif isinstance(targets, (list, tuple)):
            seqs = targets
        else:
            raise TypeError(
                "targets must be a list of N integer sequences (or an (N, L) integer array) when log_probs has "
                f"shape (N, T, C), got {type(targets).__name__}"
            )
        if len(seqs) != n:
            raise ValueError(f"targets has {len(seqs)} sequences but log_probs has {n}; pass one target per sequence")
    labels = [
        _check_target(seq, c, b, t_steps, "target" if single else f"targets[{i}]") for i, seq in enumerate(seqs)
    ]
    return lp3, labels, b, reduction, single


def ctc_forward_backward(log_probs: object, target: object, *, blank: int = 0) -> CTCLattice:
    r"""The CTC forward and backward variables of one sequence, in log space (see :class:`CTCLattice`).

    .. math:: \alpha_t(s) = \bigl(\alpha_{t-1}(s) + \alpha_{t-1}(s-1) + [\text{skip}]\,\alpha_{t-1}(s-2)\bigr)\,
        y_t(l'_s)

    with :math:`\alpha_0` starting in the first blank or the first symbol, and
    :math:`p(\mathbf{l} \mid x) = \alpha_{T-1}(S-1) + \alpha_{T-1}(S-2)`.

    Args:
        log_probs: log-probabilities of shape (T, C).
        target: the label sequence, 1-D integers without the blank.
        blank: index of the blank symbol.

    Returns:
        A :class:`CTCLattice`.

    >>> lat = ctc_forward_backward(np.log(np.full((2, 2), 0.5)), [1])
    >>> lat.extended.tolist(), round(float(np.exp(lat.log_likelihood)), 4)  # paths 1-1, 0-1, 1-0
    ([0, 1, 0], 0.75)
    """
    lp3, labels, b, _, _ = _ctc_inputs(log_probs, target, blank, "none")
    if lp3.shape[0] != 1:
        raise ValueError(f"log_probs must have shape (T, C) here (one sequence), got shape {lp3.shape}")
    return _lattice(lp3[0], labels[0], b)


def ctc_loss(
    log_probs: object, targets: object, *, blank: int = 0, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""CTC loss: the negative log-probability of all alignments of the target, by the forward algorithm.

    .. math:: L = -\log \sum_{\pi \in \mathcal{B}^{-1}(\mathbf{l})} \prod_{t=1}^{T} y_t(\pi_t)
        = -\log\bigl(\alpha_{T-1}(S-1) + \alpha_{T-1}(S-2)\bigr)

    where :math:`\mathcal{B}` collapses repeats and removes blanks. Inputs are **log-probabilities** (for
    example ``log_softmax`` of the network's outputs), as in PyTorch ``CTCLoss`` (whose time axis comes first:
    ``(T, N, C)``; here the batch comes first) and optax ``ctc_loss`` (which takes logits and paddings).
    Every sequence here uses all T steps (no ``input_lengths``). ``reduction="mean"`` averages over sequences;
    PyTorch's ``"mean"`` first divides each loss by its target length.

    Args:
        log_probs: shape (T, C) for one sequence or (N, T, C) for a batch; finite.
        targets: one sequence of symbol indices (for (T, C)) or a list of N sequences, which may differ in
            length (an (N, L) integer array also works). Symbols are in [0, C) and never the blank.
        blank: index of the blank symbol (0, as in PyTorch and optax).
        reduction: "none" (one loss per sequence), "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``log_probs``.

    Raises:
        ValueError: if a target cannot be produced in T steps (it needs one step per symbol plus a blank
            between repeated symbols).

    References:
        Graves, A., Fernández, S., Gomez, F. and Schmidhuber, J. (2006). Connectionist temporal classification:
        labelling unsegmented sequence data with recurrent neural networks. *ICML*.

    >>> round(float(ctc_loss(np.log(np.full((2, 2), 0.5)), [1])), 4)  # -log 0.75: paths 1-1, 0-1, 1-0
    0.2877
    """
    lp3, labels, b, reduction, single = _ctc_inputs(log_probs, targets, blank, reduction)
    losses = np.array([-_lattice(lp, y, b).log_likelihood for lp, y in zip(lp3, labels)], dtype=lp3.dtype)
    return apply_reduction(losses, reduction, single)


def ctc_loss_grad(log_probs: object, targets: object, *, blank: int = 0, reduction: Reduction = "mean") -> np.ndarray:
    r"""Gradient of :func:`ctc_loss` with respect to the **log-probabilities**, by forward-backward.

    .. math:: \frac{\partial L}{\partial \log y_t(k)} = -\gamma_t(k) = -\frac{1}{p(\mathbf{l} \mid x)}
        \sum_{s:\, l'_s = k} \frac{\alpha_t(s)\,\beta_t(s)}{y_t(k)}

    the negative posterior probability that an alignment emits k at time t (each :math:`\log y_t(k)` is treated
    as a free input). If the log-probabilities are ``log_softmax(u)`` of logits :math:`u`, the chain rule gives
    Graves's :math:`\partial L / \partial u_t(k) = y_t(k) - \gamma_t(k)`. PyTorch's CTC backward returns
    :math:`y_t(k) - \gamma_t(k)` as the gradient for ``log_probs`` itself; through ``log_softmax`` (whose
    backward removes any per-row constant times :math:`y_t`) both give the same logits gradient.

    >>> np.round(ctc_loss_grad(np.log(np.full((2, 2), 0.5)), [1]), 4)  # gamma: 1/3 blank, 2/3 symbol 1, each t
    array([[-0.3333, -0.6667],
           [-0.3333, -0.6667]])
    """
    lp3, labels, b, reduction, single = _ctc_inputs(log_probs, targets, blank, reduction)
    grad = np.stack([-_lattice(lp, y, b).occupancy for lp, y in zip(lp3, labels)])
    grad *= lp3.dtype.type(reduction_weight(lp3.shape[0], reduction))
    return grad[0] if single else grad
