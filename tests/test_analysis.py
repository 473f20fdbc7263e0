"""Tests of lossfns.analysis: a score swept along a range, and both losses along the sweep."""

import numpy as np
import pytest

from lossfns.analysis import loss_curves, vary_score

CAT = [3.2, 5.1, -1.7]  # the cat image's scores (CS231n lecture 3)


def test_vary_score_replaces_one_column_only():
    out = vary_score(CAT, 1, [0.0, 1.0, 2.0])
    assert out.shape == (3, 3)
    np.testing.assert_array_equal(out[:, 1], [0.0, 1.0, 2.0])
    np.testing.assert_array_equal(out[:, 0], 3.2)
    np.testing.assert_array_equal(out[:, 2], -1.7)


def test_vary_score_keeps_float32():
    out = vary_score(np.array(CAT, dtype=np.float32), 2, np.array([0.0], dtype=np.float32))
    assert out.dtype == np.float32


def test_loss_curves_hand_values():
    curves = loss_curves(CAT, 0, 1, [5.1, 4.0, 2.2, 0.0])
    # SVM by hand: max(0, s_car - 3.2 + 1) + max(0, -1.7 - 3.2 + 1) = 2.9, 1.8, 0.0, 0.0
    np.testing.assert_allclose(curves["svm"], [2.9, 1.8, 0.0, 0.0], atol=1e-12)
    # CE at s_car = 5.1: -ln(0.130) = 2.0404 (anchors.md); at s_car = 0: ln(1 + e^-3.2 + e^-4.9) = 0.04709
    expected_ce = [2.0404, np.log(1 + np.exp(-3.2) + np.exp(-4.9))]
    np.testing.assert_allclose(curves["softmax"][[0, 3]], expected_ce, atol=1e-4)


def test_loss_curves_margin():
    # Delta = 10 (CS231n notes example [13, -7, 11], true class 0): car term max(0, -7 - 13 + 10) = 0, frog term 8
    curves = loss_curves([13.0, -7.0, 11.0], 0, 1, [-7.0], margin=10.0)
    assert curves["svm"][0] == pytest.approx(8.0)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"scores": [[1.0, 2.0]], "moving_class": 0, "values": [0.0]}, ValueError, r"one example of shape \(C,\)"),
        ({"scores": CAT, "moving_class": 3, "values": [0.0]}, ValueError, r"moving_class must be in \[0, 2\]"),
        ({"scores": CAT, "moving_class": 1.0, "values": [0.0]}, TypeError, "moving_class must be an integer"),
        ({"scores": CAT, "moving_class": 1, "values": []}, ValueError, "values must be a non-empty 1-D array"),
        ({"scores": CAT, "moving_class": 1, "values": [np.nan]}, ValueError, "values must be finite"),
    ],
    ids=["batch", "class-out-of-range", "class-float", "empty-values", "nan-values"],
)
def test_vary_score_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        vary_score(**kwargs)


def test_loss_curves_bad_label_and_margin():
    with pytest.raises(ValueError, match=r"labels must be in \[0, 2\]"):
        loss_curves(CAT, 5, 1, [0.0])
    with pytest.raises(ValueError, match="margin must be a finite number >= 0"):
        loss_curves(CAT, 0, 1, [0.0], margin=-1.0)
