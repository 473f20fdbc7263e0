// explorers.js: the book's live explorers on the website, where no Python kernel runs.
//
// In Jupyter each explorer is an ipywidget driven by lossfns (lossfns/widgets.py). Its text/html rendering,
// which the HTML build prefers, is a placeholder that this module brings to life:
//
//   <div class="lossfns-explorer" data-explorer="KIND" data-state='JSON'>
//     <figure><img src="data:image/png;base64,..." alt="..."><figcaption>...</figcaption></figure>
//     <p class="lossfns-nojs">...</p>
//   </div>
//
// KIND is "svm-image", "svm-table", "softmax", "compare", "playground" (chapter 6, state described at
// playground() below), or one of Part II's "robust-regression", "surrogates", "kl" (states documented in
// lossfns/widgets_zoo.py); the first four's JSON holds "classes", "images", "scores" (N x C),
// "labels", "range" {min, max, step} for score sliders, and per kind: svm-image "image", "margin",
// "margin_range"; svm-table "margin"; softmax "image", "temperature", "temperature_range"; compare "image",
// "moving_class", "margin", "sweep" {min, max}. Without JavaScript the static figure (drawn at the default
// values) and the line saying how to get the live version stay. With it, both are hidden and replaced by
// labelled sliders and number inputs that recompute on every `input` event with lossfns.js, the JavaScript
// mirror of lossfns (checked against lossfns by tests/js/ and tests/browser/).
//
// Numbers are shown with 4 decimals in elements carrying data-out="NAME" (tests read them); controls carry
// data-control="NAME". Charts are inline SVG drawn here (no library).

import * as L from "./lossfns.js";

const SVG_NS = "http://www.w3.org/2000/svg";
// Okabe-Ito colour-blind-safe palette, in the order of lossfns.plots: classes orange, sky blue, bluish green;
// the SVM loss vermillion, softmax cross-entropy blue (lossfns.plots.CLASS_COLORS, LOSS_COLORS).
const PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#F0E442", "#0072B2", "#D55E00", "#000000"];
const SVM_COLOUR = "#D55E00";
const CE_COLOUR = "#0072B2";
const LOSS_COLOUR = "currentColor"; // the text colour: black in the light theme, light in the dark one

let explorerCount = 0;

/** A number with 4 decimals, never "-0.0000". */
export function fmt(x) {
  if (Math.abs(x) >= 1e6) return x.toExponential(4);
  const text = x.toFixed(4);
  return /^-0\.0+$/.test(text) ? text.slice(1) : text;
}

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}

function svgEl(tag, attrs = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/**
 * A labelled control: <label> + range slider + number input, kept in sync; `onChange(value)` runs on every
 * `input` event of either with a finite value in (lowerBound, upperBound). Returns {get, set, range, number}.
 */
function slider(prefix, { name, label, min, max, step, value, lowerBound = -Infinity, upperBound = Infinity, onChange }) {
  const id = `${prefix}-${name}`;
  const range = el("input", {
    type: "range", id: `${id}-range`, min, max, step, value, "data-control": name,
  });
  const number = el("input", {
    type: "number", id: `${id}-number`, min, max, step, value, "data-control": `${name}-number`,
    "aria-label": `${label} (exact value)`,
  });
  const wrap = el("div", { class: "lossfns-control" }, [
    el("label", { for: `${id}-range`, text: label }), range, number,
  ]);
  let current = Number(value);
  const accept = (v, source) => {
    if (!Number.isFinite(v) || v <= lowerBound || v >= upperBound) {
      source.setAttribute("aria-invalid", "true");
      return;
    }
    source.removeAttribute("aria-invalid");
    current = v;
    if (source !== range) range.value = String(v);
    if (source !== number) number.value = String(v);
    onChange(v);
  };
  range.addEventListener("input", () => accept(range.valueAsNumber, range));
  number.addEventListener("input", () => accept(number.valueAsNumber, number));
  return {
    wrap, range, number,
    get: () => current,
    set: (v) => { current = v; range.value = String(v); number.value = String(v); },
  };
}

function picker(prefix, { name, label, options, value, onChange }) {
  const id = `${prefix}-${name}`;
  const select = el("select", { id, "data-control": name });
  options.forEach((text, i) => select.append(el("option", { value: String(i), text })));
  select.value = String(value);
  select.addEventListener("input", () => onChange(Number(select.value)));
  return { wrap: el("div", { class: "lossfns-control" }, [el("label", { for: id, text: label }), select]), select };
}

function output(name, label) {
  const out = el("output", { "data-out": name, class: "lossfns-number" });
  const row = el("div", { class: `lossfns-readout lossfns-readout-${name}` }, [
    el("span", { class: "lossfns-readout-label", text: `${label}: ` }), out,
  ]);
  return { row, out, set: (x) => { out.textContent = fmt(x); out.dataset.value = String(x); } };
}

/**
 * A vertical bar chart in SVG. `bars` are {label, colour}; update(values, yMax) moves the bars.
 */
function barChart({ title, yLabel, bars, height = 180 }) {
  const width = 60 + bars.length * 70;
  const top = 14;
  const bottom = height - 34;
  const left = 52;
  const svg = svgEl("svg", {
    viewBox: `0 0 ${width} ${height}`, width, height, role: "img", "aria-label": title, class: "lossfns-chart",
  });
  const axis = svgEl("line", { x1: left, x2: width - 4, y1: bottom, y2: bottom, class: "lossfns-axis" });
  const yAxis = svgEl("line", { x1: left, x2: left, y1: top, y2: bottom, class: "lossfns-axis" });
  const yText = svgEl("text", {
    x: 12, y: (top + bottom) / 2, class: "lossfns-axis-label", transform: `rotate(-90 12 ${(top + bottom) / 2})`,
    "text-anchor": "middle",
  });
  yText.textContent = yLabel;
  const yTickTop = svgEl("text", { x: left - 4, y: top + 4, "text-anchor": "end", class: "lossfns-tick" });
  const yTickZero = svgEl("text", { x: left - 4, y: bottom + 4, "text-anchor": "end", class: "lossfns-tick" });
  yTickZero.textContent = "0";
  svg.append(axis, yAxis, yText, yTickTop, yTickZero);
  const rects = bars.map((bar, j) => {
    const x = left + 12 + j * 70;
    const rect = svgEl("rect", { x, width: 46, y: bottom, height: 0, fill: bar.colour, "data-bar": String(j) });
    const name = svgEl("text", { x: x + 23, y: bottom + 16, "text-anchor": "middle", class: "lossfns-tick" });
    name.textContent = bar.label;
    const value = svgEl("text", { x: x + 23, y: bottom - 4, "text-anchor": "middle", class: "lossfns-tick" });
    svg.append(rect, name, value);
    return { rect, value, name };
  });
  // The true class's bar gets a dashed outline and "(true)" under it: colour is never the only cue.
  const markTrue = (k) => rects.forEach((r, j) => {
    r.name.textContent = j === k ? `${bars[j].label} (true)` : bars[j].label;
    r.rect.classList.toggle("lossfns-bar-true", j === k);
  });
  const update = (values, yMax) => {
    yTickTop.textContent = yMax.toFixed(yMax < 10 ? 2 : 1);
    values.forEach((v, j) => {
      const h = Math.max(0, Math.min(1, v / yMax)) * (bottom - top);
      rects[j].rect.setAttribute("y", String(bottom - h));
      rects[j].rect.setAttribute("height", String(h));
      rects[j].value.setAttribute("y", String(bottom - h - 4));
      rects[j].value.textContent = v.toFixed(2);
    });
  };
  return { svg, update, markTrue };
}

function niceMax(x) {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x) return m * p;
  return 10 * p;
}

