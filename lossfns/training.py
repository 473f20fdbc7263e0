r"""Training a linear classifier on a 2-D toy data set by full-batch gradient descent.

This is the engine behind chapter 6 and its playground (the CS231n "linear classification loss visualization"
demo). Every loss and every score gradient comes from ``lossfns``' score-level functions; this module only adds
the chain rule from the scores :math:`S = XW + b` to the parameters,

.. math::
    \frac{\partial L}{\partial W} = X^\top \frac{\partial L}{\partial S} + 2 \lambda W, \qquad
    \frac{\partial L}{\partial b} = \mathbf{1}^\top \frac{\partial L}{\partial S},

for the objective :math:`L = \frac{1}{N} \sum_i L_i + \lambda \sum_{k,j} W_{kj}^2` (the bias is not
regularized, as in CS231n).

>>> X, y = make_toy_data()
>>> trainer = Trainer(X, y, loss="softmax", reg=0.01, learning_rate=0.1)
>>> trainer.accuracy()  # the seeded start gets every point wrong
0.0
>>> trainer.step(200)
>>> trainer.iteration, trainer.accuracy() >= 0.95
(200, True)
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._softmax import softmax_cross_entropy, softmax_cross_entropy_grad
from ._svm import (
    crammer_singer_loss,
    crammer_singer_loss_grad,
    one_vs_all_hinge_loss,
    one_vs_all_hinge_loss_grad,
    svm_loss,
    svm_loss_grad,
)
from ._validation import as_float_array, check_labels, check_setting, short_repr

__all__ = [
    "LOSSES",
    "Trainer",
    "check_learning_rate",
    "check_loss_name",
    "check_reg",
    "init_params",
    "l1_penalty",
    "l2_penalty",
    "make_toy_data",
    "objective",
    "objective_and_grads",
    "train",
]

#: The losses the trainer knows, by short name, with the name the book uses for each.
LOSSES: dict[str, str] = {
    "svm": "multiclass SVM (Weston-Watkins)",
    "ova": "one-vs-all hinge",
    "cs": "multiclass SVM (Crammer-Singer)",
    "softmax": "softmax cross-entropy",
}

# (loss(scores, labels) -> mean loss, grad(scores, labels) -> d mean loss / d scores), all from lossfns.
_LOSS_FUNCTIONS: dict[str, tuple[Callable[..., object], Callable[..., np.ndarray]]] = {
    "svm": (svm_loss, svm_loss_grad),
    "ova": (one_vs_all_hinge_loss, one_vs_all_hinge_loss_grad),
    "cs": (crammer_singer_loss, crammer_singer_loss_grad),
    "softmax": (softmax_cross_entropy, softmax_cross_entropy_grad),
}


def check_loss_name(loss: object) -> str:
    """Return ``loss`` if it is one of :data:`LOSSES`' keys; raise ``ValueError`` naming the choices otherwise."""
    if not isinstance(loss, str) or loss not in LOSSES:
        choices = ", ".join(f"{k!r} ({v})" for k, v in LOSSES.items())
        raise ValueError(f"loss must be one of {choices}; got {short_repr(loss)}")
    return loss


def check_reg(reg: object) -> float:
    r"""Validate the regularization strength :math:`\lambda`: a finite number >= 0."""
    return check_setting(reg, "reg", low=0.0, hint="use 0 for no regularization, e.g. reg=0.01")


def check_learning_rate(learning_rate: object) -> float:
    """Validate a gradient-descent step size: a finite number > 0."""
    return check_setting(
        learning_rate, "learning_rate", low=0.0, low_open=True, hint="gradient descent needs a positive step, e.g. 0.1"
    )


