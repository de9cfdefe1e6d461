"""Issue 22, S1 continued: amounts in 元 that nothing labels as 元 (no unit line, or a "单位：万元" line
kept over figures pasted in 元 from the 决算软件).  The numbers give it away: the supplementary sheets
are in 万元 and describe the same quantities (上年数, 年初预算, 三公明细 …), so a dozen pairs stand
near 10 000 to 1.  R-UNIT says so once, naming the cells; a correct workbook — the examples, a large
provincial department — stays silent."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from conftest import EXAMPLE_DATA, EXAMPLES
from robust_helpers import assert_clean, run_cli

from juesuan.maintenance.examples import report_from_data
from juesuan.model.findings import ERROR, WARNING
from juesuan.model.report import Report
from juesuan.reader.units import pairs
from juesuan.reader.workbook import read_workbook
from juesuan.spec.supplement import FIELD_SHEET, FIELDS, LISTS_BY_ID
from juesuan.workbooks.writer import write_workbook

EXAMPLE_NAMES = ("a_jingkai_2024", "b_hanyang_2024", "c_synthetic_2024", "d_carryover_2024")


def _data(name: str = "c_synthetic_2024") -> dict:
    return json.loads((EXAMPLE_DATA / f"{name}.json").read_text(encoding="utf-8"))


def _times(value, factor: Decimal) -> Decimal:
    return (Decimal(str(value)) * factor).quantize(Decimal("0.01"))


def scale_tables(report: Report, factor, tables: tuple[str, ...] | None = None) -> None:
    """Every amount of the 公开表 (or of ``tables``) times ``factor``, as a paste in 元 would make it."""
    f = Decimal(factor)
    for tid, t in report.tables.items():
        if tables is not None and tid not in tables:
            continue
        for values in (getattr(t, "values", None), getattr(t, "total", None)):
            if isinstance(values, dict):
                values.update({k: _times(v, f) for k, v in values.items()})
        for row in getattr(t, "rows", []):
            row.values.update({k: _times(v, f) for k, v in row.values.items()})
        if hasattr(t, "personnel_total"):
            t.personnel_total, t.public_total = _times(t.personnel_total, f), _times(t.public_total, f)


def scale_supplements(data: dict, factor, sheets: tuple[str, ...] | None = None) -> None:
    """Every 万元 amount of the supplementary sheets (or of ``sheets``) times ``factor``."""
    f = Decimal(factor)
    for fid, value in data["fields"].items():
        if FIELDS[fid].kind == "money" and value not in (None, "") and (sheets is None or FIELD_SHEET[fid] in sheets):
            data["fields"][fid] = str(_times(value, f))
    for lid, records in data["lists"].items():
        spec = LISTS_BY_ID[lid]
        if sheets is not None and spec.name not in sheets:
            continue
        for rec in records:
            for col in spec.columns:
                if col.kind == "money" and rec.get(col.key) not in (None, ""):
                    rec[col.key] = str(_times(rec[col.key], f))


def blank_unit_lines(path: Path) -> Path:
    """The "单位：万元" line above every 公开表 removed (a table pasted without its header)."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if ws.title.startswith("公开"):
            for row in ws.iter_rows(min_row=1, max_row=5):
                for cell in row:
                    if isinstance(cell.value, str) and cell.value.replace(" ", "") == "单位：万元":
                        cell.value = None
    wb.save(path)
    return path


def workbook(tmp_path: Path, name: str, data: dict, tables_factor=None, tables=None, unit_line=True) -> Path:
    report = report_from_data(data)
    if tables_factor is not None:
        scale_tables(report, tables_factor, tables)
    path = write_workbook(tmp_path / name, report)
    return path if unit_line else blank_unit_lines(path)


def unit_findings(path: Path):
    report, findings = read_workbook(path)
    return report, [f for f in findings if f.rule == "R-UNIT"]


# -- the tables in 元 ---------------------------------------------------------------------------
def test_tables_in_yuan_without_a_unit_line_are_one_error_and_no_report(tmp_path):
    path = workbook(tmp_path, "yuan.xlsx", _data(), 10000, unit_line=False)
    report, found = unit_findings(path)
    assert len(found) == 1 and found[0].severity == ERROR
    f = found[0]
    # names the cells of both sides, says what was found and what 万元 would be
    assert f.cells[0].startswith("公开01表!") and any(c.startswith("上年数!") for c in f.cells)
    assert any(c.startswith("年初预算!") for c in f.cells)
    assert "按“元”填写" in f.message and "表头没有写单位" in f.message
    assert "17563000.00" in f.message and "1650.80" in f.message and "1756.30" in f.message
    assert "报告会把“收、支总计”印成“17563000万元”" in f.message and "万元" in f.hint
    assert (f.expected, f.actual) == (Decimal("1756.30"), Decimal("17563000.00"))
    assert "公开01表" in f.message and "公开09表" in f.message and "T01" in report.unit_suspects

    out = assert_clean(run_cli(["check", str(path)]), codes=(1,))
    # one problem, one message: no S-2/S-3/S-8 differences "ten thousand times" over
    assert out.count("[错误]") == 1 and "R-UNIT" in out and "[警告]" not in out, out
    docx = tmp_path / "报告.docx"
    result = run_cli([str(path), "-o", str(docx)])
    assert result.exit_code == 1 and not docx.exists() and "R-UNIT" in result.output


