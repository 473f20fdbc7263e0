"""Tests of the regression losses (lossfns._regression): hand values, parity with scipy and scikit-learn,
stability, input validation. Gradients are checked for every registered loss in test_zoo_registry.py.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.special
from sklearn import metrics

from lossfns import (
    huber_loss,
    huber_loss_grad,
    log_cosh_loss,
    log_cosh_loss_grad,
    mae_loss,
    mape_loss,
    mse_loss,
    msle_loss,
    quantile_loss,
    quantile_loss_grad,
    smooth_l1_loss,
)

RNG = np.random.default_rng(7)
Y_TRUE = RNG.normal(size=(20, 3)) * 2 + 5
Y_PRED = Y_TRUE + RNG.standard_t(df=2, size=(20, 3))  # heavy-tailed errors: some residuals beyond delta


# --- Hand-computed values ---------------------------------------------------------------------------------------


def test_hand_values():
    p, t = np.array([1.0, 2.0, 3.0]), np.array([1.0, 0.0, 0.0])  # residuals 0, 2, 3
    assert float(mse_loss(p, t)) == pytest.approx(13 / 3)  # hand: (0 + 4 + 9) / 3
    assert float(mae_loss(p, t)) == pytest.approx(5 / 3)  # hand: (0 + 2 + 3) / 3
    # hand: Huber delta = 1: 0, 1 * (2 - 0.5) = 1.5, 1 * (3 - 0.5) = 2.5
    np.testing.assert_allclose(huber_loss(p, t, reduction="none"), [0.0, 1.5, 2.5])
    # hand: delta = 2.5: 0, 0.5 * 4 = 2, 2.5 * (3 - 1.25) = 4.375
    np.testing.assert_allclose(huber_loss(p, t, delta=2.5, reduction="none"), [0.0, 2.0, 4.375])
    # hand: smooth L1, beta = 2.5: 0, 4 / 5 = 0.8, 3 - 1.25 = 1.75
    np.testing.assert_allclose(smooth_l1_loss(p, t, beta=2.5, reduction="none"), [0.0, 0.8, 1.75])
    # hand: log cosh 2 = log((e^2 + e^-2) / 2) = 1.325003...
    assert float(log_cosh_loss(2.0, 0.0)) == pytest.approx(np.log(np.cosh(2.0)), rel=1e-14)


def test_quantile_hand_values():
    # hand: tau = 0.9, target 1, prediction 0 (under by 1): 0.9; prediction 2 (over by 1): 0.1
    np.testing.assert_allclose(quantile_loss([0.0, 2.0], [1.0, 1.0], tau=0.9, reduction="none"), [0.9, 0.1])
    # hand: tau = 0.5 is half the absolute error
    np.testing.assert_allclose(quantile_loss(Y_PRED, Y_TRUE, tau=0.5), 0.5 * mae_loss(Y_PRED, Y_TRUE), rtol=1e-12)
    np.testing.assert_allclose(quantile_loss_grad([0.0, 2.0, 1.0], [1.0, 1.0, 1.0], tau=0.9, reduction="sum"),
                               [-0.9, 0.1, 0.0])  # fmt: skip


def test_mape_msle_hand_values():
    # hand: |110 - 100| / 100 = 0.1, |45 - 50| / 50 = 0.1
    assert float(mape_loss([110.0, 45.0], [100.0, 50.0])) == pytest.approx(0.1)
    # hand: (log(1 + e - 1) - log 1)^2 = 1
    assert float(msle_loss([np.e - 1], [0.0])) == pytest.approx(1.0)


def test_gradient_hand_values():
    # hand: Huber gradient is the residual clipped to [-delta, delta]; log-cosh gradient is tanh(r)
    np.testing.assert_allclose(huber_loss_grad([0.3, -4.0], [0.0, 0.0], reduction="sum"), [0.3, -1.0])
    np.testing.assert_allclose(log_cosh_loss_grad([0.5], [0.0], reduction="sum"), [np.tanh(0.5)])


# --- Parity with scipy and scikit-learn ---------------------------------------------------------------------------


def test_parity_with_sklearn():
    # scikit-learn metrics with multioutput="uniform_average" average over all entries, like reduction="mean"
    assert float(mse_loss(Y_PRED, Y_TRUE)) == pytest.approx(metrics.mean_squared_error(Y_TRUE, Y_PRED), rel=1e-12)
    assert float(mae_loss(Y_PRED, Y_TRUE)) == pytest.approx(metrics.mean_absolute_error(Y_TRUE, Y_PRED), rel=1e-12)
    assert float(mape_loss(Y_PRED, Y_TRUE)) == pytest.approx(
        metrics.mean_absolute_percentage_error(Y_TRUE, Y_PRED), rel=1e-12
    )
    for tau in (0.1, 0.5, 0.9):
        assert float(quantile_loss(Y_PRED, Y_TRUE, tau=tau)) == pytest.approx(
            metrics.mean_pinball_loss(Y_TRUE, Y_PRED, alpha=tau), rel=1e-12
        )
    pos_true, pos_pred = np.abs(Y_TRUE), np.abs(Y_PRED)
    assert float(msle_loss(pos_pred, pos_true)) == pytest.approx(
        metrics.mean_squared_log_error(pos_true, pos_pred), rel=1e-12
    )
    # scikit-learn, like lossfns, accepts values in (-1, 0) and rejects values <= -1
    t, p = np.array([-0.5, 0.2, 3.0]), np.array([0.1, -0.9, 2.0])
    assert float(msle_loss(p, t)) == pytest.approx(metrics.mean_squared_log_error(t, p), rel=1e-12)


@pytest.mark.parametrize("delta", [0.5, 1.0, 3.0])
def test_huber_parity_with_scipy(delta):
    # scipy.special.huber(delta, r) is the elementwise Huber loss
    r = Y_PRED - Y_TRUE
    np.testing.assert_allclose(
        huber_loss(Y_PRED, Y_TRUE, delta=delta, reduction="none"), scipy.special.huber(delta, r), rtol=1e-12
    )


def test_pseudo_huber_is_a_different_loss():
    # registry "huber" convention: scipy.special.pseudo_huber is a smooth relative, equal only in the limits.
    r = np.array([0.01, 100.0])
    ours = huber_loss(r, np.zeros(2), reduction="none")
    pseudo = scipy.special.pseudo_huber(1.0, r)
    np.testing.assert_allclose(ours[0], pseudo[0], rtol=1e-3)  # both ~ r^2 / 2 near 0
    assert abs(ours[1] - pseudo[1]) == pytest.approx(0.5, abs=1e-2)  # 99.5 vs ~99.0: differ by ~1/2 far out


# --- Stability and dtypes -------------------------------------------------------------------------------------------


def test_log_cosh_does_not_overflow():
    # hand: for large |r|, log cosh r = |r| - log 2 (np.cosh(1e4) overflows to inf)
    values = log_cosh_loss([1e4, -1e4], [0.0, 0.0], reduction="none")
    np.testing.assert_allclose(values, 1e4 - np.log(2), rtol=1e-15)
    assert np.all(np.isfinite(log_cosh_loss_grad([1e4, -1e4], [0.0, 0.0])))


def test_msle_uses_log1p():
    # hand: (log1p(1e-12) - 0)^2 = 1e-24; log(1 + 1e-12) in floats loses ~1e-4 relative precision
    assert float(msle_loss([1e-12], [0.0])) == pytest.approx(1e-24, rel=1e-10)


def test_float32_kept_for_any_shape():
    p = np.ones((2, 2, 2), dtype=np.float32)
    assert huber_loss(p, p * 0, reduction="none").dtype == np.float32
    assert huber_loss(p, p * 0, reduction="none").shape == (2, 2, 2)
    assert np.asarray(mse_loss(np.float32(1.0), 0.0)).dtype == np.float32  # a 0-d array works too


# --- Validation ------------------------------------------------------------------------------------------------------


def test_validation_messages():
    with pytest.raises(ValueError, match=r"prediction and target must have the same shape, got \(2,\) and \(3,\)"):
        mse_loss([1.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="target must be an array of real numbers, got dtype <U1"):
        mae_loss([1.0], ["a"])
    with pytest.raises(ValueError, match="prediction must be finite, but it contains nan"):
        mse_loss([np.nan], [1.0])
    with pytest.raises(ValueError, match="prediction is empty"):
        mse_loss([], [])
    with pytest.raises(ValueError, match=r"delta must be a finite number in \(0, inf\), got 0.0; delta is where"):
        huber_loss([1.0], [0.0], delta=0.0)
    with pytest.raises(TypeError, match="delta must be a number, got '1'"):
        huber_loss([1.0], [0.0], delta="1")
    with pytest.raises(ValueError, match=r"beta must be a finite number in \(0, inf\), got -1"):
        smooth_l1_loss([1.0], [0.0], beta=-1)
    with pytest.raises(ValueError, match=r"tau must be a finite number in \(0, 1\), got 1.0; tau is the quantile"):
        quantile_loss([1.0], [0.0], tau=1.0)
    with pytest.raises(ValueError, match="target must be nonzero for mape_loss"):
        mape_loss([1.0], [0.0])
    with pytest.raises(ValueError, match=r"prediction must be > -1 for msle_loss .* got -2.0"):
        msle_loss([-2.0], [0.0])
    with pytest.raises(ValueError, match="reduction must be one of 'none', 'mean', 'sum', got 'max'"):
        mse_loss([1.0], [0.0], reduction="max")