function legend(items) {
  return el("p", { class: "lossfns-legend" }, items.map(({ colour, text, dashed }) => el("span", {}, [
    el("span", { class: `lossfns-swatch${dashed ? " lossfns-swatch-dashed" : ""}`, style: `border-color: ${colour}` }),
    document.createTextNode(text),
  ])));
}

// ---------------------------------------------------------------------------------------------------------
// The four explorers. Each builds its controls into `ui`, and its `render()` recomputes everything.

function svmImage(ui, state, prefix) {
  let image = state.image ?? 0;
  const scores = state.scores.map((row) => row.slice());
  const r = state.range;
  const mr = state.margin_range ?? { min: 0, max: 10, step: 0.1 };
  const trueClass = () => state.classes[state.labels[image]];
  const pick = picker(prefix, {
    name: "image", label: "Image", options: state.images, value: image,
    onChange: (i) => { image = i; sliders.forEach((s, j) => s.set(scores[image][j])); render(); },
  });
  const sliders = state.classes.map((cls, j) => slider(prefix, {
    name: `score-${j}`, label: `${cls} score`, min: r.min, max: r.max, step: r.step, value: scores[image][j],
    onChange: (v) => { scores[image][j] = v; render(); },
  }));
  const margin = slider(prefix, {
    name: "margin", label: "margin Δ", min: mr.min, max: mr.max, step: mr.step, value: state.margin,
    lowerBound: -1e-300, onChange: render,
  });
  const terms = state.classes.map((cls, j) => output(`term-${j}`, `${cls} term max(0, s_${cls} − s_true + Δ)`));
  const loss = output("loss", "SVM loss (sum of the terms)");
  const caption = el("p", { class: "lossfns-caption" });
  const chart = barChart({
    title: "Hinge term of each class and the SVM loss",
    yLabel: "hinge term / loss",
    bars: [...state.classes.map((c, j) => ({ label: c, colour: PALETTE[j % PALETTE.length] })),
      { label: "loss", colour: LOSS_COLOUR }],
  });
  ui.append(
    el("div", { class: "lossfns-controls" }, [pick.wrap, ...sliders.map((s) => s.wrap), margin.wrap]),
    el("div", { class: "lossfns-display" }, [caption, chart.svg, ...terms.map((t) => t.row), loss.row]),
  );
  function render() {
    const y = state.labels[image];
    const m = L.svmMargins(scores[image], y, margin.get());
    const total = L.svmLoss(scores[image], y, margin.get());
    m.forEach((v, j) => terms[j].set(v));
    terms.forEach((t, j) => { t.row.classList.toggle("lossfns-true-class", j === y); });
    loss.set(total);
    caption.textContent = `${state.images[image]}, true class: ${trueClass()} (its own term is 0 by definition).`;
    chart.markTrue(y);
    chart.update([...m, total], niceMax(Math.max(1, total)));
  }
  render();
}

function svmTable(ui, state, prefix) {
  const scores = state.scores.map((row) => row.slice());
  const r = state.range;
  const table = el("table", { class: "lossfns-table" });
  const head = el("tr", {}, [el("th", { scope: "col", text: "class score" }),
    ...state.images.map((img) => el("th", { scope: "col", text: img }))]);
  table.append(el("caption", {
    text: `Scores of every image (columns) for every class (rows), SVM margin Δ = ${state.margin}. `
      + "The true class's score of each image is marked ✓.",
  }), el("thead", {}, [head]));
  const body = el("tbody");
  state.classes.forEach((cls, j) => {
    const row = el("tr", {}, [el("th", { scope: "row", text: cls })]);
    state.images.forEach((img, i) => {
      const isTrue = state.labels[i] === j;
      const input = el("input", {
        type: "number", step: r.step, min: r.min, max: r.max, value: String(scores[i][j]),
        id: `${prefix}-score-${i}-${j}`, "data-control": `score-${i}-${j}`,
        "aria-label": `${cls} score of the ${img}${isTrue ? " (true class)" : ""}`,
      });
      input.addEventListener("input", () => {
        const v = input.valueAsNumber;
        if (!Number.isFinite(v)) { input.setAttribute("aria-invalid", "true"); return; }
        input.removeAttribute("aria-invalid");
        scores[i][j] = v;
        render();
      });
      row.append(el("td", { class: isTrue ? "lossfns-true-class" : "" }, [input, isTrue ? el("span", {
        class: "lossfns-mark", text: " ✓", "aria-hidden": "true",
      }) : document.createTextNode("")]));
    });
    body.append(row);
  });
  const lossRow = el("tr", { class: "lossfns-loss-row" }, [el("th", { scope: "row", text: "SVM loss" })]);
  const losses = state.images.map((img, i) => {
    const out = el("output", { "data-out": `loss-${i}`, class: "lossfns-number" });
    lossRow.append(el("td", {}, [out]));
    return out;
  });
  body.append(lossRow);
  table.append(body);
  const mean = output("mean", "mean SVM loss over the images");
  ui.append(el("div", { class: "lossfns-display" }, [table, mean.row]));
  function render() {
    const per = L.svmLosses(scores, state.labels, state.margin);
    per.forEach((v, i) => { losses[i].textContent = fmt(v); losses[i].dataset.value = String(v); });
    mean.set(L.svmLossMean(scores, state.labels, state.margin));
  }
  render();
}

