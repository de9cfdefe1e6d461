"""Property tests: 第三部分 of random but rule-consistent Reports built in memory.

Every report is generated from a handful of drawn amounts so that the tables agree with each
other (表1 = 表2 = 表3, 表4 = 表5 + 基金 + 国资, 表6 合计 = 表5 基本支出, 表9 formulas …) and the
supplementary inputs are filled at random: prior-year values equal to, above, below or zero
against this year, reasons present or not (one line or several, some with template syntax in
them), every setting of §5.3 that matters for 第三部分.
"""
from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import HealthCheck, given, settings, strategies as st

from juesuan import figures as F
from juesuan.maintenance.examples import report_from_data
from juesuan.render.narrative import build_part3
from juesuan.maintenance.templates_check import lint_paragraph
from juesuan.render.lint import lint_shares

CENT = Decimal("0.01")

# Real 项 codes (in the dictionary) plus one that is not, so the name fallback is exercised.
CODES = ("2012901", "2012902", "2080501", "2080505", "2080506", "2101101", "2101103", "2210201", "2210202",
         "2130599", "2089999")
PERSONNEL = ("30101", "30102", "30103", "30107", "30302")
PUBLIC = ("30201", "30211", "30228", "31002")
# Workbook text: no digits (so every number in the text comes from a template), and pieces of
# template syntax and markup that must come out exactly as written.
FRAGMENTS = ("人员增加", "压减开支", "项目调整", "{{ x }}", "{% if a %}", "A&B", "<b>", "经费", "按规定执行")

money = st.integers(min_value=0, max_value=5_000_000).map(lambda c: Decimal(c) * CENT)
positive = st.integers(min_value=1, max_value=5_000_000).map(lambda c: Decimal(c) * CENT)
text = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=3).map("".join)
reason_cell = st.one_of(st.none(), text, st.lists(text, min_size=2, max_size=3).map("\n".join))


def split(total: Decimal, n: int, draw) -> list[Decimal]:
    """``n`` non-negative cents adding up to ``total``."""
    cents = int(total / CENT)
    cuts = sorted(draw(st.lists(st.integers(0, cents), min_size=n - 1, max_size=n - 1)))
    bounds = [0, *cuts, cents]
    return [Decimal(bounds[i + 1] - bounds[i]) * CENT for i in range(n)]


def prior_of(current: Decimal, draw):
    """A prior-year value that is equal, zero, missing, or anything."""
    kind = draw(st.sampled_from(("same", "zero", "other", "other", "none")))
    return {"same": current, "zero": Decimal(0), "none": None}.get(kind) if kind != "other" else draw(positive)


def s(v):
    return None if v is None else str(v)


