"""Hypothesis strategies shared by the loss tests."""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays


def score_problems(bound: float, max_n: int = 6, max_c: int = 6) -> st.SearchStrategy:
    """``(scores, labels)``: scores of shape (N, C) with finite entries in [-bound, bound], labels in [0, C)."""

    @st.composite
    def problems(draw):
        n = draw(st.integers(1, max_n))
        c = draw(st.integers(2, max_c))
        elements = st.floats(-bound, bound, allow_nan=False, allow_infinity=False)
        scores = draw(arrays(np.float64, (n, c), elements=elements))
        labels = np.array(draw(st.lists(st.integers(0, c - 1), min_size=n, max_size=n)))
        return scores, labels

    return problems()
