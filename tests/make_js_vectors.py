"""Write tests/js/vectors.json: inputs and the outputs lossfns computes for them, for the JavaScript mirror.

Per-example losses (SVM margins and loss, logsumexp, log-softmax, softmax, cross-entropy, tempered), batch means,
the four training losses of lossfns.training with their score gradients, and gradient-descent runs of
lossfns.training.Trainer on the toy data (the chapter 6 playground); for Part II's explorers, the regression
losses (MSE, MAE, Huber, quantile), the binary margin losses and the focal loss, the squared hinge and the
label-smoothed cross-entropy, and the KL divergence with the pair of distributions of chapter 14.

The website's explorers compute with book/_static/lossfns.js. This script is the single place its expected
numbers come from: lossfns itself (the tested source of truth). `node --test tests/js/` and the browser tests
check lossfns.js against the file to 1e-9 relative; tests/test_js_vectors_fresh.py fails when the file differs
from what this script writes now (after a change to lossfns or to the cases below).

Run it with ``make js-vectors`` (or ``.venv/bin/python tests/make_js_vectors.py``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

import lossfns
from lossfns import example, training
from lossfns.plots_zoo import kl_pair

__all__ = ["OUTPUT", "build_vectors", "render", "single_case", "zoo_vectors"]

OUTPUT = Path(__file__).resolve().parent / "js" / "vectors.json"
SEED = 20260
TEMPERATURES = (0.05, 0.5, 1.0, 2.0, 10.0)
MARGINS = (0.0, 1.0, 10.0)


def _floats(values: np.ndarray) -> list[float]:
    return [float(v) for v in np.asarray(values, dtype=np.float64).ravel()]


def single_case(name: str, scores: object, label: int, margin: float, temperature: float) -> dict:
    """One example's inputs and every per-example quantity lossfns.js mirrors, computed by lossfns."""
    s = np.asarray(scores, dtype=np.float64)
    return {
        "name": name,
        "scores": _floats(s),
        "label": int(label),
        "margin": float(margin),
        "temperature": float(temperature),
        "svm_margins": _floats(lossfns.svm_margins(s, label, margin=margin)),
        "svm_loss": float(lossfns.svm_loss(s, label, margin=margin)),
        "logsumexp": float(lossfns.logsumexp(s)),
        "log_softmax": _floats(lossfns.log_softmax(s)),
        "softmax": _floats(lossfns.softmax(s)),
        "cross_entropy": float(lossfns.softmax_cross_entropy(s, label)),
        "tempered_softmax": _floats(lossfns.softmax(s / temperature)),
        "tempered_cross_entropy": float(
            lossfns.softmax_cross_entropy_with_temperature(s, label, temperature=temperature)
        ),
    }


def _batch_case(name: str, scores: np.ndarray, labels: np.ndarray, margin: float) -> dict:
    return {
        "name": name,
        "scores": [_floats(row) for row in scores],
        "labels": [int(y) for y in labels],
        "margin": float(margin),
        "svm_losses": _floats(lossfns.svm_loss(scores, labels, margin=margin, reduction="none")),
        "svm_loss_mean": float(lossfns.svm_loss(scores, labels, margin=margin, reduction="mean")),
        "cross_entropies": _floats(lossfns.softmax_cross_entropy(scores, labels, reduction="none")),
        "cross_entropy_mean": float(lossfns.softmax_cross_entropy(scores, labels, reduction="mean")),
    }


# The training losses of lossfns.training (chapter 6's playground) with their score gradients.
TRAINING_GRADS = {
    "svm": (lossfns.svm_loss, lossfns.svm_loss_grad),
    "ova": (lossfns.one_vs_all_hinge_loss, lossfns.one_vs_all_hinge_loss_grad),
    "cs": (lossfns.crammer_singer_loss, lossfns.crammer_singer_loss_grad),
    "softmax": (lossfns.softmax_cross_entropy, lossfns.softmax_cross_entropy_grad),
}
TRAINING_STEPS = (0, 1, 10, 100)


def _grad_case(name: str, loss: str, scores: np.ndarray, labels: np.ndarray) -> dict:
    loss_fn, grad_fn = TRAINING_GRADS[loss]
    return {
        "name": name,
        "loss": loss,
        "scores": [_floats(row) for row in scores],
        "labels": [int(y) for y in labels],
        "mean_loss": float(loss_fn(scores, labels)),
        "grad": [_floats(row) for row in grad_fn(scores, labels)],
    }


def _training_case(loss: str, reg: float, learning_rate: float) -> dict:
    """A lossfns.training.Trainer run on the toy data: W, b and the objective after each of TRAINING_STEPS."""
    X, y = training.make_toy_data()
    trainer = training.Trainer(X, y, loss=loss, reg=reg, learning_rate=learning_rate)
    case = {
        "loss": loss, "reg": reg, "learning_rate": learning_rate,
        "X": [_floats(row) for row in X], "y": [int(v) for v in y],
        "W0": [_floats(row) for row in trainer.W], "b0": _floats(trainer.b), "after": [],
    }
    for steps in TRAINING_STEPS:
        trainer.step(steps - trainer.iteration)
        case["after"].append({
            "steps": steps,
            "W": [_floats(row) for row in trainer.W],
            "b": _floats(trainer.b),
            "data_loss": trainer.data_loss_history[-1],
            "reg_loss": trainer.reg_loss_history[-1],
            "accuracy": trainer.accuracy(),
        })
    return case


