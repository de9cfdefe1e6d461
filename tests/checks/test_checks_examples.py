"""The three example workbooks through 审核, and the tolerance / no-cascade behaviour.

(a) is the 经开区 tables exactly as published: its known breaks were found by hand from
shared/seeds/003 (sums written out below), not by running the program.
"""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from checks_helpers import Base

from juesuan.api import check_workbook
from juesuan.maintenance.examples import report_from_data
from juesuan.model.findings import ERROR, INFO, WARNING
from juesuan.workbooks.writer import write_workbook

D = Decimal


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory, examples):
    folder = tmp_path_factory.mktemp("examples")
    out = {}
    for name in ("a_jingkai_2024", "b_hanyang_2024", "c_synthetic_2024"):
        data = json.loads((examples / "data" / f"{name}.json").read_text(encoding="utf-8"))
        out[name[0]] = write_workbook(folder / f"{name}.xlsx", report_from_data(data))
    return out


@pytest.mark.parametrize("key", ["b", "c"])
def test_clean_examples_have_no_errors_or_warnings(workbooks, key):
    result = check_workbook(workbooks[key])
    assert result.fatal is None
    found = [f for f in result.findings if f.severity in (ERROR, WARNING)]
    if key == "b":  # the published 汉阳 report has no cover date: S-29 says the cover will print none
        assert [(f.rule, f.cells) for f in found] == [("S-29", ["概况!C10"])]
        found = []
    assert [f.text() for f in found] == []


def test_department_without_indicators_is_warned_once(workbooks):
    from juesuan.reader.workbook import read_workbook
    report, _ = read_workbook(workbooks["c"])
    report.supp.lists["X"] = [r for r in report.supp.records("X") if r.get("owner") != "整体"]
    from juesuan.checks import run_checks
    found = [f for f in run_checks(report, []) if f.rule == "S-11" and "没有指标行" in f.message]
    assert [f.message for f in found] == ["部门整体在“绩效指标”表没有指标行，第六部分整体绩效自评表中没有绩效指标。"]
    assert found[0].severity == WARNING and found[0].cells[0].startswith("绩效指标!A")
    # a project without rows: one finding for that project, none for the others
    report.supp.lists["X"] = [r for r in report.supp.records("X") if r.get("owner") != "全市运动会"]
    found = [f.message for f in run_checks(report, []) if f.rule == "S-11" and "没有指标行" in f.message]
    assert sorted(found) == sorted(["部门整体在“绩效指标”表没有指标行，第六部分整体绩效自评表中没有绩效指标。",
                                    "项目“全市运动会”在“绩效指标”表没有指标行，第六部分该项目的项目绩效自评表中没有绩效指标。"])


# The published (a) tables, checked by hand:
#   表3/表5 基本支出: 121.74 + 33.36 + 27.79 + 13.04 + 6.58 + 0.16 + 8.47 + 18.22 + 1.78 + 15.07 + 3.29
#                    = 249.50, but the 合计 rows print 249.51 (and 397.33 ≠ 249.51 + 147.83 = 397.34);
#   表5 249.51 vs 表6 213.20 + 36.30 = 249.50 is the same 0.01, carried by the same cell;
#   表6 301: 31.11 + 27.45 + 65.35 + 5.00 + 13.04 + 6.58 + 8.47 + 8.76 + 1.94 + 15.07 = 182.77 ≠ 182.76;
#   表6 302: 14.42 + 0.35 + 0.60 + 1.10 + 0.20 + 0.19 + 1.00 + 4.66 + 1.09 + 5.17 + 6.82 = 35.60 ≠ 35.59;
#   表5 prints 2101119 where 表2/表3 have 2101199; 表2 names 2210202 房租补贴, 表3 (and K) 提租补贴;
#   B01 453.61 vs Σ B02 = 453.59; 五(三) deviations ≥ 5 points without R07: 2101103 (91.88%) and
#   2210201 (90.89%); E08 (整体自评综述) left empty.
A_EXPECTED = [
    # rule, severity, first cell, expected, actual
    ("X-6", WARNING, "公开02表!B18", None, None),  # 房租补贴 vs 提租补贴
    ("X-6", ERROR, "公开05表!A16", None, None),  # 2101119 instead of 2101199
    ("C-4", INFO, "公开05表!A16", None, None),  # 2101119 not in K, candidate 2101199
    ("S-1", WARNING, "年初预算!C3", D("453.59"), D("453.61")),  # B01 vs Σ B02
    ("S-8", WARNING, "项级预算!D10", None, None),  # R07 missing for 2101103
    ("S-8", WARNING, "项级预算!D12", None, None),  # R07 missing for 2210201
    ("S-11", WARNING, "绩效!C10", None, None),  # E08 missing
    # 尾数误差 last: after everything a clerk must correct (checks/ordering.py)
    ("T03-2", WARNING, "公开03表!D7", D("249.50"), D("249.51")),  # 表3 合计 基本支出 (尾数误差)
    ("T05-2", WARNING, "公开05表!D7", D("249.50"), D("249.51")),  # 表5 合计 基本支出 (尾数误差)
    ("T06-1", WARNING, "公开06表!C6", D("182.77"), D("182.76")),  # 301 工资福利支出
    ("T06-1", WARNING, "公开06表!F6", D("35.60"), D("35.59")),  # 302 商品和服务支出
]


