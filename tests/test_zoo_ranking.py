"""Tests of the ranking and metric-learning losses (lossfns._ranking): hand values and geometry, the gradients of
the embedding losses, input validation. Central-difference checks for every registered loss are in
test_zoo_registry.py.
"""

from __future__ import annotations

import numpy as np
import pytest

from lossfns import (
    contrastive_loss,
    contrastive_loss_grad,
    cosine_embedding_loss,
    hinge_embedding_loss,
    info_nce_loss,
    info_nce_loss_grad,
    margin_ranking_loss,
    margin_ranking_loss_grad,
    nt_xent_loss,
    numerical_gradient,
    triplet_margin_loss,
    triplet_margin_loss_grad,
)


def test_margin_ranking_hand_values():
    # hand: y = 1 wants x1 > x2 + margin: (2, 1) is fine, (0.5, 1.5) costs -(0.5 - 1.5) + 0.5 = 1.5
    np.testing.assert_allclose(
        margin_ranking_loss([[2.0, 1.0], [0.5, 1.5]], [1, 1], margin=0.5, reduction="none"), [0.0, 1.5]
    )
    # hand: y = -1 flips the order: (2, 1) costs 2 - 1 + 0 = 1
    assert float(margin_ranking_loss([2.0, 1.0], -1)) == pytest.approx(1.0)
    np.testing.assert_allclose(margin_ranking_loss_grad([2.0, 1.0], -1), [1.0, -1.0])


def test_contrastive_hand_values():
    # hand: distance 0.5 (3-4-5 triangle): similar pair 0.5 * 0.25 = 0.125; dissimilar, margin 1: 0.5 * 0.5^2 = 0.125
    pair = [[0.0, 0.0], [0.3, 0.4]]
    assert float(contrastive_loss(pair, 1)) == pytest.approx(0.125)
    assert float(contrastive_loss(pair, 0)) == pytest.approx(0.125)
    assert float(contrastive_loss(pair, 0, margin=0.4)) == 0.0  # hand: farther than the margin
    # hand: dissimilar pair at distance 0.5 with margin 1 is pushed apart: gradient on x1 along (x1 - x2) / d,
    # coefficient -(m - d) / d = -1: x1 moves away from x2 under gradient descent
    np.testing.assert_allclose(contrastive_loss_grad(pair, 0), [[0.3, 0.4], [-0.3, -0.4]], atol=1e-15)


def test_triplet_hand_values_and_geometry():
    # hand: anchor (0, 0), positive (1, 0), negative (0, 1.5): 1 - 1.5 + 1 = 0.5; squared: 1 - 2.25 + 1 = -0.25 -> 0
    tri = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.5]])
    assert float(triplet_margin_loss(tri)) == pytest.approx(0.5)
    assert float(triplet_margin_loss(tri, squared=True)) == 0.0
    g = triplet_margin_loss_grad(tri)
    # gradient descent moves the positive toward the anchor and the negative away from it
    step = tri - 0.1 * g
    assert np.linalg.norm(step[1] - step[0]) < 1.0 and np.linalg.norm(step[2] - step[0]) > 1.5
    # translation invariance: the three gradients sum to zero
    np.testing.assert_allclose(g.sum(axis=0), 0.0, atol=1e-15)


def test_triplet_squared_gradient():
    tri = np.array([[[0.0, 0.0, 1.0], [0.5, 0.1, 0.9], [0.4, -0.2, 1.0]]])
    numeric = numerical_gradient(lambda v: triplet_margin_loss(v, squared=True), tri)
    np.testing.assert_allclose(triplet_margin_loss_grad(tri, squared=True), numeric, rtol=1e-6, atol=1e-10)


