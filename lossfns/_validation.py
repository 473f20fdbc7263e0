"""Input checks shared by every loss: each failure names the argument, shows the value and says how to fix it.

Checks run at the public function, before any maths (the scikit-learn habit), so a bad call raises a
``ValueError`` or ``TypeError`` instead of returning a wrong number or NaN.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

Reduction = Literal["none", "mean", "sum"]
REDUCTIONS: tuple[str, ...] = ("none", "mean", "sum")

__all__ = [
    "REDUCTIONS",
    "Reduction",
    "apply_reduction",
    "as_float_array",
    "as_float_pair",
    "check_finite",
    "check_in_range",
    "check_same_shape",
    "check_setting",
    "check_signs",
    "check_labels",
    "check_reduction",
    "check_scores",
    "reduction_weight",
    "short_repr",
]


def short_repr(value: object, limit: int = 60) -> str:
    """``repr`` of a value cut to ``limit`` characters, for error messages."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def as_float_array(value: object, name: str) -> np.ndarray:
    """Convert ``value`` to a float array: float32 stays float32, everything else becomes float64.

    Raises:
        TypeError: if ``value`` is not numeric (strings, objects, complex, booleans).
    """
    try:
        arr = np.asarray(value)
    except Exception as exc:  # pragma: no cover - numpy raises many types here
        raise TypeError(f"{name} must be an array of numbers, got {short_repr(value)} ({exc})") from exc
    if arr.dtype == np.bool_ or not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        raise TypeError(
            f"{name} must be an array of real numbers, got dtype {arr.dtype} from {short_repr(value)}; "
            f"pass floats, e.g. np.asarray({name}, dtype=float)"
        )
    if arr.dtype == np.float32:
        return arr
    return arr.astype(np.float64, copy=False)


def check_finite(arr: np.ndarray, name: str) -> None:
    """Raise ``ValueError`` if ``arr`` holds NaN or infinity."""
    # Fast path: a sum is finite only if every entry is (NaN and inf propagate), and summing is one read of the
    # array; only when it is not finite (or overflows) do we look for the entry, with an exact elementwise test.
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(np.sum(arr)):
            return
    if not np.all(np.isfinite(arr)):
        bad = arr[~np.isfinite(arr)].ravel()[0]
        raise ValueError(
            f"{name} must be finite, but it contains {float(bad)!r}; remove or replace the NaN/inf entries "
            "(a NaN usually comes from an earlier overflow)"
        )


def check_scores(scores: object, name: str = "scores") -> tuple[np.ndarray, bool]:
    """Validate class scores of shape (N, C) or (C,).

    Returns:
        ``(scores_2d, was_1d)``: a float array of shape (N, C) and whether the input was a single example.
    """
    arr = as_float_array(scores, name)
    if arr.ndim not in (1, 2):
        raise ValueError(
            f"{name} must have shape (N, C) for a batch or (C,) for one example, got shape {arr.shape}"
        )
    was_1d = arr.ndim == 1
    arr2 = arr[None, :] if was_1d else arr
    if arr2.shape[0] == 0:
        raise ValueError(f"{name} is an empty batch (shape {arr.shape}); pass at least one example")
    if arr2.shape[1] < 2:
        raise ValueError(
            f"{name} must have at least 2 classes (columns), got shape {arr.shape}; "
            "a classification loss compares the true class with the others"
        )
    check_finite(arr2, name)
    return arr2, was_1d


def check_labels(labels: object, n: int, num_classes: int, was_1d: bool, name: str = "labels") -> np.ndarray:
    """Validate integer class labels against ``n`` examples and ``num_classes`` classes.

    Returns:
        An ``intp`` array of shape (n,).
    """
    arr = np.asarray(labels)
    if arr.dtype == np.bool_ or not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        raise TypeError(
            f"{name} must be integer class indices, got dtype {arr.dtype} from {short_repr(labels)}"
        )
    if np.issubdtype(arr.dtype, np.floating):
        if not np.all(np.isfinite(arr)) or not np.all(arr == np.round(arr)):
            raise ValueError(
                f"{name} must be integer class indices, got non-integer values {short_repr(labels)}; "
                "for probability targets use the function's probability-target variant"
            )
    if was_1d:
        if arr.ndim != 0 and arr.shape != (1,):
            raise ValueError(
                f"{name} must be one integer when scores is a single example of shape (C,), "
                f"got shape {arr.shape}"
            )
        arr = arr.reshape(1)
    else:
        if arr.ndim != 1:
            raise ValueError(f"{name} must have shape (N,) = ({n},), got shape {arr.shape}")
        if arr.shape[0] != n:
            raise ValueError(
                f"{name} has {arr.shape[0]} entries but scores has {n} rows; pass one label per example"
            )
    out = arr.astype(np.intp)
    bad = (out < 0) | (out >= num_classes)
    if np.any(bad):
        raise ValueError(
            f"{name} must be in [0, {num_classes - 1}] for {num_classes} classes, "
            f"got {int(out[bad][0])}; labels index the columns of scores"
        )
    return out


