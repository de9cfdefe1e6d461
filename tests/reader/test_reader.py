"""Reader: real .xlsx files built in the test, loaded back; problems in Chinese with cells."""
from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest
from click.testing import CliRunner

from juesuan.maintenance.examples import report_from_data
from juesuan.reader.workbook import read_workbook
from juesuan.workbooks.writer import write_workbook
from juesuan_cli.main import cli
from minidata_helpers import mini


def _write(tmp_path, data=None, name="w.xlsx"):
    path = tmp_path / name
    write_workbook(path, report_from_data(data or mini()))
    return path


def _cell_of(path, sheet, text):
    ws = openpyxl.load_workbook(path)[sheet]
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c
    raise AssertionError(text)


def test_blank_workbook_reads_as_empty_model(tmp_path):
    path = tmp_path / "blank.xlsx"
    result = CliRunner().invoke(cli, ["init", str(path)])
    assert result.exit_code == 0, result.output
    report, findings = read_workbook(path)
    assert findings == []
    assert report.is_empty()
    again = CliRunner().invoke(cli, ["init", str(path)])
    assert again.exit_code == 2 and "已存在" in again.output and "--force" in again.output
    assert CliRunner().invoke(cli, ["init", str(path), "--force"]).exit_code == 0


def test_blank_workbook_has_the_official_layout(tmp_path):
    path = tmp_path / "blank.xlsx"
    write_workbook(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:10] == ["填表说明"] + [f"公开0{i}表" for i in range(1, 10)]
    for name in ("概况", "上年数", "主要原因", "年初预算", "项级预算", "三公明细", "政府采购", "资产", "绩效", "设置"):
        assert name in wb.sheetnames
    t1 = wb["公开01表"]
    assert t1["A1"].value == "收入支出决算总表" and t1["F2"].value == "公开01表"
    assert "A1:F1" in {str(r) for r in t1.merged_cells.ranges}
    assert t1["C6"].value == 1 and t1["F6"].value == 2  # 栏次
    assert t1["B36"].value == 30 and t1["A36"].value == "总计"
    assert t1.freeze_panes == "A7"
    # form sheets: 编号 | 项目 | 填写值 | 填写说明, dropdowns for enumerations, 0.00 for money
    general = wb["概况"]
    assert [general.cell(2, c).value for c in range(1, 5)] == ["编号", "项目", "填写值", "填写说明"]
    ids = [general.cell(r, 1).value for r in range(3, general.max_row + 1)]
    assert len(ids) == len(set(ids)) and "G01" in ids
    assert any('"部门决算,本级决算,单位决算"' == dv.formula1 for dv in general.data_validations.dataValidation)
    prior = wb["上年数"]
    assert prior["C3"].number_format == "0.00"


def test_filled_workbook_round_trips(tmp_path):
    path = _write(tmp_path)
    report, findings = read_workbook(path)
    assert findings == []
    assert report.t01.get("inc_grand") == Decimal("130.50")
    assert report.t01.cell("inc_grand") == "公开01表!C36"
    assert report.t04.get("c201", "gpb") == Decimal("90.50")
    row = report.t05.by_code()["2012901"]
    assert row.name == "行政运行" and row.get("project") == Decimal("20.00")
    assert report.t06.personnel_total == Decimal("90.00") and report.t06.get("30108") == Decimal("30.00")
    assert report.supp.get("G01") == "测试区总工会" and report.year == 2024
    assert report.supp.get("P01") == Decimal("100.00")
    b02 = report.supp.records("B02")[0]
    assert b02.get("code") == "2012901" and b02.get("budget") == Decimal("95.00")
    assert b02.get("reason") == "第一条\n第二条"


