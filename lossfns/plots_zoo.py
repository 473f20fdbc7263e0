"""Figures of Part II, the loss zoo: pure functions ``plot_*(..., ax=None)`` that return the Axes (or Figure).

Colours come from :data:`lossfns.plots.PALETTE` (Okabe-Ito), and colour is never the only cue: curves differ in
line style, mask cells carry a letter, bars carry their value. Every number drawn is computed by the loss functions
of :mod:`lossfns`; nothing here re-implements a loss.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Patch

from ._classification import focal_loss
from ._divergence import kl_divergence
from ._margin import exponential_loss, hinge_loss, soft_margin_loss, zero_one_loss
from ._ranking import triplet_margin_loss, triplet_margin_loss_grad
from ._segmentation import dice_loss, jaccard_loss, overlap_counts, tversky_loss
from ._sequence import CTCLattice
from ._svm import squared_hinge_loss
from .plots import FIGSIZE, PALETTE
from .registry import LOSSES, by_family, loss_slice

__all__ = [
    "kl_pair",
    "plot_ctc_lattice",
    "plot_family_slices",
    "plot_focal",
    "plot_kl_asymmetry",
    "plot_kl_shift",
    "plot_loss_slice",
    "plot_mask_pair",
    "plot_overlap_losses",
    "plot_quantile_losses",
    "plot_regression_fits",
    "plot_regression_losses",
    "plot_surrogates",
    "plot_triplet",
]

#: Colours and line styles cycled over curves: a curve is told apart by either.
_COLORS = (
    PALETTE["blue"], PALETTE["vermillion"], PALETTE["bluish green"], PALETTE["orange"],
    PALETTE["reddish purple"], PALETTE["sky blue"], PALETTE["black"],
)  # fmt: skip
_STYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (1, 1)), (0, (3, 1, 1, 1, 1, 1)))


def _new_ax(ax: Axes | None) -> Axes:
    if ax is not None:
        return ax
    _, new = plt.subplots(figsize=FIGSIZE, layout="constrained")
    return new


def _style(k: int) -> dict[str, object]:
    return {"color": _COLORS[k % len(_COLORS)], "ls": _STYLES[k % len(_STYLES)], "lw": 2}


# ----------------------------------------------------------------------------------------------- regression


def plot_regression_fits(
    x: object,
    y: object,
    fits: Mapping[str, tuple[float, float]],
    *,
    is_outlier: object | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Data points and one fitted line ``y = w x + b`` per loss.

    Args:
        x: inputs, shape (N,).
        y: targets, shape (N,).
        fits: ``{label: (w, b)}``, e.g. from :func:`lossfns.registry.fit_line`.
        is_outlier: optional boolean mask; outliers are drawn as crosses.
        ax: Axes to draw into; a new figure if None.

    Returns:
        The Axes.

    >>> ax = plot_regression_fits([0, 1, 2], [1, 3, 5], {"MSE": (2.0, 1.0)})
    >>> ax.get_legend_handles_labels()[1]
    ['data', 'MSE: y = 2.00 x + 1.00']
    >>> plt.close("all")
    """
    ax = _new_ax(ax)
    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    out = np.zeros(xs.shape, dtype=bool) if is_outlier is None else np.asarray(is_outlier, dtype=bool)
    ax.plot(xs[~out], ys[~out], "o", color=PALETTE["black"], ms=4, label="data")
    if out.any():
        ax.plot(xs[out], ys[out], "x", color=PALETTE["black"], ms=8, mew=2, label="outliers")
    grid = np.linspace(xs.min(), xs.max(), 2)
    for k, (label, (w, b)) in enumerate(fits.items()):
        sign = "+" if b >= 0 else "-"
        ax.plot(grid, w * grid + b, **_style(k), label=f"{label}: y = {w:.2f} x {sign} {abs(b):.2f}")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.legend(fontsize=8, loc="upper left")
    ax.set_title("Straight-line fits under different losses")
    return ax


