"""One-call explorers for the book: sliders over the running example, drawn by :mod:`lossfns.plots`.

``svm_explorer()``, ``svm_table_explorer()``, ``softmax_explorer()`` and ``compare_explorer()`` each return an
explorer object. It owns one Matplotlib figure (Agg canvas, no pyplot state) drawn once by a ``plot_*`` function;
a slider event calls the plot handle's ``update`` (bar heights, line data, text change in place), renders the
figure to PNG and puts the bytes into an ``ipywidgets.Image``. Tests drive the sliders directly
(``explorer.score_sliders[1].value = 4.0``) and read ``explorer.loss`` / ``explorer.loss_text``.

Display (``_repr_mimebundle_``) returns three representations:

- ``application/vnd.jupyter.widget-view+json``: the live widget, for Jupyter (``make lab``);
- ``text/plain``: the current state, one rounded number per line (nbval compares it);
- ``text/html``: a static fallback for the website (the book's HTML build prefers it, see ``_config.yml``)::

    <div class="lossfns-explorer" data-explorer="KIND" data-state='JSON'>
      <figure><img src="data:image/png;base64,..." alt="..."><figcaption>...</figcaption></figure>
      <p class="lossfns-nojs">This explorer is live on the website with JavaScript enabled; in Jupyter
      (make lab) it is an interactive widget.</p>
    </div>

  (written on one line). ``KIND`` is ``"svm-image"``, ``"svm-table"``, ``"softmax"`` or ``"compare"``. ``JSON``
  is HTML-escaped inside the single-quoted attribute and always holds

  - ``"classes"``: list of C class names; ``"images"``: list of N image names;
  - ``"scores"``: N x C list of scores (the running example, with the explorer's current values);
  - ``"labels"``: list of N true-class indices;
  - ``"range"``: ``{"min", "max", "step"}`` of every score slider;

  and per kind:

  - ``svm-image``: ``"image"`` (row index shown), ``"margin"`` (Δ), ``"margin_range"`` ``{"min", "max", "step"}``;
  - ``svm-table``: ``"margin"``;
  - ``softmax``: ``"image"``, ``"temperature"``, ``"temperature_range"`` ``{"min", "max", "step"}``;
  - ``compare``: ``"image"``, ``"moving_class"`` (index of the wrong class whose score moves), ``"margin"``,
    ``"sweep"`` ``{"min", "max"}`` (x range of the two loss curves).

  The image is the figure at the explorer's values when displayed (the defaults, in the book): the static
  fallback shown when JavaScript is off. Every value comes from :mod:`lossfns.example` and the ranges below.
"""

from __future__ import annotations

import base64
import html
import io
import json
from dataclasses import dataclass
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from . import example
from ._softmax import check_temperature
from ._svm import check_margin
from .plots import (
    FIGSIZE,
    plot_image_losses,
    plot_margin_terms,
    plot_softmax_pipeline,
    plot_svm_vs_softmax,
)

__all__ = [
    "MARGIN_RANGE",
    "NOJS_TEXT",
    "SCORE_RANGE",
    "TEMPERATURE_RANGE",
    "CompareExplorer",
    "SliderRange",
    "SoftmaxExplorer",
    "SvmExplorer",
    "SvmTableExplorer",
    "compare_explorer",
    "softmax_explorer",
    "svm_explorer",
    "svm_table_explorer",
]


@dataclass(frozen=True)
class SliderRange:
    """A slider's range: ``min``, ``max`` and ``step``."""

    min: float
    max: float
    step: float

    def as_dict(self) -> dict[str, float]:
        return {"min": self.min, "max": self.max, "step": self.step}


#: Range of every score slider.
SCORE_RANGE = SliderRange(-10.0, 10.0, 0.1)
#: Range of the SVM margin slider (Δ).
MARGIN_RANGE = SliderRange(0.0, 5.0, 0.1)
#: Range of the softmax temperature slider (T > 0).
TEMPERATURE_RANGE = SliderRange(0.1, 5.0, 0.1)
#: The note under every static fallback.
NOJS_TEXT = (
    "This explorer is live on the website with JavaScript enabled. To run it with Python instead, open the chapter "
    "with a launch button (Binder, Colab) at the top of the page, or clone the book and run make lab."
)
#: Resolution of the PNGs, dots per inch.
DPI = 100


def _widgets():
    try:
        import ipywidgets
    except ImportError as exc:  # pragma: no cover - ipywidgets is pinned in requirements.txt
        raise ImportError("the explorers need ipywidgets: pip install 'lossfns[widgets]'") from exc
    return ipywidgets


