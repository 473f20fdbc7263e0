// lossfns.js: the book's losses in the browser, mirroring the Python package `lossfns` line by line.
//
// The website's explorers compute with this module because a reader of the built book has no Python kernel.
// It mirrors lossfns._svm (svm_margins, svm_loss) and lossfns._softmax (logsumexp, log_softmax, softmax,
// softmax_cross_entropy, softmax_cross_entropy_with_temperature) with the same formulas in the same order:
// every exponential is taken after shifting the scores by their maximum, so nothing overflows and the
// logarithm never sees 0. tests/js/vectors.json (written by tests/make_js_vectors.py from lossfns) pins the
// results to 1e-9 relative, under `node --test tests/js/` and again in Chromium (tests/browser/).
//
// Arrays are plain JS arrays of numbers: one example is a score vector of length C with an integer label;
// a batch is an array of N such vectors with N labels. Bad input throws a TypeError or RangeError naming the
// argument, like lossfns' ValueError/TypeError.

function checkScores(scores, name = "scores") {
  if (!Array.isArray(scores) || scores.length === 0) {
    throw new TypeError(`${name} must be a non-empty array of numbers, got ${JSON.stringify(scores)}`);
  }
  for (const s of scores) {
    if (typeof s !== "number" || !Number.isFinite(s)) {
      throw new RangeError(`${name} must hold finite numbers, got ${s}; replace NaN/inf entries`);
    }
  }
  return scores;
}

function checkLabel(label, numClasses) {
  if (numClasses < 2) {
    throw new RangeError(`scores must have at least 2 classes, got ${numClasses}; a loss compares the true class with others`);
  }
  if (!Number.isInteger(label) || label < 0 || label >= numClasses) {
    throw new RangeError(`label must be an integer in [0, ${numClasses - 1}], got ${label}`);
  }
  return label;
}

function checkMargin(margin) {
  if (typeof margin !== "number" || !Number.isFinite(margin) || margin < 0) {
    throw new RangeError(`margin must be a finite number >= 0, got ${margin}; CS231n uses 1.0`);
  }
  return margin;
}

function checkTemperature(temperature) {
  if (typeof temperature !== "number" || !Number.isFinite(temperature) || temperature <= 0) {
    throw new RangeError(`temperature must be a finite number > 0, got ${temperature}; T = 1 is plain softmax`);
  }
  return temperature;
}

function checkBatch(scores, labels) {
  if (!Array.isArray(scores) || !Array.isArray(labels) || scores.length !== labels.length || scores.length === 0) {
    throw new RangeError("scores (N x C) and labels (N) must be non-empty arrays of the same length N");
  }
}

function max(values) {
  let m = values[0];
  for (let j = 1; j < values.length; j += 1) {
    if (values[j] > m) m = values[j];
  }
  return m;
}

function sum(values) {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/**
 * The per-class hinge terms max(0, s_j - s_y + margin), with 0 at the true class (lossfns.svm_margins).
 * @param {number[]} scores class scores, length C
 * @param {number} label index of the true class
 * @param {number} [margin=1] the margin Delta >= 0
 * @returns {number[]} length C
 */
export function svmMargins(scores, label, margin = 1.0) {
  checkScores(scores);
  checkLabel(label, scores.length);
  checkMargin(margin);
  const sy = scores[label];
  return scores.map((s, j) => (j === label ? 0 : Math.max(0, s - sy + margin)));
}

/**
 * Multiclass SVM (hinge) loss of one example, Weston-Watkins form: the sum of the hinge terms (lossfns.svm_loss).
 * @returns {number}
 */
export function svmLoss(scores, label, margin = 1.0) {
  return sum(svmMargins(scores, label, margin));
}

/** Per-example SVM losses of a batch (lossfns.svm_loss(..., reduction="none")). */
export function svmLosses(scores, labels, margin = 1.0) {
  checkBatch(scores, labels);
  return scores.map((row, i) => svmLoss(row, labels[i], margin));
}

/** Mean SVM loss over a batch (lossfns.svm_loss(..., reduction="mean")). */
export function svmLossMean(scores, labels, margin = 1.0) {
  return sum(svmLosses(scores, labels, margin)) / scores.length;
}

/** Stable log(sum_j exp(s_j)) = m + log(sum_j exp(s_j - m)), m = max_j s_j (lossfns.logsumexp). */
export function logsumexp(scores) {
  checkScores(scores);
  const m = max(scores);
  return Math.log(sum(scores.map((s) => Math.exp(s - m)))) + m;
}

/** Stable log-probabilities s_j - logsumexp(s), computed on the max-shifted scores (lossfns.log_softmax). */
export function logSoftmax(scores) {
  checkScores(scores);
  const m = max(scores);
  const shifted = scores.map((s) => s - m);
  const logZ = Math.log(sum(shifted.map(Math.exp)));
  return shifted.map((s) => s - logZ);
}

/** Softmax probabilities exp(s_j - m) / sum_k exp(s_k - m) (lossfns.softmax). */
export function softmax(scores) {
  checkScores(scores);
  const m = max(scores);
  const e = scores.map((s) => Math.exp(s - m));
  const z = sum(e);
  return e.map((v) => v / z);
}

/**
 * Softmax cross-entropy of one example, natural log: logsumexp(s) - s_y computed on the shifted scores
 * (lossfns.softmax_cross_entropy), never as -log(softmax(s)[y]), which underflows to -log 0.
 */
export function crossEntropy(scores, label) {
  checkScores(scores);
  checkLabel(label, scores.length);
  const m = max(scores);
  const shifted = scores.map((s) => s - m);
  return Math.log(sum(shifted.map(Math.exp))) - shifted[label];
}

/** Per-example cross-entropy losses of a batch (reduction="none"). */
export function crossEntropies(scores, labels) {
  checkBatch(scores, labels);
  return scores.map((row, i) => crossEntropy(row, labels[i]));
}

/** Mean cross-entropy over a batch (reduction="mean"). */
export function crossEntropyMean(scores, labels) {
  return sum(crossEntropies(scores, labels)) / scores.length;
}

/** The tempered softmax softmax(s / T). */
export function temperedSoftmax(scores, temperature = 1.0) {
  checkTemperature(temperature);
  return softmax(checkScores(scores).map((s) => s / temperature));
}

/** Cross-entropy of softmax(s / T) (lossfns.softmax_cross_entropy_with_temperature). */
export function temperedCrossEntropy(scores, label, temperature = 1.0) {
  checkTemperature(temperature);
  return crossEntropy(checkScores(scores).map((s) => s / temperature), label);
}
