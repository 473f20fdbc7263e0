"""Regression losses: a real-valued prediction against a real-valued target, one term per entry.

Every function here is elementwise: ``prediction`` and ``target`` have the same (any) shape, the residual is
:math:`r = \\hat y - y` (prediction minus target), ``reduction="none"`` returns one loss per entry and ``"mean"``
averages over *all* entries (PyTorch's convention; scikit-learn's ``uniform_average`` over outputs gives the same
number). The ``*_grad`` functions return the gradient with respect to ``prediction``, same shape and dtype.
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    Reduction,
    apply_reduction,
    as_float_pair,
    check_reduction,
    check_setting,
    reduction_weight,
)

__all__ = [
    "huber_loss",
    "huber_loss_grad",
    "line_with_outliers",
    "log_cosh_loss",
    "log_cosh_loss_grad",
    "mae_loss",
    "mae_loss_grad",
    "mape_loss",
    "mape_loss_grad",
    "mse_loss",
    "mse_loss_grad",
    "msle_loss",
    "msle_loss_grad",
    "quantile_loss",
    "quantile_loss_grad",
    "smooth_l1_loss",
    "smooth_l1_loss_grad",
]


def _pair(prediction: object, target: object, reduction: object) -> tuple[np.ndarray, np.ndarray, str]:
    reduction = check_reduction(reduction)
    p, t = as_float_pair(prediction, target)
    return p, t, reduction


def _scale(grad: np.ndarray, reduction: str) -> np.ndarray:
    return grad * grad.dtype.type(reduction_weight(grad.size, reduction))


# ----------------------------------------------------------------------------------------------- squared error


def mse_loss(prediction: object, target: object, *, reduction: Reduction = "mean") -> np.ndarray | float:
    r"""Mean squared error: the squared residual.

    .. math:: \ell(\hat y, y) = (\hat y - y)^2

    The negative log-likelihood of a Gaussian with fixed variance, up to constants: minimising it estimates the
    conditional mean. No factor 1/2 (PyTorch ``MSELoss``, Keras ``MeanSquaredError``); optax ``l2_loss`` has it.

    Args:
        prediction: predicted values, any shape.
        target: true values, the same shape.
        reduction: "none" (one loss per entry), "mean" (default, over all entries) or "sum".

    Returns:
        The loss, in the float dtype of ``prediction``.

    References:
        Bishop, C. M. (2006). *Pattern Recognition and Machine Learning*, section 1.2.5.

    >>> float(mse_loss([1.0, 2.0, 3.0], [1.0, 0.0, 0.0]))  # (0 + 4 + 9) / 3
    4.333333333333333
    """
    p, t, reduction = _pair(prediction, target, reduction)
    return apply_reduction((p - t) ** 2, reduction)


def mse_loss_grad(prediction: object, target: object, *, reduction: Reduction = "mean") -> np.ndarray:
    r"""Gradient of :func:`mse_loss` with respect to ``prediction``: :math:`2(\hat y - y)`, over N for "mean".

    >>> mse_loss_grad([1.0, 2.0, 3.0], [1.0, 0.0, 0.0], reduction="sum")
    array([0., 4., 6.])
    """
    p, t, reduction = _pair(prediction, target, reduction)
    return _scale(2 * (p - t), reduction)


# ----------------------------------------------------------------------------------------------- absolute error


def mae_loss(prediction: object, target: object, *, reduction: Reduction = "mean") -> np.ndarray | float:
    r"""Mean absolute error (L1 loss): the absolute residual.

    .. math:: \ell(\hat y, y) = |\hat y - y|

    The negative log-likelihood of a Laplace distribution: minimising it estimates the conditional median, so
    outliers pull it far less than they pull :func:`mse_loss`.

    Args:
        prediction: predicted values, any shape.
        target: true values, the same shape.
        reduction: "none", "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``prediction``.

    References:
        Bishop, C. M. (2006). *Pattern Recognition and Machine Learning*, exercise 1.27.

    >>> float(mae_loss([1.0, 2.0, 3.0], [1.0, 0.0, 0.0]))  # (0 + 2 + 3) / 3
    1.6666666666666667
    """
    p, t, reduction = _pair(prediction, target, reduction)
    return apply_reduction(np.abs(p - t), reduction)


def mae_loss_grad(prediction: object, target: object, *, reduction: Reduction = "mean") -> np.ndarray:
    r"""Subgradient of :func:`mae_loss`: :math:`\operatorname{sign}(\hat y - y)` (0 at the kink), over N for "mean".

    >>> mae_loss_grad([1.0, 2.0, -3.0], [1.0, 0.0, 0.0], reduction="sum")
    array([ 0.,  1., -1.])
    """
    p, t, reduction = _pair(prediction, target, reduction)
    return _scale(np.sign(p - t), reduction)


# ----------------------------------------------------------------------------------------------- Huber family


def _check_delta(delta: object, name: str = "delta") -> float:
    return check_setting(
        delta, name, low=0.0, low_open=True,
        hint=f"{name} is where the loss turns from quadratic to linear; PyTorch and Keras use 1.0",
    )


def huber_loss(
    prediction: object, target: object, *, delta: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Huber loss: quadratic for small residuals, linear (slope :math:`\delta`) for large ones.

    .. math::
        \ell_\delta(r) = \begin{cases} \tfrac12 r^2 & |r| \le \delta \\
        \delta\,(|r| - \tfrac12 \delta) & |r| > \delta \end{cases}, \qquad r = \hat y - y

    Equal to ``scipy.special.huber(delta, r)``, PyTorch ``HuberLoss(delta=1.0)``, Keras ``Huber(delta=1.0)``
    and optax ``huber_loss(delta=1.0)``.

    Args:
        prediction: predicted values, any shape.
        target: true values, the same shape.
        delta: :math:`\delta > 0`, the residual at which the quadratic becomes linear.
        reduction: "none", "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``prediction``.

    References:
        Huber, P. J. (1964). Robust estimation of a location parameter. *Annals of Mathematical Statistics*
        35(1), 73-101.

    >>> huber_loss([0.5, 3.0], [0.0, 0.0], reduction="none")  # 0.5 * 0.25, and 1 * (3 - 0.5)
    array([0.125, 2.5  ])
    """
    p, t, reduction = _pair(prediction, target, reduction)
    d = _check_delta(delta)
    a = np.abs(p - t)
    quad = np.minimum(a, d)  # the part of |r| inside the quadratic zone
    # 0.5 * min(|r|, d)^2 + d * (|r| - min(|r|, d)) is the piecewise formula without a branch.
    return apply_reduction(0.5 * quad**2 + d * (a - quad), reduction)


