"""Issue 22, files (D1–D3, U9): a file the user did not name as output is never replaced, and an
output that exists is replaced only when it is this tool's own earlier output of the same kind."""
from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLE_DATA, ROOT
from robust_helpers import assert_clean, digest, run_cli, set_raw_cells, text_cell

from juesuan.render.names import DRAFT, FINAL, output_kind


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    """A workbook that passes the checks (example (c), written from its JSON)."""
    from juesuan.maintenance.examples import load_example
    from juesuan.workbooks.writer import write_workbook
    path = tmp_path_factory.mktemp("good") / "c.xlsx"
    return write_workbook(path, load_example(EXAMPLE_DATA / "c_synthetic_2024.json"))


def _broken(good: Path, out: Path) -> Path:
    """``good`` with one 错误 (a text where an amount belongs)."""
    return set_raw_cells(good, out, {"公开01表!C7": text_cell("C7", "一百")})


# -- D1: --annotate onto another workbook ----------------------------------------------------------
def test_annotate_refuses_to_replace_a_workbook_that_is_not_its_own_copy(tmp_path, good):
    this_year, last_year = tmp_path / "2025.xlsx", tmp_path / "2024.xlsx"
    shutil.copy(good, this_year)
    shutil.copy(good, last_year)
    before = digest(last_year)
    out = assert_clean(run_cli(["check", str(this_year), "--annotate", str(last_year)]), codes=(2,))
    assert "不是本工具生成的审核标注副本" in out and "审核完成" not in out
    assert digest(last_year) == before


def test_annotate_replaces_its_own_earlier_copy(tmp_path, good):
    wb = tmp_path / "w.xlsx"
    shutil.copy(good, wb)
    copy = tmp_path / "w.审核.xlsx"
    assert_clean(run_cli(["check", str(wb), "--annotate"]), codes=(0,))
    assert copy.is_file()
    assert_clean(run_cli(["check", str(wb), "--annotate"]), codes=(0,))
    assert_clean(run_cli(["check", str(wb), "--annotate", str(copy)]), codes=(0,))


# -- D2: a draft never replaces the final report ---------------------------------------------------
def test_draft_gets_its_own_name_and_never_replaces_the_final_report(tmp_path, good):
    wb = tmp_path / "w.xlsx"
    shutil.copy(good, wb)
    assert_clean(run_cli([str(wb)]), codes=(0,))
    finals = list(tmp_path.glob("*.docx"))
    assert len(finals) == 1 and output_kind(finals[0])[0] == FINAL
    final_bytes = finals[0].read_bytes()
    _broken(good, wb)  # a later edit breaks the workbook
    out = assert_clean(run_cli([str(wb), "--draft"]), codes=(1,))
    assert finals[0].read_bytes() == final_bytes
    drafts = [p for p in tmp_path.glob("*.docx") if p != finals[0]]
    assert [p.name for p in drafts] == [finals[0].stem + "（草稿）.docx"] and drafts[0].name in out
    assert output_kind(drafts[0])[0] == DRAFT
    # the draft again: it replaces its own earlier draft
    assert_clean(run_cli([str(wb), "--draft"]), codes=(1,))
    # a draft written with -o onto the final report: refused
    out = assert_clean(run_cli([str(wb), "--draft", "-o", str(finals[0])]), codes=(1,))
    assert "正式报告" in out and finals[0].read_bytes() == final_bytes


def test_a_report_edited_in_word_is_not_replaced(tmp_path, good):
    wb = tmp_path / "w.xlsx"
    shutil.copy(good, wb)
    target = tmp_path / "r.docx"
    assert_clean(run_cli([str(wb), "-o", str(target)]), codes=(0,))
    edited = docx.Document(str(target))
    edited.core_properties.last_modified_by = "张三"  # what Word writes when the clerk saves
    edited.add_paragraph("手工补充的一段。")
    edited.save(str(target))
    before = digest(target)
    out = assert_clean(run_cli([str(wb), "-o", str(target)]), codes=(2,))
    assert "修改过" in out and digest(target) == before
    out = assert_clean(run_cli([str(wb)]), codes=(0,))  # the default name is another file: written