def plot_regression_losses(
    names: Sequence[str] = ("mse", "mae", "huber", "log_cosh"),
    *,
    r_range: tuple[float, float] = (-3.0, 3.0),
    settings: Mapping[str, Mapping[str, object]] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Elementwise regression losses as functions of the residual :math:`r = \\hat y - y`.

    Args:
        names: registry names of elementwise regression losses.
        r_range: the residuals shown.
        settings: optional ``{name: {setting: value}}``, e.g. ``{"huber": {"delta": 1.0}}``.
        ax: Axes to draw into; a new figure if None.

    Returns:
        The Axes.

    >>> ax = plot_regression_losses(("mse", "mae"))
    >>> len(ax.lines)
    2
    >>> plt.close("all")
    """
    ax = _new_ax(ax)
    r = np.linspace(r_range[0], r_range[1], 241)
    zeros = np.zeros_like(r)
    for k, name in enumerate(names):
        kw = dict((settings or {}).get(name, {}))
        values = LOSSES[name].loss(r, zeros, reduction="none", **kw)
        extra = ", ".join(f"{key}={val:g}" for key, val in kw.items())
        ax.plot(r, values, **_style(k), label=name + (f" ({extra})" if extra else ""))
    ax.set_ylim(-0.1, 4.5)
    ax.set_xlabel(r"residual $r = \hat y - y$")
    ax.set_ylabel("loss of one point")
    ax.legend(fontsize=9)
    ax.set_title("How much each loss charges for a residual")
    return ax


def plot_quantile_losses(taus: Sequence[float] = (0.1, 0.5, 0.9), *, ax: Axes | None = None) -> Axes:
    """The pinball loss for several quantiles :math:`\\tau`, against the residual :math:`\\hat y - y`.

    >>> ax = plot_quantile_losses((0.5,))
    >>> ax.get_legend_handles_labels()[1]
    ['tau = 0.5']
    >>> plt.close("all")
    """
    ax = _new_ax(ax)
    r = np.linspace(-3.0, 3.0, 121)
    for k, tau in enumerate(taus):
        ax.plot(r, LOSSES["quantile"].loss(r, np.zeros_like(r), tau=tau, reduction="none"), **_style(k),
                label=f"tau = {tau:g}")
    ax.set_xlabel(r"residual $\hat y - y$ (negative: prediction too low)")
    ax.set_ylabel("pinball loss")
    ax.legend(fontsize=9)
    ax.set_title("Quantile loss: under- and over-prediction cost differently")
    return ax


# ----------------------------------------------------------------------------------------------- classification


def plot_surrogates(
    *, z_range: tuple[float, float] = (-2.0, 2.5), gamma: float = 2.0, ax: Axes | None = None
) -> Axes:
    r"""The 0-1 loss and its surrogates as functions of the margin :math:`z = t s`.

    Every curve is computed by the package: hinge, squared hinge (the two-class Weston-Watkins form with scores
    :math:`(z, 0)`), logistic (:func:`~lossfns.soft_margin_loss` divided by :math:`\ln 2`, so it passes through
    (0, 1) as the others do), exponential and focal (:func:`~lossfns.focal_loss` of logit :math:`z`, target 1,
    also divided by :math:`\ln 2`).

    >>> ax = plot_surrogates()
    >>> len(ax.lines)  # six curves and the dotted line at z = 0
    7
    >>> plt.close("all")
    """
    ax = _new_ax(ax)
    z = np.linspace(z_range[0], z_range[1], 401)
    ones = np.ones_like(z)
    ln2 = np.log(2.0)
    two_class = np.stack([z, np.zeros_like(z)], axis=1)  # true class 0 scores z, the other class 0
    curves = {
        "0-1": zero_one_loss(z, ones, reduction="none"),
        "hinge": hinge_loss(z, ones, reduction="none"),
        "squared hinge": squared_hinge_loss(two_class, np.zeros(z.size, dtype=int), reduction="none"),
        "logistic / ln 2": soft_margin_loss(z, ones, reduction="none") / ln2,
        "exponential": exponential_loss(z, ones, reduction="none"),
        f"focal (gamma={gamma:g}) / ln 2": focal_loss(z, ones, gamma=gamma, reduction="none") / ln2,
    }
    for k, (label, values) in enumerate(curves.items()):
        style = _style(k)
        if label == "0-1":
            style = {"color": PALETTE["black"], "ls": "-", "lw": 3, "drawstyle": "steps-mid"}
        ax.plot(z, values, **style, label=label)
    ax.axvline(0.0, color=PALETTE["black"], lw=0.8, ls=":")
    ax.set_ylim(-0.1, 4.0)
    ax.set_xlim(*z_range)
    ax.set_xlabel(r"margin $z = t\,s$ (positive: right side, confidently)")
    ax.set_ylabel("loss")
    ax.legend(fontsize=8, loc="upper right")
    ax.set_title("Convex surrogates of the 0-1 loss")
    return ax


def plot_focal(gammas: Sequence[float] = (0.0, 0.5, 1.0, 2.0, 5.0), *, ax: Axes | None = None) -> Axes:
    r"""Focal loss against the probability of the true class :math:`p_t`, for several :math:`\gamma`.

    The figure of Lin et al. (2017), Fig. 1.

    >>> ax = plot_focal((0.0, 2.0))
    >>> ax.get_legend_handles_labels()[1]
    ['gamma = 0 (cross-entropy)', 'gamma = 2']
    >>> plt.close("all")
    """
    ax = _new_ax(ax)
    pt = np.linspace(0.01, 0.99, 197)
    logits = np.log(pt) - np.log1p(-pt)  # sigma(logit) = pt, target 1
    for k, g in enumerate(gammas):
        label = f"gamma = {g:g}" + (" (cross-entropy)" if g == 0 else "")
        ax.plot(pt, focal_loss(logits, np.ones_like(pt), gamma=g, reduction="none"), **_style(k), label=label)
    ax.set_xlabel(r"probability of the true class $p_t$")
    ax.set_ylabel("loss")
    ax.set_ylim(0, 4.7)
    ax.legend(fontsize=9)
    ax.set_title("Focal loss: well-classified examples are down-weighted")
    return ax


# ----------------------------------------------------------------------------------------------- ranking


def plot_triplet(
    triplet: object, *, margin: float = 1.0, step: float = 0.5, ax: Axes | None = None
) -> Axes:
    r"""A 2-D triplet: anchor, positive, negative, the circles :math:`d(a, p)` and :math:`d(a, p) + m`, and the
    gradient-descent step on each point (arrows of :math:`-\text{step} \cdot \nabla L`).

    The negative is inside the outer circle exactly when the triplet is violated (loss > 0).

    >>> ax = plot_triplet([[0.0, 0.0], [1.0, 0.0], [0.0, 1.5]])
    >>> ax.get_aspect()
    1.0
    >>> plt.close("all")
    """
    ax = _new_ax(ax)
    tri = np.asarray(triplet, dtype=float)
    if tri.shape != (3, 2):
        raise ValueError(f"triplet must have shape (3, 2): anchor, positive, negative in 2-D; got shape {tri.shape}")
    a, p, n = tri
    d_ap = float(np.linalg.norm(a - p))
    loss = float(triplet_margin_loss(tri, margin=margin))
    grad = triplet_margin_loss_grad(tri, margin=margin)
    ax.add_patch(Circle(tuple(a), d_ap, fill=False, ls="--", color=PALETTE["bluish green"], lw=1.5,
                        label=r"$d(a, p)$"))
    ax.add_patch(Circle(tuple(a), d_ap + margin, fill=False, ls=":", color=PALETTE["vermillion"], lw=1.5,
                        label=r"$d(a, p) + m$: negatives must be outside"))
    marks = (("anchor", "o", PALETTE["black"]), ("positive", "s", PALETTE["bluish green"]),
             ("negative", "^", PALETTE["vermillion"]))  # fmt: skip
    for point, g, (label, marker, color) in zip(tri, grad, marks):
        ax.plot(*point, marker=marker, ms=10, color=color, ls="none", label=label)
        if np.linalg.norm(g) > 0:
            ax.annotate("", xy=tuple(point - step * g), xytext=tuple(point),
                        arrowprops={"arrowstyle": "->", "color": color, "lw": 2})
    r = d_ap + margin
    ax.set_xlim(a[0] - r - 0.3, a[0] + r + 0.3)
    ax.set_ylim(a[1] - r - 0.3, a[1] + r + 0.3)
    ax.set_aspect("equal")
    ax.set_xlabel("embedding dimension 1")
    ax.set_ylabel("embedding dimension 2")
    ax.legend(fontsize=8, loc="lower left")
    ax.set_title(f"Triplet loss {loss:.2f} (margin {margin:g}); arrows: one gradient step")
    return ax


# ----------------------------------------------------------------------------------------------- divergences


def kl_pair(shift: float = 0.0, *, bins: int = 21) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A bimodal target ``p`` and a one-bump model ``q`` whose centre moves by ``shift``, on ``bins`` points.

    Both are normalised discretised Gaussians on [-5, 5] (p: two bumps at -2 and 2; q: one wide bump at
    ``shift``), the classic picture of why KL(p || q) and KL(q || p) prefer different fits.

    Returns:
        ``(grid, p, q)``.

    >>> grid, p, q = kl_pair()
    >>> round(float(p.sum()), 6), round(float(q.sum()), 6)
    (1.0, 1.0)
    """
    grid = np.linspace(-5.0, 5.0, bins)

    def bump(centre: float, width: float) -> np.ndarray:
        return np.exp(-0.5 * ((grid - centre) / width) ** 2)

    p = bump(-2.0, 0.8) + bump(2.0, 0.8)
    q = bump(shift, 1.2)
    return grid, p / p.sum(), q / q.sum()


def plot_kl_asymmetry(shift: float = 0.0, *, ax: Axes | None = None) -> Axes:
    """The two distributions of :func:`kl_pair` as bars, with both directions of the KL divergence in the title.

    >>> ax = plot_kl_asymmetry(0.0)
    >>> ax.get_title().startswith("KL(p || q) = ")
    True
    >>> plt.close("all")
    """
    ax = _new_ax(ax)
    grid, p, q = kl_pair(shift)
    w = (grid[1] - grid[0]) * 0.4
    ax.bar(grid - w / 2, p, width=w, color=PALETTE["blue"], label="target p (two bumps)")
    ax.bar(grid + w / 2, q, width=w, color=PALETTE["orange"], hatch="//", label="model q (one bump)")
    forward, reverse = float(kl_divergence(q, p)), float(kl_divergence(p, q))
    ax.set_xlabel("outcome")
    ax.set_ylabel("probability")
    ax.legend(fontsize=9)
    ax.set_title(f"KL(p || q) = {forward:.3f}   KL(q || p) = {reverse:.3f}")
    return ax


def plot_kl_shift(shifts: object | None = None, *, ax: Axes | None = None) -> Axes:
    """Both KL directions as the model's bump of :func:`kl_pair` moves from left to right.

    >>> ax = plot_kl_shift(np.linspace(-3, 3, 7))
    >>> len(ax.lines)
    2
    >>> plt.close("all")
    """
    ax = _new_ax(ax)
    s = np.linspace(-3.5, 3.5, 141) if shifts is None else np.asarray(shifts, dtype=float)
    pairs = [kl_pair(v)[1:] for v in s]
    forward = [float(kl_divergence(q, p)) for p, q in pairs]
    reverse = [float(kl_divergence(p, q)) for p, q in pairs]
    ax.plot(s, forward, **_style(0), label="KL(p || q): mass-covering")
    ax.plot(s, reverse, **_style(1), label="KL(q || p): mode-seeking")
    ax.set_xlabel("centre of the model's bump")
    ax.set_ylabel("divergence (nats)")
    ax.legend(fontsize=9)
    ax.set_title("The two directions of KL disagree on the best fit")
    return ax


# ----------------------------------------------------------------------------------------------- CTC


def plot_ctc_lattice(
    lattice: CTCLattice, *, symbols: Sequence[str] | None = None, ax: Axes | None = None
) -> Axes:
    r"""The CTC alignment lattice: one row per state of the extended target, one column per time step.

    Each node is labelled with its forward probability :math:`\alpha_t(s)`; its size and shade show the posterior
    probability that an alignment passes through it (``CTCLattice.state_occupancy``). Grey edges are the
    allowed moves (stay, advance one state, or skip a blank between different symbols) that lie on a complete path.

    Args:
        lattice: from :func:`lossfns.ctc_forward_backward`.
        symbols: names of the C symbols (index 0 usually the blank); default "0", "1", ...
        ax: Axes to draw into; a new figure if None.

    >>> import lossfns
    >>> lat = lossfns.ctc_forward_backward(np.log(np.full((3, 3), 1 / 3)), [1, 2])
    >>> ax = plot_ctc_lattice(lat, symbols=["-", "a", "b"])
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['-', 'a', '-', 'b', '-']
    >>> plt.close("all")
    """
    ax = _new_ax(ax)
    ext = lattice.extended
    t_steps, s_len = lattice.log_alpha.shape
    names = [str(k) for k in range(int(ext.max()) + 1)] if symbols is None else list(symbols)
    blank = int(ext[0])
    alive = np.isfinite(lattice.log_alpha) & np.isfinite(lattice.log_beta)
    occ = np.asarray(lattice.state_occupancy, dtype=float)
    for t in range(t_steps - 1):
        for s in range(s_len):
            if not alive[t, s]:
                continue
            for nxt in (s, s + 1, s + 2):
                if nxt >= s_len or not alive[t + 1, nxt]:
                    continue
                if nxt == s + 2 and (ext[nxt] == blank or ext[nxt] == ext[s]):
                    continue
                ax.plot([t, t + 1], [s, nxt], color="0.75", lw=1, zorder=1)
    tt, ss = np.nonzero(alive)
    ax.scatter(tt, ss, s=100 + 900 * occ[tt, ss], c=occ[tt, ss], cmap="Blues", vmin=0, vmax=1,
               edgecolors=PALETTE["black"], zorder=2)
    alpha = np.exp(np.asarray(lattice.log_alpha, dtype=float))
    for t, s in zip(tt, ss):
        ax.text(t + 0.12, s - 0.22, f"{alpha[t, s]:.3f}", ha="left", va="bottom", fontsize=8, zorder=3)
    ax.set_yticks(range(s_len), [names[k] for k in ext])
    ax.set_xticks(range(t_steps))
    ax.set_ylim(s_len - 0.4, -0.6)
    ax.set_xlabel("time step t")
    ax.set_ylabel("state of the extended target")
    p_total = np.exp(lattice.log_likelihood)
    ax.set_title(rf"CTC lattice: labels $\alpha_t(s)$; size and shade: posterior; $p$ = {p_total:.4f}")
    return ax


# ----------------------------------------------------------------------------------------------- segmentation


def plot_mask_pair(prediction: object, target: object, *, threshold: float = 0.5, ax: Axes | None = None) -> Axes:
    """A 2-D predicted mask against a target mask: each pixel marked TP, FP or FN (letter and colour).

    The prediction is thresholded at ``threshold`` for the drawing only.

    >>> ax = plot_mask_pair([[1.0, 0.0], [1.0, 1.0]], [[1.0, 1.0], [0.0, 1.0]])
    >>> sorted(t.get_text() for t in ax.texts)
    ['FN', 'FP', 'TP', 'TP']
    >>> plt.close("all")
    """
    ax = _new_ax(ax)
    p = np.asarray(prediction, dtype=float) >= threshold
    g = np.asarray(target, dtype=float) >= 0.5
    if p.ndim != 2 or p.shape != g.shape:
        raise ValueError(f"prediction and target must be 2-D masks of one shape, got {p.shape} and {g.shape}")
    kinds = {"TP": (p & g, PALETTE["bluish green"]), "FP": (p & ~g, PALETTE["orange"]),
             "FN": (~p & g, PALETTE["vermillion"])}  # fmt: skip
    rgb = np.ones(p.shape + (3,))
    for mask, color in kinds.values():
        rgb[mask] = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    ax.imshow(rgb, interpolation="nearest")
    for name, (mask, _) in kinds.items():
        for i, j in zip(*np.nonzero(mask)):
            ax.text(j, i, name, ha="center", va="center", fontsize=8)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.legend(handles=[Patch(color=c, label=k) for k, (_, c) in kinds.items()], fontsize=8,
              loc="upper left", bbox_to_anchor=(1.02, 1.0))
    ax.set_title("Prediction vs target (blank: true negative)")
    return ax


def plot_overlap_losses(prediction: object, target: object, *, ax: Axes | None = None) -> Axes:
    """Bars of the Dice, Jaccard and two Tversky losses of one mask pair (one example).

    >>> ax = plot_overlap_losses([[1.0, 0.0], [1.0, 1.0]], [[1.0, 1.0], [0.0, 1.0]])
    >>> [t.get_text() for t in ax.get_xticklabels()][:2]
    ['Dice', 'Jaccard (IoU)']
    >>> plt.close("all")
    """
    ax = _new_ax(ax)
    p = np.asarray(prediction, dtype=float)[None]
    g = np.asarray(target, dtype=float)[None]
    values = {
        "Dice": float(dice_loss(p, g)),
        "Jaccard (IoU)": float(jaccard_loss(p, g)),
        "Tversky\nalpha=0.3, beta=0.7": float(tversky_loss(p, g, alpha=0.3, beta=0.7)),
        "Tversky\nalpha=0.7, beta=0.3": float(tversky_loss(p, g, alpha=0.7, beta=0.3)),
    }
    tp, fp, fn = (float(c[0]) for c in overlap_counts(p, g))
    bars = ax.bar(range(len(values)), list(values.values()), color=_COLORS[: len(values)])
    for patch, v in zip(bars.patches, values.values()):
        ax.text(patch.get_x() + patch.get_width() / 2, v, f"{v:.3f}", ha="center", va="bottom", fontsize=9)
    ax.set_xticks(range(len(values)), list(values.keys()), fontsize=8)
    ax.set_ylabel("loss (1 - overlap score)")
    ax.set_ylim(0, 1)
    ax.set_title(f"One mask pair: TP = {tp:g}, FP = {fp:g}, FN = {fn:g}")
    return ax


# ----------------------------------------------------------------------------------------------- catalogue


def plot_loss_slice(name: str, *, ax: Axes | None = None) -> Axes:
    """The loss (solid) and its analytic derivative (dashed, right axis) along one coordinate of the example.

    See :func:`lossfns.registry.loss_slice`; the dot marks the example's own value.

    >>> ax = plot_loss_slice("huber")
    >>> ax.get_title()
    'huber'
    >>> plt.close("all")
    """
    ax = _new_ax(ax)
    v, loss, grad = loss_slice(name)
    centre = float(np.asarray(LOSSES[name].example()[0], dtype=float).flat[0])
    ax.plot(v, loss, color=PALETTE["blue"], lw=2, label="loss")
    k = int(np.argmin(np.abs(v - centre)))
    ax.plot([v[k]], [loss[k]], "o", color=PALETTE["blue"])
    if grad is not None:
        twin = ax.twinx()
        twin.plot(v, grad, color=PALETTE["vermillion"], ls="--", lw=1.5, label="gradient")
        twin.tick_params(labelsize=6, colors=PALETTE["vermillion"])
    ax.tick_params(labelsize=6)
    ax.set_title(name, fontsize=9)
    return ax


def plot_family_slices(family: str, *, ncols: int = 4) -> Figure:
    """Small multiples of :func:`plot_loss_slice` for every loss of one family.

    >>> fig = plot_family_slices("segmentation")
    >>> len(fig.axes) >= 3
    True
    >>> plt.close("all")
    """
    entries = by_family(family)
    nrows = -(-len(entries) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(2.6 * ncols, 2.0 * nrows), layout="constrained", squeeze=False)
    for ax, entry in zip(axes.flat, entries):
        plot_loss_slice(entry.name, ax=ax)
    for ax in axes.flat[len(entries) :]:
        ax.set_visible(False)
    fig.supxlabel("first entry of the example's prediction", fontsize=9)
    fig.supylabel("loss (solid, blue); gradient (dashed, vermillion)", fontsize=9)
    return fig
