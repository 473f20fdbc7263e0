"""Tests of lossfns.training: the toy data, the objective and its gradients, gradient descent, input checks."""

from __future__ import annotations

import numpy as np
import pytest

from lossfns import crammer_singer_loss, softmax_cross_entropy, svm_loss
from lossfns.example import LABELS, SCORES
from lossfns.gradcheck import check_gradient
from lossfns.training import (
    LOSSES,
    Trainer,
    init_params,
    l1_penalty,
    l2_penalty,
    make_toy_data,
    objective,
    objective_and_grads,
    train,
)

ALL_LOSSES = sorted(LOSSES)


# --- the toy data -------------------------------------------------------------------------------------------


def test_toy_data_shape_labels_and_seed():
    X, y = make_toy_data(n_per_class=7)
    assert X.shape == (21, 2)
    assert np.bincount(y).tolist() == [7, 7, 7]
    X2, y2 = make_toy_data(n_per_class=7)
    np.testing.assert_array_equal(X, X2)  # a fixed seed gives the same data every time
    np.testing.assert_array_equal(y, y2)
    X3, _ = make_toy_data(n_per_class=7, seed=1)
    assert not np.allclose(X, X3)


def test_toy_data_without_noise_sits_on_the_class_centres():
    # spread 0: every point is its class centre, at angle 90 + 120 k degrees on the circle (by construction).
    X, y = make_toy_data(n_per_class=2, radius=2.0, spread=0.0)
    np.testing.assert_allclose(X[y == 0], [[0.0, 2.0]] * 2, atol=1e-12)
    np.testing.assert_allclose(X[y == 1], [[-np.sqrt(3.0), -1.0]] * 2)  # 2 * (cos 210, sin 210)
    np.testing.assert_allclose(X[y == 2], [[np.sqrt(3.0), -1.0]] * 2)  # 2 * (cos 330, sin 330)


# --- the objective: losses from lossfns, the penalty by hand --------------------------------------------------

# With X = I and b = 0 the scores are W itself, so the objective's data part is the running example's loss.
# Expected values: /work/shared/reference/anchors.md (hand computations from the CS231n slides).
@pytest.mark.parametrize(
    ("loss", "expected"),
    [("svm", 5.2667), ("cs", 3.1667), ("softmax", 2.7587)],
    ids=["weston-watkins", "crammer-singer", "softmax"],
)
def test_objective_on_the_running_example(loss, expected):
    data, penalty = objective(SCORES, np.zeros(3), np.eye(3), LABELS, loss=loss, reg=0.0)
    assert data == pytest.approx(expected, abs=1e-4)
    assert penalty == 0.0


def test_objective_one_vs_all_on_the_cat_image():
    # Hand: cat max(0, 1 - 3.2) + car max(0, 1 + 5.1) + frog max(0, 1 - 1.7) = 0 + 6.1 + 0.
    data, _ = objective(SCORES[:1], np.zeros(3), np.ones((1, 1)), [0], loss="ova")
    assert data == pytest.approx(6.1)


def test_objective_regularization_part_and_bias():
    W = np.array([[1.0, -2.0, 0.0], [0.5, 0.0, 3.0]])  # sum of squares 1 + 4 + 0.25 + 9 = 14.25 (by hand)
    b = np.array([0.3, -0.1, 0.2])
    X, y = make_toy_data(n_per_class=3)
    data, penalty = objective(W, b, X, y, loss="softmax", reg=0.1)
    assert penalty == pytest.approx(1.425)
    assert data == pytest.approx(float(softmax_cross_entropy(X @ W + b, y)))


def test_penalties_of_the_cs231n_regularization_example():
    # CS231n notes: w1 = [1, 0, 0, 0], w2 = [0.25] * 4; L2 gives 1 and 0.25, L1 gives 1 and 1.
    w1, w2 = [1.0, 0.0, 0.0, 0.0], [0.25] * 4
    assert (l2_penalty(w1), l2_penalty(w2)) == (1.0, 0.25)
    assert (l1_penalty(w1), l1_penalty(w2)) == (1.0, 1.0)


# --- gradients: the chain rule against central differences, and exact identities -------------------------------


def _problem(seed=3):
    rng = np.random.default_rng(seed)
    X, y = make_toy_data(n_per_class=4, seed=seed)
    return rng.standard_normal((2, 3)), 0.3 * rng.standard_normal(3), X, y


