"""make-report kemu: the clerk's look-up of 科目 by code or name, edition by report year."""
from __future__ import annotations

from click.testing import CliRunner

from juesuan_cli.main import cli


def test_kemu_by_name_lists_codes_names_and_explanations():
    result = CliRunner().invoke(cli, ["kemu", "群众团体"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "按2025年科目（最新版本）："
    assert "2012999  其他群众团体事务支出（项）  支出功能分类" in lines
    assert "    说明：反映除上述项目以外其他用于群众团体事务方面的支出。" in lines
    assert "20129  群众团体事务（款）  支出功能分类" in lines


def test_kemu_by_code_for_a_report_year():
    result = CliRunner().invoke(cli, ["kemu", "2012906", "--year", "2020"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "按2020年科目（报告年度 2020）：",
        "2012906  工会事务（项）  支出功能分类",
        "    一般公共服务支出（类）群众团体事务（款）工会事务（项）",
        "    说明：（字典中没有说明；报告需要时请在工作簿的“科目说明”表填写）",
    ]


def test_kemu_code_of_another_edition_says_so():
    result = CliRunner().invoke(cli, ["kemu", "扶贫贷款奖补和贴息", "--year", "2024"])
    assert result.exit_code == 0
    assert "2130507  扶贫贷款奖补和贴息（项）  支出功能分类（不在2024年科目中，见2020年科目）" in result.output


def test_kemu_nothing_found_exits_1_with_a_chinese_message():
    result = CliRunner().invoke(cli, ["kemu", "没有这个科目"])
    assert result.exit_code == 1
    assert result.output.startswith("科目字典未收录编码或名称含“没有这个科目”的科目（各版本都没有）。")
    assert "不存在" not in result.output and "以当年《政府收支分类科目》为准" in result.output


def test_kemu_help_is_chinese():
    result = CliRunner().invoke(cli, ["kemu", "--help"])
    assert result.exit_code == 0 and "按编码或名称查科目" in result.output and "--year" in result.output


def test_full_width_digits_and_a_blank_query():
    from click.testing import CliRunner
    from juesuan_cli.main import cli
    wide = CliRunner().invoke(cli, ["kemu", "２０１２９０６"])
    assert wide.exit_code == 0 and "2012906  工会事务（项）" in wide.output
    blank = CliRunner().invoke(cli, ["kemu", "  "])
    assert blank.exit_code == 2 and "请给出要查的科目编码或名称" in blank.output and "Traceback" not in blank.output


def test_a_year_before_every_edition_is_said():
    from click.testing import CliRunner
    from juesuan_cli.main import cli
    old = CliRunner().invoke(cli, ["kemu", "2012906", "--year", "1999"])
    assert old.exit_code == 0
    assert "报告年度 1999 早于字典最早的 2020 年版本，按 2020 年科目查" in old.output