function softmaxExplorer(ui, state, prefix) {
  let image = state.image ?? 0;
  const scores = state.scores.map((row) => row.slice());
  const r = state.range;
  const tr = state.temperature_range ?? { min: 0.1, max: 5, step: 0.1 };
  const pick = picker(prefix, {
    name: "image", label: "Image", options: state.images, value: image,
    onChange: (i) => { image = i; sliders.forEach((s, j) => s.set(scores[image][j])); render(); },
  });
  const sliders = state.classes.map((cls, j) => slider(prefix, {
    name: `score-${j}`, label: `${cls} score`, min: r.min, max: r.max, step: r.step, value: scores[image][j],
    onChange: (v) => { scores[image][j] = v; render(); },
  }));
  const temp = slider(prefix, {
    name: "temperature", label: "temperature T", min: tr.min, max: tr.max, step: tr.step,
    value: state.temperature ?? 1, lowerBound: 0, onChange: render,
  });
  const exps = state.classes.map((cls, j) => output(`exp-${j}`, `e^(s_${cls} / T)`));
  const probs = state.classes.map((cls, j) => output(`prob-${j}`, `p(${cls})`));
  const loss = output("loss", "cross-entropy loss −ln p(true class)");
  const caption = el("p", { class: "lossfns-caption" });
  const chart = barChart({
    title: "Softmax probability of each class",
    yLabel: "probability",
    bars: state.classes.map((c, j) => ({ label: c, colour: PALETTE[j % PALETTE.length] })),
  });
  ui.append(
    el("div", { class: "lossfns-controls" }, [pick.wrap, ...sliders.map((s) => s.wrap), temp.wrap]),
    el("div", { class: "lossfns-display" }, [caption, chart.svg, ...exps.map((e) => e.row), ...probs.map((p) => p.row), loss.row]),
  );
  function render() {
    const y = state.labels[image];
    const t = temp.get();
    const p = L.temperedSoftmax(scores[image], t);
    p.forEach((v, j) => probs[j].set(v));
    scores[image].forEach((s, j) => exps[j].set(Math.exp(s / t)));
    [...exps, ...probs].forEach((o, j) => o.row.classList.toggle("lossfns-true-class", j % exps.length === y));
    loss.set(L.temperedCrossEntropy(scores[image], y, t));
    caption.textContent = `${state.images[image]}, true class: ${state.classes[y]}; softmax of the scores / T.`;
    chart.markTrue(y);
    chart.update(p, 1);
  }
  render();
}

function compare(ui, state, prefix) {
  const image = state.image ?? 0;
  const y = state.labels[image];
  const k = state.moving_class;
  const base = state.scores[image].slice();
  const { min, max } = state.sweep;
  const step = state.range?.step ?? 0.1;
  const margin = state.margin ?? 1;
  const move = slider(prefix, {
    name: "moving-score", label: `${state.classes[k]} score (a wrong class of the ${state.images[image]})`,
    min, max, step, value: base[k], onChange: render,
  });
  const svmOut = output("svm-loss", "SVM loss");
  const ceOut = output("ce-loss", "cross-entropy loss");
  const W = 420;
  const H = 230;
  const pad = { l: 52, r: 10, t: 12, b: 40 };
  const n = 201;
  const xs = Array.from({ length: n }, (_, i) => min + ((max - min) * i) / (n - 1));
  const at = (s) => { const v = base.slice(); v[k] = s; return v; };
  const svmCurve = xs.map((s) => L.svmLoss(at(s), y, margin));
  const ceCurve = xs.map((s) => L.crossEntropy(at(s), y));
  const yMax = niceMax(Math.max(...svmCurve, ...ceCurve));
  const px = (s) => pad.l + ((s - min) / (max - min)) * (W - pad.l - pad.r);
  const py = (v) => H - pad.b - (Math.min(v, yMax) / yMax) * (H - pad.t - pad.b);
  const path = (ys) => xs.map((s, i) => `${i ? "L" : "M"}${px(s).toFixed(2)},${py(ys[i]).toFixed(2)}`).join("");
  const svg = svgEl("svg", {
    viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "img", class: "lossfns-chart",
    "aria-label": `SVM and cross-entropy loss of the ${state.images[image]} as the ${state.classes[k]} score moves`,
  });
  svg.append(
    svgEl("line", { x1: pad.l, x2: W - pad.r, y1: H - pad.b, y2: H - pad.b, class: "lossfns-axis" }),
    svgEl("line", { x1: pad.l, x2: pad.l, y1: pad.t, y2: H - pad.b, class: "lossfns-axis" }),
    svgEl("path", { d: path(svmCurve), stroke: SVM_COLOUR, fill: "none", "stroke-width": 2, "data-curve": "svm" }),
    svgEl("path", {
      d: path(ceCurve), stroke: CE_COLOUR, fill: "none", "stroke-width": 2, "stroke-dasharray": "6 4",
      "data-curve": "ce",
    }),
  );
  const label = (text, attrs) => { const t = svgEl("text", { class: "lossfns-tick", ...attrs }); t.textContent = text; svg.append(t); };
  label(String(min), { x: px(min), y: H - pad.b + 14, "text-anchor": "start" });
  label(String(max), { x: px(max), y: H - pad.b + 14, "text-anchor": "end" });
  label(`${state.classes[k]} score`, { x: (pad.l + W - pad.r) / 2, y: H - 6, "text-anchor": "middle", class: "lossfns-axis-label" });
  label("0", { x: pad.l - 4, y: H - pad.b + 4, "text-anchor": "end" });
  label(String(yMax), { x: pad.l - 4, y: pad.t + 4, "text-anchor": "end" });
  label("loss", { x: 12, y: (H - pad.b + pad.t) / 2, "text-anchor": "middle", class: "lossfns-axis-label",
    transform: `rotate(-90 12 ${(H - pad.b + pad.t) / 2})` });
  const svmMark = svgEl("circle", { r: 5, fill: SVM_COLOUR, "data-marker": "svm" });
  const ceMark = svgEl("rect", { width: 9, height: 9, fill: CE_COLOUR, "data-marker": "ce" });
  svg.append(svmMark, ceMark);
  ui.append(
    el("div", { class: "lossfns-controls" }, [move.wrap]),
    el("div", { class: "lossfns-display" }, [
      svg,
      legend([{ colour: SVM_COLOUR, text: `SVM loss (margin ${margin})` },
        { colour: CE_COLOUR, text: "cross-entropy loss", dashed: true }]),
      svmOut.row, ceOut.row,
    ]),
  );
  function render() {
    const s = at(move.get());
    const svm = L.svmLoss(s, y, margin);
    const ce = L.crossEntropy(s, y);
    svmOut.set(svm);
    ceOut.set(ce);
    const x = Math.min(Math.max(move.get(), min), max);
    svmMark.setAttribute("cx", px(x).toFixed(2));
    svmMark.setAttribute("cy", py(svm).toFixed(2));
    ceMark.setAttribute("x", (px(x) - 4.5).toFixed(2));
    ceMark.setAttribute("y", (py(ce) - 4.5).toFixed(2));
  }
  render();
}


