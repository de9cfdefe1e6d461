"""A layout unlike ours (上海 2024: titles and order, 类/款/项 in three columns, "2,940.05", no 行次,
a table broken over two pages) is imported exactly; the 上海 template itself is recognised."""
from __future__ import annotations

from pathlib import Path

import pytest
from foreign_layout_helpers import DEPT, build_docx, expected
from importer_helpers import table_differences

from juesuan.importer import import_report
from juesuan.render.pdf.convert import find_soffice

_REPO = Path(__file__).resolve().parents[2]
SHANGHAI = next((p for p in (_REPO.parent / "shared", _REPO.parent.parent / "shared", Path("/work/shared"))
                 if (p / "formats" / "上海_部门决算公开模板_2024.pdf").is_file()), Path("/nonexistent")) \
    / "formats" / "上海_部门决算公开模板_2024.pdf"
ALL = [f"T0{i}" for i in range(1, 10)]


def _check(result):
    assert sorted(result.titles) == ALL
    assert table_differences(expected(), result.report) == []
    assert result.titles["T09"] == "财政拨款“三公”经费支出决算表"
    assert result.titles["T08"] == "国有资本经营预算财政拨款收入支出决算表"
    assert result.report.year == 2024 and result.report.name == DEPT  # the cover on two lines


def test_foreign_docx_imported_exactly(tmp_path):
    path = tmp_path / "上海式.docx"
    build_docx(path)
    result = import_report(path)
    _check(result)
    assert [p.text() for p in result.problems] == []
    # the second part of 支出决算表 was joined: its 项 row has a source
    assert any(s.row.startswith("2050205") and "支出决算表" == s.table for s in result.sources.values())


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) not installed")
def test_foreign_pdf_imported_exactly(tmp_path):
    from juesuan.render.pdf.convert import convert
    path = tmp_path / "上海式.docx"
    build_docx(path)
    pdf = convert(path)
    result = import_report(pdf)
    _check(result)
    pages = {s.page for ref, s in result.sources.items() if ref.startswith("公开03表")}
    assert len(pages) >= 2  # 支出决算表 continued over pages, joined


def test_unplaceable_columns_are_reported_not_dropped(tmp_path):
    """上海's table 9 has 本年收入 and 年初/年末 columns that our 公开08表 has not: said, never guessed."""
    import docx
    path = tmp_path / "x.docx"
    build_docx(path)
    d = docx.Document(str(path))
    table = d.tables[-1]
    cells = table.rows[-1].cells
    for c, text in zip(cells, ["合计", "合计", "", "25.00", "25.00", "", "25.00", ""]):
        c.text = text
    d.save(str(path))
    result = import_report(path)
    assert result.report.t08.total == {"total": 25, "project": 25}
    assert [p.rule for p in result.problems] == ["I-CELL"]
    assert "25.00" in result.problems[0].message


@pytest.mark.skipif(not SHANGHAI.is_file(), reason="shared/formats (the 上海 template) not present")
def test_shanghai_template_tables_found_and_named():
    result = import_report(SHANGHAI)
    assert sorted(result.titles) == ALL
    assert result.titles["T09"] == "财政拨款“三公”经费支出决算表"
    assert result.titles["T08"] == "国有资本经营预算财政拨款收入支出决算表"
    assert result.report.year == 2024 and result.report.name == "上海市XX局"
    assert not [p for p in result.problems if p.rule in ("I-TABLE", "I-TWICE")]