def _regression_case(name: str, prediction: np.ndarray, target: np.ndarray, delta: float, tau: float) -> dict:
    return {
        "name": name, "prediction": _floats(prediction), "target": _floats(target), "delta": delta, "tau": tau,
        "mse": float(lossfns.mse_loss(prediction, target)),
        "mae": float(lossfns.mae_loss(prediction, target)),
        "huber": float(lossfns.huber_loss(prediction, target, delta=delta)),
        "quantile": float(lossfns.quantile_loss(prediction, target, tau=tau)),
    }


def _binary_case(score: float, target: float, gamma: float, alpha: float | None) -> dict:
    """One score with a target t = +-1 (margin losses) and y = (t + 1) / 2 (focal loss, targets in [0, 1])."""
    y = (target + 1) / 2
    with np.errstate(over="ignore"):
        exponential = float(lossfns.exponential_loss(score, target))
    return {
        "score": score, "target": target, "gamma": gamma, "alpha": alpha,
        "hinge": float(lossfns.hinge_loss(score, target)),
        "soft_margin": float(lossfns.soft_margin_loss(score, target)),
        # None: e^(-ts) overflows float64 (inf in numpy, Infinity in JS)
        "exponential": exponential if np.isfinite(exponential) else None,
        "zero_one": float(lossfns.zero_one_loss(score, target)),
        "focal": float(lossfns.focal_loss(score, y, gamma=gamma, alpha=alpha)),
    }


def _multiclass_case(name: str, scores: object, label: int, margin: float, eps: float) -> dict:
    s = np.asarray(scores, dtype=np.float64)
    return {
        "name": name, "scores": _floats(s), "label": int(label), "margin": margin, "eps": eps,
        "squared_hinge": float(lossfns.squared_hinge_loss(s, label, margin=margin)),
        "label_smoothed_cross_entropy": float(lossfns.label_smoothed_cross_entropy(s, label, eps=eps)),
    }


def _kl_case(name: str, q: np.ndarray, p: np.ndarray, shift: float | None = None) -> dict:
    case = {"name": name} if shift is None else {"name": name, "shift": shift, "grid": _floats(kl_pair(shift)[0])}
    return {
        **case, "q": _floats(q), "p": _floats(p),
        "kl_p_q": float(lossfns.kl_divergence(q, p)),  # KL(p || q): prediction q, target p
        "kl_q_p": float(lossfns.kl_divergence(p, q)) if np.all(p > 0) else None,  # None: infinite (p has a 0)
    }


def zoo_vectors(rng: np.random.Generator) -> dict:
    """The Part II losses of lossfns.js: regression, binary margin and focal, multiclass, KL (see the module doc)."""
    x, y, _ = lossfns.line_with_outliers()
    regression = []
    for delta, tau in ((1.0, 0.5), (0.1, 0.05), (30.0, 0.95), (2.5, 0.3)):
        regression.append(_regression_case("outlier data against the line 2x + 1", 2 * x + 1, y, delta, tau))
    for k in range(30):
        n = int(rng.integers(1, 12))
        scale = float(rng.choice([0.01, 1.0, 100.0]))
        pred, target = rng.normal(0, scale, n), rng.normal(0, scale, n)
        regression.append(_regression_case(f"random {k}", pred, target, float(rng.uniform(0.05, 5.0)),
                                           float(rng.uniform(0.01, 0.99))))
    binary = []
    scores = [-1e4, -30.0, -2.0, -1.0, -0.5, -1e-9, 0.0, 1e-9, 0.5, 1.0, 2.0, 2.5, 30.0, 1e4]
    scores += [float(v) for v in rng.normal(0, 3, 20)]
    for s in scores:
        for t in (1.0, -1.0):
            for gamma, alpha in ((0.0, None), (2.0, None), (0.5, 0.25), (5.0, None), (1.3, 0.75)):
                binary.append(_binary_case(s, t, gamma, alpha))
    multiclass = []
    for i, image in enumerate(example.IMAGES):
        for eps in (0.0, 0.1, 0.25, 0.5, 0.95):
            multiclass.append(_multiclass_case(f"example {image}", example.SCORES[i], example.LABELS[i], 1.0, eps))
    for k in range(30):
        c = int(rng.choice([2, 3, 5, 10]))
        s = rng.normal(0.0, float(rng.choice([0.1, 1.0, 10.0, 100.0])), size=c)
        multiclass.append(_multiclass_case(f"random {k}", s, int(rng.integers(c)), float(rng.uniform(0, 3)),
                                           float(rng.uniform(0, 0.99))))
    kl = []
    for shift in (-3.5, -2.0, -0.05, 0.0, 0.7, 1.0, 3.5):
        _, p, q = kl_pair(shift)
        kl.append(_kl_case("kl_pair", q, p, shift))
    for k in range(20):
        c = int(rng.integers(2, 12))
        p, q = rng.dirichlet(np.ones(c)), rng.dirichlet(np.ones(c))
        if k % 4 == 0:
            p[0] = 0.0  # 0 log 0 = 0
            p /= p.sum()
        kl.append(_kl_case(f"random {k}", q, p))
    return {"regression": regression, "binary": binary, "multiclass": multiclass, "kl": kl}


