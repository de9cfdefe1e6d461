"""The 设置 that change the numbers or the wording of 第三部分, read once into :class:`Options`.

``doc`` lives here because every figures dataclass (this one first) describes its fields with it:
the descriptions are what ``make-report templates vars`` and ``docs/TEMPLATE_VARIABLES.md`` print.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.model.report import Report
from juesuan.spec.supplement import FIELDS


def doc(text: str, **kw):
    """A dataclass field with its description for the template-variable reference."""
    return field(metadata={"doc": text}, **kw)


# ---------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Options:
    """The 设置 that change numbers or wording of 第三部分 (sheet 设置, docs/WORKBOOK.md)."""
    places: int = doc("百分比小数位（1 或 2）")
    keep_zeros: bool = doc("百分比保留尾零：是→100.00%")
    fixed_two: bool = doc("金额固定两位：是→36.30万元")
    rate_words: str = doc("升降词风格：上升下降 / 增长降低")
    total_junwei: bool = doc("收支总计措辞为“收、支总计均为”")
    list_all: bool = doc("收支项目列举为“全列”（二、三节零值项也写）")
    omit_zero_funds: bool = doc("省略零值资金：第四节本年、上年都为0的资金句不写")
    by_class: bool = doc("五三粒度为“类级”")
    write_shares_53: bool = doc("五三写占比：五（三）“其中：”后写基本、项目支出占比")
    threshold: Decimal = doc("偏差阈值（百分点），完成率偏离100%达到该值须写原因")
    zero_rate: str = doc("零分母比率写法：省略 / 0% / 100%；预算、决算都为 0 时 0%、100% 写“与预算持平”，分母为 0 的比率从不写成百分比")
    names_only: bool = doc("明细只列名称（第六节）")
    car_word: str = doc("三公车辆用语：跟表头 / 运行维护费 / 运行费")
    sangong_short: bool = doc("三公全零简式")
    procurement_short: bool = doc("采购零值简式")
    assets_short: bool = doc("资产零值简式")
    empty_with_numbers: bool = doc("空表附数值句（第七、八节）")
    section14: bool = doc("含第十四节")
    perf_sections: str = doc("十三小节：四节 / 三节")
    order: str = doc("节序：标准 / 2020版")
    balance: str = doc("调平方法：最大余数 / 末项调平")


def _yes(report: Report, key: str) -> bool:
    return str(report.setting(key)) == "是"


def options(report: Report) -> Options:
    places = int(Decimal(str(report.setting("百分比小数位"))))
    return Options(
        places=1 if places == 1 else 2,
        keep_zeros=_yes(report, "百分比保留尾零"),
        fixed_two=_yes(report, "金额固定两位"),
        rate_words=str(report.setting("升降词风格")),
        total_junwei=str(report.setting("收支总计措辞")) == FIELDS["收支总计措辞"].choices[1],
        list_all=str(report.setting("收支项目列举")) == FIELDS["收支项目列举"].choices[1],
        omit_zero_funds=_yes(report, "省略零值资金"),
        by_class=str(report.setting("五三粒度")) == FIELDS["五三粒度"].choices[1],
        write_shares_53=_yes(report, "五三写占比"),
        threshold=Decimal(str(report.setting("偏差阈值"))),
        zero_rate=str(report.setting("零分母比率写法")),
        names_only=_yes(report, "明细只列名称"),
        car_word=str(report.setting("三公车辆用语")),
        sangong_short=_yes(report, "三公全零简式"),
        procurement_short=_yes(report, "采购零值简式"),
        assets_short=_yes(report, "资产零值简式"),
        empty_with_numbers=_yes(report, "空表附数值句"),
        section14=_yes(report, "含第十四节"),
        perf_sections=str(report.setting("十三小节")),
        order=str(report.setting("节序")),
        balance=str(report.setting("调平方法")),
    )

