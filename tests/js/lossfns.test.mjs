// Parity of book/_static/lossfns.js with the Python package lossfns, through tests/js/vectors.json
// (written by tests/make_js_vectors.py from lossfns). Run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";

import * as L from "../../book/_static/lossfns.js";
import { close, vectors } from "./helpers.mjs";

test("the vectors cover the running example, extremes and random cases", () => {
  assert.ok(vectors.cases.length >= 300);
  assert.ok(vectors.cases.some((c) => c.name === "example frog image"));
  assert.ok(vectors.cases.some((c) => c.name.startsWith("extreme:")));
  assert.ok(vectors.batches.length >= 10);
});

test("per-example quantities agree with lossfns to 1e-9 relative", () => {
  for (const c of vectors.cases) {
    const what = `${c.name} (label ${c.label}, margin ${c.margin}, T ${c.temperature})`;
    close(L.svmMargins(c.scores, c.label, c.margin), c.svm_margins, `${what} svmMargins`);
    close(L.svmLoss(c.scores, c.label, c.margin), c.svm_loss, `${what} svmLoss`);
    close(L.logsumexp(c.scores), c.logsumexp, `${what} logsumexp`);
    close(L.logSoftmax(c.scores), c.log_softmax, `${what} logSoftmax`);
    close(L.softmax(c.scores), c.softmax, `${what} softmax`);
    close(L.crossEntropy(c.scores, c.label), c.cross_entropy, `${what} crossEntropy`);
    close(L.temperedSoftmax(c.scores, c.temperature), c.tempered_softmax, `${what} temperedSoftmax`);
    close(L.temperedCrossEntropy(c.scores, c.label, c.temperature), c.tempered_cross_entropy, `${what} temperedCE`);
  }
});

test("batch losses and their means agree with lossfns", () => {
  for (const b of vectors.batches) {
    close(L.svmLosses(b.scores, b.labels, b.margin), b.svm_losses, `${b.name} svmLosses`);
    close(L.svmLossMean(b.scores, b.labels, b.margin), b.svm_loss_mean, `${b.name} svmLossMean`);
    close(L.crossEntropies(b.scores, b.labels), b.cross_entropies, `${b.name} crossEntropies`);
    close(L.crossEntropyMean(b.scores, b.labels), b.cross_entropy_mean, `${b.name} crossEntropyMean`);
  }
});

test("the running example matches the hand derivation (CS231n lecture 3)", () => {
  // Hand derivation in /work/shared/reference/anchors.md: SVM 2.9, 0, 12.9 (mean 5.2667); CE 2.0404, 0.0791, 6.1565.
  const scores = [[3.2, 5.1, -1.7], [1.3, 4.9, 2.0], [2.2, 2.5, -3.1]];
  const labels = [0, 1, 2];
  assert.deepEqual(L.svmLosses(scores, labels).map((v) => v.toFixed(4)), ["2.9000", "0.0000", "12.9000"]);
  assert.equal(L.svmLossMean(scores, labels).toFixed(4), "5.2667");
  assert.deepEqual(L.crossEntropies(scores, labels).map((v) => v.toFixed(4)), ["2.0404", "0.0791", "6.1565"]);
});

test("max-shift keeps huge scores finite (naive exp overflows)", () => {
  // exp(1000) is Infinity in float64; logsumexp([1000, 1000]) = 1000 + ln 2.
  assert.equal(Math.exp(1000), Infinity);
  close(L.logsumexp([1000, 1000]), 1000 + Math.LN2, "logsumexp");
  close(L.softmax([123, 456, 789]), [0, 0, 1], "softmax");
  assert.ok(Number.isFinite(L.crossEntropy([0, 800, -800], 2)));
});

test("bad input throws and names the argument", () => {
  assert.throws(() => L.svmLoss([1, 2], 2), /label must be an integer in \[0, 1\], got 2/);
  assert.throws(() => L.svmLoss([1, 2], 0, -1), /margin must be a finite number >= 0, got -1/);
  assert.throws(() => L.crossEntropy([1, NaN], 0), /scores must hold finite numbers, got NaN/);
  assert.throws(() => L.temperedCrossEntropy([1, 2], 0, 0), /temperature must be a finite number > 0, got 0/);
  assert.throws(() => L.softmax([]), /scores must be a non-empty array/);
  assert.throws(() => L.crossEntropy([3.7], 0), /at least 2 classes/);
  assert.throws(() => L.svmLosses([[1, 2]], [0, 1]), /same length N/);
});

test("training losses and their score gradients agree with lossfns", () => {
  for (const g of vectors.grads) {
    const { loss, grad } = L.meanLossAndGrad(g.loss, g.scores, g.labels);
    close(loss, g.mean_loss, `${g.name} ${g.loss} mean loss`);
    close(grad, g.grad, `${g.name} ${g.loss} grad`);
  }
  assert.equal(new Set(vectors.grads.map((g) => g.loss)).size, 4);
});

test("gradient descent follows lossfns.training.Trainer step by step", () => {
  for (const c of vectors.training) {
    const t = new L.Trainer({ X: c.X, y: c.y, W: c.W0, b: c.b0, loss: c.loss, reg: c.reg, learningRate: c.learning_rate });
    for (const a of c.after) {
      t.step(a.steps - t.iteration);
      const what = `${c.loss} reg ${c.reg} lr ${c.learning_rate} after ${a.steps} steps`;
      close(t.W, a.W, `${what} W`);
      close(t.b, a.b, `${what} b`);
      close(t.dataHistory.at(-1), a.data_loss, `${what} data loss`);
      close(t.regHistory.at(-1), a.reg_loss, `${what} reg loss`);
      assert.equal(t.accuracy(), a.accuracy, `${what} accuracy`);
    }
  }
});
