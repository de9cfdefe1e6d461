"""One definition each of the control characters and of the enumeration marks
(juesuan.model.textnorm), and every module that needs one agrees with it."""
from __future__ import annotations

import re

import pytest
from conftest import ROOT

from juesuan.figures.workbook_text import parse_reason
from juesuan.model.textnorm import CONTROL_RE, safe_text, scrub, strip_enumeration
from juesuan.reader.sheet_values import cell_text, norm
from juesuan.render.lint import lint_text
from juesuan.render.names import safe_stem
from juesuan.render.text import clean
from juesuan.templating.join import lead_in
from juesuan.templating.shapes import control_problem
from juesuan.xlsx.text import text_value

CONTROLS = ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x80", "\x85", "\x9f"]
LAYOUT = ["\t", "\n"]  # kept by the definition; each caller decides what they become


@pytest.mark.parametrize("ch", CONTROLS, ids=lambda c: f"U+{ord(c):04X}")
def test_every_module_drops_and_reports_the_same_control_characters(ch):
    text = f"部门{ch}名称"
    assert CONTROL_RE.search(text)
    cleaned, note = scrub(text)
    assert cleaned == "部门名称" and note and "控制字符" in note  # the reader says so
    assert cell_text(text) == clean(text) == safe_text(text) == text_value(text) == "部门名称"
    assert safe_stem(text) == "部门名称"
    assert control_problem(text) and f"U+{ord(ch):04X}" in control_problem(text)


@pytest.mark.parametrize("ch", LAYOUT + ["\u3000", "a", "é", "\xa0"], ids=repr)
def test_text_and_layout_characters_are_not_control_characters(ch):
    assert not CONTROL_RE.search(f"部门{ch}名称") and scrub(f"部门{ch}名称")[1] is None


def test_no_other_module_defines_control_characters():
    home = ROOT / "src" / "juesuan" / "model" / "textnorm.py"
    ranges = re.compile(r"\\x00-|\\x7f|\\x9f|\\x1f\]")
    others = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "src").rglob("*.py"))
              if p != home and ranges.search(p.read_text(encoding="utf-8"))]
    assert not others, others


MARKS = ["一是", "十二是", "一、", "（一）", "(二)", "三）", "1.", "1、", "（1）", "(2)", "3)", "１．", "①", "⑳"]


@pytest.mark.parametrize("mark", MARKS)
def test_every_module_knows_the_same_enumeration_marks(mark):
    item = "保障职工服务"
    assert strip_enumeration(f"{mark}{item}") == item
    assert norm(f"{mark}{item}") == item  # a row label
    assert parse_reason(f"{mark}{item}。").lines == (item,)  # a reason
    assert lead_in(f"{mark}{item}。", "主要成效是") == f"主要成效：{mark}{item}"  # no 「是一是」
    assert any("词语重复" in h for h in lint_text(f"主要成效是{mark}{item}。"))


@pytest.mark.parametrize("text", ["1.5万元", "一般公共预算", "十三小节", "2024年度"])
def test_text_that_only_looks_like_a_mark_is_kept(text):
    assert strip_enumeration(text) == text and norm(text) == text


def test_enumerations_written_on_one_line_are_split():
    assert parse_reason("一是人员增加；二是项目增加。").lines == ("人员增加", "项目增加")
    assert parse_reason("①人员增加；②项目增加").lines == ("人员增加", "项目增加")
    assert parse_reason("（一）人员增加；（二）项目增加").lines == ("人员增加", "项目增加")
