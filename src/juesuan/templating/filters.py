"""The recurring phrases of 第三部分 as Jinja filters and tests: F1 amounts, F2 percentages,
增加/减少, 上升/下降, 主要原因….  Their words come from ``phrases.json`` next to the templates, passed
in by :class:`juesuan.templating.template_set.Templates`; ``make-report templates vars`` prints the docstrings.
"""
from __future__ import annotations

from decimal import Decimal

from juesuan import figures as F
from juesuan.spec.layouts import cn_number
from juesuan.model.money import fmt_amount
from juesuan.templating.env import TemplateValueError
from juesuan.templating.names import FILTER_NAMES, TEST_DOCS  # noqa: F401 - the names, kept importable here


def _opts(ctx) -> F.Options:
    return ctx["opts"]


def _need(value, what: str):
    from jinja2 import Undefined
    if isinstance(value, Undefined):
        value._fail_with_undefined_error()  # raises UndefinedError naming the variable
    if value is None:
        raise TemplateValueError(f"{what}为空（None），不能写进正文")
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TemplateValueError(f"{what}应为数值，实际是 {type(value).__name__}")
    return Decimal(value)


def make_filters(ph: dict) -> dict:
    from jinja2 import pass_context

    @pass_context
    def wan(ctx, value) -> str:
        """金额（F1）加单位：36.3万元、0万元；金额固定两位时 36.30万元。"""
        return F.show_amount(_need(value, "金额"), _opts(ctx)) + ph["unit"]

    def num(value) -> str:
        """数（不带单位，去尾零，不受“金额固定两位”影响）：95.52、40；用于得分等。"""
        return fmt_amount(_need(value, "数值"))

    @pass_context
    def pct(ctx, value) -> str:
        """百分比（F2）加 %：21.74%、100%（小数位与尾零按设置）。"""
        return F.show_percent(_need(value, "百分比"), _opts(ctx)) + ph["percent"]

    def _moving(change, what):
        if not isinstance(change, F.Change):
            raise TemplateValueError(f"{what}只能用于变动（Change）值")
        if not change.compared or change.flat:
            raise TemplateValueError(f"{what}用于没有变动的值（持平或无比较值），请先用 is flat / is compared 判断")
        return change

    def zengjian(change) -> str:
        """增减词（W1）：增加 / 减少。"""
        return ph["more"] if _moving(change, "zengjian").up else ph["less"]

    @pass_context
    def shengjiang(ctx, change) -> str:
        """升降词（W2）：上升 / 下降（升降词风格=增长降低 时为 增长 / 降低）。"""
        words = ph["rate_words"].get(_opts(ctx).rate_words) or next(iter(ph["rate_words"].values()))
        return words[0] if _moving(change, "shengjiang").up else words[1]

    @pass_context
    def delta(ctx, change) -> str:
        """变动短语：减少110.37万元，下降21.74%；比较值为 0 时（W4）只有金额：增加5万元。"""
        c = _moving(change, "delta")
        amount = zengjian(c) + wan(ctx, c.amount)
        if c.rate is None:
            return amount
        return ph["delta"].format(amount=amount, rate=shengjiang(ctx, c) + pct(ctx, c.rate))

    def reason(r, prefix: str = "", lead: str | None = None) -> str:
        """原因分句（W6）：一条 →「{prefix}主要原因是…。」；多条 →「{prefix}主要原因：一是…；二是…。」。
        lead 可改单条的引语（如「主要原因是：」）。原因为空时为空串。"""
        if not isinstance(r, F.Reason):
            raise TemplateValueError("reason 只能用于原因（Reason）值")
        if not r:
            return ""
        if r.is_list:
            items = ph["reason_item_sep"].join(ph["reason_item"].format(n=cn_number(i), text=t)
                                               for i, t in enumerate(r.lines, 1))
            return ph["reason_list"].format(prefix=prefix, items=items)
        return ph["reason_single"].format(prefix=prefix, lead=ph["reason_lead"] if lead is None else lead,
                                          text=r.lines[0])

    def cn(n) -> str:
        """中文数字：1 → 一，12 → 十二。"""
        return cn_number(int(n))

    return {"wan": wan, "num": num, "pct": pct, "zengjian": zengjian, "shengjiang": shengjiang,
            "delta": delta, "reason": reason, "cn": cn}


def _is_change(v) -> bool:
    return isinstance(v, F.Change)


TESTS = {
    "up": lambda v: _is_change(v) and v.up,
    "down": lambda v: _is_change(v) and v.down,
    "flat": lambda v: _is_change(v) and v.flat,
    "compared": lambda v: _is_change(v) and v.compared,
    "base_zero": lambda v: _is_change(v) and v.base_zero,
    "zero": lambda v: v is not None and not isinstance(v, bool) and Decimal(v) == 0,
}
