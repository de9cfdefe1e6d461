"""图1–图4 as data: what to draw, with the numbers of the text (same amounts, same F1/F2
formatting, the balanced shares of 二 and 三).  The words on the charts (captions, legends) are
passed in from templates/narrative/charts.json; drawing is juesuan.render.charts.draw.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from juesuan.model.report import Report
from juesuan.model.money import ZERO
from juesuan.figures.sections import Figures
from juesuan.figures.values import Change, Part, show_amount, show_percent


@dataclass(frozen=True)
class ChartSpec:
    fig_id: str  # fig1 … fig4
    caption: str  # 图1：收、支决算总计变动情况
    kind: str  # bar | pie
    args: dict  # keyword arguments of juesuan.render.charts.draw.bar_chart / pie_chart


def chart_specs(report: Report, figs: Figures, words: dict) -> list[ChartSpec]:
    """图1–图4 from the figures of the text.  A pie whose values are all 0, or that would have a
    single slice, is left out (不画图).

    ``words`` is templates/narrative/charts.json (captions, legends, unit), read by the caller.
    """
    o = figs.opts
    out: list[ChartSpec] = []
    groups = [words["group"].format(year=figs.prior_year), words["group"].format(year=figs.year)]

    def bar(fig_id: str, income: Change, expense_now: Decimal):
        w = words[fig_id]
        prior = income.base if income.base is not None else ZERO
        series = [(w["series"][0], [prior, income.current]), (w["series"][1], [prior, expense_now])]
        out.append(ChartSpec(fig_id, w["caption"], "bar", {
            "title": w.get("title", ""), "groups": groups, "series": series,
            "value_labels": [[show_amount(v, o) for v in vals] for _, vals in series],
            "y_label": words["unit"]}))

    def pie(fig_id: str, parts: list[Part]):
        # a one-slice pie (all income is 财政拨款) says nothing the sentence beside it does not
        # (「占本年收入100%」): no chart, and the later figures are numbered on (render.narrative_blocks)
        if sum(1 for p in parts if p.amount != 0) < 2 or any(p.amount < 0 for p in parts):
            return
        w = words[fig_id]
        out.append(ChartSpec(fig_id, w["caption"], "pie", {
            "title": w.get("title", ""), "labels": [p.name for p in parts], "values": [p.amount for p in parts],
            "share_labels": [show_percent(p.share if p.share is not None else ZERO, o) + "%" for p in parts]}))

    bar("fig1", figs.overall.grand, report.t01.get("exp_grand"))
    pie("fig2", figs.income.items)
    pie("fig3", figs.expense.items)
    bar("fig4", figs.fiscal.grand, report.t04.get("f_exp_grand", "total"))
    return out

