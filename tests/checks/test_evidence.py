"""Evidence that orders the candidates of a tie (checks/evidence.py) and the rules of
checks/localize.py that use it: each test fails without its rule.

The relations are built by hand where one rule is to be seen alone; example (c) (written from its
JSON) where the evidence is the workbook's own: its 表6 prints figures that 表2/表5 print too.
"""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from checks_helpers import Base

from juesuan.checks.context import Check, Term
from juesuan.checks.evidence import DIGIT, EXTRA, OTHER, PATTERN, same_item, shape, specific
from juesuan.checks.localize import localize
from juesuan.checks.ordering import cell_position
from juesuan.checks.registry import rule
from juesuan.maintenance.examples import report_from_data
from juesuan.model.findings import ERROR
from juesuan.workbooks.writer import write_workbook

D = Decimal


@pytest.mark.parametrize("now,corrected,want", [
    ("-44.32", "44.32", PATTERN), ("123.00", "12.30", PATTERN), ("13.44", "31.44", PATTERN),
    ("169.90", "168.90", DIGIT), ("5.20", "6.20", DIGIT), ("249.36", "149.36", DIGIT),
    ("158.30", "58.30", EXTRA), ("12.5", "12.35", EXTRA), ("42.36", "142.36", EXTRA),
    ("150.36", "149.36", OTHER), ("109.60", "9.60", OTHER), ("0", "1.00", OTHER), ("1.00", "0", OTHER),
])
def test_slip_shape(now, corrected, want):
    """How likely ``now`` is a keying error for ``corrected``: a carry (149.36 → 150.36) is no
    keying error, a blank cell was never typed."""
    assert shape(D(now), D(corrected)) == want


def test_a_figure_is_specific_when_it_has_four_significant_digits():
    assert [specific(D(v)) for v in ("62.88", "1650.80", "12.30", "1.82", "9.60", "100.00", "0")] == \
        [True, True, False, False, False, False, False]


def _term(tid: str, key: str, value: str, cell: str, label: str) -> Term:
    return Term((tid, key), D(value), cell, label, sheet=cell.split("!")[0])


def test_two_cells_hold_one_item_by_code_or_by_name():
    t06 = _term("T06", "30212", "9.60", "公开06表!F17", "30212“因公出国（境）费用”")
    t09 = _term("T09", "final_abroad", "9.60", "公开09表!H8", "栏8“决算数·因公出国（境）费”")
    car = _term("T09", "final_car_run", "9.60", "公开09表!K8", "栏11“决算数·公务用车购置及运行维护费·公务用车运行维护费”")
    assert same_item(t06, t09) and not same_item(t06, car)
    row3 = Term(("T03", "row", "2070101", "basic"), D("20.00"), "公开03表!D13", "2070101“行政运行”栏2“基本支出”")
    row5 = Term(("T05", "row", "2070101", "basic"), D("20.00"), "公开05表!D13", "2070101“行政运行”栏2“基本支出”")
    other = Term(("T05", "row", "2010101", "basic"), D("20.00"), "公开05表!D9", "2010101“行政运行”栏2“基本支出”")
    assert same_item(row3, row5) and not same_item(row3, other)  # two 行政运行 of two 类 are two items


def _class(total: str, items: list[str]) -> list[Check]:
    """表6 one 类 (C6) and its 款 (C7, C8 …)."""
    lhs = _term("T06", "301", total, "公开06表!C6", "301“工资福利支出”")
    rhs = [_term("T06", f"301{i:02d}", v, f"公开06表!C{7 + i}", f"301{i:02d}“款{i}”") for i, v in enumerate(items)]
    return [Check(rule("T06-1"), lhs, tuple(rhs), "=", "T06")]


def _named(checks: list[Check]) -> list[str]:
    fixes, _, _ = localize(checks, [c for c in checks if not c.ok()], cell_position)
    [fix] = fixes
    return [f.term.cell for f in (fix, *fix.alternatives)]


def test_a_tie_names_a_typed_figure_before_a_blank_cell():
    """301 is 1.00 above its 款: the blank 款 could be the one left out, but a figure one digit
    off is the likelier slip — the blank cell is named last, not first in reading order."""
    assert _named(_class("31.00", ["0", "12.00", "18.00"])) == ["公开06表!C8", "公开06表!C9", "公开06表!C6", "公开06表!C7"]