def build_vectors() -> dict:
    """All test vectors: every image of lossfns.example, extreme scores, random scores, margins, temperatures."""
    cases = []
    # Every image of the running example, at every margin and temperature.
    for i, image in enumerate(example.IMAGES):
        for margin in MARGINS:
            for t in TEMPERATURES:
                cases.append(single_case(f"example {image}", example.SCORES[i], example.LABELS[i], margin, t))
    # Extreme scores: overflow without the max-shift, underflow of the true class, ties, one class.
    extremes = [
        ("huge equal", [1000.0, 1000.0, 1000.0], 1),
        ("huge spread (CS231n stability example)", [123.0, 456.0, 789.0], 0),
        ("very negative", [-1000.0, -1001.0, -999.5], 2),
        ("true class underflows", [0.0, 800.0, -800.0], 2),
        ("confident and right", [10.0, -100.0, -100.0], 0),
        ("all zero", [0.0, 0.0, 0.0], 1),
        ("tie with the true class", [2.0, 2.0, -1.0], 0),
        ("on the hinge kink", [3.0, 2.0, 0.0], 0),
        ("tiny differences", [1e-12, -1e-12, 0.0], 1),
        ("two classes", [0.5, -0.25], 1),
        ("wide range", [1e4, -1e4, 0.0, 5e3, -5e3], 3),
        ("CS231n notes, margin 10", [13.0, -7.0, 11.0], 0),
    ]
    for name, scores, label in extremes:
        for margin in MARGINS:
            for t in TEMPERATURES:
                cases.append(single_case(f"extreme: {name}", scores, label, margin, t))
    # Random scores of several sizes and scales, random margins and temperatures.
    rng = np.random.default_rng(SEED)
    for k in range(120):
        c = int(rng.choice([2, 3, 5, 10]))
        scale = float(rng.choice([0.1, 1.0, 10.0, 100.0]))
        scores = rng.normal(0.0, scale, size=c)
        label = int(rng.integers(c))
        margin = float(rng.uniform(0.0, 5.0))
        temperature = float(np.exp(rng.uniform(np.log(0.05), np.log(20.0))))
        cases.append(single_case(f"random {k}", scores, label, margin, temperature))
    scores, labels = np.asarray(example.SCORES), np.asarray(example.LABELS)
    batches = [_batch_case("the running example", scores, labels, m) for m in MARGINS]
    for k in range(10):
        n, c = int(rng.integers(1, 8)), int(rng.integers(2, 7))
        scores = rng.normal(0.0, 5.0, size=(n, c))
        labels = rng.integers(c, size=n)
        batches.append(_batch_case(f"random batch {k}", scores, labels, float(rng.uniform(0.0, 3.0))))
    grads = []
    scores, labels = np.asarray(example.SCORES), np.asarray(example.LABELS)
    for loss in TRAINING_GRADS:
        grads.append(_grad_case("the running example", loss, scores, labels))
        for k in range(5):
            n, c = int(rng.integers(1, 8)), int(rng.integers(2, 6))
            batch = rng.normal(0.0, 2.0, size=(n, c)), rng.integers(c, size=n)
            grads.append(_grad_case(f"random batch {k}", loss, *batch))
    train = [_training_case(loss, reg, lr) for loss in TRAINING_GRADS for reg, lr in ((0.01, 0.1), (0.1, 0.5))]
    return {
        "about": "Written by tests/make_js_vectors.py from lossfns; regenerate with `make js-vectors`.",
        "relative_tolerance": 1e-9,
        "absolute_tolerance": 1e-12,
        "cases": cases,
        "batches": batches,
        "grads": grads,
        "training": train,
        **zoo_vectors(rng),
    }


def render(vectors: dict) -> str:
    """The file's exact text: one case per line, so a diff shows which case changed."""
    lines = ["{"]
    for key in ("about", "relative_tolerance", "absolute_tolerance"):
        lines.append(f"  {json.dumps(key)}: {json.dumps(vectors[key])},")
    keys = ("cases", "batches", "grads", "training", "regression", "binary", "multiclass", "kl")
    for key in keys:
        items = [f"    {json.dumps(item, allow_nan=False)}" for item in vectors[key]]
        lines.append(f"  {json.dumps(key)}: [")
        lines.append(",\n".join(items))
        lines.append("  ]" if key == keys[-1] else "  ],")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    text = render(build_vectors())
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(text)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
