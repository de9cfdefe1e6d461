"""Issue 21: sentences an approving 财政局 reviewer struck, each reproduced on an example workbook
and shown fixed.  Expected text written by hand from the example's tables (example b: 表5 类 201
= 362.1, 208 = 42.69, 210 = 27.74, 213 = 5, 221 = 27.85)."""
from __future__ import annotations

import re

import pytest
from conftest import EXAMPLE_DATA

from juesuan.checks import run_checks
from juesuan.maintenance.examples import load_example
from juesuan.model.report import Record
from juesuan.render.narrative import build_part3
from juesuan.render.selfeval import overall_grid, project_grid, ticks


def _report(stem: str = "b_hanyang_2024", **fields):
    report = load_example(EXAMPLE_DATA / f"{stem}.json")
    report.supp.fields.update(fields)
    return report


def _section(report, sid: str) -> list[str]:
    return next(s.paragraphs for s in build_part3(report) if s.id == sid)


def _by_class(report, rows):
    report.supp.lists["B02"] = [Record(dict(r)) for r in rows]


CLASS_ROWS = [
    {"code": "201", "budget": "324.15", "reason": "增加财政代扣全区行政事业单位工会经费"},
    {"code": "208", "budget": "47.59", "reason": "财政收回职业年金缴费支出指标"},
    {"code": "210", "budget": "28.48"},
    {"code": "213", "budget": "5"},
    {"code": "221", "budget": "27.93"},
]


def test_class_budgets_keep_their_reasons():
    """S09 = 类级, “项级预算” coded by 类: the 类 row is compared with the 类 决算 (362.1, not 0) and
    its reason is printed (b prints 1 decimal: 362.1 ÷ 324.15 = 111.71 → 111.7%; 42.69 ÷ 47.59 = 89.70 → 89.7%)."""
    report = _report(五三粒度="类级")
    _by_class(report, CLASS_ROWS)
    lines = [p for p in _section(report, "s05_3") if p[:2] in ("1.", "2.", "3.")]
    assert lines[0] == ("1.一般公共服务支出（类）。年初预算为324.15万元，支出决算为362.1万元，完成年初预算的111.7%，"
                        "支出决算数大于年初预算数的主要原因是增加财政代扣全区行政事业单位工会经费。")
    assert lines[1] == ("2.社会保障和就业支出（类）。年初预算为47.59万元，支出决算为42.69万元，完成年初预算的89.7%，"
                        "支出决算数小于年初预算数的主要原因是财政收回职业年金缴费支出指标。")


def test_class_level_asks_for_missing_reasons():
    """In 类级 mode S-8 asks for the reason of a deviating 类 line (201 without its reason)."""
    report = _report(五三粒度="类级")
    rows = [dict(r) for r in CLASS_ROWS]
    del rows[0]["reason"]
    _by_class(report, rows)
    s8 = [f for f in run_checks(report) if f.rule == "S-8" and "第五节（三）" in f.message]
    assert len(s8) == 1 and "201" in s8[0].message and "111.7%" in s8[0].message


def test_class_reason_from_its_items_when_the_class_row_has_none():
    """项 rows under 类级: a 项 reason that points the way of its 类 line is the 类 line's reason."""
    report = _report(五三粒度="类级")
    lines = [p for p in _section(report, "s05_3") if p.startswith("1.")]
    # 201: 232.12 + 30.34 = 262.46 → 362.1 (137.96 → 138%, over); 2012902 (30.34 → 143.47) is over, 2012901 (232.12 → 218.63) under
    assert lines == ["1.一般公共服务支出（类）。年初预算为262.46万元，支出决算为362.1万元，完成年初预算的138%，"
                     "支出决算数大于年初预算数的主要原因：一是增加财政代扣全区行政事业单位工会经费120万元；"
                     "二是精减职工服务中心和综合保障经费项目支出6.87万元。"]


def test_class_codes_under_item_level_become_class_lines():
    """S09 = 项级 (default) with 类 codes typed in “项级预算”: never 「支出决算为0万元，完成年初预算的0%」;
    the lines are 类 lines and S-23 (提示) says why."""
    report = _report()
    _by_class(report, CLASS_ROWS)
    text = "\n".join(_section(report, "s05_3"))
    assert "支出决算为0万元" not in text and not re.search(r"的0%", text)
    assert "1.一般公共服务支出（类）。年初预算为324.15万元，支出决算为362.1万元" in text
    [hint] = [f for f in run_checks(report) if f.rule == "S-23"]
    assert hint.severity == "提示" and "201" in hint.message and "按类" in hint.message


def test_item_level_unchanged_without_class_codes():
    report = _report()
    assert not [f for f in run_checks(report) if f.rule in ("S-23", "S-24", "S-25", "S-26")]


def test_no_tick_the_workbook_did_not_give():
    """项目属性/项目类型 left blank: every box empty (no invented “常年性项目 ☑”)."""
    assert "☑" not in ticks(("持续性项目", "新增性项目"), None)
    assert ticks(("持续性项目", "新增性项目"), "新增性项目") == "1.持续性项目 □  2.新增性项目 ☑"
    report = _report()
    cells = [str(c) for row in project_grid(report, report.supp.records("E10")[0], "").rows for c in row if c]
    assert not any("☑" in c for c in cells)


