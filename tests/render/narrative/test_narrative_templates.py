"""Template maintenance: override folders, template errors with file and line, workbook text
printed literally, the section plan from sections.json, `make-report templates check|vars`, and
docs/TEMPLATE_VARIABLES.md being current."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLE_DATA
from juesuan.maintenance.examples import load_example, report_from_data
from juesuan.render.narrative import build_part3
from juesuan.maintenance.templates_vars import variables_markdown
from juesuan.spec.paths import templates_dir
from juesuan.templating.env import TemplateProblem
from juesuan_cli.main import cli

SHIPPED = templates_dir() / "narrative"
S10 = "s10_机关运行经费支出说明.j2"


@pytest.fixture(scope="module")
def example_a():
    return load_example(EXAMPLE_DATA / "a_jingkai_2024.json")


def _by_id(sections):
    return {s.id: s.paragraphs for s in sections}


@pytest.mark.parametrize("nested", [False, True], ids=["DIR/file", "DIR/narrative/file"])
def test_override_one_file_changes_that_section_only(tmp_path, example_a, nested):
    folder = tmp_path / "mine"
    target = (folder / "narrative" if nested else folder)
    target.mkdir(parents=True)
    text = (SHIPPED / S10).read_text(encoding="utf-8").replace("机关运行经费支出", "机关运行经费全年支出")
    (target / S10).write_text(text, encoding="utf-8")
    shipped = _by_id(build_part3(example_a))
    mine = _by_id(build_part3(example_a, folder))
    assert mine["s10"] == [shipped["s10"][0].replace("机关运行经费支出", "机关运行经费全年支出")]
    assert mine["s10"] != shipped["s10"]
    assert {k: v for k, v in mine.items() if k != "s10"} == {k: v for k, v in shipped.items() if k != "s10"}


def test_undefined_variable_names_file_line_and_variable(tmp_path, example_a):
    folder = tmp_path / "bad"
    folder.mkdir()
    lines = (SHIPPED / S10).read_text(encoding="utf-8").splitlines()
    lines.insert(1, "{{ yaer }}年度")  # a typo on line 2
    (folder / S10).write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(TemplateProblem) as err:
        build_part3(example_a, folder)
    problem = err.value
    assert Path(problem.template).name == S10 and Path(problem.template).parent == folder
    assert problem.line == 2
    assert "yaer" in problem.message and "未定义" in problem.message
    assert str(problem) == f"模板 {problem.template} 第2行：变量 yaer 未定义"


def test_missing_attribute_and_syntax_error_are_reported(tmp_path, example_a):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / S10).write_text("第一行\n{{ admin.amont|wan }}\n", encoding="utf-8")
    with pytest.raises(TemplateProblem) as err:
        build_part3(example_a, folder)
    assert err.value.line == 2 and "amont" in err.value.message
    (folder / S10).write_text("第一行\n第二行\n{% if admin.applicable %}没有结束\n", encoding="utf-8")
    with pytest.raises(TemplateProblem) as err:
        build_part3(example_a, folder)
    assert Path(err.value.template).name == S10 and err.value.line is not None
    assert "语法错误" in err.value.message


def test_filter_misuse_is_a_template_problem(tmp_path, example_a):
    folder = tmp_path / "bad"
    folder.mkdir()
    # 三公 is all zero in (a): a change that is 持平 has no 增减词
    (folder / "s09_1_三公经费财政拨款支出决算总体情况说明.j2").write_text(
        "较上年{{ sangong.total.prior|delta }}。\n", encoding="utf-8")
    with pytest.raises(TemplateProblem) as err:
        build_part3(example_a, folder)
    assert err.value.line == 1 and "持平" in err.value.message


def test_sandbox_blocks_python_internals(tmp_path, example_a):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / S10).write_text("{{ admin.__class__.__init__.__globals__ }}\n", encoding="utf-8")
    with pytest.raises(TemplateProblem):
        build_part3(example_a, folder)


def test_workbook_text_is_printed_as_written(example_a):
    hostile = "{{ 7*7 }}、{% if true %}真{% endif %}、A&B<C>"
    report = load_example(EXAMPLE_DATA / "a_jingkai_2024.json")
    report.supp.fields["R10"] = hostile + "。"
    report.supp.fields["R01"] = "第一条 {{ year }}\n第二条 <b>&amp;</b>"
    text = _by_id(build_part3(report))
    assert text["s10"][0].endswith(f"主要原因是：{hostile}。")
    assert "主要原因：一是第一条 {{ year }}；二是第二条 <b>&amp;</b>。" in text["s01"][0]
    assert "49" not in text["s10"][0] and "真、" not in text["s10"][0]


def test_section_plan_follows_settings(example_a):
    standard = build_part3(example_a)
    assert [(s.number, s.id) for s in standard if s.level == 1] == [
        ("一", "s01"), ("二", "s02"), ("三", "s03"), ("四", "s04"), ("五", "s05"), ("六", "s06"), ("七", "s07"),
        ("八", "s08"), ("九", "s09"), ("十", "s10"), ("十一", "s11"), ("十二", "s12"), ("十三", "s13")]
    assert [(s.number, s.title) for s in standard if s.id.startswith("s05_")] == [
        ("（一）", "一般公共预算财政拨款支出决算总体情况"), ("（二）", "一般公共预算财政拨款支出决算结构情况"),
        ("（三）", "一般公共预算财政拨款支出决算具体情况")]
    s05 = next(s for s in standard if s.id == "s05")
    assert s05.paragraphs == [] and s05.level == 1
    figures = {s.id: s.figures for s in standard if s.figures}
    # (a): all income is 财政拨款 (a one-slice pie): no 图 in 二 (issue 21); 图4 follows the second paragraph of 四
    assert figures == {"s01": [(0, "fig1")], "s03": [(0, "fig3")], "s04": [(1, "fig4")]}

    report = load_example(EXAMPLE_DATA / "a_jingkai_2024.json")
    report.supp.fields.update({"节序": "2020版", "十三小节": "三节", "含第十四节": "是"})
    old = build_part3(report)
    assert [(s.number, s.id) for s in old if s.level == 1][6:9] == [("七", "s09"), ("八", "s07"), ("九", "s08")]
    assert [(s.number, s.title) for s in old if s.id.startswith("s13_")] == [
        ("（一）", "预算绩效管理工作开展情况"), ("（二）", "单位决算中项目绩效自评结果"), ("（三）", "绩效评价结果应用情况")]
    last = old[-1]
    assert (last.number, last.id, last.title) == ("十四", "s14", "专项支出、转移支付支出情况说明")
    assert last.paragraphs == ["本单位无专项支出、转移支付支出。"]
    by = _by_id(old)
    # the three-section (一) holds the project and the whole-department paragraphs of the four-section text
    assert by["s13_1"] == _by_id(standard)["s13_1"] + _by_id(standard)["s13_2"]


def test_zero_pie_draws_no_figure():
    # no income at all: 二 is a bare sentence and 图2 (a pie of zeros) is not drawn
    report = report_from_data({"tables": {"T01": {"values": {"inc_grand": "10", "inc_begin": "10", "exp_end": "10",
                                                             "exp_grand": "10"}}},
                               "fields": {"G01": "某单位", "G03": 2024, "P01": "10"}})
    sections = {s.id: s for s in build_part3(report)}
    assert sections["s02"].paragraphs == ["2024年度收入合计0万元。"]
    assert sections["s02"].figures == [] and sections["s03"].figures == []
    assert sections["s01"].figures == [(0, "fig1")]
    # the 总计 is all carry-over: the sentence says so (表1 行27 0 + 行29 10; 本年支出 0 + 年末结转和结余 10)
    assert sections["s01"].paragraphs == ["2024年度收、支总计10万元，与2023年度持平。收入总计包括本年收入合计0万元和"
                                          "年初结转和结余10万元；支出总计包括本年支出合计0万元和年末结转和结余10万元。"]


def test_cli_templates_check_ok_and_with_problems(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(cli, ["templates", "check"])
    assert ok.exit_code == 0, ok.output
    assert "没有发现问题" in ok.output
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / S10).write_text("{{ admin.amount.current|wan }}{{ nonesuch }}\n", encoding="utf-8")
    (folder / "s99_typo.j2").write_text("x\n", encoding="utf-8")
    bad = runner.invoke(cli, ["templates", "check", str(folder)])
    assert bad.exit_code == 1
    assert f"{folder / S10} 第1行：变量 nonesuch 未定义" in bad.output
    assert "s99_typo.j2：报告不使用这个文件" in bad.output
    assert "Traceback" not in bad.output


def test_cli_templates_vars_lists_variables_filters_and_tests():
    out = CliRunner().invoke(cli, ["templates", "vars"])
    assert out.exit_code == 0
    for needle in ("overall.grand.rate  [Decimal | None]", "例：21.74", "gpb.items[i].completion.reason",
                   "|wan", "|reason", "is flat", "opts.places"):
        assert needle in out.output


def test_template_variables_doc_is_current(root):
    doc = (root / "docs" / "TEMPLATE_VARIABLES.md").read_text(encoding="utf-8")
    assert doc == variables_markdown(), "docs/TEMPLATE_VARIABLES.md 已过期：请运行 " \
        "make-report templates vars --markdown -o docs/TEMPLATE_VARIABLES.md"


def test_every_shipped_template_is_listed_in_sections_json():
    import json
    data = json.loads((SHIPPED / "sections.json").read_text(encoding="utf-8"))
    listed = {s["template"] for s in data["sections"] if s.get("template")}
    files = {p.name for p in SHIPPED.glob("s*.j2")}
    assert listed == files
    for name in files:  # the file name starts with the section id (golden files are named by id)
        assert any(name.startswith(s["id"] + "_") for s in data["sections"] if s.get("template") == name)


def test_report_without_prior_year_or_reasons_still_reads_well():
    report = report_from_data({"tables": {"T01": {"values": {"inc_grand": "10", "inc_total": "10"}},
                                          "T02": {"total": ["10", None, "10"]}},
                               "fields": {"G01": "某单位", "G03": 2024}})
    text = _by_id(build_part3(report))
    assert text["s01"] == ["2024年度收、支总计10万元。"]
    assert text["s02"] == ["2024年度收入合计10万元。其中：财政拨款收入0万元，占本年收入0%；上级补助收入10万元，占本年收入100%。"]
    assert text["s05_2"] == ["2024年度一般公共预算财政拨款支出0万元。"]


def test_make_report_with_templates_folder(tmp_path, examples):
    """The whole command: an edited copy changes the Word text; a broken one stops with file and line."""
    import docx

    folder = tmp_path / "mine"
    folder.mkdir()
    text = (SHIPPED / S10).read_text(encoding="utf-8").replace("机关运行经费支出", "机关运行经费全年支出")
    (folder / S10).write_text(text, encoding="utf-8")
    out = tmp_path / "report.docx"
    runner = CliRunner()
    ok = runner.invoke(cli, [str(examples / "c_synthetic_2024.xlsx"), "-o", str(out), "--templates", str(folder)])
    assert ok.exit_code == 0, ok.output
    from juesuan.render.docx.readback import plain
    paragraphs = [plain(p.text) for p in docx.Document(str(out)).paragraphs]
    assert any(p.startswith("2024年度某市文化体育局机关运行经费全年支出118.46万元") for p in paragraphs)

    (folder / S10).write_text("第一行\n{{ admin.amount.curent|wan }}\n", encoding="utf-8")
    bad = runner.invoke(cli, [str(examples / "c_synthetic_2024.xlsx"), "-o", str(tmp_path / "bad.docx"),
                              "--templates", str(folder)])
    assert bad.exit_code != 0
    assert f"{S10} 第2行：变量 admin.amount.curent 未定义" in bad.output
    assert "Traceback" not in bad.output and not (tmp_path / "bad.docx").exists()
