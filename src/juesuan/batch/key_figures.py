"""The key figures of one report that the summary puts side by side (收支总计, 财政拨款收入 …).

They are the figures the report text was written from (juesuan.figures, computed once per
render and handed over by the renderer), so summary and text agree to the digit.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from juesuan.spec.supplement import CODE


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    base_label: str | None  # column header of the comparison, None when there is none
    base_word: str = "上年"  # what the comparison is against, for "上年为0…"


# The key figures a reviewer compares across districts (第三部分 一、四、五、九、十).
FIGURES: tuple[Figure, ...] = (
    Figure("grand_total", "收支总计", "收支总计同比"),
    Figure("fiscal_income", "财政拨款收入", "财政拨款收入同比"),
    Figure("basic", "基本支出", None),
    Figure("project", "项目支出", None),
    Figure("sangong", "三公经费", "三公经费同比"),
    Figure("admin_cost", "机关运行经费", "机关运行经费较年初预算", "年初预算"),
)
FIGURE_NOTE = ("金额单位：万元。收支总计为表1“总计”；财政拨款收入为表4 行27，同比与上年表4 行1–3 之和相比；"
               "基本支出、项目支出为一般公共预算财政拨款（表5 合计栏2、栏3）；三公经费为表9 栏7 决算数；"
               "机关运行经费与年初预算相比（第十节口径）。同比列为变动率（%）。")


def _money(value) -> Decimal | None:
    from juesuan.model.money import NotANumber, parse_money
    try:
        return parse_money(value)
    except NotANumber:
        return None


def _figure(value: Decimal | None, base: Decimal | None = None, compare: bool = False,
            note: str | None = None, places: int = 2) -> dict:
    from juesuan.model.money import change
    out: dict = {"value": value, "base": base, "change": None, "note": note}
    if compare and value is not None and base is not None:
        out["change"] = change(value, base, places)
    return out


def key_figures(report, figs=None) -> dict[str, dict]:
    """The FIGURES of one report, each {value, base, change (as money.change) or None, note}.

    ``figs`` is the juesuan.figures.Figures the report text was written from (the renderer hands
    it over), so that the summary and the report text agree to the digit, rates rounded with the
    workbook's 百分比小数位.  Without it they are computed here; read from the cells directly when
    that fails.
    """
    if figs is None:
        try:
            from juesuan.figures import compute
            figs = compute(report)
        except Exception:  # noqa: BLE001 - the summary must not fail because of the narrative
            return table_figures(report)
    direct = table_figures(report, figs.opts.places)

    def of(ch) -> dict:
        changed = None if ch.direction is None else {
            "direction": ch.direction, "amount": ch.amount, "rate": ch.rate, "base": ch.base,
            "base_zero": ch.base == 0}
        return {"value": ch.current, "base": ch.base, "change": changed, "note": None}

    out = {
        "grand_total": of(figs.overall.grand),
        "fiscal_income": direct["fiscal_income"],  # the text has no 行27 sentence; same rule as the text
        "basic": _figure(figs.basic.total),
        "project": _figure(figs.gpb.project.amount),
        "sangong": of(figs.sangong.total.prior),
        "admin_cost": of(figs.admin.amount) if figs.admin.applicable else _figure(None, note="事业单位不涉及"),
    }
    return out


def table_figures(report, places: int = 2) -> dict[str, dict]:
    """FIGURES read straight from the cells.

    Every number is a printed cell or a supplementary input, never a re-added sum
    (docs/RULES.md): 收支总计 = 表1 总计; 财政拨款收入 = 表4 行27; 基本/项目支出 = 表5 合计栏2/3;
    三公经费 = 表9 栏7; 机关运行经费 = B04 if given, else 表6 公用经费合计.  Comparisons:
    P01; P05+P06+P07 (上年 表4 行1–3, the same scope as 行27); P09-1; B03 (年初预算, §4.9).
    """
    f = report.supp.get
    figures: dict[str, dict] = {}
    figures["grand_total"] = _figure(report.t01.get("inc_grand"), _money(f(CODE.P01)), True, places=places)
    prior_fiscal = [_money(f(k)) for k in (CODE.P05, CODE.P06, CODE.P07)]
    prior_sum = None
    if any(v is not None for v in prior_fiscal):
        prior_sum = sum((v for v in prior_fiscal if v is not None), Decimal("0.00"))
    figures["fiscal_income"] = _figure(report.t04.get("f_inc_total"), prior_sum, True, places=places)
    figures["basic"] = _figure(report.t05.total_of("basic"))
    figures["project"] = _figure(report.t05.total_of("project"))
    figures["sangong"] = _figure(report.t09.get("final_total"), _money(f(CODE.P09_1)), True, places=places)
    if f(CODE.G07) == "事业单位":
        figures["admin_cost"] = _figure(None, note="事业单位不涉及")
    else:
        override = _money(f(CODE.B04))
        value = override if override is not None else report.t06.public_total
        figures["admin_cost"] = _figure(value, _money(f(CODE.B03)), True, places=places)
    return figures


def change_text(fig: dict, base_label: str = "上年") -> str:
    """'上升5.2%' / '下降3%' / '持平' / '上年为0' — for the printed summary."""
    from juesuan.model.money import fmt_amount, fmt_percent
    ch = fig.get("change")
    if fig.get("note"):
        return fig["note"]
    if ch is None:
        return ""
    if ch["direction"] == "flat":
        return "持平"
    if ch["rate"] is None:
        word = "增加" if ch["direction"] == "up" else "减少"
        return f"{base_label}为0，{word}{fmt_amount(ch['amount'])}万元"
    word = "上升" if ch["direction"] == "up" else "下降"
    return f"{word}{fmt_percent(ch['rate'])}%"