def _check_index(value: object, n: int, name: str, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer index, got {value!r}")
    if not 0 <= int(value) < n:
        raise ValueError(f"{name} must be in [0, {n - 1}] ({what}), got {int(value)}")
    return int(value)


def _in_range(value: float, rng: SliderRange, name: str) -> float:
    if not rng.min <= value <= rng.max:
        raise ValueError(f"{name} must be in [{rng.min}, {rng.max}] (the slider's range), got {value!r}")
    return value


def _r(x: float) -> float:
    """Round for the JSON state, so 5.1 stays 5.1 and slider arithmetic noise disappears."""
    return round(float(x), 6)


class _Explorer:
    """Shared machinery: figure, PNG, the Image widget, the loss readout, hold/redraw and display."""

    kind: str = ""

    def __init__(self, ncols: int = 1) -> None:
        w = _widgets()
        self.figure = Figure(figsize=FIGSIZE, layout="constrained")
        FigureCanvasAgg(self.figure)
        self.axes = self.figure.subplots(1, ncols, squeeze=False)[0]
        self.image_widget = w.Image(format="png", layout=w.Layout(max_width="100%", height="auto"))
        self.readout = w.HTML()
        self.redraws = 0
        self._holding = False

    # -- subclasses fill these in -------------------------------------------------------------------------
    def _refresh(self) -> None:
        raise NotImplementedError

    def summary_lines(self) -> list[str]:
        raise NotImplementedError

    def state(self) -> dict[str, Any]:
        raise NotImplementedError

    def alt_text(self) -> str:
        raise NotImplementedError

    def caption(self) -> str:
        raise NotImplementedError

    # -- shared ---------------------------------------------------------------------------------------------
    @property
    def loss_text(self) -> str:
        """The loss line the explorer shows under its figure."""
        return self.readout.value

    def png(self) -> bytes:
        """The figure as PNG bytes, as currently drawn."""
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=DPI)
        return buf.getvalue()

    def _freeze_layout(self, widest: dict[int, float]) -> None:
        """Lay the figure out once, for the widest tick labels a slider can produce, then keep that layout.

        Constrained layout costs a second full draw per PNG; a slider changes heights and text, not the panels, so
        the explorer computes the layout once and switches it off. ``widest`` maps the index of each Axes whose
        y range follows the sliders to a y maximum whose tick labels are as wide as any the sliders produce.
        """
        limits = [ax.get_ylim() for ax in self.axes]
        for k, top in widest.items():
            self.axes[k].set_ylim(0.0, top)
        self.figure.draw_without_rendering()
        self.figure.set_layout_engine("none")
        for ax, lim in zip(self.axes, limits):
            ax.set_ylim(lim)

    def redraw(self) -> None:
        """Update the artists for the current slider values and re-render the PNG (one slider event)."""
        self._refresh()
        self.image_widget.value = self.png()
        self.redraws += 1

    def _on_change(self, _change: object = None) -> None:
        if not self._holding:
            self.redraw()

    def _observe(self, sliders) -> None:
        for s in sliders:
            s.observe(self._on_change, names="value")

    def _base_state(self, scores: np.ndarray) -> dict[str, Any]:
        return {
            "classes": list(example.CLASSES),
            "images": list(example.IMAGES),
            "scores": [[_r(v) for v in row] for row in scores],
            "labels": [int(y) for y in example.LABELS],
            "range": SCORE_RANGE.as_dict(),
        }

    def to_html(self) -> str:
        """The static fallback for the website (see the module docstring for the contract)."""
        state = html.escape(json.dumps(self.state(), separators=(",", ":")), quote=True)
        png = base64.b64encode(self.png()).decode("ascii")
        return (
            f'<div class="lossfns-explorer" data-explorer="{self.kind}" data-state=\'{state}\'>'
            f'<figure><img src="data:image/png;base64,{png}" alt="{html.escape(self.alt_text(), quote=True)}">'
            f"<figcaption>{html.escape(self.caption())}</figcaption></figure>"
            f'<p class="lossfns-nojs">{html.escape(NOJS_TEXT)}</p></div>'
        )

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, Any]:
        bundle = {"text/plain": "\n".join(self.summary_lines()), "text/html": self.to_html()}
        view = self.widget._repr_mimebundle_()
        if view and "application/vnd.jupyter.widget-view+json" in view:
            bundle["application/vnd.jupyter.widget-view+json"] = view["application/vnd.jupyter.widget-view+json"]
        return bundle

    def __repr__(self) -> str:
        return "\n".join(self.summary_lines())


