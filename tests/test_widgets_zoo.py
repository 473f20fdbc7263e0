"""Tests of lossfns.widgets_zoo: drive each Part II explorer's sliders; check what it shows and the display contract."""

import matplotlib

matplotlib.use("Agg")

import html  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from explorer_contract import HTML_RE, check_bundle  # noqa: E402
from scipy.special import huber, rel_entr  # noqa: E402
from sklearn.metrics import mean_absolute_error, mean_pinball_loss, mean_squared_error  # noqa: E402

import lossfns  # noqa: E402
from lossfns import example, line_with_outliers  # noqa: E402
from lossfns.plots_zoo import kl_pair  # noqa: E402
from lossfns.registry import fit_line  # noqa: E402
from lossfns.widgets_zoo import (  # noqa: E402
    DELTAS,
    EPS_RANGE,
    GAMMA_RANGE,
    SHIFT_RANGE,
    TAUS,
    Z_RANGE,
    kl_explorer,
    regression_fits,
    robust_regression_explorer,
    surrogate_losses,
    surrogates_explorer,
)

EXPLORERS = {"robust-regression": robust_regression_explorer, "surrogates": surrogates_explorer, "kl": kl_explorer}


@pytest.fixture(scope="module")
def regression():
    return robust_regression_explorer()


# ---- robust regression --------------------------------------------------------------------------------------------

def test_regression_fits_are_fit_line_on_the_outlier_data():
    x, y, _ = line_with_outliers()
    fits = regression_fits()
    assert set(fits["huber"]) == set(DELTAS) and set(fits["quantile"]) == set(TAUS)
    assert fits["huber"][2.0] == fit_line(x, y, "huber", delta=2.0)  # the same deterministic fit
    # Reference: numpy's least squares gives the MSE fit (gradient descent converges to it).
    w, b = np.polyfit(x, y, 1)
    assert fits["mse"] == pytest.approx((w, b), abs=1e-6)
    # delta = 30 is larger than every residual, so the Huber fit is the least-squares fit too.
    assert fits["huber"][30.0] == pytest.approx((w, b), abs=1e-4)


def test_regression_explorer_sliders_refit_and_show_lossfns_losses(regression):
    ex = regression
    x, y = ex.x, ex.y
    png, lines, redraws = bytes(ex.image_widget.value), list(ex.ax.lines), ex.redraws
    for delta, tau in ((3.0, 0.9), (0.1, 0.1), (1.0, 0.5)):
        ex.delta_slider.value = delta
        ex.tau_slider.value = tau
        fits = regression_fits()
        assert ex.fits["huber"] == fits["huber"][delta] and ex.fits["quantile"] == fits["quantile"][tau]
        pred = {k: w * x + b for k, (w, b) in ex.fits.items()}
        # References: scikit-learn's metrics and scipy's huber on the same predictions.
        assert ex.losses["mse"] == pytest.approx(mean_squared_error(y, pred["mse"]), rel=1e-12)
        assert ex.losses["mae"] == pytest.approx(mean_absolute_error(y, pred["mae"]), rel=1e-12)
        assert ex.losses["huber"] == pytest.approx(float(np.mean(huber(delta, pred["huber"] - y))), rel=1e-12)
        assert ex.losses["quantile"] == pytest.approx(mean_pinball_loss(y, pred["quantile"], alpha=tau), rel=1e-12)
        w, b = ex.fits["huber"]
        np.testing.assert_allclose(ex.ax.lines[-2].get_ydata(), w * ex.ax.lines[-2].get_xdata() + b)
        assert f"Huber (δ = {delta:g}): slope = {w:.4f}" in repr(ex)
        if delta == 3.0:
            assert bytes(ex.image_widget.value) != png  # the figure was redrawn
    assert list(ex.ax.lines) == lines  # the same artists, updated in place
    assert ex.redraws == redraws + 6
    assert bytes(ex.image_widget.value) == png  # back at delta 1, tau 0.5: the same picture


def test_regression_explorer_huber_moves_between_mae_and_mse(regression):
    ex = regression
    ex.delta_slider.value = 0.1
    small = ex.fits["huber"][0]
    ex.delta_slider.value = 30.0
    large = ex.fits["huber"][0]
    ex.delta_slider.value = 1.0
    assert abs(small - ex.fits["mae"][0]) < 0.05  # a small delta: a scaled absolute error
    assert large == pytest.approx(ex.fits["mse"][0], abs=1e-3)


