"""Load a filled standard workbook into the model, collecting every problem in Chinese.

Tables are located by their header labels (行次, 栏次 numbers, 经济分类科目编码 …), never by
fixed coordinates, so the real variants of the 公开表 load (DOMAIN.md §2).
"""
from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from .findings import ERROR, INFO, WARNING, Finding, WorkbookError
from .layouts import (LANCI, BY_ID, LAYOUTS, CodedLayout, EconLayout, FixedLayout, Layout, SingleRowLayout)
from .model import CodedRow, CodedTable, EconTable, FixedTable, Record, Report, SingleRowTable
from .money import ZERO, NotANumber, parse_money
from .supplement_spec import FORMS, LISTS, Field, FormSheet, ListColumn, ListSheet
from .xlsx_cells import col_letters
from .xlsx_safety import preflight

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NUMBERING_RE = re.compile(r"^(?:[（(]?[一二三四五六七八九十]+[)）、.．]|[0-9]+[、.．](?!\d)|[（(][0-9]+[)）])")
_SPACES_RE = re.compile(r"[\s\u3000\u00a0]+")


@lru_cache(maxsize=65536)
def cell_ref(row: int, col: int) -> str:
    """0-based row/column -> 'E12'."""
    return f"{col_letters(col)}{row + 1}"


def clean_text(value: object) -> str:
    """Cell text as data: control characters removed, ends trimmed, inner newlines kept."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _CONTROL_RE.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def norm(value: object) -> str:
    """Normalized label: no spaces/newlines, no leading 一、/1./(一), full-width brackets."""
    text = _SPACES_RE.sub("", clean_text(value))
    text = text.replace("(", "（").replace(")", "）")
    prev = None
    while prev != text:
        prev, text = text, _NUMBERING_RE.sub("", text)
    return text


def _display(value: object) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (int, float)) and abs(value) >= 1e12:
        return f"{value:.6g}"
    text = clean_text(value)
    return text if len(text) <= 40 else text[:40] + "…"


class Sheet:
    """A worksheet's cached values as a grid, with the formula cells that had no value."""

    def __init__(self, name: str, rows: list[list[object]], bad_formulas: dict[str, str]):
        self.name = name
        self.rows = rows
        self.bad_formulas = bad_formulas
        self.nrows = len(rows)
        self.ncols = max((len(r) for r in rows), default=0)
        self.truncated = False  # rows beyond MAX_ROWS were not read

    def v(self, r: int, c: int) -> object:
        if 0 <= r < self.nrows and 0 <= c < len(self.rows[r]):
            return self.rows[r][c]
        return None

    def ref(self, r: int, c: int) -> str:
        return f"{self.name}!{cell_ref(r, c)}"

    def text(self, r: int, c: int) -> str:
        return norm(self.v(r, c))

    def row_texts(self, r: int) -> list[str]:
        return [self.text(r, c) for c in range(self.ncols)]

    def find(self, predicate, max_rows: int | None = None):
        for r in range(min(self.nrows, max_rows or self.nrows)):
            for c in range(len(self.rows[r])):
                if predicate(self.text(r, c)):
                    yield r, c


