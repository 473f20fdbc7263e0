"""Tests of the sigmoid-family classification losses (lossfns._classification) and the binary margin losses
(lossfns._margin): hand values, parity with scikit-learn, stability at extreme logits, input validation.
Gradients are checked for every registered loss in test_zoo_registry.py.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import expit, log_expit
from sklearn import metrics

from lossfns import (
    binary_cross_entropy_with_logits,
    binary_cross_entropy_with_logits_grad,
    exponential_loss,
    focal_loss,
    focal_loss_grad,
    hinge_loss,
    hinge_loss_grad,
    multilabel_soft_margin_loss,
    multilabel_soft_margin_loss_grad,
    numerical_gradient,
    perceptron_loss,
    soft_margin_loss,
    soft_margin_loss_grad,
    zero_one_loss,
)

RNG = np.random.default_rng(11)
LOGITS = RNG.normal(scale=2.0, size=40)
Y01 = RNG.integers(0, 2, size=40).astype(float)
SIGNS = 2 * Y01 - 1

# --- Binary cross-entropy with logits -------------------------------------------------------------------------------


def test_bce_hand_values():
    # hand: x = 0 gives p = 1/2 and loss ln 2 for either target
    np.testing.assert_allclose(binary_cross_entropy_with_logits([0.0, 0.0], [1.0, 0.0], reduction="none"), np.log(2))
    # hand: x = 2, t = 1: log(1 + e^-2) = 0.126928...
    assert float(binary_cross_entropy_with_logits(2.0, 1.0)) == pytest.approx(np.log1p(np.exp(-2.0)), rel=1e-14)
    # hand: soft target t = 0.3 at x = 0 is still ln 2; at x = 1: 0.3 log(1+e^-1) + 0.7 log(1+e)
    expected = 0.3 * np.log1p(np.exp(-1.0)) + 0.7 * np.log1p(np.e)
    assert float(binary_cross_entropy_with_logits(1.0, 0.3)) == pytest.approx(expected, rel=1e-14)


def test_bce_parity_with_sklearn_log_loss():
    # scikit-learn log_loss takes the probability of the positive class; moderate logits, so no clipping matters
    ours = binary_cross_entropy_with_logits(LOGITS, Y01)
    assert float(ours) == pytest.approx(metrics.log_loss(Y01, expit(LOGITS)), rel=1e-10)
    # scipy: -[t log_expit(x) + (1 - t) log_expit(-x)]
    reference = -(Y01 * log_expit(LOGITS) + (1 - Y01) * log_expit(-LOGITS))
    np.testing.assert_allclose(binary_cross_entropy_with_logits(LOGITS, Y01, reduction="none"), reference, rtol=1e-12)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_bce_extreme_logits(dtype):
    # hand: x = +-1e4: right and confident costs ~e^-1e4 = 0; wrong and confident costs exactly |x| = 1e4;
    # the naive -log(sigmoid(x)) gives -log(0) = inf for x = -1e4 and t = 1
    x = np.array([1e4, -1e4, 1e4, -1e4], dtype=dtype)
    t = np.array([1.0, 1.0, 0.0, 0.0])
    losses = binary_cross_entropy_with_logits(x, t, reduction="none")
    assert losses.dtype == dtype
    np.testing.assert_array_equal(losses, np.array([0.0, 1e4, 1e4, 0.0], dtype=dtype))
    grad = binary_cross_entropy_with_logits_grad(x, t, reduction="sum")
    np.testing.assert_array_equal(grad, np.array([0.0, -1.0, 1.0, 0.0], dtype=dtype))  # hand: sigmoid(x) - t


def test_bce_keeps_precision_for_confident_right_answers():
    # hand: x = 30, t = 1: log(1 + e^-30) = 9.357622968840175e-14; softplus(30) - 30 loses ~2% of it
    assert float(binary_cross_entropy_with_logits(30.0, 1.0)) == pytest.approx(np.log1p(np.exp(-30.0)), rel=1e-12)


# --- Focal loss ------------------------------------------------------------------------------------------------------


def test_focal_hand_values():
    # hand (Lin et al. 2017, eq. 4): x = 0, t = 1: p_t = 1/2, (1 - 1/2)^2 ln 2 = 0.17329
    assert float(focal_loss(0.0, 1.0, gamma=2.0)) == pytest.approx(0.25 * np.log(2), rel=1e-14)
    # hand: x = 2, t = 1: p_t = sigmoid(2), loss (1 - p_t)^2 * -log p_t, with alpha = 0.25: times 0.25
    pt = expit(2.0)
    expected = 0.25 * (1 - pt) ** 2 * -np.log(pt)
    assert float(focal_loss(2.0, 1.0, gamma=2.0, alpha=0.25)) == pytest.approx(expected, rel=1e-12)
    # hand: negative example, alpha = 0.25 weighs it by 0.75, p_t = 1 - sigmoid(x)
    pt_neg = 1 - expit(-1.0)
    expected_neg = 0.75 * (1 - pt_neg) ** 2 * -np.log(pt_neg)
    assert float(focal_loss(-1.0, 0.0, gamma=2.0, alpha=0.25)) == pytest.approx(expected_neg, rel=1e-12)


def test_focal_gamma_zero_is_bce():
    # Lin et al. (2017): gamma = 0 and no alpha is the cross-entropy
    np.testing.assert_allclose(focal_loss(LOGITS, Y01, gamma=0.0), binary_cross_entropy_with_logits(LOGITS, Y01))
    np.testing.assert_allclose(
        focal_loss_grad(LOGITS, Y01, gamma=0.0), binary_cross_entropy_with_logits_grad(LOGITS, Y01)
    )


@pytest.mark.parametrize("gamma", [0.5, 1.0, 3.0])
def test_focal_gradient_with_soft_targets_and_alpha(gamma):
    t = RNG.uniform(size=8)
    x = RNG.normal(scale=2.0, size=8)
    numeric = numerical_gradient(lambda v: focal_loss(v, t, gamma=gamma, alpha=0.3), x)
    np.testing.assert_allclose(focal_loss_grad(x, t, gamma=gamma, alpha=0.3), numeric, rtol=1e-5, atol=1e-9)


def test_focal_extreme_logits_are_finite():
    x = np.array([1e4, -1e4, 1e4, -1e4])
    t = np.array([1.0, 1.0, 0.0, 0.0])
    for gamma in (0.5, 2.0):
        assert np.all(np.isfinite(focal_loss(x, t, gamma=gamma, reduction="none")))
        assert np.all(np.isfinite(focal_loss_grad(x, t, gamma=gamma)))
    # hand: wrong and confident (x = -1e4, t = 1): (1 - 0)^2 * 1e4
    assert float(focal_loss(-1e4, 1.0)) == pytest.approx(1e4)


# --- Multilabel soft margin ------------------------------------------------------------------------------------------


def test_multilabel_soft_margin_hand_value():
    # PyTorch docs formula: -1/C sum_j [y log sigmoid(x) + (1-y) log(1 - sigmoid(x))]; hand with x = (0, 2), y = (1, 0):
    # (ln 2 + log(1 + e^2)) / 2
    expected = (np.log(2) + np.log1p(np.exp(2.0))) / 2
    assert float(multilabel_soft_margin_loss([0.0, 2.0], [1.0, 0.0])) == pytest.approx(expected, rel=1e-14)
    x = LOGITS.reshape(8, 5)
    y = Y01.reshape(8, 5)
    assert multilabel_soft_margin_loss(x, y, reduction="none").shape == (8,)
    np.testing.assert_allclose(
        multilabel_soft_margin_loss_grad(x, y), binary_cross_entropy_with_logits_grad(x, y), rtol=1e-12
    )


# --- Binary margin losses --------------------------------------------------------------------------------------------


def test_margin_hand_values():
    s, t = np.array([2.0, 0.5, -1.0, 0.0]), np.array([1.0, 1.0, 1.0, -1.0])  # margins 2, 0.5, -1, 0
    np.testing.assert_allclose(hinge_loss(s, t, reduction="none"), [0.0, 0.5, 2.0, 1.0])  # max(0, 1 - z)
    np.testing.assert_allclose(perceptron_loss(s, t, reduction="none"), [0.0, 0.0, 1.0, 0.0])  # max(0, -z)
    np.testing.assert_allclose(exponential_loss(s, t, reduction="none"), np.exp([-2.0, -0.5, 1.0, 0.0]))  # e^-z
    np.testing.assert_allclose(soft_margin_loss(s, t, reduction="none"), np.log1p(np.exp([-2.0, -0.5, 1.0, 0.0])))
    np.testing.assert_allclose(zero_one_loss(s, t, reduction="none"), [0.0, 0.0, 1.0, 1.0])  # z <= 0 is an error
    np.testing.assert_allclose(hinge_loss_grad(s, t, reduction="sum"), [0.0, -1.0, -1.0, 1.0])  # -t [z < 1]


def test_margin_parity_with_sklearn():
    # scikit-learn hinge_loss (two classes, labels -1/+1) is the mean of max(0, 1 - y f(x))
    assert float(hinge_loss(LOGITS, SIGNS)) == pytest.approx(metrics.hinge_loss(SIGNS, LOGITS), rel=1e-12)
    # scikit-learn zero_one_loss of the predicted signs is the error rate (no score is exactly 0 here)
    assert float(zero_one_loss(LOGITS, SIGNS)) == pytest.approx(metrics.zero_one_loss(SIGNS, np.sign(LOGITS)))


def test_surrogates_bound_zero_one():
    # Bartlett, Jordan and McAuliffe (2006): hinge, exponential and log2-scaled logistic losses bound the 0-1 loss
    z = np.linspace(-3, 3, 61)
    ones = np.ones_like(z)
    zero_one = zero_one_loss(z, ones, reduction="none")
    assert np.all(hinge_loss(z, ones, reduction="none") >= zero_one)
    assert np.all(exponential_loss(z, ones, reduction="none") >= zero_one)
    assert np.all(soft_margin_loss(z, ones, reduction="none") / np.log(2) >= zero_one)


def test_soft_margin_extreme_scores():
    # hand: log(1 + e^-z) is e^-1e4 ~ 0 at z = 1e4 and 1e4 at z = -1e4; gradient -t sigmoid(-z)
    np.testing.assert_array_equal(soft_margin_loss([1e4, -1e4], [1.0, 1.0], reduction="none"), [0.0, 1e4])
    np.testing.assert_array_equal(soft_margin_loss_grad([1e4, -1e4], [1.0, 1.0], reduction="sum"), [-0.0, -1.0])


# --- Validation ------------------------------------------------------------------------------------------------------


def test_validation_messages():
    with pytest.raises(ValueError, match=r"targets must lie in \[0, 1\], got 2.0; targets are probabilities"):
        binary_cross_entropy_with_logits([0.0], [2.0])
    with pytest.raises(ValueError, match=r"logits and targets must have the same shape, got \(2,\) and \(1,\)"):
        binary_cross_entropy_with_logits([0.0, 1.0], [1.0])
    with pytest.raises(ValueError, match=r"gamma must be a finite number in \[0, inf\), got -1.0"):
        focal_loss([0.0], [1.0], gamma=-1.0)
    with pytest.raises(ValueError, match=r"alpha must be a finite number in \[0, 1\], got 1.5"):
        focal_loss([0.0], [1.0], alpha=1.5)
    with pytest.raises(ValueError, match=r"logits must have shape \(N, C\) for a batch or \(C,\)"):
        multilabel_soft_margin_loss(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match=r"targets must hold -1 or \+1, got 0.0; map 0/1 labels with 2 \* targets - 1"):
        hinge_loss([1.0, 2.0], [1.0, 0.0])
    with pytest.raises(ValueError, match=r"margin must be a finite number in \[0, inf\), got -1.0"):
        hinge_loss([1.0], [1.0], margin=-1.0)
    with pytest.raises(TypeError, match="scores must be an array of real numbers"):
        perceptron_loss(["x"], [1.0])
