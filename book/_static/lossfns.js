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

// ---------------------------------------------------------------------------------------------------------
// Training a linear classifier (chapter 6's playground), mirroring lossfns.training: the four losses it knows,
// their mean over a batch with the score gradient dL/dS, and full-batch gradient descent on
// L = mean_i L_i(x_i W + b, y_i) + reg * sum(W^2). Matrices are arrays of rows.

/** The loss names of lossfns.training.LOSSES. */
export const TRAINING_LOSSES = ["svm", "ova", "cs", "softmax"];

function checkMatrix(M, name) {
  if (!Array.isArray(M) || M.length === 0 || !M.every((row) => Array.isArray(row) && row.length === M[0].length)) {
    throw new TypeError(`${name} must be a non-empty array of equal-length rows`);
  }
  return M;
}

/** One-vs-all hinge of one example: sum_j max(0, margin - t_j s_j), t = +1 at the label, -1 elsewhere. */
export function oneVsAllHingeLoss(scores, label, margin = 1.0) {
  checkScores(scores);
  checkLabel(label, scores.length);
  checkMargin(margin);
  return sum(scores.map((s, j) => Math.max(0, j === label ? margin - s : s + margin)));
}

function rivalOf(scores, label) {
  let rival = -1;
  for (let j = 0; j < scores.length; j += 1) {
    if (j !== label && (rival < 0 || scores[j] > scores[rival])) rival = j; // first one on ties, as np.argmax
  }
  return rival;
}

/** Crammer-Singer hinge of one example: max(0, max_{j != y} s_j - s_y + margin). */
export function crammerSingerLoss(scores, label, margin = 1.0) {
  checkScores(scores);
  checkLabel(label, scores.length);
  checkMargin(margin);
  return Math.max(0, scores[rivalOf(scores, label)] - scores[label] + margin);
}

/**
 * Mean loss over a batch and its gradient with respect to the scores (reduction "mean"), for loss "svm",
 * "ova", "cs" or "softmax" (lossfns' svm_loss, one_vs_all_hinge_loss, crammer_singer_loss,
 * softmax_cross_entropy and their *_grad functions, margin 1).
 * @returns {{loss: number, grad: number[][]}}
 */
export function meanLossAndGrad(name, scores, labels, margin = 1.0) {
  checkMatrix(scores, "scores");
  checkBatch(scores, labels);
  const n = scores.length;
  let total = 0;
  const grad = scores.map((s, i) => {
    const y = labels[i];
    const g = new Array(s.length).fill(0);
    if (name === "svm") {
      const m = svmMargins(s, y, margin);
      total += sum(m);
      let count = 0;
      m.forEach((v, j) => { if (v > 0) { g[j] = 1 / n; count += 1; } });
      g[y] = -count / n;
    } else if (name === "ova") {
      total += oneVsAllHingeLoss(s, y, margin);
      s.forEach((v, j) => {
        if (j === y) { if (margin - v > 0) g[j] = -1 / n; } else if (v + margin > 0) g[j] = 1 / n;
      });
    } else if (name === "cs") {
      const l = crammerSingerLoss(s, y, margin);
      total += l;
      if (l > 0) { g[rivalOf(s, y)] = 1 / n; g[y] = -1 / n; }
    } else if (name === "softmax") {
      total += crossEntropy(s, y);
      softmax(s).forEach((p, j) => { g[j] = (p - (j === y ? 1 : 0)) / n; });
    } else {
      throw new RangeError(`loss must be one of ${TRAINING_LOSSES.join(", ")}, got ${name}`);
    }
    return g;
  });
  return { loss: total / n, grad };
}

/** Scores X W + b of every row of X (N x D), W (D x C), b (C). */
export function linearScores(W, b, X) {
  return X.map((x) => b.map((bj, j) => {
    let s = 0;
    for (let k = 0; k < x.length; k += 1) s += x[k] * W[k][j];
    return s + bj;
  }));
}

/** reg * sum(W^2), the L2 part of the objective (lossfns.training.l2_penalty times reg). */
export function l2Penalty(W, reg) {
  let total = 0;
  for (const row of W) for (const w of row) total += w * w;
  return reg * total;
}

