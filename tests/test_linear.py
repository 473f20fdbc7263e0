"""Tests of lossfns.linear: the SVM and softmax losses of a linear classifier (CS231n assignment 1 convention).

Expected values: the worked example through an identity W (scores = X), a hand derivation of the L2 penalty, and
the naive loops against the vectorized code and against central differences.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lossfns.linear as linear
from lossfns import check_gradient, softmax_cross_entropy, svm_loss
from lossfns.example import LABELS, SCORES
from lossfns.linear import softmax_loss_naive, softmax_loss_vectorized, svm_loss_naive, svm_loss_vectorized

ALL = [svm_loss_naive, svm_loss_vectorized, softmax_loss_naive, softmax_loss_vectorized]
PAIRS = [(svm_loss_naive, svm_loss_vectorized), (softmax_loss_naive, softmax_loss_vectorized)]


def _problem(seed, n=7, d=5, c=4, dtype=np.float64):
    rng = np.random.default_rng(seed)
    return (rng.normal(scale=0.5, size=(d, c)).astype(dtype), rng.normal(size=(n, d)).astype(dtype),
            rng.integers(0, c, size=n))


# --- Values ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fn", [svm_loss_naive, svm_loss_vectorized])
def test_svm_worked_example_identity_weights(fn):
    # W = I makes the scores equal X: the worked example's mean SVM loss 5.2667 (anchors.md); reg 0.
    loss, dW = fn(np.eye(3), SCORES, LABELS, 0.0)
    assert loss == pytest.approx(15.8 / 3, rel=1e-12)
    assert dW.shape == (3, 3)


@pytest.mark.parametrize("fn", [softmax_loss_naive, softmax_loss_vectorized])
def test_softmax_worked_example_identity_weights(fn):
    # W = I: the worked example's mean cross-entropy 2.7587 (anchors.md); reg 0.
    loss, _ = fn(np.eye(3), SCORES, LABELS, 0.0)
    assert loss == pytest.approx(2.7587, abs=5e-5)


@pytest.mark.parametrize("fn", ALL)
def test_regularization_term(fn):
    # CS231n notes: loss = data loss + reg * sum(W**2); its gradient adds 2 reg W.
    # Hand: W = 2 I (3x3) -> sum(W**2) = 12, so reg 0.5 adds 6 to the loss and 2 * 0.5 * W = W to dW.
    (l0, g0), (l1, g1) = fn(2 * np.eye(3), SCORES, LABELS, 0.0), fn(2 * np.eye(3), SCORES, LABELS, 0.5)
    assert l1 - l0 == pytest.approx(6.0, rel=1e-12)
    np.testing.assert_allclose(g1 - g0, 2 * np.eye(3), atol=1e-12)


def test_notes_l2_prefers_spread_out_weights():
    # CS231n notes: x = [1, 1, 1, 1]; w1 = [1, 0, 0, 0] and w2 = [0.25] * 4 give the same score 1; L2 penalties
    # 1.0 and 0.25. As one column of W (the other column 0) the data losses agree and reg * sum(W**2) differs.
    x = np.ones((1, 4))
    w1 = np.column_stack([[1.0, 0, 0, 0], np.zeros(4)])
    w2 = np.column_stack([[0.25] * 4, np.zeros(4)])
    l1, _ = svm_loss_vectorized(w1, x, [0], reg=1.0)
    l2, _ = svm_loss_vectorized(w2, x, [0], reg=1.0)
    assert l1 - l2 == pytest.approx(1.0 - 0.25)


def test_vectorized_equals_score_level_loss():
    # The data part is exactly the score-level loss of X @ W.
    W, X, y = _problem(0)
    assert svm_loss_vectorized(W, X, y, 0.0)[0] == pytest.approx(float(svm_loss(X @ W, y)), rel=1e-15)
    assert softmax_loss_vectorized(W, X, y, 0.0)[0] == pytest.approx(float(softmax_cross_entropy(X @ W, y)),
                                                                      rel=1e-15)


def test_vectorized_calls_the_score_level_and_grad(monkeypatch):
    # No duplicate maths: the vectorized losses go through svm_loss_and_grad / softmax_cross_entropy_and_grad.
    calls = []

    def spy(real):
        def wrapped(*args, **kwargs):
            calls.append(real.__name__)
            return real(*args, **kwargs)
        return wrapped

    monkeypatch.setattr(linear, "svm_loss_and_grad", spy(linear.svm_loss_and_grad))
    monkeypatch.setattr(linear, "softmax_cross_entropy_and_grad", spy(linear.softmax_cross_entropy_and_grad))
    W, X, y = _problem(1)
    svm_loss_vectorized(W, X, y, 0.1)
    softmax_loss_vectorized(W, X, y, 0.1)
    assert calls == ["svm_loss_and_grad", "softmax_cross_entropy_and_grad"]


@pytest.mark.parametrize(("naive", "vectorized"), PAIRS, ids=["svm", "softmax"])
@pytest.mark.parametrize("fn_index", [0, 1], ids=["naive", "vectorized"])
def test_gradient_matches_central_differences(naive, vectorized, fn_index):
    fn = (naive, vectorized)[fn_index]
    W, X, y = _problem(2)
    # Random normal data: no SVM margin term is within h of its kink (probability ~0), so the check is exact.
    err = check_gradient(lambda w: fn(w, X, y, 0.3)[0], lambda w: fn(w, X, y, 0.3)[1], W)
    assert err < 1e-6


@pytest.mark.parametrize(("naive", "vectorized"), PAIRS, ids=["svm", "softmax"])
def test_inputs_not_modified(naive, vectorized):
    W, X, y = _problem(3)
    copies = W.copy(), X.copy(), y.copy()
    naive(W, X, y, 0.1)
    vectorized(W, X, y, 0.1)
    for before, after in zip(copies, (W, X, y)):
        np.testing.assert_array_equal(before, after)


# --- dtype ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fn", ALL)
def test_float32_in_float32_out(fn):
    W, X, y = _problem(4, dtype=np.float32)
    loss, dW = fn(W, X, y, 0.1)
    assert dW.dtype == np.float32 and isinstance(loss, float)
    loss64, dW64 = fn(W.astype(np.float64), X.astype(np.float64), y, 0.1)
    assert dW64.dtype == np.float64
    assert loss == pytest.approx(loss64, rel=1e-5)
    np.testing.assert_allclose(dW, dW64, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("fn", ALL)
def test_mixed_dtypes_promote_to_float64(fn):
    W, X, y = _problem(5, dtype=np.float32)
    assert fn(W, X.astype(np.float64), y, 0.1)[1].dtype == np.float64


# --- Errors ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [((np.zeros((3, 4)), np.zeros((2, 5)), [0, 1], 0.1), ValueError,
      r"X has 5 features \(shape \(2, 5\)\) but W has 3 rows \(shape \(3, 4\)\); W must have shape \(D, C\)"),
     ((np.zeros(3), np.zeros((2, 3)), [0, 1], 0.1), ValueError, r"W must have shape \(D, C\).*got shape \(3,\)"),
     ((np.zeros((3, 2)), np.zeros(3), [0], 0.1), ValueError, r"X must have shape \(N, D\).*got shape \(3,\)"),
     ((np.zeros((3, 2)), np.zeros((0, 3)), [], 0.1), ValueError, r"X is an empty batch \(shape \(0, 3\)\)"),
     ((np.zeros((3, 1)), np.zeros((2, 3)), [0, 0], 0.1), ValueError, r"W must have at least 2 classes"),
     ((np.zeros((3, 2)), np.zeros((2, 3)), [0, 2], 0.1), ValueError, r"y must be in \[0, 1\] for 2 classes, got 2"),
     ((np.zeros((3, 2)), np.zeros((2, 3)), [0], 0.1), ValueError, r"y has 1 entries but X has 2 rows; pass one label"),
     ((np.zeros((3, 2)), np.zeros((2, 3)), [0, 1], -0.1), ValueError, r"reg must be a finite number >= 0, got -0.1"),
     ((np.zeros((3, 2)), np.zeros((2, 3)), [0, 1], "1"), TypeError, r"reg must be a number, got '1'"),
     ((np.full((3, 2), np.nan), np.zeros((2, 3)), [0, 1], 0.1), ValueError, r"W must be finite, but it contains nan"),
     ((np.zeros((3, 2)), np.full((2, 3), np.inf), [0, 1], 0.1), ValueError, r"X must be finite, but it contains inf")],
    ids=["D-mismatch", "W-ndim", "X-ndim", "empty", "one-class", "y-range", "N-mismatch", "reg-negative", "reg-str",
         "W-nan", "X-inf"],
)
@pytest.mark.parametrize("fn", ALL)
def test_bad_input_raises(fn, args, error, match):
    with pytest.raises(error, match=match):
        fn(*args)


@pytest.mark.parametrize("fn", ALL)
def test_overflowing_scores_raise(fn):
    # Finite inputs whose product is inf: 1e200 * 1e200 overflows float64 (max about 1.8e308).
    W, X = np.array([[1e200, 0.0], [0.0, 1e200]]), np.array([[1e200, 1e200]])
    with pytest.raises(ValueError, match=r"the scores X @ W must be finite, but it contains inf"):
        fn(W, X, [0], 0.0)


# --- Properties -----------------------------------------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 8), st.integers(1, 6), st.integers(2, 5),
       st.floats(0, 2))
def test_property_naive_equals_vectorized(seed, n, d, c, reg):
    rng = np.random.default_rng(seed)
    W, X, y = rng.normal(size=(d, c)), rng.normal(size=(n, d)), rng.integers(0, c, size=n)
    for naive, vectorized in PAIRS:
        (l1, g1), (l2, g2) = naive(W, X, y, reg), vectorized(W, X, y, reg)
        assert l1 == pytest.approx(l2, rel=1e-10, abs=1e-10)
        np.testing.assert_allclose(g1, g2, rtol=1e-10, atol=1e-10)
