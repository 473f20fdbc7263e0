"""Chapter 6's pictures of training and its playground: decision regions, loss curves, and the live widget.

:func:`plot_decision_regions` and :func:`plot_training_curve` are pure plot functions (they draw on an Axes and
return it). :func:`training_playground` wraps a :class:`lossfns.training.Trainer` in ipywidgets controls, the
CS231n "linear classification loss visualization" demo in a notebook. Its figure is redrawn by updating the
existing artists, and the object displays as the live widget in Jupyter and as a static figure elsewhere
(the book's website, a text console). On the website its ``text/html`` follows the explorer contract of
``lossfns.widgets`` (kind ``"playground"``): ``book/_static/explorers.js`` replays the same training in the page
with lossfns.js's mirror of :class:`~lossfns.training.Trainer`.
"""

from __future__ import annotations

import base64
import html
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .plots import CLASS_COLORS, PALETTE
from .training import LOSSES, Trainer, check_loss_name, init_params, make_toy_data
from .widgets import NOJS_TEXT

__all__ = ["TrainingPlayground", "plot_decision_regions", "plot_training_curve", "training_playground"]

#: Default view of the toy data: x and y from -4 to 4.
EXTENT: tuple[float, float, float, float] = (-4.0, 4.0, -4.0, 4.0)
_CLASS_NAMES: tuple[str, ...] = ("class 0", "class 1", "class 2")
# Class k takes the book's k-th class colour (Okabe-Ito, from lossfns.plots) and a marker of its own, so colour
# is never the only cue.
_COLORS: tuple[str, ...] = (*CLASS_COLORS.values(), PALETTE["reddish purple"], PALETTE["yellow"])
_MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v")


def _check_extent(extent: object) -> tuple[float, float, float, float]:
    try:
        x0, x1, y0, y1 = (float(v) for v in extent)  # type: ignore[union-attr]
    except (TypeError, ValueError) as exc:
        raise TypeError(f"extent must be four numbers (xmin, xmax, ymin, ymax), got {extent!r}") from exc
    if not (x0 < x1 and y0 < y1):
        raise ValueError(f"extent must have xmin < xmax and ymin < ymax, got {extent!r}")
    return x0, x1, y0, y1


@dataclass
class _RegionsView:
    """The artists of a decision-region plot, created once and updated in place by :meth:`update`."""

    ax: Axes
    X: np.ndarray
    y: np.ndarray
    extent: tuple[float, float, float, float]
    class_names: Sequence[str]
    resolution: int = 200
    image: object = field(init=False)
    lines: list[Line2D] = field(init=False)
    arrows: object = field(init=False)

    def __post_init__(self) -> None:
        ax, (x0, x1, y0, y1) = self.ax, self.extent
        num_classes = len(self.class_names)
        colors = [_COLORS[k % len(_COLORS)] for k in range(num_classes)]
        gx = np.linspace(x0, x1, self.resolution)
        gy = np.linspace(y0, y1, self.resolution)
        self._grid = np.stack(np.meshgrid(gx, gy), axis=-1).reshape(-1, 2)
        self.image = ax.imshow(
            np.zeros((self.resolution, self.resolution)),
            extent=self.extent,
            origin="lower",
            cmap=ListedColormap(colors),
            vmin=-0.5,
            vmax=num_classes - 0.5,
            alpha=0.25,
            interpolation="nearest",
            aspect="equal",
        )
        for k, name in enumerate(self.class_names):
            pts = self.X[self.y == k]
            ax.scatter(
                pts[:, 0],
                pts[:, 1],
                s=36,
                color=colors[k],
                marker=_MARKERS[k % len(_MARKERS)],
                edgecolors="black",
                linewidths=0.6,
                label=name,
                zorder=3,
            )
        self.lines = [
            ax.plot([], [], color=colors[k], linewidth=2, linestyle="--", zorder=2)[0] for k in range(num_classes)
        ]
        self.arrows = ax.quiver(
            np.zeros(num_classes),
            np.zeros(num_classes),
            np.zeros(num_classes),
            np.zeros(num_classes),
            color=colors,
            angles="xy",
            scale_units="xy",
            scale=1.0,
            width=0.012,
            edgecolor="black",
            linewidth=0.5,
            zorder=4,
        )
        ax.set_xlim(x0, x1)
        ax.set_ylim(y0, y1)
        ax.set_xlabel("feature $x_1$")
        ax.set_ylabel("feature $x_2$")
        handles, _ = ax.get_legend_handles_labels()
        handles += [
            Line2D([], [], color="black", linestyle="--", label="zero-score line $s_j = 0$"),
            Line2D([], [], color="black", marker=r"$\rightarrow$", markersize=12, linestyle="", label="weight $w_j$"),
        ]
        # Outside the axes, right of the plot, so it never hides a point.
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="small", borderaxespad=0)

    def update(self, W: np.ndarray, b: np.ndarray) -> None:
        winner = np.argmax(self._grid @ W + b, axis=1)
        self.image.set_data(winner.reshape(self.resolution, self.resolution))
        feet = np.zeros((W.shape[1], 2))
        for k in range(W.shape[1]):
            w, norm2 = W[:, k], float(W[:, k] @ W[:, k])
            if norm2 == 0.0:  # no zero-score line: the score is the constant b_k
                self.lines[k].set_data([], [])
                continue
            # Points x with w . x + b_k = 0: the foot of the perpendicular from the origin plus t times w rotated.
            feet[k] = -b[k] * w / norm2
            direction = np.array([-w[1], w[0]]) / np.sqrt(norm2)
            t = np.array([-100.0, 100.0])
            self.lines[k].set_data(feet[k, 0] + t * direction[0], feet[k, 1] + t * direction[1])
        self.arrows.set_offsets(feet)
        self.arrows.set_UVC(W[0], W[1])