class Reader:
    def __init__(self):
        self.findings: list[Finding] = []

    # -- findings -------------------------------------------------------------------
    def problem(self, rule: str, severity: str, cells: list[str], message: str, hint: str = "") -> None:
        self.findings.append(Finding(rule, severity, message, cells, hint=hint, title="读取"))

    def money(self, sheet: Sheet, r: int, c: int) -> Decimal | None:
        raw = sheet.v(r, c)
        if raw is None:
            ref = cell_ref(r, c)
            if ref in sheet.bad_formulas:
                self.problem("R-FORMULA", ERROR, [sheet.ref(r, c)],
                             f"公式“{sheet.bad_formulas[ref]}”没有计算结果（文件由不计算公式的程序保存）",
                             "请用 Excel 或 WPS 打开该工作簿并保存后再试")
            return None
        try:
            value = _amount(raw)
        except NotANumber:
            kind = "日期" if isinstance(raw, (dt.date, dt.datetime, dt.time)) else \
                "逻辑值" if isinstance(raw, bool) else ""
            self.problem("R-NUM", ERROR, [sheet.ref(r, c)], f"应为数字，实际为{kind}“{_display(raw)}”",
                         "金额请填阿拉伯数字，单位万元，如 1234.56")
            return None
        except _TooLarge:
            self.problem("R-NUM", ERROR, [sheet.ref(r, c)], f"金额“{_display(raw)}”大得不合理（超过 1 万亿万元）",
                         "请核对数字和单位（万元）")
            return None
        return value

    # -- sheets ---------------------------------------------------------------------
    def identify(self, sheets: dict[str, Sheet]) -> dict[str, Sheet]:
        """Map T01…T09 to sheets: by 公开0N表 name, else by the title in the sheet, else 表N."""
        found: dict[str, Sheet] = {}
        titles = sorted(((l.old_title or l.title, l.id) for l in LAYOUTS), key=lambda t: -len(t[0])) + \
            sorted(((l.title, l.id) for l in LAYOUTS), key=lambda t: -len(t[0]))
        titles.sort(key=lambda t: -len(t[0]))
        for name, sheet in sheets.items():
            m = re.fullmatch(r"\s*公开0?([1-9])表\s*", name)
            if m:
                found.setdefault(f"T0{m.group(1)}", sheet)
        for name, sheet in sheets.items():
            if sheet in found.values():
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

    # -- T01 / T04 --------------------------------------------------------------------
    def read_fixed(self, layout: FixedLayout, sheet: Sheet) -> FixedTable:
        table = FixedTable(layout, sheet=sheet.name)
        hits = [(r, c) for r, c in sheet.find(lambda t: t == "行次", 15)]
        if not hits:
            self.problem("R-HEADER", ERROR, [sheet.ref(0, 0)], "找不到表头“行次”，无法识别表格",
                         "请保留标准表头（项目、行次、金额、栏次）")
            return table
        header_row = max(r for r, _ in hits)
        hang_cols = sorted(c for r, c in hits if r == hits[0][0]) or sorted(c for _, c in hits)
        if len(hang_cols) < len(layout.sides):
            self.problem("R-HEADER", ERROR, [sheet.ref(hits[0][0], hits[0][1])],
                         f"应有{len(layout.sides)}个“行次”列（收入、支出两侧），实际找到{len(hang_cols)}个")
            return table
        lanci_row = next((r for r in range(header_row, min(sheet.nrows, header_row + 4))
                          if LANCI in sheet.row_texts(r)), None)
        first_data = (lanci_row if lanci_row is not None else header_row) + 1
        sides = []
        for i, side in enumerate(layout.sides):
            hc = hang_cols[i]
            # the last side may end in columns left blank in every row: they still belong to it
            end = hang_cols[i + 1] - 1 if i + 1 < len(hang_cols) else max(sheet.ncols, hc + 1 + len(side.columns))
            value_cols = list(range(hc + 1, end))
            col_for = {}
            if lanci_row is not None:
                for c in value_cols:
                    lanci = _as_int(sheet.v(lanci_row, c))
                    col = next((x for x in side.columns if x.lanci == lanci), None)
                    if col:
                        col_for[col.key] = c
            if len(col_for) != len(side.columns):
                col_for = {col.key: c for col, c in zip(side.columns, value_cols)}
            sides.append((side, hc - 1, hc, col_for))
        # Pass 1: where is 总计 (decides the variant of T01).
        rows_seen: list[tuple] = []
        for r in range(first_data, sheet.nrows):
            first = sheet.text(r, 0)
            if first.startswith("注"):
                break
            for side, name_c, hang_c, col_for in sides:
                rows_seen.append((r, side, sheet.text(r, name_c), _as_int(sheet.v(r, hang_c)), col_for, name_c))
        if len(layout.variants) > 1:
            grand = next((h for _, side, name, h, _, _ in rows_seen if side.key == "income" and name == "总计"), None)
            variant = next((v for v in layout.variants if side_row(layout, "income", "inc_grand").hangci[v] == grand), None)
            if variant is None:
                self.problem("R-VARIANT", ERROR, [sheet.ref(first_data, 0)],
                             f"收入“总计”的行次应为30或31，实际为“{grand if grand is not None else '未找到'}”，无法判定表式",
                             "请保留标准行次：收入1–30、支出31–60，或收入1–31、支出32–62")
                return table
            table.variant = variant
        for r, side, name, h, col_for, name_c in rows_seen:
            row = self._match_row(side, name, h, table.variant)
            has_values = any(sheet.v(r, c) not in (None, "") for c in col_for.values())
            if row is None:
                if has_values and (name or h):
                    self.problem("R-ROW", WARNING, [sheet.ref(r, name_c)],
                                 f"无法识别的行“{name or h}”，其金额未读入", "请核对行名和行次")
                continue
            if name and norm(row.name) != name and name not in map(norm, row.aliases):
                self.problem("R-NAME", WARNING, [sheet.ref(r, name_c)],
                             f"行次{h}的行名应为“{row.name}”，实际为“{name}”，已按行次对位")
            table.names[row.key] = name or row.name
            for key, c in col_for.items():
                if (row.key, key) in table.cells:
                    continue
                value = self.money(sheet, r, c)
                table.cells[(row.key, key)] = sheet.ref(r, c)
                if value is not None:
                    table.values[(row.key, key)] = value
        return table

    @staticmethod
    def _match_row(side, name: str, h: int | None, variant: str):
        by_name = [r for r in side.rows if name and (norm(r.name) == name or name in map(norm, r.aliases))]
        if len(by_name) == 1:
            return by_name[0]
        if by_name:  # same name twice (T04 一般公共预算财政拨款 on 行1 and 行29): the 行次 decides
            return next((r for r in by_name if r.hangci.get(variant) == h), by_name[0])
        if h is not None and name:
            return next((r for r in side.rows if r.hangci.get(variant) == h), None)
        return None

    # -- T02 T03 T05 T07 T08 ------------------------------------------------------------
    def _lanci_row(self, sheet: Sheet, n: int) -> tuple[int, dict[int, int]] | None:
        for r in range(min(sheet.nrows, 20)):
            nums = {}
            for c in range(len(sheet.rows[r])):
                k = _as_int(sheet.v(r, c))
                if k is not None and 1 <= k <= n and k not in nums:
                    nums[k] = c
            if len(nums) == n and all(nums[k] < nums[k + 1] for k in range(1, n)):
                return r, nums
        return None

    def read_coded(self, layout: CodedLayout, sheet: Sheet) -> CodedTable:
        table = CodedTable(layout, sheet=sheet.name)
        found = self._lanci_row(sheet, len(layout.columns))
        if found is None:
            found = self._label_columns(sheet, [c.label for c in layout.columns])
        if found is None:
            self.problem("R-HEADER", ERROR, [sheet.ref(0, 0)],
                         f"找不到栏次行（1–{len(layout.columns)}）或列标题，无法识别表格",
                         "请保留标准表头和“栏次”行")
            return table
        start, by_lanci = found
        col_of = {c.key: by_lanci[c.lanci] for c in layout.columns}
        key_cols = list(range(0, min(col_of.values())))
        seen: dict[str, int] = {}
        for r in range(start + 1, sheet.nrows):
            texts = [clean_text(sheet.v(r, c)) for c in key_cols]
            joined = "".join(norm(t) for t in texts)
            if joined.startswith("注") or (not joined and any(norm(sheet.v(r, c)).startswith("注") for c in col_of.values())):
                break
            if joined in ("", LANCI) and all(sheet.v(r, c) in (None, "") for c in col_of.values()):
                continue
            if "合计" == joined or joined.startswith("合计") or joined == "总计":
                for key, c in col_of.items():
                    value = self.money(sheet, r, c)
                    table.total_cells[key] = sheet.ref(r, c)
                    if value is not None:
                        table.total[key] = value
                continue
            code, name, code_c, name_c = "", None, None, None
            for c, t in zip(key_cols, texts):
                t = t.replace(" ", "")
                if t.isdigit():
                    code += t
                    code_c = c if code_c is None else code_c
                elif t and name is None:
                    name, name_c = clean_text(t), c
            if not code:
                if joined in ("类", "款", "项", "类款项") or joined.startswith(("功能分类", "科目")):
                    continue
                if any(sheet.v(r, c) not in (None, "") for c in col_of.values()):
                    self.problem("R-CODE", ERROR, [sheet.ref(r, key_cols[0] if key_cols else 0)],
                                 f"第{r + 1}行有金额但没有科目编码（名称“{name or ''}”）", "请填写 3/5/7 位功能分类科目编码")
                continue
            if code in seen:
                self.problem("R-DUP", ERROR, [sheet.ref(r, code_c), sheet.ref(seen[code], code_c)],
                             f"科目 {code} 重复出现（第{seen[code] + 1}行和第{r + 1}行）", "同一科目只能占一行，请合并")
                continue
            seen[code] = r
            row = CodedRow(code, name, code_cell=sheet.ref(r, code_c), row=r + 1,
                           name_cell=sheet.ref(r, name_c) if name_c is not None else None)
            for key, c in col_of.items():
                value = self.money(sheet, r, c)
                row.cells[key] = sheet.ref(r, c)
                if value is not None:
                    row.values[key] = value
            table.rows.append(row)
        table.has_names = any(r.name for r in table.rows)
        return table

    def _label_columns(self, sheet: Sheet, labels: list[str]):
        """Fallback without a 栏次 row: the row holding the column labels, left to right."""
        want = [norm(x) for x in labels]
        for r in range(min(sheet.nrows, 15)):
            texts = sheet.row_texts(r)
            cols = []
            for label in want:
                c = next((i for i, t in enumerate(texts) if t == label and i not in cols), None)
                cols.append(c)
            if all(c is not None for c in cols) and cols == sorted(cols):
                return r, {i + 1: c for i, c in enumerate(cols)}
        return None

    # -- T06 ----------------------------------------------------------------------------
    def read_econ(self, layout: EconLayout, sheet: Sheet) -> EconTable:
        table = EconTable(layout, sheet=sheet.name)
        hits = list(sheet.find(lambda t: t in ("经济分类科目编码", "科目编码", "经济分类编码"), 15))
        if not hits:
            self.problem("R-HEADER", ERROR, [sheet.ref(0, 0)], "找不到表头“经济分类科目编码”，无法识别表格")
            return table
        header_row = hits[0][0]
        triples = sorted(c for r, c in hits if r == header_row)
        for r in range(header_row + 1, sheet.nrows):
            texts = sheet.row_texts(r)
            if texts and texts[0].startswith("注"):
                break
            for label, attr in ((layout.personnel_total_label, "personnel"), (layout.public_total_label, "public")):
                if label in texts:
                    c0 = texts.index(label)
                    c = c0 + 1
                    while c < sheet.ncols and sheet.v(r, c) in (None, ""):
                        c += 1
                    raw = sheet.v(r, c)
                    if c < sheet.ncols and not (isinstance(raw, str) and norm(raw) in texts and not _is_number(raw)):
                        setattr(table, f"{attr}_total", self.money(sheet, r, c) or ZERO)
                        setattr(table, f"{attr}_cell", sheet.ref(r, c))
                    else:  # blank total: point at the cell the standard layout uses
                        setattr(table, f"{attr}_cell", sheet.ref(r, c0 + 2 if attr == "personnel" else len(triples) * 3 - 1))
            if layout.personnel_total_label in texts or layout.public_total_label in texts:
                continue
            for c in triples:
                code = clean_text(sheet.v(r, c)).replace(" ", "")
                if not code:
                    continue
                if not code.isdigit():
                    continue
                if code in table.cells:
                    self.problem("R-DUP", ERROR, [sheet.ref(r, c), table.cells[code]],
                                 f"经济分类科目 {code} 重复出现", "同一科目只能占一格，请合并")
                    continue
                table.names[code] = clean_text(sheet.v(r, c + 1))
                table.cells[code] = sheet.ref(r, c + 2)
                value = self.money(sheet, r, c + 2)
                if value is not None:
                    table.values[code] = value
        return table

    # -- T09 ----------------------------------------------------------------------------
    def read_single(self, layout: SingleRowLayout, sheet: Sheet) -> SingleRowTable:
        table = SingleRowTable(layout, sheet=sheet.name)
        found = self._lanci_row(sheet, len(layout.columns))
        if found is None:
            self.problem("R-HEADER", ERROR, [sheet.ref(0, 0)], "找不到栏次行（1–12），无法识别“三公”经费表",
                         "请保留标准表头和栏次行")
            return table
        start, by_lanci = found
        data_row = start + 1
        for r in range(start + 1, min(sheet.nrows, start + 4)):
            if norm(sheet.v(r, 0)).startswith("注"):
                break
            if any(sheet.v(r, by_lanci[c.lanci]) not in (None, "") for c in layout.columns):
                data_row = r
                break
        for col in layout.columns:
            c = by_lanci[col.lanci]
            table.cells[col.key] = sheet.ref(data_row, c)
            if norm(sheet.v(data_row, 0)).startswith("注"):
                continue
            value = self.money(sheet, data_row, c)
            if value is not None:
                table.values[col.key] = value
        return table

    # -- supplementary sheets ---------------------------------------------------------
    def convert(self, kind: str, raw: object, sheet: Sheet, r: int, c: int, choices=(), label: str = ""):
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if raw is None and cell_ref(r, c) in sheet.bad_formulas:
                self.money(sheet, r, c)
            return None
        where = [sheet.ref(r, c)]
        if kind == "money":
            return self.money(sheet, r, c)
        if kind in ("int", "year"):
            value = _as_int(raw)
            if value is None:
                self.problem("R-NUM", ERROR, where, f"“{label}”应为整数，实际为“{_display(raw)}”")
            elif kind == "year" and not 1900 <= value <= 2999:
                self.problem("R-NUM", ERROR, where, f"“{label}”应为四位年份（如 2024），实际为“{_display(raw)}”")
                return None
            elif abs(value) >= _MAX_INT:
                self.problem("R-NUM", ERROR, where, f"“{label}”大得不合理：“{_display(raw)}”")
                return None
            return value
        if kind == "num":
            try:
                return _amount(raw)
            except NotANumber:
                self.problem("R-NUM", ERROR, where, f"“{label}”应为数字，实际为“{_display(raw)}”")
                return None
            except _TooLarge:
                self.problem("R-NUM", ERROR, where, f"“{label}”大得不合理：“{_display(raw)}”")
                return None
        if kind == "date":
            value = _as_date(raw)
            if value is None:
                self.problem("R-DATE", ERROR, where, f"“{label}”应为日期（如 2025-10-20），实际为“{_display(raw)}”")
            return value
        text = clean_text(raw)
        if kind == "enum":
            if isinstance(raw, (int, float)) and not isinstance(raw, bool):
                text = str(int(raw)) if float(raw).is_integer() else str(raw)
            if choices and text not in choices:
                self.problem("R-ENUM", ERROR, where, f"“{label}”应为{'、'.join(f'“{c}”' for c in choices)}之一，实际为“{_display(raw)}”",
                             "请从下拉列表中选择")
                return None
        return text

    def read_form(self, spec: FormSheet, sheet: Sheet, report: Report) -> None:
        head = next(((r, c) for r, c in sheet.find(lambda t: t == "编号", 6)), None)
        value_c = next((c for r, c in sheet.find(lambda t: t in ("填写值", "值", "数值"), 6)), None)
        if head is None or value_c is None:
            self.problem("R-HEADER", ERROR, [sheet.ref(0, 0)], "找不到列标题“编号”“填写值”，无法读取该表",
                         "请从标准工作簿复制该表")
            return
        id_c = head[1]
        # 编号 as written now (S01 …) or by the previous version (the internal id, e.g. 五三粒度)
        by_id = {f.id: f for f in spec.fields} | {f.number: f for f in spec.fields if f.number}
        by_label = {norm(f.label): f for f in spec.fields} | {norm(f.id): f for f in spec.fields if f.number}
        for r in range(head[0] + 1, sheet.nrows):
            fid = clean_text(sheet.v(r, id_c))
            label = norm(sheet.v(r, id_c + 1)).replace("（必填）", "")
            f: Field | None = by_id.get(fid) or by_label.get(label)
            if f is None:
                continue
            value = self.convert(f.kind, sheet.v(r, value_c), sheet, r, value_c, f.choices, f.label)
            report.supp.cells[f.id] = sheet.ref(r, value_c)
            if value is not None:
                report.supp.fields[f.id] = value

    def read_list(self, spec: ListSheet, sheet: Sheet, report: Report) -> None:
        labels = {norm(col.label): col for col in spec.columns}
        header = None
        for r in range(min(sheet.nrows, 6)):
            cols = {}
            for c, t in enumerate(sheet.row_texts(r)):
                t = t.replace("（必填）", "")
                if t in labels:
                    cols[labels[t].key] = (c, labels[t])
            if cols and spec.columns[0].key in cols:
                header = (r, cols)
                break
        if header is None:
            self.problem("R-HEADER", ERROR, [sheet.ref(1, 0)],
                         f"找不到列标题“{spec.columns[0].label}”，无法读取该表", "请从标准工作簿复制该表")
            return
        r0, cols = header
        records = []
        for r in range(r0 + 1, sheet.nrows):
            if all(sheet.v(r, c) in (None, "") or (isinstance(sheet.v(r, c), str) and not sheet.v(r, c).strip())
                   for c, _ in cols.values()):
                continue
            rec = Record({})
            for key, (c, col) in cols.items():
                col: ListColumn
                rec.values[key] = self.convert(col.kind, sheet.v(r, c), sheet, r, c, col.choices, col.label)
                rec.cells[key] = sheet.ref(r, c)
            records.append(rec)
        report.supp.lists[spec.id] = records


