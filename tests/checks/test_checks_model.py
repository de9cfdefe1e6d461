"""审核 on Reports built in memory: the rule registry, readable locations without sheet cells,
the cascade resolution on its own, and rules that need data shapes the examples do not have."""
from __future__ import annotations

import re
from decimal import Decimal

from minidata_helpers import complete, mini

from juesuan.checks import RULES, run_checks
from juesuan.checks.cascade import resolve
from juesuan.checks.context import Check, Term
from juesuan.checks.messages import compress
from juesuan.checks.registry import TOLERANCE, rule
from juesuan.maintenance.examples import report_from_data
from juesuan.model.findings import ERROR, WARNING

D = Decimal


def test_complete_mini_report_is_clean():
    assert [f.text() for f in run_checks(report_from_data(complete(mini())))] == []


def test_registry_every_rule_is_documented():
    assert len(RULES) >= 60
    from juesuan.spec.finding_ids import BY_ID, ERROR_OR_WARNING
    for rid, r in RULES.items():
        assert r.id == rid and (re.fullmatch(r"(T0\d|X|C|S)-\d+", rid) or rid in BY_ID), rid
        assert r.title and r.formula and r.template
        assert r.severity in (TOLERANCE, ERROR, WARNING, "提示") or (rid in BY_ID and r.severity == ERROR_OR_WARNING)
    for rid in ("T01-1", "T02-1", "T04-6", "T09-2", "X-9", "X-11"):
        assert re.search("[行栏]", RULES[rid].formula), rid
    assert rule("T01-1").formula == "表1 行27 = 行1 + 行2 + … + 行8"


def test_without_sheet_cells_findings_name_a_readable_place():
    data = complete(mini())
    data["tables"]["T01"]["values"]["inc_total"] = "131.50"
    data["tables"]["T01"]["values"]["inc_grand"] = "131.50"
    data["tables"]["T01"]["values"]["exp_grand"] = "131.50"
    data["tables"]["T01"]["values"]["exp_total"] = "131.50"
    findings = run_checks(report_from_data(data))
    first = findings[0]
    assert (first.rule, first.severity, first.cells[0]) == ("T01-1", ERROR, "公开01表 行27")
    assert first.expected == D("130.50") and first.actual == D("131.50")
    assert "公开01表“本年收入合计”为 131.50，行1至行8之和为 130.50，相差 1.00" in first.message  # 行次 in the cell name


def test_a_fund_table_without_fund_money_elsewhere_is_an_error():
    data = complete(mini())
    data["tables"]["T08"] = {"total": ["5", None, "5"], "rows": [["2230105", "国有企业退休人员社会化管理补助支出", "5", None, "5"]]}
    findings = run_checks(report_from_data(data))
    assert [(f.rule, f.severity) for f in findings if f.rule == "X-12"] == [("X-12", ERROR)]
    assert "公开08表有数" in next(f for f in findings if f.rule == "X-12").message


def test_negative_table_amounts_are_warned():
    data = complete(mini())
    data["tables"]["T01"]["values"].update({"exp_distribution": "-2", "exp_total": "132.50"})
    data["tables"]["T01"]["values"]["c201"] = "102.50"
    findings = [f for f in run_checks(report_from_data(data)) if f.rule == "S-14"]
    assert [(f.severity, f.actual) for f in findings] == [(WARNING, D("-2.00"))]


# -- the cascade resolution alone -----------------------------------------------------------------
def _t(key, value, sign=1):
    return Term(key, D(value), f"S!{key}", key, sign, "S")


def test_cascade_reports_the_origin_and_lists_what_it_explains():
    # 项 a + b = 类 c; 类 c = 合计 t.  c is printed 0.01 too high, t agrees with the 项.
    a, b, c, t = _t("A1", "1.00"), _t("A2", "2.00"), _t("A3", "3.01"), _t("A4", "3.00")
    hier = Check(rule("T03-3"), c, (a, b), within="T03", order=0)
    total = Check(rule("T03-2"), t, (c,), within="T03", order=1)
    origins = resolve([hier, total])
    assert [o.check for o in origins] == [hier]
    assert origins[0].explained == [total]


def test_cascade_propagates_through_totals_that_agree():
    # c is wrong, t = c agrees (so it carries the break), and another table's x = t breaks too.
    a, b, c, t = _t("A1", "1.00"), _t("A2", "2.00"), _t("A3", "3.01"), _t("A4", "3.01")
    x = _t("B1", "3.00")
    hier = Check(rule("T03-3"), c, (a, b), within="T03", order=0)
    total = Check(rule("T03-2"), t, (c,), within="T03", order=1)
    cross = Check(rule("X-3"), x, (t,), order=2)
    origins = resolve([hier, total, cross])
    assert [o.check for o in origins] == [hier]
    assert origins[0].explained == [cross]
    assert [p.key for p in origins[0].propagated] == ["A4"]


def test_two_independent_breaks_stay_two_findings():
    a, b = _t("A1", "1.00"), _t("A2", "2.01")
    c, d = _t("B1", "5.00"), _t("B2", "4.00")
    one = Check(rule("T03-1"), b, (a,), within="T03", order=0)
    two = Check(rule("T05-1"), c, (d,), within="T05", order=1)
    assert [o.check for o in resolve([one, two])] == [one, two]


def test_compress_turns_runs_into_ranges():
    assert compress(["S!D9", "S!D10", "S!D11", "S!F3", "S!G3", "T!A1", "公开01表 行27"]) == \
        ["S!D9:D11", "S!F3:G3", "T!A1", "公开01表 行27"]


def test_a_failing_rule_does_not_hide_the_others(monkeypatch):
    import juesuan.checks as checks

    def broken(ctx):
        raise KeyError("boom")

    monkeypatch.setattr(checks, "PIPELINE", (broken, *checks.PIPELINE))
    data = complete(mini())
    data["tables"]["T01"]["values"]["inc_total"] = "131.50"
    findings = checks.run_checks(report_from_data(data))
    assert [f.rule for f in findings if f.rule == "CHECK-INTERNAL"] == ["CHECK-INTERNAL"]
    assert any(f.rule == "T01-1" for f in findings)
