"""One-call explorers of Part II, the loss zoo: robust regression, the classification surrogates, KL's asymmetry.

``robust_regression_explorer()`` (chapter 11), ``surrogates_explorer()`` (chapter 12) and ``kl_explorer()``
(chapter 14) follow the explorer contract of :mod:`lossfns.widgets` (whose machinery they reuse): one Matplotlib
figure drawn once by a :mod:`lossfns.plots_zoo` function and updated in place on every slider event, rendered to PNG
in an ``ipywidgets.Image``; ``_repr_mimebundle_`` returns the widget view, a deterministic ``text/plain`` summary
and the ``text/html`` placeholder that ``book/_static/explorers.js`` brings to life on the website::

    <div class="lossfns-explorer" data-explorer="KIND" data-state='JSON'> <figure>...</figure> <p ...>...</p></div>

``KIND`` and its ``JSON`` state (every number computed here by lossfns; the browser recomputes the losses with
``book/_static/lossfns.js``, checked against lossfns by ``tests/js/vectors.json``):

- ``robust-regression``: ``"x"``, ``"y"``, ``"is_outlier"`` (the data of :func:`lossfns.line_with_outliers`);
  ``"fits"`` ``{"mse": [w, b], "mae": [w, b]}``; ``"deltas"`` and ``"huber_fits"`` (one ``[w, b]`` per δ),
  ``"taus"`` and ``"quantile_fits"`` (one per τ), all fitted by :func:`lossfns.registry.fit_line`; the current
  ``"delta"`` and ``"tau"``. The fitting is done once, in Python, for every slider position: the browser only
  evaluates losses, so both show the same numbers.
- ``surrogates``: ``"margin"`` with ``"margin_range"`` ``{"min", "max", "step"}`` (also the x range of the curves),
  ``"gamma"`` with ``"gamma_range"``, ``"eps"`` with ``"eps_range"``, and the label-smoothing example:
  ``"image"`` (its name), ``"scores"``, ``"label"``, ``"classes"``.
- ``kl``: ``"shift"`` (centre of the model q of :func:`lossfns.plots_zoo.kl_pair`) with ``"shift_range"``, and
  ``"bins"``.

Tests drive the sliders (``explorer.delta_slider.value = 3.0``) and read ``explorer.losses``.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from . import example
from ._classification import focal_loss
from ._divergence import kl_divergence
from ._margin import exponential_loss, hinge_loss, soft_margin_loss, zero_one_loss
from ._regression import huber_loss, line_with_outliers, mae_loss, mse_loss, quantile_loss
from ._softmax import label_smoothed_cross_entropy
from ._svm import squared_hinge_loss
from .plots import PALETTE
from .plots_zoo import kl_pair, plot_kl_asymmetry, plot_kl_shift, plot_regression_fits, plot_surrogates
from .registry import fit_line
from .widgets import SliderRange, _check_index, _Explorer, _in_range, _r, _widgets

__all__ = [
    "DELTAS",
    "EPS_RANGE",
    "GAMMA_RANGE",
    "SHIFT_RANGE",
    "TAUS",
    "Z_RANGE",
    "KlExplorer",
    "RobustRegressionExplorer",
    "SurrogatesExplorer",
    "kl_explorer",
    "regression_fits",
    "robust_regression_explorer",
    "surrogate_losses",
    "surrogates_explorer",
]

#: The Huber thresholds δ of the robust-regression slider (from scaled absolute error to least squares).
DELTAS: tuple[float, ...] = (0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0)
#: The quantiles τ of its quantile slider.
TAUS: tuple[float, ...] = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
#: The margin slider of the surrogates explorer, also the x range of its curves
#: (as :func:`lossfns.plots_zoo.plot_surrogates`).
Z_RANGE = SliderRange(-2.0, 2.5, 0.05)
#: The focal γ slider.
GAMMA_RANGE = SliderRange(0.0, 5.0, 0.1)
#: The label-smoothing ε slider.
EPS_RANGE = SliderRange(0.0, 0.5, 0.01)
#: The slider moving the centre of the model q in the KL explorer (as :func:`lossfns.plots_zoo.plot_kl_shift`).
SHIFT_RANGE = SliderRange(-3.5, 3.5, 0.1)

_LN2 = float(np.log(2.0))


def _float_slider(w, description: str, value: float, rng: SliderRange, fmt: str = ".2f"):
    return w.FloatSlider(
        value=float(value), min=rng.min, max=rng.max, step=rng.step, description=description,
        readout_format=fmt, continuous_update=True, style={"description_width": "initial"},
    )


def _grid_value(value: object, grid: tuple[float, ...], name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {value!r}")
    if float(value) not in grid:
        raise ValueError(f"{name} must be one of the slider's values {list(grid)}, got {value!r}")
    return float(value)


# ----------------------------------------------------------------------------------------------- robust regression


@functools.lru_cache(maxsize=1)
def regression_fits() -> dict[str, Any]:
    """The line fits of the robust-regression explorer, by :func:`lossfns.registry.fit_line` on the outlier data.

    Returns:
        ``{"mse": (w, b), "mae": (w, b), "huber": {delta: (w, b)}, "quantile": {tau: (w, b)}}`` for every δ in
        :data:`DELTAS` and τ in :data:`TAUS` (computed once per process: about five seconds).
    """
    x, y, _ = line_with_outliers()
    return {
        "mse": fit_line(x, y, "mse"),
        "mae": fit_line(x, y, "mae"),
        "huber": {d: fit_line(x, y, "huber", delta=d) for d in DELTAS},
        "quantile": {t: fit_line(x, y, "quantile", tau=t) for t in TAUS},
    }


class RobustRegressionExplorer(_Explorer):
    """Lines fitted under MSE, MAE, Huber (δ slider) and the pinball loss (τ slider). See
    :func:`robust_regression_explorer`."""

    kind = "robust-regression"
    NAMES = ("mse", "mae", "huber", "quantile")

    def __init__(self, delta: float = 1.0, tau: float = 0.5) -> None:
        super().__init__()
        w = _widgets()
        delta = _grid_value(delta, DELTAS, "delta")
        tau = _grid_value(tau, TAUS, "tau")
        self.x, self.y, self.is_outlier = line_with_outliers()
        self._fits = regression_fits()
        self.delta_slider = w.SelectionSlider(options=[(f"{d:g}", d) for d in DELTAS], value=delta,
                                              description="Huber δ", style={"description_width": "initial"})
        self.tau_slider = w.SelectionSlider(options=[(f"{t:g}", t) for t in TAUS], value=tau,
                                            description="quantile τ", style={"description_width": "initial"})
        self.ax = plot_regression_fits(self.x, self.y, self._labelled_fits(), is_outlier=self.is_outlier,
                                       ax=self.axes[0])
        self._lines = self.ax.lines[-4:]
        self._observe([self.delta_slider, self.tau_slider])
        self.widget = w.VBox([self.delta_slider, self.tau_slider, self.readout, self.image_widget])
        self._freeze_layout({})
        self.redraw()

    @property
    def delta(self) -> float:
        return float(self.delta_slider.value)

    @property
    def tau(self) -> float:
        return float(self.tau_slider.value)

    @property
    def fits(self) -> dict[str, tuple[float, float]]:
        """``{name: (w, b)}`` of the four lines currently shown."""
        f = self._fits
        return {"mse": f["mse"], "mae": f["mae"], "huber": f["huber"][self.delta], "quantile": f["quantile"][self.tau]}

    @property
    def losses(self) -> dict[str, float]:
        """Each line's mean loss on the data under its own loss (MSE, MAE, Huber at δ, pinball at τ)."""
        pred = {k: wb[0] * self.x + wb[1] for k, wb in self.fits.items()}
        return {
            "mse": float(mse_loss(pred["mse"], self.y)),
            "mae": float(mae_loss(pred["mae"], self.y)),
            "huber": float(huber_loss(pred["huber"], self.y, delta=self.delta)),
            "quantile": float(quantile_loss(pred["quantile"], self.y, tau=self.tau)),
        }

    @property
    def loss(self) -> float:
        """The Huber fit's loss (``losses`` has all four)."""
        return self.losses["huber"]

    def _labels(self) -> dict[str, str]:
        return {"mse": "MSE", "mae": "MAE", "huber": f"Huber (δ = {self.delta:g})",
                "quantile": f"quantile (τ = {self.tau:g})"}

    def _labelled_fits(self) -> dict[str, tuple[float, float]]:
        labels = self._labels()
        return {labels[k]: wb for k, wb in self.fits.items()}

    def _refresh(self) -> None:
        grid = self._lines[0].get_xdata()
        for line, (label, (w, b)) in zip(self._lines, self._labelled_fits().items()):
            sign = "+" if b >= 0 else "-"
            line.set_ydata(w * np.asarray(grid) + b)
            line.set_label(f"{label}: y = {w:.2f} x {sign} {abs(b):.2f}")
        self.ax.legend(fontsize=8, loc="upper left")
        self.readout.value = "; ".join(f"{self._labels()[k]}: slope {self.fits[k][0]:.2f}, loss {v:.4f}"
                                       for k, v in self.losses.items())

    def summary_lines(self) -> list[str]:
        lines = [f"Robust regression explorer: Huber delta = {self.delta:g}, quantile tau = {self.tau:g}"]
        for k, v in self.losses.items():
            w, b = self.fits[k]
            lines.append(f"{self._labels()[k]}: slope = {w:.4f}, intercept = {b:.4f}, mean loss = {v:.4f}")
        return lines

    def state(self) -> dict[str, Any]:
        f = self._fits
        return {
            "x": [float(v) for v in self.x], "y": [float(v) for v in self.y],
            "is_outlier": [bool(v) for v in self.is_outlier],
            "fits": {"mse": list(f["mse"]), "mae": list(f["mae"])},
            "deltas": list(DELTAS), "huber_fits": [list(f["huber"][d]) for d in DELTAS],
            "taus": list(TAUS), "quantile_fits": [list(f["quantile"][t]) for t in TAUS],
            "delta": self.delta, "tau": self.tau,
        }

    def _slopes(self) -> str:
        return ", ".join(f"{self._labels()[k]} {w:.2f}" for k, (w, _) in self.fits.items())

    def alt_text(self) -> str:
        return (f"Scatter plot of {self.x.size} points near the line y = 2x + 1, {int(self.is_outlier.sum())} of them "
                f"outliers far above it on the right (crosses), with four fitted lines; slopes: {self._slopes()}.")

    def caption(self) -> str:
        return (f"Lines fitted to the outlier data; slopes {self._slopes()}. Move δ and τ to refit the Huber and "
                f"quantile lines.")


