"""Tests of lossfns._validation: the input checks every loss runs before any maths.

Each error names the argument, shows the bad value and says how to fix it; these tests pin the messages.
"""

from __future__ import annotations

import numpy as np
import pytest

from lossfns._validation import (
    apply_reduction,
    as_float_array,
    check_finite,
    check_labels,
    check_reduction,
    check_scores,
    reduction_weight,
    short_repr,
)


def test_short_repr_cuts_long_values():
    assert short_repr("x" * 100, limit=10) == "'xxxxxx..."
    assert short_repr([1, 2]) == "[1, 2]"


@pytest.mark.parametrize(
    ("value", "dtype"),
    [([1, 2], np.float64), (np.array([1, 2], dtype=np.int8), np.float64), (np.float32([1.5]), np.float32),
     (np.array([1.0], dtype=np.float16), np.float64), (np.array([1.0]), np.float64)],
    ids=["list-int", "int8", "float32", "float16", "float64"],
)
def test_as_float_array_dtypes(value, dtype):
    # float32 stays float32 (float32 in, float32 out); every other real type becomes float64.
    assert as_float_array(value, "scores").dtype == dtype


def test_as_float_array_does_not_copy_float64():
    a = np.zeros(3)
    assert as_float_array(a, "scores") is a


@pytest.mark.parametrize(
    ("value", "match"),
    [(["a", "b"], r"scores must be an array of real numbers, got dtype <U1 from \['a', 'b'\]; pass floats"),
     ([True, False], r"scores must be an array of real numbers, got dtype bool"),
     ([1 + 2j], r"scores must be an array of real numbers, got dtype complex128"),
     ([None], r"scores must be an array of real numbers, got dtype object")],
    ids=["str", "bool", "complex", "object"],
)
def test_as_float_array_rejects_non_real(value, match):
    with pytest.raises(TypeError, match=match):
        as_float_array(value, "scores")


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_check_finite(bad):
    check_finite(np.zeros(3), "x")
    with pytest.raises(ValueError, match=rf"x must be finite, but it contains {bad}; remove or replace"):
        check_finite(np.array([0.0, bad]), "x")


def test_check_scores_shapes():
    s, was_1d = check_scores([1.0, 2.0, 3.0])
    assert s.shape == (1, 3) and was_1d
    s, was_1d = check_scores(np.zeros((4, 2), dtype=np.float32))
    assert s.shape == (4, 2) and not was_1d and s.dtype == np.float32


@pytest.mark.parametrize(
    ("scores", "match"),
    [(1.0, r"scores must have shape \(N, C\) for a batch or \(C,\) for one example, got shape \(\)"),
     (np.zeros((1, 2, 3)), r"got shape \(1, 2, 3\)"),
     (np.zeros((0, 3)), r"scores is an empty batch \(shape \(0, 3\)\); pass at least one example"),
     ([1.0], r"scores must have at least 2 classes \(columns\), got shape \(1,\)"),
     ([1.0, np.nan], r"scores must be finite, but it contains nan")],
    ids=["scalar", "3d", "empty", "one-class", "nan"],
)
def test_check_scores_errors(scores, match):
    with pytest.raises(ValueError, match=match):
        check_scores(scores)


def test_check_labels_accepts_integral_floats_and_scalars():
    np.testing.assert_array_equal(check_labels([0.0, 2.0], 2, 3, False), [0, 2])
    np.testing.assert_array_equal(check_labels(1, 1, 3, True), [1])
    np.testing.assert_array_equal(check_labels(np.int64(1), 1, 3, True), [1])
    assert check_labels([0, 1], 2, 2, False).dtype == np.intp


@pytest.mark.parametrize(
    ("labels", "n", "was_1d", "error", "match"),
    [([0, 3], 2, False, ValueError, r"labels must be in \[0, 2\] for 3 classes, got 3; labels index the columns"),
     ([-1, 0], 2, False, ValueError, r"labels must be in \[0, 2\] for 3 classes, got -1"),
     ([0.5, 1], 2, False, ValueError, r"labels must be integer class indices, got non-integer values \[0.5, 1\]; for"),
     ([np.nan, 1], 2, False, ValueError, r"labels must be integer class indices, got non-integer values"),
     (["0", "1"], 2, False, TypeError, r"labels must be integer class indices, got dtype <U1"),
     ([True, False], 2, False, TypeError, r"labels must be integer class indices, got dtype bool"),
     ([[0, 1]], 2, False, ValueError, r"labels must have shape \(N,\) = \(2,\), got shape \(1, 2\)"),
     ([0, 1, 2], 2, False, ValueError, r"labels has 3 entries but scores has 2 rows; pass one label per example"),
     ([0, 1], 1, True, ValueError, r"labels must be one integer when scores is a single example of shape \(C,\)")],
    ids=["too-big", "negative", "fractional", "nan", "strings", "bool", "2d", "n-mismatch", "1d-scores"],
)
def test_check_labels_errors(labels, n, was_1d, error, match):
    with pytest.raises(error, match=match):
        check_labels(labels, n, 3, was_1d)


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_check_reduction_accepts(reduction):
    assert check_reduction(reduction) == reduction


@pytest.mark.parametrize("bad", ["avg", "MEAN", None, 1])
def test_check_reduction_rejects(bad):
    with pytest.raises(ValueError, match=rf"reduction must be one of 'none', 'mean', 'sum', got {bad!r}"):
        check_reduction(bad)


def test_apply_reduction_and_weight():
    # Definition: none keeps (N,), a scalar for one example; mean and sum reduce; the gradient weight is 1/N
    # for "mean", 1 otherwise.
    losses = np.array([1.0, 2.0, 6.0], dtype=np.float32)
    np.testing.assert_array_equal(apply_reduction(losses, "none"), losses)
    assert apply_reduction(losses, "mean") == 3.0 and apply_reduction(losses, "mean").dtype == np.float32
    assert apply_reduction(losses, "sum") == 9.0 and apply_reduction(losses, "sum").dtype == np.float32
    assert apply_reduction(losses[:1], "none", was_1d=True) == 1.0
    assert np.ndim(apply_reduction(losses[:1], "none", was_1d=True)) == 0
    assert reduction_weight(4, "mean") == 0.25 and reduction_weight(4, "sum") == 1.0
    assert reduction_weight(4, "none") == 1.0
