r"""Check an analytic gradient against central differences.

The book's gradients are written by hand, so each one is checked numerically:

.. math:: \frac{\partial f}{\partial x_k} \approx \frac{f(x + h e_k) - f(x - h e_k)}{2h}

The central difference has error :math:`O(h^2)` (a one-sided difference has :math:`O(h)`); compare the two with
the relative error, and expect about 1e-7 or less in float64 away from kinks (CS231n notes, "Optimization").
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._validation import as_float_array, check_finite

__all__ = ["check_gradient", "numerical_gradient", "relative_error"]


def _check_step(h: object) -> float:
    if isinstance(h, bool) or not isinstance(h, (int, float, np.integer, np.floating)):
        raise TypeError(f"h must be a number, got {h!r}")
    if not np.isfinite(h) or h <= 0:
        raise ValueError(f"h must be a finite number > 0, got {float(h)!r}; 1e-5 suits float64")
    return float(h)


def _check_callable(f: object, name: str) -> None:
    if not callable(f):
        raise TypeError(f"{name} must be a function of one array, got {f!r}")


def _scalar(value: object, x: np.ndarray) -> float:
    out = np.asarray(value)
    if out.size != 1:
        raise ValueError(
            f"f must return a scalar, got an array of shape {out.shape}; reduce it, e.g. with .sum() or "
            "reduction='mean'"
        )
    result = float(out.reshape(()))
    if not np.isfinite(result):
        raise ValueError(f"f returned {result!r} near x of shape {x.shape}; the numerical gradient needs finite values")
    return result


def numerical_gradient(f: Callable[[np.ndarray], float], x: object, *, h: float = 1e-5) -> np.ndarray:
    r"""Central-difference gradient of a scalar function ``f`` at ``x``.

    .. math:: g_k = \frac{f(x + h e_k) - f(x - h e_k)}{2h}

    Costs two calls of ``f`` per entry of ``x``; use it on small arrays.

    Args:
        f: function of one array (of the shape of ``x``) returning a scalar.
        x: the point, a float array of any shape; it is not modified.
        h: the step, > 0. The default 1e-5 suits float64; in float32 use about 1e-2.

    Returns:
        The gradient estimate, of the shape and float dtype of ``x``.

    >>> numerical_gradient(lambda v: float(np.sum(v**2)), np.array([1.0, -2.0])).round(6)  # 2x
    array([ 2., -4.])
    """
    _check_callable(f, "f")
    step = _check_step(h)
    x = as_float_array(x, "x")
    check_finite(x, "x")
    xp = np.array(x, copy=True)
    grad = np.zeros_like(x)
    flat_x, flat_xp, flat_grad = x.reshape(-1), xp.reshape(-1), grad.reshape(-1)
    for k in range(flat_x.size):
        flat_xp[k] = flat_x[k] + step
        up = flat_xp[k]  # the point actually evaluated, after rounding to x's dtype
        f_up = _scalar(f(xp), x)
        flat_xp[k] = flat_x[k] - step
        down = flat_xp[k]
        f_down = _scalar(f(xp), x)
        flat_xp[k] = flat_x[k]
        flat_grad[k] = (f_up - f_down) / (float(up) - float(down))
    return grad


def relative_error(a: object, b: object) -> float:
    r"""Largest entrywise relative error between two arrays of the same shape.

    .. math:: \max_k \frac{|a_k - b_k|}{\max(|a_k| + |b_k|,\ 10^{-12})}

    The floor 1e-12 keeps entries where both are (almost) zero from dividing by zero.

    Args:
        a: an array.
        b: an array of the same shape.

    Returns:
        A float in [0, 1].

    >>> round(relative_error([1.0, 2.0], [1.0, 2.0 + 4e-7]), 12)  # 4e-7 / 4.0000004
    1e-07
    """
    a_arr, b_arr = as_float_array(a, "a"), as_float_array(b, "b")
    if a_arr.shape != b_arr.shape:
        raise ValueError(f"a and b must have the same shape, got {a_arr.shape} and {b_arr.shape}")
    if a_arr.size == 0:
        raise ValueError("a and b are empty; pass at least one entry to compare")
    check_finite(a_arr, "a")
    check_finite(b_arr, "b")
    a64, b64 = a_arr.astype(np.float64), b_arr.astype(np.float64)
    return float(np.max(np.abs(a64 - b64) / np.maximum(np.abs(a64) + np.abs(b64), 1e-12)))


def check_gradient(
    f: Callable[[np.ndarray], float],
    grad: Callable[[np.ndarray], np.ndarray] | np.ndarray,
    x: object,
    *,
    h: float = 1e-5,
) -> float:
    """Relative error between an analytic gradient and :func:`numerical_gradient` of ``f`` at ``x``.

    Args:
        f: function of one array returning a scalar.
        grad: the analytic gradient: a function of one array, called at ``x``, or the array it returned.
        x: the point.
        h: the central-difference step, > 0.

    Returns:
        :func:`relative_error` of the two gradients; about 1e-7 or less means they agree (in float64, away from
        kinks).

    >>> from lossfns import softmax_cross_entropy, softmax_cross_entropy_grad
    >>> s = np.array([[3.2, 5.1, -1.7]])
    >>> err = check_gradient(lambda v: softmax_cross_entropy(v, [0]), lambda v: softmax_cross_entropy_grad(v, [0]), s)
    >>> err < 1e-7
    True
    """
    _check_callable(f, "f")
    x_arr = as_float_array(x, "x")
    analytic = grad(np.array(x_arr, copy=True)) if callable(grad) else grad
    analytic = as_float_array(analytic, "grad")
    if analytic.shape != x_arr.shape:
        raise ValueError(
            f"grad must have the shape of x {x_arr.shape}, got shape {analytic.shape}; "
            "the gradient of a scalar has one entry per entry of x"
        )
    return relative_error(analytic, numerical_gradient(f, x_arr, h=h))