def plot_decision_regions(
    W: object,
    b: object,
    X: object,
    y: object,
    *,
    ax: Axes | None = None,
    class_names: Sequence[str] = _CLASS_NAMES,
    extent: Sequence[float] = EXTENT,
    title: str | None = None,
) -> Axes:
    r"""Draw a linear classifier's decision regions on 2-D data, with each class's zero-score line and weight.

    Each pixel is coloured by its winning class :math:`\arg\max_j (x W + b)_j`; the dashed line of class j is
    where its score :math:`s_j = x \cdot w_j + b_j` is zero, and its arrow is :math:`w_j` drawn from that line
    (the score grows in the arrow's direction).

    Args:
        W: weights of shape (2, C).
        b: biases of shape (C,).
        X: points of shape (N, 2).
        y: integer labels of shape (N,).
        ax: the Axes to draw on (default: a new figure's).
        class_names: legend names, one per class.
        extent: ``(xmin, xmax, ymin, ymax)`` of the view.
        title: an optional title.

    Returns:
        The Axes drawn on.

    >>> from lossfns.training import init_params, make_toy_data
    >>> X, y = make_toy_data()
    >>> ax = plot_decision_regions(*init_params(), X, y)
    >>> ax.get_xlabel(), len(ax.get_legend().get_texts())
    ('feature $x_1$', 5)
    >>> plt.close(ax.figure)
    """
    W = np.asarray(W, dtype=float)
    b = np.asarray(b, dtype=float)
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    if W.ndim != 2 or W.shape[0] != 2:
        raise ValueError(f"W must have shape (2, C) for 2-D points, got shape {W.shape}")
    if b.shape != (W.shape[1],):
        raise ValueError(f"b must have shape (C,) = ({W.shape[1]},) to match W, got shape {b.shape}")
    if X.ndim != 2 or X.shape[1] != 2 or y.shape != (X.shape[0],):
        raise ValueError(f"X must have shape (N, 2) and y shape (N,), got {X.shape} and {y.shape}")
    if len(class_names) != W.shape[1]:
        raise ValueError(f"class_names must name the {W.shape[1]} classes of W, got {len(class_names)} names")
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 4.5), layout="constrained")
    view = _RegionsView(ax, X, y, _check_extent(extent), class_names)
    view.update(W, b)
    if title:
        ax.set_title(title)
    return ax


