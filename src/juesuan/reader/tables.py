"""Reading the nine 公开表 into the model: located by their header labels (行次, 栏次 numbers,
经济分类科目编码 …), never by fixed coordinates, so the real variants of the tables load.

A mixin of :class:`juesuan.reader.workbook.Reader`: it reports through ``self.problem`` and reads amounts
through ``self.money``.
"""
from __future__ import annotations

import re

from juesuan.model.findings import ERROR, WARNING
from juesuan.spec.layouts import LANCI, CodedLayout, EconLayout, FixedLayout, Layout, SingleRowLayout
from juesuan.model.report import CodedRow, CodedTable, EconTable, FixedTable, SingleRowTable
from juesuan.model.money import ZERO
from juesuan.reader.sheet_values import Sheet, int_value, is_number, cell_text, norm
from juesuan.model.textnorm import code_text, is_code


class TableReading:
    """The nine 公开表; needs ``problem`` and ``money`` from the Reader."""

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
                    lanci = int_value(sheet.v(lanci_row, c))
                    col = next((x for x in side.columns if x.lanci == lanci), None)
                    if col:
                        col_for[col.key] = c
            if len(col_for) != len(side.columns):
                col_for = {col.key: c for col, c in zip(side.columns, value_cols)}
            # the row names may stand in merged cells left of the 行次 column (A:B merged, name in A)
            name_from = hang_cols[i - 1] + 1 + len(layout.sides[i - 1].columns) if i else 0
            sides.append((side, hc - 1, hc, col_for, max(0, min(name_from, hc - 1))))
        # Pass 1: where is 总计 (decides the variant of T01).
        rows_seen: list[tuple] = []
        for r in range(first_data, sheet.nrows):
            first = sheet.text(r, 0)
            if first.startswith("注"):
                break
            for side, name_c, hang_c, col_for, name_from in sides:
                if not sheet.text(r, name_c):
                    name_c = next((c for c in range(name_c - 1, name_from - 1, -1) if sheet.text(r, c)), name_c)
                rows_seen.append((r, side, sheet.text(r, name_c), int_value(sheet.v(r, hang_c)), col_for, name_c))
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
                k = int_value(sheet.v(r, c))
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
            texts = [cell_text(sheet.v(r, c)) for c in key_cols]
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
                folded = code_text(t)  # ２０５０８０３, '2050803, 2050803<ZWSP> are all 2050803
                if is_code(folded):
                    code += folded
                    code_c = c if code_c is None else code_c
                elif t and name is None:
                    name, name_c = cell_text(t), c
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
                    if c < sheet.ncols and not (isinstance(raw, str) and norm(raw) in texts and not is_number(raw)):
                        setattr(table, f"{attr}_total", self.money(sheet, r, c) or ZERO)
                        setattr(table, f"{attr}_cell", sheet.ref(r, c))
                    else:  # blank total: point at the cell the standard layout uses
                        setattr(table, f"{attr}_cell", sheet.ref(r, c0 + 2 if attr == "personnel" else len(triples) * 3 - 1))
            if layout.personnel_total_label in texts or layout.public_total_label in texts:
                continue
            for c in triples:
                code = code_text(cell_text(sheet.v(r, c)))
                if not is_code(code):
                    continue
                if code in table.cells:
                    self.problem("R-DUP", ERROR, [sheet.ref(r, c), table.cells[code]],
                                 f"经济分类科目 {code} 重复出现", "同一科目只能占一格，请合并")
                    continue
                table.names[code] = cell_text(sheet.v(r, c + 1))
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


def find_title(layout: Layout, sheet: Sheet) -> tuple[str, str] | None:
    """The table title as printed in the first rows (for the year check S-10), with its cell."""
    names = [norm(layout.title)] + ([norm(layout.old_title)] if layout.old_title else [])
    for r in range(min(sheet.nrows, 4)):
        for c in range(len(sheet.rows[r])):
            text = sheet.text(r, c)
            if text and any(n in text for n in names):
                return cell_text(sheet.v(r, c)), sheet.ref(r, c)
    return None


_UNIT_LINE = re.compile(r"^(?:编制|填报)?(?:部门|单位)(?:名称)?[:：]\s*(.+)$")


def find_unit_line(sheet: Sheet) -> tuple[str, str] | None:
    """The department named on the "部门：…" line above a table (not "单位：万元"), with its cell."""
    for r in range(min(sheet.nrows, 5)):
        for c in range(len(sheet.rows[r])):
            m = _UNIT_LINE.match(cell_text(sheet.v(r, c)).strip())
            if m and not re.fullmatch(r"(万|千|百)?元", m.group(1).strip()):
                return m.group(1).strip(), sheet.ref(r, c)
    return None


def side_row(layout: FixedLayout, side: str, key: str):
    return layout.side(side).row(key)