def test_a_tie_names_the_keying_errors_in_the_order_of_their_frequency():
    """100.00 missing: 200 for 100 (one digit), 190.40 typed as 90.40 (one digit left out),
    109.60 as 9.60 (two) — in that order, although the total weighs more and comes first."""
    assert _named(_class("200.00", ["9.60", "90.40"])) == ["公开06表!C6", "公开06表!C8", "公开06表!C7"]


# -- example (c): figures its tables print twice ----------------------------------------------------
@pytest.fixture(scope="module")
def base(tmp_path_factory, examples) -> Base:
    data = json.loads((examples / "data" / "c_synthetic_2024.json").read_text(encoding="utf-8"))
    return Base(write_workbook(tmp_path_factory.mktemp("evidence") / "c.xlsx", report_from_data(data)))


def test_the_value_printed_in_another_table_names_the_cell_alone(base, tmp_path):
    """表6 30108 养老保险缴费 is 62.88, as 2080505 in 表2 and 表5.  Typed 63.88, any 款 of 301 could
    carry the 1.00; only the one whose corrected value another table prints is named."""
    cell = base.cells.econ("30108")
    result = base.inject(tmp_path, base.plus(cell, "1.00"))
    [f] = result.findings
    assert (f.rule, f.severity, f.cells[0], f.expected, f.candidates) == ("T06-1", ERROR, cell, D("62.88"), [])
    assert f.message.startswith(f"{cell}（30108“机关事业单位基本养老保险缴费”）现为 63.88，应为 62.88（相差 1.00）。"
                                f"{base.cells.row('T02', '2080505', 'total')} 所列也是 62.88。")


def test_a_cell_whose_figure_another_table_prints_is_named_apart(base, tmp_path):
    """表9 栏7 1.00 above 栏8 + 栏9 + 栏12: 栏7 or 栏8 — but 栏8 因公出国（境）费 9.60 is 表6 30212 too.
    栏7 is named; 栏8 is mentioned as possible but unlikely, with the cell that agrees with it."""
    c = base.cells
    result = base.inject(tmp_path, base.plus(c.t09("final_total"), "1.00"))
    [f] = result.findings
    assert (f.cells[0], f.expected, f.candidates) == (c.t09("final_total"), D("58.30"), [])
    assert (f"另有 {c.t09('final_abroad')} 改为 10.60 也能使之成立，但它现有的数与 {c.econ('30212')} 相同，"
            "不大可能有误。") in f.message


def test_of_several_recognisable_slips_only_those_are_named(base, tmp_path):
    """30112 3.85 typed 3.58: 142.36 and 149.36 with 36 for 63 are the same swap, so three 款 are
    named (and 32.02 for 32.20, which leaves 301 off by 0.09, after them) — not the 13 款 of 301."""
    c = base.cells
    result = base.inject(tmp_path, {c.econ("30112"): D("3.58")})
    [f] = result.findings
    assert f.candidates == [c.econ("30101"), c.econ("30107"), c.econ("30112"), c.econ("30110")]


def test_an_ambiguous_finding_names_the_confirmed_cells_apart(base, tmp_path):
    """30101 基本工资 typed 1.00 too high: any 款 of 301 could carry it.  The 款 whose figures 表2
    prints too (30108 62.88, 30109 31.44, 30111 12.30 …) are not among the candidates; the message
    names them after the others, with the cells that agree with them."""
    c = base.cells
    result = base.inject(tmp_path, base.plus(c.econ("30101"), "1.00"))
    [f] = result.findings
    assert f.candidates[0] == c.econ("30101")
    confirmed = [c.econ(code) for code in ("30108", "30109", "30111")]
    assert not set(confirmed) & set(f.candidates)
    assert f"另有 {confirmed[0]} 改为 61.88、{confirmed[1]} 改为 30.44、{confirmed[2]} 改为 11.30 等" in f.message
    assert f"分别与 {c.row('T02', '2080505', 'total')}、" in f.message
