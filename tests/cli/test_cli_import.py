"""make-report import / init --from-report: the command line around juesuan.import_to_workbook."""
from __future__ import annotations

from click.testing import CliRunner

from juesuan_cli.main import cli


def _docx(tmp_path):
    import shutil
    from conftest import EXAMPLES
    from juesuan.api import render_workbook
    wb = tmp_path / "b.xlsx"
    shutil.copyfile(EXAMPLES / "b_hanyang_2024.xlsx", wb)
    return render_workbook(wb).docx


def test_import_writes_the_workbook_and_prints_the_check(tmp_path):
    docx = _docx(tmp_path)
    out = tmp_path / "导入.xlsx"
    result = CliRunner().invoke(cli, ["import", str(docx), "-o", str(out)], prog_name="make-report")
    assert out.is_file(), result.output
    assert "找到 9 张表" in result.output and "公开09表 ←" in result.output
    assert "审核完成" in result.output and "Traceback" not in result.output
    again = CliRunner().invoke(cli, ["import", str(docx), "-o", str(out)], prog_name="make-report")
    assert again.exit_code == 2 and "已存在" in again.output


def test_import_refuses_an_unreadable_file_in_one_sentence(tmp_path):
    bad = tmp_path / "表.et"
    bad.write_bytes(b"x")
    result = CliRunner().invoke(cli, ["import", str(bad), "-o", str(tmp_path / "x.xlsx")], prog_name="make-report")
    assert result.exit_code == 2
    assert "WPS" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.xlsx").exists()


def test_init_from_report(tmp_path):
    docx = _docx(tmp_path)
    out = tmp_path / "2025.xlsx"
    result = CliRunner().invoke(cli, ["init", str(out), "--from-report", str(docx)], prog_name="make-report")
    assert result.exit_code == 0, result.output
    assert "2025 年度" in result.output and out.is_file()
    both = CliRunner().invoke(cli, ["init", str(tmp_path / "y.xlsx"), "--from", "a.xlsx", "--from-report", str(docx)],
                              prog_name="make-report")
    assert both.exit_code == 2 and "只能用一个" in both.output
