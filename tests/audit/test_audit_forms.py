"""The 绩效自评表 of the 附件 (a .docx): 执行率 = 执行数 ÷ 预算数, the 预算执行 score = 分值 × 执行率,
总分 = the sum of the scores.  Example (c)'s report with one of each edited."""
from __future__ import annotations

import shutil

import pytest
from conftest import EXAMPLES
from docx import Document

from juesuan.api import check_workbook
from juesuan.audit import audit_report
from juesuan.render import render_report


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("forms")
    wb = folder / "c.xlsx"
    shutil.copyfile(EXAMPLES / "c_synthetic_2024.xlsx", wb)
    render_report(check_workbook(wb).report, folder / "c.docx")
    return folder / "c.docx"


def _cell(doc, row_start: str, old: str, form: int):
    """The cell holding ``old`` in the ``form``-th table row whose first cells start with ``row_start``."""
    rows = [r for t in doc.tables for r in t.rows
            if any(c.text.replace("\n", "").startswith(row_start) for c in r.cells[:2])]
    for c in rows[form].cells:
        if c.text == old:
            return c
    raise AssertionError((row_start, old))


def _put(cell, text):
    p = cell.paragraphs[0]
    for run in p.runs[1:]:
        run.text = ""
    p.runs[0].text = text


def test_form_arithmetic_errors_are_found_with_pages(rendered, tmp_path):
    doc = Document(str(rendered))
    _put(_cell(doc, "年度财政资金总额", "94.22%", 1), "92.22%")
    _put(_cell(doc, "年度财政资金总额", "18.6", 0), "19.6")  # 20 × 93% = 18.6; the 总分 then differs too
    _put(_cell(doc, "总分", "96.84", 2), "97.84")
    path = tmp_path / "forms.docx"
    doc.save(str(path))
    result = audit_report(path, EXAMPLES / "c_synthetic_2024.xlsx")
    forms = [i for i in result.problems if i.kind == "绩效表"]
    messages = [i.message for i in forms]
    assert len(forms) == 4, messages
    assert any("干部教育培训" in m and "预算执行得分写19.6，应为分值 20 × 执行率 93.00% = 18.60" in m for m in messages)
    assert any("干部教育培训" in m and "总分写94.6" in m and "95.6" in m for m in messages)
    assert any("局机关信息化运维" in m and "执行率写92.22%" in m and "94.22%" in m for m in messages)
    assert any("局机关信息化运维" in m and "总分写97.84" in m for m in messages)
    assert all(i.page is not None and i.quote for i in forms)
    assert "附件中的绩效自评表（算术）" in result.read


def test_unedited_forms_have_no_finding(rendered):
    result = audit_report(rendered, EXAMPLES / "c_synthetic_2024.xlsx")
    assert [i.message for i in result.problems] == []