def test_regression_explorer_sliders_are_labelled_grids(regression):
    assert regression.delta_slider.description == "Huber δ"
    assert regression.tau_slider.description == "quantile τ"
    assert [v for _, v in regression.delta_slider.options] == list(DELTAS)
    assert [v for _, v in regression.tau_slider.options] == list(TAUS)


# ---- surrogates ---------------------------------------------------------------------------------------------------

def test_surrogate_losses_pass_through_0_1():
    # By construction (logistic and focal divided by ln 2): every curve is 1 at z = 0, except focal with
    # gamma = 2, which is (1 - 1/2)^2 = 0.25 of the logistic loss there.
    at0 = {k: float(v[0]) for k, v in surrogate_losses(0.0, gamma=2.0).items()}
    assert at0 == pytest.approx({"0-1": 1.0, "hinge": 1.0, "squared hinge": 1.0, "logistic / ln 2": 1.0,
                                 "exponential": 1.0, "focal / ln 2": 0.25})


def test_surrogates_explorer_margin_marker_and_values():
    ex = surrogates_explorer()
    lines = list(ex.axes[0].lines)
    ex.margin_slider.value = 0.5
    # By hand at z = 0.5: hinge 1 - 0.5; squared hinge 0.5^2; exponential e^-0.5; logistic log(1 + e^-0.5) / ln 2.
    assert ex.values["hinge"] == pytest.approx(0.5)
    assert ex.values["squared hinge"] == pytest.approx(0.25)
    assert ex.values["exponential"] == pytest.approx(math.exp(-0.5))
    assert ex.values["logistic / ln 2"] == pytest.approx(math.log1p(math.exp(-0.5)) / math.log(2))
    assert ex.values["0-1"] == 0.0
    ex.margin_slider.value = -1.5
    ex.gamma_slider.value = 0.0  # gamma = 0: the focal loss is the logistic loss
    assert ex.values["focal / ln 2"] == pytest.approx(ex.values["logistic / ln 2"], rel=1e-12)
    assert ex.values["0-1"] == 1.0
    for marker, v in zip(ex._markers, ex.values.values()):
        assert tuple(marker.get_xdata()) == (-1.5,) and tuple(marker.get_ydata()) == (v,)
    focal_curve = ex.axes[0].lines[5]
    np.testing.assert_allclose(focal_curve.get_ydata(), lossfns.soft_margin_loss(
        focal_curve.get_xdata(), np.ones_like(focal_curve.get_xdata()), reduction="none") / math.log(2))
    assert focal_curve.get_label() == "focal (gamma=0) / ln 2"
    assert list(ex.axes[0].lines) == lines
    assert "focal / ln 2 = 2.4546" in repr(ex).splitlines()  # log(1 + e^1.5) / ln 2 = 1.7014 / 0.6931


def test_surrogates_explorer_label_smoothing_of_the_cat_image():
    ex = surrogates_explorer()
    ex.eps_slider.value = 0.0
    assert round(ex.smoothed_loss, 4) == 2.0404  # plain cross-entropy of the cat image (anchors.md)
    ex.eps_slider.value = 0.3
    assert ex.smoothed_loss == float(lossfns.label_smoothed_cross_entropy(example.SCORES[0], 0, eps=0.3))
    assert tuple(ex._eps_marker.get_xdata()) == (0.3,)
    assert "label-smoothed cross-entropy (cat image) = " in repr(ex)


def test_surrogates_explorer_sliders_are_labelled_and_use_the_ranges():
    ex = surrogates_explorer()
    for s, rng, name in ((ex.margin_slider, Z_RANGE, "margin z = t s"), (ex.gamma_slider, GAMMA_RANGE, "focal γ"),
                         (ex.eps_slider, EPS_RANGE, "label smoothing ε")):
        assert (s.min, s.max, s.step, s.description) == (rng.min, rng.max, rng.step, name)


# ---- KL -----------------------------------------------------------------------------------------------------------