@st.composite
def reports(draw):
    codes = sorted(draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=5, unique=True)))
    rows05 = []
    for code in codes:
        basic, project = draw(money), draw(money)
        rows05.append((code, basic, project))
    basic05 = sum((b for _, b, _ in rows05), Decimal(0))
    project05 = sum((p for _, _, p in rows05), Decimal(0))
    gpb = basic05 + project05
    fund = draw(st.one_of(st.just(Decimal(0)), money))
    soc = draw(st.one_of(st.just(Decimal(0)), money))
    others = {k: draw(st.one_of(st.just(Decimal(0)), money))
              for k in ("superior", "business", "operating", "affiliate", "other")}
    begin = draw(st.one_of(st.just(Decimal(0)), money))
    fiscal = gpb + fund + soc
    inc_total = fiscal + sum(others.values(), Decimal(0))
    grand = inc_total + begin
    # 表3: 表5 plus the other money, each income source paying one kind of spending
    t03 = {"basic": basic05 + others["superior"], "project": project05 + fund + soc + others["business"],
           "to_superior": others["other"], "operating": others["operating"], "to_affiliate": others["affiliate"]}
    exp_total = sum(t03.values(), Decimal(0))
    personnel = draw(st.integers(0, int(basic05 / CENT))) * CENT
    public = basic05 - personnel
    t06 = {}
    for codes6, amount in ((PERSONNEL, personnel), (PUBLIC, public)):
        for c, v in zip(codes6, split(amount, len(codes6), draw)):
            if v:
                t06[c] = s(v)
    sg_final = {k: draw(st.one_of(st.just(Decimal(0)), money)) for k in ("abroad", "purchase", "run", "reception")}
    sg_budget = {k: draw(st.one_of(st.just(Decimal(0)), money)) for k in ("abroad", "purchase", "run", "reception")}

    def t09_side(d):
        car = d["purchase"] + d["run"]
        return [d["abroad"] + car + d["reception"], d["abroad"], car, d["purchase"], d["run"], d["reception"]]

    t09 = [s(v) for v in t09_side(sg_budget) + t09_side(sg_final)]
    class_of = {}
    for code, b, p in rows05:
        class_of.setdefault(code[:3], Decimal(0))
        class_of[code[:3]] += b + p
    t01 = {"inc_gpb": s(gpb), "inc_fund": s(fund), "inc_soc": s(soc), "inc_superior": s(others["superior"]),
           "inc_business": s(others["business"]), "inc_operating": s(others["operating"]),
           "inc_affiliate": s(others["affiliate"]), "inc_other": s(others["other"]), "inc_total": s(inc_total),
           "inc_begin": s(begin), "inc_grand": s(grand), "exp_total": s(exp_total), "exp_end": s(begin),
           "exp_grand": s(grand)}
    t04 = {"f_gpb": s(gpb), "f_fund": s(fund), "f_soc": s(soc), "f_inc_total": s(fiscal), "f_inc_grand": s(fiscal),
           "f_exp_total": {"total": s(fiscal), "gpb": s(gpb), "fund": s(fund), "soc": s(soc)},
           "f_exp_grand": {"total": s(fiscal), "gpb": s(gpb), "fund": s(fund), "soc": s(soc)}}
    tables = {
        "T01": {"variant": "A", "values": t01},
        "T02": {"total": [s(inc_total), s(fiscal)] + [s(others[k]) for k in
                                                       ("superior", "business", "operating", "affiliate", "other")],
                "rows": []},
        "T03": {"total": [s(exp_total)] + [s(t03[k]) for k in
                                           ("basic", "project", "to_superior", "operating", "to_affiliate")],
                "rows": []},
        "T04": {"values": t04},
        "T05": {"total": [s(gpb), s(basic05), s(project05)],
                "rows": [[c, None, s(b + p), s(b), s(p)] for c, b, p in rows05]},
        "T06": {"values": t06, "personnel_total": s(personnel), "public_total": s(public)},
        "T07": {"total": [None, s(fund), s(fund), None, s(fund), None],
                "rows": [["2296002", None, None, s(fund), s(fund), None, s(fund), None]] if fund else []},
        "T08": {"total": [s(soc), None, s(soc)], "rows": [["2230199", None, s(soc), None, s(soc)]] if soc else []},
        "T09": t09,
    }
    fields = {
        "G01": "测试区文化局", "G03": draw(st.integers(2021, 2026)),
        "G04": draw(st.sampled_from(("部门决算", "本级决算"))), "G07": draw(st.sampled_from(("行政单位", "事业单位"))),
        "P01": s(prior_of(grand, draw)), "P02": s(prior_of(inc_total, draw)), "P03": s(prior_of(exp_total, draw)),
        "P04": s(prior_of(fiscal, draw)), "P05": s(prior_of(gpb, draw)), "P06": s(prior_of(fund, draw)),
        "P07": s(prior_of(soc, draw)), "P08": s(prior_of(gpb, draw)), "P10": s(prior_of(fund, draw)),
        "P11": s(prior_of(soc, draw)),
        "B01": s(draw(st.one_of(st.just(gpb), money))), "B03": s(prior_of(public, draw)),
        "C01": s(draw(money)), "C02": s(draw(money)), "C03": s(draw(money)),
        "A03": draw(st.integers(0, 3)), "A09": draw(st.integers(0, 3)),
        "E03": draw(text), "E06": str(draw(st.integers(60, 100))),
        "百分比小数位": draw(st.sampled_from(("1", "2"))),
        "升降词风格": draw(st.sampled_from(("上升下降", "增长降低"))),
        "收支项目列举": draw(st.sampled_from(("非零", "全列"))),
        "收支总计措辞": draw(st.sampled_from(("收、支总计", "收、支总计均为"))),
        "省略零值资金": draw(st.sampled_from(("否", "是"))),
        "五三粒度": draw(st.sampled_from(("项级", "类级"))),
        "五三写占比": draw(st.sampled_from(("否", "是"))),
        "零分母比率写法": draw(st.sampled_from(("省略", "0%", "100%"))),
        "金额固定两位": draw(st.sampled_from(("否", "是"))),
        "调平方法": draw(st.sampled_from(("最大余数", "末项调平"))),
        "三公全零简式": draw(st.sampled_from(("否", "是"))),
        "采购零值简式": draw(st.sampled_from(("否", "是"))),
        "资产零值简式": draw(st.sampled_from(("否", "是"))),
        "三公车辆用语": draw(st.sampled_from(("跟表头", "运行费"))),
        "空表附数值句": draw(st.sampled_from(("否", "是"))),
        "含第十四节": draw(st.sampled_from(("否", "是"))),
        "十三小节": draw(st.sampled_from(("四节", "三节"))),
        "节序": draw(st.sampled_from(("标准", "2020版"))),
    }
    c_total = sum((Decimal(fields[k]) for k in ("C01", "C02", "C03")), Decimal(0))
    fields["C04"] = s(draw(st.integers(0, int(c_total / CENT))) * CENT)
    for i, k in enumerate(("total", "abroad", "purchase", "run", "reception"), 1):
        value = t09_side(sg_final)[[0, 1, 3, 4, 5][i - 1]]
        fields[f"P09-{i}"] = s(prior_of(value, draw))
    for fid in ("R01", "R02", "R03", "R04", "R05", "R06", "R08-1", "R08-2", "R09-1", "R09-4", "R10", "R10-2",
                "R11-1", "R11-2"):
        r = draw(reason_cell)
        if r is not None:
            fields[fid] = r
    b02 = [{"code": c, "budget": s(draw(st.one_of(st.just(b + p), money))), "reason": draw(reason_cell)}
           for c, b, p in rows05]
    lists = {"B02": b02, "G12": [{"name": "测试区文化局（本级）"}],
             "U02": [{"name": "专项经费", "amount": s(project05), "effect": draw(text)}] if project05 else [],
             "E10": [{"name": "专项经费", "budget": s(draw(money)), "spent": s(project05), "output": draw(text)}],
             "E12": [], "U01": [{"code": codes[0][:3], "text": draw(text)}]}
    lists.pop("E12")
    fields["E12"] = draw(text)
    return report_from_data({"tables": tables, "fields": fields, "lists": lists})


