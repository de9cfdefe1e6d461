"""The collecting office's week: statuses that say what to do next, figures for every readable
workbook (marked when unchecked), an annotated copy per department to send back, a 汇总.xlsx that
prints on landscape pages one page wide, and drafts on request."""
from __future__ import annotations

import shutil
from decimal import Decimal

import openpyxl
import pytest
from conftest import EXAMPLES
from docx import Document

from juesuan.batch import (DRAFT, GENERATED, REJECTED, SUMMARY_NAME, discover, run_batch, summary_payload,
                           write_summary)

A, C = "a_jingkai_2024", "c_synthetic_2024"  # (a) has 错误 as published; (c) is clean


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    folder = tmp_path_factory.mktemp("received")
    for n in (A, C):
        shutil.copy(EXAMPLES / f"{n}.xlsx", folder / f"{n}.xlsx")
    out = folder / "报告"
    result = run_batch(discover(folder, out), out, input_dir=folder, jobs=1)
    return folder, out, result


def test_a_workbook_with_errors_is_rejected_with_its_annotated_copy(office):
    folder, out, result = office
    rows = {r["file"]: r for r in result.rows}
    a, c = rows[f"{A}.xlsx"], rows[f"{C}.xlsx"]
    assert a["status"] == REJECTED and a["output"] is None
    assert c["status"] == GENERATED and c["output"]
    # the copy to send back: the department's own file name, beside the reports, the input untouched
    assert a["annotated"] == f"{A}.审核.xlsx"
    copy = openpyxl.load_workbook(out / a["annotated"])
    assert copy.sheetnames[0] == "审核结果"
    assert any("公开05表" in str(cell.value) for row in copy["审核结果"].iter_rows() for cell in row)
    assert (folder / f"{A}.xlsx").read_bytes() == (EXAMPLES / f"{A}.xlsx").read_bytes()
    # a clean workbook with warnings only gets its copy too; without any finding, none
    assert (c["annotated"] is None) == (c["warnings"] == 0 and c["errors"] == 0)
    # a second run does not take the annotated copies for workbooks to render
    assert [p.name for p in discover(folder, folder / "elsewhere") if "审核" in p.name] == []


def test_figures_of_every_readable_workbook_marked_when_unchecked(office, tmp_path):
    _, _, result = office
    rows = {r["file"]: r for r in result.rows}
    a, c = rows[f"{A}.xlsx"], rows[f"{C}.xlsx"]
    assert a["figures"]["grand_total"]["value"] is not None and a["checked"] is False
    assert c["checked"] is True
    path = write_summary(tmp_path / SUMMARY_NAME, result.rows, seconds=result.seconds, jobs=result.jobs)
    ws = openpyxl.load_workbook(path)["汇总"]
    header = [cell.value for cell in ws[1]]
    col = {h: i for i, h in enumerate(header)}
    body = {r[col["文件"]]: r for r in ws.iter_rows(min_row=2, max_row=3, values_only=True)}
    assert body[f"{A}.xlsx"][col["主要数字"]] == "未通过审核，仅供参考"
    assert body[f"{C}.xlsx"][col["主要数字"]] == "已审核"
    assert body[f"{A}.xlsx"][col["审核标注副本（可直接发回）"]] == f"{A}.审核.xlsx"
    # the totals row adds the checked reports only
    totals = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "合计（已生成）")
    grand = c["figures"]["grand_total"]["value"]
    assert Decimal(str(totals[col["收支总计（万元）"]])) == grand
    payload = summary_payload(result)
    assert payload["counts"][GENERATED] == 1 and payload["counts"][REJECTED] == 1


def test_summary_prints_one_page_wide_landscape_with_the_header_repeated(office, tmp_path):
    _, _, result = office
    wb = openpyxl.load_workbook(write_summary(tmp_path / SUMMARY_NAME, result.rows))
    for name in ("汇总", "问题明细"):
        ws = wb[name]
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$1:$1"


def test_drafts_on_request_never_take_the_final_name(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / f"{A}.xlsx", folder / f"{A}.xlsx")
    out = tmp_path / "out"
    result = run_batch(discover(folder, out), out, input_dir=folder, jobs=1, draft=True, annotate=False)
    row = result.rows[0]
    assert row["status"] == DRAFT and row["output"].endswith("（草稿）.docx") and row["annotated"] is None
    assert not result.ok  # a draft is not the report to publish
    text = "\n".join(p.text for p in Document(out / row["output"]).paragraphs[:3])
    assert "审核未通过 草稿" in text


def test_an_annotated_copy_never_replaces_a_file_of_the_users(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / f"{A}.xlsx", folder / f"{A}.xlsx")
    out = tmp_path / "out"
    out.mkdir()
    mine = out / f"{A}.审核.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "我的备注"
    wb.save(mine)
    before = mine.read_bytes()
    row = run_batch(discover(folder, out), out, input_dir=folder, jobs=1).rows[0]
    assert mine.read_bytes() == before
    assert row["annotated"] == f"{A}.审核（2）.xlsx" and (out / row["annotated"]).is_file()
    # our own copy from the earlier run is replaced by the next run, not multiplied
    again = run_batch(discover(folder, out), out, input_dir=folder, jobs=1).rows[0]
    assert again["annotated"] == row["annotated"] and mine.read_bytes() == before
