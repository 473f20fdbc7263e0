"""Tests of the overlap losses (lossfns._segmentation): Dice, Jaccard (IoU) and Tversky. Expected values from hand
counts and scikit-learn (f1_score, jaccard_score) on hard masks. Gradients are checked in test_zoo_registry.py.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import metrics

from lossfns import (
    dice_loss,
    dice_loss_grad,
    jaccard_loss,
    numerical_gradient,
    overlap_counts,
    tversky_loss,
    tversky_loss_grad,
)

# One 4 x 4 mask pair (batch axis first): target is a 2 x 2 square, prediction the same square shifted right by one.
TARGET = np.zeros((1, 4, 4))
TARGET[0, 1:3, 1:3] = 1
PRED = np.zeros((1, 4, 4))
PRED[0, 1:3, 2:4] = 1


def test_hand_counts_and_scores():
    # hand: overlap 2 pixels, prediction 4, target 4: TP 2, FP 2, FN 2
    tp, fp, fn = overlap_counts(PRED, TARGET)
    assert (float(tp[0]), float(fp[0]), float(fn[0])) == (2.0, 2.0, 2.0)
    # hand: Dice 2*2 / (4 + 4) = 0.5; IoU 2 / 6 = 1/3; Tversky(0.3, 0.7) = 2 / (2 + 0.6 + 1.4) = 0.5
    assert float(dice_loss(PRED, TARGET)) == pytest.approx(0.5)
    assert float(jaccard_loss(PRED, TARGET)) == pytest.approx(2 / 3)
    assert float(tversky_loss(PRED, TARGET, alpha=0.3, beta=0.7)) == pytest.approx(0.5)


def test_dice_iou_relation():
    # hand: IoU = D / (2 - D) for any pair of masks, soft ones included (with smooth = 0)
    rng = np.random.default_rng(1)
    p, g = rng.uniform(size=(5, 9)), (rng.uniform(size=(5, 9)) > 0.5).astype(float)
    d = 1 - dice_loss(p, g, reduction="none")
    j = 1 - jaccard_loss(p, g, reduction="none")
    np.testing.assert_allclose(j, d / (2 - d), rtol=1e-12)


def test_parity_with_sklearn_on_hard_masks():
    rng = np.random.default_rng(3)
    p = (rng.uniform(size=(6, 5, 5)) > 0.5).astype(float)
    g = (rng.uniform(size=(6, 5, 5)) > 0.5).astype(float)
    jac = [metrics.jaccard_score(g[i].ravel(), p[i].ravel()) for i in range(6)]
    f1 = [metrics.f1_score(g[i].ravel(), p[i].ravel()) for i in range(6)]
    np.testing.assert_allclose(1 - jaccard_loss(p, g, reduction="none"), jac, rtol=1e-12)
    np.testing.assert_allclose(1 - dice_loss(p, g, reduction="none"), f1, rtol=1e-12)


def test_keras_dice_pools_the_batch():
    # registry "dice": Keras Dice with axis=None pools the batch into one mask. Keras docs example:
    # y_true = [[[1],[1]],[[0],[0]]] x2, y_pred = [[[0],[1]],[[0],[1]]], [[[0.4],[0]],[[0],[0.9]]]:
    # per example 0.5 and 0.75757575; pooled 0.6164384.
    y_true = np.array([[1.0, 1.0, 0.0, 0.0], [1.0, 1.0, 0.0, 0.0]])
    y_pred = np.array([[0.0, 1.0, 0.0, 1.0], [0.4, 0.0, 0.0, 0.9]])
    np.testing.assert_allclose(dice_loss(y_pred, y_true, reduction="none"), [0.5, 0.75757575], rtol=1e-7)
    assert float(dice_loss(y_pred.ravel(), y_true.ravel())) == pytest.approx(0.6164384, rel=1e-6)


def test_gradient_pushes_toward_the_target():
    # one gradient-descent step on the prediction lowers the loss and raises the target pixels
    p = np.full((1, 4, 4), 0.5)
    g = TARGET
    grad = dice_loss_grad(p, g)
    assert np.all(grad[g == 1] < 0) and np.all(grad[g == 0] > 0)
    assert float(dice_loss(p - 0.5 * grad, g)) < float(dice_loss(p, g))
    numeric = numerical_gradient(lambda v: tversky_loss(v, g, alpha=0.2, beta=0.8, smooth=1.0), p)
    np.testing.assert_allclose(tversky_loss_grad(p, g, alpha=0.2, beta=0.8, smooth=1.0), numeric, rtol=1e-6)


def test_empty_masks():
    empty = np.zeros((3, 3))
    with pytest.raises(ValueError, match="the Dice coefficient is 0/0 .* pass smooth > 0"):
        dice_loss(empty, empty)
    with pytest.raises(ValueError, match="the Jaccard index is 0/0"):
        jaccard_loss(empty, empty)
    # hand: with smooth = 1, two empty masks agree perfectly: 1 - (0 + 1) / (0 + 1) = 0
    assert float(dice_loss(empty, empty, smooth=1.0)) == 0.0


def test_validation_messages():
    with pytest.raises(ValueError, match=r"prediction must lie in \[0, 1\], got 1.5; pass probabilities"):
        dice_loss([1.5, 0.0], [1.0, 0.0])
    with pytest.raises(ValueError, match=r"target must lie in \[0, 1\], got -1.0; pass a 0/1 mask"):
        jaccard_loss([0.5, 0.0], [-1.0, 0.0])
    with pytest.raises(ValueError, match=r"alpha must be a finite number in \[0, inf\), got -0.1"):
        tversky_loss([0.5], [1.0], alpha=-0.1)
    with pytest.raises(ValueError, match=r"smooth must be a finite number in \[0, inf\), got -1.0"):
        dice_loss([0.5], [1.0], smooth=-1.0)
    with pytest.raises(ValueError, match=r"prediction and target must have the same shape, got \(2, 2\) and \(4,\)"):
        dice_loss(np.ones((2, 2)), np.ones(4))