def _score_slider(w, description: str, value: float):
    return w.FloatSlider(
        value=float(value),
        min=SCORE_RANGE.min,
        max=SCORE_RANGE.max,
        step=SCORE_RANGE.step,
        description=description,
        readout_format=".1f",
        continuous_update=True,
        style={"description_width": "initial"},
    )


def _image_picker(w, image: int):
    return w.Dropdown(
        options=[(name, i) for i, name in enumerate(example.IMAGES)],
        value=image,
        description="image",
    )


class _PerImageExplorer(_Explorer):
    """An explorer of one image's three scores (``score_sliders``), with an image picker."""

    image: int
    score_sliders: list

    @property
    def scores(self) -> np.ndarray:
        return np.array([s.value for s in self.score_sliders], dtype=float)

    @property
    def label(self) -> int:
        return int(example.LABELS[self.image])

    def _load_image(self, image: int) -> None:
        """Show ``image``: its true class and its scores on the sliders, with one redraw left to the caller."""
        self.image = image
        self._holding = True
        try:
            for s, v in zip(self.score_sliders, example.SCORES[self.image]):
                s.value = float(v)
        finally:
            self._holding = False


class SvmExplorer(_PerImageExplorer):
    """One image's three scores and Δ; bars of each class's hinge term; the SVM loss. Made by :func:`svm_explorer`."""

    kind = "svm-image"

    def __init__(self, image: int = 0, margin: float = 1.0) -> None:
        super().__init__()
        w = _widgets()
        self.image = _check_index(image, len(example.IMAGES), "image", "a row of example.SCORES")
        margin = _in_range(check_margin(margin), MARGIN_RANGE, "margin")
        self.image_picker = _image_picker(w, self.image)
        self.score_sliders = [
            _score_slider(w, f"{c} score", v) for c, v in zip(example.CLASSES, example.SCORES[self.image])
        ]
        self.margin_slider = w.FloatSlider(
            value=margin, min=MARGIN_RANGE.min, max=MARGIN_RANGE.max, step=MARGIN_RANGE.step,
            description="margin Δ", readout_format=".1f", style={"description_width": "initial"},
        )
        self.plot = plot_margin_terms(
            self.scores, self.label, margin=margin, image=example.IMAGES[self.image], ax=self.axes[0]
        )
        self._observe([*self.score_sliders, self.margin_slider])
        self.image_picker.observe(self._on_image, names="value")
        self.widget = w.VBox([self.image_picker, *self.score_sliders, self.margin_slider, self.readout,
                              self.image_widget])
        self._freeze_layout({0: 99.0})
        self.redraw()

    @property
    def margin(self) -> float:
        return float(self.margin_slider.value)

    @property
    def loss(self) -> float:
        """The SVM loss currently shown."""
        return self.plot.loss

    def _on_image(self, change) -> None:
        self._load_image(int(change["new"]))
        self.plot.image = example.IMAGES[self.image]
        self.plot.label = -1  # force the true-class styling to follow the new image
        self.redraw()

    def _refresh(self) -> None:
        self.plot.update(self.scores, self.label, margin=self.margin)
        self.readout.value = f"SVM loss L<sub>i</sub> = {self.loss:.2f}"

    def summary_lines(self) -> list[str]:
        lines = [f"SVM explorer: {example.IMAGES[self.image]}, true class {example.CLASSES[self.label]}"]
        lines += [f"score {c} = {v:.2f}" for c, v in zip(example.CLASSES, self.scores)]
        lines.append(f"margin = {self.margin:.2f}")
        lines += [f"hinge term {c} = {h:.2f}" for k, (c, h) in enumerate(zip(example.CLASSES, self.plot.heights))
                  if k != self.label]
        lines.append(f"loss = {self.loss:.2f}")
        return lines

    def state(self) -> dict[str, Any]:
        scores = np.array(example.SCORES, dtype=float)
        scores[self.image] = self.scores
        return {**self._base_state(scores), "image": self.image, "margin": _r(self.margin),
                "margin_range": MARGIN_RANGE.as_dict()}

    def _terms(self) -> str:
        return ", ".join(f"{c} {h:.2f}" for k, (c, h) in enumerate(zip(example.CLASSES, self.plot.heights))
                         if k != self.label)

    def alt_text(self) -> str:
        return (f"Bar chart of the hinge term of each class for the {example.IMAGES[self.image]} "
                f"(margin {self.margin:.2f}): {self._terms()}; the true class's bar is 0. SVM loss {self.loss:.2f}.")

    def caption(self) -> str:
        return (f"Hinge terms of the {example.IMAGES[self.image]} at margin Δ = {self.margin:.2f}: {self._terms()}; "
                f"their sum is the SVM loss {self.loss:.2f}. Drag a score or Δ to see the terms change.")


