"""Round trip of every example: render → Word (and PDF) → import → the nine tables equal the
example's as printed, cell for cell; the written workbook carries them with their sources;
init --from-report gives the 上年数 init --from gives."""
from __future__ import annotations

import pytest
from importer_helpers import as_printed, render_all, table_differences

from juesuan.api import import_to_workbook, init_from_report, init_next_year
from juesuan.importer import import_report
from juesuan.reader.workbook import read_workbook
from juesuan.render.pdf.convert import find_soffice
from juesuan.spec.supplement import PRIOR

needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) not installed")


@pytest.fixture(scope="module")
def docx_reports(tmp_path_factory):
    return render_all(tmp_path_factory.mktemp("import_docx"), pdf=False)


@pytest.fixture(scope="module")
def pdf_reports(tmp_path_factory):
    return render_all(tmp_path_factory.mktemp("import_pdf"), pdf=True)


def test_every_example_docx_round_trip(docx_reports):
    assert len(docx_reports) == 4
    for name, rendered in docx_reports.items():
        result = import_report(rendered.docx)
        assert sorted(result.titles) == [f"T0{i}" for i in range(1, 10)], name
        assert table_differences(as_printed(rendered.check.report), result.report) == [], name
        assert [p.text() for p in result.problems] == [], name
        assert result.report.name and result.report.year == 2024


@needs_soffice
def test_every_example_pdf_round_trip(pdf_reports):
    for name, rendered in pdf_reports.items():
        assert rendered.pdf is not None, rendered.problems
        result = import_report(rendered.pdf)
        assert table_differences(as_printed(rendered.check.report), result.report) == [], name
        assert [p.text() for p in result.problems] == [], name
        assert len(result.pages) > 20 and "收入支出决算总表" in "".join(result.pages).replace(" ", "")
        # every amount printed has its source: page, table title, row
        src = result.sources["公开01表!C7"]
        assert src.page and "收入支出决算总表" in src.table and "一般公共预算财政拨款收入" in src.row


def test_written_workbook_reads_back_with_comments(docx_reports, tmp_path):
    rendered = docx_reports["b_hanyang_2024"]
    target = tmp_path / "导入.xlsx"
    result, check = import_to_workbook(rendered.docx, target)
    back, _ = read_workbook(target)
    assert table_differences(as_printed(rendered.check.report), back) == []
    assert check.report is not None and not [f for f in check.findings if f.sheet.startswith("公开")]
    import openpyxl
    wb = openpyxl.load_workbook(target)
    for ref, source in result.sources.items():
        sheet, cell = ref.split("!")
        comment = wb[sheet][cell].comment
        assert comment is not None and rendered.docx.name in comment.text and source.table in comment.text
    assert wb["公开03表"]["C7"].comment is not None  # the 合计 row
    assert wb["概况"]["C3"].value == "武汉市汉阳区总工会"


def test_init_from_report_gives_the_prior_figures_of_init_from(docx_reports, tmp_path):
    rendered = docx_reports["b_hanyang_2024"]
    from_wb = tmp_path / "from_workbook.xlsx"
    from_report = tmp_path / "from_report.xlsx"
    init_next_year(from_wb, rendered.check.path)
    init_from_report(from_report, rendered.docx)
    a, _ = read_workbook(from_wb)
    b, _ = read_workbook(from_report)
    codes = [f.id for f in PRIOR.fields]
    assert {c: a.supp.fields.get(c) for c in codes} == {c: b.supp.fields.get(c) for c in codes}
    assert b.year == 2025 and b.name == a.name


@needs_soffice
def test_init_from_report_on_the_pdf(pdf_reports, tmp_path):
    rendered = pdf_reports["b_hanyang_2024"]
    init_next_year(tmp_path / "a.xlsx", rendered.check.path)
    init_from_report(tmp_path / "b.xlsx", rendered.pdf)
    a, _ = read_workbook(tmp_path / "a.xlsx")
    b, _ = read_workbook(tmp_path / "b.xlsx")
    codes = [f.id for f in PRIOR.fields]
    assert {c: a.supp.fields.get(c) for c in codes} == {c: b.supp.fields.get(c) for c in codes}


def test_text_facts_of_a_published_report(docx_reports):
    """职责, 二级单位 and project names as the report prints them (example b)."""
    rendered = docx_reports["b_hanyang_2024"]
    source = rendered.check.report
    result = import_report(rendered.docx)
    for lid in ("G10", "G12"):
        assert [r.values for r in result.report.supp.records(lid)] == [r.values for r in source.supp.records(lid)]
    assert [r.values["name"] for r in result.report.supp.records("E10")] == \
        [r.values["name"] for r in source.supp.records("E10")]
    assert result.report.supp.records("M01") == []  # the standard 名词解释 are not copied


def test_amounts_the_text_states(docx_reports):
    """项级预算 (each 项's 年初预算, from 第三部分) and 机关运行经费 as the report prints them."""
    for name in ("b_hanyang_2024", "c_synthetic_2024"):
        rendered = docx_reports[name]
        source = rendered.check.report
        result = import_report(rendered.docx)
        want = sorted((r.values["code"], r.values["budget"]) for r in source.supp.records("B02"))
        got = sorted((r.values["code"], r.values["budget"]) for r in result.report.supp.records("B02"))
        assert got == want, name
        from juesuan.figures import compute
        assert result.report.supp.fields["B04"] == compute(source).admin.amount.current, name