def test_kl_explorer_both_directions_follow_the_slider():
    ex = kl_explorer()
    bars = list(ex._q_bars.patches)
    for shift in (0.0, -2.0, 1.3, 3.5):
        ex.shift_slider.value = shift
        _, p, q = kl_pair(shift)
        # Reference: scipy.special.rel_entr summed over the outcomes.
        assert ex.losses["kl_p_q"] == pytest.approx(float(rel_entr(p, q).sum()), rel=1e-12)
        assert ex.losses["kl_q_p"] == pytest.approx(float(rel_entr(q, p).sum()), rel=1e-12)
        assert [b.get_height() for b in ex._q_bars.patches] == pytest.approx(list(q))
        assert tuple(ex._mark_forward.get_xdata()) == (shift,)
    assert list(ex._q_bars.patches) == bars
    assert ex.losses["kl_p_q"] > ex.losses["kl_q_p"]  # far right: the forward direction punishes the missed mode


def test_kl_explorer_asymmetry_at_a_mode():
    ex = kl_explorer(shift=2.0)
    assert ex.losses["kl_q_p"] < ex.losses["kl_p_q"]  # mode-seeking prefers sitting on one bump
    assert repr(ex).splitlines()[0] == "KL explorer: centre of q = 2.00"


# ---- bad arguments ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("factory", "kwargs", "error", "match"),
    [
        (robust_regression_explorer, {"delta": 0.7}, ValueError, r"delta must be one of the slider's values \[0.1,"),
        (robust_regression_explorer, {"tau": "0.5"}, TypeError, "tau must be a number, got '0.5'"),
        (surrogates_explorer, {"margin": 3.0}, ValueError, r"margin must be in \[-2.0, 2.5\]"),
        (surrogates_explorer, {"gamma": -1.0}, ValueError, r"gamma must be in \[0.0, 5.0\]"),
        (surrogates_explorer, {"eps": 0.9}, ValueError, r"eps must be in \[0.0, 0.5\]"),
        (surrogates_explorer, {"image": 5}, ValueError, r"image must be in \[0, 2\]"),
        (kl_explorer, {"shift": 9.0}, ValueError, r"shift must be in \[-3.5, 3.5\]"),
    ],
    ids=["delta-off-grid", "tau-type", "margin-range", "gamma-range", "eps-range", "image-range", "shift-range"],
)
def test_bad_arguments(factory, kwargs, error, match):
    with pytest.raises(error, match=match):
        factory(**kwargs)


# ---- display: the mime bundle contract of lossfns.widgets ------------------------------------------------------

KEYS = {
    "robust-regression": {"x", "y", "is_outlier", "fits", "deltas", "huber_fits", "taus", "quantile_fits", "delta",
                          "tau"},
    "surrogates": {"margin", "margin_range", "gamma", "gamma_range", "eps", "eps_range", "image", "scores", "label",
                   "classes"},
    "kl": {"shift", "shift_range", "bins"},
}


@pytest.mark.parametrize("kind", list(EXPLORERS))
def test_mimebundle_contract(kind):
    ex = EXPLORERS[kind]()
    bundle, state = check_bundle(ex, kind)
    assert set(state) == KEYS[kind]
    assert bundle["text/plain"] == repr(ex) and "0x" not in bundle["text/plain"]
    # text/plain is deterministic: a second explorer at the same values prints the same lines.
    assert EXPLORERS[kind]()._repr_mimebundle_()["text/plain"] == bundle["text/plain"]


def test_regression_state_carries_every_fit(regression):
    state = regression.state()
    fits = regression_fits()
    x, y, out = line_with_outliers()
    assert state["x"] == x.tolist() and state["y"] == y.tolist() and state["is_outlier"] == out.tolist()
    assert state["huber_fits"] == [list(fits["huber"][d]) for d in DELTAS]
    assert state["quantile_fits"] == [list(fits["quantile"][t]) for t in TAUS]
    assert state["fits"] == {"mse": list(fits["mse"]), "mae": list(fits["mae"])}


def test_state_follows_the_sliders():
    ex = surrogates_explorer()
    ex.margin_slider.value = 1.25
    ex.eps_slider.value = 0.2
    state = json.loads(html.unescape(HTML_RE.match(ex.to_html())["state"]))
    assert (state["margin"], state["eps"], state["gamma"]) == (1.25, 0.2, 2.0)
    assert state["margin_range"] == {"min": Z_RANGE.min, "max": Z_RANGE.max, "step": Z_RANGE.step}
    assert state["scores"] == example.SCORES[0].tolist() and state["label"] == 0
    k = kl_explorer()
    k.shift_slider.value = -1.0
    assert k.state() == {"shift": -1.0, "shift_range": SHIFT_RANGE.as_dict(), "bins": 21}
