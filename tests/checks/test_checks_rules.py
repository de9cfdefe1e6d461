"""Every 审核 rule, fired by one fault injected into a real, clean example workbook.

The clean workbooks are example (c) (基金、国资、三公、结转结余俱全) and, for the rules that only
apply without 结转结余 or to empty 基金/国资/三公 tables, example (b).  Each is written once with
workbook_writer from its JSON; each test changes the cells a clerk would have got wrong, reads the
file back through the real reader and checks that exactly the expected findings come out: the
rule, the severity and the cell (finding.cells[0]).

Some relations are implied by others (X-1, X-3, T04-7, X-10): a single wrong cell always breaks a
more specific rule first, so they never start a finding of their own.  Their tests check that
they are reported, as the same fault's consequence, in the origin's ``related`` list.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from checks_helpers import Base, Cells

from juesuan.maintenance.examples import report_from_data
from juesuan.model.findings import ERROR, INFO, WARNING
from juesuan.workbooks.writer import write_workbook


@pytest.fixture(scope="module")
def bases(tmp_path_factory, examples) -> dict[str, Base]:
    out = {}
    folder = tmp_path_factory.mktemp("clean")
    for key, name in (("c", "c_synthetic_2024"), ("b", "b_hanyang_2024")):
        data = json.loads((examples / "data" / f"{name}.json").read_text(encoding="utf-8"))
        data["fields"].setdefault("G08", "2025-09-01")  # (b) as published has no cover date (S-29)
        path = write_workbook(folder / f"{name}.xlsx", report_from_data(data))
        out[key] = Base(path)
    return out


def test_clean_bases_have_no_findings(bases, tmp_path):
    for key, base in bases.items():
        result = base.inject(tmp_path, {}, name=f"{key}.xlsx")
        assert result.findings == [], (key, [f.text() for f in result.findings])


Edits = Callable[[Base, Cells], dict]


@dataclass
class Case:
    id: str
    edits: Edits
    expect: list[tuple[str, str, Callable[[Cells], str]]]  # (rule, severity, cell of finding.cells[0])
    related: tuple[str, ...] = ()  # rules listed in the (first) finding's related, as consequences
    base: str = "c"


def plus(where: Callable[[Cells], str], delta: str = "1.00") -> Edits:
    return lambda b, c: b.plus(where(c), delta)


def both(*parts: Edits) -> Edits:
    def edits(b, c):
        out = {}
        for p in parts:
            out.update(p(b, c))
        return out
    return edits


def put(where: Callable[[Cells], str], value) -> Edits:
    return lambda b, c: {where(c): value}


def blank_row(tid: str, code: str) -> Edits:
    def edits(b, c):
        row = b.report.tables[tid].by_code()[code]
        cells = [row.code_cell, row.name_cell, *row.cells.values()]
        return {x: None for x in cells if x}
    return edits


def blank_record(list_id: str, key: str, value: str) -> Edits:
    """The whole row of the first record of ``list_id`` whose ``key`` is ``value`` deleted."""
    def edits(b, c):
        rec = next(r for r in b.report.supp.records(list_id) if str(r.get(key)) == value)
        return {x: None for x in rec.cells.values()}
    return edits


def rec_cell(list_id: str, key: str, value: str, col: str) -> Callable[[Cells], str]:
    """The cell ``col`` of the first record of ``list_id`` whose ``key`` is ``value``."""
    def where(c: Cells) -> str:
        records = c.r.supp.records(list_id)
        i = next(i for i, r in enumerate(records) if str(r.get(key)) == value)
        return records[i].cells[col]
    return where


def rename_code(old: str, new: str, tables=("T02", "T03", "T05")) -> Edits:
    def edits(b, c):
        return {b.report.tables[t].by_code()[old].code_cell: new for t in tables}
    return edits


CASES = [
    # -- 表1 --------------------------------------------------------------------------------
    Case("T01-1", plus(lambda c: c.t01("inc_total")), [("T01-1", ERROR, lambda c: c.t01("inc_total"))],
         ("T01-2", "X-1")),
    Case("T01-2", plus(lambda c: c.t01("inc_grand")), [("T01-2", ERROR, lambda c: c.t01("inc_grand"))], ("T01-5",)),
    Case("T01-3", plus(lambda c: c.t01("exp_total")), [("T01-3", ERROR, lambda c: c.t01("exp_total"))],
         ("T01-4", "X-3")),
    Case("T01-4", plus(lambda c: c.t01("exp_grand")), [("T01-4", ERROR, lambda c: c.t01("exp_grand"))], ("T01-5",)),
    Case("T01-5", both(plus(lambda c: c.t01("inc_begin")), plus(lambda c: c.t01("inc_grand"))),
         [("T01-5", ERROR, lambda c: c.t01("inc_grand"))]),
    # -- 表2、表3、表5 ---------------------------------------------------------------------------
    Case("T02-1", plus(lambda c: c.row("T02", "2070101", "total")),
         [("T02-1", ERROR, lambda c: c.row("T02", "2070101", "total"))], ("T02-3",)),
    Case("T02-2", plus(lambda c: c.total("T02", "total")), [("T02-2", ERROR, lambda c: c.total("T02", "total"))],
         ("T02-1", "X-1")),
    Case("T02-3", plus(lambda c: c.row("T02", "207", "total")), [("T02-3", ERROR, lambda c: c.row("T02", "207", "total"))],
         ("T02-2", "T02-1")),
    Case("T03-1", plus(lambda c: c.row("T03", "2070101", "total")),
         [("T03-1", ERROR, lambda c: c.row("T03", "2070101", "total"))], ("T03-3",)),
    Case("T03-2", plus(lambda c: c.total("T03", "total")), [("T03-2", ERROR, lambda c: c.total("T03", "total"))],
         ("T03-1", "X-3")),
    Case("T03-3", plus(lambda c: c.row("T03", "207", "total")), [("T03-3", ERROR, lambda c: c.row("T03", "207", "total"))],
         ("T03-2", "T03-1", "X-4")),
    Case("T05-1", plus(lambda c: c.row("T05", "2070101", "total")),
         [("T05-1", ERROR, lambda c: c.row("T05", "2070101", "total"))], ("T05-3",)),
    Case("T05-2", plus(lambda c: c.total("T05", "total")), [("T05-2", ERROR, lambda c: c.total("T05", "total"))],
         ("T05-1", "X-9")),
    Case("T05-3", plus(lambda c: c.row("T05", "20701", "project")),
         [("T05-3", ERROR, lambda c: c.row("T05", "20701", "project"))], ("T05-1",)),
    # -- 表4 --------------------------------------------------------------------------------
    Case("T04-1", plus(lambda c: c.t04("f_inc_total")), [("T04-1", ERROR, lambda c: c.t04("f_inc_total"))], ("T04-3",)),
    Case("T04-2", plus(lambda c: c.t04("f_begin")), [("T04-2", ERROR, lambda c: c.t04("f_begin"))], ("T04-3",)),
    Case("T04-3", plus(lambda c: c.t04("f_inc_grand")), [("T04-3", ERROR, lambda c: c.t04("f_inc_grand"))], ("T04-7",)),
    Case("T04-4", plus(lambda c: c.t04("f_exp_total", "gpb")), [("T04-4", ERROR, lambda c: c.t04("f_exp_total", "gpb"))],
         ("T04-5", "T04-6", "X-9", "X-15")),
    Case("T04-5", plus(lambda c: c.t04("f_exp_grand", "gpb")), [("T04-5", ERROR, lambda c: c.t04("f_exp_grand", "gpb"))],
         ("T04-6",)),
    Case("T04-6", plus(lambda c: c.t04("c207", "total")), [("T04-6", ERROR, lambda c: c.t04("c207", "total"))],
         ("T04-4",)),
    # T04-7 (收支总计相等) follows from T04-1…6 and the balance of each fund: a carry-over
    # raised on the income side with its totals following (formulas) breaks both; the finding
    # names the typed cell 行29 and lists the totals computed from it.
    Case("T04-7", both(plus(lambda c: c.t04("f_begin_gpb")), plus(lambda c: c.t04("f_begin")),
                       plus(lambda c: c.t04("f_inc_grand"))),
         [("T04-7", ERROR, lambda c: c.t04("f_begin_gpb"))], ("X-15",)),
    # -- 表6、表7、表8、表9 ------------------------------------------------------------------------
    # a 款 of 301 off: 301 still agrees with 人员经费合计 and 表5, so one of its 款 is wrong, which one
    # the tables cannot tell: the finding names them all, the first in reading order first
    Case("T06-1", plus(lambda c: c.econ("30101")), [("T06-1", ERROR, lambda c: c.econ("30101"))]),
    Case("T06-2", plus(lambda c: c.personnel()), [("T06-2", ERROR, lambda c: c.personnel())], ("X-11",)),
    Case("T06-3", plus(lambda c: c.public()), [("T06-3", ERROR, lambda c: c.public())], ("X-11",)),
    Case("T07-1", plus(lambda c: c.row("T07", "2296003", "end")), [("T07-1", ERROR, lambda c: c.row("T07", "2296003", "end"))],
         ("T07-1",)),
    Case("T08-1", plus(lambda c: c.row("T08", "2230105", "total")),
         [("T08-1", ERROR, lambda c: c.row("T08", "2230105", "total"))], ("T08-1",)),
    # 栏7 = 栏8 + 栏9 + 栏12 off: 栏7 or 栏8 (栏9 and 栏12 are tied to other relations); 栏8 因公出国（境）费
    # 9.60 is printed in 表6 too (30212), so 栏7 is named (checks/evidence.py)
    Case("T09-1", plus(lambda c: c.t09("final_total")), [("T09-1", ERROR, lambda c: c.t09("final_total"))]),
    Case("T09-2", plus(lambda c: c.t09("budget_car")), [("T09-2", ERROR, lambda c: c.t09("budget_car"))], ("T09-1",)),
    # -- 表间 ---------------------------------------------------------------------------------
    Case("X-1", plus(lambda c: c.total("T02", "total")), [("T02-2", ERROR, lambda c: c.total("T02", "total"))], ("X-1",)),
    Case("X-2", plus(lambda c: c.t01("inc_superior")), [("X-2", ERROR, lambda c: c.t01("inc_superior"))], ("T01-1",)),
    Case("X-3", plus(lambda c: c.t01("exp_total")), [("T01-3", ERROR, lambda c: c.t01("exp_total"))], ("X-3",)),
    Case("X-4", plus(lambda c: c.t01("c207")), [("X-4", ERROR, lambda c: c.t01("c207"))], ("T01-3",)),
    # X-5 applies only without 结转结余 (example b): 1.00 moved between two 项 of 表2
    Case("X-5", both(plus(lambda c: c.row("T02", "2012901", "total")), plus(lambda c: c.row("T02", "2012901", "fiscal")),
                     plus(lambda c: c.row("T02", "2012902", "total"), "-1.00"),
                     plus(lambda c: c.row("T02", "2012902", "fiscal"), "-1.00")),
         [("X-5", ERROR, lambda c: c.row("T02", "2012901", "total")),
          ("X-5", ERROR, lambda c: c.row("T02", "2012902", "total"))], base="b"),
    Case("X-6 code in 表5 only", put(lambda c: c.code("T05", "2070308"), "2070380"),
         [("X-6", ERROR, lambda c: c.code("T05", "2070308")), ("C-4", INFO, lambda c: c.code("T05", "2070308"))]),
    Case("X-6 name", put(lambda c: c.name("T03", "2070101"), "行政运行费"),
         [("X-6", WARNING, lambda c: c.name("T03", "2070101"))]),
    Case("X-6 表2 vs 表3", put(lambda c: c.code("T02", "2080801"), "2080802"),
         [("X-6", ERROR, lambda c: c.code("T02", "2080801"))], base="b"),
    Case("X-7 ≤", plus(lambda c: c.row("T05", "2070101", "basic")),
         [("X-7", ERROR, lambda c: c.row("T05", "2070101", "basic"))], ("T05-3", "T05-1")),
    # X-7 equality applies when all expenditure is 一般公共预算 (example b): 1.00 moved between two 项
    Case("X-7 =", both(plus(lambda c: c.row("T05", "2101101", "basic"), "0.20"),
                       plus(lambda c: c.row("T05", "2101101", "total"), "0.20"),
                       plus(lambda c: c.row("T05", "2101103", "basic"), "-0.20"),
                       plus(lambda c: c.row("T05", "2101103", "total"), "-0.20")),
         [("X-7", ERROR, lambda c: c.row("T05", "2101101", "basic")),
          ("X-7", ERROR, lambda c: c.row("T05", "2101103", "basic"))], base="b"),
    Case("X-8", plus(lambda c: c.t04("f_gpb")), [("X-8", ERROR, lambda c: c.t04("f_gpb"))], ("T04-1", "X-15")),
    Case("X-9", plus(lambda c: c.t04("c207", "gpb")), [("X-9", ERROR, lambda c: c.t04("c207", "gpb"))],
         ("T04-4", "T04-6")),
    # X-10 (表4 ≤ 表1 by 类) follows from X-4, X-9 and 表4's own sums: it rides along with X-4
    Case("X-10", both(plus(lambda c: c.t01("c229"), "-1.00"), plus(lambda c: c.t01("c207"))),
         [("X-4", ERROR, lambda c: c.t01("c207")), ("X-4", ERROR, lambda c: c.t01("c229"))], ("X-10",)),
    Case("X-11", both(plus(lambda c: c.econ("30101")), plus(lambda c: c.econ("301")), plus(lambda c: c.personnel())),
         [("X-11", ERROR, lambda c: c.total("T05", "basic"))]),
    Case("X-12", lambda b, c: {x: None for row in b.report.t07.rows
                               for x in [row.code_cell, row.name_cell, *row.cells.values()] if x}
         | {x: None for x in b.report.t07.total_cells.values()},
         [("X-12", ERROR, lambda c: c.t01("inc_fund"))]),
    Case("X-13", put(lambda c: c.econ("30217"), 1), [("X-13", ERROR, lambda c: c.econ("30217"))], ("T06-1", "X-16"),
         base="b"),
    Case("X-14", plus(lambda c: c.t04("f_begin_fund")), [("X-14", ERROR, lambda c: c.t04("f_begin_fund"))],
         ("T04-2", "X-15")),
    Case("X-15", plus(lambda c: c.t04("f_end", "gpb")),
         [("X-15", ERROR, lambda c: c.t04("f_end", "gpb"))], ("T04-5", "T04-6")),
    Case("X-16", both(plus(lambda c: c.t09("final_car_run"), "-1.00"), plus(lambda c: c.t09("final_car"), "-1.00"),
                      plus(lambda c: c.t09("final_total"), "-1.00")),
         [("X-16", WARNING, lambda c: c.t09("final_car_run"))]),
    Case("X-17", both(*(plus(w, "-40.00") for w in (lambda c: c.t01("inc_begin"), lambda c: c.t01("inc_grand"),
                                                    lambda c: c.t01("exp_end"), lambda c: c.t01("exp_grand")))),
         [("X-17", WARNING, lambda c: c.t01("inc_begin"))]),
    # -- 编码 ---------------------------------------------------------------------------------
    Case("C-1", put(lambda c: c.code("T03", "2070101"), "207010"), [("C-1", ERROR, lambda c: c.code("T03", "2070101"))]),
    Case("C-2", blank_row("T03", "20701"), [("C-2", WARNING, lambda c: c.code("T03", "2070101"))]),
    Case("C-3", lambda b, c: {c.name(t, "2070101"): "行政运行支出" for t in ("T02", "T03", "T05")},
         [("C-3", INFO, lambda c: c.name("T02", "2070101"))]),
    Case("C-4", both(rename_code("2070308", "2070388"),
                     put(rec_cell("B02", "code", "2070308", "code"), "2070388"),
                     put(rec_cell("M02", "code", "2070308", "code"), "2070388")),
         [("C-4", WARNING, lambda c: c.code("T02", "2070308"))]),
    Case("C-5", lambda b, c: {c.code("T07", old): "228" + old[3:] for old in ("229", "22960", "2296003", "2296099")},
         [("C-5", ERROR, lambda c: c.code("T07", "229"))]),
    Case("C-6 unknown", put(lambda c: _code_cell_of_econ(c, "30226"), "30298"),
         [("C-6", WARNING, lambda c: c.econ("30226"))]),
    Case("C-6 group", lambda b, c: _move_econ(b, c, "30112"),
         [("C-6", ERROR, lambda c: _free_public_cell(c)[2])]),
    Case("C-7", blank_record("M02", "code", "2070109"), [("C-7", WARNING, lambda c: c.code("T05", "2070109"))]),
    # -- 补充输入 -------------------------------------------------------------------------------
    Case("S-1", plus(lambda c: c.field("B01"), "1.56"), [("S-1", WARNING, lambda c: c.field("B01"))]),
    # any 项目用途 amount could be the wrong one: all are named, the first first
    Case("S-2", plus(lambda c: c.item("U02", 0, "amount")), [("S-2", ERROR, lambda c: c.item("U02", 0, "amount"))]),
    Case("S-3", plus(lambda c: c.field("N06")), [("S-3", ERROR, lambda c: c.field("N06"))]),
    Case("S-4", lambda b, c: {c.field("C05"): b.plus(c.field("C04"), "10.00")[c.field("C04")]},
         [("S-4", ERROR, lambda c: c.field("C05"))]),
    Case("S-5", lambda b, c: {c.field("E02"): b.plus(c.total("T05", "project"), "10.00")[c.total("T05", "project")]},
         [("S-5", WARNING, lambda c: c.field("E02"))]),
    Case("S-6", plus(lambda c: c.field("P09-1")), [("S-6", ERROR, lambda c: c.field("P09-1"))]),
    Case("S-7", lambda b, c: {c.field("P04"): b.plus(c.field("P01"), "10.00")[c.field("P01")]},
         [("S-7", WARNING, lambda c: c.field("P04"))]),
    Case("S-8 R01", lambda b, c: {c.field("R01"): None, c.field("R03"): None}, [("S-8", WARNING, lambda c: c.field("R01"))]),
    Case("S-8 R07", put(rec_cell("B02", "code", "2070109", "reason"), None),
         [("S-8", WARNING, rec_cell("B02", "code", "2070109", "reason"))]),
    # 2070305 (年初 0, 决算 96.50): its row, with the reason, deleted from 项级预算
    Case("S-8 R07 row", blank_record("B02", "code", "2070305"),
         [("S-8", WARNING, lambda c: _next_list_row(c, "B02"))]),
    Case("S-8 R09", put(lambda c: c.field("R09-4"), None), [("S-8", WARNING, lambda c: c.field("R09-4"))]),
    Case("S-8 R10", put(lambda c: c.field("R10"), None), [("S-8", WARNING, lambda c: c.field("R10"))]),
    # P12 given and ≠ 机关运行经费 118.46, R10-2 blank: the change on the prior year needs its own reason
    Case("S-8 R10-2", put(lambda c: c.field("P12"), 130), [("S-8", WARNING, lambda c: c.field("R10-2"))]),
    Case("S-9", plus(lambda c: c.field("E06")), [("S-9", WARNING, lambda c: c.field("E06"))]),
    Case("S-10 title", put(lambda c: c.title("T03"), "2023年度支出决算表"), [("S-10", ERROR, lambda c: c.title("T03"))]),
    Case("S-10 text", put(lambda c: c.field("E03"), "（请对项目自评情况进行综述）"), [("S-10", ERROR, lambda c: c.field("E03"))]),
    Case("S-11 field", put(lambda c: c.field("G01"), None), [("S-11", ERROR, lambda c: c.field("G01"))]),
    Case("S-11 list", put(lambda c: c.item("U02", 2, "effect"), None), [("S-11", ERROR, lambda c: c.item("U02", 2, "effect"))]),
    Case("S-12", put(lambda c: c.field("P03"), None), [("S-12", ERROR, lambda c: c.field("P03"))]),
    Case("S-13", put(lambda c: c.field("B01"), None), [("S-13", ERROR, lambda c: c.field("B01"))]),
    Case("S-14", put(lambda c: c.field("P11"), -1), [("S-14", WARNING, lambda c: c.field("P11"))]),
    Case("S-17", put(lambda c: c.r.unit_lines["T03"][1], "部门：某市体育中心"),
         [("S-17", WARNING, lambda c: c.r.unit_lines["T03"][1])]),
    # a future year: 1999 would also compare the names with the 2020 edition (C-3 for 20805)
    Case("S-15 year", put(lambda c: c.field("G03"), 2099), [("S-15", ERROR, lambda c: c.field("G03"))]),
    # issue 16: a name no cover can hold, a negative count, a setting out of range
    Case("S-20", put(lambda c: c.field("G01"), "测" * 246), [("S-20", ERROR, lambda c: c.field("G01"))]),
    Case("S-21", put(lambda c: c.field("N02"), -3), [("S-21", ERROR, lambda c: c.field("N02"))]),
    Case("S-22", put(lambda c: c.field("偏差阈值"), -5), [("S-22", ERROR, lambda c: c.field("偏差阈值"))]),
    Case("S-15 cover date", put(lambda c: c.field("G08"), "2024-06-01"), [("S-15", WARNING, lambda c: c.field("G08"))]),
    # issue 26: a project carried from last year without this year's figures; 三公 stated all zero
    # while 公开09表 and N02–N11 are not; no cover date
    Case("S-27", lambda b, c: {c.item("E10", 0, k): None for k in ("budget", "spent", "score", "output", "problem",
                                                                    "measure") if k in c.r.supp.records("E10")[0].cells},
         [("S-27", INFO, lambda c: c.item("E10", 0, "name"))]),
    Case("S-28", put(lambda c: c.field("N12"), "是"),
         [("S-28", ERROR, lambda c: c.field("N12")), ("S-28", ERROR, lambda c: c.field("N12"))]),
    Case("S-29", put(lambda c: c.field("G08"), None), [("S-29", WARNING, lambda c: c.field("G08"))]),
]


def _code_cell_of_econ(c: Cells, code: str) -> str:
    """表6 prints code | name | amount: the code is two columns left of the amount."""
    sheet, ref = c.econ(code).split("!")
    col, row = ref.rstrip("0123456789"), ref[len(ref.rstrip("0123456789")):]
    return f"{sheet}!{chr(ord(col) - 2)}{row}"


def _free_public_cell(c: Cells) -> tuple[str, str, str]:
    """(code, name, amount) cells of the first empty row under 310 in 表6's third column group."""
    sheet, ref = c.econ("31099").split("!")
    col, row = ref.rstrip("0123456789"), int(ref[len(ref.rstrip("0123456789")):])
    return (f"{sheet}!{chr(ord(col) - 2)}{row + 1}", f"{sheet}!{chr(ord(col) - 1)}{row + 1}", f"{sheet}!{col}{row + 1}")


