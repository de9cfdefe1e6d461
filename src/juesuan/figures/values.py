"""The value types the sections are made of: a change against a base (同比), an item with its
share, a completion against a budget, a 科目 level; and the one display of amounts and
percentages (F1, F2) that the text filters and the charts share.

Every percentage is rounded exactly once, here, through :func:`juesuan.model.money.percent` or
:func:`juesuan.model.money.shares`, with the workbook's 百分比小数位 and 调平方法.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from juesuan.model.money import HUNDRED, ZERO, change, fmt_amount, fmt_percent, percent, q, shares
from juesuan.figures.options import Options, doc
from juesuan.figures.workbook_text import Reason


@dataclass(frozen=True)
class Change:
    """本年与比较值（上年决算数或年初预算数）的变动（D1、W1–W4）。"""
    current: Decimal = doc("本年数")
    base: Decimal | None = doc("比较值（上年数或年初预算数）；未填时为 None")
    amount: Decimal | None = doc("变动额 |本年−比较值|；无比较值时为 None")
    rate: Decimal | None = doc("变动率 %（已按 F2 舍入）；比较值为 0 或未填时为 None")
    direction: str | None = doc("up / down / flat；无比较值时为 None")

    @property
    def compared(self) -> bool:
        return self.direction is not None

    @property
    def up(self) -> bool:
        return self.direction == "up"

    @property
    def down(self) -> bool:
        return self.direction == "down"

    @property
    def flat(self) -> bool:
        return self.direction == "flat"

    @property
    def base_zero(self) -> bool:
        """W4: the base is 0 and this year is not: write the amount, no rate."""
        return self.base is not None and self.base == 0 and self.direction != "flat"


def make_change(current: Decimal, base, places: int) -> Change:
    c = change(current, None if base is None else Decimal(str(base)), places)
    return Change(q(current or 0), c["base"], c["amount"], c["rate"], c["direction"])


@dataclass(frozen=True)
class Part:
    """One item of a list with a share (二、三、五（二）…)."""
    key: str = doc("项目键（表的栏键或科目编码）")
    name: str = doc("名称")
    amount: Decimal = doc("金额（万元）")
    share: Decimal | None = doc("占比 %（同一列表调平后合计正好 100）；分母为 0 时为 None")


def balanced(items: list[tuple[str, str, Decimal]], denominator: Decimal, opts: Options) -> list[Part]:
    """Shares of one list, adding up to exactly 100 (F3).  Only the non-zero items are balanced: a
    zero item is exactly 0% (末项调平 would otherwise push the whole difference onto a zero last item)."""
    nonzero = [i for i, (_, _, a) in enumerate(items) if a != 0]
    sh = shares([items[i][2] for i in nonzero], denominator, opts.places, last_item=opts.balance_last) if nonzero else None
    if denominator is None or denominator == 0:
        return [Part(k, n, a, None) for k, n, a in items]
    by_index = dict(zip(nonzero, sh)) if sh else {}
    return [Part(k, n, a, by_index.get(i, ZERO)) for i, (k, n, a) in enumerate(items)]


def zero_denominator_rate(numerator: Decimal, opts: Options, sangong: bool = False) -> Decimal | None:
    """A rate over a zero base: never a percentage, whatever 零分母比率写法 says.

    「完成年初预算的0%」 for 18 ÷ 0 and 「完成全年预算的100%」 for 0 ÷ 0 are meaningless: the ratio
    does not exist.  零分母比率写法 = 0% / 100% now only asks for the 持平 wording of a 0 ÷ 0
    completion (:attr:`Completion.zero_flat`); the sentence never carries a percentage there.
    """
    return None


def rate_of(numerator: Decimal, denominator: Decimal | None, opts: Options, sangong: bool = False):
    if denominator is None or denominator == 0:
        return zero_denominator_rate(numerator, opts, sangong)
    return percent(numerator, denominator, opts.places)


@dataclass(frozen=True)
class Completion:
    """决算与预算的比较：完成率（D3）与偏差原因（W5）。"""
    budget: Decimal = doc("预算数（年初或全年）")
    final: Decimal = doc("决算数")
    rate: Decimal | None = doc("完成率 %；预算为 0 时为 None（分母为 0 的比率从不写成百分比）")
    relation: str = doc("over（决算>预算）/ under / equal")
    reason: Reason = doc("偏差原因（有内容时一律写出）")
    reason_required: bool = doc("W5：须写原因（偏离≥阈值、年初为0而决算不为0、决算为0而年初不为0）")
    zero_flat: bool = doc("预算、决算都为 0，且零分母比率写法不是“省略”：写“与预算持平”类措辞（不写百分比）",
                          default=False)

    @property
    def over(self) -> bool:
        return self.relation == "over"

    @property
    def under(self) -> bool:
        return self.relation == "under"

    @property
    def equal(self) -> bool:
        return self.relation == "equal"


def make_completion(budget: Decimal, final: Decimal, opts: Options, reason: Reason = Reason(),
                    sangong: bool = False) -> Completion:
    budget, final = q(budget or 0), q(final or 0)
    rate = rate_of(final, budget, opts, sangong)
    relation = "over" if final > budget else "under" if final < budget else "equal"
    if budget == 0:
        required = final != 0
    elif final == 0:
        required = True
    else:
        required = abs(final * HUNDRED / budget - HUNDRED) >= opts.threshold
    zero_flat = budget == 0 and final == 0 and opts.zero_rate_written
    return Completion(budget, final, rate, relation, reason, required, zero_flat)


# ---------------------------------------------------------------------------------------
# Names of 科目 (decision: dictionary K, then 表5, 表3, 表2, else the code itself)
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Subject:
    """One level of a 功能分类科目."""
    code: str = doc("编码（3/5/7 位）")
    name: str = doc("名称：各表印的名称一致时用工作簿的名称，否则用字典 K，都没有时为编码本身")
    level: int = doc("层级：1 类、2 款、3 项")


# ---------------------------------------------------------------------------------------
# Number display (F1, F2): the one formatting both the text filters and the charts use.
# ---------------------------------------------------------------------------------------
def show_amount(value: Decimal, opts: Options) -> str:
    return fmt_amount(value, opts.fixed_two)


def show_percent(value: Decimal, opts: Options) -> str:
    return fmt_percent(value, opts.places, opts.keep_zeros)

