"""Benchmark: one slider event of each explorer, to a redrawn PNG, against building that figure from scratch.

A slider event updates the existing artists (bar heights, line data, text) and renders the figure to PNG with
Agg. "From scratch" creates a new figure, draws it with the same ``plot_*`` function and renders the same PNG.
Both are timed in the same run, interleaved (event, scratch, event, ...) so that load from other processes hits
both alike; the clock is this process's CPU time (``time.process_time``), which other processes on a shared
machine do not inflate, and the median of ``--repeat`` runs is reported. Target: ratio <= 0.7.

    .venv/bin/python benchmarks/bench_widgets.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import io
import platform
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from lossfns import example  # noqa: E402
from lossfns.plots import (  # noqa: E402
    FIGSIZE,
    plot_image_losses,
    plot_margin_terms,
    plot_softmax_pipeline,
    plot_svm_vs_softmax,
)
from lossfns.widgets import (  # noqa: E402
    DPI,
    SCORE_RANGE,
    compare_explorer,
    softmax_explorer,
    svm_explorer,
    svm_table_explorer,
)


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI)
    return buf.getvalue()


def _fresh(ncols: int = 1):
    fig = Figure(figsize=FIGSIZE, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.subplots(1, ncols, squeeze=False)[0]


def scratch_svm() -> bytes:
    fig, axes = _fresh()
    plot_margin_terms(example.SCORES[0], 0, image=example.IMAGES[0], ax=axes[0])
    return _png(fig)


def scratch_table() -> bytes:
    fig, axes = _fresh()
    plot_image_losses(example.SCORES, example.LABELS, ax=axes[0])
    return _png(fig)


def scratch_softmax() -> bytes:
    fig, axes = _fresh(2)
    plot_softmax_pipeline(example.SCORES[0], 0, image=example.IMAGES[0], axes=axes)
    return _png(fig)


def scratch_compare() -> bytes:
    fig, axes = _fresh()
    plot_svm_vs_softmax(example.SCORES[0], 0, 1, sweep=(SCORE_RANGE.min, SCORE_RANGE.max), ax=axes[0])
    return _png(fig)


CASES = [
    ("svm_explorer", svm_explorer, lambda ex: ex.score_sliders[1], scratch_svm),
    ("svm_table_explorer", svm_table_explorer, lambda ex: ex.score_sliders[2][2], scratch_table),
    ("softmax_explorer", softmax_explorer, lambda ex: ex.score_sliders[1], scratch_softmax),
    ("compare_explorer", compare_explorer, lambda ex: ex.score_slider, scratch_compare),
]


def timed(fn) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40, help="timed runs per case (median reported)")
    args = parser.parse_args()
    print(f"Python {platform.python_version()}, matplotlib {matplotlib.__version__}, Agg, {DPI} dpi, "
          f"figure {FIGSIZE[0]:g} x {FIGSIZE[1]:g} in, median CPU time of {args.repeat} interleaved runs")
    print(f"| {'explorer':<20} | slider event (ms) | from scratch (ms) | ratio | target <= 0.7 |")
    print(f"|{'-' * 22}|-------------------|-------------------|-------|---------------|")
    for name, factory, slider_of, scratch in CASES:
        ex = factory()
        slider = slider_of(ex)
        values = [slider.value, slider.value + 1.0]
        step = iter(range(10**9))

        def event(slider=slider, values=values, step=step):
            slider.value = values[next(step) % 2]  # observers update the artists and re-render the PNG

        event(), scratch()  # warm-up (font cache, first draw)
        pairs = [(timed(event), timed(scratch)) for _ in range(args.repeat)]
        t_event = 1000 * statistics.median(p[0] for p in pairs)
        t_scratch = 1000 * statistics.median(p[1] for p in pairs)
        ratio = t_event / t_scratch
        print(f"| {name:<20} | {t_event:17.1f} | {t_scratch:17.1f} | {ratio:5.2f} | "
              f"{'yes' if ratio <= 0.7 else 'NO':<13} |")


if __name__ == "__main__":
    main()
