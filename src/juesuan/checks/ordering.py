"""Findings in reading order: sheets as they appear in the standard workbook, then by cell."""
from __future__ import annotations

import re

from juesuan.model.findings import SEVERITY_ORDER, WARNING, Finding
from juesuan.spec.layouts import LAYOUTS
from juesuan.spec.supplement import SHEET_ORDER

SHEETS: tuple[str, ...] = tuple(l.sheet_name for l in LAYOUTS) + tuple(s.name for s in SHEET_ORDER)
_CELL_RE = re.compile(r"^(?P<sheet>[^!]+)!(?P<col>[A-Z]+)(?P<row>\d+)")


def sheet_of(cell: str) -> str:
    m = _CELL_RE.match(cell)
    if m:
        return m.group("sheet")
    return cell.split("!")[0].split(" ")[0]


def finding_sheet(f: Finding) -> str:
    return sheet_of(f.cells[0]) if f.cells else ""


def cell_position(cell: str) -> tuple:
    """Reading order of one cell: sheet as in the standard workbook, then row, then column."""
    sheet = sheet_of(cell) if cell else ""
    rank = SHEETS.index(sheet) if sheet in SHEETS else len(SHEETS)
    m = _CELL_RE.match(cell) if cell else None
    row, col = (int(m.group("row")), m.group("col")) if m else (0, "")
    where = () if m else _natural(cell)  # a readable location ('第10条') sorts naturally
    return (rank, sheet, row, len(col), col, where)


ROUNDING_NOTE = "属尾数误差"  # messages.py: a difference within the tolerance


def is_rounding(f: Finding) -> bool:
    """A 尾数误差 (a legitimate rounding difference): listed after everything else, so that it never
    comes before the error a clerk must correct (a real workbook carries several)."""
    return f.severity == WARNING and ROUNDING_NOTE in f.message


PRIOR_RULE = "S-16"  # 上年数 against last year's workbook (workbooks/next_year.py)


def finding_group(f: Finding) -> str:
    """'prior' (check --prior), 'rounding' (尾数误差) or 'current' (everything else)."""
    if f.rule == PRIOR_RULE:
        return "prior"
    return "rounding" if is_rounding(f) else "current"


def sort_key(f: Finding):
    return (is_rounding(f), *cell_position(f.cells[0] if f.cells else ""), SEVERITY_ORDER.get(f.severity, 9),
            f.rule, f.message)


def _natural(text: str) -> tuple:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", text) if p)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=sort_key)
