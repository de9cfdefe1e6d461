"""The 绩效自评表 of the 附件, read as tables (a .docx; a PDF flattens them, see run.py): their own arithmetic.

* 执行率 = 执行数 ÷ 预算数 (the 全年预算数 when a form also has a 年初预算数), within one unit of the last
  printed digit (hand-made forms round differently);
* the 预算执行 score = 分值 × 执行率 when the rate is at most 100 % (above it, offices score by their own rule);
* 总分 = the 预算执行 score plus every indicator's 得分.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from juesuan.audit.docx_text import CELL
from juesuan.audit.issues import CONTRADICTION, FORMS, REF_TEXT, Issue

_NUM = re.compile(r"^-?\d+(?:\.\d+)?%?$")
_WEIGHT = re.compile(r"[（(](\d+(?:\.\d+)?)分[)）]")
TOLERANCE = Decimal("0.01")


def _num(cell: str) -> Decimal | None:
    cell = cell.strip().replace(",", "")
    if not _NUM.match(cell):
        return None
    try:
        return Decimal(cell.rstrip("%"))
    except InvalidOperation:
        return None


def _places(cell: str) -> int:
    cell = cell.strip().rstrip("%")
    return len(cell.split(".")[1]) if "." in cell else 0


def _column(header: list[str], *words: str) -> int | None:
    for w in words:
        for k, h in enumerate(header):
            if w in h:
                return k
    return None


class _Form:
    def __init__(self, title: str, page, index):
        self.title, self.page, self.index = title, page, index
        self.exec_score: Decimal | None = None
        self.scores: list[Decimal] = []
        self.in_indicators = False


def _issue(form: _Form, message: str, quote: str, page, index) -> Issue:
    return Issue(FORMS, f"{form.title}：{message}", quote, page, index, REF_TEXT, CONTRADICTION)


def _execution_rows(form: _Form, header: list[str], rows, out: list[Issue]) -> None:
    a_col = _column(header, "全年预算", "预算数")
    b_col = _column(header, "执行数")
    r_col = _column(header, "执行率")
    s_col = _column(header, "得分")
    w_col = _column(header, "分值")
    weight_m = _WEIGHT.search(CELL.join(header))
    weight = Decimal(weight_m.group(1)) if weight_m else None
    for cells, page, index in rows:
        get = (lambda k: _num(cells[k]) if k is not None and k < len(cells) else None)
        a, b, r = get(a_col), get(b_col), get(r_col)
        if a is None or b is None:
            continue
        quote = CELL.join(c for c in cells if c)
        if r is not None and a != 0:
            exact = b * 100 / a
            places = _places(cells[r_col])
            if abs(exact - r) >= Decimal(1).scaleb(-places):
                out.append(_issue(form, f"执行率写{cells[r_col]}，执行数 {b} ÷ 预算数 {a} = {exact.quantize(Decimal('0.01'))}%",
                                  quote, page, index))
        s = get(s_col)
        w = get(w_col) if w_col is not None else weight
        if s is not None:
            form.exec_score = (form.exec_score or Decimal(0)) + s
            exact = b * 100 / a if a else None
            if w is not None and exact is not None and exact <= 100:
                want = w * exact / 100
                if abs(want - s) > TOLERANCE:
                    out.append(_issue(form, f"预算执行得分写{s}，应为分值 {w} × 执行率 {exact.quantize(Decimal('0.01'))}% = {want.quantize(Decimal('0.01'))}",
                                      quote, page, index))


def forms_issues(paragraphs, pages, tables, part_of) -> list[Issue]:
    out: list[Issue] = []
    form: _Form | None = None
    i = 0
    while i < len(paragraphs):
        text = paragraphs[i]
        if part_of(i) != "六":
            i += 1
            continue
        if not tables[i]:
            if "绩效自评表" in text and len(text) < 80:
                form = _Form(text, pages[i], i)
            i += 1
            continue
        if form is None:
            i += 1
            continue
        cells = text.split(CELL)
        if any("执行率" in c for c in cells):
            rows = []
            k = i + 1
            while k < len(paragraphs) and tables[k] and not any("指标" in c for c in paragraphs[k].split(CELL)):
                rows.append((paragraphs[k].split(CELL), pages[k], k))
                k += 1
            _execution_rows(form, cells, rows, out)
            i = k
            continue
        if any("一级指标" in c for c in cells):
            form.in_indicators = True
        elif cells[0].strip() == "总分":
            total = next((_num(c) for c in cells[1:] if _num(c) is not None), None)
            if total is not None and form.exec_score is not None and form.scores:
                got = form.exec_score + sum(form.scores)
                if abs(got - total) > TOLERANCE:
                    out.append(_issue(form, f"总分写{total}，预算执行得分 {form.exec_score} 加各指标得分之和为 {got}",
                                      text, pages[i], i))
            form.in_indicators = False
        elif form.in_indicators:
            score = _num(cells[-1]) if cells else None
            if score is not None:
                form.scores.append(score)
        i += 1
    return out
