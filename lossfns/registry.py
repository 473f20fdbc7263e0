"""The loss zoo's registry: every loss of the package by name, with its formula, gradient and library equivalents.

``LOSSES[name]`` is a :class:`LossEntry`. Each entry's ``example()`` returns a small, valid, deterministic argument
tuple (prediction first), so ``entry.loss(*entry.example())`` and ``entry.grad(*entry.example())`` always run;
the tests check every gradient against central differences at that point. ``torch``, ``keras`` and ``optax``
name the closest built-in (or None), and ``conventions`` spells out every way it differs from ours: argument order,
input space (logits, probabilities, log-probabilities), defaults, constant factors and reductions.

Shared conventions of this package, not repeated in each entry: prediction first, target second, settings
keyword-only; ``reduction="mean"`` by default; Keras ``Loss`` objects take ``(y_true, y_pred)`` (target first) and
most average over the last axis before the batch reduction; optax losses are unreduced (``reduction="none"``).

>>> len(LOSSES) >= 30, len(FAMILIES)
(True, 7)
>>> entry = LOSSES["huber"]
>>> entry.family, entry.torch
('regression', 'torch.nn.HuberLoss')
>>> round(float(entry.loss(*entry.example())), 4)  # residuals 0.5 -0.2 2 -0.5 -0.3 1.3: 2.615 / 6
0.4358
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from . import _classification as cls
from . import _divergence as div
from . import _margin as mar
from . import _ranking as rnk
from . import _regression as reg
from . import _segmentation as seg
from . import _sequence as sq
from . import _softmax as smx
from . import _svm as svm
from . import display
from .example import LABELS, SCORES

__all__ = [
    "FAMILIES",
    "FAMILY_DESCRIPTIONS",
    "LOSSES",
    "LossEntry",
    "by_family",
    "catalogue_markdown",
    "choosing_table",
    "fit_line",
    "library_table",
    "loss_slice",
]

#: The families, in the order the book presents them.
FAMILIES: tuple[str, ...] = (
    "regression",
    "classification",
    "margin",
    "divergence",
    "ranking",
    "sequence",
    "segmentation",
)

#: One line per family, saying what its losses compare.
FAMILY_DESCRIPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "regression": "a real-valued prediction against a real-valued target",
        "classification": "class logits against labels or label probabilities (probabilistic losses)",
        "margin": "scores against labels through the margin: hinge-type surrogates of the 0-1 loss",
        "divergence": "a predicted distribution or its parameters against observed data (likelihoods, KL)",
        "ranking": "scores or embeddings against each other (pairs, triplets, batches of views)",
        "sequence": "per-time-step symbol log-probabilities against an unaligned label sequence",
        "segmentation": "a predicted mask against a target mask, by their overlap",
    }
)


@dataclass(frozen=True)
class LossEntry:
    """One loss of the zoo.

    Attributes:
        name: the registry key.
        loss: the loss function ``loss(prediction, target, *, settings..., reduction="mean")``.
        grad: its gradient with respect to the first argument (same signature and shape), or None (0-1 loss).
        family: one of :data:`FAMILIES`.
        formula: the per-example loss in LaTeX (no surrounding ``$``).
        reference: where the loss comes from (author, year, venue).
        example: a function returning a small valid argument tuple, prediction first; deterministic.
        torch: the closest PyTorch built-in, or None.
        keras: the closest Keras built-in, or None.
        optax: the closest optax built-in, or None.
        conventions: every difference between ours and those built-ins, one sentence each.
        settings: the keyword settings and their defaults.
        grad_wrt: what the gradient is taken with respect to (what the first argument holds).
        use_when: one line for the "choosing a loss" table.
    """

    name: str
    loss: Callable[..., object]
    grad: Callable[..., np.ndarray] | None
    family: str
    formula: str
    reference: str
    example: Callable[[], tuple]
    torch: str | None
    keras: str | None
    optax: str | None
    conventions: tuple[str, ...]
    settings: Mapping[str, object] = field(default_factory=dict)
    grad_wrt: str = "prediction"
    use_when: str = ""

    def __post_init__(self) -> None:
        if self.family not in FAMILIES:
            raise ValueError(f"family must be one of {FAMILIES}, got {self.family!r}")
        object.__setattr__(self, "settings", MappingProxyType(dict(self.settings)))


# ----------------------------------------------------------------------------------------------- examples
# Small fixed arrays, chosen away from every kink (no residual exactly at a threshold, no margin exactly met).


def _regression_example() -> tuple[np.ndarray, np.ndarray]:
    prediction = np.array([[0.5, -1.2, 3.0], [2.0, 0.1, -0.7]])
    target = np.array([[0.0, -1.0, 1.0], [2.5, 0.4, -2.0]])
    return prediction, target


def _mape_example() -> tuple[np.ndarray, np.ndarray]:
    return np.array([110.0, 45.0, 3.0, -1.5]), np.array([100.0, 50.0, 2.0, -2.0])


def _msle_example() -> tuple[np.ndarray, np.ndarray]:
    return np.array([0.5, 2.0, 9.0, 0.0]), np.array([1.0, 2.5, 7.0, 0.3])


def _binary_logits_example() -> tuple[np.ndarray, np.ndarray]:
    logits = np.array([[2.0, -1.0, 0.5], [-3.0, 0.2, 4.0]])
    targets = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])
    return logits, targets


def _margin_example() -> tuple[np.ndarray, np.ndarray]:
    return np.array([1.5, -0.3, 0.4, -2.0, 0.7]), np.array([1.0, 1.0, -1.0, -1.0, 1.0])


def _class_scores_example() -> tuple[np.ndarray, np.ndarray]:
    return np.array(SCORES), np.array(LABELS)  # the book's running example: cat, car, frog


def _class_probs_example() -> tuple[np.ndarray, np.ndarray]:
    return np.array(SCORES), np.array([[0.8, 0.1, 0.1], [0.1, 0.7, 0.2], [0.0, 0.3, 0.7]])


def _kl_example() -> tuple[np.ndarray, np.ndarray]:
    prediction = np.array([[0.2, 0.5, 0.3], [0.6, 0.3, 0.1]])
    target = np.array([[0.1, 0.6, 0.3], [0.5, 0.25, 0.25]])
    return prediction, target


def _poisson_example() -> tuple[np.ndarray, np.ndarray]:
    return np.array([0.0, 1.2, -0.5, 2.0]), np.array([1.0, 3.0, 0.0, 8.0])


def _gaussian_example() -> tuple[np.ndarray, np.ndarray]:
    return np.array([0.5, 1.0, -1.0, 2.2]), np.array([0.0, 2.0, -1.5, 2.0])


def _ranking_pairs_example() -> tuple[np.ndarray, np.ndarray]:
    return np.array([[2.0, 1.0], [0.5, 1.5], [0.2, -0.4]]), np.array([1.0, 1.0, -1.0])


def _embedding_pairs_example() -> tuple[np.ndarray, np.ndarray]:
    pairs = np.array([[[0.0, 0.0], [0.3, 0.4]], [[1.0, 0.0], [0.4, 0.3]], [[0.0, 1.0], [0.5, 1.2]]])
    return pairs, np.array([1.0, 0.0, 0.0])


def _cosine_pairs_example() -> tuple[np.ndarray, np.ndarray]:
    pairs = np.array([[[1.0, 0.0], [1.0, 1.0]], [[1.0, 0.2], [0.5, 1.0]], [[0.2, 1.0], [1.0, -0.3]]])
    return pairs, np.array([1.0, -1.0, -1.0])


def _triplet_example() -> tuple[np.ndarray]:
    # anchor, positive, negative; both triplets violate the margin 1, so the gradient is not zero.
    return (np.array([[[0.0, 0.0], [1.0, 0.0], [0.0, 1.5]], [[1.0, 1.0], [1.2, 0.8], [2.0, 1.2]]]),)


def _hinge_embedding_example() -> tuple[np.ndarray, np.ndarray]:
    return np.array([0.3, 0.6, 2.0, 0.1]), np.array([1.0, -1.0, -1.0, 1.0])


def _views_example() -> tuple[np.ndarray, np.ndarray]:
    queries = np.array([[1.0, 0.2, 0.0], [0.1, 1.0, 0.3], [0.0, 0.4, 1.0]])
    keys = np.array([[0.9, 0.0, 0.2], [0.3, 1.0, 0.0], [0.2, 0.1, 1.0]])
    return queries, keys


def _nt_xent_example() -> tuple[np.ndarray]:
    queries, keys = _views_example()
    return (np.concatenate([queries, keys]),)


def _ctc_example() -> tuple[np.ndarray, np.ndarray]:
    t, c = 6, 4
    logits = np.sin(np.arange(t * c).reshape(t, c) * 0.7) * 2.0  # fixed, varied numbers
    return smx.log_softmax(logits), np.array([1, 2, 2])


def _mask_example() -> tuple[np.ndarray, np.ndarray]:
    prediction = np.array([[0.9, 0.8, 0.3, 0.1], [0.2, 0.6, 0.7, 0.4]])
    target = np.array([[1.0, 1.0, 0.0, 0.0], [0.0, 1.0, 1.0, 1.0]])
    return prediction, target


# ----------------------------------------------------------------------------------------------- entries

_KERAS_LAST_AXIS = "Keras averages over the last axis first; for equal-size rows the overall mean is the same."

_ENTRIES: tuple[LossEntry, ...] = (
    # ---------------------------------------------------------------- regression
    LossEntry(
        "mse", reg.mse_loss, reg.mse_loss_grad, "regression",
        r"(\hat y - y)^2",
        "Gauss/Legendre least squares; Bishop (2006), PRML section 1.2.5",
        _regression_example, "torch.nn.MSELoss", "keras.losses.MeanSquaredError", "optax.losses.squared_error",
        (
            "torch MSELoss, Keras MeanSquaredError and optax squared_error have no factor 1/2; "
            "optax l2_loss is half of this.",
            _KERAS_LAST_AXIS,
            "scikit-learn mean_squared_error equals reduction='mean' (uniform average over outputs).",
        ),
        use_when="Gaussian noise, no outliers; estimates the conditional mean",
    ),
    LossEntry(
        "mae", reg.mae_loss, reg.mae_loss_grad, "regression",
        r"|\hat y - y|",
        "Laplace (1774); Bishop (2006), PRML exercise 1.27",
        _regression_example, "torch.nn.L1Loss", "keras.losses.MeanAbsoluteError", None,
        (
            "torch L1Loss and Keras MeanAbsoluteError are the same loss; optax has no L1 loss.",
            "At a zero residual the subgradient 0 is used (torch's sign(0) = 0 too).",
            "scikit-learn mean_absolute_error equals reduction='mean'.",
        ),
        use_when="heavy-tailed noise or outliers; estimates the conditional median",
    ),
    LossEntry(
        "huber", reg.huber_loss, reg.huber_loss_grad, "regression",
        r"\begin{cases}\tfrac12 r^2 & |r|\le\delta\\ \delta(|r|-\tfrac12\delta) & |r|>\delta\end{cases}",
        "Huber (1964), Annals of Mathematical Statistics 35(1)",
        _regression_example, "torch.nn.HuberLoss", "keras.losses.Huber", "optax.losses.huber_loss",
        (
            "torch HuberLoss(delta=1.0), Keras Huber(delta=1.0) and optax huber_loss(delta=1.0) all use delta = 1 "
            "by default and the same formula; scipy.special.huber(delta, r) is the elementwise loss.",
            "torch SmoothL1Loss(beta) is HuberLoss(delta=beta) / beta: the same at beta = 1, not otherwise.",
            "scipy.special.pseudo_huber(delta, r) = delta^2 (sqrt(1 + (r/delta)^2) - 1) is a smooth relative, "
            "not the same loss.",
        ),
        settings={"delta": 1.0},
        use_when="mostly Gaussian noise with some outliers; delta sets where outliers start",
    ),
    LossEntry(
        "smooth_l1", reg.smooth_l1_loss, reg.smooth_l1_loss_grad, "regression",
        r"\begin{cases}\tfrac{1}{2\beta} r^2 & |r|<\beta\\ |r|-\tfrac12\beta & |r|\ge\beta\end{cases}",
        "Girshick (2015), Fast R-CNN, ICCV",
        _regression_example, "torch.nn.SmoothL1Loss", None, None,
        (
            "smooth_l1(beta) = huber(delta=beta) / beta, so the linear part has slope 1 whatever beta is.",
            "torch SmoothL1Loss accepts beta = 0 (plain L1); here beta > 0 (use mae for L1).",
        ),
        settings={"beta": 1.0},
        use_when="box regression in detection (Fast R-CNN); Huber with slope 1",
    ),
    LossEntry(
        "log_cosh", reg.log_cosh_loss, reg.log_cosh_loss_grad, "regression",
        r"\log\cosh(\hat y - y)",
        "folklore in robust regression; Chen, Chen and Zhang (2019)",
        _regression_example, None, "keras.losses.LogCosh", "optax.losses.log_cosh",
        (
            "Keras LogCosh and optax log_cosh compute the same terms; Keras averages over the last axis.",
            "Computed as |r| + log1p(exp(-2|r|)) - log 2, so cosh never overflows.",
        ),
        use_when="a smooth (twice differentiable) Huber-like loss",
    ),
    LossEntry(
        "quantile", reg.quantile_loss, reg.quantile_loss_grad, "regression",
        r"\max\bigl(\tau(y-\hat y),\,(\tau-1)(y-\hat y)\bigr)",
        "Koenker and Bassett (1978), Econometrica 46(1)",
        _regression_example, None, None, None,
        (
            "scikit-learn mean_pinball_loss(y, y_hat, alpha=tau) is reduction='mean' (its alpha is our tau).",
            "tau = 0.5 gives half the absolute error.",
        ),
        settings={"tau": 0.5},
        use_when="predicting a quantile or an interval instead of the mean",
    ),
    LossEntry(
        "mape", reg.mape_loss, reg.mape_loss_grad, "regression",
        r"|\hat y - y| / |y|",
        "de Myttenaere et al. (2016), Neurocomputing 192",
        _mape_example, None, "keras.losses.MeanAbsolutePercentageError", None,
        (
            "Keras MeanAbsolutePercentageError multiplies by 100 (a percentage); this returns a fraction, as "
            "scikit-learn mean_absolute_percentage_error does.",
            "Keras and scikit-learn divide by max(|y|, epsilon); here a zero target is an error.",
        ),
        use_when="errors that matter relative to the size of the target (y never 0)",
    ),
    LossEntry(
        "msle", reg.msle_loss, reg.msle_loss_grad, "regression",
        r"\bigl(\log(1+\hat y) - \log(1+y)\bigr)^2",
        "scikit-learn user guide, mean squared logarithmic error",
        _msle_example, None, "keras.losses.MeanSquaredLogarithmicError", None,
        (
            "Uses log1p, i.e. log(1 + y), as scikit-learn mean_squared_log_error and Keras do.",
            "Values must be > -1, as scikit-learn requires; Keras instead clips both arguments at epsilon from "
            "below, so negative values are silently treated as 0.",
        ),
        use_when="non-negative targets spanning orders of magnitude (counts, prices)",
    ),
    # ---------------------------------------------------------------- classification (probabilistic)
    LossEntry(
        "softmax_cross_entropy", smx.softmax_cross_entropy, smx.softmax_cross_entropy_grad, "classification",
        r"\log\sum_j e^{s_j} - s_y",
        "Goodfellow, Bengio and Courville (2016), Deep Learning, section 6.2.2.3",
        _class_scores_example, "torch.nn.CrossEntropyLoss", "keras.losses.SparseCategoricalCrossentropy",
        "optax.losses.softmax_cross_entropy_with_integer_labels",
        (
            "torch CrossEntropyLoss takes logits and integer labels, as here; with class weights its 'mean' "
            "divides by the sum of the weights of the targets, not by N.",
            "Keras SparseCategoricalCrossentropy takes probabilities unless from_logits=True.",
            "torch NLLLoss takes log-probabilities: CrossEntropyLoss = NLLLoss(log_softmax(s)).",
            "Natural logarithm (nats) everywhere; some lecture slides print log10 values.",
        ),
        grad_wrt="logits (class scores)",
        use_when="single-label multiclass classification (the default)",
    ),
    LossEntry(
        "softmax_cross_entropy_with_temperature", smx.softmax_cross_entropy_with_temperature,
        smx.softmax_cross_entropy_with_temperature_grad, "classification",
        r"\log\sum_j e^{s_j/T} - s_y/T",
        "Hinton, Vinyals and Dean (2015), Distilling the knowledge in a neural network",
        _class_scores_example, None, None, None,
        (
            "No built-in: libraries divide the logits by T before cross-entropy, which is what this does.",
            "Knowledge distillation multiplies the soft-target term by T^2 to keep gradient sizes comparable; "
            "this function does not.",
        ),
        settings={"temperature": 1.0},
        grad_wrt="logits (class scores)",
        use_when="calibration and distillation experiments (T sharpens or flattens the softmax)",
    ),
    LossEntry(
        "label_smoothed_cross_entropy", smx.label_smoothed_cross_entropy, smx.label_smoothed_cross_entropy_grad,
        "classification",
        r"-\sum_j \bigl((1-\varepsilon)[j=y] + \varepsilon/C\bigr)\log p_j",
        "Szegedy et al. (2016), Rethinking the Inception architecture, CVPR",
        _class_scores_example, "torch.nn.CrossEntropyLoss(label_smoothing=eps)",
        "keras.losses.CategoricalCrossentropy(label_smoothing=eps)", "optax.smooth_labels + softmax_cross_entropy",
        (
            "torch, Keras and optax all smooth as (1 - eps) onehot + eps / C (the mass eps is spread over all C "
            "classes, the true one included).",
            "Keras applies label_smoothing to one-hot targets (CategoricalCrossentropy), and takes probabilities "
            "unless from_logits=True.",
        ),
        settings={"eps": 0.1},
        grad_wrt="logits (class scores)",
        use_when="large classifiers that become over-confident",
    ),
    LossEntry(
        "softmax_cross_entropy_with_probs", smx.softmax_cross_entropy_with_probs,
        smx.softmax_cross_entropy_with_probs_grad, "classification",
        r"-\sum_j t_j \log \operatorname{softmax}(s)_j",
        "Goodfellow, Bengio and Courville (2016), Deep Learning, section 6.2.2.3",
        _class_probs_example, "torch.nn.CrossEntropyLoss (probability targets)",
        "keras.losses.CategoricalCrossentropy(from_logits=True)", "optax.losses.softmax_cross_entropy",
        (
            "torch CrossEntropyLoss switches to this form when the target is a float tensor of the input's shape.",
            "Equals kl_divergence(softmax(s), t) plus the entropy of t, so both have the same gradient in s.",
        ),
        grad_wrt="logits (class scores)",
        use_when="soft targets: mixup, distillation, annotator disagreement",
    ),
    LossEntry(
        "binary_cross_entropy_with_logits", cls.binary_cross_entropy_with_logits,
        cls.binary_cross_entropy_with_logits_grad, "classification",
        r"t\log(1+e^{-x}) + (1-t)\log(1+e^{x})",
        "Goodfellow, Bengio and Courville (2016), Deep Learning, section 6.2.2.2",
        _binary_logits_example, "torch.nn.BCEWithLogitsLoss", "keras.losses.BinaryCrossentropy(from_logits=True)",
        "optax.losses.sigmoid_binary_cross_entropy",
        (
            "Takes logits. torch BCELoss and Keras BinaryCrossentropy (default from_logits=False) take "
            "probabilities instead: torch clamps the log at -100, Keras clips probabilities to [1e-7, 1 - 1e-7].",
            "torch BCEWithLogitsLoss has pos_weight for class imbalance; not here.",
            _KERAS_LAST_AXIS,
        ),
        grad_wrt="logits",
        use_when="binary or multi-label classification",
    ),
    LossEntry(
        "focal", cls.focal_loss, cls.focal_loss_grad, "classification",
        r"-\alpha_t (1-p_t)^\gamma \log p_t",
        "Lin et al. (2017), Focal loss for dense object detection, ICCV",
        _binary_logits_example, "torchvision.ops.sigmoid_focal_loss", "keras.losses.BinaryFocalCrossentropy",
        "optax.losses.sigmoid_focal_loss",
        (
            "torchvision sigmoid_focal_loss defaults to alpha=0.25, gamma=2 and reduction='none'; optax "
            "sigmoid_focal_loss to alpha=None, gamma=2 (as here).",
            "Keras BinaryFocalCrossentropy uses alpha only with apply_class_balancing=True and takes "
            "probabilities unless from_logits=True.",
            "alpha weights the positive class: alpha_t = alpha t + (1 - alpha)(1 - t).",
        ),
        settings={"gamma": 2.0, "alpha": None},
        grad_wrt="logits",
        use_when="extreme class imbalance with many easy negatives (dense detection)",
    ),
    LossEntry(
        "multilabel_soft_margin", cls.multilabel_soft_margin_loss, cls.multilabel_soft_margin_loss_grad,
        "classification",
        r"\frac1C\sum_j \bigl[t_j\log(1+e^{-x_j}) + (1-t_j)\log(1+e^{x_j})\bigr]",
        "PyTorch documentation, torch.nn.MultiLabelSoftMarginLoss",
        _binary_logits_example, "torch.nn.MultiLabelSoftMarginLoss", None, None,
        (
            "torch MultiLabelSoftMarginLoss averages over the C labels, then over the batch: with "
            "reduction='mean' it equals binary_cross_entropy_with_logits.",
            "Targets are 0/1 per label (torch MultiLabelMarginLoss, a different loss, takes label indices).",
        ),
        grad_wrt="logits",
        use_when="multi-label classification, one loss value per example",
    ),
    # ---------------------------------------------------------------- margin
    LossEntry(
        "svm_weston_watkins", svm.svm_loss, svm.svm_loss_grad, "margin",
        r"\sum_{j\ne y}\max(0,\,s_j - s_y + \Delta)",
        "Weston and Watkins (1999), ESANN; CS231n notes",
        _class_scores_example, "torch.nn.MultiMarginLoss", None, None,
        (
            "torch MultiMarginLoss(p=1, margin=1) divides this sum by C, the number of classes: it is "
            "svm_loss / C (1.7556 instead of 5.2667 on the running example).",
            "optax multiclass_hinge_loss, Keras CategoricalHinge and scikit-learn hinge_loss are the "
            "Crammer-Singer form (the largest violation only), not this sum.",
        ),
        settings={"margin": 1.0},
        grad_wrt="class scores",
        use_when="the CS231n multiclass SVM; every violating class contributes",
    ),
    LossEntry(
        "crammer_singer", svm.crammer_singer_loss, svm.crammer_singer_loss_grad, "margin",
        r"\max\bigl(0,\,\max_{j\ne y}s_j - s_y + \Delta\bigr)",
        "Crammer and Singer (2001), JMLR 2",
        _class_scores_example, None, "keras.losses.CategoricalHinge", "optax.losses.multiclass_hinge_loss",
        (
            "optax multiclass_hinge_loss and scikit-learn hinge_loss (3+ classes) compute this.",
            "Keras CategoricalHinge takes one-hot targets and maximises (1 - t_j) s_j over all j, which includes "
            "a 0 for the true class: it differs from this when every other score is negative.",
        ),
        settings={"margin": 1.0},
        grad_wrt="class scores",
        use_when="multiclass SVM where only the strongest rival matters",
    ),
    LossEntry(
        "one_vs_all_hinge", svm.one_vs_all_hinge_loss, svm.one_vs_all_hinge_loss_grad, "margin",
        r"\sum_j \max(0,\,\Delta - t_j s_j),\ t_j = \pm 1",
        "Rifkin and Klautau (2004), In defense of one-vs-all classification, JMLR 5",
        _class_scores_example, None, "keras.losses.Hinge", "optax.losses.hinge_loss",
        (
            "Keras Hinge on one-hot targets (it maps 0/1 to -1/+1) averages over the C classes instead of "
            "summing: it is one_vs_all_hinge / C.",
            "optax hinge_loss(scores, 2 * onehot - 1) gives the C terms unreduced; their sum is this.",
        ),
        settings={"margin": 1.0},
        grad_wrt="class scores",
        use_when="C independent binary SVMs trained together",
    ),
    LossEntry(
        "squared_hinge", svm.squared_hinge_loss, svm.squared_hinge_loss_grad, "margin",
        r"\sum_{j\ne y}\max(0,\,s_j - s_y + \Delta)^2",
        "Weston and Watkins (1999); the L2-SVM of Tang (2013), Deep learning using linear SVMs",
        _class_scores_example, "torch.nn.MultiMarginLoss(p=2)", None, None,
        (
            "torch MultiMarginLoss(p=2) divides this sum by C.",
            "Keras SquaredHinge is the binary (one-vs-all) squared hinge averaged over the last axis, not this.",
        ),
        settings={"margin": 1.0},
        grad_wrt="class scores",
        use_when="a differentiable multiclass hinge that punishes large violations more",
    ),
    LossEntry(
        "hinge", mar.hinge_loss, mar.hinge_loss_grad, "margin",
        r"\max(0,\,\Delta - t s),\ t = \pm 1",
        "Cortes and Vapnik (1995), Machine Learning 20",
        _margin_example, None, "keras.losses.Hinge", "optax.losses.hinge_loss",
        (
            "Keras Hinge maps 0/1 labels to -1/+1 itself; here labels must be -1/+1.",
            "scikit-learn hinge_loss (two classes) equals reduction='mean'.",
            "torch HingeEmbeddingLoss is a different loss (see hinge_embedding).",
        ),
        settings={"margin": 1.0},
        grad_wrt="scores",
        use_when="binary linear SVM",
    ),
    LossEntry(
        "perceptron", mar.perceptron_loss, mar.perceptron_loss_grad, "margin",
        r"\max(0,\,-t s)",
        "Rosenblatt (1958), Psychological Review 65(6)",
        _margin_example, None, None, "optax.losses.perceptron_loss",
        ("optax perceptron_loss is the same, unreduced.", "No margin: any correctly signed score costs 0."),
        grad_wrt="scores",
        use_when="history and intuition: the hinge with margin 0",
    ),
    LossEntry(
        "soft_margin", mar.soft_margin_loss, mar.soft_margin_loss_grad, "margin",
        r"\log(1 + e^{-t s})",
        "Hastie, Tibshirani and Friedman (2009), ESL section 10.6",
        _margin_example, "torch.nn.SoftMarginLoss", None, None,
        (
            "torch SoftMarginLoss takes -1/+1 labels and averages over all entries, as here.",
            "With y = (t + 1) / 2 it equals binary_cross_entropy_with_logits(s, y) (optax "
            "sigmoid_binary_cross_entropy).",
        ),
        grad_wrt="scores",
        use_when="logistic regression written in the margin",
    ),
    LossEntry(
        "exponential", mar.exponential_loss, mar.exponential_loss_grad, "margin",
        r"e^{-t s}",
        "Freund and Schapire (1997), J. Computer and System Sciences 55(1)",
        _margin_example, None, None, None,
        ("No deep-learning built-in; AdaBoost minimises it.",),
        grad_wrt="scores",
        use_when="boosting; rarely for neural networks (very sensitive to label noise)",
    ),
    LossEntry(
        "zero_one", mar.zero_one_loss, None, "margin",
        r"[\,t s \le 0\,]",
        "Bartlett, Jordan and McAuliffe (2006), JASA 101(473)",
        _margin_example, None, None, None,
        (
            "scikit-learn zero_one_loss(y, sign(s)) is reduction='mean' (the error rate).",
            "A score of exactly 0 counts as an error here.",
            "No gradient: the derivative is 0 almost everywhere; the other margin losses are its convex "
            "surrogates.",
        ),
        grad_wrt="scores (no gradient)",
        use_when="evaluation only: it is what the surrogates stand in for",
    ),
    # ---------------------------------------------------------------- divergence / likelihood
    LossEntry(
        "kl_divergence", div.kl_divergence, div.kl_divergence_grad, "divergence",
        r"\sum_j p_j \log(p_j / q_j)",
        "Kullback and Leibler (1951), Annals of Mathematical Statistics 22(1)",
        _kl_example, "torch.nn.KLDivLoss(reduction='batchmean')", "keras.losses.KLDivergence",
        "optax.losses.kl_divergence",
        (
            "Ours is kl_divergence(prediction q, target p) = KL(p || q), with probabilities.",
            "torch KLDivLoss()(input, target) takes input = log q (log-probabilities) and target = p; its "
            "default reduction 'mean' divides by N * C, 'batchmean' by N (this 'mean'); log_target=True takes "
            "log p too.",
            "optax kl_divergence(log_predictions, targets) takes log q as well.",
            "Keras KLDivergence()(y_true, y_pred) takes probabilities, target first, and clips both to [1e-7, 1].",
            "scipy.special.rel_entr(p, q) summed over classes is this; scipy.special.kl_div adds q - p.",
        ),
        grad_wrt="predicted probabilities q (unconstrained)",
        use_when="matching a whole target distribution (distillation, VAEs' prior term)",
    ),
    LossEntry(
        "poisson_nll", div.poisson_nll_loss, div.poisson_nll_loss_grad, "divergence",
        r"e^{x} - k x\ [+\log k!],\ x = \log\lambda",
        "McCullagh and Nelder (1989), Generalized Linear Models, chapter 6",
        _poisson_example, "torch.nn.PoissonNLLLoss", "keras.losses.Poisson", None,
        (
            "Default input is the log-rate, as torch PoissonNLLLoss(log_input=True).",
            "full=True adds log k! exactly (lgamma), so the loss is -scipy.stats.poisson.logpmf; torch's "
            "full=True adds Stirling's approximation k log k - k + log(2 pi k) / 2, and only where k > 1.",
            "With log_input=False torch computes log(lambda + 1e-8) and Keras Poisson lambda - k log(lambda + "
            "epsilon) on rates; here a rate <= 0 is an error.",
        ),
        settings={"log_input": True, "full": False},
        grad_wrt="log-rate (log_input=True) or rate",
        use_when="count targets (events per interval)",
    ),
    LossEntry(
        "gaussian_nll", div.gaussian_nll_loss, div.gaussian_nll_loss_grad, "divergence",
        r"\tfrac12\bigl(\log\sigma^2 + (y-\mu)^2/\sigma^2\bigr)\ [+\tfrac12\log 2\pi]",
        "Nix and Weigend (1994), IEEE ICNN",
        _gaussian_example, "torch.nn.GaussianNLLLoss", None, None,
        (
            "torch GaussianNLLLoss()(input, target, var) clamps var at eps = 1e-6 from below; here var <= 0 is "
            "an error.",
            "full=True adds log(2 pi) / 2, so the loss is -scipy.stats.norm.logpdf(y, mu, sqrt(var)).",
            "The gradient here is with respect to the mean only; torch also differentiates var.",
        ),
        settings={"variance": 1.0, "full": False},
        grad_wrt="predicted mean",
        use_when="regression that also predicts its own uncertainty",
    ),
    # ---------------------------------------------------------------- ranking / metric learning
    LossEntry(
        "margin_ranking", rnk.margin_ranking_loss, rnk.margin_ranking_loss_grad, "ranking",
        r"\max\bigl(0,\,-y(x_1 - x_2) + \Delta\bigr)",
        "Herbrich, Graepel and Obermayer (2000), Large margin rank boundaries for ordinal regression",
        _ranking_pairs_example, "torch.nn.MarginRankingLoss", None, None,
        (
            "torch MarginRankingLoss()(x1, x2, y) takes the two scores as separate arrays; here they are one "
            "(N, 2) array, so one gradient covers both.",
            "Default margin 0, as torch.",
        ),
        settings={"margin": 0.0},
        grad_wrt="score pairs (x1, x2)",
        use_when="learning an order from pairwise preferences",
    ),
    LossEntry(
        "contrastive", rnk.contrastive_loss, rnk.contrastive_loss_grad, "ranking",
        r"t\,\tfrac12 d^2 + (1-t)\,\tfrac12\max(0,\,m-d)^2",
        "Hadsell, Chopra and LeCun (2006), CVPR",
        _embedding_pairs_example, None, None, None,
        (
            "target 1 marks a similar pair; Hadsell et al. write Y = 0 for similar pairs.",
            "With the factors 1/2 of Hadsell et al.; many implementations drop them (and some use d instead of "
            "d^2 for similar pairs).",
        ),
        settings={"margin": 1.0},
        grad_wrt="both embeddings of each pair",
        use_when="siamese networks trained on same/different pairs",
    ),
    LossEntry(
        "triplet", rnk.triplet_margin_loss, rnk.triplet_margin_loss_grad, "ranking",
        r"\max\bigl(0,\,d(a,p) - d(a,n) + m\bigr)",
        "Schroff, Kalenichenko and Philbin (2015), FaceNet, CVPR",
        _triplet_example, "torch.nn.TripletMarginLoss", None, "optax.losses.triplet_margin_loss",
        (
            "Takes one (N, 3, D) array (anchor, positive, negative) and no target; torch and optax take three "
            "arrays.",
            "torch TripletMarginLoss(margin=1.0, p=2) adds eps = 1e-6 to the difference vectors before the norm; "
            "optax adds an epsilon too; here distances are exact (gradient 0 at distance 0).",
            "FaceNet uses squared distances: squared=True.",
        ),
        settings={"margin": 1.0, "squared": False},
        grad_wrt="anchor, positive and negative",
        use_when="embeddings for retrieval and verification (faces)",
    ),
    LossEntry(
        "cosine_embedding", rnk.cosine_embedding_loss, rnk.cosine_embedding_loss_grad, "ranking",
        r"\begin{cases}1-\cos(x_1,x_2) & y=1\\ \max(0,\cos(x_1,x_2)-m) & y=-1\end{cases}",
        "PyTorch documentation, torch.nn.CosineEmbeddingLoss",
        _cosine_pairs_example, "torch.nn.CosineEmbeddingLoss", None, None,
        (
            "torch CosineEmbeddingLoss()(x1, x2, y) takes two arrays and adds a small epsilon inside the norms, so "
            "zero vectors do not fail; here a zero vector is an error.",
            "Keras CosineSimilarity and optax cosine_distance are the similar-pair term only (Keras returns "
            "-cos).",
        ),
        settings={"margin": 0.0},
        grad_wrt="both embeddings of each pair",
        use_when="pairs where only the direction of the embedding matters",
    ),
    LossEntry(
        "hinge_embedding", rnk.hinge_embedding_loss, rnk.hinge_embedding_loss_grad, "ranking",
        r"\begin{cases}x & y=1\\ \max(0,\,\Delta - x) & y=-1\end{cases}",
        "PyTorch documentation, torch.nn.HingeEmbeddingLoss; Hadsell, Chopra and LeCun (2006)",
        _hinge_embedding_example, "torch.nn.HingeEmbeddingLoss", None, None,
        ("Same as torch HingeEmbeddingLoss(margin=1.0): the input is a distance, the target -1/+1.",),
        settings={"margin": 1.0},
        grad_wrt="distances",
        use_when="learning a distance from similar/dissimilar labels",
    ),
    LossEntry(
        "info_nce", rnk.info_nce_loss, rnk.info_nce_loss_grad, "ranking",
        r"-\log\frac{e^{\cos(q_i,k_i)/\tau}}{\sum_j e^{\cos(q_i,k_j)/\tau}}",
        "Oord, Li and Vinyals (2018), Contrastive predictive coding, arXiv:1807.03748",
        _views_example, None, None, None,
        (
            "Cosine similarity and in-batch negatives (row i of keys is the positive of query i); CPC uses a "
            "learned bilinear score instead.",
            "One direction only; CLIP averages queries-to-keys and keys-to-queries.",
            "Gradient with respect to the queries; the keys are held fixed.",
        ),
        settings={"temperature": 0.1},
        grad_wrt="queries",
        use_when="contrastive representation learning with paired views",
    ),
    LossEntry(
        "nt_xent", rnk.nt_xent_loss, rnk.nt_xent_loss_grad, "ranking",
        r"-\log\frac{e^{\cos(z_k,z_{\pi(k)})/\tau}}{\sum_{j\ne k} e^{\cos(z_k,z_j)/\tau}}",
        "Chen, Kornblith, Norouzi and Hinton (2020), SimCLR, ICML",
        _nt_xent_example, None, None, "optax.losses.ntxent",
        (
            "Rows i and i + N of the (2N, D) array are the two views of example i; the mean is over all 2N "
            "anchors, as in SimCLR.",
            "optax ntxent(embeddings, labels, temperature=0.07) marks positives by equal integer labels and uses "
            "a different default temperature.",
        ),
        settings={"temperature": 0.5},
        grad_wrt="all 2N embeddings",
        use_when="self-supervised learning from two augmentations (SimCLR)",
    ),
    # ---------------------------------------------------------------- sequence
    LossEntry(
        "ctc", sq.ctc_loss, sq.ctc_loss_grad, "sequence",
        r"-\log\sum_{\pi\in\mathcal B^{-1}(\mathbf l)}\prod_t y_t(\pi_t)",
        "Graves, Fernández, Gomez and Schmidhuber (2006), ICML",
        _ctc_example, "torch.nn.CTCLoss", "keras.losses.CTC", "optax.losses.ctc_loss",
        (
            "Takes log-probabilities of shape (T, C) or (N, T, C) (batch first); torch CTCLoss takes "
            "log-probabilities of shape (T, N, C) (time first) with input and target lengths.",
            "torch 'mean' divides each sequence's loss by its target length before averaging; here 'mean' is the "
            "plain mean over sequences.",
            "The gradient here is with respect to the log-probabilities as free inputs (-occupancy). torch's "
            "backward returns softmax - occupancy, correct only when log_softmax is in the graph (PyTorch issue "
            "#52241).",
            "optax ctc_loss(logits, logit_paddings, labels, label_paddings, blank_id=0) and Keras CTC (y_true, "
            "y_pred) take logits; Keras fixes the blank at index 0.",
        ),
        settings={"blank": 0},
        grad_wrt="log-probabilities",
        use_when="speech and handwriting: unaligned output sequences",
    ),
    # ---------------------------------------------------------------- segmentation
    LossEntry(
        "dice", seg.dice_loss, seg.dice_loss_grad, "segmentation",
        r"1 - \frac{2\sum pg + s}{\sum p + \sum g + s}",
        "Milletari, Navab and Ahmadi (2016), V-Net, 3DV",
        _mask_example, None, "keras.losses.Dice", "optax.losses.dice_loss",
        (
            "Keras Dice with axis=None pools the whole batch into one mask and has no smoothing term; pass axis "
            "to get one Dice per example, as here.",
            "V-Net squares the denominator terms (sum p^2 + sum g^2); here plain sums.",
            "Smoothing constants differ between implementations (0 here, often 1).",
        ),
        settings={"smooth": 0.0},
        grad_wrt="predicted probabilities",
        use_when="segmentation with small foreground (class imbalance)",
    ),
    LossEntry(
        "jaccard", seg.jaccard_loss, seg.jaccard_loss_grad, "segmentation",
        r"1 - \frac{\sum pg + s}{\sum p + \sum g - \sum pg + s}",
        "Jaccard (1912); Rahman and Wang (2016), ISVC",
        _mask_example, None, None, None,
        (
            "With hard 0/1 masks, 1 - scikit-learn jaccard_score.",
            "Keras IoU is a thresholded metric, not a differentiable loss.",
        ),
        settings={"smooth": 0.0},
        grad_wrt="predicted probabilities",
        use_when="optimising the IoU metric directly",
    ),
    LossEntry(
        "tversky", seg.tversky_loss, seg.tversky_loss_grad, "segmentation",
        r"1 - \frac{\mathrm{TP} + s}{\mathrm{TP} + \alpha\,\mathrm{FP} + \beta\,\mathrm{FN} + s}",
        "Salehi, Erdogmus and Gholipour (2017), MLMI",
        _mask_example, None, "keras.losses.Tversky", None,
        (
            "alpha weights false positives, beta false negatives, as Keras Tversky(alpha=0.5, beta=0.5).",
            "alpha = beta = 0.5 gives Dice; alpha = beta = 1 gives Jaccard.",
        ),
        settings={"alpha": 0.5, "beta": 0.5, "smooth": 0.0},
        grad_wrt="predicted probabilities",
        use_when="segmentation where missed foreground costs more than false alarms",
    ),
)

#: The registry (name -> :class:`LossEntry`), read-only, in the book's order (by family).
LOSSES: Mapping[str, LossEntry] = MappingProxyType(
    {e.name: e for fam in FAMILIES for e in _ENTRIES if e.family == fam}
)


def by_family(family: str) -> tuple[LossEntry, ...]:
    """The entries of one family, in registry order.

    >>> [e.name for e in by_family("segmentation")]
    ['dice', 'jaccard', 'tversky']
    """
    if family not in FAMILIES:
        raise ValueError(f"family must be one of {', '.join(FAMILIES)}; got {family!r}")
    return tuple(e for e in LOSSES.values() if e.family == family)


# ------------------------------------------------------------------------------------------ tools over the registry


def loss_slice(name: str, *, width: float = 2.0, num: int = 81) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """The loss and its gradient along one coordinate: the first entry of the example's prediction is varied.

    The first entry of ``LOSSES[name].example()[0]`` moves over ``[v - width, v + width]`` (its value ``v``
    included); points where the loss rejects the input (outside its domain, e.g. a probability above 1) are
    dropped. This is the small plot of the catalogue: the shape of each loss and the slope its gradient reports.

    Args:
        name: a registry key.
        width: half-width of the interval.
        num: number of points before dropping invalid ones.

    Returns:
        ``(values, losses, grads)``: the coordinate's values, the loss there (reduction "sum") and the analytic
        derivative with respect to that coordinate, or None for a loss without gradient.

    >>> v, loss, grad = loss_slice("mse", num=5)
    >>> np.round(v, 2).tolist(), np.round(grad, 2).tolist()  # d/dx of (x - 0)^2 + const is 2x
    ([-1.5, -0.5, 0.5, 1.5, 2.5], [-3.0, -1.0, 1.0, 3.0, 5.0])
    """
    if name not in LOSSES:
        raise ValueError(f"name must be a registered loss (see lossfns.LOSSES), got {name!r}")
    entry = LOSSES[name]
    first, *rest = entry.example()
    first = np.array(first, dtype=float)
    centre = float(first.flat[0])
    keep_v, keep_l, keep_g = [], [], []
    for v in np.linspace(centre - width, centre + width, num):
        x = first.copy()
        x.flat[0] = v
        try:
            value = float(entry.loss(x, *rest, reduction="sum"))
            slope = float(entry.grad(x, *rest, reduction="sum").flat[0]) if entry.grad is not None else np.nan
        except ValueError:
            continue
        if np.isfinite(value):
            keep_v.append(v)
            keep_l.append(value)
            keep_g.append(slope)
    grads = np.array(keep_g) if entry.grad is not None else None
    return np.array(keep_v), np.array(keep_l), grads


def fit_line(
    x: object, y: object, name: str, *, steps: int = 8000, lr: float = 0.5, **settings: object
) -> tuple[float, float]:
    """Fit ``y ~ w x + b`` by full-batch gradient descent on a registered elementwise regression loss.

    The gradient with respect to the predictions comes from ``LOSSES[name].grad``; the chain rule carries it to
    ``(w, b)``: :math:`\\partial L/\\partial w = \\sum_i g_i x_i`, :math:`\\partial L/\\partial b = \\sum_i g_i`.
    x is standardised inside the fit (so one step size suits every data set), the step shrinks as
    :math:`\\mathrm{lr}/\\sqrt{1 + t/100}`, and the average of the last half of the iterates is returned (the
    subgradient methods for MAE and the quantile loss oscillate around the minimum otherwise).

    Args:
        x: inputs, shape (N,).
        y: targets, shape (N,).
        name: a regression loss of the registry ("mse", "mae", "huber", "log_cosh", "quantile", ...).
        steps: gradient steps.
        lr: initial step size.
        **settings: the loss's keyword settings, e.g. ``delta=1.0`` for "huber".

    Returns:
        ``(w, b)`` as floats.

    >>> x = np.array([0.0, 1.0, 2.0, 3.0])
    >>> w, b = fit_line(x, 2 * x + 1, "mse")
    >>> round(w, 4), round(b, 4)
    (2.0, 1.0)
    """
    if name not in LOSSES or LOSSES[name].family != "regression":
        raise ValueError(f"name must be a regression loss of lossfns.LOSSES, got {name!r}")
    xs = np.asarray(x, dtype=float)
    ys = np.asarray(y, dtype=float)
    if xs.ndim != 1 or xs.shape != ys.shape or xs.size < 2:
        raise ValueError(f"x and y must be 1-D arrays of the same length >= 2, got shapes {xs.shape} and {ys.shape}")
    grad = LOSSES[name].grad
    assert grad is not None
    mu, sd = xs.mean(), xs.std()
    z = (xs - mu) / sd if sd > 0 else xs - mu
    params = np.zeros(2)  # slope and intercept in standardised units
    running = np.zeros(2)
    half = steps // 2
    for t in range(steps):
        g = grad(params[0] * z + params[1], ys, reduction="mean", **settings)
        params -= lr / np.sqrt(1 + t / 100) * np.array([np.sum(g * z), np.sum(g)])
        if t >= half:
            running += params
    w_z, b_z = running / (steps - half)
    w = w_z / sd if sd > 0 else w_z
    return float(w), float(b_z - w * mu)


def catalogue_markdown(family: str) -> str:
    """The catalogue entries of one family as MyST Markdown: formula, gradient, equivalents, conventions.

    Generated from the registry, so the book's catalogue page can never disagree with the package.

    >>> text = catalogue_markdown("sequence")
    >>> text.splitlines()[0]
    '**ctc** (`lossfns.ctc_loss`, gradient `lossfns.ctc_loss_grad` with respect to the log-probabilities)'
    """
    parts = []
    for e in by_family(family):
        grad = f"gradient `lossfns.{e.grad.__name__}` with respect to the {e.grad_wrt}" if e.grad else "no gradient"
        libs = ", ".join(
            f"{lib} `{val}`" for lib, val in (("PyTorch", e.torch), ("Keras", e.keras), ("optax", e.optax)) if val
        )
        lines = [
            f"**{e.name}** (`lossfns.{e.loss.__name__}`, {grad})",
            "",
            f"$$\\ell = {e.formula}$$",
            "",
            f"Use it for: {e.use_when}. Source: {e.reference}.",
            "",
            f"Library equivalents: {libs if libs else 'none built in'}.",
            "",
        ]
        if e.settings:
            shown = ", ".join(f"`{k}={v!r}`" for k, v in e.settings.items())
            lines += [f"Settings and defaults: {shown}.", ""]
        lines += [f"- {c}" for c in e.conventions] + [""]
        parts.append("\n".join(lines))
    return "\n".join(parts).rstrip() + "\n"


def library_table(family: str) -> display.Table:
    """The library equivalents of one family's losses, as a :class:`lossfns.display.Table`.

    >>> print(repr(library_table("segmentation")).splitlines()[3])
    dice     -      keras.losses.Dice     optax.losses.dice_loss
    """
    return display.Table(
        caption=f"{family}: the closest built-in of each library (-: none)",
        columns=["loss", "PyTorch", "Keras", "optax"],
        rows=[[e.name, e.torch or "-", e.keras or "-", e.optax or "-"] for e in by_family(family)],
    )


def choosing_table(family: str | None = None) -> display.Table:
    """The "choosing a loss" tables: by family first, then by loss within a family.

    Args:
        family: None for the overview (one row per family: what it compares, which losses it holds); a family
            name for one row per loss of that family with the situation it suits.

    >>> choosing_table().rows[0][:2]
    ['regression', 'a real-valued prediction against a real-valued target']
    >>> choosing_table("segmentation").rows[0]
    ['dice', 'segmentation with small foreground (class imbalance)']
    """
    if family is None:
        return display.Table(
            caption="Choosing a loss, step 1: what are you comparing?",
            columns=["family", "compares", "losses"],
            rows=[[f, FAMILY_DESCRIPTIONS[f], ", ".join(e.name for e in by_family(f))] for f in FAMILIES],
        )
    return display.Table(
        caption=f"Choosing a loss, step 2: the {family} losses and what each is for",
        columns=["loss", "use it for"],
        rows=[[e.name, e.use_when] for e in by_family(family)],
    )
