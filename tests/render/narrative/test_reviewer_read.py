"""Second reviewer's read (issue 21 “Done when”): sentences that were right only for the examples'
numbers, each reproduced on a variant of an example workbook and shown fixed.  docs/REVIEW.md
lists what was read and what was judged fine."""
from __future__ import annotations

from decimal import Decimal

from conftest import EXAMPLE_DATA

from juesuan.maintenance.examples import load_example
from juesuan.render.lint import lint_paragraph
from juesuan.render.narrative import build_part3


def _report(stem: str = "c_synthetic_2024", **fields):
    report = load_example(EXAMPLE_DATA / f"{stem}.json")
    report.supp.fields.update(fields)
    return report


def _section(report, sid: str) -> list[str]:
    return next(s.paragraphs for s in build_part3(report) if s.id == sid)


def test_running_cost_reason_needs_a_budget_to_deviate_from():
    """B03 (年初预算) blank: no comparison is written, so R10 has nothing to explain.
    Before: 「…机关运行经费支出118.46万元。主要原因是：严格落实过紧日子要求，压减会议费、差旅费等支出。」"""
    [p] = _section(_report(B03=None), "s10")
    assert p == "2024年度某市文化体育局机关运行经费支出118.46万元。"
    assert lint_paragraph(p) == []


def test_running_cost_zero_on_zero_budget_is_flat_not_100_percent():
    """B03 = 0 and B04 = 0: 0 ÷ 0 is no completion rate.
    Before: 「…机关运行经费支出0万元，完成年初预算的100%。」"""
    [p] = _section(_report(B03="0", B04="0"), "s10")
    assert p == "2024年度某市文化体育局机关运行经费支出0万元，与年初预算持平。"


def test_no_reason_without_a_prior_year_figure():
    """上年数 (P01–P08) blank: nothing is compared, so R01–R06 are not printed after the bare amount.
    Before: 「2024年度收、支总计1756.3万元，主要原因：一是新增国有资本经营预算财政拨款支出…」,
    「2024年度一般公共预算财政拨款支出1314.45万元，占本年支出合计的78.81%。主要原因是严格落实…」"""
    blank = {k: None for k in ("P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08")}
    report = _report(**blank)
    for sid in ("s01", "s02", "s03", "s04", "s05_1"):
        for p in _section(report, sid):
            assert "原因" not in p, (sid, p)
            assert lint_paragraph(p) == [], (sid, p)
    # the same sections keep their reasons when the prior year is given
    assert "主要原因" in _section(_report(), "s05_1")[0]


def test_no_project_evaluation_filled_is_not_zero_projects():
    """E01/E02 blank and “项目自评” empty (S-11 warns): no 「共涉及项目0个，资金0万元，占…的0%」 and
    no 「共涉及0个一级项目」; with no 项目支出 in 表5 the section says there is nothing to evaluate."""
    report = _report("b_hanyang_2024", E01=None, E02=None)
    report.supp.lists["E10"] = []
    text = "\n".join(_section(report, "s13_1") + _section(report, "s13_2"))
    assert "0个" not in text and "资金0万元" not in text and "的0%" not in text
    assert "根据预算绩效管理要求，本部门组织对2024年度一般公共预算项目支出开展绩效自评。" in text
    assert "本部门在2024年度部门决算中反映所有项目绩效自评结果（不包括涉密项目）。" in text
    t05 = report.tables["T05"]
    t05.total["basic"], t05.total["project"] = t05.total["total"], Decimal(0)
    for row in t05.rows:
        row.values["basic"], row.values["project"] = row.values.get("total"), Decimal(0)
    [first, *_] = _section(report, "s13_1")
    assert first.startswith("本部门2024年度无一般公共预算项目支出，不涉及项目支出绩效自评。")


def test_item_budgets_not_filled_are_not_printed_as_zero():
    """“项级预算” left empty while B01 = 360.05: the workbook gives no 项 budget.
    Before: 「1.一般公共服务支出（类）群众团体事务（款）行政运行（项）。年初预算为0万元，支出决算为218.63万元。」
    ten times under 「年初预算为360.05万元」."""
    report = _report("b_hanyang_2024")
    report.supp.lists["B02"] = []
    lines = [p for p in _section(report, "s05_3") if p[:1].isdigit() and "（项）。" in p]
    assert lines[0] == "1.一般公共服务支出（类）群众团体事务（款）行政运行（项）。支出决算为218.63万元。"
    assert len(lines) == 10 and not any("年初预算为0万元" in p for p in lines)


def test_item_budgets_filled_with_zero_keep_their_reasons():
    """“项级预算” filled, every 年初预算 0 but reasons written: the sheet was filled, the budgets are 0,
    and each reason stays (found by the property test: 「…行政运行（项）。支出决算为0.01万元。」 had lost
    its reason “人员增加”)."""
    report = _report("b_hanyang_2024")
    for rec in report.supp.lists["B02"]:
        rec.values["budget"] = "0.00"
    lines = [p for p in _section(report, "s05_3") if p[:1].isdigit() and "（项）。" in p]
    assert lines[0] == ("1.一般公共服务支出（类）群众团体事务（款）行政运行（项）。年初预算为0万元，支出决算为218.63万元，"
                        "支出决算数大于年初预算数的主要原因是1名在职人员转退休。")


def test_borrowed_reason_only_for_a_change_the_same_way():
    """R05/R06 blank: the text used to borrow R04 (why the 财政拨款 total rose) for a fall.
    Before: 「一般公共预算财政拨款收入1314.45万元，比2023年度决算数减少37.95万元，下降2.81%，主要原因是新增国有资本
    经营预算财政拨款。」 and 「…支出减少4.7万元，下降0.35%。主要原因是新增国有资本经营预算财政拨款。」;
    S-8 now asks for R05 and R06 instead."""
    from juesuan.checks import run_checks
    report = _report(R05=None, R06=None)
    [_, funds] = _section(report, "s04")
    assert funds.startswith("2024年度财政拨款收入中，一般公共预算财政拨款收入1314.45万元，比2023年度决算数减少37.95万元，"
                            "下降2.81%。政府性基金")
    [p] = _section(report, "s05_1")
    assert p.endswith("一般公共预算财政拨款支出减少4.7万元，下降0.35%。")
    s8 = [f.message for f in run_checks(report) if f.rule == "S-8"]
    assert any("R05" in m for m in s8) and any("R06" in m for m in s8)
    # a change the same way still borrows: R03 blank, 支出合计 up like 收、支总计 (R01)
    [p] = _section(_report(R03=None), "s03")
    assert "主要原因：一是新增国有资本经营预算财政拨款支出；二是全市运动会等重点文体活动支出增加。" in p
    assert not [m for m in run_checks(_report(R03=None)) if m.rule == "S-8"]


def test_sangong_prior_reason_needs_a_prior_year_figure():
    """P09-1 blank: nothing is compared with the prior year, so R09-1 is not printed — and never
    under the direction word 持平 the workbook does not give.
    Before: 「…完成全年预算的89.69%。…决算数与上年持平的主要原因是本年更新1辆超过使用年限的执法执勤用车。」"""
    [p] = _section(_report(**{"P09-1": None}), "s09_1")
    assert "上年" not in p
    assert p == ("2024年度“三公”经费财政拨款支出全年预算为65万元，支出决算为58.3万元，完成全年预算的89.69%。"
                 "决算数小于全年预算数的主要原因是严格执行中央八项规定精神，压减“三公”经费支出。")
