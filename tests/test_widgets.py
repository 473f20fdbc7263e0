"""Tests of lossfns.widgets: drive each explorer's sliders and check what it shows, and the display contract."""

import matplotlib

matplotlib.use("Agg")

import html  # noqa: E402
import json  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from explorer_contract import HTML_RE, PNG_MAGIC, check_bundle  # noqa: E402

import lossfns  # noqa: E402
from lossfns import example  # noqa: E402
from lossfns.widgets import (  # noqa: E402
    MARGIN_RANGE,
    SCORE_RANGE,
    TEMPERATURE_RANGE,
    compare_explorer,
    softmax_explorer,
    svm_explorer,
    svm_table_explorer,
)

EXPLORERS = {
    "svm-image": svm_explorer,
    "svm-table": svm_table_explorer,
    "softmax": softmax_explorer,
    "compare": compare_explorer,
}


# ---- the SVM explorer -----------------------------------------------------------------------------------------

def test_svm_explorer_defaults_to_the_cat_image():
    ex = svm_explorer()
    assert [s.value for s in ex.score_sliders] == [3.2, 5.1, -1.7]
    assert ex.loss == pytest.approx(2.9)  # 2.9 + 0 (anchors.md)
    assert ex.loss_text == "SVM loss L<sub>i</sub> = 2.90"


def test_svm_explorer_slider_moves_the_loss_and_updates_artists_in_place():
    ex = svm_explorer()
    fig, bars, png = ex.figure, list(ex.plot.bars.patches), ex.image_widget.value
    n_children = len(ex.plot.ax.get_children())
    redraws = ex.redraws
    ex.score_sliders[1].value = 4.0
    # by hand: max(0, 4.0 - 3.2 + 1) + max(0, -1.7 - 3.2 + 1) = 1.8
    assert ex.loss == pytest.approx(1.8)
    assert ex.loss == pytest.approx(float(lossfns.svm_loss([3.2, 4.0, -1.7], 0)))
    assert ex.loss_text == "SVM loss L<sub>i</sub> = 1.80"
    assert ex.figure is fig and list(ex.plot.bars.patches) == bars
    assert len(ex.plot.ax.get_children()) == n_children
    assert bars[1].get_height() == pytest.approx(1.8)
    assert ex.redraws == redraws + 1
    assert bytes(ex.image_widget.value) != bytes(png) and bytes(ex.image_widget.value).startswith(PNG_MAGIC)


def test_svm_explorer_margin_slider():
    ex = svm_explorer()
    ex.margin_slider.value = 0.0
    # by hand: max(0, 5.1 - 3.2 + 0) = 1.9; frog term 0
    assert ex.loss == pytest.approx(1.9)
    assert ex.loss == pytest.approx(float(lossfns.svm_loss(example.SCORES[0], 0, margin=0.0)))


def test_svm_explorer_image_picker_loads_that_image():
    ex = svm_explorer()
    bars = list(ex.plot.bars.patches)
    ex.image_picker.value = 2
    assert [s.value for s in ex.score_sliders] == list(example.SCORES[2])
    assert ex.loss == pytest.approx(12.9)  # 6.3 + 6.6 (anchors.md)
    assert list(ex.plot.bars.patches) == bars
    assert bars[2].get_hatch() == "//" and bars[0].get_hatch() is None
    assert "frog image" in ex.plot.ax.get_title()


def test_svm_explorer_sliders_are_labelled_and_use_the_ranges():
    ex = svm_explorer()
    assert [s.description for s in ex.score_sliders] == ["cat score", "car score", "frog score"]
    assert ex.margin_slider.description == "margin Δ"
    for s in ex.score_sliders:
        assert (s.min, s.max, s.step) == (SCORE_RANGE.min, SCORE_RANGE.max, SCORE_RANGE.step)
    assert (ex.margin_slider.min, ex.margin_slider.max) == (MARGIN_RANGE.min, MARGIN_RANGE.max)


# ---- the table explorer -----------------------------------------------------------------------------------------

