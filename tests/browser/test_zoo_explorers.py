"""Part II's live explorers in Chromium with no kernel: robust-regression (chapter 11), surrogates (chapter 12) and
kl (chapter 14). Set their sliders, by value and from the keyboard, and compare every number shown with lossfns.

The pages' own checks (no console error, no request off 127.0.0.1, math, axe-core in both themes, the static
figure without JavaScript) are in test_site.py and test_explorers.py, which visit every page of the build.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

import lossfns
from lossfns.plots_zoo import kl_pair
from lossfns.registry import fit_line
from lossfns.widgets_zoo import surrogate_losses

from .conftest import SITE, site_pages
from .test_explorers import assert_shows, set_range, type_number

ZOO_KINDS = ("robust-regression", "surrogates", "kl")


def zoo_explorers() -> list[tuple[str, int, str]]:
    """(page, index on the page, kind) of every Part II explorer in the build."""
    found = []
    for path in site_pages():
        kinds = re.findall(r'class="lossfns-explorer" data-explorer="([a-z-]+)"', (SITE / path).read_text("utf-8"))
        found += [(path, i, kind) for i, kind in enumerate(kinds) if kind in ZOO_KINDS]
    return found


FOUND = zoo_explorers()


def test_the_build_has_every_part_ii_explorer():
    kinds = sorted(kind for _, _, kind in FOUND)
    assert kinds == sorted(ZOO_KINDS), f"the build at {SITE} has Part II explorers {kinds}, expected one of each"


def _root(kind, site_url, open_page):
    matches = [(p, i) for p, i, k in FOUND if k == kind]
    if not matches:
        pytest.fail(f"no {kind} explorer in the build at {SITE}")
    path, index = matches[0]
    g = open_page(f"{site_url}/{path}")
    root = g.page.locator(".lossfns-explorer").nth(index)
    assert root.get_attribute("data-explorer") == kind
    assert root.get_attribute("data-ready") == "true", "explorers.js did not bring the explorer to life"
    return g, root, json.loads(root.get_attribute("data-state"))


def _value(root, name: str) -> float:
    return float(root.locator(f'[data-control="{name}"]').input_value())


# ---- robust regression --------------------------------------------------------------------------------------------

def _check_regression(root, state, delta: float, tau: float) -> None:
    x, y = np.asarray(state["x"]), np.asarray(state["y"])
    fits = {"mse": state["fits"]["mse"], "mae": state["fits"]["mae"],
            "huber": state["huber_fits"][state["deltas"].index(delta)],
            "quantile": state["quantile_fits"][state["taus"].index(tau)]}
    pred = {k: w * x + b for k, (w, b) in fits.items()}
    expected = {
        "mse": float(lossfns.mse_loss(pred["mse"], y)),
        "mae": float(lossfns.mae_loss(pred["mae"], y)),
        "huber": float(lossfns.huber_loss(pred["huber"], y, delta=delta)),
        "quantile": float(lossfns.quantile_loss(pred["quantile"], y, tau=tau)),
    }
    for k, v in expected.items():
        assert_shows(root, f"loss-{k}", v)
        assert_shows(root, f"slope-{k}", fits[k][0])
        assert_shows(root, f"intercept-{k}", fits[k][1])
    assert root.locator('[data-out="delta"]').inner_text() == f"{delta:g}"
    assert root.locator('[data-out="tau"]').inner_text() == f"{tau:g}"


def test_robust_regression_explorer(site_url, open_page):
    g, root, state = _root("robust-regression", site_url, open_page)
    x, y, _ = lossfns.line_with_outliers()
    assert state["x"] == x.tolist() and state["y"] == y.tolist()
    # The embedded fits are lossfns' own (one Huber and one quantile fit recomputed here; tests/test_widgets_zoo.py
    # checks the whole grid against lossfns.widgets_zoo.regression_fits).
    assert state["huber_fits"][state["deltas"].index(3.0)] == list(fit_line(x, y, "huber", delta=3.0))
    assert state["quantile_fits"][state["taus"].index(0.9)] == list(fit_line(x, y, "quantile", tau=0.9))
    _check_regression(root, state, state["delta"], state["tau"])
    for delta, tau in ((3.0, 0.9), (30.0, 0.1), (0.1, 0.5)):
        set_range(root, "delta", state["deltas"].index(delta))
        set_range(root, "tau", state["taus"].index(tau))
        _check_regression(root, state, delta, tau)
    # The keyboard: two steps right on each slider move to the next grid values, and the numbers follow.
    for name in ("delta", "tau"):
        control = root.locator(f'input[type=range][data-control="{name}"]')
        control.focus()
        control.press("ArrowRight")
        control.press("ArrowRight")
    assert int(_value(root, "delta")) == 2 and int(_value(root, "tau")) == state["taus"].index(0.5) + 2
    _check_regression(root, state, state["deltas"][2], state["taus"][int(_value(root, "tau"))])
    g.assert_clean()


# ---- surrogates ---------------------------------------------------------------------------------------------------

KEYS = {"0-1": "zero-one", "hinge": "hinge", "squared hinge": "squared-hinge", "logistic / ln 2": "logistic",
        "exponential": "exponential", "focal / ln 2": "focal"}


def _check_surrogates(root, state, margin: float, gamma: float, eps: float) -> None:
    for name, values in surrogate_losses(margin, gamma).items():
        assert_shows(root, KEYS[name], float(values[0]))
    expected = float(lossfns.label_smoothed_cross_entropy(np.asarray(state["scores"]), state["label"], eps=eps))
    assert_shows(root, "smoothed-ce", expected)


def test_surrogates_explorer(site_url, open_page):
    g, root, state = _root("surrogates", site_url, open_page)
    assert state["scores"] == lossfns.example.SCORES[0].tolist()  # the cat image
    margin, gamma, eps = state["margin"], state["gamma"], state["eps"]
    _check_surrogates(root, state, margin, gamma, eps)
    for margin, gamma, eps in ((-2.0, 0.0, 0.0), (1.0, 5.0, 0.5), (-0.35, 1.3, 0.27)):
        set_range(root, "margin", margin)
        set_range(root, "gamma", gamma)
        type_number(root, "eps-number", eps)
        _check_surrogates(root, state, margin, gamma, eps)
    assert round(float(root.locator('[data-out="smoothed-ce"]').get_attribute("data-value")), 4) != 2.0404
    # The keyboard: three steps of the margin slider (0.05 each) and one of gamma; the numbers follow.
    control = root.locator('input[type=range][data-control="margin"]')
    control.focus()
    for _ in range(3):
        control.press("ArrowRight")
    assert _value(root, "margin-number") == pytest.approx(-0.35 + 3 * state["margin_range"]["step"], abs=1e-9)
    root.locator('input[type=range][data-control="gamma"]').press("ArrowLeft")
    _check_surrogates(root, state, _value(root, "margin-number"), _value(root, "gamma-number"), eps)
    g.assert_clean()


# ---- KL -----------------------------------------------------------------------------------------------------------

def _check_kl(root, shift: float) -> None:
    _, p, q = kl_pair(shift)
    assert_shows(root, "kl-p-q", float(lossfns.kl_divergence(q, p)))  # KL(p || q): prediction q, target p
    assert_shows(root, "kl-q-p", float(lossfns.kl_divergence(p, q)))


def test_kl_explorer(site_url, open_page):
    g, root, state = _root("kl", site_url, open_page)
    _check_kl(root, state["shift"])
    for shift in (-3.5, 2.0, 3.5):
        set_range(root, "shift", shift)
        _check_kl(root, shift)
    type_number(root, "shift-number", 1.7)
    _check_kl(root, 1.7)
    # The q bars follow: their heights are proportional to kl_pair(1.7)'s q.
    heights = root.locator('[data-bar^="q-"]').evaluate_all(
        "(bars) => bars.map((b) => Number(b.getAttribute('height')))"
    )
    _, _, q = kl_pair(1.7)
    np.testing.assert_allclose(np.asarray(heights) / max(heights), q / q.max(), atol=0.02)
    control = root.locator('input[type=range][data-control="shift"]')
    control.focus()
    for _ in range(3):
        control.press("ArrowLeft")
    shift = _value(root, "shift-number")
    assert shift == pytest.approx(1.7 - 3 * state["shift_range"]["step"], abs=1e-9)
    _check_kl(root, shift)
    g.assert_clean()
