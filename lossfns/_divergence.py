"""Divergences and likelihoods: the KL divergence, and the negative log-likelihoods of Poisson and Gaussian models.

A loss is often a negative log-likelihood in disguise: mean squared error is the Gaussian's with a fixed variance,
cross-entropy the categorical's. This module holds the ones that keep the distribution's parameters explicit.
Gradients are with respect to the first argument (the predicted distribution or parameter).
"""

from __future__ import annotations

import math

import numpy as np

from ._validation import (
    Reduction,
    apply_reduction,
    as_float_array,
    as_float_pair,
    check_finite,
    check_reduction,
    reduction_weight,
    short_repr,
)

__all__ = [
    "gaussian_nll_loss",
    "gaussian_nll_loss_grad",
    "kl_divergence",
    "kl_divergence_grad",
    "poisson_nll_loss",
    "poisson_nll_loss_grad",
]


# ----------------------------------------------------------------------------------------------- KL divergence


def _kl_inputs(prediction: object, target: object, reduction: object):
    reduction = check_reduction(reduction)
    q, p = as_float_pair(prediction, target)
    if q.ndim not in (1, 2):
        raise ValueError(
            f"prediction must have shape (N, C) for a batch of distributions or (C,) for one, got shape {q.shape}"
        )
    was_1d = q.ndim == 1
    q2, p2 = (q[None, :], p[None, :]) if was_1d else (q, p)
    if np.any(p2 < 0):
        raise ValueError(f"target must hold probabilities >= 0, got {float(p2[p2 < 0][0])!r}")
    sums = p2.sum(axis=1)
    tol = 1e-4 if q.dtype == np.float32 else 1e-6
    bad = np.abs(sums - 1) > tol
    if np.any(bad):
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"target rows must sum to 1, but row {i} sums to {float(sums[i])!r}; "
            "normalise them, e.g. target / target.sum(axis=-1, keepdims=True)"
        )
    if np.any(q2 < 0):
        raise ValueError(
            f"prediction must hold probabilities >= 0, got {float(q2[q2 < 0][0])!r}; "
            "if you have logits or log-probabilities, pass softmax(logits) or np.exp(log_probs)"
        )
    if np.any((q2 == 0) & (p2 > 0)):
        raise ValueError(
            "prediction is 0 where target is > 0, so KL(target || prediction) is infinite; "
            "give every class the target can take a positive predicted probability"
        )
    return q2, p2, reduction, was_1d


def kl_divergence(prediction: object, target: object, *, reduction: Reduction = "mean") -> np.ndarray | float:
    r"""Kullback-Leibler divergence :math:`\mathrm{KL}(p \,\|\, q)` of the prediction q from the target p.

    .. math:: L_i = \sum_j p_{ij} \log \frac{p_{ij}}{q_{ij}}, \qquad 0 \log 0 = 0

    the sum over classes of ``scipy.special.rel_entr(p, q)``; it is :math:`\ge 0`, 0 only when :math:`q = p`, and
    not symmetric. Equal to :func:`~lossfns.softmax_cross_entropy_with_probs` minus the target's entropy, so it
    has the same minimiser. Conventions differ: PyTorch ``KLDivLoss()(input, target)`` takes
    **log**-probabilities :math:`\log q` as ``input`` and needs ``reduction="batchmean"`` for this mean (its
    ``"mean"`` divides by N·C); optax ``kl_divergence(log_predictions, targets)`` also takes :math:`\log q`;
    Keras ``KLDivergence()(y_true, y_pred)`` takes probabilities, target first, and clips both to [1e-7, 1].

    Args:
        prediction: predicted probabilities :math:`q`, shape (N, C) or (C,); positive wherever the target is.
            Rows are used as given (not renormalised).
        target: target probabilities :math:`p` of the same shape; rows sum to 1.
        reduction: "none" (one divergence per row, shape (N,)), "mean" (default) or "sum".

    Returns:
        The divergence, in the float dtype of ``prediction``.

    References:
        Kullback, S. and Leibler, R. A. (1951). On information and sufficiency. *Annals of Mathematical
        Statistics* 22(1), 79-86.

    >>> round(float(kl_divergence([0.5, 0.5], [1.0, 0.0])), 4)  # 1 * log(1 / 0.5) = ln 2
    0.6931
    """
    q, p, reduction, was_1d = _kl_inputs(prediction, target, reduction)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, p * (np.log(np.where(p > 0, p, 1)) - np.log(np.where(p > 0, q, 1))), 0)
    return apply_reduction(terms.astype(q.dtype, copy=False).sum(axis=1), reduction, was_1d)


