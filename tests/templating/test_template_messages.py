"""Template messages for maintainers: a syntax error at the line of the broken tag, in Chinese;
every undefined name of the file, each with its line (not only the first on a line)."""
from __future__ import annotations

import shutil

from click.testing import CliRunner
from juesuan_cli.main import cli

from juesuan.spec.paths import templates_dir

S01 = "s01_收入支出决算总体情况说明.j2"
S10 = "s10_机关运行经费支出说明.j2"


def _override(tmp_path, name: str, edit) -> tuple:
    folder = tmp_path / "我的模板"
    folder.mkdir(exist_ok=True)
    lines = (templates_dir() / "narrative" / name).read_text(encoding="utf-8").splitlines()
    lines = edit(lines)
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder, folder / name


def _line_of(lines: list[str], text: str) -> int:
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_unclosed_if_is_reported_at_its_tag(tmp_path):
    # an {% if %} opened on line 4 and never closed: Jinja notices at the end of the file
    folder, path = _override(tmp_path, S01, lambda ls: ls[:3] + ["{% if overall.reason %}"] + ls[3:])
    assert path.read_text(encoding="utf-8").splitlines()[3] == "{% if overall.reason %}"
    r = CliRunner().invoke(cli, ["templates", "check", str(folder)])
    assert r.exit_code == 1
    assert (f"模板 {path} 第4行：模板语法错误：{{% if %}} 没有对应的 {{% endif %}}（到模板结尾还没有结束）；"
            "请在该块结束处加上 {% endif %}") in r.output, r.output
    assert "Jinja" not in r.output and "Unexpected" not in r.output


def test_tag_left_open_is_reported_at_its_line_not_the_next(tmp_path):
    def edit(lines):
        n = _line_of(lines, "{% set g = overall.grand %}") - 1
        lines[n] = "{% set g = overall.grand"  # the %} is missing
        return lines
    folder, path = _override(tmp_path, S01, edit)
    broken = _line_of(path.read_text(encoding="utf-8").splitlines(), "{% set g = overall.grand")
    r = CliRunner().invoke(cli, ["templates", "check", str(folder)])
    assert f"模板 {path} 第{broken}行：模板语法错误：标签没有用“%}}”结束" in r.output, r.output
    # the same message, same line, when rendering a report with the override
    from juesuan.render.narrative import build_part3
    from juesuan.maintenance.examples import example_reports
    from juesuan.templating.env import TemplateProblem
    try:
        build_part3(example_reports()[0][1], folder)
    except TemplateProblem as exc:
        assert exc.line == broken and exc.message.startswith("模板语法错误：标签没有用“%}”结束")
    else:
        raise AssertionError("a broken template rendered")


def test_every_undefined_name_with_its_line(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / S10).write_text(
        "{{ admin.amount.current|wan }}{{ nonesuch }}，{{ admin.amout.current }}\n"
        "{% for i in gpb.items %}{{ i.completion.budgett }}{{ i.code }}{% endfor %}\n"
        "{{ year }}{{ yaer }}{{ dept }}{{ alsomissing }}\n", encoding="utf-8")
    r = CliRunner().invoke(cli, ["templates", "check", str(folder)])
    assert r.exit_code == 1
    path = folder / S10
    want = [(1, "admin.amout"), (1, "nonesuch"), (2, "i.completion.budgett"), (3, "alsomissing"), (3, "yaer")]
    for line, name in want:
        assert f"模板 {path} 第{line}行：变量 {name} 未定义" in r.output, (name, r.output)
    assert r.output.count(f"模板 {path}") == len(want)  # and the render's own first error is not repeated
    assert "dept 未定义" not in r.output and "i.code" not in r.output


def test_parts_templates_list_every_undefined_name_too(tmp_path):
    folder = tmp_path / "parts"
    folder.mkdir()
    shipped = (templates_dir() / "parts" / "part4.j2").read_text(encoding="utf-8").rstrip("\n").splitlines()
    (folder / "part4.j2").write_text("\n".join(shipped + ["{{ p('正文', nosuch1 ~ nosuch2) }}", "{{ dept.nme }}"]) + "\n",
                                     encoding="utf-8")
    r = CliRunner().invoke(cli, ["templates", "check", str(folder)])
    assert r.exit_code == 1
    n = len(shipped)
    path = folder / "part4.j2"
    want = ((n + 1, "nosuch1"), (n + 1, "nosuch2"), (n + 2, "dept.nme"))  # dept is a str: no attribute nme
    for line, name in want:
        assert f"模板 {path} 第{line}行：变量 {name} 未定义" in r.output, r.output
    assert r.output.count(f"模板 {path}") == len(want), r.output