/** lossfns.training.objective_and_grads: {data, penalty, dW = X^T dS + 2 reg W, db = sum_i dS_i}. */
export function objectiveAndGrads(W, b, X, y, loss, reg) {
  checkMatrix(X, "X");
  checkMatrix(W, "W");
  if (!(reg >= 0)) throw new RangeError(`reg must be a finite number >= 0, got ${reg}`);
  const { loss: data, grad: dS } = meanLossAndGrad(loss, linearScores(W, b, X), y);
  const dW = W.map((row, k) => row.map((w, j) => {
    let g = 0;
    for (let i = 0; i < X.length; i += 1) g += X[i][k] * dS[i][j];
    return g + 2 * reg * w;
  }));
  const db = b.map((_, j) => {
    let g = 0;
    for (let i = 0; i < dS.length; i += 1) g += dS[i][j];
    return g;
  });
  return { data, penalty: l2Penalty(W, reg), dW, db };
}

/**
 * Full-batch gradient descent as lossfns.training.Trainer does it: `step(n)` moves W and b against the
 * gradient and records the objective's two parts after each step (history[0] is the start).
 */
export class Trainer {
  constructor({ X, y, W, b, loss = "svm", reg = 0.01, learningRate = 0.1 }) {
    this.X = checkMatrix(X, "X");
    this.y = y;
    this.W0 = checkMatrix(W, "W").map((row) => row.slice());
    this.b0 = b.slice();
    this.loss = loss;
    this.reg = reg;
    this.learningRate = learningRate;
    this.reset();
  }

  reset() {
    this.W = this.W0.map((row) => row.slice());
    this.b = this.b0.slice();
    this.iteration = 0;
    const [data, penalty] = this.objective();
    this.dataHistory = [data];
    this.regHistory = [penalty];
  }

  objective() {
    const { loss: data } = meanLossAndGrad(this.loss, linearScores(this.W, this.b, this.X), this.y);
    return [data, l2Penalty(this.W, this.reg)];
  }

  step(n = 1) {
    if (!(this.learningRate > 0)) throw new RangeError(`learning rate must be > 0, got ${this.learningRate}`);
    for (let t = 0; t < n; t += 1) {
      const { dW, db } = objectiveAndGrads(this.W, this.b, this.X, this.y, this.loss, this.reg);
      this.W = this.W.map((row, k) => row.map((w, j) => w - this.learningRate * dW[k][j]));
      this.b = this.b.map((v, j) => v - this.learningRate * db[j]);
      this.iteration += 1;
      const [data, penalty] = this.objective();
      this.dataHistory.push(data);
      this.regHistory.push(penalty);
    }
  }

  predict(x) {
    const s = linearScores(this.W, this.b, [x])[0];
    let best = 0;
    for (let j = 1; j < s.length; j += 1) if (s[j] > s[best]) best = j;
    return best;
  }

