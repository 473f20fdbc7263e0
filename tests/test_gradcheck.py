"""Tests of lossfns.gradcheck: numerical_gradient, relative_error, check_gradient.

Expected values are hand derivations of simple functions (polynomials, exp) whose gradients are known exactly.
"""

from __future__ import annotations

import numpy as np
import pytest

from lossfns import (
    check_gradient,
    numerical_gradient,
    relative_error,
    softmax_cross_entropy,
    softmax_cross_entropy_grad,
    svm_loss,
    svm_loss_grad,
)


def test_quadratic_is_exact():
    # Hand: f(x) = sum x^2 -> grad 2x; the central difference of a quadratic is exact up to rounding.
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    np.testing.assert_allclose(numerical_gradient(lambda v: float(np.sum(v**2)), x), 2 * x, atol=1e-9)


def test_cubic_error_is_h_squared():
    # Hand: f(x) = x^3 at x = 1: (f(1+h) - f(1-h)) / 2h = 3 + h^2, so the error is h^2 = 1e-4 for h = 1e-2.
    g = numerical_gradient(lambda v: float(v[0] ** 3), np.array([1.0]), h=1e-2)
    assert g[0] == pytest.approx(3 + 1e-4, rel=1e-9)


def test_exp_and_shape():
    # Hand: d/dx exp(x) = exp(x); the result has the shape of x, and x is not modified.
    x = np.linspace(-1, 1, 6).reshape(2, 3)
    before = x.copy()
    g = numerical_gradient(lambda v: float(np.exp(v).sum()), x)
    assert g.shape == (2, 3)
    np.testing.assert_allclose(g, np.exp(x), rtol=1e-9)
    np.testing.assert_array_equal(x, before)


def test_float32_in_float32_out():
    # float32 needs a larger step; the result keeps x's dtype.
    x = np.array([1.0, 2.0], dtype=np.float32)
    g = numerical_gradient(lambda v: float(np.sum(v.astype(np.float64) ** 2)), x, h=1e-2)
    assert g.dtype == np.float32
    np.testing.assert_allclose(g, [2.0, 4.0], rtol=1e-5)


def test_relative_error_values():
    # Definition: max_k |a - b| / max(|a| + |b|, 1e-12).
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error([1.0], [-1.0]) == 1.0  # |2| / 2
    assert relative_error([1.0, 3.0], [1.0, 1.0]) == pytest.approx(0.5)  # |2| / 4
    assert relative_error([0.0], [0.0]) == 0.0  # the 1e-12 floor: no division by zero
    assert relative_error([1e-13], [0.0]) == pytest.approx(0.1)  # 1e-13 / 1e-12


def test_check_gradient_correct_and_wrong():
    # A correct gradient gives ~1e-10; a wrong one (off by a factor 2) gives |2g - g| / 3|g| = 1/3.
    rng = np.random.default_rng(0)
    s, y = rng.normal(size=(4, 3)), np.array([0, 1, 2, 1])
    assert check_gradient(lambda v: svm_loss(v, y), lambda v: svm_loss_grad(v, y), s) < 1e-8
    wrong = check_gradient(lambda v: svm_loss(v, y), lambda v: 2 * svm_loss_grad(v, y), s)
    assert wrong == pytest.approx(1 / 3)


def test_check_gradient_accepts_an_array():
    # grad may be the analytic gradient already evaluated at x.
    x = np.array([1.0, -1.0])
    assert check_gradient(lambda v: float(np.sum(v**2)), 2 * x, x) < 1e-9


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [(lambda: numerical_gradient(lambda v: 0.0, [1.0], h=0.0), ValueError, r"h must be a finite number > 0, got 0.0"),
     (lambda: numerical_gradient(lambda v: 0.0, [1.0], h=-1.0), ValueError, r"h must be a finite number > 0, got -1.0"),
     (lambda: numerical_gradient(lambda v: 0.0, [1.0], h="1"), TypeError, r"h must be a number, got '1'"),
     (lambda: numerical_gradient("f", [1.0]), TypeError, r"f must be a function of one array, got 'f'"),
     (lambda: numerical_gradient(lambda v: v, [1.0, 2.0]), ValueError,
      r"f must return a scalar, got an array of shape \(2,\); reduce it"),
     (lambda: numerical_gradient(lambda v: float("nan"), [1.0]), ValueError, r"f returned nan near x of shape \(1,\)"),
     (lambda: numerical_gradient(lambda v: 0.0, [np.nan]), ValueError, r"x must be finite, but it contains nan"),
     (lambda: numerical_gradient(lambda v: 0.0, ["a"]), TypeError, r"x must be an array of real numbers"),
     (lambda: relative_error([1.0, 2.0], [1.0]), ValueError, r"a and b must have the same shape, got \(2,\) and"),
     (lambda: relative_error([], []), ValueError, r"a and b are empty; pass at least one entry"),
     (lambda: relative_error([np.inf], [1.0]), ValueError, r"a must be finite, but it contains inf"),
     (lambda: check_gradient(lambda v: 0.0, lambda v: np.zeros(3), np.zeros(2)), ValueError,
      r"grad must have the shape of x \(2,\), got shape \(3,\)"),
     (lambda: check_gradient(None, np.zeros(2), np.zeros(2)), TypeError, r"f must be a function of one array")],
    ids=["h-zero", "h-negative", "h-str", "f-not-callable", "f-not-scalar", "f-nan", "x-nan", "x-str", "shape",
         "empty", "inf", "grad-shape", "check-f"],
)
def test_bad_input_raises(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_cross_entropy_gradient_check_in_float64_is_tight():
    # CS231n notes "Optimization": relative errors below 1e-7 mean the analytic gradient is right.
    s = np.array([[3.2, 5.1, -1.7], [1.3, 4.9, 2.0]])
    err = check_gradient(lambda v: softmax_cross_entropy(v, [0, 1]), lambda v: softmax_cross_entropy_grad(v, [0, 1]), s)
    assert err < 1e-7
