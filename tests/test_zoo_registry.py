"""Tests of the loss-zoo registry lossfns.LOSSES, run over every registered loss.

- every entry is complete and its example runs;
- every gradient agrees with central differences (lossfns.gradcheck) at the registered example and at random
  points drawn away from the loss's kinks;
- reductions are consistent ("sum" is the sum of "none", "mean" its mean; gradients scale the same way);
- float32 in gives float32 out, for the loss and the gradient;
- the convention differences the registry writes out hold numerically, against the libraries' documented
  definitions (PyTorch is not installed, so its formulas are written out here from its documentation).
"""

from __future__ import annotations

import numpy as np
import pytest

import lossfns
from lossfns import FAMILIES, LOSSES, check_gradient, numerical_gradient
from lossfns.example import LABELS, SCORES
from lossfns.registry import LossEntry, by_family

NAMES = list(LOSSES)
WITH_GRAD = [n for n in NAMES if LOSSES[n].grad is not None]


# --- Structure ----------------------------------------------------------------------------------------------


def test_size_and_families():
    # issue 7, "done when": at least 30 registered losses in at least 6 families.
    assert len(LOSSES) >= 30
    assert len({e.family for e in LOSSES.values()}) >= 6
    assert set(FAMILIES) == {e.family for e in LOSSES.values()}


def test_required_losses_are_registered():
    # issue 7, package item 3: the list of losses the zoo must contain (our registry names).
    required = {
        "mse", "mae", "huber", "smooth_l1", "log_cosh", "quantile", "mape", "msle",
        "binary_cross_entropy_with_logits", "focal", "label_smoothed_cross_entropy", "squared_hinge",
        "crammer_singer", "one_vs_all_hinge", "perceptron", "soft_margin", "multilabel_soft_margin", "zero_one",
        "margin_ranking", "contrastive", "triplet", "cosine_embedding", "hinge_embedding", "info_nce", "nt_xent",
        "kl_divergence", "poisson_nll", "gaussian_nll", "ctc", "dice", "jaccard", "tversky",
    }  # fmt: skip
    assert required <= set(LOSSES)


@pytest.mark.parametrize("name", NAMES)
def test_entry_is_complete(name):
    e = LOSSES[name]
    assert isinstance(e, LossEntry) and e.name == name
    assert callable(e.loss) and (e.grad is None) == (name == "zero_one")
    assert e.formula and e.reference and e.use_when and e.grad_wrt
    assert e.conventions and all(isinstance(c, str) and c.endswith(".") for c in e.conventions)
    assert any(lib is not None for lib in (e.torch, e.keras, e.optax)) or name in {
        "quantile", "exponential", "zero_one", "contrastive", "info_nce",
        "softmax_cross_entropy_with_temperature", "jaccard",
    }  # fmt: skip
    # every setting named in the registry is a keyword of the loss, with that default
    import inspect

    params = inspect.signature(e.loss).parameters
    for key, default in e.settings.items():
        assert params[key].kind is inspect.Parameter.KEYWORD_ONLY and params[key].default == default


def test_entries_are_frozen():
    with pytest.raises(AttributeError):
        LOSSES["mse"].family = "margin"  # type: ignore[misc]
    with pytest.raises(TypeError):
        LOSSES["huber"].settings["delta"] = 2.0  # type: ignore[index]


def test_by_family_and_unknown_family():
    assert sum(len(by_family(f)) for f in FAMILIES) == len(LOSSES)
    with pytest.raises(ValueError, match="family must be one of regression"):
        by_family("metric")


def test_exports():
    # every registered function (and gradient) is exported at the package top level under its own name
    for e in LOSSES.values():
        assert getattr(lossfns, e.loss.__name__) is e.loss
        if e.grad is not None:
            assert getattr(lossfns, e.grad.__name__) is e.grad
            assert e.grad.__name__ == e.loss.__name__ + "_grad"


@pytest.mark.parametrize("name", NAMES)
def test_example_is_deterministic_and_finite(name):
    e = LOSSES[name]
    a, b = e.example(), e.example()
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)
    value = e.loss(*a)
    assert np.ndim(value) == 0 and np.isfinite(value)
    if e.grad is not None:
        assert e.grad(*a).shape == np.shape(a[0])