def _move_econ(b: Base, c: Cells, code: str) -> dict:
    """A 人员经费 款 moved, with its amount, into the 公用经费 columns (sums unchanged)."""
    amount_cell = c.econ(code)
    code_cell = _code_cell_of_econ(c, code)
    name_cell = code_cell[:-len(code_cell.split("!")[1])] + chr(ord(code_cell.split("!")[1][0]) + 1) + \
        code_cell.split("!")[1][1:]
    new_code, new_name, new_amount = _free_public_cell(c)
    return {code_cell: None, name_cell: None, amount_cell: None,
            new_code: code, new_name: b.value(name_cell), new_amount: b.value(amount_cell)}


def _range(c: Cells, list_id: str, col: str) -> str:
    cells = [r.cells[col] for r in c.r.supp.records(list_id)]
    first, last = cells[0], cells[-1].split("!")[1]
    return f"{first}:{last}"


def _next_list_row(c: Cells, list_id: str) -> str:
    rows = [int(x.split("!")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) for r in c.r.supp.records(list_id)
            for x in r.cells.values()]
    sheet = c.r.supp.records(list_id)[0].cells["code"].split("!")[0]
    return f"{sheet}!A{max(rows) + 1}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_one_fault_fires_exactly_its_rule(case: Case, bases, tmp_path):
    base = bases[case.base]
    result = base.inject(tmp_path, case.edits(base, base.cells))
    got = [(f.rule, f.severity, f.cells[0]) for f in result.sorted_findings()]
    want = sorted(((rule, sev, where(base.cells)) for rule, sev, where in case.expect), key=lambda x: x[2])
    assert sorted(got, key=lambda x: x[2]) == want, "\n".join(f.text() for f in result.findings)
    if case.related:
        related = " ".join(r for f in result.findings for r in f.related)
        for rule in case.related:
            assert f"{rule}：" in related or f"{rule} " in related, (rule, related)


def test_every_rule_has_a_fault_case():
    from juesuan.checks import RULES
    from juesuan.spec.finding_ids import BY_ID  # reader/renderer ids: tests/reader, tests/render
    covered = set(BY_ID)
    covered |= {rule for case in CASES for rule, _, _ in case.expect} | {r for case in CASES for r in case.related}
    covered |= {"S-16"}  # needs last year's workbook: tests/workbooks/test_prior_year.py
    covered |= {"S-23", "S-24", "S-25", "S-26"}  # example-based cases: tests/render/narrative/test_reviewer_strikes.py
    assert set(RULES) <= covered, sorted(set(RULES) - covered)