def test_a_yields_exactly_its_known_breaks(workbooks):
    result = check_workbook(workbooks["a"])
    got = [(f.rule, f.severity, f.cells[0], f.expected, f.actual) for f in result.sorted_findings()]
    assert got == A_EXPECTED, "\n".join(f.text() for f in result.sorted_findings())


def test_a_findings_say_what_and_where(workbooks):
    result = check_workbook(workbooks["a"])
    assert result.errors == 1 and not result.ok  # the code 2101119 stops the report; the rest are warnings
    found = {(f.rule, f.cells[0]): f for f in result.findings}
    name = found[("X-6", "公开02表!B18")]
    assert "2210202" in name.message and "房租补贴" in name.message and "提租补贴" in name.message
    code = found[("X-6", "公开05表!A16")]
    assert code.cells == ["公开05表!A16", "公开03表!A16"]
    assert "2101119" in code.message and "2101199" in code.message
    assert "2101199" in found[("C-4", "公开05表!A16")].hint
    t05 = found[("T05-2", "公开05表!D7")]
    assert t05.cells == ["公开05表!D7", "公开05表!D8:D18"] and "尾数误差" in t05.message
    # the same 0.01 also breaks 合计行 栏1 = 栏2 + 栏3 and X-11: listed, not reported again
    assert any(r.startswith("T05-1：") and "397.33" in r and "397.34" in r for r in t05.related)
    assert any(r.startswith("X-11：") and "249.51" in r and "249.50" in r for r in t05.related)
    t03 = found[("T03-2", "公开03表!D7")]
    assert any(r.startswith("T03-1：") for r in t03.related)
    # 影响: the 人员经费合计 computed from 301 carries the same 0.01 and changes with it
    assert found[("T06-1", "公开06表!C6")].affects == [
        "公开06表!C34（“人员经费合计”）：213.20 → 213.21（由本格算出，含同一差额）"]
    assert "2101103" in found[("S-8", "项级预算!D10")].message
    assert "2210201" in found[("S-8", "项级预算!D12")].message


# -- tolerance and cascades (docs/RULES.md) ---------------------------------------------------------
@pytest.fixture(scope="module")
def clean_c(workbooks) -> Base:
    return Base(workbooks["c"])


def _only(result):
    assert len(result.findings) == 1, "\n".join(f.text() for f in result.findings)
    return result.findings[0]


def test_a_class_row_off_by_one_cent_is_one_warning_at_the_class(clean_c, tmp_path):
    """类 ≠ Σ款 by 0.01: one 尾数误差 at the 类; 合计 ≠ Σ类 and 表1 vs 表3 are its consequences."""
    cell = clean_c.cells.row("T03", "207", "total")
    f = _only(clean_c.inject(tmp_path, clean_c.plus(cell, "0.01")))
    assert (f.rule, f.severity, f.cells[0]) == ("T03-3", WARNING, cell)
    assert "尾数误差" in f.message and f.difference == D("0.01")
    assert {r.split("：")[0] for r in f.related} == {"T03-2", "T03-1", "X-4"}


def test_strict_checking_makes_every_difference_an_error(clean_c, tmp_path):
    cell = clean_c.cells.row("T03", "207", "total")
    edits = clean_c.plus(cell, "0.01") | {clean_c.cells.field("严格审核"): "是"}
    f = _only(clean_c.inject(tmp_path, edits))
    assert (f.rule, f.severity, f.cells[0]) == ("T03-3", ERROR, cell)


def test_tolerance_grows_with_the_number_of_addends(clean_c, tmp_path):
    # 301 has 10 non-zero 款: up to 0.10 is a rounding tail, 0.11 is an error
    f = _only(clean_c.inject(tmp_path, clean_c.plus(clean_c.cells.econ("30101"), "0.10")))
    assert (f.rule, f.severity) == ("T06-1", WARNING)
    f = _only(clean_c.inject(tmp_path, clean_c.plus(clean_c.cells.econ("30101"), "0.11"), name="b.xlsx"))
    assert (f.rule, f.severity) == ("T06-1", ERROR)
    # a single value compared with another (k = 1): 0.01 is a tail, 0.02 an error
    f = _only(clean_c.inject(tmp_path, clean_c.plus(clean_c.cells.t01("inc_superior"), "0.01"), name="c.xlsx"))
    assert (f.rule, f.severity) == ("X-2", WARNING)
    f = _only(clean_c.inject(tmp_path, clean_c.plus(clean_c.cells.t01("inc_superior"), "0.02"), name="d.xlsx"))
    assert (f.rule, f.severity) == ("X-2", ERROR)


def test_what_the_reader_could_not_read_is_reported_once(workbooks, tmp_path):
    """A missing table and text in an amount cell: the reader's findings only, no cascade of sums."""
    import openpyxl
    wb = openpyxl.load_workbook(workbooks["c"])
    del wb["公开02表"]
    wb.save(tmp_path / "broken.xlsx")
    base = Base(tmp_path / "broken.xlsx")
    cell = Base(workbooks["c"]).cells.row("T03", "2070101", "total")
    result = base.inject(tmp_path, {cell: "abc"}, name="broken2.xlsx")
    assert [(f.rule, f.severity, f.cells[0]) for f in result.sorted_findings()] == [
        ("R-SHEET", ERROR, "公开02表"), ("R-NUM", ERROR, cell)]
