"""An imported report (``importer.ImportResult``: tables and facts read from a 决算软件 export or a
published report) written as the standard workbook, every imported amount with a comment naming
where it was printed; and next year's workbook from last year's published report.

The result is taken as it is (duck-typed: ``report``, ``sources``, ``fact_notes``, ``fact_lists``):
importer and workbooks are on the same layer, and only the front door (api) joins them."""
from __future__ import annotations

from pathlib import Path

AUTHOR = "juesuan"


def _comment(text: str):
    from openpyxl.comments import Comment
    return Comment(text, AUTHOR, width=320, height=90)


def write_imported(result, target: str | Path) -> Path:
    """``make-report import SOURCE -o 工作簿.xlsx``: the standard workbook filled from ``result``."""
    from juesuan.workbooks.writer import build_workbook
    from juesuan.xlsx.text import save_workbook
    wb = build_workbook(result.report)
    for ref, source in result.sources.items():
        sheet, cell = ref.split("!")
        wb[sheet][cell].comment = _comment(source.text())
    _comment_facts(wb, result)
    return save_workbook(wb, Path(target))


def _comment_facts(wb, result) -> None:
    """Fields and list rows taken from the report's text carry where they came from too."""
    from juesuan.spec.supplement import FORMS, LISTS_BY_ID
    notes = getattr(result, "fact_notes", {}) or {}
    for spec in FORMS:
        ws = wb[spec.name]
        for row in range(3, ws.max_row + 1):
            note = notes.get(str(ws.cell(row, 1).value or ""))
            if note:
                ws.cell(row, 3).comment = _comment(note)
    for lid in getattr(result, "fact_lists", set()) or set():
        spec = LISTS_BY_ID[lid]
        ws = wb[spec.name]
        for row in range(3, 3 + len(result.report.supp.records(lid))):
            cell = ws.cell(row, 1)
            if cell.value not in (None, ""):
                cell.comment = _comment(notes.get(lid, f"导入自“{Path(result.report.source or '').name}”的正文"))


def write_next_year_from_report(result, target: str | Path):
    """``init NEW.xlsx --from-report OLD.pdf``: next year's workbook from last year's published
    report; 上年数 P01–P12 computed exactly as ``init --from`` does (workbooks.next_year)."""
    from juesuan.workbooks.next_year import next_year_report
    from juesuan.workbooks.writer import build_workbook
    from juesuan.spec.supplement import FORMS, LISTS_BY_ID
    from juesuan.xlsx.text import save_workbook
    name = Path(result.report.source or "").name
    nxt = next_year_report(result.report, name)
    wb = build_workbook(nxt.report)
    for spec in FORMS:
        ws = wb[spec.name]
        for row in range(3, ws.max_row + 1):
            note = nxt.carried_fields.get(str(ws.cell(row, 1).value or ""))
            if note:
                ws.cell(row, 3).comment = _comment(note.replace("上年工作簿", "上年公开报告"))
    note = f"沿用自上年公开报告“{name}”，请核对是否仍然适用。"
    for lid in sorted(nxt.carried_lists):
        ws = wb[LISTS_BY_ID[lid].name]
        for row in range(3, 3 + len(nxt.report.supp.records(lid))):
            if ws.cell(row, 1).value not in (None, ""):
                ws.cell(row, 1).comment = _comment(note)
    save_workbook(wb, Path(target))
    return nxt