def test_tables_in_yuan_under_a_wanyuan_line_name_that_line(tmp_path):
    path = workbook(tmp_path, "yuan_wan.xlsx", _data(), 10000)
    _, found = unit_findings(path)
    assert len(found) == 1 and found[0].severity == ERROR
    assert "表头写的是“单位：万元”（公开01表!" in found[0].message


@pytest.mark.parametrize("name", ["a_jingkai_2024", "b_hanyang_2024", "d_carryover_2024"])
def test_every_example_pasted_in_yuan_is_found(tmp_path, name):
    _, found = unit_findings(workbook(tmp_path, f"{name}.xlsx", _data(name), 10000))
    assert [f.severity for f in found] == [ERROR]


def test_one_table_pasted_in_yuan_is_named_alone(tmp_path):
    path = workbook(tmp_path, "t09.xlsx", _data(), 10000, tables=("T09",))
    report, found = unit_findings(path)
    assert len(found) == 1 and report.unit_suspects == {"T09"}
    assert found[0].message.startswith("公开09表的金额") and "公开01表" not in found[0].message.split("：")[0]
    assert "P09-1「“三公”经费决算合计」" in found[0].message and "把「“三公”经费决算合计」印成“583000万元”" in found[0].message


# -- the supplementary sheets in 元 --------------------------------------------------------------
def test_prior_year_figures_typed_in_yuan_are_found_on_their_sheet(tmp_path):
    data = _data()
    scale_supplements(data, 10000, ("上年数",))
    report, found = unit_findings(workbook(tmp_path, "prior_yuan.xlsx", data))
    assert len(found) == 1 and found[0].severity == ERROR
    f = found[0]
    assert f.message.startswith("补充工作表“上年数”的金额看来是按“元”填写的") and f.cells[0].startswith("上年数!")
    assert report.unit_suspects == {"上年数"} and "P01“收、支总计” 16508000.00" in f.message
    out = assert_clean(run_cli(["check", str(workbook(tmp_path, "prior_yuan2.xlsx", data))]), codes=(1,))
    assert out.count("[错误]") == 1 and "S-8" not in out, out


# -- weak evidence: a warning --------------------------------------------------------------------
def test_magnitude_alone_is_a_warning(tmp_path):
    """No 上年数 or budgets to compare with, but a 收、支总计 of 175 630 000 万元 (1.76 万亿元)."""
    data = _data()
    scale_supplements(data, 0)  # every supplementary amount 0: no pair
    path = workbook(tmp_path, "huge.xlsx", data, 100000)
    _, found = unit_findings(path)
    assert [f.severity for f in found] == [WARNING] and "超过 1000 亿元" in found[0].message


def test_a_single_pair_is_a_warning(tmp_path):
    """Only P01 to compare with (a small department: 3 973 300 is not beyond any department)."""
    a = _data("a_jingkai_2024")
    data = {"tables": a["tables"], "lists": {},
            "fields": {k: v for k, v in a["fields"].items() if FIELDS[k].kind != "money" or k == "P01"}}
    _, found = unit_findings(workbook(tmp_path, "one.xlsx", data, 10000))
    assert [f.severity for f in found] == [WARNING] and "上年数!" in found[0].message


def test_a_single_pair_and_the_magnitude_are_an_error(tmp_path):
    c = _data()
    data = {"tables": c["tables"], "lists": {},
            "fields": {k: v for k, v in c["fields"].items() if FIELDS[k].kind != "money" or k == "P01"}}
    _, found = unit_findings(workbook(tmp_path, "one_big.xlsx", data, 10000))
    assert [f.severity for f in found] == [ERROR]


# -- silence on correct workbooks ----------------------------------------------------------------
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_examples_are_silent(name):
    report, found = unit_findings(EXAMPLES / f"{name}.xlsx")
    assert found == [] and not report.unit_suspects
    assert all(p.says == "same" for p in pairs(report))  # far from the 5 000–20 000 band


def test_a_large_provincial_department_in_wanyuan_is_silent(tmp_path):
    """Everything ×6000 (whole 万元, a 收、支总计 over 1 000 亿元) but consistent: large, not in 元."""
    data = _data()
    scale_supplements(data, 6000)
    path = workbook(tmp_path, "province.xlsx", data, 6000)
    report, found = unit_findings(path)
    assert report.t01.get("inc_grand") > 10_000_000 and found == []


def test_a_department_that_grew_tenfold_is_silent(tmp_path):
    """A big new project: this year ten times last year is growth, not a unit."""
    data = _data()
    scale_supplements(data, Decimal("0.1"), ("上年数",))
    _, found = unit_findings(workbook(tmp_path, "grew.xlsx", data))
    assert found == []


def test_a_fund_table_that_grew_ten_thousandfold_is_silent(tmp_path):
    """表7 140 万元 against a 上年 0.01 万元 (100 元): one pair says 14 000 while every other pair agrees."""
    data = _data()
    data["fields"]["P10"] = "0.01"
    _, found = unit_findings(workbook(tmp_path, "fund.xlsx", data))
    assert found == []
