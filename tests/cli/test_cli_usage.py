"""Argument errors are told in Chinese, exit code 2, with where to find the usage."""
from __future__ import annotations


import pytest

from juesuan_cli.main import chinese_usage


@pytest.mark.parametrize("english,chinese", [
    ("No such option: --bogus", "没有选项 --bogus"),
    ("No such option: --jsn Did you mean --json?", "没有选项 --jsn（是不是 --json？）"),
    ("Missing argument 'INPUT_DIR'.", "缺少参数 INPUT_DIR"),
    ("Option '--output' requires an argument.", "选项 --output 后面需要一个值"),
    ("Got unexpected extra argument (b)", "多余的参数：b"),
    ("Invalid value for '-j' / '--jobs': 'abc' is not a valid integer range.",
     "参数 -j / --jobs 的值无效（“abc”不是有效的整数）"),
])
def test_click_messages_in_chinese(english, chinese):
    assert chinese_usage(english) == chinese


def test_bad_option_through_the_entry_point():
    from juesuan_cli.main import main
    with pytest.raises(SystemExit) as exc:
        main(["check", "--jsn", "x.xlsx"])
    assert exc.value.code == 2


def test_usage_error_output(capsys):
    from juesuan_cli.main import main
    with pytest.raises(SystemExit):
        main(["batch"])
    err = capsys.readouterr().err
    assert err.splitlines() == ["错误：缺少参数 文件夹", "查看用法：make-report batch --help"]
