// Parity of the Part II (loss zoo) functions of book/_static/lossfns.js with lossfns, through tests/js/vectors.json
// (written by tests/make_js_vectors.py from lossfns). Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import * as L from "../../book/_static/lossfns.js";
import { close, vectors } from "./helpers.mjs";

test("the zoo vectors cover every mirrored loss", () => {
  assert.ok(vectors.regression.length >= 30);
  assert.ok(vectors.binary.length >= 300);
  assert.ok(vectors.multiclass.length >= 40);
  assert.ok(vectors.kl.some((c) => c.name === "kl_pair") && vectors.kl.some((c) => c.kl_q_p === null));
});

test("regression losses (MSE, MAE, Huber, quantile) agree with lossfns", () => {
  for (const c of vectors.regression) {
    const what = `${c.name} (delta ${c.delta}, tau ${c.tau})`;
    close(L.mseLoss(c.prediction, c.target), c.mse, `${what} mseLoss`);
    close(L.maeLoss(c.prediction, c.target), c.mae, `${what} maeLoss`);
    close(L.huberLoss(c.prediction, c.target, c.delta), c.huber, `${what} huberLoss`);
    close(L.quantileLoss(c.prediction, c.target, c.tau), c.quantile, `${what} quantileLoss`);
  }
});

test("binary margin losses and the focal loss agree with lossfns, extreme scores included", () => {
  for (const c of vectors.binary) {
    const what = `score ${c.score}, target ${c.target}`;
    close(L.hingeLoss(c.score, c.target), c.hinge, `${what} hingeLoss`);
    close(L.softMarginLoss(c.score, c.target), c.soft_margin, `${what} softMarginLoss`);
    close(L.zeroOneLoss(c.score, c.target), c.zero_one, `${what} zeroOneLoss`);
    if (c.exponential === null) assert.equal(L.exponentialLoss(c.score, c.target), Infinity, `${what} exponentialLoss`);
    else close(L.exponentialLoss(c.score, c.target), c.exponential, `${what} exponentialLoss`);
    const y = (c.target + 1) / 2;
    close(L.focalLoss(c.score, y, c.gamma, c.alpha), c.focal, `${what} focalLoss gamma ${c.gamma} alpha ${c.alpha}`);
  }
});

test("squared hinge and label-smoothed cross-entropy agree with lossfns", () => {
  for (const c of vectors.multiclass) {
    const what = `${c.name} (label ${c.label}, margin ${c.margin}, eps ${c.eps})`;
    close(L.squaredHingeLoss(c.scores, c.label, c.margin), c.squared_hinge, `${what} squaredHingeLoss`);
    close(L.labelSmoothedCrossEntropy(c.scores, c.label, c.eps), c.label_smoothed_cross_entropy, `${what} LS-CE`);
  }
});

test("KL divergence in both directions and the pair of chapter 14 agree with lossfns", () => {
  for (const c of vectors.kl) {
    if (c.shift !== undefined) {
      const { grid, p, q } = L.klPair(c.shift);
      close(grid, c.grid, `klPair(${c.shift}) grid`);
      close(p, c.p, `klPair(${c.shift}) p`);
      close(q, c.q, `klPair(${c.shift}) q`);
    }
    close(L.klDivergence(c.q, c.p), c.kl_p_q, `${c.name} KL(p || q)`);
    if (c.kl_q_p === null) assert.throws(() => L.klDivergence(c.p, c.q), /prediction must be > 0 wherever the target is/);
    else close(L.klDivergence(c.p, c.q), c.kl_q_p, `${c.name} KL(q || p)`);
  }
});

test("hand values: Huber, pinball, focal, label smoothing, KL", () => {
  // lossfns docstrings (hand derivations): huber([0.5, 3], 0) = (0.125 + 2.5) / 2; pinball tau 0.9 -> (0.9 + 0.1) / 2;
  // focal(0, 1, gamma 2) = 0.5^2 ln 2; LS-CE of [0, 0, 0] is ln 3 for any eps; KL([0.5, 0.5] from [1, 0]) = ln 2.
  close(L.huberLoss([0.5, 3.0], [0.0, 0.0]), 1.3125, "huber");
  close(L.quantileLoss([0.0, 0.0], [1.0, -1.0], 0.9), 0.5, "pinball");
  close(L.focalLoss(0, 1, 2), 0.25 * Math.LN2, "focal");
  close(L.labelSmoothedCrossEntropy([0, 0, 0], 1, 0.3), Math.log(3), "LS-CE");
  close(L.klDivergence([0.5, 0.5], [1, 0]), Math.LN2, "KL");
  close(L.softMarginLoss(-1e4, 1), 1e4, "logistic at -1e4 (no overflow)");
});

test("bad settings throw and name the argument", () => {
  assert.throws(() => L.huberLoss(1, 0, 0), /delta must be a finite number in \(0, Infinity\], got 0/);
  assert.throws(() => L.quantileLoss(1, 0, 1), /tau must be a finite number in \(0, 1\), got 1/);
  assert.throws(() => L.focalLoss(1, 1, -1), /gamma must be/);
  assert.throws(() => L.labelSmoothedCrossEntropy([1, 2], 0, 1), /eps must be/);
  assert.throws(() => L.mseLoss([1, 2], [1]), /same length/);
  assert.throws(() => L.klDivergence([0, 1], [0.5, 0.5]), /prediction must be > 0/);
});