// The chapter 6 playground: a linear classifier on 2-D toy data trained by gradient descent in the page,
// with lossfns.js's Trainer (the mirror of lossfns.training.Trainer). State: "X" (N x 2), "y", "classes",
// "W" (2 x C) and "b" (C) the seeded starting weights, "loss" and "losses" {name: label}, "reg" and
// "reg_range", "learning_rate" and "learning_rate_range" {min, max} (a log slider), "steps" already taken in
// the static figure, "extent" [xmin, xmax, ymin, ymax].
const MARKERS = ["circle", "square", "triangle", "diamond", "triangle-down"];

function marker(ctx, kind, x, y, r) {
  ctx.beginPath();
  if (kind === "circle") ctx.arc(x, y, r, 0, 2 * Math.PI);
  else if (kind === "square") ctx.rect(x - r, y - r, 2 * r, 2 * r);
  else if (kind === "diamond") { ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); }
  else if (kind === "triangle-down") { ctx.moveTo(x - r, y - r); ctx.lineTo(x + r, y - r); ctx.lineTo(x, y + r); }
  else { ctx.moveTo(x, y - r); ctx.lineTo(x + r, y + r); ctx.lineTo(x - r, y + r); }
  ctx.closePath();
  ctx.fill();
  ctx.stroke();
}

