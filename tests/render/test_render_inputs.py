"""The renderer and hostile or unusual input: text from the workbook is data, the output never
replaces the input, file names are safe, template overrides work and template errors are
reported in Chinese with nothing written."""
from __future__ import annotations

import shutil

import pytest
from docx import Document
from render_helpers import EXAMPLES, all_text, body_items, headings

from juesuan.maintenance.examples import load_example
from juesuan.render.document import build_document, render_report, with_orientation
from juesuan.render.blocks import Heading, Orientation, Para, TableBlock, TableMeta
from juesuan.render.names import report_filename, safe_stem
from juesuan.render.text import clean, to_blocks
from juesuan.templating.env import TemplateProblem

DATA = EXAMPLES / "data" / "c_synthetic_2024.json"


@pytest.fixture
def report():
    return load_example(DATA)


def test_workbook_text_is_data_not_markup(report, tmp_path, no_charts):
    report.supp.fields["G01"] = "A&B<局>"
    report.supp.lists["G10"][0].values["text"] = "{{ 7*7 }} & <w:p> {% if x %}\x07职责\x1e2p伪标题"
    out = tmp_path / "r.docx"
    render_report(report, out)
    doc = Document(str(out))
    text = all_text(doc)
    assert "{{ 7*7 }} & <w:p> {% if x %}职责2p伪标题" in text  # literal; control characters removed
    assert "49" not in text.split("职责")[0][-10:]
    assert "第一部分 A&B<局>概况" in [t for _, t in headings(doc)]
    assert "伪标题" not in [t for _, t in headings(doc)]
    # The cover goes through docxtpl with autoescape: the name is whole there too.
    assert [p.text for p in doc.paragraphs[:4] if p.text][0] == "A&B<局>"
    assert doc.core_properties.title == "A&B<局>2024年度部门决算"


def test_clean_and_block_markers():
    assert clean(" a\r\nb\tc\x00\x1f\u200b ") == "a\nb c\u200b"
    from juesuan.render.text import HELPERS
    blocks = to_blocks(HELPERS["h"](2, "一、标题", True) + "正文一\n\n" + HELPERS["p"]("note", "注：x"))
    assert blocks[0] == Heading(2, "一、标题", page_break=True)
    assert isinstance(blocks[1], Para) and blocks[1].text == "正文一"
    assert blocks[2].text == "注：x" and blocks[2].style == "表注"


def test_orientation_sections_wrap_landscape_tables():
    from juesuan.model.grid import Grid
    g = Grid(1)
    blocks = [Heading(2, "五"), TableBlock(g), Heading(2, "六"), TableBlock(g, landscape=True), Para("注"),
              Heading(2, "七"), TableBlock(g), Heading(2, "九"), TableBlock(g, landscape=True), Heading(1, "第三部分")]
    out = with_orientation(blocks)
    marks = [(i, b.landscape) for i, b in enumerate(out) if isinstance(b, Orientation)]
    assert [m[1] for m in marks] == [True, False, True, False]
    assert isinstance(out[marks[0][0] + 1], Heading) and out[marks[0][0] + 1].text == "六"
    assert out[marks[-1][0] + 1].text == "第三部分"


def test_default_name_is_safe_for_windows(report):
    report.supp.fields["G01"] = 'A/B\\C:D*E?F"G<H>I|J. '
    name = report_filename(report)
    assert name == "ABCDEFGHIJ2024年度部门决算.docx"
    assert safe_stem("报告. . ") == "报告"
    assert safe_stem("CON") == "_CON"
    assert len(safe_stem("很长" * 200)) <= 80
    report.supp.fields["G01"] = "///"
    assert report_filename(report, fallback="工作簿") == "工作簿_报告.docx"


