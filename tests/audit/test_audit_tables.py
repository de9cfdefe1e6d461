"""第二部分: the report's own tables, read by juesuan.importer.  Issue 25's case: 20.86 changed to 20.68
in three tables of example (b)'s report is found, against the workbook (each cell, with its page) and
without it (the 审核 rules on the printed tables)."""
from __future__ import annotations

import shutil

import pytest
from conftest import EXAMPLES
from docx import Document

from juesuan.api import check_workbook
from juesuan.audit import REF_TABLES, REF_WORKBOOK, audit_report
from juesuan.render import render_report

pytest.importorskip("juesuan.importer")


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tables")
    wb = folder / "b.xlsx"
    shutil.copyfile(EXAMPLES / "b_hanyang_2024.xlsx", wb)
    render_report(check_workbook(wb).report, folder / "b.docx")
    doc = Document(str(folder / "b.docx"))
    changed = 0
    for table in doc.tables:
        cell = next((c for r in table.rows for c in r.cells if c.text.strip() == "20.86"), None)
        if cell is None:
            continue
        for run in cell.paragraphs[0].runs:
            run.text = run.text.replace("20.86", "20.68")
        changed += 1
    assert changed == 3
    doc.save(str(folder / "b_edited.docx"))
    return folder / "b_edited.docx"


def test_table_edits_are_found_against_the_workbook_with_pages(edited):
    result = audit_report(edited, EXAMPLES / "b_hanyang_2024.xlsx")
    assert result.reference == REF_WORKBOOK and "第二部分的九张表" in result.read
    cells = [i for i in result.problems if i.kind == "表格与工作簿"]
    assert len(cells) == 3, [i.message for i in cells]
    assert all("20.68" in i.message and "20.86" in i.message and i.page for i in cells)
    assert {i.quote.split(" ")[0] for i in cells} == {"公开03表", "公开05表", "公开06表"} or len({i.page for i in cells}) >= 2


def test_table_edits_are_found_without_the_workbook(edited):
    result = audit_report(edited)
    assert result.reference == REF_TABLES
    rules = [i for i in result.problems if i.kind == "表格审核"]
    assert rules, [i.message for i in result.issues]
    assert all(i.page for i in rules)


def test_unedited_tables_agree_with_the_workbook(edited):
    result = audit_report(edited.with_name("b.docx"), EXAMPLES / "b_hanyang_2024.xlsx")
    assert result.problems == [] and result.contradictions == []
