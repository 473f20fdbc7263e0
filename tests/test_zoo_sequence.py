"""Tests of the CTC loss (lossfns._sequence): against brute-force enumeration of every alignment, against an
independent scaled (probability-space) forward algorithm on long sequences, stability, input validation.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from lossfns import ctc_forward_backward, ctc_loss, ctc_loss_grad, log_softmax, numerical_gradient


def _collapse(path, blank=0):
    """Graves et al. (2006), the map B: merge repeated symbols, then remove blanks."""
    out = [k for i, k in enumerate(path) if i == 0 or k != path[i - 1]]
    return [k for k in out if k != blank]


def _brute_force(lp, target, blank=0):
    """-log of the summed probability of every path that collapses to target, and each path's posterior counts."""
    t_steps, c = lp.shape
    total, occupancy = 0.0, np.zeros_like(lp)
    for path in itertools.product(range(c), repeat=t_steps):
        if _collapse(list(path), blank) == list(target):
            prob = np.exp(sum(lp[t, k] for t, k in enumerate(path)))
            total += prob
            for t, k in enumerate(path):
                occupancy[t, k] += prob
    return -np.log(total), occupancy / total


def _scaled_forward(lp, target, blank=0):
    """Graves (2012, section 7.3.1) rescaled forward pass in probability space: a reference independent of ours."""
    y = np.exp(lp)
    ext = [blank]
    for k in target:
        ext += [k, blank]
    s_len = len(ext)
    alpha = np.zeros(s_len)
    alpha[0], alpha[1] = y[0, ext[0]], y[0, ext[1]]
    log_p = 0.0
    for t in range(len(y)):
        if t > 0:
            new = np.zeros(s_len)
            for s in range(s_len):
                a = alpha[s] + (alpha[s - 1] if s >= 1 else 0.0)
                if s >= 2 and ext[s] != blank and ext[s] != ext[s - 2]:
                    a += alpha[s - 2]
                new[s] = a * y[t, ext[s]]
            alpha = new
        scale = alpha.sum()
        log_p += np.log(scale)
        alpha = alpha / scale
    return -(log_p + np.log(alpha[-1] + alpha[-2]))


def test_hand_value():
    # hand: T = 2, uniform over {blank, a}, target "a": paths a-a, blank-a, a-blank each 1/4, so p = 3/4
    lp = np.log(np.full((2, 2), 0.5))
    assert float(ctc_loss(lp, [1])) == pytest.approx(-np.log(0.75), rel=1e-14)
    # hand: the same path set gives occupancies: blank 1/3 and "a" 2/3 at each step
    np.testing.assert_allclose(ctc_loss_grad(lp, [1]), [[-1 / 3, -2 / 3]] * 2, rtol=1e-14)


@pytest.mark.parametrize("target", [[1], [1, 2], [1, 1], [2, 1, 2], []])
def test_against_brute_force(target):
    rng = np.random.default_rng(len(target))
    lp = log_softmax(rng.normal(size=(5, 3)))
    expected_loss, expected_occ = _brute_force(lp, target)
    assert float(ctc_loss(lp, target)) == pytest.approx(expected_loss, rel=1e-12)
    np.testing.assert_allclose(ctc_loss_grad(lp, target), -expected_occ, atol=1e-12)
    lat = ctc_forward_backward(lp, target)
    np.testing.assert_allclose(lat.occupancy.sum(axis=1), 1.0)  # one symbol per time step
    # the likelihood can be read at any time step: sum_s alpha_t(s) beta_t(s) / y_t(l'_s) = p
    per_t = np.logaddexp.reduce(lat.log_alpha + lat.log_beta - lp[:, lat.extended], axis=1)
    np.testing.assert_allclose(per_t, lat.log_likelihood, rtol=1e-12)


def test_gradient_against_central_differences_with_blank_last():
    rng = np.random.default_rng(9)
    lp = log_softmax(rng.normal(size=(6, 4)))
    target = [0, 1, 1]
    numeric = numerical_gradient(lambda v: ctc_loss(v, target, blank=3), lp)
    np.testing.assert_allclose(ctc_loss_grad(lp, target, blank=3), numeric, rtol=1e-6, atol=1e-9)