def test_never_writes_over_the_input(tmp_path):
    from juesuan.api import render_workbook
    wb = tmp_path / "c.xlsx"
    shutil.copyfile(EXAMPLES / "c_synthetic_2024.xlsx", wb)
    before = wb.read_bytes()
    result = render_workbook(wb, wb)
    assert result.docx is None and result.problems and "docx" in result.problems[0]
    result = render_workbook(wb, tmp_path / "." / "c.xlsx")
    assert result.docx is None
    same = tmp_path / "c.docx"
    same.symlink_to(wb)
    result = render_workbook(wb, same)
    assert result.docx is None and "输入的工作簿" in result.problems[0]
    assert wb.read_bytes() == before


def test_errors_stop_rendering_and_write_nothing(tmp_path):
    from juesuan.api import render_workbook
    wb = tmp_path / "a.xlsx"
    shutil.copyfile(EXAMPLES / "a_jingkai_2024.xlsx", wb)
    result = render_workbook(wb)
    assert result.check.errors > 0
    assert result.docx is None and not list(tmp_path.glob("*.docx"))


def test_template_override_and_broken_template(report, tmp_path, no_charts):
    override = tmp_path / "tpl"
    (override / "parts").mkdir(parents=True)
    (override / "parts" / "part4.j2").write_text(
        '{{ h(1, "第四部分 其他需要说明的情况") }}\n{{ subject }}本年度另有说明：{{ dept }}。\n', encoding="utf-8")
    out = tmp_path / "r.docx"
    render_report(report, out, override)
    text = all_text(Document(str(out)))
    assert "本部门本年度另有说明：某市文化体育局。" in text
    # A file directly in the folder (no parts/ sub-folder) works too.
    flat = tmp_path / "flat"
    flat.mkdir()
    (flat / "part6.j2").write_text('{{ h(1, "第六部分 附件") }}\n附件另行公开。\n', encoding="utf-8")
    render_report(report, out, flat)
    assert "附件另行公开。" in all_text(Document(str(out)))
    # A broken template: TemplateProblem in Chinese, the earlier file untouched.
    before = out.read_bytes()
    (override / "parts" / "part4.j2").write_text("{% if %}\n", encoding="utf-8")
    with pytest.raises(TemplateProblem) as err:
        render_report(report, out, override)
    assert "part4.j2" in str(err.value)
    assert out.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_broken_template_is_a_problem_not_a_traceback(tmp_path):
    from juesuan.api import render_workbook
    wb = tmp_path / "c.xlsx"
    shutil.copyfile(EXAMPLES / "c_synthetic_2024.xlsx", wb)
    override = tmp_path / "tpl"
    (override / "parts").mkdir(parents=True)
    (override / "parts" / "part1.j2").write_text("{{ no_such_value }}\n", encoding="utf-8")
    result = render_workbook(wb, templates_dir=override)
    assert result.docx is None and not list(tmp_path.glob("*.docx"))
    # the message names the maintainer's own file (the override), its line and the variable
    assert result.problems and result.problems[0].startswith("报告未生成：模板 ")
    assert f"{override / 'parts' / 'part1.j2'} 第1行：变量 no_such_value 未定义" in result.problems[0]


def test_settings_2020_order_and_brief_terms(report, no_charts):
    report.supp.fields["节序"] = "2020版"
    report.supp.fields["名词解释版式"] = "精简"
    report.supp.fields["封面语序"] = "年度在前"
    doc = build_document(report)
    heads = [b for b in doc.blocks if isinstance(b, Heading)]
    start = next(i for i, h in enumerate(heads) if h.text.startswith("第二部分"))
    level2 = [h.text for h in heads[start + 1:start + 10]]
    assert level2[6:9] == ["七、一般公共预算财政拨款“三公”经费支出决算表", "八、政府性基金预算财政拨款收入支出决算表",
                           "九、国有资本经营预算财政拨款支出决算表"]
    texts = [b.text for b in doc.blocks if isinstance(b, Para)]
    numbers = [b.number for b in doc.blocks if isinstance(b, TableMeta)]
    assert numbers == ["表1", "表2", "表3", "表4", "表5", "表6", "表7", "表8", "表9"]
    assert "（八）机关运行经费：指为保障行政单位（包括参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，" \
           "包括办公费、印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、" \
           "办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。" in texts
    assert doc.cover["year_first"] is True


