"""The 设置 sheet, typed: :class:`Settings` is read once per report (``report.settings``) and is the
only code that knows the settings' names and the words of their options.

Everything else asks a typed question (``settings.terms_brief``, ``settings.thousands``) instead of
comparing Chinese strings (``report.setting("名词解释版式") == "精简"``): a misspelt option in the
code then fails at import (:func:`_option`), not silently in the ``else`` branch, and a value outside
the list in a report built by code is recorded in :attr:`Settings.invalid` and reported by S-22
(a value read from a workbook is already checked by the reader: R-ENUM).
``tests/project/test_architecture.py`` rejects setting names and option words elsewhere in src.

The same object is ``opts`` in the narrative templates, so every field carries its description
for ``make-report templates vars`` (docs/TEMPLATE_VARIABLES.md).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Mapping

from juesuan.spec.supplement import FIELDS, SETTINGS

NAMES: tuple[str, ...] = tuple(f.id for f in SETTINGS.fields)
THRESHOLD_RANGE = (Decimal(0), Decimal(100))  # 偏差阈值, percentage points (S-22)


class SettingError(ValueError):
    """A maintainer's file (sections.json ``when``/``orders``) names a setting or option that does not exist."""


def doc(text: str, **kw):
    """A dataclass field with its description for the template-variable reference."""
    return field(metadata={"doc": text}, **kw)


def _option(name: str, word: str) -> str:
    """``word`` as an option of setting ``name``; a typo here fails when the module is imported."""
    if word not in FIELDS[name].choices:
        raise SettingError(f"设置“{name}”没有选项“{word}”（可选：{'、'.join(FIELDS[name].choices)}）")
    return word


YES = "是"
_PLACES_ONE = _option("百分比小数位", "1")
_JUNWEI = _option("收支总计措辞", "收、支总计均为")
_LIST_ALL = _option("收支项目列举", "全列")
_BY_CLASS = _option("五三粒度", "类级")
_ZERO_OMIT = _option("零分母比率写法", "省略")
_CAR_RUN = _option("三公车辆用语", "运行费")
_CAR_FULL = _option("三公车辆用语", "运行维护费")
_ORDER_2020 = _option("节序", "2020版")
_TERMS_BRIEF = _option("名词解释版式", "精简")
_YEAR_FIRST = _option("封面语序", "年度在前")
_ITEMS_ONLY = _option("科目行层级", "仅项")
_ECON_NONZERO = _option("表6科目集", "只列非零")
_BALANCE_LAST = _option("调平方法", "末项调平")


@dataclass(frozen=True)
class Settings:
    """The 设置 that change numbers, wording, tables or checks (sheet 设置, docs/WORKBOOK.md)."""
    places: int = doc("百分比小数位（1 或 2）")
    keep_zeros: bool = doc("百分比保留尾零：是→100.00%")
    fixed_two: bool = doc("金额固定两位：是→36.30万元")
    thousands: bool = doc("表格千分位：公开表金额加千分位逗号")
    rate_words: str = doc("升降词风格：上升下降 / 增长降低")
    total_junwei: bool = doc("收支总计措辞为“收、支总计均为”")
    list_all: bool = doc("收支项目列举为“全列”（二、三节零值项也写）")
    omit_zero_funds: bool = doc("省略零值资金：第四节本年、上年都为0的资金句不写")
    by_class: bool = doc("五三粒度为“类级”")
    write_shares_53: bool = doc("五三写占比：五（三）“其中：”后写基本、项目支出占比")
    threshold: Decimal = doc("偏差阈值（百分点），完成率偏离100%达到该值须写原因")
    zero_rate: str = doc("零分母比率写法：省略 / 0% / 100%；预算、决算都为 0 时 0%、100% 写“与预算持平”，分母为 0 的比率从不写成百分比")
    zero_rate_written: bool = doc("零分母比率写法不是“省略”：预算、决算都为 0 时写“与预算持平”")
    names_only: bool = doc("明细只列名称（第六节）")
    car_word: str = doc("三公车辆用语：跟表头 / 运行维护费 / 运行费")
    car_run: bool = doc("三公车辆用语为“运行费”")
    car_full: bool = doc("三公车辆用语为“运行维护费”")
    sangong_short: bool = doc("三公全零简式")
    procurement_short: bool = doc("采购零值简式")
    assets_short: bool = doc("资产零值简式")
    empty_with_numbers: bool = doc("空表附数值句（第七、八节）")
    section14: bool = doc("含第十四节")
    perf_sections: str = doc("十三小节：四节 / 三节")
    order: str = doc("节序：标准 / 2020版")
    order_2020: bool = doc("节序为“2020版”：“三公”经费（表和第九节）排在政府性基金、国有资本经营之前")
    terms_brief: bool = doc("名词解释版式为“精简”")
    year_first: bool = doc("封面语序为“年度在前”")
    items_only: bool = doc("科目行层级为“仅项”：公开表只印项级科目")
    econ_nonzero_only: bool = doc("表6科目集为“只列非零”")
    balance: str = doc("调平方法：最大余数 / 末项调平")
    balance_last: bool = doc("调平方法为“末项调平”")
    strict: bool = doc("严格审核：尾数差额也算错误")
    texts: Mapping[str, str] = doc("每项设置所选的文字，按设置名（如 texts[\"节序\"]）", repr=False, compare=False)
    invalid: tuple[tuple[str, str], ...] = doc("不在可选范围内而按默认值处理的设置：(设置名, 填写值)",
                                               default=(), compare=False)

    def text(self, name: str) -> str:
        """The option chosen for setting ``name`` as written (for data files and messages)."""
        if name not in self.texts:
            raise SettingError(f"没有名为“{name}”的设置（可选：{'、'.join(NAMES)}）")
        return self.texts[name]

    def matches(self, when: Mapping[str, object]) -> bool:
        """True when every setting named in ``when`` (sections.json) has the option given there."""
        for name, word in when.items():
            self.text(name)  # an unknown name says which names exist
            if FIELDS[name].choices and str(word) not in FIELDS[name].choices:
                raise SettingError(f"设置“{name}”没有选项“{word}”（可选：{'、'.join(FIELDS[name].choices)}）")
        return all(self.texts[name] == str(word) for name, word in when.items())


