"""Amounts typed in 元 under a 万元 report, found from the numbers themselves (issue 22, S1 follow-up).

A table headed "单位：元" is refused outright (:func:`juesuan.reader.workbook.refuse_other_units`).
This module catches the same slip when nothing says 元: no unit line at all, or a "单位：万元" line
kept by a clerk who pasted 元 from the 决算软件.  The report would otherwise print
"收、支总计17563000万元".

Evidence, strongest first:

* **pairs**: a figure of a 公开表 and a figure of a supplementary sheet that the standard workbook
  asks for in 万元 and that describe the same or a neighbouring quantity (上年数 P01 vs this year's
  总计, 年初预算 B01 vs 表5 合计, 三公明细 N06 + N09 vs 表9 公务接待费 …).  Normally they stand within
  a factor of 20 of each other; when one side is in 元 they stand near 10 000 (5 000–20 000).  A
  pair decides nothing alone: a table (or a supplementary sheet) is suspect only when more of its
  pairs say "×10 000" than say "same unit", and a single such pair counts only when no other pair
  of the workbook agrees (one fund that grew ten-thousandfold is growth, not a unit);
* **magnitude**: a 收入总计 above 10 000 000 万元 (1 000 亿元), more than any department this report
  is made for, while every amount of the nine tables is a whole number (or above 1 万亿元).

The finding (R-UNIT) is an 错误 when the evidence is strong — at least three pairs from two
different sheets on the other side, or pairs and magnitude together — and a 警告 otherwise.  A
false finding costs more than a missed one: the ratios of the examples and of every test workbook
are far from 10 000.  The sheets found in the wrong unit are kept on ``Report.unit_suspects`` when
the finding is an error, so that the 审核 does not add a dozen cross-sheet differences that only
repeat it (checks/context.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from juesuan.model.findings import ERROR, WARNING, Finding
from juesuan.model.money import ZERO, fmt_amount, multiple, q
from juesuan.model.report import Report
from juesuan.spec.finding_ids import title_of
from juesuan.spec.layouts import BY_ID
from juesuan.spec.supplement import CODE, FIELD_SHEET, FIELDS, LISTS_BY_ID

TENFOLD = Decimal(10000)
LOW, HIGH = Decimal(5000), Decimal(20000)  # a ratio in this band: one side is in 元
NEAR = Decimal(20)  # a ratio within 1/20 … 20: both sides in the same unit
HUGE = Decimal(10_000_000)  # 万元 (1 000 亿元): no department of this tool has a 收入总计 this large
ABSURD = Decimal(100_000_000)  # 万元 (1 万亿元)
SHOWN = 3  # pairs named in the message


@dataclass(frozen=True)
class Figure:
    value: Decimal
    cell: str
    label: str
    sheet: str  # the sheet it is on (a 公开表's own name, or the supplementary sheet)
    table: str = ""  # T01 … for a table figure


@dataclass(frozen=True)
class Pair:
    table: Figure
    supp: Figure

    @property
    def ratio(self) -> Decimal:
        return self.table.value / self.supp.value

    @property
    def says(self) -> str:
        """"tables" (the table is ×10 000), "supp" (the supplement is ×10 000), "same" or ""."""
        r = self.ratio
        if LOW <= r <= HIGH:
            return "tables"
        if LOW <= 1 / r <= HIGH:
            return "supp"
        return "same" if 1 / NEAR <= r <= NEAR else ""


# “label”, or 「label」 when the label has quotes of its own (“三公”经费)
def _quoted(text: str) -> str:
    return f"「{text}」" if "“" in text else f"“{text}”"


# -- the figures ---------------------------------------------------------------------------------
def _sheet(report: Report, tid: str) -> str:
    return getattr(report.tables[tid], "sheet", None) or BY_ID[tid].sheet_name


def _fixed(report: Report, tid: str, row: str, label: str, col: str = "amount") -> Figure:
    t = report.tables[tid]
    sheet = _sheet(report, tid)
    return Figure(t.get(row, col), t.cell(row, col) or f"{sheet} {label}", label, sheet, tid)


def _total(report: Report, tid: str, col: str, label: str) -> Figure:
    t = report.tables[tid]
    sheet = _sheet(report, tid)
    return Figure(t.total_of(col), t.total_cells.get(col) or f"{sheet} 合计行", label, sheet, tid)


def _t06_public(report: Report) -> Figure:
    t = report.t06
    sheet = _sheet(report, "T06")
    return Figure(t.public_total, t.public_cell or f"{sheet} 公用经费合计", "公用经费合计", sheet, "T06")


def _t09(report: Report, col: str, label: str) -> Figure:
    t = report.t09
    sheet = _sheet(report, "T09")
    return Figure(t.get(col), t.cells.get(col) or f"{sheet} {label}", label, sheet, "T09")


def _amount(value) -> Decimal | None:
    return value if isinstance(value, Decimal) else None  # the reader stores every readable amount as Decimal


def _field(report: Report, fid: str) -> Figure | None:
    value = _amount(report.supp.get(fid))
    if value is None:
        return None
    sheet = FIELD_SHEET[fid]
    return Figure(value, report.supp.cells.get(fid) or f"{sheet} {fid}", f"{fid}{_quoted(FIELDS[fid].label)}", sheet)


def _fields_sum(report: Report, fids: tuple[str, ...], label: str) -> Figure | None:
    found = [f for f in (_field(report, fid) for fid in fids) if f is not None]
    if not found:
        return None
    return Figure(sum((f.value for f in found), ZERO), found[0].cell, label, found[0].sheet)


def _list_sum(report: Report, list_id: str, col: str, label: str) -> Figure | None:
    records = report.supp.records(list_id)
    values = [(v, rec.cells.get(col)) for rec in records if (v := _amount(rec.values.get(col))) is not None]
    if not values:
        return None
    sheet = LISTS_BY_ID[list_id].name
    return Figure(sum((v for v, _ in values), ZERO), values[0][1] or sheet, label, sheet)


def pairs(report: Report) -> list[Pair]:
    """Every (table figure, supplementary figure) that should be of one size, both above zero."""
    r = report
    t05_total, t05_project = _total(r, "T05", "total", "合计"), _total(r, "T05", "project", "项目支出")
    public = _t06_public(r)
    candidates = [
        (_fixed(r, "T01", "inc_grand", "收、支总计"), _field(r, CODE.P01)),
        (_fixed(r, "T01", "inc_total", "本年收入合计"), _field(r, CODE.P02)),
        (_fixed(r, "T01", "exp_total", "本年支出合计"), _field(r, CODE.P03)),
        (_total(r, "T02", "total", "本年收入合计"), _field(r, CODE.P02)),
        (_total(r, "T03", "total", "本年支出合计"), _field(r, CODE.P03)),
        (_fixed(r, "T04", "f_inc_grand", "财政拨款收、支总计"), _field(r, CODE.P04)),
        (_fixed(r, "T04", "f_gpb", "一般公共预算财政拨款"), _field(r, CODE.P05)),
        (_fixed(r, "T04", "f_fund", "政府性基金预算财政拨款"), _field(r, CODE.P06)),
        (_fixed(r, "T04", "f_soc", "国有资本经营预算财政拨款"), _field(r, CODE.P07)),
        (t05_total, _field(r, CODE.P08)),
        (t05_total, _field(r, CODE.B01)),
        (t05_total, _list_sum(r, CODE.B02, "budget", "“项级预算”年初预算数之和")),
        (t05_total, _field(r, CODE.E05)),
        (t05_project, _list_sum(r, CODE.U02, "amount", "“项目用途”金额之和")),
        (t05_project, _list_sum(r, CODE.E10, "spent", "“项目自评”执行数之和")),
        (t05_project, _field(r, CODE.E02)),
        (public, _field(r, CODE.B03)),
        (public, _field(r, CODE.B04)),
        (public, _field(r, CODE.P12)),
        (_total(r, "T07", "total", "本年支出小计"), _field(r, CODE.P10)),
        (_total(r, "T08", "total", "本年支出合计"), _field(r, CODE.P11)),
        (_t09(r, "final_total", "“三公”经费决算合计"), _field(r, CODE.P09_1)),
        (_t09(r, "final_abroad", "因公出国（境）费决算"), _field(r, CODE.P09_2)),
        (_t09(r, "final_car_purchase", "公务用车购置费决算"), _field(r, CODE.P09_3)),
        (_t09(r, "final_car_run", "公务用车运行维护费决算"), _field(r, CODE.P09_4)),
        (_t09(r, "final_reception", "公务接待费决算"), _field(r, CODE.P09_5)),
        (_t09(r, "final_reception", "公务接待费决算"),
         _fields_sum(r, (CODE.N06, CODE.N09), "N06＋N09 外宾与国内公务接待支出")),
    ]
    return [Pair(t, s) for t, s in candidates if s is not None and t.value > 0 and s.value > 0]


# -- the verdict ---------------------------------------------------------------------------------
@dataclass
class Verdict:
    direction: str  # "tables": 公开表 in 元; "supp": supplementary sheets in 元
    suspects: list[str]  # table ids (T01 …) or supplementary sheet names (上年数 …) in 元
    evidence: list[Pair]  # the pairs that say so (empty when only the magnitude does)
    head: Figure  # the figure the message starts with
    severity: str


def _suspects(found: list[Pair], direction: str) -> tuple[list[str], list[Pair]]:
    """The tables (or supplementary sheets) whose pairs saying ×10 000 outnumber those saying "same"."""
    side = (lambda p: p.table.table) if direction == "tables" else (lambda p: p.supp.sheet)
    by_side: dict[str, list[Pair]] = {}
    for p in found:
        by_side.setdefault(side(p), []).append(p)
    agreeing = sum(1 for p in found if p.says == "same")
    suspects, evidence = [], []
    for key, group in by_side.items():
        off = [p for p in group if p.says == direction]
        same = [p for p in group if p.says == "same"]
        if len(off) == 1 and agreeing:
            continue  # one pair against a workbook whose other pairs agree: growth (a fund table ×10 000), not a unit
        if off and len(off) > len(same):
            suspects.append(key)
            evidence += off
    return sorted(suspects), evidence


def _table_values(table) -> list[Decimal]:
    if hasattr(table, "rows"):
        return [*table.total.values(), *(v for row in table.rows for v in row.values.values())]
    out = list(table.values.values())
    if hasattr(table, "personnel_total"):
        out += [table.personnel_total, table.public_total]
    return out


def all_whole(report: Report) -> bool:
    values = [v for t in report.tables.values() for v in _table_values(t) if v]
    return bool(values) and all(v == v.to_integral_value() for v in values)


def verdict(report: Report) -> Verdict | None:
    """What the numbers say about their unit, or None when nothing is suspect."""
    found = pairs(report)
    grand = _fixed(report, "T01", "inc_grand", "收、支总计")
    huge = grand.value > ABSURD or (grand.value > HUGE and all_whole(report))
    # a large (provincial) department whose 上年数 agree with its tables is large, not in 元
    huge = huge and not any(p.says == "same" and p.table.table == "T01" for p in found)
    best: Verdict | None = None
    for direction in ("tables", "supp"):
        suspects, evidence = _suspects(found, direction)
        if not evidence or (best is not None and len(best.evidence) >= len(evidence)):
            continue
        other_side = {(p.supp.sheet if direction == "tables" else p.table.table) for p in evidence}
        strong = (len(evidence) >= 3 and len(other_side) >= 2) or (huge and direction == "tables")
        head = evidence[0].table if direction == "tables" else evidence[0].supp
        if direction == "tables" and "T01" in suspects:
            head = next(p.table for p in evidence if p.table.table == "T01")
        best = Verdict(direction, suspects, evidence, head, ERROR if strong else WARNING)
    if best is None and huge:
        return Verdict("tables", ["T01"], [], grand, WARNING)
    return best


# -- the message ---------------------------------------------------------------------------------
def _amount_text(value: Decimal) -> str:
    return f"{value:.2f}"


def _pair_text(p: Pair) -> str:
    big, small = (p.table.value, p.supp.value) if p.table.value >= p.supp.value else (p.supp.value, p.table.value)
    return (f"{p.table.cell}{_quoted(p.table.label)} {_amount_text(p.table.value)} 与 {p.supp.cell} {p.supp.label} "
            f"{_amount_text(p.supp.value)}（相差约 {multiple(big, small)} 倍）")


def shown_pairs(v: Verdict) -> list[Pair]:
    """The pairs the message names: one per sheet on the other side first (independent evidence)."""
    other = (lambda p: p.supp.sheet) if v.direction == "tables" else (lambda p: p.table.table)
    first, rest, seen = [], [], set()
    for p in v.evidence:
        (rest if other(p) in seen else first).append(p)
        seen.add(other(p))
    return (first + rest)[:SHOWN]


def _evidence_text(v: Verdict) -> str:
    shown = "；".join(_pair_text(p) for p in shown_pairs(v))
    more = f"（共 {len(v.evidence)} 组应当相近的数相差约一万倍）" if len(v.evidence) > SHOWN else ""
    return shown + more


def _header_text(headers: dict[str, tuple[str, str] | None], tids: list[str]) -> str:
    shown = [headers.get(tid) for tid in tids]
    if shown and all(h is not None for h in shown):
        return f"，但表头写的是“单位：{shown[0][0]}”（{shown[0][1]}）"
    if shown and all(h is None for h in shown):
        return "（表头没有写单位）"
    return ""


def unit_finding(report: Report, headers: dict[str, tuple[str, str] | None]) -> Finding | None:
    """R-UNIT for ``report``, or None; an error also sets ``report.unit_suspects``.

    ``headers``: the unit line above each 公开表 (("万元", cell), by table id) or None."""
    v = verdict(report)
    if v is None:
        return None
    head = v.head
    expected = q(head.value / TENFOLD)
    if v.direction == "tables":
        where = "、".join(_sheet(report, tid) for tid in v.suspects)
        if v.evidence:
            evidence = f"：与补充工作表中按万元填写的同类数相比，{_evidence_text(v)}"
        else:
            evidence = (f"：{head.cell}{_quoted(head.label)}为 {_amount_text(head.value)}，超过 1000 亿元，不像一个部门的决算"
                        + ("，而且九张表的金额全是整数" if all_whole(report) else ""))
        printed = fmt_amount(head.value)
        message = (f"{where}的金额看来是按“元”填写的{_header_text(headers, v.suspects)}{evidence}。"
                   f"本工具按万元读取，报告会把{_quoted(head.label)}印成“{printed}万元”；按万元应约为 {_amount_text(expected)}。")
        hint = ("请把公开表的金额换算为万元（元除以 10000，保留两位小数），表头写“单位：万元”；"
                "如果公开表确是万元，请核对补充工作表（上年数、年初预算等）是否误填了元")
        cells = [head.cell, *(c for p in shown_pairs(v) for c in (p.table.cell, p.supp.cell))]
    else:
        where = "”“".join(v.suspects)
        message = (f"补充工作表“{where}”的金额看来是按“元”填写的：与公开表中的同类数相比，{_evidence_text(v)}。"
                   f"这些表应按万元填写，{head.cell} {head.label}按万元应约为 {_amount_text(expected)}。")
        hint = "请把这些金额换算为万元（元除以 10000，保留两位小数）"
        cells = [head.cell, *(c for p in shown_pairs(v) for c in (p.supp.cell, p.table.cell))]
    if v.severity == ERROR:
        report.unit_suspects = frozenset(v.suspects)
    return Finding("R-UNIT", v.severity, message, list(dict.fromkeys(cells)), expected, head.value,
                   hint=hint, title=title_of("R-UNIT"))