# --- Gradients against central differences -------------------------------------------------------------------


@pytest.mark.parametrize("name", WITH_GRAD)
@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_gradient_at_example(name, reduction):
    e = LOSSES[name]
    x, *rest = e.example()
    err = check_gradient(
        lambda v: e.loss(v, *rest, reduction=reduction), lambda v: e.grad(v, *rest, reduction=reduction), x
    )
    assert err < 1e-6, f"{name}: relative error {err:.2e}"


def _away(rng, shape, kinks=(0.0, 1.0)):
    """Values with random sign whose magnitude stays >= 0.1 from each kink magnitude (0 and 1 by default)."""
    mag = rng.uniform(0.1, 3.0, size=shape)
    for k in kinks:
        near = np.abs(mag - k) < 0.1
        mag[near] += 0.25
    return mag * rng.choice([-1.0, 1.0], size=shape)


def _signs(rng, shape):
    return rng.choice([-1.0, 1.0], size=shape)


def _random_args(name, rng):
    """A random valid argument tuple for a registered loss, away from its kinks (by construction)."""
    n, c = 4, 5
    if name in {"mse", "mae", "huber", "smooth_l1", "log_cosh", "quantile"}:
        t = rng.normal(size=(n, 3))
        return t + _away(rng, t.shape), t  # residual |r| away from 0 and from delta = beta = 1
    if name == "mape":
        t = rng.uniform(0.5, 3.0, size=8) * _signs(rng, 8)
        return t + _away(rng, 8), t
    if name == "msle":
        t = rng.uniform(0.0, 5.0, size=8)
        return t + rng.uniform(0.1, 2.0, size=8), t
    if name in {"binary_cross_entropy_with_logits", "focal", "multilabel_soft_margin"}:
        return rng.normal(scale=3.0, size=(n, 3)), rng.integers(0, 2, size=(n, 3)).astype(float)
    if name in {"softmax_cross_entropy", "softmax_cross_entropy_with_temperature", "label_smoothed_cross_entropy"}:
        return rng.normal(scale=2.0, size=(n, c)), rng.integers(0, c, size=n)
    if name == "softmax_cross_entropy_with_probs":
        return rng.normal(scale=2.0, size=(n, c)), rng.dirichlet(np.ones(c), size=n)
    if name in {"svm_weston_watkins", "crammer_singer", "squared_hinge"}:
        # s_j - s_y + 1 = v_j with |v_j| >= 0.1: no margin term at its kink; a row offset changes nothing.
        y = rng.integers(0, c, size=n)
        s = _away(rng, (n, c), kinks=(0.0,)) - 1.0
        s[np.arange(n), y] = 0.0
        return s + rng.normal(size=(n, 1)), y
    if name == "one_vs_all_hinge":
        return _away(rng, (n, c)), rng.integers(0, c, size=n)  # kinks at s = +-1
    if name in {"hinge", "perceptron", "soft_margin", "exponential"}:
        t = _signs(rng, 8)
        return t * _away(rng, 8), t  # the margin t s is away from 0 and 1
    if name == "kl_divergence":
        return rng.dirichlet(np.ones(c), size=n) + 0.01, rng.dirichlet(np.ones(c), size=n)
    if name == "poisson_nll":
        return rng.normal(size=8), rng.integers(0, 6, size=8).astype(float)
    if name == "gaussian_nll":
        return rng.normal(size=8), rng.normal(size=8)
    if name == "margin_ranking":
        x2 = rng.normal(size=n)
        return np.stack([x2 + _away(rng, n, kinks=(0.0,)), x2], axis=1), _signs(rng, n)
    if name == "contrastive":
        x1 = rng.normal(size=(n, 3))
        direction = rng.normal(size=(n, 3))
        direction /= np.linalg.norm(direction, axis=1, keepdims=True)
        d = np.abs(_away(rng, (n, 1)))  # distance away from 0 and from the margin 1
        return np.stack([x1, x1 + d * direction], axis=1), rng.integers(0, 2, size=n).astype(float)
    if name == "triplet":
        x = rng.normal(size=(n, 3, 3))
        ap = np.linalg.norm(x[:, 0] - x[:, 1], axis=1)
        an = np.linalg.norm(x[:, 0] - x[:, 2], axis=1)
        assert np.all(np.abs(ap - an + 1.0) > 1e-3)  # seeds are fixed: this holds for the points drawn
        return (x,)
    if name == "cosine_embedding":
        return rng.normal(size=(n, 2, 3)), _signs(rng, n)
    if name == "hinge_embedding":
        return _away(rng, 8), _signs(rng, 8)  # kink at x = margin = 1
    if name == "info_nce":
        return rng.normal(size=(n, 3)), rng.normal(size=(n, 3))
    if name == "nt_xent":
        return (rng.normal(size=(2 * n, 3)),)
    if name == "ctc":
        lp = lossfns.log_softmax(rng.normal(size=(2, 7, 4)))
        return lp, [np.array([1, 2, 2]), np.array([3, 1])]
    if name in {"dice", "jaccard", "tversky"}:
        return rng.uniform(0.05, 0.95, size=(3, 6)), rng.integers(0, 2, size=(3, 6)).astype(float)
    raise KeyError(name)