@dataclass
class _CurveView:
    """The artists of a training-curve plot, updated in place by :meth:`update`."""

    ax: Axes
    data_line: Line2D = field(init=False)
    reg_line: Line2D = field(init=False)
    total_line: Line2D = field(init=False)

    def __post_init__(self) -> None:
        ax = self.ax
        (self.data_line,) = ax.plot([], [], color=PALETTE["blue"], linewidth=2, label="data loss")
        (self.reg_line,) = ax.plot(
            [], [], color=PALETTE["vermillion"], linewidth=2, linestyle="--", label="regularization $\\lambda R(W)$"
        )
        (self.total_line,) = ax.plot(
            [], [], color="black", linewidth=1, linestyle=":", label="total (data + regularization)"
        )
        ax.set_xlabel("iteration")
        ax.set_ylabel("loss")
        ax.grid(True, alpha=0.3)
        ax.legend(loc="upper right", fontsize="small")

    def update(self, data_loss: np.ndarray, reg_loss: np.ndarray) -> None:
        it = np.arange(data_loss.size)
        self.data_line.set_data(it, data_loss)
        self.reg_line.set_data(it, reg_loss)
        self.total_line.set_data(it, data_loss + reg_loss)
        top = float(np.max(data_loss + reg_loss)) if data_loss.size else 1.0
        self.ax.set_xlim(0, max(10, it[-1] if it.size else 0))
        self.ax.set_ylim(0, 1.05 * top if top > 0 else 1.0)


def plot_training_curve(
    data_loss: object, reg_loss: object, *, ax: Axes | None = None, title: str | None = None
) -> Axes:
    r"""Plot the two parts of the objective over the iterations: the data loss and :math:`\lambda R(W)`.

    Args:
        data_loss: the mean data loss at iterations 0, 1, ..., shape (T,).
        reg_loss: the regularization part at the same iterations, shape (T,).
        ax: the Axes to draw on (default: a new figure's).
        title: an optional title.

    Returns:
        The Axes drawn on.

    >>> ax = plot_training_curve([2.0, 1.0, 0.5], [0.1, 0.2, 0.2])
    >>> [t.get_text() for t in ax.get_legend().get_texts()][0]
    'data loss'
    >>> plt.close(ax.figure)
    """
    data = np.asarray(data_loss, dtype=float)
    reg = np.asarray(reg_loss, dtype=float)
    if data.ndim != 1 or data.shape != reg.shape or data.size == 0:
        raise ValueError(
            f"data_loss and reg_loss must be non-empty 1-D sequences of one length, got shapes {data.shape} "
            f"and {reg.shape}; pass Trainer.data_loss_history and Trainer.reg_loss_history"
        )
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 3.5), layout="constrained")
    _CurveView(ax).update(data, reg)
    if title:
        ax.set_title(title)
    return ax


def _png_bytes(fig: Figure) -> bytes:
    buf = io.BytesIO()
    # No "Software" metadata: the bytes then depend only on the picture, so stored outputs stay identical.
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


