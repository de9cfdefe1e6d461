"""Inputs that would make a sentence a reviewer strikes (this project's additions, S-23…S-26):

* S-23 (提示) “项级预算” coded by 类 (or 款) while 五三粒度 = 项级: the text states the budgets at the
  level the office filled (figures.budget_lines), never “支出决算为0万元，完成年初预算的0%”;
* S-24 scores that cannot be right: a total of 20 points or less is the 预算执行 sub-score (the
  text does not print it as 绩效自评得分).  (An 执行率 over 100% is scored by each region's own
  over-spending rule, so no score can be checked there; the 自评表 then drops “20分*执行率” from
  its header instead: render/selfeval.py.  Up to 100% S-9 checks 20 × 执行率.)
* S-25 整体自评单位数 E04 that disagrees with the “二级单位” list (the text then states no count);
* S-26 a 项目自评综述 that says every project was completed beside a project far from its budget.
"""
from __future__ import annotations

from decimal import Decimal

from juesuan.model.findings import INFO, WARNING
from juesuan.model.money import ZERO, percent, q
from juesuan.spec.supplement import CODE
from juesuan.checks.context import Context, fmt, money_of
from juesuan.checks.registry import define
from juesuan.figures.budget_lines import budget_rows, coarse_codes, line_level
from juesuan.figures.performance import ALL_DONE, SUBSCORE_MAX

G = "补充"

define("S-23", "项级预算的科目级次", "设置.五三粒度 = 项级 时“项级预算”科目编码应为 7 位项级编码", INFO,
       "“项级预算”的科目编码 {codes} 不是项级编码，而设置“五三粒度”为项级：第五节（三）按{level}逐条说明"
       "（年初预算与同一级次的决算比较）。",
       "要按项说明，请把“项级预算”改填 7 位项级科目；按类说明，请把设置 S09“五三粒度”改为“类级”", group=G)
define("S-24", "绩效得分不可信", "综合得分为百分制（大于 20 分）", WARNING,
       "{what}为 {score} 分，不超过 20 分，像是“预算执行情况”一项的得分（满分 20 分），不是百分制的综合得分；"
       "正文不写这个得分。",
       "请核对得分：综合得分 = 预算执行情况得分 + 各项指标得分（满分 100）", group=G)
define("S-25", "整体自评单位数", "E04 = “二级单位”表的单位数", WARNING,
       "整体自评单位数 E04 为 {given} 个，“二级单位”表列了 {listed} 个单位，两者不符；正文不写单位数。",
       "请核对 E04 与“二级单位”表", group=G)
define("S-26", "自评综述与项目完成情况", "E03 说各项目均已完成时，每个项目的完成率偏离 100% 不超过设置.偏差阈值",
       WARNING, "项目自评综述 E03 写“{claim}”，但项目“{name}”只完成预算的 {rate}%。",
       "请按各项目的实际完成情况改写 E03", group=G)


def _coarse_budget_codes(ctx: Context) -> None:
    r = ctx.report
    if r.settings.by_class:
        return
    rows = budget_rows(r)
    codes = coarse_codes(rows, 7)
    if not codes:
        return
    level = line_level(False, rows)
    shown = "、".join(dict.fromkeys(codes[:3])) + ("等" if len(set(codes)) > 3 else "")
    first = next(row for row in rows if row.code in codes)
    ctx.add("S-23", [ctx.list_cell(CODE.B02, first.index, "code")], codes=shown, level="类" if level == 3 else "款")


def _scores(ctx: Context) -> None:
    r = ctx.report
    e06 = ctx.money(CODE.E06)
    if e06 is not None and 0 < e06 <= SUBSCORE_MAX:
        ctx.add("S-24", [ctx.field_cell(CODE.E06)], what="整体自评综合得分 E06", score=fmt(e06))
    for i, rec in enumerate(r.supp.records(CODE.E10)):
        name = str(rec.get("name") or "").strip()
        score = money_of(rec.get("score"))
        if score is not None and 0 < score <= SUBSCORE_MAX:
            ctx.add("S-24", [ctx.list_cell(CODE.E10, i, "score")], what=f"项目“{name}”的自评得分", score=fmt(score))


def _units(ctx: Context) -> None:
    r = ctx.report
    given = r.supp.get(CODE.E04)
    listed = len(r.supp.records(CODE.G12))
    if given in (None, "") or not listed:
        return
    try:
        n = int(Decimal(str(given)))
    except ArithmeticError:
        return
    if n != listed:
        ctx.add("S-25", [ctx.field_cell(CODE.E04)], given=n, listed=listed)


def _claims(ctx: Context) -> None:
    r = ctx.report
    text = ctx.text(CODE.E03)
    m = ALL_DONE.search(text)
    if not m:
        return
    threshold = r.settings.threshold
    for rec in r.supp.records(CODE.E10):
        budget, spent = money_of(rec.get("budget")) or ZERO, money_of(rec.get("spent")) or ZERO
        if budget <= 0:
            continue
        rate = percent(spent, budget, 2)
        if 100 - rate >= threshold:
            ctx.add("S-26", [ctx.field_cell(CODE.E03)], claim=m.group(0), name=str(rec.get("name") or "").strip(),
                    rate=q(rate).normalize() if rate == rate.to_integral() else rate)
            return


CHECKS = (_coarse_budget_codes, _scores, _units, _claims)
