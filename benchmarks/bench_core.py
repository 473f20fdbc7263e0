"""Speed of the lossfns core: one run, one table. Not a test (make test does not run it).

    .venv/bin/python benchmarks/bench_core.py

Needs torch (requirements-bench.txt: ``.venv/bin/pip install -r requirements-bench.txt``). Every row times the
loss AND its gradient with respect to the scores, on the same array:

* lossfns: ``softmax_cross_entropy_and_grad`` / ``svm_loss_and_grad`` (reduction "mean", margin 1).
* PyTorch CPU, one thread: ``F.cross_entropy`` and ``F.multi_margin_loss`` forward + backward on
  ``torch.from_numpy(scores)`` (no copy). ``MultiMarginLoss`` is the Weston-Watkins SVM divided by C, so it is
  multiplied by C to compute the same loss (one extra scalar multiply).
* the floor: what any loss-and-gradient over the array must at least do: one ``np.exp`` pass into a new array
  plus one read and one write of that array (``e = np.exp(s); e *= 1``).
* lossfns.linear: ``*_naive`` (Python loops) against ``*_vectorized`` on the CIFAR-10 shape of CS231n assignment 1
  (N=500, D=3073, C=10).

Each time is the median of several repeats; the calls being compared are interleaved within each repeat, so a
burst of load on a shared machine hits all of them alike. Targets: lossfns <= 0.6x torch's time, <= 2x the
floor, vectorized >= 10x faster than naive.
"""

from __future__ import annotations

import os

# One thread everywhere, so no row is faster for using the second core: OpenBLAS (numpy's matrix products in
# lossfns.linear) reads these before numpy is imported; torch is set below.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ[_var] = "1"

import json  # noqa: E402
import platform  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

from lossfns import softmax_cross_entropy_and_grad, svm_loss_and_grad  # noqa: E402
from lossfns.linear import (  # noqa: E402
    softmax_loss_naive,
    softmax_loss_vectorized,
    svm_loss_naive,
    svm_loss_vectorized,
)

N, C = 10_000, 1_000
REPEATS = 15
LINEAR_SHAPE = (500, 3073, 10)
LINEAR_REPEATS = 9
# The measured table, also as data: chapter 5 quotes its naive-vs-vectorized rows from this file.
RESULTS = Path(__file__).with_name("results") / "bench_core.json"


def interleaved_medians(functions: dict, repeats: int) -> dict:
    """Median wall time in ms of each function; each repeat calls them all once, in turn, after one warm-up."""
    times = {name: [] for name in functions}
    for fn in functions.values():
        fn()
    for _ in range(repeats):
        for name, fn in functions.items():
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return {name: 1e3 * float(np.median(t)) for name, t in times.items()}


def torch_loss_and_grad(loss_fn, scores: np.ndarray, labels: np.ndarray, scale: float = 1.0):
    x = torch.from_numpy(scores)
    target = torch.from_numpy(labels)

    def run():
        leaf = x.detach().requires_grad_(True)
        loss = loss_fn(leaf, target)
        if scale != 1.0:
            loss = loss * scale
        loss.backward()
        return loss.item(), leaf.grad

    return run


def floor(scores: np.ndarray):
    def run():
        e = np.exp(scores)
        e *= 1.0
        return e

    return run


