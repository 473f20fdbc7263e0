"""Tests of the loss-zoo tools used by the Part II chapters: fit_line, loss_slice, line_with_outliers, the CTC state
occupancy, and the figures of lossfns.plots_zoo (they draw what the losses compute).
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from sklearn.linear_model import QuantileRegressor  # noqa: E402

import lossfns  # noqa: E402
from lossfns import LOSSES, plots_zoo  # noqa: E402
from lossfns._regression import line_with_outliers  # noqa: E402
from lossfns.registry import fit_line, loss_slice  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_fit_line_mse_is_least_squares():
    # reference: numpy's least-squares polynomial fit
    x, y, _ = line_with_outliers()
    w, b = fit_line(x, y, "mse")
    np.testing.assert_allclose([w, b], np.polyfit(x, y, 1), rtol=1e-8)


@pytest.mark.parametrize("tau", [0.5, 0.8])
def test_fit_line_quantile_matches_sklearn(tau):
    # reference: scikit-learn QuantileRegressor (linear programme, no penalty); MAE is tau = 0.5 up to a factor 2
    x, y, _ = line_with_outliers()
    ref = QuantileRegressor(quantile=tau, alpha=0.0, solver="highs").fit(x[:, None], y)
    w, b = fit_line(x, y, "quantile", tau=tau)
    # the objective is flat near its minimum: compare the loss values, and the parameters loosely
    ours = float(lossfns.quantile_loss(w * x + b, y, tau=tau))
    best = float(lossfns.quantile_loss(ref.predict(x[:, None]), y, tau=tau))
    assert ours == pytest.approx(best, rel=1e-3)
    np.testing.assert_allclose([w, b], [ref.coef_[0], ref.intercept_], atol=0.05)
    if tau == 0.5:
        w_mae, b_mae = fit_line(x, y, "mae")
        assert float(lossfns.mae_loss(w_mae * x + b_mae, y)) == pytest.approx(2 * best, rel=1e-3)


def test_fit_line_huber_is_stationary_and_robust():
    x, y, out = line_with_outliers()
    w, b = fit_line(x, y, "huber", delta=1.0)
    g = lossfns.huber_loss_grad(w * x + b, y, delta=1.0)
    np.testing.assert_allclose([np.sum(g * x), np.sum(g)], 0.0, atol=1e-6)  # first-order optimality
    w_clean = np.polyfit(x[~out], y[~out], 1)[0]
    w_mse = fit_line(x, y, "mse")[0]
    assert abs(w - w_clean) < 0.2 < abs(w_mse - w_clean)  # the outliers drag MSE, not Huber


def test_fit_line_and_data_validation():
    with pytest.raises(ValueError, match="name must be a regression loss of lossfns.LOSSES, got 'hinge'"):
        fit_line([0.0, 1.0], [0.0, 1.0], "hinge")
    with pytest.raises(ValueError, match=r"x and y must be 1-D arrays of the same length >= 2"):
        fit_line([0.0, 1.0], [0.0], "mse")
    with pytest.raises(ValueError, match="need n >= 2 points and 0 <= n_outliers < n"):
        line_with_outliers(3, n_outliers=3)


@pytest.mark.parametrize("name", list(LOSSES))
def test_loss_slice_matches_the_loss(name):
    v, loss, grad = loss_slice(name, num=21)
    assert v.size >= 5  # some of the interval is in the loss's domain
    entry = LOSSES[name]
    first, *rest = entry.example()
    x = np.array(first, dtype=float)
    x.flat[0] = v[-1]
    assert loss[-1] == pytest.approx(float(entry.loss(x, *rest, reduction="sum")))
    assert (grad is None) == (entry.grad is None)


def test_ctc_state_occupancy():
    lp = lossfns.log_softmax(np.sin(np.arange(15.0)).reshape(5, 3))
    lat = lossfns.ctc_forward_backward(lp, [1, 2])
    np.testing.assert_allclose(lat.state_occupancy.sum(axis=1), 1.0)
    # summing the states that carry each symbol gives the per-symbol occupancy
    by_symbol = np.zeros_like(lat.occupancy)
    for s, k in enumerate(lat.extended):
        by_symbol[:, k] += lat.state_occupancy[:, s]
    np.testing.assert_allclose(by_symbol, lat.occupancy, atol=1e-15)


def test_figures_draw_the_computed_values():
    ax = plots_zoo.plot_kl_asymmetry(1.0)
    grid, p, q = plots_zoo.kl_pair(1.0)
    assert f"{float(lossfns.kl_divergence(q, p)):.3f}" in ax.get_title()
    ax = plots_zoo.plot_triplet([[0.0, 0.0], [1.0, 0.0], [0.0, 1.5]])
    assert "0.50" in ax.get_title()  # hand: 1 - 1.5 + 1
    ax = plots_zoo.plot_overlap_losses([[1.0, 0.0], [1.0, 1.0]], [[1.0, 1.0], [0.0, 1.0]])
    assert [t.get_text() for t in ax.texts][:2] == ["0.333", "0.500"]  # hand: Dice 1 - 4/6, IoU 1 - 2/4
    fig = plots_zoo.plot_family_slices("regression")
    assert sum(a.get_visible() for a in fig.axes if a.get_title()) == 8
    with pytest.raises(ValueError, match=r"triplet must have shape \(3, 2\)"):
        plots_zoo.plot_triplet(np.zeros((3, 3)))
    with pytest.raises(ValueError, match="prediction and target must be 2-D masks of one shape"):
        plots_zoo.plot_mask_pair(np.zeros((2, 2)), np.zeros(4))
