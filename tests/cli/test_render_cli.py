"""`make-report WORKBOOK` from the command line: the README's command on the examples."""
from __future__ import annotations

import shutil

from click.testing import CliRunner
from render_helpers import EXAMPLES

from juesuan_cli.main import cli


def run(args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_make_report_writes_the_report_next_to_the_workbook(tmp_path):
    wb = tmp_path / "b_hanyang_2024.xlsx"
    shutil.copyfile(EXAMPLES / "b_hanyang_2024.xlsx", wb)
    result = run([wb])
    assert result.exit_code == 0, result.output
    out = tmp_path / "武汉市汉阳区总工会2024年度部门决算.docx"
    assert out.is_file()
    assert f"已生成报告：{out}" in result.output
    assert "审核完成" in result.output


def test_output_option_and_refusal_to_overwrite_the_input(tmp_path):
    wb = tmp_path / "c.xlsx"
    shutil.copyfile(EXAMPLES / "c_synthetic_2024.xlsx", wb)
    result = run([wb, "-o", tmp_path / "报告.docx"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "报告.docx").is_file()
    result = run([wb, "-o", wb])
    assert result.exit_code == 2  # a bad argument, said before the 审核 (issue 22 U9)
    assert "审核完成" not in result.output
    assert "错误：" in result.output and "Traceback" not in result.output


def test_errors_stop_the_report(tmp_path):
    wb = tmp_path / "a.xlsx"
    shutil.copyfile(EXAMPLES / "a_jingkai_2024.xlsx", wb)
    result = run([wb])
    assert result.exit_code == 1
    assert "[错误]" in result.output
    assert not list(tmp_path.glob("*.docx"))


def test_unreadable_file_and_missing_template_folder(tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a workbook")
    result = run([bad])
    assert result.exit_code == 2 and "错误：" in result.output
    result = run([bad, "--templates", tmp_path / "nope"])
    assert result.exit_code == 2 and "模板覆盖目录不存在" in result.output