class SvmTableExplorer(_Explorer):
    """All nine scores; bars of the per-image SVM losses and their mean. Made by :func:`svm_table_explorer`."""

    kind = "svm-table"

    def __init__(self, margin: float = 1.0) -> None:
        super().__init__()
        w = _widgets()
        self.margin = check_margin(margin)
        self.score_sliders = [
            [_score_slider(w, f"{img}: {c}", v) for c, v in zip(example.CLASSES, row)]
            for img, row in zip(example.IMAGES, example.SCORES)
        ]
        self.plot = plot_image_losses(self.scores, example.LABELS, margin=self.margin, ax=self.axes[0])
        self._observe([s for row in self.score_sliders for s in row])
        columns = [w.VBox([w.HTML(f"<b>{img}</b>"), *row]) for img, row in zip(example.IMAGES, self.score_sliders)]
        self.widget = w.VBox([w.HBox(columns, layout=w.Layout(flex_flow="row wrap")), self.readout,
                              self.image_widget])
        self._freeze_layout({0: 99.0})
        self.redraw()

    @property
    def scores(self) -> np.ndarray:
        """The (N, C) scores currently set on the sliders."""
        return np.array([[s.value for s in row] for row in self.score_sliders], dtype=float)

    @property
    def losses(self) -> np.ndarray:
        """The per-image SVM losses currently shown."""
        return self.plot.losses

    @property
    def loss(self) -> float:
        """The mean SVM loss currently shown."""
        return self.plot.mean

    def _refresh(self) -> None:
        self.plot.update(self.scores, example.LABELS, margin=self.margin)
        per = ", ".join(f"{img} {v:.2f}" for img, v in zip(example.IMAGES, self.losses))
        self.readout.value = f"per-image losses: {per}; mean L = {self.loss:.2f}"

    def summary_lines(self) -> list[str]:
        lines = [f"SVM table explorer: margin = {self.margin:.2f}"]
        for img, row in zip(example.IMAGES, self.scores):
            lines += [f"score {img} {c} = {v:.2f}" for c, v in zip(example.CLASSES, row)]
        lines += [f"loss {img} = {v:.2f}" for img, v in zip(example.IMAGES, self.losses)]
        lines.append(f"mean loss = {self.loss:.2f}")
        return lines

    def state(self) -> dict[str, Any]:
        return {**self._base_state(self.scores), "margin": _r(self.margin)}

    def _per(self) -> str:
        return ", ".join(f"{img} {v:.2f}" for img, v in zip(example.IMAGES, self.losses))

    def alt_text(self) -> str:
        return (f"Bar chart of the SVM loss of each image: {self._per()}; a dashed line marks the mean "
                f"{self.loss:.2f}.")

    def caption(self) -> str:
        return (f"Per-image SVM losses ({self._per()}) and their mean {self.loss:.2f}, margin Δ = "
                f"{self.margin:.2f}. Drag any of the nine scores to see which losses move.")