def test_every_loss_has_a_random_sampler():
    rng = np.random.default_rng(0)
    for name in WITH_GRAD:
        _random_args(name, rng)


@pytest.mark.parametrize("name", WITH_GRAD)
@pytest.mark.parametrize("seed", [1, 2])
def test_gradient_at_random_points(name, seed):
    e = LOSSES[name]
    x, *rest = _random_args(name, np.random.default_rng(seed))
    analytic = e.grad(x, *rest)
    numeric = numerical_gradient(lambda v: e.loss(v, *rest), x)
    np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-8, err_msg=name)


# --- Reductions and dtypes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_reductions_are_consistent(name):
    e = LOSSES[name]
    args = e.example()
    per = np.asarray(e.loss(*args, reduction="none"))
    count = per.size
    assert float(e.loss(*args, reduction="sum")) == pytest.approx(float(per.sum()), rel=1e-12)
    assert float(e.loss(*args, reduction="mean")) == pytest.approx(float(per.mean()), rel=1e-12)
    if e.grad is not None:
        np.testing.assert_allclose(
            e.grad(*args, reduction="mean") * count, e.grad(*args, reduction="sum"), rtol=1e-12, atol=1e-15
        )
    with pytest.raises(ValueError, match="reduction must be one of 'none', 'mean', 'sum', got 'avg'"):
        e.loss(*args, reduction="avg")


@pytest.mark.parametrize("name", NAMES)
def test_float32_in_float32_out(name):
    e = LOSSES[name]
    args = tuple(
        np.asarray(a, dtype=np.float32) if isinstance(a, np.ndarray) and a.dtype == np.float64 else a
        for a in e.example()
    )
    value = e.loss(*args)
    assert np.asarray(value).dtype == np.float32, name
    assert float(value) == pytest.approx(float(e.loss(*e.example())), rel=1e-4, abs=1e-6)
    assert np.asarray(e.loss(*args, reduction="none")).dtype == np.float32
    if e.grad is not None:
        g = e.grad(*args)
        assert g.dtype == np.float32, name
        np.testing.assert_allclose(g, e.grad(*e.example()), rtol=1e-3, atol=1e-5)


# --- Convention differences written in the registry hold numerically ------------------------------------------


def _torch_multi_margin(scores, labels, p=1, margin=1.0):
    # PyTorch docs, MultiMarginLoss: loss(x, y) = sum_{i != y} max(0, margin - x[y] + x[i])^p / x.size(0),
    # mean over the batch. Written out from the documented formula (torch is not a dependency).
    out = []
    for s, y in zip(scores, labels):
        terms = [max(0.0, margin - s[y] + s[i]) ** p for i in range(len(s)) if i != y]
        out.append(sum(terms) / len(s))
    return float(np.mean(out))


