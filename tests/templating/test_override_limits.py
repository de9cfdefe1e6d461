"""Issue 16, override templates: a broken or hostile override folder ends in a Chinese problem
naming the file (and line), both when rendering and in ``templates check``; templates run with
size, power, step and time limits; no file outside the override folder is ever read."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from robust_helpers import assert_clean, digest, run_cli

TEMPLATES = ROOT / "templates"
WORKBOOK = ROOT / "example_inputs" / "c_synthetic_2024.xlsx"
PART1 = (TEMPLATES / "parts" / "part1.j2").read_text(encoding="utf-8")
S01 = "s01_收入支出决算总体情况说明.j2"


def _override(tmp_path: Path, files: dict) -> Path:
    folder = tmp_path / "我的模板"
    folder.mkdir()
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def _render_refused(folder: Path, *fragments: str) -> str:
    out_dir = folder.parent / "out"
    out_dir.mkdir(exist_ok=True)
    before = digest(WORKBOOK)
    out = assert_clean(run_cli([str(WORKBOOK), "--templates", str(folder), "-o", str(out_dir / "r.docx")]), codes=(1,))
    assert "报告未生成" in out and "程序内部错误" not in out, out
    for fragment in fragments:
        assert fragment in out, (fragment, out)
    assert list(out_dir.iterdir()) == [], "a report or a temporary file was left"
    assert digest(WORKBOOK) == before
    return out


def _check_reports(folder: Path, *fragments: str) -> str:
    out = assert_clean(run_cli(["templates", "check", str(folder)]), codes=(1,))
    assert "没有发现问题" not in out and "发现" in out
    for fragment in fragments:
        assert fragment in out, (fragment, out)
    return out


# -- item 7: broken master, wrong-shape data files, control characters ------------------------------
@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04broken", None], ids=["text", "bad-zip", "xlsx"])
def test_broken_report_docx(tmp_path, content):
    if content is None:
        content = WORKBOOK.read_bytes()  # a real zip, but a workbook, not a Word document
    folder = _override(tmp_path, {"report.docx": content})
    _render_refused(folder, "report.docx", "不是可用的 Word 主模板")
    _check_reports(folder, "report.docx", "不是可用的 Word 主模板")


SHIPPED_SECTIONS = json.loads((TEMPLATES / "narrative" / "sections.json").read_text(encoding="utf-8"))


def _sections_without_title() -> str:
    data = json.loads(json.dumps(SHIPPED_SECTIONS))
    del data["sections"][0]["title"]
    return json.dumps(data, ensure_ascii=False)


def _sections_with_number_level() -> str:
    data = json.loads(json.dumps(SHIPPED_SECTIONS))
    data["sections"][2]["title"] = 3
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("name,content,fragment", [
    ("sections.json", "[]", "整个文件 应为对象（{…}），实际为列表"),
    ("sections.json", json.dumps({"sections": "x"}), "缺少“number_format”"),
    ("sections.json", _sections_without_title(), "sections[0] 缺少“title”"),
    ("sections.json", _sections_with_number_level(), "sections[2].title 应为文字，实际为数字"),
    ("charts.json", "[]", "整个文件 应为对象（{…}），实际为列表"),
    ("charts.json", json.dumps({"fig1": "x"}), "缺少“group”"),
    ("phrases.json", json.dumps({"x": 1}), "缺少"),
])
def test_wrong_shape_data_file(tmp_path, name, content, fragment):
    folder = _override(tmp_path, {name: content})
    _render_refused(folder, f"narrative/{name}", "结构与内置文件不同", fragment)
    _check_reports(folder, f"narrative/{name}", fragment)


def test_shipped_data_files_have_their_own_shape(tmp_path):
    """A copy of the shipped files is a valid override (the check compares with the shipped ones)."""
    folder = _override(tmp_path, {n: (TEMPLATES / "narrative" / n).read_text(encoding="utf-8")
                                  for n in ("sections.json", "charts.json", "phrases.json")})
    out = assert_clean(run_cli(["templates", "check", str(folder)]), codes=(0, 1))
    assert "结构与内置文件不同" not in out


@pytest.mark.parametrize("name,extra,fragment", [
    ("part1.j2", '{{ "a\\x01b" }}', "控制字符 U+0001"),
    ("part1.j2", '{{ "\\x1e" }}x', "格式标记字符 U+001E"),
    ("part1.j2", '{{ "\\x1cnope\\x1fbody" }}', "格式标记字符 U+001C"),
    (S01, "好\x07的。", "控制字符 U+0007"),
])
def test_template_writing_a_control_character(tmp_path, name, extra, fragment):
    base = PART1 if name == "part1.j2" else (TEMPLATES / "narrative" / name).read_text(encoding="utf-8")
    folder = _override(tmp_path, {name: base + "\n" + extra + "\n"})
    _render_refused(folder, name, fragment)
    _check_reports(folder, name, fragment)


# -- item 10: limits ---------------------------------------------------------------------------------------
BOMBS = {
    "repeat": ("{{ 'x'*2000000000 }}", "重复后的长度"),
    "list-repeat": ("{{ ([1]*900000)*900000 }}", "重复后的长度"),
    "power": ("{{ 10**1000000000 }}", "乘方"),
    "range": ("{% for i in range(100000) %}{% endfor %}", "range 的长度 100000"),
    "nested-range": ("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}", "运算步数"),
    "doubling": ("{% set ns = namespace(s='xx') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
                 "生成的内容长度"),
    "doubling-plus": ("{% set ns = namespace(s='xx') %}{% for i in range(60) %}{% set ns.s = ns.s + ns.s %}"
                      "{% endfor %}", "连接后的长度"),
    "replace": ("{{ ('x'*900000)|replace('', 'y'*900000) }}", "替换后的长度"),
    "center": ("{{ 'x'|center(2000000000) }}", "参数 2000000000"),
    "format": ("{{ '{:>2000000000}'.format(1) }}", "格式中的宽度"),
    "percent": ("{{ '%2000000000s' % 'x' }}", "格式中的宽度"),
    "ljust": ("{{ 'x'.ljust(2000000000) }}", "参数 2000000000"),
}


@pytest.mark.parametrize("bomb", list(BOMBS), ids=list(BOMBS))
def test_override_template_runs_with_limits(tmp_path, bomb):
    code, fragment = BOMBS[bomb]
    folder = _override(tmp_path, {"part1.j2": PART1 + "\n" + code + "\n"})
    line = PART1.count("\n") + 2
    _render_refused(folder, f"part1.j2 第{line}行", "模板做了不允许的操作", fragment)


def test_wall_clock_limit(tmp_path, monkeypatch):
    """The limit is read when a render starts (it was captured at import: a test setting it waited
    the full 10 s), and it is the clock that stops the render: the clock here advances 0.01 s
    at every look (so the test is as fast on a busy machine as on an idle one), steps are unlimited, and the template would run for 2**40 calls."""
    from juesuan.templating import limits as template_limits
    # 20 s on a clock advancing 0.01 s per look = 2,000 looks per template: the largest shipped
    # template needs about 500, the runaway below 2**40
    monkeypatch.setattr(template_limits, "MAX_SECONDS", 20.0)
    monkeypatch.setattr(template_limits, "MAX_STEPS", 10**12)  # only the clock may stop it
    looks = []

    def clock():
        looks.append(1)
        return len(looks) * 0.01

    monkeypatch.setattr(template_limits, "clock", clock)
    slow = "{% macro f(n) %}{% if n < 40 %}{{ f(n+1) }}{{ f(n+1) }}{% endif %}{% endmacro %}{{ f(0) }}"
    folder = _override(tmp_path, {"part1.j2": PART1 + "\n" + slow + "\n"})
    _render_refused(folder, "part1.j2", "运行超过 20 秒")
    assert 2000 <= len(looks) < 20000  # stopped once 20 s had passed on the clock, and by nothing else


def test_output_budget(tmp_path, monkeypatch):
    from juesuan.templating import limits as template_limits
    monkeypatch.setattr(template_limits, "MAX_OUTPUT", 200_000)
    loud = "{% for i in range(10000) %}{{ 'x' * 100 }}\n{% endfor %}"
    folder = _override(tmp_path, {"part1.j2": PART1 + "\n" + loud + "\n"})
    _render_refused(folder, "part1.j2", "输出超过 200000 个字符")


def test_lipsum_is_not_available(tmp_path):
    folder = _override(tmp_path, {"part1.j2": PART1 + "\n{{ lipsum(1000000) }}\n"})
    _render_refused(folder, "part1.j2", "变量 lipsum 未定义")


def test_shipped_templates_stay_within_the_limits():
    """Every example renders under the limits: they are far above what real templates need."""
    from juesuan.maintenance.templates_check import check_templates
    from juesuan.maintenance.templates_check import check_part_templates
    problems = check_templates(None) + check_part_templates(None)
    assert not [p for p in problems if "不允许的操作" in p], problems


# -- item 13: links out of the override folder ---------------------------------------------------------
@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_include_through_a_link_out_of_the_folder_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("机密内容 root:x:0:0", encoding="utf-8")
    folder = _override(tmp_path, {"leak.j2": lambda p: os.symlink(secret, p),
                                  "part1.j2": PART1 + "\n{% include 'leak.j2' %}\n"})
    out = _render_refused(folder, "leak.j2", "指向模板目录之外的链接")
    assert "机密内容" not in out
    out = _check_reports(folder, "leak.j2", "指向模板目录之外的链接")
    assert "不会被使用" not in out.split("leak.j2")[1].split("\n")[0]


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
@pytest.mark.parametrize("name", ["sections.json", "report.docx", "part1.j2"])
def test_override_file_that_is_a_link_out_of_the_folder(tmp_path, name):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    source = (TEMPLATES / ("narrative" if name.endswith(".json") else "parts" if name.endswith(".j2") else "") / name)
    shutil.copy(source, outside / name)
    folder = _override(tmp_path, {name: lambda p: os.symlink(outside / name, p)})
    _render_refused(folder, name, "指向模板目录之外的链接")
    _check_reports(folder, name, "指向模板目录之外的链接")


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_link_inside_the_folder_is_fine(tmp_path):
    folder = _override(tmp_path, {"shared/part1.j2": PART1})
    os.symlink(folder / "shared" / "part1.j2", folder / "part1.j2")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    assert_clean(run_cli([str(WORKBOOK), "--templates", str(folder), "-o", str(out_dir / "r.docx")]), codes=(0,))
    assert (out_dir / "r.docx").exists()
