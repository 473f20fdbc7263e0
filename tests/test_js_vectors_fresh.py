"""tests/js/vectors.json must be exactly what tests/make_js_vectors.py writes from lossfns today.

The JavaScript parity tests (node --test tests/js/, tests/browser/) trust that file; if lossfns or the generator
changed and nobody ran `make js-vectors`, they would check lossfns.js against stale numbers. This test fails then.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _generator():
    spec = importlib.util.spec_from_file_location("make_js_vectors", TESTS / "make_js_vectors.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


INPUTS = {"name", "scores", "label", "labels", "margin", "temperature"}
# Outputs may move in the last bits when lossfns is optimised (another order of the same operations); that does
# not make the file stale for checks at 1e-9. A change beyond 1e-12 relative, or of any input, does.
REL, ABS = 1e-12, 1e-15


def _key(where: str) -> str:
    """The field name of a path like ".cases[3].scores[1]": "scores"."""
    return re.sub(r"\[\d+\]", "", where.rsplit(".", 1)[-1])


def _differences(stored, fresh, where: str = "") -> list[str]:
    if isinstance(fresh, dict):
        if not isinstance(stored, dict) or stored.keys() != fresh.keys():
            return [f"{where}: keys {sorted(stored) if isinstance(stored, dict) else stored} != {sorted(fresh)}"]
        return [d for k in fresh for d in _differences(stored[k], fresh[k], f"{where}.{k}")]
    if isinstance(fresh, list):
        if not isinstance(stored, list) or len(stored) != len(fresh):
            return [f"{where}: length changed"]
        return [d for i, (a, b) in enumerate(zip(stored, fresh)) for d in _differences(a, b, f"{where}[{i}]")]
    if isinstance(fresh, float) and isinstance(stored, (int, float)) and _key(where) not in INPUTS:
        if abs(stored - fresh) <= REL * max(abs(stored), abs(fresh)) + ABS:
            return []
    return [] if stored == fresh else [f"{where}: stored {stored!r}, lossfns now {fresh!r}"]


def test_vectors_json_is_fresh():
    gen = _generator()
    stored = json.loads(gen.OUTPUT.read_text(encoding="utf-8"))
    fresh = json.loads(gen.render(gen.build_vectors()))
    diffs = _differences(stored, fresh)
    assert not diffs, (
        f"tests/js/vectors.json is stale: {len(diffs)} entries differ from what lossfns computes now, e.g. "
        f"{diffs[:3]}. Run `make js-vectors`."
    )


def test_the_staleness_check_sees_a_changed_number():
    # The check itself must be able to fail: a loss changed by 1e-9 relative, or a changed input, is stale.
    case = {"name": "x", "scores": [1.0, 2.0], "svm_loss": 2.0}
    assert _differences(case, {**case, "svm_loss": 2.0 * (1 + 1e-9)})
    assert _differences(case, {**case, "scores": [1.0, 2.0 + 1e-15]})
    assert not _differences(case, {**case, "svm_loss": 2.0 * (1 + 1e-15)})


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
