"""Required inputs are never silent, and one problem gives one message (checks/rules_required.py).

Faults are typed into copies of example (c) (written from its JSON) as a clerk would leave them.
"""
from __future__ import annotations

import json

import openpyxl
import pytest
from checks_helpers import Base

from juesuan.api import check_workbook
from juesuan.maintenance.examples import report_from_data
from juesuan.model.findings import ERROR, WARNING
from juesuan.spec.supplement import ASSETS, PROCUREMENT, SANGONG
from juesuan.workbooks.writer import write_workbook


@pytest.fixture(scope="module")
def base(tmp_path_factory, examples) -> Base:
    data = json.loads((examples / "data" / "c_synthetic_2024.json").read_text(encoding="utf-8"))
    return Base(write_workbook(tmp_path_factory.mktemp("req") / "c.xlsx", report_from_data(data)))


def _got(result):
    return [(f.rule, f.severity, f.cells[0]) for f in result.sorted_findings()]


@pytest.mark.parametrize("spec", [SANGONG, PROCUREMENT, ASSETS], ids=lambda s: s.name)
def test_a_blank_required_sheet_is_one_error_per_blank_cell(base, tmp_path, spec):
    """Left blank, these sheets used to give no finding and a report saying “共有车辆0辆”."""
    fields = [f for f in spec.fields if f.required]
    result = base.inject(tmp_path, {base.cells.field(f.id): None for f in fields})
    assert _got(result) == [("S-11", ERROR, base.cells.field(f.id)) for f in fields]
    first = result.sorted_findings()[0]
    assert first.message == f"{spec.name}“{fields[0].label}”（{fields[0].id}）未填。"
    assert "没有的请填 0（空白不会当作 0）" in first.hint
    assert not result.ok  # no report is written from blanks


def test_a_typed_zero_is_an_answer_and_a_blank_is_not(base, tmp_path):
    c = base.cells
    result = base.inject(tmp_path, {c.field("A01"): 0, c.field("A02"): None, c.field("N04"): 0})
    assert _got(result) == [("S-11", ERROR, c.field("A02"))]


def test_a_blank_amount_is_not_also_a_sum_that_is_off(base, tmp_path):
    """N06 and N09 blank: two 未填, not also “N06 + N09 = 0.00 ≠ 表9 栏12” (S-3)."""
    c = base.cells
    result = base.inject(tmp_path, {c.field("N06"): None, c.field("N09"): None})
    assert _got(result) == [("S-11", ERROR, c.field("N06")), ("S-11", ERROR, c.field("N09"))]


def test_a_missing_required_sheet_is_one_finding(base, tmp_path):
    wb = openpyxl.load_workbook(base.path)
    del wb["资产"]
    wb.save(tmp_path / "no_assets.xlsx")
    result = check_workbook(tmp_path / "no_assets.xlsx")
    got = [(f.rule, f.severity, f.cells[0]) for f in result.sorted_findings()]
    assert got == [("R-SHEET", ERROR, "资产")], [f.text() for f in result.findings]
    assert result.findings[0].message == \
        "缺少补充工作表“资产”，其必填项（A01、A02、A03、A04、A05、A06、A07、A08、A09）无法读取，报告中不能写成 0"


@pytest.mark.parametrize("fid,value,rule", [("G03", "二〇二四", "R-NUM"), ("G04", "部门", "R-ENUM")])
def test_a_wrong_value_is_not_also_blank(base, tmp_path, fid, value, rule):
    """Text in 年度 used to give R-NUM and “年度未填”: one problem, one message."""
    cell = base.cells.field(fid)
    result = base.inject(tmp_path, {cell: value})
    assert _got(result) == [(rule, ERROR, cell)], [f.text() for f in result.findings]


def test_the_department_line_of_the_tables_is_checked_against_the_general_sheet(base, tmp_path):
    lines = base.report.unit_lines
    edits = {lines[tid][1]: "部门：某市体育中心" for tid in ("T03", "T05")}
    result = base.inject(tmp_path, edits)
    [f] = result.findings
    assert (f.rule, f.severity) == ("S-17", WARNING)
    assert f.cells == [lines["T03"][1], lines["T05"][1], base.cells.field("G01")]
    assert f.message == "公开03表、公开05表表头“部门：某市体育中心”与概况G01“部门全称”“某市文化体育局”不一致。"


def test_the_unit_of_measure_is_not_taken_for_a_department(base):
    assert all(name == "某市文化体育局" for name, _ in base.report.unit_lines.values())
    assert len(base.report.unit_lines) == 9


def test_sangong_stated_all_zero_needs_no_cell_typed(tmp_path, examples):
    """Example (b) has no 三公 spending: with N12 = 是 the ten cells N02–N11 may stay blank (issue 26),
    the report says 0 for each, and a blank cell's error points to N12."""
    data = json.loads((examples / "data" / "b_hanyang_2024.json").read_text(encoding="utf-8"))
    data["fields"]["G08"] = "2025-09-01"
    b = Base(write_workbook(tmp_path / "b.xlsx", report_from_data(data)))
    blanks = {b.cells.field(f.id): None for f in SANGONG.fields if f.required}
    before = b.inject(tmp_path, blanks, name="blank.xlsx")
    assert {f.rule for f in before.findings} == {"S-11"}
    assert "N12" in before.sorted_findings()[0].hint
    after = b.inject(tmp_path, {**blanks, b.cells.field("N12"): "是"}, name="zero.xlsx")
    assert after.findings == [], [f.text() for f in after.findings]
    from juesuan.figures import compute
    sangong = compute(after.report).sangong
    assert (sangong.groups_abroad, sangong.cars_held, sangong.domestic_amount) == (0, 0, 0)
