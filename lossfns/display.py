"""Small objects that show well in both places the book is read: a notebook's text output and the website.

A :class:`Table` prints as aligned plain text (which nbval compares, so a changed number fails the tests) and
renders as an HTML table (which the website and JupyterLab show). :func:`glue_numbers` hands computed numbers to
MyST-NB's ``glue`` so that the prose quotes them instead of typing them.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from . import example

__all__ = ["Table", "glue_numbers", "score_table"]


def _fmt(value: object, digits: int) -> str:
    if isinstance(value, (float, np.floating)):
        text = f"{float(value):.{digits}f}"
        return "0" + text[2:] if text.startswith("-0") and float(text) == 0 else text
    return str(value)


@dataclass(frozen=True)
class Table:
    """A small table: a caption, column headers, rows, and cells to emphasise.

    Attributes:
        caption: one sentence saying what the table shows.
        columns: column headers; the first column holds row labels.
        rows: one sequence of cells per row (numbers are formatted with ``digits`` decimals).
        highlight: ``(row, column)`` positions (column counted over all columns) to show in bold.
        digits: decimals for floats.
    """

    caption: str
    columns: Sequence[str]
    rows: Sequence[Sequence[object]]
    highlight: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    digits: int = 2

    def cells(self) -> list[list[str]]:
        """Every cell as text, header row first."""
        return [list(self.columns)] + [[_fmt(v, self.digits) for v in row] for row in self.rows]

    def __repr__(self) -> str:
        cells = self.cells()
        for r, c in self.highlight:
            cells[r + 1][c] = f"*{cells[r + 1][c]}*"
        widths = [max(len(row[k]) for row in cells) for k in range(len(cells[0]))]
        lines = [self.caption]
        for i, row in enumerate(cells):
            padded = [cell.rjust(w) if k else cell.ljust(w) for k, (cell, w) in enumerate(zip(row, widths))]
            lines.append("  ".join(padded))
            if i == 0:
                lines.append("  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        cells = self.cells()
        out = ['<table class="lossfns-table">', f"<caption>{html.escape(self.caption)}</caption>", "<thead><tr>"]
        out += [f'<th scope="col">{html.escape(h)}</th>' for h in cells[0]]
        out.append("</tr></thead><tbody>")
        for r, row in enumerate(cells[1:]):
            out.append("<tr>")
            for c, cell in enumerate(row):
                text = html.escape(cell)
                if c == 0:
                    out.append(f'<th scope="row">{text}</th>')
                elif (r, c) in self.highlight:
                    out.append(f'<td class="lossfns-true"><strong>{text}</strong></td>')
                else:
                    out.append(f"<td>{text}</td>")
            out.append("</tr>")
        out.append("</tbody></table>")
        return "".join(out)


def score_table(
    scores: np.ndarray = example.SCORES,
    labels: Sequence[int] = example.LABELS,
    classes: Sequence[str] = example.CLASSES,
    images: Sequence[str] = example.IMAGES,
) -> Table:
    """The score table as the lecture shows it: one column per image, one row per class, true class in bold.

    >>> score_table()
    Class scores: one column per image, the true class in bold (* in text)
    class  cat image  car image  frog image
    -----  ---------  ---------  ----------
    cat       *3.20*       1.30        2.20
    car         5.10     *4.90*        2.50
    frog       -1.70       2.00     *-3.10*
    """
    scores = np.asarray(scores)
    rows = [[name, *scores[:, j]] for j, name in enumerate(classes)]
    highlight = frozenset((int(y), i + 1) for i, y in enumerate(labels))
    return Table(
        caption="Class scores: one column per image, the true class in bold (* in text)",
        columns=["class", *images],
        rows=rows,
        highlight=highlight,
    )


def glue_numbers(**values: object) -> None:
    """Glue each keyword as a number (or text) for the prose: ``{glue:text}`name:.2f```.

    Values are converted to plain Python ``float``/``int``/``str`` first, so the stored text is the same on every
    platform and MyST-NB's format specs apply. Nothing is displayed.
    """
    from myst_nb import glue

    for name, value in values.items():
        if isinstance(value, (np.integer, int)) and not isinstance(value, bool):
            plain: object = int(value)
        elif isinstance(value, (np.floating, float)):
            plain = float(value)
        elif isinstance(value, np.ndarray) and value.ndim == 0:
            plain = float(value)
        else:
            plain = value
        glue(name, plain, display=False)