def huber_loss_grad(
    prediction: object, target: object, *, delta: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`huber_loss`: the residual clipped to :math:`[-\delta, \delta]`, over N for "mean".

    >>> huber_loss_grad([0.5, 3.0], [0.0, 0.0], reduction="sum")
    array([0.5, 1. ])
    """
    p, t, reduction = _pair(prediction, target, reduction)
    d = _check_delta(delta)
    return _scale(np.clip(p - t, -d, d), reduction)


def smooth_l1_loss(
    prediction: object, target: object, *, beta: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Smooth L1 loss: the Huber loss divided by its threshold, so the linear part has slope 1.

    .. math::
        \ell_\beta(r) = \begin{cases} \tfrac{1}{2\beta} r^2 & |r| < \beta \\
        |r| - \tfrac12 \beta & |r| \ge \beta \end{cases} \;=\; \frac{\ell^{\text{Huber}}_{\delta=\beta}(r)}{\beta}

    PyTorch ``SmoothL1Loss(beta=1.0)``; Fast R-CNN's box-regression loss. As :math:`\beta \to 0` it becomes
    :func:`mae_loss` (PyTorch allows ``beta=0``; here :math:`\beta > 0`, use :func:`mae_loss` instead).

    Args:
        prediction: predicted values, any shape.
        target: true values, the same shape.
        beta: :math:`\beta > 0`, the residual at which the quadratic becomes linear.
        reduction: "none", "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``prediction``.

    References:
        Girshick, R. (2015). Fast R-CNN. *ICCV*.

    >>> smooth_l1_loss([0.5, 3.0], [0.0, 0.0], beta=2.0, reduction="none")  # 0.25 / 4, and 3 - 1
    array([0.0625, 2.    ])
    """
    b = _check_delta(beta, "beta")
    return huber_loss(prediction, target, delta=b, reduction=reduction) / b


def smooth_l1_loss_grad(
    prediction: object, target: object, *, beta: float = 1.0, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Gradient of :func:`smooth_l1_loss`: :math:`\operatorname{clip}(r, -\beta, \beta) / \beta`.

    >>> smooth_l1_loss_grad([0.5, 3.0], [0.0, 0.0], beta=2.0, reduction="sum")
    array([0.25, 1.  ])
    """
    b = _check_delta(beta, "beta")
    g = huber_loss_grad(prediction, target, delta=b, reduction=reduction)
    return g / g.dtype.type(b)


def log_cosh_loss(prediction: object, target: object, *, reduction: Reduction = "mean") -> np.ndarray | float:
    r"""Log-cosh loss: :math:`\log\cosh(r)`, about :math:`r^2/2` near 0 and :math:`|r| - \log 2` far out.

    .. math:: \ell(r) = \log\cosh r = |r| + \log(1 + e^{-2|r|}) - \log 2

    computed as the right-hand side (``cosh`` itself overflows for :math:`|r| > 710`). Keras ``LogCosh`` and
    optax ``log_cosh`` compute the same terms (Keras then averages over the last axis).

    Args:
        prediction: predicted values, any shape.
        target: true values, the same shape.
        reduction: "none", "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``prediction``.

    References:
        Chen, P., Chen, G. and Zhang, S. (2019). Log hyperbolic cosine loss improves variational auto-encoder.
        (OpenReview); the loss is older and folklore in robust regression.

    >>> [round(float(v), 4) for v in log_cosh_loss([0.0, 1.0, 1000.0], [0.0, 0.0, 0.0], reduction="none")]
    [0.0, 0.4338, 999.3069]
    """
    p, t, reduction = _pair(prediction, target, reduction)
    a = np.abs(p - t)
    return apply_reduction(a + np.log1p(np.exp(-2 * a)) - p.dtype.type(np.log(2)), reduction)


def log_cosh_loss_grad(prediction: object, target: object, *, reduction: Reduction = "mean") -> np.ndarray:
    r"""Gradient of :func:`log_cosh_loss`: :math:`\tanh(\hat y - y)`, over N for "mean".

    >>> np.round(log_cosh_loss_grad([0.0, 1.0], [0.0, 0.0], reduction="sum"), 4)
    array([0.    , 0.7616])
    """
    p, t, reduction = _pair(prediction, target, reduction)
    return _scale(np.tanh(p - t), reduction)


# ----------------------------------------------------------------------------------------------- quantile


def _check_tau(tau: object) -> float:
    return check_setting(
        tau, "tau", low=0.0, high=1.0, low_open=True, high_open=True,
        hint="tau is the quantile to estimate: 0.5 is the median, 0.9 the 90th percentile",
    )


def quantile_loss(
    prediction: object, target: object, *, tau: float = 0.5, reduction: Reduction = "mean"
) -> np.ndarray | float:
    r"""Quantile (pinball) loss: under-predictions cost :math:`\tau` per unit, over-predictions :math:`1 - \tau`.

    .. math:: \ell_\tau(\hat y, y) = \max\bigl(\tau (y - \hat y),\; (\tau - 1)(y - \hat y)\bigr)

    Minimising it estimates the conditional :math:`\tau`-quantile; :math:`\tau = 0.5` is half of
    :func:`mae_loss`. Equal to scikit-learn's ``mean_pinball_loss(y, y_hat, alpha=tau)``.

    Args:
        prediction: predicted values, any shape.
        target: true values, the same shape.
        tau: the quantile, :math:`0 < \tau < 1`.
        reduction: "none", "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``prediction``.

    References:
        Koenker, R. and Bassett, G. (1978). Regression quantiles. *Econometrica* 46(1), 33-50.

    >>> quantile_loss([0.0, 0.0], [1.0, -1.0], tau=0.9, reduction="none")  # under: 0.9 * 1, over: 0.1 * 1
    array([0.9, 0.1])
    """
    p, t, reduction = _pair(prediction, target, reduction)
    q = _check_tau(tau)
    u = t - p
    return apply_reduction(np.maximum(q * u, (q - 1) * u), reduction)


def quantile_loss_grad(
    prediction: object, target: object, *, tau: float = 0.5, reduction: Reduction = "mean"
) -> np.ndarray:
    r"""Subgradient of :func:`quantile_loss`: :math:`-\tau` below the target, :math:`1 - \tau` above, 0 at it.

    >>> quantile_loss_grad([0.0, 0.0, 1.0], [1.0, -1.0, 1.0], tau=0.9, reduction="sum")
    array([-0.9,  0.1,  0. ])
    """
    p, t, reduction = _pair(prediction, target, reduction)
    q = _check_tau(tau)
    g = np.where(p < t, -q, np.where(p > t, 1 - q, 0.0)).astype(p.dtype)
    return _scale(g, reduction)


# ----------------------------------------------------------------------------------------------- relative errors


def _check_mape_target(t: np.ndarray) -> None:
    if np.any(t == 0):
        raise ValueError(
            "target must be nonzero for mape_loss (it divides by |target|), got 0; drop those entries or use "
            "mae_loss (scikit-learn instead divides by max(|target|, machine epsilon), giving huge values)"
        )


def mape_loss(prediction: object, target: object, *, reduction: Reduction = "mean") -> np.ndarray | float:
    r"""Mean absolute percentage error, as a fraction (not multiplied by 100).

    .. math:: \ell(\hat y, y) = \frac{|\hat y - y|}{|y|}

    scikit-learn's ``mean_absolute_percentage_error`` returns the same fraction; Keras
    ``MeanAbsolutePercentageError`` multiplies by 100. The target must be nonzero.

    Args:
        prediction: predicted values, any shape.
        target: true values, the same shape, all nonzero.
        reduction: "none", "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``prediction``.

    References:
        de Myttenaere, A. et al. (2016). Mean absolute percentage error for regression models.
        *Neurocomputing* 192, 38-48.

    >>> mape_loss([110.0, 45.0], [100.0, 50.0], reduction="none")  # 10 %, 10 %
    array([0.1, 0.1])
    """
    p, t, reduction = _pair(prediction, target, reduction)
    _check_mape_target(t)
    return apply_reduction(np.abs(p - t) / np.abs(t), reduction)


def mape_loss_grad(prediction: object, target: object, *, reduction: Reduction = "mean") -> np.ndarray:
    r"""Subgradient of :func:`mape_loss`: :math:`\operatorname{sign}(\hat y - y) / |y|`, over N for "mean".

    >>> mape_loss_grad([110.0, 45.0], [100.0, 50.0], reduction="sum")
    array([ 0.01, -0.02])
    """
    p, t, reduction = _pair(prediction, target, reduction)
    _check_mape_target(t)
    return _scale(np.sign(p - t) / np.abs(t), reduction)


def _check_msle(p: np.ndarray, t: np.ndarray) -> None:
    for arr, name in ((p, "prediction"), (t, "target")):
        if np.any(arr <= -1):
            raise ValueError(
                f"{name} must be > -1 for msle_loss (it takes log(1 + {name})), "
                f"got {float(arr[arr <= -1].ravel()[0])!r}; "
                "MSLE is meant for non-negative quantities such as counts or prices"
            )


def msle_loss(prediction: object, target: object, *, reduction: Reduction = "mean") -> np.ndarray | float:
    r"""Mean squared logarithmic error: the squared difference of :math:`\log(1 + \cdot)`.

    .. math:: \ell(\hat y, y) = \bigl(\log(1 + \hat y) - \log(1 + y)\bigr)^2

    computed with ``log1p``. Equal to scikit-learn's ``mean_squared_log_error``, which also requires values > -1;
    Keras ``MeanSquaredLogarithmicError`` instead clips both arguments at machine epsilon from below (so negative
    inputs are silently treated as 0).

    Args:
        prediction: predicted values > -1, any shape.
        target: true values > -1, the same shape.
        reduction: "none", "mean" (default) or "sum".

    Returns:
        The loss, in the float dtype of ``prediction``.

    References:
        scikit-learn user guide, section "Mean squared logarithmic error".

    >>> round(float(msle_loss([np.e - 1], [0.0])), 4)  # (log e - log 1)^2
    1.0
    """
    p, t, reduction = _pair(prediction, target, reduction)
    _check_msle(p, t)
    return apply_reduction((np.log1p(p) - np.log1p(t)) ** 2, reduction)


def msle_loss_grad(prediction: object, target: object, *, reduction: Reduction = "mean") -> np.ndarray:
    r"""Gradient of :func:`msle_loss`: :math:`2(\log(1+\hat y) - \log(1+y)) / (1 + \hat y)`, over N for "mean".

    >>> np.round(msle_loss_grad([np.e - 1], [0.0]), 4)
    array([0.7358])
    """
    p, t, reduction = _pair(prediction, target, reduction)
    _check_msle(p, t)
    return _scale(2 * (np.log1p(p) - np.log1p(t)) / (1 + p), reduction)


# ----------------------------------------------------------------------------------------------- demo data


def line_with_outliers(
    n: int = 30, *, n_outliers: int = 4, slope: float = 2.0, intercept: float = 1.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Points on a line with unit Gaussian noise, plus a few gross outliers: the robust-regression example.

    The x values are evenly spaced on [0, 10]; ``n_outliers`` of the rightmost points are shifted up by 25, as
    a sensor glitch would. Deterministic for a given ``seed``.

    Returns:
        ``(x, y, is_outlier)``, each of shape (n,).

    >>> x, y, out = line_with_outliers()
    >>> x.shape, int(out.sum())
    ((30,), 4)
    """
    if n < 2 or not 0 <= n_outliers < n:
        raise ValueError(f"need n >= 2 points and 0 <= n_outliers < n, got n={n}, n_outliers={n_outliers}")
    rng = np.random.default_rng(seed)
    x = np.linspace(0.0, 10.0, n)
    y = slope * x + intercept + rng.normal(size=n)
    is_outlier = np.zeros(n, dtype=bool)
    is_outlier[n - 1 - 3 * np.arange(n_outliers)] = True  # every third point from the right end
    y[is_outlier] += 25.0
    return x, y, is_outlier
