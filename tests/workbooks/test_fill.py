"""make-report fill: a copy of the workbook whose 科目说明 sheet holds the dictionary's seed/official
wording for each 项 the tables use (each filled cell commented “请核对”); pattern and unverified
wording are never written; the input is never modified; the rest of the workbook is kept."""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from juesuan_cli.main import cli
from openpyxl import load_workbook

from juesuan.api import check_workbook, fill_explanations
from juesuan.figures.explanations import explained_rows, explanation, given
from juesuan.reader.workbook import read_workbook
from juesuan.spec.catalog import catalog
from juesuan.workbooks.fill import comment

NOTES = "科目说明"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _c7(path: Path) -> set[str]:
    return {m for f in check_workbook(path).findings if f.rule == "C-7" for m in re.findall(r"\d{7}", f.message)}


@pytest.fixture()
def stripped_c(tmp_path, examples) -> Path:
    """Example (c) with every row of its 科目说明 sheet emptied (the column labels stay)."""
    path = tmp_path / "丙单位 2024.xlsx"
    wb = load_workbook(examples / "c_synthetic_2024.xlsx")
    ws = wb[NOTES]
    assert ws["A2"].value.startswith("科目编码") and ws["A3"].value  # the example has rows to remove
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.value = None
    wb.save(path)
    report, _ = read_workbook(path)
    assert given(report) == {}
    return path


def test_fills_seed_wording_with_comments_and_never_unverified(stripped_c):
    before = _digest(stripped_c)
    report, _ = read_workbook(stripped_c)
    k = catalog(report.year)
    used = list(explained_rows(report))
    seed = [c for c in used if k.func.get(c) and k.func[c].source in ("seed", "official") and k.func[c].explanation]
    unverified = [c for c in used if k.func.get(c) and k.func[c].source == "unverified" and k.func[c].explanation]
    pattern = [c for c in used if k.func.get(c) and k.func[c].source == "pattern"]
    # (c) has checked and unchecked wording; its 行政运行/一般行政管理事务 rows are `official` since issue 22,
    # so it may have no `pattern` row left (those are still left to the dictionary when present)
    assert seed and unverified

    result = CliRunner().invoke(cli, ["fill", str(stripped_c)])
    assert result.exit_code == 0, result.output
    out = stripped_c.with_name("丙单位 2024.已填说明.xlsx")
    assert f"已生成副本：{out}" in result.output
    assert f"填入 {len(seed)} 个项的说明" in result.output
    assert _digest(stripped_c) == before  # the input is never modified

    filled, _ = read_workbook(out)
    assert given(filled) == {c: k.func[c].explanation for c in seed}
    for c in unverified + pattern:
        assert c not in given(filled)
        assert c in result.output  # named as still to be written (unverified) or left to the dictionary (pattern)
    still = result.output.split("仍需在“科目说明”表自己填写", 1)[1]
    assert all(c in still for c in unverified) and not any(c in still for c in seed + pattern)

    ws = load_workbook(out)[NOTES]
    rows = [r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value]
    assert [ws.cell(r, 1).value for r in rows] == seed and rows == list(range(3, 3 + len(seed)))
    for r in rows:
        for cell in (ws.cell(r, 1), ws.cell(r, 2)):
            assert cell.comment is not None and cell.comment.text == comment(k.edition)
            assert "请核对" in cell.comment.text and "2024年版" in cell.comment.text
        assert ws.cell(r, 1).data_type == "s" and ws.cell(r, 1).number_format == "@"


def test_check_and_report_text_after_fill(stripped_c):
    """The filled rows say what the report printed from the dictionary; C-7 is not added to,
    and still names exactly the 项 the dictionary has no usable wording for."""
    plan = fill_explanations(stripped_c)
    before, after = read_workbook(stripped_c)[0], read_workbook(plan.output)[0]
    k = catalog(before.year)
    for code in explained_rows(before):
        assert explanation(after, k, code) == explanation(before, k, code)
    assert plan.lacking and _c7(plan.output) == _c7(stripped_c) == {i.code for i in plan.lacking}
    c7 = [f for f in check_workbook(plan.output).findings if f.rule == "C-7"]
    assert all("make-report fill" in f.hint and "make-report kemu" in f.hint for f in c7)  # C-7 says why fill cannot


def test_rest_of_workbook_is_kept(stripped_c, tmp_path):
    src = tmp_path / "有公式.xlsx"
    wb = load_workbook(stripped_c)
    wb["公开01表"]["F8"] = "=0+0"
    wb.save(src)
    plan = fill_explanations(src, tmp_path / "副本.xlsx")
    a, b = load_workbook(src), load_workbook(plan.output)
    assert a.sheetnames == b.sheetnames
    for ws in a.worksheets:
        ws2 = b[ws.title]
        assert sorted(map(str, ws.merged_cells.ranges)) == sorted(map(str, ws2.merged_cells.ranges))
        assert [(str(d.sqref), d.formula1) for d in ws.data_validations.dataValidation] == \
               [(str(d.sqref), d.formula1) for d in ws2.data_validations.dataValidation]
        if ws.title == NOTES:
            continue
        assert [[c.value for c in row] for row in ws.iter_rows()] == [[c.value for c in row] for row in ws2.iter_rows()]
        for row in ws.iter_rows():
            for c in row:
                assert c.number_format == ws2[c.coordinate].number_format
                if c.comment is not None:
                    assert c.comment.text == ws2[c.coordinate].comment.text
    assert b["公开01表"]["F8"].value == "=0+0" and b.calculation.fullCalcOnLoad
    assert b[NOTES]["A1"].value == a[NOTES]["A1"].value and b[NOTES]["B2"].value == a[NOTES]["B2"].value


