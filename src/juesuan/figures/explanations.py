"""科目说明 of 第五部分 (名词解释): the workbook's “科目说明” sheet first, then the dictionary K.

One place decides which 项 lack an explanation and which row of the 科目说明 sheet the clerk
should fill: the check reports it (C-7, once), the renderer prints the line with the name only.
A missing explanation never blocks the report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.spec.catalog import Catalog
from juesuan.model.report import Report
from juesuan.spec.supplement import CODE_NOTES, LIST_FIRST_ROW

_CELL = re.compile(r"!\$?([A-Z]+)\$?(\d+)$")


def explained_rows(report: Report) -> dict[str, tuple[str, object]]:
    """The 项 that 第五部分 explains, each with its table id and first row: 表5 项 with spending,
    and the 项 that appear only in 表7 (政府性基金) or 表8 (国有资本经营).  The check (C-7) and
    the renderer both take the list from here, so they never disagree on which 项 need a 说明."""
    out: dict[str, tuple[str, object]] = {}
    for tid, table, keys in (("T05", report.t05, ("total",)), ("T07", report.t07, ("income", "total")),
                             ("T08", report.t08, ("total",))):
        for r in table.rows:
            if len(r.code) == 7 and any(r.get(c) != 0 for c in keys):
                out.setdefault(r.code, (tid, r))
    return out


def given(report: Report) -> dict[str, str]:
    """Codes explained in the 科目说明 sheet (later rows win), text as written."""
    out: dict[str, str] = {}
    for rec in report.supp.records(CODE_NOTES.id):
        code = str(rec.get("code") or "").strip()
        text = str(rec.get("text") or "").strip()
        if code and text:
            out[code] = text
    return out


def explanation(report: Report, k: Catalog, code: str) -> str:
    return given(report).get(code) or k.explanation(code)


@dataclass(frozen=True)
class Missing:
    code: str
    row: int  # the empty row of the 科目说明 sheet to fill
    column: str  # its 科目编码 column

    @property
    def fill(self) -> str:
        """The cell to fill, e.g. 科目说明!A7."""
        return f"{CODE_NOTES.name}!{self.column}{self.row}"


def _where(report: Report) -> tuple[str, int]:
    """The column of the codes in the 科目说明 sheet and its last written row."""
    cells = [m for rec in report.supp.records(CODE_NOTES.id) if (m := _CELL.search(str(rec.cells.get("code") or "")))]
    column = cells[0].group(1) if cells else "A"
    return column, max((int(m.group(2)) for m in cells), default=LIST_FIRST_ROW - 1)


def missing(report: Report, k: Catalog, codes: list[str]) -> list[Missing]:
    """The ``codes`` with no explanation, each with its own empty row of the 科目说明 sheet
    (after the rows already written there)."""
    known = given(report)
    lacking = [c for c in codes if not (known.get(c) or k.explanation(c))]
    column, last = _where(report)
    return [Missing(c, last + 1 + i, column) for i, c in enumerate(lacking)]
