"""Issue 22, messages that misled (U1, U2, U5, U8, U10, U11): each case as a clerk met it, and
the message it must give now."""
from __future__ import annotations

import errno
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from robust_helpers import assert_clean, mini_workbook, run_cli, set_raw_cells, text_cell

from juesuan.reader.workbook import read_workbook


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    return mini_workbook(tmp_path_factory.mktemp("mini"))


# -- U5: 公开01表 with merged name columns ---------------------------------------------------------
def test_fixed_table_with_merged_name_columns_is_read(tmp_path, mini):
    wb = openpyxl.load_workbook(mini)
    ws = wb["公开01表"]
    ws.insert_cols(2)  # 项目 now spans A:B (name in A), 行次 in C
    for r in range(5, ws.max_row + 1):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
    path = tmp_path / "merged.xlsx"
    wb.save(path)
    report, findings = read_workbook(path)
    clean, _ = read_workbook(mini)
    assert not [f for f in findings if f.rule in ("R-VARIANT", "R-ROW", "R-NAME")], findings
    assert report.tables["T01"].variant == clean.tables["T01"].variant
    assert report.tables["T01"].values == clean.tables["T01"].values
    out = assert_clean(run_cli(["check", str(path)]), codes=(0, 1))
    assert "X-5" not in out and "未找到" not in out


# -- U8: OS errors in Chinese ----------------------------------------------------------------------
@pytest.mark.parametrize("code", [errno.EFBIG, errno.EXDEV, errno.ELOOP])
def test_os_errors_are_said_in_chinese(code):
    from juesuan.fileio.oserrors import describe
    text = describe(OSError(code, "English text"))
    assert "错误号" not in text and "English" not in text


def test_unknown_os_error_still_says_what_to_check():
    from juesuan.fileio.oserrors import describe
    assert "磁盘" in describe(OSError(99999, "x"))


# -- U10: a 4-digit code ----------------------------------------------------------------------------
def test_code_one_digit_short_names_the_likely_code(tmp_path, mini):
    path = set_raw_cells(mini, tmp_path / "w.xlsx", {"公开03表!A9": text_cell("A9", "2019")})
    out = assert_clean(run_cli(["check", str(path)]), codes=(1,))
    line = next(i for i, l in enumerate(out.splitlines()) if "C-1" in l)
    tail = "\n".join(out.splitlines()[line:line + 4])
    assert "“2019”是 4 位" in tail and "可能是" in tail and "20129" in tail


# -- U11: a LibreOffice flat XML spreadsheet with an .xlsx name -------------------------------------
def test_fods_file_is_named_and_how_to_save_it_is_said(tmp_path):
    path = tmp_path / "决算.xlsx"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<office:document xmlns:office='
                    '"urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3" '
                    'office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body/></office:document>',
                    encoding="utf-8")
    out = assert_clean(run_cli(["check", str(path)]), codes=(2,))
    assert "CSV" not in out and "LibreOffice" in out and ".fods" in out and ".xlsx" in out


# -- U1: an unreadable formula cell is not a 0 for the other rules --------------------------------
@pytest.mark.parametrize("cells", [["公开09表!G8"], ["公开05表!C7"], ["公开05表!C7", "公开09表!G8", "公开06表!C6"]])
def test_formula_cell_without_value_gives_one_message_only(tmp_path, cells):
    from conftest import ROOT
    source = ROOT / "example_inputs" / "c_synthetic_2024.xlsx"
    edits = {ref: f'<c r="{ref.split("!")[1]}"><f>SUM(X1:X2)</f></c>' for ref in cells}
    path = set_raw_cells(source, tmp_path / "w.xlsx", edits)
    import json
    result = run_cli(["check", "--json", str(path)])
    assert_clean(result, codes=(1,), chinese=False)
    found = json.loads(result.output)["findings"]
    assert sorted(f["cells"][0] for f in found) == sorted(cells), [(f["rule"], f["message"]) for f in found]
    assert {f["rule"] for f in found} == {"R-FORMULA"}


# -- U2: a cell that stores more decimals than Excel shows ----------------------------------------
def test_finding_on_a_cell_with_hidden_decimals_says_what_is_stored(tmp_path):
    from conftest import ROOT
    from robust_helpers import number_cell
    source = ROOT / "example_inputs" / "c_synthetic_2024.xlsx"
    import json
    clean = json.loads(run_cli(["check", "--json", str(source)]).output)
    assert clean["errors"] == 0
    path = set_raw_cells(source, tmp_path / "w.xlsx", {"公开09表!H8": number_cell("H8", "9.6049")})
    report, _ = read_workbook(path)
    assert report.stored == {"公开09表!H8": "9.6049"}
    assert report.t09.get("final_abroad") == Decimal("9.60")
    # 合计 G8 computed in Excel from parts that store more decimals than they show:
    # 9.6049 + 42.3449 + 6.3649 = 58.3147, shown 58.31; the parts show 9.60 + 42.34 + 6.36 = 58.30
    edits = {"公开09表!H8": number_cell("H8", "9.6049"), "公开09表!I8": number_cell("I8", "42.3449"),
             "公开09表!L8": number_cell("L8", "6.3649"), "公开09表!G8": number_cell("G8", "58.3147")}
    path = set_raw_cells(source, tmp_path / "w2.xlsx", edits)
    result = run_cli(["check", "--json", str(path)])
    found = [f for f in json.loads(result.output)["findings"] if "公开09表!G8" in f["cells"]]
    assert found and all("实际存的是 58.3147" in f["hint"] and "58.31" in f["hint"] for f in found), found