@pytest.mark.parametrize("loss", ALL_LOSSES)
def test_weight_gradient_matches_central_differences(loss):
    W, b, X, y = _problem()
    _, _, dW, db = objective_and_grads(W, b, X, y, loss=loss, reg=0.1)

    def f_W(w):
        return sum(objective(w, b, X, y, loss=loss, reg=0.1))

    def f_b(v):
        return sum(objective(W, v, X, y, loss=loss, reg=0.1))

    # A random point is almost surely away from the hinge's kinks, where the gradient is exact.
    assert check_gradient(f_W, dW, W) < 1e-7
    assert check_gradient(f_b, db, b) < 1e-7


@pytest.mark.parametrize("loss", ALL_LOSSES)
def test_regularization_adds_two_lambda_w(loss):
    W, b, X, y = _problem()
    *_, dW0, db0 = objective_and_grads(W, b, X, y, loss=loss, reg=0.0)
    *_, dW1, db1 = objective_and_grads(W, b, X, y, loss=loss, reg=0.25)
    np.testing.assert_allclose(dW1 - dW0, 2 * 0.25 * W, atol=1e-15)  # d(lambda sum W^2)/dW = 2 lambda W
    np.testing.assert_array_equal(db1, db0)  # the bias is not regularized


@pytest.mark.parametrize("loss", ["svm", "cs", "softmax"])
def test_bias_gradient_sums_to_zero_for_losses_that_compare_scores(loss):
    # These losses depend only on score differences, so each row of dL/dS sums to 0 (adding c to every score
    # changes nothing); then sum_j db_j = sum_i sum_j dS_ij = 0. One-vs-all compares scores with 0: not so.
    W, b, X, y = _problem()
    *_, db = objective_and_grads(W, b, X, y, loss=loss)
    assert abs(db.sum()) < 1e-12
    *_, db_ova = objective_and_grads(W, b, X, y, loss="ova")
    assert abs(db_ova.sum()) > 1e-3


def test_weight_gradient_is_x_transpose_times_score_gradient():
    # The chain rule written out: dW = X^T dS with dS from lossfns' score-level SVM gradient.
    from lossfns import svm_loss_grad

    W, b, X, y = _problem()
    *_, dW, _ = objective_and_grads(W, b, X, y, loss="svm")
    np.testing.assert_allclose(dW, X.T @ svm_loss_grad(X @ W + b, y))


# --- training ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("loss", ALL_LOSSES)
def test_training_reaches_95_percent_within_200_steps(loss):
    X, y = make_toy_data()
    trainer = Trainer(X, y, loss=loss, reg=0.01, learning_rate=0.1, seed=1)
    assert trainer.accuracy() < 0.5  # the seeded start is bad, so the test measures training
    reached = None
    for _ in range(200):
        trainer.step()
        if trainer.accuracy() >= 0.95:
            reached = trainer.iteration
            break
    assert reached is not None and reached <= 200


@pytest.mark.parametrize("loss", ALL_LOSSES)
def test_gradient_descent_lowers_the_objective(loss):
    X, y = make_toy_data()
    t = train(X, y, loss=loss, steps=50)
    totals = np.add(t.data_loss_history, t.reg_loss_history)
    assert totals[-1] < 0.5 * totals[0]


def test_history_iteration_and_reset():
    X, y = make_toy_data()
    t = Trainer(X, y, loss="svm")
    W0 = t.W.copy()
    t.step(3)
    assert t.iteration == 3
    assert len(t.data_loss_history) == len(t.reg_loss_history) == 4
    data, penalty = objective(t.W, t.b, X, y, loss="svm", reg=t.reg)
    assert (t.data_loss_history[-1], t.reg_loss_history[-1]) == (data, penalty)
    assert t.total_loss == data + penalty
    t.reset()
    assert t.iteration == 0 and len(t.data_loss_history) == 1
    np.testing.assert_array_equal(t.W, W0)


def test_one_step_is_w_minus_learning_rate_times_gradient():
    X, y = make_toy_data()
    t = Trainer(X, y, loss="softmax", reg=0.05, learning_rate=0.3)
    W, b = t.W.copy(), t.b.copy()
    *_, dW, db = objective_and_grads(W, b, X, y, loss="softmax", reg=0.05)
    t.step()
    np.testing.assert_allclose(t.W, W - 0.3 * dW)
    np.testing.assert_allclose(t.b, b - 0.3 * db)


