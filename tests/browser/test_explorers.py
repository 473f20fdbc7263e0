"""Each live explorer, in Chromium with no kernel: set its controls and compare the numbers it shows with lossfns;
drive a slider from the keyboard; with JavaScript off, the static figure and the no-JS line remain.

The explorers are every ``.lossfns-explorer`` of the built book plus the four of tests/browser/fixture.html (the
contract's page, filled from lossfns.example). Expected values are computed here with lossfns, the book's
tested source of truth; the page shows 4 decimals, and its data-value attribute holds the full number.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

import lossfns

from .conftest import KINDS, SITE, guard, site_pages

TOL = 1e-9  # relative, as for tests/js/vectors.json


def built_explorers() -> list[tuple[str, int, str]]:
    """(page, index on the page, kind) of every explorer in the build."""
    found = []
    for path in site_pages():
        kinds = re.findall(r'class="lossfns-explorer" data-explorer="([a-z-]+)"', (SITE / path).read_text("utf-8"))
        found += [(path, i, kind) for i, kind in enumerate(kinds)]
    return found


# Part I's kinds; Part II's explorers (robust-regression, surrogates, kl) are tested in test_zoo_explorers.py.
ALL = [("fixture", i, kind) for i, kind in enumerate(KINDS)] + [e for e in built_explorers() if e[2] in KINDS]
EXPLORERS = [e for e in ALL if e[2] != "playground"]
PLAYGROUNDS = [e for e in ALL if e[2] == "playground"]


@pytest.fixture
def explorer(request, site_url, fixture_url, open_page):
    path, index, kind = request.param
    g = open_page(fixture_url if path == "fixture" else f"{site_url}/{path}")
    root = g.page.locator(".lossfns-explorer").nth(index)
    assert root.get_attribute("data-explorer") == kind
    assert root.get_attribute("data-ready") == "true", "explorers.js did not bring the explorer to life"
    state = json.loads(root.get_attribute("data-state"))
    yield g, root, kind, state
    g.assert_clean()


def _ids(params):
    return [f"{p}#{i}:{k}" for p, i, k in params]


def set_range(root, name: str, value: float) -> None:
    """Move a range slider as a drag does: set its value and fire `input`."""
    root.locator(f'input[type=range][data-control="{name}"]').evaluate(
        "(el, v) => { el.value = String(v); el.dispatchEvent(new Event('input', { bubbles: true })); }", value
    )


def type_number(root, name: str, value: float) -> None:
    """Type into a number input (Playwright's fill fires `input`)."""
    root.locator(f'input[type=number][data-control="{name}"]').fill(str(value))


def shown(root, name: str) -> tuple[str, float]:
    out = root.locator(f'[data-out="{name}"]')
    return out.inner_text(), float(out.get_attribute("data-value"))


def assert_shows(root, name: str, expected: float) -> None:
    text, value = shown(root, name)
    assert text == f"{expected:.4f}".replace("-0.0000", "0.0000"), f"{name}: shows {text}, lossfns {expected:.6f}"
    assert abs(value - expected) <= TOL * max(abs(expected), 1e-300) + 1e-12, f"{name}: {value} vs {expected}"


def check_kind(root, kind: str, state: dict, scores: np.ndarray, image: int, margin: float, temperature: float):
    """Compare everything the explorer shows with lossfns at these values."""
    labels = np.asarray(state["labels"])
    if kind == "svm-table":
        per = lossfns.svm_loss(scores, labels, margin=margin, reduction="none")
        for i, v in enumerate(per):
            assert_shows(root, f"loss-{i}", float(v))
        assert_shows(root, "mean", float(lossfns.svm_loss(scores, labels, margin=margin)))
        return
    s, y = scores[image], int(labels[image])
    if kind == "svm-image":
        for j, v in enumerate(lossfns.svm_margins(s, y, margin=margin)):
            assert_shows(root, f"term-{j}", float(v))
        assert_shows(root, "loss", float(lossfns.svm_loss(s, y, margin=margin)))
    elif kind == "softmax":
        for j, v in enumerate(lossfns.softmax(s / temperature)):
            assert_shows(root, f"prob-{j}", float(v))
        assert_shows(root, "loss", float(lossfns.softmax_cross_entropy_with_temperature(s, y, temperature=temperature)))
    elif kind == "compare":
        assert_shows(root, "svm-loss", float(lossfns.svm_loss(s, y, margin=margin)))
        assert_shows(root, "ce-loss", float(lossfns.softmax_cross_entropy(s, y)))


@pytest.mark.parametrize("explorer", EXPLORERS, ids=_ids(EXPLORERS), indirect=True)
def test_explorer_shows_lossfns_values(explorer):
    g, root, kind, state = explorer
    scores = np.array(state["scores"], dtype=float)
    image = state.get("image", 0)
    margin = state.get("margin", 1.0)
    temperature = state.get("temperature", 1.0)
    # The defaults first: what the page shows on load is what lossfns computes for the state it was given.
    check_kind(root, kind, state, scores, image, margin, temperature)
    rng = np.random.default_rng(7)
    if kind == "svm-table":
        for i in range(scores.shape[0]):
            for j in range(scores.shape[1]):
                scores[i, j] = round(float(rng.uniform(-5, 5)), 2)
                type_number(root, f"score-{i}-{j}", scores[i, j])
    elif kind == "compare":
        k = state["moving_class"]
        for value in (state["sweep"]["min"], 0.0, 2.5, state["sweep"]["max"]):
            scores[image, k] = value
            set_range(root, "moving-score", value)
            check_kind(root, kind, state, scores, image, margin, temperature)
        scores[image, k] = 1.23
        type_number(root, "moving-score-number", 1.23)
    else:
        image = len(state["images"]) - 1  # switch image, then move every score
        root.locator('select[data-control="image"]').select_option(str(image))
        check_kind(root, kind, state, scores, image, margin, temperature)
        for j in range(scores.shape[1]):
            scores[image, j] = round(float(rng.uniform(-8, 8)), 1)
            set_range(root, f"score-{j}", scores[image, j])
        if kind == "svm-image":
            margin = 2.5
            type_number(root, "margin-number", margin)
        else:
            temperature = 0.3
            set_range(root, "temperature", temperature)
            check_kind(root, kind, state, scores, image, margin, temperature)
            temperature = 3.7
            type_number(root, "temperature-number", temperature)
    check_kind(root, kind, state, scores, image, margin, temperature)


@pytest.mark.parametrize("explorer", EXPLORERS, ids=_ids(EXPLORERS), indirect=True)
def test_explorer_follows_the_keyboard(explorer):
    g, root, kind, state = explorer
    if kind == "svm-table":
        control = root.locator('input[type=number][data-control="score-0-1"]')
    elif kind == "compare":
        control = root.locator('input[type=range][data-control="moving-score"]')
    else:
        control = root.locator('input[type=range][data-control="score-1"]')
    control.focus()
    before = float(control.input_value())
    key = "ArrowUp" if kind == "svm-table" else "ArrowRight"
    for _ in range(3):
        control.press(key)
    after = float(control.input_value())
    step = state["range"]["step"]
    # Three steps up; a value off the step grid first snaps to it (the browser's rule), so allow 2 to 3 steps.
    assert before + 2 * step - 1e-9 <= after <= before + 3 * step + 1e-9, f"{kind}: {key} x3 moved {before} to {after}"
    # The numbers follow the keyboard: read the explorer's own current values back and recompute with lossfns.
    scores, image, margin, temperature = current_values(root, kind, state)
    check_kind(root, kind, state, scores, image, margin, temperature)


def current_values(root, kind: str, state: dict):
    scores = np.array(state["scores"], dtype=float)
    image = state.get("image", 0)
    margin = state.get("margin", 1.0)
    temperature = state.get("temperature", 1.0)
    value = lambda name: float(root.locator(f'[data-control="{name}"]').input_value())  # noqa: E731
    if kind == "svm-table":
        for i in range(scores.shape[0]):
            for j in range(scores.shape[1]):
                scores[i, j] = value(f"score-{i}-{j}")
    elif kind == "compare":
        scores[image, state["moving_class"]] = value("moving-score-number")
    else:
        image = int(root.locator('select[data-control="image"]').input_value())
        for j in range(scores.shape[1]):
            scores[image, j] = value(f"score-{j}-number")
        if kind == "svm-image":
            margin = value("margin-number")
        else:
            temperature = value("temperature-number")
    return scores, image, margin, temperature


def test_the_build_has_every_kind_of_explorer():
    """Chapters 2-4 put all four explorers on the website, chapter 6 the playground (the fixture does not count;
    test_zoo_explorers.py checks Part II's)."""
    kinds = {kind for _, _, kind in built_explorers() if kind in KINDS}
    assert kinds == set(KINDS), f"the build at {SITE} has explorers {sorted(kinds)}, expected {sorted(KINDS)}"


@pytest.fixture(scope="module")
def no_js_context(browser):
    ctx = browser.new_context(java_script_enabled=False)
    yield ctx
    ctx.close()


NOJS_PAGES = ["fixture"] + sorted({p for p, _, _ in built_explorers()})


@pytest.mark.parametrize("path", NOJS_PAGES)
def test_without_javascript_the_static_figure_and_the_hint_remain(no_js_context, site_url, fixture_url, path):
    page = no_js_context.new_page()
    try:
        page.route("**/*", lambda r: r.continue_() if "127.0.0.1" in r.request.url.split("/")[2] else r.abort())
        page.goto(fixture_url if path == "fixture" else f"{site_url}/{path}")
        roots = page.locator(".lossfns-explorer")
        assert roots.count() >= 1
        for i in range(roots.count()):
            root = roots.nth(i)
            img = root.locator("figure img")
            assert img.is_visible() and img.get_attribute("alt"), f"explorer {i}: no visible static figure with alt"
            assert img.evaluate("(im) => im.complete && im.naturalWidth > 0"), f"explorer {i}: the figure did not load"
            hint = root.locator(".lossfns-nojs")
            assert hint.is_visible() and "JavaScript" in hint.inner_text()
            assert root.locator(".lossfns-ui").count() == 0
    finally:
        page.close()


def test_the_live_explorers_have_no_serious_accessibility_violation(fixture_url, open_page):
    """axe-core on the contract page once explorers.js has built every explorer (the book's pages get the same
    check in test_site.py)."""
    from axe_playwright_python.sync_playwright import Axe

    g = open_page(fixture_url)
    results = Axe().run(g.page, options={"resultTypes": ["violations"], "preload": False})
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not bad, "axe-core violations:\n" + "\n".join(bad)
    g.assert_clean()


@pytest.mark.parametrize("explorer", PLAYGROUNDS, ids=_ids(PLAYGROUNDS), indirect=True)
def test_playground_trains_like_lossfns(explorer):
    """Chapter 6's playground: the same settings and steps as lossfns.training.Trainer give the same numbers."""
    from lossfns import training

    g, root, kind, state = explorer
    X, y = np.asarray(state["X"]), np.asarray(state["y"])
    trainer = training.Trainer(X, y, loss=state["loss"], reg=state["reg"], learning_rate=state["learning_rate"])
    np.testing.assert_allclose(trainer.W, state["W"], rtol=1e-12)  # the page starts where lossfns starts
    trainer.step(state["steps"])

    def check():
        data, penalty = trainer.objective()
        assert root.locator('[data-out="iteration"]').inner_text() == str(trainer.iteration)
        assert_shows(root, "data-loss", data)
        assert_shows(root, "reg-loss", penalty)
        assert_shows(root, "total-loss", data + penalty)
        assert_shows(root, "accuracy", trainer.accuracy())

    check()
    root.locator('[data-control="step"]').click()
    trainer.step(1)
    check()
    losses = list(state["losses"])
    root.locator('select[data-control="loss"]').select_option(str(losses.index("softmax")))
    trainer.loss = "softmax"
    type_number(root, "reg-number", 0.05)
    trainer.reg = 0.05
    type_number(root, "learning-rate", 0.5)
    trainer.learning_rate = 0.5
    check()
    root.locator('[data-control="run"]').click()
    trainer.step(100)
    check()
    # The keyboard: arrows on the λ slider change λ, and the regularization loss follows.
    control = root.locator('input[type=range][data-control="reg"]')
    control.focus()
    control.press("ArrowRight")
    trainer.reg = float(control.input_value())
    assert trainer.reg == pytest.approx(0.05 + state["reg_range"]["step"])
    check()
    root.locator('[data-control="reset"]').click()
    trainer.reset()
    check()


@pytest.mark.parametrize("path", sorted({p for p, _, _ in built_explorers()}) or ["(no build)"])
def test_explorers_stay_readable_in_the_dark_theme(browser, site_url, path):
    """In the dark theme (the reader's system setting) axe-core finds no serious contrast or other violation
    inside the explorers (the theme draws HTML outputs as dark text on a light panel there)."""
    from axe_playwright_python.sync_playwright import Axe

    ctx = browser.new_context(color_scheme="dark")
    try:
        g = guard(ctx)
        g.page.goto(f"{site_url}/{path}")
        g.page.wait_for_function("() => !document.querySelector('.lossfns-explorer:not([data-ready])')")
        assert g.page.evaluate("document.documentElement.dataset.theme") == "dark"
        results = Axe().run(g.page, context={"include": [[".lossfns-explorer"]]},
                            options={"resultTypes": ["violations"], "preload": False})
        bad = [f"{v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes']][:3]}"
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert not bad, f"{path} (dark theme): " + "; ".join(bad)
        g.assert_clean()
    finally:
        ctx.close()
