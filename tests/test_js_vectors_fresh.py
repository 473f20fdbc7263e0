"""tests/js/vectors.json must be exactly what tests/make_js_vectors.py writes from lossfns today.

The JavaScript parity tests (node --test tests/js/, tests/browser/) trust that file; if lossfns or the generator
changed and nobody ran `make js-vectors`, they would check lossfns.js against stale numbers. This test fails then.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _generator():
    spec = importlib.util.spec_from_file_location("make_js_vectors", TESTS / "make_js_vectors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_vectors_json_is_fresh():
    gen = _generator()
    stored = gen.OUTPUT.read_text(encoding="utf-8")
    fresh = gen.render(gen.build_vectors())
    if stored != fresh:
        old, new = json.loads(stored), json.loads(fresh)
        changed = [a["name"] for a, b in zip(old["cases"], new["cases"]) if a != b][:5]
        raise AssertionError(
            "tests/js/vectors.json is stale (it differs from what lossfns computes now"
            f"{'; first changed cases: ' + ', '.join(changed) if changed else ''}). Run `make js-vectors`."
        )


def test_vectors_hold_lossfns_values_for_the_running_example():
    # Hand derivation (CS231n lecture 3, /work/shared/reference/anchors.md): SVM 2.9, 0, 12.9; CE 2.0404, 0.0791,
    # 6.1565 for the cat, car and frog images at margin 1.
    vectors = json.loads((TESTS / "js" / "vectors.json").read_text(encoding="utf-8"))
    by_name = {(c["name"], c["margin"], c["temperature"]): c for c in vectors["cases"]}
    expected = {"cat image": (2.9, 2.0404), "car image": (0.0, 0.0791), "frog image": (12.9, 6.1565)}
    for image, (svm, ce) in expected.items():
        case = by_name[(f"example {image}", 1.0, 1.0)]
        assert round(case["svm_loss"], 4) == svm
        assert round(case["cross_entropy"], 4) == ce
        assert round(case["tempered_cross_entropy"], 4) == ce  # T = 1 is plain cross-entropy
