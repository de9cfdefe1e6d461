"""Write the standard workbook: blank (``make-report init``) or filled from a Report model."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from juesuan.xlsx.printing import fit_to_width
from juesuan.xlsx.text import save_workbook
from juesuan.model.grid import Grid, grid_for
from juesuan.spec.layouts import LAYOUTS, Layout, table_title
from juesuan.model.report import Report
from juesuan.spec.supplement import CODE, LIST_FIRST_ROW, SHEET_ORDER, FormSheet, ListSheet, Pointer

GUIDE_SHEET = "填表说明"
MONEY_FORMAT = "0.00"
HEADER_ROW = 4  # first header row of a 公开表 (title, 表号, 部门/单位 lines above)

GUIDE_LINES = (
    "部门决算公开报告标准工作簿 —— 填表说明",
    "",
    "一、公开01表至公开09表：按财政部门统一格式，照决算软件导出的公开表逐格填写（单位：万元，两位小数）。",
    "   · 表头、行次、栏次不要改动；空格视为 0，不必填 0。",
    "   · 公开02、03、05、07、08表：每个科目一行，“功能分类科目编码”填 3/5/7 位编码，可印类、款、项三级，也可只印项。",
    "   · 行数不够时可在“合计”行下面插入行；可以直接粘贴决算软件导出的表格。",
    "   · 每张表第 3 行左边“部门：”后是填报单位的全称，照决算软件导出的表头填写（生成报告时印在每张表上方），"
    "不要删除这一行。新工作簿里它取自“概况”G15“填报单位全称”，G15 空着时为 G01“部门全称”。",
    "   · 金额格子只能填数字（选中格子时有提示）；粘贴进来的文字不受此限制，审核时会指出。",
    "二、补充工作表：九张表以外生成报告需要的信息。",
    "   · 表单式工作表（概况、上年数、主要原因、年初预算、三公明细、政府采购、资产、绩效、其他、设置）：",
    "     只在“填写值”列填写，“编号”“项目”列不要改动；“填写说明”列说明填什么，几个选项之间用“/”隔开。",
    "     编号中空出的号（如概况的 G10、G12，年初预算的 B02）要在清单式工作表中填写，该行写明是哪张表。",
    "     “设置”表的“填写说明”举例说明每个选项写出的句子。",
    "   · 清单式工作表（职责、二级单位、项级预算、类用途、项目用途、项目自评、绩效指标、第四部分、重点工作表、专用名词、科目说明）：",
    "     第 2 行是列标题，从第 3 行起每行一条记录，不要留空行。",
    "   · 有下拉箭头的格子请从下拉列表中选择。",
    "   · 原因有多条时，在同一单元格内按 Alt+Enter 换行，每行一条，报告中写成“一是…；二是…”。",
    "三、填好后运行：make-report check 工作簿.xlsx 先审核；再运行 make-report 工作簿.xlsx 生成 Word 报告。",
    "   审核结果会指出工作表和单元格（如 公开03表!E12），说明应为多少、实际是多少。",
)


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    thin = Side(style="thin", color="000000")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "title": Font(name="宋体", size=16, bold=True),
        "bold": Font(name="宋体", size=10, bold=True),
        "normal": Font(name="宋体", size=10),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center", wrap_text=True),
        "right": Alignment(horizontal="right", vertical="center"),
        "fill": PatternFill("solid", fgColor="EDEDED"),
        "input": PatternFill("solid", fgColor="FFF9DB"),
    }


def _money_validation(ws, refs: list[str]) -> None:
    """Amount cells accept numbers only; selecting one shows what to type (paste bypasses this:
    the reader still reports text in an amount cell)."""
    if not refs:
        return
    from openpyxl.worksheet.datavalidation import DataValidation
    dv = DataValidation(type="decimal", operator="between", formula1="-1000000000", formula2="1000000000",
                        allow_blank=True, showInputMessage=True, promptTitle="金额（万元）",
                        prompt="填数字，单位万元，保留两位小数；没有就空着（空格即 0）。",
                        showErrorMessage=True, errorTitle="金额应为数字",
                        error="这里只能填数字（单位：万元），如 12.34；不要填文字、空格或“万元”。")
    ws.add_data_validation(dv)
    dv.sqref = " ".join(refs)  # one rule for the whole table


def _write_grid(ws, grid: Grid, top: int, st: dict) -> int:
    from openpyxl.utils import get_column_letter
    money: list[str] = []
    covered = set()
    for r1, c1, r2, c2 in grid.merges:
        ws.merge_cells(start_row=top + r1, start_column=c1 + 1, end_row=top + r2, end_column=c2 + 1)
        covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - {(r1, c1)}
    for r, (kind, cells) in enumerate(zip(grid.kinds, grid.rows)):
        for c, value in enumerate(cells):
            cell = ws.cell(row=top + r, column=c + 1)
            cell.border = st["border"]
            if (r, c) in covered:
                continue
            if value is not None:
                cell.value = value
            if kind in ("header", "lanci"):
                cell.font, cell.alignment, cell.fill = st["bold"], st["center"], st["fill"]
            elif grid.col_kinds[c] == "amount":
                cell.number_format, cell.alignment, cell.font = MONEY_FORMAT, st["right"], st["normal"]
                if value is None or not isinstance(value, str):
                    money.append(cell.coordinate)
            elif grid.col_kinds[c] in ("hangci",):
                cell.alignment, cell.font = st["center"], st["normal"]
            else:
                cell.alignment, cell.font = st["left"], (st["bold"] if kind == "total" else st["normal"])
                if grid.col_kinds[c] == "code":
                    cell.number_format = "@"
    for c, w in enumerate(grid.widths):
        ws.column_dimensions[get_column_letter(c + 1)].width = w + 2
    _money_validation(ws, money)
    return top + len(grid.rows)


def write_table_sheet(wb, layout: Layout, report: Report, st: dict, blank_rows: int = 0) -> None:
    ws = wb.create_sheet(layout.sheet_name)
    table = report.tables[layout.id]
    all_codes = not report.settings.econ_nonzero_only
    grid = grid_for(layout, table, blank_rows=blank_rows, all_econ_codes=all_codes)
    last = grid.ncols
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws.cell(1, 1, table_title(layout, report.year)).font = st["title"]
    ws.cell(1, 1).alignment = st["center"]
    ws.row_dimensions[1].height = 28
    ws.cell(2, last, layout.sheet_name).alignment = st["right"]
    unit_name = report.supp.get(CODE.G15) or report.name
    ws.cell(3, 1, f"部门：{unit_name}")
    ws.cell(3, last, "单位：万元").alignment = st["right"]
    end = _write_grid(ws, grid, HEADER_ROW, st)
    ws.merge_cells(start_row=end, start_column=1, end_row=end, end_column=last)
    ws.cell(end, 1, layout.note).alignment = st["left"]
    ws.row_dimensions[end].height = 30
    ws.freeze_panes = ws.cell(HEADER_ROW + grid.header_count + 1, 1)
    fit_to_width(ws, title_rows=f"1:{HEADER_ROW + grid.header_count}", landscape=bool(layout.landscape))


def _dv_list(ws, choices: tuple[str, ...], ref: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation
    dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                        showErrorMessage=True, errorTitle="请从下拉列表选择",
                        error="可选：" + " / ".join(choices))
    ws.add_data_validation(dv)
    dv.add(ref)


def _cell_value(kind: str, value):
    if value is None:
        return None
    if kind == "date" and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if kind in ("money", "num") and isinstance(value, (int, str)) and not isinstance(value, bool):
        try:
            return Decimal(str(value))
        except Exception:  # noqa: BLE001 - keep text the clerk typed
            return value
    return value


def _format_for(kind: str) -> str | None:
    return {"money": MONEY_FORMAT, "int": "0", "year": "0", "date": "yyyy-mm-dd", "num": "0.00"}.get(kind)


def write_form_sheet(wb, spec: FormSheet, report: Report, st: dict) -> None:
    ws = wb.create_sheet(spec.name)
    ws.merge_cells("A1:D1")
    ws["A1"] = spec.title
    ws["A1"].font = st["title"]
    ws["A1"].alignment = st["center"]
    ws.row_dimensions[1].height = 28  # the 16 pt title is not clipped
    for c, label in enumerate(("编号", "项目", "填写值", "填写说明"), start=1):
        cell = ws.cell(2, c, label)
        cell.font, cell.fill, cell.alignment, cell.border = st["bold"], st["fill"], st["center"], st["border"]
    for i, f in enumerate(form_rows(spec), start=3):
        if isinstance(f, Pointer):  # a gap in the 编号: the list sheet to fill instead
            for c, text in enumerate((f.id, f.label, f"（{f.hint}）", ""), start=1):
                ws.cell(i, c, text).border = st["border"]
                ws.cell(i, c).alignment = st["left"]
            ws.cell(i, 3).fill = st["fill"]
            continue
        ws.cell(i, 1, f.shown_id).border = st["border"]
        ws.cell(i, 2, f.label + ("（必填）" if f.required else "")).border = st["border"]
        value = report.supp.fields.get(f.id)
        if value is None and spec.name == "设置":
            value = f.default
        cell = ws.cell(i, 3, _cell_value(f.kind, value))
        cell.border, cell.fill = st["border"], st["input"]
        cell.alignment = st["left"]
        fmt = _format_for(f.kind)
        if fmt:
            cell.number_format = fmt
        ws.cell(i, 4, f.guide()).border = st["border"]
        ws.cell(i, 4).alignment = st["left"]
        if f.choices:
            _dv_list(ws, f.choices, f"C{i}")
    for col, width in zip("ABCD", (9, 40, 50, 60)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A3"
    fit_to_width(ws, title_rows="1:2")


def _natural(code: str) -> tuple:
    import re
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", code) if p)


def form_rows(spec: FormSheet) -> list:
    """The rows of a form sheet: its fields, and each Pointer before the first field numbered after it."""
    rows: list = list(spec.fields)
    for p in spec.pointers:
        at = next((i for i, f in enumerate(rows) if not isinstance(f, Pointer) and _natural(f.shown_id) > _natural(p.id)),
                  len(rows))
        rows.insert(at, p)
    return rows


def write_list_sheet(wb, spec: ListSheet, report: Report, st: dict) -> None:
    from openpyxl.comments import Comment
    from openpyxl.utils import get_column_letter
    ws = wb.create_sheet(spec.name)
    n = len(spec.columns)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(n, 2))
    ws["A1"] = spec.title
    ws["A1"].font = st["bold"]
    for c, col in enumerate(spec.columns, start=1):
        cell = ws.cell(2, c, col.label + ("（必填）" if col.required else ""))
        cell.font, cell.fill, cell.alignment, cell.border = st["bold"], st["fill"], st["center"], st["border"]
        if col.hint:
            cell.comment = Comment(col.hint, "juesuan")
        ws.column_dimensions[get_column_letter(c)].width = col.width
        fmt = _format_for(col.kind)
        letter = get_column_letter(c)
        if col.choices:
            _dv_list(ws, col.choices, f"{letter}3:{letter}500")
        if col.kind in ("text",) and col.key == "code":
            for r in range(3, 60):
                ws.cell(r, c).number_format = "@"
        elif fmt:
            for r in range(3, 60):
                ws.cell(r, c).number_format = fmt
    for r, rec in enumerate(report.supp.records(spec.id), start=LIST_FIRST_ROW):
        for c, col in enumerate(spec.columns, start=1):
            value = rec.values.get(col.key)
            if value is not None:
                ws.cell(r, c, _cell_value(col.kind, value)).alignment = st["left"]
    ws.freeze_panes = "A3"
    ws.row_dimensions[1].height = 20
    fit_to_width(ws, title_rows="1:2")


def build_workbook(report: Report | None = None, blank_rows: int = 20):
    """An openpyxl Workbook of the standard layout, filled from ``report`` when given."""
    from openpyxl import Workbook
    report = report or Report()
    st = _styles()
    wb = Workbook()
    guide = wb.active
    guide.title = GUIDE_SHEET
    for i, line in enumerate(GUIDE_LINES, start=1):
        guide.cell(i, 1, line)
    guide["A1"].font = st["title"]
    guide.row_dimensions[1].height = 28
    guide.column_dimensions["A"].width = 120
    fit_to_width(guide)
    for layout in LAYOUTS:
        rows = blank_rows if not getattr(report.tables[layout.id], "rows", None) else 0
        write_table_sheet(wb, layout, report, st, blank_rows=rows)
    for spec in SHEET_ORDER:
        (write_form_sheet if isinstance(spec, FormSheet) else write_list_sheet)(wb, spec, report, st)
    return wb


def write_workbook(path: str | Path, report: Report | None = None, *, overwrite: bool = False) -> Path:
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileExistsError(str(path))
    wb = build_workbook(report)
    return save_workbook(wb, path)