def main() -> None:
    torch.set_num_threads(1)
    rng = np.random.default_rng(0)
    rows = []
    for dtype in (np.float64, np.float32):
        scores = rng.normal(size=(N, C)).astype(dtype)
        labels = rng.integers(0, C, size=N)
        name = np.dtype(dtype).name
        # Same numbers first: lossfns and torch agree on the loss they are timed on.
        ce_ref = float(F.cross_entropy(torch.from_numpy(scores).double(), torch.from_numpy(labels)))
        mm_ref = C * float(F.multi_margin_loss(torch.from_numpy(scores).double(), torch.from_numpy(labels)))
        tol = 1e-9 if dtype == np.float64 else 1e-3
        assert abs(float(softmax_cross_entropy_and_grad(scores, labels)[0]) - ce_ref) <= tol * ce_ref
        assert abs(float(svm_loss_and_grad(scores, labels)[0]) - mm_ref) <= tol * mm_ref

        t = interleaved_medians(
            {
                "ce": lambda s=scores, y=labels: softmax_cross_entropy_and_grad(s, y),
                "ce_torch": torch_loss_and_grad(F.cross_entropy, scores, labels),
                "svm": lambda s=scores, y=labels: svm_loss_and_grad(s, y),
                "svm_torch": torch_loss_and_grad(F.multi_margin_loss, scores, labels, scale=float(C)),
                "floor": floor(scores),
            },
            REPEATS,
        )
        shape = f"N={N:,}, C={C:,}, {name}"
        rows += [
            ("softmax CE loss+grad", shape, t["ce"], "torch F.cross_entropy fwd+bwd", t["ce_torch"], "<= 0.6", 0.6),
            ("softmax CE loss+grad", shape, t["ce"], "floor (exp + 1 read/write)", t["floor"], "<= 2", 2.0),
            ("WW SVM loss+grad", shape, t["svm"], "torch C * F.multi_margin_loss fwd+bwd", t["svm_torch"], "<= 0.6",
             0.6),
            ("WW SVM loss+grad", shape, t["svm"], "floor (exp + 1 read/write)", t["floor"], "<= 2", 2.0),
        ]
        del scores

    n, d, c = LINEAR_SHAPE
    W = 1e-4 * rng.normal(size=(d, c))
    X = rng.normal(size=(n, d))
    y = rng.integers(0, c, size=n)
    for label, naive, vectorized in [("linear SVM", svm_loss_naive, svm_loss_vectorized),
                                     ("linear softmax", softmax_loss_naive, softmax_loss_vectorized)]:
        (l1, g1), (l2, g2) = naive(W, X, y, 5e-6), vectorized(W, X, y, 5e-6)
        assert abs(l1 - l2) < 1e-10 and np.allclose(g1, g2, rtol=1e-10, atol=1e-12)
        t = interleaved_medians({"naive": lambda f=naive: f(W, X, y, 5e-6),
                                 "vec": lambda f=vectorized: f(W, X, y, 5e-6)}, LINEAR_REPEATS)
        rows.append((f"{label} vectorized", f"N={n}, D={d}, C={c}, float64", t["vec"], f"{label} naive (loops)",
                     t["naive"], "<= 0.1", 0.1))

    openblas = {k: v for k, v in os.environ.items() if k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    header = (f"lossfns core benchmark: numpy {np.__version__}, torch {torch.__version__}, 1 thread each, "
              f"Python {platform.python_version()}, {os.cpu_count()} CPUs; median of {REPEATS} repeats "
              f"({LINEAR_REPEATS} for lossfns.linear); OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE: {openblas or 'not set'}")
    print(header)
    print()
    print("| what | shape, dtype | lossfns (ms) | compared with | their time (ms) | ratio | target | met |")
    print("|---|---|---:|---|---:|---:|---|---|")
    for what, shape, ours, other, theirs, target_text, target in rows:
        ratio = ours / theirs
        print(f"| {what} | {shape} | {ours:.1f} | {other} | {theirs:.1f} | {ratio:.2f}x | {target_text} | "
              f"{'yes' if ratio <= target else 'NO'} |")
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({
        "command": ".venv/bin/python benchmarks/bench_core.py",
        "environment": header,
        "rows": [{"what": what, "shape": shape, "lossfns_ms": round(ours, 3), "compared_with": other,
                  "their_ms": round(theirs, 3), "ratio": round(ours / theirs, 4), "target": target_text,
                  "met": ours / theirs <= target} for what, shape, ours, other, theirs, target_text, target in rows],
    }, indent=2) + "\n")
    print(f"\n(written to {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS})")


if __name__ == "__main__":
    main()
