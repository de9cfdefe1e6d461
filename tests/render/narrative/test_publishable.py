"""Issue 12 cases that are not a whole golden section: the self-evaluation tables without empty
frames, 名词解释 covering the 项 of 表7/表8, 第十节 with the prior year, the joining filters, and
`templates check` running the text lint on the parts templates.  Expected text written by hand.
"""
from __future__ import annotations


import pytest
from conftest import EXAMPLE_DATA, TEMPLATES

from juesuan.maintenance.examples import load_example
from juesuan.model.report import Record
from juesuan.render.narrative import build_part3
from juesuan.templating.join import lead_in, sentence_body, suffixed



def _report(stem: str, **fields):
    report = load_example(EXAMPLE_DATA / f"{stem}.json")
    report.supp.fields.update(fields)
    return report


def _cells(grid) -> list[str]:
    return [str(c) for row in grid.rows for c in dict.fromkeys(row) if c not in (None, "")]


# -- joining workbook text -----------------------------------------------------------------------
@pytest.mark.parametrize("text,lead,expected", [
    ("一是走访慰问；二是发放资金。", "主要成效是", "主要成效：一是走访慰问；二是发放资金"),
    ("1.走访慰问；2.发放资金", "主要成效是", "主要成效：1.走访慰问；2.发放资金"),
    ("（1）走访慰问", "主要成效是", "主要成效：（1）走访慰问"),
    ("主要是保障工作开展。", "主要成效是", "主要成效是保障工作开展"),
    ("主要用于保障工作开展", "主要成效是", "主要成效：主要用于保障工作开展"),
    ("主要成效是保障工作开展。", "主要成效是", "主要成效是保障工作开展"),
    ("主要成效是主要是保障工作。。", "主要成效是", "主要成效是保障工作"),
    ("主要成效：一是A；二是B", "主要成效是", "主要成效：一是A；二是B"),
    ("保障工作开展。。", "主要成效是", "主要成效是保障工作开展"),
    ("一是安排专人入驻", "主要产出和效益是：", "主要产出和效益：一是安排专人入驻"),
    ("保障职工日常工作运转", "主要产出和效益是：", "主要产出和效益是：保障职工日常工作运转"),
    ("1.5万元用于慰问", "主要成效是", "主要成效是1.5万元用于慰问"),  # a number, not an enumeration
    ("", "主要成效是", ""),
    (None, "主要成效是", ""),
])
def test_lead_in(text, lead, expected):
    assert lead_in(text, lead) == expected


def test_suffixed_and_sentence_body():
    assert suffixed("职工服务项目", "项目") == "职工服务项目"
    assert suffixed("职工服务", "项目") == "职工服务项目"
    assert suffixed(" 职工服务 ", "项目") == "职工服务项目"
    assert sentence_body("保障职工日常工作运转。；") == "保障职工日常工作运转"


def test_joining_filters_in_the_parts_templates_too():
    from juesuan.templating.template_set import Templates
    t = Templates()
    for env in (t.parts_env, t.narrative_env):
        assert env.from_string('{{ "职工服务项目"|suffixed("项目") }}').render() == "职工服务项目"
        assert env.from_string('{{ x|lead_in("主要成效是") }}').render(x="一是A；二是B。") == "主要成效：一是A；二是B"


def test_project_named_with_xiangmu_is_not_doubled(monkeypatch):
    import juesuan.render.narrative_blocks as nb
    from juesuan.render.blocks import Heading
    from juesuan.render.document import build_document
    monkeypatch.setattr(nb, "chart_pictures", lambda *a, **k: {})
    doc = build_document(_report("d_carryover_2024"))
    heads = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert "二、2024年度职工帮扶项目绩效自评表" in heads
    assert "三、2024年度工会业务工作经费项目绩效自评表" in heads
    assert "项目项目" not in doc.text()


