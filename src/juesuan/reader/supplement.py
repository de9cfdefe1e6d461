"""Reading the supplementary sheets (表单式 form sheets and 清单式 list sheets) into
``report.supp``, each value converted to the kind its field spec says.

A mixin of :class:`juesuan.reader.workbook.Reader`: it reports through ``self.problem`` and reads amounts
through ``self.money``.
"""
from __future__ import annotations

from juesuan.model.findings import ERROR, WARNING
from juesuan.model.report import Record, Report
from juesuan.model.money import AmbiguousNumber, NotANumber
from juesuan.reader.sheet_values import (AMBIGUOUS_HINT, ambiguous_hint, MAX_INT, ambiguous_message, is_ambiguous, Sheet, amount_value, date_value, int_value, display_value, TooLarge, cell_ref, cell_text,
                           norm)
from juesuan.model.textnorm import code_text, is_code
from juesuan.spec.supplement import Field, FormSheet, ListColumn, ListSheet


class SupplementReading:
    """Form and list sheets; needs ``problem`` and ``money`` from the Reader."""

    def convert(self, kind: str, raw: object, sheet: Sheet, r: int, c: int, choices=(), label: str = ""):
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if raw is None and cell_ref(r, c) in sheet.bad_formulas:
                self.money(sheet, r, c)
            return None
        where = [sheet.ref(r, c)]
        if kind == "money":
            return self.money(sheet, r, c)
        if kind in ("int", "year"):
            value = int_value(raw)
            if value is None and is_ambiguous(raw):
                self.problem("R-NUM", ERROR, where, f"“{label}”：{ambiguous_message(raw)}", ambiguous_hint(raw))
            elif value is None:
                self.problem("R-NUM", ERROR, where, f"“{label}”应为整数，实际为“{display_value(raw)}”")
            elif kind == "year" and not 1900 <= value <= 2999:
                self.problem("R-NUM", ERROR, where, f"“{label}”应为四位年份（如 2024），实际为“{display_value(raw)}”")
                return None
            elif abs(value) >= MAX_INT:
                self.problem("R-NUM", ERROR, where, f"“{label}”大得不合理：“{display_value(raw)}”")
                return None
            return value
        if kind == "num":
            try:
                return amount_value(raw)
            except AmbiguousNumber:
                self.problem("R-NUM", ERROR, where, f"“{label}”：{ambiguous_message(raw)}", ambiguous_hint(raw))
                return None
            except NotANumber:
                self.problem("R-NUM", ERROR, where, f"“{label}”应为数字，实际为“{display_value(raw)}”")
                return None
            except TooLarge:
                self.problem("R-NUM", ERROR, where, f"“{label}”大得不合理：“{display_value(raw)}”")
                return None
        if kind == "date":
            value = date_value(raw)
            if value is None:
                self.problem("R-DATE", ERROR, where, f"“{label}”应为日期（如 2025-10-20），实际为“{display_value(raw)}”")
            return value
        text = cell_text(raw)
        if kind == "enum":
            if isinstance(raw, (int, float)) and not isinstance(raw, bool):
                text = str(int(raw)) if float(raw).is_integer() else str(raw)
            if choices and text not in choices:
                self.problem("R-ENUM", ERROR, where, f"“{label}”应为{'、'.join(f'“{c}”' for c in choices)}之一，实际为“{display_value(raw)}”",
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
        seen: dict[str, int] = {}
        for r in range(head[0] + 1, sheet.nrows):
            fid = cell_text(sheet.v(r, id_c))
            label = norm(sheet.v(r, id_c + 1)).replace("（必填）", "")
            f: Field | None = by_id.get(fid) or by_label.get(label)
            if f is None:
                continue
            if f.id in seen:  # a row copied or pasted twice: which one is meant cannot be known
                first = sheet.ref(seen[f.id], value_c)
                self.problem("R-DUP", WARNING, [first, sheet.ref(r, value_c)],
                             f"“{f.label}”（{f.shown_id}）出现了两次（第{seen[f.id] + 1}行和第{r + 1}行），只读取了第一处 {first}",
                             "请删除多余的一行，只保留正确的填写值")
                continue
            seen[f.id] = r
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
        skipped: list[int] = []
        for r in range(r0 + 1, sheet.nrows):
            if all(sheet.v(r, c) in (None, "") or (isinstance(sheet.v(r, c), str) and not sheet.v(r, c).strip())
                   for c, _ in cols.values()):
                continue
            if r in sheet.hidden_rows:  # hidden in Excel: the clerk does not see it, the report must not print it
                skipped.append(r)
                continue
            rec = Record({})
            for key, (c, col) in cols.items():
                col: ListColumn
                value = self.convert(col.kind, sheet.v(r, c), sheet, r, c, col.choices, col.label)
                if key == "code" and isinstance(value, str) and is_code(code_text(value)):
                    value = code_text(value)  # full-width digits, a typed apostrophe, a zero-width space
                rec.values[key] = value
                rec.cells[key] = sheet.ref(r, c)
            if _waiting(spec, rec):
                report.supp.waiting.setdefault(spec.id, []).append(r + 1)
                continue
            records.append(rec)
        report.supp.lists[spec.id] = records
        if skipped:
            rows = "、".join(str(r + 1) for r in skipped[:10]) + ("…" if len(skipped) > 10 else "")
            self.problem("R-HIDDEN", WARNING, [sheet.ref(r, 0) for r in skipped],
                         f"第 {rows} 行是隐藏行，未读入，报告中不会出现（共 {len(skipped)} 行）",
                         "隐藏行通常是已不用的内容：如果要写进报告，请取消隐藏；不要的请删除该行")


def _waiting(spec: ListSheet, rec: Record) -> bool:
    """A row carried from last year (init --from) whose figures for this year are not filled yet."""
    if not spec.this_year:
        return False
    return (all(rec.get(k) is None for k in spec.this_year)
            and any(rec.get(k) is not None for k in spec.carried))
