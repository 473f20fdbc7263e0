"""Tests of the loss variants: Crammer-Singer, one-vs-all and squared hinge (lossfns._svm), label smoothing and
probability targets (lossfns._softmax); and one contract every score-level loss of the core keeps (float32 in
float32 out, reductions, gradients against central differences).

Every expected value has its source beside it: a hand derivation, anchors.md, or scikit-learn.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from sklearn.metrics import hinge_loss
from strategies import score_problems

from lossfns import (
    crammer_singer_loss,
    crammer_singer_loss_grad,
    label_smoothed_cross_entropy,
    label_smoothed_cross_entropy_grad,
    numerical_gradient,
    one_vs_all_hinge_loss,
    one_vs_all_hinge_loss_grad,
    softmax,
    softmax_cross_entropy,
    softmax_cross_entropy_and_grad,
    softmax_cross_entropy_grad,
    softmax_cross_entropy_with_probs,
    softmax_cross_entropy_with_probs_grad,
    softmax_cross_entropy_with_temperature,
    softmax_cross_entropy_with_temperature_grad,
    squared_hinge_loss,
    squared_hinge_loss_grad,
    svm_loss,
    svm_loss_and_grad,
    svm_loss_grad,
)
from lossfns.example import LABELS, SCORES

# --- Crammer-Singer ------------------------------------------------------------------------------------------


def test_crammer_singer_worked_example():
    # anchors.md "multiclass hinge" table: Crammer-Singer 2.9, 0, 6.6 (frog: max(6.3, 6.6)); mean 3.1667.
    np.testing.assert_allclose(crammer_singer_loss(SCORES, LABELS, reduction="none"), [2.9, 0.0, 6.6], rtol=1e-12)
    assert crammer_singer_loss(SCORES, LABELS) == pytest.approx(9.5 / 3, rel=1e-12)
    assert round(float(crammer_singer_loss(SCORES, LABELS)), 4) == 3.1667


def test_crammer_singer_matches_sklearn_hinge_loss():
    # scikit-learn hinge_loss, multiclass (C >= 3): mean of max(0, 1 - (s_y - max_{j != y} s_j)), margin 1.
    assert crammer_singer_loss(SCORES, LABELS) == pytest.approx(hinge_loss(LABELS, SCORES), rel=1e-12)
    rng = np.random.default_rng(2)
    scores, labels = rng.normal(scale=2, size=(40, 5)), rng.integers(0, 5, size=40)
    expected = hinge_loss(labels, scores, labels=np.arange(5))
    assert crammer_singer_loss(scores, labels) == pytest.approx(expected, rel=1e-12)


def test_crammer_singer_never_exceeds_weston_watkins():
    # Definition: the largest violated margin is one of the terms the Weston-Watkins sum adds up.
    rng = np.random.default_rng(3)
    scores, labels = rng.normal(size=(30, 4)), rng.integers(0, 4, size=30)
    assert np.all(crammer_singer_loss(scores, labels, reduction="none")
                  <= svm_loss(scores, labels, reduction="none") + 1e-12)


def test_crammer_singer_gradient_worked_example():
    # Hand: cat image rival car (5.1) violated -> [-1, 1, 0]; car image 0; frog image rival car (2.5) -> [0, 1, -1].
    expected = np.array([[-1, 1, 0], [0, 0, 0], [0, 1, -1]], dtype=float)
    np.testing.assert_array_equal(crammer_singer_loss_grad(SCORES, LABELS, reduction="sum"), expected)


def test_crammer_singer_tie_picks_one_rival():
    # Hand: [0, 0, 0], true 0: both rivals tie at 0, loss 1; the subgradient puts +1 on the first rival only.
    assert crammer_singer_loss([0.0, 0.0, 0.0], 0) == 1.0
    np.testing.assert_array_equal(crammer_singer_loss_grad([0.0, 0.0, 0.0], 0), [-1.0, 1.0, 0.0])


# --- One-vs-all --------------------------------------------------------------------------------------------------


def test_one_vs_all_worked_example():
    # Hand, L_i = sum_j max(0, 1 - t_ij s_ij): cat image max(0, 1-3.2) + max(0, 1+5.1) + max(0, 1-1.7) = 6.1;
    # car image max(0, 1+1.3) + max(0, 1-4.9) + max(0, 1+2.0) = 2.3 + 0 + 3.0 = 5.3;
    # frog image max(0, 1+2.2) + max(0, 1+2.5) + max(0, 1+3.1) = 3.2 + 3.5 + 4.1 = 10.8.
    np.testing.assert_allclose(one_vs_all_hinge_loss(SCORES, LABELS, reduction="none"), [6.1, 5.3, 10.8],
                               rtol=1e-12)
    # Hand: gradient -t_ij where the term is active; frog image all three active, t = (-1, -1, +1).
    np.testing.assert_array_equal(one_vs_all_hinge_loss_grad(SCORES, LABELS, reduction="none"),
                                  [[0, 1, 0], [1, 0, 1], [1, 1, -1]])


def test_one_vs_all_zero_scores():
    # Hand: all scores 0 -> every one of the C binary hinges is max(0, 1 - 0) = 1: loss C.
    assert one_vs_all_hinge_loss(np.zeros((2, 4)), [0, 3]) == 4.0


# --- Squared hinge ----------------------------------------------------------------------------------------------


def test_squared_hinge_worked_example():
    # anchors.md: squared hinge (L2-SVM), Weston-Watkins form: cat 2.9^2 = 8.41, car 0, frog 6.3^2 + 6.6^2 = 83.25;
    # mean 30.553.
    np.testing.assert_allclose(squared_hinge_loss(SCORES, LABELS, reduction="none"), [8.41, 0.0, 83.25], rtol=1e-12)
    assert squared_hinge_loss(SCORES, LABELS) == pytest.approx(30.553, abs=5e-4)


def test_squared_hinge_gradient_worked_example():
    # Hand: 2 * margin per violated term, minus their sum on the true class; the cat image: 2 * 2.9 = 5.8.
    np.testing.assert_allclose(squared_hinge_loss_grad(SCORES, LABELS, reduction="sum"),
                               [[-5.8, 5.8, 0], [0, 0, 0], [12.6, 13.2, -25.8]], rtol=1e-12)


def test_squared_hinge_zero_scores():
    # Hand: all scores 0 -> C - 1 terms of 1^2: C - 1, as the plain SVM.
    assert squared_hinge_loss(np.zeros((1, 5)), [2]) == 4.0


# --- Label smoothing ------------------------------------------------------------------------------------------------


def test_label_smoothing_eps_zero_is_plain_ce():
    # Definition: q = onehot when eps = 0.
    np.testing.assert_array_equal(label_smoothed_cross_entropy(SCORES, LABELS, eps=0.0, reduction="none"),
                                  softmax_cross_entropy(SCORES, LABELS, reduction="none"))


def test_label_smoothing_matches_explicit_target():
    # torch/optax definition: q = (1 - eps) onehot + eps / C, L = -sum q log p (here from softmax, by hand).
    eps = 0.1
    q = (1 - eps) * np.eye(3)[LABELS] + eps / 3
    expected = -(q * np.log(softmax(SCORES))).sum(axis=1)
    np.testing.assert_allclose(label_smoothed_cross_entropy(SCORES, LABELS, eps=eps, reduction="none"), expected,
                               rtol=1e-12)
    np.testing.assert_allclose(softmax_cross_entropy_with_probs(SCORES, q, reduction="none"), expected, rtol=1e-12)
    np.testing.assert_allclose(label_smoothed_cross_entropy_grad(SCORES, LABELS, eps=eps),
                               (softmax(SCORES) - q) / 3, rtol=1e-12, atol=1e-15)


def test_label_smoothing_cat_image_hand_value():
    # Hand, eps = 0.1, cat image: 0.9 * 2.0404 + 0.1 * (logsumexp - mean(s)); logsumexp = 2.0404 + 3.2 = 5.2404,
    # mean(s) = (3.2 + 5.1 - 1.7) / 3 = 2.2 -> 0.9 * 2.0404 + 0.1 * 3.0404 = 2.1404.
    assert label_smoothed_cross_entropy(SCORES[0], 0, eps=0.1) == pytest.approx(2.1404, abs=5e-5)


def test_label_smoothing_has_a_floor():
    # Hand: the minimum over scores is the entropy of q, reached at p = q: for C = 2, eps = 0.2, q = (0.9, 0.1),
    # s = (log 0.9, log 0.1) gives -0.9 ln 0.9 - 0.1 ln 0.1 = 0.3251.
    q = np.array([0.9, 0.1])
    loss = label_smoothed_cross_entropy(np.log(q), 0, eps=0.2)
    assert loss == pytest.approx(-(q * np.log(q)).sum(), rel=1e-12)
    np.testing.assert_allclose(label_smoothed_cross_entropy_grad(np.log(q), 0, eps=0.2), 0.0, atol=1e-15)


@pytest.mark.parametrize(
    ("eps", "error", "match"),
    [(1.0, ValueError, r"eps must be in \[0, 1\), got 1.0; it is the probability mass"),
     (-0.1, ValueError, r"eps must be in \[0, 1\), got -0.1"),
     (np.nan, ValueError, r"eps must be in \[0, 1\), got nan"),
     ("0.1", TypeError, r"eps must be a number, got '0.1'")],
)
@pytest.mark.parametrize("fn", [label_smoothed_cross_entropy, label_smoothed_cross_entropy_grad])
def test_label_smoothing_errors(fn, eps, error, match):
    with pytest.raises(error, match=match):
        fn(SCORES, LABELS, eps=eps)


# --- Probability targets ---------------------------------------------------------------------------------------------


def test_probs_onehot_is_plain_ce():
    # Definition: with one-hot targets -sum t log p = -log p_y.
    np.testing.assert_allclose(softmax_cross_entropy_with_probs(SCORES, np.eye(3)[LABELS], reduction="none"),
                               [2.0404, 0.0791, 6.1565], atol=5e-5)  # anchors.md
    np.testing.assert_allclose(softmax_cross_entropy_with_probs_grad(SCORES, np.eye(3)[LABELS]),
                               softmax_cross_entropy_grad(SCORES, LABELS), atol=1e-15)


def test_probs_uniform_zero_scores():
    # Hand: p = t = uniform over C classes -> loss ln C (the entropy of the uniform target), gradient 0.
    t = np.full((2, 4), 0.25)
    assert softmax_cross_entropy_with_probs(np.zeros((2, 4)), t) == pytest.approx(math.log(4))
    np.testing.assert_allclose(softmax_cross_entropy_with_probs_grad(np.zeros((2, 4)), t), 0.0, atol=1e-16)


def test_probs_stable_float64():
    # Hand: scores [1e6, -1e6], target (0.5, 0.5): logsumexp = 1e6, loss = 1e6 - 0.5 (1e6 - 1e6) = 1e6.
    assert softmax_cross_entropy_with_probs([1e6, -1e6], [0.5, 0.5]) == pytest.approx(1e6, rel=1e-15)


@pytest.mark.parametrize(
    ("scores", "targets", "error", "match"),
    [(SCORES, np.full((3, 2), 0.5), ValueError, r"targets must have the shape of scores \(3, 3\), got shape \(3, 2\)"),
     (SCORES, [[1.2, -0.2, 0.0]] * 3, ValueError, r"targets must be non-negative probabilities, got -0.2"),
     (SCORES, [[0.5, 0.4, 0.0]] * 3, ValueError, r"targets rows must sum to 1, but row 0 sums to 0.9; normalise"),
     (SCORES, [[np.nan, 0.5, 0.5]] * 3, ValueError, r"targets must be finite, but it contains nan"),
     (SCORES, LABELS, ValueError, r"targets must have the shape of scores \(3, 3\), got shape \(3,\)"),
     ([1.0, 2.0], [[0.5, 0.5]], ValueError, r"targets must have the shape of scores \(2,\), got shape \(1, 2\)"),
     (SCORES, [["a"] * 3] * 3, TypeError, r"targets must be an array of real numbers")],
    ids=["shape", "negative", "row-sum", "nan", "integer-labels", "1d-vs-2d", "strings"],
)
@pytest.mark.parametrize("fn", [softmax_cross_entropy_with_probs, softmax_cross_entropy_with_probs_grad])
def test_probs_errors(fn, scores, targets, error, match):
    with pytest.raises(error, match=match):
        fn(scores, targets)


# --- Errors shared by the hinge variants --------------------------------------------------------------------------

HINGE_VARIANTS = [crammer_singer_loss, crammer_singer_loss_grad, one_vs_all_hinge_loss, one_vs_all_hinge_loss_grad,
                  squared_hinge_loss, squared_hinge_loss_grad]


@pytest.mark.parametrize(
    ("scores", "labels", "kwargs", "error", "match"),
    [(np.zeros((2, 3, 4)), [0, 1], {}, ValueError, r"scores must have shape \(N, C\).*got shape \(2, 3, 4\)"),
     (np.zeros((3, 3)), [0, 1], {}, ValueError, r"labels has 2 entries but scores has 3 rows"),
     (SCORES, [0, 1, 3], {}, ValueError, r"labels must be in \[0, 2\] for 3 classes, got 3"),
     (SCORES, [0, -2, 2], {}, ValueError, r"labels must be in \[0, 2\] for 3 classes, got -2"),
     (SCORES, [0, 1, 2.5], {}, ValueError, r"labels must be integer class indices, got non-integer"),
     ([[np.nan, 1.0]], [0], {}, ValueError, r"scores must be finite, but it contains nan"),
     (np.zeros((0, 3)), [], {}, ValueError, r"scores is an empty batch"),
     (SCORES, LABELS, {"reduction": "average"}, ValueError, r"reduction must be one of 'none', 'mean', 'sum'"),
     (SCORES, LABELS, {"margin": -0.5}, ValueError, r"margin must be a finite number >= 0, got -0.5")],
    ids=["ndim", "n-mismatch", "label-too-big", "label-negative", "label-non-integer", "nan", "empty", "reduction",
         "margin"],
)
@pytest.mark.parametrize("fn", HINGE_VARIANTS)
def test_hinge_variant_errors(fn, scores, labels, kwargs, error, match):
    with pytest.raises(error, match=match):
        fn(scores, labels, **kwargs)


@pytest.mark.parametrize("fn", [label_smoothed_cross_entropy, label_smoothed_cross_entropy_grad])
def test_label_smoothing_shares_label_errors(fn):
    with pytest.raises(ValueError, match=r"labels must be in \[0, 2\] for 3 classes, got 5"):
        fn(SCORES, [0, 1, 5])


# --- One contract for every score-level loss ---------------------------------------------------------------------

PROBS = np.array([[0.7, 0.2, 0.1], [0.0, 1.0, 0.0], [0.25, 0.25, 0.5]])

#: name -> (loss, grad, and_grad or None, keyword settings); the probability-target loss has its own tests below.
LOSSES = {
    "svm": (svm_loss, svm_loss_grad, svm_loss_and_grad, {}),
    "crammer_singer": (crammer_singer_loss, crammer_singer_loss_grad, None, {}),
    "one_vs_all": (one_vs_all_hinge_loss, one_vs_all_hinge_loss_grad, None, {}),
    "squared_hinge": (squared_hinge_loss, squared_hinge_loss_grad, None, {}),
    "ce": (softmax_cross_entropy, softmax_cross_entropy_grad, softmax_cross_entropy_and_grad, {}),
    "ce_temperature": (softmax_cross_entropy_with_temperature, softmax_cross_entropy_with_temperature_grad, None,
                       {"temperature": 3.0}),
    "label_smoothed": (label_smoothed_cross_entropy, label_smoothed_cross_entropy_grad, None, {"eps": 0.2}),
}


@pytest.mark.parametrize("name", list(LOSSES))
@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_contract_float32_in_float32_out(name, reduction):
    loss, grad, and_grad, kwargs = LOSSES[name]
    s32 = SCORES.astype(np.float32)
    outputs = [loss(s32, LABELS, reduction=reduction, **kwargs), grad(s32, LABELS, reduction=reduction, **kwargs)]
    if and_grad is not None:
        outputs += list(and_grad(s32, LABELS, reduction=reduction, **kwargs))
    for out in outputs:
        assert np.asarray(out).dtype == np.float32
    np.testing.assert_allclose(loss(s32, LABELS, reduction=reduction, **kwargs),
                               loss(SCORES, LABELS, reduction=reduction, **kwargs), rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_probs_float32_in_float32_out(reduction):
    s32 = SCORES.astype(np.float32)
    assert np.asarray(softmax_cross_entropy_with_probs(s32, PROBS, reduction=reduction)).dtype == np.float32
    assert softmax_cross_entropy_with_probs_grad(s32, PROBS, reduction=reduction).dtype == np.float32


@pytest.mark.parametrize("name", list(LOSSES))
def test_contract_stable_at_large_scores(name):
    # float64 up to 1e6 and float32 up to 1e4: finite loss and gradient.
    loss, grad, _, kwargs = LOSSES[name]
    for dtype, scale in [(np.float64, 1e6), (np.float32, 1e4)]:
        scores = (np.array([[1.0, -1.0, 0.5], [-1.0, 1.0, 0.0]]) * scale).astype(dtype)
        assert np.all(np.isfinite(loss(scores, [1, 0], reduction="none", **kwargs)))
        assert np.all(np.isfinite(grad(scores, [1, 0], **kwargs)))


def test_probs_stable_float32():
    scores = (np.array([[1.0, -1.0, 0.5]]) * 1e4).astype(np.float32)
    assert np.isfinite(softmax_cross_entropy_with_probs(scores, [[0.2, 0.3, 0.5]]))


def problems(max_n=4, max_c=5):
    return score_problems(20.0, max_n, max_c)


def _distance_to_kink(name, scores, labels):
    """How far the scores are from a point where the loss is not differentiable (inf for smooth losses)."""
    rows = np.arange(len(labels))
    true = scores[rows, labels][:, None]
    off = np.ones_like(scores, dtype=bool)
    off[rows, labels] = False
    if name == "svm":
        return np.min(np.abs(scores - true + 1)[off])
    if name == "crammer_singer":
        ranked = np.sort(np.where(off, scores, -np.inf), axis=1)  # the true class sorts first, as -inf
        top, second = ranked[:, -1], ranked[:, -2]  # second is -inf when C = 2: no tie possible
        return min(np.min(top - second), np.min(np.abs(top - true[:, 0] + 1)))
    if name == "one_vs_all":
        t = np.where(off, -1.0, 1.0)
        return np.min(np.abs(1 - t * scores))
    return np.inf


@settings(max_examples=25, deadline=None)
@given(problems(), st.sampled_from(list(LOSSES)))
def test_property_contract(problem, name):
    scores, labels = problem
    loss, grad, and_grad, kwargs = LOSSES[name]
    per = loss(scores, labels, reduction="none", **kwargs)
    n = len(labels)
    # Non-negative.
    assert np.all(per >= 0)
    # Reductions consistent: sum = N * mean, "none" sums to "sum"; same for the gradients.
    total = loss(scores, labels, reduction="sum", **kwargs)
    assert total == pytest.approx(per.sum(), rel=1e-12, abs=1e-12)
    assert total == pytest.approx(n * loss(scores, labels, **kwargs), rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(grad(scores, labels, reduction="sum", **kwargs),
                               n * grad(scores, labels, **kwargs), rtol=1e-12, atol=1e-15)
    if and_grad is not None:
        both = and_grad(scores, labels, **kwargs)
        np.testing.assert_array_equal(both[0], loss(scores, labels, **kwargs))
        np.testing.assert_array_equal(both[1], grad(scores, labels, **kwargs))
    # Analytic gradient = central differences, away from kinks.
    assume(_distance_to_kink(name, scores, labels) > 1e-3)
    numeric = numerical_gradient(lambda s: loss(s, labels, reduction="sum", **kwargs), scores, h=1e-6)
    np.testing.assert_allclose(grad(scores, labels, reduction="sum", **kwargs), numeric, atol=2e-6)


@settings(max_examples=25, deadline=None)
@given(problems(), st.data())
def test_property_probs_contract(problem, data):
    scores, _ = problem
    raw = data.draw(arrays(np.float64, scores.shape, elements=st.floats(0, 1)))
    assume(np.all(raw.sum(axis=1) > 1e-3))
    targets = raw / raw.sum(axis=1, keepdims=True)
    per = softmax_cross_entropy_with_probs(scores, targets, reduction="none")
    assert np.all(per >= -1e-12)
    assert softmax_cross_entropy_with_probs(scores, targets, reduction="sum") == pytest.approx(per.sum(), rel=1e-12)
    g = softmax_cross_entropy_with_probs_grad(scores, targets, reduction="none")
    np.testing.assert_allclose(g.sum(axis=1), 0.0, atol=1e-12)  # p - t: both rows sum to 1
    # Adding a constant to a row leaves the loss unchanged.
    np.testing.assert_allclose(softmax_cross_entropy_with_probs(scores + 7.0, targets, reduction="none"), per,
                               atol=1e-10)
    numeric = numerical_gradient(lambda s: softmax_cross_entropy_with_probs(s, targets, reduction="sum"), scores)
    np.testing.assert_allclose(softmax_cross_entropy_with_probs_grad(scores, targets, reduction="sum"), numeric,
                               atol=2e-6)
