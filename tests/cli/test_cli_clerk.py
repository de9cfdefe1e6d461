"""The command line in Chinese: help lists the render options with the subcommands, no English
from click, `make-report` alone prints the short usage, a missing output folder is created, and the
exit codes are the README's (0 成功, 1 审核错误/失败, 2 无法读取或参数错误)."""
from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner
from juesuan_cli.main import cli, main

# Words that may stay in Latin letters: names of programs, formats and the options themselves.
ALLOWED = {"make-report", "juesuan", "LibreOffice", "PDF", "JSON", "Word", "docx", "xlsx", "json", "CPU",
           "Office", "Markdown", "Alt", "Enter", "Excel", "WPS", "templates", "narrative", "check", "vars",
           "init", "batch", "render", "audit", "kemu", "DOMAIN", "txt", "pdf", "serve", "Ctrl", "fill"}
ENGLISH = ("Usage", "Options", "Commands", "Show this message", "Show the version", "is not readable", "x>=",
           "OPTIONS", "WORKBOOK", "INPUT_DIR", "DIRECTORY", "PATH", "INTEGER", "TEXT", "Error", "Missing")


def _latin_words(text: str) -> set[str]:
    text = text.replace("make-report", " ")
    text = re.sub(r"(?<![\w])--?[a-z][a-z-]*", " ", text)  # option names
    text = re.sub(r"[\w.~$*/-]*\.(?:xlsx|docx|j2|json|md)\b", " ", text)  # file names
    return {w for w in re.findall(r"[A-Za-z][A-Za-z_>=]+", text) if w not in ALLOWED}


HELP_ARGS = [["--help"], ["render", "--help"], ["check", "--help"], ["init", "--help"], ["batch", "--help"],
             ["templates", "--help"], ["templates", "check", "--help"], ["templates", "vars", "--help"],
             ["audit", "--help"], ["kemu", "--help"], ["serve", "--help"], ["fill", "--help"]]


@pytest.mark.parametrize("args", HELP_ARGS, ids=[" ".join(a) for a in HELP_ARGS])
def test_help_has_no_english(args):
    result = CliRunner().invoke(cli, args, prog_name="make-report")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("用法：")
    for word in ENGLISH:
        assert word not in result.output, (word, result.output)
    assert _latin_words(result.output) == set(), result.output


def test_top_help_lists_render_options_and_subcommands():
    out = CliRunner().invoke(cli, ["--help"], prog_name="make-report").output
    options = out.split("生成报告的选项", 1)[1]
    for flag in ("-o, --output", "--pdf", "--templates"):
        assert flag in options
    commands = out.split("子命令:", 1)[1].split("生成报告的选项")[0]
    for name in ("check", "init", "batch", "templates", "render"):
        assert re.search(rf"^\s+{name}\s+\S", commands, re.M), name
    assert "-h, --help  显示本帮助并退出。" in out and "--version   显示版本号并退出。" in out


def _run(argv, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    captured = capsys.readouterr()
    return exc.value.code, captured.out + captured.err


def test_bare_command_prints_short_usage(capsys):
    code, out = _run([], capsys)
    assert code == 2
    assert out.startswith("用法：make-report 工作簿.xlsx [选项]") and "错误" not in out
    assert "查看完整说明：make-report --help" in out
    assert "子命令：audit、batch、check、fill、init、kemu、serve、templates" in out
    code, out = _run(["templates"], capsys)  # a group alone: its help, not an error
    assert code == 2 and out.startswith("用法：") and "错误" not in out and "子命令:" in out


@pytest.mark.parametrize("argv,message", [
    (["check", "--jsn", "x.xlsx"], "错误：没有选项 --jsn（是不是 --json？）"),
    (["batch", "x", "--jobs", "0"], "错误：参数 -j / --jobs 的值无效（0 不在允许的范围内（应不小于 1））"),
    (["batch", "x", "--jobs", "abc"], "错误：参数 -j / --jobs 的值无效（“abc”不是有效的整数）"),
    (["batch"], "错误：缺少参数 文件夹"),
    (["check", "a.xlsx", "b.xlsx"], "错误：多余的参数：b.xlsx"),
])
def test_argument_errors_in_chinese_exit_2(capsys, argv, message):
    code, out = _run(argv, capsys)
    assert code == 2
    assert out.splitlines()[0] == message
    assert _latin_words(out.replace("abc", "")) == set(), out  # “abc” is what the user typed


def test_unreadable_path_message_is_chinese():
    from juesuan_cli.main import chinese_usage
    assert chinese_usage("Invalid value for 'WORKBOOK': Path '/x/a.xlsx' is not readable.") == \
        "参数 WORKBOOK 的值无效（“/x/a.xlsx”无法读取（没有权限））"


@pytest.fixture()
def books(tmp_path, examples):
    for name in ("a_jingkai_2024", "c_synthetic_2024"):
        shutil.copy(examples / f"{name}.xlsx", tmp_path / f"{name}.xlsx")
    return tmp_path


def test_missing_output_folder_is_created(books):
    target = books / "新文件夹" / "下一层" / "报告.docx"
    r = CliRunner().invoke(cli, [str(books / "c_synthetic_2024.xlsx"), "-o", str(target)])
    assert r.exit_code == 0, r.output
    assert target.is_file() and f"已生成报告：{target}" in r.output
    # a workbook with 错误 writes nothing, not even the folder
    nothing = books / "不该出现" / "r.docx"
    r = CliRunner().invoke(cli, [str(books / "a_jingkai_2024.xlsx"), "-o", str(nothing)])
    assert r.exit_code == 1 and not nothing.parent.exists()


def test_exit_codes_as_in_readme(books, root):
    readme_codes = "退出码：0 = 成功（无错误）；1 = 有审核错误或有工作簿失败；2 = 文件无法读取或参数错误。"
    assert readme_codes in (root / "README.md").read_text(encoding="utf-8")
    bad = books / "坏.xlsx"
    bad.write_text("不是工作簿", encoding="utf-8")
    cases = [
        (["check", str(books / "c_synthetic_2024.xlsx")], 0),
        (["check", str(books / "a_jingkai_2024.xlsx")], 1),
        (["check", str(bad)], 2),
        (["check", str(books / "没有.xlsx")], 2),
        ([str(books / "a_jingkai_2024.xlsx")], 1),
        ([str(bad)], 2),
        ([str(books / "c_synthetic_2024.xlsx"), "--templates", str(books / "没有的目录")], 2),
        (["init", str(books / "c_synthetic_2024.xlsx")], 2),  # exists, no --force
        (["init", str(books / "新.xlsx")], 0),
        (["check", "--bogus"], 2),
        (["--help"], 0),
    ]
    for args, code in cases:
        r = CliRunner().invoke(cli, args)
        assert r.exit_code == code, (args, r.exit_code, r.output)
        assert "Traceback" not in r.output
    payload = json.loads(CliRunner().invoke(cli, ["check", "--json", str(bad)]).output)
    assert payload["readable"] is False
