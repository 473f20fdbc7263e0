"""Tests of lossfns.plots: labels, legends and the data each figure draws, and in-place updates."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lossfns import example  # noqa: E402
from lossfns.analysis import loss_curves  # noqa: E402
from lossfns.plots import (  # noqa: E402
    CLASS_COLORS,
    FIGSIZE,
    LOSS_COLORS,
    PALETTE,
    plot_hinge,
    plot_image_losses,
    plot_margin_terms,
    plot_softmax_pipeline,
    plot_svm_vs_softmax,
)

# The eight Okabe-Ito colours (Okabe and Ito 2008, "Color Universal Design"), as published hex values.
OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_palette_is_okabe_ito_and_classes_and_losses_use_it():
    assert set(PALETTE.values()) == OKABE_ITO
    assert set(CLASS_COLORS) == set(example.CLASSES)
    assert set(CLASS_COLORS.values()) <= OKABE_ITO and len(set(CLASS_COLORS.values())) == len(example.CLASSES)
    assert set(LOSS_COLORS.values()) <= OKABE_ITO and LOSS_COLORS["svm"] != LOSS_COLORS["softmax"]


def test_plot_hinge_draws_max0x_with_labels_and_points():
    ax = plot_hinge({"cat image, car term": 2.9, "cat image, frog term": -3.9})
    x, y = ax.lines[0].get_data()
    np.testing.assert_array_equal(y, np.maximum(0.0, x))
    assert "margin violation" in ax.get_xlabel() and ax.get_ylabel() == "hinge term"
    assert ax.get_title()
    texts = legend_texts(ax)
    assert texts[0].startswith("hinge") and "car term: x = 2.9" in texts[1] and "frog term: x = -3.9" in texts[2]
    # the frog term is below the kink, so its marker sits at 0; the car term at 2.9
    marker_y = [line.get_ydata()[0] for line in ax.lines if line.get_linestyle() == "None"]
    assert marker_y == [2.9, 0.0]
    assert tuple(ax.figure.get_size_inches()) == FIGSIZE


def test_plot_hinge_rejects_range_without_kink():
    with pytest.raises(ValueError, match=r"x_range must contain 0"):
        plot_hinge(x_range=(1.0, 5.0))


def test_plot_margin_terms_frog_image():
    h = plot_margin_terms(example.SCORES[2], 2, image="frog image")
    # hand values (anchors.md): cat 2.2 + 3.1 + 1 = 6.3, car 2.5 + 3.1 + 1 = 6.6, true class 0; sum 12.9
    heights = [p.get_height() for p in h.bars.patches]
    np.testing.assert_allclose(heights, [6.3, 6.6, 0.0], atol=1e-12)
    assert h.loss == pytest.approx(12.9)
    assert "12.90" in h.loss_text.get_text()
    assert [t.get_text() for t in h.values] == ["6.30", "6.60", "true class"]
    assert h.ax.get_xlabel() == "class j" and "max" in h.ax.get_ylabel()
    assert "frog image" in h.ax.get_title()
    assert legend_texts(h.ax) == ["hinge term of class j (bar height)", "true class"]
    assert h.bars.patches[2].get_hatch() == "//" and h.bars.patches[0].get_hatch() is None


def test_plot_margin_terms_update_in_place():
    h = plot_margin_terms(example.SCORES[0], 0)
    patches = list(h.bars.patches)
    n_artists = len(h.ax.get_children())
    h.update([3.2, 4.0, -1.7], margin=1.0)  # car term 4.0 - 3.2 + 1 = 1.8 (by hand)
    assert list(h.bars.patches) == patches and len(h.ax.get_children()) == n_artists
    assert patches[1].get_height() == pytest.approx(1.8)
    assert h.loss == pytest.approx(1.8)
    h.update([3.2, 4.0, -1.7], 1, margin=0.0)  # relabel: true class car; cat term max(0, 3.2 - 4.0) = 0
    assert patches[1].get_hatch() == "//" and patches[0].get_hatch() is None
    assert h.loss == pytest.approx(0.0)


def test_plot_image_losses_default_example():
    h = plot_image_losses()
    # anchors.md: 2.9, 0, 12.9, mean 5.2667
    np.testing.assert_allclose([p.get_height() for p in h.bars.patches], [2.9, 0.0, 12.9], atol=1e-12)
    np.testing.assert_allclose(h.mean_line.get_ydata(), [5.26666667, 5.26666667])
    assert [t.get_text() for t in h.ax.get_xticklabels()] == list(example.IMAGES)
    assert legend_texts(h.ax) == ["per-image loss $L_i$", "mean $L$"]
    assert h.mean_text.get_text() == "mean L = 5.27"
    h.update(np.zeros((3, 3)), example.LABELS)  # all scores 0: every L_i = C - 1 = 2
    np.testing.assert_allclose([p.get_height() for p in h.bars.patches], [2.0, 2.0, 2.0])


def test_plot_softmax_pipeline_cat_image():
    h = plot_softmax_pipeline(example.SCORES[0], 0, image="cat image")
    # anchors.md: exp = 24.5, 164.0, 0.18; probabilities 0.130, 0.869, 0.001; loss 2.0404
    np.testing.assert_allclose([p.get_height() for p in h.exp_bars.patches], [24.5325, 164.0219, 0.1827], rtol=1e-4)
    np.testing.assert_allclose([p.get_height() for p in h.prob_bars.patches], [0.130, 0.869, 0.001], atol=5e-4)
    assert h.loss == pytest.approx(2.0404, abs=1e-4)
    assert "2.04" in h.loss_text.get_text()
    assert h.axes[1].get_ylabel() == "probability $p_j$" and h.axes[0].get_xlabel() == "class j"
    assert legend_texts(h.axes[1]) == ["$p_j$", "true class"]
    patches = list(h.prob_bars.patches)
    h.update([0.0, 0.0, 0.0])  # equal scores: p = 1/3 each, loss ln 3 = 1.0986
    assert list(h.prob_bars.patches) == patches
    np.testing.assert_allclose([p.get_height() for p in patches], [1 / 3] * 3)
    assert h.loss == pytest.approx(np.log(3))


def test_plot_softmax_pipeline_temperature():
    h = plot_softmax_pipeline([2.0, 0.0, 0.0], 0, temperature=2.0)
    # s / T = [1, 0, 0]: p_0 = e / (e + 2) = 0.5761 (by hand)
    assert h.probs[0] == pytest.approx(np.e / (np.e + 2))
    assert "T = 2.00" in h.axes[0].get_title()


def test_plot_svm_vs_softmax_curves_and_markers():
    h = plot_svm_vs_softmax(example.SCORES[0], 0, 1, sweep=(-10.0, 10.0))
    xs = h.curves["svm"].get_xdata()
    ref = loss_curves(example.SCORES[0], 0, 1, xs)
    np.testing.assert_allclose(h.curves["svm"].get_ydata(), ref["svm"])
    np.testing.assert_allclose(h.curves["softmax"].get_ydata(), ref["softmax"])
    # SVM is exactly 0 once s_car <= 3.2 - 1 = 2.2 (and frog's term is 0); cross-entropy never is
    assert np.all(ref["svm"][xs <= 2.2] == 0.0) and np.all(ref["softmax"] > 0.0)
    assert h.markers["svm"].get_xdata()[0] == pytest.approx(5.1)
    assert h.markers["svm"].get_ydata()[0] == pytest.approx(2.9)
    assert h.markers["softmax"].get_ydata()[0] == pytest.approx(2.0404, abs=1e-4)
    texts = legend_texts(h.ax)
    assert texts[:2] == ["multiclass SVM (hinge)", "softmax cross-entropy"]
    assert "car" in h.ax.get_xlabel() and "loss" in h.ax.get_ylabel()
    marker = h.markers["svm"]
    h.update(0.0)
    assert h.markers["svm"] is marker and marker.get_ydata()[0] == 0.0
    assert h.cursor.get_xdata()[0] == 0.0