def test_missing_explanation_is_flagged_never_a_placeholder(report, no_charts):
    report.supp.lists["M02"] = []
    row = report.t05.rows[-1]
    row.code = "2299999"  # not in the dictionary
    row.values = {"total": row.get("total") or 1, "basic": row.get("total") or 1}
    doc = build_document(report)
    line = next(b.text for b in doc.blocks if isinstance(b, Para) and "2299999" not in b.text
                and b.text.endswith("（项）") and "其他支出（类）" in b.text)
    assert "：" not in line.split("（项）")[-1]
    from juesuan.checks import run_checks
    assert any("2299999" in f.text() for f in run_checks(report))  # the check says what is wrong with it …
    assert not any(f.rule == "C-7" for f in doc.notes)  # … and the renderer does not say it again
    assert "XX" not in doc.text() and "（请" not in doc.text()


def test_keywork_table_in_part4(report, tmp_path, no_charts):
    from juesuan.model.report import Record
    report.supp.fields["W01"] = "重点工作完成情况"
    report.supp.lists["W03"] = [Record({"no": 1, "item": "全民健身", "goal": "办好运动会", "result": "已完成"})]
    out = tmp_path / "r.docx"
    render_report(report, out)
    doc = Document(str(out))
    assert "第四部分 2024年重点工作完成情况" in [t for _, t in headings(doc)]
    tables = [t for kind, t, _ in body_items(doc) if kind == "tbl"]
    key = next(t for t in tables if t.rows[0].cells[0].text == "序号")
    assert [c.text for c in key.rows[1].cells] == ["1", "全民健身", "办好运动会", "已完成"]


def test_cover_with_attachment_number_and_year_first(report, tmp_path, no_charts):
    report.supp.fields["G09"] = "附件1"
    report.supp.fields["G04"] = "单位决算"
    report.supp.fields["封面语序"] = "年度在前"
    out = tmp_path / "r.docx"
    render_report(report, out)
    doc = Document(str(out))
    cover = [p.text for p in doc.paragraphs[:6] if p.text]
    assert cover[:4] == ["附件1", "2024年度", "某市文化体育局单位决算", "2025年9月15日"]
    assert doc.paragraphs[0].style.name == "封面附件号"


def test_parts_templates_check(tmp_path):
    from juesuan.maintenance.templates_check import check_part_templates
    assert check_part_templates() == []
    bad = tmp_path / "tpl" / "parts"
    bad.mkdir(parents=True)
    (bad / "part1.j2").write_text("{{ h(1, 第一部分) }}\n{{ undefined_name }}\n", encoding="utf-8")
    problems = check_part_templates(bad.parent)
    assert problems and all("parts/part1.j2" in p for p in problems)


def test_a_chart_that_fails_is_left_out_not_fatal(report, tmp_path, monkeypatch):
    from juesuan.render.charts import draw as charts

    def broken(**kwargs):
        raise ValueError("坏数据")
    monkeypatch.setattr(charts, "bar_chart", broken)
    out = tmp_path / "r.docx"
    document = render_report(report, out)
    doc = Document(str(out))
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    # the two pies are shown, numbered on without a gap (issue 21)
    assert [c for c in captions] == ["图1：收入决算结构", "图2：支出决算结构"]
    assert len(doc.inline_shapes) == 2
    assert [f.rule for f in document.notes].count("R-CHART") == 2


def test_clean_report_has_no_leftover_findings(report, no_charts):
    doc = build_document(report)
    assert [f for f in doc.notes if f.rule == "R-LEFT"] == []
    report.supp.lists["W02"][0].values["body"] = "（请对本部门其他情况进行说明）"
    doc = build_document(report)
    assert any(f.rule == "R-LEFT" and "（请" in f.message for f in doc.notes)