def test_torch_multi_margin_is_weston_watkins_over_c():
    # registry "svm_weston_watkins": torch MultiMarginLoss = svm_loss / C; anchors.md: 1.7556 on the example.
    ours = float(lossfns.svm_loss(SCORES, LABELS)) / 3
    assert _torch_multi_margin(SCORES, LABELS) == pytest.approx(ours, rel=1e-12)
    assert round(ours, 4) == 1.7556
    # and for p = 2 it is the squared hinge over C (registry "squared_hinge")
    assert _torch_multi_margin(SCORES, LABELS, p=2) == pytest.approx(
        float(lossfns.squared_hinge_loss(SCORES, LABELS)) / 3, rel=1e-12
    )


def test_smooth_l1_is_huber_over_beta():
    # registry "smooth_l1": smooth_l1(beta) = huber(delta=beta) / beta; equal to Huber at beta = 1.
    p, t = LOSSES["smooth_l1"].example()
    for beta in (0.3, 1.0, 2.5):
        np.testing.assert_allclose(
            lossfns.smooth_l1_loss(p, t, beta=beta, reduction="none"),
            lossfns.huber_loss(p, t, delta=beta, reduction="none") / beta,
            rtol=1e-12,
        )
    # the torch documentation's own piecewise formula, written out: 0.5 r^2 / beta if |r| < beta else |r| - beta/2
    r = p - t
    beta = 0.8
    torch_doc = np.where(np.abs(r) < beta, 0.5 * r**2 / beta, np.abs(r) - 0.5 * beta)
    np.testing.assert_allclose(lossfns.smooth_l1_loss(p, t, beta=beta, reduction="none"), torch_doc, rtol=1e-12)


def test_torch_kl_div_conventions():
    # registry "kl_divergence": torch KLDivLoss(input=log q, target=p) pointwise is p (log p - input);
    # its 'batchmean' is our mean, its default 'mean' divides by N * C instead.
    q, p = LOSSES["kl_divergence"].example()
    pointwise = p * (np.log(p) - np.log(q))  # PyTorch docs, KLDivLoss: l = target * (log target - input)
    n, c = q.shape
    assert pointwise.sum() / n == pytest.approx(float(lossfns.kl_divergence(q, p)), rel=1e-12)  # batchmean
    assert pointwise.mean() == pytest.approx(float(lossfns.kl_divergence(q, p)) / c, rel=1e-12)  # 'mean'


def test_keras_hinge_on_one_hot_is_one_vs_all_over_c():
    # registry "one_vs_all_hinge": Keras Hinge maps 0/1 to -1/+1 and averages max(0, 1 - t s) over the last axis.
    onehot = np.eye(3)[LABELS]
    t = 2 * onehot - 1
    keras_hinge = np.mean(np.maximum(0, 1 - t * SCORES), axis=-1)  # Keras docs: mean(maximum(1 - y_true*y_pred, 0))
    np.testing.assert_allclose(
        keras_hinge, lossfns.one_vs_all_hinge_loss(SCORES, LABELS, reduction="none") / 3, rtol=1e-12
    )


def test_keras_categorical_hinge_differs_when_rivals_are_negative():
    # registry "crammer_singer": Keras CategoricalHinge = max(0, max((1 - t) s) - sum(t s) + 1) has a 0 among the
    # (1 - t) s it maximises (the true class's entry), so with every rival score negative it can exceed ours.
    s, y = np.array([0.5, -3.0, -4.0]), 0
    onehot = np.eye(3)[y]
    keras = max(0.0, np.max((1 - onehot) * s) - np.sum(onehot * s) + 1)  # Keras docs, CategoricalHinge
    assert keras == pytest.approx(0.5)  # hand: max(0, 0 - 0.5 + 1)
    assert float(lossfns.crammer_singer_loss(s, y)) == 0.0  # hand: max(0, -3 - 0.5 + 1) = 0
    s_pos = np.array([0.5, 0.2, -4.0])  # a positive rival: both give max(0, 0.2 - 0.5 + 1) = 0.7
    keras_pos = max(0.0, np.max((1 - onehot) * s_pos) - np.sum(onehot * s_pos) + 1)
    assert keras_pos == pytest.approx(float(lossfns.crammer_singer_loss(s_pos, y))) == pytest.approx(0.7)