def test_svm_table_explorer_all_nine_scores():
    ex = svm_table_explorer()
    assert len(ex.score_sliders) == 3 and all(len(row) == 3 for row in ex.score_sliders)
    np.testing.assert_allclose(ex.losses, [2.9, 0.0, 12.9], atol=1e-12)  # anchors.md
    assert ex.loss == pytest.approx(5.266666666666667)  # (2.9 + 0 + 12.9) / 3
    line = ex.plot.mean_line
    ex.score_sliders[2][2].value = 3.5  # frog image, frog score -3.1 -> 3.5: both frog terms now 0
    # by hand: max(0, 2.2 - 3.5 + 1) + max(0, 2.5 - 3.5 + 1) = 0 + 0; mean (2.9 + 0 + 0) / 3 = 0.9667
    np.testing.assert_allclose(ex.losses, [2.9, 0.0, 0.0], atol=1e-12)
    assert ex.loss == pytest.approx(float(lossfns.svm_loss(ex.scores, example.LABELS)))
    assert ex.loss == pytest.approx(2.9 / 3)
    assert ex.plot.mean_line is line and line.get_ydata()[0] == pytest.approx(2.9 / 3)
    assert ex.loss_text.endswith("mean L = 0.97")
    assert ex.score_sliders[0][1].description == "cat image: car"


# ---- the softmax explorer ---------------------------------------------------------------------------------------

def test_softmax_explorer_scores_and_temperature():
    ex = softmax_explorer()
    assert ex.loss == pytest.approx(2.0404, abs=1e-4)  # anchors.md
    bars = list(ex.plot.prob_bars.patches)
    for s in ex.score_sliders:
        s.value = 0.0
    # all scores equal: p = 1/3 each, loss ln 3 = 1.0986 (anchors.md, "all scores about 0")
    assert ex.loss == pytest.approx(np.log(3))
    assert ex.loss_text == "cross-entropy L<sub>i</sub> = 1.10"
    ex.score_sliders[0].value = 2.0
    ex.temperature_slider.value = 2.0
    # s / T = [1, 0, 0]: loss = ln(e + 2) - 1 = 0.5514 (by hand)
    assert ex.loss == pytest.approx(np.log(np.e + 2) - 1)
    ref = lossfns.softmax_cross_entropy_with_temperature([2.0, 0.0, 0.0], 0, temperature=2.0)
    assert ex.loss == pytest.approx(float(ref))
    assert list(ex.plot.prob_bars.patches) == bars
    assert ex.temperature_slider.description == "temperature T"
    assert (ex.temperature_slider.min, ex.temperature_slider.max) == (TEMPERATURE_RANGE.min, TEMPERATURE_RANGE.max)


def test_softmax_explorer_image_picker():
    ex = softmax_explorer()
    ex.image_picker.value = 1
    assert ex.loss == pytest.approx(0.0791, abs=1e-4)  # car image (anchors.md)
    assert ex.plot.label == 1


# ---- the compare explorer ---------------------------------------------------------------------------------------

def test_compare_explorer_marker_moves_along_both_curves():
    ex = compare_explorer()
    assert ex.moving_class == 1  # the cat image's strongest wrong class is car (5.1 > -1.7)
    svm_curve = ex.plot.curves["svm"].get_ydata().copy()
    marker = ex.plot.markers["softmax"]
    ex.score_slider.value = 3.0
    # by hand: SVM max(0, 3.0 - 3.2 + 1) + 0 = 0.8; CE ln(e^3.2 + e^3.0 + e^-1.7) - 3.2
    assert ex.losses["svm"] == pytest.approx(0.8)
    assert ex.losses["softmax"] == pytest.approx(np.log(np.exp(3.2) + np.exp(3.0) + np.exp(-1.7)) - 3.2)
    assert ex.plot.markers["softmax"] is marker
    assert tuple(marker.get_data()[0]) == (3.0,)
    assert marker.get_ydata()[0] == pytest.approx(ex.losses["softmax"])
    np.testing.assert_array_equal(ex.plot.curves["svm"].get_ydata(), svm_curve)  # curves stay, markers move
    assert ex.loss_text == "SVM loss 0.80, cross-entropy 0.60"