function hexToRgb(hex) {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

function playground(ui, state, prefix) {
  const trainer = new L.Trainer({
    X: state.X, y: state.y, W: state.W, b: state.b, loss: state.loss, reg: state.reg,
    learningRate: state.learning_rate,
  });
  trainer.step(state.steps ?? 0);
  const [x0, x1, y0, y1] = state.extent ?? [-4, 4, -4, 4];
  const C = state.W[0].length;
  const names = state.classes ?? Array.from({ length: C }, (_, k) => `class ${k}`);
  const lossPick = picker(prefix, {
    name: "loss", label: "Loss", options: Object.values(state.losses), value: Object.keys(state.losses).indexOf(state.loss),
    onChange: (i) => { trainer.loss = Object.keys(state.losses)[i]; render(); },
  });
  const rr = state.reg_range ?? { min: 0, max: 0.5, step: 0.005 };
  const reg = slider(prefix, {
    name: "reg", label: "λ (regularization)", min: rr.min, max: rr.max, step: rr.step, value: state.reg,
    lowerBound: -1e-300, onChange: (v) => { trainer.reg = v; render(); },
  });
  const lrr = state.learning_rate_range ?? { min: 0.001, max: 1 };
  const lrId = `${prefix}-learning-rate`;
  const lrRange = el("input", {
    type: "range", id: `${lrId}-range`, min: Math.log10(lrr.min), max: Math.log10(lrr.max), step: 0.1,
    value: Math.log10(state.learning_rate), "data-control": "learning-rate-log10",
    "aria-valuetext": String(state.learning_rate),
  });
  const lrNumber = el("input", {
    type: "number", id: `${lrId}-number`, min: lrr.min, max: lrr.max, step: "any", value: state.learning_rate,
    "data-control": "learning-rate", "aria-label": "learning rate (exact value)",
  });
  const setLr = (v, source) => {
    if (!(v > 0) || !Number.isFinite(v)) { source.setAttribute("aria-invalid", "true"); return; }
    source.removeAttribute("aria-invalid");
    trainer.learningRate = v;
    if (source !== lrNumber) lrNumber.value = String(v);
    if (source !== lrRange) lrRange.value = String(Math.log10(v));
    lrRange.setAttribute("aria-valuetext", String(v));
    render();
  };
  lrRange.addEventListener("input", () => setLr(Number((10 ** lrRange.valueAsNumber).toPrecision(4)), lrRange));
  lrNumber.addEventListener("input", () => setLr(lrNumber.valueAsNumber, lrNumber));
  const lrWrap = el("div", { class: "lossfns-control" }, [
    el("label", { for: `${lrId}-range`, text: "learning rate (log scale)" }), lrRange, lrNumber,
  ]);
  const button = (name, text, action) => {
    const b = el("button", { type: "button", class: "lossfns-button", "data-control": name, text });
    b.addEventListener("click", () => { action(); render(); });
    return b;
  };
  const buttons = el("div", { class: "lossfns-buttons" }, [
    button("step", "Step", () => trainer.step(1)),
    button("run", "Run 100 steps", () => trainer.step(100)),
    button("reset", "Reset", () => trainer.reset()),
  ]);
  const iteration = el("output", { "data-out": "iteration", class: "lossfns-number" });
  const data = output("data-loss", "data loss");
  const penalty = output("reg-loss", "regularization loss λ ΣW²");
  const total = output("total-loss", "objective (data + regularization)");
  const accuracy = output("accuracy", "training accuracy");
  const size = 320;
  const canvas = el("canvas", {
    width: size, height: size, class: "lossfns-regions", role: "img",
    "aria-label": `Decision regions of the linear classifier over the ${state.X.length} training points`,
  });
  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(size, size);
  const tints = names.map((_, k) => hexToRgb(PALETTE[k % PALETTE.length]).map((c) => Math.round(255 - 0.35 * (255 - c))));
  const curve = svgEl("svg", {
    viewBox: "0 0 320 200", width: 320, height: 200, role: "img", class: "lossfns-chart",
    "aria-label": "Data loss, regularization loss and their sum at each iteration",
  });
  const paths = ["data", "reg", "total"].map((name, k) => {
    const path = svgEl("path", {
      fill: "none", "stroke-width": 2, stroke: [CE_COLOUR, PALETTE[0], "currentColor"][k], "data-curve": name,
      "stroke-dasharray": ["", "4 3", "1 0"][k],
    });
    curve.append(path);
    return path;
  });
  const yTop = svgEl("text", { x: 40, y: 14, "text-anchor": "end", class: "lossfns-tick" });
  const xRight = svgEl("text", { x: 314, y: 192, "text-anchor": "end", class: "lossfns-tick" });
  const label = (text, attrs) => { const t = svgEl("text", { class: "lossfns-tick", ...attrs }); t.textContent = text; return t; };
  curve.append(
    svgEl("line", { x1: 44, x2: 316, y1: 176, y2: 176, class: "lossfns-axis" }),
    svgEl("line", { x1: 44, x2: 44, y1: 8, y2: 176, class: "lossfns-axis" }),
    yTop, xRight, label("0", { x: 40, y: 180, "text-anchor": "end" }), label("0", { x: 44, y: 192 }),
    label("iteration", { x: 180, y: 192, "text-anchor": "middle", class: "lossfns-axis-label" }),
  );
  ui.append(
    el("div", { class: "lossfns-controls" }, [lossPick.wrap, reg.wrap, lrWrap, buttons]),
    el("div", { class: "lossfns-display" }, [
      el("div", { class: "lossfns-readout" }, [el("span", { text: "iteration: " }), iteration]),
      data.row, penalty.row, total.row, accuracy.row,
      el("div", { class: "lossfns-figures" }, [canvas, curve]),
      legend([
        ...names.map((n, k) => ({ colour: PALETTE[k % PALETTE.length], text: `${n} (${MARKERS[k % MARKERS.length]})` })),
        { colour: CE_COLOUR, text: "data loss" }, { colour: PALETTE[0], text: "regularization", dashed: true },
        { colour: "currentColor", text: "objective" },
      ]),
    ]),
  );
  const px = (x) => ((x - x0) / (x1 - x0)) * size;
  const py = (y) => size - ((y - y0) / (y1 - y0)) * size;
  function drawRegions() {
    const { W, b } = trainer;
    const block = 2;
    for (let r = 0; r < size; r += block) {
      const yv = y1 - ((r + block / 2) / size) * (y1 - y0);
      for (let c = 0; c < size; c += block) {
        const xv = x0 + ((c + block / 2) / size) * (x1 - x0);
        let best = 0;
        let bestScore = -Infinity;
        for (let j = 0; j < C; j += 1) {
          const s = xv * W[0][j] + yv * W[1][j] + b[j];
          if (s > bestScore) { bestScore = s; best = j; }
        }
        const [R, G, B] = tints[best];
        for (let dr = 0; dr < block; dr += 1) {
          for (let dc = 0; dc < block; dc += 1) {
            const o = ((r + dr) * size + c + dc) * 4;
            image.data[o] = R; image.data[o + 1] = G; image.data[o + 2] = B; image.data[o + 3] = 255;
          }
        }
      }
    }
    ctx.putImageData(image, 0, 0);
    ctx.strokeStyle = "#000000";
    ctx.lineWidth = 1;
    state.X.forEach(([xv, yv], i) => {
      ctx.fillStyle = PALETTE[state.y[i] % PALETTE.length];
      marker(ctx, MARKERS[state.y[i] % MARKERS.length], px(xv), py(yv), 4.5);
    });
  }
  function drawCurve() {
    const d = trainer.dataHistory;
    const g = trainer.regHistory;
    const t = d.map((v, i) => v + g[i]);
    const n = Math.max(1, d.length - 1);
    const top = niceMax(Math.max(...t, 1e-9));
    const X = (i) => 44 + (i / n) * 272;
    const Y = (v) => 176 - (Math.min(v, top) / top) * 168;
    [d, g, t].forEach((ys, k) => {
      paths[k].setAttribute("d", ys.map((v, i) => `${i ? "L" : "M"}${X(i).toFixed(1)},${Y(v).toFixed(1)}`).join(""));
    });
    yTop.textContent = String(top);
    xRight.textContent = String(n);
  }
  function render() {
    const [dl, rl] = trainer.objective();
    iteration.textContent = String(trainer.iteration);
    data.set(dl);
    penalty.set(rl);
    total.set(dl + rl);
    accuracy.set(trainer.accuracy());
    drawRegions();
    drawCurve();
  }
  render();
}

// ---------------------------------------------------------------------------------------------------------
// Part II, the loss zoo (lossfns/widgets_zoo.py documents the states): "robust-regression" (chapter 11),
// "surrogates" (chapter 12) and "kl" (chapter 14). Fits are computed once by lossfns and carried in the state;
// every loss value shown is computed here by lossfns.js.

// The colours and dashes of lossfns.plots_zoo's curves (_COLORS, _STYLES): a curve is told apart by either.
const ZOO_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000"];
let svgCount = 0; // numbers the charts' clip paths, unique on the page
const ZOO_DASHES = ["", "7 4", "8 3 2 3", "2 3", "6 2 2 2", "2 2", "4 2 2 2 2 2"];

/** Tick values in [lo, hi]: multiples of 1, 2, 2.5 or 5 times a power of ten, about five of them. */
function niceTicks(lo, hi) {
  const raw = (hi - lo) / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * p).find((v) => v >= raw);
  const ticks = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + 1e-9 * step; v += step) ticks.push(Math.abs(v) < 1e-12 ? 0 : v);
  return ticks;
}

/**
 * An x-y chart in SVG: axes, five ticks on each, axis labels, a clip to the plot area. Returns {svg, px, py,
 * path(xs, ys), curve(attrs), add(node)}; curves are <path>s whose `d` the caller sets with path().
 */
