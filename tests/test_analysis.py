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


# ---- tables ---------------------------------------------------------------------------------------------------

from lossfns.analysis import loss_table, softmax_table, svm_term_table  # noqa: E402
from lossfns.display import Table  # noqa: E402


def test_svm_term_table_cat_image():
    t = svm_term_table(CAT, 0, image="cat image")
    assert isinstance(t, Table)
    cells = t.cells()
    # anchors.md: car term 5.1 - 3.2 + 1 = 2.9, frog term max(0, -1.7 - 3.2 + 1) = max(0, -3.9) = 0; L = 2.9
    assert cells[2] == ["car", "5.10", "2.90", "2.90"]
    assert cells[3] == ["frog", "-1.70", "-3.90", "0.00"]
    assert cells[1][2] == "true class"
    assert cells[-1][-1] == "2.90"
    assert (0, 1) in t.highlight


def test_svm_term_table_margin_and_errors():
    t = svm_term_table([13.0, -7.0, 11.0], 0, margin=10.0)  # CS231n notes: 0 + 8 = 8
    assert t.cells()[-1][-1] == "8.00"
    with pytest.raises(ValueError, match="one example of shape"):
        svm_term_table(np.zeros((2, 3)), 0)
    with pytest.raises(ValueError, match="classes has 2 names but scores has 3 entries"):
        svm_term_table(CAT, 0, classes=("a", "b"))


def test_softmax_table_cat_image():
    cells = softmax_table(CAT, 0, image="cat image").cells()
    # anchors.md: exp = 24.5, 164.0, 0.18 (sum 188.74); p = 0.130, 0.869, 0.001; loss 2.04
    assert [row[2] for row in cells[1:4]] == ["24.53", "164.02", "0.18"]
    assert cells[4][2] == "188.74" and cells[4][3] == "1.00"
    assert cells[1][4] == "2.04"


def test_loss_table_matches_anchors():
    cells = loss_table().cells()
    # anchors.md: SVM 2.9, 0, 12.9, mean 5.2667; CE 2.0404, 0.0791, 6.1565, mean 2.7587
    assert [row[1] for row in cells[1:]] == ["2.9000", "0.0000", "12.9000", "5.2667"]
    assert [row[2] for row in cells[1:]] == ["2.0404", "0.0791", "6.1565", "2.7587"]


def test_loss_table_small_losses_and_names():
    # CS231n notes: class 0 correct, SVM 0 for all three; CE 0.00092, 0.5514. The third by hand:
    # ln(1 + 2 e^-110) ~ 2 e^-110 = 3.4e-48 (anchors.md's "about 1.7e-48" is e^-110, one of the two terms)
    scores = np.array([[10.0, -2.0, 3.0], [10.0, 9.0, 9.0], [10.0, -100.0, -100.0]])
    cells = loss_table(scores, [0, 0, 0], names=["a", "b", "c"], fmt=".2g").cells()
    assert [row[1] for row in cells[1:4]] == ["0", "0", "0"]
    assert [row[2] for row in cells[1:4]] == ["0.00092", "0.55", "3.4e-48"]
    with pytest.raises(ValueError, match="names has 1 entries but scores has 3 rows"):
        loss_table(scores, [0, 0, 0], names=["a"])
