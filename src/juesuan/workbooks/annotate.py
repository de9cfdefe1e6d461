"""The annotated copy of a workbook (`make-report check X.xlsx --annotate`): findings marked where
the clerk works, in Excel/WPS, instead of cell names to search for.

Each finding's cell — and every other cell holding the same wrong figure (``Finding.also``) —
gets a fill (错误 red, 警告 yellow, 提示 blue; the most severe finding of a cell wins) and a comment
(plain first: the problem, what to do, the totals that change with it (影响); the rule last); a
first sheet “审核结果” lists every finding with an internal hyperlink to its cell.  The input is never modified: the copy is written atomically
beside it.

openpyxl rewrites the whole file.  It keeps cell values, formulas, styles, merged cells, comments,
data validation and defined names; it drops what it does not model (charts, images, pivot tables,
VBA).  Formula results are not stored by openpyxl, so the copy asks Excel/WPS/LibreOffice to
recalculate on opening.  The copy is for reading the findings, the input stays the workbook to fill.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from juesuan.fileio.atomic import atomic_save
from juesuan.model.findings import ERROR, INFO, SEVERITY_ORDER, WARNING, Finding

SUMMARY_SHEET = "审核结果"
FILLS = {ERROR: "FFC7CE", WARNING: "FFEB9C", INFO: "BDD7EE"}  # Excel's own 错误/中性 tints, and a light blue
AUTHOR = "juesuan 审核"
_CELL = re.compile(r"^(?P<sheet>.+?)!\$?(?P<col>[A-Z]{1,3})\$?(?P<row>\d+)(?::\$?[A-Z]{1,3}\$?\d+)?$")


@dataclass(frozen=True)
class Place:
    sheet: str
    cell: str  # A1 style, top-left of the range

    @property
    def link(self) -> str:
        """Internal link target, as Excel writes it: '公开03表'!D10."""
        return "'" + self.sheet.replace("'", "''") + "'!" + self.cell


def default_output(workbook: str | Path) -> Path:
    """X.xlsx → X.审核.xlsx beside it."""
    workbook = Path(workbook)
    return workbook.with_name(f"{workbook.stem}.审核.xlsx")


def place_of(finding: Finding, sheets: set[str]) -> Place | None:
    """The cell a finding points at first, when it is a real cell of a real sheet."""
    return _place(finding.cells[0], sheets) if finding.cells else None


def places_of(finding: Finding, sheets: set[str]) -> list[Place]:
    """Every cell the clerk must correct for a finding: its first cell and the cells holding the
    same wrong figure (``Finding.also``) — each is coloured and commented."""
    out = []
    for ref in finding.cells[:1] + [c for c in finding.also if c not in finding.cells[:1]]:
        place = _place(ref, sheets)
        if place is not None and place not in out:
            out.append(place)
    return out


def _place(ref: str, sheets: set[str]) -> Place | None:
    m = _CELL.match(ref.strip())
    if m and m.group("sheet") in sheets:
        return Place(m.group("sheet"), f"{m.group('col')}{m.group('row')}")
    sheet = ref.split("!")[0].strip()
    if sheet in sheets:  # a whole sheet ('缺少…' or a list sheet): its first cell
        return Place(sheet, "A1")
    return None


def comment_text(f: Finding) -> str:
    """Plain first: the problem and what to do, the totals that change with it (影响), the
    numbers; the rule id and the other cells last."""
    lines = [f"【{f.severity}】{f.message}"]
    if f.hint:
        lines.append(f"处理：{f.hint}")
    lines += [f"影响：{a}" for a in f.affects]
    if f.expected is not None and f.actual is not None:
        lines.append(f"应为 {f.expected:.2f}，实际 {f.actual:.2f}，差额 {f.difference:+.2f}")
    lines.append(f"规则：{f.rule}" + (f" {f.title}" if f.title else ""))
    others = [c for c in f.cells[1:] if c not in f.also]
    if others:
        lines.append("对照：" + "、".join(others[:5]) + ("…" if len(others) > 5 else ""))
    return "\n".join(lines)


def _text(cell, value: str) -> None:
    """Write ``value`` as text, never as a formula (a message may begin with “=”)."""
    from juesuan.xlsx.text import put_text
    put_text(cell, value)


def _top_left(ws, coordinate: str) -> str:
    """A cell inside a merged range carries nothing: the range's top-left cell does."""
    for rng in ws.merged_cells.ranges:
        if coordinate in rng:
            return rng.start_cell.coordinate
    return coordinate


