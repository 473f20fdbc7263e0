"""Tests of the divergences and likelihood losses (lossfns._divergence): KL divergence, Poisson and Gaussian
negative log-likelihoods. Expected values from hand derivations and scipy (special, stats).
Gradients are checked for every registered loss in test_zoo_registry.py.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import special, stats

from lossfns import (
    gaussian_nll_loss,
    gaussian_nll_loss_grad,
    kl_divergence,
    kl_divergence_grad,
    mse_loss,
    numerical_gradient,
    poisson_nll_loss,
    poisson_nll_loss_grad,
    softmax,
    softmax_cross_entropy_with_probs,
)

RNG = np.random.default_rng(5)
P = RNG.dirichlet(np.ones(4), size=6)
Q = RNG.dirichlet(np.ones(4), size=6)


# --- KL divergence ---------------------------------------------------------------------------------------------------


def test_kl_hand_values():
    # hand: KL((1, 0) || (1/2, 1/2)) = 1 * log 2 (0 log 0 = 0); KL(p || p) = 0
    assert float(kl_divergence([0.5, 0.5], [1.0, 0.0])) == pytest.approx(np.log(2), rel=1e-14)
    assert float(kl_divergence(P, P)) == 0.0


def test_kl_parity_with_scipy():
    # scipy.special.rel_entr(p, q) = p log(p / q) elementwise; kl_div adds q - p, which sums to 0 on the simplex;
    # scipy.stats.entropy(p, q) is the KL divergence of one pair
    np.testing.assert_allclose(kl_divergence(Q, P, reduction="none"), special.rel_entr(P, Q).sum(axis=1), rtol=1e-12)
    np.testing.assert_allclose(kl_divergence(Q, P, reduction="none"), special.kl_div(P, Q).sum(axis=1), rtol=1e-10)
    np.testing.assert_allclose(kl_divergence(Q[0], P[0]), stats.entropy(P[0], Q[0]), rtol=1e-12)


def test_kl_is_cross_entropy_minus_entropy():
    # registry "softmax_cross_entropy_with_probs": CE(p, softmax(s)) = KL(p || softmax(s)) + H(p); H via xlogy
    s = RNG.normal(size=(6, 4))
    entropy = -special.xlogy(P, P).sum(axis=1)
    np.testing.assert_allclose(
        softmax_cross_entropy_with_probs(s, P, reduction="none"),
        kl_divergence(softmax(s), P, reduction="none") + entropy,
        rtol=1e-12,
    )


def test_kl_is_asymmetric():
    # hand: KL(p || q) != KL(q || p) for p = (0.9, 0.1), q = (0.5, 0.5): 0.3681 vs 0.5108
    p, q = np.array([0.9, 0.1]), np.array([0.5, 0.5])
    forward = 0.9 * np.log(0.9 / 0.5) + 0.1 * np.log(0.1 / 0.5)
    reverse = 0.5 * np.log(0.5 / 0.9) + 0.5 * np.log(0.5 / 0.1)
    assert float(kl_divergence(q, p)) == pytest.approx(forward, rel=1e-14)
    assert float(kl_divergence(p, q)) == pytest.approx(reverse, rel=1e-14)
    assert round(forward, 4) == 0.3681 and round(reverse, 4) == 0.5108


def test_kl_gradient_with_zero_target_entries():
    # hand: d/dq of sum p log(p/q) is -p/q, and 0 where p = 0 (there q may even be 0)
    np.testing.assert_allclose(kl_divergence_grad([0.5, 0.0, 0.5], [1.0, 0.0, 0.0], reduction="sum"), [-2.0, 0, 0])
    q = np.array([0.3, 0.2, 0.5])
    p = np.array([0.6, 0.0, 0.4])
    numeric = numerical_gradient(lambda v: kl_divergence(v, p), q)
    np.testing.assert_allclose(kl_divergence_grad(q, p), numeric, rtol=1e-7)


def test_kl_validation():
    with pytest.raises(ValueError, match="target rows must sum to 1, but row 0 sums to 0.5"):
        kl_divergence([0.5, 0.5], [0.25, 0.25])
    with pytest.raises(ValueError, match="prediction must hold probabilities >= 0, got -0.5; if you have logits"):
        kl_divergence([-0.5, 1.5], [0.5, 0.5])
    with pytest.raises(ValueError, match="prediction is 0 where target is > 0, so KL"):
        kl_divergence([0.0, 1.0], [0.5, 0.5])
    with pytest.raises(ValueError, match=r"prediction must have shape \(N, C\)"):
        kl_divergence(np.full((1, 2, 2), 0.5), np.full((1, 2, 2), 0.5))


# --- Poisson ----------------------------------------------------------------------------------------------------------


def test_poisson_parity_with_scipy():
    # full=True is the exact negative log-pmf: -scipy.stats.poisson.logpmf(k, lam)
    log_rate = RNG.normal(size=10)
    k = RNG.integers(0, 12, size=10).astype(float)
    expected = -stats.poisson.logpmf(k, np.exp(log_rate))
    np.testing.assert_allclose(poisson_nll_loss(log_rate, k, full=True, reduction="none"), expected, rtol=1e-12)
    # on rates (log_input=False) the same numbers
    np.testing.assert_allclose(
        poisson_nll_loss(np.exp(log_rate), k, log_input=False, full=True, reduction="none"), expected, rtol=1e-12
    )
    # full=False drops log k! = gammaln(k + 1)
    np.testing.assert_allclose(
        poisson_nll_loss(log_rate, k, reduction="none"), expected - special.gammaln(k + 1), rtol=1e-10, atol=1e-12
    )


def test_poisson_hand_values_and_gradient():
    # hand: lam = 1 (x = 0), k = 2: 1 - 0 + log 2! = 1 + ln 2; gradient e^x - k = -1
    assert float(poisson_nll_loss(0.0, 2.0, full=True)) == pytest.approx(1 + np.log(2), rel=1e-14)
    assert float(poisson_nll_loss_grad(0.0, 2.0)) == pytest.approx(-1.0)
    # hand: on rates the gradient is 1 - k / lam: lam = 4, k = 2 -> 0.5
    assert float(poisson_nll_loss_grad(4.0, 2.0, log_input=False)) == pytest.approx(0.5)


def test_poisson_torch_full_uses_stirling():
    # registry "poisson_nll": torch's full=True adds k log k - k + 0.5 log(2 pi k) for k > 1 (PyTorch docs), which
    # differs from the exact log k! by about 1 / (12 k) (Stirling's series).
    k = np.array([2.0, 5.0, 20.0])
    stirling = k * np.log(k) - k + 0.5 * np.log(2 * np.pi * k)
    exact = special.gammaln(k + 1)
    np.testing.assert_allclose(exact - stirling, 1 / (12 * k), rtol=0.05)
    diff = poisson_nll_loss(np.zeros(3), k, full=True, reduction="none") - poisson_nll_loss(
        np.zeros(3), k, reduction="none"
    )
    np.testing.assert_allclose(diff, exact, rtol=1e-12)


def test_poisson_validation():
    with pytest.raises(ValueError, match="target must hold counts >= 0, got -1.0"):
        poisson_nll_loss([0.0], [-1.0])
    with pytest.raises(ValueError, match="prediction must be a rate > 0 when log_input=False, got 0.0"):
        poisson_nll_loss([0.0], [1.0], log_input=False)
    with pytest.raises(TypeError, match="full must be True or False, got 1"):
        poisson_nll_loss([0.0], [1.0], full=1)


# --- Gaussian ---------------------------------------------------------------------------------------------------------


def test_gaussian_parity_with_scipy():
    # full=True is -scipy.stats.norm.logpdf(y, mu, sigma)
    mu, y = RNG.normal(size=8), RNG.normal(size=8)
    var = RNG.uniform(0.2, 3.0, size=8)
    expected = -stats.norm.logpdf(y, mu, np.sqrt(var))
    np.testing.assert_allclose(gaussian_nll_loss(mu, y, variance=var, full=True, reduction="none"), expected)
    numeric = numerical_gradient(lambda v: gaussian_nll_loss(v, y, variance=var), mu)
    np.testing.assert_allclose(gaussian_nll_loss_grad(mu, y, variance=var), numeric, rtol=1e-6)


def test_gaussian_fixed_variance_is_scaled_mse():
    # hand: with sigma^2 = s fixed, 0.5 (log s + r^2 / s) = MSE / (2 s) + 0.5 log s
    mu, y = RNG.normal(size=8), RNG.normal(size=8)
    s = 2.5
    expected = mse_loss(mu, y) / (2 * s) + 0.5 * np.log(s)
    assert float(gaussian_nll_loss(mu, y, variance=s)) == pytest.approx(float(expected), rel=1e-12)
    # hand: 0.5 (log 4 + 4 / 4) = 1.19315
    assert float(gaussian_nll_loss(0.0, 2.0, variance=4.0)) == pytest.approx(0.5 * (np.log(4) + 1), rel=1e-14)


def test_gaussian_validation():
    with pytest.raises(ValueError, match="variance must be > 0, got 0.0; predict log-variance"):
        gaussian_nll_loss([0.0], [1.0], variance=0.0)
    with pytest.raises(ValueError, match=r"variance must be a number or broadcast to the shape of prediction \(2,\)"):
        gaussian_nll_loss([0.0, 1.0], [1.0, 0.0], variance=[1.0, 2.0, 3.0])