class SoftmaxExplorer(_PerImageExplorer):
    """One image's three scores and a temperature; exp and probability bars; the loss. See :func:`softmax_explorer`."""

    kind = "softmax"

    def __init__(self, image: int = 0, temperature: float = 1.0) -> None:
        super().__init__(ncols=2)
        w = _widgets()
        self.image = _check_index(image, len(example.IMAGES), "image", "a row of example.SCORES")
        temperature = _in_range(check_temperature(temperature), TEMPERATURE_RANGE, "temperature")
        self.image_picker = _image_picker(w, self.image)
        self.score_sliders = [
            _score_slider(w, f"{c} score", v) for c, v in zip(example.CLASSES, example.SCORES[self.image])
        ]
        self.temperature_slider = w.FloatSlider(
            value=temperature, min=TEMPERATURE_RANGE.min, max=TEMPERATURE_RANGE.max, step=TEMPERATURE_RANGE.step,
            description="temperature T", readout_format=".1f", style={"description_width": "initial"},
        )
        self.plot = plot_softmax_pipeline(
            self.scores, self.label, temperature=temperature, image=example.IMAGES[self.image], axes=self.axes
        )
        self._observe([*self.score_sliders, self.temperature_slider])
        self.image_picker.observe(self._on_image, names="value")
        self.widget = w.VBox([self.image_picker, *self.score_sliders, self.temperature_slider, self.readout,
                              self.image_widget])
        self._freeze_layout({0: 1.375})
        self.redraw()

    @property
    def temperature(self) -> float:
        return float(self.temperature_slider.value)

    @property
    def loss(self) -> float:
        """The cross-entropy currently shown."""
        return self.plot.loss

    def _on_image(self, change) -> None:
        # The true class changes with the image, so the hatching and tick labels change: draw afresh once.
        self._load_image(int(change["new"]))
        for ax in self.axes:
            ax.clear()
        self.figure.suptitle("")
        self.plot = plot_softmax_pipeline(
            self.scores, self.label, temperature=self.temperature, image=example.IMAGES[self.image], axes=self.axes
        )
        self.redraw()

    def _refresh(self) -> None:
        self.plot.update(self.scores, temperature=self.temperature)
        self.readout.value = f"cross-entropy L<sub>i</sub> = {self.loss:.2f}"

    def summary_lines(self) -> list[str]:
        lines = [f"Softmax explorer: {example.IMAGES[self.image]}, true class {example.CLASSES[self.label]}"]
        lines += [f"score {c} = {v:.2f}" for c, v in zip(example.CLASSES, self.scores)]
        lines.append(f"temperature = {self.temperature:.2f}")
        lines += [f"probability {c} = {p:.4f}" for c, p in zip(example.CLASSES, self.plot.probs)]
        lines.append(f"loss = {self.loss:.4f}")
        return lines

    def state(self) -> dict[str, Any]:
        scores = np.array(example.SCORES, dtype=float)
        scores[self.image] = self.scores
        return {**self._base_state(scores), "image": self.image, "temperature": _r(self.temperature),
                "temperature_range": TEMPERATURE_RANGE.as_dict()}

    def _probs(self) -> str:
        return ", ".join(f"{c} {p:.2f}" for c, p in zip(example.CLASSES, self.plot.probs))

    def alt_text(self) -> str:
        return (f"Two bar charts for the {example.IMAGES[self.image]} at temperature {self.temperature:.2f}: "
                f"the exponentiated scores, then the probabilities {self._probs()}. "
                f"Cross-entropy {self.loss:.2f}.")

    def caption(self) -> str:
        return (f"Softmax of the {example.IMAGES[self.image]} at T = {self.temperature:.2f}: probabilities "
                f"{self._probs()}; the loss is -ln of the true class's probability, {self.loss:.2f}.")