def test_multilabel_soft_margin_mean_is_bce_mean():
    # registry "multilabel_soft_margin": mean over labels then batch = BCE-with-logits mean over all entries.
    x, t = LOSSES["multilabel_soft_margin"].example()
    assert float(lossfns.multilabel_soft_margin_loss(x, t)) == pytest.approx(
        float(lossfns.binary_cross_entropy_with_logits(x, t)), rel=1e-12
    )


def test_soft_margin_is_bce_with_mapped_labels():
    # registry "soft_margin": log(1 + exp(-t s)) = BCE-with-logits(s, (t + 1) / 2).
    s, t = LOSSES["soft_margin"].example()
    np.testing.assert_allclose(
        lossfns.soft_margin_loss(s, t, reduction="none"),
        lossfns.binary_cross_entropy_with_logits(s, (t + 1) / 2, reduction="none"),
        rtol=1e-12,
    )


def test_tversky_special_cases():
    # registry "tversky": alpha = beta = 0.5 is Dice, alpha = beta = 1 is Jaccard (smooth = 0).
    p, g = LOSSES["tversky"].example()
    np.testing.assert_allclose(lossfns.tversky_loss(p, g, reduction="none"), lossfns.dice_loss(p, g, reduction="none"))
    np.testing.assert_allclose(
        lossfns.tversky_loss(p, g, alpha=1.0, beta=1.0, reduction="none"), lossfns.jaccard_loss(p, g, reduction="none")
    )


def test_info_nce_is_cross_entropy_of_similarities():
    # registry "info_nce": the softmax cross-entropy of the cosine-similarity matrix / tau, labels 0..N-1.
    q, k = LOSSES["info_nce"].example()
    qn = q / np.linalg.norm(q, axis=1, keepdims=True)
    kn = k / np.linalg.norm(k, axis=1, keepdims=True)
    expected = lossfns.softmax_cross_entropy(qn @ kn.T / 0.1, np.arange(len(q)))
    assert float(lossfns.info_nce_loss(q, k)) == pytest.approx(float(expected), rel=1e-12)


def test_ctc_torch_gradient_convention():
    # registry "ctc": our gradient is -gamma with respect to free log-probabilities; torch returns softmax - gamma.
    # Through log_softmax both give the same gradient with respect to the logits (PyTorch issue #52241).
    rng = np.random.default_rng(3)
    u = rng.normal(size=(6, 4))
    target = [1, 2, 2]
    ours = lossfns.ctc_loss_grad(lossfns.log_softmax(u), target)
    y = lossfns.softmax(u)
    torch_style = y + ours  # y - gamma

    def through_log_softmax(g):  # backward of log_softmax: g - softmax * sum(g)
        return g - y * g.sum(axis=1, keepdims=True)

    np.testing.assert_allclose(through_log_softmax(ours), through_log_softmax(torch_style), atol=1e-12)
    numeric = numerical_gradient(lambda v: lossfns.ctc_loss(lossfns.log_softmax(v), target), u)
    np.testing.assert_allclose(through_log_softmax(ours), numeric, rtol=1e-5, atol=1e-8)
    np.testing.assert_allclose(torch_style, numeric, rtol=1e-5, atol=1e-8)  # Graves (2006) eq. 16: y - gamma


# --- The catalogue page's generators ----------------------------------------------------------------------------


@pytest.mark.parametrize("family", FAMILIES)
def test_catalogue_markdown_lists_every_entry_and_convention(family):
    from lossfns.registry import catalogue_markdown, library_table

    text = catalogue_markdown(family)
    for e in by_family(family):
        assert f"**{e.name}** (`lossfns.{e.loss.__name__}`" in text
        assert f"$$\\ell = {e.formula}$$" in text
        for convention in e.conventions:
            assert f"- {convention}" in text
    table = library_table(family)
    assert [row[0] for row in table.rows] == [e.name for e in by_family(family)]


def test_choosing_table_covers_the_registry():
    from lossfns.registry import choosing_table

    overview = choosing_table().rows
    assert [r[0] for r in overview] == list(FAMILIES)
    listed = [name for r in overview for name in r[2].split(", ")]
    assert listed == list(LOSSES)
    for family in FAMILIES:
        rows = choosing_table(family).rows
        assert [r[0] for r in rows] == [e.name for e in by_family(family)]
        assert all(r[1] for r in rows)
