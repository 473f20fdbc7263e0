// Shared by the node tests: the vectors written by tests/make_js_vectors.py from lossfns, and the comparison.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

export const vectors = JSON.parse(readFileSync(new URL("./vectors.json", import.meta.url), "utf8"));
export const REL = vectors.relative_tolerance; // 1e-9, the agreement
export const ABS = vectors.absolute_tolerance; // 1e-12, only for values that cancel to about 0

/** Assert that lossfns.js's `actual` equals lossfns' `expected` (numbers or nested arrays) to REL and ABS. */
export function close(actual, expected, what) {
  if (Array.isArray(expected)) {
    assert.equal(actual.length, expected.length, `${what}: length`);
    expected.forEach((e, j) => close(actual[j], e, `${what}[${j}]`));
    return;
  }
  const err = Math.abs(actual - expected);
  assert.ok(
    Number.isFinite(actual) && err <= REL * Math.max(Math.abs(actual), Math.abs(expected)) + ABS,
    `${what}: lossfns.js gives ${actual}, lossfns gives ${expected} (difference ${err})`,
  );
}