def test_compare_explorer_rejects_the_true_class():
    with pytest.raises(ValueError, match="moving_class must be a wrong class of the cat image"):
        compare_explorer(moving_class=0)


# ---- bad arguments ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("factory", "kwargs", "error", "match"),
    [
        (svm_explorer, {"image": 3}, ValueError, r"image must be in \[0, 2\]"),
        (svm_explorer, {"image": "cat"}, TypeError, "image must be an integer index"),
        (svm_explorer, {"margin": -1.0}, ValueError, "margin must be a finite number >= 0"),
        (svm_explorer, {"margin": 50.0}, ValueError, r"margin must be in \[0.0, 5.0\]"),
        (softmax_explorer, {"temperature": 0.0}, ValueError, "temperature must be a finite number > 0"),
        (softmax_explorer, {"temperature": 9.0}, ValueError, r"temperature must be in \[0.1, 5.0\]"),
        (compare_explorer, {"moving_class": 7}, ValueError, r"moving_class must be in \[0, 2\]"),
    ],
    ids=["image-range", "image-type", "margin-negative", "margin-off-slider", "temperature-zero",
         "temperature-off-slider", "moving-class-range"],
)
def test_bad_arguments(factory, kwargs, error, match):
    with pytest.raises(error, match=match):
        factory(**kwargs)


# ---- display: the mime bundle contract ----------------------------------------------------------------------------

EXTRA_KEYS = {
    "svm-image": {"image", "margin", "margin_range"},
    "svm-table": {"margin"},
    "softmax": {"image", "temperature", "temperature_range"},
    "compare": {"image", "moving_class", "margin", "sweep"},
}


@pytest.mark.parametrize("kind", list(EXPLORERS))
def test_mimebundle_contract(kind):
    ex = EXPLORERS[kind]()
    bundle, state = check_bundle(ex, kind)
    assert set(state) == {"classes", "images", "scores", "labels", "range"} | EXTRA_KEYS[kind]
    assert state["classes"] == list(example.CLASSES) and state["images"] == list(example.IMAGES)
    assert state["scores"] == example.SCORES.tolist() and state["labels"] == example.LABELS.tolist()
    assert state["range"] == {"min": SCORE_RANGE.min, "max": SCORE_RANGE.max, "step": SCORE_RANGE.step}
    if "margin_range" in state:
        assert state["margin_range"] == {"min": MARGIN_RANGE.min, "max": MARGIN_RANGE.max, "step": MARGIN_RANGE.step}
    if "temperature_range" in state:
        assert state["temperature"] == 1.0
        assert state["temperature_range"]["min"] == TEMPERATURE_RANGE.min
    if kind == "compare":
        assert state["moving_class"] == 1 and state["sweep"] == {"min": SCORE_RANGE.min, "max": SCORE_RANGE.max}


def test_mimebundle_text_plain_is_rounded_one_number_per_line():
    ex = svm_explorer()
    assert ex._repr_mimebundle_()["text/plain"].splitlines() == [
        "SVM explorer: cat image, true class cat",
        "score cat = 3.20",
        "score car = 5.10",
        "score frog = -1.70",
        "margin = 1.00",
        "hinge term car = 2.90",  # 5.1 - 3.2 + 1
        "hinge term frog = 0.00",  # max(0, -1.7 - 3.2 + 1)
        "loss = 2.90",
    ]


def test_state_follows_the_sliders():
    ex = svm_explorer()
    ex.score_sliders[0].value = 4.0
    state = json.loads(html.unescape(HTML_RE.match(ex.to_html())["state"]))
    assert state["scores"][0] == [4.0, 5.1, -1.7] and state["scores"][1] == example.SCORES[1].tolist()
    assert "loss = 2.10" in repr(ex)  # 5.1 - 4.0 + 1 = 2.1
