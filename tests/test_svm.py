"""Tests of the multiclass SVM loss (Weston-Watkins form): lossfns.svm_loss, svm_loss_grad, svm_loss_and_grad,
svm_margins. Variants (Crammer-Singer, one-vs-all, squared hinge) are in test_variants.py.

Every expected value has its source in a comment: a hand derivation, the CS231n slides/notes, or anchors.md.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from strategies import score_problems

from lossfns import numerical_gradient, svm_loss, svm_loss_and_grad, svm_loss_grad, svm_margins
from lossfns._svm import check_margin
from lossfns.example import LABELS, SCORES

# --- Values -------------------------------------------------------------------------------------------------


def test_worked_example_per_image():
    # CS231n Lecture 3 / anchors.md: cat max(0, 5.1-3.2+1) + max(0, -1.7-3.2+1) = 2.9 + 0; car 0 + 0;
    # frog max(0, 2.2+3.1+1) + max(0, 2.5+3.1+1) = 6.3 + 6.6 = 12.9.
    np.testing.assert_allclose(svm_loss(SCORES, LABELS, reduction="none"), [2.9, 0.0, 12.9], rtol=1e-12)


def test_worked_example_mean_and_sum():
    # anchors.md: (2.9 + 0 + 12.9) / 3 = 5.2667; the sum is 15.8 (hand).
    assert svm_loss(SCORES, LABELS) == pytest.approx(15.8 / 3, rel=1e-12)
    assert round(float(svm_loss(SCORES, LABELS)), 4) == 5.2667
    assert svm_loss(SCORES, LABELS, reduction="sum") == pytest.approx(15.8, rel=1e-12)


def test_worked_example_margins():
    # anchors.md: the frog image's cat and car terms are 6.3 and 6.6; the cat image's car term 2.9, frog term 0.
    np.testing.assert_allclose(svm_margins(SCORES, LABELS), [[0, 2.9, 0], [0, 0, 0], [6.3, 6.6, 0]], atol=1e-12)


def test_notes_example_margin_10():
    # CS231n notes "Linear classification": [13, -7, 11], class 0, delta 10: max(0, -20+10) + max(0, -2+10) = 8.
    assert svm_loss([13.0, -7.0, 11.0], 0, margin=10.0) == pytest.approx(8.0, rel=1e-12)


@pytest.mark.parametrize("num_classes", [2, 3, 10])
def test_all_zero_scores_give_c_minus_1(num_classes):
    # CS231n Lecture 3 sanity check: all scores equal -> every one of the C-1 terms is max(0, 0 + 1) = 1.
    scores = np.zeros((4, num_classes))
    assert svm_loss(scores, [0, 1, 0, 1]) == pytest.approx(num_classes - 1)


@pytest.mark.parametrize("scores", [[10.0, -2.0, 3.0], [10.0, 9.0, 9.0], [10.0, -100.0, -100.0]])
def test_notes_examples_with_zero_loss(scores):
    # CS231n notes: class 0 correct, delta 1: each of these is already satisfied, so the SVM loss is 0.
    assert svm_loss(scores, 0) == 0.0
    np.testing.assert_array_equal(svm_loss_grad(scores, 0), np.zeros(3))


def test_including_true_class_adds_delta():
    # CS231n Lecture 3: summing over j = y_i as well adds max(0, s_y - s_y + 1) = delta to every loss.
    per_image = svm_loss(SCORES, LABELS, reduction="none")
    all_terms = np.maximum(0, SCORES - SCORES[np.arange(3), LABELS][:, None] + 1).sum(axis=1)
    np.testing.assert_allclose(all_terms, per_image + 1.0, rtol=1e-12)


def test_torch_multimarginloss_is_ww_over_c():
    # anchors.md: torch MultiMarginLoss on the example gives 0.9667, 0, 4.3 (mean 1.7556) = Weston-Watkins / C.
    np.testing.assert_allclose(svm_loss(SCORES, LABELS, reduction="none") / 3, [0.96667, 0.0, 4.3], atol=5e-5)
    assert svm_loss(SCORES, LABELS) / 3 == pytest.approx(1.7556, abs=5e-5)


def test_gradient_worked_example():
    # Hand derivation: each violated margin adds +1 to its class and -1 to the true class; mean divides by 3.
    # cat image: car violated -> [-1, 1, 0]; car image: nothing; frog image: cat and car violated -> [1, 1, -2].
    expected = np.array([[-1, 1, 0], [0, 0, 0], [1, 1, -2]]) / 3
    np.testing.assert_allclose(svm_loss_grad(SCORES, LABELS), expected, rtol=1e-12)


def test_single_example_shapes():
    # A (C,) input is one example: a scalar loss and a (C,) gradient.
    loss, grad = svm_loss_and_grad(SCORES[2], 2)
    assert np.ndim(loss) == 0 and grad.shape == (3,)
    assert svm_loss(SCORES[2], 2, reduction="none") == pytest.approx(12.9)  # anchors.md


def test_margin_zero_allowed():
    # Hand: delta 0 -> only scores strictly above the true score count: frog image 2.2+3.1 + 2.5+3.1 = 10.9.
    assert svm_loss(SCORES[2], 2, margin=0.0) == pytest.approx(10.9)


def test_does_not_modify_inputs():
    scores = SCORES.copy()
    svm_loss_and_grad(scores, LABELS)
    np.testing.assert_array_equal(scores, SCORES)


# --- Stability and dtype ---------------------------------------------------------------------------------------


def test_stable_float64_1e6():
    # Hand: [1e6, -1e6, 0], true 1: terms 2e6 + 1 and 1e6 + 1, total 3e6 + 2.
    loss, grad = svm_loss_and_grad(np.array([[1e6, -1e6, 0.0]]), [1])
    assert loss == pytest.approx(3e6 + 2, rel=1e-15)
    np.testing.assert_array_equal(grad, [[1.0, -2.0, 1.0]])


def test_stable_float32_1e4():
    # Hand: as above at 1e4 in float32: 3e4 + 2, exactly representable.
    loss, grad = svm_loss_and_grad(np.array([[1e4, -1e4, 0.0]], dtype=np.float32), [1])
    assert loss.dtype == np.float32 and grad.dtype == np.float32
    assert float(loss) == 3e4 + 2


@pytest.mark.parametrize("fn", [svm_loss, svm_loss_grad, svm_margins, lambda s, y: svm_loss_and_grad(s, y)[0],
                                lambda s, y: svm_loss_and_grad(s, y)[1]])
@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_float32_in_float32_out(fn, reduction):
    scores = SCORES.astype(np.float32)
    out = fn(scores, LABELS) if fn is svm_margins else _call(fn, scores, LABELS, reduction)
    assert np.asarray(out).dtype == np.float32
    assert np.asarray(svm_loss(SCORES, LABELS)).dtype == np.float64


def _call(fn, scores, labels, reduction):
    try:
        return fn(scores, labels, reduction=reduction)
    except TypeError:  # the lambdas above take no reduction
        return fn(scores, labels)


def test_integer_scores_become_float64():
    assert np.asarray(svm_loss([[1, 2, 3]], [0])).dtype == np.float64


# --- Errors: every message names the argument, the value and the fix -----------------------------------------


@pytest.mark.parametrize(
    ("scores", "labels", "kwargs", "error", "match"),
    [
        (np.zeros((2, 3, 4)), [0, 1], {}, ValueError, r"scores must have shape \(N, C\).*got shape \(2, 3, 4\)"),
        (np.zeros((3, 3)), [0, 1], {}, ValueError, r"labels has 2 entries but scores has 3 rows; pass one label"),
        (SCORES, [0, 1, 3], {}, ValueError, r"labels must be in \[0, 2\] for 3 classes, got 3"),
        (SCORES, [0, -1, 2], {}, ValueError, r"labels must be in \[0, 2\] for 3 classes, got -1"),
        (SCORES, [0, 1.5, 2], {}, ValueError, r"labels must be integer class indices, got non-integer values"),
        (SCORES, ["a", "b", "c"], {}, TypeError, r"labels must be integer class indices, got dtype <U1"),
        ([[1.0, np.nan, 0.0]], [0], {}, ValueError, r"scores must be finite, but it contains nan; remove or replace"),
        ([[1.0, np.inf, 0.0]], [0], {}, ValueError, r"scores must be finite, but it contains inf"),
        (np.zeros((0, 3)), [], {}, ValueError, r"scores is an empty batch \(shape \(0, 3\)\); pass at least one"),
        (np.zeros((2, 1)), [0, 0], {}, ValueError, r"scores must have at least 2 classes.*got shape \(2, 1\)"),
        (SCORES, LABELS, {"reduction": "avg"}, ValueError, r"reduction must be one of 'none', 'mean', 'sum', got 'av"),
        (SCORES, LABELS, {"margin": -1.0}, ValueError, r"margin must be a finite number >= 0, got -1.0; the hinge"),
        (SCORES, LABELS, {"margin": np.nan}, ValueError, r"margin must be a finite number >= 0, got nan"),
        (SCORES, LABELS, {"margin": "1"}, TypeError, r"margin must be a number, got '1'"),
        ([["a", "b"]], [0], {}, TypeError, r"scores must be an array of real numbers, got dtype <U1"),
        (SCORES[0], [0, 1], {}, ValueError, r"labels must be one integer when scores is a single example"),
    ],
    ids=["ndim", "n-mismatch", "label-too-big", "label-negative", "label-non-integer", "label-strings", "nan",
         "inf", "empty", "one-class", "reduction", "margin-negative", "margin-nan", "margin-str", "scores-str",
         "1d-with-many-labels"],
)
@pytest.mark.parametrize("fn", [svm_loss, svm_loss_grad, svm_loss_and_grad])
def test_bad_input_raises(fn, scores, labels, kwargs, error, match):
    with pytest.raises(error, match=match):
        fn(scores, labels, **kwargs)


def test_check_margin_returns_float():
    assert check_margin(np.float32(2)) == 2.0 and isinstance(check_margin(1), float)


# --- Properties (hypothesis) -------------------------------------------------------------------------------------

def problems(max_n=6, max_c=6):
    return score_problems(50.0, max_n, max_c)


@settings(max_examples=60, deadline=None)
@given(problems(), st.floats(0, 5))
def test_property_non_negative_and_zero_when_margins_met(problem, margin):
    scores, labels = problem
    assert np.all(svm_loss(scores, labels, margin=margin, reduction="none") >= 0)
    # Make every margin met (with 1 to spare, so rounding cannot matter): the true score beats the row's
    # maximum by margin + 1 -> every term is max(0, <= -1) = 0, so the loss is exactly 0.
    fixed = scores.copy()
    rows = np.arange(len(labels))
    fixed[rows, labels] = scores.max(axis=1) + margin + 1
    assert np.all(svm_loss(fixed, labels, margin=margin, reduction="none") == 0)


@settings(max_examples=60, deadline=None)
@given(problems())
def test_property_reductions_consistent(problem):
    scores, labels = problem
    per = svm_loss(scores, labels, reduction="none")
    n = len(labels)
    assert svm_loss(scores, labels, reduction="sum") == pytest.approx(per.sum(), rel=1e-12, abs=1e-12)
    total = svm_loss(scores, labels, reduction="sum")
    assert total == pytest.approx(n * svm_loss(scores, labels), rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(svm_loss_grad(scores, labels, reduction="sum"),
                               n * svm_loss_grad(scores, labels, reduction="mean"), rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(problems(), st.sampled_from(["none", "mean", "sum"]))
def test_property_and_grad_equals_separate_calls(problem, reduction):
    scores, labels = problem
    loss, grad = svm_loss_and_grad(scores, labels, reduction=reduction)
    np.testing.assert_array_equal(loss, svm_loss(scores, labels, reduction=reduction))
    np.testing.assert_array_equal(grad, svm_loss_grad(scores, labels, reduction=reduction))


@settings(max_examples=40, deadline=None)
@given(problems(max_n=4, max_c=5))
def test_property_gradient_matches_central_differences(problem):
    scores, labels = problem
    terms = scores - scores[np.arange(len(labels)), labels][:, None] + 1.0
    # Away from kinks: every hinge argument at least 1e-3 from 0 (other than the true class's own column).
    off_true = np.ones_like(scores, dtype=bool)
    off_true[np.arange(len(labels)), labels] = False
    assume(not np.any(np.abs(terms[off_true]) < 1e-3))
    numeric = numerical_gradient(lambda s: svm_loss(s, labels, reduction="sum"), scores, h=1e-6)
    np.testing.assert_allclose(svm_loss_grad(scores, labels, reduction="sum"), numeric, atol=1e-6)