def _valid(name: str, raw: object) -> str | None:
    """The option text of ``raw`` for setting ``name``, or None when it is not a valid option."""
    f = FIELDS[name]
    if f.kind == "enum":
        text = str(int(raw)) if isinstance(raw, (int, float, Decimal)) and not isinstance(raw, bool) \
            and Decimal(str(raw)) == Decimal(str(raw)).to_integral() else str(raw).strip()
        return text if text in f.choices else None
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite() or not THRESHOLD_RANGE[0] <= value <= THRESHOLD_RANGE[1]:
        return None
    return str(raw).strip()


def read_settings(values: Mapping[str, object]) -> Settings:
    """The settings of a report's supplementary fields: a blank is the default; a value outside the
    options (or 偏差阈值 outside 0…100) is the default too and is listed in ``invalid`` (S-22)."""
    texts: dict[str, str] = {}
    invalid: list[tuple[str, str]] = []
    for name in NAMES:
        raw = values.get(name)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            texts[name] = str(FIELDS[name].default)
            continue
        text = _valid(name, raw)
        if text is None:
            invalid.append((name, str(raw)))
            text = str(FIELDS[name].default)
        texts[name] = text
    t = texts

    def yes(name: str) -> bool:
        return t[name] == YES

    threshold = Decimal(t["偏差阈值"])
    return Settings(
        places=1 if t["百分比小数位"] == _PLACES_ONE else 2,
        keep_zeros=yes("百分比保留尾零"),
        fixed_two=yes("金额固定两位"),
        thousands=yes("表格千分位"),
        rate_words=t["升降词风格"],
        total_junwei=t["收支总计措辞"] == _JUNWEI,
        list_all=t["收支项目列举"] == _LIST_ALL,
        omit_zero_funds=yes("省略零值资金"),
        by_class=t["五三粒度"] == _BY_CLASS,
        write_shares_53=yes("五三写占比"),
        threshold=threshold.normalize() if threshold == threshold.to_integral() else threshold,
        zero_rate=t["零分母比率写法"],
        zero_rate_written=t["零分母比率写法"] != _ZERO_OMIT,
        names_only=yes("明细只列名称"),
        car_word=t["三公车辆用语"],
        car_run=t["三公车辆用语"] == _CAR_RUN,
        car_full=t["三公车辆用语"] == _CAR_FULL,
        sangong_short=yes("三公全零简式"),
        procurement_short=yes("采购零值简式"),
        assets_short=yes("资产零值简式"),
        empty_with_numbers=yes("空表附数值句"),
        section14=yes("含第十四节"),
        perf_sections=t["十三小节"],
        order=t["节序"],
        order_2020=t["节序"] == _ORDER_2020,
        terms_brief=t["名词解释版式"] == _TERMS_BRIEF,
        year_first=t["封面语序"] == _YEAR_FIRST,
        items_only=t["科目行层级"] == _ITEMS_ONLY,
        econ_nonzero_only=t["表6科目集"] == _ECON_NONZERO,
        balance=t["调平方法"],
        balance_last=t["调平方法"] == _BALANCE_LAST,
        strict=yes("严格审核"),
        texts=texts,
        invalid=tuple(invalid),
    )