class CompareExplorer(_Explorer):
    """Drag one wrong-class score; markers move along the SVM and cross-entropy curves. See :func:`compare_explorer`."""

    kind = "compare"

    def __init__(self, image: int = 0, moving_class: int | None = None, margin: float = 1.0) -> None:
        super().__init__()
        w = _widgets()
        self.image = _check_index(image, len(example.IMAGES), "image", "a row of example.SCORES")
        y = int(example.LABELS[self.image])
        if moving_class is None:
            wrong = [j for j in range(len(example.CLASSES)) if j != y]
            moving_class = max(wrong, key=lambda j: example.SCORES[self.image, j])  # the strongest wrong class
        self.moving_class = _check_index(moving_class, len(example.CLASSES), "moving_class", "a class index")
        if self.moving_class == y:
            raise ValueError(
                f"moving_class must be a wrong class of the {example.IMAGES[self.image]}, got {self.moving_class} "
                f"(its true class {example.CLASSES[y]}); pick one of the other classes"
            )
        self.margin = check_margin(margin)
        self.score_slider = _score_slider(
            w, f"{example.CLASSES[self.moving_class]} score", example.SCORES[self.image, self.moving_class]
        )
        self.score_sliders = [self.score_slider]
        self.plot = plot_svm_vs_softmax(
            example.SCORES[self.image], y, self.moving_class, margin=self.margin,
            sweep=(SCORE_RANGE.min, SCORE_RANGE.max), ax=self.axes[0],
        )
        self._observe(self.score_sliders)
        self.widget = w.VBox([self.score_slider, self.readout, self.image_widget])
        self._freeze_layout({})
        self.redraw()

    @property
    def label(self) -> int:
        return int(example.LABELS[self.image])

    @property
    def losses(self) -> dict[str, float]:
        """``{"svm": ..., "softmax": ...}`` at the current slider value."""
        return self.plot.losses

    @property
    def loss(self) -> float:
        """The SVM loss at the current slider value (``losses`` has both)."""
        return self.plot.losses["svm"]

    @property
    def scores(self) -> np.ndarray:
        s = np.array(example.SCORES[self.image], dtype=float)
        s[self.moving_class] = self.score_slider.value
        return s

    def _refresh(self) -> None:
        self.plot.update(self.score_slider.value)
        self.readout.value = (f"SVM loss {self.losses['svm']:.2f}, "
                              f"cross-entropy {self.losses['softmax']:.2f}")

    def summary_lines(self) -> list[str]:
        m = example.CLASSES[self.moving_class]
        return [
            f"Compare explorer: {example.IMAGES[self.image]}, true class {example.CLASSES[self.label]}, "
            f"moving the {m} score",
            f"score {m} = {self.score_slider.value:.2f}",
            f"margin = {self.margin:.2f}",
            f"svm loss = {self.losses['svm']:.4f}",
            f"cross-entropy = {self.losses['softmax']:.4f}",
        ]

    def state(self) -> dict[str, Any]:
        scores = np.array(example.SCORES, dtype=float)
        scores[self.image] = self.scores
        return {**self._base_state(scores), "image": self.image, "moving_class": self.moving_class,
                "margin": _r(self.margin), "sweep": {"min": SCORE_RANGE.min, "max": SCORE_RANGE.max}}

    def alt_text(self) -> str:
        m = example.CLASSES[self.moving_class]
        return (f"Line chart of the SVM loss (solid) and the cross-entropy (dashed) of the "
                f"{example.IMAGES[self.image]} as the {m} score goes from {SCORE_RANGE.min:.0f} to "
                f"{SCORE_RANGE.max:.0f}; markers at {m} = {self.score_slider.value:.2f}: SVM "
                f"{self.losses['svm']:.2f}, cross-entropy {self.losses['softmax']:.2f}.")

    def caption(self) -> str:
        m = example.CLASSES[self.moving_class]
        return (f"Both losses of the {example.IMAGES[self.image]} as the {m} score moves. At {m} = "
                f"{self.score_slider.value:.2f} the SVM loss is {self.losses['svm']:.2f} and the cross-entropy "
                f"{self.losses['softmax']:.2f}; drag the score to move the markers.")


def svm_explorer(image: int = 0, margin: float = 1.0) -> SvmExplorer:
    """Explorer of the multiclass SVM loss of one image: three score sliders, a Δ slider, bars of the hinge terms.

    Args:
        image: row of :data:`lossfns.example.SCORES` to start on (0 = the cat image).
        margin: starting Δ, in ``MARGIN_RANGE``.

    >>> ex = svm_explorer()
    >>> ex.score_sliders[1].value = 4.0  # the car score of the cat image: 5.1 -> 4.0
    >>> round(ex.loss, 2)  # max(0, 4.0 - 3.2 + 1) + max(0, -1.7 - 3.2 + 1)
    1.8
    """
    return SvmExplorer(image=image, margin=margin)


def svm_table_explorer(margin: float = 1.0) -> SvmTableExplorer:
    """Explorer of all nine scores: bars of the per-image SVM losses and a line at their mean.

    >>> ex = svm_table_explorer()
    >>> round(ex.loss, 4)
    5.2667
    """
    return SvmTableExplorer(margin=margin)


def softmax_explorer(image: int = 0, temperature: float = 1.0) -> SoftmaxExplorer:
    """Explorer of softmax cross-entropy: three score sliders and a temperature; exp and probability bars.

    >>> ex = softmax_explorer()
    >>> round(ex.loss, 4)
    2.0404
    """
    return SoftmaxExplorer(image=image, temperature=temperature)


def compare_explorer(image: int = 0, moving_class: int | None = None, margin: float = 1.0) -> CompareExplorer:
    """Explorer comparing both losses as one wrong-class score moves (default: the image's strongest wrong class).

    >>> ex = compare_explorer()
    >>> ex.score_slider.value = 0.0
    >>> {k: round(v, 4) for k, v in ex.losses.items()}
    {'svm': 0.0, 'softmax': 0.0471}
    """
    return CompareExplorer(image=image, moving_class=moving_class, margin=margin)