# -- self-evaluation tables: the indicators that exist, no empty frame ---------------------------
def test_selfeval_table_prints_only_filled_goals_and_rows():
    from juesuan.render.selfeval import overall_grid, project_grid
    report = _report("d_carryover_2024")
    cells = _cells(overall_grid(report, "备注"))
    assert "年度绩效目标1：（75分）保障机关正常运转，完成年度工会重点工作" in cells
    assert [c for c in cells if c.startswith("年度绩效目标")] == ["年度绩效目标1：（75分）保障机关正常运转，完成年度工会重点工作"]
    assert "走访慰问困难职工人次" in cells and "职工满意度" in cells
    assert "95" in cells  # 总分 E06
    # a project with no indicators and no score: no goal line, no indicator header, no blank 总分 row
    project = Record({"name": "新项目", "budget": "10", "spent": "10", "output": "完成"})
    cells = _cells(project_grid(report, project, "备注"))
    assert not any(c.startswith("年度绩效目标") for c in cells)
    assert "年度绩效指标" not in cells and "一级指标" not in cells
    assert "总分" not in cells and "偏差大或目标未完成原因分析" not in cells
    assert "备注" in cells and "新项目" in cells
    # a goal without description (a: 「年度绩效目标1：（80分）」 in the published form) prints no goal line
    a = _report("a_jingkai_2024")
    cells = _cells(overall_grid(a, "备注"))
    assert not any(c.startswith("年度绩效目标") for c in cells)
    assert "年度绩效指标" in cells  # its indicator rows are still there


def test_blank_indicator_rows_are_left_out():
    from juesuan.render.selfeval import overall_grid
    report = _report("d_carryover_2024")
    report.supp.lists["X"].append(Record({"owner": "整体", "goal_no": 1}))
    before = len(overall_grid(_report("d_carryover_2024"), "备注").rows)
    assert len(overall_grid(report, "备注").rows) == before


# -- 名词解释: every 功能分类 code the tables print -------------------------------------------------
def test_terms_explain_codes_only_in_tables_7_and_8():
    from juesuan.render.parts import used_subjects
    lines = used_subjects(_report("c_synthetic_2024"))
    codes = [s.code for s in lines]
    assert {"2296003", "2296099", "2230105"} <= set(codes)
    assert codes == sorted(codes)
    line = next(s for s in lines if s.code == "2296003")
    assert (line.cls, line.kuan, line.item) == ("其他支出", "彩票公益金安排的支出", "用于体育事业的彩票公益金支出")
    assert line.explanation == "反映用于体育事业的彩票公益金支出。"


# -- 第十节 ------------------------------------------------------------------------------------------
def _s10(stem: str, **fields) -> str:
    return {s.id: s.paragraphs for s in build_part3(_report(stem, **fields))}["s10"][0]


def test_admin_cost_equal_to_budget_has_no_reason_and_compares_with_prior_year():
    # d: 35 = B03 35, no budget reason; P12 32 → 增加3万元, 3 ÷ 32 = 9.375 → 9.38%, reason R10-2
    why = "新增职工服务阵地日常运行费用"
    assert _s10("d_carryover_2024") == ("2024年度某区总工会机关运行经费支出35万元，完成年初预算的100%。"
                                        f"与2023年度相比，机关运行经费增加3万元，上升9.38%，主要原因是{why}。")
    assert _s10("d_carryover_2024", P12="35.00").endswith("完成年初预算的100%。机关运行经费与2023年度持平。")
    assert _s10("d_carryover_2024", P12="0").endswith(f"机关运行经费比2023年度增加35万元，主要原因是{why}。")
    assert _s10("d_carryover_2024", **{"R10-2": ""}).endswith("机关运行经费增加3万元，上升9.38%。")
    # c: 118.46 vs B03 125 → reason printed; 118.46 vs P12 130 → 减少11.54万元, 11.54 ÷ 130 = 8.8769 → 8.88%
    assert _s10("c_synthetic_2024", P12="130.00", 升降词风格="增长降低") == (
        "2024年度某市文化体育局机关运行经费支出118.46万元，比年初预算数减少6.54万元，降低5.23%。"
        "主要原因是：严格落实过紧日子要求，压减会议费、差旅费等支出。"
        "与2023年度相比，机关运行经费减少11.54万元，降低8.88%。")


def test_parts_templates_check_runs_the_text_lint(tmp_path):
    from juesuan.maintenance.templates_check import check_part_templates
    folder = tmp_path / "tpl" / "parts"
    folder.mkdir(parents=True)
    shipped = TEMPLATES / "parts" / "part6.j2"
    text = shipped.read_text(encoding="utf-8").replace('name|suffixed("项目") ~ "绩效自评表"', 'name ~ "项目项目绩效自评表"')
    (folder / "part6.j2").write_text(text, encoding="utf-8")
    problems = check_part_templates(folder.parent)
    assert problems and any("词语重复（“项目项目”）" in p and "第六部分" in p for p in problems)
