"""Issue 22, reading: inputs that used to publish wrong content with no finding (S1–S4, S6, S7,
U4, U7).  Each hostile file is built from the small consistent workbook; each must end in a
finding (or one refusal) that names the cell or sheet, never in a silently wrong number."""
from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from robust_helpers import (
    Member,
    add_sheet_copy,
    assert_clean,
    digest,
    field_row,
    members_of,
    mini_workbook,
    number_cell,
    run_cli,
    set_raw_cells,
    sheet_parts,
    text_cell,
    write_zip,
)

from juesuan.model.findings import WorkbookError
from juesuan.reader.workbook import read_workbook


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    return mini_workbook(tmp_path_factory.mktemp("mini"))


def _rules(findings) -> list[str]:
    return [f.rule for f in findings]


def unit_cells(xlsx: Path) -> dict[str, str]:
    """{sheet: cell} of the "单位：万元" line of every 公开表."""
    wb = openpyxl.load_workbook(xlsx, read_only=True)
    out = {}
    for name in wb.sheetnames:
        if not name.startswith("公开"):
            continue
        for row in wb[name].iter_rows(min_row=1, max_row=5):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.replace(" ", "") == "单位：万元":
                    out[name] = cell.coordinate
    return out


# -- S1: amounts in 元 -----------------------------------------------------------------------------
def test_tables_in_yuan_are_refused_with_one_message_naming_the_unit(tmp_path, mini):
    cells = unit_cells(mini)
    assert len(cells) == 9
    path = set_raw_cells(mini, tmp_path / "yuan.xlsx",
                         {f"{sheet}!{ref}": text_cell(ref, "单位：元") for sheet, ref in cells.items()})
    with pytest.raises(WorkbookError) as exc:
        read_workbook(path)
    message = exc.value.message
    assert "“元”" in message and "公开01表!" in message and "单位：元" in message
    assert "万元" in message and "10000" in message
    out = assert_clean(run_cli(["check", str(path)]), codes=(2,))
    assert out.count("错误") == 1 and "单位" in out


def test_one_table_in_yuan_names_the_mix_of_units(tmp_path, mini):
    cells = unit_cells(mini)
    path = set_raw_cells(mini, tmp_path / "mixed.xlsx", {f"公开05表!{cells['公开05表']}": text_cell(cells["公开05表"], "单位： 元")})
    with pytest.raises(WorkbookError) as exc:
        read_workbook(path)
    assert "公开05表" in exc.value.message and "不一致" in exc.value.message and "公开01表、" in exc.value.message


def test_tables_in_wanyuan_are_read(mini):
    report, findings = read_workbook(mini)
    assert "R-UNIT" not in _rules(findings) and report.tables["T01"].values


# -- S3 / U7: which supplementary sheet is read ---------------------------------------------------
def test_hidden_stale_supplement_sheet_loses_to_its_visible_copy(tmp_path, mini):
    row = field_row(mini, "上年数", "P01")
    path = add_sheet_copy(mini, tmp_path / "copy.xlsx", "上年数", "上年数 (2)", hide_source=True,
                          edits={f"C{row}": number_cell(f"C{row}", "1700.80")})
    report, findings = read_workbook(path)
    assert report.supp.get("P01") == Decimal("1700.80")
    dup = [f for f in findings if f.rule == "R-SHEET" and "上年数" in f.message]
    assert len(dup) == 1 and "“上年数”（隐藏）" in dup[0].message and "读取的是“上年数 (2)”" in dup[0].message


def test_two_visible_copies_read_the_plain_name_and_say_so(tmp_path, mini):
    path = add_sheet_copy(mini, tmp_path / "copy.xlsx", "三公明细", "三公明细 (2)")
    report, findings = read_workbook(path)
    assert any(f.rule == "R-SHEET" and "读取的是“三公明细”" in f.message for f in findings)


def _rename_sheet(xlsx: Path, out: Path, old: str, new: str) -> Path:
    with zipfile.ZipFile(xlsx) as zf:
        wb = zf.read("xl/workbook.xml").decode()
    wb = wb.replace(f'name="{old}"', f'name="{new}"', 1)
    return write_zip(out, members_of(xlsx, {"xl/workbook.xml": wb.encode()}))


def test_sheet_name_with_a_trailing_space_is_read_and_named(tmp_path, mini):
    path = _rename_sheet(mini, tmp_path / "space.xlsx", "上年数", "上年数 ")
    report, findings = read_workbook(path)
    assert report.supp.get("P01") == Decimal("100.00")
    assert not any("缺少补充工作表" in f.message for f in findings)
    assert any(f.rule == "R-SHEET" and "“上年数 ”" in f.message and "只差空格" in f.message for f in findings)


def test_near_sheet_name_is_hinted_at(tmp_path, mini):
    path = _rename_sheet(mini, tmp_path / "near.xlsx", "上年数", "上年数据")
    _, findings = read_workbook(path)
    missing = next(f for f in findings if "缺少补充工作表“上年数”" in f.message)
    assert "“上年数据”" in missing.hint and "改名为“上年数”" in missing.hint


