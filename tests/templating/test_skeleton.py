"""The document skeleton (templates/parts/document.j2) and the template folders a maintainer makes.

Each folder under tests/templating/overrides/ is one case a maintainer met: the 上海 skeleton made
with templates alone, and the faults that used to drop content without a word.  For every folder,
``templates check`` and a render of every example agree: each 警告 of the render is a problem of the
check, and the expected problems are there.
"""
from __future__ import annotations

import re

import pytest
from conftest import TESTS

from juesuan.maintenance.examples import example_reports
from juesuan.maintenance.templates_check import check_all
from juesuan.render.document import build_document
from juesuan.templating.env import TemplateProblem

pytestmark = pytest.mark.usefixtures("no_charts")

OVERRIDES = TESTS / "templating" / "overrides"
FOLDERS = sorted(p.name for p in OVERRIDES.iterdir() if p.is_dir())

# What check must say of each folder (fragments); an empty list: nothing at all.
EXPECTED = {
    "shanghai": [],
    "new_section": [],
    "orders_typo": ["节序“标准”中的“s9”没有对应的节"],
    "section_unlisted": ["节“s15”（其他重要事项说明）不在任何节序（orders）中"],
    "unknown_table": ['part2.j2 第7行：table("T10") 不是报告中的表', 'table("T09x") 没有对应的表',
                      "公开09表（T09）没有模板放置"],
    "heading_level": ["part1.j2 第9行：h(4, …) 的标题级别只能是 1、2、3"],
    "emptied_parts": ["第四部分的事项（W02", "整体绩效自评表（X01）没有模板放置", "项目绩效自评表（X02-…）没有模板放置",
                      "重点工作完成情况表（W03）没有模板放置"],
    "misplaced": ["parts/part_1.j2：报告不使用这个文件（是否想写 part1.j2？）",
                  "parts/s10_机关运行经费支出说明.j2：报告不使用这个文件（它是 narrative/ 下的文件"],
    "unknown_filter": ["parts/part1.j2 第21行：没有名为 wanyuan 的过滤器（是否想写 wan？）",
                       "s10_机关运行经费支出说明.j2 第25行：没有名为 wanyuan 的过滤器",
                       "s10_机关运行经费支出说明.j2 第25行：没有名为 flatt 的测试（是否想写 flat"],
    # branches no example reaches, driven by the check's own inputs (no 上年数, empty lists …)
    "unreached_branch": ["[输入：无比较值] 模板", "s01_收入支出决算总体情况说明.j2 第20行：金额为空（None）",
                         "[输入：空列表] 模板", "part4.j2 第19行：列表没有第 0 项"],
    # messages: the real cause, the right line, in Chinese
    "msg_missing_close": ["parts/part1.j2 第4行：模板语法错误：第4行的“{{”没有用“}}”结束（第5行遇到了“（”）；请补上“}}”"],
    "msg_unclosed_for": ["parts/part4.j2 第7行：模板语法错误：{% for %} 没有对应的 {% endfor %}：它结束之前就遇到了 "
                         "{% elif %}（第14行）"],
    "msg_endfi": ["s11_政府采购支出说明.j2 第15行：模板语法错误：不认识的标签 {% endfi %}，是否想写 {% endif %}？"],
    "msg_json": ["charts.json 第2行：JSON 格式错误（第11列）：这里应为用英文双引号括起的键名"],
    "msg_recursion": ["parts/part1.j2 第20行：模板调用自身的层数太多"],
    "msg_many_headings": ["msg_many_headings/parts/part1.j2 第21行：模板写的标题 h() 超过上限 5000 个"],
    # parts/tables.j2: the words of the 公开表
    "tables_renamed": [],
    "tables_unknown_id": ["tables_unknown_id/parts/tables.j2 第4行：titles 中的编号“T10”不是公开表（只能是 T01…T09）",
                          "parts/tables.j2 第6行：设定的 tittles 不是这个文件使用的名称，没有使用（是否想写 titles",
                          "parts/tables.j2 第7行：notes 应写成按表的"],
    "two_titles": ["公开01表（T01）上方的标题“一、收支总表”与表格自己的表名“收入支出决算总表”不同"],
}


def _same(text: str) -> str:
    return re.sub(r"“[^”]*”", "“…”", text)


@pytest.fixture(scope="module")
def reports():
    return example_reports()


def test_every_folder_has_its_expectation():
    assert set(FOLDERS) == set(EXPECTED)


@pytest.mark.parametrize("folder", FOLDERS)
def test_check_says_what_the_render_warns(folder, reports):
    problems = check_all(OVERRIDES / folder)
    joined = "\n".join(problems)
    for fragment in EXPECTED[folder]:
        assert fragment in joined, (fragment, problems)
    if not EXPECTED[folder]:
        assert problems == []
    assert len(problems) == len(set(problems)) == len({_same(p) for p in problems})  # each problem once
    assert not re.search("[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}", joined)  # no English sentence (Jinja's, json's)
    for label, report in reports:
        try:
            document = build_document(report, OVERRIDES / folder)
        except TemplateProblem as exc:
            assert str(exc) in joined, (label, str(exc))
            continue
        for note in document.notes:
            if note.rule == "R-TEMPLATE":
                # the check tells a fault once, quoting the first example's text; a call it found in
                # the template's text (h(4, …), table("T10")) is told with the file and line instead
                call = re.match(r'模板中 (h\(\d+, …\)|table\("[^"]*"\))', note.message)
                told = [p for p in problems if _same(note.message) in _same(p) or call and call.group(1) in p]
                assert told, (label, note.message, problems)