def kl_divergence_grad(prediction: object, target: object, *, reduction: Reduction = "mean") -> np.ndarray:
    r"""Gradient of :func:`kl_divergence` with respect to the predicted probabilities: :math:`-p_{ij} / q_{ij}`.

    This is the gradient in all of :math:`\mathbb{R}^C` (no simplex constraint); through a softmax
    :math:`q = \operatorname{softmax}(z)` it becomes :math:`q - p`, as for cross-entropy.

    >>> kl_divergence_grad([0.5, 0.5], [1.0, 0.0])
    array([-2.,  0.])
    """
    q, p, reduction, was_1d = _kl_inputs(prediction, target, reduction)
    with np.errstate(divide="ignore", invalid="ignore"):
        grad = np.where(p > 0, -p / np.where(p > 0, q, 1), 0).astype(q.dtype, copy=False)
    grad *= q.dtype.type(reduction_weight(q.shape[0], reduction))
    return grad[0] if was_1d else grad


# ----------------------------------------------------------------------------------------------- Poisson


def _poisson_inputs(prediction: object, target: object, log_input: object, full: object, reduction: object):
    reduction = check_reduction(reduction)
    for name, flag in (("log_input", log_input), ("full", full)):
        if not isinstance(flag, bool):
            raise TypeError(f"{name} must be True or False, got {short_repr(flag)}")
    x, k = as_float_pair(prediction, target)
    if np.any(k < 0):
        raise ValueError(f"target must hold counts >= 0, got {float(k[k < 0][0])!r}")
    if not log_input and np.any(x <= 0):
        raise ValueError(
            f"prediction must be a rate > 0 when log_input=False, got {float(x[x <= 0][0])!r}; "
            "pass the log-rate with log_input=True (the default) to predict any real number"
        )
    return x, k, reduction


_lgamma = np.frompyfunc(math.lgamma, 1, 1)


