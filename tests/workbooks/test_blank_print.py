"""The standard workbook comes out of the printer readable: every sheet one page wide (A4,
landscape when wide), its header rows repeated, the supplementary sheets' titles not clipped;
and ``init`` says what to do next."""
from __future__ import annotations

import openpyxl
from click.testing import CliRunner
from juesuan_cli.main import cli

from juesuan.spec.layouts import LAYOUTS
from juesuan.spec.supplement import FormSheet, SHEET_ORDER
from juesuan.workbooks.writer import write_workbook


def test_every_sheet_prints_one_page_wide_with_its_headers(tmp_path):
    wb = openpyxl.load_workbook(write_workbook(tmp_path / "blank.xlsx"))
    for ws in wb.worksheets:
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True, ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, ws.title
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4, ws.title
    for layout in LAYOUTS:
        ws = wb[layout.sheet_name]
        assert ws.print_title_rows and ws.print_title_rows.startswith("$1:"), layout.sheet_name
        assert ws.page_setup.orientation == ("landscape" if layout.landscape else "portrait")
    for spec in SHEET_ORDER:
        ws = wb[spec.name]
        assert ws.print_title_rows == "$1:$2", spec.name
        if isinstance(spec, FormSheet):  # the 16 pt title has the height it needs
            assert ws["A1"].font.sz == 16 and ws.row_dimensions[1].height >= 24
            assert ws.page_setup.orientation == "landscape"  # 编号 | 项目 | 填写值 | 填写说明 is wide


def test_init_says_what_to_do_next(tmp_path):
    target = tmp_path / "部门决算工作簿.xlsx"
    result = CliRunner().invoke(cli, ["init", str(target)])
    assert result.exit_code == 0, result.output
    assert "下一步" in result.output
    assert f'make-report check "{target}" --annotate' in result.output
    assert f'make-report "{target}"' in result.output
