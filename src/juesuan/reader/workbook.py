"""Load a filled standard workbook into the model, collecting every problem in Chinese.

Tables are located by their header labels (行次, 栏次 numbers, 经济分类科目编码 …), never by
fixed coordinates, so the real variants of the 公开表 load (docs/WORKBOOK.md).

* :mod:`juesuan.reader.sheet_values` — a sheet as a grid, and one cell value as text, amount, integer, date;
* :mod:`juesuan.reader.tables` — the nine 公开表;
* :mod:`juesuan.reader.supplement` — the supplementary sheets.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

from juesuan.model.findings import ERROR, INFO, WARNING, Finding, WorkbookError
from juesuan.spec.layouts import BY_ID, LAYOUTS, Layout
from juesuan.model.report import Report
from juesuan.model.money import AmbiguousNumber, NotANumber
from juesuan.reader.sheet_choice import amount_unit, base_name, near_names, pick, sheet_label
from juesuan.reader.supplement import SupplementReading
from juesuan.reader.tables import TableReading, find_title, find_unit_line
from juesuan.reader.units import unit_finding
from juesuan.reader.sheet_values import (AMBIGUOUS_HINT, ambiguous_hint, Sheet, TooLarge, ambiguous_message, amount_value, cell_ref, cell_text,
                           display_value, norm)
from juesuan.spec.supplement import BLANK_IS_NOT_ZERO, FORMS, LISTS, FormSheet
from juesuan.spec.finding_ids import title_of
from juesuan.xlsx.safety import preflight


class Reader(TableReading, SupplementReading):
    """Reads one workbook; every problem becomes a Finding in ``findings`` (in Chinese, naming the cell)."""

    def __init__(self):
        self.findings: list[Finding] = []
        self.stored: dict[str, str] = {}  # cell -> stored amount with more than two decimals

    # -- findings -------------------------------------------------------------------
    def problem(self, rule: str, severity: str, cells: list[str], message: str, hint: str = "") -> None:
        self.findings.append(Finding(rule, severity, message, cells, hint=hint, title=title_of(rule)))

    def money(self, sheet: Sheet, r: int, c: int) -> Decimal | None:
        raw = sheet.v(r, c)
        if raw is None:
            ref = cell_ref(r, c)
            if ref in sheet.bad_formulas:
                if sheet.recalc:
                    self.problem("R-FORMULA", ERROR, [sheet.ref(r, c)],
                                 f"公式“{sheet.bad_formulas[ref]}”保存的计算结果不可信：工作簿标明“打开时重新计算”"
                                 "（由不计算公式的程序生成，保存的结果常为 0），未读取",
                                 "请用 Excel 或 WPS 打开该工作簿并保存后再试")
                else:
                    self.problem("R-FORMULA", ERROR, [sheet.ref(r, c)],
                                 f"公式“{sheet.bad_formulas[ref]}”没有计算结果（文件由不计算公式的程序保存）",
                                 "请用 Excel 或 WPS 打开该工作簿并保存后再试")
            return None
        try:
            value = amount_value(raw)
        except AmbiguousNumber:
            self.problem("R-NUM", ERROR, [sheet.ref(r, c)], ambiguous_message(raw), ambiguous_hint(raw))
            return None
        except NotANumber:
            kind = "日期" if isinstance(raw, (dt.date, dt.datetime, dt.time)) else \
                "逻辑值" if isinstance(raw, bool) else ""
            self.problem("R-NUM", ERROR, [sheet.ref(r, c)], f"应为数字，实际为{kind}“{display_value(raw)}”",
                         "金额请填阿拉伯数字，单位万元，如 1234.56")
            return None
        except TooLarge:
            self.problem("R-NUM", ERROR, [sheet.ref(r, c)], f"金额“{display_value(raw)}”大得不合理（超过 1 万亿万元）",
                         "请核对数字和单位（万元）")
            return None
        if value is not None and isinstance(raw, (float, str)):
            text = repr(raw) if isinstance(raw, float) else raw.strip()
            if "." in text and len(text.split(".")[1].rstrip("0")) > 2 and "e" not in text.lower():
                self.stored[sheet.ref(r, c)] = text
        return value

    # -- sheets ---------------------------------------------------------------------
    def _by_sheet_name(self, sheets: dict[str, Sheet]) -> dict[str, Sheet]:
        """T0N by the name 公开0N表, or Excel's copy of it “公开0N表 (2)”.  When a table has more than
        one such sheet the visible one is read (a stale copy is usually hidden), the plain name
        before a copy, and a warning names all of them: the report must not silently use the
        wrong one."""
        candidates: dict[str, list[Sheet]] = {}
        for name, sheet in sheets.items():
            m = _NAMED_RE.fullmatch(name)
            if m:
                candidates.setdefault(f"T0{m.group(1)}", []).append(sheet)
        found: dict[str, Sheet] = {}
        for tid, group in candidates.items():
            group.sort(key=lambda sh: (sh.hidden, _COPY_RE.search(sh.name) is not None))
            found[tid] = group[0]
            if len(group) > 1:
                names = "、".join(f"“{sh.name}”" + ("（隐藏）" if sh.hidden else "") for sh in group)
                self.problem("R-SHEET", WARNING, [sh.name for sh in group],
                             f"{BY_ID[tid].sheet_name}有 {len(group)} 张：{names}；读取的是“{group[0].name}”",
                             "请删除不用的那张（或把要用的那张改名为“" + BY_ID[tid].sheet_name + "”），以免报告用错表")
        return found

    def identify(self, sheets: dict[str, Sheet]) -> dict[str, Sheet]:
        """Map T01…T09 to sheets: by 公开0N表 name, else by the title in the sheet, else 表N.
        A named sheet whose title names another table is read as the table of its title."""
        from juesuan.reader.sheet_choice import title_table
        named = self._by_sheet_name(sheets)
        found: dict[str, Sheet] = {}
        moved: list[tuple[str, str, Sheet]] = []
        for tid, sheet in named.items():
            by_title = title_table(sheet)
            if by_title is None or by_title == tid:
                found[tid] = sheet
            else:
                moved.append((tid, by_title, sheet))
        for tid, by_title, sheet in moved:
            if by_title in found:
                found.setdefault(tid, sheet)
                continue
            found[by_title] = sheet
            self.problem("R-SHEET", WARNING, [sheet.name],
                         f"工作表“{sheet.name}”的标题是{BY_ID[by_title].sheet_name}的“{BY_ID[by_title].title}”，"
                         f"不是{BY_ID[tid].sheet_name}的“{BY_ID[tid].title}”；已按标题读作{BY_ID[by_title].sheet_name}",
                         "工作表名与标题不符（常见于 2020 年以前的表序）：请按标题核对并把工作表改名为“"
                         + BY_ID[by_title].sheet_name + "”")
        titles = sorted(((l.old_title or l.title, l.id) for l in LAYOUTS), key=lambda t: -len(t[0])) + \
            sorted(((l.title, l.id) for l in LAYOUTS), key=lambda t: -len(t[0]))
        titles.sort(key=lambda t: -len(t[0]))
        for name, sheet in sheets.items():
            if sheet in found.values() or sheet in named.values() or _NAMED_RE.fullmatch(name):
                continue
            head = "".join(norm(sheet.v(r, c)) for r in range(min(3, sheet.nrows)) for c in range(min(sheet.ncols, 12)))
            head = head + norm(name)
            for title, tid in titles:
                if norm(title) in head and tid not in found:
                    found[tid] = sheet
                    break
        old_order = any(re.fullmatch(r"\s*表7\s*", n) and "三公" in "".join(
            norm(s.v(r, c)) for r in range(min(3, s.nrows)) for c in range(min(s.ncols, 12))) for n, s in sheets.items())
        for name, sheet in sheets.items():
            if sheet in found.values():
                continue
            m = re.fullmatch(r"\s*(?:\（|\()?表\s*([1-9])(?:\）|\))?\s*", name)
            if m:
                n = int(m.group(1))
                tid = next(l.id for l in LAYOUTS if (l.old_number if old_order else l.number) == n)
                found.setdefault(tid, sheet)
        for layout in LAYOUTS:
            if layout.id not in found:
                self.problem("R-SHEET", ERROR, [layout.sheet_name],
                             f"缺少工作表“{layout.sheet_name}”（{layout.title}）",
                             "请从标准工作簿复制该表，或把工作表改名为“" + layout.sheet_name + "”")
        return found



_NAMED_RE = re.compile(r"\s*公开0?([1-9])表\s*(?:[（(]\s*\d+\s*[)）])?\s*")
_COPY_RE = re.compile(r"[（(]\s*\d+\s*[)）]\s*$")

MAX_ROWS, MAX_COLS = 5000, 60  # far beyond any 公开表; a sheet is not read further


def load_sheets(path: Path) -> dict[str, Sheet]:
    """Cached values of every worksheet, read without openpyxl (see xlsx_cells for why)."""
    import zipfile
    import zlib

    from juesuan.xlsx.cells import PartError, UnsafeXML, read_values
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            values = read_values(zf, max_rows=MAX_ROWS, max_cols=MAX_COLS)
    except UnsafeXML as exc:
        raise WorkbookError(f"工作簿“{name}”含有不安全的 XML 实体定义（疑似恶意构造的文件），已拒绝打开。") from exc
    except PartError as exc:
        where = f"工作表“{exc.sheet}”" if exc.sheet else f"内部文件 {exc.part}"
        raise WorkbookError(f"工作簿“{name}”已损坏：{where}{exc}，无法读取。"
                            "请用 Excel 或 WPS 打开后另存为 .xlsx 再试。") from exc
    except KeyError as exc:  # a part the workbook points at is missing
        raise WorkbookError(f"工作簿“{name}”已损坏（缺少内部文件 {exc.args[0] if exc.args else ''}），无法读取。"
                            "请用 Excel 或 WPS 打开后另存为 .xlsx 再试。") from exc
    except RuntimeError as exc:  # zipfile: a member protected by a zip password
        raise WorkbookError(f"工作簿“{name}”的压缩包设置了密码，无法读取。请在 Excel 或 WPS 中另存为 .xlsx 再试。") from exc
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        # CRC mismatch, truncated or lying member sizes, unknown compression method …
        raise WorkbookError(f"工作簿“{name}”已损坏（压缩数据错误），无法读取。请重新导出或用 Excel 修复后另存为 .xlsx 再试。") from exc
    sheets: dict[str, Sheet] = {}
    for sv in values:
        if sv.name in sheets:
            sheets[sv.name].duplicates += 1
            continue
        sheet = Sheet(sv.name, sv.rows, sv.formulas_without_value)
        sheet.truncated, sheet.notes, sheet.hidden = sv.truncated, sv.notes, sv.hidden
        sheet.hidden_rows, sheet.recalc = set(sv.hidden_rows), sv.recalc
        sheets[sv.name] = sheet
    return sheets


def report_damaged_cells(reader: Reader, sheet: Sheet) -> None:
    """One finding per sheet and kind for the cells whose stored text was damaged (xlsx_cells)."""
    from juesuan.xlsx.cells import STRING_MISSING
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for ref, (kind, what) in getattr(sheet, "notes", {}).items():
        by_kind.setdefault(kind, []).append((f"{sheet.name}!{ref}", what))
    for kind, cells in by_kind.items():
        first, what = cells[0]
        more = f"；本表共 {len(cells)} 个单元格有此问题（见“对照”）" if len(cells) > 1 else ""
        if kind == STRING_MISSING:
            reader.problem("R-SST", ERROR, [c for c, _ in cells], f"单元格{what}，已按空白读取{more}",
                           "文件已损坏：请用 Excel 或 WPS 打开、核对这些单元格后另存为 .xlsx")
        else:
            reader.problem("R-TEXT", WARNING, [c for c, _ in cells], f"文字{what}{more}",
                           "请核对这些单元格的内容（多由从其他系统复制粘贴带入）")


SUPPLEMENT_NAMES = {spec.name for spec in FORMS + LISTS}


def supplement_sheet(reader: Reader, name: str, sheets: dict[str, Sheet], taken: set[str]) -> Sheet | None:
    """The sheet a person sees for supplementary sheet ``name`` (sheet_choice.pick); every other
    copy and a name read despite extra spaces are named in a warning."""
    sheet, group = pick(name, sheets)
    if sheet is None:
        return None
    if len(group) > 1:
        names = "、".join(sheet_label(sh) for sh in group)
        reader.problem("R-SHEET", WARNING, [sh.name for sh in group],
                       f"补充工作表“{name}”有 {len(group)} 张：{names}；读取的是“{sheet.name}”",
                       f"请删除不用的那张（或把要用的那张改名为“{name}”），以免报告用错表")
    elif sheet.name != name:
        reader.problem("R-SHEET", WARNING, [sheet.name],
                       f"工作表名“{sheet.name}”与“{name}”只差空格或副本编号，已按“{name}”读取",
                       f"请把工作表改名为“{name}”")
    return sheet


def near_hint(name: str, sheets: dict[str, Sheet], taken: set[str]) -> str:
    close = near_names(name, sheets, taken)
    if not close:
        return ""
    return f"工作簿中有名称相近的工作表{'、'.join(f'“{n}”' for n in close)}：如果就是这张表，请改名为“{name}”"


def refuse_other_units(path: Path, tables: dict[str, Sheet]) -> None:
    """Amounts in 元 (or 千元 …) under a report that prints 万元: one clear refusal, never a
    report saying 17563000万元 (and never six cross-table errors that do not name the unit)."""
    units = {tid: amount_unit(sheet) for tid, sheet in tables.items()}
    other = {tid: u for tid, u in units.items() if u and u[0] != "万元"}
    if not other:
        return
    first = next(iter(other.values()))
    named = "、".join(BY_ID[tid].sheet_name for tid in sorted(other))
    kinds = "、".join(sorted({f"“{u[0]}”" for u in other.values()}))
    wan = [BY_ID[tid].sheet_name for tid, u in sorted(units.items()) if u and u[0] == "万元"]
    mixed = (f"而{'、'.join(wan)}" + "和" if wan else "而") + "补充工作表（上年数、年初预算、三公明细等）按万元填写，单位不一致。"
    raise WorkbookError(
        f"工作簿“{path.name}”中{named}的金额单位是{kinds}（见 {first[1]}“单位：{first[0]}”），{mixed}"
        "本工具按“万元”读取金额、报告也按万元打印，不能直接使用。"
        "请把这些表的金额换算为万元（元除以 10000，保留两位小数）并把表头改为“单位：万元”后再试。")


def read_workbook(path: str | Path) -> tuple[Report, list[Finding]]:
    """Read ``path``; raise WorkbookError when it cannot be read at all."""
    path = Path(path)
    preflight(path)
    sheets = load_sheets(path)
    reader = Reader()
    for sheet in sheets.values():
        report_damaged_cells(reader, sheet)
        if sheet.duplicates:
            reader.problem("R-SHEET", WARNING, [sheet.name],
                           f"工作簿中有 {sheet.duplicates + 1} 张名为“{sheet.name}”的工作表，只读取了第一张",
                           "Excel 不允许同名工作表，文件可能由其他程序生成：请删除或改名多余的工作表")
        if sheet.truncated:
            reader.problem("R-ROWS", WARNING, [sheet.ref(MAX_ROWS, 0)],
                           f"工作表超过 {MAX_ROWS} 行，第 {MAX_ROWS + 1} 行起的内容未读入", "请删除表格下方多余的行")
    report = Report(source=str(path))
    tables = reader.identify(sheets)
    refuse_other_units(path, tables)
    headers = {tid: amount_unit(sheet) for tid, sheet in tables.items()}
    for tid, sheet in tables.items():
        layout: Layout = BY_ID[tid]
        read = {"fixed": reader.read_fixed, "coded": reader.read_coded, "econ": reader.read_econ,
                "single": reader.read_single}[layout.kind]
        report.tables[tid] = read(layout, sheet)
        title = find_title(layout, sheet)
        if title:
            report.titles[tid] = title
        unit = find_unit_line(sheet)
        if unit:
            report.unit_lines[tid] = unit
    report.stored = reader.stored
    taken = {sh.name for sh in tables.values()} | {n for n in sheets if base_name(n) in SUPPLEMENT_NAMES}
    for spec in FORMS + LISTS:
        sheet = supplement_sheet(reader, spec.name, sheets, taken)
        if sheet is None:
            if spec in BLANK_IS_NOT_ZERO:  # its numbers would be printed as 0: not a warning
                reader.problem("R-SHEET", ERROR, [spec.name],
                               f"缺少补充工作表“{spec.name}”，其必填项（{'、'.join(f.id for f in spec.fields if f.required)}）"
                               "无法读取，报告中不能写成 0",
                               near_hint(spec.name, sheets, taken) or "请从标准工作簿（make-report init）复制该表并填写；没有的填 0")
                continue
            reader.problem("R-SHEET", WARNING, [spec.name], f"缺少补充工作表“{spec.name}”，相关内容将无法生成",
                           near_hint(spec.name, sheets, taken) or "请从标准工作簿（make-report init）复制该表")
            continue
        (reader.read_form if isinstance(spec, FormSheet) else reader.read_list)(spec, sheet, report)
    unit = unit_finding(report, headers)
    if unit is not None:
        reader.findings.append(unit)
    return report, reader.findings


__all__ = ["read_workbook", "norm", "cell_text", "cell_ref", "INFO"]