def test_text_in_a_money_cell_is_reported_with_its_cell(tmp_path):
    path = _write(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["公开03表"]
    ws["C10"] = "壹万"  # 2012901 行 栏1
    ws["D10"] = "1,234.50"
    ws["E10"] = "20 "
    wb.save(path)
    report, findings = read_workbook(path)
    assert [f.text() for f in findings] == [
        "公开03表!C10：应为数字，实际为“壹万”（金额请填阿拉伯数字，单位万元，如 1234.56）"]
    row = report.t03.by_code()["2012901"]
    assert row.get("basic") == Decimal("1234.50") and row.get("project") == Decimal("20.00")


def test_dates_and_booleans_in_money_cells(tmp_path):
    import datetime as dt
    path = _write(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["公开05表"]["C7"] = dt.date(2024, 1, 1)
    wb["公开05表"]["D7"] = True
    wb.save(path)
    _, findings = read_workbook(path)
    texts = [f.text() for f in findings]
    assert any(t.startswith("公开05表!C7：应为数字，实际为日期“2024-01-01”") for t in texts)
    assert any(t.startswith("公开05表!D7：应为数字，实际为逻辑值“TRUE”") for t in texts)


def test_missing_sheet(tmp_path):
    path = _write(tmp_path)
    wb = openpyxl.load_workbook(path)
    del wb["公开05表"]
    wb.save(path)
    report, findings = read_workbook(path)
    assert [(f.rule, f.severity, f.cells) for f in findings] == [("R-SHEET", "错误", ["公开05表"])]
    assert "缺少工作表“公开05表”（一般公共预算财政拨款支出决算表）" in findings[0].message
    assert report.t05.rows == []


def test_formula_without_cached_value(tmp_path):
    path = _write(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["公开01表"]["C33"] = "=SUM(C7:C14)"  # openpyxl saves formulas without a cached result
    wb.save(path)
    _, findings = read_workbook(path)
    assert len(findings) == 1
    f = findings[0]
    assert f.rule == "R-FORMULA" and f.cells == ["公开01表!C33"]
    assert "=SUM(C7:C14)" in f.message and "Excel 或 WPS" in f.hint


def test_formula_with_cached_value_is_read(tmp_path):
    path = _write(tmp_path)
    # a cached value as Excel writes it: <c><f>…</f><v>130.5</v></c>, and Excel's calcPr (Excel
    # recalculates and drops openpyxl's fullCalcOnLoad="1" when it saves)
    import re
    import shutil
    import zipfile
    src = tmp_path / "src.xlsx"
    shutil.copy(path, src)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = re.sub(rb'<c r="C33"([^>]*)>.*?</c>', rb'<c r="C33"\1><f>SUM(C7:C14)</f><v>130.5</v></c>', data)
            elif info.filename == "xl/workbook.xml":
                data = data.replace(b' fullCalcOnLoad="1"', b"")
            zout.writestr(info, data)
    report, findings = read_workbook(path)
    assert findings == []
    assert report.t01.get("inc_total") == Decimal("130.50")


def test_duplicated_code_row(tmp_path):
    data = mini()
    data["tables"]["T03"]["rows"].append(["2012901", "行政运行", "1", "1", None])
    path = _write(tmp_path, data)
    _, findings = read_workbook(path)
    assert [(f.rule, f.cells) for f in findings] == [("R-DUP", ["公开03表!A14", "公开03表!A10"])]
    assert "科目 2012901 重复出现（第10行和第14行）" in findings[0].message


def test_sheets_renamed_to_their_titles(tmp_path):
    path = _write(tmp_path)
    wb = openpyxl.load_workbook(path)
    from juesuan.spec.layouts import LAYOUTS
    for layout in LAYOUTS:
        wb[layout.sheet_name].title = layout.title[:31]
    wb.save(path)
    report, findings = read_workbook(path)
    assert findings == []
    assert report.t04.get("f_inc_grand") == Decimal("120.50")
    assert report.t01.get("inc_grand") == Decimal("130.50")
    assert report.t05.total_of("total") == Decimal("120.50")


def test_older_order_sheet_names(tmp_path):
    """表1…表9 in the 2020 order: 表7 is 三公, 表8 政府性基金, 表9 国有资本经营."""
    data = mini()
    data["tables"]["T09"] = ["1", "1", None, None, None, None, "0.8", "0.8", None, None, None, None]
    path = _write(tmp_path, data)
    wb = openpyxl.load_workbook(path)
    old = {"公开07表": "表8", "公开08表": "表9", "公开09表": "表7"}
    for i in range(1, 10):
        name = f"公开0{i}表"
        wb[name].title = old.get(name, f"表{i}")
        wb[old.get(name, f"表{i}")]["A1"] = None  # no title to help: the sheet name decides
    wb["表7"]["A1"] = "2024年度一般公共预算财政拨款“三公”经费支出决算表"
    wb.save(path)
    report, findings = read_workbook(path)
    assert findings == []
    assert report.t09.get("final_total") == Decimal("0.80")
    assert report.t09.sheet == "表7"


def test_split_code_columns_without_names(tmp_path):
    """S3's 公开05表: 类 | 款 | 项 in three columns, no 科目名称."""
    path = _write(tmp_path)
    wb = openpyxl.load_workbook(path)
    del wb["公开05表"]
    ws = wb.create_sheet("公开05表")
    rows = [
        ["2024年度一般公共预算财政拨款支出决算表"], [None, None, None, None, None, "公开05表"],
        ["部门：测试区总工会", None, None, None, None, "单位：万元"],
        ["项目", None, None, "本年支出"], ["功能分类科目编码", None, None, "小计", "基本支出", "项目支出"],
        ["类", "款", "项", 1, 2, 3], ["合计", None, None, 120.5, 100.5, 20],
        ["201", "29", "01", 90.5, 70.5, 20], ["208", "05", "05", 30, 30, None],
        ["注：本表反映部门本年度一般公共预算财政拨款支出情况。"],
    ]
    for r in rows:
        ws.append(r)
    wb.save(path)
    report, findings = read_workbook(path)
    assert findings == []
    assert [(r.code, r.name) for r in report.t05.rows] == [("2012901", None), ("2080505", None)]
    assert report.t05.by_code()["2012901"].get("basic") == Decimal("70.50")
    assert report.t05.class_amounts("total") == {"201": Decimal("90.50"), "208": Decimal("30.00")}


def test_older_table1_numbering(tmp_path):
    """Version B of 表1: 收入 1–31, 支出 32–62 (总计 on 31 and 62)."""
    data = mini()
    data["tables"]["T01"]["variant"] = "B"
    path = _write(tmp_path, data)
    wb = openpyxl.load_workbook(path)
    ws = wb["公开01表"]
    assert _cell_of(path, "公开01表", 62).column_letter == "E"
    report, findings = read_workbook(path)
    assert findings == []
    assert report.t01.variant == "B"
    assert report.t01.get("exp_grand") == Decimal("130.50") and report.t01.get("c208") == Decimal("30.00")
    assert ws is not None


def test_unknown_total_row_number_is_reported(tmp_path):
    path = _write(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb["公开01表"]["B36"] = 33
    wb.save(path)
    _, findings = read_workbook(path)
    assert [f.rule for f in findings] == ["R-VARIANT"]
    assert "行次应为30或31" in findings[0].message


@pytest.mark.parametrize("value,message", [("三", "“下属单位数”应为整数，实际为“三”"),
                                           ("明年", "“年度”应为整数，实际为“明年”")])
def test_form_values_are_typed(tmp_path, value, message):
    path = _write(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["概况"]
    target = "G11" if "下属" in message else "G03"
    for r in range(3, ws.max_row + 1):
        if ws.cell(r, 1).value == target:
            ws.cell(r, 3).value = value
            cell = f"概况!C{r}"
    wb.save(path)
    _, findings = read_workbook(path)
    assert [f.cells for f in findings] == [[cell]]
    assert message in findings[0].message


def test_cli_check_never_shows_a_traceback(tmp_path):
    path = _write(tmp_path)
    wb = openpyxl.load_workbook(path)
    del wb["公开02表"]
    wb["公开03表"]["C8"] = "abc"
    wb.save(path)
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "公开03表!C8：应为数字，实际为“abc”" in result.output
    assert "缺少工作表“公开02表”" in result.output
