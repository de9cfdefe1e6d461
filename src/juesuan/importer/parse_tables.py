"""The rows of each found table read into the Report model, by 科目编码, 行次 or row label —
never by position — every amount remembering where it was printed (a Source)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from juesuan.importer.columns import (CODE_RE, ORDINAL_RE, TOTAL_LABELS, Header, is_repeated_header,
                                      match_columns, read_header)
from juesuan.importer.items import norm
from juesuan.importer.problems import not_a_number, problem, unplaced, WARNING
from juesuan.importer.titles import Found
from juesuan.model.money import AmbiguousNumber, NotANumber, parse_money
from juesuan.model.report import CodedRow, CodedTable, EconTable, FixedTable, Report, SingleRowTable
from juesuan.spec.layouts import CodedLayout, EconLayout, FixedLayout, SingleRowLayout

_CODE_GLUED = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s*([^\d].*)$", re.S)


@dataclass(frozen=True)
class Source:
    """Where an imported amount was printed."""
    file: str
    page: int | None
    table: str  # the title as printed
    row: str  # the row's label (科目编码 and name, or the row name)
    sheet: str | None = None
    excel_row: int | None = None

    def text(self) -> str:
        where = f"第 {self.page} 页" if self.page else (f"工作表“{self.sheet}”第 {self.excel_row} 行" if self.sheet else "")
        return "导入自 " + "，".join(x for x in (f"“{self.file}”", where, f"“{self.table}”", f"“{self.row}”行") if x)


def clean_name(text: str) -> str:
    from juesuan.importer.items import visible
    return re.sub(r"\s+", "", visible(text or ""))


class TableParser:
    """Fills ``report`` from the found tables; ``sources`` keyed by (table id, logical key)."""

    def __init__(self, report: Report, file_name: str):
        self.report = report
        self.file = file_name
        self.sources: dict[tuple, Source] = {}
        self.problems: list = []

    # -- helpers --------------------------------------------------------------------------
    def where(self, found: Found, r: int) -> str:
        page = found.raw.pages[r] if r < len(found.raw.pages) else None
        if page:
            return f"{self.file} 第{page}页 {found.title}"
        if found.raw.sheet:
            n = found.raw.row_numbers[r] if r < len(found.raw.row_numbers) else None
            return f"{self.file} 工作表“{found.raw.sheet}”" + (f"第{n}行" if n else "")
        return f"{self.file} {found.title}"

    def source(self, found: Found, r: int, label: str) -> Source:
        raw = found.raw
        return Source(self.file, raw.pages[r] if r < len(raw.pages) else None, found.title, label, raw.sheet,
                      raw.row_numbers[r] if r < len(raw.row_numbers) else None)

    def amount(self, found: Found, r: int, text: str, what: str) -> Decimal | None:
        text = (text or "").strip()
        if not text:
            return None
        try:
            return parse_money(text.replace("\n", ""))
        except (AmbiguousNumber, NotANumber):
            self.problems.append(not_a_number(self.where(found, r), what, text))
            return None

    def put(self, found: Found, r: int, key: tuple, label: str, text: str, what: str, setter) -> None:
        value = self.amount(found, r, text, what)
        if value is not None:
            setter(value)
            self.sources[(found.tid, key)] = self.source(found, r, label)

    def body(self, found: Found, header: Header):
        for r in range(header.body_start, len(found.raw.rows)):
            row = found.raw.rows[r]
            if is_repeated_header(row, header) or not any((x or "").strip() for x in row):
                continue
            yield r, row

    def leftover(self, found: Found, r: int, row: list[str], used: set[int], label: str) -> None:
        """Amounts printed in columns the standard layout has no place for."""
        for c, text in enumerate(row):
            if c in used or not (text or "").strip():
                continue
            try:
                value = parse_money(text.strip())
            except (AmbiguousNumber, NotANumber):
                continue
            if value is not None and value != 0:
                self.problems.append(unplaced(self.where(found, r), f"“{label}”一行第 {c + 1} 列的金额", text.strip()))

    # -- T02 T03 T05 T07 T08 ----------------------------------------------------------------
    def coded(self, layout: CodedLayout, found: Found) -> CodedTable:
        table = CodedTable(layout)
        header = read_header(found.raw.rows)
        code_cols = header.col_index(lambda p: any("编码" in x for x in p) or (p and p[-1] in ("类", "款", "项")))
        name_cols = [i for i in header.col_index(lambda p: any("名称" in x for x in p)) if i not in code_cols]
        if not code_cols:
            code_cols = [0]
        if not name_cols:
            name_cols = [max(code_cols) + 1]
        key_cols = set(code_cols) | set(name_cols)
        paths = {i: p for i, p in enumerate(header.paths) if i not in key_cols}
        col_for = match_columns(layout.columns, paths, header.lanci)
        amount_cols = sorted(paths)  # header positions of the amount columns (text tables)
        seen: dict[str, int] = {}
        context = ""  # the last full code: a 款 or 项 printed alone continues it
        for r, row in self.body(found, header):
            parts = [norm(row[c]) if c < len(row) else "" for c in code_cols]
            name = " ".join(dict.fromkeys((row[c] if c < len(row) else "") for c in name_cols if (row[c] if c < len(row) else "").strip()))
            code = _join_code(parts, context)
            if CODE_RE.match(code or ""):
                context = code
            if not code:  # the code printed in the name cell, or both in one cell
                m = _CODE_GLUED.match(norm(name)) or _CODE_GLUED.match("".join(parts))
                if m:
                    code, name = m.group(1), m.group(2)
            labels = {norm(x) for x in row}
            cells = {k: (row[c] if c < len(row) else "") for k, c in col_for.items()}
            if found.text_rows:
                cells = self._text_cells(found, r, row, col_for, amount_cols, code or name)
                if cells is None:
                    continue
            if not CODE_RE.match(code or "") and labels & {"合计", "总计"}:
                for k, text in cells.items():
                    self.put(found, r, ("total", k), "合计", text, f"“合计”行的{layout.col(k).label}",
                             lambda v, k=k: table.total.__setitem__(k, v))
                if not found.text_rows:
                    self.leftover(found, r, row, set(col_for.values()) | key_cols, "合计")
                continue
            if not code or not CODE_RE.match(code):
                if any(parse_ok(x) for x in cells.values()):
                    self.problems.append(unplaced(self.where(found, r), "没有科目编码的行", clean_name(name) or "（空）",
                                                  "请核对原表该行的科目编码"))
                continue
            if code in seen:
                self.problems.append(problem("I-DUP", WARNING, f"科目编码 {code} 在表中出现了两次，只导入了第一次",
                                             self.where(found, r)))
                continue
            seen[code] = r
            crow = CodedRow(code, clean_name(name) or None)
            table.rows.append(crow)
            label = f"{code} {clean_name(name)}".strip()
            for k, text in cells.items():
                self.put(found, r, ("code", code, k), label, text, f"科目 {code} 的{layout.col(k).label}",
                         lambda v, k=k: crow.values.__setitem__(k, v))
            if not found.text_rows:
                self.leftover(found, r, row, set(col_for.values()) | key_cols, label)
        return table

    def _text_cells(self, found, r, row, col_for, amount_cols, label) -> dict[str, str] | None:
        """A table read from text lines: a blank cell leaves no trace, so the amounts are placed
        (right-aligned under the header) only when the row prints one for every amount column,
        a "-" counting as one; otherwise the row is reported, never guessed."""
        tail: list[str] = []
        for text in reversed(row):
            if parse_ok(text) or norm(text) in ("-", "—", "－", "0", "0.00"):
                tail.insert(0, text)
            else:
                break
        if not tail:
            return {}
        if len(tail) != len(amount_cols):
            self.problems.append(unplaced(self.where(found, r), f"“{clean_name(label)}”一行的金额", " ".join(tail),
                                          "原表没有表格线，空格无法对位；请对照原表手工填写这一行"))
            return None
        at = dict(zip(amount_cols, tail))
        return {k: at.get(c, "") for k, c in col_for.items()}

    # -- T09 ------------------------------------------------------------------------------
    def single(self, layout: SingleRowLayout, found: Found) -> SingleRowTable:
        table = SingleRowTable(layout)
        header = read_header(found.raw.rows)
        col_for = match_columns(layout.columns, dict(enumerate(header.paths)), header.lanci)
        for r, row in self.body(found, header):
            if not any(parse_ok(x) for x in row):
                continue
            if found.text_rows:
                nums = [x for x in row if parse_ok(x)]
                if len(nums) != len(layout.columns):
                    self.problems.append(unplaced(self.where(found, r), "“三公”经费一行的金额", " ".join(nums),
                                                  "原表没有表格线，空格无法对位；请对照原表手工填写"))
                    break
                col_for, row = {c.key: i for i, c in enumerate(layout.columns)}, nums
            for k, c in col_for.items():
                text = row[c] if c < len(row) else ""
                self.put(found, r, ("single", k), layout.col(k).label, text, f"{layout.col(k).label}",
                         lambda v, k=k: table.values.__setitem__(k, v))
            self.leftover(found, r, row, set(col_for.values()), "三公经费")
            break
        return table


def parse_ok(text: str | None) -> bool:
    t = (text or "").strip()
    if not t or t in ("-", "—", "－"):
        return False
    try:
        return parse_money(t) is not None
    except (AmbiguousNumber, NotANumber):
        return False


def _join_code(parts: list[str], context: str = "") -> str:
    """类/款/项 printed in three columns joined ('205','02','05' -> '2050205'); a 款 or 项 printed
    without the levels above continues the last code (``context``); a column that already
    holds the longer code wins."""
    if len(parts) <= 1:
        return parts[0] if parts else ""
    if not any(parts):
        return ""
    longest = max(parts, key=len)
    if len(longest) >= 5 and all(not p or longest.startswith(p) or len(p) == 2 for p in parts):
        return longest if longest.startswith(parts[0]) or not parts[0] else ""
    lei, kuan, xiang = (parts + ["", "", ""])[:3]
    if not lei:
        lei = context[:3]
        if not kuan and xiang:
            kuan = context[3:5]
    code = lei
    if kuan:
        code += kuan[-2:]
        if xiang:
            code += xiang[-2:]
    return code