@pytest.mark.parametrize("loss", ["svm", "softmax"])
def test_larger_lambda_gives_smaller_weights(loss):
    X, y = make_toy_data()
    norms = [l2_penalty(train(X, y, loss=loss, reg=reg, steps=200).W) for reg in (0.001, 0.01, 0.1)]
    assert norms[0] > norms[1] > norms[2]


def test_svm_is_satisfied_where_softmax_keeps_pushing():
    # Separable data (small spread), no regularization: the SVM reaches data loss 0 and its gradient vanishes;
    # W and 2W then both have data loss 0. Softmax cross-entropy stays > 0 and 2W has a lower loss than W.
    X, y = make_toy_data(spread=0.3)
    svm = train(X, y, loss="svm", reg=0.0, steps=200)
    assert svm.data_loss_history[-1] == 0.0
    *_, dW, db = objective_and_grads(svm.W, svm.b, X, y, loss="svm")
    assert not dW.any() and not db.any()
    assert objective(2 * svm.W, 2 * svm.b, X, y, loss="svm")[0] == 0.0
    soft = train(X, y, loss="softmax", reg=0.0, steps=200)
    data, _ = objective(soft.W, soft.b, X, y, loss="softmax")
    assert data > 0.0
    assert objective(2 * soft.W, 2 * soft.b, X, y, loss="softmax")[0] < data


def test_losses_agree_with_the_lossfns_functions_during_training():
    X, y = make_toy_data()
    t = train(X, y, loss="cs", steps=10)
    assert t.data_loss_history[-1] == pytest.approx(float(crammer_singer_loss(t.scores(), y)))
    t.loss = "svm"
    assert t.objective()[0] == pytest.approx(float(svm_loss(t.scores(), y)))


def test_init_params_is_seeded():
    W, b = init_params(seed=4)
    W2, _ = init_params(seed=4)
    np.testing.assert_array_equal(W, W2)
    assert W.shape == (2, 3) and not b.any()


# --- input validation -------------------------------------------------------------------------------------------


def test_bad_loss_name_lists_the_choices():
    X, y = make_toy_data()
    with pytest.raises(ValueError, match=r"loss must be one of 'svm' .*'softmax'.*; got 'hinge'"):
        Trainer(X, y, loss="hinge")
    with pytest.raises(ValueError, match="loss must be one of"):
        objective(*init_params(), X, y, loss="SVM")


@pytest.mark.parametrize("reg", [-0.1, float("nan"), float("inf")])
def test_negative_or_non_finite_lambda_is_refused(reg):
    X, y = make_toy_data()
    with pytest.raises(ValueError, match=r"reg must be a finite number in \[0, inf\).*use 0 for no regularization"):
        Trainer(X, y, reg=reg)


@pytest.mark.parametrize("lr", [0, 0.0, -0.5])
def test_non_positive_learning_rate_is_refused(lr):
    X, y = make_toy_data()
    with pytest.raises(ValueError, match=r"learning_rate must be a finite number in \(0, inf\).*positive step"):
        Trainer(X, y, learning_rate=lr)


def test_settings_are_checked_on_assignment_too():
    t = Trainer(*make_toy_data())
    with pytest.raises(ValueError, match="learning_rate must be"):
        t.learning_rate = -1.0
    with pytest.raises(TypeError, match="reg must be a number, got True"):
        t.reg = True
    with pytest.raises(ValueError, match="loss must be one of"):
        t.loss = "mse"
    assert (t.loss, t.reg, t.learning_rate) == ("svm", 0.01, 0.1)  # unchanged


def test_shape_and_step_count_errors():
    X, y = make_toy_data()
    W, b = init_params()
    with pytest.raises(ValueError, match=r"W must have shape \(D, C\) = \(2, C\)"):
        objective(np.ones((3, 3)), b, X, y)
    with pytest.raises(ValueError, match=r"b must have shape \(C,\) = \(3,\)"):
        objective(W, np.ones(2), X, y)
    with pytest.raises(ValueError, match=r"y must be in \[0, 2\]"):
        objective(W, b, X, np.full(len(y), 3))
    with pytest.raises(ValueError, match="n must be >= 0, got -1"):
        Trainer(X, y).step(-1)
    with pytest.raises(TypeError, match="steps must be an integer"):
        train(X, y, steps=2.5)