def robust_regression_explorer(delta: float = 1.0, tau: float = 0.5) -> RobustRegressionExplorer:
    """Explorer of robust regression: the outlier data, and lines fitted under MSE, MAE, Huber(δ) and pinball(τ).

    Args:
        delta: starting Huber threshold, one of :data:`DELTAS`.
        tau: starting quantile, one of :data:`TAUS`.

    >>> ex = robust_regression_explorer()
    >>> ex.delta_slider.value = 30.0  # larger than every residual: the Huber fit is the least-squares fit
    >>> abs(ex.fits["huber"][0] - ex.fits["mse"][0]) < 0.01
    True
    """
    return RobustRegressionExplorer(delta=delta, tau=tau)


# ----------------------------------------------------------------------------------------------- surrogates


def surrogate_losses(z: object, gamma: float = 2.0) -> dict[str, np.ndarray]:
    """The six curves of :func:`lossfns.plots_zoo.plot_surrogates` at the margins ``z`` (target +1), by name.

    The logistic and focal losses are divided by ln 2, as in the figure, so every curve passes through (0, 1).

    >>> {k: round(float(v[0]), 4) for k, v in surrogate_losses([0.0]).items()}
    {'0-1': 1.0, 'hinge': 1.0, 'squared hinge': 1.0, 'logistic / ln 2': 1.0, 'exponential': 1.0, 'focal / ln 2': 0.25}
    """
    zs = np.atleast_1d(np.asarray(z, dtype=float))
    ones = np.ones_like(zs)
    two_class = np.stack([zs, np.zeros_like(zs)], axis=1)  # true class 0 scores z, the other class 0
    return {
        "0-1": zero_one_loss(zs, ones, reduction="none"),
        "hinge": hinge_loss(zs, ones, reduction="none"),
        "squared hinge": squared_hinge_loss(two_class, np.zeros(zs.size, dtype=int), reduction="none"),
        "logistic / ln 2": soft_margin_loss(zs, ones, reduction="none") / _LN2,
        "exponential": exponential_loss(zs, ones, reduction="none"),
        "focal / ln 2": focal_loss(zs, ones, gamma=gamma, reduction="none") / _LN2,
    }