def poisson_nll_loss(
    prediction: object, target: object, *, log_input: bool = True, full: bool = False, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Poisson negative log-likelihood of counts :math:`k` under a predicted rate :math:`\lambda`.

    .. math:: \ell(\lambda, k) = \lambda - k \log \lambda \; \bigl[+ \log k!\bigr]

    With ``log_input=True`` (the default) the prediction is :math:`x = \log\lambda` and the loss is
    :math:`e^x - kx`, defined for every real :math:`x`. ``full=True`` adds :math:`\log k! = \log\Gamma(k + 1)`
    exactly, so the loss is ``-scipy.stats.poisson.logpmf(k, lam)``. PyTorch ``PoissonNLLLoss`` has the same
    ``log_input`` and ``full`` switches, but its ``full=True`` adds Stirling's approximation
    :math:`k \log k - k + \tfrac12 \log(2\pi k)` (only for :math:`k > 1`), and with ``log_input=False`` it
    computes :math:`\log(\lambda + 10^{-8})`; Keras ``Poisson`` is :math:`\lambda - k \log(\lambda + \epsilon)`
    on rates (averaged over the last axis).

    Args:
        prediction: log-rates (``log_input=True``) or rates > 0 (``log_input=False``), any shape.
        target: counts :math:`k \ge 0`, the same shape (non-integer values are allowed, as in PyTorch).
        log_input: whether ``prediction`` is :math:`\log\lambda` (True) or :math:`\lambda` (False).
        full: add the :math:`\log k!` term (it does not depend on the prediction, so it changes no gradient).
        reduction: "none", "mean" (default, over all entries) or "sum".

    Returns:
        The loss, in the float dtype of ``prediction``.

    References:
        Bishop, C. M. (2006). *Pattern Recognition and Machine Learning*, section 2.4 (exponential family);
        McCullagh, P. and Nelder, J. A. (1989). *Generalized Linear Models*, 2nd ed., chapter 6.

    >>> round(float(poisson_nll_loss([0.0], [2.0], full=True)), 4)  # lam = 1: 1 - 0 + log 2!
    1.6931
    """
    x, k, reduction = _poisson_inputs(prediction, target, log_input, full, reduction)
    if log_input:
        terms = np.exp(x) - k * x
    else:
        terms = x - k * np.log(x)
    if full:
        terms = terms + np.asarray(_lgamma(k + 1), dtype=x.dtype)
    return apply_reduction(terms, reduction)


def poisson_nll_loss_grad(
    prediction: object, target: object, *, log_input: bool = True, full: bool = False, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`poisson_nll_loss`: :math:`e^x - k` for log-rates, :math:`1 - k/\lambda` for rates.

    >>> poisson_nll_loss_grad([0.0, 0.0], [1.0, 3.0], reduction="sum")
    array([ 0., -2.])
    """
    x, k, reduction = _poisson_inputs(prediction, target, log_input, full, reduction)
    grad = np.exp(x) - k if log_input else 1 - k / x
    return grad * x.dtype.type(reduction_weight(x.size, reduction))


# ----------------------------------------------------------------------------------------------- Gaussian


def _gaussian_inputs(prediction: object, target: object, variance: object, full: object, reduction: object):
    reduction = check_reduction(reduction)
    if not isinstance(full, bool):
        raise TypeError(f"full must be True or False, got {short_repr(full)}")
    mu, y = as_float_pair(prediction, target)
    var = as_float_array(variance, "variance").astype(mu.dtype, copy=False)
    check_finite(var, "variance")
    try:
        var = np.broadcast_to(var, mu.shape)
    except ValueError:
        raise ValueError(
            f"variance must be a number or broadcast to the shape of prediction {mu.shape}, got shape {var.shape}"
        ) from None
    if np.any(var <= 0):
        raise ValueError(
            f"variance must be > 0, got {float(var[var <= 0][0])!r}; predict log-variance and pass its exp, "
            "or a softplus, to keep it positive"
        )
    return mu, y, var, reduction


def gaussian_nll_loss(
    prediction: object,
    target: object,
    *,
    variance: object = 1.0,
    full: bool = False,
    reduction: Reduction = "mean",
) -> np.ndarray | float:
    r"""Gaussian negative log-likelihood of a target under a predicted mean and a given variance.

    .. math:: \ell(\mu, y) = \frac12 \Bigl( \log \sigma^2 + \frac{(y - \mu)^2}{\sigma^2} \Bigr)
        \; \bigl[+ \tfrac12 \log 2\pi\bigr]

    With ``full=True`` this is ``-scipy.stats.norm.logpdf(y, mu, sqrt(variance))``. With a fixed variance it is
    :func:`mse_loss` / (2σ²) plus a constant: least squares is maximum likelihood under Gaussian noise.
    PyTorch ``GaussianNLLLoss()(input, target, var)`` computes the same, but clamps the variance at
    ``eps=1e-6`` from below (here a variance <= 0 is an error), and its gradient also flows into ``var``;
    here the gradient is with respect to the mean only (the variance is a setting).

    Args:
        prediction: predicted means :math:`\mu`, any shape.
        target: observed values :math:`y`, the same shape.
        variance: :math:`\sigma^2 > 0`, a number or an array broadcastable to the shape of ``prediction``.
        full: add the constant :math:`\tfrac12 \log 2\pi`.
        reduction: "none", "mean" (default, over all entries) or "sum".

    Returns:
        The loss, in the float dtype of ``prediction``.

    References:
        Nix, D. A. and Weigend, A. S. (1994). Estimating the mean and variance of the target probability
        distribution. *IEEE ICNN*; Bishop, C. M. (2006). *Pattern Recognition and Machine Learning*, section 1.2.5.

    >>> round(float(gaussian_nll_loss([0.0], [2.0], variance=4.0)), 4)  # 0.5 * (log 4 + 4 / 4)
    1.1931
    """
    mu, y, var, reduction = _gaussian_inputs(prediction, target, variance, full, reduction)
    terms = 0.5 * (np.log(var) + (y - mu) ** 2 / var)
    if full:
        terms = terms + mu.dtype.type(0.5 * math.log(2 * math.pi))
    return apply_reduction(terms, reduction)


def gaussian_nll_loss_grad(
    prediction: object,
    target: object,
    *,
    variance: object = 1.0,
    full: bool = False,
    reduction: Reduction = "mean",
) -> np.ndarray:
    r"""Gradient of :func:`gaussian_nll_loss` with respect to the mean: :math:`(\mu - y) / \sigma^2`.

    >>> gaussian_nll_loss_grad([0.0, 1.0], [2.0, 1.0], variance=4.0, reduction="sum")
    array([-0.5,  0. ])
    """
    mu, y, var, reduction = _gaussian_inputs(prediction, target, variance, full, reduction)
    return (mu - y) / var * mu.dtype.type(reduction_weight(mu.size, reduction))
