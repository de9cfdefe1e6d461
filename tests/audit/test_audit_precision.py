"""A claim is matched to the figure its own sentence names: the total of 五（三） even after a 类 was
named earlier in the paragraph; a change 「比2023年度」 against the prior year, 「比年初预算」 against the
budget; 人员经费 / 公用经费 in 五 and each “三公” line by name in 九（一） are matched, not left unmatched."""
from __future__ import annotations

from conftest import EXAMPLE_DATA

from juesuan.audit import UNMATCHED, WRONG, audit_paragraphs
from juesuan.maintenance.examples import load_example


def _report():
    return load_example(EXAMPLE_DATA / "c_synthetic_2024.json")


def _audit(section_heading: str, *sentences: str):
    report = _report()
    verdicts, _ = audit_paragraphs(["第三部分 情况说明", "五、一般公共预算财政拨款支出决算情况说明", section_heading,
                                    *sentences], report)
    return verdicts


def test_total_named_in_its_sentence_wins_over_a_class_named_before():
    """(c): 年初预算 1238.44, 决算 1337.15, 107.97%; 教育支出（类） was named earlier in the paragraph."""
    vs = _audit("（三）一般公共预算财政拨款支出决算具体情况",
                "1.教育支出（类）进修及培训（款）培训支出（项）。年初预算为20万元，支出决算为18.6万元，完成年初预算的93%。"
                "2024年度一般公共预算财政拨款支出年初预算为1238.44万元，支出决算为1337.15万元，完成年初预算的107.97%。")
    by_raw = {v.claim.raw: v for v in vs}
    assert by_raw["1238.44万元"].slot.key == "s05_3.budget" and by_raw["1238.44万元"].status != WRONG
    assert by_raw["1337.15万元"].slot.key == "s05_3.final"
    assert by_raw["107.97%"].status != WRONG
    assert by_raw["20万元"].slot.key.endswith(".budget") and by_raw["20万元"].slot.key != "s05_3.budget"
    assert [v.claim.raw for v in vs if v.status in (WRONG, UNMATCHED)] == []


def test_change_against_the_prior_year_is_judged_against_the_prior_year():
    """十: 机关运行经费 compared with 年初预算 (B03) and with 2023 (P12): the words decide the base."""
    report = _report()
    report.supp.fields["P12"] = "30"
    from juesuan.figures import compute
    a = compute(report).admin
    assert a.prior.direction is not None and a.amount.base is not None
    prior_word = "增加" if a.prior.direction == "up" else "减少"
    budget_word = "增加" if a.amount.direction == "up" else "减少"
    amount = f"{a.amount.current}"
    text = (f"2024年度机关运行经费支出{amount}万元，比2023年度{prior_word}{a.prior.amount}万元，"
            f"比年初预算{budget_word}{a.amount.amount}万元。")
    verdicts, _ = audit_paragraphs(["第三部分 情况说明", "十、机关运行经费支出说明", text], report)
    changes = [v for v in verdicts if v.claim.kind == "change"]
    assert [v.slot.key for v in changes] == ["s10.prior.change", "s10.amount.change"]
    assert all(v.status != WRONG for v in changes)


def test_personnel_and_public_totals_in_five_and_sangong_lines_in_nine_one_are_matched():
    report = _report()
    from juesuan.figures import compute
    f = compute(report)
    bs, sg = f.basic, f.sangong
    five = f"2024年度一般公共预算财政拨款基本支出{bs.total}万元，其中：人员经费{bs.personnel}万元，公用经费{bs.public}万元。"
    nine = (f"其中：{sg.abroad.name}{sg.abroad.completion.final}万元，{sg.car.name}{sg.car.completion.final}万元，"
            f"{sg.reception.name}{sg.reception.completion.final}万元。")
    verdicts, _ = audit_paragraphs(["第三部分 情况说明", "五、一般公共预算财政拨款支出决算情况说明",
                                    "（三）一般公共预算财政拨款支出决算具体情况", five,
                                    "九、“三公”经费财政拨款支出决算情况说明", "（一）“三公”经费财政拨款支出决算总体情况", nine],
                                   report)
    assert [(v.claim.raw, v.status) for v in verdicts if v.status in (WRONG, UNMATCHED)] == []
    assert len(verdicts) == 6


def test_a_table_flattened_into_the_text_is_read_as_a_table_not_as_claims():
    """A PDF's 绩效自评表 inside 十三 runs its cells together (「…694.34664.9195.76%…」): not claims."""
    from juesuan.audit.text_input import table_like
    flat = "项目名称预算执行情况年度资金总额694.34664.9195.76%19.15产出指标数量指标完成率100%98%39"
    assert table_like(flat) and table_like("预算数执行数执行率20｜18.6｜93%")
    assert not table_like("2024年度收入合计1653.8万元，与2023年度相比，收入合计增加65.6万元，上升4.13%。")
    report = _report()
    from juesuan.audit import audit_report  # noqa: F401  (the public entry reads the same way)
    from juesuan.audit.text_input import ReportText
    paragraphs = ["第三部分 情况说明", "十三、预算绩效情况说明", flat]
    text = ReportText(paragraphs, [1, 1, 1], [False, False, table_like(flat)], "pdf")
    verdicts, _ = audit_paragraphs(paragraphs, report, text)
    assert verdicts == []


def test_stated_total_budget_against_the_sum_of_the_lines_listed():
    """「年初预算为482.62万元」 while the 科目 lines listed add up to 482.63: named (here with only the tables
    as reference, where budgets cannot be judged one by one)."""
    from juesuan.audit.text_checks import listed_sum_issues
    from juesuan.render.narrative import build_part3, heading_text
    report = _report()
    paragraphs = ["第三部分 情况说明"]
    for sec in build_part3(report):
        paragraphs.append(heading_text(sec))
        paragraphs.extend(p.replace("年初预算为1238.44万元", "年初预算为1239.44万元") for p in sec.paragraphs)
    assert any("年初预算为1239.44万元" in p for p in paragraphs)
    verdicts, _ = audit_paragraphs(paragraphs, report, tables_only=True)
    [issue] = listed_sum_issues(verdicts)
    assert issue.severity == "矛盾" and "年初预算合计写1239.44万元" in issue.message and "1238.44万元" in issue.message
    assert listed_sum_issues(audit_paragraphs([p.replace("1239.44", "1238.44") for p in paragraphs], report,
                                              tables_only=True)[0]) == []
