"""juesuan.figures: the numbers of 第三部分, computed once, and 图1–图4 built from the same numbers.

Expected values are worked out by hand from the example tables (see tests/golden/a/NOTES.md).
"""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from conftest import EXAMPLE_DATA
from juesuan.render.charts import draw as charts
from juesuan import figures as F
from juesuan.maintenance.examples import load_example, report_from_data
from juesuan.render.narrative import build_part3
from juesuan.templating.template_set import Templates



@pytest.fixture(scope="module")
def a():
    return load_example(EXAMPLE_DATA / "a_jingkai_2024.json")


@pytest.fixture(scope="module")
def c():
    return load_example(EXAMPLE_DATA / "c_synthetic_2024.json")


def test_example_a_figures(a):
    f = F.compute(a)
    assert (f.year, f.prior_year, f.subject) == (2024, 2023, "本单位")
    g = f.overall.grand
    assert (g.current, g.base, g.amount, g.rate, g.direction) == (D("397.33"), D("507.70"), D("110.37"), D("21.74"), "down")
    assert g.down and not g.up and not g.flat and not g.base_zero and g.compared
    # one change, one rate: 一, 三, 四 and 五(一) all show the same 21.74
    assert {f.expense.total.rate, f.fiscal.grand.rate, f.gpb.total.rate, f.fiscal.funds[0].change.rate} == {D("21.74")}
    assert [(p.name, p.share) for p in f.expense.items] == [("基本支出", D("62.80")), ("项目支出", D("37.20"))]
    assert [(c.code, c.short, c.share) for c in f.gpb.classes] == [
        ("201", "一般公共服务", D("76.24")), ("208", "社会保障和就业", D("11.97")),
        ("210", "卫生健康", D("7.17")), ("221", "住房保障", D("4.62"))]
    assert f.gpb.share_of_expense == 100 and f.gpb.budget.rate == D("87.59")
    items = {i.code: i for i in f.gpb.items}
    assert list(items) == sorted(items) and len(items) == 12
    assert [s.name for s in items["2101119"].path] == ["卫生健康支出", "行政事业单位医疗", "2101119"]
    assert items["2101119"].completion.rate is None and items["2101119"].completion.reason_required
    assert items["2101199"].completion.rate == 0 and items["2101199"].completion.reason_required
    assert items["2101103"].completion.reason_required and not items["2101103"].completion.reason  # 91.88%: 8.12 ≥ 5
    assert not items["2210202"].completion.reason_required  # 95.36%
    assert items["2080501"].completion.under and items["2080501"].completion.reason.source == "R07"
    assert f.basic.total == D("249.51") and f.basic.personnel == D("213.20") and f.basic.public == D("36.30")
    assert [d.code for d in f.basic.public_details][-1] == "31002"
    assert f.fund.empty and f.soc.empty and f.sangong.all_zero_short
    assert (f.admin.amount.amount, f.admin.amount.rate) == (D("3.00"), D("7.63"))  # over B03, not the prior year
    assert f.procurement.short and f.assets.short
    assert (f.perf.coverage, f.perf.units, f.perf.whole_funds) == (D("100"), 1, D("397.33"))
    assert f.perf.evaluations[0].completion.rate == D("96.72")


def test_reasons_default_only_when_there_is_a_change(a):
    f = F.compute(a)
    assert f.overall.reason.source == "R01"
    assert f.expense.reason.source == "R01" and f.fiscal.reason.source == "R01"  # R03, R04 empty
    assert f.gpb.reason.source == "R01" and f.fiscal.funds[0].reason.source == "R01"  # R06 → R04 → R01
    assert not f.fiscal.funds[1].reason  # 基金: no reason field, and it is 持平
    assert not f.income.reason  # R02 is optional and has no default


@pytest.mark.parametrize("raw,lines", [
    ("人员增加。", ("人员增加",)),
    ("主要原因是人员增加；", ("人员增加",)),
    ("一是人员增加；\n二是项目压减。\n", ("人员增加", "项目压减")),
    ("1.人员增加\n2、项目压减", ("人员增加", "项目压减")),
    ("  \n", ()),
    (None, ()),
    ("{{ x }} & <b>", ("{{ x }} & <b>",)),
])
def test_parse_reason(raw, lines):
    assert F.parse_reason(raw).lines == lines