  accuracy() {
    let right = 0;
    this.X.forEach((x, i) => { if (this.predict(x) === this.y[i]) right += 1; });
    return right / this.X.length;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Part II, the loss zoo (chapters 11, 12 and 14's explorers), mirroring lossfns._regression, lossfns._margin,
// lossfns._classification, lossfns._svm.squared_hinge_loss, lossfns._softmax.label_smoothed_cross_entropy,
// lossfns._divergence.kl_divergence and lossfns.plots_zoo.kl_pair. Elementwise losses take one number or two
// arrays of the same length and return one number: the mean over the entries (lossfns' reduction="mean").

function checkFinite(x, name) {
  if (typeof x !== "number" || !Number.isFinite(x)) {
    throw new RangeError(`${name} must be a finite number, got ${x}`);
  }
  return x;
}

function checkSetting(x, name, low, high, hint) {
  if (typeof x !== "number" || !Number.isFinite(x) || x < low[0] || (low[1] && x === low[0])
      || x > high[0] || (high[1] && x === high[0])) {
    throw new RangeError(`${name} must be a finite number in ${low[1] ? "(" : "["}${low[0]}, ${high[0]}`
      + `${high[1] ? ")" : "]"}, got ${x}; ${hint}`);
  }
  return x;
}

/** The mean of f(prediction_i, target_i) over two equal-length arrays (or f(prediction, target) of two numbers). */
function elementwiseMean(prediction, target, f) {
  if (typeof prediction === "number" && typeof target === "number") {
    return f(checkFinite(prediction, "prediction"), checkFinite(target, "target"));
  }
  checkScores(prediction, "prediction");
  checkScores(target, "target");
  if (prediction.length !== target.length) {
    throw new RangeError(`prediction and target must have the same length, got ${prediction.length} and ${target.length}`);
  }
  let total = 0;
  for (let i = 0; i < prediction.length; i += 1) total += f(prediction[i], target[i]);
  return total / prediction.length;
}

/** Numerically stable log(exp(a) + exp(b)), as numpy.logaddexp. */
export function logaddexp(a, b) {
  if (a === b) return a + Math.LN2;
  const d = a - b;
  return d > 0 ? a + Math.log1p(Math.exp(-d)) : b + Math.log1p(Math.exp(d));
}

/** softplus(x) = log(1 + e^x) = logaddexp(0, x) (lossfns._classification.softplus). */
export function softplus(x) {
  return logaddexp(0, x);
}

/** The logistic sigmoid exp(-softplus(-x)) (lossfns._classification.sigmoid), finite for every finite x. */
export function sigmoid(x) {
  return Math.exp(-softplus(-x));
}

/** Mean squared error mean (p - t)^2 (lossfns.mse_loss). */
export function mseLoss(prediction, target) {
  return elementwiseMean(prediction, target, (p, t) => (p - t) ** 2);
}

/** Mean absolute error mean |p - t| (lossfns.mae_loss). */
export function maeLoss(prediction, target) {
  return elementwiseMean(prediction, target, (p, t) => Math.abs(p - t));
}

/** Huber loss 0.5 min(|r|, d)^2 + d (|r| - min(|r|, d)), r = p - t, d = delta > 0 (lossfns.huber_loss). */
export function huberLoss(prediction, target, delta = 1.0) {
  const d = checkSetting(delta, "delta", [0, true], [Infinity, false],
    "delta is where the loss turns from quadratic to linear; PyTorch and Keras use 1.0");
  return elementwiseMean(prediction, target, (p, t) => {
    const a = Math.abs(p - t);
    const quad = Math.min(a, d);
    return 0.5 * quad ** 2 + d * (a - quad);
  });
}

/** Quantile (pinball) loss max(tau u, (tau - 1) u), u = t - p, 0 < tau < 1 (lossfns.quantile_loss). */
export function quantileLoss(prediction, target, tau = 0.5) {
  const q = checkSetting(tau, "tau", [0, true], [1, true],
    "tau is the quantile to estimate: 0.5 is the median, 0.9 the 90th percentile");
  return elementwiseMean(prediction, target, (p, t) => {
    const u = t - p;
    return Math.max(q * u, (q - 1) * u);
  });
}

function checkMarginSetting(margin) {
  return checkSetting(margin, "margin", [0, false], [Infinity, false], "the hinge asks for t * s >= margin (usually 1.0)");
}

/** Binary hinge max(0, margin - t s), t = +-1 (lossfns.hinge_loss). */
export function hingeLoss(scores, targets, margin = 1.0) {
  const d = checkMarginSetting(margin);
  return elementwiseMean(scores, targets, (s, t) => Math.max(0, d - t * s));
}

/** Logistic (soft margin) loss log(1 + exp(-t s)) = logaddexp(0, -t s) (lossfns.soft_margin_loss). */
export function softMarginLoss(scores, targets) {
  return elementwiseMean(scores, targets, (s, t) => logaddexp(0, -(t * s)));
}

/** Exponential loss exp(-t s) (lossfns.exponential_loss). */
export function exponentialLoss(scores, targets) {
  return elementwiseMean(scores, targets, (s, t) => Math.exp(-(t * s)));
}

/** The 0-1 loss [t s <= 0] (lossfns.zero_one_loss). */
export function zeroOneLoss(scores, targets) {
  return elementwiseMean(scores, targets, (s, t) => (t * s <= 0 ? 1 : 0));
}

/** Binary cross-entropy from a logit x and a target probability t: t softplus(-x) + (1 - t) softplus(x). */
function bceTerm(x, t) {
  return t * softplus(-x) + (1 - t) * softplus(x);
}

/**
 * Sigmoid focal loss alpha_t (1 - p_t)^gamma BCE(x, t), 1 - p_t = t sigma(-x) + (1 - t) sigma(x)
 * (lossfns.focal_loss); alpha null means no class weight.
 */
export function focalLoss(logits, targets, gamma = 2.0, alpha = null) {
  const g = checkSetting(gamma, "gamma", [0, false], [Infinity, false],
    "gamma >= 0 down-weights easy examples; 0 gives cross-entropy");
  const a = alpha === null ? null : checkSetting(alpha, "alpha", [0, false], [1, false],
    "alpha weights the positive class (null: no weight)");
  return elementwiseMean(logits, targets, (x, t) => {
    const m = t * sigmoid(-x) + (1 - t) * sigmoid(x);
    const w = a === null ? 1 : a * t + (1 - a) * (1 - t);
    return w * m ** g * bceTerm(x, t);
  });
}

/** Squared multiclass hinge (L2-SVM): the sum of the squared hinge terms of svmMargins (lossfns.squared_hinge_loss). */
export function squaredHingeLoss(scores, label, margin = 1.0) {
  return sum(svmMargins(scores, label, margin).map((m) => m * m));
}

/**
 * Cross-entropy against smoothed labels (1 - eps) onehot(y) + eps / C, computed as
 * (1 - eps) CE + eps (logsumexp(s) - mean(s)) (lossfns.label_smoothed_cross_entropy), 0 <= eps < 1.
 */
export function labelSmoothedCrossEntropy(scores, label, eps = 0.1) {
  checkSetting(eps, "eps", [0, false], [1, true], "eps = 0 is plain cross-entropy; 0.1 is usual");
  const ce = crossEntropy(scores, label);
  if (eps === 0) return ce;
  const m = max(scores);
  const logNorm = Math.log(sum(scores.map((s) => Math.exp(s - m))));
  const uniform = logNorm - (sum(scores) / scores.length - m);
  return (1 - eps) * ce + eps * uniform;
}

/**
 * KL(p || q) = sum_j p_j (log p_j - log q_j) of the prediction q from the target p, 0 log 0 = 0
 * (lossfns.kl_divergence(prediction, target)); both are arrays of probabilities.
 */
export function klDivergence(prediction, target) {
  checkScores(prediction, "prediction");
  checkScores(target, "target");
  if (prediction.length !== target.length) {
    throw new RangeError(`prediction and target must have the same length, got ${prediction.length} and ${target.length}`);
  }
  let total = 0;
  for (let j = 0; j < target.length; j += 1) {
    const p = target[j];
    const q = prediction[j];
    if (p < 0 || q < 0) throw new RangeError(`probabilities must be >= 0, got ${p < 0 ? p : q}`);
    if (p > 0) {
      if (q === 0) throw new RangeError(`prediction must be > 0 wherever the target is, got 0 at ${j}`);
      total += p * (Math.log(p) - Math.log(q));
    }
  }
  return total;
}

/** numpy.linspace(start, stop, num): start + i * step, the last point exactly stop. */
export function linspace(start, stop, num) {
  const step = (stop - start) / (num - 1);
  return Array.from({ length: num }, (_, i) => (i === num - 1 ? stop : start + i * step));
}

/**
 * The pair of chapter 14 (lossfns.plots_zoo.kl_pair): on `bins` points of [-5, 5], a target p with two bumps
 * (centres -2 and 2, width 0.8) and a model q with one (centre `shift`, width 1.2), each normalised.
 * @returns {{grid: number[], p: number[], q: number[]}}
 */
export function klPair(shift = 0.0, bins = 21) {
  checkFinite(shift, "shift");
  const grid = linspace(-5.0, 5.0, bins);
  const bump = (centre, width) => grid.map((g) => Math.exp(-0.5 * ((g - centre) / width) ** 2));
  const b1 = bump(-2.0, 0.8);
  const b2 = bump(2.0, 0.8);
  const p = b1.map((v, j) => v + b2[j]);
  const q = bump(shift, 1.2);
  const sp = sum(p);
  const sq = sum(q);
  return { grid, p: p.map((v) => v / sp), q: q.map((v) => v / sq) };
}