class TrainingPlayground:
    """The chapter 6 playground: a :class:`~lossfns.training.Trainer` with controls and a live figure.

    Build it with :func:`training_playground`. Tests and notebooks can drive it like a reader would:
    ``pg.step_button.click()``, ``pg.loss_dropdown.value = "softmax"``, ``pg.reg_slider.value = 0.1``, then read
    ``pg.iteration`` and ``pg.shown_loss``.

    Attributes:
        trainer: the :class:`~lossfns.training.Trainer` being trained.
        loss_dropdown, reg_slider, lr_slider: the settings (loss type, :math:`\\lambda`, learning rate).
        step_button, run_button, reset_button: one step, 100 steps, back to the start.
        status: the text line under the controls (iteration, losses, accuracy).
        image: the figure as a PNG image widget.
        figure: the matplotlib figure (decision regions left, loss curves right).
        widget: the whole control panel (an ipywidgets ``VBox``).
    """

    RUN_STEPS = 100

    def __init__(self, trainer: Trainer, *, extent: Sequence[float] = EXTENT) -> None:
        import ipywidgets as widgets

        self.trainer = trainer
        self.figure = Figure(figsize=(11, 4.2), dpi=72, layout="constrained")
        ax_regions, ax_curve = self.figure.subplots(1, 2, width_ratios=[1.35, 1])
        ax_regions.set_title("decision regions")
        ax_curve.set_title("objective = data loss + regularization")
        self._regions = _RegionsView(ax_regions, trainer.X, trainer.y, _check_extent(extent), _CLASS_NAMES)
        self._curve = _CurveView(ax_curve)

        self.loss_dropdown = widgets.Dropdown(
            options=[(name, key) for key, name in LOSSES.items()], value=trainer.loss, description="loss"
        )
        self.reg_slider = widgets.FloatSlider(
            value=trainer.reg, min=0.0, max=0.5, step=0.005, readout_format=".3f", description="λ (reg)"
        )
        self.lr_slider = widgets.FloatLogSlider(
            value=trainer.learning_rate, base=10, min=-3, max=0, step=0.1, readout_format=".3f",
            description="learning rate",
        )
        style = {"description_width": "initial"}
        for w in (self.loss_dropdown, self.reg_slider, self.lr_slider):
            w.style = style
        self.step_button = widgets.Button(description="step", tooltip="one gradient-descent step")
        self.run_button = widgets.Button(
            description=f"run {self.RUN_STEPS} steps", tooltip=f"{self.RUN_STEPS} gradient-descent steps"
        )
        self.reset_button = widgets.Button(description="reset", tooltip="back to the starting weights")
        self.status = widgets.Label()
        self.image = widgets.Image(format="png")
        self.image.layout.max_width = "100%"

        self.loss_dropdown.observe(self._on_loss, names="value")
        self.reg_slider.observe(self._on_reg, names="value")
        self.lr_slider.observe(self._on_lr, names="value")
        self.step_button.on_click(lambda _: self._advance(1))
        self.run_button.on_click(lambda _: self._advance(self.RUN_STEPS))
        self.reset_button.on_click(self._on_reset)

        self.widget = widgets.VBox(
            [
                widgets.HBox([self.loss_dropdown, self.reg_slider, self.lr_slider]),
                widgets.HBox([self.step_button, self.run_button, self.reset_button]),
                self.status,
                self.image,
            ]
        )
        self.refresh()

    # What the reader sees.
    @property
    def iteration(self) -> int:
        """Gradient steps taken since the last reset."""
        return self.trainer.iteration

    @property
    def shown_loss(self) -> float:
        """The objective that the status line shows, data plus regularization loss at the current weights."""
        return self._shown[0] + self._shown[1]

    def summary(self) -> str:
        """One line: the settings, the iteration, the two parts of the objective and the training accuracy."""
        t = self.trainer
        data, penalty = self._shown
        return (
            f"{LOSSES[t.loss]}, λ = {t.reg:.3f}, learning rate = {t.learning_rate:.3f}: iteration {t.iteration}, "
            f"data loss {data:.4f} + regularization {penalty:.4f} = {data + penalty:.4f}, "
            f"training accuracy {100 * t.accuracy():.1f}%"
        )

    def alt_text(self) -> str:
        """A description of the figure for screen readers (the static image's ``alt``)."""
        t = self.trainer
        return (
            f"Left: the three-class 2-D toy data over the decision regions of a linear classifier trained with "
            f"the {LOSSES[t.loss]} for {t.iteration} steps (λ = {t.reg:.3f}), with each class's zero-score line "
            f"and weight arrow. Right: the data loss and the regularization loss at each iteration."
        )

    def refresh(self) -> None:
        """Redraw: update the artists in place, the PNG image and the status line."""
        t = self.trainer
        self._shown = t.objective()
        self._regions.update(t.W, t.b)
        self._curve.update(np.asarray(t.data_loss_history), np.asarray(t.reg_loss_history))
        self.image.value = _png_bytes(self.figure)
        self.status.value = self.summary()

    # Callbacks.
    def _advance(self, n: int) -> None:
        self.trainer.step(n)
        self.refresh()

    def _on_loss(self, change: dict) -> None:
        self.trainer.loss = change["new"]
        self.refresh()

    def _on_reg(self, change: dict) -> None:
        self.trainer.reg = change["new"]
        self.refresh()

    def _on_lr(self, change: dict) -> None:
        self.trainer.learning_rate = change["new"]
        self.refresh()

    def _on_reset(self, _button: object = None) -> None:
        self.trainer.reset()
        self.refresh()

    # Display: the live widget in Jupyter, a live JavaScript version or a static figure on the website, a summary
    # in a console.
    def state(self) -> dict:
        """The data-state of the website's JavaScript playground (``book/_static/explorers.js``).

        It holds what the page needs to replay this playground's training: the data ``"X"`` and ``"y"``, the
        ``"classes"``, the seeded starting ``"W"`` and ``"b"``, the settings ``"loss"``, ``"reg"`` and
        ``"learning_rate"``, the ``"steps"`` taken so far, the menu ``"losses"``, the slider ranges
        ``"reg_range"`` ``{min, max, step}`` and ``"learning_rate_range"`` ``{min, max}`` (a log slider), and the
        view ``"extent"``. The replay matches when the settings were not changed between steps (as in the book).
        """
        t = self.trainer
        W0, b0 = init_params(t.X.shape[1], t.num_classes, seed=t.seed)
        return {
            "X": t.X.tolist(),
            "y": [int(v) for v in t.y],
            "classes": list(_CLASS_NAMES[: t.num_classes]),
            "W": W0.tolist(),
            "b": b0.tolist(),
            "loss": t.loss,
            "losses": dict(LOSSES),
            "reg": t.reg,
            "learning_rate": t.learning_rate,
            "steps": t.iteration,
            "extent": list(self._regions.extent),
            "reg_range": {"min": self.reg_slider.min, "max": self.reg_slider.max, "step": self.reg_slider.step},
            "learning_rate_range": {"min": 10.0**self.lr_slider.min, "max": 10.0**self.lr_slider.max},
        }

    def _repr_html_(self) -> str:
        state = html.escape(json.dumps(self.state(), separators=(",", ":")), quote=True)
        png = base64.b64encode(self.image.value).decode("ascii")
        return (
            f'<div class="lossfns-explorer" data-explorer="playground" data-state=\'{state}\'>'
            '<figure class="lossfns-playground">'
            f'<img src="data:image/png;base64,{png}" alt="{html.escape(self.alt_text(), quote=True)}">'
            f"<figcaption>{html.escape(self.summary())}.</figcaption></figure>"
            f'<p class="lossfns-nojs">{html.escape(NOJS_TEXT)}</p></div>'
        )

    def __repr__(self) -> str:
        return f"Training playground: {self.summary()}"

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        bundle = dict(self.widget._repr_mimebundle_() or {})
        bundle["text/plain"] = repr(self)
        bundle["text/html"] = self._repr_html_()
        return bundle