class SurrogatesExplorer(_Explorer):
    """The 0-1 loss and its surrogates against the margin, with a focal γ, a margin marker, and label smoothing ε.
    See :func:`surrogates_explorer`."""

    kind = "surrogates"

    def __init__(self, margin: float = 0.5, gamma: float = 2.0, eps: float = 0.1, image: int = 0) -> None:
        super().__init__(ncols=2)
        self.figure.set_size_inches(10.0, 3.8)
        w = _widgets()
        self.image = _check_index(image, len(example.IMAGES), "image", "a row of example.SCORES")
        margin = _in_range(float(margin), Z_RANGE, "margin")
        gamma = _in_range(float(gamma), GAMMA_RANGE, "gamma")
        eps = _in_range(float(eps), EPS_RANGE, "eps")
        self.margin_slider = _float_slider(w, "margin z = t s", margin, Z_RANGE)
        self.gamma_slider = _float_slider(w, "focal γ", gamma, GAMMA_RANGE, ".1f")
        self.eps_slider = _float_slider(w, "label smoothing ε", eps, EPS_RANGE)
        self.sliders = [self.margin_slider, self.gamma_slider, self.eps_slider]
        ax, ax_eps = self.axes
        plot_surrogates(z_range=(Z_RANGE.min, Z_RANGE.max), gamma=gamma, ax=ax)
        self._curves = ax.lines[:6]
        self._z = np.asarray(self._curves[0].get_xdata(), dtype=float)
        markers = ("o", "s", "D", "^", "v", "P")
        self._markers = [ax.plot([], [], marker=m, ls="none", ms=7, color=c.get_color(), mec=PALETTE["black"])[0]
                         for m, c in zip(markers, self._curves)]
        self._eps_grid = np.linspace(EPS_RANGE.min, EPS_RANGE.max, 101)
        curve = [float(label_smoothed_cross_entropy(self.scores, self.label, eps=e)) for e in self._eps_grid]
        ax_eps.plot(self._eps_grid, curve, color=PALETTE["blue"], lw=2, label="label-smoothed cross-entropy")
        (self._eps_marker,) = ax_eps.plot([], [], "o", ms=8, color=PALETTE["vermillion"], label="current ε")
        ax_eps.set_xlabel("label smoothing ε")
        ax_eps.set_ylabel("loss (nats)")
        ax_eps.set_title(f"The {example.IMAGES[self.image]}: cross-entropy vs ε")
        ax_eps.legend(fontsize=8, loc="lower right")
        self._observe(self.sliders)
        self.widget = w.VBox([*self.sliders, self.readout, self.image_widget])
        self._freeze_layout({})
        self.redraw()

    @property
    def margin(self) -> float:
        return float(self.margin_slider.value)

    @property
    def gamma(self) -> float:
        return float(self.gamma_slider.value)

    @property
    def eps(self) -> float:
        return float(self.eps_slider.value)

    @property
    def scores(self) -> np.ndarray:
        return np.asarray(example.SCORES[self.image], dtype=float)

    @property
    def label(self) -> int:
        return int(example.LABELS[self.image])

    @property
    def values(self) -> dict[str, float]:
        """The six surrogate values at the current margin, as drawn (logistic and focal divided by ln 2)."""
        return {k: float(v[0]) for k, v in surrogate_losses(self.margin, self.gamma).items()}

    @property
    def smoothed_loss(self) -> float:
        """The label-smoothed cross-entropy of the example at the current ε."""
        return float(label_smoothed_cross_entropy(self.scores, self.label, eps=self.eps))

    @property
    def loss(self) -> float:
        return self.values["hinge"]

    def _refresh(self) -> None:
        focal = self._curves[5]
        focal.set_ydata(surrogate_losses(self._z, self.gamma)["focal / ln 2"])
        focal.set_label(f"focal (gamma={self.gamma:g}) / ln 2")
        self.axes[0].legend(fontsize=8, loc="upper right")
        for marker, v in zip(self._markers, self.values.values()):
            marker.set_data([self.margin], [v])
        self._eps_marker.set_data([self.eps], [self.smoothed_loss])
        at = ", ".join(f"{k} {v:.4f}" for k, v in self.values.items())
        self.readout.value = (f"at z = {self.margin:.2f}: {at}; label-smoothed CE of the "
                              f"{example.IMAGES[self.image]} at ε = {self.eps:.2f}: {self.smoothed_loss:.4f}")

    def summary_lines(self) -> list[str]:
        lines = [f"Surrogates explorer: margin z = {self.margin:.2f}, focal gamma = {self.gamma:.2f}, "
                 f"label smoothing eps = {self.eps:.2f}"]
        lines += [f"{k} = {v:.4f}" for k, v in self.values.items()]
        lines.append(f"label-smoothed cross-entropy ({example.IMAGES[self.image]}) = {self.smoothed_loss:.4f}")
        return lines

    def state(self) -> dict[str, Any]:
        return {
            "margin": _r(self.margin), "margin_range": Z_RANGE.as_dict(),
            "gamma": _r(self.gamma), "gamma_range": GAMMA_RANGE.as_dict(),
            "eps": _r(self.eps), "eps_range": EPS_RANGE.as_dict(),
            "image": example.IMAGES[self.image], "scores": [float(v) for v in self.scores], "label": self.label,
            "classes": list(example.CLASSES),
        }

    def alt_text(self) -> str:
        at = ", ".join(f"{k} {v:.2f}" for k, v in self.values.items())
        return (f"Left: six losses against the margin z from {Z_RANGE.min:g} to {Z_RANGE.max:g} (a step for 0-1, "
                f"convex curves for the others), markers at z = {self.margin:.2f}: {at}. Right: the label-smoothed "
                f"cross-entropy of the {example.IMAGES[self.image]} rising with ε, "
                f"{self.smoothed_loss:.2f} at ε = {self.eps:.2f}.")

    def caption(self) -> str:
        return (f"The surrogates at margin z = {self.margin:.2f} (focal γ = {self.gamma:g}) and the label-smoothed "
                f"cross-entropy of the {example.IMAGES[self.image]} at ε = {self.eps:.2f}: {self.smoothed_loss:.2f}.")