function xyChart(prefix, { title, xLabel, yLabel, x0, x1, y0, y1, width = 440, height = 250 }) {
  const pad = { l: 56, r: 10, t: 12, b: 42 };
  const px = (x) => pad.l + ((x - x0) / (x1 - x0)) * (width - pad.l - pad.r);
  const py = (y) => height - pad.b - ((y - y0) / (y1 - y0)) * (height - pad.t - pad.b);
  const svg = svgEl("svg", {
    viewBox: `0 0 ${width} ${height}`, width, height, role: "img", class: "lossfns-chart", "aria-label": title,
  });
  svgCount += 1;
  const clipId = `${prefix}-clip-${svgCount}`;
  const defs = svgEl("defs");
  const clip = svgEl("clipPath", { id: clipId });
  clip.append(svgEl("rect", { x: pad.l, y: pad.t, width: width - pad.l - pad.r, height: height - pad.t - pad.b }));
  defs.append(clip);
  svg.append(defs,
    svgEl("line", { x1: pad.l, x2: width - pad.r, y1: height - pad.b, y2: height - pad.b, class: "lossfns-axis" }),
    svgEl("line", { x1: pad.l, x2: pad.l, y1: pad.t, y2: height - pad.b, class: "lossfns-axis" }));
  const text = (t, attrs) => { const n = svgEl("text", { class: "lossfns-tick", ...attrs }); n.textContent = t; svg.append(n); };
  const tick = (v) => String(Number(v.toFixed(6)));
  niceTicks(x0, x1).forEach((xv) => text(tick(xv), { x: px(xv), y: height - pad.b + 14, "text-anchor": "middle" }));
  niceTicks(y0, y1).forEach((yv) => text(tick(yv), { x: pad.l - 4, y: py(yv) + 4, "text-anchor": "end" }));
  text(xLabel, { x: (pad.l + width - pad.r) / 2, y: height - 6, "text-anchor": "middle", class: "lossfns-axis-label" });
  text(yLabel, { x: 12, y: (height - pad.b + pad.t) / 2, "text-anchor": "middle", class: "lossfns-axis-label",
    transform: `rotate(-90 12 ${(height - pad.b + pad.t) / 2})` });
  const path = (xs, ys) => xs.map((x, i) => `${i ? "L" : "M"}${px(x).toFixed(2)},${py(ys[i]).toFixed(2)}`).join("");
  const curve = (attrs) => {
    const node = svgEl("path", { fill: "none", "stroke-width": 2, "clip-path": `url(#${clipId})`, ...attrs });
    svg.append(node);
    return node;
  };
  return { svg, px, py, path, curve, add: (node) => svg.append(node) };
}

/** A slider over a list of values (the δ and τ grids): the range input moves an index, an <output> shows the value. */
function gridSlider(prefix, { name, label, values, value, onChange }) {
  const id = `${prefix}-${name}`;
  let index = Math.max(0, values.indexOf(value));
  const range = el("input", {
    type: "range", id: `${id}-range`, min: 0, max: values.length - 1, step: 1, value: index, "data-control": name,
    "aria-valuetext": `${label} = ${values[index]}`,
  });
  const shown = el("output", { "data-out": name, class: "lossfns-number", for: `${id}-range`, text: String(values[index]) });
  range.addEventListener("input", () => {
    index = Math.round(range.valueAsNumber);
    range.setAttribute("aria-valuetext", `${label} = ${values[index]}`);
    shown.textContent = String(values[index]);
    onChange(values[index]);
  });
  return {
    wrap: el("div", { class: "lossfns-control" }, [el("label", { for: `${id}-range`, text: label }), range, shown]),
    range, get: () => values[index],
  };
}

function robustRegression(ui, state, prefix) {
  const { x, y } = state;
  const out = state.is_outlier;
  const names = ["mse", "mae", "huber", "quantile"];
  const delta = gridSlider(prefix, { name: "delta", label: "Huber δ", values: state.deltas, value: state.delta, onChange: render });
  const tau = gridSlider(prefix, { name: "tau", label: "quantile τ", values: state.taus, value: state.tau, onChange: render });
  const fits = () => ({
    mse: state.fits.mse, mae: state.fits.mae,
    huber: state.huber_fits[state.deltas.indexOf(delta.get())], quantile: state.quantile_fits[state.taus.indexOf(tau.get())],
  });
  const labels = () => ({ mse: "MSE", mae: "MAE", huber: `Huber (δ = ${delta.get()})`, quantile: `quantile (τ = ${tau.get()})` });
  // One table row per line: slope, intercept, and the line's mean loss on the data under its own loss.
  const table = el("table", { class: "lossfns-table" });
  const head = el("tr", {}, ["fitted under", "slope w", "intercept b", "mean loss"].map((t) => el("th", { scope: "col", text: t })));
  table.append(el("caption", { text: "Each line y = w x + b and its mean loss on the points, under the loss it was fitted with (quantile: the pinball loss)" }),
    el("thead", {}, [head]));
  const body = el("tbody");
  const rowNames = {};
  const cell = (name) => {
    const out = el("output", { "data-out": name, class: "lossfns-number" });
    return { td: el("td", {}, [out]), set: (v) => { out.textContent = fmt(v); out.dataset.value = String(v); } };
  };
  const slopes = {};
  const intercepts = {};
  const losses = {};
  names.forEach((k) => {
    rowNames[k] = el("th", { scope: "row" });
    slopes[k] = cell(`slope-${k}`);
    intercepts[k] = cell(`intercept-${k}`);
    losses[k] = cell(`loss-${k}`);
    body.append(el("tr", {}, [rowNames[k], slopes[k].td, intercepts[k].td, losses[k].td]));
  });
  table.append(body);
  const xMin = Math.min(...x);
  const xMax = Math.max(...x);
  const yTop = niceMax(Math.max(...y));
  const chart = xyChart(prefix, {
    title: `${x.length} points near the line y = 2x + 1, ${out.filter(Boolean).length} of them outliers, and the lines fitted under four losses`,
    xLabel: "x", yLabel: "y", x0: xMin, x1: xMax, y0: -yTop / 5, y1: yTop,
  });
  x.forEach((xv, i) => {
    if (out[i]) {
      const cx = chart.px(xv);
      const cy = chart.py(y[i]);
      chart.add(svgEl("path", { d: `M${cx - 5},${cy - 5}L${cx + 5},${cy + 5}M${cx - 5},${cy + 5}L${cx + 5},${cy - 5}`,
        stroke: "currentColor", "stroke-width": 2.5, "data-point": "outlier" }));
    } else {
      chart.add(svgEl("circle", { cx: chart.px(xv), cy: chart.py(y[i]), r: 3, fill: "currentColor", "data-point": "data" }));
    }
  });
  const lines = names.map((k, j) => chart.curve({ stroke: ZOO_COLOURS[j], "stroke-dasharray": ZOO_DASHES[j], "data-curve": k }));
  const legendBox = el("div");
  ui.append(
    el("div", { class: "lossfns-controls" }, [delta.wrap, tau.wrap]),
    el("div", { class: "lossfns-display" }, [
      chart.svg, legendBox, table,
    ]),
  );
  function render() {
    const f = fits();
    const lab = labels();
    names.forEach((k, j) => {
      const [w, b] = f[k];
      lines[j].setAttribute("d", chart.path([xMin, xMax], [w * xMin + b, w * xMax + b]));
      slopes[k].set(w);
      intercepts[k].set(b);
      rowNames[k].textContent = lab[k];
    });
    const pred = (k) => x.map((xv) => f[k][0] * xv + f[k][1]);
    losses.mse.set(L.mseLoss(pred("mse"), y));
    losses.mae.set(L.maeLoss(pred("mae"), y));
    losses.huber.set(L.huberLoss(pred("huber"), y, delta.get()));
    losses.quantile.set(L.quantileLoss(pred("quantile"), y, tau.get()));
    legendBox.replaceChildren(legend([
      { colour: "currentColor", text: "data (dots), outliers (crosses)" },
      ...names.map((k, j) => ({ colour: ZOO_COLOURS[j], text: lab[k], dashed: j > 0 })),
    ]));
  }
  render();
}