def test_stale_pdf_of_our_report_is_removed_when_the_report_is_rewritten(tmp_path, good):
    wb = tmp_path / "w.xlsx"
    shutil.copy(good, wb)
    target = tmp_path / "r.docx"
    assert_clean(run_cli([str(wb), "-o", str(target)]), codes=(0,))
    pdf = target.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj << /Keywords (juesuan-final) /Producer (LibreOffice) >> endobj\n%%EOF\n")
    out = assert_clean(run_cli([str(wb), "-o", str(target)]), codes=(0,))
    assert not pdf.exists() and "旧的 PDF" in out
    other = target.with_suffix(".pdf")
    other.write_bytes(b"%PDF-1.4\n%%EOF\n")  # not made from our report: kept, and named
    out = assert_clean(run_cli([str(wb), "-o", str(target)]), codes=(0,))
    assert other.exists() and "r.pdf" in out and "过时" in out


# -- U9: a bad -o is said before the 审核, with exit code 2 ----------------------------------------
@pytest.mark.parametrize("name", ["2024.xlsx", "out.pdf", "report.doc"])
def test_bad_output_name_is_refused_before_the_check(tmp_path, good, name):
    wb = tmp_path / "w.xlsx"
    shutil.copy(good, wb)
    out = assert_clean(run_cli([str(wb), "-o", str(tmp_path / name)]), codes=(2,))
    assert ".docx" in out and "审核完成" not in out
    assert not (tmp_path / name).exists()


# -- D3: batch re-run after a workbook broke -------------------------------------------------------
def test_batch_rerun_removes_the_report_of_a_workbook_that_broke(tmp_path, good):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    shutil.copy(good, inbox / "c.xlsx")
    assert_clean(run_cli(["batch", str(inbox), "-o", str(out), "--jobs", "1"]), codes=(0,))
    reports = list(out.glob("*.docx"))
    assert len(reports) == 1 and output_kind(reports[0]) == (FINAL, "c.xlsx")
    (out / "别人的文件.docx").write_bytes(b"not ours")
    _broken(good, inbox / "c.xlsx")
    text = assert_clean(run_cli(["batch", str(inbox), "-o", str(out), "--jobs", "1"]), codes=(1,))
    assert not reports[0].exists()
    assert (out / "别人的文件.docx").read_bytes() == b"not ours"
    import openpyxl
    summary = openpyxl.load_workbook(out / "汇总.xlsx")
    cells = [str(c.value) for ws in summary for row in ws.iter_rows() for c in row if c.value]
    assert any("已删除上次运行留下的旧报告" in c for c in cells), text


def test_batch_never_replaces_a_report_edited_by_hand(tmp_path, good):
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    shutil.copy(good, inbox / "c.xlsx")
    assert_clean(run_cli(["batch", str(inbox), "-o", str(out), "--jobs", "1"]), codes=(0,))
    [report] = list(out.glob("*.docx"))
    edited = docx.Document(str(report))
    edited.core_properties.last_modified_by = "张三"
    edited.save(str(report))
    before = digest(report)
    assert_clean(run_cli(["batch", str(inbox), "-o", str(out), "--jobs", "1"]), codes=(0,))
    assert digest(report) == before
    again = [p for p in out.glob("*.docx") if p != report]
    assert [p.name for p in again] == [f"{report.stem}（2）.docx"] and output_kind(again[0])[0] == FINAL


def test_a_pdf_that_is_not_ours_is_not_replaced_by_pdf(tmp_path, good):
    wb = tmp_path / "w.xlsx"
    shutil.copy(good, wb)
    target = tmp_path / "r.docx"
    pdf = target.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    out = assert_clean(run_cli([str(wb), "-o", str(target), "--pdf"]), codes=(1,))
    assert "不是本工具生成的 PDF" in out and pdf.read_bytes() == b"%PDF-1.4\n%%EOF\n" and target.exists()


def test_libreoffice_keywords_mark_our_pdf(tmp_path):
    from juesuan.render.names import pdf_is_ours
    pdf = tmp_path / "r.pdf"
    mark = "juesuan-final".encode("utf-16-be").hex().upper()
    pdf.write_bytes(b"%PDF-1.4\n<</Keywords<FEFF" + mark.encode() + b">>>\n%%EOF\n")
    assert pdf_is_ours(pdf)
    pdf.write_bytes(b"%PDF-1.4\n<</Keywords<FEFF0061>>>\n%%EOF\n")
    assert not pdf_is_ours(pdf)