def surrogates_explorer(
    margin: float = 0.5, gamma: float = 2.0, eps: float = 0.1, image: int = 0
) -> SurrogatesExplorer:
    """Explorer of the classification surrogates: a margin marker on all six curves, focal γ, label smoothing ε.

    Args:
        margin: starting margin z, in :data:`Z_RANGE`.
        gamma: starting focal γ, in :data:`GAMMA_RANGE`.
        eps: starting label-smoothing ε, in :data:`EPS_RANGE`.
        image: the row of :data:`lossfns.example.SCORES` whose label-smoothed cross-entropy is shown (0: cat).

    >>> ex = surrogates_explorer()
    >>> ex.margin_slider.value = 1.0
    >>> ex.values["hinge"], ex.values["squared hinge"]
    (0.0, 0.0)
    """
    return SurrogatesExplorer(margin=margin, gamma=gamma, eps=eps, image=image)


# ----------------------------------------------------------------------------------------------- KL


class KlExplorer(_Explorer):
    """KL(p || q) and KL(q || p) as the model q of :func:`lossfns.plots_zoo.kl_pair` moves. See :func:`kl_explorer`."""

    kind = "kl"

    def __init__(self, shift: float = 0.0) -> None:
        super().__init__(ncols=2)
        self.figure.set_size_inches(10.0, 3.8)
        w = _widgets()
        shift = _in_range(float(shift), SHIFT_RANGE, "shift")
        self.shift_slider = _float_slider(w, "centre of q", shift, SHIFT_RANGE, ".1f")
        ax, ax_curve = self.axes
        plot_kl_asymmetry(shift, ax=ax)
        self._q_bars = ax.containers[1]
        plot_kl_shift(np.linspace(SHIFT_RANGE.min, SHIFT_RANGE.max, 141), ax=ax_curve)
        (self._mark_forward,) = ax_curve.plot([], [], "o", ms=8, color=ax_curve.lines[0].get_color(),
                                              label="KL(p || q) now")
        (self._mark_reverse,) = ax_curve.plot([], [], "s", ms=8, color=ax_curve.lines[1].get_color(),
                                              label="KL(q || p) now")
        ax_curve.legend(fontsize=8)
        ax.set_ylim(0, 0.3)
        self._observe([self.shift_slider])
        self.widget = w.VBox([self.shift_slider, self.readout, self.image_widget])
        self._freeze_layout({})
        self.redraw()

    @property
    def shift(self) -> float:
        return float(self.shift_slider.value)

    @property
    def distributions(self) -> tuple[np.ndarray, np.ndarray]:
        """``(p, q)`` at the current shift."""
        _, p, q = kl_pair(self.shift)
        return p, q

    @property
    def losses(self) -> dict[str, float]:
        """``{"kl_p_q": KL(p || q), "kl_q_p": KL(q || p)}``; ``kl_divergence(q, p)`` is KL(p || q)."""
        p, q = self.distributions
        return {"kl_p_q": float(kl_divergence(q, p)), "kl_q_p": float(kl_divergence(p, q))}

    @property
    def loss(self) -> float:
        return self.losses["kl_p_q"]

    def _refresh(self) -> None:
        _, q = self.distributions
        for bar, h in zip(self._q_bars.patches, q):
            bar.set_height(h)
        kl = self.losses
        self.axes[0].set_title(f"KL(p || q) = {kl['kl_p_q']:.3f}   KL(q || p) = {kl['kl_q_p']:.3f}")
        self._mark_forward.set_data([self.shift], [kl["kl_p_q"]])
        self._mark_reverse.set_data([self.shift], [kl["kl_q_p"]])
        self.readout.value = f"KL(p ‖ q) = {kl['kl_p_q']:.4f}, KL(q ‖ p) = {kl['kl_q_p']:.4f}"

    def summary_lines(self) -> list[str]:
        kl = self.losses
        return [f"KL explorer: centre of q = {self.shift:.2f}", f"KL(p || q) = {kl['kl_p_q']:.4f}",
                f"KL(q || p) = {kl['kl_q_p']:.4f}"]

    def state(self) -> dict[str, Any]:
        return {"shift": _r(self.shift), "shift_range": SHIFT_RANGE.as_dict(), "bins": len(self._q_bars.patches)}

    def alt_text(self) -> str:
        kl = self.losses
        return (f"Left: bars of a two-bump target p and a one-bump model q centred at {self.shift:.1f}; "
                f"KL(p || q) = {kl['kl_p_q']:.2f}, KL(q || p) = {kl['kl_q_p']:.2f}. Right: both divergences as the "
                f"centre of q moves from {SHIFT_RANGE.min:g} to {SHIFT_RANGE.max:g}, markers at the current centre.")

    def caption(self) -> str:
        kl = self.losses
        return (f"With q centred at {self.shift:.1f}: KL(p || q) = {kl['kl_p_q']:.2f} and KL(q || p) = "
                f"{kl['kl_q_p']:.2f}. Move q to see the two directions prefer different fits.")


def kl_explorer(shift: float = 0.0) -> KlExplorer:
    """Explorer of KL's asymmetry: a slider moves the model q; bars of p and q and both divergences.

    Args:
        shift: starting centre of q, in :data:`SHIFT_RANGE`.

    >>> ex = kl_explorer()
    >>> ex.shift_slider.value = 2.0  # q on one of p's two modes
    >>> ex.losses["kl_q_p"] < ex.losses["kl_p_q"]
    True
    """
    return KlExplorer(shift=shift)