def render(report):
    sections = build_part3(report)
    return {s.id: s.paragraphs for s in sections}, sections


NUMBER = re.compile(r"\d+(?:\.\d+)?")
# What may follow a number written by a template: a unit, or it is an ordinal / a date.
UNIT_AFTER = re.compile(r"\d+(?:\.\d+)?(?:万元|%|年|个|辆|人次|分|台（套）|月|日)")
ORDINAL = re.compile(r"(?:^|(?<=\())\d+(?:\.|\))")

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _data_texts(report) -> list[str]:
    """The workbook texts (built from FRAGMENTS) of this report, longest first."""
    values = list(report.supp.fields.values()) + [
        v for records in report.supp.lists.values() for rec in records for v in rec.values.values()]
    out = {line.strip() for v in values if isinstance(v, str) and any(f in v for f in FRAGMENTS)
           for line in v.split("\n") if line.strip()}
    return sorted(out, key=len, reverse=True)


def _without_data(paragraph: str, texts: list[str]) -> str:
    """The paragraph with each workbook text replaced by one neutral character."""
    for t in texts:
        paragraph = paragraph.replace(t, "甲")
    return paragraph


@SETTINGS
@given(reports())
def test_text_is_clean(report):
    by_id, sections = render(report)
    texts = _data_texts(report)
    keep_zeros = report.settings.keep_zeros
    for sid, paragraphs in by_id.items():
        assert lint_shares(paragraphs) == [], (sid, paragraphs)  # order kept, ties equal, sum 100
        for p in paragraphs:
            bare = _without_data(p, texts)
            assert "{{" not in bare and "{%" not in bare, (sid, p)
            assert lint_paragraph(bare) == [], (sid, p, lint_paragraph(bare))
            assert not re.search(r"(?<![\d.])0\.00万元", p), (sid, p)
            assert keep_zeros or not re.search(r"(?<![\d.])0\.00", bare), (sid, p)
            assert not re.search(r"(?:增加|减少)0(?:万元|%)|(?:上升|下降|增长|降低)0%", p), (sid, p)
            # every number the templates write carries its unit, or is an ordinal / a date
            for m in NUMBER.finditer(bare):
                tail = bare[m.start():]
                assert UNIT_AFTER.match(tail) or ORDINAL.match(bare, m.start()) or \
                    bare[m.end():m.end() + 1] in (".", ")"), (sid, bare, m.group())