function surrogates(ui, state, prefix) {
  const zr = state.margin_range;
  const gr = state.gamma_range;
  const er = state.eps_range;
  const margin = slider(prefix, { name: "margin", label: "margin z = t s", ...zr, value: state.margin, onChange: render });
  const gamma = slider(prefix, {
    name: "gamma", label: "focal γ", ...gr, value: state.gamma, lowerBound: -1e-300, onChange: () => { drawFocal(); render(); },
  });
  const eps = slider(prefix, {
    name: "eps", label: "label smoothing ε", ...er, value: state.eps, lowerBound: -1e-300, upperBound: 1, onChange: render,
  });
  // The six curves of lossfns.widgets_zoo.surrogate_losses: target +1, logistic and focal divided by ln 2.
  const curves = [
    { key: "zero-one", label: "0-1", f: (z) => L.zeroOneLoss(z, 1) },
    { key: "hinge", label: "hinge", f: (z) => L.hingeLoss(z, 1) },
    { key: "squared-hinge", label: "squared hinge", f: (z) => L.squaredHingeLoss([z, 0], 0) },
    { key: "logistic", label: "logistic / ln 2", f: (z) => L.softMarginLoss(z, 1) / Math.LN2 },
    { key: "exponential", label: "exponential", f: (z) => L.exponentialLoss(z, 1) },
    { key: "focal", label: "focal / ln 2", f: (z) => L.focalLoss(z, 1, gamma.get()) / Math.LN2 },
  ];
  const zs = L.linspace(zr.min, zr.max, 401);
  const chart = xyChart(prefix, {
    title: "The 0-1 loss and its surrogates against the margin z, with markers at the current margin",
    xLabel: "margin z = t s", yLabel: "loss", x0: zr.min, x1: zr.max, y0: -0.1, y1: 4,
  });
  chart.add(svgEl("line", { x1: chart.px(0), x2: chart.px(0), y1: chart.py(-0.1), y2: chart.py(4), stroke: "currentColor",
    "stroke-dasharray": "1 3" }));
  // As lossfns.plots_zoo.plot_surrogates: curve k takes style k; the 0-1 loss is a thick line in the text colour.
  const colour = (j) => (j === 0 ? "currentColor" : ZOO_COLOURS[j]);
  const paths = curves.map((c, j) => chart.curve({
    stroke: colour(j), "stroke-width": j === 0 ? 3 : 2, "stroke-dasharray": ZOO_DASHES[j],
    "data-curve": c.key,
  }));
  curves.forEach((c, j) => { if (j < 5) paths[j].setAttribute("d", chart.path(zs, zs.map(c.f))); });
  const markers = curves.map((c, j) => {
    const m = svgEl("circle", { r: 4.5, fill: colour(j), stroke: "currentColor", "data-marker": c.key });
    chart.add(m);
    return m;
  });
  const outs = curves.map((c) => output(c.key, `${c.label} at z`));
  const epsGrid = L.linspace(er.min, er.max, 101);
  const lsCurve = epsGrid.map((e) => L.labelSmoothedCrossEntropy(state.scores, state.label, e));
  const lo = Math.min(...lsCurve);
  const hi = Math.max(...lsCurve);
  const lsChart = xyChart(prefix, {
    title: `Label-smoothed cross-entropy of the ${state.image} against ε`, xLabel: "label smoothing ε", yLabel: "loss (nats)",
    x0: er.min, x1: er.max, y0: Math.floor(lo * 10) / 10, y1: Math.ceil(hi * 10) / 10, width: 320,
  });
  lsChart.curve({ stroke: CE_COLOUR, "data-curve": "smoothed-ce" }).setAttribute("d", lsChart.path(epsGrid, lsCurve));
  const lsMark = svgEl("circle", { r: 5, fill: SVM_COLOUR, "data-marker": "smoothed-ce" });
  lsChart.add(lsMark);
  const smoothed = output("smoothed-ce", `label-smoothed cross-entropy of the ${state.image} (true class ${state.classes[state.label]}) at ε`);
  const legendBox = el("div");
  ui.append(
    el("div", { class: "lossfns-controls" }, [margin.wrap, gamma.wrap, eps.wrap]),
    el("div", { class: "lossfns-display" }, [
      el("div", { class: "lossfns-figures" }, [chart.svg, lsChart.svg]), legendBox, ...outs.map((o) => o.row), smoothed.row,
    ]),
  );
  function drawFocal() {
    paths[5].setAttribute("d", chart.path(zs, zs.map(curves[5].f)));
    legendBox.replaceChildren(legend(curves.map((c, j) => ({
      colour: colour(j), dashed: j > 0, text: j === 5 ? `focal (γ = ${gamma.get()}) / ln 2` : c.label,
    }))));
  }
  function render() {
    const z = margin.get();
    curves.forEach((c, j) => {
      const v = c.f(z);
      outs[j].set(v);
      markers[j].setAttribute("cx", chart.px(Math.min(Math.max(z, zr.min), zr.max)).toFixed(2));
      markers[j].setAttribute("cy", chart.py(Math.min(v, 4)).toFixed(2));
    });
    const e = eps.get();
    const ls = L.labelSmoothedCrossEntropy(state.scores, state.label, e);
    smoothed.set(ls);
    lsMark.setAttribute("cx", lsChart.px(Math.min(Math.max(e, er.min), er.max)).toFixed(2));
    lsMark.setAttribute("cy", lsChart.py(ls).toFixed(2));
  }
  drawFocal();
  render();
}