def test_batch_with_ragged_targets():
    rng = np.random.default_rng(4)
    lp = log_softmax(rng.normal(size=(3, 6, 4)))
    targets = [[1, 2], [3], [2, 2, 1]]
    per = ctc_loss(lp, targets, reduction="none")
    assert per.shape == (3,)
    for i in range(3):
        assert per[i] == pytest.approx(float(ctc_loss(lp[i], targets[i])), rel=1e-14)
    assert float(ctc_loss(lp, targets)) == pytest.approx(per.mean(), rel=1e-14)  # mean over sequences
    grad = ctc_loss_grad(lp, targets)
    np.testing.assert_allclose(grad[1], ctc_loss_grad(lp[1], targets[1]) / 3, rtol=1e-14)
    # an (N, L) integer array works for equal lengths
    np.testing.assert_allclose(ctc_loss(lp[:2], np.array([[1, 2], [3, 1]]), reduction="none"),
                               [per[0], float(ctc_loss(lp[1], [3, 1]))])  # fmt: skip


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_long_sequence_is_stable(dtype):
    # T = 2000 steps: every path probability is below 1e-300 (float64 underflow), yet log space is exact.
    rng = np.random.default_rng(0)
    t_steps, c = 2000, 6
    lp = log_softmax(rng.normal(size=(t_steps, c))).astype(dtype)
    target = rng.integers(1, c, size=60)
    loss = float(ctc_loss(lp, target))
    assert np.isfinite(loss) and loss > 745  # e^-745 underflows even float64's subnormals
    reference = _scaled_forward(lp.astype(np.float64), target)
    assert loss == pytest.approx(reference, rel=1e-10 if dtype == np.float64 else 1e-4)
    grad = ctc_loss_grad(lp, target)
    assert grad.dtype == dtype and np.all(np.isfinite(grad))
    np.testing.assert_allclose(grad.sum(axis=1), -1.0, rtol=1e-4)  # occupancies sum to 1 at every step


def test_uniform_long_sequence_counts_alignments():
    # With y_t(k) = 1/C everywhere, p = (number of alignments) / C^T. The number of alignments is counted exactly
    # with Python integers (no floating point, no logarithms) - an exact reference for T = 2000.
    t_steps, c, target = 2000, 4, [1, 2, 3, 1, 2]
    ext = [0, 1, 0, 2, 0, 3, 0, 1, 0, 2, 0]
    counts = [1, 1] + [0] * (len(ext) - 2)
    for _ in range(1, t_steps):
        counts = [
            counts[s] + (counts[s - 1] if s >= 1 else 0) + (counts[s - 2] if s >= 2 and ext[s] != 0 else 0)
            for s in range(len(ext))
        ]
    n_paths = counts[-1] + counts[-2]
    expected = t_steps * np.log(c) - np.log(float(n_paths))  # p = n_paths / 4^2000 underflows; its log does not
    lp = np.full((t_steps, c), -np.log(c))
    assert float(ctc_loss(lp, target)) == pytest.approx(expected, rel=1e-12)


def test_validation_messages():
    lp = log_softmax(np.zeros((3, 3)))
    with pytest.raises(ValueError, match=r"target needs at least 4 time steps .* but log_probs has T=3"):
        ctc_loss(lp, [1, 1, 2])  # 3 symbols plus a blank between the repeated 1s
    with pytest.raises(ValueError, match=r"target symbols must be in \[0, 2\] and differ from blank=0, got 0"):
        ctc_loss(lp, [0, 1])
    with pytest.raises(ValueError, match=r"target symbols must be in \[0, 2\] and differ from blank=0, got 3"):
        ctc_loss(lp, [3])
    with pytest.raises(ValueError, match=r"blank must be in \[0, 2\] for 3 symbols, got 5"):
        ctc_loss(lp, [1], blank=5)
    with pytest.raises(TypeError, match="target must be a 1-D sequence of integer symbols"):
        ctc_loss(lp, [1.5])
    with pytest.raises(ValueError, match=r"log_probs must have shape \(T, C\) for one sequence or \(N, T, C\)"):
        ctc_loss(np.zeros(3), [1])
    with pytest.raises(ValueError, match="targets has 1 sequences but log_probs has 2"):
        ctc_loss(np.zeros((2, 3, 3)), [[1]])
    with pytest.raises(ValueError, match="log_probs must be finite"):
        ctc_loss(np.full((3, 3), -np.inf), [1])
