"""The words around each 公开表 come from templates/parts/tables.j2 (issue 28, item 4): the shipped file
says exactly the layouts' text, an override folder may rename a table or change a note (the Word
report shows the new title once — heading and title line agree — and the new note), the 2020 order
keeps its older names and numbers, and what the file sets that no table uses is told, with its line."""
from __future__ import annotations

import copy

import pytest
from conftest import TESTS
from docx import Document

from juesuan.maintenance.examples import example_reports
from juesuan.maintenance.templates_check import check_all
from juesuan.render.docx.readback import plain
from juesuan.render.document import build_document, render_report
from juesuan.render.parts import parts_input
from juesuan.render.public_tables import default_text, table_texts
from juesuan.spec.layouts import BY_ID
from juesuan.templating.table_texts import BY_TABLE, read_table_words
from juesuan.templating.template_set import Templates

pytestmark = pytest.mark.usefixtures("no_charts")

OVERRIDES = TESTS / "templating" / "overrides"
OLD_T05 = "一般公共预算财政拨款支出决算表"
NEW_T05 = "一般公共预算财政拨款支出决算明细表"


@pytest.fixture(scope="module")
def reports():
    return example_reports()


def _order_2020(report):
    report = copy.deepcopy(report)
    report.supp.fields["节序"] = "2020版"
    assert report.settings.order_2020
    return report


def _texts(report, override=None):
    templates = Templates(override)
    ctx = parts_input(templates.parts_env, report).context
    return table_texts(templates.parts_env, report, ctx)


@pytest.mark.parametrize("old", [False, True])
def test_shipped_file_states_the_layouts_text(reports, old):
    for label, report in reports:
        report = _order_2020(report) if old else report
        texts, problems = _texts(report)
        assert problems == []
        assert texts == {tid: default_text(report, tid) for tid in BY_ID}, label
    # every table's title, number and note is written out in the file, for the maintainer to see
    words = read_table_words(Templates().parts_env, parts_input(Templates().parts_env, reports[0][1]).context)
    for name in ("titles", "numbers", "numbers_2020", "notes"):
        assert set(words.by_table[name]) == set(BY_ID), name
    assert set(words.by_table) == set(BY_TABLE)
    assert words.title_line is not None and set(words.single) == {"dept_label", "unit_label"}


def test_2020_names_and_numbers(reports):
    report = _order_2020(reports[0][1])
    texts, _ = _texts(report)
    assert texts["T09"].title == "一般公共预算财政拨款“三公”经费支出决算表" and texts["T09"].number == "表7"
    assert texts["T06"].title == "一般公共预算财政拨款基本支出决算表" and texts["T07"].number == "表8"
    # an override that renames only in titles: the 2020 order takes it where no 2020 name is set
    texts, _ = _texts(report, OVERRIDES / "tables_renamed")
    assert texts["T05"].title == NEW_T05 and texts["T05"].number == "表5"


def test_renamed_table_and_note_in_the_word_report(reports, tmp_path):
    label, report = reports[2]
    path = tmp_path / "report.docx"
    document = render_report(report, path, OVERRIDES / "tables_renamed")
    assert not [n for n in document.notes if n.rule == "R-TEMPLATE"]
    paragraphs = [plain(p.text) for p in Document(str(path)).paragraphs]
    year = report.year
    # the new title once as the heading and once as the title line; the old one nowhere
    assert paragraphs.count(f"五、{NEW_T05}") == 1 and paragraphs.count(f"{year}年度{NEW_T05}") == 1, label
    assert not [p for p in paragraphs if p.endswith(f"、{OLD_T05}") or p == f"{year}年度{OLD_T05}"]
    # the new note (with the report's 主体自称), the old one gone; 表2's note emptied; the others kept
    assert "注：本表反映本部门本年度一般公共预算财政拨款支出情况（按功能分类科目列示）。" in paragraphs
    assert BY_ID["T05"].note not in paragraphs and BY_ID["T02"].note not in paragraphs
    assert BY_ID["T03"].note in paragraphs and BY_ID["T09"].note in paragraphs
    assert paragraphs.count("公开05表") == 1


def test_unknown_id_is_told_with_file_and_line(reports):
    problems = check_all(OVERRIDES / "tables_unknown_id")
    assert any(p.endswith("tables.j2 第4行：titles 中的编号“T10”不是公开表（只能是 T01…T09），这一项没有使用")
               for p in problems), problems
    # the render warns of the same thing, with the same words and line, and uses what it can
    document = build_document(reports[0][1], OVERRIDES / "tables_unknown_id")
    notes = [n.message for n in document.notes if n.rule == "R-TEMPLATE"]
    assert notes and all(n in problems for n in notes), (notes, problems)
    assert BY_ID["T03"].note in document.text().split("\n")  # notes = [...] is not used: defaults stay


def test_heading_that_is_not_the_title_is_a_warning(reports):
    document = build_document(reports[0][1], OVERRIDES / "two_titles")
    notes = [n.message for n in document.notes if n.rule == "R-TEMPLATE"]
    assert notes == ["公开01表（T01）上方的标题“一、收支总表”与表格自己的表名“收入支出决算总表”不同，同一页上会有两个表名；"
                     "表名请在 parts/tables.j2 的 titles 中改，标题中用 t.title"]



def test_a_heading_that_names_the_table_by_its_number_is_fine(reports, tmp_path):
    (tmp_path / "parts").mkdir()
    source = (OVERRIDES / "two_titles" / "parts" / "part2.j2").read_text(encoding="utf-8")
    (tmp_path / "parts" / "part2.j2").write_text(source.replace('"收支总表"', "t.number"), encoding="utf-8")
    document = build_document(reports[0][1], tmp_path)
    assert "一、公开01表" in [h.text for h in document.headings()]
    assert not [n for n in document.notes if n.rule == "R-TEMPLATE"]


def test_a_broken_tables_file_stops_the_render_with_its_line(reports, tmp_path):
    from juesuan.templating.env import TemplateProblem
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "tables.j2").write_text('{% set titles = {"T01": 总表} %}\n{% set notes = {"T01": x|wanyuan} %}\n',
                                                   encoding="utf-8")
    with pytest.raises(TemplateProblem) as info:
        build_document(reports[0][1], tmp_path)
    assert "tables.j2" in str(info.value)
    problems = check_all(tmp_path)
    assert any("tables.j2 第2行：没有名为 wanyuan 的过滤器" in p for p in problems), problems


def test_tables_file_straight_in_the_folder_is_used_too(reports, tmp_path):
    """Like every other template: DIR/parts/tables.j2 or DIR/tables.j2."""
    import shutil
    shutil.copyfile(OVERRIDES / "tables_renamed" / "parts" / "tables.j2", tmp_path / "tables.j2")
    assert check_all(tmp_path) == []
    document = build_document(reports[0][1], tmp_path)
    assert f"五、{NEW_T05}" in [h.text for h in document.headings()]