# -- S4: cached zeros with fullCalcOnLoad ----------------------------------------------------------
def test_cached_formula_results_are_not_trusted_when_the_workbook_asks_for_recalculation(tmp_path, mini):
    row = field_row(mini, "三公明细", "N05")
    edits = {f"三公明细!C{row}": f'<c r="C{row}"><f>SUM(D1:D2)</f><v>0</v></c>'}
    path = set_raw_cells(mini, tmp_path / "calc.xlsx", edits)
    with zipfile.ZipFile(path) as zf:
        assert b'fullCalcOnLoad="1"' in zf.read("xl/workbook.xml")  # as openpyxl and xlsxwriter write it
    report, findings = read_workbook(path)
    assert report.supp.get("N05") is None
    f = next(f for f in findings if f.rule == "R-FORMULA")
    assert f.cells == [f"三公明细!C{row}"] and "重新计算" in f.message and "Excel 或 WPS" in f.hint


def test_cached_formula_results_are_read_after_excel_saved_the_file(tmp_path, mini):
    row = field_row(mini, "三公明细", "N05")
    edits = {f"三公明细!C{row}": f'<c r="C{row}"><f>SUM(D1:D2)</f><v>5</v></c>'}
    with zipfile.ZipFile(mini) as zf:
        wb = zf.read("xl/workbook.xml").replace(b' fullCalcOnLoad="1"', b"")
    path = set_raw_cells(mini, tmp_path / "excel.xlsx", edits, parts={"xl/workbook.xml": wb})
    report, findings = read_workbook(path)
    assert report.supp.get("N05") == 5 and "R-FORMULA" not in _rules(findings)


# -- S6: spaces inside numbers ---------------------------------------------------------------------
@pytest.mark.parametrize("written", ["86 40", "125 0", "1\u00a0234.5", "８６　４０"])
def test_spaced_digits_in_an_amount_are_a_finding(tmp_path, mini, written):
    path = set_raw_cells(mini, tmp_path / "w.xlsx", {"公开01表!C7": text_cell("C7", written)})
    report, findings = read_workbook(path)
    f = next(f for f in findings if f.rule == "R-NUM" and f.cells == ["公开01表!C7"])
    assert "空格" in f.message and "空格" in f.hint
    assert report.tables["T01"].values.get(("inc_gpb", "amount")) is None


def test_spaced_digits_in_a_count_are_a_finding(tmp_path, mini):
    row = field_row(mini, "三公明细", "N05")
    path = set_raw_cells(mini, tmp_path / "w.xlsx", {f"三公明细!C{row}": text_cell(f"C{row}", "1 2")})
    report, findings = read_workbook(path)
    assert report.supp.get("N05") is None
    assert any(f.rule == "R-NUM" and "空格" in f.message for f in findings)


def test_amount_with_spaces_around_is_still_read(tmp_path, mini):
    path = set_raw_cells(mini, tmp_path / "w.xlsx", {"公开01表!C7": text_cell("C7", " 120.50 ")})
    report, findings = read_workbook(path)
    assert report.tables["T01"].values[("inc_gpb", "amount")] == Decimal("120.50")


# -- S7: hidden rows of list sheets ----------------------------------------------------------------
def _hide_rows(xlsx: Path, out: Path, sheet: str, rows: list[int]) -> Path:
    part = sheet_parts(xlsx)[sheet]
    with zipfile.ZipFile(xlsx) as zf:
        text = zf.read(part).decode()
    for r in rows:
        text = re.sub(rf'<row r="{r}"', f'<row r="{r}" hidden="1"', text, count=1)
    return write_zip(out, members_of(xlsx, {part: text.encode()}))


def test_hidden_rows_of_a_list_sheet_are_not_printed_and_are_named(tmp_path):
    def edit(data):
        data["lists"]["G10"] = [{"text": "负责全区工会工作。"}, {"text": "已撤销的旧职责。"}]
    path = mini_workbook(tmp_path, edit=edit)
    hidden = _hide_rows(path, tmp_path / "hidden.xlsx", "职责", [4])
    report, findings = read_workbook(hidden)
    assert [r.get("text") for r in report.supp.lists["G10"]] == ["负责全区工会工作。"]
    f = next(f for f in findings if f.rule == "R-HIDDEN")
    assert f.severity == "警告" and f.cells == ["职责!A4"] and "隐藏" in f.message


# -- U4: a sheet named 公开07表 whose title is the 三公 table --------------------------------------
def test_sheet_title_wins_over_its_name_and_the_mismatch_is_named(tmp_path, mini):
    # 2020 numbering: 表7 = 三公, 表8 = 政府性基金, 表9 = 国有资本经营
    with zipfile.ZipFile(mini) as zf:
        wb = zf.read("xl/workbook.xml").decode()
    wb = (wb.replace('name="公开07表"', 'name="TMP7"').replace('name="公开08表"', 'name="TMP8"')
          .replace('name="公开09表"', 'name="公开07表"').replace('name="TMP7"', 'name="公开08表"')
          .replace('name="TMP8"', 'name="公开09表"'))
    path = write_zip(tmp_path / "old.xlsx", members_of(mini, {"xl/workbook.xml": wb.encode()}))
    report, findings = read_workbook(path)
    assert report.tables["T09"].sheet == "公开07表"
    assert report.tables["T07"].sheet == "公开08表" and report.tables["T08"].sheet == "公开09表"
    moved = [f for f in findings if f.rule == "R-SHEET" and "已按标题读作" in f.message]
    assert len(moved) == 3
    assert any("“公开07表”的标题是公开09表" in f.message for f in moved)
    before = digest(path)
    assert_clean(run_cli(["check", str(path)]), codes=(0, 1))
    assert digest(path) == before