def _check_count(value: object, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer, got {short_repr(value)}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def make_toy_data(
    n_per_class: int = 20, *, seed: int = 0, radius: float = 2.0, spread: float = 0.75
) -> tuple[np.ndarray, np.ndarray]:
    """A 2-D data set of three classes: Gaussian blobs around three points on a circle.

    Class ``k``'s centre is at angle :math:`90° + 120° k` on a circle of ``radius`` around the origin; its points
    are the centre plus normal noise of standard deviation ``spread``, drawn with ``numpy.random.default_rng(seed)``
    so the same arguments always give the same data.

    Args:
        n_per_class: points per class.
        seed: seed of the random generator.
        radius: distance of each class centre from the origin.
        spread: standard deviation of the points around their centre.

    Returns:
        ``(X, y)``: features of shape (3 * n_per_class, 2) and integer labels in {0, 1, 2} of shape (3 * n_per_class,).

    >>> X, y = make_toy_data(n_per_class=4)
    >>> X.shape, np.bincount(y).tolist()
    ((12, 2), [4, 4, 4])
    """
    n_per_class = _check_count(n_per_class, "n_per_class", 1)
    radius = check_setting(radius, "radius", low=0.0, hint="the class centres sit on a circle of this radius")
    spread = check_setting(spread, "spread", low=0.0, hint="the standard deviation of the noise, e.g. 0.75")
    rng = np.random.default_rng(seed)
    angles = np.deg2rad(90.0 + 120.0 * np.arange(3))
    centres = radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    y = np.repeat(np.arange(3), n_per_class)
    X = centres[y] + spread * rng.standard_normal((y.size, 2))
    return X, y


def init_params(
    num_features: int = 2, num_classes: int = 3, *, seed: int = 0, scale: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    """Random starting weights ``W`` of shape (D, C), normal with standard deviation ``scale``, and a zero bias.

    >>> W, b = init_params()
    >>> W.shape, b.tolist()
    ((2, 3), [0.0, 0.0, 0.0])
    """
    num_features = _check_count(num_features, "num_features", 1)
    num_classes = _check_count(num_classes, "num_classes", 2)
    scale = check_setting(scale, "scale", low=0.0, hint="the standard deviation of the initial weights")
    rng = np.random.default_rng(seed)
    return scale * rng.standard_normal((num_features, num_classes)), np.zeros(num_classes)


def l2_penalty(W: object) -> float:
    r"""The L2 regularization :math:`R(W) = \sum_{k,j} W_{kj}^2` (squared Frobenius norm).

    >>> l2_penalty([1.0, 0.0, 0.0, 0.0]), l2_penalty([0.25, 0.25, 0.25, 0.25])  # CS231n notes' w1 and w2
    (1.0, 0.25)
    """
    W = as_float_array(W, "W")
    return float(np.sum(W * W))


def l1_penalty(W: object) -> float:
    r"""The L1 regularization :math:`R(W) = \sum_{k,j} |W_{kj}|`.

    >>> l1_penalty([1.0, 0.0, 0.0, 0.0]), l1_penalty([0.25, 0.25, 0.25, 0.25])  # a tie: L1 does not prefer w2
    (1.0, 1.0)
    """
    W = as_float_array(W, "W")
    return float(np.sum(np.abs(W)))


def _check_problem(W: object, b: object, X: object, y: object) -> tuple[np.ndarray, ...]:
    W = as_float_array(W, "W")
    b = as_float_array(b, "b")
    X = as_float_array(X, "X")
    if X.ndim != 2:
        raise ValueError(f"X must have shape (N, D), one row per example, got shape {X.shape}")
    if W.ndim != 2 or W.shape[0] != X.shape[1]:
        raise ValueError(f"W must have shape (D, C) = ({X.shape[1]}, C) to match X of shape {X.shape}, got {W.shape}")
    if b.shape != (W.shape[1],):
        raise ValueError(f"b must have shape (C,) = ({W.shape[1]},) to match W of shape {W.shape}, got {b.shape}")
    y = check_labels(y, X.shape[0], W.shape[1], was_1d=False, name="y")
    return W, b, X, y


def objective(
    W: object, b: object, X: object, y: object, *, loss: str = "svm", reg: float = 0.0
) -> tuple[float, float]:
    r"""The two parts of the training objective: the mean data loss and the L2 penalty.

    .. math:: L = \underbrace{\frac{1}{N} \sum_i L_i(x_i W + b, y_i)}_{\text{data}}
              + \underbrace{\lambda \sum_{k,j} W_{kj}^2}_{\text{regularization}}

    Args:
        W: weights of shape (D, C).
        b: biases of shape (C,).
        X: features of shape (N, D).
        y: integer labels of shape (N,).
        loss: "svm", "ova", "cs" or "softmax" (see :data:`LOSSES`).
        reg: the regularization strength :math:`\lambda \ge 0`.

    Returns:
        ``(data_loss, reg_loss)`` as floats; the objective is their sum.

    >>> from lossfns.example import LABELS
    >>> X = np.eye(3); b = np.zeros(3)
    >>> W = np.array([[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]])  # X = I: the scores are W
    >>> data, penalty = objective(W, b, X, LABELS, loss="svm", reg=0.0)
    >>> round(data, 4), penalty  # the running example's mean SVM loss
    (5.2667, 0.0)
    """
    loss = check_loss_name(loss)
    reg = check_reg(reg)
    W, b, X, y = _check_problem(W, b, X, y)
    loss_fn, _ = _LOSS_FUNCTIONS[loss]
    return float(loss_fn(X @ W + b, y)), reg * l2_penalty(W)


def objective_and_grads(
    W: object, b: object, X: object, y: object, *, loss: str = "svm", reg: float = 0.0
) -> tuple[float, float, np.ndarray, np.ndarray]:
    r"""The objective's two parts and its gradients with respect to ``W`` and ``b``, by the chain rule.

    The score gradient :math:`dS = \partial L / \partial S` comes from the loss's ``*_grad`` function in
    ``lossfns``; then :math:`dW = X^\top dS + 2\lambda W` and :math:`db = \sum_i dS_i`.

    Returns:
        ``(data_loss, reg_loss, dW, db)``.

    >>> X, y = make_toy_data(n_per_class=3)
    >>> W, b = init_params()
    >>> data, penalty, dW, db = objective_and_grads(W, b, X, y, loss="softmax", reg=0.1)
    >>> dW.shape, db.shape
    ((2, 3), (3,))
    >>> round(float(db.sum()), 10)  # each row of p - onehot(y) sums to 0
    0.0
    """
    loss = check_loss_name(loss)
    reg = check_reg(reg)
    W, b, X, y = _check_problem(W, b, X, y)
    loss_fn, grad_fn = _LOSS_FUNCTIONS[loss]
    scores = X @ W + b
    dS = grad_fn(scores, y)
    dW = X.T @ dS + 2.0 * reg * W
    db = dS.sum(axis=0)
    return float(loss_fn(scores, y)), reg * l2_penalty(W), dW, db


class Trainer:
    r"""A linear classifier with bias, :math:`s = xW + b`, trained by full-batch gradient descent.

    The settings ``loss``, ``reg`` and ``learning_rate`` can be changed between steps (the playground's
    dropdown and sliders do that); each step uses the current ones. The history holds the data and
    regularization parts of the objective at iteration 0 (the starting weights) and after every step.

    Args:
        X: features of shape (N, D).
        y: integer labels of shape (N,), in [0, num_classes).
        loss: "svm", "ova", "cs" or "softmax".
        reg: the regularization strength :math:`\lambda \ge 0`.
        learning_rate: the step size, > 0.
        num_classes: number of classes (default: ``max(y) + 1``).
        seed: seed of the initial weights (see :func:`init_params`); the default 1 starts with every training
            point of :func:`make_toy_data` misclassified, so training has something to do.

    Attributes:
        W: current weights, shape (D, C).
        b: current biases, shape (C,).
        iteration: gradient steps taken since the last reset.
        data_loss_history: mean data loss at iterations 0, 1, ..., ``iteration``.
        reg_loss_history: :math:`\lambda \sum W^2` at the same iterations.
    """

    def __init__(
        self,
        X: object,
        y: object,
        *,
        loss: str = "svm",
        reg: float = 0.01,
        learning_rate: float = 0.1,
        num_classes: int | None = None,
        seed: int = 1,
    ) -> None:
        X = as_float_array(X, "X")
        if X.ndim != 2:
            raise ValueError(f"X must have shape (N, D), one row per example, got shape {X.shape}")
        y_arr = np.asarray(y)
        if num_classes is None:
            num_classes = int(np.max(y_arr)) + 1 if y_arr.size else 0
        num_classes = _check_count(num_classes, "num_classes", 2)
        self.X = X
        self.y = check_labels(y_arr, X.shape[0], num_classes, was_1d=False, name="y")
        self.num_classes = num_classes
        self.seed = seed
        self.loss = loss
        self.reg = reg
        self.learning_rate = learning_rate
        self.reset()

    # Settings, validated on every assignment.
    @property
    def loss(self) -> str:
        """The loss's short name (a key of :data:`LOSSES`)."""
        return self._loss

    @loss.setter
    def loss(self, value: object) -> None:
        self._loss = check_loss_name(value)

    @property
    def reg(self) -> float:
        r"""The regularization strength :math:`\lambda`."""
        return self._reg

    @reg.setter
    def reg(self, value: object) -> None:
        self._reg = check_reg(value)

    @property
    def learning_rate(self) -> float:
        """The gradient-descent step size."""
        return self._learning_rate

    @learning_rate.setter
    def learning_rate(self, value: object) -> None:
        self._learning_rate = check_learning_rate(value)

    def reset(self) -> None:
        """Back to the seeded starting weights, iteration 0 and a one-entry history."""
        self.W, self.b = init_params(self.X.shape[1], self.num_classes, seed=self.seed)
        self.iteration = 0
        data, penalty = self.objective()
        self.data_loss_history = [data]
        self.reg_loss_history = [penalty]

    def objective(self) -> tuple[float, float]:
        """``(data_loss, reg_loss)`` at the current weights with the current settings."""
        return objective(self.W, self.b, self.X, self.y, loss=self.loss, reg=self.reg)

    def step(self, n: int = 1) -> None:
        """Take ``n`` gradient-descent steps, recording the objective's two parts after each."""
        n = _check_count(n, "n", 0)
        for _ in range(n):
            _, _, dW, db = objective_and_grads(self.W, self.b, self.X, self.y, loss=self.loss, reg=self.reg)
            self.W = self.W - self.learning_rate * dW
            self.b = self.b - self.learning_rate * db
            self.iteration += 1
            data, penalty = self.objective()
            self.data_loss_history.append(data)
            self.reg_loss_history.append(penalty)

    def scores(self, X: object | None = None) -> np.ndarray:
        """Class scores ``X @ W + b`` (of the training data by default)."""
        X = self.X if X is None else as_float_array(X, "X")
        return X @ self.W + self.b

    def predict(self, X: object | None = None) -> np.ndarray:
        """The winning class of each row (of the training data by default)."""
        return np.argmax(self.scores(X), axis=1)

    def accuracy(self) -> float:
        """Fraction of training points whose winning class is the true one."""
        return float(np.mean(self.predict() == self.y))

    @property
    def total_loss(self) -> float:
        """The objective (data + regularization) recorded at the current iteration."""
        return self.data_loss_history[-1] + self.reg_loss_history[-1]


def train(
    X: object,
    y: object,
    *,
    loss: str = "svm",
    reg: float = 0.01,
    learning_rate: float = 0.1,
    steps: int = 200,
    seed: int = 1,
) -> Trainer:
    """Train a :class:`Trainer` for ``steps`` full-batch gradient steps and return it.

    >>> X, y = make_toy_data()
    >>> t = train(X, y, loss="svm", steps=200)
    >>> len(t.data_loss_history), t.accuracy() >= 0.95
    (201, True)
    """
    steps = _check_count(steps, "steps", 0)
    trainer = Trainer(X, y, loss=loss, reg=reg, learning_rate=learning_rate, seed=seed)
    trainer.step(steps)
    return trainer