def _mark(wb, place: Place, findings: list[Finding]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill
    ws = wb[place.sheet]
    cell = ws[_top_left(ws, place.cell)]
    worst = min((f.severity for f in findings), key=lambda s: SEVERITY_ORDER.get(s, 9))
    color = FILLS.get(worst, FILLS[INFO])
    cell.fill = PatternFill("solid", fgColor=color, bgColor=color)
    text = "\n\n".join(comment_text(f) for f in findings)
    if cell.comment is not None and cell.comment.text:  # e.g. a column hint of the standard workbook
        text = f"{text}\n\n（原批注）{cell.comment.text}"
    lines = sum(1 + len(line) // 24 for line in text.splitlines())
    cell.comment = Comment(text, AUTHOR, height=min(max(lines, 4) * 20, 600), width=320)


def _summary(wb, rows: list[tuple[Finding, Place | None]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink
    if SUMMARY_SHEET in wb.sheetnames:  # annotating an annotated copy: the old list goes
        del wb[SUMMARY_SHEET]
    ws = wb.create_sheet(SUMMARY_SHEET, 0)
    counts = {s: sum(1 for f, _ in rows if f.severity == s) for s in (ERROR, WARNING, INFO)}
    _text(ws.cell(1, 1), f"审核结果：错误 {counts[ERROR]} 个，警告 {counts[WARNING]} 个，提示 {counts[INFO]} 个。"
          "点击“位置”列跳到该单元格；有颜色的单元格带批注（红＝错误，黄＝警告，蓝＝提示）。")
    ws.cell(1, 1).font = Font(bold=True, size=12)
    # plain first: where, what, what to do, what else changes; the rule id and other cells last
    headers = ("序号", "级别", "位置", "问题", "处理办法", "影响", "应为", "实际", "规则", "对照单元格")
    for c, h in enumerate(headers, 1):
        _text(ws.cell(2, c), h)
        ws.cell(2, c).font = Font(bold=True)
        ws.cell(2, c).fill = PatternFill("solid", fgColor="EDEDED")
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, (f, place) in enumerate(rows, 1):
        r = i + 2
        ws.cell(r, 1, i)
        _text(ws.cell(r, 2), f.severity)
        color = FILLS.get(f.severity)
        if color:
            ws.cell(r, 2).fill = PatternFill("solid", fgColor=color, bgColor=color)
        where = ws.cell(r, 3)
        _text(where, "、".join(f.cells[:1] + f.also) if f.cells else "（整个工作簿）")
        if place is not None:
            where.hyperlink = Hyperlink(ref=where.coordinate, location=place.link, display=where.value)
            where.font = Font(color="0563C1", underline="single")
        _text(ws.cell(r, 4), f.message)
        _text(ws.cell(r, 5), f.hint or "")
        _text(ws.cell(r, 6), "\n".join(f.affects))
        for c, v in ((7, f.expected), (8, f.actual)):
            if v is not None:
                ws.cell(r, c, v).number_format = "0.00"
        _text(ws.cell(r, 9), f.rule)
        _text(ws.cell(r, 10), "、".join(c for c in f.cells[1:] if c not in f.also))
        for c in range(1, 11):
            ws.cell(r, c).alignment = wrap
        # rows sized for the wrapped text (neither Excel nor LibreOffice grows them when opening)
        lines = max(_lines(f.message, 70), _lines(f.hint, 40), _lines(ws.cell(r, 6).value, 40),
                    _lines(ws.cell(r, 10).value, 30))
        ws.row_dimensions[r].height = 15 * lines
    for letter, width in zip("ABCDEFGHIJ", (6, 7, 22, 70, 40, 40, 11, 11, 9, 30)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"  # printed: one page wide, the header row on every page
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    for sheet in wb.worksheets:  # only the list is selected, else Excel opens with sheets grouped
        sheet.sheet_view.tabSelected = sheet is ws
    wb.active = 0


def _lines(text: str | None, width: int) -> int:
    """Printed lines of ``text`` in a column ``width`` characters wide (a CJK character is two)."""
    if not text:
        return 1
    return sum(max(1, -(-sum(2 if ord(ch) > 0x2E80 else 1 for ch in part) // width)) for part in text.split("\n"))


def annotate_workbook(workbook: str | Path, findings: list[Finding], output: str | Path) -> Path:
    """Write a copy of ``workbook`` with ``findings`` marked to ``output`` (atomically).

    Raises OSError when the copy cannot be written and ValueError when ``output`` is the input.
    """
    from openpyxl import load_workbook

    from juesuan.checks.ordering import sort_findings
    from juesuan.render.names import same_file
    workbook, output = Path(workbook), Path(output)
    if same_file(workbook, output):
        raise ValueError(f"审核标注副本不能覆盖输入的工作簿本身：{workbook}")
    wb = load_workbook(workbook, rich_text=True)
    sheets = set(wb.sheetnames) - {SUMMARY_SHEET}
    ordered = sort_findings(findings)
    rows = [(f, place_of(f, sheets)) for f in ordered]
    by_place: dict[Place, list[Finding]] = {}
    for f, _ in rows:
        for place in places_of(f, sheets):
            by_place.setdefault(place, []).append(f)
    for place, group in by_place.items():
        _mark(wb, place, group)
    _summary(wb, rows)
    wb.calculation.fullCalcOnLoad = True  # openpyxl keeps formulas but not their results
    # the user's own formulas are kept, so no as_text pass: every cell written here is put_text
    return atomic_save(output, wb.save)