@SETTINGS
@given(reports())
def test_direction_words_match_sign(report):
    figs = F.compute(report)
    by_id, _ = render(report)
    up_words = ("增加", "上升", "增长")
    down_words = ("减少", "下降", "降低")
    for verb_amount, rate_word in re.findall(r"(增加|减少)\d+(?:\.\d+)?万元，(上升|下降|增长|降低)",
                                             "\n".join(p for ps in by_id.values() for p in ps)):
        assert (verb_amount in up_words) == (rate_word in up_words)
    grand = figs.overall.grand
    s01 = by_id["s01"][0]
    if grand.up:
        assert "各增加" in s01 or "比" in s01 and "增加" in s01
        assert not any(w in s01.split("主要原因")[0] for w in down_words)
    elif grand.down:
        assert "各减少" in s01
        assert not any(w in s01.split("主要原因")[0] for w in up_words[:1])
    elif grand.flat:
        assert "持平" in s01


@SETTINGS
@given(reports())
def test_shares_add_to_exactly_100(report):
    figs = F.compute(report)
    by_id, _ = render(report)
    places = figs.opts.places
    for items in (figs.income.items, figs.expense.items, figs.gpb.classes):
        if items and items[0].share is not None:
            assert sum(p.share for p in items) == 100
    # and the text shows exactly those shares
    for sid, word in (("s02", "占本年收入"), ("s03", "占本年支出")):
        shown = [Decimal(x) for x in re.findall(word + r"(\d+(?:\.\d+)?)%", by_id[sid][0])]
        if shown:
            assert sum(shown) == 100, by_id[sid][0]
            assert all(-x.as_tuple().exponent <= places for x in shown)
    class_lines = by_id["s05_2"][1:]
    shown = [Decimal(m) for line in class_lines for m in re.findall(r"，占(\d+(?:\.\d+)?)%", line)]
    if shown:
        assert sum(shown) == 100


@SETTINGS
@given(reports())
def test_reason_clause_exactly_when_given(report):
    figs = F.compute(report)
    by_id, _ = render(report)
    r01 = F.parse_reason(report.supp.get("R01"))
    # a reason explains a comparison: none is printed when the prior-year figure is blank
    assert ("主要原因" in by_id["s01"][0]) == (bool(r01) and figs.overall.grand.compared)
    if r01 and figs.overall.grand.compared:
        for line in r01.lines:
            assert line in by_id["s01"][0]  # literally, template syntax and all
    r03 = F.parse_reason(report.supp.get("R03"))
    # R01 is borrowed only for a change the same way as the 收、支总计 it explains
    same_way = figs.overall.grand.direction == figs.expense.total.direction
    expected = (bool(r03) or (bool(r01) and bool(figs.expense.total.amount) and same_way)) and figs.expense.total.compared
    assert ("主要原因" in by_id["s03"][0]) == expected
    if figs.admin.applicable:
        # 第十节 gives R10 when 机关运行经费 differs from its budget (equal to or no budget, no reason),
        # and R10-2 when it differs from the prior year
        s10 = by_id["s10"][0]
        amount = figs.admin.amount
        budget_reason = bool(F.parse_reason(report.supp.get("R10"))) and amount.compared and not amount.flat
        prior = figs.admin.prior
        prior_reason = bool(F.parse_reason(report.supp.get("R10-2"))) and prior.compared and not prior.flat
        assert s10.count("主要原因") == budget_reason + prior_reason
    # 五(三): one item per 项 with 决算 or 年初 ≠ 0; a reason clause exactly where R07 has text
    if not figs.opts.by_class:
        items = by_id["s05_3"][-len(figs.gpb.items):] if figs.gpb.items else []
        for item, paragraph in zip(figs.gpb.items, items):
            assert paragraph.startswith(f"{figs.gpb.items.index(item) + 1}.")
            assert ("主要原因" in paragraph) == bool(item.completion.reason)
            assert ("完成年初预算的" in paragraph) == (item.completion.rate is not None)


@SETTINGS
@given(reports())
def test_amounts_in_text_are_the_table_cells(report):
    figs = F.compute(report)
    by_id, _ = render(report)
    fixed = figs.opts.fixed_two

    def shown(v):
        return F.show_amount(v, figs.opts) + "万元"

    assert by_id["s01"][0].startswith(f"{figs.year}年度收、支总计")
    assert shown(report.t01.get("inc_grand")) in by_id["s01"][0]
    assert shown(report.t01.get("inc_total")) in by_id["s02"][0]
    assert shown(report.t03.total_of("total")) in by_id["s03"][0]
    assert shown(report.t04.get("f_inc_grand")) in by_id["s04"][0]
    assert shown(report.t05.total_of("total")) in by_id["s05_1"][0]
    assert f"基本支出{shown(report.t05.total_of('basic'))}" in by_id["s06"][0]
    assert f"人员经费{shown(report.t06.personnel_total)}" in by_id["s06"][0]
    if not fixed:
        assert not re.search(r"\.\d0万元", "".join(p for ps in by_id.values() for p in ps))