def test_rows_kept_and_a_code_without_text_is_completed(tmp_path, examples):
    """Rows the clerk wrote stay and win; a row with a code but no text gets the text in place."""
    path = tmp_path / "a.xlsx"
    wb = load_workbook(examples / "a_jingkai_2024.xlsx")
    ws = wb[NOTES]
    ws["A3"], ws["B3"] = "2012901", "反映本单位自己写的说明。"
    ws["A4"] = "2101101"  # the code typed, the text not yet
    wb.save(path)
    plan = fill_explanations(path)
    k = catalog(2024)
    ws = load_workbook(plan.output)[NOTES]
    assert (ws["A3"].value, ws["B3"].value, ws["A3"].comment) == ("2012901", "反映本单位自己写的说明。", None)
    assert ws["B4"].value == k.func["2101101"].explanation and "请核对" in ws["B4"].comment.text
    codes = [ws.cell(r, 1).value for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value]
    assert codes.count("2101101") == 1 and "2012901" in codes and len(codes) == len(set(codes))
    assert "2012902" in codes  # the other seed 项 are added below
    assert ("2101101", "科目说明!B4") in {(i.code, i.cell) for i in plan.fill}


def test_nothing_to_fill_writes_nothing(tmp_path, examples):
    path = tmp_path / "c.xlsx"
    shutil.copy(examples / "c_synthetic_2024.xlsx", path)  # the clerk then writes every seed 项 of (c) herself
    report, _ = read_workbook(path)
    k = catalog(2024)
    wb = load_workbook(path)
    ws = wb[NOTES]
    r = ws.max_row + 1
    for code in explained_rows(report):
        if code not in given(report) and k.func.get(code) and k.func[code].source in ("seed", "official"):
            ws.cell(r, 1, code), ws.cell(r, 2, "反映本单位的说明。")
            r += 1
    wb.save(path)
    result = CliRunner().invoke(cli, ["fill", str(path)])
    assert result.exit_code == 0 and "未生成副本" in result.output
    assert not path.with_name("c.已填说明.xlsx").exists()


def test_exit_codes_and_refusals(tmp_path, examples):
    src = tmp_path / "a.xlsx"
    shutil.copy(examples / "a_jingkai_2024.xlsx", src)
    out = tmp_path / "新建文件夹" / "新.xlsx"
    ok = CliRunner().invoke(cli, ["fill", str(src), "-o", str(out)])
    assert ok.exit_code == 0 and out.is_file()  # the folder is created
    assert "2101119（字典中没有这个编码" in ok.output  # (a)'s code the dictionary lacks: text to write, code to check
    again = CliRunner().invoke(cli, ["fill", str(src), "-o", str(out)])
    assert again.exit_code == 2 and "已存在" in again.output and "--force" in again.output
    stamp = out.stat().st_mtime_ns
    assert CliRunner().invoke(cli, ["fill", str(src), "-o", str(out), "--force"]).exit_code == 0
    assert out.stat().st_mtime_ns >= stamp
    same = CliRunner().invoke(cli, ["fill", str(src), "-o", str(src)])
    assert same.exit_code == 2 and "不能覆盖输入的工作簿本身" in same.output
    bad = CliRunner().invoke(cli, ["fill", str(src), "-o", str(tmp_path / "x.docx")])
    assert bad.exit_code == 2 and "应以 .xlsx 结尾" in bad.output
    missing = CliRunner().invoke(cli, ["fill", str(tmp_path / "没有.xlsx")])
    assert missing.exit_code == 2 and "不存在" in missing.output
    unreadable = tmp_path / "坏.xlsx"
    unreadable.write_text("不是工作簿", encoding="utf-8")
    r = CliRunner().invoke(cli, ["fill", str(unreadable)])
    assert r.exit_code == 2 and "无法读取" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "坏.已填说明.xlsx").exists()
    assert CliRunner().invoke(cli, ["fill"]).exit_code == 2  # no workbook named


def test_no_notes_sheet_is_said_in_chinese(tmp_path, examples):
    path = tmp_path / "a.xlsx"
    wb = load_workbook(examples / "a_jingkai_2024.xlsx")
    del wb[NOTES]
    wb.save(path)
    r = CliRunner().invoke(cli, ["fill", str(path)])
    assert r.exit_code == 2 and "科目说明" in r.output and "make-report init" in r.output
