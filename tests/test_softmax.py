"""Tests of softmax, log_softmax, logsumexp and the softmax cross-entropy (plain and tempered).

Label smoothing and probability targets are in test_variants.py. Every expected value has its source beside it:
a hand derivation, the CS231n slides/notes, d2l, anchors.md, or a reference implementation (scipy, scikit-learn).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import log_loss
from strategies import score_problems

from lossfns import (
    log_softmax,
    logsumexp,
    numerical_gradient,
    softmax,
    softmax_cross_entropy,
    softmax_cross_entropy_and_grad,
    softmax_cross_entropy_grad,
    softmax_cross_entropy_with_temperature,
    softmax_cross_entropy_with_temperature_grad,
)
from lossfns.example import LABELS, SCORES

# --- Values -------------------------------------------------------------------------------------------------


def test_cat_probabilities():
    # CS231n Lecture 3 / anchors.md: exp = 24.5, 164.0, 0.18 (sum 188.74); probabilities 0.130, 0.869, 0.001.
    np.testing.assert_allclose(softmax(SCORES[0]), [0.130, 0.869, 0.001], atol=5e-4)
    # scipy.special.softmax as the reference implementation.
    np.testing.assert_allclose(softmax(SCORES), scipy.special.softmax(SCORES, axis=1), rtol=1e-14)


def test_worked_example_cross_entropy():
    # anchors.md: per image 2.0404, 0.0791, 6.1565; mean 2.7587 (natural log).
    np.testing.assert_allclose(softmax_cross_entropy(SCORES, LABELS, reduction="none"), [2.0404, 0.0791, 6.1565],
                               atol=5e-5)
    assert softmax_cross_entropy(SCORES, LABELS) == pytest.approx(2.7587, abs=5e-5)
    # Hand: the cat image's loss is -ln p_cat = ln(e^3.2 + e^5.1 + e^-1.7) - 3.2.
    cat = math.log(math.exp(3.2) + math.exp(5.1) + math.exp(-1.7)) - 3.2
    assert softmax_cross_entropy(SCORES[0], 0) == pytest.approx(cat, rel=1e-14)


def test_cat_is_not_log10():
    # anchors.md: some slides print 0.89 for the cat image, which is -log10(0.13); the natural log gives 2.04.
    assert softmax_cross_entropy(SCORES[0], 0) / math.log(10) == pytest.approx(0.886, abs=1e-3)


def test_d2l_example():
    # d2l "Softmax regression from scratch": y_hat = [[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]], y = [0, 2] -> 1.4979.
    # Pass log-probabilities as scores: log_softmax(log p) = log p, so the loss is -mean(log p_y).
    y_hat = np.array([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
    assert softmax_cross_entropy(np.log(y_hat), [0, 2]) == pytest.approx(1.4979, abs=5e-5)
    assert softmax_cross_entropy(np.log(y_hat), [0, 2]) == pytest.approx(-(math.log(0.1) + math.log(0.5)) / 2)


@pytest.mark.parametrize("num_classes", [2, 3, 10])
def test_all_zero_scores_give_ln_c(num_classes):
    # CS231n Lecture 3 sanity check: uniform probabilities 1/C -> loss ln C (1.0986 for C = 3, 2.30 for C = 10).
    assert softmax_cross_entropy(np.zeros((2, num_classes)), [0, 1]) == pytest.approx(math.log(num_classes))


@pytest.mark.parametrize(
    ("scores", "expected"),
    # CS231n notes: class 0 correct; the SVM is satisfied by all three, cross-entropy is not. Hand values:
    # ln(1 + e^-12 + e^-7) = 0.00092, ln(1 + 2 e^-1) = 0.5514, ln(1 + 2 e^-110) = 2 e^-110 = 3.378e-48
    # (anchors.md rounds the last to "about 1.7e-48", which is e^-110, one of the two terms).
    [([10.0, -2.0, 3.0], math.log1p(math.exp(-12) + math.exp(-7))),
     ([10.0, 9.0, 9.0], math.log1p(2 * math.exp(-1))),
     ([10.0, -100.0, -100.0], 2 * math.exp(-110))],
)
def test_notes_softmax_never_satisfied(scores, expected):
    # Computed as log1p(sum of the other terms), so even 3.4e-48 is not rounded to 0 (log(1 + 3.4e-48) = 0).
    assert softmax_cross_entropy(scores, 0) == pytest.approx(expected, rel=1e-12)
    assert softmax_cross_entropy(scores, 0) > 0


def test_notes_rounded_values():
    # CS231n notes as printed: 0.00092 and 0.5514.
    assert round(float(softmax_cross_entropy([10.0, -2.0, 3.0], 0)), 5) == 0.00092
    assert round(float(softmax_cross_entropy([10.0, 9.0, 9.0], 0)), 4) == 0.5514


def test_notes_scale_dependence():
    # CS231n notes: [1, -2, 0] -> 0.71, 0.04, 0.26; halved [0.5, -1, 0] -> 0.55, 0.12, 0.33.
    np.testing.assert_allclose(softmax([1.0, -2.0, 0.0]), [0.71, 0.04, 0.26], atol=6e-3)
    np.testing.assert_allclose(softmax([0.5, -1.0, 0.0]), [0.55, 0.12, 0.33], atol=6e-3)


def test_notes_stability_example():
    # CS231n notes: [123, 456, 789] overflows a naive softmax; shifted to [-666, -333, 0] it is [0, 0, 1].
    p = softmax([123.0, 456.0, 789.0])
    assert np.all(np.isfinite(p)) and p[2] == pytest.approx(1.0)
    np.testing.assert_allclose(p, scipy.special.softmax([123.0, 456.0, 789.0]), rtol=1e-12, atol=1e-300)


def test_gradient_is_p_minus_onehot():
    # d2l / hand derivation: dL/ds = softmax(s) - onehot(y); mean divides by N.
    onehot = np.eye(3)[LABELS]
    np.testing.assert_allclose(softmax_cross_entropy_grad(SCORES, LABELS), (softmax(SCORES) - onehot) / 3,
                               rtol=1e-12, atol=1e-15)


def test_does_not_modify_inputs():
    scores = SCORES.copy()
    softmax_cross_entropy_and_grad(scores, LABELS)
    softmax(scores)
    np.testing.assert_array_equal(scores, SCORES)


# --- scipy and scikit-learn parity ------------------------------------------------------------------------------


@pytest.mark.parametrize("axis", [0, 1, -1])
def test_scipy_parity(axis):
    scores = np.random.default_rng(0).normal(scale=5, size=(4, 5))
    # scipy.special is the reference implementation for all three.
    np.testing.assert_allclose(logsumexp(scores, axis=axis), scipy.special.logsumexp(scores, axis=axis), rtol=1e-14)
    np.testing.assert_allclose(softmax(scores, axis=axis), scipy.special.softmax(scores, axis=axis), rtol=1e-13)
    # scipy takes log(sum), lossfns log1p(sum of the non-max terms): they differ by rounding (about 1e-16) near 0.
    np.testing.assert_allclose(log_softmax(scores, axis=axis), scipy.special.log_softmax(scores, axis=axis),
                               rtol=1e-12, atol=1e-15)


def test_sklearn_log_loss_parity():
    # scikit-learn log_loss takes probabilities: log_loss(y, softmax(s)) is the mean cross-entropy.
    rng = np.random.default_rng(1)
    scores, labels = rng.normal(scale=3, size=(50, 4)), rng.integers(0, 4, size=50)
    expected = log_loss(labels, scipy.special.softmax(scores, axis=1), labels=[0, 1, 2, 3])
    assert softmax_cross_entropy(scores, labels) == pytest.approx(expected, rel=1e-10)
    assert softmax_cross_entropy(SCORES, LABELS) == pytest.approx(log_loss(LABELS, softmax(SCORES)), rel=1e-12)


# --- Stability and dtype ---------------------------------------------------------------------------------------


def test_stable_float64_1e6():
    # Hand: [1e6, -1e6, 0], true class 1: logsumexp = 1e6 + ln(1 + e^-1e6 + e^-2e6) = 1e6, loss = 2e6.
    scores = np.array([[1e6, -1e6, 0.0], [-1e6, 1e6, 0.0]])
    loss, grad = softmax_cross_entropy_and_grad(scores, [1, 1], reduction="none")
    np.testing.assert_allclose(loss, [2e6, 0.0], atol=1e-9)
    np.testing.assert_allclose(grad, [[1, -1, 0], [0, 0, 0]], atol=1e-12)
    assert logsumexp([1e6, 1e6]) == pytest.approx(1e6 + math.log(2), rel=1e-15)
    np.testing.assert_allclose(log_softmax([-1e6, 1e6]), [-2e6, 0.0])


def test_stable_float32_1e4():
    # Hand: as above at 1e4 in float32.
    scores = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0]], dtype=np.float32)
    loss, grad = softmax_cross_entropy_and_grad(scores, [1, 1], reduction="none")
    assert loss.dtype == np.float32 and grad.dtype == np.float32
    np.testing.assert_allclose(loss, [2e4, 0.0], atol=1e-3)
    assert np.all(np.isfinite(grad))
    assert np.all(np.isfinite(softmax(scores))) and np.all(np.isfinite(log_softmax(scores)))


FLOAT_FUNCTIONS = {
    "softmax": lambda s, y, r: softmax(s),
    "log_softmax": lambda s, y, r: log_softmax(s),
    "logsumexp": lambda s, y, r: logsumexp(s),
    "ce": lambda s, y, r: softmax_cross_entropy(s, y, reduction=r),
    "ce_grad": lambda s, y, r: softmax_cross_entropy_grad(s, y, reduction=r),
    "ce_and_grad_loss": lambda s, y, r: softmax_cross_entropy_and_grad(s, y, reduction=r)[0],
    "ce_and_grad_grad": lambda s, y, r: softmax_cross_entropy_and_grad(s, y, reduction=r)[1],
    "temperature": lambda s, y, r: softmax_cross_entropy_with_temperature(s, y, temperature=2.0, reduction=r),
    "temperature_grad": lambda s, y, r: softmax_cross_entropy_with_temperature_grad(s, y, temperature=2.0,
                                                                                     reduction=r),
}


@pytest.mark.parametrize("name", list(FLOAT_FUNCTIONS))
@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_float32_in_float32_out(name, reduction):
    fn = FLOAT_FUNCTIONS[name]
    assert np.asarray(fn(SCORES.astype(np.float32), LABELS, reduction)).dtype == np.float32
    assert np.asarray(fn(SCORES, LABELS, reduction)).dtype == np.float64
    np.testing.assert_allclose(fn(SCORES.astype(np.float32), LABELS, reduction), fn(SCORES, LABELS, reduction),
                               rtol=1e-5, atol=1e-6)


# --- Temperature -----------------------------------------------------------------------------------------------


def test_temperature_one_is_plain():
    # Definition: T = 1 divides by 1.
    assert softmax_cross_entropy_with_temperature(SCORES, LABELS) == softmax_cross_entropy(SCORES, LABELS)


def test_temperature_two_is_halved_scores():
    # Definition: softmax(s / T); the CS231n notes' halved scores [0.5, -1, 0] are [1, -2, 0] at T = 2.
    assert softmax_cross_entropy_with_temperature([1.0, -2.0, 0.0], 0, temperature=2.0) == pytest.approx(
        softmax_cross_entropy([0.5, -1.0, 0.0], 0), rel=1e-15)


def test_temperature_gradient_matches_central_differences():
    scores = SCORES.copy()
    numeric = numerical_gradient(
        lambda s: softmax_cross_entropy_with_temperature(s, LABELS, temperature=0.7), scores)
    np.testing.assert_allclose(softmax_cross_entropy_with_temperature_grad(scores, LABELS, temperature=0.7),
                               numeric, atol=1e-8)


@pytest.mark.parametrize(
    ("temperature", "error", "match"),
    [(0.0, ValueError, r"temperature must be a finite number > 0, got 0.0; T < 1 sharpens"),
     (-1.0, ValueError, r"temperature must be a finite number > 0, got -1.0"),
     (np.inf, ValueError, r"temperature must be a finite number > 0, got inf"),
     ("2", TypeError, r"temperature must be a number, got '2'"),
     (1e-320, ValueError, r"scores / temperature overflows float64 for temperature=1e-320; use a larger")],
)
@pytest.mark.parametrize("fn", [softmax_cross_entropy_with_temperature, softmax_cross_entropy_with_temperature_grad])
def test_temperature_errors(fn, temperature, error, match):
    with pytest.raises(error, match=match):
        fn(SCORES, LABELS, temperature=temperature)


def test_temperature_validates_scores_first():
    with pytest.raises(ValueError, match=r"scores must be finite, but it contains nan"):
        softmax_cross_entropy_with_temperature([[np.nan, 0.0]], [0], temperature=2.0)


# --- Errors -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scores", "labels", "kwargs", "error", "match"),
    [
        (np.zeros((2, 3, 4)), [0, 1], {}, ValueError, r"scores must have shape \(N, C\).*got shape \(2, 3, 4\)"),
        (np.zeros((3, 3)), [0, 1], {}, ValueError, r"labels has 2 entries but scores has 3 rows; pass one label"),
        (SCORES, [0, 1, 3], {}, ValueError, r"labels must be in \[0, 2\] for 3 classes, got 3; labels index"),
        (SCORES, [-1, 1, 2], {}, ValueError, r"labels must be in \[0, 2\] for 3 classes, got -1"),
        (SCORES, [0.5, 1, 2], {}, ValueError, r"labels must be integer class indices, got non-integer values"),
        ([[1.0, np.nan]], [0], {}, ValueError, r"scores must be finite, but it contains nan; remove or replace"),
        ([[1.0, -np.inf]], [0], {}, ValueError, r"scores must be finite, but it contains -inf"),
        (np.zeros((0, 3)), [], {}, ValueError, r"scores is an empty batch \(shape \(0, 3\)\); pass at least one"),
        (SCORES, LABELS, {"reduction": "avg"}, ValueError, r"reduction must be one of 'none', 'mean', 'sum', got"),
        (SCORES, LABELS, {"reduction": None}, ValueError, r"reduction must be one of .* got None"),
    ],
    ids=["ndim", "n-mismatch", "label-too-big", "label-negative", "label-non-integer", "nan", "inf", "empty",
         "reduction", "reduction-none-object"],
)
@pytest.mark.parametrize("fn", [softmax_cross_entropy, softmax_cross_entropy_grad, softmax_cross_entropy_and_grad])
def test_bad_input_raises(fn, scores, labels, kwargs, error, match):
    with pytest.raises(error, match=match):
        fn(scores, labels, **kwargs)


@pytest.mark.parametrize(
    ("scores", "kwargs", "match"),
    [(3.0, {}, r"scores must have at least one axis, got a scalar"),
     ([1.0, 2.0], {"axis": 1}, r"axis must be in \[-1, 0\] for scores of shape \(2,\), got 1"),
     (np.zeros((2, 0)), {}, r"scores has no entries along axis -1 \(shape \(2, 0\)\)"),
     ([np.nan, 1.0], {}, r"scores must be finite, but it contains nan")],
    ids=["scalar", "axis", "empty-axis", "nan"],
)
@pytest.mark.parametrize("fn", [softmax, log_softmax, logsumexp])
def test_softmax_family_errors(fn, scores, kwargs, match):
    with pytest.raises(ValueError, match=match):
        fn(scores, **kwargs)


# --- Properties (hypothesis) -------------------------------------------------------------------------------------

def problems(max_n=6, max_c=6):
    return score_problems(100.0, max_n, max_c)


@settings(max_examples=60, deadline=None)
@given(problems(), st.data())
def test_property_non_negative_and_shift_invariant(problem, data):
    scores, labels = problem
    loss = softmax_cross_entropy(scores, labels, reduction="none")
    assert np.all(loss >= 0)
    # Adding a constant to a row (a different one per row) leaves the probabilities, so the loss and the
    # gradient, unchanged, up to the rounding of s + c.
    shift = data.draw(arrays(np.float64, (len(labels), 1), elements=st.floats(-1e3, 1e3)))
    shifted = softmax_cross_entropy(scores + shift, labels, reduction="none")
    np.testing.assert_allclose(shifted, loss, atol=1e-9 * (1 + np.abs(shift).max()))
    np.testing.assert_allclose(softmax_cross_entropy_grad(scores + shift, labels),
                               softmax_cross_entropy_grad(scores, labels), atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(problems())
def test_property_probabilities_and_gradient_rows(problem):
    scores, labels = problem
    p = softmax(scores)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)
    assert np.all(p >= 0)
    # The gradient rows p - onehot sum to 1 - 1 = 0.
    np.testing.assert_allclose(softmax_cross_entropy_grad(scores, labels, reduction="none").sum(axis=1), 0.0,
                               atol=1e-12)
    # log_softmax = s - logsumexp(s) and exp(log_softmax) = softmax.
    np.testing.assert_allclose(log_softmax(scores), scores - logsumexp(scores)[:, None], atol=1e-12)
    np.testing.assert_allclose(np.exp(log_softmax(scores)), p, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(problems(), st.sampled_from(["none", "mean", "sum"]))
def test_property_reductions_and_and_grad(problem, reduction):
    scores, labels = problem
    n = len(labels)
    per = softmax_cross_entropy(scores, labels, reduction="none")
    total = softmax_cross_entropy(scores, labels, reduction="sum")
    assert total == pytest.approx(per.sum(), rel=1e-12, abs=1e-12)
    assert total == pytest.approx(n * softmax_cross_entropy(scores, labels), rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(softmax_cross_entropy_grad(scores, labels, reduction="sum"),
                               n * softmax_cross_entropy_grad(scores, labels), rtol=1e-12, atol=1e-15)
    loss, grad = softmax_cross_entropy_and_grad(scores, labels, reduction=reduction)
    np.testing.assert_array_equal(loss, softmax_cross_entropy(scores, labels, reduction=reduction))
    np.testing.assert_array_equal(grad, softmax_cross_entropy_grad(scores, labels, reduction=reduction))


@settings(max_examples=30, deadline=None)
@given(problems(max_n=4, max_c=5))
def test_property_gradient_matches_central_differences(problem):
    scores, labels = problem
    scores = scores / 10  # keep probabilities away from 0/1, where the finite difference loses digits
    numeric = numerical_gradient(lambda s: softmax_cross_entropy(s, labels, reduction="sum"), scores)
    np.testing.assert_allclose(softmax_cross_entropy_grad(scores, labels, reduction="sum"), numeric, atol=1e-7)


@pytest.mark.parametrize(("dtype", "offset"), [(np.float64, 590.0), (np.float64, -290.0), (np.float32, 55.0),
                                               (np.float32, -15.0)])
def test_unshifted_and_shifted_paths_agree(dtype, offset):
    # Row maxima inside a safe range skip the max-shift (exp(s) directly); outside, exp(s - max). Adding a
    # constant to every score must not change the loss or the gradient (shift invariance), across the two paths.
    rng = np.random.default_rng(5)
    base = rng.normal(scale=3, size=(6, 4))
    labels = rng.integers(0, 4, size=6)
    inside = (base + offset).astype(dtype)  # row maxima just inside the range: unshifted path
    outside = (base + offset + np.sign(offset) * 30).astype(dtype)  # just outside: shifted path
    tol = 1e-12 * abs(offset) if dtype == np.float64 else 1e-5 * abs(offset)
    for scores in (inside, outside):
        loss, grad = softmax_cross_entropy_and_grad(scores, labels, reduction="none")
        ref_loss, ref_grad = softmax_cross_entropy_and_grad(base, labels, reduction="none")
        np.testing.assert_allclose(loss, ref_loss, atol=tol, rtol=1e-5)
        np.testing.assert_allclose(grad, ref_grad, atol=max(tol, 1e-7))