def _tiny(fields: dict) -> F.Figures:
    return F.compute(report_from_data({
        "tables": {"T01": {"values": {"inc_grand": "150", "inc_total": "150", "exp_total": "150"}},
                   "T02": {"total": ["150", "100", "50"]},
                   "T05": {"total": ["100", "60", "40"], "rows": [["2012901", None, "100", "60", "40"]]},
                   "T09": ["0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"]},
        "fields": {"G01": "某单位", "G03": 2024, **fields},
        "lists": {"B02": [{"code": "2012901", "budget": "0"}]}}))


def test_settings_change_rounding_and_zero_denominators():
    f = _tiny({"P01": "130", "百分比小数位": "1"})
    assert f.overall.grand.rate == D("15.4")  # 20 ÷ 130 = 15.38…%
    assert [p.share for p in f.income.items] == [D("66.7"), D("33.3")]
    assert f.gpb.items[0].completion.rate is None  # 年初 0: no rate by default (W4)
    # a rate over a zero base is never a percentage, whatever 零分母比率写法 says (CHANGES.md)
    assert _tiny({"零分母比率写法": "0%"}).gpb.items[0].completion.rate is None
    assert not _tiny({"零分母比率写法": "0%"}).gpb.items[0].completion.zero_flat  # 年初 0, 决算 not 0
    sangong = _tiny({"零分母比率写法": "100%"}).sangong.total.completion
    assert sangong.rate is None and sangong.zero_flat  # 三公 0 ÷ 0: 「与全年预算持平」, no 100%
    assert _tiny({}).sangong.total.completion.rate is None
    assert not _tiny({}).sangong.total.completion.zero_flat


def test_flat_and_base_zero_changes():
    flat = _tiny({"P01": "150.00"}).overall.grand
    assert flat.flat and flat.amount == 0 and flat.rate == 0 and not flat.base_zero
    new = _tiny({"P01": "0"}).overall.grand
    assert new.base_zero and new.up and new.rate is None and new.amount == D("150.00")
    none = _tiny({}).overall.grand
    assert not none.compared and none.direction is None


def test_text_uses_the_settings():
    report = load_example(EXAMPLE_DATA / "c_synthetic_2024.json")
    report.supp.fields.update({"升降词风格": "增长降低", "百分比小数位": "1", "金额固定两位": "是"})
    text = {s.id: s.paragraphs for s in build_part3(report)}
    assert "收、支总计各增加105.50万元，增长6.4%" in text["s01"][0]
    assert "一般公共预算财政拨款收入1314.45万元，比2023年度决算数减少37.95万元，降低2.8%" in text["s04"][1]


def _specs(report):
    """图1–图4 as a render makes them: the report's figures with the shipped chart words."""
    return F.chart_specs(report, F.compute(report), Templates().charts)


def test_chart_specs_carry_the_numbers_of_the_text(c):
    specs = {s.fig_id: s for s in _specs(c)}
    assert list(specs) == ["fig1", "fig2", "fig3", "fig4"]
    assert [s.caption for s in specs.values()] == [
        "图1：收、支决算总计变动情况", "图2：收入决算结构", "图3：支出决算结构", "图4：财政拨款收、支决算总计变动情况"]
    assert [s.kind for s in specs.values()] == ["bar", "pie", "pie", "bar"]
    fig1 = specs["fig1"].args
    assert fig1["groups"] == ["2023年度", "2024年度"]
    assert fig1["series"][0] == ("收入总计", [D("1650.80"), D("1756.30")])
    assert fig1["value_labels"] == [["1650.8", "1756.3"], ["1650.8", "1756.3"]]
    text = {s.id: s.paragraphs for s in build_part3(c)}
    # every share on the pie is the share printed in 二 / 三
    for fig, sid, word in (("fig2", "s02", "占本年收入"), ("fig3", "s03", "占本年支出")):
        args = specs[fig].args
        for label, value, share in zip(args["labels"], args["values"], args["share_labels"]):
            assert f"{label}{F.show_amount(value, F.options(c))}万元，{word}{share}" in text[sid][0]
    assert specs["fig4"].args["series"][1] == ("财政拨款支出总计", [D("1498.60"), D("1554.65")])


def test_chart_specs_draw(c):
    for spec in _specs(c):
        png = getattr(charts, f"{spec.kind}_chart")(**spec.args)
        assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_single_slice_and_zero_pies(a):
    # a: all income is 财政拨款 — a one-slice pie says only what the sentence says (占本年收入100%): not drawn
    specs = {s.fig_id: s for s in _specs(a)}
    assert "fig2" not in specs and len(specs["fig3"].args["values"]) == 2
    empty = report_from_data({"tables": {}, "fields": {"G01": "某单位", "G03": 2024}})
    assert [s.fig_id for s in _specs(empty)] == ["fig1", "fig4"]
