"""Tests of lossfns.playground: the plot functions and the training playground driven like a reader would."""

from __future__ import annotations

import base64
import html
import json
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lossfns.playground import plot_decision_regions, plot_training_curve, training_playground  # noqa: E402
from lossfns.training import Trainer, init_params, make_toy_data, objective  # noqa: E402


@pytest.fixture
def pg():
    return training_playground()


def _expected_loss(pg):
    t = pg.trainer
    return sum(objective(t.W, t.b, t.X, t.y, loss=t.loss, reg=t.reg))


# --- the playground's callbacks ---------------------------------------------------------------------------------


def test_step_button_advances_one_iteration_and_shows_the_lossfns_loss(pg):
    assert pg.iteration == 0
    before = pg.shown_loss
    W0 = pg.trainer.W.copy()
    pg.step_button.click()
    assert pg.iteration == 1
    assert not np.array_equal(pg.trainer.W, W0)
    assert pg.shown_loss == pytest.approx(_expected_loss(pg), rel=1e-12)
    assert pg.shown_loss < before  # one gradient step from a bad start lowers the objective
    assert "iteration 1," in pg.status.value
    assert f"= {pg.shown_loss:.4f}" in pg.status.value


def test_run_button_takes_100_steps_and_reset_goes_back(pg):
    pg.run_button.click()
    assert pg.iteration == 100
    assert len(pg.trainer.data_loss_history) == 101
    assert pg.shown_loss == pytest.approx(_expected_loss(pg), rel=1e-12)
    assert pg.trainer.accuracy() >= 0.95
    pg.reset_button.click()
    assert pg.iteration == 0
    assert pg.shown_loss == pytest.approx(_expected_loss(pg), rel=1e-12)
    assert pg.trainer.accuracy() == 0.0  # the seeded start


def test_dropdown_and_sliders_change_the_trainer(pg):
    pg.loss_dropdown.value = "softmax"
    pg.reg_slider.value = 0.2
    pg.lr_slider.value = 0.5
    t = pg.trainer
    assert (t.loss, t.learning_rate) == ("softmax", pytest.approx(0.5))
    assert t.reg == pytest.approx(0.2)
    # The shown loss is recomputed at once for the new settings (softmax, lambda = 0.2), before any step.
    assert pg.shown_loss == pytest.approx(_expected_loss(pg), rel=1e-12)
    assert "softmax cross-entropy, λ = 0.200" in pg.status.value
    pg.step_button.click()
    assert pg.iteration == 1


def test_dropdown_offers_the_four_losses(pg):
    assert [v for _, v in pg.loss_dropdown.options] == ["svm", "ova", "cs", "softmax"]
    for key in ("ova", "cs"):
        pg.loss_dropdown.value = key
        pg.step_button.click()
        assert pg.shown_loss == pytest.approx(_expected_loss(pg), rel=1e-12)


def test_figure_artists_are_updated_in_place(pg):
    line = pg._regions.lines[0]
    curve = pg._curve.data_line
    before = np.array(line.get_xydata()).copy()
    pg.run_button.click()
    assert pg._regions.lines[0] is line and pg._curve.data_line is curve  # same artists, new data
    assert not np.allclose(line.get_xydata(), before)
    np.testing.assert_allclose(curve.get_ydata(), pg.trainer.data_loss_history)


# --- how the playground displays --------------------------------------------------------------------------------


def test_mimebundle_has_widget_text_and_static_html():
    pg = training_playground(steps=20)
    bundle = pg._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    text = bundle["text/plain"]
    assert text.startswith("Training playground: multiclass SVM (Weston-Watkins), λ = 0.010")
    assert "iteration 20," in text
    assert "0x" not in text  # no memory address
    page = bundle["text/html"]
    match = re.search(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)"', page)
    assert match is not None
    assert base64.b64decode(match.group(1)).startswith(b"\x89PNG")
    assert "decision regions" in match.group(2)
    assert "make lab" in page
    assert '<div class="lossfns-explorer" data-explorer="playground" data-state=' in page