def test_cosine_and_hinge_embedding_hand_values():
    # hand: cos((1, 0), (1, 1)) = 1/sqrt 2: similar pair 1 - 0.7071, dissimilar pair max(0, 0.7071 - 0)
    pairs = [[[1.0, 0.0], [1.0, 1.0]], [[1.0, 0.0], [1.0, 1.0]]]
    np.testing.assert_allclose(
        cosine_embedding_loss(pairs, [1, -1], reduction="none"), [1 - 2**-0.5, 2**-0.5], rtol=1e-14
    )
    assert float(cosine_embedding_loss(pairs[0], -1, margin=0.8)) == 0.0  # hand: 0.7071 < 0.8
    # PyTorch docs, HingeEmbeddingLoss: x for y = 1, max(0, margin - x) for y = -1
    np.testing.assert_allclose(hinge_embedding_loss([0.3, 0.3, 2.0], [1, -1, -1], reduction="none"), [0.3, 0.7, 0.0])


def test_info_nce_and_nt_xent_hand_values():
    # hand: orthonormal queries equal to their keys, tau = 1: -log(e / (e + 1)) = log(1 + e^-1) = 0.31326
    eye = np.eye(2)
    assert float(info_nce_loss(eye, eye, temperature=1.0)) == pytest.approx(np.log1p(np.exp(-1.0)), rel=1e-14)
    # hand: NT-Xent on views (e1, e2, e1, e2), tau = 1: each anchor sees its partner (cos 1) and two others (cos 0):
    # -log(e / (e + 2)) = log(1 + 2 / e) = 0.55144
    z = np.concatenate([eye, eye])
    assert float(nt_xent_loss(z, temperature=1.0)) == pytest.approx(np.log1p(2 / np.e), rel=1e-14)
    assert nt_xent_loss(z, temperature=1.0, reduction="none").shape == (4,)


def test_info_nce_is_scale_invariant():
    # cosine similarity: rescaling a query changes neither the loss nor the gradient direction (gradient / scale)
    rng = np.random.default_rng(2)
    q, k = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    assert float(info_nce_loss(3 * q, k)) == pytest.approx(float(info_nce_loss(q, k)), rel=1e-12)
    np.testing.assert_allclose(info_nce_loss_grad(3 * q, k) * 3, info_nce_loss_grad(q, k), rtol=1e-10)


def test_validation_messages():
    with pytest.raises(ValueError, match=r"scores must have shape \(N, 2\) \(the pair x1, x2\) or \(2,\)"):
        margin_ranking_loss([1.0, 2.0, 3.0], 1)
    with pytest.raises(ValueError, match=r"target must have shape \(2,\), one label per example"):
        margin_ranking_loss([[1.0, 2.0], [0.0, 1.0]], [1, 1, 1])
    with pytest.raises(ValueError, match="target must be 1 .similar pair. or 0 .dissimilar pair., got -1.0"):
        contrastive_loss([[0.0, 0.0], [1.0, 1.0]], -1)
    with pytest.raises(ValueError, match=r"triplets must have shape \(N, 3, D\) or \(3, D\)"):
        triplet_margin_loss(np.zeros((2, 2)))
    with pytest.raises(TypeError, match="squared must be True or False"):
        triplet_margin_loss(np.zeros((3, 2)), squared="yes")
    with pytest.raises(ValueError, match="pairs contains a zero vector; its cosine similarity is undefined"):
        cosine_embedding_loss([[0.0, 0.0], [1.0, 1.0]], 1)
    with pytest.raises(ValueError, match=r"margin must be a finite number in \[-1, 1\], got 2.0"):
        cosine_embedding_loss([[1.0, 0.0], [1.0, 1.0]], -1, margin=2.0)
    with pytest.raises(ValueError, match="queries and keys must have the same shape"):
        info_nce_loss(np.ones((3, 2)), np.ones((2, 2)))
    with pytest.raises(ValueError, match=r"queries must have shape \(N, D\) with N >= 2"):
        info_nce_loss(np.ones((1, 2)), np.ones((1, 2)))
    with pytest.raises(ValueError, match="embeddings must have an even number of rows 2N"):
        nt_xent_loss(np.ones((3, 2)))
    with pytest.raises(ValueError, match=r"temperature must be a finite number in \(0, inf\), got 0.0"):
        nt_xent_loss(np.ones((4, 2)), temperature=0.0)
