"""Rows a PDF table drew without horizontal rules: pdfplumber gives one cell per column holding
every row's text on separate lines ("205\\n20502\\n2050205").  Such a row is split back into its
rows only when that is certain — every column holding amounts or codes has the same number of
lines — otherwise it is left whole (and reported by the parser as not a number, never guessed)."""
from __future__ import annotations

import re

from juesuan.importer.columns import CODE_RE
from juesuan.importer.items import norm

_AMOUNT_RE = re.compile(r"^[+-]?[\d,]*\d(\.\d+)?$|^[-—－]$")


def _lines(text: str) -> list[str]:
    return [x.strip() for x in (text or "").split("\n") if x.strip()]


def _is_value(text: str) -> bool:
    t = norm(text)
    return bool(CODE_RE.match(t) or _AMOUNT_RE.match(t))


def split_row(row: list[str]) -> list[list[str]]:
    """One row, or the rows stacked in it."""
    split = [_lines(c) for c in row]
    value_cols = [i for i, parts in enumerate(split) if parts and all(_is_value(p) for p in parts)]
    counts = {len(split[i]) for i in value_cols}
    if len(counts) != 1 or (k := counts.pop()) < 2 or len(value_cols) < 2:
        return [row]
    out = [[""] * len(row) for _ in range(k)]
    for i, parts in enumerate(split):
        if not parts:
            continue
        if i in value_cols or len(parts) == k:
            for r in range(k):
                out[r][i] = parts[r]
        else:  # a name wrapped over more lines than there are rows: where each one ends is unknown
            for r in range(k):
                out[r][i] = ""
    return out


def unstack(grid: list[list[str]]) -> list[list[str]]:
    out: list[list[str]] = []
    for row in grid:
        out.extend(split_row(row))
    return out