function klExplorer(ui, state, prefix) {
  const sr = state.shift_range;
  const bins = state.bins ?? 21;
  const shift = slider(prefix, { name: "shift", label: "centre of q", ...sr, value: state.shift, onChange: render });
  const forward = output("kl-p-q", "KL(p ‖ q), mass-covering");
  const reverse = output("kl-q-p", "KL(q ‖ p), mode-seeking");
  const { grid } = L.klPair(0, bins);
  const gap = grid[1] - grid[0];
  const bars = xyChart(prefix, {
    title: "Bars of the two-bump target p and the one-bump model q", xLabel: "outcome", yLabel: "probability",
    x0: grid[0] - gap, x1: grid[bins - 1] + gap, y0: 0, y1: 0.3,
  });
  const defs = bars.svg.querySelector("defs");
  const hatchId = `${prefix}-hatch`;
  const hatch = svgEl("pattern", { id: hatchId, width: 5, height: 5, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
  hatch.append(svgEl("rect", { width: 5, height: 5, fill: PALETTE[0] }), svgEl("line", { x1: 0, y1: 0, x2: 0, y2: 5, stroke: "#000000", "stroke-width": 1.5 }));
  defs.append(hatch);
  const barWidth = (bars.px(gap) - bars.px(0)) * 0.4;
  const mk = (fill, j, dx, name) => {
    const r = svgEl("rect", { x: bars.px(grid[j]) + dx, width: barWidth, fill, "data-bar": `${name}-${j}` });
    bars.add(r);
    return r;
  };
  const pBars = grid.map((_, j) => mk(CE_COLOUR, j, -barWidth, "p"));
  const qBars = grid.map((_, j) => mk(`url(#${hatchId})`, j, 0, "q"));
  const setBar = (r, v) => { r.setAttribute("y", bars.py(Math.min(v, 0.3)).toFixed(2)); r.setAttribute("height", (bars.py(0) - bars.py(Math.min(v, 0.3))).toFixed(2)); };
  const shifts = L.linspace(sr.min, sr.max, 141);
  const pairs = shifts.map((s) => L.klPair(s, bins));
  const fwd = pairs.map(({ p, q }) => L.klDivergence(q, p));
  const rev = pairs.map(({ p, q }) => L.klDivergence(p, q));
  const curves = xyChart(prefix, {
    title: "KL(p ‖ q) and KL(q ‖ p) as the centre of q moves, markers at the current centre", xLabel: "centre of q",
    yLabel: "divergence (nats)", x0: sr.min, x1: sr.max, y0: 0, y1: Math.ceil(Math.max(...fwd, ...rev)), width: 360,
  });
  curves.curve({ stroke: ZOO_COLOURS[0], "data-curve": "kl-p-q" }).setAttribute("d", curves.path(shifts, fwd));
  curves.curve({ stroke: ZOO_COLOURS[1], "stroke-dasharray": ZOO_DASHES[1], "data-curve": "kl-q-p" }).setAttribute("d", curves.path(shifts, rev));
  const fMark = svgEl("circle", { r: 5, fill: ZOO_COLOURS[0], "data-marker": "kl-p-q" });
  const rMark = svgEl("rect", { width: 9, height: 9, fill: ZOO_COLOURS[1], "data-marker": "kl-q-p" });
  curves.add(fMark);
  curves.add(rMark);
  ui.append(
    el("div", { class: "lossfns-controls" }, [shift.wrap]),
    el("div", { class: "lossfns-display" }, [
      el("div", { class: "lossfns-figures" }, [bars.svg, curves.svg]),
      legend([{ colour: CE_COLOUR, text: "target p (two bumps, solid bars)" }, { colour: PALETTE[0], text: "model q (one bump, hatched bars)", dashed: true },
        { colour: ZOO_COLOURS[0], text: "KL(p ‖ q)" }, { colour: ZOO_COLOURS[1], text: "KL(q ‖ p)", dashed: true }]),
      forward.row, reverse.row,
    ]),
  );
  const { p } = L.klPair(0, bins);
  p.forEach((v, j) => setBar(pBars[j], v));
  function render() {
    const s = shift.get();
    const { q } = L.klPair(s, bins);
    q.forEach((v, j) => setBar(qBars[j], v));
    const kf = L.klDivergence(q, p);
    const kr = L.klDivergence(p, q);
    forward.set(kf);
    reverse.set(kr);
    const cx = curves.px(Math.min(Math.max(s, sr.min), sr.max));
    fMark.setAttribute("cx", cx.toFixed(2));
    fMark.setAttribute("cy", curves.py(kf).toFixed(2));
    rMark.setAttribute("x", (cx - 4.5).toFixed(2));
    rMark.setAttribute("y", (curves.py(kr) - 4.5).toFixed(2));
  }
  render();
}

const KINDS = {
  "svm-image": svmImage, "svm-table": svmTable, softmax: softmaxExplorer, compare, playground,
  "robust-regression": robustRegression, surrogates, kl: klExplorer,
};

/** Bring one placeholder to life; the static figure and the no-JS line are hidden only once the UI is built. */
export function initExplorer(root) {
  if (root.dataset.ready === "true") return;
  const kind = root.dataset.explorer;
  const build = KINDS[kind];
  if (!build) return; // an unknown kind keeps its static figure
  const state = JSON.parse(root.dataset.state);
  explorerCount += 1;
  const prefix = `lossfns-${kind}-${explorerCount}`;
  const ui = el("div", { class: `lossfns-ui lossfns-ui-${kind}`, role: "group", "aria-label": "Live explorer" });
  build(ui, state, prefix);
  root.append(ui);
  for (const hide of root.querySelectorAll(":scope > figure, :scope > .lossfns-nojs")) hide.hidden = true;
  root.dataset.ready = "true";
}

export function initAll(doc = document) {
  doc.querySelectorAll(".lossfns-explorer[data-explorer]").forEach(initExplorer);
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => initAll());
  else initAll();
}
