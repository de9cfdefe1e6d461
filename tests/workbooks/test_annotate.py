"""make-report check --annotate: a marked copy of the workbook (fill + comment at each finding's
cell, a first sheet “审核结果” linking to each cell); the input is never modified."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from juesuan_cli.main import cli
from openpyxl import load_workbook

from juesuan.workbooks.annotate import FILLS, SUMMARY_SHEET, annotate_workbook
from juesuan.api import check_workbook
from juesuan.model.findings import ERROR, INFO, SEVERITY_ORDER, WARNING, Finding

RED, YELLOW, BLUE = "FFC7CE", "FFEB9C", "BDD7EE"


@pytest.fixture()
def workbook_a(tmp_path, examples) -> Path:
    target = tmp_path / "经开区 2024.xlsx"
    shutil.copy(examples / "a_jingkai_2024.xlsx", target)
    return target


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _split(ref: str) -> tuple[str, str]:
    sheet, cell = ref.split("!")
    return sheet, cell.split(":")[0]


def test_annotated_copy_marks_each_finding_and_links_it(workbook_a):
    before = _digest(workbook_a)
    result = CliRunner().invoke(cli, ["check", str(workbook_a), "--annotate"])
    assert result.exit_code == 1, result.output  # example (a) has one 错误
    out = workbook_a.with_name("经开区 2024.审核.xlsx")
    assert f"已生成审核标注副本：{out}" in result.output
    assert _digest(workbook_a) == before  # the input is never modified

    findings = check_workbook(workbook_a).sorted_findings()
    assert {f.severity for f in findings} == {ERROR, WARNING, INFO}
    wb = load_workbook(out)
    assert wb.sheetnames[0] == SUMMARY_SHEET and wb.active.title == SUMMARY_SHEET
    worst: dict[tuple[str, str], str] = {}
    for f in findings:
        key = _split(f.cells[0])
        if key not in worst or SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[worst[key]]:
            worst[key] = f.severity
        cell = wb[key[0]][key[1]]
        assert cell.comment is not None, f.cells[0]
        assert f.rule in cell.comment.text and f.message in cell.comment.text
        if f.hint:
            assert f"处理：{f.hint}" in cell.comment.text
    for (sheet, ref), severity in worst.items():
        assert wb[sheet][ref].fill.fgColor.rgb[-6:] == FILLS[severity]
    assert FILLS == {ERROR: RED, WARNING: YELLOW, INFO: BLUE}
    # the error of (a): 2101119 in 公开05表 is red although a 提示 points at the same cell
    assert wb["公开05表"]["A16"].fill.fgColor.rgb[-6:] == RED

    summary = wb[SUMMARY_SHEET]
    assert summary["A1"].value.startswith("审核结果：错误 1 个，警告 9 个，提示 1 个。")
    rows = list(summary.iter_rows(min_row=3, values_only=True))
    assert len(rows) == len(findings)
    for i, (f, row) in enumerate(zip(findings, rows), start=3):
        assert row[1:5] == (f.severity, f.cells[0], f.message, f.hint)  # plain first, the rule id later
        assert row[8] == f.rule
        link = summary.cell(i, 3).hyperlink
        sheet, ref = _split(f.cells[0])
        assert link.location == f"'{sheet}'!{ref}" and not link.target


def test_values_formulas_validation_and_comments_are_kept(tmp_path, examples):
    src = tmp_path / "c.xlsx"
    wb = load_workbook(examples / "c_synthetic_2024.xlsx")
    wb["公开01表"]["F8"] = "=0+0"  # a formula the reader reports (no cached value): kept as written
    wb.save(src)
    result = check_workbook(src)
    assert any("公开01表!F8" in f.cells for f in result.findings)
    out = annotate_workbook(src, result.findings, tmp_path / "标注.xlsx")
    a, b = load_workbook(src), load_workbook(out)
    assert b.sheetnames == [SUMMARY_SHEET, *a.sheetnames]
    for ws in a.worksheets:
        wb2 = b[ws.title]
        assert [[c.value for c in row] for row in ws.iter_rows()] == [[c.value for c in row] for row in wb2.iter_rows()]
        assert sorted(map(str, ws.merged_cells.ranges)) == sorted(map(str, wb2.merged_cells.ranges))
        assert [(str(d.sqref), d.formula1) for d in ws.data_validations.dataValidation] == \
               [(str(d.sqref), d.formula1) for d in wb2.data_validations.dataValidation]
        for row in ws.iter_rows():
            for c in row:
                if c.comment is not None:  # the standard workbook's column hints stay
                    assert c.comment.text in wb2[c.coordinate].comment.text
                assert c.number_format == wb2[c.coordinate].number_format
    assert b["公开01表"]["F8"].value == "=0+0"
    assert b.calculation.fullCalcOnLoad  # Excel/WPS recompute the formulas openpyxl stored without results


def test_text_is_never_a_formula(tmp_path, examples):
    src = tmp_path / "b.xlsx"
    shutil.copy(examples / "b_hanyang_2024.xlsx", src)
    f = Finding("T01-1", ERROR, "=HYPERLINK(\"http://x\",\"点我\")", ["公开01表!C7"], hint="=1+1")
    out = annotate_workbook(src, [f], tmp_path / "o.xlsx")
    wb = load_workbook(out)
    assert wb[SUMMARY_SHEET]["D3"].value == f.message and wb[SUMMARY_SHEET]["D3"].data_type == "s"
    assert wb[SUMMARY_SHEET]["E3"].value == "=1+1" and wb[SUMMARY_SHEET]["E3"].data_type == "s"
    with zipfile.ZipFile(out) as zf:
        first = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in first and "<f " not in first


def test_output_name_folder_and_refusals(workbook_a, tmp_path):
    target = tmp_path / "新建文件夹" / "标注.xlsx"
    r = CliRunner().invoke(cli, ["check", str(workbook_a), "--annotate", str(target)])
    assert r.exit_code == 1 and target.is_file()  # the folder is created
    same = CliRunner().invoke(cli, ["check", str(workbook_a), "--annotate", str(workbook_a)])
    assert same.exit_code == 2 and "不能覆盖输入的工作簿本身" in same.output
    bad = CliRunner().invoke(cli, ["check", str(workbook_a), "--annotate", str(tmp_path / "x.docx")])
    assert bad.exit_code == 2 and "应以 .xlsx 结尾" in bad.output
    unreadable = tmp_path / "坏.xlsx"
    unreadable.write_text("不是工作簿", encoding="utf-8")
    r = CliRunner().invoke(cli, ["check", str(unreadable), "--annotate"])
    assert r.exit_code == 2 and not (tmp_path / "坏.审核.xlsx").exists()


def _calc_available(tmp_path: Path) -> str | None:
    from juesuan.render.pdf.convert import find_soffice
    soffice = find_soffice()
    if soffice is None:
        return None
    return soffice


def _soffice(soffice: str, tmp_path: Path, src: Path, fmt: str) -> Path | None:
    out = tmp_path / f"lo-{fmt}"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
                    "--outdir", str(out), str(src)], capture_output=True, timeout=180)
    produced = out / f"{src.stem}.{fmt}"
    return produced if produced.is_file() else None


def test_libreoffice_round_trip_keeps_fills_comments_and_links(workbook_a, tmp_path):
    soffice = _calc_available(tmp_path)
    if soffice is None:
        pytest.skip("没有安装 LibreOffice")
    findings = check_workbook(workbook_a).sorted_findings()
    out = annotate_workbook(workbook_a, findings, tmp_path / "annotated.xlsx")
    back = _soffice(soffice, tmp_path, out, "xlsx")
    if back is None:  # Writer alone cannot open a workbook
        pytest.skip("LibreOffice 没有安装 Calc（libreoffice-calc-nogui）")
    wb = load_workbook(back)
    assert wb.sheetnames[0] == SUMMARY_SHEET
    sheet, ref = _split(findings[0].cells[0])
    assert findings[0].message in wb[sheet][ref].comment.text
    assert wb["公开05表"]["A16"].fill.fgColor.rgb[-6:] == RED
    assert wb["公开03表"]["D7"].fill.fgColor.rgb[-6:] == YELLOW
    link = wb[SUMMARY_SHEET]["C3"].hyperlink
    assert (link.location or link.target).lstrip("#").replace("$", "") == f"'{sheet}'!{ref}" \
        or (link.location or link.target).lstrip("#").replace("$", "") == f"{sheet}!{ref}"


def test_openpyxl_reads_the_users_workbook_through_defusedxml():
    """check --annotate opens the user's workbook with openpyxl, which parses its XML with defusedxml
    (a declared dependency) when it is installed: no entity expansion, no external entities."""
    import openpyxl
    from openpyxl.xml import functions

    assert openpyxl.DEFUSEDXML is True
    assert functions.iterparse.__module__.startswith("defusedxml")
