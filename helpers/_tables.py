"""Plain-text and HTML tables of pre-formatted cells, shared by the report helpers."""

from __future__ import annotations

import html
from collections.abc import Sequence

__all__ = ["text_table", "html_table"]


def text_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    first_left: bool = True,
    rule: bool = False,
) -> str:
    """Align string cells in columns two spaces apart.

    Columns are right-aligned (numbers line up), except the first when
    ``first_left`` is True (names). ``rule`` adds a line of dashes under the
    header. Trailing blanks are stripped from every line.
    """
    widths = [max([len(h), *(len(r[j]) for r in rows)]) for j, h in enumerate(header)]

    def line(cells: Sequence[str]) -> str:
        parts = [
            c.ljust(w) if (j == 0 and first_left) else c.rjust(w)
            for j, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    lines = [line(header)]
    if rule:
        lines.append(line(["-" * w for w in widths]))
    lines += [line(r) for r in rows]
    return "\n".join(lines)


def html_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An HTML ``<table>`` of the same cells, escaped."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
