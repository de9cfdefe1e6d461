"""Titles are broken for the sizes of the Word master actually used (issue 28, item 4): an override
folder's report.docx with 22 pt headings gets headings wrapped between words for 22 pt, where the
program's own 16 pt would leave the last character (“表”) alone on a line."""
from __future__ import annotations

import shutil

import pytest
from docx import Document
from docx.shared import Pt

from juesuan.maintenance.examples import example_reports
from juesuan.render.docx.master import style_size_pt
from juesuan.render.docx.readback import plain
from juesuan.render.docx.table_fit import text_pt
from juesuan.render.docx.writer import WJ, ZWSP
from juesuan.render.document import build_document, write_docx
from juesuan.spec.paths import templates_dir

pytestmark = pytest.mark.usefixtures("no_charts")

HEADING = "八、国有资本经营预算财政拨款支出决算表"  # one line at 16 pt; at 22 pt one character too long


def _master_with_heading2(folder, pt):
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(templates_dir() / "report.docx", folder / "report.docx")
    doc = Document(str(folder / "report.docx"))
    doc.styles["Heading 2"].font.size = Pt(pt)
    doc.save(str(folder / "report.docx"))
    return folder


def _heading_runs(path) -> str:
    doc = Document(str(path))
    found = [p for p in doc.paragraphs if p.style.name == "Heading 2" and plain(p.text) == HEADING]
    assert len(found) == 1
    return "".join(r.text for r in found[0].runs)


def test_sizes_are_read_from_the_master(tmp_path):
    shipped = Document(str(templates_dir() / "report.docx"))
    assert style_size_pt(shipped, "Heading 1") == 18 and style_size_pt(shipped, "Heading 2") == 16
    assert style_size_pt(shipped, "表格标题") == 16
    big = Document(str(_master_with_heading2(tmp_path / "big", 22) / "report.docx"))
    assert style_size_pt(big, "Heading 2") == 22
    assert style_size_pt(big, "Heading 4") == 16  # none of its own: the style it is based on (Normal)
    assert style_size_pt(big, "没有这个样式") is None


def test_a_22pt_master_breaks_headings_for_22pt(tmp_path):
    label, report = example_reports()[0]
    document = build_document(report)
    shipped = write_docx(document, tmp_path / "shipped.docx")
    big = write_docx(document, tmp_path / "big.docx", _master_with_heading2(tmp_path / "big", 22))
    # the shipped master (16 pt): the heading fits one line, written whole
    assert ZWSP not in _heading_runs(shipped)
    # 22 pt: two lines of about equal length, each held together, meeting at one break opportunity
    text = _heading_runs(big)
    assert text.count(ZWSP) == 1, text
    lines = [line.replace(WJ, "") for line in text.split(ZWSP)]
    assert "".join(lines) == HEADING and min(len(line) for line in lines) >= 4, lines
    width = (11906 - 1588 - 1474) / 20 - 2 * 22  # portrait text width less the 2-character indent
    assert all(text_pt(line, 22) <= width for line in lines)
    # without the master's size the heading would be written whole and wrap where the width ends:
    # “表” alone on the second line
    assert text_pt(HEADING, 22) > width > text_pt(HEADING[:-1], 22)