def test_html_state_replays_the_training():
    # The website's JavaScript replays the training from the data-state; replaying it with the Python Trainer from
    # the stated start must land on the playground's weights.
    pg = training_playground(loss="softmax", reg=0.05, steps=25)
    page = pg._repr_mimebundle_()["text/html"]
    state = json.loads(html.unescape(re.search(r"data-state='([^']*)'", page).group(1)))
    assert state == json.loads(json.dumps(pg.state()))
    assert (state["loss"], state["reg"], state["steps"]) == ("softmax", 0.05, 25)
    assert state["reg_range"] == {"min": 0.0, "max": 0.5, "step": 0.005}
    replay = Trainer(np.array(state["X"]), state["y"], loss=state["loss"], reg=state["reg"],
                     learning_rate=state["learning_rate"])
    replay.W, replay.b = np.array(state["W"]), np.array(state["b"])
    replay.step(state["steps"])
    np.testing.assert_allclose(replay.W, pg.trainer.W, rtol=0, atol=1e-12)
    np.testing.assert_allclose(replay.b, pg.trainer.b, rtol=0, atol=1e-12)


def test_display_is_deterministic():
    a = training_playground(loss="softmax", steps=30)._repr_mimebundle_()
    b = training_playground(loss="softmax", steps=30)._repr_mimebundle_()
    assert a["text/plain"] == b["text/plain"]
    assert a["text/html"] == b["text/html"]  # nbval compares text/html byte for byte


def test_playground_input_validation():
    with pytest.raises(ValueError, match="loss must be one of"):
        training_playground(loss="hinge")
    with pytest.raises(ValueError, match=r"reg must be in \[0, 0.5\], the slider's range"):
        training_playground(reg=2.0)
    with pytest.raises(ValueError, match=r"learning_rate must be a finite number in \(0, inf\)"):
        training_playground(learning_rate=0.0)
    with pytest.raises(ValueError, match="pass both X and y"):
        training_playground(X=np.zeros((3, 2)))
    with pytest.raises(ValueError, match=r"X must have shape \(N, 2\)"):
        training_playground(np.zeros((3, 3)), [0, 1, 2])


# --- the pure plot functions ------------------------------------------------------------------------------------


def test_plot_decision_regions_colours_each_pixel_by_the_winning_class():
    X, y = make_toy_data()
    # Scores (x1, x2, 0), by hand: class 0 wins at (3, 1), class 1 at (1, 3), class 2 at (-3, -3).
    W = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]])
    b = np.zeros(3)
    ax = plot_decision_regions(W, b, X, y, extent=(-4, 4, -4, 4))
    image = ax.get_images()[0].get_array()
    res = image.shape[0]
    col = lambda x: int(round((x + 4) / 8 * (res - 1)))  # noqa: E731
    assert image[col(1.0), col(3.0)] == 0  # row is y, column is x: scores (3, 1, 0)
    assert image[col(3.0), col(1.0)] == 1  # scores (1, 3, 0)
    assert image[col(-3.0), col(-3.0)] == 2  # scores (-3, -3, 0)
    assert ax.get_xlabel() and ax.get_ylabel()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[:3] == ["class 0", "class 1", "class 2"]
    plt.close(ax.figure)


def test_zero_score_line_is_where_the_score_vanishes():
    X, y = make_toy_data()
    W, b = init_params(seed=2)
    b = np.array([0.5, -0.3, 0.1])
    ax = plot_decision_regions(W, b, X, y)
    lines = [ln for ln in ax.get_lines() if len(ln.get_xdata()) == 2]
    for k, line in enumerate(lines):
        pts = np.asarray(line.get_xydata())
        np.testing.assert_allclose(pts @ W[:, k] + b[k], 0.0, atol=1e-9)
    plt.close(ax.figure)


def test_plot_training_curve_draws_data_regularization_and_total():
    ax = plot_training_curve([2.0, 1.0, 0.5], [0.1, 0.2, 0.25])
    lines = ax.get_lines()
    np.testing.assert_allclose(lines[0].get_ydata(), [2.0, 1.0, 0.5])
    np.testing.assert_allclose(lines[1].get_ydata(), [0.1, 0.2, 0.25])
    np.testing.assert_allclose(lines[2].get_ydata(), [2.1, 1.2, 0.75])
    assert ax.get_xlabel() == "iteration" and ax.get_ylabel() == "loss"
    plt.close(ax.figure)


def test_plot_input_validation():
    X, y = make_toy_data()
    with pytest.raises(ValueError, match=r"W must have shape \(2, C\)"):
        plot_decision_regions(np.ones((3, 3)), np.zeros(3), X, y)
    with pytest.raises(ValueError, match="extent must have xmin < xmax"):
        plot_decision_regions(*init_params(), X, y, extent=(1, 0, 0, 1))
    with pytest.raises(ValueError, match="data_loss and reg_loss must be non-empty 1-D sequences of one length"):
        plot_training_curve([1.0, 2.0], [1.0])