def check_reduction(reduction: object) -> str:
    """Return ``reduction`` if it is "none", "mean" or "sum"; raise otherwise."""
    if not isinstance(reduction, str) or reduction not in REDUCTIONS:
        raise ValueError(f"reduction must be one of 'none', 'mean', 'sum', got {reduction!r}")
    return reduction


def apply_reduction(losses: np.ndarray, reduction: str, was_1d: bool = False) -> np.ndarray | float:
    """Reduce per-example losses of shape (N,): "none" keeps them (a scalar for one example), else mean/sum."""
    if reduction == "none":
        return losses[0] if was_1d else losses
    if reduction == "sum":
        return losses.sum(dtype=losses.dtype)
    return losses.mean(dtype=losses.dtype)


def reduction_weight(n: int, reduction: str) -> float:
    """Factor by which one example's gradient is scaled under ``reduction``: 1/N for "mean", 1 otherwise."""
    return 1.0 / n if reduction == "mean" else 1.0


# Generic helpers for the loss zoo (lossfns._regression, ._margin, ...): pairs of arrays, settings, value ranges.


def check_same_shape(a: np.ndarray, b: np.ndarray, names: tuple[str, str] = ("prediction", "target")) -> None:
    """Raise ``ValueError`` unless ``a`` and ``b`` have the same shape (no silent broadcasting)."""
    if a.shape != b.shape:
        raise ValueError(
            f"{names[0]} and {names[1]} must have the same shape, got {a.shape} and {b.shape}; "
            f"pass one {names[1]} value per {names[0]} value (losses here never broadcast)"
        )


def as_float_pair(
    prediction: object, target: object, names: tuple[str, str] = ("prediction", "target")
) -> tuple[np.ndarray, np.ndarray]:
    """Validate a prediction and a target of the same shape; the target takes the prediction's float dtype.

    Returns:
        ``(prediction, target)`` as finite float arrays of one shape (float32 stays float32).
    """
    p = as_float_array(prediction, names[0])
    t = as_float_array(target, names[1]).astype(p.dtype, copy=False)
    check_same_shape(p, t, names)
    if p.size == 0:
        raise ValueError(f"{names[0]} is empty (shape {p.shape}); pass at least one value")
    check_finite(p, names[0])
    check_finite(t, names[1])
    return p, t


def check_setting(
    value: object,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
    hint: str = "",
) -> float:
    """Validate a scalar setting (a margin, a temperature, a quantile...) against an interval; return a float.

    ``low``/``high`` are the bounds (None: unbounded), ``low_open``/``high_open`` exclude them; ``hint`` says
    what the setting means and is appended to the error message.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a number, got {short_repr(value)}")
    v = float(value)
    bad = not np.isfinite(v)
    if low is not None:
        bad = bad or (v <= low if low_open else v < low)
    if high is not None:
        bad = bad or (v >= high if high_open else v > high)
    if bad:
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        interval = f"{'(' if low is None or low_open else '['}{lo}, {hi}{')' if high is None or high_open else ']'}"
        raise ValueError(f"{name} must be a finite number in {interval}, got {value!r}" + (f"; {hint}" if hint else ""))
    return v


def check_in_range(arr: np.ndarray, name: str, low: float, high: float, hint: str = "") -> None:
    """Raise ``ValueError`` unless every entry of ``arr`` lies in the closed interval [low, high]."""
    bad = (arr < low) | (arr > high)
    if np.any(bad):
        raise ValueError(
            f"{name} must lie in [{low:g}, {high:g}], got {float(arr[bad].ravel()[0])!r}"
            + (f"; {hint}" if hint else "")
        )


def check_signs(arr: np.ndarray, name: str = "target") -> None:
    """Raise ``ValueError`` unless every entry of ``arr`` is -1 or +1 (the margin-loss label convention)."""
    bad = (arr != 1) & (arr != -1)
    if np.any(bad):
        raise ValueError(
            f"{name} must hold -1 or +1, got {float(arr[bad].ravel()[0])!r}; "
            f"map 0/1 labels with 2 * {name} - 1"
        )
