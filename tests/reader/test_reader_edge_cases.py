"""Issue 16, reading: codes written with look-alike characters, ambiguous decimal separators,
duplicated rows and sheets.  Each hostile file is built here from a real workbook; each ends in
the right value or a Chinese finding naming the cells, never a silent wrong reading."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from robust_helpers import (
    add_sheet_copy,
    assert_clean,
    digest,
    field_row,
    mini_workbook,
    number_cell,
    run_cli,
    set_raw_cells,
    text_cell,
)

from juesuan.reader.workbook import read_workbook


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    return mini_workbook(tmp_path_factory.mktemp("mini"))


def _findings(path: Path) -> list[dict]:
    before = digest(path)
    result = run_cli(["check", "--json", str(path)])
    assert_clean(result, codes=(0, 1), chinese=False)
    assert digest(path) == before
    return json.loads(result.output)["findings"]


def _key(findings: list[dict]) -> list[tuple]:
    return sorted((f["rule"], tuple(f["cells"]), f["message"]) for f in findings)


# -- item 14: codes -------------------------------------------------------------------------------
@pytest.mark.parametrize("written", ["２０１２９", "'20129", "20129\u200b", "\u200b20129", "2 0 1 2 9", "\ufeff20129"])
def test_code_written_with_look_alike_characters_is_the_code(tmp_path, mini, written):
    """公开03表!A9 holds 20129 in the clean workbook: every variant reads as 20129."""
    path = set_raw_cells(mini, tmp_path / "w.xlsx", {"公开03表!A9": text_cell("A9", written)})
    report, _ = read_workbook(path)
    assert [r.code for r in report.tables["T03"].rows][:3] == ["201", "20129", "2012901"]
    got = _findings(path)
    assert not any("没有科目编码" in f["message"] for f in got)
    assert _key(got) == _key(_findings(mini))


def test_code_in_a_list_sheet_is_normalized(tmp_path):
    from robust_helpers import mini_workbook as build

    def edit(data):
        data["lists"]["B02"] = [{"code": "２０１２９０１", "name": "行政运行", "budget": "90.50"}]
    path = build(tmp_path, edit=edit)
    report, _ = read_workbook(path)
    assert report.supp.records("B02")[0].get("code") == "2012901"


# -- item 15: ambiguous separators ----------------------------------------------------------------------
@pytest.mark.parametrize("written", ["12,5", "1.314,45", "1,2345", ",5"])
def test_ambiguous_separator_is_a_finding_not_a_guess(tmp_path, mini, written):
    row = field_row(mini, "政府采购", "C01")
    path = set_raw_cells(mini, tmp_path / "w.xlsx", {f"政府采购!C{row}": text_cell(f"C{row}", written),
                                                     "公开03表!D8": text_cell("D8", written)})
    out = assert_clean(run_cli(["check", str(path)]), codes=(1,))
    for cell in (f"政府采购!C{row}", "公开03表!D8"):
        line = next(l for l in out.splitlines() if cell in l and "R-NUM" in l)
        assert f"“{written}”中的逗号不是千位分隔符" in line, line
    assert "逗号只能作千位分隔符" in out
    report, _ = read_workbook(path)
    assert "C01" not in report.supp.fields


def test_ambiguous_separator_in_a_count(tmp_path, mini):
    row = field_row(mini, "三公明细", "N02")
    path = set_raw_cells(mini, tmp_path / "w.xlsx", {f"三公明细!C{row}": text_cell(f"C{row}", "1,5")})
    out = assert_clean(run_cli(["check", str(path)]), codes=(1,))
    assert f"三公明细!C{row}：“出国（境）团组数”：“1,5”中的逗号不是千位分隔符" in out


@pytest.mark.parametrize("written,value", [("1,234.50", "1234.50"), ("１，２３４．５", "1234.50"), ("12", "12.00")])
def test_thousands_separators_still_read(tmp_path, mini, written, value):
    row = field_row(mini, "政府采购", "C01")
    path = set_raw_cells(mini, tmp_path / "w.xlsx", {f"政府采购!C{row}": text_cell(f"C{row}", written)})
    report, findings = read_workbook(path)
    assert str(report.supp.fields["C01"]) == value
    assert not [f for f in findings if f.rule == "R-NUM"]


# -- item 16: duplicates ---------------------------------------------------------------------------------
def test_second_g01_row_is_a_warning_naming_both(tmp_path, mini):
    row = field_row(mini, "概况", "G01")
    extra = 60
    path = set_raw_cells(mini, tmp_path / "w.xlsx", {
        f"概况!A{extra}": text_cell(f"A{extra}", "G01"), f"概况!B{extra}": text_cell(f"B{extra}", "部门全称"),
        f"概况!C{extra}": text_cell(f"C{extra}", "另一个部门")})
    report, _ = read_workbook(path)
    assert report.supp.get("G01") == "测试区总工会"
    dup = [f for f in _findings(path) if f["rule"] == "R-DUP"]
    assert len(dup) == 1 and dup[0]["severity"] == "警告"
    assert dup[0]["cells"] == [f"概况!C{row}", f"概况!C{extra}"]
    assert f"第{row}行和第{extra}行" in dup[0]["message"] and "G01" in dup[0]["message"]


def test_hidden_stale_table_beside_its_visible_copy(tmp_path, mini):
    report, _ = read_workbook(mini)
    ref = report.tables["T01"].cells[("inc_gpb", "amount")].split("!")[1]
    path = add_sheet_copy(mini, tmp_path / "w.xlsx", "公开01表", "公开01表 (2)", hide_source=True,
                          edits={ref: number_cell(ref, "999")})
    report, findings = read_workbook(path)
    assert str(report.tables["T01"].values[("inc_gpb", "amount")]) == "999.00"  # the visible, edited copy
    assert report.tables["T01"].sheet == "公开01表 (2)"
    warn = [f for f in findings if f.rule == "R-SHEET"]
    assert len(warn) == 1 and warn[0].severity == "警告"
    assert "“公开01表”（隐藏）" in warn[0].message and "“公开01表 (2)”" in warn[0].message
    assert "读取的是“公开01表 (2)”" in warn[0].message
    assert assert_clean(run_cli(["check", str(path)]), codes=(1,)).count("公开01表有 2 张") == 1


def test_visible_table_and_a_visible_copy(tmp_path, mini):
    path = add_sheet_copy(mini, tmp_path / "w.xlsx", "公开03表", "公开03表（2）")
    report, findings = read_workbook(path)
    assert report.tables["T03"].sheet == "公开03表"
    warn = [f for f in findings if f.rule == "R-SHEET"]
    assert len(warn) == 1 and "“公开03表（2）”" in warn[0].message and "读取的是“公开03表”" in warn[0].message


def test_duplicate_sheet_names_are_a_warning(tmp_path, mini):
    path = add_sheet_copy(mini, tmp_path / "w.xlsx", "公开03表", "公开03表")
    report, findings = read_workbook(path)
    warn = [f for f in findings if f.rule == "R-SHEET"]
    assert len(warn) == 1 and "有 2 张名为“公开03表”的工作表，只读取了第一张" in warn[0].message
    out = assert_clean(run_cli(["check", str(path)]), codes=(1,))
    assert "名为“公开03表”的工作表" in out


# -- item 1 in a list sheet ------------------------------------------------------------------------------
def test_nan_in_a_list_sheet(tmp_path, examples):
    import openpyxl
    src = examples / "c_synthetic_2024.xlsx"
    ws = openpyxl.load_workbook(src, read_only=True)["项目自评"]
    header = next(r for r in ws.iter_rows(min_row=1, max_row=4, values_only=True) if r and "得分" in [
        re.sub(r"（必填）", "", str(v or "")) for v in r])
    col = [re.sub(r"（必填）", "", str(v or "")) for v in header].index("得分")
    letter = chr(ord("A") + col)
    path = set_raw_cells(src, tmp_path / "w.xlsx", {f"项目自评!{letter}3": number_cell(f"{letter}3", "NaN")})
    out = assert_clean(run_cli(["check", str(path)]), codes=(1,))
    assert f"项目自评!{letter}3：“得分”应为数字，实际为“NaN”" in out
