"""The other sources: a 决算软件 Excel export (tables stacked on one sheet, merged headers,
numbers and "2,940.05" text), a plain-text report (tables without rules), and what the text of
a published report states (职责, 二级单位, 项目)."""
from __future__ import annotations

from decimal import Decimal

from foreign_layout_helpers import DEPT, build_xlsx, expected
from importer_helpers import TEXT_REPORT, table_differences

from juesuan.importer import import_report


def test_excel_export_on_one_sheet(tmp_path):
    path = tmp_path / "决算软件导出.xlsx"
    build_xlsx(path)
    result = import_report(path)
    assert sorted(result.titles) == [f"T0{i}" for i in range(1, 10)]
    assert table_differences(expected(), result.report) == []
    assert [p.text() for p in result.problems] == []
    assert result.report.name == DEPT
    source = next(iter(result.sources.values()))
    assert source.sheet == "Sheet1" and source.excel_row and "工作表“Sheet1”" in source.text()




def test_text_report_places_only_rows_it_can_align(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_text(TEXT_REPORT, encoding="gb18030")
    result = import_report(path)
    t03 = result.report.t03
    assert t03.total == {"total": Decimal("3200.05"), "basic": Decimal("1200.00"), "project": Decimal("2000.05")}
    rows = {r.code: r.values for r in t03.rows}
    assert rows["2050205"] == {"total": Decimal("2200.05"), "basic": Decimal("200.00"), "project": Decimal("2000.05")}
    assert rows["2010301"] == {"total": Decimal("1000.00"), "basic": Decimal("1000.00")}
    # two amounts for three columns: which one is blank cannot be told — reported, not guessed
    assert "2080501" not in rows
    placed = [p for p in result.problems if p.rule == "I-CELL"]
    assert len(placed) == 1 and "2080501" in placed[0].message and "5.00 5.00" in placed[0].message
    assert {p.rule for p in result.problems} == {"I-CELL", "I-TABLE"}  # the other eight: not found
    assert result.report.year == 2024


def test_two_reports_in_one_file_reads_the_first_and_says_so(tmp_path):
    path = tmp_path / "两份.txt"
    path.write_text(TEXT_REPORT + TEXT_REPORT.replace("3,200.05", "9,999.99"), encoding="utf-8")
    result = import_report(path)
    assert result.report.t03.total["total"] == Decimal("3200.05")
    assert any(p.rule == "I-TWICE" and "两份报告" in p.message for p in result.problems)


def test_the_standard_workbooks_read_as_exports(examples):
    """Each example workbook, taken as an export (tables found by title, not sheet name), gives
    the tables the workbook reader gives — one sheet's table never runs on into the next sheet."""
    from juesuan.reader.workbook import read_workbook
    for path in sorted(examples.glob("*.xlsx")):
        result = import_report(path)
        report, _ = read_workbook(path)
        assert table_differences(report, result.report) == [], path.name
        assert result.problems == [], path.name
