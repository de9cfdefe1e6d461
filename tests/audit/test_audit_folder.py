"""make-report audit 文件夹/ -o 审核汇总.xlsx, and audit without a workbook."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from docx import Document
from openpyxl import load_workbook

from juesuan.api import check_workbook
from juesuan.audit import REF_TABLES, audit_report
from juesuan.render import render_report


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("district")
    for name in ("c_synthetic_2024", "d_carryover_2024"):
        wb = tmp_path_factory.mktemp("wb") / f"{name}.xlsx"
        shutil.copyfile(EXAMPLES / f"{name}.xlsx", wb)
        render_report(check_workbook(wb).report, folder / f"{name}.docx")
    doc = Document(str(folder / "d_carryover_2024.docx"))
    p = next(p for p in doc.paragraphs if "支出决算数小于年初预算数" in p.text)
    text = p.text.replace("支出决算数小于年初预算数", "支出决算数大于年初预算数", 1)
    for run in p.runs[1:]:
        run.text = ""
    p.runs[0].text = text
    doc.save(str(folder / "d_carryover_2024.docx"))
    (folder / "坏文件.pdf").write_bytes(b"not a pdf")
    (folder / "说明.txt").write_text("不是报告", encoding="utf-8")  # not a .pdf/.docx: not read
    return folder


def test_folder_summary_workbook_one_row_per_report_and_every_finding_with_page(folder, tmp_path):
    from juesuan_cli.main import cli
    target = tmp_path / "审核汇总.xlsx"
    done = CliRunner().invoke(cli, ["audit", str(folder), "-o", str(target)])
    assert done.exit_code == 1, done.output
    assert "共核对 3 份报告" in done.output and "无法读取 1 份" in done.output
    wb = load_workbook(target)
    assert wb.sheetnames == ["汇总", "问题清单"]
    rows = list(wb["汇总"].iter_rows(values_only=True))
    head, body = rows[0], {r[0]: r for r in rows[1:]}
    assert set(body) == {"c_synthetic_2024.docx", "d_carryover_2024.docx", "坏文件.pdf"}
    assert body["c_synthetic_2024.docx"][head.index("矛盾合计")] == 0
    assert body["d_carryover_2024.docx"][head.index("矛盾合计")] == 1
    assert body["d_carryover_2024.docx"][head.index("方向用词")] == 1
    assert "PDF" in body["坏文件.pdf"][head.index("无法读取的原因")]
    items = list(wb["问题清单"].iter_rows(values_only=True))
    found = [r for r in items[1:] if r[3] == "矛盾"]
    assert len(found) == 1
    name, page, kind, _, quote, problem, reference, _ = found[0]
    assert name == "d_carryover_2024.docx" and kind == "方向用词" and page.startswith("约第")
    assert "支出决算数大于年初预算数" in quote and "应“小于”" in problem


def test_folder_output_must_be_xlsx(folder, tmp_path):
    from juesuan_cli.main import cli
    done = CliRunner().invoke(cli, ["audit", str(folder), "-o", str(tmp_path / "汇总.csv")])
    assert done.exit_code == 2 and "xlsx" in done.output


def test_without_workbook_the_summary_says_what_was_read(folder):
    result = audit_report(folder / "d_carryover_2024.docx")
    assert result.fatal is None and result.reference == REF_TABLES
    assert [i.kind for i in result.problems] == ["方向用词"]
    assert any("第二部分" in x for x in result.read + result.not_read)


def test_without_workbook_equals_with_it_on_each_example_pdf(tmp_path):
    """The report's own tables as reference: the same contradictions as with the workbook."""
    pytest.importorskip("juesuan.importer")
    from juesuan.render.pdf.convert import convert, find_soffice
    if find_soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("needs LibreOffice and pdftotext")
    for name in ("a_jingkai_2024", "b_hanyang_2024", "c_synthetic_2024", "d_carryover_2024"):
        wb = tmp_path / f"{name}.xlsx"
        shutil.copyfile(EXAMPLES / f"{name}.xlsx", wb)
        docx = render_report(check_workbook(wb).report, tmp_path / f"{name}.docx") or tmp_path / f"{name}.docx"
        pdf = convert(tmp_path / f"{name}.docx", tmp_path / f"{name}.pdf")
        with_wb = audit_report(pdf, wb)
        without = audit_report(pdf)
        key = lambda r: sorted((getattr(x, "kind", "数字"), getattr(x, "message", "")) for x in r.found())  # noqa: E731
        assert key(with_wb) == key(without), name
        assert [v.claim.raw for v in with_wb.contradictions] == [v.claim.raw for v in without.contradictions]
