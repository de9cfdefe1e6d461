"""第二部分: the nine tables as the report prints them (read by :mod:`juesuan.importer`).

* against each other: the full 审核 rule set (:func:`juesuan.checks.run_checks`) on the imported tables;
  only the table rules (T…, X…) speak, since a report has no supplementary sheets to check;
* against the workbook, when one is given: every amount, matched by what it is (table, row code or
  key, column), not by cell address (a printed table has its own rows).
Each issue gives the page the importer found the cell on.
"""
from __future__ import annotations

from decimal import Decimal

from juesuan.audit.issues import CONTRADICTION, NOTE, REF_TABLES, REF_WORKBOOK, TABLE, TABLE_RULE, Issue

_TABLE_RULES = ("T", "X")


def import_tables(path):
    """The importer's result for ``path``, or None when this installation has no importer or it fails
    without a result (then the tables are listed as not read)."""
    try:
        from juesuan.importer import import_report
    except ImportError:
        return None
    try:
        return import_report(path)
    except Exception:  # noqa: BLE001 - an unreadable table must not stop the audit of the text
        return None


def _page(imported, cell: str | None) -> int | None:
    """The page of ``cell`` ('公开03表!E12'); for a finding that names a row in words ('公开05表 2101119'),
    the page the table starts on."""
    if not cell:
        return None
    sources = getattr(imported, "sources", {}) or {}
    src = sources.get(cell)
    if src is not None:
        return getattr(src, "page", None)
    sheet = cell.split("!")[0].split(" ")[0]
    pages = [getattr(v, "page", None) for k, v in sources.items() if k.split("!")[0] == sheet]
    pages = [p for p in pages if p is not None]
    return min(pages) if pages else None


def semantic(report) -> dict[tuple, tuple[Decimal, str]]:
    """(table, row, column) -> (value, cell) for every amount of the nine tables."""
    out: dict[tuple, tuple[Decimal, str]] = {}
    for tid, table in report.tables.items():
        values = getattr(table, "values", None)
        cells = getattr(table, "cells", {})
        if hasattr(table, "rows"):  # coded
            for col, v in table.total.items():
                out[(tid, "合计", col)] = (v, table.total_cells.get(col, ""))
            for r in table.rows:
                for col, v in r.values.items():
                    out[(tid, r.code, col)] = (v, r.cells.get(col, ""))
        elif hasattr(table, "personnel_total"):  # T06
            for code, v in table.values.items():
                out[(tid, code, "amount")] = (v, cells.get(code, ""))
            out[(tid, "人员经费合计", "amount")] = (table.personnel_total, table.personnel_cell or "")
            out[(tid, "公用经费合计", "amount")] = (table.public_total, table.public_cell or "")
        elif values is not None:
            for key, v in values.items():
                row, col = key if isinstance(key, tuple) else ("", key)
                out[(tid, row, col)] = (v, cells.get(key, ""))
    return out


def _label(key: tuple, report=None) -> str:
    from juesuan.spec.layouts import BY_ID
    tid, row, col = key
    layout = BY_ID.get(tid)
    col_label = col
    for c in getattr(layout, "columns", ()) or ():
        if getattr(c, "key", None) == col:
            col_label = c.label
    name = ""
    if report is not None and hasattr(report.tables.get(tid), "rows"):
        name = next((r.name or "" for r in report.tables[tid].rows if r.code == row), "")
    sheet = getattr(layout, "sheet_name", tid)
    return f"{sheet} {row}{name} {'' if col_label in ('amount', '') else col_label}".strip()


def _subtotal(report, key: tuple) -> Decimal | None:
    """A 类 / 款 row the report prints but the workbook does not hold: the sum of the workbook's lowest
    rows under it (the renderer prints them so)."""
    tid, code, col = key
    table = report.tables.get(tid)
    if not hasattr(table, "rows") or not str(code).isdigit() or len(code) >= 7:
        return None
    leaves = [r for r in table.leaf_rows() if r.code.startswith(code) and len(r.code) > len(code)]
    return sum((r.get(col) for r in leaves), Decimal("0.00")) if leaves else None


def compare_with_workbook(imported, workbook_report) -> list[Issue]:
    printed, book = semantic(imported.report), semantic(workbook_report)
    out = []
    for key, (value, cell) in printed.items():
        if key not in book:
            want = _subtotal(workbook_report, key)
            if want is None and not value:
                continue
            if want is None:
                out.append(Issue(TABLE, f"报告表中的 {_label(key, imported.report)} 为 {value}，工作簿中没有这一项", "",
                                 _page(imported, cell or key_cell(key)), None, REF_WORKBOOK, CONTRADICTION, cell))
            elif want != value:
                out.append(Issue(TABLE, f"报告表中为 {value}，工作簿中其下各行之和为 {want}",
                                 f"{_label(key, imported.report)}：{value}", _page(imported, cell or key_cell(key)), None,
                                 REF_WORKBOOK, CONTRADICTION, cell))
            continue
        want, want_cell = book[key]
        if value != want:
            out.append(Issue(TABLE, f"报告表中为 {value}，工作簿 {want_cell or _label(key, workbook_report)} 为 {want}",
                             f"{_label(key, imported.report)}：{value}", _page(imported, cell or key_cell(key)), None,
                             REF_WORKBOOK, CONTRADICTION, cell))
    for key, (want, want_cell) in book.items():
        if key not in printed and want and key[1] != "合计":
            out.append(Issue(TABLE, f"工作簿 {want_cell or _label(key, workbook_report)} 为 {want}，报告的表中没有这一项",
                             "", _page(imported, key_cell(key)), None, REF_WORKBOOK, CONTRADICTION, want_cell))
    return out


def key_cell(key: tuple) -> str:
    """A cell-like name for a key, enough for the table's page."""
    from juesuan.spec.layouts import BY_ID
    layout = BY_ID.get(key[0])
    return f"{getattr(layout, 'sheet_name', key[0])} {key[1]}"


def table_rule_issues(imported) -> list[Issue]:
    from juesuan.checks import run_checks
    from juesuan.model.findings import ERROR, WARNING
    out = []
    for f in run_checks(imported.report):
        if not f.rule.startswith(_TABLE_RULES) or f.severity not in (ERROR, WARNING):
            continue
        cell = f.cells[0] if f.cells else ""
        out.append(Issue(TABLE_RULE, f.message + (f"（{f.hint}）" if f.hint else ""), "、".join(f.cells[:3]),
                         _page(imported, cell), None, REF_TABLES,
                         CONTRADICTION if f.severity == ERROR else NOTE, cell))
    return out


def problem_issues(imported) -> list[Issue]:
    """What the importer could not read, as notes (the summary names the tables not read)."""
    out = []
    for p in getattr(imported, "problems", []) or []:
        message = getattr(p, "message", None) or str(p)
        cell = (getattr(p, "cells", None) or [""])[0]
        out.append(Issue(TABLE_RULE, f"读取报告中的表格：{message}", "", _page(imported, cell), None, REF_TABLES, NOTE,
                         cell))
    return out
