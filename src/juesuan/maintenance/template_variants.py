"""Inputs the bundled examples do not reach, for ``templates check``: every change of 第三部分 made
to increase, decrease, stay flat, lose its comparison value, compare with 0, be 0 or be negative,
and the parts given empty lists and the other choice of each switch.  A template that fails on
one of them would fail on some real workbook (a P12 of 0 …); the check renders each template
with them and lists the failures (not the wording: the inputs are not a real report).
"""
from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from decimal import Decimal

from juesuan.figures.values import Change, make_change

TEN = Decimal("10")


def _vary(c: Change, kind: str, places: int) -> Change:
    current = c.current if c.current else TEN
    if kind == "增加":
        return make_change(current, current - TEN if current > TEN else current / 2, places)
    if kind == "减少":
        return make_change(current, current + TEN, places)
    if kind == "持平":
        return make_change(current, current, places)
    if kind == "无比较值":
        return make_change(current, None, places)
    if kind == "比较值为0":
        return make_change(current, Decimal(0), places)
    if kind == "全为0":
        return make_change(Decimal(0), Decimal(0), places)
    return make_change(-abs(current), current, places)  # 负数


CHANGE_KINDS = ("增加", "减少", "持平", "无比较值", "比较值为0", "全为0", "负数")


def _walk(value, kind: str, places: int, depth: int = 0):
    if depth > 8:
        return value
    if isinstance(value, Change):
        return _vary(value, kind, places)
    if isinstance(value, list):
        return [_walk(v, kind, places, depth + 1) for v in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_walk(v, kind, places, depth + 1) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in fields(value):
            if not f.init:
                continue
            old = getattr(value, f.name)
            new = _walk(old, kind, places, depth + 1)
            if new is not old:
                changes[f.name] = new
        if changes:
            try:
                return replace(value, **changes)
            except (TypeError, ValueError):
                return value
    return value


def figure_variants(figs) -> list[tuple[str, object]]:
    """(name, Figures) with every Change of ``figs`` made of one kind."""
    places = getattr(figs.opts, "places", 2)
    return [(kind, _walk(figs, kind, places)) for kind in CHANGE_KINDS]


def parts_variants(context: dict) -> list[tuple[str, dict]]:
    """(name, context) for the parts: no workbook lists, and the other choice of each switch."""
    empty = {k: [] for k in ("duties", "units", "items", "subjects", "terms", "projects")}
    return [
        ("空列表", {**context, **empty, "staff": "", "sub_units": 0, "phone": "", "keywork": False}),
        ("另一种设置", {**context, "glossary_brief": not context.get("glossary_brief"),
                      "kind": "其他需要说明的情况" if context.get("kind") == "重点工作完成情况" else "重点工作完成情况",
                      "sub_units": 3, "caliber": "单位决算" if context.get("caliber") == "部门决算" else "部门决算"}),
    ]