def training_playground(
    X: object | None = None,
    y: object | None = None,
    *,
    loss: str = "svm",
    reg: float = 0.01,
    learning_rate: float = 0.1,
    steps: int = 0,
    seed: int = 1,
) -> TrainingPlayground:
    """The chapter 6 playground on the toy data (or on ``X``, ``y``), after ``steps`` gradient steps.

    Controls: a loss menu (Weston-Watkins SVM, one-vs-all, Crammer-Singer, softmax cross-entropy), sliders for
    :math:`\\lambda` and the learning rate, and the buttons step, run 100 steps and reset. The figure shows the
    decision regions, each class's zero-score line with its weight arrow, and the loss curve split into data and
    regularization parts.

    Args:
        X: 2-D points of shape (N, 2); default :func:`lossfns.training.make_toy_data`.
        y: their integer labels, shape (N,).
        loss: the starting loss ("svm", "ova", "cs" or "softmax").
        reg: the starting :math:`\\lambda`, in [0, 0.5] (the slider's range).
        learning_rate: the starting step size, in [0.001, 1] (the slider's range).
        steps: gradient steps to take before showing (so the static picture shows some training).
        seed: seed of the starting weights.

    Returns:
        A :class:`TrainingPlayground`; display it (last line of a cell) to get the widget.

    >>> pg = training_playground()
    >>> pg.step_button.click()
    >>> pg.iteration
    1
    """
    loss = check_loss_name(loss)
    if (X is None) != (y is None):
        raise ValueError("pass both X and y, or neither (for the toy data of make_toy_data())")
    if X is None:
        X, y = make_toy_data()
    trainer = Trainer(X, y, loss=loss, reg=reg, learning_rate=learning_rate, seed=seed)
    if trainer.X.shape[1] != 2:
        raise ValueError(f"the playground draws 2-D points: X must have shape (N, 2), got {trainer.X.shape}")
    if not 0.0 <= trainer.reg <= 0.5:
        raise ValueError(f"reg must be in [0, 0.5], the slider's range, got {reg!r}")
    if not 1e-3 <= trainer.learning_rate <= 1.0:
        raise ValueError(f"learning_rate must be in [0.001, 1], the slider's range, got {learning_rate!r}")
    trainer.step(steps)
    return TrainingPlayground(trainer)