def test_twenty_point_scores_are_not_printed_as_totals():
    """A project score of 20 (the 预算执行 sub-score) and an E06 of 18 are findings, never
    「绩效自评得分为20分」 or 「综合得分18分」, and the 自评表 prints no such 总分."""
    report = _report("d_carryover_2024", E06="18")
    report.supp.lists["E10"][0].values["score"] = "20"
    text = "\n".join(_section(report, "s13_3") + _section(report, "s13_2"))
    assert "得分为20分" not in text and "综合得分18分" not in text
    s24 = [f for f in run_checks(report) if f.rule == "S-24"]
    assert len(s24) == 2 and all("不超过 20 分" in f.message for f in s24)
    cells = [str(c) for row in project_grid(report, report.supp.records("E10")[0], "").rows for c in row if c]
    assert "总分" not in cells


def test_execution_over_100_percent():
    """Example b: 465.38 ÷ 360.05 = 129.25% (b prints 1 decimal: 129.3%); 14.15 is set by the region's
    over-spending rule, so the 自评表 header no longer says 20分*执行率 above it."""
    report = _report()
    cells = [str(c) for row in overall_grid(report, "").rows for c in row if c]
    assert "129.3%" in cells and "14.15" in cells and "得分（20分*执行率）" not in cells
    assert "得分（满分20分）" in cells
    report = _report("a_jingkai_2024")  # 397.33 ÷ 453.61 = 87.59%: the official header stays
    cells = [str(c) for row in overall_grid(report, "").rows for c in row if c]
    assert "得分（20分*执行率）" in cells


def test_unit_count_that_disagrees_with_the_list_is_not_stated():
    report = _report(E04=4)  # 二级单位 lists 2
    assert not any("4个部门（单位）" in p for p in _section(report, "s13_2"))
    assert any(f.rule == "S-25" for f in run_checks(report))


def test_plan_claim_beside_a_project_far_from_its_budget():
    report = _report(E03="各项目均按计划完成")  # 职工服务中心工作经费 4.25 ÷ 7 = 60.71%
    [f] = [f for f in run_checks(report) if f.rule == "S-26"]
    assert "60.71%" in f.message


def test_full_coverage_only_is_called_全面():
    report = _report()
    report.supp.fields["E02"] = "146"  # of 150.2 项目支出: 97.2%
    [p] = _section(report, "s13_1")[:1]
    assert "全面开展" not in p and "开展绩效自评" in p


def test_flat_twice_and_the_flat_word():
    """三公 all 0 with 零分母比率写法 = 100%: one 持平 per sentence, 「与上年」 not 「较上年」."""
    report = _report(零分母比率写法="100%")
    text = "\n".join(_section(report, "s09_1") + _section(report, "s09_2"))
    assert "较上年持平" not in text
    assert "2024年度“三公”经费财政拨款支出全年预算为0万元，支出决算为0万元，与全年预算和上年均持平。" in text
    assert all(s.count("持平") <= 1 for s in text.split("。"))


def test_running_cost_change_gets_its_reason():
    """机关运行经费 up on the prior year: R10-2 explains the change; R10 (the reason for a deviation
    from the 年初预算) never does — “增加3万元，主要原因是严格执行预算” was struck by a reviewer."""
    report = _report("d_carryover_2024")
    [p] = _section(report, "s10")
    assert p.endswith("与2023年度相比，机关运行经费增加3万元，上升9.38%，主要原因是新增职工服务阵地日常运行费用。")
    report = _report("d_carryover_2024", **{"R10": "严格执行预算。", "R10-2": ""})
    [p] = _section(report, "s10")
    assert p.endswith("与2023年度相比，机关运行经费增加3万元，上升9.38%。") and "严格执行预算" not in p
    # a deviation from the budget and a change on the prior year: each its own reason, once
    report = _report("d_carryover_2024", B03="40.00", R10="部分活动合并举办。")
    [p] = _section(report, "s10")
    assert p == ("2024年度某区总工会机关运行经费支出35万元，比年初预算数减少5万元，下降12.5%。"
                 "主要原因是：部分活动合并举办。与2023年度相比，机关运行经费增加3万元，上升9.38%，"
                 "主要原因是新增职工服务阵地日常运行费用。")


def test_one_caliber_per_report():
    report = _report("d_carryover_2024")  # G04 = 单位决算
    text = "\n".join(p for s in build_part3(report) for p in s.paragraphs)
    assert "部门决算" not in text and "单位决算" in text


def test_trailing_zeros_follow_s02():
    report = _report("a_jingkai_2024")
    [p] = _section(report, "s03")
    assert "62.8%" in p and "62.80%" not in p
    report = _report("a_jingkai_2024", 百分比保留尾零="是")
    [p] = _section(report, "s03")
    assert "62.80%" in p


def test_one_slice_pie_is_not_drawn_and_figures_are_numbered_on():
    """Example a: all income is 财政拨款 (397.33 = 397.33): the sentence says 「占本年收入100%」, no 图2
    pie repeats it, and the captions run 图1, 图2, 图3 without a gap."""
    from juesuan.render.blocks import Para
    from juesuan.render.document import build_document
    from juesuan.render.docx import styles as S
    doc = build_document(_report("a_jingkai_2024"))
    captions = [b.text for b in doc.blocks if isinstance(b, Para) and b.style == S.CAPTION]
    assert captions == ["图1：收、支决算总计变动情况", "图2：支出决算结构", "图3：财政拨款收、支决算总计变动情况"]
    assert "占本年收入100%" in "\n".join(_section(_report("a_jingkai_2024"), "s02"))
