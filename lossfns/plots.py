"""The book's figures, as pure functions of the scores: ``plot_*(..., ax=None)``.

Every colour comes from :data:`PALETTE`, the Okabe-Ito palette (Okabe and Ito, "Color Universal Design", 2008),
which stays distinguishable under the common forms of colour blindness; :data:`CLASS_COLORS` and
:data:`LOSS_COLORS` map the running example's classes and the two losses onto it, and the widgets reuse them.
Colour is never the only cue: bars carry their value as text, lines differ in style, the true class is hatched.

``plot_hinge`` returns the Axes. The plots a slider drives return a small handle object holding the Axes and the
artists, with an ``update(...)`` method that changes bar heights, line data and text in place; the function draws
empty artists and calls ``update`` once, so the first drawing and every slider event run the same code.
Figures are sized :data:`FIGSIZE` (inches), readable at phone width.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text

from . import example
from ._softmax import softmax, softmax_cross_entropy_with_temperature
from ._svm import svm_loss, svm_margins
from .analysis import loss_curves

__all__ = [
    "CLASS_COLORS",
    "FIGSIZE",
    "LOSS_COLORS",
    "PALETTE",
    "CompareCurves",
    "ImageLossBars",
    "MarginTermBars",
    "SoftmaxPipeline",
    "plot_hinge",
    "plot_image_losses",
    "plot_margin_terms",
    "plot_softmax_pipeline",
    "plot_svm_vs_softmax",
]

#: The Okabe-Ito colour-blind-safe palette, by name.
PALETTE: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}

#: One colour per class of the running example (:data:`lossfns.example.CLASSES`).
CLASS_COLORS: dict[str, str] = dict(
    zip(example.CLASSES, (PALETTE["orange"], PALETTE["sky blue"], PALETTE["bluish green"]))
)

#: One colour per loss, used wherever the two losses appear together.
LOSS_COLORS: dict[str, str] = {"svm": PALETTE["vermillion"], "softmax": PALETTE["blue"]}

#: The size of one panel, in inches (width, height).
FIGSIZE: tuple[float, float] = (6.0, 3.5)

_TRUE_HATCH = "//"


def _new_ax(ax: Axes | None) -> Axes:
    if ax is not None:
        return ax
    _, new = plt.subplots(figsize=FIGSIZE, layout="constrained")
    return new


def _class_color(name: str, k: int) -> str:
    cycle = ("orange", "sky blue", "bluish green", "reddish purple", "yellow", "vermillion", "blue")
    return CLASS_COLORS.get(name, PALETTE[cycle[k % len(cycle)]])


def _bar_texts(ax: Axes, n: int) -> list[Text]:
    texts = [ax.text(k, 0.0, "", ha="center", va="bottom", fontsize=9) for k in range(n)]
    for t in texts:
        t.set_in_layout(False)  # the labels sit on the bars, inside the Axes; the layout need not make room
    return texts


def _bar_legend(ax: Axes, what: str, *, true_class: bool = True) -> None:
    # Proxy handles: the bars' own colours are per class, so the legend explains the encoding instead.
    handles = [Patch(facecolor="#DDDDDD", edgecolor=PALETTE["black"], label=what)]
    if true_class:
        handles.append(Patch(facecolor="white", edgecolor=PALETTE["black"], hatch=_TRUE_HATCH, label="true class"))
    ax.legend(handles=handles, loc="upper left", fontsize=9)


def _set_bar(bars: BarContainer, texts: Sequence[Text], heights: np.ndarray, fmt: str) -> None:
    for patch, text, h in zip(bars.patches, texts, heights):
        patch.set_height(float(h))
        text.set_position((patch.get_x() + patch.get_width() / 2, float(h)))
        text.set_text(format(float(h), fmt))


def plot_hinge(
    points: Mapping[str, float] | None = None, *, x_range: tuple[float, float] = (-5.0, 5.0), ax: Axes | None = None
) -> Axes:
    r"""The hinge :math:`\max(0, x)` against :math:`x = s_j - s_{y_i} + \Delta`, with optional marked terms.

    Args:
        points: optional ``{legend label: x}``; each x is drawn as a marker on the hinge at ``(x, max(0, x))``.
        x_range: the x interval shown.
        ax: Axes to draw into; a new ``FIGSIZE`` figure if None.

    Returns:
        The Axes.

    >>> ax = plot_hinge({"cat image, car term": 2.9})
    >>> ax.get_xlabel()
    'margin violation $s_j - s_{y_i} + \\Delta$'
    >>> plt.close("all")
    """
    ax = _new_ax(ax)
    lo, hi = float(x_range[0]), float(x_range[1])
    if not lo < 0 < hi:
        raise ValueError(f"x_range must contain 0 (the kink), got {x_range!r}; e.g. (-5.0, 5.0)")
    x = np.array([lo, 0.0, hi])
    ax.plot(x, np.maximum(0.0, x), color=PALETTE["black"], lw=2, label=r"hinge $\max(0, x)$")
    ax.axvline(0.0, color=PALETTE["black"], lw=0.8, ls=":")
    ax.annotate("margin exactly met", xy=(0.0, 0.0), xytext=(0.25 * lo, 0.45 * hi), fontsize=9,
                arrowprops={"arrowstyle": "->", "color": PALETTE["black"]})
    markers = ("o", "s", "D", "^", "v")
    for k, (name, value) in enumerate((points or {}).items()):
        ax.plot([value], [max(0.0, value)], ls="none", marker=markers[k % len(markers)], ms=8,
                color=(PALETTE["vermillion"], PALETTE["blue"], PALETTE["bluish green"])[k % 3],
                label=f"{name}: x = {value:.1f}")
    ax.set_xlim(lo, hi)
    ax.set_ylim(-0.1 * hi, 1.05 * hi)
    ax.set_xlabel(r"margin violation $s_j - s_{y_i} + \Delta$")
    ax.set_ylabel("hinge term")
    ax.set_title("The hinge: zero until a wrong class comes within the margin")
    ax.legend(loc="upper left", fontsize=9)
    return ax


@dataclass(eq=False)
class MarginTermBars:
    """Handle returned by :func:`plot_margin_terms`: the Axes, one bar and one value label per class, the loss text."""

    ax: Axes
    bars: BarContainer
    values: list[Text]
    loss_text: Text
    classes: tuple[str, ...]
    label: int
    image: str | None = None
    heights: np.ndarray = field(default_factory=lambda: np.zeros(0))
    loss: float = 0.0

    def update(self, scores: object, label: int | None = None, *, margin: float = 1.0) -> float:
        """Redraw for new scores (and label, margin) in place; return the SVM loss shown."""
        if label is not None and int(label) != self.label:
            self.label = int(label)
            self._style_true_class()
        self.heights = np.asarray(svm_margins(scores, self.label, margin=margin), dtype=float)
        self.loss = float(svm_loss(scores, self.label, margin=margin))
        _set_bar(self.bars, self.values, self.heights, ".2f")
        self.values[self.label].set_text("true class")
        self.loss_text.set_text(rf"$L_i$ = {self.loss:.2f}   ($\Delta$ = {float(margin):.2f})")
        self.ax.set_ylim(0.0, max(3.0, 1.6 * float(self.heights.max())))
        return self.loss

    def _style_true_class(self) -> None:
        for k, patch in enumerate(self.bars.patches):
            patch.set_hatch(_TRUE_HATCH if k == self.label else None)
        self.ax.set_xticks(range(len(self.classes)),
                           [f"{c}\n(true)" if k == self.label else c for k, c in enumerate(self.classes)])
        what = f"the {self.image}" if self.image else "one image"
        self.ax.set_title(f"Hinge terms of {what} (true class: {self.classes[self.label]})")


def plot_margin_terms(
    scores: object,
    label: int,
    *,
    margin: float = 1.0,
    classes: Sequence[str] = example.CLASSES,
    image: str | None = None,
    ax: Axes | None = None,
) -> MarginTermBars:
    r"""Bars of each class's hinge term :math:`\max(0, s_j - s_{y_i} + \Delta)` for one image; their sum is the loss.

    Args:
        scores: one image's class scores, shape (C,).
        label: its true class (its bar is hatched and always 0).
        margin: :math:`\Delta`.
        classes: class names for the x axis.
        image: the image's name for the title, e.g. "cat image".
        ax: Axes to draw into; a new ``FIGSIZE`` figure if None.

    Returns:
        A :class:`MarginTermBars` handle; ``handle.update(scores, label, margin=...)`` redraws in place.

    >>> bars = plot_margin_terms([2.2, 2.5, -3.1], 2, image="frog image")
    >>> np.round(bars.heights, 2), round(bars.loss, 2)
    (array([6.3, 6.6, 0. ]), 12.9)
    >>> plt.close("all")
    """
    ax = _new_ax(ax)
    classes = tuple(classes)
    n = len(classes)
    bars = ax.bar(range(n), np.zeros(n), width=0.6, color=[_class_color(c, k) for k, c in enumerate(classes)],
                  edgecolor=PALETTE["black"])
    handle = MarginTermBars(
        ax=ax,
        bars=bars,
        values=_bar_texts(ax, n),
        loss_text=ax.text(0.98, 0.95, "", transform=ax.transAxes, ha="right", va="top", fontsize=11),
        classes=classes,
        label=int(label),
        image=image,
    )
    ax.set_xlabel("class j")
    ax.set_ylabel(r"$\max(0,\, s_j - s_{y_i} + \Delta)$")
    handle._style_true_class()
    _bar_legend(ax, "hinge term of class j (bar height)")
    handle.update(scores, margin=margin)
    return handle


@dataclass(eq=False)
class ImageLossBars:
    """Handle returned by :func:`plot_image_losses`: one bar per image and a dashed line at the mean."""

    ax: Axes
    bars: BarContainer
    values: list[Text]
    mean_line: Line2D
    mean_text: Text
    losses: np.ndarray = field(default_factory=lambda: np.zeros(0))
    mean: float = 0.0

    def update(self, scores: object, labels: object, *, margin: float = 1.0) -> float:
        """Redraw for new scores in place; return the mean SVM loss shown."""
        self.losses = np.asarray(svm_loss(scores, labels, margin=margin, reduction="none"), dtype=float)
        self.mean = float(svm_loss(scores, labels, margin=margin))
        _set_bar(self.bars, self.values, self.losses, ".2f")
        self.mean_line.set_ydata([self.mean, self.mean])
        self.mean_text.set_text(f"mean L = {self.mean:.2f}")
        self.ax.set_ylim(0.0, max(3.0, 1.25 * float(self.losses.max())))
        return self.mean


def plot_image_losses(
    scores: object = example.SCORES,
    labels: object = example.LABELS,
    *,
    margin: float = 1.0,
    images: Sequence[str] = example.IMAGES,
    classes: Sequence[str] = example.CLASSES,
    ax: Axes | None = None,
) -> ImageLossBars:
    r"""Bars of the per-image SVM losses :math:`L_i` and a dashed line at their mean :math:`L`.

    Each bar has the colour of the image's true class.

    Args:
        scores: shape (N, C).
        labels: shape (N,).
        margin: :math:`\Delta`.
        images: one name per row of ``scores``.
        classes: class names (for the colours).
        ax: Axes to draw into; a new ``FIGSIZE`` figure if None.

    Returns:
        An :class:`ImageLossBars` handle; ``handle.update(scores, labels, margin=...)`` redraws in place.

    >>> h = plot_image_losses()
    >>> np.round(h.losses, 2), round(h.mean, 4)
    (array([ 2.9,  0. , 12.9]), 5.2667)
    >>> plt.close("all")
    """
    ax = _new_ax(ax)
    images = tuple(images)
    n = len(images)
    labels_arr = np.asarray(labels)
    colors = [_class_color(classes[int(y)], int(y)) for y in labels_arr]
    bars = ax.bar(range(n), np.zeros(n), width=0.6, color=colors, edgecolor=PALETTE["black"])
    (line,) = ax.plot([-0.5, n - 0.5], [0.0, 0.0], color=PALETTE["black"], ls="--", lw=1.5, label=r"mean $L$")
    handle = ImageLossBars(
        ax=ax,
        bars=bars,
        values=_bar_texts(ax, n),
        mean_line=line,
        mean_text=ax.text(0.98, 0.95, "", transform=ax.transAxes, ha="right", va="top", fontsize=11),
    )
    ax.set_xticks(range(n), list(images))
    ax.set_xlim(-0.5, n - 0.5)
    ax.set_xlabel("image i")
    ax.set_ylabel(r"SVM loss $L_i$")
    ax.set_title("Multiclass SVM loss of each image, and the mean")
    ax.legend(handles=[Patch(facecolor="#DDDDDD", edgecolor=PALETTE["black"], label=r"per-image loss $L_i$"), line],
              loc="upper left", fontsize=9)
    handle.update(scores, labels, margin=margin)
    return handle


@dataclass(eq=False)
class SoftmaxPipeline:
    """Handle returned by :func:`plot_softmax_pipeline`: exp bars (left), probability bars and the loss (right)."""

    axes: tuple[Axes, Axes]
    exp_bars: BarContainer
    exp_values: list[Text]
    prob_bars: BarContainer
    prob_values: list[Text]
    loss_text: Text
    label: int
    exps: np.ndarray = field(default_factory=lambda: np.zeros(0))
    probs: np.ndarray = field(default_factory=lambda: np.zeros(0))
    loss: float = 0.0

    def update(self, scores: object, *, temperature: float = 1.0) -> float:
        """Redraw for new scores (and temperature) in place; return the cross-entropy shown."""
        s = np.asarray(scores, dtype=float)
        self.loss = float(softmax_cross_entropy_with_temperature(s, self.label, temperature=temperature))
        self.probs = softmax(s / float(temperature))
        # The pipeline's first step as the lecture draws it, unshifted: exp(s / T) (no overflow for |s/T| < 700).
        self.exps = np.exp(s / float(temperature))
        _set_bar(self.exp_bars, self.exp_values, self.exps, ".3g")
        _set_bar(self.prob_bars, self.prob_values, self.probs, ".2f")
        self.axes[0].set_ylim(0.0, 1.6 * float(self.exps.max()))
        p_true = float(self.probs[self.label])
        self.loss_text.set_text(f"L = -ln {p_true:.3g} = {self.loss:.2f}")
        self.axes[0].set_title(f"T = {float(temperature):.2f}", fontsize=10)
        return self.loss


def plot_softmax_pipeline(
    scores: object,
    label: int,
    *,
    temperature: float = 1.0,
    classes: Sequence[str] = example.CLASSES,
    image: str | None = None,
    axes: Sequence[Axes] | None = None,
) -> SoftmaxPipeline:
    r"""Softmax step by step for one image: :math:`e^{s_j/T}` (left), then probabilities :math:`p_j` (right).

    The right panel states the loss :math:`L_i = -\ln p_{y_i}`; the true class's bars are hatched.

    Args:
        scores: one image's class scores, shape (C,).
        label: its true class.
        temperature: T > 0 (1 is the plain softmax).
        classes: class names.
        image: the image's name for the title.
        axes: two Axes side by side; a new figure of ``FIGSIZE`` if None.

    Returns:
        A :class:`SoftmaxPipeline` handle; ``handle.update(scores, temperature=...)`` redraws in place.

    >>> h = plot_softmax_pipeline([3.2, 5.1, -1.7], 0)
    >>> np.round(h.exps, 2), np.round(h.probs, 2), round(h.loss, 2)
    (array([ 24.53, 164.02,   0.18]), array([0.13, 0.87, 0.  ]), 2.04)
    >>> plt.close("all")
    """
    if axes is None:
        _, new = plt.subplots(1, 2, figsize=FIGSIZE, layout="constrained")
        axes = (new[0], new[1])
    ax_exp, ax_p = axes[0], axes[1]
    classes = tuple(classes)
    n = len(classes)
    colors = [_class_color(c, k) for k, c in enumerate(classes)]
    hatches = [_TRUE_HATCH if k == int(label) else None for k in range(n)]
    ticks = [f"{c}\n(true)" if k == int(label) else c for k, c in enumerate(classes)]
    exp_bars = ax_exp.bar(range(n), np.zeros(n), width=0.6, color=colors, edgecolor=PALETTE["black"],
                          hatch=hatches)
    prob_bars = ax_p.bar(range(n), np.zeros(n), width=0.6, color=colors, edgecolor=PALETTE["black"],
                         hatch=hatches)
    for ax in (ax_exp, ax_p):
        ax.set_xticks(range(n), ticks)
        ax.set_xlabel("class j")
    ax_exp.set_ylabel(r"unnormalized $e^{s_j/T}$")
    ax_exp.ticklabel_format(axis="y", style="sci", scilimits=(-3, 3))  # 22026 shows as 2.2 with "1e4" above
    ax_p.set_ylabel(r"probability $p_j$")
    ax_p.set_ylim(0.0, 1.45)
    _bar_legend(ax_exp, r"$e^{s_j/T}$")
    _bar_legend(ax_p, r"$p_j$")
    fig = ax_p.figure
    if image:
        fig.suptitle(f"Softmax cross-entropy, {image}: exponentiate, normalize, take -ln", fontsize=11)
    handle = SoftmaxPipeline(
        axes=(ax_exp, ax_p),
        exp_bars=exp_bars,
        exp_values=_bar_texts(ax_exp, n),
        prob_bars=prob_bars,
        prob_values=_bar_texts(ax_p, n),
        loss_text=ax_p.set_title("", fontsize=10),
        label=int(label),
    )
    handle.update(scores, temperature=temperature)
    return handle


@dataclass(eq=False)
class CompareCurves:
    """Handle returned by :func:`plot_svm_vs_softmax`: both loss curves, a marker on each, a vertical cursor."""

    ax: Axes
    curves: dict[str, Line2D]
    markers: dict[str, Line2D]
    cursor: Line2D
    readout: Text
    scores: np.ndarray
    label: int
    moving_class: int
    margin: float
    value: float = 0.0
    losses: dict[str, float] = field(default_factory=dict)

    def update(self, value: float) -> dict[str, float]:
        """Move the markers to ``s_m = value``; return ``{"svm": ..., "softmax": ...}`` at that point."""
        self.value = float(value)
        at = loss_curves(self.scores, self.label, self.moving_class, [self.value], margin=self.margin)
        self.losses = {k: float(v[0]) for k, v in at.items()}
        for k, marker in self.markers.items():
            marker.set_data([self.value], [self.losses[k]])
        self.cursor.set_xdata([self.value, self.value])
        self.readout.set_text(f"SVM {self.losses['svm']:.2f}\nCE {self.losses['softmax']:.2f}")
        return self.losses


def plot_svm_vs_softmax(
    scores: object,
    label: int,
    moving_class: int,
    *,
    value: float | None = None,
    margin: float = 1.0,
    sweep: tuple[float, float] = (-10.0, 10.0),
    classes: Sequence[str] = example.CLASSES,
    ax: Axes | None = None,
) -> CompareCurves:
    r"""SVM loss and softmax cross-entropy of one image as the score :math:`s_m` of one class sweeps a range.

    The SVM curve is a hinge that is exactly 0 once :math:`s_m \le s_y - \Delta` (if the other wrong classes
    are also beaten by :math:`\Delta`); the cross-entropy curve is smooth and only approaches 0.
    Markers sit on both curves at :math:`s_m` = ``value``.

    Args:
        scores: one image's class scores, shape (C,).
        label: its true class y.
        moving_class: the class m whose score moves.
        value: where the markers start; the image's own score ``scores[moving_class]`` if None.
        margin: :math:`\Delta`.
        sweep: the (min, max) range of :math:`s_m`.
        classes: class names for the axis label.
        ax: Axes to draw into; a new ``FIGSIZE`` figure if None.

    Returns:
        A :class:`CompareCurves` handle; ``handle.update(value)`` moves the markers in place.

    >>> h = plot_svm_vs_softmax([3.2, 5.1, -1.7], 0, 1)
    >>> {k: round(v, 2) for k, v in h.losses.items()}
    {'svm': 2.9, 'softmax': 2.04}
    >>> plt.close("all")
    """
    ax = _new_ax(ax)
    s = np.array(scores, dtype=float)
    xs = np.linspace(float(sweep[0]), float(sweep[1]), 401)
    curves_y = loss_curves(s, label, moving_class, xs, margin=margin)
    names = {"svm": "multiclass SVM (hinge)", "softmax": "softmax cross-entropy"}
    styles = {"svm": "-", "softmax": "--"}
    shapes = {"svm": "o", "softmax": "s"}
    curves, markers = {}, {}
    for k in ("svm", "softmax"):
        (curves[k],) = ax.plot(xs, curves_y[k], color=LOSS_COLORS[k], ls=styles[k], lw=2, label=names[k])
        (markers[k],) = ax.plot([], [], ls="none", marker=shapes[k], ms=9, color=LOSS_COLORS[k],
                                markeredgecolor=PALETTE["black"])
    cursor = ax.axvline(0.0, color=PALETTE["black"], lw=0.8, ls=":", label=r"current $s_m$ (markers)")
    true_score = float(s[int(label)])
    ax.axvline(true_score, color=PALETTE["black"], lw=0.8, ls="-.",
               label=rf"true score $s_y$ = {true_score:.1f}")
    m_name, y_name = classes[int(moving_class)], classes[int(label)]
    ax.set_xlabel(f"score of the wrong class {m_name}, $s_m$")
    ax.set_ylabel(f"loss (true class {y_name})")
    ax.set_title(f"Both losses as the {m_name} score moves")
    ax.set_xlim(xs[0], xs[-1])
    ax.legend(loc="upper left", fontsize=9)
    handle = CompareCurves(
        ax=ax,
        curves=curves,
        markers=markers,
        cursor=cursor,
        readout=ax.text(0.98, 0.05, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=10),
        scores=s,
        label=int(label),
        moving_class=int(moving_class),
        margin=float(margin),
    )
    handle.update(s[int(moving_class)] if value is None else value)
    return handle