def find_title(layout: Layout, sheet: Sheet) -> tuple[str, str] | None:
    """The table title as printed in the first rows (for the year check S-10), with its cell."""
    names = [norm(layout.title)] + ([norm(layout.old_title)] if layout.old_title else [])
    for r in range(min(sheet.nrows, 4)):
        for c in range(len(sheet.rows[r])):
            text = sheet.text(r, c)
            if text and any(n in text for n in names):
                return clean_text(sheet.v(r, c)), sheet.ref(r, c)
    return None


def side_row(layout: FixedLayout, side: str, key: str):
    return layout.side(side).row(key)


def _is_number(value: object) -> bool:
    try:
        return parse_money(value) is not None
    except NotANumber:
        return False


# 10^12 万元 is 10^16 元, beyond any budget; larger amounts would also overflow the 28-digit
# Decimal arithmetic of the checks once summed and quantized to 0.01.
_MAX_AMOUNT = Decimal("1e12")
_MAX_INT = 10 ** 9


class _TooLarge(ValueError):
    pass


def _amount(raw: object) -> Decimal | None:
    """parse_money, with absurd magnitudes refused (NotANumber / _TooLarge)."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and abs(raw) >= _MAX_AMOUNT:
        raise _TooLarge(raw)
    try:
        value = parse_money(raw)
    except (InvalidOperation, OverflowError) as exc:
        raise _TooLarge(raw) from exc
    if value is not None and abs(value) >= _MAX_AMOUNT:
        raise _TooLarge(raw)
    return value


def _as_int(value: object) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value == int(value) else None
    text = clean_text(value).replace(",", "")
    try:
        d = Decimal(text)
    except (InvalidOperation, ValueError):
        return None
    if not d.is_finite():
        return None
    return int(d) if d == int(d) else None


def _as_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", clean_text(value))
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


MAX_ROWS, MAX_COLS = 5000, 60  # far beyond any 公开表; a sheet is not read further


def load_sheets(path: Path) -> dict[str, Sheet]:
    """Cached values of every worksheet, read without openpyxl (see xlsx_cells for why)."""
    import zipfile
    import zlib

    from .xlsx_cells import PartError, UnsafeXML, read_values
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
        sheet = Sheet(sv.name, sv.rows, sv.formulas_without_value)
        sheet.truncated = sv.truncated
        sheets.setdefault(sv.name, sheet)
    return sheets


def read_workbook(path: str | Path) -> tuple[Report, list[Finding]]:
    """Read ``path``; raise WorkbookError when it cannot be read at all."""
    path = Path(path)
    preflight(path)
    sheets = load_sheets(path)
    reader = Reader()
    for sheet in sheets.values():
        if sheet.truncated:
            reader.problem("R-ROWS", WARNING, [sheet.ref(MAX_ROWS, 0)],
                           f"工作表超过 {MAX_ROWS} 行，第 {MAX_ROWS + 1} 行起的内容未读入", "请删除表格下方多余的行")
    report = Report(source=str(path))
    for tid, sheet in reader.identify(sheets).items():
        layout: Layout = BY_ID[tid]
        read = {"fixed": reader.read_fixed, "coded": reader.read_coded, "econ": reader.read_econ,
                "single": reader.read_single}[layout.kind]
        report.tables[tid] = read(layout, sheet)
        title = find_title(layout, sheet)
        if title:
            report.titles[tid] = title
    for spec in FORMS + LISTS:
        sheet = sheets.get(spec.name)
        if sheet is None:
            reader.problem("R-SHEET", WARNING, [spec.name], f"缺少补充工作表“{spec.name}”，相关内容将无法生成",
                           "请从标准工作簿（make-report init）复制该表")
            continue
        (reader.read_form if isinstance(spec, FormSheet) else reader.read_list)(spec, sheet, report)
    return report, reader.findings


__all__ = ["read_workbook", "norm", "clean_text", "cell_ref", "INFO"]