def test_shipped_templates_warn_of_nothing(reports):
    assert check_all(None) == []
    for _, report in reports:
        assert not [n for n in build_document(report).notes if n.rule == "R-TEMPLATE"]


def test_shanghai_skeleton_from_templates_alone(reports):
    """上海 2024: 第一部分 概况, 第二部分 九张表, 第三部分 情况说明 (十 预算绩效, 十一 其他重要事项),
    第四部分 名词解释; no 第五/第六部分 — a folder of templates, no Python."""
    for label, report in reports:
        document = build_document(report, OVERRIDES / "shanghai")
        parts = [h.text for h in document.headings(1)]
        assert [t[:4] for t in parts] == ["第一部分", "第二部分", "第三部分", "第四部分"], (label, parts)
        assert parts[0].endswith("概况") and parts[1].endswith("表") and parts[2].endswith("情况说明")
        assert parts[3] == "第四部分 名词解释"
        text = document.text()
        assert "第五部分" not in text and "第六部分" not in text
        seconds = [h.text for h in document.headings(2) if h.level == 2]
        after = seconds[seconds.index("一、收入支出决算总体情况说明"):]
        assert after[-2:] == ["十、预算绩效管理情况", "十一、其他重要事项的情况说明"], (label, after)
        assert after[6] == "七、财政拨款“三公”经费支出决算情况说明"
        # 第二部分: the nine tables in 上海's order, 三公 as 七, 表6 by 上海's name (parts/tables.j2)
        tables = seconds[seconds.index("一、收入支出决算总表"):][:9]
        assert tables[5:] == ["六、一般公共预算财政拨款基本支出决算表", "七、财政拨款“三公”经费支出决算表",
                              "八、政府性基金预算财政拨款收入支出决算表", "九、国有资本经营预算财政拨款支出决算表"], tables
        lines = [b.text for b in document.blocks if getattr(b, "style", None) == "表格标题"]
        assert [t[len(str(report.year)) + 2:] for t in lines] == [t.split("、", 1)[1] for t in tables], lines
        assert "注：本表反映部门本年度“三公”经费支出预决算情况。" in text.split("\n")
        assert not [n for n in document.notes if n.rule == "R-TEMPLATE"], label  # omit() said so


def test_shipped_skeleton_order():
    from juesuan.spec.paths import templates_dir
    text = (templates_dir() / "parts" / "document.j2").read_text(encoding="utf-8")
    includes = [line.split('"')[1] for line in text.splitlines() if line.startswith("{% include")]
    assert includes == ["parts/part1.j2", "parts/part2.j2", "parts/part3_title.j2", "parts/part4.j2",
                        "parts/part5_brief.j2", "parts/part5_standard.j2", "parts/part6.j2"]


def test_dropped_content_is_a_warning_at_render(reports):
    label, report = next((lab, r) for lab, r in reports if r.supp.records("W02"))
    notes = [n.message for n in build_document(report, OVERRIDES / "emptied_parts").notes if n.rule == "R-TEMPLATE"]
    assert any("（W02，如“" in m for m in notes), notes
    assert any("整体绩效自评表（X01）" in m for m in notes), notes


def test_heading_level_out_of_range_is_not_an_internal_error(reports):
    _, report = reports[0]
    document = build_document(report, OVERRIDES / "heading_level")
    assert any(h.text == "（一）单位构成" and h.level == 3 for h in document.headings())
    assert any("h(4, …) 的标题级别 4 超出范围" in n.message for n in document.notes)


def test_new_section_listed_in_sections_json_is_used(reports):
    _, report = reports[2]
    document = build_document(report, OVERRIDES / "new_section")
    assert "本年度无其他重要事项。" in document.text()


def test_the_part_that_lists_the_glossary_is_read_from_the_skeleton():
    from juesuan.templating.resolve import part_of
    from juesuan.templating.template_set import Templates
    assert part_of(Templates().parts_env) == "第五部分"
    assert part_of(Templates(OVERRIDES / "shanghai").parts_env) == "第四部分"
    assert part_of(Templates().parts_env, "no_such_name") is None


def test_too_many_paragraphs_names_the_part_that_wrote_them(reports, tmp_path):
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "part4.j2").write_text(
        '{{ h(1, part_no ~ " 其他") }}\n{% for i in range(10000) %}{% for k in range(6) %}\n第{{ i }}段\n{% endfor %}{% endfor %}\n'
        '{{ omit("W02", "W03") }}\n', encoding="utf-8")
    with pytest.raises(TemplateProblem) as info:
        build_document(reports[0][1], tmp_path)
    assert info.value.template.endswith("part4.j2") and "模板写的段落超过上限 50000 个" in info.value.message
